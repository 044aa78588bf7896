/* font.c: fontconfig lookup, HarfBuzz face loading and 'halt' metrics (thread safety: font.h). */
#include "font.h"
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <unistd.h>

#define FONTSET_MAX 64

struct font_halt_entry {
	uint32_t cp;
	int adv, xoff, has;
};

/* What a font spec asks for: its family (the spec itself when it names none) and whether a
   bold face. */
struct fontset_ask {
	char family[256];
	int bold;
};

struct fontset {
	FcConfig *fc;
	struct diag *diag;
	pthread_mutex_t lock;   /* guards everything below (fonts themselves are immutable) */
	struct font *fonts[FONTSET_MAX];
	size_t n;
	/* fontset_get results by spec, failures included: fontconfig matching costs ~0.4 ms a
	   call, and a failure is reported once */
	struct fontset_spec {
		char *spec;
		struct font *font;
		enum err err;
	} specs[FONTSET_MAX];
	size_t n_specs;
	/* fontconfig's match by spec (fontset_fc_cached): fontset_installed asks for the optional
	   families of every role, fontset_get then loads the same specs (heading and strong are
	   one face), fontset_is compares a spec with a loaded font; each spec is matched once */
	struct fontset_known {
		char *spec;
		FcPattern *m;   /* fontconfig's match, NULL when it found nothing or spec is bad */
		struct fontset_ask ask;
		int bad;        /* spec does not parse */
	} known[FONTSET_MAX];
	size_t n_known;
	/* fonts loaded after fontset_seal by fontset_get (a role's face a document asked for, in
	   whichever job got there first) are not searched by fontset_any_for: the fallback for a
	   character then never depends on which other documents of a batch ran first */
	size_t n_sealed;        /* fontset_seal's fs->n, SIZE_MAX before it */
	unsigned char noscan[FONTSET_MAX];
	/* code points already searched for in vain by fontset_any_for */
	uint32_t *missing;
	size_t n_missing, cap_missing;
	/* the union of the installed scalable fonts' coverage, built at the first fallback
	   search (fontset_coverage): a code point outside it costs no fontconfig match */
	FcCharSet *cover;
	int cover_done;
	int full_noted;         /* the fallback search met FONTSET_MAX (noted once) */
};

static const char *font_package_for(const char *family);

/* Debian packages that provide the families users are likely to name. */
static const struct {
	const char *prefix, *package;
} font_packages[] = {
	{"Noto Serif CJK", "fonts-noto-cjk"},
	{"Noto Sans CJK", "fonts-noto-cjk"},
	{"Noto Sans Mono CJK", "fonts-noto-cjk"},
	{"Noto Serif", "fonts-noto-core"},
	{"Noto Sans", "fonts-noto-core"},
	{"DejaVu", "fonts-dejavu-core"},
	{"Liberation", "fonts-liberation2"},
	{"WenQuanYi Micro Hei", "fonts-wqy-microhei"},
	{"WenQuanYi Zen Hei", "fonts-wqy-zenhei"},
	{"AR PL UMing", "fonts-arphic-uming"},
	{"AR PL UKai", "fonts-arphic-ukai"},
	{"AR PL KaitiM GB", "fonts-arphic-gkai00mp"},
	{"Fandol", "texlive-lang-chinese (make deps-fonts)"},
	{"Droid Sans Fallback", "fonts-droid-fallback"},
	{"TeX Gyre", "fonts-texgyre"},
	{"Source Han", "fonts-adobe-sourcehan (not in Debian: use Noto CJK from fonts-noto-cjk)"},
};

const char *fontset_package(const char *family)
{
	return font_package_for(family);
}

static const char *font_package_for(const char *family)
{
	for (size_t i = 0; i < sizeof font_packages / sizeof *font_packages; i++)
		if (!strncasecmp(family, font_packages[i].prefix, strlen(font_packages[i].prefix)))
			return font_packages[i].package;
	return NULL;
}

/* fontconfig's configuration loading is not thread-safe (ThreadSanitizer finds races inside
   libfontconfig when two jobs start at once): it is serialised by this lock, the only mutable
   file-level object of the module. A loaded FcConfig is then used by its own fontset only. */
