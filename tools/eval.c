/* eval.c: measures the readers against the dev corpus: per field and language group, the
   share of pages right (make eval).

   Usage: eval CORPUS_DIR [-v]   (CORPUS_DIR holds MANIFEST.jsonl; -v lists every miss)

   Each page of MANIFEST.jsonl is parsed in process with parse_file and compared with the
   ground truth its folder gives (see the corpus README):
   - title: equal after whitespace normalisation and PUNCT-NORM of both sides (twnews: the
     expected substring is in the title);
   - published: equal to the minute where the ground truth has a time, to the day otherwise
     (a time of exactly 00:00:00 is newspaper4k's bare date; a dump is held to the day when
     the ground truth's time, taken from page metadata, is nowhere in its text);
     pages whose ground truth has no date are not counted;
   - byline: every ground-truth name is among the byline names; UNKNOWN/null/empty ground
     truth: right when the byline is empty too;
   - editor: on pages whose ground-truth text carries an editor credit (责任编辑：X, 编辑：X),
     the editor field is X;
   - body: F1 of the characters (whitespace removed, PUNCT-NORM on both sides) from their
     longest common subsequence, bit-parallel (Allison-Dix/Hyyrö, O(n*m/64)); lines of the
     ground truth that are the title or metadata lines (textdump.h) are not body and are
     dropped first. twnews gives a substring: 1 when it is in the body, else 0;
   - non-articles: pages of kind non-article (no ground truth) that are refused with
     ERR_INPUT; articles refused are counted too.
   Parsing errors are caught and counted; the tool cannot crash on a page by construction
   (parse_file returns an error code).
   The full-page dumps (dumps/INDEX.tsv, the corpus README) are scored the same way against
   their JSON ground truth: title (or title_contains), published, authors (pages with a
   non-empty list only), editor (as displayed), body_text (or body_contains), and non-articles
   refused; the seed-like ASCII variants are a group of their own. */
#include "base/buf.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "model/doc.h"
#include "parse/parse.h"
#include "parse/punct.h"
#include "parse/textdump.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVAL_JSON_DEPTH 64      /* nesting read in ground-truth JSON */
#define EVAL_LCS_MAX 40000      /* code points of each text compared (longer is cut) */
#define EVAL_PATH_MAX 4096

/* ---- a tiny JSON reader (trusted, small files) ---- */

enum eval_jtype { EVAL_JNULL, EVAL_JBOOL, EVAL_JNUM, EVAL_JSTR, EVAL_JARR, EVAL_JOBJ };

struct eval_json {
	enum eval_jtype t;
	char *s;                    /* strings; keys of object members in key */
	char *key;
	struct eval_json *kid;      /* first child (arrays, objects) */
	struct eval_json *next;     /* next sibling */
};

static void eval_json_free(struct eval_json *j)
{
	while (j) {
		struct eval_json *n = j->next;
		eval_json_free(j->kid);
		free(j->s);
		free(j->key);
		free(j);
		j = n;
	}
}

static void eval_ws(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
		(*p)++;
}

