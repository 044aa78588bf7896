/* diag.c: diagnostics sink with coalescing of repeated warnings. */
#include "diag.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define DIAG_SEEN_MAX 256

struct diag_seen {
	char *text;
	unsigned repeats;
};

struct diag {
	FILE *out;
	unsigned errors, warnings;
	int quiet;
	struct diag_seen seen[DIAG_SEEN_MAX];
	unsigned n_seen;
};

static void diag_put_escaped(FILE *out, const char *s);

struct diag *diag_new(FILE *out)
{
	struct diag *d = calloc(1, sizeof *d);
	if (d)
		d->out = out;
	return d;
}

void diag_flush(struct diag *d)
{
	if (!d)
		return;
	for (unsigned i = 0; i < d->n_seen; i++) {
		if (d->seen[i].repeats && !d->quiet && d->out) {
			fprintf(d->out, "paiban: note: %u more like: ", d->seen[i].repeats);
			diag_put_escaped(d->out, d->seen[i].text);
			fputc('\n', d->out);
		}
		d->seen[i].repeats = 0;
	}
	if (d->out)
		fflush(d->out);
}

void diag_free(struct diag *d)
{
	if (!d)
		return;
	diag_flush(d);
	for (unsigned i = 0; i < d->n_seen; i++)
		free(d->seen[i].text);
	free(d);
}

static const char *diag_level_name(enum diag_level l)
{
	return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

/* Returns 1 when this warning text was already printed (and counts it). */
static int diag_repeat(struct diag *d, const char *text)
{
	for (unsigned i = 0; i < d->n_seen; i++)
		if (!strcmp(d->seen[i].text, text)) {
			d->seen[i].repeats++;
			return 1;
		}
	if (d->n_seen < DIAG_SEEN_MAX) {
		char *t = strdup(text);
		if (t)
			d->seen[d->n_seen++] = (struct diag_seen){t, 0};
	}
	return 0;
}

/* Writes s with control characters escaped (\n, \t, \r, \xHH; C1 controls as \u0085), so
   that a file name or quoted text holding a newline or a terminal escape keeps the message on
   one line and the terminal as it was. */
static void diag_put_escaped(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned c = *p;
		if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			fprintf(out, "\\u%04x", (unsigned)*++p);
		else
			fputc((int)c, out);
	}
}

static void diag_emit(struct diag *d, enum diag_level lvl, const struct srcpos *pos,
		      const char *fmt, va_list ap)
{
	if (lvl == DIAG_ERROR)
		d->errors++;
	else if (lvl == DIAG_WARNING)
		d->warnings++;
	if (!d->out || (d->quiet && lvl != DIAG_ERROR))
		return;
	char text[1024];
	vsnprintf(text, sizeof text, fmt, ap);
	if (lvl == DIAG_WARNING && diag_repeat(d, text))
		return;
	if (pos && pos->file) {
		diag_put_escaped(d->out, pos->file);
		if (pos->line && pos->col)
			fprintf(d->out, ":%u:%u: ", pos->line, pos->col);
		else if (pos->line)
			fprintf(d->out, ":%u: ", pos->line);
		else
			fputs(": ", d->out);
	} else {
		fputs("paiban: ", d->out);
	}
	fprintf(d->out, "%s: ", diag_level_name(lvl));
	diag_put_escaped(d->out, text);
	fputc('\n', d->out);
}

void diag_at(struct diag *d, enum diag_level lvl, struct srcpos pos, const char *fmt, ...)
{
	if (!d)
		return;
	va_list ap;
	va_start(ap, fmt);
	diag_emit(d, lvl, &pos, fmt, ap);
	va_end(ap);
}

void diag_msg(struct diag *d, enum diag_level lvl, const char *fmt, ...)
{
	if (!d)
		return;
	va_list ap;
	va_start(ap, fmt);
	diag_emit(d, lvl, NULL, fmt, ap);
	va_end(ap);
}

unsigned diag_errors(const struct diag *d) { return d ? d->errors : 0; }
unsigned diag_warnings(const struct diag *d) { return d ? d->warnings : 0; }
void diag_set_quiet(struct diag *d, int quiet) { if (d) d->quiet = quiet; }
int diag_quiet(const struct diag *d) { return d ? d->quiet : 0; }

const char *err_str(enum err e)
{
	switch (e) {
	case ERR_OK: return "ok";
	case ERR_NOMEM: return "out of memory";
	case ERR_IO: return "input/output error";
	case ERR_USAGE: return "usage error";
	case ERR_SYNTAX: return "syntax error";
	case ERR_ENCODING: return "encoding error";
	case ERR_INPUT: return "unusable input";
	case ERR_FONT: return "font error";
	case ERR_LIMIT: return "limit exceeded";
	case ERR_PDF: return "PDF writer error";
	}
	return "unknown error";
}

int err_exit_code(enum err e)
{
	switch (e) {
	case ERR_OK: return 0;
	case ERR_SYNTAX: case ERR_ENCODING: case ERR_INPUT: case ERR_LIMIT: return 1;
	case ERR_USAGE: return 2;
	case ERR_FONT: return 3;
	case ERR_IO: return 4;
	case ERR_NOMEM: case ERR_PDF: return 5;
	}
	return 5;
}
