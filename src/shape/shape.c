/* shape.c: run itemisation (font coverage, script) and HarfBuzz shaping. */
#include "shape.h"
#include "../base/utf8.h"
#include <fribidi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct shaper {
	struct fontset *fs;
	struct diag *diag;
	/* NO-TOFU warnings: the code points warned about (each may repeat: the sink coalesces
	   repeats); further missing characters are counted and reported in one note at
	   shaper_free, with the position of the first */
	uint32_t warned[SHAPE_MAX_MISSING_WARN];
	unsigned n_warned;
	unsigned long n_unlisted;
	char first_unlisted[96];
	unsigned matches;       /* fontconfig matches left (SHAPE_MAX_FONT_MATCHES) */
	int matches_noted;
	hb_buffer_t *buf;
	hb_language_t lang;
	hb_unicode_funcs_t *ufuncs;
	/* bidi (UAX #9, FriBidi) of a paragraph holding right-to-left text: per code point, in
	   one allocation (bidi_cp owns it) */
	FriBidiChar *bidi_cp;
	FriBidiCharType *bidi_type;
	FriBidiBracketType *bidi_bracket;
	FriBidiLevel *bidi_level;
	size_t bidi_cap;
};

enum err shaper_new(struct fontset *fs, struct diag *d, struct shaper **out)
{
	struct shaper *s = calloc(1, sizeof *s);
	if (!s)
		return ERR_NOMEM;
	s->fs = fs;
	s->diag = d;
	s->matches = SHAPE_MAX_FONT_MATCHES;
	s->buf = hb_buffer_create();
	if (!hb_buffer_allocation_successful(s->buf)) {
		hb_buffer_destroy(s->buf);
		free(s);
		return ERR_NOMEM;
	}
	s->lang = hb_language_from_string("zh-Hans", -1);
	s->ufuncs = hb_unicode_funcs_get_default();
	*out = s;
	return ERR_OK;
}

void shaper_set_lang(struct shaper *s, const char *bcp47)
{
	static const char *const passed[] = {"zh-Hant", "zh-HK", "ja", "ko"};
	const char *tag = "zh-Hans";
	for (size_t i = 0; bcp47 && i < sizeof passed / sizeof *passed; i++)
		if (!strcmp(bcp47, passed[i]))
			tag = passed[i];
	s->lang = hb_language_from_string(tag, -1);
}

void shaper_free(struct shaper *s)
{
	if (!s)
		return;
	if (s->n_unlisted)
		diag_msg(s->diag, DIAG_NOTE,
			 "%lu more characters that no installed font has, from %s on, are set as "
			 "missing-glyph boxes without a warning each (SHAPE_MAX_MISSING_WARN: %d "
			 "distinct ones are listed)", s->n_unlisted, s->first_unlisted,
			 SHAPE_MAX_MISSING_WARN);
	hb_buffer_destroy(s->buf);
	free(s->bidi_cp); /* one block with the other bidi arrays */
	free(s);
}

void shape_buf_free(struct shape_buf *b)
{
	free(b->g);
	b->g = NULL;
	b->n = b->cap = 0;
}

/* Characters that take the font of their neighbours: controls, format characters, spaces
   and marks. */
static int shape_is_neutral(uint32_t cp)
{
	return cp < 0x20 || cp == 0x20 || cp == 0xA0 || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x0300 && cp <= 0x036F);
}

/* Whether HarfBuzz may fold cp into the cluster before it, at a cost that grows with the
   cluster: a mark, a format character (ZWJ, ZWNJ, soft hyphen, bidi controls, tags), an emoji
   modifier. (A line of 400 000 soft hyphens took minutes.) */
