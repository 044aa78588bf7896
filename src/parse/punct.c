/* punct.c: PUNCT-NORM (clreq.md): full-width ，：；（）！？ inside Han text, and space cleanup.

   One pass over the input. Spaces are held back and written only before the next visible
   character, so runs collapse and line ends come out trimmed for free. A mark's left neighbour
   is read back from the output (so it sees earlier conversions), its right neighbour forward
   from the input. An opening parenthesis is written as '(' and its output offset pushed; when
   its partner closes the pair and the pair converts, the '(' is widened in place to '（' (the
   text after it moves by two bytes; total work stays linear for a bounded nesting depth).
   ASCII double quotes pair the same way within a line (one pair open at a time): a pair that
   holds Han text or touches it becomes “…”, and the spaces a quote made between it and Han
   text go (typography review D9). A run of three or more ASCII dots next to Han text is the
   Chinese ellipsis ……. */
#include "punct.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include <string.h>

/* How far (code points) a neighbour search looks through quotes, dashes and spaces. */
#define PUNCT_LOOK 8

struct punct_open {
	size_t out_off;      /* offset of the '(' in out */
	unsigned han_in : 1; /* Han text seen inside the pair */
	unsigned han_out : 1; /* the character before '(' is Han */
	unsigned han_next : 1; /* the character after '(' is Han (for an unclosed '(') */
};

int punct_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) ||
	       (c >= 0x31350 && c <= 0x323AF) || c == 0x3007;
}

int punct_is_cjk(uint32_t c)
{
	if (c < 0x2E80)
		return 0;
	return punct_is_han(c) || (c >= 0x2E80 && c <= 0x2FDF) || /* radicals */
	       (c >= 0x3001 && c <= 0x303F) ||                    /* CJK symbols and punctuation */
	       (c >= 0x3040 && c <= 0x31FF) ||                    /* kana, bopomofo, strokes */
	       (c >= 0x3200 && c <= 0x33FF) ||                    /* enclosed, compatibility */
	       (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE4F) ||
	       (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
}

int punct_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == 0xA0 ||
	       c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
	       c == 0xFEFF || c == 0x1680;
}

/* Characters a neighbour search looks through: quotes, dashes, ellipsis. */
static int punct_is_neutral(uint32_t c)
{
	return c == '"' || c == '\'' || (c >= 0x2018 && c <= 0x201F) || c == 0x2014 ||
	       c == 0x2015 || c == 0x2026 || c == 0x2E3A || c == 0x2E3B;
}

static uint32_t punct_decode(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	size_t l = utf8_decode(s, n, &cp);
	*len = l ? l : 1;
	return l ? cp : 0xFFFD;
}

/* Decodes the code point ending at s[end) (end > lo); sets *start. */
static uint32_t punct_decode_back(const char *s, size_t lo, size_t end, size_t *start)
{
	size_t i = end - 1;
	while (i > lo && end - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	size_t l;
	uint32_t cp = punct_decode(s + i, end - i, &l);
	if (i + l != end) { /* not a clean sequence: take the last byte alone */
		i = end - 1;
		cp = 0xFFFD;
	}
	*start = i;
	return cp;
}

/* Left neighbour: the last visible non-neutral character written to out since lo, within the
   current line; 0 when none. */
static uint32_t punct_prev(const struct buf *out, size_t lo)
{
	size_t end = out->len;
	for (int k = 0; k < PUNCT_LOOK && end > lo; k++) {
		size_t st;
		uint32_t c = punct_decode_back(out->p, lo, end, &st);
		if (c == '\n')
			return 0;
		if (!punct_is_neutral(c) && !punct_is_space(c))
			return c;
		end = st;
	}
	return 0;
}

/* Right neighbour: the first visible non-neutral character of s[i..n) on this line; 0 if none. */
static uint32_t punct_next(const char *s, size_t n, size_t i)
{
	for (int k = 0; k < PUNCT_LOOK && i < n; k++) {
		size_t l;
		uint32_t c = punct_decode(s + i, n - i, &l);
		if (c == '\n')
			return 0;
		if (!punct_is_neutral(c) && !punct_is_space(c))
			return c;
		i += l;
	}
	return 0;
}

static int punct_starts(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return 0;
	}
	return 1;
}

