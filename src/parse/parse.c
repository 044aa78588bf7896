/* parse.c: input file -> document: read with a size limit, refuse empty and binary input,
   decode (encoding.h), dispatch to the reader for the format. */
#include "parse.h"
#include "../base/file.h"
#include "encoding.h"
#include "html.h"
#include "markdown.h"
#include "textdump.h"
#include "../base/buf.h"
#include "../model/doc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

struct parse_magic {
	const char *bytes;
	size_t n;
	const char *what;
};

/* Signatures of binary files people pass by mistake. */
static const struct parse_magic parse_magics[] = {
	{"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
	{"%PDF-", 5, "a PDF document"},
	{"PK\x03\x04", 4, "a ZIP archive (or DOCX/EPUB)"},
	{"PK\x05\x06", 4, "a ZIP archive"},
	{"\xFF\xD8\xFF", 3, "a JPEG image"},
	{"GIF87a", 6, "a GIF image"},
	{"GIF89a", 6, "a GIF image"},
	{"\x1F\x8B", 2, "a gzip file"},
	{"\x7F" "ELF", 4, "an executable"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an MS Office (OLE) document"},
	{"Rar!", 4, "a RAR archive"},
	{"7z\xBC\xAF\x27\x1C", 6, "a 7z archive"},
};

static int parse_has_ext(const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	return dot && (!slash || dot > slash) && !strcasecmp(dot + 1, ext);
}

/* Case-insensitive prefix test of s[0..n) against ASCII lit. */
static int parse_starts_ci(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && !strncasecmp(s, lit, k);
}

enum parse_format parse_detect(const char *path, const char *data, size_t len)
{
	static const char *const html[] = {"html", "htm", "xhtml", "shtml"};
	static const char *const md[] = {"md", "markdown", "mdown"};
	for (size_t i = 0; i < sizeof html / sizeof *html; i++)
		if (path && parse_has_ext(path, html[i]))
			return PARSE_HTML;
	for (size_t i = 0; i < sizeof md / sizeof *md; i++)
		if (path && parse_has_ext(path, md[i]))
			return PARSE_MARKDOWN;
	size_t i = 0;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (parse_starts_ci(data + i, len - i, "<!doctype html") ||
	    parse_starts_ci(data + i, len - i, "<html"))
		return PARSE_HTML;
	return PARSE_TEXT;
}

/* ERR_INPUT with a message when data is not text. */
static enum err parse_check_binary(const char *path, const char *data, size_t len,
				   struct diag *d)
{
	struct srcpos at = {path, 0, 0};
	for (size_t i = 0; i < sizeof parse_magics / sizeof *parse_magics; i++)
		if (len >= parse_magics[i].n && !memcmp(data, parse_magics[i].bytes, parse_magics[i].n)) {
			diag_at(d, DIAG_ERROR, at, "binary input (%s), not a text article",
				parse_magics[i].what);
			return ERR_INPUT;
		}
	/* UTF-16 has NUL bytes in ASCII text; with a byte order mark it is text */
	int utf16 = len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
				 ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF));
	const char *nul = utf16 ? NULL : memchr(data, 0, len);
	if (nul) {
		diag_at(d, DIAG_ERROR, at, "binary input (NUL byte at byte offset %zu), not a text article",
			(size_t)(nul - data));
		return ERR_INPUT;
	}
	return ERR_OK;
}

/* What error pages say (404, a deleted post, a forum's error box), in their title or their
   first lines. */
static const char *const parse_error_phrases[] = {
	"页面不存在", "页面未找到", "找不到页面", "找不到该页面", "访问的页面不存在", "网页不存在",
	"页面已删除", "页面已被删除", "文章不存在", "文章已被删除", "信息不存在", "内容不存在",
	"頁面不存在", "找不到網頁", "找不到頁面", "網頁不存在", "文章不存在或已刪除",
	"Page not found", "Page Not Found", "page not found", "404 Not Found", "Error 404",
	"404 Error", "page you requested", "page you are looking for", "page you were looking for",
};

/* A page saying only that it is an error page: a phrase of parse_error_phrases in the title or
   one of the first PARSE_ERROR_LINES blocks, and less than PARSE_ERROR_TEXT characters of
   text in all. Returns the phrase, or NULL. */
