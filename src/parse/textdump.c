/* textdump.c: plain text copied from a news web page -> title, metadata, byline and body.

   Contract. Input is UTF-8 with LF line ends; every non-blank line is one unit (paragraphs are
   one line each in such dumps, with or without blank lines between them). The reader works in
   passes over the trimmed lines:
   1. classify each line, from its text alone: page chrome (打印 放大 缩小, 【字体：大 中 小】,
      分享到..., 上一篇..., breadcrumbs, footers), a tail heading (最近更新, 相关新闻, 推荐阅读...),
      an end mark ((完)), a metadata line (nothing but dates, KEY：value fields such as 来源：
      and credits such as 记者 张三 or 【责任编辑：李四】), or text;
   2. plan: the title is the first text line (unless it reads like a paragraph); a short line
      right under it followed by metadata, or starting with ——, is the subtitle; the body runs
      from the next text line to the last text line before the cut at a tail heading (which
      counts only once the body has started). Metadata lines before and after the body are read;
      inside the body only editor and keyword lines and bracketed bylines are, anything else
      stays a paragraph: body text is never dropped because it looked like metadata;
   3. subheads (DOC_HEADING level 2): short lines without sentence-final punctuation between
      paragraphs, and short numbered lines (一、 （一） 1. 第一章);
   4. emit: PUNCT-NORM (punct.h) on title, subtitle, paragraphs and headings; (完) is cut from
      paragraph ends; a byline in the dateline of the first paragraph (本报讯（记者 张三）) is
      read and left in the text; a bracketed byline or editor note closing the last paragraph
      is read and cut from it.
   Metadata: the first date and source win; bylines collect credits (role + names, a name only
   once); the editor is the best ranked editor credit (责任编辑 before 责编 before 编辑 ...). */
#include "textdump.h"
#include "lang.h"
#include "punct.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../model/doc.h"
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DUMP_MAX_CREDITS 16    /* credits in one byline group */
#define DUMP_MAX_NAMES 32      /* names in one byline group */
#define DUMP_MAX_KEYWORDS 64   /* keywords kept per document */
#define DUMP_TITLE_MAX 100     /* a longer first line is a paragraph, not a title */
#define DUMP_CREDIT_PARAS 12    /* last paragraphs of a page dump searched for （王煌忠／台中報導） */
#define DUMP_PROMO_MAX 100      /* a promotion line (【点击投票】) is at most this long */
#define DUMP_TAIL_LINE_MAX 80  /* a tail heading line is at most this long */
#define DUMP_CHROME_LINE_MAX 120
#define DUMP_DATELINE_MAX 40   /* the byline bracket of a dateline opens within this */
#define DUMP_BRACKET_MAX 80    /* a bracketed byline is at most this long */
#define DUMP_ROLE_PREFIX_MAX 16 /* characters glued before a role (湖北日报全媒记者); more: a sentence */
#define DUMP_NO_RANK 255u
#define DUMP_CAPTION_MAX 300 /* characters of a photo caption */

enum dump_kind { DUMP_TEXT, DUMP_CHROME, DUMP_TAIL, DUMP_END, DUMP_META };

/* What a metadata line holds. */
enum {
	DUMP_F_DATE = 1, DUMP_F_SOURCE = 2, DUMP_F_CREDIT = 4, DUMP_F_EDITOR = 8,
	DUMP_F_KEYWORDS = 16, DUMP_F_URL = 32, DUMP_F_OTHER = 64, DUMP_F_WRAPPED = 128
};

struct dump_line {
	const char *s;          /* trimmed text, borrowed from the input */
	size_t n;
	unsigned line;          /* 1-based input line */
	unsigned chars;         /* code points */
	unsigned char kind;     /* enum dump_kind */
	unsigned char flags;    /* DUMP_F_* of a metadata line */
	unsigned char cand;     /* short and unterminated: could be a subhead */
	unsigned char num;      /* numbering style (1..5) of a numbered line, 0 none */
	unsigned char body;     /* a body block */
	unsigned char heading;  /* a subhead */
	unsigned char edit;     /* a wiki's section heading: its edit link ([编辑]) was cut */
	unsigned char memo;     /* DUMP_M_* features of the text, computed once (dump_memo) */
	unsigned width;         /* dump_width + 1 once computed, 0 before */
};

struct dump_ctx {
	struct doc *doc;
	struct diag *d;
	struct dump_line *lines;
	size_t n_lines, cap_lines;
	unsigned editor_rank;   /* rank of the editor credit kept; DUMP_NO_RANK when none */
	struct buf tmp;         /* text after PUNCT-NORM */
	struct buf role;        /* a role or an editor string being assembled */
	int page;               /* a full-page dump (dump_read_page): English bylines are read */
};

/* One group of credits, parsed before anything is stored. */
struct dump_credit {
	const char *role, *role2;   /* role2: a second role merged in (文/图) */
	size_t rn, rn2;
	unsigned rank;              /* 0 byline role, else editor rank (lower is better) */
	size_t first, count;        /* names[first .. first+count) */
	int nobody;                 /* a word saying there is no name (作者：未知) */
};

struct dump_credits {
	struct dump_credit cr[DUMP_MAX_CREDITS];
	size_t n;
	const char *name[DUMP_MAX_NAMES];
	size_t name_n[DUMP_MAX_NAMES];
	size_t n_names;
};

enum dump_key_kind { DUMP_KEY_DATE, DUMP_KEY_SOURCE, DUMP_KEY_KEYWORDS, DUMP_KEY_URL,
		     DUMP_KEY_IGNORE, DUMP_KEY_REST };

struct dump_key {
	const char *w;
	enum dump_key_kind k;
};

/* Field names that take a colon. Credits (作者：, 责任编辑：) are roles, below. */
static const struct dump_key dump_keys[] = {
	{"发布时间", DUMP_KEY_DATE}, {"发表时间", DUMP_KEY_DATE}, {"发布日期", DUMP_KEY_DATE},
	{"发稿时间", DUMP_KEY_DATE}, {"更新时间", DUMP_KEY_DATE}, {"发表日期", DUMP_KEY_DATE},
	{"发布于", DUMP_KEY_DATE}, {"发表于", DUMP_KEY_DATE}, {"时间", DUMP_KEY_DATE},
	{"最新更新", DUMP_KEY_DATE}, {"最后更新", DUMP_KEY_DATE}, {"最近更新", DUMP_KEY_DATE},
	{"更新于", DUMP_KEY_DATE},
	{"日期", DUMP_KEY_DATE},
	{"稿件来源", DUMP_KEY_SOURCE}, {"新闻来源", DUMP_KEY_SOURCE}, {"信息来源", DUMP_KEY_SOURCE},
	{"文章来源", DUMP_KEY_SOURCE}, {"本文来源", DUMP_KEY_SOURCE}, {"来源", DUMP_KEY_SOURCE},
	{"稿源", DUMP_KEY_SOURCE}, {"出处", DUMP_KEY_SOURCE}, {"发布机构", DUMP_KEY_SOURCE},
	{"关键词", DUMP_KEY_KEYWORDS}, {"关键字", DUMP_KEY_KEYWORDS}, {"标签", DUMP_KEY_KEYWORDS},
	{"相关字词", DUMP_KEY_KEYWORDS}, {"相關字詞", DUMP_KEY_KEYWORDS}, {"相关词", DUMP_KEY_KEYWORDS},
	{"原文链接", DUMP_KEY_URL}, {"原文地址", DUMP_KEY_URL}, {"本文链接", DUMP_KEY_URL},
	{"网址", DUMP_KEY_URL}, {"链接", DUMP_KEY_URL},
	{"浏览次数", DUMP_KEY_IGNORE}, {"浏览量", DUMP_KEY_IGNORE}, {"阅读量", DUMP_KEY_IGNORE},
	{"阅读数", DUMP_KEY_IGNORE}, {"阅读", DUMP_KEY_IGNORE}, {"点击数", DUMP_KEY_IGNORE},
	{"点击量", DUMP_KEY_IGNORE}, {"点击", DUMP_KEY_IGNORE}, {"访问量", DUMP_KEY_IGNORE},
	{"评论", DUMP_KEY_IGNORE}, {"字号", DUMP_KEY_IGNORE}, {"字体", DUMP_KEY_IGNORE},
	{"原标题", DUMP_KEY_IGNORE}, {"图片来源", DUMP_KEY_IGNORE},
	{"分享到", DUMP_KEY_REST}, {"分享至", DUMP_KEY_REST},
	/* traditional characters */
	{"發布時間", DUMP_KEY_DATE}, {"發佈時間", DUMP_KEY_DATE}, {"發表時間", DUMP_KEY_DATE},
	{"更新時間", DUMP_KEY_DATE}, {"時間", DUMP_KEY_DATE}, {"來源", DUMP_KEY_SOURCE},
	{"新聞來源", DUMP_KEY_SOURCE}, {"資料來源", DUMP_KEY_SOURCE},
	{"關鍵詞", DUMP_KEY_KEYWORDS}, {"關鍵字", DUMP_KEY_KEYWORDS}, {"標籤", DUMP_KEY_KEYWORDS},
};

struct dump_role {
	const char *w;
	unsigned rank;  /* 0: byline role; else an editor credit, lower ranks win */
};

/* Role words. A token holding one is a role, with any prefix (湖北日报全媒记者, 本报通讯员,
   值班编辑); a short personal name glued in front of it is split off. */
static const struct dump_role dump_roles[] = {
	{"记者", 0}, {"通讯员", 0}, {"实习生", 0}, {"摄影", 0}, {"摄像", 0}, {"作者", 0},
	{"撰稿", 0}, {"撰文", 0}, {"编译", 0}, {"翻译", 0}, {"执笔人", 0}, {"执笔", 0},
	{"责任编辑", 1}, {"责编", 2}, {"编辑", 3}, {"编审", 4}, {"审核", 4}, {"审校", 4},
	{"审稿", 4}, {"终审", 4}, {"初审", 4}, {"复审", 4}, {"二审", 4}, {"三审", 4},
	{"主编", 4}, {"校对", 5}, {"监制", 5},
	/* traditional characters */
	{"記者", 0}, {"通訊員", 0}, {"攝影", 0}, {"編譯", 0}, {"責任編輯", 1}, {"責編", 2},
	{"編輯", 3}, {"審核", 4}, {"校對", 5},
};

/* Roles that count only as a whole token (or before a colon): 文/张三, 文/图 李四. */
static const char *const dump_short_roles[] = {"文图", "图文", "文", "图"};

/* A prefix glued to a role that ends like one of these is part of the role (湖北日报全媒记者),
   not a person's name. */
static const char *const dump_org_ends[] = {
	"报", "社", "台", "网", "刊", "站", "媒", "体", "心", "道", "志", "约", "习", "席",
	"派", "闻", "部", "团", "所", "院", "局", "厅",
};

/* Tokens after the names of a credit that are not names: 记者 张三 北京报道, 张三 摄. */
static const char *const dump_skip_words[] = {
	"报道", "摄", "等", "整理", "供图", "采写", "综合", "综合报道", "联合报道", "编辑整理",
};

/* Whole-line page chrome when every token is one of these. */
static const char *const dump_chrome_words[] = {
	"打印", "打印本页", "打印此页", "打印本文", "打印本稿", "打印文章", "打印页面", "关闭", "关闭窗口",
	"关闭本页", "关闭此页", "放大", "缩小", "字体", "字号", "字体大小", "大", "中", "小",
	"默认", "标准", "超大", "收藏", "加入收藏", "收藏本页", "收藏本文", "分享", "分享到",
	"分享至", "转发", "点赞", "复制链接", "复制网址", "纠错", "我要纠错", "评论", "我要评论",
	"发表评论", "查看评论", "举报", "返回", "返回顶部", "返回首页", "返回列表", "回到顶部",
	"顶部", "TOP", "Top", "top", "保存", "扫一扫", "微信", "微博", "新浪微博", "腾讯微博",
	"朋友圈", "QQ", "QQ空间", "QQ好友", "手机看", "手机阅读", "在手机上看", "手机版", "繁體",
	"繁体", "简体", "无障碍", "语音播报", "朗读", "听新闻", "上一页", "下一页", "列印",
	"推荐", "我要说说", "我来说两句", "反馈", "意见反馈", "不感兴趣", "查看更多", "展开全文",
	"展開全文", "显示全文", "顯示全文", "查看全文", "展开剩余", "继续阅读", "繼續閱讀", "阅读全文",
	"閱讀全文", "点击展开全文", "點擊展開全文",
	"關閉", "放大字體", "縮小字體",
};

/* Buttons of English pages, chrome as whole lines only (Share prices fell is a sentence). */
static const char *const dump_chrome_lines[] = {
	"Share", "Share Article", "Share article", "Share this article", "Share this story", "Share this",
	"Share on Facebook", "Share on Twitter", "Copy link", "Copy Link", "Save Article", "Save article",
	"Gift Article", "Gift article", "Listen to article", "Listen to this article", "Show comments",
};

/* Menu items of news sites and blogs, never a person's name (a first line 首页 is no blog
   owner). */
static const char *const dump_nav_words[] = {
	"首页", "主页", "网站首页", "登录", "注册", "退出", "帮助", "搜索", "设置", "消息", "关于",
	"联系", "导航", "栏目", "频道", "专题", "热点", "要闻", "排行", "新闻", "博客", "论坛",
	"社区", "体育", "财经", "娱乐", "科技", "汽车", "房产", "教育", "旅游", "时尚", "游戏",
	"军事", "历史", "文化", "健康", "读书", "数码", "手机", "家居", "女性", "育儿", "美食",
	"公益", "地方", "国内", "国际", "社会", "专栏", "资讯", "动态", "公告", "通知", "下载",
	"业界", "产品", "服务", "会员", "商城", "直播", "音乐", "图库", "星座", "彩票", "股票",
	"基金", "理财", "政务", "法治", "时政", "观点", "访谈", "人物", "首頁", "登入", "新聞",
	"體育", "財經", "娛樂", "汽車", "房產", "教育", "旅遊", "時尚", "遊戲", "軍事", "歷史",
};

/* A line starting with one of these (then a separator or the end) is chrome. */
static const char *const dump_chrome_starts[] = {
	"分享到", "分享至", "上一篇", "下一篇", "上一条", "下一条", "当前位置", "您的位置",
	"您当前的位置", "您现在的位置", "你的位置", "你现在的位置", "所在位置", "返回顶部",
	"返回首页",
};

/* A line starting with one of these, whatever follows, is chrome. */
static const char *const dump_chrome_prefixes[] = {
	"扫一扫", "扫描二维码", "用微信扫描", "关注公众号", "欢迎关注", "长按识别", "长按二维码",
	"更多精彩内容", "点击关注", "新闻报料", "报料热线", "报料邮箱", "關注公眾號", "歡迎關注",
};

/* Words of a page footer (licences, copyright, report lines); a line holding one, not a
   sentence and at most DUMP_CHROME_LINE_MAX long, is chrome. */
static const char *const dump_footer_words[] = {
	"版权所有", "版權所有", "ICP备", "ICP证", "ICP證", "All Rights Reserved", "All rights reserved",
	"许可证编号", "許可證編號", "举报电话", "举报邮箱", "违法和不良信息", "公网安备", "网安备",
	"不得转载", "未经授权", "禁止转载", "请勿转载", "免责声明", "版权声明", "免責聲明",
};

/* A line starting with one of these is a page's disclaimer, chrome whatever follows. */
static const char *const dump_notice_starts[] = {"免责声明", "版权声明", "免責聲明", "版權聲明", "声明：", "声明:", "聲明：",
						 "平台声明", "平台聲明"};

/* Headings of the related-article lists at the end of a page. */
static const char *const dump_tail_words[] = {
	"最近更新", "相关新闻", "相关阅读", "相关文章", "相关报道", "相关链接", "相关推荐", "相关专题", "相关信息", "相关评论",
	"热点推荐", "推荐阅读", "热门推荐", "热点新闻", "热门新闻", "热门文章", "热门阅读",
	"精彩推荐", "精彩图片", "图片新闻", "猜你喜欢", "更多新闻", "更多阅读", "网友评论",
	"热门评论", "最新评论", "往期回顾", "点击排行", "新闻排行", "阅读排行", "排行榜",
	"阅读排行榜", "评论排行榜", "点击排行榜", "评论排行", "新闻排行榜", "反侵权公告", "版权公告",
	"今日热点", "大家都在看", "为你推荐", "最新新闻", "最新文章", "最新资讯", "热点资讯",
	"相關新聞", "相關閱讀", "推薦閱讀", "熱門新聞", "相關報導", "相關文章", "熱門文章", "猜你喜歡",
	"推薦文章",
	/* other languages (Latin letters compared ignoring case: MOST POPULAR) */
	"Related Stories", "Related Articles", "Related Content", "Read More", "More from",
	"More Stories", "Recommended", "Most Popular", "Most Read", "Trending", "You may also like",
	"You might also like", "Comments", "Related Topics", "More on this story", "Top Stories",
	"Read Next", "Most viewed", "Explore more on these topics", "Reuse this content", "Our Standards",
	"Noticias relacionadas", "Te puede interesar", "Lo más leído", "Lo más visto", "Más leídas",
	"Más noticias", "Comentarios", "Leia também", "Leia mais", "Veja também", "Mais lidas",
	"Relacionadas", "Comentários", "Comentar", "Comente", "Deja tu comentario", "Deixe seu comentário", "À lire aussi", "Lire aussi", "Les plus lus", "Commentaires",
	"Mehr zum Thema", "Meistgelesen", "Kommentare", "Das könnte Sie auch interessieren",
	/* the article's tags */
	"Topics", "Tags", "Etiquetas", "Tópicos relacionados", "Themen", "Schlagwörter",
};

/* A wiki's closing sections (a heading with its edit link: 参考资料[编辑]): notes, references,
   links; the article ends before them. */
static const char *const dump_wiki_tails[] = {
	"注释", "注解", "脚注", "参考资料", "参考文献", "参见", "外部链接", "延伸阅读", "相关条目",
	"註釋", "腳註", "參考資料", "參考文獻", "參見", "外部連結", "延伸閱讀", "相關條目",
	"Notes", "References", "See also", "External links", "Further reading", "Footnotes",
	"Einzelnachweise", "Weblinks", "Literatur", "Références", "Notes et références", "Liens externes",
	"Voir aussi", "Referencias", "Enlaces externos", "Véase también", "Referências", "Ligações externas",
};

/* End marks closing the last paragraph, or standing alone on a line. */
static const char *const dump_end_marks[] = {
	"（完）", "(完)", "【完】", "[完]", "（全文完）", "(全文完)", "-完-", "—完—", "（END）",
	"(END)", "(end)",
};

#define DUMP_N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- small text helpers ---- */

static uint32_t dump_cp(const char *s, size_t n, size_t *len)
{
	unsigned char b = (unsigned char)s[0];
	if (b < 0x80) {
		*len = 1;
		return b;
	}
	uint32_t cp;
	size_t l = utf8_decode(s, n, &cp);
	*len = l ? l : 1;
	return l ? cp : 0xFFFD;
}

/* The code point ending at s[n) (n > 0); *start receives its offset. */
static uint32_t dump_back(const char *s, size_t n, size_t *start)
{
	size_t i = n - 1;
	while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	size_t l;
	uint32_t c = dump_cp(s + i, n - i, &l);
	if (i + l != n) {
		i = n - 1;
		c = 0xFFFD;
	}
	*start = i;
	return c;
}

/* strlen(lit) when s[0..n) starts with lit, else 0. */
static size_t dump_lit(const char *s, size_t n, const char *lit)
{
	if (!n || s[0] != lit[0]) /* the common case, cheaply */
		return 0;
	size_t k = strlen(lit);
	return n >= k && !memcmp(s, lit, k) ? k : 0;
}

static int dump_eq(const char *s, size_t n, const char *lit)
{
	return n && s[0] == lit[0] && strlen(lit) == n && !memcmp(s, lit, n);
}

static int dump_ends(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && !memcmp(s + n - k, lit, k);
}

static int dump_in(const char *s, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (dump_eq(s, n, list[i]))
			return 1;
	return 0;
}

static size_t dump_count(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static int dump_is_space(uint32_t c)
{
	return c < 0x20 || punct_is_space(c);
}

static void dump_trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t m = *n, l, st;
	while (m && dump_is_space(dump_cp(p, m, &l))) {
		p += l;
		m -= l;
	}
	while (m && dump_is_space(dump_back(p, m, &st)))
		m = st;
	*s = p;
	*n = m;
}

static int dump_is_colon(uint32_t c)
{
	return c == ':' || c == 0xFF1A || c == 0xFE55; /* ﹕, Hong Kong pages */
}

/* Geometric marks that open a credit line: □ 本报记者 张三, ■ 文/李四. */
static int dump_is_marker(uint32_t c)
{
	return c == 0x25A0 || c == 0x25A1 || c == 0x25CB || c == 0x25CE || c == 0x25CF ||
	       c == 0x25C6 || c == 0x25C7 || c == 0x25B2 || c == 0x25B3 || c == 0x2605 || c == 0x2606;
}

/* Brackets and bars that frame or separate metadata fields. 丨 (U+4E28) is used as a bar. */
static int dump_is_frame(uint32_t c)
{
	switch (c) {
	case '[': case ']': case '(': case ')': case '|':
	case 0x3010: case 0x3011: case 0x3014: case 0x3015: case 0x3016: case 0x3017:
	case 0xFF08: case 0xFF09: case 0xFF3B: case 0xFF3D: case 0x4E28: case 0xFF5C:
	case 0x2502:
		return 1;
	}
	return 0;
}

/* Separators between chrome words and decorations around headings. */
static int dump_is_chrome_sep(uint32_t c)
{
	return dump_is_space(c) || dump_is_frame(c) || dump_is_colon(c) || c == '/' ||
	       c == 0xFF0F || c == 0xB7 || c == 0x2022 || c == 0x30FB || c == '>' || c == '<' ||
	       c == 0xFF1E || c == 0xFF1C || c == 0xBB || c == 0xAB || c == 0x203A ||
	       c == 0x2039 || c == 0x2192 || c == 0x3001 || c == ',' || c == 0xFF0C || c == '-' ||
	       c == 0x2014 || c == '_' || c == '*' || c == '#' || c == 0x300A || c == 0x300B ||
	       (c >= 0x25A0 && c <= 0x25FF) || c == 0x2605 || c == 0x2606;
}

/* Offset of the first character at or after i that is not a chrome separator. */
static size_t dump_skip_chrome_sep(const char *s, size_t n, size_t i)
{
	size_t l;
	while (i < n && dump_is_chrome_sep(dump_cp(s + i, n - i, &l)))
		i += l;
	return i;
}

static size_t dump_chrome_token_end(const char *s, size_t n, size_t i)
{
	size_t l;
	while (i < n && !dump_is_chrome_sep(dump_cp(s + i, n - i, &l)))
		i += l;
	return i;
}

/* ---- dates ---- */

static int dump_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t dump_digits(const char *s, size_t n, size_t i, size_t lo, size_t hi, unsigned *v)
{
	size_t k = 0;
	unsigned x = 0;
	while (i + k < n && k < hi && s[i + k] >= '0' && s[i + k] <= '9') {
		x = x * 10 + (unsigned)(s[i + k] - '0');
		k++;
	}
	if (k < lo || (i + k < n && s[i + k] >= '0' && s[i + k] <= '9'))
		return 0;
	*v = x;
	return k;
}

