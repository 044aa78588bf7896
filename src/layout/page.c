/* page.c: storage of laid-out pages, marks and links; joining pagedocs. */
#include "page.h"
#include <stdlib.h>
#include <string.h>

void pagedoc_init(struct pagedoc *pd, float width, float height)
{
	memset(pd, 0, sizeof *pd);
	pd->width = width;
	pd->height = height;
}

static void page_free(struct page *p)
{
	free(p->glyphs);
	free(p->rules);
	for (size_t k = 0; k < p->n_images; k++)
		free((char *)p->images[k].path);
	free(p->images);
	free(p->links);
	free(p->text);
}

void pagedoc_free(struct pagedoc *pd)
{
	if (!pd)
		return;
	for (size_t i = 0; i < pd->n_pages; i++)
		page_free(&pd->pages[i]);
	free(pd->pages);
	for (size_t i = 0; i < pd->n_marks; i++)
		free(pd->marks[i].text);
	free(pd->marks);
	for (size_t i = 0; i < pd->n_elems; i++) {
		free(pd->elems[i].alt);
		free(pd->elems[i].lang);
	}
	free(pd->elems);
	pd->pages = NULL;
	pd->marks = NULL;
	pd->elems = NULL;
	pd->n_pages = pd->cap_pages = pd->n_marks = pd->cap_marks = 0;
	pd->n_elems = pd->cap_elems = 0;
}

