/* linebreak.c: paragraph breaking with the clreq prohibitions, punctuation compression and
   justification: an optimal-fit (total-fit) breaker, and the greedy filler it replaced (contract
   and rule list in linebreak.h).

   Passes:
   1. line_prepare: per glyph its advance, the blank halves a full-width mark may give up (PW-*),
      the PW-ADJ shares, the Han–Latin space after it (LATIN), the break opportunity after it
      (UAX #14 + KIN-START, KIN-END, UNBREAK, NOSPLIT, URLs) and whether EXPAND may widen the gap
      after it; line_sums: prefix sums of widths, SHRINK and EXPAND capacities, so that any
      candidate line is measured in O(1).
   2. line_optimal (default, justified text): total fit over the break opportunities with CJK
      glue and demerits (model at line_optimal below), ORDER, RUNT, HANG; or line_fill
      (line_params.greedy, and ragged text): the greedy choice of breaks, with ORDER (squeeze
      before push) and emergency breaks for tokens wider than the measure.
   3. line_fix_runt: RUNT for the greedy filler (a no-op after the optimum, which has RUNT in its
      demerits); line_score: the greedy lines' demerits under the optimum's model.
   4. line_set: per line the mandatory compressions (PW-ADJ, PW-END, PW-START), then SHRINK or
      EXPAND (JUST) to the measure, HANG, then x[].
   Widths are summed in double; x[] is float. All state lives in one struct line_ctx per call and
   in the caller's line_result (scratch reused from call to call). */
#include "linebreak.h"
#include "clreq.h"
#include "../base/utf8.h"
#include <linebreak.h>      /* libunibreak (system header, not this module's) */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#define LINE_NONE ((size_t)-1)
#define LINE_TOL 1e-3       /* pt: a line fits when it is at most this much over the measure */
#define LINE_WARN_MAX 4     /* warnings per paragraph; the rest are counted in one note */

enum line_brk { LINE_BRK_NO, LINE_BRK_ALLOW, LINE_BRK_MUST };

enum line_wflag {
	LW_SPACE = 1 << 0,    /* CLREQ_SPACE: not drawn at a line end, dropped at a line start */
	LW_WSPACE = 1 << 1,   /* Western space: SHRINK to ¼ em, EXPAND to ½ em */
	LW_CLUSTER = 1 << 2,  /* the next glyph belongs to the same cluster */
	LW_JOIN = 1 << 3,     /* this glyph and the next are one unit (cluster, UNBREAK) */
	LW_SLOT = 1 << 4,     /* EXPAND: inter-character space may go between this glyph and the next */
	LW_SOFT = 1 << 5,     /* an emergency break after this glyph breaks no KIN or UNBREAK rule */
	LW_URL = 1 << 6,      /* part of a URL or e-mail address */
	LW_MARK = 1 << 7,     /* a full-width mark with blank halves (lb, rb) */
	LW_IDEO = 1 << 8,     /* ideograph or other full-width letter */
	LW_CJK = 1 << 9,      /* clreq_is_cjk */
	LW_WWORD = 1 << 10,   /* clreq_is_western_word */
	LW_NOSTART = 1 << 11, /* KIN-START */
	LW_NOEND = 1 << 12,   /* KIN-END */
	LW_HYPH = 1 << 13     /* HYPH: the break after this glyph is inside a word (a hyphen) */
};

struct line_work {
	float w;            /* natural advance, pt */
	float lb, rb;       /* blank left/right parts a full-width mark may lose (PW-*, SHRINK) */
	float adj_r;        /* PW-ADJ: taken from rb when the next glyph is on the same line */
	float adj_l;        /* PW-ADJ: taken from lb when the previous glyph is on the same line */
	float glue;         /* LATIN: natural space between this glyph and the next */
	float lrem, rrem;   /* line_set: blank removed on each side */
	float gap;          /* line_set: space between this glyph and the next */
	float dsp;          /* line_set: change of a Western space's own width */
	uint8_t cls;        /* enum clreq_class */
	uint8_t stage;      /* enum clreq_shrink of the blanks */
	uint8_t brk;        /* enum line_brk: after this glyph */
	uint16_t flags;     /* enum line_wflag */
};

struct line_ctx {
	const struct shape_glyph *g;
	size_t n;
	const char *text;
	size_t len;
	const char *ubtext;  /* text as libunibreak sees it (line_unibreak_text) */
	const struct line_params *p;
	double em;
	struct line_work *w;
	struct line_result *r;
	struct diag *d;
	struct srcpos pos;
	size_t col_byte;    /* warning columns: text[0..col_byte) holds col_chars code points */
	unsigned col_chars;
	unsigned n_warn;    /* warnings about this paragraph so far */
	int mid_token;      /* the last line ended inside an overfull token (one warning each) */
	struct line_sum *sum;  /* optimal fit: prefix sums, n + 1 */
};

/* Running widths of a candidate line [s..j] (line_fill, line_fix_runt). */
struct line_acc {
	double P;    /* natural width, PW-ADJ, LATIN and PW-START applied, no PW-END */
	double S;    /* what SHRINK may take from [s..j], j's right blank excluded */
	double nat;  /* natural width if the line ended after j (PW-END on its last drawn glyph) */
	double min;  /* nat minus everything SHRINK may take */
};

static void *line_reserve(void *p, size_t *cap, size_t need, size_t sz);

/* --- libunibreak ---------------------------------------------------------------------- */

/* The one file-level mutable object: libunibreak 1.x's init_linebreak() rebuilds a static
   index that set_linebreaks_* reads without a lock, so it must run once, before any break. */
static once_flag line_once = ONCE_FLAG_INIT;

static void line_init_once(void)
{
	init_linebreak();
}

void line_init(void)
{
	call_once(&line_once, line_init_once);
}

/* What the installed libunibreak (Debian 12: 1.1, UAX #14 of Unicode 6.2) cannot take: U+FFFF
   is its end-of-text marker (set_linebreaks stops there and asserts), and the regional
   indicators U+1F1E6..1F1FF have a class (RI) its pair table lacks (it asserts). An exhaustive
   run over every 21-bit code point in a dozen contexts, and over lax UTF-8 byte patterns,
   finds no other (test_unibreak_guard in tests/unit/test_linebreak.c keeps the cases that
   aborted; tests/fuzz/fuzz_breaker.c feeds arbitrary code points); the other noncharacters are
   mapped too, to what UAX #14 gives any unassigned code point (AL), so that no later library
   version meets them. */
static int line_unibreak_bad(uint32_t cp)
{
	return (cp >= 0x1F1E6 && cp <= 0x1F1FF) || (cp & 0xFFFE) == 0xFFFE ||
	       (cp >= 0xFDD0 && cp <= 0xFDEF);
}

/* The text libunibreak sees: text itself, or (when it holds a code point line_unibreak_bad
   names) a copy in the caller's scratch with each such code point replaced by one of the same
   UTF-8 length, so that the break array still lines up with text's bytes. A noncharacter
   becomes an AL letter (U+0800, U+10000); a pair of regional indicators (a flag) becomes an
   ideograph (ID, U+20000) and a combining mark (CM, U+E0100): one unbreakable unit with
   ideograph-like breaks around it (UAX #14 LB30a); an unpaired indicator is an ideograph.
   NULL when out of memory. */
static const char *line_unibreak_text(const char *text, size_t len, char **scratch, size_t *cap)
{
	size_t i = 0;
	uint32_t cp = 0;
	while (i < len) {
		size_t l = utf8_decode(text + i, len - i, &cp);
		if (!l)
			l = 1;
		if (line_unibreak_bad(cp))
			break;
		i += l;
	}
	if (i >= len)
		return text;
	char *t = line_reserve(*scratch, cap, len ? len : 1, 1);
	if (!t)
		return NULL;
	*scratch = t;
	memcpy(t, text, len);
	int ri_open = 0;    /* the previous code point opened a flag */
	for (; i < len;) {
		size_t l = utf8_decode(text + i, len - i, &cp);
		if (!l) {
			i++;
			ri_open = 0;
			continue;
		}
		if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
			utf8_encode(ri_open ? 0xE0100 : 0x20000, t + i);
			ri_open = !ri_open;
		} else {
			ri_open = 0;
			if (line_unibreak_bad(cp))
				utf8_encode(l == 3 ? 0x0800 : 0x10000, t + i);
		}
		i += l;
	}
	return t;
}

/* --- pass 1: glyph properties and break opportunities ---------------------------------- */

/* PW-*: the blank parts of a full-width mark, from the font's 'halt' metrics (the half-width
   form shows where the ink is: “ on the right, ， on the left, ・ in the middle). Without them
   the mainland design is assumed: opening marks inked on the right, interpuncts in the middle,
   all others on the left. A mark gives up at most ½ em in all. */
static void line_blanks(const struct shape_glyph *g, struct line_work *c, double em)
{
	double half = 0.5 * em, lb, rb;
	int ha, hx;
	if (g->font && g->font->upem && font_halt(g->font, g->cp, &ha, &hx)) {
		double k = em / g->font->upem;
		lb = -hx * k;
		rb = c->w - (ha - hx) * k;
	} else if (c->cls == CLREQ_OPEN) {
		lb = half;
		rb = 0;
	} else if (c->cls == CLREQ_INTERPUNCT) {
		lb = rb = 0.5 * half;
	} else {
		lb = 0;
		rb = half;
	}
	lb = lb < 0 ? 0 : lb > half ? half : lb;
	rb = rb < 0 ? 0 : rb > half ? half : rb;
	if (lb + rb > half) {
		lb *= half / (lb + rb);
		rb = half - lb;
	}
	c->lb = (float)lb;
	c->rb = (float)rb;
	if (lb > 0 || rb > 0)
		c->flags |= LW_MARK;
}

