#!/bin/sh
# check.sh: the tagged PDF (issue 10 §4). pdfinfo says Tagged: yes; `pdfinfo -struct-text`
# (poppler reads the structure tree) gives back every line the layout dump lists except the
# artifacts (masthead, footers), in the dump's reading order, for the one-column sample, the
# a4-two-column preset and a digest (each article's text in order; sections, articles and
# the contents as Sect, Art and TOC/TOCI, each entry's link a Link); the structure types used; the catalog's /Lang for
# a Simplified, a Traditional and an English article; a Figure with its caption as /Alt;
# balanced marked content; qpdf --check; the same bytes for -j 1 and -j 4.
# poppler's pdftotext (no -raw) orders text by geometry, not by the structure tree: its
# default mode still interleaves the columns of a4-two-column (checked below as a known
# limit); `pdftotext -raw` follows the content stream, which is written in reading order.
set -u
: "${PAIBAN:?set PAIBAN to the paiban binary}"
T=build/test-out/tagged
rm -rf "$T"
mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
sample=samples/hubei-2022-04-06-wushe-liandong.txt

# The quoted strings of `pdfinfo -struct-text`, joined, without white space.
struct_text() {
	pdfinfo -struct-text "$1" 2>"$T/struct.err" | sed -n 's/^ *"\(.*\)"$/\1/p' | tr -d ' \t\n\r'
	[ -s "$T/struct.err" ] && fail "pdfinfo -struct-text $1: $(head -3 "$T/struct.err")"
}
# The text of a layout dump's rows (spans joined) except the artifacts, without white space.
dump_text() {
	grep -v '^#\|^page ' "$1" | grep -v '^masthead \|^footer \|^image ' |
		sed 's/^[^|]*|//; s/|$//; s/| |//g' | tr -d ' \t\n\r'
}
# The catalog's /Lang (as qpdf shows it uncompressed).
pdf_lang() {
	qpdf --qdf --object-streams=disable "$1" "$T/lang.qdf" 2>/dev/null
	sed -n 's/^ *\/Lang (\(.*\))$/\1/p' "$T/lang.qdf" | head -1
}
# Marked content opened and closed in equal numbers on every page.
balanced() {
	qpdf --qdf --object-streams=disable "$1" "$T/bal.qdf" 2>/dev/null
	python3 - "$T/bal.qdf" <<'EOF' || fail "unbalanced marked content in $1"
import re, sys
data = open(sys.argv[1], 'rb').read()
bad = 0
for m in re.finditer(rb'stream\n(.*?)endstream', data, re.S):
    s = m.group(1)
    if b' Tf' not in s and b'Do' not in s:
        continue
    depth = 0
    for op in re.findall(rb'\b(BDC|BMC|EMC)\b', s):
        depth += 1 if op != b'EMC' else -1
        bad |= depth < 0
    bad |= depth != 0
sys.exit(1 if bad else 0)
EOF
}

for preset in a4-article a4-two-column; do
	pdf=$T/$preset.pdf
	"$PAIBAN" print "$sample" -s "$preset" -o "$pdf" --dump-layout "$T/$preset.dump" \
		2>"$T/$preset.err" || fail "print -s $preset exited $?"
	[ -s "$T/$preset.err" ] && { cat "$T/$preset.err"; fail "print -s $preset wrote to stderr"; }
	pdfinfo "$pdf" 2>&1 | grep -q '^Tagged: *yes$' || fail "$preset: pdfinfo does not say Tagged: yes"
	struct_text "$pdf" >"$T/$preset.struct"
	dump_text "$T/$preset.dump" >"$T/$preset.want"
	[ -s "$T/$preset.want" ] || fail "$preset: empty dump text"
	if ! cmp -s "$T/$preset.struct" "$T/$preset.want"; then
		fail "$preset: pdfinfo -struct-text differs from the layout's reading order"
		fold -w 60 "$T/$preset.want" >"$T/w.fold"; fold -w 60 "$T/$preset.struct" >"$T/g.fold"
		diff "$T/w.fold" "$T/g.fold" | head -10
	fi
	# the masthead and the footers are artifacts, not in the structure
	grep -q '第1页' "$T/$preset.struct" && fail "$preset: the footer is tagged content"
	qpdf --check "$pdf" >"$T/qpdf.txt" 2>&1 || { tail -3 "$T/qpdf.txt"; fail "$preset: qpdf --check"; }
	balanced "$pdf"
	mutool draw -q -N -o "$T/m%d.png" -r 20 "$pdf" >"$T/mutool.out" 2>&1
	[ -s "$T/mutool.out" ] && { fail "$preset: mutool draw printed"; head -3 "$T/mutool.out"; }
	[ "$(pdf_lang "$pdf")" = zh-Hans ] || fail "$preset: /Lang is '$(pdf_lang "$pdf")', not zh-Hans"
