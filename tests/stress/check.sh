#!/bin/sh
# check.sh: the punctuation-dense stress article (tests/stress/stress.txt) in every preset of
# styles/ at --size -2 .. +2 (as far as the preset allows: clamped steps are skipped), at
# measures of 8 to 40 characters (the default style at 13 measures; a5-book, large-print,
# ereader-6in and gb9704 at those of 8, 13, 20, 28, 40 their page takes), with hanging
# punctuation and with the greedy line breaker (STRESS_OUT: a folder to keep the outputs in);
# every line of each --dump-layout is checked (rule ids from docs/clreq.md):
#   KIN-START  no line starts with 、，。：；？！ ,.:;?! ”’」』 ）］｝〕】〗》〉 – ～ · ／ ) ]
#   KIN-END    no line ends with “‘「『 （［｛〔【〖《〈 ( [
#   UNBREAK    —— and …… never split: no line starts or ends with an odd run of — or …
#   NOSPLIT    no number or Latin word split over two lines of a paragraph (letters or digits
#              at the end, letters, digits, % or + at the start that the article does not
#              have apart by a space: Pneumono|ultra, C|++; 3.|5, 1,|234, 8:|30, 027-|8765),
#              except on a line flagged O (overfull: a word wider than the measure)
#   JUST       every justified line (flag J) of a column ends at the same x1 (within 0.1 pt;
#              odd and even pages apart: a mirrored style moves the versos);
#              no line of a column runs past it; no line is flagged U (could not be justified)
#   RUNT       a paragraph's last body line is not one Han character, alone or with marks
#   HANG       (hang = yes) only 、，。 may pass the measure, alone (not after another mark),
#              by at most ½ em
# Offending lines are printed; any violation (or a run that fails) makes the test fail.
set -u
: "${PAIBAN:?set PAIBAN to the paiban binary}"
# a folder of its own per run (several runs of the suite may share the tree), removed after a
# run that passes unless STRESS_OUT names it
T=${STRESS_OUT:-build/test-out/stress.$$}
rm -rf "$T"
mkdir -p "$T"
fails=0
runs=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
article=tests/stress/stress.txt