static uint32_t line_utf8_len(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static int line_url_char(uint32_t cp)
{
	return cp > 0x20 && cp < 0x7F;
}

static int line_is_url(const char *s, size_t n)
{
	if (n >= 4 && (s[0] | 0x20) == 'w' && (s[1] | 0x20) == 'w' && (s[2] | 0x20) == 'w' &&
	    s[3] == '.')
		return 1;
	int at = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 2 < n && s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return 1;
		if (s[i] == '@')
			at = 1;
		else if (at && s[i] == '.' && i + 1 < n)
			return 1;
	}
	return 0;
}

/* NOSPLIT for URLs: a maximal run of printable ASCII that holds "://", starts with "www." or
   holds an '@' followed by a '.' is a URL or an e-mail address. */
static void line_mark_urls(struct line_ctx *x)
{
	const struct shape_glyph *g = x->g;
	size_t i = 0, n = x->n;
	while (i < n) {
		if (!line_url_char(g[i].cp)) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && line_url_char(g[j].cp))
			j++;
		size_t b0 = g[i].cluster, b1 = j < n ? g[j].cluster : x->len;
		if (b0 < b1 && b1 <= x->len && line_is_url(x->text + b0, b1 - b0))
			for (size_t k = i; k < j; k++)
				x->w[k].flags |= LW_URL;
		i = j;
	}
}

/* NOSPLIT inside a URL: break only after / . - ? & (typography review D11, D12), and after
   = # _ ~ @, without which a long path segment or query (t20220406_4073152.shtml) would only
   break at the measure, inside a word; never inside "//", never right after the scheme's
   "://" (https:// alone at a line end) and never inside a number (1.5). */
static int line_url_break(const struct shape_glyph *g, size_t i, size_t n)
{
	uint32_t c = g[i].cp, next = i + 1 < n ? g[i + 1].cp : 0;
	if (!strchr("/.-?&=#_~@", (int)c) || next == '/')
		return 0;
	if (c == '/' && i >= 2 && g[i - 1].cp == '/' && g[i - 2].cp == ':')
		return 0;
	if ((c == '.' || c == '-') && i > 0 && g[i - 1].cp >= '0' && g[i - 1].cp <= '9' &&
	    next >= '0' && next <= '9')
		return 0;
	return 1;
}

/* A sign that joins what it stands between: / ／ × (NOSPLIT, D12). */
static int line_is_joiner(uint32_t cp)
{
	return cp == '/' || cp == 0xFF0F || cp == 0x00D7;
}

static void line_prepare(struct line_ctx *x)
{
	const struct shape_glyph *g = x->g;
	struct line_work *w = x->w;
	size_t n = x->n;
	double em = x->em, half = 0.5 * em;

	set_linebreaks_utf8((const utf8_t *)x->ubtext, x->len, "zh", x->r->ubrk);

	for (size_t i = 0; i < n; i++) {
		struct line_work *c = &w[i];
		uint32_t cp = g[i].cp;
		float adv = g[i].adv;
		enum clreq_class cls;
		unsigned pr = clreq_props(cp, &cls);
		memset(c, 0, sizeof *c);
		c->w = adv >= 0 && adv < 1e6f ? adv : 0;   /* also rejects NaN */
		c->cls = (uint8_t)cls;
		c->flags = (uint16_t)((cls == CLREQ_SPACE ? LW_SPACE : 0) |
				      (pr & CLREQ_P_WSPACE ? LW_WSPACE : 0) |
				      (pr & CLREQ_P_IDEO ? LW_IDEO : 0) | (pr & CLREQ_P_CJK ? LW_CJK : 0) |
				      (pr & CLREQ_P_WWORD ? LW_WWORD : 0) |
				      (pr & CLREQ_P_NO_START ? LW_NOSTART : 0) |
				      (pr & CLREQ_P_NO_END ? LW_NOEND : 0));
		/* PW-*: only marks the font actually set full-width have blank halves */
		if ((pr & CLREQ_P_FW_PUNCT) && c->w >= 0.9 * em && c->w <= 1.1 * em) {
			line_blanks(&g[i], c, em);
			if (c->flags & LW_MARK)
				c->stage = (uint8_t)clreq_mark_stage(cls);
		}
	}
	/* a space between two CJK characters (names in a byline, 第一 第二) is no Western word
	   space: it keeps its width and never takes the line's stretch before the characters'
	   gaps do (typography review D1) */
	for (size_t i = 0; i < n; i++) {
		if (!(w[i].flags & LW_WSPACE))
			continue;
		size_t p = i, q = i + 1;
		while (p > 0 && (w[p - 1].flags & LW_SPACE))
			p--;
		while (q < n && (w[q].flags & LW_SPACE))
			q++;
		if (p > 0 && q < n && (w[p - 1].flags & LW_CJK) && (w[q].flags & LW_CJK))
			for (size_t k = p; k < q; k++)
				w[k].flags &= (uint16_t)~LW_WSPACE;
		i = q - 1;
	}
	line_mark_urls(x);

	int vis_noend = 0;           /* KIN-END: the last drawn glyph up to i may not end a line */
	size_t nv = 0;               /* first non-space glyph after i (computed lazily) */
	size_t kr = 0;               /* KEEP: the first range that may still hold a break */
	size_t kh = 0, kk = 0;       /* HYPH: the next point; KEEP for it */
	int hyph = x->p->n_hyph && x->p->hyph && x->p->justify && !x->p->greedy;
	for (size_t i = 0; i + 1 < n; i++) {
		struct line_work *a = &w[i], *b = &w[i + 1];
		uint32_t c0 = g[i].cluster, c1 = g[i + 1].cluster;
		if (!(a->flags & LW_SPACE))
			vis_noend = (a->flags & LW_NOEND) != 0;
		int same = c1 <= c0 || c1 > x->len;
		/* UNBREAK: —— ⸺ …… are one unit */
		int unit = same || (a->cls == b->cls && (a->cls == CLREQ_DASH || a->cls == CLREQ_ELLIPSIS));
		if (same)
			a->flags |= LW_CLUSTER;
		if (unit)
			a->flags |= LW_JOIN;

		int brk = LINE_BRK_NO;
		if (!unit) {
			if (a->flags & b->flags & LW_URL) {
				/* NOSPLIT: inside a URL only the URL rule counts (UAX #14 would not
				   break after a '.') */
				brk = line_url_break(g, i, n) ? LINE_BRK_ALLOW : LINE_BRK_NO;
			} else {
				/* UAX #14 status after the character before c1 (so a ZWSP or WJ that
				   shaping removed still counts) */
				char u = x->r->ubrk[c1 - 1];
				brk = u == LINEBREAK_MUSTBREAK ? LINE_BRK_MUST
				      : u == LINEBREAK_ALLOWBREAK ? LINE_BRK_ALLOW : LINE_BRK_NO;
				/* UAX #14 since Unicode 8 (LB30) lets GDP《 and ）GDP break, as clreq
				   does; libunibreak 1.x glues a letter to any bracket */
				if (brk == LINE_BRK_NO && c1 - c0 <= line_utf8_len(g[i].cp) &&
				    ((a->cls == CLREQ_LATIN && b->cls == CLREQ_OPEN && (b->flags & LW_CJK)) ||
				     (a->cls == CLREQ_CLOSE && (a->flags & LW_CJK) && b->cls == CLREQ_LATIN)))
					brk = LINE_BRK_ALLOW;
			}
			if (brk == LINE_BRK_ALLOW) {
				/* NOSPLIT: never between two letters or digits that touch in the text
				   (an author's ZWSP between them is honoured) */
				if (a->cls == CLREQ_LATIN && b->cls == CLREQ_LATIN &&
				    c1 - c0 <= line_utf8_len(g[i].cp))
					brk = LINE_BRK_NO;
				/* NOSPLIT: C++, C#, G++: the signs stay with the letter they touch
				   (libunibreak 1.x breaks before a '+', between AL and PR) */
				if ((g[i + 1].cp == '+' || g[i + 1].cp == '#') &&
				    (a->cls == CLREQ_LATIN || g[i].cp == '+') &&
				    c1 - c0 <= line_utf8_len(g[i].cp))
					brk = LINE_BRK_NO;
				/* KIN-END: the line would end with the last drawn glyph up to i */
				if (vis_noend)
					brk = LINE_BRK_NO;
				/* KIN-START: the next line would start with the first non-space glyph */
				if (nv <= i) {
					nv = i + 1;
					while (nv < n && (w[nv].flags & LW_SPACE))
						nv++;
				}
				if (nv < n && (w[nv].flags & LW_NOSTART))
					brk = LINE_BRK_NO;
				/* KEEP: inside a range the caller keeps whole (a name) */
				while (kr < x->p->n_keep && x->p->keep[2 * kr + 1] <= c1)
					kr++;
				if (kr < x->p->n_keep && x->p->keep[2 * kr] < c1)
					brk = LINE_BRK_NO;
			}
		}
		/* NOSPLIT (typography review D12): a solidus or a multiplication sign between two
		   characters (120km/h, 元/斤, 3/4, 1920×1080) is no break on either side: a line
		   that ends with 元/ or starts with ×1080 reads as two things */
		if (brk == LINE_BRK_ALLOW && !((a->flags | b->flags) & LW_URL) &&
		    ((line_is_joiner(g[i].cp) && i > 0 && !(w[i - 1].flags & LW_SPACE) &&
		      !(b->flags & LW_SPACE)) ||
		     (line_is_joiner(g[i + 1].cp) && i + 2 < n && !(a->flags & LW_SPACE) &&
		      !(w[i + 2].flags & LW_SPACE))))
			brk = LINE_BRK_NO;
		/* HYPH: a point inside a word (two touching letters, no URL), outside KEEP */
		if (hyph && brk == LINE_BRK_NO && !same && a->cls == CLREQ_LATIN &&
		    b->cls == CLREQ_LATIN && !((a->flags | b->flags) & LW_URL) &&
		    c1 - c0 <= line_utf8_len(g[i].cp)) {
			while (kh < x->p->n_hyph && x->p->hyph[kh] < c1)
				kh++;
			while (kk < x->p->n_keep && x->p->keep[2 * kk + 1] <= c1)
				kk++;
			if (kh < x->p->n_hyph && x->p->hyph[kh] == c1 &&
			    !(kk < x->p->n_keep && x->p->keep[2 * kk] < c1)) {
				brk = LINE_BRK_ALLOW;
				a->flags |= LW_HYPH;
			}
		}
		a->brk = (uint8_t)brk;

		if (same)
			continue;
		int spaces = (a->flags | b->flags) & LW_SPACE;
		/* LATIN: ¼ em between an ideograph and a Western letter or digit, no real space */
		if (!spaces && (((a->flags & LW_IDEO) && (b->flags & LW_WWORD)) ||
				((a->flags & LW_WWORD) && (b->flags & LW_IDEO))))
			a->glue = (float)(0.25 * em);
		/* PW-ADJ: two adjacent full-width marks lose ½ em of the blank between them, first
		   the first mark's right part, then the second's left part: 。” ，“ ）（ “‘ -> 1.5 em */
		if (a->flags & b->flags & LW_MARK) {
			double take = a->rb + b->lb;
			if (take > half)
				take = half;
			a->adj_r = (float)(take < a->rb ? take : a->rb);
			b->adj_l = (float)(take - a->adj_r);
		}
		if (!unit) {
			int kin = (b->flags & LW_NOSTART) || (a->flags & LW_NOEND);
			/* EXPAND: between characters of which one is Chinese, never inside a unit or
			   a Latin word, never before a closing mark or after an opening one */
			if (!spaces && !kin && ((a->flags | b->flags) & LW_CJK))
				a->flags |= LW_SLOT;
			if (!kin)
				a->flags |= LW_SOFT;
		}
	}
	w[n - 1].brk = LINE_BRK_MUST;
}

