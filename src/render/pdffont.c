/* pdffont.c: font embedding (hb-subset, CIDFont objects, /W, ToUnicode) and the only use of
   libharu internals in paiban (object API, page content streams, the Info dict).

   libharu 2.3.0 cannot load CFF fonts and does not really subset TrueType ones
   (docs/pdf-stack.md), so paiban builds the font objects itself (PDF 32000-1 §9.7):
     Type0 /Encoding /Identity-H /DescendantFonts [CIDFont] /ToUnicode CMap
     CFF:      CIDFontType0 + FontDescriptor /FontFile3 /Subtype /CIDFontType0C, holding the
               raw 'CFF ' table of the hb-subset face;
     TrueType: CIDFontType2 + /FontFile2 (the subset font) + /CIDToGIDMap stream.
   Codes in content streams (2 bytes, = CIDs under Identity-H):
     CID-keyed CFF: the CID the subset's charset gives the glyph. hb-subset keeps the original
               CIDs and Noto CJK's charset is the identity, so the code is the original glyph
               id (checked per font, not assumed);
     name-keyed CFF: the subset glyph id (§9.7.4.2: CIDs are used as glyph ids);
     TrueType: the original glyph id; the CIDToGIDMap stream maps it to the subset glyph id.
   hb-subset works on a view of the face that shows only the tables the PDF embeds: with no
   GSUB and no cmap it skips the layout closure and the pass over the whole cmap it makes when
   given glyph ids (6 ms of 10 on Noto CJK). CFF fonts are desubroutinized: measured on Noto
   CJK with 75 to 3800 glyphs, that halves hb-subset's time (or better) and gives a smaller
   FontFile3, before and after deflate, than keeping hb-subset's pruned subroutines.
   Every object built here is indirect (in the xref) and every stream is flate-compressed. */
#include "pdffont.h"
#include "../base/utf8.h"
#include <hb-subset.h>
#include <libdeflate.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PDF_DEFLATE_LEVEL 9 /* libdeflate 1-12; see make bench for sizes */
#define PDF_CMAP_BLOCK 100 /* entries per beginbfchar/beginbfrange block (PDF limit) */

static const char pdf_hexdigits[] = "0123456789ABCDEF";

void pdf_on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct pdf_ctx *c = user;
	if (c && !c->hpdf_err) {
		c->hpdf_err = err;
		c->hpdf_detail = detail;
	}
}

enum err pdf_fail(struct pdf_ctx *c, const char *what)
{
	HPDF_STATUS e = c->hpdf_err, det = c->hpdf_detail;
	/* The object API only records errors in the document (HPDF_SetError): ask for it. */
	if (!e && c->doc) {
		e = HPDF_GetError(c->doc);
		det = HPDF_GetErrorDetail(c->doc);
	}
	enum err r = e == HPDF_FAILD_TO_ALLOC_MEM ? ERR_NOMEM : ERR_PDF;
	if (!c->reported) {
		c->reported = 1;
		if (r == ERR_NOMEM)
			diag_msg(c->d, DIAG_ERROR, "out of memory while writing the PDF (%s)", what);
		else
			diag_msg(c->d, DIAG_ERROR, "PDF writer: %s failed (libharu error 0x%04X, detail %u)",
				 what, (unsigned)e, (unsigned)det);
	}
	return r;
}

/* Records a font problem in the preparation (the first one); returns e. Reported by
   pdf_font_finish, in the document's thread. */
static enum err pdf_font_error(struct pdf_font_prep *pp, enum err e, const char *what)
{
	if (!pp->e) {
		pp->e = e;
		pp->what = what;
	}
	return e;
}

/* ---- CFF (Adobe TN #5176) ---------------------------------------------------------------- */

static unsigned pdf_be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

/* Reads the INDEX at *pos: *count elements; [*first, *end) is its first element. Moves *pos
   past the INDEX. Returns 0, or -1 when it does not fit in p[0..n). */
static int pdf_cff_index(const unsigned char *p, size_t n, size_t *pos, size_t *first,
			 size_t *end, unsigned *count)
{
	size_t o = *pos;
	if (o + 2 > n)
		return -1;
	unsigned cnt = pdf_be16(p + o);
	*count = cnt;
	if (cnt == 0) {
		*first = *end = *pos = o + 2;
		return 0;
	}
	if (o + 3 > n)
		return -1;
	unsigned osz = p[o + 2];
	if (osz < 1 || osz > 4 || o + 3 + (size_t)(cnt + 1) * osz > n)
		return -1;
	const unsigned char *offs = p + o + 3;
	size_t base = o + 3 + (size_t)(cnt + 1) * osz - 1; /* offsets count from 1 */
	size_t o0 = 0, o1 = 0, olast = 0;
	for (unsigned k = 0; k < osz; k++) {
		o0 = o0 << 8 | offs[k];
		o1 = o1 << 8 | offs[osz + k];
		olast = olast << 8 | offs[(size_t)cnt * osz + k];
	}
	if (o0 < 1 || o1 < o0 || olast < o1 || base + olast > n)
		return -1;
	*first = base + o0;
	*end = base + o1;
	*pos = base + olast;
	return 0;
}

