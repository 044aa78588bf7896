#!/bin/sh
# check.sh: hostile and broken input (issue 5, section 3) and what paiban may touch (section 4).
# The inputs are generated here, at test time, into BUILD/test-out/patho (nothing big is
# committed). Every case asserts: the documented exit code; a message naming the file (with a
# line or byte offset where one applies); bounded time (timeout 60) and memory (peak RSS under
# 1 GB, measured with /usr/bin/time; not measured under ASan, which reserves terabytes of
# address space and shadow memory); no output file when the run fails (nor a temporary one);
# the input unchanged (cksum before and after).
# Usage (from the repository root): PAIBAN=build/paiban sh tests/patho/check.sh
set -u
PAIBAN=${PAIBAN:-build/paiban}
if [ ! -x "$PAIBAN" ]; then
	echo "check.sh: PAIBAN=$PAIBAN is not an executable (build it, or set PAIBAN)" >&2
	exit 1
fi
T=$(cd "$(dirname "$PAIBAN")" && pwd)/test-out/patho
rm -rf "$T"
mkdir -p "$T"
export SOURCE_DATE_EPOCH=1649226622
pass=0
fails=0
ok() { pass=$((pass + 1)); echo "ok    $1"; }
fail() { fails=$((fails + 1)); echo "FAIL  $1"; }
TIME=
[ -x /usr/bin/time ] && [ -z "${PAIBAN_SANITIZED:-}" ] && TIME=/usr/bin/time
MAX_KB=1048576

# run NAME RC REGEX INPUT [OPTIONS...]: prints INPUT into $T/NAME.out/NAME.pdf (unless OPTIONS
# give -o or -d themselves) and checks the exit code RC, a stderr line matching the extended
# regex REGEX ("-": none required), time, memory, no output on failure and the input unchanged.
run() {
	name=$1 want=$2 re=$3 in=$4
	shift 4
	od=$T/$name.out
	mkdir -p "$od"
	case " $* " in
	*" -o "* | *" -d "*) outarg= ;;
	*) outarg="-o $od/$name.pdf" ;;
	esac
	sum0=$(cksum <"$in")
	if [ -n "$TIME" ]; then
		# shellcheck disable=SC2086
		timeout 60 $TIME -f %M -o "$T/$name.rss" "$PAIBAN" print "$in" "$@" $outarg \
			>"$T/$name.stdout" 2>"$T/$name.err"
		rc=$?
	else
		# shellcheck disable=SC2086
		timeout 60 "$PAIBAN" print "$in" "$@" $outarg >"$T/$name.stdout" 2>"$T/$name.err"
		rc=$?
	fi
	bad=
	[ $rc -eq 124 ] && bad="$bad; timed out after 60 s"
	[ $rc -ne "$want" ] && bad="$bad; exit $rc, want $want"
	[ "$re" = - ] || grep -Eq -- "$re" "$T/$name.err" || bad="$bad; no message matching /$re/"
	if [ -n "$TIME" ] && [ -s "$T/$name.rss" ]; then
		kb=$(tail -n 1 "$T/$name.rss")
		case $kb in
		*[!0-9]* | '') ;;
		*) [ "$kb" -gt $MAX_KB ] && bad="$bad; peak RSS $kb KB over 1 GB" ;;
		esac
	fi
	if [ "$want" -ne 0 ]; then
		left=$(ls -A "$od")
		[ -n "$left" ] && bad="$bad; output left behind: $left"
	fi
	[ "$(cksum <"$in")" = "$sum0" ] || bad="$bad; the input changed"
	if [ -z "$bad" ]; then
		ok "$name (exit $rc${kb:+, ${kb} KB})"
	else
		fail "$name${bad}"
		sed -n 1,12p "$T/$name.err"
	fi
	kb=
}

S=samples/hubei-2022-04-06-wushe-liandong.txt
para='这是一段足够长的正文，用来确认文章被识别出来，而不是被当作导航或者页脚丢掉的文字。'

# ---- broken files ------------------------------------------------------------------------
: >"$T/empty.txt"
run empty 1 "empty.txt: error: empty input" "$T/empty.txt"

cp tests/images/article/photo-rgb.png "$T/image.txt"
run png-as-txt 1 "image.txt: error: binary input \(a PNG image\)" "$T/image.txt"

printf '标题\n\n前面是正常的文字，\377\376中间有两个坏字节，后面继续。\n' >"$T/badutf8.txt"
run invalid-utf8 0 "badutf8.txt:3: warning: invalid UTF-8 byte 0xFF at byte offset [0-9]+" "$T/badutf8.txt"

cp tests/html/wrong-charset.html "$T/wrong-charset.html"
run wrong-charset 0 "wrong-charset.html: warning: the page declares charset 'utf-8' but does not decode" \
	"$T/wrong-charset.html"

