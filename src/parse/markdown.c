/* markdown.c: Markdown + YAML front matter -> document model (md4c, libyaml). Contract in
   markdown.h.

   The front matter is read with libyaml's event parser into a small flat tree (pre-order
   array; each node knows where its subtree ends), with limits on nodes and depth, then
   interpreted key by key. The body goes through md4c's callbacks: text is collected for the
   open block and flushed as a paragraph, heading or image when the block closes. md4c hands
   out pointers into the input, so a position is the offset of the first text of a block,
   mapped to a line by binary search over the line starts. */
#include "markdown.h"
#include "lang.h"
#include "punct.h"
#include "textdump.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../model/doc.h"
#include <md4c.h>
#include <yaml.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- front matter: a flat YAML tree ------------------------------------------------------- */

enum md_ytype { MD_YSCALAR, MD_YSEQ, MD_YMAP };

struct md_ynode {
	enum md_ytype type;
	char *text;             /* scalars: the value (malloc'ed); NULL for null (~, empty) */
	size_t len;
	size_t end;             /* index just past this node's subtree */
	struct srcpos pos;
};

struct md_ytree {
	struct md_ynode *n;
	size_t count, cap;
};

/* One inline span of the open block, in raw (not yet normalised) offsets of md_ctx.cur. */
struct md_span {
	enum doc_span_kind kind;
	size_t start, end;      /* end valid once closed */
	char *href;             /* links: the target (malloc'ed), else NULL */
	size_t href_len;
	int open;
};

/* Deepest nesting of inline spans recorded; deeper spans keep their text, not their markup. */
#define MD_MAX_SPAN_DEPTH 32
/* Containers opened and still waiting for the position of their first text. */
#define MD_MAX_PENDING (MARKDOWN_MAX_DEPTH + 1)

struct md_ctx {
	struct doc *doc;
	struct diag *d;
	const char *text;       /* the whole input */
	size_t len;
	size_t *line_at;        /* offsets of line starts */
	size_t n_lines;
	enum err e;             /* first error: stops the md4c callbacks */
	/* the open block */
	struct buf cur;
	enum doc_block_type kind;
	int level;              /* heading level, 1..6 */
	struct srcpos pos;
	int have_pos;
	int softbr;             /* a soft break waits to be joined */
	int in_code, in_html;
	int keep_empty;         /* the open block is added even without text (a table cell) */
	/* inline spans of the open block */
	struct md_span *spans;
	size_t n_spans, cap_spans;
	size_t span_stack[MD_MAX_SPAN_DEPTH]; /* indices of the open spans */
	int n_span_open, n_span_skipped;
	size_t *marks;          /* scratch: span offsets to translate */
	size_t *keeps;          /* scratch: code span ranges kept verbatim */
	/* containers waiting for a position */
	size_t pending[MD_MAX_PENDING];
	int n_pending;
	/* image being read (alt text) */
	int in_img;
	struct buf cap;
	char *img_src, *img_title;
	struct srcpos img_pos;
	int depth;              /* nested md4c blocks */
	int fm_title;           /* the title came from the front matter */
	int html_noted;
	size_t kw_dropped;      /* keywords dropped past MARKDOWN_MAX_KEYWORDS */
	struct buf norm;        /* scratch for punct_normalize */
};

