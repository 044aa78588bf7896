/* test_structure.c: the printed structure (issue 10 §2) checked from the layout dump and the
   pages of documents built with the model's API: heading levels (heading-2..4), block quotes
   (inset both sides, kai role), lists (markers hung in the indent, never alone on a line,
   nested lists further in, continuation paragraphs aligned with the item text), code blocks
   (mono role, lines as written, long lines wrapped), tables (columns, header row in the strong
   role, rules, a too-wide table one cell a line), emphasis (dots under Han characters, or
   kai / bold as [body] emphasis says), strong spans, links printed as their text.
   Usage: test_structure [-v] [-o DIR]  (-v prints the dumps, -o writes the PDFs). Run from the repository root. */
#include "layout/compose.h"
#include "model/doc.h"
#include "shape/shape.h"
#include "style/style.h"
#include "render/pdf.h"
#include "base/buf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fails, verbose;
static const char *pdf_dir; /* -o DIR: write each layout as DIR/STYLE-EMPHASIS.pdf */
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

static struct srcpos P(unsigned line)
{
	return (struct srcpos){"test.md", line, 1};
}

static void para(struct doc *d, const char *t)
{
	CHECK(doc_add_block(d, DOC_PARA, 0, t, (size_t)-1, P(1)) == ERR_OK);
}

/* A paragraph with one span over the bytes of `span` inside t. */
static void para_span(struct doc *d, const char *t, const char *span, enum doc_span_kind k)
{
	para(d, t);
	const char *at = strstr(t, span);
	CHECK(at != NULL);
	CHECK(doc_add_span(d, d->n_blocks - 1, k, (size_t)(at - t), strlen(span),
			   k == DOC_SPAN_LINK ? "https://example.com/x" : NULL,
			   k == DOC_SPAN_LINK ? 21 : 0) == ERR_OK);
}

static const char *long_para =
	"武汉市新冠肺炎疫情防控指挥部发布通告，全市中小学校、幼儿园、中职学校、"
	"技工院校自即日起恢复线下教学，各校要严格落实晨午检和因病缺勤追踪制度。";

static struct doc *build(void)
{
	struct doc *d = doc_new("test.md");
	CHECK(doc_set(d, &d->title, "结构测试", (size_t)-1, P(1)) == ERR_OK);
	CHECK(doc_add_block(d, DOC_HEADING, 2, "一、总体要求", (size_t)-1, P(2)) == ERR_OK);
	para_span(d, "各地要切实加强组织领导，确保各项措施落实到位。", "切实加强", DOC_SPAN_EM);
	para_span(d, "这是加粗强调的文字。", "加粗强调", DOC_SPAN_STRONG);
	para_span(d, "运行 paiban print 命令即可。", "paiban print", DOC_SPAN_CODE);
	para_span(d, "详见湖北日报网站的报道。", "湖北日报网站", DOC_SPAN_LINK);
	CHECK(doc_add_block(d, DOC_HEADING, 3, "（一）工作目标", (size_t)-1, P(3)) == ERR_OK);
	CHECK(doc_open(d, DOC_QUOTE, 0, 0, P(4)) == ERR_OK);
	para(d, long_para);
	doc_close(d);
	CHECK(doc_add_block(d, DOC_HEADING, 4, "1.具体任务", (size_t)-1, P(5)) == ERR_OK);
	CHECK(doc_open(d, DOC_LIST, 1, 1, P(6)) == ERR_OK);
	for (int i = 0; i < 3; i++) {
		CHECK(doc_open(d, DOC_ITEM, 0, 0, P(7)) == ERR_OK);
		para(d, i == 1 ? long_para : "坚持人民至上、生命至上。");
		if (i == 1) {
			para(d, "这是第二项的续段，与条目文字对齐。");
			CHECK(doc_open(d, DOC_LIST, 0, 0, P(8)) == ERR_OK);
			for (int k = 0; k < 2; k++) {
				CHECK(doc_open(d, DOC_ITEM, 0, 0, P(9)) == ERR_OK);
				para(d, k ? long_para : "嵌套的要点。");
				doc_close(d);
			}
			doc_close(d);
		}
		doc_close(d);
	}
	doc_close(d);
	CHECK(doc_add_block(d, DOC_HEADING, 6, "更深的标题", (size_t)-1, P(10)) == ERR_OK);
	CHECK(doc_add_block(d, DOC_CODE, 0,
			    "int main(void)\n{\n\treturn 0; /* 返回 */\n}\n\n"
			    "printf(\"a very long line of code that certainly does not fit the measure of an A4 page at all\");\n",
			    (size_t)-1, P(11)) == ERR_OK);
	CHECK(doc_open(d, DOC_TABLE, 0, 0, P(12)) == ERR_OK);
	static const char *const cells[3][3] = {
		{"地区", "确诊", "备注"}, {"武汉", "12", "较上周下降"}, {"黄石", "3", "无"}};
	for (int r = 0; r < 3; r++) {
		CHECK(doc_open(d, DOC_ROW, 0, 0, P(13)) == ERR_OK);
		for (int k = 0; k < 3; k++)
			CHECK(doc_add_block(d, DOC_CELL, r == 0, cells[r][k], (size_t)-1, P(13)) == ERR_OK);
		doc_close(d);
	}
	doc_close(d);
	/* a table too wide for its columns: one cell a line */
	CHECK(doc_open(d, DOC_TABLE, 0, 0, P(14)) == ERR_OK);
	for (int r = 0; r < 2; r++) {
		CHECK(doc_open(d, DOC_ROW, 0, 0, P(15)) == ERR_OK);
		for (int k = 0; k < 16; k++)
			CHECK(doc_add_block(d, DOC_CELL, r == 0, r ? "数据内容较长的单元格" : "列名",
					    (size_t)-1, P(15)) == ERR_OK);
		doc_close(d);
	}
	doc_close(d);
	doc_close_all(d);
	return d;
}

