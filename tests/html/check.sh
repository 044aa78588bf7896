#!/bin/sh
# check.sh: HTML reader tests.
#  1. `paiban parse NAME.html` must print exactly tests/html/NAME.json (golden), for every
#     tests/html/*.html except notarticle-*.html; stderr (charset warnings) goes to NAME.err
#     when such a file exists and must match it too.
#  2. notarticle-*.html (front page, RSS feed, redirect) must exit 1 with
#     "error: not an article: ..." and print no JSON.
#  3. 100,000-deep nesting is survived (exit 0 or 1, no crash, seconds);
#  4. `paiban print visible-meta.html` makes a PDF whose text (pdftotext) holds the title, the
#     dateline, a body paragraph and the editor credit, and none of the page chrome.
# Usage (from the repository root): PAIBAN=build/paiban sh tests/html/check.sh
#        UPDATE=1 PAIBAN=... sh tests/html/check.sh   rewrites the goldens: review the diff!
PAIBAN=${PAIBAN:-build/paiban}
dir=tests/html
if [ ! -x "$PAIBAN" ]; then
	echo "check.sh: PAIBAN=$PAIBAN is not an executable (build it, or set PAIBAN)" >&2
	exit 1
fi
tmp=${TMPDIR:-/tmp}/paiban-html-check.$$
trap 'rm -rf "$tmp" "$tmp.out" "$tmp.err"' EXIT INT TERM
mkdir -p "$tmp"
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok    $1"; }
bad() { fail=$((fail + 1)); echo "FAIL  $1"; }

for f in "$dir"/*.html; do
	name=$(basename "$f" .html)
	case "$name" in
	notarticle-*)
		"$PAIBAN" parse "$f" >"$tmp.out" 2>"$tmp.err"
		rc=$?
		if [ "$rc" -eq 1 ] && grep -q "^$f: error: not an article: " "$tmp.err" && [ ! -s "$tmp.out" ]; then
			ok "$f ($(sed 's/.*not an article: //' "$tmp.err" | head -n 1))"
		else
			bad "$f: expected exit 1 with 'not an article', got exit $rc"
			cat "$tmp.err" "$tmp.out"
		fi
		continue ;;
	esac
	"$PAIBAN" parse "$f" >"$tmp.out" 2>"$tmp.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		bad "$f: paiban parse exited with $rc"
		cat "$tmp.err"
		continue
	fi
	if [ -n "$UPDATE" ]; then
		cp "$tmp.out" "$dir/$name.json"
		if [ -s "$tmp.err" ]; then cp "$tmp.err" "$dir/$name.err"; else rm -f "$dir/$name.err"; fi
		echo "wrote $dir/$name.json"
		continue
	fi
	if [ ! -f "$dir/$name.json" ]; then
		bad "$f: no golden file $dir/$name.json (UPDATE=1 writes it)"
	elif ! diff -u "$dir/$name.json" "$tmp.out"; then
		bad "$f: output differs from $dir/$name.json (diff above: - golden, + actual)"
	elif [ -f "$dir/$name.err" ] && ! diff -u "$dir/$name.err" "$tmp.err"; then
		bad "$f: diagnostics differ from $dir/$name.err"
	elif [ ! -f "$dir/$name.err" ] && [ -s "$tmp.err" ]; then
		bad "$f: unexpected diagnostics:"
		cat "$tmp.err"
	else
		ok "$f"
	fi
done

# Hostile nesting: 100,000 nested elements end with an error or a document, never a crash,
# within seconds (libxml2's depth cap and the reader's iterative walk).
for tag in div b; do
	awk -v t="$tag" 'BEGIN { printf "<html><body><h1>深层嵌套</h1>"; for (i = 0; i < 100000; i++) printf "<%s>", t;
		printf "<p>很深的正文内容，用来测试嵌套深度的限制。</p>"; for (i = 0; i < 100000; i++) printf "</%s>", t;
		print "</body></html>" }' >"$tmp/deep-$tag.html"
	start=$(date +%s)
	"$PAIBAN" parse "$tmp/deep-$tag.html" >/dev/null 2>"$tmp.err"
	rc=$?
	secs=$(( $(date +%s) - start ))
	if { [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; } && [ "$secs" -le 10 ]; then
		ok "deep <$tag> nesting (exit $rc, ${secs}s)"
	else
		bad "deep <$tag> nesting: exit $rc after ${secs}s"
		cat "$tmp.err"
	fi
done

# PDF of an HTML article: title, dateline, body and credits in, chrome out.
if command -v pdftotext >/dev/null 2>&1; then
	pdf=$tmp/visible-meta.pdf
	if "$PAIBAN" print "$dir/visible-meta.html" -q -o "$pdf" 2>"$tmp.err"; then
		pdftotext -layout "$pdf" "$tmp/out.txt"
		tr -d ' \n' <"$tmp/out.txt" >"$tmp/flat.txt"
		miss=""
		for want in 社区食堂开进老小区 一份热饭菜里的民生温度 2022-04-06 示例日报 \
			东风街道的社区食堂里已经坐满了老人 多方合力办食堂 李光正 赵敏; do
			grep -q "$want" "$tmp/flat.txt" || miss="$miss $want"
		done
		for chrome in 当前位置 字号 Copyright 版权所有; do
			grep -q "$chrome" "$tmp/flat.txt" && miss="$miss (chrome:$chrome)"
		done
		if [ -z "$miss" ]; then
			ok "print $dir/visible-meta.html"
		else
			bad "print $dir/visible-meta.html: text missing or chrome present:$miss"
			cat "$tmp/out.txt"
		fi
	else
		bad "print $dir/visible-meta.html failed"
		cat "$tmp.err"
	fi
else
	echo "skip  PDF check (pdftotext not installed)"
fi
echo "html tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
