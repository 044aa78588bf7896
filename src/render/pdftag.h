/* pdftag.h: the tagged PDF (PDF 32000-1 §14.7-14.8): the structure tree of a pagedoc's
   elements (page.h, struct page_elem) over the marked content the page writer records
   (internal to src/render: pdf.c and the tests include it).

   While pdf.c writes a page it gives every span and image that belongs to an element a
   marked-content id (MCID, numbered per page from 0 in stream order) and records it here;
   spans of no element are written as /Artifact. pdf_tag_tree then builds, through libharu's
   object API (pdffont.h):
     StructTreeRoot /K Document /ParentTree <</Nums [page [elem per MCID] ...]>>
     one StructElem per element that holds content (directly or below it): /S its standard
       type, /P its parent (Document at the top), /K its MCIDs (an integer on its /Pg page, an
       MCR dictionary on later pages; a lone MCID as /K n) and then its child elements, /Alt,
       /Lang (no /Type: it is optional, and each element is an uncompressed object);
     each page with marked content /StructParents (its index), /Tabs /S when it has links;
     each link of an element (a contents entry) a Link element at its end holding the
       annotation (OBJR), the annotation's /StructParent keyed after the pages';
     the catalog /MarkInfo <</Marked true>>, /Lang (the document's language unless "und" or
     unknown), /ViewerPreferences <</DisplayDocTitle true>> when the document has a title.
   An element or the parent tree with more entries than one libharu array holds is split
   into Div groups / number-tree kids. Elements without content are left out. */
#ifndef PAIBAN_PDFTAG_H
#define PAIBAN_PDFTAG_H
#include <stddef.h>
#include <stdint.h>
#include "pdffont.h"
#include "../layout/page.h"

/* One marked-content sequence: MCID mcid of page `page` is content of element elem (index
   in pagedoc.elems). */
struct pdf_mcr {
	uint32_t page, mcid, elem;
};

/* The sequences in the order they were written (pages in order, MCIDs ascending). */
struct pdf_mcrs {
	struct pdf_mcr *v;
	size_t n, cap;
};

/* Appends one; -1 when out of memory. */
int pdf_mcrs_add(struct pdf_mcrs *m, uint32_t page, uint32_t mcid, uint32_t elem);
void pdf_mcrs_free(struct pdf_mcrs *m);

/* Checks the structure of pd: every parent and every element a glyph or image names exists,
   no parent chain loops or passes PDF_TAG_MAX_DEPTH. ERR_PDF through d. */
#define PDF_TAG_MAX_DEPTH 64
enum err pdf_tag_check(const struct pagedoc *pd, struct diag *d);

/* Builds the structure tree and the catalog entries described above. pages[i] is page i of
   pd; annots the link annotations of its pages' links in order (NULL where none was
   made); lang: the document's BCP 47 language (NULL, "" or "und": none); title: the document
   has a title. */
enum err pdf_tag_tree(struct pdf_ctx *c, const struct pagedoc *pd, HPDF_Page *pages,
		      HPDF_Annotation *annots, const struct pdf_mcrs *m, const char *lang, int title);

#endif
