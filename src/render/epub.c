/* epub.c: one article as an EPUB 3 book from the document model (epub.h).

   Conventions followed (../shared/docs/epub.md): mimetype stored first with no extra field;
   package 3.0 with xml:lang everywhere; a stable urn:uuid (title + date hashed); dc:creator /
   dc:contributor per byline person with a MARC relator role and display-seq; schema.org
   accessibility metadata; nav.xhtml with 目录 and Chinese landmarks, toc.ncx with its depth;
   one XHTML file with ASCII name and ids; a CJK stylesheet from the style. */
#include "epub.h"
#include "../base/buf.h"
#include "../base/file.h"
#include "../base/utf8.h"
#include "../model/doc.h"
#include "../model/wording.h"
#include "../style/style.h"
#include "../layout/image.h"
#include "../shape/font.h"
#include <libxml/xmlwriter.h>
#include <zip.h>
#include <ctype.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define EPUB_ARTICLE "article.xhtml"
#define EPUB_NO_TITLE "（无标题）"
#define EPUB_IMAGE_ALT "图片"
#define EPUB_DEFLATE_FAST 2 /* epub_add: deflate at level 1 */
/* Entry times when SOURCE_DATE_EPOCH is not set: 1980-01-02, the DOS epoch's second day. */
#define EPUB_ZIP_TIME 315619200LL

/* libzip converts entry times with localtime(3), whose result buffer all threads share:
   zip_close runs under this lock so that `epub -j N` writes the same bytes as -j 1. */
/* libzip is loaded when the first EPUB is written (dlopen), not when paiban starts: Debian's
   libzip links OpenSSL's libcrypto, whose relocations cost every run of every command about
   2 ms (6 M instructions, make bench). epub_z is written once, under pthread_once, and only
   read after; epub_zip_ok says whether every function was found. */
#define EPUB_ZIP_FUNCS(X)                                                                       \
	X(close) X(discard) X(error_fini) X(error_init) X(error_strerror) X(file_add)            \
	X(file_set_external_attributes) X(file_set_mtime) X(open_from_source)                    \
	X(set_file_compression) X(source_buffer) X(source_buffer_create) X(source_close)         \
	X(source_free) X(source_keep) X(source_open) X(source_read) X(source_stat) X(stat_init)  \
	X(strerror)
#define EPUB_ZIP_PTR(n) __typeof__(&zip_##n) n;
static struct {
	EPUB_ZIP_FUNCS(EPUB_ZIP_PTR)
} epub_z;
static int epub_zip_ok;
static pthread_once_t epub_zip_once = PTHREAD_ONCE_INIT;

static void epub_zip_load(void)
{
	void *h = dlopen("libzip.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		h = dlopen("libzip.so", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return;
	int ok = 1;
#define EPUB_ZIP_SYM(n) ok &= (*(void **)&epub_z.n = dlsym(h, "zip_" #n)) != NULL;
	EPUB_ZIP_FUNCS(EPUB_ZIP_SYM)
	epub_zip_ok = ok;
}

static pthread_mutex_t epub_zip_lock = PTHREAD_MUTEX_INITIALIZER;

struct epub_img {
	char *path;             /* real path (malloc'd) */
	char name[32];          /* images/imgN.ext, in the container under OEBPS/ */
	const char *mime;
};

/* A subhead in the navigation. */
struct epub_head {
	int level;
	size_t block;
};

struct epub {
	const struct doc *doc;
	const struct epub_opts *o;
	struct diag *d;
	const char *lang;
	char uid[64];
	char modified[32];
	struct epub_img *imgs;
	size_t n_imgs;
	int *block_img;         /* per block: index into imgs, or -1 */
	struct epub_head *heads;
	size_t n_heads;
	int bad;                /* an xmlTextWriter call failed */
	zip_t *z;
	time_t mtime;
	const char *file;       /* the article's XHTML (NULL: EPUB_ARTICLE; aNNN.xhtml in a digest) */
	const char *img_prefix; /* before its images' names (NULL: none; aNNN- in a digest) */
	int vpage;              /* the page being written is vertical (o->vertical, a body page):
				   html.vrtl, and its text gets 縦中横 (not while its head is written) */
	struct epub_fonts *fonts; /* --embed-fonts (NULL: none); a digest's parts share the book's */
};

/* --embed-fonts: the faces to embed and the characters the book's XHTML holds. */
#define EPUB_MAX_FACES 16
struct epub_face {
	struct font *font;      /* borrowed from o->fonts */
	char family[128];       /* the CSS family name (the role's family without :style=...) */
	char name[40];          /* fonts/fN.otf|ttf */
};
struct epub_fonts {
	struct epub_face face[EPUB_MAX_FACES];
	size_t n;
	hb_set_t *chars;
};

/* Every xmlTextWriter call goes through W: a failure (out of memory) is remembered. */
#define W(x, call) do { if ((call) < 0) (x)->bad = 1; } while (0)
#define BX(s) ((const xmlChar *)(s))

static void epub_text(struct epub *x, xmlTextWriterPtr w, const char *s);

/* 縦中横: the length of the run of ASCII digits at s[i] when it is 2 or 3 digits long and
   stands alone (no digit, Latin letter or . , : / - _ on either side), else 0. */
static size_t epub_tcy_run(const char *s, size_t i)
{
#define EPUB_TCY_GLUE(c) (((c) >= '0' && (c) <= '9') || ((c) >= 'A' && (c) <= 'Z') || \
			  ((c) >= 'a' && (c) <= 'z') || ((c) && strchr(".,:/-_", (c))))
	if (i > 0 && EPUB_TCY_GLUE(s[i - 1]))
		return 0;
	size_t n = 0;
	while (s[i + n] >= '0' && s[i + n] <= '9')
		n++;
	return n >= 2 && n <= 3 && !EPUB_TCY_GLUE(s[i + n]) ? n : 0;
#undef EPUB_TCY_GLUE
}

/* Writes s with each 縦中横 run in <span class="tcy">; 0 when s has none (nothing written). */
static int epub_tcy(struct epub *x, xmlTextWriterPtr w, const char *s)
{
	size_t i = 0, from = 0, n;
	while (s[i] && !((n = epub_tcy_run(s, i))))
		i++;
	if (!s[i])
		return 0;
	struct buf b;
	buf_init(&b);
	x->vpage = 0;
	for (i = 0; s[i];) {
		if (!(n = epub_tcy_run(s, i))) {
			i++;
			continue;
		}
		if (i > from) {
			buf_reset(&b);
			buf_put(&b, s + from, i - from);
			epub_text(x, w, buf_cstr(&b));
		}
		/* raw: an indenting writer would put white space before a span it starts */
		char span[64];
		snprintf(span, sizeof span, "<span class=\"tcy\">%.*s</span>", (int)n, s + i);
		W(x, xmlTextWriterWriteRaw(w, BX(span)));
		i += n;
		from = i;
	}
	if (i > from)
		epub_text(x, w, s + from);
	x->vpage = 1;
	if (b.oom)
		x->bad = 1;
	buf_free(&b);
	return 1;
}

/* Text with C0 controls (not allowed in XML 1.0) left out; on a vertical page with 縦中横. */
static void epub_text(struct epub *x, xmlTextWriterPtr w, const char *s)
{
	if (x->vpage && epub_tcy(x, w, s))
		return;
	const char *p = s;
	while (*p && ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n'))
		p++;
	if (!*p) {
		W(x, xmlTextWriterWriteString(w, BX(s)));
		return;
	}
	struct buf b;
	buf_init(&b);
	for (p = s; *p; p++)
		if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n')
			buf_putc(&b, *p);
	if (b.oom)
		x->bad = 1;
	else
		W(x, xmlTextWriterWriteString(w, BX(buf_cstr(&b))));
	buf_free(&b);
}

static void epub_elem(struct epub *x, xmlTextWriterPtr w, const char *name, const char *text)
{
	W(x, xmlTextWriterStartElement(w, BX(name)));
	epub_text(x, w, text);
	W(x, xmlTextWriterEndElement(w));
}

static void epub_attr(struct epub *x, xmlTextWriterPtr w, const char *name, const char *v)
{
	W(x, xmlTextWriterWriteAttribute(w, BX(name), BX(v)));
}

static const char *epub_title(const struct epub *x)
{
	return x->doc->title.text && *x->doc->title.text ? x->doc->title.text : EPUB_NO_TITLE;
}

/* FNV-1a, 64 bits, from a given offset basis. */
static uint64_t epub_fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* urn:uuid from the title and the date (RFC 9562 version 8: a name-based id of our own). */
static void epub_uid(struct epub *x)
{
	const struct doc *doc = x->doc;
	uint64_t a = epub_fnv(epub_fnv(0xcbf29ce484222325ULL, doc->title.text), "\x1f");
	a = epub_fnv(a, doc->published.text);
	uint64_t b = epub_fnv(epub_fnv(0x84222325cbf29ce4ULL, doc->published.text), "\x1e");
	b = epub_fnv(b, doc->title.text);
	a = (a & ~0xf000ULL) | 0x8000ULL;                       /* version 8 */
	b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL; /* variant 10 */
	snprintf(x->uid, sizeof x->uid, "urn:uuid:%08x-%04x-%04x-%04x-%012llx", (unsigned)(a >> 32),
		 (unsigned)((a >> 16) & 0xffff), (unsigned)(a & 0xffff), (unsigned)(b >> 48),
		 (unsigned long long)(b & 0xffffffffffffULL));
}

/* dc:date: the YYYY, YYYY-MM or YYYY-MM-DD at the start of the published date, or "". */
static void epub_date(const char *iso, char *out, size_t n)
{
	out[0] = 0;
	if (!iso)
		return;
	static const char pat[] = "dddd-dd-dd";
	size_t l = 0;
	while (l < 10 && iso[l] && (pat[l] == 'd' ? iso[l] >= '0' && iso[l] <= '9' : iso[l] == '-'))
		l++;
	if (l != 4 && l != 7 && l != 10)
		l = l >= 7 ? 7 : l >= 4 ? 4 : 0;
	if (l && l < n) {
		memcpy(out, iso, l);
		out[l] = 0;
	}
}

/* The MARC relator code of a Chinese byline role, and whether it is a creator. */
static const char *epub_marc(const char *role, int *creator)
{
	static const struct {
		const char *word, *code;
		int creator;
	} map[] = {
		{"摄", "pht", 0}, {"通讯员", "ctb", 0}, {"实习生", "ctb", 0}, {"主编", "edc", 0},
		{"编辑", "edt", 0}, {"译", "trl", 0},   {"记者", "rpt", 1},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strstr(role, map[i].word)) {
			*creator = map[i].creator;
			return map[i].code;
		}
	*creator = 1;
	return "aut"; /* no role, 作者, 文, 执笔 */
}

/* ---- the XML files ---- */

static void epub_container(struct epub *x, xmlTextWriterPtr w)
{
	W(x, xmlTextWriterStartElement(w, BX("container")));
	epub_attr(x, w, "version", "1.0");
	epub_attr(x, w, "xmlns", "urn:oasis:names:tc:opendocument:xmlns:container");
	W(x, xmlTextWriterStartElement(w, BX("rootfiles")));
	W(x, xmlTextWriterStartElement(w, BX("rootfile")));
	epub_attr(x, w, "full-path", "OEBPS/content.opf");
	epub_attr(x, w, "media-type", "application/oebps-package+xml");
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterEndElement(w));
}

static void epub_meta(struct epub *x, xmlTextWriterPtr w, const char *refines, const char *prop,
		      const char *scheme, const char *text)
{
	W(x, xmlTextWriterStartElement(w, BX("meta")));
	if (refines)
		epub_attr(x, w, "refines", refines);
	epub_attr(x, w, "property", prop);
	if (scheme)
		epub_attr(x, w, "scheme", scheme);
	epub_text(x, w, text);
	W(x, xmlTextWriterEndElement(w));
}

/* One person: dc:creator or dc:contributor with role and display-seq refines. */
static void epub_person(struct epub *x, xmlTextWriterPtr w, int *n, const char *name, const char *code,
			int creator, int seq)
{
	char id[16], ref[18], num[16];
	snprintf(id, sizeof id, "p%d", ++*n);
	snprintf(ref, sizeof ref, "#%s", id);
	snprintf(num, sizeof num, "%d", seq);
	W(x, xmlTextWriterStartElement(w, BX(creator ? "dc:creator" : "dc:contributor")));
	epub_attr(x, w, "id", id);
	epub_text(x, w, name);
	W(x, xmlTextWriterEndElement(w));
	epub_meta(x, w, ref, "role", "marc:relators", code);
	epub_meta(x, w, ref, "display-seq", NULL, num);
}

static void epub_item(struct epub *x, xmlTextWriterPtr w, const char *id, const char *href,
		      const char *type, const char *props)
{
	W(x, xmlTextWriterStartElement(w, BX("item")));
	epub_attr(x, w, "id", id);
	epub_attr(x, w, "href", href);
	epub_attr(x, w, "media-type", type);
	if (props)
		epub_attr(x, w, "properties", props);
	W(x, xmlTextWriterEndElement(w));
}

/* The manifest items of the embedded fonts. */
static void epub_font_items(struct epub *x, xmlTextWriterPtr w)
{
	for (size_t i = 0; x->fonts && i < x->fonts->n; i++) {
		const struct epub_face *f = &x->fonts->face[i];
		char id[32];
		snprintf(id, sizeof id, "font%zu", i + 1);
		epub_item(x, w, id, f->name, f->font->is_cff ? "font/otf" : "font/ttf", NULL);
	}
}