static pthread_mutex_t fontset_fc_lock = PTHREAD_MUTEX_INITIALIZER;

/* Folders of fonts that Debian installs outside fontconfig's paths, added to the configuration
   when they exist: the Fandol faces of texlive-lang-chinese (FandolFang is the only free
   FangSong in Debian covering GB 2312, needed by the gb9704 preset; FandolKai a Kai). Their
   scan is cached by fontconfig like any other folder. */
static const char *const font_extra_dirs[] = {
	"/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
};

static FcConfig *fontset_add_dirs(FcConfig *fc)
{
	for (size_t i = 0; i < sizeof font_extra_dirs / sizeof *font_extra_dirs; i++)
		if (access(font_extra_dirs[i], R_OK | X_OK) == 0)
			FcConfigAppFontAddDir(fc, (const FcChar8 *)font_extra_dirs[i]);
	return fc;
}

/* The system's configuration (fonts.conf, or $FONTCONFIG_FILE, with everything it includes)
   and its fonts, as FcInitLoadConfigAndFonts loads them but without its extra parse of every
   file in fontconfig's conf.avail folder (kept there only for fc-conflist's descriptions):
   that parse was a fifth of the time of printing one article. Falls back to
   FcInitLoadConfigAndFonts when the configuration does not load. */
static FcConfig *fontset_load_config(void)
{
	FcConfig *fc = FcConfigCreate();
	if (fc && FcConfigParseAndLoad(fc, NULL, FcTrue) && FcConfigBuildFonts(fc))
		return fontset_add_dirs(fc);
	if (fc)
		FcConfigDestroy(fc);
	fc = FcInitLoadConfigAndFonts();
	return fc ? fontset_add_dirs(fc) : NULL;
}

enum err fontset_new(struct diag *d, struct fontset **out)
{
	*out = NULL;
	struct fontset *fs = calloc(1, sizeof *fs);
	if (!fs)
		return ERR_NOMEM;
	fs->diag = d;
	fs->n_sealed = SIZE_MAX;
	pthread_mutex_init(&fs->lock, NULL);
	pthread_mutex_lock(&fontset_fc_lock);
	fs->fc = fontset_load_config();
	pthread_mutex_unlock(&fontset_fc_lock);
	if (!fs->fc) {
		diag_msg(d, DIAG_ERROR, "fontconfig could not be initialised");
		pthread_mutex_destroy(&fs->lock);
		free(fs);
		return ERR_FONT;
	}
	*out = fs;
	return ERR_OK;
}

static void font_free(struct font *f)
{
	if (!f)
		return;
	hb_font_destroy(f->hb);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f->path);
	free(f->family);
	free(f->psname);
	free(f->halt);
	free(f);
}

void fontset_free(struct fontset *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n; i++)
		font_free(fs->fonts[i]);
	for (size_t i = 0; i < fs->n_specs; i++)
		free(fs->specs[i].spec);
	for (size_t i = 0; i < fs->n_known; i++) {
		free(fs->known[i].spec);
		if (fs->known[i].m)
			FcPatternDestroy(fs->known[i].m);
	}
	if (fs->fc) {
		pthread_mutex_lock(&fontset_fc_lock);
		FcConfigDestroy(fs->fc);
		pthread_mutex_unlock(&fontset_fc_lock);
	}
	free(fs->missing);
	if (fs->cover)
		FcCharSetDestroy(fs->cover);
	pthread_mutex_destroy(&fs->lock);
	free(fs);
}

size_t fontset_count(const struct fontset *fs)
{
	pthread_mutex_t *l = (pthread_mutex_t *)&fs->lock; /* the lock is not the fontset's state */
	pthread_mutex_lock(l);
	size_t n = fs->n;
	pthread_mutex_unlock(l);
	return n;
}

struct font *fontset_font(const struct fontset *fs, size_t i)
{
	pthread_mutex_t *l = (pthread_mutex_t *)&fs->lock;
	pthread_mutex_lock(l);
	struct font *f = i < fs->n ? fs->fonts[i] : NULL;
	pthread_mutex_unlock(l);
	return f;
}

