/* linebreak.h: break a shaped paragraph into lines and position its glyphs (clreq.md rules).

   Contract. line_break takes the glyphs of ONE paragraph as shape_text produced them (clusters
   are byte offsets into `text`, non-decreasing), and writes the lines and the x position of
   every glyph into a caller-owned line_result that is reused from paragraph to paragraph: once
   its arrays are large enough nothing is allocated. It never fails on odd text: a token wider
   than the measure is broken at the measure with one "overfull line" warning.

   The rules (ids from docs/clreq.md):
   - break opportunities: UAX #14 (libunibreak, "zh" tailoring, plus the Unicode 8 LB30 rule
     that lets GDP《 and ）GDP break), then KIN-START, KIN-END, UNBREAK, NOSPLIT on top; inside
     URLs and e-mail addresses only after / . - ? & = # _ ~ @, never right after "://"; C++, C#
     keep their signs; no break on either side of / ／ × set between two characters
     (120km/h, 元/斤, 1920×1080: typography review D12); an author's ZWSP or WJ counts
   - ORDER: a line that would have to end before something that may not start a line (a mark,
     the rest of a word) is first squeezed (SHRINK order) to take it up to the next break
     opportunity; only when that fails is its last piece moved down
   - PW-ADJ: two adjacent full-width marks lose ½ em of the blank between them; PW-END: a mark
     at a line end loses its blank right half; PW-START: an opening mark at the start of a line
     loses its blank left half, EXCEPT on the paragraph's first line, where it stays full-width
     after the indent (mainland book practice: the indent stays a visible 2 em, and the quote
     sits in the third character cell, as in a manuscript grid); with line_params.trim_start
     (titles and subheads, which have no indent) the first line loses it too, else “ or （
     would look indented (typography review D14)
   - LATIN: ¼ em between an ideograph and an adjacent Western letter, digit or % (no real space)
   - JUST: all lines but the last (and but those ended by a forced break) end exactly at the
     measure: Western spaces up to ½ em, Han–Latin spaces up to ⅓ em, then equal space between
     characters, never inside UNBREAK units, never before a closing mark or after an opening
     one, not inside Latin words unless nothing else can take it; over-full lines shrink in the
     SHRINK order. A line with no gap at all is left short, flagged LINE_UNDERFULL, and warned
   - RUNT: the last line never holds a single ideograph alone (punctuation aside): the line
     before gives up pieces, unless that would leave it unjustifiable or overflow the last one
   - HANG (option, off by default): only 、，。 may hang outside the measure, one mark alone
     (never a run of marks: the glyph before it is no mark at all, —— and …… included)

   The break chooser is an optimal-fit (total-fit, Knuth–Plass style) breaker: it minimises the
   sum of the lines' demerits over all feasible breaks (the break opportunities above), with
   glue modelled for CJK (model at line_optimal in linebreak.c); RUNT and ORDER are part of
   its demerits, so it squeezes a mark in rather than push a character down and never leaves a
   lone last character unless every alternative line could not be justified. With
   line_params.greedy, and for ragged text (justify 0: on the character grid every ragged line
   is as full as it may be), it is the greedy filler (first fit with ORDER, RUNT repaired
   after). Cost: O(glyphs × active nodes), the active nodes capped; about twice the greedy
   filler on news text (tests/unit/test_linebreak prints the figures).

   libunibreak: its init_linebreak() fills a static index that set_linebreaks_utf8 reads; it is
   not safe to run while another thread breaks text. line_init() runs it exactly once (C11
   call_once); line_break calls line_init itself. Nothing else in paiban may call
   init_linebreak. */
#ifndef PAIBAN_LINEBREAK_H
#define PAIBAN_LINEBREAK_H
#include <stddef.h>
#include "../base/diag.h"
#include "../base/buf.h"
#include "../shape/shape.h"

/* Paragraphs longer than this are refused with ERR_LIMIT (hostile input). */
#define LINE_MAX_GLYPHS ((size_t)1 << 24)