struct row {
	char cls[16];
	float y, x0, x1;
	char text[1024];
};

/* Parses the dump's rows of class cls (all when NULL) into rows[]; returns their number. */
static size_t rows_of(const char *dump, const char *cls, struct row *rows, size_t max)
{
	size_t n = 0;
	for (const char *p = dump; *p && n < max;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char line[1200];
		if (len < sizeof line) {
			memcpy(line, p, len);
			line[len] = 0;
			struct row r;
			char col;
			int used = 0;
			if (sscanf(line, "%15s %c %f %f..%f %*s %*s |%n", r.cls, &col, &r.y, &r.x0, &r.x1,
				   &used) == 5 && used) {
				snprintf(r.text, sizeof r.text, "%s", line + used);
				size_t tl = strlen(r.text);
				if (tl && r.text[tl - 1] == '|')
					r.text[tl - 1] = 0;
				if (!cls || !strcmp(cls, r.cls))
					rows[n++] = r;
			}
		}
		p += len + (e ? 1 : 0);
	}
	return n;
}

static int starts(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

/* Counts the glyphs on the pages whose font's family contains fam. */
static size_t glyphs_in(const struct pagedoc *pd, const char *fam)
{
	size_t n = 0;
	for (size_t p = 0; p < pd->n_pages; p++)
		for (size_t g = 0; g < pd->pages[p].n_glyphs; g++)
			n += strstr(pd->pages[p].glyphs[g].font->family, fam) != NULL;
	return n;
}

/* Counts the glyphs in a font of family fam that stand for text t. */
static size_t glyphs_for(const struct pagedoc *pd, const char *fam, const char *t)
{
	size_t n = 0;
	for (size_t p = 0; p < pd->n_pages; p++)
		for (size_t g = 0; g < pd->pages[p].n_glyphs; g++) {
			const struct page_glyph *q = &pd->pages[p].glyphs[g];
			size_t tl;
			const char *x = page_glyph_text(&pd->pages[p], q, &tl);
			n += strstr(q->font->family, fam) && tl == strlen(t) && !memcmp(x, t, tl);
		}
	return n;
}

static size_t dots_on(const struct pagedoc *pd)
{
	size_t n = 0;
	for (size_t p = 0; p < pd->n_pages; p++)
		for (size_t r = 0; r < pd->pages[p].n_rules; r++)
			n += pd->pages[p].rules[r].dot > 0 && pd->pages[p].rules[r].x0 == pd->pages[p].rules[r].x1;
	return n;
}

/* The roles and then styles/NAME.style into st. */
static void load_style(struct style *st, const char *name, struct diag *dg)
{
	style_defaults(st);
	CHECK(style_load(st, "fonts/roles.conf", dg) == ERR_OK);
	char path[256];
	snprintf(path, sizeof path, "styles/%s.style", name);
	CHECK(style_load(st, path, dg) == ERR_OK);
}

static void run(struct fontset *fs, struct shaper *sh, struct diag *dg, const char *style,
		enum style_emphasis em)
{
	struct style st;
	load_style(&st, style, dg);
	st.emphasis = em;
	struct doc *d = build();
	struct pagedoc pd;
	pagedoc_init(&pd, st.page_w, st.page_h);
	struct buf dump;
	buf_init(&dump);
	enum err e = compose_article_dump(d, &st, fs, sh, dg, &pd, &dump, NULL);
	CHECK(e == ERR_OK);
	const char *dt = buf_cstr(&dump);
	if (verbose)
		printf("=== %s emphasis %d\n%s", style, (int)em, dt);
	static struct row rows[2000];
	float left = style_left(&st), M = style_measure(&st);
	/* lists: every item's first line starts with its marker, followed by text */
	size_t n = rows_of(dt, "list", rows, 2000);
	int markers = 0, nested = 0;
	for (size_t i = 0; i < n; i++) {
		const char *t = rows[i].text;
		if (starts(t, "1.") || starts(t, "2.") || starts(t, "3.") || starts(t, "○")) {
			markers++;
			size_t ml = starts(t, "○") ? strlen("○") : 2;
			CHECK(strlen(t) > ml); /* never a marker alone */
			CHECK(rows[i].x0 >= left - 0.01f);
		}
		nested += starts(t, "○");
		CHECK(rows[i].x1 <= left + M + 0.05f);
	}
	CHECK(markers == 5);
	CHECK(nested == 2);
	/* quotes: inset 2 em on both sides (the default [quote]) */
	n = rows_of(dt, "quote", rows, 2000);
	CHECK(n >= 2);
	for (size_t i = 0; i < n; i++) {
		CHECK(rows[i].x0 >= left + st.text[STYLE_QUOTE].margin_left - 0.01f);
		CHECK(rows[i].x1 <= left + M - st.text[STYLE_QUOTE].margin_right + 0.05f);
	}
	if (n >= 2)
		CHECK(fabsf(rows[0].x1 - (left + M - st.text[STYLE_QUOTE].margin_right)) < 0.05f);
	/* code: lines as written, the long one wrapped */
	n = rows_of(dt, "code", rows, 2000);
	CHECK(n >= 7);
	if (n >= 7) {
		CHECK(!strcmp(rows[0].text, "int main(void)"));
		CHECK(!strcmp(rows[1].text, "{"));
		CHECK(!strcmp(rows[2].text, "    return 0; /* 返回 */"));
		CHECK(!strcmp(rows[3].text, "}"));
		CHECK(!strcmp(rows[4].text, ""));
		CHECK(starts(rows[5].text, "printf(\"a very long"));
	}
	/* tables: the first a row per line with its cells, the second one cell a line, each
	   labelled with its column's header */
	n = rows_of(dt, "table", rows, 2000);
	CHECK(n == 3 + 16);
	if (n >= 3) {
		CHECK(!strcmp(rows[0].text, "地区| |确诊| |备注"));
		CHECK(!strcmp(rows[1].text, "武汉| |12| |较上周下降"));
		CHECK(!strcmp(rows[3].text, "列名：数据内容较长的单元格"));
	}
	/* headings of every level are headings */
	n = rows_of(dt, "heading", rows, 2000);
	CHECK(n == 4);
	CHECK(glyphs_in(&pd, "Mono") > 0);
	if (em == STYLE_EM_DOTS)
		CHECK(dots_on(&pd) == 4); /* 切实加强 */
	else
		CHECK(dots_on(&pd) == 0);
	if (em == STYLE_EM_KAI || !strcmp(style, "a4-article")) {
		CHECK(glyphs_in(&pd, "UKai") > 0);
		/* UKai centres its commas (Taiwan): a Simplified quote takes them from the body */
		CHECK(glyphs_for(&pd, "UKai", "，") == 0 && glyphs_for(&pd, "UKai", "。") == 0);
		CHECK(glyphs_for(&pd, "UKai", "武") > 0);
	}
	/* links print their text only */
	CHECK(strstr(dt, "详见湖北日报网站的报道。") != NULL);
	CHECK(strstr(dt, "example.com") == NULL);
	if (pdf_dir) {
		char out[512];
		snprintf(out, sizeof out, "%s/%s-%d.pdf", pdf_dir, style, (int)em);
		CHECK(pdf_write(&pd, fs, NULL, out, dg) == ERR_OK);
	}
	pagedoc_free(&pd);
	buf_free(&dump);
	doc_free(d);
}

/* Hostile structure: containers nested DOC_MAX_DEPTH deep, a table cell of 20 000
   characters, a code line of 20 000 characters: composed without error, every glyph on the
   page. */
static void hostile(struct fontset *fs, struct shaper *sh, struct diag *dg, const char *style)
{
	struct style st;
	load_style(&st, style, dg);
	struct doc *d = doc_new("hostile.md");
	for (int i = 0; i < DOC_MAX_DEPTH; i++) {
		CHECK(doc_open(d, i % 3 == 2 ? DOC_QUOTE : i % 3 ? DOC_ITEM : DOC_LIST, 1, 1000000, P(1)) == ERR_OK);
	}
	para(d, long_para);
	doc_close_all(d);
	struct buf big;
	buf_init(&big);
	for (int i = 0; i < 20000; i++)
		buf_puts(&big, i % 7 ? "数" : "x");
	CHECK(doc_open(d, DOC_TABLE, 0, 0, P(2)) == ERR_OK);
	CHECK(doc_open(d, DOC_ROW, 0, 0, P(2)) == ERR_OK);
	CHECK(doc_add_block(d, DOC_CELL, 0, "短", (size_t)-1, P(2)) == ERR_OK);
	CHECK(doc_add_block(d, DOC_CELL, 0, buf_cstr(&big), big.len, P(2)) == ERR_OK);
	doc_close_all(d);
	CHECK(doc_add_block(d, DOC_CODE, 0, buf_cstr(&big), big.len, P(3)) == ERR_OK);
	struct pagedoc pd;
	pagedoc_init(&pd, st.page_w, st.page_h);
	CHECK(compose_article_dump(d, &st, fs, sh, dg, &pd, NULL, NULL) == ERR_OK);
	size_t off = 0;
	for (size_t p = 0; p < pd.n_pages; p++)
		for (size_t g = 0; g < pd.pages[p].n_glyphs; g++) {
			const struct page_glyph *q = &pd.pages[p].glyphs[g];
			off += q->x < 0 || q->x > st.page_w || q->y < 0 || q->y > st.page_h;
		}
	CHECK(off == 0);
	CHECK(pd.n_pages > 2);
	pagedoc_free(&pd);
	buf_free(&big);
	doc_free(d);
}

/* D9: captions that only name a file are no captions */
/* How many of fs's faces have a family containing fam. */
static int loaded(struct fontset *fs, const char *fam)
{
	int n = 0;
	for (size_t i = 0; i < fontset_count(fs); i++)
		n += strstr(fontset_font(fs, i)->family, fam) != NULL;
	return n;
}

/* A role's faces are loaded when a document first needs them: an article of paragraphs and a
   subhead loads no Kai (AR PL UKai, the kai role) and no mono face (Noto Sans Mono CJK); the
   structure document (a quote, a Kai heading-4, code spans and blocks) loads both, once. */
static void lazy_roles(struct diag *dg)
{
	struct style st;
	load_style(&st, "a4-article", dg);
	struct fontset *fs = NULL;
	struct shaper *sh = NULL;
	CHECK(fontset_new(dg, &fs) == ERR_OK);
	CHECK(shaper_new(fs, dg, &sh) == ERR_OK);
	CHECK(compose_preload(&st, fs, dg) == ERR_OK);
	fontset_seal(fs);
	size_t frame = fontset_count(fs);
	CHECK(frame >= 2 && !loaded(fs, "UKai") && !loaded(fs, "Mono"));
	struct doc *d = doc_new("plain.md");
	CHECK(doc_set(d, &d->title, "只有段落的文章", (size_t)-1, P(1)) == ERR_OK);
	CHECK(doc_add_block(d, DOC_HEADING, 2, "一、小标题", (size_t)-1, P(2)) == ERR_OK);
	para(d, long_para);
	para_span(d, "各地要切实加强组织领导。", "切实加强", DOC_SPAN_EM); /* dots: no Kai */
	doc_close_all(d);
	struct pagedoc pd;
	pagedoc_init(&pd, st.page_w, st.page_h);
	CHECK(compose_article(d, &st, fs, sh, dg, &pd) == ERR_OK);
	CHECK(fontset_count(fs) == frame && !loaded(fs, "UKai") && !loaded(fs, "Mono"));
	pagedoc_free(&pd);
	doc_free(d);
	d = build();
	pagedoc_init(&pd, st.page_w, st.page_h);
	CHECK(compose_article(d, &st, fs, sh, dg, &pd) == ERR_OK);
	if (fontset_installed(fs, "AR PL UKai CN") && fontset_installed(fs, "Noto Sans Mono CJK SC")) {
		CHECK(loaded(fs, "UKai") == 1 && loaded(fs, "Mono") == 1);
		CHECK(glyphs_in(&pd, "UKai") > 0 && glyphs_in(&pd, "Mono") > 0);
	} else {
		printf("test_structure: AR PL UKai CN or Noto Sans Mono CJK SC not installed (make deps): "
		       "the lazy load of the kai and mono faces is not checked\n");
	}
	pagedoc_free(&pd);
	doc_free(d);
	shaper_free(sh);
	fontset_free(fs);
}

static void captions(void)
{
	static const char *const names[] = {"Tango-nosources.svg", "Ambox wikify.svg",
		"Kim Jong Kook at Malaysia for Running Man Fan Meeting Asian Tour 2014.jpg",
		"003ednc20190925", "IMG_20190925_1200", "DSC012345", "photo.JPEG",
		"http://a.cn/x.jpg", "https://a.cn/p?id=1", "www.a.cn/pic", "//cdn.a.cn/x",
		"data:image/png;base64,AAAA"};
	static const char *const kept[] = {"无性婚姻能走多远？", "BBC报道截图", "Foto: LA NACION",
		"iPhone15", "2019年10月15日，沈阳", "G20峰会", "Kenya is getting ready", "游民星空",
		"图为 logo.png 的样子", "图注big.png", ""};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!doc_caption_is_name(names[i])) {
			fprintf(stderr, "FAIL: '%s' is a file name\n", names[i]);
			fails++;
		}
	for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
		if (doc_caption_is_name(kept[i])) {
			fprintf(stderr, "FAIL: '%s' is a caption\n", kept[i]);
			fails++;
		}
	struct doc *d = doc_new("t.md");
	CHECK(d && doc_add_image(d, "a.png", "a.png", P(1)) == ERR_OK &&
	      doc_add_image(d, "b.png", "说明文字", P(2)) == ERR_OK);
	CHECK(d && d->n_blocks == 2 && !strcmp(d->blocks[0].text, "") &&
	      !strcmp(d->blocks[1].text, "说明文字"));
	doc_free(d);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			pdf_dir = argv[++i];
	}
	struct diag *dg = diag_new(stderr);
	struct fontset *fs = NULL;
	struct shaper *sh = NULL;
	CHECK(fontset_new(dg, &fs) == ERR_OK);
	CHECK(shaper_new(fs, dg, &sh) == ERR_OK);
	static const char *const presets[] = {"a4-article", "a4-two-column", "a5-book", "ereader-6in",
					       "gb9704", "jianbao", "large-print"};
	for (size_t i = 0; i < sizeof presets / sizeof *presets; i++)
		run(fs, sh, dg, presets[i], STYLE_EM_DOTS);
	run(fs, sh, dg, "a4-article", STYLE_EM_KAI);
	run(fs, sh, dg, "a4-article", STYLE_EM_BOLD);
	hostile(fs, sh, dg, "a4-article");
	hostile(fs, sh, dg, "a4-two-column");
	captions();
	lazy_roles(dg);
	shaper_free(sh);
	fontset_free(fs);
	diag_free(dg);
	if (fails)
		fprintf(stderr, "%d failures\n", fails);
	else
		printf("test_structure: ok\n");
	return fails != 0;
}
