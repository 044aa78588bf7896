/* main.c: the paiban command line: print, epub, digest, parse, --help, --version. */
#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/file.h"
#include "../model/doc.h"
#include "../parse/parse.h"
#include "../style/style.h"
#include "../shape/shape.h"
#include "../layout/compose.h"
#include "../layout/page.h"
#include "../render/pdf.h"
#include "../render/epub.h"
#include "../job/job.h"
#include "../job/digest.h"
#include "../parse/manifest.h"
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PAIBAN_VERSION
#define PAIBAN_VERSION "dev"
#endif
#ifndef PAIBAN_DATADIR
#define PAIBAN_DATADIR "/usr/local/share/paiban"
#endif

static const char cli_usage[] =
	"Usage: paiban COMMAND [OPTIONS] FILE...\n"
	"Typesets news articles (Chinese first) into print-ready PDFs and EPUB e-books.\n"
	"\n"
	"Commands:\n"
	"  print FILE... -o OUT.pdf | -d DIR   typeset articles, one PDF each\n"
	"  epub FILE... -o OUT.epub | -d DIR   articles as EPUB 3 e-books, one each\n"
	"  digest MANIFEST.yaml -o OUT.pdf     bind a week's articles into one digest PDF\n"
	"    [-o OUT.epub]                     and/or an EPUB (both from one run)\n"
	"  digest FILE... --title T -o OUT.pdf   (周报 / 简报: cover, contents, sections)\n"
	"  parse FILE                          print the document model as JSON\n"
	"\n"
	"Options:\n"
	"  -h, --help      show this help (paiban COMMAND --help for a command)\n"
	"  -V, --version   show the version\n"
	"\n"
	"Input: a plain-text dump of a news web page (UTF-8, UTF-16, GB18030/GBK, Big5 or\n"
	"another charset uchardet detects), a saved HTML page, or Markdown (.md) with YAML\n"
	"front matter; PNG and JPEG images next to the article are printed.\n"
	"Exit codes: 0 ok, 1 bad input, 2 usage (also: an output that is one of the run's\n"
	"inputs), 3 font missing, 4 I/O error (also: an input that is not a regular file),\n"
	"5 internal error.\n";

static const char cli_print_usage[] =
	"Usage: paiban print [OPTIONS] FILE...\n"
	"Typesets each article FILE into a PDF. The PDF is tagged for screen readers and\n"
	"reflow: a structure tree in reading order (title H1, subheads H2-H6, paragraphs,\n"
	"lists, quotes, tables, figures with their caption as alternate text), /Lang from\n"
	"the article's language; masthead, footers and rules are artifacts.\n"
	"\n"
	"  -o, --output FILE   write the PDF to FILE (one input only; '-' = stdout)\n"
	"  -d, --dir DIR       write one PDF per input into DIR, named after the input\n"
	"                      (a.txt -> DIR/a.pdf); default: next to each input. Inputs\n"
	"                      named alike (a/x.txt b/x.md) get x.pdf, x-2.pdf ... in the\n"
	"                      order given (a note says which)\n"
	"  -s, --style NAME    style: a name from the styles folder (default a4-article)\n"
	"                      or a path to a .style file\n"
	"  --size STEP         larger or smaller text, as a news site's 放大/缩小 buttons:\n"
	"                      larger, smaller, +N or -N steps of the 号 scale (... 小五 9,\n"
	"                      五号 10.5, 小四 12, 四号 14, 小三 15, 三号 16, 小二 18 ... pt);\n"
	"                      repeatable, steps add up. The body moves from the style's size,\n"
	"                      every other class scales with it and the text re-flows and\n"
	"                      re-paginates on a whole-character measure (not a zoom). Steps\n"
	"                      past 八号/初号 or below 8 characters a line are clamped (warning)\n"
	"  --dump-layout FILE  also write a text dump of the layout to FILE ('-' = stdout;\n"
	"                      written as the PDF is: temporary file, then renamed):\n"
	"                      per page and line the class, column, baseline y, x extent,\n"
	"                      line-breaker flags, compression/stretch and the text\n"
	"  --allow-path DIR    images may also come from DIR (repeatable). By default an\n"
	"                      image is printed only when its file lies inside the article's\n"
	"                      folder: absolute paths, '..' out of it and symbolic links\n"
	"                      leading out of it are refused with a warning. Remote images\n"
	"                      (http://, https://, //) are never fetched\n"
	"  -j, --jobs N        print N articles at a time in threads (default: all cores;\n"
	"                      0 = all cores). Messages come out whole, in input order, and\n"
	"                      every PDF is the same for any N\n"
	"  -q, --quiet         no warnings, only errors\n"
	"  -h, --help          show this help\n"
	"\n"
	"Environment: SOURCE_DATE_EPOCH fixes the PDF dates (byte-reproducible output);\n"
	"PAIBAN_DATADIR names the folder holding styles/ and fonts/.\n"
	"\n"
	"Limits (hostile input; exit 1 naming the limit): input 64 MiB, article text 16 MiB,\n"
	"1 MiB a line (page dump) or block (Markdown), 200 000 paragraphs, 10 000 pages,\n"
	"HTML nesting followed 256 deep. No network access: nothing is ever fetched.\n"
	"Inputs (articles, --style, images) must be regular files: a FIFO, device or folder\n"
	"is refused (exit 4). No output (-o, -d, --dump-layout) may be an input, nor the dump\n"
	"the PDF (exit 2). Every file is written to a temporary file and renamed; SIGINT,\n"
	"SIGTERM or SIGHUP removes the temporaries being written.\n";

