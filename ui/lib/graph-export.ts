// Files a researcher takes away from a network drawing: GraphML (Gephi, yEd, Cytoscape desktop) and a CSV of the
// collaborations with their evidence. Pure functions; the PNG comes from cytoscape itself (graph-tools.ts).
import { csvField } from '../../search/csv.ts';
import { kindLabel, typeLabel } from './format.ts';
import type { GraphEdge, GraphNode } from './graph.ts';

const xml = (s: string) => s.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const data = (key: string, v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '' : `<data key="${key}">${xml(String(v))}</data>`);

/** GraphML of the drawn entities (region boxes left out) and every relationship, with kind, date and evidence. */
export function toGraphML(nodes: GraphNode[], edges: GraphEdge[]): string {
  const real = nodes.filter((n) => n.type !== 'REGION');
  const ids = new Set(real.map((n) => n.id));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="articles" for="node" attr.name="articles" attr.type="int"/>',
    '  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>',
    '  <key id="date" for="edge" attr.name="date" attr.type="string"/>',
    '  <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>',
    '  <key id="article" for="edge" attr.name="article" attr.type="string"/>',
    '  <graph id="collaborations" edgedefault="undirected">',
    ...real.map((n) => `    <node id="${xml(n.id)}">${data('label', n.label)}${data('type', typeLabel(n.type))}${data('articles', n.weight)}</node>`),
    ...edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e, i) => `    <edge id="e${i}" source="${xml(e.source)}" target="${xml(e.target)}" directed="${e.directed}">${data('kind', e.label || kindLabel(e.kind))}${data('date', e.date)}${data('evidence', e.evidence)}${data('article', e.article?.title)}</edge>`),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}

/** One row per relationship: the network table as a spreadsheet. */
export function networkCsv(nodes: GraphNode[], edges: GraphEdge[]): string {
  const name = new Map(nodes.map((n) => [n.id, n.label]));
  const rows = [['一方', '另一方', '方式', '日期', '原句', '出处'].join(',')];
  for (const e of edges) {
    rows.push([name.get(e.source) ?? e.source, name.get(e.target) ?? e.target, e.label || kindLabel(e.kind), e.date ?? null, e.evidence ?? null, e.article?.title ?? null].map((v) => csvField(v)).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
