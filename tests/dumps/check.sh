#!/bin/sh
# check.sh: full-page dumps (Ctrl+A, Ctrl+C of a whole news page) read from the dev corpus,
# ../shared/corpus/dev/dumps (never copied into the project; skipped when it is absent).
# Asserts exact fields of `paiban parse`: the headline found under hundreds of menu lines, the
# date of the dateline, the editor as displayed, the first body paragraph (no menu, share
# button or comment count printed), and that no block is a menu line.
set -u
PAIBAN=${PAIBAN:-build/paiban}
D=${CORPUS:-../shared/corpus/dev}/dumps
fails=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# refused NAME MESSAGE WHAT: $T/NAME.txt is refused (exit 1, no PDF) with MESSAGE on stderr
refused() {
	"$PAIBAN" print "$T/$1.txt" -o "$T/$1.pdf" 2>"$T/$1.err"
	rc=$?
	if [ $rc -eq 1 ] && [ ! -e "$T/$1.pdf" ] && grep -qF "$1.txt: error: $2" "$T/$1.err"; then
		echo "ok    $3 is refused"
	else
		echo "FAIL  $3: exit $rc"
		cat "$T/$1.err"
		fails=$((fails + 1))
	fi
}
# A page of menus and links only (no line reads as a sentence): refused, exit 1, no PDF.
for w in 首页 新闻 体育 财经 娱乐 科技 汽车 房产 教育 旅游 时尚 游戏 登录 注册 今日要闻标题一则 今日要闻标题二则 '关于我们 | 联系我们'; do
	echo "$w"
done >"$T/front.txt"
refused front "no article text: 17 lines and none reads as a sentence" "a page of menus only"
# An error page (404) pasted whole: refused, exit 1, no PDF, saying what it is.
printf '首页\n新闻\n\n抱歉，您访问的页面不存在或已被删除！\n可能的原因：网址输入有误，或者该页面已经被删除。请检查您输入的网址是否正确，或者返回首页继续浏览。\n返回首页\n' >"$T/404.txt"
refused 404 'not an article: an error page (it says "页面不存在")' "an error page"
if [ ! -f "$D/INDEX.tsv" ]; then
	echo "skip  no corpus at $D"
	exit $fails