/* The punctuation whose 'halt' metrics are computed at load: what clreq.c classes as
   full-width marks (quotes, dashes, ellipses, interpuncts, CJK Symbols and Punctuation,
   vertical and small forms, full-width ASCII punctuation). */
static const uint32_t font_halt_ranges[][2] = {
	{0x00B7, 0x00B7}, {0x2010, 0x2027}, {0x2030, 0x203A}, {0x3000, 0x303F}, {0x30FB, 0x30FB},
	{0xFE10, 0xFE19}, {0xFE30, 0xFE4F}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40},
	{0xFF5B, 0xFF65},
};

/* The language the face's punctuation is measured in: that of the documents that use it (a
   "… TC" face sets Traditional documents, whose marks sit centred, and HarfBuzz's locl must
   pick the same glyphs the shaper will), from the family's region suffix; zh-Hans else. */
static hb_language_t font_halt_lang(const struct font *f)
{
	static const char *const map[][2] = {{" TC", "zh-Hant"}, {" HK", "zh-HK"}, {" JP", "ja"},
					     {" KR", "ko"}};
	size_t n = f->family ? strlen(f->family) : 0;
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (n >= 3 && !strcmp(f->family + n - 3, map[i][0]))
			return hb_language_from_string(map[i][1], -1);
	return hb_language_from_string("zh-Hans", -1);
}

/* One character shaped with 'halt': its half-width metrics when the font has them. */
static struct font_halt_entry font_halt_shape(const struct font *f, hb_buffer_t *b, uint32_t cp)
{
	uint32_t g = font_glyph(f, cp);
	struct font_halt_entry e = {cp, g ? font_advance(f, g) : 0, 0, 0};
	if (!g)
		return e;
	hb_buffer_clear_contents(b);
	hb_buffer_add_utf32(b, &cp, 1, 0, 1);
	hb_buffer_set_direction(b, HB_DIRECTION_LTR);
	hb_buffer_set_script(b, HB_SCRIPT_HAN);
	hb_buffer_set_language(b, font_halt_lang(f));
	hb_feature_t feat = {HB_TAG('h', 'a', 'l', 't'), 1, 0, (unsigned)-1};
	hb_shape(f->hb, b, &feat, 1);
	unsigned n;
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &n);
	if (n == 1 && pos[0].x_advance < e.adv) {
		e.adv = pos[0].x_advance;
		e.xoff = pos[0].x_offset;
		e.has = 1;
	}
	return e;
}

/* Fills f->halt for the characters of font_halt_ranges the font has: one shaping call for
   all of them, each followed by 一 (U+4E00) so that no pair kerning or context joins two
   marks; 'kern' is off. When the glyphs do not come out one per character (a font whose
   lookups merge them), each is shaped alone. */