struct line_ctx;
static int line_can_hang(const struct line_ctx *x, size_t t, size_t v);

/* --- pass 2: choosing the breaks ------------------------------------------------------ */

static void line_acc_start(struct line_acc *a, const struct line_work *w, size_t s, double indent,
			   int first, double em, int trim)
{
	const struct line_work *c = &w[s];
	/* PW-START: an opening mark loses its left blank, except on the paragraph's first line
	   (line_params.trim_start: there too) */
	a->P = indent + c->w - (first && !trim ? 0 : c->lb);
	a->S = (c->flags & LW_WSPACE) && c->w > 0.25 * em ? c->w - 0.25 * em : 0;
	if (c->flags & LW_SPACE) {
		a->nat = indent;
		a->min = indent;
	} else {
		a->nat = a->P - c->rb;      /* PW-END */
		a->min = a->nat - a->S;
	}
}

/* Extends the candidate line by glyph j (j > its start). */
static void line_acc_add(struct line_acc *a, const struct line_work *w, size_t j, double em)
{
	const struct line_work *c = &w[j], *b = &w[j - 1];
	a->P += b->glue + c->w - b->adj_r - c->adj_l;
	a->S += (b->rb - b->adj_r) + (c->lb - c->adj_l);
	if (b->glue > 0)
		a->S += b->glue - 0.125 * em;          /* SHRINK: Han–Latin space to ⅛ em */
	if ((c->flags & LW_WSPACE) && c->w > 0.25 * em)
		a->S += c->w - 0.25 * em;              /* SHRINK: Western space to ¼ em */
	if (!(c->flags & LW_SPACE)) {
		a->nat = a->P - c->rb;                 /* PW-END */
		a->min = a->nat - a->S;
	}
}

static void line_snippet(const struct line_ctx *x, size_t byte, char *out, size_t cap)
{
	size_t o = 0, chars = 0;
	while (byte < x->len && chars < 16 && o + 8 < cap) {
		uint32_t cp;
		size_t l = utf8_decode(x->text + byte, x->len - byte, &cp);
		if (!l || cp < 0x20)
			break;
		memcpy(out + o, x->text + byte, l);
		o += l;
		byte += l;
		chars++;
	}
	if (byte < x->len && chars == 16)
		memcpy(out + o, "...", 4);
	else
		out[o] = 0;
}

/* Reports an overfull token (underfull = 0) or an unjustifiable line (1) starting at glyph t,
   with its column. */
static void line_warn(struct line_ctx *x, size_t t, int underfull)
{
	if (!x->d || x->n_warn++ >= LINE_WARN_MAX)
		return;
	size_t byte = x->g[t].cluster <= x->len ? x->g[t].cluster : x->len;
	if (byte < x->col_byte) {
		x->col_byte = 0;
		x->col_chars = 0;
	}
	while (x->col_byte < byte) {
		uint32_t cp;
		size_t l = utf8_decode(x->text + x->col_byte, x->len - x->col_byte, &cp);
		x->col_byte += l ? l : 1;
		x->col_chars++;
	}
	struct srcpos pos = x->pos;
	if (pos.col)
		pos.col += x->col_chars;
	char snip[96];
	line_snippet(x, byte, snip, sizeof snip);
	if (underfull)
		diag_at(x->d, DIAG_WARNING, pos,
			"underfull line: \"%s\" cannot be justified to the measure (%.1f pt): the "
			"next word does not fit beside it", snip, (double)x->p->measure);
	else
		diag_at(x->d, DIAG_WARNING, pos,
			"overfull line: \"%s\" is wider than the measure (%.1f pt) and is broken at "
			"the measure", snip, (double)x->p->measure);
}

/* JUST needs a gap to widen: whether the line [s..k] (trailing spaces aside) has a gap that is
   neither inside a unit nor next to a closing or opening mark, or a Western space. */
static int line_stretchable(const struct line_work *w, size_t s, size_t k)
{
	while (k > s && (w[k].flags & LW_SPACE))
		k--;
	for (size_t i = s; i < k; i++)
		if ((w[i].flags & (LW_SOFT | LW_WSPACE)) || w[i].glue > 0)
			return 1;
	return 0;
}

/* Emergency break in [lo..kn] (kn == LINE_NONE: not even glyph s fits): the last place that
   breaks no KIN or UNBREAK rule, else the last cluster boundary. */
static size_t line_emergency(const struct line_work *w, size_t n, size_t s, size_t lo, size_t kn)
{
	size_t k;
	if (kn == LINE_NONE) {
		for (k = s; k + 1 < n && (w[k].flags & LW_CLUSTER); k++)
			;
		return k;
	}
	for (k = kn; k > lo && !(w[k].flags & LW_SOFT); k--)
		;
	if (w[k].flags & LW_SOFT)
		return k;
	for (k = kn; k > lo && (w[k].flags & LW_CLUSTER); k--)
		;
	while ((w[k].flags & LW_CLUSTER) && k + 1 < n)   /* one huge cluster: keep it whole */
		k++;
	return k;
}

/* Chooses where the line starting at glyph s ends (its last glyph, trailing spaces included)
   and sets its flags. *token is set to the first glyph of an overfull token, else LINE_NONE. */
static size_t line_choose(struct line_ctx *x, size_t s, int first, unsigned *flags, size_t *token)
{
	const struct line_work *w = x->w;
	size_t n = x->n, j = s, kn = LINE_NONE, ok = LINE_NONE;
	double M = x->p->measure + LINE_TOL, em = x->em;
	struct line_acc a;
	*token = LINE_NONE;
	line_acc_start(&a, w, s, first ? x->p->indent : 0, first, em, x->p->trim_start);
	/* the longest natural fit */
	size_t hj = LINE_NONE;   /* HANG: a mark that may hang if squeezing fails */
	for (;;) {
		if (a.nat > M) {
			/* HANG (option): 、，。 alone after a line that fits may hang outside the
			   measure */
			if (kn != LINE_NONE && kn + 1 == j && w[j].brk != LINE_BRK_NO &&
			    line_can_hang(x, s, j))
				hj = j;
			break;
		}
		kn = j;
		if (w[j].brk == LINE_BRK_MUST) {
			if (j + 1 < n)
				*flags |= LINE_FORCED;
			return j;
		}
		if (w[j].brk == LINE_BRK_ALLOW && !(w[j].flags & LW_HYPH))
			ok = j;
		line_acc_add(&a, w, ++j, em);   /* j + 1 < n: the last glyph is a MUST break */
	}
	if (kn != LINE_NONE && kn == ok)
		return kn;
	/* ORDER (先挤进): the glyph that does not fit may not start a line: squeeze the line in
	   SHRINK order up to the next break opportunity */
	for (;;) {
		if (a.min > M)
			break;
		if (w[j].brk != LINE_BRK_NO && !(w[j].flags & LW_HYPH)) {
			*flags |= LINE_SQUEEZED;
			if (w[j].brk == LINE_BRK_MUST && j + 1 < n)
				*flags |= LINE_FORCED;
			return j;
		}
		line_acc_add(&a, w, ++j, em);
	}
	if (hj != LINE_NONE) {
		*flags |= LINE_HANG;
		if (w[hj].brk == LINE_BRK_MUST && hj + 1 < n)
			*flags |= LINE_FORCED;
		return hj;
	}
	/* ORDER (后推出): move the last piece down, unless the piece after the break is itself
	   wider than a line: then it is broken at the measure here and now. (A piece that fits a
	   line of its own is never broken, even when the line left behind is a lone glyph that
	   cannot be justified: line_set flags that LINE_UNDERFULL and warns.) */
	size_t lo = s;
	if (ok != LINE_NONE) {
		size_t t = ok + 1;
		while (t < n && (w[t].flags & LW_SPACE))
			t++;
		if (t == n)
			return ok;
		int fits = 0;
		struct line_acc b;
		line_acc_start(&b, w, t, 0, 0, em, x->p->trim_start);
		for (size_t q = t;;) {
			if (b.min > M)
				break;
			if (w[q].brk != LINE_BRK_NO && !(w[q].flags & LW_HYPH)) {
				fits = 1;
				break;
			}
			line_acc_add(&b, w, ++q, em);
		}
		if (fits)
			return ok;
		*token = t;
		lo = ok + 1 < kn ? ok + 1 : kn;
	} else {
		*token = s;
	}
	*flags |= LINE_OVERFULL;
	return line_emergency(w, n, s, lo, kn);
}