fi
# check FILE FIELD WANT: FIELD as tests/fields.py reads it (title, published, editor, byline,
# first, blocks-with, blocks-without, heading …)
check() {
	got=$("$PAIBAN" parse "$D/$1.txt" 2>/dev/null | python3 tests/fields.py "$2" "$3")
	if [ "$got" = ok ]; then
		echo "ok    $1 $2"
	else
		echo "FAIL  $1 $2: got [$got], want [$3]"
		fails=$((fails + 1))
	fi
}
# 162 lines of menus before the headline; date and 来源 on one line; share widgets; a count
check gne__163__1 title '多地项目连环爆雷 狂奔的龙湖集团“暗伤”曝露？'
check gne__163__1 published 2019-09-07T13:43:45
check gne__163__1 editor 杨倩_NF4425
check gne__163__1 first '2019年，龙湖集团即将迎来赴港上市10周年。'
check gne__163__1 blocks-without 分享至好友和朋友圈
# the headline printed twice, a one-line menu bar (缩小字体 放大字体 收藏 …) under the dateline
check gne__sina__sina title '最强“中国芯”本月商用 华为抢跑5G芯片大战'
check gne__sina__sina published 2019-09-07T04:04
check gne__sina__sina first '用户对性能永无止境的追求'
check gne__sina__sina blocks-without 放大字体
# a headline ending in …… (a sentence mark) right above its date
check gne__ifeng__2 title '他放弃百万年薪来到这里 唯一的要求竟是……'
check gne__ifeng__2 published 2019-09-09T18:13:22
# a breadcrumb and a |-separated menu bar first
check readability__youth title '海外留学生看两会：出国前后关注点大不同'
check readability__youth published 2017-03-10T08:42:00
# the dateline starts with a URL and ends with the source: the date is read anywhere in it
check cwced__0d931936 published 2005-03-21T11:21
check cwced__0d931936 byline 尹娟
# the headline again over the article with the author's name under it (茉莉：… / … / 茉莉)
check cwced__05e98007 byline 茉莉
# an agenda with no sentences: the headline over its dateline, then everything down to 相关专题
check cwced__2168485b title 第四届中国经济学年会会议议程
check cwced__2168485b published 2004-12-10
check cwced__2168485b first 第四届中国经济学年会
# a forum post: the subject line (主题：…) is the title, not the greeting over it
check cwced__a6e8b739 title 你知道导游为什么那么热衷于让你去各种各样的商场购物吗？
# a reporter's credit closing a paragraph, a help box and captions after it
check twnews__appledaily byline 王煌忠
# a blog page opening with its owner's name, the post dated by its footer
check cwced__54e89e4e byline 李建忠
# a live blog longer than the article under it: the headline over its dateline anchors the body
check gne__sina__2 title '60万“12306账号”外泄？中铁总辟谣称消息不实'
check gne__sina__2 published 2018-12-28T19:55
check gne__sina__2 editor 霍琦
check gne__sina__2 first '新京报快讯'
# credits on shared lines: WeChat bars (编辑|… 责编|…), a supplier before 摄影/… 编辑/…,
# an editor and a source on one line, a link after 【编辑:…】
check gne__thepaper__2 editor 陈梦莹
check gne__zyyfy__1 editor 苏芳
check cwced__c3f7d079 editor 吕峥
check cwced__d8d4c4ec editor 刘欢
# a footer line of licence numbers after the last paragraph, whose bracketed byline is read
check cwced__9890f458 blocks-without ICP备
# a forum post: no date over it, the first post footer (〓 … 发布时间 2005/03/15 22:36:13 by … 〓) gives it
check cwced__d519ec93 published 2005-03-15T22:36:13
check cwced__c2d9f85c published 2005-05-17T22:11:42
check cwced__d519ec93 byline duscha
# bylines: a bare name under the headline over a ——subtitle; a credit under a photo caption
# (Traditional); a credit before a disclaimer
check cwced__caee0a34 title 比赛革命的革命
check cwced__caee0a34 byline 胡平
check twnews__ettoday byline 林悅
check gne__qq__qq byline 张楠
# headlines: a column name and a bar in front; a paper's page with the date over the headline
check cwced__36efbc69 title '书记市长这一周 | 奋马扬鞭争春色，“虎”力全开向未来'
check cwced__36efbc69 published 2022-02-13T20:04:17
check cwced__aefcf136 title '“厕所革命”改善农牧区人居环境'
check cwced__aefcf136 published 2022-02-13
# a blog page of several posts: the first post up to its footer, which names the poster; a
# blog post followed by 63 comments
check cwced__59562291 byline 海姑娘
check cwced__59562291 blocks-without 当斑竹半年来
check cwced__54e89e4e blocks-without "# re:"
# a government notice: its metadata table (spaced keys, one then two pairs a row) gives the
# title, the date and the issuing body; the headline again over four lines, the table and the
# download buttons are not printed
check cwced__e8847578 title '吉林省人民政府关于禁止在吉林省嫩江干流补充治理工程建设征占地范围内新增建设项目和迁入人口的通告'
check cwced__e8847578 published 2022-01-28
check cwced__e8847578 byline 吉林省人民政府
check cwced__e8847578 first '为做好吉林省嫩江干流补充治理工程建设'
check cwced__e8847578 blocks-without 吉林省人民政府关于禁止在
check cwced__e8847578 blocks-without 发文字号
check cwced__e8847578 blocks-without word下载
# the date under the headline set over three lines: 2019 / 09/07 / 19:02
check gne__qq__qq published 2019-09-07T19:02
check gne__qq__qq blocks-without 19:02
# a wiki page: its one-word heading first, the site's tagline under it; sections with edit
# links ([编辑]) and tables of dated rows down to 注释[编辑]
check cwced__d5bced5e title 金锺国
check cwced__d5bced5e blocks-without 自由的百科全书
check cwced__d5bced5e blocks-without '[编辑]'
check cwced__d5bced5e heading 个人生活
check cwced__d5bced5e blocks-with 首张正规专辑
check cwced__d5bced5e blocks-without 原始内容存档
# a portal's fold (展开全文): the button goes, the article after it stays
check cwced__d8d4c4ec blocks-without 展开全文
check cwced__d8d4c4ec blocks-with 经历了一次折叠
# a blog post with spaces for commas, its later lines not all written so: the whole post
check readability__pixnet blocks-with 三位大叔同行準備走著這段遙遠的路段
check readability__pixnet blocks-without 上一篇文章與下一篇文章
# photo credits (a caption closing with Credit: …, Credit: … alone), labelled captions (Media
# caption …), a Share button and a paywall's notice inside the article are not printed
check readability__telegraph blocks-without 'Credit: STR/AFP'
check newspaper4k__video_article_02 blocks-without 'Credit: Riot Games'
check newspaper4k__video_article_02 blocks-without 'Share Article'
check newspaper4k__video_article_02 title 'Faker wins 4th title as T1 embody Heartsteel’s song to become your Worlds 2023 champion!'
check newspaper4k__japanese_article blocks-without 会員限定
check readability__bbc-1 blocks-without 'Media caption'
check newspaper4k__burmese_article blocks-without 'Image caption'
# a lead-in closing the article (动力系统主要参数：) and the list it announces; a lead-in over a
# gallery the text does not hold (See more photos:) is left out
check cwced__93498c29 blocks-with 变速箱：进口手动五速
check newspaper4k__article_with_divs blocks-without 'See more photos'
# a site's copyright notice and disclaimer under its heading (…版权与免责声明：) after the article
check cwced__a0cb0242 blocks-without 凡本网注明
check cwced__a0cb0242 blocks-without 打印本稿
check cwced__a0cb0242 editor 黄帅
# a box of links inside a Chinese article (延伸阅读：… and four headlines), the article after it
check cwced__c268c1b4 blocks-without 延伸阅读
check cwced__c268c1b4 blocks-with 老中医绝食49天
# English: "Analysis by …, CNN Senior … Analyst", the reading time, "Updated 9:22 PM EST, Mon
# November 6, 2023"; a byline with the date on its line; a box of links inside the article
check newspaper4k__cnn_001 byline 'Joan Biskupic'
check newspaper4k__cnn_001 published 2023-11-06
check newspaper4k__video_article_02 byline 'Amanda "Tania Mae" Tan'
check newspaper4k__video_article_02 published 2023-11-19T19:18
check readability__seattletimes-1 blocks-without 'Most Read Business Stories'
# a time glued to the date (15:312018/09/16) under the headline; related headlines with
# dates after the article do not anchor it
check twnews__chinatimes title '悲慟！北市士林年邁母子 住處上吊自殺身亡'
check twnews__chinatimes published 2018-09-16T15:31
check twnews__chinatimes byline 謝明俊
# bare names in brackets closing the last paragraph (……新春佳节。（常书香 马丹阳 ）); a menu bar
# with middle dots, a channel line with a URL between the headline and its dateline
check cwced__91bdf33e byline '常书香 马丹阳'
check cwced__ecbe8d49 title '利益集团左右电力体制改革 华东上调超发电价'
check cwced__ecbe8d49 published 2005-01-14T17:02:30
# English: a "By" line between the headline and its date line, a photo gallery between the
# caption and the body; "By" alone over the name
check newspaper4k__cnn_article title 'After storm, forecasters see smooth sailing for Thanksgiving'
check newspaper4k__cnn_article byline 'Dana A. Ford James S.A. Corey Chien-Ming Wang Tom Watkins'
check newspaper4k__cnn_article blocks-without 'Weather threatens holiday plans'
check readability__seattletimes-1 byline 'Benjamin Romano'
check readability__seattletimes-1 published 2019-04-28T06:01
# a footer of long name lists (外交部 国防部 …) after the source line
check cwced__d232c5df blocks-without '外交部 国防部'
# paragraphs of clauses without a full stop; a ranked list with counts over the article
check gne__toutiao__toutiao blocks-without '独立游戏'
check cwced__064b591b blocks-without '（5190）'
# the headline shown twice (the page title at the top, then over the article) anchors the
# article below a heavier run of teasers; a name in capitals, the agency glued to the date
check readability__yahoo-2 title 'Russia: Space ship malfunctions, breaks up over Siberia'
check readability__yahoo-2 byline 'NATALIYA VASILYEVA'
check readability__yahoo-2 published 2016-12-02
# a glued menu line first, the headline over 昨天
check gne__readhub__readhub title '运营商 5G 手机促销方式曝光，禁止提供购机补贴'
# a forum post: 作者：… 时间：… at the top of the body, replies with [views/replies] counts after it
check cwced__a6e8b739 byline 芊草凡凡
check cwced__a6e8b739 blocks-without '[4321/87]'
# other languages: a headline in Arabic letters; a section name glued to a date in capitals
# (BUSINESSNOV 7, 2023 2:00 AM) over the headline; boxes of links (MOST POPULAR) inside the
# article; a Portuguese date (21.dez.2018 às 12h55) under a photo caption; a German date; a
# picture's file name, a caption, Print and a byline between the headline and an English
# date; a Spanish page whose comments (Comentar, Hace 28 minutos) follow the article
check newspaper4k__arabic_article title 'معارضون يسيطرون على مخازن للصواريخ بريف دمشق'
check newspaper4k__wired_001 title 'Intensified Israeli Surveillance Has Put the West Bank on Lockdown'
check newspaper4k__wired_001 published 2023-11-07T02:00
check newspaper4k__wired_001 blocks-without '30 Essential Home Repair Tools'
check readability__folha published 2018-12-21T12:55
check readability__heise published 2015-04-08T12:46
check readability__heise blocks-without 'Auch auf heise online'
check newspaper4k__cleveland.com1 title "Let me Google that for you: 2014's most popular food-related searches"
check newspaper4k__cleveland.com1 published 2014-12-27T12:06
check newspaper4k__cleveland.com1 blocks-without google.JPG
check newspaper4k__spanish_article blocks-without 'Hace 28 minutos'
# a front page (hundreds of lines, a few teasers, nothing dated), a front page of teasers
# each under its own headline, and a feed are refused
for f in newspaper4k__cnn_main_site newspaper4k__yahoo_main_site newspaper4k__sample_rss; do
	if "$PAIBAN" parse "$D/$f.txt" >/dev/null 2>"$T/err"; then
		echo "FAIL  $f: read as an article"
		fails=$((fails + 1))
	elif grep -q "error: no article text" "$T/err"; then
		echo "ok    $f refused"
	else
		echo "FAIL  $f: $(cat "$T/err")"
		fails=$((fails + 1))
	fi
done
# a blog's footer naming its poster first, the only one under the post (史蒂文的家_藍天 發表在 痞客邦)
check readability__pixnet byline 史蒂文的家_藍天
# golden fields of representative dumps (tests/dumps/golden.sh)
sh tests/dumps/golden.sh || fails=$((fails + 1))
echo "dumps: $fails failed"
exit $fails
