/* diag.h: error codes and GCC-style diagnostics (file:line:col: level: message), per job. */
#ifndef PAIBAN_DIAG_H
#define PAIBAN_DIAG_H
#include <stdio.h>

/* Error codes returned by every fallible function. The CLI maps them to exit codes. */
enum err {
	ERR_OK = 0,
	ERR_NOMEM,    /* out of memory */
	ERR_IO,       /* a file could not be read or written */
	ERR_USAGE,    /* bad command line */
	ERR_SYNTAX,   /* malformed style or input file */
	ERR_ENCODING, /* input text could not be decoded */
	ERR_INPUT,    /* input is not an article (empty, binary, ...) */
	ERR_FONT,     /* a font family is missing or unusable */
	ERR_LIMIT,    /* a named limit was exceeded */
	ERR_PDF       /* the PDF writer failed */
};

/* Position in a source file; line and col are 1-based, 0 when unknown. file is borrowed. */
struct srcpos {
	const char *file;
	unsigned line, col;
};

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

struct diag;

/* New sink writing to out (borrowed, e.g. stderr). Caller frees with diag_free. */
struct diag *diag_new(FILE *out);
/* Prints the summary of coalesced repeats and frees. Accepts NULL. */
void diag_free(struct diag *d);
/* Reports a message at pos. Identical warnings (same text, any position) after the first are
   counted, not printed; diag_flush prints how many were suppressed. */
void diag_at(struct diag *d, enum diag_level lvl, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Reports a message without a position ("paiban: error: ..."). */
void diag_msg(struct diag *d, enum diag_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_flush(struct diag *d);
unsigned diag_errors(const struct diag *d);
unsigned diag_warnings(const struct diag *d);
/* When set, warnings and notes are counted but not printed (errors still are). */
void diag_set_quiet(struct diag *d, int quiet);
int diag_quiet(const struct diag *d);

const char *err_str(enum err e);
/* Process exit code for an error: 0 ok, 1 input/parse, 2 usage, 3 font, 4 I/O, 5 internal. */
int err_exit_code(enum err e);

#endif
