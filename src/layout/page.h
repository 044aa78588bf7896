/* page.h: the laid-out document: pages of absolutely positioned glyphs and rules.
   This is what layout produces and what the renderers (PDF, dumps) consume. */
#ifndef PAIBAN_PAGE_H
#define PAIBAN_PAGE_H
#include <stddef.h>
#include <stdint.h>
#include "../base/diag.h"

struct font;

/* One glyph on a page. x, y: the glyph origin on the baseline, in pt, PDF coordinates
   (origin at the bottom-left of the page, y up). Glyphs of one line are stored left to right,
   lines in reading order, so text extraction follows the reading order. */
struct page_glyph {
	struct font *font;      /* borrowed from the job's fontset */
	uint32_t gid;
	float size;             /* pt */
	float x, y;
	unsigned flags;         /* enum page_glyph_flag */
};

enum page_glyph_flag {
	/* First glyph of a text span (a line, or a separate part of one such as the masthead's
	   date). The PDF writer gives each span its exact text (ActualText), so that copying and
	   text extraction are not misled by compressed punctuation or Han-Latin spacing. */
	PAGE_SPAN_START = 1
};

/* A straight line (rule), in pt, PDF coordinates. */
struct page_rule {
	float x0, y0, x1, y1, width;
};

/* An image file drawn into a box: x, y its bottom-left corner, w, h its size, in pt, PDF
   coordinates. path: the file's real path (owned by the page: page_add_image copies it). The
   file was checked at composition (image.h); the renderer decodes it. */
struct page_image {
	const char *path;
	float x, y, w, h;
};

struct page {
	struct page_glyph *glyphs;
	size_t n_glyphs, cap_glyphs;
	struct page_rule *rules;
	size_t n_rules, cap_rules;
	struct page_image *images;
	size_t n_images, cap_images;
};

struct pagedoc {
	float width, height;    /* page size in pt */
	struct page *pages;
	size_t n_pages, cap_pages;
};

void pagedoc_init(struct pagedoc *pd, float width, float height);
void pagedoc_free(struct pagedoc *pd);            /* frees pages and image paths, not fonts */
/* Appends an empty page; returns it (borrowed) or NULL when out of memory. */
struct page *pagedoc_add_page(struct pagedoc *pd);
enum err page_add_glyph(struct page *p, struct page_glyph g);
enum err page_add_rule(struct page *p, struct page_rule r);
/* Appends an image; im.path is copied. ERR_NOMEM. */
enum err page_add_image(struct page *p, struct page_image im);

#endif
