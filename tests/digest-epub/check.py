#!/usr/bin/env python3
"""check.py: exact facts about a digest EPUB (tests/digest-epub/check.sh).

Usage: check.py BOOK.epub ORDER [PDF]
ORDER lists the digest in order, one line each: `S<TAB>section title` for a titled section,
`A<TAB>title<TAB>model.json<TAB>alone.xhtml` for an article (the 编者按 first when there is
one): its title as the contents list it, its model (`paiban parse`, title override applied)
and the article's XHTML from `paiban epub` of the same article alone.

Checks: the container (mimetype first and stored, manifest = container, images referenced =
images held); the 目录 (nav) nests sections -> articles exactly as ORDER, with the 版记 last
when there is one; each article's text (tags stripped with xmllint) equals its text in the
book `paiban epub` writes of it alone, and holds the model's title, subtitle and block texts
in order; toc.ncx lists the same entries and states its depth; with PDF, the page-list gives
each article the number the PDF's contents prints for it (read inside each contents link)
and each section its first article's, and the OPF names the print edition as dc:source with
source-of pagination; without PDF there is no page-list.
"""
import json
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

book, order_file = sys.argv[1:3]
pdf = sys.argv[3] if len(sys.argv) > 3 else None
X = "{http://www.w3.org/1999/xhtml}"
O = "{http://www.idpf.org/2007/opf}"
D = "{http://purl.org/dc/elements/1.1/}"
N = "{http://www.daisy.org/z3986/2005/ncx/}"
E = "{http://www.idpf.org/2007/ops}"
fails = []


def fail(msg):
    fails.append(msg)
    print("FAIL:", msg)


def run(*args, data=None):
    return subprocess.run(args, check=True, capture_output=True, input=data).stdout.decode("utf-8")


def flat(s):
    return re.sub(r"\s+", "", s)


def body_text(xhtml):
    """The text of <body>, tags stripped by xmllint."""
    return run("xmllint", "--xpath", 'string(/*[local-name()="html"]/*[local-name()="body"])', "-",
               data=xhtml)


z = zipfile.ZipFile(book)
first = z.infolist()[0]
if first.filename != "mimetype" or first.compress_type != 0 or first.extra != b"":
    fail("mimetype is not the first entry, stored, without extra field")
opf = ET.fromstring(z.read("OEBPS/content.opf"))
held = sorted(["mimetype", "META-INF/container.xml", "OEBPS/content.opf"] +
              ["OEBPS/" + i.get("href") for i in opf.iter(O + "item")])
if held != sorted(z.namelist()):
    fail("manifest %r != container %r" % (held, sorted(z.namelist())))
refs = set()
for n in z.namelist():
    if n.endswith(".xhtml"):
        for i in ET.fromstring(z.read(n)).iter(X + "img"):
            refs.add("OEBPS/" + i.get("src"))
imgs = sorted(n for n in z.namelist() if n.startswith("OEBPS/images/"))
if sorted(refs) != imgs:
    fail("images referenced %r != images held %r" % (sorted(refs), imgs))

order = [l.rstrip("\n").split("\t") for l in open(order_file, encoding="utf-8") if l.strip()]
want = []   # [(section title, [article titles])]; None: an article outside any section
cur = None
for o in order:
    if o[0] == "S":
        cur = (o[1], [])
        want.append(cur)
    elif cur is not None:
        cur[1].append(o[1])
    else:
        want.append((None, [o[1]]))

nav = ET.fromstring(z.read("OEBPS/nav.xhtml"))
navs = {n.get(E + "type"): n for n in nav.iter(X + "nav")}
toc = navs["toc"]
got = []
hrefs = []  # article files in order
for li in toc.find(X + "ol").findall(X + "li"):
    a = li.find(X + "a")
    sub = li.find(X + "ol")
    if a.get("href").startswith("s") and sub is not None:
        arts = [l.find(X + "a") for l in sub.findall(X + "li")]
        got.append((a.text, [x.text for x in arts]))
        hrefs += [x.get("href") for x in arts]
    elif a.text == "版记":
        continue
    else:
        got.append((None, [a.text]))
        hrefs.append(a.get("href"))
if got != want:
    fail("目录 %r != the digest %r" % (got, want))
closing = "OEBPS/closing.xhtml" in z.namelist()
last = toc.find(X + "ol").findall(X + "li")[-1].find(X + "a").text
if closing and last != "版记":
    fail("the 目录 does not end with 版记")

