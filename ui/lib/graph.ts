// Network drawing with cytoscape.js, loaded on demand (its own chunk) so the first page stays light.
// Every drawing comes with a plain list of its nodes as links: the graph is for the eye, the list for
// keyboards and screen readers.
import type { Core, ElementDefinition } from 'cytoscape';
import { h, link, pageHref } from './dom.ts';
import { kindLabel, typeLabel } from './format.ts';

export interface GraphNode {
  id: string;
  label: string;
  type: string;
  /** Compound parent (a region box around its institutions). */
  parent?: string;
  /** Bigger nodes for entities in more articles. */
  weight?: number;
  focus?: boolean;
  /** Hops from the focus node; when given, nodes are drawn in rings around it (ego networks). */
  ring?: number;
  /** Fixed position; when every node has one the drawing uses them instead of a force layout. */
  position?: { x: number; y: number };
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: string | null;
  directed: boolean;
  label?: string;
  /** Line thickness grows with this (e.g. collaborations between two regions). */
  weight?: number;
  /** What a click on the line shows: when, the sentence it was read from, and the article. */
  date?: string | null;
  evidence?: string | null;
  article?: { articleId: string; title: string } | null;
}

/**
 * Labels short enough to tell apart: a long prefix several names share (首都医科大学附属, 中国医学科学院) becomes
 * "…", so 首都医科大学附属北京朝阳医院 and 首都医科大学附属北京天坛医院 read …北京朝阳医院 and …北京天坛医院.
 * The full name stays in the hover card, the details panel and the list.
 */
