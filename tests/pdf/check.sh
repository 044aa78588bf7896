#!/bin/sh
# check.sh: prints the sample through the CLI and checks the PDF with real tools:
# pdftotext (text back, reading order, no line starting with a KIN-START mark), pdffonts,
# qpdf --check, mutool draw, pdftoppm, pdfinfo, reproducibility, and the CLI's error paths.
set -u
: "${PAIBAN:?set PAIBAN to the paiban binary}"
T=build/test-out/pdf
rm -rf "$T"
mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
sample=samples/hubei-2022-04-06-wushe-liandong.txt
pdf=$T/wushe.pdf

"$PAIBAN" print "$sample" -o "$pdf" 2>"$T/print.err" || fail "print exited $?"
[ -s "$T/print.err" ] && { echo "stderr of print:"; cat "$T/print.err"; fail "print wrote to stderr"; }
[ -f "$pdf" ] || { echo "no PDF"; exit 1; }

# The text comes back exactly, in reading order: line breaks are layout, spaces are text.
pdftotext -enc UTF-8 "$pdf" "$T/wushe.txt" 2>"$T/pdftotext.err" || fail "pdftotext failed"
[ -s "$T/pdftotext.err" ] && fail "pdftotext stderr: $(cat "$T/pdftotext.err")"
tr -d '\n\f' <"$T/wushe.txt" >"$T/got.txt"
tr -d '\n\f' <tests/pdf/wushe.expected.txt >"$T/want.txt"
if ! cmp -s "$T/got.txt" "$T/want.txt"; then
	fail "pdftotext text differs from tests/pdf/wushe.expected.txt"
	fold -w 60 "$T/want.txt" >"$T/want.fold"; fold -w 60 "$T/got.txt" >"$T/got.fold"
	diff "$T/want.fold" "$T/got.fold" | head -20
fi
# The page chrome is never printed.
grep -q '打印' "$T/wushe.txt" && fail "chrome 打印 printed"
grep -q '最近更新' "$T/wushe.txt" && fail "chrome 最近更新 printed"
# KIN-START on every printed line (pdftotext keeps the lines).
bad=$(grep -n '^[，。、：；？！”’）》」』】〕…—·]' "$T/wushe.txt")
[ -n "$bad" ] && { fail "lines start with a KIN-START mark"; echo "$bad" | head; }
# KIN-END: no line ends with an opening mark.
bad=$(grep -n '[“‘（《「『【〔]$' "$T/wushe.txt")
[ -n "$bad" ] && { fail "lines end with a KIN-END mark"; echo "$bad" | head; }

# Fonts: all embedded, subset, with ToUnicode, none Type 3.
pdffonts "$pdf" >"$T/fonts.txt" 2>&1 || fail "pdffonts failed"
nf=$(tail -n +3 "$T/fonts.txt" | wc -l)
[ "$nf" -ge 2 ] || fail "expected at least 2 fonts, got $nf"
tail -n +3 "$T/fonts.txt" | while read -r line; do
	case "$line" in
	*"Type 3"*) echo "FAIL: Type 3 font: $line"; exit 1 ;;
	esac
	set -- $line
	n=$#
	eval "emb=\${$((n - 4))} sub=\${$((n - 3))} uni=\${$((n - 2))}"
	[ "$emb $sub $uni" = "yes yes yes" ] || { echo "FAIL: font not emb/sub/uni: $line"; exit 1; }
done || fails=$((fails + 1))
grep -q 'NotoSerifCJKsc-Regular' "$T/fonts.txt" || fail "body font Noto Serif CJK SC missing"
grep -q 'NotoSansCJKsc-Bold' "$T/fonts.txt" || fail "heading font Noto Sans CJK SC Bold missing"

# Structure and rendering.
qpdf --check "$pdf" >"$T/qpdf.txt" 2>&1 || { fail "qpdf --check"; cat "$T/qpdf.txt"; }
mutool draw -q -N -o "$T/m%d.png" -r 30 "$pdf" >"$T/mutool.out" 2>&1
[ -s "$T/mutool.out" ] && { fail "mutool draw printed"; head "$T/mutool.out"; }
pdftoppm -r 30 -png "$pdf" "$T/p" 2>"$T/ppm.err"
[ -s "$T/ppm.err" ] && { fail "pdftoppm printed"; head "$T/ppm.err"; }

