/* image.h: image files for printing: where an image path may point (path safety), the size
   and format of a file (PNG, JPEG) without decoding it, and PNG decoding to 8-bit pixels.

   It lives in layout/ because composition needs the sizes; the PDF writer (render/) decodes
   with it. No libharu here. Nothing is ever fetched: a URL is refused, not downloaded.

   Path rule: an image path is resolved against the folder of the input file. It is used only
   when its real path (realpath(3): symbolic links and `..` resolved) lies inside that folder,
   or inside one of the folders the user allowed (`paiban print --allow-path DIR`). Absolute
   paths need an allowed folder even when they point into the input's folder. The check is on
   whole path components (/a/bc is not inside /a/b). */
#ifndef PAIBAN_IMAGE_H
#define PAIBAN_IMAGE_H
#include <stddef.h>
#include "../base/diag.h"

#define IMAGE_MAX_BYTES ((long long)64 << 20)  /* larger files are refused */
#define IMAGE_MAX_SIDE 30000u                   /* pixels per side */
#define IMAGE_MAX_PIXELS (64u << 20)            /* width x height */
/* Per document (per article in a digest), over distinct files: PNG pixels decoded and JPEG
   bytes embedded. Images past either budget are skipped with a warning (caption printed). */
#define IMAGE_MAX_DOC_PIXELS (64ull << 20)
#define IMAGE_MAX_DOC_BYTES (256ll << 20)

enum image_format { IMAGE_UNKNOWN, IMAGE_PNG, IMAGE_JPEG };

/* Why a path cannot be used (IMAGE_USABLE: it can). */
enum image_verdict {
	IMAGE_USABLE,
	IMAGE_REMOTE,     /* http://, https://, //host, or any other URL scheme (data:, ftp:) */
	IMAGE_ABSOLUTE,   /* an absolute path outside every allowed folder */
	IMAGE_OUTSIDE,    /* resolves (via .. or a symbolic link) outside the input's folder */
	IMAGE_MISSING,    /* no such file (or not readable) */
	IMAGE_NOT_FILE    /* not a regular file (a directory, a device) */
};

/* Folders the user allowed beyond the input's own (borrowed strings). */
struct image_allow {
	const char *const *dirs;
	size_t n;
};

/* Resolves src (as written in the document) for the input file `input` (its folder is the
   base; "-" or a bare name: the current folder). On IMAGE_USABLE *path is the file's real path
   (malloc'ed: the caller frees it); otherwise *path is NULL. Percent escapes (%20) are decoded
   when the literal name does not exist. Returns ERR_OK or ERR_NOMEM; the verdict goes to *v. */
enum err image_resolve(const char *input, const char *src, const struct image_allow *allow,
		       char **path, enum image_verdict *v);

/* A short English reason for a verdict ("resolves outside the article's folder"). */
const char *image_verdict_str(enum image_verdict v);

struct image_info {
	enum image_format format;
	unsigned width, height;  /* pixels */
	int components;          /* JPEG: 1, 3 or 4; PNG: 0 (decoded to grey or RGB) */
	long long bytes;         /* size of the file */
};

/* Reads the header of the file at path: PNG (IHDR through libpng) or JPEG (its whole marker
   structure: SOI, one frame header, at least one scan, EOI; a truncated file is ERR_INPUT).
   Returns ERR_OK, ERR_IO (cannot read), ERR_INPUT (not a PNG/JPEG, or malformed: msg says
   why), ERR_LIMIT (larger than the IMAGE_MAX_* limits). msg (n bytes) gets the reason. */
enum err image_probe(const char *path, struct image_info *info, char *msg, size_t n);

/* Decoded pixels: 8 bits per component, rows top to bottom, no padding. */
struct image_pixels {
	unsigned width, height;
	int components;          /* 1 (grey) or 3 (RGB) */
	unsigned char *pix;      /* width * height * components bytes */
	unsigned char *alpha;    /* width * height bytes, or NULL when the image is opaque */
};

/* Decodes the PNG at path with libpng: palette, grey, 16-bit, interlaced and tRNS images all
   become 8-bit grey or RGB plus an optional 8-bit alpha plane (dropped when fully opaque).
   16-bit samples without gAMA/sRGB information are taken as sRGB. Caller frees with
   image_pixels_free. Errors as image_probe, plus ERR_NOMEM. */
enum err image_decode_png(const char *path, struct image_pixels *out, char *msg, size_t n);
void image_pixels_free(struct image_pixels *p);

#endif
