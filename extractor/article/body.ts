// Body selection: inside a range of blocks (the best-scoring container of an HTML page, or all the
// lines of a text dump), the maximum-sum run of block values marks the article; furniture inside
// that run (credits, bylines, meta lines, share bars, link lists) is then dropped line by line.
import type { Block } from './types.ts';
import { isByline, isCredit, isEndMarker, isFurniture, isMetaLine, isProse, isTruncated, lineValue } from './score.ts';
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
    const v = lineValue(blocks[i]);
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

const ABSTRACT = /^[【\[]?(原标题|摘要|内容摘要|导读|划重点|核心提示)[】\]]?\s*[:：]/;
// A trailing contributor note such as （王超然 供稿） or (张三 摄) closing the last paragraph.
const TRAILING_CREDIT = /\s*[(（][^()（）]{1,24}(供稿|供图|摄|来稿)[)）]\s*$/;

/** Drops a contributor note closing the article: （王超然 供稿）. */
export function stripTrailingCredit(s: string): string {
  return s.replace(TRAILING_CREDIT, '');
}

function key(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Paragraphs of the article within [from, to), excluding lines equal to the headline. */
export function selectBody(blocks: Block[], from: number, to: number, title: string | null): BodySpan {
  const { start, end } = bestRun(blocks, from, to);
  const titleKey = title ? key(title) : '';
  const paragraphs: string[] = [];
  const indices: number[] = [];
  let proseChars = 0;
  let proseCount = 0;
  for (let i = start; i < end; i++) {
    const b = blocks[i];
    const t = b.text;
    if (b.negative || b.zone || b.linkChars / Math.max(1, b.chars) > 0.5) continue;
    if (isMetaLine(t) || isCredit(t) || isFurniture(t) || isByline(t) || isEndMarker(t) || ABSTRACT.test(t)) continue;
    if (isDateOnly(t) || isTruncated(t)) continue;
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
