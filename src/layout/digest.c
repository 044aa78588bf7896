/* digest.c: a digest's cover, contents, closing block and furniture (digest.h). */
#include "digest.h"
#include "compose.h"
#include "linebreak.h"
#include "../style/style.h"
#include "../shape/shape.h"
#include "../base/buf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DG_ASCENT 0.88f   /* top of CJK ideographs above the baseline, em */
#define DG_THICK 1.5f     /* the cover's and the closing block's outer rules, pt */
#define DG_THIN 0.5f

/* What every function here works with. */
struct dg {
	const struct style *st;
	struct fontset *fs;
	struct shaper *sh;
	struct diag *d;
	struct shape_buf sb;    /* dg_break's glyphs (with lr) */
	struct shape_buf sl;    /* dg_line's */
	struct line_result lr;
	struct fontchain body, heading, title, footer, meta, masthead;
	float left, measure, top, bottom; /* the type area: x of its left edge, width, y of its top
					     and bottom edges */
};

static enum err dg_init(struct dg *g, const struct style *st, struct fontset *fs,
			struct shaper *sh, struct diag *d)
{
	memset(g, 0, sizeof *g);
	g->st = st;
	g->fs = fs;
	g->sh = sh;
	g->d = d;
	g->left = style_left(st);
	g->measure = style_span(st);
	g->top = st->page_h - st->margin_top;
	g->bottom = st->margin_bottom;
	enum err e = compose_chain(st, fs, d, st->text[STYLE_BODY].role, &g->body);
	if (!e)
		e = compose_chain(st, fs, d, st->text[STYLE_HEADING].role, &g->heading);
	if (!e)
		e = compose_chain(st, fs, d, st->text[STYLE_TITLE].role, &g->title);
	if (!e)
		e = compose_chain(st, fs, d, st->text[STYLE_FOOTER].role, &g->footer);
	if (!e)
		e = compose_chain(st, fs, d, st->text[STYLE_META].role, &g->meta);
	if (!e)
		e = compose_chain(st, fs, d, st->digest.masthead_role, &g->masthead);
	return e;
}

static void dg_free(struct dg *g)
{
	shape_buf_free(&g->sb);
	shape_buf_free(&g->sl);
	line_result_free(&g->lr);
}

/* One line of text: shaped, then put at x (align 'l'), centred in [x, x + w] ('c') or ending
   at x + w ('r'). Returns its width in *wout when not NULL. */
static enum err dg_line(struct dg *g, const struct fontchain *fc, float size, const char *text,
			float x, float w, char align, float y, uint32_t color, struct page *pg,
			float *wout)
{
	float tw;
	enum err e = compose_shape_line(g->sh, fc, size, text, &g->sl, &tw);
	if (e)
		return e;
	if (align == 'c')
		x += (w - tw) / 2;
	else if (align == 'r')
		x += w - tw;
	if (wout)
		*wout = tw;
	return compose_put_line(&g->sl, text, size, x, y, color, pg);
}

/* Breaks text (ragged, never a line-start mark) into lines of width measure: the result in
   g->sb / g->lr. */
static enum err dg_break(struct dg *g, const struct fontchain *fc, float size, const char *text,
			 float measure)
{
	g->sb.n = 0;
	size_t len = strlen(text);
	enum err e = shape_text(g->sh, fc, size, text, len, (struct srcpos){0}, &g->sb);
	if (e)
		return e;
	struct line_params lp = {.measure = measure, .em = size, .greedy = 1};
	return line_break(g->sb.g, g->sb.n, text, len, &lp, &g->lr, g->d, (struct srcpos){0});
}

/* Puts line li of the last dg_break at x, baseline y. */
static enum err dg_put_broken(struct dg *g, size_t li, const char *text, float size, float x,
			      float y, struct page *pg)
{
	const struct line *l = &g->lr.lines[li];
	size_t len = strlen(text);
	int first = 1;
	for (size_t i = l->start; i < l->end; i++) {
		const struct shape_glyph *sg = &g->sb.g[i];
		if (isnan(g->lr.x[i]))
			continue;
		size_t t0, t1;
		shape_cluster_text(&g->sb, i, len, &t0, &t1);
		enum err e = page_add_glyph(pg, (struct page_glyph){sg->font, sg->gid, size, x + g->lr.x[i],
								  y + sg->yoff, first ? PAGE_SPAN_START : 0u,
								  0, 0, 0, 0},
					    text + t0, t1 - t0);
		if (e)
			return e;
		first = 0;
	}
	return ERR_OK;
}

