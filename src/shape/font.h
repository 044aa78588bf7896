/* font.h: fonts found through fontconfig and loaded as HarfBuzz faces.

   Thread safety: a fontset may be shared by the jobs of a batch or a digest running in
   threads. A loaded struct font is immutable (its HarfBuzz objects, metrics and the 'halt'
   metrics of the clreq punctuation, computed at load); nothing writes into a font after
   fontset_load returns, so shaping and layout read fonts without locks. The fontset's own
   tables (loaded fonts, the spec cache, the code points searched in vain) are guarded by its
   mutex; fonts are appended, never moved or freed before fontset_free. Jobs in threads may
   load faces (a role's, at first need): a font's id is then the order of loading, which
   depends on the threads' timing, so writers number the fonts of a document by first use
   (pdf.c), never by id. Which glyphs a document
   uses, and the text they stand for, are the document's (page.h), not the font's. */
#ifndef PAIBAN_FONT_H
#define PAIBAN_FONT_H
#include <stddef.h>
#include <stdint.h>
#include <hb.h>
#include "../base/diag.h"

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
	/* half-width ('halt') metrics of the punctuation the line breaker asks about, by code
	   point (ascending), computed at load: see font_halt */
	struct font_halt_entry *halt;
	size_t n_halt;
};

struct fontset;

/* Creates a fontset with its own fontconfig configuration. Caller frees with fontset_free.
   d receives the diagnostics of fontset_get (the first time a spec is asked for: failures are
   cached, so jobs that ask again later, in threads, get the error code silently). */
enum err fontset_new(struct diag *d, struct fontset **out);
void fontset_free(struct fontset *fs);

/* Finds and loads the font for a fontconfig pattern such as "Noto Serif CJK SC" or
   "Noto Sans CJK SC:style=Bold", once per fontset. Fails with ERR_FONT and a diagnostic naming
   the family and the Debian package known to provide it when fontconfig only offers a
   substitute. *out is borrowed from the fontset. */
enum err fontset_get(struct fontset *fs, const char *spec, struct font **out);
/* fontset_get with the diagnostics of a first failure in d (NULL: the fontset's): for the
   faces a job loads in its own thread when its document first needs them (a role such as kai
   or mono, a Traditional document's TC faces). */
enum err fontset_get_diag(struct fontset *fs, const char *spec, struct diag *d, struct font **out);
/* Ends the environment's loading: faces that fontset_get loads after this call are not
   searched by fontset_any_for (only fontconfig's answer for a code point can lead to them),
   so that which font sets a character that no chain has does not depend on which other
   documents of a batch, in other threads, loaded their roles' faces first. */
void fontset_seal(struct fontset *fs);
/* True when spec names the loaded font f: fontset_get(spec) gave f, or fontconfig's match for
   spec (once per spec) is f's file and face. Loads nothing. */
int fontset_is(struct fontset *fs, const char *spec, const struct font *f);
/* A font that has a glyph for cp, searched through all installed fonts (fallback of last resort);
   NULL when none has it. Borrowed. *matches: the fontconfig matches the caller still allows
   (each costs ~0.1 ms); one is taken for each code point that neither a loaded font nor the
   installed fonts' coverage settles, and at 0 such a code point gets NULL without a search. */
struct font *fontset_any_for(struct fontset *fs, uint32_t cp, unsigned *matches);
/* True when spec's family is installed (what fontset_get would find), without loading the
   font or reporting anything. */
int fontset_installed(struct fontset *fs, const char *spec);
/* The Debian package known to provide family (a prefix match: "Fandol" ...), or NULL. */
const char *fontset_package(const char *family);
size_t fontset_count(const struct fontset *fs);
struct font *fontset_font(const struct fontset *fs, size_t i);

/* Glyph id for cp, 0 if the font lacks it. */
uint32_t font_glyph(const struct font *f, uint32_t cp);
/* Advance of gid in font units. */
int font_advance(const struct font *f, uint32_t gid);
/* Half-width metrics of a full-width punctuation glyph (OpenType 'halt'): *adv and *xoff in font
   units. Returns 1 when the font has a half-width form, 0 otherwise (then adv/xoff are the
   full-width ones). Read from the table computed at load (the clreq punctuation), else
   computed (HarfBuzz shaping of one character; nothing is cached). */
int font_halt(const struct font *f, uint32_t cp, int *adv, int *xoff);

/* Whether f's licence bits (OpenType OS/2 fsType) let a document carry a subset of it:
   installable, editable or preview-and-print embedding, and neither "no subsetting" nor
   "bitmap only". A font without an OS/2 table is taken as installable. */
int font_embeddable(const struct font *f);
/* A subset of f as a whole font file, for documents that carry fonts as files (EPUB): the
   glyphs of the code points in unicodes and those its OpenType features reach from them
   (hb-subset's defaults keep vert / vrt2 for vertical text), the same outline format as f
   (CFF-flavoured OpenType or TrueType), the licence and copyright names (name IDs 0, 13,
   14) kept. The same input gives the same bytes. *out is the caller's (hb_blob_destroy).
   ERR_FONT when hb-subset fails, ERR_NOMEM. (The PDF writer embeds a bare CFF or glyf
   program keyed by glyph ids instead: render/pdffont.c.) */
enum err font_subset(const struct font *f, const hb_set_t *unicodes, hb_blob_t **out);

#endif
