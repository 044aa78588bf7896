/* test_compose.c: article composition and pagination (compose.h) checked from the pages alone.

   Lines are rebuilt from the positioned glyphs (page, PAGE_SPAN_START, baseline y; text from the
   fonts' tu[] records), classified by font and size (heading, body) and by their left edge
   (a paragraph's first line starts at the indent), then matched in reading order against the
   document's blocks. On the sample article and on generated documents (the sample's paragraphs
   and headings in varied orders and lengths, 1..12-line paragraphs, several body sizes and page
   heights, so that headings and paragraph ends fall at every position relative to a page end)
   every page is checked for the rules of docs/clreq.md:
   - HEAD: no page ends with a heading; a heading is followed on its page by the first two lines
     of its paragraph (all of it when shorter)
   - WIDOW: no page ends with a paragraph's first line nor starts with its last line;
     paragraphs of up to three lines are never split
   - KIN-START / KIN-END on every line; JUST: every line of a paragraph but its last ends at the
     measure (0.05 pt); INDENT: first lines at 2 em, the others flush left
   - the page: one footer 第 n 页 / 共 N 页 in the bottom margin, nothing in the margins or off
     the page, no overlapping lines, a constant baseline pitch through the body text
   - no text lost or duplicated: the body lines give back the paragraphs' text exactly
   - no page ends early: what opens the next page would not have fit at the bottom of this one.
   A known compose bug (keep chains taller than the page) is run as XFAIL: printed, not failed.
   Prints how often page ends fell on the cases the rules are about, and the time.
   Usage: test_compose [N]  (N generated documents, default 300). Run from the repository root. */
#include "layout/compose.h"
#include "layout/clreq.h"
#include "model/doc.h"
#include "model/wording.h"
#include "parse/parse.h"
#include "shape/shape.h"
#include "style/style.h"
#include "base/buf.h"
#include "base/utf8.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "clreq_lists.h"

#define SAMPLE "samples/hubei-2022-04-06-wushe-liandong.txt"
#define TOL 0.05          /* pt: horizontal edges (JUST, margins) */
#define VTOL 0.01         /* pt: baselines */
#define MAX_REPORTS 60    /* failure lines printed in all */

static int fails;
static int reports;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

/* docs/clreq.md KIN-START and KIN-END, verbatim (checked together with clreq.h's tables) */

enum lclass { LC_OTHER, LC_MASTHEAD, LC_TITLE, LC_HEADING, LC_BODY, LC_FOOTER };
static const char *const lclass_name[] = {"other", "masthead", "title", "heading", "body", "footer"};

/* One line rebuilt from a page. */
struct rline {
	size_t page;
	size_t g0, g1;          /* glyph range in the page */
	float y;                /* baseline */
	float size;
	struct font *font;      /* of its first glyph */
	double left, right;     /* ink edges: PW-START / PW-END applied */
	double top, bottom;     /* em box (-0.12 .. 0.88 em around the baseline) */
	size_t t0, t1;          /* its text in env.text */
	enum lclass cls;
	int indented;           /* starts at the type area's left edge + the body indent */
	int block;              /* doc block index, -1: masthead/title/dateline, -2: byline/meta */
	int idx, n;             /* index in its block and the block's line count */
};

struct env {
	struct diag *d;
	struct fontset *fs;
	struct shaper *sh;
	struct font *serif, *sans_bold;
	struct style base;      /* style_defaults + roles.conf + a4-article.style */
	struct rline *lines;
	size_t n_lines, cap_lines;
	struct buf text;        /* the lines' text, back to back */
	unsigned docs, pages, checked_lines;
	/* coverage: how often the page ends fell where the rules have work to do */
	unsigned splits, split_2, split_last2, short_top, head_top, head_near_end;
};

/* The document being checked, for failure messages. */
struct dctx {
	struct env *e;
	const char *name;
	const struct style *st;
	const struct doc *doc;
	const struct pagedoc *pd;
	int bad;
	int xfail;              /* a known bug: failures are printed, not counted */
};

static int no_start(uint32_t cp)
{
	return in_list(kin_start, cp) || clreq_no_start(cp);
}

static int no_end(uint32_t cp)
{
	return in_list(kin_end, cp) || clreq_no_end(cp);
}

static const char *ltext(const struct env *e, const struct rline *l, size_t *len)
{
	*len = l->t1 - l->t0;
	return e->text.p + l->t0;
}

