/* utf8.h: UTF-8 decoding and encoding, strict (RFC 3629: no surrogates, no overlongs). */
#ifndef PAIBAN_UTF8_H
#define PAIBAN_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s[0..n). Returns its length (1-4), or 0 when the bytes are not
   valid UTF-8 (then *cp = U+FFFD). n must be > 0. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the length. Invalid cp encodes U+FFFD. */
size_t utf8_encode(uint32_t cp, char *out);
/* Returns the byte offset of the first invalid sequence, or n when s[0..n) is valid. */
size_t utf8_check(const char *s, size_t n);

#endif