static enum err font_halt_table(struct font *f)
{
	size_t n = 0;
	for (size_t r = 0; r < sizeof font_halt_ranges / sizeof *font_halt_ranges; r++)
		n += font_halt_ranges[r][1] - font_halt_ranges[r][0] + 1;
	f->halt = calloc(n, sizeof *f->halt);
	uint32_t *text = calloc(2 * n, sizeof *text);
	hb_buffer_t *b = hb_buffer_create();
	enum err e = ERR_NOMEM;
	if (!f->halt || !text || !hb_buffer_allocation_successful(b))
		goto out;
	for (size_t r = 0; r < sizeof font_halt_ranges / sizeof *font_halt_ranges; r++)
		for (uint32_t cp = font_halt_ranges[r][0]; cp <= font_halt_ranges[r][1]; cp++)
			if (font_glyph(f, cp))
				f->halt[f->n_halt++].cp = cp;
	for (size_t i = 0; i < f->n_halt; i++) {
		text[2 * i] = f->halt[i].cp;
		text[2 * i + 1] = 0x4E00;
	}
	hb_buffer_add_utf32(b, text, (int)(2 * f->n_halt), 0, (int)(2 * f->n_halt));
	hb_buffer_set_direction(b, HB_DIRECTION_LTR);
	hb_buffer_set_script(b, HB_SCRIPT_HAN);
	hb_buffer_set_language(b, font_halt_lang(f));
	hb_feature_t feat[2] = {{HB_TAG('h', 'a', 'l', 't'), 1, 0, (unsigned)-1},
				{HB_TAG('k', 'e', 'r', 'n'), 0, 0, (unsigned)-1}};
	hb_shape(f->hb, b, feat, 2);
	unsigned ng;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &ng);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &ng);
	/* character i is cluster 2i; it is read from the shared call when it came out as one
	   glyph of its own, else shaped alone (a lookup merged or split it) */
	size_t *first = calloc(f->n_halt + 1, sizeof *first);
	unsigned char *count = calloc(f->n_halt + 1, 1);
	if (!first || !count) {
		free(first);
		free(count);
		goto out;
	}
	for (unsigned k = 0; k < ng; k++) {
		unsigned cl = info[k].cluster;
		if (cl % 2 == 0 && cl / 2 < f->n_halt && (count[cl / 2] & 3) < 2) {
			if (!(count[cl / 2] & 3))
				first[cl / 2] = k;
			count[cl / 2]++;
		} else if (cl % 2 == 1 && cl / 2 < f->n_halt)
			count[cl / 2] |= 4; /* the 一 after it came out on its own */
	}
	for (size_t i = 0; i < f->n_halt; i++) {
		struct font_halt_entry *h = &f->halt[i];
		if (count[i] != (1 | 4)) {
			*h = font_halt_shape(f, b, h->cp);
			continue;
		}
		const hb_glyph_position_t *gp = &pos[first[i]];
		h->adv = font_advance(f, font_glyph(f, h->cp));
		if (gp->x_advance < h->adv) {
			h->adv = gp->x_advance;
			h->xoff = gp->x_offset;
			h->has = 1;
		}
	}
	free(first);
	free(count);
	e = ERR_OK;
out:
	hb_buffer_destroy(b);
	free(text);
	return e;
}

static int font_be16(const char *p) { return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]); }

/* Reads head.bbox and post.italicAngle. */
static void font_read_tables(struct font *f)
{
	hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned len;
	const char *p = hb_blob_get_data(head, &len);
	if (p && len >= 44) {
		f->bbox[0] = font_be16(p + 36);
		f->bbox[1] = font_be16(p + 38);
		f->bbox[2] = font_be16(p + 40);
		f->bbox[3] = font_be16(p + 42);
	}
	hb_blob_destroy(head);
	hb_blob_t *post = hb_face_reference_table(f->face, HB_TAG('p', 'o', 's', 't'));
	p = hb_blob_get_data(post, &len);
	if (p && len >= 8)
		f->italic_angle = font_be16(p + 4);
	hb_blob_destroy(post);
	hb_blob_t *cff = hb_face_reference_table(f->face, HB_TAG('C', 'F', 'F', ' '));
	f->is_cff = hb_blob_get_length(cff) > 0;
	hb_blob_destroy(cff);
}

/* Loads file/index as a font of the set (or returns the one already loaded); errors go to d.
   scan = 0: a role's face loaded after fontset_seal, which fontset_any_for does not search.
   The caller holds fs->lock. */