static void report(struct dctx *c, const struct rline *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prints "doc: page p line k: message |text|" (first MAX_REPORTS only) and counts a failure. */
static void report(struct dctx *c, const struct rline *l, const char *fmt, ...)
{
	c->bad++;
	if (c->xfail) {
		if (c->bad > 3)
			return;
	} else if (fails++, reports++ >= MAX_REPORTS) {
		if (reports == MAX_REPORTS + 1)
			fprintf(stderr, "(more failures not shown)\n");
		return;
	}
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	const char *known = c->xfail ? "known bug: " : "";
	if (!l) {
		fprintf(stderr, "%s%s: %s\n", known, c->name, msg);
		return;
	}
	/* the line's number on its page, 1-based */
	size_t k = 1;
	for (const struct rline *p = l; p > c->e->lines && p[-1].page == l->page; p--)
		k++;
	size_t len;
	const char *t = ltext(c->e, l, &len);
	fprintf(stderr, "%s%s: page %zu line %zu (%s, block %d line %d/%d): %s |%.*s|\n", known, c->name,
		l->page + 1, k, lclass_name[l->cls], l->block, l->idx + 1, l->n, msg, (int)len, t);
}

/* The first code point a glyph stands for (0 when unknown). */
static uint32_t glyph_cp(const struct page *pg, const struct page_glyph *g)
{
	size_t n;
	const char *t = page_glyph_text(pg, g, &n);
	uint32_t cp = 0;
	return n && utf8_decode(t, n, &cp) ? cp : 0;
}

static double glyph_adv(const struct page_glyph *g)
{
	return font_advance(g->font, g->gid) * (double)g->size / g->font->upem;
}

/* Right edge of g as the last glyph of a line: a full-width mark shows only its half-width box
   (PW-END), read from the font's 'halt' metrics (as test_linebreak.c measures it). */
static double edge_right(const struct page *pg, const struct page_glyph *g)
{
	uint32_t cp = glyph_cp(pg, g);
	double adv = glyph_adv(g);
	int ha, hx;
	if (in_list(fw_marks, cp) && adv > 0.9 * g->size && font_halt(g->font, cp, &ha, &hx))
		return g->x + (ha - hx) * (double)g->size / g->font->upem;
	return g->x + adv;
}

/* Left edge of the ink box of g as the first glyph of a line: an opening mark that lost its
   blank left half (PW-START, compressed) starts half an em right of its origin. */
static double edge_left(const struct page *pg, const struct page_glyph *g, int compressed)
{
	uint32_t cp = glyph_cp(pg, g);
	int ha, hx;
	if (compressed && in_list(fw_open, cp) && glyph_adv(g) > 0.9 * g->size &&
	    font_halt(g->font, cp, &ha, &hx))
		return g->x - hx * (double)g->size / g->font->upem;
	return g->x;
}

/* Rebuilds the lines of all pages: a span starts at PAGE_SPAN_START; spans on the baseline of
   the previous one (the masthead's date) continue its line. */
static void rebuild(struct env *e, const struct pagedoc *pd, const struct style *st)
{
	e->n_lines = 0;
	buf_reset(&e->text);
	float left = style_left(st), indent = st->text[STYLE_BODY].indent;
	for (size_t p = 0; p < pd->n_pages; p++) {
		const struct page *pg = &pd->pages[p];
		for (size_t i = 0; i < pg->n_glyphs;) {
			size_t j = i + 1;
			while (j < pg->n_glyphs && (!(pg->glyphs[j].flags & PAGE_SPAN_START) ||
						    fabsf(pg->glyphs[j].y - pg->glyphs[i].y) < VTOL))
				j++;
			if (e->n_lines == e->cap_lines) {
				e->cap_lines = e->cap_lines ? 2 * e->cap_lines : 256;
				e->lines = realloc(e->lines, e->cap_lines * sizeof *e->lines);
				if (!e->lines)
					abort();
			}
			struct rline *l = &e->lines[e->n_lines++];
			const struct page_glyph *g = &pg->glyphs[i];
			memset(l, 0, sizeof *l);
			l->page = p;
			l->g0 = i;
			l->g1 = j;
			l->y = g->y;
			l->size = g->size;
			l->font = g->font;
			l->t0 = e->text.len;
			double top = -1e9, bottom = 1e9;
			for (size_t k = i; k < j; k++) {
				const struct page_glyph *q = &pg->glyphs[k];
				size_t tl;
				const char *tx = page_glyph_text(pg, q, &tl);
				buf_put(&e->text, tx, tl);
				double t = q->y + 0.88 * q->size, b = q->y - 0.12 * q->size;
				top = t > top ? t : top;
				bottom = b < bottom ? b : bottom;
			}
			l->t1 = e->text.len;
			l->top = top;
			l->bottom = bottom;
			l->indented = fabs(edge_left(pg, g, 0) - (left + indent)) < TOL;
			l->left = edge_left(pg, g, !l->indented);
			l->right = edge_right(pg, &pg->glyphs[j - 1]);
			l->block = -1;
			if (l->y < st->margin_bottom)
				l->cls = LC_FOOTER;
			else if (l->font == e->sans_bold && l->size == st->text[STYLE_HEADING].size)
				l->cls = LC_HEADING;
			else if (l->font == e->sans_bold && l->size == st->text[STYLE_TITLE].size)
				l->cls = LC_TITLE;
			else if (l->font == e->serif && l->size == st->text[STYLE_BODY].size)
				l->cls = LC_BODY;
			else if (e->n_lines == 1 && l->font != e->sans_bold)
				l->cls = LC_MASTHEAD;
			i = j;
		}
	}
}

static int is_space_at(const char *t, size_t len, size_t p, size_t *l)
{
	if (p < len && t[p] == ' ') {
		*l = 1;
		return 1;
	}
	if (p + 3 <= len && !memcmp(t + p, "\u3000", 3)) {
		*l = 3;
		return 1;
	}
	return 0;
}

static size_t skip_spaces(const char *t, size_t len, size_t p)
{
	size_t l;
	while (is_space_at(t, len, p, &l))
		p += l;
	return p;
}

/* Removes every space from b, in place. */
static void nospace(struct buf *b)
{
	size_t o = 0;
	for (size_t p = 0; p < b->len;) {
		size_t l;
		if (is_space_at(b->p, b->len, p, &l)) {
			p += l;
			continue;
		}
		b->p[o++] = b->p[p++];
	}
	b->len = o;
	if (b->p)
		b->p[o] = 0;
}

/* The byline and meta lines compose_article writes after the body, without spaces. */
static void trailer_text(const struct doc *doc, struct buf *t)
{
	buf_reset(t);
	if (doc->n_byline) {
		buf_puts(t, "（");
		for (size_t i = 0; i < doc->n_byline; i++) {
			buf_puts(t, doc->byline[i].role);
			for (size_t k = 0; k < doc->byline[i].n_names; k++)
				buf_puts(t, doc->byline[i].names[k]);
		}
		buf_puts(t, "）");
	}
	if (doc->n_keywords) {
		buf_puts(t, "关键词：");
		for (size_t i = 0; i < doc->n_keywords; i++)
			buf_puts(t, doc->keywords[i].text);
	}
	size_t en = wording_editor_name(doc->editor.text); /* a CMS id is not printed (D13) */
	if (en) {
		buf_puts(t, "责任编辑：");
		buf_put(t, doc->editor.text, en);
	}
	nospace(t);
}

/* Assigns the lines to the document's blocks in reading order, checking the class of each line
   and that the text comes back exactly (spaces at line breaks aside). Returns the index of the
   first line after the body, or (size_t)-1 when the structure does not match. */
static size_t segment(struct dctx *c)
{
	struct env *e = c->e;
	const struct doc *doc = c->doc;
	size_t li = 0, n = e->n_lines;
	/* masthead, title, dateline: everything before the first body or heading line */
	while (li < n && e->lines[li].cls != LC_BODY && e->lines[li].cls != LC_HEADING)
		li++;
	if (doc->source.text && /* the masthead names the source (the date is the dateline's) */
	    (!n || e->lines[0].cls != LC_MASTHEAD || e->lines[0].page != 0))
		report(c, n ? &e->lines[0] : NULL, "the first page does not open with the masthead");
	struct buf want, got;
	buf_init(&want);
	buf_init(&got);
	if (doc->title.text) {
		buf_reset(&want);
		buf_puts(&want, doc->title.text);
		nospace(&want);
		buf_reset(&got);
		for (size_t k = 0; k < li; k++)
			if (e->lines[k].cls == LC_TITLE)
				buf_put(&got, e->text.p + e->lines[k].t0, e->lines[k].t1 - e->lines[k].t0);
		nospace(&got);
		if (strcmp(want.p ? want.p : "", got.p ? got.p : ""))
			report(c, NULL, "title lines give |%s|, not the title |%s|", got.p ? got.p : "",
			       want.p);
	}
	for (size_t b = 0; b < doc->n_blocks; b++) {
		const struct doc_block *k = &doc->blocks[b];
		if (k->type != DOC_PARA && k->type != DOC_HEADING)
			continue;
		enum lclass want_cls = k->type == DOC_PARA ? LC_BODY : LC_HEADING;
		const char *t = k->text;
		size_t len = strlen(t), p = skip_spaces(t, len, 0), first = li;
		int idx = 0;
		while (p < len) {
			while (li < n && e->lines[li].cls == LC_FOOTER)
				li++;
			if (li == n) {
				report(c, NULL, "block %zu: the lines end before its text |%s|", b, t + p);
				goto fail;
			}
			struct rline *l = &e->lines[li];
			l->block = (int)b;
			l->idx = idx;
			if (l->cls != want_cls) {
				report(c, l, "a line of block %zu (%s) is set as %s", b,
				       want_cls == LC_BODY ? "paragraph" : "heading", lclass_name[l->cls]);
				goto fail;
			}
			size_t ll;
			const char *lt = ltext(e, l, &ll);
			if (idx)
				p = skip_spaces(t, len, p);
			if (ll == 0 || ll > len - p || memcmp(lt, t + p, ll)) {
				report(c, l, "text lost or duplicated: block %zu continues with |%.40s|",
				       b, t + p);
				goto fail;
			}
			if (want_cls == LC_BODY && l->indented != (idx == 0))
				report(c, l, "INDENT: %s", idx ? "a continuation line is indented"
							  : "a paragraph's first line is not indented 2 em");
			p = skip_spaces(t, len, p + ll);
			idx++;
			li++;
		}
		for (size_t q = first; q < li; q++)
			if (e->lines[q].cls != LC_FOOTER)
				e->lines[q].n = idx;
	}
	/* byline and meta lines: their text, and no body text or heading left over */
	trailer_text(doc, &want);
	buf_reset(&got);
	for (size_t q = li; q < n; q++) {
		struct rline *l = &e->lines[q];
		if (l->cls == LC_FOOTER)
			continue;
		l->block = -2;
		if (l->cls == LC_HEADING || (l->cls == LC_BODY && l->indented))
			report(c, l, "a heading or paragraph line after the last block");
		buf_put(&got, e->text.p + l->t0, l->t1 - l->t0);
	}
	nospace(&got);
	if (strcmp(want.p ? want.p : "", got.p ? got.p : ""))
		report(c, NULL, "byline/meta lines give |%s|, want |%s|", got.p ? got.p : "",
		       want.p ? want.p : "");
	buf_free(&want);
	buf_free(&got);
	return li;
fail:
	buf_free(&want);
	buf_free(&got);
	return (size_t)-1;
}

/* The style class a rebuilt line was set in. */
static enum style_class line_style(const struct env *e, const struct rline *l)
{
	switch (l->cls) {
	case LC_BODY:
		return l->block >= 0 ? STYLE_BODY : STYLE_BYLINE;
	case LC_HEADING:
		return STYLE_HEADING;
	case LC_TITLE:
		return STYLE_TITLE;
	case LC_MASTHEAD:
		return STYLE_MASTHEAD;
	case LC_FOOTER:
		return STYLE_FOOTER;
	default:
		return l->font == e->serif ? STYLE_BYLINE : l->block == -1 ? STYLE_DATELINE : STYLE_META;
	}
}

/* The next non-footer line after q, or n. */
static size_t next_line(const struct env *e, size_t q)
{
	for (q++; q < e->n_lines && e->lines[q].cls == LC_FOOTER; q++)
		;
	return q;
}

static size_t keep_lines(const struct env *e, const struct doc *doc, size_t q);

/* The first line of the trailer (the byline and meta lines after the last body block), or
   n_lines. */
static size_t trailer_start(const struct env *e)
{
	size_t t = e->n_lines;
	for (size_t q = e->n_lines; q-- > 0;) {
		if (e->lines[q].cls == LC_FOOTER)
			continue;
		if (e->lines[q].block >= 0)
			break;
		t = q;
	}
	return t;
}

/* How many lines from q the rules keep together (HEAD, WIDOW), computed from the blocks; a
   group that ends where the trailer starts takes the whole trailer (D2). */
static size_t keep_group(const struct env *e, const struct doc *doc, size_t q)
{
	size_t n = keep_lines(e, doc, q), t = trailer_start(e), k = q;
	if (q >= t)
		return n;
	for (size_t i = 0; i < n && k < e->n_lines; i++)
		k = next_line(e, k);
	if (k != t)
		return n;
	for (; k < e->n_lines; k = next_line(e, k))
		n++;
	return n;
}

static size_t keep_lines(const struct env *e, const struct doc *doc, size_t q)
{
	const struct rline *l = &e->lines[q];
	if (l->block < 0)
		return 1;
	if (doc->blocks[l->block].type == DOC_PARA) {
		if (l->idx == 0)
			return l->n <= 3 ? (size_t)l->n : 2;
		return l->n >= 4 && l->idx == l->n - 2 ? 2 : 1;
	}
	if (l->idx != 0)
		return 1;
	size_t k = q, n = 0;
	for (int i = 0; i < l->n && k < e->n_lines; i++, k = next_line(e, k))
		n++;
	return k < e->n_lines ? n + keep_group(e, doc, k) : n;
}

/* The checks on one composed document. */
static void check_doc(struct dctx *c)
{
	struct env *e = c->e;
	const struct style *st = c->st;
	const struct pagedoc *pd = c->pd;
	rebuild(e, pd, st);
	e->docs++;
	e->pages += (unsigned)pd->n_pages;
	e->checked_lines += (unsigned)e->n_lines;
	if (pd->n_pages == 0 || fabsf(pd->width - st->page_w) > VTOL ||
	    fabsf(pd->height - st->page_h) > VTOL)
		report(c, NULL, "%zu pages of %.2f x %.2f pt", pd->n_pages, (double)pd->width,
		       (double)pd->height);
	float L = style_left(st), R = style_left(st) + style_measure(st);
	float top = st->page_h - st->margin_top, bottom = st->margin_bottom;
	/* LEAD: the body's baseline pitch is constant; it is at least size x line-pitch (more when
	   a layout grid rounds it up), so the first pair of body lines sets it */
	float lead = st->text[STYLE_BODY].size * st->text[STYLE_BODY].line_pitch, body_pitch = 0;
	int body_spaced = st->text[STYLE_BODY].space_before != 0 || st->text[STYLE_BODY].space_after != 0;

	/* every glyph on its page */
	for (size_t p = 0; p < pd->n_pages; p++)
		for (size_t i = 0; i < pd->pages[p].n_glyphs; i++) {
			const struct page_glyph *g = &pd->pages[p].glyphs[i];
			if (!(g->x >= 0 && g->x + glyph_adv(g) <= st->page_w && g->y >= 0 &&
			      g->y + g->size <= st->page_h) || !g->font || !(g->size > 0)) {
				report(c, NULL, "page %zu: glyph %zu off the page at (%.2f, %.2f)", p + 1, i,
				       (double)g->x, (double)g->y);
				break;
			}
		}

	/* the footer of each page, and the page frame */
	for (size_t p = 0; p < pd->n_pages; p++) {
		char want[64];
		snprintf(want, sizeof want, "第 %zu 页 / 共 %zu 页", p + 1, pd->n_pages);
		int footers = 0;
		for (size_t q = 0; q < e->n_lines; q++) {
			const struct rline *l = &e->lines[q];
			if (l->page != p || l->cls != LC_FOOTER)
				continue;
			footers++;
			size_t ll;
			const char *t = ltext(e, l, &ll);
			if (ll != strlen(want) || memcmp(t, want, ll))
				report(c, l, "footer should read |%s|", want);
			if (l->top > bottom + VTOL || l->bottom < 0)
				report(c, l, "footer outside the bottom margin (%.2f .. %.2f)", l->bottom, l->top);
			if (l->left < L - TOL || l->right > R + TOL)
				report(c, l, "footer outside the type area (%.2f .. %.2f)", l->left, l->right);
		}
		if (footers != 1)
			report(c, NULL, "page %zu has %d footers", p + 1, footers);
	}

	/* blocks first: the line checks below need to know each line's place in its block */
	size_t end = segment(c);

	for (size_t q = 0; q < e->n_lines; q++) {
		const struct rline *l = &e->lines[q];
		size_t ll;
		const char *t = ltext(e, l, &ll);
		if (!ll) {
			report(c, l, "a line with no text");
			continue;
		}
		/* KIN-START, KIN-END */
		uint32_t c0, c1 = 0;
		utf8_decode(t, ll, &c0);
		size_t a = ll - 1;
		while (a > 0 && ((unsigned char)t[a] & 0xC0) == 0x80)
			a--;
		utf8_decode(t + a, ll - a, &c1);
		if (no_start(c0))
			report(c, l, "KIN-START: starts with U+%04X", (unsigned)c0);
		if (no_end(c1))
			report(c, l, "KIN-END: ends with U+%04X", (unsigned)c1);
		if (l->cls == LC_FOOTER)
			continue;
		/* the type area */
		if (l->top > top + VTOL || l->bottom < bottom - VTOL)
			report(c, l, "in the top or bottom margin (em box %.2f .. %.2f, area %.2f .. %.2f)",
			       l->bottom, l->top, (double)bottom, (double)top);
		if (l->left < L - TOL || l->right > R + TOL)
			report(c, l, "in the side margins (%.3f .. %.3f, area %.3f .. %.3f)", l->left,
			       l->right, (double)L, (double)R);
		/* no overlap with the line before on the page; body text at a constant pitch */
		if (q && e->lines[q - 1].page == l->page) {
			const struct rline *pl = &e->lines[q - 1];
			if (l->top > pl->bottom + VTOL)
				report(c, l, "overlaps the line before (top %.2f, its bottom %.2f)", l->top,
				       pl->bottom);
			if (pl->cls == LC_BODY && l->cls == LC_BODY && pl->block >= 0 && l->block >= 0 &&
			    (pl->block == l->block || !body_spaced)) {
				float d = pl->y - l->y;
				if (body_pitch == 0) {
					body_pitch = d;
					if (d < lead - VTOL)
						report(c, l, "LEAD: body pitch %.3f pt, less than %.3f",
						       (double)d, (double)lead);
				} else if (fabsf(d - body_pitch) > VTOL) {
					report(c, l, "baseline %.3f pt below the line before, not %.3f",
					       (double)d, (double)body_pitch);
				}
			}
		}
		/* JUST and INDENT */
		if (l->cls == LC_BODY && l->block >= 0) {
			double want_left = l->idx == 0 ? L + st->text[STYLE_BODY].indent : L;
			if (fabs(l->left - want_left) > TOL)
				report(c, l, "left edge at %.3f, not %.3f", l->left, want_left);
			if (l->idx + 1 < l->n && fabs(l->right - R) > TOL)
				report(c, l, "JUST: ends at %.3f, not at the measure %.3f", l->right, (double)R);
		}
		if (l->cls == LC_HEADING && fabs(l->left - L) > TOL)
			report(c, l, "heading not flush left: %.3f", l->left);
	}

	if (end == (size_t)-1)
		return;

	/* no page ends early: what opens the next page (its first keep group) would not have fit
	   in the room left at the bottom of this one. Line boxes are size x line-pitch high (a
	   layout grid would round them up: then the check is skipped). */
	if (body_pitch == 0 || fabsf(body_pitch - lead) <= VTOL)
		for (size_t q = 0; q < e->n_lines; q++) {
			const struct rline *l = &e->lines[q];
			size_t nx = next_line(e, q);
			if (l->cls == LC_FOOTER || nx >= e->n_lines || e->lines[nx].page == l->page)
				continue;
			const struct style_text *t = &st->text[line_style(e, l)];
			double pitch = t->size * t->line_pitch;
			double box_bottom = l->y - 0.12 * t->size - (pitch - t->size) / 2;
			double room = box_bottom - t->space_after - bottom;
			size_t keep = keep_group(e, c->doc, nx);
			double need = 0;
			size_t k = nx;
			for (size_t i = 0; i < keep && k < e->n_lines; i++, k = next_line(e, k)) {
				const struct style_text *u = &st->text[line_style(e, &e->lines[k])];
				need += u->size * u->line_pitch + (e->lines[k].idx == 0 ? u->space_before : 0);
				if (i + 1 < keep && e->lines[k].idx + 1 == e->lines[k].n)
					need += u->space_after;
			}
			if (room > need + 0.1)
				report(c, l, "the page ends %.2f pt early: the next %zu line(s) (%.2f pt) would "
				       "fit below this one", room, keep, need);
		}

	/* D2: no page holds nothing but the trailer (byline, keywords, editor) */
	{
		size_t t = trailer_start(e);
		for (size_t q = t; q < e->n_lines; q++) {
			const struct rline *l = &e->lines[q];
			if (l->cls == LC_FOOTER)
				continue;
			int alone = 1;
			for (size_t k = 0; k < t && alone; k++)
				alone = e->lines[k].cls == LC_FOOTER || e->lines[k].page != l->page;
			if (alone && t > 0) {
				report(c, l, "D2: the page holds nothing but the trailer");
				break;
			}
		}
	}

	/* pagination: the last and first lines of each page */
	for (size_t q = 0; q < e->n_lines; q++) {
		const struct rline *l = &e->lines[q];
		if (l->cls == LC_FOOTER)
			continue;
		size_t nx = q + 1;
		while (nx < e->n_lines && e->lines[nx].cls == LC_FOOTER)
			nx++;
		const struct rline *next = nx < e->n_lines ? &e->lines[nx] : NULL;
		int page_end = next && next->page != l->page;
		const struct doc_block *blk = l->block >= 0 ? &c->doc->blocks[l->block] : NULL;
		if (page_end && blk && blk->type == DOC_PARA && next->block == l->block) {
			e->splits++;
			e->split_2 += l->idx == 1;
			e->split_last2 += next->idx + 2 == next->n;
		}
		if (page_end && next->block >= 0 && next->block != l->block) {
			const struct doc_block *nb = &c->doc->blocks[next->block];
			e->short_top += nb->type == DOC_PARA && next->n <= 3;
			e->head_top += nb->type == DOC_HEADING;
		}
		if (blk && blk->type == DOC_HEADING && l->idx == 0 && l->page + 1 < c->pd->n_pages) {
			size_t after = 0;
			for (size_t k = q + 1; k < e->n_lines && e->lines[k].page == l->page; k++)
				after += e->lines[k].cls != LC_FOOTER;
			e->head_near_end += after <= (size_t)l->n + 3;
		}
		if (page_end && l->block == -1)
			report(c, l, "HEAD: the page ends with the masthead, title or dateline");
		if (page_end && blk && blk->type == DOC_HEADING)
			report(c, l, "HEAD: the page ends with a heading");
		if (page_end && blk && blk->type == DOC_PARA && l->idx == 0 && l->n > 1)
			report(c, l, "WIDOW: the page ends with the first line of a paragraph");
		if (page_end && blk && blk->type == DOC_PARA && l->idx + 1 < l->n && l->n <= 3)
			report(c, l, "WIDOW: a paragraph of %d lines is split", l->n);
		if (page_end && next->block == l->block && blk && blk->type == DOC_PARA &&
		    next->idx + 1 == next->n)
			report(c, next, "WIDOW: the page starts with the last line of a paragraph");
		if (page_end && blk && blk->type == DOC_HEADING && next->block == l->block)
			report(c, l, "HEAD: a heading split across pages");
		/* HEAD: the heading's last line, then min(2, n) lines of its paragraph on its page */
		if (blk && blk->type == DOC_HEADING && l->idx + 1 == l->n && next) {
			size_t want = 1;
			if (next->block >= 0 && c->doc->blocks[next->block].type == DOC_PARA)
				want = next->n < 2 ? (size_t)next->n : 2;
			size_t got = 0;
			for (size_t k = nx; k < e->n_lines && got < want; k++) {
				if (e->lines[k].cls == LC_FOOTER)
					continue;
				if (e->lines[k].page != l->page || e->lines[k].block != next->block)
					break;
				got++;
			}
			if (got < want)
				report(c, l, "HEAD: followed on its page by %zu of the %zu lines it keeps",
				       got, want);
		}
	}
}

/* Composes doc with st and checks it; returns the page count (0 on error). xfail: a known
   bug, reported without failing the test (returns the number of failures then). */
static size_t compose_check_x(struct env *e, const char *name, const struct doc *doc,
			      const struct style *st, int xfail)
{
	struct pagedoc pd;
	pagedoc_init(&pd, st->page_w, st->page_h);
	enum err r = compose_article(doc, st, e->fs, e->sh, e->d, &pd);
	struct dctx c = {e, name, st, doc, &pd, 0, xfail};
	size_t pages = 0;
	if (r != ERR_OK) {
		report(&c, NULL, "compose_article: %s", err_str(r));
	} else {
		check_doc(&c);
		pages = pd.n_pages;
	}
	if (c.bad && !xfail && reports <= MAX_REPORTS) {
		/* the whole layout of the first failing documents, to read the failure in context */
		fprintf(stderr, "--- %s: body %.2f pt, page height %.2f pt, %zu pages:\n", name,
			(double)st->text[STYLE_BODY].size, (double)st->page_h, pd.n_pages);
		for (size_t q = 0; q < e->n_lines && q < 400; q++) {
			const struct rline *l = &e->lines[q];
			size_t ll;
			const char *t = ltext(e, l, &ll);
			fprintf(stderr, "  p%zu y=%7.2f %-8s b%-3d %d/%d |%.*s|\n", l->page + 1,
				(double)l->y, lclass_name[l->cls], l->block, l->idx + 1, l->n, (int)ll, t);
		}
	}
	pagedoc_free(&pd);
	return xfail ? (size_t)c.bad : pages;
}

static size_t compose_check(struct env *e, const char *name, const struct doc *doc,
			    const struct style *st)
{
	return compose_check_x(e, name, doc, st, 0);
}

/* --- generated documents ------------------------------------------------------------------ */

struct pool {
	const char *paras;            /* the sample's paragraphs back to back */
	size_t len;
	size_t *starts;               /* byte offsets where a sentence starts */
	size_t n_starts;
	const char *heads[16];
	size_t n_heads;
};

static unsigned long long rng_state = 0x2545F4914F6CDD1Dull;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return n ? (unsigned)((rng_state >> 33) % n) : 0;
}

