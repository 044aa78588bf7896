/* punct.h: PUNCT-NORM (clreq.md): ASCII , : ; ( ) ! ? inside Han text become full-width. */
#ifndef PAIBAN_PUNCT_H
#define PAIBAN_PUNCT_H
#include <stddef.h>
#include <stdint.h>

struct buf;

/* Deepest nesting of parentheses tracked as pairs; deeper ones follow the neighbour rule. */
#define PUNCT_MAX_DEPTH 32

/* Appends to out (caller-owned) the UTF-8 text s[0..n) with:
   - ASCII , : ; ! ? turned into ，：；！？ when the nearest non-space character before or after
     it (on the same line) is Han: a CJK ideograph, kana, CJK punctuation or a full-width form.
     Quotes “”‘’"', the dash — and the ellipsis … are looked through, so `“五社联动”,推动` converts
     and `“hello”, he said` does not. ASCII spaces between a converted mark and its neighbours
     are dropped (`工作 , 民政` -> `工作，民政`).
   - a matched ASCII pair ( ) turned into （ ） when its content holds Han text or the
     character just outside it (before the opening or after the closing one) is Han. Unmatched
     parentheses follow the rule of the other marks.
   - Latin and numbers left alone: `Hello, world`, `3.5`, `12:30`, `1,000`, `(Reuters)`, and
     URLs (http://, https://, ftp://, www.) are copied verbatim.
   - whitespace cleaned: leading and trailing whitespace of the text and of every line removed;
     inside a line, a run of spaces (ASCII, tab, NBSP, U+3000, other Unicode spaces) becomes one
     space: U+3000 if the run held one, else ASCII. Other C0 control characters are dropped.
     Line breaks (LF) are kept.
   Invalid UTF-8 bytes are copied unchanged. Runs in linear time. */
void punct_normalize(const char *s, size_t n, struct buf *out);

/* punct_normalize, for text carrying inline spans:
   - at[0..n_at) (ascending offsets into s, at most n) are replaced by the offsets in the text
     appended to out (counted from where it starts) where they land: an offset before a space
     lands before the space if one is written (a span may then start or end with it: callers
     trim), offsets past the end land at its end. The translation is monotonic, so spans that
     nest in s still nest.
   - keep[0..2 * n_keep) are ranges [keep[2k], keep[2k + 1]) of s, ascending and disjoint,
     copied verbatim (code spans): no mark converted, no space collapsed inside. */
void punct_normalize_map(const char *s, size_t n, struct buf *out, size_t *at, size_t n_at,
			 const size_t *keep, size_t n_keep);

/* Nonzero for CJK ideographs (URO, extensions A-H, compatibility ideographs), 〇 included. */
int punct_is_han(uint32_t cp);
/* Nonzero for "Han text" in the PUNCT-NORM sense: ideographs, kana, bopomofo, CJK symbols and
   punctuation (U+3000-303F), CJK compatibility and vertical forms, full-width forms. */
int punct_is_cjk(uint32_t cp);
/* Nonzero for the spaces punct_normalize collapses (not LF). */
int punct_is_space(uint32_t cp);

#endif
