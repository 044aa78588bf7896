/* digest.c: `paiban digest` (digest.h). */
#include "digest.h"
#include "job.h"
#include "../base/buf.h"
#include "../base/file.h"
#include "../model/doc.h"
#include "../parse/manifest.h"
#include "../parse/parse.h"
#include "../shape/shape.h"
#include "../layout/compose.h"
#include "../layout/digest.h"
#include "../layout/image.h"
#include "../layout/page.h"
#include "../render/epub.h"
#include "../render/pdf.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PAIBAN_VERSION
#define PAIBAN_VERSION "dev"
#endif

void job_digest_date(const char *iso, char *out, size_t n)
{
	unsigned y, m, d;
	char tail;
	if (sscanf(iso, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 && strlen(iso) == 10)
		snprintf(out, n, "%u年%u月%u日", y, m, d);
	else
		snprintf(out, n, "%s", iso);
}

/* One item of the digest: the 编者按 or an article. */
struct dg_item {
	const char *path;              /* as opened (relative to the current folder) */
	struct srcpos pos;             /* where the manifest names it (file NULL: command line) */
	const char *override;          /* title override */
	struct srcpos override_pos;
	const char *section_label;     /* printed above it: the first article of a titled section */
	int section;                   /* -1: the 编者按 */
	/* results */
	struct pagedoc pd;             /* its pages (start = page or odd) */
	struct compose_prep *prep;     /* start = continue: its lines, paginated when joined */
	struct doc *doc;               /* kept while prep lives (prep borrows from it) */
	char *title, *keywords;
	char *lang;                    /* its language (BCP 47) */
	uint64_t hash;                 /* of the title and the text, for duplicates */
	size_t title_page;
	float title_y;
};

struct dg_run {
	const struct job_env *env;
	struct dg_item *items;
	size_t n;
	int pdf;                       /* compose the articles (a PDF is written) */
	int epub;                      /* keep their documents (an EPUB is written) */
};

static uint64_t dg_hash(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (h ^ 0xFF) * 1099511628211ull;
}

static char *dg_strdup(const char *s)
{
	size_t n = strlen(s);
	char *t = malloc(n + 1);
	if (t)
		memcpy(t, s, n + 1);
	return t;
}

/* The page (index in pd) and top of item it's title: its first title mark from mark m0 on;
   without a title its first mark (its section's name, a subhead); without any mark the top of
   page dflt. */
static void dg_title_at(struct dg_item *it, const struct pagedoc *pd, size_t m0, size_t dflt,
			const struct job_env *env)
{
	size_t at = m0 < pd->n_marks ? m0 : (size_t)-1;
	for (size_t k = m0; k < pd->n_marks; k++)
		if (pd->marks[k].level == 1) {
			at = k;
			break;
		}
	it->title_page = at != (size_t)-1 ? pd->marks[at].page : dflt;
	it->title_y = at != (size_t)-1 ? pd->marks[at].y : env->style.page_h - env->style.margin_top;
}

/* The structure of a digest (page.h): the articles of a section, its name first, go into one
   Sect element; elements [e0, n_elems) of body are item it's. *sect is the current Sect
   (-1: none, the 编者按), *sect_of the section it stands for. */
static enum err dg_sect(struct pagedoc *body, size_t e0, const struct dg_item *it, int *sect,
			int *sect_of)
{
	if (it->section != *sect_of) {
		*sect_of = it->section;
		*sect = -1;
		if (it->section >= 0) {
			enum err e = pagedoc_add_elem(body, PAGE_TAG_SECT, -1, NULL, NULL, sect);
			if (e)
				return e;
		}
	}
	for (size_t k = e0; *sect >= 0 && k < body->n_elems; k++)
		if (body->elems[k].parent == -1 && k != (size_t)*sect)
			body->elems[k].parent = *sect;
	return ERR_OK;
}

/* Parses and composes item i (in a worker thread). */
static enum err dg_article(void *ctx, size_t i, struct diag *d)
{
	struct dg_run *r = ctx;
	struct dg_item *it = &r->items[i];
	const struct job_env *env = r->env;
	struct doc *doc = NULL;
	struct shaper *sh = NULL;
	pagedoc_init(&it->pd, env->style.page_w, env->style.page_h);
	enum err e = parse_file(it->path, d, &doc);
	if (!e && it->override)
		e = doc_set(doc, &doc->title, it->override, (size_t)-1, it->override_pos);
	if (!e && r->pdf)
		e = shaper_new(env->fs, d, &sh);
	if (!e && r->pdf) {
		struct compose_opts o = {.allow_dirs = env->allow_dirs, .n_allow = env->n_allow,
					 .digest = 1, .section = it->section_label, .article = (int)i,
					 .hyphs = env->hyphs};
		e = compose_prepare(doc, &env->style, env->fs, sh, d, &o, &it->prep);
	}
	/* on pages of its own: paginated here, in parallel; else when the digest is joined */
	if (!e && r->pdf && env->style.digest.start != STYLE_START_CONTINUE) {
		e = compose_prep_paginate(it->prep, &it->pd, 0, 0, d);
		compose_prep_free(it->prep);
		it->prep = NULL;
		if (!e && !it->pd.n_pages && !pagedoc_add_page(&it->pd))
			e = ERR_NOMEM;
		dg_title_at(it, &it->pd, 0, 0, env);
	}
	if (!e) {
		const char *t = doc->title.text;
		if (!t || !*t) { /* the contents still needs a line for it: its file's name */
			t = strrchr(it->path, '/') ? strrchr(it->path, '/') + 1 : it->path;
			diag_at(d, DIAG_WARNING, (struct srcpos){it->path, 0, 0},
				"no title found; the contents lists the article as '%s'", t);
		}
		it->title = dg_strdup(t);
		struct buf kw;
		buf_init(&kw);
		for (size_t k = 0; k < doc->n_keywords; k++)
			buf_printf(&kw, "%s%s", k ? ", " : "", doc->keywords[k].text);
		it->keywords = kw.oom ? NULL : dg_strdup(buf_cstr(&kw));
		it->lang = dg_strdup(doc->lang.text ? doc->lang.text : "");
		buf_free(&kw);
		uint64_t h = dg_hash(14695981039346656037ull, doc->title.text);
		for (size_t k = 0; k < doc->n_blocks; k++)
			h = dg_hash(h, doc->blocks[k].text);
		it->hash = h;
		if (!it->title || !it->keywords || !it->lang)
			e = ERR_NOMEM;
	}
	if (e && it->pos.file)
		diag_at(d, DIAG_NOTE, it->pos, "the digest's %s is here",
			it->section < 0 ? "editor's note" : "article");
	shaper_free(sh);
	if (!e && (it->prep || r->epub))
		it->doc = doc;
	else {
		compose_prep_free(it->prep);
		it->prep = NULL;
		doc_free(doc);
	}
	return e;
}

struct dg_seen {
	dev_t dev;
	ino_t ino;
	struct srcpos pos;
	const char *path;
};

static void dg_pos_msg(struct diag *d, struct srcpos pos, const char *path, const char *msg)
{
	if (pos.file)
		diag_at(d, DIAG_ERROR, pos, "%s: %s", path, msg);
	else
		diag_msg(d, DIAG_ERROR, "%s: %s", path, msg);
}

/* Checks one file named by the manifest (or the command line) before anything is parsed:
   allowed by the path rule (manifest only), a regular file, not given twice (device and
   inode). joined: the path to open. */
static enum err dg_check_file(const struct manifest *m, const char *src, struct srcpos pos,
			      const char *joined, const struct image_allow *allow, struct dg_seen *seen,
			      size_t *n_seen, struct diag *d)
{
	struct stat st;
	if (m->file) {
		char *real = NULL;
		enum image_verdict v;
		enum err e = image_resolve(m->file, src, allow, &real, &v);
		if (e)
			return e;
		free(real);
		if (v != IMAGE_USABLE) {
			static const char *const why[] = {
				[IMAGE_REMOTE] = "a URL: a digest binds local files only",
				[IMAGE_ABSOLUTE] = "an absolute path outside the manifest's folder (allow it with --allow-path DIR)",
				[IMAGE_OUTSIDE] = "resolves outside the manifest's folder (allow it with --allow-path DIR)",
				[IMAGE_MISSING] = "no such file, or not readable",
				[IMAGE_NOT_FILE] = "not a regular file"};
			dg_pos_msg(d, pos, src, v < sizeof why / sizeof *why && why[v] ? why[v] : image_verdict_str(v));
			return v == IMAGE_MISSING ? ERR_IO : ERR_INPUT;
		}
	}
	if (stat(joined, &st)) {
		dg_pos_msg(d, pos, joined, "cannot read the article: no such file");
		return ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		dg_pos_msg(d, pos, joined, "not a regular file");
		return ERR_INPUT;
	}
	for (size_t k = 0; k < *n_seen; k++)
		if (seen[k].dev == st.st_dev && seen[k].ino == st.st_ino) {
			dg_pos_msg(d, pos, joined, "the same file is already in the digest");
			if (seen[k].pos.file)
				diag_at(d, DIAG_NOTE, seen[k].pos, "first given here");
			return ERR_INPUT;
		}
	seen[*n_seen].dev = st.st_dev;
	seen[*n_seen].ino = st.st_ino;
	seen[*n_seen].pos = pos;
	seen[*n_seen].path = joined;
	(*n_seen)++;
	return ERR_OK;
}

static const char *dg_join(struct buf *b, const char *dir, const char *file)
{
	b->len = 0;
	if (file[0] == '/' || !dir || !strcmp(dir, "."))
		buf_puts(b, file);
	else
		buf_printf(b, "%s/%s", dir, file);
	return buf_cstr(b);
}

static enum err dg_overrides(struct manifest *m, const struct digest_args *a, struct diag *d)
{
	const char *names[] = {"title", "issue", "volume", "date", "publisher"};
	const char *vals[] = {a->title, a->issue, a->volume, a->date, a->publisher};
	for (int i = 0; i < 5; i++)
		if (vals[i]) {
			enum err e = manifest_set(m, names[i], vals[i]);
			if (e == ERR_SYNTAX) {
				diag_msg(d, DIAG_ERROR, "--%s '%s': %s", names[i], vals[i],
					 i == 3 ? "not a date (use YYYY-MM-DD)" : "not usable");
				return ERR_USAGE;
			}
			if (e)
				return e;
		}
	return ERR_OK;
}

/* The digest as an EPUB (epub_digest_build) from the items that did not fail, in the order
   of the contents f->entries; with a PDF each article's page label is its contents number. */
static enum err dg_epub(const struct manifest *m, const struct digest_front *f,
			const struct dg_item *items, const enum err *errs, size_t n,
			const struct job_env *env, const struct digest_args *a, void **data,
			size_t *len, struct diag *d)
{
	struct epub_digest_article *arts = calloc(n ? n : 1, sizeof *arts);
	struct epub_digest_pair *pairs = calloc(f->n_credits + f->n_distribution + 1, sizeof *pairs);
	struct buf src;
	buf_init(&src);
	enum err e = arts && pairs ? ERR_OK : ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; !e && i < n; i++) {
		if (errs[i])
			continue;
		arts[k] = (struct epub_digest_article){items[i].doc, items[i].title, items[i].section,
						       a->out && k < f->n_entries ? f->entries[k].page + 1 : 0};
		k++;
	}
	for (size_t i = 0; !e && i < f->n_credits; i++)
		pairs[i] = (struct epub_digest_pair){f->credits[i].key, f->credits[i].value};
	for (size_t i = 0; !e && i < f->n_distribution; i++)
		pairs[f->n_credits + i] = (struct epub_digest_pair){f->distribution[i].key,
								    f->distribution[i].value};
	if (a->out) { /* the print edition the page-list follows */
		buf_puts(&src, m->title.text);
		if (f->issue)
			buf_printf(&src, " %s", f->issue);
		buf_puts(&src, " 印刷版（PDF）");
	}
	struct epub_digest g = {m->title.text, f->issue, m->issue_number, m->volume.text,
				m->publisher.text, m->date.text, f->date, f->cover, f->sections,
				f->n_sections, arts, k, pairs, pairs + f->n_credits, f->n_credits,
				f->n_distribution, m->copies, a->out ? buf_cstr(&src) : NULL};
	struct epub_opts o = {.style = &env->style, .allow_dirs = env->allow_dirs,
			      .n_allow = env->n_allow, .epoch = env->epoch, .vertical = a->vertical,
			      .fonts = a->embed_fonts ? env->fs : NULL};
	if (!e && src.oom)
		e = ERR_NOMEM;
	if (!e)
		e = epub_digest_build(&g, &o, a->epub_out, data, len, d);
	buf_free(&src);
	free(arts);
	free(pairs);
	return e;
}