# ---- size ----------------------------------------------------------------------------------
# 50 MB in a single line: DUMP_MAX_LINE_BYTES (1 MiB) stops it at the line, quickly.
{ printf '标题\n\n'; yes '数据数据数据数据数据数据数据abc，' | head -n 1250000 | tr -d '\n'; echo; } \
	>"$T/oneline.txt"
run 50mb-one-line 1 "oneline.txt:3:1: error: line longer than [0-9]+ bytes \(DUMP_MAX_LINE_BYTES\)" \
	"$T/oneline.txt"
# The same as Markdown: MARKDOWN_MAX_BLOCK_BYTES.
{ printf '# 标题\n\n'; yes '数据数据数据数据数据数据数据abc，' | head -n 1250000 | tr -d '\n'; echo; } \
	>"$T/oneline.md"
run 50mb-one-line-md 1 "oneline.md:3:1: error: a block longer than [0-9]+ bytes \(MARKDOWN_MAX_BLOCK_BYTES\)" \
	"$T/oneline.md"
# A million tiny paragraphs: DUMP_MAX_BLOCKS (200 000), at the line where it is passed.
{ printf '标题\n\n'; yes '短段。' | head -n 1000000; } >"$T/million.txt"
run million-paragraphs 1 "million.txt:[0-9]+:1: error: more than 200000 paragraphs \(DUMP_MAX_BLOCKS\)" \
	"$T/million.txt"
# 20 MB of ordinary paragraphs: PARSE_MAX_TEXT (16 MiB of text) before any shaping.
{ printf '标题\n\n'; yes "$para$para$para$para$para$para$para$para$para$para" | head -n 16000; } \
	>"$T/fat.txt"
run 20mb-of-text 1 "fat.txt:[0-9]+:1: error: more than [0-9]+ bytes of article text up to here \(PARSE_MAX_TEXT\)" \
	"$T/fat.txt"
# A 20 000-character word (base64) in a 60 mm wide page: broken at the measure, warned.
printf '[page]\nsize = 60mm 90mm\nmargin = 8mm\n' >"$T/narrow.style"
# (letters and digits only, from a fixed LCG: base64's + and / would add break opportunities)
{ printf '标题\n\n前文'
  awk 'BEGIN { s = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"; x = 7
	for (i = 0; i < 20000; i++) { x = (x * 69069 + 1) % 4294967296; printf "%s", substr(s, x % 62 + 1, 1) } }'
  printf '后文。\n'; } >"$T/word.txt"
run long-word 0 "word.txt:3:3: warning: overfull line: .* is broken at the measure" "$T/word.txt" \
	--style "$T/narrow.style"

# ---- HTML ----------------------------------------------------------------------------------
head='<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试页面</title></head><body>'
{ printf '%s' "$head"; yes '<div>' | head -n 100000 | tr -d '\n'; printf '<p>%s</p>' "$para";
  yes '</div>' | head -n 100000 | tr -d '\n'; printf '</body></html>\n'; } >"$T/deep.html"
run html-deep 1 "deep.html: warning: elements nested about [0-9]+ levels deep; text nested deeper is not read \(HTML_MAX_DEPTH\)" \
	"$T/deep.html"
printf '<html><head><meta charset="utf-8"><title>未闭合</title><body><div><p>%s<b>加粗<i>斜体<p>%s<table><tr><td>单元格<div><span>' \
	"$para" "$para" >"$T/unclosed.html"
run html-unclosed 0 - "$T/unclosed.html" -q
{ printf '<html><head><meta charset="utf-8"><title>大脚本</title><style>'; yes 'a{color:red}' | head -n 200000 | tr -d '\n';
  printf '</style><script>'; yes 'var x="<p>不是正文</p>";' | head -n 100000 | tr -d '\n';
  printf '</script></head><body><p>%s</p><p>%s</p></body></html>\n' "$para" "$para"; } >"$T/script.html"
run html-megabyte-script 0 - "$T/script.html" -q
if command -v pdftotext >/dev/null; then
	pdftotext "$T/html-megabyte-script.out/html-megabyte-script.pdf" - 2>/dev/null | grep -q "不是正文" \
		&& fail "html-megabyte-script: script text printed" || ok "html-megabyte-script: no script text printed"
fi
# billion laughs: the HTML parser does not expand DTD entities; no blow-up.
{ printf '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
  i=2
  while [ $i -le 9 ]; do
	printf '<!ENTITY lol%d "' $i
	j=0; while [ $j -lt 10 ]; do printf '&lol%d;' $((i - 1)); j=$((j + 1)); done
	printf '">'
	i=$((i + 1))
  done
  printf ']><html><head><meta charset="utf-8"><title>实体</title></head><body><p>&lol9;%s</p><p>%s</p></body></html>\n' "$para" "$para"; } \
	>"$T/bomb.html"
