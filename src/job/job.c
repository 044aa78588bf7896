/* job.c: the shared run environment, one printed article, and the worker pool (job.h). */
#include "job.h"
#include "../base/buf.h"
#include "../base/file.h"
#include "../model/doc.h"
#include "../model/wording.h"
#include "../parse/parse.h"
#include "../shape/shape.h"
#include "../layout/compose.h"
#include "../layout/page.h"
#include "../layout/words.h"
#include "../render/pdf.h"
#include "../render/epub.h"
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PAIBAN_VERSION
#define PAIBAN_VERSION "dev"
#endif
#ifndef PAIBAN_DATADIR
#define PAIBAN_DATADIR "/usr/local/share/paiban"
#endif

int job_datafile(const char *rel, char *out, size_t n)
{
	const char *env = getenv("PAIBAN_DATADIR");
	char exe[PATH_MAX];
	ssize_t l = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char exedir[PATH_MAX] = "";
	if (l > 0) {
		exe[l] = 0;
		char *s = strrchr(exe, '/');
		if (s) {
			*s = 0;
			snprintf(exedir, sizeof exedir, "%s", exe);
		}
	}
	const char *cands[4] = {env, NULL, NULL, PAIBAN_DATADIR};
	char c1[PATH_MAX + 32], c2[PATH_MAX + 32]; /* exedir + a suffix: never truncated */
	if (*exedir) {
		snprintf(c1, sizeof c1, "%s/..", exedir);
		snprintf(c2, sizeof c2, "%s/../share/paiban", exedir);
		cands[1] = c1;
		cands[2] = c2;
	}
	for (int i = 0; i < 4; i++) {
		if (!cands[i] || !*cands[i])
			continue;
		snprintf(out, n, "%s/%s", cands[i], rel);
		if (access(out, R_OK) == 0) {
			/* diagnostics then name styles/x.style, not build/../styles/x.style */
			char real[PATH_MAX];
			if (realpath(out, real) && strlen(real) < n)
				snprintf(out, n, "%s", real);
			return 0;
		}
	}
	return -1;
}

/* Loads the style; its file's path goes to file, the font-role file's to roles (n bytes each). */
static enum err job_load_style(struct style *st, const char *name, char *file, char *roles, size_t n,
			       struct diag *d)
{
	char path[PATH_MAX];
	style_defaults(st);
	if (job_datafile("fonts/roles.conf", path, sizeof path) == 0) {
		enum err e = style_load(st, path, d);
		if (e)
			return e;
		snprintf(roles, n, "%s", path);
	}
	if (strchr(name, '/') || strstr(name, ".style")) {
		snprintf(path, sizeof path, "%s", name);
	} else {
		char rel[PATH_MAX];
		snprintf(rel, sizeof rel, "styles/%s.style", name);
		if (job_datafile(rel, path, sizeof path)) {
			diag_msg(d, DIAG_ERROR, "unknown style '%s' (no styles/%s.style found)", name, name);
			return ERR_USAGE;
		}
	}
	snprintf(file, n, "%s", path);
	return style_load(st, path, d);
}

/* Optional font families (written "Family?" in a role): those not installed are dropped.
   Optional families are alternatives for one face (FangSong?, FangSong_GB2312?, FandolFang?):
   when one of them is installed the role is what the style asks for and nothing is said; when
   none is, the job warns, naming the families, the one that stands in and the Debian package
   that provides the missing face (fontset_package), since the page then looks wrong (a
   gb9704 body in Song instead of FangSong). */