export function shortLabels(labels: string[], minPrefix = 6, minShared = 2): Map<string, string> {
  const counts = new Map<string, number>();
  for (const l of new Set(labels)) for (let k = minPrefix; k <= l.length - 3; k++) counts.set(l.slice(0, k), (counts.get(l.slice(0, k)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const l of labels) {
    let cut = 0;
    for (let k = minPrefix; k <= l.length - 3; k++) if ((counts.get(l.slice(0, k)) ?? 0) >= minShared) cut = k;
    out.set(l, cut ? `…${l.slice(cut)}` : l);
  }
  return out;
}

export interface DrawOptions {
  /** Neighbours of an entity to add to the drawing (expand on click); absent: no expand button. */
  expand?: (id: string) => Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }>;
  /** Base name of exported files. */
  filename?: string;
}

const COLORS: Record<string, string> = { HOSPITAL: '#c0392b', ORGANIZATION: '#2c6fad', PLACE: '#6b7d2a', PROJECT: '#8e44ad', PERSON: '#b9770e', REGION: '#eef2e6' };

/**
 * One line per pair of nodes: several collaborations between the same two institutions (say 签约 and 托管
 * from one sentence) become one edge labelled with every kind, so the drawing stays readable.
 */
export function mergeParallel(edges: GraphEdge[]): GraphEdge[] {
  const byPair = new Map<string, GraphEdge & { labels: Set<string> }>();
  for (const e of edges) {
    const key = [e.source, e.target].sort().join('|');
    const label = e.label ?? kindLabel(e.kind);
    const seen = byPair.get(key);
    if (seen) {
      seen.labels.add(label);
      seen.directed &&= e.directed && e.source === seen.source;
    } else byPair.set(key, { ...e, labels: new Set([label]) });
  }
  return [...byPair.values()].map(({ labels, ...e }) => ({ ...e, label: [...labels].join('、') }));
}

/** Draws the graph into `container`; clicking (or tapping) a node calls onSelect with its id. */
export async function drawGraph(container: HTMLElement, nodes: GraphNode[], edges: GraphEdge[], onSelect: (id: string) => void, options: DrawOptions = {}): Promise<Core> {
  const [{ default: cytoscape }, tools] = await Promise.all([import('cytoscape'), import('./graph-tools.ts')]);
  const short = shortLabels(nodes.filter((n) => n.type !== 'REGION').map((n) => n.label));
  const elements: ElementDefinition[] = [
    ...nodes.map((n) => ({
      position: n.position,
      data: { id: n.id, label: short.get(n.label) ?? n.label, full: n.label, type: n.type, weight: n.weight ?? 0, parent: n.parent, ring: n.ring ?? 0, color: COLORS[n.type] ?? '#555', size: 18 + Math.min(n.weight ?? 1, 10) * 3 },
      classes: [n.type === 'REGION' ? 'region' : '', n.focus ? 'focus' : ''].join(' ').trim(),
    })),
    ...mergeParallel(edges).map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: e.label ?? kindLabel(e.kind), ev: e.evidence ? 1 : 0, w: 1.5 + Math.min(e.weight ?? 0, 20) * 0.6 }, classes: e.directed ? 'directed' : '' })),
  ];
  const cy = cytoscape({
    container,
    elements,
    // The wheel scrolls the page; zoom is ctrl/⌘ + wheel, pinch, or the toolbar buttons (graph-tools.ts).
    userZoomingEnabled: false,
    minZoom: 0.05,
    maxZoom: 4,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'background-color': 'data(color)', width: 'data(size)', height: 'data(size)', 'font-size': 12, 'text-wrap': 'ellipsis', 'text-max-width': '150px', 'text-valign': 'bottom', 'text-margin-y': 3, color: '#222' } },
      { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#f1c40f' } },
      { selector: ':parent', style: { 'background-color': COLORS.REGION, 'background-opacity': 0.6, 'border-color': '#9aa67a', 'border-width': 1, 'text-valign': 'top', 'font-size': 13, 'font-weight': 'bold', shape: 'round-rectangle' } },
      { selector: 'edge', style: { width: 'data(w)', 'line-color': '#999', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, color: '#555', 'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
      { selector: 'edge.directed', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#999' } },
      // Find, filter and select (graph-tools.ts).
      { selector: 'node.minor', style: { label: '' } },
      { selector: '.faded', style: { opacity: 0.15 } },
      { selector: 'node.match', style: { 'border-width': 4, 'border-color': '#e67e22', label: 'data(label)', 'z-index': 10 } },
      { selector: 'node:selected', style: { 'border-width': 5, 'border-color': '#1f5fbf', label: 'data(label)' } },
      { selector: 'edge:selected', style: { 'line-color': '#1f5fbf', 'target-arrow-color': '#1f5fbf', width: 5 } },
      { selector: '.hidden', style: { display: 'none' } },
    ],
    // cose spreads small graphs well once nodes repel enough for their labels; big ones fall back to a grid.
    layout: (nodes.every((n) => n.position || n.type === 'REGION')
      ? { name: 'preset', padding: 30 }
      : nodes.every((n) => n.ring !== undefined)
      ? { name: 'concentric', padding: 30, avoidOverlap: true, minNodeSpacing: 50, concentric: (n: cytoscape.NodeSingular) => 10 - Number(n.data('ring')), levelWidth: () => 1 }
      : nodes.length > 80
      ? { name: 'grid', padding: 20, avoidOverlap: true }
      : { name: 'cose', animate: false, padding: 30, nodeRepulsion: () => 6000, idealEdgeLength: () => 90, nodeOverlap: 20, componentSpacing: 60, gravity: 60, nestingFactor: 1.2 }) as cytoscape.LayoutOptions,
  });
  cy.fit(undefined, 30);
  // A handful of nodes would be blown up to fill the box; keep them at a natural size, centred.
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }
  // What was drawn, readable from the page (the canvas itself is pixels): used by the end-to-end test.
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  tools.attachTools(cy, container, { nodes, edges, onSelect, ...options });
  return cy;
}

/** The nodes of a drawing as a list of links to their entity pages, grouped by nothing, sorted by name. */
export function nodeList(nodes: GraphNode[], heading: string): HTMLElement {
  const sorted = nodes.filter((n) => n.type !== 'REGION').sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  return h(
    'details',
    { class: 'node-list', open: true },
    h('summary', {}, `${heading}（${sorted.length}）`),
    h('ul', {}, sorted.map((n) => h('li', {}, link(pageHref('entity', n.id), n.label), ' ', h('small', {}, typeLabel(n.type))))),
  );
}
