// Entity page: name, aliases, type and place; collaborations with kind, date and evidence; an interactive
// neighbourhood graph (with its nodes also listed as links); the articles and figures that mention it.
import { append, clear, field, h, link, pageHref, status } from '../lib/dom.ts';
import { formatDate, kindLabel, LEVEL_LABELS, typeLabel, EDGE_LABELS } from '../lib/format.ts';
import { drawGraph, nodeList, type GraphEdge, type GraphNode } from '../lib/graph.ts';
import { failure } from '../lib/failure.ts';
import { gql } from '../lib/graphql.ts';
import { focusHeading, navigate, withParams, type Route } from '../lib/router.ts';
import { curationSection } from './entity-curation.ts';

interface NodeData { entityId: string; name: string; type: string; articleCount: number }
interface EdgeData {
  type: string;
  fromId: string;
  toId: string;
  kind: string | null;
  date: string | null;
  directed: boolean;
  evidence: string | null;
  article: { articleId: string; title: string } | null;
}
interface EntityData {
  entityId: string;
  type: string;
  name: string;
  aliases: string[];
  code: string | null;
  level: string | null;
  role: string | null;
  articleCount: number;
  articles: { totalCount: number; edges: Array<{ node: { articleId: string; title: string; published: string | null; source: string | null } }> };
  neighbors: { nodes: NodeData[]; edges: EdgeData[] };
  figures: Array<{ figureId: string; text: string; metric: string; evidence: string; time: string | null; article: { articleId: string; title: string } }>;
}

const QUERY = /* GraphQL */ `
  query EntityPage($id: ID!, $depth: Int!) {
    entity(id: $id) {
      entityId type name aliases code level role articleCount
      articles(first: 30) { totalCount edges { node { articleId title published source } } }
      neighbors(depth: $depth, limit: 100) {
        nodes { entityId name type articleCount }
        edges { type fromId toId kind date directed evidence article { articleId title } }
      }
      figures { figureId text metric evidence time article { articleId title } }
    }
  }`;

export async function renderEntity(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const id = route.id ?? '';
  const depth = route.params.get('depth') === '2' ? 2 : 1;
  clear(root);
  root.append(status('正在加载…'));
  let e: EntityData | null;
  try {
    e = (await gql<{ entity: EntityData | null }>(QUERY, { id, depth }, signal)).entity;
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    clear(root);
    root.append(h('h1', {}, '实体'), failure(err));
    return;
  }
  clear(root);
  if (!e) {
    document.title = '未找到 · 合作知识图谱';
    root.append(h('h1', {}, '未找到该实体'), h('p', {}, `没有编号为“${id}”的实体。`), link('/', '返回检索'));
    focusHeading(root);
    return;
  }
  document.title = `${e.name} · 合作知识图谱`;
  const byId = new Map(e.neighbors.nodes.map((n) => [n.entityId, n]));
  const name = (nid: string) => byId.get(nid)?.name ?? nid;
  const places = e.neighbors.edges.filter((x) => x.type === 'LOCATED_IN' && x.fromId === e!.entityId).map((x) => x.toId);
  const collabs = e.neighbors.edges.filter((x) => x.type === 'COLLABORATES' && (x.fromId === e!.entityId || x.toId === e!.entityId));

  append(root, [
    h('nav', { class: 'crumbs', 'aria-label': '位置' }, link('/', '检索'), ' › ', typeLabel(e.type)),
    h('h1', {}, e.name),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '类型'), h('dd', {}, typeLabel(e.type)),
      e.aliases.length ? [h('dt', {}, '别名'), h('dd', {}, e.aliases.join('、'))] : null,
      places.length ? [h('dt', {}, '所在地'), h('dd', {}, places.map((p, i) => [i ? '、' : '', link(pageHref('entity', p), name(p))]))] : null,
      e.code ? [h('dt', {}, '行政区划代码'), h('dd', {}, e.code, e.level ? `（${LEVEL_LABELS[e.level] ?? e.level}）` : '')] : null,
      e.role ? [h('dt', {}, '职务'), h('dd', {}, e.role)] : null,
      h('dt', {}, '相关报道'), h('dd', {}, `${e.articleCount} 篇`),
    ),
    collaborationSection(e.entityId, collabs, name),
    await graphSection(e, depth, name),
    articlesSection(e),
    figuresSection(e),
    curationSection(e.entityId, e.type),
  ]);
  focusHeading(root);
}

/** One item per partner and sentence: a sentence stating 签约 and 托管 at once is shown once, with both kinds. */
function groupCollaborations(self: string, edges: EdgeData[]): Array<EdgeData & { other: string; kinds: string[] }> {
  const groups = new Map<string, EdgeData & { other: string; kinds: string[] }>();
  for (const x of edges) {
    const other = x.fromId === self ? x.toId : x.fromId;
    const key = JSON.stringify([other, x.article?.articleId ?? null, x.evidence, x.date, x.directed && x.fromId === self]);
    const g = groups.get(key);
    if (g) {
      if (!g.kinds.includes(x.kind ?? 'OTHER')) g.kinds.push(x.kind ?? 'OTHER');
    } else groups.set(key, { ...x, other, kinds: [x.kind ?? 'OTHER'] });
  }
  return [...groups.values()].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
}