/* Reads the Top DICT p[a..b): charset and CharStrings offsets, ROS presence. */
static int pdf_cff_topdict(const unsigned char *p, size_t a, size_t b, long *charset,
			   long *charstrings, int *ros)
{
	long stack[48];
	int sp = 0;
	*charset = 0;
	*charstrings = -1;
	*ros = 0;
	size_t i = a;
	while (i < b) {
		unsigned v = p[i];
		if (v <= 21) {
			unsigned op = v;
			i++;
			if (v == 12) {
				if (i >= b)
					return -1;
				op = 1200 + p[i++];
			}
			if (op == 15 && sp >= 1)
				*charset = stack[sp - 1];
			else if (op == 17 && sp >= 1)
				*charstrings = stack[sp - 1];
			else if (op == 1230)
				*ros = 1;
			sp = 0;
			continue;
		}
		long val;
		if (v == 28) {
			if (i + 3 > b)
				return -1;
			val = (int16_t)pdf_be16(p + i + 1);
			i += 3;
		} else if (v == 29) {
			if (i + 5 > b)
				return -1;
			val = (int32_t)((uint32_t)p[i + 1] << 24 | (uint32_t)p[i + 2] << 16 |
					(uint32_t)p[i + 3] << 8 | p[i + 4]);
			i += 5;
		} else if (v == 30) { /* real: nibbles up to an 0xf nibble; its value is not needed */
			i++;
			while (i < b && (p[i] & 0x0f) != 0x0f && (p[i] >> 4) != 0x0f)
				i++;
			if (i >= b)
				return -1;
			i++;
			val = 0;
		} else if (v >= 32 && v <= 246) {
			val = (long)v - 139;
			i++;
		} else if (v >= 247 && v <= 250) {
			if (i + 2 > b)
				return -1;
			val = ((long)v - 247) * 256 + p[i + 1] + 108;
			i += 2;
		} else if (v >= 251 && v <= 254) {
			if (i + 2 > b)
				return -1;
			val = -((long)v - 251) * 256 - p[i + 1] - 108;
			i += 2;
		} else {
			return -1;
		}
		if (sp < 48)
			stack[sp++] = val;
	}
	return 0;
}

enum err pdf_cff_read(const unsigned char *p, size_t n, struct pdf_cff *out)
{
	memset(out, 0, sizeof *out);
	size_t pos, first, end, dfirst, dend;
	unsigned count;
	long charset, charstrings;
	int ros;
	if (n < 4 || p[0] != 1 || p[2] < 4 || p[2] > n)
		return ERR_FONT;
	pos = p[2];
	if (pdf_cff_index(p, n, &pos, &first, &end, &count)) /* Name INDEX */
		return ERR_FONT;
	if (pdf_cff_index(p, n, &pos, &dfirst, &dend, &count) || count < 1) /* Top DICT INDEX */
		return ERR_FONT;
	if (pdf_cff_topdict(p, dfirst, dend, &charset, &charstrings, &ros))
		return ERR_FONT;
	if (charstrings <= 0 || (size_t)charstrings + 2 > n)
		return ERR_FONT;
	unsigned ng = pdf_be16(p + charstrings);
	if (ng == 0)
		return ERR_FONT;
	out->n_glyphs = ng;
	out->cid_keyed = ros;
	out->charset = calloc(ng, sizeof *out->charset);
	if (!out->charset)
		return ERR_NOMEM;
	if (charset <= 2) { /* predefined (name-keyed only): ids are not needed, keep glyph ids */
		if (ros)
			goto bad;
		for (unsigned g = 0; g < ng; g++)
			out->charset[g] = (uint16_t)g;
		return ERR_OK;
	}
	size_t o = (size_t)charset;
	if (o >= n)
		goto bad;
	unsigned fmt = p[o++];
	unsigned g = 1; /* glyph 0 is .notdef, CID/SID 0, not listed */
	while (g < ng) {
		if (fmt == 0) {
			if (o + 2 > n)
				goto bad;
			out->charset[g++] = (uint16_t)pdf_be16(p + o);
			o += 2;
		} else if (fmt == 1 || fmt == 2) {
			size_t rl = fmt == 1 ? 3 : 4;
			if (o + rl > n)
				goto bad;
			unsigned firstid = pdf_be16(p + o);
			unsigned left = fmt == 1 ? p[o + 2] : pdf_be16(p + o + 2);
			o += rl;
			for (unsigned k = 0; k <= left && g < ng; k++)
				out->charset[g++] = (uint16_t)(firstid + k);
		} else {
			goto bad;
		}
	}
	return ERR_OK;
bad:
	pdf_cff_free(out);
	return ERR_FONT;
}

void pdf_cff_free(struct pdf_cff *cff)
{
	if (!cff)
		return;
	free(cff->charset);
	cff->charset = NULL;
	cff->n_glyphs = 0;
}

/* ---- glyph set, widths, /W, ToUnicode ---------------------------------------------------- */

static void pdf_hex4(struct buf *b, unsigned v)
{
	char t[4] = {pdf_hexdigits[(v >> 12) & 15], pdf_hexdigits[(v >> 8) & 15],
		     pdf_hexdigits[(v >> 4) & 15], pdf_hexdigits[v & 15]};
	buf_put(b, t, 4);
}

/* One used glyph with its code, for the /W and ToUnicode tables (sorted by code). */
struct pdf_cg {
	unsigned code;
	uint32_t gid;
};

static int pdf_cg_cmp(const void *a, const void *b)
{
	unsigned x = ((const struct pdf_cg *)a)->code, y = ((const struct pdf_cg *)b)->code;
	return x < y ? -1 : x > y;
}

static int pdf_float_cmp(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return x < y ? -1 : x > y;
}

/* Collects pf->gids from the bitmap (glyph 0 included) and their widths: 1/1000 em rounded
   to 0.01, the value /W carries and content streams advance by. */
static enum err pdf_font_glyphs(struct pdf_font *pf)
{
	const struct font *f = pf->font;
	size_t n = 0;
	pf->used[0] |= 1;
	for (unsigned g = 0; g < f->num_glyphs; g++)
		n += (pf->used[g >> 3] >> (g & 7)) & 1;
	pf->gids = malloc(n * sizeof *pf->gids);
	pf->width = malloc((size_t)f->num_glyphs * sizeof *pf->width);
	if (!pf->gids || !pf->width)
		return ERR_NOMEM;
	double scale = 1000.0 / f->upem;
	for (unsigned g = 0; g < f->num_glyphs; g++)
		if ((pf->used[g >> 3] >> (g & 7)) & 1) {
			pf->gids[pf->n_gids++] = g;
			pf->width[g] = (float)(llround(font_advance(f, g) * scale * 100.0) / 100.0);
		}
	return ERR_OK;
}

