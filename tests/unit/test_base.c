/* test_base.c: arena, buffer number writer, UTF-8 codec, diagnostics, document model JSON. */
#include "base/arena.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "base/diag.h"
#include "model/doc.h"
#include <stdio.h>
#include <string.h>

static int fails;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

static const char *num(double v, int dec)
{
	static char out[64];
	struct buf b;
	buf_init(&b);
	buf_putnum(&b, v, dec);
	snprintf(out, sizeof out, "%s", buf_cstr(&b));
	buf_free(&b);
	return out;
}

int main(void)
{
	/* arena */
	struct arena *a = arena_new();
	char *p = arena_alloc(a, 10);
	CHECK(p && ((size_t)p % 16) == 0 && p[9] == 0);
	char *big = arena_alloc(a, 1 << 20);
	CHECK(big != NULL);
	CHECK(!strcmp(arena_strndup(a, "五社联动xyz", 12), "五社联动"));
	arena_free(a);
	arena_free(NULL);

	/* numbers for PDF content */
	CHECK(!strcmp(num(0, 3), "0"));
	CHECK(!strcmp(num(12.5, 3), "12.5"));
	CHECK(!strcmp(num(-0.25, 2), "-0.25"));
	CHECK(!strcmp(num(595.2756, 3), "595.276"));
	CHECK(!strcmp(num(-0.0001, 2), "0"));
	CHECK(!strcmp(num(1000, 0), "1000"));
	CHECK(!strcmp(num(1e300, 2), "0"));

	/* UTF-8 */
	uint32_t cp;
	CHECK(utf8_decode("\xE4\xBA\x94", 3, &cp) == 3 && cp == 0x4E94);
	CHECK(utf8_decode("\xF0\xA0\xAE\xB7", 4, &cp) == 4 && cp == 0x20BB7);
	CHECK(utf8_decode("\xC0\xAF", 2, &cp) == 0 && cp == 0xFFFD);       /* overlong */
	CHECK(utf8_decode("\xED\xA0\x80", 3, &cp) == 0);                   /* surrogate */
	CHECK(utf8_decode("\xE4\xBA", 2, &cp) == 0);                       /* truncated */
	CHECK(utf8_check("ab\xE4\xBA\x94\xFF", 6) == 5);
	char e[4];
	CHECK(utf8_encode(0x20BB7, e) == 4 && !memcmp(e, "\xF0\xA0\xAE\xB7", 4));
	CHECK(utf8_encode(0xD800, e) == 3 && !memcmp(e, "\xEF\xBF\xBD", 3));

	/* diagnostics: file:line:col, coalesced repeats */
	char out[2048] = "";
	FILE *m = fmemopen(out, sizeof out - 1, "w");
	struct diag *d = diag_new(m);
	diag_at(d, DIAG_ERROR, (struct srcpos){"a.txt", 12, 5}, "bad %s", "thing");
	diag_at(d, DIAG_WARNING, (struct srcpos){"a.txt", 3, 0}, "same");
	diag_at(d, DIAG_WARNING, (struct srcpos){"a.txt", 4, 0}, "same");
	diag_msg(d, DIAG_NOTE, "hello");
	CHECK(diag_errors(d) == 1 && diag_warnings(d) == 2);
	diag_free(d);
	fclose(m);
	CHECK(strstr(out, "a.txt:12:5: error: bad thing\n"));
	CHECK(strstr(out, "a.txt:3: warning: same\n"));
	CHECK(!strstr(out, "a.txt:4:"));
	CHECK(strstr(out, "paiban: note: hello\n"));
	CHECK(strstr(out, "paiban: note: 1 more like: same\n"));
	CHECK(err_exit_code(ERR_FONT) == 3 && err_exit_code(ERR_USAGE) == 2 && err_exit_code(ERR_IO) == 4);

	/* document model and its JSON */
	struct doc *doc = doc_new("x.txt");
	struct srcpos pos = {"x.txt", 1, 1};
	CHECK(doc_set(doc, &doc->title, "标题 \"q\"\n", (size_t)-1, pos) == ERR_OK);
	CHECK(doc_add_credit(doc, "记者", (size_t)-1, pos) == ERR_OK);
	CHECK(doc_add_name(doc, "张三", (size_t)-1) == ERR_OK);
	CHECK(doc_add_name(doc, "李四", (size_t)-1) == ERR_OK);
	CHECK(doc_add_name(doc, "王五", (size_t)-1) == ERR_OK);
	for (int i = 0; i < 100; i++)
		CHECK(doc_add_block(doc, i % 10 ? DOC_PARA : DOC_HEADING, i % 10 ? 0 : 2, "段", (size_t)-1, pos) == ERR_OK);
	CHECK(doc_add_keyword(doc, "社会工作", (size_t)-1, pos) == ERR_OK);
	struct buf b;
	buf_init(&b);
	doc_to_json(doc, &b);
	const char *j = buf_cstr(&b);
	CHECK(strstr(j, "\"title\": \"标题 \\\"q\\\"\\n\""));
	CHECK(strstr(j, "\"byline\": [\n    {\"role\": \"记者\", \"names\": [\"张三\", \"李四\", \"王五\"]}\n  ]"));
	CHECK(strstr(j, "\"subtitle\": null"));
	CHECK(strstr(j, "{\"type\": \"heading\", \"level\": 2, \"text\": \"段\", \"line\": 1, \"col\": 1}"));
	CHECK(strstr(j, "\"keywords\": [\"社会工作\"]"));
	CHECK(doc->n_blocks == 100 && doc->blocks[99].type == DOC_PARA);
	buf_reset(&b);
	doc_byline_names(doc, "、", &b);
	CHECK(!strcmp(buf_cstr(&b), "张三、李四、王五"));
	buf_free(&b);
	doc_free(doc);

	/* the block tree: containers, item numbers, spans, depth limit */
	doc = doc_new("t.md");
	CHECK(doc_open(doc, DOC_LIST, 1, 3, pos) == ERR_OK);
	CHECK(doc_open(doc, DOC_ITEM, 0, 0, pos) == ERR_OK);
	CHECK(doc_add_block(doc, DOC_PARA, 0, "一项", (size_t)-1, pos) == ERR_OK);
	doc_close(doc);
	CHECK(doc_open(doc, DOC_ITEM, 0, 0, pos) == ERR_OK);
	CHECK(doc_add_block(doc, DOC_PARA, 0, "二项 em", (size_t)-1, pos) == ERR_OK);
	CHECK(doc_add_span(doc, doc->n_blocks - 1, DOC_SPAN_LINK, 7, 2, "https://x/", 10) == ERR_OK);
	CHECK(doc_add_span(doc, doc->n_blocks - 1, DOC_SPAN_EM, 7, 9, NULL, 0) == ERR_OK); /* past the end: ignored */
	CHECK(doc_add_block(doc, DOC_PARA, 0, "续", (size_t)-1, pos) == ERR_OK);
	doc_drop_last(doc);
	doc_close(doc);
	doc_close(doc);
	CHECK(doc_add_block(doc, DOC_PARA, 0, "后", (size_t)-1, pos) == ERR_OK);
	CHECK(doc->n_blocks == 6);
	CHECK(doc->blocks[0].type == DOC_LIST && doc->blocks[0].end == 5 && doc->blocks[0].number == 3);
	CHECK(doc->blocks[1].number == 3 && doc->blocks[3].number == 4 && doc->blocks[3].end == 5);
	CHECK(doc->blocks[4].parent == 3 && doc->blocks[4].depth == 2 && doc->blocks[4].n_spans == 1);
	CHECK(doc->blocks[5].parent == -1 && doc->blocks[5].depth == 0);
	buf_init(&b);
	doc_to_json(doc, &b);
	j = buf_cstr(&b);
	CHECK(strstr(j, "{\"type\": \"list\", \"ordered\": true, \"start\": 3, \"line\": 1, \"col\": 1, \"children\": [\n"
			"      {\"type\": \"item\", \"number\": 3, \"line\": 1, \"col\": 1, \"children\": [\n"
			"        {\"type\": \"paragraph\", \"text\": \"一项\", \"line\": 1, \"col\": 1}\n      ]},"));
	CHECK(strstr(j, "\"spans\": [{\"kind\": \"link\", \"start\": 7, \"len\": 2, \"href\": \"https://x/\"}]"));
	CHECK(strstr(j, "\n    ]},\n    {\"type\": \"paragraph\", \"text\": \"后\""));
	buf_free(&b);
	doc_free(doc);
	doc = doc_new("deep.md");
	for (int i = 0; i < 40; i++)
		CHECK(doc_open(doc, DOC_QUOTE, 0, 0, pos) == ERR_OK);
	CHECK(doc_add_block(doc, DOC_PARA, 0, "深", (size_t)-1, pos) == ERR_OK);
	CHECK(doc->n_blocks == DOC_MAX_DEPTH + 1 && doc->blocks[DOC_MAX_DEPTH].depth == DOC_MAX_DEPTH);
	for (int i = 0; i < 40; i++)
		doc_close(doc);
	CHECK(doc_add_block(doc, DOC_PARA, 0, "浅", (size_t)-1, pos) == ERR_OK);
	CHECK(doc->blocks[doc->n_blocks - 1].depth == 0 && doc->blocks[0].end == DOC_MAX_DEPTH + 1);
	doc_free(doc);
	if (fails)
		return 1;
	printf("test_base: ok\n");
	return 0;
}
