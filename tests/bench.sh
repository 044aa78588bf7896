#!/bin/sh
# bench.sh: whole-process figures for `paiban print`: median wall time and peak memory over N
# runs on the sample, and pages/s on a long article made by repeating the sample body.
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

"$P" print "$sample" -o "$T/one.pdf"
"$P" print "$T/long.txt" -o "$T/long.pdf"
pages1=$(pdfinfo "$T/one.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
pagesL=$(pdfinfo "$T/long.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
t1=$(median_ms "$P" print "$sample" -o "$T/one.pdf")
tL=$(median_ms "$P" print "$T/long.txt" -o "$T/long.pdf")
tp=$(median_ms "$P" parse "$sample")
m1=$(peak_kb "$P" print "$sample" -o "$T/one.pdf")
mL=$(peak_kb "$P" print "$T/long.txt" -o "$T/long.pdf")
echo "paiban bench ($N runs each, median wall time, whole process)"
printf '  sample article:   %s ms  (%s pages, %s KB PDF, peak %s MB)\n' "$t1" "${pages1:-?}" \
	"$(($(wc -c <"$T/one.pdf") / 1024))" "$(awk "BEGIN{printf \"%.1f\", $m1/1024}")"
printf '  parse only:       %s ms\n' "$tp"
printf '  long article:     %s ms  (%s pages, %s KB PDF, peak %s MB) = %s pages/s\n' "$tL" "${pagesL:-?}" \
	"$(($(wc -c <"$T/long.pdf") / 1024))" "$(awk "BEGIN{printf \"%.1f\", $mL/1024}")" \
	"$(awk "BEGIN{printf \"%.0f\", ${pagesL:-0}*1000/$tL}")"
