/* compose.c: article composition: blocks -> lines (via the clreq line breaker) -> pages. */
#include "compose.h"
#include "linebreak.h"
#include "../model/doc.h"
#include "../style/style.h"
#include "../shape/shape.h"
#include "../base/buf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMPOSE_MAX_PAGES 10000

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
};

struct compose {
	const struct style *st;
	struct fontset *fs;
	struct shaper *sh;
	struct diag *d;
	struct fontchain chains[STYLE_N_CLASSES];
	struct shape_buf sb;
	struct line_result lr;
	struct page_glyph *glyphs;
	size_t n_glyphs, cap_glyphs;
	struct compose_line *lines;
	size_t n_lines, cap_lines;
	int n_blocks;
};

/* Builds the font chain for a role: its families, then the fallback role's. */
static enum err compose_chain(struct compose *c, const char *role, struct fontchain *fc)
{
	memset(fc, 0, sizeof *fc);
	const struct style_role *r = style_role(c->st, role);
	const struct style_role *fb = &c->st->role_fallback;
	for (int pass = 0; pass < 2; pass++) {
		const struct style_role *x = pass ? fb : r;
		for (int i = 0; x && i < x->n && fc->n < FONTCHAIN_MAX; i++) {
			struct font *f;
			enum err e = fontset_get(c->fs, x->families[i], &f);
			if (e) {
				if (pass == 0 && i == 0)
					return e; /* the primary font of a role is required */
				continue;
			}
			int dup = 0;
			for (int k = 0; k < fc->n; k++)
				dup |= fc->fonts[k] == f;
			if (!dup)
				fc->fonts[fc->n++] = f;
		}
	}
	if (c->st->role_latin.n) {
		enum err e = fontset_get(c->fs, c->st->role_latin.families[0], &fc->latin);
		if (e)
			return e;
	}
	return ERR_OK;
}

static int compose_room(void **arr, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 256;
	void *p = realloc(*arr, nc * sz);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

/* Shapes and breaks text of class k into lines appended to c->lines. */
static enum err compose_block_aligned(struct compose *c, enum style_class k, const char *text,
				      struct srcpos pos, int is_para, int keep_next,
				      enum style_align align)
{
	const struct style_text *t = &c->st->text[k];
	size_t len = strlen(text);
	if (!len)
		return ERR_OK;
	c->sb.n = 0;
	enum err e = shape_text(c->sh, &c->chains[k], t->size, text, len, pos, &c->sb);
	if (e)
		return e;
	struct line_params lp = {style_measure(c->st), t->size, t->indent, align == STYLE_JUSTIFY};
	e = line_break(c->sb.g, c->sb.n, text, len, &lp, &c->lr, c->d, pos);
	if (e)
		return e;
	if (align == STYLE_CENTER && c->lr.n > 1) {
		/* balanced ragged lines for centred titles: the narrowest measure (in whole ems)
		   that needs no more lines */
		size_t want = c->lr.n;
		float full = lp.measure, lo = full / 2, hi = full;
		while (hi - lo > t->size / 2) {
			lp.measure = (lo + hi) / 2;
			e = line_break(c->sb.g, c->sb.n, text, len, &lp, &c->lr, NULL, pos);
			if (e)
				return e;
			if (c->lr.n > want)
				lo = lp.measure;
			else
				hi = lp.measure;
		}
		lp.measure = hi;
		e = line_break(c->sb.g, c->sb.n, text, len, &lp, &c->lr, c->d, pos);
		if (e)
			return e;
		lp.measure = full;
	}
	size_t first_line = c->n_lines;
	for (size_t i = 0; i < c->lr.n; i++) {
		const struct line *ln = &c->lr.lines[i];
		float off = 0;
		if (align == STYLE_CENTER)
			off = (lp.measure - ln->width) / 2;
		else if (align == STYLE_RIGHT)
			off = lp.measure - ln->width;
		if (compose_room((void **)&c->lines, c->n_lines, &c->cap_lines, sizeof *c->lines))
			return ERR_NOMEM;
		struct compose_line *cl = &c->lines[c->n_lines++];
		memset(cl, 0, sizeof *cl);
		cl->g0 = c->n_glyphs;
		for (size_t j = ln->start; j < ln->end; j++) {
			if (isnan(c->lr.x[j]))
				continue;
			if (compose_room((void **)&c->glyphs, c->n_glyphs, &c->cap_glyphs, sizeof *c->glyphs))
				return ERR_NOMEM;
			const struct shape_glyph *g = &c->sb.g[j];
			c->glyphs[c->n_glyphs++] = (struct page_glyph){g->font, g->gid, t->size,
								       off + c->lr.x[j], g->yoff, 0};
		}
		cl->g1 = c->n_glyphs;
		cl->pitch = t->size * t->line_pitch;
		cl->size = t->size;
		cl->block = c->n_blocks;
		cl->n_in_block = (int)c->lr.n;
		cl->idx_in_block = (int)i;
		cl->is_para = is_para;
	}
	if (c->n_lines > first_line) {
		c->lines[first_line].first = 1;
		c->lines[first_line].space_before = t->space_before;
		c->lines[first_line].keep_next = keep_next;
		c->lines[c->n_lines - 1].last = 1;
		c->lines[c->n_lines - 1].space_after = t->space_after;
	}
	c->n_blocks++;
	return ERR_OK;
}

static enum err compose_block(struct compose *c, enum style_class k, const char *text,
			      struct srcpos pos, int is_para, int keep_next)
{
	return compose_block_aligned(c, k, text, pos, is_para, keep_next, c->st->text[k].align);
}

void compose_dateline_date(const char *iso, char *out, size_t n)
{
	/* "2022-04-06T14:30:22" -> "2022-04-06 14:30" */
	size_t l = strlen(iso);
	if (l > 16)
		l = 16;
	if (l >= n)
		l = n - 1;
	memcpy(out, iso, l);
	out[l] = 0;
	char *t = strchr(out, 'T');
	if (t)
		*t = ' ';
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
	if (doc->published.text)
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
	enum err e = shape_text(c->sh, &c->chains[k], c->st->text[k].size, text, len, pos, &c->sb);
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
		float w1 = 0, w2 = 0, m = style_measure(c->st);
		enum err e = compose_width(c, STYLE_TITLE, t, k, doc->title.pos, &w1);
		if (!e && r < len)
			e = compose_width(c, STYLE_TITLE, t + r, len - r, doc->title.pos, &w2);
		if (e)
			return e;
		if (r < len && w1 <= m && w2 <= m) {
			char *head = strndup(t, k);
			if (!head)
				return ERR_NOMEM;
			size_t first = c->n_lines;
			e = compose_block(c, STYLE_TITLE, head, doc->title.pos, 0, 2);
			free(head);
			if (!e)
				e = compose_block(c, STYLE_TITLE, t + r, doc->title.pos, 0, 2);
			if (!e && c->n_lines == first + 2) {
				/* one block of two lines */
				c->lines[first].last = 0;
				c->lines[first].space_after = 0;
				c->lines[first + 1].first = 0;
				c->lines[first + 1].space_before = 0;
				c->lines[first].n_in_block = c->lines[first + 1].n_in_block = 2;
				c->lines[first + 1].idx_in_block = 1;
				c->lines[first + 1].block = c->lines[first].block;
				c->n_blocks--;
			}
			return e;
		}
	}
	return compose_block(c, STYLE_TITLE, t, doc->title.pos, 0, 2);
}

