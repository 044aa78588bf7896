/* encoding.c: input bytes -> UTF-8 with LF line ends; GB18030, UTF-16 (glibc iconv) and HZ.

   The rules and their order are in encoding.h. Invalid UTF-8 is replaced one maximal subpart at
   a time (Unicode 15 §3.9, "U+FFFD Substitution of Maximal Subparts"), so a truncated three-byte
   sequence gives one U+FFFD, not two. */
#include "encoding.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include <errno.h>
#include <iconv.h>
#include <uchardet/uchardet.h>
#include <stdint.h>
#include <string.h>

void enc_put_lf(struct buf *out, const char *s, size_t n)
{
	while (n) {
		const char *cr = memchr(s, '\r', n);
		if (!cr) {
			buf_put(out, s, n);
			return;
		}
		size_t k = (size_t)(cr - s);
		buf_put(out, s, k);
		buf_putc(out, '\n');
		k++;
		if (k < n && s[k] == '\n')
			k++;
		s += k;
		n -= k;
	}
}

/* Turns CRLF and CR into LF in out->p[from..len), in place. */
static void enc_lf_inplace(struct buf *out, size_t from)
{
	if (!out->p || from >= out->len || !memchr(out->p + from, '\r', out->len - from))
		return;
	char *p = out->p;
	size_t w = from;
	for (size_t r = from; r < out->len; r++) {
		if (p[r] == '\r') {
			p[w++] = '\n';
			if (r + 1 < out->len && p[r + 1] == '\n')
				r++;
		} else {
			p[w++] = p[r];
		}
	}
	out->len = w;
	p[w] = 0;
}

/* Length of the maximal subpart of an ill-formed sequence at s (n > 0 bytes): the longest
   prefix of a well-formed sequence, at least 1 byte. Only called where decoding failed. */
static size_t enc_bad_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t need;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 1;
	}
	size_t k = 1;
	while (k <= need && k < n) {
		unsigned b = s[k];
		if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
			break;
		k++;
	}
	return k > need ? need : k;
}

/* Counts valid multi-byte sequences and invalid subparts of s[0..n). */
static void enc_stats(const unsigned char *s, size_t n, size_t *good, size_t *bad)
{
	size_t i = 0;
	*good = *bad = 0;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t l = utf8_decode((const char *)s + i, n - i, &cp);
		if (l) {
			(*good)++;
			i += l;
		} else {
			(*bad)++;
			i += enc_bad_len(s + i, n - i);
		}
	}
}

/* UTF-8 with replacement: appends s[0..n) (input byte offset off0) to out with U+FFFD for each
   invalid subpart, and LF line ends; warns per subpart (up to ENC_MAX_WARNINGS). */
static void enc_lossy(const char *file, const unsigned char *s, size_t n, size_t off0,
		      struct diag *d, struct buf *out)
{
	size_t i = 0, run = 0, n_bad = 0;
	unsigned line = 1;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (c == '\n') {
				line++;
			} else if (c == '\r') {
				buf_put(out, s + run, i - run);
				buf_putc(out, '\n');
				line++;
				i++;
				if (i < n && s[i] == '\n')
					i++;
				run = i;
				continue;
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t l = utf8_decode((const char *)s + i, n - i, &cp);
		if (l) {
			i += l;
			continue;
		}
		buf_put(out, s + run, i - run);
		buf_pututf8(out, 0xFFFD);
		if (n_bad < ENC_MAX_WARNINGS)
			diag_at(d, DIAG_WARNING, (struct srcpos){file, line, 0},
				"invalid UTF-8 byte 0x%02X at byte offset %zu, replaced by U+FFFD", c,
				off0 + i);
		n_bad++;
		i += enc_bad_len(s + i, n - i);
		run = i;
	}
	buf_put(out, s + run, n - run);
	if (n_bad > ENC_MAX_WARNINGS)
		diag_at(d, DIAG_NOTE, (struct srcpos){file, 0, 0},
			"%zu more invalid UTF-8 sequences replaced by U+FFFD", n_bad - ENC_MAX_WARNINGS);
}

/* Converts s[0..n) from `from` to UTF-8, appending to out. Returns ERR_OK, ERR_ENCODING when the
   input does not decode cleanly or iconv lacks the encoding (out is then left unchanged), or
   ERR_NOMEM. */
