#!/bin/sh
# bench.sh: whole-process figures for `paiban print`: median wall time and peak memory over N
# runs on the sample, pages/s on a long article made by repeating the sample body, and the
# line breaker's cost: a 1000-paragraph article (the sample's paragraphs in turn) printed with
# the optimal-fit breaker and with the greedy filler (two style files made from the default
# style that differ only in `line-breaker`).
# Usage: sh tests/bench.sh BUILD_DIR [N]
set -eu
build=${1:-build}
N=${2:-${BENCH_RUNS:-21}}
P=$build/paiban
T=$build/bench
mkdir -p "$T"
sample=samples/hubei-2022-04-06-wushe-liandong.txt
export SOURCE_DATE_EPOCH=1649226622

# median of N wall-clock runs, in ms
median_ms() {
	i=0
	: >"$T/times"
	while [ $i -lt "$N" ]; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s%N)
		echo $(((e - s) / 1000)) >>"$T/times"
		i=$((i + 1))
	done
	sort -n "$T/times" | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.1f", m/1000}'
}
# CPU time (user + system) per run, in ms, of N runs in a row: less sensitive than the wall
# time to other processes on the machine (the shell's `times`: children's CPU, 10 ms ticks,
# summed over the N runs)
cpu_ms() {
	times >"$T/cpu0"
	i=0
	while [ $i -lt "$N" ]; do
		"$@" >/dev/null 2>&1
		i=$((i + 1))
	done
	times >"$T/cpu1"
	cat "$T/cpu0" "$T/cpu1" | awk -v n="$N" '
		function sec(s,   m) { m = s; sub(/m.*/, "", m); sub(/^[0-9]*m/, "", s); sub(/s$/, "", s); return m * 60 + s }
		NR == 2 { t0 = sec($1) + sec($2) }
		NR == 4 { t1 = sec($1) + sec($2) }
		END { printf "%.1f", (t1 - t0) * 1000 / n }'
}
peak_kb() {
	/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
}

# long article: the sample's body repeated 40 times
{
	head -n 3 "$sample"
	i=0
	while [ $i -lt 40 ]; do
		sed -n '7,34p' "$sample"
		i=$((i + 1))
	done
	sed -n '35,$p' "$sample"
} >"$T/long.txt"

# 1000 paragraphs: the sample's body paragraphs (its long lines; subheads left out) in turn
{
	head -n 3 "$sample"
	echo
	awk 'NR >= 7 && NR <= 34 && length($0) > 150 { p[n++] = $0 }
	     END { for (i = 0; i < 1000; i++) { print p[i % n]; print "" } }' "$sample"
	sed -n '35,39p' "$sample"
} >"$T/k1000.txt"
for b in optimal greedy; do
	{
		cat styles/a4-article.style
		printf '\n[page]\nline-breaker = %s\n' "$b"
	} >"$T/$b.style"
done

