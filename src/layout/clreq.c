/* clreq.c: const tables of Chinese layout character classes (clreq.md KIN-*, PW-*, UNBREAK).

   Lookup: ASCII by switch, the unified ideographs by a range test, everything else by binary
   search in one sorted range table. Code points not listed are CLREQ_OTHER. */
#include "clreq.h"
#include <stddef.h>

struct clreq_range {
	uint32_t lo, hi;
	uint8_t cls;
};

/* Sorted, non-overlapping. Sources: clreq #prohibition_rules_for_line_start_end, GB/T 15834,
   Unicode blocks (Unihan for the ideograph extensions A-I). */
static const struct clreq_range clreq_ranges[] = {
	{0x0085, 0x0085, CLREQ_SPACE},       /* NEL */
	{0x00A0, 0x00A0, CLREQ_SPACE},       /* no-break space */
	{0x00B2, 0x00B3, CLREQ_LATIN},       /* superscript digits */
	{0x00B7, 0x00B7, CLREQ_INTERPUNCT},  /* · */
	{0x00B9, 0x00B9, CLREQ_LATIN},
	{0x00C0, 0x00D6, CLREQ_LATIN},
	{0x00D8, 0x00F6, CLREQ_LATIN},
	{0x00F8, 0x02AF, CLREQ_LATIN},       /* Latin-1, Extended-A/B, IPA */
	{0x0370, 0x037D, CLREQ_LATIN},       /* Greek (not ; U+037E, · U+0387) */
	{0x037F, 0x0386, CLREQ_LATIN},
	{0x0388, 0x03FF, CLREQ_LATIN},
	{0x0400, 0x052F, CLREQ_LATIN},       /* Cyrillic */
	{0x1100, 0x11FF, CLREQ_CJK},         /* Hangul Jamo */
	{0x1E00, 0x1FFF, CLREQ_LATIN},       /* Latin Extended Additional, Greek Extended */
	{0x2000, 0x200A, CLREQ_SPACE},
	{0x2013, 0x2013, CLREQ_CONNECTOR},   /* – */
	{0x2014, 0x2014, CLREQ_DASH},        /* — */
	{0x2018, 0x2018, CLREQ_OPEN},        /* ‘ */
	{0x2019, 0x2019, CLREQ_CLOSE},       /* ’ */
	{0x201C, 0x201C, CLREQ_OPEN},        /* “ */
	{0x201D, 0x201D, CLREQ_CLOSE},       /* ” */
	{0x2025, 0x2026, CLREQ_ELLIPSIS},    /* ‥ … */
	{0x2027, 0x2027, CLREQ_INTERPUNCT},  /* ‧ */
	{0x2028, 0x2029, CLREQ_SPACE},       /* line, paragraph separator */
	{0x202F, 0x202F, CLREQ_SPACE},
	{0x203C, 0x203C, CLREQ_EXCL},        /* ‼ */
	{0x2047, 0x2049, CLREQ_EXCL},        /* ⁇ ⁈ ⁉ */
	{0x205F, 0x205F, CLREQ_SPACE},
	{0x22EF, 0x22EF, CLREQ_ELLIPSIS},    /* ⋯ */
	{0x2E3A, 0x2E3B, CLREQ_DASH},        /* ⸺ ⸻ */
	{0x2E80, 0x2FDF, CLREQ_CJK},         /* radicals */
	{0x3000, 0x3000, CLREQ_SPACE},       /* ideographic space */
	{0x3001, 0x3001, CLREQ_COMMA},       /* 、 */
	{0x3002, 0x3002, CLREQ_STOP},        /* 。 */
	{0x3005, 0x3007, CLREQ_HAN},         /* 々 〆 〇 */
	{0x3008, 0x3008, CLREQ_OPEN},        /* 〈 */
	{0x3009, 0x3009, CLREQ_CLOSE},       /* 〉 */
	{0x300A, 0x300A, CLREQ_OPEN},        /* 《 */
	{0x300B, 0x300B, CLREQ_CLOSE},       /* 》 */
	{0x300C, 0x300C, CLREQ_OPEN},        /* 「 */
	{0x300D, 0x300D, CLREQ_CLOSE},       /* 」 */
	{0x300E, 0x300E, CLREQ_OPEN},        /* 『 */
	{0x300F, 0x300F, CLREQ_CLOSE},       /* 』 */
	{0x3010, 0x3010, CLREQ_OPEN},        /* 【 */
	{0x3011, 0x3011, CLREQ_CLOSE},       /* 】 */
	{0x3014, 0x3014, CLREQ_OPEN},        /* 〔 */
	{0x3015, 0x3015, CLREQ_CLOSE},       /* 〕 */
	{0x3016, 0x3016, CLREQ_OPEN},        /* 〖 */
	{0x3017, 0x3017, CLREQ_CLOSE},       /* 〗 */
	{0x3018, 0x3018, CLREQ_OPEN},        /* 〘 */
	{0x3019, 0x3019, CLREQ_CLOSE},       /* 〙 */
	{0x301A, 0x301A, CLREQ_OPEN},        /* 〚 */
	{0x301B, 0x301B, CLREQ_CLOSE},       /* 〛 */
	{0x301C, 0x301C, CLREQ_CONNECTOR},   /* 〜 */
	{0x301D, 0x301D, CLREQ_OPEN},        /* 〝 */
	{0x301E, 0x301F, CLREQ_CLOSE},       /* 〞 〟 */
	{0x3021, 0x3029, CLREQ_HAN},         /* Hangzhou numerals */
	{0x3038, 0x303B, CLREQ_HAN},
	{0x3041, 0x3096, CLREQ_CJK},         /* hiragana */
	{0x3099, 0x30FA, CLREQ_CJK},         /* katakana */
	{0x30FB, 0x30FB, CLREQ_INTERPUNCT},  /* ・ */
	{0x30FC, 0x30FF, CLREQ_CJK},
	{0x3105, 0x312F, CLREQ_CJK},         /* bopomofo */
	{0x3131, 0x318E, CLREQ_CJK},         /* Hangul compatibility jamo */
	{0x31A0, 0x31BF, CLREQ_CJK},
	{0x31F0, 0x33FF, CLREQ_CJK},         /* katakana ext., enclosed and squared CJK */
	{0x3400, 0x4DBF, CLREQ_HAN},         /* Ext A */
	{0x4E00, 0x9FFF, CLREQ_HAN},         /* URO */
	{0xA960, 0xA97F, CLREQ_CJK},
	{0xAC00, 0xD7FF, CLREQ_CJK},         /* Hangul syllables, jamo ext. B */
	{0xF900, 0xFAFF, CLREQ_HAN},         /* compatibility ideographs */
	{0xFE50, 0xFE51, CLREQ_COMMA},       /* small ﹐ ﹑ */
	{0xFE52, 0xFE52, CLREQ_STOP},        /* ﹒ */
	{0xFE54, 0xFE55, CLREQ_MIDDLE},      /* ﹔ ﹕ */
	{0xFE56, 0xFE57, CLREQ_EXCL},        /* ﹖ ﹗ */
	{0xFE59, 0xFE59, CLREQ_OPEN},
	{0xFE5A, 0xFE5A, CLREQ_CLOSE},
	{0xFE5B, 0xFE5B, CLREQ_OPEN},
	{0xFE5C, 0xFE5C, CLREQ_CLOSE},
	{0xFE5D, 0xFE5D, CLREQ_OPEN},
	{0xFE5E, 0xFE5E, CLREQ_CLOSE},
	{0xFF01, 0xFF01, CLREQ_EXCL},        /* ！ */
	{0xFF08, 0xFF08, CLREQ_OPEN},        /* （ */
	{0xFF09, 0xFF09, CLREQ_CLOSE},       /* ） */
	{0xFF0C, 0xFF0C, CLREQ_COMMA},       /* ， */
	{0xFF0E, 0xFF0E, CLREQ_STOP},        /* ． */
	{0xFF0F, 0xFF0F, CLREQ_SOLIDUS},     /* ／ */
	{0xFF10, 0xFF19, CLREQ_CJK},         /* ０-９ */
	{0xFF1A, 0xFF1B, CLREQ_MIDDLE},      /* ： ； */
	{0xFF1F, 0xFF1F, CLREQ_EXCL},        /* ？ */
	{0xFF21, 0xFF3A, CLREQ_CJK},         /* Ａ-Ｚ */
	{0xFF3B, 0xFF3B, CLREQ_OPEN},        /* ［ */
	{0xFF3D, 0xFF3D, CLREQ_CLOSE},       /* ］ */
	{0xFF41, 0xFF5A, CLREQ_CJK},         /* ａ-ｚ */
	{0xFF5B, 0xFF5B, CLREQ_OPEN},        /* ｛ */
	{0xFF5D, 0xFF5D, CLREQ_CLOSE},       /* ｝ */
	{0xFF5E, 0xFF5E, CLREQ_CONNECTOR},   /* ～ */
	{0xFF5F, 0xFF5F, CLREQ_OPEN},        /* ｟ */
	{0xFF60, 0xFF60, CLREQ_CLOSE},       /* ｠ */
	{0xFF61, 0xFF61, CLREQ_STOP},        /* halfwidth ｡ */
	{0xFF62, 0xFF62, CLREQ_OPEN},        /* ｢ */
	{0xFF63, 0xFF63, CLREQ_CLOSE},       /* ｣ */
	{0xFF64, 0xFF64, CLREQ_COMMA},       /* ､ */
	{0xFF65, 0xFF65, CLREQ_INTERPUNCT},  /* ･ */
	{0xFF66, 0xFFDC, CLREQ_CJK},         /* halfwidth katakana, hangul */
	{0x1B000, 0x1B16F, CLREQ_CJK},       /* kana supplement, extended */
	{0x20000, 0x2A6DF, CLREQ_HAN},       /* Ext B */
	{0x2A700, 0x2EE5F, CLREQ_HAN},       /* Ext C, D, E, F, I */
	{0x2F800, 0x2FA1F, CLREQ_HAN},       /* compatibility supplement */
	{0x30000, 0x323AF, CLREQ_HAN},       /* Ext G, H */
};

