/* pdf.c: the PDF renderer: pages, content streams, document info and the output file.

   Contract: pdf_build turns a pagedoc into PDF bytes in memory (libharu's public API for the
   document, pages and info; pdffont.c for fonts and everything that needs libharu internals);
   pdf_write then puts the bytes in place atomically. Nothing reaches the file system before
   the whole document is built, so failures never leave partial files.

   Content streams (PDF 32000-1 §9.4): one BT/ET per page; consecutive glyphs of one font, size
   and baseline form one TJ array of 2-byte codes started by an absolute Tm. The spacing most
   gaps of the run share (justification) is set once with Tc. Between glyphs, the position a
   viewer computes (previous x + /W width + Tc) is tracked as the viewer does, and a TJ
   adjustment is written only where the glyph's x differs from it by more than 0.001 pt, so
   rounding never accumulates. Rules follow as stroked paths. Numbers go through buf_putnum;
   the page is written in one pass plus one look-ahead per run (no quadratic work).

   Images (page.h, struct page_image) are drawn with libharu's public image API before the
   text: JPEG files go in as they are (HPDF_LoadJpegImageFromFile, DCTDecode); PNG files are
   decoded with libpng (image.h: palette, grey, 16-bit and interlaced images normalised to 8-bit
   grey or RGB) and passed as raw pixels (HPDF_LoadRawImageFromMem), an alpha channel as a
   grey soft mask (HPDF_Image_AddSMask): libharu's own PNG loader fails on interlaced files and
   renders 16-bit ones wrong. Each file becomes one image XObject per document, however often
   it is drawn. */
#include "pdf.h"
#include "pdffont.h"
#include "pdftag.h"
#include <libdeflate.h>
#include "../layout/image.h"
#include "../base/utf8.h"
#include "../base/file.h"
#include <assert.h>
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef PAIBAN_VERSION
#define PAIBAN_VERSION "dev"
#endif

#define PDF_MAX_PAGES 100000      /* pages per document */
#define PDF_PAGES_PER_NODE 1024   /* page tree fan-out above this many pages */
#define PDF_MAX_COORD 1.0e6       /* |x|, |y| in pt */
#define PDF_MAX_SIZE 10000.0      /* font size in pt */

static const char pdf_hex[] = "0123456789ABCDEF";

static enum err pdf_nomem(struct diag *d)
{
	diag_msg(d, DIAG_ERROR, "out of memory while writing the PDF");
	return ERR_NOMEM;
}

/* ---- input checks and glyph usage ---------------------------------------------------------- */

static int pdf_bad_num(double v, double max)
{
	return !isfinite(v) || fabs(v) > max;
}

/* The fonts of one document, numbered in order of first use (so the output does not depend
   on the order in which threads loaded fonts into a shared fontset): slot[font id] is the
   font's index in v, -1 when the pages do not use it. */
struct pdf_fonts {
	struct pdf_font *v;     /* n entries */
	int *slot;              /* nf entries */
	size_t n, nf;
};

/* Records the text of glyph g (page text[0..len)) as its font's ToUnicode entry unless one
   was recorded before (the first occurrence in page order wins, deterministically). */
static void pdf_note_text(struct pdf_font *pf, uint32_t gid, const char *t, size_t len)
{
	struct pdf_tu *tu = &pf->tu[gid];
	if (tu->n || !len)
		return;
	for (size_t o = 0; o < len && tu->n < PDF_TU_MAX;) {
		uint32_t cp;
		size_t l = utf8_decode(t + o, len - o, &cp);
		if (!l) {
			l = 1;
			cp = 0xFFFD;
		}
		tu->cp[tu->n++] = cp;
		o += l;
	}
}

