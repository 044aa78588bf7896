/* fuzz_textdump.c: libFuzzer target for the page-dump reader (decoding, chrome, fields). */
#include <stdlib.h>
#include "fuzz_common.h"
#include "model/doc.h"
#include "parse/parse.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag *d = fuzz_diag_new();
	struct doc *doc = NULL;
	parse_buffer("fuzz.txt", (const char *)data, size, d, &doc);
	doc_free(doc);
	diag_free(d);
	return 0;
}