/* Makes room for `more` elements in *arr (n used, *cap allocated, elements of sz); 0 or -1. */
static int page_room_n(void **arr, size_t n, size_t more, size_t *cap, size_t sz)
{
	if (n + more <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 64;
	while (nc < n + more)
		nc *= 2;
	void *p = realloc(*arr, nc * sz);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

static int page_room(void **arr, size_t n, size_t *cap, size_t sz)
{
	return page_room_n(arr, n, 1, cap, sz);
}

static void page_blank(struct page *p)
{
	memset(p, 0, sizeof *p);
	p->article = p->section = -1;
}

struct page *pagedoc_add_page(struct pagedoc *pd)
{
	if (page_room((void **)&pd->pages, pd->n_pages, &pd->cap_pages, sizeof *pd->pages))
		return NULL;
	struct page *p = &pd->pages[pd->n_pages++];
	page_blank(p);
	return p;
}

enum err pagedoc_insert_pages(struct pagedoc *pd, size_t at, size_t n)
{
	if (at > pd->n_pages)
		at = pd->n_pages;
	if (page_room_n((void **)&pd->pages, pd->n_pages, n, &pd->cap_pages, sizeof *pd->pages))
		return ERR_NOMEM;
	memmove(pd->pages + at + n, pd->pages + at, (pd->n_pages - at) * sizeof *pd->pages);
	for (size_t i = 0; i < n; i++)
		page_blank(&pd->pages[at + i]);
	pd->n_pages += n;
	for (size_t i = 0; i < pd->n_marks; i++)
		if (pd->marks[i].page >= at)
			pd->marks[i].page += n;
	for (size_t p = 0; p < pd->n_pages; p++)
		for (size_t k = 0; k < pd->pages[p].n_links; k++)
			if (pd->pages[p].links[k].page >= at)
				pd->pages[p].links[k].page += n;
	return ERR_OK;
}

enum err pagedoc_append(struct pagedoc *dst, struct pagedoc *src)
{
	size_t base = dst->n_pages;
	size_t ebase = dst->n_elems;
	if (page_room_n((void **)&dst->pages, dst->n_pages, src->n_pages, &dst->cap_pages, sizeof *dst->pages) ||
	    page_room_n((void **)&dst->marks, dst->n_marks, src->n_marks, &dst->cap_marks, sizeof *dst->marks) ||
	    page_room_n((void **)&dst->elems, dst->n_elems, src->n_elems, &dst->cap_elems, sizeof *dst->elems))
		return ERR_NOMEM;
	for (size_t p = 0; p < src->n_pages; p++) {
		struct page *pg = &src->pages[p];
		for (size_t k = 0; k < pg->n_links; k++) {
			pg->links[k].page += base;
			if (pg->links[k].elem)
				pg->links[k].elem += (uint32_t)ebase;
		}
		for (size_t k = 0; k < pg->n_glyphs; k++)
			if (pg->glyphs[k].elem)
				pg->glyphs[k].elem += (uint32_t)ebase;
		for (size_t k = 0; k < pg->n_images; k++)
			if (pg->images[k].elem)
				pg->images[k].elem += (uint32_t)ebase;
		dst->pages[dst->n_pages++] = *pg;
	}
	for (size_t i = 0; i < src->n_elems; i++) {
		struct page_elem el = src->elems[i];
		if (el.parent >= 0)
			el.parent += (int)ebase;
		dst->elems[dst->n_elems++] = el;
	}
	free(src->elems);
	src->elems = NULL;
	src->n_elems = src->cap_elems = 0;
	for (size_t i = 0; i < src->n_marks; i++) {
		struct page_mark m = src->marks[i];
		m.page += base;
		dst->marks[dst->n_marks++] = m;
	}
	free(src->pages);
	free(src->marks);
	src->pages = NULL;
	src->marks = NULL;
	src->n_pages = src->cap_pages = src->n_marks = src->cap_marks = 0;
	return ERR_OK;
}

enum err pagedoc_add_mark(struct pagedoc *pd, struct page_mark m, const char *text, size_t len)
{
	char *t = malloc(len + 1);
	if (!t || page_room((void **)&pd->marks, pd->n_marks, &pd->cap_marks, sizeof m)) {
		free(t);
		return ERR_NOMEM;
	}
	if (len)
		memcpy(t, text, len);
	t[len] = 0;
	m.text = t;
	pd->marks[pd->n_marks++] = m;
	return ERR_OK;
}

enum err page_add_glyph(struct page *p, struct page_glyph g, const char *text, size_t len)
{
	if (len > UINT32_MAX || p->n_text + len > UINT32_MAX)
		return ERR_LIMIT;
	if (page_room((void **)&p->glyphs, p->n_glyphs, &p->cap_glyphs, sizeof g) ||
	    (len && page_room_n((void **)&p->text, p->n_text, len, &p->cap_text, 1)))
		return ERR_NOMEM;
	g.text = (uint32_t)p->n_text;
	g.ntext = (uint32_t)len;
	if (len)
		memcpy(p->text + p->n_text, text, len);
	p->n_text += len;
	p->glyphs[p->n_glyphs++] = g;
	return ERR_OK;
}

const char *page_glyph_text(const struct page *p, const struct page_glyph *g, size_t *len)
{
	if (!p->text || (size_t)g->text + g->ntext > p->n_text) {
		*len = 0;
		return "";
	}
	*len = g->ntext;
	return p->text + g->text;
}

enum err page_add_rule(struct page *p, struct page_rule r)
{
	if (page_room((void **)&p->rules, p->n_rules, &p->cap_rules, sizeof r))
		return ERR_NOMEM;
	p->rules[p->n_rules++] = r;
	return ERR_OK;
}

enum err page_add_image(struct page *p, struct page_image im)
{
	const char *ps = im.path ? im.path : "", *ss = im.src ? im.src : ps,
		   *fs = im.pos.file ? im.pos.file : "";
	size_t a = strlen(ps) + 1, b = strlen(ss) + 1, f = strlen(fs) + 1;
	char *path = malloc(a + b + f);
	if (!path || page_room((void **)&p->images, p->n_images, &p->cap_images, sizeof im)) {
		free(path);
		return ERR_NOMEM;
	}
	memcpy(path, ps, a);
	memcpy(path + a, ss, b);
	memcpy(path + a + b, fs, f);
	im.path = path;
	im.src = path + a;
	im.pos.file = im.pos.file ? path + a + b : NULL;
	p->images[p->n_images++] = im;
	return ERR_OK;
}

enum err page_add_link(struct page *p, struct page_link l)
{
	if (page_room((void **)&p->links, p->n_links, &p->cap_links, sizeof l))
		return ERR_NOMEM;
	p->links[p->n_links++] = l;
	return ERR_OK;
}

void page_shift(struct page *p, float dx)
{
	if (dx == 0)
		return;
	for (size_t i = 0; i < p->n_glyphs; i++)
		p->glyphs[i].x += dx;
	for (size_t i = 0; i < p->n_rules; i++) {
		p->rules[i].x0 += dx;
		p->rules[i].x1 += dx;
	}
	for (size_t i = 0; i < p->n_images; i++)
		p->images[i].x += dx;
	for (size_t i = 0; i < p->n_links; i++) {
		p->links[i].x0 += dx;
		p->links[i].x1 += dx;
	}
}

const char *page_tag_name(enum page_tag t)
{
	static const char *const names[PAGE_TAG_N] = {
		[PAGE_TAG_DOCUMENT] = "Document", [PAGE_TAG_ART] = "Art", [PAGE_TAG_SECT] = "Sect",
		[PAGE_TAG_DIV] = "Div", [PAGE_TAG_H1] = "H1", [PAGE_TAG_H2] = "H2", [PAGE_TAG_H3] = "H3",
		[PAGE_TAG_H4] = "H4", [PAGE_TAG_H5] = "H5", [PAGE_TAG_H6] = "H6", [PAGE_TAG_P] = "P",
		[PAGE_TAG_L] = "L", [PAGE_TAG_LI] = "LI", [PAGE_TAG_LBL] = "Lbl", [PAGE_TAG_LBODY] = "LBody",
		[PAGE_TAG_BLOCKQUOTE] = "BlockQuote", [PAGE_TAG_FIGURE] = "Figure",
		[PAGE_TAG_CAPTION] = "Caption", [PAGE_TAG_TABLE] = "Table", [PAGE_TAG_TR] = "TR",
		[PAGE_TAG_TH] = "TH", [PAGE_TAG_TD] = "TD", [PAGE_TAG_CODE] = "Code",
		[PAGE_TAG_TOC] = "TOC", [PAGE_TAG_TOCI] = "TOCI",
	};
	return (unsigned)t < PAGE_TAG_N && names[t] ? names[t] : "Span";
}

enum err pagedoc_add_elem(struct pagedoc *pd, enum page_tag tag, int parent, const char *alt,
			  const char *lang, int *index)
{
	char *a = alt ? strdup(alt) : NULL, *l = lang ? strdup(lang) : NULL;
	if ((alt && !a) || (lang && !l) || pd->n_elems >= (size_t)INT32_MAX ||
	    page_room((void **)&pd->elems, pd->n_elems, &pd->cap_elems, sizeof *pd->elems)) {
		free(a);
		free(l);
		return ERR_NOMEM;
	}
	*index = (int)pd->n_elems;
	pd->elems[pd->n_elems++] = (struct page_elem){tag, parent, a, l};
	return ERR_OK;
}

void page_tag_glyphs(struct page *p, size_t from, int index)
{
	for (size_t k = from; k < p->n_glyphs; k++)
		p->glyphs[k].elem = index < 0 ? 0 : (uint32_t)index + 1;
}