/* Checks pd and records, per font, which glyph ids the pages use and the text they stand for. */
static enum err pdf_collect(const struct pagedoc *pd, struct fontset *fs, struct pdf_fonts *fonts,
			    struct diag *d)
{
	size_t nf = fonts->nf;
	if (pd->n_pages == 0) {
		diag_msg(d, DIAG_ERROR, "cannot write a PDF without pages");
		return ERR_PDF;
	}
	if (pd->n_pages > PDF_MAX_PAGES) {
		diag_msg(d, DIAG_ERROR, "document has %zu pages, more than the limit of %d",
			 pd->n_pages, PDF_MAX_PAGES);
		return ERR_LIMIT;
	}
	if (!(pd->width >= HPDF_MIN_PAGE_SIZE && pd->width <= HPDF_MAX_PAGE_SIZE &&
	      pd->height >= HPDF_MIN_PAGE_SIZE && pd->height <= HPDF_MAX_PAGE_SIZE)) {
		diag_msg(d, DIAG_ERROR, "page size %g x %g pt is outside what PDF allows (%d to %d pt)",
			 pd->width, pd->height, HPDF_MIN_PAGE_SIZE, HPDF_MAX_PAGE_SIZE);
		return ERR_PDF;
	}
	if (pd->n_front > pd->n_pages) {
		diag_msg(d, DIAG_ERROR, "%zu front-matter pages in a document of %zu", pd->n_front, pd->n_pages);
		return ERR_PDF;
	}
	for (size_t p = 0; p < pd->n_pages; p++) {
		const struct page *pg = &pd->pages[p];
		for (size_t i = 0; i < pg->n_glyphs; i++) {
			const struct page_glyph *g = &pg->glyphs[i];
			struct font *f = g->font;
			if (!f || f->id < 0 || (size_t)f->id >= nf) {
				diag_msg(d, DIAG_ERROR, "page %zu, glyph %zu: font is not in the document's fontset",
					 p + 1, i + 1);
				return ERR_PDF;
			}
			int sl = fonts->slot[f->id];
			if (sl < 0) {
				if (fontset_font(fs, (size_t)f->id) != f) {
					diag_msg(d, DIAG_ERROR, "page %zu, glyph %zu: font is not in the document's fontset",
						 p + 1, i + 1);
					return ERR_PDF;
				}
				sl = fonts->slot[f->id] = (int)fonts->n++;
				struct pdf_font *pf = &fonts->v[sl];
				pf->font = f;
				pf->slot = sl;
				pf->used = calloc(f->num_glyphs / 8 + 1, 1);
				pf->tu = calloc(f->num_glyphs, sizeof *pf->tu);
				if (!pf->used || !pf->tu)
					return pdf_nomem(d);
			}
			struct pdf_font *pf = &fonts->v[sl];
			if (g->gid >= f->num_glyphs || g->gid > 0xFFFF) {
				diag_msg(d, DIAG_ERROR, "page %zu, glyph %zu: glyph id %u is not in font %s",
					 p + 1, i + 1, (unsigned)g->gid, f->psname);
				return ERR_PDF;
			}
			if (!(g->size > 0 && g->size <= PDF_MAX_SIZE) || pdf_bad_num(g->x, PDF_MAX_COORD) ||
			    pdf_bad_num(g->y, PDF_MAX_COORD)) {
				diag_msg(d, DIAG_ERROR, "page %zu, glyph %zu: bad size or position (%g pt at %g, %g)",
					 p + 1, i + 1, g->size, g->x, g->y);
				return ERR_PDF;
			}
			pf->used[g->gid >> 3] |= (uint8_t)(1u << (g->gid & 7));
			size_t tl;
			const char *t = page_glyph_text(pg, g, &tl);
			pdf_note_text(pf, g->gid, t, tl);
		}
		for (size_t i = 0; i < pg->n_rules; i++) {
			const struct page_rule *r = &pg->rules[i];
			if (pdf_bad_num(r->x0, PDF_MAX_COORD) || pdf_bad_num(r->y0, PDF_MAX_COORD) ||
			    pdf_bad_num(r->x1, PDF_MAX_COORD) || pdf_bad_num(r->y1, PDF_MAX_COORD) ||
			    !(r->width >= 0 && r->width <= PDF_MAX_SIZE) ||
			    !(r->dot >= 0 && r->dot <= PDF_MAX_SIZE)) {
				diag_msg(d, DIAG_ERROR, "page %zu, rule %zu: bad position or width", p + 1, i + 1);
				return ERR_PDF;
			}
		}
		for (size_t i = 0; i < pg->n_images; i++) {
			const struct page_image *im = &pg->images[i];
			if (!im->path || pdf_bad_num(im->x, PDF_MAX_COORD) || pdf_bad_num(im->y, PDF_MAX_COORD) ||
			    !(im->w > 0 && im->w <= PDF_MAX_COORD) || !(im->h > 0 && im->h <= PDF_MAX_COORD)) {
				diag_msg(d, DIAG_ERROR, "page %zu, image %zu: bad file, position or size", p + 1, i + 1);
				return ERR_PDF;
			}
		}
		for (size_t i = 0; i < pg->n_links; i++) {
			const struct page_link *l = &pg->links[i];
			if (l->page >= pd->n_pages || pdf_bad_num(l->x0, PDF_MAX_COORD) ||
			    pdf_bad_num(l->y0, PDF_MAX_COORD) || pdf_bad_num(l->x1, PDF_MAX_COORD) ||
			    pdf_bad_num(l->y1, PDF_MAX_COORD) || pdf_bad_num(l->y, PDF_MAX_COORD)) {
				diag_msg(d, DIAG_ERROR, "page %zu, link %zu: bad area or target", p + 1, i + 1);
				return ERR_PDF;
			}
		}
	}
	for (size_t i = 0; i < pd->n_marks; i++)
		if (pd->marks[i].page >= pd->n_pages || pdf_bad_num(pd->marks[i].y, PDF_MAX_COORD)) {
			diag_msg(d, DIAG_ERROR, "mark %zu: bad page or position", i + 1);
			return ERR_PDF;
		}
	return pdf_tag_check(pd, d);
}

/* ---- images -------------------------------------------------------------------------------- */

/* The image XObjects of one document, by real path (few per article: a linear search). */
struct pdf_image {
	const char *path;       /* borrowed from the pagedoc */
	HPDF_Image img;         /* owned by the document */
};

struct pdf_images {
	struct pdf_image *v;
	size_t n, cap;
};