static enum clreq_class clreq_ascii(uint32_t cp)
{
	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
		return CLREQ_LATIN;
	switch (cp) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
		return CLREQ_SPACE;
	case '(': case '[': case '{':
		return CLREQ_OPEN;
	case ')': case ']': case '}':
		return CLREQ_CLOSE;
	case ',':
		return CLREQ_COMMA;
	case '.':
		return CLREQ_STOP;
	case ':': case ';':
		return CLREQ_MIDDLE;
	case '!': case '?':
		return CLREQ_EXCL;
	default:
		return CLREQ_OTHER;
	}
}

enum clreq_class clreq_class(uint32_t cp)
{
	if (cp < 0x80)
		return clreq_ascii(cp);
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return CLREQ_HAN;
	size_t lo = 0, hi = sizeof clreq_ranges / sizeof *clreq_ranges;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < clreq_ranges[mid].lo)
			hi = mid;
		else if (cp > clreq_ranges[mid].hi)
			lo = mid + 1;
		else
			return (enum clreq_class)clreq_ranges[mid].cls;
	}
	return CLREQ_OTHER;
}

const char *clreq_class_name(enum clreq_class c)
{
	static const char *const names[CLREQ_NCLASS] = {
		"other", "han", "cjk", "latin", "space", "open", "close", "comma", "stop",
		"middle", "excl", "interpunct", "dash", "ellipsis", "connector", "solidus"};
	return (unsigned)c < CLREQ_NCLASS ? names[c] : "?";
}