static const char *parse_error_page(const struct doc *doc)
{
	size_t chars = 0;
	for (size_t i = 0; i < doc->n_blocks; i++)
		for (const char *p = doc->blocks[i].text; *p; p++)
			chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (chars >= PARSE_ERROR_TEXT)
		return NULL;
	for (size_t q = 0; q < sizeof parse_error_phrases / sizeof *parse_error_phrases; q++) {
		const char *w = parse_error_phrases[q];
		if (doc->title.text && strstr(doc->title.text, w))
			return w;
		for (size_t i = 0; i < doc->n_blocks && i < PARSE_ERROR_LINES; i++)
			if (strstr(doc->blocks[i].text, w))
				return w;
	}
	return NULL;
}

/* Web markers at the end of a portal's headline that say the page has pictures or a video:
   "（图）", "(组图)", "[图]" … (not the headline's words; print has the pictures or not). */
static const char *const parse_title_marks[] = {
	"（图）", "(图)", "[图]", "［图］", "【图】", "（组图）", "(组图)", "[组图]", "【组图】",
	"（多图）", "(多图)", "（附图）", "(附图)", "（图文）", "(图文)", "（视频）", "(视频)", "[视频]",
	"【视频】", "（圖）", "(圖)", "（組圖）", "(組圖)", "（影）", "(影)", "（影音）", "(影音)",
};

/* Cuts parse_title_marks from the end of doc's title (one or more, spaces between), when
   four characters of headline are left. */
static enum err parse_trim_title(struct doc *doc)
{
	const char *t = doc->title.text;
	if (!t)
		return ERR_OK;
	size_t n = strlen(t), keep = n;
	for (int again = 1; again;) {
		again = 0;
		while (keep && t[keep - 1] == ' ')
			keep--;
		for (size_t q = 0; q < sizeof parse_title_marks / sizeof *parse_title_marks; q++) {
			size_t k = strlen(parse_title_marks[q]);
			if (keep > k && !memcmp(t + keep - k, parse_title_marks[q], k)) {
				keep -= k;
				again = 1;
				break;
			}
		}
	}
	while (keep && t[keep - 1] == ' ')
		keep--;
	size_t chars = 0;
	for (size_t i = 0; i < keep; i++)
		chars += ((unsigned char)t[i] & 0xC0) != 0x80;
	if (keep == n || chars < 4)
		return ERR_OK;
	return doc_set(doc, &doc->title, t, keep, doc->title.pos);
}

/* Appends s to out without whitespace (ASCII and U+3000). */
static void parse_squeeze(const char *s, struct buf *out)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n')
			continue;
		if (!strncmp(s, "\xE3\x80\x80", 3)) {
			s += 2;
			continue;
		}
		buf_putc(out, *s);
	}
}

/* The headline printed again over the text, split over up to PARSE_TITLE_LINES short lines
   (a 公文's centred title: 吉林省人民政府关于禁止在 / 吉林省嫩江干流… / …的通告): those blocks
   are dropped when together they are the title. */
static void parse_drop_title_lines(struct doc *doc)
{
	if (!doc->title.text)
		return;
	struct buf t, acc;
	buf_init(&t);
	buf_init(&acc);
	parse_squeeze(doc->title.text, &t);
	for (size_t k = 0; k < doc->n_blocks && k < PARSE_TITLE_LINES && t.len && !t.oom; k++) {
		const struct doc_block *b = &doc->blocks[k];
		if ((b->type != DOC_PARA && b->type != DOC_HEADING) || b->depth)
			break;
		parse_squeeze(b->text, &acc);
		if (acc.oom || acc.len > t.len || memcmp(acc.p, t.p, acc.len))
			break;
		if (acc.len == t.len) {
			doc_drop_first(doc, k + 1);
			break;
		}
	}
	buf_free(&t);
	buf_free(&acc);
}

enum err parse_buffer(const char *path, const char *data, size_t len, struct diag *d,
		      struct doc **out)
{
	struct srcpos at = {path ? path : "-", 0, 0};
	struct doc *doc = NULL;
	struct buf text;
	enum err e = ERR_OK;
	buf_init(&text);
	*out = NULL;
	if (!path)
		path = "-";

	if (len > PARSE_MAX_INPUT) {
		diag_at(d, DIAG_ERROR, at, "input larger than %zu bytes (PARSE_MAX_INPUT)",
			PARSE_MAX_INPUT);
		e = ERR_LIMIT;
		goto done;
	}
	if (!len) {
		diag_at(d, DIAG_ERROR, at, "empty input");
		e = ERR_INPUT;
		goto done;
	}
	if ((e = parse_check_binary(path, data, len, d)))
		goto done;
	doc = doc_new(path);
	if (!doc) {
		e = ERR_NOMEM;
		goto done;
	}