/* Loads the image file of pi (once per document) into *img. A file that cannot be decoded
   (a PNG damaged past its header, a file changed since composition) is a warning at the line
   that refers to it, once per file; *img is then NULL and the image's place stays blank. */
static enum err pdf_image_get(struct pdf_ctx *c, struct pdf_images *cache,
			      const struct page_image *pi, HPDF_Image *img)
{
	const char *path = pi->path;
	struct image_info info;
	struct image_pixels px = {0};
	struct buf jpeg;
	char msg[256];
	enum err e = ERR_OK;
	buf_init(&jpeg);
	for (size_t i = 0; i < cache->n; i++)
		if (!strcmp(cache->v[i].path, path)) {
			*img = cache->v[i].img;
			return ERR_OK;
		}
	if (cache->n == cache->cap) {
		size_t nc = cache->cap ? cache->cap * 2 : 8;
		struct pdf_image *v = realloc(cache->v, nc * sizeof *v);
		if (!v)
			return pdf_nomem(c->d);
		cache->v = v;
		cache->cap = nc;
	}
	HPDF_Image im = NULL;
	if ((e = image_probe(path, &info, msg, sizeof msg)))
		goto bad;
	if (info.format == IMAGE_JPEG) {
		/* read here, as a regular file and bounded, not reopened by libharu by name */
		if ((e = file_read_regular(path, IMAGE_MAX_BYTES, &jpeg, msg, sizeof msg)))
			goto bad;
		im = HPDF_LoadJpegImageFromMem(c->doc, (const HPDF_BYTE *)jpeg.p, (HPDF_UINT)jpeg.len);
		if (!im) {
			e = pdf_fail(c, "loading a JPEG image");
			goto done;
		}
	} else {
		if ((e = image_decode_png(path, &px, msg, sizeof msg)))
			goto bad;
		im = HPDF_LoadRawImageFromMem(c->doc, px.pix, px.width, px.height,
					      px.components == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
		if (!im) {
			e = pdf_fail(c, "adding a PNG image");
			goto done;
		}
		size_t npix = (size_t)px.width * px.height;
		if ((e = pdf_image_deflate(c, im, px.pix, npix * px.components)))
			goto done;
		if (px.alpha) {
			HPDF_Image mask = HPDF_LoadRawImageFromMem(c->doc, px.alpha, px.width, px.height,
								   HPDF_CS_DEVICE_GRAY, 8);
			if (!mask || HPDF_Image_AddSMask(im, mask) != HPDF_OK) {
				e = pdf_fail(c, "adding a PNG image's alpha channel");
				goto done;
			}
			if ((e = pdf_image_deflate(c, mask, px.alpha, npix)))
				goto done;
		}
	}
	cache->v[cache->n++] = (struct pdf_image){path, im};
	*img = im;
	goto done;
bad:
	if (e == ERR_NOMEM) {
		e = pdf_nomem(c->d);
	} else {
		diag_at(c->d, DIAG_WARNING, pi->pos, "cannot print image %s: %s; its place is left blank",
			pi->src ? pi->src : path, msg);
		cache->v[cache->n++] = (struct pdf_image){path, NULL};
		*img = NULL;
		e = ERR_OK;
	}
done:
	image_pixels_free(&px);
	buf_free(&jpeg);
	return e;
}

/* The marked content of a page as it is written (pdftag.h): the page's index, its next MCID,
   the document's record of them. */
struct pdf_marks {
	const struct pagedoc *pd;
	uint32_t page, mcid;
	struct pdf_mcrs *mcrs;
};

/* Opens the marked content of element elem (1 + index; 0: an artifact) in b:
   "/Tag<</MCID n>>BDC" (recorded) or "/Artifact BMC". -1 when out of memory. */
static int pdf_mark_open(struct buf *b, struct pdf_marks *mk, uint32_t elem)
{
	if (!elem) {
		buf_puts(b, "/Artifact BMC\n");
		return 0;
	}
	buf_putc(b, '/');
	buf_puts(b, page_tag_name(mk->pd->elems[elem - 1].tag));
	buf_printf(b, "<</MCID %u>>BDC\n", (unsigned)mk->mcid);
	return pdf_mcrs_add(mk->mcrs, mk->page, mk->mcid++, elem - 1);
}

/* Draws the page's images (before its text: the content stream is still in page
   description mode, as HPDF_Page_DrawImage requires), each as marked content of its Figure
   (or an artifact). */
static enum err pdf_page_images(struct pdf_ctx *c, HPDF_Page page, const struct page *pg,
				struct pdf_images *cache, struct pdf_marks *mk)
{
	struct buf t;
	buf_init(&t);
	enum err e = ERR_OK;
	for (size_t i = 0; i < pg->n_images && !e; i++) {
		const struct page_image *pi = &pg->images[i];
		HPDF_Image img = NULL;
		if ((e = pdf_image_get(c, cache, pi, &img)) || !img)
			continue;
		buf_reset(&t);
		if (pdf_mark_open(&t, mk, pi->elem) || t.oom) {
			e = pdf_nomem(c->d);
			break;
		}
		if ((e = pdf_page_put_raw(c, page, buf_cstr(&t))))
			break;
		if (HPDF_Page_DrawImage(page, img, pi->x, pi->y, pi->w, pi->h) != HPDF_OK)
			e = pdf_fail(c, "drawing an image");
		else
			e = pdf_page_put_raw(c, page, "EMC\n");
	}
	buf_free(&t);
	return e;
}

/* ---- content streams ------------------------------------------------------------------------ */

static double pdf_round(double v, double scale)
{
	return (double)llround(v * scale) / scale;
}

static void pdf_put_code(struct buf *b, unsigned v)
{
	char t[4] = {pdf_hex[(v >> 12) & 15], pdf_hex[(v >> 8) & 15], pdf_hex[(v >> 4) & 15],
		     pdf_hex[v & 15]};
	buf_put(b, t, 4);
}

/* The state of the text object while a page's text is written. */
struct pdf_text {
	const struct pdf_font *font; /* font and size of the last Tf (NULL: none yet) */
	float size;
	double tc;                   /* the last Tc, pt */
};

/* Writes glyphs[i..j) (one font, size and baseline) as one TJ array after an absolute Tm. Tc
   takes the spacing most gaps share (justification), TJ numbers the rest. */
static void pdf_text_run(struct buf *b, struct pdf_text *ts, const struct page_glyph *g, size_t i,
			 size_t j, const struct pdf_font *pf, double tc)
{
	float size = g[i].size;
	if (pf != ts->font || size != ts->size) {
		buf_putc(b, '/');
		buf_puts(b, pf->res);
		buf_putc(b, ' ');
		buf_putnum(b, size, 3);
		buf_puts(b, " Tf\n");
		ts->font = pf;
		ts->size = size;
	}
	if (tc != ts->tc) {
		buf_putnum(b, tc, 3);
		buf_puts(b, " Tc\n");
		ts->tc = tc;
	}
	buf_puts(b, "1 0 0 1 ");
	buf_putnum(b, g[i].x, 3);
	buf_putc(b, ' ');
	buf_putnum(b, g[i].y, 3);
	buf_puts(b, " Tm\n[<");
	double pen = pdf_round(g[i].x, 1000.0); /* where a viewer puts the next glyph */
	for (size_t k = i; k < j; k++) {
		double delta = g[k].x - pen;
		if (k > i && fabs(delta) > 0.001) {
			/* TJ numbers are in 1/1000 em and move left: -delta */
			double adj = pdf_round(-delta * 1000.0 / size, 10.0);
			if (adj != 0) {
				buf_putc(b, '>');
				buf_putnum(b, adj, 1);
				buf_putc(b, '<');
				pen -= adj * size / 1000.0;
			}
		}
		pdf_put_code(b, pdf_font_code(pf, g[k].gid));
		pen += pf->width[g[k].gid] * (double)size / 1000.0 + tc;
	}
	buf_puts(b, ">]TJ\n");
}

/* Gap between glyph k-1's advance (from /W) and glyph k, in 1/1000 pt. */
static long long pdf_gap(const struct page_glyph *g, size_t k, const struct pdf_font *pf)
{
	double end = g[k - 1].x + pf->width[g[k - 1].gid] * (double)g[k - 1].size / 1000.0;
	return llround((g[k].x - end) * 1000.0);
}

/* Writes the exact text of glyphs g[i..j) of page pg (the text they stand for, page.h) as a
   UTF-16BE hex string with BOM (surrogate pairs beyond the BMP). */
static void pdf_span_text(struct buf *b, const struct page *pg, size_t i, size_t j)
{
	buf_puts(b, "<FEFF");
	for (size_t k = i; k < j; k++) {
		size_t len;
		const char *t = page_glyph_text(pg, &pg->glyphs[k], &len);
		for (size_t o = 0; o < len;) {
			uint32_t cp;
			size_t l = utf8_decode(t + o, len - o, &cp);
			if (!l) {
				l = 1;
				cp = 0xFFFD;
			}
			o += l;
			if (cp >= 0x10000) {
				cp -= 0x10000;
				pdf_put_code(b, 0xD800 + (cp >> 10));
				pdf_put_code(b, 0xDC00 + (cp & 0x3FF));
			} else {
				pdf_put_code(b, cp);
			}
		}
	}
	buf_putc(b, '>');
}

/* Sets the fill (op "rg") or stroke ("RG") colour 0xRRGGBB. */
static void pdf_color(struct buf *b, uint32_t c, const char *op)
{
	for (int k = 16; k >= 0; k -= 8) {
		buf_putnum(b, ((c >> k) & 0xFF) / 255.0, 3);
		buf_putc(b, ' ');
	}
	buf_puts(b, op);
	buf_putc(b, '\n');
}

/* Writes the page's text and rules into b; marks in on_page[] the fonts it uses.
   Each text span (a line, see PAGE_SPAN_START) is marked content with its exact text as
   /ActualText (PDF 32000-1 §14.9.4): compressed punctuation overlaps its neighbour's /W box and
   Han-Latin spacing looks like a word space, which would otherwise make extractors split lines
   or insert spaces that are not in the text; the same marked content carries the span's MCID
   (its structure element's tag) or is an /Artifact. The rules are artifacts. -1 when out of
   memory. */
static int pdf_content(const struct page *pg, const struct pdf_fonts *fonts, unsigned char *on_page,
		       struct pdf_marks *mk, struct buf *b)
{
	const struct page_glyph *g = pg->glyphs;
	size_t n = pg->n_glyphs;
	struct pdf_text ts = {NULL, 0, 0};
	uint32_t color = 0;
	if (n)
		buf_puts(b, "BT\n");
	size_t span_end = 0;
	for (size_t i = 0, j; i < n; i = j) {
		int sl = fonts->slot[g[i].font->id];
		const struct pdf_font *pf = &fonts->v[sl];
		on_page[sl] = 1;
		if (i == 0 || (g[i].flags & PAGE_SPAN_START)) {
			for (span_end = i + 1; span_end < n && !(g[span_end].flags & PAGE_SPAN_START); span_end++)
				;
			/* poppler reads /ActualText only from a /Span: nested in the MCID's */
			if (pdf_mark_open(b, mk, g[i].elem))
				return -1;
			buf_puts(b, "/Span<</ActualText");
			pdf_span_text(b, pg, i, span_end);
			buf_puts(b, ">>BDC\n");
		}
		if (g[i].color != color) {
			color = g[i].color;
			pdf_color(b, color, "rg");
		}
		/* the run: same font, size and baseline, no jump of more than 1 em; the majority
		   gap (Boyer-Moore vote, then a count) becomes Tc */
		long long cand = 0;
		size_t votes = 0;
		for (j = i + 1; j < span_end; j++) {
			if (g[j].font != g[i].font || g[j].size != g[i].size || g[j].color != g[i].color ||
			    fabsf(g[j].y - g[i].y) > 0.0005f)
				break;
			long long q = pdf_gap(g, j, pf);
			if ((double)llabs(q) > g[i].size * 1000.0)
				break;
			if (votes == 0) {
				cand = q;
				votes = 1;
			} else {
				votes += q == cand ? 1 : (size_t)-1;
			}
		}
		size_t same = 0;
		for (size_t k = i + 1; k < j; k++)
			same += pdf_gap(g, k, pf) == cand;
		double tc = j - i > 1 ? (2 * same > j - i - 1 ? (double)cand / 1000.0 : 0) : ts.tc;
		pdf_text_run(b, &ts, g, i, j, pf, tc);
		if (j == span_end)
			buf_puts(b, "EMC\nEMC\n");
	}
	if (n)
		buf_puts(b, "ET\n");
	if (color)
		pdf_color(b, 0, "rg");
	float lw = -1, dot = 0;
	uint32_t stroke = 0;
	if (pg->n_rules)
		buf_puts(b, "/Artifact BMC\n");
	for (size_t i = 0; i < pg->n_rules; i++) {
		const struct page_rule *r = &pg->rules[i];
		if (r->dot != dot) { /* round caps on zero-length dashes draw dots */
			if (r->dot > 0) {
				buf_puts(b, "1 J [0 ");
				buf_putnum(b, r->dot, 3);
				buf_puts(b, "] 0 d\n");
			} else {
				buf_puts(b, "0 J [] 0 d\n");
			}
			dot = r->dot;
		}
		if (r->color != stroke) {
			stroke = r->color;
			pdf_color(b, stroke, "RG");
		}
		if (r->width != lw) {
			buf_putnum(b, r->width, 3);
			buf_puts(b, " w\n");
			lw = r->width;
		}
		buf_putnum(b, r->x0, 3);
		buf_putc(b, ' ');
		buf_putnum(b, r->y0, 3);
		buf_puts(b, " m ");
		buf_putnum(b, r->x1, 3);
		buf_putc(b, ' ');
		buf_putnum(b, r->y1, 3);
		buf_puts(b, " l S\n");
	}
	if (pg->n_rules)
		buf_puts(b, "EMC\n");
	return 0;
}

static enum err pdf_page(struct pdf_ctx *c, const struct pagedoc *pd, const struct page *pg,
			 struct pdf_fonts *fonts, unsigned char *on_page, struct buf *b,
			 struct pdf_images *images, struct pdf_mcrs *mcrs, HPDF_Page *out)
{
	struct pdf_marks mk = {pd, (uint32_t)(pg - pd->pages), 0, mcrs};
	HPDF_Page page = HPDF_AddPage(c->doc);
	if (!page)
		return pdf_fail(c, "adding a page");
	*out = page;
	if (HPDF_Page_SetWidth(page, pd->width) != HPDF_OK ||
	    HPDF_Page_SetHeight(page, pd->height) != HPDF_OK)
		return pdf_fail(c, "setting the page size");
	enum err ie = pdf_page_images(c, page, pg, images, &mk);
	if (ie)
		return ie;
	memset(on_page, 0, fonts->n + 1);
	buf_reset(b);
	if (pdf_content(pg, fonts, on_page, &mk, b) || b->oom)
		return pdf_nomem(c->d);
	for (size_t i = 0; i < fonts->n; i++)
		if (on_page[i]) {
			enum err e = pdf_page_put_font(c, page, &fonts->v[i]);
			if (e)
				return e;
		}
	return pdf_page_put_content(c, page, b->p, b->len);
}

/* ---- navigation: links, outline, page labels ------------------------------------------------ */

/* A destination showing page `to` from y (its top) down, fitted to the page width. */
static HPDF_Destination pdf_dest(struct pdf_ctx *c, HPDF_Page *pages, size_t to, float y)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(pages[to]);
	if (dst && HPDF_Destination_SetFitH(dst, y) != HPDF_OK)
		return NULL;
	return dst;
}

