// Network page: collaborations between institutions, grouped into their regions (or drawn region to
// region), filtered by the two regions, the kind and the period (two year sliders). The URL keeps the filters.
import { clear, field, h, link, pageHref, status } from '../lib/dom.ts';
import { formatDate, KINDS, kindLabel } from '../lib/format.ts';
import { drawGraph, nodeList, type GraphEdge, type GraphNode } from '../lib/graph.ts';
import { entityPicker } from '../lib/entity-picker.ts';
import { failure } from '../lib/failure.ts';
import { gql } from '../lib/graphql.ts';
import { focusHeading, navigate, withParams, type Route } from '../lib/router.ts';
import { PROVINCES, provinceCode, provinceOf } from '../lib/regions.ts';
import { dataTable } from '../lib/table.ts';

interface NetNode { entityId: string; name: string; type: string; articleCount: number; neighbors: { nodes: Array<{ entityId: string; code: string | null }> } }
interface NetEdge { fromId: string; toId: string; kind: string | null; date: string | null; directed: boolean; evidence: string | null; article: { articleId: string; title: string } | null }

const QUERY = /* GraphQL */ `
  query NetworkPage($limit: Int!, $placeA: String, $placeB: String, $kinds: [CollaborationKind!], $from: String, $to: String) {
    network(placeA: $placeA, placeB: $placeB, kinds: $kinds, from: $from, to: $to, limit: $limit) {
      nodes { entityId name type articleCount neighbors(types: [LOCATED_IN], limit: 3) { nodes { entityId code } } }
      edges { fromId toId kind date directed evidence article { articleId title } }
    }
  }`;

export const FIRST_YEAR = 2010;
/** Most collaborations drawn at once: readable, and within the API's cost budget (each node also asks for its place). */
export const MAX_EDGES = 200;
const thisYear = () => new Date().getFullYear();

type View = 'institutions' | 'regions' | 'list';
interface Filters { a: string; b: string; kinds: string[]; from: number; to: number; view: View | 'auto' }

/** Institutions drawn one by one up to this many; beyond, regions become the nodes (institutions on click). */
export const REGION_VIEW_ABOVE = 150;
/** On a phone, beyond this many institutions a list reads better than any drawing. */
export const LIST_VIEW_ABOVE = 80;

/** The view for `requested` (auto: by the number of institutions and the screen width). */
export function chooseView(requested: View | 'auto', institutions: number, width: number): View {
  if (requested !== 'auto') return requested;
  if (width < 600 && institutions > LIST_VIEW_ABOVE) return 'list';
  return institutions > REGION_VIEW_ABOVE ? 'regions' : 'institutions';
}

function readFilters(p: URLSearchParams): Filters {
  const year = (v: string | null, d: number) => (v && /^\d{4}$/.test(v) ? Math.min(Math.max(Number(v), FIRST_YEAR), thisYear()) : d);
  const from = year(p.get('from'), FIRST_YEAR);
  return {
    a: p.get('a') ?? '',
    b: p.get('b') ?? '',
    kinds: p.getAll('kind').filter((k) => KINDS.includes(k)),
    from,
    to: Math.max(year(p.get('to'), thisYear()), from),
    view: (['institutions', 'regions', 'list'] as const).find((v) => v === p.get('view')) ?? 'auto',
  };
}

function regionSelect(name: string, value: string): HTMLSelectElement {
  return h('select', { name }, h('option', { value: '' }, '不限'), Object.entries(PROVINCES).map(([two, n]) => h('option', { value: two, selected: value === two }, n)));
}

