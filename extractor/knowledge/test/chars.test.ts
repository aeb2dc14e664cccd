// Lookup-table scanners must answer exactly as the regexes they replace, emoji and lone surrogates included.
import { describe, expect, it } from 'vitest';
import { charClass } from '../chars.ts';
import { institutionAhead } from '../places.ts';

/** Deterministic pseudo-random strings over an alphabet that exercises breaks, names and astral characters. */
function samples(alphabet: string[], count: number, maxLen: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => {
    const n = Math.floor(next() * maxLen);
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  });
}

const ALPHABET = ['医', '院', '区', '大', '学', '黄', '骅', '，', '。', ' ', '、', '“', '”', '(', '）', '1', 'a', '😀', '\ud83d', '一', '%', '\u3000'];

describe('charClass', () => {
  const re = /[\p{P}\p{S}\s\d一二三]/u;
  const cls = charClass(re);
  it('any() agrees with the regex on every sample, astral characters included', () => {
    for (const s of samples(ALPHABET, 3000, 6)) expect(cls.any(s), JSON.stringify(s)).toBe(re.test(s));
  });
  it('at() agrees with the regex on the one-code-unit string at that index', () => {
    for (const s of samples(ALPHABET, 500, 8)) for (let i = 0; i < s.length; i++) expect(cls.at(s, i)).toBe(re.test(s[i]));
  });
});

describe('institutionAhead', () => {
  const AHEAD = /^[^，。、；：,.;:\s“”《》()（）]{0,10}?(医院|院区|大学|学院)/u;
  it('agrees with the pattern it replaces, read on the next 16 code units', () => {
    for (const s of samples(ALPHABET, 5000, 24)) {
      for (const from of [0, 1, 3]) expect(institutionAhead(s, from), JSON.stringify([s, from])).toBe(AHEAD.test(s.slice(from, from + 16)));
    }
  });
});