/* Link annotations (no border) from each page's link areas to their targets, into annots[]
   in order. */
static enum err pdf_links(struct pdf_ctx *c, const struct pagedoc *pd, HPDF_Page *pages,
			  HPDF_Annotation *annots)
{
	for (size_t p = 0, k = 0; p < pd->n_pages; p++)
		for (size_t i = 0; i < pd->pages[p].n_links; i++) {
			const struct page_link *l = &pd->pages[p].links[i];
			HPDF_Destination dst = pdf_dest(c, pages, l->page, l->y);
			HPDF_Rect r = {l->x0, l->y0, l->x1, l->y1};
			HPDF_Annotation a = dst ? HPDF_Page_CreateLinkAnnot(pages[p], r, dst) : NULL;
			if (!a || HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) != HPDF_OK)
				return pdf_fail(c, "adding a link");
			annots[k++] = a;
		}
	return ERR_OK;
}

#define PDF_OUTLINE_DEPTH 8

/* The outline (bookmarks) from the marks: each mark under the last one of a lower level
   (section > article title > subheads); levels 0 and 1 open. Titles go through libharu's UTF-8
   encoder (written as UTF-16BE); text it cannot carry (beyond U+FFFF) is replaced by U+FFFD. */
static enum err pdf_outline(struct pdf_ctx *c, const struct pagedoc *pd, HPDF_Page *pages)
{
	HPDF_Encoder enc = HPDF_GetEncoder(c->doc, "UTF-8");
	if (!enc)
		return pdf_fail(c, "selecting the UTF-8 encoder");
	HPDF_Outline stack[PDF_OUTLINE_DEPTH];
	int levels[PDF_OUTLINE_DEPTH];
	int depth = 0;
	struct buf t;
	buf_init(&t);
	enum err e = ERR_OK;
	for (size_t i = 0; i < pd->n_marks && !e; i++) {
		const struct page_mark *m = &pd->marks[i];
		while (depth > 0 && levels[depth - 1] >= m->level)
			depth--;
		if (depth == PDF_OUTLINE_DEPTH)
			continue;
		buf_reset(&t);
		for (const char *s = m->text; *s;) {
			uint32_t cp;
			size_t l = utf8_decode(s, strlen(s), &cp);
			if (!l) {
				l = 1;
				cp = 0xFFFD;
			}
			buf_pututf8(&t, cp >= 0x10000 ? 0xFFFD : cp < 0x20 ? ' ' : cp);
			s += l;
		}
		HPDF_Outline o = HPDF_CreateOutline(c->doc, depth ? stack[depth - 1] : NULL, buf_cstr(&t), enc);
		HPDF_Destination dst = o ? pdf_dest(c, pages, m->page, m->y) : NULL;
		if (!dst || HPDF_Outline_SetDestination(o, dst) != HPDF_OK ||
		    HPDF_Outline_SetOpened(o, m->level <= 0 ? HPDF_TRUE : HPDF_FALSE) != HPDF_OK) {
			e = pdf_fail(c, "adding a bookmark");
			break;
		}
		stack[depth] = o;
		levels[depth++] = m->level;
	}
	if (!e && t.oom)
		e = pdf_nomem(c->d);
	buf_free(&t);
	return e;
}