static const char cli_epub_usage[] =
	"Usage: paiban epub [OPTIONS] FILE...\n"
	"Writes each article FILE (page dump, HTML or Markdown, as for print) as an EPUB 3\n"
	"e-book: the same content and wording as the printed article (title, dateline and\n"
	"来源, subheads, paragraphs, images with captions, byline, 关键词, 责任编辑), a 目录,\n"
	"a CJK stylesheet from the style, and package metadata (language, byline people with\n"
	"their roles, publisher, date, keywords, accessibility). The same input and\n"
	"SOURCE_DATE_EPOCH give the same bytes.\n"
	"\n"
	"  -o, --output FILE   write the EPUB to FILE (one input only; '-' = stdout)\n"
	"  -d, --dir DIR       write one EPUB per input into DIR, named after the input\n"
	"                      (a.txt -> DIR/a.epub); default: next to each input. Inputs\n"
	"                      named alike get x.epub, x-2.epub ... in the order given\n"
	"  -s, --style NAME    style whose sizes, indent, alignment and font roles the CSS\n"
	"                      follows (default a4-article)\n"
	"  --allow-path DIR    images may also come from DIR (repeatable); as for print, an\n"
	"                      image is used only when it lies inside the article's folder\n"
	"                      or an allowed one, and never fetched from the network; a\n"
	"                      refused image is a warning, its caption left out with it\n"
	"  --vertical          竖排: vertical-rl text, pages turned right to left (the spine's\n"
	"                      page-progression-direction rtl), 縦中横 for a 2-3 digit number\n"
	"                      standing alone (12 but not 2026); the 目录 and cover stay\n"
	"                      horizontal\n"
	"  --embed-fonts       carry the style's faces (body, heading ... as the stylesheet\n"
	"                      names them) subset to the book's characters with hb-subset, as\n"
	"                      OpenType files with @font-face rules (default off: reading\n"
	"                      systems have CJK fonts; the sample article grows from 7 KB\n"
	"                      to 536 KB: three faces)\n"
	"  -j, --jobs N        write N books at a time in threads (default: all cores)\n"
	"  -q, --quiet         no warnings, only errors\n"
	"  -h, --help          show this help\n"
	"\n"
	"A digest as EPUB: paiban digest -o OUT.epub (it takes --vertical and --embed-fonts too).\n"
	"Exit codes as for print: 0 ok, 1 bad input, 2 usage, 4 I/O error.\n";

