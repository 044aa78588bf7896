#!/bin/sh
# run.sh: runs every unit test binary and every tests/*/check.sh script; fails if any fails.
# Usage: sh tests/run.sh BUILD_DIR   (from the repository root)
build=${1:-build}
PAIBAN=$(cd "$build" && pwd)/paiban
export PAIBAN
export SOURCE_DATE_EPOCH=1649226622   # 2022-04-06T06:30:22Z: reproducible test PDFs
pass=0
fail=0
failed=""
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *.d|*.o) continue ;; esac
	if "$t" >"$build/tests/$(basename "$t").log" 2>&1; then
		pass=$((pass + 1))
		echo "ok    $(basename "$t")"
	else
		fail=$((fail + 1))
		failed="$failed $(basename "$t")"
		echo "FAIL  $(basename "$t")"
		tail -n 30 "$build/tests/$(basename "$t").log"
	fi
done
for s in tests/*/check.sh; do
	[ -f "$s" ] || continue
	name=${s#tests/}
	if sh "$s" >"$build/tests/$(echo "$name" | tr / _).log" 2>&1; then
		pass=$((pass + 1))
		echo "ok    $name"
	else
		fail=$((fail + 1))
		failed="$failed $name"
		echo "FAIL  $name"
		tail -n 40 "$build/tests/$(echo "$name" | tr / _).log"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