static char *eval_json_string(const char **pp)
{
	const char *p = *pp + 1;
	struct buf b;
	buf_init(&b);
	while (*p && *p != '"') {
		if (*p != '\\') {
			buf_putc(&b, *p++);
			continue;
		}
		p++;
		char e = *p ? *p++ : 0;
		if (e == 'n')
			buf_putc(&b, '\n');
		else if (e == 't' || e == 'r' || e == 'b' || e == 'f')
			buf_putc(&b, ' ');
		else if (e == 'u') {
			unsigned v = (unsigned)strtoul((char[5]){p[0], p[0] ? p[1] : 0,
				p[0] && p[1] ? p[2] : 0, p[0] && p[1] && p[2] ? p[3] : 0, 0}, NULL, 16);
			for (int k = 0; k < 4 && *p; k++)
				p++;
			if (v >= 0xD800 && v < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
				unsigned w = (unsigned)strtoul((char[5]){p[2], p[3], p[4], p[5], 0}, NULL, 16);
				if (w >= 0xDC00 && w < 0xE000) {
					v = 0x10000 + ((v - 0xD800) << 10) + (w - 0xDC00);
					p += 6;
				}
			}
			buf_pututf8(&b, v);
		} else if (e)
			buf_putc(&b, e);
	}
	*pp = *p ? p + 1 : p;
	char *s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

static struct eval_json *eval_json_value(const char **p, int depth)
{
	struct eval_json *j = calloc(1, sizeof *j);
	if (!j)
		return NULL;
	eval_ws(p);
	if (**p == '"') {
		j->t = EVAL_JSTR;
		j->s = eval_json_string(p);
	} else if ((**p == '{' || **p == '[') && depth < EVAL_JSON_DEPTH) {
		char close = **p == '{' ? '}' : ']';
		j->t = **p == '{' ? EVAL_JOBJ : EVAL_JARR;
		(*p)++;
		struct eval_json **tail = &j->kid;
		for (;;) {
			eval_ws(p);
			if (!**p || **p == close) {
				if (**p)
					(*p)++;
				break;
			}
			if (**p == ',') {
				(*p)++;
				continue;
			}
			char *key = NULL;
			if (j->t == EVAL_JOBJ) {
				if (**p != '"')
					break;
				key = eval_json_string(p);
				eval_ws(p);
				if (**p == ':')
					(*p)++;
			}
			struct eval_json *k = eval_json_value(p, depth + 1);
			if (!k) {
				free(key);
				break;
			}
			k->key = key;
			*tail = k;
			tail = &k->next;
		}
	} else if (!strncmp(*p, "null", 4)) {
		*p += 4;
	} else if (!strncmp(*p, "true", 4) || !strncmp(*p, "false", 5)) {
		j->t = EVAL_JBOOL;
		*p += **p == 't' ? 4 : 5;
	} else {
		j->t = EVAL_JNUM;
		char *end;
		strtod(*p, &end);
		if (end == *p) {
			free(j);
			return NULL;
		}
		*p = end;
	}
	return j;
}

static struct eval_json *eval_json_parse(const char *s)
{
	return eval_json_value(&s, 0);
}

static const struct eval_json *eval_get(const struct eval_json *j, const char *key)
{
	if (!j || j->t != EVAL_JOBJ)
		return NULL;
	for (const struct eval_json *k = j->kid; k; k = k->next)
		if (k->key && !strcmp(k->key, key))
			return k;
	return NULL;
}

static const char *eval_str(const struct eval_json *j, const char *key)
{
	const struct eval_json *v = eval_get(j, key);
	return v && v->t == EVAL_JSTR ? v->s : NULL;
}

static char *eval_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b);
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_put(&b, tmp, n);
	fclose(f);
	char *s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* ---- text normalisation and comparison ---- */

/* PUNCT-NORM, then whitespace runs collapsed to one space (or removed with strip). */
static void eval_norm(const char *s, int strip, struct buf *out)
{
	struct buf t;
	buf_init(&t);
	punct_normalize(s, strlen(s), &t);
	const char *p = buf_cstr(&t);
	size_t n = t.len, l;
	int sp = 0;
	for (size_t i = 0; i < n; i += l) {
		uint32_t c;
		l = utf8_decode(p + i, n - i, &c);
		if (!l)
			l = 1;
		if (punct_is_space(c) || c == '\n' || c == '\t' || c == '\r') {
			sp = 1;
			continue;
		}
		if (sp && !strip && out->len)
			buf_putc(out, ' ');
		sp = 0;
		buf_put(out, p + i, l);
	}
	buf_cstr(out);
	buf_free(&t);
}

/* Code points of s into a new array (at most EVAL_LCS_MAX). */
static uint32_t *eval_cps(const char *s, size_t *n)
{
	size_t len = strlen(s), k = 0, l;
	uint32_t *a = malloc((len + 1) * sizeof *a);
	if (!a)
		return NULL;
	for (size_t i = 0; i < len && k < EVAL_LCS_MAX; i += l) {
		l = utf8_decode(s + i, len - i, &a[k]);
		if (!l)
			l = 1;
		k++;
	}
	*n = k;
	return a;
}

/* Length of the longest common subsequence of a[0..m) and b[0..n), bit-parallel. */
static size_t eval_lcs(const uint32_t *a, size_t m, const uint32_t *b, size_t n)
{
	if (!m || !n)
		return 0;
	size_t words = (m + 63) / 64, nd = 0, cap = 64, res = 0;
	uint32_t *dist = malloc(cap * sizeof *dist);
	uint64_t *masks = NULL, *v = calloc(words, sizeof *v);
	/* distinct characters of a, each with a mask of its positions */
	size_t hcap = 1;
	while (hcap < m * 2)
		hcap <<= 1;
	int32_t *hash = malloc(hcap * sizeof *hash);
	if (!dist || !v || !hash)
		goto done;
	for (size_t i = 0; i < hcap; i++)
		hash[i] = -1;
	for (size_t i = 0; i < m; i++) {
		size_t h = (a[i] * 2654435761u) & (hcap - 1);
		while (hash[h] >= 0 && dist[hash[h]] != a[i])
			h = (h + 1) & (hcap - 1);
		if (hash[h] < 0) {
			if (nd == cap) {
				cap *= 2;
				uint32_t *p = realloc(dist, cap * sizeof *p);
				if (!p)
					goto done;
				dist = p;
			}
			dist[nd] = a[i];
			hash[h] = (int32_t)nd++;
		}
	}
	masks = calloc(nd * words, sizeof *masks);
	if (!masks)
		goto done;
	for (size_t i = 0; i < m; i++) {
		size_t h = (a[i] * 2654435761u) & (hcap - 1);
		while (dist[hash[h]] != a[i])
			h = (h + 1) & (hcap - 1);
		masks[(size_t)hash[h] * words + i / 64] |= (uint64_t)1 << (i % 64);
	}
	for (size_t w = 0; w < words; w++)
		v[w] = ~(uint64_t)0;
	for (size_t j = 0; j < n; j++) {
		size_t h = (b[j] * 2654435761u) & (hcap - 1);
		while (hash[h] >= 0 && dist[hash[h]] != b[j])
			h = (h + 1) & (hcap - 1);
		if (hash[h] < 0)
			continue;
		const uint64_t *mk = masks + (size_t)hash[h] * words;
		uint64_t carry = 0;
		for (size_t w = 0; w < words; w++) {
			uint64_t u = v[w] & mk[w];
			uint64_t sum = v[w] + u;
			uint64_t c1 = sum < v[w];
			sum += carry;
			c1 |= sum < carry;
			carry = c1;
			v[w] = sum | (v[w] & ~u);
		}
	}
	for (size_t i = 0; i < m; i++)
		res += !((v[i / 64] >> (i % 64)) & 1);
done:
	free(dist);
	free(masks);
	free(v);
	free(hash);
	return res;
}