static const char cli_digest_usage[] =
	"Usage: paiban digest MANIFEST.yaml -o OUT.pdf|OUT.epub [-o OUT.epub] [OPTIONS]\n"
	"       paiban digest FILE... --title 刊名 [--issue N] [--date YYYY-MM-DD] -o OUT.pdf\n"
	"Binds articles into one digest (周报 / 工作简报): a cover with the masthead (刊名,\n"
	"第N期, publisher, date, 本期要目 or a cover image), a contents page with page numbers\n"
	"and links, the articles by section (each set as `paiban print` sets it alone) with\n"
	"running heads and page numbers, and a closing block (版记: credits, 报送/抄送, 共印N份).\n"
	"The manifest (YAML) names the articles by section; README \"Digests\" has an example.\n"
	"\n"
	"  -o, --output FILE   write the digest to FILE ('-' = the PDF to stdout); required.\n"
	"                      The format follows the extension: FILE.epub is an EPUB 3 book\n"
	"                      (cover with the masthead or the manifest's cover image, 目录\n"
	"                      by section, one XHTML per article as `paiban epub` writes it,\n"
	"                      编者按, 版记; the issue as a collection), anything else the PDF.\n"
	"                      Give -o twice (a .pdf and a .epub) for both from one run: every\n"
	"                      article is parsed once, and the EPUB's page-list gives each\n"
	"                      section's and article's page in that PDF (its contents numbers)\n"
	"  --title TEXT        刊名 (wins over the manifest's title)\n"
	"  --issue N|TEXT      期号: a number prints 第N期, text is printed as given\n"
	"  --volume TEXT       总第N期\n"
	"  --date YYYY-MM-DD   出版 / 印发 date\n"
	"  --publisher TEXT    主办 / 编印单位\n"
	"  -s, --style NAME    style (default: the manifest's `style:`, else a4-article); its\n"
	"                      [digest] section sets start (page, odd or continue), running\n"
	"                      heads (what even and odd pages name), folios, the masthead's\n"
	"                      size, font and colour; `--style jianbao` is an official 简报:\n"
	"                      red masthead and rules, articles running on\n"
	"  --size STEP         larger or smaller text, as for print\n"
	"  --allow-path DIR    articles, images and the cover may also come from DIR\n"
	"                      (repeatable); otherwise every file stays inside the manifest's\n"
	"                      folder\n"
	"  --vertical          the EPUB in 竖排 (as paiban epub --vertical)\n"
	"  --embed-fonts       the EPUB carries the style's faces, subset to its characters\n"
	"                      (as paiban epub --embed-fonts)\n"
	"  -j, --jobs N        lay out N articles at a time (default: all cores); the PDF is\n"
	"                      the same for any N\n"
	"  --keep-going        leave out an article that fails (named), still write the\n"
	"                      digest, and exit 1; by default any failure writes nothing\n"
	"  -q, --quiet         no warnings, only errors\n"
	"  -h, --help          show this help\n"
	"\n"
	"Limits (exit 1 naming the limit): manifest 1 MiB, 1000 articles, 100 sections,\n"
	"32 credits or distribution entries, 1024 bytes a manifest value, 20 000 body pages;\n"
	"each article as for print (input 64 MiB, text 16 MiB, 10 000 pages).\n";

static const char cli_parse_usage[] =
	"Usage: paiban parse FILE\n"
	"Reads an article and prints its document model as one JSON object: title, subtitle,\n"
	"published, source, url, lang, byline [{role, names}], editor, keywords, blocks\n"
	"[{type: paragraph|heading|image|code|list|item|quote|table|row|cell, line, col, ...}]:\n"
	"containers (list, item, quote, table, row) nest their blocks as children; text blocks\n"
	"may carry spans [{kind: em|strong|code|link, start, len, href}] (bytes of text).\n";

/* Parses a --size value: larger, smaller, +N, -N. 0 or -1. */
static int cli_size_step(const char *v, int *steps)
{
	if (!strcmp(v, "larger") || !strcmp(v, "bigger")) {
		*steps = 1;
		return 0;
	}
	if (!strcmp(v, "smaller")) {
		*steps = -1;
		return 0;
	}
	char *end;
	long n = strtol(v, &end, 10);
	if ((v[0] != '+' && v[0] != '-') || end == v + 1 || *end || n < -100 || n > 100)
		return -1;
	*steps = (int)n;
	return 0;
}

/* Output path for input `in` in dir (or next to the input when dir is NULL), ending in ext
   (".pdf"); with sfx (k > 1) the name gets "-k" before the extension. */
static void cli_out_name(const char *in, const char *dir, const char *sfx, int k, const char *ext,
			 char *out, size_t n)
{
	const char *base = strrchr(in, '/');
	base = base ? base + 1 : in;
	const char *dot = strrchr(base, '.');
	size_t bl = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	char num[16] = "";
	if (sfx)
		snprintf(num, sizeof num, "%s%d", sfx, k);
	if (dir)
		snprintf(out, n, "%s%s%.*s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", (int)bl, base,
			 num, ext);
	else
		snprintf(out, n, "%.*s%.*s%s%s", (int)(base - in), in, (int)bl, base, num, ext);
}

