// The publisher (来源). In order: a labelled line (来源：…, 本文转自：…) in the header zone or after
// the body, a credit inside the first or last paragraph (（来源：人民日报）), the name shown beside
// the date (2019年11月25日 18:57 参考消息) or on its own line next to it, then meta tags, and
// og:site_name last, since a site's name is not the publisher it reprints.
import type { PageMeta } from './types.ts';
import { parseDateText } from './date.ts';

// 本文转自 / 转载自 name the original publisher of a reprint, so they come before plain 来源.
const LABELS = ['本文转自', '转载自', '转自', '本文来源', '来源于', '信息来源', '文章来源', '稿件来源', '新闻来源', '来源', '稿源', '出处', '来自'];
const LABEL_RE = new RegExp(`(?:${LABELS.join('|')})\\s*[:：]\\s*`, 'g');
// Where a source value ends: the next label, a date, widgets.
const AFTER = /(?:作者|编辑|责任编辑|责编|记者|通讯员|发布时间|发布日期|时间|日期|浏览次数|浏览|点击|阅读|字号|字体)\s*[:：].*$|(?:19|20)\d{2}\s*[-年/.]\s*\d.*$|(?:分享|举报|打印|原创稿|原创).*$|\d+人参与.*$/;
// Publisher names end like this (经济日报, 新华社, 中国新闻网, 人民网－人民日报, 《理财周刊》).
const PUBLISHER = /(报|社|网|台|新闻|周刊|杂志|刊|客户端|频道|在线|发布|日报|晚报|时报|电视台|电台|通讯)$/;

// Placeholders some CMSs print after 来源 (转载文章, 网络, 本站): they name no publisher.
const PLACEHOLDER = /^(转载文章|转载|网络|互联网|网络转载|网络整理|本站|本网|本站原创|原创|未知|不详|其他|综合|佚名|admin)$/i;
// Labels that read as verbs and need no colon (本文来源于国家统计局, 转载自示例日报).
const VERB_LABEL = /(?:^|\s)(?:本文来源于|来源于|本文转自|转载自)\s*([^\s:：].{1,40})/;

/** A cleaned source value, or null when what follows the label is not a name. */
export function cleanSource(raw: string): string | null {
  let v = raw.replace(/[[\]【】〔〕]/g, ' ').trim();
  v = v.replace(/^[《「]|[》」]$/g, '');
  v = v.split(/\s{1,}|[|｜]/).filter(Boolean)[0] ?? '';
  v = v.replace(AFTER, '').replace(/^[《「]|[》」]$/g, '').replace(/[,，。;；:：、]+$/, '').trim();
  // A closing bracket ends the value only when it opened outside it: 中国证券网(上海) keeps its own.
  if (/[)）]$/.test(v) && !/[(（]/.test(v)) v = v.slice(0, -1);
  if (v.length < 2 || v.length > 30 || /^\d+$/.test(v) || /^https?:|^www\./i.test(v) || PLACEHOLDER.test(v)) return null;
  return v;
}

/** A labelled source in any of the lines (来源：…), or null. */
export function findSource(lines: string[]): string | null {
  for (const label of LABELS) {
    const re = new RegExp(`${label}\\s*[:：]\\s*(.{2,60})`);
    for (const t of lines) {
      if (t.length > 200) continue;
      const m = re.exec(t);
      const v = m ? cleanSource(m[1].replace(LABEL_RE, ' ')) : null;
      if (v) return v;
    }
  }
  for (const t of lines) {
    const m = t.length <= 80 ? VERB_LABEL.exec(t) : null;
    const v = m ? cleanSource(m[1]) : null;
    if (v) return v;
  }
  return null;
}

/** A credit in parentheses inside a body paragraph: （来源：人民日报） / （本文来源：经济日报 作者：…）. */
export function paragraphCredit(paragraphs: string[]): string | null {
  const re = /[（(]\s*(?:本文|稿件|信息)?(?:来源|稿源|转自|来自)\s*[:：]\s*([^）)]{2,60})[）)]?/;
  for (const p of paragraphs) {
    const m = re.exec(p);
    const v = m ? cleanSource(m[1]) : null;
    if (v) return v;
  }
  return null;
}

// A date with its time, and what is not a name around it on a header line.
const DATE_SPAN = /(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:：时]\s*\d{2}(?:\s*[:：分]\s*\d{2})?)?/g;
const URL_TEXT = /https?:\/\/\S+|www\.\S+|[A-Za-z0-9.-]+\.(?:com|cn|net)\b\S*/gi;
// A writer/publisher credit line: 石佳/中国青年报.
const NAME_SLASH_PUBLISHER = /^[\p{Script=Han}·]{2,4}(?:[ 、]+[\p{Script=Han}·]{2,4}){0,3}\s*[/／]\s*([\p{Script=Han}·]{2,12}(?:报|社|网|台|刊))$/u;
const HEADER_NOISE = /发布于\S*|来自\S*|\S*官方账号|字号.*|分享.*|举报|打印|关注|\+关注|\d+人参与\S*|网友评论.*|评论\s*\d*|阅读\s*\d*|A-\s*A\s*A\+/gi;

/**
 * The name shown beside the header's date (2024-05-09 22:30·新华社), or a publisher-like line
 * right next to the date line (中国新闻网 / 2024-05-20 13:09).
 */
export function headerSource(header: string[]): string | null {
  for (let i = 0; i < header.length; i++) {
    const t = header[i].replace(URL_TEXT, ' ');
    const credit = NAME_SLASH_PUBLISHER.exec(t.trim());
    if (credit) return credit[1];
    const dates = [...t.matchAll(DATE_SPAN)];
    if (t.length > 100 || dates.length === 0) continue;
    // Only what follows the date: a name before it is a channel or a writer (金融市场…, maomaobear).
    const last = dates[dates.length - 1];
    const after = t.slice(last.index + last[0].length);
    if (/[:：]/.test(after)) continue;
    const rest = after.replace(HEADER_NOISE, ' ').replace(/[·•|｜\s]+/g, ' ').trim();
    const v = rest && /^[《「]?[\p{Script=Han}A-Za-z·\-－]{2,20}[》」]?$/u.test(rest) ? cleanSource(rest) : null;
    if (v) return v;
    for (const j of [i - 1, i + 1]) {
      const n = header[j]?.trim();
      if (n && /^[\p{Script=Han}·\-－]{2,16}$/u.test(n) && PUBLISHER.test(n)) return n;
    }
  }
  return null;
}

/** The source meta tags name (source, contentsource; og:site_name only as the last resort). */
export function metaSource(meta: PageMeta): string | null {
  for (const k of ['source', 'article:source', 'contentsource', 'og:article:source']) {
    const v = meta.metas.get(k);
    const c = v ? cleanSource(v.replace(LABEL_RE, '')) : null;
    if (c) return c;
  }
  return null;
}

export function siteName(meta: PageMeta): string | null {
  const v = meta.metas.get('og:site_name') ?? meta.metas.get('application-name');
  return v ? cleanSource(v) : null;
}

/** Site name from a breadcrumb (您当前的位置 : 某医院 > 新闻中心 > …), for text dumps with no 来源 line. */
export function breadcrumbRoot(lines: string[]): string | null {
  for (const t of lines) {
    const m = /^(?:您当前的位置|当前位置|您的位置|所在位置)?\s*[:：]?\s*([^>»＞›:：]{2,30}?)\s*[>»＞›]/.exec(t);
    if (m && /[>»＞›]/.test(t) && !/首页|主页/.test(m[1])) return m[1].trim();
  }
  return null;
}
