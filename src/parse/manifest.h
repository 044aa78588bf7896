/* manifest.h: the digest manifest (YAML, README "Digests"): 刊名, 期号, sections and their
   articles, the closing block's credits and distribution, read with libyaml's event API. */
#ifndef PAIBAN_MANIFEST_H
#define PAIBAN_MANIFEST_H
#include <stddef.h>
#include "../base/diag.h"

struct arena;

#define MANIFEST_MAX_BYTES (1u << 20) /* a manifest larger than 1 MiB is refused */
#define MANIFEST_MAX_ARTICLES 1000    /* articles in one digest */
#define MANIFEST_MAX_SECTIONS 100
#define MANIFEST_MAX_PAIRS 32         /* credits or distribution entries */
#define MANIFEST_MAX_TEXT 1024        /* bytes of one scalar (title, names, ...) */

/* A scalar with the position of its first character in the manifest (text NULL when absent). */
struct manifest_field {
	const char *text;
	struct srcpos pos;
};

/* One `key: value` of credits or distribution, in manifest order. */
struct manifest_pair {
	struct manifest_field key, value;
};

struct manifest_article {
	struct manifest_field file;  /* as written in the manifest */
	const char *path;            /* file resolved against the manifest's folder */
	struct manifest_field title; /* optional override of the parsed title */
};

struct manifest_section {
	struct manifest_field title; /* NULL text for the implicit section of top-level articles */
	struct manifest_article *articles;
	size_t n_articles;
	struct srcpos pos;           /* of the section's mapping (or of `articles:`) */
};

struct manifest {
	const char *file;            /* the manifest's path as given (NULL when built from the CLI) */
	const char *dir;             /* its folder ("." when none), for resolving paths */
	struct manifest_field title, issue, volume, date, publisher, note, cover, style, subject;
	long issue_number;           /* issue as a number, -1 when it is text or absent */
	long copies;                 /* 共印N份, 0 when absent */
	struct manifest_pair *credits, *distribution;
	size_t n_credits, n_distribution;
	struct manifest_section *sections;
	size_t n_sections;
	size_t n_articles;           /* over all sections */
	struct arena *arena;         /* owns everything above */
};

/* Reads and validates the manifest at path. Errors (file:line:col, via d): not YAML, aliases or
   anchors, a key that is unknown or given twice, a wrong type (a list where text is expected, a
   non-integer issue/copies), a date that is not YYYY-MM-DD, no title, no articles, an empty
   section, both `sections:` and top-level `articles:`, a limit above. On success *out is the
   manifest (free with manifest_free). The referenced files are not opened here. */
enum err manifest_read(const char *path, struct diag *d, struct manifest **out);

/* Same on a buffer; file names the buffer in messages and dir resolves article paths. */
enum err manifest_parse(const char *text, size_t n, const char *file, const char *dir,
			struct diag *d, struct manifest **out);

/* An empty manifest for a digest given on the command line (title etc. set with manifest_set). */
struct manifest *manifest_new(void);

/* Sets a field (copies text into the manifest's arena). which: "title", "issue", "volume",
   "date", "publisher", "note", "cover", "style", "subject". ERR_SYNTAX for a bad date or an
   unknown field name, ERR_NOMEM. An issue that is all digits also sets issue_number. */
enum err manifest_set(struct manifest *m, const char *which, const char *text);

/* Appends an article (path used as given) to the last section, creating an untitled section
   when there is none. ERR_LIMIT above MANIFEST_MAX_ARTICLES. */
enum err manifest_add_article(struct manifest *m, const char *path);

void manifest_free(struct manifest *m);

#endif
