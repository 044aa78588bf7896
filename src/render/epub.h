/* epub.h: one article as an EPUB 3 book, written from the document model (never the layout).

   The container (libzip): `mimetype` stored first, META-INF/container.xml, then OEBPS/
   content.opf, nav.xhtml (目录 and Chinese landmarks), toc.ncx, article.xhtml, style.css and
   the article's local images (images/imgN.png|jpg). Every XML file is written with libxml2's
   xmlTextWriter. The same document, options and epoch give the same bytes: fixed entry times
   and attributes, an identifier hashed from the title and date, dcterms:modified from the
   epoch. The wording of the labelled parts comes from model/wording.h, as in print. The
   article's blocks keep the model's structure: lists (<ol start>/<ul>, <li>), <blockquote>,
   <pre><code>, tables (<thead>/<tbody>, <th>/<td>), h2..h6, and its spans as <em>, <strong>,
   <code> and <a href> (http, https and mailto links only), properly nested.

   Images follow print's path rules (layout/image.h image_resolve): remote, missing, refused
   or unreadable images are skipped with a warning and their captions stay. */
#ifndef PAIBAN_EPUB_H
#define PAIBAN_EPUB_H
#include <stddef.h>
#include "../base/diag.h"

struct doc;
struct style;

struct epub_opts {
	const struct style *style;        /* the CSS follows it (borrowed; NULL: built-in CSS) */
	const char *const *allow_dirs;    /* --allow-path folders (borrowed) */
	size_t n_allow;
	long long epoch;                  /* SOURCE_DATE_EPOCH, or -1: now */
};

/* Writes doc as an EPUB at out ("-" = standard output) through file_put (temporary file,
   renamed; nothing left on failure). ERR_USAGE when out is one of the article's images. */
enum err epub_write(const struct doc *doc, const struct epub_opts *o, const char *out,
		    struct diag *d);
struct buf;
/* As epub_write, but appends the book to out (caller-owned); for tests and fuzzing. */
enum err epub_write_mem(const struct doc *doc, const struct epub_opts *o, struct buf *out,
			struct diag *d);


/* ---- a digest (周报 / 简报) as one book ----
   OEBPS/cover.xhtml (the masthead: 刊名, 期号 / 总期号, publisher, date; the cover image under
   it when the manifest has one, also the package's cover-image), nav.xhtml (目录 nested
   section -> article -> subheads, landmarks 封面 / 目录 / 正文, and a page-list when the
   print edition's page labels are given), toc.ncx, note.xhtml (编者按), sNN.xhtml (a
   section's title page), aNNN.xhtml (each article, written as epub_write writes one),
   closing.xhtml (版记), style.css, images/aNNN-imgK.ext and images/cover.ext. The package:
   dc:identifier hashed from 刊名 + 期号 (the date without one), dc:title 刊名 期号,
   belongs-to-collection 刊名 (series, group-position = the issue number), every article's
   byline people once (creators, then contributors, each with all their MARC roles, in order
   of first appearance) and editors, the 主编 / 责编 credits, dc:publisher, dc:date,
   dc:subject per keyword (each once), dcterms:modified from the epoch; with page labels
   dc:source + source-of pagination naming the print edition. */
struct epub_digest_article {
	const struct doc *doc;  /* the parsed article (borrowed; title override applied) */
	const char *title;      /* as the contents lists it (the file's name when untitled) */
	int section;            /* index in sections; -1: the 编者按, before the sections */
	size_t page;            /* its page label in the print edition of the same run; 0: none */
};
struct epub_digest_pair {
	const char *key, *value;
};
struct epub_digest {
	const char *title;              /* 刊名 (required) */
	const char *issue;              /* as printed: 第12期 (NULL: none) */
	long issue_number;              /* the issue as a number, -1: text or none */
	const char *volume;             /* 总第112期 (NULL) */
	const char *publisher;          /* NULL: none */
	const char *date;               /* YYYY-MM-DD (NULL) */
	const char *date_printed;       /* 2022年4月8日 (NULL) */
	const char *cover;              /* a checked PNG or JPEG for the cover, or NULL */
	const char *const *sections;    /* titles (NULL: an untitled section) */
	size_t n_sections;
	const struct epub_digest_article *articles; /* in order, the 编者按 first when there is one */
	size_t n_articles;
	const struct epub_digest_pair *credits, *distribution;
	size_t n_credits, n_distribution;
	long copies;                    /* 共印N份; 0: none */
	const char *print_source;       /* with page labels: the print edition's name (dc:source) */
};

/* Builds the digest's book in memory: *data (malloc'd, the caller's) and *len. out, when not
   NULL, is where it will be written (refused, ERR_USAGE, when it is one of the images). */
enum err epub_digest_build(const struct epub_digest *g, const struct epub_opts *o, const char *out,
			   void **data, size_t *len, struct diag *d);

#endif
