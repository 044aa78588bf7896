/* compose.c: article composition: blocks -> lines (via the clreq line breaker) -> pages. */
#include "compose.h"
#include "linebreak.h"
#include "image.h"
#include "clreq.h"
#include "words.h"
#include "../model/doc.h"
#include "../model/wording.h"
#include "../style/style.h"
#include "../shape/shape.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../shape/font.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COMPOSE_MAX_PAGES 10000

/* Structure (README "Style files": quote, list, code, table; emphasis). */
#define COMPOSE_MAX_MARKERS 4      /* list markers hung on one line (nested items opening together) */
#define COMPOSE_MARKER_GAP 0.5f    /* em between a list marker and the item's text */
#define COMPOSE_BULLET_SCALE 0.5f  /* a bullet's size: ● ○ ■ are full-width shapes */
#define COMPOSE_EM_MIDDLE 0.38f    /* em above the baseline: the middle of the ideographic em box */
#define COMPOSE_DOT_SIZE 0.12f     /* em: the diameter of an emphasis dot (着重号) */
#define COMPOSE_DOT_DROP 0.25f     /* em below the baseline: the dot's centre */
#define COMPOSE_TABLE_GAP 1.0f     /* em between table columns */
#define COMPOSE_TABLE_MIN 3.0f     /* em: a narrower column sends the table to one cell a line */
#define COMPOSE_TABLE_MAX_COLS 32  /* more columns: one cell a line */
#define COMPOSE_RULE_THICK 0.8f    /* pt: a table's top and bottom rules (三线表) */
#define COMPOSE_RULE_THIN 0.4f     /* pt: the rule under a table's header row */
#define COMPOSE_TAB 4              /* a code block's tab stops, in characters */
#define COMPOSE_MIN_ROOM 8.0f      /* body ems a nested quote or list leaves at least */
/* A glyph flag of compose's own (never on a page): draw an emphasis dot under the glyph. */
#define COMPOSE_GLYPH_DOT (1u << 15)

/* Span fonts: the chains a span may switch to (compose_span_font). */
enum compose_span_font { COMPOSE_SF_BASE = -1, COMPOSE_SF_KAI, COMPOSE_SF_STRONG, COMPOSE_SF_MONO,
			 COMPOSE_N_SF };
static const char *const compose_sf_roles[COMPOSE_N_SF] = {"kai", "strong", "mono"};

/* A list marker to hang before the first line of an item's first paragraph. */
struct compose_marker {
	char text[48];
	int bullet;             /* a bullet (set at COMPOSE_BULLET_SCALE) rather than a number */
	float right;            /* where it ends, pt from the measure's left edge */
	int elem;               /* its Lbl in compose.elems (tagged PDF), -1: none */
};

/* One set line, glyphs positioned relative to the line's left edge and baseline. */
struct compose_line {
	size_t g0, g1;          /* range in compose.glyphs */
	float pitch;            /* baseline-to-baseline distance of its class */
	float size;
	float space_before;     /* only on a block's first line */
	float space_after;      /* only on a block's last line */
	int block;              /* index of the set block */
	int first, last;        /* first/last line of its block */
	int keep_next;          /* lines that must follow on the same page (HEAD, title) */
	int n_in_block, idx_in_block;
	int is_para;            /* body paragraph: widow/orphan rules apply */
	int rule_after;         /* draw a rule under this line (masthead) */
	size_t g_span;          /* a second text span starts at this glyph (0: none) */
	int span;               /* spans all columns (title, masthead, dateline) */
	enum style_class cls;
	unsigned lflags;        /* enum line_flag from the line breaker */
	float off, width;       /* left offset (alignment) and set width within its measure */
	int n_shrunk;           /* glyphs set narrower than their advance (compressed marks) */
	float shrink, stretch;  /* total space taken out / put in between glyphs, pt */
	char *img;              /* an image's real path (owned), NULL for text lines */
	const char *img_src;    /* the image's src as written (borrowed from the document) */
	struct srcpos img_pos;  /* where the document refers to it */
	float img_w, img_h;     /* the image's size, pt */
	float rule_top, rule_bottom; /* rules at the top / bottom of the line box across its
				   width (tables), pt thick; 0: none */
	int mark;               /* a page mark's level + 1 on its first line: a digest's section (0),
	                           a title (1) or a subhead (its level); 0: none */
	const char *mark_text;  /* borrowed from the document */
	int elem;               /* 1 + index of its structure element in compose.elems; 0: an
				   artifact (the masthead) */
};

/* A structure element of the article (page.h, struct page_elem), before pagination adds it
   to the pagedoc. */
struct compose_elem {
	enum page_tag tag;
	int parent;             /* index in compose.elems, -1: under the document (or digest) */
	const char *alt;        /* borrowed from the document, or NULL */
	const char *lang;       /* borrowed from the document, or NULL */
};

/* A line as placed, for the layout dump. */
struct compose_placed {
	size_t page;
	size_t line;            /* index in compose.lines, or (size_t)-1 for a footer */
	int col;
	float y, x0, x1;        /* baseline; ink start and line end, pt */
	size_t pg0, pg1;        /* glyph range on the page */
};

struct compose {
	const struct style *st;
	struct fontset *fs;
	struct shaper *sh;
	struct diag *d;
	/* the chains of the text classes and of the span fonts, loaded at first need
	   (compose_class_chain, compose_sf_chain): a document without quotes, code or a Kai
	   subhead loads no kai or mono face; bit k of have_chains / have_sf: loaded */
	struct fontchain chains[STYLE_N_CLASSES];
	unsigned have_chains, have_sf;
	struct shape_buf sb;
	struct line_result lr;
	struct page_glyph *glyphs; /* text/ntext index c->text */
	size_t n_glyphs, cap_glyphs;
	struct buf text;        /* the text the set glyphs stand for */
	struct pagedoc *pd;     /* the pagedoc being filled */
	struct compose_line *lines;
	size_t n_lines, cap_lines;
	int n_blocks;
	struct compose_placed *placed; /* only when a dump is wanted */
	size_t n_placed, cap_placed;
	int want_dump;
	const struct doc *doc;
	const struct compose_opts *opts;
	unsigned fit_warned;    /* classes already warned about by compose_fit (bit per class) */
	size_t *line_js;        /* the shaped glyphs a line sets (compose_bidi_line) */
	size_t trailer;         /* first line of the article's trailer (byline, meta), n_lines: none */
	const uint32_t *keep;   /* KEEP ranges for the block being set (line_params.keep) */
	size_t n_keep;
	size_t cap_line_js;
	/* pagination order (compose_paginate): order[p] is the line set in position p; it is the
	   line order except where a figure floated past the text after it (compose_flow) */
	size_t *order, *order_tmp; /* order_tmp: scratch for compose_float_land */
	unsigned char *floated; /* per line: this figure line has floated once (never again) */
	unsigned char *floated_save;
	/* image budget (IMAGE_MAX_DOC_*): distinct files counted, by real path */
	char **img_seen;        /* open-addressing set, cap_seen slots (a power of two) */
	size_t n_seen, cap_seen;
	unsigned long long img_pixels;
	long long img_bytes;
	/* (appended) word breaking of display lines and hyphenation (words.h) */
	struct buf wkeep;       /* the KEEP ranges of a title's or subhead's words */
	struct buf hyph;        /* the hyphenation points of a paragraph (byte offsets) */
	const struct words_hyph *hy; /* patterns for the document's Western words, at first need:
				   the run's (opts->hyphs) or hy_own */
	struct words_hyph *hy_own;
	int hy_tried;
	struct shape_glyph hy_g; /* the hyphen of the block being set (hy_g.font NULL: none) */
	/* the structure (tagged PDF): elements in logical order; block_elem[i] is the element
	   the children of the document's container block i go under (-1: none) */
	struct compose_elem *elems;
	size_t n_elems, cap_elems;
	int *block_elem;
	int elem_base;          /* index of elems[0] in the pagedoc (set by compose_paginate) */
	/* structure: what compose_blocks sets for the leaf being set (compose_context) */
	float inset_l, inset_r;    /* pt in from the measure's left and right edges */
	const struct doc_block *blk; /* the leaf, for its spans (NULL: none) */
	const struct fontchain *chain; /* replaces the class's chain (header cells), or NULL */
	struct compose_marker markers[COMPOSE_MAX_MARKERS];
	int n_markers;
	struct fontchain sf_chains[COMPOSE_N_SF]; /* kai, strong, mono (have_sf) */
	struct shape_buf msb;      /* a marker's glyphs */
	float *list_inset;         /* per block: a list's hanging indent once measured, else 0 */
};

/* Classes that span all columns. */
static int compose_spans(enum style_class k)
{
	return k == STYLE_TITLE || k == STYLE_SUBTITLE || k == STYLE_MASTHEAD || k == STYLE_DATELINE ||
	       k == STYLE_FOOTER;
}

/* Width lines of class k are set to. */
static float compose_measure(const struct compose *c, enum style_class k)
{
	return compose_spans(k) ? style_span(c->st) : style_measure(c->st);
}

/* The region suffix of the Noto CJK / Source Han families for a document language ("TC" for
   zh-Hant), NULL when the style's own families (SC) serve it. */
static const char *compose_region(const char *lang)
{
	static const char *const map[][2] = {
		{"zh-Hant", "TC"}, {"zh-HK", "HK"}, {"ja", "JP"}, {"ko", "KR"},
	};
	for (size_t i = 0; lang && i < sizeof map / sizeof *map; i++)
		if (!strcmp(lang, map[i][0]))
			return map[i][1];
	return NULL;
}

/* The family spec to load for spec in a document of region (compose_region): a family named
   "... SC" (Noto Serif CJK SC, Noto Sans CJK SC:style=Bold) becomes "... TC" / HK / JP / KR
   when that family is installed (fonts-noto-cjk ships them all in the same files); otherwise,
   and for any other name, spec itself. tmp (cap bytes) holds a mapped spec. */
static const char *compose_family_for(struct fontset *fs, const char *spec, const char *region,
				      char *tmp, size_t cap)
{
	if (!region)
		return spec;
	const char *p = spec;
	while ((p = strstr(p, " SC")) && p[3] && p[3] != ':' && p[3] != ' ' && p[3] != ',')
		p += 3;
	if (!p || strlen(spec) >= cap)
		return spec;
	size_t at = (size_t)(p - spec) + 1;
	memcpy(tmp, spec, at);
	memcpy(tmp + at, region, 2);
	strcpy(tmp + at + 2, p + 3);
	return fontset_installed(fs, tmp) ? tmp : spec;
}

/* compose_chain for a document in language lang (NULL: the style's families as named). */
static enum err compose_chain_for(const struct style *st, struct fontset *fs, struct diag *d,
				  const char *role, const char *lang, struct fontchain *fc)
{
	const char *region = compose_region(lang);
	char tmp[256];
	memset(fc, 0, sizeof *fc);
	const struct style_role *r = style_role(st, role);
	const struct style_role *fb = &st->role_fallback;
	const char *parent = style_role_parent(role);
	if (r && parent) {
		/* kai, mono, strong: none of the families installed, the parent role serves */
		int any = 0;
		for (int i = 0; i < r->n && !any; i++)
			any = fontset_installed(fs, compose_family_for(fs, r->families[i], region, tmp,
								       sizeof tmp));
		if (!any)
			return compose_chain_for(st, fs, d, parent, lang, fc);
	}
	for (int pass = 0; pass < 2; pass++) {
		const struct style_role *x = pass ? fb : r;
		for (int i = 0; x && i < x->n && fc->n < FONTCHAIN_MAX; i++) {
			struct font *f;
			const char *spec = compose_family_for(fs, x->families[i], region, tmp, sizeof tmp);
			if ((x->optional & 1u << i) && !fontset_installed(fs, spec))
				continue; /* an optional family not installed (style.h) */
			enum err e = fontset_get_diag(fs, spec, d, &f);
			if (e) {
				if (pass == 0 && i == 0) {
					if (x->file[0]) /* name the style line that asked for it */
						diag_at(d, DIAG_NOTE, (struct srcpos){x->file, x->line, x->col},
							"the %s role names '%s' here", role, x->families[i]);
					return e; /* the primary font of a role is required */
				}
				continue;
			}
			int dup = 0;
			for (int k = 0; k < fc->n; k++)
				dup |= fc->fonts[k] == f;
			if (!dup)
				fc->fonts[fc->n++] = f;
		}
	}
	if (st->role_latin.n) {
		enum err e = fontset_get_diag(fs, compose_family_for(fs, st->role_latin.families[0], region,
								     tmp, sizeof tmp), d, &fc->latin);
		if (e)
			return e;
	}
	return ERR_OK;
}

enum err compose_chain(const struct style *st, struct fontset *fs, struct diag *d,
		       const char *role, struct fontchain *fc)
{
	return compose_chain_for(st, fs, d, role, NULL, fc);
}

enum err compose_preload(const struct style *st, struct fontset *fs, struct diag *d)
{
	enum err e = ERR_OK;
	struct fontchain fc;
	for (int k = 0; k <= STYLE_FOOTER && !e; k++)
		e = compose_chain_for(st, fs, d, st->text[k].role, NULL, &fc);
	return e;
}

/* The chain of class k in the document's language, loaded at its first use (*out borrowed
   from c); ERR_FONT as compose_chain_for, reported into the job's diagnostics. */
static enum err compose_class_chain(struct compose *c, enum style_class k, const struct fontchain **out)
{
	*out = &c->chains[k];
	if (c->have_chains & 1u << k)
		return ERR_OK;
	enum err e = compose_chain_for(c->st, c->fs, c->d, c->st->text[k].role,
				       c->doc ? c->doc->lang.text : NULL, &c->chains[k]);
	if (!e)
		c->have_chains |= 1u << k;
	return e;
}

/* The chain of span font sf (COMPOSE_SF_KAI ...), loaded at its first use, as
   compose_class_chain. */
static enum err compose_sf_chain(struct compose *c, int sf, const struct fontchain **out)
{
	*out = &c->sf_chains[sf];
	if (c->have_sf & 1u << sf)
		return ERR_OK;
	enum err e = compose_chain_for(c->st, c->fs, c->d, compose_sf_roles[sf],
				       c->doc ? c->doc->lang.text : NULL, &c->sf_chains[sf]);
	if (!e)
		c->have_sf |= 1u << sf;
	return e;
}

/* Whether f is the face the kai span chain starts with, without loading that chain when it
   is not loaded yet and f is not its face (compose_chain_for's primary: the kai role's first
   family that is installed, or the body's when none is). For a Simplified document only
   (no region mapping); 1 also loads the chain (it loads no face: f is its first). */
static enum err compose_is_kai(struct compose *c, const struct font *f, int *is)
{
	*is = 0;
	if (!(c->have_sf & 1u << COMPOSE_SF_KAI)) {
		const struct style_role *r = style_role(c->st, compose_sf_roles[COMPOSE_SF_KAI]);
		const char *spec = NULL;
		for (int i = 0; r && i < r->n && !spec; i++)
			if (!(r->optional & 1u << i) || fontset_installed(c->fs, r->families[i]))
				spec = r->families[i];
		if (!spec || !fontset_is(c->fs, spec, f))
			return ERR_OK; /* the body's face (none installed) or another face */
	}
	const struct fontchain *kai;
	enum err e = compose_sf_chain(c, COMPOSE_SF_KAI, &kai);
	*is = !e && kai->n && f == kai->fonts[0];
	return e;
}

