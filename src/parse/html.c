/* html.c: saved news web page -> document model: decode, parse with libxml2, find the
   article's metadata and body, drop the page chrome.

   Contract. The page is decoded to UTF-8 here (html_decode: BOM, declared charset, detection)
   and handed to libxml2's HTML parser as UTF-8 (no network, recovery on, no HTML_PARSE_HUGE so
   libxml2 keeps its nesting cap). Then, in passes over the tree, always iteratively (the
   walker follows parent/children/next links and keeps a depth counter, HTML_MAX_DEPTH):
   1. metadata: <title>, <meta> (og:*, article:*, keywords, author, pubdate...), canonical
      link, <time datetime>, schema.org JSON-LD (headline, datePublished, author, articleBody,
      keywords) read by a small JSON scanner; meta refresh; feed roots (rss, feed, rdf:RDF);
   2. text blocks: the visible text is cut into blocks at block-level elements and <br>
      (paragraphs, headings h1-h6, list items, block quotes, simple table rows with cells
      joined by U+3000 and their cells recorded, <pre> with its spacing kept, images with
      figcaption/alt), with their inline spans; scripts, styles, forms' controls, nav,
      hidden elements and comments are skipped. Each block counts its characters, the
      characters inside links and inside bold;
   3. body: text-density scoring in the spirit of Readability (own design): every block with
      some text gives its length without links to the container holding it and, decreasing,
      to the next two ancestors; a container's score is then scaled by its link density and by
      its class/id words (content/article/正文-like up, comment/share/nav/related-like down,
      header/footer/aside far down). The best container and those of its siblings that score
      close to it hold the body; inside, blocks under chrome-like elements and link-heavy
      blocks (related-article lists) are dropped. When the best container is one of a series
      of boxes with the same element and class and a dated line between each two (blog
      posts, forum replies), the first of them is the body (html_first_post);
   4. reading: the title (from h1, og:title, JSON-LD headline and <title>, cleaned of site
      suffixes), the metadata lines between the title and the body and just after it, and the
      body blocks are joined into lines of page text and read by dump_read (textdump.h), so
      dates, 来源, bylines with roles, editor credits, end marks, chrome lines and related-list
      cuts are recognised exactly as in page dumps; the result is copied into the document
      with the page's line numbers, subheads from the markup (h2-h6, short bold-only
      paragraphs), the structure from the markup (html_add_body: ul/ol/li lists, blockquote,
      pre as DOC_CODE, simple rows of two or more cells as DOC_TABLE/ROW/CELL; containers
      holding the whole body are layout, not kept), inline spans (em/i, strong/b, code, a href:
      recorded in raw offsets in pass 2, translated through PUNCT-NORM by punct_normalize_map
      and located in the text the page-dump reading kept), images put
      back in place with their captions (figcaption, a caption paragraph right after, or alt),
      and fields the text did not give filled from the structured metadata (keywords, url,
      authors: "By ..." lines, JSON-LD, author-marked elements, meta author unless it names
      an organisation; also a bare name under the headline, （姚峰 上海报道） and a post
      footer 由张三张贴 @ ...; a 公文's issuing body, 发文机关：…; last, over an unsigned
      post ending in 发表于 <date>, a bare name as the page's first heading: the blog's
      owner). Published time: the date shown near the title, else structured metadata,
      else a date in the body's last short line or just under the body, else the first
      date before the body.
   Pages that are not articles (feeds, redirects, link lists, pages without text) are
   ERR_INPUT "not an article: <reason>". */
#include "html.h"
#include "encoding.h"
#include "lang.h"
#include "punct.h"
#include "textdump.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../model/doc.h"
#include <errno.h>
#include <iconv.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

#define HTML_PRESCAN_BYTES 32768  /* bytes searched for a <meta> charset declaration */
#define HTML_UTF8_RATIO 50        /* good UTF-8 sequences per bad byte still read as UTF-8 */
#define HTML_ANCESTORS 3          /* ancestors a block's score is given to */
#define HTML_META_BEFORE 40       /* blocks looked at between the title and the body */
#define HTML_META_AFTER 25        /* blocks looked at after the body */
#define HTML_JSON_DEPTH 64        /* JSON-LD nesting followed */
#define HTML_TITLE_MAX 200        /* a longer heading is not the title */
#define HTML_NAME_MAX 60          /* bytes of one author name from metadata */
#define HTML_META_NOTITLE 10      /* blocks looked at before the body when no title heading */
#define HTML_SUBTITLE_MAX 60      /* a subtitle is at most this long */
#define HTML_LEAD_MAX 80          /* a metadata-like line at the head of the body is shorter */
#define HTML_MAX_KEYWORDS 16      /* keywords kept from metadata (site-wide lists are long) */
#define HTML_CREDIT_PARAS 8       /* last paragraphs searched for （王煌忠／台中報導） */
#define HTML_ICON_MAX 40          /* images with a width or height below this are icons */
#define HTML_POST_LEVELS 12       /* levels above a block searched for a post's box */
#define HTML_OWNER_FOOTER 3       /* blocks under the body searched for a post's footer */

enum html_kind {
	HTML_K_PARA, HTML_K_HEAD, HTML_K_LI, HTML_K_QUOTE, HTML_K_ROW, HTML_K_PRE, HTML_K_IMG,
	HTML_K_CAPTION
};

/* Per-element data, found through node->_private (index + 1). */
struct html_stat {
	double score;
	unsigned chars, links;  /* text and link text in the subtree, in code points */
	unsigned li;            /* text of list items in the subtree */
	unsigned char sel;      /* part of the body */
};

/* An inline span of a block (em/i, strong/b, code, a href), in bytes of the block's raw text. */
struct html_span {
	unsigned char kind;     /* enum doc_span_kind */
	size_t start, end;
	size_t seq;             /* opening order: an outer span before an inner one */
	size_t href_off, href_len; /* links: the target in ctx->text */
};

/* A cell of a simple table row, in bytes of the row's raw text. */
struct html_cell {
	size_t start, end;
	unsigned char header;   /* th, or a cell of thead */
};

/* Inline spans nested deeper than this keep their text, not their markup. */
#define HTML_MAX_SPAN_DEPTH 32

struct html_block {
	xmlNode *owner;         /* the block element the text belongs to */
	xmlNode *fig;           /* images and captions: the enclosing <figure>, if any */
	size_t off, len;        /* text (UTF-8) in ctx->text; images: the caption */
	size_t src_off, src_len;/* images: src as written in the page */
	unsigned chars, links, bold;
	unsigned line;
	unsigned char kind, level, body, used;
	int num;                /* list items: number in an <ol>, 0 for a bullet */
	size_t sp_first, sp_n;  /* its spans in ctx->spans */
	size_t cell_first, cell_n; /* simple rows: its cells in ctx->cells */
};

struct html_ctx {
	struct doc *doc;
	struct diag *d;
	enum err lang_err;      /* out of memory keeping the declared language */
	xmlDoc *xml;
	struct buf text;        /* block texts */
	struct html_block *blocks;
	size_t n_blocks, cap_blocks;
	struct html_stat *stats;
	size_t n_stats, cap_stats;
	size_t nodes;
	/* walker state */
	struct buf cur;
	unsigned cur_chars, cur_links, cur_bold, cur_line;
	int cur_space;
	unsigned a_depth, b_depth, q_depth, pre_depth;
	xmlNode *row;           /* the simple table row being read as one block */
	xmlNode *blk[HTML_MAX_DEPTH + 2];
	size_t n_blk;
	int ol_num[HTML_MAX_DEPTH + 2];
	/* metadata */
	struct buf title_tag, og_title, ld_headline, ld_date, meta_date, time_date, ld_body;
	struct buf keywords, meta_author, ld_authors, url, og_url, site_name, og_type;
	int refresh, feed, ld_article, n_h1;
	int titled;             /* the title is a heading just above the body */
	int centered;           /* body paragraphs are centered, most of them: -1 not known yet */
	int meta_src;           /* a 来源 line was made from an outlet's name under the title */
	int deep;               /* elements nested HTML_MAX_DEPTH deep: deeper text is not read */
	struct buf tmp, synth;
	/* inline spans and table cells of the blocks (pass 2) */
	struct html_span *spans;
	size_t n_spans, cap_spans, sp_seq;
	struct {
		unsigned char kind;
		size_t start, seq, href_off, href_len;
		xmlNode *el;
	} sp_open[HTML_MAX_SPAN_DEPTH];
	int n_sp_open;
	size_t cur_sp_first;    /* the first span of the block being collected */
	struct html_cell *cells;
	size_t n_cells, cap_cells, cur_cell_first;
	size_t cell_start;      /* the open cell of the row being read */
	xmlNode *cell;
	/* assembly: the elements of the open containers of the document (doc->open) */
	xmlNode *open_el[DOC_MAX_DEPTH];
	int n_open_el;
	struct buf norm;
	size_t *marks, *keeps;
	size_t cap_marks;
};

/* ---- small helpers ---- */

static uint32_t html_cp(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	size_t l = utf8_decode(s, n, &cp);
	*len = l ? l : 1;
	return l ? cp : 0xFFFD;
}

static size_t html_count(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static int html_is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 ||
	       c == 0x3000 || c == 0x200B || c == 0xFEFF || (c >= 0x2000 && c <= 0x200A);
}

static void html_trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t m = *n, l;
	while (m && html_is_ws(html_cp(p, m, &l)))
		p += l, m -= l;
	while (m) {
		size_t i = m - 1;
		while (i > 0 && ((unsigned char)p[i] & 0xC0) == 0x80)
			i--;
		if (!html_is_ws(html_cp(p + i, m - i, &l)))
			break;
		m = i;
	}
	*s = p;
	*n = m;
}

static int html_name_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static int html_name_in(const xmlNode *n, const char *const *list, size_t count)
{
	if (!n || n->type != XML_ELEMENT_NODE || !n->name)
		return 0;
	for (size_t i = 0; i < count; i++)
		if (!strcasecmp((const char *)n->name, list[i]))
			return 1;
	return 0;
}

#define HTML_N(a) (sizeof(a) / sizeof((a)[0]))

/* An attribute's value, borrowed from the tree (NULL when absent). */
static const char *html_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name) && a->children &&
		    (a->children->type == XML_TEXT_NODE) && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

/* The node after n in document order inside top's subtree: n's first child when `down` and the
   depth cap allow, else the next sibling of n or of its nearest ancestor below top; NULL when
   the subtree is done. *depth follows the level (iterative: pages nest 100,000 deep). */
static const xmlNode *html_walk_next(const xmlNode *n, const xmlNode *top, unsigned *depth,
				     int down, unsigned max_depth)
{
	if (down && n->children && *depth < max_depth) {
		(*depth)++;
		return n->children;
	}
	while (!n->next) {
		n = n->parent;
		(*depth)--;
		if (!n || n == top)
			return NULL;
	}
	return n->next;
}

/* Appends the text content of n's subtree (iteratively, depth-capped) with whitespace
   collapsed into out. */
static void html_text_of(const xmlNode *top, struct buf *out, size_t max)
{
	const xmlNode *n = top->children;
	unsigned depth = 1;
	int space = 0;
	while (n && out->len < max) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)n->content;
			size_t m = s ? strlen(s) : 0, l;
			for (size_t i = 0; i < m; i += l) {
				uint32_t c = html_cp(s + i, m - i, &l);
				if (html_is_ws(c) && c != 0x3000) {
					space = 1;
					continue;
				}
				if (space && out->len)
					buf_putc(out, ' ');
				space = 0;
				buf_put(out, s + i, l);
			}
		}
		n = html_walk_next(n, top, &depth, n->type == XML_ELEMENT_NODE &&
				   !html_name_is(n, "script") && !html_name_is(n, "style"), HTML_MAX_DEPTH);
	}
}

/* ---- decoding ---- */

/* The iconv name for a charset label (WHATWG aliases for the common ones). */
static const char *html_charset_name(const char *label, char *tmp, size_t cap)
{
	static const char *const gb[] = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "csgb2312",
					 "chinese", "gb_2312-80", "iso-ir-58", "gb_2312", "ms936",
					 "windows-936", "euc-cn", "x-euc-cn", "hz-gb-2312"};
	static const char *const big5[] = {"big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5",
					   "x-big5", "cp950"};
	static const char *const u8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8",
					 "unicode20utf8", "x-unicode20utf8"};
	static const char *const latin[] = {"iso-8859-1", "latin1", "us-ascii", "ascii",
					    "windows-1252", "cp1252", "iso8859-1", "l1", "x-cp1252",
					    "ansi_x3.4-1968"};
	size_t n = 0;
	while (label[n] && n + 1 < cap) {
		tmp[n] = (char)((label[n] >= 'A' && label[n] <= 'Z') ? label[n] + 32 : label[n]);
		n++;
	}
	tmp[n] = 0;
	for (size_t i = 0; i < HTML_N(gb); i++)
		if (!strcmp(tmp, gb[i]))
			return "GB18030";
	for (size_t i = 0; i < HTML_N(big5); i++)
		if (!strcmp(tmp, big5[i]))
			return "BIG5-HKSCS";
	for (size_t i = 0; i < HTML_N(u8); i++)
		if (!strcmp(tmp, u8[i]))
			return "UTF-8";
	for (size_t i = 0; i < HTML_N(latin); i++)
		if (!strcmp(tmp, latin[i]))
			return "WINDOWS-1252";
	return n ? tmp : NULL;
}

/* Reads one attribute (name, value) of a tag at s[*i..n) per the HTML prescan; returns 0 at
   the end of the tag. */
static int html_prescan_attr(const char *s, size_t n, size_t *i, char *name, size_t ncap,
			     char *val, size_t vcap)
{
	size_t p = *i, k = 0;
	while (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r' ||
			 s[p] == '\f' || s[p] == '/'))
		p++;
	if (p >= n || s[p] == '>') {
		*i = p;
		return 0;
	}
	while (p < n && s[p] != '=' && s[p] != '>' && s[p] != ' ' && s[p] != '\t' &&
	       s[p] != '\n' && s[p] != '\r' && s[p] != '/') {
		if (k + 1 < ncap)
			name[k++] = (char)((s[p] >= 'A' && s[p] <= 'Z') ? s[p] + 32 : s[p]);
		p++;
	}
	name[k] = 0;
	val[0] = 0;
	while (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
		p++;
	if (p < n && s[p] == '=') {
		p++;
		while (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
			p++;
		k = 0;
		if (p < n && (s[p] == '"' || s[p] == '\'')) {
			char q = s[p++];
			while (p < n && s[p] != q) {
				if (k + 1 < vcap)
					val[k++] = s[p];
				p++;
			}
			p++;
		} else {
			while (p < n && s[p] != '>' && s[p] != ' ' && s[p] != '\t' && s[p] != '\n' &&
			       s[p] != '\r') {
				if (k + 1 < vcap)
					val[k++] = s[p];
				p++;
			}
		}
		val[k] = 0;
	}
	*i = p;
	return 1;
}

/* The charset in a content-type value: text/html; charset=gb2312. */
static int html_charset_from_content(const char *v, char *out, size_t cap)
{
	const char *p = strcasestr(v, "charset");
	if (!p)
		return 0;
	p += 7;
	while (*p == ' ')
		p++;
	if (*p != '=')
		return 0;
	p++;
	while (*p == ' ' || *p == '"' || *p == '\'')
		p++;
	size_t k = 0;
	while (*p && *p != ';' && *p != ' ' && *p != '"' && *p != '\'' && k + 1 < cap)
		out[k++] = *p++;
	out[k] = 0;
	return k > 0;
}

/* The HTML prescan (WHATWG "prescan a byte stream to determine its encoding", simplified):
   the first <meta charset> or <meta http-equiv=content-type content=...charset=>; also
   notes a BOM-less XML declaration's encoding. Returns 1 and the label in out. */
static int html_prescan(const char *s, size_t n, char *out, size_t cap)
{
	char name[32], val[256];
	if (n > HTML_PRESCAN_BYTES)
		n = HTML_PRESCAN_BYTES;
	for (size_t i = 0; i + 5 < n; i++) {
		if (s[i] != '<')
			continue;
		if (!strncmp(s + i, "<!--", 4)) {
			const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
			if (!e)
				return 0;
			i = (size_t)(e - s) + 2;
			continue;
		}
		if (!strncmp(s + i, "<?xml", 5)) {
			size_t p = i + 5;
			while (html_prescan_attr(s, n, &p, name, sizeof name, val, sizeof val))
				if (!strcmp(name, "encoding") && val[0]) {
					snprintf(out, cap, "%.63s", val);
					return 1;
				}
			continue;
		}
		if (strncasecmp(s + i, "<meta", 5) || i + 5 >= n ||
		    !(s[i + 5] == ' ' || s[i + 5] == '\t' || s[i + 5] == '\n' || s[i + 5] == '\r' ||
		      s[i + 5] == '/'))
			continue;
		size_t p = i + 5;
		int http_ct = 0;
		char cs[64] = "", content[256] = "";
		while (html_prescan_attr(s, n, &p, name, sizeof name, val, sizeof val)) {
			if (!strcmp(name, "charset"))
				snprintf(cs, sizeof cs, "%.63s", val);
			else if (!strcmp(name, "http-equiv") && !strcasecmp(val, "content-type"))
				http_ct = 1;
			else if (!strcmp(name, "content"))
				snprintf(content, sizeof content, "%s", val);
		}
		i = p;
		if (cs[0]) {
			snprintf(out, cap, "%s", cs);
			return 1;
		}
		if (http_ct && html_charset_from_content(content, out, cap))
			return 1;
	}
	return 0;
}

/* Converts s[0..n) from charset `from` to UTF-8 into out. strict: fail (return 1) on the
   first invalid byte; otherwise each invalid byte becomes U+FFFD and is counted in *bad (the
   first offset in *first_bad). Returns -1 when iconv does not know the charset. */
static int html_iconv(const char *from, const char *s, size_t n, int strict, struct buf *out,
		      size_t *bad, size_t *first_bad)
{
	iconv_t cd = iconv_open("UTF-8", from);
	int rc = 0;
	if (cd == (iconv_t)-1)
		return -1;
	*bad = 0;
	char *in = (char *)s;
	size_t left = n;
	while (left) {
		if (buf_reserve(out, left * 2 + 16)) {
			rc = 1;
			break;
		}
		char *o = out->p + out->len;
		size_t room = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &left, &o, &room);
		out->len = (size_t)(o - out->p);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL (truncated at the end) */
		if (strict) {
			rc = 1;
			break;
		}
		if (!*bad)
			*first_bad = (size_t)(in - s);
		(*bad)++;
		buf_pututf8(out, 0xFFFD);
		in++;
		left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	if (out->len)
		out->p[out->len] = 0;
	return out->oom ? 1 : rc;
}

/* Valid UTF-8 multi-byte sequences outnumber invalid bytes HTML_UTF8_RATIO to one. */
static int html_mostly_utf8(const char *s, size_t n)
{
	size_t good = 0, badb = 0;
	for (size_t i = 0; i < n;) {
		if (!((unsigned char)s[i] & 0x80)) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (l) {
			good++;
			i += l;
		} else {
			badb++;
			i++;
		}
	}
	return good >= 10 && badb * HTML_UTF8_RATIO <= good;
}

/* Decodes the page into out (UTF-8). See the contract in html.h. */
static enum err html_decode(struct html_ctx *c, const char *s, size_t n, struct buf *out)
{
	const char *file = c->doc->file;
	struct srcpos at = {file, 0, 0};
	char label[64], tmp[64], ucs[64] = "";
	const char *declared = NULL, *used = NULL;
	size_t bad = 0, first_bad = 0, bom = 0;
	int rc;

	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		used = "UTF-8";
		s += 3, n -= 3;
	} else if (n >= 2 && !memcmp(s, "\xFF\xFE", 2)) {
		used = "UTF-16LE";
		s += 2, n -= 2;
	} else if (n >= 2 && !memcmp(s, "\xFE\xFF", 2)) {
		used = "UTF-16BE";
		s += 2, n -= 2;
	}
	if (used) {
		bom = strcmp(used, "UTF-8") ? 2 : 3;
		rc = html_iconv(used, s, n, 0, out, &bad, &first_bad);
		goto check;
	}
	if (html_prescan(s, n, label, sizeof label))
		declared = html_charset_name(label, tmp, sizeof tmp);
	int utf8_ok = utf8_check(s, n) == n;
	int ascii = 1;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = !((unsigned char)s[i] & 0x80);
	/* HZ (7-bit GB2312 between ~{ and ~}): declared or not, it is plain ASCII to everything
	   else, and would be printed as escapes */
	if (ascii && enc_is_hz(s, n)) {
		enum err e = enc_hz_decode(s, n, out);
		if (e != ERR_ENCODING) {
			if (!e)
				diag_at(c->d, DIAG_NOTE, at, "the page is HZ-encoded GB2312 (~{ ... ~}); "
					"decoded%s", declared ? "" : " (no charset declared)");
			return e;
		}
		buf_reset(out);
	}
	if (ascii || (utf8_ok && (!declared || !strcmp(declared, "UTF-8")))) {
		buf_put(out, s, n);
		return out->oom ? ERR_NOMEM : ERR_OK;
	}
	/* what the bytes look like (uchardet), for the checks below */
	uchardet_t ud = uchardet_new();
	if (ud) {
		if (!uchardet_handle_data(ud, s, n)) {
			uchardet_data_end(ud);
			const char *g = uchardet_get_charset(ud);
			if (g && *g)
				snprintf(ucs, sizeof ucs, "%s", g);
		}
		uchardet_delete(ud);
	}
	char tmp2[64];
	const char *guess = ucs[0] ? html_charset_name(ucs, tmp2, sizeof tmp2) : NULL;
	if (declared && strcmp(declared, "UTF-8")) {
		/* GB and Big5 bytes often decode as each other: trust the detector when it names
		   the other one and the bytes decode cleanly as it */
		int cjk_pair = guess && ((!strcmp(declared, "GB18030") && !strcmp(guess, "BIG5-HKSCS")) ||
					 (!strcmp(declared, "BIG5-HKSCS") && !strcmp(guess, "GB18030")));
		if (cjk_pair && html_iconv(guess, s, n, 1, out, &bad, &first_bad) == 0) {
			diag_at(c->d, DIAG_WARNING, at,
				"the page declares charset '%s' but reads as %s (detected); read as %s",
				label, guess, guess);
			return ERR_OK;
		}
		buf_reset(out);
		if (utf8_ok) {
			diag_at(c->d, DIAG_WARNING, at,
				"the page declares charset '%s' but is valid UTF-8; read as UTF-8", label);
			buf_put(out, s, n);
			return out->oom ? ERR_NOMEM : ERR_OK;
		}
		rc = html_iconv(declared, s, n, 1, out, &bad, &first_bad);
		if (rc == 0)
			return ERR_OK;
		buf_reset(out);
		if (rc < 0)
			diag_at(c->d, DIAG_WARNING, at, "unknown charset '%s' declared", label);
	}
	/* mostly UTF-8 with a few bad bytes: GB18030 would misread the whole page to rescue
	   them (as enc_decode does for page dumps) */
	if (html_mostly_utf8(s, n) && (!declared || !strcmp(declared, "UTF-8"))) {
		buf_reset(out);
		used = "UTF-8";
		rc = html_iconv(used, s, n, 0, out, &bad, &first_bad);
		goto check;
	}
	/* no usable declaration, or one the bytes contradict: detect */
	const char *trials[4] = {guess, "GB18030", "BIG5-HKSCS", NULL};
	for (size_t t = 0; t < HTML_N(trials); t++) {
		if (!trials[t] || (declared && !strcmp(trials[t], declared)) ||
		    !strcmp(trials[t], "UTF-8"))
			continue;
		buf_reset(out);
		if (html_iconv(trials[t], s, n, 1, out, &bad, &first_bad) == 0) {
			if (declared)
				diag_at(c->d, DIAG_WARNING, at,
					"the page declares charset '%s' but does not decode as it; "
					"detected and read as %s", label, trials[t]);
			else
				diag_at(c->d, DIAG_WARNING, at,
					"the page declares no charset; detected and read as %s", trials[t]);
			return ERR_OK;
		}
	}
	/* nothing decodes cleanly: the declared charset (or UTF-8) with replacements */
	buf_reset(out);
	used = declared ? declared : "UTF-8";
	rc = html_iconv(used, s, n, 0, out, &bad, &first_bad);
	if (rc < 0) {
		used = "UTF-8";
		buf_reset(out);
		rc = html_iconv(used, s, n, 0, out, &bad, &first_bad);
	}
check:
	if (rc) {
		diag_at(c->d, DIAG_ERROR, at, "cannot decode the page as %s", used);
		return out->oom ? ERR_NOMEM : ERR_ENCODING;
	}
	if (bad)
		diag_at(c->d, DIAG_WARNING, at,
			"%zu invalid byte(s) for charset %s (first at byte offset %zu), replaced by U+FFFD",
			bad, used, first_bad + bom);
	return ERR_OK;
}

