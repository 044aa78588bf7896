/* buf.h: growable byte buffer for building strings, JSON and PDF content streams. */
#ifndef PAIBAN_BUF_H
#define PAIBAN_BUF_H
#include <stddef.h>
#include <stdarg.h>

struct buf {
	char *p;      /* always NUL-terminated when len > 0 or after buf_cstr */
	size_t len, cap;
	int oom;      /* sticky: set when an allocation failed; later writes are dropped */
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);          /* frees the storage; b may be reused after buf_init */
void buf_reset(struct buf *b);         /* len = 0, keeps storage */
int buf_reserve(struct buf *b, size_t extra); /* 0 on success, -1 on OOM */
void buf_put(struct buf *b, const void *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Writes v with at most `decimals` decimals (0..4), no trailing zeros, no exponent: fast path
   for PDF numbers. */
void buf_putnum(struct buf *b, double v, int decimals);
/* Appends a UTF-8 encoding of cp. */
void buf_pututf8(struct buf *b, unsigned cp);
const char *buf_cstr(struct buf *b);   /* borrowed; valid until the next write */

#endif
