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
  // With 医院 a user word, jieba cuts 第八人民医院 as 第八人/民医院 (and 第三人/民医院…), losing the name; 人民医院
  // as a user word too keeps the ordinal whole.
  nodejieba.insertWord('人民医院');
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
    } else if (SENTENCE_END_CODES[code]) {
      // keep closing quotes with the sentence they end
      let j = i + 1;
      while (j < body.length && CLOSERS[body.charCodeAt(j)]) j++;
      push(j);
      start = j;
      i = j - 1;
    }
  }
  push(body.length);
  return out;
}

/** 1 at the code unit of each of `chars`: a table read per character instead of a hash look-up. */
function codeTable(chars: string): Uint8Array {
  const t = new Uint8Array(65536);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  return t;
}
const SENTENCE_END_CODES = codeTable('。！？；!?;');
const CLOSERS = codeTable('”’」』)）');
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

/** Longest stretch of sentences segmented in one call. */
const MAX_CHUNK = 4000;

/**
 * Tokens of every sentence, from one segmenter call per chunk of consecutive sentences (fewer native
 * calls than one per sentence). Tokens never cross sentence-final punctuation or line ends; a chunk whose
 * tokens would cross a sentence boundary anyway (a window cut inside a word) is segmented sentence by
 * sentence instead.
 */
export function tokenizeSentences(body: string, sentences: Sentence[]): Token[][] {
  loadSegmenter();
  const out: Token[][] = new Array(sentences.length);
  let i = 0;
  while (i < sentences.length) {
    // consecutive sentences, across paragraphs, up to MAX_CHUNK characters
    let j = i;
    while (j + 1 < sentences.length && sentences[j + 1].start + sentences[j + 1].text.length - sentences[i].start <= MAX_CHUNK) j++;
    const from = sentences[i].start;
    const to = sentences[j].start + sentences[j].text.length;
    if (i === j || !splitWords(body.slice(from, to), from, sentences, i, j, out)) {
      for (let k = i; k <= j; k++) out[k] = tokenize(sentences[k].text);
    }
    i = j + 1;
  }
  return out;
}

/**
 * Segments one chunk and hands each word to its sentence with offsets in that sentence, in one pass
 * (no chunk-level token list to rewrite). False when a word crosses a sentence boundary.
 */
function splitWords(text: string, base: number, sentences: Sentence[], i: number, j: number, out: Token[][]): boolean {
  let k = i;
  let list: Token[] = [];
  let sStart = sentences[k].start - base;
  let sEnd = sStart + sentences[k].text.length;
  let pos = 0;
  for (const word of nodejieba.cut(text)) {
    const at = text.startsWith(word, pos) ? pos : text.indexOf(word, pos);
    if (at < 0) continue;
    const end = at + word.length;
    pos = end;
    while (at >= sEnd && k < j) {
      out[k] = list;
      list = [];
      k++;
      sStart = sentences[k].start - base;
      sEnd = sStart + sentences[k].text.length;
    }
    if (end <= sStart) continue; // whitespace between sentences
    if (at < sStart || end > sEnd) return false;
    list.push({ word, start: at - sStart, end: end - sStart });
  }
  out[k] = list;
  for (let m = k + 1; m <= j; m++) out[m] = [];
  return true;
}