/* Page labels (PDF 32000-1 §12.4.2): the front matter i, ii ..., the body 1, 2 ... */
static enum err pdf_labels(struct pdf_ctx *c, const struct pagedoc *pd)
{
	if (!pd->n_front)
		return ERR_OK;
	if (HPDF_AddPageLabel(c->doc, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL) != HPDF_OK ||
	    (pd->n_front < pd->n_pages &&
	     HPDF_AddPageLabel(c->doc, (HPDF_UINT)pd->n_front, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL) != HPDF_OK))
		return pdf_fail(c, "page labels");
	return ERR_OK;
}

/* ---- document info -------------------------------------------------------------------------- */

/* Sets one Info string: through libharu's UTF-8 encoder when it can carry the text (valid
   UTF-8, nothing beyond U+FFFF), else as UTF-16BE written by pdffont.c. */
static enum err pdf_info_text(struct pdf_ctx *c, HPDF_InfoType type, const char *key,
			      const char *s)
{
	if (!s || !*s)
		return ERR_OK;
	size_t n = strlen(s);
	if (n > PDF_META_MAX) {
		diag_msg(c->d, DIAG_ERROR, "document %s is longer than %d bytes", key, PDF_META_MAX);
		c->reported = 1;
		return ERR_LIMIT;
	}
	int valid = utf8_check(s, n) == n, bmp = 1;
	for (size_t i = 0; i < n; i++)
		bmp &= (unsigned char)s[i] < 0xF0;
	if (!valid)
		diag_msg(c->d, DIAG_WARNING, "document %s is not valid UTF-8: bad bytes replaced by U+FFFD",
			 key);
	if (valid && bmp)
		return HPDF_SetInfoAttr(c->doc, type, s) == HPDF_OK ? ERR_OK : pdf_fail(c, "document info");
	return pdf_info_put_utf16(c, key, s);
}

