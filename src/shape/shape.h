/* shape.h: itemise a paragraph into runs (font by coverage, script) and shape them with
   HarfBuzz in the document's language (zh-Hans unless shaper_set_lang says otherwise). Output glyphs carry clusters that point back into the text. A
   paragraph with right-to-left text (Arabic, Hebrew ...) gets its bidi levels from FriBidi:
   runs split where the level changes and odd levels are shaped right to left; glyphs stay in
   logical order with their level (layout reorders each line, UAX #9 L2).

   Contract: shape_text appends to a caller-owned shape_buf (reused across paragraphs: the hot
   path allocates nothing once warm). Characters that no font has are reported once each with
   their position (NO-TOFU) and drawn as the primary font's .notdef. */
#ifndef PAIBAN_SHAPE_H
#define PAIBAN_SHAPE_H
#include <stddef.h>
#include <stdint.h>
#include "font.h"

#define FONTCHAIN_MAX 8
/* A cluster (a base and the marks, joiners and modifiers that extend it) is cut into pieces of
   at most this many code points, each shaped on its own (hostile input: HarfBuzz's cost is
   quadratic in a cluster's length). Unicode's stream-safe format (UAX #15) allows 30
   non-starters in a row; real text has a handful. */
#define SHAPE_MAX_CLUSTER 32
/* NO-TOFU: distinct missing characters warned about one by one per shaper (document); the
   rest are counted in one note when the shaper is freed. */
#define SHAPE_MAX_MISSING_WARN 64
/* Fallback searches through fontconfig per shaper (document): a code point that no loaded font
   has but some installed font covers costs one match (~0.1 ms); past this budget such code
   points are set as missing glyphs (one note says so). Code points outside every installed
   font's coverage cost none. */
#define SHAPE_MAX_FONT_MATCHES 4096

/* The fonts for one text role: fonts[0] first, the rest as per-character fallback, then any
   installed font. latin, when set, sets Latin letters and digits. All borrowed. */
struct fontchain {
	struct font *fonts[FONTCHAIN_MAX];
	int n;
	struct font *latin;
};

struct shape_glyph {
	struct font *font;      /* borrowed */
	uint32_t gid;
	uint32_t cluster;       /* byte offset in the text where this glyph's cluster starts */
	uint32_t cp;            /* first code point of the cluster */
	float adv, xoff, yoff;  /* pt at the shaping size */
	uint8_t level;          /* bidi embedding level (UAX #9): odd = right to left. Glyphs are
	                           always in logical order; layout sets lines in visual order */
};

struct shape_buf {
	struct shape_glyph *g;
	size_t n, cap;
};

struct shaper;

enum err shaper_new(struct fontset *fs, struct diag *d, struct shaper **out);
void shaper_free(struct shaper *s);
/* The language text is shaped in from now on (OpenType 'locl' picks its forms): zh-Hant,
   zh-HK, ja and ko (BCP 47, as the document model has them) are passed on to HarfBuzz; any
   other tag, or NULL, shapes as zh-Hans, the default. */
void shaper_set_lang(struct shaper *s, const char *bcp47);
void shape_buf_free(struct shape_buf *b);

/* Shapes text[0..len) (UTF-8, valid) at `size` pt with fonts from fc, appending to out.
   pos is the position of the text's first character, for diagnostics. */
enum err shape_text(struct shaper *s, const struct fontchain *fc, float size, const char *text,
		    size_t len, struct srcpos pos, struct shape_buf *out);
/* The bytes [*t0, *t1) of the text (len bytes) that glyph j of b stands for: its cluster's text
   on the cluster's first glyph, an empty range at the cluster's start on the others (a PDF
   gives each cluster's text once). */
void shape_cluster_text(const struct shape_buf *b, size_t j, size_t len, size_t *t0, size_t *t1);

#endif
