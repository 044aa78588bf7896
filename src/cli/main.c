/* main.c: the paiban command line: print, parse, --help, --version. */
#include "../base/buf.h"
#include "../base/diag.h"
#include "../model/doc.h"
#include "../parse/parse.h"
#include "../style/style.h"
#include "../shape/shape.h"
#include "../layout/compose.h"
#include "../layout/page.h"
#include "../render/pdf.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	"Typesets news articles (Chinese first) into print-ready PDFs.\n"
	"\n"
	"Commands:\n"
	"  print FILE... -o OUT.pdf | -d DIR   typeset articles, one PDF each\n"
	"  parse FILE                          print the document model as JSON\n"
	"\n"
	"Options:\n"
	"  -h, --help      show this help (paiban COMMAND --help for a command)\n"
	"  -V, --version   show the version\n"
	"\n"
	"Input: a plain-text dump of a news web page (UTF-8 or GB18030/GBK), or Markdown\n"
	"(.md) with YAML front matter; PNG and JPEG images next to the article are printed.\n"
	"Exit codes: 0 ok, 1 bad input, 2 usage, 3 font missing, 4 I/O error, 5 internal error.\n";

static const char cli_print_usage[] =
	"Usage: paiban print [OPTIONS] FILE...\n"
	"Typesets each article FILE into a PDF.\n"
	"\n"
	"  -o, --output FILE   write the PDF to FILE (one input only; '-' = stdout)\n"
	"  -d, --dir DIR       write one PDF per input into DIR, named after the input\n"
	"                      (a.txt -> DIR/a.pdf); default: next to each input\n"
	"  -s, --style NAME    style: a name from the styles folder (default a4-article)\n"
	"                      or a path to a .style file\n"
	"  --size STEP         larger or smaller text, as a news site's 放大/缩小 buttons:\n"
	"                      larger, smaller, +N or -N steps of the 号 scale (... 小五 9,\n"
	"                      五号 10.5, 小四 12, 四号 14, 小三 15, 三号 16, 小二 18 ... pt);\n"
	"                      repeatable, steps add up. The body moves from the style's size,\n"
	"                      every other class scales with it and the text re-flows and\n"
	"                      re-paginates on a whole-character measure (not a zoom). Steps\n"
	"                      past 八号/初号 or below 8 characters a line are clamped (warning)\n"
	"  --dump-layout FILE  also write a text dump of the layout to FILE ('-' = stdout):\n"
	"                      per page and line the class, column, baseline y, x extent,\n"
	"                      line-breaker flags, compression/stretch and the text\n"
	"  --allow-path DIR    images may also come from DIR (repeatable). By default an\n"
	"                      image is printed only when its file lies inside the article's\n"
	"                      folder: absolute paths, '..' out of it and symbolic links\n"
	"                      leading out of it are refused with a warning. Remote images\n"
	"                      (http://, https://, //) are never fetched\n"
	"  -q, --quiet         no warnings, only errors\n"
	"  -h, --help          show this help\n"
	"\n"
	"Environment: SOURCE_DATE_EPOCH fixes the PDF dates (byte-reproducible output);\n"
	"PAIBAN_DATADIR names the folder holding styles/ and fonts/.\n"
	"\n"
	"Limits (hostile input; exit 1 naming the limit): input 64 MiB, article text 16 MiB,\n"
	"1 MiB a line (page dump) or block (Markdown), 200 000 paragraphs, 10 000 pages,\n"
	"HTML nesting followed 256 deep. No network access: nothing is ever fetched.\n";

static const char cli_parse_usage[] =
	"Usage: paiban parse FILE\n"
	"Reads an article and prints its document model as one JSON object: title, subtitle,\n"
	"published, source, url, byline [{role, names}], editor, keywords, blocks\n"
	"[{type: paragraph|heading|image, ...}].\n";

/* One job: everything a run changes (no global state). */
struct cli_job {
	struct diag *diag;
	struct fontset *fs;
	struct shaper *sh;
	struct style style;
	long long epoch;
	struct buf *dump;       /* layout dump of every article, or NULL */
	struct compose_opts copts; /* --allow-path folders */
};

/* Finds DATADIR/rel: $PAIBAN_DATADIR, the tree next to the executable, the install prefix. */
static int cli_datafile(const char *rel, char *out, size_t n)
{
	const char *env = getenv("PAIBAN_DATADIR");
	char exe[PATH_MAX];
	ssize_t l = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char exedir[PATH_MAX] = "";
	if (l > 0) {
		exe[l] = 0;
		char *s = strrchr(exe, '/');
		if (s) {
			*s = 0;
			snprintf(exedir, sizeof exedir, "%s", exe);
		}
	}
	const char *cands[4] = {env, NULL, NULL, PAIBAN_DATADIR};
	char c1[PATH_MAX + 32], c2[PATH_MAX + 32]; /* exedir + a suffix: never truncated */
	if (*exedir) {
		snprintf(c1, sizeof c1, "%s/..", exedir);
		snprintf(c2, sizeof c2, "%s/../share/paiban", exedir);
		cands[1] = c1;
		cands[2] = c2;
	}
	for (int i = 0; i < 4; i++) {
		if (!cands[i] || !*cands[i])
			continue;
		snprintf(out, n, "%s/%s", cands[i], rel);
		if (access(out, R_OK) == 0) {
			/* diagnostics then name styles/x.style, not build/../styles/x.style */
			char real[PATH_MAX];
			if (realpath(out, real) && strlen(real) < n)
				snprintf(out, n, "%s", real);
			return 0;
		}
	}
	return -1;
}