static enum err enc_iconv(const char *from, const char *s, size_t n, struct buf *out)
{
	enum err e = ERR_OK;
	size_t start = out->len;
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return ERR_ENCODING;
	char *in = (char *)s;
	size_t inleft = n;
	size_t want = n + n / 2 + 16;
	while (inleft) {
		if (buf_reserve(out, want)) {
			e = ERR_NOMEM;
			goto done;
		}
		char *o = out->p + out->len;
		size_t oleft = out->cap - out->len - 1, before = oleft;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len += before - oleft;
		if (r != (size_t)-1)
			break;
		if (errno != E2BIG) {
			e = ERR_ENCODING;
			goto done;
		}
		want = inleft * 2 + 16;
	}
	if (buf_reserve(out, 0)) {
		e = ERR_NOMEM;
		goto done;
	}
	out->p[out->len] = 0;
	/* Drop a byte order mark the decoder passed through as U+FEFF. */
	if (out->len - start >= 3 && !memcmp(out->p + start, "\xEF\xBB\xBF", 3)) {
		memmove(out->p + start, out->p + start + 3, out->len - start - 3);
		out->len -= 3;
		out->p[out->len] = 0;
	}
	enc_lf_inplace(out, start);
done:
	iconv_close(cd);
	if (e != ERR_OK) {
		out->len = start;
		if (out->p)
			out->p[start] = 0;
	}
	return e;
}

/* ---- HZ (RFC 1843) ---------------------------------------------------------------------------
   7-bit GB2312 for mail and news: "~{" enters GB mode, where each pair of bytes 0x21..0x7E is a
   GB2312 character with the high bits cleared, "~}" leaves it; in ASCII mode "~~" is '~' and
   "~" before a line end joins the lines. A line end also leaves GB mode (encoders close it
   before; a missing "~}" is tolerated). Anything else passes through as it is. */

int enc_is_hz(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t opens = 0, closes = 0, pairs = 0, bad = 0;
	int gb = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned ch = s[i];
		if (ch >= 0x80)
			return 0;
		if (gb) {
			if (ch == '~' && i + 1 < n && s[i + 1] == '}') {
				gb = 0;
				closes++;
				i++;
			} else if (ch == '\n' || ch == '\r') {
				gb = 0;
				bad++;
			} else if (ch >= 0x21 && ch <= 0x7E && i + 1 < n && s[i + 1] >= 0x21 && s[i + 1] <= 0x7E) {
				pairs++;
				i++;
			} else {
				bad++;
			}
		} else if (ch == '~' && i + 1 < n) {
			unsigned nx = s[i + 1];
			if (nx == '{') {
				gb = 1;
				opens++;
				i++;
			} else if (nx == '~' || nx == '\n' || nx == '\r') {
				i++;
			} else if (nx == '}') {
				bad++;
				i++;
			}
		}
	}
	/* most GB runs are closed by ~} (an accidental "~{" in a script or a text is not) */
	return opens && closes * 2 >= opens && pairs >= 2 && bad * 8 <= pairs;
}

enum err enc_hz_decode(const char *str, size_t n, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)str;
	struct buf gb;
	buf_init(&gb);
	if (buf_reserve(&gb, n + 1))
		return ERR_NOMEM;
	int mode = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned ch = s[i];
		if (mode) {
			if (ch == '~' && i + 1 < n && s[i + 1] == '}') {
				mode = 0;
				i++;
				continue;
			}
			if (ch == '\n' || ch == '\r') {
				mode = 0;
			} else if (ch >= 0x21 && ch <= 0x7E && i + 1 < n && s[i + 1] >= 0x21 && s[i + 1] <= 0x7E) {
				buf_putc(&gb, (char)(ch | 0x80));
				buf_putc(&gb, (char)(s[i + 1] | 0x80));
				i++;
				continue;
			}
		} else if (ch == '~' && i + 1 < n) {
			unsigned nx = s[i + 1];
			if (nx == '{' || nx == '}') {
				mode = nx == '{';
				i++;
				continue;
			}
			if (nx == '~') {
				buf_putc(&gb, '~');
				i++;
				continue;
			}
			if (nx == '\n' || nx == '\r') {
				i += nx == '\r' && i + 2 < n && s[i + 2] == '\n' ? 2 : 1;
				continue;
			}
		}
		buf_putc(&gb, (char)ch);
	}
	enum err e = gb.oom ? ERR_NOMEM : ERR_OK;
	/* every pair becomes A1..FE A1..FE, which GB18030 maps (rows GB2312 leaves empty to its
	   user-defined area), so this fails only on memory */
	if (!e)
		e = enc_iconv("GB18030", gb.p ? gb.p : "", gb.len, out);
	buf_free(&gb);
	return e;
}