static enum err line_push(struct line_result *r, size_t start, size_t end, unsigned flags)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? 2 * r->cap : 64;
		struct line *l = realloc(r->lines, nc * sizeof *l);
		if (!l)
			return ERR_NOMEM;
		r->lines = l;
		r->cap = nc;
	}
	r->lines[r->n++] = (struct line){start, end, 0, flags, 0};
	return ERR_OK;
}

static enum err line_fill(struct line_ctx *x)
{
	size_t s = 0, n = x->n;
	int first = 1, mid_token = 0;
	while (s < n) {
		unsigned flags = 0;
		size_t token;
		size_t k = line_choose(x, s, first, &flags, &token);
		/* one warning per overfull token, not one per line it spans */
		if ((flags & LINE_OVERFULL) && !(mid_token && token == s))
			line_warn(x, token, 0);
		if (line_push(x->r, s, k + 1, flags))
			return ERR_NOMEM;
		mid_token = (flags & LINE_OVERFULL) && x->w[k].brk == LINE_BRK_NO;
		s = k + 1;
		while (s < n && (x->w[s].flags & LW_SPACE))
			s++;
		first = 0;
	}
	if (x->r->n)
		x->r->lines[x->r->n - 1].flags |= LINE_LAST;
	return ERR_OK;
}

/* --- pass 3: RUNT ---------------------------------------------------------------------- */

/* RUNT: whether glyph i counts as a character (not a space, a mark or the rest of a cluster). */
static int line_is_char(const struct line_work *w, size_t i, size_t start)
{
	return !(w[i].flags & LW_SPACE) && w[i].cls < CLREQ_OPEN &&
	       !(i > start && (w[i - 1].flags & LW_CLUSTER));
}

/* RUNT (孤字): when the last line holds one ideograph (plus marks), the previous line gives up
   its last pieces until the last line holds two characters, provided that the previous line
   keeps a gap to justify and the new last line fits without squeezing. */
static void line_fix_runt(struct line_ctx *x)
{
	struct line_result *r = x->r;
	const struct line_work *w = x->w;
	if (r->n < 2)
		return;
	struct line *last = &r->lines[r->n - 1], *prev = &r->lines[r->n - 2];
	if (prev->flags & (LINE_FORCED | LINE_OVERFULL))
		return;
	size_t chars = 0;
	int ideo = 0;
	for (size_t i = last->start; i < last->end && chars < 2; i++)
		if (line_is_char(w, i, last->start)) {
			chars++;
			ideo = (w[i].flags & LW_IDEO) != 0;
		}
	if (chars != 1 || !ideo)
		return;
	size_t v = prev->end - 1, lo = last->start;   /* glyphs [lo, n) are counted */
	while (v > prev->start && (w[v].flags & LW_SPACE))
		v--;
	for (size_t k = v; k-- > prev->start;) {
		while (lo > k + 1)
			chars += line_is_char(w, --lo, prev->start);
		if (w[k].brk != LINE_BRK_ALLOW || (w[k].flags & LW_HYPH) || chars < 2)
			continue;
		if (!line_stretchable(w, prev->start, k))
			return;
		size_t t = k + 1;
		while (t < x->n && (w[t].flags & LW_SPACE))
			t++;
		struct line_acc a;
		line_acc_start(&a, w, t, 0, 0, x->em, x->p->trim_start);
		for (size_t j = t + 1; j < x->n; j++)
			line_acc_add(&a, w, j, x->em);
		if (a.nat > x->p->measure + LINE_TOL)
			return;
		prev->end = k + 1;
		prev->flags &= ~(unsigned)(LINE_SQUEEZED | LINE_HANG | LINE_HYPHEN);
		last->start = t;
		return;
	}
}

/* --- pass 2 (default): optimal fit ------------------------------------------------------

   Total fit (Knuth–Plass style) over the break opportunities of pass 1 (UAX #14 + KIN-START,
   KIN-END, UNBREAK, NOSPLIT, URLs), with glue modelled for CJK:
   - between adjacent characters of which one is Chinese (LW_SLOT: EXPAND, never inside an
     UNBREAK unit, never next to a closing or opening mark): natural width 0, stretch
     LINE_SU em, no shrink; Western spaces stretch to ½ em and shrink to ¼ em; Han–Latin glue
     (LATIN) ¼ em, stretch to ⅓ em, shrink to ⅛ em; the blank halves of full-width marks that
     PW-ADJ, PW-START and PW-END leave are shrink (SHRINK). A line with no such gap may
     letter-space Latin words (LW_SOFT) at a quarter of the stretch, else it is underfull.
   - badness: 100 |r|³ with r = (measure − natural) / stretch, or need / shrink when the line
     is over; shrinking is costed LINE_KS times stretching, so punctuation is compressed before
     characters are spaced out (SHRINK before EXPAND, ORDER 先挤进). The last line, and a line
     ended by a forced break, are set at natural width (ragged: no stretch cost).
   - demerits of a line: (LINE_LP + badness)² ± penalty², where the penalty is a small bonus
     for a break after a mark (。！？ more than ，、；：and closing marks) and a cost for a break
     inside a URL or after a hyphen; plus LINE_ADJ when its fitness class (tight, decent,
     loose, very loose) is two or more from the previous line's; plus LINE_PUSH for ORDER
     (后推出 only when 先挤进 fails): a line that ends before a piece holding a mark that may not
     start a line, when that piece could have been squeezed onto it; plus LINE_RUNT_DEM for a
     last line of one ideograph (RUNT) and LINE_UNDER_DEM for a line that cannot be justified.
   - HANG (option): a line ending with 、，。 after a character that is no mark may instead be
     measured without that mark, which is then set half-width outside the measure.
   Pass 1 admits only lines with r <= LINE_RHO1 and no runt nor underfull line, scanning the
   active nodes from the oldest and stopping at the first too loose line (a newer start is
   looser still), so few nodes are looked at per break. If pass 1 finds no way to the end, pass
   2 admits every line that fits; where no active node can reach a break at all (a token wider
   than the measure) the greedy filler (line_choose: emergency break at the measure, one
   warning per token) sets the lines from the node before the last one that died until past
   that break, and the optimum resumes from there. At most LINE_MAX_ACTIVE nodes stay active
   (the oldest are dropped), so the cost is O(glyphs × active) and never fails. */

#define LINE_SU 0.125        /* em: stretch of one inter-character gap (EXPAND) */
#define LINE_KS 0.1          /* SHRINK costs this much of stretching */
#define LINE_LP 10.0         /* per-line demerits (fewer lines) */
#define LINE_RHO1 1.5        /* pass 1: loosest adjustment ratio */
#define LINE_BAD_MAX 1e7     /* badness cap (r about 46) */
#define LINE_ADJ 3000.0      /* fitness classes two apart */
#define LINE_PUSH 1e5        /* ORDER: pushed down what could have been squeezed in */
#define LINE_PEN_STOP 15.0   /* bonus for a break after 。！？ */
#define LINE_PEN_MARK 10.0   /* bonus for a break after ，、；：and closing marks */
#define LINE_PEN_HYPH 50.0   /* cost of a break inside a URL or after a hyphen */
#define LINE_RUNT_DEM 2e14   /* RUNT: worse than any line that can be justified */
#define LINE_UNDER_DEM 1e15  /* a line that cannot be justified */
#define LINE_OVER_DEM 1e16   /* a line broken inside a token (greedy fallback) */
#define LINE_MAX_ACTIVE 512
#define LINE_NONE32 UINT32_MAX

struct line_sum {
	double c;        /* advances and pair terms (LATIN glue − PW-ADJ) of glyphs before i */
	double sh;       /* SHRINK capacity */
	double y;        /* EXPAND capacity */
	uint32_t soft;   /* LW_SOFT gaps */
	uint32_t chars;  /* RUNT characters */
	uint32_t last;   /* glyph i - 1 or the last drawn (not space) glyph before it, else
			    LINE_NONE32: S[k + 1].last is the last drawn glyph of a line ending at k */
	uint32_t next;   /* S[i].next: first drawn glyph at or after i (n if none) */
};