/* Position of byte offset off of the input. */
static struct srcpos md_pos(const struct md_ctx *c, size_t off)
{
	size_t lo = 0, hi = c->n_lines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (c->line_at[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (struct srcpos){c->doc->file, (unsigned)(lo + 1), (unsigned)(off - c->line_at[lo] + 1)};
}

/* Position of p if it points into the input, else the last known one. */
static int md_ptr_pos(const struct md_ctx *c, const char *p, struct srcpos *out)
{
	if (p >= c->text && p < c->text + c->len) {
		*out = md_pos(c, (size_t)(p - c->text));
		return 1;
	}
	return 0;
}

static enum err md_fail(struct md_ctx *c, enum err e)
{
	if (!c->e)
		c->e = e;
	return c->e;
}

/* ---- front matter ------------------------------------------------------------------------- */

static void md_ytree_free(struct md_ytree *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->n[i].text);
	free(t->n);
	t->n = NULL;
	t->count = t->cap = 0;
}

/* Trims ASCII and ideographic spaces from both ends of s[0..*n). */
static const char *md_trim(const char *s, size_t *n)
{
	for (;;) {
		if (*n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
			s++;
			(*n)--;
		} else if (*n >= 3 && !memcmp(s, "\xE3\x80\x80", 3)) {
			s += 3;
			*n -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\n' || s[*n - 1] == '\r'))
			(*n)--;
		else if (*n >= 3 && !memcmp(s + *n - 3, "\xE3\x80\x80", 3))
			*n -= 3;
		else
			break;
	}
	return s;
}

static struct srcpos md_ymark(const struct md_ctx *c, yaml_mark_t m, unsigned first_line)
{
	return (struct srcpos){c->doc->file, (unsigned)m.line + first_line, (unsigned)m.column + 1};
}

/* Nonzero when a libyaml error is best reported where its context starts: a token being
   scanned (a quoted scalar, a simple key...) or a flow collection, opened on an earlier line
   than the one where the problem shows (often the end of the input). Block contexts are the
   enclosing mapping, too far away to help. */
static int md_yaml_from_context(const yaml_parser_t *p)
{
	return p->context && p->context_mark.line < p->problem_mark.line &&
	       (strstr(p->context, "scanning") || strstr(p->context, "flow"));
}

/* Parses the YAML fm[0..n) (starting at file line first_line) into t. */
static enum err md_yaml_load(struct md_ctx *c, const char *fm, size_t n, unsigned first_line,
			     struct md_ytree *t)
{
	yaml_parser_t p;
	yaml_event_t ev;
	size_t stack[MARKDOWN_MAX_YAML_DEPTH];
	int depth = 0, done = 0, have_ev = 0;
	enum err e = ERR_OK;
	if (!yaml_parser_initialize(&p))
		return ERR_NOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)fm, n);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			struct srcpos at = md_ymark(c, p.problem_mark, first_line);
			if (p.error == YAML_MEMORY_ERROR) {
				e = ERR_NOMEM;
			} else if (md_yaml_from_context(&p)) {
				/* a quoted scalar or a flow list left open: where it starts */
				diag_at(c->d, DIAG_ERROR, md_ymark(c, p.context_mark, first_line),
					"bad YAML in the front matter: %s %s that starts here (found at line %u)",
					p.problem ? p.problem : "syntax error", p.context, at.line);
				e = ERR_SYNTAX;
			} else {
				diag_at(c->d, DIAG_ERROR, at, "bad YAML in the front matter: %s%s%s",
					p.problem ? p.problem : "syntax error", p.context ? " " : "",
					p.context ? p.context : "");
				e = ERR_SYNTAX;
			}
			goto done;
		}
		have_ev = 1;
		struct srcpos at = md_ymark(c, ev.start_mark, first_line);
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_ALIAS_EVENT:
			diag_at(c->d, DIAG_ERROR, at, "YAML aliases (*%s) are not supported in the front matter",
				(const char *)ev.data.alias.anchor);
			e = ERR_SYNTAX;
			goto done;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			if (t->count >= MARKDOWN_MAX_YAML_NODES) {
				diag_at(c->d, DIAG_ERROR, at, "front matter has more than %d values "
					"(MARKDOWN_MAX_YAML_NODES)", MARKDOWN_MAX_YAML_NODES);
				e = ERR_LIMIT;
				goto done;
			}
			if (t->count == t->cap) {
				size_t nc = t->cap ? t->cap * 2 : 32;
				struct md_ynode *q = realloc(t->n, nc * sizeof *q);
				if (!q) {
					e = ERR_NOMEM;
					goto done;
				}
				t->n = q;
				t->cap = nc;
			}
			struct md_ynode *y = &t->n[t->count];
			memset(y, 0, sizeof *y);
			y->pos = at;
			y->end = t->count + 1;
			if (ev.type == YAML_SCALAR_EVENT) {
				y->type = MD_YSCALAR;
				const char *v = (const char *)ev.data.scalar.value;
				size_t vl = ev.data.scalar.length;
				/* checked before the value is copied: a value is a line or a short list */
				if (vl > MARKDOWN_MAX_YAML_VALUE) {
					diag_at(c->d, DIAG_ERROR, at, "front matter value of %zu bytes; the "
						"limit is %d (MARKDOWN_MAX_YAML_VALUE)", vl,
						MARKDOWN_MAX_YAML_VALUE);
					e = ERR_LIMIT;
					goto done;
				}
				int plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
				if (!(plain && (!vl || (vl == 1 && *v == '~') || (vl == 4 && !memcmp(v, "null", 4))))) {
					y->text = malloc(vl + 1);
					if (!y->text) {
						e = ERR_NOMEM;
						goto done;
					}
					memcpy(y->text, v, vl);
					y->text[vl] = 0;
					y->len = vl;
				}
				t->count++;
			} else {
				y->type = ev.type == YAML_SEQUENCE_START_EVENT ? MD_YSEQ : MD_YMAP;
				if (depth >= MARKDOWN_MAX_YAML_DEPTH) {
					diag_at(c->d, DIAG_ERROR, at, "front matter nested deeper than %d levels "
						"(MARKDOWN_MAX_YAML_DEPTH)", MARKDOWN_MAX_YAML_DEPTH);
					e = ERR_LIMIT;
					goto done;
				}
				stack[depth++] = t->count++;
			}
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0) {
				depth--;
				t->n[stack[depth]].end = t->count;
			}
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		have_ev = 0;
	}
done:
	if (have_ev)
		yaml_event_delete(&ev);
	yaml_parser_delete(&p);
	return e;
}

static const char *const md_known_keys =
	"title, subtitle, published, source, url, lang, byline, editor, keywords";

/* Error for a value of the wrong kind. */
static enum err md_ywrong(struct md_ctx *c, const struct md_ynode *v, const char *key,
			  const char *want)
{
	diag_at(c->d, DIAG_ERROR, v->pos, "front matter key '%s' takes %s", key, want);
	return ERR_SYNTAX;
}

/* Sets field f to the scalar v (trimmed; PUNCT-NORM when norm). Null values are skipped. */
static enum err md_yfield(struct md_ctx *c, struct doc_field *f, const struct md_ynode *v,
			  const char *key, int norm)
{
	if (v->type != MD_YSCALAR)
		return md_ywrong(c, v, key, "a string");
	if (!v->text)
		return ERR_OK;
	size_t n = v->len;
	const char *s = md_trim(v->text, &n);
	if (norm) {
		buf_reset(&c->norm);
		punct_normalize(s, n, &c->norm);
		if (c->norm.oom)
			return ERR_NOMEM;
		s = c->norm.p ? c->norm.p : "";
		n = c->norm.len;
	}
	if (!n)
		return ERR_OK;
	return doc_set(c->doc, f, s, n, v->pos);
}

/* published: a date understood by dump_date, stored as ISO. */
static enum err md_ydate(struct md_ctx *c, const struct md_ynode *v)
{
	if (v->type != MD_YSCALAR)
		return md_ywrong(c, v, "published", "a date such as 2022-04-06 14:30");
	if (!v->text)
		return ERR_OK;
	char tmp[80], iso[DUMP_ISO_MAX];
	size_t n = v->len;
	const char *s = md_trim(v->text, &n);
	if (n >= sizeof tmp)
		n = sizeof tmp - 1;
	memcpy(tmp, s, n);
	tmp[n] = 0;
	/* 2022-04-06T14:30 -> 2022-04-06 14:30 (YAML timestamps, ISO 8601) */
	if (n > 11 && (tmp[10] == 'T' || tmp[10] == 't') && tmp[9] >= '0' && tmp[9] <= '9')
		tmp[10] = ' ';
	if (!dump_date(tmp, n, iso)) {
		diag_at(c->d, DIAG_WARNING, v->pos, "front matter 'published': '%s' is not a date "
			"(use 2022-04-06 or 2022-04-06 14:30); ignored", tmp);
		return ERR_OK;
	}
	return doc_set(c->doc, &c->doc->published, iso, (size_t)-1, v->pos);
}

