/* test_manifest.c: digest manifest reader: every field with its line:col, credits in order,
   the implicit section, paths joined to the manifest's folder, limits, and each error with its
   file:line:col; manifest_read on real files (a FIFO, a directory, too large). */
#include "parse/manifest.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int fails;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

/* Diagnostics captured in memory. */
struct capture {
	FILE *f;
	char *text;
	size_t len;
	struct diag *d;
};

static void cap_open(struct capture *c)
{
	c->text = NULL;
	c->len = 0;
	c->f = open_memstream(&c->text, &c->len);
	c->d = diag_new(c->f);
}

static const char *cap_text(struct capture *c)
{
	diag_flush(c->d);
	fflush(c->f);
	return c->text ? c->text : "";
}

static void cap_close(struct capture *c)
{
	diag_free(c->d);
	fclose(c->f);
	free(c->text);
}

/* 1 when field f holds text at line:col of file. */
static int field_is(const struct manifest_field *f, const char *text, const char *file,
		    unsigned line, unsigned col)
{
	if (!f->text || strcmp(f->text, text) || f->pos.line != line || f->pos.col != col ||
	    (file && (!f->pos.file || strcmp(f->pos.file, file)))) {
		fprintf(stderr, "field: got '%s' at %s:%u:%u, want '%s' at %u:%u\n",
			f->text ? f->text : "(null)", f->pos.file ? f->pos.file : "(null)", f->pos.line,
			f->pos.col, text, line, col);
		return 0;
	}
	return 1;
}

/* Parses s as t.yaml in dir; returns the error code, messages in c. */
static enum err parse(const char *s, size_t n, const char *dir, struct capture *c,
		      struct manifest **m)
{
	return manifest_parse(s, n, "t.yaml", dir, c->d, m);
}

/* An error case: the text must fail with e, exactly `errors` errors, and each msg present. */
struct bad {
	const char *text;
	enum err e;
	unsigned errors;
	const char *msg, *msg2;
};

static void check_bad(const char *text, size_t n, const struct bad *b, const char *label)
{
	struct capture c;
	struct manifest *m = (struct manifest *)&c; /* must be reset to NULL */
	cap_open(&c);
	enum err e = parse(text, n, ".", &c, &m);
	const char *out = cap_text(&c);
	if (e != b->e || m || diag_errors(c.d) != b->errors || !strstr(out, b->msg) ||
	    (b->msg2 && !strstr(out, b->msg2))) {
		fprintf(stderr, "case %s: got e=%d errors=%u m=%p msg=%s  want e=%d errors=%u %s%s%s\n",
			label, e, diag_errors(c.d), (void *)m, out, b->e, b->errors, b->msg,
			b->msg2 ? " and " : "", b->msg2 ? b->msg2 : "");
		fails++;
	}
	cap_close(&c);
}

static const char *full =
	"# 社会工作周报: the weekly digest\n"                                   /* 1 */
	"title: 社会工作周报\n"                                                 /* 2 */
	"issue: 12\n"                                                           /* 3 */
	"volume: 总第112期\n"                                                   /* 4 */
	"date: 2022-04-08\n"                                                    /* 5 */
	"publisher: 湖北省社会工作联合会\n"                                     /* 6 */
	"subject: 本周社会工作要闻\n"                                           /* 7 */
	"note: editors-note.md\n"                                               /* 8 */
	"credits: {主编: 叶景丽, 本期责编: 李四, 签发: 王五}\n"                 /* 9 */
	"distribution: {报送: 省民政厅, 抄送: 各市州社会工作协会}\n"            /* 10 */
	"copies: 200\n"                                                         /* 11 */
	"cover: cover.jpg\n"                                                    /* 12 */
	"style: a4-article   # a preset\n"                                      /* 13 */
	"sections:\n"                                                           /* 14 */
	"  - title: 要闻\n"                                                     /* 15 */
	"    articles: [hubei-wushe.txt, pages/news-0407.html]\n"               /* 16 */
	"  - title: 基层动态\n"                                                 /* 17 */
	"    articles:\n"                                                       /* 18 */
	"      - file: shequ.md\n"                                              /* 19 */
	"        title: 社区养老服务站开张\n"                                   /* 20 */
	"      - /srv/news/abs.txt\n"                                           /* 21 */
	"      - {title: \"乡村\\u5DE5作\", file: 'x y.txt'}\n";                /* 22 */

