#!/bin/sh
# check.sh: prints the sample in every preset of styles/ and checks each run: exit 0, nothing on
# stderr (gb9704: at most the FangSong fallback warning when no FangSong is installed), fonts
# embedded/subset/ToUnicode, the page count, and the layout dump against
# tests/layout-dump/PRESET.txt (a diff on mismatch; UPDATE=1 rewrites the goldens). gb9704
# also: every line on the 22-line grid, full pages of 22 lines, a measure of 156 mm (442.20 pt),
# every justified body line exactly that wide, and lines of ideographs only hold exactly 28 of
# them. --size larger/smaller re-paginate. (tests/profiles: the folios, fonts and mirroring.)
set -u
: "${PAIBAN:?set PAIBAN to the paiban binary}"
T=build/test-out/presets
rm -rf "$T"
mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
sample=samples/hubei-2022-04-06-wushe-liandong.txt
presets="a4-article a5-book a4-two-column gb9704 large-print ereader-6in jianbao"

for p in $presets; do
	[ -f "styles/$p.style" ] || { fail "styles/$p.style missing"; continue; }
	pdf=$T/$p.pdf dump=$T/$p.txt
	"$PAIBAN" print "$sample" --style "$p" -o "$pdf" --dump-layout "$dump" 2>"$T/$p.err"
	rc=$?
	[ "$rc" -eq 0 ] || fail "$p: exit $rc"
	if [ "$p" = gb9704 ]; then
		grep -v "gb9704.style:[0-9]*:[0-9]*: warning: font famil[a-z]* 'FangSong'.*'FandolFang' are not installed; the body role falls back to 'Noto Serif CJK SC', a stand-in the style does not intend: install the Debian package texlive-lang-chinese (make deps-fonts)$" \
			"$T/$p.err" >"$T/$p.err2"
		mv "$T/$p.err2" "$T/$p.err"
	fi
	[ -s "$T/$p.err" ] && { fail "$p: unexpected stderr"; cat "$T/$p.err"; }
	[ -f "$pdf" ] || { fail "$p: no PDF"; continue; }
	# fonts: all embedded, subset, with ToUnicode, none Type 3
	pdffonts "$pdf" >"$T/$p.fonts" 2>&1 || fail "$p: pdffonts failed"
	tail -n +3 "$T/$p.fonts" | while read -r line; do
		case "$line" in *"Type 3"*) echo "FAIL: $p: Type 3 font: $line"; exit 1 ;; esac
		set -- $line
		n=$#
		eval "emb=\${$((n - 4))} sub=\${$((n - 3))} uni=\${$((n - 2))}"
		[ "$emb $sub $uni" = "yes yes yes" ] || { echo "FAIL: $p: font not emb/sub/uni: $line"; exit 1; }
	done || fails=$((fails + 1))
	# page count: the PDF's, the dump's and the golden's agree
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	dpages=$(grep -c '^page ' "$dump")
	[ "$pages" = "$dpages" ] || fail "$p: PDF has $pages pages, the dump $dpages"
	golden=tests/layout-dump/$p.txt
	# the golden does not name the input's path (the first line)
	tail -n +2 "$dump" >"$T/$p.got"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$T/$p.got" "$golden"
		echo "updated $golden"
	elif [ ! -f "$golden" ]; then
		fail "$p: no golden $golden (run UPDATE=1 sh tests/presets/check.sh)"
	elif ! cmp -s "$golden" "$T/$p.got"; then
		fail "$p: layout differs from $golden (UPDATE=1 rewrites it)"
		diff -u "$golden" "$T/$p.got" | head -40
	else
		gp=$(grep -c '^page ' "$golden")
		[ "$gp" = "$pages" ] || fail "$p: $pages pages, golden $gp"
	fi
done