/* Inputs whose PDFs would land on the same file (a/x.txt and b/x.html with -d out: out/x.pdf)
   are named apart: the first in command-line order keeps x.pdf, the next ones get x-2.pdf,
   x-3.pdf ..., skipping any name another input's PDF has, with a note for each. The same file
   given twice is refused (ERR_USAGE). Paths are compared through their file_id (each looked
   up once: thousands of inputs stay cheap); out_ids follow the renames. */
static enum err cli_out_apart(const char *const *inputs, const struct file_id *in_ids, char **outputs,
			      struct file_id *out_ids, int n_in, const char *dir, const char *ext,
			      struct diag *d)
{
	for (int i = 1; i < n_in; i++) {
		int k = 0;
		while (k < i && !file_id_same(&out_ids[k], &out_ids[i]))
			k++;
		if (k == i)
			continue;
		if (file_id_same(&in_ids[k], &in_ids[i])) {
			diag_msg(d, DIAG_ERROR, "%s and %s are the same file; give it once", inputs[k], inputs[i]);
			return ERR_USAGE;
		}
		char path[PATH_MAX];
		struct file_id c;
		for (int num = 2;; num++) {
			cli_out_name(inputs[i], dir, "-", num, ext, path, sizeof path);
			file_id_get(path, &c);
			int taken = 0;
			for (int j = 0; j < n_in && !taken; j++)
				taken = j != i && file_id_same(&out_ids[j], &c);
			if (!taken)
				break;
			file_id_free(&c);
		}
		char *p = strdup(path);
		if (!p) {
			file_id_free(&c);
			return ERR_NOMEM;
		}
		diag_msg(d, DIAG_NOTE, "%s and %s have the same name: %s is written to %s", inputs[k], inputs[i],
			 inputs[i], p);
		free(outputs[i]);
		outputs[i] = p;
		file_id_free(&out_ids[i]);
		out_ids[i] = c;
		out_ids[i].path = p;
	}
	return ERR_OK;
}

/* No output may be one of the run's inputs, nor the dump the PDF: ERR_USAGE naming both. */
static enum err cli_check_outputs(const struct job_env *env, const char *const *inputs,
				  const struct file_id *in_ids, char **outputs, const struct file_id *out_ids,
				  int n_in, struct diag *d)
{
	enum err e = ERR_OK;
	struct file_id dump_id = {0};
	if (env->dump)
		file_id_get(env->dump, &dump_id);
	for (int i = 0; !e && i < n_in; i++) {
		int out_std = !strcmp(outputs[i], "-");
		for (int k = 0; !e && k < n_in; k++) {
			if (!strcmp(inputs[k], "-"))
				continue;
			if (!out_std && file_id_same(&out_ids[i], &in_ids[k])) {
				job_clash_report(d, "output", outputs[i], "the input file", inputs[k]);
				e = ERR_USAGE;
			} else if (env->dump && i == 0 && file_id_same(&dump_id, &in_ids[k])) {
				job_clash_report(d, "--dump-layout", env->dump, "the input file", inputs[k]);
				e = ERR_USAGE;
			}
		}
		if (!e && !out_std)
			e = job_check_out(env, NULL, "output", outputs[i], d);
		if (!e && env->dump && !out_std && file_id_same(&dump_id, &out_ids[i])) {
			job_clash_report(d, "--dump-layout", env->dump, "the output", outputs[i]);
			e = ERR_USAGE;
		}
	}
	if (!e && env->dump)
		e = job_check_out(env, NULL, "--dump-layout", env->dump, d);
	file_id_free(&dump_id);
	return e;
}

/* 1 when path is the file standard output writes to (-o /dev/stdout with --dump-layout -),
   unless that is a device other than a terminal (/dev/null: nothing mixes there). */
static int cli_is_stdout(const char *path)
{
	struct stat a, b;
	if (fstat(1, &a) || stat(path, &b) || a.st_dev != b.st_dev || a.st_ino != b.st_ino)
		return 0;
	return !S_ISCHR(a.st_mode) || isatty(1);
}

/* The jobs of one `paiban print` run. */
struct cli_batch {
	const struct job_env *env;
	const char *const *inputs;
	char **outputs;
	struct buf *dumps;      /* per input, or NULL */
};