static void test_full(void)
{
	struct capture c;
	struct manifest *m = NULL;
	cap_open(&c);
	CHECK(parse(full, strlen(full), "digest/2022", &c, &m) == ERR_OK);
	CHECK(diag_errors(c.d) == 0 && !*cap_text(&c));
	cap_close(&c);
	if (!m)
		return;
	CHECK(!strcmp(m->file, "t.yaml") && !strcmp(m->dir, "digest/2022"));
	CHECK(field_is(&m->title, "社会工作周报", "t.yaml", 2, 8));
	CHECK(field_is(&m->issue, "12", "t.yaml", 3, 8) && m->issue_number == 12);
	CHECK(field_is(&m->volume, "总第112期", "t.yaml", 4, 9));
	CHECK(field_is(&m->date, "2022-04-08", "t.yaml", 5, 7));
	CHECK(field_is(&m->publisher, "湖北省社会工作联合会", "t.yaml", 6, 12));
	CHECK(field_is(&m->subject, "本周社会工作要闻", "t.yaml", 7, 10));
	CHECK(field_is(&m->note, "editors-note.md", "t.yaml", 8, 7));
	CHECK(field_is(&m->cover, "cover.jpg", "t.yaml", 12, 8));
	CHECK(field_is(&m->style, "a4-article", "t.yaml", 13, 8));
	CHECK(m->copies == 200);
	/* credits and distribution in manifest order, columns in characters */
	CHECK(m->n_credits == 3 && m->n_distribution == 2);
	if (m->n_credits == 3) {
		CHECK(field_is(&m->credits[0].key, "主编", NULL, 9, 11));
		CHECK(field_is(&m->credits[0].value, "叶景丽", NULL, 9, 15));
		CHECK(field_is(&m->credits[1].key, "本期责编", NULL, 9, 20));
		CHECK(field_is(&m->credits[1].value, "李四", NULL, 9, 26));
		CHECK(field_is(&m->credits[2].key, "签发", NULL, 9, 30));
		CHECK(field_is(&m->credits[2].value, "王五", NULL, 9, 34));
	}
	if (m->n_distribution == 2) {
		CHECK(field_is(&m->distribution[0].key, "报送", NULL, 10, 16));
		CHECK(field_is(&m->distribution[0].value, "省民政厅", NULL, 10, 20));
		CHECK(field_is(&m->distribution[1].key, "抄送", NULL, 10, 26));
		CHECK(field_is(&m->distribution[1].value, "各市州社会工作协会", NULL, 10, 30));
	}
	/* sections and articles; paths joined to the folder unless absolute */
	CHECK(m->n_sections == 2 && m->n_articles == 5);
	if (m->n_sections == 2 && m->sections[0].n_articles == 2 && m->sections[1].n_articles == 3) {
		const struct manifest_section *s0 = &m->sections[0], *s1 = &m->sections[1];
		CHECK(field_is(&s0->title, "要闻", NULL, 15, 12));
		CHECK(s0->pos.line == 15 && s0->pos.col == 5);
		CHECK(field_is(&s0->articles[0].file, "hubei-wushe.txt", NULL, 16, 16));
		CHECK(!strcmp(s0->articles[0].path, "digest/2022/hubei-wushe.txt"));
		CHECK(!s0->articles[0].title.text);
		CHECK(field_is(&s0->articles[1].file, "pages/news-0407.html", NULL, 16, 33));
		CHECK(!strcmp(s0->articles[1].path, "digest/2022/pages/news-0407.html"));
		CHECK(field_is(&s1->title, "基层动态", NULL, 17, 12));
		CHECK(s1->pos.line == 17 && s1->pos.col == 5);
		CHECK(field_is(&s1->articles[0].file, "shequ.md", NULL, 19, 15));
		CHECK(!strcmp(s1->articles[0].path, "digest/2022/shequ.md"));
		CHECK(field_is(&s1->articles[0].title, "社区养老服务站开张", NULL, 20, 16));
		CHECK(field_is(&s1->articles[1].file, "/srv/news/abs.txt", NULL, 21, 9));
		CHECK(!strcmp(s1->articles[1].path, "/srv/news/abs.txt"));
		CHECK(!s1->articles[1].title.text);
		/* a flow mapping, keys in any order, quoted scalars (position of the quote) */
		CHECK(field_is(&s1->articles[2].file, "x y.txt", NULL, 22, 36));
		CHECK(field_is(&s1->articles[2].title, "乡村工作", NULL, 22, 17));
		CHECK(!strcmp(s1->articles[2].path, "digest/2022/x y.txt"));
	} else {
		fails++;
	}
	manifest_free(m);
}

