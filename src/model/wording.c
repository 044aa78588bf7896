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

void wording_editor(const struct doc *doc, struct buf *out)
{
	if (!doc->editor.text)
		return;
	buf_puts(out, wording_labels(doc)->editor);
	buf_puts(out, doc->editor.text);
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
