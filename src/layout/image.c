/* image.c: image paths (path safety), image headers (PNG via libpng, JPEG SOF) and PNG
   decoding with libpng's simplified API (no setjmp in our code). Contract in image.h. */
#include "image.h"
#include "../base/file.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *image_verdict_str(enum image_verdict v)
{
	switch (v) {
	case IMAGE_USABLE: return "usable";
	case IMAGE_REMOTE: return "remote image (paiban never fetches)";
	case IMAGE_ABSOLUTE: return "absolute path outside the article's folder (allow it with --allow-path DIR)";
	case IMAGE_OUTSIDE: return "path resolves outside the article's folder (allow it with --allow-path DIR)";
	case IMAGE_MISSING: return "no such file";
	case IMAGE_NOT_FILE: return "not a regular file";
	}
	return "unknown";
}

/* Nonzero for a URL: //host... or scheme: (two or more scheme characters before the colon,
   so a single drive letter is not taken for one). */
static int image_is_url(const char *s)
{
	if (s[0] == '/' && s[1] == '/')
		return 1;
	if (!isalpha((unsigned char)s[0]))
		return 0;
	size_t i = 1;
	while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':' && i >= 2;
}

/* Nonzero when path lies inside folder dir (both real paths), on a component boundary. */
static int image_inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (strncmp(path, dir, n))
		return 0;
	return (n && dir[n - 1] == '/') || path[n] == '/';
}