static void test_small(void)
{
	struct capture c;
	struct manifest *m = NULL;

	/* top-level articles: one section without a title, at the `articles:` key; dir "." */
	const char *flat = "title: 简报\nissue: 第十二期\narticles:\n  - a.txt\n  - sub/b.md\n"
			   "  - {file: c.html, title: 另题}\n";
	cap_open(&c);
	CHECK(parse(flat, strlen(flat), ".", &c, &m) == ERR_OK && diag_errors(c.d) == 0);
	cap_close(&c);
	if (m) {
		CHECK(!strcmp(m->dir, "."));
		CHECK(field_is(&m->issue, "第十二期", NULL, 2, 8) && m->issue_number == -1);
		CHECK(m->copies == 0 && !m->date.text && !m->volume.text && !m->n_credits);
		CHECK(m->n_sections == 1 && m->n_articles == 3 && m->sections[0].n_articles == 3);
		const struct manifest_section *s = &m->sections[0];
		CHECK(!s->title.text && s->pos.line == 3 && s->pos.col == 1);
		CHECK(!strcmp(s->articles[0].path, "a.txt") && !strcmp(s->articles[1].path, "sub/b.md"));
		CHECK(field_is(&s->articles[2].title, "另题", NULL, 6, 27));
		CHECK(!strcmp(s->articles[2].path, "c.html"));
		manifest_free(m);
		m = NULL;
	}
	/* a NULL dir is "."; a dir ending in '/' gets no second one; tags are ignored; issue 0 */
	const char *tags = "title: !!str 周报\nissue: 0\narticles: [!!str a.txt]\n";
	cap_open(&c);
	CHECK(manifest_parse(tags, strlen(tags), "t.yaml", NULL, c.d, &m) == ERR_OK);
	CHECK(m && !strcmp(m->dir, ".") && !strcmp(m->title.text, "周报") && m->issue_number == 0);
	manifest_free(m);
	m = NULL;
	CHECK(manifest_parse(tags, strlen(tags), NULL, "/srv/", c.d, &m) == ERR_OK);
	CHECK(m && !m->file && !strcmp(m->sections[0].articles[0].path, "/srv/a.txt"));
	manifest_free(m);
	m = NULL;
	CHECK(diag_errors(c.d) == 0);
	cap_close(&c);

	/* exactly the limits pass: 1000 articles, 100 sections, 32 pairs, 1024-byte scalars */
	char *big = malloc(64 * 1024);
	size_t n = (size_t)sprintf(big, "title: x\narticles:\n");
	for (int i = 0; i < MANIFEST_MAX_ARTICLES; i++)
		n += (size_t)sprintf(big + n, "  - a%d.txt\n", i);
	cap_open(&c);
	CHECK(parse(big, n, "d", &c, &m) == ERR_OK && m && m->n_articles == 1000);
	CHECK(m && !strcmp(m->sections[0].articles[999].path, "d/a999.txt"));
	manifest_free(m);
	m = NULL;
	n = (size_t)sprintf(big, "title: x\nsections:\n");
	for (int i = 0; i < MANIFEST_MAX_SECTIONS; i++)
		n += (size_t)sprintf(big + n, "  - {title: s%d, articles: [a%d.txt]}\n", i, i);
	n += (size_t)sprintf(big + n, "credits:\n");
	for (int i = 0; i < MANIFEST_MAX_PAIRS; i++)
		n += (size_t)sprintf(big + n, "  r%d: n%d\n", i, i);
	n += (size_t)sprintf(big + n, "subject: ");
	memset(big + n, 'x', MANIFEST_MAX_TEXT);
	n += MANIFEST_MAX_TEXT;
	big[n++] = '\n';
	CHECK(parse(big, n, ".", &c, &m) == ERR_OK && m && m->n_sections == 100 && m->n_credits == 32);
	CHECK(m && m->subject.text && strlen(m->subject.text) == MANIFEST_MAX_TEXT);
	CHECK(m && !strcmp(m->sections[99].title.text, "s99") && !strcmp(m->credits[31].value.text, "n31"));
	manifest_free(m);
	m = NULL;
	CHECK(diag_errors(c.d) == 0);
	cap_close(&c);
	free(big);

	/* valid dates */
	static const char *const dates[] = {"2024-02-29", "2000-02-29", "2022-12-31", "0001-01-01"};
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
		char t[128];
		snprintf(t, sizeof t, "title: x\ndate: %s\narticles: [a]\n", dates[i]);
		cap_open(&c);
		CHECK(parse(t, strlen(t), ".", &c, &m) == ERR_OK && m && !strcmp(m->date.text, dates[i]));
		manifest_free(m);
		m = NULL;
		cap_close(&c);
	}
}