static unsigned dump_mdays(unsigned y, unsigned m)
{
	static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static char *dump_put2(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

static int dump_is_alnum(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Reads a time at s[i..n): HH:MM[:SS] (ASCII or full-width colons) or HH时MM分[SS秒] (点 for
   时). Returns the end offset, or i when none. */
static size_t dump_time(const char *s, size_t n, size_t i, unsigned *h, unsigned *mi,
			unsigned *se, int *have_sec)
{
	size_t k, t, c1;
	int hz = 0;
	if (!(k = dump_digits(s, n, i, 1, 2, h)))
		return i;
	t = i + k;
	if (t < n && s[t] == ':')
		c1 = 1;
	else if ((c1 = dump_lit(s + t, n - t, "：")))
		;
	else if ((c1 = dump_lit(s + t, n - t, "时")) || (c1 = dump_lit(s + t, n - t, "点")))
		hz = 1;
	else if (t + 2 < n && s[t] == 'h' && dump_digit(s[t + 1]) && dump_digit(s[t + 2]))
		c1 = 1; /* 12h55 (French, Portuguese) */
	else
		return i;
	if (!(k = dump_digits(s, n, t + c1, hz ? 1 : 2, 2, mi)))
		return i;
	t += c1 + k;
	*have_sec = 0;
	if (hz) {
		if (!(k = dump_lit(s + t, n - t, "分")))
			return i;
		t += k;
		unsigned v;
		if ((k = dump_digits(s, n, t, 1, 2, &v)) && (c1 = dump_lit(s + t + k, n - t - k, "秒"))) {
			*se = v;
			*have_sec = 1;
			t += k + c1;
		}
	} else {
		c1 = t < n && s[t] == ':' ? 1 : dump_lit(s + t, n - t, "：");
		if (c1 && (k = dump_digits(s, n, t + c1, 2, 2, se))) {
			*have_sec = 1;
			t += c1 + k;
		}
	}
	if (*h > 23 || *mi > 59 || (*have_sec && *se > 60))
		return i;
	return t;
}

/* Month names as pages print them, full and abbreviated, matched case-insensitively (ASCII
   letters; accented letters as written): English, Spanish, Portuguese, French, German, Italian.
   Each list is that month's names; a name is a whole word, with an optional '.' after it. */
static const char *const dump_month_names[12][12] = {
	{"january", "jan", "enero", "ene", "janeiro", "janvier", "janv", "januar", "jänner", "jän", "gennaio", "gen"},
	{"february", "feb", "febrero", "fevereiro", "fev", "février", "févr", "fevrier", "februar", "febbraio", NULL, NULL},
	{"march", "mar", "marzo", "março", "marco", "mars", "märz", "mär", "maerz", NULL, NULL, NULL},
	{"april", "apr", "abril", "abr", "avril", "avr", "aprile", NULL, NULL, NULL, NULL, NULL},
	{"may", "mayo", "maio", "mai", "maggio", "mag", NULL, NULL, NULL, NULL, NULL, NULL},
	{"june", "jun", "junio", "junho", "juin", "juni", "giugno", "giu", NULL, NULL, NULL, NULL},
	{"july", "jul", "julio", "julho", "juillet", "juil", "juli", "luglio", "lug", NULL, NULL, NULL},
	{"august", "aug", "agosto", "ago", "août", "aout", NULL, NULL, NULL, NULL, NULL, NULL},
	{"september", "sept", "sep", "septiembre", "setiembre", "setembro", "set", "septembre", "settembre", NULL, NULL, NULL},
	{"october", "oct", "octubre", "outubro", "out", "octobre", "oktober", "okt", "ottobre", "ott", NULL, NULL},
	{"november", "nov", "noviembre", "novembro", "novembre", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	{"december", "dec", "diciembre", "dic", "dezembro", "dez", "décembre", "déc", "decembre", "dezember", "dicembre", NULL}};
#define DUMP_MONTH_NAMES 12
/* Weekdays before a date (Sat, 09 Nov 2025; jueves, 09 enero 2014; Mittwoch, 8. April 2015). */
static const char *const dump_weekday_names[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
	"thu", "thur", "thurs", "fri", "sat", "sun",
	"lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
	"segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "segunda", "terça", "quarta",
	"quinta", "sexta",
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
	"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
	"الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"};
/* Arabic month names: the Levantine and Iraqi ones, then the ones after the Latin names
   (Egypt, the Gulf); pages often print both (28 آب/اغسطس 2013). */
static const char *const dump_arabic_months[12][3] = {
	{"كانون الثاني", "يناير", NULL}, {"شباط", "فبراير", NULL}, {"آذار", "مارس", NULL},
	{"نيسان", "أبريل", "ابريل"}, {"أيار", "مايو", NULL}, {"حزيران", "يونيو", NULL},
	{"تموز", "يوليو", NULL}, {"آب", "أغسطس", "اغسطس"}, {"أيلول", "سبتمبر", NULL},
	{"تشرين الأول", "أكتوبر", "اكتوبر"}, {"تشرين الثاني", "نوفمبر", NULL}, {"كانون الأول", "ديسمبر", NULL}};

static int dump_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A byte of a word: an ASCII letter or any byte of a non-ASCII character (accented letters). */
static int dump_word_byte(char c)
{
	return dump_alpha(c) || (unsigned char)c >= 0x80;
}

/* The word at s[i..n) if it is one of names[0..count) (NULL entries skipped; ASCII letters
   compared case-insensitively, so a name in capitals matches: NOV 7, 2023; a whole word, with
   an optional '.' after it); bytes read, 0 when none. *which: its index. */
static size_t dump_word_in(const char *s, size_t n, size_t i, const char *const *names, size_t count,
			   size_t *which)
{
	for (size_t k = 0; k < count; k++) {
		if (!names[k])
			continue;
		size_t m = strlen(names[k]), q = 0;
		if (i + m > n)
			continue;
		for (; q < m; q++) {
			char a = s[i + q], b = names[k][q];
			if (a != b && !(dump_alpha(a) && (a | 0x20) == b))
				break;
		}
		if (q < m || (i + m < n && (dump_word_byte(s[i + m]) || s[i + m] == '-') &&
			      !(i + m + 1 < n && !memcmp(s + i + m, "\xD8\x8C", 2)))) /* the Arabic comma ends a word */
			continue;
		*which = k;
		return m + (i + m < n && s[i + m] == '.');
	}
	return 0;
}

static size_t dump_month_at(const char *s, size_t n, size_t i, unsigned *mo)
{
	size_t best = 0, w;
	for (unsigned m = 0; m < 12; m++) {
		size_t k = dump_word_in(s, n, i, dump_month_names[m], DUMP_MONTH_NAMES, &w);
		size_t a = dump_word_in(s, n, i, dump_arabic_months[m], 3, &w);
		if (a > k)
			k = a;
		if (k > best) {
			best = k;
			*mo = m + 1;
		}
	}
	/* the same month in its other Arabic name after a slash: آب/اغسطس */
	if (best && i + best < n && s[i + best] == '/') {
		size_t a = dump_word_in(s, n, i + best + 1, dump_arabic_months[*mo - 1], 3, &w);
		if (a)
			best += 1 + a;
	}
	return best;
}

/* "de " (Spanish, Portuguese: 28 de junio de 2016) at s[i..n): its length with the spaces
   after it, else 0. */
static size_t dump_de(const char *s, size_t n, size_t i)
{
	if (i + 3 <= n && (s[i] == 'd' || s[i] == 'D') && s[i + 1] == 'e' && s[i + 2] == ' ') {
		size_t j = i + 3;
		while (j < n && s[j] == ' ')
			j++;
		return j - i;
	}
	return 0;
}

static size_t dump_spaces(const char *s, size_t n, size_t i)
{
	size_t l;
	while (i < n) {
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (c != ' ' && c != '\t' && c != 0x3000 && c != 0xA0)
			break;
		i += l;
	}
	return i;
}

/* Words between a date and its time: June 13, 2016 at 4:03 PM, 21.dez.2018 às 12h55, 9 de
   enero de 2014 a las 10:21, 8. April 2015 um 12:46. */
static const char *const dump_time_words[] = {"at", "às", "as", "a las", "a la", "à", "a", "um", "alle", "@"};

size_t dump_date(const char *s, size_t n, char iso[DUMP_ISO_MAX])
{
	unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, d1, d2;
	size_t i = 0, k, w;
	int cjk = 0, have_sec = 0;
	char sep = 0;

	/* an English weekday first: Sat, 09 Nov 2025; Tuesday 28 November 2017 */
	if ((k = dump_word_in(s, n, 0, dump_weekday_names, DUMP_N(dump_weekday_names), &w))) {
		i = k;
		if (i < n && s[i] == ',')
			i++;
		else if (i + 1 < n && !memcmp(s + i, "\xD8\x8C", 2))
			i += 2; /* the Arabic comma: الأربعاء، 28 آب/اغسطس 2013 */
		if ((i = dump_spaces(s, n, i)) == k)
			return 0;
	}
	if ((k = dump_digits(s, n, i, 4, 4, &y))) {
		/* year first: 2022-04-06, 2022/4/6, 2022.4.6, 2022年4月6日 */
		i += k;
		if ((k = dump_lit(s + i, n - i, "年"))) {
			cjk = 1;
		} else if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
			sep = s[i];
			k = 1;
		} else {
			return 0;
		}
		i += k;
		if (!(k = dump_digits(s, n, i, 1, 2, &mo)))
			return 0;
		i += k;
		if (cjk)
			k = dump_lit(s + i, n - i, "月");
		else
			k = i < n && s[i] == sep;
		if (!k)
			return 0;
		i += k;
		if (!(k = dump_digits(s, n, i, 1, 2, &d)))
			return 0;
		i += k;
		if (cjk && ((k = dump_lit(s + i, n - i, "日")) || (k = dump_lit(s + i, n - i, "号"))))
			i += k;
	} else if ((k = dump_digits(s, n, i, 1, 2, &d1))) {
		i += k;
		if (i + 1 < n && (s[i] == '/' || s[i] == '.' || s[i] == '-') && s[i + 1] >= '0' && s[i + 1] <= '9') {
			/* year last: 06/02/2022 is day first, as European pages print it, unless the
			   second number cannot be a month (7/25/2005) */
			sep = s[i++];
			if (!(k = dump_digits(s, n, i, 1, 2, &d2)))
				return 0;
			i += k;
			if (!(i < n && s[i] == sep))
				return 0;
			i++;
			if (!(k = dump_digits(s, n, i, 4, 4, &y)))
				return 0;
			i += k;
			if (d2 > 12) {
				mo = d1;
				d = d2;
			} else {
				d = d1;
				mo = d2;
			}
		} else {
			/* 13 June 2016, 9 Nov. 2025, 8. April 2015, 21.dez.2018, 28 de junio de 2016 */
			size_t j = i < n && s[i] == '.' ? i + 1 : i;
			j = dump_spaces(s, n, j);
			if (j == i)
				return 0;
			j += dump_de(s, n, j);
			if (!(k = dump_month_at(s, n, j, &mo)))
				return 0;
			d = d1;
			j = dump_spaces(s, n, j + k);
			if (j < n && s[j] == ',')
				j = dump_spaces(s, n, j + 1);
			j += dump_de(s, n, j);
			if (!(k = dump_digits(s, n, j, 4, 4, &y)))
				return 0;
			i = j + k;
		}
	} else if ((k = dump_month_at(s, n, i, &mo))) {
		/* June 13, 2016; Nov 9 2025 */
		size_t j = dump_spaces(s, n, i + k);
		if (j == i + k || !(k = dump_digits(s, n, j, 1, 2, &d)))
			return 0;
		j += k;
		if (j + 1 < n && (!strncasecmp(s + j, "st", 2) || !strncasecmp(s + j, "nd", 2) ||
				  !strncasecmp(s + j, "rd", 2) || !strncasecmp(s + j, "th", 2)))
			j += 2;
		if (j < n && s[j] == ',')
			j++;
		size_t j2 = dump_spaces(s, n, j), wd;
		if (j2 > j && (wd = dump_word_in(s, n, j2, dump_weekday_names, DUMP_N(dump_weekday_names), &w)) &&
		    dump_spaces(s, n, j2 + wd) > j2 + wd)
			j2 = dump_spaces(s, n, j2 + wd); /* the weekday between: Dec 28 Sat 2013 00:28 */
		if (j2 == j || !(k = dump_digits(s, n, j2, 4, 4, &y)))
			return 0;
		i = j2 + k;
	} else {
		return 0;
	}
	if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > dump_mdays(y, mo))
		return 0;

	/* an optional time after spaces, a 'T', or nothing (2022年04月06日08:12) */
	size_t j = i, sp = 0, l;
	if (!cjk && j + 1 < n && s[j] == ',' && s[j + 1] == ' ')
		j++; /* December 27, 2014, 12:06 PM */
	while (j < n && sp < 4) {
		uint32_t c = dump_cp(s + j, n - j, &l);
		if (c != ' ' && c != '\t' && c != 0x3000 && c != 0xA0)
			break;
		j += l;
		sp++;
	}
	if (!sp && j < n && s[j] == 'T')
		j++;
	else if (sp && j + 1 < n && (s[j] == '-' || s[j] == ',' || s[j] == '|') && (s[j + 1] == ' '))
		j = dump_spaces(s, n, j + 1); /* 06/02/2022 - 13:48, June 13, 2016, 4:03 PM */
	else if (sp && j + 4 < n && (!memcmp(s + j, "\xE2\x80\xA2 ", 4) || !memcmp(s + j, "\xC2\xB7 ", 3)))
		j = dump_spaces(s, n, j + (s[j] == '\xE2' ? 3 : 2)); /* 16 November 2017 • 2:15pm */
	else if (sp)
		for (size_t q = 0; q < DUMP_N(dump_time_words); q++) {
			size_t m = strlen(dump_time_words[q]);
			if (j + m < n && !strncasecmp(s + j, dump_time_words[q], m) && s[j + m] == ' ') {
				j = dump_spaces(s, n, j + m);
				break;
			}
		}
	size_t t = (!sp && !cjk && j == i) ? i : dump_time(s, n, j, &h, &mi, &se, &have_sec);
	int have_time = t != j && t > i;
	if (have_time) { /* 9:23:57 PM, 4:03 p.m. */
		size_t q = dump_spaces(s, n, t), m = 0;
		int pm = -1;
		if (q + 1 < n && (s[q] == 'P' || s[q] == 'p' || s[q] == 'A' || s[q] == 'a')) {
			if (s[q + 1] == 'M' || s[q + 1] == 'm')
				m = 2;
			else if (q + 3 < n && s[q + 1] == '.' && (s[q + 2] == 'm' || s[q + 2] == 'M') && s[q + 3] == '.')
				m = 4;
			if (m && (q + m == n || !dump_is_alnum(s[q + m])))
				pm = s[q] == 'P' || s[q] == 'p';
		}
		if (pm >= 0) {
			if (h < 1 || h > 12)
				have_time = 0;
			else {
				h = pm ? (h % 12) + 12 : h % 12;
				t = q + m;
			}
		}
	}
	if (have_time && t < n && dump_is_alnum(s[t]))
		have_time = 0;
	if (have_time)
		i = t;
	else if (i < n && dump_is_alnum(s[i]))
		return 0;

	char *p = iso;
	p = dump_put2(p, y / 100);
	p = dump_put2(p, y % 100);
	*p++ = '-';
	p = dump_put2(p, mo);
	*p++ = '-';
	p = dump_put2(p, d);
	if (have_time) {
		*p++ = 'T';
		p = dump_put2(p, h);
		*p++ = ':';
		p = dump_put2(p, mi);
		if (have_sec) {
			*p++ = ':';
			p = dump_put2(p, se);
		}
	}
	*p = 0;
	return i;
}

/* ---- credits ---- */

/* Finds the first role word in t[0..n): *rs..*re is the role with any role words that follow
   it directly (摄影记者). Returns 1 when found. */
static int dump_find_role(const char *t, size_t n, size_t *rs, size_t *re, unsigned *rank)
{
	for (size_t i = 0; i < n;) {
		size_t best = 0;
		unsigned r = 0;
		for (size_t k = 0; k < DUMP_N(dump_roles); k++) {
			size_t m = dump_lit(t + i, n - i, dump_roles[k].w);
			if (m > best) {
				best = m;
				r = dump_roles[k].rank;
			}
		}
		if (best) {
			size_t e = i + best;
			for (int more = 1; more;) {
				more = 0;
				for (size_t k = 0; k < DUMP_N(dump_roles); k++) {
					size_t m = dump_lit(t + e, n - e, dump_roles[k].w);
					if (m) {
						e += m;
						if (!dump_roles[k].rank)
							r = 0;
						more = 1;
						break;
					}
				}
			}
			*rs = i;
			*re = e;
			*rank = r;
			return 1;
		}
		size_t l;
		dump_cp(t + i, n - i, &l);
		i += l;
	}
	return 0;
}

/* A personal name (or for editors an id such as ERM523). */
static int dump_name_ok(const char *s, size_t n, int editor)
{
	size_t i = 0, cps = 0;
	int han = 0, latin = 0, dot = 0;
	while (i < n) {
		size_t l;
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (punct_is_han(c) && c != 0x4E28)
			han = 1;
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			latin = 1;
		else if (c == 0xB7 || c == 0x2022 || c == 0x30FB)
			dot = 1;
		else if (!(c == '.' || c == '-' || c == '\'' ||
			   (editor && ((c >= '0' && c <= '9') || c == '_'))))
			return 0;
		cps++;
		i += l;
	}
	if (!cps || cps > DUMP_NAME_MAX || (!han && !latin && !editor))
		return 0;
	/* Han names are 2 to 5 characters unless they carry a middle dot (买买提·艾力) */
	if (han && !latin && !dot && (cps > 5 || cps < 2))
		return 0;
	return 1;
}

static int dump_org_prefix(const char *s, size_t n)
{
	if (dump_count(s, n) > 4)
		return 1;
	for (size_t k = 0; k < DUMP_N(dump_org_ends); k++)
		if (dump_ends(s, n, dump_org_ends[k]))
			return 1;
	return 0;
}

int dump_byline_role(const char *s, size_t n)
{
	if (dump_in(s, n, dump_short_roles, DUMP_N(dump_short_roles)))
		return 1;
	for (size_t k = 0; k < DUMP_N(dump_roles); k++) {
		size_t m = strlen(dump_roles[k].w);
		if (dump_roles[k].rank || m > n || !dump_ends(s, n, dump_roles[k].w))
			continue;
		if (m == n || dump_org_prefix(s, n - m))
			return 1;
	}
	return 0;
}

/* An outlet's name: ends like one (新华网, 湖北日报, 黑龙江频道) and has no digits. */
static int dump_org_name(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x80)
			return 0;
	size_t cps = dump_count(s, n);
	if (cps < 2 || cps > 16)
		return 0;
	static const char *const ends[] = {"报", "社", "网", "台", "频道", "电视台", "广播",
					   "杂志", "新闻", "刊", "報", "網", "臺", "頻道", "電視台",
					   "廣播", "雜誌", "新聞"};
	for (size_t k = 0; k < DUMP_N(ends); k++)
		if (dump_ends(s, n, ends[k]))
			return 1;
	return 0;
}

static int dump_credit_role(struct dump_credits *r, const char *role, size_t rn, unsigned rank)
{
	if (r->n && !r->cr[r->n - 1].count && !r->cr[r->n - 1].nobody) {
		/* a role right after a role without names: 文/图 */
		struct dump_credit *c = &r->cr[r->n - 1];
		if (c->role2 || (c->rank != 0) != (rank != 0))
			return 0;
		c->role2 = role;
		c->rn2 = rn;
		return 1;
	}
	if (r->n >= DUMP_MAX_CREDITS)
		return 0;
	r->cr[r->n++] = (struct dump_credit){role, NULL, rn, 0, rank, r->n_names, 0, 0};
	return 1;
}

/* Words put where a name goes that name nobody: 作者：未知, 作者：网络整理, 作者 最新文章. */
static const char *const dump_no_names[] = {
	"未知", "佚名", "不详", "匿名", "网络", "网络整理", "网络转载", "最新文章", "小编", "管理员",
	"本站", "原创", "转载", "关注", "订阅", "admin", "Admin", "unknown", "Unknown",
};

static int dump_credit_name(struct dump_credits *r, const char *s, size_t n)
{
	if (!r->n || r->n_names >= DUMP_MAX_NAMES)
		return 0;
	if (dump_in(s, n, dump_no_names, DUMP_N(dump_no_names))) {
		r->cr[r->n - 1].nobody = 1; /* metadata without a name: nothing is stored */
		return 1;
	}
	struct dump_credit *c = &r->cr[r->n - 1];
	if (!dump_name_ok(s, n, c->rank != 0))
		return 0;
	r->name[r->n_names] = s;
	r->name_n[r->n_names] = n;
	r->n_names++;
	c->count++;
	return 1;
}

/* One token of a credit list: roles, glued names (记者张三), a colon after a role. */
static int dump_credit_token(struct dump_credits *r, const char *t, size_t n)
{
	while (n) {
		size_t l;
		while (n && dump_is_colon(dump_cp(t, n, &l))) {
			t += l;
			n -= l;
		}
		if (!n)
			break;
		size_t k = 0;
		for (size_t i = 0; i < DUMP_N(dump_short_roles) && !k; i++) {
			size_t m = dump_lit(t, n, dump_short_roles[i]);
			if (m && (m == n || dump_is_colon(dump_cp(t + m, n - m, &l))))
				k = m;
		}
		if (k) {
			if (!dump_credit_role(r, t, k, 0))
				return 0;
			t += k;
			n -= k;
			continue;
		}
		size_t rs, re;
		unsigned rank;
		if (!dump_find_role(t, n, &rs, &re, &rank)) {
			/* 本报记者罗科发自北京: the name glued to 发自 and a place */
			const char *fz = r->n && !r->cr[r->n - 1].count ? memmem(t, n, "发自", 6) : NULL;
			if (fz && fz > t)
				return dump_credit_name(r, t, (size_t)(fz - t));
			if (r->n && r->cr[r->n - 1].count &&
			    (dump_in(t, n, dump_skip_words, DUMP_N(dump_skip_words)) ||
			     dump_lit(t, n, "发自") || dump_ends(t, n, "报道") ||
			     dump_ends(t, n, "報導") || dump_ends(t, n, "报导")))
				return 1;
			return dump_credit_name(r, t, n);
		}
		/* 您的评论将在5分钟内被审核: a verb in a sentence, not a role */
		if (rs && (dump_ends(t, rs, "被") || (!dump_org_prefix(t, rs) && dump_count(t, rs) > DUMP_ROLE_PREFIX_MAX)))
			return 0;
		const char *role = t;
		if (rs && !dump_org_prefix(t, rs) && r->n) {
			if (!dump_credit_name(r, t, rs))
				return 0;
			role = t + rs;
		}
		if (!dump_credit_role(r, role, (size_t)(t + re - role), rank))
			return 0;
		t += re;
		n -= re;
		/* 作者系湖北大学教授: a sentence, not a credit */
		if (n && (dump_lit(t, n, "系") || dump_lit(t, n, "为") || dump_lit(t, n, "是")))
			return 0;
	}
	return 1;
}

static int dump_is_credit_sep(uint32_t c)
{
	return dump_is_space(c) || c == 0x3001 || c == ',' || c == 0xFF0C || c == ';' ||
	       c == 0xFF1B || c == '/' || c == 0xFF0F || c == '|' || c == 0xFF5C || c == 0x4E28;
}

/* Parses s[0..n) as credits: ROLE NAME... [ROLE NAME...]. Returns 1 when all of it is credits
   and every role has a name. */
static int dump_credits_parse(const char *s, size_t n, struct dump_credits *r)
{
	r->n = r->n_names = 0;
	size_t i = 0, l, skipped = 0;
	/* 医技药剂党支部、药剂科供稿 摄影/张艳 编辑/苏芳: who supplied the text, before the credits */
	const char *sup = memmem(s, n, "供稿", strlen("供稿"));
	if (sup) {
		size_t after = (size_t)(sup - s) + strlen("供稿"), rs, re;
		unsigned rank;
		if ((after == n || dump_is_credit_sep(dump_cp(s + after, n - after, &l))) &&
		    !dump_find_role(s, (size_t)(sup - s), &rs, &re, &rank))
			i = after;
	}
	while (i < n) {
		while (i < n && dump_is_credit_sep(dump_cp(s + i, n - i, &l)))
			i += l;
		if (i >= n)
			break;
		size_t e = i;
		while (e < n && !dump_is_credit_sep(dump_cp(s + e, n - e, &l)))
			e += l;
		size_t rs, re;
		unsigned rank;
		static const char *const lead[] = {"整合", "整理", "综合", "综编"};
		if (!r->n && skipped < 2 &&
		    (dump_org_name(s + i, e - i) || dump_in(s + i, e - i, lead, DUMP_N(lead))) &&
		    !dump_find_role(s + i, e - i, &rs, &re, &rank)) {
			skipped++; /* 新华网黑龙江频道 记者 伊琳, 整合 记者 张三: before the first role */
		} else if (!dump_credit_token(r, s + i, e - i)) {
			return 0;
		}
		i = e;
	}
	if (!r->n)
		return 0;
	for (size_t k = 0; k < r->n; k++)
		if (!r->cr[k].count && !r->cr[k].nobody)
			return 0;
	return 1;
}

static int dump_has_name(const struct doc *doc, const char *s, size_t n)
{
	for (size_t i = 0; i < doc->n_byline; i++)
		for (size_t k = 0; k < doc->byline[i].n_names; k++)
			if (dump_eq(s, n, doc->byline[i].names[k]))
				return 1;
	return 0;
}

/* Stores parsed credits: byline roles into the byline (each name once), editor credits into
   the editor field when better ranked than the one kept. */
static enum err dump_credits_apply(struct dump_ctx *c, const struct dump_credits *r,
				   unsigned line)
{
	struct srcpos pos = {c->doc->file, line, 1};
	enum err e = ERR_OK;
	for (size_t k = 0; k < r->n; k++) {
		const struct dump_credit *cr = &r->cr[k];
		buf_reset(&c->role);
		if (cr->rank) {
			if (cr->rank >= c->editor_rank || !cr->count)
				continue;
			for (size_t i = 0; i < cr->count; i++) {
				if (i)
					buf_putc(&c->role, ' ');
				buf_put(&c->role, r->name[cr->first + i], r->name_n[cr->first + i]);
			}
			if (c->role.oom)
				return ERR_NOMEM;
			e = doc_set(c->doc, &c->doc->editor, buf_cstr(&c->role), c->role.len, pos);
			if (e)
				return e;
			c->editor_rank = cr->rank;
			continue;
		}
		size_t fresh = 0;
		for (size_t i = 0; i < cr->count; i++)
			fresh += !dump_has_name(c->doc, r->name[cr->first + i], r->name_n[cr->first + i]);
		if (!fresh)
			continue;
		buf_put(&c->role, cr->role, cr->rn);
		if (cr->role2) {
			buf_putc(&c->role, '/');
			buf_put(&c->role, cr->role2, cr->rn2);
		}
		if (c->role.oom)
			return ERR_NOMEM;
		if ((e = doc_add_credit(c->doc, buf_cstr(&c->role), c->role.len, pos)))
			return e;
		for (size_t i = 0; i < cr->count; i++) {
			const char *nm = r->name[cr->first + i];
			size_t nn = r->name_n[cr->first + i];
			if (!dump_has_name(c->doc, nm, nn) && (e = doc_add_name(c->doc, nm, nn)))
				return e;
		}
	}
	return e;
}

static int dump_has_stop(const char *s, size_t n);

/* Does s[0..n) look like one person's Chinese name: two or three Han characters, the first a
   common surname, the last not one that ends the name of an outlet or a place (新华社, 华商报,
   江西)? Used for a 来源 line that names a person (来源: 尹娟), which credits the author. */
static int dump_person_name(const char *s, size_t n)
{
	static const char surnames[] =
		"王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
		"程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦付白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
		"顾毛郝龚邵钱严覃武戴莫孔向汤常温康施牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿"
		"兰焦俞左柳甘祝包宁尚符舒阮纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
		"喻祁蒲房滕屈饶解牟艾尤阳穆农司卓吉缪简项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
		"宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池"
		"陳劉楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂鍾譚陸賈韋鄒龔錢嚴湯顏聶魯蘭傅張羅";
	static const char org_ends[] = "社报報网網台刊站部局会會院馆館厅廳委办辦处處所司团團队隊组組室"
				       "校视視闻聞讯訊刊省市县縣区區州镇鎮乡鄉村城山江河湖海西东東南北京"
				       "业業厂廠店行楼樓报道网友载載创創合都";
	size_t l, i = 0, count = 0;
	uint32_t first = 0, last = 0;
	while (i < n) {
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (c < 0x4E00 || c > 0x9FFF)
			return 0;
		if (!count)
			first = c;
		last = c;
		count++;
		i += l;
	}
	if (count < 2 || count > 3)
		return 0;
	int sur = 0, org = 0;
	for (size_t k = 0; k < sizeof surnames - 1; k += l)
		if (dump_cp(surnames + k, sizeof surnames - 1 - k, &l) == first)
			sur = 1;
	for (size_t k = 0; k < sizeof org_ends - 1; k += l)
		if (dump_cp(org_ends + k, sizeof org_ends - 1 - k, &l) == last)
			org = 1;
	return sur && !org;
}

/* ---- metadata lines ---- */

/* The key with a colon starting s[0..n), with *len = bytes through the colon and the spaces
   after it; NULL when none. The longest key wins (发布时间 over 时间). */
static const struct dump_key *dump_key_at(const char *s, size_t n, size_t *len)
{
	const struct dump_key *best = NULL;
	size_t best_k = 0, l;
	for (size_t i = 0; i < DUMP_N(dump_keys); i++) {
		size_t k = dump_lit(s, n, dump_keys[i].w);
		if (!k || k <= best_k)
			continue;
		size_t j = k;
		while (j < n && (s[j] == ' ' || s[j] == '\t'))
			j++;
		uint32_t sep = j < n ? dump_cp(s + j, n - j, &l) : 0;
		if (dump_is_colon(sep) || ((sep == '|' || sep == 0xFF5C) && j == k && j + l < n &&
					   !dump_is_space(dump_cp(s + j + l, n - j - l, &(size_t){0})))) {
			/* 来源：新华社, and 来源|广州参考 as WeChat articles credit */
			best = &dump_keys[i];
			best_k = k;
			j += l;
			while (j < n && dump_is_space(dump_cp(s + j, n - j, &l)))
				j += l;
			*len = j;
		} else if (dump_keys[i].k == DUMP_KEY_DATE && dump_ends(dump_keys[i].w, strlen(dump_keys[i].w), "于") &&
			   sep >= '0' && sep <= '9') {
			/* 发表于2014-08-24 21:30: a verb before its date takes no colon */
			best = &dump_keys[i];
			best_k = k;
			*len = j;
		}
	}
	return best;
}

static int dump_chrome_word(const char *s, size_t n)
{
	return dump_in(s, n, dump_chrome_words, DUMP_N(dump_chrome_words));
}

/* 星期三, 周三 */
static int dump_weekday(const char *s, size_t n)
{
	size_t k = dump_lit(s, n, "星期");
	if (!k)
		k = dump_lit(s, n, "周");
	if (!k)
		return 0;
	static const char *const days[] = {"一", "二", "三", "四", "五", "六", "日", "天"};
	return dump_in(s + k, n - k, days, DUMP_N(days));
}

/* End of the token at i: the next space or frame character. */
static size_t dump_token_end(const char *s, size_t n, size_t i)
{
	size_t l;
	while (i < n) {
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (dump_is_space(c) || dump_is_frame(c))
			break;
		i += l;
	}
	return i;
}

static size_t dump_counter(const char *s, size_t n);

/* Does another field start at s (a token start)? credit: also role words. */
static int dump_starts_field(const char *s, size_t n, int roles)
{
	char iso[DUMP_ISO_MAX];
	size_t k, rs, re;
	unsigned rank;
	if (dump_date(s, n, iso) || dump_key_at(s, n, &k) || dump_counter(s, n))
		return 1;
	size_t te = dump_token_end(s, n, 0);
	if (dump_chrome_word(s, te))
		return 1;
	return roles && dump_find_role(s, te, &rs, &re, &rank);
}

/* End of a field value or credit run starting at i: the next frame character, or the next
   token that starts another field. */
static size_t dump_value_end(const char *s, size_t n, size_t i, int roles)
{
	size_t l;
	int at_token = 0;
	while (i < n) {
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (dump_is_frame(c))
			return i;
		if (dump_is_space(c)) {
			at_token = 1;
		} else {
			if (at_token && dump_starts_field(s + i, n - i, roles))
				return i;
			at_token = 0;
		}
		i += l;
	}
	return n;
}

static int dump_is_kw_sep(uint32_t c)
{
	return dump_is_space(c) || c == 0x3001 || c == ',' || c == 0xFF0C || c == ';' ||
	       c == 0xFF1B || c == '|';
}

static enum err dump_keywords(struct dump_ctx *c, const char *s, size_t n, unsigned line)
{
	struct srcpos pos = {c->doc->file, line, 1};
	size_t i = 0, l;
	while (i < n) {
		while (i < n && dump_is_kw_sep(dump_cp(s + i, n - i, &l)))
			i += l;
		size_t e = i;
		while (e < n && !dump_is_kw_sep(dump_cp(s + e, n - e, &l)))
			e += l;
		if (e > i) {
			int dup = c->doc->n_keywords >= DUMP_MAX_KEYWORDS;
			for (size_t k = 0; k < c->doc->n_keywords && !dup; k++)
				dup = dump_eq(s + i, e - i, c->doc->keywords[k].text);
			if (!dup) {
				enum err e2 = doc_add_keyword(c->doc, s + i, e - i, pos);
				if (e2)
					return e2;
			}
		}
		i = e;
	}
	return ERR_OK;
}

/* c->role = s[0..n) with each run of spaces made one ASCII space. ERR_NOMEM. */
static enum err dump_collapse(struct dump_ctx *c, const char *s, size_t n)
{
	int space = 0;
	buf_reset(&c->role);
	for (size_t i = 0, l; i < n; i += l) {
		uint32_t ch = dump_cp(s + i, n - i, &l);
		if (dump_is_space(ch)) {
			space = 1;
			continue;
		}
		if (space)
			buf_putc(&c->role, ' ');
		space = 0;
		buf_put(&c->role, s + i, l);
	}
	return c->role.oom ? ERR_NOMEM : ERR_OK;
}

/* Sets field f to s[0..n) with each run of spaces made one ASCII space. */
static enum err dump_set_collapsed(struct dump_ctx *c, struct doc_field *f, const char *s,
				   size_t n, struct srcpos pos)
{
	if (dump_collapse(c, s, n))
		return ERR_NOMEM;
	return doc_set(c->doc, f, buf_cstr(&c->role), c->role.len, pos);
}

/* A bare URL: http://..., https://..., www.x.y */
static int dump_is_url(const char *s, size_t n)
{
	size_t k = dump_lit(s, n, "http://");
	if (!k)
		k = dump_lit(s, n, "https://");
	if (!k)
		k = dump_lit(s, n, "www.");
	if (!k || k == n)
		return 0;
	for (size_t i = k; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7F)
			return 0;
	return 1;
}

/* A source named without a key next to a date: 2022-04-06 14:30 湖北日报. */
/* The offset of the first wide gap in s[0..n) (a tab, two ideographic spaces, three spaces),
   or n. */
static size_t dump_gap_at(const char *s, size_t n)
{
	size_t run = 0, start = 0, l;
	for (size_t i = 0; i < n; i += l) {
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (c == '\t')
			return i;
		if (c == 0x3000 || c == ' ' || c == 0xA0) {
			if (!run)
				start = i;
			run += c == 0x3000 ? 3 : 2;
			if (run >= 6)
				return start;
		} else {
			run = 0;
		}
	}
	return n;
}

/* 来源： values that name no outlet (a reprint, the site itself, the web): the field is read
   and left empty, for a later 来源 line to fill. */
static const char *const dump_no_sources[] = {
	"转载", "转载文章", "转载自网络", "原创", "本站", "本网", "本站原创", "本网原创", "网络",
	"互联网", "网络转载", "未知", "不详", "其他", "其它", "综合", "網絡", "轉載", "原創",
};

/* Words that stand between the dates of a dateline, not an outlet: Updated April 29, 更新 … */
static const char *const dump_date_words[] = {
	"Updated", "UPDATED", "Update", "Published", "PUBLISHED", "Posted", "Modified", "Edited",
	"Actualizado", "Atualizado", "Aktualisiert", "Publicado", "Publié", "Mis", "更新", "修改",
	"最后更新", "最近更新", "發佈", "发布", "发表于", "发布于", "更新于", "發表於",
};

static int dump_source_guess(const char *s, size_t n)
{
	if (dump_in(s, n, dump_date_words, DUMP_N(dump_date_words)))
		return 0;
	size_t i = 0, cps = 0;
	while (i < n) {
		size_t l;
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (!(punct_is_han(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) || c == 0x4E28)
			return 0;
		cps++;
		i += l;
	}
	return cps >= 2 && cps <= 16;
}

/* After the names of a credit, a bracketed Latin form of the last one: 周思博 (Joel Spolsky).
   Returns the offset after it, or i when there is none. */
static size_t dump_alias_end(const char *s, size_t n, size_t i)
{
	size_t q = i, l;
	while (q < n && dump_is_space(dump_cp(s + q, n - q, &l)))
		q += l;
	uint32_t o = q < n ? dump_cp(s + q, n - q, &l) : 0;
	if (o != '(' && o != 0xFF08)
		return i;
	size_t start = q;
	q += l;
	int letters = 0;
	while (q < n && q - start < 48) {
		uint32_t x = dump_cp(s + q, n - q, &l);
		if (x == ')' || x == 0xFF09)
			return letters ? q + l : i;
		if ((x | 0x20) >= 'a' && (x | 0x20) <= 'z')
			letters = 1;
		else if (!(x == ' ' || x == '.' || x == '-' || x == '\''))
			return i;
		q += l;
	}
	return i;
}

/* A view or comment counter at the start of s[0..n): 阅读10544次, 阅读(1660), 评论(5),
   浏览：35 次. Returns its length, 0 when none. */
static size_t dump_counter(const char *s, size_t n)
{
	static const char *const words[] = {"阅读", "浏览", "点击", "评论", "人气", "访问", "閱讀", "瀏覽"};
	static const char *const units[] = {"次", "条", "人", "個", "个", "條"};
	size_t i = 0, l;
	if (n && s[0] >= '0' && s[0] <= '9') {
		/* the number first: 1164次阅读, 0 条评论, 2819人浏览 */
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		while (i < n && dump_is_space(dump_cp(s + i, n - i, &l)))
			i += l;
		for (size_t q = 0, k; q < DUMP_N(units); q++)
			if ((k = dump_lit(s + i, n - i, units[q]))) {
				i += k;
				break;
			}
		for (size_t q = 0, k; q < DUMP_N(words); q++)
			if ((k = dump_lit(s + i, n - i, words[q])))
				return i + k;
		return 0;
	}
	for (size_t q = 0; q < DUMP_N(words) && !i; q++)
		i = dump_lit(s, n, words[q]);
	if (!i)
		return 0;
	while (i < n && dump_is_space(dump_cp(s + i, n - i, &l)))
		i += l;
	uint32_t open = i < n ? dump_cp(s + i, n - i, &l) : 0;
	if (open == '(' || open == 0xFF08 || dump_is_colon(open) || open == '[')
		i += l;
	while (i < n && dump_is_space(dump_cp(s + i, n - i, &l)))
		i += l;
	size_t d = i;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == d)
		return 0;
	while (i < n && dump_is_space(dump_cp(s + i, n - i, &l)))
		i += l;
	uint32_t c = i < n ? dump_cp(s + i, n - i, &l) : 0;
	if (c == ')' || c == 0xFF09 || c == ']' || c == 0x6B21 /* 次 */ || c == 0x4EBA /* 人 */ ||
	    c == 0x6761 /* 条 */)
		i += l;
	return i;
}

static size_t dump_find_date(const char *s, size_t n, char iso[DUMP_ISO_MAX]);

/* An English byline: "By Jane Doe and John Roe, CNN", "Analysis by Joan Roe, CNN Senior
   Analyst", "By Amanda Tan November 19, 2023 7:18 pm". Returns the offset of the names (after
   "by "), 0 when s[0..n) is not one. */
static size_t dump_by_line(const char *s, size_t n)
{
	static const char *const lead[] = {"", "Analysis ", "Opinion ", "Commentary ", "Story ", "Words ", "Written "};
	if (n >= DUMP_CHROME_LINE_MAX)
		return 0;
	for (size_t q = 0; q < DUMP_N(lead); q++) {
		size_t k = strlen(lead[q]);
		if (n > k + 4 && !strncmp(s, lead[q], k) && (s[k] == 'B' || s[k] == 'b') && s[k + 1] == 'y' &&
		    s[k + 2] == ' ' && s[k + 3] >= 'A' && s[k + 3] <= 'Z')
			return k + 3;
	}
	return 0;
}

/* An English byline of a name and its post, no "By": Jane Doe Social affairs correspondent,
   John Roe Political editor (3 to 8 words, the last a post). Returns the bytes of the name, its
   first two words, both capitalised; else 0. */
static size_t dump_job_byline(const char *s, size_t n)
{
	static const char *const posts[] = {"correspondent", "editor", "reporter", "writer", "columnist",
					    "analyst", "producer", "critic", "journalist", "contributor"};
	size_t words = 0, name = 0, last = 0;
	if (n > 80)
		return 0;
	for (size_t i = 0; i < n;) {
		size_t b = i;
		while (i < n && s[i] != ' ')
			i++;
		for (size_t q = b; q < i; q++)
			if (!dump_alpha(s[q]) && s[q] != '-' && s[q] != '\'' && s[q] != '.')
				return 0;
		if (++words <= 2) {
			if (s[b] < 'A' || s[b] > 'Z')
				return 0;
			name = i;
		}
		last = b;
		while (i < n && s[i] == ' ')
			i++;
	}
	if (words < 3 || words > 8)
		return 0;
	for (size_t q = 0; q < DUMP_N(posts); q++)
		if (n - last == strlen(posts[q]) && !strncasecmp(s + last, posts[q], n - last))
			return name;
	return 0;
}

/* A personal name in Latin letters alone on a line: 2 or 3 words, each capitalised (or all in
   capitals), at most 40 bytes. */
static int dump_latin_name(const char *s, size_t n)
{
	if (n < 5 || n > 40)
		return 0;
	size_t words = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (!(s[i] >= 'A' && s[i] <= 'Z'))
			return 0;
		size_t j = i + 1;
		while (j < n && s[j] != ' ') {
			char ch = s[j];
			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '.' || ch == '-' || ch == '\''))
				return 0;
			j++;
		}
		words++;
		i = j;
	}
	return words >= 2 && words <= 3;
}