"$P" print "$sample" -o "$T/one.pdf"
"$P" print "$T/long.txt" -o "$T/long.pdf"
pages1=$(pdfinfo "$T/one.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
pagesL=$(pdfinfo "$T/long.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
t1=$(median_ms "$P" print "$sample" -o "$T/one.pdf")
tL=$(median_ms "$P" print "$T/long.txt" -o "$T/long.pdf")
tp=$(median_ms "$P" parse "$sample")
te=$(median_ms "$P" epub "$sample" -o "$T/one.epub")
tef=$(median_ms "$P" epub "$sample" --embed-fonts -o "$T/onef.epub")
m1=$(peak_kb "$P" print "$sample" -o "$T/one.pdf")
mL=$(peak_kb "$P" print "$T/long.txt" -o "$T/long.pdf")
echo "paiban bench ($N runs each, median wall time, whole process)"
printf '  sample article:   %s ms  (%s pages, %s KB PDF, peak %s MB)\n' "$t1" "${pages1:-?}" \
	"$(($(wc -c <"$T/one.pdf") / 1024))" "$(awk "BEGIN{printf \"%.1f\", $m1/1024}")"
printf '  parse only:       %s ms\n' "$tp"
printf '  sample as EPUB:   %s ms  (%s KB EPUB)\n' "$te" "$(($(wc -c <"$T/one.epub") / 1024))"
printf '  sample as EPUB --embed-fonts: %s ms  (%s KB EPUB)\n' "$tef" "$(($(wc -c <"$T/onef.epub") / 1024))"
printf '  long article:     %s ms  (%s pages, %s KB PDF, peak %s MB) = %s pages/s\n' "$tL" "${pagesL:-?}" \
	"$(($(wc -c <"$T/long.pdf") / 1024))" "$(awk "BEGIN{printf \"%.1f\", $mL/1024}")" \
	"$(awk "BEGIN{printf \"%.0f\", ${pagesL:-0}*1000/$tL}")"
"$P" print "$T/k1000.txt" --style "$T/optimal.style" -o "$T/k1000.pdf"
pagesK=$(pdfinfo "$T/k1000.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
# optimal and greedy alternate, run by run, so that both see the same load on the machine
i=0
: >"$T/times.optimal"
: >"$T/times.greedy"
while [ $i -lt "$N" ]; do
	for b in optimal greedy; do
		s=$(date +%s%N)
		"$P" print "$T/k1000.txt" --style "$T/$b.style" -o "$T/k1000$b.pdf" >/dev/null 2>&1
		e=$(date +%s%N)
		echo $(((e - s) / 1000)) >>"$T/times.$b"
	done
	i=$((i + 1))
done
med() { sort -n "$1" | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }
tO=$(med "$T/times.optimal")
tG=$(med "$T/times.greedy")
tK=$(median_ms "$P" print "$T/k1000.txt" -o "$T/k1000d.pdf")
printf '  1000 paragraphs:  %s ms  (%s pages, default style) = %s pages/s\n' "$tK" "${pagesK:-?}" \
	"$(awk "BEGIN{printf \"%.0f\", ${pagesK:-0}*1000/$tK}")"
printf '  line breaker:     optimal %s ms, greedy %s ms (1000 paragraphs): optimal costs %s ms (%s%%) more\n' \
	"$tO" "$tG" "$(awk "BEGIN{printf \"%.1f\", $tO-$tG}")" "$(awk "BEGIN{printf \"%.0f\", ($tO-$tG)*100/$tG}")"
cL=$(cpu_ms "$P" print "$T/long.txt" -o "$T/long.pdf")
cO=$(cpu_ms "$P" print "$T/k1000.txt" --style "$T/optimal.style" -o "$T/k1000optimal.pdf")
cG=$(cpu_ms "$P" print "$T/k1000.txt" --style "$T/greedy.style" -o "$T/k1000greedy.pdf")
printf '  CPU time per run: long article %s ms = %s pages/s; 1000 paragraphs optimal %s ms = %s pages/s, greedy %s ms\n' \
	"$cL" "$(awk "BEGIN{printf \"%.0f\", ${pagesL:-0}*1000/$cL}")" "$cO" \
	"$(awk "BEGIN{printf \"%.0f\", ${pagesK:-0}*1000/$cO}")" "$cG"
# the breakers alone, in process (tests/unit/test_linebreak measures them on the same kind of text)
if [ -x "$build/tests/test_linebreak" ]; then
	"$build/tests/test_linebreak" 2>/dev/null | sed -n 's/^test_linebreak: 1000-paragraph article/  breaker alone:    1000 paragraphs/p'
fi

# digest: 100 articles (copies of the sample, each its own file, so no duplicate is refused:
# the title carries the number) bound in one process, -j 1 and all cores; the sample digest
mkdir -p "$T/d100"
i=1
{ echo "title: 基准周报"; echo "issue: 1"; echo "date: 2022-04-08"; echo "publisher: 湖北省社会工作联合会"; echo "articles:"; } >"$T/d100/week.yaml"
while [ $i -le 100 ]; do
	sed "1s/\$/（$i）/" "$sample" >"$T/d100/a$i.txt"
	echo "  - a$i.txt" >>"$T/d100/week.yaml"
	i=$((i + 1))
done
"$P" digest "$T/d100/week.yaml" -o "$T/d100.pdf"
pagesD=$(pdfinfo "$T/d100.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
cores=$(nproc 2>/dev/null || echo 1)
tD1=$(median_ms "$P" digest "$T/d100/week.yaml" -j 1 -o "$T/d100.pdf")
tDn=$(median_ms "$P" digest "$T/d100/week.yaml" -o "$T/d100.pdf")
mD=$(peak_kb "$P" digest "$T/d100/week.yaml" -o "$T/d100.pdf")
tS=$(median_ms "$P" digest samples/digest.yaml -o "$T/sample-digest.pdf")
printf '  digest, 100 articles: %s ms -j 1, %s ms -j %s (%s pages, %s KB PDF, peak %s MB) = %s pages/s\n' \
	"$tD1" "$tDn" "$cores" "${pagesD:-?}" "$(($(wc -c <"$T/d100.pdf") / 1024))" \
	"$(awk "BEGIN{printf \"%.1f\", $mD/1024}")" "$(awk "BEGIN{printf \"%.0f\", ${pagesD:-0}*1000/$tDn}")"
printf '  sample digest:    %s ms  (samples/digest.yaml, 13 articles)\n' "$tS"
# the same 100 articles as an EPUB (no layout, no fonts), and with the PDF in one run
"$P" digest "$T/d100/week.yaml" -o "$T/d100.epub"
tE=$(median_ms "$P" digest "$T/d100/week.yaml" -o "$T/d100.epub")
tE1=$(median_ms "$P" digest "$T/d100/week.yaml" -j 1 -o "$T/d100.epub")
tB=$(median_ms "$P" digest "$T/d100/week.yaml" -o "$T/d100.pdf" -o "$T/d100b.epub")
cE=$(cpu_ms "$P" digest "$T/d100/week.yaml" -o "$T/d100.epub")
tEf=$(median_ms "$P" digest "$T/d100/week.yaml" --embed-fonts -o "$T/d100f.epub")
printf '  digest as EPUB, 100 articles: %s ms, %s ms -j 1 (%s KB EPUB; CPU %s ms a run); with the PDF in one run %s ms\n' \
	"$tE" "$tE1" "$(($(wc -c <"$T/d100.epub") / 1024))" "$cE" "$tB"
printf '  digest as EPUB --embed-fonts, 100 articles: %s ms (%s KB EPUB)\n' "$tEf" "$(($(wc -c <"$T/d100f.epub") / 1024))"
# print -d of the same 100 articles: -j 1 against -j 2
mkdir -p "$T/p100"
tP1=$(median_ms "$P" print "$T"/d100/a*.txt -d "$T/p100" -j 1)
tP2=$(median_ms "$P" print "$T"/d100/a*.txt -d "$T/p100" -j 2)
printf '  print -d, 100 articles: %s ms -j 1, %s ms -j 2 = %sx\n' "$tP1" "$tP2" \
	"$(awk "BEGIN{printf \"%.2f\", $tP1/$tP2}")"