static double eval_f1(const char *ours, const char *gt)
{
	size_t m, n;
	uint32_t *a = eval_cps(gt, &m), *b = eval_cps(ours, &n);
	double f = 0;
	if (a && b && m && n) {
		size_t l = eval_lcs(a, m, b, n);
		double p = (double)l / n, r = (double)l / m;
		f = p + r > 0 ? 2 * p * r / (p + r) : 0;
	}
	free(a);
	free(b);
	return f;
}

/* ---- tallies ---- */

enum { EVAL_TITLE, EVAL_DATE, EVAL_BYLINE, EVAL_EDITOR, EVAL_BODY, EVAL_NONART, EVAL_NFIELDS };
static const char *const eval_field_names[EVAL_NFIELDS] = {
	"title", "published", "byline", "editor", "body F1", "non-articles refused"};

/* groups: HTML pages (zh, other), full-page dumps (zh, other), the dumps' ASCII variants */
enum { EVAL_G_HTML_ZH, EVAL_G_HTML_OTHER, EVAL_G_DUMP_ZH, EVAL_G_DUMP_OTHER, EVAL_G_ASCII, EVAL_NG };
static const char *const eval_group_names[EVAL_NG] = {"html zh", "html other", "dump zh", "dump other",
						      "dump ascii"};

struct eval_tally {
	double sum[EVAL_NG][EVAL_NFIELDS];
	unsigned n[EVAL_NG][EVAL_NFIELDS];
	unsigned pages[EVAL_NG], errors[EVAL_NG], refused_articles[EVAL_NG], crashes;
	unsigned curated[EVAL_NG]; /* HTML pages scored on their dump's curated JSON */
};

static void eval_add(struct eval_tally *t, int g, int f, double v)
{
	t->sum[g][f] += v;
	t->n[g][f]++;
}

/* ---- ground truth ---- */

struct eval_gt {
	char *title, *date, *body, *editor;
	char *names;            /* names separated by \n; NULL unknown, "" none */
	int title_sub, body_sub;/* twnews: substrings */
	int has_title, has_date, has_names, has_body;
};

static void eval_gt_free(struct eval_gt *g)
{
	free(g->title);
	free(g->date);
	free(g->body);
	free(g->editor);
	free(g->names);
}

static char *eval_path(const char *dir, const char *rel)
{
	char *p = malloc(strlen(dir) + strlen(rel) + 2);
	if (p)
		sprintf(p, "%s/%s", dir, rel);
	return p;
}

static void eval_trim_line(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		s[--n] = 0;
}

/* Visible text of an HTML fragment (readability's expected.html), blocks on lines. */
static char *eval_html_text(const char *html)
{
	htmlDocPtr d = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
				      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
					      HTML_PARSE_RECOVER);
	struct buf b;
	buf_init(&b);
	xmlNode *n = d ? xmlDocGetRootElement(d) : NULL;
	xmlNode *top = n ? n->parent : NULL;
	while (n) {
		if (n->type == XML_TEXT_NODE && n->content)
			buf_puts(&b, (const char *)n->content);
		if (n->type == XML_ELEMENT_NODE &&
		    (!strcmp((const char *)n->name, "p") || !strcmp((const char *)n->name, "br") ||
		     !strcmp((const char *)n->name, "div") || !strcmp((const char *)n->name, "li") ||
		     n->name[0] == 'h'))
			buf_putc(&b, '\n');
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != top)
			n = n->parent;
		if (!n || n == top)
			break;
		n = n->next;
	}
	if (d)
		xmlFreeDoc(d);
	char *s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The editor credit in a ground-truth text: the name after 责任编辑/责编/编辑 and a colon. */
