/* test_textdump.c: exact assertions on the plain-text reader, PUNCT-NORM, dates and decoding.
   Run from the repository root (reads samples/). Exits 1 when any assertion fails. */
#include "parse/parse.h"
#include "parse/encoding.h"
#include "parse/punct.h"
#include "parse/textdump.h"
#include "model/doc.h"
#include "base/buf.h"
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE "samples/hubei-2022-04-06-wushe-liandong.txt"

static int failures, checks;

#define CHECK(c)                                                                         \
	do {                                                                             \
		checks++;                                                                \
		if (!(c)) {                                                              \
			fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #c);    \
			failures++;                                                      \
		}                                                                        \
	} while (0)

#define CHECK_STR(got, want) test_str(__FILE__, __LINE__, #got, (got), (want))

static void test_str(const char *file, int line, const char *expr, const char *got,
		     const char *want)
{
	checks++;
	if ((!got && !want) || (got && want && !strcmp(got, want)))
		return;
	fprintf(stderr, "%s:%d: FAIL: %s\n    got:  %s%s%s\n    want: %s%s%s\n", file, line, expr,
		got ? "\"" : "", got ? got : "NULL", got ? "\"" : "", want ? "\"" : "",
		want ? want : "NULL", want ? "\"" : "");
	failures++;
}

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

/* The diagnostics printed so far (valid until cap_close). */
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

/* Two paragraphs of an English article body, for the page cases. */
#define COURT_TEXT                                                                                \
	"The justice is the tip of the spear for those challenging the administration in court. "  \
	"He is a fierce questioner, ready to trap advocates in their arguments.\n"                 \
	"The solicitor general responds with a steady pitch and precision, and is not derailed.\n"

/* A page dump as users paste it: six copies of the menu lines, then the parts (NULL ends
   them); read with c's diagnostics (NULL when the reader fails, which is a failed check). */
static struct doc *read_page_parts(struct capture *c, const char *menu, const char *const *parts)
{
	struct buf t;
	buf_init(&t);
	for (int i = 0; i < 6; i++)
		buf_puts(&t, menu);
	for (; *parts; parts++)
		buf_puts(&t, *parts);
	struct doc *d = NULL;
	CHECK(parse_buffer("page.txt", t.p, t.len, c->d, &d) == ERR_OK);
	buf_free(&t);
	return d;
}
#define read_page(c, menu, ...) read_page_parts(c, menu, (const char *const[]){__VA_ARGS__, NULL})

static enum err parse_str(const char *s, struct capture *c, struct doc **out)
{
	return parse_buffer("t.txt", s, strlen(s), c->d, out);
}

static size_t count_sub(const char *s, const char *sub)
{
	size_t n = 0, k = strlen(sub);
	for (const char *p = strstr(s, sub); p; p = strstr(p + k, sub))
		n++;
	return n;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *p = malloc(1 << 20);
	*len = p ? fread(p, 1, (1 << 20) - 1, f) : 0;
	if (p)
		p[*len] = 0;
	fclose(f);
	return p;
}

static const char *credit_name(const struct doc *d, size_t i, size_t k)
{
	return i < d->n_byline && k < d->byline[i].n_names ? d->byline[i].names[k] : NULL;
}

static const char *credit_role(const struct doc *d, size_t i)
{
	return i < d->n_byline ? d->byline[i].role : NULL;
}

static const char *keyword(const struct doc *d, size_t i)
{
	return i < d->n_keywords ? d->keywords[i].text : NULL;
}

static int starts(const char *s, const char *prefix)
{
	return s && !strncmp(s, prefix, strlen(prefix));
}

/* ---- the sample ---- */

static void test_sample(void)
{
	struct capture c;
	struct doc *d = NULL;
	cap_open(&c);
	size_t len;
	char *orig = read_all(SAMPLE, &len);
	CHECK(orig != NULL);
	enum err e = parse_file(SAMPLE, c.d, &d);
	CHECK(e == ERR_OK);
	CHECK(d != NULL);
	if (!d || !orig)
		goto done;
	CHECK(diag_warnings(c.d) == 0 && diag_errors(c.d) == 0);

	CHECK_STR(d->title.text, "“五社联动”促基层治理——湖北各地开展社会工作主题宣传活动");
	CHECK_STR(d->subtitle.text, NULL);
	CHECK_STR(d->published.text, "2022-04-06T14:30:22");
	CHECK_STR(d->source.text, "湖北日报");
	CHECK_STR(d->url.text, NULL);
	CHECK_STR(d->editor.text, "ERM523");
	CHECK(d->n_keywords == 1);
	CHECK_STR(keyword(d, 0), "社会工作");
	CHECK(d->n_byline == 2);
	CHECK_STR(credit_role(d, 0), "湖北日报全媒记者");
	CHECK(d->n_byline > 0 && d->byline[0].n_names == 1);
	CHECK_STR(credit_name(d, 0, 0), "李光正");
	CHECK_STR(credit_role(d, 1), "通讯员");
	CHECK(d->n_byline > 1 && d->byline[1].n_names == 1);
	CHECK_STR(credit_name(d, 1, 0), "姚韦伟");

	/* blocks: 11 paragraphs and 3 subheads, in order */
	static const struct {
		int heading;
		const char *start;
		unsigned line;
	} want[] = {
		{0, "“‘五社联动’是提升基层社会治理效能的工具箱，能够", 7},
		{0, "3月中下旬，省民政厅根据民政部的统一安排部署", 9},
		{1, "培训研讨，形成推进“五社联动”的共识", 11},
		{0, "3月16日，省民政厅举行全省慈善事业", 13},
		{0, "湖北省社会工作联合会以视频会议的方式", 15},
		{0, "为了帮助一线社会工作者更好掌握", 17},
		{1, "树立典型，营造共促“五社联动”的氛围", 19},
		{0, "2021年3月，为提升“五社联动”理论研究", 21},
		{0, "3月16日，武汉市民政局举办社会工作主题宣传活动", 23},
		{0, "鄂州等地民政部门对优秀一线社会工作者", 25},
		{1, "专业服务，切实增强“五社联动”的实效", 27},
		{0, "在主题宣传活动期间，省民政厅积极动员", 29},
		{0, "社会工作枢纽型组织和服务机构注重", 31},
		{0, "乡镇（街道）、村（社区）社会工作服务站点", 33},
	};
	CHECK(d->n_blocks == 14);
	for (size_t i = 0; i < d->n_blocks && i < sizeof want / sizeof *want; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (want[i].heading) {
			CHECK(b->type == DOC_HEADING && b->level == 2);
			CHECK_STR(b->text, want[i].start); /* headings whole */
		} else {
			CHECK(b->type == DOC_PARA && b->level == 0);
			if (!starts(b->text, want[i].start))
				CHECK_STR(b->text, want[i].start);
		}
		CHECK(b->pos.line == want[i].line && b->pos.col == 1);
		CHECK(b->pos.file && !strcmp(b->pos.file, SAMPLE));
		/* no chrome, no tail, no byline line, no ASCII comma left */
		CHECK(!strstr(b->text, "打印 放大 缩小"));
		CHECK(!strstr(b->text, "最近更新"));
		CHECK(!strstr(b->text, "湖北援沪90后护士"));
		CHECK(!strstr(b->text, "李光正"));
		CHECK(!strstr(b->text, "责任编辑"));
		CHECK(!strchr(b->text, ','));
		CHECK(!strchr(b->text, '(') && !strchr(b->text, ')'));
	}
	if (d->n_blocks == 14) {
		CHECK(strstr(d->blocks[3].text, "科（股）长"));
		CHECK(starts(d->blocks[13].text, "乡镇（街道）、村（社区）"));
		/* the last paragraph ends with its own last sentence */
		CHECK(strstr(d->blocks[13].text, "弘扬了社会正能量。") != NULL);
	}
	/* the body held 55 of the file's 60 ASCII commas: all became ， */
	size_t wide = 0;
	for (size_t i = 0; i < d->n_blocks; i++)
		wide += count_sub(d->blocks[i].text, "，");
	CHECK(wide == 55);
	/* PUNCT-NORM over the whole file: all 60 ASCII commas touch Han text */
	CHECK(count_sub(orig, ",") == 60 && count_sub(orig, "，") == 0);
	struct buf all;
	buf_init(&all);
	punct_normalize(orig, len, &all);
	CHECK(count_sub(buf_cstr(&all), ",") == 0);
	CHECK(count_sub(buf_cstr(&all), "，") == 60);
	buf_free(&all);

	/* field positions */
	CHECK(d->title.pos.line == 1 && d->title.pos.col == 1);
	CHECK(d->published.pos.line == 3 && d->source.pos.line == 3);
	CHECK(d->n_byline == 2 && d->byline[0].pos.line == 35);
	CHECK(d->n_keywords == 1 && d->keywords[0].pos.line == 37);
	CHECK(d->editor.pos.line == 39);

	/* the input file was not modified */
	size_t len2;
	char *again = read_all(SAMPLE, &len2);
	CHECK(again && len2 == len && !memcmp(again, orig, len));
	free(again);
done:
	doc_free(d);
	free(orig);
	cap_close(&c);
}

/* ---- PUNCT-NORM ---- */

static void test_punct(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"你好,世界", "你好，世界"},
		{"来源:湖北日报", "来源：湖北日报"},
		{"一;二", "一；二"},
		{"好!", "好！"},
		{"是吗?", "是吗？"},
		{"真的吗?!", "真的吗？！"},
		{"(湖北日报全媒记者 李光正 通讯员 姚韦伟)", "（湖北日报全媒记者 李光正 通讯员 姚韦伟）"},
		{"科(股)长", "科（股）长"},
		{"乡镇(街道)、村(社区)", "乡镇（街道）、村（社区）"},
		{"路透社(Reuters)报道", "路透社（Reuters）报道"},
		{"(注(一))", "（注（一））"},
		{"“五社联动”,推动", "“五社联动”，推动"},
		{"工作 , 民政", "工作，民政"},
		{"关键词: 社会工作", "关键词：社会工作"},
		{"时间:12:30", "时间：12:30"},
		{"共2,000名", "共2,000名"},
		{"了850,当天", "了850，当天"},
		/* Latin and numbers stay ASCII */
		{"Hello, world", "Hello, world"},
		{"3.5", "3.5"},
		{"12:30", "12:30"},
		{"1,000", "1,000"},
		{"(Reuters)", "(Reuters)"},
		{"(Reuters) - Apple said, on Monday: yes!", "(Reuters) - Apple said, on Monday: yes!"},
		{"“hello”, he said", "“hello”, he said"},
		{"比分3:1", "比分3:1"},
		/* D1: no space next to a full-width mark (a hole, stretched first); quotes, dashes
		   and ellipses count as full width only with CJK on the space's other side */
		{"退休了， 作为", "退休了，作为"},
		{"“武汉社工关爱基金” 在启动仪式", "“武汉社工关爱基金”在启动仪式"},
		{"他说： “你好”", "他说：“你好”"},
		{"文字 （括号） 文字", "文字（括号）文字"},
		{"文字 (括号) 文字", "文字（括号）文字"}, /* the '(' widened after Han: no space before it */
		{"营地赏枫 (2)", "营地赏枫（2）"},
		{"营地赏枫 (2", "营地赏枫（2"},
		{"（ 注 ）", "（注）"},
		{"名单 《条例》 发布", "名单《条例》发布"},
		{"关爱 “蓝天使” 服务", "关爱“蓝天使”服务"},
		{"said “hello” and", "said “hello” and"},
		{"wait … then", "wait … then"},
		{"李光正 通讯员 姚韦伟", "李光正 通讯员 姚韦伟"},
		{"主编　叶景丽", "主编　叶景丽"},
		{"见 https://example.com/a?b=1,2 网站", "见 https://example.com/a?b=1,2 网站"},
		{"见http://a.cn/x,谢谢", "见http://a.cn/x，谢谢"},
		/* D9: ASCII double quotes pair on a line; a pair holding or touching Han text is
		   “…”, with the spaces it had against Han text dropped */
		{"称\"美樹\"说", "称“美樹”说"},
		{"\"玉峰國小\"的學生", "“玉峰國小”的學生"},
		{"他说 \"你好\" 然后", "他说“你好”然后"},
		{"口号 \" 加油 \" 响起", "口号“加油”响起"},
		{"他说:\"好\"", "他说：“好”"},
		{"名为\"iPhone\"的", "名为“iPhone”的"},
		{"He said \"yes\" twice", "He said \"yes\" twice"},
		{"a \"b\" c 中", "a \"b\" c 中"},
		{"名为 \"iPhone\" 的", "名为“iPhone”的"},
		{"只有一个\"引号", "只有一个\"引号"},
		{"\"一\"和\"二\"", "“一”和“二”"},
		{"行\"一\n二\"行", "行\"一\n二\"行"},
		{"(\"中\")", "（“中”）"},
		{"\"中(文\"字)", "\"中（文\"字）"},
		{"15.6\"屏幕和13\"屏幕", "15.6\"屏幕和13\"屏幕"},
		{"称\"2022\"年", "称“2022”年"},
		/* D9: three or more ASCII dots next to Han text are …… */
		{"自縊...", "自縊……"},
		{"等等......还有", "等等……还有"},
		{"然后 ... 结束", "然后……结束"},
		{"...开始", "……开始"},
		{"Wait... 好", "Wait... 好"},
		{"1...5", "1...5"},
		{"a.b..中", "a.b..中"},
		/* unmatched parentheses follow the neighbour rule */
		{"注(未完", "注（未完"},
		{"完)了", "完）了"},
		{"a (b", "a (b"},
		/* spaces: trimmed, collapsed, kept where they were */
		{"  　正文  ", "正文"},
		{"五社联动聚合力 社工服务暖基层", "五社联动聚合力 社工服务暖基层"},
		{"a  \t b", "a b"},
		{"张三　　李四", "张三　李四"},
		{"一行  \n  二行\t\n", "一行\n二行"},
		{"", ""},
		{"   ", ""},
	};
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf_reset(&b);
		punct_normalize(cases[i].in, strlen(cases[i].in), &b);
		CHECK_STR(buf_cstr(&b), cases[i].out);
	}
	/* appends, never resets */
	buf_reset(&b);
	buf_puts(&b, "前");
	punct_normalize("中,文", 7, &b);
	CHECK_STR(buf_cstr(&b), "前中，文");
	/* deep nesting does not crash and still pairs the outer levels */
	char deep[2 * PUNCT_MAX_DEPTH + 64];
	size_t n = 0;
	for (int i = 0; i < PUNCT_MAX_DEPTH + 8; i++)
		deep[n++] = '(';
	memcpy(deep + n, "\xE4\xB8\xAD", 3); /* 中 */
	n += 3;
	for (int i = 0; i < PUNCT_MAX_DEPTH + 8; i++)
		deep[n++] = ')';
	buf_reset(&b);
	punct_normalize(deep, n, &b);
	CHECK(!b.oom && count_sub(buf_cstr(&b), "（") >= PUNCT_MAX_DEPTH);
	buf_free(&b);
	CHECK(punct_is_han(0x4E2D) && !punct_is_han(0xFF0C) && punct_is_cjk(0xFF0C));
	CHECK(!punct_is_cjk('a') && punct_is_cjk(0x3001) && punct_is_space(0x3000));
}

