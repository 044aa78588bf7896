/* compose.h: the printed article: document model + style -> shaped, broken, paginated pages.

   Order on the page (what a news site's print button gives): masthead (source, date) with a
   rule, title, subtitle, dateline, body (paragraphs and subheads), byline, keywords, editor
   credit; a footer with page number and page count on every page. Pagination keeps a subhead
   with the first lines of its text (HEAD), never leaves a paragraph's first line alone at the
   bottom of a page nor its last line alone at the top (WIDOW), and keeps paragraphs of up to
   three lines whole. */
#ifndef PAIBAN_COMPOSE_H
#define PAIBAN_COMPOSE_H
#include "../base/diag.h"
#include "page.h"

struct doc;
struct style;
struct fontset;
struct shaper;

/* Lays out doc with style st into out (initialised by the caller with pagedoc_init, freed with
   pagedoc_free). Fonts are loaded into fs; missing families are ERR_FONT. */
enum err compose_article(const struct doc *doc, const struct style *st, struct fontset *fs,
			 struct shaper *sh, struct diag *d, struct pagedoc *out);

/* Formats the dateline's date part of an ISO date "YYYY-MM-DDTHH:MM[:SS]" as
   "YYYY-MM-DD HH:MM" into out (size n). */
void compose_dateline_date(const char *iso, char *out, size_t n);

#endif
