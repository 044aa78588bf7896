/* test_spans.c: exact assertions on punct_normalize_map (PUNCT-NORM with span offsets
   translated into the normalised text, code ranges kept verbatim), on which the Markdown and
   HTML readers build inline spans. Exits 1 when any assertion fails. */
#include "parse/punct.h"
#include "base/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures, checks;

#define CHECK(cond)                                                                       \
	do {                                                                              \
		checks++;                                                                 \
		if (!(cond)) {                                                            \
			fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond);  \
			failures++;                                                       \
		}                                                                         \
	} while (0)

/* Normalises in with the span [a, b) of it (byte offsets, marked in the source as the bytes
   between '[' and ']' positions given by the caller) and checks the text and the span's
   text after translation (the span trimmed of spaces, as the readers do). */
static void span_case(int line, const char *in, size_t a, size_t b, const char *want_text,
		      const char *want_span)
{
	struct buf out;
	buf_init(&out);
	size_t at[2] = {a, b};
	punct_normalize_map(in, strlen(in), &out, at, 2, NULL, 0);
	const char *t = buf_cstr(&out);
	/* same text as without offsets */
	struct buf plain;
	buf_init(&plain);
	punct_normalize(in, strlen(in), &plain);
	checks++;
	if (strcmp(t, buf_cstr(&plain)) || strcmp(t, want_text)) {
		fprintf(stderr, "%s:%d: FAIL: text '%s' (plain '%s'), want '%s'\n", __FILE__, line,
			t, buf_cstr(&plain), want_text);
		failures++;
	}
	size_t s = at[0], e = at[1];
	while (s < e && t[s] == ' ')
		s++;
	while (e > s && t[e - 1] == ' ')
		e--;
	checks++;
	if (s > e || e > out.len || strlen(want_span) != e - s || memcmp(t + s, want_span, e - s)) {
		fprintf(stderr, "%s:%d: FAIL: span [%zu, %zu) '%.*s', want '%s'\n", __FILE__, line,
			s, e, (int)(e > s && e <= out.len ? e - s : 0), t + (s < out.len ? s : 0),
			want_span);
		failures++;
	}
	buf_free(&out);
	buf_free(&plain);
}

/* Offsets of the first occurrence of sub in s (start, end). */
#define SPAN(in, sub, text, want)                                                          \
	do {                                                                               \
		const char *p_ = strstr(in, sub);                                          \
		span_case(__LINE__, in, (size_t)(p_ - (in)), (size_t)(p_ - (in)) + strlen(sub), \
			  text, want);                                                     \
	} while (0)

static void test_map(void)
{
	SPAN("中文强调,推动", "强调", "中文强调，推动", "强调");
	SPAN("中文强调,推动", "强调,", "中文强调，推动", "强调，");
	SPAN("foo bar baz", " bar ", "foo bar baz", "bar");
	/* a widened parenthesis moves what follows it */
	SPAN("注(重点)后", "重点", "注（重点）后", "重点");
	SPAN("注(重点)后", "(重点)", "注（重点）后", "（重点）");
	SPAN("(注(一))了", "一", "（注（一））了", "一");
	SPAN("注(未完 重点", "重点", "注（未完 重点", "重点");
	/* D9: ASCII quotes widened to “ ” move what follows; dropped spaces too */
	SPAN("称\"美樹\"说", "美樹", "称“美樹”说", "美樹");
	SPAN("称\"美樹\"说", "\"美樹\"", "称“美樹”说", "“美樹”");
	SPAN("他说 \"你好\" 然后", "然后", "他说“你好”然后", "然后");
	SPAN("他说 \" 你好\" 然后", "你好", "他说“你好”然后", "你好");
	SPAN("等等...还有", "还有", "等等……还有", "还有");
	/* dropped spaces next to converted marks */
	SPAN("工作 , 民政", "民政", "工作，民政", "民政");
	SPAN("工作 , 民政", "工作", "工作，民政", "工作");
	/* trimmed and collapsed spaces */
	SPAN("  a   b  ", "b", "a b", "b");
	SPAN("一行  \n  二行", "二行", "一行\n二行", "二行");
	/* URLs copied in one go */
	SPAN("见 http://a.cn/x,谢谢", "http://a.cn/x", "见 http://a.cn/x，谢谢", "http://a.cn/x");
	/* an offset at the end */
	SPAN("中文 ", "文 ", "中文", "文");

	/* several offsets, ascending, and a verbatim range */
	const char *in = "用 printf(\"a, b\") 打印,好";
	const char *code = strstr(in, "printf");
	size_t keep[2] = {(size_t)(code - in), (size_t)(code - in) + strlen("printf(\"a, b\")")};
	size_t at[2] = {keep[0], keep[1]};
	struct buf out;
	buf_init(&out);
	punct_normalize_map(in, strlen(in), &out, at, 2, keep, 1);
	CHECK(!strcmp(buf_cstr(&out), "用 printf(\"a, b\") 打印，好"));
	/* the start lands before the space written ahead of the range (readers trim it) */
	CHECK(at[0] == 3 && at[1] == 4 + strlen("printf(\"a, b\")"));
	/* without the range the code's comma and parentheses would be widened */
	buf_reset(&out);
	const char *in2 = "用 x(一, 二) 打印";
	const char *k2 = strstr(in2, "x(");
	size_t keep2[2] = {(size_t)(k2 - in2), (size_t)(k2 - in2) + strlen("x(一, 二)")};
	punct_normalize_map(in2, strlen(in2), &out, NULL, 0, keep2, 1);
	CHECK(!strcmp(buf_cstr(&out), "用 x(一, 二) 打印"));
	/* appends: offsets relative to the text appended */
	buf_reset(&out);
	buf_puts(&out, "前");
	size_t at3[2] = {0, 3};
	punct_normalize_map("中,文", 7, &out, at3, 2, NULL, 0);
	CHECK(!strcmp(buf_cstr(&out), "前中，文") && at3[0] == 0 && at3[1] == 3);
	buf_free(&out);

	/* deep nesting: every offset stays inside the text and ascending */
	enum { DEEP = PUNCT_MAX_DEPTH + 8 };
	char deep[4 * DEEP + 8];
	size_t n = 0, marks[2 * DEEP];
	for (int i = 0; i < DEEP; i++) {
		marks[i] = n;
		deep[n++] = '(';
	}
	memcpy(deep + n, "\xE4\xB8\xAD", 3);
	n += 3;
	for (int i = 0; i < DEEP; i++) {
		deep[n++] = ')';
		marks[DEEP + i] = n;
	}
	buf_init(&out);
	punct_normalize_map(deep, n, &out, marks, 2 * DEEP, NULL, 0);
	int ok = 1;
	for (int i = 0; i < 2 * DEEP; i++)
		ok &= marks[i] <= out.len && (!i || marks[i - 1] <= marks[i]);
	CHECK(ok && marks[2 * DEEP - 1] == out.len);
	buf_free(&out);
}

int main(void)
{
	test_map();
	if (failures) {
		fprintf(stderr, "test_spans: %d of %d checks failed\n", failures, checks);
		return 1;
	}
	printf("test_spans: %d checks passed\n", checks);
	return 0;
}
