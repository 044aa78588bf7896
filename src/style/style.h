/* style.h: style files (the page and text layout of a printed article) -> struct style.

   Format (documented in README.md, "Style files"): UTF-8 lines; `# comment`; `[section]`;
   `key = value`. Lengths take units pt, mm, cm, in, em (relative to the body size), or the
   Chinese 号 sizes (五号, 小四, 三号 ...). Errors are reported as file:line:col and stop the job. */
#ifndef PAIBAN_STYLE_H
#define PAIBAN_STYLE_H
#include <stddef.h>
#include "../base/diag.h"

#define STYLE_NAME_MAX 128
#define STYLE_FAMILIES_MAX 8

enum style_align { STYLE_LEFT, STYLE_CENTER, STYLE_RIGHT, STYLE_JUSTIFY };

/* A font role: families in order (first = primary, then per-character fallback). A family
   written with a trailing '?' ("FangSong?") is optional: when it is not installed the job warns
   and drops it (style_role_drop), and the next family becomes the primary one. */
struct style_role {
	char families[STYLE_FAMILIES_MAX][STYLE_NAME_MAX];
	int n;
	unsigned optional;      /* bit i set: families[i] is optional */
	char file[256];         /* where the role was set (diagnostics); "" for the defaults */
	unsigned line, col;
};

/* Text classes of the printed article. The structure classes (heading-2 .. table) follow the
   original nine; a style file that leaves one out gets it derived when the file is read
   (style_derive): heading-N from [heading], the others from [body] (README "Style files"). */
enum style_class {
	STYLE_BODY, STYLE_TITLE, STYLE_SUBTITLE, STYLE_HEADING, STYLE_MASTHEAD, STYLE_DATELINE,
	STYLE_BYLINE, STYLE_META, STYLE_FOOTER,
	STYLE_HEADING2, STYLE_HEADING3, STYLE_HEADING4, /* subheads by level (deeper: heading-4) */
	STYLE_QUOTE,            /* block quotes: inset on both sides, Kai */
	STYLE_LIST,             /* list items: hanging indent, the marker in the indent */
	STYLE_CODE,             /* preformatted text: monospace, lines as written, ragged */
	STYLE_TABLE,            /* table cells (header cells in the strong role) */
	STYLE_N_CLASSES
};

/* How emphasis (em spans) is printed ([body] emphasis): 着重号 dots under each Han character
   (clreq), the kai role, or the strong role (bold Hei). */
enum style_emphasis { STYLE_EM_DOTS, STYLE_EM_KAI, STYLE_EM_BOLD };

struct style_text {
	char role[32];          /* font role name: body, heading, sans, ... */
	float size;             /* pt */
	float line_pitch;       /* baseline-to-baseline distance as a multiple of size (LEAD) */
	float indent;           /* first-line indent, pt */
	float space_before, space_after; /* pt */
	enum style_align align;
	/* appended: insets from the enclosing measure, pt (quote: both sides; list: the hanging
	   indent of one level, where the item text starts; code: the left inset) */
	float margin_left, margin_right;
};

/* A digest's furniture and front matter (section [digest]; README "Style files"). */
enum style_start { STYLE_START_PAGE, STYLE_START_ODD, STYLE_START_CONTINUE };
enum style_folio { STYLE_FOLIO_DASH, STYLE_FOLIO_PAGE, STYLE_FOLIO_PAGE_OF };
/* What a running head names: the 刊名 and 期号, the page's section (its article's title when
   the section has no name), or the page's article. */
enum style_head { STYLE_HEAD_TITLE, STYLE_HEAD_SECTION, STYLE_HEAD_ARTICLE };

struct style_digest {
	enum style_start start;   /* where each article starts: a new page, a new odd page, or
	                             under the one before (continue) */
	int running_heads;        /* 刊名 + 期号 on even pages, section / article on odd pages */
	enum style_head head_even, head_odd; /* what they name (default: title, article) */
	enum style_folio folio;   /* page numbers: — 1 —, 第 1 页, 第 1 页 / 共 N 页 */
	float masthead_size;      /* the 刊名 on the cover, pt */
	char masthead_role[32];   /* its font role */
	unsigned masthead_color;  /* 0xRRGGBB: the 刊名 (red 套红 for a 简报) */
	unsigned rule_color;      /* the cover's thick rule and the closing block's rules */
	int facing;               /* open as facing pages (odd pages on the right) */
};