static void epub_opf(struct epub *x, xmlTextWriterPtr w)
{
	const struct doc *doc = x->doc;
	W(x, xmlTextWriterStartElement(w, BX("package")));
	epub_attr(x, w, "xmlns", "http://www.idpf.org/2007/opf");
	epub_attr(x, w, "version", "3.0");
	epub_attr(x, w, "xml:lang", x->lang);
	epub_attr(x, w, "unique-identifier", "uid");
	W(x, xmlTextWriterStartElement(w, BX("metadata")));
	epub_attr(x, w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	W(x, xmlTextWriterStartElement(w, BX("dc:identifier")));
	epub_attr(x, w, "id", "uid");
	epub_text(x, w, x->uid);
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterStartElement(w, BX("dc:title")));
	epub_attr(x, w, "id", "title");
	epub_text(x, w, epub_title(x));
	W(x, xmlTextWriterEndElement(w));
	if (doc->subtitle.text && *doc->subtitle.text) {
		epub_meta(x, w, "#title", "title-type", NULL, "main");
		W(x, xmlTextWriterStartElement(w, BX("dc:title")));
		epub_attr(x, w, "id", "subtitle");
		epub_text(x, w, doc->subtitle.text);
		W(x, xmlTextWriterEndElement(w));
		epub_meta(x, w, "#subtitle", "title-type", NULL, "subtitle");
	}
	epub_elem(x, w, "dc:language", x->lang);
	int n = 0, seq_c = 0, seq_k = 0;
	for (size_t i = 0; i < doc->n_byline; i++) {
		const struct doc_credit *cr = &doc->byline[i];
		int creator;
		const char *code = epub_marc(cr->role, &creator);
		for (size_t k = 0; k < cr->n_names; k++)
			epub_person(x, w, &n, cr->names[k], code, creator, creator ? ++seq_c : ++seq_k);
	}
	size_t en = wording_editor_name(doc->editor.text);
	if (en) {
		char ed[256];
		snprintf(ed, sizeof ed, "%.*s", (int)(en < sizeof ed ? en : sizeof ed - 1), doc->editor.text);
		epub_person(x, w, &n, ed, "edt", 0, ++seq_k);
	}
	if (doc->source.text && *doc->source.text)
		epub_elem(x, w, "dc:publisher", doc->source.text);
	char date[16];
	epub_date(doc->published.text, date, sizeof date);
	if (*date)
		epub_elem(x, w, "dc:date", date);
	for (size_t i = 0; i < doc->n_keywords; i++)
		if (*doc->keywords[i].text)
			epub_elem(x, w, "dc:subject", doc->keywords[i].text);
	epub_meta(x, w, NULL, "dcterms:modified", NULL, x->modified);
	epub_meta(x, w, NULL, "schema:accessMode", NULL, "textual");
	if (x->n_imgs)
		epub_meta(x, w, NULL, "schema:accessMode", NULL, "visual");
	epub_meta(x, w, NULL, "schema:accessModeSufficient", NULL, "textual");
	epub_meta(x, w, NULL, "schema:accessibilityFeature", NULL, "structuralNavigation");
	epub_meta(x, w, NULL, "schema:accessibilityFeature", NULL, "tableOfContents");
	epub_meta(x, w, NULL, "schema:accessibilityHazard", NULL, "none");
	epub_meta(x, w, NULL, "schema:accessibilitySummary", NULL,
		  x->n_imgs ? "正文为可重排文本，标题与小标题可导航；图片附有说明文字。"
			    : "正文为可重排文本，标题与小标题可导航。");
	W(x, xmlTextWriterEndElement(w)); /* metadata */
	W(x, xmlTextWriterStartElement(w, BX("manifest")));
	epub_item(x, w, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	epub_item(x, w, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	epub_item(x, w, "css", "style.css", "text/css", NULL);
	epub_item(x, w, "article", EPUB_ARTICLE, "application/xhtml+xml", NULL);
	for (size_t i = 0; i < x->n_imgs; i++) {
		char id[24];
		snprintf(id, sizeof id, "img%zu", i + 1);
		epub_item(x, w, id, x->imgs[i].name, x->imgs[i].mime, NULL);
	}
	epub_font_items(x, w);
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterStartElement(w, BX("spine")));
	epub_attr(x, w, "toc", "ncx");
	if (x->o->vertical)
		epub_attr(x, w, "page-progression-direction", "rtl");
	W(x, xmlTextWriterStartElement(w, BX("itemref")));
	epub_attr(x, w, "idref", "article");
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterStartElement(w, BX("itemref"))); /* the landmarks point at 目录 */
	epub_attr(x, w, "idref", "nav");
	epub_attr(x, w, "linear", "no");
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterEndElement(w)); /* package */
}

/* <html> with the namespaces and the language, <head> with title and the stylesheet. */
static void epub_html_open(struct epub *x, xmlTextWriterPtr w, const char *title, int css)
{
	W(x, xmlTextWriterWriteDTD(w, BX("html"), NULL, NULL, NULL));
	W(x, xmlTextWriterStartElement(w, BX("html")));
	epub_attr(x, w, "xmlns", "http://www.w3.org/1999/xhtml");
	epub_attr(x, w, "xmlns:epub", "http://www.idpf.org/2007/ops");
	epub_attr(x, w, "xml:lang", x->lang);
	epub_attr(x, w, "lang", x->lang);
	epub_attr(x, w, "class", x->vpage ? "vrtl" : "hltr");
	int vpage = x->vpage;
	x->vpage = 0; /* no 縦中横 in <title> */
	W(x, xmlTextWriterStartElement(w, BX("head")));
	W(x, xmlTextWriterStartElement(w, BX("meta")));
	epub_attr(x, w, "charset", "UTF-8");
	W(x, xmlTextWriterEndElement(w));
	epub_elem(x, w, "title", title);
	if (css) {
		W(x, xmlTextWriterStartElement(w, BX("link")));
		epub_attr(x, w, "rel", "stylesheet");
		epub_attr(x, w, "type", "text/css");
		epub_attr(x, w, "href", "style.css");
		W(x, xmlTextWriterEndElement(w));
	}
	W(x, xmlTextWriterEndElement(w));
	x->vpage = vpage;
}

static void epub_para(struct epub *x, xmlTextWriterPtr w, const char *cls, const char *text)
{
	W(x, xmlTextWriterStartElement(w, BX("p")));
	epub_attr(x, w, "class", cls);
	epub_text(x, w, text);
	W(x, xmlTextWriterEndElement(w));
}

/* ---- the article's blocks: structure and inline spans ---- */

/* Most spans open at one point of a text; deeper ones are written as text. */
#define EPUB_SPANS_OPEN 32

/* Text s[0..n) with C0 controls left out. */
static void epub_textn(struct epub *x, xmlTextWriterPtr w, const char *s, size_t n)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n')
			buf_putc(&b, s[i]);
	if (b.oom)
		x->bad = 1;
	else if (b.len)
		W(x, xmlTextWriterWriteString(w, BX(buf_cstr(&b))));
	buf_free(&b);
}

/* A link's target as the book writes it into href, or 0 when the link is written as text
   only: http and https with a host, mailto with an address. A relative link names a file of
   the page's site, not of the book. Bytes a URL may not hold (spaces, non-ASCII, "<>\^`{|},
   a second #, a % without two hex digits) are percent-encoded. */
static int epub_href(const char *h, struct buf *out)
{
	size_t n = !strncasecmp(h, "https://", 8) ? 8 : !strncasecmp(h, "http://", 7) ? 7
		 : !strncasecmp(h, "mailto:", 7) ? 7 : 0;
	if (!n || !h[n] || h[n] == '/' || h[n] == '?' || h[n] == '#')
		return 0;
	int hash = 0;
	for (const char *p = h; *p; p++) {
		unsigned char c = (unsigned char)*p;
		int hex = p[0] == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2]);
		if (c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c) || (c == '#' && hash++) ||
		    (c == '%' && !hex))
			buf_printf(out, "%%%02X", c);
		else
			buf_putc(out, (char)c);
	}
	return 1;
}

static const char *epub_span_tag(enum doc_span_kind k)
{
	return k == DOC_SPAN_EM ? "em" : k == DOC_SPAN_STRONG ? "strong" : k == DOC_SPAN_CODE ? "code" : "a";
}

/* Span i of block k as bytes [*a, *b) of its text (len bytes), both moved forward to a
   character boundary; 0 when that is empty. */
static int epub_span_range(const struct doc_block *k, size_t i, size_t len, size_t *a, size_t *b)
{
	const struct doc_span *sp = &k->spans[i];
	size_t s = sp->start < len ? sp->start : len;
	size_t e = sp->len < len - s ? s + sp->len : len;
	while (s < len && ((unsigned char)k->text[s] & 0xc0) == 0x80)
		s++;
	while (e < len && ((unsigned char)k->text[e] & 0xc0) == 0x80)
		e++;
	*a = s;
	*b = e;
	return e > s;
}

static void epub_span_open(struct epub *x, xmlTextWriterPtr w, const struct doc_span *sp)
{
	W(x, xmlTextWriterStartElement(w, BX(epub_span_tag(sp->kind))));
	if (sp->kind == DOC_SPAN_LINK) {
		struct buf h;
		buf_init(&h);
		epub_href(sp->href, &h);
		if (h.oom)
			x->bad = 1;
		else
			epub_attr(x, w, "href", buf_cstr(&h));
		buf_free(&h);
	}
}

/* Block k's text with its spans as <em>, <strong>, <code> and <a href> (kept links only; a
   link inside a link is text). Spans that cross are split where they cross, so the elements
   nest: the inner ones close at the end of the outer and open again after it. */
static void epub_inline(struct epub *x, xmlTextWriterPtr w, const struct doc_block *k)
{
	const char *s = k->text;
	size_t len = strlen(s);
	if (!k->n_spans) {
		epub_text(x, w, s);
		return;
	}
	size_t open[EPUB_SPANS_OPEN], end[EPUB_SPANS_OPEN]; /* open spans, outermost first */
	int n_open = 0, links = 0;
	size_t next = 0, pos = 0;
	for (;;) {
		/* open the spans that start here */
		size_t a, b;
		for (; next < k->n_spans; next++) {
			const struct doc_span *sp = &k->spans[next];
			if (!epub_span_range(k, next, len, &a, &b))
				continue;
			if (a > pos)
				break;
			if (b <= pos || n_open == EPUB_SPANS_OPEN)
				continue;
			if (sp->kind == DOC_SPAN_LINK) {
				struct buf h;
				buf_init(&h);
				int keep = sp->href && !links && epub_href(sp->href, &h);
				buf_free(&h);
				if (!keep)
					continue;
				links++;
			}
			epub_span_open(x, w, sp);
			open[n_open] = next;
			end[n_open++] = b;
		}
		/* the text up to the next start or end */
		size_t at = len;
		if (next < k->n_spans && epub_span_range(k, next, len, &a, &b) && a < at)
			at = a;
		for (int j = 0; j < n_open; j++)
			if (end[j] < at)
				at = end[j];
		epub_textn(x, w, s + pos, at - pos);
		pos = at;
		/* close the spans that end here, and those inside them, which open again */
		int low = n_open;
		for (int j = 0; j < n_open; j++)
			if (end[j] <= pos) {
				low = j;
				break;
			}
		for (int j = n_open; j-- > low;)
			W(x, xmlTextWriterEndElement(w));
		int m = low;
		for (int j = low; j < n_open; j++) {
			if (end[j] <= pos) {
				links -= k->spans[open[j]].kind == DOC_SPAN_LINK;
				continue;
			}
			epub_span_open(x, w, &k->spans[open[j]]);
			open[m] = open[j];
			end[m++] = end[j];
		}
		n_open = m;
		if (pos >= len)
			break;
	}
	for (int j = n_open; j-- > 0;)
		W(x, xmlTextWriterEndElement(w));
}

/* A line break between blocks (the body is written without the writer's indentation, which
   would add white space inside a text or a <pre>). */
static void epub_nl(struct epub *x, xmlTextWriterPtr w)
{
	W(x, xmlTextWriterWriteRaw(w, BX("\n")));
}

static void epub_leaf_start(struct epub *x, xmlTextWriterPtr w, const char *tag)
{
	W(x, xmlTextWriterStartElement(w, BX(tag)));
}

static void epub_leaf_end(struct epub *x, xmlTextWriterPtr w)
{
	W(x, xmlTextWriterEndElement(w));
	epub_nl(x, w);
}

/* An open container of the walk in epub_blocks. */
struct epub_frame {
	size_t block;
	size_t end;             /* one past its last descendant */
	int elems;              /* elements written for it (wrappers too), closed at its end */
	int section;            /* a table: 0 none yet, 1 in <thead>, 2 in <tbody> */
	int tight;              /* an item whose first block, a paragraph, is its own text */
};

/* Is row r a header row: cells only, all header cells? */
static int epub_row_is_header(const struct doc *doc, size_t r)
{
	int n = 0;
	for (size_t j = r + 1; j < doc->blocks[r].end && j < doc->n_blocks; j++) {
		if (doc->blocks[j].parent != (int)r)
			continue;
		if (doc->blocks[j].type != DOC_CELL || doc->blocks[j].level != 1)
			return 0;
		n++;
	}
	return n > 0;
}

/* Is item i tight: its first block a paragraph, the others lists (<li>text<ol>…</ol></li>)? */
static int epub_item_is_tight(const struct doc *doc, size_t i)
{
	const struct doc_block *k = &doc->blocks[i];
	if (k->end <= i + 1 || doc->blocks[i + 1].type != DOC_PARA || doc->blocks[i + 1].parent != (int)i)
		return 0;
	for (size_t j = i + 2; j < k->end && j < doc->n_blocks; j++)
		if (doc->blocks[j].parent == (int)i && doc->blocks[j].type != DOC_LIST)
			return 0;
	return 1;
}

/* A table's <thead> (header rows before any other) or <tbody>. */
static void epub_table_section(struct epub *x, xmlTextWriterPtr w, struct epub_frame *f, int header)
{
	int want = header && f->section != 2 ? 1 : 2;
	if (f->section == want)
		return;
	if (f->section) {
		W(x, xmlTextWriterEndElement(w));
		epub_nl(x, w);
	}
	else
		f->elems++;
	W(x, xmlTextWriterStartElement(w, BX(want == 1 ? "thead" : "tbody")));
	epub_nl(x, w);
	f->section = want;
}

/* The elements block i needs around it in its parent (NULL: at the top) for valid XHTML when
   the model nests it where HTML does not (a list's child that is not an item, a table's that
   is not a row: containers deeper than DOC_MAX_DEPTH are flattened). Returns how many. */
static int epub_wrap(struct epub *x, xmlTextWriterPtr w, struct epub_frame *p, size_t i)
{
	const struct doc *doc = x->doc;
	enum doc_block_type t = doc->blocks[i].type;
	int pt = p ? (int)doc->blocks[p->block].type : -1, n = 0;
	if (pt == DOC_LIST && t != DOC_ITEM) {
		W(x, xmlTextWriterStartElement(w, BX("li")));
		epub_nl(x, w);
		n++;
	} else if (pt == DOC_TABLE && t == DOC_ROW) {
		epub_table_section(x, w, p, epub_row_is_header(doc, i));
	} else if (pt == DOC_TABLE) {
		epub_table_section(x, w, p, 0);
		W(x, xmlTextWriterStartElement(w, BX("tr")));
		epub_nl(x, w);
		n++;
		if (t != DOC_CELL) {
			W(x, xmlTextWriterStartElement(w, BX("td")));
			epub_nl(x, w);
			n++;
		}
	} else if (pt == DOC_ROW && t != DOC_CELL) {
		W(x, xmlTextWriterStartElement(w, BX("td")));
		epub_nl(x, w);
		n++;
	}
	if (t == DOC_ITEM && pt != DOC_LIST) {
		W(x, xmlTextWriterStartElement(w, BX("ul")));
		epub_nl(x, w);
		n++;
	} else if (t == DOC_ROW && pt != DOC_TABLE) {
		W(x, xmlTextWriterStartElement(w, BX("table")));
		W(x, xmlTextWriterStartElement(w, BX("tbody")));
		epub_nl(x, w);
		n += 2;
	}
	return n;
}