/* Bits that follow from the class alone (KIN-START, KIN-END, UNBREAK, ideographs). */
static const uint8_t clreq_class_props[CLREQ_NCLASS] = {
	[CLREQ_HAN] = CLREQ_P_IDEO | CLREQ_P_CJK,
	[CLREQ_CJK] = CLREQ_P_IDEO | CLREQ_P_CJK,
	[CLREQ_LATIN] = CLREQ_P_WWORD,
	[CLREQ_OPEN] = CLREQ_P_NO_END,
	[CLREQ_CLOSE] = CLREQ_P_NO_START,
	[CLREQ_COMMA] = CLREQ_P_NO_START,
	[CLREQ_STOP] = CLREQ_P_NO_START,
	[CLREQ_MIDDLE] = CLREQ_P_NO_START,
	[CLREQ_EXCL] = CLREQ_P_NO_START,
	[CLREQ_INTERPUNCT] = CLREQ_P_NO_START,
	[CLREQ_DASH] = CLREQ_P_UNBREAK | CLREQ_P_CJK,
	[CLREQ_ELLIPSIS] = CLREQ_P_UNBREAK | CLREQ_P_CJK,
	[CLREQ_CONNECTOR] = CLREQ_P_NO_START,
	[CLREQ_SOLIDUS] = CLREQ_P_NO_START,
};