/* ---- dates ---- */

static void test_dates(void)
{
	static const struct {
		const char *in, *iso;
		size_t len; /* bytes read; 0: no date */
	} cases[] = {
		{"2022-04-06 14:30:22", "2022-04-06T14:30:22", 19},
		{"Dec 28 Sat 2013 00:28", "2013-12-28T00:28", 21}, /* the weekday between */
		{"28 آب/اغسطس 2013", "2013-08-28", 23}, /* Arabic: both names of the month */
		{"5 كانون الثاني 2020", "2020-01-05", 30},
		{"5 يناير 2020", "2020-01-05", 17},
		{"الأربعاء، 28 آب 2013", "2013-08-28", 31}, /* a weekday and the Arabic comma */
		{"16 November 2017 \xE2\x80\xA2 2:15pm", "2017-11-16T14:15", 27}, /* a bullet before the time */
		{"Dec 28 Sat2013", NULL, 0},
		{"2022-04-06 14:30", "2022-04-06T14:30", 16},
		{"2022-04-06", "2022-04-06", 10},
		{"2022/4/6", "2022-04-06", 8},
		{"2022.4.6", "2022-04-06", 8},
		{"2022年4月6日 14:30", "2022-04-06T14:30", 21},
		{"2022年04月06日08:12", "2022-04-06T08:12", 22},
		{"2022年4月6日", "2022-04-06", 15},
		{"2022年4月6日 14时30分", "2022-04-06T14:30", 26},
		{"2022-04-06T14:30:22", "2022-04-06T14:30:22", 19},
		{"2022-04-06 14:30:22 来源:湖北日报", "2022-04-06T14:30:22", 19},
		{"2022-04-06　14：30", "2022-04-06T14:30", 20},
		{"2024-02-29", "2024-02-29", 10},
		{"2022-04-06 25:00", "2022-04-06", 10}, /* not a time: the date alone */
		{"2022-02-29", NULL, 0},
		{"2022-13-01", NULL, 0},
		{"2022-04-32", NULL, 0},
		{"2022-04/06", NULL, 0},
		{"22-04-06", NULL, 0},
		{"20220406", NULL, 0},
		{"2022年4月", NULL, 0},
		{"12:30", NULL, 0},
		{"1800-01-01", NULL, 0},
		/* year last: day first (European pages), month first only when the day is > 12 */
		{"06/02/2022 - 13:48", "2022-02-06T13:48", 18},
		{"7/5/2005 9:23:57 PM", "2005-05-07T21:23:57", 19},
		{"7/25/2005", "2005-07-25", 9},
		{"25.12.2021", "2021-12-25", 10},
		{"13/13/2021", NULL, 0},
		/* English month names, weekdays, a.m./p.m. */
		{"June 13, 2016", "2016-06-13", 13},
		{"Sept. 3, 2019 at 10:05 a.m.", "2019-09-03T10:05", 27},
		{"13 June 2016", "2016-06-13", 12},
		{"Sat, 09 Nov 2025 20:00:00", "2025-11-09T20:00:00", 25},
		{"Saturday, December 27, 2014, 12:06 PM", "2014-12-27T12:06", 37},
		{"December 27, 2014 12:30 AM", "2014-12-27T00:30", 26},
		{"Jun 13, 4:03 PM EDT", NULL, 0}, /* no year: never guessed */
		{"may be 2016", NULL, 0},
		/* Spanish, Portuguese, French, German, Italian month names; a month in capitals */
		{"jueves, 09 enero 2014 - 10:21 h", "2014-01-09T10:21", 29},
		{"21.dez.2018 às 12h55", "2018-12-21T12:55", 21},
		{"28 de junio de 2016", "2016-06-28", 19},
		{"quinta-feira, 21 de dezembro de 2018", "2018-12-21", 36},
		{"mercredi 21 décembre 2018 à 14h05", "2018-12-21T14:05", 35},
		{"Mittwoch, 8. April 2015 um 12:46", "2015-04-08T12:46", 32},
		{"3 febbraio 2020", "2020-02-03", 15},
		{"NOV 7, 2023 2:00 AM", "2023-11-07T02:00", 19},
		{"7 marsupials 2016", NULL, 0},
		{"5 out of 2016", NULL, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char iso[DUMP_ISO_MAX] = "untouched";
		size_t k = dump_date(cases[i].in, strlen(cases[i].in), iso);
		if (k != cases[i].len)
			fprintf(stderr, "  date \"%s\": read %zu bytes, want %zu\n", cases[i].in, k,
				cases[i].len);
		CHECK(k == cases[i].len);
		CHECK_STR(iso, cases[i].iso ? cases[i].iso : "untouched");
	}
	/* through the reader: every form lands in published */
	static const struct {
		const char *line, *iso;
	} lines[] = {
		{"发布时间：2022年4月6日 14:30  来源：新华社  作者：张三", "2022-04-06T14:30"},
		{"2022/4/6", "2022-04-06"},
		{"时间:2022年04月06日08:12", "2022-04-06T08:12"},
		{"2022-04-06 14:30 星期三", "2022-04-06T14:30"},
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		char text[512];
		snprintf(text, sizeof text, "标题\n%s\n正文第一段。\n", lines[i].line);
		struct capture c;
		struct doc *d = NULL;
		cap_open(&c);
		CHECK(parse_str(text, &c, &d) == ERR_OK);
		if (d) {
			CHECK_STR(d->published.text, lines[i].iso);
			CHECK(d->n_blocks == 1);
		}
		doc_free(d);
		cap_close(&c);
	}
}

/* ---- encodings ---- */

static const char *const article =
	"武汉樱花季迎来客流高峰\r\n"
	"2022-04-06 08:00 来源：湖北日报\r\n"
	"本报讯（记者 张三）4月5日,东湖樱园迎来赏樱客流高峰。\r\n"
	"景区实行分时段预约,每个时段限流8000人。\r\n";

static void test_gb18030(void)
{
	char gb[1024], *in = (char *)article, *o = gb;
	size_t inleft = strlen(article), oleft = sizeof gb;
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	CHECK(cd != (iconv_t)-1);
	if (cd == (iconv_t)-1)
		return;
	CHECK(iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1);
	iconv_close(cd);
	size_t n = (size_t)(o - gb);
	CHECK(n < strlen(article)); /* two bytes a Han character instead of three */

	struct capture c;
	cap_open(&c);
	struct buf out;
	buf_init(&out);
	enum enc_kind kind = ENC_UTF8;
	CHECK(enc_decode("gb.txt", gb, n, c.d, &out, &kind) == ERR_OK);
	CHECK(kind == ENC_GB18030);
	CHECK(strstr(buf_cstr(&out), "武汉樱花季迎来客流高峰\n2022") != NULL);
	CHECK(!strchr(buf_cstr(&out), '\r'));
	buf_free(&out);

	struct doc *d = NULL;
	CHECK(parse_buffer("gb.txt", gb, n, c.d, &d) == ERR_OK);
	CHECK(strstr(cap_text(&c), "gb.txt: note: input is not UTF-8; decoded as GB18030") != NULL);
	CHECK(diag_warnings(c.d) == 0);
	if (d) {
		CHECK_STR(d->title.text, "武汉樱花季迎来客流高峰");
		CHECK_STR(d->source.text, "湖北日报");
		CHECK_STR(d->published.text, "2022-04-06T08:00");
		CHECK_STR(credit_role(d, 0), "记者");
		CHECK_STR(credit_name(d, 0, 0), "张三");
		CHECK(d->n_blocks == 2);
		if (d->n_blocks == 2) {
			CHECK_STR(d->blocks[0].text, "本报讯（记者 张三）4月5日，东湖樱园迎来赏樱客流高峰。");
			CHECK(d->blocks[1].pos.line == 4);
		}
	}
	doc_free(d);
	cap_close(&c);
}

/* Converts utf8 to charset `to` into out (cap bytes); returns the length, 0 on failure. */
static size_t to_charset(const char *to, const char *utf8, char *out, size_t cap)
{
	char *in = (char *)utf8, *o = out;
	size_t inleft = strlen(utf8), oleft = cap;
	iconv_t cd = iconv_open(to, "UTF-8");
	if (cd == (iconv_t)-1)
		return 0;
	size_t r = iconv(cd, &in, &inleft, &o, &oleft);
	iconv_close(cd);
	return r == (size_t)-1 ? 0 : cap - oleft;
}

/* A Traditional Chinese article saved as Big5 ("ANSI" on a Traditional Windows) decodes as
   GB18030 too, into nonsense: the detector's Big5 wins; an English text in windows-1252 (curly
   quotes) is read as windows-1252, not as GB18030 pairs. */
static void test_detected(void)
{
	static const char *const tw =
		"悲慟！北市士林年邁母子 住處上吊自殺身亡\n"
		"2018/09/16 15:31 中時電子報 記者謝明俊／台北報導\n"
		"台北市士林區一處民宅今天下午傳出一對年邁母子在住處上吊身亡，警方獲報到場時兩人已無生命跡象，"
		"初步調查沒有外力介入，詳細死因仍待檢察官相驗釐清。\n"
		"鄰居表示，這對母子平時深居簡出，很少與人往來，兒子長年照顧行動不便的母親，生活相當辛苦。\n";
	char b5[2048];
	size_t n = to_charset("BIG5", tw, b5, sizeof b5);
	CHECK(n > 0);
	struct capture c;
	cap_open(&c);
	struct doc *d = NULL;
	CHECK(parse_buffer("tw.txt", b5, n, c.d, &d) == ERR_OK);
	CHECK(strstr(cap_text(&c), "tw.txt: note: input is not UTF-8; decoded as ") != NULL &&
	      strstr(cap_text(&c), "CP950") != NULL);
	if (d) {
		CHECK_STR(d->title.text, "悲慟！北市士林年邁母子 住處上吊自殺身亡");
		CHECK(d->n_blocks == 2);
	}
	doc_free(d);
	cap_close(&c);

	static const char *const en =
		"Storm clears in time for the holiday\n"
		"November 28, 2013\n"
		"The weather that threatened to ground the giant balloons at New York’s parade cleared "
		"overnight, and forecasters said travellers’ roads would be “smooth sailing” for the rest of "
		"the week.\n"
		"Airports in the Northeast reported few delays on Thursday morning, a day after thousands of "
		"flights were held up by rain and wind along the coast.\n";
	char w[2048];
	n = to_charset("WINDOWS-1252", en, w, sizeof w);
	CHECK(n > 0);
	cap_open(&c);
	d = NULL;
	CHECK(parse_buffer("en.txt", w, n, c.d, &d) == ERR_OK);
	CHECK(strstr(cap_text(&c), "en.txt: note: input is not UTF-8; decoded as WINDOWS-1252 (detected)") != NULL);
	if (d) {
		CHECK_STR(d->title.text, "Storm clears in time for the holiday");
		CHECK(d->n_blocks == 2 && strstr(d->blocks[0].text, "New York’s parade"));
	}
	doc_free(d);
	cap_close(&c);
}

/* HZ (RFC 1843): "~{" GB mode with the high bits cleared, "~}" back, "~~" a tilde, "~" before a
   line end joining the lines; not taken for HZ: a stray "~{" never closed, or 8-bit input. */
static void test_hz(void)
{
	/* 五社联动 = CE E5 C9 E7 C1 AA B6 AF in GB2312; 治理 = D6 CE C0 ED */
	static const char hz[] = "~{NeIgA*6/~}\r\nA~~B ~\n~{VN@m~}2022\n";
	CHECK(enc_is_hz(hz, sizeof hz - 1));
	CHECK(!enc_is_hz("x=~{abcdefgh and more\n", 22));
	CHECK(!enc_is_hz("~{NeIg~}\xE4\xB8\x80", 11));
	CHECK(!enc_is_hz("a ~} b ~~ c", 11));
	struct buf out;
	buf_init(&out);
	CHECK(enc_hz_decode(hz, sizeof hz - 1, &out) == ERR_OK);
	CHECK_STR(buf_cstr(&out), "五社联动\nA~B 治理2022\n");
	buf_free(&out);

	struct capture c;
	cap_open(&c);
	buf_init(&out);
	enum enc_kind kind = ENC_UTF8;
	CHECK(enc_decode("hz.txt", hz, sizeof hz - 1, c.d, &out, &kind) == ERR_OK);
	CHECK(kind == ENC_HZ);
	CHECK(strstr(cap_text(&c), "hz.txt: note: input is HZ-encoded GB2312") != NULL);
	buf_free(&out);
	cap_close(&c);
}

static void test_bom_crlf(void)
{
	char text[1024];
	snprintf(text, sizeof text, "\xEF\xBB\xBF%s", article);
	struct capture c;
	cap_open(&c);
	struct doc *d = NULL, *plain = NULL;
	CHECK(parse_str(text, &c, &d) == ERR_OK);
	CHECK(diag_warnings(c.d) == 0 && !strstr(cap_text(&c), "GB18030"));
	if (d) {
		CHECK_STR(d->title.text, "武汉樱花季迎来客流高峰");
		CHECK(d->n_blocks == 2);
	}
	/* the same article with LF, and with lone CR, gives the same document */
	char lf[1024], cr[1024];
	size_t k = 0, m = 0;
	for (const char *p = article; *p; p++) {
		if (*p == '\r')
			continue;
		lf[k++] = *p;
		cr[m++] = *p == '\n' ? '\r' : *p;
	}
	lf[k] = 0;
	cr[m] = 0;
	for (int pass = 0; pass < 2; pass++) {
		CHECK(parse_str(pass ? cr : lf, &c, &plain) == ERR_OK);
		if (d && plain) {
			struct buf a, b;
			buf_init(&a);
			buf_init(&b);
			doc_to_json(d, &a);
			doc_to_json(plain, &b);
			CHECK_STR(buf_cstr(&b), buf_cstr(&a));
			CHECK(plain->n_blocks == 2 && plain->blocks[1].pos.line == 4);
			buf_free(&a);
			buf_free(&b);
		}
		doc_free(plain);
		plain = NULL;
	}
	doc_free(d);
	cap_close(&c);
}

static void test_invalid_utf8(void)
{
	/* 标题 (6 bytes) LF 正文 (6): 0xFF at offset 13 on line 2; 第一段。LF (13), 第二段 (9): the
	   truncated sequence at offset 36 on line 3 */
	const char text[] = "标题\n正文\xFF第一段。\n第二段\xE4\xBD，完。\n";
	struct capture c;
	cap_open(&c);
	struct doc *d = NULL;
	CHECK(parse_buffer("bad.txt", text, sizeof text - 1, c.d, &d) == ERR_OK);
	const char *msg = cap_text(&c);
	CHECK(strstr(msg, "bad.txt:2: warning: invalid UTF-8 byte 0xFF at byte offset 13, "
			  "replaced by U+FFFD") != NULL);
	CHECK(strstr(msg, "bad.txt:3: warning: invalid UTF-8 byte 0xE4 at byte offset 36, "
			  "replaced by U+FFFD") != NULL);
	CHECK(diag_warnings(c.d) == 2);
	if (d) {
		CHECK_STR(d->title.text, "标题");
		CHECK(d->n_blocks == 2);
		if (d->n_blocks == 2) {
			CHECK_STR(d->blocks[0].text, "正文\xEF\xBF\xBD第一段。");
			/* a truncated sequence is one U+FFFD */
			CHECK_STR(d->blocks[1].text, "第二段\xEF\xBF\xBD，完。");
		}
	}
	doc_free(d);
	/* a flood of bad bytes: at most ENC_MAX_WARNINGS warnings, then one note */
	char flood[200];
	memset(flood, 0xFF, sizeof flood);
	memcpy(flood, "T\n", 2);
	struct buf out;
	buf_init(&out);
	struct capture c2;
	cap_open(&c2);
	CHECK(enc_decode("f.txt", flood, sizeof flood, c2.d, &out, NULL) == ERR_OK);
	CHECK(diag_warnings(c2.d) == ENC_MAX_WARNINGS);
	CHECK(strstr(cap_text(&c2), "f.txt: note: 178 more invalid UTF-8 sequences") != NULL);
	buf_free(&out);
	cap_close(&c2);
	cap_close(&c);
}

/* ---- refused input ---- */

static void test_refused(void)
{
	static const struct {
		const char *data;
		size_t len;
		const char *msg;
	} cases[] = {
		{"", 0, "x.txt: error: empty input"},
		{"\x89PNG\r\n\x1a\n....", 12, "x.txt: error: binary input (a PNG image)"},
		{"%PDF-1.7\n", 9, "x.txt: error: binary input (a PDF document)"},
		{"PK\x03\x04....", 8, "x.txt: error: binary input (a ZIP archive"},
		{"标题\n正\0文\n", 15, "x.txt: error: binary input (NUL byte at byte offset 10)"},
		{" \n\t\n　\n", 8, "x.txt: error: input has no text"},
		{"打印 放大 缩小\n【打印】【关闭】\n", (size_t)-1, "x.txt: error: no article text"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct capture c;
		cap_open(&c);
		struct doc *d = (struct doc *)&c; /* must be reset to NULL */
		size_t len = cases[i].len == (size_t)-1 ? strlen(cases[i].data) : cases[i].len;
		enum err e = parse_buffer("x.txt", cases[i].data, len, c.d, &d);
		CHECK(e == ERR_INPUT);
		CHECK(d == NULL);
		if (!strstr(cap_text(&c), cases[i].msg))
			CHECK_STR(cap_text(&c), cases[i].msg);
		cap_close(&c);
	}
	struct capture c;
	cap_open(&c);
	struct doc *d = NULL;
	CHECK(parse_file("tests/parse/no-such-file.txt", c.d, &d) == ERR_IO && !d);
	CHECK(strstr(cap_text(&c), "no-such-file.txt: error: cannot open") != NULL);
	CHECK(parse_file("tests", c.d, &d) == ERR_IO && !d);
	/* size limit: checked before the data is looked at */
	char *big = calloc(1, PARSE_MAX_INPUT + 1);
	if (big) {
		CHECK(parse_buffer("big.txt", big, PARSE_MAX_INPUT + 1, c.d, &d) == ERR_LIMIT && !d);
		CHECK(strstr(cap_text(&c), "big.txt: error: input larger than 67108864 bytes") != NULL);
		free(big);
	}
	/* a line longer than DUMP_MAX_LINE_BYTES */
	size_t n = DUMP_MAX_LINE_BYTES + 16;
	char *line = malloc(n + 1);
	if (line) {
		memcpy(line, "标题\n", 7);
		memset(line + 7, 'a', n - 7);
		line[n] = 0;
		CHECK(parse_buffer("long.txt", line, n, c.d, &d) == ERR_LIMIT && !d);
		CHECK(strstr(cap_text(&c), "long.txt:2:1: error: line longer than") != NULL);
		free(line);
	}
	/* more than DUMP_MAX_BLOCKS paragraphs */
	size_t count = DUMP_MAX_BLOCKS + 2;
	struct buf many;
	buf_init(&many);
	for (size_t i = 0; i < count; i++)
		buf_puts(&many, "段落。\n");
	CHECK(parse_buffer("many.txt", many.p, many.len, c.d, &d) == ERR_LIMIT && !d);
	CHECK(strstr(cap_text(&c), "error: more than 200000 paragraphs") != NULL);
	buf_free(&many);
	/* HTML goes to its own reader (not written yet), not to the text reader */
	CHECK(parse_detect("a.html", "x", 1) == PARSE_HTML);
	CHECK(parse_detect("a.txt", "\n <!DOCTYPE html>", 17) == PARSE_HTML);
	CHECK(parse_detect("a.md", "# x", 3) == PARSE_MARKDOWN);
	CHECK(parse_detect("a.txt", "标题", 6) == PARSE_TEXT);
	CHECK(parse_buffer("a.html", "<html></html>", 13, c.d, &d) == ERR_INPUT && !d);
	cap_close(&c);
}

/* ---- page chrome and metadata variants ---- */

static struct doc *parse_ok(const char *text, struct capture *c)
{
	struct doc *d = NULL;
	enum err e = parse_str(text, c, &d);
	if (e != ERR_OK)
		fprintf(stderr, "  parse failed (%s) on:\n%s\n%s", err_str(e), text, cap_text(c));
	CHECK(e == ERR_OK);
	return d;
}

static void test_variants(void)
{
	struct capture c;
	cap_open(&c);

	/* xinhua style: breadcrumbs, bracketed chrome, dateline byline, (完), editor, tail */
	struct doc *d = parse_ok(
		"首页 > 新闻中心 > 正文\n"
		"我国春季农业生产有序推进\n"
		"2022年04月06日08:12　来源：新华网\n"
		"【字体：大 中 小】【打印】【关闭】\n"
		"新华社北京4月6日电（记者 王五、赵六）记者6日从农业农村部获悉,春播进度快于去年。\n"
		"专家建议,做好防灾减灾工作。（完）\n"
		"【责任编辑：张三】\n"
		"分享到：微信 微博\n"
		"相关新闻\n"
		"全国春播进度过半\n", &c);
	if (d) {
		CHECK_STR(d->title.text, "我国春季农业生产有序推进");
		CHECK_STR(d->published.text, "2022-04-06T08:12");
		CHECK_STR(d->source.text, "新华网");
		CHECK_STR(d->editor.text, "张三");
		CHECK(d->n_byline == 1 && d->byline[0].n_names == 2);
		CHECK_STR(credit_role(d, 0), "记者");
		CHECK_STR(credit_name(d, 0, 0), "王五");
		CHECK_STR(credit_name(d, 0, 1), "赵六");
		CHECK(d->n_blocks == 2);
		if (d->n_blocks == 2) {
			CHECK_STR(d->blocks[0].text,
				  "新华社北京4月6日电（记者 王五、赵六）记者6日从农业农村部获悉，春播进度快于去年。");
			CHECK_STR(d->blocks[1].text, "专家建议，做好防灾减灾工作。");
			CHECK(d->blocks[1].pos.line == 6);
		}
	}
	doc_free(d);

	/* metadata with several fields on a line, chrome lines, editor ranks, byline line */
	d = parse_ok("关于开展宣传活动的通知\n"
		     "发布时间：2022年4月6日 14:30  来源：新华社  作者：张三\n"
		     "字号：大 中 小\n"
		     "打印本页 关闭窗口\n"
		     "第一段正文。\n"
		     "第二段正文。\n"
		     "（记者 李四 实习生 王五）\n"
		     "编辑：赵六 审核：钱七\n"
		     "责编：孙八\n"
		     "关键词：社会工作、五社联动,宣传 活动\n"
		     "上一篇：另一篇文章\n"
		     "下一篇：又一篇文章\n"
		     "扫一扫在手机打开当前页\n"
		     "返回顶部\n", &c);
	if (d) {
		CHECK_STR(d->published.text, "2022-04-06T14:30");
		CHECK_STR(d->source.text, "新华社");
		CHECK_STR(d->editor.text, "孙八"); /* 责编 ranks above 编辑 and 审核 */
		CHECK(d->n_byline == 3);
		CHECK_STR(credit_role(d, 0), "作者");
		CHECK_STR(credit_name(d, 0, 0), "张三");
		CHECK_STR(credit_role(d, 1), "记者");
		CHECK_STR(credit_name(d, 1, 0), "李四");
		CHECK_STR(credit_role(d, 2), "实习生");
		CHECK_STR(credit_name(d, 2, 0), "王五");
		CHECK(d->n_keywords == 4);
		CHECK_STR(keyword(d, 0), "社会工作");
		CHECK_STR(keyword(d, 1), "五社联动");
		CHECK_STR(keyword(d, 2), "宣传");
		CHECK_STR(keyword(d, 3), "活动");
		CHECK(d->n_blocks == 2);
	}
	doc_free(d);

	/* 本报讯 byline, subtitle, metadata after the body, final bracket byline in the text */
	d = parse_ok("武汉樱花季迎来客流高峰\n"
		     "——东湖樱园单日接待游客超5万人次\n"
		     "2022/4/6  湖北日报\n"
		     "本报讯（记者 张三 通讯员 李四）4月5日，东湖樱园迎来赏樱高峰。\n"
		     "\n"
		     "据悉，樱花花期预计持续到4月中旬。（湖北日报全媒记者 张三 王五）\n"
		     "\n"
		     "来源：湖北日报\n"
		     "作者：张三\n"
		     "编辑：李四\n", &c);
	if (d) {
		CHECK_STR(d->subtitle.text, "——东湖樱园单日接待游客超5万人次");
		CHECK_STR(d->published.text, "2022-04-06");
		CHECK_STR(d->source.text, "湖北日报");
		CHECK_STR(d->editor.text, "李四");
		/* each name once: 张三 from the dateline, 王五 added from the closing bracket */
		CHECK(d->n_byline == 3);
		CHECK_STR(credit_name(d, 0, 0), "张三");
		CHECK_STR(credit_role(d, 1), "通讯员");
		CHECK_STR(credit_role(d, 2), "湖北日报全媒记者");
		CHECK(d->n_byline == 3 && d->byline[2].n_names == 1);
		CHECK_STR(credit_name(d, 2, 0), "王五");
		CHECK(d->n_blocks == 2);
		if (d->n_blocks == 2) {
			CHECK(starts(d->blocks[0].text, "本报讯（记者 张三 通讯员 李四）4月5日"));
			CHECK_STR(d->blocks[1].text, "据悉，樱花花期预计持续到4月中旬。");
			CHECK(d->blocks[1].pos.line == 6);
		}
	}
	doc_free(d);

	/* [责任编辑:X], ASCII colons, (完) line, 来源/编辑 before the body */
	d = parse_ok("标题\n来源:人民网\n编辑:小王\n正文一。\n正文二。\n(完)\n[责任编辑:王小二]\n", &c);
	if (d) {
		CHECK_STR(d->source.text, "人民网");
		CHECK_STR(d->editor.text, "王小二");
		CHECK(d->n_blocks == 2 && d->n_byline == 0);
	}
	doc_free(d);

	/* a tail heading before the body started is only a line; body text is never cut */
	d = parse_ok("标题\n热点推荐\n正文一。\n短行\n正文二很长，很长。\n推荐阅读\n别的新闻\n", &c);
	if (d) {
		CHECK(d->n_blocks == 3);
		if (d->n_blocks == 3) {
			CHECK_STR(d->blocks[0].text, "正文一。");
			CHECK(d->blocks[1].type == DOC_HEADING);
			CHECK_STR(d->blocks[2].text, "正文二很长，很长。");
		}
	}
	doc_free(d);

	/* metadata-looking lines inside the body stay paragraphs; prose is never metadata */
	d = parse_ok("活动通知\n正文第一段。\n时间：2022年4月10日\n地点：武汉市\n"
		     "作者系湖北大学教授。\n结尾段落。\n", &c);
	if (d) {
		CHECK(d->n_blocks == 5);
		CHECK(d->published.text == NULL);
		CHECK(d->n_byline == 0);
	}
	doc_free(d);

	/* subheads: numbered and unnumbered; lists and closing lines are not */
	d = parse_ok("工作方案\n"
		     "为做好工作，制定本方案。\n"  /* 0 */
		     "一、总体要求\n"              /* 1 heading */
		     "（一）指导思想\n"            /* 2 heading */
		     "坚持以人民为中心。\n"        /* 3 */
		     "主要步骤如下：\n"            /* 4 */
		     "1. 召开会议\n"               /* 5 list */
		     "2. 开展培训\n"               /* 6 list */
		     "请认真落实。\n"              /* 7 */
		     "加强组织领导\n"              /* 8 heading */
		     "各地要高度重视。\n"          /* 9 */
		     "湖北省民政厅\n"              /* 10 signature */
		     "2022年4月6日\n", &c);        /* 11 signature date */
	if (d) {
		static const int heading[] = {0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0};
		CHECK(d->n_blocks == 12);
		for (size_t i = 0; i < d->n_blocks && i < 12; i++) {
			if ((d->blocks[i].type == DOC_HEADING) != heading[i])
				fprintf(stderr, "  block %zu \"%s\": heading %d, want %d\n", i,
					d->blocks[i].text, d->blocks[i].type == DOC_HEADING, heading[i]);
			CHECK((d->blocks[i].type == DOC_HEADING) == heading[i]);
		}
		CHECK_STR(d->published.text, "2022-04-06");
	}
	doc_free(d);

	/* no metadata at all: first line title, the rest body */
	d = parse_ok("只有标题\n第一段,有逗号。\n\n\n第二段!\n", &c);
	if (d) {
		CHECK_STR(d->title.text, "只有标题");
		CHECK(d->n_blocks == 2 && d->blocks[1].pos.line == 5);
		CHECK(d->n_blocks == 2 && !strcmp(d->blocks[1].text, "第二段！"));
	}
	doc_free(d);

	/* a single line: the title, and a warning that there is no body */
	unsigned w = diag_warnings(c.d);
	d = parse_ok("只有一行\n", &c);
	CHECK(d && d->n_blocks == 0 && diag_warnings(c.d) == w + 1);
	doc_free(d);

	/* a first line that is a paragraph, not a title */
	d = parse_ok("这是一段很长的文字，它不是标题，而是正文的第一段，因为它很长并且以句号结尾，"
		     "所以读者不应把它当作标题，它应该作为正文的第一个段落出现在文档中。\n第二段。\n", &c);
	CHECK(d && d->title.text == NULL && d->n_blocks == 2);
	doc_free(d);

	cap_close(&c);
}

/* Credit shapes: a name glued to 发自, a □ mark, 执笔人, a bracketed Latin form of a name, a
   credit line after the last sentence followed by a chrome line, the dateline of the second
   paragraph. */
/* Field lines as portals write them: a verb before its date without a colon, counters with
   the number first, a key glued to its value, a wide gap after the outlet; words that are no
   outlet, no role and no name. */
static void test_field_shapes(void)
{
	static const char *const body = "2014年8月22日，由北京知道创宇联合知乎网主办的第三届知道安全论坛在北京鸟巢举行。\n";
	char text[1024];
	struct capture c;
	cap_open(&c);
	snprintf(text, sizeof text, "第三届知道安全论坛鸟巢举办\n"
		 "发表于2014-08-24 21:30| 1164次阅读| 来源CSDN| 0 条评论| 作者魏星\n%s", body);
	struct doc *d = parse_ok(text, &c);
	if (d) {
		CHECK_STR(d->published.text, "2014-08-24T21:30");
		CHECK_STR(d->source.text, "CSDN");
		CHECK(d->n_byline == 1 && !strcmp(credit_role(d, 0), "作者") && !strcmp(credit_name(d, 0, 0), "魏星"));
		CHECK(d->n_blocks == 1);
	}
	doc_free(d);
	snprintf(text, sizeof text, "经济学家：改革一定要加快\n"
		 "http://biz.163.com　2005-04-25 08:24:06　来源: 第一财经日报　　　网友评论 0 条\n%s", body);
	d = parse_ok(text, &c);
	if (d)
		CHECK_STR(d->source.text, "第一财经日报");
	doc_free(d);
	snprintf(text, sizeof text, "Alaskan halibut provides a glimpse of Amazon's strategy\n"
		 "April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm\n"
		 "Seattle's oldest fishing boat brought in its first catch of the season on Sunday.\n");
	d = parse_ok(text, &c);
	if (d) {
		CHECK_STR(d->published.text, "2019-04-28T06:01");
		CHECK(!d->source.text);
	}
	doc_free(d);
	/* a blog engine's post footer (cnblogs, .Text): dated, names the poster, not printed */
	snprintf(text, sizeof text, "很高兴入住博客堂\n%s"
		 "posted @ 2019-09-08 12:00 张三 阅读(123) 评论(0) 编辑 收藏\n", body);
	d = parse_ok(text, &c);
	if (d) {
		CHECK_STR(d->published.text, "2019-09-08T12:00");
		CHECK(d->n_byline == 1 && !strcmp(credit_name(d, 0, 0), "张三"));
		CHECK(d->n_blocks == 1);
	}
	doc_free(d);
	/* 最新更新：/最近更新： before a date is a dateline (最近更新 alone heads a related list); a
	   time relative to the day the page was seen is not printed and gives no date */
	static const char *const dated[] = {"最新更新：2022-04-06 14:30", "最近更新：2022-04-06 14:30", "3 小时前", "昨天"};
	for (size_t q = 0; q < sizeof dated / sizeof *dated; q++) {
		snprintf(text, sizeof text, "民政部：推动社会工作服务站全覆盖\n%s\n%s", dated[q], body);
		d = parse_ok(text, &c);
		if (d) {
			CHECK(q < 2 ? d->published.text && !strcmp(d->published.text, "2022-04-06T14:30") : !d->published.text);
			CHECK(d->n_blocks == 1);
		}
		doc_free(d);
	}
	/* follow-us and tip-line footers under the article are chrome */
	snprintf(text, sizeof text, "民政部：推动社会工作服务站全覆盖\n2022-04-06 08:25 来源：澎湃新闻\n%s"
		 "责任编辑：王五\n澎湃新闻报料：021-962866\n关注公众号：人民网\n更多精彩内容请进入国内新闻频道\n", body);
	d = parse_ok(text, &c);
	if (d) {
		CHECK(d->n_blocks == 1);
		CHECK_STR(d->editor.text, "王五");
	}
	doc_free(d);
	/* a portal's picture marker after the headline; 来源：转载 names no outlet */
	snprintf(text, sizeof text, "娱乐圈受黑社会控制？明星挨打事件回顾（组图）\n"
		 "2005-04-27 14:32 来源：转载\n%s来源：千龙网\n", body);
	d = parse_ok(text, &c);
	if (d) {
		CHECK_STR(d->title.text, "娱乐圈受黑社会控制？明星挨打事件回顾");
		CHECK_STR(d->source.text, "千龙网");
	}
	doc_free(d);
	snprintf(text, sizeof text, "首页\n新闻\n体育\n第三届知道安全论坛鸟巢举办\n发表于2014-08-24 21:30\n%s"
		 "您的发表的评论将在5分钟内被审核，请耐心等待\n", body);
	d = parse_ok(text, &c);
	if (d) {
		CHECK(d->n_byline == 0); /* 首页 is no blog owner */
		CHECK(!d->editor.text);  /* 被审核 is a verb */
	}
	doc_free(d);
	cap_close(&c);
}

/* Layouts of other sites: an English page whose byline has the outlet under the name and the
   date under a label; a Taiwanese page with outlet／記者name／place報導 and 延伸閱讀 alone over
   its links. */
static void test_site_layouts(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = parse_ok("Skip to content\nHome\nNews\nSport\nWeather\n"
				 "Social workers to get new training scheme\nBy Jane Doe\nBBC News\nPublished\n"
				 "6 April 2022\nShare\n"
				 "Social workers in England will be offered a new training scheme from next year, the government has announced.\n"
				 "The scheme aims to recruit 2,000 new social workers over three years and to keep more experienced staff.\n"
				 "Unions welcomed the announcement but warned that pay and workload remained the main reasons people leave.\n"
				 "Related Topics\nSocial care\n", &c);
	if (d) {
		CHECK_STR(d->title.text, "Social workers to get new training scheme");
		CHECK_STR(d->published.text, "2022-04-06");
		CHECK(d->n_byline == 1 && !strcmp(credit_name(d, 0, 0), "Jane Doe"));
		CHECK(d->n_blocks == 3);
	}
	doc_free(d);
	d = parse_ok("聯合新聞網\n首頁\n即時\n要聞\n社會\n社工人力短缺 衛福部擬擴大補助\n"
		     "2022-04-06 08:25 聯合報／記者張三／台北即時報導\n"
		     "衛福部今天表示，為解決社工人力短缺問題，將擴大補助地方政府聘用社工，並提高社工薪資。\n"
		     "衛福部官員指出，目前全國社工人力缺口約兩千人，明年起將分三年逐步補足。\n"
		     "延伸閱讀\n其他新聞標題一\n", &c);
	if (d) {
		CHECK_STR(d->title.text, "社工人力短缺 衛福部擬擴大補助");
		CHECK(d->n_byline == 1 && !strcmp(credit_role(d, 0), "記者") && !strcmp(credit_name(d, 0, 0), "張三"));
		CHECK(d->n_blocks == 2);
	}
	doc_free(d);
	/* a standfirst and a name with its post (no By) between the headline and the date; Read
	   Next and Our Standards end an English article; a Hong Kong page's keywords after ﹕ */
	d = parse_ok("Skip to main content\nNews\nOpinion\nSport\nSociety\n"
		     "Social workers' pay to rise by 5% in new deal\n"
		     "Unions say the offer does not go far enough to fix recruitment crisis\n"
		     "Jane Doe Social affairs correspondent\nWed 6 Apr 2022 08.25 BST\n"
		     "Social workers in England are to receive a 5% pay rise under a deal agreed with employers.\n"
		     "The agreement, which covers about 100,000 staff, was reached after months of talks.\n"
		     "Our Standards: The Thomson Reuters Trust Principles.\nRead Next\nMost viewed\n", &c);
	if (d) {
		CHECK_STR(d->title.text, "Social workers' pay to rise by 5% in new deal");
		CHECK(d->n_byline == 1 && !strcmp(credit_name(d, 0, 0), "Jane Doe"));
		CHECK(d->n_blocks == 2);
	}
	doc_free(d);
	d = parse_ok("明報新聞網\n首頁\n港聞\n社福界促增撥資源 應對社工流失\n"
		     "【明報專訊】社會福利界昨日促請政府增撥資源，應對社工流失問題。\n"
		     "社聯行政總裁表示，政府應檢討資助制度，讓機構有足夠資源挽留人手。\n"
		     "上一篇\n下一篇\n相關字詞﹕社工 社聯\n", &c);
	if (d) {
		CHECK(d->n_keywords == 2 && !strcmp(d->keywords[0].text, "社工") && !strcmp(d->keywords[1].text, "社聯"));
		CHECK(d->n_blocks == 2);
	}
	doc_free(d);
	/* a short dump opening with a menu item (凤凰网首页, 资讯) is no clean dump; portal buttons,
	   a platform's disclaimer and a counter alone under the article are chrome */
	d = parse_ok("凤凰网首页\n资讯\n民政部：推动社会工作服务站全覆盖\n2022年04月06日 08:25:31 来源：新京报\n"
		     "民政部近日印发通知，要求各地进一步加强基层社会工作服务站建设，推动社会工作服务向城乡社区延伸。\n"
		     "通知指出，到2025年，乡镇（街道）社会工作服务站要实现全覆盖。\n"
		     "返回搜狐，查看更多\n[责任编辑：王五 PN123]\n"
		     "平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。\n"
		     "阅读 (1234)\n举报/反馈\n不感兴趣\n相关推荐\n", &c);
	if (d) {
		CHECK_STR(d->title.text, "民政部：推动社会工作服务站全覆盖");
		CHECK_STR(d->source.text, "新京报");
		CHECK_STR(d->editor.text, "王五 PN123");
		CHECK(d->n_blocks == 2);
	}
	doc_free(d);
	cap_close(&c);
}

static void test_credit_shapes(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = parse_ok("经济学家：改革一定要加快\n"
				 "本报记者罗科发自北京\n"
				 "第一段正文。\n", &c);
	CHECK(d && d->n_byline == 1);
	if (d && d->n_byline == 1) {
		CHECK_STR(credit_role(d, 0), "本报记者");
		CHECK_STR(credit_name(d, 0, 0), "罗科");
	}
	doc_free(d);

	d = parse_ok("开学前排查校园安全\n"
		     "各校要组织一次应急演练。\n"
		     "□ 本报记者 葛晓丹\n"
		     "执笔人：闵乐 赵兰波\n", &c);
	CHECK(d && d->n_byline == 2 && d->n_blocks == 1);
	if (d && d->n_byline == 2) {
		CHECK_STR(credit_name(d, 0, 0), "葛晓丹");
		CHECK_STR(credit_role(d, 1), "执笔人");
		CHECK(d->byline[1].n_names == 2);
	}
	doc_free(d);

	d = parse_ok("给学生的建议\n"
		     "作者： 周思博 (Joel Spolsky)\n"
		     "第一段正文。\n", &c);
	CHECK(d && d->n_byline == 1 && d->n_blocks == 1);
	if (d && d->n_byline == 1) {
		CHECK_STR(credit_role(d, 0), "作者");
		CHECK(d->byline[0].n_names == 1);
		CHECK_STR(credit_name(d, 0, 0), "周思博 (Joel Spolsky)"); /* one person, as shown */
	}
	doc_free(d);

	d = parse_ok("给学生的建议\n"
		     "作者：示例名（Jane Roe） 编辑：李四\n"
		     "第一段正文。\n", &c);
	CHECK(d && d->n_byline == 1 && d->n_blocks == 1);
	if (d && d->n_byline == 1) {
		CHECK_STR(credit_name(d, 0, 0), "示例名（Jane Roe）");
		CHECK_STR(d->editor.text, "李四");
	}
	doc_free(d);

	d = parse_ok("返乡青年办起合作社\n"
		     "如今合作社已有三十多户加入。\n"
		     "示例晚报记者 陈晓 山东冠县报道\n"
		     "返回首页，查看更多\n", &c);
	CHECK(d && d->n_byline == 1);
	if (d && d->n_byline == 1)
		CHECK_STR(credit_name(d, 0, 0), "陈晓");
	doc_free(d);

	d = parse_ok("高质量发展大会召开\n"
		     "会议要求全力以赴在新征程上奋勇前进。\n"
		     "整合 示例日报·客户端记者 徐睿\n", &c);
	CHECK(d && d->n_byline == 1 && d->n_blocks == 1);
	if (d && d->n_byline == 1) {
		CHECK_STR(credit_role(d, 0), "示例日报·客户端记者");
		CHECK_STR(credit_name(d, 0, 0), "徐睿");
	}
	doc_free(d);

	d = parse_ok("铁路部门辟谣\n"
		     "“年度人物评选”火热进行中！\n"
		     "新京报快讯（记者 裴剑飞）今日有网友爆料。\n", &c);
	CHECK(d && d->n_byline == 1);
	if (d && d->n_byline == 1)
		CHECK_STR(credit_name(d, 0, 0), "裴剑飞");
	doc_free(d);

	/* credits on shared lines: a bar between role and name, a supplier before the chain,
	   an editor and a source on one line, a link after a bracketed credit */
	d = parse_ok("港口开通新航线\n"
		     "首批旅客昨日出发。\n"
		     "编辑|赵一\n"
		     "责编｜钱二\n"
		     "校对|孙三\n"
		     "来源|示例参考\n", &c);
	CHECK(d && d->n_blocks == 1);
	if (d)
		CHECK_STR(d->editor.text, "钱二");
	doc_free(d);

	d = parse_ok("技能大赛举行\n"
		     "比赛共设三个项目。\n"
		     "药剂党支部、药剂科供稿\u00a0 摄影/张艳\u00a0 编辑/苏芳\n"
		     "医院地址：示例市示例路58号\n", &c);
	CHECK(d && d->n_byline == 1 && d->n_blocks == 2);
	if (d && d->n_byline == 1) {
		CHECK_STR(credit_role(d, 0), "摄影");
		CHECK_STR(credit_name(d, 0, 0), "张艳");
		CHECK_STR(d->editor.text, "苏芳");
	}
	doc_free(d);

	/* a footer list of long names after the source line is a menu, not a paragraph */
	d = parse_ok("延续税收优惠政策\n"
		     "自治区决定延续到期的税收优惠政策，预计为纳税人减负。\n"
		     "信息来源： 示例日报\n"
		     "中国政府网\n国家部委网站\n"
		     "外交部 国防部 国家发展和改革委员会 教育部 科学技术部 工业和信息化部 民族事务委员会 公安部 民政部\n"
		     "各省市区政府网站\n"
		     "北京 天津 河北 山西 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东\n", &c);
	CHECK(d && d->n_blocks == 1);
	doc_free(d);

	/* clauses without a full stop are sentences; a ranked list with counts is not */
	d = parse_ok("英国独立游戏\n"
		     "这是一款以经典纸牌游戏为核心玩法的游戏，融入了大量冒险元素，玩家可以在易上手的规则下体验故事的乐趣。\n"
		     "游戏的故事设定在中世纪的大陆，一个邪恶的巫师统治了这里，玩家作为一个年轻的牌手踏上了冒险的征程\n"
		     "游戏在商店售价36元，支持两种系统，暂时没有简体中文版本，喜欢的玩家可以关注一下\n"
		     "阅读排行榜\n"
		     "1. 示例脚本：计数器（40819）\n"
		     "2. 偶像新人写真（7928）\n", &c);
	CHECK(d && d->n_blocks == 3);
	doc_free(d);

	/* a paper's anti-infringement notice after the article ends it */
	d = parse_ok("土豆不土\n"
		     "今年全市土豆种植面积继续扩大，农民增收明显。\n"
		     "反侵权公告：\n"
		     "根据有关法律法规，未经书面许可，擅自转载本报社作品的，将涉嫌侵犯著作权人合法权益。\n"
		     "一、任何单位或个人使用本报社的原创内容，必须获得书面授权。\n", &c);
	CHECK(d && d->n_blocks == 1);
	doc_free(d);

	/* a forum post: the author and time at the top of the body, a list of replies with counts */
	d = parse_ok("你知道导游为什么热衷于让你去购物吗\n"
		     "作者：示例凡凡 时间：2005-08-22 19:13:18\n"
		     "导游的收入很大一部分来自购物的回扣，这是业内的“行规”，境内游境外游都是这样的。\n"
		     "您是本文第 154 个阅览者\n"
		     "旅行中，谁忽悠了你？【示例版主】08-11 16:06 298字 [4321/87]\n"
		     "参与旅行社的一般都是弱势群体……【示例网友】08-11 16:58 138字 [140/0]\n"
		     "斑竹啊，你们是要故事，还是要俺们发牢骚哦？【示例猫猫】08-11 17:03 0字 [127/1]\n"
		     "一把辛酸泪啊。【示例说话】08-11 17:15 80字 [176/0]\n", &c);
	CHECK(d && d->n_blocks == 1 && d->n_byline == 1);
	if (d && d->n_byline == 1) {
		CHECK_STR(credit_name(d, 0, 0), "示例凡凡");
		CHECK_STR(d->published.text, "2005-08-22T19:13:18");
	}
	doc_free(d);

	d = parse_ok("调查报告发布\n"
		     "本次研究对象为儿童。\n"
		     "编辑： 吕峥\t来源： 千龙网\t\n"
		     "我要说说 　 打印 　 推荐 　\n"
		     "本次研究还将继续。\n", &c);
	CHECK(d && d->n_blocks == 2);
	if (d) {
		CHECK_STR(d->editor.text, "吕峥");
		CHECK_STR(d->source.text, "千龙网");
	}
	doc_free(d);

	d = parse_ok("出狱第一晚\n"
		     "他说自己会好好生活。\n"
		     "【编辑:刘欢】 返回示例网，查看更多\n", &c);
	CHECK(d && d->n_blocks == 1);
	if (d)
		CHECK_STR(d->editor.text, "刘欢");
	doc_free(d);

	d = parse_ok("公司发布公告\n"
		     "公司称将按期交付。\n"
		     "本文来源：每日经济新闻 责任编辑：杨倩_NF4425\n", &c);
	CHECK(d && d->n_blocks == 1);
	if (d) {
		CHECK_STR(d->editor.text, "杨倩_NF4425");
		CHECK_STR(d->source.text, "每日经济新闻");
	}
	doc_free(d);

	/* counters and a blog's 编辑 (edit) link among the fields of a post footer */
	d = parse_ok("会议议程\n"
		     "2004-12-10      阅读10544次\n"
		     "会议将于周六上午开幕。\n"
		     "作者:示例用户 阅读(1660) 评论(5)  编辑 发表于:2005-07-31 12:30\n", &c);
	CHECK(d && d->n_blocks == 1 && d->n_byline == 1);
	if (d && d->n_byline == 1) {
		CHECK_STR(d->published.text, "2004-12-10");
		CHECK_STR(credit_name(d, 0, 0), "示例用户");
	}
	doc_free(d);
	cap_close(&c);
}

/* Bylines: a bare name under the headline, a credit line under a photo caption, a credit
   before a disclaimer, an empty 责任编辑： after it. */
static void test_bylines(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = parse_ok("示例之病\n"
				 "张三丰\n"
				 "——当代中国社会的一种精神状态与心理分析\n"
				 "一、理解这种精神状态的一个重要内容\n"
				 "这是一个值得讨论的问题，很多人都有体会。\n", &c);
	CHECK(d && d->n_byline == 1);
	if (d && d->n_byline == 1)
		CHECK_STR(credit_name(d, 0, 0), "张三丰");
	if (d)
		CHECK_STR(d->title.text, "示例之病");
	doc_free(d);

	d = parse_ok("客運司機上吊\n"
		     "▲警方到場相驗，認定死者係屬自殺。\n"
		     "記者林示／南市報導\n"
		     "44歲陳姓客運司機，7日凌晨在住處後陽台輕生。\n", &c);
	CHECK(d && d->n_byline == 1 && d->n_blocks == 2);
	if (d && d->n_byline == 1)
		CHECK_STR(credit_name(d, 0, 0), "林示");
	doc_free(d);

	d = parse_ok("剪窗花 过新年\n"
		     "大家在红纸中间剪出了字，过一个平安、祥和、温馨的新春佳节。（常书香 马丹阳 ）\n", &c);
	CHECK(d && d->n_byline == 1 && d->n_blocks == 1);
	if (d && d->n_byline == 1) {
		CHECK(d->byline[0].n_names == 2);
		CHECK_STR(credit_name(d, 0, 1), "马丹阳");
		CHECK_STR(d->blocks[0].text, "大家在红纸中间剪出了字，过一个平安、祥和、温馨的新春佳节。（常书香 马丹阳）");
	}
	doc_free(d);

	d = parse_ok("电价上调\n"
		     "所有的改革难道不都是利益再分配的过程。（姚峰 上海报道）\n", &c);
	CHECK(d && d->n_byline == 1);
	if (d && d->n_byline == 1)
		CHECK_STR(credit_name(d, 0, 0), "姚峰");
	doc_free(d);

	d = parse_ok("连载小说\n"
		     "故事还没有讲完，明天继续。（待续）\n", &c);
	CHECK(d && d->n_byline == 0);
	doc_free(d);

	d = parse_ok("儿歌被改了歌词\n"
		     "原作者女儿表示，改成这样唱起来很拗口。\n"
		     "示例晚报记者 张楠\n"
		     "免责声明：本文来自客户端自媒体，不代表本网的观点和立场。\n"
		     "责任编辑：\n"
		     "声明：该文观点仅代表作者本人。\n", &c);
	CHECK(d && d->n_byline == 1 && d->n_blocks == 1 && !d->editor.text);
	if (d && d->n_byline == 1)
		CHECK_STR(credit_name(d, 0, 0), "张楠");
	doc_free(d);
	cap_close(&c);
}

/* Headlines in full-page dumps: one bar between a column name and the headline, a date over
   the headline, a 原创 label glued in front. */
static void test_headlines(void)
{
	static const char *const cases[][3] = {
		{"", "图说示例| 示例职业学院：剪“廉洁窗花” 过廉洁之年\n2022.01.20 16:31 来源：示例日报客户端\n",
		 "图说示例| 示例职业学院：剪“廉洁窗花”过廉洁之年"},
		{"《示例日报》 《示例日报藏文版》 《示例商报》 《示例法制报》\n2022年02月13日\n",
		 "“厕所革命”改善农牧区人居环境\n去年改造户用卫生厕所四万多座\n", "“厕所革命”改善农牧区人居环境"},
		{"", "原创最不愁吃肉的国家：顿顿有肉吃，却要靠进口蔬菜\n2019-09-08 00:20:15\n",
		 "最不愁吃肉的国家：顿顿有肉吃，却要靠进口蔬菜"},
		/* a menu bar with middle dots over the page; a channel line and a URL between the
		   headline and its dateline */
		{"要闻·国际要闻·主编直评·参考消息·趋势·产经·财经·科技·综合·经济学人\n",
		 "利益集团左右电力体制改革 华东上调超发电价\n示例商业报道 http://biz.example.com\t查看商业部落\n"
		 "2005-01-14 17:02:30 来源: 示例经济报道\t发表评论\n",
		 "利益集团左右电力体制改革 华东上调超发电价"},
		/* a time glued before the date, share buttons under it */
		{"", "悲慟！北市年邁母子 住處輕生身亡\n15:312018/09/16\n中時\n謝明示\nFacebook\nLine\nWeibo\nTwitter\n"
		     "複製連結\n字級設定：小中大特\n",
		 "悲慟！北市年邁母子 住處輕生身亡"},
		/* a glued menu first; the headline over a relative time (no date is guessed) */
		{"热门话题科技动态开发者资讯区块链快讯招聘行情\n登录\n", "运营商 5G 手机促销方式曝光，禁止提供购机补贴\n昨天\n",
		 "运营商 5G 手机促销方式曝光，禁止提供购机补贴"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct capture c;
		cap_open(&c);
		struct doc *d = read_page(&c, "首页\n新闻\n关于我们 | 联系我们\n",
				cases[k][0],
				cases[k][1],
				"据示例社电，记者近日从有关部门获悉，去年全区改造户用卫生厕所四万多座，农牧区人居环境明显改善。\n"
				"近年来，各地坚持从实际需求出发，因地制宜，分类推进，取得了较好的效果。\n"
				"相关新闻\n"
				"另一条新闻的标题\n");
		if (d)
			CHECK_STR(d->title.text, cases[k][2]);
		if (d && k == 4) {
			CHECK_STR(d->published.text, "2018-09-16T15:31");
			CHECK(d->n_byline == 1 && d->byline[0].n_names == 1);
			if (d->n_byline == 1)
				CHECK_STR(credit_name(d, 0, 0), "謝明示"); /* not 中時 */
		}
		if (d && k == 5)
			CHECK(!d->published.text);
		if (d && k == 3) {
			CHECK(!d->subtitle.text);
			CHECK_STR(d->published.text, "2005-01-14T17:02:30");
		}
		doc_free(d);
		cap_close(&c);
	}
}

/* English pages: bylines with an outlet or a title after the names, a date on the byline
   line or under it after the time, the reading time. */
static void test_english(void)
{
	static const char *const cases[][4] = {
		{"Analysis by Jane\u00a0Roe, Example Senior Court Analyst\n 11 minute read \n"
		 "Updated 9:22 PM EST, Mon November 6, 2023\n", "Jane Roe", "", "2023-11-06"},
		{"By Ann Lee, John Q. Public and Tom Watkins, CNN\nNovember 27, 2013 -- Updated 1908 GMT\n",
		 "Ann Lee", "Tom Watkins", "2013-11-27"},
		{"By Amanda \"Tania Mae\" Tan November 19, 2023 7:18 pm\n", "Amanda \"Tania Mae\" Tan", "",
		 "2023-11-19T19:18"},
		{"April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm\nBy\nBenjamin Roe\n"
		 "Example Times business reporter\n", "Benjamin Roe", "", "2019-04-28T06:01"},
		{"NATALIYA ROE\nAssociated PressDecember 2, 2016\n11 Comments\n", "NATALIYA ROE", "", "2016-12-02"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct capture c;
		cap_open(&c);
		struct doc *d = read_page(&c, "Home\nWorld\nSign in\n",
				"A quiet court where the arguments grow louder every term\n",
				cases[k][0],
				COURT_TEXT
				"Related Stories\n");
		CHECK(d && d->n_byline == 1 && d->n_blocks == 2);
		if (d && d->n_byline == 1) {
			CHECK_STR(d->title.text, "A quiet court where the arguments grow louder every term");
			CHECK_STR(credit_name(d, 0, 0), cases[k][1]);
			if (*cases[k][2])
				CHECK_STR(credit_name(d, 0, d->byline[0].n_names - 1), cases[k][2]);
			CHECK_STR(d->published.text, cases[k][3]);
		}
		doc_free(d);
		cap_close(&c);
	}
}

/* English headlines over their dateline: a deck between them (the upper line is the
   headline), a poster's handle between them (the byline), "Photos" in a headline (not a
   caption), and a sponsor's line over the headline (no deck: the headline is right over its
   date). */
static void test_headlines_en(void)
{
	static const char *const cases[][3] = {
		{"Coach says he was wrong to take the cup to the former president\n"
		 "At the time, the coach handed a replica of the trophy to the former president\n"
		 " Copy link\nThe coach hands over the trophy - Jane Roe/Example Institute\n21.dez.2018 às 12h55\n",
		 "Coach says he was wrong to take the cup to the former president", ""},
		{"HomeLatest NewsActress Is Looking Stunning In New Photos\nActress Is Looking Stunning In New Photos\n"
		 "ExamplePoster\nOctober 06, 2018\n",
		 "Actress Is Looking Stunning In New Photos", "ExamplePoster"},
		{"World is sponsored by\nWorld is sponsored by\nPresident admits gun laws are his 'biggest frustration'\n"
		 "24 July 2015\n",
		 "President admits gun laws are his 'biggest frustration'", ""},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct capture c;
		cap_open(&c);
		struct doc *d = read_page(&c, "Home\nWorld\nSign in\n",
				cases[k][0],
				COURT_TEXT
				"Related Stories\n");
		if (d) {
			CHECK_STR(d->title.text, cases[k][1]);
			CHECK(!d->subtitle.text || k == 0);
			CHECK(d->n_blocks == 2);
			if (*cases[k][2])
				CHECK_STR(credit_name(d, 0, 0), cases[k][2]);
			else
				CHECK(d->n_byline == 0);
		}
		doc_free(d);
		cap_close(&c);
	}
	/* a button between the headline and a byline over the date is no handle */
	struct capture c;
	cap_open(&c);
	struct doc *d = NULL;
	const char *page = "Home\nWorld\nSign in\nHome\nWorld\nSign in\nHome\nWorld\nSign in\n"
			   "Let me search that for you: the year's most popular food searches\nphoto.JPG\n"
			   "You are what you search. (The Associated Press)\nPrint\nExample Desk By Example Desk\n"
			   "on December 27, 2014 at 12:06 PM, updated December 27, 2014 at 12:10 PM\n"
			   COURT_TEXT
			   "Related Stories\n";
	CHECK(parse_buffer("page.txt", page, strlen(page), c.d, &d) == ERR_OK);
	for (size_t k = 0; d && k < d->n_byline; k++)
		for (size_t q = 0; q < d->byline[k].n_names; q++)
			CHECK(strcmp(d->byline[k].names[q], "Print") != 0);
	doc_free(d);
	cap_close(&c);
}

/* A tracking pixel's markup shown as text at the top of a page (<noscript>): chrome, so the
   menus under it are not taken into the article. */
static void test_markup_line(void)
{
	struct capture c;
	cap_open(&c);
	struct buf t;
	buf_init(&t);
	buf_puts(&t, "<p style=\"position: absolute; top: -999em\"><img src=\"https://sa.example.com/s?name="
		     "news.story.45989453.page&x1=1\" height=\"1\" width=\"1\" alt=\"\" /></p>\n");
	for (int i = 0; i < 2; i++)
		buf_puts(&t, "Share this page on Facebook\nShare this page by email\nHome\n");
	buf_puts(&t, "A quiet court where the arguments grow louder every term\nOctober 26, 2018\n"
		     COURT_TEXT
		     "Related Stories\n");
	struct doc *d = NULL;
	CHECK(parse_buffer("page.txt", t.p, t.len, c.d, &d) == ERR_OK);
	if (d) {
		CHECK_STR(d->title.text, "A quiet court where the arguments grow louder every term");
		CHECK_STR(d->published.text, "2018-10-26");
		CHECK(d->n_blocks == 2);
		CHECK(d->n_blocks && starts(d->blocks[0].text, "The justice is"));
	}
	doc_free(d);
	buf_free(&t);
	cap_close(&c);
}

/* The editor credit of a page's article after a box that cut the body (a video box, the
   copyright notice): read, not printed; a credit line further down is not read. */
static void test_late_editor(void)
{
	static const char *const cases[][2] = {
		{"精彩视频推荐\n自动播放开关\n自动播放\n示例视频标题一则\n正在加载...\n<\n>\n示例视频标题二则\n"
		 "示例视频标题三则\n【本文中文相关权益归示例公司独家所有。未经授权，不得转载、摘编等。\n"
		 "[责任编辑：examplename]\n我要评论(0)\n分享到:\n", "examplename"},
		{"精彩视频推荐\n自动播放开关\n自动播放\n正在加载...\n", ""},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct capture c;
		cap_open(&c);
		struct buf box; /* a box of 30 links after the article */
		buf_init(&box);
		for (int i = 0; i < 30; i++)
			buf_puts(&box, "栏目精粹\n");
		struct doc *d = read_page(&c, "首页\n新闻\n关于我们 | 联系我们\n",
				"示例新电脑已可利用记忆自学 人工智能迈上新台阶\n2016-10-13 07:22:00 来源：示例网\n"
				"据示例社电，记者近日从有关部门获悉，这款产品具有极其重要的意义，未来的技术可能不需要人类来教它。\n"
				"近年来，各地坚持从实际需求出发，因地制宜，分类推进，取得了较好的效果。\n",
				cases[k][0],
				buf_cstr(&box),
				"[责任编辑：othername]\n");
		if (d) {
			if (*cases[k][1])
				CHECK_STR(d->editor.text, cases[k][1]);
			else
				CHECK(!d->editor.text);
			CHECK(d->n_blocks == 2);
		}
		doc_free(d);
		buf_free(&box);
		cap_close(&c);
	}
}

/* A blog post written with spaces for commas and no full stop: a run of such lines is the
   article, not a menu; a headline of two clauses alone is no run. */
static void test_spaced_prose(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "首页\n部落格\n相簿\n留言\n",
			"示例营地赏枫 第二次造访发现营区变了\n2013-12-28 00:28\n"
			"一波波接续性低温寒流报到 已将示例乡后山一带层层山峦披上嫣红的彩衣\n\n"
			"示例道路一路上云气山岚滞留山头 顺路下切蜿蜒道路后不久即抵达营地\n\n"
			"营地美如其名偌大枫香树早已呈现金黄 泛红色彩也是爱摄人士所喜爱造访之地\n\n"
			"第二次造访发现到营区变了 印象中以前生冷招牌换成了原木招牌可谓匠心独具\n\n"
			"熏黑原木加上金黄色醒目字体 加上了猫头鹰原木创作也充分发挥了装饰艺术\n\n"
			"营区内除了露营、民宿、餐饮、赏枫项目 多了许多原木饰品更有画龙点睛之妙\n\n"
			"相关文章\n[新竹一日游]示例景点~~~柿饼加工厂 示例观光果园&...\n『台湾』示例主题乐园一日游\n");
	if (d) {
		CHECK_STR(d->title.text, "示例营地赏枫 第二次造访发现营区变了");
		CHECK_STR(d->published.text, "2013-12-28T00:28");
		CHECK(d->n_blocks == 6);
		CHECK(d->n_blocks && starts(d->blocks[0].text, "一波波接续性低温寒流报到"));
	}
	doc_free(d);
	cap_close(&c);
}

/* A headline under its date, inside the heaviest run (a list of teasers above it reads as
   sentences), anchors the article when the page shows it again at the end of a line (a ranked
   list: (23921)…); the end of a sentence that happens to equal a line does not count. */
static void test_dated_headline(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "首页\n部落格\n相簿\n留言\n",
			"[示例一日游]竹苗游第二天行程满满。阿土豆浆大王，铜锣炮仗花步道。\n"
			"示例铁道怀旧之旅。合兴车站，爱情火车站，一路好风光。\n"
			"示例内湾火车站，梅去樱来。稍来春之讯息，值得一游。\n"
			"相簿\n部落格\n留言\n名片\n相关文章\n"
			"Dec 28 Sat 2013 00:28\n示例尖石_美树营地赏枫 (2)\n"
			"一波波接续性低温寒流报到，已将示例乡后山一带层层山峦披上嫣红的彩衣。\n"
			"示例道路一路上云气山岚滞留山头，顺路下切蜿蜒道路后不久即抵达营地。\n"
			"营地美如其名，偌大枫香树早已呈现金黄，泛红色彩也是爱摄人士所喜爱造访之地。\n"
			"热门文章\n(23921)示例尖石_美树营地赏枫 (2)\n(1234)示例内湾火车站\n(999)示例铁道怀旧之旅\n");
	if (d) {
		CHECK_STR(d->title.text, "示例尖石_美树营地赏枫（2）");
		CHECK_STR(d->published.text, "2013-12-28T00:28");
		CHECK(d->n_blocks == 3);
		CHECK(d->n_blocks && starts(d->blocks[0].text, "一波波接续性低温寒流报到"));
	}
	doc_free(d);
	cap_close(&c);
	/* a dated list of teasers (date, section, headline) over an article: no teaser's section
	   label is the headline, the text does not follow it at once */
	cap_open(&c);
	d = read_page(&c, "Home\nWorld\nSign in\n",
			"MORE STORIES LIKE THIS ONE\nFEATURES\nElite cars: the nicknames\n\nDecember 18, 2015\n\n"
			"AUTO NEWS\nSedan Makes a Statement\n\nAugust 18, 2005\n\nAUTO NEWS\nNew sedan debuts\n\n"
			"November 20, 2015\n\n"
			"Crossovers may have become the vehicle of choice for most car buyers, but the sedan is not gone.\n"
			"After debuting a new crossover two months ago, the maker has taken the covers off its sedan.\n"
			"The new sedan is set to go on sale in late January, with a price yet to be announced.\n");
	CHECK(d && (!d->title.text || strcmp(d->title.text, "AUTO NEWS") != 0));
	doc_free(d);
	cap_close(&c);
}

/* "First published <date>" closing an English article ends it: the sponsored boxes and
   teasers after it (some of them sentences) are not printed. */
static void test_published_footer(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "Home\nWorld\nSign in\n",
			"A quiet court where the arguments grow louder every term\nFebruary 1, 2016: 12:41 PM ET\n"
			COURT_TEXT
			"Example (New York) First published February 1, 2016: 1:28 AM ET\n"
			"Social Surge - What's Trending\nNewsletter\nSponsored by\n"
			"Start your day right with the latest news driving global markets, from major stock movers "
			"to the biggest deals of the day, delivered every morning.\n"
			"Every morning, the news you need. Sign up now and never miss a story again.\n"
			"Privacy Policy\nPaid Partner\n");
	if (d) {
		CHECK_STR(d->title.text, "A quiet court where the arguments grow louder every term");
		CHECK(d->n_blocks >= 2 && d->n_blocks <= 3);
		for (size_t k = 0; k < d->n_blocks; k++)
			CHECK(!strstr(d->blocks[k].text, "Start your day") && !strstr(d->blocks[k].text, "Sign up"));
	}
	doc_free(d);
	cap_close(&c);
}

/* A list of dated teasers after an English article (headline, date line, one sentence, three
   times) is not printed; the article's own dateline does not start such a list. */
static void test_dated_teasers(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "Home\nWorld\nSign in\n",
			"A quiet court where the arguments grow louder every term\n"
			"November 28, 2013 -- Updated 0203 GMT (1003 HKT)\n"
			COURT_TEXT
			"Photos: Weather around the world\nAugust 7, 2013 -- Updated 1446 GMT (2246 HKT)\n"
			"Get a glimpse of the weather events happening around the world by clicking through our gallery.\n"
			"Keep your phone charged in a power outage\nFebruary 9, 2013 -- Updated 1057 GMT (1857 HKT)\n"
			"In our increasingly digital world, a mobile phone is often a one-stop communication device.\n"
			"Staying safe when the lights go out\nJuly 3, 2014 -- Updated 2339 GMT (0739 HKT)\n"
			"Water jugs and batteries are not the only things to consider when extreme weather threatens.\n");
	if (d) {
		CHECK_STR(d->title.text, "A quiet court where the arguments grow louder every term");
		CHECK_STR(d->published.text, "2013-11-28");
		CHECK(d->n_blocks == 2);
	}
	doc_free(d);
	cap_close(&c);
}