/* The most common width: the CIDFont's /DW. */
static float pdf_font_dw(const struct pdf_font *pf)
{
	float *w = malloc(pf->n_gids * sizeof *w);
	if (!w)
		return 1000.0f;
	for (size_t i = 0; i < pf->n_gids; i++)
		w[i] = pf->width[pf->gids[i]];
	qsort(w, pf->n_gids, sizeof *w, pdf_float_cmp);
	float best = w[0];
	size_t best_n = 0;
	for (size_t i = 0, j; i < pf->n_gids; i = j) {
		for (j = i; j < pf->n_gids && w[j] == w[i]; j++)
			;
		if (j - i > best_n) {
			best_n = j - i;
			best = w[i];
		}
	}
	free(w);
	return best;
}

/* Builds the /W array into pf->w: "c [w w ...]" for runs of consecutive codes, "c1 c2 w" for
   3 or more consecutive codes of one width; codes of width dw are left out. */
static void pdf_font_build_w(struct pdf_font *pf, const struct pdf_cg *cg, size_t n, float dw)
{
	struct buf *b = &pf->w;
	buf_putc(b, '[');
	size_t i = 0;
	while (i < n) {
		float wi = pf->width[cg[i].gid];
		if (wi == dw) {
			i++;
			continue;
		}
		/* a run of consecutive codes without dw */
		size_t j = i + 1;
		while (j < n && cg[j].code == cg[j - 1].code + 1 && pf->width[cg[j].gid] != dw)
			j++;
		size_t k = i;
		int open = 0;
		while (k < j) {
			size_t m = k + 1;
			while (m < j && pf->width[cg[m].gid] == pf->width[cg[k].gid])
				m++;
			if (m - k >= 3) {
				if (open) {
					buf_puts(b, "]");
					open = 0;
				}
				buf_putnum(b, cg[k].code, 0);
				buf_putc(b, ' ');
				buf_putnum(b, cg[m - 1].code, 0);
				buf_putc(b, ' ');
				buf_putnum(b, pf->width[cg[k].gid], 2);
				buf_putc(b, ' ');
				k = m;
				continue;
			}
			if (!open) {
				buf_putnum(b, cg[k].code, 0);
				buf_puts(b, " [");
				open = 1;
			} else {
				buf_putc(b, ' ');
			}
			buf_putnum(b, pf->width[cg[k].gid], 2);
			k++;
		}
		if (open)
			buf_puts(b, "]");
		buf_putc(b, '\n');
		i = j;
	}
	buf_putc(b, ']');
}

/* Appends cp as UTF-16BE hex; code points that are not Unicode scalar values become U+FFFD. */
static void pdf_utf16_hex(struct buf *b, uint32_t cp)
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp >= 0x10000) {
		cp -= 0x10000;
		pdf_hex4(b, 0xD800 + (cp >> 10));
		pdf_hex4(b, 0xDC00 + (cp & 0x3FF));
	} else {
		pdf_hex4(b, cp);
	}
}

static int pdf_tu_single_bmp(const struct pdf_tu *t)
{
	return t->n == 1 && t->cp[0] < 0xD800;
}

/* Builds the ToUnicode CMap (Adobe TN #5411) from the document's tu[] records (pdf.c): bfrange for runs
   of consecutive codes that map to consecutive BMP code points (same high byte on both sides),
   bfchar for the rest (ligatures as several code points, non-BMP as surrogate pairs). Glyphs
   without a record (never noted by shaping) get no entry. */
static enum err pdf_font_build_tounicode(const struct pdf_font *pf, const struct pdf_cg *cg,
					 size_t n, struct buf *b)
{
	const struct pdf_tu *tu = pf->tu;
	/* kind[i]: 0 no entry, 1 bfchar, 2 start of a bfrange of len[i] codes, 3 inside one */
	unsigned char *kind = calloc(n ? n : 1, 1);
	size_t *len = calloc(n ? n : 1, sizeof *len);
	enum err e = ERR_OK;
	if (!kind || !len) {
		e = ERR_NOMEM;
		goto out;
	}
	size_t n_char = 0, n_range = 0;
	for (size_t i = 0; i < n;) {
		const struct pdf_tu *t = tu ? &tu[cg[i].gid] : NULL;
		if (!t || t->n == 0) {
			i++;
			continue;
		}
		size_t j = i + 1;
		if (pdf_tu_single_bmp(t)) {
			while (j < n && cg[j].code == cg[j - 1].code + 1 && (cg[j].code >> 8) == (cg[i].code >> 8) &&
			       pdf_tu_single_bmp(&tu[cg[j].gid]) &&
			       tu[cg[j].gid].cp[0] == tu[cg[j - 1].gid].cp[0] + 1 &&
			       (tu[cg[j].gid].cp[0] >> 8) == (t->cp[0] >> 8))
				j++;
		}
		if (j - i >= 2) {
			kind[i] = 2;
			len[i] = j - i;
			for (size_t k = i + 1; k < j; k++)
				kind[k] = 3;
			n_range++;
		} else {
			kind[i] = 1;
			n_char++;
		}
		i = j;
	}
	buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	size_t done = 0;
	for (size_t i = 0; i < n; i++) {
		if (kind[i] != 1)
			continue;
		if (done % PDF_CMAP_BLOCK == 0) {
			size_t m = n_char - done < PDF_CMAP_BLOCK ? n_char - done : PDF_CMAP_BLOCK;
			buf_putnum(b, (double)m, 0);
			buf_puts(b, " beginbfchar\n");
		}
		const struct pdf_tu *t = &tu[cg[i].gid];
		buf_putc(b, '<');
		pdf_hex4(b, cg[i].code);
		buf_puts(b, "> <");
		for (unsigned k = 0; k < t->n; k++)
			pdf_utf16_hex(b, t->cp[k]);
		buf_puts(b, ">\n");
		done++;
		if (done % PDF_CMAP_BLOCK == 0 || done == n_char)
			buf_puts(b, "endbfchar\n");
	}
	done = 0;
	for (size_t i = 0; i < n; i++) {
		if (kind[i] != 2)
			continue;
		if (done % PDF_CMAP_BLOCK == 0) {
			size_t m = n_range - done < PDF_CMAP_BLOCK ? n_range - done : PDF_CMAP_BLOCK;
			buf_putnum(b, (double)m, 0);
			buf_puts(b, " beginbfrange\n");
		}
		buf_putc(b, '<');
		pdf_hex4(b, cg[i].code);
		buf_puts(b, "> <");
		pdf_hex4(b, cg[i + len[i] - 1].code);
		buf_puts(b, "> <");
		pdf_hex4(b, tu[cg[i].gid].cp[0]);
		buf_puts(b, ">\n");
		done++;
		if (done % PDF_CMAP_BLOCK == 0 || done == n_range)
			buf_puts(b, "endbfrange\n");
	}
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	if (b->oom)
		e = ERR_NOMEM;
out:
	free(kind);
	free(len);
	return e;
}