static enum err job_resolve_fonts(struct style *st, struct fontset *fs, struct diag *d)
{
	struct style_role *roles[] = {&st->role_body, &st->role_heading, &st->role_sans,
				      &st->role_latin, &st->role_fallback, &st->role_kai,
				      &st->role_song, &st->role_mono, &st->role_strong};
	static const char *const names[] = {"body", "heading", "sans", "latin", "fallback", "kai",
					    "song", "mono", "strong"};
	enum err e = ERR_OK;
	for (size_t r = 0; !e && r < sizeof roles / sizeof *roles; r++) {
		struct style_role *x = roles[r];
		if (!x->optional)
			continue;
		struct buf gone; /* the optional families, all missing */
		buf_init(&gone);
		int found = 0, n_gone = 0;
		const char *pkg = NULL;
		for (int i = 0; i < x->n;) {
			if (!(x->optional & (1u << i))) {
				i++;
				continue;
			}
			if (fontset_installed(fs, x->families[i])) {
				found = 1;
				i++;
				continue;
			}
			buf_printf(&gone, "%s'%s'", gone.len ? ", " : "", x->families[i]);
			n_gone++;
			if (!pkg)
				pkg = fontset_package(x->families[i]);
			style_role_drop(x, i);
		}
		if (!found && gone.len && x->n)
			diag_at(d, DIAG_WARNING, (struct srcpos){x->file, x->line, x->col},
				"font %s %s %s not installed; the %s role falls back to '%s'%s%s",
				n_gone > 1 ? "families" : "family", buf_cstr(&gone), n_gone > 1 ? "are" : "is",
				names[r], x->families[0], pkg ? ", a stand-in the style does not intend: install the Debian package " : "",
				pkg ? pkg : "");
		if (x->n == 0 && style_role_parent(names[r])) {
			diag_at(d, DIAG_WARNING, (struct srcpos){x->file, x->line, x->col},
				"none of the families of the %s role is installed; the %s role serves "
				"instead", names[r], style_role_parent(names[r]));
		} else if (x->n == 0 && r != 3) {
			diag_at(d, DIAG_ERROR, (struct srcpos){x->file, x->line, x->col},
				"none of the families of the %s role is installed", names[r]);
			e = ERR_FONT;
		}
		if (gone.oom)
			e = ERR_NOMEM;
		buf_free(&gone);
	}
	return e;
}

static long long job_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return -1;
	char *end;
	long long v = strtoll(s, &end, 10);
	return (*end || v < 0) ? -1 : v;
}

enum err job_env_init(struct job_env *env, const char *style, int size_steps, struct diag *d)
{
	memset(env, 0, sizeof *env);
	env->epoch = job_epoch();
	parse_init(); /* before any job runs in a thread */
	enum err e = job_load_style(&env->style, style, env->style_file, env->roles_file,
				    sizeof env->style_file, d);
	if (!e && size_steps) {
		int done;
		float was = env->style.text[STYLE_BODY].size;
		style_step_size(&env->style, size_steps, &done);
		if (done != size_steps)
			diag_msg(d, DIAG_WARNING,
				 "--size %+d clamped to %+d: the body goes from %.1fpt to %.1fpt, the %s end "
				 "of the 号 scale for this page (八号 5pt .. 初号 42pt, at least %d characters a line)",
				 size_steps, done, was, env->style.text[STYLE_BODY].size,
				 size_steps > 0 ? "large" : "small", STYLE_MIN_CHARS);
	}
	if (!e)
		e = fontset_new(d, &env->fs);
	if (!e)
		e = job_resolve_fonts(&env->style, env->fs, d);
	/* the faces every article sets, now, in this thread (their errors stop the run before
	   any job); a role only some documents use (kai, mono ...) is loaded by the job that first
	   needs it, and fontset_any_for does not search it (fontset_seal) */
	if (!e)
		e = compose_preload(&env->style, env->fs, d);
	if (!e)
		fontset_seal(env->fs);
	if (!e && !(env->hyphs = words_hyphs_new()))
		e = ERR_NOMEM;
	return e;
}

enum err job_env_init_style(struct job_env *env, const char *style, struct diag *d)
{
	memset(env, 0, sizeof *env);
	env->epoch = job_epoch();
	parse_init(); /* before any job runs in a thread */
	return job_load_style(&env->style, style, env->style_file, env->roles_file,
			      sizeof env->style_file, d);
}