/* Is the word t[0..n) (trailing . and , dropped) one of words[0..m), ignoring case? */
static int dump_word_listed(const char *t, size_t n, const char *const *words, size_t m)
{
	while (n && (t[n - 1] == '.' || t[n - 1] == ','))
		n--;
	for (size_t i = 0; i < m; i++)
		if (strlen(words[i]) == n && !strncasecmp(t, words[i], n))
			return 1;
	return 0;
}

/* A word that ends the names of an English byline: a date or time part, a handle, a title. */
static int dump_by_stop(const char *t, size_t n)
{
	static const char *const words[] = {
		"updated", "published", "posted", "on", "at", "for", "in", "via", "from", "staff",
		"writer", "correspondent", "reporter", "editor", "senior", "chief", "analyst", "contributor",
		"mon", "tue", "wed", "thu", "fri", "sat", "sun",
	};
	char iso[DUMP_ISO_MAX];
	for (size_t i = 0; i < n; i++)
		if ((t[i] >= '0' && t[i] <= '9') || t[i] == '@')
			return 1;
	if (dump_month_at(t, n, 0, &(unsigned){0}) || dump_date(t, n, iso))
		return 1;
	return dump_word_listed(t, n, words, DUMP_N(words));
}

/* A job title in a byline: Senior Analyst, Staff Writer. */
static int dump_by_title(const char *t, size_t n)
{
	static const char *const words[] = {"staff", "writer", "correspondent", "reporter", "editor",
					    "senior", "chief", "analyst", "contributor"};
	return dump_word_listed(t, n, words, DUMP_N(words));
}

/* Reads the names of an English byline s[k..n) into one credit without a role (an outlet or
   an agency's initials after the names is dropped: "…, CNN", "…, The Daily"); a date after
   the names is the published date when none is known. Returns ERR_OK; *names counts them. */
static enum err dump_by_names(struct dump_ctx *c, const char *s, size_t n, size_t k, unsigned line,
			      int apply, size_t *names)
{
	struct srcpos pos = {c->doc->file, line, 1};
	enum err e = ERR_OK;
	size_t i = k, credit = 0;
	*names = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ',' && s[j] != '&' && s[j] != '|' && s[j] != ';' &&
		       !(j + 5 <= n && !memcmp(s + j, " and ", 5)))
			j++;
		/* the name: words up to a stop word */
		size_t a = i, b = i, l;
		while (a < j && dump_is_space(dump_cp(s + a, j - a, &l)))
			a += l;
		b = a;
		int stopped = 0;
		while (b < j) {
			size_t w = b;
			while (w < j && !dump_is_space(dump_cp(s + w, j - w, &l)))
				w += l;
			if (dump_by_stop(s + b, w - b)) {
				stopped = 1 + dump_by_title(s + b, w - b);
				break;
			}
			b = w;
			while (b < j && dump_is_space(dump_cp(s + b, j - b, &l)))
				b += l;
		}
		size_t m = b - a;
		const char *p = s + a;
		dump_trim(&p, &m);
		int upper = m && p[0] >= 'A' && p[0] <= 'Z', caps = 1;
		for (size_t q = 0; q < m; q++)
			caps &= !(p[q] >= 'a' && p[q] <= 'z');
		/* "…, CNN", "…, The Daily", "…, Example Senior Court Analyst", "Our Foreign Staff": not a
		   name */
		int outlet = (m > 4 && (!memcmp(p, "The ", 4) || !memcmp(p, "Our ", 4))) || (caps && m <= 5 && *names) ||
			     (stopped == 2 && *names);
		if (m && m <= 40 && upper && !outlet) {
			(*names)++;
			/* spaces collapsed: Joan\u00a0Biskupic is Joan Biskupic */
			if (dump_collapse(c, p, m))
				return ERR_NOMEM;
			if (apply && !dump_has_name(c->doc, c->role.p, c->role.len)) {
				if (!credit++ && (e = doc_add_credit(c->doc, "", 0, pos)))
					return e;
				if ((e = doc_add_name(c->doc, c->role.p, c->role.len)))
					return e;
			}
		}
		if (stopped) {
			char iso[DUMP_ISO_MAX];
			if (apply && !c->doc->published.text && dump_find_date(s + b, n - b, iso) &&
			    (e = doc_set(c->doc, &c->doc->published, iso, (size_t)-1, pos)))
				return e;
			break;
		}
		i = j < n ? j + (s[j] == ' ' ? 5 : 1) : n;
	}
	return e;
}

/* Reads s[0..n) as a metadata line. *flags gets DUMP_F_* for what it holds, 0 when it is not
   entirely metadata. With apply, the fields are stored (apply is only used on lines that
   classified as metadata, so nothing is stored for a line that turns out not to be). */
static enum err dump_meta(struct dump_ctx *c, const char *s, size_t n, unsigned line, int apply,
			  unsigned *flags)
{
	struct srcpos pos = {c->doc->file, line, 1};
	struct dump_credits cr;
	const char *guess = NULL;
	size_t i = 0, guess_n = 0, l, k;
	unsigned fl = 0;
	enum err e = ERR_OK;
	char iso[DUMP_ISO_MAX];

	*flags = 0;
	size_t by = c->page ? dump_by_line(s, n) : 0, names;
	if (by) {
		if ((e = dump_by_names(c, s, n, by, line, apply, &names)))
			return e;
		*flags = names ? DUMP_F_CREDIT | DUMP_F_WRAPPED : 0;
		return ERR_OK;
	}
	if (dump_has_stop(s, n)) /* sentences are not metadata; also keeps this fast */
		return ERR_OK;
	for (;;) {
		while (i < n) {
			uint32_t ch = dump_cp(s + i, n - i, &l);
			if (!dump_is_space(ch) && !dump_is_frame(ch) && !dump_is_marker(ch))
				break;
			i += l;
		}
		if (i >= n)
			break;
		if ((k = dump_date(s + i, n - i, iso))) {
			if (apply && !c->doc->published.text &&
			    (e = doc_set(c->doc, &c->doc->published, iso, (size_t)-1, pos)))
				return e;
			fl |= DUMP_F_DATE;
			i += k;
			continue;
		}
		const struct dump_key *key = dump_key_at(s + i, n - i, &k);
		if (key) {
			i += k;
			if (key->k == DUMP_KEY_REST) {
				fl |= DUMP_F_OTHER;
				break;
			}
			if (key->k == DUMP_KEY_DATE && (k = dump_date(s + i, n - i, iso))) {
				if (apply && !c->doc->published.text &&
				    (e = doc_set(c->doc, &c->doc->published, iso, (size_t)-1, pos)))
					return e;
				fl |= DUMP_F_DATE;
				i += k;
				continue;
			}
			size_t ve = dump_value_end(s, n, i, 1);
			const char *v = s + i;
			size_t vn = ve - i;
			dump_trim(&v, &vn);
			i = ve;
			switch (key->k) {
			case DUMP_KEY_SOURCE:
				fl |= DUMP_F_SOURCE;
				/* the outlet ends at a wide gap: 来源: 第一财经日报　　　网友评论 0 条 */
				vn = dump_gap_at(v, vn);
				if (dump_person_name(v, vn)) {
					/* 来源: 尹娟 names the author, not an outlet */
					if (apply && !c->doc->n_byline &&
					    ((e = doc_add_credit(c->doc, "", 0, pos)) ||
					     (e = doc_add_name(c->doc, v, vn))))
						return e;
					break;
				}
				if (apply && vn && !c->doc->source.text &&
				    !dump_in(v, vn, dump_no_sources, DUMP_N(dump_no_sources)) &&
				    (e = dump_set_collapsed(c, &c->doc->source, v, vn, pos)))
					return e;
				break;
			case DUMP_KEY_KEYWORDS:
				fl |= DUMP_F_KEYWORDS;
				if (apply && (e = dump_keywords(c, v, vn, line)))
					return e;
				break;
			case DUMP_KEY_URL:
				fl |= DUMP_F_URL;
				if (apply && vn && !c->doc->url.text &&
				    (e = doc_set(c->doc, &c->doc->url, v, dump_token_end(v, vn, 0), pos)))
					return e;
				break;
			default:
				fl |= DUMP_F_OTHER;
				break;
			}
			continue;
		}
		size_t te = dump_token_end(s, n, i);
		if (dump_is_url(s + i, te - i)) {
			fl |= DUMP_F_URL;
			if (apply && !c->doc->url.text &&
			    (e = doc_set(c->doc, &c->doc->url, s + i, te - i, pos)))
				return e;
			i = te;
			continue;
		}
		if ((k = dump_counter(s + i, n - i))) {
			i += k;
			continue;
		}
		if (dump_chrome_word(s + i, te - i) || dump_weekday(s + i, te - i)) {
			i = te;
			continue;
		}
		if (fl && (dump_lit(s + i, te - i, "返回") || dump_lit(s + i, te - i, "查看更多")))
			break; /* 【编辑：刘欢】 返回搜狐，查看更多: a link after the fields */
		size_t ce = dump_value_end(s, n, i, 0), rs, re;
		unsigned rank;
		if (dump_find_role(s + i, te - i, &rs, &re, &rank) && !rs) {
			/* a role with no name, then another field or nothing: a blog's 编辑 (edit)
			   link, an empty 责任编辑： */
			size_t q = i + re;
			while (q < te && dump_is_colon(dump_cp(s + q, te - q, &l)))
				q += l;
			size_t after = q;
			while (after < n && dump_is_space(dump_cp(s + after, n - after, &l)))
				after += l;
			if (q == te && (after == n || dump_starts_field(s + after, n - after, 0))) {
				fl |= rank ? DUMP_F_EDITOR : DUMP_F_CREDIT;
				i = te;
				continue;
			}
		}
		uint32_t bar = ce < n ? dump_cp(s + ce, n - ce, &l) : 0;
		size_t re_bar = ce; /* the role before the bar, without the spaces before it */
		while (re_bar > i && dump_is_space(dump_back(s, re_bar, &rs)))
			re_bar = rs;
		if ((bar == '|' || bar == 0xFF5C || bar == 0x4E28) &&
		    ((dump_find_role(s + i, re_bar - i, &rs, &re, &rank) && !rs && re == re_bar - i) ||
		     dump_in(s + i, re_bar - i, dump_short_roles, DUMP_N(dump_short_roles))))
			ce = dump_value_end(s, n, ce + l, 1); /* 责编|陈梦莹, 文 | 张三, 文丨张三 编辑丨王五 */
		if (dump_credits_parse(s + i, ce - i, &cr)) {
			for (size_t q = 0; q < cr.n; q++)
				fl |= cr.cr[q].rank ? DUMP_F_EDITOR : DUMP_F_CREDIT;
			/* the bracketed Latin form belongs to the last name: 周思博 (Joel Spolsky) is one
			   person, kept as shown */
			size_t ae = dump_alias_end(s, n, ce), ne = SIZE_MAX;
			if (cr.n_names) {
				ne = (size_t)(cr.name[cr.n_names - 1] + cr.name_n[cr.n_names - 1] - s);
				while (ne < ce && dump_is_space(dump_cp(s + ne, ce - ne, &l)))
					ne += l;
			}
			if (ae > ce && ne == ce)
				cr.name_n[cr.n_names - 1] = (size_t)(s + ae - cr.name[cr.n_names - 1]);
			if (apply && (e = dump_credits_apply(c, &cr, line)))
				return e;
			i = ae;
			continue;
		}
		if (!guess && !(fl & DUMP_F_SOURCE) && dump_source_guess(s + i, te - i)) {
			guess = s + i;
			guess_n = te - i;
			/* the key glued to its value, no colon: 来源CSDN */
			for (size_t q = 0, k; q < DUMP_N(dump_keys); q++)
				if (dump_keys[q].k == DUMP_KEY_SOURCE && (k = dump_lit(guess, guess_n, dump_keys[q].w)) &&
				    k < guess_n) {
					guess += k;
					guess_n -= k;
					break;
				}
			i = te;
			continue;
		}
		return ERR_OK; /* free text: not a metadata line */
	}
	if (guess) {
		if (!(fl & DUMP_F_DATE) || (fl & DUMP_F_SOURCE))
			return ERR_OK;
		fl |= DUMP_F_SOURCE;
		if (apply && !c->doc->source.text &&
		    (e = doc_set(c->doc, &c->doc->source, guess, guess_n, pos)))
			return e;
	}
	*flags = fl;
	return ERR_OK;
}

/* ---- line classes ---- */

static int dump_end_line(const char *s, size_t n)
{
	size_t i = 0, l, st;
	while (i < n && dump_is_chrome_sep(dump_cp(s + i, n - i, &l)))
		i += l;
	while (n > i && dump_is_chrome_sep(dump_back(s, n, &st)))
		n = st;
	return dump_eq(s + i, n - i, "完") || dump_eq(s + i, n - i, "全文完") ||
	       dump_eq(s + i, n - i, "END") || dump_eq(s + i, n - i, "End") ||
	       dump_eq(s + i, n - i, "end");
}

/* Icon-font glyphs (Private Use Area) that come along when page buttons are copied. */
static int dump_icons(const char *s, size_t n)
{
	for (size_t i = 0, l; i < n; i += l) {
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (c < 0xE000 || c > 0xF8FF)
			return 0;
	}
	return n > 0;
}

/* A line of raw markup that a page shows as text (a <noscript> tracking pixel: <img src=…
   style="display:none" />, <link …>): it opens a tag and at least half its bytes are inside
   tags. */
