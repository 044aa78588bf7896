#!/bin/sh
# check.sh: `paiban digest` on the sample manifest (12 articles, 3 sections, an editor's note):
# contents numbers against page labels, links and outline targets, running heads, folios,
# each article's text against `paiban print` alone (check.py); pdffonts; -j 1 == -j 4 (also
# with a role's faces loaded by a later article, in threads); the
# command-line form; and the error cases with their messages, exit codes and no output.
set -u
: "${PAIBAN:?set PAIBAN to the paiban binary}"
T=build/test-out/digest
rm -rf "$T"
mkdir -p "$T/alone"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
M=samples/digest.yaml

"$PAIBAN" digest "$M" -o "$T/d1.pdf" -j 1 2>"$T/d1.err" || fail "digest -j 1 exited $?"
[ -s "$T/d1.err" ] && { cat "$T/d1.err"; fail "digest wrote to stderr"; }
"$PAIBAN" digest "$M" -o "$T/d4.pdf" -j 4 2>"$T/d4.err" || fail "digest -j 4 exited $?"
cmp -s "$T/d1.pdf" "$T/d4.pdf" || fail "-j 1 and -j 4 digests differ"
qpdf --check "$T/d1.pdf" >"$T/qpdf.txt" 2>&1 || { tail -3 "$T/qpdf.txt"; fail "qpdf --check"; }

# a role's faces (kai, mono, strong) are loaded by the job whose article first needs them, in
# whichever thread gets there first, so font ids follow the threads' timing (the PDF numbers
# its fonts by first use): a digest whose code is in its second article and whose quote, Kai
# subhead (heading-4), code and table are in its last gives the same bytes for -j 1, 2 and 4,
# and carries the Kai and mono faces (pdffonts), which the digest of the others does not
L=$T/lazy
mkdir -p "$L"
cp samples/hubei-2022-04-06-wushe-liandong.txt "$L/a1.txt"
cp samples/digest/2022-04-07-shequ-yanglao.md "$L/a2.md"
printf '\n站点的报表用下面的命令生成：\n\n```\nreport --site HB-0421 --month 2022-03\n```\n' >>"$L/a2.md"
cp samples/digest/2022-04-03-liushou-ertong.txt "$L/a3.txt"
cp samples/digest/2022-04-08-kaoshi-fudao.md "$L/a5.md"
cat >"$L/a4.md" <<'MD'
---
title: 社工站建设的几点体会
published: 2022-04-08 09:00
source: 湖北日报
---

# 社工站建设的几点体会

乡镇社工站是打通为民服务“最后一米”的重要平台，**关键在人才**。

> 社会工作者要扎根基层，把专业服务送到群众身边。——一位站长的心得

#### 附：服务记录格式

记录按 `站点编号-日期` 命名，例如：

```
HB-0421-20220408
服务对象：留守老人 12 名
```

| 站点 | 社工人数 | 服务人次 |
| --- | --- | --- |
| 江汉 | 6 | 1200 |
| 硚口 | 4 | 860 |
MD
printf 'title: 周报\nissue: 3\ndate: 2022-04-08\narticles: [a1.txt, a2.md, a3.txt, a4.md, a5.md]\n' >"$L/week.yaml"
printf 'title: 周报\nissue: 3\ndate: 2022-04-08\narticles: [a1.txt, a3.txt, a5.md]\n' >"$L/plain.yaml"
for j in 1 2 4; do
	"$PAIBAN" digest "$L/week.yaml" -o "$L/d$j.pdf" -j $j 2>"$L/d$j.err" || fail "lazy faces: digest -j $j exited $?"
done
[ -s "$L/d1.err" ] && { cat "$L/d1.err"; fail "lazy faces: digest wrote to stderr"; }
cmp -s "$L/d1.pdf" "$L/d2.pdf" || fail "lazy faces: -j 1 and -j 2 digests differ"
cmp -s "$L/d1.pdf" "$L/d4.pdf" || fail "lazy faces: -j 1 and -j 4 digests differ"
"$PAIBAN" digest "$L/plain.yaml" -o "$L/plain.pdf" -j 4 2>/dev/null || fail "lazy faces: plain digest exited $?"
if fc-list | grep -q 'AR PL UKai CN' && fc-list | grep -q 'Noto Sans Mono CJK SC'; then
	pdffonts "$L/d1.pdf" >"$L/d1.fonts" 2>&1
	pdffonts "$L/plain.pdf" >"$L/plain.fonts" 2>&1
	grep -q 'UKai' "$L/d1.fonts" && grep -q 'NotoSansMonoCJK' "$L/d1.fonts" ||
		{ cat "$L/d1.fonts"; fail "lazy faces: the Kai or mono face is not in the digest"; }
	grep -q 'UKai\|NotoSansMonoCJK' "$L/plain.fonts" && { cat "$L/plain.fonts"; fail "lazy faces: a Kai or mono face in a digest without quote or code"; }
