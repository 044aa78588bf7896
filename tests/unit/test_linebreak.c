/* test_linebreak.c: clreq line breaking (KIN-START, KIN-END, UNBREAK, NOSPLIT, ORDER, PW-*,
   LATIN, JUST, RUNT, HANG, overfull tokens) on the sample article and on punctuation-dense
   texts, at measures from 8 to 40 em, with Noto Serif CJK SC, for both breakers (the greedy
   filler and the optimal-fit breaker, also with hanging punctuation). Every line of every case
   is checked against rule lists written out here from docs/clreq.md (not taken from clreq.c).
   Then: the optimum's demerits never exceed the greedy lines' on the sample, looseness
   statistics of both, cases where greedy leaves a very loose line, and ns/glyph of both on a
   1000-paragraph article. Run from the repository root. */
#include "layout/linebreak.h"
#include "layout/clreq.h"
#include "layout/words.h"
#include "shape/shape.h"
#include "base/utf8.h"
#include "base/buf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "clreq_lists.h"

static int fails;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

#define EM 10.5f

/* docs/clreq.md KIN-START and KIN-END, verbatim */
static const char dashes[] = "—⸺⸻";
static const char ellipses[] = "…⋯";

struct env {
	struct diag *d;
	struct fontset *fs;
	struct font *serif;
	struct shaper *sh;
	struct fontchain fc;
	struct shape_buf b;
	struct line_result r;
	struct buf dump;
	unsigned cases, lines, runts;
	int greedy;   /* line_params.greedy for every break of the current round */
	int hang;     /* line_params.hang */
};

/* Parameters for the current round (both breakers run every test). */
static struct line_params lp(const struct env *e, float measure, float indent, int justify)
{
	struct line_params p = {.measure = measure, .em = EM, .indent = indent, .justify = justify,
				.greedy = e->greedy, .hang = e->hang};
	return p;
}

static int is_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0x20000 && c <= 0x323AF) || c == 0x3007;
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == 0x3000 || c == 0xA0 || c == '\n' || c == 0x2028;
}

/* Whether byte b is inside a run of printable ASCII that looks like a URL or e-mail address. */
static int url_at(const char *text, size_t len, size_t b)
{
	if (!b || b >= len || text[b - 1] <= ' ' || text[b - 1] > '~' || text[b] <= ' ' || text[b] > '~')
		return 0;
	size_t s = b, e = b;
	while (s > 0 && text[s - 1] > ' ' && text[s - 1] <= '~')
		s--;
	while (e < len && text[e] > ' ' && text[e] <= '~')
		e++;
	char run[512];
	size_t n = e - s < sizeof run - 1 ? e - s : sizeof run - 1;
	memcpy(run, text + s, n);
	run[n] = 0;
	return strstr(run, "://") || !strncmp(run, "www.", 4) || (strchr(run, '@') && strchr(strchr(run, '@'), '.'));
}

/* The code point that ends text[0..b). */
static uint32_t cp_before(const char *text, size_t b)
{
	if (!b)
		return 0;
	size_t a = b - 1;
	while (a > 0 && ((unsigned char)text[a] & 0xC0) == 0x80)
		a--;
	uint32_t c = 0;
	utf8_decode(text + a, b - a, &c);
	return c;
}

static uint32_t cp_at(const char *text, size_t len, size_t b)
{
	uint32_t c = 0;
	if (b < len)
		utf8_decode(text + b, len - b, &c);
	return c;
}

/* Right edge of glyph g set at x as the last glyph of a line: a full-width mark shows only its
   half-width box (PW-END), read from the font's 'halt' metrics. */
static double edge_right(const struct shape_glyph *g, float x)
{
	double origin = x - g->xoff;
	int ha, hx;
	if (in_list(fw_marks, g->cp) && g->adv > 0.9f * EM && font_halt(g->font, g->cp, &ha, &hx))
		return origin + (ha - hx) * (double)EM / g->font->upem;
	return origin + g->adv;
}

/* Left edge of the ink box of g at x when it starts a line (PW-START for opening marks). */
static double edge_left(const struct shape_glyph *g, float x, int compressed)
{
	double origin = x - g->xoff;
	int ha, hx;
	if (compressed && in_list(fw_open, g->cp) && g->adv > 0.9f * EM &&
	    font_halt(g->font, g->cp, &ha, &hx))
		return origin - hx * (double)EM / g->font->upem;
	return origin;
}

static void shape(struct env *e, const char *text, size_t len)
{
	e->b.n = 0;
	enum err r = shape_text(e->sh, &e->fc, EM, text, len, (struct srcpos){"test", 1, 1}, &e->b);
	CHECK(r == ERR_OK);
}

static void show(struct env *e, const char *name, const char *text, size_t len, float measure)
{
	buf_reset(&e->dump);
	line_dump(text, len, e->b.g, e->b.n, &e->r, &e->dump);
	fprintf(stderr, "--- %s at %.2f em:\n%s", name, measure / EM, buf_cstr(&e->dump));
}

enum {
	CHK_OVERFULL = 1,  /* the text holds a token wider than the measure: lines broken inside
			      it are exempt from KIN and NOSPLIT, but still justified */
	CHK_NO_RUNT = 2    /* random text: a runt may be unfixable (counted, not failed) */
};

