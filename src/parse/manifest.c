/* manifest.c: the digest manifest (YAML) -> struct manifest, with libyaml's event parser.
   Contract in manifest.h.

   A manifest has a fixed shape: a mapping of texts, two mappings of names (credits,
   distribution) and a list of sections, each a mapping with a list of articles, each a file
   name or a mapping of texts. So it is read as a pull parser with one function per level of
   that shape, each taking events from mf_next until its collection ends. The C call depth is
   the depth of the shape (five at most) whatever the input: a value of the wrong kind is an
   error at its first event, so deeply nested input stops at once and is never walked (libyaml
   itself keeps its state on the heap, not on the stack).

   mf_next refuses aliases, anchors, scalars above MANIFEST_MAX_TEXT and NUL characters on
   every event before it is interpreted; in a mapping the first event of a value is taken
   before its key is checked, so `a: &x [...]` reports the anchor. Limits are checked when the
   element that passes them arrives. Reading stops at the first error, which is reported with
   the position of its event (line and column 1-based, columns in characters as libyaml counts
   them). Everything a manifest holds lives in its arena; the caller's text is not kept. */
#include "manifest.h"
#include "../base/arena.h"
#include "../base/utf8.h"
#include <yaml.h>
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Keys of the manifest's top mapping, in the order the messages list them. */
enum mf_key {
	MF_TITLE, MF_ISSUE, MF_VOLUME, MF_DATE, MF_PUBLISHER, MF_SUBJECT, MF_NOTE, MF_CREDITS,
	MF_DISTRIBUTION, MF_COPIES, MF_COVER, MF_STYLE, MF_SECTIONS, MF_ARTICLES, MF_N_KEYS
};

static const char *const mf_top_keys[MF_N_KEYS] = {
	"title", "issue", "volume", "date", "publisher", "subject", "note", "credits",
	"distribution", "copies", "cover", "style", "sections", "articles",
};
static const char *const mf_top_known = "title, issue, volume, date, publisher, subject, note, "
	"credits, distribution, copies, cover, style, sections, articles";
static const char *const mf_section_keys[] = {"title", "articles"};
static const char *const mf_article_keys[] = {"file", "title"};

/* The text fields manifest_set knows, by name. */
static const struct {
	const char *name;
	size_t off;
} mf_fields[] = {
	{"title", offsetof(struct manifest, title)},
	{"issue", offsetof(struct manifest, issue)},
	{"volume", offsetof(struct manifest, volume)},
	{"date", offsetof(struct manifest, date)},
	{"publisher", offsetof(struct manifest, publisher)},
	{"note", offsetof(struct manifest, note)},
	{"cover", offsetof(struct manifest, cover)},
	{"style", offsetof(struct manifest, style)},
	{"subject", offsetof(struct manifest, subject)},
};

/* One reading of a manifest. */
struct mf_ctx {
	yaml_parser_t p;
	yaml_event_t ev;             /* the current event (owned when have_ev) */
	int have_ev;
	struct srcpos at;            /* position of the current event */
	struct manifest *m;
	struct diag *d;
	const char *file;            /* name in messages and positions (lives as long as m) */
	const char *text;            /* the input, for positions of reader errors */
	size_t n;
	char key[MANIFEST_MAX_TEXT + 1]; /* the key last read by mf_key */
	size_t key_len;
};

/* ---- helpers ------------------------------------------------------------------------------ */

/* Reports an error at pos and returns e. */
__attribute__((format(printf, 4, 5)))
static enum err mf_error(struct mf_ctx *c, enum err e, struct srcpos pos, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_at(c->d, DIAG_ERROR, pos, "%s", msg);
	return e;
}

/* Length of s[0..n) cut to at most max bytes at a character boundary (for quoting input). */
static int mf_cut(const char *s, size_t n, size_t max)
{
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	return (int)n;
}

static struct srcpos mf_mark(const struct mf_ctx *c, yaml_mark_t mk)
{
	return (struct srcpos){c->file, (unsigned)mk.line + 1, (unsigned)mk.column + 1};
}

