// Search page: query, filters (dates, source, place, institution, kind, sort), facets with counts that
// toggle filters, hits by year, highlighted passages with the institutions they name, reprints collapsed with
// their copies listed under their own publisher, numbered pages, export (CSV, RIS) and saving as an alert.
// Filters alone (no query) list the matching articles, newest first.
// Everything lives in the URL (?q=…&place=…&page=2), so a search can be shared.
import { append, clear, field, h, link, marked, pageHref, status } from '../lib/dom.ts';
import type { ExportHit } from '../lib/export.ts';
import { facetGroup, type Facet } from '../lib/facets.ts';
import { failure } from '../lib/failure.ts';
import { formatDate, kindLabel, publisher, typeLabel } from '../lib/format.ts';
import { errorText, gql, offsetCursor } from '../lib/graphql.ts';
import { histogram, yearSeries } from '../lib/histogram.ts';
import { focusHeading, navigate, withParams, type Route } from '../lib/router.ts';
import type { Filters } from '../lib/save-search.ts';

export const PAGE_SIZE = 10;
/** URL parameter of each facet that is also a filter. */
const FACET_PARAM: Record<string, string> = { source: 'source', places: 'place', institutions: 'inst', kinds: 'kind' };

const HIT_FIELDS = 'articleId title titleHighlighted published source url passages copies { articleId title source published url }';
const QUERY = /* GraphQL */ `
  query SearchPage($query: String!, $first: Int!, $after: String, $filters: SearchFilters, $sort: SearchSort) {
    search(query: $query, first: $first, after: $after, filters: $filters, sort: $sort) {
      totalCount
      totalIsApproximate
      facetsFrom
      facets { field values { key count } }
      edges { node { ${HIT_FIELDS} article { entities { entityId name type } } } }
    }
  }`;
const EXPORT = /* GraphQL */ `
  query SearchExport($query: String!, $first: Int!, $after: String, $filters: SearchFilters, $sort: SearchSort) {
    search(query: $query, first: $first, after: $after, filters: $filters, sort: $sort) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${HIT_FIELDS} } }
    }
  }`;
/** Most rows one export fetches (10 pages of 100). */
export const EXPORT_MAX = 1000;

interface CopyRef { articleId: string; title: string; source: string | null; published: string | null; url: string | null }
interface Hit extends ExportHit {
  titleHighlighted: string;
  copies: CopyRef[];
  article?: { entities: Array<{ entityId: string; name: string; type: string }> };
}
interface SearchData { search: { totalCount: number; totalIsApproximate: boolean; facetsFrom: number | null; facets: Facet[]; edges: Array<{ node: Hit }> } }

export interface SearchState {
  q: string;
  from: string;
  to: string;
  sort: 'relevance' | 'date';
  page: number;
  source: string[];
  place: string[];
  inst: string[];
  kind: string[];
}

export function readState(p: URLSearchParams): SearchState {
  const date = (v: string | null) => (v && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? v : '');
  return {
    q: (p.get('q') ?? '').trim(),
    from: date(p.get('from')),
    to: date(p.get('to')),
    sort: p.get('sort') === 'date' ? 'date' : 'relevance',
    page: Math.max(1, Math.min(Number.parseInt(p.get('page') ?? '1', 10) || 1, 1000)),
    source: p.getAll('source'),
    place: p.getAll('place'),
    inst: p.getAll('inst'),
    kind: p.getAll('kind'),
  };
}

/** The state as URL parameters (page 1 and relevance sort are the defaults, left out). */
function params(s: SearchState): Record<string, string | string[] | number | null> {
  return { q: s.q, from: s.from, to: s.to, sort: s.sort === 'date' ? 'date' : null, source: s.source, place: s.place, inst: s.inst, kind: s.kind, page: s.page > 1 ? s.page : null };
}

const href = (s: SearchState) => withParams(params(s)).replace(/^\/search\b/, '/');

