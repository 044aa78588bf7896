/* compose.h: the printed article: document model + style -> shaped, broken, paginated pages.

   Order on the page (what a news site's print button gives): masthead (source, date) with a
   rule, title, subtitle, dateline, body (paragraphs and subheads), byline, keywords, editor
   credit; a footer with page number and page count on every page. Pagination keeps a subhead
   with the first lines of its text (HEAD), never leaves a paragraph's first line alone at the
   bottom of a page nor its last line alone at the top (WIDOW), and keeps paragraphs of up to
   three lines whole.

   Structure (README "Style files", Structure): subheads take [heading-2] .. [heading-4] by level;
   the leaves inside block quotes and lists are set on a measure narrowed by the containers'
   insets ([quote] margins, one [list] hanging indent per list level), in the class of the
   innermost one; a list item's first line carries its marker (model/wording.h) hung in the
   indent before the text, so a marker never stands alone; code blocks are set line by line as
   written ([code]); tables are rows of cells in columns, one line box per row ([table]; one
   cell a line when too wide). Inline spans switch fonts run by run (strong, code; emphasis as
   [body] emphasis says: kai, bold, or 着重号 dots drawn under the Han characters).

   Columns (style `columns`, `column-gap`): title, subtitle, masthead, dateline and footer span
   the type area; body paragraphs, subheads, byline and notes flow through the columns, one
   column after the other, with the same keeps; where the text ends on a page its columns are
   balanced (the lowest column height that still takes it all). A grid (`grid = 22x28`) sets
   the body's line pitch so that the lines fill the type area; other lines and spaces are
   rounded to whole grid lines. */
#ifndef PAIBAN_COMPOSE_H
#define PAIBAN_COMPOSE_H
#include "../base/diag.h"
#include "page.h"

struct doc;
struct style;
struct fontset;
struct shaper;
struct buf;
struct words_hyphs;

/* Options of one composition beyond the style. */
struct compose_opts {
	/* Folders image files may come from besides the input's own folder (`--allow-path`);
	   borrowed. See image.h for the path rule. */
	const char *const *allow_dirs;
	size_t n_allow;
	/* An article of a digest: no masthead and no footers (the digest's running heads and
	   folios replace them, set by furniture.h once the digest is joined); `section`, when
	   set, is printed above the title (the first article of a section); `article` goes into
	   the page marks. */
	int digest;
	const char *section;
	int article;
	/* Hyphenation patterns shared by the jobs of a run (words.h words_hyphs_get), borrowed;
	   NULL: each composition loads its own at its first long Western word. */
	struct words_hyphs *hyphs;
};

struct fontchain;
/* Loads the faces of the text classes every article sets (body, title, subtitle, heading,
   masthead, dateline, byline, meta, footer: each role's families, then the fallback role's),
   so that a missing primary family is an error before any job runs: ERR_FONT with a note
   naming the style line. The other classes (subheads of levels 2-4, quote, list, code,
   table) and the span fonts (kai, strong, mono) are loaded by composition when a document
   first needs them: a document without quotes or code loads no kai or mono face. */
enum err compose_preload(const struct style *st, struct fontset *fs, struct diag *d);

/* The font chain of one role (body, heading, sans ...): its families, then the fallback
   role's. ERR_FONT as compose_preload. */
enum err compose_chain(const struct style *st, struct fontset *fs, struct diag *d,
		       const char *role, struct fontchain *fc);

struct shape_buf;
/* Shapes text (NUL-terminated, one line, no breaking) at size with fc into sb (reused);
   *width gets its natural width, pt. */
enum err compose_shape_line(struct shaper *sh, const struct fontchain *fc, float size,
			    const char *text, struct shape_buf *sb, float *width);
/* Puts the line shaped by compose_shape_line from text on pg with its origin at x, baseline
   y, in colour 0xRRGGBB: one text span (each glyph carries its cluster's text). */
