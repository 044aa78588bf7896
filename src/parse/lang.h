/* lang.h: the document's language (BCP 47): from what the input declares, else detected from
   its text (Traditional vs Simplified Chinese, Japanese, the script majority). */
#ifndef PAIBAN_LANG_H
#define PAIBAN_LANG_H
#include <stddef.h>
#include <stdint.h>
#include "../base/diag.h"

struct doc;

/* Characters counted by lang_count (a page's first LANG_MAX_COUNT letters decide). */
#define LANG_MAX_COUNT 20000

/* Room for the characters of the Simplified/Traditional table (lang.c: lang_pairs). */
#define LANG_MAX_FORMS 512

struct lang_form {
	uint32_t cp;
	uint8_t form;           /* 1: Simplified only, 2: Traditional only */
};

/* Tallies of the letters of a text, by the scripts and forms that tell languages apart.
   Start from {0}; the table of forms is filled by the first lang_count. */
struct lang_counts {
	unsigned long hans;     /* characters that exist only in Simplified Chinese (这 们 说) */
	unsigned long hant;     /* characters that exist only in Traditional Chinese (這 們 說) */
	unsigned long han;      /* all Han characters */
	unsigned long kana;     /* hiragana and katakana */
	unsigned long hangul;
	unsigned long latin;    /* Latin letters */
	unsigned long other;    /* letters of other scripts */
	unsigned long seen;     /* letters counted so far (capped at LANG_MAX_COUNT) */
	struct lang_form forms[LANG_MAX_FORMS]; /* sorted by cp */
	size_t n_forms;
};

/* Adds the letters of s[0..n) (UTF-8; invalid bytes are skipped) to *k. */
void lang_count(struct lang_counts *k, const char *s, size_t n);

/* The language the counts point to: "zh-Hant" when Traditional-only characters outnumber
   Simplified-only ones more than twice, "ja" when kana are a fifth or more of the Han and kana,
   "zh-Hans" for other Han text (one Han character to eight Latin letters is enough), "ko" for Hangul, "en" for Latin, "und" for anything else or
   nothing. A static string. */
const char *lang_decide(const struct lang_counts *k);

/* The canonical tag for a declared language tag[0..n) (case-insensitive, '_' taken as '-'):
   zh-HK (and zh-Hant-HK) gives "zh-HK"; zh-TW, zh-MO and zh-Hant-* give "zh-Hant"; zh-CN, zh-SG and zh-Hans-* give
   "zh-Hans"; ja-* "ja"; en-* "en"; ko-* "ko"; a bare "zh" gives "zh" (the text decides the
   script). Other well-formed tags are returned as NULL with *keep set to 1 (kept as written);
   malformed ones (empty, spaces, over 35 bytes) NULL with *keep 0. */
const char *lang_canonical(const char *tag, size_t n, int *keep);

/* Sets d->lang: from the declared tag (NULL when the input declares none; pos is where it was
   declared), else from the document's title, subtitle and blocks. A malformed declared tag
   is warned about at pos and ignored. The one place all readers settle the language. */
enum err lang_settle(struct doc *d, const char *declared, size_t n, struct srcpos pos,
		     struct diag *dg);

#endif