function searchForm(s: SearchState): HTMLFormElement {
  const q = h('input', { type: 'search', name: 'q', value: s.q, placeholder: '如：医联体、京津冀 对口帮扶、"远程会诊"', autocomplete: 'off', enterkeyhint: 'search' });
  const from = h('input', { type: 'date', name: 'from', value: s.from.length === 10 ? s.from : '' });
  const to = h('input', { type: 'date', name: 'to', value: s.to.length === 10 ? s.to : '' });
  // Filters without words list newest first: say so in the sort box.
  const browsing = !s.q && filterCount(s) > 0;
  const sort = h('select', { name: 'sort' }, h('option', { value: 'relevance', selected: s.sort === 'relevance' && !browsing }, '按相关度'), h('option', { value: 'date', selected: s.sort === 'date' || browsing }, '按时间（新→旧）'));
  const form = h(
    'form',
    { class: 'search', role: 'search' },
    h('div', { class: 'search-row' }, field('检索词', q), h('button', { type: 'submit' }, '检索')),
    h('div', { class: 'search-options' }, field('起始日期', from), field('截止日期', to), field('排序', sort)),
    h('p', { class: 'hint' }, '支持词语、"短语"、AND / OR / NOT；简体、繁体均可。'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    // A new query starts at page 1; facet filters are kept.
    navigate(href({ ...s, q: q.value.trim(), from: from.value, to: to.value, sort: sort.value === 'date' ? 'date' : 'relevance', page: 1 }));
  });
  return form;
}

/** The filters as the API takes them (null where unset). */
function filtersOf(s: SearchState): Filters {
  return {
    source: s.source.length ? s.source : null,
    places: s.place.length ? s.place : null,
    institutions: s.inst.length ? s.inst : null,
    kinds: s.kind.length ? s.kind.map((k) => k.toUpperCase().replace(/-/g, '_')) : null,
    from: s.from || null,
    to: s.to || null,
  };
}

const filterCount = (s: SearchState) => s.source.length + s.place.length + s.inst.length + s.kind.length + (s.from ? 1 : 0) + (s.to ? 1 : 0);

/** With no query, filters alone list articles newest first (relevance means nothing without words). */
const sortOf = (s: SearchState) => (s.sort === 'date' || !s.q ? 'DATE' : 'RELEVANCE');

export async function renderSearch(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const s = readState(route.params);
  const browsing = !s.q && filterCount(s) > 0;
  document.title = s.q ? `${s.q} · 检索 · 合作知识图谱` : browsing ? '按条件浏览 · 合作知识图谱' : '检索 · 合作知识图谱';
  const results = h('div', { class: 'search-results' });
  clear(root);
  root.append(h('h1', { class: s.q || browsing ? 'visually-hidden' : null }, '检索合作新闻'), searchForm(s), results);
  if (!s.q && !browsing) {
    results.append(h('p', { class: 'lead' }, '检索京津冀、京蒙等地医院与机构之间的合作报道：托管、共建、医联体、对口帮扶、远程会诊……也可以不填检索词，只按日期等条件浏览。'), examples());
    (root.querySelector('input[name=q]') as HTMLInputElement).focus();
    return;
  }
  results.append(status('检索中…'));
  let data: SearchData['search'];
  const filters = filtersOf(s);
  try {
    const after = s.page > 1 ? offsetCursor((s.page - 1) * PAGE_SIZE - 1) : null;
    data = (await gql<SearchData>(QUERY, { query: s.q, first: PAGE_SIZE, after, filters, sort: sortOf(s) }, signal)).search;
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    clear(results);
    results.append(failure(e));
    focusHeading(root);
    return;
  }
  clear(results);
  const filtered = filterCount(s);
  const pages = Math.ceil(data.totalCount / PAGE_SIZE);
  const hits = data.edges.map((e) => e.node);
  const years = data.facets.find((f) => f.field === 'year');
  const chosenYear = (y: string) => s.from === y && s.to === y;
  const yearHref = (y: string) => href({ ...s, from: chosenYear(y) ? '' : y, to: chosenYear(y) ? '' : y, page: 1 });
  append(results, [
    status(`${browsing ? '按条件浏览：' : '找到 '}${countText(data.totalCount, data.totalIsApproximate)} 篇文章${filtered ? `（已筛选 ${filtered} 项）` : ''}${browsing ? '，按时间从新到旧' : ''}，转载已合并。`),
    h('div', { class: 'result-tools' }, exportButtons(s, data.totalCount), savePanel(s.q, filters)),
    years ? histogram(yearSeries(years.values), yearHref, chosenYear, data.facetsFrom ? `按最相关的 ${data.facetsFrom} 篇统计` : null) : null,
    h(
      'div',
      { class: 'search-layout' },
      h('div', { class: 'hits-column' }, s.page > pages && pages > 0 ? beyondLast(s, pages) : hitList(hits, s), pager(s, data.totalCount)),
      facetPanel(s, data.facets),
    ),
  ]);
  // After a search focus is on the (hidden) heading: one Tab reaches this link, Enter the first result.
  if (hits.length) root.querySelector('form.search')?.before(h('a', { class: 'skip-results', href: '#hits', onclick: skipToHits }, '跳到检索结果'));
  focusHeading(root);
}

