/* doc.h: the document model of one article, owned by one arena, immutable after parsing.

   Readers build it with the doc_set_* / doc_add_* functions; every node keeps the source
   position it came from. All strings are UTF-8, NUL-terminated, owned by the document's arena
   (borrowed by callers; valid until doc_free). */
#ifndef PAIBAN_DOC_H
#define PAIBAN_DOC_H
#include <stddef.h>
#include "../base/diag.h"

struct arena;

enum doc_block_type {
	DOC_PARA,     /* a body paragraph */
	DOC_HEADING,  /* a subhead; level 2 = first level inside the article (the title is level 1) */
	DOC_IMAGE     /* an image: text = caption, src = path or URL */
};

struct doc_block {
	enum doc_block_type type;
	int level;              /* headings: 2..6; otherwise 0 */
	const char *text;       /* paragraph or heading text, image caption ("" if none) */
	const char *src;        /* images only, else NULL */
	struct srcpos pos;
};

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
};

/* Creates an empty document for input `file` (copied). Caller frees with doc_free. */
struct doc *doc_new(const char *file);
void doc_free(struct doc *d);

/* Setters copy text[0..len) into the arena; len == (size_t)-1 means strlen. */
enum err doc_set(struct doc *d, struct doc_field *f, const char *text, size_t len,
		 struct srcpos pos);
enum err doc_add_block(struct doc *d, enum doc_block_type type, int level, const char *text,
		       size_t len, struct srcpos pos);
enum err doc_add_image(struct doc *d, const char *src, const char *caption, struct srcpos pos);
/* Adds a credit with no names yet; names are added with doc_add_name to the last credit. */
enum err doc_add_credit(struct doc *d, const char *role, size_t len, struct srcpos pos);
enum err doc_add_name(struct doc *d, const char *name, size_t len);
enum err doc_add_keyword(struct doc *d, const char *kw, size_t len, struct srcpos pos);

/* Writes the document as one JSON object (keys: title, subtitle, published, source, url,
   lang, byline, editor, keywords, blocks) with a trailing newline. */
struct buf;
void doc_to_json(const struct doc *d, struct buf *out);
/* Joins the byline names with `sep` into out (no trailing separator). */
void doc_byline_names(const struct doc *d, const char *sep, struct buf *out);

#endif
