/* test_tagged.c: the structure a composed article carries (compose.h; page.h struct
   page_elem) and the tagged PDF pdf_write_mem makes of it.

   A document with every block kind, containers included (a bullet list of two items, one of
   them holding a nested list, a block quote, a table with a header row, code, headings of
   levels 2 to 6, an image whose file is missing), composed in a4-article, must give: the
   title H1, subtitle and dateline P under the document; each block its element by the
   model's tree (L > LI > LBody > P, BlockQuote > P, Table > TR > TH / TD, Code, H2..H6, the
   an unprinted image's caption left out); every span of a line naming the element whose block
   it sets (the text of an element's spans is its block's text, spaces aside); the footers
   artifacts. In a digest (opts.digest with a section) the section's name is a P and the
   article an Art with the document's language. The PDF holds the catalog's /MarkInfo,
   /StructTreeRoot and /Lang, one StructElem per element with content, and poppler's
   pdfinfo -struct-text gives the text back in order. */
#include "layout/compose.h"
#include "model/doc.h"
#include "render/pdf.h"
#include "shape/shape.h"
#include "style/style.h"
#include "base/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fails;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

#define OUT "build/test-out/test_tagged.pdf"

static const struct srcpos P0 = {"t.md", 1, 1};

/* The document: blocks in order, containers opened and closed around them. */
static struct doc *make_doc(void)
{
	struct doc *d = doc_new("t.md");
	doc_set(d, &d->title, "结构测试", (size_t)-1, P0);
	doc_set(d, &d->subtitle, "副题", (size_t)-1, P0);
	doc_set(d, &d->source, "测试日报", (size_t)-1, P0);
	doc_set(d, &d->lang, "zh-Hans", (size_t)-1, P0);
	doc_add_block(d, DOC_PARA, 0, "第一段正文。", (size_t)-1, P0);
	doc_add_block(d, DOC_HEADING, 2, "二级标题", (size_t)-1, P0);
	doc_open(d, DOC_LIST, 0, 1, P0);
	doc_open(d, DOC_ITEM, 0, 1, P0);
	doc_add_block(d, DOC_PARA, 0, "第一项", (size_t)-1, P0);
	doc_close(d);
	doc_open(d, DOC_ITEM, 0, 1, P0);
	doc_add_block(d, DOC_PARA, 0, "第二项", (size_t)-1, P0);
	doc_open(d, DOC_LIST, 1, 1, P0);
	doc_open(d, DOC_ITEM, 0, 1, P0);
	doc_add_block(d, DOC_PARA, 0, "嵌套一项", (size_t)-1, P0);
	doc_close(d);
	doc_close(d);
	doc_close(d);
	doc_close(d);
	doc_open(d, DOC_QUOTE, 0, 1, P0);
	doc_add_block(d, DOC_PARA, 0, "引用的段落。", (size_t)-1, P0);
	doc_close(d);
	doc_open(d, DOC_TABLE, 0, 1, P0);
	doc_open(d, DOC_ROW, 0, 1, P0);
	doc_add_block(d, DOC_CELL, 1, "项目", (size_t)-1, P0);
	doc_add_block(d, DOC_CELL, 1, "数量", (size_t)-1, P0);
	doc_close(d);
	doc_open(d, DOC_ROW, 0, 1, P0);
	doc_add_block(d, DOC_CELL, 0, "社区", (size_t)-1, P0);
	doc_add_block(d, DOC_CELL, 0, "12", (size_t)-1, P0);
	doc_close(d);
	doc_close(d);
	doc_add_block(d, DOC_CODE, 0, "make test", (size_t)-1, P0);
	doc_add_block(d, DOC_HEADING, 3, "三级", (size_t)-1, P0);
	doc_add_block(d, DOC_HEADING, 4, "四级", (size_t)-1, P0);
	doc_add_block(d, DOC_HEADING, 5, "五级", (size_t)-1, P0);
	doc_add_block(d, DOC_HEADING, 6, "六级", (size_t)-1, P0);
	doc_add_image(d, "no-such-image.png", "图注文字", P0);
	doc_add_block(d, DOC_PARA, 0, "末段。", (size_t)-1, P0);
	doc_close_all(d);
	return d;
}

/* The chain of tags from element i up to the document, as "P<LBody<LI<L". */
static void chain(const struct pagedoc *pd, int i, char *out, size_t n)
{
	out[0] = 0;
	for (int q = i; q >= 0; q = pd->elems[q].parent) {
		if (q != i)
			strncat(out, "<", n - strlen(out) - 1);
		strncat(out, page_tag_name(pd->elems[q].tag), n - strlen(out) - 1);
	}
}