static void pool_build(struct pool *p, const struct doc *sample, struct buf *all)
{
	memset(p, 0, sizeof *p);
	buf_reset(all);
	size_t cap = 0;
	for (size_t b = 0; b < sample->n_blocks; b++) {
		const struct doc_block *k = &sample->blocks[b];
		if (k->type == DOC_HEADING && p->n_heads < 16)
			p->heads[p->n_heads++] = k->text;
		if (k->type != DOC_PARA)
			continue;
		size_t base = all->len, len = strlen(k->text);
		buf_puts(all, k->text);
		/* sentence starts: the paragraph start, and after 。 (or 。”) when what follows may
		   start a line */
		for (size_t i = 0; i < len;) {
			if (i == 0 || (i >= 3 && !memcmp(k->text + i - 3, "。", 3))) {
				uint32_t cp;
				utf8_decode(k->text + i, len - i, &cp);
				if (!no_start(cp)) {
					if (p->n_starts == cap) {
						cap = cap ? 2 * cap : 64;
						p->starts = realloc(p->starts, cap * sizeof *p->starts);
					}
					p->starts[p->n_starts++] = base + i;
				}
			}
			uint32_t cp;
			size_t l = utf8_decode(k->text + i, len - i, &cp);
			i += l ? l : 1;
		}
	}
	p->paras = buf_cstr(all);
	p->len = all->len;
}

