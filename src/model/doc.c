/* doc.c: document model construction in an arena, and its JSON dump. */
#include "doc.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct doc *doc_new(const char *file)
{
	struct arena *a = arena_new();
	if (!a)
		return NULL;
	struct doc *d = arena_alloc(a, sizeof *d);
	if (!d) {
		arena_free(a);
		return NULL;
	}
	d->arena = a;
	d->file = arena_strndup(a, file ? file : "-", strlen(file ? file : "-"));
	if (!d->file) {
		arena_free(a);
		return NULL;
	}
	return d;
}

void doc_free(struct doc *d)
{
	if (d)
		arena_free(d->arena);
}

static const char *doc_str(struct doc *d, const char *s, size_t len)
{
	if (len == (size_t)-1)
		len = strlen(s);
	return arena_strndup(d->arena, s, len);
}

/* Makes room for one more element in an arena array; returns 0 or -1. */
static int doc_room(struct doc *d, void **arr, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 16;
	void *p = arena_grow(d->arena, *arr, n, nc, sz);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

enum err doc_set(struct doc *d, struct doc_field *f, const char *text, size_t len,
		 struct srcpos pos)
{
	const char *s = doc_str(d, text, len);
	if (!s)
		return ERR_NOMEM;
	f->text = s;
	f->pos = pos;
	return ERR_OK;
}

enum err doc_add_block(struct doc *d, enum doc_block_type type, int level, const char *text,
		       size_t len, struct srcpos pos)
{
	if (doc_room(d, (void **)&d->blocks, d->n_blocks, &d->cap_blocks, sizeof *d->blocks))
		return ERR_NOMEM;
	const char *s = doc_str(d, text, len);
	if (!s)
		return ERR_NOMEM;
	size_t i = d->n_blocks++;
	d->blocks[i] = (struct doc_block){
		.type = type, .level = level, .text = s, .pos = pos,
		.parent = d->n_open ? d->open[d->n_open - 1] : -1, .depth = d->n_open, .end = i + 1,
	};
	/* an enclosing container now reaches past this block */
	for (int k = 0; k < d->n_open; k++)
		d->blocks[d->open[k]].end = i + 1;
	return ERR_OK;
}

enum err doc_open(struct doc *d, enum doc_block_type type, int ordered, int start,
		  struct srcpos pos)
{
	if (!doc_block_is_container(type))
		return ERR_INPUT;
	if (d->n_open == DOC_MAX_DEPTH || d->n_skipped) {
		d->n_skipped++; /* flattened into the innermost kept container */
		return ERR_OK;
	}
	int number = 0;
	if (type == DOC_LIST)
		number = start;
	else if (type == DOC_ITEM && d->n_open) {
		struct doc_block *l = &d->blocks[d->open[d->n_open - 1]];
		if (l->type == DOC_LIST && l->ordered) {
			/* one more than the list's last item (found going back over that item's
			   descendants only: linear over a whole list) */
			int li = d->open[d->n_open - 1];
			number = l->number;
			for (size_t k = d->n_blocks; k-- > (size_t)li + 1;)
				if (d->blocks[k].type == DOC_ITEM && d->blocks[k].parent == li) {
					number = d->blocks[k].number + 1;
					break;
				}
		}
	}
	enum err e = doc_add_block(d, type, 0, "", 0, pos);
	if (e)
		return e;
	struct doc_block *b = &d->blocks[d->n_blocks - 1];
	b->ordered = type == DOC_LIST ? !!ordered : 0;
	b->number = number;
	d->open[d->n_open++] = (int)(d->n_blocks - 1);
	return ERR_OK;
}

void doc_close(struct doc *d)
{
	if (d->n_skipped)
		d->n_skipped--;
	else if (d->n_open)
		d->n_open--;
}

void doc_close_all(struct doc *d)
{
	d->n_skipped = 0;
	d->n_open = 0;
}

void doc_drop_last(struct doc *d)
{
	if (!d->n_blocks || doc_block_is_container(d->blocks[d->n_blocks - 1].type))
		return;
	size_t i = --d->n_blocks;
	for (int k = 0; k < d->n_open; k++)
		if (d->blocks[d->open[k]].end > i)
			d->blocks[d->open[k]].end = i;
	/* containers closed before it may also have ended at it */
	for (size_t k = 0; k < i; k++)
		if (d->blocks[k].end > i)
			d->blocks[k].end = i;
}

void doc_drop_first(struct doc *d, size_t k)
{
	if (d->n_open || k > d->n_blocks)
		return;
	for (size_t i = 0; i < k; i++)
		if (d->blocks[i].depth || doc_block_is_container(d->blocks[i].type))
			return;
	memmove(d->blocks, d->blocks + k, (d->n_blocks - k) * sizeof *d->blocks);
	d->n_blocks -= k;
	for (size_t i = 0; i < d->n_blocks; i++) {
		if (d->blocks[i].parent >= 0)
			d->blocks[i].parent -= (int)k;
		d->blocks[i].end -= k;
	}
}

enum err doc_add_span(struct doc *d, size_t block, enum doc_span_kind kind, size_t start,
		      size_t len, const char *href, size_t href_len)
{
	if (block >= d->n_blocks)
		return ERR_INPUT;
	struct doc_block *b = &d->blocks[block];
	size_t tl = strlen(b->text);
	if (doc_block_is_container(b->type) || !len || start >= tl || len > tl - start)
		return ERR_OK;
	size_t n = b->n_spans;
	if ((n & (n - 1)) == 0) {
		size_t nc = n ? n * 2 : 2;
		struct doc_span *p = arena_grow(d->arena, b->spans, n, nc, sizeof *p);
		if (!p)
			return ERR_NOMEM;
		b->spans = p;
	}
	const char *h = NULL;
	if (kind == DOC_SPAN_LINK && href && !(h = doc_str(d, href, href_len)))
		return ERR_NOMEM;
	b->spans[b->n_spans++] = (struct doc_span){kind, start, len, h};
	return ERR_OK;
}

int doc_caption_is_name(const char *cap)
{
	static const char *const ext[] = {".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp",
					  ".bmp", ".tif", ".tiff", ".avif", ".heic"};
	size_t n = cap ? strlen(cap) : 0;
	if (!n)
		return 0;
	/* a URL */
	if (!strncasecmp(cap, "http://", 7) || !strncasecmp(cap, "https://", 8) ||
	    !strncasecmp(cap, "www.", 4) || !strncmp(cap, "//", 2) || !strncasecmp(cap, "data:", 5))
		return 1;
	/* a file name: ends with an image file's extension, and no Chinese text (图注big.png) */
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)cap[k] >= 0xE2)
			return 0; /* U+2000 and up: CJK, full-width marks */
	for (size_t k = 0; k < sizeof ext / sizeof *ext; k++) {
		size_t l = strlen(ext[k]);
		if (n > l && !strcasecmp(cap + n - l, ext[k]))
			return 1;
	}
	/* an identifier: one ASCII token of letters, digits, - _ . with a run of 6 digits or more
	   (003ednc20190925, IMG_20190925, DSC01234) */
	size_t digits = 0, run = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)cap[k];
		if (ch >= '0' && ch <= '9') {
			if (++run > digits)
				digits = run;
			continue;
		}
		run = 0;
		if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') && ch != '-' && ch != '_' && ch != '.')
			return 0;
	}
	return digits >= 6;
}