static const struct bad bad[] = {
	/* not YAML */
	{"title: x\narticles: [a, b\n", ERR_SYNTAX, 1, "t.yaml:2:11: error: bad YAML in the manifest: "
	 "did not find expected ',' or ']' at 3:1 (while parsing a flow sequence that starts here)", NULL},
	{"title: x\n  bad: y\n", ERR_SYNTAX, 1,
	 "t.yaml:2:6: error: bad YAML in the manifest: mapping values are not allowed in this context", NULL},
	{"title: \"open\narticles: [a]\n", ERR_SYNTAX, 1, "t.yaml:1:8: error: bad YAML in the manifest: "
	 "found unexpected end of stream at 3:1 (while scanning a quoted scalar that starts here)", NULL},
	{"title: 周报\xff\n", ERR_SYNTAX, 1,
	 "t.yaml:1:10: error: bad YAML in the manifest: invalid leading UTF-8 octet (#xFF)", NULL},
	{"title: x\nsubject: \xe5\xa5\n", ERR_SYNTAX, 1,
	 "t.yaml:2:11: error: bad YAML in the manifest: invalid trailing UTF-8 octet (#xA)", NULL},
	{"title: x\nsubject: \xe5\xa5", ERR_SYNTAX, 1,
	 "t.yaml:2:10: error: bad YAML in the manifest: incomplete UTF-8 octet sequence", NULL},
	{"title: x\x01y\n", ERR_SYNTAX, 1,
	 "t.yaml:1:9: error: bad YAML in the manifest: control characters are not allowed (#x1)", NULL},
	{"title: \"a\\0b\"\narticles: [a]\n", ERR_SYNTAX, 1, "t.yaml:1:8: error: text with a NUL character", NULL},
	/* the document */
	{"", ERR_SYNTAX, 1, "t.yaml: error: manifest is empty", NULL},
	{"# only a comment\n\n", ERR_SYNTAX, 1, "t.yaml: error: manifest is empty", NULL},
	{"---\n...\n", ERR_SYNTAX, 1, "t.yaml: error: manifest is empty", NULL},
	{"- title: x\n", ERR_SYNTAX, 1, "t.yaml:1:1: error: the manifest must be a mapping of keys "
	 "(title: ..., sections: ...), not a list", NULL},
	{"社会工作周报\n", ERR_SYNTAX, 1, "t.yaml:1:1: error: the manifest must be a mapping", "not text"},
	{"title: x\narticles: [a]\n---\ntitle: y\n", ERR_SYNTAX, 1,
	 "t.yaml:3:1: error: more than one YAML document in the manifest", NULL},
	/* aliases and anchors: the alias bomb stops at its first anchor */
	{"a: &a [x,x]\nb: *a", ERR_SYNTAX, 1,
	 "t.yaml:1:4: error: YAML aliases and anchors are not allowed in a manifest (&a)", NULL},
	{"title: x\narticles: [a]\nsubject: *t\n", ERR_SYNTAX, 1,
	 "t.yaml:3:10: error: YAML aliases and anchors are not allowed in a manifest (*t)", NULL},
	{"&root\ntitle: x\n", ERR_SYNTAX, 1, "t.yaml:1:1: error: YAML aliases and anchors are not allowed", NULL},
	{"title: x\nsections:\n  - &s\n    title: y\n", ERR_SYNTAX, 1,
	 "t.yaml:3:5: error: YAML aliases and anchors are not allowed in a manifest (&s)", NULL},
	/* keys */
	{"title: x\ntitel: y\n", ERR_SYNTAX, 1, "t.yaml:2:1: error: unknown key 'titel' in the manifest "
	 "(known: title, issue, volume, date, publisher, subject, note, credits, distribution, copies, "
	 "cover, style, sections, articles)", NULL},
	{"title: x\ntitle: y\narticles: [a]\n", ERR_SYNTAX, 1, "t.yaml:2:1: error: key 'title' given twice",
	 "t.yaml:1:1: note: first given here"},
	{"? [a]\n: b\n", ERR_SYNTAX, 1, "t.yaml:1:3: error: a key must be text, not a list", NULL},
	{"title: x\ncredits: {主编: 甲, 主编: 乙}\n", ERR_SYNTAX, 1, "t.yaml:2:18: error: key '主编' given twice",
	 "t.yaml:2:11: note: first given here"},
	{"title: x\ncredits: {'': 甲}\n", ERR_SYNTAX, 1, "t.yaml:2:11: error: empty key in 'credits'", NULL},
	{"title: x\nsections:\n  - title: a\n    title: b\n", ERR_SYNTAX, 1,
	 "t.yaml:4:5: error: key 'title' given twice", NULL},
	{"title: x\nsections:\n  - title: a\n    files: [a]\n", ERR_SYNTAX, 1,
	 "t.yaml:4:5: error: unknown key 'files' in a section (known: title, articles)", NULL},
	{"title: x\narticles:\n  - {file: a, path: b}\n", ERR_SYNTAX, 1,
	 "t.yaml:3:15: error: unknown key 'path' in an article (known: file, title)", NULL},
	/* wrong types */
	{"title: [社会, 工作]\n", ERR_SYNTAX, 1, "t.yaml:1:8: error: 'title' takes text, not a list", NULL},
	{"title:\n  a: b\n", ERR_SYNTAX, 1, "t.yaml:2:3: error: 'title' takes text, not a mapping", NULL},
	{"title: x\nsections: 要闻\n", ERR_SYNTAX, 1,
	 "t.yaml:2:11: error: 'sections' takes a list of sections", "not text"},
	{"title: x\narticles: a.txt\n", ERR_SYNTAX, 1,
	 "t.yaml:2:11: error: 'articles' takes a list of files, not text", NULL},
	{"title: x\nsections: [要闻]\n", ERR_SYNTAX, 1,
	 "t.yaml:2:12: error: a section is a mapping with title: and articles:, not text", NULL},
	{"title: x\narticles: [[a.txt]]\n", ERR_SYNTAX, 1,
	 "t.yaml:2:12: error: an article is a file name or a mapping with file: and title:, not a list", NULL},
	{"title: x\narticles: [{file: [a]}]\n", ERR_SYNTAX, 1, "t.yaml:2:19: error: 'file' takes text, not a list", NULL},
	{"title: x\ncredits: [主编, 叶景丽]\n", ERR_SYNTAX, 1,
	 "t.yaml:2:10: error: 'credits' takes a mapping such as {主编: 叶景丽}, not a list", NULL},
	{"title: x\ndistribution: 省民政厅\n", ERR_SYNTAX, 1,
	 "t.yaml:2:15: error: 'distribution' takes a mapping such as {报送: 省民政厅}, not text", NULL},
	{"title: x\ncredits: {主编: [甲, 乙]}\n", ERR_SYNTAX, 1, "t.yaml:2:15: error: '主编' takes text, not a list", NULL},
	/* values */
	{"title: x\nissue:\narticles: [a]\n", ERR_SYNTAX, 1, "t.yaml:2:7: error: 'issue' is empty", NULL},
	{"title: x\nissue: ''\narticles: [a]\n", ERR_SYNTAX, 1, "t.yaml:2:8: error: 'issue' is empty", NULL},
	{"title: ~\narticles: [a]\n", ERR_SYNTAX, 1, "t.yaml:1:8: error: 'title' is empty", NULL},
	{"title: x\nissue: 12345678901\n", ERR_SYNTAX, 1, "t.yaml:2:8: error: issue number 12345678901 is too large", NULL},
	{"title: x\ncredits: {主编: }\n", ERR_SYNTAX, 1, "t.yaml:2:15: error: '主编' is empty", NULL},
	{"title: x\ncopies: 0\n", ERR_SYNTAX, 1,
	 "t.yaml:2:9: error: 'copies' takes a positive whole number such as 200, not '0'", NULL},
	{"title: x\ncopies: -5\n", ERR_SYNTAX, 1, "t.yaml:2:9: error: 'copies' takes a positive whole number", "'-5'"},
	{"title: x\ncopies: 2.5\n", ERR_SYNTAX, 1, "t.yaml:2:9: error: 'copies' takes", "'2.5'"},
	{"title: x\ncopies: 两百\n", ERR_SYNTAX, 1, "t.yaml:2:9: error: 'copies' takes", "'两百'"},
	{"title: x\ncopies: 99999999999\n", ERR_SYNTAX, 1, "t.yaml:2:9: error: 'copies' takes", NULL},
	{"title: x\ncopies:\n", ERR_SYNTAX, 1, "t.yaml:2:8: error: 'copies' is empty", NULL},
	{"title: x\ndate: 2022-13-01\n", ERR_SYNTAX, 1,
	 "t.yaml:2:7: error: bad date '2022-13-01': there is no month 13", NULL},
	{"title: x\ndate: 2022-00-10\n", ERR_SYNTAX, 1, "t.yaml:2:7: error: bad date '2022-00-10': there is no month 00", NULL},
	{"title: x\ndate: 2022-02-30\n", ERR_SYNTAX, 1, "t.yaml:2:7: error: bad date '2022-02-30': 2022-02 has 28 days", NULL},
	{"title: x\ndate: 2023-02-29\n", ERR_SYNTAX, 1, "t.yaml:2:7: error: bad date '2023-02-29': 2023-02 has 28 days", NULL},
	{"title: x\ndate: 1900-02-29\n", ERR_SYNTAX, 1, "t.yaml:2:7: error: bad date '1900-02-29': 1900-02 has 28 days", NULL},
	{"title: x\ndate: 2022-04-31\n", ERR_SYNTAX, 1, "2022-04 has 30 days", NULL},
	{"title: x\ndate: 2022-04-00\n", ERR_SYNTAX, 1, "2022-04 has 30 days", NULL},
	{"title: x\ndate: 2022/04/08\n", ERR_SYNTAX, 1,
	 "t.yaml:2:7: error: bad date '2022/04/08': use YYYY-MM-DD, such as 2022-04-08", NULL},
	{"title: x\ndate: 2022-4-8\n", ERR_SYNTAX, 1, "bad date '2022-4-8': use YYYY-MM-DD", NULL},
	{"title: x\ndate: 2022-04-08T10:00\n", ERR_SYNTAX, 1, "bad date '2022-04-08T10:00': use YYYY-MM-DD", NULL},
	{"title: x\ndate: 0000-01-01\n", ERR_SYNTAX, 1, "bad date '0000-01-01': there is no year 0000", NULL},
	{"title: x\narticles: ['']\n", ERR_SYNTAX, 1, "t.yaml:2:12: error: empty file name", NULL},
	{"title: x\narticles:\n  -\n  - b\n", ERR_SYNTAX, 1, "t.yaml:3:4: error: empty file name", NULL},
	{"title: x\narticles: [{title: 标题}]\n", ERR_SYNTAX, 1,
	 "t.yaml:2:12: error: an article needs 'file:' (known: file, title)", NULL},
	/* required parts */
	{"articles: [a.txt]\n", ERR_SYNTAX, 1, "t.yaml:1:1: error: the manifest has no 'title:' (刊名)", NULL},
	{"title: 周报\n", ERR_SYNTAX, 1,
	 "t.yaml:1:1: error: the manifest lists no articles (give 'sections:' or 'articles:')", NULL},
	{"volume: 1\n", ERR_SYNTAX, 2, "t.yaml:1:1: error: the manifest has no 'title:'",
	 "t.yaml:1:1: error: the manifest lists no articles"},
	{"title: x\narticles: []\n", ERR_SYNTAX, 1, "t.yaml:2:1: error: the manifest lists no articles", NULL},
	{"title: x\nsections: []\n", ERR_SYNTAX, 1, "t.yaml:2:1: error: the manifest lists no articles", NULL},
	{"title: x\nsections:\n  - title: 要闻\n    articles: []\n", ERR_SYNTAX, 1,
	 "t.yaml:3:5: error: section 要闻 has no articles", NULL},
	{"title: x\nsections:\n  - title: 要闻\n", ERR_SYNTAX, 1, "t.yaml:3:5: error: section 要闻 has no articles", NULL},
	{"title: x\nsections:\n  - articles: [a]\n", ERR_SYNTAX, 1,
	 "t.yaml:3:5: error: a section needs 'title:' (known: title, articles)", NULL},
	{"title: x\nsections:\n  - title: a\n    articles: [a]\narticles: [b]\n", ERR_SYNTAX, 1,
	 "t.yaml:5:1: error: both 'sections:' and top-level 'articles:'", NULL},
	{"title: x\narticles: [b]\nsections:\n  - title: a\n    articles: [a]\n", ERR_SYNTAX, 1,
	 "t.yaml:3:1: error: both 'sections:' and top-level 'articles:'", NULL},
};

