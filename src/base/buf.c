/* buf.c: growable byte buffer with a fixed-point number writer. */
#include "buf.h"
#include "utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

void buf_init(struct buf *b)
{
	b->p = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void buf_free(struct buf *b)
{
	free(b->p);
	buf_init(b);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = 0;
}

int buf_reserve(struct buf *b, size_t extra)
{
	if (b->oom)
		return -1;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1) {
		if (cap > ((size_t)-1) / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	char *p = realloc(b->p, cap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void buf_put(struct buf *b, const void *s, size_t n)
{
	if (buf_reserve(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	if (buf_reserve(b, 1))
		return;
	b->p[b->len++] = c;
	b->p[b->len] = 0;
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || buf_reserve(b, (size_t)n))
		return;
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_putnum(struct buf *b, double v, int decimals)
{
	static const long pow10[] = {1, 10, 100, 1000, 10000};
	if (decimals < 0)
		decimals = 0;
	if (decimals > 4)
		decimals = 4;
	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	long scale = pow10[decimals];
	long long q = llround(v * (double)scale);
	char tmp[32];
	int i = sizeof tmp;
	int neg = q < 0;
	unsigned long long u = neg ? (unsigned long long)(-q) : (unsigned long long)q;
	unsigned long long ip = u / (unsigned long long)scale, fp = u % (unsigned long long)scale;
	int d = decimals;
	while (d > 0 && fp % 10 == 0) {
		fp /= 10;
		d--;
	}
	if (d > 0) {
		for (int k = 0; k < d; k++) {
			tmp[--i] = (char)('0' + fp % 10);
			fp /= 10;
		}
		tmp[--i] = '.';
	}
	do {
		tmp[--i] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (neg && !(u == 0))
		tmp[--i] = '-';
	buf_put(b, tmp + i, sizeof tmp - (size_t)i);
}

void buf_pututf8(struct buf *b, unsigned cp)
{
	char t[4];
	size_t n = utf8_encode(cp, t);
	buf_put(b, t, n);
}

const char *buf_cstr(struct buf *b)
{
	if (!b->p) {
		if (buf_reserve(b, 0))
			return "";
		b->p[0] = 0;
	}
	return b->p;
}
