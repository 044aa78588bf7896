/* page.h: the laid-out document: pages of absolutely positioned glyphs, rules and images, the
   text each glyph stands for, and the marks, links and page records that a digest's contents,
   outline and running heads are built from. This is what layout produces and what the
   renderers (PDF, dumps) consume.

   Ownership: a pagedoc owns its pages, their glyph/rule/image/link arrays, their text and the
   marks' text; fonts are borrowed from the job's fontset. pagedoc_append moves pages from one
   pagedoc into another (a digest joins its articles' pagedocs). */
#ifndef PAIBAN_PAGE_H
#define PAIBAN_PAGE_H
#include <stddef.h>
#include <stdint.h>
#include "../base/diag.h"

struct font;

/* One glyph on a page. x, y: the glyph origin on the baseline, in pt, PDF coordinates
   (origin at the bottom-left of the page, y up). Glyphs of one line are stored left to right,
   lines in reading order, so text extraction follows the reading order. text/ntext: the
   characters of the model's text this glyph stands for (its cluster), bytes of the page's
   text; ntext 0 for the second and later glyphs of a cluster. The PDF's ActualText and
   ToUnicode come from there, never from the font. */
struct page_glyph {
	struct font *font;      /* borrowed from the job's fontset */
	uint32_t gid;
	float size;             /* pt */
	float x, y;
	unsigned flags;         /* enum page_glyph_flag */
	uint32_t color;         /* 0xRRGGBB fill colour (0: black) */
	uint32_t text, ntext;   /* offset and length in the page's text */
	uint32_t elem;          /* on a span's first glyph (PAGE_SPAN_START): 1 + the index in
				   pagedoc.elems of the structure element the span belongs to;
				   0: an artifact (running head, folio, masthead), which is also
				   what a zeroed glyph says */
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
	uint32_t color;         /* 0xRRGGBB stroke colour (0: black) */
	float dot;              /* 0: solid; > 0: a dotted line (round dots of the rule's width,
				   one every `dot` pt: a contents line's leader) */
};

/* An image file drawn into a box: x, y its bottom-left corner, w, h its size, in pt, PDF
   coordinates. path: the file's real path (owned by the page: page_add_image copies it). The
   file was checked at composition (image.h); the renderer decodes it. */
struct page_image {
	const char *path;       /* the file's real path (owned by the page: one allocation with
				   src and pos.file) */
	float x, y, w, h;
	const char *src;        /* as written in the document */
	struct srcpos pos;      /* of the reference, for messages */
	uint32_t elem;          /* 1 + index of its structure element (a Figure); 0: artifact */
};

/* The structure of the document (a tagged PDF's structure tree, PDF 32000-1 §14.7-14.8):
   elements in logical order, each with its parent (-1: a child of the document's root). The
   children of an element are the elements naming it as parent, in index order, after the
   element's own content (the spans and images that name it, in page and then stream order).
   A wrapper may be added after its first children as long as it comes before any later
   sibling of theirs (a digest's section wraps the articles composed before it). */
enum page_tag {
	PAGE_TAG_DOCUMENT, PAGE_TAG_ART, PAGE_TAG_SECT, PAGE_TAG_DIV,
	PAGE_TAG_H1, PAGE_TAG_H2, PAGE_TAG_H3, PAGE_TAG_H4, PAGE_TAG_H5, PAGE_TAG_H6,
	PAGE_TAG_P, PAGE_TAG_L, PAGE_TAG_LI, PAGE_TAG_LBL, PAGE_TAG_LBODY, PAGE_TAG_BLOCKQUOTE,
	PAGE_TAG_FIGURE, PAGE_TAG_CAPTION, PAGE_TAG_TABLE, PAGE_TAG_TR, PAGE_TAG_TH, PAGE_TAG_TD,
	PAGE_TAG_CODE, PAGE_TAG_TOC, PAGE_TAG_TOCI,
	PAGE_TAG_N
};

/* The standard structure type of tag t ("P", "H1" ...). */
const char *page_tag_name(enum page_tag t);

struct page_elem {
	enum page_tag tag;
	int parent;             /* index in pagedoc.elems, -1: under the document's root */
	char *alt;              /* alternate description (a Figure's caption), owned, or NULL */
	char *lang;             /* BCP 47 language where it differs from the document's, owned, or
				   NULL */
};