# gb9704: the 22 x 28 grid (GB/T 9704).
d=$T/gb9704.txt
if [ -f "$d" ]; then
	awk '
	/^# body/ {
		size = $3
		for (i = 1; i <= NF; i++) {
			if ($i == "pitch") pitch = $(i + 1)
			if ($i == "top") top = $(i + 1)
			if ($i == "measure") measure = $(i + 1)
		}
		if (measure != "442.20") { printf "FAIL: gb9704: measure %s pt, not 156 mm (442.20 pt)\n", measure; bad++ }
		# baseline of grid row 0: the em box (-0.12 .. 0.88 em) centred in the first line box
		base0 = top - (pitch - size) / 2 - 0.88 * size
		next
	}
	/^page / { page = $2; next }
	/^#/ || $1 == "footer" { next }
	{
		if (!pitch) { print "FAIL: gb9704: no grid in the dump"; bad++; exit }
		rows[page]++
		last = page
		if ($1 != "body")
			next
		r = (base0 - $3) / pitch
		if (r - int(r + 0.5) > 0.01 || int(r + 0.5) - r > 0.01 || r > 21.01) {
			printf "FAIL: gb9704: page %s: body line off the 22-line grid (row %.2f): %s\n", page, r, $0; bad++
		}
		if ($5 !~ /^J/)
			next
		# justified: ends at the 28-character measure (the left edge: the first full line)
		split($4, x, /\.\./)
		if (!left) left = x[2] - measure
		if (x[2] - left > measure + 0.01 || x[2] - left < measure - 0.01) {
			printf "FAIL: gb9704: justified line not %s pt wide: %s\n", measure, $0; bad++
		}
		# a line of ideographs only (no marks, no Latin) after no indent holds exactly 28
		t = $0; sub(/^[^|]*\|/, "", t); sub(/\|$/, "", t)
		n = t; gsub(/[\200-\277]/, "", n)
		if (x[1] - left < 0.01 && x[1] - left > -0.01 && t !~ /[ -~]/ &&
		    t !~ /，|。|、|；|：|？|！|“|”|‘|’|（|）|《|》|—|…|·/ && length(n) != 28) {
			printf "FAIL: gb9704: line of ideographs with %d characters: %s\n", length(n), $0; bad++
		}
		if (length(n) >= 27) full++
	}
	END {
		for (p = 1; p < last; p++)
			if (rows[p] < 20) { printf "FAIL: gb9704: page %d has only %d lines\n", p, rows[p]; bad++ }
		if (rows[2] != 22) { printf "FAIL: gb9704: page 2 has %d lines, not 22\n", rows[2]; bad++ }
		if (full < 20) { printf "FAIL: gb9704: only %d full lines of 28 characters\n", full; bad++ }
		exit bad > 0
	}' "$d" || fails=$((fails + 1))
fi

# a4-two-column: two columns; the last page balanced (its columns end within two lines).
d=$T/a4-two-column.txt
if [ -f "$d" ]; then
	awk '/^page / { page = $2 } $2 == "1" || $2 == "2" { low[page, $2] = $3; any[$2] = 1 }
	END {
		if (!any[1] || !any[2]) { print "FAIL: a4-two-column: not two columns"; exit 1 }
		d = low[page, 1] - low[page, 2]; if (d < 0) d = -d
		if (d > 40) { printf "FAIL: a4-two-column: last page unbalanced (%s vs %s)\n", low[page, 1], low[page, 2]; exit 1 }
	}' "$d" || fails=$((fails + 1))
	# D4 (行格对齐): on each page every body baseline of either column is a whole number of
	# body pitches below the page's topmost body baseline, subheads or not
	lp=$(sed -n '/^\[body\]/,/^\[/s/^line-pitch *= *\([0-9.]*\).*/\1/p' styles/a4-two-column.style)
	awk -v lp="$lp" '/^# body / { pitch = $3 * lp } /^page / { page = $2 }
	$1 == "body" && ($2 == "1" || $2 == "2") { n++; pg[n] = page; col[n] = $2; y[n] = $3
		if (!(page in top) || $3 > top[page]) top[page] = $3 }
	END {
		for (i = 1; i <= n; i++) {
			k = (top[pg[i]] - y[i]) / pitch; r = k - int(k + 0.5); if (r < 0) r = -r
			if (r > 0.01) bad = bad sprintf(" p%s c%s y=%s", pg[i], col[i], y[i])
		}
		if (bad != "") { print "FAIL: a4-two-column: baselines off the body lines:" bad; exit 1 }
	}' "$d" ||
		fails=$((fails + 1))
