/* fuzz_epub.c: libFuzzer target for input -> parse -> EPUB, in memory (epub_write_mem). The
   first byte picks the reader (page dump, HTML, Markdown), as in fuzz_print.c; the rest is the
   article; the last byte's low bit asks for 竖排 (--vertical: the 縦中横 spans). The default
   style (the stylesheet follows it) is loaded once. */
#include <stdlib.h>
#include "fuzz_common.h"
#include "base/buf.h"
#include "model/doc.h"
#include "parse/parse.h"
#include "render/epub.h"
#include "style/style.h"

/* Read-only after LLVMFuzzerInitialize. */
static struct style fuzz_style;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_default_style(&fuzz_style);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag *d = fuzz_diag_new();
	struct doc *doc;
	if (fuzz_parse(data, size, d, &doc) == ERR_OK) {
		struct epub_opts o = {.style = &fuzz_style, .epoch = 0,
				      .vertical = size > 0 && (data[size - 1] & 1)};
		struct buf out;
		buf_init(&out);
		epub_write_mem(doc, &o, &out, d);
		buf_free(&out);
	}
	doc_free(doc);
	diag_free(d);
	return 0;
}