/* ---- JSON-LD ---- */

/* Reads a JSON string at s[*i] (the opening quote) into out (unescaped); returns 0 on a
   malformed string. */
static int html_json_str(const char *s, size_t n, size_t *i, struct buf *out)
{
	size_t p = *i + 1;
	while (p < n && s[p] != '"') {
		if (s[p] != '\\') {
			buf_putc(out, s[p++]);
			continue;
		}
		if (++p >= n)
			return 0;
		char e = s[p++];
		switch (e) {
		case 'n': buf_putc(out, '\n'); break;
		case 't': case 'r': case 'f': case 'b': buf_putc(out, ' '); break;
		case 'u': {
			unsigned v = 0;
			for (int k = 0; k < 4; k++, p++) {
				if (p >= n)
					return 0;
				char h = s[p];
				v = v * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0' :
					(h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10 : 0);
			}
			if (v >= 0xD800 && v < 0xDC00 && p + 6 <= n && s[p] == '\\' && s[p + 1] == 'u') {
				unsigned w = 0;
				for (int k = 2; k < 6; k++) {
					char h = s[p + (size_t)k];
					w = w * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0' :
						(h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10 : 0);
				}
				if (w >= 0xDC00 && w < 0xE000) {
					v = 0x10000 + ((v - 0xD800) << 10) + (w - 0xDC00);
					p += 6;
				}
			}
			buf_pututf8(out, v);
			break;
		}
		default: buf_putc(out, e); break;
		}
	}
	if (p >= n)
		return 0;
	*i = p + 1;
	return 1;
}

/* Stores one JSON-LD string value by its key and the key of the enclosing member. */
static void html_json_value(struct html_ctx *c, const char *key, const char *outer,
			    const char *v, size_t vn)
{
	if (!strcmp(key, "@type")) {
		if (memmem(v, vn, "Article", 7) || memmem(v, vn, "BlogPosting", 11) ||
		    memmem(v, vn, "Report", 6))
			c->ld_article = 1;
		return;
	}
	if (!strcmp(key, "headline") && !c->ld_headline.len)
		buf_put(&c->ld_headline, v, vn);
	else if (!strcmp(key, "datePublished") && !c->ld_date.len)
		buf_put(&c->ld_date, v, vn);
	else if (!strcmp(key, "articleBody") && vn > c->ld_body.len) {
		buf_reset(&c->ld_body);
		buf_put(&c->ld_body, v, vn);
	} else if ((!strcmp(key, "author") || (!strcmp(key, "name") && !strcmp(outer, "author"))) &&
		   vn && vn < HTML_NAME_MAX) {
		if (c->ld_authors.len)
			buf_putc(&c->ld_authors, '\n');
		buf_put(&c->ld_authors, v, vn);
	} else if (!strcmp(key, "keywords") && c->keywords.len < HTML_NAME_MAX * 16) {
		if (c->keywords.len)
			buf_putc(&c->keywords, ',');
		buf_put(&c->keywords, v, vn);
	}
}

/* Scans one JSON-LD script: an iterative scanner that tracks, per open object, the key being
   read, and hands string values to html_json_value. Malformed JSON just stops the scan. */
static void html_jsonld(struct html_ctx *c, const char *s, size_t n)
{
	char keys[HTML_JSON_DEPTH][32];
	char isobj[HTML_JSON_DEPTH];
	int depth = 0, expect_key = 0;
	struct buf str;
	buf_init(&str);
	if (n > HTML_MAX_JSONLD)
		n = HTML_MAX_JSONLD;
	for (size_t i = 0; i < n;) {
		char ch = s[i];
		if (ch == '{' || ch == '[') {
			if (depth >= HTML_JSON_DEPTH - 1)
				break;
			depth++;
			isobj[depth] = ch == '{';
			/* an array inherits the key it is the value of */
			if (ch == '[')
				snprintf(keys[depth], sizeof keys[depth], "%s", depth > 1 ? keys[depth - 1] : "");
			else
				keys[depth][0] = 0;
			expect_key = ch == '{';
			i++;
		} else if (ch == '}' || ch == ']') {
			if (depth > 0)
				depth--;
			expect_key = 0;
			i++;
		} else if (ch == ',') {
			expect_key = depth > 0 && isobj[depth];
			i++;
		} else if (ch == ':') {
			expect_key = 0;
			i++;
		} else if (ch == '"') {
			buf_reset(&str);
			if (!html_json_str(s, n, &i, &str) || str.oom)
				break;
			if (expect_key && depth > 0) {
				snprintf(keys[depth], sizeof keys[depth], "%.*s", (int)str.len,
					 str.p ? str.p : "");
			} else if (depth > 0) {
				const char *key = keys[depth];
				const char *outer = "";
				/* the key this object is the value of: skip arrays upward */
				for (int k = depth - 1; k > 0; k--)
					if (isobj[k]) {
						outer = keys[k];
						break;
					}
				if (!isobj[depth]) { /* array element: its key is the array's */
					outer = "";
					for (int k = depth - 1; k > 0; k--)
						if (isobj[k]) {
							outer = keys[k];
							break;
						}
					key = outer;
					outer = "";
					for (int k = depth - 1, seen = 0; k > 0; k--)
						if (isobj[k] && seen++) {
							outer = keys[k];
							break;
						}
				}
				html_json_value(c, key, outer, str.p ? str.p : "", str.len);
			}
		} else {
			i++;
		}
	}
	buf_free(&str);
}

/* ---- pass 1: metadata ---- */

static void html_meta_tag(struct html_ctx *c, const xmlNode *n)
{
	const char *key = html_attr(n, "property");
	const char *v = html_attr(n, "content");
	if (!key)
		key = html_attr(n, "name");
	if (!key)
		key = html_attr(n, "itemprop");
	const char *he = html_attr(n, "http-equiv");
	if (he && v && !strcasecmp(he, "refresh") && strcasestr(v, "url"))
		c->refresh = 1;
	/* the language as written; <html lang> (met first) wins; settled by html_read */
	if (he && v && !strcasecmp(he, "content-language") && !c->doc->lang.text && !c->lang_err)
		c->lang_err = doc_set(c->doc, &c->doc->lang, v, (size_t)-1,
				      (struct srcpos){c->doc->file, (unsigned)xmlGetLineNo((xmlNode *)n), 1});
	if (!key || !v)
		return;
	size_t vn = strlen(v);
	if (!strcasecmp(key, "og:title") && !c->og_title.len)
		buf_put(&c->og_title, v, vn);
	else if (!strcasecmp(key, "og:type") && !c->og_type.len)
		buf_put(&c->og_type, v, vn);
	else if (!strcasecmp(key, "og:url") && !c->og_url.len)
		buf_put(&c->og_url, v, vn);
	else if (!strcasecmp(key, "og:site_name") && !c->site_name.len)
		buf_put(&c->site_name, v, vn);
	else if (!strcasecmp(key, "keywords") && !c->keywords.len)
		buf_put(&c->keywords, v, vn);
	else if ((!strcasecmp(key, "author") || !strcasecmp(key, "article:author") ||
		  !strcasecmp(key, "dc.creator") || !strcasecmp(key, "byl")) && !c->meta_author.len &&
		 vn < HTML_NAME_MAX * 2)
		buf_put(&c->meta_author, v, vn);
	else if ((!strcasecmp(key, "article:published_time") || !strcasecmp(key, "pubdate") ||
		  !strcasecmp(key, "publishdate") || !strcasecmp(key, "datePublished") ||
		  !strcasecmp(key, "publish_date") || !strcasecmp(key, "og:release_date") ||
		  !strcasecmp(key, "dc.date.issued") || !strcasecmp(key, "dc.date") ||
		  !strcasecmp(key, "date") || !strcasecmp(key, "publishtime") ||
		  !strcasecmp(key, "sailthru.date") || !strcasecmp(key, "article.published") ||
		  !strcasecmp(key, "published_time") || !strcasecmp(key, "og:published_time") ||
		  /* article_date_original, publish-date, date_created ... */
		  (strcasestr(key, "date") && (strcasestr(key, "publish") || strcasestr(key, "original") ||
					       strcasestr(key, "creat") || strcasestr(key, "issue")) &&
		   !strcasestr(key, "modif") && !strcasestr(key, "updat"))) &&
		 !c->meta_date.len)
		buf_put(&c->meta_date, v, vn);
}

/* Reads the metadata of the whole tree (pass 1). */
static enum err html_pass_meta(struct html_ctx *c, xmlNode *top)
{
	xmlNode *n = top->children;
	unsigned depth = 1;
	struct buf *t = &c->tmp;
	while (n) {
		if (++c->nodes > HTML_MAX_NODES) {
			diag_at(c->d, DIAG_ERROR, (struct srcpos){c->doc->file, (unsigned)xmlGetLineNo(n), 1},
				"more than %u HTML nodes (HTML_MAX_NODES)", HTML_MAX_NODES);
			return ERR_LIMIT;
		}
		int down = n->type == XML_ELEMENT_NODE;
		if (down && (html_name_is(n, "rss") || html_name_is(n, "feed") ||
			     html_name_is(n, "rdf:rdf") || html_name_is(n, "rdf") ||
			     html_name_is(n, "channel")))
			c->feed = 1;
		if (html_name_is(n, "title") && !c->title_tag.len) {
			html_text_of(n, &c->title_tag, 4096);
			down = 0;
		} else if (html_name_is(n, "html")) {
			const char *l = html_attr(n, "lang");
			if (!l)
				l = html_attr(n, "xml:lang");
			if (l && !c->doc->lang.text && !c->lang_err)
				c->lang_err = doc_set(c->doc, &c->doc->lang, l, (size_t)-1,
						      (struct srcpos){c->doc->file,
								      (unsigned)xmlGetLineNo(n), 1});
		} else if (html_name_is(n, "meta")) {
			html_meta_tag(c, n);
		} else if (html_name_is(n, "link")) {
			const char *rel = html_attr(n, "rel"), *href = html_attr(n, "href");
			if (rel && href && !strcasecmp(rel, "canonical") && !c->url.len)
				buf_puts(&c->url, href);
		} else if (html_name_is(n, "time")) {
			const char *dt = html_attr(n, "datetime");
			if (!dt)
				dt = html_attr(n, "pubdate");
			if (dt && !c->time_date.len)
				buf_puts(&c->time_date, dt);
		} else if (html_name_is(n, "h1")) {
			c->n_h1++;
		} else if (html_name_is(n, "script")) {
			const char *ty = html_attr(n, "type");
			if (ty && strcasestr(ty, "ld+json")) {
				buf_reset(t);
				for (xmlNode *k = n->children; k; k = k->next)
					if (k->content)
						buf_puts(t, (const char *)k->content);
				if (t->oom)
					return ERR_NOMEM;
				html_jsonld(c, t->p ? t->p : "", t->len);
			}
			down = 0;
		} else if (down) {
			const char *ip = html_attr(n, "itemprop");
			if (ip && !strcasecmp(ip, "datePublished") && !c->meta_date.len) {
				const char *v = html_attr(n, "content");
				if (!v)
					v = html_attr(n, "datetime");
				if (v)
					buf_puts(&c->meta_date, v);
			}
		}
		n = (xmlNode *)html_walk_next(n, top, &depth, down, HTML_MAX_DEPTH);
	}
	return ERR_OK;
}

/* ---- pass 2: text blocks ---- */

static const char *const html_skip_tags[] = {
	"script", "style", "noscript", "template", "iframe", "svg", "math", "button", "select",
	"textarea", "input", "nav", "object", "embed", "canvas", "audio", "video", "map", "head",
	"title", "option", "label", "menu", "dialog",
};

static const char *const html_block_tags[] = {
	"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
	"ol", "dl", "dt", "dd", "blockquote", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
	"pre", "figure", "figcaption", "center", "header", "footer", "aside", "address", "body",
	"form", "fieldset", "hr", "caption", "summary", "details",
};

/* Container elements: text directly inside them scores for themselves. */
static const char *const html_container_tags[] = {
	"div", "section", "article", "main", "td", "body", "form", "center", "dd", "blockquote",
};

static int html_is_block(const xmlNode *n)
{
	return html_name_in(n, html_block_tags, HTML_N(html_block_tags));
}

static int html_hidden(const xmlNode *n)
{
	if (html_attr(n, "hidden"))
		return 1;
	const char *st = html_attr(n, "style");
	if (st) {
		const char *p = strcasestr(st, "display");
		if (p) {
			p += 7;
			while (*p == ' ' || *p == ':')
				p++;
			if (!strncasecmp(p, "none", 4))
				return 1;
		}
	}
	const char *ah = html_attr(n, "aria-hidden");
	return ah && !strcasecmp(ah, "true") && !html_name_is(n, "img");
}

/* Class/id words: +1 content-like, -1 chrome-like, 0 neither. Words are matched as prefixes
   of the tokens of class and id (split at - _ space and case changes are not split). */
static int html_class_weight(const xmlNode *n)
{
	static const char *const neg[] = {
		"comment", "share", "sharing", "social", "footer", "foot", "nav", "menu", "sidebar",
		"side", "related", "relate", "recommend", "rec-", "hot", "rank", "breadcrumb", "crumb",
		"copyright", "banner", "advert", "ads", "toolbar", "tool", "login", "popup", "modal",
		"widget", "sponsor", "promo", "subscribe", "newsletter", "header", "masthead", "topbar",
		"bottom", "pager", "pagination", "print", "fontsize", "font-size", "disclaimer",
		"statement", "shengming", "xiangguan", "tuijian", "paihang", "fenxiang", "pinglun",
		"more", "next", "prev", "keyword", "tags", "author-info", "qrcode", "ewm", "erweima",
		"link", "list", "dianzan", "zan",
	};
	static const char *const pos[] = {
		"article", "content", "body", "text", "main", "post", "entry", "story", "detail",
		"cont", "zhengwen", "zw", "txt", "news_txt", "artibody", "rich",
	};
	const char *vals[2] = {html_attr(n, "class"), html_attr(n, "id")};
	/* on a list element, "list" only says what it is (story-body__list-item) */
	static const char *const lists[] = {"ul", "ol", "li"};
	int is_list = html_name_in(n, lists, HTML_N(lists));
	int w = 0;
	for (int k = 0; k < 2; k++) {
		const char *v = vals[k];
		if (!v)
			continue;
		while (*v) {
			while (*v && (*v == ' ' || *v == '-' || *v == '_' || *v == '\t'))
				v++;
			const char *e = v;
			while (*e && *e != ' ' && *e != '-' && *e != '_' && *e != '\t')
				e++;
			size_t tn = (size_t)(e - v);
			for (size_t i = 0; i < HTML_N(neg) && tn; i++) {
				size_t k2 = strlen(neg[i]);
				if (is_list && tn == 4 && !strncasecmp(v, "list", 4))
					break;
				if (tn >= k2 && !strncasecmp(v, neg[i], k2) &&
				    !(k2 <= 3 && tn > k2 + 4)) /* "hot" but not "hotelreview" */
					w = -1;
			}
			for (size_t i = 0; i < HTML_N(pos) && tn && w >= 0; i++) {
				size_t k2 = strlen(pos[i]);
				if (tn >= k2 && !strncasecmp(v, pos[i], k2))
					w = 1;
			}
			v = e;
		}
	}
	return w;
}

/* Chrome elements whatever their class: header, footer, aside. */
static int html_is_chrome_el(const xmlNode *n)
{
	return html_name_is(n, "header") || html_name_is(n, "footer") || html_name_is(n, "aside");
}

static struct html_stat *html_stat(struct html_ctx *c, xmlNode *n)
{
	uintptr_t k = (uintptr_t)n->_private;
	if (k)
		return &c->stats[k - 1];
	if (c->n_stats == c->cap_stats) {
		size_t cap = c->cap_stats ? c->cap_stats * 2 : 256;
		struct html_stat *p = realloc(c->stats, cap * sizeof *p);
		if (!p)
			return NULL;
		c->stats = p;
		c->cap_stats = cap;
	}
	memset(&c->stats[c->n_stats], 0, sizeof *c->stats);
	n->_private = (void *)(uintptr_t)(c->n_stats + 1);
	return &c->stats[c->n_stats++];
}

static struct html_block *html_new_block(struct html_ctx *c)
{
	if (c->n_blocks >= HTML_MAX_BLOCKS)
		return NULL;
	if (c->n_blocks == c->cap_blocks) {
		size_t cap = c->cap_blocks ? c->cap_blocks * 2 : 256;
		struct html_block *p = realloc(c->blocks, cap * sizeof *p);
		if (!p)
			return NULL;
		c->blocks = p;
		c->cap_blocks = cap;
	}
	struct html_block *b = &c->blocks[c->n_blocks++];
	memset(b, 0, sizeof *b);
	return b;
}

static xmlNode *html_up_to(xmlNode *n, const char *name, int levels)
{
	for (int i = 0; n && i < levels; i++, n = n->parent)
		if (html_name_is(n, name))
			return n;
	return NULL;
}

/* Ends the block being collected. */
/* Records the span of the open-span slot k as ending at the current end of the text. */
static enum err html_push_span(struct html_ctx *c, int k)
{
	if (c->sp_open[k].start >= c->cur.len)
		return ERR_OK; /* empty */
	if (c->n_spans == c->cap_spans) {
		size_t cap = c->cap_spans ? c->cap_spans * 2 : 64;
		struct html_span *p = realloc(c->spans, cap * sizeof *p);
		if (!p)
			return ERR_NOMEM;
		c->spans = p;
		c->cap_spans = cap;
	}
	c->spans[c->n_spans++] = (struct html_span){
		c->sp_open[k].kind, c->sp_open[k].start, c->cur.len, c->sp_open[k].seq,
		c->sp_open[k].href_off, c->sp_open[k].href_len};
	return ERR_OK;
}

/* Ends the spans of the block being collected (from `first` on): kept with it, or dropped
   with it; the spans still open go on from 0 in the next block. */
static enum err html_close_spans(struct html_ctx *c, size_t first, int keep)
{
	enum err e = ERR_OK;
	if (!keep)
		c->n_spans = first;
	for (int k = 0; k < c->n_sp_open && keep && !e; k++)
		e = html_push_span(c, k);
	for (int k = 0; k < c->n_sp_open; k++)
		c->sp_open[k].start = 0;
	return e;
}

static enum err html_flush(struct html_ctx *c)
{
	size_t sp_first = c->cur_sp_first, cell_first = c->cur_cell_first;
	if (!c->cur_chars) {
		html_close_spans(c, sp_first, 0);
		c->n_cells = cell_first;
		buf_reset(&c->cur);
		c->cur_links = c->cur_bold = 0;
		c->cur_space = 0;
		return ERR_OK;
	}
	if (c->cur.oom)
		return ERR_NOMEM;
	xmlNode *owner = c->row ? c->row : c->n_blk ? c->blk[c->n_blk - 1] : NULL;
	struct html_block *b = html_new_block(c);
	if (!b) {
		if (c->n_blocks >= HTML_MAX_BLOCKS) {
			diag_at(c->d, DIAG_ERROR, (struct srcpos){c->doc->file, c->cur_line, 1},
				"more than %u text blocks (HTML_MAX_BLOCKS)", HTML_MAX_BLOCKS);
			return ERR_LIMIT;
		}
		return ERR_NOMEM;
	}
	b->owner = owner;
	if (html_close_spans(c, sp_first, 1))
		return ERR_NOMEM;
	b->sp_first = sp_first;
	b->sp_n = c->n_spans - sp_first;
	c->cur_sp_first = c->n_spans;
	if (c->row) {
		b->cell_first = cell_first;
		b->cell_n = c->n_cells - cell_first;
		c->cur_cell_first = c->n_cells;
	}
	b->off = c->text.len;
	buf_put(&c->text, c->cur.p, c->cur.len);
	b->len = c->cur.len;
	b->chars = c->cur_chars;
	b->links = c->cur_links;
	b->bold = c->cur_bold;
	b->line = c->cur_line;
	b->kind = HTML_K_PARA;
	if (c->row)
		b->kind = HTML_K_ROW;
	else if (owner) {
		const char *nm = (const char *)owner->name;
		if ((nm[0] == 'h' || nm[0] == 'H') && nm[1] >= '1' && nm[1] <= '6' && !nm[2]) {
			b->kind = HTML_K_HEAD;
			b->level = (unsigned char)(nm[1] - '0');
		} else if (html_name_is(owner, "li")) {
			b->kind = HTML_K_LI;
			b->num = c->ol_num[c->n_blk - 1];
		} else if (html_name_is(owner, "figcaption")) {
			b->kind = HTML_K_CAPTION;
			b->fig = html_up_to(owner, "figure", 4);
		} else if (c->pre_depth || html_name_is(owner, "pre")) {
			b->kind = HTML_K_PRE;
		} else if (c->q_depth) {
			b->kind = HTML_K_QUOTE;
		}
	}
	buf_reset(&c->cur);
	c->cur_chars = c->cur_links = c->cur_bold = 0;
	c->cur_space = 0;
	return c->text.oom ? ERR_NOMEM : ERR_OK;
}