static char *eval_editor_in(const char *s)
{
	static const char *const keys[] = {"责任编辑", "责编", "编辑"};
	for (size_t k = 0; k < 3; k++) {
		const char *p = strstr(s, keys[k]);
		while (p) {
			const char *q = p + strlen(keys[k]);
			while (*q == ' ')
				q++;
			if (!strncmp(q, "：", 3) || *q == ':') {
				q += *q == ':' ? 1 : 3;
				while (*q == ' ')
					q++;
				const char *e = q;
				while (*e && *e != '\n' && *e != ' ' && *e != ')' && strncmp(e, "）", 3) &&
				       strncmp(e, "】", 3) && strncmp(e, "]", 1))
					e++;
				if (e > q)
					return strndup(q, (size_t)(e - q));
			}
			p = strstr(p + 1, keys[k]);
		}
	}
	return NULL;
}

static void eval_names_from(struct eval_gt *g, const char *s, const char *seps)
{
	struct buf b;
	buf_init(&b);
	const char *p = s;
	int paren = 0; /* inside a parenthesised alias: 周思博 (Joel Spolsky) is one name */
	while (*p) {
		size_t k = strcspn(p, seps);
		if (k) {
			if (b.len)
				buf_putc(&b, paren || *p == '(' ? ' ' : '\n');
			buf_put(&b, p, k);
			if (*p == '(')
				paren = 1;
			if (p[k - 1] == ')')
				paren = 0;
		}
		p += k;
		if (*p)
			p++;
	}
	g->names = strdup(buf_cstr(&b));
	g->has_names = 1;
	buf_free(&b);
}

static void eval_load_gt(const char *dir, const struct eval_json *m, struct eval_gt *g)
{
	const char *id = eval_str(m, "id");
	const struct eval_json *files = eval_get(m, "gt_files");
	const char *f0 = files && files->kid ? files->kid->s : NULL;
	memset(g, 0, sizeof *g);
	if (!id || !f0)
		return;
	if (!strncmp(id, "cwced/", 6)) {
		for (const struct eval_json *f = files->kid; f; f = f->next) {
			char *p = eval_path(dir, f->s), *s = eval_slurp(p);
			free(p);
			if (!s)
				continue;
			eval_trim_line(s);
			if (strstr(f->s, "/author/")) {
				if (strcmp(s, "UNKNOWN"))
					eval_names_from(g, s, " \n");
				else {
					g->names = strdup("");
					g->has_names = 1;
				}
				free(s);
			} else if (strstr(f->s, "/date/")) {
				if (strcmp(s, "UNKNOWN")) {
					g->date = s;
					g->has_date = 1;
				} else
					free(s);
			} else {
				g->body = s;
				g->has_body = 1;
				g->editor = eval_editor_in(s);
			}
		}
	} else if (!strncmp(id, "gne/", 4)) {
		char *p = eval_path(dir, f0), *s = eval_slurp(p);
		struct eval_json *j = s ? eval_json_parse(s) : NULL;
		const char *v;
		if ((v = eval_str(j, "title")) && *v)
			g->title = strdup(v), g->has_title = 1;
		if ((v = eval_str(j, "publish_time")) && *v)
			g->date = strdup(v), g->has_date = 1;
		if ((v = eval_str(j, "content")) && *v) {
			g->body = strdup(v), g->has_body = 1;
			g->editor = eval_editor_in(v);
		}
		/* GNE's author is often the editor or junk (README): not used for the byline */
		eval_json_free(j);
		free(s);
		free(p);
	} else if (!strncmp(id, "readability/", 12)) {
		for (const struct eval_json *f = files->kid; f; f = f->next) {
			char *p = eval_path(dir, f->s), *s = eval_slurp(p);
			free(p);
			if (!s)
				continue;
			if (strstr(f->s, ".json")) {
				struct eval_json *j = eval_json_parse(s);
				const char *v;
				if ((v = eval_str(j, "title")) && *v)
					g->title = strdup(v), g->has_title = 1;
				if ((v = eval_str(j, "publishedTime")) && *v)
					g->date = strdup(v), g->has_date = 1;
				if ((v = eval_str(j, "byline")) && *v)
					eval_names_from(g, v, ",\n");
				eval_json_free(j);
			} else {
				g->body = eval_html_text(s);
				g->has_body = g->body != NULL;
			}
			free(s);
		}
	} else if (!strncmp(id, "newspaper4k/", 12)) {
		for (const struct eval_json *f = files->kid; f; f = f->next) {
			char *p = eval_path(dir, f->s), *s = eval_slurp(p);
			free(p);
			if (!s)
				continue;
			if (strstr(f->s, ".json")) {
				struct eval_json *j = eval_json_parse(s);
				const char *v;
				if ((v = eval_str(j, "title")) && *v)
					g->title = strdup(v), g->has_title = 1;
				if ((v = eval_str(j, "publish_date")) && *v)
					g->date = strdup(v), g->has_date = 1;
				const struct eval_json *au = eval_get(j, "authors");
				if (au && au->t == EVAL_JARR) {
					struct buf b;
					buf_init(&b);
					for (const struct eval_json *k = au->kid; k; k = k->next)
						if (k->t == EVAL_JSTR) {
							if (b.len)
								buf_putc(&b, '\n');
							buf_puts(&b, k->s);
						}
					g->names = strdup(buf_cstr(&b));
					g->has_names = 1;
					buf_free(&b);
				}
				eval_json_free(j);
				free(s);
			} else {
				g->body = s;
				g->has_body = 1;
			}
		}
	} else if (!strncmp(id, "twnews/", 7)) {
		char *p = eval_path(dir, f0), *s = eval_slurp(p);
		struct eval_json *j = s ? eval_json_parse(s) : NULL;
		const char *in = eval_str(m, "input"), *base = in ? strrchr(in, '/') : NULL;
		const struct eval_json *it = eval_get(eval_get(j, "items"), base ? base + 1 : "");
		const char *v;
		if ((v = eval_str(it, "title_contains")))
			g->title = strdup(v), g->has_title = 1, g->title_sub = 1;
		if ((v = eval_str(it, "publish_time")))
			g->date = strdup(v), g->has_date = 1;
		if ((v = eval_str(it, "body_contains")))
			g->body = strdup(v), g->has_body = 1, g->body_sub = 1;
		const struct eval_json *au = eval_get(it, "author");
		if (au && au->t == EVAL_JSTR)
			eval_names_from(g, au->s, " \n");
		else if (au) {
			g->names = strdup("");
			g->has_names = 1;
		}
		eval_json_free(j);
		free(s);
		free(p);
	}
}

