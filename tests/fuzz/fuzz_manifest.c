/* fuzz_manifest.c: libFuzzer target for the digest manifest reader (YAML through libyaml's
   event API, README "Digests"). Article paths are resolved but never opened here. */
#include <stdlib.h>
#include "fuzz_common.h"
#include "parse/manifest.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) { return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag *d = fuzz_diag_new();
	struct manifest *m = NULL;
	manifest_parse((const char *)data, size, "fuzz.yaml", ".", d, &m);
	manifest_free(m);
	diag_free(d);
	return 0;
}