static int dump_markup_line(const char *s, size_t n)
{
	if (n < 3 || s[0] != '<' || !(((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z') || s[1] == '/' || s[1] == '!'))
		return 0;
	size_t in = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '<')
			continue;
		const char *e = memchr(s + i, '>', n - i);
		if (!e)
			break;
		in += (size_t)(e - (s + i)) + 1;
		i = (size_t)(e - s);
	}
	return 2 * in >= n;
}

/* 欢迎下载…APP and the like (dump_chrome_line). */
static int dump_app_promo(const char *s, size_t n)
{
	static const char *const invite[] = {"欢迎下载", "歡迎下載", "请下载", "請下載", "立即下载",
					     "立即下載", "马上下载", "馬上下載", "扫码下载", "掃碼下載",
					     "点击下载", "點擊下載", "快下载", "快下載"};
	static const char *const app[] = {"APP", "App", "app", "客户端", "客戶端", "應用程式"};
	for (size_t q = 0; q < DUMP_N(invite); q++) {
		const char *p = memmem(s, n, invite[q], strlen(invite[q]));
		if (!p)
			continue;
		size_t at = (size_t)(p - s) + strlen(invite[q]), l;
		for (int cps = 0; at < n && cps <= 16; cps++) {
			for (size_t a = 0; a < DUMP_N(app); a++)
				if (dump_lit(s + at, n - at, app[a]))
					return 1;
			dump_cp(s + at, n - at, &l);
			at += l ? l : 1;
		}
	}
	return 0;
}

/* A download button: 下载 with a file format or 附件 before or after it (pdf下载, word下载,
   下载PDF, 附件下载), or 下载 alone. */
static int dump_download_token(const char *s, size_t n)
{
	static const char *const formats[] = {"pdf", "word", "doc", "docx", "wps", "ofd", "xls", "xlsx",
					      "excel", "txt", "epub", "zip", "rar", "附件", "全文", "原文"};
	size_t k = strlen("下载");
	const char *f = s;
	if (dump_lit(s, n, "下载"))
		f = s + k;
	else if (!dump_ends(s, n, "下载"))
		return 0;
	size_t fn = n - k;
	if (!fn)
		return 1;
	for (size_t q = 0; q < DUMP_N(formats); q++)
		if (strlen(formats[q]) == fn && !strncasecmp(f, formats[q], fn))
			return 1;
	return 0;
}

/* A photo's credit, alone or closing its caption (… parked on a Harare street on Thursday
   Credit: STR/AFP, Credit: Riot Games): the label, then at most 48 bytes that hold no
   sentence. */
static int dump_photo_credit(const char *s, size_t n)
{
	/* not Photo: or Foto:, which may also describe the picture (Foto: el presidente en Madrid) */
	static const char *const labels[] = {"Credit:", "Credits:", "Photo credit:", "Image credit:"};
	for (size_t q = 0; q < DUMP_N(labels); q++) {
		size_t k = strlen(labels[q]);
		const char *p = NULL;
		for (const char *r = s; (r = memmem(r, n - (size_t)(r - s), labels[q], k)); r += k)
			p = r;
		if (!p || (p > s && p[-1] != ' ' && (unsigned char)p[-1] != 0xA0))
			continue;
		const char *v = p + k;
		size_t vn = n - (size_t)(v - s);
		dump_trim(&v, &vn);
		if (vn && vn <= 48 && !dump_has_stop(v, vn) && !memmem(v, vn, ". ", 2))
			return 1;
	}
	return 0;
}

/* A paywall's notice where the free part of an article ends (［有料会員限定］この記事は会員限定
   です。電子版に登録すると続きをお読みいただけます。, Subscribe to continue reading): at most
   DUMP_PROMO_MAX characters. */
static int dump_paywall(const char *s, size_t n, size_t chars)
{
	static const char *const words[] = {
		"続きをお読みいただけます", "この記事は会員限定", "有料会員限定", "Subscribe to continue reading",
		"subscribe to continue reading", "Subscribe to read the full", "for subscribers only",
		"订阅后阅读全文", "付费后阅读全文", "登录后阅读全文", "购买后阅读全文", "訂閱後閱讀全文",
		"付費後閱讀全文", "登入後閱讀全文",
	};
	if (chars > DUMP_PROMO_MAX)
		return 0;
	for (size_t q = 0; q < DUMP_N(words); q++)
		if (memmem(s, n, words[q], strlen(words[q])))
			return 1;
	return 0;
}

/* A caption or credit labelled as such (Image caption …, Media caption …, Image copyright
   Getty Images), as some sites print them under pictures and videos. */
static int dump_caption_label(const char *s, size_t n)
{
	static const char *const labels[] = {"Image caption", "Media caption", "Image copyright", "Image source",
					     "Picture caption", "Video caption"};
	for (size_t q = 0; q < DUMP_N(labels); q++) {
		size_t k = dump_lit(s, n, labels[q]);
		if (k && (k == n || s[k] == ' ' || s[k] == ':' || (unsigned char)s[k] >= 0x80))
			return 1;
	}
	return 0;
}

static int dump_relative_time(const char *s, size_t n);

static int dump_chrome_line(const char *s, size_t n, size_t chars)
{
	size_t i = dump_skip_chrome_sep(s, n, 0), l, k;
	if (dump_markup_line(s, n))
		return 1;
	if (i >= n) /* decoration only, but * * * is a section break */
		return !memchr(s, '*', n) && !memmem(s, n, "＊", strlen("＊"));
	if (chars <= DUMP_CHROME_LINE_MAX) {
		for (size_t q = 0; q < DUMP_N(dump_chrome_prefixes); q++)
			if (dump_lit(s + i, n - i, dump_chrome_prefixes[q]))
				return 1;
		for (size_t q = 0; q < DUMP_N(dump_chrome_starts); q++)
			if ((k = dump_lit(s + i, n - i, dump_chrome_starts[q])) &&
			    (i + k == n || dump_is_chrome_sep(dump_cp(s + i + k, n - i - k, &l))))
				return 1;
		/* a link back to the portal: 返回搜狐，查看更多; a counter alone: 阅读 (1234) */
		if (chars <= 16 && (dump_ends(s, n, "查看更多") || dump_ends(s, n, "查看更多>>")))
			return 1;
		if ((k = dump_counter(s + i, n - i)) && i + k == n)
			return 1;
		/* a time relative to the day the page was seen (3 小时前, 昨天, 2 hours ago): read as a
		   dateline's mark, never printed, no date guessed */
		if (dump_relative_time(s + i, n - i))
			return 1;
		/* a tip line: 澎湃新闻报料：021-962866 */
		const char *tip = memmem(s, n, "报料", strlen("报料"));
		if (chars <= 40 && tip && (size_t)(tip - s) + strlen("报料") < n &&
		    dump_is_colon(dump_cp(tip + strlen("报料"), n - (size_t)(tip - s) - strlen("报料"), &l)))
			return 1;
		/* breadcrumbs: 首页 > 新闻 > 正文 */
		if (dump_lit(s + i, n - i, "首页")) {
			for (size_t j = i; j < n; j += l) {
				uint32_t c = dump_cp(s + j, n - j, &l);
				if (c == '>' || c == 0xFF1E || c == 0xBB || c == 0x203A || c == 0x2192)
					return 1;
			}
		}
	}
	/* a promotion with a call to action in brackets (…火热进行中！【点击投票】Pick你心目中的…) */
	if (chars <= DUMP_PROMO_MAX && dump_back(s, n, &k) != 0x3002) {
		const char *p = memmem(s, n, "【点击", strlen("【点击"));
		if (p) {
			size_t at = (size_t)(p - s) + strlen("【点击"), cps = 0;
			while (at < n && cps <= 4) {
				uint32_t c = dump_cp(s + at, n - at, &l);
				if (c == 0x3011)
					return cps >= 1;
				at += l;
				cps++;
			}
		}
	}
	/* an invitation to download the site's app (還想看更多新聞嗎？歡迎下載自由時報APP，…:
	   typography review D17): an inviting word, then 下载 and the app within 16 characters */
	if (chars <= DUMP_PROMO_MAX && dump_app_promo(s, n))
		return 1;
	/* a picture's file name in place of the picture: google.JPG */
	if (chars <= DUMP_CHROME_LINE_MAX && !memchr(s, ' ', n)) {
		static const char *const exts[] = {".jpg", ".jpeg", ".png", ".gif", ".webp"};
		for (size_t q = 0; q < DUMP_N(exts); q++) {
			size_t m = strlen(exts[q]);
			if (n > m && !strncasecmp(s + n - m, exts[q], m))
				return 1;
		}
	}
	/* reading time: 11 minute read, 7-minute read, 3 min read */
	if (chars <= 20 && i < n && s[i] >= '0' && s[i] <= '9' &&
	    (dump_ends(s, n, "minute read") || dump_ends(s, n, "min read") || dump_ends(s, n, "mins read")))
		return 1;
	/* footers */
	if (chars <= DUMP_TAIL_LINE_MAX && (dump_lit(s, n, "Copyright") || dump_lit(s, n, "©")))
		return 1;
	if (chars <= DUMP_META_MAX)
		for (size_t q = 0; q < DUMP_N(dump_notice_starts); q++)
			if (dump_lit(s + i, n - i, dump_notice_starts[q]))
				return 1;
	if (chars <= DUMP_CHROME_LINE_MAX && !memmem(s, n, "。", strlen("。")))
		for (size_t q = 0; q < DUMP_N(dump_footer_words); q++)
			if (memmem(s, n, dump_footer_words[q], strlen(dump_footer_words[q])))
				return 1;
	/* every token a chrome word: 打印 放大 缩小, 【字体：大 中 小】【打印】【关闭】 */
	size_t numbers = 0, framed = 0;
	for (size_t j = 0; j < n; j += l) {
		uint32_t ch = dump_cp(s + j, n - j, &l);
		if (dump_is_frame(ch))
			framed = 1;
		else if (dump_is_colon(ch) || ch == '-' || ch == 0x2014 || ch == '/' || ch == '.')
			framed = 2; /* times, dates, ranges: 9:20—9:50 is not pagination */
	}
	while (i < n) {
		size_t e = dump_chrome_token_end(s, n, i);
		if (dump_digits(s, n, i, 1, 4, &(unsigned){0}) == e - i)
			numbers++; /* pagination: [1] [2] [3], 1 2 3 下一页 */
		else if (dump_chrome_word(s + i, e - i) || dump_icons(s + i, e - i) || dump_download_token(s + i, e - i))
			framed = framed ? framed : 1;
		else
			return 0;
		i = dump_skip_chrome_sep(s, n, e);
	}
	return !numbers || (numbers >= 2 && framed == 1);
}

/* The heading of a site's copyright notice or disclaimer, nothing after it (振兴东北网版权与免责
   声明：, 版权声明): the notice follows, the article has ended. */
static int dump_notice_heading(const char *s, size_t n, size_t chars)
{
	static const char *const words[] = {"免责声明", "版权声明", "版权说明", "免責聲明", "版權聲明", "版權說明"};
	size_t st;
	if (chars > DUMP_TAIL_LINE_MAX)
		return 0;
	while (n && dump_is_colon(dump_back(s, n, &st)))
		n = st;
	for (size_t q = 0; q < DUMP_N(words); q++)
		if (dump_ends(s, n, words[q]))
			return 1;
	return 0;
}

static int dump_tail_line(const char *s, size_t n, size_t chars)
{
	if (chars > DUMP_TAIL_LINE_MAX)
		return 0;
	size_t i = dump_skip_chrome_sep(s, n, 0), l;
	for (size_t q = 0; q < DUMP_N(dump_tail_words); q++) {
		size_t k = strlen(dump_tail_words[q]);
		if ((unsigned char)dump_tail_words[q][0] < 0x80)
			k = n - i >= k && !strncasecmp(s + i, dump_tail_words[q], k) ? k : 0;
		else
			k = dump_lit(s + i, n - i, dump_tail_words[q]);
		if (k && (i + k == n || dump_is_chrome_sep(dump_cp(s + i + k, n - i - k, &l)) ||
			  dump_is_colon(dump_cp(s + i + k, n - i - k, &l)) || dump_lit(s + i + k, n - i - k, "更多"))) {
			/* 最近更新：2022-04-06 14:30 is a dateline, not the list's heading */
			size_t j = i + k;
			char iso[DUMP_ISO_MAX];
			while (j < n && (dump_is_space(dump_cp(s + j, n - j, &l)) || dump_is_colon(dump_cp(s + j, n - j, &l))))
				j += l;
			if (j < n && dump_date(s + j, n - j, iso))
				return 0;
			return 1;
		}
	}
	/* headings that also open a line of text or a single link inside the article
	   (〔即時新聞／綜合報導〕…, 延伸阅读：…): a tail only alone on their line */
	static const char *const alone[] = {"延伸阅读", "延伸閱讀", "即時新聞", "最新新聞", "更多新聞", "看更多"};
	for (size_t q = 0, k; q < DUMP_N(alone); q++)
		if ((k = dump_lit(s + i, n - i, alone[q]))) {
			size_t e = i + k;
			while (e < n && (dump_is_space(dump_cp(s + e, n - e, &l)) || dump_is_colon(dump_cp(s + e, n - e, &l))))
				e += l;
			if (e == n)
				return 1;
		}
	return 0;
}

/* Numbering style of a heading-like line: 1 一、 2 （一） 3 1. 4 （1） 5 第一章; 0 none. */
static unsigned dump_numbered(const char *s, size_t n)
{
	static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九",
					 "十", "百", "零", "〇", "两"};
	size_t i = 0, l, k, digits = 0, cnum = 0;
	uint32_t c = dump_cp(s, n, &l);
	int paren = c == '(' || c == 0xFF08, di = 0;
	if (paren || c == 0x7B2C /* 第 */)
		i += l;
	for (;;) {
		size_t m = 0;
		for (size_t q = 0; q < DUMP_N(cn) && !m; q++)
			m = dump_lit(s + i, n - i, cn[q]);
		if (!m || cnum >= 4)
			break;
		i += m;
		cnum++;
	}
	if (!cnum && (di = (int)dump_digits(s, n, i, 1, 2, &(unsigned){0})))
		i += (size_t)di, digits = 1;
	if (!cnum && !digits)
		return 0;
	if (i >= n)
		return 0;
	c = dump_cp(s + i, n - i, &l);
	unsigned style = 0;
	if (paren && (c == ')' || c == 0xFF09))
		style = cnum ? 2 : 4;
	else if (!paren && dump_cp(s, n, &k) == 0x7B2C)
		style = (c == 0x7AE0 || c == 0x8282 || c == 0x7BC7 || c == 0x90E8) ? 5 : 0; /* 章节篇部 */
	else if (!paren && cnum && (c == 0x3001 || c == 0xFF0E))
		style = 1;
	else if (!paren && digits && (c == '.' || c == 0xFF0E || c == 0x3001))
		style = 3;
	if (!style)
		return 0;
	i += l;
	/* something must follow, and "3.5" is a number, not a heading */
	if (i >= n || (style == 3 && s[i] >= '0' && s[i] <= '9'))
		return 0;
	return style;
}

/* The last character that is not a closing quote or bracket. */
static uint32_t dump_last_sig(const char *s, size_t n)
{
	size_t st;
	while (n) {
		uint32_t c = dump_back(s, n, &st);
		if (!(c == 0x201D || c == 0x2019 || c == '"' || c == '\'' || c == 0x300D ||
		      c == 0x300F || c == ')' || c == 0xFF09 || c == 0x300B || c == 0x3009 ||
		      c == 0x3011 || c == ']'))
			return c;
		n = st;
	}
	return 0;
}

static int dump_is_stop(uint32_t c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?';
}

/* Punctuation that cannot end a subhead: sentence ends, pauses, a colon leading in. */
static int dump_is_ender(uint32_t c)
{
	return dump_is_stop(c) || c == 0xFF1B || c == ';' || c == 0x2026 || c == 0xFF0C ||
	       c == ',' || c == 0x3001 || c == 0xFF1A || c == ':' || c == '.' || c == 0xFF0E;
}

static int dump_has_stop(const char *s, size_t n)
{
	for (size_t i = 0, l; i < n; i += l)
		if (dump_is_stop(dump_cp(s + i, n - i, &l)))
			return 1;
	return 0;
}

static int dump_is_wrapped(const char *s, size_t n)
{
	size_t l, st;
	uint32_t a = dump_cp(s, n, &l), b = dump_back(s, n, &st);
	return st > 0 && ((a == '(' && b == ')') || (a == 0xFF08 && b == 0xFF09) ||
			  (a == '(' && b == 0xFF09) || (a == 0xFF08 && b == ')') ||
			  (a == 0x3010 && b == 0x3011) || (a == '[' && b == ']'));
}

static void dump_classify(struct dump_ctx *c, struct dump_line *L)
{
	unsigned fl = 0;
	L->kind = DUMP_TEXT;
	if (dump_end_line(L->s, L->n))
		L->kind = DUMP_END;
	else if (dump_notice_heading(L->s, L->n, L->chars))
		L->kind = DUMP_TAIL; /* before the footer words it holds make it chrome */
	else if (dump_chrome_line(L->s, L->n, L->chars))
		L->kind = DUMP_CHROME;
	else if (dump_tail_line(L->s, L->n, L->chars) ||
		 (c->page && L->edit && dump_in(L->s, L->n, dump_wiki_tails, DUMP_N(dump_wiki_tails))))
		L->kind = DUMP_TAIL;
	else if (L->chars <= DUMP_META_MAX && (dump_meta(c, L->s, L->n, L->line, 0, &fl), fl)) {
		L->kind = DUMP_META;
		L->flags = (unsigned char)(fl | (dump_is_wrapped(L->s, L->n) ? DUMP_F_WRAPPED : 0));
	}
	L->num = (unsigned char)dump_numbered(L->s, L->n);
	L->cand = L->chars <= DUMP_SUBHEAD_MAX && !dump_has_stop(L->s, L->n) &&
		  !dump_is_ender(dump_last_sig(L->s, L->n));
}

/* Metadata read even inside the body: editor and keyword lines, bracketed bylines. */
static int dump_middle_meta(const struct dump_line *L)
{
	unsigned fl = L->flags;
	/* a line with an editor credit is never body text: 本文来源：每日经济新闻 责任编辑：杨倩,
	   编辑： 吕峥 来源： 千龙网, 供稿 摄影/张艳 编辑/苏芳 */
	if ((fl & DUMP_F_EDITOR) && !(fl & DUMP_F_DATE))
		return 1;
	if (fl & ~(unsigned)(DUMP_F_EDITOR | DUMP_F_KEYWORDS | DUMP_F_CREDIT | DUMP_F_WRAPPED))
		return 0;
	return !(fl & DUMP_F_CREDIT) || (fl & DUMP_F_WRAPPED);
}

/* ---- paragraphs ---- */

/* Length of an end mark closing s[0..n), 0 when none. */
static size_t dump_end_suffix(const char *s, size_t n)
{
	for (size_t q = 0; q < DUMP_N(dump_end_marks); q++)
		if (dump_ends(s, n, dump_end_marks[q]))
			return strlen(dump_end_marks[q]);
	return 0;
}

/* Cuts end marks from s[0..*n), and, on the last paragraph, a closing bracket group that is
   all metadata (（记者 张三）, 【责任编辑：李四】), which is read. */
static int dump_bare_name(const char *s, size_t n);

/* Bare names in brackets closing the last paragraph: 常书香 马丹阳, 姚峰 上海报道 (a place and
   报道 after one name). Returns how many names s[0..n) holds (0: it is something else: 待续,
   新华社); with apply they are stored as one credit without a role (-1: out of memory). */
static int dump_bracket_names(struct dump_ctx *c, const char *s, size_t n, unsigned line, int apply)
{
	const char *tok[4];
	size_t tn[4], k = 0, i = 0, l;
	while (i < n) {
		while (i < n && (dump_is_space(dump_cp(s + i, n - i, &l)) || dump_cp(s + i, n - i, &l) == 0x3001))
			i += l;
		if (i >= n)
			break;
		size_t e = i;
		while (e < n && !dump_is_space(dump_cp(s + e, n - e, &l)) && dump_cp(s + e, n - e, &l) != 0x3001)
			e += l;
		if (k == 4)
			return 0;
		tok[k] = s + i;
		tn[k++] = e - i;
		i = e;
	}
	size_t names = k;
	if (k == 2 && (dump_ends(tok[1], tn[1], "报道") || dump_ends(tok[1], tn[1], "報導")))
		names = 1; /* 姚峰 上海报道 */
	if (!names)
		return 0;
	for (size_t q = 0; q < names; q++)
		if (!dump_bare_name(tok[q], tn[q]))
			return 0;
	if (!apply || c->doc->n_byline)
		return (int)names;
	struct srcpos pos = {c->doc->file, line, 1};
	if (doc_add_credit(c->doc, "", (size_t)-1, pos))
		return -1;
	for (size_t q = 0; q < names; q++)
		if (doc_add_name(c->doc, tok[q], tn[q]))
			return -1;
	return (int)names;
}

static enum err dump_strip_end(struct dump_ctx *c, const char *s, size_t *n, unsigned line,
			       int last)
{
	for (int round = 0; round < 4; round++) {
		size_t m = *n, k, st;
		const char *p = s;
		if ((k = dump_end_suffix(s, m))) {
			m -= k;
			dump_trim(&p, &m);
			*n = m;
			continue;
		}
		if (!last || !m)
			break;
		uint32_t close = dump_back(s, m, &st), open = 0;
		switch (close) {
		case ')': case 0xFF09: open = 0xFF08; break;
		case 0x3011: open = 0x3010; break;
		case ']': open = '['; break;
		}
		if (!open)
			break;
		size_t o = st, cps = 0, ps = 0;
		int found = 0;
		while (o > 0 && cps < DUMP_BRACKET_MAX) {
			uint32_t pc = dump_back(s, o, &ps);
			if (pc == open || (open == 0xFF08 && pc == '(')) {
				found = 1;
				break;
			}
			if (pc == close)
				break;
			o = ps;
			cps++;
		}
		if (!found || ps == 0)
			break; /* the whole paragraph in brackets: leave it */
		unsigned fl;
		dump_meta(c, s + o, st - o, line, 0, &fl);
		int names = 0;
		if (!fl && ps > 0 && dump_is_stop(dump_last_sig(s, ps)) &&
		    (names = dump_bracket_names(c, s + o, st - o, line, 0)) > 0) {
			/* ……新春佳节。（常书香 马丹阳） and （姚峰 上海报道）: the reporters, after the last
			   sentence; read and, as the HTML reader does, left in the text */
			return dump_bracket_names(c, s + o, st - o, line, 1) < 0 ? ERR_NOMEM : ERR_OK;
		}
		if (!fl || (fl & (DUMP_F_OTHER | DUMP_F_URL)))
			break;
		enum err e = dump_meta(c, s + o, st - o, line, 1, &fl);
		if (e)
			return e;
		m = ps;
		dump_trim(&p, &m);
		*n = m;
	}
	return ERR_OK;
}

/* A dateline's own words before a byline: 新华社北京9月8日电, 本报讯, 央视网消息, 南都讯. */
static int dump_dateline_end(const char *s, size_t n)
{
	return dump_ends(s, n, "电") || dump_ends(s, n, "讯") || dump_ends(s, n, "訊") ||
	       dump_ends(s, n, "電") || dump_ends(s, n, "消息");
}

/* Unbracketed credits at the start of the first paragraph, s[i..n) (i after a dateline,
   dated = 1, or 0 at the start): 记者张三、李四报道：, 记者张三 通讯员李四 (then the text),
   本报记者 张三　(then the text). Space-separated tokens are taken while they read as
   credits; the run must end with 报道, a colon, or a space before the text, and when it ends
   with a space only, follow a dateline or open with an outlet's reporter (本报记者), so that
   记者 张三 表示 ... is left alone. */
static enum err dump_dateline_run(struct dump_ctx *c, const char *s, size_t n, size_t i,
				  int dated, unsigned line, int *found)
{
	size_t l, best = 0, cps = 0, e = i;
	int ended = 0;
	struct dump_credits cr;
	while (e < n && cps < DUMP_BRACKET_MAX) {
		/* the next token: up to a space, a colon, or 报道 followed by a colon or a space */
		size_t t = e;
		while (t < n && dump_is_space(dump_cp(s + t, n - t, &l)))
			t += l;
		size_t te = t;
		int stop = 0;
		while (te < n) {
			uint32_t ch = dump_cp(s + te, n - te, &l);
			if (dump_is_space(ch) || dump_is_colon(ch))
				break;
			size_t r = dump_lit(s + te, n - te, "报道");
			if (!r)
				r = dump_lit(s + te, n - te, "報導");
			if (r && te > t && (te + r == n || dump_is_space(dump_cp(s + te + r, n - te - r, &l)) ||
					    dump_is_colon(dump_cp(s + te + r, n - te - r, &l)))) {
				stop = 1;
				break;
			}
			te += l;
			cps++;
		}
		if (te == t || dump_has_stop(s + t, te - t) || dump_count(s + t, te - t) > DUMP_NAME_MAX * 2)
			break;
		e = te;
		if (!dump_credits_parse(s + i, te - i, &cr))
			continue; /* 本报记者 alone: its names follow */
		best = te;
		if (stop || (te < n && dump_is_colon(dump_cp(s + te, n - te, &l)))) {
			ended = 1;
			break;
		}
	}
	if (!best || !dump_credits_parse(s + i, best - i, &cr))
		return ERR_OK;
	if (!ended) {
		size_t rs, re;
		unsigned rank;
		if (best >= n || !dump_is_space(dump_cp(s + best, n - best, &l)))
			return ERR_OK; /* glued to the text */
		if (!dated && !(dump_find_role(s + i, best - i, &rs, &re, &rank) && rs > 0 &&
				dump_org_prefix(s + i, rs)))
			return ERR_OK;
	}
	for (size_t k = 0; k < cr.n; k++)
		if (cr.cr[k].rank)
			return ERR_OK; /* 编辑 at the head of the text is not a byline */
	*found = 1;
	return dump_credits_apply(c, &cr, line);
}

/* Reads the byline in the dateline of the first paragraph: 本报讯（记者 张三 通讯员 李四）,
   新华社北京4月6日电（记者 王五、赵六）, 【环球时报记者 张三】, 【环球网报道 记者 张三】,
   新华社北京4月6日电 记者王五报道：, 南都讯 记者张三 通讯员李四 ... (dump_dateline_run). The text
   itself is kept. */
static enum err dump_dateline(struct dump_ctx *c, const char *s, size_t n, unsigned line)
{
	size_t i = 0, cps = 0, l;
	while (i < n && cps < DUMP_DATELINE_MAX) {
		uint32_t ch = dump_cp(s + i, n - i, &l);
		if (dump_is_stop(ch))
			break;
		if (ch == '(' || ch == 0xFF08 || ch == 0x3010) {
			size_t a = i + l, j = a, k = 0;
			while (j < n && k < DUMP_BRACKET_MAX) {
				uint32_t d = dump_cp(s + j, n - j, &l);
				if (d == ')' || d == 0xFF09 || d == 0x3011)
					break;
				j += l;
				k++;
			}
			/* 【环球网报道 记者 张三】: the outlet's 报道 before the credits */
			if (ch == 0x3010) {
				size_t te = a;
				while (te < j && !dump_is_space(dump_cp(s + te, j - te, &l)))
					te += l;
				if (te < j && te > a && dump_ends(s + a, te - a, "报道"))
					a = te;
			}
			struct dump_credits cr;
			if (j < n && k < DUMP_BRACKET_MAX && dump_credits_parse(s + a, j - a, &cr))
				return dump_credits_apply(c, &cr, line);
			return ERR_OK;
		}
		i += l;
		cps++;
		if (cps >= 3 && dump_dateline_end(s, i) && i < n) {
			size_t j = i;
			while (j < n && dump_is_space(dump_cp(s + j, n - j, &l)))
				j += l;
			uint32_t nx = j < n ? dump_cp(s + j, n - j, &l) : 0;
			int found = 0;
			enum err e;
			if (nx != '(' && nx != 0xFF08 && nx != 0x3010 && j < n &&
			    ((e = dump_dateline_run(c, s, n, j, 1, line, &found)) || found))
				return e;
		}
	}
	int found = 0;
	return dump_dateline_run(c, s, n, 0, 0, line, &found);
}

/* Decides which body lines are subheads (see the contract at the top). */
static void dump_headings(struct dump_ctx *c, const size_t *body, size_t nb)
{
	struct dump_line *L = c->lines;
	for (size_t k = 0; k < nb; k++) {
		struct dump_line *x = &L[body[k]];
		struct dump_line *prev = k ? &L[body[k - 1]] : NULL;
		struct dump_line *next = k + 1 < nb ? &L[body[k + 1]] : NULL;
		if (x->edit && next && x->kind == DUMP_TEXT) {
			x->heading = 1; /* a wiki's section heading (简介[编辑]), also over another one */
			continue;
		}
		if (!x->cand || !next)
			continue;
		if (x->num) {
			int ok = !next->cand || (next->num && next->num != x->num);
			if (prev && prev->num == x->num && prev->cand && !prev->heading)
				ok = 0; /* a list: 1. 苹果 2. 香蕉 */
			x->heading = (unsigned char)ok;
		} else {
			x->heading = prev && (!prev->cand || prev->heading) && !next->cand;
		}
	}
}

/* The length of s[0..n) without a wiki's section edit link after a heading (简介[编辑],
   History[edit]): the heading alone is kept. */
static size_t dump_edit_link(const char *s, size_t n)
{
	static const char *const links[] = {"[编辑]", "[編輯]", "[编辑源代码]", "[編輯原始碼]", "[edit]",
					    "[edit source]", "[Bearbeiten]", "[Quelltext bearbeiten]",
					    "[modifier]", "[editar]", "[modifica]"};
	for (size_t q = 0; q < DUMP_N(links); q++) {
		size_t k = strlen(links[q]);
		if (n > k && dump_ends(s, n, links[q]) && n - k <= 3 * DUMP_TITLE_MAX && !dump_has_stop(s, n - k)) {
			n -= k;
			dump_trim(&s, &n);
			return n;
		}
	}
	return n;
}

static enum err dump_split(struct dump_ctx *c, const char *text, size_t len)
{
	unsigned line = 0;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;
		line++;
		if (e - i > DUMP_MAX_LINE_BYTES) {
			diag_at(c->d, DIAG_ERROR, (struct srcpos){c->doc->file, line, 1},
				"line longer than %u bytes (DUMP_MAX_LINE_BYTES)", DUMP_MAX_LINE_BYTES);
			return ERR_LIMIT;
		}
		const char *s = text + i;
		size_t n = e - i;
		dump_trim(&s, &n);
		i = e + 1;
		size_t whole = n;
		n = dump_edit_link(s, n);
		if (!n)
			continue;
		if (c->n_lines >= DUMP_MAX_LINES) {
			diag_at(c->d, DIAG_ERROR, (struct srcpos){c->doc->file, line, 1},
				"more than %u lines (DUMP_MAX_LINES)", DUMP_MAX_LINES);
			return ERR_LIMIT;
		}
		if (c->n_lines == c->cap_lines) {
			size_t cap = c->cap_lines ? c->cap_lines * 2 : 256;
			struct dump_line *p = realloc(c->lines, cap * sizeof *p);
			if (!p)
				return ERR_NOMEM;
			c->lines = p;
			c->cap_lines = cap;
		}
		struct dump_line *L = &c->lines[c->n_lines++];
		memset(L, 0, sizeof *L);
		L->s = s;
		L->n = n;
		L->line = line;
		L->chars = (unsigned)dump_count(s, n);
		L->edit = n < whole;
	}
	return ERR_OK;
}