static enum err cli_print_job(void *ctx, size_t i, struct diag *d)
{
	struct cli_batch *b = ctx;
	enum err e = job_print(b->env, b->inputs[i], b->outputs[i], b->dumps ? &b->dumps[i] : NULL, d);
	if (e)
		diag_at(d, DIAG_NOTE, (struct srcpos){b->inputs[i], 0, 0}, "no PDF written (%s)", err_str(e));
	return e;
}

static enum err cli_epub_job(void *ctx, size_t i, struct diag *d)
{
	struct cli_batch *b = ctx;
	enum err e = job_epub(b->env, b->inputs[i], b->outputs[i], d);
	if (e)
		diag_at(d, DIAG_NOTE, (struct srcpos){b->inputs[i], 0, 0}, "no EPUB written (%s)", err_str(e));
	return e;
}

/* Parses a -j value: a number of threads, 1..JOB_MAX_THREADS (0: all cores). */
static int cli_threads(const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (end == v || *end || n < 0 || n > JOB_MAX_THREADS)
		return -1;
	*out = n ? (int)n : job_default_threads();
	return 0;
}

/* paiban print, and with epub set paiban epub (the same outputs, no --size nor --dump-layout). */
static int cli_print(int argc, char **argv, int epub, struct diag *d)
{
	const char *ext = epub ? ".epub" : ".pdf";
	const char *cmd = epub ? "epub" : "print";
	const char *out = NULL, *dir = NULL, *style = "a4-article", *dump = NULL;
	int size_steps = 0, threads = job_default_threads(), vertical = 0, embed_fonts = 0;
	const char *inputs[4096];
	const char *allow[256];
	int n_in = 0, n_allow = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(epub ? cli_epub_usage : cli_print_usage, stdout);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			diag_set_quiet(d, 1);
		} else if (!strcmp(a, "--allow-path")) {
			struct stat ast;
			if (i + 1 >= argc) {
				diag_msg(d, DIAG_ERROR, "option %s needs a value", a);
				return 2;
			}
			const char *v = argv[++i];
			if (stat(v, &ast) || !S_ISDIR(ast.st_mode)) {
				diag_msg(d, DIAG_ERROR, "--allow-path %s: not a folder", v);
				return 2;
			}
			if (n_allow >= (int)(sizeof allow / sizeof *allow)) {
				diag_msg(d, DIAG_ERROR, "too many --allow-path options");
				return 2;
			}
			allow[n_allow++] = v;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strncmp(a, "-j", 2)) {
			const char *v = a[2] ? a + 2 : i + 1 < argc ? argv[++i] : NULL;
			if (!v || cli_threads(v, &threads)) {
				diag_msg(d, DIAG_ERROR, "bad %s value (use -j N, N from 0 = all cores to %d)", a,
					 JOB_MAX_THREADS);
				return 2;
			}
		} else if (epub && !strcmp(a, "--vertical")) {
			vertical = 1;
		} else if (epub && !strcmp(a, "--embed-fonts")) {
			embed_fonts = 1;
		} else if (!epub && (!strcmp(a, "--size") || !strcmp(a, "--dump-layout"))) {
			if (i + 1 >= argc) {
				diag_msg(d, DIAG_ERROR, "option %s needs a value", a);
				return 2;
			}
			const char *v = argv[++i];
			int st;
			if (!strcmp(a, "--dump-layout")) {
				dump = v;
			} else if (cli_size_step(v, &st)) {
				diag_msg(d, DIAG_ERROR, "bad --size '%s' (use larger, smaller, +N or -N)", v);
				return 2;
			} else {
				size_steps += st;
			}
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "-d") ||
			   !strcmp(a, "--dir") || !strcmp(a, "-s") || !strcmp(a, "--style")) {
			if (i + 1 >= argc) {
				diag_msg(d, DIAG_ERROR, "option %s needs a value", a);
				return 2;
			}
			const char *v = argv[++i];
			if (a[1] == 'o' || !strcmp(a, "--output"))
				out = v;
			else if (a[1] == 'd' || !strcmp(a, "--dir"))
				dir = v;
			else
				style = v;
		} else if (a[0] == '-' && a[1]) {
			diag_msg(d, DIAG_ERROR, "unknown option '%s' (see paiban %s --help)", a, cmd);
			return 2;
		} else if (n_in < (int)(sizeof inputs / sizeof *inputs)) {
			inputs[n_in++] = a;
		} else {
			diag_msg(d, DIAG_ERROR, "too many input files");
			return 2;
		}
	}
	if (!n_in) {
		diag_msg(d, DIAG_ERROR, "no input file (see paiban %s --help)", cmd);
		return 2;
	}
	if (out && (n_in > 1 || dir)) {
		diag_msg(d, DIAG_ERROR, "-o takes one input and no -d; use -d DIR for several inputs");
		return 2;
	}
	if (dir) {
		struct stat st;
		if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
			if (mkdir(dir, 0777) && errno != EEXIST) {
				diag_msg(d, DIAG_ERROR, "cannot create output directory %s: %s", dir, strerror(errno));
				return 4;
			}
		}
	}
	if (dump && out && !strcmp(dump, "-") && !strcmp(out, "-")) {
		diag_msg(d, DIAG_ERROR, "--dump-layout - and -o - both write to standard output");
		return 2;
	}
	if (dump && out && (!strcmp(dump, "-") != !strcmp(out, "-")) &&
	    cli_is_stdout(!strcmp(dump, "-") ? out : dump)) {
		diag_msg(d, DIAG_ERROR, "--dump-layout %s and -o %s both write to standard output", dump, out);
		return 2;
	}
	struct job_env env;
	/* an EPUB sets no type: no fonts are loaded unless it carries them */
	enum err e = epub && !embed_fonts ? job_env_init_style(&env, style, d)
					  : job_env_init(&env, style, size_steps, d);
	env.epub_vertical = vertical;
	env.epub_embed_fonts = embed_fonts;
	env.allow_dirs = allow;
	env.n_allow = (size_t)n_allow;
	/* the threads -j gives that the articles leave idle subset each PDF's fonts */
	env.pdf_threads = n_in > 0 ? threads / (n_in < threads ? n_in : threads) : 1;
	char **outputs = calloc((size_t)n_in, sizeof *outputs);
	struct buf *dumps = dump ? calloc((size_t)n_in, sizeof *dumps) : NULL;
	enum err *errs = calloc((size_t)n_in, sizeof *errs);
	if (!e && (!outputs || !errs || (dump && !dumps)))
		e = ERR_NOMEM;
	for (int i = 0; !e && i < n_in; i++) {
		char path[PATH_MAX];
		if (out)
			snprintf(path, sizeof path, "%s", out);
		else
			cli_out_name(inputs[i], dir, NULL, 0, ext, path, sizeof path);
		if (!(outputs[i] = strdup(path)))
			e = ERR_NOMEM;
	}
	struct file_id *in_ids = calloc((size_t)n_in, sizeof *in_ids);
	struct file_id *out_ids = calloc((size_t)n_in, sizeof *out_ids);
	if (!e && (!in_ids || !out_ids))
		e = ERR_NOMEM;
	for (int i = 0; !e && i < n_in; i++) {
		file_id_get(inputs[i], &in_ids[i]);
		file_id_get(outputs[i], &out_ids[i]);
	}
	if (!e && !out)
		e = cli_out_apart(inputs, in_ids, outputs, out_ids, n_in, dir, ext, d);
	if (!e && dump && strcmp(dump, "-"))
		env.dump = dump;
	if (!e)
		e = cli_check_outputs(&env, inputs, in_ids, outputs, out_ids, n_in, d);
	for (int i = 0; i < n_in; i++) {
		if (in_ids)
			file_id_free(&in_ids[i]);
		if (out_ids)
			file_id_free(&out_ids[i]);
	}
	free(in_ids);
	free(out_ids);
	enum err worst = e;
	if (!e) {
		struct cli_batch batch = {&env, inputs, outputs, dumps};
		worst = job_run_all((size_t)n_in, threads, epub ? cli_epub_job : cli_print_job, &batch,
				    diag_quiet(d), stderr, errs);
	}
	int refused = 0; /* a job refused an output (the dump among them): write no dump */
	for (int i = 0; !e && i < n_in; i++)
		refused |= errs[i] == ERR_USAGE;
	if (dump && !e && !refused) {
		struct buf all;
		buf_init(&all);
		for (int i = 0; i < n_in; i++)
			buf_put(&all, dumps[i].p ? dumps[i].p : "", dumps[i].len);
		if (all.oom) {
			if (!worst)
				worst = ERR_NOMEM;
		} else if (all.len) {
			/* as the PDFs: a temporary file renamed; on failure no dump, old one untouched */
			struct buf what;
			buf_init(&what);
			buf_printf(&what, "the layout dump to %s", strcmp(dump, "-") ? dump : "standard output");
			enum err we = what.oom ? ERR_NOMEM : file_put(dump, buf_cstr(&what), all.p, all.len, d);
			if (we && !worst)
				worst = we;
			buf_free(&what);
		}
		buf_free(&all);
	}
	for (int i = 0; i < n_in; i++) {
		if (outputs)
			free(outputs[i]);
		if (dumps)
			buf_free(&dumps[i]);
	}
	free(outputs);
	free(dumps);
	free(errs);
	job_env_free(&env);
	return err_exit_code(worst);
}

