// What kind of number a figure is, read from its words: a state now (现有床位400张), a plan (规划床位1000张),
// a running total (累计派驻1100人次), an increase (新增床位200张) or a rate (占比30%, 增长72%), and the period it
// applies to. Aggregation (graph/figure-aggregate.ts) adds only like with like and never adds rates.
// Called from one place (graph/figure-meaning.ts), on the stored figure, so improving these rules needs no re-extraction.

export type FigureStatus = 'existing' | 'planned' | 'cumulative' | 'increase';

export interface FigureMeaning {
  status: FigureStatus;
  /** The metric, refined where one name covers things that must not add (资金: 投资 vs 医保结算 vs 帮扶资金). */
  metric: string;
  /** Year (or ISO date prefix) the figure applies to: its stated time, else the article's date; null when neither. */
  period: string | null;
  /** False for percentages, shares, rates and per-unit amounts (每例…元, 人均…): they never add across subjects. */
  additive: boolean;
  /** The sentence marks the number as a whole (总数, 合计, 已达…): figures of the same subject in the article are its parts. */
  total: boolean;
  /** The words that decided the status, for the drill-down. */
  cue: string | null;
}

export interface FigureWords {
  text: string;
  evidence: string;
  unit: string;
  metric: string;
  time: string | null;
}

const RATE_UNITS = new Set(['%', '％', '成', '倍', '‰', '个百分点']);
const RATE_METRICS = new Set(['占比', '增长率', '比例', '率']);

// Checked in this order on the words just before the number: the nearest cue wins within each, plan first
// (规划新增床位 is a plan), then increase, then running total.
const CUES: Array<[FigureStatus, RegExp]> = [
  ['planned', /(规划|计划|拟|将|预计|力争|目标|远期|未来|设计|建成后|争取|届时)/u],
  ['increase', /(新增|增加了?|扩增|增设|多出)/u],
  ['cumulative', /(累计|总计|合计|共计|累积|先后|历年|以来|共)/u],
  ['existing', /(现有|开放|编制|实有|拥有|运行|已有)/u],
];
/** Per-unit amounts: a rate, not a count (每例会诊节省4500元, 每人补助1.8万元, 平均每人开展1.6项). */
const PER_UNIT = /(每|人均|平均|均为|年均)/u;
/** 资金 by what the money is: invested, settled by insurance, or given as aid; the first match wins. */
const MONEY_KINDS: Array<[string, RegExp]> = [
  ['资金·医保结算', /(结算|报销|医保)/u],
  ['资金·投资', /(投资|总投资|建设资金|造价)/u],
  ['资金·帮扶资金', /(帮扶|协作|援助|援建|对口|资助|补助|捐赠)/u],
];
const TOTAL = /(总数|总量|合计|总计|共计|共有|已达|达到|增至|总共|全部)/u;

/** The words before the figure in its sentence (up to 14 characters) and the figure's own words without digits. */
function context(f: FigureWords): string {
  const at = f.evidence.indexOf(f.text);
  const before = at > 0 ? f.evidence.slice(Math.max(0, at - 14), at) : '';
  // cut at the previous clause: a plan in the clause before does not make this number a plan
  const clause = before.split(/[，。；;,、]/u).at(-1) ?? '';
  return clause + withoutNumber(f.text);
}

/** The figure's words before its number (一期开放床位200张 → 一期开放床位; 规划床位一千一百张 → 规划床位). */
function withoutNumber(text: string): string {
  return /\d/u.test(text) ? text.replace(/[\d.,]+[^\d]*$/u, '') : text.replace(/[零一二三四五六七八九十百千万亿两]+[^零一二三四五六七八九十百千万亿两]*$/u, '');
}

/** A year the sentence gives just before the number (由2016年的31%提高到…): the figure is of that year. */
function statedYear(f: FigureWords): string | null {
  const at = f.evidence.indexOf(f.text);
  const before = at > 0 ? f.evidence.slice(Math.max(0, at - 12), at) : '';
  const window = before + withoutNumber(f.text);
  const m = /(\d{4})年(?:的|底|末)?[^，。；\d]{0,6}$/u.exec(window);
  return m ? m[1] : null;
}

/** The figure's own words decide; else the nearest cue earlier in the sentence (…协作资金380万元，其中120万元…). */
function moneyKind(f: FigureWords, words: string): string {
  const own = MONEY_KINDS.find(([, re]) => re.test(words));
  if (own) return own[0];
  const at = f.evidence.indexOf(f.text);
  const before = at > 0 ? f.evidence.slice(0, at) : '';
  let best: [string, number] | null = null;
  for (const [kind, re] of MONEY_KINDS) {
    for (const m of before.matchAll(new RegExp(re.source, 'gu'))) if (!best || m.index > best[1]) best = [kind, m.index];
  }
  return best?.[0] ?? '资金·其他';
}

export function classifyFigure(f: FigureWords, published: string | null): FigureMeaning {
  const words = context(f);
  let status: FigureStatus = 'existing';
  let cue: string | null = null;
  for (const [s, re] of CUES) {
    const m = re.exec(words);
    if (m) {
      status = s;
      cue = m[0];
      break;
    }
  }
  const additive = !RATE_UNITS.has(f.unit) && !RATE_METRICS.has(f.metric) && !PER_UNIT.test(words);
  const year = statedYear(f) ?? f.time ?? (published ? published.slice(0, 4) : null);
  const metric = f.metric === '资金' ? moneyKind(f, words) : f.metric;
  return { status, metric, period: year ? year.slice(0, 4) : null, additive, total: TOTAL.test(words), cue };
}
