// Neighbourhoods and shortest paths, written once over GraphBackend. Both walk distinct neighbour pairs
// (per-pair summaries: a link's support, a pair's number of collaborations), never the duplicate edges
// behind them; the edges shown are fetched afterwards for the pairs kept, a few per pair.
//
// Fan-out rule, so hubs do not explode a query:
// - a place is walked through only along PART_OF (up to its province, down to its districts), never back
//   to the institutions LOCATED_IN it, unless it is where the walk starts (or an end of a path) or the
//   neighbourhood's `types` filter asks for structural types only (['LOCATED_IN'] lists what else is in
//   a city). Two hospitals in one city are not thereby "connected", and a province would otherwise pull
//   in every institution in it. A path never goes institution → place(s) → institution;
// - each expanded node gives at most `fanout` (default 50) new neighbours, best supported first
//   (support = articles stating the link + collaborations between the two; ties by id);
// - the neighbourhood stops at `limit` nodes (default 200), best supported first across the frontier;
// - edges shown: those of the pair each node was reached through, then of the best supported other
//   pairs among kept nodes, up to `pairLimit` pairs (default 2 × limit); per pair its links and at most
//   `edgesPerPair` (default 3) collaborations, newest first.
// Shortest paths are exact under the place rule (no cap), breadth-first from both ends.
import { checkDeadline } from '../archive/deadline.ts';
import type { CollaborationKind, EntityType } from '../extractor/types.ts';
import type { GraphBackend, PairRow, PairsOptions } from './backend.ts';
import { EDGE_TYPES } from './facts.ts';
import type { Edge, EntityNode, Neighborhood, NeighborQuery, Path } from './port.ts';
import { edgePasses, sortEdges } from './queries.ts';

export const MAX_DEPTH = 4;
export const MAX_PATH_DEPTH = 6;
const STRUCTURAL_ONLY = (types: readonly Edge['type'][]) => !types.includes('COLLABORATES');

type Filter = { kinds?: CollaborationKind[]; from?: string; to?: string };
const filtered = (q: Filter) => !!(q.kinds?.length || q.from || q.to);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pairKey = (x: string, y: string) => (x < y ? `${x}\u0001${y}` : `${y}\u0001${x}`);

interface Neighbour { to: string; toType: EntityType; n: number }

/** Neighbours of each of `ids` (one entry per neighbour, support summed over types), edges filtered by `q`. */
async function neighboursOf(b: GraphBackend, ids: string[], types: readonly Edge['type'][], q: Filter, opts: Omit<PairsOptions, 'perEdge'> = {}): Promise<Map<string, Neighbour[]>> {
  checkDeadline(); // each round of a walk: a request past its budget stops here, not after the whole walk
  const perEdge = filtered(q);
  return summed(await b.pairsAround(ids, types, { ...opts, perEdge }), q, perEdge);
}

/** Rows summed per (from, to) over types, collaborations filtered by `q` when given per edge; best supported first. */
function summed(rows: PairRow[], q: Filter, perEdge: boolean): Map<string, Neighbour[]> {
  const sums = new Map<string, Map<string, Neighbour>>();
  for (const r of rows as PairRow[]) {
    if (perEdge && r.type === 'COLLABORATES' && !edgePasses({ type: r.type, kind: r.kind ?? null, date: r.date ?? null } as Edge, q)) continue;
    let m = sums.get(r.from);
    if (!m) sums.set(r.from, (m = new Map()));
    const cur = m.get(r.to);
    if (cur) cur.n += r.n;
    else m.set(r.to, { to: r.to, toType: r.toType, n: r.n });
  }
  const out = new Map<string, Neighbour[]>();
  for (const [from, m] of sums) out.set(from, [...m.values()].sort((x, y) => y.n - x.n || cmp(x.to, y.to)));
  return out;
}

/** Neighbours of `full` over `types`, and of `placesOnly` along PART_OF only (the place rule above). */
async function expandNodes(b: GraphBackend, full: string[], placesOnly: string[], types: readonly Edge['type'][], q: Filter, opts: Omit<PairsOptions, 'perEdge'> = {}): Promise<Map<string, Neighbour[]>> {
  const out = full.length ? await neighboursOf(b, full, types, q, opts) : new Map<string, Neighbour[]>();
  if (placesOnly.length && types.includes('PART_OF')) for (const [k, v] of await neighboursOf(b, placesOnly, ['PART_OF'], q, opts)) out.set(k, v);
  return out;
}

