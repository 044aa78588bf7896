/* test_layout_golden.c: golden line-break dumps (tests/layout/NAME.txt).

   The sample's body paragraphs (read with parse_file, as the CLI reads them) and a few
   punctuation-dense paragraphs of this file are shaped with the body font chain of
   fonts/roles.conf at 10.5 pt and broken (line_break: 2 em indent, justified) at measures of
   13, 20, 28 and 40 em; line_dump's rows (index, width, flags, |text|) go to
   BUILD/test-out/layout/NAME.txt and are compared with tests/layout/NAME.txt. A difference is
   shown as a unified diff (diff -u) and fails the test. With UPDATE_GOLDEN=1 in the environment
   the goldens are rewritten instead: read the diff, and the new files, before committing them.

   Each row is also checked here for what a reviewer looks for first: no line starts with a
   KIN-START mark or ends with a KIN-END mark (docs/clreq.md), no —— or …… split (UNBREAK), no
   number split (NOSPLIT). Run from the repository root. */
#include "layout/linebreak.h"
#include "layout/clreq.h"
#include "model/doc.h"
#include "parse/parse.h"
#include "shape/shape.h"
#include "style/style.h"
#include "base/buf.h"
#include "base/utf8.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "clreq_lists.h"

#define SAMPLE "samples/hubei-2022-04-06-wushe-liandong.txt"
#define EM 10.5f

static int fails;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

/* docs/clreq.md KIN-START and KIN-END, verbatim */

/* Punctuation-dense paragraphs: quotes in quotes, ？！, 。”（, ——, ……, dates, percentages,
   amounts, a URL, an English phrase. */
static const char *const punct_paras[] = {
	"他在座谈会上说：“‘五社联动’就是‘聚合力……’，缺一不可。”真的吗？！记者追问。“当然。”"
	"（他笑着补充）——截至2022年4月6日，全省已投入资金3.5亿元，同比增长20%，"
	"详见http://www.hubei.gov.cn/zwgk/hbyw/202204/t20220406_4073152.shtml。正如一位专家所说，"
	"“Social work is a practice-based profession”，这句话在《湖北“五社联动”的探索与实践》中"
	"也有体现……",
	"“‘三留守’人员怎么办？’”有人问。“办法总比困难多！”——他回答。第二天（4月7日）上午，"
	"社工站又接到了12个求助电话……据统计，2021年全省社工站覆盖率达到98.5%，比上年提高了"
	"15.2个百分点；投入资金1.25亿元，服务对象超过30万人次。“好！”“好！！”“好？！”"
	"《中国社会工作》杂志（2022年第4期）、《湖北日报》“社工风采”专栏——都报道了这一做法。"};

struct env {
	struct diag *d;
	struct fontset *fs;
	struct shaper *sh;
	struct fontchain fc;
	struct shape_buf b;
	struct line_result r;
	char build[256];
	int update;
};

static uint32_t first_cp(const char *s, size_t n)
{
	uint32_t c = 0;
	if (n)
		utf8_decode(s, n, &c);
	return c;
}

static uint32_t last_cp(const char *s, size_t n)
{
	if (!n)
		return 0;
	size_t a = n - 1;
	while (a > 0 && ((unsigned char)s[a] & 0xC0) == 0x80)
		a--;
	uint32_t c = 0;
	utf8_decode(s + a, n - a, &c);
	return c;
}