function filterForm(f: Filters): HTMLFormElement {
  const from = h('input', { type: 'range', name: 'from', min: FIRST_YEAR, max: thisYear(), step: 1, value: f.from });
  const to = h('input', { type: 'range', name: 'to', min: FIRST_YEAR, max: thisYear(), step: 1, value: f.to });
  const period = h('output', { class: 'period', 'aria-live': 'polite' }, `${f.from}年 – ${f.to}年`);
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': '网络筛选' },
    field('一方地区', regionSelect('a', f.a)),
    field('另一方地区', regionSelect('b', f.b)),
    h('fieldset', { class: 'kinds' }, h('legend', {}, '合作方式'), KINDS.map((k) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'kind', value: k, checked: f.kinds.includes(k) }), kindLabel(k)))),
    h('fieldset', { class: 'period-field' }, h('legend', {}, '时期 ', period), field('起始年份', from), field('结束年份', to)),
    field('显示', h('select', { name: 'view' }, h('option', { value: '', selected: f.view === 'auto' }, '自动（按规模）'), h('option', { value: 'institutions', selected: f.view === 'institutions' }, '机构（按地区分组）'), h('option', { value: 'regions', selected: f.view === 'regions' }, '地区之间'), h('option', { value: 'list', selected: f.view === 'list' }, '列表（适合手机）'))),
    h('button', { type: 'submit' }, '应用筛选'),
  );
  // The sliders never cross: moving one past the other drags the other along.
  const sync = (moved: HTMLInputElement) => {
    if (Number(from.value) > Number(to.value)) (moved === from ? to : from).value = moved.value;
    period.textContent = `${from.value}年 – ${to.value}年`;
  };
  from.addEventListener('input', () => sync(from));
  to.addEventListener('input', () => sync(to));
  const apply = () => {
    const d = new FormData(form);
    navigate(withParams({ a: d.get('a') as string, b: d.get('b') as string, kind: d.getAll('kind') as string[], from: Number(d.get('from')) > FIRST_YEAR ? (d.get('from') as string) : null, to: Number(d.get('to')) < thisYear() ? (d.get('to') as string) : null, view: (d.get('view') as string) || null }), true);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  // Selects, boxes and sliders apply as they change; the button is there for keyboards and clarity.
  form.addEventListener('change', apply);
  return form;
}

export async function renderNetwork(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const f = readFilters(route.params);
  document.title = '合作网络 · 合作知识图谱';
  const results = h('div', { class: 'network-results' }, status('正在加载…'));
  const keepFocus = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? document.activeElement.getAttribute('name') : null;
  clear(root);
  const finder = entityPicker('查找实体', (e) => navigate(pageHref('entity', e.entityId)));
  root.append(h('h1', {}, '合作网络'), h('p', { class: 'lead' }, '各地机构之间的合作关系。可按地区、合作方式和时期筛选；拖动滑块选择年份范围。'), filterForm(f), h('div', { class: 'entity-finder' }, finder.el), results);
  if (keepFocus) (root.querySelector(`[name="${keepFocus}"]`) as HTMLElement | null)?.focus();
  else focusHeading(root);
  let data: { nodes: NetNode[]; edges: NetEdge[] };
  try {
    data = (
      await gql<{ network: typeof data }>(
        QUERY,
        {
          limit: MAX_EDGES,
          placeA: f.a ? provinceCode(f.a) : null,
          placeB: f.b ? provinceCode(f.b) : null,
          kinds: f.kinds.length ? f.kinds : null,
          from: f.from > FIRST_YEAR ? String(f.from) : null,
          to: f.to < thisYear() ? `${f.to}-12-31` : null,
        },
        signal,
      )
    ).network;
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    clear(results);
    results.append(failure(e));
    return;
  }
  clear(results);
  renderResults(results, f, data);
}

/**
 * Institutions grouped by region: each region's institutions on a small grid, the regions packed in rows
 * to fill a box of the given aspect ratio. (A force layout with region boxes scatters badly; this keeps
 * every region compact and the labels readable.)
 */
export function clusterPositions(groups: Map<string, string[]>, aspect: number): Map<string, { x: number; y: number }> {
  const DX = 130;
  const DY = 64;
  const GAP = 70;
  const boxes = [...groups.values()]
    .sort((a, b) => b.length - a.length)
    .map((ids) => {
      const cols = Math.ceil(Math.sqrt(ids.length * 1.5));
      return { ids, cols, w: cols * DX, h: Math.ceil(ids.length / cols) * DY };
    });
  const area = boxes.reduce((s, b) => s + (b.w + GAP) * (b.h + GAP), 0);
  const width = Math.max(Math.sqrt(area * aspect), ...boxes.map((b) => b.w));
  const pos = new Map<string, { x: number; y: number }>();
  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.w > width) {
      x = 0;
      y += rowH + GAP;
      rowH = 0;
    }
    b.ids.forEach((id, i) => pos.set(id, { x: x + (i % b.cols) * DX, y: y + Math.floor(i / b.cols) * DY }));
    x += b.w + GAP;
    rowH = Math.max(rowH, b.h);
  }
  return pos;
}

