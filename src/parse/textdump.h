/* textdump.h: reader for plain text copied from a news web page -> document model. */
#ifndef PAIBAN_TEXTDUMP_H
#define PAIBAN_TEXTDUMP_H
#include <stddef.h>
#include "../base/diag.h"

struct doc;

/* Limits against hostile input; exceeding one is ERR_LIMIT with a message. */
#define DUMP_MAX_BLOCKS 200000          /* paragraphs and headings */
#define DUMP_MAX_LINES (4u << 20)       /* non-blank input lines */
#define DUMP_MAX_LINE_BYTES (1u << 20)  /* bytes in one input line (one paragraph) */

/* Heuristic thresholds, in characters (code points). */
#define DUMP_SUBHEAD_MAX 30   /* a subhead is at most this long */
#define DUMP_SUBTITLE_MAX 60  /* a subtitle under the title, likewise */
#define DUMP_META_MAX 200     /* longer lines are never read as metadata lines */
#define DUMP_NAME_MAX 12      /* one name in a byline */

/* Size of the buffer dump_date writes: "YYYY-MM-DDTHH:MM:SS" and a NUL. */
#define DUMP_ISO_MAX 20

/* Reads text[0..len) (UTF-8, LF line ends, as enc_decode gives it) into doc, which must be
   empty. The first line that is neither page chrome nor metadata is the title; then come
   metadata lines (date, source, bylines...), the body, and trailing metadata; related-article
   lists at the end are cut. Every block and field gets the position (doc->file, line, 1) of the
   line it came from; PUNCT-NORM is applied to the title, subtitle, paragraphs and headings.
   Returns ERR_OK, ERR_INPUT (no text at all), ERR_LIMIT or ERR_NOMEM; diagnostics go to d. */
enum err dump_read(struct doc *doc, const char *text, size_t len, struct diag *d);

/* dump_read for a page dump as a user pastes it: first narrows the text to the article
   (menus, share buttons, related lists and footers around it are dropped; textdump.c). */
enum err dump_read_page(struct doc *doc, const char *text, size_t len, struct diag *d);

/* Parses a date at the start of s[0..n): 2022-04-06 14:30:22, 2022-04-06 14:30, 2022/4/6,
   2022.4.6, 2022年4月6日 14:30, 2022年04月06日08:12, 2022年4月6日 14时30分 ... Writes the ISO form
   with the parts present (2022-04-06, 2022-04-06T14:30, 2022-04-06T14:30:22) to iso and
   returns the number of bytes read; 0 (iso untouched) when no valid date starts here. */
size_t dump_date(const char *s, size_t n, char iso[DUMP_ISO_MAX]);

/* Reads a reporter's credit closing the paragraph text t (（王煌忠／台中報導）, （記者陳志明/台北报道）,
   （姚峰 上海报道）) into doc's byline, with position pos; the text is not changed. ERR_OK also
   when there is none; ERR_NOMEM. */
enum err dump_report_credit(struct doc *doc, const char *t, struct srcpos pos);

/* Whether s[0..n) is a post's footer: a posting key (发表于, 发布时间, 发帖时间, Posted, 张贴于 …)
   then, within a few spaces or a colon, a date (blogs and forums, under the post). */
int dump_posted(const char *s, size_t n);
/* A post's footer that names its poster first: NAME 发表在 SITE, NAME 發表於 2014/01/01 (blogs:
   史蒂文的家_藍天 發表在 痞客邦 PIXNET 留言(42)). The name is all that comes before the verb: 2
   to DUMP_POSTER_MAX characters without spaces, colons or sentence punctuation; something must
   follow the verb. Returns 1 and the name's offset and length in s. */
#define DUMP_POSTER_MAX 20
int dump_post_signed(const char *s, size_t n, size_t *ns, size_t *nn);

/* Whether the token s[0..n) is a byline role word, the same for every reader: 记者, 通讯员,
   执笔人, 摄影 … (Traditional forms too), 文, 图, 文图 as whole tokens, and a role with an outlet
   or rank glued in front (湖北日报全媒记者, 本报通讯员, 特约记者). Editor roles (责任编辑 …) are
   not byline roles. */
int dump_byline_role(const char *s, size_t n);

/* The class dump_read gives a line on its own (pass 1 of the contract), for other readers
   that assemble lines of page text (the HTML reader). */
enum dump_line_class {
	DUMP_LINE_TEXT,   /* article text */
	DUMP_LINE_CHROME, /* page chrome: 打印 放大 缩小, 分享到..., breadcrumbs, footers */
	DUMP_LINE_TAIL,   /* a related-article list heading: 最近更新, 相关新闻... */
	DUMP_LINE_END,    /* an end mark alone: （完） */
	DUMP_LINE_META    /* nothing but metadata: dates, 来源：, credits, 责任编辑：... */
};

/* Classifies the trimmed UTF-8 line s[0..n) exactly as dump_read does; doc (borrowed, not
   modified) names the file in positions only. Nothing is stored. */
enum dump_line_class dump_line_kind(struct doc *doc, const char *s, size_t n);

#endif
