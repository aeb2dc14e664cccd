// The headline. On an HTML page it is the heading or short line before the body that the page's
// own title claims (og:title, a CMS articletitle meta, <title> without its site suffix) contain,
// joined with the next line when the page splits one headline over title and subtitle. Text
// dumps have no such claims: the headline is the headline-like line above the date line.
import type { Block, PageMeta } from './types.ts';
import { isDateOnly, parseDateText } from './date.ts';
import { isByline, isDateline, isFurniture, isMetaLine, punctuation } from './score.ts';

export const key = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '');

// Separators between a headline and the site/channel names in <title>: _ | ｜ --, a spaced dash,
// or a bare hyphen between non-digits (标题-新华网). A bare —— introduces a subtitle: not a separator.
const TITLE_SEP = /\s*(?:[_|｜]|--|\s[-—–]\s|(?<=[^\d\s-])-(?=[^\d\s-]))\s*/;
// Words of site and channel names (凤凰网资讯, 新华网河北频道, 巴彦淖尔市人民政府网, 手机搜狐).
const SITE_WORD = /网|频道|政府|门户|日报|晚报|报社|新闻|资讯|在线|客户端|官网|平台|中心|传媒|电视台|广播|\.com|\.cn|搜狐|新浪|腾讯|凤凰|网易/i;

// A channel or column tag before the headline: 【深度】, [独家]; in a text dump also 经验交流 | , 健康·关注｜.
// An HTML page's own headline element keeps a 栏目｜ prefix (棱镜|…): the site prints it as part of the title.
const BRACKET_TAG = /^\s*[【\[][^【】\[\]]{1,8}[】\]]\s*/u;
const CHANNEL_PREFIX = /^\s*(?:[【\[][^【】\[\]]{1,8}[】\]]|[^|｜【】\s]{1,8}\s*[|｜])\s*/u;

/** The headline without a channel tag before it; a headline that is nothing but such a tag stays as it is. */
export function stripChannelPrefix(title: string, textDump = false): string {
  const m = (textDump ? CHANNEL_PREFIX : BRACKET_TAG).exec(title);
  if (!m) return title;
  const rest = title.slice(m[0].length);
  return key(rest).length >= 5 ? rest : title;
}

function siteLike(part: string): boolean {
  const k = key(part);
  return k.length <= 12 || (SITE_WORD.test(part) && k.length <= 25);
}

