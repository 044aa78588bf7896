/* test_pdf.c: the PDF renderer, checked with real tools (poppler, qpdf, mupdf): text comes back
   exactly, fonts are embedded subset CID fonts with ToUnicode, glyphs sit where layout put
   them, output is reproducible, and failed writes leave no file. Also prints timings. */
#include "render/pdf.h"
#include "render/pdffont.h"
#include "shape/shape.h"
#include "base/utf8.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

static int fails;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

#define OUTDIR "build/test-out"
#define OUT OUTDIR "/test_pdf.pdf"
#define EPOCH 1650000000LL /* 2022-04-15T05:20:00Z */

static double tpdf_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Runs cmd; returns its stdout (caller frees; *len bytes when len is given, may hold NULs) and
   exit status; stderr goes to *err if given. */
static char *tpdf_run_n(const char *cmd, int *status, char **err, size_t *len)
{
	char full[2048];
	snprintf(full, sizeof full, "%s 2>" OUTDIR "/stderr.txt", cmd);
	FILE *p = popen(full, "r");
	struct buf b;
	buf_init(&b);
	if (p) {
		char tmp[4096];
		size_t n;
		while ((n = fread(tmp, 1, sizeof tmp, p)) > 0)
			buf_put(&b, tmp, n);
		int st = pclose(p);
		if (status)
			*status = st;
	} else if (status) {
		*status = -1;
	}
	if (err) {
		struct buf e;
		buf_init(&e);
		FILE *f = fopen(OUTDIR "/stderr.txt", "r");
		if (f) {
			char tmp[4096];
			size_t n;
			while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
				buf_put(&e, tmp, n);
			fclose(f);
		}
		*err = strdup(buf_cstr(&e));
		buf_free(&e);
	}
	if (len)
		*len = b.len;
	buf_cstr(&b);
	return b.p;
}

static char *tpdf_run(const char *cmd, int *status, char **err)
{
	return tpdf_run_n(cmd, status, err, NULL);
}

/* Shapes text and appends it to pg as one line from x on baseline y, `extra` pt between
   glyphs (as justification would). Returns the line's end x. */
static float tpdf_line(struct shaper *sh, struct page *pg, const struct fontchain *fc, float size,
		       float x, float y, float extra, const char *text)
{
	struct shape_buf b = {0};
	CHECK(shape_text(sh, fc, size, text, strlen(text), (struct srcpos){"test", 1, 1}, &b) == ERR_OK);
	size_t len = strlen(text);
	for (size_t i = 0; i < b.n; i++) {
		struct page_glyph g = {b.g[i].font, b.g[i].gid, size, x + b.g[i].xoff, y + b.g[i].yoff,
					 i ? 0u : PAGE_SPAN_START, 0, 0, 0, 0};
		/* the glyph stands for its cluster's text (the first glyph of a cluster) */
		size_t t0 = b.g[i].cluster, t1 = t0;
		if (i == 0 || b.g[i - 1].cluster != b.g[i].cluster)
			t1 = i + 1 < b.n ? b.g[i + 1].cluster : len;
		CHECK(page_add_glyph(pg, g, text + t0, t1 - t0) == ERR_OK);
		x += b.g[i].adv + extra;
	}
	shape_buf_free(&b);
	return x;
}

static int tpdf_file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Number of leftover temporary files of ours in dir. */
static int tpdf_temps(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (e->d_name[0] == '.' && strstr(e->d_name, ".tmp"))
			n++;
	if (d)
		closedir(d);
	return n;
}

static const char *lines[] = {
	"“五社联动”促基层治理——湖北",
	"Hello, PDF 2022",
	"湖北省推进“五社联动”，促进基层治理。社区、社会组织、社工——各方协同。",
	"𠮷野家的“𠮷”字不在基本平面：U+20BB7。",
	"office fluff: fine files 2022",
	"第二页：正文继续，标点“，。、”与数字123。",
};

