/* page.c: storage of laid-out pages. */
#include "page.h"
#include <stdlib.h>
#include <string.h>

void pagedoc_init(struct pagedoc *pd, float width, float height)
{
	memset(pd, 0, sizeof *pd);
	pd->width = width;
	pd->height = height;
}

void pagedoc_free(struct pagedoc *pd)
{
	if (!pd)
		return;
	for (size_t i = 0; i < pd->n_pages; i++) {
		free(pd->pages[i].glyphs);
		free(pd->pages[i].rules);
		for (size_t k = 0; k < pd->pages[i].n_images; k++)
			free((char *)pd->pages[i].images[k].path);
		free(pd->pages[i].images);
	}
	free(pd->pages);
	pd->pages = NULL;
	pd->n_pages = pd->cap_pages = 0;
}

/* Grows *arr (n used, *cap allocated, elements of sz) by one; 0 or -1. */
static int page_room(void **arr, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 64;
	void *p = realloc(*arr, nc * sz);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

struct page *pagedoc_add_page(struct pagedoc *pd)
{
	if (page_room((void **)&pd->pages, pd->n_pages, &pd->cap_pages, sizeof *pd->pages))
		return NULL;
	struct page *p = &pd->pages[pd->n_pages++];
	memset(p, 0, sizeof *p);
	return p;
}

enum err page_add_glyph(struct page *p, struct page_glyph g)
{
	if (page_room((void **)&p->glyphs, p->n_glyphs, &p->cap_glyphs, sizeof g))
		return ERR_NOMEM;
	p->glyphs[p->n_glyphs++] = g;
	return ERR_OK;
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
	char *path = strdup(im.path ? im.path : "");
	if (!path || page_room((void **)&p->images, p->n_images, &p->cap_images, sizeof im)) {
		free(path);
		return ERR_NOMEM;
	}
	im.path = path;
	p->images[p->n_images++] = im;
	return ERR_OK;
}