/* Checks every line of e->r against the rules; returns the number of problems. */
static int check_lines(struct env *e, const char *name, const char *text, size_t len,
		       const struct line_params *p, int opts)
{
	int allow_overfull = opts & CHK_OVERFULL;
	const struct shape_glyph *g = e->b.g;
	const struct line_result *r = &e->r;
	const float *x = r->x;
	size_t n = e->b.n;
	int bad = 0;
	char why[512];
#define LFAIL(...) do { snprintf(why, sizeof why, __VA_ARGS__); fprintf(stderr, "%s: measure %.2f em: line %zu: %s\n", name, p->measure / EM, li, why); bad++; } while (0)
	size_t li = 0;
	if (n && (!r->n || r->lines[0].start != 0))
		LFAIL("lines do not start at glyph 0");
	for (li = 0; li < r->n; li++) {
		const struct line *l = &r->lines[li];
		int last = li + 1 == r->n;
		if (l->start >= l->end || l->end > n) {
			LFAIL("bad range [%zu,%zu)", l->start, l->end);
			continue;
		}
		if (li) {
			const struct line *pl = &r->lines[li - 1];
			if (l->start < pl->end)
				LFAIL("overlaps the previous line");
			for (size_t i = pl->end; i < l->start && i < n; i++)
				if (!is_space(g[i].cp) || !isnan(x[i]))
					LFAIL("glyph %zu between lines is not a dropped space", i);
		}
		if (last)
			for (size_t i = l->end; i < n; i++)
				if (!is_space(g[i].cp))
					LFAIL("glyph %zu after the last line", i);
		size_t f = l->start, v = l->end;
		while (v > f && isnan(x[v - 1]))
			v--;
		if (v == f) {
			LFAIL("no drawn glyph");
			continue;
		}
		v--;
		for (size_t i = f; i <= v; i++)
			if (isnan(x[i]))
				LFAIL("glyph %zu inside the line not drawn", i);
		for (size_t i = v + 1; i < l->end; i++)
			if (!is_space(g[i].cp))
				LFAIL("undrawn glyph %zu at the end is not a space", i);
		/* origins move right (an opening mark that gave up its left half may start up to
		   ½ em left of a narrow glyph before it: its ink is in its right half) */
		for (size_t i = f; i < v; i++)
			if (x[i + 1] < x[i] - (in_list(fw_open, g[i + 1].cp) ? 0.5f * EM : 0) - 0.01f)
				LFAIL("x goes back at glyph %zu", i + 1);
		/* UNBREAK: never stretched inside; EXPAND: no letter-spacing of Latin words when the
		   line has a gap between two Han characters to widen instead */
		int hanpair = 0;
		for (size_t i = f; i < v; i++)
			hanpair |= is_han(g[i].cp) && is_han(g[i + 1].cp);
		for (size_t i = f; i < v; i++) {
			double step = (x[i + 1] - g[i + 1].xoff) - (x[i] - g[i].xoff);
			int unit = (in_list(dashes, g[i].cp) && in_list(dashes, g[i + 1].cp)) ||
				   (in_list(ellipses, g[i].cp) && in_list(ellipses, g[i + 1].cp));
			if (unit && fabs(step - g[i].adv) > 0.01)
				LFAIL("UNBREAK: unit stretched or squeezed at glyph %zu (%.3f)", i, step);
			if (hanpair && is_alnum(g[i].cp) && is_alnum(g[i + 1].cp) && fabs(step - g[i].adv) > 0.01)
				LFAIL("letter-spaced at glyph %zu", i);
			/* EXPAND never separates a character from the closing mark after it, nor an
			   opening mark from the character after it */
			if (((is_han(g[i].cp) && in_list(kin_start, g[i + 1].cp)) ||
			     (in_list(kin_end, g[i].cp) && is_han(g[i + 1].cp))) && fabs(step - g[i].adv) > 0.01)
				LFAIL("space between glyph %zu and its mark (%.3f)", i, step);
		}
		int ov = (l->flags & LINE_OVERFULL) || (li && (r->lines[li - 1].flags & LINE_OVERFULL));
		/* INDENT, PW-START: first line starts at the indent (opening mark kept full-width),
		   other lines flush left with opening marks compressed */
		double left = li == 0 ? edge_left(&g[f], x[f], 0) - p->indent : edge_left(&g[f], x[f], 1);
		if (fabs(left) > 0.01)
			LFAIL("left edge %.3f pt off", left);
		double right = edge_right(&g[v], x[v]);
		if (fabs(right - l->width) > 0.01)
			LFAIL("width %.3f but the last glyph ends at %.3f", l->width, right);
		/* HANG: only 、，。 hang, alone (the glyph before is no full-width mark), only when
		   asked for, half-width outside the measure; the line up to it is the line */
		int hung = (l->flags & LINE_HANG) != 0;
		if (hung) {
			if (!p->hang)
				LFAIL("HANG: hangs without the option");
			if (v == f || (g[v].cp != 0x3001 && g[v].cp != 0xFF0C && g[v].cp != 0x3002))
				LFAIL("HANG: hangs U+%04X", g[v].cp);
			else if (in_list(fw_marks, g[v - 1].cp) || is_space(g[v - 1].cp))
				LFAIL("HANG: a run of marks hangs (U+%04X U+%04X)", g[v - 1].cp, g[v].cp);
			else {
				right = edge_right(&g[v - 1], x[v - 1]);
				if (x[v] - g[v].xoff < right - 0.01)
					LFAIL("HANG: the mark overlaps the line");
				if (l->width > p->measure + 0.5 * EM + 0.01)
					LFAIL("HANG: hangs more than half an em");
			}
		}
		if (right > p->measure + 0.01 && !allow_overfull)
			LFAIL("wider than the measure: %.3f", right);
		/* JUST */
		int lone = 1;   /* no gap JUST may widen: units, or a character and its mark */
		for (size_t i = f; i < v; i++)
			if (g[i].cluster != g[i + 1].cluster &&
			    !(in_list(dashes, g[i].cp) && in_list(dashes, g[i + 1].cp)) &&
			    !(in_list(ellipses, g[i].cp) && in_list(ellipses, g[i + 1].cp)) &&
			    !in_list(kin_start, g[i + 1].cp) && !in_list(kin_end, g[i].cp))
				lone = 0;
		if ((l->flags & LINE_UNDERFULL) && !lone)
			LFAIL("flagged underfull but has gaps to widen");
		if (!last && p->justify && !(l->flags & (LINE_FORCED | LINE_UNDERFULL))) {
			if (fabs(right - p->measure) > 0.01)
				LFAIL("not justified: ends at %.3f of %.3f", right, p->measure);
			if (!(l->flags & LINE_JUSTIFIED))
				LFAIL("not flagged justified");
		}
		if (li && !ov && in_list(kin_start, g[f].cp))
			LFAIL("KIN-START: starts with U+%04X", g[f].cp);
		if (!last && !(l->flags & LINE_OVERFULL) && in_list(kin_end, g[v].cp))
			LFAIL("KIN-END: ends with U+%04X", g[v].cp);
		if (!last && !(l->flags & LINE_OVERFULL)) {
			size_t nf = r->lines[li + 1].start;
			if (nf < n) {
				size_t b = g[nf].cluster;
				uint32_t a = cp_before(text, b), c = cp_at(text, len, b);
				uint32_t a2 = b ? cp_before(text, b - 1) : 0;
				if (g[nf].cluster == g[v].cluster)
					LFAIL("cluster split");
				if (in_list(dashes, a) && in_list(dashes, c))
					LFAIL("UNBREAK: dash split");
				if (in_list(ellipses, a) && in_list(ellipses, c))
					LFAIL("UNBREAK: ellipsis split");
				if (is_alnum(a) && is_alnum(c))
					LFAIL("NOSPLIT: word or number split (%c|%c)", (char)a, (char)c);
				if (is_digit(a) && (c == '%' || c == '.' || c == ','))
					LFAIL("NOSPLIT: number split before '%c'", (char)c);
				if ((a == '.' || a == ',') && is_digit(a2) && is_digit(c))
					LFAIL("NOSPLIT: number split after '%c'", (char)a);
				if (url_at(text, len, b) && (!strchr("/.-?&=#_~@", (int)a) || c == '/'))
					LFAIL("NOSPLIT: URL broken after '%c'", (char)a);
				if (url_at(text, len, b) && b >= 3 && !memcmp(text + b - 3, "://", 3))
					LFAIL("NOSPLIT: URL broken after its scheme");
			}
		}
		/* RUNT (not fixable after an overfull line, nor when the line before has nothing
		   but that piece to give: checked by test_runt) */
		if (last && r->n > 1 && !(r->lines[li - 1].flags & (LINE_OVERFULL | LINE_UNDERFULL))) {
			size_t chars = 0, han = 0;
			for (size_t i = f; i <= v; i++) {
				uint32_t c = g[i].cp;
				if (is_space(c) || in_list(kin_start, c) || in_list(kin_end, c) ||
				    in_list(dashes, c) || in_list(ellipses, c) || (i > f && g[i].cluster == g[i - 1].cluster))
					continue;
				chars++;
				han += is_han(c);
			}
			if (chars == 1 && han == 1) {
				if (opts & CHK_NO_RUNT)
					{ e->runts++; if (getenv("LB_SHOW")) show(e, name, text, len, p->measure); }
				else
					LFAIL("RUNT: the last line holds a single Han character");
			}
		}
	}
	e->lines += (unsigned)r->n;
	e->cases++;
	if (bad)
		show(e, name, text, len, p->measure);
	return bad;
#undef LFAIL
}

static const float measures_em[] = {8, 13, 17.5f, 20, 28, 33, 40};
#define NMEASURES (sizeof measures_em / sizeof *measures_em)

/* Shapes text once and breaks it at every measure, justified with a 2 em indent, then ragged
   and with no indent at 20 em. allow_overfull: expected "overfull" warnings. */
static void run(struct env *e, const char *name, const char *text, int allow_overfull)
{
	size_t len = strlen(text);
	shape(e, text, len);
	unsigned w0 = diag_warnings(e->d);
	for (size_t m = 0; m < NMEASURES + 2; m++) {
		struct line_params p = lp(e, measures_em[m < NMEASURES ? m : 3] * EM, 2 * EM, 1);
		if (m == NMEASURES)
			p.justify = 0;
		if (m == NMEASURES + 1)
			p.indent = 0;
		enum err r = line_break(e->b.g, e->b.n, text, len, &p, &e->r, e->d,
					(struct srcpos){"test", 1, 1});
		CHECK(r == ERR_OK);
		if (r == ERR_OK && check_lines(e, name, text, len, &p, allow_overfull ? CHK_OVERFULL : 0))
			fails++;
	}
	if (!allow_overfull && diag_warnings(e->d) != w0) {
		fprintf(stderr, "%s: unexpected warnings\n", name);
		fails++;
	}
}

/* Breaks text at one measure (em units) and indent; returns 0 on success. */
static int brk(struct env *e, const char *text, float measure_em, float indent_em, int justify)
{
	size_t len = strlen(text);
	shape(e, text, len);
	struct line_params p = lp(e, measure_em * EM, indent_em * EM, justify);
	enum err r = line_break(e->b.g, e->b.n, text, len, &p, &e->r, e->d, (struct srcpos){"t", 3, 1});
	if (r == ERR_OK && check_lines(e, text, text, len, &p, 0))
		fails++;
	return r;
}

static int near(double a, double b)
{
	return fabs(a - b) < 0.01;
}

