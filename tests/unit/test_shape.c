/* test_shape.c: fontconfig lookup, shaping clusters, halt metrics, missing families. */
#include "shape/shape.h"
#include "base/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fails;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

int main(void)
{
	struct diag *d = diag_new(stderr);
	struct fontset *fs;
	CHECK(fontset_new(d, &fs) == ERR_OK);
	struct font *serif, *sans, *again;
	CHECK(fontset_get(fs, "Noto Serif CJK SC", &serif) == ERR_OK);
	CHECK(fontset_get(fs, "Noto Sans CJK SC:style=Bold", &sans) == ERR_OK);
	CHECK(fontset_get(fs, "Noto Serif CJK SC", &again) == ERR_OK && again == serif);
	CHECK(serif->is_cff && serif->upem == 1000 && serif->index == 2);
	CHECK(!strcmp(serif->psname, "NotoSerifCJKsc-Regular"));
	CHECK(sans->bold);

	/* a missing family is an error naming it */
	struct diag *quiet = diag_new(NULL);
	struct fontset *fs2;
	fontset_new(quiet, &fs2);
	struct font *none;
	CHECK(fontset_get(fs2, "No Such Family XYZ", &none) == ERR_FONT && !none);
	CHECK(diag_errors(quiet) == 1);
	fontset_free(fs2);
	diag_free(quiet);

	struct shaper *sh;
	CHECK(shaper_new(fs, d, &sh) == ERR_OK);
	struct fontchain fc = {{serif}, 1, NULL};
	struct shape_buf b = {0};
	const char *t = "“五社联动”2022年，Hello";
	CHECK(shape_text(sh, &fc, 10.0f, t, strlen(t), (struct srcpos){"t", 1, 1}, &b) == ERR_OK);
	CHECK(b.n == 17);
	CHECK(b.g[0].cp == 0x201C && b.g[0].adv == 10.0f);   /* full-width quote in zh-Hans */
	CHECK(b.g[1].cluster == 3 && b.g[1].cp == 0x4E94);
	CHECK(b.g[6].cp == '2' && b.g[6].adv < 6.0f);
	int adv, xoff;
	CHECK(font_halt(serif, 0xFF0C, &adv, &xoff) == 1 && adv == 500 && xoff == 0);   /* ， */
	CHECK(font_halt(serif, 0x201C, &adv, &xoff) == 1 && adv == 500 && xoff == -500); /* “ */
	CHECK(font_halt(serif, 0x4E94, &adv, &xoff) == 0 && adv == 1000);
	/* the halt table is computed at load (font.h): the marks are there, ideographs not */
	CHECK(serif->n_halt > 100);
	CHECK(font_halt(serif, 0x3001, &adv, &xoff) == 1 && adv == 500);                  /* 、 */
	/* a TC face's marks sit centred: its 'halt' metrics are those of its own glyphs (measured
	   in zh-Hant), the full stop moved half an em left, not the SC glyph's */
	{
		struct font *tc;
		if (fontset_get(fs, "Noto Serif CJK TC", &tc) == ERR_OK) {
			CHECK(font_halt(tc, 0x3002, &adv, &xoff) == 1 && adv == 500 && xoff == -250);
			CHECK(font_halt(serif, 0x3002, &adv, &xoff) == 1 && adv == 500 && xoff == 0);
		}
	}
	/* NO-TOFU: a character no installed font has is reported once, with its position */
	char msgs[2048] = "";
	FILE *m = fmemopen(msgs, sizeof msgs - 1, "w");
	struct diag *dm = diag_new(m);
	struct shaper *sh2;
	CHECK(shaper_new(fs, dm, &sh2) == ERR_OK);
	/* U+40000 twice: unassigned, so no installed font has it (U+17000, Tangut, was used
	   until fonts-noto-core, which has Tangut, came to the test machines) */
	const char *unknown = "甲\xF1\x80\x80\x80乙\xF1\x80\x80\x80";
	b.n = 0;
	CHECK(shape_text(sh2, &fc, 10.0f, unknown, strlen(unknown), (struct srcpos){"t.txt", 7, 3}, &b) == ERR_OK);
	CHECK(b.n == 4 && b.g[1].gid == 0 && b.g[1].font == serif);
	shaper_free(sh2);
	diag_free(dm);
	fclose(m);
	CHECK(strstr(msgs, "t.txt:7:4: warning: no installed font has U+40000"));
	CHECK(strstr(msgs, "1 more like"));
	/* fallback searches: U+40000 (unassigned) is outside every installed font's coverage and
	   costs no fontconfig match; U+0627 (Arabic alef; DejaVu Sans has it, when installed) is in no
	   loaded font: one match finds it, then U+0628 is in a loaded font (no match); with no
	   match allowed it is not searched for */
	{
		struct fontset *fs3;
		CHECK(fontset_new(d, &fs3) == ERR_OK);
		unsigned m = 5;
		CHECK(fontset_any_for(fs3, 0x40000, &m) == NULL && m == 5);
		m = 1;
		struct font *ar = fontset_any_for(fs3, 0x627, &m);
		if (ar) {
			CHECK(font_glyph(ar, 0x627) && m == 0);
			CHECK(fontset_any_for(fs3, 0x628, &m) == ar && m == 0);
			struct fontset *fs4;
			CHECK(fontset_new(d, &fs4) == ERR_OK);
			CHECK(fontset_any_for(fs4, 0x627, &m) == NULL);
			fontset_free(fs4);
		} else {
			printf("test_shape: no installed font has U+0627; fallback budget case skipped\n");
		}
		fontset_free(fs3);
	}
	/* fontset_seal: a face fontset_get loads after the seal (a role's, at a document's first
	   need) is not searched by fontset_any_for, one loaded before it is; fontset_is names a
	   loaded face by spec without loading anything */
	{
		struct fontset *fs5;
		CHECK(fontset_new(d, &fs5) == ERR_OK);
		struct font *serif = NULL, *sans = NULL;
		CHECK(fontset_get(fs5, "Noto Serif CJK SC", &serif) == ERR_OK && serif);
		fontset_seal(fs5);
		CHECK(fontset_get_diag(fs5, "Noto Sans CJK SC", d, &sans) == ERR_OK && sans && sans != serif);
		unsigned m = 0;
		CHECK(fontset_any_for(fs5, 0x4E00, &m) == serif); /* 一: both have it */
		CHECK(fontset_count(fs5) == 2);
		CHECK(fontset_is(fs5, "Noto Serif CJK SC", serif) && !fontset_is(fs5, "Noto Serif CJK SC", sans));
		CHECK(fontset_is(fs5, "Noto Sans CJK SC", sans));
		/* a spec not loaded yet: fontconfig's answer compared, nothing loaded */
		CHECK(fontset_is(fs5, "Noto Sans CJK SC:style=Regular", sans) && fontset_count(fs5) == 2);
		CHECK(!fontset_is(fs5, "Noto Sans CJK SC:style=Bold", sans) && fontset_count(fs5) == 2);
		fontset_free(fs5);
		struct fontset *fs6; /* the same faces, sealed first: no loaded face is searched */
		CHECK(fontset_new(d, &fs6) == ERR_OK);
		fontset_seal(fs6);
		CHECK(fontset_get(fs6, "Noto Serif CJK SC", &serif) == ERR_OK && serif);
		m = 0;
		CHECK(fontset_any_for(fs6, 0x4E00, &m) == NULL);
		fontset_free(fs6);
	}
	/* SHAPE_MAX_CLUSTER: a base with 1000 combining marks, then 1000 ZWJ: shaped in pieces
	   (HarfBuzz's cost is quadratic in a cluster's length), with one warning; a base with a
	   few marks is shaped whole, with none */
	{
		char *hostile = malloc(3 + 2000 + 3000 + 1);
		size_t o = 0;
		memcpy(hostile, "字", 3);
		o = 3;
		for (int i = 0; i < 1000; i++, o += 2)
			memcpy(hostile + o, "\xCC\x81", 2);
		for (int i = 0; i < 1000; i++, o += 3)
			memcpy(hostile + o, "\xE2\x80\x8D", 3);
		struct diag *q = diag_new(NULL);
		struct shaper *sh3;
		CHECK(shaper_new(fs, q, &sh3) == ERR_OK);
		b.n = 0;
		CHECK(shape_text(sh3, &fc, 10.0f, hostile, o, (struct srcpos){"m", 1, 1}, &b) == ERR_OK);
		/* every mark drawn (HarfBuzz removes the joiners), one warning */
		CHECK(b.n == 1001 && diag_warnings(q) == 1);
		b.n = 0;
		const char *few = "e\xCC\x81\xCC\xA3字";
		CHECK(shape_text(sh3, &fc, 10.0f, few, strlen(few), (struct srcpos){"m", 1, 1}, &b) == ERR_OK);
		CHECK(b.n >= 2 && b.g[0].cluster == 0 && b.g[b.n - 2].cluster == 0 && diag_warnings(q) == 1);
		shaper_free(sh3);
		diag_free(q);
		free(hostile);
	}
	/* bidi (UAX #9 with FriBidi): an Arabic word inside Chinese text is shaped right to left
	   (joined forms, a fallback font), its glyphs kept in logical order (clusters ascend) at
	   level 1; the Chinese and the digits inside Arabic stay at even levels */
	{
		const char *mixed = "语言：العربية 123 中文";
		b.n = 0;
		CHECK(shape_text(sh, &fc, 10.0f, mixed, strlen(mixed), (struct srcpos){"b", 1, 1}, &b) == ERR_OK);
		int ar = 0, asc = 1, joined = 0;
		for (size_t i = 0; i < b.n; i++) {
			uint32_t cp = b.g[i].cp;
			if (cp >= 0x0600 && cp <= 0x06FF) {
				ar++;
				CHECK(b.g[i].level == 1);
				CHECK(b.g[i].font != serif);
			} else if (cp >= 0x4E00 && cp <= 0x9FFF) {
				CHECK(b.g[i].level == 0);
			}
			if (i && b.g[i].cluster < b.g[i - 1].cluster)
				asc = 0;
		}
		CHECK(ar == 7 && asc);
		/* a joining letter: ع in the middle of a word takes its medial form, not its
		   isolated glyph */
		struct font *af = NULL;
		for (size_t i = 0; i < b.n; i++)
			if (b.g[i].cp == 0x0639) {
				af = b.g[i].font;
				joined = b.g[i].gid != font_glyph(af, 0x0639);
			}
		CHECK(af && joined);
		/* no right-to-left text: every level 0 */
		b.n = 0;
		CHECK(shape_text(sh, &fc, 10.0f, t, strlen(t), (struct srcpos){"t", 1, 1}, &b) == ERR_OK);
		for (size_t i = 0; i < b.n; i++)
			CHECK(b.g[i].level == 0);
	}
	/* font_subset: a whole OpenType file with the code points asked for and what the
	   features reach from them (the vertical form of ，), far fewer glyphs, the same bytes
	   twice; Noto's licence bits allow embedding */
	{
		CHECK(font_embeddable(serif) && font_embeddable(sans));
		hb_set_t *u = hb_set_create();
		const char *s = "五社联动，12";
		for (size_t i = 0, l; s[i]; i += l) {
			uint32_t cp;
			l = utf8_decode(s + i, strlen(s + i), &cp);
			hb_set_add(u, cp);
		}
		hb_blob_t *blob = NULL, *blob2 = NULL;
		CHECK(font_subset(serif, u, &blob) == ERR_OK && blob);
		CHECK(font_subset(serif, u, &blob2) == ERR_OK && blob2);
		unsigned n1, n2;
		const char *p1 = hb_blob_get_data(blob, &n1), *p2 = hb_blob_get_data(blob2, &n2);
		CHECK(n1 == n2 && n1 > 0 && !memcmp(p1, p2, n1));
		hb_face_t *face = hb_face_create(blob, 0);
		hb_font_t *font = hb_font_create(face);
		unsigned glyphs = hb_face_get_glyph_count(face);
		CHECK(glyphs > 7 && glyphs < 40); /* .notdef, 7 characters, their alternates */
		hb_blob_t *cff = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
		CHECK(hb_blob_get_length(cff) > 0);
		hb_blob_destroy(cff);
		hb_codepoint_t g, comma = 0;
		CHECK(hb_font_get_nominal_glyph(font, 0x4E94, &g) && g != 0);     /* 五 */
		CHECK(!hb_font_get_nominal_glyph(font, 0x4E00, &g));              /* 一: not asked */
		CHECK(hb_font_get_nominal_glyph(font, 0xFF0C, &comma) && comma); /* ， */
		hb_buffer_t *hb = hb_buffer_create();
		hb_buffer_add_utf8(hb, "，", -1, 0, -1);
		hb_buffer_set_direction(hb, HB_DIRECTION_TTB);
		hb_buffer_set_script(hb, HB_SCRIPT_HAN);
		hb_buffer_set_language(hb, hb_language_from_string("zh-Hans", -1));
		hb_shape(font, hb, NULL, 0);
		unsigned ng;
		hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(hb, &ng);
		CHECK(ng == 1 && gi[0].codepoint != comma && gi[0].codepoint != 0); /* vert kept */
		hb_buffer_destroy(hb);
		hb_font_destroy(font);
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		hb_blob_destroy(blob2);
		hb_set_destroy(u);
	}
	shape_buf_free(&b);
	shaper_free(sh);
	fontset_free(fs);
	diag_free(d);
	if (fails)
		return 1;
	printf("test_shape: ok\n");
	return 0;
}
