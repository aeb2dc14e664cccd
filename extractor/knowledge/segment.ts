// Sentence splitting with offsets, and the one nodejieba pass per sentence.
// The user dictionary (place names, institution words) is loaded into nodejieba once per process.
import nodejieba from 'nodejieba';
import { gazetteer } from './gazetteer.ts';
import { HOSPITAL_SUFFIXES, KNOWN_ORGS, ORG_SUFFIXES } from '../dict/institutions.ts';

export interface Sentence {
  text: string;
  /** Offset of the sentence in the body. */
  start: number;
  /** Paragraph index (lines of the body). */
  paragraph: number;
}

export interface Token {
  word: string;
  start: number;
  end: number;
}

/** Longest stretch handed to the segmenter at once; longer sentences are cut into windows. */
export const MAX_SENTENCE = 600;


let loaded = false;

/** Loads nodejieba with the project's words once; later calls are free. */
export function loadSegmenter(): void {
  if (loaded) return;
  nodejieba.load();
  const g = gazetteer();
  for (const [form, entry] of g.forms) if (!entry.weak && form.length >= 3) nodejieba.insertWord(form);
  for (const s of [...HOSPITAL_SUFFIXES, ...ORG_SUFFIXES, ...Object.keys(KNOWN_ORGS)]) nodejieba.insertWord(s);
  loaded = true;
}

/** Splits a body into sentences at sentence-final punctuation and line ends; every character lands in one sentence. */
export function splitSentences(body: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    while (s < end && isSpace(body.charCodeAt(s))) s++;
    let e = end;
    while (e > s && isSpace(body.charCodeAt(e - 1))) e--;
    let w = s;
    while (w < e) {
      let cut = Math.min(e, w + MAX_SENTENCE);
      // never split a surrogate pair (emoji)
      const last = body.charCodeAt(cut - 1);
      if (cut < e && last >= 0xd800 && last <= 0xdbff) cut--;
      out.push({ text: body.slice(w, cut), start: w, paragraph });
      w = cut;
    }
  };
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code === 10) {
      push(i);
      start = i + 1;
      paragraph++;
    } else if (SENTENCE_END_CODES.has(code)) {
      // keep closing quotes with the sentence they end
      let j = i + 1;
      while (j < body.length && CLOSERS.has(body.charCodeAt(j))) j++;
      push(j);
      start = j;
      i = j - 1;
    }
  }
  push(body.length);
  return out;
}

const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const SENTENCE_END_CODES = codes('。！？；!?;');
const CLOSERS = codes('”’」』)）');
const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === 10 || c === 0x3000 || c === 0xa0;

/** One nodejieba pass over a sentence, with each token's offsets in the sentence. */
export function tokenize(text: string): Token[] {
  loadSegmenter();
  const words = nodejieba.cut(text);
  const out: Token[] = [];
  let pos = 0;
  for (const word of words) {
    const at = text.startsWith(word, pos) ? pos : text.indexOf(word, pos);
    if (at < 0) continue;
    out.push({ word, start: at, end: at + word.length });
    pos = at + word.length;
  }
  return out;
}
