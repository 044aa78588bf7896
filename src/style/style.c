/* style.c: reader for style and font-role files (INI-like: [section], key = value). */
#include "style.h"
#include "../base/file.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <math.h>

#define STYLE_MAX_FILE (1 << 20)
#define STYLE_MIN_PAGE 72.0f            /* 1 inch */
#define STYLE_MAX_PAGE 14400.0f         /* 200 inches: the PDF user-space limit */

static const struct {
	const char *name;
	float pt;
} style_hao[] = {
	{"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22}, {"小二", 18},
	{"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5f}, {"小五", 9},
	{"六号", 7.5f}, {"小六", 6.5f}, {"七号", 5.5f}, {"八号", 5},
};

static const struct {
	const char *name;
	float w, h; /* mm */
} style_papers[] = {
	{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"A6", 105, 148}, {"B5", 176, 250},
	{"B6", 125, 176}, {"16K", 184, 260}, {"32K", 130, 184}, {"Letter", 215.9f, 279.4f},
	{"Legal", 215.9f, 355.6f},
};

static const char *const style_class_names[STYLE_N_CLASSES] = {
	"body", "title", "subtitle", "heading", "masthead", "dateline", "byline", "meta", "footer",
	"heading-2", "heading-3", "heading-4", "quote", "list", "code", "table",
};

const char *style_class_name(enum style_class k)
{
	return k >= 0 && k < STYLE_N_CLASSES ? style_class_names[k] : "?";
}

enum style_class style_heading_class(const struct style *s, int level)
{
	enum style_class k = level <= 2 ? STYLE_HEADING2 : level == 3 ? STYLE_HEADING3 : STYLE_HEADING4;
	return s->class_set & 1u << k ? k : STYLE_HEADING;
}

/* Structure classes derived from the body (style_derive): size and line pitch as a factor of
   the body's, insets in body ems. */
#define STYLE_QUOTE_INSET 2.0f   /* em: a block quote's inset on each side */
#define STYLE_LIST_INSET 2.0f    /* em: one list level's hanging indent */
#define STYLE_CODE_SIZE 0.9f     /* code and tables: 90 % of the body size */
#define STYLE_CODE_INSET 2.0f    /* em: a code block's left inset */
#define STYLE_BLOCK_SPACE 0.5f   /* em: space above and below a quote, code block or table */

void style_derive(struct style *s)
{
	const struct style_text *b = &s->text[STYLE_BODY], *h = &s->text[STYLE_HEADING];
	float em = b->size;
	for (int k = STYLE_HEADING2; k <= STYLE_HEADING4; k++)
		if (!(s->class_set & 1u << k))
			s->text[k] = *h;
	struct style_text *t = &s->text[STYLE_QUOTE];
	if (!(s->class_set & 1u << STYLE_QUOTE)) {
		*t = *b;
		snprintf(t->role, sizeof t->role, "kai");
		t->margin_left = t->margin_right = STYLE_QUOTE_INSET * em;
		t->space_before = t->space_after = STYLE_BLOCK_SPACE * em;
	}
	t = &s->text[STYLE_LIST];
	if (!(s->class_set & 1u << STYLE_LIST)) {
		*t = *b;
		t->indent = 0;
		t->margin_left = STYLE_LIST_INSET * em;
		t->margin_right = 0;
	}
	t = &s->text[STYLE_CODE];
	if (!(s->class_set & 1u << STYLE_CODE)) {
		*t = *b;
		snprintf(t->role, sizeof t->role, "mono");
		t->size = STYLE_CODE_SIZE * em;
		t->line_pitch = b->line_pitch * 0.85f < 1.2f ? 1.2f : b->line_pitch * 0.85f;
		t->indent = 0;
		t->align = STYLE_LEFT;
		t->margin_left = STYLE_CODE_INSET * em;
		t->margin_right = 0;
		t->space_before = t->space_after = STYLE_BLOCK_SPACE * em;
	}
	t = &s->text[STYLE_TABLE];
	if (!(s->class_set & 1u << STYLE_TABLE)) {
		*t = *b;
		t->size = STYLE_CODE_SIZE * em;
		t->line_pitch = b->line_pitch * 0.85f < 1.2f ? 1.2f : b->line_pitch * 0.85f;
		t->indent = 0;
		t->align = STYLE_LEFT;
		t->margin_left = t->margin_right = 0;
		t->space_before = t->space_after = STYLE_BLOCK_SPACE * em;
	}
}

#define MM(x) ((x) * 72.0f / 25.4f)
#define STYLE_MAX_COLUMNS 8
#define STYLE_MAX_COLUMNS_S "8"

static void style_set_role(struct style_role *r, const char *a, const char *b)
{
	memset(r, 0, sizeof *r);
	if (a)
		snprintf(r->families[r->n++], STYLE_NAME_MAX, "%s", a);
	if (b)
		snprintf(r->families[r->n++], STYLE_NAME_MAX, "%s", b);
}

void style_defaults(struct style *s)
{
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "built-in");
	s->page_w = MM(210);
	s->page_h = MM(297);
	s->margin_top = MM(25);
	s->margin_bottom = MM(25);
	s->margin_left = MM(25);
	s->margin_right = MM(25);
	s->rules = 1;
	s->columns = 1;
	s->column_gap = 21;
	for (int i = 0; i < STYLE_N_CLASSES; i++) {
		struct style_text *t = &s->text[i];
		snprintf(t->role, sizeof t->role, "body");
		t->size = 10.5f;
		t->line_pitch = 1.75f;
		t->align = STYLE_LEFT;
	}
	s->digest.running_heads = 1;
	s->digest.head_even = STYLE_HEAD_TITLE;
	s->digest.head_odd = STYLE_HEAD_ARTICLE;
	s->digest.masthead_size = 36;
	snprintf(s->digest.masthead_role, sizeof s->digest.masthead_role, "heading");
	s->text[STYLE_BODY].indent = 21.0f;
	s->text[STYLE_BODY].align = STYLE_JUSTIFY;
	struct style_text *t = &s->text[STYLE_TITLE];
	snprintf(t->role, sizeof t->role, "heading");
	t->size = 18;
	t->line_pitch = 1.4f;
	t->align = STYLE_CENTER;
	t->space_after = 6;
	t = &s->text[STYLE_HEADING];
	snprintf(t->role, sizeof t->role, "heading");
	t->size = 12;
	t->line_pitch = 1.6f;
	t->space_before = 9;
	t->space_after = 2;
	snprintf(s->text[STYLE_MASTHEAD].role, 32, "sans");
	s->text[STYLE_MASTHEAD].size = 9;
	s->text[STYLE_MASTHEAD].space_after = 14;
	snprintf(s->text[STYLE_DATELINE].role, 32, "sans");
	s->text[STYLE_DATELINE].size = 9;
	s->text[STYLE_DATELINE].align = STYLE_CENTER;
	s->text[STYLE_DATELINE].space_after = 12;
	s->text[STYLE_BYLINE].align = STYLE_RIGHT;
	s->text[STYLE_BYLINE].space_before = 6;
	snprintf(s->text[STYLE_META].role, 32, "sans");
	s->text[STYLE_META].size = 9;
	s->text[STYLE_META].space_before = 6;
	snprintf(s->text[STYLE_FOOTER].role, 32, "sans");
	s->text[STYLE_FOOTER].size = 9;
	s->text[STYLE_FOOTER].align = STYLE_CENTER;
	style_set_role(&s->role_body, "Noto Serif CJK SC", NULL);
	style_set_role(&s->role_heading, "Noto Sans CJK SC:style=Bold", NULL);
	style_set_role(&s->role_sans, "Noto Sans CJK SC", NULL);
	style_set_role(&s->role_latin, NULL, NULL);
	style_set_role(&s->role_fallback, "Noto Sans CJK SC", "Noto Serif CJK SC");
	style_set_role(&s->role_song, "Noto Serif CJK SC", NULL);
	s->folio = STYLE_FOLIO_PAGE_OF;
	/* optional: a role none of whose families is installed follows its parent role
	   (style_role_parent): Kai comes from fonts-arphic-ukai */
	style_set_role(&s->role_kai, "AR PL UKai CN", NULL);
	style_set_role(&s->role_mono, "Noto Sans Mono CJK SC", NULL);
	style_set_role(&s->role_strong, "Noto Sans CJK SC:style=Bold", NULL);
	s->role_kai.optional = s->role_mono.optional = s->role_strong.optional = 1;
	s->emphasis = STYLE_EM_DOTS;
	style_derive(s);
}

const char *style_role_parent(const char *name)
{
	if (!strcmp(name, "kai") || !strcmp(name, "mono"))
		return "body";
	if (!strcmp(name, "strong"))
		return "heading";
	return NULL;
}

float style_mirror_dx(const struct style *s, size_t p)
{
	return s->mirror && p % 2 ? s->margin_right - s->margin_left : 0;
}

const struct style_role *style_role(const struct style *s, const char *name)
{
	if (!strcmp(name, "body")) return &s->role_body;
	if (!strcmp(name, "heading")) return &s->role_heading;
	if (!strcmp(name, "sans")) return &s->role_sans;
	if (!strcmp(name, "latin")) return &s->role_latin;
	if (!strcmp(name, "fallback")) return &s->role_fallback;
	if (!strcmp(name, "kai")) return &s->role_kai;
	if (!strcmp(name, "song")) return &s->role_song;
	if (!strcmp(name, "mono")) return &s->role_mono;
	if (!strcmp(name, "strong")) return &s->role_strong;
	return NULL;
}

/* Room across the page for the type area, pt: between the margins, or the grid's width. */
static float style_avail(const struct style *s)
{
	return s->grid_w > 0 ? s->grid_w : s->page_w - s->margin_left - s->margin_right;
}

float style_measure(const struct style *s)
{
	/* JUST: the measure is a whole number of body characters (clreq.md) */
	int n = s->columns > 1 ? s->columns : 1;
	float avail = (style_avail(s) - (float)(n - 1) * s->column_gap) / (float)n;
	float em = s->text[STYLE_BODY].size;
	float k = floorf(avail / em + 0.001f);
	return k >= 1 ? k * em : avail;
}

float style_span(const struct style *s)
{
	int n = s->columns > 1 ? s->columns : 1;
	return (float)n * style_measure(s) + (float)(n - 1) * s->column_gap;
}

float style_left(const struct style *s)
{
	return s->margin_left + (style_avail(s) - style_span(s)) / 2;
}

float style_column_left(const struct style *s, int i)
{
	return style_left(s) + (float)i * (style_measure(s) + s->column_gap);
}

float style_unit(const struct style *s)
{
	if (s->grid_pitch > 0)
		return s->grid_pitch;
	if (s->columns > 1) /* 行格对齐: baselines line up across the columns */
		return s->text[STYLE_BODY].size * s->text[STYLE_BODY].line_pitch;
	return 0;
}

float style_pitch(const struct style *s, enum style_class k)
{
	float p = s->text[k].size * s->text[k].line_pitch, u = style_unit(s);
	if (u <= 0)
		return p;
	float n = ceilf(p / u - 0.001f);
	return (n < 1 ? 1 : n) * u;
}

float style_vspace(const struct style *s, float v)
{
	float u = style_unit(s);
	if (u <= 0)
		return v;
	return roundf(v / u) * u;
}

int style_hao_count(void)
{
	return (int)(sizeof style_hao / sizeof *style_hao);
}

/* style_hao is listed from the largest size down; the scale API counts from the smallest. */
float style_hao_size(int i)
{
	return style_hao[style_hao_count() - 1 - i].pt;
}

const char *style_hao_name(int i)
{
	return style_hao[style_hao_count() - 1 - i].name;
}

/* How much wider than the room between the margins a grid's characters at the body size may
   be for the body to be set at the grid's pitch instead (style_parse): 3 %. */
#define STYLE_GRID_SQUEEZE 1.03f
/* A size this close to a step of the 号 scale counts as that step (--size): 1.5 %, less than
   half the distance of any two steps, and more than a grid's squeeze of 三号 (1.3 %). */
#define STYLE_STEP_NEAR 0.015f

/* Characters per body line if the body were set at size em. */
static int style_chars_at(const struct style *s, float em)
{
	int n = s->columns > 1 ? s->columns : 1;
	float avail = (style_avail(s) - (float)(n - 1) * s->column_gap) / (float)n;
	return (int)floorf(avail / em + 0.001f);
}

/* Multiplies every size, indent and space by r; re-spaces the grid to whole lines. */
static void style_scale(struct style *s, float r)
{
	for (int k = 0; k < STYLE_N_CLASSES; k++) {
		struct style_text *t = &s->text[k];
		t->size *= r;
		t->indent *= r;
		t->space_before *= r;
		t->space_after *= r;
		t->margin_left *= r;
		t->margin_right *= r;
	}
	if (s->grid_pitch > 0) {
		float h = s->page_h - s->margin_top - s->margin_bottom;
		float lines = floorf(h / (s->grid_pitch * r) + 0.001f);
		s->grid_pitch = h / (lines < 1 ? 1 : lines);
	}
}

void style_step_size(struct style *s, int steps, int *applied)
{
	int n = style_hao_count();
	float cur = s->text[STYLE_BODY].size;
	/* lo..hi: the scale steps at or around the current size */
	int lo = -1, hi = n;
	for (int i = 0; i < n; i++) {
		float near = style_hao_size(i) * STYLE_STEP_NEAR;
		if (style_hao_size(i) <= cur + near)
			lo = i;
		if (hi == n && style_hao_size(i) >= cur - near)
			hi = i;
	}
	int done = 0, at = steps > 0 ? lo : hi;
	for (int k = 0; k < (steps > 0 ? steps : -steps); k++) {
		int next = steps > 0 ? (k == 0 ? (lo == hi ? lo + 1 : hi) : at + 1)
				     : (k == 0 ? (lo == hi ? hi - 1 : lo) : at - 1);
		if (next < 0 || next >= n || style_chars_at(s, style_hao_size(next)) < STYLE_MIN_CHARS)
			break;
		at = next;
		done++;
	}
	*applied = steps > 0 ? done : -done;
	float was[STYLE_N_CLASSES];
	for (int k = 0; k < STYLE_N_CLASSES; k++)
		was[k] = s->text[k].size;
	if (done)
		style_scale(s, style_hao_size(at) / cur);
	/* no class smaller than STYLE_MIN_PT (六号) unless it was so already (review D15: the
	   masthead, dateline and footer fell to 6.43 pt at --size smaller) */
	for (int k = 0; done && k < STYLE_N_CLASSES; k++) {
		float floor_pt = was[k] < STYLE_MIN_PT ? was[k] : STYLE_MIN_PT;
		if (s->text[k].size < floor_pt)
			s->text[k].size = floor_pt;
	}
	if (done)
		s->text[STYLE_BODY].size = style_hao_size(at); /* exactly on the scale */
}

void style_role_drop(struct style_role *r, int i)
{
	if (i < 0 || i >= r->n)
		return;
	memmove(r->families[i], r->families[i + 1], (size_t)(r->n - i - 1) * sizeof r->families[0]);
	unsigned low = r->optional & ((1u << i) - 1), high = (r->optional >> (i + 1)) << i;
	r->optional = low | high;
	r->n--;
}

int style_length(const char *v, float em, float *out)
{
	for (size_t i = 0; i < sizeof style_hao / sizeof *style_hao; i++)
		if (!strcmp(v, style_hao[i].name)) {
			*out = style_hao[i].pt;
			return 0;
		}
	char *end;
	double x = strtod(v, &end);
	if (end == v || !isfinite(x))
		return -1;
	while (*end == ' ')
		end++;
	double k;
	if (!strcmp(end, "pt")) k = 1;
	else if (!strcmp(end, "mm")) k = 72.0 / 25.4;
	else if (!strcmp(end, "cm")) k = 720.0 / 25.4;
	else if (!strcmp(end, "in")) k = 72;
	else if (!strcmp(end, "em")) k = em;
	else return -1;
	*out = (float)(x * k);
	return 0;
}

#define STYLE_LINE_MAX_S "1023" /* a style line's longest, in bytes (line[] below, less its NUL) */

/* One parsing context per call: no globals. */
struct style_ctx {
	struct style *s;
	struct diag *d;
	struct srcpos pos;
	char section[32];
	int errors;
	/* where the values the whole-file checks read were last set in this file (line 0: not
	   set here): page size and margins, the grid, columns, the body size */
	struct srcpos at_page, at_grid, at_columns, at_body;
};

static void style_error(struct style_ctx *c, unsigned col, const char *fmt, const char *a,
			const char *b)
{
	struct srcpos p = c->pos;
	p.col = col;
	diag_at(c->d, DIAG_ERROR, p, fmt, a, b);
	c->errors++;
}

/* A length that must lie in [lo, hi] pt. */
static int style_len_in(struct style_ctx *c, const char *key, const char *v, unsigned col,
			float em, float lo, float hi, float *out)
{
	float x;
	if (style_length(v, em, &x)) {
		style_error(c, col, "bad length '%s' for %s (use pt, mm, cm, in, em or a 号 size such as 五号)", v, key);
		return -1;
	}
	if (x < lo || x > hi) {
		char range[64];
		snprintf(range, sizeof range, "%s must be between %.1fpt and %.1fpt", key, lo, hi);
		style_error(c, col, "value '%s' out of range: %s", v, range);
		return -1;
	}
	*out = x;
	return 0;
}

static int style_paper(struct style_ctx *c, const char *v, unsigned col)
{
	for (size_t i = 0; i < sizeof style_papers / sizeof *style_papers; i++)
		if (!strcasecmp(v, style_papers[i].name)) {
			c->s->page_w = MM(style_papers[i].w);
			c->s->page_h = MM(style_papers[i].h);
			return 0;
		}
	char w[64], h[64], extra[8];
	float fw, fh;
	if (sscanf(v, "%63s %63s %7s", w, h, extra) == 2 && !style_length(w, 10.5f, &fw) &&
	    !style_length(h, 10.5f, &fh)) {
		if (!style_len_in(c, "page width", w, col, 10.5f, STYLE_MIN_PAGE, STYLE_MAX_PAGE, &fw) &&
		    !style_len_in(c, "page height", h, col, 10.5f, STYLE_MIN_PAGE, STYLE_MAX_PAGE, &fh)) {
			c->s->page_w = fw;
			c->s->page_h = fh;
			return 0;
		}
		return -1;
	}
	style_error(c, col, "unknown page size '%s' (use A4, A5, B5, 16K, Letter ... or '<width> <height>')", v, NULL);
	return -1;
}

static void style_set_families(struct style_ctx *c, struct style_role *r, const char *v, unsigned col)
{
	memset(r, 0, sizeof *r);
	snprintf(r->file, sizeof r->file, "%s", c->pos.file ? c->pos.file : "");
	r->line = c->pos.line;
	r->col = col;
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		size_t skip = n;
		while (n && p[n - 1] == ' ')
			n--;
		int opt = n && p[n - 1] == '?';
		if (opt)
			n--;
		while (n && p[n - 1] == ' ')
			n--;
		if (!n) {
			style_error(c, col, "empty font family in '%s'%s", v, "");
			return;
		}
		if (r->n == STYLE_FAMILIES_MAX || n >= STYLE_NAME_MAX) {
			style_error(c, col, "too many or too long font families in '%s'", v, NULL);
			return;
		}
		memcpy(r->families[r->n], p, n);
		r->families[r->n][n] = 0;
		if (opt)
			r->optional |= 1u << r->n;
		r->n++;
		p += skip;
	}
}