/* Whether text node n opens an inline element that follows other content in its parent and
   starts with a field label, 1 to 5 Han characters and a colon (<span>来源：证券时报网</span>
   <span>作者：李在山</span>): the page sets such fields apart by their boxes, not by a space,
   and read run together the second label would end up inside the first field's value. */
static int html_label_start(const xmlNode *n)
{
	const xmlNode *p = n->parent;
	if (n->prev || !p || p->type != XML_ELEMENT_NODE || !p->prev || html_is_block(p) ||
	    !n->content)
		return 0;
	const char *s = (const char *)n->content;
	size_t m = strlen(s), i = 0, l, hans = 0;
	while (i < m && html_is_ws(html_cp(s + i, m - i, &l)))
		i += l;
	for (uint32_t ch; i < m && hans <= 5; i += l, hans++) {
		ch = html_cp(s + i, m - i, &l);
		if (ch == ':' || ch == 0xFF1A)
			return hans >= 1 && hans <= 5;
		if (!punct_is_han(ch))
			return 0;
	}
	return 0;
}

static void html_put_text(struct html_ctx *c, const xmlNode *n)
{
	const char *s = (const char *)n->content;
	size_t m = s ? strlen(s) : 0, l;
	if (c->cur.len && !c->pre_depth && html_label_start(n))
		c->cur_space = 1;
	for (size_t i = 0; i < m; i += l) {
		uint32_t ch = html_cp(s + i, m - i, &l);
		if (html_is_ws(ch) && ch != 0x3000 && c->pre_depth) {
			/* preformatted: spaces and line breaks kept as written */
			if (ch != '\r')
				buf_put(&c->cur, s + i, l);
			continue;
		}
		if (html_is_ws(ch) && ch != 0x3000) {
			c->cur_space = 1;
			continue;
		}
		if (!c->cur_chars)
			c->cur_line = (unsigned)xmlGetLineNo((xmlNode *)n);
		if (c->cur_space && c->cur.len)
			buf_putc(&c->cur, ' ');
		c->cur_space = 0;
		buf_put(&c->cur, s + i, l);
		if (ch == 0x3000)
			continue;
		c->cur_chars++;
		c->cur_links += c->a_depth > 0;
		c->cur_bold += c->b_depth > 0;
	}
}

/* A table row read as one block: no block elements (other than its cells) inside. */
static int html_simple_row(const xmlNode *tr)
{
	const xmlNode *n = tr->children;
	unsigned depth = 1, seen = 0;
	while (n) {
		if (++seen > 400)
			return 0;
		if (n->type == XML_ELEMENT_NODE && !html_name_is(n, "td") && !html_name_is(n, "th") &&
		    (html_is_block(n) || html_name_is(n, "img") || html_name_is(n, "br")))
			return 0;
		n = html_walk_next(n, tr, &depth, n->type == XML_ELEMENT_NODE, 16);
	}
	return 1;
}

static int html_dim_small(const xmlNode *n, const char *attr)
{
	const char *v = html_attr(n, attr);
	if (!v || !(*v >= '0' && *v <= '9'))
		return 0;
	return atoi(v) < HTML_ICON_MAX;
}

static enum err html_image(struct html_ctx *c, xmlNode *n)
{
	static const char *const srcs[] = {"src", "data-src", "data-original", "data-lazy-src",
					   "data-url"};
	const char *src = NULL;
	for (size_t i = 0; i < HTML_N(srcs) && !src; i++) {
		src = html_attr(n, srcs[i]);
		if (src && (!*src || !strncmp(src, "data:", 5)))
			src = NULL;
	}
	if (!src || html_dim_small(n, "width") || html_dim_small(n, "height"))
		return ERR_OK;
	enum err e = html_flush(c);
	if (e)
		return e;
	struct html_block *b = html_new_block(c);
	if (!b)
		return c->n_blocks >= HTML_MAX_BLOCKS ? ERR_LIMIT : ERR_NOMEM;
	b->kind = HTML_K_IMG;
	b->owner = n;
	b->fig = html_up_to(n, "figure", 5);
	b->line = (unsigned)xmlGetLineNo(n);
	b->src_off = c->text.len;
	buf_puts(&c->text, src);
	b->src_len = c->text.len - b->src_off;
	b->off = c->text.len;
	const char *alt = html_attr(n, "alt");
	if (!alt)
		alt = html_attr(n, "title");
	if (alt) {
		const char *a = alt;
		size_t an = strlen(alt);
		html_trim(&a, &an);
		buf_put(&c->text, a, an);
	}
	b->len = c->text.len - b->off;
	return c->text.oom ? ERR_NOMEM : ERR_OK;
}

/* The span kind an inline element gives (enum doc_span_kind), or -1: em/i, strong/b, code
   (and kbd, samp, tt), a with a target (not javascript:). */
static int html_span_kind(const xmlNode *n)
{
	static const char *const code[] = {"code", "kbd", "samp", "tt"};
	if (html_name_is(n, "em") || html_name_is(n, "i"))
		return DOC_SPAN_EM;
	if (html_name_is(n, "strong") || html_name_is(n, "b"))
		return DOC_SPAN_STRONG;
	if (html_name_in(n, code, HTML_N(code)))
		return DOC_SPAN_CODE;
	if (html_name_is(n, "a")) {
		const char *h = html_attr(n, "href");
		while (h && (*h == ' ' || *h == '\t' || *h == '\n' || *h == '\r'))
			h++;
		if (h && *h && strncasecmp(h, "javascript:", 11))
			return DOC_SPAN_LINK;
	}
	return -1;
}

/* Opens a span of kind k for element n at the current end of the text. */
static void html_open_span(struct html_ctx *c, xmlNode *n, int k)
{
	if (c->n_sp_open >= HTML_MAX_SPAN_DEPTH)
		return; /* its text stays, not its markup */
	size_t ho = 0, hl = 0;
	if (k == DOC_SPAN_LINK) {
		const char *h = html_attr(n, "href");
		size_t hn = strlen(h);
		html_trim(&h, &hn);
		ho = c->text.len;
		buf_put(&c->text, h, hn);
		hl = hn;
	}
	int t = c->n_sp_open++;
	c->sp_open[t].kind = (unsigned char)k;
	c->sp_open[t].start = c->cur.len;
	c->sp_open[t].seq = c->sp_seq++;
	c->sp_open[t].href_off = ho;
	c->sp_open[t].href_len = hl;
	c->sp_open[t].el = n;
}

/* Entering node n; returns 1 when its children are to be read (then html_leave follows). */
static enum err html_enter(struct html_ctx *c, xmlNode *n, int *down)
{
	enum err e = ERR_OK;
	*down = 0;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		html_put_text(c, n);
		return ERR_OK;
	}
	if (n->type != XML_ELEMENT_NODE)
		return ERR_OK;
	if (html_name_in(n, html_skip_tags, HTML_N(html_skip_tags)) || html_hidden(n))
		return ERR_OK;
	if (html_name_is(n, "img"))
		return html_image(c, n);
	if (html_name_is(n, "br") && c->pre_depth) {
		buf_putc(&c->cur, '\n');
		return ERR_OK;
	}
	if (html_name_is(n, "br") || html_name_is(n, "hr"))
		return html_flush(c);
	*down = 1;
	if (c->row) {
		if ((html_name_is(n, "td") || html_name_is(n, "th")) && c->cur.len) {
			buf_puts(&c->cur, "\xE3\x80\x80"); /* U+3000 between cells */
			c->cur_space = 0;
		}
		if (html_name_is(n, "td") || html_name_is(n, "th")) {
			c->cell = n;
			c->cell_start = c->cur.len;
		}
	} else if (html_is_block(n)) {
		if ((e = html_flush(c)))
			return e;
		if (c->n_blk < HTML_N(c->blk)) {
			c->ol_num[c->n_blk] = 0;
			if (html_name_is(n, "li") && html_name_is(n->parent, "ol")) {
				int k = 0;
				for (xmlNode *s = n->parent->children; s && s != n->next; s = s->next)
					k += html_name_is(s, "li");
				c->ol_num[c->n_blk] = k;
			}
			c->blk[c->n_blk++] = n;
		}
		if (html_name_is(n, "tr") && html_simple_row(n)) {
			c->row = n;
			c->cur_cell_first = c->n_cells;
		}
	}
	int sk = html_span_kind(n);
	if (sk >= 0 && !c->pre_depth)
		html_open_span(c, n, sk);
	if (html_name_is(n, "a"))
		c->a_depth++;
	if (html_name_is(n, "b") || html_name_is(n, "strong"))
		c->b_depth++;
	if (html_name_is(n, "blockquote"))
		c->q_depth++;
	if (html_name_is(n, "pre"))
		c->pre_depth++;
	return ERR_OK;
}

static enum err html_leave(struct html_ctx *c, xmlNode *n)
{
	enum err e = ERR_OK;
	if (c->n_sp_open && c->sp_open[c->n_sp_open - 1].el == n) {
		if ((e = html_push_span(c, c->n_sp_open - 1)))
			return e;
		c->n_sp_open--;
	}
	if (c->row && n == c->cell) {
		if (c->n_cells == c->cap_cells) {
			size_t cap = c->cap_cells ? c->cap_cells * 2 : 64;
			struct html_cell *p = realloc(c->cells, cap * sizeof *p);
			if (!p)
				return ERR_NOMEM;
			c->cells = p;
			c->cap_cells = cap;
		}
		c->cells[c->n_cells++] = (struct html_cell){
			c->cell_start, c->cur.len,
			html_name_is(n, "th") || html_name_is(n->parent ? n->parent->parent : NULL, "thead")};
		c->cell = NULL;
	}
	if (html_name_is(n, "a") && c->a_depth)
		c->a_depth--;
	if ((html_name_is(n, "b") || html_name_is(n, "strong")) && c->b_depth)
		c->b_depth--;
	if (html_name_is(n, "blockquote") && c->q_depth)
		c->q_depth--;
	if (html_name_is(n, "pre") && c->pre_depth)
		c->pre_depth--;
	if (c->row && n != c->row)
		return ERR_OK;
	if (html_is_block(n)) {
		e = html_flush(c);
		if (c->row == n)
			c->row = NULL;
		if (c->n_blk && c->blk[c->n_blk - 1] == n)
			c->n_blk--;
	}
	return e;
}

/* Pass 2: the text blocks of the page, in document order. */
static enum err html_pass_blocks(struct html_ctx *c, xmlNode *top)
{
	xmlNode *n = top->children;
	unsigned depth = 1;
	enum err e = ERR_OK;
	while (n) {
		int down;
		if ((e = html_enter(c, n, &down)))
			return e;
		if (down && depth + 2 >= HTML_MAX_DEPTH)
			c->deep = 1;
		if (down && n->children && depth < HTML_MAX_DEPTH) {
			n = n->children;
			depth++;
			continue;
		}
		if (down && (e = html_leave(c, n)))
			return e;
		while (!n->next) {
			n = n->parent;
			depth--;
			if (!n || n == top)
				return html_flush(c);
			if ((e = html_leave(c, n)))
				return e;
		}
		n = n->next;
	}
	return html_flush(c);
}

/* ---- pass 3: scoring and the body ---- */

static int html_is_container(const xmlNode *n)
{
	return html_name_in(n, html_container_tags, HTML_N(html_container_tags));
}

static double html_final_score(const xmlNode *n, const struct html_stat *st)
{
	double s = st->score;
	if (st->chars) {
		s *= 1.0 - (double)st->links / st->chars;
		/* a container of list items is a list (menus, threads, related links) */
		s *= 1.0 - 0.7 * st->li / st->chars;
	}
	int w = html_class_weight(n);
	if (w > 0)
		s *= 1.3;
	else if (w < 0)
		s *= 0.3;
	if (html_is_chrome_el(n))
		s *= 0.1;
	if (html_name_is(n, "article"))
		s *= 1.2;
	return s;
}

static int html_scored_kind(unsigned k)
{
	return k == HTML_K_PARA || k == HTML_K_LI || k == HTML_K_QUOTE || k == HTML_K_ROW ||
	       k == HTML_K_PRE;
}

static int html_find_date(const char *s, size_t n, char iso[DUMP_ISO_MAX]);

/* n is anc or inside it. */
static int html_inside(const xmlNode *n, const xmlNode *anc)
{
	for (unsigned depth = 0; n && depth < HTML_MAX_DEPTH; n = n->parent, depth++)
		if (n == anc)
			return 1;
	return 0;
}

/* Same element name and class attribute. */
static int html_same_kind(const xmlNode *a, const xmlNode *b)
{
	const char *ca = html_attr(a, "class"), *cb = html_attr(b, "class");
	return a->name && b->name && !strcasecmp((const char *)a->name, (const char *)b->name) &&
	       ca && cb && !strcmp(ca, cb);
}

/* Pages with several posts (blogs, forum threads): the best container is one of a series of
   elements of the same name and class, each with text of its own and with a dated line (the
   post's header or footer) between them. The first post is the page's article, not the
   longest one. Returns the element to use. */
static xmlNode *html_first_post(struct html_ctx *c, xmlNode *best, xmlNode **split)
{
	*split = NULL;
	/* the elements tried: from the longest block inside best up to best, then two above it */
	xmlNode *start = best;
	unsigned most = 0;
	for (size_t i = 0; i < c->n_blocks; i++) {
		if (!c->blocks[i].owner || c->blocks[i].chars <= most)
			continue;
		unsigned depth = 0;
		for (xmlNode *u = c->blocks[i].owner; u && u->type == XML_ELEMENT_NODE &&
		     depth < HTML_MAX_DEPTH; u = u->parent, depth++)
			if (u == best) {
				start = c->blocks[i].owner;
				most = c->blocks[i].chars;
				break;
			}
	}
	xmlNode *a = start;
	for (unsigned lv = 0, above = 0; a && a->type == XML_ELEMENT_NODE && above < 3 &&
	     lv < HTML_POST_LEVELS; lv++, a = a->parent) {
		if (above || a == best)
			above++;
		/* posts are boxes (div, td, article...) with a class, not paragraphs */
		if (!html_attr(a, "class") || html_name_is(a, "body") || !html_is_container(a))
			continue;
		xmlNode *firstm = NULL, *prev = NULL;
		size_t posts = 0, dated = 0, gap = 0, max_gap = 0;
		int saw_date = 0;
		for (size_t i = 0; i < c->n_blocks; i++) {
			xmlNode *m = NULL;
			unsigned depth = 0;
			for (xmlNode *u = c->blocks[i].owner; u && u->type == XML_ELEMENT_NODE &&
			     depth < HTML_POST_LEVELS; u = u->parent, depth++)
				if (html_same_kind(u, a)) {
					m = u;
					break;
				}
			if (!m) {
				char iso[DUMP_ISO_MAX];
				const struct html_block *g = &c->blocks[i];
				/* a date line between two posts: a post's footer or the next one's header */
				if (prev && g->chars <= HTML_LEAD_MAX &&
				    html_find_date(c->text.p + g->off, g->len, iso))
					saw_date = 1;
				/* text between boxes (not figures, captions, link lists) */
				if (prev && g->kind != HTML_K_IMG && g->kind != HTML_K_CAPTION)
					gap += g->chars - g->links;
				continue;
			}
			if (m == prev || !m->_private)
				continue;
			const struct html_stat *st = &c->stats[(uintptr_t)m->_private - 1];
			if (st->chars < 50 || st->links * 3 > st->chars)
				continue;
			dated += prev && saw_date;
			if (gap > max_gap)
				max_gap = gap;
			gap = 0;
			saw_date = 0;
			if (!firstm)
				firstm = m;
			posts++;
			prev = m;
		}
		if (posts >= 2 && dated + 1 >= posts && firstm && firstm != a)
			return firstm;
		if (posts >= 2 && dated + 1 < posts && max_gap <= 40)
			*split = a; /* one text in several boxes, nothing but figures between them */
		if (posts >= 2)
			return best;
	}
	return best;
}

/* Scores the containers, picks the body's containers and marks body blocks; returns the
   body's text length without links in *body_chars. */
static enum err html_pick_body(struct html_ctx *c, size_t *body_chars)
{
	*body_chars = 0;
	for (size_t i = 0; i < c->n_blocks; i++) {
		struct html_block *b = &c->blocks[i];
		if (!b->owner || b->kind == HTML_K_IMG)
			continue;
		unsigned depth = 0;
		for (xmlNode *a = b->owner; a && a->type == XML_ELEMENT_NODE && depth < HTML_MAX_DEPTH;
		     a = a->parent, depth++) {
			struct html_stat *st = html_stat(c, a);
			if (!st)
				return ERR_NOMEM;
			st->chars += b->chars;
			st->links += b->links;
			if (b->kind == HTML_K_LI)
				st->li += b->chars;
		}
		unsigned text = b->chars - b->links;
		if (!html_scored_kind(b->kind) || text < 8)
			continue;
		/* text outside links, less for link-heavy blocks and list items (menus, lists of
		   posts), plus a little per paragraph: many paragraphs make a body */
		double ld = (double)b->links / b->chars;
		double s = (text > 1000 ? 1000 : text) * (1 - ld);
		if (ld < 0.2)
			s += 10;
		if (b->kind == HTML_K_LI)
			s *= 0.5;
		xmlNode *a = html_is_container(b->owner) ? b->owner : b->owner->parent;
		for (int lv = 0; a && a->type == XML_ELEMENT_NODE && lv < HTML_ANCESTORS;
		     lv++, a = a->parent) {
			struct html_stat *st = html_stat(c, a);
			if (!st)
				return ERR_NOMEM;
			st->score += s / (lv + 1);
		}
	}
	/* the best container */
	xmlNode *best = NULL;
	double top = 0;
	for (size_t i = 0; i < c->n_blocks; i++) {
		struct html_block *b = &c->blocks[i];
		if (!b->owner)
			continue;
		xmlNode *a = b->owner;
		for (int lv = 0; a && a->type == XML_ELEMENT_NODE && lv <= HTML_ANCESTORS;
		     lv++, a = a->parent) {
			struct html_stat *st = html_stat(c, a);
			if (!st)
				return ERR_NOMEM;
			double s = html_final_score(a, st);
			if (s > top) {
				top = s;
				best = a;
			}
		}
	}
	if (!best)
		return ERR_OK;
	xmlNode *split;
	best = html_first_post(c, best, &split);
	html_stat(c, best)->sel = 1;
	/* the body split into boxes of the same name and class with figures or ads between them
	   (div.articleBodyText ×5): every such sibling box with text of its own */
	/* the body split into boxes of the same name and class with figures or ads between them
	   (div.articleBodyText ×5): every such box with text of its own under the nearest
	   ancestor (at most four levels up) holding two or more of them */
	if (split) {
		xmlNode *mem[64];
		size_t nm = 0;
		for (size_t i = 0; i < c->n_blocks && nm < HTML_N(mem); i++) {
			unsigned depth = 0;
			for (xmlNode *u = c->blocks[i].owner; u && u->type == XML_ELEMENT_NODE &&
			     depth < HTML_POST_LEVELS; u = u->parent, depth++)
				if (html_same_kind(u, split)) {
					if (!nm || mem[nm - 1] != u)
						mem[nm++] = u;
					break;
				}
		}
		xmlNode *anc = split->parent;
		for (int lv = 0; anc && anc->type == XML_ELEMENT_NODE && lv < 4 &&
		     !html_name_is(anc, "body"); lv++, anc = anc->parent) {
			size_t inside = 0;
			for (size_t k = 0; k < nm; k++)
				inside += html_inside(mem[k], anc);
			if (inside < 2)
				continue;
			/* only inside an article's container: <article>, itemprop articleBody, or a class
			   or id naming content (front pages repeat widget boxes too) */
			int in_article = html_class_weight(anc) > 0;
			xmlNode *u = anc;
			for (int up = 0; u && u->type == XML_ELEMENT_NODE && up < 3 && !in_article;
			     up++, u = u->parent) {
				const char *ip = html_attr(u, "itemprop");
				in_article = html_name_is(u, "article") || (ip && strcasestr(ip, "articleBody"));
			}
			if (!in_article)
				break;
			for (size_t k = 0; k < nm; k++) {
				struct html_stat *st = mem[k]->_private ? html_stat(c, mem[k]) : NULL;
				if (st && html_inside(mem[k], anc) && st->chars &&
				    st->links * 3 < st->chars && html_class_weight(mem[k]) >= 0 &&
				    !html_is_chrome_el(mem[k]))
					st->sel = 1;
			}
			break;
		}
	}
	/* siblings scoring close to it: a body split into several boxes */
	if (best->parent)
		for (xmlNode *s = best->parent->children; s; s = s->next) {
			if (s == best || s->type != XML_ELEMENT_NODE || !s->_private)
				continue;
			struct html_stat *st = html_stat(c, s);
			double sc = html_final_score(s, st);
			if (sc >= top * 0.3 && st->chars && st->links * 3 < st->chars &&
			    html_class_weight(s) >= 0 && !html_is_chrome_el(s))
				st->sel = 1;
		}
	/* body blocks: inside a selected container, not under chrome below it */
	for (size_t i = 0; i < c->n_blocks; i++) {
		struct html_block *b = &c->blocks[i];
		int chrome = 0, in = 0;
		unsigned depth = 0;
		for (xmlNode *a = b->owner; a && a->type == XML_ELEMENT_NODE && depth < HTML_MAX_DEPTH;
		     a = a->parent, depth++) {
			if (a->_private && c->stats[(uintptr_t)a->_private - 1].sel) {
				in = 1;
				break;
			}
			if (a != b->owner || b->kind != HTML_K_IMG)
				if (html_is_chrome_el(a) || html_class_weight(a) < 0)
					chrome = 1;
		}
		if (!in || chrome)
			continue;
		if (b->kind != HTML_K_IMG && b->links * 10 > b->chars * 6)
			continue; /* a link or a list of links */
		b->body = 1;
		if (html_scored_kind(b->kind))
			*body_chars += b->chars - b->links;
	}
	return ERR_OK;
}