/* ---- subsetting -------------------------------------------------------------------------- */

/* Tables the embedded font program needs: 'CFF ' of a CFF font (head and maxp come along for
   hb-subset's sake); glyf/loca/head/hhea/hmtx/maxp (+ OS/2, post, name) of a TrueType one. */
static int pdf_font_keep_table(int is_cff, hb_tag_t t)
{
	if (t == HB_TAG('h', 'e', 'a', 'd') || t == HB_TAG('m', 'a', 'x', 'p'))
		return 1;
	if (is_cff)
		return t == HB_TAG('C', 'F', 'F', ' ');
	return t == HB_TAG('g', 'l', 'y', 'f') || t == HB_TAG('l', 'o', 'c', 'a') ||
	       t == HB_TAG('h', 'h', 'e', 'a') || t == HB_TAG('h', 'm', 't', 'x') ||
	       t == HB_TAG('p', 'o', 's', 't') || t == HB_TAG('O', 'S', '/', '2') ||
	       t == HB_TAG('n', 'a', 'm', 'e');
}

/* The table source of the face hb-subset works on: the font's own tables, only those kept. */
static hb_blob_t *pdf_font_view_table(hb_face_t *view, hb_tag_t tag, void *user)
{
	const struct font *f = user;
	(void)view;
	return pdf_font_keep_table(f->is_cff, tag) ? hb_face_reference_table(f->face, tag) : NULL;
}

/* A six-letter subset tag derived from the glyph set and the font name (FNV-1a), so that the
   same input gives the same file. */
static void pdf_font_tag(const struct pdf_font *pf, char tag[7])
{
	uint64_t h = 14695981039346656037ull;
	for (const char *s = pf->font->psname; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	for (size_t i = 0; i < pf->n_gids; i++)
		for (int k = 0; k < 4; k++)
			h = (h ^ ((pf->gids[i] >> (8 * k)) & 0xff)) * 1099511628211ull;
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = 0;
}

/* ---- libharu objects --------------------------------------------------------------------- */

/* libharu calls this when it writes the CIDFont dict: appends the prebuilt /W array. */
static HPDF_STATUS pdf_font_write_w(HPDF_Dict dict, HPDF_Stream stream)
{
	const struct pdf_font *pf = dict->attr;
	if (!pf || pf->w.len <= 2)
		return HPDF_OK;
	HPDF_STATUS r = HPDF_Stream_WriteStr(stream, "/W ");
	if (r == HPDF_OK)
		r = HPDF_Stream_Write(stream, (const HPDF_BYTE *)pf->w.p, (HPDF_UINT)pf->w.len);
	if (r == HPDF_OK)
		r = HPDF_Stream_WriteStr(stream, "\012");
	return r;
}

/* A new empty dict registered as an indirect object; NULL on failure. */
static HPDF_Dict pdf_obj_dict(HPDF_Doc doc)
{
	HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
	if (!d || HPDF_Xref_Add(doc->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/* libharu writes /Filter only for the streams it compresses itself; this write_fn adds it to a
   dict whose bytes paiban compressed (called while libharu writes the dict's entries). */
static HPDF_STATUS pdf_flate_key(HPDF_Dict d, HPDF_Stream out)
{
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* libdeflate instead of libharu's zlib stream filter: the same format (RFC 1950, what
   /FlateDecode reads), several times faster at a smaller size (make bench). */
enum err pdf_stream_deflate(struct pdf_ctx *c, HPDF_Dict s, const void *data, size_t n)
{
	if (!c->z)
		c->z = libdeflate_alloc_compressor(PDF_DEFLATE_LEVEL);
	size_t bound = c->z ? libdeflate_zlib_compress_bound(c->z, n) : 0;
	if (!c->z || buf_reserve(&c->zbuf, bound)) {
		if (!c->reported)
			diag_msg(c->d, DIAG_ERROR, "out of memory while writing the PDF (compressing a stream)");
		c->reported = 1;
		return ERR_NOMEM;
	}
	size_t z = libdeflate_zlib_compress(c->z, data, n, c->zbuf.p, bound);
	if (z == 0 || z > 0xFFFFFFF0u)
		return pdf_fail(c, "compressing a stream");
	s->filter = HPDF_STREAM_FILTER_NONE;
	s->write_fn = pdf_flate_key;
	if (HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)c->zbuf.p, (HPDF_UINT)z) != HPDF_OK)
		return pdf_fail(c, "writing a stream");
	return ERR_OK;
}

enum err pdf_image_deflate(struct pdf_ctx *c, HPDF_Image im, const void *data, size_t n)
{
	HPDF_MemStream_FreeData(im->stream);
	return pdf_stream_deflate(c, im, data, n);
}

/* A new stream (indirect) holding z[0..n), data already compressed with pdf_deflate_buf;
   NULL on failure. */
static HPDF_Dict pdf_obj_stream_z(struct pdf_ctx *c, const struct buf *z)
{
	HPDF_Dict s = HPDF_DictStream_New(c->doc->mmgr, c->doc->xref);
	if (!s)
		return NULL;
	s->filter = HPDF_STREAM_FILTER_NONE;
	s->write_fn = pdf_flate_key;
	if (HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)z->p, (HPDF_UINT)z->len) != HPDF_OK)
		return NULL;
	return s;
}