/* Makes room in *arr (cap elements of sz bytes) for element n: capacity > n. -1 when out of
   memory. */
static int compose_room(void **arr, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 256;
	while (nc <= n)
		nc *= 2;
	void *p = realloc(*arr, nc * sz);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

/* Layout dump names; subheads of every level are "heading". */
static const char *const compose_class_names[STYLE_N_CLASSES] = {
	"body", "title", "subtitle", "heading", "masthead", "dateline", "byline", "meta", "footer",
	"heading", "heading", "heading", "quote", "list", "code", "table",
};

/* FIT: a class whose measure holds less than COMPOSE_FIT_EMS ems, or whose line pitch is taller
   than the type area (a 160pt title on a 60 mm page), would have its lines drawn outside the
   type area, one per page (a —— or ……, or a mark with the character it may not be parted
   from, wider than the measure); it is set at the largest size that fits both ways instead,
   with one warning per class. *size and *pitch: the style's, replaced when they do not fit. */
#define COMPOSE_FIT_EMS 4
static void compose_fit(struct compose *c, enum style_class k, struct srcpos pos, float *size,
			float *pitch)
{
	const struct style *st = c->st;
	float M = compose_measure(c, k), H = st->page_h - st->margin_top - st->margin_bottom;
	if (*size * COMPOSE_FIT_EMS <= M && *pitch <= H)
		return;
	float was = *size, lp = st->text[k].line_pitch > 0 ? st->text[k].line_pitch : 1;
	float f = *size * COMPOSE_FIT_EMS > M ? M / (*size * COMPOSE_FIT_EMS) : 1;
	if (*pitch * f > H)
		f = H / *pitch;
	*size *= f;
	float p = *size * lp;
	float u = style_unit(st);
	if (u > 0) {
		float n = ceilf(p / u - 0.001f);
		p = (n < 1 ? 1 : n) * u;
	}
	*pitch = p < H ? p : H;
	if (*size * lp > *pitch)
		*size = *pitch / lp;
	if (!(c->fit_warned & 1u << k)) {
		c->fit_warned |= 1u << k;
		diag_at(c->d, DIAG_WARNING, pos,
			"%s text of %.1fpt does not fit the type area (%.1f x %.1f pt: at least %d em "
			"a line, line pitch %.2f); it is set at %.1fpt", compose_class_names[k],
			(double)was, (double)M, (double)H, COMPOSE_FIT_EMS, (double)lp, (double)*size);
	}
}

/* Shapes and breaks text of class k into lines appended to c->lines. */
/* UAX #9 rule L2 for one line of n glyphs in logical order with bidi levels lv: order gets
   the logical indices in visual order (from the highest level down to the lowest odd one,
   each maximal sequence at that level or higher is reversed). */
static void compose_bidi_order(const uint8_t *lv, size_t n, size_t *order)
{
	uint8_t hi = 0, lo_odd = 255;
	for (size_t i = 0; i < n; i++) {
		order[i] = i;
		if (lv[i] > hi)
			hi = lv[i];
		if ((lv[i] & 1) && lv[i] < lo_odd)
			lo_odd = lv[i];
	}
	for (int l = hi; l >= (int)lo_odd && l > 0; l--)
		for (size_t i = 0; i < n;) {
			if (lv[order[i]] < l) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < n && lv[order[j]] >= l)
				j++;
			for (size_t a = i, b = j - 1; a < b; a++, b--) {
				size_t t = order[a];
				order[a] = order[b];
				order[b] = t;
			}
			i = j;
		}
}

/* Puts a line's glyphs g[0..n) (logical order, pen positions pen[] left to right as set in
   logical order, x offsets xoff[], advances adv[], levels lv[]) in visual order: each glyph's
   box (from its pen to the next glyph's; the last one's advance) keeps its width, the boxes
   are laid side by side from the first pen in the order compose_bidi_order gives, and g[].x
   moves with its box (the glyphs themselves stay in logical order, so their text does). */
static enum err compose_bidi_place(struct page_glyph *g, const float *pen, const float *xoff,
				   const float *adv, const uint8_t *lv, size_t n)
{
	size_t *order = malloc((n + 1) * sizeof *order);
	if (!order)
		return ERR_NOMEM;
	compose_bidi_order(lv, n, order);
	float x = n ? pen[0] : 0;
	for (size_t v = 0; v < n; v++) {
		size_t k = order[v];
		float w = k + 1 < n ? pen[k + 1] - pen[k] : adv[k];
		g[k].x = x + xoff[k];
		x += w;
	}
	free(order);
	return ERR_OK;
}

/* A line of glyphs sb[js[0..n)] (sb[0..n) when js is NULL) placed as page glyphs g[0..n): in
   visual order when any is right to left (compose_bidi_place). */
static enum err compose_bidi_line(struct page_glyph *g, const struct shape_glyph *sb, const size_t *js,
				  size_t n)
{
	int rtl = 0;
	for (size_t i = 0; i < n && !rtl; i++)
		rtl = sb[js ? js[i] : i].level & 1;
	if (!rtl)
		return ERR_OK;
	float *pen = malloc((3 * n + 1) * sizeof *pen);
	uint8_t *lv = malloc(n + 1);
	enum err e = ERR_NOMEM;
	if (pen && lv) {
		float *xoff = pen + n, *adv = pen + 2 * n;
		for (size_t i = 0; i < n; i++) {
			const struct shape_glyph *q = &sb[js ? js[i] : i];
			xoff[i] = q->xoff;
			adv[i] = q->adv;
			pen[i] = g[i].x - q->xoff;
			lv[i] = q->level;
		}
		e = compose_bidi_place(g, pen, xoff, adv, lv, n);
	}
	free(pen);
	free(lv);
	return e;
}

/* Display lines: the title, subtitle and subheads (typography review D5). */
static int compose_display(enum style_class k)
{
	return k == STYLE_TITLE || k == STYLE_SUBTITLE || k == STYLE_HEADING;
}

static int compose_overfull(const struct line_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->lines[i].flags & LINE_OVERFULL)
			return 1;
	return 0;
}

/* The span font of the text at byte `at` of block b (COMPOSE_SF_BASE: the class's own) and,
   in *next, where the next span starts or ends. code wins over strong, strong over emphasis;
   links keep the font. */
static int compose_span_font(const struct compose *c, const struct doc_block *b, size_t at,
			     size_t *next)
{
	int code = 0, strong = 0, em = 0;
	for (size_t i = 0; i < b->n_spans; i++) {
		const struct doc_span *sp = &b->spans[i];
		if (sp->start > at) {
			if (sp->start < *next)
				*next = sp->start;
			break; /* sorted by start */
		}
		if (sp->start + sp->len <= at)
			continue;
		if (sp->start + sp->len < *next)
			*next = sp->start + sp->len;
		code |= sp->kind == DOC_SPAN_CODE;
		strong |= sp->kind == DOC_SPAN_STRONG;
		em |= sp->kind == DOC_SPAN_EM;
	}
	if (code)
		return COMPOSE_SF_MONO;
	if (strong || (em && c->st->emphasis == STYLE_EM_BOLD))
		return COMPOSE_SF_STRONG;
	if (em && c->st->emphasis == STYLE_EM_KAI)
		return COMPOSE_SF_KAI;
	return COMPOSE_SF_BASE;
}

/* Is byte `at` of block b's text inside an emphasis span? */
static int compose_in_em(const struct doc_block *b, size_t at)
{
	for (size_t i = 0; i < b->n_spans && b->spans[i].start <= at; i++)
		if (b->spans[i].kind == DOC_SPAN_EM && at < b->spans[i].start + b->spans[i].len)
			return 1;
	return 0;
}

/* Weights of compose_display_score, in ems of the line's size. */
#define COMPOSE_RUNT_COST 8.0f    /* a last line of one or two characters (…的 / 共识) */
#define COMPOSE_PUNCT_GAIN 3.0f   /* a line that ends after ，：、；。？！—— or a closing mark */
#define COMPOSE_RUNT_CHARS 2      /* a last line of at most this many characters is a runt */
#define COMPOSE_SQUEEZE_COST 1.0f /* a line squeezed to take a mark (ORDER) */

/* The score of the lines in c->lr (lower is better): for centred lines how unequal they are
   (the longest less the shortest, in em); a runt last line; a squeezed line; a gain per line
   that ends after a
   mark (the natural place: 一、“光储充”一体化： / 从用电大户到发电单元). */
static float compose_display_score(const struct compose *c, float em, enum style_align align)
{
	const struct line_result *r = &c->lr;
	float lo = 1e9f, hi = 0, score = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct line *l = &r->lines[i];
		if (l->flags & LINE_SQUEEZED)
			score += COMPOSE_SQUEEZE_COST;
		if (l->width < lo)
			lo = l->width;
		if (l->width > hi)
			hi = l->width;
		size_t last = l->end, chars = 0;
		for (size_t j = l->start; j < l->end; j++)
			if (!isnan(r->x[j])) {
				last = j;
				uint32_t cp = c->sb.g[j].cp;
				if (clreq_is_ideographic(cp) || clreq_is_latin(cp))
					chars++;
			}
		if (i + 1 == r->n) {
			if (chars <= COMPOSE_RUNT_CHARS)
				score += COMPOSE_RUNT_COST;
		} else if (last < l->end) {
			enum clreq_class k = clreq_class(c->sb.g[last].cp);
			if (k == CLREQ_COMMA || k == CLREQ_MIDDLE || k == CLREQ_STOP || k == CLREQ_EXCL ||
			    k == CLREQ_DASH || k == CLREQ_CLOSE || (l->end < r->n && l->end > 0 &&
								   clreq_is_space(c->sb.g[l->end - 1].cp)))
				score -= COMPOSE_PUNCT_GAIN;
		}
	}
	if (align == STYLE_CENTER)
		score += (hi - lo) / em;
	return score;
}

/* The breaks of a display block of more than one line (c->lr holds them at lp->measure): the
   narrowest measure that needs no more lines (balanced centred lines) and every measure from
   there to the full one in half-em steps are tried, and the lines of the best score
   (compose_display_score) are kept; ties go to the narrower measure for centred lines and the
   wider one otherwise. lp->measure is the full measure again on return. */
static enum err compose_display_breaks(struct compose *c, const char *text, size_t len,
				       struct srcpos pos, struct line_params *lp, enum style_align align)
{
	size_t want = c->lr.n;
	float full = lp->measure, lo = full / 2, hi = full, em = lp->em;
	enum err e;
	while (hi - lo > em / 2) {
		lp->measure = (lo + hi) / 2;
		if ((e = line_break(c->sb.g, c->sb.n, text, len, lp, &c->lr, NULL, pos)))
			return e;
		if (c->lr.n > want)
			lo = lp->measure;
		else
			hi = lp->measure;
	}
	float best_m = full, best = 1e9f;
	for (float m = hi;; m += em / 2) {
		if (m > full)
			m = full;
		lp->measure = m;
		if ((e = line_break(c->sb.g, c->sb.n, text, len, lp, &c->lr, NULL, pos)))
			return e;
		if (c->lr.n == want && !compose_overfull(&c->lr)) {
			float sc = compose_display_score(c, em, align);
			if (sc < best - 0.01f || (align != STYLE_CENTER && sc <= best + 0.01f)) {
				best = sc;
				best_m = m;
			}
		}
		if (m >= full)
			break;
	}
	lp->measure = best_m;
	e = line_break(c->sb.g, c->sb.n, text, len, lp, &c->lr, c->d, pos);
	lp->measure = full;
	return e;
}

/* Full-width marks whose position differs between mainland and Taiwan practice: AR PL UKai
   (the kai role's default) centres ，。、；：！？ in every variant, as Taiwan sets them, so in a
   Simplified document they come from the body font (lower left, GB/T 15834). */
static int compose_kai_mark(uint32_t cp)
{
	if (cp < 0x3000)
		return 0;
	enum clreq_class k = clreq_class(cp);
	return k == CLREQ_COMMA || k == CLREQ_STOP || k == CLREQ_MIDDLE || k == CLREQ_EXCL;
}

/* Shapes text[0..len) at size into c->sb (emptied first) with chain fc. When text is the
   current leaf's (c->blk) and it has spans, each run of one span font (compose_span_font) is
   shaped with its own chain; in a Simplified document the marks of compose_kai_mark in the kai
   role's font are shaped with the body's chain. Clusters stay offsets into text. */
static enum err compose_shape(struct compose *c, const struct fontchain *fc, float size,
			      const char *text, size_t len, struct srcpos pos)
{
	const struct doc_block *b = c->blk;
	int spans = b && b->n_spans && b->text == text;
	const struct fontchain *body;
	enum err e = compose_class_chain(c, STYLE_BODY, &body);
	if (e)
		return e;
	/* kai marks: in a Simplified document, the chains that start with the kai face (its
	   span chain, a quote's, a Kai subhead's) take compose_kai_mark from the body's; 1 and
	   0 by chain (fc, then the span fonts), -1 not asked yet */
	int simp = !compose_region(c->doc ? c->doc->lang.text : NULL);
	int kai_fc = 0, kai_sf[COMPOSE_N_SF] = {-1, -1, -1};
	if (simp && fc->n && body->n && fc->fonts[0] != body->fonts[0] &&
	    (e = compose_is_kai(c, fc->fonts[0], &kai_fc)))
		return e;
	c->sb.n = 0;
	if (!spans && !kai_fc)
		return shape_text(c->sh, fc, size, text, len, pos, &c->sb);
	size_t at = 0;
	while (at < len) {
		/* the longest run of characters set with one chain */
		size_t run = at;
		const struct fontchain *use = NULL;
		while (run < len) {
			uint32_t cp;
			size_t n = utf8_decode(text + run, len - run, &cp);
			const struct fontchain *f = fc;
			int kai = kai_fc;
			if (spans) {
				size_t nx = len;
				int sf = compose_span_font(c, b, run, &nx);
				if (sf != COMPOSE_SF_BASE) {
					if ((e = compose_sf_chain(c, sf, &f)))
						return e;
					if (kai_sf[sf] < 0) {
						kai_sf[sf] = 0;
						if (simp && f->n && body->n && f->fonts[0] != body->fonts[0] &&
						    (e = compose_is_kai(c, f->fonts[0], &kai_sf[sf])))
							return e;
					}
					kai = kai_sf[sf];
				}
			}
			if (kai && compose_kai_mark(cp))
				f = body;
			if (use && f != use)
				break;
			use = f;
			run += n ? n : 1;
		}
		size_t from = c->sb.n;
		e = shape_text(c->sh, use, size, text + at, run - at, pos, &c->sb);
		if (e)
			return e;
		for (size_t g = from; g < c->sb.n; g++)
			c->sb.g[g].cluster += (uint32_t)at;
		at = run;
	}
	return ERR_OK;
}

/* Appends the glyphs of the current markers (c->markers, set in class k at size) to c->glyphs
   and their text to c->text: each ends at its `right` (the line's x origin is the measure's
   left edge). */