/* ---- title ---- */

static int html_is_title_sep(uint32_t c)
{
	return c == '|' || c == '_' || c == '-' || c == 0x2013 || c == 0x2014 || c == 0xFF5C ||
	       c == 0x4E28 || c == 0xB7 || c == 0x2022 || c == 0xFF3F || c == 0xBB;
}

/* Cuts a site suffix (or prefix) from a <title>-like string: splits at separators written
   with spaces or between Han texts (_科技_腾讯网, " - 新华网", "|人民网") and keeps the part that
   is a heading: the first part unless it is much shorter than another one. */
static void html_clean_title(const char *s, size_t n, struct buf *out)
{
	size_t start[16], end[16], np = 0, i = 0, l, seg = 0;
	while (i < n && np < 15) {
		uint32_t ch = html_cp(s + i, n - i, &l);
		if (html_is_title_sep(ch)) {
			/* a separator counts when spaced or repeated (——), or is _ or | or ｜ */
			size_t l2;
			int spaced = (i > 0 && s[i - 1] == ' ') || (i + l < n && s[i + l] == ' ') ||
				     (i + l < n && html_cp(s + i + l, n - i - l, &l2) == ch); /* --, —— */
			int strong = ch == '|' || ch == '_' || ch == 0xFF5C || ch == 0x4E28 || ch == 0xFF3F;
			if (strong || spaced) {
				size_t e = i + l;
				while (e < n && (html_is_title_sep(html_cp(s + e, n - e, &l)) || s[e] == ' '))
					e += l;
				start[np] = seg;
				end[np++] = i;
				seg = e;
				i = e;
				continue;
			}
		}
		i += l;
	}
	start[np] = seg;
	end[np++] = n;
	size_t best = 0, bestc = 0, firstc = 0;
	for (size_t k = 0; k < np; k++) {
		const char *p = s + start[k];
		size_t m = end[k] - start[k];
		html_trim(&p, &m);
		size_t cc = html_count(p, m);
		if (k == 0)
			firstc = cc;
		if (cc > bestc) {
			bestc = cc;
			best = k;
		}
	}
	if (firstc * 2 >= bestc || firstc >= 8)
		best = 0;
	const char *p = s + start[best];
	size_t m = end[best] - start[best];
	html_trim(&p, &m);
	buf_put(out, p, m);
}

/* Whitespace-collapsed equality of a and b after trimming. */
static int html_same_text(const char *a, size_t an, const char *b, size_t bn)
{
	html_trim(&a, &an);
	html_trim(&b, &bn);
	return an == bn && !memcmp(a, b, an);
}

/* Whether the page shows s (a whitespace-collapsed <title> or og:title) whole as a block of
   its own: then the separators in it are the headline's (书记市长这一周 | 奋马扬鞭…, a column
   name before the headline in a styled <div>), not a site name's. */
static int html_shown_whole(const struct html_ctx *c, const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < c->n_blocks; i++) {
		const struct html_block *b = &c->blocks[i];
		if (b->chars <= HTML_TITLE_MAX && html_same_text(c->text.p + b->off, b->len, s, n))
			return 1;
	}
	return 0;
}

/* Folds a typographic quote to its ASCII form (’ ‘ to ', “ ” to "), else returns c. */
static uint32_t html_quote_fold(uint32_t c)
{
	if (c == 0x2018 || c == 0x2019)
		return '\'';
	if (c == 0x201C || c == 0x201D)
		return '"';
	return c;
}

/* When t is a prefix of s with quotes folded (a heading's Heartsteel’s against a <title>'s
   Heartsteel's), the bytes of s it covers; else 0. */
static size_t html_quote_prefix(const char *s, size_t n, const char *t, size_t tn)
{
	size_t i = 0, j = 0, l, m;
	while (j < tn) {
		if (i >= n)
			return 0;
		uint32_t a = html_cp(s + i, n - i, &l), b = html_cp(t + j, tn - j, &m);
		if (html_quote_fold(a) != html_quote_fold(b))
			return 0;
		i += l;
		j += m;
	}
	return i;
}

/* Whether the <title> ref is t, then a spaced or strong separator and more (a site). */
static int html_title_head(const struct buf *ref, const char *t, size_t n)
{
	const char *rp = ref->p;
	size_t rn = ref->len, l;
	if (!rp)
		return 0;
	html_trim(&rp, &rn);
	if (rn <= n + 1 || memcmp(rp, t, n))
		return 0;
	size_t i = n;
	int spaced = rp[i] == ' ';
	while (i < rn && rp[i] == ' ')
		i++;
	if (i >= rn)
		return 0;
	uint32_t ch = html_cp(rp + i, rn - i, &l);
	return html_is_title_sep(ch) &&
	       (spaced || ch == '|' || ch == '_' || ch == 0xFF5C || ch == 0xFF3F);
}

/* Picks the title: an h1/h2 whose text is in the <title>, og:title or headline, else
   the JSON-LD headline or og:title, else the <title>, cleaned of site names. Returns the
   block index of the heading used, or SIZE_MAX. */
static size_t html_pick_title(struct html_ctx *c, struct buf *out)
{
	const struct buf *refs[3] = {&c->ld_headline, &c->og_title, &c->title_tag};
	size_t found = SIZE_MAX, cut = 0;
	for (int pass = 0; pass < 2 && found == SIZE_MAX; pass++)
		for (size_t i = 0; i < c->n_blocks && found == SIZE_MAX; i++) {
			struct html_block *b = &c->blocks[i];
			if (b->kind != HTML_K_HEAD || b->level > (pass ? 3 : 1) || b->chars < 2 ||
			    b->chars > HTML_TITLE_MAX)
				continue;
			const char *t = c->text.p + b->off;
			/* a heading of 2-3 characters (a name: 金锺国) only as the whole first part of
			   the <title> before a site suffix (金锺国 - 维基百科…) */
			if (b->chars < 4 && !html_title_head(&c->title_tag, t, b->len))
				continue;
			/* the heading starts a reference title (sites put their name last) */
			for (int r = 0; r < 3; r++) {
				const char *rp = refs[r]->p;
				size_t rn = refs[r]->len;
				if (!rn)
					continue;
				html_trim(&rp, &rn);
				size_t k = html_quote_prefix(rp, rn, t, b->len);
				if (k && (k == rn || b->chars >= 6 || b->chars * 2 >= html_count(rp, rn) ||
				     (r == 2 && html_title_head(refs[r], t, b->len)))) {
					found = i;
					break;
				}
				/* a label glued before the headline in the heading: 原创 + the title */
				if (rn >= 12 && rn < b->len && !memcmp(t + b->len - rn, rp, rn) &&
				    html_count(t, b->len - rn) <= 3) {
					found = i;
					cut = b->len - rn;
					break;
				}
			}
		}
	if (found != SIZE_MAX) {
		buf_put(out, c->text.p + c->blocks[found].off + cut, c->blocks[found].len - cut);
		return found;
	}
	for (int r = 0; r < 3; r++)
		if (refs[r]->len) {
			struct buf t;
			buf_init(&t);
			const char *s = refs[r]->p;
			size_t n = refs[r]->len;
			/* collapse whitespace first */
			int sp = 0;
			for (size_t i = 0, l; i < n; i += l) {
				uint32_t ch = html_cp(s + i, n - i, &l);
				if (html_is_ws(ch) && ch != 0x3000) {
					sp = 1;
					continue;
				}
				if (sp && t.len)
					buf_putc(&t, ' ');
				sp = 0;
				buf_put(&t, s + i, l);
			}
			if (r == 0 || html_shown_whole(c, t.p ? t.p : "", t.len))
				buf_put(out, t.p ? t.p : "", t.len);
			else
				html_clean_title(t.p ? t.p : "", t.len, out);
			buf_free(&t);
			if (out->len)
				break;
		}
	/* an h1 at the start of a clean title: the h1 wins when the title adds only a site */
	return SIZE_MAX;
}

/* ---- dates ---- */

/* Normalises a structured date (2019-09-07T13:43:00+08:00, 2019-09-07 13:43) with dump_date;
   returns 1 and the ISO form. */
static int html_iso_date(const char *s, size_t n, char iso[DUMP_ISO_MAX])
{
	char tmp[64];
	const char *p = s;
	html_trim(&p, &n);
	if (n >= sizeof tmp)
		n = sizeof tmp - 1;
	memcpy(tmp, p, n);
	tmp[n] = 0;
	int numeric = n > 0 && tmp[0] >= '0' && tmp[0] <= '9';
	if (numeric && n > 10 && tmp[10] == 'T')
		tmp[10] = ' ';
	/* cut a zone (Z, +08:00, -0500) or fractions of a second: the wall-clock time is kept */
	for (size_t i = 11; i < n && numeric; i++)
		if (!((tmp[i] >= '0' && tmp[i] <= '9') || tmp[i] == ':')) {
			tmp[i] = 0;
			n = i;
			break;
		}
	if (dump_date(tmp, n, iso) > 0)
		return 1;
	/* Saturday, December 27, 2014, 12:06 PM */
	return !numeric && html_find_date(tmp, n, iso);
}

/* ---- pass 4: reading the lines ---- */

static int html_is_by_line(const char *s, size_t n)
{
	return n > 4 && n < 120 && (s[0] == 'B' || s[0] == 'b') && (s[1] == 'y' || s[1] == 'Y') &&
	       s[2] == ' ' && s[3] >= 'A' && s[3] <= 'Z';
}

/* A block that is only the word By (its name in the next element). */
static int html_by_alone(const char *s, size_t n)
{
	html_trim(&s, &n);
	return n == 2 && (s[0] == 'B' || s[0] == 'b') && s[1] == 'y';
}

/* A token that ends a name in a byline: a date or time part, a handle, "Updated". */
static int html_name_stop(const char *t, size_t n)
{
	static const char *const words[] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
		"dec", "january", "february", "march", "april", "june", "july", "august", "september",
		"october", "november", "december", "updated", "published", "posted", "on", "at",
		"for", "in", "via", "from", "by", "staff", "writer", "correspondent", "reporter", "editor",
	};
	for (size_t i = 0; i < n; i++)
		if ((t[i] >= '0' && t[i] <= '9') || t[i] == '@')
			return 1;
	while (n && (t[n - 1] == '.' || t[n - 1] == ','))
		n--;
	for (size_t i = 0; i < HTML_N(words); i++)
		if (strlen(words[i]) == n && !strncasecmp(t, words[i], n))
			return 1;
	return 0;
}

/* Appends to out the cleaned name in s[0..n): whitespace collapsed, cut before the first
   stop token (html_name_stop). */
static void html_clean_name(const char *s, size_t n, struct buf *out)
{
	size_t i = 0, l;
	while (i < n) {
		while (i < n && html_is_ws(html_cp(s + i, n - i, &l)))
			i += l;
		size_t j = i;
		while (j < n && !html_is_ws(html_cp(s + j, n - j, &l)))
			j += l;
		if (j == i || html_name_stop(s + i, j - i))
			break;
		if (out->len)
			buf_putc(out, ' ');
		buf_put(out, s + i, j - i);
		i = j;
	}
}

static int html_org_author(const char *s, size_t n);

/* Adds the names of a byline ("By Jane Doe and John Roe, Reuters", or an author field) to
   doc as one credit without a role. */
static enum err html_by_names(struct doc *doc, const char *s, size_t n, struct srcpos pos)
{
	struct buf nm;
	buf_init(&nm);
	html_trim(&s, &n);
	if (html_is_by_line(s, n))
		s += 3, n -= 3;
	enum err e = doc_add_credit(doc, "", 0, pos);
	size_t i = 0, added = 0;
	while (!e && i < n) {
		size_t j = i;
		while (j < n && s[j] != ',' && s[j] != '&' && s[j] != '|' && s[j] != ';' &&
		       s[j] != '\n' && !(j + 5 <= n && !memcmp(s + j, " and ", 5)) &&
		       !(j + 3 <= n && !memcmp(s + j, " - ", 3)))
			j++;
		buf_reset(&nm);
		html_clean_name(s + i, j - i, &nm);
		const char *p = nm.p;
		size_t m = nm.len;
		int upper = m && ((p[0] >= 'A' && p[0] <= 'Z') || (unsigned char)p[0] >= 0x80);
		/* an outlet after the names: "By Jane Doe, The Example Daily", "..., Reuters News" */
		static const char *const nobody[] = {"未知", "佚名", "不详", "匿名", "网络", "网络整理",
						     "最新文章", "小编", "管理员", "本站", "原创",
						     "转载", "关注", "订阅", "admin", "Admin",
						     "unknown", "Unknown"};
		int outlet = (m > 4 && !memcmp(p, "The ", 4)) || html_org_author(p, m);
		for (size_t k = 0; k < HTML_N(nobody) && !outlet; k++)
			outlet = strlen(nobody[k]) == m && !memcmp(nobody[k], p, m);
		/* an agency's initials after the names: "By Tom Watkins, CNN" */
		if (!outlet && m >= 2 && m <= 5) {
			size_t up = 0;
			for (size_t k = 0; k < m; k++)
				up += p[k] >= 'A' && p[k] <= 'Z';
			outlet = up == m && doc->byline[doc->n_byline - 1].n_names > 0;
		}
		if (m && m < HTML_NAME_MAX && upper && !outlet && !memchr(p, '/', m) &&
		    !memmem(p, m, "http", 4) && !memchr(p, '.', m > 3 ? 0 : m)) {
			int dup = 0;
			for (size_t k = 0; k < doc->byline[doc->n_byline - 1].n_names && !dup; k++)
				dup = !strcmp(doc->byline[doc->n_byline - 1].names[k], buf_cstr(&nm));
			if (!dup)
				e = doc_add_name(doc, p, m);
			added++;
		}
		int stop = j < n && (s[j] == '|' || s[j] == ';' || s[j] == '\n');
		if (j < n && s[j] == ' ')
			j += s[j + 1] == 'a' ? 5 : 3;
		else if (j < n)
			j++;
		i = j;
		if (added && stop)
			break;
	}
	if (nm.oom)
		e = ERR_NOMEM;
	buf_free(&nm);
	if (!e && !added)
		doc->n_byline--; /* nothing usable: drop the empty credit */
	return e;
}

/* A Chinese personal name alone: 2 to 4 Han characters. */
static int html_han_name(const char *s, size_t n)
{
	html_trim(&s, &n);
	size_t cps = 0, l;
	for (size_t i = 0; i < n; i += l, cps++) {
		uint32_t c = html_cp(s + i, n - i, &l);
		if (c < 0x4E00 || c > 0x9FFF)
			return 0;
	}
	return cps >= 2 && cps <= 4 && !html_org_author(s, n);
}

/* An author from metadata that is an organisation (the site itself), not a person. */
static int html_org_author(const char *s, size_t n)
{
	static const char *const ends[] = {"网", "網", "报", "報", "社", "台", "新闻", "新聞", "News",
					   "news", "频道", "頻道", "中心", "日报", "時報", "Times", "Post",
					   "Press", "Team", "Wire", "Staff", "Daily", "Herald", "Journal",
					   "Agency", "Service", "Magazine", "贡献者", "貢獻者", "编辑部",
					   "編輯部", "Contributors", "contributors"};
	html_trim(&s, &n);
	for (size_t i = 0; i < HTML_N(ends); i++) {
		size_t k = strlen(ends[i]);
		if (n >= k && !memcmp(s + n - k, ends[i], k))
			return 1;
	}
	return 0;
}

/* An author from metadata that is the site: named in the <title> but outside the article's
   title (网易 in "…_网易财经", 新浪科技 in "…_电信_新浪科技_新浪网"). */
static int html_site_part(const struct html_ctx *c, const char *a, size_t an, const char *t,
			  size_t tn)
{
	html_trim(&a, &an);
	if (!an || !c->title_tag.len || !memmem(c->title_tag.p, c->title_tag.len, a, an))
		return 0;
	return !t || !memmem(t, tn, a, an);
}