/* Compares pdftotext's non-empty lines with want[0..n). */
static void tpdf_check_text(const char *path, const char **want, size_t n)
{
	char cmd[512];
	int st;
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s -", path);
	char *out = tpdf_run(cmd, &st, NULL);
	CHECK(st == 0);
	size_t k = 0;
	for (char *save = NULL, *l = strtok_r(out, "\n\f", &save); l; l = strtok_r(NULL, "\n\f", &save)) {
		if (!*l)
			continue;
		if (k >= n || strcmp(l, want[k])) {
			fprintf(stderr, "pdftotext line %zu: got  '%s'\n                    want '%s'\n", k + 1, l,
				k < n ? want[k] : "(nothing)");
			fails++;
		}
		k++;
	}
	CHECK(k == n);
	free(out);
}

/* pdffonts: every font embedded, subset, with ToUnicode; CFF ones as "CID Type 0C". */
static void tpdf_check_fonts(const char *path, int want_cff, int want_tt)
{
	char cmd[512];
	int st, cff = 0, tt = 0, rows = 0;
	snprintf(cmd, sizeof cmd, "pdffonts %s", path);
	char *out = tpdf_run(cmd, &st, NULL);
	CHECK(st == 0);
	int line = 0;
	for (char *save = NULL, *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (++line <= 2)
			continue;
		char *tok[16];
		int n = 0;
		for (char *s2 = NULL, *t = strtok_r(l, " ", &s2); t && n < 16; t = strtok_r(NULL, " ", &s2))
			tok[n++] = t;
		if (n < 8) {
			fprintf(stderr, "pdffonts: odd line '%s'\n", l);
			fails++;
			continue;
		}
		rows++;
		char type[64] = "";
		for (int i = 1; i < n - 6; i++) {
			if (i > 1)
				strcat(type, " ");
			strncat(type, tok[i], sizeof type - strlen(type) - 2);
		}
		int ok = !strcmp(tok[n - 5], "yes") && !strcmp(tok[n - 4], "yes") && !strcmp(tok[n - 3], "yes") &&
			 !strcmp(tok[n - 6], "Identity-H") && strlen(tok[0]) > 7 && tok[0][6] == '+';
		if (!strcmp(type, "CID Type 0C"))
			cff++;
		else if (!strcmp(type, "CID TrueType"))
			tt++;
		else
			ok = 0;
		if (!ok) {
			fprintf(stderr, "pdffonts: bad font %s type '%s' enc %s emb %s sub %s uni %s\n", tok[0],
				type, tok[n - 6], tok[n - 5], tok[n - 4], tok[n - 3]);
			fails++;
		}
	}
	CHECK(cff == want_cff);
	CHECK(tt == want_tt);
	CHECK(rows == want_cff + want_tt);
	free(out);
}

/* Renders with mupdf (every page) and poppler (pages 1 to last, 0: all): nothing may appear on
   stderr; qpdf --check must pass. */
static void tpdf_check_render(const char *path, int last)
{
	char cmd[512], *err;
	int st;
	/* -N: this mupdf build has no ICC support and says so on every run otherwise */
	snprintf(cmd, sizeof cmd, "mutool draw -q -N -F ppm -o /dev/null %s", path);
	free(tpdf_run(cmd, &st, &err));
	if (st != 0 || *err) {
		fprintf(stderr, "mutool draw: status %d, stderr:\n%s", st, err);
		fails++;
	}
	free(err);
	if (last)
		snprintf(cmd, sizeof cmd, "pdftoppm -r 30 -l %d %s " OUTDIR "/ppm", last, path);
	else
		snprintf(cmd, sizeof cmd, "pdftoppm -r 30 %s " OUTDIR "/ppm", path);
	free(tpdf_run(cmd, &st, &err));
	if (st != 0 || *err) {
		fprintf(stderr, "pdftoppm: status %d, stderr:\n%s", st, err);
		fails++;
	}
	free(err);
	snprintf(cmd, sizeof cmd, "qpdf --check %s", path);
	char *out = tpdf_run(cmd, &st, &err);
	if (st != 0 || *err || !strstr(out, "No syntax or stream encoding errors")) {
		fprintf(stderr, "qpdf --check: status %d\n%s%s", st, out, err);
		fails++;
	}
	free(out);
	free(err);
}

