/* epub.h: one article as an EPUB 3 book, written from the document model (never the layout).

   The container (libzip): `mimetype` stored first, META-INF/container.xml, then OEBPS/
   content.opf, nav.xhtml (目录 and Chinese landmarks), toc.ncx, article.xhtml, style.css and
   the article's local images (images/imgN.png|jpg). Every XML file is written with libxml2's
   xmlTextWriter. The same document, options and epoch give the same bytes: fixed entry times
   and attributes, an identifier hashed from the title and date, dcterms:modified from the
   epoch. The wording of the labelled parts comes from model/wording.h, as in print.

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

#endif