/* Structure (page.h): makes each text span of glyphs [g0, n_glyphs) of pg its own element
   tag under parent, in pd. */
static enum err dg_tag_spans(struct pagedoc *pd, struct page *pg, size_t g0, enum page_tag tag,
			     int parent)
{
	int el = -1;
	for (size_t k = g0; k < pg->n_glyphs; k++) {
		if (k == g0 || (pg->glyphs[k].flags & PAGE_SPAN_START)) {
			enum err e = pagedoc_add_elem(pd, tag, parent, NULL, NULL, &el);
			if (e)
				return e;
		}
		pg->glyphs[k].elem = (uint32_t)el + 1;
	}
	return ERR_OK;
}

/* Makes glyphs [g0, n_glyphs) of pg one new element tag under parent, in pd; *el gets it
   (may be NULL). */
static enum err dg_tag(struct pagedoc *pd, struct page *pg, size_t g0, enum page_tag tag,
		       int parent, int *el)
{
	int k;
	enum err e = pagedoc_add_elem(pd, tag, parent, NULL, NULL, &k);
	if (!e)
		page_tag_glyphs(pg, g0, k);
	if (el)
		*el = k;
	return e;
}

static enum err dg_rule(struct page *pg, float x0, float x1, float y, float w, uint32_t color)
{
	return page_add_rule(pg, (struct page_rule){x0, y, x1, y, w, color, 0});
}