run html-entity-bomb 0 - "$T/bomb.html" -q
[ "$(wc -c <"$T/html-entity-bomb.out/html-entity-bomb.pdf")" -lt 1000000 ] \
	&& ok "entity bomb: small PDF" || fail "entity bomb: PDF of $(wc -c <"$T/html-entity-bomb.out/html-entity-bomb.pdf") bytes"

# ---- characters ----------------------------------------------------------------------------
printf '标题𠮷\n\n正文里有𠮷野家和表情😀，阿拉伯文 مرحبا بالعالم 与希伯来文 שלום עולם。\n控制字符\001\002\033[31m红\007在这里，零宽\342\200\213空格和\357\273\277字节序标记在中间。\n' \
	>"$T/chars.txt"
run characters 0 - "$T/chars.txt"
"$PAIBAN" parse "$T/chars.txt" >"$T/chars.json" 2>/dev/null
if grep -q '零宽空格和字节序标记在中间' "$T/chars.json" && grep -q '控制字符\[31m红在这里' "$T/chars.json" &&
	grep -q '𠮷野家' "$T/chars.json" && grep -q 'שלום' "$T/chars.json"; then
	ok "characters: U+200B, U+FEFF and C0 controls dropped; non-BMP and RTL text kept"
else
	fail "characters: text not as expected"
	cat "$T/chars.json"
fi

# ---- styles and fonts ----------------------------------------------------------------------
# shellcheck disable=SC2059 # the style text is the format: its \n are the newlines
style() { printf "$2" >"$T/$1.style"; }
style unknown-key '[page]\nsize = A4\nfoo = 1\n'
run style-unknown-key 1 "unknown-key.style:3:[0-9]+: error: unknown key 'foo' in section \[page\]" \
	"$S" --style "$T/unknown-key.style" -d "$T/style-unknown-key.out"
style negative '[body]\nsize = -5pt\n'
run style-negative-size 1 "negative.style:2:8: error: value '-5pt' out of range" "$S" --style "$T/negative.style" \
	-d "$T/style-negative-size.out"
style zero-page '[page]\nsize = 0mm 0mm\n'
run style-0mm-page 1 "zero-page.style:2:8: error: value '0mm' out of range: page width" "$S" \
	--style "$T/zero-page.style" -d "$T/style-0mm-page.out"
style ten-metres '[page]\nsize = 10m 10m\n'
run style-10m-page 1 "ten-metres.style:2:8: error: " "$S" --style "$T/ten-metres.style" -d "$T/style-10m-page.out"
style ten-metres-mm '[page]\nsize = 10000mm 10000mm\n'
run style-10000mm-page 1 "ten-metres-mm.style:2:8: error: value '10000mm' out of range" "$S" \
	--style "$T/ten-metres-mm.style" -d "$T/style-10000mm-page.out"
style wide-margins '[page]\nsize = A4\nmargin-left = 150mm\nmargin-right = 150mm\n'
run style-margins 1 "wide-margins.style(:[0-9]+:[0-9]+)?: error: margins leave no room for text" "$S" \
	--style "$T/wide-margins.style" -d "$T/style-margins.out"
style huge-size '[body]\nsize = 1e30pt\n'
run style-absurd-size 1 "huge-size.style:2:8: error: value '1e30pt' out of range" "$S" --style "$T/huge-size.style" \
	-d "$T/style-absurd-size.out"
style no-font '[fonts]\nbody = No Such Family Xyz\n'
run font-missing 3 "no-font.style:2:8: note: the body role names 'No Such Family Xyz' here" "$S" \
	--style "$T/no-font.style" -d "$T/font-missing.out"
grep -q "font family 'No Such Family Xyz' is not installed" "$T/font-missing.err" \
	&& ok "font-missing: names the family" || fail "font-missing: no 'not installed' message"

# ---- output --------------------------------------------------------------------------------
cp "$S" "$T/in.txt"
mkdir -p "$T/readonly"
chmod 555 "$T/readonly"
if [ "$(id -u)" -eq 0 ]; then
	# root writes anywhere: run as nobody (setpriv, util-linux) when it can
	if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		sum0=$(cksum <"$T/in.txt")
		timeout 60 setpriv --reuid=65534 --regid=65534 --clear-groups "$PAIBAN" print "$T/in.txt" \
			-o "$T/readonly/x.pdf" 2>"$T/readonly.err"
		rc=$?
		if [ $rc -eq 4 ] && grep -q "cannot write $T/readonly/x.pdf: Permission denied" "$T/readonly.err" &&
			[ -z "$(ls -A "$T/readonly")" ] && [ "$(cksum <"$T/in.txt")" = "$sum0" ]; then
			ok "unwritable output directory (exit 4, as nobody)"
		else
			fail "unwritable output directory (exit $rc)"
			cat "$T/readonly.err"
		fi
	else
		echo "skip  unwritable output directory: running as root without setpriv"
	fi