static HPDF_INT32 pdf_font_units(const struct font *f, double v)
{
	return (HPDF_INT32)lround(v * 1000.0 / f->upem);
}

/* Reads OS/2 usWeightClass and sFamilyClass, post isFixedPitch. */
static void pdf_font_style(const struct font *f, unsigned *weight, int *serif, int *fixed)
{
	*weight = f->bold ? 700 : 400;
	*serif = 0;
	*fixed = 0;
	unsigned len;
	hb_blob_t *os2 = hb_face_reference_table(f->face, HB_TAG('O', 'S', '/', '2'));
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(os2, &len);
	if (p && len >= 32) {
		unsigned w = pdf_be16(p + 4);
		if (w >= 100 && w <= 1000)
			*weight = w;
		unsigned cls = p[30];
		*serif = (cls >= 1 && cls <= 5) || cls == 7;
	}
	hb_blob_destroy(os2);
	hb_blob_t *post = hb_face_reference_table(f->face, HB_TAG('p', 'o', 's', 't'));
	p = (const unsigned char *)hb_blob_get_data(post, &len);
	if (p && len >= 16)
		*fixed = (p[12] | p[13] | p[14] | p[15]) != 0;
	hb_blob_destroy(post);
}

/* Builds the FontDescriptor with the embedded program. */
static HPDF_Dict pdf_font_descriptor(struct pdf_ctx *c, const struct pdf_font *pf, const char *name,
				     const struct pdf_font_prep *pp)
{
	const struct font *f = pf->font;
	HPDF_Doc doc = c->doc;
	HPDF_Dict desc = pdf_obj_dict(doc);
	HPDF_Dict file = pdf_obj_stream_z(c, &pp->prog);
	if (!desc || !file)
		return NULL;
	HPDF_Array bbox = HPDF_Array_New(doc->mmgr);
	if (!bbox || HPDF_Dict_Add(desc, "FontBBox", bbox) != HPDF_OK)
		return NULL;
	unsigned weight;
	int serif, fixed;
	pdf_font_style(f, &weight, &serif, &fixed);
	/* §9.8.2: Symbolic (4): the glyphs are outside the standard Latin set; Serif (2),
	   FixedPitch (1), Italic (64) from the font's tables */
	HPDF_INT32 flags = 4 | (fixed ? 1 : 0) | (serif ? 2 : 0) |
		((f->italic || f->italic_angle) ? 64 : 0);
	int ok = 1;
	for (int i = 0; i < 4; i++)
		ok &= HPDF_Array_AddNumber(bbox, pdf_font_units(f, f->bbox[i])) == HPDF_OK;
	ok &= HPDF_Dict_AddName(desc, "Type", "FontDescriptor") == HPDF_OK;
	ok &= HPDF_Dict_AddName(desc, "FontName", name) == HPDF_OK;
	ok &= HPDF_Dict_AddNumber(desc, "Flags", flags) == HPDF_OK;
	ok &= HPDF_Dict_AddNumber(desc, "ItalicAngle", f->italic_angle) == HPDF_OK;
	ok &= HPDF_Dict_AddNumber(desc, "Ascent", pdf_font_units(f, f->ascender)) == HPDF_OK;
	ok &= HPDF_Dict_AddNumber(desc, "Descent", pdf_font_units(f, f->descender)) == HPDF_OK;
	ok &= HPDF_Dict_AddNumber(desc, "CapHeight", pdf_font_units(f, f->cap_height)) == HPDF_OK;
	if (f->x_height)
		ok &= HPDF_Dict_AddNumber(desc, "XHeight", pdf_font_units(f, f->x_height)) == HPDF_OK;
	/* StemV is only used to substitute a missing font; estimated from the weight class */
	ok &= HPDF_Dict_AddNumber(desc, "StemV", (HPDF_INT32)(weight / 5)) == HPDF_OK;
	if (f->is_cff) {
		ok &= HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C") == HPDF_OK;
		ok &= HPDF_Dict_Add(desc, "FontFile3", file) == HPDF_OK;
	} else {
		ok &= HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)pp->prog_len) == HPDF_OK;
		ok &= HPDF_Dict_Add(desc, "FontFile2", file) == HPDF_OK;
	}
	return ok ? desc : NULL;
}

/* Builds Type0 -> CIDFont -> FontDescriptor, ToUnicode, (CIDToGIDMap) for pf. */
static enum err pdf_font_objects(struct pdf_ctx *c, struct pdf_font *pf, const struct pdf_font_prep *pp)
{
	float dw = pp->dw;
	const struct font *f = pf->font;
	HPDF_Doc doc = c->doc;
	char tag[7], name[128], type0_name[140];
	pdf_font_tag(pf, tag);
	snprintf(name, sizeof name, "%s+%.100s", tag, f->psname);
	/* §9.7.6.1: for a CIDFontType0 descendant the Type0 name is "CIDFont-CMap" */
	snprintf(type0_name, sizeof type0_name, "%s%s", name, f->is_cff ? "-Identity-H" : "");