static enum err compose_put_markers(struct compose *c, enum style_class k, float size)
{
	for (int m = 0; m < c->n_markers; m++) {
		const struct compose_marker *mk = &c->markers[m];
		/* a bullet smaller, its middle on the em box's middle */
		float ms = mk->bullet ? COMPOSE_BULLET_SCALE * size : size;
		float rise = (size - ms) * COMPOSE_EM_MIDDLE;
		c->msb.n = 0;
		const struct fontchain *fc;
		enum err e = compose_class_chain(c, k, &fc);
		if (!e)
			e = shape_text(c->sh, fc, ms, mk->text, strlen(mk->text), (struct srcpos){0},
				       &c->msb);
		if (e)
			return e;
		float w = 0;
		for (size_t g = 0; g < c->msb.n; g++)
			w += c->msb.g[g].adv;
		float x = mk->right - w;
		size_t len = strlen(mk->text);
		for (size_t g = 0; g < c->msb.n; g++) {
			const struct shape_glyph *q = &c->msb.g[g];
			if (compose_room((void **)&c->glyphs, c->n_glyphs, &c->cap_glyphs, sizeof *c->glyphs))
				return ERR_NOMEM;
			size_t t0, t1;
			shape_cluster_text(&c->msb, g, len, &t0, &t1);
			c->glyphs[c->n_glyphs++] = (struct page_glyph){q->font, q->gid, ms, x + q->xoff,
								       q->yoff + rise, 0, 0, (uint32_t)c->text.len,
								       (uint32_t)(t1 - t0),
								       (uint32_t)(mk->elem + 1)};
			buf_put(&c->text, mk->text + t0, t1 - t0);
			x += q->adv;
		}
	}
	return ERR_OK;
}

/* The language whose patterns hyphenate the Western words of the document: its own, or
   English in a Chinese, Japanese or Korean document (their Latin words are English, mostly). */
static const char *compose_hyph_lang(const struct compose *c)
{
	const char *l = c->doc ? c->doc->lang.text : NULL;
	if (!l || !*l || !strncasecmp(l, "zh", 2) || !strncasecmp(l, "ja", 2) ||
	    !strncasecmp(l, "ko", 2) || !strncasecmp(l, "und", 3))
		return "en-US";
	return l;
}

/* HYPH (typography review D11): the hyphenation points of text for a body, quote or list
   paragraph set justified by the optimal breaker (not titles, subheads, code, captions,
   bylines), outside code spans; the hyphen's glyph in c->hy_g. Leaves lp without points when
   there are none, no patterns are installed for the language, or shaping the hyphen fails. */
static enum err compose_hyphens(struct compose *c, enum style_class k, const char *text, size_t len,
				const struct fontchain *fc, float size, struct line_params *lp)
{
	c->hy_g.font = NULL;
	if ((k != STYLE_BODY && k != STYLE_QUOTE && k != STYLE_LIST) || !lp->justify || lp->greedy)
		return ERR_OK;
	/* a word of WORDS_HYPH_MIN_WORD letters or more, before loading anything */
	size_t run = 0;
	for (size_t i = 0; i < len && run < WORDS_HYPH_MIN_WORD; i++)
		run = ((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z') ? run + 1 : 0;
	if (run < WORDS_HYPH_MIN_WORD)
		return ERR_OK;
	if (!c->hy_tried) {
		c->hy_tried = 1;
		if (c->opts && c->opts->hyphs)
			c->hy = words_hyphs_get(c->opts->hyphs, compose_hyph_lang(c));
		else
			c->hy = c->hy_own = words_hyph_load(compose_hyph_lang(c));
	}
	if (!c->hy)
		return ERR_OK;
	c->hyph.len = 0;
	size_t n = words_hyphens(c->hy, text, len, &c->hyph);
	if (c->hyph.oom)
		return ERR_NOMEM;
	uint32_t *pt = (uint32_t *)c->hyph.p;
	const struct doc_block *b = c->blk;
	if (n && b && b->text == text && b->n_spans) {
		/* never inside code */
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			int code = 0;
			for (size_t s = 0; s < b->n_spans && !code; s++)
				code = b->spans[s].kind == DOC_SPAN_CODE && pt[i] > b->spans[s].start &&
				       pt[i] < b->spans[s].start + b->spans[s].len;
			if (!code)
				pt[m++] = pt[i];
		}
		n = m;
	}
	if (!n)
		return ERR_OK;
	c->msb.n = 0;
	enum err e = shape_text(c->sh, fc, size, "-", 1, (struct srcpos){0}, &c->msb);
	if (e)
		return e;
	if (c->msb.n != 1 || !c->msb.g[0].gid || !(c->msb.g[0].adv > 0))
		return ERR_OK;
	c->hy_g = c->msb.g[0];
	lp->hyph = pt;
	lp->n_hyph = n;
	lp->hyph_w = c->hy_g.adv;
	return ERR_OK;
}

static enum err compose_block_aligned(struct compose *c, enum style_class k, const char *text,
				      struct srcpos pos, int is_para, int keep_next,
				      enum style_align align)
{
	const struct style_text *t = &c->st->text[k];
	size_t len = strlen(text);
	if (!len)
		return ERR_OK;
	float size = t->size, pitch = style_pitch(c->st, k);
	compose_fit(c, k, pos, &size, &pitch);
	float indent = t->indent * size / t->size;
	const struct fontchain *fc = c->chain;
	enum err e = fc ? ERR_OK : compose_class_chain(c, k, &fc);
	if (!e)
		e = compose_shape(c, fc, size, text, len, pos);
	if (e)
		return e;
	/* structure: insets (quotes, lists) narrow the measure */
	float measure = compose_measure(c, k) - c->inset_l - c->inset_r;
	if (measure < size)
		measure = size;
	int dots = c->blk && c->blk->text == text && c->blk->n_spans && c->st->emphasis == STYLE_EM_DOTS;
	struct line_params lp = {.measure = measure, .em = size, .indent = indent,
				 .justify = align == STYLE_JUSTIFY, .greedy = c->st->greedy,
				 .hang = k == STYLE_BODY && c->st->hang, .keep = c->keep, .n_keep = c->n_keep};
	/* D14: a title or subhead starting with “ or （ is not set half an em in */
	lp.trim_start = indent <= 0 && (compose_display(k) || k == STYLE_HEADING2 ||
					k == STYLE_HEADING3 || k == STYLE_HEADING4);
	if (compose_display(k) && !lp.n_keep) {
		/* D5: a title or subhead breaks between words where it can: its words are kept
		   whole unless that overfills a line. Words only matter where a line breaks: a
		   block that fits on one line without them (the breaker's own answer: keeping words
		   whole only takes breaks away) is set so without asking ICU, whose Chinese word
		   engine costs ~8 M instructions at its first use in a process (most subheads, and
		   a 主题——副题 title whose parts fit a line each) */
		e = line_break(c->sb.g, c->sb.n, text, len, &lp, &c->lr, NULL, pos);
		if (e)
			return e;
		c->wkeep.len = 0;
		if ((c->lr.n > 1 || compose_overfull(&c->lr)) && words_keep(text, len, &c->wkeep)) {
			lp.keep = (const uint32_t *)c->wkeep.p;
			lp.n_keep = c->wkeep.len / (2 * sizeof(uint32_t));
			e = line_break(c->sb.g, c->sb.n, text, len, &lp, &c->lr, NULL, pos);
			if (e)
				return e;
			if (compose_overfull(&c->lr)) {
				lp.keep = NULL;
				lp.n_keep = 0;
			}
		}
		if (c->wkeep.oom)
			return ERR_NOMEM;
	}
	if ((e = compose_hyphens(c, k, text, len, fc, size, &lp)))
		return e;
	e = line_break(c->sb.g, c->sb.n, text, len, &lp, &c->lr, c->d, pos);
	if (e)
		return e;
	if (compose_display(k) && c->lr.n > 1) {
		e = compose_display_breaks(c, text, len, pos, &lp, align);
		if (e)
			return e;
	}
	size_t first_line = c->n_lines;
	for (size_t i = 0; i < c->lr.n; i++) {
		const struct line *ln = &c->lr.lines[i];
		float off = 0;
		if (align == STYLE_CENTER)
			off = (lp.measure - ln->width) / 2;
		else if (align == STYLE_RIGHT)
			off = lp.measure - ln->width;
		if (off < 0)
			off = 0;   /* an overfull line starts at the measure's left edge */
		off += c->inset_l;
		if (compose_room((void **)&c->lines, c->n_lines, &c->cap_lines, sizeof *c->lines))
			return ERR_NOMEM;
		struct compose_line *cl = &c->lines[c->n_lines++];
		memset(cl, 0, sizeof *cl);
		cl->g0 = c->n_glyphs;
		if (i == 0 && c->n_markers && (e = compose_put_markers(c, k, size)))
			return e;
		size_t gtext = c->n_glyphs; /* the text's glyphs start here (after any marker) */
		size_t prev = (size_t)-1;
		if (compose_room((void **)&c->line_js, ln->end - ln->start, &c->cap_line_js,
				 sizeof *c->line_js))
			return ERR_NOMEM;
		size_t n_js = 0;
		for (size_t j = ln->start; j < ln->end; j++) {
			if (isnan(c->lr.x[j]))
				continue;
			c->line_js[n_js++] = j;
			if (prev != (size_t)-1) {
				/* adjustments: where the pen moved less or more than the advance */
				float gap = c->lr.x[j] - c->sb.g[j].xoff -
					    (c->lr.x[prev] - c->sb.g[prev].xoff) - c->sb.g[prev].adv;
				if (gap < -0.005f) {
					cl->n_shrunk++;
					cl->shrink -= gap;
				} else if (gap > 0.005f) {
					cl->stretch += gap;
				}
			}
			prev = j;
			if (compose_room((void **)&c->glyphs, c->n_glyphs, &c->cap_glyphs, sizeof *c->glyphs))
				return ERR_NOMEM;
			const struct shape_glyph *g = &c->sb.g[j];
			/* the first glyph of a cluster stands for the cluster's text */
			size_t t0, t1;
			shape_cluster_text(&c->sb, j, len, &t0, &t1);
			unsigned fl = dots && clreq_class(g->cp) == CLREQ_HAN &&
					      compose_in_em(c->blk, g->cluster) ? COMPOSE_GLYPH_DOT : 0;
			c->glyphs[c->n_glyphs++] = (struct page_glyph){g->font, g->gid, size,
								       off + c->lr.x[j], g->yoff, fl, 0,
								       (uint32_t)c->text.len, (uint32_t)(t1 - t0), 0};
			buf_put(&c->text, text + t0, t1 - t0);
		}
		if ((e = compose_bidi_line(c->glyphs + gtext, c->sb.g, c->line_js, n_js)))
			return e;
		if ((ln->flags & LINE_HYPHEN) && c->hy_g.font) {
			/* HYPH: the hyphen after the line's last glyph; it stands for no text, so the
			   line's ActualText (and pdftotext) gives the word back without it */
			if (compose_room((void **)&c->glyphs, c->n_glyphs, &c->cap_glyphs, sizeof *c->glyphs))
				return ERR_NOMEM;
			c->glyphs[c->n_glyphs++] = (struct page_glyph){c->hy_g.font, c->hy_g.gid, size,
								       off + ln->width - lp.hyph_w + c->hy_g.xoff,
								       c->hy_g.yoff, 0, 0, (uint32_t)c->text.len, 0, 0};
		}
		cl->g1 = c->n_glyphs;
		cl->pitch = pitch;
		cl->size = size;
		cl->span = compose_spans(k);
		cl->cls = k;
		cl->lflags = ln->flags;
		cl->off = off;
		cl->width = ln->width;
		cl->block = c->n_blocks;
		cl->n_in_block = (int)c->lr.n;
		cl->idx_in_block = (int)i;
		cl->is_para = is_para;
	}
	if (c->n_lines > first_line) {
		c->lines[first_line].first = 1;
		c->lines[first_line].space_before = style_vspace(c->st, t->space_before);
		c->lines[first_line].keep_next = keep_next;
		c->lines[c->n_lines - 1].last = 1;
		c->lines[c->n_lines - 1].space_after = style_vspace(c->st, t->space_after);
	}
	c->n_blocks++;
	return ERR_OK;
}

static enum err compose_block(struct compose *c, enum style_class k, const char *text,
			      struct srcpos pos, int is_para, int keep_next)
{
	return compose_block_aligned(c, k, text, pos, is_para, keep_next, c->st->text[k].align);
}

/* "2022-04-06..." -> "2022年4月6日 星期三" (Zeller-free: days from civil). */
static void compose_masthead_date(const char *iso, char *out, size_t n)
{
	int y, m, d;
	out[0] = 0;
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return;
	static const char *const wd[] = {"日", "一", "二", "三", "四", "五", "六"};
	int yy = m <= 2 ? y - 1 : y;
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long days = era * 146097 + doe - 719468;
	int w = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday (4) */
	snprintf(out, n, "%d年%d月%d日 星期%s", y, m, d, wd[w]);
}

/* Adds the masthead: source at the left, date at the right, on one line, a rule under it. */
static enum err compose_masthead(struct compose *c, const struct doc *doc)
{
	char date[64] = "";
	/* the date once, in the dateline, unless the style asks for it here too */
	if (doc->published.text && c->st->masthead_date)
		compose_masthead_date(doc->published.text, date, sizeof date);
	const char *src = doc->source.text ? doc->source.text : "";
	size_t before = c->n_lines;
	enum err e = ERR_OK;
	if (*src)
		e = compose_block_aligned(c, STYLE_MASTHEAD, src, doc->source.pos, 0, 1, STYLE_LEFT);
	if (!e && *date)
		e = compose_block_aligned(c, STYLE_MASTHEAD, date, doc->published.pos, 0, 1, STYLE_RIGHT);
	if (e || c->n_lines == before)
		return e;
	/* one line each (both are short): merge the date's glyphs into the source's line */
	if (c->n_lines - before == 2) {
		c->lines[before].g_span = c->lines[before + 1].g0;
		c->lines[before].g1 = c->lines[before + 1].g1;
		c->lines[before].last = 1;
		c->lines[before].space_after = c->lines[before + 1].space_after;
		c->lines[before].width = compose_measure(c, STYLE_MASTHEAD) - c->lines[before].off;
		c->n_lines--;
		c->n_blocks--;
	}
	c->lines[c->n_lines - 1].rule_after = c->st->rules;
	return ERR_OK;
}

/* Natural width of text set in class k, pt. */
static enum err compose_width(struct compose *c, enum style_class k, const char *text, size_t len,
			      struct srcpos pos, float *w)
{
	c->sb.n = 0;
	const struct fontchain *fc;
	enum err e = compose_class_chain(c, k, &fc);
	if (!e)
		e = shape_text(c->sh, fc, c->st->text[k].size, text, len, pos, &c->sb);
	*w = 0;
	for (size_t i = 0; i < c->sb.n; i++)
		*w += c->sb.g[i].adv;
	return e;
}

/* The title. A headline of the form 主题——副题 is broken after the dash when each part fits
   on one line (as newspapers set it); otherwise it is set as balanced centred lines. */
static enum err compose_title(struct compose *c, const struct doc *doc)
{
	const char *t = doc->title.text;
	const char *dash = strstr(t, "——");
	size_t len = strlen(t);
	if (dash && dash > t) {
		size_t k = (size_t)(dash - t) + strlen("——");
		while (!strncmp(t + k, "—", strlen("—")))
			k += strlen("—");
		size_t r = k;
		while (t[r] == ' ')
			r++;
		float w1 = 0, m = compose_measure(c, STYLE_TITLE);
		enum err e = compose_width(c, STYLE_TITLE, t, k, doc->title.pos, &w1);
		if (e)
			return e;
		if (r < len && w1 <= m) {
			/* the second part gets balanced lines of its own when it is too long for one */
			char *head = strndup(t, k);
			if (!head)
				return ERR_NOMEM;
			size_t first = c->n_lines;
			e = compose_block(c, STYLE_TITLE, head, doc->title.pos, 0, 2);
			free(head);
			if (!e)
				e = compose_block(c, STYLE_TITLE, t + r, doc->title.pos, 0, 2);
			size_t n = c->n_lines - first;
			if (!e && n >= 2 && c->lines[first].last) {
				/* one block of n lines */
				struct compose_line *L = &c->lines[first];
				L[0].last = 0;
				L[0].space_after = 0;
				L[1].first = 0;
				L[1].space_before = 0;
				L[1].keep_next = 0;
				for (size_t q = 0; q < n; q++) {
					L[q].n_in_block = (int)n;
					L[q].idx_in_block = (int)q;
					L[q].block = L[0].block;
				}
				L[0].keep_next = 2;
				c->n_blocks--;
			}
			return e;
		}
	}
	return compose_block(c, STYLE_TITLE, t, doc->title.pos, 0, 2);
}

/* FNV-1a of a string. */
static uint64_t compose_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h;
}