/* One leaf block i inside its parent p (NULL: at the top). */
static void epub_leaf(struct epub *x, xmlTextWriterPtr w, const struct epub_frame *p, size_t i,
		      size_t *n_head, size_t *n_fig)
{
	const struct doc_block *k = &x->doc->blocks[i];
	int pt = p ? (int)x->doc->blocks[p->block].type : -1;
	char id[24], tag[4];
	if (k->type == DOC_PARA && p && p->tight && i == p->block + 1) {
		epub_inline(x, w, k); /* the item's own text: <li>text<ol>… */
	} else if (k->type == DOC_CELL && (pt == DOC_ROW || pt == DOC_TABLE)) {
		epub_leaf_start(x, w, k->level == 1 ? "th" : "td");
		epub_inline(x, w, k);
		epub_leaf_end(x, w);
	} else if (k->type == DOC_PARA && !p && i >= wording_signature(x->doc)) {
		epub_leaf_start(x, w, "p"); /* the signature (落款): flush right, as print sets it */
		W(x, xmlTextWriterWriteAttribute(w, BX("class"), BX("signature")));
		epub_inline(x, w, k);
		epub_leaf_end(x, w);
	} else if (k->type == DOC_PARA || k->type == DOC_CELL) {
		epub_leaf_start(x, w, "p");
		epub_inline(x, w, k);
		epub_leaf_end(x, w);
	} else if (k->type == DOC_CODE) {
		epub_leaf_start(x, w, "pre"); /* as written: no line is added or indented */
		W(x, xmlTextWriterStartElement(w, BX("code")));
		int vpage = x->vpage;
		x->vpage = 0; /* code keeps its digits as written: no 縦中横 */
		epub_inline(x, w, k);
		x->vpage = vpage;
		W(x, xmlTextWriterEndElement(w));
		epub_leaf_end(x, w);
	} else if (k->type == DOC_HEADING) {
		int lv = k->level < 2 ? 2 : k->level > 6 ? 6 : k->level;
		snprintf(tag, sizeof tag, "h%d", lv);
		snprintf(id, sizeof id, "s%zu", ++*n_head);
		W(x, xmlTextWriterStartElement(w, BX(tag)));
		epub_attr(x, w, "id", id);
		epub_inline(x, w, k);
		epub_leaf_end(x, w);
	} else if (k->type == DOC_IMAGE) {
		int im = x->block_img[i];
		if (im < 0)
			return; /* as in print: an image not in the book takes its caption with it */
		snprintf(id, sizeof id, "f%zu", ++*n_fig);
		W(x, xmlTextWriterStartElement(w, BX("figure")));
		epub_attr(x, w, "id", id);
		epub_nl(x, w);
		if (im >= 0) {
			W(x, xmlTextWriterStartElement(w, BX("img")));
			epub_attr(x, w, "src", x->imgs[im].name);
			epub_attr(x, w, "alt", k->text[0] ? k->text : EPUB_IMAGE_ALT);
			W(x, xmlTextWriterEndElement(w));
			epub_nl(x, w);
		}
		if (k->text[0]) {
			epub_leaf_start(x, w, "figcaption");
			epub_inline(x, w, k);
			epub_leaf_end(x, w);
		}
		epub_leaf_end(x, w);
	}
}

/* The article's blocks as the model nests them: lists as <ol start>/<ul> and <li> (an item's
   one paragraph as its own text, several as <p>), quotes as <blockquote>, code as
   <pre><code>, tables as <table> with <thead> (the leading header rows) and <tbody>, <th> and
   <td>, subheads h2..h6 by level, images as <figure>. A walk over the flat array: a container
   opens at its index and closes when the walk reaches its end. */
static void epub_blocks(struct epub *x, xmlTextWriterPtr w)
{
	const struct doc *doc = x->doc;
	struct epub_frame st[DOC_MAX_DEPTH + 1];
	int n = 0;
	size_t n_head = 0, n_fig = 0;
	W(x, xmlTextWriterSetIndent(w, 0));
	for (size_t i = 0; i <= doc->n_blocks; i++) {
		while (n && (i == doc->n_blocks || st[n - 1].end <= i)) {
			for (int e = st[n - 1].elems; e > 0; e--) {
				W(x, xmlTextWriterEndElement(w));
				epub_nl(x, w);
			}
			n--;
		}
		if (i == doc->n_blocks)
			break;
		const struct doc_block *k = &doc->blocks[i];
		struct epub_frame *p = n ? &st[n - 1] : NULL;
		int wraps = epub_wrap(x, w, p, i);
		if (!doc_block_is_container(k->type) || n == (int)(sizeof st / sizeof *st)) {
			epub_leaf(x, w, p, i, &n_head, &n_fig);
			for (; wraps > 0; wraps--) {
				W(x, xmlTextWriterEndElement(w));
				epub_nl(x, w);
			}
			continue;
		}
		struct epub_frame *f = &st[n++];
		memset(f, 0, sizeof *f);
		f->block = i;
		f->end = k->end > i && (!p || k->end <= p->end) ? k->end : p ? p->end : doc->n_blocks;
		f->elems = wraps + 1;
		if (k->type == DOC_LIST) {
			W(x, xmlTextWriterStartElement(w, BX(k->ordered ? "ol" : "ul")));
			if (k->ordered && k->number != 1) {
				char num[16];
				snprintf(num, sizeof num, "%d", k->number);
				epub_attr(x, w, "start", num);
			}
		} else if (k->type == DOC_ITEM) {
			W(x, xmlTextWriterStartElement(w, BX("li")));
			f->tight = epub_item_is_tight(doc, i);
		} else if (k->type == DOC_QUOTE) {
			W(x, xmlTextWriterStartElement(w, BX("blockquote")));
		} else if (k->type == DOC_TABLE) {
			W(x, xmlTextWriterStartElement(w, BX("table")));
		} else {
			W(x, xmlTextWriterStartElement(w, BX("tr")));
		}
		if (!f->tight)
			epub_nl(x, w);
	}
	W(x, xmlTextWriterSetIndent(w, 1));
}

static void epub_article(struct epub *x, xmlTextWriterPtr w)
{
	const struct doc *doc = x->doc;
	struct buf b;
	buf_init(&b);
	x->vpage = x->o->vertical;
	epub_html_open(x, w, epub_title(x), 1);
	W(x, xmlTextWriterStartElement(w, BX("body")));
	W(x, xmlTextWriterStartElement(w, BX("section")));
	epub_attr(x, w, "epub:type", "bodymatter chapter");
	epub_attr(x, w, "role", "doc-chapter");
	epub_attr(x, w, "aria-labelledby", "title");
	W(x, xmlTextWriterStartElement(w, BX("header")));
	W(x, xmlTextWriterStartElement(w, BX("h1")));
	epub_attr(x, w, "id", "title");
	epub_text(x, w, epub_title(x));
	W(x, xmlTextWriterEndElement(w));
	if (doc->subtitle.text && *doc->subtitle.text)
		epub_para(x, w, "subtitle", doc->subtitle.text);
	wording_dateline(doc, &b);
	if (b.len)
		epub_para(x, w, "dateline", buf_cstr(&b));
	W(x, xmlTextWriterEndElement(w)); /* header */
	epub_blocks(x, w);
	buf_reset(&b);
	wording_byline(doc, &b, NULL);
	size_t byline = b.len;
	if (byline || doc->n_keywords || wording_editor_name(doc->editor.text)) {
		W(x, xmlTextWriterStartElement(w, BX("footer")));
		if (byline)
			epub_para(x, w, "byline", buf_cstr(&b));
		buf_reset(&b);
		wording_keywords(doc, &b);
		if (b.len)
			epub_para(x, w, "keywords", buf_cstr(&b));
		buf_reset(&b);
		wording_editor(doc, &b);
		if (b.len)
			epub_para(x, w, "editor", buf_cstr(&b));
		W(x, xmlTextWriterEndElement(w));
	}
	if (b.oom)
		x->bad = 1;
	buf_free(&b);
	W(x, xmlTextWriterEndElement(w)); /* section */
	W(x, xmlTextWriterEndElement(w)); /* body */
	W(x, xmlTextWriterEndElement(w)); /* html */
	x->vpage = 0;
}

static int epub_min_level(const struct epub *x)
{
	int m = 6;
	for (size_t i = 0; i < x->n_heads; i++)
		if (x->heads[i].level < m)
			m = x->heads[i].level;
	return m;
}

/* The subheads from *i on whose level is at least `level`, as nested lists (nav: ol/li/a;
   ncx: navPoint). Returns the depth below this list. */
static int epub_nav_list(struct epub *x, xmlTextWriterPtr w, size_t *i, int level, int ncx, int *order)
{
	int depth = 1;
	if (!ncx)
		W(x, xmlTextWriterStartElement(w, BX("ol")));
	while (*i < x->n_heads && x->heads[*i].level >= level) {
		const struct epub_head *h = &x->heads[*i];
		char href[48], id[24];
		snprintf(href, sizeof href, "%s#s%zu", x->file ? x->file : EPUB_ARTICLE, *i + 1);
		const char *text = x->doc->blocks[h->block].text;
		if (ncx) {
			snprintf(id, sizeof id, "n%d", ++*order);
			char num[16];
			snprintf(num, sizeof num, "%d", *order);
			W(x, xmlTextWriterStartElement(w, BX("navPoint")));
			epub_attr(x, w, "id", id);
			epub_attr(x, w, "playOrder", num);
			W(x, xmlTextWriterStartElement(w, BX("navLabel")));
			epub_elem(x, w, "text", *text ? text : "…");
			W(x, xmlTextWriterEndElement(w));
			W(x, xmlTextWriterStartElement(w, BX("content")));
			epub_attr(x, w, "src", href);
			W(x, xmlTextWriterEndElement(w));
		} else {
			W(x, xmlTextWriterStartElement(w, BX("li")));
			W(x, xmlTextWriterStartElement(w, BX("a")));
			epub_attr(x, w, "href", href);
			epub_text(x, w, *text ? text : "…");
			W(x, xmlTextWriterEndElement(w));
		}
		++*i;
		if (*i < x->n_heads && x->heads[*i].level > h->level) {
			int sub = 1 + epub_nav_list(x, w, i, x->heads[*i].level, ncx, order);
			if (sub > depth)
				depth = sub;
		}
		W(x, xmlTextWriterEndElement(w)); /* li or navPoint */
	}
	if (!ncx)
		W(x, xmlTextWriterEndElement(w));
	return depth;
}

static void epub_nav(struct epub *x, xmlTextWriterPtr w)
{
	epub_html_open(x, w, "目录", 0);
	W(x, xmlTextWriterStartElement(w, BX("body")));
	W(x, xmlTextWriterStartElement(w, BX("nav")));
	epub_attr(x, w, "epub:type", "toc");
	epub_attr(x, w, "id", "toc");
	epub_attr(x, w, "role", "doc-toc");
	epub_elem(x, w, "h1", "目录");
	W(x, xmlTextWriterStartElement(w, BX("ol")));
	W(x, xmlTextWriterStartElement(w, BX("li")));
	W(x, xmlTextWriterStartElement(w, BX("a")));
	epub_attr(x, w, "href", EPUB_ARTICLE);
	epub_text(x, w, epub_title(x));
	W(x, xmlTextWriterEndElement(w));
	size_t i = 0;
	int order = 0;
	if (x->n_heads) /* one list from the highest level present */
		epub_nav_list(x, w, &i, epub_min_level(x), 0, &order);
	W(x, xmlTextWriterEndElement(w)); /* li */
	W(x, xmlTextWriterEndElement(w)); /* ol */
	W(x, xmlTextWriterEndElement(w)); /* nav */
	W(x, xmlTextWriterStartElement(w, BX("nav")));
	epub_attr(x, w, "epub:type", "landmarks");
	epub_attr(x, w, "id", "landmarks");
	epub_attr(x, w, "hidden", "hidden");
	epub_elem(x, w, "h2", "导览");
	W(x, xmlTextWriterStartElement(w, BX("ol")));
	static const char *const lm[][3] = {{"toc", "nav.xhtml#toc", "目录"},
					    {"bodymatter", EPUB_ARTICLE, "正文"}};
	for (size_t k = 0; k < 2; k++) {
		W(x, xmlTextWriterStartElement(w, BX("li")));
		W(x, xmlTextWriterStartElement(w, BX("a")));
		epub_attr(x, w, "epub:type", lm[k][0]);
		epub_attr(x, w, "href", lm[k][1]);
		epub_text(x, w, lm[k][2]);
		W(x, xmlTextWriterEndElement(w));
		W(x, xmlTextWriterEndElement(w));
	}
	W(x, xmlTextWriterEndElement(w)); /* ol */
	W(x, xmlTextWriterEndElement(w)); /* nav */
	W(x, xmlTextWriterEndElement(w)); /* body */
	W(x, xmlTextWriterEndElement(w)); /* html */
}

static void epub_ncx_meta(struct epub *x, xmlTextWriterPtr w, const char *name, const char *content)
{
	W(x, xmlTextWriterStartElement(w, BX("meta")));
	epub_attr(x, w, "name", name);
	epub_attr(x, w, "content", content);
	W(x, xmlTextWriterEndElement(w));
}

/* Depth of the navigation: 1 (the title) plus the nesting of the subheads. */
static int epub_depth(struct epub *x)
{
	int depth = 1, order = 0;
	size_t i = 0;
	/* measured on a throwaway writer so that the NCX head can state it first */
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (!w) {
		x->bad = 1;
		xmlBufferFree(buf);
		return 1;
	}
	if (x->n_heads)
		depth = 1 + epub_nav_list(x, w, &i, epub_min_level(x), 1, &order);
	xmlFreeTextWriter(w);
	xmlBufferFree(buf);
	return depth;
}

static void epub_ncx(struct epub *x, xmlTextWriterPtr w)
{
	char depth[16];
	snprintf(depth, sizeof depth, "%d", epub_depth(x));
	W(x, xmlTextWriterStartElement(w, BX("ncx")));
	epub_attr(x, w, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	epub_attr(x, w, "version", "2005-1");
	epub_attr(x, w, "xml:lang", x->lang);
	W(x, xmlTextWriterStartElement(w, BX("head")));
	epub_ncx_meta(x, w, "dtb:uid", x->uid);
	epub_ncx_meta(x, w, "dtb:depth", depth);
	epub_ncx_meta(x, w, "dtb:totalPageCount", "0");
	epub_ncx_meta(x, w, "dtb:maxPageNumber", "0");
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterStartElement(w, BX("docTitle")));
	epub_elem(x, w, "text", epub_title(x));
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterStartElement(w, BX("navMap")));
	W(x, xmlTextWriterStartElement(w, BX("navPoint")));
	epub_attr(x, w, "id", "n0");
	epub_attr(x, w, "playOrder", "1");
	W(x, xmlTextWriterStartElement(w, BX("navLabel")));
	epub_elem(x, w, "text", epub_title(x));
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterStartElement(w, BX("content")));
	epub_attr(x, w, "src", EPUB_ARTICLE);
	W(x, xmlTextWriterEndElement(w));
	size_t i = 0;
	int order = 1;
	if (x->n_heads)
		epub_nav_list(x, w, &i, epub_min_level(x), 1, &order);
	W(x, xmlTextWriterEndElement(w)); /* navPoint */
	W(x, xmlTextWriterEndElement(w)); /* navMap */
	W(x, xmlTextWriterEndElement(w)); /* ncx */
}

/* ---- the stylesheet ---- */

/* A CSS font stack: role `name`'s families, common CJK families of its kind (sans: 1 Hei,
   2 Kai, 3 mono; 0 Song), the generic family. */
static void epub_css_role_stack(struct buf *b, const struct style *st, const char *name, int sans)
{
	static const char *const serif[] = {"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC",
					    "STSong", "SimSun", NULL};
	static const char *const sans_[] = {"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
					    "Heiti SC", "SimHei", NULL};
	static const char *const kai[] = {"AR PL UKai CN", "Kaiti SC", "STKaiti", "KaiTi", "BiauKai", NULL};
	static const char *const mono[] = {"Noto Sans Mono CJK SC", "Sarasa Mono SC", "Menlo", "Consolas",
					   "DejaVu Sans Mono", NULL};
	const struct style_role *r = st ? style_role(st, name) : NULL;
	const char *fam[STYLE_FAMILIES_MAX + 6];
	size_t len[STYLE_FAMILIES_MAX + 6], n = 0;
	for (int i = 0; r && i < r->n; i++) { /* "Family:style=Bold" (fontconfig) -> "Family" */
		fam[n] = r->families[i];
		len[n++] = strcspn(r->families[i], ":");
	}
	for (const char *const *g = sans == 3 ? mono : sans == 2 ? kai : sans ? sans_ : serif; *g; g++) {
		fam[n] = *g;
		len[n++] = strlen(*g);
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < i && (len[j] != len[i] || memcmp(fam[j], fam[i], len[i])))
			j++;
		if (j < i || !len[i])
			continue; /* named already */
		buf_putc(b, '"');
		for (size_t c = 0; c < len[i]; c++)
			if (fam[i][c] == '"' || fam[i][c] == '\\')
				buf_printf(b, "\\%c", fam[i][c]);
			else if ((unsigned char)fam[i][c] >= 0x20)
				buf_putc(b, fam[i][c]);
		buf_puts(b, "\", ");
	}
	buf_puts(b, sans == 3 ? "monospace" : sans == 1 ? "sans-serif" : "serif");
}

