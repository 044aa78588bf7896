/* wording.h: the printed wording of an article's labelled parts, in one place for every writer
   (PDF through layout/compose.c, EPUB through render/epub.c): the dateline "YYYY-MM-DD HH:MM
   来源：…", the byline "（记者 … 通讯员 …）", "关键词：…" and "责任编辑：…" (architecture review R4).

   Each function appends to the caller's buffer and writes nothing when the document has no
   such part; the buffer's oom flag reports a failed allocation. No layout, no fonts. */
#ifndef PAIBAN_WORDING_H
#define PAIBAN_WORDING_H
#include <stddef.h>
#include <stdint.h>

struct buf;
struct doc;

/* The labels themselves (UTF-8, with the full-width colon), in the document's script:
   Simplified by default, Traditional for zh-Hant and zh-HK documents (doc.lang). */
struct wording_labels {
	const char *source, *keywords, *editor; /* 来源：关键词：责任编辑： */
	const char *page;       /* printf format of a page footer: page number, number of pages */
};
/* The labels for doc (borrowed, static). doc may be NULL (Simplified). */
const struct wording_labels *wording_labels(const struct doc *doc);

/* "2022-04-06T14:30:22" -> "2022-04-06 14:30" into out (n bytes; truncated to fit). */
void wording_date(const char *iso, char *out, size_t n);
/* The dateline: the date (wording_date) and "来源：SOURCE" (來源：in Traditional), separated
   by a space. */
void wording_dateline(const struct doc *doc, struct buf *out);
/* The byline "（ROLE NAME NAME ROLE NAME）". When keep is not NULL, each name's byte range
   in out is appended to it as two uint32_t (start, end): a name is never broken (D5). A
   credit without a role whose names are the text's signature (paragraphs of their own among
   the last WORDING_SIGN_PARAS: 吉林省人民政府 over the date closing a 公文) is not repeated;
   nothing is appended when no credit is left. */
#define WORDING_SIGN_PARAS 3
/* The index of the first block of the text's signature (落款): a closing date alone
   (2022年1月27日, 二〇二二年一月二十七日, 2022-01-27) and the signer over it when that is a short
   line without a sentence mark (at most WORDING_SIGNER_MAX characters); n_blocks when the
   text closes otherwise. Print and the EPUB set it flush right. */
#define WORDING_SIGNER_MAX 24
size_t wording_signature(const struct doc *doc);
void wording_byline(const struct doc *doc, struct buf *out, struct buf *keep);
/* "关键词：K1 K2" (關鍵詞：in Traditional). */
void wording_keywords(const struct doc *doc, struct buf *out);
/* The part of an editor credit a reader can use (typography review D13): a staff code joined
   to a name is cut (杨倩_NF4425 -> 杨倩), and a value that is nothing but a CMS user id (ERM523,
   NF4425: ASCII letters, digits, _ and -, with a digit) gives nothing. Its length in bytes from
   s, 0 for none. The model keeps the credit as the page displays it. */
size_t wording_editor_name(const char *s);
/* "责任编辑：NAME" (責任編輯：in Traditional) with wording_editor_name's part of the editor;
   nothing when that is empty. */
void wording_editor(const struct doc *doc, struct buf *out);
/* A list item's marker (no space after it: the writer sets the gap): in an ordered list
   "1." at the first list level, "（1）" at the second, "①" .. "⑳" deeper ("21)" beyond); in a
   bullet list "●", "○", then "■" (full-width shapes: the writer sets them smaller). level: 1 for a top-level list, 2 for a list inside an item
   of another, ... */
void wording_list_marker(int ordered, int number, int level, struct buf *out);

#endif