/* The glyph origins mupdf computes (stext) must be where layout put the glyphs (±0.01 pt). */
static void tpdf_check_positions(const char *path, const struct pagedoc *pd)
{
	char cmd[512];
	int st;
	snprintf(cmd, sizeof cmd, "mutool draw -q -N -F stext -o - %s 1", path);
	char *out = tpdf_run(cmd, &st, NULL);
	CHECK(st == 0);
	const struct page *pg = &pd->pages[0];
	size_t k = 0, bad = 0;
	unsigned extra = 0; /* chars mupdf still gives for the previous glyph (ligatures) */
	for (const char *s = strstr(out, "<char "); s; s = strstr(s + 1, "<char ")) {
		const char *xs = strstr(s, " x=\""), *ys = strstr(s, " y=\"");
		if (!xs || !ys)
			break;
		if (extra) {
			extra--;
			continue;
		}
		if (k >= pg->n_glyphs) {
			k++;
			break;
		}
		const struct page_glyph *g = &pg->glyphs[k];
		double x = atof(xs + 4), y = pd->height - atof(ys + 4);
		if (fabs(g->x - x) > 0.01 || fabs(g->y - y) > 0.01) {
			if (bad++ < 5)
				fprintf(stderr, "glyph %zu at %.3f %.3f, mupdf says %.3f %.3f\n", k, g->x, g->y, x, y);
		}
		size_t tl;
		const char *tx = page_glyph_text(pg, g, &tl);
		unsigned n = 0;
		for (size_t o = 0; o < tl; o++)
			n += ((unsigned char)tx[o] & 0xC0) != 0x80;
		extra = n > 1 ? n - 1 : 0;
		k++;
	}
	CHECK(bad == 0);
	CHECK(k == pg->n_glyphs);
	free(out);
}

static char *tpdf_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	buf_init(&b);
	if (f) {
		char tmp[65536];
		size_t k;
		while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
			buf_put(&b, tmp, k);
		fclose(f);
	}
	*n = b.len;
	return b.p;
}

/* A diag sink writing into memory, to check messages. */
struct tpdf_sink {
	char *text;
	size_t len;
	FILE *f;
	struct diag *d;
};

static void tpdf_sink_open(struct tpdf_sink *s)
{
	s->text = NULL;
	s->len = 0;
	s->f = open_memstream(&s->text, &s->len);
	s->d = diag_new(s->f);
}

static void tpdf_sink_close(struct tpdf_sink *s)
{
	diag_free(s->d);
	fclose(s->f);
	free(s->text);
}

/* The hex codes of text's glyphs in font f, concatenated, as a content stream shows them. */
static void tpdf_codes(struct shaper *sh, struct font *f, const char *text, char *out)
{
	struct fontchain fc = {{f}, 1, NULL};
	struct shape_buf b = {0};
	shape_text(sh, &fc, 10, text, strlen(text), (struct srcpos){"t", 1, 1}, &b);
	out[0] = 0;
	for (size_t i = 0; i < b.n; i++)
		sprintf(out + strlen(out), "%04x", (unsigned)b.g[i].gid); /* qpdf --qdf lowercases */
	shape_buf_free(&b);
}

/* A document of n_pages pages of 44 lines of 40 characters of article text, cycled (or of
   ideographs spread over 6000 code points when article is NULL: a worst case for subsets). */
