/* markdown.h: reader for Markdown articles with YAML front matter -> document model.

   Front matter: a first line `---`, YAML (libyaml), a closing `---` (or `...`) line. Keys:
     title, subtitle, source, url      strings
     published                         a date or date and time (2022-04-06, 2022-04-06 14:30,
                                       2022-04-06T14:30:22+08:00, 2022年4月6日 14:30), stored as
                                       ISO YYYY-MM-DD[THH:MM[:SS]] (a zone suffix is dropped)
     byline                            a list of {role: 记者, names: [张三, 李四]} maps or strings
                                       such as "记者 张三 李四"; or one such string
     editor                            a string (or a list of names, joined with 、)
     keywords                          a list, or one string separated by , ， 、 ; ；
   Unknown keys are warnings at file:line:col; malformed YAML and values of the wrong kind
   (a list where a string belongs) are errors at file:line:col (ERR_SYNTAX).

   Body (md4c, CommonMark with the table and strikethrough extensions): headings (`#` is the
   title when the front matter has none and it stands at top level, else a subhead of level
   2 — or dropped when it repeats the title; `##` level 2 ... `######` level 6), paragraphs
   (soft line breaks joined without a space next to Han text, with one between Latin words;
   hard breaks kept as line breaks), lists (DOC_LIST ordered from their first number /
   bullets, DOC_ITEM holding the item's blocks; no marker in the text), block quotes
   (DOC_QUOTE), code blocks (DOC_CODE: text as written, tabs expanded, no PUNCT-NORM), tables
   (DOC_TABLE / DOC_ROW / DOC_CELL, level 1 for header cells; empty cells kept; an image in a
   cell keeps its alt text there), emphasis / strong / code spans / links (inline spans over
   the normalised text, links with their target; code spans copied verbatim), strikethrough
   (text kept, markup dropped), images `![caption](path "title")` (DOC_IMAGE; caption = the
   alt text, else the title), raw HTML (dropped, with a note). PUNCT-NORM (punct.h) is
   applied to the title, subtitle, paragraphs, headings, cells and captions. Every block gets
   the line and column of its first character of text (a container: of the first text inside
   it). */
#ifndef PAIBAN_MARKDOWN_H
#define PAIBAN_MARKDOWN_H
#include <stddef.h>
#include "../base/diag.h"

struct doc;

/* Limits against hostile input; exceeding one is ERR_LIMIT with a message. */
#define MARKDOWN_MAX_DEPTH 64             /* nested blocks (quotes, lists) */
#define MARKDOWN_MAX_BLOCKS 200000        /* blocks added to the document */
#define MARKDOWN_MAX_BLOCK_BYTES (1u << 20) /* text of one block */
#define MARKDOWN_MAX_YAML_NODES 10000     /* scalars, lists and maps in the front matter */
#define MARKDOWN_MAX_YAML_DEPTH 16        /* nesting in the front matter */
#define MARKDOWN_MAX_FRONT_MATTER (1u << 20) /* bytes of front matter given to libyaml */
#define MARKDOWN_MAX_YAML_VALUE 4096      /* bytes of one front-matter value (title, keywords...) */
#define MARKDOWN_MAX_KEYWORDS 64          /* keywords kept; more are dropped with a warning */

/* Reads text[0..len) (UTF-8, LF line ends, as enc_decode gives it) into doc, which must be
   empty. Returns ERR_OK, ERR_SYNTAX (bad front matter), ERR_INPUT (no text at all),
   ERR_LIMIT or ERR_NOMEM; diagnostics go to d with positions in doc->file. */
enum err md_read(struct doc *doc, const char *text, size_t len, struct diag *d);

#endif