/* A paragraph of about `lines` lines at cpl characters per line, cut from the pool at a
   sentence start (wrapping around), ending with 。. */
static void gen_para(struct pool *p, int lines, int cpl, struct buf *out)
{
	buf_reset(out);
	int chars = lines == 1 ? 3 + (int)rnd((unsigned)(cpl > 8 ? cpl - 6 : 2))
			       : (lines - 1) * cpl - 2 + 1 + (int)rnd((unsigned)(cpl - 1));
	size_t o = p->starts[rnd((unsigned)p->n_starts)];
	uint32_t last = 0;
	for (int i = 0; i < chars; i++) {
		if (o >= p->len)
			o = 0;
		size_t l = utf8_decode(p->paras + o, p->len - o, &last);
		buf_put(out, p->paras + o, l);
		o += l;
	}
	if (last != 0x3002)
		buf_puts(out, "。");
	buf_cstr(out);
}

static const char *const titles[] = {
	"“五社联动”促基层治理——湖北各地开展社会工作主题宣传活动",
	"湖北开展社会工作主题宣传活动",
	"社工服务暖基层",
	"“五社联动”聚合力，社工服务暖基层，湖北省民政厅组织开展二〇二二年度社会工作主题宣传活动"};

/* One generated document: its blocks, style and name. */
static void gen_doc(struct env *e, struct pool *p, struct doc **out, struct style *st)
{
	struct doc *d = doc_new("generated");
	struct srcpos pos = {"generated", 1, 1};
	*st = e->base;
	static const float sizes[] = {9, 10.5f, 10.5f, 12};
	st->text[STYLE_BODY].size = sizes[rnd(4)];
	st->text[STYLE_BODY].indent = 2 * st->text[STYLE_BODY].size;
	/* page heights from a tall A4 down to a body area of about 13 lines of 12 pt */
	st->page_h = 420 + (float)rnd(4230) / 10;
	if (!rnd(3)) {
		/* other pages, margins, leading and heading spaces */
		static const float widths[] = {595.28f, 498.9f, 419.53f};
		st->page_w = widths[rnd(3)];
		st->margin_left = st->margin_right = 42.5f + (float)rnd(57);
		st->margin_top = 42.5f + (float)rnd(57);
		st->margin_bottom = 42.5f + (float)rnd(57);
		st->text[STYLE_BODY].line_pitch = 1.5f + (float)rnd(6) / 10;
		st->text[STYLE_HEADING].size = rnd(2) ? 12 : 14;
		st->text[STYLE_HEADING].space_before = (float)rnd(19);
		st->text[STYLE_HEADING].space_after = (float)rnd(7);
	}
	int cpl = (int)(style_measure(st) / st->text[STYLE_BODY].size + 0.5f);

	doc_set(d, &d->title, titles[rnd(4)], (size_t)-1, pos);
	if (rnd(5))
		doc_set(d, &d->published, "2022-04-06T14:30:22", (size_t)-1, pos);
	if (rnd(5))
		doc_set(d, &d->source, "湖北日报", (size_t)-1, pos);
	struct buf para;
	buf_init(&para);
	int nb = 2 + (int)rnd(13), prev_head = 0;
	if (!rnd(4) && p->n_heads) {
		/* opens with a heading */
		doc_add_block(d, DOC_HEADING, 2, p->heads[rnd((unsigned)p->n_heads)], (size_t)-1, pos);
		prev_head = 1;
	}
	for (int b = 0; b < nb; b++) {
		int last = b + 1 == nb;
		if (!last && p->n_heads && (prev_head ? !rnd(6) : !rnd(4))) {
			const char *h = p->heads[rnd((unsigned)p->n_heads)];
			if (!rnd(5)) {
				/* a heading of two lines */
				buf_reset(&para);
				buf_puts(&para, h);
				buf_puts(&para, "——");
				buf_puts(&para, p->heads[rnd((unsigned)p->n_heads)]);
				h = buf_cstr(&para);
			}
			doc_add_block(d, DOC_HEADING, 2, h, (size_t)-1, pos);
			prev_head = 1;
			continue;
		}
		/* short paragraphs more often: they are the WIDOW and HEAD edge cases */
		int lines = rnd(3) ? 1 + (int)rnd(5) : 1 + (int)rnd(12);
		gen_para(p, lines, cpl, &para);
		doc_add_block(d, DOC_PARA, 0, buf_cstr(&para), (size_t)-1, pos);
		prev_head = 0;
	}
	if (prev_head) {
		gen_para(p, 2, cpl, &para);
		doc_add_block(d, DOC_PARA, 0, buf_cstr(&para), (size_t)-1, pos);
	}
	if (rnd(2)) {
		doc_add_credit(d, "湖北日报全媒记者", (size_t)-1, pos);
		doc_add_name(d, "李光正", (size_t)-1);
		if (rnd(2)) {
			doc_add_credit(d, "通讯员", (size_t)-1, pos);
			doc_add_name(d, "姚韦伟", (size_t)-1);
		}
	}
	if (rnd(2))
		doc_add_keyword(d, "社会工作", (size_t)-1, pos);
	if (rnd(2))
		doc_set(d, &d->editor, rnd(2) ? "ERM523" : "杨倩_NF4425", (size_t)-1, pos);
	buf_free(&para);
	*out = d;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	int n_docs = argc > 1 ? atoi(argv[1]) : 300;
	double t0 = now_ms();
	struct env e = {0};
	e.d = diag_new(stderr);
	buf_init(&e.text);
	style_defaults(&e.base);
	CHECK(style_load(&e.base, "fonts/roles.conf", e.d) == ERR_OK);
	CHECK(style_load(&e.base, "styles/a4-article.style", e.d) == ERR_OK);
	CHECK(fontset_new(e.d, &e.fs) == ERR_OK);
	if (fails)
		return 1;
	CHECK(fontset_get(e.fs, e.base.role_body.families[0], &e.serif) == ERR_OK);
	CHECK(fontset_get(e.fs, e.base.role_heading.families[0], &e.sans_bold) == ERR_OK);
	CHECK(shaper_new(e.fs, e.d, &e.sh) == ERR_OK);
	struct doc *sample = NULL;
	CHECK(parse_file(SAMPLE, e.d, &sample) == ERR_OK);
	if (fails) {
		fprintf(stderr, "test_compose: setup failed (run from the repository root)\n");
		return 1;
	}
	/* overfull/underfull warnings are the line breaker's business (test_linebreak) */
	diag_set_quiet(e.d, 1);

	/* the sample: two A4 pages, then ever shorter pages */
	CHECK(compose_check(&e, "sample A4", sample, &e.base) == 2);
	for (int k = 1; k <= 20; k++) {
		struct style st = e.base;
		st.page_h = e.base.page_h - (float)k * 22.5f;   /* down to 392 pt */
		char name[64];
		snprintf(name, sizeof name, "sample page_h %.1f", (double)st.page_h);
		CHECK(compose_check(&e, name, sample, &st) >= 2);
	}
	/* the sample in 3 pt steps (a sixth of a body line): every heading and paragraph end
	   passes every position relative to the page end */
	for (float h = 842; h >= 400; h -= 3) {
		struct style st = e.base;
		st.page_h = h;
		char name[64];
		snprintf(name, sizeof name, "sample page_h %.1f", (double)h);
		CHECK(compose_check(&e, name, sample, &st) >= 2);
	}
	/* the sample in other body sizes */
	static const float sizes[] = {9, 12};
	for (int k = 0; k < 2; k++)
		for (int h = 0; h < 6; h++) {
			struct style st = e.base;
			st.text[STYLE_BODY].size = sizes[k];
			st.text[STYLE_BODY].indent = 2 * sizes[k];
			st.page_h = 842 - (float)h * 71.3f;
			char name[64];
			snprintf(name, sizeof name, "sample body %.1f page_h %.1f", (double)sizes[k],
				 (double)st.page_h);
			CHECK(compose_check(&e, name, sample, &st) >= 1);
		}

	/* Known bug (compose.c, compose_flow): a keep chain taller than the type area (masthead,
	   title, dateline and the first two body lines on a small page; a run of headings) is
	   split before every line instead of filling the page: the masthead stands alone on page 1
	   and the title alone on page 2. Reported, not failed; XPASS once it is fixed. */
	{
		struct style st = e.base;
		st.page_h = 260;
		size_t bad = compose_check_x(&e, "sample page_h 260 (chain taller than the page)", sample,
					     &st, 1);
		struct doc *d = doc_new("headings");
		struct srcpos pos = {"headings", 1, 1};
		doc_set(d, &d->title, "社工服务暖基层", (size_t)-1, pos);
		doc_set(d, &d->source, "湖北日报", (size_t)-1, pos);
		for (int i = 0; i < 8; i++)
			doc_add_block(d, DOC_HEADING, 2, "树立典型，营造共促“五社联动”的氛围", (size_t)-1, pos);
		doc_add_block(d, DOC_PARA, 0, sample->blocks[0].text, (size_t)-1, pos);
		st.page_h = 400;
		bad += compose_check_x(&e, "A4 page_h 400, 8 headings in a row", d, &st, 1);
		doc_free(d);
		printf("test_compose: %s: keep chains taller than the page\n",
		       bad ? "XFAIL (known compose bug)" : "XPASS (fixed: make these cases strict)");
	}

	/* generated documents */
	struct pool p;
	struct buf all;
	buf_init(&all);
	pool_build(&p, sample, &all);
	CHECK(p.n_starts > 10 && p.n_heads == 3);
	for (int k = 0; k < n_docs && p.n_starts; k++) {
		struct doc *d;
		struct style st;
		gen_doc(&e, &p, &d, &st);
		char name[96];
		snprintf(name, sizeof name, "doc %d (body %.1f pt, page %.1f x %.1f pt, %zu blocks)", k,
			 (double)st.text[STYLE_BODY].size, (double)st.page_w, (double)st.page_h,
			 d->n_blocks);
		compose_check(&e, name, d, &st);
		doc_free(d);
	}
	double ms = now_ms() - t0;

	free(p.starts);
	buf_free(&all);
	doc_free(sample);
	free(e.lines);
	buf_free(&e.text);
	shaper_free(e.sh);
	fontset_free(e.fs);
	diag_free(e.d);
	if (fails) {
		fprintf(stderr, "test_compose: %d failures\n", fails);
		return 1;
	}
	printf("test_compose: %u paragraphs split across pages (%u after their 2nd line, %u before "
	       "their last 2), %u short paragraphs and %u headings starting a page, %u headings "
	       "followed by at most 3 lines before a page end\n", e.splits, e.split_2, e.split_last2, e.short_top,
	       e.head_top, e.head_near_end);
	printf("test_compose: ok (%u documents, %u pages, %u lines checked, %.0f ms)\n", e.docs,
	       e.pages, e.checked_lines, ms);
	return 0;
}
