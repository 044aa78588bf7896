/* test_lang.c: exact assertions on the language detector and the declared tags of the three
   readers (parse/lang.h). Exits 1 when any assertion fails. */
#include "parse/lang.h"
#include "parse/parse.h"
#include "model/doc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures, checks;

static void test_str(int line, const char *what, const char *got, const char *want)
{
	checks++;
	if ((!got && !want) || (got && want && !strcmp(got, want)))
		return;
	fprintf(stderr, "%s:%d: FAIL: %s\n    got:  %s\n    want: %s\n", __FILE__, line, what,
		got ? got : "NULL", want ? want : "NULL");
	failures++;
}

/* The language lang_decide gives for text. */
static const char *lang_of(const char *text)
{
	struct lang_counts k = {0};
	lang_count(&k, text, strlen(text));
	return lang_decide(&k);
}

#define DETECT(text, want) test_str(__LINE__, text, lang_of(text), want)

static void test_detect(void)
{
	DETECT("这是我们的国家，他们说时间过得很快。", "zh-Hans");
	DETECT("這是我們的國家，他們說時間過得很快。", "zh-Hant");
	/* characters common to both forms: Simplified, the house default */
	DETECT("山水之间", "zh-Hans");
	DETECT("大山", "zh-Hans");
	/* a Simplified page naming a place in Traditional stays Simplified */
	DETECT("记者从台北报道：這個消息说明了两岸经济关系的发展。", "zh-Hans");
	/* Traditional wins only by more than twice */
	DETECT("這們說国", "zh-Hant");
	DETECT("這們说国", "zh-Hans");
	DETECT("東京で新しい図書館が開館しました。多くの人々が訪れています。", "ja");
	/* a few kana in a Chinese text (a shop name) do not make it Japanese */
	DETECT("这家名为「さくら」的日本料理店在市中心开业，吸引了许多顾客前来品尝。", "zh-Hans");
	DETECT("The city council approved new bike lanes on Monday.", "en");
	/* a Chinese page quoting English names and a sentence */
	DETECT("据 Reuters 报道，Apple 于 6 月 6 日发布了 iOS 16。Tim Cook 说：“This is the biggest "
	       "update ever.”新系统将于秋季推出。", "zh-Hans");
	/* an English text quoting one Chinese name */
	DETECT("Apple (苹果) said on Monday that iOS 16 will ship in the fall.", "en");
	DETECT("서울시는 새로운 도서관을 열었다.", "ko");
	DETECT("Москва — столица России.", "und");
	DETECT("2022-04-06 12:30 ……", "und");
	DETECT("", "und");
	/* invalid bytes are skipped */
	DETECT("\xff\xfe這們說", "zh-Hant");
}

static const char *canon(const char *tag, int *keep)
{
	return lang_canonical(tag, strlen(tag), keep);
}