/* A link area (a contents line) to a place in the same document: page index `page` (0-based
   in the pagedoc), y the top of the target in pt. */
struct page_link {
	float x0, y0, x1, y1;
	size_t page;
	float y;
	uint32_t elem;          /* 1 + index of the structure element it belongs to (a TOCI): the
				   link is tagged as a Link inside it; 0: none */
};

/* What a page is, for the finishing pass (running heads, folios, labels). */
enum page_role { PAGE_BODY, PAGE_COVER, PAGE_CONTENTS, PAGE_BLANK };

struct page {
	struct page_glyph *glyphs;
	size_t n_glyphs, cap_glyphs;
	struct page_rule *rules;
	size_t n_rules, cap_rules;
	struct page_image *images;
	size_t n_images, cap_images;
	struct page_link *links;
	size_t n_links, cap_links;
	char *text;             /* the glyphs' text (UTF-8, not NUL-terminated) */
	size_t n_text, cap_text;
	enum page_role role;
	int article;            /* index of the article in a digest set on this page, -1 none */
	int section;            /* index of its section, -1 none */
	float low;              /* lowest y the type area's content reaches (composition) */
};

/* A place in the document the outline, the contents and the running heads refer to: level 0
   a digest's section, 1 an article's title, 2.. its subheads. text is owned. */
struct page_mark {
	size_t page;            /* 0-based page index */
	float y;                /* top of the marked line, pt */
	int level;
	int article;            /* article index in a digest, -1 */
	char *text;
};

struct pagedoc {
	float width, height;    /* page size in pt */
	struct page *pages;
	size_t n_pages, cap_pages;
	struct page_mark *marks;
	size_t n_marks, cap_marks;
	size_t n_front;         /* leading pages labelled i, ii ... (the rest 1, 2 ...); 0: none */
	int two_page;           /* open as facing pages, odd pages on the right */
	struct page_elem *elems; /* the structure, in logical order */
	size_t n_elems, cap_elems;
};

void pagedoc_init(struct pagedoc *pd, float width, float height);
void pagedoc_free(struct pagedoc *pd);            /* frees pages, marks, image paths, elements;
						     not fonts */
/* Appends an empty page (role PAGE_BODY, article and section -1); returns it (borrowed) or
   NULL when out of memory. */
struct page *pagedoc_add_page(struct pagedoc *pd);
/* Inserts n empty pages before index at (pages, marks and links after it move on). */
enum err pagedoc_insert_pages(struct pagedoc *pd, size_t at, size_t n);
/* Moves every page, mark and structure element of src to the end of dst (marks, links and
   elements rebased); src is left empty (still to be freed). Page sizes must match. */
enum err pagedoc_append(struct pagedoc *dst, struct pagedoc *src);
/* Adds a mark (text[0..len) copied). */
enum err pagedoc_add_mark(struct pagedoc *pd, struct page_mark m, const char *text, size_t len);
/* Appends a glyph and the text it stands for (text may be NULL when len is 0): g.text and
   g.ntext are set here. */
enum err page_add_glyph(struct page *p, struct page_glyph g, const char *text, size_t len);
/* The text of glyph g of page p; *len gets its length. */
const char *page_glyph_text(const struct page *p, const struct page_glyph *g, size_t *len);
enum err page_add_rule(struct page *p, struct page_rule r);
/* Appends an image; im.path is copied. ERR_NOMEM. */
enum err page_add_image(struct page *p, struct page_image im);
enum err page_add_link(struct page *p, struct page_link l);
/* Moves everything on page p (glyphs, rules, images, link areas) dx pt to the right: the
   mirrored margins of a verso (style_mirror_dx). */
void page_shift(struct page *p, float dx);
/* Adds a structure element (alt and lang copied when not NULL); *index gets its index.
   ERR_NOMEM. */
enum err pagedoc_add_elem(struct pagedoc *pd, enum page_tag tag, int parent, const char *alt,
			  const char *lang, int *index);
/* Makes the spans of glyphs [from, n_glyphs) of p content of element `index` of its pagedoc
   (-1: artifacts). */
void page_tag_glyphs(struct page *p, size_t from, int index);

#endif