/* PW-ADJ, PW-END, PW-START, LATIN on single lines with exact positions. */
static void test_widths(struct env *e)
{
	const float *x;
	CHECK(brk(e, "字。”字", 40, 0, 1) == ERR_OK && e->r.n == 1);
	x = e->r.x;
	CHECK(near(x[1], EM) && near(x[2], 1.5 * EM) && near(x[3], 2.5 * EM));
	CHECK(near(e->r.lines[0].width, 3.5 * EM));

	/* ，“ : ½ em of blank between the comma's ink and the quote's ink; ” at the end half-width */
	CHECK(brk(e, "字，“字”", 40, 0, 1) == ERR_OK && e->r.n == 1);
	x = e->r.x;
	CHECK(near(x[2], 1.5 * EM) && near(x[3], 2.5 * EM) && near(x[4], 3.5 * EM));
	CHECK(near(e->r.lines[0].width, 4 * EM));

	/* ）（ : 1.5 em together */
	CHECK(brk(e, "字）（字", 40, 0, 1) == ERR_OK && e->r.n == 1);
	x = e->r.x;
	CHECK(near(x[2], 1.5 * EM) && near(x[3], 2.5 * EM) && near(e->r.lines[0].width, 3.5 * EM));

	/* “‘ at the paragraph start: “ stays full-width (PW-START decision), ‘ loses its left half */
	CHECK(brk(e, "“‘字’”", 40, 0, 1) == ERR_OK && e->r.n == 1);
	x = e->r.x;
	CHECK(near(x[0], 0) && near(x[1], 0.5 * EM) && near(x[2], 1.5 * EM) && near(x[3], 2.5 * EM) &&
	      near(x[4], 3 * EM) && near(e->r.lines[0].width, 3.5 * EM));

	/* 。”（ three marks: 2 em */
	CHECK(brk(e, "字。”（字", 40, 0, 1) == ERR_OK);
	x = e->r.x;
	CHECK(near(x[2] - x[1], 0.5 * EM) && near(x[3] - x[1], EM) && near(x[4] - x[1], 2 * EM)); /* 。”（ = 2 em */

	/* LATIN: ¼ em between Han and Latin, none next to a real space */
	CHECK(brk(e, "字a字", 40, 0, 1) == ERR_OK);
	x = e->r.x;
	const struct shape_glyph *g = e->b.g;
	CHECK(near(x[1], 1.25 * EM) && near(x[2], 1.25 * EM + g[1].adv + 0.25 * EM));
	CHECK(brk(e, "字 a字", 40, 0, 1) == ERR_OK);
	x = e->r.x;
	g = e->b.g;
	CHECK(near(x[2], EM + g[1].adv) && near(x[3], EM + g[1].adv + g[2].adv + 0.25 * EM));
	CHECK(brk(e, "增长20%以上", 40, 0, 1) == ERR_OK);
	x = e->r.x;
	g = e->b.g;
	CHECK(near(x[2], 2.25 * EM) && near(x[5], x[4] + g[4].adv + 0.25 * EM));

	/* INDENT and PW-START: first line indented with the quote full-width; a quote starting
	   a later line is compressed to the edge */
	CHECK(brk(e, "“字字”字字字字字“字字”字字字字字字字字字字字字", 6, 2, 1) == ERR_OK);
	x = e->r.x;
	CHECK(near(x[0], 2 * EM));
	int found = 0;
	for (size_t i = 1; i < e->r.n; i++)
		if (e->b.g[e->r.lines[i].start].cp == 0x201C) {
			found = 1;
			CHECK(near(x[e->r.lines[i].start], -0.5 * EM));
		}
	CHECK(found);
}

/* ORDER: squeeze a comma in before pushing a character down. */
static void test_order(struct env *e)
{
	/* the inner ， can give ½ em: the line takes the second ， (先挤进) */
	CHECK(brk(e, "一二三，五六七八九十，一二三四五六", 10, 0, 1) == ERR_OK);
	CHECK(e->r.n == 2 && e->r.lines[0].end == 11 && (e->r.lines[0].flags & LINE_SQUEEZED));
	CHECK(near(e->r.x[4], 3.5 * EM));
	/* ... at every measure: the optimum would rather stretch a wide line by 1 em than
	   squeeze it fully, but ORDER comes first */
	for (int m = 8; m <= 40; m += 4) {
		char t[512];
		size_t o = (size_t)snprintf(t, sizeof t, "一二三，");
		static const char han[] = "社会工作主题宣传活动";
		for (int i = 0; i < m - 4; i++)
			o += (size_t)snprintf(t + o, sizeof t - o, "%.3s", han + (i % 10) * 3);
		snprintf(t + o, sizeof t - o, "，一二三四五六");
		CHECK(brk(e, t, (float)m, 0, 1) == ERR_OK);
		CHECK(e->r.n == 2 && e->r.lines[0].end == (size_t)m + 1 && (e->r.lines[0].flags & LINE_SQUEEZED));
	}
	/* nothing to squeeze: 十 moves down with the comma (后推出) */
	CHECK(brk(e, "一二三四五六七八九十，一二三四五六", 10, 0, 1) == ERR_OK);
	if (e->hang)   /* HANG: the comma hangs instead */
		CHECK(e->r.n == 2 && e->r.lines[0].end == 11 && (e->r.lines[0].flags & LINE_HANG));
	else
		CHECK(e->r.n == 2 && e->r.lines[0].end == 9 && !(e->r.lines[0].flags & LINE_SQUEEZED));
	/* SHRINK (D10): a squeeze of up to half the marks' blanks is spread over every mark of
	   the line alike, brackets, commas and full stops: here （ ） ， each give 1/6 em ... */
	CHECK(brk(e, "一（二）三，五六七八，一二三", 10, 0, 1) == ERR_OK);
	CHECK(e->r.lines[0].end == 11 && near(e->r.x[2], (1 + 5.0 / 6) * EM) &&
	      near(e->r.x[5], (4 + 2.0 / 3) * EM));
	/* ... and here ， and 。 each give ¼ em (not the comma ½ em alone) */
	CHECK(brk(e, "一，三。五六七八九十，一二三", 10, 0, 1) == ERR_OK);
	CHECK(e->r.lines[0].end == 11 && near(e->r.x[2], 1.75 * EM) && near(e->r.x[4], 3.5 * EM));
	/* KIN-END: “ may not end a line: it goes down with the next character */
	CHECK(brk(e, "一二三四五六七八九“十”一二三四五六七", 10, 0, 1) == ERR_OK);
	CHECK(e->r.lines[0].end == 9);
	/* a closing quote and a full stop after the measure: squeezed in when possible */
	CHECK(brk(e, "一二，四五，七八九十。”一二三四五", 10, 0, 1) == ERR_OK);
	CHECK(e->r.lines[0].end == 12);
}

static void test_runt(struct env *e)
{
	/* RUNT never at the price of a line that cannot be justified: the only earlier break
	   would leave 字 alone before the word */
	const char *t = "字Internationalize字。";
	struct line_params p = lp(e, 10 * EM, 0, 1);
	shape(e, t, strlen(t));
	CHECK(line_break(e->b.g, e->b.n, t, strlen(t), &p, &e->r, e->d, (struct srcpos){"t", 1, 1}) == ERR_OK);
	CHECK(e->r.n == 2 && (e->r.lines[0].flags & LINE_JUSTIFIED) && e->r.lines[1].start == e->b.n - 2);
	/* 21 Han + 。at 10 em: greedy leaves 「一。」 alone; RUNT pulls one more down */
	CHECK(brk(e, "一二三四五六七八九十一二三四五六七八九十一。", 10, 0, 1) == ERR_OK);
	CHECK(e->r.n == 3 && e->r.lines[2].start == 19);
	CHECK(brk(e, "一二三四五六七八九十一二三四五六七八九十一。”", 10, 0, 1) == ERR_OK);
	CHECK(e->r.n == 3 && e->r.lines[2].start == 19);
}

