// Search page: query, filters (dates, source, place, institution, kind, sort), facets with counts that
// toggle filters, highlighted passages, reprints collapsed with their copies listed, numbered pages.
// Everything lives in the URL (?q=…&place=…&page=2), so a search can be shared.
import { clear, field, h, link, marked, pageHref, status } from '../lib/dom.ts';
import { FACET_LABELS, formatDate, kindLabel } from '../lib/format.ts';
import { errorText, gql, offsetCursor } from '../lib/graphql.ts';
import { focusHeading, navigate, withParams, type Route } from '../lib/router.ts';

export const PAGE_SIZE = 10;
/** URL parameter of each facet that is also a filter. */
const FACET_PARAM: Record<string, string> = { source: 'source', places: 'place', institutions: 'inst', kinds: 'kind' };

const QUERY = /* GraphQL */ `
  query SearchPage($query: String!, $first: Int!, $after: String, $filters: SearchFilters, $sort: SearchSort) {
    search(query: $query, first: $first, after: $after, filters: $filters, sort: $sort) {
      totalCount
      totalIsApproximate
      facets { field values { key count } }
      edges { node { articleId titleHighlighted published source passages copies { articleId title source published } } }
    }
  }`;

interface Hit {
  articleId: string;
  titleHighlighted: string;
  published: string | null;
  source: string | null;
  passages: string[];
  copies: Array<{ articleId: string; title: string; source: string | null; published: string | null }>;
}
interface Facet { field: string; values: Array<{ key: string; count: number }> }
interface SearchData { search: { totalCount: number; totalIsApproximate: boolean; facets: Facet[]; edges: Array<{ node: Hit }> } }

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
  const sort = h('select', { name: 'sort' }, h('option', { value: 'relevance', selected: s.sort === 'relevance' }, '按相关度'), h('option', { value: 'date', selected: s.sort === 'date' }, '按时间（新→旧）'));
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

export async function renderSearch(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const s = readState(route.params);
  document.title = s.q ? `${s.q} · 检索 · 合作知识图谱` : '检索 · 合作知识图谱';
  const results = h('div', { class: 'search-results' });
  clear(root);
  root.append(h('h1', { class: s.q ? 'visually-hidden' : null }, '检索合作新闻'), searchForm(s), results);
  if (!s.q) {
    results.append(h('p', { class: 'lead' }, '检索京津冀、京蒙等地医院与机构之间的合作报道：托管、共建、医联体、对口帮扶、远程会诊……'), examples());
    (root.querySelector('input[name=q]') as HTMLInputElement).focus();
    return;
  }
  results.append(status('检索中…'));
  let data: SearchData['search'];
  try {
    const filters = {
      source: s.source.length ? s.source : null,
      places: s.place.length ? s.place : null,
      institutions: s.inst.length ? s.inst : null,
      kinds: s.kind.length ? s.kind.map((k) => k.toUpperCase().replace(/-/g, '_')) : null,
      from: s.from || null,
      to: s.to || null,
    };
    const after = s.page > 1 ? offsetCursor((s.page - 1) * PAGE_SIZE - 1) : null;
    data = (await gql<SearchData>(QUERY, { query: s.q, first: PAGE_SIZE, after, filters, sort: s.sort === 'date' ? 'DATE' : 'RELEVANCE' }, signal)).search;
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    clear(results);
    results.append(status(errorText(e), 'error'));
    return;
  }
  clear(results);
  const filtered = s.source.length + s.place.length + s.inst.length + s.kind.length + (s.from ? 1 : 0) + (s.to ? 1 : 0);
  results.append(
    status(`找到 ${countText(data.totalCount, data.totalIsApproximate)} 篇文章${filtered ? `（已筛选 ${filtered} 项）` : ''}，转载已合并。`),
    h('div', { class: 'search-layout' }, facetPanel(s, data.facets), h('div', { class: 'hits-column' }, hitList(data.edges.map((e) => e.node), s), pager(s, data.totalCount))),
  );
  focusHeading(root);
}

/** A bounded count is a lower bound: "10,000+". */
function countText(total: number, approximate: boolean): string {
  return approximate ? `${total.toLocaleString('en-US')}+` : String(total);
}