struct line_node {
	uint32_t pos;    /* the line ending here ends after glyph pos (LINE_NONE32: paragraph start) */
	uint32_t t;      /* first glyph of the next line (spaces after the break skipped) */
	uint32_t prev;   /* node where that line starts (LINE_NONE32 for the start) */
	float ratio;     /* of the line ending here */
	double total;    /* demerits of the lines up to here */
	uint16_t flags;  /* enum line_flag of the line ending here */
	uint8_t fit;     /* fitness class of that line: 0 tight, 1 decent, 2 loose, 3 very loose */
};

/* The start side of a line (line_head_at). */
struct line_head {
	double c, sh, y;
	uint32_t soft, t;
	int first;
};

/* Widths of a line. */
struct line_fit {
	double nat, shr, str;
	uint32_t soft;
};

/* The end side of the lines that end after glyph k: computed once per break and shared by
   every start (line_end_at), so that a candidate line costs a few subtractions. */
struct line_endside {
	double c, sh, y;
	uint32_t soft;
};

struct line_end {
	size_t k, v;               /* v: last drawn glyph, LINE_NONE if only spaces up to k */
	int last, forced;
	struct line_endside at;    /* the line ending with v */
	int hang;                  /* HANG: v may hang; hat ends the line with v - 1 */
	struct line_endside hat;
	int push;                  /* ORDER: pat ends the line at the next break nb instead */
	struct line_endside pat;
	double pen;                /* signed square of the break penalty */
	int hyph;                  /* HYPH: broken inside a word; at includes the hyphen */
};

enum line_cstat {
	LINE_C_OK,
	LINE_C_LONG,   /* does not fit even squeezed: neither does any later break */
	LINE_C_LOOSE,  /* pass 1: too loose; any newer start is looser */
	LINE_C_SKIP    /* not admitted here (RUNT in pass 1, ...) */
};

struct line_cand {
	double dem;
	float ratio;
	unsigned flags;
	int fit;
};


static void line_sums(struct line_ctx *x)
{
	const struct line_work *w = x->w;
	struct line_sum *S = x->sum;
	size_t n = x->n;
	double em = x->em, su = LINE_SU * em, e8 = 0.125 * em, q = 0.25 * em, e2 = 0.5 * em;
	double e12 = em / 12;
	memset(&S[0], 0, sizeof S[0]);
	S[0].last = LINE_NONE32;
	for (size_t i = 0; i < n; i++) {
		const struct line_work *c = &w[i];
		double pr = c->glue - c->adj_r - (i + 1 < n ? w[i + 1].adj_l : 0);
		double sh = (c->stage ? (c->lb - c->adj_l) + (c->rb - c->adj_r) : 0) +
			    (c->glue > 0 ? c->glue - e8 : 0);
		double y = (c->flags & LW_SLOT ? su : 0) + (c->glue > 0 ? e12 : 0);
		if (c->flags & LW_WSPACE) {
			sh += c->w > q ? c->w - q : 0;
			y += c->w < e2 ? e2 - c->w : 0;
		}
		S[i + 1].c = S[i].c + c->w + pr;
		S[i + 1].sh = S[i].sh + sh;
		S[i + 1].y = S[i].y + y;
		S[i + 1].soft = S[i].soft + ((c->flags & LW_SOFT) != 0);
		S[i + 1].chars = S[i].chars + (uint32_t)line_is_char(w, i, 0);
		S[i + 1].last = c->flags & LW_SPACE ? S[i].last : (uint32_t)i;
	}
	S[n].next = (uint32_t)n;
	for (size_t i = n; i-- > 0;)
		S[i].next = w[i].flags & LW_SPACE ? S[i + 1].next : (uint32_t)i;
}

/* The start side of a line whose first glyph is t: PW-START (not on the paragraph's first
   line, which has the indent instead). */
static void line_head_at(const struct line_ctx *x, size_t t, int first, struct line_head *h)
{
	const struct line_sum *S = x->sum;
	const struct line_work *a = &x->w[t < x->n ? t : x->n - 1];
	h->t = (uint32_t)t;
	h->first = first;
	if (t >= x->n) {
		h->c = S[x->n].c;
		h->sh = S[x->n].sh;
		h->y = S[x->n].y;
		h->soft = S[x->n].soft;
		return;
	}
	h->c = S[t].c - (first ? x->p->indent : 0) + (first && !x->p->trim_start ? 0 : a->lb);
	h->sh = S[t].sh + (a->stage ? a->lb - a->adj_l : 0);
	h->y = S[t].y;
	h->soft = S[t].soft;
}

/* The end side of a line whose last drawn glyph is v: PW-END, and no LATIN glue, PW-ADJ or
   EXPAND slot after it. */
static void line_side_at(const struct line_ctx *x, size_t v, struct line_endside *e)
{
	const struct line_sum *S = x->sum;
	const struct line_work *b = &x->w[v];
	double em = x->em;
	double prv = b->glue - b->adj_r - (v + 1 < x->n ? x->w[v + 1].adj_l : 0);
	e->c = S[v + 1].c - prv - b->rb;
	e->sh = S[v + 1].sh - (b->stage ? b->rb - b->adj_r : 0) - (b->glue > 0 ? b->glue - 0.125 * em : 0);
	e->y = S[v + 1].y - (b->flags & LW_SLOT ? LINE_SU * em : 0) - (b->glue > 0 ? em / 12 : 0);
	e->soft = S[v].soft;
}

/* The line between a start side and an end side, O(1). */
static void line_span(const struct line_head *h, const struct line_endside *e, struct line_fit *f)
{
	f->nat = e->c - h->c;
	f->shr = e->sh - h->sh;
	f->str = e->y - h->y;
	f->soft = e->soft - h->soft;
	if (f->shr < 0)
		f->shr = 0;
	if (f->str < 0)
		f->str = 0;
}

/* HANG: glyph v (the last drawn of a line starting at t) is 、，or 。set full-width, alone
   (the glyph before it is drawn and no mark at all, not even —— or ……: never a run of
   marks). */
static int line_can_hang(const struct line_ctx *x, size_t t, size_t v)
{
	uint32_t cp = x->g[v].cp;
	unsigned pc;
	return x->p->hang && v > t && (cp == 0x3001 || cp == 0xFF0C || cp == 0x3002) &&
	       (x->w[v].flags & LW_MARK) && !(x->w[v - 1].flags & (LW_MARK | LW_SPACE)) &&
	       ((pc = x->w[v - 1].cls) == CLREQ_HAN || pc == CLREQ_CJK || pc == CLREQ_LATIN ||
		pc == CLREQ_OTHER);
}

/* Badness of a measured line. ragged: last line, forced break or no JUST. */
static enum line_cstat line_badness(const struct line_ctx *x, const struct line_fit *f, int ragged,
				    int pass, double *bad, float *ratio, int *fit, int *under)
{
	double M = x->p->measure, diff = M - f->nat, r, b;
	*bad = 0;
	*ratio = 0;
	*fit = 1;
	*under = 0;
	if (diff < -LINE_TOL) {
		/* SHRINK (ORDER 先挤进), costed LINE_KS of stretching */
		double need = -diff;
		if (need > f->shr + LINE_TOL)
			return LINE_C_LONG;
		r = f->shr > 0 ? need / f->shr : 1;
		r = r > 1 ? 1 : r;
		*bad = LINE_KS * 100 * r * r * r;
		*ratio = (float)-r;
		*fit = r > 0.5 ? 0 : 1;
		return LINE_C_OK;
	}
	if (diff <= LINE_TOL)
		return LINE_C_OK;
	if (ragged) {
		if (x->p->justify)
			return LINE_C_OK;   /* last line: natural width */
		r = diff / (0.25 * M);      /* ragged right: balance the lines a little */
		*bad = 100 * r * r * r;
		*bad = *bad > LINE_BAD_MAX ? LINE_BAD_MAX : *bad;
		return LINE_C_OK;
	}
	/* EXPAND (JUST) */
	if (f->str > 1e-9) {
		r = diff / f->str;
	} else if (f->soft) {
		r = diff / (f->soft * 0.25 * LINE_SU * x->em);
	} else {
		if (pass == 1)
			return LINE_C_LOOSE;
		*under = 1;
		*bad = LINE_BAD_MAX;
		*ratio = 1e4f;
		*fit = 3;
		return LINE_C_OK;
	}
	if (pass == 1 && r > LINE_RHO1)
		return LINE_C_LOOSE;
	b = 100 * r * r * r;
	*bad = b > LINE_BAD_MAX ? LINE_BAD_MAX : b;
	*ratio = (float)r;
	*fit = r > 1 ? 3 : r > 0.5 ? 2 : 1;
	return LINE_C_OK;
}

/* The next break opportunity after glyph k (k == LINE_NONE: the first); *push: the piece up to
   it holds a mark that may not start a line (KIN-START), so ending a line at k pushes down
   what ORDER would rather squeeze in. */
static size_t line_next(const struct line_ctx *x, size_t k, int *push)
{
	size_t i = k == LINE_NONE ? 0 : k + 1;
	*push = 0;
	if (i >= x->n)
		return LINE_NONE;
	for (;; i++) {
		if (i > k + 1 && k != LINE_NONE && (x->w[i].flags & LW_NOSTART))
			*push = 1;
		if (x->w[i].brk != LINE_BRK_NO || i + 1 >= x->n)
			return i;
	}
}

/* line_next for a single line's cost (line_rescue, line_score): a piece longer than
   LINE_PIECE_MAX glyphs cannot be squeezed onto a line anyway, so the scan stops there
   (LINE_NONE: no ORDER check), which keeps text without break opportunities linear. */