static int style_align(const char *v, enum style_align *a)
{
	if (!strcmp(v, "left")) *a = STYLE_LEFT;
	else if (!strcmp(v, "center")) *a = STYLE_CENTER;
	else if (!strcmp(v, "right")) *a = STYLE_RIGHT;
	else if (!strcmp(v, "justify")) *a = STYLE_JUSTIFY;
	else return -1;
	return 0;
}

/* One of a fixed list of words: its index, or -1 (reported). */
static int style_word(struct style_ctx *c, const char *key, const char *v, unsigned col,
		      const char *const *words, const char *list)
{
	for (int i = 0; words[i]; i++)
		if (!strcmp(v, words[i]))
			return i;
	char msg[160];
	snprintf(msg, sizeof msg, "%s (use %s)", key, list);
	style_error(c, col, "bad value '%s' for %s", v, msg);
	return -1;
}

/* yes or no into *out (1 or 0); anything else is reported and leaves *out alone. */
static void style_yes_no(struct style_ctx *c, const char *key, const char *v, unsigned col, int *out)
{
	static const char *const words[] = {"no", "yes", NULL};
	int w = style_word(c, key, v, col, words, "yes or no");
	if (w >= 0)
		*out = w;
}

/* RRGGBB in hex (no '#': it starts a comment), or the names black and red (the red of official
   简报 mastheads). */
