/* html.h: reader for saved news web pages (HTML, any common encoding) -> document model. */
#ifndef PAIBAN_HTML_H
#define PAIBAN_HTML_H
#include <stddef.h>
#include "../base/diag.h"

struct doc;

/* Limits against hostile input; exceeding one is ERR_LIMIT with a message. */
#define HTML_MAX_NODES 2000000u   /* DOM nodes visited */
#define HTML_MAX_DEPTH 256u       /* element nesting followed (libxml2's own HTML cap is 256
				     too: HTML_PARSE_HUGE is never passed); deeper is skipped */
#define HTML_MAX_BLOCKS 200000u   /* text blocks and images */
#define HTML_MAX_JSONLD (1u << 20)/* bytes of one JSON-LD script read */
#define HTML_MAX_ATTRS 64u        /* attributes of one tag given to libxml2 (its duplicate
				     check is quadratic); more are dropped with a warning */
#define HTML_MAX_ATTRS_PAGE 1000000u /* attributes of the whole page given to libxml2 */
#define HTML_MAX_RAW (8u << 20)   /* bytes of one script, style or comment given to libxml2
				     (under its 10 MB text node limit) */
#define HTML_TEXT_SPLIT (1u << 20)/* runs of text are split into nodes of this (libxml2 stops
				     at a 10 MB text node without HTML_PARSE_HUGE) */

/* Heuristic thresholds, in characters (code points). */
#define HTML_MIN_BODY 20          /* less body text than this: not an article */
#define HTML_LIST_BODY 200        /* a redirect page with less body text than this is refused */
#define HTML_SENTENCE_MIN 30      /* a paragraph this long (outside links) is article text */
#define HTML_TEASERS_MIN 5        /* this many linked headlines over snippets, and no article text: not an article */
#define HTML_TEASER_HEAD_MAX 80   /* a linked line longer than this is no teaser's headline */
#define HTML_CAPTION_MAX 80       /* a caption paragraph next to an image is at most this */
#define HTML_BOLD_HEAD_MAX 40     /* a bold-only paragraph this short is a subhead */

/* Reads the page data[0..len) (raw bytes, borrowed) into doc, which must be empty.
   Decoding: a BOM, else the charset declared in <meta charset> or <meta http-equiv
   content-type> (GB2312/GBK read as GB18030, Big5 as Big5-HKSCS), else detection (uchardet
   and decoding trials); a declaration the bytes contradict, or a missing one on non-UTF-8
   input, gives a warning "file: warning: ..." naming what was used.
   Parsing: libxml2's HTML parser, never the network; the tree is walked iteratively.
   Extraction: metadata from schema.org JSON-LD, Open Graph / article:* / keywords meta,
   <time>, and the page text near the title; the body is the block container with the most
   text and the fewest links (text-density scoring), with chrome (nav, header, footer, aside,
   share and comment boxes, related-article lists) dropped. The lines of text found are then
   read by the page-dump reader (textdump.h) for dates, 来源, bylines, editor credits and chrome,
   so both readers agree. Positions are the page's line numbers.
   Errors: ERR_INPUT "not an article: <reason>" for feeds, redirects, link lists (front
   pages) and pages without article text; ERR_ENCODING, ERR_LIMIT, ERR_NOMEM.
   Calls xmlInitParser() and never xmlCleanupParser(); concurrent jobs may each call
   html_read once html_init has run. */
enum err html_read(struct doc *doc, const char *data, size_t len, struct diag *d);
/* Initialises libxml2 (xmlInitParser). Call it in the main thread before readers run in
   threads: libxml2 2.9's lazy initialisation of its global mutexes races (ThreadSanitizer). */
void html_init(void);

#endif