static enum err compose_blocks(struct compose *c, const struct doc *doc)
{
	enum err e = compose_masthead(c, doc);
	struct buf b;
	buf_init(&b);
	if (!e && doc->title.text)
		e = compose_title(c, doc);
	if (!e && doc->subtitle.text)
		e = compose_block(c, STYLE_SUBTITLE, doc->subtitle.text, doc->subtitle.pos, 0, 2);
	if (!e && (doc->published.text || doc->source.text)) {
		char date[32] = "";
		if (doc->published.text)
			compose_dateline_date(doc->published.text, date, sizeof date);
		buf_puts(&b, date);
		if (doc->source.text) {
			if (*date)
				buf_putc(&b, ' ');
			buf_puts(&b, "来源：");
			buf_puts(&b, doc->source.text);
		}
		e = compose_block(c, STYLE_DATELINE, buf_cstr(&b),
				  doc->published.text ? doc->published.pos : doc->source.pos, 0, 2);
	}
	for (size_t i = 0; !e && i < doc->n_blocks; i++) {
		const struct doc_block *k = &doc->blocks[i];
		if (k->type == DOC_PARA)
			e = compose_block(c, STYLE_BODY, k->text, k->pos, 1, 0);
		else if (k->type == DOC_HEADING)
			e = compose_block(c, STYLE_HEADING, k->text, k->pos, 0, 2);
		else if (k->type == DOC_IMAGE && k->text[0])
			e = compose_block(c, STYLE_META, k->text, k->pos, 0, 0); /* caption only for now */
	}
	if (!e && doc->n_byline) {
		buf_reset(&b);
		buf_puts(&b, "（");
		for (size_t i = 0; i < doc->n_byline; i++) {
			const struct doc_credit *cr = &doc->byline[i];
			if (i)
				buf_putc(&b, ' ');
			buf_puts(&b, cr->role);
			for (size_t k = 0; k < cr->n_names; k++) {
				if (k || cr->role[0])
					buf_putc(&b, ' ');
				buf_puts(&b, cr->names[k]);
			}
		}
		buf_puts(&b, "）");
		e = compose_block(c, STYLE_BYLINE, buf_cstr(&b), doc->byline[0].pos, 0, 0);
	}
	if (!e && doc->n_keywords) {
		buf_reset(&b);
		buf_puts(&b, "关键词：");
		for (size_t i = 0; i < doc->n_keywords; i++) {
			if (i)
				buf_putc(&b, ' ');
			buf_puts(&b, doc->keywords[i].text);
		}
		e = compose_block(c, STYLE_META, buf_cstr(&b), doc->keywords[0].pos, 0, 0);
	}
	if (!e && doc->editor.text) {
		buf_reset(&b);
		buf_puts(&b, "责任编辑：");
		buf_puts(&b, doc->editor.text);
		e = compose_block(c, STYLE_META, buf_cstr(&b), doc->editor.pos, 0, 0);
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

/* Number of lines from i that must go onto one page together. */
static size_t compose_keep(const struct compose *c, size_t i)
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

static enum err compose_paginate(struct compose *c, struct pagedoc *pd)
{
	const struct style *st = c->st;
	float top = st->page_h - st->margin_top, bottom = st->margin_bottom;
	struct page *pg = NULL;
	float y = top; /* top of the next line box */
	int at_top = 1;
	for (size_t i = 0; i < c->n_lines; i++) {
		const struct compose_line *l = &c->lines[i];
		size_t keep = compose_keep(c, i);
		float need = compose_need(l, at_top);
		for (size_t k = i + 1; k < i + keep; k++)
			need += compose_need(&c->lines[k], 0) + c->lines[k - 1].space_after;
		if (!pg || (!at_top && y - need < bottom - 0.01f)) {
			if (pd->n_pages >= COMPOSE_MAX_PAGES) {
				diag_msg(c->d, DIAG_ERROR, "more than %d pages", COMPOSE_MAX_PAGES);
				return ERR_LIMIT;
			}
			pg = pagedoc_add_page(pd);
			if (!pg)
				return ERR_NOMEM;
			y = top;
			at_top = 1;
		}
		if (!at_top)
			y -= l->space_before;
		/* the ideographic em box (-0.12 .. 0.88 em) centred in the line box */
		float base = y - (l->pitch - l->size) / 2 - 0.88f * l->size;
		for (size_t g = l->g0; g < l->g1; g++) {
			struct page_glyph pg1 = c->glyphs[g];
			pg1.x += style_left(st);
			pg1.y = base + pg1.y;
			if (g == l->g0 || g == l->g_span)
				pg1.flags |= PAGE_SPAN_START;
			if (page_add_glyph(pg, pg1))
				return ERR_NOMEM;
		}
		y -= l->pitch;
		if (l->rule_after) {
			float ry = y - l->space_after / 2;
			float left = style_left(st);
			if (page_add_rule(pg, (struct page_rule){left, ry, left + style_measure(st), ry,
								 0.5f}))
				return ERR_NOMEM;
		}
		y -= l->space_after;
		at_top = 0;
	}
	if (!pd->n_pages && !pagedoc_add_page(pd))
		return ERR_NOMEM;
	return ERR_OK;
}

/* Footer on every page: 第 n 页 / 共 N 页. */
static enum err compose_footers(struct compose *c, struct pagedoc *pd)
{
	const struct style *st = c->st;
	const struct style_text *t = &st->text[STYLE_FOOTER];
	char text[64];
	for (size_t p = 0; p < pd->n_pages; p++) {
		snprintf(text, sizeof text, "第 %zu 页 / 共 %zu 页", p + 1, pd->n_pages);
		c->sb.n = 0;
		enum err e = shape_text(c->sh, &c->chains[STYLE_FOOTER], t->size, text, strlen(text),
					(struct srcpos){0}, &c->sb);
		if (e)
			return e;
		float w = 0;
		for (size_t i = 0; i < c->sb.n; i++)
			w += c->sb.g[i].adv;
		float measure = style_measure(st);
		float x = style_left(st) + (t->align == STYLE_CENTER ? (measure - w) / 2
					     : t->align == STYLE_RIGHT ? measure - w : 0);
		float y = st->margin_bottom / 2 - 0.35f * t->size;
		for (size_t i = 0; i < c->sb.n; i++) {
			const struct shape_glyph *g = &c->sb.g[i];
			if (page_add_glyph(&pd->pages[p], (struct page_glyph){g->font, g->gid, t->size,
									 x + g->xoff, y + g->yoff,
									 i ? 0 : PAGE_SPAN_START}))
				return ERR_NOMEM;
			x += g->adv;
		}
	}
	return ERR_OK;
}

enum err compose_article(const struct doc *doc, const struct style *st, struct fontset *fs,
			 struct shaper *sh, struct diag *d, struct pagedoc *out)
{
	struct compose c = {0};
	c.st = st;
	c.fs = fs;
	c.sh = sh;
	c.d = d;
	enum err e = ERR_OK;
	for (int k = 0; k < STYLE_N_CLASSES && !e; k++)
		e = compose_chain(&c, st->text[k].role, &c.chains[k]);
	if (!e)
		e = compose_blocks(&c, doc);
	if (!e)
		e = compose_paginate(&c, out);
	if (!e)
		e = compose_footers(&c, out);
	shape_buf_free(&c.sb);
	line_result_free(&c.lr);
	free(c.glyphs);
	free(c.lines);
	return e;
}
