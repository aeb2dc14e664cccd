// Text normalisation for extraction and indexing: traditional → simplified (OpenCC),
// pinyin annotations removed (協(xié)同 → 协同), full-width ASCII folded to half-width.
// Line breaks are kept, so paragraphs keep their count and order.
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

// A parenthesised pinyin syllable right after a Han character. A tone mark (or ü) is required,
// so English abbreviations such as (ICU) or (a) after a Han character are left alone.
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';
const PINYIN_NOTE = new RegExp(
  `(?<=\\p{Script=Han})[(（]\\s*(?=[a-z${TONED}]*[${TONED}])[a-z${TONED}]{1,7}\\s*[)）]`,
  'gu',
);

/** Removes pinyin annotations inserted after characters: 協(xié)同發(fā)展 → 協同發展. */
export function stripPinyin(s: string): string {
  return s.replace(PINYIN_NOTE, '');
}

/** Full-width ASCII (Ａ-Ｚ, ０-９, ，：（）…) → half-width; ideographic space → space. */
export function foldWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Traditional → simplified only (OpenCC "t" → "cn"). */
export function toSimplifiedChinese(s: string): string {
  return toSimplified(s);
}

/** Traditional → simplified, pinyin annotations removed, width folded. Keeps "\n" paragraph breaks. */
export function normalizeText(s: string): string {
  return foldWidth(toSimplified(stripPinyin(s)));
}
