// Line-level judgements shared by HTML blocks and text-dump lines: how much a block looks like
// article prose, and whether it is page furniture (credits, share bars, pagers, footers, spam).
import type { Block } from './types.ts';
import { isDateOnly } from './date.ts';

const PUNCT = /[，。；！？、,;!?]/g;
const FINAL = /[。！？!?”」』）)…….;；:：]$/;

export function punctuation(s: string): number {
  return s.match(PUNCT)?.length ?? 0;
}

/** Content score of one block for choosing the article container (0 for links and furniture). */
export function blockScore(b: Block): number {
  if (b.chars === 0 || b.linkChars / b.chars > 0.5) return 0;
  const own = b.chars - b.linkChars;
  const p = punctuation(b.text);
  if (own < 10 && p === 0) return 0;
  if (isFurniture(b.text)) return 0;
  return own / 30 + Math.min(p, 20);
}

// Editor and production credits: not body (责任编辑, 编辑|, 审校, 监制…).
const CREDIT = /^[【\[(（]?\s*(责任编辑|责编|编辑|审核|审校|审签|监制|校对|终审|初审|复审|值班编辑|主编|美编|排版|统筹|策划|签发|编审|制作|出品)\s*[:：|｜/／】\])）]/;
// Lines after which an article is over (pagers, related lists, share bars, comments).
const END = /^[【\[]?\s*(上一篇|下一篇|上一条|下一条|上一页|下一页|相关新闻|相关阅读|相关稿件|相关文章|相关链接|推荐阅读|延伸阅读|热点推荐|热门推荐|猜你喜欢|为你推荐|更多新闻|更多精彩|网友评论|发表评论|我要评论|分享到|分享至|纠错|打印本页|关闭窗口|返回顶部)/;
// Widgets, footers and spam that may sit anywhere.
const FURNITURE = [
  /^(分享到|分享|打印|关闭|收藏|返回|顶部|字号|大|中|小|点赞|举报|微博|微信|QQ空间|豆瓣网|扫一扫|二维码|手机看|APP|取消|确定|评论|阅读|\d+)[:：\s]*$/i,
  /^[【\[]?(打印本页|关闭窗口|纠错|我要纠错|字号[:：]?.*|扫一扫.*|分享到.*|点赞\(?\d*\)?|阅读\s*\d*|\d+\s*次阅读)[】\]]?$/,
  /版权所有|Copyright|All Rights Reserved|ICP备|ICP证|公网安备|违法和不良信息举报|网站地图|联系我们|关于我们|免责声明/i,
  /侵权请联系|信息快照|快照生成时间|原文地址|转载请注明|未经授权|不得转载|本站信息|仅提供信息存储服务|不代表本(站|网|平台)(观点|立场)|仅代表作者(本人)?观点/,
  /^[\s|｜•·]*([^\s|｜]{1,8}[\s]*[|｜][\s]*){3,}/, // 首页 | 新闻 | 政务 … menu runs
];
// Runs of short items split by | or spaces (menus, keyword spam, place lists): few sentence marks.
function isListRun(s: string): boolean {
  const sep = s.match(/[|｜]/g)?.length ?? 0;
  return sep >= 3 && punctuation(s) <= sep / 3;
}
const META_LINE = /^(来源|来自|稿源|信息来源|文章来源|本文来源|本文转自|转自|出处|作者|发布时间|发布日期|发表时间|更新时间|时间|日期|类别|栏目|浏览次数|点击数|阅读数|字体|【字体|当前位置|您当前的位置|您的位置|所在位置)\s*[:：]/;
const BREADCRUMB = /(首页|主页|位置)\s*[>»＞›]|[>»＞›]\s*(正文|新闻|动态)|^.{0,40}\s[>»＞›]\s.{0,40}\s[>»＞›]\s/;
// Standalone bylines: 本报记者 王黛, □保定日报记者 王 黛, 文/张三, 执笔/张三、李四, 通讯员 李四.
const BYLINE = /^[□■●◆]?\s*((本报|本台|本刊|本网|[\p{Script=Han}]{2,8}(日报|晚报|报|网|台))?\s*(特约)?(记者|通讯员|实习生|见习记者)[\s\p{Script=Han}、，,]{1,30}|(文|图|文图|图文|撰文|撰稿|执笔|摄影)\s*[/／|｜:：]\s*.{1,30})$/u;

export function isCredit(s: string): boolean {
  return CREDIT.test(s);
}
export function isEndMarker(s: string): boolean {
  return END.test(s);
}
export function isFurniture(s: string): boolean {
  return isListRun(s) || FURNITURE.some((re) => re.test(s));
}
// A news-agency dateline on a line of its own: 新华社北京3月5日电, 人民网石家庄3月5日电（记者 王某）, 本报讯（记者 李某）.
// Never a headline; the story's text (as labelled bodies keep datelines) all the same.
const DATELINE = /^(?:本报讯|[\p{Script=Han}A-Za-z]{1,16}?\d{1,2}月\d{1,2}日(?:电|讯))\s*(?:[（(][^）)]{0,40}[）)])?\s*$/u;

export function isDateline(s: string): boolean {
  return DATELINE.test(s);
}

export function isMetaLine(s: string): boolean {
  return META_LINE.test(s) || BREADCRUMB.test(s) || isDateOnly(s);
}
export function isByline(s: string): boolean {
  return s.length <= 40 && BYLINE.test(s) && punctuation(s.replace(/[、，,]/g, '')) === 0;
}

/** A line of article prose: long enough and punctuated like sentences. */
export function isProse(b: Block): boolean {
  const own = b.chars - b.linkChars;
  return b.linkChars / Math.max(1, b.chars) <= 0.5 && ((own >= 15 && punctuation(b.text) > 0) || own >= 50);
}

/** Snippets of other stories: "…" cut-offs. */
export function isTruncated(s: string): boolean {
  return /^(\.{3}|…)/.test(s) || /(\.{3}|…{1,2})$/.test(s);
}

const isLinkLine = (b: Block) => b.linkChars / Math.max(1, b.chars) > 0.5;

/**
 * Whether block i is a cut-off snippet of another story. A writer's ellipsis (……) closing a
 * punctuated paragraph is prose when the text goes on after it; a list's summary snippet is
 * followed by its date, the next story's link, furniture or the end of the list.
 */
export function isCutOff(blocks: Block[], i: number): boolean {
  const t = blocks[i].text;
  if (!isTruncated(t)) return false;
  if (!/[^…]……$/.test(t) || /^(\.{3}|…)/.test(t) || punctuation(t) === 0) return true;
  const next = blocks[i + 1];
  return !next || next.negative || !!next.zone || isLinkLine(next) || isDateOnly(next.text) || isFurniture(next.text) || isEndMarker(next.text);
}

/** Value of block i in the maximum-sum run that marks the article (positive = article-like). */
export function lineValue(blocks: Block[], i: number): number {
  const b = blocks[i];
  const t = b.text;
  if (isEndMarker(t)) return -300;
  if (isCredit(t)) return -60;
  if (b.negative || b.zone) return -(b.chars + 10);
  if (isFurniture(t)) return -40;
  if (isDateOnly(t) || isMetaLine(t)) return -30;
  if (isLinkLine(b)) return -(b.chars / 2 + 5);
  if (isCutOff(blocks, i)) return -(b.chars / 2 + 5);
  if (isProse(b)) return (b.chars - b.linkChars) * (FINAL.test(t) ? 1 : 0.6);
  return -3;
}