	HPDF_Dict desc = pdf_font_descriptor(c, pf, name, pp);
	if (!desc)
		return pdf_fail(c, "font descriptor");
	HPDF_Dict type0 = pdf_obj_dict(doc);
	HPDF_Dict cid = pdf_obj_dict(doc);
	HPDF_Dict tu = pdf_obj_stream_z(c, &pp->tounicode);
	HPDF_Dict map = pp->has_map ? pdf_obj_stream_z(c, &pp->cidmap) : NULL;
	if (!type0 || !cid || !tu || (pp->has_map && !map))
		return pdf_fail(c, "font dictionary");
	HPDF_Array desc_fonts = HPDF_Array_New(doc->mmgr);
	if (!desc_fonts || HPDF_Dict_Add(type0, "DescendantFonts", desc_fonts) != HPDF_OK)
		return pdf_fail(c, "font dictionary");
	HPDF_Dict sysinfo = HPDF_Dict_New(doc->mmgr);
	if (!sysinfo || HPDF_Dict_Add(cid, "CIDSystemInfo", sysinfo) != HPDF_OK)
		return pdf_fail(c, "font dictionary");
	int ok = 1;
	ok &= HPDF_Dict_AddName(type0, "Type", "Font") == HPDF_OK;
	ok &= HPDF_Dict_AddName(type0, "Subtype", "Type0") == HPDF_OK;
	ok &= HPDF_Dict_AddName(type0, "BaseFont", type0_name) == HPDF_OK;
	ok &= HPDF_Dict_AddName(type0, "Encoding", "Identity-H") == HPDF_OK;
	ok &= HPDF_Array_Add(desc_fonts, cid) == HPDF_OK;
	ok &= HPDF_Dict_Add(type0, "ToUnicode", tu) == HPDF_OK;
	ok &= HPDF_Dict_Add(sysinfo, "Registry", HPDF_String_New(doc->mmgr, "Adobe", NULL)) == HPDF_OK;
	ok &= HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(doc->mmgr, "Identity", NULL)) == HPDF_OK;
	ok &= HPDF_Dict_AddNumber(sysinfo, "Supplement", 0) == HPDF_OK;
	ok &= HPDF_Dict_AddName(cid, "Type", "Font") == HPDF_OK;
	ok &= HPDF_Dict_AddName(cid, "Subtype", f->is_cff ? "CIDFontType0" : "CIDFontType2") == HPDF_OK;
	ok &= HPDF_Dict_AddName(cid, "BaseFont", name) == HPDF_OK;
	ok &= HPDF_Dict_Add(cid, "FontDescriptor", desc) == HPDF_OK;
	ok &= HPDF_Dict_AddNumber(cid, "DW", (HPDF_INT32)lroundf(dw)) == HPDF_OK;
	if (map)
		ok &= HPDF_Dict_Add(cid, "CIDToGIDMap", map) == HPDF_OK;
	if (!ok)
		return pdf_fail(c, "font dictionary");
	/* /W is written raw (numbers with our precision) when libharu writes the dict */
	cid->attr = pf;
	cid->write_fn = pdf_font_write_w;
	pf->type0 = type0;
	return ERR_OK;
}

/* Writes the /DW value's rounding back into the widths: /DW is an integer, so glyphs of the
   default width advance by the rounded value. */
static void pdf_font_apply_dw(struct pdf_font *pf, float dw)
{
	float r = (float)lroundf(dw);
	if (r == dw)
		return;
	for (size_t i = 0; i < pf->n_gids; i++)
		if (pf->width[pf->gids[i]] == dw)
			pf->width[pf->gids[i]] = r;
}

/* Compresses data[0..n) into out (zlib format, for /FlateDecode) with *z (made on first use). */
static enum err pdf_deflate_buf(struct libdeflate_compressor **z, const void *data, size_t n, struct buf *out)
{
	if (!*z)
		*z = libdeflate_alloc_compressor(PDF_DEFLATE_LEVEL);
	size_t bound = *z ? libdeflate_zlib_compress_bound(*z, n) : 0;
	out->len = 0;
	if (!*z || buf_reserve(out, bound))
		return ERR_NOMEM;
	size_t got = libdeflate_zlib_compress(*z, data, n, out->p, bound);
	if (got == 0 || got > 0xFFFFFFF0u)
		return ERR_PDF;
	out->len = got;
	return ERR_OK;
}

enum err pdf_font_prepare(struct pdf_font *pf, struct pdf_font_prep *pp)
{
	struct font *f = pf->font;
	enum err e = ERR_OK;
	hb_subset_input_t *in = NULL;
	hb_subset_plan_t *plan = NULL;
	hb_face_t *view = NULL;
	hb_face_t *sub = NULL;
	hb_blob_t *prog = NULL;
	struct pdf_cff cff = {0};
	struct pdf_cg *cg = NULL;
	struct buf tounicode, cidmap;
	buf_init(&tounicode);
	buf_init(&cidmap);