/* Length of the separator at s[0..n) (, ， 、 ; ； or whitespace incl. U+3000), or 0. */
static size_t md_sep(const char *s, size_t n, int spaces)
{
	if (*s == ',' || *s == ';' || (spaces && (*s == ' ' || *s == '\t')))
		return 1;
	if (n >= 3 && (!memcmp(s, "，", 3) || !memcmp(s, "、", 3) || !memcmp(s, "；", 3) ||
		       (spaces && !memcmp(s, "\xE3\x80\x80", 3))))
		return 3;
	return 0;
}

/* Calls add(c, item, len, pos) for each item of s separated by md_sep. */
static enum err md_split(struct md_ctx *c, const char *s, size_t n, int spaces, struct srcpos pos,
			 enum err (*add)(struct md_ctx *, const char *, size_t, struct srcpos))
{
	size_t i = 0, start = 0;
	while (i <= n) {
		size_t k = i < n ? md_sep(s + i, n - i, spaces) : 1;
		if (!k) {
			i++;
			continue;
		}
		size_t len = i - start;
		const char *t = md_trim(s + start, &len);
		if (len) {
			enum err e = add(c, t, len, pos);
			if (e)
				return e;
		}
		i += k;
		start = i;
	}
	return ERR_OK;
}

/* Adds a keyword; past MARKDOWN_MAX_KEYWORDS the rest are dropped with one warning at pos. */
static enum err md_add_keyword(struct md_ctx *c, const char *s, size_t n, struct srcpos pos)
{
	if (c->doc->n_keywords >= MARKDOWN_MAX_KEYWORDS) {
		if (!c->kw_dropped++)
			diag_at(c->d, DIAG_WARNING, pos, "more than %d keywords (MARKDOWN_MAX_KEYWORDS); "
				"the rest are dropped", MARKDOWN_MAX_KEYWORDS);
		return ERR_OK;
	}
	return doc_add_keyword(c->doc, s, n, pos);
}

static enum err md_add_name(struct md_ctx *c, const char *s, size_t n, struct srcpos pos)
{
	return doc_add_name(c->doc, s, n);
}

static enum err md_ykeywords(struct md_ctx *c, const struct md_ytree *t, size_t v)
{
	const struct md_ynode *y = &t->n[v];
	if (y->type == MD_YSCALAR)
		return y->text ? md_split(c, y->text, y->len, 0, y->pos, md_add_keyword) : ERR_OK;
	if (y->type != MD_YSEQ)
		return md_ywrong(c, y, "keywords", "a list or a string");
	for (size_t i = v + 1; i < y->end; i = t->n[i].end) {
		const struct md_ynode *k = &t->n[i];
		if (k->type != MD_YSCALAR)
			return md_ywrong(c, k, "keywords", "a list of strings");
		if (k->text) {
			size_t n = k->len;
			const char *s = md_trim(k->text, &n);
			enum err e = n ? md_add_keyword(c, s, n, k->pos) : ERR_OK;
			if (e)
				return e;
		}
	}
	return ERR_OK;
}

/* A byline string: tokens separated by spaces, commas or 、; role tokens (dump_byline_role,
   the page-dump reader's role words: "记者 张三 执笔人 李四") open credits. A
   trailing colon or slash on a role (记者：张三, 文/李四) is dropped. */
static enum err md_byline_string(struct md_ctx *c, const char *s, size_t n, struct srcpos pos)
{
	size_t i = 0;
	int open = 0;
	while (i < n) {
		size_t k;
		while (i < n && (k = md_sep(s + i, n - i, 1)))
			i += k;
		size_t start = i;
		while (i < n && !md_sep(s + i, n - i, 1) && s[i] != ':' && s[i] != '/' &&
		       !(n - i >= 3 && !memcmp(s + i, "：", 3)))
			i++;
		size_t len = i - start;
		/* skip a colon or slash after the token */
		if (i < n && (s[i] == ':' || s[i] == '/'))
			i++;
		else if (n - i >= 3 && !memcmp(s + i, "：", 3))
			i += 3;
		if (!len)
			continue;
		enum err e;
		if (dump_byline_role(s + start, len)) {
			e = doc_add_credit(c->doc, s + start, len, pos);
			open = 1;
		} else {
			e = open ? ERR_OK : doc_add_credit(c->doc, "", 0, pos);
			open = 1;
			if (!e)
				e = doc_add_name(c->doc, s + start, len);
		}
		if (e)
			return e;
	}
	return ERR_OK;
}

/* One byline entry: a string or {role: R, names: [..] | "A、B"}. */
static enum err md_ycredit(struct md_ctx *c, const struct md_ytree *t, size_t v)
{
	const struct md_ynode *y = &t->n[v];
	if (y->type == MD_YSCALAR)
		return y->text ? md_byline_string(c, y->text, y->len, y->pos) : ERR_OK;
	if (y->type != MD_YMAP)
		return md_ywrong(c, y, "byline", "a list of strings or of {role, names} maps");
	const struct md_ynode *role = NULL, *names = NULL;
	size_t names_i = 0;
	for (size_t i = v + 1; i < y->end;) {
		const struct md_ynode *k = &t->n[i];
		size_t vi = k->end;
		if (vi >= y->end)
			break;
		if (k->type == MD_YSCALAR && k->text && !strcmp(k->text, "role")) {
			role = &t->n[vi];
		} else if (k->type == MD_YSCALAR && k->text &&
			   (!strcmp(k->text, "names") || !strcmp(k->text, "name"))) {
			names = &t->n[vi];
			names_i = vi;
		} else {
			diag_at(c->d, DIAG_WARNING, k->pos, "unknown key '%s' in a byline entry (known: role, "
				"names); ignored", k->type == MD_YSCALAR && k->text ? k->text : "?");
		}
		i = t->n[vi].end;
	}
	if (role && role->type != MD_YSCALAR)
		return md_ywrong(c, role, "byline role", "a string");
	size_t rl = role && role->text ? role->len : 0;
	const char *r = md_trim(role && role->text ? role->text : "", &rl);
	enum err e = doc_add_credit(c->doc, r, rl, role ? role->pos : y->pos);
	if (e || !names)
		return e;
	if (names->type == MD_YSCALAR)
		return names->text ? md_split(c, names->text, names->len, 1, names->pos, md_add_name) : ERR_OK;
	if (names->type != MD_YSEQ)
		return md_ywrong(c, names, "byline names", "a list or a string");
	for (size_t i = names_i + 1; i < names->end; i = t->n[i].end) {
		const struct md_ynode *k = &t->n[i];
		if (k->type != MD_YSCALAR)
			return md_ywrong(c, k, "byline names", "a list of strings");
		size_t n = k->text ? k->len : 0;
		const char *s = md_trim(k->text ? k->text : "", &n);
		if (n && (e = doc_add_name(c->doc, s, n)))
			return e;
	}
	return ERR_OK;
}

