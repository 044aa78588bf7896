/* encoding.h: input bytes -> UTF-8 text with LF line ends (UTF-8, UTF-16 with BOM, GB18030, HZ,
   and what uchardet detects: Big5, Shift_JIS, EUC-KR, windows-1252 …). */
#ifndef PAIBAN_ENCODING_H
#define PAIBAN_ENCODING_H
#include <stddef.h>
#include "../base/diag.h"

struct buf;

/* What enc_decode found the input to be. */
enum enc_kind {
	ENC_UTF8,       /* valid UTF-8 (a BOM, if any, was stripped) */
	ENC_UTF8_LOSSY, /* UTF-8 with invalid bytes, each invalid sequence replaced by U+FFFD */
	ENC_GB18030,    /* decoded from GB18030 (which includes GBK and GB2312) */
	ENC_UTF16,      /* decoded from UTF-16 with a byte order mark */
	ENC_HZ,         /* decoded from HZ (RFC 1843: 7-bit GB2312 between ~{ and ~}) */
	ENC_DETECTED    /* decoded from a charset uchardet named: Big5, Shift_JIS, EUC-KR,
	                   windows-1252 … (not GB: see enc_decode) */
};

/* A single-byte charset detected for text with at least this percentage of bytes >= 0x80 is
   not believed (GB-encoded Chinese has far more). */
#define ENC_SINGLE_HIGH 10
/* Bytes of each reading compared when Big5 and GB18030 both decode an input (enc_decode). */
#define ENC_SCORE_BYTES 4096

/* Most "invalid UTF-8" warnings printed for one input; the rest are counted in one note. */
#define ENC_MAX_WARNINGS 20

/* Decodes s[0..n) and appends it to out (caller-owned) as UTF-8 with CRLF and CR turned into
   LF, so line numbers stay those of the input. The choice, in order:
     1. a UTF-16 BOM: UTF-16 (error ERR_ENCODING when it does not decode);
     2. HZ (enc_is_hz; a note says so);
     3. valid UTF-8 (a UTF-8 BOM is stripped);
     4. UTF-8 with a few bad bytes among many good multi-byte sequences: kept as UTF-8, because
        GB18030 would misread the whole file to rescue a few bytes;
     5. the charset uchardet names when GB18030 would misread it (Big5 as Big5-HKSCS, EUC-TW,
        Shift_JIS, EUC-JP, EUC-KR; a single-byte charset such as windows-1252 for text with
        under ENC_SINGLE_HIGH % high bytes) and it decodes the whole input (a note says so);
        else GB18030 when it decodes the whole input cleanly (a note says so);
     6. otherwise UTF-8 with each invalid sequence (its maximal subpart, as Unicode recommends)
        replaced by U+FFFD and a warning "file:LINE: warning: invalid UTF-8 byte 0xNN at byte
        offset N, replaced by U+FFFD" (offset in the input as given, BOM included).
   file is used for diagnostics only; kind (may be NULL) receives the choice.
   Returns ERR_OK, ERR_ENCODING or ERR_NOMEM. The input is never modified. */
enum err enc_decode(const char *file, const char *s, size_t n, struct diag *d, struct buf *out,
		    enum enc_kind *kind);

/* Nonzero when s[0..n) is HZ-encoded GB2312 (RFC 1843): 7-bit only, with at least one "~{",
   at least half of the GB runs closed by "~}", two GB2312 pairs in GB mode, and few malformed
   escapes (one per eight pairs). Linear. */
int enc_is_hz(const char *s, size_t n);

/* Decodes HZ s[0..n) and appends it to out as UTF-8 with LF line ends ("~" before a line end
   joins the lines: line numbers after one shift up). ERR_OK, ERR_ENCODING, ERR_NOMEM. */
enum err enc_hz_decode(const char *s, size_t n, struct buf *out);

/* Appends s[0..n) to out with CRLF and lone CR turned into LF. */
void enc_put_lf(struct buf *out, const char *s, size_t n);

#endif
