/* pdf.h: writes a laid-out document (struct pagedoc) as a PDF with subset, embedded CID fonts.

   Text is shown with the glyph ids shaping chose (Type0 fonts, Identity-H), so ligatures,
   vertical forms, half-width punctuation and characters beyond U+FFFF survive; a ToUnicode CMap
   built from the fonts' usage records (font.h, tu[]) gives the text back to copy and search.
   Output is byte-reproducible for the same input and pdf_meta.epoch.

   The PDF is tagged (pdftag.h): the pagedoc's structure elements become the structure tree,
   every text span and image that belongs to one is marked content with an MCID, everything
   else (running heads, folios, the masthead, rules) is an /Artifact. */
#ifndef PAIBAN_PDF_H
#define PAIBAN_PDF_H
#include "../base/buf.h"
#include "../base/diag.h"
#include "../layout/page.h"
#include "../shape/font.h"

#define PDF_META_MAX 8192         /* bytes per document info string (title...) */

/* Document information. Every string is UTF-8 and optional (NULL or "" = left out); all are
   borrowed for the duration of the call. */
struct pdf_meta {
	const char *title, *author, *subject, *keywords, *creator;
	long long epoch;        /* seconds since 1970 (UTC) for CreationDate/ModDate; -1 = now */
	int threads;            /* threads the writer may use (the fonts are subset in parallel);
	                           0 or 1: only the calling thread. The output is the same. */
	const char *lang;       /* the document's language, BCP 47 (the catalog's /Lang);
	                           NULL or "und": none */
};

/* Writes pd as a PDF at path, "-" meaning standard output. pd's glyphs must use fonts of fs.
   A regular file is written to a temporary file in the same directory, then renamed over path:
   on any failure no file is left at path (nor the temporary) and an error is reported through
   d (ERR_IO naming the path for write errors; ERR_PDF, ERR_FONT, ERR_LIMIT, ERR_NOMEM for the
   rest). Special files (/dev/stdout, a FIFO) are written in place. m may be NULL. */
enum err pdf_write(const struct pagedoc *pd, struct fontset *fs, const struct pdf_meta *m,
		   const char *path, struct diag *d);

/* As pdf_write, but appends the PDF to out (caller-owned). On failure out->len is unchanged. */
enum err pdf_write_mem(const struct pagedoc *pd, struct fontset *fs, const struct pdf_meta *m,
		       struct buf *out, struct diag *d);

#endif
