/* test_style.c: style file reader: units, 号 sizes, sections, errors at file:line:col. */
#include "style/style.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static int fails;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)
#define NEAR(a, b) (fabsf((a) - (b)) < 0.01f)

static enum err parse(struct style *s, const char *text, FILE *msgs)
{
	struct diag *d = diag_new(msgs);
	enum err e = style_parse(s, "t.style", text, strlen(text), d);
	diag_free(d);
	return e;
}

int main(void)
{
	float v;
	CHECK(style_length("五号", 10, &v) == 0 && NEAR(v, 10.5f));
	CHECK(style_length("小四", 10, &v) == 0 && NEAR(v, 12));
	CHECK(style_length("三号", 10, &v) == 0 && NEAR(v, 16));
	CHECK(style_length("25.4mm", 10, &v) == 0 && NEAR(v, 72));
	CHECK(style_length("2em", 10.5f, &v) == 0 && NEAR(v, 21));
	CHECK(style_length("1in", 10, &v) == 0 && NEAR(v, 72));
	CHECK(style_length("12", 10, &v) == -1);
	CHECK(style_length("12px", 10, &v) == -1);
	CHECK(style_length("九号", 10, &v) == -1);

	struct style s;
	style_defaults(&s);
	CHECK(NEAR(s.page_w, 595.28f) && NEAR(s.text[STYLE_BODY].size, 10.5f));
	/* JUST: the measure is a whole number of body characters, centred between the margins */
	CHECK(NEAR(style_measure(&s), 43 * 10.5f));
	CHECK(NEAR(style_left(&s), 70.87f + (453.54f - 451.5f) / 2));
	const char *ok =
		"# comment\nname = test\n[page]\nsize = A5\nmargin = 15mm\n"
		"[body]\nsize = 小四   # trailing comment\nindent = 2em\nline-pitch = 1.8\n"
		"[heading]\nsize = 1.2em\nspace-before = 1em\nalign = center\n"
		"[fonts]\nbody = Noto Serif CJK SC, Noto Sans CJK SC\n";
	CHECK(parse(&s, ok, stderr) == ERR_OK);
	CHECK(!strcmp(s.name, "test"));
	CHECK(NEAR(s.page_w, 419.53f) && NEAR(s.page_h, 595.28f));
	CHECK(NEAR(s.margin_left, 42.52f) && NEAR(s.margin_top, 42.52f));
	CHECK(NEAR(s.text[STYLE_BODY].size, 12) && NEAR(s.text[STYLE_BODY].indent, 24));
	CHECK(NEAR(s.text[STYLE_BODY].line_pitch, 1.8f));
	CHECK(NEAR(s.text[STYLE_HEADING].size, 14.4f));
	CHECK(NEAR(s.text[STYLE_HEADING].space_before, 14.4f));
	CHECK(s.text[STYLE_HEADING].align == STYLE_CENTER);
	CHECK(s.role_body.n == 2 && !strcmp(s.role_body.families[1], "Noto Sans CJK SC"));
	/* structure classes left out: derived (heading-N from [heading], the rest from [body]);
	   subheads of every level print as [heading] */
	CHECK(NEAR(s.text[STYLE_HEADING3].size, 14.4f) && s.text[STYLE_HEADING3].align == STYLE_CENTER);
	CHECK(style_heading_class(&s, 3) == STYLE_HEADING);
	CHECK(NEAR(s.text[STYLE_QUOTE].size, 12) && NEAR(s.text[STYLE_QUOTE].margin_left, 24) &&
	      NEAR(s.text[STYLE_QUOTE].margin_right, 24) && !strcmp(s.text[STYLE_QUOTE].role, "kai"));
	CHECK(NEAR(s.text[STYLE_LIST].margin_left, 24) && NEAR(s.text[STYLE_LIST].indent, 0));
	CHECK(!strcmp(s.text[STYLE_CODE].role, "mono") && NEAR(s.text[STYLE_CODE].size, 10.8f));
	CHECK(s.emphasis == STYLE_EM_DOTS);
	const char *structure =
		"[heading-3]\nfont = kai\nsize = 五号\n[quote]\nmargin-left = 3em\n"
		"[body]\nemphasis = kai\n[code]\nfont = mono\nmargin = 1em\n";
	CHECK(parse(&s, structure, stderr) == ERR_OK);
	CHECK(style_heading_class(&s, 2) == STYLE_HEADING && style_heading_class(&s, 3) == STYLE_HEADING3 &&
	      style_heading_class(&s, 6) == STYLE_HEADING);
	CHECK(!strcmp(s.text[STYLE_HEADING3].role, "kai") && NEAR(s.text[STYLE_HEADING3].size, 10.5f));
	CHECK(NEAR(s.text[STYLE_QUOTE].margin_left, 36) && NEAR(s.text[STYLE_QUOTE].margin_right, 24));
	CHECK(NEAR(s.text[STYLE_CODE].margin_left, 12) && NEAR(s.text[STYLE_CODE].margin_right, 12));
	CHECK(s.emphasis == STYLE_EM_KAI);
	{
		char out[512] = "";
		FILE *m = fmemopen(out, sizeof out - 1, "w");
		CHECK(parse(&s, "[body]\nemphasis = underline\n", m) == ERR_SYNTAX);
		fclose(m);
		CHECK(strstr(out, "t.style:2:12: error: bad value 'underline' for emphasis (use dots, kai or bold)") != NULL);
	}

	/* errors carry file:line:col */
	static const struct { const char *text, *msg; } bad[] = {
		{"[page]\nsize = 12 furlongs\n", "t.style:2:8: error: unknown page size '12 furlongs'"},
		{"[body]\nsize = 12px\n", "t.style:2:8: error: bad length '12px' for size"},
		{"[body]\ncolour = red\n", "t.style:2:10: error: unknown key 'colour' in section [body]"},
		{"[bodyy]\n", "t.style:1:2: error: unknown section [bodyy]"},
		{"[page]\nmargin = -3mm\n", "t.style:2:10: error: value '-3mm' out of range"},
		{"[page]\nsize = 0mm 0mm\n", "t.style:2:8: error: value '0mm' out of range"},
		{"[page]\nsize = 10000mm 10000mm\n", "t.style:2:8: error: value '10000mm' out of range"},
		{"[page]\nmargin-left = 200mm\nmargin-right = 200mm\n", "t.style:3:16: error: margins leave no room"},
		{"[body]\nline-pitch = 9\n", "t.style:2:14: error: bad line-pitch '9'"},
		{"[body]\nalign = middle\n", "t.style:2:9: error: bad align 'middle'"},
		{"[body]\nfont = comic\n", "t.style:2:8: error: unknown font role 'comic'"},
		{"size = A4\n", "t.style:1:1: error: key 'size' outside a section"},
		{"[page]\nsize A4\n", "t.style:2:1: error: expected 'key = value'"},
		{"[page]\ncolumns = 0\n", "t.style:2:11: error: bad columns '0'"},
		{"[page]\ncolumns = two\n", "t.style:2:11: error: bad columns 'two'"},
		{"[page]\ncolumn-gap = 3px\n", "t.style:2:14: error: bad length '3px' for column-gap"},
		{"[page]\ngrid = 22\n", "t.style:2:8: error: bad grid '22'"},
		{"[page]\ngrid = 22x28x3\n", "t.style:2:8: error: bad grid '22x28x3'"},
		{"[page]\ngrid = 22x90\n", "t.style:2:8: error: grid 22x90 does not fit the page"},
		{"[page]\ncolumns = 8\ncolumn-gap = 50mm\n", "t.style:3:14: error: 8 columns with a 141.7pt gap leave no room"},
		{"[fonts]\nbody = ?, Noto Serif CJK SC\n", "t.style:2:8: error: empty font family"},
		{"[body]\nhang = maybe\n", "t.style:2:8: error: bad value 'maybe' for hang (use yes or no)"},
		{"[body]\nhang = Yes\n", "t.style:2:8: error: bad value 'Yes' for hang"},
		{"[body]\nhang =\n", "t.style:2:7: error: empty value for 'hang'"},
		{"[heading]\nhang = yes\n", "t.style:2:8: error: unknown key 'hang' in section [heading]"},
		{"[page]\nhang = yes\n", "t.style:2:8: error: unknown key 'hang' in section [page]"},
		{"[page]\nline-breaker = knuth\n",
		 "t.style:2:16: error: bad value 'knuth' for line-breaker (use optimal or greedy)"},
		{"[page]\n  line-breaker =  greedy fast\n", "t.style:2:19: error: bad value 'greedy fast' for line-breaker"},
		{"[body]\nline-breaker = greedy\n", "t.style:2:16: error: unknown key 'line-breaker' in section [body]"},
		{"[digest]\nstart = even\n", "t.style:2:9: error: bad value 'even' for start (use page, odd or continue)"},
		{"[digest]\nmasthead-color = pink\n", "t.style:2:18: error: bad colour 'pink' for masthead-color"},
		{"[digest]\nrule-color = 12345g\n", "t.style:2:14: error: bad colour '12345g' for rule-color"},
		{"[digest]\nfolio = roman\n", "t.style:2:9: error: bad value 'roman' for folio (use dash, page or page-of)"},
		{"[digest]\nmasthead-font = comic\n", "t.style:2:17: error: bad value 'comic' for masthead-font"},
		{"[digest]\nmasthead-size = 2pt\n", "t.style:2:17: error: value '2pt' out of range"},
		{"[digest]\nrunning-head-odd = issue\n",
		 "t.style:2:20: error: bad value 'issue' for running-head-odd (use title, section or article)"},
		{"[digest]\ncolumns = 2\n", "t.style:2:11: error: unknown key 'columns' in section [digest]"},
		{"[body]\nalign = outer\n", "t.style:2:9: error: bad align 'outer' (use left, center, right or justify)"},
		{"[footer]\nalign = inner\n", "t.style:2:9: error: bad align 'inner' (use left, center, right or justify; outer in [footer])"},
		{"[page]\nmirror = sometimes\n", "t.style:2:10: error: bad value 'sometimes' for mirror (use yes or no)"},
		{"[footer]\nfolio = roman\n", "t.style:2:9: error: bad value 'roman' for folio (use dash, page or page-of)"},
		{"[footer]\ndrop = 500mm\n", "t.style:2:8: error: value '500mm' out of range"},
		{"[body]\nfolio = dash\n", "t.style:2:9: error: unknown key 'folio' in section [body]"},
		{"[masthead]\nshow = maybe\n", "t.style:2:8: error: bad value 'maybe' for show (use yes or no)"},
		{"[masthead]\ndate = 1\n", "t.style:2:8: error: bad value '1' for date (use yes or no)"},
		{"[title]\nshow = no\n", "t.style:2:8: error: unknown key 'show' in section [title]"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char out[4096] = "";
		FILE *m = fmemopen(out, sizeof out - 1, "w");
		style_defaults(&s);
		enum err e = parse(&s, bad[i].text, m);
		fclose(m);
		if (e != ERR_SYNTAX || !strstr(out, bad[i].msg)) {
			fprintf(stderr, "case %zu: got e=%d msg=%s want %s\n", i, e, out, bad[i].msg);
			fails++;
		}
	}
	/* [digest]: defaults and every key */
	style_defaults(&s);
	CHECK(s.digest.start == STYLE_START_PAGE && s.digest.running_heads == 1);
	CHECK(s.digest.folio == STYLE_FOLIO_DASH && NEAR(s.digest.masthead_size, 36));
	CHECK(!strcmp(s.digest.masthead_role, "heading") && s.digest.masthead_color == 0);
	CHECK(s.digest.facing == 0);
	CHECK(parse(&s, "[digest]\nstart = odd\nrunning-heads = no\nfolio = page-of\nopen = facing\n"
		  "masthead-size = 二号\nmasthead-font = body\nmasthead-color = red\nrule-color = 0000ff\n",
		  stderr) == ERR_OK);
	CHECK(s.digest.start == STYLE_START_ODD && s.digest.running_heads == 0);
	CHECK(s.digest.folio == STYLE_FOLIO_PAGE_OF && s.digest.facing == 1);
	CHECK(NEAR(s.digest.masthead_size, 22) && !strcmp(s.digest.masthead_role, "body"));
	CHECK(s.digest.masthead_color == 0xE60012 && s.digest.rule_color == 0x0000FF);
	CHECK(s.digest.head_even == STYLE_HEAD_TITLE && s.digest.head_odd == STYLE_HEAD_ARTICLE);
	CHECK(parse(&s, "[digest]\nstart = continue\nrunning-head-even = article\nrunning-head-odd = section\n",
		  stderr) == ERR_OK);
	CHECK(s.digest.start == STYLE_START_CONTINUE);
	CHECK(s.digest.head_even == STYLE_HEAD_ARTICLE && s.digest.head_odd == STYLE_HEAD_SECTION);
	/* line breaking: [body] hang (default no), [page] line-breaker (default optimal) */
	style_defaults(&s);
	CHECK(s.hang == 0 && s.greedy == 0);
	CHECK(parse(&s, "[page]\nline-breaker = greedy\n[body]\nhang = yes\n", stderr) == ERR_OK);
	CHECK(s.hang == 1 && s.greedy == 1);
	CHECK(parse(&s, "[page]\nline-breaker = optimal # the default\n[body]\nhang = no\n", stderr) == ERR_OK);
	CHECK(s.hang == 0 && s.greedy == 0);
	/* columns: the measure is a whole number of body characters per column, the type area
	   (columns and gaps) centred between the margins */
	style_defaults(&s);
	CHECK(parse(&s, "[page]\ncolumns = 2\ncolumn-gap = 2em\n", stderr) == ERR_OK);
	CHECK(s.columns == 2 && NEAR(s.column_gap, 21));
	CHECK(NEAR(style_measure(&s), 20 * 10.5f)); /* (453.54 - 21) / 2 = 216.3 -> 20 chars */
	CHECK(NEAR(style_span(&s), 2 * 210 + 21));
	CHECK(NEAR(style_left(&s), 70.87f + (453.54f - 441) / 2));
	CHECK(NEAR(style_column_left(&s, 1), style_left(&s) + 231));
	/* grid (GB/T 9704): 22 lines of 28 characters in a 156 x 225 mm type area */
	style_defaults(&s);
	CHECK(parse(&s, "[page]\nsize = A4\nmargin-top = 37mm\nmargin-bottom = 35mm\nmargin-left = 28mm\n"
		  "margin-right = 26mm\ngrid = 22x28\n[body]\nsize = 三号\nline-pitch = 1.5\n"
		  "[title]\nsize = 二号\nline-pitch = 1.5\n", stderr) == ERR_OK);
	/* 28 of 三号 are 448 pt, wider than the 156 mm (442.2 pt) between the margins: the body is
	   set at the grid's pitch, 15.79 pt, and 28 characters fill 156 mm exactly */
	CHECK(NEAR(s.text[STYLE_BODY].size, 442.2047f / 28));
	CHECK(NEAR(style_measure(&s), 442.2047f) && NEAR(style_left(&s), 79.37f));
	CHECK(NEAR(s.grid_pitch, 225 * 72 / 25.4f / 22));
	CHECK(NEAR(style_pitch(&s, STYLE_BODY), s.grid_pitch));
	CHECK(NEAR(style_pitch(&s, STYLE_TITLE), 2 * s.grid_pitch)); /* 33 pt -> two grid lines */
	CHECK(NEAR(style_vspace(&s, 16), s.grid_pitch) && NEAR(style_vspace(&s, 10), 0));
	{ /* a grid's squeezed 三号 counts as 三号: one step larger is 小二 */
		int st1;
		struct style g = s;
		style_step_size(&g, 1, &st1);
		CHECK(st1 == 1 && NEAR(g.text[STYLE_BODY].size, 18));
	}
	/* [page] mirror, the folio keys, [masthead] show, the kai and song roles */
	style_defaults(&s);
	CHECK(!s.mirror && s.folio == STYLE_FOLIO_PAGE_OF && !s.folio_outer && !s.no_masthead &&
	      !s.masthead_date);
	CHECK(parse(&s, "[page]\nmargin-inner = 20mm\nmargin-outer = 15mm\nmirror = yes\n[footer]\n"
		  "size = 四号\nfolio = dash\nalign = outer\nindent = 1em\ndrop = 7mm\n[masthead]\nshow = no\n"
		  "date = yes\n"
		  "[fonts]\nkai = AR PL UKai CN?, Noto Serif CJK SC\n[heading]\nfont = kai\n", stderr) == ERR_OK);
	CHECK(s.mirror && s.folio == STYLE_FOLIO_DASH && s.folio_outer && s.no_masthead && s.masthead_date);
	CHECK(NEAR(s.text[STYLE_FOOTER].indent, 14) && NEAR(s.folio_drop, 7 * 72 / 25.4f));
	CHECK(NEAR(style_mirror_dx(&s, 0), 0) && NEAR(style_mirror_dx(&s, 1), -5 * 72 / 25.4f) &&
	      NEAR(style_mirror_dx(&s, 2), 0));
	CHECK(style_role(&s, "kai")->n == 2 && style_role(&s, "kai")->optional == 1u &&
	      !strcmp(s.text[STYLE_HEADING].role, "kai") && style_role(&s, "song")->n == 1);
	/* --size: steps of the 号 scale; other classes scale with the body; clamps */
	int done;
	CHECK(style_hao_count() == 16 && NEAR(style_hao_size(0), 5) && NEAR(style_hao_size(15), 42));
	CHECK(!strcmp(style_hao_name(5), "五号"));
	style_defaults(&s);
	style_step_size(&s, 1, &done);
	CHECK(done == 1 && NEAR(s.text[STYLE_BODY].size, 12) && NEAR(s.text[STYLE_TITLE].size, 18 * 12 / 10.5f));
	CHECK(NEAR(s.text[STYLE_BODY].indent, 24) && NEAR(style_measure(&s), 37 * 12));
	style_step_size(&s, -3, &done);
	CHECK(done == -3 && NEAR(s.text[STYLE_BODY].size, 7.5f));
	style_step_size(&s, -10, &done);
	CHECK(done == -3 && NEAR(s.text[STYLE_BODY].size, 5));
	style_defaults(&s);
	s.text[STYLE_BODY].size = 11; /* between 五号 and 小四 */
	style_step_size(&s, 1, &done);
	CHECK(done == 1 && NEAR(s.text[STYLE_BODY].size, 12));
	s.text[STYLE_BODY].size = 11;
	style_step_size(&s, -1, &done);
	CHECK(done == -1 && NEAR(s.text[STYLE_BODY].size, 10.5f));
	style_defaults(&s);
	style_step_size(&s, 40, &done); /* A4: 初号 42 pt still gives 10 characters */
	CHECK(done == 10 && NEAR(s.text[STYLE_BODY].size, 42));
	/* optional families: '?' marks them; style_role_drop removes one */
	style_defaults(&s);
	CHECK(parse(&s, "[fonts]\nbody = FangSong?, FandolFang ?, Noto Serif CJK SC\n", stderr) == ERR_OK);
	CHECK(s.role_body.n == 3 && s.role_body.optional == 3 && !strcmp(s.role_body.families[1], "FandolFang"));
	CHECK(s.role_body.line == 2 && s.role_body.col == 8 && !strcmp(s.role_body.file, "t.style"));
	style_role_drop(&s.role_body, 0);
	CHECK(s.role_body.n == 2 && s.role_body.optional == 1 && !strcmp(s.role_body.families[0], "FandolFang"));
	/* the shipped style and role files parse */
	style_defaults(&s);
	struct diag *d = diag_new(stderr);
	CHECK(style_load(&s, "fonts/roles.conf", d) == ERR_OK);
	CHECK(style_load(&s, "styles/a4-article.style", d) == ERR_OK);
	CHECK(style_load(&s, "styles/none.style", d) == ERR_IO);
	static const char *const presets[] = {"a5-book", "a4-two-column", "gb9704", "large-print",
					      "ereader-6in"};
	for (size_t i = 0; i < sizeof presets / sizeof *presets; i++) {
		char path[64];
		struct style p;
		style_defaults(&p);
		snprintf(path, sizeof path, "styles/%s.style", presets[i]);
		CHECK(style_load(&p, path, d) == ERR_OK);
		CHECK(!strcmp(p.name, presets[i]));
	}
	{ /* D15: --size smaller keeps every class at 六号 (7.5 pt) or more unless it was smaller
	     (ereader-6in's masthead, dateline and footer at 六号 fell to 6.43 pt) */
		struct style p;
		style_defaults(&p);
		CHECK(style_load(&p, "styles/ereader-6in.style", d) == ERR_OK);
		float was[STYLE_N_CLASSES];
		for (int k = 0; k < STYLE_N_CLASSES; k++)
			was[k] = p.text[k].size;
		CHECK(NEAR(was[STYLE_DATELINE], 7.5f) && NEAR(was[STYLE_BODY], 10.5f));
		style_step_size(&p, -1, &done);
		CHECK(done == -1 && NEAR(p.text[STYLE_BODY].size, 9));
		for (int k = 0; k < STYLE_N_CLASSES; k++)
			CHECK(p.text[k].size >= (was[k] < 7.5f ? was[k] : 7.5f) - 0.001f);
		CHECK(NEAR(p.text[STYLE_DATELINE].size, 7.5f) && NEAR(p.text[STYLE_FOOTER].size, 7.5f));
		CHECK(NEAR(p.text[STYLE_TITLE].size, was[STYLE_TITLE] * 9 / 10.5f));
	}
	diag_free(d);
	CHECK(!strcmp(s.role_heading.families[0], "Noto Sans CJK SC:style=Bold"));
	if (fails)
		return 1;
	printf("test_style: ok\n");
	return 0;
}