static int image_hex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes %XX escapes of s into a new string (malloc'ed); NULL when out of memory. */
static char *image_unescape(const char *s)
{
	size_t n = strlen(s), k = 0;
	char *o = malloc(n + 1);
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int h, l;
		if (s[i] == '%' && i + 2 < n && (h = image_hex(s[i + 1])) >= 0 &&
		    (l = image_hex(s[i + 2])) >= 0 && (h || l)) {
			o[k++] = (char)(h * 16 + l);
			i += 2;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = 0;
	return o;
}

/* realpath of base/src (or src when absolute); NULL when it does not exist. */
static char *image_real(const char *base, const char *src, int *nomem)
{
	char *cand;
	if (src[0] == '/') {
		cand = strdup(src);
	} else {
		cand = malloc(strlen(base) + strlen(src) + 2);
		if (cand)
			sprintf(cand, "%s/%s", base, src);
	}
	if (!cand) {
		*nomem = 1;
		return NULL;
	}
	char *r = realpath(cand, NULL);
	if (!r && errno == ENOMEM)
		*nomem = 1;
	free(cand);
	return r;
}

enum err image_resolve(const char *input, const char *src, const struct image_allow *allow,
		       char **path, enum image_verdict *v)
{
	enum err e = ERR_OK;
	char *base = NULL, *rbase = NULL, *real = NULL, *unesc = NULL;
	int nomem = 0;
	*path = NULL;
	*v = IMAGE_MISSING;
	if (!src || !*src)
		goto done;
	if (image_is_url(src)) {
		*v = IMAGE_REMOTE;
		goto done;
	}
	const char *slash = input ? strrchr(input, '/') : NULL;
	if (!slash || !strcmp(input, "-"))
		base = strdup(".");
	else if (slash == input)
		base = strdup("/");
	else
		base = strndup(input, (size_t)(slash - input));
	if (!base) {
		e = ERR_NOMEM;
		goto done;
	}
	rbase = realpath(base, NULL);
	if (!rbase)
		goto done; /* the input's folder is gone: nothing can be found */
	real = image_real(rbase, src, &nomem);
	if (!real && !nomem && strchr(src, '%')) {
		unesc = image_unescape(src);
		if (!unesc)
			nomem = 1;
		else
			real = image_real(rbase, unesc, &nomem);
	}
	if (nomem) {
		e = ERR_NOMEM;
		goto done;
	}
	if (!real)
		goto done;
	int ok = src[0] != '/' && image_inside(real, rbase);
	for (size_t i = 0; !ok && allow && i < allow->n; i++) {
		char *ra = realpath(allow->dirs[i], NULL);
		ok = ra && image_inside(real, ra);
		free(ra);
	}
	if (!ok) {
		*v = src[0] == '/' ? IMAGE_ABSOLUTE : IMAGE_OUTSIDE;
		goto done;
	}
	struct stat st;
	if (stat(real, &st)) {
		*v = IMAGE_MISSING;
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		*v = IMAGE_NOT_FILE;
		goto done;
	}
	if (access(real, R_OK)) {
		*v = IMAGE_MISSING;
		goto done;
	}
	*v = IMAGE_USABLE;
	*path = real;
	real = NULL;
done:
	free(base);
	free(rbase);
	free(real);
	free(unesc);
	return e;
}

/* ---- headers ------------------------------------------------------------------------------ */

static enum err image_check_size(unsigned w, unsigned h, char *msg, size_t n)
{
	if (!w || !h) {
		snprintf(msg, n, "image has no pixels (%ux%u)", w, h);
		return ERR_INPUT;
	}
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || (unsigned long long)w * h > IMAGE_MAX_PIXELS) {
		snprintf(msg, n, "image of %ux%u pixels is larger than the limit (%u per side, %u pixels)",
			 w, h, IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS);
		return ERR_LIMIT;
	}
	return ERR_OK;
}

static int image_get16(FILE *f, unsigned *v)
{
	int a = getc(f), b = getc(f);
	if (a == EOF || b == EOF)
		return -1;
	*v = (unsigned)a << 8 | (unsigned)b;
	return 0;
}

/* Length of the marker segment at f (after its marker code), read and skipped; -1 at EOF or
   for a length below 2. */
static long image_jpeg_skip(FILE *f)
{
	unsigned len;
	if (image_get16(f, &len) || len < 2 || fseek(f, (long)len - 2, SEEK_CUR))
		return -1;
	return (long)len;
}

/* Reads entropy-coded data up to the next marker (ITU T.81 B.1.1.5: 0xFF 0x00 is a data byte,
   0xFF 0xD0..0xD7 a restart marker, 0xFF fill bytes may precede a marker). Returns the marker
   code or EOF. */
static int image_jpeg_scan(FILE *f)
{
	int c;
	while ((c = getc_unlocked(f)) != EOF) {
		if (c != 0xFF)
			continue;
		while ((c = getc_unlocked(f)) == 0xFF)
			;
		if (c == EOF)
			return EOF;
		if (c != 0x00 && !(c >= 0xD0 && c <= 0xD7))
			return c;
	}
	return EOF;
}

/* Walks the JPEG's structure (ITU T.81 B.2): SOI (already read), the frame header, at least one
   scan, and EOI. SOF0 (baseline), SOF1 (extended) and SOF2 (progressive) Huffman frames with
   8-bit samples are what PDF's DCTDecode takes; lossless, hierarchical and arithmetic-coded
   frames are refused. A file cut short (no EOI: a truncated download) is refused too: it is
   embedded as it is, and viewers would draw it grey from the cut down, or not at all. */
static enum err image_probe_jpeg(FILE *f, struct image_info *info, char *msg, size_t n)
{
	int frame = 0, scans = 0, c = getc(f);
	for (int markers = 0; markers < 4096; markers++) {
		if (c != 0xFF) {
			snprintf(msg, n, c == EOF ? "truncated JPEG (the file ends before its end-of-image "
				 "marker)" : "malformed JPEG (no marker where one was expected)");
			return ERR_INPUT;
		}
		while ((c = getc(f)) == 0xFF)
			; /* fill bytes */
		if (c == EOF)
			break;
		if ((c >= 0xD0 && c <= 0xD7) || c == 0x01) {
			c = getc(f);
			continue; /* markers without a length */
		}
		if (c == 0xD9) {
			if (frame && scans)
				return image_check_size(info->width, info->height, msg, n);
			snprintf(msg, n, frame ? "malformed JPEG (no image data: no scan)" :
				 "malformed JPEG (no frame header)");
			return ERR_INPUT;
		}
		if (c == 0xDA) {
			if (!frame) {
				snprintf(msg, n, "malformed JPEG (image data before the frame header)");
				return ERR_INPUT;
			}
			if (image_jpeg_skip(f) < 0)
				break;
			scans++;
			c = image_jpeg_scan(f);
			if (c == EOF)
				break;
			ungetc(c, f);
			c = 0xFF;
			continue;
		}
		if (c >= 0xC0 && c <= 0xCF && c != 0xC4 && c != 0xC8 && c != 0xCC) {
			unsigned len, h, w;
			int prec, comps;
			if (frame) {
				snprintf(msg, n, "malformed JPEG (two frame headers)");
				return ERR_INPUT;
			}
			if (image_get16(f, &len) || len < 8 || (prec = getc(f)) == EOF ||
			    image_get16(f, &h) || image_get16(f, &w) || (comps = getc(f)) == EOF)
				break;
			if (c > 0xC2) {
				snprintf(msg, n, "unsupported JPEG coding (SOF%d: lossless, hierarchical or "
					 "arithmetic-coded); save it as baseline or progressive JPEG", c - 0xC0);
				return ERR_INPUT;
			}
			if (prec != 8 || (comps != 1 && comps != 3 && comps != 4)) {
				snprintf(msg, n, "unsupported JPEG (%d-bit samples, %d components)", prec, comps);
				return ERR_INPUT;
			}
			info->format = IMAGE_JPEG;
			info->width = w;
			info->height = h;
			info->components = comps;
			enum err e = image_check_size(w, h, msg, n);
			if (e)
				return e;
			frame = 1;
			if (fseek(f, (long)len - 8, SEEK_CUR))
				break;
		} else if (image_jpeg_skip(f) < 0) {
			break;
		}
		c = getc(f);
	}
	if (frame)
		snprintf(msg, n, "truncated JPEG (the file ends before its end-of-image marker%s)",
			 scans ? "" : "; no image data");
	else
		snprintf(msg, n, "malformed JPEG (no frame header)");
	return ERR_INPUT;
}

/* Opens path for reading a header: ERR_IO or ERR_LIMIT with msg. */
static enum err image_open(const char *path, FILE **fp, long long *bytes, char *msg, size_t n)
{
	struct stat st;
	FILE *f = file_fopen_regular(path, msg, n); /* never blocks on a FIFO put in its place */
	if (!f)
		return ERR_IO;
	if (fstat(fileno(f), &st)) {
		fclose(f);
		snprintf(msg, n, "cannot read: %s", strerror(errno));
		return ERR_IO;
	}
	if ((long long)st.st_size > IMAGE_MAX_BYTES) {
		fclose(f);
		snprintf(msg, n, "file larger than %lld bytes", IMAGE_MAX_BYTES);
		return ERR_LIMIT;
	}
	*fp = f;
	if (bytes)
		*bytes = (long long)st.st_size;
	return ERR_OK;
}

enum err image_probe(const char *path, struct image_info *info, char *msg, size_t n)
{
	FILE *f = NULL;
	unsigned char sig[8];
	memset(info, 0, sizeof *info);
	enum err e = image_open(path, &f, &info->bytes, msg, n);
	if (e)
		return e;
	size_t got = fread(sig, 1, sizeof sig, f);
	if (got == 8 && !png_sig_cmp(sig, 0, 8)) {
		png_image img;
		memset(&img, 0, sizeof img);
		img.version = PNG_IMAGE_VERSION;
		rewind(f);
		if (!png_image_begin_read_from_stdio(&img, f)) {
			snprintf(msg, n, "malformed PNG (%s)", img.message);
			e = ERR_INPUT;
		} else {
			info->format = IMAGE_PNG;
			info->width = img.width;
			info->height = img.height;
			e = image_check_size(img.width, img.height, msg, n);
		}
		png_image_free(&img);
	} else if (got >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
		fseek(f, 2, SEEK_SET);
		e = image_probe_jpeg(f, info, msg, n);
	} else {
		snprintf(msg, n, "not a PNG or JPEG image (paiban prints PNG and JPEG)");
		e = ERR_INPUT;
	}
	fclose(f);
	return e;
}

/* ---- PNG decoding ------------------------------------------------------------------------- */

void image_pixels_free(struct image_pixels *p)
{
	if (!p)
		return;
	free(p->pix);
	free(p->alpha);
	p->pix = p->alpha = NULL;
}

enum err image_decode_png(const char *path, struct image_pixels *out, char *msg, size_t n)
{
	enum err e = ERR_OK;
	FILE *f = NULL;
	unsigned char *buf = NULL;
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	memset(out, 0, sizeof *out);
	if ((e = image_open(path, &f, NULL, msg, n)))
		goto done;
	if (!png_image_begin_read_from_stdio(&img, f)) {
		snprintf(msg, n, "malformed PNG (%s)", img.message);
		e = ERR_INPUT;
		goto done;
	}
	if ((e = image_check_size(img.width, img.height, msg, n)))
		goto done;
	img.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
	int alpha = (img.format & PNG_FORMAT_FLAG_ALPHA) != 0;
	int comps = (img.format & PNG_FORMAT_FLAG_COLOR) ? 3 : 1;
	img.format = (comps == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY) | (alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
	size_t px = (size_t)img.width * img.height, stride = (size_t)(comps + alpha);
	/* an opaque image is decoded straight into its pixels; one with alpha through a buffer
	   whose samples are then split into colour and alpha planes */
	buf = alpha ? malloc(px * stride) : NULL;
	out->pix = malloc(px * (size_t)comps);
	out->alpha = alpha ? malloc(px) : NULL;
	if ((alpha && !buf) || !out->pix || (alpha && !out->alpha)) {
		snprintf(msg, n, "out of memory");
		e = ERR_NOMEM;
		goto done;
	}
	if (!png_image_finish_read(&img, NULL, alpha ? buf : out->pix, 0, NULL)) {
		snprintf(msg, n, "malformed PNG (%s)", img.message);
		e = ERR_INPUT;
		goto done;
	}
	int opaque = 1;
	for (size_t i = 0; alpha && i < px; i++) {
		memcpy(out->pix + i * (size_t)comps, buf + i * stride, (size_t)comps);
		out->alpha[i] = buf[i * stride + (size_t)comps];
		opaque &= out->alpha[i] == 255;
	}
	if (alpha && opaque) {
		free(out->alpha);
		out->alpha = NULL;
	}
	out->width = img.width;
	out->height = img.height;
	out->components = comps;
done:
	png_image_free(&img);
	if (f)
		fclose(f);
	free(buf);
	if (e)
		image_pixels_free(out);
	return e;
}