/** The edges to show for these pairs: links, and up to `perPair` collaborations passing the filter, newest first. */
async function edgesFor(b: GraphBackend, pairs: Array<[string, string]>, types: readonly Edge['type'][], q: Filter, perPair: number): Promise<Edge[]> {
  checkDeadline();
  // With a kind or date filter the newest edges may not pass it: fetch them all for those pairs, then cap.
  const edges = (await b.edgesBetween(pairs, types, filtered(q) ? 1_000_000 : perPair)).filter((e) => edgePasses(e, q));
  const taken = new Map<string, number>();
  const kept: Edge[] = [];
  for (const e of edges.sort(newestFirst)) {
    if (e.type !== 'COLLABORATES') { kept.push(e); continue; }
    const k = pairKey(e.from, e.to);
    const n = taken.get(k) ?? 0;
    if (n >= perPair) continue;
    taken.set(k, n + 1);
    kept.push(e);
  }
  return sortEdges(kept);
}

/** Order of collaborations within a pair: newest first, undated last, then article, sentence, kind, from. */
export function newestFirst(x: Edge, y: Edge): number {
  if ((x.date === null) !== (y.date === null)) return x.date === null ? 1 : -1;
  return cmp(y.date ?? '', x.date ?? '') || cmp(x.articleId ?? '', y.articleId ?? '') || (x.sentence ?? 0) - (y.sentence ?? 0)
    || cmp(x.kind ?? '', y.kind ?? '') || cmp(x.from, y.from);
}

export async function neighborhood(b: GraphBackend, id: string, q: NeighborQuery = {}): Promise<Neighborhood> {
  checkDeadline();
  const depth = Math.min(Math.max(q.depth ?? 1, 1), MAX_DEPTH);
  const limit = Math.max(q.limit ?? 200, 1);
  const fanout = Math.max(q.fanout ?? 50, 1);
  const types = q.types?.length ? q.types : EDGE_TYPES;
  const throughPlaces = !!q.types?.length && STRUCTURAL_ONLY(types);
  const [start] = await b.nodes([id]);
  if (!start) return { nodes: [], edges: [] };
  const typeOf = new Map<string, EntityType>([[id, start.type]]);
  const weight = new Map<string, number>(); // pair → support, for every pair seen between kept nodes
  const tree = new Set<string>(); // the pair each node was reached through
  let frontier = [id];
  for (let d = 0; d < depth && frontier.length && typeOf.size < limit; d++) {
    const whole = (v: string) => v === id || throughPlaces || typeOf.get(v) !== 'place';
    // Only nodes not kept yet, at most `fanout` per node and type: a hub sends back 50 rows, not thousands.
    const around = await expandNodes(b, frontier.filter(whole), frontier.filter((v) => !whole(v)), types, q, { exclude: [...typeOf.keys()], top: fanout });
    const best = new Map<string, Neighbour & { via: string }>();
    for (const v of frontier) {
      let taken = 0;
      for (const nb of around.get(v) ?? []) {
        if (typeOf.has(nb.to) || taken >= fanout) continue;
        taken++;
        const cur = best.get(nb.to);
        if (!cur || nb.n > cur.n) best.set(nb.to, { ...nb, via: v });
      }
    }
    const next = [...best.values()].sort((x, y) => y.n - x.n || cmp(x.to, y.to)).slice(0, limit - typeOf.size);
    for (const nb of next) {
      typeOf.set(nb.to, nb.toType);
      tree.add(pairKey(nb.via, nb.to));
    }
    frontier = next.map((nb) => nb.to);
  }
  const kept = [...typeOf.keys()];
  // Every pair among the kept nodes, with its support.
  const among = summed(await b.pairsAmong(kept, types, { perEdge: filtered(q) }), q, filtered(q));
  for (const [v, nbs] of among) for (const nb of nbs) weight.set(pairKey(v, nb.to), (weight.get(pairKey(v, nb.to)) ?? 0) + nb.n);
  // Edges shown: the tree pairs, then the best supported other pairs, up to pairLimit pairs.
  const pairLimit = Math.max(q.pairLimit ?? 2 * limit, tree.size);
  const others = [...weight].filter(([k]) => !tree.has(k)).sort((x, y) => y[1] - x[1] || cmp(x[0], y[0])).map(([k]) => k);
  const shown = [...tree, ...others].slice(0, pairLimit).map((k) => k.split('\u0001') as [string, string]);
  const edges = await edgesFor(b, shown, types, q, Math.max(q.edgesPerPair ?? 3, 1));
  const nodes = (await b.nodes(kept)).sort((x, y) => cmp(x.id, y.id));
  return { nodes, edges };
}