enum err job_epub(const struct job_env *env, const char *in, const char *out, struct diag *d)
{
	if (job_clash("output", out, "the input file", in, d))
		return ERR_USAGE;
	struct doc *doc = NULL;
	enum err e = parse_file(in, d, &doc);
	if (e)
		return e;
	e = job_check_out(env, NULL, "output", out, d);
	struct epub_opts o = {&env->style, env->allow_dirs, env->n_allow, env->epoch, env->epub_vertical,
			      env->epub_embed_fonts ? env->fs : NULL};
	if (!e)
		e = epub_write(doc, &o, out, d);
	doc_free(doc);
	return e;
}

void job_env_free(struct job_env *env)
{
	fontset_free(env->fs);
	env->fs = NULL;
	words_hyphs_free(env->hyphs);
	env->hyphs = NULL;
}

void job_doc_meta(const struct doc *doc, struct buf *author, struct buf *subject, struct buf *kw)
{
	doc_byline_names(doc, "、", author);
	size_t s0 = subject->len;
	if (doc->source.text)
		buf_puts(subject, doc->source.text);
	if (doc->published.text) {
		char date[32];
		wording_date(doc->published.text, date, sizeof date);
		if (subject->len > s0)
			buf_putc(subject, ' ');
		buf_puts(subject, date);
	}
	size_t k0 = kw->len;
	for (size_t i = 0; i < doc->n_keywords; i++) {
		if (kw->len > k0)
			buf_puts(kw, ", ");
		buf_puts(kw, doc->keywords[i].text);
	}
}

int job_same_file(const char *a, const char *b)
{
	return file_same(a, b);
}

void job_clash_report(struct diag *d, const char *out_what, const char *out, const char *in_what,
		      const char *in)
{
	diag_msg(d, DIAG_ERROR, "%s %s is %s %s; refusing to overwrite it", out_what, out, in_what, in);
}

int job_clash(const char *out_what, const char *out, const char *in_what, const char *in,
	      struct diag *d)
{
	if (!out || !in || !*in || !strcmp(out, "-") || !strcmp(in, "-") || !file_same_target(out, in))
		return 0;
	job_clash_report(d, out_what, out, in_what, in);
	return 1;
}

enum err job_check_out(const struct job_env *env, const struct pagedoc *pd, const char *out_what,
		       const char *out, struct diag *d)
{
	if (job_clash(out_what, out, "the style file", env->style_file, d) ||
	    job_clash(out_what, out, "the font-role file", env->roles_file, d))
		return ERR_USAGE;
	/* the font files read so far (the faces of every article at job_env_init, then those the
	   jobs loaded: a document's own before its output is written) */
	size_t n_fonts = env->fs ? fontset_count(env->fs) : 0;
	for (size_t i = 0; i < n_fonts; i++) {
		struct font *f = fontset_font(env->fs, i);
		if (f && job_clash(out_what, out, "the font file", f->path, d))
			return ERR_USAGE;
	}
	for (size_t p = 0; pd && p < pd->n_pages; p++)
		for (size_t i = 0; i < pd->pages[p].n_images; i++)
			if (job_clash(out_what, out, "the image", pd->pages[p].images[i].path, d))
				return ERR_USAGE;
	return ERR_OK;
}