done
# the same article text whatever the columns
cmp -s "$T/a4-article.struct" "$T/a4-two-column.struct" ||
	fail "one- and two-column structure text differ"
# the structure: title H1, subheads H2, paragraphs P, under Document
pdfinfo -struct-text "$T/a4-article.pdf" >"$T/tree.txt" 2>/dev/null
[ "$(head -1 "$T/tree.txt")" = Document ] || fail "the root element is not Document"
grep -q '^  H1 ' "$T/tree.txt" || fail "no H1 (the title)"
[ "$(grep -c '^  H2 ' "$T/tree.txt")" -ge 2 ] || fail "fewer than 2 H2 (the subheads)"
[ "$(grep -c '^  P ' "$T/tree.txt")" -ge 10 ] || fail "fewer than 10 P"
# pdftotext -raw follows the content stream: the reading order, columns one after the other
pdftotext -raw -enc UTF-8 "$T/a4-two-column.pdf" - 2>/dev/null | tr -d ' \t\n\r\f' >"$T/raw.txt"
grep -q '湖北日报' "$T/raw.txt" || fail "pdftotext -raw lost the masthead"
python3 - "$T/a4-two-column.struct" "$T/raw.txt" <<'EOF' || fail "pdftotext -raw is not in reading order"
import sys
want, got = (open(f, encoding='utf-8').read() for f in sys.argv[1:3])
# every structure string appears in order in the raw text (which also has the artifacts)
i = 0
for ch in want:
    i = got.find(ch, i)
    if i < 0:
        sys.exit(1)
    i += 1
EOF
# poppler's default mode orders by geometry: the known limit (issue 10 §4)
pdftotext -enc UTF-8 "$T/a4-two-column.pdf" - 2>/dev/null | tr -d ' \t\n\r\f' >"$T/phys.txt"
cmp -s "$T/phys.txt" "$T/raw.txt" && echo "note: pdftotext now keeps the columns of a4-two-column apart"

# /Lang from the document's language
"$PAIBAN" print tests/markdown/traditional.md -o "$T/tw.pdf" 2>/dev/null || fail "print traditional.md"
[ "$(pdf_lang "$T/tw.pdf")" = zh-Hant ] || fail "traditional: /Lang is '$(pdf_lang "$T/tw.pdf")'"
"$PAIBAN" print tests/html/western-by.html -o "$T/en.pdf" 2>/dev/null || fail "print western-by.html"
[ "$(pdf_lang "$T/en.pdf")" = en ] || fail "English: /Lang is '$(pdf_lang "$T/en.pdf")'"
pdfinfo "$T/en.pdf" 2>&1 | grep -q '^Tagged: *yes$' || fail "English: not tagged"

# a Figure: the image's caption is its /Alt and a Caption inside it
fig=tests/images/article/article.md
if [ -f "$fig" ]; then
	"$PAIBAN" print "$fig" -o "$T/fig.pdf" 2>/dev/null
	pdfinfo -struct-text "$T/fig.pdf" >"$T/fig.txt" 2>/dev/null
	if grep -q 'Figure' "$T/fig.txt"; then
		qpdf --qdf --object-streams=disable "$T/fig.pdf" "$T/fig.qdf" 2>/dev/null
		grep -aqi '/Alt <FEFF' "$T/fig.qdf" || fail "a Figure without /Alt"
		grep -q 'Caption' "$T/fig.txt" || fail "a Figure without its Caption"
	fi