static int cli_digest(int argc, char **argv, struct diag *d)
{
	struct digest_args a = {0};
	a.threads = job_default_threads();
	a.log = stderr;
	const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
	const char *allow[256];
	size_t n_in = 0, n_allow = 0;
	int rc = -1;
	if (!inputs)
		return 5;
	for (int i = 0; i < argc && rc < 0; i++) {
		const char *o = argv[i];
		const char **val = NULL;
		if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
			fputs(cli_digest_usage, stdout);
			rc = 0;
		} else if (!strcmp(o, "-q") || !strcmp(o, "--quiet")) {
			a.quiet = 1;
			diag_set_quiet(d, 1);
		} else if (!strcmp(o, "--keep-going")) {
			a.keep_going = 1;
		} else if (!strcmp(o, "--vertical")) {
			a.vertical = 1;
		} else if (!strcmp(o, "--embed-fonts")) {
			a.embed_fonts = 1;
		} else if (!strcmp(o, "-j") || !strcmp(o, "--jobs") || !strncmp(o, "-j", 2)) {
			const char *v = o[2] && o[1] == 'j' ? o + 2 : i + 1 < argc ? argv[++i] : NULL;
			if (!v || cli_threads(v, &a.threads)) {
				diag_msg(d, DIAG_ERROR, "bad %s value (use -j N, N from 0 = all cores to %d)", o,
					 JOB_MAX_THREADS);
				rc = 2;
			}
		} else if (!strcmp(o, "-o") || !strcmp(o, "--output")) {
			/* the format follows the extension: .epub an EPUB, anything else the PDF */
			const char *v = i + 1 < argc ? argv[i + 1] : NULL;
			const char *x = v ? strrchr(v, '.') : NULL;
			int epub = x && !strcasecmp(x, ".epub");
			val = epub ? &a.epub_out : &a.out;
			if (*val && v) {
				diag_msg(d, DIAG_ERROR, "two %s outputs (%s and %s): give one PDF and/or one EPUB",
					 epub ? "EPUB" : "PDF", *val, v);
				rc = 2;
			}
		} else if (!strcmp(o, "-s") || !strcmp(o, "--style"))
			val = &a.style;
		else if (!strcmp(o, "--title"))
			val = &a.title;
		else if (!strcmp(o, "--issue"))
			val = &a.issue;
		else if (!strcmp(o, "--volume"))
			val = &a.volume;
		else if (!strcmp(o, "--date"))
			val = &a.date;
		else if (!strcmp(o, "--publisher"))
			val = &a.publisher;
		else if (!strcmp(o, "--size") || !strcmp(o, "--allow-path")) {
			if (i + 1 >= argc) {
				diag_msg(d, DIAG_ERROR, "option %s needs a value", o);
				rc = 2;
				break;
			}
			const char *v = argv[++i];
			int st;
			struct stat ast;
			if (o[2] == 's') {
				if (cli_size_step(v, &st)) {
					diag_msg(d, DIAG_ERROR, "bad --size '%s' (use larger, smaller, +N or -N)", v);
					rc = 2;
				} else
					a.size_steps += st;
			} else if (stat(v, &ast) || !S_ISDIR(ast.st_mode)) {
				diag_msg(d, DIAG_ERROR, "--allow-path %s: not a folder", v);
				rc = 2;
			} else if (n_allow >= sizeof allow / sizeof *allow) {
				diag_msg(d, DIAG_ERROR, "too many --allow-path options");
				rc = 2;
			} else
				allow[n_allow++] = v;
		} else if (o[0] == '-' && o[1]) {
			diag_msg(d, DIAG_ERROR, "unknown option '%s' (see paiban digest --help)", o);
			rc = 2;
		} else
			inputs[n_in++] = o;
		if (val) {
			if (i + 1 >= argc) {
				diag_msg(d, DIAG_ERROR, "option %s needs a value", o);
				rc = 2;
			} else
				*val = argv[++i];
		}
	}
	if (rc < 0 && !n_in) {
		diag_msg(d, DIAG_ERROR, "no manifest or article files (see paiban digest --help)");
		rc = 2;
	}
	if (rc < 0 && !a.out && !a.epub_out) {
		diag_msg(d, DIAG_ERROR, "no output: give -o OUT.pdf and/or -o OUT.epub");
		rc = 2;
	}
	if (rc < 0 && !a.epub_out && (a.vertical || a.embed_fonts)) {
		diag_msg(d, DIAG_ERROR, "%s shapes the EPUB: give -o OUT.epub",
			 a.vertical ? "--vertical" : "--embed-fonts");
		rc = 2;
	}
	if (rc < 0) {
		/* one .yaml / .yml file is a manifest; anything else is a list of articles */
		const char *x = n_in == 1 ? strrchr(inputs[0], '.') : NULL;
		if (x && (!strcmp(x, ".yaml") || !strcmp(x, ".yml")))
			a.manifest = inputs[0];
		else {
			a.files = inputs;
			a.n_files = n_in;
		}
		a.allow_dirs = allow;
		a.n_allow = n_allow;
		rc = err_exit_code(job_digest(&a, d));
	}
	free(inputs);
	return rc;
}

