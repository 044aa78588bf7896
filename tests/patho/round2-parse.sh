# round2-parse.sh: issue 12 round 2, parser, encoding, memory and image cases (sourced by
# tests/patho/check.sh: run(), ok(), fail(), $T, $S, $para). Big inputs are generated here.

# ---- front matter: values capped before they are copied, at file:line:col ------------------
# An 18 MB title: refused at the title's line before libyaml is given it (was: 1.6 GB, 10 s,
# and "paiban: error: document Title is longer than 8192 bytes" with no file or line).
{ printf -- '---\ntitle: '; yes '标题标题标题标题标题标题标题标题标题标题' | head -n 300000 | tr -d '\n';
  printf '\nsource: 测试\n---\n\n%s\n' "$para"; } >"$T/huge-title.md"
run fm-18mb-title 1 "huge-title.md:2:1: error: front matter line of [0-9]+ bytes; a value is at most 4096 bytes \(MARKDOWN_MAX_YAML_VALUE\)" \
	"$T/huge-title.md"
# A 12 KB title fits the front matter but not a value: at the value's own line and column.
{ printf -- '---\nsource: 测试\ntitle: '; yes '标题' | head -n 2000 | tr -d '\n'; printf '\n---\n\n%s\n' "$para"; } \
	>"$T/long-title.md"
run fm-long-title 1 "long-title.md:3:8: error: front matter value of 12000 bytes; the limit is 4096 \(MARKDOWN_MAX_YAML_VALUE\)" \
	"$T/long-title.md"
# 3 million keywords in one string (26 MB): refused at their line (was: 2 GB, a glyph limit).
{ printf -- '---\ntitle: 标题\nkeywords: '; seq 1 3000000 | sed 's/^/k/' | tr '\n' ','; printf '\n---\n\n%s\n' "$para"; } \
	>"$T/keywords.md"
run fm-3m-keywords 1 "keywords.md:3:1: error: front matter line of [0-9]+ bytes" "$T/keywords.md"
# 100 keywords in a list: 64 kept, one warning at the 65th.
{ printf -- '---\ntitle: 标题\nkeywords:\n'; seq 1 100 | sed 's/^/  - 关键词/'; printf -- '---\n\n%s\n' "$para"; } \
	>"$T/keywords-list.md"
run fm-100-keywords 0 "keywords-list.md:68:5: warning: more than 64 keywords \(MARKDOWN_MAX_KEYWORDS\); the rest are dropped" \
	"$T/keywords-list.md"
# An 18 KB og:title (HTML): named with the file by the job, not only by the PDF writer (was:
# "paiban: error: document Title is longer than 8192 bytes").
{ printf '<html><head><meta charset="utf-8"><meta property="og:title" content="'
  yes '长标题长标题长标题长标题长标题' | head -n 400 | tr -d '\n'
  printf '"><title>x</title></head><body><p>%s</p><p>%s</p></body></html>\n' "$para" "$para"; } >"$T/og-title.html"
run html-long-title 1 "og-title.html(:[0-9]+:[0-9]+)?: error: a title of 18000 bytes; the limit is 8192 \(PDF_META_MAX\)" \
	"$T/og-title.html"
