#!/bin/sh
# check.sh: reader golden tests: `paiban parse FILE` must print exactly tests/parse/NAME.json,
# for every tests/parse/*.txt and samples/*.txt. Prints a diff and fails on any mismatch.
# Usage (from the repository root): PAIBAN=build/paiban sh tests/parse/check.sh
#        UPDATE=1 PAIBAN=... sh tests/parse/check.sh   rewrites the goldens: review the diff!
PAIBAN=${PAIBAN:-build/paiban}
dir=tests/parse
if [ ! -x "$PAIBAN" ]; then
	echo "check.sh: PAIBAN=$PAIBAN is not an executable (build it, or set PAIBAN)" >&2
	exit 1
fi
tmp=${TMPDIR:-/tmp}/paiban-parse-check.$$
trap 'rm -f "$tmp" "$tmp.err"' EXIT INT TERM
pass=0
fail=0
for f in "$dir"/*.txt samples/*.txt; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .txt)
	golden=$dir/$name.json
	"$PAIBAN" parse "$f" >"$tmp" 2>"$tmp.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAIL  $f: paiban parse exited with $rc"
		cat "$tmp.err"
		fail=$((fail + 1))
		continue
	fi
	if [ -n "$UPDATE" ]; then
		cp "$tmp" "$golden"
		echo "wrote $golden"
		continue
	fi
	if [ ! -f "$golden" ]; then
		echo "FAIL  $f: no golden file $golden (UPDATE=1 writes it)"
		fail=$((fail + 1))
	elif diff -u "$golden" "$tmp"; then
		pass=$((pass + 1))
		echo "ok    $f"
	else
		echo "FAIL  $f: output differs from $golden (diff above: - golden, + actual)"
		fail=$((fail + 1))
	fi
done
echo "parse goldens: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