/* ---- the article inside a full-page dump ---------------------------------------------------

   A page copied whole (Ctrl+A) holds menus, the breadcrumb, share buttons, the article, related
   lists and the footer. The article is found from general evidence, with no per-site rule:
   - the body core: the contiguous run of lines with the largest weight, where a line of text
     with a sentence mark weighs its length in characters and any other line weighs against
     (a short unterminated line, as menus and link lists are made of, a little; chrome and tail
     headings a lot): Kadane's maximum-sum run, linear in the number of lines;
   - the headline: above the core, within DUMP_HEAD_WINDOW lines, the title-like line (a text
     line of 4..DUMP_TITLE_MAX characters, no sentence mark at its end, not in brackets) with the
     best score: right above a metadata line (the dateline, 来源) is the strongest evidence,
     being in a run of short lines (a menu) counts against, and nearer is better;
   - before the core and under the headline only metadata, a subtitle and sentences are kept;
     after it only metadata (byline, 责任编辑, 关键词) and end marks, up to a tail heading or a
     run of DUMP_MENU_RUN short lines.
   Everything else becomes chrome: dropped, never printed. A clean dump that starts with its
   headline comes out as before. */
#define DUMP_HEAD_WINDOW 40  /* lines above the core searched for the headline */
#define DUMP_MENU_RUN 3      /* short text lines in a row that make a menu or a link list */
#define DUMP_TAIL_WINDOW 20  /* lines after the core searched for closing metadata */
#define DUMP_CLEAN_LINES 3   /* lines around the core that a clean dump may have */
#define DUMP_PAGE_LINES 12   /* a dump with more lines and no sentence is no article */
#define DUMP_FRONT_LINES 200 /* a dump this long whose core is shorter than DUMP_FRONT_CORE */
#define DUMP_FRONT_CORE 400  /* characters, with nothing dated or credited, is a front page */
#define DUMP_DATELINE_LINE_MAX 80 /* a dateline under the headline is at most this long */
#define DUMP_BY_GAP 6         /* lines under the headline searched for a "By" alone */
#define DUMP_CLAUSES_WIDTH 30 /* em: a wider line of 2+ clauses (，) is a sentence */
#define DUMP_BOX_LINES 16    /* links in a box inside an English article */
#define DUMP_BOX_MIN 3       /* links at least in such a box */
#define DUMP_TEASERS 8       /* sentences each alone in the core that make a front page of teasers */
#define DUMP_HEAD_BLOCK 6    /* lines from a headline to its dateline: deck, picture, caption, byline */
#define DUMP_TINY 12         /* characters of a button or a file name (Print, google.JPG) */
#define DUMP_TINY_NEXT 16    /* lines next to such a button are longer (else it is a menu item) */
#define DUMP_POST_GAP 5      /* lines after the core searched for a post footer with its date */
#define DUMP_LIST_MAX 60     /* lines of a list announced by a lead-in closing the core */

static int dump_is_prose_mark(uint32_t c)
{
	return dump_is_stop(c) || c == 0xFF1B || c == 0x2026;
}

/* Sentence marks in s[0..n): CJK ones, and Latin ".!?" before a space or the end. */
static unsigned dump_prose_marks(const char *s, size_t n)
{
	unsigned k = 0;
	for (size_t i = 0, l; i < n; i += l) {
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (dump_is_prose_mark(c) && c != '!' && c != '?')
			k++;
		else if ((c == '.' || c == '!' || c == '?') && i > 0 && (i + 1 == n || s[i + 1] == ' ' ||
								       s[i + 1] == '"'))
			k++;
	}
	return k;
}

static int dump_is_blank_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000;
}

/* A menu bar or link list on one line: DUMP_MENU_TOKENS or more items separated by spaces,
   tabs or bars, DUMP_MENU_ITEM characters long or less on average, no sentence mark. */
#define DUMP_MENU_TOKENS 4
#define DUMP_MENU_ITEM 5
/* Features of a line's text, computed once per line (a line's text never changes; its kind
   does, so the kind is checked by the callers): the line searches of the core ask them of the
   same lines many times. A document's lines belong to one thread. */
enum { DUMP_M_DONE = 1, DUMP_M_MENU = 2, DUMP_M_HEAD = 4, DUMP_M_SENTENCE = 8, DUMP_M_SPACED = 16 };
static int dump_menu_calc(const struct dump_line *L);
static int dump_headline_calc(const struct dump_line *L);
static int dump_sentence_calc(const struct dump_line *L);
static int dump_spaced_calc(const struct dump_line *L);
static unsigned dump_width_calc(const struct dump_line *L);

static unsigned dump_memo(const struct dump_line *L)
{
	struct dump_line *m = (struct dump_line *)L; /* the cache of a line the caller owns */
	if (!(m->memo & DUMP_M_DONE)) {
		unsigned v = DUMP_M_DONE;
		m->memo = DUMP_M_DONE; /* the calcs below read each other's answers */
		if (dump_menu_calc(L))
			v |= DUMP_M_MENU;
		m->memo = (unsigned char)v;
		if (dump_headline_calc(L))
			v |= DUMP_M_HEAD;
		if (dump_sentence_calc(L))
			v |= DUMP_M_SENTENCE;
		m->memo = (unsigned char)v;
		if (dump_spaced_calc(L))
			v |= DUMP_M_SPACED;
		m->memo = (unsigned char)v;
	}
	return m->memo;
}

static int dump_menu_line(const struct dump_line *L)
{
	return (dump_memo(L) & DUMP_M_MENU) != 0;
}

static int dump_headline_ish(const struct dump_line *L)
{
	return L->kind == DUMP_TEXT && (dump_memo(L) & DUMP_M_HEAD);
}

static unsigned dump_width(const struct dump_line *L)
{
	struct dump_line *m = (struct dump_line *)L;
	if (!m->width)
		m->width = dump_width_calc(L) + 1;
	return m->width - 1;
}

static int dump_menu_calc(const struct dump_line *L)
{
	unsigned tokens = 0, chars = 0, in = 0, han = 0, tok_han = 0;
	for (size_t i = 0, l = 1; i <= L->n; i += l) {
		uint32_t c = i < L->n ? dump_cp(L->s + i, L->n - i, &l) : ' ';
		if (i == L->n)
			l = 1;
		if (dump_is_blank_cp(c) || c == '|' || c == 0xFF5C || c == 0x4E28 || c == 0xB7 || c == 0x30FB ||
		    c == 0x2022) {
			if (in && tok_han)
				han++;
			in = tok_han = 0;
			continue;
		}
		if (dump_is_stop(c) || c == 0xFF0C || c == 0x3001 || c == 0xFF1A)
			return 0;
		chars++;
		tok_han |= c >= 0x2E80;
		if (!in)
			tokens++;
		in = 1;
	}
	/* Han items only: short Latin words make titles as well as menus */
	/* a long list of names (外交部 国防部 国家发展和改革委员会 …) is a menu too */
	return ((tokens >= DUMP_MENU_TOKENS && chars <= DUMP_MENU_ITEM * tokens) ||
		(tokens >= 2 * DUMP_MENU_TOKENS && chars <= 2 * DUMP_MENU_ITEM * tokens)) &&
	       4 * han >= 3 * tokens;
}

/* The width of a line in em: a Latin letter or digit counts half. */
static unsigned dump_width_calc(const struct dump_line *L)
{
	unsigned half = 0, full = 0;
	for (size_t i = 0, l; i < L->n; i += l) {
		uint32_t c = dump_cp(L->s + i, L->n - i, &l);
		if (c < 0x2E80)
			half++;
		else
			full++;
	}
	return full + (half + 1) / 2;
}

/* A line that reads as a headline rather than a sentence: at most DUMP_TITLE_MAX em, no 。
   or ；, no Latin full stop after a word (". "), not ending in a pause or a colon; ！？…
   may stand anywhere (悲慟！北市士林年邁母子, 唯一的要求竟是……, 自縊... 凶宅). Not prose,
   so the core does not start with the headline. */
static int dump_headline_calc(const struct dump_line *L)
{
	unsigned w = dump_width(L), commas = 0;
	if (w > DUMP_TITLE_MAX || L->chars < 4)
		return 0;
	for (size_t i = 0, l; i < L->n; i += l) {
		uint32_t c = dump_cp(L->s + i, L->n - i, &l);
		if (c == 0x3002 || c == 0xFF1B || c == ';' || c == 0xFF0E)
			return 0;
		/* clauses: 游戏的故事设定在中世纪的大陆，一个巫师统治了这里，玩家…… with no full stop */
		if (c == 0xFF0C && ++commas >= 2 && w > DUMP_CLAUSES_WIDTH)
			return 0;
		if (c == '.' && i >= 2 && i + 1 < L->n && L->s[i + 1] == ' ' && L->s[i - 1] >= 'a' &&
		    L->s[i - 1] <= 'z' && L->s[i - 2] >= 'a' && L->s[i - 2] <= 'z')
			return 0;
	}
	size_t st;
	uint32_t last = dump_back(L->s, L->n, &st);
	return !(last == '.' && !(st > 0 && L->s[st - 1] == '.')) && last != 0xFF0C && last != ',' &&
	       last != 0xFF1A && last != ':' && last != 0x3001;
}

/* Full-width commas in s[0..n). */
static unsigned dump_commas(const char *s, size_t n)
{
	unsigned k = 0;
	for (const char *p = s; (p = memmem(p, n - (size_t)(p - s), "，", strlen("，"))); p += strlen("，"))
		k++;
	return k;
}

/* Addresses (://) in s[0..n). */
static size_t dump_urls(const char *s, size_t n)
{
	size_t k = 0;
	for (const char *p = s; (p = memmem(p, n - (size_t)(p - s), "://", 3)); p += 3)
		k++;
	return k;
}

/* Sentence-like text: a sentence mark, a long line that is not a row of addresses (a feed read
   as text), or a wide line of clauses. */
static int dump_sentence_calc(const struct dump_line *L)
{
	return dump_prose_marks(L->s, L->n) > 0 || (L->chars >= 60 && dump_urls(L->s, L->n) < 2) ||
	       (dump_width(L) > DUMP_CLAUSES_WIDTH && dump_commas(L->s, L->n) >= 2);
}

static int dump_is_prose(const struct dump_line *L)
{
	unsigned m = dump_memo(L);
	return L->kind == DUMP_TEXT && !(m & DUMP_M_MENU) && !(m & DUMP_M_HEAD) && (m & DUMP_M_SENTENCE);
}

/* The weight of line i in the search for the body core (see above). */
static long dump_weight(const struct dump_line *L, size_t nl, size_t i);

/* Short unterminated text lines around i (i included) in a row: a menu or a link list. */
/* Short unterminated text lines around i (i included) in a row: a menu or a link list. */
static size_t dump_short_run(const struct dump_line *L, size_t nl, size_t i);

/* Does s[0..n) hold a CJK character? */
static int dump_cjk(const char *s, size_t n)
{
	for (size_t i = 0, l; i < n; i += l)
		if (dump_cp(s + i, n - i, &l) >= 0x2E80)
			return 1;
	return 0;
}

/* Lines around i (i included) in a row that are neither sentences nor metadata, however long:
   a list of links, teasers' headlines, buttons. Counts at most DUMP_LINK_RUN. */
#define DUMP_LINK_RUN 8
static size_t dump_link_run(const struct dump_line *L, size_t nl, size_t i)
{
	size_t a = i, b = i + 1;
	while (a > 0 && b - a < DUMP_LINK_RUN && L[a - 1].kind != DUMP_META && !dump_is_prose(&L[a - 1]))
		a--;
	while (b < nl && b - a < DUMP_LINK_RUN && L[b].kind != DUMP_META && !dump_is_prose(&L[b]))
		b++;
	return b - a;
}

/* A line opening with a bullet (• · ▪ ► ◆): an item of a list, mostly of links. */
static int dump_bulleted(const struct dump_line *L)
{
	size_t l;
	uint32_t c = dump_cp(L->s, L->n, &l);
	return c == 0x2022 || c == 0xB7 || c == 0x25AA || c == 0x25BA || c == 0x25C6 || c == 0x30FB;
}

/* A line ending in a count in brackets: （5190）, (7), [4321/87]. */
static int dump_counted(const char *s, size_t n)
{
	size_t st;
	while (n && dump_is_space(dump_back(s, n, &st)))
		n = st;
	uint32_t c = n ? dump_back(s, n, &st) : 0;
	if (c != ')' && c != 0xFF09 && c != ']')
		return 0;
	size_t d = st;
	while (d > 0 && ((s[d - 1] >= '0' && s[d - 1] <= '9') || (c == ']' && s[d - 1] == '/')))
		d--;
	if (d == st || d == 0)
		return 0;
	uint32_t o = dump_back(s, d, &st);
	return o == '(' || o == 0xFF08 || (c == ']' && o == '[');
}

/* A line of Chinese prose that uses spaces for its commas and has no full stop (一波波接續性
   低溫寒流報到 已將新竹尖石鄉後山一帶…), as some blogs write: at least DUMP_SPACED_MIN
   characters, nearly all Han, a space between two Han characters, and nothing of a link or a
   teaser (brackets, bars, a trailing ellipsis). A headline can look the same: only a run of
   them counts (dump_spaced_run). */
#define DUMP_SPACED_MIN 20
#define DUMP_SPACED_RUN 4
#define DUMP_SPACED_NEAR 3   /* lines each side of a line searched for such lines */

/* A line's text is Han text with nothing of a link or a teaser, at least min characters: 1
   when so, 2 when it also has a space between two Han characters. */
static int dump_han_text(const struct dump_line *L, unsigned min)
{
	if (L->chars < min || dump_menu_line(L))
		return 0;
	unsigned han = 0, other = 0, gap = 0;
	uint32_t prev = 0;
	int space = 0;
	for (size_t i = 0, l; i < L->n; i += l) {
		uint32_t c = dump_cp(L->s + i, L->n - i, &l);
		if (dump_is_space(c)) {
			space = 1;
			continue;
		}
		if (c == '[' || c == ']' || c == '|' || c == 0x3010 || c == 0x3011 || c == 0x300E || c == 0x300F ||
		    c == 0xFF5C || c == 0x2026 || c == '>' || c == 0xBB)
			return 0;
		if (punct_is_han(c)) {
			han++;
			gap += space && prev && punct_is_han(prev);
		} else {
			other++;
		}
		prev = c;
		space = 0;
	}
	size_t st;
	uint32_t last = dump_back(L->s, L->n, &st);
	if (10 * han < 8 * (han + other) || last == '.')
		return 0;
	return gap ? 2 : 1;
}

/* A line of text that is such Han text (dump_han_text). */
static int dump_han_line(const struct dump_line *L, unsigned min)
{
	return L->kind == DUMP_TEXT ? dump_han_text(L, min) : 0;
}

static int dump_spaced_line(const struct dump_line *L)
{
	return L->kind == DUMP_TEXT && (dump_memo(L) & DUMP_M_SPACED);
}

static int dump_spaced_calc(const struct dump_line *L)
{
	return dump_han_text(L, DUMP_SPACED_MIN) == 2;
}

/* The number of such lines in a row around i (blank lines are not lines here), at most
   DUMP_SPACED_RUN. */
static size_t dump_spaced_run(const struct dump_line *L, size_t nl, size_t i)
{
	if (!dump_spaced_line(&L[i]))
		return 0;
	size_t a = i, b = i + 1;
	while (a > 0 && b - a < DUMP_SPACED_RUN && dump_spaced_line(&L[a - 1]))
		a--;
	while (b < nl && b - a < DUMP_SPACED_RUN && dump_spaced_line(&L[b]))
		b++;
	return b - a;
}

static int dump_letter(uint32_t c);

/* A line that goes on a post written with spaces for commas: text of at least DUMP_TINY
   characters, most of its letters Han, nothing of a link, a menu or a list. */
static int dump_post_line(const struct dump_line *L)
{
	if (L->kind != DUMP_TEXT || L->chars < DUMP_TINY || dump_menu_line(L) || dump_bulleted(L) ||
	    dump_counted(L->s, L->n) || dump_urls(L->s, L->n))
		return 0;
	unsigned han = 0, letters = 0;
	for (size_t i = 0, l; i < L->n; i += l) {
		uint32_t c = dump_cp(L->s + i, L->n - i, &l);
		if (c == '[' || c == ']' || c == '|' || c == 0x3010 || c == 0x3011 || c == 0xFF5C || c == '>' ||
		    c == 0xBB)
			return 0;
		han += punct_is_han(c);
		letters += dump_letter(c) || (c >= '0' && c <= '9');
	}
	return 2 * han > letters;
}

/* Such lines within DUMP_SPACED_NEAR lines of i, i included: a post written that way, its
   lines between photos not all with a space (營區水電方便 水槽也很有特色 / 這次選擇左側地勢高些…). */
static size_t dump_spaced_near(const struct dump_line *L, size_t nl, size_t i)
{
	size_t k = 0;
	for (size_t j = i > DUMP_SPACED_NEAR ? i - DUMP_SPACED_NEAR : 0; j < nl && j <= i + DUMP_SPACED_NEAR; j++)
		k += dump_spaced_line(&L[j]);
	return k;
}

static int dump_inline_box(const struct dump_line *L);

static long dump_weight(const struct dump_line *L, size_t nl, size_t i)
{
	const struct dump_line *x = &L[i];
	switch (x->kind) {
	case DUMP_TEXT: {
		/* a run of bulleted lines is a link list (相关文章, a blog's sidebar) */
		if (dump_bulleted(x) && ((i > 0 && dump_bulleted(&L[i - 1])) || (i + 1 < nl && dump_bulleted(&L[i + 1]))))
			return -8;
		if (dump_counted(x->s, x->n) &&
		    (x->num || (i > 0 && dump_counted(L[i - 1].s, L[i - 1].n)) ||
		     (i + 1 < nl && dump_counted(L[i + 1].s, L[i + 1].n))))
			return -8; /* a ranked list: 8. 麦当劳的电脑您是否见过呢？（5190）; replies: …【网友】08-11 16:06 298字 [4321/87] */
		if (dump_is_prose(x))
			return (long)x->chars;
		if (dump_spaced_run(L, nl, i) >= DUMP_SPACED_RUN)
			return (long)x->chars / 2; /* a blog's lines with spaces for commas */
		if (dump_spaced_near(L, nl, i) >= DUMP_SPACED_RUN && dump_han_line(x, DUMP_TINY))
			/* among them: such a line, or one of Han text alone (a caption between photos) */
			return dump_spaced_line(x) ? (long)x->chars / 2 : 0;
		size_t st;
		uint32_t last = dump_back(x->s, x->n, &st);
		if (last == 0xFF1A || last == ':')
			return (long)x->chars / 2; /* a lead-in: 各市、州民政局：, 主要步骤如下： */
		if (x->num)
			return 0; /* a numbered item or subhead */
		if (dump_menu_line(x))
			return -20;
		/* a long run of lines without a sentence counts as links on pages in Latin letters;
		   Chinese posts have runs of short lines of verse or captions */
		return dump_short_run(L, nl, i) >= DUMP_MENU_RUN ||
				       (!dump_cjk(x->s, x->n) && dump_link_run(L, nl, i) >= DUMP_LINK_RUN)
			       ? -8
			       : -3;
	}
	case DUMP_META:
	case DUMP_END:
		return 0;
	case DUMP_TAIL:
		return dump_inline_box(x) ? -8 : -60; /* a box inside the article weighs as a link */
	default:
		return -20;
	}
}

static size_t dump_find_date(const char *s, size_t n, char iso[DUMP_ISO_MAX]);

/* Bars in a headline: none, or one between a column name and the headline (书记市长这一周 |
   奋马扬鞭争春色, 图说洛阳| 洛阳职业技术学院：剪“廉洁窗花”), both parts at least 4 characters
   and one at least 10. More bars, or short parts, make a menu bar (关于我们 | 联系我们). A line
   of several 《…》 names (《西藏日报》 《西藏商报》 …) is a list of papers. */
static int dump_bar_title(const struct dump_line *L)
{
	size_t bars = 0, at = 0, l, books = 0;
	for (size_t i = 0; i < L->n; i += l) {
		uint32_t c = dump_cp(L->s + i, L->n - i, &l);
		if (c == '|' || c == 0xFF5C) {
			bars++;
			at = i;
		}
		books += c == 0x300A && (i == 0 || dump_is_space(dump_back(L->s, i, &(size_t){0})));
	}
	if (books >= 3)
		return 0;
	if (!bars)
		return 1;
	if (bars > 1)
		return 0;
	size_t a = dump_count(L->s, at), b = dump_count(L->s + at + 1, L->n - at - 1);
	return a >= 4 && b >= 4 && (a >= 10 || b >= 10);
}


/* A time given relative to the reader's now, alone on a line: 昨天, 刚刚, 3小时前, 5 分钟前,
   2 hours ago. Evidence of a dateline only; no date is guessed from it. */
static int dump_relative_time(const char *s, size_t n)
{
	static const char *const words[] = {"刚刚", "今天", "昨天", "前天", "Yesterday", "yesterday", "Today",
					    "today", "Just now", "just now"};
	static const char *const ends[] = {"小时前", "分钟前", "秒前", "天前", "ago"};
	if (n > 24)
		return 0;
	if (dump_in(s, n, words, DUMP_N(words)))
		return 1;
	size_t i = 0;
	while (i < n && dump_digit(s[i]))
		i++;
	if (!i)
		return 0;
	for (size_t q = 0; q < DUMP_N(ends); q++)
		if (dump_ends(s, n, ends[q]))
			return 1;
	return 0;
}

/* A letter of any script, roughly: Latin letters, and any character from Latin-1 letters up
   that is not punctuation, a symbol or a space (Arabic, Burmese, Cyrillic, Han, kana...). */
static int dump_letter(uint32_t c)
{
	if (c < 0x80)
		return (c | 32) >= 'a' && (c | 32) <= 'z';
	return c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c < 0x2E80) && !(c >= 0x3000 && c < 0x3040) &&
	       !(c >= 0xFF00 && c < 0xFF10) && !(c >= 0xFF1A && c < 0xFF21) && !(c >= 0xE000 && c < 0xF900) &&
	       c != 0xFFFD;
}

/* A line that could be the headline. */
static int dump_title_like(const struct dump_line *L)
{
	if (L->kind != DUMP_TEXT || L->chars < 4 || dump_width(L) > DUMP_TITLE_MAX || dump_is_wrapped(L->s, L->n) ||
	    dump_menu_line(L) || dump_lit(L->s, L->n, "—") || dump_lit(L->s, L->n, "--") || L->num == 1 ||
	    L->num == 2 || dump_bulleted(L))
		return 0; /* ——副题 is the subtitle under the headline, 一、… a section heading, • an item */
	size_t st;
	uint32_t last = dump_back(L->s, L->n, &st);
	if (last == 0x3002 || last == 0xFF0C || last == 0xFF1A || last == ':' || last == ',')
		return 0;
	if (memmem(L->s, L->n, ">", 1) || memmem(L->s, L->n, "»", strlen("»")) || !dump_bar_title(L))
		return 0; /* a breadcrumb or a menu bar */
	char iso[DUMP_ISO_MAX];
	if (memmem(L->s, L->n, "://", 3) || memmem(L->s, L->n, "www.", 4) || dump_find_date(L->s, L->n, iso))
		return 0; /* a dateline */
	unsigned letters = 0;
	for (size_t i = 0, l; i < L->n; i += l) {
		uint32_t c = dump_cp(L->s + i, L->n - i, &l);
		letters += dump_letter(c);
	}
	return letters >= 4;
}

/* Counts at most DUMP_MENU_RUN (callers only ask whether a run is that long), so a page of
   100,000 menu lines is read in linear time. */
static size_t dump_short_run(const struct dump_line *L, size_t nl, size_t i)
{
	size_t a = i, b = i + 1;
	while (a > 0 && b - a < DUMP_MENU_RUN && L[a - 1].kind != DUMP_META && L[a - 1].chars <= 12 &&
	       !dump_is_prose(&L[a - 1]))
		a--;
	while (b < nl && b - a < DUMP_MENU_RUN && L[b].kind != DUMP_META && L[b].chars <= 12 &&
	       !dump_is_prose(&L[b]))
		b++;
	return b - a;
}

/* The first date anywhere in s[0..n) (at a run of digits, or at a word for English month and
   weekday names: Updated 9:22 PM EST, Mon November 6, 2023), in iso; 0 when none. */
static size_t dump_find_date(const char *s, size_t n, char iso[DUMP_ISO_MAX])
{
	for (size_t i = 0; i < n; i++) {
		/* a time glued before the date: 15:312018/09/16 */
		int glued = i >= 4 && s[i - 3] == ':' && dump_digit(s[i - 2]) && dump_digit(s[i - 1]) &&
			    dump_digit(s[i - 4]);
		/* a word starts after a non-letter, or at any capital: a section name glued in front
		   (Associated PressDecember 2, 2016, BUSINESSNOV 7, 2023) */
		if ((dump_digit(s[i]) && (i == 0 || !dump_digit(s[i - 1]) || glued)) ||
		    (dump_alpha(s[i]) && (i == 0 || !dump_alpha(s[i - 1]) || (s[i] >= 'A' && s[i] <= 'Z')))) {
			size_t k = dump_date(s + i, n - i, iso);
			if (k && glued && strlen(iso) == 10) {
				size_t h0 = i >= 5 && dump_digit(s[i - 5]) ? i - 5 : i - 4;
				unsigned h = 0;
				for (size_t q = h0; q < i - 3; q++)
					h = h * 10 + (unsigned)(s[q] - '0');
				unsigned mi = (unsigned)(s[i - 2] - '0') * 10 + (unsigned)(s[i - 1] - '0');
				if (h < 24 && mi < 60) {
					char *p = iso + 10;
					*p++ = 'T';
					p = dump_put2(p, h);
					*p++ = ':';
					p = dump_put2(p, mi);
					*p = 0;
				}
			}
			if (k)
				return k;
		}
	}
	return 0;
}