static enum err md_ybyline(struct md_ctx *c, const struct md_ytree *t, size_t v)
{
	const struct md_ynode *y = &t->n[v];
	if (y->type != MD_YSEQ)
		return md_ycredit(c, t, v);
	for (size_t i = v + 1; i < y->end; i = t->n[i].end) {
		enum err e = md_ycredit(c, t, i);
		if (e)
			return e;
	}
	return ERR_OK;
}

static enum err md_yeditor(struct md_ctx *c, const struct md_ytree *t, size_t v)
{
	const struct md_ynode *y = &t->n[v];
	if (y->type == MD_YSCALAR)
		return md_yfield(c, &c->doc->editor, y, "editor", 0);
	if (y->type != MD_YSEQ)
		return md_ywrong(c, y, "editor", "a string or a list of names");
	struct buf b;
	buf_init(&b);
	for (size_t i = v + 1; i < y->end; i = t->n[i].end) {
		const struct md_ynode *k = &t->n[i];
		if (k->type != MD_YSCALAR) {
			buf_free(&b);
			return md_ywrong(c, k, "editor", "a list of strings");
		}
		size_t n = k->text ? k->len : 0;
		const char *s = md_trim(k->text ? k->text : "", &n);
		if (n) {
			if (b.len)
				buf_puts(&b, "、");
			buf_put(&b, s, n);
		}
	}
	enum err e = b.oom ? ERR_NOMEM : b.len ? doc_set(c->doc, &c->doc->editor, b.p, b.len, y->pos) : ERR_OK;
	buf_free(&b);
	return e;
}

/* Interprets the front matter tree. */
static enum err md_front(struct md_ctx *c, const struct md_ytree *t)
{
	if (!t->count)
		return ERR_OK;
	const struct md_ynode *root = &t->n[0];
	if (root->type == MD_YSCALAR && !root->text)
		return ERR_OK; /* an empty document */
	if (root->type != MD_YMAP) {
		diag_at(c->d, DIAG_ERROR, root->pos, "the front matter must be keys and values "
			"(title: ...), not a %s", root->type == MD_YSEQ ? "list" : "single value");
		return ERR_SYNTAX;
	}
	for (size_t i = 1; i < root->end;) {
		const struct md_ynode *k = &t->n[i];
		size_t v = k->end;
		if (v >= root->end)
			break;
		enum err e = ERR_OK;
		const char *key = k->type == MD_YSCALAR && k->text ? k->text : NULL;
		if (!key) {
			diag_at(c->d, DIAG_ERROR, k->pos, "front matter keys must be plain names");
			return ERR_SYNTAX;
		}
		if (!strcmp(key, "title"))
			e = md_yfield(c, &c->doc->title, &t->n[v], key, 1);
		else if (!strcmp(key, "subtitle"))
			e = md_yfield(c, &c->doc->subtitle, &t->n[v], key, 1);
		else if (!strcmp(key, "source"))
			e = md_yfield(c, &c->doc->source, &t->n[v], key, 0);
		else if (!strcmp(key, "url"))
			e = md_yfield(c, &c->doc->url, &t->n[v], key, 0);
		else if (!strcmp(key, "lang"))
			e = md_yfield(c, &c->doc->lang, &t->n[v], key, 0); /* settled by md_read */
		else if (!strcmp(key, "published"))
			e = md_ydate(c, &t->n[v]);
		else if (!strcmp(key, "editor"))
			e = md_yeditor(c, t, v);
		else if (!strcmp(key, "keywords"))
			e = md_ykeywords(c, t, v);
		else if (!strcmp(key, "byline"))
			e = md_ybyline(c, t, v);
		else
			diag_at(c->d, DIAG_WARNING, k->pos, "unknown front matter key '%s' (known: %s); ignored",
				key, md_known_keys);
		if (e)
			return e;
		i = t->n[v].end;
	}
	c->fm_title = c->doc->title.text != NULL;
	return ERR_OK;
}