function renderResults(out: HTMLElement, filters: Filters, data: { nodes: NetNode[]; edges: NetEdge[] }): void {
  const view = chooseView(filters.view, data.nodes.length, innerWidth);
  const f = { ...filters, view };
  const regionOf = new Map<string, { id: string; name: string }>();
  for (const n of data.nodes) {
    // a region acting as a party lies in itself; an institution where it is located
    const p = (n.type === 'PLACE' ? provinceOf(n.entityId) : null) ?? n.neighbors.nodes.map((x) => provinceOf(x.code ?? x.entityId)).find(Boolean);
    if (p) regionOf.set(n.entityId, p);
  }
  const name = new Map(data.nodes.map((n) => [n.entityId, n.name]));
  let nodes: GraphNode[];
  let edges: GraphEdge[];
  if (f.view !== 'institutions') {
    const pairs = new Map<string, { source: string; target: string; count: number }>();
    const regions = new Map<string, GraphNode>();
    for (const e of data.edges) {
      const ra = regionOf.get(e.fromId) ?? { id: 'region:?', name: '地区不详' };
      const rb = regionOf.get(e.toId) ?? { id: 'region:?', name: '地区不详' };
      for (const r of [ra, rb]) regions.set(r.id, { id: r.id, label: r.name, type: 'PLACE', weight: (regions.get(r.id)?.weight ?? 0) + 1 });
      const [s, t] = [ra.id, rb.id].sort();
      const k = `${s}|${t}`;
      pairs.set(k, { source: s, target: t, count: (pairs.get(k)?.count ?? 0) + 1 });
    }
    nodes = [...regions.values()];
    edges = [...pairs.values()].map((p, i) => ({ id: `r${i}`, source: p.source, target: p.target, kind: null, directed: false, label: `${p.count} 项`, weight: p.count }));
  } else {
    const parents = new Map<string, GraphNode>();
    const members = new Map<string, string[]>();
    nodes = data.nodes.map((n) => {
      const r = regionOf.get(n.entityId) ?? { id: 'region:?', name: '地区不详' };
      parents.set(r.id, { id: r.id, label: r.name, type: 'REGION' });
      members.set(r.id, [...(members.get(r.id) ?? []), n.entityId]);
      return { id: n.entityId, label: n.name, type: n.type, weight: n.articleCount, parent: r.id };
    });
    const pos = clusterPositions(members, innerWidth > 700 ? 2.2 : 0.9);
    for (const n of nodes) n.position = pos.get(n.id);
    nodes.push(...parents.values());
    // No edge labels here: with dozens of lines they only clutter; the table below gives each kind.
    edges = data.edges.map((e, i) => ({ id: `e${i}`, source: e.fromId, target: e.toId, kind: e.kind, directed: e.directed, label: '', date: e.date, evidence: e.evidence, article: e.article }));
  }
  const institutions = data.nodes.length;
  const capped = data.edges.length >= MAX_EDGES ? `（只显示前 ${MAX_EDGES} 项，请缩小范围）` : '';
  const auto = filters.view === 'auto' && view !== 'institutions' ? `机构较多，${view === 'list' ? '以列表' : '按地区'}显示；点击地区查看其机构。` : '';
  out.append(status(`${institutions} 家机构，${data.edges.length} 项合作${f.view !== 'institutions' ? `，${nodes.length} 个地区` : ''}。${capped}${auto}`));
  if (!data.edges.length) {
    out.append(h('p', {}, '没有符合条件的合作。请放宽地区、方式或时期。'));
    return;
  }
  if (f.view === 'list') {
    out.append(regionList(data, regionOf, name, f));
    return;
  }
  const canvas = h('div', { class: 'graph graph-large', role: 'img', 'aria-label': `合作网络图：${nodes.length} 个节点，${edges.length} 条连线。机构列表见下方。` });
  out.append(canvas, nodeList(data.nodes.map((n) => ({ id: n.entityId, label: n.name, type: n.type })), '网络中的机构'));
  out.append(
    h('h2', {}, '合作明细'),
    dataTable(
      [
        { label: '一方', cell: (e: NetEdge) => link(pageHref('entity', e.fromId), name.get(e.fromId) ?? e.fromId) },
        { label: '另一方', cell: (e: NetEdge) => link(pageHref('entity', e.toId), name.get(e.toId) ?? e.toId) },
        { label: '方式', cell: (e: NetEdge) => kindLabel(e.kind) },
        { label: '日期', cell: (e: NetEdge) => formatDate(e.date) },
        { label: '出处', cell: (e: NetEdge) => (e.article ? link(pageHref('article', e.article.articleId), e.article.title) : '—') },
      ],
      data.edges,
      '合作明细（每行一项合作及其出处）',
    ),
  );
  requestAnimationFrame(() => {
    void drawGraph(canvas, nodes, edges, (id) => {
      // A region (in the region view) narrows the network to collaborations touching it.
      if (!id.startsWith('region:')) navigate(pageHref('entity', id));
      else if (/^region:\d{2}$/.test(id)) navigate(withParams({ a: id.slice(7), b: f.b, kind: f.kinds, from: f.from > FIRST_YEAR ? f.from : null, to: f.to < thisYear() ? f.to : null }));
    }, { expand: f.view === 'regions' ? undefined : (id) => import('../lib/neighbours.ts').then((m) => m.neighbours(id)), filename: '合作网络' }).catch((e: unknown) => canvas.replaceWith(status(`网络图无法显示（${(e as Error).message}）`, 'error')));
  });
}