/* KEEP: no break inside a range the caller keeps whole (a name in a byline, D5). */
static void test_keep(struct env *e)
{
	/* （记者 欧阳建国 李光正） at 7 em: without KEEP the first line takes 欧阳 (7 ems) */
	const char *t = "（记者 欧阳建国 李光正）";
	size_t len = strlen(t);
	uint32_t keep[4];
	keep[0] = (uint32_t)(strstr(t, "欧阳建国") - t);
	keep[1] = keep[0] + (uint32_t)strlen("欧阳建国");
	keep[2] = (uint32_t)(strstr(t, "李光正") - t);
	keep[3] = keep[2] + (uint32_t)strlen("李光正");
	for (int with = 0; with < 2; with++) {
		struct line_params p = lp(e, 7 * EM, 0, 0);
		if (with) {
			p.keep = keep;
			p.n_keep = 2;
		}
		shape(e, t, len);
		CHECK(line_break(e->b.g, e->b.n, t, len, &p, &e->r, e->d, (struct srcpos){"t", 1, 1}) == ERR_OK);
		int inside = 0;
		for (size_t i = 0; i + 1 < e->r.n; i++) {
			uint32_t at = e->b.g[e->r.lines[i].end].cluster; /* the next line's first byte */
			for (int k = 0; k < 2; k++)
				inside |= at > keep[2 * k] && at < keep[2 * k + 1];
		}
		CHECK(inside == !with);
	}
}

/* Largest extra space between two drawn glyphs of line i (pen moved past the advance), pt. */
static double widest_gap(const struct env *e, size_t i)
{
	const struct line *l = &e->r.lines[i];
	double worst = 0;
	size_t prev = (size_t)-1;
	for (size_t j = l->start; j < l->end; j++) {
		if (isnan(e->r.x[j]))
			continue;
		if (prev != (size_t)-1) {
			double gap = (e->r.x[j] - e->b.g[j].xoff) - (e->r.x[prev] - e->b.g[prev].xoff) -
				     e->b.g[prev].adv;
			if (gap > worst)
				worst = gap;
		}
		prev = j;
	}
	return worst;
}

/* HYPH (typography review D11): a long Latin word is broken with a hyphen (libhyphen's en-US
   patterns) rather than letter-spacing a line of Chinese; the hyphenated line is justified
   with the hyphen's width, breaks only at a hyphenation point, never on the last line; the
   greedy filler and ragged text never hyphenate. */
static void test_hyph(struct env *e)
{
	const char *t = "正是由于JScript 9的种种新特性，tombkeeper提出了“点穴攻击”的思路，即在Windows"
			"脚本宿主或HTA程序中调用很多种对象。";
	size_t len = strlen(t);
	struct words_hyph *h = words_hyph_load("en-US");
	if (!h) {
		fprintf(stderr, "test_hyph: no en-US patterns (hyphen-en-us): skipped\n");
		return;
	}
	struct buf pts;
	buf_init(&pts);
	size_t np = words_hyphens(h, t, len, &pts);
	const uint32_t *pt = (const uint32_t *)pts.p;
	/* tomb-keeper and Win-dows; none inside JScript (a capital inside) */
	size_t tk = (size_t)(strstr(t, "keeper") - t), wd = (size_t)(strstr(t, "dows") - t);
	int has_tk = 0, has_wd = 0, in_js = 0;
	for (size_t i = 0; i < np; i++) {
		has_tk |= pt[i] == tk;
		has_wd |= pt[i] == wd;
		in_js |= pt[i] > (size_t)(strstr(t, "JScript") - t) && pt[i] < (size_t)(strstr(t, " 9") - t);
	}
	CHECK(np >= 2 && has_tk && has_wd && !in_js);
	shape(e, t, len);
	float hw = 0.33f * EM;
	int used = 0, looser = 0;
	for (float m = 8; m <= 20; m += 0.5f) {
		double worst[2] = {0, 0};
		for (int with = 0; with < 2; with++) {
			struct line_params p = lp(e, m * EM, 2 * EM, 1);
			p.greedy = 0;
			if (with) {
				p.hyph = pt;
				p.n_hyph = np;
				p.hyph_w = hw;
			}
			CHECK(line_break(e->b.g, e->b.n, t, len, &p, &e->r, NULL, (struct srcpos){"t", 1, 1}) == ERR_OK);
			for (size_t i = 0; i < e->r.n; i++) {
				const struct line *l = &e->r.lines[i];
				double g = widest_gap(e, i);
				if (!(l->flags & LINE_LAST) && g > worst[with])
					worst[with] = g;
				if (!(l->flags & LINE_HYPHEN))
					continue;
				CHECK(with && !(l->flags & LINE_LAST) && l->end < e->b.n);
				CHECK(fabsf(l->width - m * EM) < 0.01f);
				uint32_t at = e->b.g[l->end].cluster;
				int ok = 0;
				for (size_t k = 0; k < np; k++)
					ok |= pt[k] == at;
				CHECK(ok);
				used++;
			}
		}
		looser += worst[1] < worst[0] - 0.01;
		if (getenv("TEST_HYPH_V"))
			fprintf(stderr, "%.1f em: widest gap %.2f -> %.2f pt\n", m, worst[0], worst[1]);
	}
	CHECK(used > 0);
	CHECK(looser > 0);
	/* greedy and ragged: never */
	for (int mode = 0; mode < 2; mode++) {
		struct line_params p = lp(e, 11 * EM, 2 * EM, mode);
		p.greedy = mode;
		p.hyph = pt;
		p.n_hyph = np;
		p.hyph_w = hw;
		CHECK(line_break(e->b.g, e->b.n, t, len, &p, &e->r, NULL, (struct srcpos){"t", 1, 1}) == ERR_OK);
		for (size_t i = 0; i < e->r.n; i++)
			CHECK(!(e->r.lines[i].flags & LINE_HYPHEN));
	}
	/* the dump shows the hyphen: at 8 em a hyphen ends a line (widest gap 27.91 pt without) */
	struct line_params p = lp(e, 8 * EM, 2 * EM, 1);
	p.greedy = 0;
	p.hyph = pt;
	p.n_hyph = np;
	p.hyph_w = hw;
	CHECK(line_break(e->b.g, e->b.n, t, len, &p, &e->r, NULL, (struct srcpos){"t", 1, 1}) == ERR_OK);
	buf_reset(&e->dump);
	line_dump(t, len, e->b.g, e->b.n, &e->r, &e->dump);
	if (getenv("TEST_HYPH_V"))
		fprintf(stderr, "%s", buf_cstr(&e->dump));
	CHECK(strstr(buf_cstr(&e->dump), "2 84.00 JY |种新特性，tomb-|\n3 84.00 JS |keeper"));
	/* the run's cache (words_hyphs): each language's patterns once, the same for every job;
	   a language without patterns is remembered as such; they give the same points */
	struct words_hyphs *cache = words_hyphs_new();
	CHECK(cache != NULL);
	if (cache) {
		const struct words_hyph *c1 = words_hyphs_get(cache, "en-US");
		CHECK(c1 && c1 != h && words_hyphs_get(cache, "en-US") == c1);
		CHECK(!strcmp(words_hyph_lang(c1), "en_US"));
		CHECK(words_hyphs_get(cache, "xx-YY") == NULL && words_hyphs_get(cache, "xx-YY") == NULL);
		CHECK(words_hyphs_get(cache, "en-US") == c1 && words_hyphs_get(cache, NULL) == NULL);
		struct buf p2;
		buf_init(&p2);
		CHECK(words_hyphens(c1, t, len, &p2) == np && p2.len == pts.len &&
		      !memcmp(p2.p, pts.p, pts.len));
		buf_free(&p2);
		words_hyphs_free(cache);
	}
	buf_free(&pts);
	words_hyph_free(h);
}

/* NOSPLIT (typography review D12): no break on either side of / ／ × set between two
   characters: a line never ends with 元/ or 1920× nor starts with /斤 or ×1080. */
static void test_joiners(struct env *e)
{
	const char *t = "车速达到120km/h以上，价格9.9元/斤，分辨率为1920×1080像素，比例3/4的样本，"
			"浓度为35μg/m³，电压220V/50Hz，单价30元／千克。";
	size_t len = strlen(t);
	shape(e, t, len);
	for (float m = 4; m <= 30; m += 0.5f) {
		struct line_params p = lp(e, m * EM, 0, 1);
		CHECK(line_break(e->b.g, e->b.n, t, len, &p, &e->r, NULL, (struct srcpos){"t", 1, 1}) == ERR_OK);
		for (size_t i = 0; i + 1 < e->r.n; i++) {
			const struct line *l = &e->r.lines[i];
			if (l->flags & LINE_OVERFULL)
				continue;
			uint32_t last = e->b.g[l->end - 1].cp, next = e->b.g[l->end].cp;
			if (last == '/' || last == 0xFF0F || last == 0xD7 || next == '/' || next == 0xFF0F ||
			    next == 0xD7) {
				fprintf(stderr, "FAIL: joiners at %.1f em: line %zu ends at U+%04X before U+%04X\n",
					m, i, last, next);
				fails++;
			}
		}
	}
}

