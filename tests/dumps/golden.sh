#!/bin/sh
# golden.sh: the document model's fields of representative full-page dumps of the dev corpus
# (../shared/corpus/dev/dumps, read there, never copied) against tests/dumps/golden/NAME.json:
# every field of `paiban parse` but the blocks, which are summed up as their count and the
# start of the first and last one (a few characters: the texts stay the publishers').
# Usage (from the repository root): PAIBAN=build/paiban sh tests/dumps/golden.sh
#        UPDATE=1 PAIBAN=... sh tests/dumps/golden.sh   rewrites the goldens: review the diff!
set -u
PAIBAN=${PAIBAN:-build/paiban}
D=${CORPUS:-../shared/corpus/dev}/dumps
G=tests/dumps/golden
fails=0
if [ ! -f "$D/INDEX.tsv" ]; then
	echo "skip  no corpus at $D"
	exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for g in "$G"/*.json; do
	name=$(basename "$g" .json)
	if ! "$PAIBAN" parse "$D/$name.txt" >"$T/full.json" 2>/dev/null; then
		echo "FAIL  $name: paiban parse failed"
		fails=$((fails + 1))
		continue
	fi
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
b = [x.get("text", "") for x in d.pop("blocks")]
d["blocks"] = {"count": len(b), "first": b[0][:12] if b else "", "last": b[-1][:12] if b else ""}
print(json.dumps(d, ensure_ascii=False, indent=2))
' "$T/full.json" >"$T/fields.json"
	if [ -n "${UPDATE:-}" ]; then
		cp "$T/fields.json" "$g"
		echo "wrote $g"
	elif diff -u "$g" "$T/fields.json"; then
		echo "ok    $name"
	else
		echo "FAIL  $name: fields differ from $g (diff above: - golden, + actual)"
		fails=$((fails + 1))
	fi
done
echo "golden dumps: $fails failed"
exit $fails