enum err job_digest(const struct digest_args *a, struct diag *d)
{
	struct manifest *m = NULL;
	enum err e = ERR_OK;
	if (a->manifest) {
		if ((e = manifest_read(a->manifest, d, &m)))
			return e;
	} else {
		if (!(m = manifest_new()))
			return ERR_NOMEM;
		for (size_t i = 0; !e && i < a->n_files; i++)
			e = manifest_add_article(m, a->files[i]);
		if (e == ERR_LIMIT)
			diag_msg(d, DIAG_ERROR, "more than %d articles in one digest", MANIFEST_MAX_ARTICLES);
	}
	if (!e)
		e = dg_overrides(m, a, d);
	if (!e && !m->title.text) {
		diag_msg(d, DIAG_ERROR, "a digest needs a title (刊名): give --title or `title:` in a manifest");
		e = ERR_USAGE;
	}
	if (!e && !m->n_articles) {
		diag_msg(d, DIAG_ERROR, "no articles to bind");
		e = ERR_USAGE;
	}
	if (e) {
		manifest_free(m);
		return e;
	}
	/* the items: the 编者按, then every article in order; every file checked first */
	size_t n = m->n_articles + (m->note.text ? 1 : 0);
	struct dg_item *items = calloc(n, sizeof *items);
	struct dg_seen *seen = calloc(n + 1, sizeof *seen);
	char **paths = calloc(n, sizeof *paths);
	const char **sec_names = calloc(m->n_sections + 1, sizeof *sec_names);
	struct buf b;
	buf_init(&b);
	size_t n_seen = 0, k = 0;
	struct image_allow allow = {a->allow_dirs, a->n_allow};
	if (!items || !seen || !paths || !sec_names)
		e = ERR_NOMEM;
	if (!e && m->file) { /* the manifest itself is not an article */
		struct stat st;
		if (!stat(m->file, &st))
			seen[n_seen++] = (struct dg_seen){st.st_dev, st.st_ino, {m->file, 0, 0}, m->file};
	}
	if (!e && m->note.text) {
		const char *j = dg_join(&b, m->dir, m->note.text);
		paths[k] = dg_strdup(j);
		e = paths[k] ? dg_check_file(m, m->note.text, m->note.pos, paths[k], &allow, seen, &n_seen, d)
			     : ERR_NOMEM;
		items[k].path = paths[k];
		items[k].pos = m->note.pos;
		items[k].section = -1;
		k++;
	}
	enum err first_check = ERR_OK;
	for (size_t s = 0; !e && s < m->n_sections; s++) {
		const struct manifest_section *sec = &m->sections[s];
		sec_names[s] = sec->title.text;
		for (size_t j = 0; !e && j < sec->n_articles; j++, k++) {
			const struct manifest_article *ar = &sec->articles[j];
			items[k].path = ar->path;
			items[k].pos = ar->file.pos;
			items[k].override = ar->title.text;
			items[k].override_pos = ar->title.pos;
			items[k].section = (int)s;
			items[k].section_label = j == 0 ? sec->title.text : NULL;
			enum err c = dg_check_file(m, ar->file.text, ar->file.pos, ar->path, &allow, seen,
						   &n_seen, d);
			if (c == ERR_NOMEM)
				e = c;
			else if (c && !first_check)
				first_check = c;
		}
	}
	if (!e && first_check) /* every bad path is reported, then the run stops */
		e = first_check;
	const char *outs[2] = {a->out, a->epub_out};
	for (int o = 0; o < 2; o++)
		if (!e && outs[o] && strcmp(outs[o], "-")) {
			for (size_t i = 0; i < n_seen && !e; i++)
				if (job_clash("output", outs[o], i == 0 && m->file ? "the manifest" : "the input file",
					      seen[i].path, d))
					e = ERR_USAGE;
		}
	/* the environment: the manifest's style unless --style */
	struct job_env env;
	int env_ok = 0;
	const char *style = a->style ? a->style : "a4-article";
	struct buf style_path;
	buf_init(&style_path);
	if (!a->style && m->style.text) { /* a path in the manifest is relative to its folder */
		style = m->style.text;
		if (strchr(style, '/') || strstr(style, ".style"))
			style = dg_join(&style_path, m->dir, style);
	}
	if (!e) { /* an EPUB alone sets no type: the style only, no fonts unless it embeds them */
		e = a->out || (a->epub_out && a->embed_fonts) ? job_env_init(&env, style, a->size_steps, d)
							      : job_env_init_style(&env, style, d);
		env_ok = 1;
		env.allow_dirs = a->allow_dirs;
		env.n_allow = a->n_allow;
		for (int o = 0; o < 2; o++)
			if (!e && outs[o])
				e = job_check_out(&env, NULL, "output", outs[o], d);
	}
	/* articles in parallel */
	enum err *errs = e ? NULL : calloc(n, sizeof *errs);
	if (!e && !errs)
		e = ERR_NOMEM;
	size_t failed = 0;
	if (!e) {
		struct dg_run run = {&env, items, n, a->out != NULL, a->epub_out != NULL};
		job_run_all(n, a->threads, dg_article, &run, a->quiet, a->log, errs);
		for (size_t i = 0; i < n; i++)
			if (errs[i]) {
				failed++;
				if (!a->keep_going && !e)
					e = errs[i];
			}
		if (e)
			diag_msg(d, DIAG_ERROR, "%zu of %zu articles failed; no digest written (--keep-going leaves them out)",
				 failed, n);
	}
	/* duplicates: the same title and text twice */
	for (size_t i = 0; !e && i < n; i++)
		for (size_t j = 0; !e && errs[i] == ERR_OK && j < i; j++)
			if (errs[j] == ERR_OK && items[i].hash == items[j].hash &&
			    !strcmp(items[i].title, items[j].title)) {
				if (items[i].pos.file)
					diag_at(d, DIAG_ERROR, items[i].pos, "%s: the same article (title and text) as %s",
						items[i].path, items[j].path);
				else
					diag_msg(d, DIAG_ERROR, "%s: the same article (title and text) as %s",
						 items[i].path, items[j].path);
				if (a->keep_going) {
					errs[i] = ERR_INPUT;
					failed++;
				} else
					e = ERR_INPUT;
			}
	if (!e && failed == n) {
		diag_msg(d, DIAG_ERROR, "every article failed; no digest written");
		e = ERR_INPUT;
	}
	/* join in order */
	struct pagedoc body, front;
	pagedoc_init(&body, env_ok ? env.style.page_w : 1, env_ok ? env.style.page_h : 1);
	pagedoc_init(&front, body.width, body.height);
	struct digest_entry *entries = e ? NULL : calloc(n, sizeof *entries);
	size_t n_entries = 0;
	if (!e && !entries)
		e = ERR_NOMEM;
	struct buf kw;
	buf_init(&kw);
	const char *lang = NULL;
	int sect = -1, sect_of = -2; /* the current section's Sect element and its index */
	for (size_t i = 0; !e && i < n; i++) {
		struct dg_item *it = &items[i];
		if (errs[i]) {
			diag_msg(d, DIAG_WARNING, "%s left out of the digest (--keep-going)", it->path);
			continue;
		}
		if (!a->out) { /* no layout: the contents without page numbers */
			entries[n_entries++] = (struct digest_entry){it->title, it->section, 0, 0};
			continue;
		}
		if (env.style.digest.start == STYLE_START_ODD && body.n_pages % 2) {
			struct page *bl = pagedoc_add_page(&body);
			if (!bl) {
				e = ERR_NOMEM;
				break;
			}
			bl->role = PAGE_BLANK;
		}
		size_t base = body.n_pages, m0 = body.n_marks, e0 = body.n_elems;
		if (it->prep) { /* start = continue: on the last page, two body lines below its text */
			if ((e = compose_prep_paginate(it->prep, &body, n_entries > 0,
						       2 * style_pitch(&env.style, STYLE_BODY), d)))
				break;
			if (!body.n_pages && !pagedoc_add_page(&body)) {
				e = ERR_NOMEM;
				break;
			}
			for (size_t q = m0; q < body.n_marks; q++)
				body.marks[q].article = (int)n_entries;
			dg_title_at(it, &body, m0, n_entries > 0 && base > 0 ? base - 1 : base, &env);
			/* its new pages; a page it shares with the article before keeps that one's */
			for (size_t p = base; p < body.n_pages; p++) {
				body.pages[p].article = (int)n_entries;
				body.pages[p].section = it->section;
			}
			entries[n_entries++] = (struct digest_entry){it->title, it->section, it->title_page,
								     it->title_y};
		} else {
			for (size_t p = 0; p < it->pd.n_pages; p++) {
				it->pd.pages[p].article = (int)n_entries;
				it->pd.pages[p].section = it->section;
			}
			for (size_t q = 0; q < it->pd.n_marks; q++)
				it->pd.marks[q].article = (int)n_entries;
			entries[n_entries++] = (struct digest_entry){it->title, it->section,
								     base + it->title_page, it->title_y};
			if ((e = pagedoc_append(&body, &it->pd)))
				break;
		}
		if (!lang)
			lang = it->lang; /* the document's: the first article's (the others say theirs) */
		if ((e = dg_sect(&body, e0, it, &sect, &sect_of)))
			break;
		if (body.n_pages > DIGEST_MAX_PAGES) {
			diag_msg(d, DIAG_ERROR, "the digest has more than %d pages", DIGEST_MAX_PAGES);
			e = ERR_LIMIT;
		}
		/* the PDF's keywords: every article's, each once */
		const char *p = it->keywords;
		while (p && *p) {
			const char *q = strstr(p, ", ");
			size_t l = q ? (size_t)(q - p) : strlen(p);
			int dup = 0;
			const char *s = buf_cstr(&kw);
			for (const char *x = s; x && *x && !dup;) {
				const char *y = strstr(x, ", ");
				size_t xl = y ? (size_t)(y - x) : strlen(x);
				dup = xl == l && !memcmp(x, p, l);
				x = y ? y + 2 : x + xl;
			}
			if (!dup)
				buf_printf(&kw, "%s%.*s", kw.len ? ", " : "", (int)l, p);
			p = q ? q + 2 : p + l;
		}
	}
	/* front, closing block, furniture */
	char issue[MANIFEST_MAX_TEXT + 16] = "", date[64] = "";
	if (m->issue.text) {
		if (m->issue_number >= 0)
			snprintf(issue, sizeof issue, "第%ld期", m->issue_number);
		else
			snprintf(issue, sizeof issue, "%s", m->issue.text);
	}
	if (m->date.text)
		job_digest_date(m->date.text, date, sizeof date);
	struct digest_pair *credits = calloc(m->n_credits + 1, sizeof *credits);
	struct digest_pair *dist = calloc(m->n_distribution + 1, sizeof *dist);
	if (!e && (!credits || !dist))
		e = ERR_NOMEM;
	for (size_t i = 0; !e && i < m->n_credits; i++)
		credits[i] = (struct digest_pair){m->credits[i].key.text, m->credits[i].value.text};
	for (size_t i = 0; !e && i < m->n_distribution; i++)
		dist[i] = (struct digest_pair){m->distribution[i].key.text, m->distribution[i].value.text};
	struct digest_front f = {m->title.text, *issue ? issue : NULL, m->volume.text, m->publisher.text,
				 *date ? date : NULL, NULL, 0, 0, sec_names, m->n_sections, entries, n_entries,
				 credits, dist, m->n_credits, m->n_distribution, m->copies,
				 NULL, {NULL, 0, 0}};
	char *cover = NULL;
	if (!e && m->cover.text) {
		enum image_verdict v;
		e = image_resolve(m->file ? m->file : "-", m->cover.text, &allow, &cover, &v);
		struct image_info info;
		char msg[256] = "";
		if (!e && v != IMAGE_USABLE) {
			dg_pos_msg(d, m->cover.pos, m->cover.text, image_verdict_str(v));
			e = ERR_INPUT;
		} else if (!e && image_probe(cover, &info, msg, sizeof msg)) {
			dg_pos_msg(d, m->cover.pos, m->cover.text, *msg ? msg : "not a PNG or JPEG image");
			e = ERR_INPUT;
		} else if (!e) {
			f.cover = cover;
			f.cover_src = m->cover.text;
			f.cover_pos = m->cover.pos;
			f.cover_w = info.width;
			f.cover_h = info.height;
		}
	}
	struct shaper *sh = NULL;
	if (!e && a->out)
		e = shaper_new(env.fs, d, &sh);
	if (!e && a->out)
		e = digest_closing(&f, &env.style, env.fs, sh, d, &body);
	if (!e && a->out)
		e = digest_front_matter(&f, &env.style, env.fs, sh, d, body.n_pages,
					env.style.digest.start == STYLE_START_ODD, &front);
	if (!e && a->out)
		e = pagedoc_append(&front, &body);
	if (!e && a->out) {
		front.two_page = env.style.digest.facing;
		e = digest_furniture(&f, &env.style, env.fs, sh, d, &front);
		for (size_t p = 0; !e && p < front.n_pages; p++) /* [page] mirror: versos */
			page_shift(&front.pages[p], style_mirror_dx(&env.style, p));
	}
	if (!e && a->out) /* the cover and the articles' images are inputs too */
		e = job_check_out(&env, &front, "output", a->out, d);
	/* the EPUB, built before anything is written: the same documents, and with a PDF the
	   page labels its contents print */
	void *book = NULL;
	size_t book_len = 0;
	if (!e && a->epub_out)
		e = dg_epub(m, &f, items, errs, n, &env, a, &book, &book_len, d);
	if (!e && a->out) {
		struct buf title, subject;
		buf_init(&title);
		buf_init(&subject);
		buf_puts(&title, m->title.text);
		if (*issue)
			buf_printf(&title, " %s", issue);
		if (m->subject.text)
			buf_puts(&subject, m->subject.text);
		else {
			buf_puts(&subject, buf_cstr(&title));
			if (*date)
				buf_printf(&subject, " %s", date);
		}
		struct pdf_meta meta = {buf_cstr(&title), m->publisher.text, buf_cstr(&subject),
					kw.len ? buf_cstr(&kw) : NULL, "paiban " PAIBAN_VERSION, env.epoch,
					a->threads, lang};
		e = title.oom || subject.oom || kw.oom ? ERR_NOMEM : pdf_write(&front, env.fs, &meta, a->out, d);
		buf_free(&title);
		buf_free(&subject);
	}
	if (!e && book) {
		e = file_put(a->epub_out, NULL, book, book_len, d);
		if (e && a->out && strcmp(a->out, "-")) /* no half of a run's output */
			unlink(a->out);
	}
	free(book);
	if (!e && failed) {
		diag_msg(d, DIAG_WARNING, "the digest was written without %zu article%s", failed,
			 failed == 1 ? "" : "s");
		e = ERR_INPUT;
	}
	if (e == ERR_NOMEM)
		diag_msg(d, DIAG_ERROR, "out of memory");
	shaper_free(sh);
	free(cover);
	free(credits);
	free(dist);
	buf_free(&kw);
	free(entries);
	pagedoc_free(&front);
	pagedoc_free(&body);
	for (size_t i = 0; items && i < n; i++) {
		pagedoc_free(&items[i].pd);
		compose_prep_free(items[i].prep);
		doc_free(items[i].doc);
		free(items[i].title);
		free(items[i].keywords);
		free(items[i].lang);
	}
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
	free(errs);
	free(items);
	free(seen);
	free(sec_names);
	buf_free(&b);
	buf_free(&style_path);
	if (env_ok)
		job_env_free(&env);
	manifest_free(m);
	return e;
}