enum err compose_put_line(const struct shape_buf *sb, const char *text, float size, float x,
			  float y, uint32_t color, struct page *pg);

/* Lays out doc with style st into out (initialised by the caller with pagedoc_init, freed with
   pagedoc_free). Fonts are loaded into fs; missing families are ERR_FONT. The title's first
   line and each subhead's become page marks (level 1, and the heading's level 2..6). */
enum err compose_article(const struct doc *doc, const struct style *st, struct fontset *fs,
			 struct shaper *sh, struct diag *d, struct pagedoc *out);

/* compose_article, and when dump is non-NULL appends a text dump of the layout to it:
     # comment lines (style, page size, page count, body size, measure, columns, grid)
     page N
     CLASS COL Y X0..X1 FLAGS SHRUNK/SHRINK/STRETCH |TEXT|
   one row per line in reading order. CLASS: body, title, subtitle, heading (every level),
   masthead, dateline, byline, meta, footer, quote, list, code, table (a table row: its cells'
   lines as spans). COL: 1, 2 ... or * for a line across the columns. Y: the
   baseline, X0: the first glyph's origin, X1: the end of the set line, pt from the page's
   bottom-left. FLAGS: the line breaker's JLFSOU (justified, last, forced, squeezed, overfull,
   underfull) or '-'. SHRUNK: glyphs set closer than their advance (compressed punctuation),
   SHRINK/STRETCH: the space taken out / added between glyphs, pt. TEXT: the glyphs' ToUnicode
   text; "| |" separates spans of one line (the masthead's source and date).

   Images (DOC_IMAGE) whose file is local, allowed (image.h) and a readable PNG or JPEG are
   placed in the flow, centred in the measure: natural size at 150 dpi (never enlarged beyond
   it), reduced to the measure's width and to at most the type area's height less room for the
   caption; the caption follows, centred, in the meta style, and image and caption are kept
   together (moved to the next column or page when they do not fit). Any other image (remote,
   missing, refused, unreadable) is a warning naming the file, and its caption is left out
   with it (a caption under no picture reads as a stray line).
   In the dump an image is a row of class "image" whose text is its src. opts may be NULL.

   The structure (page.h, struct page_elem; the tagged PDF's) goes into out with the pages: the
   title H1, subtitle, dateline, byline and notes P, each document block by a table (one line
   per block kind: P, H2..H6 by level, Code, Figure with the caption as /Alt and a Caption
   inside, L > LI > LBody, BlockQuote, Table > TR > TH/TD), containers nesting as in the
   model; in a digest (opts.digest) the section's name is a P and the article an Art holding
   the rest, with the document's language. The masthead and footers are artifacts. */
enum err compose_article_dump(const struct doc *doc, const struct style *st, struct fontset *fs,
			      struct shaper *sh, struct diag *d, struct pagedoc *out, struct buf *dump,
			      const struct compose_opts *opts);

/* An article composed into lines (shaped, broken, images measured) but not yet on pages: a
   digest prepares its articles in parallel and paginates them in order, each running on
   below the one before (style [digest] start = continue). */
struct compose_prep;
/* Builds the lines of doc as compose_article_dump does (opts is copied; doc, st and fs are
   borrowed and must outlive *out; sh is only used during the call). *out is the caller's to
   free with compose_prep_free. */
enum err compose_prepare(const struct doc *doc, const struct style *st, struct fontset *fs,
			 struct shaper *sh, struct diag *d, const struct compose_opts *opts,
			 struct compose_prep **out);
/* Paginates p onto the end of out. cont: the first lines go on out's last page, gap pt below
   its lowest line, when they fit there at all (the usual keeps decide what moves on); else a
   new page starts. Marks go into out with its page indices. No footers. Diagnostics go to d.
   May be called once per prepared article. */
enum err compose_prep_paginate(struct compose_prep *p, struct pagedoc *out, int cont, float gap,
			       struct diag *d);
void compose_prep_free(struct compose_prep *p);

#endif