/* Length of a URL starting at s[0..n), 0 when none starts here. Trailing . , ; : ! ? ) are
   left out: they usually belong to the sentence. */
static size_t punct_url(const char *s, size_t n)
{
	if (!(punct_starts(s, n, "http://") || punct_starts(s, n, "https://") ||
	      punct_starts(s, n, "ftp://") || punct_starts(s, n, "www.")))
		return 0;
	size_t k = 0;
	while (k < n && (unsigned char)s[k] > ' ' && (unsigned char)s[k] < 0x7F)
		k++;
	while (k > 4 && strchr(".,;:!?)", s[k - 1]))
		k--;
	return k;
}

/* End of the run of characters from s[i] that are copied as they are: not a space, line
   break, control character, one of , : ; ! ? ( ) ", three dots, nor the start of a URL. Marks Han content
   in the innermost open pair (top, may be NULL). */
static size_t punct_plain_run(const char *s, size_t n, size_t i, struct punct_open *top)
{
	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			if (b <= ' ' || b == 0x7F || b == ',' || b == ':' || b == ';' || b == '!' ||
			    b == '?' || b == '(' || b == ')' || b == '"')
				break;
			if (b == '.' && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.')
				break;
			if ((b | 0x20) == 'h' || (b | 0x20) == 'w' || (b | 0x20) == 'f') {
				if (punct_url(s + i, n - i))
					break;
			}
			i++;
			continue;
		}
		size_t l;
		uint32_t c = punct_decode(s + i, n - i, &l);
		if (punct_is_space(c))
			break;
		if (top && punct_is_cjk(c))
			top->han_in = 1;
		i += l;
	}
	return i;
}

/* Offsets translated so far (punct_normalize_map): at[0..n) already hold output offsets
   (absolute in out), ascending. */
struct punct_marks {
	size_t *at;
	size_t n;
};

/* Widens the '(' at out offset off into '（'; translated offsets past it move with the text.
   They are the last ones translated (the pair is still open or just closed), so the walk
   back stops at the first one not after off: each offset moves at most once per enclosing
   pair (PUNCT_MAX_DEPTH), linear overall. */
static void punct_widen_open(struct buf *out, size_t off, struct punct_marks *m)
{
	if (buf_reserve(out, 2))
		return;
	memmove(out->p + off + 3, out->p + off + 1, out->len - off - 1);
	memcpy(out->p + off, "\xEF\xBC\x88", 3);
	out->len += 2;
	out->p[out->len] = 0;
	for (size_t k = m->n; k > 0 && m->at[k - 1] > off; k--)
		m->at[k - 1] += 2;
}

/* Replaces the del bytes at out offset off by the ins bytes of lit; translated offsets past
   off move with the text (those inside the replaced bytes land after the new ones). Like
   punct_widen_open, only the offsets translated since off are walked. */
static void punct_splice(struct buf *out, size_t off, size_t del, const char *lit,
			 struct punct_marks *m)
{
	size_t ins = strlen(lit);
	if (ins > del && buf_reserve(out, ins - del))
		return;
	memmove(out->p + off + ins, out->p + off + del, out->len - off - del);
	if (ins)
		memcpy(out->p + off, lit, ins);
	out->len = out->len - del + ins;
	out->p[out->len] = 0;
	for (size_t k = m->n; k > 0 && m->at[k - 1] > off; k--)
		m->at[k - 1] = m->at[k - 1] >= off + del ? m->at[k - 1] - del + ins : off + ins;
}

/* Is the code point ending at out offset end (after lo) Han text or a full-width mark? */
static int punct_cjk_before(const struct buf *out, size_t lo, size_t end)
{
	if (end <= lo)
		return 0;
	size_t st;
	return punct_is_cjk(punct_decode_back(out->p, lo, end, &st));
}