static enum err cli_load_style(struct cli_job *j, const char *name)
{
	char path[PATH_MAX];
	style_defaults(&j->style);
	if (cli_datafile("fonts/roles.conf", path, sizeof path) == 0) {
		enum err e = style_load(&j->style, path, j->diag);
		if (e)
			return e;
	}
	if (strchr(name, '/') || strstr(name, ".style")) {
		snprintf(path, sizeof path, "%s", name);
	} else {
		char rel[PATH_MAX];
		snprintf(rel, sizeof rel, "styles/%s.style", name);
		if (cli_datafile(rel, path, sizeof path)) {
			diag_msg(j->diag, DIAG_ERROR, "unknown style '%s' (no styles/%s.style found)", name, name);
			return ERR_USAGE;
		}
	}
	return style_load(&j->style, path, j->diag);
}

/* Optional font families (written "Family?" in a role): those not installed are dropped with
   a warning naming the family that stands in. Probed through a second fontset whose "not
   installed" errors go nowhere. */
static enum err cli_resolve_fonts(struct cli_job *j)
{
	struct style_role *roles[] = {&j->style.role_body, &j->style.role_heading, &j->style.role_sans,
				      &j->style.role_latin, &j->style.role_fallback};
	static const char *const names[] = {"body", "heading", "sans", "latin", "fallback"};
	int any = 0;
	for (size_t r = 0; r < sizeof roles / sizeof *roles; r++)
		any |= roles[r]->optional != 0;
	if (!any)
		return ERR_OK;
	FILE *null = fopen("/dev/null", "w");
	struct diag *quiet = diag_new(null ? null : stderr);
	struct fontset *probe = NULL;
	enum err e = quiet ? fontset_new(quiet, &probe) : ERR_NOMEM;
	for (size_t r = 0; !e && r < sizeof roles / sizeof *roles; r++) {
		struct style_role *x = roles[r];
		struct buf gone; /* optional families missing from the front of the role */
		buf_init(&gone);
		int front = 1, n_gone = 0;
		for (int i = 0; i < x->n;) {
			struct font *f;
			if (!(x->optional & (1u << i)) || fontset_get(probe, x->families[i], &f) == ERR_OK) {
				i++;
				front = 0;
				continue;
			}
			if (front) {
				buf_printf(&gone, "%s'%s'", gone.len ? ", " : "", x->families[i]);
				n_gone++;
			}
			style_role_drop(x, i);
		}
		if (gone.len && x->n)
			diag_at(j->diag, DIAG_WARNING, (struct srcpos){x->file, x->line, x->col},
				"font %s %s %s not installed; the %s role falls back to '%s'",
				n_gone > 1 ? "families" : "family", buf_cstr(&gone), n_gone > 1 ? "are" : "is",
				names[r], x->families[0]);
		if (x->n == 0 && r != 3) {
			diag_at(j->diag, DIAG_ERROR, (struct srcpos){x->file, x->line, x->col},
				"none of the families of the %s role is installed", names[r]);
			e = ERR_FONT;
		}
		buf_free(&gone);
	}
	fontset_free(probe);
	diag_free(quiet);
	if (null)
		fclose(null);
	return e;
}

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

static long long cli_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return -1;
	char *end;
	long long v = strtoll(s, &end, 10);
	return (*end || v < 0) ? -1 : v;
}

