/* words.c: ICU word segmentation for display lines; libhyphen hyphenation points (words.h). */
#include "words.h"
#include "../base/utf8.h"
#include <hyphen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

size_t words_keep(const char *text, size_t len, struct buf *out)
{
	if (!len || len > INT32_MAX)
		return 0;
	UErrorCode st = U_ZERO_ERROR;
	UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
	UBreakIterator *bi = U_SUCCESS(st) ? ubrk_open(UBRK_WORD, "zh", NULL, 0, &st) : NULL;
	if (U_SUCCESS(st))
		ubrk_setUText(bi, ut, &st);
	size_t n = 0;
	if (U_SUCCESS(st)) {
		/* with a UTF-8 UText the iterator's indexes are byte offsets */
		int32_t a = ubrk_first(bi);
		for (int32_t b = ubrk_next(bi); b != UBRK_DONE; a = b, b = ubrk_next(bi)) {
			int32_t status = ubrk_getRuleStatus(bi);
			if (status < UBRK_WORD_IDEO || status >= UBRK_WORD_IDEO_LIMIT || a < 0 ||
			    (size_t)b > len)
				continue;
			size_t chars = 0;
			for (size_t k = (size_t)a; k < (size_t)b;) {
				uint32_t cp;
				size_t l = utf8_decode(text + k, (size_t)b - k, &cp);
				k += l ? l : 1;
				chars++;
			}
			if (chars < 2 || chars > WORDS_KEEP_MAX)
				continue;
			uint32_t pair[2] = {(uint32_t)a, (uint32_t)b};
			buf_put(out, (const char *)pair, sizeof pair);
			n++;
		}
	}
	if (bi)
		ubrk_close(bi);
	utext_close(ut);
	return U_SUCCESS(st) ? n : 0;
}

struct words_hyph {
	HyphenDict *dict;
	char lang[16];
};

struct words_hyph *words_hyph_load(const char *lang)
{
	if (!lang || !*lang)
		return NULL;
	/* ll and CC from a BCP 47 tag: en, en-US, en_GB, de-DE-1996 ... */
	char ll[4] = "", cc[4] = "";
	size_t i = 0;
	while (i < 3 && ((lang[i] | 0x20) >= 'a' && (lang[i] | 0x20) <= 'z')) {
		ll[i] = (char)(lang[i] | 0x20);
		i++;
	}
	ll[i] = 0;
	if (i < 2 || (lang[i] && lang[i] != '-' && lang[i] != '_'))
		return NULL;
	if (lang[i] && (lang[i + 1] | 0x20) >= 'a' && (lang[i + 1] | 0x20) <= 'z' &&
	    (lang[i + 2] | 0x20) >= 'a' && (lang[i + 2] | 0x20) <= 'z' &&
	    (!lang[i + 3] || lang[i + 3] == '-' || lang[i + 3] == '_')) {
		cc[0] = (char)(lang[i + 1] & ~0x20);
		cc[1] = (char)(lang[i + 2] & ~0x20);
		cc[2] = 0;
	}
	char path[256];
	HyphenDict *d = NULL;
	char used[16] = "";
	if (*cc) {
		snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", WORDS_HYPH_DIR, ll, cc);
		if ((d = hnj_hyphen_load(path)))
			snprintf(used, sizeof used, "%s_%s", ll, cc);
	}
	if (!d) {
		snprintf(path, sizeof path, "%s/hyph_%s.dic", WORDS_HYPH_DIR, ll);
		if ((d = hnj_hyphen_load(path)))
			snprintf(used, sizeof used, "%s", ll);
	}
	if (!d)
		return NULL;
	struct words_hyph *h = calloc(1, sizeof *h);
	if (!h) {
		hnj_hyphen_free(d);
		return NULL;
	}
	h->dict = d;
	snprintf(h->lang, sizeof h->lang, "%s", used);
	return h;
}

void words_hyph_free(struct words_hyph *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	free(h);
}

struct words_hyphs {
	pthread_mutex_t lock;   /* guards the list; an entry never changes once added */
	struct words_hyphs_entry {
		struct words_hyphs_entry *next;
		struct words_hyph *h; /* NULL: no patterns for the language */
		char lang[];
	} *first;
};

