// The report's drill-down: the facts behind each number (one per subject, each with the sentences stating it) and
// the figures left out with the reason (a reprint, a part of a total, a superseded statement). Rates are shown per
// subject, never summed; charts take only additive rows of one status.
import { h, link, pageHref } from '../lib/dom.ts';
import { formatNumber } from '../lib/format.ts';

export interface SourceFigure { figureId: string; text: string; evidence: string; article: { articleId: string; title: string } }
export interface FactData { value: number; subjectName: string | null; place: string | null; period: string | null; statements: SourceFigure[] }
export interface LeftOutData { code: string; reason: string; figure: SourceFigure }
export interface MeaningRow {
  status: string; additive: boolean; subjectName: string | null; unit: string; facts: FactData[];
  /** The first LEFT_OUT_LISTED of the figures left out; all of them are counted in leftOutCount and leftOutByCode. */
  leftOut: LeftOutData[]; leftOutCount: number; leftOutByCode: Array<{ code: string; count: number }>;
}

/** Left-out figures listed per row (a national report leaves out tens of thousands; the rest are counted). */
export const LEFT_OUT_LISTED = 20;

/** The GraphQL selection the report asks for on each aggregate. */
export const FACT_FIELDS = /* GraphQL */ `
  status additive subjectName
  facts { value subjectName place period statements { figureId text evidence article { articleId title } } }
  leftOut(first: ${LEFT_OUT_LISTED}) { code reason figure { figureId text evidence article { articleId title } } }
  leftOutCount leftOutByCode { code count }`;

export const STATUS_LABELS: Record<string, string> = { existing: '现有', planned: '规划', cumulative: '累计', increase: '新增' };
const LEFT_OUT_LABELS: Record<string, string> = { SAME_FACT: '重复报道', PART_OF_TOTAL: '总数的一部分', SAME_SUBJECT: '同一主体', SUPERSEDED: '已被较新数字取代' };

/** Sentence anchor on the article page for one figure. */
export const figureHref = (f: SourceFigure) => `${pageHref('article', f.article.articleId)}#figure-${encodeURIComponent(f.figureId)}`;

export function statusCell(r: MeaningRow): string {
  const label = STATUS_LABELS[r.status] ?? r.status;
  return r.additive ? label : `${label}·比率（${r.subjectName ?? '主体不详'}，不相加）`;
}

/** Each fact added: value, subject and place, with its sentences (a reprint's copy listed under the same fact). */
export function factsCell(r: MeaningRow): HTMLElement {
  return h('ul', { class: 'sources facts' }, r.facts.map((f) => h('li', {},
    h('strong', {}, `${formatNumber(f.value)}${r.unit}`), ` ${f.subjectName ?? '主体不详'}${f.place ? `（${f.place}）` : ''}`,
    h('ul', {}, f.statements.map((s) => h('li', {}, link(figureHref(s), s.text), h('small', {}, ` ${s.article.title}`)))))));
}

const byCode = (r: MeaningRow) => r.leftOutByCode.map((c) => `${LEFT_OUT_LABELS[c.code] ?? c.code} ${c.count}`).join('，');

export function leftOutCell(r: MeaningRow): HTMLElement | string {
  if (!r.leftOutCount) return '—';
  const list = h('ul', { class: 'left-out' }, r.leftOut.map((l) => h('li', { title: l.reason }, h('span', { class: 'kind' }, LEFT_OUT_LABELS[l.code] ?? l.code), ' ', link(figureHref(l.figure), l.figure.text))));
  const more = r.leftOutCount - r.leftOut.length;
  return h('div', {}, h('p', { class: 'left-out-count' }, `${r.leftOutCount} 个：${byCode(r)}${more > 0 ? `（列出前 ${r.leftOut.length} 个）` : ''}`), list);
}

export const factsCsv = (r: MeaningRow) => r.facts.map((f) => `${f.value}${r.unit} ${f.subjectName ?? ''}：${f.statements.map((s) => `${s.evidence}（${s.article.title}）`).join(' / ')}`).join(' | ');
export const leftOutCsv = (r: MeaningRow) => (r.leftOutCount ? `${r.leftOutCount}（${byCode(r)}）` : '');
