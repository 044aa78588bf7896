/* fuzz_breaker.c: libFuzzer target for the shaper and the line breaker over arbitrary code
   points (issue 12): surrogates, noncharacters, U+FFFF, code points above U+10FFFF, regional
   indicators, combining marks, joiners, in any order.

   Input: byte 0 picks the options (bit 0: encode the code points laxly, so that surrogates
   and values above U+10FFFF reach the shaper and the breaker as the invalid UTF-8 they would
   be; else they become U+FFFD as utf8_encode makes them; bit 1: the greedy filler; bit 2:
   HANG; bit 3: ragged; bits 4-5: the first-line indent, 0-3 em). The rest is read 3 bytes at a
   time as 21-bit code points (big-endian, the top 3 bits dropped). The text is shaped with
   Noto Serif CJK SC and its fallbacks, then broken at 1, 3.5 and 20 em and dumped. The fonts
   are loaded once, in LLVMFuzzerInitialize. */
#include <stdlib.h>
#include "fuzz_common.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "layout/linebreak.h"
#include "shape/font.h"
#include "shape/shape.h"

#define FUZZ_EM 10.5f

/* Read-only after LLVMFuzzerInitialize (the fontset's own caches are behind its lock);
   released at exit by the OS. A missing font family aborts: run from the repository root
   with fonts-noto-cjk installed. */
static struct fontset *fuzz_fs;
static struct shaper *fuzz_sh;
static struct fontchain fuzz_fc;
static struct diag *fuzz_init_diag;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct font *serif;
	/* the fontset and the shaper report into this sink for as long as they live (the
	   fontset, for one, when its fallback search fills it up) */
	fuzz_init_diag = fuzz_diag_new();
	if (fontset_new(fuzz_init_diag, &fuzz_fs) != ERR_OK ||
	    fontset_get(fuzz_fs, "Noto Serif CJK SC", &serif) != ERR_OK ||
	    shaper_new(fuzz_fs, fuzz_init_diag, &fuzz_sh) != ERR_OK)
		abort();
	fuzz_fc = (struct fontchain){{serif}, 1, NULL};
	return 0;
}

/* The generalised UTF-8 form of any 21-bit value (surrogates and values above U+10FFFF
   included: what a lax encoder would write). */
static size_t fuzz_encode_lax(uint32_t cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned opt = data[0];
	size_t ncp = (size - 1) / 3;
	char *text = malloc(ncp * 4 + 1);
	if (!text)
		return 0;
	size_t len = 0;
	for (size_t i = 0; i < ncp; i++) {
		const uint8_t *u = data + 1 + 3 * i;
		uint32_t cp = (uint32_t)(u[0] & 0x1F) << 16 | (uint32_t)u[1] << 8 | u[2];
		len += opt & 1 ? fuzz_encode_lax(cp, text + len) : utf8_encode(cp, text + len);
	}
	struct diag *d = fuzz_diag_new();
	struct shape_buf sb = {0};
	struct line_result r = {0};
	struct buf dump;
	buf_init(&dump);
	if (shape_text(fuzz_sh, &fuzz_fc, FUZZ_EM, text, len, (struct srcpos){"fuzz", 1, 1}, &sb) == ERR_OK) {
		static const float measures[] = {1, 3.5f, 20};
		for (size_t m = 0; m < sizeof measures / sizeof *measures; m++) {
			/* KEEP: the middle third of the text unbroken when bit 6 is set */
			uint32_t keep[2] = {(uint32_t)(len / 3), (uint32_t)(2 * len / 3)};
			struct line_params p = {.measure = measures[m] * FUZZ_EM, .em = FUZZ_EM,
						.indent = (float)(opt >> 4 & 3) * FUZZ_EM, .justify = !(opt & 8),
						.greedy = (opt & 2) != 0, .hang = (opt & 4) != 0,
						.keep = (opt & 64) ? keep : NULL, .n_keep = (opt & 64) ? 1 : 0};
			if (line_break(sb.g, sb.n, text, len, &p, &r, d, (struct srcpos){"fuzz", 1, 1}) == ERR_OK) {
				buf_reset(&dump);
				line_dump(text, len, sb.g, sb.n, &r, &dump);
			}
		}
	}
	buf_free(&dump);
	line_result_free(&r);
	shape_buf_free(&sb);
	diag_free(d);
	free(text);
	return 0;
}