#define LINE_PIECE_MAX 4096
static size_t line_next_near(const struct line_ctx *x, size_t k, int *push)
{
	size_t i = k + 1, lim = k + LINE_PIECE_MAX;
	*push = 0;
	for (; i < x->n && i < lim; i++) {
		if (i > k + 1 && (x->w[i].flags & LW_NOSTART))
			*push = 1;
		if (x->w[i].brk != LINE_BRK_NO)
			return i;
	}
	return LINE_NONE;
}

/* Last drawn glyph at or before k, LINE_NONE if there is none. */
static size_t line_last_drawn(const struct line_ctx *x, size_t k)
{
	uint32_t v = x->sum[k + 1].last;
	return v == LINE_NONE32 ? LINE_NONE : v;
}

/* Everything about a break after glyph k that does not depend on the line's start; nb and
   push from line_next(k). */
static void line_end_at(const struct line_ctx *x, size_t k, size_t nb, int push,
			struct line_end *e)
{
	const struct line_work *w = x->w;
	size_t n = x->n, v = line_last_drawn(x, k);
	e->k = k;
	e->v = v;
	e->last = k + 1 >= n;
	e->forced = w[k].brk == LINE_BRK_MUST && !e->last;
	e->hang = 0;
	e->push = 0;
	e->pen = 0;
	e->hyph = 0;
	if (v == LINE_NONE)
		return;
	line_side_at(x, v, &e->at);
	if ((w[k].flags & LW_HYPH) && v == k && !e->last && !e->forced) {
		e->hyph = 1;
		e->at.c += x->p->hyph_w;
		e->pen = LINE_PEN_HYPH * LINE_PEN_HYPH;
		return;
	}
	/* HANG: 、，。 alone may hang (line_can_hang checks t < v per line) */
	if (line_can_hang(x, v - (v > 0), v)) {
		e->hang = 1;
		line_side_at(x, v - 1, &e->hat);
	}
	if (e->last || e->forced)
		return;
	double pen = 0;
	unsigned cls = w[v].cls;
	if (cls == CLREQ_STOP || cls == CLREQ_EXCL)
		pen = -LINE_PEN_STOP;
	else if (cls == CLREQ_COMMA || cls == CLREQ_MIDDLE || cls == CLREQ_CLOSE)
		pen = -LINE_PEN_MARK;
	else if ((w[k].flags & LW_URL) && k + 1 < n && (w[k + 1].flags & LW_URL))
		pen = LINE_PEN_HYPH;   /* NOSPLIT: a URL broken after / . - ... */
	else if ((x->g[v].cp == '-' || x->g[v].cp == 0x2010) && v > 0 && w[v - 1].cls == CLREQ_LATIN)
		pen = LINE_PEN_HYPH;   /* a hyphenated word */
	e->pen = pen > 0 ? pen * pen : -pen * pen;
	/* ORDER: the line that would take the next piece too, squeezed */
	if (push && nb != LINE_NONE) {
		size_t v2 = line_last_drawn(x, nb);
		if (v2 != LINE_NONE && v2 > v) {
			e->push = 1;
			line_side_at(x, v2, &e->pat);
		}
	}
}

/* Demerits of the line from start side h (pflags: the flags of the line before) to the break
   e. */
static enum line_cstat line_cost(const struct line_ctx *x, const struct line_head *h,
				 unsigned pflags, const struct line_end *e, int pass,
				 struct line_cand *c)
{
	const struct line_work *w = x->w;
	size_t n = x->n, t = h->t, v = e->v;
	int ragged = e->last || e->forced || !x->p->justify, under = 0, hung = 0;
	double M = x->p->measure, b;
	struct line_fit f;
	c->flags = (e->forced ? LINE_FORCED : 0) | (e->hyph ? LINE_HYPHEN : 0);
	c->dem = 0;
	c->ratio = 0;
	c->fit = 1;
	if (v == LINE_NONE)
		f = (struct line_fit){h->first ? x->p->indent : 0, 0, 0, 0};
	else
		line_span(h, &e->at, &f);
	enum line_cstat st = line_badness(x, &f, ragged, pass, &b, &c->ratio, &c->fit, &under);
	/* HANG: measured without the mark, when that is better */
	if (st != LINE_C_OK && e->hang && v > t) {
		struct line_fit hf;
		double bh;
		float rh;
		int fh, uh;
		line_span(h, &e->hat, &hf);
		enum line_cstat sh = line_badness(x, &hf, ragged, pass, &bh, &rh, &fh, &uh);
		if (sh == LINE_C_OK) {
			st = sh;
			b = bh;
			c->ratio = rh;
			c->fit = fh;
			under = uh;
			hung = 1;
			c->flags |= LINE_HANG;
		} else if (st == LINE_C_LONG && sh != LINE_C_LONG) {
			st = LINE_C_SKIP;
		}
	}
	if (st != LINE_C_OK)
		return st;
	if (!hung && f.nat > M + LINE_TOL)
		c->flags |= LINE_SQUEEZED;
	double d = (LINE_LP + b) * (LINE_LP + b) + e->pen;
	/* ORDER: 后推出 only when 先挤进 is impossible */
	if (e->push && !hung) {
		struct line_fit f2;
		line_span(h, &e->pat, &f2);
		if (f2.nat > M + LINE_TOL && f2.nat - f2.shr <= M + LINE_TOL)
			d += LINE_PUSH;
	}
	if (under)
		d += LINE_UNDER_DEM;
	/* RUNT: the last line holds one ideograph (marks aside) */
	if (e->last && !h->first && !(pflags & (LINE_FORCED | LINE_OVERFULL)) && t < n &&
	    x->sum[n].chars - x->sum[t].chars == 1) {
		size_t i = t;
		while (i < n && !line_is_char(w, i, t))
			i++;
		if (i < n && (w[i].flags & LW_IDEO)) {
			if (pass == 1)
				return LINE_C_SKIP;
			d += LINE_RUNT_DEM;
		}
	}
	c->dem = d;
	return LINE_C_OK;
}

static enum err line_node_add(struct line_ctx *x, size_t *nn, size_t pos, size_t prev,
			      double total, const struct line_cand *c, size_t *out)
{
	struct line_result *r = x->r;
	struct line_node *nd = line_reserve(r->nodes, &r->cap_nodes, *nn + 1, sizeof *nd);
	if (!nd)
		return ERR_NOMEM;
	r->nodes = nd;
	size_t t = pos == LINE_NONE ? 0 : x->sum[pos + 1].next;
	struct line_node *d = &nd[*nn];
	d->pos = pos == LINE_NONE ? LINE_NONE32 : (uint32_t)pos;
	d->t = (uint32_t)t;
	d->prev = prev == LINE_NONE ? LINE_NONE32 : (uint32_t)prev;
	d->ratio = c ? c->ratio : 0;
	d->total = total;
	d->flags = (uint16_t)(c ? c->flags : 0);
	d->fit = (uint8_t)(c ? c->fit : 1);
	*out = (*nn)++;
	return ERR_OK;
}

static enum err line_active_push(struct line_result *r, size_t *h, size_t *e, size_t node)
{
	if (*e == r->cap_active && *h > 0) {
		memmove(r->active, r->active + *h, (*e - *h) * sizeof *r->active);
		*e -= *h;
		*h = 0;
	}
	size_t *a = line_reserve(r->active, &r->cap_active, *e + 1, sizeof *a);
	if (!a)
		return ERR_NOMEM;
	r->active = a;
	a[(*e)++] = node;
	return ERR_OK;
}

/* Greedy lines (line_choose) from node `from` until a line ends at or after glyph k; *out: the
   node of that line's end. Used where no active node can reach k (a token wider than the
   measure): emergency breaks and their warnings as in line_fill. */
static enum err line_rescue(struct line_ctx *x, size_t *nn, size_t from, size_t k, size_t *out)
{
	size_t cur = from;
	for (;;) {
		const struct line_node *a = &x->r->nodes[cur];
		size_t s = a->t;
		if (s >= x->n) {
			/* only spaces after this node's break (k among them): nothing to set */
			*out = cur;
			return ERR_OK;
		}
		int first = a->pos == LINE_NONE32;
		unsigned flags = 0, pflags = a->flags;
		double total = a->total;
		struct line_head hd;
		line_head_at(x, s, first, &hd);
		size_t token, ke = line_choose(x, s, first, &flags, &token);
		if ((flags & LINE_OVERFULL) && !(x->mid_token && token == s))
			line_warn(x, token, 0);
		x->mid_token = (flags & LINE_OVERFULL) && x->w[ke].brk == LINE_BRK_NO;
		struct line_cand c = {0, 0, flags, 1};
		int push;
		size_t nb = line_next_near(x, ke, &push);
		struct line_cand m;
		struct line_end le;
		line_end_at(x, ke, nb, push, &le);
		if (!(flags & LINE_OVERFULL) && line_cost(x, &hd, pflags, &le, 2, &m) == LINE_C_OK) {
			c.dem = m.dem;
			c.ratio = m.ratio;
		} else {
			c.dem = LINE_OVER_DEM;
		}
		c.flags |= flags & LINE_HANG;
		enum err e = line_node_add(x, nn, ke, cur, total + c.dem, &c, &cur);
		if (e)
			return e;
		if (ke >= k || ke + 1 >= x->n) {
			*out = cur;
			return ERR_OK;
		}
	}
}

