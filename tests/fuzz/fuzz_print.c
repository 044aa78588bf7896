/* fuzz_print.c: libFuzzer target for the whole path: input -> parse -> compose -> PDF, in
   memory. The first byte picks the reader (page dump, HTML, Markdown); the rest is the
   article. The fonts and the default style are loaded once, in LLVMFuzzerInitialize. */
#include <stdlib.h>
#include "fuzz_common.h"
#include "base/buf.h"
#include "layout/compose.h"
#include "layout/page.h"
#include "model/doc.h"
#include "parse/parse.h"
#include "render/pdf.h"
#include "shape/font.h"
#include "shape/shape.h"
#include "style/style.h"

/* Read-only after LLVMFuzzerInitialize; released at exit by the OS. */
static struct fontset *fuzz_fs;
static struct shaper *fuzz_sh;
static struct style fuzz_style;
/* The shaper and the fontset report to the sink they were created with, so that one lives as
   long as they do (quiet: fuzz_diag_new). */
static struct diag *fuzz_init_diag;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init_diag = fuzz_diag_new();
	fuzz_default_style(&fuzz_style);
	/* the fontset reports into a sink that lives as long as it does (its fallback search
	   warns when it fills up, long after this function) */
	if (fontset_new(fuzz_init_diag, &fuzz_fs) != ERR_OK ||
	    shaper_new(fuzz_fs, fuzz_init_diag, &fuzz_sh) != ERR_OK)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag *d = fuzz_diag_new();
	struct doc *doc;
	if (fuzz_parse(data, size, d, &doc) == ERR_OK) {
		struct pagedoc pd;
		pagedoc_init(&pd, fuzz_style.page_w, fuzz_style.page_h);
		if (compose_article_dump(doc, &fuzz_style, fuzz_fs, fuzz_sh, d, &pd, NULL, NULL) == ERR_OK) {
			struct pdf_meta m = {doc->title.text, NULL, NULL, NULL, "paiban fuzz", 0, 1, doc->lang.text};
			struct buf out;
			buf_init(&out);
			pdf_write_mem(&pd, fuzz_fs, &m, &out, d);
			buf_free(&out);
		}
		pagedoc_free(&pd);
	}
	doc_free(doc);
	diag_free(d);
	return 0;
}