else
	echo "note: AR PL UKai CN or Noto Sans Mono CJK SC not installed (make deps): lazy faces' pdffonts check skipped"
fi


# each article alone (the manifest's order; the 襄阳 entry's title is overridden)
printf '编者按\tnote\n' >"$T/alone/order.txt"
"$PAIBAN" print samples/digest/editors-note.md -o "$T/alone/note.pdf" 2>/dev/null
pdftotext -enc UTF-8 "$T/alone/note.pdf" "$T/alone/note.txt"
i=0
for f in hubei-2022-04-06-wushe-liandong.txt digest/2022-04-01-quansheng-huiyi.html \
	digest/2022-04-08-shegongzhan-zhiyin.txt digest/2022-04-02-fangxun-yanlian.md \
	digest/2022-04-07-shequ-yanglao.md digest/2022-04-03-liushou-ertong.txt \
	digest/2022-04-05-qingming-zhiyuan.html digest/2022-04-06-shehui-jiuzhu.md \
	digest/2022-04-04-zhanzhang-peixun.txt digest/2022-04-06-dudao-rencai.html \
	digest/2022-04-08-kaoshi-fudao.md digest/2022-04-07-gaoxiao-shijian.txt; do
	i=$((i + 1))
	title=$("$PAIBAN" parse "samples/$f" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["title"])')
	src=samples/$f
	case $f in *jiuzhu*)
		title='襄阳：社会救助从“送物资”到“送服务”'
		sed "s/^title: .*/title: $title/; s/^# .*/# $title/" "samples/$f" >"$T/alone/jiuzhu.md"
		src=$T/alone/jiuzhu.md ;;
	esac
	printf '%s\ta%d\n' "$title" "$i" >>"$T/alone/order.txt"
	"$PAIBAN" print "$src" -o "$T/alone/a$i.pdf" 2>/dev/null || fail "print $f"
	pdftotext -enc UTF-8 "$T/alone/a$i.pdf" "$T/alone/a$i.txt"
done
python3 tests/digest/check.py "$T/d1.pdf" 社会工作周报 第12期 "$T/alone" || fail "digest facts (check.py)"

# the cover and the closing block
pdftotext -f 1 -l 1 -enc UTF-8 "$T/d1.pdf" "$T/cover.txt"
for w in 社会工作周报 第12期 总第112期 湖北省社会工作联合会 2022年4月8日 本期要目 要闻 基层动态 队伍建设; do
	grep -q "$w" "$T/cover.txt" || fail "cover lacks $w"
done
pdftotext -enc UTF-8 "$T/d1.pdf" "$T/all.txt"
for w in '报送：省民政厅。' '抄送：各市州社会工作协会。' '主编：叶景丽　本期责编：李四　签发：王五' '（共印200份）' '2022年4月8日印发'; do
	grep -qF "$w" "$T/all.txt" || fail "closing block lacks $w"
done
pdfinfo "$T/d1.pdf" >"$T/info.txt"
grep -q '^Title: *社会工作周报 第12期$' "$T/info.txt" || fail "PDF Title"
grep -q '^Author: *湖北省社会工作联合会$' "$T/info.txt" || fail "PDF Author"
grep -q '^Keywords: .*五社联动' "$T/info.txt" || fail "PDF Keywords lack 五社联动"
# every face once, embedded and subset
pdffonts "$T/d1.pdf" | tail -n +3 >"$T/fonts.txt"
[ "$(awk '{print $1}' "$T/fonts.txt" | sed 's/^[A-Z]*+//' | sort | uniq -d)" = "" ] || { cat "$T/fonts.txt"; fail "a face is embedded twice"; }
grep -v ' yes yes yes ' "$T/fonts.txt" && fail "a font not embedded/subset/ToUnicode"

# the command-line form: files in order, --title/--issue/--date; style odd: blank versos
"$PAIBAN" digest samples/hubei-2022-04-06-wushe-liandong.txt samples/digest/2022-04-07-shequ-yanglao.md \
	--title 测试周报 --issue 3 --date 2022-04-08 -o "$T/cli.pdf" 2>"$T/cli.err" || fail "cli digest exited $?"