/* Counts the file at path (real path) against the document's image budget, once per file:
   PNG pixels (decoded into memory when the PDF is written, one image at a time, but each
   costs time) and JPEG bytes (embedded as they are). ERR_LIMIT with msg when it would pass
   IMAGE_MAX_DOC_PIXELS or IMAGE_MAX_DOC_BYTES (the file is then not counted); ERR_NOMEM. */
static enum err compose_image_budget(struct compose *c, const char *path,
				     const struct image_info *info, char *msg, size_t n)
{
	uint64_t h = compose_hash(path);
	size_t slot = 0;
	if (c->cap_seen) {
		for (slot = h & (c->cap_seen - 1); c->img_seen[slot]; slot = (slot + 1) & (c->cap_seen - 1))
			if (!strcmp(c->img_seen[slot], path))
				return ERR_OK; /* counted already: stored once in the PDF */
	}
	unsigned long long px = (unsigned long long)info->width * info->height;
	if (info->format == IMAGE_PNG && c->img_pixels + px > IMAGE_MAX_DOC_PIXELS) {
		snprintf(msg, n, "the article's PNG images would pass %llu pixels in all "
			 "(IMAGE_MAX_DOC_PIXELS; this one has %ux%u)", IMAGE_MAX_DOC_PIXELS,
			 info->width, info->height);
		return ERR_LIMIT;
	}
	if (info->format == IMAGE_JPEG && c->img_bytes + info->bytes > IMAGE_MAX_DOC_BYTES) {
		snprintf(msg, n, "the article's JPEG images would pass %lld bytes in all "
			 "(IMAGE_MAX_DOC_BYTES; this one has %lld)", IMAGE_MAX_DOC_BYTES, info->bytes);
		return ERR_LIMIT;
	}
	if ((c->n_seen + 1) * 2 > c->cap_seen) {
		size_t nc = c->cap_seen ? c->cap_seen * 2 : 16;
		char **t = calloc(nc, sizeof *t);
		if (!t)
			return ERR_NOMEM;
		for (size_t i = 0; i < c->cap_seen; i++) {
			if (!c->img_seen[i])
				continue;
			size_t s2 = compose_hash(c->img_seen[i]) & (nc - 1);
			while (t[s2])
				s2 = (s2 + 1) & (nc - 1);
			t[s2] = c->img_seen[i];
		}
		free(c->img_seen);
		c->img_seen = t;
		c->cap_seen = nc;
		for (slot = h & (nc - 1); c->img_seen[slot]; slot = (slot + 1) & (nc - 1))
			;
	}
	if (!(c->img_seen[slot] = strdup(path)))
		return ERR_NOMEM;
	c->n_seen++;
	if (info->format == IMAGE_PNG)
		c->img_pixels += px;
	else
		c->img_bytes += info->bytes;
	return ERR_OK;
}

/* The image's file when it can be printed (path and size in pixels), else NULL with a
   warning naming it. */
static enum err compose_image_file(struct compose *c, const struct doc_block *k, char **path,
				   struct image_info *info)
{
	struct image_allow allow = {c->opts ? c->opts->allow_dirs : NULL, c->opts ? c->opts->n_allow : 0};
	enum image_verdict v;
	char msg[256];
	enum err e = image_resolve(c->doc->file, k->src, &allow, path, &v);
	if (e)
		return e;
	const char *cap = k->text[0] ? "; its caption is left out with it" : "";
	switch (v) {
	case IMAGE_USABLE:
		break;
	case IMAGE_REMOTE:
		diag_at(c->d, DIAG_WARNING, k->pos, "skipped remote image %s (paiban never fetches)%s",
			k->src, cap);
		return ERR_OK;
	case IMAGE_MISSING:
		diag_at(c->d, DIAG_WARNING, k->pos, "image %s not found%s", k->src, cap);
		return ERR_OK;
	default:
		diag_at(c->d, DIAG_WARNING, k->pos, "refused image %s: %s%s", k->src,
			image_verdict_str(v), cap);
		return ERR_OK;
	}
	e = image_probe(*path, info, msg, sizeof msg);
	if (e == ERR_NOMEM)
		return e;
	if (!e && (e = compose_image_budget(c, *path, info, msg, sizeof msg)) == ERR_NOMEM)
		return e;
	if (e) {
		diag_at(c->d, DIAG_WARNING, k->pos, "cannot print image %s: %s%s", k->src, msg, cap);
		free(*path);
		*path = NULL;
	}
	return ERR_OK;
}

/* An image block: the picture as one line box (no glyphs) kept with its centred caption. */
static enum err compose_image(struct compose *c, const struct doc_block *k)
{
	const struct style *st = c->st;
	char *path = NULL;
	struct image_info info;
	enum err e = compose_image_file(c, k, &path, &info);
	if (e || !path)
		return e; /* not printed, and its caption with it (typography review D9) */
	float body = st->text[STYLE_BODY].size;
	const struct style_text *mt = &st->text[STYLE_META];
	/* natural size at 150 dpi, then within the measure and the type area's height less room
	   for three caption lines and the spaces */
	float w = (float)info.width * 72.0f / 150.0f, h = (float)info.height * 72.0f / 150.0f;
	float maxw = style_measure(st);
	float maxh = st->page_h - st->margin_top - st->margin_bottom - 3 * style_pitch(st, STYLE_META) -
		     2 * body;
	if (maxh < body)
		maxh = body;
	if (w > maxw) {
		h *= maxw / w;
		w = maxw;
	}
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	if (compose_room((void **)&c->lines, c->n_lines, &c->cap_lines, sizeof *c->lines)) {
		free(path);
		return ERR_NOMEM;
	}
	struct compose_line *l = &c->lines[c->n_lines++];
	memset(l, 0, sizeof *l);
	l->g0 = l->g1 = c->n_glyphs;
	float u = style_unit(st);
	l->pitch = u > 0 ? ceilf(h / u - 0.001f) * u : h;
	l->size = mt->size;
	l->space_before = style_vspace(st, 0.75f * body);
	l->space_after = style_vspace(st, 0.75f * body);
	l->block = c->n_blocks++;
	l->first = l->last = 1;
	l->n_in_block = 1;
	l->cls = STYLE_META;
	l->width = w;
	l->off = (maxw - w) / 2;
	l->img = path;
	l->img_src = k->src;
	l->img_pos = k->pos;
	l->img_w = w;
	l->img_h = h;
	if (!k->text[0])
		return ERR_OK;
	size_t first = c->n_lines;
	e = compose_block_aligned(c, STYLE_META, k->text, k->pos, 0, 0, STYLE_CENTER);
	if (!e && c->n_lines > first) {
		size_t img = first - 1;
		c->lines[img].keep_next = 1;
		c->lines[img].space_after = style_vspace(st, 0.3f * mt->size);
		c->lines[first].space_before = 0;
		struct compose_line *last = &c->lines[c->n_lines - 1];
		if (last->space_after < style_vspace(st, 0.75f * body))
			last->space_after = style_vspace(st, 0.75f * body);
	}
	return e;
}

/* Marks the first line set since line `from` as a page mark of `level` (title 1, subheads
   2..) with text. */
static void compose_mark(struct compose *c, size_t from, int level, const char *text)
{
	if (from < c->n_lines && text) {
		c->lines[from].mark = level + 1;
		c->lines[from].mark_text = text;
	}
}

/* In a digest: the section's name above the first article of the section, left, with the
   masthead's rule under it (the article's own masthead is left to the running heads). */
static enum err compose_section_label(struct compose *c, const char *name)
{
	size_t before = c->n_lines;
	enum err e = compose_block_aligned(c, STYLE_MASTHEAD, name, (struct srcpos){0}, 0, 1, STYLE_LEFT);
	if (!e && c->n_lines > before)
		c->lines[c->n_lines - 1].rule_after = 1;
	compose_mark(c, before, 0, name); /* level 0: the section, in the outline */
	return e;
}

/* ---- structure (tagged PDF) ----------------------------------------------------------------- */

/* Adds a structure element; its index, or -1 when out of memory. */
static int compose_elem(struct compose *c, enum page_tag tag, int parent, const char *alt)
{
	if (compose_room((void **)&c->elems, c->n_elems, &c->cap_elems, sizeof *c->elems))
		return -1;
	c->elems[c->n_elems] = (struct compose_elem){tag, parent, alt, NULL};
	return (int)c->n_elems++;
}

/* Makes lines [from, n_lines) content of element el (-1: artifacts). */
static void compose_stamp(struct compose *c, size_t from, int el)
{
	for (size_t i = from; i < c->n_lines; i++)
		c->lines[i].elem = el + 1;
}

/* The structure element of each kind of document block, one line per kind (a heading's level
   picks H2..H6 and a header cell TH in compose_tag_block). */
static const struct {
	enum doc_block_type type;
	enum page_tag tag;
} compose_block_tags[] = {
	{DOC_PARA, PAGE_TAG_P},         {DOC_HEADING, PAGE_TAG_H2},
	{DOC_IMAGE, PAGE_TAG_FIGURE},   {DOC_CODE, PAGE_TAG_CODE},
	{DOC_CELL, PAGE_TAG_TD},        {DOC_LIST, PAGE_TAG_L},
	{DOC_ITEM, PAGE_TAG_LI},        {DOC_QUOTE, PAGE_TAG_BLOCKQUOTE},
	{DOC_TABLE, PAGE_TAG_TABLE},    {DOC_ROW, PAGE_TAG_TR},
};

/* Adds the element of document block i under its container's (root at the top level) and
   returns it; -1 with *e = ERR_NOMEM when out of memory. An image is a Figure whose /Alt is
   its caption (compose_tag_figure finishes it); a list item's blocks go into an LBody under
   its LI, after the Lbl that holds its marker (the element just before the LBody). */
static int compose_tag_block(struct compose *c, const struct doc *doc, size_t i, int root,
			     enum err *e)
{
	const struct doc_block *k = &doc->blocks[i];
	enum page_tag tag = PAGE_TAG_P;
	for (size_t t = 0; t < sizeof compose_block_tags / sizeof *compose_block_tags; t++)
		if (compose_block_tags[t].type == k->type)
			tag = compose_block_tags[t].tag;
	if (k->type == DOC_HEADING)
		tag = (enum page_tag)(PAGE_TAG_H1 + (k->level <= 2 ? 1 : k->level >= 6 ? 5 : k->level - 1));
	else if (k->type == DOC_CELL && k->level == 1)
		tag = PAGE_TAG_TH;
	int parent = root;
	if (k->parent >= 0 && (size_t)k->parent < i && c->block_elem[k->parent] >= 0)
		parent = c->block_elem[k->parent];
	int el = compose_elem(c, tag, parent, k->type == DOC_IMAGE && k->text[0] ? k->text : NULL);
	c->block_elem[i] = el;
	if (el >= 0 && k->type == DOC_ITEM && compose_elem(c, PAGE_TAG_LBL, el, NULL) >= 0)
		c->block_elem[i] = compose_elem(c, PAGE_TAG_LBODY, el, NULL);
	else if (el >= 0 && k->type == DOC_ITEM)
		c->block_elem[i] = -1;
	if (el < 0 || c->block_elem[i] < 0)
		*e = ERR_NOMEM;
	return el;
}

/* An image block's lines from line `from` (compose_image): the picture is the content of
   Figure el, its caption a Caption inside it (an unprinted image leaves nothing). */
static enum err compose_tag_figure(struct compose *c, size_t from, int el)
{
	if (from >= c->n_lines)
		return ERR_OK;
	if (!c->lines[from].img) {
		c->elems[el].tag = PAGE_TAG_P;
		c->elems[el].alt = NULL;
		compose_stamp(c, from, el);
		return ERR_OK;
	}
	c->lines[from].elem = el + 1;
	if (from + 1 < c->n_lines) {
		int cap = compose_elem(c, PAGE_TAG_CAPTION, el, NULL);
		if (cap < 0)
			return ERR_NOMEM;
		compose_stamp(c, from + 1, cap);
	}
	return ERR_OK;
}

/* compose_stamp for a block of lines from `from` with a new element tag under root. */
static enum err compose_tag_lines(struct compose *c, size_t from, enum page_tag tag, int root)
{
	if (from >= c->n_lines)
		return ERR_OK;
	int el = compose_elem(c, tag, root, NULL);
	if (el < 0)
		return ERR_NOMEM;
	compose_stamp(c, from, el);
	return ERR_OK;
}

/* ---- structure: lists, quotes, code, tables (README "Style files") ---- */

/* Appends glyph j of sb (shaped from text, len bytes: clusters are offsets into it) with its
   origin at x, y (relative to the line's left edge and baseline; the glyph's own offsets are
   the caller's) and its cluster's text on the cluster's first glyph. */
static enum err compose_glyph(struct compose *c, const struct shape_buf *sb, size_t j,
			      const char *text, size_t len, float x, float y, float size,
			      unsigned flags)
{
	if (compose_room((void **)&c->glyphs, c->n_glyphs, &c->cap_glyphs, sizeof *c->glyphs))
		return ERR_NOMEM;
	const struct shape_glyph *g = &sb->g[j];
	size_t t0, t1;
	shape_cluster_text(sb, j, len, &t0, &t1);
	c->glyphs[c->n_glyphs++] = (struct page_glyph){g->font, g->gid, size, x, y, flags, 0,
						       (uint32_t)c->text.len, (uint32_t)(t1 - t0), 0};
	buf_put(&c->text, text + t0, t1 - t0);
	return ERR_OK;
}

/* A new zeroed line at the end of c->lines, its glyphs starting at the next glyph; its index,
   or (size_t)-1 when out of memory. */
