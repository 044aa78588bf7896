/* digest.h: `paiban digest` as a library job: a manifest (manifest.h) or a list of article
   files -> one PDF holding the cover, the contents, every article set as `paiban print` sets
   it alone, and the closing block (layout/digest.h).

   Order of work: the manifest is read and every path checked (inside the manifest's folder
   unless --allow-path, a regular file, not given twice) before anything is parsed; then the
   articles are parsed and composed in parallel (job_run_all), each into its own pagedoc; then,
   in the calling thread, they are joined in manifest order, the closing block, the front
   matter and the furniture are set, and the PDF is written (temporary file, then rename).
   The output is byte-identical for any number of threads.

   The same run may also write the digest as an EPUB (render/epub.h epub_digest_build) from
   the same parsed articles: with a PDF, after the layout, its page-list giving each section's
   and article's page in that PDF; without one, no article is laid out and no font is loaded
   (but those --embed-fonts embeds).
   Both books are built before either is written, and the EPUB is written after the PDF (a
   failure to write it removes the new PDF). */
#ifndef PAIBAN_JOB_DIGEST_H
#define PAIBAN_JOB_DIGEST_H
#include <stddef.h>
#include <stdio.h>
#include "../base/diag.h"

#define DIGEST_MAX_PAGES 20000   /* body pages of one digest */

struct digest_args {
	const char *manifest;          /* a manifest file, or NULL: files[] */
	const char *const *files;      /* articles given on the command line */
	size_t n_files;
	/* command-line values that win over the manifest's (NULL: not given) */
	const char *title, *issue, *volume, *date, *publisher, *style;
	int size_steps;                /* --size */
	const char *const *allow_dirs; /* --allow-path */
	size_t n_allow;
	const char *out;               /* the PDF ("-": standard output), or NULL: none */
	const char *epub_out;          /* the EPUB, or NULL: none (at least one of the two) */
	int threads;                   /* >= 1 */
	int quiet;
	int keep_going;                /* leave failed articles out (exit 1) instead of stopping */
	int vertical;                  /* the EPUB in 竖排 (epub.h epub_opts.vertical) */
	int embed_fonts;               /* the EPUB carries subsets of the style's faces */
	FILE *log;                     /* where the articles' diagnostics go, whole, in order */
};

/* Runs a digest. Errors of the run go to d, those of each article to args->log. Returns ERR_OK,
   or the first error (no output written), or with keep_going and some articles left out
   ERR_INPUT after writing the digest without them. */
enum err job_digest(const struct digest_args *args, struct diag *d);

/* "2022-04-08" -> "2022年4月8日" into out; other text is copied as is. */
void job_digest_date(const char *iso, char *out, size_t n);

#endif