/* Appends block b as one line of the synthetic page text and records its block index. */
static enum err html_synth_line(struct html_ctx *c, const char *s, size_t n, size_t blk,
				size_t **map, size_t *nmap, size_t *cap)
{
	if (*nmap == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		size_t *p = realloc(*map, nc * sizeof *p);
		if (!p)
			return ERR_NOMEM;
		*map = p;
		*cap = nc;
	}
	(*map)[(*nmap)++] = blk;
	for (size_t i = 0; i < n; i++)
		buf_putc(&c->synth, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	buf_putc(&c->synth, '\n');
	return c->synth.oom ? ERR_NOMEM : ERR_OK;
}

/* A label written vertically, one character per line in one element (<td><b>今<br>日<br>推<br>
   荐</b></td> beside a box of links): block i is one character and so is the block before or
   after it from the same element. Such a run is chrome, never text. first, last: the body. */
static int html_vertical_label(const struct html_ctx *c, size_t i, size_t first, size_t last)
{
	const struct html_block *b = &c->blocks[i];
	if (b->chars != 1 || (b->kind != HTML_K_PARA && b->kind != HTML_K_HEAD))
		return 0;
	for (int d = -1; d <= 1; d += 2) {
		if ((d < 0 && i == first) || (d > 0 && i == last))
			continue;
		const struct html_block *o = &c->blocks[d < 0 ? i - 1 : i + 1];
		if (o->chars == 1 && o->owner == b->owner && o->kind == b->kind)
			return 1;
	}
	return 0;
}

/* A line of nothing but U+FFFD (������: a decoration the page itself lost to a bad
   conversion): it says nothing and is not printed. */
static int html_all_replacement(const char *s, size_t n)
{
	size_t l, k = 0;
	for (size_t i = 0; i < n; i += l) {
		uint32_t ch = html_cp(s + i, n - i, &l);
		if (ch != 0xFFFD && !html_is_ws(ch))
			return 0;
		k += ch == 0xFFFD;
	}
	return k > 0;
}

/* Whether s[0..n) is a number of one to three digits alone; *v its value. */
static int html_small_number(const char *s, size_t n, unsigned *v)
{
	html_trim(&s, &n);
	if (!n || n > 3)
		return 0;
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return 1;
}

/* Slide-show chrome in the body: a run of HTML_REPEAT_MIN or more blocks in a row with the same
   short text (one title per slide: Weather threatens holiday plans ×14), and a run of as many
   blocks that are the numbers n, n+1, n+2 … (the slides' pager: 1 2 3 … 14). Marks them used
   (not printed). A text repeated apart (a recurring subhead: 专家点评 after each case) stays.
   first, last: the body. */
#define HTML_REPEAT_MIN 3
static void html_drop_repeats(struct html_ctx *c, size_t first, size_t last)
{
	/* the same text in a row */
	for (size_t i = first; i <= last;) {
		const struct html_block *b = &c->blocks[i];
		size_t j = i + 1;
		if (b->body && !b->used && b->kind != HTML_K_IMG && b->kind != HTML_K_CAPTION &&
		    b->chars >= 2 && b->chars <= HTML_LEAD_MAX)
			while (j <= last && c->blocks[j].body && c->blocks[j].kind == b->kind &&
			       c->blocks[j].len == b->len &&
			       !memcmp(c->text.p + c->blocks[j].off, c->text.p + b->off, b->len))
				j++;
		if (j - i >= HTML_REPEAT_MIN)
			for (size_t k = i; k < j; k++)
				c->blocks[k].used = 1;
		i = j;
	}
	/* the pager: 1 2 3 … as blocks of their own */
	for (size_t i = first; i <= last;) {
		unsigned v0, v;
		size_t j = i;
		const struct html_block *b = &c->blocks[i];
		if (b->body && html_small_number(c->text.p + b->off, b->len, &v0)) {
			j = i + 1;
			while (j <= last && c->blocks[j].body &&
			       html_small_number(c->text.p + c->blocks[j].off, c->blocks[j].len, &v) &&
			       v == v0 + (j - i))
				j++;
			if (j - i >= HTML_REPEAT_MIN)
				for (size_t k = i; k < j; k++)
					c->blocks[k].used = 1;
		}
		i = j > i ? j : i + 1;
	}
}

/* Whether the paragraph b is centered (align, style, <center>) or marked as a caption (a class
   with caption, desc, pic, img, photo), on its element or the two above: 1 centered, 2 marked,
   0 neither. */
static int html_caption_look(const struct html_block *b)
{
	int look = 0;
	for (xmlNode *a = b->owner; a && a != b->owner->parent->parent; a = a->parent) {
		const char *al = html_attr(a, "align"), *st = html_attr(a, "style"),
			   *cl = html_attr(a, "class");
		if (cl && (strcasestr(cl, "caption") || strcasestr(cl, "desc") || strcasestr(cl, "pic") ||
			   strcasestr(cl, "img") || strcasestr(cl, "photo")))
			return 2;
		if ((al && !strcasecmp(al, "center")) || (st && strcasestr(st, "center")) ||
		    html_name_is(a, "center"))
			look = 1;
	}
	return look;
}

static int html_is_caption_para(struct html_ctx *c, const struct html_block *b)
{
	if (b->kind != HTML_K_PARA || b->chars > HTML_CAPTION_MAX || b->links)
		return 0;
	const char *t = c->text.p + b->off;
	if (!strncmp(t, "图", 3) || !strncmp(t, "▲", 3) || !strncmp(t, "（图", 6) ||
	    !strncmp(t, "△", 3) || !strncmp(t, "↑", 3))
		return 1;
	int look = html_caption_look(b);
	if (look == 1 && c->centered < 0) {
		/* centering marks a caption only where the text itself is not centered (a blog
		   post written in centered lines between its photos) */
		size_t n = 0, centered = 0;
		for (size_t i = 0; i < c->n_blocks; i++)
			if (c->blocks[i].body && c->blocks[i].kind == HTML_K_PARA) {
				n++;
				centered += html_caption_look(&c->blocks[i]) == 1;
			}
		c->centered = centered * 2 > n;
	}
	return look == 2 || (look == 1 && !c->centered);
}

/* Copies a field of the dump-read document into doc, mapping its synthetic line. */
static struct srcpos html_pos(struct html_ctx *c, const size_t *map, size_t nmap, unsigned line)
{
	struct srcpos p = {c->doc->file, 0, 1};
	if (line >= 1 && line <= nmap && map[line - 1] != SIZE_MAX)
		p.line = c->blocks[map[line - 1]].line;
	else
		p.col = 0;
	return p;
}

static enum err html_copy_field(struct html_ctx *c, struct doc_field *dst,
				const struct doc_field *src, const size_t *map, size_t nmap)
{
	if (!src->text || dst->text)
		return ERR_OK;
	return doc_set(c->doc, dst, src->text, (size_t)-1, html_pos(c, map, nmap, src->pos.line));
}

static enum err html_norm_set(struct html_ctx *c, struct doc_field *f, const char *s, size_t n,
			      struct srcpos pos)
{
	buf_reset(&c->tmp);
	punct_normalize(s, n, &c->tmp);
	if (c->tmp.oom)
		return ERR_NOMEM;
	if (!c->tmp.len)
		return ERR_OK;
	return doc_set(c->doc, f, c->tmp.p, c->tmp.len, pos);
}

/* Keywords from meta keywords or JSON-LD: split at , ， 、 ; and (for Han lists) spaces. */
static enum err html_keywords(struct html_ctx *c)
{
	const char *s = c->keywords.p;
	size_t n = c->keywords.len, i = 0, l;
	struct srcpos pos = {c->doc->file, 0, 0};
	int comma = memchr(s, ',', n) || memmem(s, n, "，", 3) || memmem(s, n, "、", 3) ||
		    memchr(s, ';', n);
	while (i < n && c->doc->n_keywords < HTML_MAX_KEYWORDS) {
		size_t j = i;
		while (j < n) {
			uint32_t ch = html_cp(s + j, n - j, &l);
			if (ch == ',' || ch == 0xFF0C || ch == 0x3001 || ch == ';' || ch == 0xFF1B ||
			    ch == '|' || (!comma && html_is_ws(ch)))
				break;
			j += l;
		}
		const char *p = s + i;
		size_t m = j - i;
		html_trim(&p, &m);
		int dup = 0;
		for (size_t k = 0; k < c->doc->n_keywords && !dup; k++)
			dup = strlen(c->doc->keywords[k].text) == m &&
			      !memcmp(c->doc->keywords[k].text, p, m);
		enum err e;
		if (m && m < 100 && !dup && (e = doc_add_keyword(c->doc, p, m, pos)))
			return e;
		if (j < n)
			html_cp(s + j, n - j, &l);
		i = j < n ? j + l : n;
	}
	return ERR_OK;
}

/* A credit in one of the last paragraphs (HTML_CREDIT_PARAS) in the form （王煌忠／台中報導）, （記者陳志明/台北报道）:
   the name before the slash becomes the byline (the text stays). */
static enum err html_report_credit(struct doc *doc, const struct doc_block *b, struct srcpos pos)
{
	return b->type == DOC_PARA ? dump_report_credit(doc, b->text, pos) : ERR_OK;
}

/* A line that is only a Chinese personal name (胡平, 买买提·艾力): 2 or 3 Han characters, or up
   to 10 with a middle dot; words that label a page part are not names. */
static int html_bare_name(const char *s, size_t n)
{
	static const char *const words[] = {"本报讯", "导语", "导读", "摘要", "正文", "评论", "图片",
					    "视频", "简介", "编者按", "原标题", "提要", "全文",
					    "目录", "前言", "序言", "引言", "附件", "附录", "相关",
					    /* times shown where a name could be */
					    "昨天", "今天", "前天", "明天", "刚刚", "今日", "昨日", "本周",
					    "上午", "下午", "中午", "凌晨", "晚上", "早上", "近日", "日前"};
	/* organisations: 新华社, 人民网, 央视新闻 */
	static const char *const org_ends[] = {"社", "报", "網", "网", "台", "刊", "站", "部", "局",
					       "院", "所", "会", "厅", "委", "办", "处", "署", "闻",
					       "报道", "中心", "集团", "公司", "频道", "号"};
	html_trim(&s, &n);
	size_t i = 0, l, cps = 0;
	int dot = 0;
	while (i < n) {
		uint32_t c = html_cp(s + i, n - i, &l);
		if (c == 0xB7 || c == 0x2022 || c == 0x30FB)
			dot = 1;
		else if (!punct_is_han(c))
			return 0;
		cps++;
		i += l;
	}
	if (cps < 2 || cps > (dot ? 10u : 3u)) /* 4-character lines are mostly phrases or labels */
		return 0;
	for (size_t k = 0; k < HTML_N(words); k++)
		if (strlen(words[k]) == n && !memcmp(words[k], s, n))
			return 0;
	for (size_t k = 0; k < HTML_N(org_ends); k++) {
		size_t m = strlen(org_ends[k]);
		if (n > m && !memcmp(s + n - m, org_ends[k], m))
			return 0;
	}
	return 1;
}

/* Only Han characters (after trimming). */
static int html_all_han(const char *s, size_t n)
{
	size_t l;
	html_trim(&s, &n);
	for (size_t i = 0; i < n; i += l)
		if (!punct_is_han(html_cp(s + i, n - i, &l)))
			return 0;
	return n > 0;
}

/* A post's footer: 由 NAME 张贴|发表|发布 at the start of s (blogs, forums). Returns 1 and the
   name's offset and length. */
static int html_post_author(const char *s, size_t n, size_t *ns, size_t *nn)
{
	static const char *const verbs[] = {"张贴", "发表", "发布", "上传"};
	const char *p = s;
	size_t m = n;
	html_trim(&p, &m);
	if (m < 9 || memcmp(p, "由", 3))
		return 0;
	size_t i = 3, l;
	while (i < m && html_is_ws(html_cp(p + i, m - i, &l)))
		i += l;
	size_t st = i, cps = 0;
	/* the name: up to 12 characters without spaces or sentence punctuation */
	while (i < m && cps <= 12) {
		uint32_t c = html_cp(p + i, m - i, &l);
		int verb = 0;
		for (size_t k = 0; k < HTML_N(verbs) && !verb; k++)
			verb = m - i >= 6 && !memcmp(p + i, verbs[k], 6);
		if (verb || html_is_ws(c))
			break;
		if (c == ':' || c == 0xFF1A || c == 0x3002 || c == 0xFF0C || c == '@')
			return 0;
		i += l;
		cps++;
	}
	size_t e = i;
	while (i < m && html_is_ws(html_cp(p + i, m - i, &l)))
		i += l;
	if (e == st || i >= m)
		return 0;
	for (size_t k = 0; k < HTML_N(verbs); k++)
		if (m - i >= 6 && !memcmp(p + i, verbs[k], 6)) {
			/* then the end, or a time: 于 2005-06-14, @ 2005-06-14, 时间：... */
			size_t r = i + 6;
			while (r < m && html_is_ws(html_cp(p + r, m - r, &l)))
				r += l;
			if (r < m && p[r] != '@' && !(p[r] >= '0' && p[r] <= '9') &&
			    !(m - r >= 3 && !memcmp(p + r, "于", 3)) &&
			    !(m - r >= 3 && !memcmp(p + r, "於", 3)) &&
			    !(m - r >= 6 && !memcmp(p + r, "时间", 6)))
				return 0;
			*ns = (size_t)(p - s) + st;
			*nn = e - st;
			return cps >= 2;
		}
	return 0;
}

/* A blog's post signed by nobody: a post footer without a name (发表于 2004年12月27日 12:40:
   dump_posted, with 发表, Posted or 张贴, not a notice's or news page's 发布时间) ends the body
   or comes within HTML_OWNER_FOOTER blocks under it, and the page opens with its owner's name
   as its first heading (<h1>李建忠</h1>, then the blog's menus; a bare personal name,
   html_bare_name, that is neither the article's title nor in og:site_name). Adds that name as
   a credit without a role, the owner being the writer of a personal blog, as textdump.c does
   for a dump that opens with the name. first, last: the body's blocks; tblk: the title's
   block. */
static enum err html_blog_owner(struct html_ctx *c, size_t first, size_t last, size_t tblk)
{
	if (first == SIZE_MAX)
		return ERR_OK;
	int posted = 0;
	for (size_t i = last; i < c->n_blocks && i <= last + HTML_OWNER_FOOTER && !posted; i++) {
		const struct html_block *b = &c->blocks[i];
		const char *t = c->text.p + b->off;
		/* a post's footer (发表于, Posted), not a notice's 发布时间 */
		posted = b->kind != HTML_K_IMG && b->chars <= HTML_LEAD_MAX && dump_posted(t, b->len) &&
			 (memmem(t, b->len, "发表", 6) || memmem(t, b->len, "發表", 6) ||
			  memmem(t, b->len, "osted", 5) || memmem(t, b->len, "张贴", 6));
	}
	if (!posted)
		return ERR_OK;
	for (size_t i = 0; i < first; i++) {
		const struct html_block *b = &c->blocks[i];
		if (b->kind == HTML_K_IMG || b->kind == HTML_K_CAPTION || !b->chars)
			continue;
		if (b->kind != HTML_K_HEAD || i == tblk || !html_bare_name(c->text.p + b->off, b->len))
			return ERR_OK;
		const char *s = c->text.p + b->off;
		size_t n = b->len;
		html_trim(&s, &n);
		if (c->site_name.len && memmem(c->site_name.p, c->site_name.len, s, n))
			return ERR_OK; /* the site's name (新浪 of og:site_name 新浪新闻) */
		enum err e = doc_add_credit(c->doc, "", 0, (struct srcpos){c->doc->file, b->line, 1});
		return e ? e : doc_add_name(c->doc, s, n);
	}
	return ERR_OK;
}

/* The issuing body of an official document (公文): a government notice's metadata table
   (政府信息公开: 索引号, 发文机关, 成文日期, 发文字号 ...) names it under one of these labels. It
   is the document's author: a byline credit without a role, as textdump.c gives it for the
   same table in a page dump. */
static const char *const html_issuer_labels[] = {"发文机关", "发文单位", "發文機關", "發文單位"};

/* The issuing body in s[0..n) (a table row, cells joined by U+3000, or a line): a label of
   html_issuer_labels, a colon, then one or more bodies (吉林省人民政府; 国家发展改革委 商务部),
   each 2 to HTML_ISSUER_MAX Han characters, up to the next cell that holds a colon (成文日期：)
   or the end. Adds them as one credit without a role to doc; ERR_OK when there is none. */
#define HTML_ISSUER_MAX 30
static enum err html_issuer(struct doc *doc, const char *s, size_t n, struct srcpos pos)
{
	for (size_t q = 0; q < HTML_N(html_issuer_labels); q++) {
		const char *lab = html_issuer_labels[q];
		size_t ln = strlen(lab), l;
		const char *k = memmem(s, n, lab, ln);
		/* the label opens the line or a cell (after a space or U+3000), not a sentence */
		if (!k || (k > s && k[-1] != ' ' && k[-1] != '\t' &&
			   !(k - s >= 3 && !memcmp(k - 3, "\xE3\x80\x80", 3))))
			continue;
		size_t i = (size_t)(k - s) + ln;
		uint32_t ch = i < n ? html_cp(s + i, n - i, &l) : 0;
		if (ch != ':' && ch != 0xFF1A)
			continue;
		i += l;
		/* the bodies: tokens of Han characters up to the next label (a token with a colon) */
		size_t names[8][2], nn = 0;
		while (i < n) {
			while (i < n && (html_is_ws(ch = html_cp(s + i, n - i, &l)) || ch == 0x3001 ||
					 ch == 0xFF0C || ch == ',' || ch == ';' || ch == 0xFF1B))
				i += l;
			size_t st = i, cps = 0;
			int han = 1, colon = 0;
			while (i < n && !html_is_ws(ch = html_cp(s + i, n - i, &l)) && ch != 0x3001 &&
			       ch != 0xFF0C && ch != ',' && ch != ';' && ch != 0xFF1B) {
				colon |= ch == ':' || ch == 0xFF1A;
				han &= punct_is_han(ch);
				cps++;
				i += l;
			}
			if (st == i || colon)
				break;
			if (!han || cps < 2 || cps > HTML_ISSUER_MAX || nn == HTML_N(names))
				return ERR_OK;
			names[nn][0] = st;
			names[nn++][1] = i - st;
		}
		if (!nn)
			continue;
		enum err e = doc_add_credit(doc, "", 0, pos);
		for (size_t j = 0; j < nn && !e; j++)
			e = doc_add_name(doc, s + names[j][0], names[j][1]);
		return e;
	}
	return ERR_OK;
}

/* A headline-like block: short, few digits, no sentence end, not mostly links. */
static int html_headline_like(const struct html_ctx *c, const struct html_block *b)
{
	const char *s = c->text.p + b->off;
	unsigned digits = 0;
	for (size_t i = 0; i < b->len; i++)
		digits += s[i] >= '0' && s[i] <= '9';
	return (b->kind == HTML_K_PARA || b->kind == HTML_K_HEAD) && b->chars >= 4 &&
	       digits * 3 < b->chars &&
	       b->chars <= 40 && !memmem(s, b->len, "。", 3) &&
	       b->links * 2 < b->chars;
}

/* The article's last paragraph ending in bare names after its last sentence: ……新春佳节。
   （常书香 马丹阳） — one to four Chinese names of 2 or 3 characters; adds them as a credit
   without a role. */
static enum err html_bracket_names(struct doc *doc, const char *t, struct srcpos pos)
{
	static const char *const not_names[] = {"待续", "未完", "完结", "全文完", "续完", "上接", "下转",
						"组图", "图文", "视频", "原创", "转载", "注释", "附图"};
	size_t n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\n'))
		n--;
	size_t close;
	if (n >= 3 && !memcmp(t + n - 3, "）", 3))
		close = n - 3;
	else if (n && t[n - 1] == ')')
		close = n - 1;
	else
		return ERR_OK;
	size_t open = SIZE_MAX, ol = 0;
	for (size_t i = close; i > 0 && close - i < 60; i--) {
		if (t[i - 1] == '(') {
			open = i - 1, ol = 1;
			break;
		}
		if (i >= 3 && !memcmp(t + i - 3, "（", 3)) {
			open = i - 3, ol = 3;
			break;
		}
	}
	if (open == SIZE_MAX || open < 3)
		return ERR_OK;
	size_t ps = open - 1, l0;
	while (ps > 0 && ((unsigned char)t[ps] & 0xC0) == 0x80)
		ps--;
	uint32_t before = html_cp(t + ps, open - ps, &l0);
	if (!(before == 0x3002 || before == 0xFF01 || before == 0xFF1F || before == 0x201D))
		return ERR_OK;
	const char *nm[4];
	size_t nl[4], k = 0, i = open + ol, l;
	while (i < close) {
		while (i < close && (html_is_ws(html_cp(t + i, close - i, &l)) ||
				     html_cp(t + i, close - i, &l) == 0x3001))
			i += l;
		if (i >= close)
			break;
		size_t st = i, cps = 0;
		while (i < close) {
			uint32_t c = html_cp(t + i, close - i, &l);
			if (html_is_ws(c) || c == 0x3001)
				break;
			if (!punct_is_han(c))
				return ERR_OK;
			i += l;
			cps++;
		}
		if (cps < 2 || cps > 3 || k == 4)
			return ERR_OK;
		static const char *const org[] = {"社", "报", "网", "台", "部", "局", "办", "会"};
		for (size_t q = 0; q < HTML_N(org); q++)
			if (!memcmp(t + i - 3, org[q], 3))
				return ERR_OK;
		for (size_t q = 0; q < HTML_N(not_names); q++)
			if (strlen(not_names[q]) == i - st && !memcmp(t + st, not_names[q], i - st))
				return ERR_OK;
		nm[k] = t + st;
		nl[k++] = i - st;
	}
	if (!k)
		return ERR_OK;
	enum err e = doc_add_credit(doc, "", 0, pos);
	for (size_t q = 0; q < k && !e; q++)
		e = doc_add_name(doc, nm[q], nl[q]);
	return e;
}

/* An element (or its parent) marked as the author: class, id, rel or itemprop holding
   "author" or "byline". */
static int html_marked_author(const xmlNode *n)
{
	static const char *const attrs[] = {"class", "id", "rel", "itemprop"};
	for (int up = 0; n && n->type == XML_ELEMENT_NODE && up < 2; up++, n = n->parent)
		for (size_t k = 0; k < HTML_N(attrs); k++) {
			const char *v = html_attr(n, attrs[k]);
			if (v && (strcasestr(v, "author") || strcasestr(v, "byline")))
				return 1;
		}
	return 0;
}

/* A subtitle between the title and the body: a heading, an element whose class or id says
   so (subtitle, sub-title, subhead), or a line opening with a dash (——). */
static int html_is_subtitle(const struct html_block *b, const char *s)
{
	size_t digits = 0;
	for (size_t i = 0; i < b->len; i++)
		digits += s[i] >= '0' && s[i] <= '9';
	if (b->links || digits * 4 > b->chars || b->chars < 4)
		return 0; /* counters (1032人参与), links, dates */
	if (!strncmp(s, "——", 6) || (b->kind == HTML_K_HEAD && b->level >= 2))
		return 1;
	for (const xmlNode *a = b->owner; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
		const char *v[2] = {html_attr(a, "class"), html_attr(a, "id")};
		for (int k = 0; k < 2; k++)
			if (v[k] && (strcasestr(v[k], "subtitle") || strcasestr(v[k], "sub-title") ||
				     strcasestr(v[k], "sub_title") || strcasestr(v[k], "subhead")))
				return 1;
		if (a != b->owner)
			break; /* the block's element and its parent only */
	}
	return 0;
}

/* Reads an unsigned number of 1..max_digits digits at s[*i]; -1 when none. */
static int html_num(const char *s, size_t n, size_t *i, int max_digits)
{
	int v = 0, k = 0;
	while (*i < n && k < max_digits && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	if (!k || (*i < n && s[*i] >= '0' && s[*i] <= '9'))
		return -1;
	return v;
}

/* A US date at s: M/D/YYYY, optionally followed by h:mm[:ss] [AM|PM]. */
static int html_us_date(const char *s, size_t n, char iso[DUMP_ISO_MAX])
{
	size_t i = 0;
	int mo = html_num(s, n, &i, 2);
	if (mo < 1 || mo > 12 || i >= n || s[i++] != '/')
		return 0;
	int d = html_num(s, n, &i, 2);
	if (d < 1 || d > 31 || i >= n || s[i++] != '/')
		return 0;
	size_t y0 = i;
	int y = html_num(s, n, &i, 4);
	if (y < 1900 || i - y0 != 4)
		return 0;
	char tmp[40];
	int len = snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, mo, d);
	size_t j = i;
	while (j < n && s[j] == ' ')
		j++;
	int h = html_num(s, n, &j, 2), mi = -1, se = -1;
	if (h >= 0 && j < n && s[j] == ':') {
		j++;
		mi = html_num(s, n, &j, 2);
		if (mi >= 0 && j < n && s[j] == ':') {
			j++;
			se = html_num(s, n, &j, 2);
		}
		while (j < n && s[j] == ' ')
			j++;
		if (j + 1 < n && (s[j + 1] == 'M' || s[j + 1] == 'm')) {
			if ((s[j] == 'P' || s[j] == 'p') && h < 12)
				h += 12;
			else if ((s[j] == 'A' || s[j] == 'a') && h == 12)
				h = 0;
		}
		if (h <= 23 && mi >= 0 && mi <= 59)
			len += snprintf(tmp + len, sizeof tmp - (size_t)len, " %02d:%02d", h, mi);
		if (h <= 23 && mi >= 0 && se >= 0 && se <= 59)
			snprintf(tmp + len, sizeof tmp - (size_t)len, ":%02d", se);
	}
	return dump_date(tmp, strlen(tmp), iso) > 0;
}

/* An English date at s: [Weekday, ]December 27, 2014[,| at] [12:06 PM] or 27 Dec. 2014
   [12:06]. Returns 1 and the ISO form. */
static int html_en_date(const char *s, size_t n, char iso[DUMP_ISO_MAX])
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					     "jul", "aug", "sep", "oct", "nov", "dec"};
	size_t i = 0;
	int mo = 0, d = -1, y = -1;
	for (int pass = 0; pass < 2 && !mo; pass++) {
		/* pass 0: the month first; pass 1: the day first */
		i = 0;
		if (pass) {
			d = html_num(s, n, &i, 2);
			if (d < 1 || i >= n || s[i] != ' ')
				return 0;
			i++;
		}
		size_t w = i;
		while (w < n && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'))
			w++;
		if (w - i < 3 || w - i > 9)
			continue;
		for (int k = 0; k < 12; k++)
			if (!strncasecmp(s + i, months[k], 3)) {
				mo = k + 1;
				break;
			}
		if (!mo)
			continue;
		i = w;
		if (i < n && s[i] == '.')
			i++;
		if (i >= n || s[i] != ' ')
			return 0;
		i++;
		if (!pass) {
			d = html_num(s, n, &i, 2);
			if (d < 1)
				return 0;
			if (i + 1 < n && ((s[i] == 's' && s[i + 1] == 't') || (s[i] == 'n' && s[i + 1] == 'd') ||
					  (s[i] == 'r' && s[i + 1] == 'd') || (s[i] == 't' && s[i + 1] == 'h')))
				i += 2;
			if (i < n && s[i] == ',')
				i++;
			if (i >= n || s[i] != ' ')
				return 0;
			i++;
		}
	}
	if (!mo || d < 1 || d > 31)
		return 0;
	size_t y0 = i;
	y = html_num(s, n, &i, 4);
	if (y < 1900 || i - y0 != 4)
		return 0;
	char tmp[40];
	int len = snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, mo, d);
	/* the time: ", 12:06 PM", " at 12:06 pm", " - 12:06" */
	size_t j = i;
	while (j < n && (s[j] == ' ' || s[j] == ',' || s[j] == '-'))
		j++;
	if (j + 3 < n && !strncasecmp(s + j, "at ", 3))
		j += 3;
	int h = html_num(s, n, &j, 2), mi = -1;
	if (h >= 0 && j < n && s[j] == ':') {
		j++;
		mi = html_num(s, n, &j, 2);
		if (mi >= 0 && j < n && s[j] == ':') { /* seconds: not kept */
			j++;
			html_num(s, n, &j, 2);
		}
		while (j < n && s[j] == ' ')
			j++;
		if (j + 1 < n && (s[j + 1] == 'M' || s[j + 1] == 'm' || s[j + 1] == '.')) {
			if ((s[j] == 'P' || s[j] == 'p') && h < 12)
				h += 12;
			else if ((s[j] == 'A' || s[j] == 'a') && h == 12)
				h = 0;
		}
		if (h <= 23 && mi >= 0 && mi <= 59)
			snprintf(tmp + len, sizeof tmp - (size_t)len, " %02d:%02d", h, mi);
	}
	return dump_date(tmp, strlen(tmp), iso) > 0;
}

