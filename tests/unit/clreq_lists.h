/* clreq_lists.h: the clreq.md character lists, written out independently of src/layout/clreq.c
   so that the layout tests check the rules themselves, not the module's own tables. */
#ifndef PAIBAN_TEST_CLREQ_LISTS_H
#define PAIBAN_TEST_CLREQ_LISTS_H
#include <stdint.h>
#include <string.h>
#include "base/utf8.h"

/* KIN-START: never at the start of a line; KIN-END: never at the end. */
static const char kin_start[] = "、，。：；？！,.:;?!”’」』）］｝〕】〗》〉–～·／";
static const char kin_end[] = "“‘「『（［｛〔【〖《〈";
/* full-width marks with a blank half in the Noto CJK fonts (PW-END, PW-START) */
static const char fw_marks[] = "，。、：；！？”’）》〉」』】〕〗］｝“‘（《〈「『【〔〖［｛・．";
/* the opening ones among them: their blank half is on the left */
static const char fw_open[] = "“‘（《〈「『【〔〖［｛";

/* 1 when cp is one of the characters of the UTF-8 list. */
static inline int in_list(const char *list, uint32_t cp)
{
	size_t n = strlen(list);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t l = utf8_decode(list + i, n - i, &c);
		if (c == cp)
			return 1;
		i += l ? l : 1;
	}
	return 0;
}

#endif