/* A long photo caption with its credit between the headline and the dateline, and a desk
   credit (Our Foreign Staff): the caption is not printed, the desk is no person, the date
   with a bullet before its time is read. */
static void test_caption_desk(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "Home\nWorld\nSign in\n",
			"Coup: the president and his wife 'insisting he finishes his term', as priest steps in\n"
			"The president with the army commander at State House in an image the Example Herald claims was "
			"taken on November 16 - the day after the military takeover, with guards standing at the gate of "
			"the house and a crowd gathering outside Credit: EXAMPLE HERALD\n"
			"Our Foreign Staff\n16 November 2017 \xE2\x80\xA2 2:15pm\n"
			COURT_TEXT
			"Related Stories\n");
	if (d) {
		CHECK_STR(d->published.text, "2017-11-16T14:15");
		CHECK(d->n_byline == 0);
		CHECK(d->n_blocks == 2);
		CHECK(d->n_blocks && starts(d->blocks[0].text, "The justice is"));
	}
	doc_free(d);
	cap_close(&c);
}

/* A sign-off (-- By Jane Roe Follow @jroe) closes an English article: the promotions after it
   (some of them sentences) are not printed. */
static void test_sign_off(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "Home\nWorld\nSign in\n",
			"A quiet court where the arguments grow louder every term\nDecember 27, 2014 at 12:06 PM\n"
			COURT_TEXT
			"-- By Jane Roe Follow @jroe\nView/Post Comments\n"
			"Take our annual tour of 100 of the best restaurants in the region, from diners to fine dining. "
			"Read more\xC2\xBB\nExample Marketplace\nDINING OUT\n"
			"The city is a big-league foodie town and we've got the news and reviews you need to navigate all "
			"of the area's dining-out options.\n");
	if (d) {
		CHECK_STR(d->title.text, "A quiet court where the arguments grow louder every term");
		CHECK(d->n_blocks == 3);
		for (size_t k = 0; k < d->n_blocks; k++)
			CHECK(!strstr(d->blocks[k].text, "Take our") && !strstr(d->blocks[k].text, "foodie"));
	}
	doc_free(d);
	cap_close(&c);
}

