/* lang.c: the document's language, declared or detected from its text.

   Detection counts letters by script over the title, subtitle and blocks (at most
   LANG_MAX_COUNT of them). Chinese is told Traditional from Simplified by ~200 frequent
   characters that exist in one form only (lang_pairs: 这/這, 们/們 ...): a page is zh-Hant when
   its Traditional-only characters are more than twice its Simplified-only ones, so a Simplified
   page quoting a name in 臺灣 stays zh-Hans. Japanese shares the Han characters; it is told by
   its kana (a fifth or more of Han + kana). Without Han or kana the majority script decides. */
#include "lang.h"
#include "../base/utf8.h"
#include "../model/doc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Simplified form, Traditional form: frequent characters whose two forms differ, and that
   exist in their own form only (后 is 皇后 in Traditional text too, but rarely). */
static const char *const lang_pairs[][2] = {
	{"这", "這"}, {"们", "們"}, {"说", "說"}, {"国", "國"}, {"会", "會"}, {"为", "為"}, {"时", "時"},
	{"发", "發"}, {"经", "經"}, {"对", "對"}, {"关", "關"}, {"过", "過"}, {"后", "後"}, {"来", "來"},
	{"个", "個"}, {"学", "學"}, {"么", "麼"}, {"见", "見"}, {"还", "還"}, {"进", "進"}, {"动", "動"},
	{"开", "開"}, {"种", "種"}, {"问", "問"}, {"长", "長"}, {"现", "現"}, {"实", "實"}, {"产", "產"},
	{"业", "業"}, {"东", "東"}, {"机", "機"}, {"头", "頭"}, {"两", "兩"}, {"点", "點"}, {"从", "從"},
	{"当", "當"}, {"与", "與"}, {"没", "沒"}, {"应", "應"}, {"体", "體"}, {"员", "員"}, {"间", "間"},
	{"车", "車"}, {"门", "門"}, {"电", "電"}, {"书", "書"}, {"马", "馬"}, {"鱼", "魚"}, {"鸟", "鳥"},
	{"乐", "樂"}, {"义", "義"}, {"区", "區"}, {"华", "華"}, {"报", "報"}, {"记", "記"}, {"闻", "聞"},
	{"网", "網"}, {"线", "線"}, {"组", "組"}, {"织", "織"}, {"总", "總"}, {"统", "統"}, {"团", "團"},
	{"设", "設"}, {"计", "計"}, {"认", "認"}, {"议", "議"}, {"论", "論"}, {"讲", "講"}, {"语", "語"},
	{"让", "讓"}, {"请", "請"}, {"谈", "談"}, {"读", "讀"}, {"处", "處"}, {"务", "務"}, {"农", "農"},
	{"县", "縣"}, {"乡", "鄉"}, {"镇", "鎮"}, {"济", "濟"}, {"场", "場"}, {"万", "萬"}, {"亿", "億"},
	{"价", "價"}, {"钱", "錢"}, {"银", "銀"}, {"币", "幣"}, {"买", "買"}, {"卖", "賣"}, {"费", "費"},
	{"贸", "貿"}, {"资", "資"}, {"质", "質"}, {"层", "層"}, {"岁", "歲"}, {"历", "歷"}, {"变", "變"},
	{"观", "觀"}, {"规", "規"}, {"视", "視"}, {"亲", "親"}, {"写", "寫"}, {"边", "邊"}, {"达", "達"},
	{"运", "運"}, {"远", "遠"}, {"选", "選"}, {"连", "連"}, {"导", "導"}, {"领", "領"}, {"题", "題"},
	{"顺", "順"}, {"须", "須"}, {"预", "預"}, {"风", "風"}, {"飞", "飛"}, {"龙", "龍"}, {"单", "單"},
	{"卫", "衛"}, {"医", "醫"}, {"药", "藥"}, {"疗", "療"}, {"护", "護"}, {"险", "險"}, {"检", "檢"},
	{"验", "驗"}, {"环", "環"}, {"气", "氣"}, {"汉", "漢"}, {"湾", "灣"}, {"广", "廣"}, {"庆", "慶"},
	{"厅", "廳"}, {"厂", "廠"}, {"讯", "訊"}, {"数", "數"}, {"据", "據"}, {"术", "術"}, {"标", "標"},
	{"习", "習"}, {"协", "協"}, {"举", "舉"}, {"师", "師"}, {"带", "帶"}, {"帮", "幫"}, {"张", "張"},
	{"陈", "陳"}, {"刘", "劉"}, {"杨", "楊"}, {"赵", "趙"}, {"黄", "黃"}, {"吴", "吳"}, {"郑", "鄭"},
	{"孙", "孫"}, {"罗", "羅"}, {"许", "許"}, {"邓", "鄧"}, {"韩", "韓"}, {"冯", "馮"}, {"谢", "謝"},
	{"齐", "齊"}, {"战", "戰"}, {"军", "軍"}, {"权", "權"}, {"击", "擊"}, {"际", "際"}, {"极", "極"},
	{"构", "構"}, {"众", "眾"}, {"红", "紅"}, {"级", "級"}, {"结", "結"}, {"给", "給"}, {"续", "續"},
	{"维", "維"}, {"难", "難"}, {"虽", "雖"}, {"则", "則"}, {"岛", "島"}, {"树", "樹"}, {"节", "節"},
	{"苏", "蘇"}, {"艺", "藝"}, {"严", "嚴"}, {"丰", "豐"}, {"临", "臨"}, {"乱", "亂"}, {"争", "爭"},
	{"亚", "亞"}, {"传", "傳"}, {"伤", "傷"}, {"优", "優"}, {"辑", "輯"}, {"编", "編"}, {"责", "責"},
	{"词", "詞"}, {"页", "頁"}, {"闭", "閉"}, {"联", "聯"},
};
#define LANG_N_PAIRS (sizeof lang_pairs / sizeof *lang_pairs)
_Static_assert(2 * LANG_N_PAIRS <= LANG_MAX_FORMS, "lang_pairs: raise LANG_MAX_FORMS");