unsigned clreq_props(uint32_t cp, enum clreq_class *cls)
{
	enum clreq_class c = clreq_class(cp);
	unsigned p = clreq_class_props[c];
	if (cls)
		*cls = c;
	switch (c) {
	case CLREQ_OPEN: case CLREQ_CLOSE: case CLREQ_COMMA: case CLREQ_STOP: case CLREQ_MIDDLE:
	case CLREQ_EXCL: case CLREQ_INTERPUNCT:
		/* PW-*: marks that a Chinese font draws on a full-width body. ASCII, the small form
		   variants (U+FE50-) and the halfwidth forms (U+FF61-) have no blank half to give. */
		if (!(cp < 0x80 || (cp >= 0xFE50 && cp <= 0xFE6F) || (cp >= 0xFF61 && cp <= 0xFF65)))
			p |= CLREQ_P_FW_PUNCT | CLREQ_P_CJK;
		break;
	case CLREQ_SPACE:
		/* SHRINK/EXPAND adjust these; U+3000 and the separators keep their width */
		if (cp == 0x20 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
		    cp == 0x205F)
			p |= CLREQ_P_WSPACE;
		break;
	case CLREQ_OTHER:
		/* LATIN: the signs written against a number take the Han–Latin space too */
		if (cp == '%' || cp == '$' || cp == 0x00A3 || cp == 0x00B0 || cp == 0x20AC ||
		    cp == 0x2030 || cp == 0x2031)
			p |= CLREQ_P_WWORD;
		break;
	default:
		break;
	}
	/* CJK symbols and full-width forms count as Chinese for EXPAND */
	if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF))
		p |= CLREQ_P_CJK;
	return p;
}

/* KIN-START (clreq.md): closing marks, 、，。：；？！ and their ASCII forms, ·, – ～, ／. */
int clreq_no_start(uint32_t cp)
{
	return (clreq_props(cp, NULL) & CLREQ_P_NO_START) != 0;
}

/* KIN-END (clreq.md): opening quotes and brackets. */
int clreq_no_end(uint32_t cp)
{
	return (clreq_props(cp, NULL) & CLREQ_P_NO_END) != 0;
}

int clreq_is_fullwidth_punct(uint32_t cp)
{
	return (clreq_props(cp, NULL) & CLREQ_P_FW_PUNCT) != 0;
}

int clreq_is_ideographic(uint32_t cp)
{
	return (clreq_props(cp, NULL) & CLREQ_P_IDEO) != 0;
}

int clreq_is_latin(uint32_t cp)
{
	return clreq_class(cp) == CLREQ_LATIN;
}

/* LATIN (clreq.md): letters, digits and the signs that stick to numbers. */
int clreq_is_western_word(uint32_t cp)
{
	return (clreq_props(cp, NULL) & CLREQ_P_WWORD) != 0;
}

int clreq_is_space(uint32_t cp)
{
	return clreq_class(cp) == CLREQ_SPACE;
}

int clreq_is_western_space(uint32_t cp)
{
	return (clreq_props(cp, NULL) & CLREQ_P_WSPACE) != 0;
}

/* UNBREAK (clreq.md; clreq #h-unbreakable_marks_punctuation). */
int clreq_is_unbreak(uint32_t cp)
{
	return (clreq_props(cp, NULL) & CLREQ_P_UNBREAK) != 0;
}

int clreq_is_cjk(uint32_t cp)
{
	return (clreq_props(cp, NULL) & CLREQ_P_CJK) != 0;
}

/* SHRINK (clreq.md): interpuncts, then brackets, then ，、；：, and 。？！ last. */
enum clreq_shrink clreq_mark_stage(enum clreq_class c)
{
	switch (c) {
	case CLREQ_INTERPUNCT:
		return CLREQ_SHRINK_INTERPUNCT;
	case CLREQ_OPEN: case CLREQ_CLOSE:
		return CLREQ_SHRINK_BRACKET;
	case CLREQ_COMMA: case CLREQ_MIDDLE:
		return CLREQ_SHRINK_COMMA;
	case CLREQ_STOP: case CLREQ_EXCL:
		return CLREQ_SHRINK_STOP;
	default:
		return CLREQ_SHRINK_NONE;
	}
}
