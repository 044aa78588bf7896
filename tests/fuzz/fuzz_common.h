/* fuzz_common.h: shared helpers of the libFuzzer targets (a diagnostics sink that prints
   nothing, so a fuzzing run is not slowed down by millions of warnings). */
#ifndef PAIBAN_FUZZ_COMMON_H
#define PAIBAN_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "base/diag.h"
#include "style/style.h"
#include "parse/parse.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A diagnostics sink writing to /dev/null (set PAIBAN_FUZZ_VERBOSE=1 to see messages on
   stderr). The FILE is opened once per process and deliberately kept open. */
static inline struct diag *fuzz_diag_new(void)
{
	static FILE *sink;
	if (!sink) {
		const char *v = getenv("PAIBAN_FUZZ_VERBOSE");
		sink = v && *v == '1' ? stderr : fopen("/dev/null", "w");
		if (!sink)
			sink = stderr;
	}
	return diag_new(sink);
}
/* The default style as paiban loads it (roles.conf, then a4-article.style) into st; aborts
   unless run from the repository root. */
static inline void fuzz_default_style(struct style *st)
{
	struct diag *d = diag_new(stderr);
	style_defaults(st);
	const char *styles[] = {"fonts/roles.conf", "styles/a4-article.style"};
	for (size_t i = 0; i < sizeof styles / sizeof *styles; i++)
		if (style_load(st, styles[i], d) != ERR_OK)
			abort();
	diag_free(d);
}
/* An article from fuzz bytes: the first byte picks the reader (page dump, HTML, Markdown), the
   rest is the article; parse_buffer's result (*doc the caller's to free with doc_free). */
static inline enum err fuzz_parse(const uint8_t *data, size_t size, struct diag *d, struct doc **doc)
{
	static const char *const names[] = {"fuzz.txt", "fuzz.html", "fuzz.md"};
	*doc = NULL;
	if (size < 1)
		return ERR_INPUT;
	return parse_buffer(names[data[0] % 3], (const char *)data + 1, size - 1, d, doc);
}
#endif