/** "Save as alert", its form loaded when first opened. */
function savePanel(q: string, filters: Filters): HTMLElement {
  const panel = h('details', { class: 'save-panel' }, h('summary', {}, '保存为订阅（有新结果时提醒）'));
  panel.addEventListener('toggle', async () => {
    if (!panel.open || panel.dataset.loaded) return;
    panel.dataset.loaded = '1';
    const { saveSearchForm } = await import('../lib/save-search.ts');
    panel.append(...saveSearchForm(q, filters));
  });
  return panel;
}

function skipToHits(e: Event): void {
  e.preventDefault();
  const first = document.querySelector<HTMLAnchorElement>('#hits li.hit h2 a');
  first?.focus();
}

/** ?page=999 past the last page: say so and offer the real pages instead of an empty list. */
function beyondLast(s: SearchState, pages: number): HTMLElement {
  return h(
    'div',
    { class: 'beyond', role: 'alert' },
    h('p', {}, `没有第 ${s.page} 页：结果共 ${pages} 页。`),
    h('p', {}, link(href({ ...s, page: pages }), `转到最后一页（第 ${pages} 页）`), ' · ', link(href({ ...s, page: 1 }), '回到第 1 页')),
  );
}

/** A bounded count is a lower bound: "10,000+". */
function countText(total: number, approximate: boolean): string {
  return approximate ? `${total.toLocaleString('en-US')}+` : String(total);
}

function examples(): HTMLElement {
  const qs = ['医联体', '托管', '京津冀 协同', '"远程会诊"', '對口幫扶'];
  return h('p', {}, '试试：', qs.map((q, i) => [i ? '、' : '', link(`/?q=${encodeURIComponent(q)}`, q)]), '；或浏览', link('/?from=2020&sort=date', '2020 年以来的全部报道'), '。');
}

/** Every hit of the search (up to EXPORT_MAX), page by page, for a file. */
async function allHits(s: SearchState, onProgress: (n: number) => void): Promise<ExportHit[]> {
  const out: ExportHit[] = [];
  let after: string | null = null;
  while (out.length < EXPORT_MAX) {
    type Page = { search: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: ExportHit }> } };
    const page: Page = await gql<Page>(EXPORT, { query: s.q, first: 100, after, filters: filtersOf(s), sort: sortOf(s) });
    out.push(...page.search.edges.map((e) => e.node));
    onProgress(out.length);
    if (!page.search.pageInfo.hasNextPage || !page.search.pageInfo.endCursor) break;
    after = page.search.pageInfo.endCursor;
  }
  return out.slice(0, EXPORT_MAX);
}

function exportButtons(s: SearchState, total: number): HTMLElement | null {
  if (!total) return null;
  const note = h('small', { class: 'export-status', role: 'status' });
  const name = `检索结果-${(s.q || '按条件浏览').replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40)}`;
  const run = (format: 'csv' | 'ris') => async () => {
    try {
      // Loaded on first use: most searches are never exported.
      const [{ download, searchCsv, searchRis }, hits] = await Promise.all([import('../lib/export.ts'), allHits(s, (n) => (note.textContent = `正在导出… ${n} 篇`))]);
      if (format === 'csv') download(searchCsv(hits, location.origin), `${name}.csv`, 'text/csv;charset=utf-8');
      else download(searchRis(hits, location.origin), `${name}.ris`, 'application/x-research-info-systems;charset=utf-8');
      note.textContent = `已导出 ${hits.length} 篇${total > EXPORT_MAX ? `（最多导出前 ${EXPORT_MAX} 篇）` : ''}。`;
    } catch (e) {
      note.textContent = errorText(e);
    }
  };
  return h(
    'div',
    { class: 'export' },
    h('button', { type: 'button', class: 'secondary', onclick: run('csv') }, '导出 CSV'),
    h('button', { type: 'button', class: 'secondary', onclick: run('ris') }, '导出 RIS（文献管理）'),
    note,
  );
}