/* ---- one page ---- */

static void eval_body_of(const struct doc *d, struct buf *out)
{
	for (size_t i = 0; i < d->n_blocks; i++)
		if (d->blocks[i].type != DOC_IMAGE && !doc_block_is_container(d->blocks[i].type)) {
			buf_puts(out, d->blocks[i].text);
			buf_putc(out, '\n');
		}
	buf_cstr(out);
}

/* The ground-truth body without its title line and metadata lines. */
static void eval_gt_body(struct doc *d, const char *gt, struct buf *out)
{
	struct buf t, tt;
	buf_init(&t);
	buf_init(&tt);
	if (d->title.text)
		eval_norm(d->title.text, 1, &tt);
	const char *p = gt;
	int first = 1;
	while (*p) {
		size_t k = strcspn(p, "\n");
		buf_reset(&t);
		char *line = strndup(p, k);
		eval_norm(line, 1, &t);
		int drop = !t.len || (first && tt.len && t.len == tt.len && !memcmp(t.p, tt.p, t.len)) ||
			   dump_line_kind(d, line, k) == DUMP_LINE_META;
		if (t.len)
			first = 0;
		if (!drop) {
			buf_put(out, t.p, t.len);
		}
		free(line);
		p += k;
		if (*p)
			p++;
	}
	buf_cstr(out);
	buf_free(&t);
	buf_free(&tt);
}

/* Removes name separators (、，, ; /) from b. */
static void eval_strip_seps(struct buf *b)
{
	static const char *const seps[] = {"、", "，", ",", ";", "；", "/"};
	size_t o = 0;
	for (size_t i = 0; i < b->len;) {
		size_t k = 0;
		for (size_t q = 0; q < sizeof seps / sizeof *seps && !k; q++)
			if (!strncmp(b->p + i, seps[q], strlen(seps[q])))
				k = strlen(seps[q]);
		if (k) {
			i += k;
			continue;
		}
		b->p[o++] = b->p[i++];
	}
	b->len = o;
	if (b->p)
		b->p[o] = 0;
}

static int eval_date_eq(const char *ours, const char *gt)
{
	char iso[DUMP_ISO_MAX], tmp[64];
	snprintf(tmp, sizeof tmp, "%s", gt);
	size_t n = strlen(tmp);
	if (n > 10 && tmp[10] == 'T')
		tmp[10] = ' ';
	if (n >= 19 && !strncmp(tmp + 10, " 00:00:00", 9))
		tmp[10] = 0, n = 10; /* newspaper4k writes a bare date as midnight */
	if (!dump_date(tmp, n, iso))
		return -1; /* unreadable ground truth: not counted */
	if (!ours)
		return 0;
	size_t k = strlen(iso) > 10 ? 16 : 10;
	return strlen(ours) >= k && !strncmp(ours, iso, k);
}

/* A dump holds only what the page shows: when the ground truth's time of day (taken from the
   page's metadata) is nowhere in the dump's text, as 05:36, 5:36 or 12-hour 5:36, the date is
   compared to the day (date cut to YYYY-MM-DD in place). */