enum err doc_add_image(struct doc *d, const char *src, const char *caption, struct srcpos pos)
{
	if (doc_caption_is_name(caption))
		caption = "";
	enum err e = doc_add_block(d, DOC_IMAGE, 0, caption ? caption : "", (size_t)-1, pos);
	if (e)
		return e;
	const char *s = doc_str(d, src, (size_t)-1);
	if (!s)
		return ERR_NOMEM;
	d->blocks[d->n_blocks - 1].src = s;
	return ERR_OK;
}

enum err doc_add_credit(struct doc *d, const char *role, size_t len, struct srcpos pos)
{
	if (doc_room(d, (void **)&d->byline, d->n_byline, &d->cap_byline, sizeof *d->byline))
		return ERR_NOMEM;
	const char *s = doc_str(d, role, len);
	if (!s)
		return ERR_NOMEM;
	d->byline[d->n_byline++] = (struct doc_credit){s, NULL, 0, pos};
	return ERR_OK;
}

enum err doc_add_name(struct doc *d, const char *name, size_t len)
{
	if (!d->n_byline)
		return ERR_INPUT;
	struct doc_credit *c = &d->byline[d->n_byline - 1];
	/* names arrays are small; grow by copying at powers of two */
	size_t n = c->n_names;
	if ((n & (n - 1)) == 0) {
		size_t nc = n ? n * 2 : 2;
		const char **p = arena_grow(d->arena, (void *)c->names, n, nc, sizeof *p);
		if (!p)
			return ERR_NOMEM;
		c->names = p;
	}
	const char *s = doc_str(d, name, len);
	if (!s)
		return ERR_NOMEM;
	c->names[c->n_names++] = s;
	return ERR_OK;
}

enum err doc_add_keyword(struct doc *d, const char *kw, size_t len, struct srcpos pos)
{
	if (doc_room(d, (void **)&d->keywords, d->n_keywords, &d->cap_keywords,
		     sizeof *d->keywords))
		return ERR_NOMEM;
	const char *s = doc_str(d, kw, len);
	if (!s)
		return ERR_NOMEM;
	d->keywords[d->n_keywords++] = (struct doc_field){s, pos};
	return ERR_OK;
}