/* Length of the line at s[0..n) if it is the marker m (--- or ...) with trailing blanks. */
static int md_is_marker(const char *s, size_t n, const char *m)
{
	if (n < 3 || memcmp(s, m, 3))
		return 0;
	for (size_t i = 3; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* The front matter text[l0..a) is larger than MARKDOWN_MAX_FRONT_MATTER: an error at the first
   line too long to hold a value (where the problem starts), else at the opening ---. */
static enum err md_front_too_big(struct md_ctx *c, size_t l0, size_t a)
{
	struct srcpos at = {c->doc->file, 1, 1};
	for (size_t l = 1; l < c->n_lines && c->line_at[l] < a; l++) {
		size_t b = l + 1 < c->n_lines ? c->line_at[l + 1] : c->len;
		if (b - c->line_at[l] > MARKDOWN_MAX_YAML_VALUE) {
			at = md_pos(c, c->line_at[l]);
			diag_at(c->d, DIAG_ERROR, at, "front matter line of %zu bytes; a value is at "
				"most %d bytes (MARKDOWN_MAX_YAML_VALUE)", b - c->line_at[l],
				MARKDOWN_MAX_YAML_VALUE);
			return ERR_LIMIT;
		}
	}
	diag_at(c->d, DIAG_ERROR, at, "front matter of %zu bytes; the limit is %u "
		"(MARKDOWN_MAX_FRONT_MATTER)", a - l0, MARKDOWN_MAX_FRONT_MATTER);
	return ERR_LIMIT;
}

/* Reads the front matter when the text opens with a --- line; *body gets the offset where
   the Markdown starts (0 when there is none). */
static enum err md_front_matter(struct md_ctx *c, size_t *body)
{
	*body = 0;
	if (c->n_lines < 1)
		return ERR_OK;
	size_t l0 = c->line_at[1 < c->n_lines ? 1 : 0];
	size_t n0 = (c->n_lines > 1 ? c->line_at[1] - 1 : c->len);
	if (!md_is_marker(c->text, n0, "---"))
		return ERR_OK;
	for (size_t l = 1; l < c->n_lines; l++) {
		size_t a = c->line_at[l];
		size_t b = l + 1 < c->n_lines ? c->line_at[l + 1] - 1 : c->len;
		if (md_is_marker(c->text + a, b - a, "---") || md_is_marker(c->text + a, b - a, "...")) {
			if (a - l0 > MARKDOWN_MAX_FRONT_MATTER)
				return md_front_too_big(c, l0, a);
			struct md_ytree t = {0};
			enum err e = md_yaml_load(c, c->text + l0, a - l0, 2, &t);
			if (!e)
				e = md_front(c, &t);
			md_ytree_free(&t);
			*body = b < c->len ? b + 1 : c->len;
			return e;
		}
	}
	diag_at(c->d, DIAG_ERROR, (struct srcpos){c->doc->file, 1, 1},
		"the front matter opened by '---' is never closed (no second '---' line)");
	return ERR_SYNTAX;
}

/* ---- body --------------------------------------------------------------------------------- */

/* Last code point of b (0 when empty). */
static uint32_t md_last_cp(const struct buf *b)
{
	if (!b->len)
		return 0;
	size_t i = b->len;
	while (i > 0 && ((unsigned char)b->p[i - 1] & 0xC0) == 0x80 && b->len - i < 3)
		i--;
	if (i > 0)
		i--;
	uint32_t cp;
	return utf8_decode(b->p + i, b->len - i, &cp) ? cp : 0;
}

/* Appends text s[0..n) to the open block (or the image caption), joining a pending soft break:
   nothing next to Han text, one space between Latin words. */
static void md_put(struct md_ctx *c, const char *s, size_t n)
{
	struct buf *b = c->in_img ? &c->cap : &c->cur;
	if (!n)
		return;
	if (c->softbr) {
		uint32_t last = md_last_cp(b), first;
		if (!utf8_decode(s, n, &first))
			first = 0xFFFD;
		if (last && last != ' ' && last != '\n' && !punct_is_cjk(last) && !punct_is_cjk(first) &&
		    first != ' ')
			buf_putc(b, ' ');
		c->softbr = 0;
	}
	buf_put(b, s, n);
}

/* Named entities worth knowing in news text; others stay as written. */
static const struct {
	const char *name;
	uint32_t cp;
} md_entities[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
	{"copy", 0xA9}, {"reg", 0xAE}, {"middot", 0xB7}, {"times", 0xD7}, {"ndash", 0x2013},
	{"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
	{"rdquo", 0x201D}, {"hellip", 0x2026}, {"bull", 0x2022}, {"deg", 0xB0},
};

static void md_entity(struct md_ctx *c, const char *s, size_t n)
{
	uint32_t cp = 0;
	if (n >= 4 && s[0] == '&' && s[1] == '#' && s[n - 1] == ';') {
		int hex = s[2] == 'x' || s[2] == 'X';
		cp = (uint32_t)strtoul(s + 2 + hex, NULL, hex ? 16 : 10);
		if (!cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
	} else if (n >= 3 && s[0] == '&' && s[n - 1] == ';') {
		for (size_t i = 0; i < sizeof md_entities / sizeof *md_entities; i++)
			if (strlen(md_entities[i].name) == n - 2 && !memcmp(md_entities[i].name, s + 1, n - 2))
				cp = md_entities[i].cp;
	}
	if (!cp) {
		md_put(c, s, n);
		return;
	}
	char u[4];
	md_put(c, u, utf8_encode(cp, u));
}

/* Frees the spans of the open block that are closed; the open ones move to the front with
   start 0: they go on in the next block (an image split the paragraph). */
static void md_spans_restart(struct md_ctx *c)
{
	for (size_t i = 0; i < c->n_spans; i++)
		if (!c->spans[i].open) {
			free(c->spans[i].href);
			c->spans[i].href = NULL;
		}
	for (int k = 0; k < c->n_span_open; k++) {
		struct md_span sp = c->spans[c->span_stack[k]];
		sp.start = 0;
		c->spans[k] = sp;
		c->span_stack[k] = (size_t)k;
	}
	c->n_spans = (size_t)c->n_span_open;
}

static int md_cmp_mark(const void *a, const void *b)
{
	const size_t *x = *(const size_t *const *)a, *y = *(const size_t *const *)b;
	return *x < *y ? -1 : *x > *y;
}

/* Length of the space (ASCII, LF, U+3000) ending at s[end), or 0. */
static size_t md_space_before(const char *s, size_t end)
{
	if (end && (s[end - 1] == ' ' || s[end - 1] == '\n'))
		return 1;
	if (end >= 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3))
		return 3;
	return 0;
}

static size_t md_space_at(const char *s, size_t i, size_t n)
{
	if (i < n && (s[i] == ' ' || s[i] == '\n'))
		return 1;
	if (n - i >= 3 && i < n && !memcmp(s + i, "\xE3\x80\x80", 3))
		return 3;
	return 0;
}

/* PUNCT-NORM of the open block's text into c->norm, its spans' offsets translated into the
   normalised text and trimmed of spaces at both ends; code spans are copied verbatim. */
static enum err md_normalize_spans(struct md_ctx *c)
{
	size_t n = c->n_spans, nk = 0;
	size_t **order = NULL;
	free(c->marks);
	free(c->keeps);
	c->marks = malloc((2 * n + 1) * sizeof *c->marks);
	c->keeps = malloc((2 * n + 1) * sizeof *c->keeps);
	if (n)
		order = malloc(2 * n * sizeof *order);
	if (!c->marks || !c->keeps || (n && !order)) {
		free(order);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		struct md_span *sp = &c->spans[i];
		if (sp->open)
			sp->end = c->cur.len;
		order[2 * i] = &sp->start;
		order[2 * i + 1] = &sp->end;
		if (sp->kind == DOC_SPAN_CODE && sp->end > sp->start &&
		    (!nk || c->keeps[2 * nk - 1] <= sp->start)) {
			c->keeps[2 * nk] = sp->start;
			c->keeps[2 * nk + 1] = sp->end;
			nk++;
		}
	}
	if (n)
		qsort(order, 2 * n, sizeof *order, md_cmp_mark);
	for (size_t i = 0; i < 2 * n; i++)
		c->marks[i] = *order[i];
	punct_normalize_map(c->cur.p, c->cur.len, &c->norm, c->marks, 2 * n, c->keeps, nk);
	for (size_t i = 0; i < 2 * n; i++)
		*order[i] = c->marks[i];
	free(order);
	const char *t = c->norm.p ? c->norm.p : "";
	size_t tl = c->norm.len, k;
	for (size_t i = 0; i < n; i++) {
		struct md_span *sp = &c->spans[i];
		if (sp->end > tl)
			sp->end = tl;
		while (sp->start < sp->end && (k = md_space_at(t, sp->start, tl)))
			sp->start += k;
		while (sp->end > sp->start && (k = md_space_before(t, sp->end)))
			sp->end -= k;
		if (sp->start > sp->end)
			sp->start = sp->end;
	}
	return c->norm.oom ? ERR_NOMEM : ERR_OK;
}

/* The text of a code block: as written, tabs expanded to MD_TAB columns, other control
   characters dropped, trailing line breaks removed. */
#define MD_TAB 4
static void md_code_text(const char *s, size_t n, struct buf *out)
{
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == '\t') {
			do
				buf_putc(out, ' ');
			while (++col % MD_TAB);
		} else if (b == '\n') {
			buf_putc(out, '\n');
			col = 0;
		} else if (b >= 0x20 && b != 0x7F) {
			buf_putc(out, (char)b);
			col += (b & 0xC0) != 0x80;
		}
	}
	while (out->len && out->p[out->len - 1] == '\n')
		out->len--;
	buf_cstr(out);
}

/* Adds the open block to the document (PUNCT-NORM, trimmed, spans translated; code blocks
   verbatim; empty blocks are dropped, except table cells). */
static enum err md_flush(struct md_ctx *c)
{
	enum err e = ERR_OK;
	int keep_empty = c->keep_empty;
	c->softbr = 0;
	c->keep_empty = 0;
	if (c->e || (!c->cur.len && !keep_empty))
		goto done;
	if (c->cur.oom) {
		e = md_fail(c, ERR_NOMEM);
		goto done;
	}
	buf_reset(&c->norm);
	if (c->kind == DOC_CODE)
		md_code_text(c->cur.p, c->cur.len, &c->norm);
	else if ((e = md_normalize_spans(c)))
		goto fail;
	if (c->norm.oom) {
		e = ERR_NOMEM;
		goto fail;
	}
	if (!c->norm.len && !keep_empty)
		goto done;
	if (c->doc->n_blocks >= MARKDOWN_MAX_BLOCKS) {
		diag_at(c->d, DIAG_ERROR, c->pos, "more than %d blocks (MARKDOWN_MAX_BLOCKS)",
			MARKDOWN_MAX_BLOCKS);
		e = ERR_LIMIT;
		goto fail;
	}
	const char *s = c->norm.p ? c->norm.p : "";
	size_t n = c->norm.len;
	if (c->kind == DOC_HEADING && c->level == 1 && !c->doc->n_open && !c->doc->n_skipped) {
		if (!c->doc->title.text) {
			for (size_t i = 0; i < n; i++)
				if (c->norm.p[i] == '\n')
					c->norm.p[i] = ' ';
			e = doc_set(c->doc, &c->doc->title, s, n, c->pos);
			if (e)
				goto fail;
			goto done;
		}
		if (c->fm_title && strlen(c->doc->title.text) == n && !memcmp(c->doc->title.text, s, n))
			goto done; /* the front matter title repeated as a # heading */
	}
	if (c->kind == DOC_HEADING) {
		/* a heading is one line */
		for (size_t i = 0; i < n; i++)
			if (c->norm.p[i] == '\n')
				c->norm.p[i] = ' ';
	}
	int level = c->kind == DOC_HEADING ? (c->level < 2 ? 2 : c->level) :
		    c->kind == DOC_CELL ? c->level : 0;
	e = doc_add_block(c->doc, c->kind, level, s, n, c->pos);
	if (e)
		goto fail;
	if (c->kind != DOC_CODE) {
		size_t bi = c->doc->n_blocks - 1;
		for (size_t i = 0; i < c->n_spans && !e; i++) {
			const struct md_span *sp = &c->spans[i];
			e = doc_add_span(c->doc, bi, sp->kind, sp->start, sp->end - sp->start, sp->href,
					 sp->href_len);
		}
		if (e)
			goto fail;
	}
	goto done;
fail:
	md_fail(c, e);
done:
	buf_reset(&c->cur);
	md_spans_restart(c);
	c->have_pos = 0;
	c->kind = DOC_PARA;
	c->level = 0;
	return e;
}

/* Opens a container of the model; its position is set by the first text inside it. */
static void md_open(struct md_ctx *c, enum doc_block_type type, int ordered, int start)
{
	size_t before = c->doc->n_blocks;
	if (c->doc->n_blocks >= MARKDOWN_MAX_BLOCKS) {
		diag_at(c->d, DIAG_ERROR, c->pos, "more than %d blocks (MARKDOWN_MAX_BLOCKS)",
			MARKDOWN_MAX_BLOCKS);
		md_fail(c, ERR_LIMIT);
		return;
	}
	enum err e = doc_open(c->doc, type, ordered, start, c->pos);
	if (e) {
		md_fail(c, e);
		return;
	}
	if (c->doc->n_blocks > before && c->n_pending < MD_MAX_PENDING)
		c->pending[c->n_pending++] = before;
}

/* The first text after containers were opened: their position. */
static void md_place_pending(struct md_ctx *c)
{
	for (int k = 0; k < c->n_pending; k++)
		c->doc->blocks[c->pending[k]].pos = c->pos;
	c->n_pending = 0;
}

static int md_enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	struct md_ctx *c = user;
	if (c->e)
		return 1;
	if (++c->depth > MARKDOWN_MAX_DEPTH) {
		diag_at(c->d, DIAG_ERROR, c->pos, "blocks nested deeper than %d (MARKDOWN_MAX_DEPTH)",
			MARKDOWN_MAX_DEPTH);
		md_fail(c, ERR_LIMIT);
		return 1;
	}
	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL: {
		md_flush(c);
		unsigned start = type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
		md_open(c, DOC_LIST, type == MD_BLOCK_OL, start > INT32_MAX ? INT32_MAX : (int)start);
		break;
	}
	case MD_BLOCK_LI:
		md_flush(c);
		md_open(c, DOC_ITEM, 0, 0);
		break;
	case MD_BLOCK_QUOTE:
		md_flush(c);
		md_open(c, DOC_QUOTE, 0, 0);
		break;
	case MD_BLOCK_TABLE:
		md_flush(c);
		md_open(c, DOC_TABLE, 0, 0);
		break;
	case MD_BLOCK_TR:
		md_flush(c);
		md_open(c, DOC_ROW, 0, 0);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		md_flush(c);
		c->kind = DOC_CELL;
		c->level = type == MD_BLOCK_TH;
		c->keep_empty = 1;
		break;
	case MD_BLOCK_H:
		md_flush(c);
		c->kind = DOC_HEADING;
		c->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
		break;
	case MD_BLOCK_P:
		md_flush(c);
		c->kind = DOC_PARA;
		break;
	case MD_BLOCK_CODE:
		md_flush(c);
		c->kind = DOC_CODE;
		c->in_code = 1;
		break;
	case MD_BLOCK_HTML:
		md_flush(c);
		c->in_html = 1;
		break;
	default:
		md_flush(c);
		break;
	}
	return c->e ? 1 : 0;
}