pdftotext -f 1 -l 1 "$T/cli.pdf" - | grep -q '测试周报' || fail "cli digest title"
pdftotext -f 1 -l 1 "$T/cli.pdf" - | grep -q '第3期' || fail "cli digest issue"
printf '[digest]\nstart = odd\nfolio = page\nmasthead-color = red\n' >"$T/odd.style"
"$PAIBAN" digest "$M" --style "$T/odd.style" -o "$T/odd.pdf" 2>"$T/odd.err" || fail "odd digest exited $?"
# with odd starts every article's title page has an odd label
python3 - "$T/odd.pdf" <<'EOF' || fail "odd start: an article opens on an even page"
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json=2", sys.argv[1]], capture_output=True, check=True).stdout)
bad = []
for p in j["pages"]:
    lab = p["label"]
    for o in p["outlines"]:
        if lab["/S"] == "/D" and o["title"] != "目录" and lab["/St"] % 2 == 0 and o["dest"][2] > 700:
            bad.append((o["title"], lab["/St"]))
print(bad) if bad else None
sys.exit(1 if bad else 0)
EOF
pdftotext "$T/odd.pdf" - | grep -q '^第 3 页$' || fail "folio = page not printed as 第 3 页"

# start = continue: articles run on below the one before; the same facts hold (contents numbers,
# links, outline, running heads where no article opens at the top, each article's text)
printf '[digest]\nstart = continue\n' >"$T/cont.style"
"$PAIBAN" digest "$M" --style "$T/cont.style" -o "$T/cont.pdf" 2>"$T/cont.err" || fail "continue digest exited $?"
python3 tests/digest/check.py "$T/cont.pdf" 社会工作周报 第12期 "$T/alone" continue || fail "continue digest facts (check.py)"
np=$(pdfinfo "$T/d1.pdf" | sed -n 's/^Pages: *//p')
nc=$(pdfinfo "$T/cont.pdf" | sed -n 's/^Pages: *//p')
[ "$nc" -lt "$np" ] || fail "continue: $nc pages, not fewer than $np with a page per article"
# two titles on one page: some article starts below another's end
pdftotext -enc UTF-8 "$T/cont.pdf" - | python3 -c '
import sys
pages = sys.stdin.read().split("\f")
shared = [i + 1 for i, p in enumerate(pages) if "来源：" in p and p.count("来源：") >= 2]
sys.exit(0 if shared else 1)' || fail "continue: no page holds two articles"
"$PAIBAN" digest "$M" --style "$T/cont.style" -o "$T/cont4.pdf" -j 4 2>/dev/null
cmp -s "$T/cont.pdf" "$T/cont4.pdf" || fail "continue: -j 1 and -j 4 differ"
# running-head-odd = section: odd pages name the section
printf '[digest]\nrunning-head-odd = section\n' >"$T/sec.style"
"$PAIBAN" digest "$M" --style "$T/sec.style" -o "$T/sec.pdf" 2>"$T/sec.err" || fail "section heads exited $?"
python3 tests/digest/check.py "$T/sec.pdf" 社会工作周报 第12期 "$T/alone" page section || fail "section heads (check.py)"
[ "$(pdftotext -enc UTF-8 "$T/sec.pdf" - | grep -cx '基层动态')" -gt 1 ] || fail "section heads: 基层动态 only above its first article"
# the jianbao preset: red masthead (E60012 = 0.902 0 0.071) and red rules, articles running on
"$PAIBAN" digest "$M" --style jianbao -o "$T/jb.pdf" 2>"$T/jb.err" || fail "jianbao digest exited $?"
[ -s "$T/jb.err" ] && { cat "$T/jb.err"; fail "jianbao digest wrote to stderr"; }
python3 tests/digest/check.py "$T/jb.pdf" 社会工作周报 第12期 "$T/alone" continue none || fail "jianbao digest facts (check.py)"
qpdf --qdf --object-streams=disable "$T/jb.pdf" "$T/jb.qdf" 2>/dev/null
grep -aq '^0\.902 0 0\.071 rg' "$T/jb.qdf" || grep -aq '0\.902 0 0\.071 rg' "$T/jb.qdf" || fail "jianbao: no red fill (E60012)"
grep -aq '0\.902 0 0\.071 RG' "$T/jb.qdf" || fail "jianbao: no red rule (E60012)"

