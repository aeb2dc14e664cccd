// What a researcher does with a drawn network (loaded with cytoscape, only on graph pages): find and highlight
// nodes, choose the layout, filter by kind and year, zoom (buttons or ctrl + wheel: the plain wheel scrolls the
// page), read hover cards, click a node for its details and to expand its neighbours, click a line for the
// sentences behind it, and export PNG, GraphML or CSV. Labels keep a legible size on screen at any zoom.
import type { Core, EdgeSingular, EventObject, NodeCollection, NodeSingular } from 'cytoscape';
import { clear, h, link, pageHref, status } from './dom.ts';
import { download } from './export.ts';
import { formatDate, kindLabel, typeLabel } from './format.ts';
import type { DrawOptions, GraphEdge, GraphNode } from './graph.ts';
import { networkCsv, toGraphML } from './graph-export.ts';
import { mergeParallel, shortLabels } from './graph.ts';

/** Screen area (px²) per drawn label: beyond that many, only the most-reported nodes keep theirs (the rest show on hover, find and select). */
const AREA_PER_LABEL = 12_000;
/** Screen size of labels, whatever the zoom. */
const LABEL_PX = 12;

const LAYOUTS: Record<string, { label: string; options: Record<string, unknown> }> = {
  cose: { label: '力导向', options: { name: 'cose', animate: false, nodeRepulsion: () => 8000, idealEdgeLength: () => 100, componentSpacing: 60 } },
  concentric: { label: '同心圆（按关联数）', options: { name: 'concentric', avoidOverlap: true, minNodeSpacing: 40, concentric: (n: NodeSingular) => n.degree(false), levelWidth: () => 2 } },
  circle: { label: '环形', options: { name: 'circle', avoidOverlap: true } },
  grid: { label: '网格', options: { name: 'grid', avoidOverlap: true } },
  breadthfirst: { label: '层次', options: { name: 'breadthfirst', directed: false, spacingFactor: 1.1 } },
};

interface Context extends DrawOptions {
  nodes: GraphNode[];
  edges: GraphEdge[];
  onSelect: (id: string) => void;
}