/**
 * The phone view: region pairs by number of collaborations, each opening to its collaborations (with their
 * articles) and a link that draws just those two regions' institutions.
 */
function regionList(data: { edges: NetEdge[] }, regionOf: Map<string, { id: string; name: string }>, name: Map<string, string>, f: Filters): HTMLElement {
  const unknown = { id: 'region:?', name: '地区不详' };
  const pairs = new Map<string, { a: { id: string; name: string }; b: { id: string; name: string }; edges: NetEdge[] }>();
  for (const e of data.edges) {
    const [a, b] = [regionOf.get(e.fromId) ?? unknown, regionOf.get(e.toId) ?? unknown].sort((x, y) => x.id.localeCompare(y.id));
    const k = `${a.id}|${b.id}`;
    const p = pairs.get(k) ?? { a, b, edges: [] };
    p.edges.push(e);
    pairs.set(k, p);
  }
  const two = (id: string) => (/^region:\d{2}$/.test(id) ? id.slice(7) : '');
  return h(
    'ol',
    { class: 'region-pairs' },
    [...pairs.values()]
      .sort((x, y) => y.edges.length - x.edges.length)
      .map((p) =>
        h(
          'li',
          {},
          h(
            'details',
            {},
            h('summary', {}, p.a.id === p.b.id ? `${p.a.name}内部` : `${p.a.name} — ${p.b.name}`, h('span', { class: 'count' }, ` ${p.edges.length} 项合作`)),
            two(p.a.id) && two(p.b.id) ? h('p', {}, link(withParams({ a: two(p.a.id), b: two(p.b.id), kind: f.kinds, from: f.from > FIRST_YEAR ? f.from : null, to: f.to < thisYear() ? f.to : null, view: 'institutions' }), '在图中查看这两地的机构')) : null,
            h('ul', {}, p.edges.map((e) => h('li', {}, link(pageHref('entity', e.fromId), name.get(e.fromId) ?? e.fromId), ' — ', link(pageHref('entity', e.toId), name.get(e.toId) ?? e.toId), ` · ${kindLabel(e.kind)} · ${formatDate(e.date)}`, e.article ? [' · ', link(pageHref('article', e.article.articleId), '出处')] : null))),
          ),
        ),
      ),
  );
}