	in = hb_subset_input_create_or_fail();
	if ((e = pdf_font_glyphs(pf)) || !in) {
		e = pdf_font_error(pp, ERR_NOMEM, NULL);
		goto out;
	}
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	for (size_t i = 0; i < pf->n_gids; i++)
		hb_set_add(glyphs, pf->gids[i]);
	/* without RETAIN_GIDS: for CFF the charset keeps the CIDs; for TrueType CIDToGIDMap maps */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
				  (f->is_cff ? HB_SUBSET_FLAGS_DESUBROUTINIZE : 0));
	view = hb_face_create_for_tables(pdf_font_view_table, f, NULL);
	if (!hb_set_allocation_successful(glyphs) || view == hb_face_get_empty()) {
		e = pdf_font_error(pp, ERR_NOMEM, NULL);
		goto out;
	}
	hb_face_set_upem(view, f->upem);
	hb_face_set_glyph_count(view, f->num_glyphs);
	plan = hb_subset_plan_create_or_fail(view, in);
	if (!plan) {
		e = pdf_font_error(pp, ERR_FONT, "hb-subset could not plan the subset");
		goto out;
	}
	const hb_map_t *old2new = hb_subset_plan_old_to_new_glyph_mapping(plan);
	sub = hb_subset_plan_execute_or_fail(plan);
	if (!sub) {
		e = pdf_font_error(pp, ERR_FONT, "hb-subset failed");
		goto out;
	}
	prog = f->is_cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
			 : hb_face_reference_blob(sub);
	unsigned prog_len;
	const char *prog_data = hb_blob_get_data(prog, &prog_len);
	if (!prog_data || prog_len == 0) {
		e = pdf_font_error(pp, ERR_FONT, "the subset font is empty");
		goto out;
	}
	if (f->is_cff && (e = pdf_cff_read((const unsigned char *)prog_data, prog_len, &cff))) {
		e = pdf_font_error(pp, e, "the subset CFF table is malformed");
		goto out;
	}

	/* codes: see the file comment */
	cg = malloc(pf->n_gids * sizeof *cg);
	if (!cg) {
		e = pdf_font_error(pp, ERR_NOMEM, NULL);
		goto out;
	}
	int identity = 1;
	uint32_t max_gid = 0;
	for (size_t i = 0; i < pf->n_gids; i++) {
		uint32_t g = pf->gids[i], ng = hb_map_get(old2new, g);
		if (ng == HB_MAP_VALUE_INVALID || (f->is_cff && ng >= cff.n_glyphs) || ng > 0xFFFF) {
			e = pdf_font_error(pp, ERR_FONT, "a used glyph is missing from the subset");
			goto out;
		}
		unsigned code = g;
		if (f->is_cff)
			code = cff.cid_keyed ? cff.charset[ng] : ng;
		cg[i] = (struct pdf_cg){code, g};
		identity &= code == g;
		if (g > max_gid)
			max_gid = g;
	}
	if (!identity) {
		pf->code = calloc(f->num_glyphs, sizeof *pf->code);
		if (!pf->code) {
			e = pdf_font_error(pp, ERR_NOMEM, NULL);
			goto out;
		}
		for (size_t i = 0; i < pf->n_gids; i++)
			pf->code[cg[i].gid] = (uint16_t)cg[i].code;
		qsort(cg, pf->n_gids, sizeof *cg, pdf_cg_cmp);
		for (size_t i = 1; i < pf->n_gids; i++)
			if (cg[i].code == cg[i - 1].code) {
				e = pdf_font_error(pp, ERR_FONT, "two glyphs share a CID");
				goto out;
			}
	}
	if (!f->is_cff) { /* CIDToGIDMap: 2 bytes per CID (= original glyph id): the subset's id */
		if (buf_reserve(&cidmap, 2 * ((size_t)max_gid + 1))) {
			e = pdf_font_error(pp, ERR_NOMEM, NULL);
			goto out;
		}
		memset(cidmap.p, 0, 2 * ((size_t)max_gid + 1));
		cidmap.len = 2 * ((size_t)max_gid + 1);
		for (size_t i = 0; i < pf->n_gids; i++) {
			uint32_t ng = hb_map_get(old2new, pf->gids[i]);
			cidmap.p[2 * pf->gids[i]] = (char)(ng >> 8);
			cidmap.p[2 * pf->gids[i] + 1] = (char)(ng & 0xff);
		}
	}

	float dw = pdf_font_dw(pf);
	pdf_font_build_w(pf, cg, pf->n_gids, dw);
	pdf_font_apply_dw(pf, dw);
	if ((e = pdf_font_build_tounicode(pf, cg, pf->n_gids, &tounicode)) || pf->w.oom) {
		e = pdf_font_error(pp, ERR_NOMEM, NULL);
		goto out;
	}
	pp->dw = dw;
	pp->prog_len = prog_len;
	pp->has_map = !f->is_cff;
	if ((e = pdf_deflate_buf(&pp->z, prog_data, prog_len, &pp->prog)) ||
	    (e = pdf_deflate_buf(&pp->z, tounicode.p, tounicode.len, &pp->tounicode)) ||
	    (!f->is_cff && (e = pdf_deflate_buf(&pp->z, cidmap.p, cidmap.len, &pp->cidmap))))
		e = pdf_font_error(pp, e, "compressing its streams");
out:
	free(cg);
	pdf_cff_free(&cff);
	buf_free(&tounicode);
	buf_free(&cidmap);
	hb_blob_destroy(prog);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	hb_face_destroy(view);
	hb_subset_input_destroy(in);
	return e;
}

void pdf_font_release(struct pdf_font *pf)
{
	if (!pf)
		return;
	free(pf->used);
	free(pf->tu);
	free(pf->gids);
	free(pf->code);
	free(pf->width);
	buf_free(&pf->w);
	pf->tu = NULL;
	pf->used = NULL;
	pf->gids = NULL;
	pf->code = NULL;
	pf->width = NULL;
	pf->n_gids = 0;
	pf->type0 = NULL;
}

/* ---- pages and the Info dict --------------------------------------------------------------- */

enum err pdf_page_put_font(struct pdf_ctx *c, HPDF_Page page, const struct pdf_font *pf)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	if (!attr->fonts) { /* as HPDF_Page_GetLocalFontName does, but with our resource names */
		HPDF_Dict res = HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT);
		HPDF_Dict fonts = res ? HPDF_Dict_New(page->mmgr) : NULL;
		if (!fonts || HPDF_Dict_Add(res, "Font", fonts) != HPDF_OK)
			return pdf_fail(c, "page font resources");
		attr->fonts = fonts;
	}
	if (HPDF_Dict_Add(attr->fonts, pf->res, pf->type0) != HPDF_OK)
		return pdf_fail(c, "page font resources");
	return ERR_OK;
}