# Document info.
pdfinfo "$pdf" >"$T/info.txt" 2>&1
grep -q '^Title: *“五社联动”促基层治理——湖北各地开展社会工作主题宣传活动$' "$T/info.txt" || fail "pdfinfo Title"
grep -q '^Author: *李光正、姚韦伟$' "$T/info.txt" || fail "pdfinfo Author"
grep -q '^Subject: *湖北日报 2022-04-06 14:30$' "$T/info.txt" || fail "pdfinfo Subject"
grep -q '^Keywords: *社会工作$' "$T/info.txt" || fail "pdfinfo Keywords"
grep -q '^Creator: *paiban' "$T/info.txt" || fail "pdfinfo Creator"
grep -q '^Page size: *595.276 x 841.89 pts (A4)' "$T/info.txt" || fail "page size A4"
pages=$(sed -n 's/^Pages: *//p' "$T/info.txt")
[ "$pages" = 2 ] || fail "expected 2 pages, got $pages"
# Footer with page number and count on every page.
grep -q '第 1 页 / 共 2 页' "$T/wushe.txt" || fail "footer of page 1"
grep -q '第 2 页 / 共 2 页' "$T/wushe.txt" || fail "footer of page 2"

# Traditional Chinese (issue 10): a zh-Hant document is set in the TC faces, with the
# printed labels in Traditional; a Simplified one keeps the SC faces and labels (above).
tw=$T/traditional.pdf
"$PAIBAN" print tests/markdown/traditional.md -o "$tw" 2>"$T/tw.err" || fail "print traditional.md exited $?"
[ -s "$T/tw.err" ] && { cat "$T/tw.err"; fail "print traditional.md wrote to stderr"; }
pdffonts "$tw" >"$T/tw-fonts.txt" 2>&1 || fail "pdffonts traditional"
grep -q 'NotoSerifCJKtc-Regular' "$T/tw-fonts.txt" || fail "traditional: body font Noto Serif CJK TC missing"
grep -q 'NotoSansCJKtc-Bold' "$T/tw-fonts.txt" || fail "traditional: heading font Noto Sans CJK TC Bold missing"
grep -q 'CJKsc' "$T/tw-fonts.txt" && { cat "$T/tw-fonts.txt"; fail "traditional: an SC face is used"; }
pdftotext -enc UTF-8 "$tw" "$T/tw.txt" 2>/dev/null || fail "pdftotext traditional"
for w in '關鍵詞：書店' '責任編輯：陳志明' '來源：示範週報' '第 1 頁 / 共 1 頁'; do
	grep -q "$w" "$T/tw.txt" || fail "traditional: '$w' not printed"
done
grep -q '关键词\|责任编辑\|来源\|页' "$T/tw.txt" && fail "traditional: a Simplified label printed"
# <html lang="zh-TW"> over Simplified text: the declaration decides
"$PAIBAN" print tests/html/lang-zh-tw.html -o "$T/tw-html.pdf" 2>/dev/null || fail "print lang-zh-tw.html"
pdffonts "$T/tw-html.pdf" 2>&1 | grep -q 'NotoSerifCJKtc-Regular' || fail "lang-zh-tw.html: not set in TC"

# Reproducible with SOURCE_DATE_EPOCH.
"$PAIBAN" print "$sample" -o "$T/again.pdf" 2>/dev/null
cmp -s "$pdf" "$T/again.pdf" || fail "output not byte-reproducible"

# Several inputs, one PDF each, named after the inputs.
cp "$sample" "$T/a.txt"
cp "$sample" "$T/b.txt"
"$PAIBAN" print "$T/a.txt" "$T/b.txt" -d "$T/outdir" 2>/dev/null || fail "print -d"
[ -f "$T/outdir/a.pdf" ] && [ -f "$T/outdir/b.pdf" ] || fail "-d outputs missing"

