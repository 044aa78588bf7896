/* fuzz_style.c: libFuzzer target for the style-file reader, then the derived geometry
   (measure, type area, columns) that the layout asks of a parsed style. */
#include <stdlib.h>
#include "fuzz_common.h"
#include "style/style.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag *d = fuzz_diag_new();
	struct style s;
	style_defaults(&s);
	if (style_parse(&s, "fuzz.style", (const char *)data, size, d) == ERR_OK) {
		volatile float sink = style_measure(&s) + style_span(&s) + style_left(&s);
		for (int i = 0; i < s.columns && i < 16; i++)
			sink += style_column_left(&s, i);
		int done;
		style_step_size(&s, 3, &done);
		style_step_size(&s, -6, &done);
		(void)sink;
	}
	diag_free(d);
	return 0;
}