static enum err pdf_info(struct pdf_ctx *c, const struct pdf_meta *m)
{
	HPDF_Doc doc = c->doc;
	if (HPDF_UseUTFEncodings(doc) != HPDF_OK || HPDF_SetCurrentEncoder(doc, "UTF-8") != HPDF_OK)
		return pdf_fail(c, "selecting the UTF-8 encoder");
	if (HPDF_SetInfoAttr(doc, HPDF_INFO_PRODUCER, "paiban " PAIBAN_VERSION) != HPDF_OK)
		return pdf_fail(c, "document info");
	long long epoch = m ? m->epoch : -1;
	if (epoch < -1 || epoch > 253402300799LL) { /* up to 9999-12-31T23:59:59Z */
		diag_msg(c->d, DIAG_ERROR, "document date %lld is out of range", epoch);
		c->reported = 1;
		return ERR_PDF;
	}
	time_t t = epoch == -1 ? time(NULL) : (time_t)epoch;
	struct tm tm;
	if (!gmtime_r(&t, &tm)) {
		diag_msg(c->d, DIAG_ERROR, "document date %lld cannot be converted", (long long)t);
		c->reported = 1;
		return ERR_PDF;
	}
	HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			  tm.tm_sec > 59 ? 59 : tm.tm_sec, 'Z', 0, 0};
	if (HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, date) != HPDF_OK ||
	    HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, date) != HPDF_OK)
		return pdf_fail(c, "document date");
	if (!m)
		return ERR_OK;
	enum err e;
	if ((e = pdf_info_text(c, HPDF_INFO_TITLE, "Title", m->title)) ||
	    (e = pdf_info_text(c, HPDF_INFO_AUTHOR, "Author", m->author)) ||
	    (e = pdf_info_text(c, HPDF_INFO_SUBJECT, "Subject", m->subject)) ||
	    (e = pdf_info_text(c, HPDF_INFO_KEYWORDS, "Keywords", m->keywords)) ||
	    (e = pdf_info_text(c, HPDF_INFO_CREATOR, "Creator", m->creator)))
		return e;
	return ERR_OK;
}

