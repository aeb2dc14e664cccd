// Path finder: the shortest chain of relationships between two entities (the API's `path`), each step with its
// kind, date, sentence and article, drawn as a line of nodes. Both ends are chosen with type-ahead boxes;
// the URL keeps them (?from=…&to=…&depth=…).
import { append, clear, field, h, link, pageHref, status } from '../lib/dom.ts';
import { entityPicker } from '../lib/entity-picker.ts';
import { failure } from '../lib/failure.ts';
import { EDGE_LABELS, formatDate, kindLabel, typeLabel } from '../lib/format.ts';
import { drawGraph, type GraphEdge, type GraphNode } from '../lib/graph.ts';
import { gql } from '../lib/graphql.ts';
import { focusHeading, navigate, withParams, type Route } from '../lib/router.ts';

const QUERY = /* GraphQL */ `
  query PathPage($from: ID!, $to: ID!, $depth: Int!) {
    a: entity(id: $from) { entityId name }
    b: entity(id: $to) { entityId name }
    path(from: $from, to: $to, maxDepth: $depth) {
      length
      nodes { entityId name type }
      edges { type fromId toId kind date directed evidence article { articleId title published } }
    }
  }`;

interface PathData {
  a: { entityId: string; name: string } | null;
  b: { entityId: string; name: string } | null;
  path: {
    length: number;
    nodes: Array<{ entityId: string; name: string; type: string }>;
    edges: Array<{ type: string; fromId: string; toId: string; kind: string | null; date: string | null; directed: boolean; evidence: string | null; article: { articleId: string; title: string; published: string | null } | null }>;
  } | null;
}

export async function renderPath(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const from = route.params.get('from') ?? '';
  const to = route.params.get('to') ?? '';
  const depth = Math.min(Math.max(Number(route.params.get('depth')) || 4, 1), 6);
  document.title = '关系路径 · 合作知识图谱';
  clear(root);
  const out = h('div', { class: 'path-results' });
  const a = entityPicker('起点', () => {}, from ? { id: from, name: route.params.get('fromName') ?? from } : undefined);
  const b = entityPicker('终点', () => {}, to ? { id: to, name: route.params.get('toName') ?? to } : undefined);
  const depthSelect = h('select', { name: 'depth' }, [2, 3, 4, 5, 6].map((d) => h('option', { value: d, selected: d === depth }, `${d} 步以内`)));
  const form = h('form', { class: 'filters path-form', role: 'search', 'aria-label': '查找关系路径' }, a.el, b.el, field('最多', depthSelect), h('button', { type: 'submit' }, '查找路径'));
  const problem = h('div', { 'aria-live': 'polite' });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clear(problem);
    if (!a.value() || !b.value()) {
      problem.append(status('请在两个框中输入名称，并从候选列表中选择实体。', 'error'));
      (a.value() ? b : a).input.focus();
      return;
    }
    navigate(withParams({ from: a.value(), fromName: a.input.value, to: b.value(), toName: b.input.value, depth: depthSelect.value === '4' ? null : depthSelect.value }));
  });
  root.append(h('h1', {}, '关系路径'), h('p', { class: 'lead' }, '两家机构（或地区、项目）之间如何相连：最短的合作链条，每一步都附原句和出处。'), form, problem, out);
  if (!from || !to) {
    focusHeading(root);
    return;
  }
  out.append(status('正在查找…'));
  let data: PathData;
  try {
    data = await gql<PathData>(QUERY, { from, to, depth }, signal);
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    clear(out);
    out.append(failure(e));
    return;
  }
  clear(out);
  if (data.a) a.input.value = data.a.name;
  if (data.b) b.input.value = data.b.name;
  if (!data.a || !data.b) {
    out.append(status(`没有这个实体：${!data.a ? from : to}`, 'error'));
    focusHeading(root);
    return;
  }
  const p = data.path;
  if (!p) {
    out.append(status(`在 ${depth} 步以内，${data.a.name}与${data.b.name}之间没有找到关系。可以放宽步数再试。`));
    focusHeading(root);
    return;
  }
  const name = new Map(p.nodes.map((n) => [n.entityId, n.name]));
  append(out, [
    status(`${data.a.name}与${data.b.name}之间相隔 ${p.length} 步：`),
    h(
      'ol',
      { class: 'path-steps' },
      p.edges.map((e, i) =>
        h(
          'li',
          {},
          h('p', { class: 'evidence-head' }, link(pageHref('entity', p.nodes[i].entityId), p.nodes[i].name), ' → ', h('span', { class: 'kind' }, e.type === 'COLLABORATES' ? kindLabel(e.kind) : EDGE_LABELS[e.type] ?? e.type), ' → ', link(pageHref('entity', p.nodes[i + 1].entityId), p.nodes[i + 1].name), e.date ? ` · ${formatDate(e.date)}` : ''),
          e.evidence ? h('blockquote', {}, e.evidence) : null,
          e.article ? h('p', { class: 'source' }, '出处：', link(pageHref('article', e.article.articleId), e.article.title)) : null,
        ),
      ),
    ),
  ]);
  // Left to right on wide screens; top to bottom on a phone, where a row would shrink the labels.
  const narrow = innerWidth < 600;
  const nodes: GraphNode[] = p.nodes.map((n, i) => ({ id: n.entityId, label: n.name, type: n.type, focus: i === 0 || i === p.nodes.length - 1, position: narrow ? { x: (i % 2) * 140, y: i * 110 } : { x: i * 220, y: (i % 2) * 60 } }));
  const edges: GraphEdge[] = p.edges.map((e, i) => ({ id: `p${i}`, source: e.fromId, target: e.toId, kind: e.kind, directed: e.directed, label: e.type === 'COLLABORATES' ? kindLabel(e.kind) : EDGE_LABELS[e.type], date: e.date, evidence: e.evidence, article: e.article }));
  const canvas = h('div', { class: `graph graph-path${narrow ? ' graph-path-tall' : ''}`, role: 'img', 'aria-label': `路径图：${p.nodes.map((n) => `${n.name}（${typeLabel(n.type)}）`).join(' → ')}` });
  out.append(canvas);
  focusHeading(root);
  requestAnimationFrame(() => {
    void drawGraph(canvas, nodes, edges, (id) => navigate(pageHref('entity', id)), { filename: `路径-${name.get(from) ?? from}-${name.get(to) ?? to}` }).catch((e: unknown) => canvas.replaceWith(status(`路径图无法显示（${(e as Error).message}）`, 'error')));
  });
}
