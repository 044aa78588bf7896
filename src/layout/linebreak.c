/* linebreak.c: greedy paragraph filler with the clreq prohibitions, punctuation compression and
   justification (contract and rule list in linebreak.h).

   Four passes, each linear in the glyphs (the filler looks at most about two measures ahead of
   a line start):
   1. line_prepare: per glyph its advance, the blank halves a full-width mark may give up (PW-*),
      the PW-ADJ shares, the Han–Latin space after it (LATIN), the break opportunity after it
      (UAX #14 + KIN-START, KIN-END, UNBREAK, NOSPLIT, URLs) and whether EXPAND may widen the gap
      after it.
   2. line_fill: the greedy choice of breaks, with ORDER (squeeze before push) and emergency
      breaks for tokens wider than the measure.
   3. line_fix_runt: RUNT.
   4. line_set: per line the mandatory compressions (PW-ADJ, PW-END, PW-START), then SHRINK or
      EXPAND (JUST) to the measure, then x[].
   Widths are summed in double; x[] is float. All state lives in one struct line_ctx per call. */
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
	LW_NOEND = 1 << 12    /* KIN-END */
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
	const struct line_params *p;
	double em;
	struct line_work *w;
	struct line_result *r;
	struct diag *d;
	struct srcpos pos;
	size_t col_byte;    /* warning columns: text[0..col_byte) holds col_chars code points */
	unsigned col_chars;
	unsigned n_warn;    /* warnings about this paragraph so far */
};

/* Running widths of a candidate line [s..j] (line_fill, line_fix_runt). */
struct line_acc {
	double P;    /* natural width, PW-ADJ, LATIN and PW-START applied, no PW-END */
	double S;    /* what SHRINK may take from [s..j], j's right blank excluded */
	double nat;  /* natural width if the line ended after j (PW-END on its last drawn glyph) */
	double min;  /* nat minus everything SHRINK may take */
};

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

/* NOSPLIT inside a URL: break only after / . - ? & = # _ ~ @, never inside "//" and never
   inside a number (1.5). */
static int line_url_break(const struct shape_glyph *g, size_t i, size_t n)
{
	uint32_t c = g[i].cp, next = i + 1 < n ? g[i + 1].cp : 0;
	if (!strchr("/.-?&=#_~@", (int)c) || next == '/')
		return 0;
	if ((c == '.' || c == '-') && i > 0 && g[i - 1].cp >= '0' && g[i - 1].cp <= '9' &&
	    next >= '0' && next <= '9')
		return 0;
	return 1;
}

static void line_prepare(struct line_ctx *x)
{
	const struct shape_glyph *g = x->g;
	struct line_work *w = x->w;
	size_t n = x->n;
	double em = x->em, half = 0.5 * em;

	set_linebreaks_utf8((const utf8_t *)x->text, x->len, "zh", x->r->ubrk);

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
	line_mark_urls(x);

	int vis_noend = 0;           /* KIN-END: the last drawn glyph up to i may not end a line */
	size_t nv = 0;               /* first non-space glyph after i (computed lazily) */
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

/* --- pass 2: choosing the breaks ------------------------------------------------------ */

static void line_acc_start(struct line_acc *a, const struct line_work *w, size_t s, double indent,
			   int first, double em)
{
	const struct line_work *c = &w[s];
	/* PW-START: an opening mark loses its left blank, except on the paragraph's first line */
	a->P = indent + c->w - (first ? 0 : c->lb);
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
	line_acc_start(&a, w, s, first ? x->p->indent : 0, first, em);
	/* the longest natural fit */
	for (;;) {
		if (a.nat > M)
			break;
		kn = j;
		if (w[j].brk == LINE_BRK_MUST) {
			if (j + 1 < n)
				*flags |= LINE_FORCED;
			return j;
		}
		if (w[j].brk == LINE_BRK_ALLOW)
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
		if (w[j].brk != LINE_BRK_NO) {
			*flags |= LINE_SQUEEZED;
			if (w[j].brk == LINE_BRK_MUST && j + 1 < n)
				*flags |= LINE_FORCED;
			return j;
		}
		line_acc_add(&a, w, ++j, em);
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
		line_acc_start(&b, w, t, 0, 0, em);
		for (size_t q = t;;) {
			if (b.min > M)
				break;
			if (w[q].brk != LINE_BRK_NO) {
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
	r->lines[r->n++] = (struct line){start, end, 0, flags};
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
		if (w[k].brk != LINE_BRK_ALLOW || chars < 2)
			continue;
		if (!line_stretchable(w, prev->start, k))
			return;
		size_t t = k + 1;
		while (t < x->n && (w[t].flags & LW_SPACE))
			t++;
		struct line_acc a;
		line_acc_start(&a, w, t, 0, 0, x->em);
		for (size_t j = t + 1; j < x->n; j++)
			line_acc_add(&a, w, j, x->em);
		if (a.nat > x->p->measure + LINE_TOL)
			return;
		prev->end = k + 1;
		prev->flags &= ~(unsigned)LINE_SQUEEZED;
		last->start = t;
		return;
	}
}

/* --- pass 4: setting a line ------------------------------------------------------------ */

/* Sets glyphs [s,e) as one line: x[] of its drawn glyphs (NAN for trailing spaces); returns
   its width. */
static float line_set(struct line_ctx *x, size_t s, size_t e, int first, int justify,
		      unsigned *flags)
{
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

	double cap[CLREQ_SHRINK_NSTAGES] = {0}, ecap_space = 0, ecap_glue = 0, W = indent;
	size_t nslot = 0;
	for (size_t i = s; i <= v; i++) {
		struct line_work *c = &w[i];
		c->lrem = i == s ? (first ? 0 : c->lb) : c->adj_l;    /* PW-START, PW-ADJ */
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
	double diff = x->p->measure - W;
	if (diff < -LINE_TOL) {
		/* SHRINK, stage by stage; within a stage every item gives the same fraction */
		double need = -diff;
		for (int st = 1; st < CLREQ_SHRINK_NSTAGES && need > 0; st++) {
			if (cap[st] <= 0)
				continue;
			f[st] = need < cap[st] ? need / cap[st] : 1;
			need -= f[st] * cap[st];
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
	return (float)pen;
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
	if (n > LINE_MAX_GLYPHS || len > (size_t)1 << 30)
		return ERR_LIMIT;
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

	line_init();
	struct line_ctx x = {g, n, text, len, p, p->em, w, out, d, pos, 0, 0, 0};
	line_prepare(&x);
	enum err e = line_fill(&x);
	if (e) {
		out->n = 0;
		return e;
	}
	line_fix_runt(&x);

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
		char fl[8];
		size_t o = 0;
		static const char letters[] = "JLFSOU";
		for (int k = 0; k < 6; k++)
			if (l->flags & (1u << k))
				fl[o++] = letters[k];
		if (!o)
			fl[o++] = '-';
		fl[o] = 0;
		buf_printf(out, "%zu %.2f %s |%.*s|\n", i, (double)l->width, fl, (int)(b1 - b0),
			   text + b0);
	}
}