/* The charset uchardet names for s[0..n), as an iconv name in buf, when it is one that GB18030
   would misread: a CJK multi-byte charset other than GB (Big5 read as Big5-HKSCS, EUC-TW,
   Shift_JIS, EUC-JP, EUC-KR), or a single-byte one (windows-1252, ISO-8859-x, KOI8-R …) for
   text whose bytes are mostly ASCII (under ENC_SINGLE_HIGH of them high: Chinese in GB has
   far more). Else NULL: GB18030 stays the reading of non-UTF-8 input. */
static const char *enc_detect(const char *s, size_t n, char *buf, size_t cap)
{
	static const char *const cjk[] = {"BIG5", "EUC-TW", "SHIFT_JIS", "EUC-JP", "EUC-KR"};
	static const char *const single[] = {"WINDOWS-125", "ISO-8859-", "KOI8-", "IBM8", "MAC-",
					     "TIS-620"};
	uchardet_t ud = uchardet_new();
	const char *g = NULL;
	if (!ud)
		return NULL;
	if (!uchardet_handle_data(ud, s, n)) {
		uchardet_data_end(ud);
		g = uchardet_get_charset(ud);
	}
	if (!g || !*g || strlen(g) >= cap) {
		uchardet_delete(ud);
		return NULL;
	}
	size_t i = 0;
	for (; g[i]; i++)
		buf[i] = (char)(g[i] >= 'a' && g[i] <= 'z' ? g[i] - 32 : g[i]);
	buf[i] = 0;
	uchardet_delete(ud);
	for (size_t q = 0; q < sizeof cjk / sizeof *cjk; q++)
		if (!strcmp(buf, cjk[q]))
			return buf;
	size_t high = 0;
	for (size_t j = 0; j < n; j++)
		high += (unsigned char)s[j] >= 0x80;
	for (size_t q = 0; q < sizeof single / sizeof *single; q++)
		if (!strncmp(buf, single[q], strlen(single[q])))
			return high * 100 < n * ENC_SINGLE_HIGH ? buf : NULL;
	return NULL;
}

/* The Big5 family: what Windows writes (CP950), Hong Kong's superset, glibc's plain Big5
   (each maps a few punctuation marks where the others have none: ／ is A1FE in Big5, A241 in
   the other two). The first that decodes s[0..n) whole is appended to out; returns the name,
   or NULL (out unchanged). */
static const char *enc_big5(const char *s, size_t n, struct buf *out)
{
	static const char *const names[] = {"CP950", "BIG5-HKSCS", "BIG5"};
	for (size_t q = 0; q < sizeof names / sizeof *names; q++)
		if (enc_iconv(names[q], s, n, out) == ERR_OK)
			return names[q];
	return NULL;
}

/* Han characters common in news, in Simplified and Traditional forms: text read in the right
   charset is full of them, the same bytes read in the wrong one hardly has any. */
static const char enc_common[] =
	"的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對"
	"生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學"
	"如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实"
	"實日军軍者意无無力它与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外将將两"
	"兩高间間由问問很最重并並物手应應战戰向头頭文体體政美相见見被利什二等产產或新己制身果加"
	"西月话話合回特代内內信表化老给給世位次度门門任常先海通教儿兒原东東声聲提立及比员員解水"
	"名真论論处處走义義各入几幾口认認条條平系气氣题題活更别別打女变變四神总總何电電数數安少"
	"报報才结結反受目太量再感建务務做接必场場件计計管期市直资資命山金指记記区區社会市警方";

/* Counts the characters of enc_common among the first ENC_SCORE_BYTES of UTF-8 s[0..n): some
   1300 characters tell the right reading from the wrong one, and each costs a search of
   enc_common (about 900 instructions). */
static size_t enc_common_score(const char *s, size_t n)
{
	size_t score = 0, l;
	if (n > ENC_SCORE_BYTES)
		n = ENC_SCORE_BYTES;
	for (size_t i = 0; i < n; i += l) {
		l = 1;
		if ((unsigned char)s[i] < 0xE0 || (unsigned char)s[i] >= 0xF0 || i + 3 > n)
			continue;
		l = 3;
		char ch[4] = {s[i], s[i + 1], s[i + 2], 0};
		score += strstr(enc_common, ch) != NULL;
	}
	return score;
}