/* Unclosed '(' follow the neighbour rule; the top of the stack first, so the offsets below it
   stay valid. */
static void punct_unclosed(struct buf *out, const struct punct_open *st, size_t depth,
			   struct punct_marks *m)
{
	while (depth--)
		if (st[depth].han_out || st[depth].han_next)
			punct_widen_open(out, st[depth].out_off, m);
}

static const char *punct_wide(char c)
{
	switch (c) {
	case ',': return "\xEF\xBC\x8C";  /* ， */
	case ':': return "\xEF\xBC\x9A";  /* ： */
	case ';': return "\xEF\xBC\x9B";  /* ； */
	case '!': return "\xEF\xBC\x81";  /* ！ */
	case '?': return "\xEF\xBC\x9F";  /* ？ */
	case '(': return "\xEF\xBC\x88";  /* （ */
	case ')': return "\xEF\xBC\x89";  /* ） */
	}
	return NULL;
}

/* Full-width marks that carry their own blank (clreq): a space next to one is a hole. */
static int punct_is_wide_mark(uint32_t c)
{
	return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
	       (c >= 0x3014 && c <= 0x301F) || c == 0xFF01 || c == 0xFF08 || c == 0xFF09 ||
	       c == 0xFF0C || c == 0xFF0E || c == 0xFF1A || c == 0xFF1B || c == 0xFF1F ||
	       c == 0xFF3B || c == 0xFF3D || c == 0xFF5B || c == 0xFF5D || c == 0xFF5F ||
	       c == 0xFF60 || (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE4F);
}

/* Marks shared with Western text (curly quotes, dash, ellipsis): full width only in Chinese,
   so a space next to one is a hole only when the text on the space's other side is CJK. */
static int punct_is_shared_mark(uint32_t c)
{
	return (c >= 0x2018 && c <= 0x201D) || c == 0x2014 || c == 0x2026;
}

/* Writes the held-back space (pending: 1 ASCII, 2 U+3000) before the character next, unless
   it is an ASCII space touching a full-width mark (D1 of the typography review: it would
   print as a hole and take the line's stretch first). The character before it is the last
   one written to out. */
static void punct_flush(struct buf *out, size_t line_lo, int pending, uint32_t next)
{
	if (!pending)
		return;
	if (pending == 1 && out->len > line_lo) {
		size_t st;
		uint32_t prev = punct_decode_back(out->p, line_lo, out->len, &st);
		if (punct_is_wide_mark(prev) || punct_is_wide_mark(next) ||
		    (punct_is_shared_mark(prev) && punct_is_cjk(next)) ||
		    (punct_is_shared_mark(next) && punct_is_cjk(prev)))
			return;
	}
	buf_puts(out, pending == 2 ? "\xE3\x80\x80" : " ");
}

void punct_normalize(const char *s, size_t n, struct buf *out)
{
	punct_normalize_map(s, n, out, NULL, 0, NULL, 0);
}

