/* style.h: style files (the page and text layout of a printed article) -> struct style.

   Format (documented in README.md, "Style files"): UTF-8 lines; `# comment`; `[section]`;
   `key = value`. Lengths take units pt, mm, cm, in, em (relative to the body size), or the
   Chinese 号 sizes (五号, 小四, 三号 ...). Errors are reported as file:line:col and stop the job. */
#ifndef PAIBAN_STYLE_H
#define PAIBAN_STYLE_H
#include "../base/diag.h"

#define STYLE_NAME_MAX 128
#define STYLE_FAMILIES_MAX 8

enum style_align { STYLE_LEFT, STYLE_CENTER, STYLE_RIGHT, STYLE_JUSTIFY };

/* A font role: families in order (first = primary, then per-character fallback). */
struct style_role {
	char families[STYLE_FAMILIES_MAX][STYLE_NAME_MAX];
	int n;
};

/* Text classes of the printed article. */
enum style_class {
	STYLE_BODY, STYLE_TITLE, STYLE_SUBTITLE, STYLE_HEADING, STYLE_MASTHEAD, STYLE_DATELINE,
	STYLE_BYLINE, STYLE_META, STYLE_FOOTER, STYLE_N_CLASSES
};

struct style_text {
	char role[32];          /* font role name: body, heading, sans, ... */
	float size;             /* pt */
	float line_pitch;       /* baseline-to-baseline distance as a multiple of size (LEAD) */
	float indent;           /* first-line indent, pt */
	float space_before, space_after; /* pt */
	enum style_align align;
};

struct style {
	char name[STYLE_NAME_MAX];
	float page_w, page_h;   /* pt */
	float margin_top, margin_bottom, margin_left, margin_right; /* pt */
	int rules;              /* draw the rule under the masthead */
	struct style_text text[STYLE_N_CLASSES];
	/* font roles: body, heading, sans, latin (may be empty), fallback */
	struct style_role role_body, role_heading, role_sans, role_latin, role_fallback;
};

/* Fills s with the built-in defaults (a4-article without a file). */
void style_defaults(struct style *s);
/* Reads a style or font-role file into s (on top of what s holds). */
enum err style_load(struct style *s, const char *path, struct diag *d);
/* Parses text (same format) from memory; path names it in diagnostics. */
enum err style_parse(struct style *s, const char *path, const char *text, size_t len, struct diag *d);
/* Returns the role named `name` or NULL. Borrowed. */
const struct style_role *style_role(const struct style *s, const char *name);
/* Parses a length such as "10.5pt", "25mm", "2em", "五号" relative to em (pt). 0 or -1. */
int style_length(const char *v, float em, float *out);
/* Width of the type area, pt: the room between the margins rounded down to a whole number of
   body characters (JUST), the rest shared equally by the left and right margins. */
float style_measure(const struct style *s);
/* Left edge of the type area, pt (margin_left plus half the rounding of style_measure). */
float style_left(const struct style *s);

#endif