/* PW-START (typography review D14): with trim_start (titles, subheads: no indent) the first
   line trims an opening mark's blank left half like any other line start, or “ and （ look
   indented; a body paragraph's first line keeps it full width, after the indent or not. */
static void test_start_trim(struct env *e)
{
	const char *t = "“五社联动”促基层治理";
	size_t len = strlen(t);
	shape(e, t, len);
	float w[3];
	for (int v = 0; v < 3; v++) {
		struct line_params p = lp(e, 20 * EM, v == 2 ? 2 * EM : 0, 0);
		p.trim_start = v == 0;
		CHECK(line_break(e->b.g, e->b.n, t, len, &p, &e->r, NULL, (struct srcpos){"t", 1, 1}) == ERR_OK);
		CHECK(e->r.n == 1);
		float x0 = e->r.x[0] - e->b.g[0].xoff;
		CHECK(v == 0 ? x0 < -0.4f * EM : near(x0, v == 2 ? 2 * EM : 0));
		w[v] = e->r.lines[0].width;
	}
	CHECK(w[1] - w[0] > 0.4f * EM && near(w[2] - w[1], 2 * EM));
}

/* UNBREAK and punctuation runs at every position modulo the measure. */
static void test_positions(struct env *e)
{
	/* · ～ ／ are where UAX #14 alone would allow a bad line start */
	static const char *const units[] = {"——", "……", "⸺", "⋯⋯", "。”（", "？！」。", "“‘……’”", "》、《",
					   "2022年", "3.14", "20%", "(1)(2)", "叶·景丽", "5～10", "北京／上海",
					   "a.b@c.cn/x"};
	char text[1024];
	for (size_t u = 0; u < sizeof units / sizeof *units; u++)
		for (int pos = 0; pos < 24; pos++) {
			/* pos Han characters (cycling), the unit, more text, the unit again */
			size_t o = 0;
			static const char han[] = "社会工作主题宣传活动";
			for (int i = 0; i < pos; i++) {
				memcpy(text + o, han + (i % 10) * 3, 3);
				o += 3;
			}
			o += (size_t)snprintf(text + o, sizeof text - o, "%s他说%s湖北各地开展社会工作主题宣传活动%s共同服务居民%s。",
					      units[u], units[u], units[u], units[u]);
			char name[64];
			snprintf(name, sizeof name, "unit %zu at %d", u, pos);
			run(e, name, text, 0);
		}
}

static void test_overfull(struct env *e)
{
	char text[4096];
	/* a 200-character token without any break opportunity */
	size_t o = (size_t)snprintf(text, sizeof text, "数据为");
	for (int i = 0; i < 200; i++)
		text[o++] = (char)('a' + i % 26);
	o += (size_t)snprintf(text + o, sizeof text - o, "，共同服务居民。");
	unsigned w0 = diag_warnings(e->d);
	diag_set_quiet(e->d, 1);
	struct line_params p = lp(e, 8 * EM, 2 * EM, 1);
	shape(e, text, o);
	CHECK(line_break(e->b.g, e->b.n, text, o, &p, &e->r, e->d, (struct srcpos){"t", 7, 1}) == ERR_OK);
	CHECK(!check_lines(e, "200-char token", text, o, &p, CHK_OVERFULL));
	CHECK(e->r.lines[0].end > 3);   /* the token starts on the first line: filled, not pushed */
	CHECK(diag_warnings(e->d) == w0 + 1);
	/* a URL with a 150-character path segment in narrow columns */
	o = (size_t)snprintf(text, sizeof text, "详见https://www.example.com/");
	for (int i = 0; i < 150; i++)
		text[o++] = (char)('A' + i % 26);
	o += (size_t)snprintf(text + o, sizeof text - o, "/index.html，或访问www.hubei.gov.cn。");
	shape(e, text, o);
	for (size_t m = 0; m < NMEASURES; m++) {
		w0 = diag_warnings(e->d);
		p.measure = measures_em[m] * EM;
		CHECK(line_break(e->b.g, e->b.n, text, o, &p, &e->r, e->d, (struct srcpos){"t", 8, 1}) == ERR_OK);
		CHECK(!check_lines(e, "long URL", text, o, &p, CHK_OVERFULL));
		CHECK(diag_warnings(e->d) == w0 + 1);
	}
	/* a lone character before a word that fits a line of its own: the word is not broken,
	   the line is left underfull with a warning */
	w0 = diag_warnings(e->d);
	p.measure = 8 * EM;
	const char *lone = "社Organization，社会工作Organization。";
	shape(e, lone, strlen(lone));
	CHECK(line_break(e->b.g, e->b.n, lone, strlen(lone), &p, &e->r, e->d, (struct srcpos){"t", 9, 1}) == ERR_OK);
	CHECK(!check_lines(e, "lone", lone, strlen(lone), &p, 0));
	CHECK(e->r.n == 4 && (e->r.lines[0].flags & LINE_UNDERFULL) && diag_warnings(e->d) == w0 + 1);
	/* an author's ZWSP inside a Latin word is a break opportunity (HarfBuzz drops its glyph) */
	w0 = diag_warnings(e->d);
	const char *zw = "社会工作abcdefghijklm\u200bnopqrstuvwxyz社会工作";
	shape(e, zw, strlen(zw));
	CHECK(line_break(e->b.g, e->b.n, zw, strlen(zw), &p, &e->r, e->d, (struct srcpos){"t", 9, 1}) == ERR_OK);
	CHECK(!check_lines(e, "zwsp", zw, strlen(zw), &p, 0));
	CHECK(e->r.n == 4 && e->b.g[e->r.lines[2].start].cp == 'n' && diag_warnings(e->d) == w0);
	/* long Latin words in narrow columns */
	run(e, "long words", "世界卫生组织（World Health Organization）提出了Internationalization与Antidisestablishmentarianism等概念，"
	    "Pneumonoultramicroscopicsilicovolcanoconiosis是最长的英文单词之一。", 1);
	diag_set_quiet(e->d, 0);
}