/* Writes the lines of the chain ending at node `last` into r->lines. */
static enum err line_emit(struct line_ctx *x, size_t last)
{
	struct line_result *r = x->r;
	const struct line_node *nd = r->nodes;
	size_t count = 0;
	for (size_t i = last; nd[i].prev != LINE_NONE32; i = nd[i].prev)
		count++;
	if (count > r->cap || !r->lines) {
		struct line *l = line_reserve(r->lines, &r->cap, count, sizeof *l);
		if (!l)
			return ERR_NOMEM;
		r->lines = l;
	}
	r->n = count;
	for (size_t i = last; nd[i].prev != LINE_NONE32; i = nd[i].prev) {
		const struct line_node *p = &nd[nd[i].prev];
		r->lines[--count] = (struct line){p->t, (size_t)nd[i].pos + 1, 0, nd[i].flags,
						  nd[i].ratio};
	}
	r->demerits = nd[last].total;
	if (r->n)
		r->lines[r->n - 1].flags |= LINE_LAST;
	return ERR_OK;
}

static enum err line_optimal(struct line_ctx *x)
{
	struct line_result *r = x->r;
	const struct line_work *w = x->w;
	size_t n = x->n;
	enum err e;
	for (int pass = 1; pass <= 2; pass++) {
		size_t nn = 0, h = 0, ea = 0, start, fin = LINE_NONE;
		int push;
		if ((e = line_node_add(x, &nn, LINE_NONE, LINE_NONE, 0, NULL, &start)) ||
		    (e = line_active_push(r, &h, &ea, start)))
			return e;
		size_t k = line_next(x, LINE_NONE, &push);
		while (k != LINE_NONE) {
			size_t nb = line_next(x, k, &push);
			struct line_end le;
			line_end_at(x, k, nb, push, &le);
			double best[4] = {INFINITY, INFINITY, INFINITY, INFINITY};
			size_t bprev[4] = {0};
			struct line_cand bc[4];
			size_t dead = LINE_NONE;
			struct line_cand c;
			enum line_cstat st = LINE_C_SKIP;
			uint32_t cpos = LINE_NONE32 - 1;   /* nodes at one position share their line */
			unsigned cpf = 0;
			for (size_t i = h; i < ea; i++) {
				const struct line_node *a = &r->nodes[r->active[i]];
				if (a->t > k)
					continue;
				if (a->pos != cpos || ((a->flags ^ cpf) & (LINE_FORCED | LINE_OVERFULL))) {
					struct line_head hd;
					line_head_at(x, a->t, a->pos == LINE_NONE32, &hd);
					st = line_cost(x, &hd, a->flags, &le, pass, &c);
					cpos = a->pos;
					cpf = a->flags;
				}
				if (st == LINE_C_LONG) {
					if (i == h) {
						if (dead == LINE_NONE || r->nodes[dead].pos != a->pos ||
						    a->total < r->nodes[dead].total)
							dead = r->active[i];
						h++;
					}
					continue;
				}
				if (st == LINE_C_LOOSE)
					break;
				if (st != LINE_C_OK)
					continue;
				double tot = a->total + c.dem + (abs(c.fit - (int)a->fit) > 1 ? LINE_ADJ : 0);
				if (tot < best[c.fit]) {
					best[c.fit] = tot;
					bprev[c.fit] = r->active[i];
					bc[c.fit] = c;
				}
			}
			double bmin = fmin(fmin(best[0], best[1]), fmin(best[2], best[3]));
			int end = k + 1 >= n;
			if (bmin == INFINITY && end && h < ea) {
				/* only spaces after the last break: the best node there ends it */
				for (size_t i = h; i < ea; i++) {
					const struct line_node *a = &r->nodes[r->active[i]];
					if (a->t >= n && (fin == LINE_NONE || a->total < r->nodes[fin].total))
						fin = r->active[i];
				}
				if (fin != LINE_NONE)
					break;
			}
			if (bmin == INFINITY && (h == ea || end)) {
				if (pass == 1)
					break;
				/* no active node reaches k: greedy lines over the obstacle */
				if (dead == LINE_NONE)
					dead = r->active[ea - 1];
				size_t from = r->nodes[dead].prev != LINE_NONE32 ? r->nodes[dead].prev : dead;
				size_t cur;
				if ((e = line_rescue(x, &nn, from, k, &cur)))
					return e;
				h = ea = 0;
				if ((e = line_active_push(r, &h, &ea, cur)))
					return e;
				if (r->nodes[cur].pos + 1 >= n) {
					fin = cur;
					break;
				}
				k = line_next(x, r->nodes[cur].pos, &push);
				continue;
			}
			/* a forced break ends every line that could run across it */
			if (w[k].brk == LINE_BRK_MUST)
				while (h < ea && r->nodes[r->active[h]].t <= k)
					h++;
			if (bmin < INFINITY) {
				for (int f = 0; f < 4; f++) {
					if (!(best[f] <= bmin + LINE_ADJ) ||
					    ((end || w[k].brk == LINE_BRK_MUST) && best[f] != bmin))
						continue;
					size_t id;
					if ((e = line_node_add(x, &nn, k, bprev[f], best[f], &bc[f], &id)) ||
					    (e = line_active_push(r, &h, &ea, id)))
						return e;
					if (end && fin == LINE_NONE)
						fin = id;
					if (end || w[k].brk == LINE_BRK_MUST)
						break;
				}
			}
			if (end)
				break;
			while (ea - h > LINE_MAX_ACTIVE)
				h++;
			k = nb;
		}
		if (fin != LINE_NONE)
			return line_emit(x, fin);
	}
	/* pass 2 always reaches the end (line_rescue); not reached */
	return line_fill(x);
}

/* --- pass 4: setting a line ------------------------------------------------------------ */

/* Sets glyphs [s,e) as one line: x[] of its drawn glyphs (NAN for trailing spaces); returns
   its width. */
static float line_set(struct line_ctx *x, size_t s, size_t e, int first, int justify,
		      unsigned *flags)
{
	size_t vh = LINE_NONE;      /* HANG: the mark set outside the measure */
	struct line_work *w = x->w;
	const struct shape_glyph *g = x->g;
	float *xs = x->r->x;
	double em = x->em, indent = first ? x->p->indent : 0;
	double q = 0.25 * em, e8 = 0.125 * em, e2 = 0.5 * em, e12 = em / 12;
	size_t v = e;
	while (v > s && (w[v - 1].flags & LW_SPACE))
		xs[--v] = NAN;
	if (v == s)
		return (float)indent;
	v--;
	if ((*flags & LINE_HANG) && v > s) {
		vh = v;
		v--;
	}

	double cap[CLREQ_SHRINK_NSTAGES] = {0}, ecap_space = 0, ecap_glue = 0, W = indent;
	size_t nslot = 0;
	for (size_t i = s; i <= v; i++) {
		struct line_work *c = &w[i];
		c->lrem = i == s ? (first && !x->p->trim_start ? 0 : c->lb) : c->adj_l; /* PW-START, PW-ADJ */
		c->rrem = i == v ? c->rb : c->adj_r;                 /* PW-END, PW-ADJ */
		c->gap = i < v ? c->glue : 0;                        /* LATIN */
		c->dsp = 0;
		W += c->w - c->lrem - c->rrem + c->gap;
		if (c->stage)
			cap[c->stage] += (i == s ? 0 : c->lb - c->lrem) + (c->rb - c->rrem);
		if (c->flags & LW_WSPACE) {
			cap[CLREQ_SHRINK_SPACE] += c->w > q ? c->w - q : 0;
			ecap_space += c->w < e2 ? e2 - c->w : 0;
		}
		if (c->gap > 0) {
			cap[CLREQ_SHRINK_LATIN] += c->gap - e8;
			ecap_glue += e12;
		}
		if (i < v && (c->flags & LW_SLOT))
			nslot++;
	}

	double f[CLREQ_SHRINK_NSTAGES] = {0}, fs = 0, fg = 0, slot = 0, extra = 0;
	int tier = 0;
	double hy = (*flags & LINE_HYPHEN) && vh == LINE_NONE ? x->p->hyph_w : 0;
	if (!hy)
		*flags &= ~(unsigned)LINE_HYPHEN;
	W += hy;
	double diff = x->p->measure - W;
	if (diff < -LINE_TOL) {
		/* SHRINK: Western spaces first (to ¼ em); then every mark of the line together
		   (interpuncts, brackets and quotes, ，、；：, 。？！), each to at most half its blank
		   (¾ em), so the squeeze spreads over the line instead of setting one or two marks at
		   ½ em (typography review D10); then stage by stage in clreq's order (brackets,
		   ，、；：, Han–Latin spaces, 。？！ last) for what is still needed. Within a stage
		   every item gives the same fraction. */
		double need = -diff;
		static const int marks[] = {CLREQ_SHRINK_INTERPUNCT, CLREQ_SHRINK_BRACKET, CLREQ_SHRINK_COMMA,
					    CLREQ_SHRINK_STOP};
		if (cap[CLREQ_SHRINK_SPACE] > 0) {
			double t = need < cap[CLREQ_SHRINK_SPACE] ? need : cap[CLREQ_SHRINK_SPACE];
			f[CLREQ_SHRINK_SPACE] = t / cap[CLREQ_SHRINK_SPACE];
			need -= t;
		}
		double mcap = 0;
		for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
			mcap += cap[marks[k]];
		if (need > 0 && mcap > 0) {
			double g = need < 0.5 * mcap ? need / mcap : 0.5;
			for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
				f[marks[k]] = g;
			need -= g * mcap;
		}
		for (int st = 1; st < CLREQ_SHRINK_NSTAGES && need > 0; st++) {
			if (cap[st] <= 0 || f[st] >= 1)
				continue;
			double rem = (1 - f[st]) * cap[st], t = need < rem ? need : rem;
			f[st] += t / cap[st];
			need -= t;
		}
	} else if (diff > LINE_TOL && justify) {
		/* EXPAND: Western spaces to ½ em, Han–Latin spaces to ⅓ em, then between characters */
		double rest = diff;
		if (ecap_space > 0) {
			fs = rest < ecap_space ? rest / ecap_space : 1;
			rest -= fs * ecap_space;
		}
		if (rest > 0 && ecap_glue > 0) {
			fg = rest < ecap_glue ? rest / ecap_glue : 1;
			rest -= fg * ecap_glue;
		}
		if (rest > LINE_TOL * 1e-3) {
			if (nslot) {
				tier = 1;
				slot = rest / nslot;
			} else {
				/* no Chinese gap: Western spaces and Han–Latin spaces beyond their limits
				   (as in Western text), else letter-spacing, never inside a unit, never
				   before a closing mark or after an opening one */
				size_t n2 = 0, n3 = 0;
				for (size_t i = s; i <= v; i++) {
					if ((w[i].flags & LW_WSPACE) || (i < v && w[i].glue > 0))
						n2++;
					if (i < v && (w[i].flags & LW_SOFT))
						n3++;
				}
				if (n2) {
					tier = 2;
					extra = rest / n2;
				} else if (n3) {
					tier = 3;
					slot = rest / n3;
				} else {
					*flags |= LINE_UNDERFULL;
				}
			}
		}
	}

	double pen = indent;
	for (size_t i = s; i <= v; i++) {
		struct line_work *c = &w[i];
		double fm = f[c->stage];
		if (c->stage && fm > 0) {
			if (i != s)
				c->lrem += (float)((c->lb - c->lrem) * fm);
			c->rrem += (float)((c->rb - c->rrem) * fm);
		}
		if (c->flags & LW_WSPACE) {
			double d = -f[CLREQ_SHRINK_SPACE] * (c->w > q ? c->w - q : 0) +
				   fs * (c->w < e2 ? e2 - c->w : 0);
			if (tier == 2)
				d += extra;
			c->dsp = (float)d;
		}
		if (i < v) {
			double gp = c->gap;
			if (c->glue > 0) {
				gp += -f[CLREQ_SHRINK_LATIN] * (c->glue - e8) + fg * e12;
				if (tier == 2)
					gp += extra;
			}
			if ((tier == 1 && (c->flags & LW_SLOT)) || (tier == 3 && (c->flags & LW_SOFT)))
				gp += slot;
			c->gap = (float)gp;
		}
		xs[i] = (float)(pen - c->lrem + g[i].xoff);
		pen += (double)c->w + c->dsp - c->lrem - c->rrem;
		if (i < v)
			pen += c->gap;
	}
	if (vh != LINE_NONE) {
		/* HANG: after the justified line, half-width (PW-END) */
		struct line_work *c = &w[vh];
		c->lrem = c->adj_l;
		c->rrem = c->rb;
		c->gap = 0;
		c->dsp = 0;
		xs[vh] = (float)(pen - c->lrem + g[vh].xoff);
		pen += (double)c->w - c->lrem - c->rrem;
	}
	return (float)(pen + hy);
}