static int lang_form_cmp(const void *a, const void *b)
{
	const struct lang_form *x = a, *y = b;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* Fills k->forms from lang_pairs, sorted by code point (once per lang_counts). */
static void lang_forms_init(struct lang_counts *k)
{
	size_t n = 0;
	for (size_t i = 0; i < LANG_N_PAIRS; i++)
		for (int f = 0; f < 2; f++) {
			uint32_t cp;
			if (utf8_decode(lang_pairs[i][f], strlen(lang_pairs[i][f]), &cp))
				k->forms[n++] = (struct lang_form){cp, (uint8_t)(f + 1)};
		}
	qsort(k->forms, n, sizeof *k->forms, lang_form_cmp);
	k->n_forms = n;
}

/* 1: only in Simplified, 2: only in Traditional, 0: neither. */
static int lang_form_of(const struct lang_counts *k, uint32_t cp)
{
	struct lang_form key = {cp, 0};
	const struct lang_form *f = bsearch(&key, k->forms, k->n_forms, sizeof *k->forms,
					    lang_form_cmp);
	return f ? f->form : 0;
}

static int lang_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

void lang_count(struct lang_counts *k, const char *s, size_t n)
{
	size_t i = 0;
	if (!k->n_forms)
		lang_forms_init(k);
	while (i < n && k->seen < LANG_MAX_COUNT) {
		uint32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (!l) {
			i++;
			continue;
		}
		i += l;
		if (lang_is_han(cp)) {
			k->han++;
			int f = lang_form_of(k, cp);
			k->hans += f == 1;
			k->hant += f == 2;
		} else if ((cp >= 0x3041 && cp <= 0x309F && cp != 0x309B && cp != 0x309C) ||
			   (cp >= 0x30A1 && cp <= 0x30FA) || (cp >= 0x31F0 && cp <= 0x31FF) ||
			   (cp >= 0xFF66 && cp <= 0xFF9D)) {
			k->kana++;
		} else if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
			   (cp >= 0x3131 && cp <= 0x318E)) {
			k->hangul++;
		} else if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
			k->latin++;
		} else if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
			   (cp >= 0x1E00 && cp <= 0x1EFF)) {
			k->latin++;
		} else if ((cp >= 0x370 && cp <= 0x1FFF) || (cp >= 0xA000 && cp <= 0xABFF)) {
			k->other++; /* Greek, Cyrillic, Arabic, Indic ... (rough: letters and marks) */
		} else {
			continue; /* digits, punctuation, spaces: not letters */
		}
		k->seen++;
	}
}