struct words_hyphs *words_hyphs_new(void)
{
	struct words_hyphs *c = calloc(1, sizeof *c);
	if (c && pthread_mutex_init(&c->lock, NULL)) {
		free(c);
		return NULL;
	}
	return c;
}

void words_hyphs_free(struct words_hyphs *c)
{
	if (!c)
		return;
	for (struct words_hyphs_entry *e = c->first, *nx; e; e = nx) {
		nx = e->next;
		words_hyph_free(e->h);
		free(e);
	}
	pthread_mutex_destroy(&c->lock);
	free(c);
}

const struct words_hyph *words_hyphs_get(struct words_hyphs *c, const char *lang)
{
	if (!lang)
		return NULL;
	pthread_mutex_lock(&c->lock);
	struct words_hyphs_entry *e = c->first;
	while (e && strcmp(e->lang, lang))
		e = e->next;
	if (!e) {
		size_t n = strlen(lang);
		if ((e = malloc(sizeof *e + n + 1))) {
			memcpy(e->lang, lang, n + 1);
			e->h = words_hyph_load(lang);
			e->next = c->first;
			c->first = e;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return e ? e->h : NULL;
}

const char *words_hyph_lang(const struct words_hyph *h)
{
	return h ? h->lang : "";
}

static int words_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Is the printable-ASCII run around [a, b) a URL or an e-mail address (://, www., @)? */
static int words_in_url(const char *text, size_t len, size_t a, size_t b)
{
	while (a > 0 && text[a - 1] > 0x20 && text[a - 1] < 0x7F)
		a--;
	while (b < len && text[b] > 0x20 && text[b] < 0x7F)
		b++;
	for (size_t k = a; k < b; k++)
		if (text[k] == '@' || (k + 2 < b && text[k] == ':' && text[k + 1] == '/' && text[k + 2] == '/') ||
		    (k + 4 <= b && (k == a) && !strncasecmp(text + k, "www.", 4)))
			return 1;
	return 0;
}

size_t words_hyphens(const struct words_hyph *h, const char *text, size_t len, struct buf *out)
{
	if (!h)
		return 0;
	size_t n = 0;
	char word[MAX_CHARS], hy[MAX_CHARS + 5];
	for (size_t i = 0; i < len;) {
		if (!words_alpha((unsigned char)text[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && words_alpha((unsigned char)text[j]))
			j++;
		size_t wl = j - i;
		/* a word: letters between two non-letters that are no digits, no letters of another
		   script (a byte >= 0x80 right against it is fine: Han text) */
		int clean = (i == 0 || !((unsigned char)text[i - 1] >= '0' && (unsigned char)text[i - 1] <= '9')) &&
			    (j == len || !((unsigned char)text[j] >= '0' && (unsigned char)text[j] <= '9'));
		/* a name or an acronym with a capital inside (JavaScript, iPhone, NASDAQ) stays whole */
		for (size_t k = i + 1; clean && k < j; k++)
			if (text[k] >= 'A' && text[k] <= 'Z')
				clean = 0;
		if (clean && wl >= WORDS_HYPH_MIN_WORD && wl < MAX_CHARS - 1 && !words_in_url(text, len, i, j)) {
			for (size_t k = 0; k < wl; k++)
				word[k] = (char)(text[i + k] | 0x20); /* the patterns are lower case */
			word[wl] = 0;
			memset(hy, 0, sizeof hy);
			char **rep = NULL;
			int *pos = NULL, *cut = NULL;
			int bad = hnj_hyphen_hyphenate2(h->dict, word, (int)wl, hy, NULL, &rep, &pos, &cut);
			if (rep) { /* non-standard hyphenation (Dutch ij, German ck): not used */
				for (size_t k = 0; k < wl; k++)
					free(rep[k]);
				free(rep);
				free(pos);
				free(cut);
				bad = 1;
			}
			if (!bad) {
				for (size_t k = WORDS_HYPH_MIN_LEFT - 1; k + WORDS_HYPH_MIN_RIGHT < wl; k++)
					if (hy[k] & 1) {
						uint32_t b = (uint32_t)(i + k + 1);
						buf_put(out, (const char *)&b, sizeof b);
						n++;
					}
			}
		}
		i = j;
	}
	return n;
}