/* The demerits of the greedy filler's lines under the optimal breaker's model (comparisons,
   benchmarks), and their adjustment ratios. */
static void line_score(struct line_ctx *x)
{
	struct line_result *r = x->r;
	double total = 0;
	int pfit = 1;
	unsigned pflags = 0;
	for (size_t i = 0; i < r->n; i++) {
		struct line *l = &r->lines[i];
		size_t k = l->end - 1;
		int push;
		size_t nb = line_next_near(x, k, &push);
		struct line_cand c;
		struct line_head hd;
		struct line_end le;
		line_head_at(x, l->start, i == 0 && l->start == 0, &hd);
		line_end_at(x, k, nb, push, &le);
		if (!(l->flags & LINE_OVERFULL) && line_cost(x, &hd, pflags, &le, 2, &c) == LINE_C_OK) {
			total += c.dem + (abs(c.fit - pfit) > 1 ? LINE_ADJ : 0);
			l->ratio = c.ratio;
			pfit = c.fit;
		} else {
			total += LINE_OVER_DEM;
			pfit = 1;
		}
		pflags = l->flags;
	}
	r->demerits = total;
}

/* --- API --------------------------------------------------------------------------------- */

/* Returns p when it already holds need elements, else a bigger block (cap updated), NULL when
   out of memory (p is then still valid). */
static void *line_reserve(void *p, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap && p)
		return p;
	size_t nc = *cap ? *cap : 64;
	while (nc < need)
		nc *= 2;
	void *q = realloc(p, nc * sz);
	if (q)
		*cap = nc;
	return q;
}

enum err line_break(const struct shape_glyph *g, size_t n, const char *text, size_t len,
		    const struct line_params *p, struct line_result *out, struct diag *d,
		    struct srcpos pos)
{
	if (!out)
		return ERR_USAGE;
	out->n = 0;
	if (!p || !isfinite(p->measure) || !(p->measure > 0) || !isfinite(p->em) || !(p->em > 0) ||
	    !isfinite(p->indent) || p->indent < 0)
		return ERR_USAGE;
	if (n == 0)
		return ERR_OK;
	if (!g || !text)
		return ERR_USAGE;
	if (n > LINE_MAX_GLYPHS || len > (size_t)1 << 30) {
		if (d)
			diag_at(d, DIAG_ERROR, pos, "a paragraph of more than %zu glyphs (LINE_MAX_GLYPHS)",
				LINE_MAX_GLYPHS);
		return ERR_LIMIT;
	}
	if (utf8_check(text, len) != len)
		return ERR_ENCODING;

	float *xs = line_reserve(out->x, &out->cap_x, n, sizeof *xs);
	if (!xs)
		return ERR_NOMEM;
	out->x = xs;
	struct line_work *w = line_reserve(out->work, &out->cap_work, n, sizeof *w);
	if (!w)
		return ERR_NOMEM;
	out->work = w;
	char *ub = line_reserve(out->ubrk, &out->cap_ubrk, len + 1, 1);
	if (!ub)
		return ERR_NOMEM;
	out->ubrk = ub;

	struct line_sum *sum = line_reserve(out->sum, &out->cap_sum, n + 1, sizeof *sum);
	if (!sum)
		return ERR_NOMEM;
	out->sum = sum;

	const char *ubtext = line_unibreak_text(text, len, &out->ubtext, &out->cap_ubtext);
	if (!ubtext)
		return ERR_NOMEM;

	line_init();
	struct line_ctx x = {.g = g, .n = n, .text = text, .len = len, .ubtext = ubtext, .p = p,
			     .em = p->em, .w = w, .r = out, .d = d, .pos = pos, .sum = sum};
	line_prepare(&x);
	line_sums(&x);
	out->demerits = 0;
	/* ragged text (no JUST) is filled greedily: on the character grid of Chinese text every
	   ragged line is as full as the rules let it be, there is no space to even out */
	enum err e = p->greedy || !p->justify ? line_fill(&x) : line_optimal(&x);
	if (e) {
		out->n = 0;
		return e;
	}
	/* RUNT: the greedy filler's repair (the optimum has RUNT in its demerits; after a rescue
	   by the greedy filler the repair may still apply) */
	line_fix_runt(&x);
	if (p->greedy || !p->justify)
		line_score(&x);

	for (size_t i = 0; i < n; i++)
		xs[i] = NAN;
	for (size_t i = 0; i < out->n; i++) {
		struct line *l = &out->lines[i];
		int justify = p->justify && !(l->flags & (LINE_LAST | LINE_FORCED));
		l->width = line_set(&x, l->start, l->end, i == 0 && l->start == 0, justify, &l->flags);
		if (justify && !(l->flags & LINE_UNDERFULL))
			l->flags |= LINE_JUSTIFIED;
		else if (justify)
			line_warn(&x, l->start, 1);
	}
	if (x.n_warn > LINE_WARN_MAX && d)
		diag_at(d, DIAG_NOTE, pos, "%u more overfull or underfull lines in this paragraph",
			x.n_warn - LINE_WARN_MAX);
	return ERR_OK;
}

void line_result_free(struct line_result *r)
{
	if (!r)
		return;
	free(r->lines);
	free(r->x);
	free(r->work);
	free(r->ubrk);
	free(r->ubtext);
	free(r->sum);
	free(r->nodes);
	free(r->active);
	memset(r, 0, sizeof *r);
}

void line_dump(const char *text, size_t len, const struct shape_glyph *g, size_t n,
	       const struct line_result *r, struct buf *out)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct line *l = &r->lines[i];
		size_t a = l->start < n ? l->start : n, b = l->end < n ? l->end : n;
		while (a < b && r->x && isnan(r->x[a]))
			a++;
		while (b > a && r->x && isnan(r->x[b - 1]))
			b--;
		size_t b0 = a < n ? g[a].cluster : len, b1 = b < n ? g[b].cluster : len;
		if (b0 > len)
			b0 = len;
		if (b1 > len || b1 < b0)
			b1 = b1 < b0 ? b0 : len;
		char fl[9];
		size_t o = 0;
		static const char letters[] = "JLFSOUHY";
		for (int k = 0; k < 8; k++)
			if (l->flags & (1u << k))
				fl[o++] = letters[k];
		if (!o)
			fl[o++] = '-';
		fl[o] = 0;
		buf_printf(out, "%zu %.2f %s |%.*s%s|\n", i, (double)l->width, fl, (int)(b1 - b0),
			   text + b0, l->flags & LINE_HYPHEN ? "-" : "");
	}
}