/* Limits: each case stops at the element that passes the limit, before anything after it. */
static void test_limits(void)
{
	char *t = malloc(MANIFEST_MAX_BYTES + 2);
	size_t n;
	char label[64], msg[128];

	/* 1001 articles, then a line libyaml would refuse: the limit is reported, not the syntax */
	n = (size_t)sprintf(t, "title: x\narticles:\n");
	for (int i = 0; i < MANIFEST_MAX_ARTICLES + 1; i++)
		n += (size_t)sprintf(t + n, "  - a%d.txt\n", i);
	n += (size_t)sprintf(t + n, "  - [unclosed\n");
	snprintf(msg, sizeof msg, "t.yaml:%d:5: error: more than 1000 articles in one digest "
		 "(MANIFEST_MAX_ARTICLES)", 2 + MANIFEST_MAX_ARTICLES + 1);
	check_bad(t, n, &(struct bad){NULL, ERR_LIMIT, 1, msg, NULL}, "1001 articles");
	/* over sections: 1000 in the first, one more in the second */
	n = (size_t)sprintf(t, "title: x\nsections:\n  - title: a\n    articles:\n");
	for (int i = 0; i < MANIFEST_MAX_ARTICLES; i++)
		n += (size_t)sprintf(t + n, "      - a%d.txt\n", i);
	n += (size_t)sprintf(t + n, "  - title: b\n    articles: [b.txt]\n");
	snprintf(msg, sizeof msg, "t.yaml:%d:16: error: more than 1000 articles", 4 + MANIFEST_MAX_ARTICLES + 2);
	check_bad(t, n, &(struct bad){NULL, ERR_LIMIT, 1, msg, NULL}, "1001 articles in sections");
	/* 101 sections */
	n = (size_t)sprintf(t, "title: x\nsections:\n");
	for (int i = 0; i < MANIFEST_MAX_SECTIONS + 1; i++)
		n += (size_t)sprintf(t + n, "  - {title: s%d, articles: [a%d.txt]}\n", i, i);
	snprintf(msg, sizeof msg, "t.yaml:%d:5: error: more than 100 sections in one digest "
		 "(MANIFEST_MAX_SECTIONS)", 2 + MANIFEST_MAX_SECTIONS + 1);
	check_bad(t, n, &(struct bad){NULL, ERR_LIMIT, 1, msg, NULL}, "101 sections");
	/* 33 distribution entries */
	n = (size_t)sprintf(t, "title: x\ndistribution:\n");
	for (int i = 0; i < MANIFEST_MAX_PAIRS + 1; i++)
		n += (size_t)sprintf(t + n, "  to%d: n%d\n", i, i);
	snprintf(msg, sizeof msg, "t.yaml:%d:3: error: 'distribution' has more than 32 entries "
		 "(MANIFEST_MAX_PAIRS)", 2 + MANIFEST_MAX_PAIRS + 1);
	check_bad(t, n, &(struct bad){NULL, ERR_LIMIT, 1, msg, NULL}, "33 pairs");
	/* a scalar of 1025 bytes (a key too) */
	n = (size_t)sprintf(t, "title: x\nsubject: ");
	memset(t + n, 'x', MANIFEST_MAX_TEXT + 1);
	n += MANIFEST_MAX_TEXT + 1;
	t[n++] = '\n';
	check_bad(t, n, &(struct bad){NULL, ERR_LIMIT, 1, "t.yaml:2:10: error: text of 1025 bytes; the "
		  "limit is 1024 (MANIFEST_MAX_TEXT)", NULL}, "long scalar");
	/* (an explicit key: libyaml itself refuses implicit keys above 1024 characters) */
	n = (size_t)sprintf(t, "title: x\n? ");
	memset(t + n, 'k', MANIFEST_MAX_TEXT + 1);
	n += MANIFEST_MAX_TEXT + 1;
	n += (size_t)sprintf(t + n, "\n: v\n");
	check_bad(t, n, &(struct bad){NULL, ERR_LIMIT, 1, "t.yaml:2:3: error: text of 1025 bytes", NULL},
		  "long key");
	/* a buffer above MANIFEST_MAX_BYTES is refused before it is parsed */
	memset(t, '#', MANIFEST_MAX_BYTES + 1);
	check_bad(t, MANIFEST_MAX_BYTES + 1, &(struct bad){NULL, ERR_LIMIT, 1, "t.yaml: error: manifest of "
		  "1048577 bytes; the limit is 1048576 (MANIFEST_MAX_BYTES)", NULL}, "huge buffer");
	/* 100000 '[' (and '{') where the manifest, a text, a list or a name is expected: an error at
	   the first one of the wrong kind, in bounded time, nothing walked recursively */
	static const struct {
		const char *head, *msg;
		char open;
	} deep[] = {
		{"", "t.yaml:1:1: error: the manifest must be a mapping", '['},
		{"title: ", "t.yaml:1:8: error: 'title' takes text, not a list", '['},
		{"title: x\nsections: ", "t.yaml:2:12: error: a section is a mapping with title: and articles:, not a list", '['},
		{"title: x\narticles: ", "t.yaml:2:12: error: an article is a file name or a mapping", '['},
		{"title: x\ncredits: {主编: ", "t.yaml:2:15: error: '主编' takes text, not a list", '['},
		{"title: x\nissue: ", "t.yaml:2:8: error: 'issue' takes text, not a mapping", '{'},
		{"zzz: ", "t.yaml:1:1: error: unknown key 'zzz'", '{'},
	};
	for (size_t i = 0; i < sizeof deep / sizeof *deep; i++) {
		n = (size_t)sprintf(t, "%s", deep[i].head);
		memset(t + n, deep[i].open, 100000);
		n += 100000;
		clock_t t0 = clock();
		snprintf(label, sizeof label, "deep %zu", i);
		check_bad(t, n, &(struct bad){NULL, ERR_SYNTAX, 1, deep[i].msg, NULL}, label);
		double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
		if (secs > 2) {
			fprintf(stderr, "case %s: %.2f s\n", label, secs);
			fails++;
		}
	}
	/* deep block nesting: "- - - - ..." */
	n = (size_t)sprintf(t, "title: x\nsections:\n");
	for (int i = 0; i < 20000; i++)
		n += (size_t)sprintf(t + n, "- ");
	t[n++] = 'a';
	check_bad(t, n, &(struct bad){NULL, ERR_SYNTAX, 1, "t.yaml:3:3: error: a section is a mapping", NULL},
		  "deep block");
	free(t);
}