# Error paths: clear message, exit code, no partial output, input untouched.
sum=$(cksum <"$sample")
"$PAIBAN" print "$T/a.txt" -o "$T/a.txt" 2>"$T/e1"; rc=$?
[ $rc -eq 2 ] || fail "output == input: exit $rc"
cmp -s "$T/a.txt" "$sample" || fail "input changed"
"$PAIBAN" print "$T/missing.txt" -o "$T/missing.pdf" 2>"$T/e2"; rc=$?
[ $rc -eq 4 ] || fail "missing input: exit $rc"
grep -q 'missing.txt' "$T/e2" || fail "missing input not named"
[ -e "$T/missing.pdf" ] && fail "partial output for a missing input"
"$PAIBAN" print "$sample" -o "$T/no/such/dir/x.pdf" 2>"$T/e3"; rc=$?
[ $rc -eq 4 ] || fail "unwritable output: exit $rc"
"$PAIBAN" print "$sample" --style no-such-style -o "$T/x.pdf" 2>"$T/e4"; rc=$?
[ $rc -eq 2 ] || fail "unknown style: exit $rc"
printf '[page]\nsize = A4\n[body]\nsize = 12 furlongs\n' >"$T/bad.style"
"$PAIBAN" print "$sample" --style "$T/bad.style" -o "$T/x.pdf" 2>"$T/e5"; rc=$?
[ $rc -eq 1 ] || fail "bad style: exit $rc"
grep -q "bad.style:4:8: error: bad length '12 furlongs'" "$T/e5" || { fail "bad style message"; cat "$T/e5"; }
printf '[fonts]\nbody = Noto Serif CJK XX\n' >"$T/nofont.style"
"$PAIBAN" print "$sample" --style "$T/nofont.style" -o "$T/x.pdf" 2>"$T/e6"; rc=$?
[ $rc -eq 3 ] || fail "missing font: exit $rc"
grep -q "font family 'Noto Serif CJK XX' is not installed.*fonts-noto-cjk" "$T/e6" || { fail "missing font message"; cat "$T/e6"; }
[ -e "$T/x.pdf" ] && fail "partial output after errors"
[ "$(cksum <"$sample")" = "$sum" ] || fail "sample changed"

# Glyph-sharing code points: ⼀ (U+2F00, KANGXI RADICAL ONE) and 一 (U+4E00) are one glyph in
# Noto CJK; each copies back as itself (the text comes from the document, not from the font).
printf '部首⼀与汉字一\n\n2022-04-06 来源：测试\n\n第一段写⼀和一，一⼀一。\n' >"$T/share.txt"
"$PAIBAN" print "$T/share.txt" -o "$T/share.pdf" -q || fail "glyph-sharing article: exit $?"
pdftotext -enc UTF-8 "$T/share.pdf" - | tr -d '\n\f' >"$T/share.got"
grep -q '部首⼀与汉字一' "$T/share.got" && grep -q '第一段写⼀和一，一⼀一。' "$T/share.got" ||
	{ fail "glyph-sharing code points copy back wrong"; cat "$T/share.got"; echo; }