static void eval_date_as_shown(char *date, const char *path)
{
	unsigned y, mo, da, h, mi;
	if (!date || sscanf(date, "%u-%u-%u%*1[ T]%u:%u", &y, &mo, &da, &h, &mi) != 5 ||
	    (h == 0 && mi == 0))
		return;
	char *text = eval_slurp(path);
	if (!text)
		return;
	char forms[3][16];
	snprintf(forms[0], sizeof forms[0], "%02u:%02u", h % 100, mi % 100);
	snprintf(forms[1], sizeof forms[1], "%u:%02u", h % 100, mi % 100);
	snprintf(forms[2], sizeof forms[2], "%u:%02u", h % 12 ? h % 12 : 12, mi % 100);
	int shown = 0;
	for (int q = 0; q < 3 && !shown; q++)
		for (const char *p = text; !shown && (p = strstr(p, forms[q])); p++)
			shown = (p == text || p[-1] < '0' || p[-1] > '9');
	free(text);
	if (!shown) {
		char *t = strpbrk(date, " T");
		if (t)
			*t = 0;
	}
}

static int eval_has_name(const struct doc *d, const char *name, size_t n)
{
	for (size_t i = 0; i < d->n_byline; i++)
		for (size_t k = 0; k < d->byline[i].n_names; k++) {
			const char *x = d->byline[i].names[k];
			if (strlen(x) == n && !strncasecmp(x, name, n))
				return 1;
		}
	return 0;
}

/* Scores one parsed document (e: parse_file's result) against gt in group g. */
static void eval_score(const char *id, enum err e, struct doc *d, struct eval_gt *gt_, int g, int nonart,
		       struct eval_tally *t, int verbose)
{
	struct eval_gt gt = *gt_;
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	t->pages[g]++;
	if (nonart) {
		eval_add(t, g, EVAL_NONART, e == ERR_INPUT);
		if (verbose && e != ERR_INPUT)
			printf("%-34s non-article accepted\n", id);
		goto done;
	}
	if (e) {
		t->errors[g]++;
		if (e == ERR_INPUT && (gt.has_body || gt.has_title))
			t->refused_articles[g]++;
		if (verbose)
			printf("%-34s refused: %s\n", id, err_str(e));
		if (!(gt.has_body || gt.has_title))
			goto done;
		/* a refused article counts as wrong in every field it has */
		if (gt.has_title)
			eval_add(t, g, EVAL_TITLE, 0);
		if (gt.has_date)
			eval_add(t, g, EVAL_DATE, 0);
		if (gt.has_names)
			eval_add(t, g, EVAL_BYLINE, 0);
		if (gt.editor)
			eval_add(t, g, EVAL_EDITOR, 0);
		if (gt.has_body)
			eval_add(t, g, EVAL_BODY, 0);
		goto done;
	}
	if (gt.has_title) {
		eval_norm(d->title.text ? d->title.text : "", 0, &a);
		eval_norm(gt.title, 0, &b);
		int ok = gt.title_sub ? strstr(a.p ? a.p : "", b.p ? b.p : "") != NULL
				      : a.len == b.len && !memcmp(a.p, b.p, a.len);
		eval_add(t, g, EVAL_TITLE, ok);
		if (verbose && !ok)
			printf("%-34s title: ours [%s] gt [%s]\n", id, buf_cstr(&a), buf_cstr(&b));
	}
	if (gt.has_date) {
		int ok = eval_date_eq(d->published.text, gt.date);
		if (ok >= 0)
			eval_add(t, g, EVAL_DATE, ok);
		if (verbose && ok == 0)
			printf("%-34s published: ours [%s] gt [%s]\n", id,
			       d->published.text ? d->published.text : "-", gt.date);
	}
	if (gt.has_names) {
		int ok = 1, any = 0;
		for (const char *p = gt.names; *p;) {
			size_t k = strcspn(p, "\n");
			if (k) {
				any = 1;
				ok &= eval_has_name(d, p, k);
			}
			p += k;
			if (*p)
				p++;
		}
		if (!any)
			ok = d->n_byline == 0;
		eval_add(t, g, EVAL_BYLINE, ok);
		if (verbose && !ok) {
			buf_reset(&a);
			doc_byline_names(d, ",", &a);
			buf_reset(&b);
			for (const char *p = gt.names; *p; p++)
				buf_putc(&b, *p == '\n' ? ',' : *p);
			while (b.len && b.p[b.len - 1] == ',')
				b.p[--b.len] = 0;
			printf("%-34s byline: ours [%s] gt [%s]\n", id, buf_cstr(&a), buf_cstr(&b));
		}
	}
	if (gt.editor) {
		/* names compared without their separators (、 , spaces) */
		buf_reset(&a);
		buf_reset(&b);
		eval_norm(d->editor.text ? d->editor.text : "", 1, &a);
		eval_norm(gt.editor, 1, &b);
		eval_strip_seps(&a);
		eval_strip_seps(&b);
		int ok = b.len && strstr(buf_cstr(&a), buf_cstr(&b)) != NULL;
		eval_add(t, g, EVAL_EDITOR, ok);
		if (verbose && !ok)
			printf("%-34s editor: ours [%s] gt [%s]\n", id,
			       d->editor.text ? d->editor.text : "-", gt.editor);
	}
	if (gt.has_body) {
		buf_reset(&a);
		buf_reset(&b);
		struct buf ours;
		buf_init(&ours);
		eval_body_of(d, &ours);
		eval_norm(buf_cstr(&ours), 1, &a);
		buf_free(&ours);
		double f;
		if (gt.body_sub) {
			eval_norm(gt.body, 1, &b);
			f = strstr(buf_cstr(&a), buf_cstr(&b)) != NULL;
		} else {
			eval_gt_body(d, gt.body, &b);
			f = eval_f1(buf_cstr(&a), buf_cstr(&b));
		}
		eval_add(t, g, EVAL_BODY, f);
		if (verbose && f < 0.95)
			printf("%-34s body F1 %.3f (ours %zu bytes, gt %zu bytes)\n", id, f, a.len, b.len);
	}
done:
	buf_free(&a);
	buf_free(&b);
}