static size_t compose_new_line(struct compose *c)
{
	if (compose_room((void **)&c->lines, c->n_lines, &c->cap_lines, sizeof *c->lines))
		return (size_t)-1;
	struct compose_line *cl = &c->lines[c->n_lines];
	memset(cl, 0, sizeof *cl);
	cl->g0 = cl->g1 = c->n_glyphs;
	cl->block = c->n_blocks;
	return c->n_lines++;
}

/* The first leaf inside container p, or (size_t)-1. */
static size_t compose_first_leaf(const struct doc *doc, size_t p)
{
	for (size_t j = p + 1; j < doc->blocks[p].end && j < doc->n_blocks; j++)
		if (!doc_block_is_container(doc->blocks[j].type))
			return j;
	return (size_t)-1;
}

/* The room between a list marker and the item's text: none after a full-width closing mark
   (its own blank half serves), else COMPOSE_MARKER_GAP em. */
static float compose_marker_gap(const char *m, float em)
{
	size_t n = strlen(m), cl = strlen("）");
	return n >= cl && !strcmp(m + n - cl, "）") ? 0 : COMPOSE_MARKER_GAP * em;
}

/* Natural width of text set in class k at its size (c->msb), pt. */
static enum err compose_marker_width(struct compose *c, enum style_class k, const char *text,
				     float *w)
{
	c->msb.n = 0;
	const struct fontchain *fc;
	enum err e = compose_class_chain(c, k, &fc);
	if (!e)
		e = shape_text(c->sh, fc, c->st->text[k].size, text, strlen(text), (struct srcpos){0},
			       &c->msb);
	*w = 0;
	for (size_t g = 0; g < c->msb.n; g++)
		*w += c->msb.g[g].adv;
	return e;
}

/* The hanging indent of list L at nesting `level` (1: top): [list] margin-left, widened to
   whole ems when its widest marker (of the first or last item) and the gap need more. Cached
   in c->list_inset. */
static enum err compose_list_inset(struct compose *c, const struct doc *doc, size_t L, int level,
				   float *out)
{
	if (c->list_inset[L] > 0) {
		*out = c->list_inset[L];
		return ERR_OK;
	}
	const struct style_text *t = &c->st->text[STYLE_LIST];
	const struct doc_block *b = &doc->blocks[L];
	float em = t->size, inset = t->margin_left;
	int first = 0, last = 0, any = 0;
	for (size_t j = L + 1; j < b->end && j < doc->n_blocks;
	     j = doc->blocks[j].end > j ? doc->blocks[j].end : j + 1)
		if (doc->blocks[j].type == DOC_ITEM) {
			if (!any)
				first = doc->blocks[j].number;
			last = doc->blocks[j].number;
			any = 1;
		}
	struct buf m;
	buf_init(&m);
	enum err e = ERR_OK;
	for (int q = 0; any && q < 2 && !e; q++) {
		buf_reset(&m);
		wording_list_marker(b->ordered, q ? last : first, level, &m);
		if (m.oom) {
			e = ERR_NOMEM;
			break;
		}
		float w;
		e = compose_marker_width(c, STYLE_LIST, buf_cstr(&m), &w);
		if (!b->ordered)
			w *= COMPOSE_BULLET_SCALE;
		float need = ceilf((w + compose_marker_gap(buf_cstr(&m), em)) / em - 0.001f) * em;
		if (need > inset)
			inset = need;
	}
	buf_free(&m);
	c->list_inset[L] = inset > 0 ? inset : 0;
	*out = inset;
	return e;
}

/* Sets c->inset_l, c->inset_r and c->markers for block i from the containers around it
   (quotes: [quote] margins; lists: their hanging indent; the items it opens: their markers)
   and *cls to the class of a paragraph there (the innermost quote or list, else body). */
static enum err compose_context(struct compose *c, const struct doc *doc, size_t i,
				enum style_class *cls)
{
	const struct style *st = c->st;
	int anc[DOC_MAX_DEPTH + 2], n = 0;
	c->inset_l = c->inset_r = 0;
	c->n_markers = 0;
	*cls = STYLE_BODY;
	for (int p = doc->blocks[i].parent; p >= 0 && (size_t)p < doc->n_blocks &&
	     n < DOC_MAX_DEPTH + 2; p = doc->blocks[p].parent)
		anc[n++] = p;
	int level = 0;
	enum err e = ERR_OK;
	for (int a = n - 1; a >= 0 && !e; a--) {
		const struct doc_block *b = &doc->blocks[anc[a]];
		if (b->type == DOC_QUOTE) {
			c->inset_l += st->text[STYLE_QUOTE].margin_left;
			c->inset_r += st->text[STYLE_QUOTE].margin_right;
			*cls = STYLE_QUOTE;
		} else if (b->type == DOC_LIST) {
			float w = 0;
			e = compose_list_inset(c, doc, (size_t)anc[a], ++level, &w);
			c->inset_l += w;
			*cls = STYLE_LIST;
		} else if (b->type == DOC_ITEM && compose_first_leaf(doc, (size_t)anc[a]) == i &&
			   c->n_markers < COMPOSE_MAX_MARKERS) {
			const struct doc_block *L = b->parent >= 0 ? &doc->blocks[b->parent] : NULL;
			struct buf m;
			buf_init(&m);
			wording_list_marker(L && L->type == DOC_LIST && L->ordered, b->number,
					    level ? level : 1, &m);
			if (m.oom)
				e = ERR_NOMEM;
			struct compose_marker *mk = &c->markers[c->n_markers++];
			snprintf(mk->text, sizeof mk->text, "%s", m.len ? buf_cstr(&m) : "");
			mk->bullet = !(L && L->type == DOC_LIST && L->ordered);
			mk->right = c->inset_l - compose_marker_gap(mk->text, st->text[STYLE_LIST].size);
			/* the item's Lbl: made just before its LBody (compose_tag_block) */
			mk->elem = c->block_elem[anc[a]] > 0 ? c->block_elem[anc[a]] - 1 : -1;
			buf_free(&m);
		}
	}
	/* deep nesting: the insets give way so that COMPOSE_MIN_ROOM ems of text remain */
	float room = style_measure(st) - COMPOSE_MIN_ROOM * st->text[STYLE_BODY].size;
	if (room < 0)
		room = 0;
	if (c->inset_l + c->inset_r > room) {
		float f = room / (c->inset_l + c->inset_r);
		c->inset_l *= f;
		c->inset_r *= f;
		for (int m = 0; m < c->n_markers; m++)
			c->markers[m].right *= f;
	}
	return e;
}

/* A quote's space before and after goes above its first paragraph and below its last only:
   lines [at, c->n_lines) set leaf i inside a quote. */
static void compose_quote_spaces(struct compose *c, const struct doc *doc, size_t i, size_t at)
{
	int q = doc->blocks[i].parent;
	while (q >= 0 && doc->blocks[q].type != DOC_QUOTE)
		q = doc->blocks[q].parent;
	if (q < 0 || at >= c->n_lines)
		return;
	if (compose_first_leaf(doc, (size_t)q) != i)
		c->lines[at].space_before = 0;
	if (doc->blocks[q].end != i + 1)
		c->lines[c->n_lines - 1].space_after = 0;
}

static void compose_context_clear(struct compose *c)
{
	c->inset_l = c->inset_r = 0;
	c->n_markers = 0;
	c->blk = NULL;
	c->chain = NULL;
}

/* Fills the fields every line of a block shares and closes the block: lines [first,
   c->n_lines) of class k. */
static void compose_close_block(struct compose *c, size_t first, enum style_class k, float size,
				float pitch, int is_para)
{
	const struct style_text *t = &c->st->text[k];
	size_t n = c->n_lines - first;
	for (size_t q = first; q < c->n_lines; q++) {
		struct compose_line *l = &c->lines[q];
		l->pitch = pitch;
		l->size = size;
		l->cls = k;
		l->block = c->n_blocks;
		l->n_in_block = (int)n;
		l->idx_in_block = (int)(q - first);
		l->is_para = is_para;
	}
	if (n) {
		c->lines[first].first = 1;
		c->lines[first].space_before = style_vspace(c->st, t->space_before * size / t->size);
		c->lines[c->n_lines - 1].last = 1;
		c->lines[c->n_lines - 1].lflags |= LINE_LAST;
		c->lines[c->n_lines - 1].space_after = style_vspace(c->st, t->space_after * size / t->size);
	}
	c->n_blocks++;
}

/* A code block (DOC_CODE): [code] class, its lines as written (tabs to COMPOSE_TAB stops), set
   ragged with natural spacing (no justification, no punctuation squeeze); a line longer than
   the measure wraps after its last space that fits, else at the measure. */
static enum err compose_code(struct compose *c, const struct doc_block *k)
{
	const struct style *st = c->st;
	const struct style_text *t = &st->text[STYLE_CODE];
	float size = t->size, pitch = style_pitch(st, STYLE_CODE);
	compose_fit(c, STYLE_CODE, k->pos, &size, &pitch);
	float left = c->inset_l + t->margin_left;
	float measure = compose_measure(c, STYLE_CODE) - left - c->inset_r - t->margin_right;
	if (measure < 4 * size) { /* deep in lists and quotes: the insets give way */
		left = c->inset_l;
		measure = compose_measure(c, STYLE_CODE) - left - c->inset_r;
		if (measure < size)
			measure = size;
	}
	struct buf x;
	buf_init(&x);
	unsigned col = 0;
	for (const char *p = k->text; *p; p++) {
		if (*p == '\t') {
			do
				buf_putc(&x, ' ');
			while (++col % COMPOSE_TAB);
		} else {
			buf_putc(&x, *p);
			if (*p == '\n')
				col = 0;
			else if (((unsigned char)*p & 0xC0) != 0x80)
				col++;
		}
	}
	if (x.oom) {
		buf_free(&x);
		return ERR_NOMEM;
	}
	const char *text = x.len ? buf_cstr(&x) : "";
	size_t len = x.len;
	while (len && text[len - 1] == '\n')
		len--;
	enum err e = ERR_OK;
	size_t first = c->n_lines;
	for (size_t a = 0; a <= len && !e && len;) {
		size_t b = a;
		while (b < len && text[b] != '\n')
			b++;
		c->sb.n = 0;
		const struct fontchain *fc;
		if (b > a && !(e = compose_class_chain(c, STYLE_CODE, &fc)))
			e = shape_text(c->sh, fc, size, text + a, b - a, k->pos, &c->sb);
		size_t j = 0;
		do {
			if (e)
				break;
			float w = 0;
			size_t end = j, brk = 0;
			while (end < c->sb.n) {
				float adv = c->sb.g[end].adv;
				if (w + adv > measure + 0.01f && end > j)
					break;
				w += adv;
				end++;
				if (text[a + c->sb.g[end - 1].cluster] == ' ')
					brk = end; /* a wrap may come after a space */
			}
			if (end < c->sb.n) {
				if (brk > j)
					end = brk;
				while (end > j + 1 && c->sb.g[end].cluster == c->sb.g[end - 1].cluster)
					end--; /* never inside a cluster */
			}
			size_t li = compose_new_line(c);
			if (li == (size_t)-1) {
				e = ERR_NOMEM;
				break;
			}
			if (li == first && c->n_markers)
				e = compose_put_markers(c, STYLE_CODE, size);
			float pen = 0;
			for (size_t q = j; q < end && !e; q++) {
				const struct shape_glyph *g = &c->sb.g[q];
				e = compose_glyph(c, &c->sb, q, text + a, b - a, left + pen + g->xoff,
						  g->yoff, size, 0);
				pen += g->adv;
			}
			struct compose_line *cl = &c->lines[li];
			cl->g1 = c->n_glyphs;
			cl->off = left;
			cl->width = pen;
			cl->lflags = end < c->sb.n ? 0 : LINE_FORCED;
			j = end;
		} while (j < c->sb.n);
		a = b + 1;
	}
	buf_free(&x);
	if (!e)
		compose_close_block(c, first, STYLE_CODE, size, pitch, 1);
	return e;
}

/* A table (DOC_TABLE): rows (DOC_ROW) of cells (DOC_CELL) in columns as wide as their widest
   cell's natural line, widened equally to fill the measure or, when the cells do not fit,
   narrowed in proportion (cells then wrap, ragged); COMPOSE_TABLE_GAP between columns. Each
   row is one line box (never split across pages), the header row (cells of level 1, set in
   the strong role) is kept with the next; three rules (三线表): above the table, under the
   header row, under the table. A table whose columns would be narrower than
   COMPOSE_TABLE_MIN ems (or that has more than COMPOSE_TABLE_MAX_COLS) is set one cell a
   line instead, each row kept together. */