# print -j: the same PDFs for any number of threads, messages in input order.
mkdir -p "$T/j1" "$T/j4"
SOURCE_DATE_EPOCH=1649226622 "$PAIBAN" print "$sample" "$T/share.txt" tests/markdown/*.md -d "$T/j1" -j 1 2>"$T/j1.err"
SOURCE_DATE_EPOCH=1649226622 "$PAIBAN" print "$sample" "$T/share.txt" tests/markdown/*.md -d "$T/j4" -j 4 2>"$T/j4.err"
for f in "$T"/j1/*.pdf; do
	cmp -s "$f" "$T/j4/${f##*/}" || fail "print -j 4 differs from -j 1: ${f##*/}"
done
cmp -s "$T/j1.err" "$T/j4.err" || { fail "print -j 4 messages differ from -j 1"; diff "$T/j1.err" "$T/j4.err" | head; }
"$PAIBAN" print "$sample" "samples/../$sample" -d "$T/j1" 2>"$T/e7"; rc=$?
[ $rc -eq 2 ] && grep -q 'are the same file; give it once' "$T/e7" || { fail "one input twice: exit $rc"; cat "$T/e7"; }

# Scripts the CJK fonts lack (issue 9): a language menu in Khmer, Thai, Arabic and Devanagari
# and emoji print from fonts fontconfig finds (make deps installs fonts-noto-core and the
# monochrome outline emoji of fonts-symbola), not as missing-glyph boxes; the Arabic word
# runs right to left (FriBidi levels, HarfBuzz RTL shaping): its first letter ا (U+0627) is
# set to the right of its last, ة (U+0629), and the text still copies in logical order.
printf '多语种测试\n\n语言菜单：ភាសាខ្មែរ ภาษาไทย العربية हिन्दी English。表情👍很好，国旗🇨🇳。\n' >"$T/scripts.txt"
"$PAIBAN" print "$T/scripts.txt" -o "$T/scripts.pdf" 2>"$T/scripts.err" || fail "scripts: exit $?"
grep -q 'no installed font has' "$T/scripts.err" && { fail "scripts: missing glyphs"; cat "$T/scripts.err"; }
pdffonts "$T/scripts.pdf" >"$T/scripts.fonts" 2>&1
for f in NotoSansKhmer NotoSansThai NotoSansDevanagari Symbola; do
	grep -q "+$f" "$T/scripts.fonts" || { fail "scripts: no $f font embedded"; cat "$T/scripts.fonts"; }
done
mutool draw -F stext -o "$T/scripts.stext" "$T/scripts.pdf" 2>/dev/null
xa=$(sed -n 's/.* x="\([0-9.]*\)".* c="&#x627;".*/\1/p' "$T/scripts.stext" | head -n 1)
xt=$(sed -n 's/.* x="\([0-9.]*\)".* c="&#x629;".*/\1/p' "$T/scripts.stext" | head -n 1)
awk -v a="${xa:-0}" -v t="${xt:-0}" 'BEGIN { exit !(a > t && t > 0) }' ||
	fail "scripts: Arabic not right to left (x of U+0627 ${xa:-?}, of U+0629 ${xt:-?})"
pdftotext -enc UTF-8 "$T/scripts.pdf" - | tr -d '\n\f' | grep -q '表情👍很好，国旗🇨🇳。' ||
	fail "scripts: the emoji do not copy back"

# A text closing with its signature (落款: the signer over a date alone) sets both lines flush
# right: they end where the measure ends (--dump-layout), an ordinary paragraph does not.
printf '关于开展社区服务月活动的通知\n2022-01-20 来源：某市民政局\n各区民政局：为进一步做好社区服务工作，现就开展社区服务月活动有关事项通知如下。\n请各单位认真组织实施，确保活动取得实效。\n某市民政局\n2022年1月27日\n' >"$T/sign.txt"
"$PAIBAN" print "$T/sign.txt" --dump-layout "$T/sign.layout" -o "$T/sign.pdf" 2>"$T/sign.err" || fail "signature: exit $?"
awk '
	$1 == "body" { split($4, x, /\.\./); end[$NF] = x[2] }
	END {
		r = end["|某市民政局|"]; d = end["|2022年1月27日|"]; p = end["|请各单位认真组织实施，确保活动取得实效。|"]
		if (r == "" || d == "" || r != d || p >= d) { printf "signer ends at %s, date at %s, a paragraph at %s\n", r, d, p; exit 1 }
	}' "$T/sign.layout" || fail "signature: not flush right"

# Help and version.
"$PAIBAN" --help | grep -q 'paiban COMMAND' || fail "--help"
"$PAIBAN" print --help | grep -q -- '--style' || fail "print --help"
"$PAIBAN" --version | grep -q '^paiban [0-9]' || fail "--version"

[ $fails -eq 0 ] && echo "pdf checks: ok"
exit $fails