static int is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Checks the rows of one paragraph's dump (rows[0..len)); name for messages. */
static void check_rows(const char *name, const char *rows, size_t len)
{
	uint32_t prev_last = 0;
	int row = 0;
	for (const char *p = rows; p < rows + len; row++) {
		const char *eol = memchr(p, '\n', (size_t)(rows + len - p));
		if (!eol)
			eol = rows + len;
		const char *a = memchr(p, '|', (size_t)(eol - p));
		const char *b = eol > p ? eol - 1 : p;
		if (!a || *b != '|' || b <= a) {
			fprintf(stderr, "%s: row %d malformed: %.*s\n", name, row, (int)(eol - p), p);
			fails++;
			break;
		}
		const char *t = a + 1;
		size_t n = (size_t)(b - t);
		uint32_t c0 = first_cp(t, n), c1 = last_cp(t, n);
		int overfull = memchr(p, 'O', (size_t)(a - p)) != NULL;
		if (row && in_list(kin_start, c0)) {
			fprintf(stderr, "%s: row %d starts with a KIN-START mark: %.*s\n", name, row,
				(int)(eol - p), p);
			fails++;
		}
		if (!overfull && in_list(kin_end, c1)) {
			fprintf(stderr, "%s: row %d ends with a KIN-END mark: %.*s\n", name, row,
				(int)(eol - p), p);
			fails++;
		}
		if (row && ((prev_last == 0x2014 && c0 == 0x2014) || (prev_last == 0x2026 && c0 == 0x2026))) {
			fprintf(stderr, "%s: row %d: UNBREAK: —— or …… split before: %.*s\n", name, row,
				(int)(eol - p), p);
			fails++;
		}
		if (row && is_digit(prev_last) && (is_digit(c0) || c0 == '%' || c0 == '.')) {
			fprintf(stderr, "%s: row %d: NOSPLIT: a number split before: %.*s\n", name, row,
				(int)(eol - p), p);
			fails++;
		}
		prev_last = c1;
		p = eol + (eol < rows + len);
	}
}

/* Breaks every paragraph at measure em and writes the dump of all of them into out. */
static void dump(struct env *e, const char *title, const char *const *paras, size_t n, float em,
		 struct buf *out)
{
	struct line_params p = {.measure = em * EM, .em = EM, .indent = 2 * EM, .justify = 1};
	buf_printf(out, "# %s\n", title);
	buf_printf(out, "# Noto Serif CJK SC %.1f pt, measure %g em (%.2f pt), indent 2 em, justified\n",
		   (double)EM, (double)em, (double)p.measure);
	buf_puts(out, "# row: index width flags |text|; flags: J justified, L last, F forced, "
		 "S squeezed, O overfull, U underfull\n");
	struct buf rows;
	buf_init(&rows);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(paras[i]);
		e->b.n = 0;
		CHECK(shape_text(e->sh, &e->fc, EM, paras[i], len, (struct srcpos){"golden", 1, 1},
				 &e->b) == ERR_OK);
		CHECK(line_break(e->b.g, e->b.n, paras[i], len, &p, &e->r, e->d,
				 (struct srcpos){"golden", (unsigned)i + 1, 1}) == ERR_OK);
		buf_reset(&rows);
		line_dump(paras[i], len, e->b.g, e->b.n, &e->r, &rows);
		char name[96];
		snprintf(name, sizeof name, "%s, paragraph %zu, %g em", title, i + 1, (double)em);
		check_rows(name, rows.p ? rows.p : "", rows.len);
		buf_printf(out, "## paragraph %zu\n", i + 1);
		buf_put(out, rows.p ? rows.p : "", rows.len);
	}
	buf_free(&rows);
}

static int write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int ok = fwrite(s, 1, n, f) == n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b);
	char tmp[4096];
	size_t k;
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_put(&b, tmp, k);
	fclose(f);
	*n = b.len;
	buf_cstr(&b);
	return b.p;
}

/* Compares the dump with tests/layout/NAME.txt (or rewrites it with UPDATE_GOLDEN=1). */
static void golden(struct env *e, const char *name, struct buf *out)
{
	char got[512], want[512];
	snprintf(got, sizeof got, "%s/test-out/layout/%s.txt", e->build, name);
	snprintf(want, sizeof want, "tests/layout/%s.txt", name);
	const char *s = out->p ? out->p : "";
	if (write_file(got, s, out->len)) {
		fprintf(stderr, "cannot write %s: %s\n", got, strerror(errno));
		fails++;
		return;
	}
	if (e->update) {
		if (write_file(want, s, out->len)) {
			fprintf(stderr, "cannot write %s: %s\n", want, strerror(errno));
			fails++;
		} else {
			printf("test_layout_golden: wrote %s\n", want);
		}
		return;
	}
	size_t n;
	char *g = read_file(want, &n);
	if (!g) {
		fprintf(stderr, "%s: missing golden file (run with UPDATE_GOLDEN=1 to create it, then "
			"review it)\n", want);
		fails++;
		return;
	}
	if (n != out->len || memcmp(g, s, n)) {
		fprintf(stderr, "%s: layout differs from the golden file:\n", want);
		fflush(stderr);
		char cmd[1200];
		snprintf(cmd, sizeof cmd, "diff -u '%s' '%s' 1>&2", want, got);
		if (system(cmd) == -1)
			fprintf(stderr, "(could not run diff)\n");
		fprintf(stderr, "(if the change is intended: UPDATE_GOLDEN=1 %s/tests/test_layout_golden)\n",
			e->build);
		fails++;
	}
	free(g);
}