export function attachTools(cy: Core, container: HTMLElement, ctx: Context): void {
  const edges = [...ctx.edges];
  const nodes = [...ctx.nodes];
  const details = h('div', { class: 'graph-details', 'aria-live': 'polite' });
  const tip = h('div', { class: 'graph-tip', hidden: true, role: 'tooltip' });
  // Around the container, never moving it: cytoscape stops drawing into a container taken out of the page.
  container.before(toolbar());
  container.after(details);
  for (const old of document.querySelectorAll('.graph-tip')) old.remove(); // one drawing per page
  document.body.append(tip);
  // The drawing's state, readable from the page (the canvas itself is pixels): used by the end-to-end tests.
  Object.defineProperty(container, 'cy', { value: cy, configurable: true });
  keepLabelsLegible(cy);
  wheelZoom(cy, container);
  hoverCards(cy, container, tip);
  clicks();

  function toolbar(): HTMLElement {
    const find = h('input', { type: 'search', class: 'graph-find', 'aria-label': '在图中查找节点', placeholder: '在图中查找…' });
    const found = h('small', { role: 'status', class: 'graph-found' });
    find.addEventListener('input', () => {
      const q = find.value.trim();
      cy.elements().removeClass('match faded');
      if (!q) {
        found.textContent = '';
        return;
      }
      const hits = cy.nodes().filter((n) => !n.isParent() && String(n.data('full')).includes(q));
      found.textContent = hits.length ? `${hits.length} 个匹配` : '没有匹配的节点';
      container.dataset.matches = String(hits.length);
      if (hits.length) {
        cy.elements().not(hits).not(hits.connectedEdges()).not(hits.parents()).addClass('faded');
        hits.addClass('match');
      }
    });
    find.addEventListener('keydown', (e) => {
      const hits = cy.nodes('.match');
      if (e.key === 'Enter' && hits.length) {
        e.preventDefault();
        cy.fit(hits, 80);
        if (cy.zoom() > 1.5) cy.zoom(1.5);
      }
    });
    const layout = h('select', { 'aria-label': '布局' }, h('option', { value: '' }, '默认布局'), Object.entries(LAYOUTS).map(([k, v]) => h('option', { value: k }, v.label)));
    layout.addEventListener('change', () => {
      const l = LAYOUTS[layout.value];
      // Region boxes (compound nodes) only make sense in the default arrangement.
      if (l) cy.layout({ ...l.options, padding: 30, fit: true } as never).run();
    });
    const kinds = [...new Set(edges.map((e) => e.kind).filter((k): k is string => !!k))];
    const years = [...new Set(edges.map((e) => /^\d{4}/.exec(e.date ?? '')?.[0]).filter((y): y is string => !!y))].sort();
    const kind = kinds.length > 1 ? h('select', { 'aria-label': '按合作方式筛选' }, h('option', { value: '' }, '全部方式'), kinds.map((k) => h('option', { value: k }, kindLabel(k)))) : null;
    const since = years.length > 1 ? h('select', { 'aria-label': '按年份筛选图中关系' }, h('option', { value: '' }, '全部年份'), years.map((y) => h('option', { value: y }, `${y}年起`))) : null;
    const filter = () => applyFilter(kind?.value ?? '', since?.value ?? '');
    kind?.addEventListener('change', filter);
    since?.addEventListener('change', filter);
    const zoomBy = (f: number) => cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: container.clientWidth / 2, y: container.clientHeight / 2 } });
    const file = ctx.filename ?? '合作网络';
    return h(
      'div',
      { class: 'graph-toolbar', role: 'toolbar', 'aria-label': '网络图工具' },
      h('span', { class: 'tool-group' }, find, found),
      h('span', { class: 'tool-group' }, layout, kind, since),
      h('span', { class: 'tool-group' },
        h('button', { type: 'button', class: 'secondary', 'aria-label': '放大', onclick: () => zoomBy(1.4) }, '＋'),
        h('button', { type: 'button', class: 'secondary', 'aria-label': '缩小', onclick: () => zoomBy(1 / 1.4) }, '－'),
        h('button', { type: 'button', class: 'secondary', onclick: () => cy.fit(undefined, 30) }, '适应窗口'),
      ),
      h('span', { class: 'tool-group' },
        h('button', { type: 'button', class: 'secondary', onclick: () => downloadPng(cy, `${file}.png`) }, '导出 PNG'),
        h('button', { type: 'button', class: 'secondary', onclick: () => download(toGraphML(nodes, edges), `${file}.graphml`, 'application/graphml+xml;charset=utf-8') }, '导出 GraphML'),
        h('button', { type: 'button', class: 'secondary', onclick: () => download(networkCsv(nodes, edges), `${file}.csv`, 'text/csv;charset=utf-8') }, '导出 CSV'),
      ),
      h('small', { class: 'hint' }, '滚轮滚动页面；按住 Ctrl（⌘）滚动或用 ＋/－ 缩放。点击节点看详情，点击连线看原句。'),
    );
  }

  /** Hides lines outside the kind / years chosen, and the nodes left without any line (the focus stays). */
  function applyFilter(kind: string, since: string): void {
    cy.batch(() => {
      cy.elements().removeClass('hidden');
      cy.edges().forEach((e) => {
        const own = edges.filter((x) => samePair(x, e));
        const keep = own.some((x) => (!kind || x.kind === kind) && (!since || (x.date ?? '') >= since));
        if (!keep && own.length) e.addClass('hidden');
      });
      if (kind || since) cy.nodes().filter((n) => !n.isParent() && !n.hasClass('focus') && n.connectedEdges().not('.hidden').length === 0).addClass('hidden');
    });
    container.dataset.visibleEdges = String(cy.edges().not('.hidden').length);
  }

  function clicks(): void {
    cy.on('tap', 'node', (evt: EventObject) => {
      const n = evt.target as NodeSingular;
      if (n.isParent()) return;
      // Regions (the region view) drill down at once; an entity first shows its card.
      if (n.id().startsWith('region:')) ctx.onSelect(n.id());
      else showNode(n);
    });
    cy.on('tap', 'edge', (evt: EventObject) => showEdge(evt.target as EdgeSingular));
  }

  function showNode(n: NodeSingular): void {
    clear(details);
    const degree = n.connectedEdges().length;
    const open = h('button', { type: 'button', onclick: () => ctx.onSelect(n.id()) }, '打开实体页');
    const expand = ctx.expand
      ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
          expand!.disabled = true;
          try {
            const added = await grow(n.id());
            note.textContent = added ? `已展开：新增 ${added} 个节点。` : '没有更多相邻实体。';
          } catch (e) {
            note.textContent = `展开失败：${(e as Error).message}`;
          } finally {
            expand!.disabled = false;
          }
        } }, '展开相邻实体')
      : null;
    const note = h('small', { role: 'status' });
    details.append(
      h('h3', {}, n.data('full')),
      h('p', { class: 'meta' }, `${typeLabel(n.data('type'))}${n.data('weight') ? ` · ${n.data('weight')} 篇报道` : ''} · 图中 ${degree} 条关系`),
      h('p', { class: 'actions' }, open, ' ', expand, ' ', note),
    );
  }

  function showEdge(e: EdgeSingular): void {
    clear(details);
    const own = edges.filter((x) => samePair(x, e));
    const name = (id: string) => cy.getElementById(id).data('full') ?? id;
    details.append(
      h('h3', {}, `${name(e.source().id())} — ${name(e.target().id())}`),
      own.length
        ? h('ol', { class: 'evidence-list' }, own.map((x) => h('li', {},
            h('p', {}, h('span', { class: 'kind' }, x.label || kindLabel(x.kind)), ' ', formatDate(x.date)),
            x.evidence ? h('blockquote', {}, x.evidence) : null,
            x.article ? h('p', { class: 'source' }, '出处：', link(pageHref('article', x.article.articleId), x.article.title)) : null)))
        : status(e.data('label') || '（无原句）'),
    );
  }

  /** Adds an entity's neighbours to the drawing around it; returns how many nodes were new. */
  async function grow(id: string): Promise<number> {
    const more = await ctx.expand!(id);
    const fresh = more.nodes.filter((n) => cy.getElementById(n.id).empty());
    const key = (e: GraphEdge) => `${[e.source, e.target].sort().join('|')}|${e.kind}`;
    const known = new Set(edges.map(key));
    const freshEdges = more.edges.filter((e) => !known.has(key(e)));
    nodes.push(...fresh);
    edges.push(...freshEdges);
    const all = shortLabels(nodes.filter((n) => n.type !== 'REGION').map((n) => n.label));
    const at = cy.getElementById(id).position();
    cy.add([
      ...fresh.map((n, i) => ({ group: 'nodes' as const, position: { x: at.x + 120 * Math.cos((i / fresh.length) * 2 * Math.PI), y: at.y + 120 * Math.sin((i / fresh.length) * 2 * Math.PI) }, data: { id: n.id, label: all.get(n.label) ?? n.label, full: n.label, type: n.type, weight: n.weight ?? 0, color: cy.getElementById(id).data('color'), size: 18 + Math.min(n.weight ?? 1, 10) * 3 } })),
      ...mergeParallel(freshEdges)
        .filter((e) => cy.getElementById(e.source).nonempty() && cy.getElementById(e.target).nonempty())
        .map((e, i) => ({ group: 'edges' as const, data: { id: `x${Date.now()}-${i}`, source: e.source, target: e.target, label: e.label ?? kindLabel(e.kind), w: 1.5 } })),
    ]);
    container.dataset.nodes = String(cy.nodes().filter((n) => !n.isParent()).length);
    container.dataset.edges = String(cy.edges().length);
    keepLabelsLegible(cy);
    return fresh.length;
  }
}