function facetPanel(s: SearchState, facets: Facet[]): HTMLElement {
  const chosen = (field: string): string[] => (FACET_PARAM[field] ? (s[FACET_PARAM[field] as keyof SearchState] as string[]) : []);
  const groups = facets
    .filter((f) => f.values.length && f.field !== 'year') // years are the histogram above the results
    .map((f) =>
      facetGroup(f, {
        label: (field, key) => (field === 'kinds' ? kindLabel(key) : key),
        on: (field, key) => chosen(field).includes(key),
        toggle: (field, key) => {
          const c = chosen(field);
          return href({ ...s, [FACET_PARAM[field]]: c.includes(key) ? c.filter((x) => x !== key) : [...c, key], page: 1 });
        },
      }),
    );
  const active = filterCount(s);
  const clearAll = active ? link(href({ ...s, source: [], place: [], inst: [], kind: [], from: '', to: '', page: 1 }), '清除全部筛选') : null;
  // Open beside the results on wide screens; folded above them on phones, where it would push results down.
  const panel = h('details', { class: 'facet-panel', open: matchMedia('(min-width: 60rem)').matches || null }, h('summary', {}, active ? `筛选（已选 ${active} 项）` : '筛选与分面统计'), clearAll, groups);
  return h('aside', { class: 'facets', 'aria-label': '筛选' }, panel);
}

/** The words a hit matched, as marked in its title and passages: the article page highlights them. */
export function matchedTerms(hit: Pick<Hit, 'titleHighlighted' | 'passages'>): string[] {
  const terms = new Set<string>();
  for (const html of [hit.titleHighlighted, ...hit.passages]) for (const m of html.matchAll(/<mark>([\s\S]*?)<\/mark>/g)) if (m[1].trim()) terms.add(m[1].replace(/&(amp|lt|gt|quot|#39);/g, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" })[e]!));
  return [...terms].slice(0, 10);
}

function articleHref(hit: Hit): string {
  const p = new URLSearchParams();
  for (const t of matchedTerms(hit)) p.append('hl', t);
  const qs = p.toString();
  return pageHref('article', hit.articleId) + (qs ? `?${qs}` : '');
}

function hitList(hits: Hit[], s: SearchState): HTMLElement {
  const start = (s.page - 1) * PAGE_SIZE + 1;
  return h(
    'ol',
    { class: 'hits', start, id: 'hits', tabindex: -1 },
    hits.map((hit) => {
      const institutions = (hit.article?.entities ?? []).filter((e) => e.type === 'HOSPITAL' || e.type === 'ORGANIZATION').slice(0, 6);
      return h(
        'li',
        { class: 'hit' },
        h('h2', {}, link(articleHref(hit), marked(hit.titleHighlighted))),
        h('p', { class: 'meta' }, formatDate(hit.published), ' · ', hit.source ?? '来源不详'),
        hit.passages.map((p) => h('p', { class: 'passage' }, marked(p))),
        institutions.length
          ? h('p', { class: 'hit-entities' }, h('span', { class: 'chip-label' }, '涉及：'), institutions.map((e) => link(pageHref('entity', e.entityId), h('span', { class: 'visually-hidden' }, `${typeLabel(e.type)} `), e.name)))
          : null,
        hit.copies.length
          ? h(
              'details',
              { class: 'copies' },
              h('summary', {}, `另有 ${hit.copies.length} 处转载`),
              h('ul', {}, hit.copies.map((c) => h('li', {}, copyLabel(c)))),
            )
          : null,
      );
    }),
  );
}

/**
 * A reprint under its own publisher (the site it appeared on), not the source it credits, which is usually the
 * original's: "hebei.hebnews.cn 2015年6月16日（注明来源：保定市卫计委）".
 */
function copyLabel(c: CopyRef): Array<Node | string> {
  const site = publisher(c.url);
  return [link(pageHref('article', c.articleId), site ?? c.source ?? '来源不详'), ` ${formatDate(c.published)}`, site && c.source ? h('small', {}, `（转载，注明来源：${c.source}）`) : ''];
}

function pager(s: SearchState, total: number): HTMLElement | null {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return null;
  const page = Math.min(s.page, pages);
  const near = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const to = (p: number, text: string, rel?: string) => h('a', { href: href({ ...s, page: p }), 'data-link': true, rel: rel ?? null, 'aria-current': p === s.page && !rel ? 'page' : null }, text);
  return h(
    'nav',
    { class: 'pager', 'aria-label': '分页' },
    page > 1 ? to(page - 1, '« 上一页', 'prev') : null,
    near.map((p, i) => [i && p - near[i - 1] > 1 ? h('span', { class: 'gap' }, '…') : null, to(p, String(p))]),
    page < pages ? to(page + 1, '下一页 »', 'next') : null,
    h('span', { class: 'page-of' }, s.page > pages ? `共 ${pages} 页` : `第 ${s.page} / ${pages} 页`),
  );
}
