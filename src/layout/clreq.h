/* clreq.h: character classes of Chinese text layout (clreq.md: KIN-*, PW-*, UNBREAK, LATIN).

   Every function here is a pure lookup in const tables: no state, safe from any thread.
   Classes describe a character's role; whether a mark is actually set full-width (and so can be
   compressed) is decided by the line breaker from the shaped glyph's advance, because the same
   code point (“ ’ ·) is full-width in a CJK font and proportional in a Latin one. */
#ifndef PAIBAN_CLREQ_H
#define PAIBAN_CLREQ_H
#include <stdint.h>

enum clreq_class {
	CLREQ_OTHER = 0,   /* symbols, controls, anything not below */
	CLREQ_HAN,         /* ideographs: URO, Ext A-I, compatibility, 〇 々 〆, Hangzhou numerals */
	CLREQ_CJK,         /* other full-width letters: kana, hangul, bopomofo, radicals, ０-９ Ａ-ｚ */
	CLREQ_LATIN,       /* Western letters and digits (Latin, Greek, Cyrillic, ASCII digits) */
	CLREQ_SPACE,       /* spaces and in-paragraph line separators: never drawn at a line end */
	CLREQ_OPEN,        /* opening brackets and quotes “‘（［｛〔【〖《〈「『 ( [ { (KIN-END) */
	CLREQ_CLOSE,       /* closing brackets and quotes ”’）］｝〕】〗》〉」』 ) ] } (KIN-START) */
	CLREQ_COMMA,       /* 、， and ASCII , (KIN-START; SHRINK with ；) */
	CLREQ_STOP,        /* 。． and ASCII . (KIN-START; SHRINK last) */
	CLREQ_MIDDLE,      /* ：； and ASCII : ; (KIN-START) */
	CLREQ_EXCL,        /* ！？ ‼ ⁇ ⁈ ⁉ and ASCII ! ? (KIN-START; SHRINK last) */
	CLREQ_INTERPUNCT,  /* · ・ ‧ (KIN-START; SHRINK first among marks) */
	CLREQ_DASH,        /* — ⸺ ⸻ (UNBREAK) */
	CLREQ_ELLIPSIS,    /* … ⋯ ‥ (UNBREAK) */
	CLREQ_CONNECTOR,   /* – ～ 〜 (KIN-START) */
	CLREQ_SOLIDUS,     /* ／ (KIN-START) */
	CLREQ_NCLASS
};

/* SHRINK stages (clreq.md SHRINK), in the order a line gives up space. Stage 0 (line-end
   punctuation to ½ em) is PW-END, which the breaker always applies. */
enum clreq_shrink {
	CLREQ_SHRINK_NONE = 0,
	CLREQ_SHRINK_SPACE,       /* Western spaces down to ¼ em */
	CLREQ_SHRINK_INTERPUNCT,  /* interpuncts */
	CLREQ_SHRINK_BRACKET,     /* brackets and quotes */
	CLREQ_SHRINK_COMMA,       /* ，、；： */
	CLREQ_SHRINK_LATIN,       /* Han–Latin space down to ⅛ em */
	CLREQ_SHRINK_STOP,        /* 。？！ last */
	CLREQ_SHRINK_NSTAGES
};

/* Properties of a code point, all from one table lookup (clreq_props). */
enum clreq_prop {
	CLREQ_P_NO_START = 1 << 0,   /* clreq_no_start */
	CLREQ_P_NO_END = 1 << 1,     /* clreq_no_end */
	CLREQ_P_FW_PUNCT = 1 << 2,   /* clreq_is_fullwidth_punct */
	CLREQ_P_IDEO = 1 << 3,       /* clreq_is_ideographic */
	CLREQ_P_WWORD = 1 << 4,      /* clreq_is_western_word */
	CLREQ_P_WSPACE = 1 << 5,     /* clreq_is_western_space */
	CLREQ_P_UNBREAK = 1 << 6,    /* clreq_is_unbreak */
	CLREQ_P_CJK = 1 << 7         /* clreq_is_cjk */
};

enum clreq_class clreq_class(uint32_t cp);
/* The class of cp in *cls (may be NULL) and its enum clreq_prop bits: the fast path for
   callers that need several predicates per character. */
unsigned clreq_props(uint32_t cp, enum clreq_class *cls);
/* Short name of a class ("han", "open", ...) for dumps; never NULL. */
const char *clreq_class_name(enum clreq_class c);

/* KIN-START: cp may not begin a line (、，。：；？！ ,.:;?! ”’」』）］｝〕】〗》〉 – ～ · ／ and kin). */
int clreq_no_start(uint32_t cp);
/* KIN-END: cp may not end a line (“‘「『（［｛〔【〖《〈 ( [ { and kin). */
int clreq_no_end(uint32_t cp);
/* A mark that Chinese fonts set on a full-width body with a blank half (PW-*): the CJK forms of
   the opening, closing, comma, stop, middle, exclamation and interpunct classes, including
   “”‘’ (full-width in zh-Hans). ASCII punctuation is not. */
int clreq_is_fullwidth_punct(uint32_t cp);
/* Han or other full-width letter (CLREQ_HAN, CLREQ_CJK). */
int clreq_is_ideographic(uint32_t cp);
/* Western letter or digit (CLREQ_LATIN): NOSPLIT applies between two of them. */
int clreq_is_latin(uint32_t cp);
/* LATIN: a character that takes the ¼ em Han–Latin space next to an ideograph: a Western
   letter or digit, or a sign written against a number (% ‰ ‱ ° $ € £). */
int clreq_is_western_word(uint32_t cp);
/* CLREQ_SPACE. */
int clreq_is_space(uint32_t cp);
/* A Western (adjustable) space: U+0020, U+00A0, U+2000-U+200A, U+202F, U+205F. Not U+3000. */
int clreq_is_western_space(uint32_t cp);
/* UNBREAK: dashes and ellipses; two adjacent ones of the same class form one unit. */
int clreq_is_unbreak(uint32_t cp);
/* Anything set in the Chinese full-width world: ideographs, CJK punctuation and symbols,
   dashes and ellipses. Inter-character expansion (EXPAND) needs one on either side of a gap. */
int clreq_is_cjk(uint32_t cp);
/* SHRINK stage of the blank halves of a full-width mark of class c (CLREQ_SHRINK_NONE for
   classes whose marks are not compressed). */
enum clreq_shrink clreq_mark_stage(enum clreq_class c);

#endif
