// Body selection: inside a range of blocks (the best-scoring container of an HTML page, or all the
// lines of a text dump), the maximum-sum run of block values marks the article; furniture inside
// that run (credits, bylines, meta lines, share bars, link lists) is then dropped line by line.
import type { Block } from './types.ts';
import { isByline, isCredit, isEndMarker, isFurniture, isMetaLine, isProse, isCutOff, lineValue } from './score.ts';
import { isDateOnly } from './date.ts';

export interface BodySpan {
  /** Index of the first and one past the last block of the run. */
  start: number;
  end: number;
  paragraphs: string[];
  /** Block index of each paragraph. */
  indices: number[];
  /** Non-whitespace characters of prose paragraphs kept. */
  proseChars: number;
  proseCount: number;
}

/** Maximum-sum contiguous run (Kadane) of block values within [from, to). */
export function bestRun(blocks: Block[], from: number, to: number): { start: number; end: number } {
  let best = -Infinity;
  let bestStart = from;
  let bestEnd = from;
  let sum = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const v = lineValue(blocks, i);
    if (sum <= 0) {
      sum = v;
      start = i;
    } else sum += v;
    if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = i + 1;
    }
  }
  return { start: bestStart, end: bestEnd };
}

const ABSTRACT = /^[【\[(（]?(原标题|摘要|内容摘要|导读|划重点|核心提示)[】\])）]?\s*[:：]/;
// A whole line that only credits the publisher of a reprint: （本文来源：经济日报 作者：…）, with at
// most a few characters of widget text glued after it. The source is read from the run, not the body.
const SOURCE_NOTE = /^[（(]\s*(?:本文|稿件|文章)?(?:来源|稿源|转自|转载自)\s*[:：][^（）()]{1,80}[）)].{0,12}$/;
// A trailing contributor note such as （王超然 供稿） or (张三 摄) closing the last paragraph.
const TRAILING_CREDIT = /\s*[(（][^()（）]{1,24}(供稿|供图|摄|来稿)[)）]\s*$/;

/** Drops a contributor note closing the article: （王超然 供稿）. */
export function stripTrailingCredit(s: string): string {
  return s.replace(TRAILING_CREDIT, '');
}

function key(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, '');
}

// Longest line taken as an opening sub-heading or caption (longer lines are scored as prose).
const MAX_LEAD_CHARS = 50;
// Lines above the story that name its people or its wire (新华社记者…, 文丨…评论员, …电 题：…)
// are credits in forms the byline rule does not know: the walk stops there.
const LEAD_CREDIT = /记者|通讯员|评论员|撰稿|编辑|作者|供图|摄影|[电讯]\s*题|题\s*[:：]|[丨|｜/／]/;

/**
 * Short lines just above the run in the same kind of element as its first paragraph (an opening
 * sub-heading, a column tag, a caption) score below zero on their own but belong to the story.
 * Only on HTML pages with a known headline: the walk stops at the headline, a heading, furniture
 * or any other element, so header lines and a repeated e-paper headline stay out.
 */
function leadingLines(blocks: Block[], from: number, start: number, titleKey: string): number {
  const tag = blocks[start]?.tag;
  if (!titleKey || !tag || tag === 'line') return start;
  // A run opening on a headline copy (e-paper pages repeat it in the text) has nothing above it to take.
  if (titleKey.includes(key(blocks[start].text))) return start;
  let s = start;
  while (s - 1 >= from) {
    const b = blocks[s - 1];
    const t = b.text;
    if (b.tag !== tag || b.heading || b.negative || b.zone || b.chars > MAX_LEAD_CHARS || b.linkChars / Math.max(1, b.chars) > 0.5) break;
    // The headline, or one line of a headline split over two (引题 / 主题).
    if (!key(t) || titleKey.includes(key(t))) break;
    if (LEAD_CREDIT.test(t)) break;
    if (isMetaLine(t) || isCredit(t) || isFurniture(t) || isByline(t) || isEndMarker(t) || ABSTRACT.test(t) || isCutOff(blocks, s - 1)) break;
    s--;
  }
  return s;
}

/** A list announced by the run's last line (…分别为：, 名单如下：) is part of the article though its lines are short. */
const ANNOUNCES_LIST = /[:：]\s*$/u;
const MAX_LIST_LINES = 80;
const MAX_LIST_LINE_CHARS = 120;

/**
 * Lines after a run that ends by announcing a list: short lines score below zero one by one, so the list would
 * be cut off the story (eight 输出医院(依托医院) lines after 分别为：). They are taken up to the first line
 * that is furniture, a credit or an end marker, or is not list-like.
 */
function trailingList(blocks: Block[], end: number, to: number): number {
  if (end <= 0 || !ANNOUNCES_LIST.test(blocks[end - 1]?.text ?? '')) return end;
  let e = end;
  while (e < to && e - end < MAX_LIST_LINES) {
    const b = blocks[e];
    const t = b.text;
    if (!key(t) || b.negative || b.zone || b.chars > MAX_LIST_LINE_CHARS || b.linkChars / Math.max(1, b.chars) > 0.5) break;
    if (isMetaLine(t) || isCredit(t) || isFurniture(t) || isByline(t) || isEndMarker(t) || isCutOff(blocks, e)) break;
    e++;
  }
  return e;
}

/** Paragraphs of the article within [from, to), excluding lines equal to the headline. */
export function selectBody(blocks: Block[], from: number, to: number, title: string | null): BodySpan {
  const titleKey = title ? key(title) : '';
  const run = bestRun(blocks, from, to);
  const start = leadingLines(blocks, from, run.start, titleKey);
  const end = trailingList(blocks, run.end, to);
  const paragraphs: string[] = [];
  const indices: number[] = [];
  let proseChars = 0;
  let proseCount = 0;
  for (let i = start; i < end; i++) {
    const b = blocks[i];
    const t = b.text;
    if (b.negative || b.zone || b.linkChars / Math.max(1, b.chars) > 0.5) continue;
    if (isMetaLine(t) || isCredit(t) || isFurniture(t) || isByline(t) || isEndMarker(t) || ABSTRACT.test(t)) continue;
    if (isDateOnly(t) || isCutOff(blocks, i) || SOURCE_NOTE.test(t)) continue;
    if (titleKey && key(t) === titleKey) continue;
    paragraphs.push(t);
    indices.push(i);
    if (isProse(b)) {
      proseChars += b.chars - b.linkChars;
      proseCount++;
    }
  }
  return { start, end, paragraphs, indices, proseChars, proseCount };
}