static char *eval_jdup(const struct eval_json *j, const char *key);

/* Title (unless the ground truth already holds a twnews substring), date, editor and authors of
   a dump's JSON ground truth into gt, replacing what gt held: the title else title_contains (a
   substring), and the non-empty authors, "" when the list has none; a null field is left
   uncounted. */
static void eval_json_fields(const struct eval_json *j, struct eval_gt *gt)
{
	if (!gt->title_sub) {
		free(gt->title);
		gt->title = eval_jdup(j, "title");
		if (!gt->title && (gt->title = eval_jdup(j, "title_contains")))
			gt->title_sub = 1;
		gt->has_title = gt->title != NULL;
	}
	free(gt->date);
	gt->date = eval_jdup(j, "published");
	gt->has_date = gt->date != NULL;
	free(gt->editor);
	gt->editor = eval_jdup(j, "editor");
	free(gt->names);
	gt->names = NULL;
	gt->has_names = 0;
	const struct eval_json *au = eval_get(j, "authors");
	if (au && au->t == EVAL_JARR) {
		struct buf nb;
		buf_init(&nb);
		for (const struct eval_json *k = au->kid; k; k = k->next)
			if (k->t == EVAL_JSTR && k->s[0]) {
				buf_puts(&nb, k->s);
				buf_putc(&nb, '\n');
			}
		gt->names = strdup(buf_cstr(&nb));
		gt->has_names = nb.len > 0;
		buf_free(&nb);
	}
}

/* The page's fields as the curated JSON of its dump states them (dumps/<id with / as __>.json:
   upstream values checked by hand against the page, e.g. a site name or an editor given as
   the author moved or dropped, a <title> suffix stripped; see its notes): title, published,
   authors and editor replace the upstream ones, a null leaving the field uncounted as for
   the dumps; the body stays the upstream one. Returns 1 when a curated JSON was found. */
static int eval_curated(const char *dir, const char *id, struct eval_gt *gt)
{
	char rel[EVAL_PATH_MAX];
	size_t o = (size_t)snprintf(rel, sizeof rel, "dumps/");
	for (const char *p = id; *p && o + 8 < sizeof rel; p++) {
		if (*p == '/')
			rel[o++] = '_', rel[o++] = '_';
		else
			rel[o++] = *p;
	}
	snprintf(rel + o, sizeof rel - o, ".json");
	char *jp = eval_path(dir, rel), *js = eval_slurp(jp);
	free(jp);
	struct eval_json *j = js ? eval_json_parse(js) : NULL;
	free(js);
	if (!j)
		return 0;
	eval_json_fields(j, gt);
	eval_json_free(j);
	return 1;
}

static void eval_page(const char *dir, const struct eval_json *m, struct eval_tally *t,
		      FILE *null, int verbose)
{
	const char *id = eval_str(m, "id"), *in = eval_str(m, "input"), *lang = eval_str(m, "lang");
	const char *kind = eval_str(m, "kind"), *gtt = eval_str(m, "gt_type");
	if (!id || !in)
		return;
	int g = lang && !strncmp(lang, "zh", 2) ? EVAL_G_HTML_ZH : EVAL_G_HTML_OTHER;
	int nonart = kind && !strcmp(kind, "non-article") && gtt && !strcmp(gtt, "none");
	char *path = eval_path(dir, in);
	struct diag *dg = diag_new(null);
	struct doc *d = NULL;
	struct eval_gt gt;
	eval_load_gt(dir, m, &gt);
	t->curated[g] += eval_curated(dir, id, &gt);
	enum err e = parse_file(path, dg, &d);
	eval_score(id, e, d, &gt, g, nonart, t, verbose);
	doc_free(d);
	diag_free(dg);
	eval_gt_free(&gt);
	free(path);
}