static void epub_css_stack(struct buf *b, const struct style *st, int k, int sans)
{
	epub_css_role_stack(b, st, st ? st->text[k].role : "body", sans);
}

/* The stack of role `name`, of the kind its name says. */
static void epub_css_family(struct buf *b, const struct style *st, const char *name)
{
	int kind = !strcmp(name, "kai") ? 2 : !strcmp(name, "mono") ? 3
		 : !strcmp(name, "heading") || !strcmp(name, "sans") || !strcmp(name, "strong");
	epub_css_role_stack(b, st, name, kind);
}

static const char *epub_css_align(enum style_align a)
{
	return a == STYLE_CENTER ? "center" : a == STYLE_RIGHT ? "right" : a == STYLE_LEFT ? "left" : "justify";
}

/* The rules for the article's structure (epub_blocks), from the style's classes heading-2..4,
   quote, list, code and table and its [body] emphasis: lists indented by the list inset, quotes in the kai
   role inset on both sides, code in the mono role as written, tables as 三线表 (thick rules
   above and below, a thin one under the header rows), strong in the strong role, emphasis as
   着重号 dots under the characters (clreq), kai or bold in a CJK text, italic in others. */
static void epub_css_structure(const struct style *st, struct buf *b)
{
	float body = st && st->text[STYLE_BODY].size > 0 ? st->text[STYLE_BODY].size : 10.5f;
	/* subheads by level, as print sets them: [heading-2], [heading-3], [heading-4] (h4..h6)
	   where the style has them, over the rule for all subheads from [heading] */
	for (int lv = 2; st && lv <= 4; lv++) {
		enum style_class k = style_heading_class(st, lv);
		if (k == STYLE_HEADING)
			continue;
		const struct style_text *h = &st->text[k];
		buf_printf(b, "%s { font-size: %.2fem; text-align: %s; font-family: ",
			   lv == 2 ? "h2" : lv == 3 ? "h3" : "h4, h5, h6", h->size / body, epub_css_align(h->align));
		epub_css_family(b, st, h->role);
		buf_printf(b, "; margin: %.2fem 0 %.2fem 0;%s }\n", h->space_before / body, h->space_after / body,
			   strcmp(h->role, "kai") ? "" : " font-weight: normal;"); /* Kai has no bold */
	}
	const struct style_text *q = st ? &st->text[STYLE_QUOTE] : NULL, *l = st ? &st->text[STYLE_LIST] : NULL,
				*c = st ? &st->text[STYLE_CODE] : NULL, *t = st ? &st->text[STYLE_TABLE] : NULL;
	buf_printf(b, "ol, ul { margin: 0; padding: 0 0 0 %.2fem; }\n", l ? l->margin_left / body : 2);
	buf_puts(b, "li { text-indent: 0; }\n"
		    "li > p { text-indent: 0; }\n"
		    "ul ul { list-style-type: circle; }\n"
		    "ul ul ul { list-style-type: square; }\n");
	buf_printf(b, "blockquote { margin: %.2fem %.2fem %.2fem %.2fem; text-align: %s; font-family: ",
		   q ? q->space_before / body : 0.5f, q ? q->margin_right / body : 2,
		   q ? q->space_after / body : 0.5f, q ? q->margin_left / body : 2,
		   epub_css_align(q ? q->align : STYLE_JUSTIFY));
	epub_css_family(b, st, q ? q->role : "kai");
	buf_printf(b, "; }\nblockquote p { text-indent: %.2fem; }\n", q ? q->indent / body : 2);
	buf_printf(b, "pre { margin: %.2fem 0 %.2fem %.2fem; font-size: %.2fem; line-height: %.2f; text-indent: 0;"
		      " text-align: left; white-space: pre-wrap; }\n",
		   c ? c->space_before / body : 0.5f, c ? c->space_after / body : 0.5f,
		   c ? c->margin_left / body : 2, c ? c->size / body : 0.9f,
		   c && c->line_pitch > 0 ? c->line_pitch : 1.4f);
	buf_puts(b, "code { font-family: ");
	epub_css_family(b, st, c ? c->role : "mono");
	buf_puts(b, "; }\n");
	buf_printf(b, "table { border-collapse: collapse; margin: %.2fem auto %.2fem auto; font-size: %.2fem;"
		      " line-height: %.2f; border-top: 1.5pt solid; border-bottom: 1.5pt solid; }\n",
		   t ? t->space_before / body : 0.5f, t ? t->space_after / body : 0.5f,
		   t ? t->size / body : 0.9f, t && t->line_pitch > 0 ? t->line_pitch : 1.4f);
	buf_printf(b, "th, td { padding: 0.2em 0.6em; text-indent: 0; text-align: %s; vertical-align: top; }\n"
		      "thead tr:last-child th, thead tr:last-child td { border-bottom: 0.75pt solid; }\n"
		      "th, strong { font-weight: bold; font-family: ",
		   epub_css_align(t ? t->align : STYLE_LEFT));
	epub_css_family(b, st, "strong");
	buf_puts(b, "; }\n"
		    "em { font-style: italic; }\n"
		    ":lang(zh) em, :lang(ja) em, :lang(ko) em { font-style: normal; ");
	enum style_emphasis e = st ? st->emphasis : STYLE_EM_DOTS;
	if (e == STYLE_EM_DOTS) {
		buf_puts(b, "-epub-text-emphasis-style: filled dot; -webkit-text-emphasis-style: filled dot;"
			    " text-emphasis-style: filled dot;\n  -epub-text-emphasis-position: under;"
			    " -webkit-text-emphasis-position: under; text-emphasis-position: under right; }\n");
	} else {
		buf_puts(b, e == STYLE_EM_BOLD ? "font-weight: bold; font-family: " : "font-family: ");
		epub_css_family(b, st, e == STYLE_EM_BOLD ? "strong" : "kai");
		buf_puts(b, "; }\n");
	}
}

static void epub_css(const struct style *st, struct buf *b)
{
	float body = st ? st->text[STYLE_BODY].size : 10.5f;
	if (body <= 0)
		body = 10.5f;
	buf_puts(b, "@charset \"UTF-8\";\n"); /* first: anywhere else it is ignored */
	buf_printf(b, "/* paiban: from the style %s (body %.1fpt); sizes relative to the body */\n",
		   st ? st->name : "(built-in)", body);
	buf_puts(b, "html { -epub-line-break: strict; -webkit-line-break: strict; line-break: strict; }\n");
	buf_puts(b, "body { margin: 0; text-align: ");
	buf_puts(b, epub_css_align(st ? st->text[STYLE_BODY].align : STYLE_JUSTIFY));
	buf_puts(b, "; line-break: strict; -epub-line-break: strict; -webkit-line-break: strict;\n"
		    "  hanging-punctuation: allow-end; font-family: ");
	epub_css_stack(b, st, STYLE_BODY, 0);
	float pitch = st && st->text[STYLE_BODY].line_pitch > 0 ? st->text[STYLE_BODY].line_pitch : 1.6f;
	buf_printf(b, ";\n  line-height: %.2f; }\n", pitch);
	float indent = st ? st->text[STYLE_BODY].indent / body : 2;
	buf_printf(b, "p { margin: 0; text-indent: %.2fem; }\n", indent);
	static const struct {
		const char *sel;
		int k;
	} cls[] = {{"h1", STYLE_TITLE}, {"p.subtitle", STYLE_SUBTITLE}, {"h2, h3, h4, h5, h6", STYLE_HEADING},
		   {"p.dateline", STYLE_DATELINE}, {"p.byline", STYLE_BYLINE},
		   {"p.keywords, p.editor", STYLE_META}};
	for (size_t i = 0; i < sizeof cls / sizeof *cls; i++) {
		int k = cls[i].k;
		float size = st ? st->text[k].size / body : 1;
		const char *role = st ? st->text[k].role : "body";
		int sans = !strcmp(role, "heading") || !strcmp(role, "sans");
		buf_printf(b, "%s { font-size: %.2fem; text-indent: 0; text-align: %s; font-family: ", cls[i].sel,
			   size, epub_css_align(st ? st->text[k].align : STYLE_LEFT));
		epub_css_stack(b, st, k, sans);
		buf_printf(b, "; margin: %.2fem 0 %.2fem 0;%s }\n", st ? st->text[k].space_before / body : 0,
			   st ? st->text[k].space_after / body : 0,
			   k == STYLE_TITLE || k == STYLE_HEADING || k == STYLE_SUBTITLE ? " page-break-after: avoid;"
										       : "");
	}
	buf_puts(b, "h1, h2, h3, h4, h5, h6 { font-weight: bold; line-height: 1.4; }\n"
		    "header { margin-bottom: 1em; }\n"
		    "footer { margin-top: 1em; }\n"
		    "figure { margin: 1em 0; text-align: center; page-break-inside: avoid; }\n"
		    "figure img { max-width: 100%; height: auto; }\n"
		    "figcaption { font-size: 0.9em; text-indent: 0; text-align: center; }\n"
		    "p.signature { text-indent: 0; text-align: right; }\n");
	epub_css_structure(st, b);
}

/* ---- the container ---- */

static int epub_fonts_chars(struct epub_fonts *f, const char *s, size_t n);
static void epub_css_fonts(const struct epub *x, struct buf *b);
static void epub_css_vertical(const struct style *st, struct buf *b);

/* Adds data (copied) as name: stored (store 1), deflated at level 9 (0) or at level 1
   (EPUB_DEFLATE_FAST: font files, which level 9 makes 1 % smaller in 1.6 times the time),
   fixed time and attributes. */
static enum err epub_add(struct epub *x, const char *name, const void *data, size_t len, int store,
			 struct diag *d)
{
	void *copy = malloc(len ? len : 1);
	if (!copy)
		return ERR_NOMEM;
	memcpy(copy, data, len);
	zip_source_t *s = epub_z.source_buffer(x->z, copy, len, 1);
	if (!s) {
		free(copy);
		return ERR_NOMEM;
	}
	zip_int64_t i = epub_z.file_add(x->z, name, s, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		epub_z.source_free(s);
		diag_msg(d, DIAG_ERROR, "EPUB: cannot add %s: %s", name, epub_z.strerror(x->z));
		return ERR_IO;
	}
	if (epub_z.set_file_compression(x->z, (zip_uint64_t)i, store == 1 ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
				     store == 1 ? 0 : store == EPUB_DEFLATE_FAST ? 1 : 9) ||
	    epub_z.file_set_mtime(x->z, (zip_uint64_t)i, x->mtime, 0) ||
	    epub_z.file_set_external_attributes(x->z, (zip_uint64_t)i, 0, ZIP_OPSYS_UNIX, 0100644u << 16)) {
		diag_msg(d, DIAG_ERROR, "EPUB: cannot set up %s: %s", name, epub_z.strerror(x->z));
		return ERR_IO;
	}
	return ERR_OK;
}

/* Runs fn on a memory writer and adds the XML document it writes as name. */
static enum err epub_add_xml(struct epub *x, const char *name,
			     void (*fn)(struct epub *x, xmlTextWriterPtr w), struct diag *d)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	enum err e = ERR_OK;
	if (!w) {
		xmlBufferFree(buf);
		return ERR_NOMEM;
	}
	x->bad = 0;
	W(x, xmlTextWriterSetIndent(w, 1));
	W(x, xmlTextWriterSetIndentString(w, BX("  ")));
	W(x, xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	fn(x, w);
	W(x, xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w); /* flushes into buf */
	size_t nl = strlen(name);
	if (!x->bad && x->fonts && nl > 6 && !strcmp(name + nl - 6, ".xhtml") &&
	    epub_fonts_chars(x->fonts, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf)))
		x->bad = 1;
	if (x->bad)
		e = ERR_NOMEM;
	else
		e = epub_add(x, name, xmlBufferContent(buf), (size_t)xmlBufferLength(buf), 0, d);
	xmlBufferFree(buf);
	return e;
}

/* ---- embedded fonts (--embed-fonts) ---- */

/* Adds the code points of an XHTML file (its markup too: ASCII, which every face gets
   anyway) to the book's characters. -1 when out of memory. */
static int epub_fonts_chars(struct epub_fonts *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x80)
			hb_set_add(f->chars, cp);
		i += l ? l : 1;
	}
	return hb_set_allocation_successful(f->chars) ? 0 : -1;
}

static void epub_fonts_free(struct epub_fonts *f)
{
	if (f)
		hb_set_destroy(f->chars);
	free(f);
}

/* Whether the stylesheet css names family first in a font-family declaration. */
static int epub_css_names_first(const char *css, const char *family)
{
	static const char key[] = "font-family: \"";
	size_t fl = strlen(family);
	for (const char *p = strstr(css, key); p; p = strstr(p + 1, key)) {
		p += sizeof key - 1;
		size_t k = 0; /* compare with the name unescaped (epub_css_stack escapes " and \\) */
		while (*p && *p != '"' && k <= fl) {
			if (*p == '\\' && p[1])
				p++;
			if (k == fl || *p != family[k])
				break;
			p++;
			k++;
		}
		if (k == fl && *p == '"')
			return 1;
	}
	return 0;
}

/* The style's font roles, in the order their faces are embedded. */
static const char *const epub_role_names[] = {"body", "heading", "sans", "latin", "fallback",
					      "kai", "song", "mono", "strong"};

static unsigned epub_role_bit(const char *name)
{
	for (size_t i = 0; i < sizeof epub_role_names / sizeof *epub_role_names; i++)
		if (!strcmp(name, epub_role_names[i]))
			return 1u << i;
	return 0;
}

/* The roles doc's text is set in (a bit per epub_role_names): the article's own parts, then
   what its blocks and spans hold: subheads by level, quotes, lists, code, tables (header cells
   and strong spans in the strong role), emphasis in kai or bold as the style prints it. A
   role the book does not use gets no face, though the stylesheet names it. */
static unsigned epub_doc_roles(const struct style *st, const struct doc *doc)
{
	static const enum style_class base[] = {STYLE_BODY, STYLE_TITLE, STYLE_SUBTITLE, STYLE_HEADING,
						STYLE_DATELINE, STYLE_BYLINE, STYLE_META};
	unsigned m = 0;
	for (size_t i = 0; i < sizeof base / sizeof *base; i++)
		m |= epub_role_bit(st->text[base[i]].role);
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const struct doc_block *k = &doc->blocks[i];
		int c = k->type == DOC_HEADING ? (int)style_heading_class(st, k->level)
		      : k->type == DOC_QUOTE ? STYLE_QUOTE : k->type == DOC_CODE ? STYLE_CODE
		      : k->type == DOC_LIST ? STYLE_LIST : k->type == DOC_TABLE ? STYLE_TABLE : -1;
		if (c >= 0)
			m |= epub_role_bit(st->text[c].role);
		if (k->type == DOC_CELL && k->level == 1)
			m |= epub_role_bit("strong");
		for (size_t j = 0; j < k->n_spans; j++) {
			enum doc_span_kind sk = k->spans[j].kind;
			if (sk == DOC_SPAN_STRONG || (sk == DOC_SPAN_EM && st->emphasis == STYLE_EM_BOLD))
				m |= epub_role_bit("strong");
			else if (sk == DOC_SPAN_EM && st->emphasis == STYLE_EM_KAI)
				m |= epub_role_bit("kai");
			else if (sk == DOC_SPAN_CODE)
				m |= epub_role_bit(st->text[STYLE_CODE].role);
		}
	}
	return m;
}

