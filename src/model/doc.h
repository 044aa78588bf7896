/* doc.h: the document model of one article, owned by one arena, immutable after parsing.

   Readers build it with the doc_set_* / doc_add_* functions; every node keeps the source
   position it came from. All strings are UTF-8, NUL-terminated, owned by the document's arena
   (borrowed by callers; valid until doc_free). */
#ifndef PAIBAN_DOC_H
#define PAIBAN_DOC_H
#include <stddef.h>
#include "../base/diag.h"

struct arena;

/* Blocks form a tree stored flat in document order (as cmark's nodes, without pointers):
   a container (DOC_LIST, DOC_ITEM, DOC_QUOTE, DOC_TABLE, DOC_ROW) is followed by its
   descendants, blocks[i].parent is the index of the enclosing container (-1 at top level),
   blocks[i].end is one past its last descendant (i + 1 for a leaf), depth counts the
   enclosing containers. A writer that knows only leaves skips containers
   (doc_block_is_container) and still gets every text in reading order; one that knows the
   structure opens a container at i and closes it when the walk reaches blocks[i].end.
   Readers never write list markers ("• ", "1. ") or cell separators into text: the
   presentation (model/wording.h, the print and EPUB writers) adds them. */
enum doc_block_type {
	/* leaves */
	DOC_PARA,     /* a body paragraph */
	DOC_HEADING,  /* a subhead; level 2 = first level inside the article (the title is level 1) */
	DOC_IMAGE,    /* an image: text = caption, src = path or URL */
	DOC_CODE,     /* preformatted text (code, poems set line by line): text keeps its '\n' */
	DOC_CELL,     /* a table cell, child of DOC_ROW; level 1 = header cell (th), 0 = data */
	/* containers (text is "") */
	DOC_LIST,     /* a list: ordered = 1 numbered from `number`, 0 bullets; children DOC_ITEM */
	DOC_ITEM,     /* a list item: number = its number in an ordered list; children: blocks */
	DOC_QUOTE,    /* a block quote; children: blocks */
	DOC_TABLE,    /* a simple table; children DOC_ROW */
	DOC_ROW       /* a table row; children DOC_CELL */
};

/* Inline spans over a block's text: byte offsets into text, sorted by start, properly nested
   (a span lies inside or outside another, never across). */
enum doc_span_kind {
	DOC_SPAN_EM,      /* emphasis (<em>, *x*) */
	DOC_SPAN_STRONG,  /* strong (<strong>, <b>, **x**) */
	DOC_SPAN_CODE,    /* code (<code>, `x`) */
	DOC_SPAN_LINK     /* a link; href = its target as written */
};

struct doc_span {
	enum doc_span_kind kind;
	size_t start, len;      /* bytes of the block's text */
	const char *href;       /* links only, else NULL */
};

/* Deepest container nesting kept; deeper containers are flattened into their parent (their
   children stay, in order). */
#define DOC_MAX_DEPTH 16

struct doc_block {
	enum doc_block_type type;
	int level;              /* headings: 2..6; cells: 1 header; otherwise 0 */
	const char *text;       /* paragraph or heading text, image caption ("" if none) */
	const char *src;        /* images only, else NULL */
	struct srcpos pos;
	int parent;             /* index of the enclosing container, -1 at top level */
	int depth;              /* number of enclosing containers */
	size_t end;             /* one past the last descendant (i + 1 for leaves) */
	int ordered;            /* DOC_LIST: 1 numbered, 0 bullets */
	int number;             /* DOC_LIST: first number; DOC_ITEM in an ordered list: its number */
	struct doc_span *spans; /* inline spans over text, or NULL */
	size_t n_spans;
};

static inline int doc_block_is_container(enum doc_block_type t)
{
	return t >= DOC_LIST;
}

/* One byline credit: a role (记者, 通讯员, "" when none given) and its names. */
struct doc_credit {
	const char *role;
	const char **names;
	size_t n_names;
	struct srcpos pos;
};

/* A metadata field with the position it was read from. */
struct doc_field {
	const char *text;       /* NULL when unknown */
	struct srcpos pos;
};