/* Finds the first date in s[0..n) (dump_date at any position that starts a number, or an
   English date at the start of a word). */
static int html_find_date_in(const char *s, size_t n, char iso[DUMP_ISO_MAX], int english)
{
	for (size_t i = 0; i + 8 <= n; i++) {
		int word = i == 0 || !(((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') ||
				       (s[i - 1] >= '0' && s[i - 1] <= '9'));
		if (english && word && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
			     (s[i] >= '1' && s[i] <= '3')) && html_en_date(s + i, n - i, iso))
			return 1;
		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		if ((s[i] == '1' || s[i] == '2') && dump_date(s + i, n - i, iso))
			return 1;
		if (s[i] >= '0' && s[i] <= '9' && html_us_date(s + i, n - i, iso))
			return 1;
	}
	return 0;
}

static int html_find_date(const char *s, size_t n, char iso[DUMP_ISO_MAX])
{
	return html_find_date_in(s, n, iso, 1);
}

/* Emits the pieces of a mixed line (split at runs of spaces) that are metadata as lines of
   their own. */
static enum err html_meta_pieces(struct html_ctx *c, const char *s, size_t n, size_t blk,
				 size_t **map, size_t *nmap, size_t *cap)
{
	size_t i = 0, l;
	while (i < n) {
		while (i < n && html_is_ws(html_cp(s + i, n - i, &l)))
			i += l;
		size_t j = i;
		while (j < n && !html_is_ws(html_cp(s + j, n - j, &l)))
			j += l;
		if (j > i && dump_line_kind(c->doc, s + i, j - i) == DUMP_LINE_META) {
			enum err e = html_synth_line(c, s + i, j - i, blk, map, nmap, cap);
			if (e)
				return e;
		}
		i = j;
	}
	return ERR_OK;
}

/* A block whose element or parent has a class or id naming a title (post-title, headline). */
static int html_marked_title(const xmlNode *n)
{
	static const char *const attrs[] = {"class", "id"};
	for (int up = 0; n && n->type == XML_ELEMENT_NODE && up < 2; up++, n = n->parent)
		for (size_t k = 0; k < HTML_N(attrs); k++) {
			const char *v = html_attr(n, attrs[k]);
			if (v && (strcasestr(v, "title") || strcasestr(v, "headline")) &&
			    !strcasestr(v, "sub"))
				return 1;
		}
	return 0;
}

/* A line opening with a metadata label and a colon: 来源：本站 作者：某某, 时间：... */
static int html_label_line(const char *s, size_t n)
{
	static const char *const labels[] = {"来源", "作者", "时间", "日期", "发布", "编辑", "浏览",
					     "点击", "出处", "稿源", "发表", "更新", "字号"};
	html_trim(&s, &n);
	for (size_t k = 0; k < HTML_N(labels); k++) {
		size_t m = strlen(labels[k]);
		if (n > m && !memcmp(s, labels[k], m)) {
			const char *r = s + m;
			size_t rn = n - m;
			html_trim(&r, &rn);
			if (rn && (r[0] == ':' || (rn >= 3 && !memcmp(r, "：", 3))))
				return 1;
			if (rn >= 6 && !memcmp(r, "时间", 6))
				return 1; /* 发布时间 */
		}
	}
	return 0;
}

/* For pages whose only title is the <title> element: a headline-like block among the few
   before the first body block (or the first one itself) that is marked as a title, that the
   <title> holds beside other words, or that is followed by a bare author name. Returns its
   index or SIZE_MAX. */
static size_t html_head_title(struct html_ctx *c, size_t first)
{
	size_t from = first > 3 ? first - 3 : 0;
	for (size_t j = from; j <= first && j + 1 < c->n_blocks; j++) {
		struct html_block *b = &c->blocks[j];
		/* a blog post's heading is often its permalink: <h2><a href=…>title</a></h2> right
		   over the text */
		int permalink = b->kind == HTML_K_HEAD && b->links >= b->chars && j + 1 >= first;
		struct html_block unlinked = *b;
		unlinked.links = 0;
		if ((b->links && !permalink) || !html_headline_like(c, &unlinked) ||
		    html_label_line(c->text.p + b->off, b->len) ||
		    dump_line_kind(c->doc, c->text.p + b->off, b->len) != DUMP_LINE_TEXT)
			continue;
		const struct html_block *nx = &c->blocks[j + 1];
		/* the <title> holds it beside the site's name: "Joel on Software - 给学生的建议" */
		int in_title = 0;
		const char *tt = c->title_tag.p;
		const char *hit = b->chars >= 4 && c->title_tag.len > b->len
					  ? memmem(tt, c->title_tag.len, c->text.p + b->off, b->len)
					  : NULL;
		if (hit) {
			/* a whole part of it: at an end or next to a separator */
			size_t at = (size_t)(hit - tt), end = at + b->len, l;
			uint32_t before = ' ';
			if (at) { /* the code point ending right before the hit */
				size_t q = at - 1;
				while (q > 0 && ((unsigned char)tt[q] & 0xC0) == 0x80)
					q--;
				before = html_cp(tt + q, at - q, &l);
			}
			uint32_t after = end < c->title_tag.len
						 ? html_cp(tt + end, c->title_tag.len - end, &l)
						 : ' ';
			in_title = (html_is_ws(before) || html_is_title_sep(before) || before == 0xFF1A ||
				    before == ':') &&
				   (html_is_ws(after) || html_is_title_sep(after));
		}
		if (html_marked_title(b->owner) || in_title || (permalink && !c->title_tag.len) ||
		    (html_bare_name(c->text.p + nx->off, nx->len) && j + 2 < c->n_blocks))
			return j;
	}
	return SIZE_MAX;
}

/* Builds the synthetic page text (title, metadata lines, body), reads it with dump_read and
   fills doc. */
/* ---- the structure of the body: containers, cells, code, inline spans ---- */

/* The containers of the model enclosing body block b (owner `from`), outermost first, into
   el/ty (at most DOC_MAX_DEPTH, the innermost kept): lists and their items (an item counts
   only inside a list, a list only around an item), block quotes, and for a table row read
   as cells (`row`) the row and its table. The walk stops at `wrap`, the element holding the
   whole body: containers around the whole article are page layout, not structure. */
static int html_chain(xmlNode *from, int row, const xmlNode *wrap, xmlNode **el,
		      unsigned char *ty)
{
	xmlNode *raw[DOC_MAX_DEPTH * 2 + 2];
	unsigned char rty[DOC_MAX_DEPTH * 2 + 2];
	int n = 0;
	unsigned depth = 0;
	xmlNode *a = from;
	if (row) {
		/* tr, under thead/tbody/tfoot or not */
		xmlNode *t = from->parent;
		for (unsigned k = 0; t && t != wrap && k < 2 && !html_name_is(t, "table"); k++)
			t = t->parent;
		if (!t || t == wrap || !html_name_is(t, "table"))
			return -1; /* the body is the table's rows: read as paragraphs */
		raw[n] = from, rty[n++] = DOC_ROW;
		raw[n] = t, rty[n++] = DOC_TABLE;
		a = t->parent;
	}
	for (; a && a != wrap && depth < HTML_MAX_DEPTH && n < (int)HTML_N(raw);
	     a = a->parent, depth++) {
		if (html_name_is(a, "li"))
			raw[n] = a, rty[n++] = DOC_ITEM;
		else if (html_name_is(a, "ul") || html_name_is(a, "ol"))
			raw[n] = a, rty[n++] = DOC_LIST;
		else if (html_name_is(a, "blockquote"))
			raw[n] = a, rty[n++] = DOC_QUOTE;
	}
	/* outermost first; lists and items in pairs */
	int m = 0;
	for (int i = n - 1; i >= 0; i--) {
		if (rty[i] == DOC_LIST && !(i > 0 && rty[i - 1] == DOC_ITEM))
			continue;
		if (rty[i] == DOC_ITEM && !(i + 1 < n && rty[i + 1] == DOC_LIST))
			continue;
		el[m % DOC_MAX_DEPTH] = raw[i];
		ty[m % DOC_MAX_DEPTH] = rty[i];
		m++;
	}
	if (m > DOC_MAX_DEPTH) {
		/* keep the innermost DOC_MAX_DEPTH, in order */
		xmlNode *te[DOC_MAX_DEPTH];
		unsigned char tt[DOC_MAX_DEPTH];
		for (int k = 0; k < DOC_MAX_DEPTH; k++) {
			te[k] = el[(m + k) % DOC_MAX_DEPTH];
			tt[k] = ty[(m + k) % DOC_MAX_DEPTH];
		}
		memcpy(el, te, sizeof te);
		memcpy(ty, tt, sizeof tt);
		m = DOC_MAX_DEPTH;
	}
	return m;
}

/* <ol start=N>: its first number (1 when not given). */
static int html_ol_start(const xmlNode *ol)
{
	const char *v = html_attr(ol, "start");
	if (!v)
		return 1;
	long k = strtol(v, NULL, 10);
	return k < -1000000 ? -1000000 : k > 1000000 ? 1000000 : (int)k;
}

/* Opens and closes containers so that the open ones are el[0..n) (doc->open mirrors
   c->open_el). */
static enum err html_sync(struct html_ctx *c, xmlNode *const *el, const unsigned char *ty, int n,
			  struct srcpos pos)
{
	int k = 0;
	while (k < n && k < c->n_open_el && c->open_el[k] == el[k])
		k++;
	while (c->n_open_el > k) {
		doc_close(c->doc);
		c->n_open_el--;
	}
	for (; k < n; k++) {
		int ol = ty[k] == DOC_LIST && html_name_is(el[k], "ol");
		enum err e = doc_open(c->doc, (enum doc_block_type)ty[k], ol, ol ? html_ol_start(el[k]) : 0,
				      pos);
		if (e)
			return e;
		c->open_el[c->n_open_el++] = el[k];
	}
	return ERR_OK;
}

/* Sorts spans by start, the longer (outer) first, then by opening order. */
static int html_cmp_span(const void *a, const void *b)
{
	const struct html_span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int html_cmp_mark(const void *a, const void *b)
{
	const size_t *x = *(const size_t *const *)a, *y = *(const size_t *const *)b;
	return *x < *y ? -1 : *x > *y;
}

/* Length of a space (ASCII, LF, U+3000) at s[i] / ending at s[end], or 0. */
static size_t html_sp_at(const char *s, size_t i, size_t n)
{
	if (i < n && (s[i] == ' ' || s[i] == '\n'))
		return 1;
	return i + 3 <= n && !memcmp(s + i, "\xE3\x80\x80", 3) ? 3 : 0;
}

static size_t html_sp_before(const char *s, size_t end)
{
	if (end && (s[end - 1] == ' ' || s[end - 1] == '\n'))
		return 1;
	return end >= 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3) ? 3 : 0;
}

/* PUNCT-NORM of bytes [from, to) of block b's raw text into c->norm (reset first), and its
   spans over that range, clipped and translated into the normalised text, into sp (sorted,
   at most b->sp_n); returns how many. With keep_code, code spans are copied verbatim. */
static size_t html_norm_spans(struct html_ctx *c, const struct html_block *b, size_t from,
			      size_t to, struct html_span *sp, int keep_code)
{
	size_t n = 0, nk = 0;
	for (size_t i = 0; i < b->sp_n; i++) {
		struct html_span s = c->spans[b->sp_first + i];
		if (s.end <= from || s.start >= to)
			continue;
		s.start = (s.start < from ? from : s.start) - from;
		s.end = (s.end > to ? to : s.end) - from;
		sp[n++] = s;
	}
	if (n > 1)
		qsort(sp, n, sizeof *sp, html_cmp_span);
	buf_reset(&c->norm);
	size_t **order = n ? malloc(2 * n * sizeof *order) : NULL;
	if (2 * n + 1 > c->cap_marks) {
		free(c->marks);
		free(c->keeps);
		c->cap_marks = 2 * n + 1;
		c->marks = malloc(c->cap_marks * sizeof *c->marks);
		c->keeps = malloc(c->cap_marks * sizeof *c->keeps);
	}
	if ((n && !order) || !c->marks || !c->keeps) {
		free(order);
		c->cap_marks = 0;
		punct_normalize(c->text.p + b->off + from, to - from, &c->norm);
		return 0; /* spans are dropped, the text stays */
	}
	for (size_t i = 0; i < n; i++) {
		order[2 * i] = &sp[i].start;
		order[2 * i + 1] = &sp[i].end;
		if (keep_code && sp[i].kind == DOC_SPAN_CODE &&
		    (!nk || c->keeps[2 * nk - 1] <= sp[i].start)) {
			c->keeps[2 * nk] = sp[i].start;
			c->keeps[2 * nk + 1] = sp[i].end;
			nk++;
		}
	}
	if (n)
		qsort(order, 2 * n, sizeof *order, html_cmp_mark);
	for (size_t i = 0; i < 2 * n; i++)
		c->marks[i] = *order[i];
	punct_normalize_map(c->text.p + b->off + from, to - from, &c->norm, c->marks, 2 * n,
			    c->keeps, nk);
	for (size_t i = 0; i < 2 * n; i++)
		*order[i] = c->marks[i];
	free(order);
	return n;
}

/* Adds the spans sp[0..n) (offsets into c->norm) to document block bi, whose text is `text`:
   the normalised text itself, or a piece of it the page-dump reading kept (found in it; when
   not found, no spans). Spans are trimmed of spaces; a heading loses a strong span covering
   all of it (the bold was what made it a subhead). */
static enum err html_add_spans(struct html_ctx *c, size_t bi, const char *text,
			       struct html_span *sp, size_t n, int heading)
{
	size_t tl = strlen(text), delta = 0, k;
	if (!n || !tl)
		return ERR_OK;
	if (c->norm.len != tl || memcmp(c->norm.p, text, tl)) {
		const char *f = memmem(c->norm.p ? c->norm.p : "", c->norm.len, text, tl);
		if (!f)
			return ERR_OK;
		delta = (size_t)(f - c->norm.p);
	}
	for (size_t i = 0; i < n; i++) {
		size_t s = sp[i].start > delta ? sp[i].start - delta : 0;
		size_t e = sp[i].end > delta ? sp[i].end - delta : 0;
		if (e > tl)
			e = tl;
		while (s < e && (k = html_sp_at(text, s, tl)))
			s += k;
		while (e > s && (k = html_sp_before(text, e)))
			e -= k;
		if (s >= e || (heading && sp[i].kind == DOC_SPAN_STRONG && s == 0 && e == tl))
			continue;
		enum err er = doc_add_span(c->doc, bi, (enum doc_span_kind)sp[i].kind, s, e - s,
					   sp[i].kind == DOC_SPAN_LINK ? c->text.p + sp[i].href_off : NULL,
					   sp[i].href_len);
		if (er)
			return er;
	}
	return ERR_OK;
}

/* The text of a <pre>: as written, tabs expanded to HTML_TAB columns, other control
   characters dropped, blank lines at both ends removed. */
#define HTML_TAB 4
static void html_code_text(const char *s, size_t n, struct buf *out)
{
	size_t col = 0, i = 0;
	/* leading blank lines */
	for (size_t j = 0; j < n; j++) {
		if (s[j] == '\n')
			i = j + 1;
		else if (s[j] != ' ' && s[j] != '\t')
			break;
	}
	for (; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\t') {
			do
				buf_putc(out, ' ');
			while (++col % HTML_TAB);
		} else if (ch == '\n') {
			/* trailing spaces of the line */
			while (out->len && out->p[out->len - 1] == ' ')
				out->len--;
			buf_putc(out, '\n');
			col = 0;
		} else if (ch >= 0x20 && ch != 0x7F) {
			buf_putc(out, (char)ch);
			col += (ch & 0xC0) != 0x80;
		}
	}
	while (out->len && (out->p[out->len - 1] == '\n' || out->p[out->len - 1] == ' '))
		out->len--;
	buf_cstr(out);
}

/* The text of a list item without the marker html_assemble put in front of its line for
   the page-dump reading ("• ", "3. "), if it is still there. */
static const char *html_strip_marker(const char *t, int num)
{
	char m[24];
	if (num)
		snprintf(m, sizeof m, "%d.", num);
	else
		snprintf(m, sizeof m, "•");
	size_t k = strlen(m);
	if (strncmp(t, m, k))
		return t;
	t += k;
	if (*t == ' ')
		t++;
	else if (!strncmp(t, "\xE3\x80\x80", 3))
		t += 3;
	return t;
}

/* Adds body block hb (NULL: none known) read as tb_text of type ty/level at pos, inside its
   containers: a table row as cells, a <pre> as code, a list item without its marker, inline
   spans translated. */
static enum err html_add_body(struct html_ctx *c, const struct html_block *hb,
			      enum doc_block_type ty, int level, const char *text, struct srcpos pos,
			      const xmlNode *wrap)
{
	xmlNode *el[DOC_MAX_DEPTH] = {0};
	unsigned char tv[DOC_MAX_DEPTH] = {0};
	int row = hb && hb->kind == HTML_K_ROW && hb->cell_n >= 2;
	int n = hb ? html_chain(hb->owner, row, wrap, el, tv) : 0;
	if (n < 0) {
		row = 0;
		n = html_chain(hb->owner, 0, wrap, el, tv);
	}
	enum err e = html_sync(c, el, tv, n, pos);
	if (e)
		return e;
	struct html_span *sp = hb && hb->sp_n ? malloc(hb->sp_n * sizeof *sp) : NULL;
	if (hb && hb->sp_n && !sp)
		return ERR_NOMEM;
	if (row) {
		for (size_t i = 0; i < hb->cell_n && !e; i++) {
			const struct html_cell *cl = &c->cells[hb->cell_first + i];
			size_t k = html_norm_spans(c, hb, cl->start, cl->end, sp, 1);
			if (c->norm.oom)
				e = ERR_NOMEM;
			else if (!(e = doc_add_block(c->doc, DOC_CELL, cl->header, buf_cstr(&c->norm),
						     c->norm.len, pos)))
				e = html_add_spans(c, c->doc->n_blocks - 1, c->doc->blocks[c->doc->n_blocks - 1].text,
						   sp, k, 0);
		}
		free(sp);
		return e;
	}
	if (hb && hb->kind == HTML_K_PRE) {
		buf_reset(&c->norm);
		html_code_text(c->text.p + hb->off, hb->len, &c->norm);
		free(sp);
		if (c->norm.oom)
			return ERR_NOMEM;
		return doc_add_block(c->doc, DOC_CODE, 0, buf_cstr(&c->norm), c->norm.len, pos);
	}
	if (hb && hb->kind == HTML_K_LI)
		text = html_strip_marker(text, hb->num);
	size_t k = 0;
	if (hb && hb->sp_n) {
		k = html_norm_spans(c, hb, 0, hb->len, sp, 1);
		int code = 0;
		for (size_t i = 0; i < k; i++)
			code |= sp[i].kind == DOC_SPAN_CODE;
		if (code && (c->norm.len != strlen(text) || memcmp(c->norm.p, text, c->norm.len))) {
			/* the page-dump reading normalised inside the code spans too: when that is
			   all it changed, the text with the code as written replaces it */
			buf_reset(&c->tmp);
			punct_normalize(c->text.p + hb->off, hb->len, &c->tmp);
			if (c->tmp.len == strlen(text) && !memcmp(c->tmp.p, text, c->tmp.len))
				text = buf_cstr(&c->norm);
			else
				k = html_norm_spans(c, hb, 0, hb->len, sp, 0);
		}
		if (c->norm.oom || c->tmp.oom) {
			free(sp);
			return ERR_NOMEM;
		}
	}
	if (!(e = doc_add_block(c->doc, ty, level, text, (size_t)-1, pos)) && k)
		e = html_add_spans(c, c->doc->n_blocks - 1, c->doc->blocks[c->doc->n_blocks - 1].text,
				   sp, k, ty == DOC_HEADING);
	free(sp);
	return e;
}

/* The element holding the whole body: the nearest common ancestor of the first and the last
   body block (NULL when there is none). */
static const xmlNode *html_body_wrap(const struct html_ctx *c)
{
	size_t f = SIZE_MAX, l = SIZE_MAX;
	for (size_t i = 0; i < c->n_blocks; i++)
		if (c->blocks[i].body && !c->blocks[i].used && c->blocks[i].owner) {
			if (f == SIZE_MAX)
				f = i;
			l = i;
		}
	if (f == SIZE_MAX)
		return NULL;
	const xmlNode *a = c->blocks[f].owner;
	for (unsigned d = 0; a && d < HTML_MAX_DEPTH; a = a->parent, d++)
		if (html_inside(c->blocks[l].owner, a))
			return a;
	return NULL;
}

static enum err html_assemble(struct html_ctx *c, size_t *out_body)
{
	struct doc *tmpdoc = NULL;
	struct diag *quiet = NULL;
	size_t *map = NULL, nmap = 0, cap = 0, first = SIZE_MAX, last = SIZE_MAX;
	size_t *img_at = NULL; /* per body block: synthetic lines before it (places images) */
	char vis[DUMP_ISO_MAX] = ""; /* the first date seen near the title */
	char vis_en[DUMP_ISO_MAX] = ""; /* the first English date (month name) there */
	enum err e = ERR_OK;
	struct buf title, src, aut; /* aut: text of an element marked as the author */
	buf_init(&title);
	buf_init(&src);
	buf_init(&aut);
	struct srcpos nopos = {c->doc->file, 0, 0};