const char *lang_decide(const struct lang_counts *k)
{
	unsigned long cjk = k->han + k->kana;
	if (k->kana >= 3 && k->kana * 5 >= cjk && cjk >= k->latin / 4)
		return "ja";
	/* a Han character says about as much as a short Latin word, and a Chinese news page
	   quotes English names, URLs and whole sentences: Han wins at one per eight letters */
	if (k->han && k->han * 8 >= k->latin && k->han >= k->hangul && k->han * 8 >= k->other)
		return k->hant > 2 * k->hans ? "zh-Hant" : "zh-Hans";
	if (k->hangul && k->hangul >= k->latin / 3 && k->hangul >= k->other)
		return "ko";
	if (k->latin && k->latin > k->other)
		return "en";
	return "und";
}

/* Case-insensitive: s[0..n) equals lit, or starts with lit followed by '-'. */
static int lang_is(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && !strncasecmp(s, lit, l) && (n == l || s[l] == '-');
}

const char *lang_canonical(const char *tag, size_t n, int *keep)
{
	char t[36];
	*keep = 0;
	while (n && (*tag == ' ' || *tag == '\t'))
		tag++, n--;
	while (n && (tag[n - 1] == ' ' || tag[n - 1] == '\t'))
		n--;
	if (!n || n >= sizeof t)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char ch = tag[i] == '_' ? '-' : tag[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '-'))
			return NULL;
		t[i] = ch;
	}
	t[n] = 0;
	if (t[0] == '-' || t[n - 1] == '-')
		return NULL;
	if (lang_is(t, n, "zh") || lang_is(t, n, "cmn") || lang_is(t, n, "yue")) {
		if (strcasestr(t, "-hk"))
			return "zh-HK";
		if (strcasestr(t, "-hant"))
			return "zh-Hant";
		if (strcasestr(t, "-hans"))
			return "zh-Hans";
		if (strcasestr(t, "-tw") || strcasestr(t, "-mo"))
			return "zh-Hant";
		if (strcasestr(t, "-cn") || strcasestr(t, "-sg") || strcasestr(t, "-my"))
			return "zh-Hans";
		return "zh";
	}
	if (lang_is(t, n, "ja") || lang_is(t, n, "jpn"))
		return "ja";
	if (lang_is(t, n, "en"))
		return "en";
	if (lang_is(t, n, "ko"))
		return "ko";
	*keep = 1;
	return NULL;
}

enum err lang_settle(struct doc *d, const char *declared, size_t n, struct srcpos pos,
		     struct diag *dg)
{
	const char *tag = NULL;
	int keep = 0;
	if (declared) {
		/* content-language may list several ("zh-TW, en"): the first is the page's */
		const char *comma = memchr(declared, ',', n);
		if (comma)
			n = (size_t)(comma - declared);
		tag = lang_canonical(declared, n, &keep);
		if (keep)
			return doc_set(d, &d->lang, declared, n, pos);
		if (!tag)
			diag_at(dg, DIAG_WARNING, pos, "'%.*s' is not a language tag (BCP 47 such as "
				"zh-Hant); the language is taken from the text", (int)(n > 40 ? 40 : n),
				declared);
	}
	if (!tag || !strcmp(tag, "zh")) {
		struct lang_counts k = {0};
		if (d->title.text)
			lang_count(&k, d->title.text, strlen(d->title.text));
		if (d->subtitle.text)
			lang_count(&k, d->subtitle.text, strlen(d->subtitle.text));
		for (size_t i = 0; i < d->n_blocks && k.seen < LANG_MAX_COUNT; i++)
			lang_count(&k, d->blocks[i].text, strlen(d->blocks[i].text));
		const char *found = lang_decide(&k);
		if (tag && strncmp(found, "zh-", 3))
			found = "zh-Hans"; /* declared Chinese: only the script is the text's to say */
		if (!tag)
			pos = (struct srcpos){d->file, 0, 0};
		tag = found;
	}
	return doc_set(d, &d->lang, tag, (size_t)-1, pos);
}