static enum err fontset_load(struct fontset *fs, const char *file, int index, const char *family,
			     int bold, int italic, int scan, struct diag *d, struct font **out)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->fonts[i]->index == index && !strcmp(fs->fonts[i]->path, file)) {
			*out = fs->fonts[i];
			return ERR_OK;
		}
	if (fs->n == FONTSET_MAX) {
		diag_msg(d, DIAG_ERROR, "more than %d fonts in one document", FONTSET_MAX);
		return ERR_LIMIT;
	}
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
	if (!blob) {
		diag_msg(d, DIAG_ERROR, "cannot read font file %s", file);
		return ERR_FONT;
	}
	struct font *f = calloc(1, sizeof *f);
	if (!f) {
		hb_blob_destroy(blob);
		return ERR_NOMEM;
	}
	f->blob = blob;
	f->face = hb_face_create(blob, (unsigned)index);
	f->hb = hb_font_create(f->face);
	f->upem = hb_face_get_upem(f->face);
	f->num_glyphs = hb_face_get_glyph_count(f->face);
	f->path = strdup(file);
	f->family = strdup(family ? family : "");
	f->index = index;
	f->bold = bold;
	f->italic = italic;
	char ps[128];
	unsigned pslen = sizeof ps;
	if (!hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &pslen, ps))
		snprintf(ps, sizeof ps, "Font%zu", fs->n + 1);
	f->psname = strdup(ps);
	if (!f->path || !f->family || !f->psname || f->num_glyphs == 0 || f->upem == 0) {
		diag_msg(d, DIAG_ERROR, "cannot use font file %s (face %d)", file, index);
		font_free(f);
		return ERR_FONT;
	}
	hb_position_t v;
	if (hb_ot_metrics_get_position(f->hb, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)) f->ascender = v;
	if (hb_ot_metrics_get_position(f->hb, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)) f->descender = v;
	if (hb_ot_metrics_get_position(f->hb, HB_OT_METRICS_TAG_CAP_HEIGHT, &v)) f->cap_height = v;
	if (hb_ot_metrics_get_position(f->hb, HB_OT_METRICS_TAG_X_HEIGHT, &v)) f->x_height = v;
	if (!f->ascender) f->ascender = (int)(f->upem * 0.88);
	if (!f->descender) f->descender = -(int)(f->upem * 0.12);
	if (!f->cap_height) f->cap_height = (int)(f->upem * 0.7);
	font_read_tables(f);
	if (font_halt_table(f)) {
		font_free(f);
		return ERR_NOMEM;
	}
	f->id = (int)fs->n;
	fs->noscan[fs->n] = !scan;
	fs->fonts[fs->n++] = f;
	*out = f;
	return ERR_OK;
}

static enum err fontset_match(struct fontset *fs, const char *spec, struct diag *d, struct font **out);

/* True when the pattern's family list contains `family` (case-insensitive). */
static int font_has_family(FcPattern *p, const char *family)
{
	FcChar8 *s;
	for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &s) == FcResultMatch; i++)
		if (!strcasecmp((const char *)s, family))
			return 1;
	return 0;
}

enum err fontset_get(struct fontset *fs, const char *spec, struct font **out)
{
	return fontset_get_diag(fs, spec, fs->diag, out);
}

enum err fontset_get_diag(struct fontset *fs, const char *spec, struct diag *d, struct font **out)
{
	*out = NULL;
	enum err e = ERR_OK;
	pthread_mutex_lock(&fs->lock);
	for (size_t i = 0; i < fs->n_specs; i++)
		if (!strcmp(fs->specs[i].spec, spec)) {
			*out = fs->specs[i].font;
			e = fs->specs[i].err;
			goto out;
		}
	e = fontset_match(fs, spec, d ? d : fs->diag, out);
	if (e != ERR_NOMEM && fs->n_specs < FONTSET_MAX) {
		char *s = strdup(spec);
		if (!s) {
			e = ERR_NOMEM;
			goto out;
		}
		fs->specs[fs->n_specs++] = (struct fontset_spec){s, *out, e};
	}
out:
	pthread_mutex_unlock(&fs->lock);
	return e;
}

void fontset_seal(struct fontset *fs)
{
	pthread_mutex_lock(&fs->lock);
	fs->n_sealed = fs->n;
	pthread_mutex_unlock(&fs->lock);
}

/* Parses spec ("Family:style=Bold") and matches it through fontconfig: the match (NULL when
   fontconfig finds nothing), with *ask filled in. *bad = 1 when spec does not parse. The
   caller holds fs->lock. */