static char *eval_jdup(const struct eval_json *j, const char *key)
{
	const char *v = eval_str(j, key);
	return v ? strdup(v) : NULL;
}

/* One row of dumps/INDEX.tsv: file, gt_json, id, lang, kind, ..., variant. */
static void eval_dump(const char *dir, char *row, struct eval_tally *t, FILE *null, int verbose)
{
	char *col[12];
	int n = 0;
	for (char *p = row; n < 12;) {
		col[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = 0;
	}
	if (n < 12 || !strcmp(col[0], "file"))
		return;
	eval_trim_line(col[11]);
	char rel[EVAL_PATH_MAX];
	snprintf(rel, sizeof rel, "dumps/%s", col[1]);
	char *jp = eval_path(dir, rel), *js = eval_slurp(jp);
	free(jp);
	struct eval_json *j = js ? eval_json_parse(js) : NULL;
	free(js);
	if (!j)
		return;
	struct eval_gt gt;
	memset(&gt, 0, sizeof gt);
	const char *lang = col[3];
	int g = !strcmp(col[11], "seed-like-ascii") ? EVAL_G_ASCII
		: !strncmp(lang, "zh", 2)           ? EVAL_G_DUMP_ZH
						    : EVAL_G_DUMP_OTHER;
	eval_json_fields(j, &gt);
	gt.body = eval_jdup(j, "body_text");
	if (!gt.body && (gt.body = eval_jdup(j, "body_contains")))
		gt.body_sub = 1;
	gt.has_body = gt.body != NULL;
	int nonart = !strcmp(col[4], "non-article") && !gt.has_title && !gt.has_body;
	snprintf(rel, sizeof rel, "dumps/%s", col[0]);
	char *path = eval_path(dir, rel);
	eval_date_as_shown(gt.date, path);
	struct diag *dg = diag_new(null);
	struct doc *d = NULL;
	enum err e = parse_file(path, dg, &d);
	eval_score(col[0], e, d, &gt, g, nonart, t, verbose);
	doc_free(d);
	diag_free(dg);
	eval_gt_free(&gt);
	eval_json_free(j);
	free(path);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/corpus/dev";
	int verbose = argc > 2 && !strcmp(argv[2], "-v");
	char *manifest = eval_path(dir, "MANIFEST.jsonl");
	FILE *f = fopen(manifest, "r");
	FILE *null = fopen("/dev/null", "w");
	struct eval_tally t;
	memset(&t, 0, sizeof t);
	if (!f) {
		printf("eval: no corpus at %s (MANIFEST.jsonl missing); nothing measured\n", dir);
		free(manifest);
		if (null)
			fclose(null);
		return 0;
	}
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) > 0) {
		struct eval_json *m = eval_json_parse(line);
		if (m && m->t == EVAL_JOBJ)
			eval_page(dir, m, &t, null ? null : stderr, verbose);
		eval_json_free(m);
	}
	fclose(f);
	free(manifest);
	char *index = eval_path(dir, "dumps/INDEX.tsv");
	f = fopen(index, "r");
	free(index);
	if (f) {
		while (getline(&line, &cap, f) > 0)
			eval_dump(dir, line, &t, null ? null : stderr, verbose);
		fclose(f);
	}
	free(line);
	if (null)
		fclose(null);
	printf("paiban eval over %s: pages (HTML) and full-page dumps (dumps/)\n", dir);
	printf("%-20s", "field");
	for (int g = 0; g < EVAL_NG; g++)
		printf(" %15s", eval_group_names[g]);
	printf("\n%-20s", "documents");
	for (int g = 0; g < EVAL_NG; g++)
		printf(" %15u", t.pages[g]);
	printf("\n%-20s", "curated fields");
	for (int g = 0; g < EVAL_NG; g++)
		if (t.curated[g])
			printf(" %15u", t.curated[g]);
		else
			printf(" %15s", "-");
	printf("\n");
	for (int k = 0; k < EVAL_NFIELDS; k++) {
		printf("%-20s", eval_field_names[k]);
		for (int g = 0; g < EVAL_NG; g++) {
			if (!t.n[g][k])
				printf(" %15s", "-");
			else if (k == EVAL_BODY)
				printf("    %.3f (n=%3u)", t.sum[g][k] / t.n[g][k], t.n[g][k]);
			else
				printf("  %5.1f%% (n=%3u)", 100.0 * t.sum[g][k] / t.n[g][k], t.n[g][k]);
		}
		printf("\n");
	}
	printf("%-20s", "articles refused");
	for (int g = 0; g < EVAL_NG; g++)
		printf(" %15u", t.refused_articles[g]);
	printf("\n%-20s", "parse errors");
	for (int g = 0; g < EVAL_NG; g++)
		printf(" %15u", t.errors[g]);
	printf("\n%-20s %15u\n", "crashes", t.crashes);
	return 0;
}