fi

# a digest: sections, articles, the contents
M=samples/digest.yaml
"$PAIBAN" digest "$M" -o "$T/d1.pdf" -j 1 2>/dev/null || fail "digest -j 1 exited $?"
"$PAIBAN" digest "$M" -o "$T/d4.pdf" -j 4 2>/dev/null || fail "digest -j 4 exited $?"
cmp -s "$T/d1.pdf" "$T/d4.pdf" || fail "-j 1 and -j 4 digests differ"
qpdf --check "$T/d1.pdf" >"$T/qpdf.txt" 2>&1 || { tail -3 "$T/qpdf.txt"; fail "digest: qpdf --check"; }
balanced "$T/d1.pdf"
pdfinfo "$T/d1.pdf" 2>&1 | grep -q '^Tagged: *yes$' || fail "digest: not tagged"
pdfinfo -struct-text "$T/d1.pdf" >"$T/dtree.txt" 2>/dev/null
[ "$(grep -c '^  Sect$' "$T/dtree.txt")" = 3 ] || fail "digest: expected 3 Sect"
[ "$(grep -c '^ *Art$' "$T/dtree.txt")" = 13 ] || fail "digest: expected 13 Art (12 articles, the editor's note)"
[ "$(grep -c '^  TOC$' "$T/dtree.txt")" = 1 ] || fail "digest: expected one TOC"
[ "$(grep -c '^    TOCI$' "$T/dtree.txt")" -ge 15 ] || fail "digest: expected 13 entries and 3 sections as TOCI"
[ "$(grep -c '^      H1 ' "$T/dtree.txt")" = 12 ] || fail "digest: expected an H1 in each sectioned Art"
[ "$(grep -c '^      Link' "$T/dtree.txt")" = 13 ] || fail "digest: expected a Link (OBJR) in each contents entry"
struct_text "$T/d1.pdf" >"$T/digest.struct"
grep -q '第1页\|—1—' "$T/digest.struct" && fail "digest: a folio is tagged content"
# each article's text (printed alone, same style), whole and in order in the digest's
python3 - "$T/digest.struct" "$T/alone" "$PAIBAN" <<'EOF' || fail "digest: articles' text not in order"
import os, subprocess, sys
digest, out, paiban = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
text = open(digest, encoding='utf-8').read()
arts = ['hubei-2022-04-06-wushe-liandong.txt', 'digest/2022-04-01-quansheng-huiyi.html',
        'digest/2022-04-07-shequ-yanglao.md', 'digest/2022-04-08-kaoshi-fudao.md']
at = 0
for i, a in enumerate(arts):
    pdf = os.path.join(out, '%d.pdf' % i)
    subprocess.run([paiban, 'print', 'samples/' + a, '-o', pdf], check=True,
                   stderr=subprocess.DEVNULL)
    s = subprocess.run(['pdfinfo', '-struct-text', pdf], capture_output=True, text=True).stdout
    want = ''.join(l.strip()[1:-1] for l in s.splitlines()
                   if l.strip().startswith('"') and l.strip().endswith('"'))
    want = ''.join(want.split())
    k = text.find(want, at)
    if k < 0:
        print('not found in order:', a)
        sys.exit(1)
    at = k + len(want)
EOF

# the same bytes for any -j (print)
mkdir -p "$T/j1" "$T/j4"
"$PAIBAN" print "$sample" tests/markdown/traditional.md -d "$T/j1" -j 1 2>/dev/null
"$PAIBAN" print "$sample" tests/markdown/traditional.md -d "$T/j4" -j 4 2>/dev/null
for f in "$T"/j1/*.pdf; do
	cmp -s "$f" "$T/j4/$(basename "$f")" || fail "print -j 1 and -j 4 differ: $(basename "$f")"
done

[ "$fails" -eq 0 ] && echo "tagged checks: ok"
[ "$fails" -eq 0 ]
