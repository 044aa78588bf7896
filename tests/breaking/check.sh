#!/bin/sh
# check.sh: how display lines and Western words break (typography review D5, D11; words.h),
# read from --dump-layout:
#   titles and subheads break between words (ICU's segmentation): 我国科学家在量子计算 /
#   领域取得重大突破, not 量子计 / 算; a subhead has no 1-2 character last line when a better
#   break exists, and prefers the break after its colon: 一、“光储充”一体化： / 从用电大户到发电单元
#   (not …到发电 / 单元); …形成推进 / 的共识 (not …推进的 / 共识)
#   D11: a long Latin word in a justified body line is hyphenated (libhyphen, en-US patterns)
#   rather than letter-spacing the line: …新特性，tomb- / keeper提出了…; the hyphen is drawn but
#   is no text (pdftotext gives tomb / keeper, no '-'); never in a code span, a URL or a title
set -u
: "${PAIBAN:?set PAIBAN to the paiban binary}"
T=build/test-out/breaking
rm -rf "$T"
mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# lines of class $2 in dump $1, joined with /
lines() { grep "^$2 " "$1" | sed 's/^[^|]*|//; s/|$//' | tr '\n' '/'; }

printf '# 我国科学家在量子计算领域取得重大突破\n\n正文。\n' >"$T/title.md"
"$PAIBAN" print "$T/title.md" --style ereader-6in -o "$T/title.pdf" --dump-layout "$T/title.txt" 2>"$T/title.err" ||
	fail "title: exit $?"
got=$(lines "$T/title.txt" title)
[ "$got" = "我国科学家在量子计算/领域取得重大突破/" ] || fail "title breaks inside a word: $got"

cat >"$T/heads.md" <<'MD'
# 标题

## 一、“光储充”一体化：从用电大户到发电单元

正文一段。正文一段。正文一段。正文一段。正文一段。正文一段。

## 湖北各地开展社会工作主题宣传活动形成推进的共识

正文。
MD
"$PAIBAN" print "$T/heads.md" --style a4-two-column -o "$T/h2.pdf" --dump-layout "$T/h2.txt" 2>"$T/h2.err" ||
	fail "a4-two-column: exit $?"
got=$(lines "$T/h2.txt" heading)
case "$got" in
"一、“光储充”一体化：/从用电大户到发电单元/"*) ;;
*) fail "a4-two-column: subhead not broken after its colon: $got" ;;
esac
"$PAIBAN" print "$T/heads.md" --style ereader-6in -o "$T/he.pdf" --dump-layout "$T/he.txt" 2>"$T/he.err" ||
	fail "ereader-6in: exit $?"
got=$(lines "$T/he.txt" heading)
case "$got" in
*"/湖北各地开展社会工作主题宣传活动形成推进/的共识/") ;;
*) fail "ereader-6in: subhead with a runt or a break inside a word: $got" ;;
esac
cat >"$T/hyph.md" <<'MD'
# 长单词的断字

正是由于脚本引擎的种种新特性，tombkeeper提出了新的攻击思路，研究人员在多个平台上验证了这一方法的有效性和普遍性，并把结果写成了报告。
MD
"$PAIBAN" print "$T/hyph.md" --style ereader-6in -o "$T/hyph.pdf" --dump-layout "$T/hyph.txt" 2>"$T/hyph.err" ||
	fail "hyph: exit $?"
got=$(lines "$T/hyph.txt" body)
case "$got" in
"正是由于脚本引擎的种种新特性，tomb-/keeper提出了新的攻击思路，"*) ;;
*) fail "hyph: tombkeeper not hyphenated: $got" ;;
esac
if command -v pdftotext >/dev/null; then
	pdftotext "$T/hyph.pdf" - | grep -q "^正是由于脚本引擎的种种新特性，tomb$" || fail "hyph: pdftotext: $(pdftotext "$T/hyph.pdf" - | head -3)"
	pdftotext "$T/hyph.pdf" - | grep -q -- "-" && fail "hyph: the hyphen is in the extracted text"
fi
# code, URLs and titles are never hyphenated
cat >"$T/nohyph.md" <<'MD'
# 关于tombkeeperandfriends的研究报告和documentation的说明

正是由于脚本引擎的种种新特性，`tombkeeper`提出了新的攻击思路，研究人员在多个平台上验证了这一方法的有效性和普遍性。

正是由于脚本引擎的种种新特性，https://tombkeeper.example.com/documentation 提出了新的攻击思路，研究人员在多个平台上验证。
MD
"$PAIBAN" print "$T/nohyph.md" --style ereader-6in -o "$T/nohyph.pdf" --dump-layout "$T/nohyph.txt" 2>"$T/nohyph.err" ||
	fail "nohyph: exit $?"
grep -q -- '-|$' "$T/nohyph.txt" && fail "nohyph: hyphenated: $(grep -- '-|$' "$T/nohyph.txt")"
for f in "$T"/*.err; do [ -s "$f" ] && fail "stderr: $f: $(cat "$f")"; done

echo "breaking: $fails failure(s)"
[ "$fails" -eq 0 ]