/* When s[0..n), which decoded cleanly as GB18030 into out from byte `from` on, decodes cleanly
   as Big5 too (enc_big5) with clearly more common characters, out gets the Big5 reading instead
   and the Big5 name is returned; else NULL, out unchanged (GB2312's byte pairs are mostly
   valid Big5 ones and the reverse: the text, not the bytes, tells them apart). */
static const char *enc_big5_better(const char *s, size_t n, struct buf *out, size_t from)
{
	struct buf b5;
	buf_init(&b5);
	const char *name = enc_big5(s, n, &b5);
	if (name) {
		size_t gb = enc_common_score(out->p + from, out->len - from);
		size_t big5 = enc_common_score(b5.p ? b5.p : "", b5.len);
		if (big5 >= 4 && big5 > 2 * gb) {
			out->len = from;
			buf_put(out, b5.p, b5.len);
		} else {
			name = NULL;
		}
	}
	buf_free(&b5);
	return name;
}

enum err enc_decode(const char *file, const char *str, size_t n, struct diag *d, struct buf *out,
		    enum enc_kind *kind)
{
	const unsigned char *s = (const unsigned char *)str;
	struct srcpos at = {file, 0, 0};
	enum enc_kind k = ENC_UTF8;
	enum err e = ERR_OK;
	size_t off = 0;

	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		k = ENC_UTF16;
		e = enc_iconv("UTF-16", str, n, out);
		if (e == ERR_ENCODING)
			diag_at(d, DIAG_ERROR, at, "input has a UTF-16 byte order mark but is not valid "
				"UTF-16");
		else if (e == ERR_OK)
			diag_at(d, DIAG_NOTE, at, "input decoded as UTF-16");
		goto done;
	}
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		off = 3;
	if (!off && enc_is_hz(str, n)) {
		e = enc_hz_decode(str, n, out);
		if (e == ERR_OK) {
			k = ENC_HZ;
			diag_at(d, DIAG_NOTE, at, "input is HZ-encoded GB2312 (~{ ... ~}); decoded");
			goto done;
		}
		if (e != ERR_ENCODING)
			goto done;
		e = ERR_OK;
	}
	if (utf8_check(str + off, n - off) == n - off) {
		enc_put_lf(out, str + off, n - off);
		goto done;
	}
	size_t good, bad;
	enc_stats(s + off, n - off, &good, &bad);
	/* Real GB18030 Chinese text yields far more invalid than valid UTF-8 sequences; a UTF-8 file
	   with a few damaged bytes is the reverse. */
	if (!off && !(good && bad * 8 <= good)) {
		/* Big5 (a Traditional Chinese Windows's "ANSI"), Shift_JIS, EUC-KR or a Western
		   single-byte charset also decode as GB18030 more often than not, into nonsense: the
		   detector's word is taken when it names one of them and the bytes decode as it */
		char det[32];
		const char *g = enc_detect(str, n, det, sizeof det);
		if (g) {
			size_t before = out->len;
			const char *b5 = strcmp(g, "BIG5") ? NULL : enc_big5(str, n, out);
			e = b5 ? ERR_OK : strcmp(g, "BIG5") ? enc_iconv(g, str, n, out) : ERR_ENCODING;
			if (b5)
				g = b5;
			if (e == ERR_OK) {
				k = ENC_DETECTED;
				diag_at(d, DIAG_NOTE, at, "input is not UTF-8; decoded as %s (detected)", g);
				goto done;
			}
			out->len = before;
			if (e != ERR_ENCODING)
				goto done;
			e = ERR_OK;
		}
		size_t before = out->len;
		e = enc_iconv("GB18030", str, n, out);
		const char *b5;
		if (e == ERR_OK && (b5 = enc_big5_better(str, n, out, before))) {
			k = ENC_DETECTED;
			diag_at(d, DIAG_NOTE, at, "input is not UTF-8; decoded as Big5 (%s): common "
				"characters read so, not as GB18030", b5);
			goto done;
		}
		if (e == ERR_OK) {
			k = ENC_GB18030;
			diag_at(d, DIAG_NOTE, at, "input is not UTF-8; decoded as GB18030");
			goto done;
		}
		if (e != ERR_ENCODING)
			goto done;
		e = ERR_OK;
	}
	k = ENC_UTF8_LOSSY;
	enc_lossy(file, s + off, n - off, off, d, out);
done:
	if (e == ERR_OK && out->oom)
		e = ERR_NOMEM;
	if (kind)
		*kind = k;
	return e;
}