void digest_roman(size_t n, char *out, size_t size)
{
	static const struct { unsigned v; const char *s; } r[] = {
		{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
		{50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}};
	size_t k = 0;
	if (size)
		out[0] = 0;
	if (n > 3999)
		n = 3999;
	for (int i = 0; i < 13; i++)
		while (n >= r[i].v && k + strlen(r[i].s) < size) {
			memcpy(out + k, r[i].s, strlen(r[i].s) + 1);
			k += strlen(r[i].s);
			n -= r[i].v;
		}
}

/* ---- closing block (版记) -------------------------------------------------------------------- */

enum err digest_closing(const struct digest_front *f, const struct style *st, struct fontset *fs,
			struct shaper *sh, struct diag *d, struct pagedoc *body)
{
	int has_credits = f->n_credits > 0 || f->copies > 0;
	int has_foot = f->publisher || f->date;
	if (!f->n_distribution && !has_credits && !has_foot)
		return ERR_OK;
	struct dg g;
	enum err e = dg_init(&g, st, fs, sh, d);
	float size = st->text[STYLE_BODY].size;
	float row = size * 2.0f;  /* each row between its rules */
	struct buf credits, t;
	buf_init(&credits);
	buf_init(&t);
	for (size_t i = 0; i < f->n_credits; i++)
		buf_printf(&credits, "%s%s：%s", i ? "　" : "", f->credits[i].key, f->credits[i].value);
	char copies[64] = "";
	if (f->copies > 0)
		snprintf(copies, sizeof copies, "（共印%ld份）", f->copies);
	/* the credits and 共印 share a row when they fit beside each other */
	float cw = 0, pw = 0;
	if (!e && credits.len)
		e = compose_shape_line(sh, &g.meta, size, buf_cstr(&credits), &g.sl, &cw);
	if (!e && *copies)
		e = compose_shape_line(sh, &g.meta, size, copies, &g.sl, &pw);
	int split = credits.len && *copies && cw + pw + 3 * size > g.measure;
	size_t rows = f->n_distribution + (has_credits ? 1 + (size_t)split : 0) + (has_foot ? 1 : 0);
	float h = (float)rows * row;
	if (!e && !body->n_pages && !pagedoc_add_page(body))
		e = ERR_NOMEM;
	struct page *pg = e ? NULL : &body->pages[body->n_pages - 1];
	if (pg && pg->low - size < g.bottom + h) { /* no room under the text: a page of its own */
		int art = pg->article, sec = pg->section;
		if (!(pg = pagedoc_add_page(body)))
			e = ERR_NOMEM;
		else {
			pg->article = art;
			pg->section = sec;
		}
	}
	/* from the top of the block down: thick rule, distribution, thin, credits, thin, foot,
	   thick */
	float y = g.bottom + h, x = g.left + size, w = g.measure - 2 * size;
	size_t g0 = pg ? pg->n_glyphs : 0;
	if (!e)
		e = dg_rule(pg, g.left, g.left + g.measure, y, DG_THICK, st->digest.rule_color);
	for (size_t i = 0; !e && i < f->n_distribution; i++) {
		t.len = 0;
		buf_printf(&t, "%s：%s", f->distribution[i].key, f->distribution[i].value);
		/* each line ends with 。 as GB/T 9704 prints them */
		if (t.len < 3 || strcmp(buf_cstr(&t) + t.len - 3, "。"))
			buf_puts(&t, "。");
		y -= row;
		e = dg_line(&g, &g.meta, size, buf_cstr(&t), x, w, 'l', y + 0.62f * size, 0, pg, NULL);
	}
	if (!e && has_credits) {
		if (f->n_distribution)
			e = dg_rule(pg, g.left, g.left + g.measure, y, DG_THIN, st->digest.rule_color);
		y -= row;
		if (!e && credits.len)
			e = dg_line(&g, &g.meta, size, buf_cstr(&credits), x, w, 'l', y + 0.62f * size, 0, pg, NULL);
		if (!e && split)
			y -= row;
		if (!e && *copies)
			e = dg_line(&g, &g.meta, size, copies, x, w, 'r', y + 0.62f * size, 0, pg, NULL);
	}
	if (!e && has_foot) {
		if (f->n_distribution || has_credits)
			e = dg_rule(pg, g.left, g.left + g.measure, y, DG_THIN, st->digest.rule_color);
		y -= row;
		if (!e && f->publisher)
			e = dg_line(&g, &g.meta, size, f->publisher, x, w, 'l', y + 0.62f * size, 0, pg, NULL);
		if (!e && f->date) {
			t.len = 0;
			buf_printf(&t, "%s印发", f->date);
			e = dg_line(&g, &g.meta, size, buf_cstr(&t), x, w, 'r', y + 0.62f * size, 0, pg, NULL);
		}
	}
	if (!e)
		e = dg_rule(pg, g.left, g.left + g.measure, y, DG_THICK, st->digest.rule_color);
	if (!e)
		e = dg_tag_spans(body, pg, g0, PAGE_TAG_P, -1);
	if (!e && (credits.oom || t.oom))
		e = ERR_NOMEM;
	buf_free(&credits);
	buf_free(&t);
	dg_free(&g);
	return e;
}

/* ---- cover and contents ---------------------------------------------------------------------- */

static struct page *dg_page(struct pagedoc *pd, enum page_role role)
{
	struct page *pg = pagedoc_add_page(pd);
	if (pg)
		pg->role = role;
	return pg;
}

/* The cover's masthead block; *y gets the y under its rule. */
static enum err dg_masthead(struct dg *g, const struct digest_front *f, struct page *pg, float *y)
{
	const struct style *st = g->st;
	float ms = st->digest.masthead_size, bs = st->text[STYLE_BODY].size;
	float yy = g->top - ms * DG_ASCENT - ms * 0.4f;
	enum err e = dg_line(g, &g->masthead, ms, f->title, g->left, g->measure, 'c', yy,
			     st->digest.masthead_color, pg, NULL);
	struct buf b;
	buf_init(&b);
	if (f->issue)
		buf_puts(&b, f->issue);
	if (f->volume)
		buf_printf(&b, "%s%s", b.len ? "　" : "", f->volume);
	float is = bs * 1.2f;
	yy -= ms * 0.5f + is * 1.6f;
	if (!e && b.len)
		e = dg_line(g, &g->body, is, buf_cstr(&b), g->left, g->measure, 'c', yy, 0, pg, NULL);
	yy -= is * 2.2f;
	if (!e && f->publisher)
		e = dg_line(g, &g->body, bs, f->publisher, g->left, g->measure, 'l', yy, 0, pg, NULL);
	if (!e && f->date)
		e = dg_line(g, &g->body, bs, f->date, g->left, g->measure, 'r', yy, 0, pg, NULL);
	yy -= bs * 0.8f;
	if (!e)
		e = dg_rule(pg, g->left, g->left + g->measure, yy, DG_THICK * 1.5f, st->digest.rule_color);
	if (!e && b.oom)
		e = ERR_NOMEM;
	buf_free(&b);
	*y = yy;
	return e;
}

/* 本期要目 under the masthead: the titles by section, as many as the page holds. */
static enum err dg_highlights(struct dg *g, const struct digest_front *f, struct page *pg, float y)
{
	const struct style *st = g->st;
	float hs = st->text[STYLE_HEADING].size, bs = st->text[STYLE_BODY].size;
	float pitch = bs * 1.75f;
	y -= hs * 3.0f;
	enum err e = dg_line(g, &g->heading, hs, "本期要目", g->left, g->measure, 'c', y, 0, pg, NULL);
	y -= hs * 1.5f;
	int sec = -2;
	for (size_t i = 0; !e && i < f->n_entries; i++) {
		const struct digest_entry *en = &f->entries[i];
		if (en->section != sec) {
			sec = en->section;
			const char *name = sec >= 0 && (size_t)sec < f->n_sections ? f->sections[sec] : NULL;
			if (name) {
				if (y - pitch * 2.5f < g->bottom)
					break;
				y -= pitch * 1.3f;
				e = dg_line(g, &g->heading, bs, name, g->left + 2 * bs, 0, 'l', y, 0, pg, NULL);
			}
		}
		if (e || (e = dg_break(g, &g->body, bs, en->title, g->measure - 6 * bs)))
			break;
		if (y - pitch * (float)g->lr.n < g->bottom) {
			e = dg_line(g, &g->body, bs, "……", g->left + 4 * bs, 0, 'l', y - pitch, 0, pg, NULL);
			break;
		}
		for (size_t k = 0; !e && k < g->lr.n; k++) {
			y -= pitch;
			e = dg_put_broken(g, k, en->title, bs, g->left + 4 * bs, y, pg);
		}
	}
	return e;
}

/* The cover image in the room under the masthead, at most its size at 150 dpi, centred. */
static enum err dg_cover_image(struct dg *g, const struct digest_front *f, struct page *pg, float y)
{
	float room_h = y - g->bottom - 12, room_w = g->measure;
	float w = (float)f->cover_w * 72 / 150, h = (float)f->cover_h * 72 / 150;
	if (room_h <= 0 || w <= 0 || h <= 0)
		return ERR_OK;
	float k = fminf(1, fminf(room_w / w, room_h / h));
	w *= k;
	h *= k;
	return page_add_image(pg, (struct page_image){f->cover, g->left + (room_w - w) / 2,
						    y - 12 - h - (room_h - h) / 2, w, h, f->cover_src,
						    f->cover_pos, 0});
}

/* A contents line's number column: the width of the widest page number. */
static float dg_numw(struct dg *g, size_t n_body, float size)
{
	char t[32];
	snprintf(t, sizeof t, "%zu", n_body);
	for (char *p = t; *p; p++)
		*p = '8';
	float w = size * 2;
	if (compose_shape_line(g->sh, &g->body, size, t, &g->sl, &w))
		w = size * 2;
	return w;
}

enum err digest_front_matter(const struct digest_front *f, const struct style *st,
			     struct fontset *fs, struct shaper *sh, struct diag *d, size_t n_body,
			     int pad_even, struct pagedoc *front)
{
	struct dg g;
	enum err e = dg_init(&g, st, fs, sh, d);
	struct page *pg = e ? NULL : dg_page(front, PAGE_COVER);
	if (!e && !pg)
		e = ERR_NOMEM;
	float y = 0;
	if (!e)
		e = dg_masthead(&g, f, pg, &y);
	/* the structure: the cover's lines are paragraphs; the contents a TOC of TOCI (each
	   section name, each entry with its page number) under the heading 目录 */
	if (!e)
		e = f->cover ? dg_cover_image(&g, f, pg, y) : dg_highlights(&g, f, pg, y);
	if (!e)
		e = dg_tag_spans(front, pg, 0, PAGE_TAG_P, -1);
	int toc = -1;
	/* 目录 */
	float ts = st->text[STYLE_TITLE].size, hs = st->text[STYLE_HEADING].size;
	float bs = st->text[STYLE_BODY].size, pitch = bs * 1.75f;
	size_t first_contents = front->n_pages;
	if (!e && !(pg = dg_page(front, PAGE_CONTENTS)))
		e = ERR_NOMEM;
	if (!e) {
		y = g.top - ts * DG_ASCENT;
		e = dg_line(&g, &g.title, ts, "目　　录", g.left, g.measure, 'c', y, 0, pg, NULL);
		if (!e)
			e = dg_tag(front, pg, 0, PAGE_TAG_H1, -1, NULL);
		if (!e)
			e = pagedoc_add_elem(front, PAGE_TAG_TOC, -1, NULL, NULL, &toc);
		if (!e)
			e = pagedoc_add_mark(front, (struct page_mark){first_contents, g.top, 0, -1, NULL},
					     "目录", strlen("目录"));
		y -= ts * 1.2f;
	}
	float numw = e ? 0 : dg_numw(&g, n_body, bs);
	float tw = g.measure - numw - 3 * bs; /* the title column; the leader takes at least 1 em */
	/* links and marks point at front + body: filled in with the front's length at the end */
	size_t link_from = front->n_marks;
	int sec = -2;
	for (size_t i = 0; !e && i < f->n_entries; i++) {
		const struct digest_entry *en = &f->entries[i];
		const char *name = NULL;
		if (en->section != sec) {
			sec = en->section;
			name = sec >= 0 && (size_t)sec < f->n_sections ? f->sections[sec] : NULL;
		}
		float indent = sec >= 0 && f->sections[sec] ? 2 * bs : 0;
		if ((e = dg_break(&g, &g.body, bs, en->title, tw - indent)))
			break;
		size_t nl = g.lr.n ? g.lr.n : 1;
		float need = pitch * (float)nl + (name ? hs * 2.4f : 0);
		if (y - need < g.bottom) {
			if (!(pg = dg_page(front, PAGE_CONTENTS))) {
				e = ERR_NOMEM;
				break;
			}
			y = g.top;
		}
		if (name) {
			y -= hs * 1.9f;
			size_t g0 = pg->n_glyphs;
			e = dg_line(&g, &g.heading, hs, name, g.left, 0, 'l', y, 0, pg, NULL);
			if (!e)
				e = dg_tag(front, pg, g0, PAGE_TAG_TOCI, toc, NULL);
			y -= hs * 0.5f;
			if (e)
				break;
		}
		size_t g0 = pg->n_glyphs;
		int toci = -1;
		float top = y;
		float x = g.left + indent, last_end = x;
		for (size_t k = 0; !e && k < g.lr.n; k++) {
			y -= pitch;
			e = dg_put_broken(&g, k, en->title, bs, x, y, pg);
			last_end = x + g.lr.lines[k].width;
		}
		if (e)
			break;
		char num[32];
		snprintf(num, sizeof num, "%zu", en->page + 1);
		float nw;
		e = dg_line(&g, &g.body, bs, num, g.left, g.measure, 'r', y, 0, pg, &nw);
		if (!e)
			e = dg_tag(front, pg, g0, PAGE_TAG_TOCI, toc, &toci);
		/* the leader: dots on the baseline's middle from after the title to before the number */
		float l0 = last_end + bs * 0.5f, l1 = g.left + g.measure - nw - bs * 0.5f;
		if (!e && l1 - l0 > bs)
			e = page_add_rule(pg, (struct page_rule){l0, y + bs * 0.3f, l1, y + bs * 0.3f,
								 bs * 0.12f, 0, bs * 0.5f});
		if (!e)
			e = page_add_link(pg, (struct page_link){g.left, y - bs * 0.4f, g.left + g.measure,
								 top - pitch + bs * (DG_ASCENT + 0.3f),
								 en->page, en->y, (uint32_t)(toci + 1)});
	}
	(void)link_from;
	if (!e && pad_even && front->n_pages % 2)
		e = dg_page(front, PAGE_BLANK) ? ERR_OK : ERR_NOMEM;
	if (!e) {
		/* the body follows the front: its page indices start after it */
		for (size_t p = first_contents; p < front->n_pages; p++)
			for (size_t k = 0; k < front->pages[p].n_links; k++)
				front->pages[p].links[k].page += front->n_pages;
		front->n_front = front->n_pages;
	}
	dg_free(&g);
	return e;
}

/* ---- furniture ----------------------------------------------------------------------------- */

/* Shortens text (UTF-8) at a character boundary until it fits w at size, adding …. */
static enum err dg_fit(struct dg *g, const struct fontchain *fc, float size, const char *text,
		       float w, struct buf *out)
{
	out->len = 0;
	buf_puts(out, text);
	float tw;
	enum err e = compose_shape_line(g->sh, fc, size, buf_cstr(out), &g->sl, &tw);
	if (e || tw <= w)
		return e;
	size_t n = strlen(text);
	while (n > 0 && !e) {
		n--;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		out->len = 0;
		buf_put(out, text, n);
		buf_puts(out, "…");
		e = compose_shape_line(g->sh, fc, size, buf_cstr(out), &g->sl, &tw);
		if (tw <= w)
			break;
	}
	return e;
}

/* The text of a running head naming what (enum style_head) for page pg into t. */
static enum err dg_head_text(const struct digest_front *f, const struct page *pg, enum style_head what,
			     struct buf *t)
{
	const char *article = (size_t)pg->article < f->n_entries ? f->entries[pg->article].title : NULL;
	const char *section = pg->section >= 0 && (size_t)pg->section < f->n_sections
				      ? f->sections[pg->section] : NULL;
	t->len = 0;
	if (what == STYLE_HEAD_SECTION && section)
		buf_puts(t, section);
	else if (what != STYLE_HEAD_TITLE && article)
		buf_puts(t, article);
	else {
		buf_puts(t, f->title);
		if (f->issue)
			buf_printf(t, "　%s", f->issue);
	}
	return t->oom ? ERR_NOMEM : ERR_OK;
}

enum err digest_furniture(const struct digest_front *f, const struct style *st,
			  struct fontset *fs, struct shaper *sh, struct diag *d, struct pagedoc *pd)
{
	struct dg g;
	enum err e = dg_init(&g, st, fs, sh, d);
	const struct style_text *ft = &st->text[STYLE_FOOTER];
	float fsz = ft->size;
	size_t n_body = pd->n_pages > pd->n_front ? pd->n_pages - pd->n_front : 0;
	/* the pages an article (or a section) opens at the top of: no running head there */
	unsigned char *opening = calloc(pd->n_pages + 1, 1);
	if (!opening)
		e = ERR_NOMEM;
	for (size_t i = 0; !e && i < pd->n_marks; i++)
		if (pd->marks[i].level <= 1 && pd->marks[i].page < pd->n_pages &&
		    pd->marks[i].y >= g.top - 0.5f)
			opening[pd->marks[i].page] = 1;
	struct buf head, t;
	buf_init(&head);
	buf_init(&t);
	for (size_t p = 0; !e && p < pd->n_pages; p++) {
		struct page *pg = &pd->pages[p];
		if (pg->role == PAGE_COVER || pg->role == PAGE_BLANK)
			continue;
		int front = p < pd->n_front;
		size_t no = front ? p + 1 : p - pd->n_front + 1;
		/* the folio */
		char num[32];
		t.len = 0;
		if (front) {
			digest_roman(no, num, sizeof num);
			buf_puts(&t, num);
		} else if (st->digest.folio == STYLE_FOLIO_DASH)
			buf_printf(&t, "— %zu —", no);
		else if (st->digest.folio == STYLE_FOLIO_PAGE)
			buf_printf(&t, "第 %zu 页", no);
		else
			buf_printf(&t, "第 %zu 页 / 共 %zu 页", no, n_body);
		char align = 'c';
		if (st->digest.facing && st->digest.folio == STYLE_FOLIO_DASH && !front)
			align = no % 2 ? 'r' : 'l'; /* outer edge of facing pages */
		float fy = st->margin_bottom / 2 - 0.35f * fsz;
		e = dg_line(&g, &g.footer, fsz, buf_cstr(&t), g.left, g.measure, align, fy, 0, pg, NULL);
		if (e || front || !st->digest.running_heads || opening[p] || pg->article < 0)
			continue;
		/* the running head (style running-head-even / -odd): by default 刊名 第N期 on even
		   pages (left), the article on odd ones (right) */
		e = dg_head_text(f, pg, no % 2 == 0 ? st->digest.head_even : st->digest.head_odd, &t);
		if (!e)
			e = dg_fit(&g, &g.footer, fsz, buf_cstr(&t), g.measure, &head);
		float ry = g.top + fsz * 0.9f;
		if (!e)
			e = dg_line(&g, &g.footer, fsz, buf_cstr(&head), g.left, g.measure,
				    no % 2 == 0 ? 'l' : 'r', ry + fsz * 0.45f, 0, pg, NULL);
		if (!e)
			e = dg_rule(pg, g.left, g.left + g.measure, ry, DG_THIN * 0.8f, 0);
	}
	if (!e && (head.oom || t.oom))
		e = ERR_NOMEM;
	buf_free(&head);
	buf_free(&t);
	free(opening);
	dg_free(&g);
	return e;
}
