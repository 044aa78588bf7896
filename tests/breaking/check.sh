#!/bin/sh
# check.sh: how display lines and Western words break (typography review D5, D11; words.h),
# read from --dump-layout:
#   titles and subheads break between words (ICU's segmentation): 我国科学家在量子计算 /
#   领域取得重大突破, not 量子计 / 算; a subhead has no 1-2 character last line when a better
#   break exists, and prefers the break after its colon: 一、“光储充”一体化： / 从用电大户到发电单元
#   (not …到发电 / 单元); …形成推进 / 的共识 (not …推进的 / 共识)
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
for f in "$T"/*.err; do [ -s "$f" ] && fail "stderr: $f: $(cat "$f")"; done

echo "breaking: $fails failure(s)"
[ "$fails" -eq 0 ]
