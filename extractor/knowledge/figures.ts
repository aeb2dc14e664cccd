// Figures: a number, its unit, the metric it measures, what it is about and when.
import type { Figure, Provenance } from '../types.ts';
import {
  ANNOUNCING_UNITS, APPROX_BEFORE, DURATION_LEAD, FUND_AFTER, LIST_FOLLOWS, NOT_QUANTITY_AFTER, PEOPLE_UNITS, REFERS_BACK_BEFORE,
  SHARE_BEFORE, UNIT_FOLD, UNITS, YEARS_LEAD,
} from '../dict/figures.ts';
import { charClass } from './chars.ts';
import { canonicalMetric } from './metrics.ts';
import { parseArabic, parseChineseNumber } from './numbers.ts';

export interface FigureContext {
  /** Entity id and name of what the sentence is about at a given offset, or null. */
  subjectAt(offset: number): { id: string; name: string } | null;
  time: string | null;
}

const UNIT_ALT = UNITS.map((u) => u.replace('%', '%')).join('|');
// Arabic numbers (with decimals and thousands separators) or Chinese numerals, a multiplier, an approximate marker, a unit.
const FIGURE_RE = new RegExp(
  `(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)(百万|千万|万|亿)?(余|多)?(${UNIT_ALT})`, 'gu',
);
/** A unit character that here begins another word (人民医院, 门诊). */
const UNIT_WORD_AFTER = /^(人民|名单|家庭|门诊|次日|台湾|所在|个人|天津|条件|支部|批准|批示|批复|年度|年级|年龄|年轻|星期[一二三四五六日天])/u;
const CLAUSE_BREAK = charClass(/[，,、；;：:。！？!?“”"（）()\s]/u);
const LEADING_NOISE = /^(并|和|及|其中|已|累计|共|先后|分别|均|同时|目前|截至目前|此外|还|再|又|也|已经|完成|开展|实施)+/u;

export function scanFigures(
  text: string, sentence: number, base: number, ctx: FigureContext, reject: (reason: string) => void, idPrefix: string,
): Figure[] {
  const out: Figure[] = [];
  // exec on the shared pattern: matchAll would construct a copy of this long pattern per sentence
  FIGURE_RE.lastIndex = 0;
  for (let m = FIGURE_RE.exec(text); m; m = FIGURE_RE.exec(text)) {
    // indexed reads: destructuring would walk the match through the iterator protocol
    const whole = m[0], num = m[1], mult = m[2] ?? '', approxAfter = m[3] ?? '', unitRaw = m[4];
    const at = m.index;
    const before = text.slice(Math.max(0, at - 4), at);
    const after = text.slice(at + whole.length, at + whole.length + 3);
    const chinese = !/\d/u.test(num);
    if (/[\dA-Za-z.]$/u.test(before) || /^[A-Za-z]/u.test(after)) { reject('figure-part-of-code'); continue; }
    if (/第$/u.test(before)) { reject('figure-ordinal'); continue; }
    const clauseStart = lastBreak(text, at);
    // 为期半年 / 未来5年 / 连续两年: a number of years is a duration only right after a word of duration
    const years = unitRaw === '年' && YEARS_LEAD.test(before);
    const duration = years || (unitRaw === '个月' && DURATION_LEAD.test(text.slice(clauseStart, at)));
    if (unitRaw === '年' && !years) continue; // a year or 合作十一年: dates the story (counted with dates, not here)
    if (!duration && unitRaw !== '大类' && (NOT_QUANTITY_AFTER.test(unitRaw + after) || NOT_QUANTITY_AFTER.test(after) && unitRaw === '个')) { reject('figure-date-or-span'); continue; }
    if (UNIT_WORD_AFTER.test(unitRaw + after)) { reject('figure-unit-is-word'); continue; }
    const fund = unitRaw === '万' && !mult && FUND_AFTER.test(text.slice(at + whole.length)); // 300万帮扶资金: 元
    if (unitRaw === '万' && !mult && !fund) { reject('figure-no-unit'); continue; }
    if (unitRaw === '成' && (!SHARE_BEFORE.test(before) || !chinese)) { reject('figure-not-share'); continue; }
    const counted = /(共|计|约|近|达|超过|不少于|不低于|逾)$/u.test(before);
    // 三个重大项目 / 两家医院 announce what follows; 八十三名, 共五家 and 近一倍 are quantities
    const people = PEOPLE_UNITS.has(unitRaw);
    // 这次到岗的两位医生: a small number written in characters after 的/这 refers back to people counted before
    if (people && chinese && num.length === 1 && REFERS_BACK_BEFORE.test(before)) { reject('figure-refers-back'); continue; }
    // 十余名 is a quantity whatever its length; 一 counts only as 近一倍 or as a duration (工作一年)
    const announcing = ANNOUNCING_UNITS.has(unitRaw) && num.length === 1 && !counted && !approxAfter && !people;
    if (chinese && (num === '一' ? !(unitRaw === '倍' && APPROX_BEFORE.test(before)) && !duration : announcing)) { reject('figure-announcing-count'); continue; }
    // 百岁奶奶: 百 alone is a number of years of age
    if (chinese && /^[百千]/u.test(num) && !APPROX_BEFORE.test(before) && !(num === '百' && unitRaw === '岁')) { reject('figure-no-number'); continue; }
    if (/[“"「]$/u.test(before) && /[”"」]/u.test(text.slice(at + whole.length, at + whole.length + 4))) { reject('figure-slogan'); continue; } // “三张网”
    if (LIST_FOLLOWS.test(text.slice(at + whole.length))) { reject('figure-announcing-list'); continue; }
    // 5种服务模式: 家庭医生签约、… — the count names the list after the colon, it measures nothing
    if (/^[：:]/u.test(text.slice(at + whole.length + readTrail(text, at + whole.length).length))) { reject('figure-announcing-list'); continue; }
    // 1对1帮扶, 一对一: a pairing, not a number of pairs
    if (unitRaw === '对' && /^[\d一]/u.test(after)) { reject('figure-pairing'); continue; }
    // 3至6个月: a range is read from its low end
    const range = /(\d+(?:\.\d+)?|[一二三四五六七八九十两]+)(至|到|~|～|-|—|－)$/u.exec(text.slice(Math.max(0, at - 8), at));
    const low = range ? (/\d/u.test(range[1]) ? parseArabic(range[1], mult) : parseChineseNumber(range[1] + mult)) : NaN;
    const value = (Number.isFinite(low) ? low : chinese ? parseChineseNumber(num + mult) : parseArabic(num, mult)) * (fund ? 1e4 : 1);
    if (!Number.isFinite(value)) { reject('figure-number-too-long'); continue; }
    const unit = fund ? '元' : UNIT_FOLD[unitRaw] ?? unitRaw;
    const approximate = approxAfter !== '' || APPROX_BEFORE.test(before);
    const lead = text.slice(clauseStart, at).replace(LEADING_NOISE, '').replace(APPROX_BEFORE, '');
    const trail = readTrail(text, at + whole.length);
    const label = (lead.length >= 2 ? lead.slice(-14) : trail) || unit;
    const metric = canonicalMetric(lead.slice(-14), trail, unit);
    const subject = ctx.subjectAt(at);
    const start = at + (APPROX_BEFORE.exec(before)?.[0].length ? -APPROX_BEFORE.exec(before)![0].length : 0);
    const prov: Provenance = { sentence, start: base + start, end: base + at + whole.length };
    out.push({
      id: `${idPrefix}${out.length}`, text: text.slice(Math.max(clauseStart, start - Math.min(lead.length, 14)), at + whole.length + (lead.length >= 2 ? 0 : trail.length)),
      value, unit, metric, label, subjectId: subject?.id ?? null, subject: subject?.name ?? null, time: ctx.time,
      approximate, evidence: text, provenance: prov, confidence: chinese ? 0.7 : 0.85,
    });
  }
  return out;
}

function lastBreak(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) if (CLAUSE_BREAK.at(text, i)) return i + 1;
  return 0;
}

/** The noun after a count (9名专家 → 专家), up to the next break. */
function readTrail(text: string, from: number): string {
  let i = from;
  while (i < text.length && i - from < 10 && !CLAUSE_BREAK.at(text, i)) i++;
  return text.slice(from, i);
}