/* ---- the document --------------------------------------------------------------------------- */

/* The fonts' preparations (subsetting and compressing: most of a short document's time) run
   in parallel: up to one thread per font, at most pdf_meta.threads. Each writes only its
   own pdf_font and pdf_font_prep, so the result does not depend on the threads' order. */
#define PDF_MAX_FONT_THREADS 8
struct pdf_prep_pool {
	struct pdf_font *v;
	struct pdf_font_prep *pp;
	size_t n, next;
	pthread_mutex_t lock;
};

static void *pdf_prep_worker(void *arg)
{
	struct pdf_prep_pool *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			return NULL;
		pdf_font_prepare(&p->v[i], &p->pp[i]);
	}
}

static void pdf_prepare_fonts(struct pdf_font *v, struct pdf_font_prep *pp, size_t n, int threads)
{
	struct pdf_prep_pool p = {v, pp, n, 0, PTHREAD_MUTEX_INITIALIZER};
	size_t extra = n > 1 && threads > 1 ? (size_t)threads - 1 : 0;
	if (extra > n - 1)
		extra = n - 1;
	if (extra > PDF_MAX_FONT_THREADS)
		extra = PDF_MAX_FONT_THREADS;
	pthread_t th[PDF_MAX_FONT_THREADS];
	size_t started = 0;
	while (started < extra && pthread_create(&th[started], NULL, pdf_prep_worker, &p) == 0)
		started++;
	pdf_prep_worker(&p); /* this thread takes its share (all of them if none started) */
	for (size_t i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&p.lock);
}

/* Builds the PDF and appends it to out. libharu errors are sticky (every later call fails
   until HPDF_ResetError): the first one aborts the document, so there is nothing to reset. */
