#!/bin/sh
# check.sh: replays every committed seed and regression input (tests/fuzz/corpus/NAME/) through
# the fuzz targets' LLVMFuzzerTestOneInput, linked with the plain main() of replay.c (no
# libFuzzer needed). The replay binaries sit next to $PAIBAN (make test builds them).
# Usage (from the repository root): PAIBAN=build/paiban sh tests/fuzz/check.sh
set -u
PAIBAN=${PAIBAN:-build/paiban}
B=$(dirname "$PAIBAN")
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$(pwd)/tests/fuzz/lsan.supp:print_suppressions=0"
fails=0
for n in textdump html markdown style print breaker manifest epub; do
	bin=$B/fuzz-replay-$n
	if [ ! -x "$bin" ]; then
		echo "FAIL  $n: $bin not built (make test builds it)"
		fails=$((fails + 1))
		continue
	fi
	if out=$(timeout 300 "$bin" tests/fuzz/corpus/$n $(sh tests/fuzz/seeds.sh $n) 2>&1); then
		echo "ok    $n: $(echo "$out" | tail -n 1)"
	else
		echo "FAIL  $n"
		echo "$out" | tail -n 40
		fails=$((fails + 1))
	fi
done
exit $fails
