/* fuzz_markdown.c: libFuzzer target for the Markdown reader and its YAML front matter. */
#include <stdlib.h>
#include "fuzz_common.h"
#include "model/doc.h"
#include "parse/parse.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag *d = fuzz_diag_new();
	struct doc *doc = NULL;
	parse_buffer("fuzz.md", (const char *)data, size, d, &doc);
	doc_free(doc);
	diag_free(d);
	return 0;
}