/* A date split over lines under a headline (a page that sets year, day and time apart): a
   line that is only a year (2019), then only month and day (09/07, 09-07, 9月7日), then
   optionally only a time (19:02). Returns the lines it takes (2 or 3) with the date in iso; 0
   when L[j] does not start one. */
static size_t dump_split_date(const struct dump_line *L, size_t nl, size_t j, char iso[DUMP_ISO_MAX])
{
	unsigned y, mo, d, h, mi, se = 0;
	int sec = 0;
	if (j + 1 >= nl || L[j].n != 4 || dump_digits(L[j].s, L[j].n, 0, 4, 4, &y) != 4 || y < 1990 || y > 2099)
		return 0;
	const char *s = L[j + 1].s;
	size_t n = L[j + 1].n, k = dump_digits(s, n, 0, 1, 2, &mo), l;
	if (!k || k >= n)
		return 0;
	if (s[k] == '/' || s[k] == '-' || s[k] == '.')
		l = 1;
	else if (!(l = dump_lit(s + k, n - k, "月")))
		return 0;
	size_t e = dump_digits(s, n, k + l, 1, 2, &d);
	if (!e)
		return 0;
	e += k + l;
	if (s[k] != '/' && s[k] != '-' && s[k] != '.')
		e += dump_lit(s + e, n - e, "日");
	if (e != n || mo < 1 || mo > 12 || d < 1 || d > dump_mdays(y, mo))
		return 0;
	char *p = iso;
	for (int q = 3; q >= 0; q--)
		*p++ = L[j].s[3 - q];
	*p++ = '-';
	p = dump_put2(p, mo);
	*p++ = '-';
	p = dump_put2(p, d);
	*p = 0;
	if (j + 2 >= nl || dump_time(L[j + 2].s, L[j + 2].n, 0, &h, &mi, &se, &sec) != L[j + 2].n)
		return 2;
	*p++ = 'T';
	p = dump_put2(p, h);
	*p++ = ':';
	p = dump_put2(p, mi);
	if (sec) {
		*p++ = ':';
		p = dump_put2(p, se);
	}
	*p = 0;
	return 3;
}

/* A line of navigation: a menu bar, a breadcrumb, or an item of a menu (a short line in a run
   of them). */
static int dump_chromey(const struct dump_line *L, size_t nl, size_t j)
{
	return dump_menu_line(&L[j]) || memmem(L[j].s, L[j].n, ">", 1) || memmem(L[j].s, L[j].n, "|", 1) ||
	       (L[j].chars <= 12 && dump_short_run(L, nl, j) >= DUMP_MENU_RUN);
}

/* A short text line followed by a metadata line: a signature over its date. */
static int dump_signs(const struct dump_line *L, size_t nl, size_t j)
{
	return L[j].chars <= DUMP_SUBHEAD_MAX && j + 1 < nl && L[j + 1].kind == DUMP_META;
}

static int dump_latin_name(const char *s, size_t n);
static int dump_title_repeat(const struct dump_line *t, const struct dump_line *r);
static int dump_bare_name(const char *s, size_t n);

/* A forum post's subject line (主题： 你知道…？): the bytes of the label, the colon and the
   spaces after it, when a subject follows; else 0. */
static size_t dump_subject_label(const char *s, size_t n)
{
	static const char *const labels[] = {"帖子主题", "主题", "标题", "主題", "標題"};
	size_t l;
	for (size_t q = 0; q < DUMP_N(labels); q++) {
		size_t k = dump_lit(s, n, labels[q]);
		if (!k || k >= n || !dump_is_colon(dump_cp(s + k, n - k, &l)))
			continue;
		k += l;
		while (k < n && dump_is_space(dump_cp(s + k, n - k, &l)))
			k += l;
		return k < n ? k : 0;
	}
	return 0;
}

/* A photo caption or credit line (You are what you search. (The Associated Press), …
   Libertadores - Heinrich Aikawa/Instituto Lula, …PHOTOGRAPH: AHMAD GHARABLI/GETTY IMAGES). */
static int dump_caption(const struct dump_line *L)
{
	static const char *const words[] = {"Photo", "PHOTO", "photo", "Foto", "FOTO", "Bild:", "Image:", "Credit:",
					    "Getty", "GETTY", "Reuters", "Associated Press", "(AP)", "AFP", "Picture:",
					    "图片来源", "资料图", "圖片來源"};
	if (L->kind != DUMP_TEXT || L->chars > DUMP_CAPTION_MAX)
		return 0;
	for (size_t q = 0; q < DUMP_N(words); q++) {
		size_t k = strlen(words[q]);
		for (const char *p = L->s; (p = memmem(p, L->n - (size_t)(p - L->s), words[q], k)); p += k)
			/* not a plural: …Is Looking Stunning In New Photos is a headline */
			if (p + k == L->s + L->n || (p[k] != 's' && p[k] != 'S'))
				return 1;
	}
	/* a credit after the last " - ": Name/Agency */
	const char *dash = NULL;
	for (const char *p = L->s; (p = memmem(p, L->n - (size_t)(p - L->s), " - ", 3)); p += 3)
		dash = p + 3;
	return dash && L->s + L->n - dash <= 48 && memchr(dash, '/', (size_t)(L->s + L->n - dash));
}

/* A line with no CJK character at most DUMP_TINY characters long, not a sentence: a button or
   a picture's file name between a headline and its dateline (Print, Copiar link, google.JPG). */
static int dump_tiny(const struct dump_line *L)
{
	return L->chars <= DUMP_TINY && !dump_is_prose(L) && !dump_cjk(L->s, L->n);
}

/* One word in Latin letters and digits, capitalised, alone on a line: a poster's handle or
   a site's account (LinkNaija), not a headline. */
static int dump_handle(const struct dump_line *L)
{
	if (L->n < 3 || L->n > 20 || !(L->s[0] >= 'A' && L->s[0] <= 'Z'))
		return 0;
	for (size_t i = 0; i < L->n; i++)
		if (!dump_is_alnum(L->s[i]))
			return 0;
	return 1;
}

/* An encyclopedia entry's heading: a short line of letters only (金锺国, 2 to DUMP_TINY
   characters, too short for a headline), first on the page or not in a menu, that the page
   shows again as a line of its own (an infobox's caption) and with which a sentence of the
   core [bs, be) opens (the lead: 金锺国（韩语：…），韩国男艺人…). The line under it is the
   site's tagline, never a subtitle. */
static int dump_subject_heading(const struct dump_line *L, size_t nl, size_t j, size_t bs, size_t be)
{
	const struct dump_line *x = &L[j];
	size_t first = 0;
	while (first < j && L[first].kind != DUMP_TEXT)
		first++;
	/* the first line of the page (a wiki's heading comes before its menus), or not in a menu */
	if (x->kind != DUMP_TEXT || x->chars < 2 || x->chars > DUMP_TINY || (j != first && dump_chromey(L, nl, j)))
		return 0;
	for (size_t i = 0, l; i < x->n; i += l) {
		uint32_t c = dump_cp(x->s + i, x->n - i, &l);
		if (!dump_letter(c) && c != ' ' && c != 0xB7)
			return 0;
	}
	int again = 0, lead = 0;
	for (size_t q = j + 1; q < nl && !again; q++)
		again = L[q].n == x->n && !memcmp(L[q].s, x->s, x->n);
	for (size_t q = bs; q < be && q < nl && again && !lead; q++)
		lead = L[q].n > x->n && !memcmp(L[q].s, x->s, x->n) && dump_is_prose(&L[q]);
	return again && lead;
}

/* Line k, under the headline candidate j, is its deck: a longer line that could be a
   headline too (no full stop), not itself right over the dateline (that one is the headline:
   a sponsor's line over it is no headline). */
static int dump_deck(const struct dump_line *L, size_t nl, size_t j, size_t k)
{
	char iso[DUMP_ISO_MAX];
	if (L[j].chars < 12 || L[k].chars <= L[j].chars || !dump_title_like(&L[k]) || !dump_headline_ish(&L[k]))
		return 0;
	return !(k + 1 < nl && ((L[k + 1].kind == DUMP_META && (L[k + 1].flags & DUMP_F_DATE)) ||
				(L[k + 1].chars <= DUMP_DATELINE_LINE_MAX && dump_find_date(L[k + 1].s, L[k + 1].n, iso))));
}

/* The dateline of a headline candidate j: the first line after it that is not chrome, within
   DUMP_HEAD_BLOCK lines, when it is a metadata line with a date or a short line with a date in
   it; else SIZE_MAX. A repeat of the headline (the page title over the h1) is skipped, so are
   buttons and file names (dump_tiny), photo captions, and one more line: a byline, or a short
   line that is not a headline itself. */
static size_t dump_dateline_of(const struct dump_line *L, size_t nl, size_t j)
{
	char iso[DUMP_ISO_MAX];
	size_t k = j + 1, other = 0;
	for (; k < nl && k <= j + DUMP_HEAD_BLOCK; k++) {
		if (L[k].kind == DUMP_CHROME || (L[k].n == L[j].n && !memcmp(L[k].s, L[j].s, L[j].n)))
			continue;
		if (L[k].kind == DUMP_META && (L[k].flags & DUMP_F_DATE))
			return k;
		if (L[k].kind == DUMP_META)
			continue; /* a byline between: By Jane Doe, CNN */
		if (L[k].kind == DUMP_TEXT && L[k].chars <= DUMP_DATELINE_LINE_MAX && !dump_is_prose(&L[k]) &&
		    dump_find_date(L[k].s, L[k].n, iso))
			return k;
		if ((dump_tiny(&L[k]) && L[k - 1].chars > DUMP_TINY_NEXT && (k + 1 >= nl || L[k + 1].chars > DUMP_TINY_NEXT)) ||
		    dump_caption(&L[k]) || dump_in(L[k].s, L[k].n, dump_date_words, DUMP_N(dump_date_words)))
			continue; /* a button alone, not an item of a menu (Jobs, Coupons, Contact); the
				     label of a date on the next line (Published / 6 April 2022) */
		/* one short line between (网易商业报道 http://biz.163.com, a byline) may stand over it */
		int by = memmem(L[k].s, L[k].n, " By ", 4) || dump_by_line(L[k].s, L[k].n) ||
			 dump_job_byline(L[k].s, L[k].n);
		/* or a deck, longer than the headline (Tite diz que errou… / Na ocasião, técnico…), or
		   a poster's handle (LinkNaija) */
		int deck = dump_deck(L, nl, j, k), handle = dump_handle(&L[k]);
		if ((!by && other++) || (!deck && (L[k].chars > DUMP_SUBTITLE_MAX || dump_is_prose(&L[k]))) ||
		    (dump_title_like(&L[k]) && !dump_latin_name(L[k].s, L[k].n) && !by && !deck && !handle))
			return SIZE_MAX;
	}
	return SIZE_MAX;
}

/* Does line r show the headline candidate t: the same line, or t at its end after something
   that does not end a clause (a breadcrumb HomeLatest News…, a ranked list (23921)新竹尖石_…),
   not the end of a sentence someone wrote (…不错,希望能够多翻译几本好书~~~)? */
static int dump_shown_in(const struct dump_line *t, const struct dump_line *r)
{
	if (r->n < t->n || memcmp(r->s + r->n - t->n, t->s, t->n))
		return 0;
	size_t k = r->n - t->n, st;
	if (!k)
		return 1;
	uint32_t c = dump_back(r->s, k, &st);
	return !dump_is_ender(c) && c != 0x3001 && !dump_prose_marks(r->s, k);
}

/* The line over the headline candidate j (chrome skipped) is nothing but a date: a metadata
   line with a date, or a short line with a date that is not a sentence. */
static int dump_dated_above(const struct dump_line *L, size_t j)
{
	char iso[DUMP_ISO_MAX];
	while (j > 0 && L[j - 1].kind == DUMP_CHROME)
		j--;
	if (j == 0)
		return 0;
	const struct dump_line *u = &L[j - 1];
	return (u->kind == DUMP_META && u->flags == DUMP_F_DATE) ||
	       (u->kind == DUMP_TEXT && u->chars <= DUMP_TINY * 2 && !dump_is_prose(u) && dump_find_date(u->s, u->n, iso));
}

/* A headline over its dateline anchors the article (above the heaviest run, or anywhere when
   the page shows the headline twice: its title at the top, then over the article): when the
   best core under such an anchor
   (a run starting within DUMP_ANCHOR_GAP lines of the dateline) weighs at least
   DUMP_ANCHOR_MIN, it is the core, even when a longer run elsewhere (a live blog, a comment
   thread, a sidebar of teasers) weighs more. The first such anchor wins (related lists of
   dated headlines come after the article); runs end where their sum falls to zero, so the
   scan is linear per anchor (at most DUMP_ANCHORS).
   Returns the headline's index and sets [*bs, *be), or SIZE_MAX and leaves them. */
#define DUMP_ANCHOR_GAP 16
#define DUMP_AGENDA_LINES 20 /* lines of text under a dateline that make an article without sentences */
#define DUMP_ANCHOR_MIN 80
#define DUMP_ANCHORS 64
static size_t dump_anchor(const struct dump_line *L, size_t nl, size_t core, size_t *bs, size_t *be,
			  long *weight)
{
	size_t found = SIZE_MAX, tried = 0;
	long top = DUMP_ANCHOR_MIN - 1;
	for (size_t j = 0; j < nl && tried < DUMP_ANCHORS; j++) {
		if (!dump_title_like(&L[j]) || L[j].chars < 8 || dump_chromey(L, nl, j) || dump_caption(&L[j]) ||
		    dump_handle(&L[j]))
			continue;
		size_t k = dump_dateline_of(L, nl, j);
		if (k == SIZE_MAX && dump_dated_above(L, j) && j + 1 < nl && dump_weight(L, nl, j + 1) > 0)
			k = j; /* the date over the headline (Dec 28 Sat 2013 00:28, then it, then the text
				  at once: not a teaser in a dated list) */
		if (k == SIZE_MAX)
			continue;
		/* under the heaviest run only a headline the page also shows elsewhere (its title
		   repeated at the top, as Ctrl+A copies it) */
		int shown = j < core;
		for (size_t q = 0; q < nl && !shown; q++)
			shown = q != j && dump_shown_in(&L[j], &L[q]);
		if (!shown)
			continue;
		tried++;
		/* best run [s, e) with s in (k, k + GAP]: max over e of sum(s..e) */
		long sum = 0, low = 0, best = 0;
		size_t low_at = k + 1, s0 = 0, e0 = 0;
		for (size_t e = k + 1; e < nl; e++) {
			if (e <= k + 1 + DUMP_ANCHOR_GAP && sum < low) {
				low = sum;
				low_at = e;
			}
			sum += dump_weight(L, nl, e);
			if (sum - low > best) {
				best = sum - low;
				s0 = low_at;
				e0 = e + 1;
			}
			if (e > k + 1 + DUMP_ANCHOR_GAP && sum - low <= 0)
				break;
		}
		if (best > top) {
			top = best;
			found = j;
			*bs = s0;
			*be = e0;
			*weight = best;
			break; /* the first: related lists with dated headlines come after the article */
		}
	}
	return found;
}

/* In a blog's post footer that writes the poster after the date (posted on 2004-12-27 12:40
   李建忠 阅读(3727), posted @ 2019-09-08 12:00 张三 阅读(123) 评论(0)), the name; NULL when the
   token after the date is none. */
static const char *dump_posted_name(const char *s, size_t n, size_t *nn)
{
	static const char *const keys[] = {"posted", "Posted", "发表于", "發表於"};
	char iso[DUMP_ISO_MAX];
	for (size_t q = 0; q < DUMP_N(keys); q++) {
		size_t at = dump_lit(s, n, keys[q]), l, k;
		if (!at)
			continue;
		for (;;) {
			uint32_t c = at < n ? dump_cp(s + at, n - at, &l) : 0;
			if (c && (dump_is_space(c) || dump_is_colon(c) || c == '@'))
				at += l;
			else if (at + 3 <= n && !memcmp(s + at, "on ", 3))
				at += 3;
			else
				break;
		}
		if (at >= n || !(k = dump_date(s + at, n - at, iso)))
			return NULL;
		at += k;
		while (at < n && dump_is_space(dump_cp(s + at, n - at, &l)))
			at += l;
		size_t e = at;
		while (e < n && !dump_is_space(dump_cp(s + e, n - e, &l)) && !dump_is_frame(dump_cp(s + e, n - e, &l)))
			e += l;
		if (e == at || dump_counter(s + at, n - at) || dump_chrome_word(s + at, e - at) ||
		    !dump_name_ok(s + at, e - at, 0))
			return NULL;
		*nn = e - at;
		return s + at;
	}
	return NULL;
}

int dump_post_signed(const char *s, size_t n, size_t *ns, size_t *nn)
{
	static const char *const verbs[] = {"发表在", "發表在", "发表于", "發表於"};
	const char *p = s;
	size_t m = n, l;
	dump_trim(&p, &m);
	for (size_t q = 0; q < DUMP_N(verbs); q++) {
		const char *v = memmem(p, m, verbs[q], strlen(verbs[q]));
		if (!v || v == p || (size_t)(v - p) + strlen(verbs[q]) >= m)
			continue;
		size_t e = (size_t)(v - p), cps = 0;
		while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'))
			e--;
		for (size_t i = 0; i < e; i += l, cps++) {
			uint32_t c = dump_cp(p + i, e - i, &l);
			if (dump_is_space(c) || c == ':' || c == 0xFF1A || c == 0x3002 || c == 0xFF0C ||
			    c == ',' || c == '.' || c == 0xFF01 || c == 0xFF1F || c == '@')
				return 0;
		}
		if (cps < 2 || cps > DUMP_POSTER_MAX)
			return 0;
		*ns = (size_t)(p - s);
		*nn = e;
		return 1;
	}
	return 0;
}

/* A post's footer (textdump.h). */
int dump_posted(const char *s, size_t n)
{
	static const char *const keys[] = {"发表于", "发布于", "发布时间", "发表时间", "发帖时间",
					   "發表於", "發佈於", "Posted", "posted", "张贴 @", "张贴于"};
	char iso[DUMP_ISO_MAX];
	for (size_t q = 0; q < DUMP_N(keys); q++) {
		const char *k = memmem(s, n, keys[q], strlen(keys[q]));
		if (!k)
			continue;
		size_t at = (size_t)(k - s) + strlen(keys[q]), l;
		for (;;) {
			uint32_t c = at < n ? dump_cp(s + at, n - at, &l) : 0;
			if (c && (dump_is_space(c) || dump_is_colon(c) || c == '@'))
				at += l;
			else if (at + 3 <= n && !memcmp(s + at, "on ", 3))
				at += 3;
			else
				break;
		}
		if (at < n && dump_date(s + at, n - at, iso))
			return 1;
	}
	return 0;
}

/* An author's note: a paragraph of at most DUMP_BIO_MAX bytes that opens with a Latin name (2
   or 3 capitalised words), then " is a", " is an" or " is the", and names a writing trade
   (reporter, writer, journalist...) in its first sentence. Returns the bytes of the name, else
   0. */
#define DUMP_BIO_PARAS 3  /* last paragraphs searched for an author's note */
#define DUMP_BIO_MAX 300
static size_t dump_bio_name(const char *s)
{
	static const char *const links[] = {" is a ", " is an ", " is the "};
	static const char *const trades[] = {"reporter", "writer", "journalist", "correspondent", "editor",
					     "columnist", "contributor", "author", "producer", "critic"};
	size_t n = strlen(s);
	if (n > DUMP_BIO_MAX)
		return 0;
	for (size_t q = 0; q < DUMP_N(links); q++) {
		const char *at = memmem(s, n, links[q], strlen(links[q]));
		if (!at || !dump_latin_name(s, (size_t)(at - s)))
			continue;
		const char *rest = at + strlen(links[q]), *end = memchr(rest, '.', n - (size_t)(rest - s));
		size_t rn = end ? (size_t)(end - rest) : n - (size_t)(rest - s);
		for (size_t t = 0; t < DUMP_N(trades); t++)
			if (memmem(rest, rn, trades[t], strlen(trades[t])))
				return (size_t)(at - s);
	}
	return 0;
}

/* The footer closing an English article: First published February 1, 2016: 1:28 AM ET (after
   an outlet: CNNMoney (New York) First published …). Only ends the core: the HTML reader's
   text keeps it. */
static int dump_published_footer(const char *s, size_t n)
{
	static const char *const keys[] = {"First published", "Originally published"};
	char iso[DUMP_ISO_MAX];
	for (size_t q = 0; q < DUMP_N(keys); q++) {
		const char *k = memmem(s, n, keys[q], strlen(keys[q]));
		if (!k)
			continue;
		size_t at = (size_t)(k - s) + strlen(keys[q]);
		at = dump_spaces(s, n, at);
		if (at + 3 <= n && !memcmp(s + at, "on ", 3))
			at += 3;
		if (at < n && dump_date(s + at, n - at, iso))
			return 1;
	}
	return 0;
}

/* A sign-off closing an English article: a dash, then By and a capitalised name (-- By Jane
   Roe, — By Jane Roe Follow @jroe). */
static int dump_sign_off(const char *s, size_t n)
{
	static const char *const dashes[] = {"--", "\xE2\x80\x94", "\xE2\x80\x93"};
	for (size_t q = 0; q < DUMP_N(dashes); q++) {
		size_t k = strlen(dashes[q]);
		if (n <= k || memcmp(s, dashes[q], k))
			continue;
		k = dump_spaces(s, n, k);
		return n - k > 4 && n - k < DUMP_CHROME_LINE_MAX && (s[k] == 'B' || s[k] == 'b') && s[k + 1] == 'y' &&
		       s[k + 2] == ' ' && s[k + 3] >= 'A' && s[k + 3] <= 'Z';
	}
	return 0;
}

/* A teaser's date line: short, no sentence, a date in it. */
#define DUMP_TEASER_GAP 4
static int dump_teaser_date(const struct dump_line *L)
{
	char iso[DUMP_ISO_MAX];
	return L->kind != DUMP_CHROME && L->kind != DUMP_TAIL && L->chars <= DUMP_DATELINE_LINE_MAX &&
	       !dump_is_prose(L) && dump_find_date(L->s, L->n, iso);
}

/* Narrows the dump to its article (see above): marks every line outside it as chrome. Returns
   0 when no line of text has a sentence mark (nothing reads like an article). */
/* A related-list heading holding the first of its links after a colon (延伸阅读：57岁小学肄业
   广西骗子演绎25亿美元惊天骗局): a box inside the article, not a list after it. */
static int dump_inline_box(const struct dump_line *L)
{
	const char *c = memmem(L->s, L->n, "：", strlen("："));
	if (!c || (unsigned char)L->s[0] < 0x80 ||
	    !(dump_tail_line(L->s, (size_t)(c - L->s), dump_count(L->s, (size_t)(c - L->s))) ||
	      dump_lit(L->s, L->n, "延伸阅读") || dump_lit(L->s, L->n, "延伸閱讀")))
		return 0;
	size_t at = (size_t)(c - L->s) + strlen("：");
	return dump_count(L->s + at, L->n - at) >= DUMP_TINY && !dump_has_stop(L->s + at, L->n - at);
}

