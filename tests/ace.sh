#!/bin/sh
# ace.sh: Ace by DAISY (the EPUB accessibility checker, run in Debian's Chromium) over the books
# paiban writes: the sample article, a Markdown article with lists, quotes, code and a table, a
# Traditional-Chinese article, an article with images, and the sample digest. Fails on any
# critical or serious finding and prints the count of each impact per book. Skipped (with a
# message, exit 0) where Ace or Chromium is not installed (make deps-ace installs both).
# Usage (from the repository root): ACE=build/npm-ace/node_modules/.bin/ace-cli sh tests/ace.sh BUILD
BUILD=${1:-build}
PAIBAN=$BUILD/paiban
ACE=${ACE:-build/npm-ace/node_modules/.bin/ace-cli}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$ACE" ] || [ ! -x "$CHROMIUM" ]; then
	echo "skip  ace: Ace ($ACE) or Chromium ($CHROMIUM) is not installed (make deps-ace)"
	exit 0
fi
tmp=${TMPDIR:-/tmp}/paiban-ace.$$
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp"
fail=0
book() { # NAME, then the paiban command's arguments (the book goes to $tmp/NAME.epub)
	name=$1
	shift
	if ! "$PAIBAN" "$@" -o "$tmp/$name.epub" 2>"$tmp/$name.err"; then
		echo "FAIL  ace $name: paiban $* exited non-zero"; cat "$tmp/$name.err"; fail=1; return
	fi
	if ! PUPPETEER_EXECUTABLE_PATH=$CHROMIUM "$ACE" -s -f -o "$tmp/$name" "$tmp/$name.epub" \
		>"$tmp/$name.log" 2>&1 || [ ! -f "$tmp/$name/report.json" ]; then
		echo "FAIL  ace $name: Ace did not write a report"; tail -n 20 "$tmp/$name.log"; fail=1; return
	fi
	python3 - "$tmp/$name/report.json" "$name" <<'PY' || fail=1
import json, sys
r = json.load(open(sys.argv[1]))
count = {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}
bad = []
for a in r.get("assertions", []):
    for b in a.get("assertions", []):
        t = b.get("earl:test", {})
        imp = t.get("earl:impact", "minor")
        count[imp] = count.get(imp, 0) + 1
        bad.append((imp in ("critical", "serious"),
                    "%s: %s (%s)" % (a.get("earl:testSubject", {}).get("url", "?"),
                                     t.get("dct:title", "?"), imp)))
summary = ", ".join("%d %s" % (v, k) for k, v in count.items())
failed = any(f for f, _ in bad)
print("%s ace %s: %s" % ("FAIL " if failed else "ok   ", sys.argv[2], summary))
for _, line in bad:
    print("      " + line)
sys.exit(1 if failed else 0)
PY
}
book sample epub samples/hubei-2022-04-06-wushe-liandong.txt
book structure epub tests/markdown/structure.md
book traditional epub tests/markdown/traditional.md
book images epub tests/images/article/article.md
book digest digest samples/digest.yaml
exit $fail