static void doc_json_str(struct buf *b, const char *s)
{
	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

static const char *const doc_span_names[] = {"em", "strong", "code", "link"};

/* Blocks [from, to) at one level of the tree, indented by `ind` spaces, children nested. */
static void doc_json_blocks(struct buf *b, const struct doc *d, size_t from, size_t to, int ind)
{
	int first = 1;
	for (size_t i = from; i < to;) {
		const struct doc_block *k = &d->blocks[i];
		buf_printf(b, first ? "\n%*s{" : ",\n%*s{", ind, "");
		first = 0;
		switch (k->type) {
		case DOC_PARA:
			buf_puts(b, "\"type\": \"paragraph\", \"text\": ");
			doc_json_str(b, k->text);
			break;
		case DOC_HEADING:
			buf_printf(b, "\"type\": \"heading\", \"level\": %d, \"text\": ", k->level);
			doc_json_str(b, k->text);
			break;
		case DOC_IMAGE:
			buf_puts(b, "\"type\": \"image\", \"src\": ");
			doc_json_str(b, k->src);
			buf_puts(b, ", \"caption\": ");
			doc_json_str(b, k->text);
			break;
		case DOC_CODE:
			buf_puts(b, "\"type\": \"code\", \"text\": ");
			doc_json_str(b, k->text);
			break;
		case DOC_CELL:
			buf_printf(b, "\"type\": \"cell\", \"header\": %s, \"text\": ",
				   k->level ? "true" : "false");
			doc_json_str(b, k->text);
			break;
		case DOC_LIST:
			buf_printf(b, "\"type\": \"list\", \"ordered\": %s",
				   k->ordered ? "true" : "false");
			if (k->ordered)
				buf_printf(b, ", \"start\": %d", k->number);
			break;
		case DOC_ITEM:
			buf_puts(b, "\"type\": \"item\"");
			if (k->number)
				buf_printf(b, ", \"number\": %d", k->number);
			break;
		case DOC_QUOTE: buf_puts(b, "\"type\": \"quote\""); break;
		case DOC_TABLE: buf_puts(b, "\"type\": \"table\""); break;
		case DOC_ROW: buf_puts(b, "\"type\": \"row\""); break;
		}
		buf_printf(b, ", \"line\": %u, \"col\": %u", k->pos.line, k->pos.col);
		if (k->n_spans) {
			buf_puts(b, ", \"spans\": [");
			for (size_t s = 0; s < k->n_spans; s++) {
				const struct doc_span *sp = &k->spans[s];
				buf_printf(b, "%s{\"kind\": \"%s\", \"start\": %zu, \"len\": %zu",
					   s ? ", " : "", doc_span_names[sp->kind], sp->start, sp->len);
				if (sp->href) {
					buf_puts(b, ", \"href\": ");
					doc_json_str(b, sp->href);
				}
				buf_puts(b, "}");
			}
			buf_puts(b, "]");
		}
		size_t next = k->end > i ? k->end : i + 1;
		if (next > to)
			next = to;
		if (doc_block_is_container(k->type)) {
			buf_puts(b, ", \"children\": [");
			doc_json_blocks(b, d, i + 1, next, ind + 2);
			buf_printf(b, next > i + 1 ? "\n%*s]" : "]", ind, "");
		}
		buf_puts(b, "}");
		i = next;
	}
}

void doc_to_json(const struct doc *d, struct buf *b)
{
	buf_puts(b, "{\n  \"title\": ");
	doc_json_str(b, d->title.text);
	buf_puts(b, ",\n  \"subtitle\": ");
	doc_json_str(b, d->subtitle.text);
	buf_puts(b, ",\n  \"published\": ");
	doc_json_str(b, d->published.text);
	buf_puts(b, ",\n  \"source\": ");
	doc_json_str(b, d->source.text);
	buf_puts(b, ",\n  \"url\": ");
	doc_json_str(b, d->url.text);
	buf_puts(b, ",\n  \"lang\": ");
	doc_json_str(b, d->lang.text);
	buf_puts(b, ",\n  \"byline\": [");
	for (size_t i = 0; i < d->n_byline; i++) {
		const struct doc_credit *c = &d->byline[i];
		buf_puts(b, i ? ",\n    {\"role\": " : "\n    {\"role\": ");
		doc_json_str(b, c->role);
		buf_puts(b, ", \"names\": [");
		for (size_t k = 0; k < c->n_names; k++) {
			if (k)
				buf_puts(b, ", ");
			doc_json_str(b, c->names[k]);
		}
		buf_puts(b, "]}");
	}
	buf_puts(b, d->n_byline ? "\n  ],\n  \"editor\": " : "],\n  \"editor\": ");
	doc_json_str(b, d->editor.text);
	buf_puts(b, ",\n  \"keywords\": [");
	for (size_t i = 0; i < d->n_keywords; i++) {
		if (i)
			buf_puts(b, ", ");
		doc_json_str(b, d->keywords[i].text);
	}
	buf_puts(b, "],\n  \"blocks\": [");
	doc_json_blocks(b, d, 0, d->n_blocks, 4);
	buf_puts(b, d->n_blocks ? "\n  ]\n}\n" : "]\n}\n");
}

void doc_byline_names(const struct doc *d, const char *sep, struct buf *out)
{
	int first = 1;
	for (size_t i = 0; i < d->n_byline; i++)
		for (size_t k = 0; k < d->byline[i].n_names; k++) {
			if (!first)
				buf_puts(out, sep);
			buf_puts(out, d->byline[i].names[k]);
			first = 0;
		}
}