static int style_color(const char *v, unsigned *out)
{
	if (!strcmp(v, "black")) {
		*out = 0;
		return 0;
	}
	if (!strcmp(v, "red")) {
		*out = 0xE60012;
		return 0;
	}
	char *end;
	if (strlen(v) != 6 || !isxdigit((unsigned char)v[0]))
		return -1;
	unsigned long x = strtoul(v, &end, 16);
	if (*end)
		return -1;
	*out = (unsigned)x;
	return 0;
}

static void style_digest_key(struct style_ctx *c, const char *key, const char *v, unsigned col)
{
	struct style_digest *g = &c->s->digest;
	static const char *const yesno[] = {"no", "yes", NULL};
	int w;
	if (!strcmp(key, "start")) {
		static const char *const words[] = {"page", "odd", "continue", NULL};
		if ((w = style_word(c, key, v, col, words, "page, odd or continue")) >= 0)
			g->start = (enum style_start)w;
	} else if (!strcmp(key, "running-heads")) {
		if ((w = style_word(c, key, v, col, yesno, "yes or no")) >= 0)
			g->running_heads = w;
	} else if (!strcmp(key, "running-head-even") || !strcmp(key, "running-head-odd")) {
		static const char *const words[] = {"title", "section", "article", NULL};
		if ((w = style_word(c, key, v, col, words, "title, section or article")) >= 0)
			*(key[13] == 'e' ? &g->head_even : &g->head_odd) = (enum style_head)w;
	} else if (!strcmp(key, "folio")) {
		static const char *const words[] = {"dash", "page", "page-of", NULL};
		if ((w = style_word(c, key, v, col, words, "dash, page or page-of")) >= 0)
			g->folio = (enum style_folio)w;
	} else if (!strcmp(key, "open")) {
		static const char *const words[] = {"single", "facing", NULL};
		if ((w = style_word(c, key, v, col, words, "single or facing")) >= 0)
			g->facing = w;
	} else if (!strcmp(key, "masthead-size")) {
		style_len_in(c, key, v, col, c->s->text[STYLE_BODY].size, 8, 144, &g->masthead_size);
	} else if (!strcmp(key, "masthead-font")) {
		if (strcmp(v, "body") && strcmp(v, "heading") && strcmp(v, "sans"))
			style_error(c, col, "bad value '%s' for %s (use body, heading or sans)", v, key);
		else
			snprintf(g->masthead_role, sizeof g->masthead_role, "%s", v);
	} else if (!strcmp(key, "masthead-color") || !strcmp(key, "rule-color")) {
		unsigned x;
		if (style_color(v, &x))
			style_error(c, col, "bad colour '%s' for %s (use RRGGBB hex, black or red)", v, key);
		else if (key[0] == 'm')
			g->masthead_color = x;
		else
			g->rule_color = x;
	} else {
		style_error(c, col, "unknown key '%s' in section [%s]", key, "digest");
	}
}