static void write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		CHECK(fwrite(s, 1, n, f) == n);
		fclose(f);
	}
}

/* manifest_read: the folder from the path, file kinds, the size check before reading. */
static void test_read(void)
{
	char dir[] = "/tmp/paiban-manifest-XXXXXX", path[256], other[256];
	struct capture c;
	struct manifest *m = NULL;
	if (!mkdtemp(dir)) {
		fprintf(stderr, "mkdtemp failed\n");
		fails++;
		return;
	}
	const char *text = "title: 周报\nnote: note.md\narticles: [a.txt, /abs/b.txt, sub/c.md]\n";
	snprintf(path, sizeof path, "%s/weekly.yaml", dir);
	write_file(path, text, strlen(text));
	cap_open(&c);
	CHECK(manifest_read(path, c.d, &m) == ERR_OK && diag_errors(c.d) == 0);
	if (m) {
		CHECK(!strcmp(m->file, path) && !strcmp(m->dir, dir));
		CHECK(m->title.pos.file == m->file && m->title.pos.line == 1 && m->title.pos.col == 8);
		CHECK(!strcmp(m->note.text, "note.md")); /* kept as written */
		snprintf(other, sizeof other, "%s/a.txt", dir);
		CHECK(!strcmp(m->sections[0].articles[0].path, other));
		CHECK(!strcmp(m->sections[0].articles[1].path, "/abs/b.txt"));
		snprintf(other, sizeof other, "%s/sub/c.md", dir);
		CHECK(!strcmp(m->sections[0].articles[2].path, other));
		manifest_free(m);
		m = NULL;
	}
	cap_close(&c);
	/* "dir//weekly.yaml": the folder without the slashes */
	snprintf(other, sizeof other, "%s//weekly.yaml", dir);
	cap_open(&c);
	CHECK(manifest_read(other, c.d, &m) == ERR_OK && m && !strcmp(m->dir, dir));
	manifest_free(m);
	m = NULL;
	cap_close(&c);
	/* a bare name: the folder is "." and paths are unchanged */
	int here = open(".", O_RDONLY | O_DIRECTORY);
	CHECK(here >= 0 && chdir(dir) == 0);
	cap_open(&c);
	CHECK(manifest_read("weekly.yaml", c.d, &m) == ERR_OK && m);
	if (m) {
		CHECK(!strcmp(m->file, "weekly.yaml") && !strcmp(m->dir, "."));
		CHECK(!strcmp(m->sections[0].articles[0].path, "a.txt"));
		CHECK(!strcmp(m->sections[0].articles[2].path, "sub/c.md"));
		manifest_free(m);
		m = NULL;
	}
	cap_close(&c);
	CHECK(here >= 0 && fchdir(here) == 0);
	if (here >= 0)
		close(here);
	/* errors: missing, a directory, a FIFO (no writer: must not block), too large, bad YAML */
	char want[512];
	snprintf(other, sizeof other, "%s/missing.yaml", dir);
	cap_open(&c);
	m = (struct manifest *)&c;
	CHECK(manifest_read(other, c.d, &m) == ERR_IO && !m && diag_errors(c.d) == 1);
	snprintf(want, sizeof want, "%s: error: cannot open the manifest: No such file or directory", other);
	CHECK(strstr(cap_text(&c), want) != NULL);
	cap_close(&c);

	cap_open(&c);
	CHECK(manifest_read(dir, c.d, &m) == ERR_IO && !m && diag_errors(c.d) == 1);
	snprintf(want, sizeof want, "%s: error: a directory, not a manifest", dir);
	CHECK(strstr(cap_text(&c), want) != NULL);
	cap_close(&c);

	char fifo[256];
	snprintf(fifo, sizeof fifo, "%s/fifo.yaml", dir);
	CHECK(mkfifo(fifo, 0600) == 0);
	cap_open(&c);
	CHECK(manifest_read(fifo, c.d, &m) == ERR_IO && !m && diag_errors(c.d) == 1);
	snprintf(want, sizeof want, "%s: error: not a regular file, not a manifest", fifo);
	CHECK(strstr(cap_text(&c), want) != NULL);
	cap_close(&c);

	char large[256];
	snprintf(large, sizeof large, "%s/large.yaml", dir);
	char *big = malloc(MANIFEST_MAX_BYTES + 1);
	memset(big, '#', MANIFEST_MAX_BYTES + 1);
	write_file(large, big, MANIFEST_MAX_BYTES + 1);
	free(big);
	cap_open(&c);
	CHECK(manifest_read(large, c.d, &m) == ERR_LIMIT && !m && diag_errors(c.d) == 1);
	snprintf(want, sizeof want, "%s: error: manifest of 1048577 bytes; the limit is 1048576 "
		 "(MANIFEST_MAX_BYTES)", large);
	CHECK(strstr(cap_text(&c), want) != NULL);
	cap_close(&c);

	char badf[256];
	snprintf(badf, sizeof badf, "%s/bad.yaml", dir);
	write_file(badf, "title: x\ntitle: y\n", 18);
	cap_open(&c);
	CHECK(manifest_read(badf, c.d, &m) == ERR_SYNTAX && !m && diag_errors(c.d) == 1);
	snprintf(want, sizeof want, "%s:2:1: error: key 'title' given twice", badf);
	CHECK(strstr(cap_text(&c), want) != NULL);
	cap_close(&c);

	unlink(path);
	unlink(fifo);
	unlink(large);
	unlink(badf);
	CHECK(rmdir(dir) == 0);
}

