#!/bin/sh
# check.sh: images end to end, through a Markdown article (tests/images/article/article.md)
# with a local PNG (8-bit RGB), a progressive JPEG, a 16-bit interlaced RGBA PNG, a remote
# image and one outside the article's folder (../palette-trns.png):
#   - pdfimages -list: the local images at their pixel sizes (JPEG kept as DCT, the RGBA PNG
#     with a soft mask); the outside one only with --allow-path; a file drawn twice is one
#     XObject;
#   - pdftotext: every caption, also those of skipped images;
#   - stderr: the remote image skipped (never fetched), the outside one refused, naming them;
#   - absolute paths and symbolic links leading out of the folder refused, allowed with
#     --allow-path; a missing file warned about;
#   - image and caption on one page, never below the bottom margin, moved to the next page
#     when they do not fit (--dump-layout over 40 article lengths);
#   - figures float (typography review D3): a large image that does not fit at the bottom of
#     page 1 goes to the top of page 2 with its caption while the text after it fills page 1;
#     one that fits stays in place; two such figures keep their order and float only once;
#     in a4-two-column it goes to the top of the next column; over 30 article lengths captions
#     stay with their images, the text keeps its order, a figure floats one page at most and
#     the trailer comes after the figures;
#   - qpdf --check, mutool draw and pdftoppm clean.
# Usage (from the repository root): PAIBAN=build/paiban sh tests/images/check.sh
PAIBAN=${PAIBAN:-build/paiban}
if [ ! -x "$PAIBAN" ]; then
	echo "check.sh: PAIBAN=$PAIBAN is not an executable" >&2
	exit 1
