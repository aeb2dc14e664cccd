// Maps a figure's raw label (the words before the number) and the noun after it to one canonical metric.
import {
  ACTIVITY_METRICS, CHANGE_WORDS, COUNTERS, DISPATCH, INSTITUTION_COUNTERS, METRIC_BY_UNIT, METRIC_PATTERNS, type Metric,
} from '../dict/metrics.ts';

/** How far into the words after a count the counted noun may start (12名北京专家). */
const TRAIL_REACH = 3;
const GLOBAL_PATTERNS: [RegExp, Metric][] = METRIC_PATTERNS.map(([re, m]) => [new RegExp(re.source, 'gu'), m]);
/**
 * Matches wherever any one metric pattern matches: one scan rules them all out for most texts. Only
 * exact for patterns with the u flag alone (no backreferences); otherwise it matches everything.
 */
const ANY_METRIC = METRIC_PATTERNS.every(([re]) => re.flags === 'u' && !/\\\d/u.test(re.source))
  ? new RegExp(METRIC_PATTERNS.map(([re]) => `(?:${re.source})`).join('|'), 'u')
  : /(?:)/u;
/** Length of the noun phrase read after a count. */
const TRAIL_NOUN = 6;

/** Counted in institutions' counters (家, 所), a figure counts institutions (医疗机构, 医联体), whatever else the label names. */
const fitsInstitutionCount = (m: Metric) => m === '医疗机构' || m === '医联体';
const fitsAny = () => true;
/** Experts or medical staff that are sent (选派, 派驻) count as 派驻专家. */
function dispatched(m: Metric, label: string): Metric {
  return (m === '专家' || m === '医务人员') && DISPATCH.test(label) ? '派驻专家' : m;
}

/**
 * Canonical metric for a figure: by unit for money, area, distance, age and time; percentages and
 * shares as 增长率 or 占比; for counts, the noun right after the number (12名专家); otherwise the
 * label's activity nearest the number (会诊疑难病例 → 远程会诊), then its nearest noun, then anything
 * after the number; 'other' when nothing fits.
 */
export function canonicalMetric(label: string, trail: string, unit: string): Metric {
  for (const [re, metric] of METRIC_BY_UNIT) if (re.test(unit)) return metric;
  if (unit === '%' || unit === '个百分点' || unit === '成' || unit === '倍') return CHANGE_WORDS.test(label) || unit === '倍' ? '增长率' : '占比';
  const noun = trail.replace(/[\d０-９].*$/u, '');
  const fits = INSTITUTION_COUNTERS.has(unit) ? fitsInstitutionCount : fitsAny;
  if (COUNTERS.has(unit)) {
    // the head of the noun phrase after the count (专业人才 → 人才, 名医工作室 → 工作室)
    const counted = nearest(noun.slice(0, TRAIL_NOUN), fits, TRAIL_REACH);
    if (counted) return dispatched(counted, label);
  }
  // 鼻窦手术等新技术: after 等 comes the category the number counts
  const head = label.includes('等') && !label.endsWith('等') ? label.slice(label.lastIndexOf('等') + 1) : label;
  const inLabel = nearest(head, fits, Infinity, true);
  if (inLabel) return dispatched(inLabel, label);
  const anywhere = ANY_METRIC.test(noun) ? METRIC_PATTERNS.find(([re, m]) => fits(m) && re.test(noun)) : undefined;
  if (anywhere) return dispatched(anywhere[1], label);
  return INSTITUTION_COUNTERS.has(unit) && /医|院/u.test(label + noun) ? '医疗机构' : 'other';
}

/**
 * The metric whose pattern matches closest to the end of `text`, starting by `maxStart`; ties go to the
 * more specific (earlier) pattern, and an activity beats any other metric when `activityFirst`.
 */
function nearest(text: string, allowed: (m: Metric) => boolean, maxStart = Infinity, activityFirst = false): Metric | null {
  if (!text || !ANY_METRIC.test(text)) return null;
  let best: Metric | null = null, bestEnd = -1, act: Metric | null = null, actEnd = -1;
  for (const [g, metric] of GLOBAL_PATTERNS) {
    if (!allowed(metric)) continue;
    g.lastIndex = 0;
    let end = -1;
    for (let m = g.exec(text); m && m.index <= maxStart; m = g.exec(text)) end = m.index + m[0].length;
    if (end > bestEnd) { bestEnd = end; best = metric; }
    if (activityFirst && end > actEnd && ACTIVITY_METRICS.has(metric)) { actEnd = end; act = metric; }
  }
  return act ?? best;
}
