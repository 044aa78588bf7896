/* test_epub.c: the article XHTML of `paiban epub` (render/epub.c) for documents built with the
   model's API, where no reader goes: spans that cross (split where they cross, so that the
   elements nest), span offsets inside a UTF-8 character, links kept (http, https, mailto,
   percent-encoded) or written as text (relative, a link inside a link), containers nested
   deeper than the model keeps, and blocks the model nests where HTML does not (a paragraph
   straight in a list, cells straight in a table, an item outside a list). Each book's
   article.xhtml (read with unzip) must be well-formed XML and hold the exact markup.
   Usage: test_epub [-v]  (-v prints each article's body). Run from the repository root. */
#include "render/epub.h"
#include "model/doc.h"
#include "base/buf.h"
#include "base/diag.h"
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fails, verbose;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

static struct srcpos P(unsigned line)
{
	return (struct srcpos){"test.md", line, 1};
}

static void para(struct doc *d, const char *t)
{
	CHECK(doc_add_block(d, DOC_PARA, 0, t, (size_t)-1, P(1)) == ERR_OK);
}

static void span(struct doc *d, enum doc_span_kind k, size_t start, size_t len, const char *href)
{
	CHECK(doc_add_span(d, d->n_blocks - 1, k, start, len, href, href ? strlen(href) : 0) == ERR_OK);
}

/* The article's XHTML (malloc'd) of doc as a book, or NULL. */
static char *xhtml(const struct doc *doc)
{
	char path[] = "/tmp/test_epub.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	close(fd);
	struct epub_opts o = {.epoch = 1649226622};
	struct diag *dg = diag_new(stderr);
	enum err e = epub_write(doc, &o, path, dg);
	diag_free(dg);
	CHECK(e == ERR_OK);
	char cmd[96];
	snprintf(cmd, sizeof cmd, "unzip -p %s OEBPS/article.xhtml", path);
	FILE *f = popen(cmd, "r");
	struct buf b;
	buf_init(&b);
	char chunk[4096];
	size_t n;
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	if (f)
		pclose(f);
	unlink(path);
	char *s = b.len ? strdup(buf_cstr(&b)) : NULL;
	buf_free(&b);
	CHECK(s != NULL);
	if (s) {
		xmlDocPtr x = xmlReadMemory(s, (int)strlen(s), "article.xhtml", NULL, XML_PARSE_NONET);
		CHECK(x != NULL); /* well-formed */
		xmlFreeDoc(x);
		if (verbose)
			printf("%s\n", strstr(s, "</header>") ? strstr(s, "</header>") : s);
	}
	return s;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; p && (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

#define HAS(s, what) do { if (!(s) || !strstr((s), (what))) { \
	fprintf(stderr, "%s:%d: FAIL the XHTML lacks %s\n", __FILE__, __LINE__, what); fails++; } } while (0)

static void test_spans(void)
{
	struct doc *d = doc_new("test.md");
	CHECK(doc_set(d, &d->title, "行内", (size_t)-1, P(1)) == ERR_OK);
	para(d, "abcdef");
	span(d, DOC_SPAN_EM, 0, 4, NULL);     /* crosses the strong span */
	span(d, DOC_SPAN_STRONG, 2, 4, NULL);
	para(d, "中文字");
	span(d, DOC_SPAN_EM, 1, 4, NULL);     /* from inside 中 to inside 文: moved on to 文 */
	para(d, "相对链接和外链");
	span(d, DOC_SPAN_LINK, 0, 12, "/rel/path");
	span(d, DOC_SPAN_LINK, 15, 6, "https://例.cn/a b#x#y");
	para(d, "外面里面");
	span(d, DOC_SPAN_LINK, 0, 12, "mailto:a@example.com");
	span(d, DOC_SPAN_LINK, 6, 6, "https://example.com/inner");
	span(d, DOC_SPAN_CODE, 6, 6, NULL);
	para(d, "x<&>y");
	span(d, DOC_SPAN_CODE, 1, 3, NULL);
	char *s = xhtml(d);
	HAS(s, "<p><em>ab<strong>cd</strong></em><strong>ef</strong></p>");
	HAS(s, "<p>中<em>文</em>字</p>");
	HAS(s, "<p>相对链接和<a href=\"https://%E4%BE%8B.cn/a%20b#x%23y\">外链</a></p>");
	HAS(s, "<p><a href=\"mailto:a@example.com\">外面<code>里面</code></a></p>");
	HAS(s, "<p>x<code>&lt;&amp;&gt;</code>y</p>");
	CHECK(count(s, "<a ") == 2);
	free(s);
	doc_free(d);
}

static void test_nesting(void)
{
	struct doc *d = doc_new("test.md");
	CHECK(doc_set(d, &d->title, "嵌套", (size_t)-1, P(1)) == ERR_OK);
	for (int i = 0; i < DOC_MAX_DEPTH + 4; i++) /* 4 quotes more than the model keeps */
		CHECK(doc_open(d, DOC_QUOTE, 0, 0, P(2)) == ERR_OK);
	para(d, "最深");
	doc_close_all(d);
	for (int i = 0; i < DOC_MAX_DEPTH - 1; i++)
		CHECK(doc_open(d, DOC_QUOTE, 0, 0, P(3)) == ERR_OK);
	CHECK(doc_open(d, DOC_TABLE, 0, 0, P(3)) == ERR_OK); /* the 16th container: its row is not kept */
	CHECK(doc_open(d, DOC_ROW, 0, 0, P(3)) == ERR_OK);
	CHECK(doc_add_block(d, DOC_CELL, 1, "格", (size_t)-1, P(3)) == ERR_OK);
	doc_close_all(d);
	CHECK(doc_open(d, DOC_ITEM, 0, 0, P(4)) == ERR_OK); /* an item outside a list */
	para(d, "孤项");
	doc_close(d);
	CHECK(doc_open(d, DOC_LIST, 1, 1, P(5)) == ERR_OK); /* a paragraph straight in a list */
	para(d, "无项");
	doc_close(d);
	CHECK(doc_add_block(d, DOC_CELL, 0, "孤格", (size_t)-1, P(6)) == ERR_OK); /* a cell outside a table */
	CHECK(doc_open(d, DOC_LIST, 0, 0, P(7)) == ERR_OK);
	CHECK(doc_open(d, DOC_ITEM, 0, 0, P(7)) == ERR_OK);
	CHECK(doc_add_block(d, DOC_CODE, 0, "a\n  b", (size_t)-1, P(7)) == ERR_OK);
	doc_close_all(d);
	char *s = xhtml(d);
	CHECK(count(s, "<blockquote>") == DOC_MAX_DEPTH + DOC_MAX_DEPTH - 1);
	HAS(s, "<blockquote>\n<p>最深</p>\n</blockquote>");
	HAS(s, "<table>\n<tbody>\n<tr>\n<th>格</th>\n</tr>\n</tbody>\n</table>");
	HAS(s, "<ul>\n<li>孤项</li>\n</ul>");
	HAS(s, "<ol>\n<li>\n<p>无项</p>\n</li>\n</ol>");
	HAS(s, "<p>孤格</p>");
	HAS(s, "<li>\n<pre><code>a\n  b</code></pre>\n</li>");
	free(s);
	doc_free(d);
}

int main(int argc, char **argv)
{
	verbose = argc > 1 && !strcmp(argv[1], "-v");
	test_spans();
	test_nesting();
	if (fails)
		fprintf(stderr, "%d failed\n", fails);
	else
		printf("test_epub: all passed\n");
	return fails != 0;
}
