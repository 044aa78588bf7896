#!/bin/sh
# check.sh: the presets stay faithful to what they claim (issue 10 §2), measured on the PDF.
#   gb9704   (GB/T 9704-2012) the body in a real FangSong when one is installed (pdffonts shows
#            FandolFang when texlive-lang-chinese is installed), and when none is, a warning
#            naming the Debian package; no masthead; the folio — N — on every page, 四号, its
#            一字线 7 mm below the type area, odd pages right and even pages left, one character
#            (14 pt) in from the type area's edge (pdftotext -bbox); 28 characters on 156 mm
#   a5-book  even pages mirror the margins: everything on a verso sits margin-inner -
#            margin-outer (2 mm) further left than on a recto; the folio on the outer side
set -u
: "${PAIBAN:?set PAIBAN to the paiban binary}"
T=build/test-out/profiles
rm -rf "$T"
mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
sample=samples/hubei-2022-04-06-wushe-liandong.txt
MM=2.834646 # pt per mm

# --- gb9704 ---
"$PAIBAN" print "$sample" --style gb9704 -o "$T/gb.pdf" --dump-layout "$T/gb.txt" 2>"$T/gb.err" ||
	fail "gb9704: exit $?"
fandol=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf
pdffonts "$T/gb.pdf" >"$T/gb.fonts" 2>&1
if [ -f "$fandol" ]; then
	grep -q 'FandolFang-Regular' "$T/gb.fonts" || fail "gb9704: FandolFang installed but not used: $(cat "$T/gb.fonts")"
	[ -s "$T/gb.err" ] && fail "gb9704: stderr with a FangSong installed: $(cat "$T/gb.err")"
else
	echo "note: FandolFang not installed (make deps-fonts): the FangSong check is skipped"
	grep -q "install the Debian package texlive-lang-chinese" "$T/gb.err" ||
		fail "gb9704: no FangSong and no warning naming the package: $(cat "$T/gb.err")"
fi
# a role whose optional faces are all missing warns with the package; one found says nothing
printf '[fonts]\nbody = NoSuchFangSong?, FandolNoSuch?, Noto Serif CJK SC\n' >"$T/nofang.style"
"$PAIBAN" print "$sample" --style "$T/nofang.style" -o "$T/nofang.pdf" 2>"$T/nofang.err" || fail "nofang: exit $?"
grep -q "nofang.style:2:8: warning: font families 'NoSuchFangSong', 'FandolNoSuch' are not installed; the body role falls back to 'Noto Serif CJK SC', a stand-in the style does not intend: install the Debian package texlive-lang-chinese (make deps-fonts)" "$T/nofang.err" ||
	fail "no FangSong: warning missing: $(cat "$T/nofang.err")"
printf '[fonts]\nbody = NoSuchFangSong?, Noto Serif CJK SC?, Noto Sans CJK SC\n' >"$T/found.style"
"$PAIBAN" print "$sample" --style "$T/found.style" -o "$T/found.pdf" 2>"$T/found.err" || fail "found: exit $?"
[ -s "$T/found.err" ] && fail "an installed optional face: unexpected warning: $(cat "$T/found.err")"
# no masthead, 28 characters on 156 mm
grep -q '^masthead' "$T/gb.txt" && fail "gb9704: a masthead line is printed"
grep -q '^# body 15.79 pt, measure 442.20 pt (28 chars), 1 column, grid 22x28' "$T/gb.txt" ||
	fail "gb9704: not 28 characters on 156 mm: $(sed -n 3p "$T/gb.txt")"