/* An author's note closing an English page's article names the author; a closing sentence
   about someone else (a place, no writing trade) does not. */
static void test_bio(void)
{
	static const char *const cases[][2] = {
		{"Jane Roe is a freelance reporter focusing on courts and conflict.\n", "Jane Roe"},
		{"Mary Ann Doe is the paper's chief correspondent in Lagos.\n", "Mary Ann Doe"},
		{"New Jersey is a state with many courts and many more judges.\n", ""},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct capture c;
		cap_open(&c);
		struct doc *d = read_page(&c, "Home\nWorld\nSign in\n",
				"A quiet court where the arguments grow louder every term\nNOV 7, 2023 2:00 AM\n",
				COURT_TEXT,
				cases[k][0],
				"TOPICS\nCOURTS\nLAW\nRelated Stories\n");
		if (d && *cases[k][1]) {
			CHECK(d->n_byline == 1 && d->byline[0].n_names == 1);
			CHECK_STR(credit_name(d, 0, 0), cases[k][1]);
		} else if (d) {
			CHECK(d->n_byline == 0);
		}
		CHECK(d && d->n_blocks == 3); /* the note stays in the text */
		doc_free(d);
		cap_close(&c);
	}
}

/* Not articles: a front page of headlines and a few teasers, a feed read as one line. */
static void test_not_articles(void)
{
	struct capture c;
	cap_open(&c);
	struct buf t;
	buf_init(&t);
	for (int i = 0; i < 70; i++)
		buf_puts(&t, "World\nHeadline about a summit that ends without a deal\nVideo\n");
	buf_puts(&t, "What's next for the talks? Leaders meet again on Friday.\n");
	struct doc *d = (struct doc *)&c;
	CHECK(parse_buffer("front.txt", t.p, t.len, c.d, &d) == ERR_INPUT && !d);
	CHECK(strstr(cap_text(&c), "front.txt: error: no article text: 211 lines") != NULL);
	CHECK(strstr(cap_text(&c), "nothing is dated or credited") != NULL);
	buf_reset(&t);
	buf_puts(&t, "https://example.com/tests Latest tests from Example en-us Sat, 09 Nov 2025 20:00:00 +0000 "
		     "https://example.com/tests/102 team@example.com (Example Team) General Sat, 09 Nov 2025 "
		     "16:00:00 +0000 test-102 https://example.com/tests/101\n");
	d = (struct doc *)&c;
	CHECK(parse_buffer("feed.txt", t.p, t.len, c.d, &d) == ERR_INPUT && !d);
	CHECK(strstr(cap_text(&c), "feed.txt: error: no article text: 1 lines") != NULL);
	buf_free(&t);
	cap_close(&c);
}

