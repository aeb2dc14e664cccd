// Headline, publish time, publisher and author. The header zone (lines between the headline and
// the body) is read first, because it is what the reader sees; page metadata and the URL follow.
import type { Block, PageMeta } from './types.ts';
import { isDateOnly, labelledDate, parseDateText, parseIsoDate, parseUrlDate } from './date.ts';
import { isFurniture, isMetaLine, punctuation } from './score.ts';

const key = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '');

// Separators between a headline and the site/channel name in <title>.
const TITLE_SEP = /\s*[_|｜]\s*|\s[-—–]\s/;

/** The headline of an HTML page and the index of its block (-1 when it is not among the blocks). */
export function htmlTitle(blocks: Block[], meta: PageMeta, bodyStart: number): { title: string | null; index: number } {
  const pageTitle = key(meta.title);
  const og = meta.metas.get('og:title') ?? meta.metas.get('twitter:title') ?? meta.metas.get('headline') ?? meta.metas.get('title') ?? '';
  const ogKey = key(og);
  // Headings and short lines before the body that the <title>/og:title contain: the headline.
  let best: { text: string; index: number; score: number } | null = null;
  const from = 0;
  for (let i = from; i < Math.min(blocks.length, bodyStart + 3); i++) {
    const b = blocks[i];
    const k = key(b.text);
    if (k.length < 4 || k.length > 120 || b.linkChars > b.chars / 2) continue;
    const inTitle = (pageTitle && pageTitle.includes(k)) || (ogKey && ogKey.includes(k));
    if (!inTitle && !b.heading) continue;
    const score = k.length * (inTitle ? 2 : 1) + (b.heading ? 20 : 0) + (i < bodyStart ? 5 : 0);
    if (!best || score > best.score) best = { text: b.text, index: i, score };
  }
  if (best && (key(best.text).length >= 6 || best.score > 40)) {
    // A block that repeats the whole <title> still carries the site suffix.
    const text = key(best.text) === pageTitle ? stripSuffix(best.text) : best.text;
    return { title: text, index: best.index };
  }
  if (og) return { title: stripSuffix(og), index: -1 };
  if (meta.title) return { title: stripSuffix(meta.title), index: -1 };
  return { title: null, index: -1 };
}

function stripSuffix(t: string): string {
  const parts = t.split(TITLE_SEP).map((p) => p.trim()).filter(Boolean);
  return parts.find((p) => key(p).length >= 5) ?? parts[0] ?? t.trim();
}

/** Headline of a text dump: the headline-like line just before the meta line or the body. */
export function textTitle(blocks: Block[], bodyStart: number): { title: string | null; index: number } {
  const from = Math.max(0, bodyStart - 12);
  let metaAt = -1;
  for (let i = bodyStart - 1; i >= from; i--) if (hasPublishInfo(blocks[i].text)) metaAt = i;
  const stop = metaAt >= 0 ? metaAt : bodyStart;
  const window = metaAt >= 0 ? 6 : 3;
  for (let i = stop - 1; i >= Math.max(0, stop - window); i--) {
    const t = blocks[i].text;
    if (isHeadlineLike(t)) return { title: t, index: i };
  }
  return { title: null, index: -1 };
}

function isHeadlineLike(t: string): boolean {
  const k = key(t);
  return k.length >= 5 && k.length <= 80 && !isMetaLine(t) && !isFurniture(t) && !/[。]$/.test(t) && punctuation(t) <= 4;
}

function hasPublishInfo(t: string): boolean {
  return isDateOnly(t) || /(发布|时间|日期|来源|作者)\s*[:：]/.test(t) || (parseDateText(t) !== null && t.length < 80);
}

/** Publish time from the header zone, then meta tags, JSON-LD, <time>, and the URL. */
export function findPublished(zone: string[], meta: PageMeta | null, url: string | null): string | null {
  // Joined, so a time on the line after its date (发布日期: 2024-05-10 / 08:42) is kept.
  const labelled = labelledDate(zone.join(' '));
  if (labelled) return labelled;
  for (const t of zone) {
    if (t.length > 120) continue;
    const d = parseDateText(t);
    if (d) return d;
  }
  if (meta) {
    for (const [k, v] of meta.metas) {
      if (/publish|pubdate|release|create|datepublished|^date$|dc\.date|firstpublishedtime|^ptime$/.test(k)) {
        const d = parseIsoDate(v);
        if (d) return d;
      }
    }
    for (const raw of meta.jsonLd) {
      const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(raw);
      const d = m ? parseIsoDate(m[1]) : null;
      if (d) return d;
    }
    for (const t of meta.times) {
      const d = parseIsoDate(t);
      if (d) return d;
    }
  }
  return parseUrlDate(url);
}

// 来源:天津发布 / 本文转自:保定日报 / 信息来源：内蒙古自治区第四医院 — the reprint label names the original publisher.
const SOURCE_LABELS = ['本文转自', '转自', '转载自', '信息来源', '文章来源', '稿件来源', '新闻来源', '来源', '稿源', '来自'];
const AFTER_SOURCE = /(作者|编辑|责任编辑|记者|发布时间|发布日期|时间|日期|浏览|点击|字号)[:：].*$|\d{4}[-年/.].*$/;

export function findSource(lines: string[]): string | null {
  for (const label of SOURCE_LABELS) {
    const re = new RegExp(`${label}\\s*[:：]\\s*([^|｜]{2,40})`);
    for (const t of lines) {
      const m = re.exec(t);
      if (!m) continue;
      const v = m[1].trim().split(/\s+/)[0].replace(AFTER_SOURCE, '').replace(/[,，。;；:：]+$/, '');
      if (v.length >= 2 && v.length <= 30) return v;
    }
  }
  return null;
}

/** Site name from a breadcrumb (您当前的位置 : 某医院 > 新闻中心 > …), used when no 来源 line exists. */
export function breadcrumbRoot(lines: string[]): string | null {
  for (const t of lines) {
    const m = /^(?:您当前的位置|当前位置|您的位置|所在位置)?\s*[:：]?\s*([^>»＞›:：]{2,30}?)\s*[>»＞›]/.exec(t);
    if (m && /[>»＞›]/.test(t) && !/首页|主页/.test(m[1])) return m[1].trim();
  }
  return null;
}

const NAMES = '([\\p{Script=Han}·]{2,4}(?:[ 、，,]+[\\p{Script=Han}·]{2,4}){0,4})';

export function findAuthor(lines: string[]): string | null {
  const labelled = new RegExp(`(?:作者|撰稿|撰文|记者)\\s*[:：]\\s*${NAMES}`, 'u');
  const byline = new RegExp(`^[□■●]?\\s*(?:[\\p{Script=Han}]{0,8}?)(?:记者|通讯员)\\s*${NAMES}$`, 'u');
  for (const t of lines) {
    const m = labelled.exec(t) ?? byline.exec(t.trim());
    if (m) {
      const names = m[1].split(/[ 、，,]+/).filter((n) => n && !/来源|发布|时间|编辑/.test(n));
      if (names.length) return names.join(' ');
    }
  }
  return null;
}