enum err job_print(const struct job_env *env, const char *in, const char *out, struct buf *dump,
		   struct diag *d)
{
	if (job_clash("output", out, "the input file", in, d) ||
	    (env->dump && job_clash("--dump-layout", env->dump, "the input file", in, d)))
		return ERR_USAGE;
	struct doc *doc = NULL;
	struct shaper *sh = NULL;
	enum err e = parse_file(in, d, &doc);
	if (e)
		return e;
	if (doc->title.text && strlen(doc->title.text) > PDF_META_MAX) {
		/* named here, at the title's line: the PDF writer knows no positions */
		diag_at(d, DIAG_ERROR, doc->title.pos, "a title of %zu bytes; the limit is %d "
			"(PDF_META_MAX)", strlen(doc->title.text), PDF_META_MAX);
		doc_free(doc);
		return ERR_LIMIT;
	}
	if ((e = shaper_new(env->fs, d, &sh))) {
		doc_free(doc);
		return e;
	}
	struct pagedoc pd;
	pagedoc_init(&pd, env->style.page_w, env->style.page_h);
	if (dump)
		buf_printf(dump, "# article %s\n", in);
	struct compose_opts copts = {.allow_dirs = env->allow_dirs, .n_allow = env->n_allow, .article = -1,
				     .hyphs = env->hyphs};
	e = compose_article_dump(doc, &env->style, env->fs, sh, d, &pd, dump, &copts);
	if (!e)
		e = job_check_out(env, &pd, "output", out, d);
	if (!e && env->dump)
		e = job_check_out(env, &pd, "--dump-layout", env->dump, d);
	if (!e) {
		struct buf author, subject, kw;
		buf_init(&author);
		buf_init(&subject);
		buf_init(&kw);
		job_doc_meta(doc, &author, &subject, &kw);
		struct pdf_meta m = {doc->title.text, author.len ? buf_cstr(&author) : NULL,
				     subject.len ? buf_cstr(&subject) : NULL, kw.len ? buf_cstr(&kw) : NULL,
				     "paiban " PAIBAN_VERSION, env->epoch, env->pdf_threads, doc->lang.text};
		e = pdf_write(&pd, env->fs, &m, out, d);
		buf_free(&author);
		buf_free(&subject);
		buf_free(&kw);
	}
	pagedoc_free(&pd);
	shaper_free(sh);
	doc_free(doc);
	return e;
}

int job_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > JOB_MAX_THREADS ? JOB_MAX_THREADS : (int)n;
}

/* ---- the worker pool ------------------------------------------------------------------------ */

struct job_pool {
	pthread_mutex_t lock;
	size_t next, n;         /* the next job to start; the number of jobs */
	enum err (*fn)(void *ctx, size_t i, struct diag *d);
	void *ctx;
	int quiet;
	char **logs;            /* per job: its diagnostics' text (open_memstream) */
	size_t *log_len;
	enum err *errs;
};

/* Runs job i with a diag of its own writing into memory. */
static void job_pool_one(struct job_pool *p, size_t i)
{
	FILE *mem = open_memstream(&p->logs[i], &p->log_len[i]);
	struct diag *d = mem ? diag_new(mem) : NULL;
	if (!d) {
		if (mem)
			fclose(mem);
		p->errs[i] = ERR_NOMEM;
		return;
	}
	diag_set_quiet(d, p->quiet);
	p->errs[i] = p->fn(p->ctx, i, d);
	diag_free(d);
	fclose(mem);
}

static void *job_pool_worker(void *arg)
{
	struct job_pool *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = p->next < p->n ? p->next++ : p->n;
		pthread_mutex_unlock(&p->lock);
		if (i == p->n)
			return NULL;
		job_pool_one(p, i);
	}
}

enum err job_run_all(size_t n, int threads, enum err (*fn)(void *ctx, size_t i, struct diag *d),
		     void *ctx, int quiet, FILE *log, enum err *errs)
{
	struct job_pool p = {.n = n, .fn = fn, .ctx = ctx, .quiet = quiet, .errs = errs};
	p.logs = calloc(n + 1, sizeof *p.logs);
	p.log_len = calloc(n + 1, sizeof *p.log_len);
	if (!p.logs || !p.log_len) {
		free(p.logs);
		free(p.log_len);
		return ERR_NOMEM;
	}
	pthread_mutex_init(&p.lock, NULL);
	if (threads > JOB_MAX_THREADS)
		threads = JOB_MAX_THREADS;
	if ((size_t)threads > n)
		threads = (int)n;
	pthread_t tid[JOB_MAX_THREADS];
	int started = 0;
	for (int t = 1; t < threads; t++) {
		if (pthread_create(&tid[started], NULL, job_pool_worker, &p))
			break; /* fewer threads: the others take the work */
		started++;
	}
	job_pool_worker(&p);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&p.lock);
	enum err first = ERR_OK;
	for (size_t i = 0; i < n; i++) {
		if (p.logs[i] && p.log_len[i] && log)
			fwrite(p.logs[i], 1, p.log_len[i], log);
		free(p.logs[i]);
		if (!first && errs[i])
			first = errs[i];
	}
	if (log)
		fflush(log);
	free(p.logs);
	free(p.log_len);
	return first;
}