	/* Dispatch point: each format's reader plugs in here. */
	enum parse_format detected = parse_detect(path, data, len);
	switch (detected) {
	case PARSE_HTML:
		/* The HTML reader decodes by itself (it must honour <meta charset>). */
		e = html_read(doc, data, len, d);
		break;
	case PARSE_MARKDOWN:
		if ((e = enc_decode(doc->file, data, len, d, &text, NULL)))
			goto done;
		e = md_read(doc, text.p ? text.p : "", text.len, d);
		break;
	case PARSE_TEXT:
		if ((e = enc_decode(doc->file, data, len, d, &text, NULL)))
			goto done;
		e = dump_read_page(doc, text.p ? text.p : "", text.len, d);
		break;
	}
	if (!e && detected != PARSE_MARKDOWN) {
		parse_drop_title_lines(doc);
		e = parse_trim_title(doc);
	}
	const char *why;
	if (!e && (why = parse_error_page(doc)) && (detected == PARSE_HTML || detected == PARSE_TEXT)) {
		diag_at(d, DIAG_ERROR, at, "not an article: an error page (it says \"%s\")", why);
		e = ERR_INPUT;
	}
	/* PARSE_MAX_TEXT: whatever the reader, the text that shaping and layout will hold */
	size_t total = 0;
	for (size_t i = 0; !e && i < doc->n_blocks; i++) {
		total += strlen(doc->blocks[i].text);
		if (total > PARSE_MAX_TEXT) {
			diag_at(d, DIAG_ERROR, doc->blocks[i].pos,
				"more than %zu bytes of article text up to here (PARSE_MAX_TEXT)",
				PARSE_MAX_TEXT);
			e = ERR_LIMIT;
		}
	}
done:
	buf_free(&text);
	if (e != ERR_OK) {
		doc_free(doc);
		doc = NULL;
	}
	*out = doc;
	return e;
}

/* Reads all of f into a malloc'd buffer, at most PARSE_MAX_INPUT bytes. */
static enum err parse_slurp(const char *path, FILE *f, struct diag *d, char **data, size_t *len)
{
	struct srcpos at = {path, 0, 0};
	struct stat st;
	size_t cap = 0, n = 0;
	char *p = NULL;
	enum err e = ERR_OK;

	if (fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			diag_at(d, DIAG_ERROR, at, "is a directory, not a text file");
			e = ERR_IO;
			goto done;
		}
		if (S_ISREG(st.st_mode)) {
			if ((unsigned long long)st.st_size > PARSE_MAX_INPUT) {
				diag_at(d, DIAG_ERROR, at, "input larger than %zu bytes (PARSE_MAX_INPUT)",
					PARSE_MAX_INPUT);
				e = ERR_LIMIT;
				goto done;
			}
			cap = (size_t)st.st_size + 1;
		}
	}
	if (cap < 4096)
		cap = 4096;
	for (;;) {
		if (n == cap || !p) {
			if (p)
				cap *= 2;
			if (cap > PARSE_MAX_INPUT + 1)
				cap = PARSE_MAX_INPUT + 1;
			char *q = realloc(p, cap);
			if (!q) {
				e = ERR_NOMEM;
				goto done;
			}
			p = q;
		}
		size_t got = fread(p + n, 1, cap - n, f);
		n += got;
		if (n > PARSE_MAX_INPUT) {
			diag_at(d, DIAG_ERROR, at, "input larger than %zu bytes (PARSE_MAX_INPUT)",
				PARSE_MAX_INPUT);
			e = ERR_LIMIT;
			goto done;
		}
		if (got == 0 || (n < cap && feof(f)))
			break;
	}
	if (ferror(f)) {
		diag_at(d, DIAG_ERROR, at, "cannot read: %s", strerror(errno));
		e = ERR_IO;
	}
done:
	if (e != ERR_OK) {
		free(p);
		p = NULL;
		n = 0;
	}
	*data = p;
	*len = n;
	return e;
}

enum err parse_file(const char *path, struct diag *d, struct doc **out)
{
	char *data = NULL;
	size_t len = 0;
	enum err e;
	int std_in = !strcmp(path, "-");
	char why[256];
	/* never blocks on a FIFO; a device, socket or folder is refused, named */
	FILE *f = std_in ? stdin : file_fopen_regular(path, why, sizeof why);
	*out = NULL;
	if (!f) {
		diag_at(d, DIAG_ERROR, (struct srcpos){path, 0, 0}, "%s", why);
		return ERR_IO;
	}
	e = parse_slurp(path, f, d, &data, &len);
	if (e == ERR_OK)
		e = parse_buffer(path, data ? data : "", len, d, out);
	if (!std_in)
		fclose(f);
	free(data);
	return e;
}

void parse_init(void)
{
	html_init();
}
