#!/usr/bin/env python3
"""check.py: exact facts about a digest PDF, read with qpdf --json and pdftotext.

Usage: check.py DIGEST.pdf MANIFEST_TITLE ISSUE ALONE_DIR [START [ODD_HEAD]]
ALONE_DIR holds NAME.txt = pdftotext of each article printed alone by `paiban print`, and
order.txt the article titles in manifest order (one per line, overrides applied) with the
NAME of each (TITLE<TAB>NAME).

Checks: page labels (front i, ii ..., body 1 ...); every contents entry (read inside its link
rectangle) names its article and its number equals the label of the page its link lands on,
where the title is printed; outline entries land on the same pages; running heads (刊名 + 期号
on even pages, the article's title on odd ones, none on opening pages); exactly one folio on
every page but the cover and blank pages; each article's text equals its text printed alone.
START is the style's [digest] start (page, the default, or continue: articles run on, so an
article's text is read from its title to the next title, and a page has a running head unless
an article or section opens at its top); ODD_HEAD what odd pages' heads name (article, the
default, or section; none: running-heads = no, no page has one).
"""
import json
import re
import subprocess
import sys

pdf, mast, issue, alone = sys.argv[1:5]
mode = sys.argv[5] if len(sys.argv) > 5 else "page"
odd_head = sys.argv[6] if len(sys.argv) > 6 else "article"
fails = []


def fail(msg):
    fails.append(msg)
    print("FAIL:", msg)


def run(*args):
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


j = json.loads(run("qpdf", "--json=2", pdf))
objs = j["qpdf"][1]
pages = [p["object"] for p in j["pages"]]
n = len(pages)


def obj(ref):
    return objs["obj:" + ref]["value"]


def roman(k):
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while k >= v:
            out += s
            k -= v
    return out


# page labels from the catalog's /PageLabels number tree
nums = obj("1 0 R")["/PageLabels"]["/Nums"]
ranges = [(nums[i], nums[i + 1]) for i in range(0, len(nums), 2)]
labels = []
for p in range(n):
    start, d = [r for r in ranges if r[0] <= p][-1]
    k = d.get("/St", 1) + p - start
    labels.append(roman(k) if d["/S"] == "/r" else str(k))
n_front = next((i for i, l in enumerate(labels) if l == "1"), None)
if n_front is None or labels[:n_front] != [roman(i + 1) for i in range(n_front)]:
    fail("page labels: front i, ii ... then 1: %s" % labels)
    sys.exit(1)
text = [run("pdftotext", "-f", str(p + 1), "-l", str(p + 1), "-enc", "UTF-8", pdf, "-")
        for p in range(n)]
flat = [re.sub(r"\s+", "", t) for t in text]
page_of_label = {l: i for i, l in enumerate(labels)}

order = [l.rstrip("\n").split("\t") for l in open(alone + "/order.txt", encoding="utf-8")]
titles = [t for t, _ in order]

# the contents: each link's rectangle holds one entry, title then number
entries = []
for p in range(1, n_front):
    for a in obj(pages[p]).get("/Annots", []):
        an = obj(a)
        x0, y0, x1, y1 = an["/Rect"]
        dest = an["/Dest"]
        if isinstance(dest, str):  # an indirect destination array
            dest = obj(dest)
        h = float(obj(pages[p])["/MediaBox"][3])
        crop = run("pdftotext", "-f", str(p + 1), "-l", str(p + 1), "-x", str(int(x0)),
                   "-y", str(int(h - y1)), "-W", str(int(x1 - x0 + 1)), "-H", str(int(y1 - y0 + 1)),
                   "-enc", "UTF-8", pdf, "-")
        m = re.match(r"^(.*?)(\d+)$", re.sub(r"\s+", "", crop))
        if not m:
            fail("contents entry on page %d unreadable: %r" % (p + 1, crop))
            continue
        entries.append((m.group(1), m.group(2), pages.index(dest[0])))
if [e[0] for e in entries] != [re.sub(r"\s+", "", t) for t in titles]:
    fail("contents titles %s != manifest order %s" % ([e[0] for e in entries], titles))
title_page = []
for (t, num, target), title in zip(entries, titles):
    if num not in page_of_label:
        fail("contents number %s of %s is no page label" % (num, t))
        continue
    pg = page_of_label[num]
    if target != pg:
        fail("link of %s lands on page %d, its number %s is page %d" % (t, target + 1, num, pg + 1))
    if re.sub(r"\s+", "", title)[:12] not in flat[pg]:
        fail("%s: title not printed on page labelled %s" % (t, num))
    title_page.append(pg)

# the outline: every article entry lands on its title's page
def walk(ref, depth, out):
    while ref:
        o = obj(ref)
        dest = o.get("/Dest")
        if isinstance(dest, str):
            dest = obj(dest)
        out.append((depth, o["/Title"][2:] if o["/Title"].startswith("u:") else o["/Title"],
                    pages.index(dest[0]) if dest else None))
        if "/First" in o:
            walk(o["/First"], depth + 1, out)
        ref = o.get("/Next")