arts = [o for o in order if o[0] == "A"]
for o, href in zip(arts, hrefs):
    title, model_file, alone = o[1], o[2], o[3]
    x = z.read("OEBPS/" + href)
    t = body_text(x)
    a = body_text(open(alone, "rb").read())
    if t != a:
        fail("%s: text differs from the article's book alone:\n  %r\n  %r" % (href, t, a))
    model = json.load(open(model_file, encoding="utf-8"))
    pieces = [model["title"]] + ([model["subtitle"]] if model.get("subtitle") else [])
    pieces += [k.get("text", k.get("caption", "")) for k in model["blocks"]]
    ft, pos = flat(t), 0
    for p in map(flat, pieces):
        i = ft.find(p, pos)
        if i < 0:
            fail("%s: the model's %r is missing or out of order" % (href, p[:30]))
            break
        pos = i + len(p)

ncx = ET.fromstring(z.read("OEBPS/toc.ncx"))
points = [p.find(N + "navLabel").find(N + "text").text for p in ncx.iter(N + "navPoint")]
nav_all = [a.text for a in toc.iter(X + "a")]
if points != nav_all:
    fail("toc.ncx entries %r != nav %r" % (points, nav_all))


def depth(el, tag):
    kids = [c for c in el if c.tag == tag]
    return 1 + max([depth(c, tag) for c in kids], default=0) if kids else 0


meta = {m.get("name"): m.get("content") for m in ncx.iter(N + "meta")}
if int(meta["dtb:depth"]) != depth(ncx.find(N + "navMap"), N + "navPoint"):
    fail("dtb:depth %s != the navMap's depth" % meta["dtb:depth"])

md = opf.find(O + "metadata")
src = md.find(D + "source")
if pdf:
    pl = navs.get("page-list")
    if pl is None:
        fail("no page-list with a PDF in the same run")
    else:
        plist = [(a.get("href"), a.text) for a in pl.iter(X + "a")]
        # the PDF's contents: each link's rectangle holds one entry, title then number
        j = json.loads(run("qpdf", "--json=2", pdf))
        objs = j["qpdf"][1]
        pages = [p["object"] for p in j["pages"]]
        obj = lambda ref: objs["obj:" + ref]["value"]
        nums = obj("1 0 R")["/PageLabels"]["/Nums"]
        n_front = next(nums[i] for i in range(0, len(nums), 2) if nums[i + 1]["/S"] == "/D")
        toc_nums = []
        for p in range(1, n_front):
            for an in obj(pages[p]).get("/Annots", []):
                x0, y0, x1, y1 = obj(an)["/Rect"]
                h = float(obj(pages[p])["/MediaBox"][3])
                crop = run("pdftotext", "-f", str(p + 1), "-l", str(p + 1), "-x", str(int(x0)),
                           "-y", str(int(h - y1)), "-W", str(int(x1 - x0 + 1)), "-H",
                           str(int(y1 - y0 + 1)), "-enc", "UTF-8", pdf, "-")
                m = re.match(r"^(.*?)(\d+)$", flat(crop))
                if m:
                    toc_nums.append((m.group(1), m.group(2)))
        art_pages = [n for h, n in plist if not h.startswith("s")]
        if [t for t, _ in toc_nums] != [flat(o[1]) for o in arts]:
            fail("the PDF's contents %r != the articles %r" % (toc_nums, [o[1] for o in arts]))
        if art_pages != [n for _, n in toc_nums]:
            fail("page-list %r != the PDF's contents numbers %r" % (art_pages, toc_nums))
        by_href = dict((h, n) for h, n in plist if not h.startswith("s"))
        for h, n in plist:
            if h.startswith("s"):
                i = next(k for k, (hh, _) in enumerate(plist) if hh == h)
                if plist[i + 1][1] != n:
                    fail("section %s at page %s, its first article at %s" % (h, n, plist[i + 1][1]))
        print("page-list", " ".join(n for _, n in plist))
    refs = {m.get("refines"): m.text for m in md.findall(O + "meta") if m.get("property") == "source-of"}
    if src is None or refs.get("#" + (src.get("id") or "")) != "pagination":
        fail("no dc:source with source-of pagination")
else:
    if "page-list" in navs or src is not None:
        fail("a page-list or dc:source without a PDF")
print("\n".join(fails) if fails else "OK")
sys.exit(1 if fails else 0)