/** Whether a drawn (merged) edge joins the same two nodes as a relationship, either way round. */
function samePair(x: GraphEdge, e: { data: (k: string) => string }): boolean {
  const [s, t] = [e.data('source'), e.data('target')];
  return (x.source === s && x.target === t) || (x.source === t && x.target === s);
}

/**
 * Labels at LABEL_PX on screen whatever the zoom (cytoscape scales text with the drawing, which made them
 * 3 px on a phone). With many nodes only the most-reported keep a label, and none that would overlap a
 * better-ranked one where the nodes now sit (a region's grid of 100 hospitals); zooming in shows more,
 * and find, hover and select show the others.
 */
function keepLabelsLegible(cy: Core): void {
  const entities = cy.nodes().filter((n) => !n.isParent());
  const ranked = entities.sort((a, b) => Number(b.data('weight')) - Number(a.data('weight')) || (b as NodeSingular).degree(false) - (a as NodeSingular).degree(false));
  const max = Math.max(8, Math.round((cy.width() * cy.height()) / AREA_PER_LABEL));
  const apply = () => {
    const z = cy.zoom();
    (cy.container() as HTMLElement).dataset.zoom = z.toFixed(3);
    cy.style().selector('node').style({ 'font-size': LABEL_PX / z, 'text-max-width': `${160 / z}px`, 'text-margin-y': 3 / z }).selector(':parent').style({ 'font-size': (LABEL_PX + 1) / z }).selector('edge').style({ 'font-size': (LABEL_PX - 1) / z }).update();
    declutter(ranked, max);
  };
  if (!cy.scratch('labelsOnZoom')) {
    cy.scratch('labelsOnZoom', true);
    cy.on('zoom', apply);
  }
  apply();
}

