/* font.h: fonts found through fontconfig, loaded as HarfBuzz faces, with the record of which
   glyphs were used and which text they stand for (for subsetting and ToUnicode).

   A fontset belongs to one job (no global state); fonts live as long as their fontset and are
   borrowed by everything else. Font usage (font_note_glyph) is mutated while a job lays out. */
#ifndef PAIBAN_FONT_H
#define PAIBAN_FONT_H
#include <stddef.h>
#include <stdint.h>
#include <hb.h>
#include "../base/diag.h"

/* Text a glyph stands for (its ToUnicode entry): up to FONT_TU_MAX code points. */
#define FONT_TU_MAX 8

struct font_tu {
	uint8_t n;              /* 0: glyph never used */
	uint32_t cp[FONT_TU_MAX];
};

struct font {
	int id;                 /* index in the fontset, 0-based: PDF resource /F<id+1> */
	char *path;             /* font file (owned) */
	int index;              /* face index in a collection */
	char *family;           /* family name as fontconfig reports it (owned) */
	char *psname;           /* PostScript name, for BaseFont (owned) */
	int bold, italic;
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *hb;          /* scale = upem: positions come out in font units */
	unsigned upem;
	unsigned num_glyphs;
	int is_cff;             /* has a 'CFF ' table (else TrueType 'glyf') */
	/* metrics in font units */
	int ascender, descender, cap_height, x_height;
	int bbox[4];            /* xMin yMin xMax yMax from 'head' */
	int italic_angle;
	/* usage: used[gid] != 0 when the glyph is in the document; tu[gid] its text */
	struct font_tu *tu;     /* num_glyphs entries, allocated on first use */
	size_t n_used;
	/* cache of half-width ('halt') metrics for punctuation: see font_halt */
	struct font_halt_entry *halt;
	size_t n_halt, cap_halt;
};

struct fontset;

/* Creates a fontset with its own fontconfig configuration. Caller frees with fontset_free. */
enum err fontset_new(struct diag *d, struct fontset **out);
void fontset_free(struct fontset *fs);

/* Finds and loads the font for a fontconfig pattern such as "Noto Serif CJK SC" or
   "Noto Sans CJK SC:style=Bold", once per fontset. Fails with ERR_FONT and a diagnostic naming
   the family and the Debian package known to provide it when fontconfig only offers a
   substitute. *out is borrowed from the fontset. */
enum err fontset_get(struct fontset *fs, const char *spec, struct font **out);
/* A font that has a glyph for cp, searched through all installed fonts (fallback of last resort);
   NULL when none has it. Borrowed. */
struct font *fontset_any_for(struct fontset *fs, uint32_t cp);
/* Forgets which glyphs were used (before the next document of a batch). */
void fontset_reset_usage(struct fontset *fs);
size_t fontset_count(const struct fontset *fs);
struct font *fontset_font(const struct fontset *fs, size_t i);

/* Glyph id for cp, 0 if the font lacks it. */
uint32_t font_glyph(const struct font *f, uint32_t cp);
/* Advance of gid in font units. */
int font_advance(const struct font *f, uint32_t gid);
/* Records that gid is used and stands for text cps[0..n) (first record wins). */
enum err font_note_glyph(struct font *f, uint32_t gid, const uint32_t *cps, size_t n);
/* Half-width metrics of a full-width punctuation glyph (OpenType 'halt'): *adv and *xoff in font
   units. Returns 1 when the font has a half-width form, 0 otherwise (then adv/xoff are the
   full-width ones). Cached per font. */
int font_halt(struct font *f, uint32_t cp, int *adv, int *xoff);

#endif