static int dump_region(struct dump_line *L, size_t nl, size_t *best_chars, size_t *dateline, size_t *footer,
		       size_t *teasers)
{
	long best = 0, cur = 0;
	size_t bs = 0, be = 0, s0 = 0;
	for (size_t i = 0; i < nl; i++) {
		long w = dump_weight(L, nl, i);
		if (cur <= 0) {
			cur = 0;
			s0 = i;
		}
		cur += w;
		if (cur > best) {
			best = cur;
			bs = s0;
			be = i + 1;
		}
	}
	*best_chars = (size_t)best;
	*dateline = *footer = SIZE_MAX;
	*teasers = 0;
	if (best <= 0)
		return 0;
	size_t gbs = bs, gbe = be;
	long abest = 0;
	size_t anchor = dump_anchor(L, nl, bs, &bs, &be, &abest);
	if (anchor != SIZE_MAX && abest * 4 < best && gbs > bs && gbs <= bs + DUMP_HEAD_WINDOW) {
		/* the anchored run is a caption over a gallery; the long run just below is the body */
		bs = gbs;
		be = gbe;
	}
	/* a wiki article (section headings with edit links in the core) runs on through its
	   sections of lists and tables, which weigh as menus do, to its closing sections
	   (参考资料[编辑]): two such headings at least, one in the core */
	size_t edits = 0, in_core = 0;
	for (size_t j = 0; j < nl; j++) {
		edits += L[j].edit;
		in_core += L[j].edit && j >= bs && j < be;
	}
	if (!in_core)
		edits = 0;
	for (size_t j = be; edits >= 2 && j < nl; j++)
		if (L[j].kind == DUMP_TAIL) {
			if (L[j].edit)
				be = j;
			break;
		}
	/* a post written with spaces for commas (at least 2 * DUMP_SPACED_RUN such lines in the
	   core) goes on over the lines of text after the core, not all written so (野馬家兩張新
	   "座椅"就當作是試坐囉！拍謝哩, 三家合照（Hero也一定要入鏡的）), up to the first short
	   line, link, menu or any other kind of line */
	size_t spaced = 0;
	for (size_t j = bs; j < be && spaced < 2 * DUMP_SPACED_RUN; j++)
		spaced += dump_spaced_line(&L[j]);
	while (spaced >= 2 * DUMP_SPACED_RUN && be < nl && dump_post_line(&L[be]))
		be++;
	/* a lead-in closing the core (动力系统主要参数：) announces a list: the short lines of text
	   or fields after it (爱迪尔CH7121 / 发动机型式：… / 最大功率：…) go on the article, up to
	   the first line of another kind or with buttons in 【】; with nothing of the kind after it
	   (See more photos:, over a gallery the text does not hold) it is left out */
	if (be > bs + 1 && L[be - 1].kind == DUMP_TEXT && L[be - 1].chars <= DUMP_SUBHEAD_MAX &&
	    dump_is_colon(dump_back(L[be - 1].s, L[be - 1].n, &(size_t){0}))) {
		size_t j = be;
		while (j < nl && j < be + DUMP_LIST_MAX && (L[j].kind == DUMP_TEXT || L[j].kind == DUMP_META) &&
		       L[j].chars <= DUMP_SUBTITLE_MAX && !dump_menu_line(&L[j]) && !dump_urls(L[j].s, L[j].n) &&
		       !dump_teaser_date(&L[j]) && !memmem(L[j].s, L[j].n, "【", strlen("【"))) /* 【打印】 buttons */
			j++;
		be = j > be ? j : be - 1;
	}
	/* (none of the ends below is looked for in a wiki article: its tables are full of dates)
	   a post footer inside the core ends the post (发表于 2004年12月27日 12:40 - (阅读:3727),
	   由某某张贴 @ 2005-06-14 03:25:55): comments or older posts follow */
	long in_post = 0;
	size_t post_end = SIZE_MAX;
	for (size_t j = bs; edits < 2 && j < be; j++) {
		if (in_post >= DUMP_ANCHOR_MIN && L[j].chars <= DUMP_DATELINE_LINE_MAX && !dump_is_prose(&L[j]) &&
		    (dump_posted(L[j].s, L[j].n) || dump_published_footer(L[j].s, L[j].n))) {
			be = post_end = *footer = j;
			break;
		}
		long w = dump_weight(L, nl, j);
		in_post += w > 0 ? w : 0;
	}
	/* a sign-off under the article (-- By Jane Roe Follow @jroe): the article ends with it */
	in_post = 0;
	for (size_t j = bs; edits < 2 && post_end == SIZE_MAX && j < be; j++) {
		if (in_post >= DUMP_ANCHOR_MIN && dump_sign_off(L[j].s, L[j].n)) {
			be = j + 1;
			break;
		}
		long w = dump_weight(L, nl, j);
		in_post += w > 0 ? w : 0;
	}
	/* a list of dated teasers after the article (headline, 'August 7, 2013 -- Updated 1446
	   GMT', a sentence; three times or more, each date within DUMP_TEASER_GAP lines of the
	   last): the article ends at the headline over the first date */
	in_post = 0;
	for (size_t j = bs; edits < 2 && post_end == SIZE_MAX && j < be; j++) {
		long w = dump_weight(L, nl, j);
		in_post += w > 0 ? w : 0;
		if (in_post < DUMP_ANCHOR_MIN || j == 0 || !dump_teaser_date(&L[j]))
			continue;
		size_t dates = 1, last = j;
		for (size_t q = j + 1; q < be && q <= last + DUMP_TEASER_GAP && dates < DUMP_MENU_RUN; q++)
			if (dump_teaser_date(&L[q])) {
				dates++;
				last = q;
			}
		if (dates >= DUMP_MENU_RUN) {
			be = j - 1;
			break;
		}
	}
	while (bs < be && dump_weight(L, nl, bs) <= 0)
		bs++;
	if (anchor == SIZE_MAX && best < DUMP_ANCHOR_MIN && post_end == SIZE_MAX) {
		/* no run of sentences weighs anything (an agenda, a list of contacts): a headline over
		   its dateline, then many lines of text down to a tail heading (相关专题) holding the
		   little core found, is the article */
		for (size_t j = 0; j < bs && j < nl; j++) {
			if (!dump_title_like(&L[j]) || L[j].chars < 8 || dump_chromey(L, nl, j))
				continue;
			size_t k = dump_dateline_of(L, nl, j), t, texts = 0;
			if (k == SIZE_MAX || k >= bs)
				continue;
			for (t = k + 1; t < nl && L[t].kind != DUMP_TAIL; t++)
				texts += L[t].kind == DUMP_TEXT;
			if (t < nl && t >= be && texts >= DUMP_AGENDA_LINES) {
				anchor = j;
				bs = k + 1;
				be = t;
			}
			break;
		}
	}
	/* the headline */
	size_t head = SIZE_MAX, lo = bs > DUMP_HEAD_WINDOW ? bs - DUMP_HEAD_WINDOW : 0;
	long head_score = LONG_MIN;
	size_t hi = bs + 1 < be ? bs + 1 : bs; /* the core may open with its headline */
	for (size_t j = hi; j-- > lo;) {
		if (j >= bs && !dump_headline_ish(&L[j]))
			continue;
		if (L[j].kind == DUMP_TAIL)
			break;
		int subject = j < bs && dump_subject_heading(L, nl, j, bs, be);
		if (!subject && !dump_title_like(&L[j]))
			continue;
		long sc = L[j].chars > 40 ? 40 : (long)L[j].chars;
		if (subject)
			sc += 40;
		size_t k = j + 1;
		while (k < be && L[k].kind == DUMP_CHROME)
			k++;
		char iso[DUMP_ISO_MAX];
		if (k < be && L[k].kind == DUMP_META)
			sc += (L[k].flags & DUMP_F_DATE) ? 40 : 15;
		else if (k < be && dump_split_date(L, nl, k, iso))
			sc += 40; /* 2019 / 09/07 / 19:02 */
		else if (j + 1 < nl && dump_relative_time(L[j + 1].s, L[j + 1].n))
			sc += 30; /* a time shown relative to now (昨天, 3小时前): a dateline, not read */
		if (j == 0 || L[j - 1].kind == DUMP_CHROME)
			sc += 5;
		else if (L[j - 1].kind == DUMP_META && (L[j - 1].flags & DUMP_F_DATE))
			sc += 30; /* the date over the headline (a paper's page: 2022年02月13日, then it) */
		if (dump_short_run(L, nl, j) >= DUMP_MENU_RUN && L[j].chars <= 12)
			sc -= 30;
		/* a headline over its deck (a longer standfirst line without a full stop): the upper
		   one is the headline; a long line (a photo caption) is less likely one */
		if (j + 1 < nl && dump_title_like(&L[j + 1]) && L[j + 1].chars > L[j].chars && L[j].chars >= 12)
			sc += 10;
		if (j > 0 && dump_title_like(&L[j - 1]) && L[j - 1].chars < L[j].chars && L[j - 1].chars >= 12)
			sc -= 10;
		if (dump_width(&L[j]) > 60)
			sc -= (long)dump_width(&L[j]) - 60;
		sc -= j < bs ? (long)(bs - j) / 2 : 0;
		if (dump_subject_label(L[j].s, L[j].n))
			sc += 40; /* 主题：… over a post */
		if (j > 0 && L[j - 1].kind == DUMP_TEXT && dump_by_line(L[j - 1].s, L[j - 1].n))
			sc -= 60; /* the outlet under a byline (By Jane Doe / BBC News), not a headline */
		if (dump_job_byline(L[j].s, L[j].n))
			sc -= 60; /* a name and its post: Jane Doe Social affairs correspondent */
		if (sc > head_score) {
			head_score = sc;
			head = j;
		}
	}
	if (anchor != SIZE_MAX)
		head = anchor;
	int subject = head != SIZE_MAX && head < bs && dump_subject_heading(L, nl, head, bs, be);
	/* the dateline: a short line under the headline with a date anywhere in it (http://www.sina.net
	   2005年03月21日 11:21 《理财周刊》), read when no metadata line gives the date */
	char iso[DUMP_ISO_MAX];
	for (size_t j = head != SIZE_MAX ? head + 1 : (bs > 6 ? bs - 6 : 0); j < bs && j < be; j++)
		if (L[j].chars <= DUMP_DATELINE_LINE_MAX && !dump_is_prose(&L[j]) &&
		    (dump_find_date(L[j].s, L[j].n, iso) || dump_split_date(L, nl, j, iso))) {
			*dateline = j;
			break;
		}
	/* else a date line right over the headline (BUSINESSNOV 7, 2023 2:00 AM, then the headline) */
	for (size_t j = head, up = 0; *dateline == SIZE_MAX && head != SIZE_MAX && j > 0 && up < 2; up++) {
		j--;
		if (L[j].kind == DUMP_CHROME && !dump_find_date(L[j].s, L[j].n, iso)) {
			up--;
			continue;
		}
		if (L[j].kind != DUMP_TAIL && L[j].chars <= DUMP_DATELINE_LINE_MAX && !dump_is_prose(&L[j]) &&
		    dump_find_date(L[j].s, L[j].n, iso))
			*dateline = j;
	}
	/* else a post footer in or just under the core: 发表于:2005-07-31 12:30, 〓 发布时间
	   2005/03/15 22:36:13 by duscha 〓 (the first one: replies follow the post) */
	for (size_t j = bs; *dateline == SIZE_MAX && j < nl && j < be + DUMP_POST_GAP; j++)
		if (L[j].chars <= DUMP_DATELINE_LINE_MAX && !dump_is_prose(&L[j]) && dump_posted(L[j].s, L[j].n))
			*dateline = j;
	/* a stream of teasers (a front page): many sentences in the core, each alone between
	   headlines and links, and no headline over a dateline */
	if (anchor == SIZE_MAX && *dateline == SIZE_MAX) {
		size_t prose = 0, paired = 0;
		for (size_t j = bs; j < be; j++)
			if (dump_is_prose(&L[j])) {
				prose++;
				paired += (j > bs && dump_is_prose(&L[j - 1])) || (j + 1 < be && dump_is_prose(&L[j + 1]));
			}
		if (prose >= DUMP_TEASERS && !paired)
			*teasers = prose;
	}
	size_t r0 = head != SIZE_MAX ? head : bs;
	/* metadata lines right above the headline (a date over it) are read */
	while (r0 > 0 && r0 > lo && L[r0 - 1].kind == DUMP_META)
		r0--;
	/* a clean dump (at most DUMP_CLEAN_LINES lines of anything but metadata before the core, or
	   after it) is left as it is at that end: its first line is the title */
	size_t pre = 0, post = 0;
	for (size_t j = 0; j < bs; j++)
		pre += L[j].kind != DUMP_META;
	for (size_t j = be; j < nl; j++)
		post += L[j].kind != DUMP_META && L[j].kind != DUMP_END;
	size_t first = 0;
	while (first < nl && L[first].kind != DUMP_TEXT)
		first++;
	/* a first line that is a menu item (资讯, 凤凰网首页) is no title either */
	int top = pre > DUMP_CLEAN_LINES ||
		  (first < bs && (dump_chromey(L, nl, first) || dump_in(L[first].s, L[first].n, dump_nav_words, DUMP_N(dump_nav_words)) ||
				  dump_ends(L[first].s, L[first].n, "首页") || dump_ends(L[first].s, L[first].n, "首頁"))),
	    bottom = post > DUMP_CLEAN_LINES;
	if (top && head != SIZE_MAX && head >= bs) { /* the core opened with the headline */
		bs = head + 1;
		while (bs < be && dump_weight(L, nl, bs) <= 0)
			bs++;
	}
	if (!top) {
		r0 = 0;
		head = SIZE_MAX;
	}
	/* the end: closing metadata after the core, and a signature (a line of text right above
	   a metadata line: 湖北省民政厅 over its date) */
	size_t r1 = bottom ? be : nl, shortrun = 0;
	for (size_t j = be; bottom && j < nl && j < be + DUMP_TAIL_WINDOW; j++) {
		if (L[j].kind == DUMP_TAIL)
			break;
		if (L[j].kind == DUMP_META || L[j].kind == DUMP_END) {
			r1 = j + 1;
			shortrun = 0;
		} else if (L[j].kind == DUMP_TEXT && !dump_signs(L, nl, j) && ++shortrun >= DUMP_MENU_RUN) {
			break;
		}
	}
	if (post_end != SIZE_MAX && r1 > post_end + 1)
		r1 = post_end + 1; /* nothing after a post's footer belongs to it */
	/* an English tail heading inside the core heads a box of links in the article (Most Read
	   Business Stories, five headlines, then the article goes on): the heading and its links
	   go. Chinese pages put 相关推荐 and the like after the article, but for a box whose
	   heading line holds its first link. */
	for (size_t j = bs + 1; j < be; j++)
		if (L[j].kind == DUMP_TAIL && (unsigned char)L[j].s[0] < 0x80) {
			size_t k = j + 1;
			while (k < be && k < j + 1 + DUMP_BOX_LINES && L[k].kind == DUMP_TEXT && !dump_is_prose(&L[k]))
				k++;
			/* a few links at least: a heading over one line (Comentar / Normas de uso) opens
			   the comments, the end of the article */
			if (k < be && k >= j + 1 + DUMP_BOX_MIN && dump_is_prose(&L[k]))
				for (size_t q = j; q < k; q++)
					L[q].kind = DUMP_CHROME;
		} else if ((L[j].kind == DUMP_TAIL || L[j].kind == DUMP_TEXT) && dump_inline_box(&L[j])) {
			/* a Chinese one holding its first link (延伸阅读：57岁小学肄业 广西骗子…), then
			   more headlines, then the article again (its subheads first, maybe) */
			size_t k = j + 1, q;
			while (k < be && k < j + 1 + DUMP_BOX_LINES && L[k].kind == DUMP_TEXT && !dump_is_prose(&L[k]) &&
			       L[k].chars >= DUMP_TINY)
				k++;
			for (q = k; q < be && q < k + DUMP_MENU_RUN && !dump_is_prose(&L[q]); q++)
				;
			if (k >= j + 1 + DUMP_BOX_MIN && q < be && dump_is_prose(&L[q]))
				for (q = j; q < k; q++)
					L[q].kind = DUMP_CHROME;
		}
	for (size_t j = 0; j < nl; j++) {
		int keep = j >= r0 && j < r1;
		if (keep && top && head != SIZE_MAX && j > head && j < bs && L[j].kind == DUMP_TEXT &&
		    (dump_weight(L, nl, j) <= 0 || dump_caption(&L[j])))
			/* under the headline, before the core: a subtitle (the line right under it, not a
			   repeat of it, not a menu, not a photo caption) or chrome */
			keep = (j == head + 1 && !subject && j != *dateline && L[j].chars <= DUMP_SUBTITLE_MAX && !dump_chromey(L, nl, j) &&
				!dump_latin_name(L[j].s, L[j].n) && !dump_handle(&L[j]) && /* the byline, read apart */
				!(L[j].n == L[head].n && !memcmp(L[j].s, L[head].s, L[j].n))) ||
			       /* the headline again over the core with the author's name under it
				  (茉莉：我是… / 我是… / 茉莉): read as the byline */
			       (j + 1 < bs && dump_title_repeat(&L[head], &L[j]) && dump_bare_name(L[j + 1].s, L[j + 1].n)) ||
			       (j > head + 1 && dump_title_repeat(&L[head], &L[j - 1]) && dump_bare_name(L[j].s, L[j].n));
		if (keep && bottom && j >= be && L[j].kind == DUMP_TEXT)
			keep = dump_signs(L, nl, j);
		if (!keep)
			L[j].kind = DUMP_CHROME;
	}
	return 1;
}

/* A line that is only a Chinese personal name (胡平, 买买提·艾力): 2 or 3 Han characters, or up
   to 10 with a middle dot; not a label (导读, 正文), a time (昨天) or an outlet (新华社). */
static int dump_bare_name(const char *s, size_t n)
{
	static const char *const words[] = {"本报讯", "导语", "导读", "摘要", "正文", "评论", "图片",
					    "视频", "简介", "编者按", "原标题", "提要", "全文", "目录",
					    "前言", "序言", "引言", "附件", "附录", "相关", "昨天",
					    "今天", "前天", "明天", "刚刚", "今日", "昨日", "本周", "上午",
					    "下午", "中午", "凌晨", "晚上", "早上", "近日", "日前", "更多",
					    "待续", "未完", "待續", "续完", "组图", "附图", "资料图", "图文",
					    "原创", "转载", "专稿", "特稿", "快讯", "独家", "综合", "编译"};
	static const char *const org_ends[] = {"社", "报", "網", "网", "台", "刊", "站", "部", "局",
					       "院", "所", "会", "厅", "委", "办", "处", "署", "闻",
					       "中心", "集团", "公司", "频道", "号"};
	size_t cps = 0;
	int dot = 0;
	for (size_t i = 0, l; i < n; i += l, cps++) {
		uint32_t c = dump_cp(s + i, n - i, &l);
		if (c == 0xB7 || c == 0x2022 || c == 0x30FB)
			dot = 1;
		else if (!punct_is_han(c) || c == 0x4E28)
			return 0;
	}
	if (cps < 2 || cps > (dot ? 10u : 3u) || dump_in(s, n, words, DUMP_N(words)) ||
	    dump_in(s, n, dump_chrome_words, DUMP_N(dump_chrome_words)) ||
	    dump_in(s, n, dump_nav_words, DUMP_N(dump_nav_words)))
		return 0;
	for (size_t k = 0; k < DUMP_N(org_ends); k++)
		if (dump_ends(s, n, org_ends[k]))
			return 0;
	return 1;
}

/* Is line r the headline t again, whole or as the part after a colon (茉莉：我是… / 我是…)? */
static int dump_title_repeat(const struct dump_line *t, const struct dump_line *r)
{
	if (!r->n || r->n > t->n || memcmp(t->s + t->n - r->n, r->s, r->n))
		return 0;
	if (r->n == t->n)
		return 1;
	const char *p = t->s;
	size_t k = t->n - r->n, l;
	while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t'))
		k--;
	/* the last code point before the repeat */
	size_t j = k;
	while (j > 0 && ((unsigned char)p[j - 1] & 0xC0) == 0x80)
		j--;
	if (j == 0)
		return 0;
	j--;
	while (j > 0 && ((unsigned char)p[j] & 0xC0) == 0x80)
		j--;
	return dump_is_colon(dump_cp(p + j, k - j, &l));
}

/* PUNCT-NORM of s[0..n) into c->tmp; returns the length (0: nothing left). */
static size_t dump_norm(struct dump_ctx *c, const char *s, size_t n)
{
	buf_reset(&c->tmp);
	punct_normalize(s, n, &c->tmp);
	return c->tmp.len;
}

static int dump_is_subtitle(const struct dump_line *L, const struct dump_line *after)
{
	if (L->kind != DUMP_TEXT || L->chars > DUMP_SUBTITLE_MAX || dump_is_stop(dump_last_sig(L->s, L->n)) ||
	    memmem(L->s, L->n, "://", 3))
		return 0;
	if (dump_lit(L->s, L->n, "—") || dump_lit(L->s, L->n, "--"))
		return 1;
	return after && after->kind == DUMP_META && !(after->flags & DUMP_F_WRAPPED);
}

/* A first text line too long, or too sentence-like, to be a title. */
static int dump_title_para(const struct dump_line *L)
{
	unsigned w = dump_width(L); /* Latin letters count half: English headlines are long */
	return w > DUMP_TITLE_MAX || (w > DUMP_SUBTITLE_MAX && dump_is_stop(dump_last_sig(L->s, L->n)));
}

/* A credit closing a paragraph: （王煌忠／台中報導）, （記者陳志明/台北报道）, （姚峰 上海报道）: the
   Han name (2 to 4 characters) before the slash or space becomes the byline (the text stays).
   Shared with the HTML reader (textdump.h). */
enum err dump_report_credit(struct doc *doc, const char *t, struct srcpos pos)
{
	static const char *const ends[] = {"報導）", "报道）", "報導)", "报道)"};
	static const char *const roles[] = {"記者", "记者", "實習記者", "实习记者"};
	size_t n = strlen(t), k = 0;
	/* the last such mark in the paragraph (a promotion may follow it in the same block) */
	size_t best = 0;
	for (size_t i = 0; i < DUMP_N(ends); i++) {
		size_t m = strlen(ends[i]);
		for (const char *q = t; (q = memmem(q, (size_t)(t + strlen(t) - q), ends[i], m));
		     q += m)
			if ((size_t)(q - t) + m > best) {
				k = m;
				best = n = (size_t)(q - t) + m;
			}
	}
	if (!k)
		return ERR_OK;
	/* the opening bracket within 40 bytes */
	size_t o = n - k, open = SIZE_MAX;
	for (size_t i = o; i > 0 && o - i < 40; i--)
		if (t[i - 1] == '(' || (i >= 3 && !memcmp(t + i - 3, "（", 3))) {
			open = i;
			break;
		}
	if (open == SIZE_MAX)
		return ERR_OK;
	const char *p = t + open, *role = "";
	size_t m = o - open;
	for (size_t i = 0; i < DUMP_N(roles); i++) {
		size_t r = strlen(roles[i]);
		if (m > r && !memcmp(p, roles[i], r)) {
			role = roles[i];
			p += r;
			m -= r;
			break;
		}
	}
	const char *sl = memmem(p, m, "／", 3);
	if (!sl)
		sl = memchr(p, '/', m);
	if (!sl) /* （姚峰 上海报道）: the name, a space, the place */
		sl = memchr(p, ' ', m);
	if (!sl)
		sl = memmem(p, m, "\xe3\x80\x80", 3);
	if (!sl)
		return ERR_OK;
	size_t nm = (size_t)(sl - p);
	dump_trim(&p, &nm);
	size_t cps = dump_count(p, nm);
	if (cps < 2 || cps > 4)
		return ERR_OK;
	for (size_t i = 0; i < nm; i++)
		if (!((unsigned char)p[i] & 0x80))
			return ERR_OK; /* Han names only */
	enum err e = doc_add_credit(doc, role, (size_t)-1, pos);
	return e ? e : doc_add_name(doc, p, nm);
}

/* ---- a government notice's metadata table ----------------------------------------------------

   Notices on government sites (政府信息公开) open with a table of fields: 索引号, 分类, 发文机关,
   成文日期, 标题, 发文字号, 发布日期, one pair or two pairs a line (cells separated by tabs), keys
   padded with spaces to one width (标      题：). Its 标题 is the notice's title, 发布日期 (else
   成文日期) the date, 发文机关 (else 发布机构) the author; the rest (索引号, 分类, 发文字号…) is
   filing data, not printed. The headline shown again under the table, often broken over short
   lines (…关于禁止在 / …补充治理工程建设 / …), is the title again: parse.c drops it, as it does
   for any reader. */
#define DUMP_GOV_CELLS 8    /* key-value pairs on one table row */
#define DUMP_GOV_KEYS 3     /* distinct keys that make a table */

enum { DUMP_GOV_TITLE = 1, DUMP_GOV_PUBLISHED, DUMP_GOV_WRITTEN, DUMP_GOV_ISSUER, DUMP_GOV_PUBLISHER,
       DUMP_GOV_FILING, DUMP_GOV_OTHER };

static const struct {
	const char *w;
	unsigned char k;
} dump_gov_keys[] = {
	{"标题", DUMP_GOV_TITLE}, {"標題", DUMP_GOV_TITLE}, {"名称", DUMP_GOV_TITLE},
	{"發布日期", DUMP_GOV_PUBLISHED}, {"发布日期", DUMP_GOV_PUBLISHED}, {"發佈日期", DUMP_GOV_PUBLISHED},
	{"成文日期", DUMP_GOV_WRITTEN}, {"发文日期", DUMP_GOV_WRITTEN}, {"發文日期", DUMP_GOV_WRITTEN},
	{"发文机关", DUMP_GOV_ISSUER}, {"發文機關", DUMP_GOV_ISSUER}, {"发文单位", DUMP_GOV_ISSUER},
	{"發文單位", DUMP_GOV_ISSUER}, {"发布机构", DUMP_GOV_PUBLISHER}, {"發布機構", DUMP_GOV_PUBLISHER},
	/* filing data: these make a table what it is */
	{"索引号", DUMP_GOV_FILING}, {"索引號", DUMP_GOV_FILING}, {"发文字号", DUMP_GOV_FILING},
	{"發文字號", DUMP_GOV_FILING}, {"文号", DUMP_GOV_FILING}, {"文號", DUMP_GOV_FILING},
	{"主题分类", DUMP_GOV_OTHER}, {"主題分類", DUMP_GOV_OTHER}, {"体裁分类", DUMP_GOV_OTHER},
	{"分类", DUMP_GOV_OTHER}, {"分類", DUMP_GOV_OTHER}, {"主题词", DUMP_GOV_OTHER}, {"主題詞", DUMP_GOV_OTHER},
	{"公开方式", DUMP_GOV_OTHER}, {"公开范围", DUMP_GOV_OTHER}, {"公开时限", DUMP_GOV_OTHER},
	{"有效性", DUMP_GOV_OTHER}, {"生效日期", DUMP_GOV_OTHER}, {"废止日期", DUMP_GOV_OTHER},
};

/* The table key starting s[0..n), its characters possibly spaced out (索  引 号：), then a colon:
   its index in dump_gov_keys, with *len = bytes through the colon; -1 when none. */
static int dump_gov_key(const char *s, size_t n, size_t *len)
{
	for (size_t q = 0; q < DUMP_N(dump_gov_keys); q++) {
		const char *w = dump_gov_keys[q].w;
		size_t wn = strlen(w), a = 0, i = 0, l, wl;
		while (a < wn && i < n) {
			uint32_t c = dump_cp(s + i, n - i, &l);
			if (a && dump_is_space(c)) {
				i += l;
				continue;
			}
			if (c != dump_cp(w + a, wn - a, &wl))
				break;
			a += wl;
			i += l;
		}
		if (a < wn)
			continue;
		while (i < n && dump_is_space(dump_cp(s + i, n - i, &l)))
			i += l;
		if (i < n && dump_is_colon(dump_cp(s + i, n - i, &l))) {
			*len = i + l;
			return (int)q;
		}
	}
	return -1;
}

struct dump_gov_cell {
	int key;         /* index in dump_gov_keys */
	const char *v;   /* the value, trimmed; may be empty */
	size_t vn;
};

/* The cells of a table row s[0..n): a key first, every value up to the next key after a space;
   0 when the line does not start with a key. */
static size_t dump_gov_row(const char *s, size_t n, struct dump_gov_cell *cell)
{
	size_t i = 0, k, cells = 0, l;
	int key = dump_gov_key(s, n, &k);
	while (key >= 0 && cells < DUMP_GOV_CELLS) {
		size_t v = i + k, j = v, ve = n, nk = 0;
		int next = -1;
		while (j < n) {
			uint32_t c = dump_cp(s + j, n - j, &l);
			if (!dump_is_space(c)) {
				j += l;
				continue;
			}
			size_t t = j;
			while (t < n && dump_is_space(dump_cp(s + t, n - t, &l)))
				t += l;
			if (t < n && (next = dump_gov_key(s + t, n - t, &nk)) >= 0) {
				ve = j;
				break;
			}
			j = t;
		}
		cell[cells].key = key;
		cell[cells].v = s + v;
		cell[cells].vn = ve - v;
		dump_trim(&cell[cells].v, &cell[cells].vn);
		cells++;
		if (next < 0)
			break;
		i = j;
		while (i < n && dump_is_space(dump_cp(s + i, n - i, &l)))
			i += l;
		key = next;
		k = nk;
	}
	return cells;
}

/* Finds a notice's metadata table and reads it (see above); its lines become chrome. When the
   table comes before any sentence, its 标题 row becomes the title line (*title, its text cut to
   the value) and the lines above it are dropped. */
