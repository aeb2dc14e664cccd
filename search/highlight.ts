// Highlights on the ORIGINAL text: matches are found in the normalised text (what was searched) and
// mapped back character by character. Normalisation is one-to-one for most characters (traditional →
// simplified, width folding); where it is not (pinyin notes removed, a rare multi-character mapping),
// an alignment pass maps each normalised character to its original one, paragraph by paragraph.
import { normalizeText } from '../extractor/normalize.ts';
import { escapeHtml } from './text.ts';

export interface PassageOptions {
  /** Characters of context on each side of a match. Default 40. */
  context: number;
  /** Most passages returned per hit. Default 3. */
  maxPassages: number;
  /** Length of the lead passage when the body has no match (title-only hits). Default 120. */
  leadLength: number;
}

export const DEFAULT_PASSAGES: PassageOptions = { context: 40, maxPassages: 3, leadLength: 120 };

const foldCache = new Map<string, string>();
function fold(c: string): string {
  let f = foldCache.get(c);
  if (f === undefined) {
    f = normalizeText(c).toLowerCase();
    if (foldCache.size < 50_000) foldCache.set(c, f);
  }
  return f;
}

/**
 * For each index of `norm` (and norm.length), the index in `orig` it came from.
 * Identity when lengths agree; otherwise a greedy alignment that skips original characters the
 * normalisation dropped (pinyin notes) and treats other differences as substitutions.
 */
export function alignOffsets(orig: string, norm: string): Int32Array {
  const map = new Int32Array(norm.length + 1);
  if (orig.length === norm.length) {
    for (let j = 0; j <= norm.length; j++) map[j] = j;
    return map;
  }
  let i = 0;
  for (let j = 0; j < norm.length; j++) {
    const want = norm[j].toLowerCase();
    if (i < orig.length && fold(orig[i]) !== want && orig.length - i > norm.length - j) {
      // Original is longer here: look ahead for the character that resumes the match.
      const slack = orig.length - i - (norm.length - j);
      for (let k = 1; k <= slack && i + k < orig.length; k++) {
        if (fold(orig[i + k]) === want) { i += k; break; }
      }
    }
    map[j] = Math.min(i, orig.length);
    if (i < orig.length && (orig.length - i > norm.length - j - 1 || fold(orig[i]) === want)) i++;
  }
  map[norm.length] = orig.length;
  return map;
}

/** [start, end) spans of needles in normalised text (case-insensitive), merged where they overlap. */
export function findSpans(norm: string, needles: readonly string[]): Array<[number, number]> {
  const hay = norm.toLowerCase();
  const spans: Array<[number, number]> = [];
  for (const n of needles) {
    if (!n) continue;
    for (let at = hay.indexOf(n); at >= 0; at = hay.indexOf(n, at + n.length)) spans.push([at, at + n.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** Split a phrase's literal into the pieces to mark: each word of it (separators in a phrase may vary). */
export function markNeedles(positives: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of positives) for (const piece of p.split(/[^\p{L}\p{N}]+/u)) if (piece) out.add(piece);
  return [...out];
}

function render(text: string, spans: Array<[number, number]>, from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += escapeHtml(text.slice(at, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    at = b;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** Spans found in `norm`, mapped onto `orig`. */
function mappedSpans(orig: string, norm: string, needles: readonly string[]): Array<[number, number]> {
  const spans = findSpans(norm, needles);
  if (spans.length === 0) return spans;
  const map = alignOffsets(orig, norm);
  return spans.map(([s, e]) => [map[s], Math.max(map[s] + 1, map[e])] as [number, number]);
}

/** Title with matches in <mark>, everything else escaped. */
export function highlightTitle(title: string, needles: readonly string[]): string {
  return render(title, mappedSpans(title, normalizeText(title), needles));
}

/**
 * Passages of the original body around matches, HTML-escaped with <mark>. Paragraphs are aligned by
 * index (the extractor keeps their count); when counts differ the whole text is aligned at once.
 */
export function passages(
  bodyOriginal: string,
  body: string,
  needles: readonly string[],
  options: PassageOptions = DEFAULT_PASSAGES,
): string[] {
  const origParas = bodyOriginal.split('\n');
  const normParas = body.split('\n');
  const pairs = origParas.length === normParas.length ? origParas.map((o, k) => [o, normParas[k]] as const) : [[bodyOriginal, body] as const];
  type Window = { para: string; spans: Array<[number, number]>; from: number; to: number; hits: number };
  const windows: Window[] = [];
  for (const [orig, norm] of pairs) {
    const spans = mappedSpans(orig, norm, needles);
    let cur: Window | null = null;
    for (const [s, e] of spans) {
      const from = Math.max(0, s - options.context);
      const to = Math.min(orig.length, e + options.context);
      if (cur && from <= cur.to) {
        cur.to = to;
        cur.hits++;
      } else {
        cur = { para: orig, spans, from, to, hits: 1 };
        windows.push(cur);
      }
    }
  }
  if (windows.length === 0) {
    const lead = bodyOriginal.replace(/\s*\n\s*/g, ' ').trim();
    return lead ? [escapeHtml(lead.slice(0, options.leadLength)) + (lead.length > options.leadLength ? '…' : '')] : [];
  }
  // Keep the windows with the most matches, shown in reading order.
  const best = [...windows].sort((a, b) => b.hits - a.hits).slice(0, options.maxPassages);
  return windows
    .filter((w) => best.includes(w))
    .map((w) => (w.from > 0 ? '…' : '') + render(w.para, w.spans, w.from, w.to) + (w.to < w.para.length ? '…' : ''));
}