/* The text of the spans naming element i, spaces left out. */
static void elem_text(const struct pagedoc *pd, int i, struct buf *b)
{
	b->len = 0;
	for (size_t p = 0; p < pd->n_pages; p++) {
		const struct page *pg = &pd->pages[p];
		uint32_t cur = 0;
		for (size_t k = 0; k < pg->n_glyphs; k++) {
			if (pg->glyphs[k].flags & PAGE_SPAN_START)
				cur = pg->glyphs[k].elem;
			if (cur != (uint32_t)i + 1)
				continue;
			size_t len;
			const char *t = page_glyph_text(pg, &pg->glyphs[k], &len);
			for (size_t j = 0; j < len; j++)
				if (t[j] != ' ')
					buf_putc(b, t[j]);
		}
	}
	buf_cstr(b);
}

/* The element whose spans read text (spaces left out); -1 when none. */
static int find(const struct pagedoc *pd, const char *text, struct buf *b)
{
	for (size_t i = 0; i < pd->n_elems; i++) {
		elem_text(pd, (int)i, b);
		if (!strcmp(buf_cstr(b), text))
			return (int)i;
	}
	return -1;
}

static void expect(const struct pagedoc *pd, const char *text, const char *want, struct buf *b)
{
	char got[256];
	int i = find(pd, text, b);
	if (i < 0) {
		fprintf(stderr, "FAIL: no element reads '%s'\n", text);
		fails++;
		return;
	}
	chain(pd, i, got, sizeof got);
	if (strcmp(got, want)) {
		fprintf(stderr, "FAIL: '%s' is %s, want %s\n", text, got, want);
		fails++;
	}
}

