/* test_wording.c: the printed wording of the labelled parts (model/wording.h), exactly: the
   dateline with and without a date or source, the byline with roles, unnamed roles and several
   names, the name ranges it reports for the line breaker, 关键词 and 责任编辑. */
#include "model/wording.h"
#include "model/doc.h"
#include "base/buf.h"
#include <stdio.h>
#include <string.h>

static int fails;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)
#define SAME(b, s) do { const char *g_ = buf_cstr(b); if (strcmp(g_, s)) { \
	fprintf(stderr, "%s:%d: FAIL got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, s); fails++; } \
	buf_reset(b); } while (0)

int main(void)
{
	struct srcpos at = {"t.txt", 1, 1};
	struct doc *d = doc_new("t.txt");
	struct buf b, keep;
	buf_init(&b);
	buf_init(&keep);
	char date[32];
	wording_date("2022-04-06T14:30:22", date, sizeof date);
	CHECK(!strcmp(date, "2022-04-06 14:30"));
	wording_date("2022-04-06", date, sizeof date);
	CHECK(!strcmp(date, "2022-04-06"));
	wording_date("2022-04-06T14:30", date, 5);
	CHECK(!strcmp(date, "2022"));

	/* nothing to say: nothing written */
	wording_dateline(d, &b);
	wording_byline(d, &b, &keep);
	wording_keywords(d, &b);
	wording_editor(d, &b);
	CHECK(b.len == 0 && keep.len == 0);

	CHECK(!doc_set(d, &d->source, "湖北日报", (size_t)-1, at));
	wording_dateline(d, &b);
	SAME(&b, "来源：湖北日报");
	CHECK(!doc_set(d, &d->published, "2022-04-06T14:30:22", (size_t)-1, at));
	wording_dateline(d, &b);
	SAME(&b, "2022-04-06 14:30 来源：湖北日报");

	CHECK(!doc_add_credit(d, "湖北日报全媒记者", (size_t)-1, at));
	CHECK(!doc_add_name(d, "李光正", (size_t)-1));
	CHECK(!doc_add_credit(d, "通讯员", (size_t)-1, at));
	CHECK(!doc_add_name(d, "姚韦伟", (size_t)-1));
	CHECK(!doc_add_name(d, "王五", (size_t)-1));
	wording_byline(d, &b, &keep);
	const char *want = "（湖北日报全媒记者 李光正 通讯员 姚韦伟 王五）";
	const char *got = buf_cstr(&b);
	CHECK(!strcmp(got, want));
	CHECK(keep.len == 3 * 2 * sizeof(uint32_t));
	if (keep.len == 3 * 2 * sizeof(uint32_t)) {
		const uint32_t *r = (const uint32_t *)keep.p;
		CHECK(!strncmp(got + r[0], "李光正", r[1] - r[0]) && r[1] - r[0] == strlen("李光正"));
		CHECK(!strncmp(got + r[2], "姚韦伟", r[3] - r[2]));
		CHECK(!strncmp(got + r[4], "王五", r[5] - r[4]) && !strcmp(got + r[5], "）"));
	}
	buf_reset(&b);
	/* ranges are relative to where the byline starts in the buffer */
	buf_reset(&keep);
	buf_puts(&b, "前缀");
	wording_byline(d, &b, &keep);
	CHECK(!strncmp(buf_cstr(&b) + strlen("前缀") + ((const uint32_t *)keep.p)[0], "李光正", 9));
	buf_reset(&b);

	struct doc *d2 = doc_new("u.txt");
	CHECK(!doc_add_credit(d2, "", 0, at));
	CHECK(!doc_add_name(d2, "张三", (size_t)-1));
	wording_byline(d2, &b, NULL);
	SAME(&b, "（张三）");
	doc_free(d2);

	/* a 公文's signature (落款): the signer over a date alone closes the text; a role-less
	   credit naming the signer is not repeated */
	static const char *const dates[] = {"2022年1月27日", "二〇二二年一月二十七日", "2022-01-27", "2022.1.27"};
	static const char *const not_dates[] = {"2022年1月", "27日", "2022-01", "第2022年1月27日", "2022年1月27日电"};
	for (size_t q = 0; q < sizeof dates / sizeof *dates + sizeof not_dates / sizeof *not_dates; q++) {
		int is = q < sizeof dates / sizeof *dates;
		const char *dt = is ? dates[q] : not_dates[q - sizeof dates / sizeof *dates];
		d2 = doc_new("g.txt");
		CHECK(!doc_add_block(d2, DOC_PARA, 0, "特此通告。", (size_t)-1, at));
		CHECK(!doc_add_block(d2, DOC_PARA, 0, "吉林省人民政府", (size_t)-1, at));
		CHECK(!doc_add_block(d2, DOC_PARA, 0, dt, (size_t)-1, at));
		CHECK(!doc_add_credit(d2, "", 0, at));
		CHECK(!doc_add_name(d2, "吉林省人民政府", (size_t)-1));
		CHECK(wording_signature(d2) == (is ? 1u : 3u));
		wording_byline(d2, &b, NULL);
		SAME(&b, "");
		doc_free(d2);
	}
	d2 = doc_new("g.txt"); /* a sentence over the date is no signer: only the date */
	CHECK(!doc_add_block(d2, DOC_PARA, 0, "特此通告，请遵照执行。", (size_t)-1, at));
	CHECK(!doc_add_block(d2, DOC_PARA, 0, "2022年1月27日", (size_t)-1, at));
	CHECK(wording_signature(d2) == 1);
	doc_free(d2);

	CHECK(!doc_add_keyword(d, "社会工作", (size_t)-1, at));
	CHECK(!doc_add_keyword(d, "五社联动", (size_t)-1, at));
	wording_keywords(d, &b);
	SAME(&b, "关键词：社会工作 五社联动");
	/* D13: a CMS user id is not printed as the editor; a staff code joined to a name is cut */
	CHECK(!doc_set(d, &d->editor, "ERM523", (size_t)-1, at));
	wording_editor(d, &b);
	SAME(&b, "");
	CHECK(!doc_set(d, &d->editor, "杨倩_NF4425", (size_t)-1, at));
	wording_editor(d, &b);
	SAME(&b, "责任编辑：杨倩");
	CHECK(!doc_set(d, &d->editor, "王五", (size_t)-1, at));
	wording_editor(d, &b);
	SAME(&b, "责任编辑：王五");
	CHECK(wording_editor_name("John Smith") == 10);
	CHECK(wording_editor_name("Anna-Lena") == 9);   /* a hyphenated name without digits */
	CHECK(wording_editor_name("张三-李四") == strlen("张三-李四"));
	CHECK(wording_editor_name("NF4425") == 0);
	CHECK(wording_editor_name("王五 PN123") == strlen("王五"));      /* a portal's staff code */
	CHECK(wording_editor_name("萧潇 张妍") == strlen("萧潇 张妍")); /* two names */
	CHECK(wording_editor_name("") == 0);
	CHECK(wording_editor_name(NULL) == 0);
	CHECK(!b.oom && !keep.oom);
	buf_free(&b);
	buf_free(&keep);
	doc_free(d);
	if (fails)
		fprintf(stderr, "%d failed\n", fails);
	else
		printf("wording: all passed\n");
	return fails != 0;
}
