// Publish dates as pages show them: ISO meta values, 2024-02-29 04:02:00, 2024/5/10 08:42,
// 2024年1月15日 11:10, 2024.05.10, and dates in URLs (/2024/0510/, /20240510/, t20240510_).
// Output is Beijing local time: 'YYYY-MM-DDTHH:MM' or 'YYYY-MM-DD' (seconds dropped).

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, mo: number, d: number, h = 0, mi = 0): boolean {
  return y >= 1990 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59;
}

function format(y: number, mo: number, d: number, h?: number, mi?: number): string {
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  return h === undefined || mi === undefined ? day : `${day}T${pad(h)}:${pad(mi)}`;
}

// Date, optionally followed by a time; separators as Chinese pages write them.
const DATE_TIME =
  /(?<![\d])((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?(?:\s*(?:[T ]|&nbsp;)?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*\d{2})?)?/;

// Dates in Chinese numerals, as e-papers and official documents print them: 二〇二四年五月十日.
const CN_DATE = /([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/g;
const CN_DIGIT: Record<string, number> = { 〇: 0, '○': 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十 → 10, 十五 → 15, 二十 → 20, 三十一 → 31. */
function cnNumber(s: string): number {
  if (!s.includes('十')) return CN_DIGIT[s] ?? NaN;
  const [tens, ones] = s.split('十');
  return (tens ? CN_DIGIT[tens] : 1) * 10 + (ones ? CN_DIGIT[ones] : 0);
}

function arabicDates(s: string): string {
  return s.replace(CN_DATE, (_, y: string, mo: string, d: string) => `${[...y].map((c) => CN_DIGIT[c]).join('')}年${cnNumber(mo)}月${cnNumber(d)}日`);
}

/** First date (with time when shown) in a piece of text, or null. */
export function parseDateText(text: string): string | null {
  const s = /[〇○零]|[一二三四五六七八九]{2}/.test(text) ? arabicDates(text) : text;
  const g = new RegExp(DATE_TIME.source, 'g');
  for (let m = g.exec(s); m; m = g.exec(s)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const h = m[4] === undefined ? undefined : Number(m[4]);
    const mi = m[5] === undefined ? undefined : Number(m[5]);
    if (valid(y, mo, d, h ?? 0, mi ?? 0)) return format(y, mo, d, h, mi);
  }
  return null;
}

/** ISO 8601 with an offset (meta tags, JSON-LD) → Beijing time; a bare local value is taken as shown. */
export function parseIsoDate(s: string): string | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/.exec(s);
  if (!m) return parseDateText(s);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[4] === undefined) return valid(y, mo, d) ? format(y, mo, d) : null;
  const [h, mi] = [Number(m[4]), Number(m[5])];
  if (!valid(y, mo, d, h, mi)) return null;
  if (!m[6]) return format(y, mo, d, h, mi);
  const off = m[6] === 'Z' ? 0 : (m[6][0] === '-' ? -1 : 1) * (Number(m[6].slice(1, 3)) * 60 + Number(m[6].slice(-2)));
  const utc = Date.UTC(y, mo - 1, d, h, mi) - off * 60_000;
  const bj = new Date(utc + 8 * 3600_000);
  return format(bj.getUTCFullYear(), bj.getUTCMonth() + 1, bj.getUTCDate(), bj.getUTCHours(), bj.getUTCMinutes());
}

/** Date in a URL path: /2024/0510/, /2024-05/10/, /20240510/, t20240510_123.html. Day precision. */
export function parseUrlDate(url: string | null | undefined): string | null {
  if (!url) return null;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const patterns = [
    /\/((?:19|20)\d{2})[-/_]?(\d{2})[-/_]?(\d{2})(?=[/_.\-]|\d{0,12}\.s?html?)/,
    /\/((?:19|20)\d{2})[-/](\d{1,2})[-/](\d{1,2})\//,
    /[a-z_](20\d{2})(\d{2})(\d{2})_/i,
  ];
  for (const re of patterns) {
    const m = re.exec(path);
    if (m && valid(Number(m[1]), Number(m[2]), Number(m[3]))) return format(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return null;
}

const UPDATE_LABEL = /(?:更新|修改)(?:时间|日期)?\s*[:：]?\s*/g;

// Labels that introduce a time, most trusted first: a publish label beats a bare 时间/日期, and both
// beat an update time shown beside them (更新时间：… 发布时间：…).
const DATE_LABELS = [
  // Bare 发布/发表 is a verb in headlines (医院发布2023年度报告): a label only with 时间/日期, a colon, or a space then a year.
  /(?:发布|发表|发稿|刊发|首发|出版|上线)(?:(?:时间|日期)\s*[:：]?\s*|\s*[:：]\s*|\s+(?=(?:19|20)\d{2}))|Published\s*:?\s*|Posted\s*:?\s*/gi,
  /(?:时间|日期)\s*[:：]?\s*/g,
  UPDATE_LABEL,
];

/** Whether the text is an update time (最后更新: 2019-09-07 15:14), which is not the publish time. */
export function isUpdateTime(s: string): boolean {
  UPDATE_LABEL.lastIndex = 0;
  const m = UPDATE_LABEL.exec(s);
  return m !== null && parseDateText(s.slice(m.index + m[0].length, m.index + m[0].length + 40)) === parseDateText(s);
}

/**
 * A date introduced by a label (发布时间:…), or null. Every occurrence of each label is tried.
 * With `publishOnly`, an update time (更新时间：…) is not taken.
 */
export function labelledDate(s: string, publishOnly = false): string | null {
  for (const label of publishOnly ? DATE_LABELS.slice(0, 2) : DATE_LABELS) {
    label.lastIndex = 0;
    for (let m = label.exec(s); m; m = label.exec(s)) {
      const at = m.index + m[0].length;
      // 40 characters, plus any digits the cut would split (…2024-01-2|2 must stay the 22nd).
      const d = parseDateText(s.slice(at, at + 40) + (/^[\d:：]*/.exec(s.slice(at + 40))?.[0] ?? ''));
      if (d) return d;
      if (m[0].length === 0) label.lastIndex++;
    }
  }
  return null;
}

/** A line that is nothing but a date/time (the list items after an article, timestamps in menus). */
export function isDateOnly(s: string): boolean {
  return /^[\s[(（【]*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)(\s*\d{1,2}[:：]\d{2}([:：]\d{2})?)?[\s\])）】]*$/.test(s);
}
