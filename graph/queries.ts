// The researchers' questions, written once over GraphBackend: neighbourhoods, shortest paths with
// evidence, regional collaboration networks, figure aggregates, timelines.
import type { CollaborationKind } from '../extractor/types.ts';
import type { FigureFact, GraphBackend, PlaceRef } from './backend.ts';
import { EDGE_TYPES } from './facts.ts';
import type {
  Edge, EntityNode, FigureAggregate, FigureQuery, Neighborhood, NeighborQuery, NetworkQuery, Path, TimelineEvent,
} from './port.ts';

export const MAX_DEPTH = 4;
export const MAX_PATH_DEPTH = 6;

/** ISO-prefix comparison over the common length, so "2020" lies within from "2020-03" and to "2020-01". */
function cmpPrefix(date: string, bound: string): number {
  const n = Math.min(date.length, bound.length);
  const a = date.slice(0, n);
  const b = bound.slice(0, n);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function dateInRange(date: string | null, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  if (from && cmpPrefix(date, from) < 0) return false;
  if (to && cmpPrefix(date, to) > 0) return false;
  return true;
}

/** Kinds and dates filter collaborations; structural edges (LOCATED_IN, PART_OF, BRANCH_OF) are timeless. */
export function edgePasses(e: Edge, q: { kinds?: CollaborationKind[]; from?: string; to?: string }): boolean {
  if (e.type !== 'COLLABORATES') return true;
  if (q.kinds?.length && !(e.kind && q.kinds.includes(e.kind))) return false;
  return dateInRange(e.date, q.from, q.to);
}

const edgeSortKey = (e: Edge) =>
  [e.type, e.from, e.to, e.articleId ?? '', String(e.sentence ?? 0).padStart(8, '0'), e.kind ?? '', e.date ?? ''].join('\u0001');

export function compareEdges(a: Edge, b: Edge): number {
  const x = edgeSortKey(a);
  const y = edgeSortKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorts by compareEdges' order, computing each key once. */
export function sortEdges(edges: Edge[]): Edge[] {
  return edges.map((e) => [edgeSortKey(e), e] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map((x) => x[1]);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Structural facts (LOCATED_IN, PART_OF, BRANCH_OF) are stored once per article stating them; a
 * neighbourhood shows each once, with the first article's evidence. Collaborations stay per article.
 */
function collapseStructural(edges: Edge[]): Edge[] {
  const seen = new Set<string>();
  return sortEdges(edges).filter((e) => {
    if (e.type === 'COLLABORATES') return true;
    const k = `${e.type}\u0001${e.from}\u0001${e.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function uniqueEdges(edges: Edge[]): Edge[] {
  const m = new Map<string, Edge>();
  for (const e of edges) m.set(edgeSortKey(e) + '\u0001' + (e.evidence ?? ''), e);
  return sortEdges([...m.values()]);
}

export class GraphQueries {
  constructor(private readonly b: GraphBackend) {}

  async neighbors(id: string, q: NeighborQuery = {}): Promise<Neighborhood> {
    const depth = Math.min(Math.max(q.depth ?? 1, 1), MAX_DEPTH);
    const limit = Math.max(q.limit ?? 200, 1);
    const types = q.types?.length ? q.types : EDGE_TYPES;
    const [start] = await this.b.nodes([id]);
    if (!start) return { nodes: [], edges: [] };
    const kept = new Set([id]);
    const found: Edge[] = [];
    let frontier = [id];
    for (let d = 0; d < depth && frontier.length && kept.size < limit; d++) {
      const edges = sortEdges((await this.b.edgesAround(frontier, types)).filter((e) => edgePasses(e, q)));
      found.push(...edges);
      const next = new Set<string>();
      for (const e of edges) for (const v of [e.from, e.to]) if (!kept.has(v)) next.add(v);
      frontier = [...next].sort().slice(0, limit - kept.size);
      for (const v of frontier) kept.add(v);
    }
    const nodes = (await this.b.nodes([...kept])).sort(byId);
    return { nodes, edges: collapseStructural(uniqueEdges(found.filter((e) => kept.has(e.from) && kept.has(e.to)))) };
  }

  /** Bidirectional BFS, expanding the smaller side; ties broken by edge order, so both adapters agree. */
  async shortestPath(a: string, b: string, opts: { maxDepth?: number; kinds?: CollaborationKind[] } = {}): Promise<Path | null> {
    const maxDepth = Math.min(Math.max(opts.maxDepth ?? MAX_DEPTH, 1), MAX_PATH_DEPTH);
    const ends = await this.b.nodes([a, b]);
    if (ends.length < (a === b ? 1 : 2)) return null;
    if (a === b) return { nodes: ends, edges: [] };
    type Via = { prev: string; edge: Edge } | null;
    const sides = [
      { seen: new Map<string, Via>([[a, null]]), frontier: [a] },
      { seen: new Map<string, Via>([[b, null]]), frontier: [b] },
    ];
    for (let hops = 0; hops < maxDepth; hops++) {
      const s = sides[0].frontier.length <= sides[1].frontier.length ? 0 : 1;
      const side = sides[s];
      const other = sides[1 - s];
      if (!side.frontier.length) return null;
      const inFrontier = new Set(side.frontier);
      const edges = sortEdges((await this.b.edgesAround(side.frontier, EDGE_TYPES)).filter((e) => edgePasses(e, opts)));
      const next: string[] = [];
      for (const e of edges) {
        for (const [u, v] of [[e.from, e.to], [e.to, e.from]]) {
          if (!inFrontier.has(u) || side.seen.has(v)) continue;
          side.seen.set(v, { prev: u, edge: e });
          next.push(v);
        }
      }
      const meet = next.filter((v) => other.seen.has(v)).sort()[0];
      if (meet) return this.joinPath(meet, sides[0].seen, sides[1].seen);
      side.frontier = next;
    }
    return null;
  }

  private async joinPath(meet: string, fromA: Map<string, { prev: string; edge: Edge } | null>, fromB: typeof fromA): Promise<Path> {
    const ids = [meet];
    const edges: Edge[] = [];
    for (let v = fromA.get(meet); v; v = fromA.get(v.prev)) { ids.unshift(v.prev); edges.unshift(v.edge); }
    for (let v = fromB.get(meet); v; v = fromB.get(v.prev)) { ids.push(v.prev); edges.push(v.edge); }
    const byKey = new Map((await this.b.nodes(ids)).map((n) => [n.id, n]));
    return { nodes: ids.map((id) => byKey.get(id) as EntityNode), edges };
  }

  /** Places named `place` and every place under them through PART_OF. */
  async placeScope(place: string): Promise<Set<string>> {
    const scope = new Set(await this.b.placesNamed(place));
    let frontier = [...scope];
    while (frontier.length) {
      frontier = (await this.b.childPlaces(frontier)).filter((id) => !scope.has(id));
      for (const id of frontier) scope.add(id);
    }
    return scope;
  }

  private async institutionsIn(place: string): Promise<Set<string>> {
    const scope = await this.placeScope(place);
    return new Set(scope.size ? await this.b.locatedIn([...scope]) : []);
  }

  async collaborations(q: NetworkQuery): Promise<Neighborhood> {
    const limit = Math.max(q.limit ?? 500, 1);
    const setA = q.placeA ? await this.institutionsIn(q.placeA) : null;
    const setB = q.placeB ? await this.institutionsIn(q.placeB) : null;
    const seed = setA ?? setB;
    if (seed && !seed.size) return { nodes: [], edges: [] };
    const inA = (id: string) => !setA || setA.has(id);
    const inB = (id: string) => !setB || setB.has(id);
    const edges = uniqueEdges(
      (await this.b.collaborationEdges(seed ? [...seed] : null))
        .filter((e) => edgePasses(e, q))
        .filter((e) => (inA(e.from) && inB(e.to)) || (inA(e.to) && inB(e.from))),
    ).slice(0, limit);
    const ids = new Set(edges.flatMap((e) => [e.from, e.to]));
    return { nodes: (await this.b.nodes([...ids])).sort(byId), edges };
  }

  async aggregateFigures(q: FigureQuery): Promise<FigureAggregate[]> {
    const groupBy = new Set(q.groupBy ?? ['metric', 'place', 'year']);
    const subjectIds = q.institution ? await this.b.entitiesNamed(q.institution) : undefined;
    if (subjectIds && !subjectIds.length) return [];
    const scope = q.place ? await this.placeScope(q.place) : null;
    if (scope && !scope.size) return [];
    const groups = new Map<string, FigureAggregate>();
    for (const f of await this.b.figureFacts({ metric: q.metric, subjectIds })) {
      const places = scope ? f.places.filter((p) => scope.has(p.id)) : f.places;
      if (scope && !places.length) continue;
      const year = figureYear(f);
      if (q.year !== undefined && year !== q.year) continue;
      const isInstitution = f.subjectType === 'hospital' || f.subjectType === 'organization';
      const key = {
        metric: groupBy.has('metric') ? f.figure.metric : null,
        place: groupBy.has('place') ? (mostSpecific(places)?.name ?? null) : null,
        institution: groupBy.has('institution') && isInstitution ? f.subjectName : null,
        year: groupBy.has('year') ? year : null,
        unit: f.figure.unit,
      };
      const k = JSON.stringify(key);
      const g = groups.get(k) ?? { ...key, sum: 0, count: 0, figureIds: [] };
      g.sum += f.figure.value;
      g.count++;
      g.figureIds.push(f.figure.id);
      groups.set(k, g);
    }
    for (const g of groups.values()) g.figureIds.sort();
    return [...groups.values()].sort((x, y) => JSON.stringify([x.metric, x.place, x.institution, x.year, x.unit]) < JSON.stringify([y.metric, y.place, y.institution, y.year, y.unit]) ? -1 : 1);
  }

  async timeline(id: string): Promise<TimelineEvent[]> {
    const [mentioning, edges, figures] = await Promise.all([
      this.b.mentioningArticles(id),
      this.b.edgesAround([id], ['COLLABORATES']),
      this.b.figures({ entityId: id, limit: 10_000 }),
    ]);
    const known = new Map(mentioning.map((a) => [a.id, a]));
    const missing = [...new Set([...edges.map((e) => e.articleId), ...figures.map((f) => f.articleId)])].filter(
      (x): x is string => !!x && !known.has(x),
    );
    for (const a of await this.b.articles(missing)) known.set(a.id, a);
    const title = (aid: string | null) => (aid ? known.get(aid)?.title ?? '' : '');
    const published = (aid: string | null) => (aid ? known.get(aid)?.published ?? null : null);
    const events: TimelineEvent[] = [
      ...mentioning.map((a) => ({ date: a.published, articleId: a.id, title: a.title, kind: 'article' as const, text: a.title })),
      ...edges.map((e) => ({
        date: e.date ?? published(e.articleId), articleId: e.articleId ?? '', title: title(e.articleId), kind: 'collaboration' as const, text: e.evidence ?? '',
      })),
      ...figures.map((f) => ({
        date: f.time ?? published(f.articleId), articleId: f.articleId, title: title(f.articleId), kind: 'figure' as const, text: f.text,
      })),
    ];
    const key = (e: TimelineEvent) => [e.date === null ? '\uffff' : e.date, e.articleId, e.kind, e.text].join('\u0001');
    return events.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  }
}

function figureYear(f: FigureFact): number | null {
  const m = /^(\d{4})/.exec(f.figure.time ?? f.published ?? '');
  return m ? Number(m[1]) : null;
}

const LEVEL_RANK: Record<string, number> = { county: 3, city: 2, province: 1 };

/** The most specific place (county over city over province), ties by id. */
function mostSpecific(places: PlaceRef[]): PlaceRef | undefined {
  return [...places].sort((x, y) => (LEVEL_RANK[y.level ?? ''] ?? 0) - (LEVEL_RANK[x.level ?? ''] ?? 0) || (x.id < y.id ? -1 : 1))[0];
}