/* Chooses the faces to embed (x->fonts, allocated): the primary family of each role the
   documents' text is set in (epub_doc_roles) that the stylesheet names first somewhere,
   resolved through o->fonts, once per font file and face. */
static enum err epub_fonts_plan(struct epub *x, const struct doc *const *docs, size_t n_docs,
				struct diag *d)
{
	const struct style *st = x->o->style;
	if (!x->o->fonts || !st)
		return ERR_OK;
	struct epub_fonts *f = calloc(1, sizeof *f);
	if (!f)
		return ERR_NOMEM;
	x->fonts = f;
	f->chars = hb_set_create();
	for (uint32_t c = 0x20; c < 0x7f; c++) /* every face keeps the printable ASCII */
		hb_set_add(f->chars, c);
	if (!hb_set_allocation_successful(f->chars))
		return ERR_NOMEM;
	struct buf css;
	buf_init(&css);
	epub_css(st, &css);
	if (css.oom) {
		buf_free(&css);
		return ERR_NOMEM;
	}
	unsigned used = 0;
	for (size_t i = 0; i < n_docs; i++)
		used |= epub_doc_roles(st, docs[i]);
	for (size_t r = 0; r < sizeof epub_role_names / sizeof *epub_role_names; r++) {
		const struct style_role *role = style_role(st, epub_role_names[r]);
		if (!(used & 1u << r) || !role || role->n < 1 || !*role->families[0])
			continue;
		const char *spec = role->families[0];
		char family[128];
		snprintf(family, sizeof family, "%.*s", (int)strcspn(spec, ":"), spec);
		if (!epub_css_names_first(buf_cstr(&css), family))
			continue;
		struct font *font;
		if (fontset_get(x->o->fonts, spec, &font) || !font)
			continue; /* reported by the fontset */
		size_t i = 0;
		while (i < f->n && f->face[i].font != font)
			i++;
		if (i < f->n || f->n == EPUB_MAX_FACES)
			continue;
		if (!font_embeddable(font)) {
			diag_msg(d, DIAG_WARNING, "--embed-fonts: the licence bits (OS/2 fsType) of %s (%s) "
				 "forbid embedding it; the book names it without carrying it", font->path, family);
			continue;
		}
		struct epub_face *fc = &f->face[f->n++];
		fc->font = font;
		snprintf(fc->family, sizeof fc->family, "%s", family);
		snprintf(fc->name, sizeof fc->name, "fonts/f%zu.%s", f->n, font->is_cff ? "otf" : "ttf");
	}
	buf_free(&css);
	return ERR_OK;
}

/* The @font-face rules of the embedded faces. */
static void epub_css_fonts(const struct epub *x, struct buf *b)
{
	for (size_t i = 0; x->fonts && i < x->fonts->n; i++) {
		const struct epub_face *f = &x->fonts->face[i];
		buf_puts(b, "@font-face { font-family: \"");
		for (const char *c = f->family; *c; c++)
			if (*c == '"' || *c == '\\')
				buf_printf(b, "\\%c", *c);
			else if ((unsigned char)*c >= 0x20)
				buf_putc(b, *c);
		buf_printf(b, "\"; src: url(\"%s\"); font-weight: %s; font-style: %s; }\n", f->name,
			   f->font->bold ? "bold" : "normal", f->font->italic ? "italic" : "normal");
	}
}

/* One face's subset, made in a thread of its own (font_subset reads the immutable face and
   a copy of the characters: hb_set_t caches lookups even when only read). */
struct epub_subset {
	const struct font *font;
	hb_set_t *chars;        /* owned copy */
	hb_blob_t *blob;
	enum err e;
	pthread_t tid;
	int thread;             /* tid runs */
};

static void *epub_subset_run(void *arg)
{
	struct epub_subset *j = arg;
	j->e = hb_set_allocation_successful(j->chars) ? font_subset(j->font, j->chars, &j->blob) : ERR_NOMEM;
	return NULL;
}

/* Subsets every face to the book's characters, in parallel, and adds them in order (after
   every XHTML file: the characters are known). */
static enum err epub_fonts_add(struct epub *x, struct diag *d)
{
	if (!x->fonts || !x->fonts->n)
		return ERR_OK;
	struct epub_fonts *fs = x->fonts;
	struct epub_subset jobs[EPUB_MAX_FACES];
	memset(jobs, 0, sizeof jobs);
	for (size_t i = 0; i < fs->n; i++) {
		jobs[i].font = fs->face[i].font;
		jobs[i].chars = hb_set_copy(fs->chars);
		if (i > 0)
			jobs[i].thread = !pthread_create(&jobs[i].tid, NULL, epub_subset_run, &jobs[i]);
	}
	for (size_t i = 0; i < fs->n; i++)
		if (!jobs[i].thread) /* the first, and any that found no thread */
			epub_subset_run(&jobs[i]);
	for (size_t i = 0; i < fs->n; i++)
		if (jobs[i].thread)
			pthread_join(jobs[i].tid, NULL);
	enum err e = ERR_OK;
	for (size_t i = 0; i < fs->n; i++) {
		const struct epub_face *f = &fs->face[i];
		if (!e && jobs[i].e == ERR_FONT)
			diag_msg(d, DIAG_ERROR, "--embed-fonts: hb-subset could not subset %s (%s)",
				 f->font->path, f->family);
		if (!e)
			e = jobs[i].e;
		if (!e) {
			unsigned n;
			const char *data = hb_blob_get_data(jobs[i].blob, &n);
			char name[48];
			snprintf(name, sizeof name, "OEBPS/%s", f->name);
			e = epub_add(x, name, data, n, EPUB_DEFLATE_FAST, d);
		}
		hb_blob_destroy(jobs[i].blob);
		hb_set_destroy(jobs[i].chars);
	}
	return e;
}

/* Resolves, probes and numbers the article's images (print's path rules), and checks that
   out is none of them. */
static enum err epub_images(struct epub *x, const char *out, struct diag *d)
{
	const struct doc *doc = x->doc;
	struct image_allow allow = {x->o->allow_dirs, x->o->n_allow};
	long long bytes = 0;
	for (size_t i = 0; i < doc->n_blocks; i++) {
		x->block_img[i] = -1;
		const struct doc_block *k = &doc->blocks[i];
		if (k->type == DOC_HEADING) {
			x->heads[x->n_heads].level = k->level < 2 ? 2 : k->level > 6 ? 6 : k->level;
			x->heads[x->n_heads++].block = i;
		}
		if (k->type != DOC_IMAGE || !k->src)
			continue;
		char *path = NULL;
		enum image_verdict v;
		const char *cap = k->text[0] ? "; its caption is left out with it" : "";
		enum err e = image_resolve(doc->file, k->src, &allow, &path, &v);
		if (e)
			return e;
		if (v == IMAGE_REMOTE) {
			diag_at(d, DIAG_WARNING, k->pos, "skipped remote image %s (paiban never fetches)%s", k->src, cap);
			continue;
		} else if (v == IMAGE_MISSING) {
			diag_at(d, DIAG_WARNING, k->pos, "image %s not found%s", k->src, cap);
			continue;
		} else if (v != IMAGE_USABLE) {
			diag_at(d, DIAG_WARNING, k->pos, "refused image %s: %s%s", k->src, image_verdict_str(v), cap);
			continue;
		}
		size_t j = 0;
		while (j < x->n_imgs && strcmp(x->imgs[j].path, path))
			j++;
		if (j < x->n_imgs) { /* the same file again: one item */
			free(path);
			x->block_img[i] = (int)j;
			continue;
		}
		struct image_info info;
		char msg[256];
		e = image_probe(path, &info, msg, sizeof msg);
		if (e == ERR_NOMEM) {
			free(path);
			return e;
		}
		if (!e && bytes + info.bytes > IMAGE_MAX_DOC_BYTES) {
			snprintf(msg, sizeof msg, "the article's images pass %lld MiB", IMAGE_MAX_DOC_BYTES >> 20);
			e = ERR_LIMIT;
		}
		if (e) {
			diag_at(d, DIAG_WARNING, k->pos, "cannot use image %s: %s%s", k->src, msg, cap);
			free(path);
			continue;
		}
		if (out && strcmp(out, "-") && file_same_target(out, path)) {
			diag_msg(d, DIAG_ERROR, "output %s is the image %s; refusing to overwrite it", out, path);
			free(path);
			return ERR_USAGE;
		}
		bytes += info.bytes;
		struct epub_img *m = &x->imgs[x->n_imgs];
		m->path = path;
		int png = info.format == IMAGE_PNG;
		snprintf(m->name, sizeof m->name, "images/%simg%zu.%s", x->img_prefix ? x->img_prefix : "",
			 x->n_imgs + 1, png ? "png" : "jpg");
		m->mime = png ? "image/png" : "image/jpeg";
		x->block_img[i] = (int)x->n_imgs++;
	}
	return ERR_OK;
}

/* Starts the container in memory (x->z, its source in *src) with `mimetype` (stored, first)
   and META-INF/container.xml. On failure nothing is left open. */
static enum err epub_zip_open(struct epub *x, zip_source_t **src, struct diag *d)
{
	pthread_once(&epub_zip_once, epub_zip_load);
	if (!epub_zip_ok) {
		diag_msg(d, DIAG_ERROR, "EPUB: cannot load libzip (libzip.so.4) or a function of it; "
			 "install the Debian package libzip4");
		return ERR_IO;
	}
	zip_error_t ze;
	epub_z.error_init(&ze);
	*src = epub_z.source_buffer_create(NULL, 0, 0, &ze);
	if (!*src) {
		epub_z.error_fini(&ze);
		return ERR_NOMEM;
	}
	epub_z.source_keep(*src);
	x->z = epub_z.open_from_source(*src, ZIP_TRUNCATE, &ze);
	if (!x->z) {
		diag_msg(d, DIAG_ERROR, "EPUB: cannot start the container: %s", epub_z.error_strerror(&ze));
		epub_z.error_fini(&ze);
		epub_z.source_free(*src);
		return ERR_IO;
	}
	epub_z.error_fini(&ze);
	static const char mimetype[] = "application/epub+zip";
	enum err e = epub_add(x, "mimetype", mimetype, sizeof mimetype - 1, 1, d);
	if (!e)
		e = epub_add_xml(x, "META-INF/container.xml", epub_container, d);
	if (e) {
		epub_z.discard(x->z);
		x->z = NULL;
		epub_z.source_free(*src);
	}
	return e;
}

/* Adds x's images (read now) as OEBPS/images/... */
static enum err epub_add_images(struct epub *x, struct diag *d)
{
	enum err e = ERR_OK;
	for (size_t i = 0; !e && i < x->n_imgs; i++) {
		struct buf img;
		char why[256], name[48];
		buf_init(&img);
		e = file_read_regular(x->imgs[i].path, IMAGE_MAX_BYTES, &img, why, sizeof why);
		if (e && e != ERR_NOMEM)
			diag_msg(d, DIAG_ERROR, "cannot read image %s: %s", x->imgs[i].path, why);
		snprintf(name, sizeof name, "OEBPS/%s", x->imgs[i].name);
		if (!e)
			e = epub_add(x, name, img.p, img.len, 0, d);
		buf_free(&img);
	}
	return e;
}

/* Ends the container started by epub_zip_open: on e == ERR_OK closes it and reads it into
   *data (malloc'd) and *len; else discards it. Frees src either way; returns the outcome. */
static enum err epub_zip_finish(struct epub *x, zip_source_t *src, enum err e, void **data,
				size_t *len, struct diag *d)
{
	if (e) {
		epub_z.discard(x->z);
		goto out;
	}
	pthread_mutex_lock(&epub_zip_lock);
	int rc = epub_z.close(x->z);
	pthread_mutex_unlock(&epub_zip_lock);
	if (rc) {
		diag_msg(d, DIAG_ERROR, "EPUB: cannot write the container: %s", epub_z.strerror(x->z));
		epub_z.discard(x->z);
		e = ERR_IO;
		goto out;
	}
	zip_stat_t st;
	epub_z.stat_init(&st);
	if (epub_z.source_stat(src, &st) || epub_z.source_open(src)) {
		e = ERR_IO;
		goto out;
	}
	*data = malloc(st.size ? st.size : 1);
	if (!*data)
		e = ERR_NOMEM;
	else if (epub_z.source_read(src, *data, st.size) != (zip_int64_t)st.size)
		e = ERR_IO;
	else
		*len = st.size;
	epub_z.source_close(src);
	if (e) {
		free(*data);
		*data = NULL;
	}
out:
	x->z = NULL;
	epub_z.source_free(src);
	return e;
}

/* Writes the whole container into memory: *data (malloc'd) and *len. */
static enum err epub_zip(struct epub *x, void **data, size_t *len, struct diag *d)
{
	zip_source_t *src;
	enum err e = epub_zip_open(x, &src, d);
	if (e)
		return e;
	if (!e)
		e = epub_fonts_plan(x, &x->doc, 1, d);
	if (!e)
		e = epub_add_xml(x, "OEBPS/content.opf", epub_opf, d);
	if (!e)
		e = epub_add_xml(x, "OEBPS/nav.xhtml", epub_nav, d);
	if (!e)
		e = epub_add_xml(x, "OEBPS/toc.ncx", epub_ncx, d);
	if (!e)
		e = epub_add_xml(x, "OEBPS/" EPUB_ARTICLE, epub_article, d);
	if (!e) {
		struct buf css;
		buf_init(&css);
		epub_css(x->o->style, &css);
		if (x->o->vertical)
			epub_css_vertical(x->o->style, &css);
		epub_css_fonts(x, &css);
		e = css.oom ? ERR_NOMEM : epub_add(x, "OEBPS/style.css", css.p, css.len, 0, d);
		buf_free(&css);
	}
	if (!e)
		e = epub_add_images(x, d);
	if (!e)
		e = epub_fonts_add(x, d);
	return epub_zip_finish(x, src, e, data, len, d);
}

/* libzip writes an entry's time as local time (localtime(3)): the time whose local fields are
   t's UTC fields, so that the bytes do not depend on TZ. */
static time_t epub_zip_time(time_t t)
{
	struct tm u, l;
	gmtime_r(&t, &u);
	time_t s = t;
	for (int i = 0; i < 3; i++) { /* twice is enough but at a DST change */
		localtime_r(&s, &l);
		if (l.tm_hour == u.tm_hour && l.tm_min == u.tm_min && l.tm_mday == u.tm_mday)
			break;
		s = t - l.tm_gmtoff;
	}
	return s;
}

/* dc:language and xml:lang from the model's language (epub.md: zh-CN for Simplified, zh-TW
   / zh-HK for Traditional pages, the page's own tag for others; zh-CN when it is unknown). */
static const char *epub_lang(const struct doc *doc)
{
	const char *l = doc->lang.text;
	if (!l || !*l || !strcmp(l, "und") || !strcmp(l, "zh-Hans") || !strcmp(l, "zh"))
		return "zh-CN";
	if (!strcmp(l, "zh-Hant"))
		return "zh-TW";
	return l;
}