struct line_params {
	float measure;   /* line width in pt */
	float em;        /* the paragraph's font size in pt (1 em) */
	float indent;    /* first-line indent in pt (INDENT: 2 em for body paragraphs, 0 for headings) */
	int justify;     /* 1: JUST (all lines but the last flush at both edges); 0: ragged right */
	/* appended fields: zero is the default */
	int greedy;      /* 1: greedy first-fit filler instead of the optimal-fit breaker (always
			    used for ragged text) */
	int hang;        /* HANG: 1 lets 、，。 hang outside the measure at a line end (one mark) */
	/* KEEP: byte ranges of the text, pairs [keep[2k], keep[2k+1]) in ascending order, inside
	   which no line may break (a person's name in a byline: never 姚 / 韦伟); borrowed */
	const uint32_t *keep;
	size_t n_keep;
	/* HYPH: byte offsets of the text, ascending, at which a Western word may be broken with a
	   hyphen (words_hyphens: between two letters that touch); borrowed. Used by the optimal
	   breaker only (justified text), at the cost of LINE_PEN_HYPH, never inside a KEEP
	   range or a URL; the line then carries LINE_HYPHEN and its width includes hyph_w, the
	   advance of the hyphen the caller draws after its last glyph. */
	const uint32_t *hyph;
	size_t n_hyph;
	float hyph_w;
	int trim_start;  /* PW-START on the first line too (titles, subheads: D14) */
};

enum line_flag {
	LINE_JUSTIFIED = 1,  /* set flush at both edges (JUST) */
	LINE_LAST = 2,       /* the paragraph's last line */
	LINE_FORCED = 4,     /* ended by a mandatory break in the text (LF, U+2028): set ragged */
	LINE_SQUEEZED = 8,   /* ORDER: took a following mark by shrinking */
	LINE_OVERFULL = 16,  /* emergency break inside a token wider than the measure */
	LINE_UNDERFULL = 32, /* could not be justified: no gap may take space (a lone glyph before
				a word that does not fit beside it, 作” alone) */
	LINE_HANG = 64,      /* HANG: its last glyph (、，。) hangs outside the measure */
	LINE_HYPHEN = 128    /* HYPH: broken inside a word: a hyphen of line_params.hyph_w ends
				it (not among the glyphs: the caller draws it at width - hyph_w) */
};

struct line {
	size_t start, end;  /* glyph range [start,end); leading spaces after a break are excluded,
			       trailing spaces are included (not drawn) */
	float width;        /* set width incl. indent (== measure when justified) */
	unsigned flags;     /* enum line_flag */
	float ratio;        /* adjustment ratio chosen by the breaker: > 0 stretch (1 = one
			       stretch unit per gap, see linebreak.c), < 0 share of the shrink used
			       (-1 = all), 0 natural; for statistics and dumps */
};

struct line_work;       /* per-glyph scratch, private to linebreak.c */
struct line_sum;        /* per-glyph prefix sums of the optimal breaker, private */
struct line_node;       /* break nodes of the optimal breaker, private */

struct line_result {
	struct line *lines;
	size_t n, cap;
	/* x[i]: pen x of glyph i's origin relative to the left edge of the measure, including
	   indent, shaping xoff and compression shifts; NAN = glyph not drawn (space at a line end
	   or start) */
	float *x;
	size_t cap_x;
	/* scratch reused across calls */
	struct line_work *work;
	size_t cap_work;
	char *ubrk;
	size_t cap_ubrk;
	char *ubtext;       /* the text with what libunibreak cannot take replaced */
	size_t cap_ubtext;
	struct line_sum *sum;
	size_t cap_sum;
	struct line_node *nodes;
	size_t cap_nodes;
	size_t *active;
	size_t cap_active;
	/* total demerits of the chosen lines under the optimal breaker's model (also computed for
	   the greedy filler, for comparison); struct line.ratio gives each line's looseness */
	double demerits;
};

/* Runs libunibreak's one-time initialisation (thread-safe, idempotent). */
void line_init(void);

/* Breaks glyphs g[0..n) of the paragraph text[0..len) (valid UTF-8) into lines of p->measure.
   out is the caller's (zero-initialised once, then reused; free with line_result_free).
   Warnings (overfull lines) go to d (may be NULL) at pos, the paragraph's first character.
   Returns ERR_USAGE for bad parameters, ERR_ENCODING for invalid UTF-8, ERR_LIMIT for more than
   LINE_MAX_GLYPHS glyphs, ERR_NOMEM; out then holds no lines. */
enum err line_break(const struct shape_glyph *g, size_t n, const char *text, size_t len,
		    const struct line_params *p, struct line_result *out, struct diag *d,
		    struct srcpos pos);

/* Frees every array of r and zeroes it. Accepts NULL. */
void line_result_free(struct line_result *r);

/* Appends one row per line to out, for tests and golden layout dumps:
   "<index> <width, 2 decimals> <flags JLFSOUHY or -> |<drawn text of the line>|\n"; a
   hyphenated line's text ends with '-'. */
void line_dump(const char *text, size_t len, const struct shape_glyph *g, size_t n,
	       const struct line_result *r, struct buf *out);

#endif