static int md_leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	struct md_ctx *c = user;
	if (c->e)
		return 1;
	c->depth--;
	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
	case MD_BLOCK_LI:
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_TABLE:
	case MD_BLOCK_TR:
		md_flush(c);
		if (!c->doc->n_skipped && c->doc->n_open) {
			/* a container left without text keeps the position it was opened at */
			size_t idx = (size_t)c->doc->open[c->doc->n_open - 1];
			while (c->n_pending && c->pending[c->n_pending - 1] >= idx)
				c->n_pending--;
		}
		doc_close(c->doc);
		break;
	case MD_BLOCK_CODE:
		md_flush(c);
		c->in_code = 0;
		break;
	case MD_BLOCK_HTML:
		c->in_html = 0;
		buf_reset(&c->cur);
		break;
	default:
		md_flush(c);
		break;
	}
	return c->e ? 1 : 0;
}

static char *md_attr(const MD_ATTRIBUTE *a)
{
	char *s = malloc(a->size + 1);
	if (s) {
		memcpy(s, a->text ? a->text : "", a->size);
		s[a->size] = 0;
	}
	return s;
}

/* Opens an inline span at the current end of the open block's text. */
static void md_span_open(struct md_ctx *c, enum doc_span_kind kind, const MD_ATTRIBUTE *href)
{
	if (c->n_span_open >= MD_MAX_SPAN_DEPTH || c->n_span_skipped) {
		c->n_span_skipped++;
		return;
	}
	if (c->n_spans == c->cap_spans) {
		size_t nc = c->cap_spans ? c->cap_spans * 2 : 8;
		struct md_span *p = realloc(c->spans, nc * sizeof *p);
		if (!p) {
			md_fail(c, ERR_NOMEM);
			return;
		}
		c->spans = p;
		c->cap_spans = nc;
	}
	struct md_span *sp = &c->spans[c->n_spans];
	*sp = (struct md_span){kind, c->cur.len, c->cur.len, NULL, 0, 1};
	if (href) {
		sp->href = md_attr(href);
		if (!sp->href) {
			md_fail(c, ERR_NOMEM);
			return;
		}
		sp->href_len = href->size;
	}
	c->span_stack[c->n_span_open++] = c->n_spans++;
}