else
	run unwritable-dir 4 "cannot write $T/readonly/x.pdf: Permission denied" "$T/in.txt" -o "$T/readonly/x.pdf"
	[ -z "$(ls -A "$T/readonly")" ] || fail "unwritable-dir: file left in the directory"
fi
chmod 755 "$T/readonly"
run output-is-input 2 "output $T/in.txt is the input file $T/in.txt; refusing to overwrite it" "$T/in.txt" -o "$T/in.txt"
ln -s in.txt "$T/link.pdf"
run output-links-to-input 2 "output $T/link.pdf is the input file $T/in.txt" "$T/in.txt" -o "$T/link.pdf"
if [ -w /dev/full ]; then
	run dev-full 4 "cannot write /dev/full: No space left on device" "$T/in.txt" -o /dev/full
	timeout 60 "$PAIBAN" print "$T/in.txt" -o - >/dev/full 2>"$T/stdout-full.err"
	rc=$?
	[ $rc -eq 4 ] && grep -q "cannot write standard output: No space left on device" "$T/stdout-full.err" \
		&& ok "stdout on a full disk (exit 4)" || { fail "stdout on a full disk (exit $rc)"; cat "$T/stdout-full.err"; }
fi
run missing-dir 4 "cannot write $T/nodir/x.pdf: No such file or directory" "$T/in.txt" -o "$T/nodir/x.pdf"

# ---- what paiban may touch (issue 5, section 4) ------------------------------------------
# Remote and outside images in HTML and Markdown: warnings, the article is printed, no
# socket is ever opened and no file outside the article's folder is opened.
mkdir -p "$T/net/art"
echo secret >"$T/net/secret.png"
printf '<html><head><meta charset="utf-8"><title>图片</title></head><body><article><p>%s</p>
<img src="http://127.0.0.1:9/a.png" alt="远程图片甲"><img src="https://example.com/b.jpg" alt="远程图片乙">
<img src="//example.com/c.png" alt="远程图片丙"><img src="../secret.png" alt="外面的图片">
<img src="/etc/passwd" alt="绝对路径"><p>%s</p></article></body></html>\n' "$para" "$para" >"$T/net/art/page.html"
printf -- '---\ntitle: 图片\n---\n\n%s\n\n![远程](http://127.0.0.1:9/a.png)\n\n![ftp](ftp://example.com/x.png)\n\n![file](file:///etc/passwd)\n\n![外面](../secret.png)\n\n![绝对](/etc/passwd)\n\n%s\n' \
	"$para" "$para" >"$T/net/art/page.md"
for f in page.html page.md; do
	run "images-$f" 0 "page\.[a-z]+(:[0-9]+:[0-9]+)?: warning: (skipped remote|refused) image" "$T/net/art/$f"
	grep -q "refused image \.\./secret.png\|refused image /etc/passwd" "$T/images-$f.err" \
		&& ok "images-$f: outside paths refused" || fail "images-$f: no refusal of ../ or absolute paths"
done
if command -v strace >/dev/null && strace -f -qq -e trace=none true 2>/dev/null; then
	for f in page.html page.md; do
		strace -f -qq -e trace=socket,connect,openat,open -o "$T/strace-$f.log" \
			"$PAIBAN" print "$T/net/art/$f" -q -o "$T/strace-$f.pdf" 2>/dev/null
		if grep -Eq "(^|[^a-z_])(socket|connect)\(" "$T/strace-$f.log"; then
			fail "network: $f opened a socket"
			grep -E "socket|connect" "$T/strace-$f.log" | head -5
		else
			ok "network: no socket() or connect() printing $f (strace)"
		fi
		if grep -Eq "secret\.png|/etc/passwd" "$T/strace-$f.log"; then
			fail "files: $f opened a file outside its folder"
			grep -E "secret\.png|/etc/passwd" "$T/strace-$f.log" | head -5
		else
			ok "files: nothing outside the article's folder opened printing $f (strace)"
		fi
	done
else
	echo "skip  strace not available: the no-network check relies on the images test (no fetch code exists)"
fi
if command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
	unshare -n "$PAIBAN" print "$T/net/art/page.md" -q -o "$T/unshare.pdf" 2>"$T/unshare.err" \
		&& [ -s "$T/unshare.pdf" ] && ok "network: prints in a namespace without network (unshare -n)" \
		|| fail "network: failed without network"
fi

# ---- round 2 (issue 12): one file per area (tests/patho/round2-AREA.sh), sharing run(), ok(),
# fail(), $T, $S and $para; each file may define its own runners for other commands
for f in tests/patho/round2-*.sh; do
	[ -f "$f" ] && . "$f"
done

echo "patho: $pass ok, $fails failed"
exit $fails