fi
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1649226622}
T=$(mktemp -d "${TMPDIR:-/tmp}/paiban-images.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fails=0
fail() { echo "FAIL  $*"; fails=$((fails + 1)); }
ok() { echo "ok    $*"; }
src=tests/images/article/article.md
here=$(pwd)

# 1. default: remote skipped, outside refused
"$PAIBAN" print "$src" -o "$T/a.pdf" 2>"$T/a.err"
rc=$?
[ $rc -eq 0 ] || fail "print exited $rc"; cat "$T/a.err"
grep -q "^$src:[0-9]*:[0-9]*: warning: skipped remote image https://example.com/remote.jpg (paiban never fetches)" "$T/a.err" \
	&& ok "remote image skipped with a warning" || fail "no warning for the remote image"
grep -q "^$src:[0-9]*:[0-9]*: warning: refused image ../palette-trns.png: path resolves outside" "$T/a.err" \
	&& ok "../ image refused" || fail "no refusal for ../palette-trns.png"
pdfimages -list "$T/a.pdf" | awk 'NR > 2 {print $3, $4, $5, $9}' >"$T/a.list"
printf '%s\n' "image 240 160 image" "image 200 150 jpeg" "image 96 64 image" "smask 96 64 image" >"$T/a.want"
diff -u "$T/a.want" "$T/a.list" && ok "pdfimages: PNG 240x160, JPEG 200x150, RGBA PNG 96x64 + soft mask" \
	|| fail "pdfimages list differs (- expected, + actual)"
pdftotext -layout "$T/a.pdf" - | tr -d ' ' >"$T/a.txt"
for cap in 社区花园全景（本报记者张三摄） 孩子们在绘画（JPEG，渐进式） 活动标识（PNG，16位，隔行扫描，带透明通道）; do
	grep -q "$cap" "$T/a.txt" || fail "caption '$cap' not in pdftotext"
done
ok "captions in pdftotext"
# the captions of the remote and the refused image are left out with them (review D9)
for cap in 远程图片不应被下载 目录外的图片; do
	grep -q "$cap" "$T/a.txt" && fail "caption '$cap' printed without its image"
done
ok "no caption without its image"

check_pdf() {
	out=$(qpdf --check "$1" 2>&1) || { fail "qpdf --check $1"; echo "$out" | tail -3; }
	mutool draw -q -N -o "$T/m%d.png" -r 30 "$1" >"$T/mutool.out" 2>&1
	[ -s "$T/mutool.out" ] && { fail "mutool draw printed on $1"; head "$T/mutool.out"; }
	pdftoppm -r 30 -png "$1" "$T/p" 2>"$T/ppm.err"
	[ -s "$T/ppm.err" ] && { fail "pdftoppm printed on $1"; head "$T/ppm.err"; }
	return 0
}
check_pdf "$T/a.pdf"

# 2. --allow-path: the outside image is printed
"$PAIBAN" print "$src" -o "$T/b.pdf" --allow-path tests/images 2>"$T/b.err" || fail "print --allow-path"
grep -q "refused" "$T/b.err" && fail "refused although --allow-path was given"
pdfimages -list "$T/b.pdf" | awk 'NR > 2 {print $3, $4, $5}' | grep -q "image 48 32" \
	&& ok "--allow-path prints ../palette-trns.png" || fail "palette image missing with --allow-path"
check_pdf "$T/b.pdf"

# 3. absolute paths, symbolic links, missing files, one XObject per file
mkdir -p "$T/art" "$T/elsewhere"
cp tests/images/article/photo-rgb.png "$T/art/"
cp tests/images/palette-trns.png "$T/elsewhere/"
ln -s "$T/elsewhere/palette-trns.png" "$T/art/link.png"
ln -s photo-rgb.png "$T/art/inside-link.png"
cat >"$T/art/a.md" <<EOT
---
title: 路径测试
---

正文。

![绝对路径](${here}/tests/images/palette-trns.png)

![出界的链接](link.png)

![界内的链接](inside-link.png)

![同一个文件](photo-rgb.png)

![不存在](nothere.png)
EOT
"$PAIBAN" print "$T/art/a.md" -o "$T/c.pdf" 2>"$T/c.err" || fail "print path test"
grep -q "refused image ${here}/tests/images/palette-trns.png: absolute path" "$T/c.err" \
	&& ok "absolute path refused" || { fail "absolute path not refused"; cat "$T/c.err"; }
grep -q "refused image link.png: path resolves outside" "$T/c.err" \
	&& ok "symbolic link out of the folder refused" || { fail "symlink not refused"; cat "$T/c.err"; }
grep -q "warning: image nothere.png not found" "$T/c.err" \
	&& ok "missing image warned" || fail "no warning for the missing image"
grep -q "inside-link" "$T/c.err" && fail "symlink inside the folder refused"
n=$(pdfimages -list "$T/c.pdf" | awk 'NR > 2 {print $11}' | sort -u | wc -l)
rows=$(pdfimages -list "$T/c.pdf" | awk 'NR > 2' | wc -l)
[ "$rows" -eq 2 ] && [ "$n" -eq 1 ] && ok "a file drawn twice is one image object" \
	|| fail "expected 2 draws of one object, got $rows rows, $n objects"
"$PAIBAN" print "$T/art/a.md" -o "$T/d.pdf" -q --allow-path tests/images --allow-path "$T/elsewhere" 2>"$T/d.err" \
	|| fail "print with two --allow-path"
rows=$(pdfimages -list "$T/d.pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
[ "$rows" -eq 4 ] && ok "--allow-path (twice) admits the absolute path and the link" \
	|| fail "expected 4 images with --allow-path, got $rows"
"$PAIBAN" print "$T/art/a.md" -o "$T/e.pdf" --allow-path "$T/none" 2>"$T/e.err"
[ $? -eq 2 ] && ok "--allow-path of a missing folder is a usage error" || fail "--allow-path missing folder"
check_pdf "$T/d.pdf"

# 4. pagination: image + caption kept together, inside the type area, moved when too low
moved=0
n=0
while [ $n -lt 40 ]; do
	{
		printf -- '---\ntitle: 分页测试\n---\n\n'
		i=0
		while [ $i -lt $n ]; do
			printf '这是第%d段文字，用来把图片推到页面的不同位置，检验图片和图注是否始终在一起。\n\n' $i
			i=$((i + 1))
		done
		printf '![图注紧跟图片](photo.png)\n\n最后一段。\n'
	} >"$T/art/p.md"
	cp tests/images/article/photo-rgb.png "$T/art/photo.png"
	"$PAIBAN" print "$T/art/p.md" -o "$T/p.pdf" -q --dump-layout "$T/p.dump" || { fail "pagination print n=$n"; break; }
	r=$(awk '
		/^page / { page = $2; first = 1; next }
		/^image / { ipage = page; iy = $3; ifirst = first }
		/^meta / && ipage { if (page != ipage) bad = 1; ipage = 0 }
		!/^#/ && !/^page / { first = 0 }
		END { if (iy + 0 < 70.86) bad = 1; print (bad ? "bad" : "ok"), (ifirst ? "moved" : "") }' "$T/p.dump")
	case $r in
	bad*) fail "n=$n: image and caption split or below the margin"; cat "$T/p.dump"; break ;;
	*moved) moved=$((moved + 1)) ;;
	esac
	n=$((n + 1))
done
[ $moved -ge 1 ] && ok "image kept with its caption over 40 lengths, moved to a new page $moved times" \
	|| fail "the image never moved to a new page"

# 5. figures float (D3). big.png: 600 x 800 px (generated), 288 x 384 pt at 150 dpi
python3 - "$T/art/big.png" <<'EOP' || fail "could not write big.png"
import struct, sys, zlib
w, h = 600, 800
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
raw = b''.join(b'\0' + bytes(v for x in range(w) for v in (x * 255 // w, y * 255 // h, 128)) for y in range(h))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
EOP
cp "$T/art/big.png" "$T/art/big2.png"
# float_md BEFORE AFTER [FIGURES]: BEFORE paragraphs, the figures (default: big.png), AFTER paragraphs
float_md() {
	printf -- '---\ntitle: 浮动测试\n---\n\n'
	i=1
	while [ $i -le "$1" ]; do
		printf '这是第%d段文字，用来把图片推到页面的下方，检验图片放不下的时候后面的文字是否接着排在本页。\n\n' $i
		i=$((i + 1))
	done
	for f in ${3:-big.png}; do
		printf '![图注%s](%s)\n\n' "$f" "$f"
	done
	while [ $i -le $(($1 + $2)) ]; do
		printf '图后第%d段，接着填满本页。\n\n' $i
		i=$((i + 1))
	done
}
# rows DUMP: one row per placed line: page class col y first-text
rows() {
	awk '/^page / { p = $2; next } /^#/ || /^footer/ { next }
		{ t = $0; sub(/^[^|]*\|/, "", t); sub(/\|.*/, "", t); print p, $1, $2, $3, t }' "$1"
}
float_md 12 18 >"$T/art/f.md"
"$PAIBAN" print "$T/art/f.md" -o "$T/f.pdf" -q --dump-layout "$T/f.dump" || fail "print float test"
rows "$T/f.dump" >"$T/f.rows"
# page 1: no image, its text ends near the bottom margin (70.87 pt; body pitch 18.37 pt) and
# holds text written after the figure
r=$(awk '$1 == 1 && $2 == "image" { bad = "image on page 1" }
	$1 == 1 && $2 != "image" { low = $4 }
	$1 == 1 && $5 ~ /^图后第13段/ { after = 1 }
	END { if (!bad && low + 0 > 70.87 + 2 * 18.37) bad = "page 1 ends at " low;
	      if (!bad && !after) bad = "text after the figure not on page 1"; print bad ? bad : "ok" }' "$T/f.rows")
[ "$r" = ok ] && ok "float: the text after the figure fills page 1" || { fail "float: $r"; cat "$T/f.rows"; }
r=$(awk '$1 == 2 { n++; if (n == 1 && !($2 == "image" && $5 == "big.png")) bad = "first row of page 2: " $0
	if (n == 2 && !($2 == "meta" && $5 == "图注big.png")) bad = "second row of page 2: " $0 }
	END { print bad ? bad : "ok" }' "$T/f.rows")
[ "$r" = ok ] && ok "float: image then caption open page 2" || { fail "float: $r"; cat "$T/f.rows"; }
check_pdf "$T/f.pdf"

float_md 2 18 >"$T/art/g.md"
"$PAIBAN" print "$T/art/g.md" -o "$T/g.pdf" -q --dump-layout "$T/g.dump" || fail "print fitting figure"
rows "$T/g.dump" | awk '{ print $1, $2, $5 }' | grep -A2 -B1 '^1 image' >"$T/g.got"
printf '%s\n' "1 body 在本页。" "1 image big.png" "1 meta 图注big.png" \
	"1 body 图后第3段，接着填满本页。" >"$T/g.want"
diff -u "$T/g.want" "$T/g.got" && ok "a figure that fits stays in place" || fail "fitting figure moved (- expected, + actual)"

# two figures together after paragraph 12: both float, the text fills page 1; on page 2 the
# second does not fit below the first and does not float on (never two pages from where it is
# referred to): it opens page 3
float_md 12 40 "big.png big2.png" >"$T/art/h.md"
"$PAIBAN" print "$T/art/h.md" -o "$T/h.pdf" -q --dump-layout "$T/h.dump" || fail "print two figures"
r=$(rows "$T/h.dump" | awk '$2 == "image" { s = s " " $1 ":" $5 } $1 == 3 && !n3++ { s = s " " $2 } $1 == 1 { low = $4 } $1 == 2 { n2++ }
	END { print s, (low + 0 < 70.87 + 2 * 18.37 ? "full" : "ends at " low), n2 }')
[ "$r" = " 2:big.png 3:big2.png image full 2" ] && ok "two figures float in order, the second falls back to page 3" \
	|| { fail "two figures: got '$r'"; rows "$T/h.dump"; }

float_md 10 50 >"$T/art/t.md"
"$PAIBAN" print -s a4-two-column "$T/art/t.md" -o "$T/t.pdf" -q --dump-layout "$T/t.dump" || fail "print two-column float"
r=$(rows "$T/t.dump" | awk '$1 == 1 && $3 == "1" && $5 ~ /^图后第11段/ { after = 1 }
	$1 == 1 && $3 != "*" { if (prev == "1" && $3 == "2") { print $2, $5, (after ? "after" : "none"); exit } prev = $3 }')
[ "$r" = "image big.png after" ] && ok "two columns: the text after the figure fills column 1, the figure opens column 2" || { fail "two columns: column 2 opens with '$r'"; rows "$T/t.dump"; }

# floats over 2 x 15 article lengths: every caption with its image, the text in its order, the
# first figure at most one page after the paragraph before it, the trailer after the figures
for st in a4-article a4-two-column; do
	n=0
	while [ $n -le 56 ]; do
		{
			printf -- '---\ntitle: 扫描\nbyline:\n  - role: 记者\n    names: [张三]\neditor: 李编\n---\n\n'
			i=1
			while [ $i -le $((n + 30)) ]; do
				[ $i -eq $((n + 1)) ] && printf '![图一](big.png)\n\n'
				printf '第%d段文字，检验浮动。\n\n' $i
				i=$((i + 1))
			done
			printf '![图二](big2.png)\n\n最后一段。\n'
		} >"$T/art/s.md"
		"$PAIBAN" print -s $st "$T/art/s.md" -o "$T/s.pdf" -q --dump-layout "$T/s.dump" || { fail "print $st n=$n"; break; }
		r=$(rows "$T/s.dump" | awk -v N=$n '
			$2 == "image" { ip = $1; ic = $3; im = $5; if ($4 + 0 < 20) print "image below the margin"
				if (im == "big.png") { seen = 1; if (ref != "" && $1 - ref > 1) print "figure on page " $1 ", referred to on " ref } next }
			$2 == "meta" && $5 ~ /^图/ { if ($1 != ip || $3 != ic) print "caption apart from " im; next }
			$2 == "byline" || $2 == "meta" { if (!seen) print "trailer before the figure" }
			match($5, /^第[0-9]+段/) { k = substr($5, RSTART + 3, RLENGTH - 4) + 0
				if (k <= last) print "paragraph " k " after " last; last = k; if (k == N) ref = $1 }')
		[ -n "$r" ] && { fail "$st n=$n: $r"; break; }
		n=$((n + 4))
	done
done
ok "floats keep captions, text order, one page at most, the trailer last (2 styles x 15 lengths)"

echo "images: $fails failed"
[ $fails -eq 0 ]