/* Position of byte offset off of the input (libyaml gives only an offset for reader errors). */
static struct srcpos mf_offset_pos(const struct mf_ctx *c, size_t off)
{
	unsigned line = 1, col = 1;
	if (off > c->n)
		off = c->n;
	for (size_t i = 0; i < off; i++) {
		if (c->text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)c->text[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	return (struct srcpos){c->file, line, col};
}

/* The kind of the current event, for "takes X, not Y" messages. */
static const char *mf_kind(const struct mf_ctx *c)
{
	switch (c->ev.type) {
	case YAML_SEQUENCE_START_EVENT: return "a list";
	case YAML_MAPPING_START_EVENT: return "a mapping";
	case YAML_SCALAR_EVENT: return "text";
	default: return "nothing";
	}
}

/* 1 when s[0..n) is a YAML null (empty, ~, null; plain only for the words) or only blanks. */
static int mf_blank(const char *s, size_t n, int plain)
{
	if (plain && ((n == 1 && *s == '~') || (n == 4 && (!memcmp(s, "null", 4) ||
		      !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)))))
		return 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* A whole number of ASCII digits: its value; -1 when s is not all digits, -2 when it has more
   than nine significant digits. */
static long mf_number(const char *s, size_t n)
{
	if (!n)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	while (n > 1 && *s == '0') {
		s++;
		n--;
	}
	if (n > 9)
		return -2;
	long v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Checks an ISO date YYYY-MM-DD; on failure *why says what is wrong (why has room for 80). */
static int mf_date_ok(const char *s, size_t n, char *why)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int form = n == 10 && s[4] == '-' && s[7] == '-';
	for (size_t i = 0; form && i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			form = 0;
	if (!form) {
		snprintf(why, 80, "use YYYY-MM-DD, such as 2022-04-08");
		return 0;
	}
	int y = (int)mf_number(s, 4), mo = (int)mf_number(s + 5, 2), dd = (int)mf_number(s + 8, 2);
	if (y < 1) {
		snprintf(why, 80, "there is no year 0000");
		return 0;
	}
	if (mo < 1 || mo > 12) {
		snprintf(why, 80, "there is no month %02d", mo);
		return 0;
	}
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int max = days[mo - 1] + (mo == 2 && leap);
	if (dd < 1 || dd > max) {
		snprintf(why, 80, "%04d-%02d has %d days", y, mo, max);
		return 0;
	}
	return 1;
}

/* Room for element n of an arena array holding n elements: arrays grow by doubling, so the
   capacity follows from n (8, then each power of two) and needs no field of its own. Returns
   the (possibly moved) array, NULL when out of memory. */
static void *mf_room(struct arena *a, void *arr, size_t n, size_t sz)
{
	if ((n > 0 && n < 8) || (n & (n - 1)))
		return arr;
	return arena_grow(a, arr, n, n ? 2 * n : 8, sz);
}

/* file joined to dir: file itself when absolute or when dir is "."; NULL when out of memory. */
static const char *mf_join(struct arena *a, const char *dir, const char *file)
{
	if (file[0] == '/' || !dir || !strcmp(dir, "."))
		return file;
	size_t dl = strlen(dir), fl = strlen(file);
	int slash = dl && dir[dl - 1] == '/';
	char *p = arena_alloc(a, dl + !slash + fl + 1);
	if (!p)
		return NULL;
	memcpy(p, dir, dl);
	if (!slash)
		p[dl++] = '/';
	memcpy(p + dl, file, fl + 1);
	return p;
}

static int mf_lookup(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

/* ---- events ------------------------------------------------------------------------------- */

/* Reports the parser's error (syntax, or bad UTF-8 and control characters from its reader). */
static enum err mf_yaml_error(struct mf_ctx *c)
{
	const yaml_parser_t *p = &c->p;
	const char *problem = p->problem ? p->problem : "syntax error";
	if (p->error == YAML_MEMORY_ERROR)
		return ERR_NOMEM;
	if (p->error == YAML_READER_ERROR) {
		struct srcpos at = mf_offset_pos(c, p->problem_offset);
		if (p->problem_value >= 0)
			return mf_error(c, ERR_SYNTAX, at, "bad YAML in the manifest: %s (#x%X)", problem,
					(unsigned)p->problem_value);
		return mf_error(c, ERR_SYNTAX, at, "bad YAML in the manifest: %s", problem);
	}
	struct srcpos at = mf_mark(c, p->problem_mark);
	/* an unclosed quote, [ or {: the problem starts where it opens, not where the parser
	   gave up (often the end of the file) */
	if (p->context && p->context_mark.line < p->problem_mark.line &&
	    (strstr(p->context, "quoted scalar") || strstr(p->context, "flow "))) {
		struct srcpos start = mf_mark(c, p->context_mark);
		return mf_error(c, ERR_SYNTAX, start, "bad YAML in the manifest: %s at %u:%u (%s that starts here)",
				problem, at.line, at.col, p->context);
	}
	if (p->context)
		return mf_error(c, ERR_SYNTAX, at, "bad YAML in the manifest: %s (%s at line %u)",
				problem, p->context, (unsigned)p->context_mark.line + 1);
	return mf_error(c, ERR_SYNTAX, at, "bad YAML in the manifest: %s", problem);
}

/* Takes the next event into c->ev, refusing what no manifest needs: aliases, anchors, a scalar
   above MANIFEST_MAX_TEXT bytes or with a NUL character (a "\0" escape). */
static enum err mf_next(struct mf_ctx *c)
{
	if (c->have_ev) {
		yaml_event_delete(&c->ev);
		c->have_ev = 0;
	}
	if (!yaml_parser_parse(&c->p, &c->ev))
		return mf_yaml_error(c);
	c->have_ev = 1;
	c->at = mf_mark(c, c->ev.start_mark);
	const char *anchor = NULL;
	switch (c->ev.type) {
	case YAML_ALIAS_EVENT: {
		const char *s = (const char *)c->ev.data.alias.anchor;
		return mf_error(c, ERR_SYNTAX, c->at,
				"YAML aliases and anchors are not allowed in a manifest (*%.*s)",
				mf_cut(s, strlen(s), 64), s);
	}
	case YAML_SCALAR_EVENT:
		anchor = (const char *)c->ev.data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = (const char *)c->ev.data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = (const char *)c->ev.data.mapping_start.anchor;
		break;
	default:
		break;
	}
	if (anchor)
		return mf_error(c, ERR_SYNTAX, c->at,
				"YAML aliases and anchors are not allowed in a manifest (&%.*s)",
				mf_cut(anchor, strlen(anchor), 64), anchor);
	if (c->ev.type == YAML_SCALAR_EVENT) {
		size_t n = c->ev.data.scalar.length;
		if (n > MANIFEST_MAX_TEXT)
			return mf_error(c, ERR_LIMIT, c->at, "text of %zu bytes; the limit is %d "
					"(MANIFEST_MAX_TEXT)", n, MANIFEST_MAX_TEXT);
		if (memchr(c->ev.data.scalar.value, 0, n))
			return mf_error(c, ERR_SYNTAX, c->at, "text with a NUL character (\\0)");
	}
	return ERR_OK;
}

/* Reads the next key of the open mapping into c->key, then the first event of its value.
   *end is set instead at the mapping's end. */
static enum err mf_key(struct mf_ctx *c, struct srcpos *kpos, int *end)
{
	enum err e = mf_next(c);
	*end = 0;
	if (e)
		return e;
	if (c->ev.type == YAML_MAPPING_END_EVENT) {
		*end = 1;
		return ERR_OK;
	}
	if (c->ev.type != YAML_SCALAR_EVENT)
		return mf_error(c, ERR_SYNTAX, c->at, "a key must be text, not %s", mf_kind(c));
	c->key_len = c->ev.data.scalar.length; /* <= MANIFEST_MAX_TEXT (mf_next) */
	memcpy(c->key, c->ev.data.scalar.value, c->key_len);
	c->key[c->key_len] = 0;
	*kpos = c->at;
	return mf_next(c);
}

/* Unknown key c->key at pos, in the mapping called where. */
static enum err mf_unknown(struct mf_ctx *c, struct srcpos pos, const char *where,
			   const char *known)
{
	return mf_error(c, ERR_SYNTAX, pos, "unknown key '%.*s' in %s (known: %s)",
			mf_cut(c->key, c->key_len, 80), c->key, where, known);
}

/* c->key given a second time at pos (first at first). */
static enum err mf_twice(struct mf_ctx *c, struct srcpos pos, struct srcpos first)
{
	mf_error(c, ERR_SYNTAX, pos, "key '%.*s' given twice", mf_cut(c->key, c->key_len, 80), c->key);
	diag_at(c->d, DIAG_NOTE, first, "first given here");
	return ERR_SYNTAX;
}

/* The current event as field f: text, not empty (key names it in messages). */
static enum err mf_text(struct mf_ctx *c, struct manifest_field *f, const char *key)
{
	if (c->ev.type != YAML_SCALAR_EVENT)
		return mf_error(c, ERR_SYNTAX, c->at, "'%s' takes text, not %s", key, mf_kind(c));
	const char *s = (const char *)c->ev.data.scalar.value;
	size_t n = c->ev.data.scalar.length;
	if (mf_blank(s, n, c->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE))
		return mf_error(c, ERR_SYNTAX, c->at, "'%s' is empty", key);
	if (!(f->text = arena_strndup(c->m->arena, s, n)))
		return ERR_NOMEM;
	f->pos = c->at;
	return ERR_OK;
}

/* ---- the levels of the shape -------------------------------------------------------------- */

/* credits: or distribution: (key), a mapping of text to text, in order. */
static enum err mf_pairs(struct mf_ctx *c, const char *key, const char *example,
			 struct manifest_pair **arr, size_t *n)
{
	if (c->ev.type != YAML_MAPPING_START_EVENT)
		return mf_error(c, ERR_SYNTAX, c->at, "'%s' takes a mapping such as %s, not %s", key,
				example, mf_kind(c));
	for (;;) {
		struct srcpos kpos;
		int end;
		enum err e = mf_key(c, &kpos, &end);
		if (e || end)
			return e;
		if (*n >= MANIFEST_MAX_PAIRS)
			return mf_error(c, ERR_LIMIT, kpos, "'%s' has more than %d entries "
					"(MANIFEST_MAX_PAIRS)", key, MANIFEST_MAX_PAIRS);
		if (mf_blank(c->key, c->key_len, 0))
			return mf_error(c, ERR_SYNTAX, kpos, "empty key in '%s'", key);
		for (size_t i = 0; i < *n; i++)
			if (!strcmp((*arr)[i].key.text, c->key))
				return mf_twice(c, kpos, (*arr)[i].key.pos);
		struct manifest_pair *q = mf_room(c->m->arena, *arr, *n, sizeof *q);
		if (!q)
			return ERR_NOMEM;
		*arr = q;
		struct manifest_pair *pr = &q[*n];
		if (!(pr->key.text = arena_strndup(c->m->arena, c->key, c->key_len)))
			return ERR_NOMEM;
		pr->key.pos = kpos;
		if ((e = mf_text(c, &pr->value, pr->key.text)))
			return e;
		(*n)++;
	}
}

/* The current scalar as the file of article a. */
static enum err mf_file(struct mf_ctx *c, struct manifest_article *a)
{
	if (c->ev.type != YAML_SCALAR_EVENT)
		return mf_error(c, ERR_SYNTAX, c->at, "'file' takes text, not %s", mf_kind(c));
	const char *s = (const char *)c->ev.data.scalar.value;
	size_t n = c->ev.data.scalar.length;
	if (mf_blank(s, n, c->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE))
		return mf_error(c, ERR_SYNTAX, c->at, "empty file name");
	if (!(a->file.text = arena_strndup(c->m->arena, s, n)))
		return ERR_NOMEM;
	a->file.pos = c->at;
	if (!(a->path = mf_join(c->m->arena, c->m->dir, a->file.text)))
		return ERR_NOMEM;
	return ERR_OK;
}

/* An article given as a mapping {file: ..., title: ...}; the current event opens it. */
static enum err mf_article_map(struct mf_ctx *c, struct manifest_article *a)
{
	struct srcpos pos = c->at, seen[2] = {{0}};
	for (;;) {
		struct srcpos kpos;
		int end;
		enum err e = mf_key(c, &kpos, &end);
		if (e)
			return e;
		if (end)
			break;
		int k = mf_lookup(mf_article_keys, 2, c->key);
		if (k < 0)
			return mf_unknown(c, kpos, "an article", "file, title");
		if (seen[k].line)
			return mf_twice(c, kpos, seen[k]);
		seen[k] = kpos;
		e = k == 0 ? mf_file(c, a) : mf_text(c, &a->title, "title");
		if (e)
			return e;
	}
	if (!a->file.text)
		return mf_error(c, ERR_SYNTAX, pos, "an article needs 'file:' (known: file, title)");
	return ERR_OK;
}

/* The list of articles of section s; the current event is the value of `articles:`. */
static enum err mf_articles(struct mf_ctx *c, struct manifest_section *s)
{
	struct manifest *m = c->m;
	if (c->ev.type != YAML_SEQUENCE_START_EVENT)
		return mf_error(c, ERR_SYNTAX, c->at, "'articles' takes a list of files, not %s",
				mf_kind(c));
	for (;;) {
		enum err e = mf_next(c);
		if (e)
			return e;
		if (c->ev.type == YAML_SEQUENCE_END_EVENT)
			return ERR_OK;
		if (m->n_articles >= MANIFEST_MAX_ARTICLES)
			return mf_error(c, ERR_LIMIT, c->at, "more than %d articles in one digest "
					"(MANIFEST_MAX_ARTICLES)", MANIFEST_MAX_ARTICLES);
		if (c->ev.type != YAML_SCALAR_EVENT && c->ev.type != YAML_MAPPING_START_EVENT)
			return mf_error(c, ERR_SYNTAX, c->at, "an article is a file name or a mapping "
					"with file: and title:, not %s", mf_kind(c));
		struct manifest_article *q = mf_room(m->arena, s->articles, s->n_articles, sizeof *q);
		if (!q)
			return ERR_NOMEM;
		s->articles = q;
		struct manifest_article *a = &q[s->n_articles];
		e = c->ev.type == YAML_SCALAR_EVENT ? mf_file(c, a) : mf_article_map(c, a);
		if (e)
			return e;
		s->n_articles++;
		m->n_articles++;
	}
}

/* A new section at the end of m->sections; NULL when out of memory. */
static struct manifest_section *mf_add_section(struct manifest *m, struct srcpos pos)
{
	struct manifest_section *q = mf_room(m->arena, m->sections, m->n_sections, sizeof *q);
	if (!q)
		return NULL;
	m->sections = q;
	q[m->n_sections].pos = pos;
	return &q[m->n_sections++];
}

/* One item of `sections:`, a mapping {title: ..., articles: [...]}; the current event opens it. */
static enum err mf_section(struct mf_ctx *c, struct manifest_section *s)
{
	struct srcpos seen[2] = {{0}};
	for (;;) {
		struct srcpos kpos;
		int end;
		enum err e = mf_key(c, &kpos, &end);
		if (e)
			return e;
		if (end)
			break;
		int k = mf_lookup(mf_section_keys, 2, c->key);
		if (k < 0)
			return mf_unknown(c, kpos, "a section", "title, articles");
		if (seen[k].line)
			return mf_twice(c, kpos, seen[k]);
		seen[k] = kpos;
		e = k == 0 ? mf_text(c, &s->title, "title") : mf_articles(c, s);
		if (e)
			return e;
	}
	if (!s->title.text)
		return mf_error(c, ERR_SYNTAX, s->pos, "a section needs 'title:' (known: title, articles)");
	if (!s->n_articles)
		return mf_error(c, ERR_SYNTAX, s->pos, "section %s has no articles", s->title.text);
	return ERR_OK;
}

/* `sections:`, a list of sections; the current event is its value. */
static enum err mf_sections(struct mf_ctx *c)
{
	if (c->ev.type != YAML_SEQUENCE_START_EVENT)
		return mf_error(c, ERR_SYNTAX, c->at, "'sections' takes a list of sections "
				"(- title: ...  articles: [...]), not %s", mf_kind(c));
	for (;;) {
		enum err e = mf_next(c);
		if (e)
			return e;
		if (c->ev.type == YAML_SEQUENCE_END_EVENT)
			return ERR_OK;
		if (c->ev.type != YAML_MAPPING_START_EVENT)
			return mf_error(c, ERR_SYNTAX, c->at, "a section is a mapping with title: and "
					"articles:, not %s", mf_kind(c));
		if (c->m->n_sections >= MANIFEST_MAX_SECTIONS)
			return mf_error(c, ERR_LIMIT, c->at, "more than %d sections in one digest "
					"(MANIFEST_MAX_SECTIONS)", MANIFEST_MAX_SECTIONS);
		struct manifest_section *s = mf_add_section(c->m, c->at);
		if (!s)
			return ERR_NOMEM;
		if ((e = mf_section(c, s)))
			return e;
	}
}

/* The top mapping (the current event opens it). *list: where the articles were given. */
static enum err mf_top(struct mf_ctx *c, struct srcpos *list)
{
	struct manifest *m = c->m;
	struct srcpos seen[MF_N_KEYS] = {{0}};
	char why[80];
	for (;;) {
		struct srcpos kpos;
		int end;
		enum err e = mf_key(c, &kpos, &end);
		if (e || end)
			return e;
		int k = mf_lookup(mf_top_keys, MF_N_KEYS, c->key);
		if (k < 0)
			return mf_unknown(c, kpos, "the manifest", mf_top_known);
		if (seen[k].line)
			return mf_twice(c, kpos, seen[k]);
		seen[k] = kpos;
		switch ((enum mf_key)k) {
		case MF_TITLE: e = mf_text(c, &m->title, "title"); break;
		case MF_VOLUME: e = mf_text(c, &m->volume, "volume"); break;
		case MF_PUBLISHER: e = mf_text(c, &m->publisher, "publisher"); break;
		case MF_SUBJECT: e = mf_text(c, &m->subject, "subject"); break;
		case MF_NOTE: e = mf_text(c, &m->note, "note"); break;
		case MF_COVER: e = mf_text(c, &m->cover, "cover"); break;
		case MF_STYLE: e = mf_text(c, &m->style, "style"); break;
		case MF_ISSUE:
			if (!(e = mf_text(c, &m->issue, "issue"))) {
				m->issue_number = mf_number(m->issue.text, strlen(m->issue.text));
				if (m->issue_number == -2)
					e = mf_error(c, ERR_SYNTAX, m->issue.pos, "issue number %s is too large",
						     m->issue.text);
			}
			break;
		case MF_DATE:
			if (!(e = mf_text(c, &m->date, "date")) &&
			    !mf_date_ok(m->date.text, strlen(m->date.text), why))
				e = mf_error(c, ERR_SYNTAX, m->date.pos, "bad date '%.*s': %s",
					     mf_cut(m->date.text, strlen(m->date.text), 80), m->date.text, why);
			break;
		case MF_COPIES: {
			struct manifest_field f = {0};
			if (!(e = mf_text(c, &f, "copies"))) {
				m->copies = mf_number(f.text, strlen(f.text));
				if (m->copies <= 0)
					e = mf_error(c, ERR_SYNTAX, f.pos, "'copies' takes a positive whole "
						     "number such as 200, not '%.*s'",
						     mf_cut(f.text, strlen(f.text), 80), f.text);
			}
			break;
		}
		case MF_CREDITS:
			e = mf_pairs(c, "credits", "{主编: 叶景丽}", &m->credits, &m->n_credits);
			break;
		case MF_DISTRIBUTION:
			e = mf_pairs(c, "distribution", "{报送: 省民政厅}", &m->distribution,
				     &m->n_distribution);
			break;
		case MF_SECTIONS:
		case MF_ARTICLES: {
			int other = k == MF_SECTIONS ? MF_ARTICLES : MF_SECTIONS;
			if (seen[other].line)
				return mf_error(c, ERR_SYNTAX, kpos, "both 'sections:' and top-level "
						"'articles:' (give one; 'articles:' is a digest without "
						"sections)");
			*list = kpos;
			if (k == MF_SECTIONS) {
				e = mf_sections(c);
			} else {
				struct manifest_section *s = mf_add_section(m, kpos);
				e = s ? mf_articles(c, s) : ERR_NOMEM;
			}
			break;
		}
		case MF_N_KEYS:
			break;
		}
		if (e)
			return e;
	}
}

/* The whole stream: one document whose root is the top mapping; then the required parts. */
static enum err mf_document(struct mf_ctx *c)
{
	struct srcpos whole = {c->file, 0, 0}, root, list = {0};
	enum err e;
	if ((e = mf_next(c)) || (e = mf_next(c))) /* the stream start, then a document's start */
		return e;
	if (c->ev.type == YAML_STREAM_END_EVENT)
		return mf_error(c, ERR_SYNTAX, whole, "manifest is empty");
	if ((e = mf_next(c)))
		return e;
	if (c->ev.type == YAML_SCALAR_EVENT &&
	    mf_blank((const char *)c->ev.data.scalar.value, c->ev.data.scalar.length,
		     c->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE))
		return mf_error(c, ERR_SYNTAX, whole, "manifest is empty");
	if (c->ev.type != YAML_MAPPING_START_EVENT)
		return mf_error(c, ERR_SYNTAX, c->at, "the manifest must be a mapping of keys "
				"(title: ..., sections: ...), not %s", mf_kind(c));
	root = c->at;
	if ((e = mf_top(c, &list)))
		return e;
	if ((e = mf_next(c)) || (e = mf_next(c))) /* the document's end, then the stream's */
		return e;
	if (c->ev.type == YAML_DOCUMENT_START_EVENT)
		return mf_error(c, ERR_SYNTAX, c->at, "more than one YAML document in the manifest "
				"(a second '---')");
	if (!c->m->title.text)
		e = mf_error(c, ERR_SYNTAX, root, "the manifest has no 'title:' (刊名)");
	if (!c->m->n_articles)
		e = mf_error(c, ERR_SYNTAX, list.line ? list : root, "the manifest lists no articles "
			     "(give 'sections:' or 'articles:')");
	return e;
}

/* manifest_parse with dir as dir[0..dir_len). */
static enum err mf_parse(const char *text, size_t n, const char *file, const char *dir,
			 size_t dir_len, struct diag *d, struct manifest **out)
{
	enum err e = ERR_OK;
	struct mf_ctx *c = NULL;
	struct manifest *m = manifest_new();
	*out = NULL;
	if (!m)
		return ERR_NOMEM;
	if (file && !(m->file = arena_strndup(m->arena, file, strlen(file)))) {
		e = ERR_NOMEM;
		goto done;
	}
	if (!(m->dir = arena_strndup(m->arena, dir, dir_len))) {
		e = ERR_NOMEM;
		goto done;
	}
	const char *name = m->file ? m->file : "<manifest>";
	if (n > MANIFEST_MAX_BYTES) {
		e = ERR_LIMIT;
		diag_at(d, DIAG_ERROR, (struct srcpos){name, 0, 0}, "manifest of %zu bytes; the "
			"limit is %u (MANIFEST_MAX_BYTES)", n, MANIFEST_MAX_BYTES);
		goto done;
	}
	if (!(c = calloc(1, sizeof *c))) {
		e = ERR_NOMEM;
		goto done;
	}
	if (!yaml_parser_initialize(&c->p)) {
		free(c);
		c = NULL;
		e = ERR_NOMEM;
		goto done;
	}
	c->m = m;
	c->d = d;
	c->file = name;
	c->text = text ? text : "";
	c->n = text ? n : 0;
	yaml_parser_set_input_string(&c->p, (const unsigned char *)c->text, c->n);
	yaml_parser_set_encoding(&c->p, YAML_UTF8_ENCODING);
	e = mf_document(c);
done:
	if (c) {
		if (c->have_ev)
			yaml_event_delete(&c->ev);
		yaml_parser_delete(&c->p);
		free(c);
	}
	if (e) {
		manifest_free(m);
		m = NULL;
	}
	*out = m;
	return e;
}

/* ---- API ---------------------------------------------------------------------------------- */

enum err manifest_parse(const char *text, size_t n, const char *file, const char *dir,
			struct diag *d, struct manifest **out)
{
	if (!dir || !*dir)
		dir = ".";
	return mf_parse(text, n, file, dir, strlen(dir), d, out);
}

enum err manifest_read(const char *path, struct diag *d, struct manifest **out)
{
	struct srcpos at = {path, 0, 0};
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap;
	enum err e = ERR_OK;
	*out = NULL;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_at(d, DIAG_ERROR, at, "cannot open the manifest: %s", strerror(errno));
		return ERR_IO;
	}
	if (fstat(fd, &st)) {
		diag_at(d, DIAG_ERROR, at, "cannot read the manifest: %s", strerror(errno));
		e = ERR_IO;
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_at(d, DIAG_ERROR, at, "%s, not a manifest", S_ISDIR(st.st_mode) ? "a directory" :
			"not a regular file");
		e = ERR_IO;
		goto done;
	}
	if ((unsigned long long)st.st_size > MANIFEST_MAX_BYTES) {
		diag_at(d, DIAG_ERROR, at, "manifest of %lld bytes; the limit is %u (MANIFEST_MAX_BYTES)",
			(long long)st.st_size, MANIFEST_MAX_BYTES);
		e = ERR_LIMIT;
		goto done;
	}
	/* read to the end (the size may have changed since fstat), at most MAX_BYTES + 1 */
	cap = (size_t)st.st_size + 1;
	for (;;) {
		if (!buf || n == cap) {
			if (buf)
				cap = cap * 2 > MANIFEST_MAX_BYTES + 1 ? MANIFEST_MAX_BYTES + 1 : cap * 2;
			char *q = realloc(buf, cap);
			if (!q) {
				e = ERR_NOMEM;
				goto done;
			}
			buf = q;
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag_at(d, DIAG_ERROR, at, "cannot read the manifest: %s", strerror(errno));
			e = ERR_IO;
			goto done;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > MANIFEST_MAX_BYTES) {
			diag_at(d, DIAG_ERROR, at, "manifest larger than %u bytes (MANIFEST_MAX_BYTES)",
				MANIFEST_MAX_BYTES);
			e = ERR_LIMIT;
			goto done;
		}
	}
	/* the folder: what precedes the last '/', without trailing slashes ("/" at the root) */
	const char *slash = strrchr(path, '/'), *dir = ".";
	size_t dl = 1;
	if (slash) {
		dl = (size_t)(slash - path);
		while (dl > 0 && path[dl - 1] == '/')
			dl--;
		dir = dl ? path : "/";
		if (!dl)
			dl = 1;
	}
	e = mf_parse(buf, n, path, dir, dl, d, out);
done:
	free(buf);
	close(fd);
	return e;
}

struct manifest *manifest_new(void)
{
	struct arena *a = arena_new();
	struct manifest *m = a ? arena_alloc(a, sizeof *m) : NULL;
	if (!m) {
		arena_free(a);
		return NULL;
	}
	m->arena = a;
	m->dir = ".";
	m->issue_number = -1;
	return m;
}

enum err manifest_set(struct manifest *m, const char *which, const char *text)
{
	struct manifest_field *f = NULL;
	for (size_t i = 0; i < sizeof mf_fields / sizeof *mf_fields; i++)
		if (!strcmp(mf_fields[i].name, which))
			f = (struct manifest_field *)((char *)m + mf_fields[i].off);
	if (!f)
		return ERR_SYNTAX;
	int issue = f == &m->issue;
	if (!text) {
		*f = (struct manifest_field){0};
		if (issue)
			m->issue_number = -1;
		return ERR_OK;
	}
	size_t n = strlen(text);
	char why[80];
	if (n > MANIFEST_MAX_TEXT || mf_blank(text, n, 0) || utf8_check(text, n) != n)
		return ERR_SYNTAX;
	if (f == &m->date && !mf_date_ok(text, n, why))
		return ERR_SYNTAX;
	long num = issue ? mf_number(text, n) : -1;
	if (num == -2)
		return ERR_SYNTAX;
	char *p = arena_strndup(m->arena, text, n);
	if (!p)
		return ERR_NOMEM;
	*f = (struct manifest_field){p, {NULL, 0, 0}};
	if (issue)
		m->issue_number = num;
	return ERR_OK;
}

enum err manifest_add_article(struct manifest *m, const char *path)
{
	assert(path);
	if (m->n_articles >= MANIFEST_MAX_ARTICLES)
		return ERR_LIMIT;
	if (!m->n_sections && !mf_add_section(m, (struct srcpos){NULL, 0, 0}))
		return ERR_NOMEM;
	struct manifest_section *s = &m->sections[m->n_sections - 1];
	struct manifest_article *q = mf_room(m->arena, s->articles, s->n_articles, sizeof *q);
	char *p = q ? arena_strndup(m->arena, path, strlen(path)) : NULL;
	if (!p)
		return ERR_NOMEM;
	s->articles = q;
	q[s->n_articles] = (struct manifest_article){{p, {NULL, 0, 0}}, p, {NULL, {NULL, 0, 0}}};
	s->n_articles++;
	m->n_articles++;
	return ERR_OK;
}

void manifest_free(struct manifest *m)
{
	if (m)
		arena_free(m->arena);
}
