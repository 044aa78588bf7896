#!/bin/sh
# check.sh: saved web pages of the dev corpus (../shared/corpus/dev, never copied into the
# project; skipped when it is absent) read by the HTML reader. Asserts exact fields of
# `paiban parse`: the headline a page shows against its <title> and og:title.
set -u
PAIBAN=${PAIBAN:-build/paiban}
D=${CORPUS:-../shared/corpus/dev}
fails=0
if [ ! -f "$D/MANIFEST.jsonl" ]; then
	echo "skip  no corpus at $D"
	exit 0
fi
# check ID FIELD WANT: ID is the page id of MANIFEST.jsonl; FIELD as tests/fields.py reads it
# (title, published, editor, byline, blocks-without, para-with …)
check() {
	f=$(python3 -c '
import json, sys
for l in open(sys.argv[1] + "/MANIFEST.jsonl"):
    m = json.loads(l)
    if m["id"] == sys.argv[2]:
        print(m["input"])
' "$D" "$1")
	got=$("$PAIBAN" parse "$D/$f" 2>/dev/null | python3 tests/fields.py "$2" "$3")
	if [ "$got" = ok ]; then
		echo "ok    $1 $2"
	else
		echo "FAIL  $1 $2: got [$got], want [$3]"
		fails=$((fails + 1))
	fi
}
# the page shows its <title> whole in a styled <div> (a column name, a bar, the headline):
# the bar is the headline's, not a site separator
check cwced/36efbc69 title '书记市长这一周 | 奋马扬鞭争春色，“虎”力全开向未来'
# a three-character <h1> that is the whole first part of the <title> (金锺国 - 维基百科，…)
check cwced/d5bced5e title 金锺国
# the <h1> has typographic quotes where og:title and <title> have straight ones
check newspaper4k/video_article_02 title 'Faker wins 4th title as T1 embody Heartsteel’s song to become your Worlds 2023 champion!'
# a site suffix after _ is still cut when the page does not show the <title> whole
check readability/qq title 'DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶'
# a blog post written in centered lines between its photos: the lines under the photos are the
# post's text, not captions (centering marks a caption only where the text is not centered)
check readability/pixnet para-with '低溫寒流報到'
check readability/pixnet para-with '來到現場已是落葉飄飄堆疊滿地'
# a site suffix after a doubled hyphen (…严重(图)--雅虎新闻), the picture marker (图) cut; 来源：转载文章
# in the dateline names no outlet, the 来源 line at the end does
check cwced/2bac7fb2 title '多数夫妻生活有名无实 日本无性婚姻问题严重'
check cwced/2bac7fb2 source 新闻晨报
echo "pages: $fails failed"
exit $fails