function examples(): HTMLElement {
  const qs = ['医联体', '托管', '京津冀 协同', '"远程会诊"', '對口幫扶'];
  return h('p', {}, '试试：', qs.map((q, i) => [i ? '、' : '', link(`/?q=${encodeURIComponent(q)}`, q)]));
}

function facetPanel(s: SearchState, facets: Facet[]): HTMLElement {
  const groups = facets.filter((f) => f.values.length).map((f) => {
    const param = FACET_PARAM[f.field];
    const chosen = param ? (s[param as keyof SearchState] as string[]) : [];
    const label = (key: string) => (f.field === 'kinds' ? kindLabel(key) : f.field === 'year' ? `${key}年` : key);
    const toggle = (key: string): string => {
      if (f.field === 'year') return href({ ...s, from: s.from === key && s.to === key ? '' : key, to: s.from === key && s.to === key ? '' : key, page: 1 });
      const next = chosen.includes(key) ? chosen.filter((x) => x !== key) : [...chosen, key];
      return href({ ...s, [param]: next, page: 1 });
    };
    const on = (key: string) => (f.field === 'year' ? s.from === key && s.to === key : chosen.includes(key));
    return h(
      'section',
      { class: 'facet' },
      h('h2', {}, FACET_LABELS[f.field] ?? f.field),
      h('ul', {}, (f.field === 'year' ? [...f.values].sort((a, b) => b.key.localeCompare(a.key)) : f.values).slice(0, 12).map((v) => h('li', {}, h('a', { href: toggle(v.key), 'data-link': true, class: on(v.key) ? 'facet-on' : null, 'aria-pressed': on(v.key) ? 'true' : 'false' }, on(v.key) ? '✓ ' : '', label(v.key), ' ', h('span', { class: 'count' }, `(${v.count})`))))),
    );
  });
  const clearAll = s.source.length + s.place.length + s.inst.length + s.kind.length || s.from || s.to ? link(href({ ...s, source: [], place: [], inst: [], kind: [], from: '', to: '', page: 1 }), '清除全部筛选') : null;
  const active = s.source.length + s.place.length + s.inst.length + s.kind.length + (s.from || s.to ? 1 : 0);
  // Open beside the results on wide screens; folded above them on phones, where it would push results down.
  const panel = h('details', { class: 'facet-panel', open: matchMedia('(min-width: 60rem)').matches || null }, h('summary', {}, active ? `筛选（已选 ${active} 项）` : '筛选与分面统计'), clearAll, groups);
  return h('aside', { class: 'facets', 'aria-label': '筛选' }, panel);
}

function hitList(hits: Hit[], s: SearchState): HTMLElement {
  const start = (s.page - 1) * PAGE_SIZE + 1;
  return h(
    'ol',
    { class: 'hits', start },
    hits.map((hit) =>
      h(
        'li',
        { class: 'hit' },
        h('h2', {}, link(pageHref('article', hit.articleId), marked(hit.titleHighlighted))),
        h('p', { class: 'meta' }, formatDate(hit.published), ' · ', hit.source ?? '来源不详'),
        hit.passages.map((p) => h('p', { class: 'passage' }, marked(p))),
        hit.copies.length
          ? h(
              'details',
              { class: 'copies' },
              h('summary', {}, `另有 ${hit.copies.length} 处转载`),
              h('ul', {}, hit.copies.map((c) => h('li', {}, link(pageHref('article', c.articleId), c.source ?? '来源不详'), ` ${formatDate(c.published)}`))),
            )
          : null,
      ),
    ),
  );
}

function pager(s: SearchState, total: number): HTMLElement | null {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return null;
  const near = [...new Set([1, s.page - 2, s.page - 1, s.page, s.page + 1, s.page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const to = (p: number, text: string, rel?: string) => h('a', { href: href({ ...s, page: p }), 'data-link': true, rel: rel ?? null, 'aria-current': p === s.page && !rel ? 'page' : null }, text);
  return h(
    'nav',
    { class: 'pager', 'aria-label': '分页' },
    s.page > 1 ? to(s.page - 1, '« 上一页', 'prev') : null,
    near.map((p, i) => [i && p - near[i - 1] > 1 ? h('span', { class: 'gap' }, '…') : null, to(p, String(p))]),
    s.page < pages ? to(s.page + 1, '下一页 »', 'next') : null,
    h('span', { class: 'page-of' }, `第 ${s.page} / ${pages} 页`),
  );
}
