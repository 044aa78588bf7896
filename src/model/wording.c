/* wording.c: the printed wording of an article's labelled parts (wording.h). */
#include "wording.h"
#include "doc.h"
#include "../base/buf.h"
#include <string.h>

static const struct wording_labels wording_hans = {
	"来源：", "关键词：", "责任编辑：", "第 %zu 页 / 共 %zu 页",
};
static const struct wording_labels wording_hant = {
	"來源：", "關鍵詞：", "責任編輯：", "第 %zu 頁 / 共 %zu 頁",
};

const struct wording_labels *wording_labels(const struct doc *doc)
{
	const char *l = doc ? doc->lang.text : NULL;
	return l && (!strcmp(l, "zh-Hant") || !strcmp(l, "zh-HK")) ? &wording_hant : &wording_hans;
}

void wording_date(const char *iso, char *out, size_t n)
{
	if (!n)
		return;
	size_t l = strlen(iso);
	if (l > 16)
		l = 16;
	if (l >= n)
		l = n - 1;
	memcpy(out, iso, l);
	out[l] = 0;
	char *t = strchr(out, 'T');
	if (t)
		*t = ' ';
}

void wording_dateline(const struct doc *doc, struct buf *out)
{
	char date[32] = "";
	if (doc->published.text)
		wording_date(doc->published.text, date, sizeof date);
	buf_puts(out, date);
	if (doc->source.text) {
		if (*date)
			buf_putc(out, ' ');
		buf_puts(out, wording_labels(doc)->source);
		buf_puts(out, doc->source.text);
	}
}

void wording_byline(const struct doc *doc, struct buf *out, struct buf *keep)
{
	if (!doc->n_byline)
		return;
	size_t base = out->len;
	buf_puts(out, "（");
	for (size_t i = 0; i < doc->n_byline; i++) {
		const struct doc_credit *cr = &doc->byline[i];
		if (i)
			buf_putc(out, ' ');
		buf_puts(out, cr->role);
		for (size_t k = 0; k < cr->n_names; k++) {
			if (k || cr->role[0])
				buf_putc(out, ' ');
			uint32_t r[2] = {(uint32_t)(out->len - base), 0};
			buf_puts(out, cr->names[k]);
			r[1] = (uint32_t)(out->len - base);
			if (keep)
				buf_put(keep, r, sizeof r);
		}
	}
	buf_puts(out, "）");
}

void wording_keywords(const struct doc *doc, struct buf *out)
{
	if (!doc->n_keywords)
		return;
	buf_puts(out, wording_labels(doc)->keywords);
	for (size_t i = 0; i < doc->n_keywords; i++) {
		if (i)
			buf_putc(out, ' ');
		buf_puts(out, doc->keywords[i].text);
	}
}

/* s[0..n) is a user id: ASCII letters, digits, _ and -, at least one digit. */
static int wording_is_id(const char *s, size_t n)
{
	int digit = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= '0' && ch <= '9')
			digit = 1;
		else if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') && ch != '_' && ch != '-')
			return 0;
	}
	return n && digit;
}

size_t wording_editor_name(const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (wording_is_id(s, n))
		return 0;
	/* 杨倩_NF4425: the code after the last _ or - that follows a non-ASCII name */
	for (size_t i = n; i-- > 1;)
		if ((s[i] == '_' || s[i] == '-') && ((unsigned char)s[i - 1] & 0x80)) {
			if (wording_is_id(s + i + 1, n - i - 1))
				return i;
			break;
		}
	return n;
}

void wording_editor(const struct doc *doc, struct buf *out)
{
	size_t n = wording_editor_name(doc->editor.text);
	if (!n)
		return;
	buf_puts(out, wording_labels(doc)->editor);
	buf_put(out, doc->editor.text, n);
}

/* Circled numbers ① .. ⑳ (U+2460 ..). */
#define WORDING_CIRCLED_FIRST 0x2460u
#define WORDING_CIRCLED_MAX 20

void wording_list_marker(int ordered, int number, int level, struct buf *out)
{
	if (!ordered) {
		static const char *const bullets[] = {"●", "○", "■"};
		buf_puts(out, bullets[level <= 1 ? 0 : level == 2 ? 1 : 2]);
		return;
	}
	if (level <= 1)
		buf_printf(out, "%d.", number);
	else if (level == 2)
		buf_printf(out, "（%d）", number);
	else if (number >= 1 && number <= WORDING_CIRCLED_MAX)
		buf_pututf8(out, WORDING_CIRCLED_FIRST + (uint32_t)number - 1);
	else
		buf_printf(out, "%d)", number);
}
