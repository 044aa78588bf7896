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

/* Whether s is a date alone: 2022年1月27日, 二〇二二年一月二十七日, 2022-01-27, 2022.1.27
   (spaces around it allowed). */
static int wording_date_only(const char *s)
{
	static const char *const cn[] = {"〇", "零", "一", "二", "三", "四", "五", "六", "七", "八",
					 "九", "十"};
	static const char *const units[] = {"年", "月", "日"};
	size_t u = 0, run = 0;
	char sep = 0;
	s += strspn(s, " ");
	while (*s) {
		size_t k = *s >= '0' && *s <= '9';
		for (size_t q = 0; q < sizeof cn / sizeof *cn && !k; q++)
			if (!strncmp(s, cn[q], strlen(cn[q])))
				k = strlen(cn[q]);
		if (k) {
			run++;
			s += k;
			continue;
		}
		if (!run)
			return 0;
		if (!sep && u < 3 && !strncmp(s, units[u], strlen(units[u]))) {
			s += strlen(units[u++]);
		} else if ((*s == '-' || *s == '.' || *s == '/') && (!u || sep == *s) && u < 2) {
			sep = *s++;
			u++;
		} else if (*s == ' ' && !s[strspn(s, " ")]) {
			break;
		} else {
			return 0;
		}
		run = 0;
	}
	return sep ? u == 2 && run > 0 : u == 3 && !run;
}

size_t wording_signature(const struct doc *doc)
{
	size_t n = doc->n_blocks, i = n;
	if (n < 2)
		return n;
	const struct doc_block *last = &doc->blocks[n - 1];
	if (last->type != DOC_PARA || last->depth || strlen(last->text) > 48 || !wording_date_only(last->text))
		return n;
	i = n - 1;
	/* the signer over the date: short, no sentence mark */
	const struct doc_block *b = &doc->blocks[n - 2];
	size_t chars = 0;
	for (const char *p = b->text; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (b->type == DOC_PARA && !b->depth && chars >= 2 && chars <= WORDING_SIGNER_MAX &&
	    !strstr(b->text, "。") && !strstr(b->text, "，") && !strstr(b->text, "：") && n > 2)
		i = n - 2;
	return i;
}

/* Whether the role-less credit cr is the text's signature: each of its names is a paragraph
   of its own among the last WORDING_SIGN_PARAS (吉林省人民政府 over 2022年1月27日 closing a 公文). */
static int wording_signed(const struct doc *doc, const struct doc_credit *cr)
{
	if (cr->role[0] || !cr->n_names)
		return 0;
	for (size_t k = 0; k < cr->n_names; k++) {
		int found = 0;
		for (size_t i = doc->n_blocks, m = 0; i-- > 0 && m < WORDING_SIGN_PARAS && !found; m++)
			found = doc->blocks[i].type == DOC_PARA && !strcmp(doc->blocks[i].text, cr->names[k]);
		if (!found)
			return 0;
	}
	return 1;
}

void wording_byline(const struct doc *doc, struct buf *out, struct buf *keep)
{
	size_t shown = 0;
	for (size_t i = 0; i < doc->n_byline; i++)
		shown += !wording_signed(doc, &doc->byline[i]);
	if (!shown)
		return;
	size_t base = out->len;
	buf_puts(out, "（");
	for (size_t i = 0, put = 0; i < doc->n_byline; i++) {
		const struct doc_credit *cr = &doc->byline[i];
		if (wording_signed(doc, cr))
			continue;
		if (put++)
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
	/* 杨倩_NF4425, 王五 PN123: the code after the last _, - or space that follows a non-ASCII
	   name */
	for (size_t i = n; i-- > 1;)
		if ((s[i] == '_' || s[i] == '-' || s[i] == ' ') && ((unsigned char)s[i - 1] & 0x80)) {
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
