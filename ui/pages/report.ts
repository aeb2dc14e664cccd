// Report page: figures (beds, experts sent, patients treated…) summed by metric, place and year, as SVG bar
// charts and as a table, with CSV export; every row links to the sentences its numbers were read from.
import { barChart, type Bar } from '../lib/chart.ts';
import { clear, field, h, status } from '../lib/dom.ts';
import { formatNumber } from '../lib/format.ts';
import { failure } from '../lib/failure.ts';
import { gql } from '../lib/graphql.ts';
import { focusHeading, navigate, withParams, type Route } from '../lib/router.ts';
import { PROVINCES, provinceCode } from '../lib/regions.ts';
import { csvLink, dataTable, toCsv, type Column } from '../lib/table.ts';
import { FACT_FIELDS, factsCell, factsCsv, leftOutCell, leftOutCsv, STATUS_LABELS, statusCell, type MeaningRow } from './report-facts.ts';

interface Aggregate extends MeaningRow { metric: string | null; place: string | null; year: number | null; unit: string; sum: number; count: number }

const METRICS = /* GraphQL */ `query ReportMetrics { figureAggregates(groupBy: [METRIC]) { metric unit count } }`;
const ROWS = /* GraphQL */ `
  query ReportRows($metric: String, $place: String) {
    figureAggregates(metric: $metric, place: $place, groupBy: [METRIC, PLACE, YEAR]) {
      metric place year unit sum count ${FACT_FIELDS}
    }
  }`;

export { figureHref } from './report-facts.ts';

export async function renderReport(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const metric = route.params.get('metric') ?? '';
  const region = route.params.get('place') ?? '';
  document.title = '数据报表 · 合作知识图谱';
  clear(root);
  root.append(h('h1', {}, '数据报表'), h('p', { class: 'lead' }, '报道中的数字（床位、派驻专家、诊疗人次等）按指标、地区和年份汇总；每个数字都可追溯到原句。'));
  const out = h('div', { class: 'report-results' }, status('正在加载…'));
  let metrics: Array<{ metric: string | null; unit: string; count: number }>;
  let rows: Aggregate[];
  try {
    const [m, r] = await Promise.all([
      gql<{ figureAggregates: typeof metrics }>(METRICS, {}, signal),
      gql<{ figureAggregates: Aggregate[] }>(ROWS, { metric: metric || null, place: region ? provinceCode(region) : null }, signal),
    ]);
    metrics = m.figureAggregates.filter((x) => x.metric);
    rows = r.figureAggregates;
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    root.append(failure(e));
    return;
  }
  root.append(filterForm(metrics, metric, region), out);
  clear(out);
  renderRows(out, rows, metric, region);
  focusHeading(root);
}

function filterForm(metrics: Array<{ metric: string | null; unit: string; count: number }>, metric: string, region: string): HTMLFormElement {
  const names = [...new Map(metrics.map((m) => [m.metric!, (metrics.filter((x) => x.metric === m.metric).reduce((s, x) => s + x.count, 0))])).entries()].sort((a, b) => b[1] - a[1]);
  const metricSelect = h('select', { name: 'metric' }, h('option', { value: '' }, '全部指标'), names.map(([n, c]) => h('option', { value: n, selected: n === metric }, `${n}（${c}）`)));
  const placeSelect = h('select', { name: 'place' }, h('option', { value: '' }, '全部地区'), Object.entries(PROVINCES).map(([two, n]) => h('option', { value: two, selected: two === region }, n)));
  const form = h('form', { class: 'filters', 'aria-label': '报表筛选' }, field('指标', metricSelect), field('地区', placeSelect), h('button', { type: 'submit' }, '生成报表'));
  const apply = () => navigate(withParams({ metric: metricSelect.value, place: placeSelect.value }), true);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  form.addEventListener('change', apply);
  return form;
}

/** Sums rows by one key, one bar per key value, for a single unit (mixing 张 and 人次 in one chart would mislead). */
function sumBy(rows: Aggregate[], key: (r: Aggregate) => string): Bar[] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.sum);
  return [...m.entries()].map(([label, value]) => ({ label, value }));
}

function renderRows(out: HTMLElement, rows: Aggregate[], metric: string, region: string): void {
  const regionName = region ? PROVINCES[region] : '';
  const left = rows.reduce((s, r) => s + r.leftOutCount, 0);
  out.append(status(`${rows.length} 组数据，来自 ${rows.reduce((s, r) => s + r.count, 0)} 个数字${left ? `；${left} 个数字未计入（重复报道、总数的一部分等，见表中“未计入”）` : ''}。比率不相加，按主体列出；规划与现有分开统计。`));
  if (!rows.length) {
    out.append(h('p', {}, '没有符合条件的数据。'));
    return;
  }
  const charts = h('div', { class: 'charts' });
  if (!metric) {
    const counts = sumBy(rows.map((r) => ({ ...r, sum: r.count })), (r) => r.metric ?? '未注明').sort((a, b) => b.value - a.value).slice(0, 12);
    charts.append(h('figure', {}, h('figcaption', {}, `各指标的数字条数${regionName ? `（${regionName}）` : ''}`), barChart('各指标的数字条数', counts, '条')));
  } else {
    // only like with like: one unit and one status per chart, and never a rate (rates do not add)
    const kinds = [...new Set(rows.filter((r) => r.additive).map((r) => JSON.stringify([r.unit, r.status])))].map((k) => JSON.parse(k) as [string, string]);
    for (const [unit, st] of kinds) {
      const ofUnit = rows.filter((r) => r.additive && r.unit === unit && r.status === st);
      const label = `${metric}（${STATUS_LABELS[st] ?? st}，${unit}）`;
      const byYear = sumBy(ofUnit, (r) => (r.year ? `${r.year}年` : '年份不详')).sort((a, b) => a.label.localeCompare(b.label));
      const byPlace = sumBy(ofUnit, (r) => r.place ?? '地区不详').sort((a, b) => b.value - a.value).slice(0, 15);
      charts.append(
        h('figure', {}, h('figcaption', {}, `${label}按年份`), barChart(`${metric}按年份`, byYear, unit)),
        h('figure', {}, h('figcaption', {}, `${label}按地区`), barChart(`${metric}按地区`, byPlace, unit)),
      );
    }
  }
  const columns: Column<Aggregate>[] = [
    { label: '指标', cell: (r) => r.metric ?? '未注明' },
    { label: '地区', cell: (r) => r.place ?? '不详' },
    { label: '年份', cell: (r) => (r.year ? String(r.year) : '不详'), csv: (r) => r.year },
    { label: '状态', cell: statusCell },
    { label: '合计', cell: (r) => formatNumber(r.sum), csv: (r) => r.sum, numeric: true },
    { label: '单位', cell: (r) => r.unit },
    { label: '条数', cell: (r) => String(r.count), csv: (r) => r.count, numeric: true },
    { label: '原句', cell: factsCell, csv: factsCsv },
    { label: '未计入', cell: leftOutCell, csv: leftOutCsv },
  ];
  const name = `figures${metric ? `-${metric}` : ''}${regionName ? `-${regionName}` : ''}.csv`;
  out.append(charts, h('div', { class: 'table-actions' }, h('h2', {}, '数据表'), csvLink('导出 CSV', name, () => toCsv(columns, rows))), dataTable(columns, rows, `${metric || '全部指标'} · ${regionName || '全部地区'}：按指标、地区、年份汇总`));
}