struct doc {
	struct arena *arena;
	const char *file;       /* input path, as given */
	struct doc_field title, subtitle, published, source, url, editor;
	struct doc_field lang;  /* BCP 47 tag (zh-Hans, zh-Hant, zh-HK, ja, en, und ...): declared
	                           by the input or detected from its text (parse/lang.h); set by
	                           every reader */
	struct doc_credit *byline;
	size_t n_byline;
	struct doc_field *keywords;
	size_t n_keywords;
	struct doc_block *blocks;
	size_t n_blocks;
	/* internal growth bookkeeping */
	size_t cap_byline, cap_keywords, cap_blocks;
	int open[DOC_MAX_DEPTH]; /* indices of the open containers (doc_open) */
	int n_open;              /* containers open, kept */
	int n_skipped;           /* containers opened beyond DOC_MAX_DEPTH, not kept */
};

/* Creates an empty document for input `file` (copied). Caller frees with doc_free. */
struct doc *doc_new(const char *file);
void doc_free(struct doc *d);

/* Setters copy text[0..len) into the arena; len == (size_t)-1 means strlen. */
enum err doc_set(struct doc *d, struct doc_field *f, const char *text, size_t len,
		 struct srcpos pos);
enum err doc_add_block(struct doc *d, enum doc_block_type type, int level, const char *text,
		       size_t len, struct srcpos pos);
/* Opens a container under the current one (DOC_LIST: `ordered`, first number `start`; other
   types ignore both); blocks added until the matching doc_close are its descendants. A
   DOC_ITEM in an ordered list is numbered start, start + 1, ... in order. */
enum err doc_open(struct doc *d, enum doc_block_type type, int ordered, int start,
		  struct srcpos pos);
/* Closes the innermost open container (no-op when none is open). */
void doc_close(struct doc *d);
/* Closes every open container (readers call it at the end; doc_to_json does not need it). */
void doc_close_all(struct doc *d);
/* Adds an inline span to block `block` (a leaf): bytes [start, start + len) of its text.
   Spans must be added in order of start (outer before inner at the same start). Spans
   outside the text or empty are ignored. */
enum err doc_add_span(struct doc *d, size_t block, enum doc_span_kind kind, size_t start,
		      size_t len, const char *href, size_t href_len);
/* Removes the last block if it is a leaf (a reader that added a paragraph and then finds it
   is chrome); containers are never removed. */
void doc_drop_last(struct doc *d);
/* Removes the first k blocks when they are all top-level leaves and no container is open
   (the headline printed again over the text, split over several lines); else nothing. */
void doc_drop_first(struct doc *d, size_t k);
/* Adds an image; a caption that is a file name, a URL or an identifier (doc_caption_is_name)
   is no caption: the image gets "" (typography review D9). */
enum err doc_add_image(struct doc *d, const char *src, const char *caption, struct srcpos pos);
/* Nonzero when cap names a file rather than describes a picture: a URL (http://, https://,
   www., //, data:), a name without characters from U+2000 up (no CJK) ending in an image
   extension (.jpg .jpeg .png .gif .svg .webp .bmp .tif .tiff .avif .heic, any case:
   "Ambox wikify.svg"), or one ASCII token of letters, digits
   and - _ . with six digits in a row (003ednc20190925, DSC012345). */
int doc_caption_is_name(const char *cap);
/* Adds a credit with no names yet; names are added with doc_add_name to the last credit. */
enum err doc_add_credit(struct doc *d, const char *role, size_t len, struct srcpos pos);
enum err doc_add_name(struct doc *d, const char *name, size_t len);
enum err doc_add_keyword(struct doc *d, const char *kw, size_t len, struct srcpos pos);

/* Writes the document as one JSON object (keys: title, subtitle, published, source, url,
   lang, byline, editor, keywords, blocks) with a trailing newline. Blocks carry "line" and
   "col"; containers nest their blocks as "children"; spans are listed as
   {"kind", "start", "len"[, "href"]} in bytes. */
struct buf;
void doc_to_json(const struct doc *d, struct buf *out);
/* Joins the byline names with `sep` into out (no trailing separator). */
void doc_byline_names(const struct doc *d, const char *sep, struct buf *out);

#endif
