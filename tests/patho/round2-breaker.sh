# round2-breaker.sh: issue 12, hardening round 2: crash and hang classes in the line breaker,
# shaper and layout (sourced by tests/patho/check.sh: uses run(), ok(), fail(), $T, $S, $para).

# ---- code points libunibreak cannot take (it asserts): regional indicators and U+FFFF -------
# A flag (a regional-indicator pair) in every input form: printed, the flag's code points
# set from whatever font has them or warned as missing glyphs.
printf '标题\n\n这是一段文字🇨🇳，测试国旗。🇺🇸🇯🇵🇨一个落单的指示符。\n' >"$T/flag.txt"
run flag-txt 0 - "$T/flag.txt"
printf -- '---\ntitle: 国旗🇨🇳标题\n---\n\n%s🇨🇳🇨🇳\n\n%s\n' "$para" "$para" >"$T/flag.md"
run flag-md 0 - "$T/flag.md"
printf '<html><head><meta charset="utf-8"><title>国旗🇨🇳</title></head><body><article><h1>国旗🇨🇳</h1><p>%s🇨🇳</p><p>%s&#x1F1E8;&#x1F1F3;</p></article></body></html>\n' \
	"$para" "$para" >"$T/flag.html"
run flag-html 0 - "$T/flag.html"
if command -v pdftotext >/dev/null; then
	pdftotext "$T/flag-txt.out/flag-txt.pdf" - 2>/dev/null | grep -q '测试国旗' \
		&& ok "flag-txt: the text around the flag printed" || fail "flag-txt: text missing from the PDF"
fi
# U+FFFF (libunibreak's end-of-text marker) raw, as a GB18030 sequence, as HTML and Markdown
# entities, as a YAML escape and in a JSON-LD string; also the other noncharacters. (libxml2
# drops &#xFFFF; itself; the raw character in HTML is kept.)
printf '标题\n\n前面的文字\357\277\277后面的文字，\357\267\220\360\237\277\277\364\217\277\277还有别的非字符。\n' \
	>"$T/ffff.txt"
run ffff-txt 0 - "$T/ffff.txt"
printf '\261\352\314\342\n\n\307\260\303\346\204\061\244\071\272\363\303\346\241\243\n' >"$T/ffff-gb.txt"
run ffff-gb18030 0 - "$T/ffff-gb.txt"
printf '<html><head><meta charset="utf-8"><title>标题&#xFFFF;</title></head><body><article><h1>标题&#xFFFF;</h1><p>%s&#xFFFF;&#65535;</p><p>%s\357\277\277</p></article></body></html>\n' \
	"$para" "$para" >"$T/ffff.html"
run ffff-html 0 - "$T/ffff.html"
printf -- '---\ntitle: "标题\\uFFFF"\nsubtitle: "副题\\U0000FFFF"\n---\n\n%s&#xFFFF;&#65535;\n\n%s\357\277\277\n' \
	"$para" "$para" >"$T/ffff.md"
run ffff-md 0 - "$T/ffff.md"
printf '<html><head><meta charset="utf-8"><title>页面</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"标题\\uffff","articleBody":"%s\\uffff"}</script></head><body><article><h1>标题</h1><p>%s\357\277\277</p><p>%s</p></article></body></html>\n' \
	"$para" "$para" "$para" >"$T/ffff-ld.html"
run ffff-jsonld 0 - "$T/ffff-ld.html"

# ---- long clusters: HarfBuzz's cost is quadratic in a cluster's length ----------------------
# One line of 300 000 combining marks (200 000 took 38 s before SHAPE_MAX_CLUSTER; this is over
# the 60 s bound), of 300 000 bare ZWJ (200 000: 25 s), and bases with 120 marks and joiners
# each: cut every 32 code points, with one warning per paragraph.
python3 -c "print('标题\n\n' + '\u0301' * 300000)" >"$T/marks.txt"
run combining-line 0 "marks.txt:3:32: warning: a cluster of more than 32 code points .*SHAPE_MAX_CLUSTER" \
	"$T/marks.txt"