static int cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) || stat(b, &sb))
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Output path for input `in` in dir (or next to the input when dir is NULL). */
static void cli_out_name(const char *in, const char *dir, char *out, size_t n)
{
	const char *base = strrchr(in, '/');
	base = base ? base + 1 : in;
	const char *dot = strrchr(base, '.');
	size_t bl = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (dir)
		snprintf(out, n, "%s%s%.*s.pdf", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", (int)bl, base);
	else
		snprintf(out, n, "%.*s%.*s.pdf", (int)(base - in), in, (int)bl, base);
}

static enum err cli_print_one(struct cli_job *j, const char *in, const char *out)
{
	if (strcmp(out, "-") && cli_same_file(in, out)) {
		diag_msg(j->diag, DIAG_ERROR, "output %s is the input file; refusing to overwrite it", out);
		return ERR_USAGE;
	}
	struct doc *doc = NULL;
	enum err e = parse_file(in, j->diag, &doc);
	if (e)
		return e;
	struct pagedoc pd;
	pagedoc_init(&pd, j->style.page_w, j->style.page_h);
	fontset_reset_usage(j->fs);
	if (j->dump)
		buf_printf(j->dump, "# article %s\n", in);
	e = compose_article_dump(doc, &j->style, j->fs, j->sh, j->diag, &pd, j->dump, &j->copts);
	if (!e) {
		struct buf author, subject, kw;
		buf_init(&author);
		buf_init(&subject);
		buf_init(&kw);
		doc_byline_names(doc, "、", &author);
		if (doc->source.text)
			buf_puts(&subject, doc->source.text);
		if (doc->published.text) {
			char date[32];
			compose_dateline_date(doc->published.text, date, sizeof date);
			if (subject.len)
				buf_putc(&subject, ' ');
			buf_puts(&subject, date);
		}
		for (size_t i = 0; i < doc->n_keywords; i++) {
			if (i)
				buf_puts(&kw, ", ");
			buf_puts(&kw, doc->keywords[i].text);
		}
		struct pdf_meta m = {doc->title.text, author.len ? buf_cstr(&author) : NULL,
				     subject.len ? buf_cstr(&subject) : NULL, kw.len ? buf_cstr(&kw) : NULL,
				     "paiban " PAIBAN_VERSION, j->epoch};
		e = pdf_write(&pd, j->fs, &m, out, j->diag);
		buf_free(&author);
		buf_free(&subject);
		buf_free(&kw);
	}
	pagedoc_free(&pd);
	doc_free(doc);
	return e;
}

static int cli_print(int argc, char **argv, struct diag *d)
{
	const char *out = NULL, *dir = NULL, *style = "a4-article", *dump = NULL;
	int size_steps = 0;
	const char *inputs[4096];
	const char *allow[256];
	int n_in = 0, n_allow = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(cli_print_usage, stdout);
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
		} else if (!strcmp(a, "--size") || !strcmp(a, "--dump-layout")) {
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
			diag_msg(d, DIAG_ERROR, "unknown option '%s' (see paiban print --help)", a);
			return 2;
		} else if (n_in < (int)(sizeof inputs / sizeof *inputs)) {
			inputs[n_in++] = a;
		} else {
			diag_msg(d, DIAG_ERROR, "too many input files");
			return 2;
		}
	}
	if (!n_in) {
		diag_msg(d, DIAG_ERROR, "no input file (see paiban print --help)");
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
	struct buf dumpbuf;
	buf_init(&dumpbuf);
	struct cli_job j = {.diag = d, .epoch = cli_epoch(), .dump = dump ? &dumpbuf : NULL,
			    .copts = {allow, (size_t)n_allow}};
	enum err e = cli_load_style(&j, style);
	if (!e && size_steps) {
		int done;
		float was = j.style.text[STYLE_BODY].size;
		style_step_size(&j.style, size_steps, &done);
		if (done != size_steps)
			diag_msg(d, DIAG_WARNING,
				 "--size %+d clamped to %+d: the body goes from %.1fpt to %.1fpt, the %s end "
				 "of the 号 scale for this page (八号 5pt .. 初号 42pt, at least %d characters a line)",
				 size_steps, done, was, j.style.text[STYLE_BODY].size,
				 size_steps > 0 ? "large" : "small", STYLE_MIN_CHARS);
	}
	if (!e)
		e = cli_resolve_fonts(&j);
	if (!e)
		e = fontset_new(d, &j.fs);
	if (!e)
		e = shaper_new(j.fs, d, &j.sh);
	enum err worst = e;
	for (int i = 0; !e && i < n_in; i++) {
		char path[PATH_MAX];
		if (out)
			snprintf(path, sizeof path, "%s", out);
		else
			cli_out_name(inputs[i], dir, path, sizeof path);
		enum err ei = cli_print_one(&j, inputs[i], path);
		if (ei) {
			diag_at(d, DIAG_NOTE, (struct srcpos){inputs[i], 0, 0}, "no PDF written (%s)", err_str(ei));
			if (!worst)
				worst = ei;
			if (ei == ERR_FONT || ei == ERR_NOMEM)
				break;
		}
	}
	if (dump && !dumpbuf.oom && dumpbuf.len) {
		FILE *f = strcmp(dump, "-") ? fopen(dump, "w") : stdout;
		if (!f || fwrite(dumpbuf.p, 1, dumpbuf.len, f) != dumpbuf.len || (f == stdout ? fflush(f) : fclose(f))) {
			diag_msg(d, DIAG_ERROR, "cannot write the layout dump to %s: %s", dump, strerror(errno));
			if (!worst)
				worst = ERR_IO;
		}
	} else if (dump && dumpbuf.oom && !worst) {
		worst = ERR_NOMEM;
	}
	buf_free(&dumpbuf);
	shaper_free(j.sh);
	fontset_free(j.fs);
	return err_exit_code(worst);
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
	struct diag *d = diag_new(stderr);
	if (!d)
		return 5;
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
		rc = cli_print(argc - 2, argv + 2, d);
	} else if (!strcmp(argv[1], "parse")) {
		rc = cli_parse(argc - 2, argv + 2, d);
	} else {
		diag_msg(d, DIAG_ERROR, "unknown command '%s' (see paiban --help)", argv[1]);
		rc = 2;
	}
	diag_free(d);
	return rc;
}
