/* pdffont.h: font embedding for the PDF renderer and its libharu adapter (internal to
   src/render: only pdf.c and the tests include it).

   pdffont.c is the one file that uses libharu internals (the object API, the page and document
   records); pdf.c uses libharu's public API only. Ownership: a struct pdf_ctx and its
   struct pdf_font array belong to one pdf_write call; the libharu objects they point to belong
   to the document (HPDF_Free releases them). */
#ifndef PAIBAN_PDFFONT_H
#define PAIBAN_PDFFONT_H
#include <stddef.h>
#include <stdint.h>
#include <hpdf.h>
#include "../base/buf.h"
#include "../base/diag.h"
#include "../shape/font.h"

/* The state of one pdf_write call. libharu's error handler records into it (user data). */
struct pdf_ctx {
	HPDF_Doc doc;
	struct diag *d;
	HPDF_STATUS hpdf_err, hpdf_detail; /* first libharu error; 0 when none */
	int reported;                      /* an error was already reported through d */
	struct libdeflate_compressor *z;   /* libdeflate: every stream paiban builds (not libharu) */
	struct buf zbuf;                   /* its output */
};

/* Writes data[0..n) into the stream dict s, zlib-compressed with c->z, and marks it
   /Filter /FlateDecode (libharu then copies the bytes as they are). */
enum err pdf_stream_deflate(struct pdf_ctx *c, HPDF_Dict s, const void *data, size_t n);

/* Replaces the samples HPDF_LoadRawImageFromMem copied into im by data[0..n) (the same
   samples), compressed with pdf_stream_deflate. */
enum err pdf_image_deflate(struct pdf_ctx *c, HPDF_Image im, const void *data, size_t n);

/* The text a glyph stands for in this document (its ToUnicode entry): the first occurrence in
   page order, up to PDF_TU_MAX code points (a ligature's). */
#define PDF_TU_MAX 8
struct pdf_tu {
	uint8_t n;              /* 0: no text recorded */
	uint32_t cp[PDF_TU_MAX];
};

/* A font of the fontset as it is embedded in this document. Content streams show each glyph as
   the 2-byte code pdf_font_code(); the font's /W holds width[gid] for exactly those codes. */
struct pdf_font {
	struct font *font;      /* borrowed; NULL: the pages do not use this font */
	uint8_t *used;          /* bitmap of the glyph ids the pages reference (num_glyphs bits) */
	struct pdf_tu *tu;      /* num_glyphs entries: the text of each used glyph */
	int slot;               /* 0-based, in order of first use: resource /F<slot+1> */
	uint32_t *gids;         /* the used glyph ids, ascending, 0 first */
	size_t n_gids;
	uint16_t *code;         /* code[gid] when codes differ from glyph ids, else NULL */
	float *width;           /* width[gid] in 1/1000 em as a viewer reads it from /W and /DW
				   (used glyphs only) */
	struct buf w;           /* the /W array, written raw into the CIDFont dict on save */
	char res[16];           /* resource name: "F<slot+1>" */
	HPDF_Dict type0;        /* the Type0 font dict (indirect), owned by the document */
};

/* The content-stream code of gid (its CID under Identity-H). */
static inline unsigned pdf_font_code(const struct pdf_font *pf, uint32_t gid)
{
	return pf->code ? pf->code[gid] : gid;
}

/* libharu's error handler: records the first error in the pdf_ctx passed as user data. */
void pdf_on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user);
/* Reports a failed libharu step ("what") once, with libharu's error code, and returns the
   error to return (ERR_NOMEM for allocation failures, else ERR_PDF). */
enum err pdf_fail(struct pdf_ctx *c, const char *what);