/* Builds the book in memory: *data (malloc'd, the caller's) and *len. out, when not NULL, is
   the path it will be written to (refused when it is one of the article's images). */
static enum err epub_build(const struct doc *doc, const struct epub_opts *o, const char *out,
			   void **data, size_t *len, struct diag *d)
{
	struct epub x = {.doc = doc, .o = o, .d = d};
	x.lang = epub_lang(doc);
	epub_uid(&x);
	time_t now = o->epoch >= 0 ? (time_t)o->epoch : time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(x.modified, sizeof x.modified, "%Y-%m-%dT%H:%M:%SZ", &tm);
	x.mtime = epub_zip_time(o->epoch >= EPUB_ZIP_TIME ? (time_t)o->epoch : (time_t)EPUB_ZIP_TIME);
	*data = NULL;
	*len = 0;
	enum err e = ERR_OK;
	size_t nb = doc->n_blocks ? doc->n_blocks : 1;
	x.imgs = calloc(nb, sizeof *x.imgs);
	x.block_img = calloc(nb, sizeof *x.block_img);
	x.heads = calloc(nb, sizeof *x.heads);
	if (!x.imgs || !x.block_img || !x.heads)
		e = ERR_NOMEM;
	if (!e)
		e = epub_images(&x, out, d);
	if (!e)
		e = epub_zip(&x, data, len, d);
	for (size_t i = 0; x.imgs && i < x.n_imgs; i++)
		free(x.imgs[i].path);
	free(x.imgs);
	free(x.block_img);
	free(x.heads);
	epub_fonts_free(x.fonts);
	return e;
}

enum err epub_write(const struct doc *doc, const struct epub_opts *o, const char *out, struct diag *d)
{
	void *data;
	size_t len;
	enum err e = epub_build(doc, o, out, &data, &len, d);
	if (!e)
		e = file_put(out, NULL, data, len, d);
	free(data);
	return e;
}

enum err epub_write_mem(const struct doc *doc, const struct epub_opts *o, struct buf *out, struct diag *d)
{
	void *data;
	size_t len;
	enum err e = epub_build(doc, o, NULL, &data, &len, d);
	if (!e) {
		buf_put(out, data, len);
		if (out->oom)
			e = ERR_NOMEM;
	}
	free(data);
	return e;
}

/* ==== a digest as one book (epub_digest_build) ==== */

#define EPUB_DG_MAX_ROLES 8     /* MARC roles kept per person */

/* A person credited somewhere in the digest, once, with every role. */
struct epub_dg_person {
	const char *name;
	char *own;              /* the name's own copy when it was cut out of a longer value */
	const char *codes[EPUB_DG_MAX_ROLES];
	int n_codes;
	int creator;            /* one of the roles makes a creator */
};

struct epub_dg {
	struct epub x;          /* first: the book (language, identifier, container); the
				   book-level writers get &x and cast back */
	const struct epub_digest *g;
	struct epub *parts;     /* per article: its document, images, subheads, file */
	char (*files)[16];      /* per article: note.xhtml, a001.xhtml ... */
	char cover_name[32];    /* images/cover.png|jpg, "" without a cover image */
	const char *cover_mime;
	const char *cover_path;
	int closing;            /* the 版记 has something to say */
	size_t cur;             /* the section whose title page is being written */
	struct epub_dg_person *people;
	size_t n_people;
};

static struct epub_dg *epub_dg_of(struct epub *x)
{
	return (struct epub_dg *)x;
}

static int epub_dg_has_pages(const struct epub_digest *g)
{
	if (!g->print_source)
		return 0;
	for (size_t i = 0; i < g->n_articles; i++)
		if (g->articles[i].page)
			return 1;
	return 0;
}

/* The page label of section s in print: its first article's. 0 when unknown. */
static size_t epub_dg_section_page(const struct epub_digest *g, size_t s)
{
	for (size_t i = 0; i < g->n_articles; i++)
		if (g->articles[i].section == (int)s)
			return g->articles[i].page;
	return 0;
}

static void epub_dg_section_file(size_t s, char *out, size_t n)
{
	snprintf(out, n, "s%02zu.xhtml", s + 1);
}

/* Adds the name name[0..n) ((size_t)-1: to its end) with a role code (each once), keeping the
   order of first appearance. */
static enum err epub_dg_credit_n(struct epub_dg *b, const char *name, size_t n, const char *code,
				 int creator)
{
	if (!name)
		return ERR_OK;
	if (n == (size_t)-1)
		n = strlen(name);
	if (!n)
		return ERR_OK;
	size_t i = 0;
	while (i < b->n_people &&
	       (strlen(b->people[i].name) != n || memcmp(b->people[i].name, name, n)))
		i++;
	if (i == b->n_people) {
		void *p = realloc(b->people, (b->n_people + 1) * sizeof *b->people);
		if (!p)
			return ERR_NOMEM;
		b->people = p;
		memset(&b->people[i], 0, sizeof *b->people);
		if (name[n]) {
			if (!(b->people[i].own = strndup(name, n)))
				return ERR_NOMEM;
			b->people[i].name = b->people[i].own;
		} else {
			b->people[i].name = name;
		}
		b->n_people++;
	}
	struct epub_dg_person *pp = &b->people[i];
	for (int k = 0; k < pp->n_codes; k++)
		if (!strcmp(pp->codes[k], code))
			return ERR_OK;
	if (pp->n_codes < EPUB_DG_MAX_ROLES)
		pp->codes[pp->n_codes++] = code;
	pp->creator |= creator;
	return ERR_OK;
}

static enum err epub_dg_credit(struct epub_dg *b, const char *name, const char *code, int creator)
{
	return epub_dg_credit_n(b, name, (size_t)-1, code, creator);
}

/* A credit value naming one or more people (叶景丽, 张三、李四, 张三 李四, 张三/李四): each name. */
static enum err epub_dg_credit_names(struct epub_dg *b, const char *v, const char *code)
{
	static const char *const seps[] = {"、", "，", "；", "／", "　", ",", ";", "/", " "};
	enum err e = ERR_OK;
	for (size_t i = 0, start = 0; !e;) {
		size_t sl = 0;
		for (size_t k = 0; v[i] && !sl && k < sizeof seps / sizeof *seps; k++)
			if (!strncmp(v + i, seps[k], strlen(seps[k])))
				sl = strlen(seps[k]);
		if (!v[i] || sl) {
			e = epub_dg_credit_n(b, v + start, i - start, code, 0);
			if (!v[i])
				break;
			start = i += sl;
		} else {
			i++;
		}
	}
	return e;
}

/* Every article's byline people and editor, then the manifest's 主编 / 责编 credits. */
static enum err epub_dg_people(struct epub_dg *b)
{
	const struct epub_digest *g = b->g;
	enum err e = ERR_OK;
	for (size_t a = 0; !e && a < g->n_articles; a++) {
		const struct doc *doc = g->articles[a].doc;
		for (size_t i = 0; !e && i < doc->n_byline; i++) {
			const struct doc_credit *cr = &doc->byline[i];
			int creator;
			const char *code = epub_marc(cr->role, &creator);
			for (size_t k = 0; !e && k < cr->n_names; k++)
				e = epub_dg_credit(b, cr->names[k], code, creator);
		}
		size_t en = wording_editor_name(doc->editor.text);
		if (!e && en)
			e = epub_dg_credit_n(b, doc->editor.text, en, "edt", 0);
	}
	for (size_t i = 0; !e && i < g->n_credits; i++) {
		const char *k = g->credits[i].key, *code = NULL;
		if (strstr(k, "主编"))
			code = "edc";
		else if (strstr(k, "责编") || strstr(k, "编辑"))
			code = "edt";
		if (code && g->credits[i].value)
			e = epub_dg_credit_names(b, g->credits[i].value, code);
	}
	return e;
}