	for (size_t i = 0; i < c->n_blocks; i++)
		if (c->blocks[i].body) {
			if (first == SIZE_MAX)
				first = i;
			last = i;
		}
	size_t tblk = html_pick_title(c, &title);
	/* a heading matching the page's title right above the text (not a guessed headline) */
	c->titled = tblk != SIZE_MAX && first != SIZE_MAX && tblk < first && first - tblk <= 6 &&
		    c->blocks[tblk].kind == HTML_K_HEAD;
	if (tblk == SIZE_MAX && first != SIZE_MAX && !c->ld_headline.len && !c->og_title.len) {
		/* only a <title> (often the site's name): a headline at the head of the body, marked
		   as a title by its class or signed by a bare name on the next line, is the title */
		size_t j = html_head_title(c, first);
		if (j != SIZE_MAX) {
			buf_reset(&title);
			buf_put(&title, c->text.p + c->blocks[j].off, c->blocks[j].len);
			tblk = j;
		}
	}
	if (tblk != SIZE_MAX)
		c->blocks[tblk].body = 0;
	/* line 1: the title */
	if (title.len && (e = html_synth_line(c, title.p, title.len, tblk, &map, &nmap, &cap)))
		goto done;
	int by_done = 0;
	/* metadata lines between the title and the body, and at the head of the body (before
	   the first real paragraph): read as metadata, never as body text */
	if (first != SIZE_MAX) {
		size_t from = first > HTML_META_BEFORE ? first - HTML_META_BEFORE : 0;
		if (tblk != SIZE_MAX && tblk < first && tblk + 1 > from)
			from = tblk + 1;
		else if (tblk == SIZE_MAX && first > HTML_META_NOTITLE)
			from = first - HTML_META_NOTITLE;
		int lead = 1;
		for (size_t i = from; i <= last; i++) {
			struct html_block *b = &c->blocks[i];
			const char *s = c->text.p + b->off;
			if (i >= first && !b->body)
				continue;
			if (b->kind == HTML_K_IMG || b->kind == HTML_K_CAPTION)
				continue;
			if (i >= first && (b->chars - b->links >= HTML_LEAD_MAX ||
					   memmem(s, b->len, "。", 3) || b->kind == HTML_K_HEAD))
				lead = 0;
			if (i >= first && !lead)
				break;
			/* "By" alone in its element, the name in the next (<span>By</span>
			   <div class="name"><a>Jane Doe</a></div>): one By line, as in page dumps */
			if (!by_done && i + 1 <= last && html_by_alone(s, b->len)) {
				const struct html_block *nb = &c->blocks[i + 1];
				buf_reset(&c->tmp);
				buf_puts(&c->tmp, "By ");
				buf_put(&c->tmp, c->text.p + nb->off, nb->len);
				if (c->tmp.oom) {
					e = ERR_NOMEM;
					goto done;
				}
				if (nb->kind != HTML_K_IMG && html_is_by_line(c->tmp.p, c->tmp.len)) {
					if ((e = html_by_names(c->doc, c->tmp.p, c->tmp.len,
							       (struct srcpos){c->doc->file, nb->line, 1})))
						goto done;
					by_done = c->doc->n_byline > 0;
					if (by_done) {
						b->used = 1;
						c->blocks[i + 1].used = 1;
						i++;
						continue;
					}
				}
			}
			if (html_is_by_line(s, b->len) && !by_done) {
				if ((e = html_by_names(c->doc, s, b->len,
						       (struct srcpos){c->doc->file, b->line, 1})))
					goto done;
				by_done = 1;
				b->used = 1;
				continue;
			}
			/* 新华社 alone under the headline, before the date line: the source */
			if (!c->doc->source.text && !c->meta_src && i + 1 <= last && b->chars >= 2 &&
			    b->chars <= 12 && html_org_author(s, b->len) && html_all_han(s, b->len) &&
			    i > 0 && (i - 1 == tblk || html_headline_like(c, &c->blocks[i - 1]))) {
				char iso2[DUMP_ISO_MAX];
				const struct html_block *nx = &c->blocks[i + 1];
				if (nx->chars <= HTML_LEAD_MAX &&
				    html_find_date(c->text.p + nx->off, nx->len, iso2)) {
					buf_puts(&src, "来源：");
					buf_put(&src, s, b->len);
					if (src.oom) {
						e = ERR_NOMEM;
						goto done;
					}
					if ((e = html_synth_line(c, src.p, src.len, i, &map, &nmap, &cap)))
						goto done;
					buf_reset(&src);
					c->meta_src = 1;
					b->used = 1;
					continue;
				}
			}
			/* 犬儒病 / 胡平 / ——副题: a bare name right under the headline signs the article */
			if (!by_done && !c->doc->n_byline && i > 0 && i + 1 <= last &&
			    html_bare_name(s, b->len) &&
			    i > 0 && (i - 1 == tblk || html_headline_like(c, &c->blocks[i - 1])) &&
			    !(b->links && c->blocks[i + 1].links &&
			      c->blocks[i + 1].links * 2 >= c->blocks[i + 1].chars) && /* a tag list */
			    dump_line_kind(c->doc, s, b->len) == DUMP_LINE_TEXT) {
				if ((e = html_by_names(c->doc, s, b->len,
						       (struct srcpos){c->doc->file, b->line, 1})))
					goto done;
				by_done = 1;
				b->used = 1;
				continue;
			}
			if (!aut.len && b->chars <= HTML_NAME_MAX &&
			    (!b->links || (b->links == b->chars && html_han_name(s, b->len))) &&
			    html_marked_author(b->owner) &&
			    dump_line_kind(c->doc, s, b->len) == DUMP_LINE_TEXT) {
				buf_put(&aut, s, b->len); /* <div class="author-name">, used if nothing better */
				b->used = 1;
				continue;
			}
			char iso[DUMP_ISO_MAX];
			int dated = b->chars <= HTML_LEAD_MAX && html_find_date_in(s, b->len, iso, 0);
			/* an English date (November 28, 2013) near the title is weaker than the
			   structured metadata: sidebars list stories with such dates */
			if (!dated && !vis_en[0] && b->chars <= HTML_LEAD_MAX &&
			    html_find_date_in(s, b->len, iso, 1)) {
				memcpy(vis_en, iso, sizeof vis_en);
				dated = 1;
			}
			if (!dated && !c->doc->subtitle.text && i < first && b->chars <= HTML_SUBTITLE_MAX &&
			    html_is_subtitle(b, s) && dump_line_kind(c->doc, s, b->len) == DUMP_LINE_TEXT) {
				if ((e = html_norm_set(c, &c->doc->subtitle, s, b->len,
						       (struct srcpos){c->doc->file, b->line, 1})))
					goto done;
				b->used = 1;
				continue;
			}
			if (dated && !vis[0] && strcmp(iso, vis_en))
				memcpy(vis, iso, sizeof vis);
			enum dump_line_class k = dump_line_kind(c->doc, s, b->len);
			if (k == DUMP_LINE_META) {
				if ((e = html_synth_line(c, s, b->len, i, &map, &nmap, &cap)))
					goto done;
				b->used = 1;
			} else if (dated && !memmem(s, b->len, "，", 3)) {
				/* 2005-04-05 06:40更新 来源：某报 第1页/共1页: its metadata pieces */
				if ((e = html_meta_pieces(c, s, b->len, i, &map, &nmap, &cap)))
					goto done;
				b->used = 1;
			}
		}
	}
	/* the body */
	if (first != SIZE_MAX) {
		img_at = calloc(last - first + 1, sizeof *img_at);
		if (!img_at) {
			e = ERR_NOMEM;
			goto done;
		}
		html_drop_repeats(c, first, last);
		for (size_t i = first; i <= last; i++) {
			struct html_block *b = &c->blocks[i];
			if (!b->body || b->used)
				continue;
			const char *s = c->text.p + b->off;
			img_at[i - first] = nmap;
			if (b->kind == HTML_K_IMG) {
				/* a caption paragraph right after the image */
				size_t k = i + 1;
				if (k <= last && c->blocks[k].body && !b->fig &&
				    html_is_caption_para(c, &c->blocks[k])) {
					c->blocks[k].used = 1;
					b->off = c->blocks[k].off;
					b->len = c->blocks[k].len;
				}
				continue;
			}
			if (b->kind == HTML_K_CAPTION) {
				for (size_t k = i; k-- > first;)
					if (c->blocks[k].kind == HTML_K_IMG && c->blocks[k].fig == b->fig &&
					    b->fig) {
						c->blocks[k].off = b->off;
						c->blocks[k].len = b->len;
						break;
					}
				b->used = 1;
				continue;
			}
			if (html_vertical_label(c, i, first, last) || html_all_replacement(s, b->len)) {
				b->used = 1;
				continue;
			}
			if (!by_done && nmap <= 8 && html_is_by_line(s, b->len)) {
				if ((e = html_by_names(c->doc, s, b->len,
						       (struct srcpos){c->doc->file, b->line, 1})))
					goto done;
				by_done = 1;
				b->used = 1;
				continue;
			}
			if (b->kind == HTML_K_LI) {
				buf_reset(&c->tmp);
				if (b->num)
					buf_printf(&c->tmp, "%d. ", b->num);
				else
					buf_puts(&c->tmp, "• ");
				buf_put(&c->tmp, s, b->len);
				if (c->tmp.oom) {
					e = ERR_NOMEM;
					goto done;
				}
				e = html_synth_line(c, c->tmp.p, c->tmp.len, i, &map, &nmap, &cap);
			} else {
				e = html_synth_line(c, s, b->len, i, &map, &nmap, &cap);
			}
			if (e)
				goto done;
		}
	}
	/* metadata lines after the body: editor credits, sources */
	if (last != SIZE_MAX)
		for (size_t i = last + 1, k = 0; i < c->n_blocks && k < HTML_META_AFTER; i++, k++) {
			struct html_block *b = &c->blocks[i];
			if (b->kind == HTML_K_IMG)
				continue;
			if (b->chars > 100)
				break;
			const char *s = c->text.p + b->off;
			if (dump_line_kind(c->doc, s, b->len) == DUMP_LINE_META &&
			    (e = html_synth_line(c, s, b->len, i, &map, &nmap, &cap)))
				goto done;
		}

	/* read the lines as a page dump */
	tmpdoc = doc_new(c->doc->file);
	quiet = diag_new(stderr);
	if (!tmpdoc || !quiet) {
		e = ERR_NOMEM;
		goto done;
	}
	diag_set_quiet(quiet, 1);
	if (c->synth.len && (e = dump_read(tmpdoc, c->synth.p, c->synth.len, quiet)) &&
	    e != ERR_INPUT)
		goto done;
	e = ERR_OK;
	struct doc *doc = c->doc;
	if ((e = html_copy_field(c, &doc->title, &tmpdoc->title, map, nmap)) ||
	    (e = html_copy_field(c, &doc->subtitle, &tmpdoc->subtitle, map, nmap)) ||
	    (e = html_copy_field(c, &doc->source, &tmpdoc->source, map, nmap)) ||
	    (e = html_copy_field(c, &doc->editor, &tmpdoc->editor, map, nmap)))
		goto done;
	/* published: the date shown near the title, else structured metadata, else a date just
	   under the body, else one the metadata lines gave, else the first date before the body;
	   a time from another source with the same day is added */
	{
		char iso[DUMP_ISO_MAX] = "", alt[DUMP_ISO_MAX] = "";
		const struct buf *dates[3] = {&c->ld_date, &c->meta_date, &c->time_date};
		for (int k = 0; k < 3 && !alt[0]; k++)
			if (dates[k]->len && !html_iso_date(dates[k]->p, dates[k]->len, alt))
				alt[0] = 0;
		const char *txt = tmpdoc->published.text;
		struct srcpos dpos = nopos;
		if (vis[0])
			memcpy(iso, vis, sizeof iso);
		else if (alt[0])
			memcpy(iso, alt, sizeof iso);
		else
			memcpy(iso, vis_en, sizeof iso);
		/* a date under the body: post footers (发表于 ...), notices */
		/* 发表于 2004年12月27日 12:40 as the body's last line comes before the comments */
		size_t after = last;
		if (last != SIZE_MAX && (c->blocks[last].chars > HTML_LEAD_MAX ||
					 memmem(c->text.p + c->blocks[last].off, c->blocks[last].len, "。", 3)))
			after = last + 1;
		if (!iso[0] && last != SIZE_MAX)
			for (size_t i = after, k = 0; i < c->n_blocks && k < HTML_META_AFTER && !iso[0];
			     i++, k++)
				if (c->blocks[i].chars <= HTML_LEAD_MAX)
					html_find_date(c->text.p + c->blocks[i].off, c->blocks[i].len, iso);
		if (!iso[0] && txt && strlen(txt) < sizeof iso) {
			memcpy(iso, txt, strlen(txt) + 1);
			dpos = html_pos(c, map, nmap, tmpdoc->published.pos.line);
		}
		/* last resort: the first date on the page before the body (a page's date line) */
		for (size_t i = 0; !iso[0] && first != SIZE_MAX && i < first; i++)
			if (c->blocks[i].chars <= HTML_LEAD_MAX)
				html_find_date(c->text.p + c->blocks[i].off, c->blocks[i].len, iso);
		if (strlen(iso) == 10) {
			if (txt && strlen(txt) > 10 && !strncmp(txt, iso, 10) && strlen(txt) < sizeof iso)
				memcpy(iso, txt, strlen(txt) + 1);
			else if (strlen(alt) > 10 && !strncmp(alt, iso, 10))
				memcpy(iso, alt, sizeof iso);
		}
		if (iso[0] && (e = doc_set(doc, &doc->published, iso, (size_t)-1, dpos)))
			goto done;
	}
	/* url */
	const struct buf *u = c->url.len ? &c->url : &c->og_url;
	if (!tmpdoc->url.text && u->len && (e = doc_set(doc, &doc->url, u->p, u->len, nopos)))
		goto done;
	if (tmpdoc->url.text && (e = html_copy_field(c, &doc->url, &tmpdoc->url, map, nmap)))
		goto done;
	/* byline */
	for (size_t i = 0; i < tmpdoc->n_byline && !e; i++) {
		const struct doc_credit *cr = &tmpdoc->byline[i];
		size_t known = 0; /* names a bare name line already gave */
		for (size_t k = 0; k < cr->n_names; k++)
			for (size_t j = 0; j < doc->n_byline; j++)
				for (size_t q = 0; q < doc->byline[j].n_names; q++)
					known += !strcmp(doc->byline[j].names[q], cr->names[k]);
		if (known && known >= cr->n_names)
			continue;
		e = doc_add_credit(doc, cr->role, (size_t)-1, html_pos(c, map, nmap, cr->pos.line));
		for (size_t k = 0; k < cr->n_names && !e; k++)
			e = doc_add_name(doc, cr->names[k], (size_t)-1);
	}
	if (e)
		goto done;
	for (size_t i = tmpdoc->n_blocks, k = 0; i-- > 0 && k < HTML_CREDIT_PARAS && !doc->n_byline;
	     k++)
		if ((e = html_report_credit(doc, &tmpdoc->blocks[i],
					    html_pos(c, map, nmap, tmpdoc->blocks[i].pos.line))))
			goto done;
	/* （常书香 马丹阳） closing the last paragraph */
	for (size_t i = tmpdoc->n_blocks; i-- > 0 && !doc->n_byline;) {
		if (tmpdoc->blocks[i].type == DOC_IMAGE)
			continue;
		if (tmpdoc->blocks[i].type == DOC_PARA &&
		    (e = html_bracket_names(doc, tmpdoc->blocks[i].text,
					    html_pos(c, map, nmap, tmpdoc->blocks[i].pos.line))))
			goto done;
		break;
	}
	/* a post's footer under the body: 由张三张贴 @ 2005-06-14, 由 李四 发表于 ... */
	if (last != SIZE_MAX)
		for (size_t i = last, k = 0; i < c->n_blocks && k <= HTML_META_AFTER && !doc->n_byline;
		     i++, k++) {
			const struct html_block *b = &c->blocks[i];
			size_t ns, nn;
			if (b->chars <= HTML_LEAD_MAX &&
			    html_post_author(c->text.p + b->off, b->len, &ns, &nn) &&
			    (e = html_by_names(doc, c->text.p + b->off + ns, nn,
					       (struct srcpos){doc->file, b->line, 1})))
				goto done;
		}
	/* a post's footer under the body naming its poster first (史蒂文的家_藍天 發表在 痞客邦),
	   when it is the only one there: a forum's replies are signed the same way */
	if (last != SIZE_MAX && !doc->n_byline) {
		size_t signed_at = SIZE_MAX, n_signed = 0, ns = 0, nn = 0;
		for (size_t i = last; i < c->n_blocks && i <= last + HTML_META_AFTER; i++) {
			const struct html_block *b = &c->blocks[i];
			size_t s0, n0;
			if (b->kind != HTML_K_IMG && b->chars <= HTML_LEAD_MAX &&
			    dump_post_signed(c->text.p + b->off, b->len, &s0, &n0) && !n_signed++) {
				signed_at = i;
				ns = s0;
				nn = n0;
			}
		}
		const struct html_block *b = n_signed == 1 ? &c->blocks[signed_at] : NULL;
		if (b && (e = html_by_names(doc, c->text.p + b->off + ns, nn,
					    (struct srcpos){doc->file, b->line, 1})))
			goto done;
	}
	/* an official document's issuing body in its metadata table (发文机关：吉林省人民政府) */
	if (last != SIZE_MAX)
		for (size_t i = 0; i < c->n_blocks && i <= last + HTML_META_AFTER && !doc->n_byline; i++) {
			const struct html_block *b = &c->blocks[i];
			if (b->kind != HTML_K_IMG && b->kind != HTML_K_CAPTION &&
			    b->chars <= 2 * HTML_LEAD_MAX &&
			    (e = html_issuer(doc, c->text.p + b->off, b->len,
					     (struct srcpos){doc->file, b->line, 1})))
				goto done;
		}
	if (!doc->n_byline) {
		/* the name shown as the author (a link to the reporter's page: 謝明俊) over the
		   JSON-LD author, which on some sites names the web editor */
		const struct buf *cand[4];
		size_t nc = 0;
		if (aut.len && html_han_name(aut.p, aut.len))
			cand[nc++] = &aut;
		cand[nc++] = &c->ld_authors;
		if (aut.len && !html_han_name(aut.p, aut.len))
			cand[nc++] = &aut;
		cand[nc++] = &c->meta_author;
		/* the first candidate that names someone (a job title in the author-marked
		   element, "Seattle Times business reporter", leaves <meta name=author>) */
		for (size_t k = 0; k < nc && !doc->n_byline && !e; k++) {
			const struct buf *a = cand[k];
			if (a->len && !memmem(a->p, a->len, "编辑", 6) && !memmem(a->p, a->len, "http", 4) &&
			    !html_org_author(a->p, a->len) &&
			    !(doc->source.text && html_same_text(a->p, a->len, doc->source.text,
								 strlen(doc->source.text))) &&
			    !(doc->editor.text && memmem(a->p, a->len, doc->editor.text, strlen(doc->editor.text))) &&
			    !(c->site_name.len && html_same_text(a->p, a->len, c->site_name.p, c->site_name.len)) &&
			    !html_site_part(c, a->p, a->len, doc->title.text ? doc->title.text : title.p,
					    doc->title.text ? strlen(doc->title.text) : title.len))
				e = html_by_names(doc, a->p, a->len, nopos);
		}
		if (e)
			goto done;
	}
	if (!doc->n_byline && (e = html_blog_owner(c, first, last, tblk)))
		goto done;
	/* keywords */
	for (size_t i = 0; i < tmpdoc->n_keywords && !e; i++)
		e = doc_add_keyword(doc, tmpdoc->keywords[i].text, (size_t)-1,
				    html_pos(c, map, nmap, tmpdoc->keywords[i].pos.line));
	if (!e && !doc->n_keywords && c->keywords.len)
		e = html_keywords(c);
	if (e)
		goto done;
	/* body blocks, images back in place, in their containers */
	const xmlNode *wrap = html_body_wrap(c);
	size_t next_img = first;
	for (size_t i = 0; i <= tmpdoc->n_blocks; i++) {
		const struct doc_block *tb = i < tmpdoc->n_blocks ? &tmpdoc->blocks[i] : NULL;
		unsigned sl = tb ? tb->pos.line : (unsigned)nmap + 1;
		/* images whose place comes before this line */
		while (first != SIZE_MAX && next_img <= last && img_at[next_img - first] < sl) {
			struct html_block *b = &c->blocks[next_img++];
			if (!b->body || b->kind != HTML_K_IMG)
				continue;
			buf_reset(&c->tmp);
			punct_normalize(c->text.p + b->off, b->len, &c->tmp);
			buf_reset(&src);
			buf_put(&src, c->text.p + b->src_off, b->src_len);
			if (c->tmp.oom || src.oom) {
				e = ERR_NOMEM;
				goto done;
			}
			xmlNode *el[DOC_MAX_DEPTH];
			unsigned char tv[DOC_MAX_DEPTH];
			struct srcpos ip = {doc->file, b->line, 1};
			int ne = html_chain(b->owner, 0, wrap, el, tv);
			if ((e = html_sync(c, el, tv, ne, ip)) ||
			    (e = doc_add_image(doc, buf_cstr(&src), c->tmp.len ? c->tmp.p : "", ip)))
				goto done;
		}
		if (!tb)
			break;
		if (doc_block_is_container(tb->type))
			continue;
		size_t bi = sl >= 1 && sl <= nmap ? map[sl - 1] : SIZE_MAX;
		const struct html_block *hb = bi != SIZE_MAX ? &c->blocks[bi] : NULL;
		enum doc_block_type ty = tb->type;
		int level = tb->level;
		if (hb && hb->kind == HTML_K_HEAD) {
			ty = DOC_HEADING;
			level = hb->level < 2 ? 2 : hb->level > 6 ? 6 : hb->level;
		} else if (hb && hb->kind == HTML_K_PARA && hb->bold == hb->chars &&
			   hb->chars <= HTML_BOLD_HEAD_MAX && tb->type == DOC_PARA &&
			   i + 1 < tmpdoc->n_blocks) {
			ty = DOC_HEADING;
			level = 2;
		} else if (hb && hb->kind != HTML_K_PARA) {
			ty = DOC_PARA;
			level = 0;
		}
		if ((e = html_add_body(c, hb, ty, level, tb->text, html_pos(c, map, nmap, sl), wrap)))
			goto done;
	}
	doc_close_all(doc);
	c->n_open_el = 0;
	*out_body = 0;
	for (size_t i = 0; i < doc->n_blocks; i++)
		if (doc->blocks[i].type != DOC_IMAGE)
			*out_body += html_count(doc->blocks[i].text, strlen(doc->blocks[i].text));
	/* the title when dump_read found none (only metadata lines) */
	if (!doc->title.text && title.len)
		e = html_norm_set(c, &doc->title, title.p, title.len, nopos);
done:
	free(img_at);
	free(map);
	buf_free(&title);
	buf_free(&src);
	buf_free(&aut);
	doc_free(tmpdoc);
	diag_free(quiet);
	return e;
}