# check_dump NAME DUMP HANG: the rules above on every line of DUMP
check_dump() {
	LC_ALL=C awk -v name="$1" -v hang="$3" '
	FNR == NR { src = src $0 "\n"; next }   # the article: are two words split at a space?
	function first(s) {
		if (match(s, /^([\300-\337][\200-\277]|[\340-\357][\200-\277][\200-\277]|[\360-\367][\200-\277][\200-\277][\200-\277]|.)/))
			return substr(s, 1, RLENGTH)
		return ""
	}
	function last(s) {
		if (match(s, /([\300-\337][\200-\277]|[\340-\357][\200-\277][\200-\277]|[\360-\367][\200-\277][\200-\277][\200-\277]|[\001-\177])$/))
			return substr(s, RSTART)
		return ""
	}
	function run_start(s, c,   n) { n = 0; while (index(s, c) == 1) { s = substr(s, length(c) + 1); n++ } return n }
	function run_end(s, c,   n) {
		n = 0
		while (length(s) >= length(c) && substr(s, length(s) - length(c) + 1) == c) { s = substr(s, 1, length(s) - length(c)); n++ }
		return n
	}
	function in_set(set, c) { return c != "" && index(set, " " c " ") > 0 }
	function bad(rule, msg) {
		printf "%s: %s: page %s: %s\n    %s\n", name, rule, page, msg, $0
		nbad++
	}
	BEGIN {
		KS = " 、 ， 。 ： ； ？ ！ , . : ; ? ! ” ’ 」 』 ） ］ ｝ 〕 】 〗 》 〉 – ～ · ／ ) ] "
		KE = " “ ‘ 「 『 （ ［ ｛ 〔 【 〖 《 〈 ( [ "
		# full-width marks (a hanging mark may not follow one)
		MARKS = " 、 ， 。 ： ； ？ ！ ” ’ 」 』 ） ］ ｝ 〕 】 〗 》 〉 “ ‘ 「 『 （ ［ ｛ 〔 【 〖 《 〈 — … · "
		HANGS = " 、 ， 。 "
		DASH = "—"; ELL = "…"
	}
	/^# body/ { em = $3 + 0; next }
	/^#/ { next }
	/^page / { page = $2; next }
	{
		cls = $1; col = $2; fl = $5
		split($4, x, /\.\./)
		t = $0; sub(/^[^|]*\|/, "", t); sub(/\|$/, "", t)
		n++
		C[n] = cls; COL[n] = col; K[n] = col "@" page % 2; X1[n] = x[2] + 0; FL[n] = fl; T[n] = t; P[n] = page; LINE[n] = $0
		if (cls == "footer" || cls == "image")
			next
		f = first(t); l = last(t)
		if (in_set(KS, f)) bad("KIN-START", "starts with " f)
		if (in_set(KE, l)) bad("KIN-END", "ends with " l)
		if (run_start(t, DASH) % 2 || run_end(t, DASH) % 2) bad("UNBREAK", "—— split")
		if (run_start(t, ELL) % 2 || run_end(t, ELL) % 2) bad("UNBREAK", "…… split")
		if (fl ~ /U/) bad("JUST", "flagged U: could not be justified")
		# the line before, when this one continues its paragraph
		if (pn && C[pn] == cls && FL[pn] !~ /L/) {
			pt = T[pn]; pl = last(pt)
			w1 = w2 = ""
			if (match(pt, /[A-Za-z0-9]+$/)) w1 = substr(pt, RSTART)
			if (match(t, /^[A-Za-z0-9%+]+/)) w2 = substr(t, 1, RLENGTH)
			if (FL[pn] !~ /O/ && fl !~ /O/ &&
			    ((w1 != "" && w2 != "" && !index(src, w1 " " w2)) ||
			     (pt ~ /[0-9][.,:-]$/ && f ~ /^[0-9]$/)))
				bad("NOSPLIT", "word or number split: ..." substr(pt, length(pt) - 7) " | " substr(t, 1, 8) "...")
			# RUNT: the last line of a paragraph of two or more lines
			if (cls == "body" && fl ~ /L/) {
				r = t
				gsub(/、|，|。|：|；|？|！|”|’|」|』|）|］|｝|〕|】|〗|》|〉|“|‘|「|『|（|［|｛|〔|【|〖|《|〈|—|…|·|[ ,.:;?!()]/, "", r)
				r1 = r; gsub(/[\200-\277]/, "", r1)
				if (length(r1) == 1 && r ~ /^[\340-\357]/) bad("RUNT", "last line holds one character: " t)
			}
		}
		pn = n
		# the edge of the measure: where most justified lines end (hung ones aside)
		if (fl ~ /^J/ && col != "*" && !(hang && in_set(HANGS, l))) { k = K[n] SUBSEP sprintf("%.2f", X1[n]); cnt[k]++ }
	}
	END {
		# JUST: the x1 most justified lines of a column end at
		for (k in cnt) {
			split(k, a, SUBSEP)
			if (cnt[k] > best[a[1]]) { best[a[1]] = cnt[k]; edge[a[1]] = a[2] + 0 }
		}
		for (i = 1; i <= n; i++) {
			if (COL[i] == "*" || C[i] == "footer" || !(K[i] in edge))
				continue
			$0 = LINE[i]; page = P[i]; d = X1[i] - edge[K[i]]
			if (FL[i] ~ /^J/ && d < -0.1)
				bad("JUST", sprintf("justified line ends %.2f pt short of the measure (x1 %.2f)", -d, edge[K[i]]))
			if (d <= 0.1)
				continue
			if (!hang || C[i] != "body") {
				bad(hang ? "HANG" : "JUST", sprintf("line passes the measure by %.2f pt", d))
				continue
			}
			t = T[i]; l = last(t); b = last(substr(t, 1, length(t) - length(l)))
			if (!in_set(HANGS, l))
				bad("HANG", "passes the measure and does not end with 、，。")
			else if (in_set(MARKS, b))
				bad("HANG", "a run of marks hangs")
			else if (d > em / 2 + 0.1)
				bad("HANG", sprintf("hangs %.2f pt, more than half an em", d))
			else
				hung++
		}
		if (hang) printf "%s: %d line(s) hang\n", name, hung
		if (!best["1@1"]) { printf "%s: no justified line in column 1\n", name; nbad++ }
		exit nbad > 0
	}' "$article" "$2"
}