static enum err pdf_build(const struct pagedoc *pd, struct fontset *fs, const struct pdf_meta *m,
			  struct buf *out, struct diag *d)
{
	struct pdf_ctx c = {.d = d};
	buf_init(&c.zbuf);
	size_t nf = fontset_count(fs);
	struct pdf_fonts fonts = {calloc(nf + 1, sizeof *fonts.v), malloc((nf + 1) * sizeof *fonts.slot), 0, nf};
	unsigned char *on_page = calloc(nf + 1, 1);
	HPDF_Page *pages = calloc(pd->n_pages + 1, sizeof *pages);
	struct buf content;
	struct pdf_images images = {0};
	struct pdf_font_prep *preps = NULL;
	struct pdf_mcrs mcrs = {0};
	HPDF_Annotation *annots = NULL;
	buf_init(&content);
	enum err e = ERR_OK;
	if (!fonts.v || !fonts.slot || !on_page || !pages) {
		e = pdf_nomem(d);
		goto out;
	}
	for (size_t i = 0; i < nf; i++)
		fonts.slot[i] = -1;
	if ((e = pdf_collect(pd, fs, &fonts, d)))
		goto out;
	c.doc = HPDF_New(pdf_on_error, &c);
	if (!c.doc) {
		e = pdf_nomem(d);
		goto out;
	}
	/* only affects pages added later: right after HPDF_New */
	if (HPDF_SetCompressionMode(c.doc, HPDF_COMP_ALL) != HPDF_OK) {
		e = pdf_fail(&c, "enabling compression");
		goto out;
	}
	if (pd->n_pages > PDF_PAGES_PER_NODE &&
	    HPDF_SetPagesConfiguration(c.doc, PDF_PAGES_PER_NODE) != HPDF_OK) {
		e = pdf_fail(&c, "page tree");
		goto out;
	}
	if ((e = pdf_info(&c, m)))
		goto out;
	preps = calloc(fonts.n + 1, sizeof *preps);
	if (!preps) {
		e = pdf_nomem(d);
		goto out;
	}
	pdf_prepare_fonts(fonts.v, preps, fonts.n, m ? m->threads : 1);
	for (size_t i = 0; i < fonts.n; i++)
		if ((e = pdf_font_finish(&c, &fonts.v[i], &preps[i])))
			goto out;
	for (size_t p = 0; p < pd->n_pages; p++)
		if ((e = pdf_page(&c, pd, &pd->pages[p], &fonts, on_page, &content, &images, &mcrs,
				  &pages[p])))
			goto out;
	size_t n_links = 0;
	for (size_t p = 0; p < pd->n_pages; p++)
		n_links += pd->pages[p].n_links;
	if (!(annots = calloc(n_links + 1, sizeof *annots))) {
		e = pdf_nomem(d);
		goto out;
	}
	if ((e = pdf_links(&c, pd, pages, annots)) || (e = pdf_outline(&c, pd, pages)) ||
	    (e = pdf_labels(&c, pd)))
		goto out;
	if ((e = pdf_tag_tree(&c, pd, pages, annots, &mcrs, m ? m->lang : NULL, m && m->title && *m->title)))
		goto out;
	if (pd->two_page && HPDF_SetPageLayout(c.doc, HPDF_PAGE_LAYOUT_TWO_COLUMN_RIGHT) != HPDF_OK) {
		e = pdf_fail(&c, "page layout");
		goto out;
	}
	if (pd->n_front && pd->n_marks && HPDF_SetPageMode(c.doc, HPDF_PAGE_MODE_USE_OUTLINE) != HPDF_OK) {
		e = pdf_fail(&c, "page mode");
		goto out;
	}
	if (HPDF_SaveToStream(c.doc) != HPDF_OK) {
		e = pdf_fail(&c, "saving");
		goto out;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(c.doc), got = size;
	if (size == 0 || buf_reserve(out, size)) {
		e = size ? pdf_nomem(d) : pdf_fail(&c, "saving");
		goto out;
	}
	if (HPDF_ReadFromStream(c.doc, (HPDF_BYTE *)out->p + out->len, &got) != HPDF_OK || got != size) {
		e = pdf_fail(&c, "reading the saved document");
		goto out;
	}
	out->len += size;
	out->p[out->len] = 0;
out:
	if (c.doc)
		HPDF_Free(c.doc);
	libdeflate_free_compressor(c.z);
	buf_free(&c.zbuf);
	for (size_t i = 0; preps && i < fonts.n; i++)
		pdf_font_prep_free(&preps[i]);
	free(preps);
	if (fonts.v)
		for (size_t i = 0; i < fonts.n; i++)
			pdf_font_release(&fonts.v[i]);
	free(fonts.v);
	free(fonts.slot);
	free(on_page);
	free(pages);
	free(images.v);
	pdf_mcrs_free(&mcrs);
	free(annots);
	buf_free(&content);
	return e;
}

enum err pdf_write_mem(const struct pagedoc *pd, struct fontset *fs, const struct pdf_meta *m,
		       struct buf *out, struct diag *d)
{
	assert(pd && fs && out);
	if (out->oom)
		return pdf_nomem(d);
	return pdf_build(pd, fs, m, out, d);
}

enum err pdf_write(const struct pagedoc *pd, struct fontset *fs, const struct pdf_meta *m,
		   const char *path, struct diag *d)
{
	assert(pd && fs && path);
	struct buf out;
	buf_init(&out);
	enum err e = pdf_build(pd, fs, m, &out, d);
	if (!e)
		e = file_put(path, NULL, out.p, out.len, d);
	buf_free(&out);
	return e;
}