/* A manifest built from the command line. */
static void test_build(void)
{
	struct manifest *m = manifest_new();
	CHECK(m && !m->file && !strcmp(m->dir, ".") && m->issue_number == -1 && m->copies == 0);
	CHECK(m && !m->n_sections && !m->n_articles && !m->title.text);
	if (!m)
		return;
	CHECK(manifest_set(m, "title", "社会工作周报") == ERR_OK && !strcmp(m->title.text, "社会工作周报"));
	CHECK(m->title.pos.file == NULL && m->title.pos.line == 0);
	CHECK(manifest_set(m, "issue", "12") == ERR_OK && m->issue_number == 12 && !strcmp(m->issue.text, "12"));
	CHECK(manifest_set(m, "issue", "第十二期") == ERR_OK && m->issue_number == -1);
	CHECK(manifest_set(m, "issue", "7") == ERR_OK && m->issue_number == 7);
	CHECK(manifest_set(m, "issue", NULL) == ERR_OK && !m->issue.text && m->issue_number == -1);
	CHECK(manifest_set(m, "issue", "123456789012") == ERR_SYNTAX);
	CHECK(manifest_set(m, "date", "2022-04-08") == ERR_OK && !strcmp(m->date.text, "2022-04-08"));
	CHECK(manifest_set(m, "date", "2022-02-30") == ERR_SYNTAX && !strcmp(m->date.text, "2022-04-08"));
	CHECK(manifest_set(m, "date", "08.04.2022") == ERR_SYNTAX);
	CHECK(manifest_set(m, "volume", "总第112期") == ERR_OK && !strcmp(m->volume.text, "总第112期"));
	CHECK(manifest_set(m, "publisher", "湖北省社会工作联合会") == ERR_OK);
	CHECK(manifest_set(m, "note", "n.md") == ERR_OK && !strcmp(m->note.text, "n.md"));
	CHECK(manifest_set(m, "cover", "c.jpg") == ERR_OK && !strcmp(m->cover.text, "c.jpg"));
	CHECK(manifest_set(m, "style", "a5") == ERR_OK && !strcmp(m->style.text, "a5"));
	CHECK(manifest_set(m, "subject", "要闻") == ERR_OK && !strcmp(m->subject.text, "要闻"));
	CHECK(manifest_set(m, "copies", "200") == ERR_SYNTAX);   /* not a text field */
	CHECK(manifest_set(m, "sections", "x") == ERR_SYNTAX);
	CHECK(manifest_set(m, "title", "") == ERR_SYNTAX && !strcmp(m->title.text, "社会工作周报"));
	CHECK(manifest_set(m, "title", "bad\xff") == ERR_SYNTAX);
	char longer[MANIFEST_MAX_TEXT + 2];
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = 0;
	CHECK(manifest_set(m, "title", longer) == ERR_SYNTAX);
	/* articles: one untitled section, paths as given */
	CHECK(manifest_add_article(m, "a.txt") == ERR_OK && manifest_add_article(m, "../b.md") == ERR_OK);
	CHECK(m->n_sections == 1 && m->n_articles == 2 && m->sections[0].n_articles == 2);
	CHECK(!m->sections[0].title.text);
	CHECK(!strcmp(m->sections[0].articles[1].file.text, "../b.md"));
	CHECK(!strcmp(m->sections[0].articles[1].path, "../b.md") && !m->sections[0].articles[1].title.text);
	char name[32];
	enum err e = ERR_OK;
	for (int i = 2; i < MANIFEST_MAX_ARTICLES && !e; i++) {
		snprintf(name, sizeof name, "f%d.txt", i);
		e = manifest_add_article(m, name);
	}
	CHECK(e == ERR_OK && m->n_articles == 1000 && !strcmp(m->sections[0].articles[999].path, "f999.txt"));
	CHECK(!strcmp(m->sections[0].articles[0].path, "a.txt")); /* kept through the growth */
	CHECK(manifest_add_article(m, "one-more.txt") == ERR_LIMIT && m->n_articles == 1000);
	manifest_free(m);
	manifest_free(NULL);

	/* a parsed manifest takes more articles in its last section */
	struct manifest *p = NULL;
	const char *t = "title: x\nsections:\n  - {title: a, articles: [a1]}\n  - {title: b, articles: [b1]}\n";
	struct diag *d = diag_new(stderr);
	CHECK(manifest_parse(t, strlen(t), "t.yaml", "d", d, &p) == ERR_OK && p);
	if (p) {
		CHECK(manifest_add_article(p, "b2") == ERR_OK && p->sections[1].n_articles == 2);
		CHECK(p->n_articles == 3 && !strcmp(p->sections[1].articles[1].path, "b2"));
		CHECK(!strcmp(p->sections[1].articles[0].path, "d/b1"));
		manifest_free(p);
	}
	diag_free(d);
}

int main(void)
{
	test_full();
	test_small();
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char label[32];
		snprintf(label, sizeof label, "bad[%zu]", i);
		check_bad(bad[i].text, strlen(bad[i].text), &bad[i], label);
	}
	/* a NUL byte in the text itself (not an escape): libyaml's reader refuses it */
	static const char nul[] = "title: a\0b\narticles: [a]\n";
	check_bad(nul, sizeof nul - 1, &(struct bad){NULL, ERR_SYNTAX, 1, "t.yaml:1:9: error: bad YAML "
		  "in the manifest: control characters are not allowed (#x0)", NULL}, "NUL byte");
	test_limits();
	test_read();
	test_build();
	if (fails) {
		fprintf(stderr, "%d failures\n", fails);
		return 1;
	}
	puts("test_manifest: ok");
	return 0;
}
