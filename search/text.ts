// Text handling shared by both adapters: query normalisation (the same as the extractor's, so
// traditional queries meet simplified bodies), the embedded index's token stream, jieba cuts.
import nodejieba from 'nodejieba';
import { normalizeText } from '../extractor/normalize.ts';

/** Normalise user or document text the way article bodies are: simplified, pinyin removed, width folded, lower case. */
export function normalize(s: string): string {
  return normalizeText(s).toLowerCase();
}

const HAN = /\p{Script=Han}/u;
// A run is either Han characters or other letters/digits; everything else separates runs.
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

export interface Run {
  text: string;
  han: boolean;
  start: number;
}

/** Han runs and letter/digit runs of already-normalised text, in order. */
export function runs(s: string): Run[] {
  const out: Run[] = [];
  for (const m of s.matchAll(RUN)) out.push({ text: m[0], han: m[1] !== undefined, start: m.index ?? 0 });
  return out;
}

export function isHan(s: string): boolean {
  return HAN.test(s);
}

/**
 * The embedded index's token stream for normalised text: overlapping character bigrams for Han runs,
 * plus the run's last character on its own (so one-character queries find run ends), and one token per
 * letter/digit word. Any substring of a Han run maps to a contiguous phrase of bigrams, so infix
 * queries (农业 in 中国农业发展银行) always find their documents, whatever the segmenter does.
 */
export function grams(s: string): string[] {
  const out: string[] = [];
  for (const r of runs(s)) {
    if (!r.han) {
      out.push(r.text);
      continue;
    }
    const chars = [...r.text];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    out.push(chars[chars.length - 1]);
  }
  return out;
}

/** jieba cut-for-search tokens (sub-words and words) of normalised text: letters/digits only, space-joined. */
export function searchWords(s: string): string {
  return nodejieba
    .cutForSearch(s, true)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .join(' ');
}

// One-character function words dropped from unquoted queries (北京和天津 → 北京 AND 天津).
const STOP = new Set([...'的和与及在了是对把被等或并为以于之也而就都将从向']);

/**
 * Words of an unquoted query term: jieba's precise cut, with one-character function words dropped and
 * other single characters glued to their neighbour (医|联体 → 医联体), so a word is never weakened to a
 * single common character.
 */
export function queryWords(term: string): string[] {
  // Pieces in order; a separator or a dropped function word breaks adjacency (null).
  const pieces: Array<string | null> = [];
  let end = 0;
  for (const r of runs(term)) {
    if (r.start !== end) pieces.push(null);
    end = r.start + r.text.length;
    if (!r.han) pieces.push(r.text);
    else for (const w of nodejieba.cut(r.text, true)) pieces.push(STOP.has(w) ? null : w);
  }
  const kept = pieces.filter((p): p is string => p !== null);
  if (kept.length === 0) return runs(term).map((r) => r.text);
  // Groups of adjacent kept pieces; inside a group, single Han characters join their neighbour.
  const out: string[] = [];
  let group: string[] = [];
  const flush = () => {
    const merged: string[] = [];
    for (const w of group) {
      const prev = merged[merged.length - 1];
      if (prev !== undefined && (isSingleHan(w) || isSingleHan(prev))) merged[merged.length - 1] = prev + w;
      else merged.push(w);
    }
    out.push(...merged);
    group = [];
  };
  for (const p of pieces) {
    if (p === null) flush();
    else group.push(p);
  }
  flush();
  return out;
}

function isSingleHan(w: string): boolean {
  return [...w].length === 1 && isHan(w);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** yyyymmdd of an ISO date (or date-time) string, null when absent or unreadable. */
export function dayNumber(published: string | null): number | null {
  const m = published?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return m ? Number(m[1] + m[2] + m[3]) : null;
}