/**
 * Bidirectional BFS over distinct pairs, expanding the smaller side. A place that is not an end is walked
 * along PART_OF only, and a side reaching a place from an institution never leaves it for another
 * institution: `placeChain` marks nodes reached from a place end through places only, and a meeting at
 * an inner place needs one side's chain to be such.
 */
export async function shortestPath(b: GraphBackend, a: string, z: string, opts: { maxDepth?: number; kinds?: CollaborationKind[] } = {}): Promise<Path | null> {
  checkDeadline();
  const maxDepth = Math.min(Math.max(opts.maxDepth ?? MAX_DEPTH, 1), MAX_PATH_DEPTH);
  const ends = await b.nodes([a, z]);
  if (ends.length < (a === z ? 1 : 2)) return null;
  if (a === z) return { nodes: ends, edges: [] };
  const typeOf = new Map<string, EntityType>(ends.map((e) => [e.id, e.type]));
  const isPlace = (v: string) => typeOf.get(v) === 'place';
  const inner = (v: string) => v !== a && v !== z && isPlace(v);
  type Side = { seen: Map<string, string | null>; placeChain: Set<string>; frontier: string[] };
  const side = (v: string): Side => ({ seen: new Map([[v, null]]), placeChain: new Set(isPlace(v) ? [v] : []), frontier: [v] });
  const sides = [side(a), side(z)];
  for (let hops = 0; hops < maxDepth; hops++) {
    // An inner place reached from an institution is a dead end; from a place end it walks PART_OF.
    const open = sides.map((x) => x.frontier.filter((v) => !inner(v) || x.placeChain.has(v)).sort(cmp));
    if (!open[0].length && !open[1].length) return null;
    const s = !open[1].length || (open[0].length && open[0].length <= open[1].length) ? 0 : 1;
    const me = sides[s];
    const other = sides[1 - s];
    const expand = open[s];
    const around = await expandNodes(b, expand.filter((v) => !inner(v)), expand.filter(inner), EDGE_TYPES, opts);
    const next: string[] = [];
    for (const u of expand) {
      for (const nb of [...(around.get(u) ?? [])].sort((x, y) => cmp(x.to, y.to))) {
        typeOf.set(nb.to, nb.toType);
        if (me.seen.has(nb.to)) continue;
        me.seen.set(nb.to, u);
        if (me.placeChain.has(u) && nb.toType === 'place') me.placeChain.add(nb.to);
        next.push(nb.to);
      }
    }
    const meets = (v: string) => other.seen.has(v) && (!inner(v) || me.placeChain.has(v) || other.placeChain.has(v));
    const meet = next.filter(meets).sort(cmp)[0];
    if (meet) return joinPath(b, meet, sides[0].seen, sides[1].seen, opts);
    me.frontier = next;
  }
  return null;
}

async function joinPath(b: GraphBackend, meet: string, fromA: Map<string, string | null>, fromZ: Map<string, string | null>, q: Filter): Promise<Path> {
  const ids = [meet];
  for (let v = fromA.get(meet); v; v = fromA.get(v)) ids.unshift(v);
  for (let v = fromZ.get(meet); v; v = fromZ.get(v)) ids.push(v);
  const hops = ids.slice(1).map((v, i) => [ids[i], v] as [string, string]);
  // One edge per hop: the newest collaboration passing the filter, else the structural link.
  const edges = await edgesFor(b, hops, EDGE_TYPES, q, 1);
  const pick = (x: string, y: string) => {
    const on = edges.filter((e) => pairKey(e.from, e.to) === pairKey(x, y));
    return on.find((e) => e.type === 'COLLABORATES') ?? on[0];
  };
  const byKey = new Map((await b.nodes(ids)).map((n) => [n.id, n]));
  return { nodes: ids.map((id) => byKey.get(id) as EntityNode), edges: hops.map(([x, y]) => pick(x, y)) };
}