outl = []
walk(obj(obj("1 0 R")["/Outlines"])["/First"], 0, outl)
for title, pg in zip(titles, title_page):
    hit = [o for o in outl if o[1] == title]
    if not hit:
        fail("no outline entry for %s" % title)
    elif hit[0][2] != pg:
        fail("outline %s lands on page %d, title on %d" % (title, hit[0][2] + 1, pg + 1))
if not any(o[1] == "目录" and o[2] == 1 for o in outl):
    fail("no outline entry 目录 on page 2")

# sections: top-level outline entries other than 目录 and the articles; each article's section
section_of = {}
sections = set()
cur = None
for depth, t, pg in outl:
    if depth == 0 and t not in titles and t != "目录":
        cur = t
        sections.add(t)
    elif t in titles and t not in section_of:
        section_of[t] = cur if depth == 1 else None

# furniture
folio = re.compile(r"^— (\d+) —$")
for p in range(n):
    lines = [l for l in text[p].split("\n") if l.strip()]
    if p == 0 or not lines:
        continue  # the cover, blank versos
    fol = [l for l in lines if folio.match(l) or re.fullmatch(r"[ivxlcdm]+", l)]
    if len(fol) != 1:
        fail("page %d has %d folios: %s" % (p + 1, len(fol), fol))
    elif p >= n_front and fol[0] != "— %s —" % labels[p]:
        fail("page %d folio %s, label %s" % (p + 1, fol[0], labels[p]))
    if p < n_front:
        continue
    if odd_head == "none":
        if lines[0] == mast + "　" + issue:
            fail("page %d has a running head (running-heads = no)" % (p + 1))
        continue
    if mode == "continue":  # the article running at the top of the page
        before = [i for i, tp in enumerate(title_page) if tp < p]
        if not before:
            continue
        art = max(before)
    else:
        art = max(i for i, tp in enumerate(title_page) if tp <= p)
        if p in title_page:
            if lines[0] == mast + "　" + issue:
                fail("opening page %d has a running head" % (p + 1))
            continue
    if int(labels[p]) % 2 == 0:
        want = mast + "　" + issue
    elif odd_head == "section" and section_of.get(titles[art]):
        want = section_of[titles[art]]
    else:
        want = titles[art]
    if lines[0] != want and not (want.startswith(lines[0].rstrip("…")) and lines[0].endswith("…")):
        opens = lines[0] in sections or any(
            title_page[k] == p and re.sub(r"\s+", "", titles[k]).startswith(re.sub(r"\s+", "", lines[0]))
            for k in range(len(titles)))
        if mode != "continue" or not opens:
            fail("page %d running head %r, want %r" % (p + 1, lines[0], want))


# each article's text equals its text printed alone: the body's text (running heads and
# folios left out) from its title to the next article's title
def strip_digest(p):
    lines = [l for l in text[p].split("\n") if l.strip()]
    heads = {mast + "　" + issue} | set(titles) | sections
    if odd_head != "none" and lines and (lines[0] in heads or lines[0].endswith("…")) and not any(
            title_page[k] == p and lines[0] == titles[k] for k in range(len(titles))):
        if p not in title_page or mode == "continue":
            lines = lines[1:]  # the running head
    return "".join(l for l in lines if not folio.match(l))


body = re.sub(r"\s+", "", "".join(strip_digest(p) for p in range(n_front, n)))
at = 0
keys = [re.sub(r"\s+", "", t)[:8] for t in titles]
for i, (title, name) in enumerate(order):
    alone_txt = open("%s/%s.txt" % (alone, name), encoding="utf-8").read()
    alone_txt = re.sub(r"第 \d+ 页 / 共 \d+ 页", "", alone_txt)
    want = re.sub(r"\s+", "", alone_txt)
    key = keys[i]
    if body.find(key, at) < 0 or key not in want:
        fail("%s: title not found" % title)
        continue
    at = body.index(key, at)
    end = body.find(keys[i + 1], at + len(key)) if i + 1 < len(keys) else len(body)
    got = body[at:end if end >= 0 else len(body)]
    want = want[want.index(key):]
    if i + 1 == len(order) and "报送：" in got:
        got = got[:got.index("报送：")]
    for sname in sections:  # the next section's name above the next title
        if got.endswith(sname) and not want.endswith(sname):
            got = got[:-len(sname)]
    if got != want:
        k = next((q for q in range(min(len(got), len(want))) if got[q] != want[q]), min(len(got), len(want)))
        fail("%s: text differs from print at %d: digest %r, alone %r" % (name, k, got[k:k + 30], want[k:k + 30]))

print("%d checks failed" % len(fails) if fails else "digest facts: ok (%d pages, %d articles)" % (n, len(order)))
sys.exit(1 if fails else 0)
