// Hits by year as a column chart of links: each column filters the search to its year. Plain HTML (not a
// canvas), so every column is a focusable link with its count in its name, and narrow screens scroll it.
import { h } from './dom.ts';

export interface YearCount {
  year: string;
  count: number;
}

/** Every year from the first to the last with hits, gaps included (a year without news is information too). */
export function yearSeries(values: Array<{ key: string; count: number }>): YearCount[] {
  const years = values.filter((v) => /^\d{4}$/.test(v.key)).map((v) => ({ year: v.key, count: v.count }));
  if (!years.length) return [];
  const byYear = new Map(years.map((y) => [Number(y.year), y.count]));
  const first = Math.min(...byYear.keys());
  const last = Math.max(...byYear.keys());
  return Array.from({ length: last - first + 1 }, (_, i) => ({ year: String(first + i), count: byYear.get(first + i) ?? 0 }));
}

export function histogram(series: YearCount[], href: (year: string) => string, chosen: (year: string) => boolean, note: string | null): HTMLElement | null {
  if (series.length < 2) return null;
  const max = Math.max(...series.map((y) => y.count), 1);
  return h(
    'figure',
    { class: 'histogram' },
    h('figcaption', {}, '按年份分布', note ? h('small', {}, ` · ${note}`) : null, h('small', {}, ' · 点击年份只看该年')),
    h(
      'ol',
      { class: 'histogram-bars' },
      series.map((y) =>
        h(
          'li',
          {},
          y.count
            ? h('a', { href: href(y.year), 'data-link': true, class: chosen(y.year) ? 'bar-on' : null, 'aria-label': `${y.year}年 ${y.count} 篇`, 'aria-pressed': chosen(y.year) ? 'true' : 'false' },
                h('span', { class: 'bar-count' }, String(y.count)),
                h('span', { class: 'bar', style: `height:${Math.max((y.count / max) * 100, 4).toFixed(1)}%` }),
                h('span', { class: 'bar-year' }, y.year))
            : h('span', { class: 'bar-empty', 'aria-label': `${y.year}年 0 篇` }, h('span', { class: 'bar-count' }, ''), h('span', { class: 'bar', style: 'height:0' }), h('span', { class: 'bar-year' }, y.year)),
        ),
      ),
    ),
  );
}
