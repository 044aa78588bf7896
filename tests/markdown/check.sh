#!/bin/sh
# check.sh: Markdown reader goldens. For every tests/markdown/NAME.md, `paiban parse` must
#   - print exactly NAME.json and exit 0 when NAME.json exists;
#   - exit 1 (bad input) when there is no NAME.json (the error cases);
#   - print exactly NAME.err on standard error when NAME.err exists (warnings and errors with
#     their file:line:col), and nothing on standard error otherwise.
# A mismatch prints a diff (- golden, + actual).
# Usage (from the repository root): PAIBAN=build/paiban sh tests/markdown/check.sh
#        UPDATE=1 PAIBAN=... sh tests/markdown/check.sh   rewrites NAME.json / NAME.err of the
#        cases that exit 0 or 1: review the diff!
PAIBAN=${PAIBAN:-build/paiban}
dir=tests/markdown
if [ ! -x "$PAIBAN" ]; then
	echo "check.sh: PAIBAN=$PAIBAN is not an executable (build it, or set PAIBAN)" >&2
	exit 1
fi
tmp=${TMPDIR:-/tmp}/paiban-md-check.$$
trap 'rm -f "$tmp" "$tmp.err"' EXIT INT TERM
pass=0
fail=0
for f in "$dir"/*.md; do
	name=${f%.md}
	"$PAIBAN" parse "$f" >"$tmp" 2>"$tmp.err"
	rc=$?
	if [ -n "$UPDATE" ]; then
		case $rc in
		0) cp "$tmp" "$name.json"; echo "wrote $name.json" ;;
		1) rm -f "$name.json" ;;
		*) echo "FAIL  $f: exit $rc"; fail=$((fail + 1)); continue ;;
		esac
		if [ -s "$tmp.err" ]; then cp "$tmp.err" "$name.err"; echo "wrote $name.err"; else rm -f "$name.err"; fi
		continue
	fi
	ok=1
	if [ -f "$name.json" ]; then
		if [ "$rc" -ne 0 ]; then
			echo "FAIL  $f: exit $rc, expected 0"; cat "$tmp.err"; ok=0
		elif ! diff -u "$name.json" "$tmp"; then
			echo "FAIL  $f: JSON differs from $name.json"; ok=0
		fi
	else
		if [ "$rc" -ne 1 ]; then
			echo "FAIL  $f: exit $rc, expected 1 (bad input)"; ok=0
		fi
		if [ -s "$tmp" ]; then
			echo "FAIL  $f: printed JSON although it failed"; ok=0
		fi
	fi
	if [ -f "$name.err" ]; then
		if ! diff -u "$name.err" "$tmp.err"; then
			echo "FAIL  $f: standard error differs from $name.err"; ok=0
		fi
	elif [ -s "$tmp.err" ]; then
		echo "FAIL  $f: unexpected messages:"; cat "$tmp.err"; ok=0
	fi
	if [ $ok -eq 1 ]; then
		pass=$((pass + 1)); echo "ok    $f"
	else
		fail=$((fail + 1))
	fi
done
echo "markdown goldens: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