# errors: message, exit code, and no output
err_case() { # name want_rc want_msg args...
	name=$1 want=$2 msg=$3
	shift 3
	rm -f "$T/e.pdf"
	"$PAIBAN" digest "$@" -o "$T/e.pdf" >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
	[ "$rc" = "$want" ] || fail "$name: exit $rc, want $want"
	grep -qF -- "$msg" "$T/$name.err" || { cat "$T/$name.err"; fail "$name: message lacks '$msg'"; }
	[ -e "$T/e.pdf" ] && fail "$name: output written"
	ls "$T" | grep -q '\.tmp' && fail "$name: temporary file left"
}
E=$T/err
mkdir -p "$E/sub"
cp samples/hubei-2022-04-06-wushe-liandong.txt "$E/a.txt"
cp samples/digest/2022-04-07-shequ-yanglao.md "$E/b.md"
printf 'title: 周报\narticles: [a.txt, missing.txt]\n' >"$E/missing.yaml"
err_case missing 4 'missing.yaml:2:19: error: missing.txt' "$E/missing.yaml"
printf 'title: 周报\narticles: [a.txt\n' >"$E/notyaml.yaml"
err_case notyaml 1 'notyaml.yaml:' "$E/notyaml.yaml"
printf 'title: 周报\nx: &a [a.txt, a.txt]\narticles: *a\n' >"$E/alias.yaml"
err_case alias 1 'aliases and anchors are not allowed' "$E/alias.yaml"
printf 'title: 周报\nedition: 3\narticles: [a.txt]\n' >"$E/unknown.yaml"
err_case unknown 1 "unknown.yaml:2:1: error: unknown key 'edition'" "$E/unknown.yaml"
printf 'title: 周报\nsections:\n  - title: 要闻\n    articles: []\n' >"$E/empty.yaml"
err_case empty 1 'section 要闻 has no articles' "$E/empty.yaml"
printf 'title: 周报\narticles: [a.txt, b.md, ./a.txt]\n' >"$E/dup.yaml"
err_case dup 1 'dup.yaml:2:25: error: build/test-out/digest/err/./a.txt: the same file is already in the digest' "$E/dup.yaml"
cp "$E/a.txt" "$E/copy.txt"
printf 'title: 周报\narticles: [a.txt, copy.txt]\n' >"$E/duptext.yaml"
err_case duptext 1 'the same article (title and text)' "$E/duptext.yaml"
printf 'title: 周报\narticles: [../a.txt]\n' >"$E/sub/escape.yaml"
err_case escape 1 'escape.yaml:2:12: error: ../a.txt: resolves outside' "$E/sub/escape.yaml"
printf '\n\n\n' >"$E/blank.txt"
printf 'title: 周报\narticles: [a.txt, blank.txt]\n' >"$E/notart.yaml"
err_case notart 1 'no digest written' "$E/notart.yaml"
grep -q 'notart.yaml:2:19: note:' "$T/notart.err" || fail "notart: no note at the manifest position"
{ printf 'title: 周报\narticles:\n'; i=0; while [ $i -lt 5000 ]; do echo "  - a$i.txt"; i=$((i + 1)); done; } >"$E/big.yaml"
err_case big 1 'more than 1000 articles' "$E/big.yaml"
err_case notitle 2 'a digest needs a title' "$E/a.txt"
err_case baddate 2 "--date '2022-13-01'" "$E/a.txt" --title T --date 2022-13-01
cp "$E/a.txt" "$E/out.pdf"
"$PAIBAN" digest "$E/a.txt" --title T -o "$E/a.txt" 2>"$T/self.err"; rc=$?
[ "$rc" = 2 ] || fail "output = input: exit $rc"
cmp -s "$E/a.txt" samples/hubei-2022-04-06-wushe-liandong.txt || fail "output = input: input changed"
# --keep-going: the bad article left out, the digest written, exit 1
"$PAIBAN" digest "$E/notart.yaml" --keep-going -o "$T/kg.pdf" 2>"$T/kg.err"; rc=$?
[ "$rc" = 1 ] || fail "--keep-going: exit $rc, want 1"
[ -s "$T/kg.pdf" ] || fail "--keep-going: no digest"
grep -q 'left out of the digest' "$T/kg.err" || fail "--keep-going: not said"

[ "$fails" -eq 0 ] && echo "digest: all checks passed"
[ "$fails" -eq 0 ]