/* urn:uuid (version 8) from the 刊名 and the 期号 (the date when there is none). */
static void epub_dg_uid(struct epub_dg *b)
{
	const struct epub_digest *g = b->g;
	const char *which = g->issue ? g->issue : g->date;
	uint64_t a = epub_fnv(epub_fnv(0xcbf29ce484222325ULL, "digest\x1f"), g->title);
	a = epub_fnv(epub_fnv(a, "\x1f"), which);
	uint64_t c = epub_fnv(epub_fnv(0x84222325cbf29ce4ULL, which), "\x1e");
	c = epub_fnv(epub_fnv(c, g->title), "\x1e" "digest");
	a = (a & ~0xf000ULL) | 0x8000ULL;
	c = (c & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
	snprintf(b->x.uid, sizeof b->x.uid, "urn:uuid:%08x-%04x-%04x-%04x-%012llx", (unsigned)(a >> 32),
		 (unsigned)((a >> 16) & 0xffff), (unsigned)(a & 0xffff), (unsigned)(c >> 48),
		 (unsigned long long)(c & 0xffffffffffffULL));
}

/* dc:title: 刊名 and 期号 as the PDF's title. */
static void epub_dg_title(const struct epub_digest *g, struct buf *t)
{
	buf_puts(t, g->title);
	if (g->issue)
		buf_printf(t, " %s", g->issue);
}

static void epub_dg_opf(struct epub *x, xmlTextWriterPtr w)
{
	struct epub_dg *b = epub_dg_of(x);
	const struct epub_digest *g = b->g;
	int pages = epub_dg_has_pages(g), images = b->cover_name[0] != 0;
	struct buf t;
	buf_init(&t);
	epub_dg_title(g, &t);
	W(x, xmlTextWriterStartElement(w, BX("package")));
	epub_attr(x, w, "xmlns", "http://www.idpf.org/2007/opf");
	epub_attr(x, w, "version", "3.0");
	epub_attr(x, w, "xml:lang", x->lang);
	epub_attr(x, w, "unique-identifier", "uid");
	W(x, xmlTextWriterStartElement(w, BX("metadata")));
	epub_attr(x, w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	W(x, xmlTextWriterStartElement(w, BX("dc:identifier")));
	epub_attr(x, w, "id", "uid");
	epub_text(x, w, x->uid);
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterStartElement(w, BX("dc:title")));
	epub_attr(x, w, "id", "title");
	epub_text(x, w, buf_cstr(&t));
	W(x, xmlTextWriterEndElement(w));
	epub_elem(x, w, "dc:language", x->lang);
	for (size_t i = 0; i < g->n_articles; i++) { /* the other languages of its articles, once */
		const char *l = epub_lang(g->articles[i].doc);
		size_t j = 0;
		while (j < i && strcmp(epub_lang(g->articles[j].doc), l))
			j++;
		if (j == i && strcmp(l, x->lang))
			epub_elem(x, w, "dc:language", l);
	}
	/* creators first, then contributors, each in order of first appearance */
	int n = 0;
	for (int pass = 1, seq = 0; pass >= 0; pass--, seq = 0)
		for (size_t i = 0; i < b->n_people; i++) {
			const struct epub_dg_person *pp = &b->people[i];
			if (pp->creator != pass)
				continue;
			char id[16], ref[18], num[16];
			snprintf(id, sizeof id, "p%d", ++n);
			snprintf(ref, sizeof ref, "#%s", id);
			snprintf(num, sizeof num, "%d", ++seq);
			W(x, xmlTextWriterStartElement(w, BX(pass ? "dc:creator" : "dc:contributor")));
			epub_attr(x, w, "id", id);
			epub_text(x, w, pp->name);
			W(x, xmlTextWriterEndElement(w));
			for (int k = 0; k < pp->n_codes; k++)
				epub_meta(x, w, ref, "role", "marc:relators", pp->codes[k]);
			epub_meta(x, w, ref, "display-seq", NULL, num);
		}
	if (g->publisher && *g->publisher)
		epub_elem(x, w, "dc:publisher", g->publisher);
	char date[16];
	epub_date(g->date, date, sizeof date);
	if (*date)
		epub_elem(x, w, "dc:date", date);
	for (size_t a = 0; a < g->n_articles; a++) { /* every keyword once, in order */
		const struct doc *doc = g->articles[a].doc;
		for (size_t i = 0; i < doc->n_keywords; i++) {
			const char *k = doc->keywords[i].text;
			int seen = !*k;
			for (size_t a2 = 0; !seen && a2 <= a; a2++) {
				const struct doc *d2 = g->articles[a2].doc;
				size_t end = a2 == a ? i : d2->n_keywords;
				for (size_t i2 = 0; !seen && i2 < end; i2++)
					seen = !strcmp(d2->keywords[i2].text, k);
			}
			if (!seen)
				epub_elem(x, w, "dc:subject", k);
		}
	}
	if (pages) { /* the print edition the page-list follows */
		W(x, xmlTextWriterStartElement(w, BX("dc:source")));
		epub_attr(x, w, "id", "src");
		epub_text(x, w, g->print_source);
		W(x, xmlTextWriterEndElement(w));
		epub_meta(x, w, "#src", "source-of", NULL, "pagination");
	}
	/* the periodical: 刊名 as a series, the issue's number as the position in it */
	W(x, xmlTextWriterStartElement(w, BX("meta")));
	epub_attr(x, w, "property", "belongs-to-collection");
	epub_attr(x, w, "id", "series");
	epub_text(x, w, g->title);
	W(x, xmlTextWriterEndElement(w));
	epub_meta(x, w, "#series", "collection-type", NULL, "series");
	if (g->issue_number >= 0) {
		char num[24];
		snprintf(num, sizeof num, "%ld", g->issue_number);
		epub_meta(x, w, "#series", "group-position", NULL, num);
	}
	epub_meta(x, w, NULL, "dcterms:modified", NULL, x->modified);
	for (size_t i = 0; i < g->n_articles && !images; i++)
		images = b->parts[i].n_imgs > 0;
	epub_meta(x, w, NULL, "schema:accessMode", NULL, "textual");
	if (images)
		epub_meta(x, w, NULL, "schema:accessMode", NULL, "visual");
	epub_meta(x, w, NULL, "schema:accessModeSufficient", NULL, "textual");
	epub_meta(x, w, NULL, "schema:accessibilityFeature", NULL, "structuralNavigation");
	epub_meta(x, w, NULL, "schema:accessibilityFeature", NULL, "tableOfContents");
	if (pages)
		epub_meta(x, w, NULL, "schema:accessibilityFeature", NULL, "pageNavigation");
	epub_meta(x, w, NULL, "schema:accessibilityHazard", NULL, "none");
	epub_meta(x, w, NULL, "schema:accessibilitySummary", NULL,
		  "正文为可重排文本，栏目、文章与小标题可导航。");
	W(x, xmlTextWriterEndElement(w)); /* metadata */
	W(x, xmlTextWriterStartElement(w, BX("manifest")));
	epub_item(x, w, "cover", "cover.xhtml", "application/xhtml+xml", NULL);
	if (b->cover_name[0])
		epub_item(x, w, "cover-image", b->cover_name, b->cover_mime, "cover-image");
	epub_item(x, w, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	epub_item(x, w, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	epub_item(x, w, "css", "style.css", "text/css", NULL);
	int sec = -2;
	for (size_t i = 0; i < g->n_articles; i++) {
		const struct epub_digest_article *ar = &g->articles[i];
		char id[32], file[32];
		if (ar->section != sec && ar->section >= 0 && g->sections[ar->section]) {
			epub_dg_section_file((size_t)ar->section, file, sizeof file);
			snprintf(id, sizeof id, "s%02d", ar->section + 1);
			epub_item(x, w, id, file, "application/xhtml+xml", NULL);
		}
		sec = ar->section;
		snprintf(id, sizeof id, "%.*s", (int)strcspn(b->files[i], "."), b->files[i]);
		epub_item(x, w, id, b->files[i], "application/xhtml+xml", NULL);
		for (size_t k = 0; k < b->parts[i].n_imgs; k++) {
			snprintf(id, sizeof id, "%.*s-img%zu", (int)strcspn(b->files[i], "."), b->files[i], k + 1);
			epub_item(x, w, id, b->parts[i].imgs[k].name, b->parts[i].imgs[k].mime, NULL);
		}
	}
	if (b->closing)
		epub_item(x, w, "closing", "closing.xhtml", "application/xhtml+xml", NULL);
	epub_font_items(x, w);
	W(x, xmlTextWriterEndElement(w)); /* manifest */
	W(x, xmlTextWriterStartElement(w, BX("spine")));
	epub_attr(x, w, "toc", "ncx");
	if (x->o->vertical)
		epub_attr(x, w, "page-progression-direction", "rtl");
	const char *order[] = {"cover", "nav"};
	for (size_t i = 0; i < 2; i++) {
		W(x, xmlTextWriterStartElement(w, BX("itemref")));
		epub_attr(x, w, "idref", order[i]);
		W(x, xmlTextWriterEndElement(w));
	}
	sec = -2;
	for (size_t i = 0; i < g->n_articles; i++) {
		const struct epub_digest_article *ar = &g->articles[i];
		char id[32];
		if (ar->section != sec && ar->section >= 0 && g->sections[ar->section]) {
			snprintf(id, sizeof id, "s%02d", ar->section + 1);
			W(x, xmlTextWriterStartElement(w, BX("itemref")));
			epub_attr(x, w, "idref", id);
			W(x, xmlTextWriterEndElement(w));
		}
		sec = ar->section;
		snprintf(id, sizeof id, "%.*s", (int)strcspn(b->files[i], "."), b->files[i]);
		W(x, xmlTextWriterStartElement(w, BX("itemref")));
		epub_attr(x, w, "idref", id);
		W(x, xmlTextWriterEndElement(w));
	}
	if (b->closing) {
		W(x, xmlTextWriterStartElement(w, BX("itemref")));
		epub_attr(x, w, "idref", "closing");
		W(x, xmlTextWriterEndElement(w));
	}
	W(x, xmlTextWriterEndElement(w)); /* spine */
	W(x, xmlTextWriterEndElement(w)); /* package */
	if (t.oom)
		x->bad = 1;
	buf_free(&t);
}

/* ---- the digest's navigation ---- */

/* Opens one entry: <li><a href>text</a> (nav) or <navPoint> with its label and content (ncx);
   the caller closes it. */
static void epub_dg_entry(struct epub *x, xmlTextWriterPtr w, int ncx, int *order, const char *href,
			  const char *text)
{
	if (ncx) {
		char id[24], num[16];
		snprintf(id, sizeof id, "n%d", ++*order);
		snprintf(num, sizeof num, "%d", *order);
		W(x, xmlTextWriterStartElement(w, BX("navPoint")));
		epub_attr(x, w, "id", id);
		epub_attr(x, w, "playOrder", num);
		W(x, xmlTextWriterStartElement(w, BX("navLabel")));
		epub_elem(x, w, "text", text);
		W(x, xmlTextWriterEndElement(w));
		W(x, xmlTextWriterStartElement(w, BX("content")));
		epub_attr(x, w, "src", href);
		W(x, xmlTextWriterEndElement(w));
	} else {
		W(x, xmlTextWriterStartElement(w, BX("li")));
		W(x, xmlTextWriterStartElement(w, BX("a")));
		epub_attr(x, w, "href", href);
		epub_text(x, w, text);
		W(x, xmlTextWriterEndElement(w));
	}
}

/* Article i with its subheads. Returns the depth it adds. */
static int epub_dg_nav_article(struct epub_dg *b, xmlTextWriterPtr w, size_t i, int ncx, int *order)
{
	struct epub *p = &b->parts[i];
	epub_dg_entry(&b->x, w, ncx, order, b->files[i], b->g->articles[i].title);
	int depth = 1;
	if (p->n_heads) {
		size_t k = 0;
		depth += epub_nav_list(p, w, &k, epub_min_level(p), ncx, order);
		if (p->bad)
			b->x.bad = 1;
	}
	W(&b->x, xmlTextWriterEndElement(w));
	return depth;
}

/* The 目录 (nav) or navMap (ncx): the 编者按, sections -> articles -> subheads (articles of an
   untitled section at the top), the 版记. Returns the depth. */
static int epub_dg_navmap(struct epub_dg *b, xmlTextWriterPtr w, int ncx, int *order)
{
	struct epub *x = &b->x;
	const struct epub_digest *g = b->g;
	int depth = 1;
	if (!ncx)
		W(x, xmlTextWriterStartElement(w, BX("ol")));
	for (size_t i = 0; i < g->n_articles;) {
		int s = g->articles[i].section, d = 0;
		if (s >= 0 && g->sections[s]) {
			char file[32];
			epub_dg_section_file((size_t)s, file, sizeof file);
			epub_dg_entry(x, w, ncx, order, file, g->sections[s]);
			if (!ncx)
				W(x, xmlTextWriterStartElement(w, BX("ol")));
			for (; i < g->n_articles && g->articles[i].section == s; i++) {
				int a = epub_dg_nav_article(b, w, i, ncx, order);
				d = a > d ? a : d;
			}
			if (!ncx)
				W(x, xmlTextWriterEndElement(w)); /* ol */
			W(x, xmlTextWriterEndElement(w));         /* li or navPoint */
			d++;
		} else
			d = epub_dg_nav_article(b, w, i++, ncx, order);
		depth = d > depth ? d : depth;
	}
	if (b->closing) {
		epub_dg_entry(x, w, ncx, order, "closing.xhtml", "版记");
		W(x, xmlTextWriterEndElement(w));
	}
	if (!ncx)
		W(x, xmlTextWriterEndElement(w));
	return depth;
}

/* The first file of the body: the 编者按, a section's title page or the first article. */
static void epub_dg_first(const struct epub_dg *b, char *out, size_t n)
{
	const struct epub_digest_article *ar = &b->g->articles[0];
	if (ar->section >= 0 && b->g->sections[ar->section])
		epub_dg_section_file((size_t)ar->section, out, n);
	else
		snprintf(out, n, "%s", b->files[0]);
}

static void epub_dg_page_entry(struct epub *x, xmlTextWriterPtr w, const char *href, size_t page)
{
	char num[24];
	snprintf(num, sizeof num, "%zu", page);
	W(x, xmlTextWriterStartElement(w, BX("li")));
	W(x, xmlTextWriterStartElement(w, BX("a")));
	epub_attr(x, w, "href", href);
	epub_text(x, w, num);
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterEndElement(w));
}

static void epub_dg_nav(struct epub *x, xmlTextWriterPtr w)
{
	struct epub_dg *b = epub_dg_of(x);
	const struct epub_digest *g = b->g;
	epub_html_open(x, w, "目录", 1);
	W(x, xmlTextWriterStartElement(w, BX("body")));
	W(x, xmlTextWriterStartElement(w, BX("nav")));
	epub_attr(x, w, "epub:type", "toc");
	epub_attr(x, w, "id", "toc");
	epub_attr(x, w, "role", "doc-toc");
	epub_elem(x, w, "h1", "目录");
	int order = 0;
	epub_dg_navmap(b, w, 0, &order);
	W(x, xmlTextWriterEndElement(w)); /* nav */
	if (epub_dg_has_pages(g)) {
		/* each section and article at its page in the print edition of the same run */
		W(x, xmlTextWriterStartElement(w, BX("nav")));
		epub_attr(x, w, "epub:type", "page-list");
		epub_attr(x, w, "id", "page-list");
		epub_attr(x, w, "role", "doc-pagelist");
		epub_attr(x, w, "aria-label", "印刷版页码");
		epub_attr(x, w, "hidden", "hidden");
		W(x, xmlTextWriterStartElement(w, BX("ol")));
		int sec = -2;
		for (size_t i = 0; i < g->n_articles; i++) {
			const struct epub_digest_article *ar = &g->articles[i];
			if (ar->section != sec && ar->section >= 0 && g->sections[ar->section] &&
			    epub_dg_section_page(g, (size_t)ar->section)) {
				char file[32];
				epub_dg_section_file((size_t)ar->section, file, sizeof file);
				epub_dg_page_entry(x, w, file, epub_dg_section_page(g, (size_t)ar->section));
			}
			sec = ar->section;
			if (ar->page)
				epub_dg_page_entry(x, w, b->files[i], ar->page);
		}
		W(x, xmlTextWriterEndElement(w)); /* ol */
		W(x, xmlTextWriterEndElement(w)); /* nav */
	}
	W(x, xmlTextWriterStartElement(w, BX("nav")));
	epub_attr(x, w, "epub:type", "landmarks");
	epub_attr(x, w, "id", "landmarks");
	epub_attr(x, w, "hidden", "hidden");
	epub_elem(x, w, "h2", "导览");
	W(x, xmlTextWriterStartElement(w, BX("ol")));
	char first[32];
	epub_dg_first(b, first, sizeof first);
	const char *const lm[][3] = {{"cover", "cover.xhtml", "封面"},
				     {"toc", "nav.xhtml#toc", "目录"},
				     {"bodymatter", first, "正文"}};
	for (size_t k = 0; k < 3; k++) {
		W(x, xmlTextWriterStartElement(w, BX("li")));
		W(x, xmlTextWriterStartElement(w, BX("a")));
		epub_attr(x, w, "epub:type", lm[k][0]);
		epub_attr(x, w, "href", lm[k][1]);
		epub_text(x, w, lm[k][2]);
		W(x, xmlTextWriterEndElement(w));
		W(x, xmlTextWriterEndElement(w));
	}
	W(x, xmlTextWriterEndElement(w)); /* ol */
	W(x, xmlTextWriterEndElement(w)); /* nav */
	W(x, xmlTextWriterEndElement(w)); /* body */
	W(x, xmlTextWriterEndElement(w)); /* html */
}

static void epub_dg_ncx(struct epub *x, xmlTextWriterPtr w)
{
	struct epub_dg *b = epub_dg_of(x);
	int order = 0, depth = 1;
	/* the depth, measured on a throwaway writer so that the head can state it first */
	xmlBufferPtr tb = xmlBufferCreate();
	xmlTextWriterPtr tw = tb ? xmlNewTextWriterMemory(tb, 0) : NULL;
	if (tw)
		depth = epub_dg_navmap(b, tw, 1, &order);
	else
		x->bad = 1;
	xmlFreeTextWriter(tw);
	xmlBufferFree(tb);
	char num[16];
	snprintf(num, sizeof num, "%d", depth);
	struct buf t;
	buf_init(&t);
	epub_dg_title(b->g, &t);
	W(x, xmlTextWriterStartElement(w, BX("ncx")));
	epub_attr(x, w, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	epub_attr(x, w, "version", "2005-1");
	epub_attr(x, w, "xml:lang", x->lang);
	W(x, xmlTextWriterStartElement(w, BX("head")));
	epub_ncx_meta(x, w, "dtb:uid", x->uid);
	epub_ncx_meta(x, w, "dtb:depth", num);
	epub_ncx_meta(x, w, "dtb:totalPageCount", "0");
	epub_ncx_meta(x, w, "dtb:maxPageNumber", "0");
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterStartElement(w, BX("docTitle")));
	epub_elem(x, w, "text", buf_cstr(&t));
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterStartElement(w, BX("navMap")));
	order = 0;
	epub_dg_navmap(b, w, 1, &order);
	W(x, xmlTextWriterEndElement(w)); /* navMap */
	W(x, xmlTextWriterEndElement(w)); /* ncx */
	if (t.oom)
		x->bad = 1;
	buf_free(&t);
}

/* ---- the digest's own pages ---- */

/* The cover: the masthead (刊名, 期号 and 总期号, publisher and date), then the cover image. */
static void epub_dg_cover(struct epub *x, xmlTextWriterPtr w)
{
	struct epub_dg *b = epub_dg_of(x);
	const struct epub_digest *g = b->g;
	struct buf t;
	buf_init(&t);
	epub_dg_title(g, &t);
	epub_html_open(x, w, buf_cstr(&t), 1);
	W(x, xmlTextWriterStartElement(w, BX("body")));
	W(x, xmlTextWriterStartElement(w, BX("section")));
	epub_attr(x, w, "epub:type", "cover");
	epub_attr(x, w, "class", "cover");
	epub_attr(x, w, "aria-label", "封面");
	W(x, xmlTextWriterStartElement(w, BX("header")));
	W(x, xmlTextWriterStartElement(w, BX("h1")));
	epub_attr(x, w, "class", "masthead");
	epub_text(x, w, g->title);
	W(x, xmlTextWriterEndElement(w));
	buf_reset(&t);
	if (g->issue)
		buf_puts(&t, g->issue);
	if (g->volume)
		buf_printf(&t, "%s%s", t.len ? "　" : "", g->volume);
	if (t.len)
		epub_para(x, w, "issue", buf_cstr(&t));
	buf_reset(&t);
	if (g->publisher)
		buf_puts(&t, g->publisher);
	if (g->date_printed)
		buf_printf(&t, "%s%s", t.len ? "　" : "", g->date_printed);
	if (t.len)
		epub_para(x, w, "imprint", buf_cstr(&t));
	W(x, xmlTextWriterEndElement(w)); /* header */
	if (b->cover_name[0]) {
		buf_reset(&t);
		epub_dg_title(g, &t);
		buf_puts(&t, " 封面");
		W(x, xmlTextWriterStartElement(w, BX("img")));
		epub_attr(x, w, "src", b->cover_name);
		epub_attr(x, w, "alt", buf_cstr(&t));
		epub_attr(x, w, "role", "doc-cover");
		W(x, xmlTextWriterEndElement(w));
	}
	W(x, xmlTextWriterEndElement(w)); /* section */
	W(x, xmlTextWriterEndElement(w)); /* body */
	W(x, xmlTextWriterEndElement(w)); /* html */
	if (t.oom)
		x->bad = 1;
	buf_free(&t);
}

/* A section's title page (b->cur). */
static void epub_dg_part(struct epub *x, xmlTextWriterPtr w)
{
	struct epub_dg *b = epub_dg_of(x);
	const char *name = b->g->sections[b->cur];
	x->vpage = x->o->vertical;
	epub_html_open(x, w, name, 1);
	W(x, xmlTextWriterStartElement(w, BX("body")));
	W(x, xmlTextWriterStartElement(w, BX("section")));
	epub_attr(x, w, "epub:type", "bodymatter part");
	epub_attr(x, w, "role", "doc-part");
	epub_attr(x, w, "class", "part");
	epub_attr(x, w, "aria-labelledby", "title");
	W(x, xmlTextWriterStartElement(w, BX("h1")));
	epub_attr(x, w, "id", "title");
	epub_text(x, w, name);
	W(x, xmlTextWriterEndElement(w));
	W(x, xmlTextWriterEndElement(w)); /* section */
	W(x, xmlTextWriterEndElement(w)); /* body */
	W(x, xmlTextWriterEndElement(w)); /* html */
	x->vpage = 0;
}

/* The 版记, worded as print words it: 报送：…。 lines, the credits, （共印N份）, the publisher
   and the 印发 date. */
static void epub_dg_closing(struct epub *x, xmlTextWriterPtr w)
{
	struct epub_dg *b = epub_dg_of(x);
	const struct epub_digest *g = b->g;
	struct buf t;
	buf_init(&t);
	x->vpage = x->o->vertical;
	epub_html_open(x, w, "版记", 1);
	W(x, xmlTextWriterStartElement(w, BX("body")));
	W(x, xmlTextWriterStartElement(w, BX("section")));
	epub_attr(x, w, "epub:type", "backmatter");
	epub_attr(x, w, "class", "closing");
	epub_attr(x, w, "aria-labelledby", "title");
	W(x, xmlTextWriterStartElement(w, BX("h1")));
	epub_attr(x, w, "id", "title");
	epub_text(x, w, "版记");
	W(x, xmlTextWriterEndElement(w));
	for (size_t i = 0; i < g->n_distribution; i++) {
		buf_reset(&t);
		buf_printf(&t, "%s：%s", g->distribution[i].key, g->distribution[i].value);
		if (t.len < 3 || strcmp(buf_cstr(&t) + t.len - 3, "。"))
			buf_puts(&t, "。");
		epub_para(x, w, "distribution", buf_cstr(&t));
	}
	buf_reset(&t);
	for (size_t i = 0; i < g->n_credits; i++)
		buf_printf(&t, "%s%s：%s", i ? "　" : "", g->credits[i].key, g->credits[i].value);
	if (t.len)
		epub_para(x, w, "credits", buf_cstr(&t));
	if (g->copies > 0) {
		buf_reset(&t);
		buf_printf(&t, "（共印%ld份）", g->copies);
		epub_para(x, w, "copies", buf_cstr(&t));
	}
	buf_reset(&t);
	if (g->publisher)
		buf_puts(&t, g->publisher);
	if (g->date_printed)
		buf_printf(&t, "%s%s印发", t.len ? "　" : "", g->date_printed);
	if (t.len)
		epub_para(x, w, "issued", buf_cstr(&t));
	W(x, xmlTextWriterEndElement(w)); /* section */
	W(x, xmlTextWriterEndElement(w)); /* body */
	W(x, xmlTextWriterEndElement(w)); /* html */
	x->vpage = 0;
	if (t.oom)
		x->bad = 1;
	buf_free(&t);
}

/* The rules the digest's own pages add to the article stylesheet. */
static void epub_dg_css(const struct style *st, struct buf *b)
{
	unsigned mc = st ? st->digest.masthead_color : 0, rc = st ? st->digest.rule_color : 0;
	buf_printf(b, "section.cover { text-align: center; padding-top: 2em; }\n"
		      "section.cover header { border-bottom: 3px solid #%06x; padding-bottom: 0.5em; }\n"
		      "h1.masthead { font-size: 2.4em; text-align: center; color: #%06x; margin: 0 0 0.5em 0; }\n"
		      "p.issue, p.imprint { text-indent: 0; text-align: center; }\n"
		      "section.cover img { max-width: 100%%; height: auto; margin-top: 1em; }\n"
		      "section.part h1 { font-size: 1.6em; text-align: center; margin-top: 30%%; }\n"
		      "section.closing { margin-top: 2em; border-top: 2px solid #%06x; border-bottom: 2px solid #%06x; }\n"
		      "section.closing h1 { font-size: 1em; text-align: left; }\n"
		      "section.closing p { text-indent: 0; margin: 0.3em 1em; }\n"
		      "p.copies { text-align: right; }\n",
		   rc & 0xffffffu, mc & 0xffffffu, rc & 0xffffffu, rc & 0xffffffu);
}

/* 竖排 (--vertical): html.vrtl pages run top to bottom, right to left (the 目录 and a
   digest's cover stay hltr); spacing the horizontal rules put above and below a block goes
   right and left of it, insets on the left go on top; 縦中横 spans. Written after the other
   rules (html.vrtl selectors win by specificity in any order). */
static void epub_css_vertical(const struct style *st, struct buf *b)
{
	float body = st && st->text[STYLE_BODY].size > 0 ? st->text[STYLE_BODY].size : 10.5f;
	buf_puts(b, "html.vrtl { -epub-writing-mode: vertical-rl; -webkit-writing-mode: vertical-rl;\n"
		    "  writing-mode: vertical-rl; }\n"
		    "span.tcy { -epub-text-combine: horizontal; -webkit-text-combine: horizontal;\n"
		    "  text-combine-upright: all; }\n"
		    "html.vrtl header { margin: 0 0 0 1em; }\n"
		    "html.vrtl footer { margin: 0 1em 0 0; }\n"
		    "html.vrtl figure { margin: 0 1em; }\n"
		    "html.vrtl figure img { max-width: 100%; max-height: 100%; width: auto; height: auto; }\n");
	if (!st)
		return;
	static const struct {
		const char *sel;
		enum style_class k;
	} cls[] = {{"html.vrtl h1", STYLE_TITLE}, {"html.vrtl p.subtitle", STYLE_SUBTITLE},
		   {"html.vrtl h2, html.vrtl h3, html.vrtl h4, html.vrtl h5, html.vrtl h6", STYLE_HEADING},
		   {"html.vrtl h2", STYLE_HEADING2}, {"html.vrtl h3", STYLE_HEADING3},
		   {"html.vrtl h4, html.vrtl h5, html.vrtl h6", STYLE_HEADING4},
		   {"html.vrtl p.dateline", STYLE_DATELINE}, {"html.vrtl p.byline", STYLE_BYLINE},
		   {"html.vrtl p.keywords, html.vrtl p.editor", STYLE_META}};
	for (size_t i = 0; i < sizeof cls / sizeof *cls; i++) {
		const struct style_text *t = &st->text[cls[i].k];
		if (cls[i].k >= STYLE_HEADING2 && cls[i].k <= STYLE_HEADING4 &&
		    style_heading_class(st, cls[i].k - STYLE_HEADING2 + 2) == STYLE_HEADING)
			continue; /* the level takes the rule of all subheads */
		buf_printf(b, "%s { margin: 0 %.2fem 0 %.2fem; }\n", cls[i].sel, t->space_before / body,
			   t->space_after / body);
	}
	const struct style_text *q = &st->text[STYLE_QUOTE], *l = &st->text[STYLE_LIST],
				*c = &st->text[STYLE_CODE], *t = &st->text[STYLE_TABLE];
	buf_printf(b, "html.vrtl ol, html.vrtl ul { padding: %.2fem 0 0 0; }\n"
		      "html.vrtl blockquote { margin: %.2fem %.2fem %.2fem %.2fem; }\n"
		      "html.vrtl pre { margin: %.2fem %.2fem 0 %.2fem; }\n"
		      "html.vrtl table { margin: auto %.2fem auto %.2fem; }\n",
		   l->margin_left / body, q->margin_left / body, q->space_before / body,
		   q->margin_right / body, q->space_after / body, c->margin_left / body,
		   c->space_before / body, c->space_after / body, t->space_before / body,
		   t->space_after / body);
}

/* The digest's own pages in 竖排: what runs down a horizontal page runs leftwards. */
static void epub_dg_css_vertical(const struct style *st, struct buf *b)
{
	unsigned rc = st ? st->digest.rule_color : 0;
	buf_printf(b, "html.vrtl section.part h1 { margin: 0 30%% 0 0; }\n"
		      "html.vrtl section.closing { margin: 0 2em 0 0; border-top: none; border-bottom: none;\n"
		      "  border-right: 2px solid #%06x; border-left: 2px solid #%06x; }\n"
		      "html.vrtl section.closing p { margin: 1em 0.3em; }\n",
		   rc & 0xffffffu, rc & 0xffffffu);
}

/* ---- the digest's container ---- */

static enum err epub_dg_zip(struct epub_dg *b, void **data, size_t *len, struct diag *d)
{
	struct epub *x = &b->x;
	const struct epub_digest *g = b->g;
	zip_source_t *src;
	enum err e = epub_zip_open(x, &src, d);
	if (e)
		return e;
	const struct doc **docs = calloc(g->n_articles ? g->n_articles : 1, sizeof *docs);
	e = docs ? ERR_OK : ERR_NOMEM;
	for (size_t i = 0; !e && i < g->n_articles; i++)
		docs[i] = g->articles[i].doc;
	if (!e)
		e = epub_fonts_plan(x, docs, g->n_articles, d);
	free(docs);
	if (!e)
		e = epub_add_xml(x, "OEBPS/content.opf", epub_dg_opf, d);
	if (!e)
		e = epub_add_xml(x, "OEBPS/cover.xhtml", epub_dg_cover, d);
	if (!e)
		e = epub_add_xml(x, "OEBPS/nav.xhtml", epub_dg_nav, d);
	if (!e)
		e = epub_add_xml(x, "OEBPS/toc.ncx", epub_dg_ncx, d);
	int sec = -2;
	for (size_t i = 0; !e && i < g->n_articles; i++) {
		const struct epub_digest_article *ar = &g->articles[i];
		char name[48];
		if (ar->section != sec && ar->section >= 0 && g->sections[ar->section]) {
			char file[32];
			b->cur = (size_t)ar->section;
			epub_dg_section_file(b->cur, file, sizeof file);
			snprintf(name, sizeof name, "OEBPS/%s", file);
			if ((e = epub_add_xml(x, name, epub_dg_part, d)))
				break;
		}
		sec = ar->section;
		struct epub *p = &b->parts[i];
		p->z = x->z;
		p->mtime = x->mtime;
		p->fonts = x->fonts;
		snprintf(name, sizeof name, "OEBPS/%s", b->files[i]);
		e = epub_add_xml(p, name, epub_article, d);
		if (!e)
			e = epub_add_images(p, d);
		p->z = NULL;
	}
	if (!e && b->closing)
		e = epub_add_xml(x, "OEBPS/closing.xhtml", epub_dg_closing, d);
	if (!e) {
		struct buf css;
		buf_init(&css);
		epub_css(x->o->style, &css);
		epub_dg_css(x->o->style, &css);
		if (x->o->vertical) {
			epub_css_vertical(x->o->style, &css);
			epub_dg_css_vertical(x->o->style, &css);
		}
		epub_css_fonts(x, &css);
		e = css.oom ? ERR_NOMEM : epub_add(x, "OEBPS/style.css", css.p, css.len, 0, d);
		buf_free(&css);
	}
	if (!e && b->cover_name[0]) {
		struct buf img;
		char why[256], name[48];
		buf_init(&img);
		e = file_read_regular(b->cover_path, IMAGE_MAX_BYTES, &img, why, sizeof why);
		if (e && e != ERR_NOMEM)
			diag_msg(d, DIAG_ERROR, "cannot read the cover %s: %s", b->cover_path, why);
		snprintf(name, sizeof name, "OEBPS/%s", b->cover_name);
		if (!e)
			e = epub_add(x, name, img.p, img.len, 0, d);
		buf_free(&img);
	}
	if (!e)
		e = epub_fonts_add(x, d);
	return epub_zip_finish(x, src, e, data, len, d);
}

/* The book's language: the one most of its articles have (the first such in order). */
static const char *epub_dg_lang(const struct epub_digest *g)
{
	const char *best = "zh-CN";
	size_t best_n = 0;
	for (size_t i = 0; i < g->n_articles; i++) {
		const char *l = epub_lang(g->articles[i].doc);
		size_t n = 0;
		for (size_t j = 0; j < g->n_articles; j++)
			n += !strcmp(epub_lang(g->articles[j].doc), l);
		if (n > best_n) {
			best = l;
			best_n = n;
		}
	}
	return best;
}

enum err epub_digest_build(const struct epub_digest *g, const struct epub_opts *o, const char *out,
			   void **data, size_t *len, struct diag *d)
{
	struct epub_dg b;
	memset(&b, 0, sizeof b);
	b.g = g;
	b.x.o = o;
	b.x.d = d;
	b.x.lang = epub_dg_lang(g);
	epub_dg_uid(&b);
	time_t now = o->epoch >= 0 ? (time_t)o->epoch : time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(b.x.modified, sizeof b.x.modified, "%Y-%m-%dT%H:%M:%SZ", &tm);
	b.x.mtime = epub_zip_time(o->epoch >= EPUB_ZIP_TIME ? (time_t)o->epoch : (time_t)EPUB_ZIP_TIME);
	b.closing = g->n_distribution || g->n_credits || g->copies > 0 || g->publisher || g->date_printed;
	*data = NULL;
	*len = 0;
	enum err e = g->n_articles ? ERR_OK : ERR_USAGE;
	size_t n = g->n_articles ? g->n_articles : 1;
	b.parts = calloc(n, sizeof *b.parts);
	b.files = calloc(n, sizeof *b.files);
	char (*prefix)[16] = calloc(n, sizeof *prefix);
	if (!b.parts || !b.files || !prefix)
		e = ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; !e && i < g->n_articles; i++) {
		struct epub *p = &b.parts[i];
		const struct doc *doc = g->articles[i].doc;
		if (g->articles[i].section < 0)
			snprintf(b.files[i], sizeof b.files[i], "note.xhtml");
		else
			snprintf(b.files[i], sizeof b.files[i], "a%03zu.xhtml", ++k);
		snprintf(prefix[i], sizeof prefix[i], "%.*s-", (int)strcspn(b.files[i], "."), b.files[i]);
		p->doc = doc;
		p->o = o;
		p->d = d;
		p->lang = epub_lang(doc);
		memcpy(p->uid, b.x.uid, sizeof p->uid);
		memcpy(p->modified, b.x.modified, sizeof p->modified);
		p->file = b.files[i];
		p->img_prefix = prefix[i];
		size_t nb = doc->n_blocks ? doc->n_blocks : 1;
		p->imgs = calloc(nb, sizeof *p->imgs);
		p->block_img = calloc(nb, sizeof *p->block_img);
		p->heads = calloc(nb, sizeof *p->heads);
		if (!p->imgs || !p->block_img || !p->heads)
			e = ERR_NOMEM;
		if (!e)
			e = epub_images(p, out, d);
	}
	if (!e && g->cover) {
		struct image_info info;
		char msg[256];
		e = image_probe(g->cover, &info, msg, sizeof msg);
		if (e && e != ERR_NOMEM) {
			diag_msg(d, DIAG_ERROR, "cover %s: %s", g->cover, msg);
			e = ERR_INPUT;
		}
		if (!e && out && strcmp(out, "-") && file_same_target(out, g->cover)) {
			diag_msg(d, DIAG_ERROR, "output %s is the cover %s; refusing to overwrite it", out, g->cover);
			e = ERR_USAGE;
		}
		int png = !e && info.format == IMAGE_PNG;
		snprintf(b.cover_name, sizeof b.cover_name, "images/cover.%s", png ? "png" : "jpg");
		b.cover_mime = png ? "image/png" : "image/jpeg";
		b.cover_path = g->cover;
	}
	if (!e)
		e = epub_dg_people(&b);
	if (!e)
		e = epub_dg_zip(&b, data, len, d);
	for (size_t i = 0; b.parts && i < g->n_articles; i++) {
		for (size_t j = 0; b.parts[i].imgs && j < b.parts[i].n_imgs; j++)
			free(b.parts[i].imgs[j].path);
		free(b.parts[i].imgs);
		free(b.parts[i].block_img);
		free(b.parts[i].heads);
	}
	free(b.parts);
	free(b.files);
	free(prefix);
	for (size_t i = 0; i < b.n_people; i++)
		free(b.people[i].own);
	free(b.people);
	epub_fonts_free(b.x.fonts);
	return e;
}
