/* parse.h: reading an input file into a document model: size and binary checks, decoding,
   and dispatch to the reader for its format. */
#ifndef PAIBAN_PARSE_H
#define PAIBAN_PARSE_H
#include <stddef.h>
#include "../base/diag.h"

struct doc;

/* Largest input read, in bytes; larger is ERR_LIMIT. */
#define PARSE_MAX_INPUT ((size_t)64 << 20)
/* Most text one article may have, in bytes of UTF-8 over all its blocks (16 MiB: some 5.5
   million Han characters, 3 000 A4 pages); more is ERR_LIMIT. It bounds the time and memory of
   shaping and layout (about 70 bytes a glyph) well under 1 GB. */
#define PARSE_MAX_TEXT ((size_t)16 << 20)
#define PARSE_ERROR_TEXT 400   /* an error page (404) has less text than this, in characters */
#define PARSE_ERROR_LINES 3    /* … and says so in its title or one of its first blocks */
#define PARSE_TITLE_LINES 6    /* a headline repeated over the text split over at most this many lines */

enum parse_format {
	PARSE_TEXT,     /* plain text copied from a web page (textdump.h) */
	PARSE_HTML,     /* .html/.htm/.xhtml/.shtml, or content starting with <!doctype html / <html */
	PARSE_MARKDOWN  /* .md/.markdown/.mdown */
};

/* Guesses the format from the file name (extension) and, for HTML, the first bytes. */
enum parse_format parse_detect(const char *path, const char *data, size_t len);

/* Initialises what the readers share (libxml2): call once in the main thread before
   parsing in threads. */
void parse_init(void);
/* Reads the file at path ("-": standard input) and parses it. On success *out is a new
   document (caller frees with doc_free); on error *out is NULL and the reason was reported to d
   as "path: error: ...". Errors: ERR_IO (cannot read), ERR_LIMIT (larger than PARSE_MAX_INPUT,
   more text than PARSE_MAX_TEXT, or a reader limit), ERR_INPUT (empty, binary, or no text),
   ERR_ENCODING, ERR_NOMEM.
   The file is only read, never modified. */
enum err parse_file(const char *path, struct diag *d, struct doc **out);

/* Same, from data[0..len) in memory (borrowed, not modified); path names the input in
   diagnostics and in the document, and its extension selects the format. */
enum err parse_buffer(const char *path, const char *data, size_t len, struct diag *d,
		      struct doc **out);

#endif