static void md_span_close(struct md_ctx *c)
{
	if (c->n_span_skipped) {
		c->n_span_skipped--;
	} else if (c->n_span_open) {
		struct md_span *sp = &c->spans[c->span_stack[--c->n_span_open]];
		sp->end = c->cur.len;
		sp->open = 0;
	}
}

/* The span kind of an md4c span kept in the model, or -1. */
static int md_span_kind(MD_SPANTYPE type)
{
	switch (type) {
	case MD_SPAN_EM: return DOC_SPAN_EM;
	case MD_SPAN_STRONG: return DOC_SPAN_STRONG;
	case MD_SPAN_CODE: return DOC_SPAN_CODE;
	case MD_SPAN_A: return DOC_SPAN_LINK;
	default: return -1;
	}
}

static int md_enter_span(MD_SPANTYPE type, void *detail, void *user)
{
	struct md_ctx *c = user;
	if (c->e)
		return 1;
	int kind = md_span_kind(type);
	if (kind >= 0 && !c->in_img)
		md_span_open(c, (enum doc_span_kind)kind,
			     type == MD_SPAN_A ? &((MD_SPAN_A_DETAIL *)detail)->href : NULL);
	if (type == MD_SPAN_IMG && c->kind == DOC_CELL && !c->in_img)
		return 0; /* an image in a table cell: its alt text stays in the cell */
	if (type == MD_SPAN_IMG && !c->in_img++) {
		MD_SPAN_IMG_DETAIL *im = detail;
		/* the text before the image is a paragraph of its own */
		enum doc_block_type kind = c->kind;
		int level = c->level;
		md_flush(c);
		c->kind = kind;
		c->level = level;
		free(c->img_src);
		free(c->img_title);
		c->img_src = md_attr(&im->src);
		c->img_title = md_attr(&im->title);
		if (!c->img_src || !c->img_title)
			md_fail(c, ERR_NOMEM);
		if (!md_ptr_pos(c, im->src.text, &c->img_pos))
			c->img_pos = c->pos;
		buf_reset(&c->cap);
	}
	return c->e ? 1 : 0;
}