static void style_key(struct style_ctx *c, const char *key, const char *v, unsigned col)
{
	struct style *s = c->s;
	float em = s->text[STYLE_BODY].size;
	float maxlen = s->page_w > s->page_h ? s->page_w : s->page_h;
	if (!strcmp(c->section, "page")) {
		float *m = NULL;
		if (!strcmp(key, "size")) {
			style_paper(c, v, col);
			return;
		}
		if (!strcmp(key, "rules") || !strcmp(key, "mirror")) {
			style_yes_no(c, key, v, col, key[0] == 'r' ? &s->rules : &s->mirror);
			return;
		}
		if (!strcmp(key, "columns")) {
			char *end;
			long n = strtol(v, &end, 10);
			if (end == v || *end || n < 1 || n > STYLE_MAX_COLUMNS)
				style_error(c, col, "bad columns '%s' (a whole number from 1 to %s)", v, STYLE_MAX_COLUMNS_S);
			else
				s->columns = (int)n;
			return;
		}
		if (!strcmp(key, "line-breaker")) {
			if (!strcmp(v, "optimal") || !strcmp(v, "greedy"))
				s->greedy = !strcmp(v, "greedy");
			else
				style_error(c, col, "bad value '%s' for %s (use optimal or greedy)", v, key);
			return;
		}
		if (!strcmp(key, "column-gap")) {
			style_len_in(c, key, v, col, em, 0, maxlen / 4, &s->column_gap);
			return;
		}
		if (!strcmp(key, "grid")) {
			int lines, chars, used = 0;
			if (!strcmp(v, "none")) {
				s->grid_lines = s->grid_chars = 0;
				s->grid_w = s->grid_pitch = 0;
			} else if (sscanf(v, "%dx%d%n", &lines, &chars, &used) != 2 || v[used] ||
				   lines < 1 || lines > 200 || chars < 1 || chars > 200) {
				style_error(c, col, "bad grid '%s' (LINESxCHARS per page, such as 22x28, or none)", v, NULL);
			} else {
				s->grid_lines = lines;
				s->grid_chars = chars;
			}
			return;
		}
		if (!strcmp(key, "margin")) {
			float x;
			if (!style_len_in(c, key, v, col, em, 0, maxlen / 2, &x))
				s->margin_top = s->margin_bottom = s->margin_left = s->margin_right = x;
			return;
		}
		if (!strcmp(key, "margin-top")) m = &s->margin_top;
		else if (!strcmp(key, "margin-bottom")) m = &s->margin_bottom;
		else if (!strcmp(key, "margin-left") || !strcmp(key, "margin-inner")) m = &s->margin_left;
		else if (!strcmp(key, "margin-right") || !strcmp(key, "margin-outer")) m = &s->margin_right;
		if (m) {
			style_len_in(c, key, v, col, em, 0, maxlen, m);
			return;
		}
	} else if (!strcmp(c->section, "digest")) {
		style_digest_key(c, key, v, col);
		return;
	} else if (!strcmp(c->section, "fonts")) {
		struct style_role *r = (struct style_role *)style_role(s, key);
		if (r) {
			style_set_families(c, r, v, col);
			if (r->n == 0 && strcmp(key, "latin"))
				style_error(c, col, "font role '%s' needs at least one family", key, NULL);
			return;
		}
	} else {
		int k = -1;
		for (int i = 0; i < STYLE_N_CLASSES; i++)
			if (!strcmp(c->section, style_class_names[i]))
				k = i;
		if (k < 0)
			return; /* reported at the section header */
		struct style_text *t = &s->text[k];
		float tem = k == STYLE_BODY ? em : t->size;
		if (!strcmp(key, "font")) {
			if (!style_role(s, v) || !strcmp(v, "fallback"))
				style_error(c, col, "unknown font role '%s' (use body, heading, sans, latin, kai, song, mono or strong)", v, NULL);
			else
				snprintf(t->role, sizeof t->role, "%s", v);
			return;
		}
		if (!strcmp(key, "size")) {
			/* em in a size means: relative to the body size */
			style_len_in(c, key, v, col, em, 4, 200, &t->size);
			return;
		}
		if (!strcmp(key, "line-pitch")) {
			char *end;
			double x = strtod(v, &end);
			if (end == v || *end || !(x >= 1.0 && x <= 4.0))
				style_error(c, col, "bad line-pitch '%s' (a factor of the size from 1.0 to 4.0)", v, NULL);
			else
				t->line_pitch = (float)x;
			return;
		}
		if (!strcmp(key, "indent")) {
			style_len_in(c, key, v, col, tem, 0, 200, &t->indent);
			return;
		}
		if (!strcmp(key, "space-before")) {
			style_len_in(c, key, v, col, tem, 0, 500, &t->space_before);
			return;
		}
		if (!strcmp(key, "space-after")) {
			style_len_in(c, key, v, col, tem, 0, 500, &t->space_after);
			return;
		}
		if (k == STYLE_BODY && !strcmp(key, "hang")) {
			style_yes_no(c, key, v, col, &s->hang);
			return;
		}
		if (k == STYLE_MASTHEAD && !strcmp(key, "show")) {
			int show = !s->no_masthead;
			style_yes_no(c, key, v, col, &show);
			s->no_masthead = !show;
			return;
		}
		if (k == STYLE_MASTHEAD && !strcmp(key, "date")) {
			style_yes_no(c, key, v, col, &s->masthead_date);
			return;
		}
		if (k == STYLE_FOOTER && !strcmp(key, "folio")) {
			static const char *const words[] = {"dash", "page", "page-of", NULL};
			int w = style_word(c, key, v, col, words, "dash, page or page-of");
			if (w >= 0)
				s->folio = (enum style_folio)w;
			return;
		}
		if (k == STYLE_FOOTER && !strcmp(key, "drop")) {
			style_len_in(c, key, v, col, tem, 0, maxlen / 4, &s->folio_drop);
			return;
		}
		if (!strcmp(key, "margin-left") || !strcmp(key, "margin-right") || !strcmp(key, "margin")) {
			float x;
			if (!style_len_in(c, key, v, col, em, 0, maxlen / 2, &x)) {
				if (strcmp(key, "margin-right"))
					t->margin_left = x;
				if (strcmp(key, "margin-left"))
					t->margin_right = x;
			}
			return;
		}
		if (k == STYLE_BODY && !strcmp(key, "emphasis")) {
			static const char *const words[] = {"dots", "kai", "bold", NULL};
			int w = style_word(c, key, v, col, words, "dots, kai or bold");
			if (w >= 0)
				s->emphasis = (enum style_emphasis)w;
			return;
		}
		if (!strcmp(key, "align")) {
			/* outer: the folio on the outer side (odd pages right, even pages left) */
			s->folio_outer = k == STYLE_FOOTER ? 0 : s->folio_outer;
			if (k == STYLE_FOOTER && !strcmp(v, "outer")) {
				s->folio_outer = 1;
				t->align = STYLE_RIGHT;
			} else if (style_align(v, &t->align)) {
				style_error(c, col, "bad align '%s' (use left, center, right or justify%s)", v,
					    k == STYLE_FOOTER ? "; outer in [footer]" : "");
			}
			return;
		}
	}
	style_error(c, col, "unknown key '%s' in section [%s]", key, c->section);
}

