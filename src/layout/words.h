/* words.h: where words begin and end, for the line breaker of display lines (titles,
   subheads: typography review D5) — ICU's dictionary word segmentation of Chinese — and where a
   long Western word may be hyphenated (libhyphen with the Debian hyphen-* patterns).

   Contract. words_keep writes KEEP ranges (line_params.keep: byte pairs [a, b) in ascending
   order) for the multi-character Chinese words of text, so that a title breaks between words
   when it can (the caller re-breaks without them when a line would overflow). words_hyphens
   marks the hyphenation points of the Western words of text. Both return 0 and write nothing
   useful when their library has nothing to say (ICU fails, no patterns for the language):
   callers then break as before.

   Threads: ICU's break iterators are opened per call (ICU caches its dictionaries itself, thread
   safely). A hyphenation dictionary is loaded once per run (words_hyphs_get) or per job
   (words_hyph_load) and only read after: words_hyphens may run in several threads on one
   dictionary. */
#ifndef PAIBAN_WORDS_H
#define PAIBAN_WORDS_H
#include <stddef.h>
#include <stdint.h>
#include "../base/buf.h"

/* Appends to out (uint32_t pairs) a KEEP range for every word of text[0..len) that ICU's word
   break iterator (the dictionary for Han) segments as an ideographic word of 2 to
   WORDS_KEEP_MAX characters. Returns the number of ranges appended; 0 when ICU fails. */
#define WORDS_KEEP_MAX 8
size_t words_keep(const char *text, size_t len, struct buf *out);

struct words_hyph;

/* Loads the hyphenation patterns for language tag lang ("en", "en-US", "de" ...) from
   WORDS_HYPH_DIR (hyph_<ll>_<CC>.dic, then hyph_<ll>.dic): NULL when none is installed
   (Debian's hyphen-en-us gives English). Free with words_hyph_free. */
#define WORDS_HYPH_DIR "/usr/share/hyphen"
struct words_hyph *words_hyph_load(const char *lang);
void words_hyph_free(struct words_hyph *h);
/* Patterns by language for the jobs of a run (job_env): each language's file is read once
   (hnj_hyphen_load parses ~37 M instructions' worth for English), by the first job that
   needs it, under the cache's lock; the patterns are only read after, by any thread. */
struct words_hyphs;
struct words_hyphs *words_hyphs_new(void);   /* NULL when out of memory */
void words_hyphs_free(struct words_hyphs *c);
/* words_hyph_load(lang) once per lang (the tag as given) for the cache: borrowed, immutable,
   valid until words_hyphs_free; NULL when no patterns are installed for lang (remembered too)
   or out of memory. */
const struct words_hyph *words_hyphs_get(struct words_hyphs *c, const char *lang);

/* The language the patterns were loaded for ("en_US"). */
const char *words_hyph_lang(const struct words_hyph *h);

/* Hyphenation points of the Western words of text[0..len): for each byte offset b at which a
   word may be broken with a hyphen (between two letters, at least WORDS_HYPH_MIN_LEFT letters
   from the word's start and WORDS_HYPH_MIN_RIGHT from its end, words of WORDS_HYPH_MIN_WORD
   letters or more, ASCII letters only; never inside a URL, an e-mail address, a word with
   digits or a word with a capital after its first letter: JavaScript, iPhone, NASDAQ),
   appends b (uint32_t) to out, ascending. Returns the number appended. */
#define WORDS_HYPH_MIN_WORD 6
#define WORDS_HYPH_MIN_LEFT 2
#define WORDS_HYPH_MIN_RIGHT 3
size_t words_hyphens(const struct words_hyph *h, const char *text, size_t len, struct buf *out);

#endif