python3 -c "print('标题\n\n' + '\u200d' * 300000)" >"$T/zwj.txt"
run zwj-line 0 "zwj.txt:3:32: warning: .*SHAPE_MAX_CLUSTER" "$T/zwj.txt"
# 400 000 soft hyphens (a format character HarfBuzz folds the same way): 20 000 took 2.4 s,
# 400 000 over 100 s.
python3 -c "print('标题\n\n正文' + '\u00ad' * 400000)" >"$T/shy.txt"
run shy-line 0 "shy.txt:3:34: warning: .*SHAPE_MAX_CLUSTER" "$T/shy.txt"
python3 -c "print('标题\n\n' + ('字' + '\u0301\u0323\u200d' * 40 + '，') * 2000)" >"$T/marks2.txt"
run combining-clusters 0 "SHAPE_MAX_CLUSTER" "$T/marks2.txt"
[ "$(grep -c SHAPE_MAX_CLUSTER "$T/combining-clusters.err")" -eq 1 ] \
	&& ok "combining-clusters: one warning per paragraph" || fail "combining-clusters: warnings not coalesced"


# ---- megabytes of distinct characters that no installed font has ---------------------------
# 500 000 distinct unassigned code points (2 MB, 500 lines): each cost a fontconfig match and a
# warning (over 120 s before); the installed fonts' coverage rules them out at once, 64 are
# listed and the rest counted in one note (SHAPE_MAX_MISSING_WARN).
python3 -c "
import sys
w = sys.stdout.write
w('标题\n\n')
for l in range(500):
    w('正文' + ''.join(chr(0x40000 + l * 1000 + i) for i in range(1000)) + '。\n')" >"$T/unknown.txt"
run unknown-chars 0 "note: 499936 more characters that no installed font has, from .*unknown.txt:3:67 on" \
	"$T/unknown.txt"
[ "$(grep -c 'warning: no installed font has' "$T/unknown-chars.err")" -eq 64 ] \
	&& ok "unknown-chars: 64 listed" || fail "unknown-chars: not 64 missing-glyph warnings"
# Every assigned letter, digit, mark, punctuation and symbol up to U+31FFF (140 000 code points,
# 0.5 MB): characters from every installed font. With fonts-noto-core (170 font files) the
# fontset filled up (FONTSET_MAX, 64) and each later character cost a match and an error line
# (4000 of them); now one warning, SHAPE_MAX_FONT_MATCHES bounds the matches.
python3 -c "
import sys, unicodedata
cps = [c for c in range(0x20, 0x32000) if unicodedata.category(chr(c))[0] in 'LNPS']
w = sys.stdout.write
w('标题\n\n')
for i in range(0, len(cps), 800):
    w('正文' + ''.join(chr(c) for c in cps[i:i + 800]) + '。\n')" >"$T/assigned.txt"
run assigned-chars 0 - "$T/assigned.txt"
[ "$(grep -c ': error: ' "$T/assigned-chars.err")" -eq 0 ] && [ "$(grep -c FONTSET_MAX "$T/assigned-chars.err")" -le 1 ] \
	&& ok "assigned-chars: no error lines, at most one FONTSET_MAX warning" \
	|| fail "assigned-chars: $(grep -c ': error: ' "$T/assigned-chars.err") error lines"

# ---- a title taller and wider than the type area (FIT) ---------------------------------------
# A 160pt title on a 60 x 90 mm page (8 mm margins: a type area of 115.5 x 209.8 pt): each line
# was drawn outside the type area, one per page; now set smaller (at least 4 em a line, so that
# —— and …… fit), every line inside it.
printf '[page]\nsize = 60mm 90mm\nmargin = 8mm\n[title]\nsize = 160pt\n' >"$T/bigtitle.style"
printf -- '---\ntitle: “国旗”国旗——国旗……\n---\n\n%s\n' "$para" >"$T/bigtitle.md"
run tall-title 0 "bigtitle.md:2:8: warning: title text of 160.0pt does not fit the type area" "$T/bigtitle.md" \
	--style "$T/bigtitle.style" --dump-layout "$T/bigtitle.dump"
# the dump: class col y x0..x1 ...; the type area is x 22.68..147.40, y 22.68..232.44 (pt)
if awk '/^(title|subtitle|body|heading|dateline|byline|meta) / { split($4, x, /\.\./)
	if (x[1] < 22.6 || x[2] > 147.5 || $3 < 22.6 || $3 > 232.5) { print "outside: " $0; bad = 1 } }
	END { exit bad }' "$T/bigtitle.dump"; then
	ok "tall-title: every line inside the type area"
else
	fail "tall-title: lines outside the type area"
fi
