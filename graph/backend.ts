// What the shared query logic (queries.ts) needs from a store: a few plain look-ups. Each adapter
// answers them in its own language (SQL, Cypher); traversal, filtering, ordering and aggregation are
// written once in queries.ts, so the two adapters give the same answers by construction.
import type { CollaborationKind, EntityType } from '../extractor/types.ts';
import type { ArticleNode, Edge, EntityNode, FigureRecord } from './port.ts';

/**
 * One neighbour pair seen from `from`: `n` is the link's support (structural types), the number of
 * collaboration edges between the two (COLLABORATES), or 1 per edge when `perEdge` was asked for
 * (then `kind` and `date` are set, so the caller can filter collaborations).
 */
export interface PairRow {
  from: string;
  to: string;
  toType: EntityType;
  type: Edge['type'];
  n: number;
  kind?: CollaborationKind | null;
  date?: string | null;
}

export interface PlaceRef {
  id: string;
  name: string;
  level: string | null;
}

export interface FigureFact {
  figure: FigureRecord;
  published: string | null;
  subjectType: string | null;
  subjectName: string | null;
  /** Where the figure is: the subject itself when it is a place, else the places its subject is located in. */
  places: PlaceRef[];
}

export interface PairsOptions {
  perEdge: boolean;
  /** No neighbours among these. */
  exclude?: readonly string[];
  /** At most this many rows per id and type: highest n first, then `to` (ignored when perEdge). */
  top?: number;
}

export interface GraphBackend {
  /**
   * Distinct neighbours of `ids` over the given types, from the per-pair summaries (never reading
   * duplicate edges), or one row per collaboration edge when `perEdge`.
   */
  pairsAround(ids: readonly string[], types: readonly Edge['type'][], opts: PairsOptions): Promise<PairRow[]>;
  /** The pairs among `ids` (each once, `from` → `to` as stored), like pairsAround. */
  pairsAmong(ids: readonly string[], types: readonly Edge['type'][], opts: { perEdge: boolean }): Promise<PairRow[]>;
  /**
   * The edges joining each pair (either direction): its structural links, and at most `perPair` of its
   * collaborations, newest first (date desc, undated last, then articleId, sentence, kind, from).
   */
  edgesBetween(pairs: ReadonlyArray<readonly [string, string]>, types: readonly Edge['type'][], perPair: number): Promise<Edge[]>;
  /** Every edge with one end among `ids`, of the given types. */
  edgesAround(ids: readonly string[], types: readonly Edge['type'][]): Promise<Edge[]>;
  /** Entities by id, in any order; unknown ids are left out. */
  nodes(ids: readonly string[]): Promise<EntityNode[]>;
  /** Place ids matching an id, GB/T 2260 code, name or alias. */
  placesNamed(place: string): Promise<string[]>;
  /** Places whose GB/T 2260 code starts with `prefix` (32: every place in 江苏; 3201: every place in 南京市). */
  placesUnderCode(prefix: string): Promise<string[]>;
  /** Places directly PART_OF any of `ids`. */
  childPlaces(ids: readonly string[]): Promise<string[]>;
  /** Institutions (hospital, organization) LOCATED_IN any of `placeIds`. */
  locatedIn(placeIds: readonly string[]): Promise<string[]>;
  /** Every pair of parties with a collaboration, each pair once (the whole network, for a backend without firstCollaborations). */
  collaborationPairs(): Promise<Array<[string, string]>>;
  /**
   * The first `limit` collaborations of the whole graph that `keep` accepts, in compareEdges' order, read in that
   * order from an index and stopping there (optional: a backend without it reads the whole network and sorts).
   */
  firstCollaborations?(limit: number, keep: (e: Edge) => boolean): Promise<Edge[]>;
  /** Entity ids whose id, name or alias equals `q`. */
  entitiesNamed(q: string): Promise<string[]>;
  /** Figures with where and when they apply, optionally narrowed by metric and subject ids. */
  figureFacts(q: { metric?: string; subjectIds?: readonly string[] }): Promise<FigureFact[]>;
  articles(ids: readonly string[]): Promise<ArticleNode[]>;
  /** Articles mentioning an entity (all of them). */
  mentioningArticles(entityId: string): Promise<ArticleNode[]>;
  figures(q: { articleId?: string; entityId?: string; metric?: string; ids?: readonly string[]; limit?: number }): Promise<FigureRecord[]>;
}