function collaborationSection(self: string, edges: EdgeData[], name: (id: string) => string): HTMLElement {
  const rows = groupCollaborations(self, edges);
  return h(
    'section',
    { class: 'collaborations', 'aria-labelledby': 'collab-h' },
    h('h2', { id: 'collab-h' }, `合作关系（${rows.length}）`),
    rows.length === 0
      ? h('p', {}, '暂无合作关系记录。')
      : h(
          'ol',
          { class: 'evidence-list' },
          rows.map((x) => {
            const dir = !x.directed ? '与' : x.fromId === self ? '帮扶/牵头 →' : '← 受援/参与';
            return h(
              'li',
              {},
              h('p', { class: 'evidence-head' }, x.kinds.map((k) => [h('span', { class: 'kind' }, kindLabel(k)), ' ']), dir, ' ', link(pageHref('entity', x.other), name(x.other)), ' · ', h('time', {}, formatDate(x.date))),
              x.evidence ? h('blockquote', {}, x.evidence) : null,
              x.article ? h('p', { class: 'source' }, '出处：', link(pageHref('article', x.article.articleId), x.article.title)) : null,
            );
          }),
        ),
  );
}

async function graphSection(e: EntityData, depth: number, name: (id: string) => string): Promise<HTMLElement> {
  const nodes: GraphNode[] = e.neighbors.nodes.map((n) => ({ id: n.entityId, label: n.name, type: n.type, weight: n.articleCount, focus: n.entityId === e.entityId }));
  if (!nodes.some((n) => n.id === e.entityId)) nodes.push({ id: e.entityId, label: e.name, type: e.type, focus: true });
  // Rings by hops from this entity (breadth-first over the edges), so the drawing reads from the centre out.
  const hops = new Map([[e.entityId, 0]]);
  for (let frontier = [e.entityId]; frontier.length; ) {
    const next: string[] = [];
    for (const x of e.neighbors.edges) {
      for (const [a, b] of [[x.fromId, x.toId], [x.toId, x.fromId]]) {
        if (frontier.includes(a) && !hops.has(b)) {
          hops.set(b, hops.get(a)! + 1);
          next.push(b);
        }
      }
    }
    frontier = next;
  }
  for (const n of nodes) n.ring = hops.get(n.id) ?? depth + 1;
  const edges: GraphEdge[] = e.neighbors.edges.map((x, i) => ({
    id: `e${i}`,
    source: x.fromId,
    target: x.toId,
    kind: x.kind,
    directed: x.directed,
    label: x.type === 'COLLABORATES' ? kindLabel(x.kind) : EDGE_LABELS[x.type],
    date: x.date,
    evidence: x.evidence,
    article: x.article,
  }));
  const depthSelect = h('select', { name: 'depth' }, h('option', { value: '1', selected: depth === 1 }, '直接关联'), h('option', { value: '2', selected: depth === 2 }, '两步以内'));
  depthSelect.addEventListener('change', () => navigate(withParams({ depth: depthSelect.value === '2' ? 2 : null }), true));
  const canvas = h('div', { class: 'graph', role: 'img', 'aria-label': `${e.name}的关系网络图：${nodes.length} 个节点，${edges.length} 条关系。节点列表见下方。` });
  const section = h(
    'section',
    { class: 'neighbourhood', 'aria-labelledby': 'graph-h' },
    h('h2', { id: 'graph-h' }, '关系网络'),
    h('form', { class: 'inline-form', onsubmit: (ev: Event) => ev.preventDefault() }, field('范围', depthSelect)),
    h('p', { class: 'hint' }, `${nodes.length} 个节点，${edges.length} 条关系。`),
    canvas,
    nodeList(nodes.filter((n) => n.id !== e.entityId), '网络中的实体'),
  );
  // Drawn after the section is in the page: cytoscape needs the container's size.
  requestAnimationFrame(() => {
    void drawGraph(canvas, nodes, edges, (nid) => {
      if (nid !== e.entityId) navigate(pageHref('entity', nid));
    }, { expand: (id) => import('../lib/neighbours.ts').then((m) => m.neighbours(id)), filename: `${e.name}-关系网络` }).catch((err: unknown) => canvas.replaceWith(status(`网络图无法显示：${name(e.entityId)}（${(err as Error).message}）`, 'error')));
  });
  return section;
}

function articlesSection(e: EntityData): HTMLElement {
  const list = e.articles.edges.map((x) => x.node);
  return h(
    'section',
    { 'aria-labelledby': 'articles-h' },
    h('h2', { id: 'articles-h' }, `相关报道（${e.articles.totalCount}）`),
    h('ul', { class: 'article-list' }, list.map((a) => h('li', {}, link(pageHref('article', a.articleId), a.title), h('small', {}, ` ${formatDate(a.published)}${a.source ? ` · ${a.source}` : ''}`)))),
    e.articles.totalCount > list.length ? h('p', { class: 'hint' }, `仅列出前 ${list.length} 篇；`, link(`/?q=${encodeURIComponent(e.name)}`, '在检索中查看全部')) : null,
  );
}

function figuresSection(e: EntityData): HTMLElement | null {
  if (!e.figures.length) return null;
  return h(
    'section',
    { 'aria-labelledby': 'figures-h' },
    h('h2', { id: 'figures-h' }, `数据（${e.figures.length}）`),
    h('ul', { class: 'figure-list' }, e.figures.map((f) => h('li', {}, h('strong', {}, f.metric), '：', f.text, f.time ? ` （${formatDate(f.time)}）` : '', h('blockquote', {}, f.evidence), h('p', { class: 'source' }, '出处：', link(pageHref('article', f.article.articleId), f.article.title))))),
  );
}