static int shape_extends(const struct shaper *s, uint32_t cp)
{
	if (cp == 0x200C || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
	    (cp >= 0xE0020 && cp <= 0xE007F))
		return 1;
	hb_unicode_general_category_t gc = hb_unicode_general_category(s->ufuncs, cp);
	return gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

static int shape_is_latin(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/* Picks the font for cp; NULL when no installed font has it. */
static struct font *shape_pick(struct shaper *s, const struct fontchain *fc, uint32_t cp)
{
	if (fc->latin && shape_is_latin(cp) && font_glyph(fc->latin, cp))
		return fc->latin;
	for (int i = 0; i < fc->n; i++)
		if (font_glyph(fc->fonts[i], cp))
			return fc->fonts[i];
	struct font *f = fontset_any_for(s->fs, cp, &s->matches);
	if (!f && !s->matches && !s->matches_noted) {
		s->matches_noted = 1;
		diag_msg(s->diag, DIAG_NOTE,
			 "fontconfig was asked for %d characters of this document; the others are "
			 "looked for in the fonts already loaded only (SHAPE_MAX_FONT_MATCHES)",
			 SHAPE_MAX_FONT_MATCHES);
	}
	return f;
}

/* NO-TOFU: warns that no font has cp (character `chars` after pos), one warning per code point
   for the first SHAPE_MAX_MISSING_WARN distinct ones; the rest are counted for one note. */
static void shape_missing(struct shaper *s, uint32_t cp, struct srcpos pos, unsigned chars)
{
	struct srcpos p = pos;
	p.col = pos.col + chars;
	unsigned i = 0;
	while (i < s->n_warned && s->warned[i] != cp)
		i++;
	if (i == s->n_warned) {
		if (s->n_warned == SHAPE_MAX_MISSING_WARN) {
			if (!s->n_unlisted++)
				snprintf(s->first_unlisted, sizeof s->first_unlisted, "%s:%u:%u",
					 p.file ? p.file : "?", p.line, p.col);
			return;
		}
		s->warned[s->n_warned++] = cp;
	}
	char u[5] = {0};
	utf8_encode(cp, u);
	diag_at(s->diag, DIAG_WARNING, p, "no installed font has U+%04X '%s'; it is set as a missing-glyph box",
		(unsigned)cp, u);
}

static int shape_room(struct shape_buf *out, size_t extra)
{
	if (out->n + extra <= out->cap)
		return 0;
	size_t nc = out->cap ? out->cap : 256;
	while (nc < out->n + extra)
		nc *= 2;
	struct shape_glyph *p = realloc(out->g, nc * sizeof *p);
	if (!p)
		return -1;
	out->g = p;
	out->cap = nc;
	return 0;
}

/* Shapes text[start..end) as one run in font f with script sc at bidi level `level`: an odd
   level is shaped right to left (joining, mirroring) and its glyphs, which HarfBuzz gives in
   visual order, are appended in logical order, so that clusters always ascend (the line
   breaker works in logical order; layout puts each line in visual order). */
static enum err shape_run(struct shaper *s, struct font *f, hb_script_t sc, float size,
			  const char *text, size_t len, size_t start, size_t end, unsigned level,
			  struct shape_buf *out)
{
	hb_buffer_t *b = s->buf;
	hb_buffer_clear_contents(b);
	hb_buffer_add_utf8(b, text, (int)len, (unsigned)start, (int)(end - start));
	hb_buffer_set_direction(b, level & 1 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
	hb_buffer_set_script(b, sc);
	hb_buffer_set_language(b, s->lang);
	hb_buffer_set_flags(b, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
	hb_buffer_set_cluster_level(b, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	hb_shape(f->hb, b, NULL, 0);
	unsigned n;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &n);
	if (!hb_buffer_allocation_successful(b) || shape_room(out, n))
		return ERR_NOMEM;
	float k = size / (float)f->upem;
	for (unsigned q = 0; q < n; q++) {
		unsigned i = level & 1 ? n - 1 - q : q;
		size_t c = info[i].cluster;
		uint32_t first = 0;
		if (c < len)
			utf8_decode(text + c, len - c, &first);
		out->g[out->n++] = (struct shape_glyph){
			f, info[i].codepoint, (uint32_t)c, first,
			pos[i].x_advance * k, pos[i].x_offset * k, pos[i].y_offset * k, (uint8_t)level};
	}
	return ERR_OK;
}

/* Code points that make a paragraph need the bidi algorithm: right-to-left letters (Hebrew,
   Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms, the RTL
   blocks of the SMP) and the explicit RTL marks and embeddings. */
static int shape_is_rtl(uint32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
	       (cp >= 0xFE70 && cp <= 0xFEFF) || (cp >= 0x10800 && cp <= 0x10FFF) ||
	       (cp >= 0x1E800 && cp <= 0x1EFFF) || cp == 0x200F || cp == 0x202B || cp == 0x202E ||
	       cp == 0x2067;
}

/* The paragraph's embedding levels (UAX #9 with FriBidi, base direction left to right: a
   Chinese article's paragraphs run left to right, right-to-left words inside them run right
   to left) into s->bidi_level, one per code point; *n gets the count. 0 when the paragraph
   holds no right-to-left text (every level 0, nothing computed). */
static int shape_bidi(struct shaper *s, const char *text, size_t len, size_t *n, enum err *e)
{
	*e = ERR_OK;
	size_t k = 0, i = 0;
	int any = 0;
	while (i < len) {
		uint32_t cp;
		size_t l = utf8_decode(text + i, len - i, &cp);
		i += l ? l : 1;
		any |= shape_is_rtl(cp);
		k++;
	}
	if (!any)
		return 0;
	if (k > s->bidi_cap) { /* the four arrays in one block, code points first (aligned) */
		size_t c = k + k / 2 + 16;
		char *blk = malloc(c * (sizeof *s->bidi_cp + sizeof *s->bidi_type +
					sizeof *s->bidi_bracket + sizeof *s->bidi_level));
		if (!blk) {
			*e = ERR_NOMEM;
			return 0;
		}
		free(s->bidi_cp);
		s->bidi_cp = (FriBidiChar *)blk;
		s->bidi_type = (FriBidiCharType *)(s->bidi_cp + c);
		s->bidi_bracket = (FriBidiBracketType *)(s->bidi_type + c);
		s->bidi_level = (FriBidiLevel *)(s->bidi_bracket + c);
		s->bidi_cap = c;
	}
	for (i = 0, k = 0; i < len; k++) {
		uint32_t cp;
		size_t l = utf8_decode(text + i, len - i, &cp);
		i += l ? l : 1;
		s->bidi_cp[k] = cp;
	}
	fribidi_get_bidi_types(s->bidi_cp, (FriBidiStrIndex)k, s->bidi_type);
	fribidi_get_bracket_types(s->bidi_cp, (FriBidiStrIndex)k, s->bidi_type, s->bidi_bracket);
	FriBidiParType dir = FRIBIDI_PAR_LTR;
	if (!fribidi_get_par_embedding_levels_ex(s->bidi_type, s->bidi_bracket, (FriBidiStrIndex)k, &dir,
						 s->bidi_level))
		return 0; /* FriBidi failed (memory): left to right, as before */
	*n = k;
	return 1;
}

enum err shape_text(struct shaper *s, const struct fontchain *fc, float size, const char *text,
		    size_t len, struct srcpos pos, struct shape_buf *out)
{
	if (len > (size_t)1 << 30)
		return ERR_LIMIT;
	size_t n_levels = 0;
	enum err be;
	int bidi = shape_bidi(s, text, len, &n_levels, &be);
	if (be)
		return be;
	unsigned run_level = 0;
	size_t run_start = 0;
	struct font *run_font = NULL;
	hb_script_t run_script = HB_SCRIPT_COMMON;
	unsigned chars = 0;
	size_t ext = 0;          /* code points extending the current cluster so far */
	int cut_warned = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t l = utf8_decode(text + i, len - i, &cp);
		if (!l)
			l = 1;
		/* SHAPE_MAX_CLUSTER: HarfBuzz's cost grows with the square of a cluster's length
		   (a line of 200 000 combining marks took 38 s), so a run is cut before the
		   extending code point that would make a cluster longer; the cut starts a new
		   cluster on a bare mark (drawn as HarfBuzz draws a mark without a base) */
		int cut = 0;
		if (shape_extends(s, cp)) {
			if (++ext >= SHAPE_MAX_CLUSTER) {
				cut = 1;
				ext = 0;
				if (!cut_warned) {
					struct srcpos p = pos;
					p.col = pos.col + chars;
					diag_at(s->diag, DIAG_WARNING, p,
						"a cluster of more than %d code points (a base and its "
						"combining marks or joiners); it is cut every %d "
						"(SHAPE_MAX_CLUSTER)", SHAPE_MAX_CLUSTER, SHAPE_MAX_CLUSTER);
					cut_warned = 1;
				}
			}
		} else {
			ext = 0;
		}
		struct font *f = run_font;
		hb_script_t sc = hb_unicode_script(s->ufuncs, cp);
		if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN)
			sc = run_script;
		if (!shape_is_neutral(cp) || !run_font) {
			f = shape_pick(s, fc, cp);
			if (!f) {
				if (!shape_is_neutral(cp))
					shape_missing(s, cp, pos, chars);
				f = run_font ? run_font : fc->fonts[0];
			}
		}
		unsigned level = bidi && chars < n_levels ? s->bidi_level[chars] : 0;
		if (run_font && (f != run_font || sc != run_script || cut || level != run_level)) {
			enum err e = shape_run(s, run_font, run_script == HB_SCRIPT_COMMON ? HB_SCRIPT_HAN : run_script,
					      size, text, len, run_start, i, run_level, out);
			if (e)
				return e;
			run_start = i;
		}
		run_font = f;
		run_script = sc;
		run_level = level;
		i += l;
		chars++;
	}
	if (run_font && run_start < len)
		return shape_run(s, run_font, run_script == HB_SCRIPT_COMMON ? HB_SCRIPT_HAN : run_script,
				 size, text, len, run_start, len, run_level, out);
	return ERR_OK;
}

void shape_cluster_text(const struct shape_buf *b, size_t j, size_t len, size_t *t0, size_t *t1)
{
	size_t a = b->g[j].cluster, z = a;
	if (j == 0 || b->g[j - 1].cluster != b->g[j].cluster) {
		size_t q = j + 1;
		while (q < b->n && b->g[q].cluster == b->g[j].cluster)
			q++;
		z = q < b->n && b->g[q].cluster > a ? b->g[q].cluster : len;
	}
	if (z > len)
		z = len;
	if (a > z)
		a = z;
	*t0 = a;
	*t1 = z;
}