/** Hides the label of each node past the first `max` or whose label box on screen would overlap a kept one. */
function declutter(ranked: NodeCollection, max: number): void {
  const kept: Array<[number, number, number, number]> = [];
  ranked.forEach((n) => {
    const p = n.renderedPosition();
    // a Han character is about one font size wide; labels are cut at 160 px (text-max-width)
    const w = Math.min(String(n.data('label') ?? '').length * LABEL_PX, 160);
    const top = p.y + n.renderedHeight() / 2 + 3;
    const box: [number, number, number, number] = [p.x - w / 2, top, p.x + w / 2, top + LABEL_PX + 2];
    const clash = kept.length >= max || kept.some((k) => box[0] < k[2] && k[0] < box[2] && box[1] < k[3] && k[1] < box[3]);
    n.toggleClass('minor', clash);
    if (!clash) kept.push(box);
  });
}

/** ctrl/⌘ + wheel (and a trackpad pinch, which browsers send as ctrl + wheel) zooms at the pointer. */
function wheelZoom(cy: Core, container: HTMLElement): void {
  container.addEventListener(
    'wheel',
    (e) => {
      if (!e.ctrlKey && !e.metaKey) return; // the page scrolls
      e.preventDefault();
      const r = container.getBoundingClientRect();
      cy.zoom({ level: cy.zoom() * Math.exp(-e.deltaY / 300), renderedPosition: { x: e.clientX - r.left, y: e.clientY - r.top } });
    },
    // Capture: cytoscape's own wheel handler on its canvas would otherwise see the event first.
    { passive: false, capture: true },
  );
}

function hoverCards(cy: Core, container: HTMLElement, tip: HTMLElement): void {
  const show = (text: string, evt: EventObject) => {
    tip.textContent = text;
    tip.hidden = false;
    const p = evt.renderedPosition ?? { x: 0, y: 0 };
    const r = container.getBoundingClientRect();
    tip.style.left = `${Math.max(0, Math.min(r.left + p.x + 12, innerWidth - 220))}px`;
    tip.style.top = `${r.top + p.y + 16}px`;
  };
  cy.on('mouseover', 'node', (evt) => {
    const n = evt.target as NodeSingular;
    if (n.isParent()) return;
    show(`${n.data('full')} · ${typeLabel(n.data('type'))}${n.data('weight') ? ` · ${n.data('weight')} 篇报道` : ''} · ${n.connectedEdges().length} 条关系`, evt);
  });
  cy.on('mouseover', 'edge', (evt) => {
    const e = evt.target as EdgeSingular;
    show(`${e.source().data('full')} — ${e.target().data('full')}：${e.data('label') || '合作'}（点击看原句）`, evt);
  });
  cy.on('mouseout', 'node, edge', () => (tip.hidden = true));
  // The card lives in <body> (fixed): gone with the drawing when the page changes.
  cy.on('destroy', () => tip.remove());
  addEventListener('popstate', () => tip.remove(), { once: true });
  addEventListener('scroll', () => (tip.hidden = true), { passive: true });
}

function downloadPng(cy: Core, filename: string): void {
  const blob = cy.png({ full: true, bg: '#ffffff', scale: 2, output: 'blob' }) as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
