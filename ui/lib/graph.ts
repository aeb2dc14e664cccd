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
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: string | null;
  directed: boolean;
  label?: string;
}

const COLORS: Record<string, string> = { HOSPITAL: '#c0392b', ORGANIZATION: '#2c6fad', PLACE: '#6b7d2a', PROJECT: '#8e44ad', PERSON: '#b9770e', REGION: '#eef2e6' };

/** Draws the graph into `container`; clicking (or tapping) a node calls onSelect with its id. */
export async function drawGraph(container: HTMLElement, nodes: GraphNode[], edges: GraphEdge[], onSelect: (id: string) => void): Promise<Core> {
  const { default: cytoscape } = await import('cytoscape');
  const elements: ElementDefinition[] = [
    ...nodes.map((n) => ({
      data: { id: n.id, label: n.label, parent: n.parent, color: COLORS[n.type] ?? '#555', size: 18 + Math.min(n.weight ?? 1, 10) * 3 },
      classes: [n.type === 'REGION' ? 'region' : '', n.focus ? 'focus' : ''].join(' ').trim(),
    })),
    ...edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: e.label ?? kindLabel(e.kind) }, classes: e.directed ? 'directed' : '' })),
  ];
  const cy = cytoscape({
    container,
    elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'background-color': 'data(color)', width: 'data(size)', height: 'data(size)', 'font-size': 11, 'text-wrap': 'ellipsis', 'text-max-width': '120px', 'text-valign': 'bottom', 'text-margin-y': 3, color: '#222' } },
      { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#f1c40f' } },
      { selector: ':parent', style: { 'background-color': COLORS.REGION, 'background-opacity': 0.6, 'border-color': '#9aa67a', 'border-width': 1, 'text-valign': 'top', 'font-size': 13, 'font-weight': 'bold', shape: 'round-rectangle' } },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#999', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, color: '#555', 'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
      { selector: 'edge.directed', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#999' } },
    ],
    layout: { name: nodes.length > 60 ? 'grid' : 'cose', animate: false, padding: 20 } as cytoscape.LayoutOptions,
  });
  // What was drawn, readable from the page (the canvas itself is pixels): used by the end-to-end test.
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  cy.on('tap', 'node', (evt) => {
    if (!evt.target.isParent()) onSelect(evt.target.id());
  });
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