static int cli_parse(int argc, char **argv, struct diag *d)
{
	const char *in = NULL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(cli_parse_usage, stdout);
			return 0;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			diag_msg(d, DIAG_ERROR, "unknown option '%s' (see paiban parse --help)", argv[i]);
			return 2;
		}
		if (in) {
			diag_msg(d, DIAG_ERROR, "parse takes one file");
			return 2;
		}
		in = argv[i];
	}
	if (!in) {
		diag_msg(d, DIAG_ERROR, "no input file (see paiban parse --help)");
		return 2;
	}
	struct doc *doc = NULL;
	enum err e = parse_file(in, d, &doc);
	if (e)
		return err_exit_code(e);
	struct buf b;
	buf_init(&b);
	doc_to_json(doc, &b);
	int rc = 0;
	if (b.oom || fwrite(b.p, 1, b.len, stdout) != b.len || fflush(stdout)) {
		diag_msg(d, DIAG_ERROR, "cannot write the JSON to standard output");
		rc = 4;
	}
	buf_free(&b);
	doc_free(doc);
	return rc;
}

int main(int argc, char **argv)
{
#ifdef __GLIBC__
	/* A document's buffers (shaped runs, hb-subset's tables, the PDF) are megabytes that are
	   freed and allocated again for the next document. glibc's defaults give each its own mmap
	   and return it at free: page faults, and in a -j run a TLB shoot-down on every core per
	   munmap (print -d of 100 articles: 1.4x instead of 1.85x on 2 cores, make bench). */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
	struct diag *d = diag_new(stderr);
	if (!d)
		return 5;
	file_guard_signals(); /* a signal removes the temporary files being written */
	int rc;
	if (argc < 2) {
		fputs(cli_usage, stderr);
		rc = 2;
	} else if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		fputs(cli_usage, stdout);
		rc = 0;
	} else if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("paiban %s\n", PAIBAN_VERSION);
		rc = 0;
	} else if (!strcmp(argv[1], "print")) {
		rc = cli_print(argc - 2, argv + 2, 0, d);
	} else if (!strcmp(argv[1], "epub")) {
		rc = cli_print(argc - 2, argv + 2, 1, d);
	} else if (!strcmp(argv[1], "digest")) {
		rc = cli_digest(argc - 2, argv + 2, d);
	} else if (!strcmp(argv[1], "parse")) {
		rc = cli_parse(argc - 2, argv + 2, d);
	} else {
		diag_msg(d, DIAG_ERROR, "unknown command '%s' (see paiban --help)", argv[1]);
		rc = 2;
	}
	diag_free(d);
	return rc;
}