static void tpdf_big(struct shaper *sh, const struct fontchain *fc, struct pagedoc *pd, int n_pages,
		     const char *article, size_t alen)
{
	pagedoc_init(pd, 595.276f, 841.89f);
	unsigned seed = 1;
	size_t at = 0;
	char text[512];
	for (int p = 0; p < n_pages; p++) {
		struct page *pg = pagedoc_add_page(pd);
		for (int l = 0; l < 44; l++) {
			size_t n = 0;
			for (int k = 0; k < 40; k++) {
				uint32_t cp;
				if (article) {
					do {
						size_t len = utf8_decode(article + at, alen - at, &cp);
						at += len ? len : 1;
						if (at >= alen)
							at = 0;
					} while (cp == '\n' || cp == '\r');
				} else {
					seed = seed * 1103515245u + 12345u;
					cp = 0x4E00 + (seed >> 8) % 6000;
				}
				n += utf8_encode(cp, text + n);
			}
			text[n] = 0;
			tpdf_line(sh, pg, fc, 10.5f, 56, 780 - l * 16.0f, 0.2f, text);
		}
		CHECK(page_add_rule(pg, (struct page_rule){56, 800, 539, 800, 0.5f, 0, 0}) == ERR_OK);
	}
}

int main(void)
{
	mkdir("build", 0777);
	mkdir(OUTDIR, 0777);
	struct diag *d = diag_new(stderr);
	struct fontset *fs;
	double t0 = tpdf_now();
	CHECK(fontset_new(d, &fs) == ERR_OK);
	double t_fc = tpdf_now() - t0;
	struct font *serif, *sans, *dejavu = NULL;
	CHECK(fontset_get(fs, "Noto Serif CJK SC", &serif) == ERR_OK);
	CHECK(fontset_get(fs, "Noto Sans CJK SC:style=Bold", &sans) == ERR_OK);
	if (fails)
		return 1;
	struct diag *quiet = diag_new(NULL);
	int st;
	/* a TrueType font too, when one is installed */
	struct fontset *fs_tmp;
	fontset_new(quiet, &fs_tmp);
	struct font *probe;
	if (fontset_get(fs_tmp, "DejaVu Sans", &probe) == ERR_OK)
		fontset_get(fs, "DejaVu Sans", &dejavu);
	else
		printf("test_pdf: note: DejaVu Sans not installed, TrueType embedding not tested\n");
	fontset_free(fs_tmp);
	CHECK(serif->is_cff && sans->is_cff && (!dejavu || !dejavu->is_cff));

	/* the original Noto CJK CFF charset is the identity: CIDs are glyph ids */
	hb_blob_t *cffb = hb_face_reference_table(serif->face, HB_TAG('C', 'F', 'F', ' '));
	unsigned cffn;
	const char *cffp = hb_blob_get_data(cffb, &cffn);
	struct pdf_cff cff;
	CHECK(pdf_cff_read((const unsigned char *)cffp, cffn, &cff) == ERR_OK);
	CHECK(cff.cid_keyed && cff.n_glyphs == serif->num_glyphs);
	unsigned nonid = 0;
	for (unsigned g = 0; g < cff.n_glyphs; g++)
		nonid += cff.charset[g] != g;
	CHECK(nonid == 0);
	pdf_cff_free(&cff);
	hb_blob_destroy(cffb);
	CHECK(pdf_cff_read((const unsigned char *)"\1\0\4\2garbage", 11, &cff) == ERR_FONT);

	struct shaper *sh;
	CHECK(shaper_new(fs, d, &sh) == ERR_OK);
	struct fontchain fc_head = {{sans}, 1, NULL};
	struct fontchain fc_body = {{serif, sans}, 2, NULL};
	struct fontchain fc_latin = {{serif}, 1, dejavu ? dejavu : NULL};

	double t1 = tpdf_now();
	struct pagedoc pd;
	pagedoc_init(&pd, 595.276f, 841.89f);
	struct page *p1 = pagedoc_add_page(&pd);
	tpdf_line(sh, p1, &fc_head, 18, 72, 760, 0, lines[0]);
	tpdf_line(sh, p1, &fc_body, 10.5f, 72, 730, 0, lines[1]);
	tpdf_line(sh, p1, &fc_body, 10.5f, 72, 712, 0.37f, lines[2]); /* justified: TJ adjustments */
	tpdf_line(sh, p1, &fc_body, 10.5f, 72, 694, 0, lines[3]);
	tpdf_line(sh, p1, &fc_latin, 10.5f, 72, 676, 0, lines[4]);
	CHECK(page_add_rule(p1, (struct page_rule){72, 745, 523, 745, 0.75f, 0, 0}) == ERR_OK);
	struct page *p2 = pagedoc_add_page(&pd);
	tpdf_line(sh, p2, &fc_body, 12, 72, 760, 0, lines[5]);
	CHECK(page_add_rule(p2, (struct page_rule){72, 740, 300, 740, 1, 0, 2}) == ERR_OK);
	double t_shape = tpdf_now() - t1;
	/* 𠮷 (U+20BB7) is shaped: Noto Serif CJK SC has it */
	int jiji = 0;
	for (size_t i = 0; i < p1->n_glyphs; i++)
		jiji += p1->glyphs[i].ntext == 4 && !memcmp(p1->text + p1->glyphs[i].text, "\xF0\xA0\xAE\xB7", 4);
	CHECK(jiji == 2);

	struct pdf_meta meta = {"“五社联动”促基层治理——湖北 𠮷", "湖北日报记者 张三",
				"基层治理", "五社联动, 湖北", "paiban test", EPOCH, 1, "zh-Hans"};
	remove(OUT);
	t1 = tpdf_now();
	CHECK(pdf_write(&pd, fs, &meta, OUT, d) == ERR_OK);
	double t_write1 = tpdf_now() - t1;
	CHECK(tpdf_file_exists(OUT));

	tpdf_check_text(OUT, lines, 6);
	tpdf_check_fonts(OUT, 2, dejavu ? 1 : 0);
	tpdf_check_render(OUT, 0);
	tpdf_check_positions(OUT, &pd);

	/* document info */
	char *info = tpdf_run("pdfinfo -enc UTF-8 " OUT, &st, NULL);
	CHECK(st == 0);
	CHECK(strstr(info, "Title:           “五社联动”促基层治理——湖北 𠮷\n") != NULL);
	CHECK(strstr(info, "Author:          湖北日报记者 张三\n") != NULL);
	CHECK(strstr(info, "Subject:         基层治理\n") != NULL);
	CHECK(strstr(info, "Keywords:        五社联动, 湖北\n") != NULL);
	CHECK(strstr(info, "Creator:         paiban test\n") != NULL);
	CHECK(strstr(info, "Producer:        paiban ") != NULL);
	CHECK(strstr(info, "Pages:           2\n") != NULL);
	free(info);
	info = tpdf_run("pdfinfo -isodates " OUT, &st, NULL);
	CHECK(strstr(info, "CreationDate:    2022-04-15T05:20:00Z") != NULL);
	CHECK(strstr(info, "ModDate:         2022-04-15T05:20:00Z") != NULL);
	free(info);

	/* content streams use the original glyph ids as CIDs */
	char want[256], *qdf;
	size_t qlen;
	tpdf_codes(sh, serif, "正文继续", want); /* page 2: no justification, one hex string */
	qdf = tpdf_run_n("qpdf --qdf --object-streams=disable " OUT " -", &st, NULL, &qlen);
	CHECK(memmem(qdf, qlen, want, strlen(want)) != NULL);
	CHECK(memmem(qdf, qlen, "/FontFile3", 10) && memmem(qdf, qlen, "/CIDFontType0C", 14));
	CHECK(memmem(qdf, qlen, "/FontFile2", 10) || !dejavu);
	free(qdf);
	size_t flen;
	char *fbytes = tpdf_slurp(OUT, &flen);
	CHECK(fbytes && !memmem(fbytes, flen, "/ID", 3)); /* no file identifier: nothing random */
	free(fbytes);

	/* reproducible: same input and epoch, same bytes (file and memory) */
	CHECK(pdf_write(&pd, fs, &meta, OUTDIR "/test_pdf2.pdf", d) == ERR_OK);
	CHECK(system("cmp -s " OUT " " OUTDIR "/test_pdf2.pdf") == 0);
	struct buf mem;
	buf_init(&mem);
	buf_put(&mem, "x", 1);
	CHECK(pdf_write_mem(&pd, fs, &meta, &mem, d) == ERR_OK);
	fbytes = tpdf_slurp(OUT, &flen);
	CHECK(mem.len == flen + 1 && fbytes && !memcmp(mem.p + 1, fbytes, flen));
	free(fbytes);
	remove(OUTDIR "/test_pdf2.pdf");

	/* failures: non-existent directory, /dev/full, a directory, bad input */
	struct tpdf_sink sink;
	tpdf_sink_open(&sink);
	const char *nodir = OUTDIR "/no/such/dir/x.pdf";
	CHECK(pdf_write(&pd, fs, &meta, nodir, sink.d) == ERR_IO);
	fflush(sink.f);
	CHECK(sink.text && strstr(sink.text, nodir) && strstr(sink.text, "No such file"));
	CHECK(!tpdf_file_exists(nodir));
	CHECK(pdf_write(&pd, fs, &meta, "/dev/full", sink.d) == ERR_IO);
	fflush(sink.f);
	CHECK(strstr(sink.text, "/dev/full") && strstr(sink.text, "No space left"));
	struct stat dst;
	CHECK(stat("/dev/full", &dst) == 0 && S_ISCHR(dst.st_mode));
	CHECK(pdf_write(&pd, fs, &meta, OUTDIR, sink.d) == ERR_IO);
	struct pagedoc bad;
	pagedoc_init(&bad, 595, 842);
	CHECK(pdf_write(&bad, fs, &meta, OUTDIR "/bad.pdf", sink.d) == ERR_PDF); /* no pages */
	struct page *bp = pagedoc_add_page(&bad);
	page_add_glyph(bp, (struct page_glyph){serif, serif->num_glyphs, 10, 72, 700, 0, 0, 0, 0, 0}, NULL, 0);
	CHECK(pdf_write(&bad, fs, &meta, OUTDIR "/bad.pdf", sink.d) == ERR_PDF);
	bp->glyphs[0] = (struct page_glyph){serif, 1, NAN, 72, 700, 0, 0, 0, 0, 0};
	CHECK(pdf_write(&bad, fs, &meta, OUTDIR "/bad.pdf", sink.d) == ERR_PDF);
	CHECK(!tpdf_file_exists(OUTDIR "/bad.pdf"));
	/* a blank page and the stdout path */
	bp->n_glyphs = 0;
	CHECK(pdf_write(&bad, fs, NULL, OUTDIR "/blank.pdf", sink.d) == ERR_OK);
	tpdf_check_render(OUTDIR "/blank.pdf", 0);
	remove(OUTDIR "/blank.pdf");
	/* many pages: libharu's page tree gets intermediate nodes */
	for (int i = 0; i < 1499; i++)
		CHECK(pagedoc_add_page(&bad) != NULL);
	CHECK(pdf_write(&bad, fs, NULL, OUTDIR "/blank.pdf", sink.d) == ERR_OK);
	tpdf_check_render(OUTDIR "/blank.pdf", 2);
	info = tpdf_run("pdfinfo " OUTDIR "/blank.pdf", &st, NULL);
	CHECK(strstr(info, "Pages:           1500\n") != NULL);
	free(info);
	remove(OUTDIR "/blank.pdf");
	pagedoc_free(&bad);
	CHECK(tpdf_temps(OUTDIR) == 0);
	/* "-" is standard output */
	fflush(stdout);
	int saved = dup(1), fd = open(OUTDIR "/stdout.pdf", O_WRONLY | O_CREAT | O_TRUNC, 0666);
	CHECK(saved >= 0 && fd >= 0 && dup2(fd, 1) == 1);
	CHECK(pdf_write(&pd, fs, &meta, "-", d) == ERR_OK);
	CHECK(dup2(saved, 1) == 1);
	close(fd);
	close(saved);
	CHECK(system("cmp -s " OUT " " OUTDIR "/stdout.pdf") == 0);
	remove(OUTDIR "/stdout.pdf");
	/* through a symbolic link: the target is replaced, the link kept */
	remove(OUTDIR "/link.pdf");
	remove(OUTDIR "/target.pdf");
	fd = open(OUTDIR "/target.pdf", O_WRONLY | O_CREAT | O_TRUNC, 0666);
	close(fd);
	CHECK(symlink("target.pdf", OUTDIR "/link.pdf") == 0);
	CHECK(pdf_write(&pd, fs, &meta, OUTDIR "/link.pdf", d) == ERR_OK);
	struct stat lst;
	CHECK(lstat(OUTDIR "/link.pdf", &lst) == 0 && S_ISLNK(lst.st_mode));
	CHECK(system("cmp -s " OUT " " OUTDIR "/target.pdf") == 0);
	remove(OUTDIR "/link.pdf");
	remove(OUTDIR "/target.pdf");
	tpdf_sink_close(&sink);

	/* preview of page 1 to look at */
	CHECK(system("pdftoppm -r 80 -png -f 1 -l 1 " OUT " " OUTDIR "/test_pdf") == 0);

	/* timings: 1 page (first call in the process above), again warm, and 100 pages */
	t1 = tpdf_now();
	for (int i = 0; i < 5; i++) {
		buf_reset(&mem);
		CHECK(pdf_write_mem(&pd, fs, &meta, &mem, d) == ERR_OK);
	}
	double t_warm = (tpdf_now() - t1) / 5;
	struct fontchain fc_big = {{serif}, 1, dejavu};
	size_t alen;
	char *article = tpdf_slurp("samples/hubei-2022-04-06-wushe-liandong.txt", &alen);
	if (!article || !alen) {
		printf("test_pdf: note: sample article missing, timing with generated text\n");
		free(article);
		article = NULL;
	}
	struct pagedoc big1, big100, wide100;
	tpdf_big(sh, &fc_big, &big1, 1, article, alen);
	t1 = tpdf_now();
	tpdf_big(sh, &fc_big, &big100, 100, article, alen);
	double t_shape100 = tpdf_now() - t1;
	tpdf_big(sh, &fc_big, &wide100, 100, NULL, 0);
	buf_reset(&mem);
	t1 = tpdf_now();
	CHECK(pdf_write_mem(&big1, fs, &meta, &mem, d) == ERR_OK);
	double t_big1 = tpdf_now() - t1;
	size_t size1 = mem.len;
	buf_reset(&mem);
	t1 = tpdf_now();
	CHECK(pdf_write(&big100, fs, &meta, OUTDIR "/test_pdf_100.pdf", d) == ERR_OK);
	double t_big100 = tpdf_now() - t1;
	struct stat bst;
	stat(OUTDIR "/test_pdf_100.pdf", &bst);
	tpdf_check_render(OUTDIR "/test_pdf_100.pdf", 2);
	t1 = tpdf_now();
	CHECK(pdf_write_mem(&wide100, fs, &meta, &mem, d) == ERR_OK);
	double t_wide100 = tpdf_now() - t1;
	printf("test_pdf: fontconfig %.1f ms, shaping %.1f ms; test doc (2 pages, %d fonts): first "
	       "write %.1f ms, warm %.1f ms, %zu bytes\n",
	       t_fc, t_shape, dejavu ? 3 : 2, t_write1, t_warm, flen);
	printf("test_pdf: article, 1 page of 1760 glyphs: write %.1f ms, %zu bytes\n", t_big1, size1);
	printf("test_pdf: article, 100 pages: shaping %.1f ms, write %.1f ms, %lld bytes\n",
	       t_shape100, t_big100, (long long)bst.st_size);
	printf("test_pdf: 100 pages of ideographs from 6000 code points: write %.1f ms, %zu bytes\n",
	       t_wide100, mem.len);
	free(article);
	pagedoc_free(&wide100);
	pagedoc_free(&big1);
	pagedoc_free(&big100);
	buf_free(&mem);

	pagedoc_free(&pd);
	shaper_free(sh);
	fontset_free(fs);
	diag_free(quiet);
	diag_free(d);
	if (fails) {
		fprintf(stderr, "test_pdf: %d failures\n", fails);
		return 1;
	}
	printf("test_pdf: ok\n");
	return 0;
}