static void test_canonical(void)
{
	static const struct { const char *tag, *want; int keep; } cases[] = {
		{"zh-TW", "zh-Hant", 0}, {"zh_tw", "zh-Hant", 0}, {"zh-Hant", "zh-Hant", 0},
		{"zh-Hant-TW", "zh-Hant", 0}, {"zh-MO", "zh-Hant", 0}, {"zh-HK", "zh-HK", 0},
		{"zh-Hant-HK", "zh-HK", 0}, {"zh-CN", "zh-Hans", 0}, {"zh-Hans-CN", "zh-Hans", 0},
		{"ZH-cn", "zh-Hans", 0}, {"zh-SG", "zh-Hans", 0}, {"zh", "zh", 0},
		{" zh ", "zh", 0}, {"ja", "ja", 0}, {"ja-JP", "ja", 0}, {"en-US", "en", 0},
		{"en", "en", 0}, {"ko-KR", "ko", 0}, {"fr-CA", NULL, 1}, {"de", NULL, 1},
		{"", NULL, 0}, {"zh CN", NULL, 0}, {"-zh", NULL, 0}, {"zhong", NULL, 1},
		{"x-very-long-private-use-tag-over-35-bytes", NULL, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int keep = -1;
		test_str(__LINE__, cases[i].tag, canon(cases[i].tag, &keep), cases[i].want);
		checks++;
		if (keep != cases[i].keep) {
			fprintf(stderr, "%s:%d: FAIL: '%s': keep %d, want %d\n", __FILE__, __LINE__,
				cases[i].tag, keep, cases[i].keep);
			failures++;
		}
	}
}

/* The lang a reader settles on for an input in memory named path. */
static void read_lang(int line, const char *path, const char *data, const char *want)
{
	struct diag *d = diag_new(stderr);
	struct doc *doc = NULL;
	enum err e = parse_buffer(path, data, strlen(data), d, &doc);
	checks++;
	if (e || !doc) {
		fprintf(stderr, "%s:%d: FAIL: %s did not parse (%d)\n", __FILE__, line, path, (int)e);
		failures++;
	} else {
		test_str(line, path, doc->lang.text, want);
	}
	doc_free(doc);
	diag_free(d);
}

#define HTML_BODY                                                                        \
	"<title>社区图书馆延长开放时间</title>"                                                     \
	"<meta property=\"og:type\" content=\"article\">"                                     \
	"<meta property=\"article:published_time\" content=\"2023-06-01\"></head><body>"     \
	"<h1>社区图书馆延长开放时间</h1>"                                                           \
	"<p>为了方便上班族，社区图书馆从本月起每天开放到晚上九点，周末还会增加亲子阅读活动。</p>"   \
	"<p>馆长说，过去一年来馆的读者人数明显增加，不少读者希望下班后也能来借书。</p>"           \
	"</body></html>"

static void test_readers(void)
{
	read_lang(__LINE__, "a.html", "<html lang=\"zh-TW\"><head>" HTML_BODY, "zh-Hant");
	read_lang(__LINE__, "a.html", "<html lang=\"zh-HK\"><head>" HTML_BODY, "zh-HK");
	read_lang(__LINE__, "a.html", "<html><head><meta http-equiv=\"Content-Language\" "
		  "content=\"zh-TW, en\">" HTML_BODY, "zh-Hant");
	/* <html lang> comes first and wins over the meta */
	read_lang(__LINE__, "a.html", "<html lang=\"ja\"><head><meta http-equiv=\"content-language\" "
		  "content=\"zh-TW\">" HTML_BODY, "ja");
	/* nothing declared: the text (Simplified) */
	read_lang(__LINE__, "a.html", "<html><head>" HTML_BODY, "zh-Hans");
	/* a bare zh: the text picks the script */
	read_lang(__LINE__, "a.md", "---\nlang: zh\n---\n\n這是我們的國家，他們說時間過得很快。\n",
		  "zh-Hant");
	read_lang(__LINE__, "a.md", "---\nlang: zh-Hant\n---\n\n这是我们的国家。\n", "zh-Hant");
	read_lang(__LINE__, "a.md", "---\nlang: fr\n---\n\nLa ville ouvre un parc.\n", "fr");
	read_lang(__LINE__, "a.md", "這是我們的國家，他們說時間過得很快。\n", "zh-Hant");
	read_lang(__LINE__, "a.txt", "港口夜市重新開張\n\n停業半年的港口夜市昨晚重新開張，"
		  "近百個攤位同時營業，吸引不少民眾前來。市政府表示，夜市整修期間更新了排水系統。\n",
		  "zh-Hant");
}

/* The table of forms: each character in one form only, and about 200 pairs. */
static void test_table(void)
{
	struct lang_counts k = {0};
	lang_count(&k, "", 0);
	checks++;
	if (k.n_forms < 300) {
		fprintf(stderr, "%s:%d: FAIL: only %zu forms\n", __FILE__, __LINE__, k.n_forms);
		failures++;
	}
	for (size_t i = 1; i < k.n_forms; i++) {
		checks++;
		if (k.forms[i].cp <= k.forms[i - 1].cp) {
			fprintf(stderr, "%s:%d: FAIL: U+%04X listed twice or unsorted\n", __FILE__,
				__LINE__, (unsigned)k.forms[i].cp);
			failures++;
		}
	}
}

int main(void)
{
	test_table();
	test_detect();
	test_canonical();
	test_readers();
	printf("test_lang: %d checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}