enum err pdf_page_put_content(struct pdf_ctx *c, HPDF_Page page, const char *content, size_t n)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	/* libharu has already written the page's image operators (HPDF_Page_DrawImage) into the
	   stream: they go first, compressed with the rest */
	HPDF_UINT32 pre = HPDF_Stream_Size(attr->stream);
	if (n == 0 && pre == 0) { /* libharu writes an empty stream with /FlateDecode: readers warn */
		attr->contents->filter = HPDF_STREAM_FILTER_NONE;
		return ERR_OK;
	}
	if (pre == 0)
		return pdf_stream_deflate(c, attr->contents, content, n);
	struct buf all;
	buf_init(&all);
	if (n > 0xFFFFFFF0u - pre || buf_reserve(&all, pre + n)) {
		buf_free(&all);
		return pdf_fail(c, "page content");
	}
	HPDF_UINT got = pre;
	if (HPDF_Stream_Seek(attr->stream, 0, HPDF_SEEK_SET) != HPDF_OK ||
	    HPDF_Stream_Read(attr->stream, (HPDF_BYTE *)all.p, &got) != HPDF_OK || got != pre) {
		buf_free(&all);
		return pdf_fail(c, "page content");
	}
	if (n)
		memcpy(all.p + pre, content, n);
	HPDF_MemStream_FreeData(attr->stream);
	enum err e = pdf_stream_deflate(c, attr->contents, all.p, pre + n);
	buf_free(&all);
	return e;
}

HPDF_Binary pdf_text_string(struct pdf_ctx *c, const char *utf8)
{
	HPDF_Doc doc = c->doc;
	size_t n = strlen(utf8);
	unsigned char *u = malloc(2 * n + 2);
	if (!u)
		return NULL;
	size_t k = 0;
	u[k++] = 0xFE;
	u[k++] = 0xFF;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = utf8_decode(utf8 + i, n - i, &cp);
		if (!l)
			cp = 0xFFFD;
		i += l ? l : 1;
		if (k + 4 > HPDF_LIMIT_MAX_STRING_LEN)
			break;
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
			u[k++] = (unsigned char)(hi >> 8);
			u[k++] = (unsigned char)hi;
			u[k++] = (unsigned char)(lo >> 8);
			u[k++] = (unsigned char)lo;
		} else {
			u[k++] = (unsigned char)(cp >> 8);
			u[k++] = (unsigned char)cp;
		}
	}
	HPDF_Binary b = HPDF_Binary_New(doc->mmgr, u, (HPDF_UINT)k);
	free(u);
	return b;
}

enum err pdf_info_put_utf16(struct pdf_ctx *c, const char *key, const char *utf8)
{
	HPDF_Doc doc = c->doc;
	if (2 * strlen(utf8) + 2 > HPDF_LIMIT_MAX_STRING_LEN)
		return pdf_fail(c, "document info");
	HPDF_Binary b = pdf_text_string(c, utf8);
	if (!b) {
		if (!c->reported)
			diag_msg(c->d, DIAG_ERROR, "out of memory while writing the PDF (document info)");
		c->reported = 1;
		return ERR_NOMEM;
	}
	/* the Info dict exists once any attribute was set (pdf.c sets Producer first) */
	if (!doc->info || HPDF_Dict_Add(doc->info, key, b) != HPDF_OK)
		return pdf_fail(c, "document info");
	return ERR_OK;
}

/* ---- the object API for the structure tree (pdftag.c) -------------------------------------- */

HPDF_MMgr pdf_mmgr(struct pdf_ctx *c)
{
	return c->doc->mmgr;
}

HPDF_Dict pdf_new_dict(struct pdf_ctx *c)
{
	return pdf_obj_dict(c->doc);
}

HPDF_Array pdf_new_array(struct pdf_ctx *c)
{
	HPDF_Array a = HPDF_Array_New(c->doc->mmgr);
	if (!a || HPDF_Xref_Add(c->doc->xref, a) != HPDF_OK)
		return NULL;
	return a;
}

HPDF_Dict pdf_catalog(struct pdf_ctx *c)
{
	return c->doc->catalog;
}

enum err pdf_page_put_raw(struct pdf_ctx *c, HPDF_Page page, const char *s)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	if (HPDF_Stream_WriteStr(attr->stream, s) != HPDF_OK)
		return pdf_fail(c, "page content");
	return ERR_OK;
}

void pdf_need_version(struct pdf_ctx *c, HPDF_PDFVer v)
{
	if (c->doc->pdf_version < v)
		c->doc->pdf_version = v;
}

enum err pdf_font_finish(struct pdf_ctx *c, struct pdf_font *pf, struct pdf_font_prep *pp)
{
	const struct font *f = pf->font;
	if (pp->e) {
		if (!c->reported) {
			c->reported = 1;
			if (pp->e == ERR_NOMEM)
				diag_msg(c->d, DIAG_ERROR, "out of memory while embedding font %s", f->path);
			else
				diag_msg(c->d, DIAG_ERROR, "cannot embed font %s (face %d): %s", f->path,
					 f->index, pp->what ? pp->what : "failed");
		}
		return pp->e;
	}
	snprintf(pf->res, sizeof pf->res, "F%d", pf->slot + 1);
	return pdf_font_objects(c, pf, pp);
}

void pdf_font_prep_free(struct pdf_font_prep *pp)
{
	if (!pp)
		return;
	buf_free(&pp->prog);
	buf_free(&pp->tounicode);
	buf_free(&pp->cidmap);
	libdeflate_free_compressor(pp->z);
	memset(pp, 0, sizeof *pp);
}
