/* digest.h: the pages a digest (周报 / 简报) adds around its articles, and its furniture.

   A digest is laid out body first: every article is composed alone (compose.h, opts.digest:
   no masthead, no footers) and the pagedocs are joined (style start = continue: the articles'
   prepared lines are paginated in order, each under the one before). Then, with every body page number
   known, this module sets
     - the closing block (版记) at the foot of the last page, or on a page of its own when it
       does not fit under the text: a thick rule, the 报送/抄送 lines, a thin rule, the credits
       and 共印N份, a thin rule, the publisher and 印发 date, a thick rule;
     - the front matter: the cover (刊名 large in the masthead colour, 第N期 / 总第N期, the
       publisher and the date, a thick rule in the rule colour, then the cover image or 本期要目,
       the titles by section) and the contents (目录: section names, article titles broken
       within the measure, dotted leaders, right-aligned page numbers, each entry a link);
       front pages are labelled i, ii ... so the contents' length never shifts a body number;
     - the furniture on the joined document: running heads (by default 刊名 and 期号 on even
       pages at the left, the article's title on odd pages at the right; style
       running-head-even/-odd; a thin rule under them; none on the cover, contents, blank
       versos and the pages an article or section opens at the top of) and folios in
       the style's form (— 1 —, 第 1 页, 第 1 页 / 共 N 页; roman numerals on contents pages).

   Everything here reads the style and the fontset and writes only the pagedocs it is given. */
#ifndef PAIBAN_DIGEST_H
#define PAIBAN_DIGEST_H
#include <stddef.h>
#include "../base/diag.h"
#include "page.h"

struct style;
struct fontset;
struct shaper;

struct digest_pair {
	const char *key, *value;
};

/* An article of the digest as the contents list it. */
struct digest_entry {
	const char *title;      /* as printed in the contents and running heads */
	int section;            /* index in digest_front.sections; -1 before the sections (编者按) */
	size_t page;            /* body page index (0-based) of the page with its title */
	float y;                /* top of its title there, pt */
};

struct digest_front {
	const char *title;      /* 刊名 (required) */
	const char *issue;      /* as printed: 第12期 (may be NULL) */
	const char *volume;     /* 总第112期 (may be NULL) */
	const char *publisher;  /* may be NULL */
	const char *date;       /* as printed: 2022年4月8日 (may be NULL) */
	const char *cover;      /* a checked image file for the cover, or NULL: 本期要目 */
	unsigned cover_w, cover_h; /* its size in pixels */
	const char *const *sections; /* section titles (NULL for an untitled section) */
	size_t n_sections;
	const struct digest_entry *entries;
	size_t n_entries;
	const struct digest_pair *credits, *distribution;
	size_t n_credits, n_distribution;
	long copies;            /* 共印N份; 0: not printed */
	const char *cover_src;  /* the cover as written in the manifest, and where (messages) */
	struct srcpos cover_pos;
};

/* Adds the closing block to body (the joined articles): under the text of the last page when
   it fits, else on a new page (which belongs to the last article). Nothing when the front has
   no credits, distribution, copies, publisher or date. */
enum err digest_closing(const struct digest_front *f, const struct style *st, struct fontset *fs,
			struct shaper *sh, struct diag *d, struct pagedoc *body);

/* Lays out the cover and the contents into front (empty, initialised by the caller) for a
   body of n_body pages that will follow it. Contents links and marks point at the final page
   index (front pages + body page); a blank page is added when `pad_even` and the front has
   an odd number of pages (the body then starts on a right-hand page). Sets front->n_front. */
enum err digest_front_matter(const struct digest_front *f, const struct style *st,
			     struct fontset *fs, struct shaper *sh, struct diag *d, size_t n_body,
			     int pad_even, struct pagedoc *front);

/* Sets running heads and folios on the joined document pd (front pages first, pd->n_front of
   them), by each page's role and article (page.h). */
enum err digest_furniture(const struct digest_front *f, const struct style *st,
			  struct fontset *fs, struct shaper *sh, struct diag *d, struct pagedoc *pd);

/* Formats n >= 1 as lower-case roman numerals (i, ii, iv ...) into out. */
void digest_roman(size_t n, char *out, size_t size);

#endif