static enum err dump_gov_table(struct dump_ctx *c, size_t *title)
{
	struct dump_line *L = c->lines;
	size_t nl = c->n_lines, t0 = SIZE_MAX, t1 = 0;
	struct dump_gov_cell cell[DUMP_GOV_CELLS];
	*title = SIZE_MAX;
	/* the first run of rows holding DUMP_GOV_KEYS different keys, one of them filing data or
	   the issuer */
	for (size_t i = 0; i < nl && t0 == SIZE_MAX; i++) {
		if (L[i].chars > DUMP_META_MAX || !dump_gov_row(L[i].s, L[i].n, cell))
			continue;
		unsigned seen[DUMP_N(dump_gov_keys)] = {0}, distinct = 0, strong = 0;
		size_t j = i;
		while (j < nl && L[j].chars <= DUMP_META_MAX) {
			size_t m = dump_gov_row(L[j].s, L[j].n, cell);
			if (!m)
				break;
			for (size_t q = 0; q < m; q++) {
				unsigned char k = dump_gov_keys[cell[q].key].k;
				if (!seen[cell[q].key]++) {
					distinct++;
					strong += k == DUMP_GOV_FILING || k == DUMP_GOV_ISSUER || k == DUMP_GOV_WRITTEN;
				}
			}
			j++;
			/* the value of a key ending the row on the next line (标题：/ 关于…的通知) */
			if (!cell[m - 1].vn && j < nl && L[j].chars <= DUMP_META_MAX && !dump_gov_row(L[j].s, L[j].n, cell))
				j++;
		}
		if (distinct >= DUMP_GOV_KEYS && strong) {
			t0 = i;
			t1 = j;
		}
		i = j > i ? j - 1 : i;
	}
	if (t0 == SIZE_MAX)
		return ERR_OK;
	/* the first value of each kind of field (DUMP_GOV_TITLE … DUMP_GOV_PUBLISHER) */
	struct dump_gov_cell got[DUMP_GOV_OTHER + 1] = {{0}};
	size_t trow = SIZE_MAX;
	for (size_t i = t0; i < t1; i++) {
		size_t m = dump_gov_row(L[i].s, L[i].n, cell);
		if (!m && i > t0) { /* a value on its own line */
			size_t pm = dump_gov_row(L[i - 1].s, L[i - 1].n, cell);
			if (!pm)
				continue;
			cell[0] = cell[pm - 1];
			cell[0].v = L[i].s;
			cell[0].vn = L[i].n;
			m = 1;
		}
		for (size_t q = 0; q < m; q++) {
			unsigned char k = dump_gov_keys[cell[q].key].k;
			if (!cell[q].vn || got[k].vn)
				continue;
			got[k] = cell[q];
			if (k == DUMP_GOV_TITLE)
				trow = i;
		}
		L[i].kind = DUMP_CHROME;
		L[i].flags = 0;
	}
	enum err e;
	char iso[DUMP_ISO_MAX];
	struct srcpos pos = {c->doc->file, L[t0].line, 1};
	const struct dump_gov_cell *pub = &got[DUMP_GOV_PUBLISHED], *written = &got[DUMP_GOV_WRITTEN];
	if (!c->doc->published.text &&
	    ((pub->vn && dump_date(pub->v, pub->vn, iso)) || (written->vn && dump_date(written->v, written->vn, iso))) &&
	    (e = doc_set(c->doc, &c->doc->published, iso, (size_t)-1, pos)))
		return e;
	const struct dump_gov_cell *issuer = got[DUMP_GOV_ISSUER].vn ? &got[DUMP_GOV_ISSUER] : &got[DUMP_GOV_PUBLISHER];
	if (issuer->vn && issuer->vn <= DUMP_META_MAX && !c->doc->n_byline &&
	    ((e = doc_add_credit(c->doc, "", 0, pos)) || (e = doc_add_name(c->doc, issuer->v, issuer->vn))))
		return e;
	const char *tv = got[DUMP_GOV_TITLE].v;
	size_t tvn = got[DUMP_GOV_TITLE].vn;
	if (!tv)
		return ERR_OK;
	for (size_t i = 0; i < t0; i++)
		if (dump_is_prose(&L[i]))
			return ERR_OK; /* the table closes the article: its title is not the first line */
	for (size_t i = 0; i < trow; i++)
		if (L[i].kind == DUMP_TEXT)
			L[i].kind = DUMP_CHROME;
	L[trow].s = tv;
	L[trow].n = tvn;
	L[trow].chars = (unsigned)dump_count(tv, tvn);
	L[trow].kind = DUMP_TEXT;
	*title = trow;
	return ERR_OK;
}

static enum err dump_read_opt(struct doc *doc, const char *text, size_t len, int extract, struct diag *d)
{
	struct dump_ctx c = {doc, d, NULL, 0, 0, DUMP_NO_RANK, {0}, {0}, extract};
	size_t *body = NULL, nb = 0;
	enum err e = ERR_OK;
	buf_init(&c.tmp);
	buf_init(&c.role);

	if ((e = dump_split(&c, text, len)))
		goto done;
	struct dump_line *L = c.lines;
	size_t nl = c.n_lines, title = SIZE_MAX, sub = SIZE_MAX, sigdate = SIZE_MAX, cut = nl, i;
	/* Classify up to the cut: a tail heading once the body has started. Lines after it are
	   never looked at. */
	int title_para = 0, started = 0;
	for (i = 0; i < nl; i++)
		dump_classify(&c, &L[i]);
	size_t core_chars, dateline = SIZE_MAX, post = SIZE_MAX;
	size_t meta = 0; /* lines of metadata anywhere: dates, credits, sources */
	for (i = 0; i < nl; i++)
		meta += L[i].kind == DUMP_META;
	size_t teasers = 0;
	int found = extract ? dump_region(L, nl, &core_chars, &dateline, &post, &teasers) : 1;
	if (teasers) {
		diag_at(d, DIAG_ERROR, (struct srcpos){doc->file, 0, 0},
			"no article text: %zu lines, the sentences found are %zu teasers, each alone under its "
			"own headline, and no headline stands over a date; a front page or an index is not an article",
			nl, teasers);
		e = ERR_INPUT;
		goto done;
	}
	if (extract && found && nl >= DUMP_FRONT_LINES && core_chars < DUMP_FRONT_CORE && dateline == SIZE_MAX) {
		/* a front page: hundreds of lines, a few teaser sentences, nothing dated or credited */
		if (!meta) {
			diag_at(d, DIAG_ERROR, (struct srcpos){doc->file, 0, 0},
				"no article text: %zu lines, the longest run of sentences has %zu characters and "
				"nothing is dated or credited; a front page or an index is not an article",
				nl, core_chars);
			e = ERR_INPUT;
			goto done;
		}
	}
	size_t urls = 0;
	for (i = 0; i < nl && extract && !found; i++)
		urls += dump_urls(L[i].s, L[i].n);
	if (extract && !found && (nl > DUMP_PAGE_LINES || urls >= 2)) {
		/* a page of menus and links only (a front page, a section index, a search page) */
		size_t longest = 0, at = 0;
		for (i = 0; i < nl; i++)
			if (L[i].chars > longest) {
				longest = L[i].chars;
				at = i;
			}
		diag_at(d, DIAG_ERROR, (struct srcpos){doc->file, 0, 0},
			"no article text: %zu lines and none reads as a sentence (the longest, line %u, has %zu characters); "
			"a front page, an index or a search page is not an article", nl, L[at].line, longest);
		e = ERR_INPUT;
		goto done;
	}
	size_t gov = SIZE_MAX; /* the title row of a notice's metadata table */
	if ((e = dump_gov_table(&c, &gov)))
		goto done;
	for (i = 0; i < nl; i++) {
		if (L[i].kind == DUMP_TEXT && title == SIZE_MAX) {
			title = i;
			title_para = i != gov && dump_title_para(&L[i]);
			started = title_para;
		} else if (L[i].kind == DUMP_TEXT) {
			started = 1;
		} else if (L[i].kind == DUMP_TAIL && started) {
			cut = i;
			break;
		}
	}
	for (i = 0; i < nl && title == SIZE_MAX; i++)
		if (L[i].kind == DUMP_META) { /* only metadata: the first line is the title */
			title = i;
			L[i].kind = DUMP_TEXT;
		}
	if (title != SIZE_MAX && !title_para && !dump_subject_label(L[title].s, L[title].n))
		/* a post's subject line (主题：…) a few lines down is the title; a greeting or a
		   breadcrumb over it is not (游客 欢迎你！) */
		for (i = title + 1; i < cut && i <= title + 3; i++) {
			if (L[i].kind == DUMP_TEXT && dump_subject_label(L[i].s, L[i].n) &&
			    L[i].chars <= DUMP_SUBTITLE_MAX + 20) {
				for (size_t q = title; q < i; q++)
					L[q].kind = DUMP_CHROME;
				title = i;
				break;
			}
			if (L[i].kind == DUMP_TEXT && dump_is_prose(&L[i]))
				break;
		}
	if (title == SIZE_MAX) {
		diag_at(d, DIAG_ERROR, (struct srcpos){doc->file, 0, 0},
			nl ? "no article text (only page chrome)" : "input has no text");
		e = ERR_INPUT;
		goto done;
	}

	if (!title_para) {
		/* a date split over lines right under the title (2019 / 09/07 / 19:02): the dateline */
		char iso[DUMP_ISO_MAX];
		size_t j = title + 1, k;
		while (j < cut && j <= title + DUMP_MENU_RUN && L[j].kind == DUMP_CHROME && !dump_split_date(L, nl, j, iso))
			j++;
		if (j < cut && (k = dump_split_date(L, nl, j, iso))) {
			if (!doc->published.text &&
			    (e = doc_set(doc, &doc->published, iso, (size_t)-1, (struct srcpos){doc->file, L[j].line, 1})))
				goto done;
			for (size_t q = j; q < j + k; q++)
				L[q].kind = DUMP_CHROME;
		}
	}
	size_t bstart = title_para ? title : title + 1, bend;
	if (!title_para) {
		size_t j = title + 1, k;
		while (j < cut && L[j].kind == DUMP_CHROME)
			j++;
		for (k = j + 1; k < cut && L[k].kind == DUMP_CHROME; k++)
			;
		if (j < cut && dump_is_subtitle(&L[j], k < cut ? &L[k] : NULL)) {
			sub = j;
			bstart = j + 1;
		}
	}
	while (bstart < cut && L[bstart].kind != DUMP_TEXT)
		bstart++;
	for (bend = cut; bend > bstart && L[bend - 1].kind != DUMP_TEXT; bend--)
		;
	/* a bare date right under the last paragraph signs it (notices): it stays body text */
	if (bend > bstart && bend < cut && L[bend].kind == DUMP_META && L[bend].flags == DUMP_F_DATE &&
	    memmem(L[bend].s, L[bend].n, "年", strlen("年")) && !memchr(L[bend].s, ':', L[bend].n)) {
		L[bend].kind = DUMP_TEXT;
		L[bend].flags = 0;
		sigdate = bend++;
	}
	/* body lines: [bstart, bend) */
	if (bend > bstart) {
		body = malloc((bend - bstart) * sizeof *body);
		if (!body) {
			e = ERR_NOMEM;
			goto done;
		}
	}
	/* a credit line after the last sentence of the body (新京报记者 张三 北京报道, then only
	   short lines such as an editor credit) signs the article: it is read, not kept */
	size_t last_sent = bstart;
	for (i = bstart; i < bend; i++)
		if (L[i].kind == DUMP_TEXT && dump_has_stop(L[i].s, L[i].n))
			last_sent = i;
	for (i = last_sent + 1; i < bend; i++)
		if (L[i].kind == DUMP_META && L[i].flags == DUMP_F_CREDIT)
			L[i].flags |= DUMP_F_WRAPPED;
	/* so does a credit line among the first lines of the body, under a photo caption or a
	   lead (記者林悅／南市報導) */
	for (i = bstart; i < bend && i < bstart + DUMP_MENU_RUN; i++)
		if (L[i].kind == DUMP_META && (L[i].flags & DUMP_F_CREDIT) &&
		    !(L[i].flags & ~(unsigned)(DUMP_F_CREDIT | DUMP_F_DATE | DUMP_F_SOURCE)))
			L[i].flags = DUMP_F_CREDIT | DUMP_F_WRAPPED; /* 作者：张三 时间：2005-08-22 19:13:18 */
	/* a bare name right under the headline signs the article (犬儒病 / 胡平 / ——副题) */
	size_t bare = SIZE_MAX, dup = SIZE_MAX;
	if (!title_para && bstart + 1 < bend && L[bstart].kind == DUMP_TEXT) {
		size_t b = bstart;
		/* the headline again over the article, then the name (茉莉：我是… / 我是… / 茉莉) */
		if (b + 2 < bend && L[b + 1].kind == DUMP_TEXT && L[title].chars > DUMP_TINY &&
		    dump_title_repeat(&L[title], &L[b])) /* not a wiki's heading over its infobox */
			dup = b++;
		if (dump_bare_name(L[b].s, L[b].n) && !(L[b].n == L[title].n && !memcmp(L[b].s, L[title].s, L[b].n)))
			bare = b; /* not the title again (a wiki's heading over its infobox) */
		else
			dup = SIZE_MAX;
	}
	for (i = bstart; i < bend; i++)
		if (i != bare && i != dup && (L[i].kind == DUMP_TEXT || (L[i].kind == DUMP_META && !dump_middle_meta(&L[i]))) &&
		    /* a photo's credit or caption with its credit, a labelled caption, a paywall's
		       notice, an English page's button: weighed as text in the search for the
		       article, never printed */
		    !(L[i].kind == DUMP_TEXT && L[i].chars <= DUMP_CAPTION_MAX &&
		      (dump_photo_credit(L[i].s, L[i].n) || dump_caption_label(L[i].s, L[i].n) ||
		       dump_paywall(L[i].s, L[i].n, L[i].chars) ||
		       dump_in(L[i].s, L[i].n, dump_chrome_lines, DUMP_N(dump_chrome_lines))))) {
			L[i].body = 1;
			body[nb++] = i;
		}
	dump_headings(&c, body, nb);

	if (title_para)
		diag_at(d, DIAG_NOTE, (struct srcpos){doc->file, L[title].line, 1},
			"no title line found; the first line is read as a paragraph");
	size_t first_para = SIZE_MAX, last_para = nb ? body[nb - 1] : SIZE_MAX, paras = 0;
	for (size_t k = 0; k < nb && first_para == SIZE_MAX; k++)
		if (!L[body[k]].heading)
			first_para = body[k];

	for (i = 0; i < cut; i++) {
		struct dump_line *x = &L[i];
		struct srcpos pos = {doc->file, x->line, 1};
		if ((i == title && !title_para) || i == sub) {
			const char *ts = x->s;
			size_t tn = x->n, k = i == title ? dump_subject_label(ts, tn) : 0;
			if (k) { /* 主题： 你知道…？ */
				ts += k;
				tn -= k;
			}
			k = dump_lit(ts, tn, "原创");
			if (i == title && k && dump_count(ts + k, tn - k) >= 6) {
				/* 原创最不愁吃肉的国家: the platform's label glued in front */
				ts += k;
				tn -= k;
				dump_trim(&ts, &tn);
			}
			size_t n = dump_norm(&c, ts, tn);
			if (c.tmp.oom) {
				e = ERR_NOMEM;
				goto done;
			}
			if ((e = doc_set(doc, i == sub ? &doc->subtitle : &doc->title, buf_cstr(&c.tmp), n, pos)))
				goto done;
			continue;
		}
		if (i == bare) {
			if ((e = doc_add_credit(doc, "", (size_t)-1, pos)) || (e = doc_add_name(doc, x->s, x->n)))
				goto done;
			continue;
		}
		if (!x->body) {
			unsigned fl;
			if (x->kind == DUMP_META && (e = dump_meta(&c, x->s, x->n, x->line, 1, &fl)))
				goto done;
			continue;
		}
		const char *s = x->s;
		size_t n = x->n;
		unsigned fl;
		if (i == sigdate && (e = dump_meta(&c, s, n, x->line, 1, &fl)))
			goto done;
		if (!x->heading) {
			/* the dateline: in the first paragraph, or the second when a promotion or a
			   lead-in comes first (新京报快讯（记者 裴剑飞）) */
			if (paras < 2 && !doc->n_byline && (e = dump_dateline(&c, s, n, x->line)))
				goto done;
			paras++;
			if ((e = dump_strip_end(&c, s, &n, x->line, i == last_para)))
				goto done;
		}
		if (!dump_norm(&c, s, n))
			continue;
		if (c.tmp.oom) {
			e = ERR_NOMEM;
			goto done;
		}
		if (doc->n_blocks >= DUMP_MAX_BLOCKS) {
			diag_at(d, DIAG_ERROR, pos, "more than %d paragraphs (DUMP_MAX_BLOCKS)",
				DUMP_MAX_BLOCKS);
			e = ERR_LIMIT;
			goto done;
		}
		if ((e = doc_add_block(doc, x->heading ? DOC_HEADING : DOC_PARA, x->heading ? 2 : 0,
				       buf_cstr(&c.tmp), c.tmp.len, pos)))
			goto done;
	}
	/* a Latin name alone between the headline and its dateline (NATALIYA VASILYEVA, Tom Bennett),
	   or the poster's handle alone between them (LinkNaija) */
	if (extract && !doc->n_byline && dateline != SIZE_MAX && title != SIZE_MAX && dateline > title) {
		for (i = title + 1; i < dateline; i++)
			if (dump_latin_name(L[i].s, L[i].n) ||
			    (dump_handle(&L[i]) && i == title + 1 && i + 1 == dateline)) { /* not a button (Print) */
				char by[64];
				size_t names;
				memcpy(by, "By ", 3);
				memcpy(by + 3, L[i].s, L[i].n);
				if ((e = dump_by_names(&c, by, L[i].n + 3, 3, L[i].line, 1, &names)))
					goto done;
				break;
			}
	}
	/* a three-character name within three lines under the date under the headline (中時 /
	   謝明俊): two-character lines there are too often words (地方, 人人) */
	if (extract && !doc->n_byline && title != SIZE_MAX) {
		char iso[DUMP_ISO_MAX];
		size_t dl = SIZE_MAX;
		for (i = title + 1; i < nl && i <= title + 3 && dl == SIZE_MAX; i++)
			if (L[i].chars <= DUMP_DATELINE_LINE_MAX && dump_find_date(L[i].s, L[i].n, iso))
				dl = i;
		for (i = dl + 1; dl != SIZE_MAX && i < nl && i <= dl + 3 && !L[i].body; i++)
			if (L[i].chars == 3 && dump_bare_name(L[i].s, L[i].n)) {
				if ((e = doc_add_credit(doc, "", (size_t)-1, (struct srcpos){doc->file, L[i].line, 1})) ||
				    (e = doc_add_name(doc, L[i].s, L[i].n)))
					goto done;
				break;
			}
	}
	/* "By" alone on a line, the name on the next (a page's byline in two elements) */
	for (i = title + 1; extract && !doc->n_byline && i + 1 < nl && i <= title + DUMP_BY_GAP; i++) {
		if (!dump_eq(L[i].s, L[i].n, "By") && !dump_eq(L[i].s, L[i].n, "by"))
			continue;
		char by[64];
		if (L[i + 1].n + 3 >= sizeof by)
			break;
		memcpy(by, "By ", 3);
		memcpy(by + 3, L[i + 1].s, L[i + 1].n);
		size_t names;
		if (dump_by_line(by, L[i + 1].n + 3) &&
		    (e = dump_by_names(&c, by, L[i + 1].n + 3, 3, L[i + 1].line, 1, &names)))
			goto done;
		break;
	}
	/* a name and its post under the headline (Jane Doe Social affairs correspondent) */
	for (i = title + 1; extract && !doc->n_byline && i < nl && i <= title + DUMP_BY_GAP; i++) {
		size_t nn = dump_job_byline(L[i].s, L[i].n);
		if (!nn)
			continue;
		if ((e = doc_add_credit(doc, "", 0, (struct srcpos){doc->file, L[i].line, 1})) ||
		    (e = doc_add_name(doc, L[i].s, nn)))
			goto done;
		break;
	}
	/* a post's footer under the article naming its poster first (史蒂文的家_藍天 發表在 痞客邦),
	   when it is the only one: a forum's replies are signed the same way */
	if (extract && !doc->n_byline && last_para != SIZE_MAX) {
		size_t at = SIZE_MAX, n_signed = 0, ns = 0, nn = 0, s0, n0;
		for (i = last_para + 1; i < nl && i <= last_para + 2 * DUMP_TAIL_WINDOW; i++)
			if (L[i].chars <= DUMP_DATELINE_LINE_MAX && dump_post_signed(L[i].s, L[i].n, &s0, &n0) &&
			    !n_signed++) {
				at = i;
				ns = s0;
				nn = n0;
			}
		/* the poster as shown: a blog's name (史蒂文的家_藍天) is no personal name */
		if (n_signed == 1 && !dump_chrome_word(L[at].s + ns, nn) &&
		    !dump_in(L[at].s + ns, nn, dump_nav_words, DUMP_N(dump_nav_words)) &&
		    ((e = doc_add_credit(doc, "", 0, (struct srcpos){doc->file, L[at].line, 1})) ||
		     (e = doc_add_name(doc, L[at].s + ns, nn))))
			goto done;
	}
	/* a credit closing one of the last paragraphs of a page's article: （王煌忠／台中報導） */
	for (size_t k = doc->n_blocks, m = 0; extract && k-- > 0 && m < DUMP_CREDIT_PARAS && !doc->n_byline; m++)
		if (doc->blocks[k].type == DOC_PARA &&
		    (e = dump_report_credit(doc, doc->blocks[k].text, doc->blocks[k].pos)))
			goto done;
	/* the editor credit of a page's article after a box that cut the body (精彩视频推荐, a video,
	   the copyright notice, then [责任编辑：某某]): a line that is nothing but a 责任编辑 or
	   责编 credit, within DUMP_TAIL_WINDOW lines of the last paragraph */
	for (i = last_para + 1; extract && last_para != SIZE_MAX && c.editor_rank == DUMP_NO_RANK && i < nl &&
				i <= last_para + DUMP_TAIL_WINDOW; i++) {
		static const char *const keys[] = {"责任编辑", "責任編輯", "责编", "責編"};
		unsigned flags = 0;
		int key = 0;
		for (size_t q = 0; q < DUMP_N(keys) && !key; q++)
			key = memmem(L[i].s, L[i].n, keys[q], strlen(keys[q])) != NULL;
		if (!key || L[i].chars > DUMP_DATELINE_MAX || (e = dump_meta(&c, L[i].s, L[i].n, L[i].line, 0, &flags)))
			continue;
		if (flags == DUMP_F_EDITOR && (e = dump_meta(&c, L[i].s, L[i].n, L[i].line, 1, &flags)))
			goto done;
	}
	/* an author's note closing an English article (Jane Roe is a freelance reporter covering
	   …): the name before " is a" is the byline */
	for (size_t k = doc->n_blocks, m = 0; extract && k-- > 0 && m < DUMP_BIO_PARAS && !doc->n_byline; m++) {
		size_t names, nn = doc->blocks[k].type == DOC_PARA ? dump_bio_name(doc->blocks[k].text) : 0;
		char by[64];
		if (!nn || nn + 3 >= sizeof by)
			continue;
		memcpy(by, "By ", 3);
		memcpy(by + 3, doc->blocks[k].text, nn);
		if ((e = dump_by_names(&c, by, nn + 3, 3, doc->blocks[k].pos.line, 1, &names)))
			goto done;
	}
	if (post == SIZE_MAX && dateline != SIZE_MAX && dump_posted(L[dateline].s, L[dateline].n))
		post = dateline; /* the post footer that dated the post */
	if (post == SIZE_MAX) {
		/* a post footer as the article's last line (a clean dump, or a page's article) */
		size_t j = nl;
		while (j > 0 && L[j - 1].kind != DUMP_TEXT)
			j--;
		if (j > 0 && L[j - 1].chars <= DUMP_DATELINE_LINE_MAX && !dump_is_prose(&L[j - 1]) &&
		    dump_posted(L[j - 1].s, L[j - 1].n)) {
			post = j - 1;
			/* read, not printed */
			if (doc->n_blocks > 1 && doc->blocks[doc->n_blocks - 1].type == DOC_PARA &&
			    doc->blocks[doc->n_blocks - 1].pos.line == L[post].line)
				doc->n_blocks--;
		}
	}
	/* a bare number closing the text is a counter left of its label (Comments 0), not text */
	while (doc->n_blocks > 1 && doc->blocks[doc->n_blocks - 1].type == DOC_PARA) {
		const char *t = doc->blocks[doc->n_blocks - 1].text;
		size_t k = strspn(t, "0123456789");
		if (!k || k > 4 || t[k])
			break;
		doc->n_blocks--;
	}
	/* a post footer that dated the post and closes the text: read, not printed */
	if (post != SIZE_MAX && doc->n_blocks > 1 && doc->blocks[doc->n_blocks - 1].type == DOC_PARA &&
	    doc->blocks[doc->n_blocks - 1].pos.line == L[post].line && !dump_is_prose(&L[post]))
		doc->n_blocks--;
	if (!doc->n_byline && post != SIZE_MAX) {
		/* a post footer names its poster: 由海姑娘张贴 @ 2005-06-14 03:25:55, 〓 发布时间
		   2005/03/15 22:36:13 by duscha 〓 */
		const char *s = L[post].s, *by = memmem(s, L[post].n, "由", strlen("由")), *end = NULL, *nm = NULL;
		size_t nn = 0, l;
		if (by && (end = memmem(by, L[post].n - (size_t)(by - s), "张贴", strlen("张贴")))) {
			nm = by + strlen("由");
			nn = (size_t)(end - nm);
		} else if ((nm = dump_posted_name(s, L[post].n, &nn))) {
			/* posted on 2004-12-27 12:40 李建忠 阅读(3727): the name after the date */
		} else if ((by = memmem(s, L[post].n, " by ", 4))) {
			nm = by + 4;
			size_t q = 0, rest = L[post].n - (size_t)(nm - s);
			while (q < rest && !dump_is_space(dump_cp(nm + q, rest - q, &l)) && !dump_is_frame(dump_cp(nm + q, rest - q, &l)) &&
			       dump_cp(nm + q, rest - q, &l) != 0x3013)
				q += l;
			nn = q;
		}
		if (nm)
			dump_trim(&nm, &nn);
		if (nm && dump_name_ok(nm, nn, 0) &&
		    ((e = doc_add_credit(doc, "", (size_t)-1, (struct srcpos){doc->file, L[post].line, 1})) ||
		     (e = doc_add_name(doc, nm, nn))))
			goto done;
		/* else a blog page that opens with its owner's name (李建忠, then the blog's menus) */
		if (!doc->n_byline && extract && nl && title > 0 && dump_bare_name(L[0].s, L[0].n) &&
		    ((e = doc_add_credit(doc, "", (size_t)-1, (struct srcpos){doc->file, L[0].line, 1})) ||
		     (e = doc_add_name(doc, L[0].s, L[0].n))))
			goto done;
	}
	if (!doc->published.text && dateline != SIZE_MAX) {
		char iso[DUMP_ISO_MAX];
		if ((dump_find_date(L[dateline].s, L[dateline].n, iso) || dump_split_date(L, nl, dateline, iso)) &&
		    (e = doc_set(doc, &doc->published, iso, (size_t)-1,
				 (struct srcpos){doc->file, L[dateline].line, 1})))
			goto done;
	}
	if (!doc->n_blocks)
		diag_at(d, DIAG_WARNING, (struct srcpos){doc->file, 0, 0},
			"no body text found after the title");
done:
	free(body);
	free(c.lines);
	buf_free(&c.tmp);
	buf_free(&c.role);
	return e;
}

enum err dump_read(struct doc *doc, const char *text, size_t len, struct diag *d)
{
	enum err e = dump_read_opt(doc, text, len, 0, d);
	return e ? e : lang_settle(doc, NULL, 0, (struct srcpos){0}, d);
}

enum err dump_read_page(struct doc *doc, const char *text, size_t len, struct diag *d)
{
	enum err e = dump_read_opt(doc, text, len, 1, d);
	return e ? e : lang_settle(doc, NULL, 0, (struct srcpos){0}, d);
}

enum dump_line_class dump_line_kind(struct doc *doc, const char *s, size_t n)
{
	static const enum dump_line_class map[] = {
		[DUMP_TEXT] = DUMP_LINE_TEXT, [DUMP_CHROME] = DUMP_LINE_CHROME,
		[DUMP_TAIL] = DUMP_LINE_TAIL, [DUMP_END] = DUMP_LINE_END, [DUMP_META] = DUMP_LINE_META,
	};
	struct dump_ctx c = {doc, NULL, NULL, 0, 0, DUMP_NO_RANK, {0}, {0}, 0};
	struct dump_line L = {0};
	dump_trim(&s, &n);
	if (!n)
		return DUMP_LINE_CHROME;
	L.s = s;
	L.n = n;
	L.chars = (unsigned)dump_count(s, n);
	dump_classify(&c, &L);
	return map[L.kind];
}