/* Hostile paragraphs: bounded time, no crash, every line within the measure. */
static void test_hostile(struct env *e)
{
	static const char *const reps[] = {"，", "（", "—", "…", " ", "a", "字", "。”", "　", "1",
					   "i ", "字a", "字，", "l-"};
	size_t cap = 30000 * 3 + 16;
	char *text = malloc(cap);
	double worst = 0;
	diag_set_quiet(e->d, 1);
	for (size_t km = 0; km < 2 * (sizeof reps / sizeof *reps); km++) {
		size_t k = km / 2;
		size_t o = 0, l = strlen(reps[k]);
		while (o + l < cap - 16 && o < 60000) {
			memcpy(text + o, reps[k], l);
			o += l;
		}
		shape(e, text, o);
		struct line_params p = lp(e, (km % 2 ? 40 : 8) * EM, 2 * EM, 1);
		clock_t t0 = clock();
		CHECK(line_break(e->b.g, e->b.n, text, o, &p, &e->r, e->d, (struct srcpos){"h", 1, 1}) == ERR_OK);
		double ms = (clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
		CHECK(ms < 500);
		worst = ms > worst ? ms : worst;
		if (getenv("LB_SHOW"))
			fprintf(stderr, "hostile %zu at %s em: %.1f ms, %zu lines\n", k, km % 2 ? "40" : "8", ms, e->r.n);
		CHECK(e->r.n > 0 || k == 4);
		for (size_t i = 0; i < e->r.n; i++)
			if (e->r.lines[i].width > p.measure + (e->hang ? 0.5 * EM : 0) + 0.01) {
				fprintf(stderr, "hostile %zu: line %zu width %.2f\n", k, i, e->r.lines[i].width);
				fails++;
				break;
			}
	}
	diag_set_quiet(e->d, 0);
	free(text);
	printf("test_linebreak: hostile paragraphs (up to 60000 bytes) at 8 and 40 em: slowest %.1f ms\n", worst);
}

/* What libunibreak 1.1 asserts on (issue 12): U+FFFF (its end marker) and regional indicators;
   also the other noncharacters and lone indicators. No abort; a flag (an indicator pair) never
   split across lines, and a line may break before and after it (ideograph-like). */
static void test_unibreak_guard(struct env *e)
{
	static const char *const texts[] = {
		"这是一段文字🇨🇳，测试国旗。", "\xEF\xBF\xBF", "前\xEF\xBF\xBF后\xEF\xBF\xBE",
		"🇨", "🇨🇳🇨", "\xEF\xB7\x90\xEF\xB7\xAF\xF0\x9F\xBF\xBF\xF4\x8F\xBF\xBE\xF4\x8F\xBF\xBF",
		"a\xEF\xBF\xBF\xCC\x81 \xEF\xBF\xBF", "🇨\xCC\x81🇳\xE2\x80\x8D🇺🇸"};
	diag_set_quiet(e->d, 1);
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
		for (float m = 1; m <= 8; m *= 2) {
			size_t len = strlen(texts[k]);
			shape(e, texts[k], len);
			struct line_params p = lp(e, m * EM, 0, 1);
			CHECK(line_break(e->b.g, e->b.n, texts[k], len, &p, &e->r, e->d,
					 (struct srcpos){"u", 1, 1}) == ERR_OK);
			CHECK(e->r.n > 0);
		}
	/* flags at 2 em: lines break between flags and ideographs, never inside a flag */
	const char *t = "国🇨🇳旗🇯🇵🇺🇸国旗🇨🇳🇨🇳🇨🇳旗";
	size_t len = strlen(t);
	shape(e, t, len);
	struct line_params p = lp(e, 2 * EM, 0, 0);
	CHECK(line_break(e->b.g, e->b.n, t, len, &p, &e->r, e->d, (struct srcpos){"u", 1, 1}) == ERR_OK);
	CHECK(e->r.n >= 6);
	for (size_t i = 0; i < e->r.n; i++) {
		size_t s = e->r.lines[i].start;
		if (s == 0 || s >= e->b.n)
			continue;
		/* the first glyph of a line is no flag's second indicator: count the indicators
		   before it in the text (flags pair from the start of each run of them) */
		size_t b = e->b.g[s].cluster, run = 0;
		while (b >= 4 * (run + 1) && !memcmp(t + b - 4 * (run + 1), "\xF0\x9F\x87", 3))
			run++;
		CHECK(run % 2 == 0);
	}
	diag_set_quiet(e->d, 0);
}

static void test_api(struct env *e)
{
	/* a measure narrower than one character: every glyph overfull, warnings capped */
	{
		struct diag *q = diag_new(NULL);
		const char *t = "一二三四五六七八九十一二三四五六七八九十";
		struct line_params np = lp(e, 5, 0, 1);
		shape(e, t, strlen(t));
		CHECK(line_break(e->b.g, e->b.n, t, strlen(t), &np, &e->r, q, (struct srcpos){"t", 1, 1}) == ERR_OK);
		CHECK(e->r.n == 20 && diag_warnings(q) == 4);
		diag_free(q);
	}
	struct line_params p = lp(e, 0, 0, 1);
	const char *t = "字字";
	shape(e, t, strlen(t));
	CHECK(line_break(e->b.g, e->b.n, t, strlen(t), &p, &e->r, e->d, (struct srcpos){0}) == ERR_USAGE);
	p.measure = NAN;
	CHECK(line_break(e->b.g, e->b.n, t, strlen(t), &p, &e->r, e->d, (struct srcpos){0}) == ERR_USAGE);
	p.measure = 10 * EM;
	CHECK(line_break(e->b.g, 0, t, 0, &p, &e->r, e->d, (struct srcpos){0}) == ERR_OK && e->r.n == 0);
	CHECK(line_break(e->b.g, e->b.n, "\xff\xfe\xfd\xfc\xfb\xfa", 6, &p, &e->r, e->d, (struct srcpos){0}) == ERR_ENCODING);
	/* a forced break (U+2028) ends a ragged line */
	CHECK(brk(e, "一二三\u2028四五六七八九十一二三四五", 10, 0, 1) == ERR_OK);
	CHECK(e->r.n == 3 && (e->r.lines[0].flags & LINE_FORCED) && near(e->r.lines[0].width, 3 * EM));
	CHECK(isnan(e->r.x[3]) && near(e->r.x[4], 0));
	/* ragged right */
	CHECK(brk(e, "一二三四五六七八九十一二三四五，一二三四五六七八九十一二三四五。", 7.5f, 0, 0) == ERR_OK);
	CHECK(e->r.n == 5 && near(e->r.lines[0].width, 7 * EM) && !(e->r.lines[0].flags & LINE_JUSTIFIED));
	/* line_dump */
	CHECK(brk(e, "“五社联动”促基层治理——湖北各地开展社会工作主题宣传活动", 10, 2, 1) == ERR_OK);
	buf_reset(&e->dump);
	line_dump("“五社联动”促基层治理——湖北各地开展社会工作主题宣传活动",
		  strlen("“五社联动”促基层治理——湖北各地开展社会工作主题宣传活动"), e->b.g, e->b.n, &e->r, &e->dump);
	CHECK(!strcmp(buf_cstr(&e->dump), "0 105.00 J |“五社联动”促基|\n1 105.00 J |层治理——湖北各地开|\n"
		      "2 105.00 J |展社会工作主题宣传|\n3 21.00 L |活动|\n"));
	/* clreq classes */
	CHECK(clreq_no_start(0xFF0C) && clreq_no_start(0x201D) && clreq_no_start(0x00B7) && !clreq_no_start(0x201C));
	CHECK(clreq_no_end(0x300A) && !clreq_no_end(0x300B));
	CHECK(clreq_class(0x2B820) == CLREQ_HAN && clreq_class(0x31350) == CLREQ_HAN && clreq_class(0xF900) == CLREQ_HAN);
	CHECK(clreq_is_unbreak(0x2014) && clreq_is_unbreak(0x2026) && clreq_is_unbreak(0x2E3A));
	CHECK(clreq_is_fullwidth_punct(0x3002) && !clreq_is_fullwidth_punct('.'));
	CHECK(clreq_is_western_word('%') && clreq_is_latin('7') && !clreq_is_latin(0x4E00));
}

/* Random paragraphs from a pool of pieces (fixed seed): every rule on every line. */
static void test_random(struct env *e, int count)
{
	static const char *const pool[] = {
		"社", "会", "工", "作", "五", "联", "动", "湖", "北", "〇", "𠀀", "，", "。", "、", "：", "；",
		"！", "？", "“", "”", "‘", "’", "（", "）", "《", "》", "【", "】", "「", "」", "——", "……",
		"·", "～", "／", " ", "2022", "3.5", "20%", "850", "GDP", "Organization", "the", "a",
		"http://www.hubei.gov.cn/a/b.html", "x@y.cn", "(1)", "「『", "』」", "。”", "？！", "——“", "”……"};
	const size_t np = sizeof pool / sizeof *pool;
	unsigned long long seed = 0x9E3779B97F4A7C15ull;
	char text[2048];
	for (int k = 0; k < count; k++) {
		size_t o = 0;
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		int pieces = 5 + (int)((seed >> 33) % 120);
		for (int i = 0; i < pieces; i++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			/* Han characters most of the time, as in real text */
			size_t pi = (seed >> 40) % 3 ? (seed >> 20) % 11 : (seed >> 20) % np;
			size_t l = strlen(pool[pi]);
			if (o + l + 4 >= sizeof text)
				break;
			memcpy(text + o, pool[pi], l);
			o += l;
		}
		memcpy(text + o, "。", 3);
		o += 3;
		text[o] = 0;
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		float m = 6 + (float)((seed >> 33) % 700) / 20;   /* 6 .. 41 em, not whole */
		shape(e, text, o);
		struct line_params p = lp(e, m * EM, (seed >> 50) % 2 ? 2 * EM : 0, (seed >> 52) % 5 != 0);
		unsigned w0 = diag_warnings(e->d);
		CHECK(line_break(e->b.g, e->b.n, text, o, &p, &e->r, e->d, (struct srcpos){"r", 1, 1}) == ERR_OK);
		char name[48];
		snprintf(name, sizeof name, "random %d", k);
		if (check_lines(e, name, text, o, &p, (diag_warnings(e->d) != w0 ? CHK_OVERFULL : 0) | CHK_NO_RUNT))
			fails++;
	}
	printf("test_linebreak: %d random paragraphs, %u unfixable runts\n", count, e->runts);
}

/* Splits the sample into paragraphs, ASCII commas set as ， (PUNCT-NORM, as the parser does). */
static size_t load_sample(char ***paras)
{
	const char *path = "samples/hubei-2022-04-06-wushe-liandong.txt";
	FILE *f = fopen(path, "rb");
	if (!f)
		f = fopen("../samples/hubei-2022-04-06-wushe-liandong.txt", "rb");
	if (!f) {
		fprintf(stderr, "cannot open %s (run from the repository root)\n", path);
		fails++;
		*paras = NULL;
		return 0;
	}
	struct buf all;
	buf_init(&all);
	char tmp[4096];
	size_t k;
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_put(&all, tmp, k);
	fclose(f);
	char **out = NULL;
	size_t n = 0;
	const char *s = buf_cstr(&all);
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t l = eol ? (size_t)(eol - s) : strlen(s);
		if (l && s[l - 1] == '\r')
			l--;
		if (l) {
			struct buf p;
			buf_init(&p);
			for (size_t i = 0; i < l; i++) {
				if (s[i] == ',')
					buf_puts(&p, "，");
				else
					buf_putc(&p, s[i]);
			}
			out = realloc(out, (n + 1) * sizeof *out);
			out[n++] = strdup(buf_cstr(&p));
			buf_free(&p);
		}
		s += eol ? (size_t)(eol - s) + 1 : l;
	}
	buf_free(&all);
	*paras = out;
	return n;
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Breaks the shaped e->b (text t) at measure_em with e->greedy, e->hang. */
static enum err brk_shaped(struct env *e, const char *t, float measure_em, float indent_em)
{
	struct line_params p = lp(e, measure_em * EM, indent_em * EM, 1);
	return line_break(e->b.g, e->b.n, t, strlen(t), &p, &e->r, e->d, (struct srcpos){"t", 1, 1});
}

/* HANG: only 、，。 hang, one at a time, outside the measure, with both breakers. */
static void test_hang(struct env *e)
{
	for (int greedy = 1; greedy >= 0; greedy--) {
		e->greedy = greedy;
		e->hang = 1;
		/* nothing to squeeze: the comma hangs instead of pushing 十 down */
		CHECK(brk(e, "一二三四五六七八九十，一二三四五六", 10, 0, 1) == ERR_OK);
		CHECK(e->r.n == 2 && e->r.lines[0].end == 11 && (e->r.lines[0].flags & LINE_HANG));
		CHECK(near(e->r.x[10], 10 * EM) && near(e->r.lines[0].width, 10.5 * EM));
		CHECK(brk(e, "一二三四五六七八九十。一二三四五六", 10, 0, 1) == ERR_OK);
		CHECK(e->r.n == 2 && (e->r.lines[0].flags & LINE_HANG) && near(e->r.x[10], 10 * EM));
		CHECK(brk(e, "一二三四五六七八九十、一二三四五六", 10, 0, 1) == ERR_OK);
		CHECK(e->r.n == 2 && (e->r.lines[0].flags & LINE_HANG));
		/* ！ does not hang; 。” is a run of marks: neither hangs */
		static const char *const nohang[] = {"一二三四五六七八九十！一二三四五六", "一二三四五六七八九十。”一二三四五六",
						     "一二三四五六七八九“十”，一二三四五六", "一二三四五六七八九十：一二三四五六"};
		for (size_t i = 0; i < sizeof nohang / sizeof *nohang; i++) {
			CHECK(brk(e, nohang[i], 10, 0, 1) == ERR_OK);
			for (size_t k = 0; k < e->r.n; k++)
				CHECK(!(e->r.lines[k].flags & LINE_HANG) && e->r.lines[k].width <= 10 * EM + 0.01);
		}
		/* off by default */
		e->hang = 0;
		CHECK(brk(e, "一二三四五六七八九十，一二三四五六", 10, 0, 1) == ERR_OK);
		CHECK(e->r.lines[0].end == 9 && !(e->r.lines[0].flags & LINE_HANG));
	}
	e->greedy = 0;
}

struct loose_stats {
	unsigned lines, loose, very_loose, tight;
	double max_ratio, sum_ratio, demerits;
};

static void loose_add(struct loose_stats *s, const struct line_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct line *l = &r->lines[i];
		if (!(l->flags & LINE_JUSTIFIED))
			continue;
		s->lines++;
		s->loose += l->ratio > 0.5f;
		s->very_loose += l->ratio > 1;
		s->tight += l->ratio < -0.5f;
		s->sum_ratio += fabs(l->ratio);
		if (l->ratio > s->max_ratio)
			s->max_ratio = l->ratio;
	}
	s->demerits += r->demerits;
}