static void make_dirs(const char *build)
{
	char path[512];
	snprintf(path, sizeof path, "%s/test-out", build);
	mkdir(path, 0777);
	snprintf(path, sizeof path, "%s/test-out/layout", build);
	mkdir(path, 0777);
}

int main(int argc, char **argv)
{
	struct env e = {0};
	/* BUILD is two levels above this program (BUILD/tests/test_layout_golden) */
	snprintf(e.build, sizeof e.build, "build");
	if (argc > 0 && argv[0]) {
		const char *s = strrchr(argv[0], '/');
		if (s && s - argv[0] >= 6 && !strncmp(s - 6, "/tests", 6) && s - 6 > argv[0])
			snprintf(e.build, sizeof e.build, "%.*s", (int)(s - 6 - argv[0]), argv[0]);
	}
	const char *up = getenv("UPDATE_GOLDEN");
	e.update = up && *up && strcmp(up, "0");
	make_dirs(e.build);

	e.d = diag_new(stderr);
	struct style st;
	style_defaults(&st);
	CHECK(style_load(&st, "fonts/roles.conf", e.d) == ERR_OK);
	CHECK(fontset_new(e.d, &e.fs) == ERR_OK);
	if (fails)
		return 1;
	/* the body chain as compose builds it: the body role, then the fallback role */
	const struct style_role *roles[] = {&st.role_body, &st.role_fallback};
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < roles[k]->n && e.fc.n < FONTCHAIN_MAX; i++) {
			struct font *f;
			if (fontset_get(e.fs, roles[k]->families[i], &f) != ERR_OK)
				continue;
			int dup = 0;
			for (int j = 0; j < e.fc.n; j++)
				dup |= e.fc.fonts[j] == f;
			if (!dup)
				e.fc.fonts[e.fc.n++] = f;
		}
	CHECK(e.fc.n >= 1 && !strcmp(e.fc.fonts[0]->family, "Noto Serif CJK SC"));
	CHECK(shaper_new(e.fs, e.d, &e.sh) == ERR_OK);
	struct doc *doc = NULL;
	CHECK(parse_file(SAMPLE, e.d, &doc) == ERR_OK);
	if (fails)
		return 1;
	const char **paras = calloc(doc->n_blocks, sizeof *paras);
	size_t np = 0;
	for (size_t i = 0; i < doc->n_blocks; i++)
		if (doc->blocks[i].type == DOC_PARA)
			paras[np++] = doc->blocks[i].text;
	CHECK(np == 11);

	static const float measures[] = {13, 20, 28, 40};
	struct buf out;
	buf_init(&out);
	unsigned files = 0;
	for (size_t m = 0; m < sizeof measures / sizeof *measures; m++) {
		char name[64];
		buf_reset(&out);
		dump(&e, SAMPLE " (body paragraphs)", paras, np, measures[m], &out);
		snprintf(name, sizeof name, "sample-%gem", (double)measures[m]);
		golden(&e, name, &out);
		buf_reset(&out);
		dump(&e, "punctuation-dense paragraphs (tests/unit/test_layout_golden.c)", punct_paras,
		     sizeof punct_paras / sizeof *punct_paras, measures[m], &out);
		snprintf(name, sizeof name, "punct-%gem", (double)measures[m]);
		golden(&e, name, &out);
		files += 2;
	}

	buf_free(&out);
	free(paras);
	doc_free(doc);
	line_result_free(&e.r);
	shape_buf_free(&e.b);
	shaper_free(e.sh);
	fontset_free(e.fs);
	diag_free(e.d);
	if (fails) {
		fprintf(stderr, "test_layout_golden: %d failures\n", fails);
		return 1;
	}
	printf("test_layout_golden: ok (%u golden files)\n", files);
	return 0;
}
