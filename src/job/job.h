/* job.h: the pipeline as a library: the shared environment of a run (style, fonts), one
   article printed (parse -> compose -> PDF), the publication metadata of an article, and a
   worker pool that runs numbered jobs in threads with their diagnostics printed whole and in
   job order. `paiban print`, `paiban digest` (digest.h) and the tests share it; src/cli only
   parses options.

   Threads: a job_env is read-only once job_env_init returns: its style is never written, its
   fontset loads fonts under its own lock and fonts are immutable (font.h). Everything a job
   changes (document, pagedoc, shaper, diagnostics, output) is the job's own. */
#ifndef PAIBAN_JOB_H
#define PAIBAN_JOB_H
#include <stddef.h>
#include <stdio.h>
#include "../base/diag.h"
#include "../style/style.h"

struct buf;
struct doc;
struct fontset;
struct pagedoc;
struct words_hyphs;

#define JOB_MAX_THREADS 64

/* What every job of a run shares. */
struct job_env {
	struct style style;
	struct fontset *fs;     /* owned; shared by the jobs */
	long long epoch;        /* SOURCE_DATE_EPOCH, or -1 */
	int pdf_threads;        /* threads each PDF writer may use (pdf_meta.threads) */
	const char *const *allow_dirs; /* --allow-path folders (borrowed) */
	size_t n_allow;
	const char *dump;       /* --dump-layout target, or NULL (borrowed) */
	char style_file[4096];  /* the style file read ("" for none): an input no output may be */
	char roles_file[4096];  /* the font-role file read, or "" */
	int epub_vertical;      /* paiban epub --vertical (epub.h epub_opts.vertical) */
	int epub_embed_fonts;   /* --embed-fonts: the EPUB carries subsets of fs's faces (the
				   environment then comes from job_env_init: fs is set) */
	struct words_hyphs *hyphs; /* owned: hyphenation patterns, each language's read once for
				   all jobs (words.h; set by job_env_init) */
};

/* Finds DATADIR/rel ($PAIBAN_DATADIR, the tree next to the executable, the install prefix)
   into out (n bytes). 0 when found, -1 when not. */
int job_datafile(const char *rel, char *out, size_t n);

/* Loads the style (a name from styles/ or a path), applies --size steps (warning when
   clamped), resolves optional font families, creates the fontset and loads the faces every
   article sets (compose_preload; the jobs load a role's faces, kai or mono, when their
   document first needs them, under the fontset's lock). Errors go to
   d: ERR_USAGE (unknown style), ERR_SYNTAX (bad style file), ERR_FONT. On failure env holds
   nothing to free beyond job_env_free. */
enum err job_env_init(struct job_env *env, const char *style, int size_steps, struct diag *d);
void job_env_free(struct job_env *env);
/* The environment of a run that sets no type (`paiban epub`): the style only, no fonts
   (env->fs stays NULL). Errors as job_env_init. */
enum err job_env_init_style(struct job_env *env, const char *style, struct diag *d);

/* The PDF's document information for an article: author (the byline's names joined by 、),
   subject (source and date), keywords (joined by ", "). Appended to the caller's buffers. */
void job_doc_meta(const struct doc *doc, struct buf *author, struct buf *subject, struct buf *kw);

/* 1 when paths a and b name the same file (device and inode, through symbolic links). */
int job_same_file(const char *a, const char *b);

/* Outputs that are inputs: 1 (and an error naming both: "OUT_WHAT OUT is IN_WHAT IN; refusing
   to overwrite it") when out (not "-") will be the file in (file_same_target), else 0. */
int job_clash(const char *out_what, const char *out, const char *in_what, const char *in,
	      struct diag *d);
/* The error job_clash reports, for callers that compared the files themselves (file_id). */
void job_clash_report(struct diag *d, const char *out_what, const char *out, const char *in_what,
		      const char *in);
/* ERR_USAGE when out is the style or font-role file of env, a font file env's fontset has
   loaded, or one of the images drawn in pd (NULL: none), with the error; else ERR_OK. */
enum err job_check_out(const struct job_env *env, const struct pagedoc *pd, const char *out_what,
		       const char *out, struct diag *d);

/* Prints the article at `in` into the PDF at `out` ("-" = standard output). When dump is
   non-NULL the layout dump is appended to it. Refuses (ERR_USAGE) an output, or an
   env->dump, that is the input, the style, or one of the article's images. */
enum err job_print(const struct job_env *env, const char *in, const char *out, struct buf *dump,
		   struct diag *d);

/* Writes the article at `in` as an EPUB at `out` ("-" = standard output), vertical and with
   fonts as env says. Refuses (ERR_USAGE) an output that is the input, the style, or one of
   the article's images. */
enum err job_epub(const struct job_env *env, const char *in, const char *out, struct diag *d);

/* Number of threads for -j 0 (all online processors, at most JOB_MAX_THREADS). */
int job_default_threads(void);

/* Runs fn(ctx, i, d) for i in [0, n) on `threads` threads (1: in the calling thread). Each
   job reports into a diag of its own (quiet as asked) whose text is written to log whole, in
   job order, once every job has finished; errs[i] gets job i's result. Returns the first
   error in job order (ERR_OK when all succeeded), or ERR_NOMEM when the pool could not run. */
enum err job_run_all(size_t n, int threads, enum err (*fn)(void *ctx, size_t i, struct diag *d),
		     void *ctx, int quiet, FILE *log, enum err *errs);

#endif