/* ---- bounding the input before libxml2 ----------------------------------------------------
   libxml2 2.9 checks each attribute of a start tag against all earlier ones and appends each
   to the end of the element's list (quadratic in the attributes of one tag), and without
   HTML_PARSE_HUGE it stops the whole parse, silently, at a text node (a script, a style, a
   comment or a run of text) of 10 MB. html_bound rewrites the UTF-8 page in one linear pass so
   that neither can happen: attributes past HTML_MAX_ATTRS in one tag are dropped, scripts,
   styles and comments are cut to HTML_MAX_RAW bytes (none of them is read beyond that: JSON-LD
   stops at HTML_MAX_JSONLD), and runs of text are split every HTML_TEXT_SPLIT bytes by an empty
   comment (which the readers skip, so the text is the same); past HTML_MAX_ATTRS_PAGE
   attributes in the page (their DOM takes some 150 bytes each) the rest are dropped, and past
   HTML_MAX_NODES elements, comments and runs of text the page is refused before libxml2 builds
   them. Dropped bytes leave their line feeds behind (up to HTML_BOUND_MAX_LF in all), so line
   numbers stay those of the file. The
   scanner follows libxml2's tokens only as far as it needs: <!-- --> comments, <! and <?
   declarations, end tags, start tags with quoted and unquoted attribute values, and script
   and style content up to their end tag (matched case-insensitively, as libxml2 does). */

#define HTML_BOUND_MAX_LF (1u << 20) /* line feeds of dropped text kept for line numbers */

struct html_bound {
	const char *s;
	size_t n;
	const char *file;       /* for positions */
	struct buf *out;
	size_t run;             /* s[run..) is not yet copied to out */
	int changed;            /* out holds the page (else the input is used as it is) */
	size_t lf_left;         /* line feeds of dropped text still kept */
	size_t lpos;            /* lines counted up to lpos */
	size_t lstart;          /* offset where the line of lpos starts */
	unsigned line;
	size_t tags_cut, attrs_cut, raw_cut;
	size_t attrs_page;      /* attributes given to libxml2 so far */
	struct srcpos tag_pos, raw_pos;
	size_t raw_len;
	char raw_name[12];
};

/* Line of byte offset p (p never decreases between calls). */
static unsigned html_bound_line(struct html_bound *b, size_t p)
{
	while (b->lpos < p) {
		const char *nl = memchr(b->s + b->lpos, '\n', p - b->lpos);
		if (!nl) {
			b->lpos = p;
			break;
		}
		b->line++;
		b->lpos = b->lstart = (size_t)(nl - b->s) + 1;
	}
	return b->line;
}

/* Position (line, column in characters) of byte offset p, p never decreasing between calls. */
static struct srcpos html_bound_pos(struct html_bound *b, const char *file, size_t p)
{
	unsigned line = html_bound_line(b, p), col = 1;
	for (size_t i = b->lstart; i < p; i++)
		col += ((unsigned char)b->s[i] & 0xC0) != 0x80;
	return (struct srcpos){file, line, col};
}

/* Copies s[run..to) to out (starting out when this is the first change). */
static void html_bound_copy(struct html_bound *b, size_t to)
{
	if (!b->changed) {
		b->changed = 1;
		buf_reserve(b->out, b->n + 64);
	}
	buf_put(b->out, b->s + b->run, to - b->run);
	b->run = to;
}

/* Drops s[from..to) (from >= run), keeping its line feeds. */
static void html_bound_drop(struct html_bound *b, size_t from, size_t to)
{
	html_bound_copy(b, from);
	for (size_t i = from; i < to && b->lf_left;) {
		const char *nl = memchr(b->s + i, '\n', to - i);
		if (!nl)
			break;
		buf_putc(b->out, '\n');
		b->lf_left--;
		i = (size_t)(nl - b->s) + 1;
	}
	b->run = to;
}

/* A cut point at or before p, after from: not inside a UTF-8 sequence nor an entity (&...;). */
static size_t html_bound_cut(const char *s, size_t from, size_t p)
{
	size_t lo = p > from + 32 ? p - 32 : from;
	for (size_t k = p; k > lo; k--)
		if (s[k - 1] == ';')
			break;
		else if (s[k - 1] == '&') {
			p = k - 1;
			break;
		}
	while (p > from && ((unsigned char)s[p] & 0xC0) == 0x80)
		p--;
	return p;
}

static int html_bound_ws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

static int html_bound_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Text s[i..j): split into runs of at most HTML_TEXT_SPLIT bytes. *acc is the length of the
   run before i since the last tag or split. */
static void html_bound_text(struct html_bound *b, size_t i, size_t j, size_t *acc)
{
	while (*acc + (j - i) > HTML_TEXT_SPLIT) {
		/* *acc may pass the split by the '<' of a lone "<" counted as text */
		size_t room = *acc < HTML_TEXT_SPLIT ? HTML_TEXT_SPLIT - *acc : 0;
		size_t p = html_bound_cut(b->s, i, i + room);
		if (p <= i) /* no cut point in reach: where the run is full */
			p = i + room;
		html_bound_copy(b, p);
		buf_puts(b->out, "<!---->");
		*acc = 0;
		i = p;
	}
	*acc += j - i;
}

/* Raw content s[i..j) of a script, style or comment whose tag starts at s[at]: kept up to
   HTML_MAX_RAW bytes. */
static void html_bound_raw(struct html_bound *b, size_t at, size_t i, size_t j, const char *what)
{
	if (j - i <= HTML_MAX_RAW)
		return;
	size_t p = html_bound_cut(b->s, i, i + HTML_MAX_RAW);
	if (!strcmp(what, "comment")) { /* nothing is read from comments: no warning */
		html_bound_drop(b, p, j);
		return;
	}
	if (!b->raw_cut++) {
		b->raw_pos = html_bound_pos(b, b->file, at);
		b->raw_len = j - i;
		snprintf(b->raw_name, sizeof b->raw_name, "%s", what);
	}
	html_bound_drop(b, p, j);
}

/* Start tag at s[i] == '<' (s[i + 1] a letter). Returns the offset after its '>' (and after a
   script's or style's content). */
static size_t html_bound_tag(struct html_bound *b, size_t i)
{
	const char *s = b->s;
	size_t n = b->n, p = i + 1, name0 = p;
	while (p < n && !html_bound_ws(s[p]) && s[p] != '/' && s[p] != '>')
		p++;
	size_t name_len = p - name0, count = 0, cut_from = 0, cut = 0;
	for (;;) {
		while (p < n && (html_bound_ws(s[p]) || (s[p] == '/' && !(p + 1 < n && s[p + 1] == '>'))))
			p++;
		if (p >= n || s[p] == '>' || s[p] == '/')
			break;
		size_t a = p;
		while (p < n && !html_bound_ws(s[p]) && s[p] != '=' && s[p] != '>' && s[p] != '/')
			p++;
		if (p == a) /* a lone '=': libxml2 skips it */
			p++;
		size_t q = p;
		while (q < n && html_bound_ws(s[q]))
			q++;
		if (q < n && s[q] == '=') {
			q++;
			while (q < n && html_bound_ws(s[q]))
				q++;
			if (q < n && (s[q] == '"' || s[q] == '\'')) {
				const char *e = memchr(s + q + 1, s[q], n - q - 1);
				q = e ? (size_t)(e - s) + 1 : n;
			} else {
				while (q < n && !html_bound_ws(s[q]) && s[q] != '>')
					q++;
			}
			p = q;
		}
		if (!cut_from && (++count > HTML_MAX_ATTRS || ++b->attrs_page > HTML_MAX_ATTRS_PAGE)) {
			cut_from = a;
			cut = 0;
		}
		cut += cut_from != 0;
	}
	if (cut_from) {
		if (!b->tags_cut++)
			b->tag_pos = html_bound_pos(b, b->file, i);
		b->attrs_cut += cut;
		html_bound_drop(b, cut_from, p);
	}
	if (p < n)
		p++; /* '>' */
	const char *raw = name_len == 6 && !strncasecmp(s + name0, "script", 6) ? "script" :
			  name_len == 5 && !strncasecmp(s + name0, "style", 5) ? "style" : NULL;
	if (!raw || (p >= 2 && s[p - 2] == '/'))
		return p;
	size_t j = p;
	for (;;) {
		const char *lt = j < n ? memchr(s + j, '<', n - j) : NULL;
		if (!lt) {
			j = n;
			break;
		}
		j = (size_t)(lt - s);
		if (j + 2 + name_len <= n && s[j + 1] == '/' && !strncasecmp(s + j + 2, raw, name_len))
			break;
		j++;
	}
	html_bound_raw(b, i, p, j, raw);
	return j;
}

/* A libxml2 message without its trailing line feed, in out[cap]. */
static const char *html_chomp(const char *m, char *out, size_t cap)
{
	snprintf(out, cap, "%s", m);
	size_t l = strlen(out);
	while (l && (out[l - 1] == '\n' || out[l - 1] == ' '))
		out[--l] = 0;
	return out;
}

/* Bounds the UTF-8 page u[0..n) (see above). When something was changed, *out holds the new
   page and the cuts are warned about (at the first one's line); else out is left empty. */
static enum err html_bound_page(struct html_ctx *c, const char *u, size_t n, struct buf *out)
{
	struct html_bound b = {.s = u, .n = n, .file = c->doc->file, .out = out,
			       .lf_left = HTML_BOUND_MAX_LF, .line = 1};
	size_t i = 0, acc = 0, nodes = 0;
	while (i < n) {
		const char *lt = memchr(u + i, '<', n - i);
		size_t j = lt ? (size_t)(lt - u) : n;
		/* every element, comment (or declaration) and run of text becomes a DOM node (some
		   150 bytes with its text): refused before libxml2 builds them, not after */
		nodes += (j > i) + (j + 1 < n && (html_bound_alpha(u[j + 1]) || u[j + 1] == '!'));
		if (nodes > HTML_MAX_NODES) {
			diag_at(c->d, DIAG_ERROR, html_bound_pos(&b, b.file, j < n ? j : i),
				"more than %u HTML nodes (HTML_MAX_NODES)", HTML_MAX_NODES);
			return ERR_LIMIT;
		}
		html_bound_text(&b, i, j, &acc);
		if (j + 1 >= n) {
			i = n;
			break;
		}
		char nx = u[j + 1];
		if (nx == '!' && j + 4 <= n && !memcmp(u + j, "<!--", 4)) {
			const char *e = memmem(u + j + 4, n - j - 4, "-->", 3);
			size_t k = e ? (size_t)(e - u) : n;
			html_bound_raw(&b, j, j + 4, k, "comment");
			i = e ? k + 3 : n;
			acc = 0;
		} else if (nx == '!' || nx == '?' || nx == '/') {
			const char *e = memchr(u + j + 1, '>', n - j - 1);
			i = e ? (size_t)(e - u) + 1 : n;
			acc = 0;
		} else if (html_bound_alpha(nx)) {
			i = html_bound_tag(&b, j);
			acc = 0;
		} else {
			acc++;
			i = j + 1;
		}
	}
	if (!b.changed)
		return ERR_OK;
	html_bound_copy(&b, n);
	if (out->oom)
		return ERR_NOMEM;
	if (b.tags_cut)
		diag_at(c->d, DIAG_WARNING, b.tag_pos,
			"%zu attributes dropped from %zu element%s, from here on (more than %u in one "
			"element, HTML_MAX_ATTRS, or %u in the page, HTML_MAX_ATTRS_PAGE)", b.attrs_cut,
			b.tags_cut, b.tags_cut == 1 ? "" : "s", HTML_MAX_ATTRS, HTML_MAX_ATTRS_PAGE);
	if (b.raw_cut)
		diag_at(c->d, DIAG_WARNING, b.raw_pos,
			"a %s of %zu bytes: only its first %u are read (HTML_MAX_RAW)%s", b.raw_name,
			b.raw_len, HTML_MAX_RAW, b.raw_cut > 1 ? "; more cut after it" : "");
	return ERR_OK;
}

/* The first element name after the prolog of the decoded page (<?xml?>, comments, doctype),
   lower-cased into out; feeds start with rss, feed or rdf:RDF. */
static void html_first_tag(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, k = 0;
	out[0] = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		if (i + 1 >= n || s[i] != '<')
			return;
		if (s[i + 1] == '?' || s[i + 1] == '!') {
			const char *e = !strncmp(s + i, "<!--", 4) ? memmem(s + i, n - i, "-->", 3)
								  : memchr(s + i, '>', n - i);
			if (!e)
				return;
			i = (size_t)(e - s) + 1;
			continue;
		}
		i++;
		while (i < n && k + 1 < cap && s[i] != ' ' && s[i] != '>' && s[i] != '\n' &&
		       s[i] != '\t' && s[i] != '\r' && s[i] != '/') {
			out[k++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
			i++;
		}
		out[k] = 0;
		return;
	}
}

/* The body from JSON-LD articleBody, one paragraph per line, when the page's markup holds
   (much) less text: pages whose text is filled in by scripts. */
static enum err html_ld_body(struct html_ctx *c)
{
	const char *s = c->ld_body.p;
	size_t n = c->ld_body.len, i = 0;
	enum err e = ERR_OK;
	struct srcpos pos = {c->doc->file, 0, 0};
	c->doc->n_blocks = 0;
	doc_close_all(c->doc);
	while (i < n && !e) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t j = nl ? (size_t)(nl - s) : n;
		buf_reset(&c->tmp);
		punct_normalize(s + i, j - i, &c->tmp);
		if (c->tmp.oom)
			return ERR_NOMEM;
		if (c->tmp.len)
			e = doc_add_block(c->doc, DOC_PARA, 0, c->tmp.p, c->tmp.len, pos);
		i = j + 1;
	}
	return e;
}

/* Body paragraphs with at least HTML_SENTENCE_MIN characters outside links. */
static size_t html_long_paras(const struct html_ctx *c)
{
	size_t k = 0;
	for (size_t i = 0; i < c->n_blocks; i++)
		k += c->blocks[i].body && html_scored_kind(c->blocks[i].kind) &&
		     c->blocks[i].chars - c->blocks[i].links >= HTML_SENTENCE_MIN;
	return k;
}

/* A block that is mostly one link of headline length: a teaser's headline. */
static int html_linked_head(const struct html_block *b)
{
	return (b->kind == HTML_K_HEAD || b->kind == HTML_K_PARA || b->kind == HTML_K_LI) &&
	       b->chars >= 6 && b->chars <= HTML_TEASER_HEAD_MAX && b->links * 4 >= b->chars * 3;
}

/* Teasers: a linked headline followed by a snippet paragraph (a date line may sit between),
   as search results and section indexes list them. Returns their number; *own receives the
   characters of the body paragraphs of article length that are no teaser's snippet, *snips
   those of the snippets. */
static size_t html_teasers(const struct html_ctx *c, size_t *own, size_t *snips)
{
	size_t n = 0, snip = SIZE_MAX;
	*own = *snips = 0;
	for (size_t i = 0; i < c->n_blocks; i++) {
		const struct html_block *b = &c->blocks[i];
		if (html_linked_head(b)) {
			size_t j = i + 1;
			if (j < c->n_blocks && c->blocks[j].chars <= 20 && !c->blocks[j].links)
				j++; /* a date or a source between */
			if (j < c->n_blocks && c->blocks[j].kind == HTML_K_PARA &&
			    c->blocks[j].chars - c->blocks[j].links >= 15) {
				n++;
				snip = j;
				*snips += c->blocks[j].chars - c->blocks[j].links;
			}
			continue;
		}
		if (i != snip && b->body && html_scored_kind(b->kind) &&
		    b->chars - b->links >= HTML_SENTENCE_MIN)
			*own += b->chars - b->links;
	}
	return n;
}

static void html_ctx_free(struct html_ctx *c)
{
	struct buf *bufs[] = {&c->text, &c->cur, &c->title_tag, &c->og_title, &c->ld_headline,
			      &c->ld_date, &c->meta_date, &c->time_date, &c->ld_body, &c->keywords,
			      &c->meta_author, &c->ld_authors, &c->url, &c->og_url, &c->site_name,
			      &c->og_type, &c->tmp, &c->synth};
	for (size_t i = 0; i < HTML_N(bufs); i++)
		buf_free(bufs[i]);
	free(c->blocks);
	free(c->stats);
	free(c->spans);
	free(c->cells);
	free(c->marks);
	free(c->keeps);
	buf_free(&c->norm);
	if (c->xml)
		xmlFreeDoc(c->xml);
	free(c);
}

enum err html_read(struct doc *doc, const char *data, size_t len, struct diag *d)
{
	struct srcpos at = {doc->file, 0, 0};
	struct html_ctx *c = calloc(1, sizeof *c);
	struct buf utf8, bounded;
	htmlParserCtxtPtr pctx = NULL;
	enum err e = ERR_OK;
	size_t body = 0, body_text = 0;
	char first[32], msg[160];
	buf_init(&utf8);
	buf_init(&bounded);
	if (!c)
		return ERR_NOMEM;
	c->centered = -1;
	c->doc = doc;
	c->d = d;

	xmlInitParser(); /* idempotent (html_init ran it in the main thread); no xmlCleanupParser */
	if ((e = html_decode(c, data, len, &utf8)))
		goto done;
	const char *u = utf8.p ? utf8.p : "";
	html_first_tag(u, utf8.len, first, sizeof first);
	if (!strcmp(first, "rss") || !strcmp(first, "feed") || !strcmp(first, "rdf:rdf")) {
		diag_at(d, DIAG_ERROR, at, "not an article: an RSS/Atom feed (<%s>), not a web page",
			first);
		e = ERR_INPUT;
		goto done;
	}
	if ((e = html_bound_page(c, u, utf8.len, &bounded)))
		goto done;
	size_t ulen = utf8.len;
	if (bounded.len) {
		u = bounded.p;
		ulen = bounded.len;
		buf_free(&utf8);
	}
	if (ulen > INT_MAX) {
		e = ERR_LIMIT;
		goto done;
	}
	/* XML_PARSE_BIG_LINES: libxml2 2.9's HTML parser still keeps 16-bit line numbers (lines
	   past 65535 report 65535); newer versions honour it */
	if (!(pctx = htmlNewParserCtxt())) {
		e = ERR_NOMEM;
		goto done;
	}
	c->xml = htmlCtxtReadMemory(pctx, u, (int)ulen, NULL, "UTF-8",
				    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				    HTML_PARSE_RECOVER | HTML_PARSE_COMPACT | XML_PARSE_BIG_LINES);
	/* libxml2 halts (disableSAX) on a limit or an allocation failure: what follows is lost */
	if (pctx->disableSAX && c->xml)
		diag_at(d, DIAG_WARNING, (struct srcpos){doc->file, pctx->input ?
			(unsigned)pctx->input->line : 0, pctx->input ? (unsigned)pctx->input->col : 0},
			"the HTML parser stopped here (%s); the rest of the page is not read",
			pctx->lastError.message ? html_chomp(pctx->lastError.message, msg, sizeof msg) :
			"libxml2 error");
	if (!c->xml || !xmlDocGetRootElement(c->xml)) {
		diag_at(d, DIAG_ERROR, at, "not an article: the page has no HTML content");
		e = ERR_INPUT;
		goto done;
	}
	xmlNode *top = (xmlNode *)c->xml;
	if ((e = html_pass_meta(c, top)))
		goto done;
	if (c->feed && !c->n_h1) {
		diag_at(d, DIAG_ERROR, at, "not an article: an RSS/Atom feed, not a web page");
		e = ERR_INPUT;
		goto done;
	}
	c->nodes = 0;
	if ((e = html_pass_blocks(c, top)))
		goto done;
	if (c->deep)
		diag_at(d, DIAG_WARNING, at,
			"elements nested about %u levels deep; text nested deeper is not read "
			"(HTML_MAX_DEPTH)", HTML_MAX_DEPTH);
	if ((e = html_pick_body(c, &body)))
		goto done;
	if ((e = html_assemble(c, &body_text)))
		goto done;
	size_t ld = html_count(c->ld_body.p ? c->ld_body.p : "", c->ld_body.len);
	if (ld > 2 * body_text + HTML_MIN_BODY) {
		if ((e = html_ld_body(c)))
			goto done;
		body = body_text = ld;
	}
	/* not an article? */
	size_t page = 0, links = 0, teasers, own, snips;
	for (size_t i = 0; i < c->n_blocks; i++) {
		page += c->blocks[i].chars;
		links += c->blocks[i].links;
	}
	/* a headline right above the text and a date: an article, however short (photo stories) */
	int signals = c->ld_article || c->ld_date.len || c->meta_date.len ||
		      (c->titled && c->doc->published.text) ||
		      (c->og_type.len && !strncasecmp(c->og_type.p, "article", 7));
	if (c->refresh && body < HTML_LIST_BODY) {
		diag_at(d, DIAG_ERROR, at, "not an article: a redirect (meta refresh) with no article text");
		e = ERR_INPUT;
	} else if ((body < HTML_MIN_BODY || !body_text || !signals) &&
		   ((links * 2 > page && html_long_paras(c) < 2) ||
		    (c->og_type.len && !strncasecmp(c->og_type.p, "website", 7) &&
		     html_long_paras(c) < 3))) {
		diag_at(d, DIAG_ERROR, at,
			"not an article: a list of links (front page or index) with %zu characters "
			"of text outside links", body);
		e = ERR_INPUT;
	} else if (!c->ld_article && !(c->og_type.len && !strncasecmp(c->og_type.p, "article", 7)) &&
		   (teasers = html_teasers(c, &own, &snips)) >= HTML_TEASERS_MIN && own < snips) {
		diag_at(d, DIAG_ERROR, at,
			"not an article: a list of teasers (search results or an index): %zu linked "
			"headlines, each over a snippet, and %zu characters of text besides", teasers, own);
		e = ERR_INPUT;
	} else if (body < HTML_MIN_BODY || !body_text) {
		diag_at(d, DIAG_ERROR, at, "not an article: no article text found");
		e = ERR_INPUT;
	} else if (!(e = c->lang_err)) {
		/* <html lang> or <meta http-equiv=content-language>, else the text */
		e = lang_settle(doc, doc->lang.text, doc->lang.text ? strlen(doc->lang.text) : 0,
				doc->lang.pos, d);
	}
done:
	buf_free(&utf8);
	buf_free(&bounded);
	if (pctx)
		htmlFreeParserCtxt(pctx);
	html_ctx_free(c);
	return e;
}

void html_init(void)
{
	xmlInitParser();
}