/* A font's embedding, in two steps. pdf_font_prepare subsets pf->font to the glyphs in
   pf->used (+ glyph 0) with hb-subset and computes, off the document, everything its objects
   hold, compressed: it touches only pf and pp (the font is read, never written), so the fonts
   of one document are prepared in parallel threads. pdf_font_finish, in the document's
   thread, reports a failure of the preparation through c, or builds the objects: Type0
   (Identity-H) -> CIDFontType0 + FontFile3/CIDFontType0C (CFF) or CIDFontType2 + FontFile2 +
   CIDToGIDMap (TrueType), FontDescriptor, /W, ToUnicode. Together they fill gids, code,
   width, w, res, type0. pp starts zeroed and is freed with pdf_font_prep_free. */
struct pdf_font_prep {
	enum err e;             /* the preparation's failure (ERR_OK: none) */
	const char *what;       /* what failed (static text) */
	struct buf prog, tounicode, cidmap; /* compressed streams (cidmap: TrueType only) */
	size_t prog_len;        /* the font program's uncompressed length */
	int has_map;
	float dw;
	struct libdeflate_compressor *z;
};
enum err pdf_font_prepare(struct pdf_font *pf, struct pdf_font_prep *pp);
enum err pdf_font_finish(struct pdf_ctx *c, struct pdf_font *pf, struct pdf_font_prep *pp);
void pdf_font_prep_free(struct pdf_font_prep *pp);
/* Frees what pdf_collect and pdf_font_prepare allocated outside the document. Accepts a zeroed
   pdf_font. */
void pdf_font_release(struct pdf_font *pf);

/* Adds pf to the page's /Resources /Font as pf->res. */
enum err pdf_page_put_font(struct pdf_ctx *c, HPDF_Page page, const struct pdf_font *pf);
/* Appends content[0..n) to the page's content stream as is (n == 0: the page stays blank). */
enum err pdf_page_put_content(struct pdf_ctx *c, HPDF_Page page, const char *content, size_t n);
/* Sets Info key (e.g. "Title") to the text utf8 written as a UTF-16BE string with BOM (for
   text that libharu's UTF-8 encoder cannot carry: code points beyond U+FFFF). Invalid UTF-8
   becomes U+FFFD. */
enum err pdf_info_put_utf16(struct pdf_ctx *c, const char *key, const char *utf8);

/* The object API for the structure tree (pdftag.c): libharu's allocator, new indirect
   objects, the catalog, raw operators in a page's content stream. NULL on failure (the
   error is recorded in the document: pdf_fail reports it). */
HPDF_MMgr pdf_mmgr(struct pdf_ctx *c);
HPDF_Dict pdf_new_dict(struct pdf_ctx *c);        /* indirect */
HPDF_Array pdf_new_array(struct pdf_ctx *c);      /* indirect */
HPDF_Dict pdf_catalog(struct pdf_ctx *c);
/* Writes s into the page's content stream now (libharu's image operators go there too: see
   pdf_page_put_content). */
enum err pdf_page_put_raw(struct pdf_ctx *c, HPDF_Page page, const char *s);
/* Raises the header's version to at least v (libharu 2.3.0 has no setter). */
void pdf_need_version(struct pdf_ctx *c, HPDF_PDFVer v);
/* A text string: utf8 as UTF-16BE with BOM (surrogate pairs beyond the BMP; invalid UTF-8 is
   U+FFFD), cut at a character boundary to fit libharu's string limit. NULL when out of
   memory. */
HPDF_Binary pdf_text_string(struct pdf_ctx *c, const char *utf8);

/* What the renderer needs from a CFF table: glyph count, whether it is CID-keyed and its
   charset (glyph id -> CID, or SID for name-keyed fonts). */
struct pdf_cff {
	unsigned n_glyphs;
	int cid_keyed;
	uint16_t *charset;      /* n_glyphs entries (malloc'ed; free with pdf_cff_free) */
};
/* Parses the CFF table p[0..n). Returns ERR_FONT when it is malformed, ERR_NOMEM. */
enum err pdf_cff_read(const unsigned char *p, size_t n, struct pdf_cff *out);
void pdf_cff_free(struct pdf_cff *cff);

#endif
