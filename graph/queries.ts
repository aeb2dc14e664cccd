// The researchers' questions, written once over GraphBackend: neighbourhoods, shortest paths with
// evidence, regional collaboration networks, figure aggregates, timelines.
import { checkDeadline } from '../archive/deadline.ts';
import { gazetteer } from '../extractor/knowledge/gazetteer.ts';
import type { CollaborationKind } from '../extractor/types.ts';
import type { GraphBackend } from './backend.ts';
import { aggregate } from './figure-aggregate.ts';
import { neighborhood, shortestPath } from './traverse.ts';
import type {
  Edge, FigureAggregate, FigureQuery, Neighborhood, NeighborQuery, NetworkQuery, Path, TimelineEvent,
} from './port.ts';

export { MAX_DEPTH, MAX_PATH_DEPTH } from './traverse.ts';

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
/** A programme's name as a sentence may write it: without quotes or spaces (“组团式”支援 = 组团式支援). */
const sameForm = (s: string) => s.replace(/[“”"'‘’《》\s]/gu, '');

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

function uniqueEdges(edges: Edge[]): Edge[] {
  const m = new Map<string, Edge>();
  for (const e of edges) m.set(edgeSortKey(e) + '\u0001' + (e.evidence ?? ''), e);
  return sortEdges([...m.values()]);
}

/** The part of a GB/T 2260 code its subdivisions share: 320000 → 32, 320100 → 3201, 320102 → 320102; null for no code. */
export function codePrefix(code: string): string | null {
  if (!/^\d{6}$/u.test(code)) return null;
  return code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
}

/** Directions of pairs whose edges one read of firstAround asks for, and no cap on a pair's edges there. */
const PAIRS_PER_READ = 64;
const ALL_OF_A_PAIR = 1_000_000;

export class GraphQueries {
  constructor(private readonly b: GraphBackend) {}

  neighbors(id: string, q: NeighborQuery = {}): Promise<Neighborhood> {
    return neighborhood(this.b, id, q);
  }

  shortestPath(a: string, b: string, opts: { maxDepth?: number; kinds?: CollaborationKind[] } = {}): Promise<Path | null> {
    return shortestPath(this.b, a, b, opts);
  }

  /**
   * Places named `place` and every place under them: by GB/T 2260 code (a report on 南京市玄武区人民医院 rarely
   * names 江苏省, so no PART_OF link may reach the province), and through PART_OF for places without a code.
   */
  async placeScope(place: string): Promise<Set<string>> {
    const named = await this.b.placesNamed(place);
    const scope = new Set(named);
    const codes = new Set((await this.b.nodes(named)).map((n) => n.code).filter((c): c is string => !!c));
    if (/^\d{6}$/u.test(place)) codes.add(place);
    else if (!named.length) {
      // a place no article has named yet, by any form that names one place only (江苏省, 江苏)
      const places = gazetteer().forms.get(place)?.places ?? [];
      if (places.length === 1) codes.add(places[0].code);
    }
    for (const code of codes) {
      const prefix = codePrefix(code);
      if (prefix) for (const id of await this.b.placesUnderCode(prefix)) scope.add(id);
    }
    let frontier = [...scope];
    while (frontier.length) {
      frontier = (await this.b.childPlaces(frontier)).filter((id) => !scope.has(id));
      for (const id of frontier) scope.add(id);
    }
    return scope;
  }

  /** The parties a place stands for: the institutions located in it or under it, and those places themselves (北京市 signs as a region). */
  private async partiesIn(place: string): Promise<Set<string>> {
    return this.partiesOf(await this.placeScope(place));
  }

  /** The places of a scope and the institutions located in them. */
  private async partiesOf(scope: Set<string>): Promise<Set<string>> {
    return new Set(scope.size ? [...scope, ...await this.b.locatedIn([...scope])] : []);
  }

  async collaborations(q: NetworkQuery): Promise<Neighborhood> {
    checkDeadline();
    const limit = Math.max(q.limit ?? 500, 1);
    const setA = q.placeA ? await this.partiesIn(q.placeA) : null;
    const setB = q.placeB ? await this.partiesIn(q.placeB) : null;
    const seed = setA ?? setB;
    if (seed && !seed.size) return { nodes: [], edges: [] };
    const inA = (id: string) => !setA || setA.has(id);
    const inB = (id: string) => !setB || setB.has(id);
    const under = q.project ? await this.projectForms(q.project) : null;
    if (under && !under.length) return { nodes: [], edges: [] };
    const keep = (e: Edge) => edgePasses(e, q) && (!under || under.some((form) => sameForm(e.evidence ?? '').includes(form)))
      && ((inA(e.from) && inB(e.to)) || (inA(e.to) && inB(e.from)));
    // The first edges in order, never every edge of the network or region: the whole network from an index where
    // the backend can, else (and around a region) pair by pair.
    const edges = !seed && this.b.firstCollaborations
      ? await this.b.firstCollaborations(limit, keep)
      : await this.firstOfPairs(seed
        ? (await this.b.pairsAround([...seed], ['COLLABORATES'], { perEdge: false })).map((p) => [p.from, p.to] as const)
        : await this.b.collaborationPairs(), limit, keep);
    const ids = new Set(edges.flatMap((e) => [e.from, e.to]));
    return { nodes: (await this.b.nodes([...ids])).sort(byId), edges };
  }

  /**
   * The first `limit` collaborations `keep` accepts among these pairs, in compareEdges' order: each pair's two
   * directions sorted, and the edges of a few directions at a time until enough are kept. The cost follows the
   * pairs (one per two institutions, however many articles state it) and the edges kept, not the articles.
   */
  private async firstOfPairs(pairs: ReadonlyArray<readonly [string, string]>, limit: number, keep: (e: Edge) => boolean): Promise<Edge[]> {
    const directed = new Map<string, [string, string]>();
    for (const [a, b] of pairs) {
      directed.set(`${a}\u0001${b}`, [a, b]);
      directed.set(`${b}\u0001${a}`, [b, a]);
    }
    const keys = [...directed.keys()].sort();
    const out: Edge[] = [];
    for (let i = 0; i < keys.length && out.length < limit; i += PAIRS_PER_READ) {
      const batch = new Set(keys.slice(i, i + PAIRS_PER_READ));
      const edges = await this.b.edgesBetween([...batch].map((k) => directed.get(k)!), ['COLLABORATES'], ALL_OF_A_PAIR);
      out.push(...uniqueEdges(edges.filter((e) => batch.has(`${e.from}\u0001${e.to}`) && keep(e))).slice(0, limit - out.length));
    }
    return out;
  }

  /** Every written form of the projects a name stands for (组团式支援 and 组团式医疗支援 for one programme). */
  private async projectForms(name: string): Promise<string[]> {
    const nodes = (await this.b.nodes(await this.b.entitiesNamed(name))).filter((n) => n.type === 'project');
    return [...new Set(nodes.flatMap((n) => [n.name, ...n.aliases]).map(sameForm))];
  }

  async aggregateFigures(q: FigureQuery): Promise<FigureAggregate[]> {
    checkDeadline();
    let subjectIds = q.institution ? await this.b.entitiesNamed(q.institution) : undefined;
    if (subjectIds && !subjectIds.length) return [];
    const scope = q.place ? await this.placeScope(q.place) : null;
    if (scope && !scope.size) return [];
    if (scope) {
      // Only figures about a subject in the place can count (the place itself, or an institution located in it):
      // reading just those makes a place's report cost its own figures, not every figure of the metric.
      const inScope = await this.partiesOf(scope);
      subjectIds = subjectIds ? subjectIds.filter((id) => inScope.has(id)) : [...inScope];
      if (!subjectIds.length) return [];
    }
    return aggregate(await this.b.figureFacts({ metric: q.metric, subjectIds }), q, scope);
  }

  async timeline(id: string): Promise<TimelineEvent[]> {
    checkDeadline();
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