int main(void)
{
	struct diag *d = diag_new(stderr);
	struct style st;
	style_defaults(&st);
	struct fontset *fs = NULL;
	struct shaper *sh = NULL;
	CHECK(style_load(&st, "fonts/roles.conf", d) == ERR_OK);
	CHECK(style_load(&st, "styles/a4-article.style", d) == ERR_OK);
	CHECK(fontset_new(d, &fs) == ERR_OK);
	CHECK(shaper_new(fs, d, &sh) == ERR_OK);
	if (fails)
		return 1;
	diag_set_quiet(d, 1); /* the missing image's warning */
	struct doc *doc = make_doc();
	struct pagedoc pd;
	pagedoc_init(&pd, st.page_w, st.page_h);
	CHECK(compose_article_dump(doc, &st, fs, sh, d, &pd, NULL, NULL) == ERR_OK);
	struct buf b;
	buf_init(&b);
	expect(&pd, "结构测试", "H1", &b);
	expect(&pd, "副题", "P", &b);
	expect(&pd, "第一段正文。", "P", &b);
	expect(&pd, "二级标题", "H2", &b);
	expect(&pd, "第一项", "P<LBody<LI<L", &b);
	expect(&pd, "第二项", "P<LBody<LI<L", &b);
	expect(&pd, "●", "Lbl<LI<L", &b); /* the markers: each item's Lbl before its LBody */
	expect(&pd, "（1）", "Lbl<LI<L<LBody<LI<L", &b);
	expect(&pd, "嵌套一项", "P<LBody<LI<L<LBody<LI<L", &b);
	expect(&pd, "引用的段落。", "P<BlockQuote", &b);
	expect(&pd, "项目", "TH<TR<Table", &b);
	expect(&pd, "数量", "TH<TR<Table", &b);
	expect(&pd, "社区", "TD<TR<Table", &b);
	expect(&pd, "12", "TD<TR<Table", &b);
	expect(&pd, "maketest", "Code", &b);
	expect(&pd, "三级", "H3", &b);
	expect(&pd, "四级", "H4", &b);
	expect(&pd, "五级", "H5", &b);
	expect(&pd, "六级", "H6", &b);
	CHECK(find(&pd, "图注文字", &b) < 0); /* an unprinted image: its caption left out too */
	expect(&pd, "末段。", "P", &b);
	/* both items are in one list; the nested list inside the second */
	int i1 = find(&pd, "第一项", &b), i2 = find(&pd, "第二项", &b), i3 = find(&pd, "嵌套一项", &b);
	if (i1 >= 0 && i2 >= 0 && i3 >= 0) {
		int l1 = pd.elems[pd.elems[pd.elems[i1].parent].parent].parent;
		int l2 = pd.elems[pd.elems[pd.elems[i2].parent].parent].parent;
		CHECK(l1 == l2);
		CHECK(pd.elems[pd.elems[pd.elems[pd.elems[i3].parent].parent].parent].parent ==
		      pd.elems[i2].parent);
	}
	/* the masthead and the footer are artifacts; every other span names an element */
	size_t artifacts = 0;
	for (size_t p = 0; p < pd.n_pages; p++)
		for (size_t k = 0; k < pd.pages[p].n_glyphs; k++)
			if ((pd.pages[p].glyphs[k].flags & PAGE_SPAN_START) && !pd.pages[p].glyphs[k].elem) {
				size_t len;
				const char *t = page_glyph_text(&pd.pages[p], &pd.pages[p].glyphs[k], &len);
				CHECK(len && (!strncmp(t, "测", len) || !strncmp(t, "第", len)));
				artifacts++;
			}
	CHECK(artifacts == pd.n_pages + 1); /* the masthead (source, no date), the footers */

	/* the PDF */
	struct buf pdf;
	buf_init(&pdf);
	struct pdf_meta m = {"结构测试", NULL, NULL, NULL, "paiban test", 1650000000LL, 1, "zh-Hans"};
	CHECK(pdf_write_mem(&pd, fs, &m, &pdf, d) == ERR_OK);
	const char *want[] = {"/StructTreeRoot", "/MarkInfo", "/Marked true", "/Lang (zh-Hans)",
			      "/ParentTree", "/StructParents", "/S /Document", "/S /L\012",
			      "/S /LI\012", "/S /LBody", "/S /BlockQuote", "/S /Table", "/S /TR",
			      "/S /TH", "/S /TD", "/S /Code", "/S /H6", "/DisplayDocTitle true",
			      "%PDF-1.5"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!pdf.len || !memmem(pdf.p, pdf.len, want[i], strlen(want[i]))) {
			fprintf(stderr, "FAIL: the PDF has no %s\n", want[i]);
			fails++;
		}
	FILE *f = fopen(OUT, "wb");
	if (f) {
		fwrite(pdf.p, 1, pdf.len, f);
		fclose(f);
		FILE *p = popen("pdfinfo -struct-text " OUT " 2>&1", "r");
		struct buf t;
		buf_init(&t);
		char line[512];
		while (p && fgets(line, sizeof line, p)) {
			char *q = strchr(line, '"'), *r = strrchr(line, '"');
			if (q && r > q)
				for (char *s = q + 1; s < r; s++)
					if (*s != ' ')
						buf_putc(&t, *s);
		}
		if (p)
			pclose(p);
		const char *all = "结构测试副题来源：测试日报第一段正文。二级标题●第一项●第二项（1）嵌套一项引用的段落。"
				  "项目数量社区12maketest三级四级五级六级末段。";
		if (strcmp(buf_cstr(&t), all)) {
			fprintf(stderr, "FAIL: pdfinfo -struct-text gives\n  %s\nwant\n  %s\n", buf_cstr(&t), all);
			fails++;
		}
		buf_free(&t);
	}

	/* a digest's article: its section's name, then an Art with the document's language */
	struct pagedoc dg;
	pagedoc_init(&dg, st.page_w, st.page_h);
	struct compose_opts o = {.digest = 1, .section = "要闻", .article = 0};
	CHECK(compose_article_dump(doc, &st, fs, sh, d, &dg, NULL, &o) == ERR_OK);
	expect(&dg, "要闻", "P", &b);
	expect(&dg, "结构测试", "H1<Art", &b);
	expect(&dg, "第一项", "P<LBody<LI<L<Art", &b);
	int art = -1;
	for (size_t i = 0; i < dg.n_elems; i++)
		if (dg.elems[i].tag == PAGE_TAG_ART)
			art = (int)i;
	CHECK(art >= 0 && dg.elems[art].lang && !strcmp(dg.elems[art].lang, "zh-Hans"));
	/* pagedoc_append rebases the elements and what names them */
	struct pagedoc both;
	pagedoc_init(&both, st.page_w, st.page_h);
	size_t n1 = pd.n_elems;
	CHECK(pagedoc_append(&both, &pd) == ERR_OK);
	CHECK(pagedoc_append(&both, &dg) == ERR_OK);
	expect(&both, "要闻", "P", &b);
	expect(&both, "嵌套一项", "P<LBody<LI<L<LBody<LI<L", &b);
	CHECK(both.elems[n1 + (size_t)art].tag == PAGE_TAG_ART);

	buf_free(&b);
	buf_free(&pdf);
	pagedoc_free(&both);
	pagedoc_free(&pd);
	pagedoc_free(&dg);
	doc_free(doc);
	shaper_free(sh);
	fontset_free(fs);
	diag_free(d);
	if (fails) {
		fprintf(stderr, "test_tagged: %d failed\n", fails);
		return 1;
	}
	printf("test_tagged: ok\n");
	return 0;
}