# the folios: text, side, inset, height
pdftotext -bbox "$T/gb.pdf" "$T/gb.html" || fail "gb9704: pdftotext failed"
awk -v mm="$MM" '
	/<page / { p++ }
	/<word / && />— [0-9]+ —</ {
		match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
		match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
		t = $0; sub(/.*">/, "", t); sub(/<.*/, "", t)
		n = t; gsub(/[^0-9]/, "", n)
		if (n != p) { printf "FAIL: gb9704: page %d folio reads %s\n", p, t; bad++ }
		left = 28 * mm; right = left + 156 * mm
		if (p % 2 && (x1 - (right - 14) > 0.05 || (right - 14) - x1 > 0.05)) {
			printf "FAIL: gb9704: page %d folio ends at %.2f, not one character in from the right edge %.2f\n", p, x1, right; bad++ }
		if (!(p % 2) && (x0 - (left + 14) > 0.05 || (left + 14) - x0 > 0.05)) {
			printf "FAIL: gb9704: page %d folio starts at %.2f, not one character in from the left edge %.2f\n", p, x0, left; bad++ }
		seen++
	}
	END {
		if (seen != p || p < 2) { printf "FAIL: gb9704: %d folios on %d pages\n", seen, p; bad++ }
		exit bad > 0
	}' "$T/gb.html" || fails=$((fails + 1))
# the folio line: 四号, its 一字线 (0.38 em above the baseline) 7 mm below the 225-mm type area
awk -v mm="$MM" '$1 == "footer" {
		want = 35 * mm - 7 * mm - 0.38 * 14
		if ($3 - want > 0.01 || want - $3 > 0.01) { printf "FAIL: gb9704: folio baseline %s, not %.2f\n", $3, want; bad++ }
	}
	END { exit bad > 0 }' "$T/gb.txt" || fails=$((fails + 1))
pdffonts "$T/gb.pdf" | grep -q 'NotoSerifCJKsc-Regular' || fail "gb9704: the folio is not in Song"

# --- a5-book: mirrored margins ---
"$PAIBAN" print "$sample" --style a5-book -o "$T/a5.pdf" 2>"$T/a5.err" || fail "a5-book: exit $?"
[ -s "$T/a5.err" ] && fail "a5-book: stderr: $(cat "$T/a5.err")"
pdftotext -bbox "$T/a5.pdf" "$T/a5.html" || fail "a5-book: pdftotext failed"
# the type area's edges on each page: the x where most lines start and end (justified lines;
# pdftotext counts a line-end mark's full advance, so extremes are not the edges), and the
# folio's side
awk -v mm="$MM" '
	/<page / { p++ }
	/<word / {
		match($0, /xMin="[0-9.]+"/); x0 = sprintf("%.2f", substr($0, RSTART + 6, RLENGTH - 7))
		match($0, /xMax="[0-9.]+"/); x1 = sprintf("%.2f", substr($0, RSTART + 6, RLENGTH - 7))
		if (++n0[p, x0] > m0[p]) { m0[p] = n0[p, x0]; lo[p] = x0 }
		if (++n1[p, x1] > m1[p]) { m1[p] = n1[p, x1]; hi[p] = x1 }
		if ($0 ~ />第 [0-9]+ 页/) { f0[p] = x0; f1[p] = x1 }
	}
	END {
		if (p < 2) { print "FAIL: a5-book: fewer than 2 pages"; exit 1 }
		d = 2 * mm
		for (i = 2; i <= p; i += 2) {
			if (lo[1] - lo[i] - d > 0.05 || d - (lo[1] - lo[i]) > 0.05) {
				printf "FAIL: a5-book: page %d starts at x %.2f, page 1 at %.2f: not mirrored (2 mm)\n", i, lo[i], lo[1]; bad++ }
			if (hi[1] - hi[i] - d > 0.05 || d - (hi[1] - hi[i]) > 0.05) {
				printf "FAIL: a5-book: page %d ends at x %.2f, page 1 at %.2f: not mirrored (2 mm)\n", i, hi[i], hi[1]; bad++ }
			if (f0[i] != lo[i]) { printf "FAIL: a5-book: page %d folio at %.2f, not at the left (outer) edge %.2f\n", i, f0[i], lo[i]; bad++ }
		}
		for (i = 1; i <= p; i += 2)
			if (f1[i] != hi[i]) { printf "FAIL: a5-book: page %d folio ends at %.2f, not at the right (outer) edge %.2f\n", i, f1[i], hi[i]; bad++ }
		exit bad > 0
	}' "$T/a5.html" || fails=$((fails + 1))
# the PDF opens as facing pages
grep -aq '/TwoColumnRight' "$T/a5.pdf" || fail "a5-book: not opened as facing pages"
# the style key: mirror = maybe is an error at its line
printf '[page]\nmirror = maybe\n' >"$T/bad.style"
"$PAIBAN" print "$sample" --style "$T/bad.style" -o "$T/bad.pdf" 2>"$T/bad.err"
[ $? -ne 0 ] && grep -q "bad.style:2:10: error: bad value 'maybe' for mirror" "$T/bad.err" ||
	fail "mirror = maybe: $(cat "$T/bad.err")"
[ -f "$T/bad.pdf" ] && fail "mirror = maybe: partial output"

echo "profiles: $fails failure(s)"
[ "$fails" -eq 0 ]