fi

# --size: larger re-paginates to more pages with a larger body; smaller to fewer or as many.
"$PAIBAN" print "$sample" -o "$T/l.pdf" --size larger --size larger --dump-layout "$T/l.txt" 2>"$T/l.err" ||
	fail "--size larger exited $?"
[ -s "$T/l.err" ] && fail "--size larger: stderr: $(cat "$T/l.err")"
grep -q '^# body 14.00 pt, measure 448.00 pt (32 chars)' "$T/l.txt" || fail "--size larger x2 is not 四号 on 32 characters"
base=$(grep -c '^page ' "$T/a4-article.txt")
big=$(grep -c '^page ' "$T/l.txt")
[ "$big" -gt "$base" ] || fail "--size larger x2: $big pages, not more than $base"
"$PAIBAN" print "$sample" -o "$T/s.pdf" --size -1 --dump-layout "$T/s.txt" 2>"$T/s.err" || fail "--size -1 exited $?"
grep -q '^# body 9.00 pt' "$T/s.txt" || fail "--size -1 is not 小五"
"$PAIBAN" print "$sample" -o "$T/c.pdf" --size +40 2>"$T/c.err" || fail "--size +40 exited $?"
grep -q 'warning: --size +40 clamped' "$T/c.err" || fail "--size +40: no clamp warning"
"$PAIBAN" print "$sample" -o "$T/b.pdf" --size huge 2>"$T/b.err"
[ $? -eq 2 ] || fail "--size huge: not a usage error"
"$PAIBAN" print "$sample" -o - --dump-layout - >/dev/null 2>&1
[ $? -eq 2 ] || fail "-o - with --dump-layout -: not a usage error"
# the dump on stdout equals the dump in a file
"$PAIBAN" print "$sample" -o "$T/x.pdf" --dump-layout - >"$T/x.txt" 2>/dev/null || fail "--dump-layout - exited $?"
cmp -s "$T/x.txt" "$T/a4-article.txt" || fail "--dump-layout - differs from the file dump"

# D16 (齐底): an article of 12 subheads with 1-4 paragraphs each: every page but the last ends
# on the same baseline (the space missing on a short page goes above its subheads)
{
	echo "# 齐底测试"
	for s in 1 2 3 4 5 6 7 8 9 10 11 12; do
		printf '\n## 第%s部分的小标题\n' "$s"
		for p in $(seq 1 $((s % 4 + 1))); do
			printf '\n'
			for k in $(seq 1 $(((s * 7 + p * 3) % 9 + 1))); do printf '这是一段用来检验页面是否齐底的正文，'; done
			printf '完。\n'
		done
	done
} >"$T/level.md"
for p in a4-article a5-book large-print; do
	"$PAIBAN" print "$T/level.md" --style "$p" -o "$T/level-$p.pdf" --dump-layout "$T/level-$p.txt" 2>/dev/null ||
		fail "level $p: exit $?"
	r=$(awk '/^page/ { if (pg) { lows = lows " " last; n++ } pg = $2 }
		/^[a-z]/ && !/^page/ && !/^footer/ { last = $3 }
		END { split(lows, v, " "); lo = hi = v[1]; for (i in v) { if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i] }
		      print (n >= 2 && hi - lo <= 0.1) ? "ok" : "pages end at" lows }' "$T/level-$p.txt")
	[ "$r" = ok ] || fail "level $p: $r"
done

echo "presets: $fails failure(s)"
[ "$fails" -eq 0 ]