static enum err compose_table(struct compose *c, const struct doc *doc, size_t ti)
{
	const struct style *st = c->st;
	const struct doc_block *T = &doc->blocks[ti];
	const struct style_text *t = &st->text[STYLE_TABLE];
	float size = t->size, lp = style_pitch(st, STYLE_TABLE);
	compose_fit(c, STYLE_TABLE, T->pos, &size, &lp);
	float em = size, gap = COMPOSE_TABLE_GAP * em;
	float left = c->inset_l + t->margin_left;
	float avail = compose_measure(c, STYLE_TABLE) - left - c->inset_r - t->margin_right;
	size_t end = T->end < doc->n_blocks ? T->end : doc->n_blocks;
#define NEXT_SIB(j) (doc->blocks[j].end > (j) ? doc->blocks[j].end : (j) + 1)
	int ncol = 0, nrow = 0;
	for (size_t r = ti + 1; r < end; r = NEXT_SIB(r)) {
		if (doc->blocks[r].type != DOC_ROW)
			continue;
		int n = 0;
		for (size_t q = r + 1; q < doc->blocks[r].end && q < end; q = NEXT_SIB(q))
			n += doc->blocks[q].type == DOC_CELL;
		if (n > ncol)
			ncol = n;
		nrow++;
	}
	if (!nrow || !ncol)
		return ERR_OK;
	float nat[COMPOSE_TABLE_MAX_COLS] = {0}, w[COMPOSE_TABLE_MAX_COLS] = {0};
	int fallback = ncol > COMPOSE_TABLE_MAX_COLS;
	enum err e = ERR_OK;
	for (size_t r = ti + 1; r < end && !fallback && !e; r = NEXT_SIB(r)) {
		if (doc->blocks[r].type != DOC_ROW)
			continue;
		int j = 0;
		for (size_t q = r + 1; q < doc->blocks[r].end && q < end && !e; q = NEXT_SIB(q)) {
			const struct doc_block *cell = &doc->blocks[q];
			if (cell->type != DOC_CELL)
				continue;
			c->blk = cell;
			const struct fontchain *fc;
			e = cell->level ? compose_sf_chain(c, COMPOSE_SF_STRONG, &fc)
					: compose_class_chain(c, STYLE_TABLE, &fc);
			if (!e)
				e = compose_shape(c, fc, size, cell->text, strlen(cell->text), cell->pos);
			float cw = 0;
			for (size_t g = 0; g < c->sb.n; g++)
				cw += c->sb.g[g].adv;
			if (cw > nat[j])
				nat[j] = cw;
			j++;
		}
	}
	c->blk = NULL;
	if (e)
		return e;
	if (!fallback) {
		float room = avail - (float)(ncol - 1) * gap, sum = 0;
		for (int j = 0; j < ncol; j++) {
			if (nat[j] < em)
				nat[j] = em; /* an empty column still takes a character */
			sum += nat[j];
		}
		if (room < (float)ncol * COMPOSE_TABLE_MIN * em) {
			fallback = 1;
		} else if (sum <= room) {
			for (int j = 0; j < ncol; j++)
				w[j] = nat[j] + (room - sum) / (float)ncol;
		} else {
			/* narrow columns keep their width; the others share the rest by their width */
			float fair = room / (float)ncol, keep = 0, rest = 0;
			for (int j = 0; j < ncol; j++) {
				if (nat[j] <= fair)
					keep += nat[j];
				else
					rest += nat[j];
			}
			for (int j = 0; j < ncol; j++) {
				w[j] = nat[j] <= fair ? nat[j] : nat[j] * (room - keep) / rest;
				if (w[j] < nat[j] && w[j] < COMPOSE_TABLE_MIN * em)
					fallback = 1;
			}
		}
		/* a row taller than half the type area (a cell wrapping into many lines) would not
		   fit a page whole: one cell a line instead */
		float H = st->page_h - st->margin_top - st->margin_bottom;
		for (int j = 0; j < ncol && !fallback; j++)
			if ((ceilf(nat[j] / w[j]) + 1) * lp > H / 2)
				fallback = 1;
	}
	const struct doc_block *hdr[COMPOSE_TABLE_MAX_COLS]; /* fallback: the header row's cells */
	int n_hdr = 0;
	float tw = (float)(ncol - 1) * gap; /* the table's width */
	for (int j = 0; j < ncol && !fallback; j++)
		tw += w[j];
	int rowi = 0;
	for (size_t r = ti + 1; r < end && !e; r = NEXT_SIB(r)) {
		if (doc->blocks[r].type != DOC_ROW)
			continue;
		int header = 0, j = 0, nl = 1;
		size_t q0 = r + 1;
		while (q0 < doc->blocks[r].end && q0 < end && doc->blocks[q0].type != DOC_CELL)
			q0 = NEXT_SIB(q0);
		header = q0 < end && doc->blocks[q0].type == DOC_CELL && doc->blocks[q0].level;
		if (fallback) {
			/* one cell a line, the row's cells kept together; below a header row each cell
			   is labelled with its column's header, in bold: 地区：武汉 */
			if (header && rowi == 0 && nrow > 1) {
				int hj = 0;
				for (size_t q = r + 1; q < doc->blocks[r].end && q < end; q = NEXT_SIB(q))
					if (doc->blocks[q].type == DOC_CELL && hj < COMPOSE_TABLE_MAX_COLS)
						hdr[hj++] = &doc->blocks[q];
				n_hdr = hj;
				rowi++;
				continue;
			}
			float il = c->inset_l;
			c->inset_l = left;
			size_t first = c->n_lines;
			int hj = 0;
			compose_tag_block(c, doc, r, -1, &e); /* the TR */
			for (size_t q = r + 1; q < doc->blocks[r].end && q < end && !e; q = NEXT_SIB(q)) {
				const struct doc_block *cell = &doc->blocks[q];
				if (cell->type != DOC_CELL)
					continue;
				const struct doc_block *h = hj < n_hdr && !cell->level ? hdr[hj] : NULL;
				hj++;
				struct doc_block lab;
				struct buf lt;
				buf_init(&lt);
				if (h && h->text[0]) {
					/* the label in the strong role, the cell's own spans after it */
					buf_puts(&lt, h->text);
					buf_puts(&lt, "：");
					size_t at0 = lt.len;
					buf_puts(&lt, cell->text);
					lab = *cell;
					lab.text = buf_cstr(&lt);
					lab.spans = malloc((cell->n_spans + 1) * sizeof *lab.spans);
					if (lt.oom || !lab.spans) {
						buf_free(&lt);
						free(lab.spans);
						e = ERR_NOMEM;
						break;
					}
					lab.spans[0] = (struct doc_span){DOC_SPAN_STRONG, 0, at0, NULL};
					for (size_t k = 0; k < cell->n_spans; k++) {
						lab.spans[k + 1] = cell->spans[k];
						lab.spans[k + 1].start += at0;
					}
					lab.n_spans = cell->n_spans + 1;
					cell = &lab;
				}
				c->blk = cell;
				c->chain = NULL;
				if (cell->level && !e)
					e = compose_sf_chain(c, COMPOSE_SF_STRONG, &c->chain);
				size_t at = c->n_lines;
				int cel = e ? -1 : compose_tag_block(c, doc, q, -1, &e);
				if (!e)
					e = compose_block_aligned(c, STYLE_TABLE, cell->text, cell->pos, 0, 1,
								  STYLE_LEFT);
				if (!e)
					compose_stamp(c, at, cel);
				if (!e && c->n_lines > at && at > first)
					c->lines[at].space_before = 0;
				if (cell == &lab)
					free(lab.spans);
				buf_free(&lt);
			}
			c->blk = NULL;
			c->chain = NULL;
			c->inset_l = il;
			if (c->n_lines > first) {
				/* the row's last cell keeps with nothing; rows but the first get a half line */
				size_t lastfirst = c->n_lines - 1;
				while (lastfirst > first && !c->lines[lastfirst].first)
					lastfirst--;
				c->lines[lastfirst].keep_next = header; /* the header row keeps with the next */
				if (rowi > 0)
					c->lines[first].space_before = style_vspace(st, lp / 2);
			}
			rowi++;
			continue;
		}
		size_t li = compose_new_line(c);
		if (li == (size_t)-1)
			return ERR_NOMEM;
		/* the row's line is its TR, each cell's glyphs its TH or TD */
		int tr = compose_tag_block(c, doc, r, -1, &e);
		if (!e)
			c->lines[li].elem = tr + 1;
		float x = left;
		for (size_t q = r + 1; q < doc->blocks[r].end && q < end && !e; q = NEXT_SIB(q)) {
			const struct doc_block *cell = &doc->blocks[q];
			if (cell->type != DOC_CELL)
				continue;
			size_t len = strlen(cell->text);
			size_t g_cell = c->n_glyphs;
			int cel = compose_tag_block(c, doc, q, -1, &e);
			if (e)
				break;
			c->blk = cell;
			const struct fontchain *fc;
			e = cell->level ? compose_sf_chain(c, COMPOSE_SF_STRONG, &fc)
					: compose_class_chain(c, STYLE_TABLE, &fc);
			if (!e)
				e = compose_shape(c, fc, size, cell->text, len, cell->pos);
			struct line_params lpar = {.measure = w[j], .em = size, .greedy = 1};
			if (!e && len)
				e = line_break(c->sb.g, c->sb.n, cell->text, len, &lpar, &c->lr, c->d, cell->pos);
			int dots = cell->n_spans && st->emphasis == STYLE_EM_DOTS;
			for (size_t m = 0; !e && len && m < c->lr.n; m++) {
				const struct line *ln = &c->lr.lines[m];
				int startf = PAGE_SPAN_START;
				for (size_t g = ln->start; g < ln->end && !e; g++) {
					if (isnan(c->lr.x[g]))
						continue;
					const struct shape_glyph *sg = &c->sb.g[g];
					unsigned fl = (unsigned)startf;
					if (dots && clreq_class(sg->cp) == CLREQ_HAN && compose_in_em(cell, sg->cluster))
						fl |= COMPOSE_GLYPH_DOT;
					e = compose_glyph(c, &c->sb, g, cell->text, len, x + c->lr.x[g],
							  sg->yoff - (float)m * lp, size, fl);
					startf = 0;
				}
				if ((int)m + 1 > nl)
					nl = (int)m + 1;
			}
			for (size_t g = g_cell; g < c->n_glyphs; g++)
				c->glyphs[g].elem = (uint32_t)cel + 1;
			x += w[j] + gap;
			j++;
		}
		c->blk = NULL;
		if (e)
			return e;
		struct compose_line *cl = &c->lines[li];
		cl->g1 = c->n_glyphs;
		for (size_t g = cl->g0; g < cl->g1; g++) /* the first line at the top of the box */
			c->glyphs[g].y += (float)(nl - 1) * lp / 2;
		cl->off = left;
		cl->width = tw;
		cl->keep_next = header;
		if (rowi == 0)
			cl->rule_top = COMPOSE_RULE_THICK;
		if (header)
			cl->rule_bottom = COMPOSE_RULE_THIN;
		compose_close_block(c, li, STYLE_TABLE, size, (float)nl * lp, 0);
		if (rowi > 0)
			cl->space_before = 0;
		if (rowi + 1 < nrow)
			cl->space_after = 0;
		else
			cl->rule_bottom = COMPOSE_RULE_THICK;
		rowi++;
	}
#undef NEXT_SIB
	return e;
}

static enum err compose_blocks(struct compose *c, const struct doc *doc)
{
	int digest = c->opts && c->opts->digest;
	enum err e = ERR_OK;
	/* the structure: a digest's article is an Art (after its section's name); a single
	   article's elements go straight under the document */
	int root = -1;
	if (!(c->block_elem = malloc((doc->n_blocks + 1) * sizeof *c->block_elem)))
		return ERR_NOMEM;
	if (!digest && !c->st->no_masthead)
		e = compose_masthead(c, doc); /* an artifact, as the running heads are */
	else if (digest && c->opts->section) {
		e = compose_section_label(c, c->opts->section);
		if (!e)
			e = compose_tag_lines(c, 0, PAGE_TAG_P, -1);
	}
	if (!e && digest) {
		if ((root = compose_elem(c, PAGE_TAG_ART, -1, NULL)) < 0)
			e = ERR_NOMEM;
		else
			c->elems[root].lang = doc->lang.text;
	}
	struct buf b;
	buf_init(&b);
	size_t from = c->n_lines;
	if (!e && doc->title.text)
		e = compose_title(c, doc);
	compose_mark(c, from, 1, doc->title.text);
	if (!e)
		e = compose_tag_lines(c, from, PAGE_TAG_H1, root);
	from = c->n_lines;
	if (!e && doc->subtitle.text)
		e = compose_block(c, STYLE_SUBTITLE, doc->subtitle.text, doc->subtitle.pos, 0, 2);
	if (!e)
		e = compose_tag_lines(c, from, PAGE_TAG_P, root);
	from = c->n_lines;
	if (!e && (doc->published.text || doc->source.text)) {
		wording_dateline(doc, &b); /* the wording both writers print (model/wording.h) */
		e = compose_block(c, STYLE_DATELINE, buf_cstr(&b),
				  doc->published.text ? doc->published.pos : doc->source.pos, 0, 2);
	}
	if (!e)
		e = compose_tag_lines(c, from, PAGE_TAG_P, root);
	size_t sig = wording_signature(doc);
	for (size_t i = 0; !e && i < doc->n_blocks; i++) {
		const struct doc_block *k = &doc->blocks[i];
		/* the structure element (tagged PDF) of every block, containers included */
		size_t at = c->n_lines;
		int el = compose_tag_block(c, doc, i, root, &e);
		if (e)
			break;
		enum style_class cls;
		if (k->type == DOC_TABLE) {
			e = compose_context(c, doc, i, &cls);
			if (!e)
				e = compose_table(c, doc, i);
			for (size_t l = at; l < c->n_lines; l++) /* rows and cells stamp their own */
				if (!c->lines[l].elem)
					c->lines[l].elem = el + 1;
			if (k->end > i + 1)
				i = k->end - 1;
		} else if (!doc_block_is_container(k->type)) {
			/* a leaf, set in the context of its containers (quotes, lists, items) */
			e = compose_context(c, doc, i, &cls);
			c->blk = k;
			if (e)
				;
			else if (k->type == DOC_PARA && i >= sig)
				/* the signature (落款): flush right, the signer kept with the date */
				e = compose_block_aligned(c, cls, k->text, k->pos, 0, i + 1 < doc->n_blocks,
							  STYLE_RIGHT);
			else if (k->type == DOC_PARA || k->type == DOC_CELL) {
				e = compose_block(c, cls, k->text, k->pos, 1, 0);
				if (!e && cls == STYLE_QUOTE)
					compose_quote_spaces(c, doc, i, at);
			}
			else if (k->type == DOC_CODE)
				e = compose_code(c, k);
			else if (k->type == DOC_HEADING) {
				e = compose_block(c, style_heading_class(c->st, k->level), k->text, k->pos, 0, 2);
				compose_mark(c, at, k->level > 1 ? k->level : 2, k->text);
			}
			else if (k->type == DOC_IMAGE)
				e = compose_image(c, k);
			if (!e && k->type == DOC_IMAGE)
				e = compose_tag_figure(c, at, el);
			else
				compose_stamp(c, at, el);
		}
		compose_context_clear(c);
	}
	if (!e && doc->n_byline) {
		/* D5: a name is never broken across lines (KEEP ranges of the line breaker) */
		struct buf keep;
		buf_init(&keep);
		buf_reset(&b);
		wording_byline(doc, &b, &keep);
		if (keep.oom)
			e = ERR_NOMEM;
		c->keep = (const uint32_t *)keep.p;
		c->n_keep = keep.len / (2 * sizeof(uint32_t));
		from = c->n_lines;
		if (!e && b.len) /* empty: the byline is the text's signature (wording_byline) */
			e = compose_block(c, STYLE_BYLINE, buf_cstr(&b), doc->byline[0].pos, 0, 0);
		if (!e && b.len)
			e = compose_tag_lines(c, from, PAGE_TAG_P, root);
		c->keep = NULL;
		c->n_keep = 0;
		buf_free(&keep);
	}
	if (!e && doc->n_keywords) {
		buf_reset(&b);
		wording_keywords(doc, &b);
		from = c->n_lines;
		e = compose_block(c, STYLE_META, buf_cstr(&b), doc->keywords[0].pos, 0, 0);
		if (!e)
			e = compose_tag_lines(c, from, PAGE_TAG_P, root);
	}
	if (!e && wording_editor_name(doc->editor.text)) {
		buf_reset(&b);
		wording_editor(doc, &b);
		from = c->n_lines;
		e = compose_block(c, STYLE_META, buf_cstr(&b), doc->editor.pos, 0, 0);
		if (!e)
			e = compose_tag_lines(c, from, PAGE_TAG_P, root);
	}
	if (!e && b.oom)
		e = ERR_NOMEM;
	buf_free(&b);
	return e;
}

/* Height a line takes when it follows another on the page (space_before included unless it
   would open the page). */
static float compose_need(const struct compose_line *l, int at_top)
{
	return (at_top ? 0 : l->space_before) + l->pitch;
}

static size_t compose_keep_lines(const struct compose *c, size_t i);

/* Number of lines from i that must go onto one page together. A group that ends where the
   trailer starts (the byline, 关键词 and 责任编辑 lines closing an article) takes the trailer
   with it: the trailer never stands alone at the top of a page, it moves with at least the
   last lines of the body (typography review D2). */
static size_t compose_keep(const struct compose *c, size_t i)
{
	size_t n = compose_keep_lines(c, i);
	if (i < c->trailer && i + n == c->trailer)
		n = c->n_lines - i;
	return n;
}

