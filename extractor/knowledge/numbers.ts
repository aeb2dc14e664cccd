// Numbers as written in Chinese news: Arabic digits, Chinese numerals and 万/亿 multipliers.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Longest run of digits a figure may have; longer runs are codes or noise, never quantities. */
export const MAX_DIGITS = 15;

/** Value of a Chinese numeral (三, 十二, 一百二十, 百万); NaN when it is not one. */
export function parseChineseNumber(s: string): number {
  if (!s) return NaN;
  let yi = 0; // the part counted in 亿
  let wan = 0; // the part counted in 万
  let section = 0; // below 万
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      section += (digit < 0 ? 1 : digit) * SMALL_UNITS[ch];
      digit = -1;
    } else if (ch === '万') {
      wan = (section + Math.max(digit, 0) || 1) * 1e4;
      section = 0;
      digit = -1;
    } else if (ch === '亿') {
      yi = (wan + section + Math.max(digit, 0) || 1) * 1e8;
      wan = 0;
      section = 0;
      digit = -1;
    } else {
      return NaN;
    }
  }
  return yi + wan + section + Math.max(digit, 0);
}

/** Value of an Arabic number with an optional 万/亿/千/百万 multiplier; NaN when too long to be a quantity. */
export function parseArabic(digits: string, multiplier: string): number {
  const bare = digits.replace(/[,，]/gu, '');
  if (bare.replace(/\D/gu, '').length > MAX_DIGITS) return NaN;
  let v = Number(bare);
  for (const ch of multiplier) v *= ch === '万' ? 1e4 : ch === '亿' ? 1e8 : ch === '千' ? 1e3 : ch === '百' ? 1e2 : 1;
  return v;
}