static void loose_print(const char *name, const struct loose_stats *s)
{
	printf("test_linebreak: %-8s %5u justified lines: %4u loose (r > 0.5), %3u very loose (r > 1), "
	       "%4u tight (> half the shrink), max r %.2f, mean |r| %.3f, demerits %.4g\n", name, s->lines,
	       s->loose, s->very_loose, s->tight, s->max_ratio, s->sum_ratio / (s->lines ? s->lines : 1),
	       s->demerits);
}

/* The optimum never costs more than the greedy lines under the same model, on every sample
   paragraph at every measure; looseness statistics of both. */
static void test_compare(struct env *e, char **paras, size_t np)
{
	struct loose_stats sg = {0}, so = {0};
	unsigned better = 0, same = 0, total = 0;
	for (size_t m = 0; m < NMEASURES; m++)
		for (size_t i = 0; i < np; i++) {
			shape(e, paras[i], strlen(paras[i]));
			e->greedy = 1;
			CHECK(brk_shaped(e, paras[i], measures_em[m], 2) == ERR_OK);
			double dg = e->r.demerits;
			loose_add(&sg, &e->r);
			e->greedy = 0;
			CHECK(brk_shaped(e, paras[i], measures_em[m], 2) == ERR_OK);
			loose_add(&so, &e->r);
			total++;
			better += e->r.demerits < dg * (1 - 1e-9);
			same += fabs(e->r.demerits - dg) <= dg * 1e-9;
			if (e->r.demerits > dg * (1 + 1e-9) + 1e-6) {
				fprintf(stderr, "paragraph %zu at %.1f em: optimal %.6g > greedy %.6g demerits\n", i + 1,
					(double)measures_em[m], e->r.demerits, dg);
				fails++;
			}
		}
	loose_print("greedy", &sg);
	loose_print("optimal", &so);
	printf("test_linebreak: sample paragraphs x %zu measures: optimal demerits lower in %u of %u, equal in %u, "
	       "never higher\n", NMEASURES, better, total, same);
	CHECK(so.demerits < sg.demerits && so.very_loose < sg.very_loose);
}