/** <title> without the site and channel names after the headline (标题_频道_网站 → 标题). */
export function stripSiteSuffix(t: string): string {
  const parts: string[] = [];
  const seps: string[] = [];
  let rest = t.trim();
  for (let m = TITLE_SEP.exec(rest); m && m[0].length; m = TITLE_SEP.exec(rest)) {
    parts.push(rest.slice(0, m.index));
    seps.push(m[0]);
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(rest);
  let n = parts.length;
  while (n > 1 && siteLike(parts[n - 1])) n--;
  let out = parts[0];
  for (let i = 1; i < n; i++) out += seps[i - 1] + parts[i];
  out = out.trim();
  if (key(out).length >= 5) return out;
  // The headline is not first (网站 | 标题): take the first long part.
  return parts.map((p) => p.trim()).find((p) => key(p).length >= 5) ?? (out || t.trim());
}

/**
 * What the page says its headline is: og/twitter titles, CMS metas, and <title> without its site
 * suffix, so a site logo heading (示例青年网) is not claimed by 标题_示例青年网.
 */
function claims(meta: PageMeta): string[] {
  const out: string[] = [];
  for (const k of ['og:title', 'twitter:title', 'articletitle', 'headline', 'title']) {
    const v = meta.metas.get(k);
    if (v) out.push(v.replace(/<[^>]*>/g, ' '));
  }
  if (meta.title) out.push(stripSiteSuffix(meta.title));
  return out;
}

function candidateLine(b: Block): boolean {
  const k = key(b.text);
  return k.length >= 2 && k.length <= 120 && b.linkChars <= b.chars / 2 && !isMetaLine(b.text) && !isFurniture(b.text) && !isByline(b.text);
}

/** The headline of an HTML page and the index of its first block (-1 when it is not among the blocks). */
export function htmlTitle(blocks: Block[], meta: PageMeta, bodyStart: number): { title: string | null; index: number } {
  const said = claims(meta);
  const saidKeys = said.map(key).filter((k) => k.length >= 4);
  const pageKey = key(meta.title);
  const coreKey = key(stripSiteSuffix(meta.title));
  const inClaims = (k: string) => saidKeys.some((s) => s.includes(k));
  let best: { index: number; score: number; sure: boolean } | null = null;
  for (let i = 0; i < Math.min(blocks.length, bodyStart + 3); i++) {
    const b = blocks[i];
    const k = key(b.text);
    if (k.length < 4 || k.length > 120) continue;
    const claimed = inClaims(k) || k === pageKey;
    if ((!claimed && !b.heading) || !candidateLine(b)) continue;
    // A copy of the whole <title> counts for its headline part only.
    const len = k === pageKey && coreKey ? coreKey.length : k.length;
    // A line the page's own title claims beats any unclaimed heading (a logo, a column name).
    const score = (claimed ? 100 + len * 2 : len) + (b.heading ? 20 : 0) + (i < bodyStart ? 5 : 0);
    if (!best || score > best.score) best = { index: i, score, sure: claimed && b.heading };
  }
  // Very short lines only as a claimed heading: a short og:title is often just the site name.
  if (best && (key(blocks[best.index].text).length >= 6 || best.sure)) {
    const { text, first } = joinSplitHeadline(blocks, best.index, bodyStart, said);
    return { title: key(text) === pageKey ? stripSiteSuffix(text) : text, index: first };
  }
  const og = meta.metas.get('og:title') ?? meta.metas.get('twitter:title') ?? meta.metas.get('articletitle')?.replace(/<[^>]*>/g, '');
  if (og && key(og).length >= 4) return { title: stripSiteSuffix(og), index: -1 };
  if (meta.title && key(meta.title).length >= 4) return { title: stripSiteSuffix(meta.title), index: -1 };
  return textTitle(blocks, bodyStart);
}

/**
 * A headline split over two lines (主标题 / ——副标题, 引题 / 主标题, or one <h1> broken by <br>):
 * neighbours are joined while a claim holds the joined text or they share the heading element.
 * The joint is a space only where the claim shows one, or between two Latin words.
 */
function joinSplitHeadline(blocks: Block[], at: number, bodyStart: number, said: string[]): { text: string; first: number } {
  let text = blocks[at].text;
  let first = at;
  const holds = (t: string) => said.some((s) => key(s).includes(key(t)));
  const sameHeading = (a: Block, b: Block) => !!a.headingId && a.headingId === b.headingId;
  const joint = (a: string, b: string) =>
    said.some((s) => s.replace(/\s+/g, ' ').includes(`${a} ${b}`)) || (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b)) ? `${a} ${b}` : `${a}${b}`;
  const next = blocks[at + 1];
  if (next && at + 1 < bodyStart && candidateLine(next) && (sameHeading(blocks[at], next) || holds(text + next.text))) text = joint(text, next.text);
  const prev = blocks[at - 1];
  if (prev && candidateLine(prev) && (sameHeading(prev, blocks[at]) || holds(prev.text + text))) {
    text = joint(prev.text, text);
    first = at - 1;
  }
  return { text, first };
}

/** Headline of a text dump (or of a page with no title at all): the headline-like line before the date line or the body. */
export function textTitle(blocks: Block[], bodyStart: number): { title: string | null; index: number } {
  const from = Math.max(0, bodyStart - 12);
  let metaAt = -1;
  for (let i = bodyStart - 1; i >= from; i--) if (hasPublishInfo(blocks[i].text)) metaAt = i;
  const stop = metaAt >= 0 ? metaAt : bodyStart;
  const window = metaAt >= 0 ? 6 : 3;
  const headline = (i: number) => isHeadlineLike(blocks[i].text) && blocks[i].linkChars <= blocks[i].chars / 2;
  for (let i = stop - 1; i >= Math.max(0, stop - window); i--) if (headline(i)) return { title: blocks[i].text, index: i };
  // E-paper pages print the edition date above the headline: the first headline-like line after it.
  for (let i = metaAt + 1; metaAt >= 0 && i < bodyStart; i++) if (headline(i)) return { title: blocks[i].text, index: i };
  return { title: null, index: -1 };
}

function isHeadlineLike(t: string): boolean {
  const k = key(t);
  return k.length >= 5 && k.length <= 80 && !isMetaLine(t) && !isDateline(t) && !isFurniture(t) && !/[。]$/.test(t) && punctuation(t) <= 4;
}

function hasPublishInfo(t: string): boolean {
  return isDateOnly(t) || /(发布|时间|日期|来源|作者)\s*[:：]/.test(t) || (parseDateText(t) !== null && t.length < 80);
}