static size_t compose_keep_lines(const struct compose *c, size_t i)
{
	const struct compose_line *l = &c->lines[i];
	size_t n = 1;
	if (l->first && l->is_para)
		n = l->n_in_block <= 3 ? (size_t)l->n_in_block : 2; /* WIDOW (first line) */
	else if (l->is_para && l->idx_in_block == l->n_in_block - 2 && l->n_in_block >= 4)
		n = 2; /* WIDOW: the last line never alone at the top of a page */
	else if (l->first) {
		/* a heading or title block: all its lines, then what it keeps with (HEAD) */
		n = (size_t)l->n_in_block;
		if (l->keep_next && i + n < c->n_lines)
			n += compose_keep(c, i + n);
	}
	if (i + n > c->n_lines)
		n = c->n_lines - i;
	return n;
}

/* A part of a page that a run of lines flows into: ncols columns from y = top (the top of the
   first line box) down to y = bottom. fresh: top is the top of the page, so a column's first
   line loses its space before and a keep group too tall for a whole column is set anyway. */
/* The article's head: masthead, title, subtitle, dateline (D16 adds no space in or below it). */
static int compose_head_class(enum style_class k)
{
	return k == STYLE_MASTHEAD || k == STYLE_TITLE || k == STYLE_SUBTITLE || k == STYLE_DATELINE;
}

struct compose_box {
	float top, bottom;
	int ncols;
	int fresh;
	float extra;    /* D16: space added at every block gap (compose_flowed.gaps) */
};

struct compose_flowed {
	size_t next;    /* first line not placed */
	float low;      /* lowest y reached in any column */
	int overflow;   /* a keep group was forced into a column too short for it */
	size_t gaps;    /* lines placed below a space between blocks (not at a column top) */
	size_t imgs;    /* image lines placed */
};

static enum err compose_record(struct compose *c, size_t page, size_t line, int col, float y,
			       float x0, float x1, size_t pg0, size_t pg1)
{
	if (!c->want_dump)
		return ERR_OK;
	if (compose_room((void **)&c->placed, c->n_placed, &c->cap_placed, sizeof *c->placed))
		return ERR_NOMEM;
	c->placed[c->n_placed++] = (struct compose_placed){page, line, col, y, x0, x1, pg0, pg1};
	return ERR_OK;
}

/* The element of line l in the pagedoc as page glyphs and images name it (page.h). */
static uint32_t compose_page_elem(const struct compose *c, const struct compose_line *l)
{
	return l->elem ? (uint32_t)(c->elem_base + l->elem) : 0;
}

/* Adds the article's structure elements to pd (before its lines are placed there). */
static enum err compose_put_elems(struct compose *c, struct pagedoc *pd)
{
	c->elem_base = (int)pd->n_elems;
	for (size_t i = 0; i < c->n_elems; i++) {
		const struct compose_elem *el = &c->elems[i];
		int at;
		enum err e = pagedoc_add_elem(pd, el->tag, el->parent >= 0 ? c->elem_base + el->parent : -1,
					      el->alt, el->lang, &at);
		if (e)
			return e;
	}
	return ERR_OK;
}

/* Sets line i with the top of its line box at y, in column col (or across all columns). */
static enum err compose_place(struct compose *c, size_t i, float y, int col, struct page *pg,
			      size_t page_no)
{
	const struct style *st = c->st;
	const struct compose_line *l = &c->lines[i];
	float left = l->span ? style_left(st) : style_column_left(st, col);
	/* the ideographic em box (-0.12 .. 0.88 em) centred in the line box */
	float base = y - (l->pitch - l->size) / 2 - 0.88f * l->size;
	size_t pg0 = pg->n_glyphs;
	if (l->img) {
		/* centred in its line box (a whole number of grid lines on a grid) */
		float x = left + l->off, bottom = y - (l->pitch + l->img_h) / 2;
		if (bottom < pg->low)
			pg->low = bottom;
		if (page_add_image(pg, (struct page_image){l->img, x, bottom, l->img_w, l->img_h,
							  l->img_src, l->img_pos,
							  compose_page_elem(c, l)}))
			return ERR_NOMEM;
		return compose_record(c, page_no, i, l->span ? -1 : col, bottom, x, x + l->img_w, pg0, pg0);
	}
	if (y - l->pitch < pg->low)
		pg->low = y - l->pitch;
	if (l->mark && c->pd) {
		struct page_mark m = {page_no, y, l->mark - 1, c->opts ? c->opts->article : -1, NULL};
		if (pagedoc_add_mark(c->pd, m, l->mark_text, strlen(l->mark_text)))
			return ERR_NOMEM;
	}
	if (c->text.oom)
		return ERR_NOMEM;
	uint32_t prev_elem = 0;
	for (size_t g = l->g0; g < l->g1; g++) {
		struct page_glyph pg1 = c->glyphs[g];
		pg1.x += left;
		pg1.y = base + pg1.y;
		/* a glyph's own element (a list marker's Lbl, a table cell) or its line's; a span
		   starts wherever the element changes */
		pg1.elem = pg1.elem ? (uint32_t)c->elem_base + pg1.elem : compose_page_elem(c, l);
		if (g == l->g0 || g == l->g_span || pg1.elem != prev_elem)
			pg1.flags |= PAGE_SPAN_START;
		prev_elem = pg1.elem;
		if (pg1.flags & COMPOSE_GLYPH_DOT) {
			/* 着重号: a round dot centred under the character */
			pg1.flags &= ~COMPOSE_GLYPH_DOT;
			float cx = pg1.x + pg1.size / 2, cy = pg1.y - COMPOSE_DOT_DROP * pg1.size;
			if (page_add_rule(pg, (struct page_rule){cx, cy, cx, cy, COMPOSE_DOT_SIZE * pg1.size,
								  pg1.color, 1}))
				return ERR_NOMEM;
		}
		enum err e = page_add_glyph(pg, pg1, c->text.p + pg1.text, pg1.ntext);
		if (e)
			return e;
	}
	for (int r = 0; r < 2; r++) {
		/* a table row's rules: at the top and the bottom of its box, across the table */
		float w = r ? l->rule_bottom : l->rule_top, ry = r ? y - l->pitch : y;
		if (w > 0 && page_add_rule(pg, (struct page_rule){left + l->off, ry, left + l->off + l->width,
								  ry, w, 0, 0}))
			return ERR_NOMEM;
	}
	float x0 = l->g1 > l->g0 ? left + c->glyphs[l->g0].x : left + l->off;
	enum err e = compose_record(c, page_no, i, l->span ? -1 : col, base, x0,
				    left + l->off + l->width, pg0, pg->n_glyphs);
	if (!e && l->rule_after) {
		float ry = y - l->pitch - l->space_after / 2;
		float w = l->span ? style_span(st) : style_measure(st);
		if (page_add_rule(pg, (struct page_rule){left, ry, left + w, ry, 0.5f, 0, 0}))
			return ERR_NOMEM;
	}
	return e;
}

/* Does the keep group of n lines from line i hold an image, or reach into the trailer? */
static int compose_group_stops_float(const struct compose *c, size_t i, size_t n)
{
	if (i + n > c->trailer)
		return 1;
	for (size_t k = i; k < i + n; k++)
		if (c->lines[k].img)
			return 1;
	return 0;
}

/* Figures float. An image keep group (the image and its caption) that does not fit in what is
   left of a column that already holds lines is deferred: the text after it goes on filling
   the column, and the figure is set where that text first fails to fit, i.e. at the top of
   the next column or page, the text continuing below it there. This is done by rotating the
   pagination order: positions [fig, q) = figure group + text become text + figure group.
   Figures right after a floating one float with it (in their order). The float ends early
   (the figures set at once where the text stops) before another image (figures keep their
   order) and before the trailer (an article's byline and meta never come before its
   figures). A figure floats at most once (c->floated): when it does not fit where it landed
   either (the next column is full of other floated figures), it breaks the column as any
   group does, so it is never set more than a column or page after the text that refers to
   it. */
static void compose_float_land(struct compose *c, size_t fig, size_t nfig, size_t q)
{
	size_t *o = c->order, *t = c->order_tmp + fig;
	memcpy(t, o + fig, nfig * sizeof *o);
	memmove(o + fig, o + fig + nfig, (q - fig - nfig) * sizeof *o);
	memcpy(o + q - nfig, t, nfig * sizeof *o);
	for (size_t k = q - nfig; k < q; k++)
		c->floated[o[k]] = 1;
}

/* Flows the lines in positions [i, end) of c->order into box b, column after column, keeping
   the keep groups (HEAD, WIDOW) together and floating figures (above); stops at the first
   position that does not fit in the last column. With pg NULL it only measures (for
   balancing) and leaves c->order as it found it. */
static enum err compose_flow(struct compose *c, size_t i, size_t end, const struct compose_box *b,
			     struct page *pg, size_t page_no, struct compose_flowed *r)
{
	int col = 0, at_top = b->fresh, empty = 1;
	size_t fill_until = 0; /* positions before this one belong to an oversized keep group */
	size_t fig = 0, nfig = 0; /* a floating figure group in positions [fig, fig + nfig) */
	size_t i0 = i, *ord = c->order;
	float y = b->top;
	float after = 0; /* space_after of the line placed last */
	int kept = 1;    /* that line is kept with the next (a subhead) or belongs to the head
			    (masthead, title, dateline): no space added after it */
	r->low = b->top;
	r->overflow = 0;
	r->gaps = r->imgs = 0;
	if (!pg) {
		/* measuring: floats rotate c->order; it and c->floated are put back on return */
		for (size_t k = i; k < end; k++)
			c->floated_save[ord[k]] = c->floated[ord[k]];
	}
	size_t *saved = pg ? NULL : malloc((end - i) * sizeof *saved + 1);
	if (!pg && !saved)
		return ERR_NOMEM;
	if (saved)
		memcpy(saved, ord + i, (end - i) * sizeof *saved);
	for (;;) {
		size_t li = 0, keep = 0;
		float need = 0, group = 0;
		int fits = 1;
		if (i < end) {
			li = ord[i];
			const struct compose_line *l = &c->lines[li];
			keep = compose_keep(c, li);
			if (i + keep > end)
				keep = end - i;
			need = compose_need(l, at_top);
			group = l->pitch;
			for (size_t k = li + 1; k < li + keep; k++) {
				float more = compose_need(&c->lines[k], 0) + c->lines[k - 1].space_after;
				need += more;
				group += more;
			}
			/* a keep group taller than a whole page cannot be kept: its lines fill the
			   pages instead (keeping its tail groups would break before each of them) */
			if (keep > 1 && group > c->st->page_h - c->st->margin_top - c->st->margin_bottom)
				fill_until = i + keep;
			if (i < fill_until)
				need = compose_need(l, at_top);
			fits = !(y - need < b->bottom - 0.01f);
		}
		if (nfig && i < end && i == fig + nfig && c->lines[li].img && c->lines[li].first) {
			nfig += keep; /* a figure right after the floating ones floats with them */
			i += keep;
			continue;
		}
		if (nfig && (i >= end || !fits || compose_group_stops_float(c, li, keep))) {
			/* a figure here is referred to from this column too: it may not float on
			   from the next one */
			for (size_t k = li; i < end && k < li + keep; k++)
				if (c->lines[k].img)
					c->floated[k] = 1;
			compose_float_land(c, fig, nfig, i);
			i -= nfig;
			nfig = 0;
			continue;
		}
		if (i >= end)
			break;
		const struct compose_line *l = &c->lines[li];
		if (!fits) {
			if (l->img && l->first && !c->floated[li] && !empty && i >= fill_until &&
			    i + keep < end) {
				fig = i; /* float it: the text after it goes on here */
				nfig = keep;
				i += keep;
				continue;
			}
			if (!(empty && b->fresh)) {
				if (col + 1 >= b->ncols)
					break;
				col++;
				y = b->top;
				at_top = 1;
				empty = 1;
				continue;
			}
			r->overflow = 1;
		}
		if (!at_top)
			y -= l->space_before;
		if (!at_top && !compose_head_class(l->cls) && !kept &&
		    (l->space_before > 0.01f || after > 0.01f)) {
			y -= b->extra;
			r->gaps++;
		}
		r->imgs += l->img != NULL;
		if (pg) {
			enum err e = compose_place(c, li, y, col, pg, page_no);
			if (e)
				return e;
		}
		y -= l->pitch;
		if (y < r->low)
			r->low = y;
		y -= l->space_after;
		after = l->space_after;
		kept = l->keep_next || compose_head_class(l->cls);
		at_top = 0;
		empty = 0;
		i++;
	}
	r->next = i;
	if (saved) {
		memcpy(ord + i0, saved, (end - i0) * sizeof *saved);
		for (size_t k = i0; k < end; k++)
			c->floated[ord[k]] = c->floated_save[ord[k]];
		free(saved);
	}
	return ERR_OK;
}

/* The lowest box bottom that still takes all of [i, end) in b's columns: the last page's
   columns balanced (bisection on the column height; the greedy fill is monotonic in it). */
static enum err compose_balance(struct compose *c, size_t i, size_t end, struct compose_box *b)
{
	float lo = 0, hi = b->top - b->bottom;
	struct compose_flowed r;
	while (hi - lo > 0.05f) {
		float mid = (lo + hi) / 2;
		struct compose_box t = *b;
		t.bottom = b->top - mid;
		enum err e = compose_flow(c, i, end, &t, NULL, 0, &r);
		if (e)
			return e;
		if (r.next == end && !r.overflow)
			hi = mid;
		else
			lo = mid;
	}
	b->bottom = b->top - hi;
	return ERR_OK;
}

/* D16 (齐底): a single-column page that the text continues after but that ends short (keep
   groups, widows, a subhead kept with its text) spreads what is missing over the spaces
   between its blocks (above subheads, around quotes, lists...; never between a subhead and
   its text, nor in or below the article's head), at most COMPOSE_LEVEL_MAX body lines each, so that pages
   end level; b->extra is set when the page, so spaced, takes the same lines. Pages with
   images, a grid (GB/T 9704: lines stay on it) and columns are left as they are. */
#define COMPOSE_LEVEL_MAX 2.0f /* body lines a block gap may grow by (D16) */
static enum err compose_level_bottom(struct compose *c, size_t i, size_t end, struct compose_box *b)
{
	struct compose_flowed r, r2;
	enum err e = compose_flow(c, i, end, b, NULL, 0, &r);
	if (e || r.next >= end || r.overflow || r.imgs || !r.gaps)
		return e;
	float slack = r.low - b->bottom, pitch = style_pitch(c->st, STYLE_BODY);
	if (slack < 0.5f)
		return ERR_OK;
	float extra = slack / (float)r.gaps;
	if (extra > COMPOSE_LEVEL_MAX * pitch)
		extra = COMPOSE_LEVEL_MAX * pitch;
	struct compose_box t = *b;
	t.extra = extra - 0.01f;
	if ((e = compose_flow(c, i, end, &t, NULL, 0, &r2)))
		return e;
	if (r2.next == r.next && r2.gaps == r.gaps && !r2.overflow)
		b->extra = t.extra;
	return ERR_OK;
}

/* Pagination. Lines come in runs: spanning lines (title, masthead, dateline) are set across
   the type area, the others in its columns; with one column everything is one run. A run
   flows page after page; the part of a column run that ends on a page is balanced so that its
   columns end level (newspaper practice); the next run starts below it.
   cont: the first lines go on pd's last page (when it has one), gap below its lowest line
   (a digest whose articles run on); else on a new page. */