static int md_leave_span(MD_SPANTYPE type, void *detail, void *user)
{
	struct md_ctx *c = user;
	if (c->e)
		return 1;
	if (md_span_kind(type) >= 0 && !c->in_img)
		md_span_close(c);
	if (type == MD_SPAN_IMG && c->in_img && !--c->in_img) {
		const char *cap = c->cap.len ? c->cap.p : c->img_title ? c->img_title : "";
		buf_reset(&c->norm);
		punct_normalize(cap, strlen(cap), &c->norm);
		for (size_t i = 0; i < c->norm.len; i++)
			if (c->norm.p[i] == '\n')
				c->norm.p[i] = ' ';
		if (c->norm.oom || c->cap.oom) {
			md_fail(c, ERR_NOMEM);
			return 1;
		}
		if (c->doc->n_blocks >= MARKDOWN_MAX_BLOCKS) {
			diag_at(c->d, DIAG_ERROR, c->img_pos, "more than %d blocks (MARKDOWN_MAX_BLOCKS)",
				MARKDOWN_MAX_BLOCKS);
			md_fail(c, ERR_LIMIT);
			return 1;
		}
		enum err e = doc_add_image(c->doc, c->img_src, c->norm.len ? c->norm.p : "", c->img_pos);
		if (e)
			md_fail(c, e);
		buf_reset(&c->cap);
		c->softbr = 0;
	}
	return c->e ? 1 : 0;
}

static int md_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *user)
{
	struct md_ctx *c = user;
	if (c->e)
		return 1;
	if (!c->have_pos && !c->in_img && md_ptr_pos(c, s, &c->pos)) {
		c->have_pos = 1;
		md_place_pending(c);
	}
	if (c->in_html)
		return 0;
	if (c->cur.len + n > MARKDOWN_MAX_BLOCK_BYTES) {
		diag_at(c->d, DIAG_ERROR, c->pos, "a block longer than %u bytes (MARKDOWN_MAX_BLOCK_BYTES)",
			MARKDOWN_MAX_BLOCK_BYTES);
		md_fail(c, ERR_LIMIT);
		return 1;
	}
	switch (type) {
	case MD_TEXT_NULLCHAR:
		md_put(c, "\xEF\xBF\xBD", 3);
		break;
	case MD_TEXT_BR:
		if (c->in_img)
			c->softbr = 1;
		else
			md_put(c, "\n", 1);
		break;
	case MD_TEXT_SOFTBR:
		c->softbr = 1;
		break;
	case MD_TEXT_ENTITY:
		md_entity(c, s, n);
		break;
	case MD_TEXT_HTML:
		if (!c->html_noted) {
			struct srcpos at = c->pos;
			md_ptr_pos(c, s, &at);
			diag_at(c->d, DIAG_NOTE, at, "raw HTML in Markdown is dropped (its text is not printed)");
			c->html_noted = 1;
		}
		break;
	case MD_TEXT_CODE:
		if (c->in_code) {
			/* code block lines: kept as written (md_code_text cleans them) */
			buf_put(&c->cur, s, n);
			break;
		}
		/* fall through */
	default:
		md_put(c, s, n);
		break;
	}
	return 0;
}

enum err md_read(struct doc *doc, const char *text, size_t len, struct diag *d)
{
	struct md_ctx c = {0};
	enum err e = ERR_OK;
	size_t body = 0;
	c.doc = doc;
	c.d = d;
	c.text = text;
	c.len = len;
	buf_init(&c.cur);
	buf_init(&c.cap);
	buf_init(&c.norm);
	/* line starts */
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	c.line_at = malloc(lines * sizeof *c.line_at);
	if (!c.line_at) {
		e = ERR_NOMEM;
		goto done;
	}
	c.line_at[c.n_lines++] = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			c.line_at[c.n_lines++] = i + 1;
	c.pos = (struct srcpos){doc->file, 1, 1};

	if ((e = md_front_matter(&c, &body)))
		goto done;
	c.pos = md_pos(&c, body);
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_DIALECT_COMMONMARK | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH,
		.enter_block = md_enter_block,
		.leave_block = md_leave_block,
		.enter_span = md_enter_span,
		.leave_span = md_leave_span,
		.text = md_text,
	};
	int r = md_parse(text + body, (MD_SIZE)(len - body), &parser, &c);
	if (!c.e)
		md_flush(&c);
	doc_close_all(doc);
	if (c.e) {
		e = c.e;
		goto done;
	}
	if (r) {
		diag_at(d, DIAG_ERROR, c.pos, "the Markdown parser failed (md4c error %d)", r);
		e = r == -1 ? ERR_NOMEM : ERR_SYNTAX;
		goto done;
	}
	if (!doc->title.text && !doc->n_blocks) {
		diag_at(d, DIAG_ERROR, (struct srcpos){doc->file, 0, 0}, "no text in this Markdown file");
		e = ERR_INPUT;
		goto done;
	}
	/* front matter lang: (as written so far), else the text */
	e = lang_settle(doc, doc->lang.text, doc->lang.text ? strlen(doc->lang.text) : 0,
			doc->lang.pos, d);
done:
	free(c.line_at);
	free(c.img_src);
	free(c.img_title);
	for (size_t i = 0; i < c.n_spans; i++)
		free(c.spans[i].href);
	free(c.spans);
	free(c.marks);
	free(c.keeps);
	buf_free(&c.cur);
	buf_free(&c.cap);
	buf_free(&c.norm);
	return e;
}