# the checker itself: a made-up dump with one violation of each rule must fail on each
cat >"$T/bad.txt" <<'EOF'
# body 10.00 pt, measure 100.00 pt (10 chars), 1 column
page 1
body     1   90.00   10.00..110.00  J----- 0/0.00/0.00 |。一行以句号开头的字|
body     1   80.00   10.00..110.00  J----- 0/0.00/0.00 |一行以开引号结尾的“|
body     1   70.00   10.00..110.00  J----- 0/0.00/0.00 |破折号被拆开了一半—|
body     1   60.00   10.00..110.00  J----- 0/0.00/0.00 |—还有单词Pneumono|
body     1   50.00   10.00..109.00  J----- 0/0.00/0.00 |ultra这一行短了一点|
body     1   40.00   10.00..110.00  J----U 0/0.00/0.00 |数字被拆开了3.|
body     1   30.00   10.00..110.00  J----- 0/0.00/0.00 |5亿元这一行刚好满了|
body     1   20.00   10.00..111.00  J----- 0/0.00/0.00 |这一行超出了测量宽度|
body     1   10.00   10.00..20.00   -L---- 0/0.00/0.00 |“字。”|
EOF
check_dump bad "$T/bad.txt" 0 >"$T/bad.check" && fail "checker: a bad dump passes"
for r in "KIN-START: page 1: starts with 。" "KIN-END: page 1: ends with “" "UNBREAK: page 1: —— split" \
	"NOSPLIT: page 1: word or number split: ...Pneumono | ultra" "NOSPLIT: page 1: word or number split: ...开了3. | 5" \
	"JUST: page 1: flagged U" "JUST: page 1: justified line ends 1.00 pt short" \
	"JUST: page 1: line passes the measure by 1.00 pt" "RUNT: page 1: last line holds one character"; do
	grep -aqF "bad: $r" "$T/bad.check" || fail "checker: no '$r' in $(cat "$T/bad.check")"
done
[ "$(grep -ac '^bad: ' "$T/bad.check")" = 10 ] || { fail "checker: not 10 violations"; cat "$T/bad.check"; }
cat >"$T/badhang.txt" <<'EOF'
# body 10.00 pt, measure 100.00 pt (10 chars), 1 column
page 1
body     1   90.00   10.00..110.00  J----- 0/0.00/0.00 |一二三四五六七八九十|
body     1   80.00   10.00..110.00  J----- 0/0.00/0.00 |一二三四五六七八九十|
body     1   70.00   10.00..115.00  J----- 0/0.00/0.00 |一二三四五六七八九十，|
body     1   60.00   10.00..115.00  J----- 0/0.00/0.00 |一二三四五六七八九十”|
body     1   50.00   10.00..115.00  J----- 0/0.00/0.00 |一二三四五六七八九”。|
body     1   40.00   10.00..118.00  J----- 0/0.00/0.00 |一二三四五六七八九十。|
heading  1   30.00   10.00..112.00  -L---- 0/0.00/0.00 |一二三四五六七八九十、|
EOF
check_dump badhang "$T/badhang.txt" 1 >"$T/badhang.check" && fail "checker: a bad hanging dump passes"
for r in "HANG: page 1: passes the measure and does not end with" "HANG: page 1: a run of marks hangs" \
	"HANG: page 1: hangs 8.00 pt, more than half an em" "HANG: page 1: line passes the measure by 2.00 pt" \
	"badhang: 1 line(s) hang"; do
	grep -aqF "$r" "$T/badhang.check" || fail "checker: no '$r' in $(cat "$T/badhang.check")"
done

# run NAME ARGS...: prints the article with ARGS, then checks the dump
run() {
	name=$1
	shift
	hang=0
	case "$name" in *hang*) hang=1 ;; esac
	runs=$((runs + 1))
	"$PAIBAN" print "$article" -o "$T/$name.pdf" --dump-layout "$T/$name.txt" "$@" 2>"$T/$name.err"
	rc=$?
	[ "$rc" -eq 0 ] || { fail "$name: exit $rc"; cat "$T/$name.err"; return; }
	# a --size step the preset cannot take (fewer than 8 characters a line) is clamped: skip it
	if grep -aq 'warning: --size .* clamped' "$T/$name.err"; then
		echo "skip $name (clamped)"
		runs=$((runs - 1))
		return
	fi
	grep -av "warning: overfull line\|note: [0-9]* more like: overfull line\|note: [0-9]* more overfull or underfull lines\|warning: font famil[a-z]* 'FangSong'" \
		"$T/$name.err" >"$T/$name.err2"
	[ -s "$T/$name.err2" ] && { fail "$name: unexpected stderr"; cat "$T/$name.err2"; }
	check_dump "$name" "$T/$name.txt" "$hang" >"$T/$name.check" || fail "$name: rule violations (above)"
	grep -av ' line(s) hang$' "$T/$name.check"
	sed -n 's/.*: \([0-9]*\) line(s) hang$/\1/p' "$T/$name.check" >"$T/$name.hung"
}