static char *style_trim(char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		p[--n] = 0;
	return p;
}

static int style_known_section(const char *name)
{
	if (!strcmp(name, "page") || !strcmp(name, "fonts") || !strcmp(name, "digest"))
		return 1;
	for (int i = 0; i < STYLE_N_CLASSES; i++)
		if (!strcmp(name, style_class_names[i]))
			return 1;
	return 0;
}

/* Of two places in this file where values a whole-file check reads were set, the later (the
   line that made the combination fail); the file alone when this file set neither. */
static struct srcpos style_at_last(const char *path, struct srcpos a, struct srcpos b)
{
	struct srcpos p = a.line >= b.line ? a : b;
	if (!p.line)
		p = (struct srcpos){path, 0, 0};
	return p;
}

enum err style_parse(struct style *s, const char *path, const char *text, size_t len, struct diag *d)
{
	struct style_ctx c = {s, d, {path, 0, 0}, "", 0, {0}, {0}, {0}, {0}};
	char line[1024];
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		c.pos.line++;
		size_t n = e - i;
		if (n >= sizeof line) {
			style_error(&c, (unsigned)sizeof line, "line longer than %s bytes%s", STYLE_LINE_MAX_S, "");
			i = e + 1;
			continue;
		}
		memcpy(line, text + i, n);
		line[n] = 0;
		i = e + 1;
		const char *nul = memchr(line, 0, n);
		if (nul) {
			style_error(&c, (unsigned)(nul - line) + 1, "NUL byte in style file%s%s", "", "");
			continue;
		}
		/* strip comments: '#' at line start or after whitespace */
		for (char *h = line; (h = strchr(h, '#')); h++)
			if (h == line || h[-1] == ' ' || h[-1] == '\t') {
				*h = 0;
				break;
			}
		char *p = style_trim(line);
		unsigned col = (unsigned)(p - line) + 1;
		if (!*p)
			continue;
		if (*p == '[') {
			char *q = strchr(p, ']');
			if (!q || style_trim(q + 1)[0]) {
				style_error(&c, col, "bad section header '%s'%s", p, "");
				continue;
			}
			*q = 0;
			char *name = style_trim(p + 1);
			if (!style_known_section(name))
				style_error(&c, col + 1, "unknown section [%s]%s", name, "");
			for (int k = 0; k < STYLE_N_CLASSES; k++)
				if (!strcmp(name, style_class_names[k]) && !(s->class_set & 1u << k)) {
					/* a structure class starts from what it would be derived as here */
					style_derive(s);
					s->class_set |= 1u << k;
				}
			snprintf(c.section, sizeof c.section, "%s", name);
			continue;
		}
		char *eq = strchr(p, '=');
		if (!eq) {
			style_error(&c, col, "expected 'key = value', got '%s'%s", p, "");
			continue;
		}
		*eq = 0;
		char *key = style_trim(p), *val = style_trim(eq + 1);
		unsigned vcol = (unsigned)(val - line) + 1;
		if (!c.section[0]) {
			if (!strcmp(key, "name"))
				snprintf(s->name, sizeof s->name, "%s", val);
			else
				style_error(&c, col, "key '%s' outside a section%s", key, "");
			continue;
		}
		if (!*val && strcmp(key, "latin")) {
			style_error(&c, vcol, "empty value for '%s'%s", key, "");
			continue;
		}
		struct srcpos here = {path, c.pos.line, vcol};
		if (!strcmp(c.section, "page")) {
			if (!strcmp(key, "size") || !strncmp(key, "margin", 6))
				c.at_page = here;
			else if (!strcmp(key, "grid"))
				c.at_grid = here;
			else if (!strcmp(key, "columns") || !strcmp(key, "column-gap"))
				c.at_columns = here;
		} else if (!strcmp(c.section, "body") && !strcmp(key, "size")) {
			c.at_body = here;
		}
		style_key(&c, key, val, vcol);
	}
	if (!c.errors && s->grid_lines) {
		/* GB/T 9704: grid_lines lines of grid_chars body characters fill the type area. When
		   the characters at the body size are a little wider than the room between the
		   margins (28 of 三号 16 pt are 158 mm, the standard's type area 156 mm), the body
		   is set at the grid's character pitch, as word processors' 文档网格 does: 28
		   characters exactly fill the type area (15.79 pt). */
		float room = s->page_w - s->margin_left - s->margin_right;
		float want = (float)s->grid_chars * s->text[STYLE_BODY].size;
		if (want > room && want <= room * STYLE_GRID_SQUEEZE)
			s->text[STYLE_BODY].size = room / (float)s->grid_chars;
		s->grid_w = (float)s->grid_chars * s->text[STYLE_BODY].size;
		s->grid_pitch = (s->page_h - s->margin_top - s->margin_bottom) / (float)s->grid_lines;
		if (s->grid_w > s->page_w - s->margin_left || s->grid_pitch < s->text[STYLE_BODY].size) {
			diag_at(d, DIAG_ERROR, style_at_last(path, c.at_grid, c.at_body),
				"grid %dx%d does not fit the page at body size %.1fpt", s->grid_lines,
				s->grid_chars, s->text[STYLE_BODY].size);
			c.errors++;
		}
	}
	if (!c.errors) {
		struct srcpos p = style_at_last(path, c.at_page, c.at_body);
		float mw = s->page_w - s->margin_left - s->margin_right, mh = s->page_h - s->margin_top - s->margin_bottom;
		if (mw < 4 * s->text[STYLE_BODY].size || mh < 4 * s->text[STYLE_BODY].size) {
			diag_at(d, DIAG_ERROR, p, "margins leave no room for text (type area %.1f x %.1f pt)", mw, mh);
			c.errors++;
		}
	}
	if (!c.errors && style_chars_at(s, s->text[STYLE_BODY].size) < 1) {
		struct srcpos cp = style_at_last(path, c.at_columns, c.at_page);
		diag_at(d, DIAG_ERROR, style_at_last(path, cp, c.at_body),
			"%d columns with a %.1fpt gap leave no room for a body character", s->columns,
			s->column_gap);
		c.errors++;
	}
	if (!c.errors)
		style_derive(s);
	return c.errors ? ERR_SYNTAX : ERR_OK;
}

enum err style_load(struct style *s, const char *path, struct diag *d)
{
	char why[256];
	FILE *f = file_fopen_regular(path, why, sizeof why); /* a FIFO or a folder: refused */
	if (!f) {
		diag_at(d, DIAG_ERROR, (struct srcpos){path, 0, 0}, "style file: %s", why);
		return ERR_IO;
	}
	char *text = malloc(STYLE_MAX_FILE);
	if (!text) {
		fclose(f);
		return ERR_NOMEM;
	}
	size_t n = fread(text, 1, STYLE_MAX_FILE, f);
	int big = n == STYLE_MAX_FILE;
	fclose(f);
	enum err e;
	if (big) {
		/* at the line and column where the limit is passed */
		struct srcpos at = {path, 1, 1};
		for (size_t k = 0; k + 1 < n; k++) {
			if (text[k] == '\n') {
				at.line++;
				at.col = 1;
			} else {
				at.col++;
			}
		}
		diag_at(d, DIAG_ERROR, at, "style file larger than %d bytes", STYLE_MAX_FILE);
		e = ERR_LIMIT;
	} else {
		e = style_parse(s, path, text, n, d);
	}
	free(text);
	return e;
}