static FcPattern *fontset_fc_match(struct fontset *fs, const char *spec, struct fontset_ask *ask, int *bad)
{
	*bad = 0;
	FcPattern *pat = FcNameParse((const FcChar8 *)spec);
	if (!pat) {
		*bad = 1;
		return NULL;
	}
	FcChar8 *want = NULL;
	FcPatternGetString(pat, FC_FAMILY, 0, &want);
	snprintf(ask->family, sizeof ask->family, "%s", want ? (const char *)want : spec);
	int want_weight = -1;
	FcPatternGetInteger(pat, FC_WEIGHT, 0, &want_weight);
	FcChar8 *want_style = NULL;
	ask->bold = (want_weight >= FC_WEIGHT_BOLD) ||
		    (FcPatternGetString(pat, FC_STYLE, 0, &want_style) == FcResultMatch &&
		     strcasestr((const char *)want_style, "bold"));
	FcConfigSubstitute(fs->fc, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *m = FcFontMatch(fs->fc, pat, &res);
	FcPatternDestroy(pat);
	return m;
}

/* fontset_fc_match, once per spec (fs->known): the match is borrowed from the cache, or, when
   the cache is full, the caller's (*own = 1) to destroy. The caller holds fs->lock. */
static FcPattern *fontset_fc_cached(struct fontset *fs, const char *spec, struct fontset_ask *ask,
				    int *bad, int *own)
{
	*own = 0;
	for (size_t i = 0; i < fs->n_known; i++)
		if (!strcmp(fs->known[i].spec, spec)) {
			*ask = fs->known[i].ask;
			*bad = fs->known[i].bad;
			return fs->known[i].m;
		}
	FcPattern *m = fontset_fc_match(fs, spec, ask, bad);
	char *s;
	if (fs->n_known < FONTSET_MAX && (s = strdup(spec)))
		fs->known[fs->n_known++] = (struct fontset_known){s, m, *ask, *bad};
	else
		*own = m != NULL;
	return m;
}

/* Matches spec through fontconfig and loads the font (see fontset_get); errors go to d. The
   caller holds fs->lock. */
static enum err fontset_match(struct fontset *fs, const char *spec, struct diag *d, struct font **out)
{
	struct fontset_ask ask;
	int bad, own;
	FcPattern *m = fontset_fc_cached(fs, spec, &ask, &bad, &own);
	if (bad) {
		diag_msg(d, DIAG_ERROR, "bad font name '%s'", spec);
		return ERR_FONT;
	}
	const char *family = ask.family;
	enum err e = ERR_FONT;
	FcChar8 *file = NULL, *got = NULL;
	int index = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
	if (!m || FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch || !font_has_family(m, family)) {
		const char *pkg = font_package_for(family);
		if (m)
			FcPatternGetString(m, FC_FAMILY, 0, &got);
		diag_msg(d, DIAG_ERROR, "font family '%s' is not installed%s%s%s%s%s", family,
			 got ? " (fontconfig would substitute '" : "", got ? (const char *)got : "",
			 got ? "')" : "", pkg ? "; install the Debian package " : "", pkg ? pkg : "");
		goto out;
	}
	FcPatternGetInteger(m, FC_INDEX, 0, &index);
	FcPatternGetInteger(m, FC_WEIGHT, 0, &weight);
	FcPatternGetInteger(m, FC_SLANT, 0, &slant);
	if (ask.bold && weight < FC_WEIGHT_DEMIBOLD) {
		const char *pkg = font_package_for(family);
		diag_msg(d, DIAG_ERROR, "font '%s' has no bold face installed%s%s", spec,
			 pkg ? "; install the Debian package " : "", pkg ? pkg : "");
		goto out;
	}
	e = fontset_load(fs, (const char *)file, index, family, weight >= FC_WEIGHT_DEMIBOLD,
			 slant != FC_SLANT_ROMAN, fs->n_sealed == SIZE_MAX, d, out);
out:
	if (own)
		FcPatternDestroy(m);
	return e;
}

int fontset_installed(struct fontset *fs, const char *spec)
{
	struct fontset_ask ask;
	int bad, own;
	pthread_mutex_lock(&fs->lock);
	/* a spec fontset_get has seen already: its answer (a Traditional article asks for the TC
	   families of every role) */
	for (size_t i = 0; i < fs->n_specs; i++)
		if (!strcmp(fs->specs[i].spec, spec)) {
			int ok = fs->specs[i].err == ERR_OK;
			pthread_mutex_unlock(&fs->lock);
			return ok;
		}
	FcPattern *m = fontset_fc_cached(fs, spec, &ask, &bad, &own);
	int ok = m && font_has_family(m, ask.family);
	if (own)
		FcPatternDestroy(m);
	pthread_mutex_unlock(&fs->lock);
	return ok;
}

int fontset_is(struct fontset *fs, const char *spec, const struct font *f)
{
	struct fontset_ask ask;
	int bad, own, is = 0;
	pthread_mutex_lock(&fs->lock);
	for (size_t i = 0; i < fs->n_specs; i++)
		if (!strcmp(fs->specs[i].spec, spec)) {
			is = fs->specs[i].err == ERR_OK && fs->specs[i].font == f;
			pthread_mutex_unlock(&fs->lock);
			return is;
		}
	FcPattern *m = fontset_fc_cached(fs, spec, &ask, &bad, &own);
	FcChar8 *file;
	int index = 0, weight = FC_WEIGHT_REGULAR;
	if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch && font_has_family(m, ask.family)) {
		FcPatternGetInteger(m, FC_INDEX, 0, &index);
		FcPatternGetInteger(m, FC_WEIGHT, 0, &weight);
		is = !(ask.bold && weight < FC_WEIGHT_DEMIBOLD) && index == f->index &&
		     !strcmp((const char *)file, f->path);
	}
	if (own)
		FcPatternDestroy(m);
	pthread_mutex_unlock(&fs->lock);
	return is;
}