for st in styles/*.style; do
	p=$(basename "$st" .style)
	for s in -2 -1 0 +1 +2; do
		if [ "$s" = 0 ]; then
			run "$p" --style "$p"
		else
			run "$p$s" --style "$p" --size "$s"
		fi
	done
done

# measures of 8 to 40 characters: the default style with the right margin moved
for c in 8 9 10 11 12 13 15 17 20 24 28 34 40; do
	awk -v c="$c" '{ print } END { printf "\n[page]\nmargin-left = 25mm\nmargin-right = %.2fpt\n", 595.28 - 70.87 - c * 10.5 - 2 }' \
		styles/a4-article.style >"$T/m$c.style"
	run "m$c" --style "$T/m$c.style"
	grep -q "(${c} chars)" "$T/m$c.txt" || fail "m$c: measure is not $c characters: $(grep '^# body' "$T/m$c.txt")"
done

# the other presets at measures of 8 to 40 characters (as far as the page allows): the left
# margin 10 mm, the right one what leaves c characters; gb9704: grid = 22xc
for p in a5-book large-print ereader-6in gb9704; do
	[ -f "$T/$p.txt" ] || continue
	pw=$(sed -n 's/^# paiban layout dump: .*, page \([0-9.]*\) x .*/\1/p' "$T/$p.txt")
	em=$(sed -n 's/^# body \([0-9.]*\) pt.*/\1/p' "$T/$p.txt")
	for c in 8 13 20 28 40; do
		if [ "$p" = gb9704 ]; then
			[ "$c" -lt 28 ] || continue
			extra=$(printf '\n[page]\ngrid = 22x%s\n' "$c")
		else
			mr=$(awk -v pw="$pw" -v em="$em" -v c="$c" 'BEGIN { m = pw - 28.35 - c * em - 1; if (m >= 0) printf "%.2f", m }')
			[ -n "$mr" ] || continue
			extra=$(printf '\n[page]\nmargin-left = 10mm\nmargin-right = %spt\n' "$mr")
		fi
		{ cat "styles/$p.style"; echo "$extra"; } >"$T/$p-m$c.style"
		run "$p-m$c" --style "$T/$p-m$c.style"
		grep -q "(${c} chars)" "$T/$p-m$c.txt" || fail "$p-m$c: measure is not $c characters: $(grep '^# body' "$T/$p-m$c.txt")"
	done
done

# hanging punctuation (only 、，。 may pass the measure) and the greedy line breaker
for p in a4-article a4-two-column ereader-6in; do
	{ cat "styles/$p.style"; printf '\n[body]\nhang = yes\n'; } >"$T/$p-hang.style"
	run "$p-hang" --style "$T/$p-hang.style"
	{ cat "styles/$p.style"; printf '\n[page]\nline-breaker = greedy\n'; } >"$T/$p-greedy.style"
	run "$p-greedy" --style "$T/$p-greedy.style"
done
for c in 12 13 20; do   # 12: 好……。 must not hang its 。 (a run of marks)
	{ cat "$T/m$c.style"; printf '\n[body]\nhang = yes\n'; } >"$T/m$c-hang.style"
	run "m$c-hang" --style "$T/m$c-hang.style"
done

hung=$(cat "$T"/*-hang.hung 2>/dev/null | awk '{ n += $1 } END { print n + 0 }')
[ "$hung" -gt 0 ] || fail "hang = yes: no line hangs in any run"
echo "stress: $runs runs, $hung hanging marks, $fails failure(s)"
[ "$fails" -eq 0 ] || { echo "outputs kept in $T"; exit 1; }
[ -n "${STRESS_OUT:-}" ] || rm -rf "$T"
