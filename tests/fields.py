# fields.py: one assertion on the JSON of `paiban parse` (standard input), for the corpus checks
# (tests/dumps/check.sh, tests/pages/check.sh). Prints "ok", else what was found.
# Usage: paiban parse FILE | python3 tests/fields.py FIELD WANT
#   FIELD: a top-level field (title, subtitle, published, source, editor, ...: equal to WANT),
#   byline (all names, space separated), first (the first block's text starts with WANT),
#   blocks-with (some block's text holds WANT), para-with (some paragraph's text holds WANT: it
#   was not taken for a caption), heading (a heading's whole text), blocks-without (no block's
#   text holds WANT).
import json
import sys

d = json.load(sys.stdin)
f, want = sys.argv[1], sys.argv[2]
texts = [b.get("text", "") for b in d["blocks"]]
if f == "first":
    t = texts[0] if texts else ""
    print("ok" if t.startswith(want) else t)
elif f == "byline":
    names = " ".join(n for c in d["byline"] for n in c["names"])
    print("ok" if names == want else names)
elif f == "blocks-with":
    print("ok" if any(want in t for t in texts) else "none")
elif f == "para-with":
    print("ok" if any(b["type"] == "paragraph" and want in b["text"] for b in d["blocks"]) else "no paragraph has it")
elif f == "heading":
    print("ok" if any(b["type"] == "heading" and b["text"] == want for b in d["blocks"]) else "none")
elif f == "blocks-without":
    bad = [t for t in texts if want in t]
    print("ok" if not bad else bad[0])
else:
    v = d.get(f)
    print("ok" if v == want else v)