void punct_normalize_map(const char *s, size_t n, struct buf *out, size_t *at, size_t n_at,
			 const size_t *keep, size_t n_keep)
{
	struct punct_open st[PUNCT_MAX_DEPTH];
	size_t depth = 0, overflow = 0;
	size_t base = out->len, line_lo = out->len;
	int pending = 0;     /* held-back space: 0 none, 1 ASCII, 2 U+3000 */
	int eat_space = 0;   /* drop the spaces that follow a converted mark */
	size_t q_open = SIZE_MAX; /* out offset of an open ASCII '"' on this line */
	size_t i = 0;
	struct punct_marks m = {at, 0};
	size_t kk = 0;       /* the next verbatim range */

	while (i < n) {
		/* offsets reached: where the output stands now (absolute until the end) */
		while (m.n < n_at && at[m.n] <= i) {
			at[m.n] = out->len;
			m.n++;
		}
		size_t stop = m.n < n_at ? at[m.n] : n; /* the next offset to translate */
		while (kk < n_keep && keep[2 * kk + 1] <= i)
			kk++;
		if (kk < n_keep && keep[2 * kk] <= i) {
			/* a verbatim range: copied as it is, up to its end or the next offset */
			size_t e = keep[2 * kk + 1] < stop ? keep[2 * kk + 1] : stop;
			if (e > n)
				e = n;
			if (e <= i)
				e = i + 1;
			if (pending) {
				size_t l0;
				punct_flush(out, line_lo, pending, punct_decode(s + i, n - i, &l0));
			}
			pending = 0;
			eat_space = 0;
			buf_put(out, s + i, e - i);
			i = e;
			continue;
		}
		if (kk < n_keep && keep[2 * kk] < stop)
			stop = keep[2 * kk];
		/* fast path: a run of characters that need no decision is copied in one go */
		size_t r = punct_plain_run(s, n, i, depth ? &st[depth - 1] : NULL);
		if (r > stop && stop > i)
			r = stop;
		if (r > i) {
			if (pending) {
				size_t l0;
				punct_flush(out, line_lo, pending, punct_decode(s + i, n - i, &l0));
			}
			pending = 0;
			eat_space = 0;
			buf_put(out, s + i, r - i);
			i = r;
			continue;
		}
		unsigned char b = (unsigned char)s[i];
		size_t l = 1;
		uint32_t c = b < 0x80 ? b : punct_decode(s + i, n - i, &l);

		if (c == '\n') {
			pending = 0;
			eat_space = 0;
			/* parentheses do not pair across lines */
			punct_unclosed(out, st, depth, &m);
			depth = overflow = 0;
			q_open = SIZE_MAX; /* an unclosed '"' stays ASCII */
			if (out->len > base)
				buf_putc(out, '\n');
			line_lo = out->len;
			i++;
			continue;
		}
		if (c == 0x200B || c == 0xFEFF) {
			/* zero width (ZWSP, a stray BOM/ZWNBSP): dropped, never a visible space */
			i += l;
			continue;
		}
		if (punct_is_space(c)) {
			if (!eat_space && out->len > line_lo)
				pending = c == 0x3000 || pending == 2 ? 2 : 1;
			i += l;
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			i++;
			continue;
		}
		eat_space = 0;

		size_t u = (b == 'h' || b == 'H' || b == 'w' || b == 'W' || b == 'f' || b == 'F')
				   ? punct_url(s + i, n - i)
				   : 0;
		if (u) {
			punct_flush(out, line_lo, pending, c);
			pending = 0;
			buf_put(out, s + i, u);
			i += u;
			continue;
		}

		if (b == '"') {
			/* right after a digit it is an inch mark (15.6"), never an opening quote */
			if (q_open == SIZE_MAX && out->len > line_lo && !pending &&
			    out->p[out->len - 1] >= '0' && out->p[out->len - 1] <= '9') {
				buf_putc(out, '"');
				i++;
				continue;
			}
			if (q_open == SIZE_MAX) {
				punct_flush(out, line_lo, pending, c);
				pending = 0;
				q_open = out->len;
				buf_putc(out, '"');
				i++;
				continue;
			}
			size_t o = q_open;
			q_open = SIZE_MAX;
			int wide = punct_cjk_before(out, line_lo, o) ||
				   (o > line_lo + 1 && out->p[o - 1] == ' ' &&
				    punct_cjk_before(out, line_lo, o - 1)) ||
				   punct_is_cjk(punct_next(s, n, i + 1));
			for (size_t k = o + 1; !wide && k < out->len;) {
				size_t l0;
				wide = punct_is_cjk(punct_decode(out->p + k, out->len - k, &l0));
				k += l0;
			}
			/* a parenthesis opened inside the quotes and still open: crossing pairs stay */
			for (size_t k = 0; wide && k < depth; k++)
				if (st[k].out_off > o)
					wide = 0;
			punct_flush(out, line_lo, pending, wide ? 0x201D : c);
			pending = 0;
			if (!wide) {
				buf_putc(out, '"');
				i++;
				continue;
			}
			buf_puts(out, "\xE2\x80\x9D"); /* ” */
			/* the spaces the ASCII quote had against Han text: after the opening one,
			   then before it (later offsets first, so o stays valid) */
			if (o + 2 < out->len && out->p[o + 1] == ' ') {
				size_t l0;
				if (punct_is_cjk(punct_decode(out->p + o + 2, out->len - o - 2, &l0)))
					punct_splice(out, o + 1, 1, "", &m);
			}
			punct_splice(out, o, 1, "\xE2\x80\x9C", &m); /* “ */
			if (o > line_lo + 1 && out->p[o - 1] == ' ' && punct_cjk_before(out, line_lo, o - 1))
				punct_splice(out, o - 1, 1, "", &m);
			i++;
			continue;
		}
		if (b == '.' && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.') {
			size_t k = i;
			while (k < n && s[k] == '.')
				k++;
			uint32_t prev = punct_prev(out, line_lo);
			int latin = prev < 0x80 && ((prev | 0x20) - 'a' < 26u || prev - '0' < 10u);
			int han = punct_is_cjk(prev) || (!latin && punct_is_cjk(punct_next(s, n, k)));
			punct_flush(out, line_lo, pending, han ? 0x2026 : c);
			pending = 0;
			if (han)
				buf_puts(out, "\xE2\x80\xA6\xE2\x80\xA6"); /* …… */
			else
				buf_put(out, s + i, k - i);
			i = k;
			continue;
		}
		if (b == '(' && depth < PUNCT_MAX_DEPTH) {
			uint32_t prev = punct_prev(out, line_lo);
			/* after Han the pair always turns full width (closed or not): an ASCII space
			   before it would be a hole next to the wide mark, as before （ */
			if (!(pending == 1 && punct_is_cjk(prev)))
				punct_flush(out, line_lo, pending, c);
			pending = 0;
			st[depth].out_off = out->len;
			st[depth].han_in = 0;
			st[depth].han_out = punct_is_cjk(prev) ? 1 : 0;
			st[depth].han_next = punct_is_cjk(punct_next(s, n, i + 1)) ? 1 : 0;
			depth++;
			buf_putc(out, '(');
			i++;
			continue;
		}
		if (b == '(') {
			overflow++;
		} else if (b == ')' && overflow) {
			overflow--;
		} else if (b == ')' && depth) {
			struct punct_open o = st[--depth];
			int wide = o.han_in || o.han_out || punct_is_cjk(punct_next(s, n, i + 1));
			punct_flush(out, line_lo, pending, c);
			pending = 0;
			if (wide) {
				punct_widen_open(out, o.out_off, &m);
				buf_puts(out, punct_wide(')'));
			} else {
				buf_putc(out, ')');
			}
			if (o.han_in && depth)
				st[depth - 1].han_in = 1;
			i++;
			continue;
		}
		if (b == ',' || b == ':' || b == ';' || b == '!' || b == '?' || b == ')' ||
		    b == '(') {
			uint32_t prev = punct_prev(out, line_lo);
			uint32_t next = punct_next(s, n, i + 1);
			if (punct_is_cjk(prev) || punct_is_cjk(next)) {
				/* the full-width mark carries its own space: drop the ASCII ones */
				pending = 0;
				eat_space = 1;
				buf_puts(out, punct_wide((char)b));
				i++;
				continue;
			}
		}
		punct_flush(out, line_lo, pending, c);
		pending = 0;
		if (depth && punct_is_cjk(c))
			st[depth - 1].han_in = 1;
		buf_put(out, s + i, l);
		i += l;
	}
	punct_unclosed(out, st, depth, &m);
	while (out->len > base && out->p[out->len - 1] == '\n')
		out->len--;
	if (out->p)
		out->p[out->len] = 0;
	/* offsets at or past the end, then relative to the text appended */
	for (size_t k = 0; k < n_at; k++) {
		size_t o = k < m.n ? at[k] : out->len;
		if (o > out->len)
			o = out->len;
		at[k] = o - base;
	}
}