static enum err compose_paginate_runs(struct compose *c, struct pagedoc *pd, int cont, float gap)
{
	const size_t *ord = c->order;
	const struct style *st = c->st;
	int ncols = st->columns > 1 ? st->columns : 1;
	float top = st->page_h - st->margin_top, bottom = st->margin_bottom;
	struct page *pg = NULL;
	float y = top;
	int fresh = 1;
	size_t a = 0;
	if (cont && pd->n_pages && pd->pages[pd->n_pages - 1].low - gap > bottom) {
		pg = &pd->pages[pd->n_pages - 1];
		y = pg->low - gap;
		fresh = 0;
	}
	while (a < c->n_lines) {
		size_t end = a + 1;
		if (ncols > 1)
			while (end < c->n_lines && c->lines[ord[end]].span == c->lines[ord[a]].span)
				end++;
		else
			end = c->n_lines;
		int cols = ncols > 1 && !c->lines[ord[a]].span ? ncols : 1;
		size_t i = a;
		while (i < end) {
			if (!pg) {
				if (pd->n_pages >= COMPOSE_MAX_PAGES) {
					diag_msg(c->d, DIAG_ERROR, "more than %d pages", COMPOSE_MAX_PAGES);
					return ERR_LIMIT;
				}
				pg = pagedoc_add_page(pd);
				if (!pg)
					return ERR_NOMEM;
				pg->low = top;
				y = top;
				fresh = 1;
			}
			struct compose_box b = {y, bottom, cols, fresh, 0};
			struct compose_flowed r;
			enum err e = ERR_OK;
			if (cols > 1) {
				e = compose_flow(c, i, end, &b, NULL, 0, &r);
				if (!e && r.next == end)
					e = compose_balance(c, i, end, &b);
			} else if (ncols == 1 && !(st->grid_pitch > 0)) {
				e = compose_level_bottom(c, i, end, &b);
			}
			if (!e)
				e = compose_flow(c, i, end, &b, pg, pd->n_pages - 1, &r);
			if (e)
				return e;
			if (r.next < end) {
				pg = NULL; /* the page is full */
			} else {
				/* the next run starts below this one's lowest line */
				const struct compose_line *last = &c->lines[c->order[end - 1]];
				y = r.low - last->space_after;
				fresh = 0;
			}
			i = r.next;
		}
		a = end;
	}
	if (!pd->n_pages && !pagedoc_add_page(pd))
		return ERR_NOMEM;
	return ERR_OK;
}

/* Pagination with the order and float state (compose_flow) it needs. */
static enum err compose_paginate(struct compose *c, struct pagedoc *pd, int cont, float gap)
{
	size_t n = c->n_lines ? c->n_lines : 1;
	enum err e = ERR_NOMEM;
	c->order = malloc(n * sizeof *c->order);
	c->order_tmp = malloc(n * sizeof *c->order_tmp);
	c->floated = calloc(n, 1);
	c->floated_save = calloc(n, 1);
	if (c->order && c->order_tmp && c->floated && c->floated_save) {
		for (size_t i = 0; i < c->n_lines; i++)
			c->order[i] = i;
		e = compose_put_elems(c, pd);
		if (!e)
			e = compose_paginate_runs(c, pd, cont, gap);
	}
	free(c->order);
	free(c->order_tmp);
	free(c->floated);
	free(c->floated_save);
	c->order = c->order_tmp = NULL;
	c->floated = c->floated_save = NULL;
	return e;
}

enum err compose_shape_line(struct shaper *sh, const struct fontchain *fc, float size,
			    const char *text, struct shape_buf *sb, float *width)
{
	sb->n = 0;
	enum err e = shape_text(sh, fc, size, text, strlen(text), (struct srcpos){0}, sb);
	*width = 0;
	for (size_t i = 0; !e && i < sb->n; i++)
		*width += sb->g[i].adv;
	return e;
}

enum err compose_put_line(const struct shape_buf *sb, const char *text, float size, float x,
			  float y, uint32_t color, struct page *pg)
{
	size_t len = strlen(text);
	for (size_t i = 0; i < sb->n; i++) {
		const struct shape_glyph *g = &sb->g[i];
		size_t t0, t1;
		shape_cluster_text(sb, i, len, &t0, &t1);
		enum err e = page_add_glyph(pg, (struct page_glyph){g->font, g->gid, size, x + g->xoff,
								  y + g->yoff, i ? 0u : PAGE_SPAN_START,
								  color, 0, 0, 0},
					    text + t0, t1 - t0);
		if (e)
			return e;
		x += g->adv;
	}
	/* right-to-left words: the glyphs just added, in visual order */
	return compose_bidi_line(pg->glyphs + pg->n_glyphs - sb->n, sb->g, NULL, sb->n);
}

/* [page] mirror: moves the versos' pages and their dump records by style_mirror_dx. */
static void compose_mirror(struct compose *c, struct pagedoc *pd)
{
	if (!c->st->mirror)
		return;
	for (size_t p = 0; p < pd->n_pages; p++)
		page_shift(&pd->pages[p], style_mirror_dx(c->st, p));
	for (size_t k = 0; k < c->n_placed; k++) {
		float dx = style_mirror_dx(c->st, c->placed[k].page);
		c->placed[k].x0 += dx;
		c->placed[k].x1 += dx;
	}
	pd->two_page = 1;
}

/* The middle of a folio's 一字线 (the dashes of — 1 —) above its baseline, in em: the dash of
   the CJK faces sits at the middle of the em box (-0.12 .. 0.88 em), 0.38 em up. */
#define COMPOSE_FOLIO_MID 0.38f

/* The folio of page no of n in the style's form (st->folio): — 1 —, 第 1 页, or 第 1 页 / 共 N 页
   (頁 in Traditional: the form of the document's labels). */
static void compose_folio_text(const struct compose *c, size_t no, size_t n, char *text, size_t cap)
{
	if (c->st->folio == STYLE_FOLIO_DASH) {
		snprintf(text, cap, "— %zu —", no);
		return;
	}
	snprintf(text, cap, wording_labels(c->doc)->page, no, n);
	char *of = strstr(text, " / ");
	if (c->st->folio == STYLE_FOLIO_PAGE && of)
		*of = 0;
}

/* The folio on every page ([footer] folio, align, indent, drop; style.h), then the mirrored
   margins of even pages ([page] mirror): every page of a verso moves by style_mirror_dx, and
   so do its records for the dump. */
static enum err compose_footers(struct compose *c, struct pagedoc *pd)
{
	const struct style *st = c->st;
	const struct style_text *t = &st->text[STYLE_FOOTER];
	char text[64];
	for (size_t p = 0; p < pd->n_pages; p++) {
		compose_folio_text(c, p + 1, pd->n_pages, text, sizeof text);
		float w;
		const struct fontchain *fc;
		enum err e = compose_class_chain(c, STYLE_FOOTER, &fc);
		if (!e)
			e = compose_shape_line(c->sh, fc, t->size, text, &c->sb, &w);
		if (e)
			return e;
		float measure = style_span(st), left = style_left(st);
		enum style_align al = st->folio_outer ? (p % 2 ? STYLE_LEFT : STYLE_RIGHT) : t->align;
		float x = al == STYLE_CENTER ? left + (measure - w) / 2
			  : al == STYLE_RIGHT ? left + measure - w - t->indent : left + t->indent;
		/* centred in the bottom margin, or its 一字线 `drop` below the type area */
		float y = st->folio_drop > 0 ? st->margin_bottom - st->folio_drop - COMPOSE_FOLIO_MID * t->size
					     : st->margin_bottom / 2 - 0.35f * t->size;
		size_t pg0 = pd->pages[p].n_glyphs;
		if ((e = compose_put_line(&c->sb, text, t->size, x, y, 0, &pd->pages[p])))
			return e;
		e = compose_record(c, p, (size_t)-1, -1, y, x, x + w, pg0, pd->pages[p].n_glyphs);
		if (e)
			return e;
	}
	compose_mirror(c, pd);
	return ERR_OK;
}

/* Appends the layout dump (format in compose.h). */
static void compose_dump(const struct compose *c, const struct pagedoc *pd, struct buf *out)
{
	const struct style *st = c->st;
	buf_printf(out, "# paiban layout dump: style %s, page %.2f x %.2f pt, %zu page%s\n", st->name,
		   pd->width, pd->height, pd->n_pages, pd->n_pages == 1 ? "" : "s");
	buf_printf(out, "# body %.2f pt, measure %.2f pt (%.0f chars), %d column%s", st->text[STYLE_BODY].size,
		   style_measure(st), floorf(style_measure(st) / st->text[STYLE_BODY].size + 0.001f),
		   st->columns, st->columns == 1 ? "" : "s");
	if (st->grid_pitch > 0) /* the grid as set (after --size: lines and chars of the new size) */
		buf_printf(out, ", grid %.0fx%.0f, pitch %.2f pt, top %.2f",
			   roundf((st->page_h - st->margin_top - st->margin_bottom) / st->grid_pitch),
			   floorf(style_measure(st) / st->text[STYLE_BODY].size + 0.001f), st->grid_pitch,
			   st->page_h - st->margin_top);
	buf_puts(out, "\n# class col y x0..x1 flags(JLFSOU) shrunk/shrink/stretch |text|\n");
	for (size_t p = 0; p < pd->n_pages; p++) {
		buf_printf(out, "page %zu\n", p + 1);
		const struct page *pg = &pd->pages[p];
		for (size_t k = 0; k < c->n_placed; k++) {
			const struct compose_placed *r = &c->placed[k];
			if (r->page != p)
				continue;
			const struct compose_line *l = r->line == (size_t)-1 ? NULL : &c->lines[r->line];
			char fl[7] = "------";
			static const char letters[] = "JLFSOU";
			for (int b = 0; l && b < 6; b++)
				if (l->lflags & (1u << b))
					fl[b] = letters[b];
			buf_printf(out, "%-8s %c %7.2f %7.2f..%-7.2f %s %d/%.2f/%.2f |",
				   l && l->img ? "image" : l ? compose_class_names[l->cls] : "footer",
				   r->col < 0 ? '*' : (char)('1' + r->col), r->y, r->x0, r->x1, fl,
				   l ? l->n_shrunk : 0, l ? l->shrink : 0, l ? l->stretch : 0);
			if (l && l->img)
				buf_puts(out, l->img_src);
			for (size_t g = r->pg0; g < r->pg1; g++) {
				const struct page_glyph *pg1 = &pg->glyphs[g];
				if (g > r->pg0 && (pg1->flags & PAGE_SPAN_START))
					buf_puts(out, "| |");
				size_t tl;
				const char *tx = page_glyph_text(pg, pg1, &tl);
				if (!tl) /* a glyph that stands for no text: a hyphen (HYPH) or U+FFFD */
					buf_pututf8(out, l && (l->lflags & LINE_HYPHEN) && g + 1 == r->pg1 ? '-' : 0xFFFD);
				buf_put(out, tx, tl);
			}
			buf_puts(out, "|\n");
		}
	}
}

enum err compose_article(const struct doc *doc, const struct style *st, struct fontset *fs,
			 struct shaper *sh, struct diag *d, struct pagedoc *out)
{
	return compose_article_dump(doc, st, fs, sh, d, out, NULL, NULL);
}

/* Frees what compose_blocks built (not the compose itself). */
static void compose_release(struct compose *c)
{
	shape_buf_free(&c->sb);
	shape_buf_free(&c->msb);
	free(c->list_inset);
	c->list_inset = NULL;
	line_result_free(&c->lr);
	free(c->glyphs);
	for (size_t i = 0; i < c->n_lines; i++)
		free(c->lines[i].img);
	for (size_t i = 0; i < c->cap_seen; i++)
		free(c->img_seen[i]);
	free(c->img_seen);
	free(c->lines);
	free(c->elems);
	free(c->block_elem);
	free(c->placed);
	free(c->line_js);
	buf_free(&c->text);
	buf_free(&c->wkeep);
	buf_free(&c->hyph);
	words_hyph_free(c->hy_own);
}

/* Sets up c and builds its lines. */
static enum err compose_build(struct compose *c, const struct doc *doc, const struct style *st,
			      struct fontset *fs, struct shaper *sh, struct diag *d,
			      const struct compose_opts *opts)
{
	c->doc = doc;
	c->opts = opts;
	c->st = st;
	c->fs = fs;
	c->sh = sh;
	c->d = d;
	buf_init(&c->text);
	/* the document's language picks the shaper's language and the fonts' region (TC ...) */
	if (sh)
		shaper_set_lang(sh, doc->lang.text);
	/* the chains are loaded at first need (compose_class_chain); the body's now, as before
	   any other (its failure is the document's first error) */
	const struct fontchain *body;
	enum err e = compose_class_chain(c, STYLE_BODY, &body);
	if (!e && doc->n_blocks && !(c->list_inset = calloc(doc->n_blocks, sizeof *c->list_inset)))
		e = ERR_NOMEM;
	if (!e)
		e = compose_blocks(c, doc);
	if (!e && c->text.oom)
		e = ERR_NOMEM;
	/* the trailer: the byline and meta lines that close the article, after its body */
	c->trailer = c->n_lines;
	while (c->trailer > 0 && (c->lines[c->trailer - 1].cls == STYLE_BYLINE ||
				  c->lines[c->trailer - 1].cls == STYLE_META) &&
	       !c->lines[c->trailer - 1].img)
		c->trailer--;
	return e;
}

enum err compose_article_dump(const struct doc *doc, const struct style *st, struct fontset *fs,
			      struct shaper *sh, struct diag *d, struct pagedoc *out, struct buf *dump,
			      const struct compose_opts *opts)
{
	struct compose c = {0};
	c.want_dump = dump != NULL;
	c.pd = out;
	enum err e = compose_build(&c, doc, st, fs, sh, d, opts);
	if (!e)
		e = compose_paginate(&c, out, 0, 0);
	if (!e && !(opts && opts->digest))
		e = compose_footers(&c, out);
	if (!e && dump)
		compose_dump(&c, out, dump);
	compose_release(&c);
	return e;
}

struct compose_prep {
	struct compose c;
	struct compose_opts opts; /* a copy: c.opts points here */
};

enum err compose_prepare(const struct doc *doc, const struct style *st, struct fontset *fs,
			 struct shaper *sh, struct diag *d, const struct compose_opts *opts,
			 struct compose_prep **out)
{
	*out = NULL;
	struct compose_prep *p = calloc(1, sizeof *p);
	if (!p)
		return ERR_NOMEM;
	if (opts)
		p->opts = *opts;
	enum err e = compose_build(&p->c, doc, st, fs, sh, d, &p->opts);
	p->c.sh = NULL; /* pagination shapes nothing: the shaper may go */
	if (e) {
		compose_prep_free(p);
		return e;
	}
	*out = p;
	return ERR_OK;
}

enum err compose_prep_paginate(struct compose_prep *p, struct pagedoc *out, int cont, float gap,
			       struct diag *d)
{
	p->c.pd = out;
	p->c.d = d;
	return compose_paginate(&p->c, out, cont, gap);
}

void compose_prep_free(struct compose_prep *p)
{
	if (!p)
		return;
	compose_release(&p->c);
	free(p);
}