/* Where the greedy filler leaves a very loose line, the optimum spreads the space. */
static void test_loose(struct env *e)
{
	static const struct { const char *t; float m, rmax; } cases[] = {
		/* line 2 cannot take the word after it: greedy leaves it 3 ems short, the optimum
		   shares the space with line 1 */
		{"社会工作主题宣传活动在湖北各地开展Organization的理念得到推广，社区居民积极参与。", 10, 2.5f},
		/* greedy leaves 地 alone before the word; the optimum moves 社 down */
		{"湖北省民政厅组织开展社会工作主题宣传活动，全省各地Internationalization工作者积极参与服务。", 12, 1},
		/* greedy fills line 1 and strands 九十一二 (r = 16); the optimum squeezes 九 onto
		   line 1 (ORDER, SHRINK) so that the word fits beside 十一二 */
		{"一，二，三四五六七八九十一二Organization的理念得到推广。", 10, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *t = cases[i].t;
		shape(e, t, strlen(t));
		float mg = 0, mo = 0;
		e->greedy = 1;
		CHECK(brk_shaped(e, t, cases[i].m, 0) == ERR_OK);
		CHECK(!check_lines(e, t, t, strlen(t), &(struct line_params){.measure = cases[i].m * EM, .em = EM, .justify = 1, .greedy = 1}, 0));
		for (size_t k = 0; k < e->r.n; k++)
			if (e->r.lines[k].ratio > mg)
				mg = e->r.lines[k].ratio;
		double dg = e->r.demerits;
		e->greedy = 0;
		CHECK(brk_shaped(e, t, cases[i].m, 0) == ERR_OK);
		CHECK(!check_lines(e, t, t, strlen(t), &(struct line_params){.measure = cases[i].m * EM, .em = EM, .justify = 1}, 0));
		for (size_t k = 0; k < e->r.n; k++)
			if (e->r.lines[k].ratio > mo)
				mo = e->r.lines[k].ratio;
		printf("test_linebreak: loose case %zu at %.0f em: greedy max r %.2f (demerits %.4g), optimal max r %.2f (%.4g)\n",
		       i + 1, (double)cases[i].m, (double)mg, dg, (double)mo, e->r.demerits);
		if (getenv("LB_SHOW")) {
			e->greedy = 1;
			brk_shaped(e, t, cases[i].m, 0);
			show(e, "greedy", t, strlen(t), cases[i].m * EM);
			e->greedy = 0;
			brk_shaped(e, t, cases[i].m, 0);
			show(e, "optimal", t, strlen(t), cases[i].m * EM);
		}
		CHECK(mg > 1 && mo < mg && mo <= cases[i].rmax && e->r.demerits < dg);
	}
}

/* ns per glyph of both breakers (warm, no allocation): a 1000-paragraph article made of the
   sample's paragraphs in turn, at 28 and 40 em (best of 5 runs), and the sample body as one
   paragraph repeated 100 times. */
static void bench(struct env *e, char **paras, size_t np)
{
	struct shape_buf *sb = calloc(np, sizeof *sb);
	for (size_t i = 0; i < np; i++)
		shape_text(e->sh, &e->fc, EM, paras[i], strlen(paras[i]), (struct srcpos){"s", (unsigned)i + 1, 1}, &sb[i]);
	size_t glyphs = 0;
	for (size_t k = 0; k < 1000; k++)
		glyphs += sb[k % np].n;
	static const float ms[] = {28, 40, 13};
	for (size_t mi = 0; mi < sizeof ms / sizeof *ms; mi++) {
		double best[2] = {1e30, 1e30};
		size_t lines[2] = {0, 0};
		for (int rep = 0; rep < 5; rep++)
			for (int greedy = 1; greedy >= 0; greedy--) {
				e->greedy = greedy;
				struct line_params p = lp(e, ms[mi] * EM, 2 * EM, 1);
				size_t nl = 0;
				double t0 = now_ns();
				for (size_t k = 0; k < 1000; k++) {
					size_t i = k % np;
					line_break(sb[i].g, sb[i].n, paras[i], strlen(paras[i]), &p, &e->r, e->d, (struct srcpos){0});
					nl += e->r.n;
				}
				double dt = now_ns() - t0;
				if (dt < best[greedy])
					best[greedy] = dt;
				lines[greedy] = nl;
			}
		printf("test_linebreak: 1000-paragraph article (%zu glyphs) at %.0f em: greedy %.1f ns/glyph (%zu lines), "
		       "optimal %.1f ns/glyph (%zu lines), x%.2f\n", glyphs, (double)ms[mi], best[1] / glyphs, lines[1],
		       best[0] / glyphs, lines[0], best[0] / best[1]);
	}
	for (size_t i = 0; i < np; i++)
		shape_buf_free(&sb[i]);
	free(sb);

	struct buf big;
	buf_init(&big);
	for (int rep = 0; rep < 100; rep++)
		for (size_t i = 0; i < np; i++)
			buf_puts(&big, paras[i]);
	size_t len = big.len;
	const char *text = buf_cstr(&big);
	shape(e, text, len);
	double dt[2];
	size_t nl[2];
	for (int greedy = 1; greedy >= 0; greedy--) {
		e->greedy = greedy;
		struct line_params p = lp(e, 28 * EM, 2 * EM, 1);
		line_break(e->b.g, e->b.n, text, len, &p, &e->r, e->d, (struct srcpos){0});
		double t0 = now_ns();
		CHECK(line_break(e->b.g, e->b.n, text, len, &p, &e->r, e->d, (struct srcpos){0}) == ERR_OK);
		dt[greedy] = now_ns() - t0;
		nl[greedy] = e->r.n;
		if (check_lines(e, "body x100", text, len, &p, 0))
			fails++;
	}
	printf("test_linebreak: sample body as one paragraph x100 (%zu glyphs) at 28 em: greedy %.1f ns/glyph (%zu lines), "
	       "optimal %.1f ns/glyph (%zu lines)\n", e->b.n, dt[1] / e->b.n, nl[1], dt[0] / e->b.n, nl[0]);
	e->greedy = 0;
	buf_free(&big);
}

/* Every rule check, for the breaker chosen by e->greedy and e->hang. */
static void suite(struct env *e, char **paras, size_t np, int nrandom)
{
	e->runts = 0;
	test_api(e);
	test_widths(e);
	test_order(e);
	test_runt(e);
	test_keep(e);
	test_hyph(e);
	test_joiners(e);
	test_start_trim(e);
	for (size_t i = 0; i < np; i++) {
		char name[48];
		snprintf(name, sizeof name, "sample paragraph %zu", i + 1);
		run(e, name, paras[i], 0);
	}

	run(e, "marks", "他说：“今天。”（注）“明天？！”「好」。“‘五社联动’……”他说——“这是《湖北日报》、《人民日报》的报道。”"
	    "【评论】〔编者按〕〖特稿〗：“你好！”‘我好？’——（一）、（二）、（三）……都是“五社”：社区、社会组织、社会工作者、社区志愿者、社会慈善资源。", 0);
	run(e, "lists", "主要包括：(1)政策制度；(2)案例写作；(3)项目运作；(4)社区社会组织培育。（一）组织开展；（二）宣传推广；（三）总结表彰。"
	    "一是“线上为主+线下为辅”；二是“五社联动聚合力 社工服务暖基层”；三是《湖北“五社联动”的探索与实践》。", 0);
	run(e, "numbers", "共吸引了850余名社会工作从业人员在线观看，同比增长20%，投入资金3.5亿元，时间为2022年4月6日14:30:22，"
	    "圆周率约为3.14159，人均GDP达到12,345.67美元，其中2021年为1.5%至2.25%之间，编号ERM523的项目共21篇论文、25个优秀案例、26幅摄影作品获奖。", 0);
	run(e, "urls", "详情请访问http://www.hubei.gov.cn/zwgk/hbyw/202204/t20220406_4073152.shtml或发送邮件至service@mca.gov.cn咨询，"
	    "也可以登录www.example.com/a-b?c=d&e=f查询，或者访问https://mzt.hubei.gov.cn/fbjd/xxgkml/。", 0);
	run(e, "latin", "世界卫生组织（World Health Organization）与联合国儿童基金会（UNICEF）联合发布报告，"
	    "Social work is a practice-based profession that promotes social change，社会工作者Mary Richmond被认为是个案工作的奠基人。", 0);
	run(e, "nested", "“‘好…’”“‘对——’”《〈读书〉》（（1））“「『是』」”。他说：“好！”？！……《“五社”》、“‘三留守’”，。", 0);

	test_positions(e);
	diag_set_quiet(e->d, 1);
	test_random(e, nrandom);
	diag_set_quiet(e->d, 0);
	test_overfull(e);
	test_hostile(e);
	test_unibreak_guard(e);
}

int main(void)
{
	struct env e = {0};
	e.d = diag_new(stderr);
	buf_init(&e.dump);
	CHECK(fontset_new(e.d, &e.fs) == ERR_OK);
	CHECK(fontset_get(e.fs, "Noto Serif CJK SC", &e.serif) == ERR_OK);
	if (fails)
		return 1;
	CHECK(shaper_new(e.fs, e.d, &e.sh) == ERR_OK);
	e.fc = (struct fontchain){{e.serif}, 1, NULL};

	char **paras;
	size_t np = load_sample(&paras);
	/* every rule check for the greedy filler, the optimal breaker, and the optimal breaker
	   with hanging punctuation */
	for (int round = 0; round < 3; round++) {
		e.greedy = round == 0;
		e.hang = round == 2;
		unsigned c0 = e.cases, l0 = e.lines;
		suite(&e, paras, np, round == 2 ? 1000 : 5000);
		printf("test_linebreak: %s%s: %u cases, %u lines checked\n", e.greedy ? "greedy" : "optimal",
		       e.hang ? " with HANG" : "", e.cases - c0, e.lines - l0);
	}
	e.greedy = e.hang = 0;
	test_hang(&e);
	test_compare(&e, paras, np);
	test_loose(&e);
	bench(&e, paras, np);

	for (size_t i = 0; i < np; i++)
		free(paras[i]);
	free(paras);
	line_result_free(&e.r);
	line_result_free(NULL);
	shape_buf_free(&e.b);
	buf_free(&e.dump);
	shaper_free(e.sh);
	fontset_free(e.fs);
	diag_free(e.d);
	if (fails) {
		fprintf(stderr, "test_linebreak: %d failures\n", fails);
		return 1;
	}
	printf("test_linebreak: ok (%u cases, %u lines checked)\n", e.cases, e.lines);
	return 0;
}