/* A forum page: menus, the first post, its footer with the date, replies. */
static void test_post_footer(void)
{
	struct capture c;
	cap_open(&c);
	struct buf t;
	buf_init(&t);
	buf_puts(&t, "示例论坛 > 电影版区 > 留言板\n");
	for (int i = 0; i < 8; i++)
		buf_puts(&t, "首页\n新闻\n登录\n");
	buf_puts(&t, "一部安静的电影\n"
		     "这部电影讲的是一个普通家庭的故事，节奏缓慢，却很动人。\n"
		     "导演没有安排太多冲突，演员的表演也十分自然，看完让人久久不能平静。\n"
		     "------------------------------\n"
		     "〓 示例娱乐 留言板 发布时间 2005/05/17 22:11:42 by 示例网友 〓\n"
		     "回复：说得好，我也很喜欢这部电影，特别是结尾那一段，让人想起自己的家。\n"
		     "〓 示例娱乐 留言板 发布时间 2005/05/18 09:00:00 by 另一网友 〓\n");
	struct doc *d = NULL;
	CHECK(parse_buffer("forum.txt", t.p, t.len, c.d, &d) == ERR_OK);
	if (d)
		CHECK_STR(d->published.text, "2005-05-17T22:11:42");
	CHECK(d && d->n_byline == 1);
	if (d && d->n_byline == 1)
		CHECK_STR(credit_name(d, 0, 0), "示例网友"); /* … by 示例网友 〓 */
	doc_free(d);

	/* a blog page of several posts: the first post, up to its footer, which names the poster */
	buf_reset(&t);
	for (int i = 0; i < 8; i++)
		buf_puts(&t, "博客首页\n我的文章\n• 一篇旧文章的标题\n");
	buf_puts(&t, "湘菜粤菜 兵分两路 (图)\t2005-06-14 03:25:55\n"
		     "湘菜粤菜兵分两路，新鲜的是，湘菜浓妆淡抹，粤菜却是明艳照人，成为主打新菜之一。\n"
		     "虽然湖南人喜欢吃辣，但碍于广东的炎热气候，不得不多吃清淡的菜肴，为解思乡之苦，现在会多做保持原汁原味的菜肴。\n"
		     "[打印]\n"
		     "由示例姑娘张贴 @ 2005-06-14 03:25:55 (370) 共 11 篇评论 发表评论 >>>\n"
		     "澳坛真的累了\t2005-06-13 15:00:14\n"
		     "当斑竹半年来，没有功劳也有苦劳，而一切都怪我太认真，我真的累了，想休息一段时间。\n"
		     "我爱写文章，我的性格也太露，尽管我很负责，但是却造成了小部分人的误会和不满。\n"
		     "由示例姑娘张贴 @ 2005-06-13 15:00:14 (697) 共 29 篇评论 发表评论 >>>\n");
	d = NULL;
	CHECK(parse_buffer("blog.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_blocks == 2 && d->n_byline == 1);
	if (d && d->n_byline == 1) {
		CHECK(starts(d->blocks[0].text, "湘菜粤菜兵分两路"));
		CHECK_STR(credit_name(d, 0, 0), "示例姑娘");
		CHECK_STR(d->published.text, "2005-06-14T03:25:55");
	}
	doc_free(d);

	/* the headline again over the article (after the author's name and a colon), the name
	   under it: the byline, and neither line is body text */
	buf_reset(&t);
	for (int i = 0; i < 8; i++)
		buf_puts(&t, "首页\n专栏\n人物\n");
	buf_puts(&t, "秋水：一次难忘的旅行\n"
		     "发布日期： 2005-05-07 21:23:57\n"
		     "一次难忘的旅行\n"
		     "秋水\n"
		     "那年春天，我们一行五人从北京出发，沿着长城一路向西，走了整整一个月。\n"
		     "路上遇到的人和事，至今仍然清晰地留在我的记忆里，让我常常想起那段日子。\n"
		     "我们在一个小村庄里住了三天，村里的老人给我们讲了许多过去的故事。\n");
	d = NULL;
	CHECK(parse_buffer("repeat.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_byline == 1 && d->n_blocks == 3);
	if (d && d->n_byline == 1 && d->n_blocks == 3) {
		CHECK_STR(credit_name(d, 0, 0), "秋水");
		CHECK(starts(d->blocks[0].text, "那年春天"));
	}
	doc_free(d);

	/* an agenda: no run of sentences, but a headline over its dateline and many lines of text
	   down to a related-list heading (相关专题:…) */
	buf_reset(&t);
	buf_puts(&t, " \t当前位置：首页>>会议>>年会秘书处\t双击自动滚屏\t\n"
		     "第一届示例学术年会会议议程\n"
		     "2004-12-10      阅读10544次\n");
	for (int i = 1; i <= 12; i++) {
		char line[160];
		snprintf(line, sizeof line, "12月%d日上午 第%d场专题讨论\n地  点：示例大学第%d教学楼\n", i, i, i);
		buf_puts(&t, line);
		if (i == 6)
			buf_puts(&t, "[共 23个专题，每篇文章发言10分钟，讨论5分钟。]\n");
	}
	buf_puts(&t, "相关专题:示例学术年会\n"
		     "  第二届示例学术年会胜利闭幕(2006-12-19)[836]\n"
		     "  第二届示例学术年会专家访谈(2006-12-18)[793]\n"
		     "Copyright© 1998-2005 示例大学 版权所有\n");
	d = NULL;
	CHECK(parse_buffer("agenda.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_blocks >= 20);
	if (d && d->n_blocks >= 20) {
		CHECK_STR(d->title.text, "第一届示例学术年会会议议程");
		CHECK_STR(d->published.text, "2004-12-10");
		CHECK(starts(d->blocks[0].text, "12月1日上午"));
		CHECK(!strstr(d->blocks[d->n_blocks - 1].text, "相关"));
	}
	doc_free(d);

	/* a forum post's subject line is the title, not the greeting over it */
	buf_reset(&t);
	buf_puts(&t, "游客 欢迎你！\n"
		     "\t主题： 你知道导游为什么爱带人去购物吗？\n"
		     " \t作者：示例网友   时间：2005-08-22 19:13:18\n"
		     "导游的收入很大一部分来自购物的回扣，这是业内的行规，境内游境外游都是这样的。\n");
	d = NULL;
	CHECK(parse_buffer("subject.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_blocks == 1);
	if (d && d->n_blocks == 1) {
		CHECK_STR(d->title.text, "你知道导游为什么爱带人去购物吗？");
		CHECK_STR(d->published.text, "2005-08-22T19:13:18");
		CHECK(starts(d->blocks[0].text, "导游的收入"));
	}
	doc_free(d);

	/* a promotion with a call to action in brackets is chrome */
	buf_reset(&t);
	buf_puts(&t, "示例铁路辟谣称消息不实\n"
		     "2018年12月28日 19:55 示例报\n"
		     "“2018示例年度人物评选”火热进行中！【点击投票】选出你心目中的商业领袖\n"
		     "今晚，示例铁路通过官方微博发布辟谣消息称：网传信息不实，网站未发生用户信息泄漏。\n");
	d = NULL;
	CHECK(parse_buffer("promo.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_blocks == 1);
	if (d && d->n_blocks == 1)
		CHECK(starts(d->blocks[0].text, "今晚"));
	doc_free(d);

	/* an invitation to download the site's app is chrome (D17); a sentence about an app is not */
	buf_reset(&t);
	buf_puts(&t, "示例铁路辟谣称消息不实\n"
		     "2018年12月28日 19:55 示例报\n"
		     "今晚，示例铁路通过官方微博发布辟谣消息称：网传信息不实，市民可下载示例APP查询。\n"
		     "還想看更多新聞嗎？歡迎下載示例時報APP，現在看新聞還能抽獎：\n"
		     "更多资讯，请下载示例新闻客户端。\n");
	d = NULL;
	CHECK(parse_buffer("app.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_blocks == 1);
	if (d && d->n_blocks == 1)
		CHECK(starts(d->blocks[0].text, "今晚") && strstr(d->blocks[0].text, "下载示例APP查询"));
	doc_free(d);

	/* a reporter's credit closing a paragraph of a full page, a help box after it */
	buf_reset(&t);
	for (int i = 0; i < 8; i++)
		buf_puts(&t, "首页\n社会\n娱乐\n");
	buf_puts(&t, "和男友口角后女子坠楼\n"
		     "2016年05月21日11:44\n"
		     "台中市凌晨发生一起坠楼案，一名女子与男友发生口角后从楼上坠落，送医后仍宣告不治。\n"
		     "警方已勘验现场并报请相验，将进一步厘清死因。（示例／台中报道）\n"
		     "关心你\n"
		     "自杀解决不了问题，却留给家人无比悲痛。请珍惜生命。\n"
		     "再给自己一次机会\n"
		     "生命线协谈专线：1995\n");
	d = NULL;
	CHECK(parse_buffer("report.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_byline == 1);
	if (d && d->n_byline == 1)
		CHECK_STR(credit_name(d, 0, 0), "示例");
	doc_free(d);

	/* a blog page opening with its owner's name, the post dated by its footer */
	buf_reset(&t);
	buf_puts(&t, "秋水\n技术随笔\n");
	for (int i = 0; i < 8; i++)
		buf_puts(&t, "首页\n联系\n登录\n");
	buf_puts(&t, "很高兴入住博客堂\n"
		     "承蒙朋友邀请，很高兴入住博客堂。作为技术社区，这里是写技术博客的好地方。\n"
		     "我在这里的博客将集中在编程语言和框架两个方面，希望以后和各位多多交流。\n"
		     "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)\n"
		     "# re: 很高兴入住博客堂 2004-12-27 12:46 飞鸟\n"
		     "欢迎欢迎，期待你的文章。\n");
	d = NULL;
	CHECK(parse_buffer("owner.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_byline == 1);
	if (d && d->n_byline == 1) {
		CHECK_STR(credit_name(d, 0, 0), "秋水");
		CHECK_STR(d->published.text, "2004-12-27T12:40");
	}
	doc_free(d);

	/* a 来源 line naming a person credits the author; one naming an outlet stays the source */
	buf_reset(&t);
	buf_puts(&t, "一位彩民的四年\n"
		     "2005年03月21日 11:21\n"
		     "四年前他中了大奖，四年后他又回到了原点，这是一个关于运气和选择的故事。\n"
		     "来源: 尹娟\n");
	d = NULL;
	CHECK(parse_buffer("src1.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_byline == 1 && !d->source.text);
	if (d && d->n_byline == 1)
		CHECK_STR(credit_name(d, 0, 0), "尹娟");
	doc_free(d);
	buf_reset(&t);
	buf_puts(&t, "一位彩民的四年\n"
		     "2005年03月21日 11:21 来源：华商报\n"
		     "四年前他中了大奖，四年后他又回到了原点，这是一个关于运气和选择的故事。\n");
	d = NULL;
	CHECK(parse_buffer("src2.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_byline == 0);
	if (d)
		CHECK_STR(d->source.text, "华商报");
	doc_free(d);
	buf_reset(&t);
	buf_puts(&t, "一位彩民的四年\n"
		     "2005年03月21日 11:21 来源：成都\n"
		     "四年前他中了大奖，四年后他又回到了原点，这是一个关于运气和选择的故事。\n");
	d = NULL;
	CHECK(parse_buffer("src3.txt", t.p, t.len, c.d, &d) == ERR_OK);
	CHECK(d && d->n_byline == 0); /* a place, though 成 can be a surname */
	doc_free(d);
	buf_free(&t);
	cap_close(&c);
}

/* Bylines at the head of the first paragraph without round brackets (dump_dateline_run), in
   【】, and credits with a bar between role and name (文 | 张三, 文丨张三 编辑丨王五). */
static void test_dateline_runs(void)
{
	static const struct {
		const char *para;       /* the first paragraph (or a line under the headline) */
		const char *role0, *name0, *name1, *role1;
	} cases[] = {
		{"新华社北京9月8日电 记者张三、李四报道：国家统计局8日发布数据，物价总体平稳。",
		 "记者", "张三", "李四", NULL},
		{"本报北京9月8日电 记者张三报道：国家统计局8日发布数据，物价总体平稳。",
		 "记者", "张三", NULL, NULL},
		{"南都讯 记者张三 通讯员李四 国家统计局8日发布数据，物价总体平稳。",
		 "记者", "张三", NULL, "通讯员"},
		{"本报记者 张三 通讯员 李四 报道：昨天，国家统计局发布数据，物价总体平稳。",
		 "本报记者", "张三", NULL, "通讯员"},
		{"本报记者 张三\u3000国家统计局8日发布数据，物价总体平稳。", "本报记者", "张三", NULL, NULL},
		{"【环球时报驻美国特约记者 张三 环球时报记者 李四】美国国会8日举行听证会。",
		 "环球时报驻美国特约记者", "张三", NULL, "环球时报记者"},
		{"【环球网报道 记者 张三】美国国会8日举行听证会，讨论预算问题。", "记者", "张三", NULL, NULL},
		{"文 | 张三", "文", "张三", NULL, NULL},
		{"作者 | 张三", "作者", "张三", NULL, NULL},
		{"文丨张三 编辑丨王五", "文", "张三", NULL, NULL},
		/* not bylines: a reporter quoted in the text, a lone role */
		{"记者 张三 表示，今年的物价总体平稳，没有大的波动。", NULL, NULL, NULL, NULL},
		{"记者张三昨天从市统计局获悉，物价总体平稳。", NULL, NULL, NULL, NULL},
		{"本报记者 国家统计局8日发布数据，物价总体平稳。", NULL, NULL, NULL, NULL},
	};
	struct capture c;
	cap_open(&c);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct buf t;
		buf_init(&t);
		buf_printf(&t, "八月物价总体平稳\n2022-09-08 10:20\n%s\n"
			   "分析人士认为，物价将保持在合理区间运行。\n", cases[k].para);
		struct doc *d = NULL;
		CHECK(parse_buffer("run.txt", t.p, t.len, c.d, &d) == ERR_OK);
		if (!d) {
			buf_free(&t);
			continue;
		}
		if (!cases[k].role0) {
			if (d->n_byline)
				fprintf(stderr, "  case %zu: unexpected byline %s\n", k, credit_name(d, 0, 0));
			CHECK(d->n_byline == 0);
		} else {
			CHECK_STR(credit_role(d, 0), cases[k].role0);
			CHECK_STR(credit_name(d, 0, 0), cases[k].name0);
			if (cases[k].name1)
				CHECK_STR(credit_name(d, 0, 1), cases[k].name1);
			if (cases[k].role1)
				CHECK_STR(credit_role(d, 1), cases[k].role1);
		}
		if (k == 9)
			CHECK_STR(d->editor.text, "王五");
		doc_free(d);
		buf_free(&t);
	}
	cap_close(&c);
}

/* A government notice's metadata table (keys spaced out to one width, one pair then two pairs a
   row, tab-separated): 标题 is the title, 发布日期 the date, 发文机关 the author; the table, the
   headline again broken over short lines and the download buttons are not printed. */
static void test_gov_table(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "首页\n政务公开\n登录 注册\n",
			"示例省政府信息公开专栏 >> 示例省人民政府\n"
			"索 \xc2\xa0引 号：\t0000/2021-00001\n"
			"分\xc2\xa0\xc2\xa0类：\t城乡建设;通知\n"
			"发文机关：\t示例省人民政府\n"
			"成文日期：\t2021年03月02日\n"
			"标\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0题：\t示例省人民政府关于做好示例工程建设征地工作的通知\n"
			"发文字号：\t示政发〔2021〕3号\n"
			"发布日期：\t2021年03月04日\n"
			"索 \xc2\xa0引 号：\t0000/2021-00001\t分\xc2\xa0\xc2\xa0类：\t城乡建设;通知\n"
			"发文机关：\t示例省人民政府\t成文日期：\t2021年03月02日\n"
			"示例省人民政府关于做好\n示例工程建设征地\n工作的通知\n"
			"　　为做好示例工程建设，确保征地工作顺利进行，现就有关事项通知如下：\n"
			"　　一、各地要加强组织领导，严格执行相关规定，维护群众合法权益。\n"
			"　　二、自本通知发布之日起，上述区域内不得新建、扩建和改建项目。\n"
			"　　示例省人民政府\n　　2021年3月2日\n"
			"扫一扫在手机打开当前页\npdf下载\xc2\xa0\xc2\xa0word下载\n");
	if (d) {
		CHECK_STR(d->title.text, "示例省人民政府关于做好示例工程建设征地工作的通知");
		CHECK_STR(d->published.text, "2021-03-04");
		CHECK(d->n_byline == 1);
		CHECK_STR(credit_role(d, 0), "");
		CHECK_STR(credit_name(d, 0, 0), "示例省人民政府");
		CHECK(d->n_blocks == 5);
		CHECK(d->n_blocks && starts(d->blocks[0].text, "为做好示例工程建设"));
		CHECK(d->n_blocks == 5 && !strcmp(d->blocks[4].text, "2021年3月2日"));
		for (size_t i = 0; i < d->n_blocks; i++)
			CHECK(!strstr(d->blocks[i].text, "示政发") && !strstr(d->blocks[i].text, "工作的通知") &&
			      !strstr(d->blocks[i].text, "下载"));
	}
	doc_free(d);
	/* no 发布日期: the date the notice was written; no 发文机关: the publisher */
	d = read_page(&c, "首页\n政务公开\n登录 注册\n",
			"索引号：0000/2021-00002 主题分类：城乡建设\n"
			"发布机构：示例市住房和城乡建设局 成文日期：2021年05月06日\n"
			"名\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0称：示例市关于加强示例管理的通知\n"
			"示例市关于加强示例管理的通知\n"
			"　　各区要加强示例管理，严格执行相关规定，维护群众合法权益。\n"
			"　　本通知自发布之日起施行。\n");
	if (d) {
		CHECK_STR(d->title.text, "示例市关于加强示例管理的通知");
		CHECK_STR(d->published.text, "2021-05-06");
		CHECK_STR(credit_name(d, 0, 0), "示例市住房和城乡建设局");
		CHECK(d->n_blocks == 2);
	}
	doc_free(d);
	cap_close(&c);
}

/* A date set over three lines under the headline (year, month/day, time), on a page and in a
   clean dump; without the time line it is the day alone. Not printed. A year alone followed by
   a day that does not exist is no date. */
static void test_split_date(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "要闻\n娱乐\n财经\n体育\n",
			"示例儿歌被改了 原作者女儿：唱起来不觉得拗口吗？\n2019\n09/07\n19:02\n示例号\n分享\n评论\n2819\n"
			"近日，一张截图在朋友圈流传，那首著名的儿童歌曲被改了名字，引来不少讨论。\n"
			"她说，改成这样，唱起来不觉得拗口吗？我理解大家是用这个来搞笑。\n"
			"她回忆起这首歌的故事，说因为这首歌太有名了，父亲还有了一个外号。\n");
	if (d) {
		CHECK_STR(d->title.text, "示例儿歌被改了 原作者女儿：唱起来不觉得拗口吗？");
		CHECK_STR(d->published.text, "2019-09-07T19:02");
		CHECK(d->n_blocks == 3);
	}
	doc_free(d);
	const char *clean = "示例儿歌被改了\n2019\n9月7日\n近日，一张截图在朋友圈流传。\n她说，唱起来不觉得拗口吗？\n";
	d = NULL;
	CHECK(parse_str(clean, &c, &d) == ERR_OK);
	if (d) {
		CHECK_STR(d->published.text, "2019-09-07");
		CHECK(d->n_blocks == 2);
	}
	doc_free(d);
	clean = "示例儿歌被改了\n2019\n02/30\n近日，一张截图在朋友圈流传。\n";
	d = NULL;
	CHECK(parse_str(clean, &c, &d) == ERR_OK);
	if (d) {
		CHECK_STR(d->published.text, NULL);
	}
	doc_free(d);
	cap_close(&c);
}

/* A wiki page: its heading (a name too short for a headline) first, the site's tagline under
   it, the heading again over the infobox and as the lead's subject; sections headed with edit
   links (简介[编辑]); tables of dated rows; references and the site's menus last. */
static void test_wiki(void)
{
	struct capture c;
	cap_open(&c);
	struct buf t;
	buf_init(&t);
	buf_puts(&t, "张示例\n示例百科，自由的百科全书\n跳到导航 跳到搜索\n张示例\n男歌手\n国籍\t示例国\n"
		     "张示例（1976年4月25日－），示例国男歌手，曾为三人组合成员，2001年推出首张个人专辑。\n"
		     "他于2005年凭一首歌风靡全国，并于同年横扫三大电视台的音乐大奖。\n目录\n1 简介\n2 作品\n"
		     "简介[编辑]\n1995年9月1日，他以组合名义出道，演唱的第一首歌便登上排行榜。\n"
		     "2015年12月21日，组合三人回归，发布新专辑，销量名列前茅。\n作品[编辑]\n"
		     "年份\t日期\t媒体\t节目名称\n");
	for (int i = 0; i < 12; i++) {
		char row[96];
		snprintf(row, sizeof row, "20%02d年\t%d月%d日\t示例台\t示例节目%d\n", 4 + i, i % 12 + 1, i + 3, i);
		buf_puts(&t, row);
	}
	buf_puts(&t, "参考资料[编辑]\n^ 示例报. 2013-09-09.\n^ 示例网. 2021-06-22.\n"
		     "首页\n分类\n特色内容\n随机条目\n关于示例百科\n免责声明\n手机版视图\n");
	struct doc *d = NULL;
	CHECK(parse_buffer("wiki.txt", t.p, t.len, c.d, &d) == ERR_OK);
	if (d) {
		CHECK_STR(d->title.text, "张示例");
		CHECK_STR(d->subtitle.text, NULL);
		CHECK(d->n_byline == 0); /* the heading again over the infobox is no author */
		int intro = 0, row = 0, bad = 0;
		for (size_t i = 0; i < d->n_blocks; i++) {
			const char *s = d->blocks[i].text;
			intro += d->blocks[i].type == DOC_HEADING && !strcmp(s, "简介");
			row += strstr(s, "示例节目11") != NULL;
			bad += strstr(s, "[编辑]") || strstr(s, "参考资料") || strstr(s, "自由的百科全书") ||
			       strstr(s, "示例报") || strstr(s, "随机条目");
		}
		CHECK(intro == 1);
		CHECK(row == 1);
		CHECK(bad == 0);
	}
	doc_free(d);
	buf_free(&t);
	cap_close(&c);
}

/* The fold of a portal's article (展开全文, a button the page hides the rest behind): the button
   is not printed, the text after it is the article's. */
static void test_fold(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "首页\n新闻\n体育\n汽车\n",
			"示例企业家之子出狱的一天：重返母亲的工厂\n2020-11-26 08:04 来源：示例新闻网\n"
			"上午十一点半，得知自己减刑释放的他还没缓过神来，被送到了高速路口。\n"
			"几个小时前，市中级人民法院作出刑事裁定书，决定减去余刑。\n展开全文\n"
			"作为当地的企业老板，他家做了几十年生意，手头上还算宽绰。\n"
			"姐姐一脸埋怨，说父母在生活上极其抠门，钱都用到了厂子里。\n");
	if (d) {
		CHECK(d->n_blocks == 4);
		CHECK(d->n_blocks == 4 && starts(d->blocks[2].text, "作为当地的企业老板"));
	}
	doc_free(d);
	cap_close(&c);
}

/* A blog post written with spaces for commas whose later lines are not all written so (no
   space, a Latin name in brackets, a ！ inside): they go on the post up to a short line. */
static void test_spaced_post(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "首页\n部落格\n相簿\n留言\n",
			"示例营地赏枫 第二次造访发现营区变了\n2013-12-28 00:28\n"
			"一波波接续性低温寒流报到 已将示例乡后山一带层层山峦披上嫣红的彩衣\n\n"
			"示例道路一路上云气山岚滞留山头 顺路下切蜿蜒道路后不久即抵达营地\n\n"
			"营地美如其名偌大枫香树早已呈现金黄 泛红色彩也是爱摄人士所喜爱造访之地\n\n"
			"第二次造访发现到营区变了 印象中以前生冷招牌换成了原木招牌可谓匠心独具\n\n"
			"熏黑原木加上金黄色醒目字体 加上了猫头鹰原木创作也充分发挥了装饰艺术\n\n"
			"营区内除了露营民宿餐饮赏枫项目 多了许多原木饰品更有画龙点睛之妙\n\n"
			"来到现场已是落叶飘飘堆叠满地 不忍踩过刚刚掉落的树叶沿着前人足迹\n\n"
			"虽然只是一厢情愿的想法 终究还是不敌季节的变化而飘落满地\n\n"
			"星期天早上趁着摄影团还没入场先来人物场景特写\n\n"
			"示例家两张新\"座椅\"就当作是试坐啰！拍谢哩\n\n"
			"三家合照（Hero也一定要入镜的）\n\n"
			"这两天肉肉(Hero)天雨湿滑无法自由奔跑都快闷坏了\n\n"
			"示例营地 资讯\n联络电话：03-584-7231\n上一篇文章与下一篇文章\n走进示例遇见落羽松\n"
			"您可能会有兴趣的文章\n示例 道路\n全站分类：国内旅游\n留言列表 (42)\n");
	if (d) {
		CHECK(d->n_blocks == 12);
		CHECK(d->n_blocks == 12 && starts(d->blocks[11].text, "这两天肉肉"));
	}
	doc_free(d);
	cap_close(&c);
}

/* Inside an English article: a photo's caption closing with its credit, a credit alone, a
   labelled caption (Media caption …, Image copyright …), a Share button and a paywall's notice
   are not printed; a sentence that starts with Share is. */
static void test_photo_credits(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "Home\nWorld\nSign in\n",
			"Storm clears in time for the holiday weekend\nNovember 19, 2023 7:18 pm\n"
			"Share Article\nCredit: Example Images\n"
			"The storm that threatened holiday travel moved out to sea on Wednesday, forecasters said.\n"
			"A man walks past a flooded street on Thursday Credit: STR/AFP\n"
			"Media caption The forecaster explains why the storm turned away from the coast\n"
			"Image copyright Example Images\n"
			"Share prices of airlines rose as flights resumed across the region on Thursday morning.\n"
			"Subscribe to continue reading this article.\n");
	if (d) {
		CHECK_STR(d->title.text, "Storm clears in time for the holiday weekend");
		CHECK(d->n_blocks == 2);
		CHECK(d->n_blocks == 2 && starts(d->blocks[1].text, "Share prices of airlines"));
	}
	doc_free(d);
	cap_close(&c);
}

/* A lead-in closing the article announces a list of short lines and fields: they are the
   article's; a lead-in with nothing of the kind after it (over a gallery) is left out. */
static void test_lead_in_list(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "首页\n新闻\n汽车\n房产\n",
			"示例汽车推出全新小轿车 改装赛车引关注\n2005-11-10 13:08 来源：示例网\n"
			"示例汽车今天在南京发布了全新小轿车，这款车的动力系统与老款车型一脉相承。\n"
			"用老款车型来改装成赛车不是没有道理的，它的发动机在同级车中表现出色。\n"
			"动力系统主要参数：\n示例CH7121\n发动机型式：直列4缸双顶置凸轮轴\n发动机总排量：1171ml\n"
			"最大功率：51Kw／6000rpm\n变速箱：国产手动五速\n"
			"页面功能 【我来说两句】【推荐】【打印】\nCopyright © 2005 Example Inc. All rights reserved.\n"
			"■相关连接\n示例小轿车现身南京(图)(11/10 13:08)\n示例杀入广东 火热竞争(11/10 00:00)\n"
			"小鬼当家示例加入战团(11/03 09:25)\n");
	if (d) {
		CHECK(d->n_blocks == 8);
		CHECK(d->n_blocks == 8 && !strcmp(d->blocks[7].text, "变速箱：国产手动五速"));
	}
	doc_free(d);
	d = read_page(&c, "Home\nAbout\nContact\n",
			"Actress Is Looking Stunning In New Photos\nOctober 06, 2018\n"
			"Photos which were released online and are making the rounds on social media show the actress at an event.\n"
			"She flaunted her hand bag which had the colours of the flag. She was one of the guests invited.\n"
			"See more photos:\nTags:\nEntertainment\nLatest News\nFacebook\nTwitter\nYOU MAY LIKE THESE POSTS\n");
	if (d) {
		CHECK(d->n_blocks == 2);
		CHECK(d->n_blocks == 2 && starts(d->blocks[1].text, "She flaunted"));
	}
	doc_free(d);
	cap_close(&c);
}

/* The heading of a site's copyright notice and disclaimer after the article ends it: the
   notice's sentences are not printed; the editor credit before it is read. */
static void test_notice_heading(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "首页\n新闻\n专题\n",
			"示例专家：为农机行业搭建现代化信息平台\n2005-08-16 来源：示例网\n"
			"示例专家今天表示，要搭建一个符合现代市场理念的信息平台，服务农机企业。\n"
			"他说，这个平台将保持企业持久发展，让农民买到放心的农机。\n"
			"（责任编辑： 黄示例 ）\n【打印本稿】\n【关闭】\n示例网版权与免责声明：\n"
			"① 凡本网注明“来源：示例网”的所有作品，版权均属于本网，未经授权不得转载。\n"
			"② 凡本网注明“来源：XXX（非示例网）”的作品，均转载自其它媒体，转载目的在于传递更多信息。\n"
			"③ 如因作品内容、版权和其它问题需要同本网联系的，请在30日内进行。\n");
	if (d) {
		CHECK(d->n_blocks == 2);
		CHECK_STR(d->editor.text, "黄示例");
	}
	doc_free(d);
	cap_close(&c);
}

/* A box of links inside a Chinese article, its heading holding the first link (延伸阅读：…):
   the box goes, the article goes on after it (its subheads too); 延伸阅读 alone after the
   article ends it. */
static void test_inline_box(void)
{
	struct capture c;
	cap_open(&c);
	struct doc *d = read_page(&c, "首页\n新闻\n科技\n",
			"伪科学的示例骗局 你上当了吗\n2005-01-14 17:02 来源：示例报\n"
			"这场绝食秀不光在挑战生理极限，也在挑战着人们的常识，本报记者调查了此事。\n"
			"一批科技界人士通过本报呼吁，公众应当提高科学素养，远离各种骗局。\n"
			"延伸阅读：57岁小学肄业 示例骗子演绎25亿美元惊天骗局\n"
			"诱导高收费电话回电 警惕祝福短信成骗钱陷阱\n沪数起诈骗案：陌生人打电话要求汇款骗取资金\n"
			"示例夫妻在广东非法集资诈骗2亿元潜逃\n骗局之1\n"
			"老中医声称绝食49天，专家指出，这在医学上是不可能的，其中必有蹊跷。\n"
			"专家说，科学的核心应该是实事求是，这种做法在医学上看来十分可笑。\n"
			"延伸阅读\n示例骗局又现江湖 受害者众多\n示例骗子落网记 骗走百万元\n示例专家揭秘骗术 提醒市民警惕\n");
	if (d) {
		CHECK(d->n_blocks == 5);
		CHECK(d->n_blocks == 5 && !strcmp(d->blocks[2].text, "骗局之1"));
		for (size_t i = 0; i < d->n_blocks; i++)
			CHECK(!strstr(d->blocks[i].text, "延伸阅读") && !strstr(d->blocks[i].text, "骗钱陷阱"));
	}
	doc_free(d);
	cap_close(&c);
}

int main(void)
{
	test_inline_box();
	test_notice_heading();
	test_lead_in_list();
	test_photo_credits();
	test_spaced_post();
	test_fold();
	test_wiki();
	test_split_date();
	test_gov_table();
	test_detected();
	test_field_shapes();
	test_site_layouts();
	test_dateline_runs();
	test_credit_shapes();
	test_post_footer();
	test_bylines();
	test_headlines();
	test_english();
	test_bio();
	test_sign_off();
	test_caption_desk();
	test_dated_teasers();
	test_published_footer();
	test_dated_headline();
	test_spaced_prose();
	test_late_editor();
	test_markup_line();
	test_headlines_en();
	test_not_articles();
	test_sample();
	test_punct();
	test_dates();
	test_gb18030();
	test_hz();
	test_bom_crlf();
	test_invalid_utf8();
	test_refused();
	test_variants();
	if (failures) {
		fprintf(stderr, "test_textdump: %d of %d checks failed\n", failures, checks);
		return 1;
	}
	printf("test_textdump: all %d checks passed\n", checks);
	return 0;
}