static struct font *fontset_any_for_locked(struct fontset *fs, uint32_t cp, unsigned *matches);

struct font *fontset_any_for(struct fontset *fs, uint32_t cp, unsigned *matches)
{
	pthread_mutex_lock(&fs->lock);
	struct font *f = fontset_any_for_locked(fs, cp, matches);
	pthread_mutex_unlock(&fs->lock);
	return f;
}

/* The union of the character sets of the installed scalable fonts (FcFontList: one call,
   well under a millisecond for the fonts of a desktop); NULL when fontconfig fails (then every
   code point is matched, as before). */
static FcCharSet *fontset_coverage(struct fontset *fs)
{
	FcCharSet *u = FcCharSetCreate();
	FcPattern *pat = FcPatternBuild(NULL, FC_SCALABLE, FcTypeBool, FcTrue, (char *)NULL);
	FcObjectSet *os = FcObjectSetBuild(FC_CHARSET, (char *)NULL);
	FcFontSet *all = u && pat && os ? FcFontList(fs->fc, pat, os) : NULL;
	if (all) {
		for (int i = 0; i < all->nfont; i++) {
			FcCharSet *cs;
			if (FcPatternGetCharSet(all->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch &&
			    !FcCharSetMerge(u, cs, NULL))
				break;
		}
		FcFontSetDestroy(all);
	} else if (u) {
		FcCharSetDestroy(u);
		u = NULL;
	}
	if (os)
		FcObjectSetDestroy(os);
	if (pat)
		FcPatternDestroy(pat);
	return u;
}

static struct font *fontset_any_for_locked(struct fontset *fs, uint32_t cp, unsigned *matches)
{
	for (size_t i = 0; i < fs->n; i++)
		if (!fs->noscan[i] && font_glyph(fs->fonts[i], cp))
			return fs->fonts[i];
	/* FONT-FALLBACK cost: megabytes of distinct characters that no font has would each cost
	   a fontconfig match (~0.1 ms); outside the installed fonts' coverage none is made */
	if (!fs->cover_done) {
		fs->cover = fontset_coverage(fs);
		fs->cover_done = 1;
	}
	if (fs->cover && !FcCharSetHasChar(fs->cover, cp))
		return NULL;
	for (size_t i = 0; i < fs->n_missing; i++)
		if (fs->missing[i] == cp)
			return NULL;
	if (!*matches)
		return NULL;
	if (fs->n == FONTSET_MAX) {
		/* no font can be added: a match would only find one that cannot be loaded */
		if (!fs->full_noted) {
			fs->full_noted = 1;
			diag_msg(fs->diag, DIAG_WARNING,
				 "%d fonts loaded (FONTSET_MAX); characters that only other installed "
				 "fonts have are set as missing-glyph boxes", FONTSET_MAX);
		}
		return NULL;
	}
	--*matches;
	struct font *found = NULL;
	FcPattern *pat = FcPatternCreate();
	FcCharSet *cs = FcCharSetCreate();
	if (pat && cs && FcCharSetAddChar(cs, cp) && FcPatternAddCharSet(pat, FC_CHARSET, cs)) {
		FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
		FcConfigSubstitute(fs->fc, pat, FcMatchPattern);
		FcDefaultSubstitute(pat);
		FcResult res;
		FcPattern *m = FcFontMatch(fs->fc, pat, &res);
		FcCharSet *mcs;
		FcChar8 *file, *fam = NULL;
		int index = 0;
		if (m && FcPatternGetCharSet(m, FC_CHARSET, 0, &mcs) == FcResultMatch &&
		    FcCharSetHasChar(mcs, cp) && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
			FcPatternGetInteger(m, FC_INDEX, 0, &index);
			FcPatternGetString(m, FC_FAMILY, 0, &fam);
			struct font *f;
			if (!fontset_load(fs, (const char *)file, index, (const char *)fam, 0, 0, 1,
					  fs->diag, &f) &&
			    font_glyph(f, cp))
				found = f;
		}
		if (m)
			FcPatternDestroy(m);
	}
	if (cs)
		FcCharSetDestroy(cs);
	if (pat)
		FcPatternDestroy(pat);
	if (!found && fs->n_missing < 4096) {
		if (fs->n_missing == fs->cap_missing) {
			size_t nc = fs->cap_missing ? fs->cap_missing * 2 : 16;
			uint32_t *p = realloc(fs->missing, nc * sizeof *p);
			if (!p)
				return NULL;
			fs->missing = p;
			fs->cap_missing = nc;
		}
		fs->missing[fs->n_missing++] = cp;
	}
	return found;
}

uint32_t font_glyph(const struct font *f, uint32_t cp)
{
	hb_codepoint_t g = 0;
	if (!hb_font_get_nominal_glyph(f->hb, cp, &g))
		return 0;
	return g;
}

int font_advance(const struct font *f, uint32_t gid)
{
	return hb_font_get_glyph_h_advance(f->hb, gid);
}

int font_halt(const struct font *f, uint32_t cp, int *adv, int *xoff)
{
	size_t lo = 0, hi = f->n_halt;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->halt[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	struct font_halt_entry e;
	if (lo < f->n_halt && f->halt[lo].cp == cp) {
		e = f->halt[lo];
	} else {
		hb_buffer_t *b = hb_buffer_create();
		e = font_halt_shape(f, b, cp);
		hb_buffer_destroy(b);
	}
	*adv = e.adv;
	*xoff = e.xoff;
	return e.has;
}

int font_embeddable(const struct font *f)
{
	hb_blob_t *os2 = hb_face_reference_table(f->face, HB_TAG('O', 'S', '/', '2'));
	unsigned n;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(os2, &n);
	unsigned fs_type = p && n >= 10 ? (unsigned)p[8] << 8 | p[9] : 0;
	hb_blob_destroy(os2);
	/* bits 0-3: 0 installable, 2 restricted, 4 preview & print, 8 editable (OpenType 1.9) */
	return (fs_type & 0x000f) != 2 && !(fs_type & 0x0100) && !(fs_type & 0x0200);
}

enum err font_subset(const struct font *f, const hb_set_t *unicodes, hb_blob_t **out)
{
	*out = NULL;
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return ERR_NOMEM;
	hb_set_union(hb_subset_input_unicode_set(in), unicodes);
	hb_set_t *names = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
	hb_set_add(names, 13); /* the licence and its URL, with the default 0-6 */
	hb_set_add(names, 14);
	enum err e = ERR_OK;
	if (!hb_set_allocation_successful(hb_subset_input_unicode_set(in)) ||
	    !hb_set_allocation_successful(names)) {
		e = ERR_NOMEM;
		goto out;
	}
	hb_face_t *sub = hb_subset_or_fail(f->face, in);
	if (!sub) {
		e = ERR_FONT;
		goto out;
	}
	*out = hb_face_reference_blob(sub);
	hb_face_destroy(sub);
	if (!hb_blob_get_length(*out)) {
		hb_blob_destroy(*out);
		*out = NULL;
		e = ERR_FONT;
	}
out:
	hb_subset_input_destroy(in);
	return e;
}