struct style {
	char name[STYLE_NAME_MAX];
	float page_w, page_h;   /* pt */
	float margin_top, margin_bottom, margin_left, margin_right; /* pt */
	int rules;              /* draw the rule under the masthead */
	int columns;            /* body columns (1 = none); title, masthead, dateline span them */
	float column_gap;       /* pt, between columns */
	/* grid = LINESxCHARS (GB/T 9704): lines per page and characters per line at the body
	   size. style_parse turns it into grid_w (the measure) and grid_pitch (the distance of
	   grid lines, which every line's height and every space is rounded to). 0: no grid. */
	int grid_lines, grid_chars;
	float grid_w, grid_pitch;
	struct style_text text[STYLE_N_CLASSES];
	/* font roles: body, heading, sans, latin (may be empty), fallback */
	struct style_role role_body, role_heading, role_sans, role_latin, role_fallback;
	/* line breaking (appended; zero is the default) */
	int hang;               /* [body] hang = yes: HANG, 、，。 may hang outside the measure */
	int greedy;             /* [page] line-breaker = greedy: first-fit filler instead of the
				   optimal-fit breaker (for comparison) */
	struct style_digest digest;
	/* (appended) font role song (宋体 where the body is not Song: the gb9704 folio), Noto
	   Serif CJK SC by default */
	struct style_role role_song;
	/* [page] mirror = yes: a bound book's facing pages. Even pages (versos) swap the left and
	   right margins (margin-inner is the left margin of odd pages, the right one of even
	   pages), so the type area, its folio and everything on it move by style_mirror_dx. */
	int mirror;
	/* The printed article's folio ([footer] folio = dash | page | page-of, default page-of),
	   its side ([footer] align = outer: odd pages right, even pages left, `indent` in from the
	   type area's edge) and its place ([footer] drop: the distance from the type area's bottom
	   edge down to the middle of the folio, the 一字线 of — 1 —; 0: centred in the margin). */
	enum style_folio folio;
	int folio_outer;
	float folio_drop;
	/* [masthead] show = no: no masthead line (source and date) above the title; an official
	   document (gb9704) has none */
	int no_masthead;
	/* [masthead] date = yes: the masthead gives the date too (on its right); by default it
	   names the source only, and the date is printed once, in the dateline (review D13) */
	int masthead_date;
	/* structure (appended): font roles kai (楷体: quotes, emphasis), mono (code), strong
	   (bold Hei: strong spans, table header cells) */
	struct style_role role_kai, role_mono, role_strong;
	enum style_emphasis emphasis; /* [body] emphasis = dots | kai | bold */
	unsigned class_set;     /* bit k: a style file had a section [k] (not derived) */
};

/* Fills s with the built-in defaults (a4-article without a file). */
void style_defaults(struct style *s);
/* Reads a style or font-role file into s (on top of what s holds). */
enum err style_load(struct style *s, const char *path, struct diag *d);
/* Parses text (same format) from memory; path names it in diagnostics. */
enum err style_parse(struct style *s, const char *path, const char *text, size_t len, struct diag *d);
/* Fills the structure classes that no style file set (class_set) from the ones they follow:
   heading-2..4 = [heading]; quote, list, code, table from [body] (README "Style files").
   style_defaults and style_parse call it; call it again after changing s by hand. */
void style_derive(struct style *s);
/* The class of a subhead of level (2..6): heading-2, -3, -4 (deeper levels: heading-4), or
   [heading] itself when no style file had that section (a style changed by hand after
   loading keeps its subheads as set in [heading]). */
enum style_class style_heading_class(const struct style *s, int level);
/* A class's name as a style section names it ("body", "heading-2" ...). */
const char *style_class_name(enum style_class k);
/* The role that serves for role `name` when none of its families is installed: body for kai
   and mono, heading for strong; NULL for the others (their primary family is required). */
const char *style_role_parent(const char *name);
/* Returns the role named `name` or NULL. Borrowed. */
const struct style_role *style_role(const struct style *s, const char *name);
/* Parses a length such as "10.5pt", "25mm", "2em", "五号" relative to em (pt). 0 or -1. */
int style_length(const char *v, float em, float *out);
/* Width of a body line (one column), pt: the room between the margins (less the column gaps,
   divided among the columns) rounded down to a whole number of body characters (JUST); with a
   grid, grid_chars characters. */
float style_measure(const struct style *s);
/* Width of the whole type area, pt: all columns and their gaps (== style_measure for one
   column). Titles, masthead, dateline and footer span it. */
float style_span(const struct style *s);
/* Left edge of the type area, pt: margin_left plus half of what the rounding of the measure
   left over (the type area is centred between the margins). */
float style_left(const struct style *s);
/* Left edge of column i (0-based), pt. */
float style_column_left(const struct style *s, int i);
/* The vertical unit every line box and space is a whole number of: the grid's pitch on a
   grid; with columns the body's line pitch, so that baselines line up across the columns
   after a subhead or a note (行格对齐, typography review D4); else 0 (no rounding). */
float style_unit(const struct style *s);
/* Height a line of class k takes (its line pitch), pt; rounded up to whole units
   (style_unit; the body is exactly one). */
float style_pitch(const struct style *s, enum style_class k);
/* A vertical space v (pt) as set: rounded to the nearest whole unit (style_unit). */
float style_vspace(const struct style *s, float v);

/* What page index p (0-based; even indexes are odd pages, rectos) moves horizontally by, pt:
   0 without mirror or on odd pages, else margin_right - margin_left. */
float style_mirror_dx(const struct style *s, size_t p);

/* The Chinese 号 size scale, ascending (八号 5 pt ... 初号 42 pt): number of steps, and step i's
   size (pt) and name. */
int style_hao_count(void);
float style_hao_size(int i);
const char *style_hao_name(int i);
/* --size: moves the body size `steps` steps along the 号 scale (positive = larger) from its
   current size (a size between two steps counts from the nearer step in that direction), and
   scales every other class's size, indent and spaces by the same ratio; the page, margins and
   line-pitch factors stay, so the text re-flows on a whole-character measure. Steps beyond the
   scale, or to a size that leaves fewer than STYLE_MIN_CHARS characters per line, are clamped:
   *applied gets the steps actually made. */
#define STYLE_MIN_CHARS 8
/* --size never sets a class below 六号 (clreq SIZE's minimum for print) that was not already
   smaller: the masthead, dateline and footers stay readable. */
#define STYLE_MIN_PT 7.5f
void style_step_size(struct style *s, int steps, int *applied);
/* Removes family i from role r (an optional family that is not installed). */
void style_role_drop(struct style_role *r, int i);

#endif
