// The GraphStore port. Adapters: embedded (SQLite, same file as the archive) and Neo4j.
// This file imports nothing from neo4j-driver, better-sqlite3 or graphql.
import type { CollaborationKind, Entity, EntityType, Figure, Relation } from '../extractor/types.ts';

export interface ArticleNode {
  id: string;
  url: string | null;
  title: string;
  published: string | null;
  source: string | null;
}

/** One article's projection into the graph. Writing it replaces whatever that article contributed before. */
export interface ArticleFacts {
  article: ArticleNode;
  entities: Entity[];
  figures: Figure[];
  relations: Relation[];
}

export interface EntityNode {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  code?: string | null;
  level?: string | null;
  role?: string | null;
  /** Number of articles mentioning it. */
  articleCount: number;
}

/** A relationship between two entities, with the article and sentence it came from. */
export interface Edge {
  type: 'COLLABORATES' | 'LOCATED_IN' | 'BRANCH_OF' | 'PART_OF';
  from: string;
  to: string;
  kind: CollaborationKind | null;
  date: string | null;
  articleId: string | null;
  evidence: string | null;
  directed: boolean;
  /** Sentence index in the article the edge was read from. */
  sentence?: number | null;
  /**
   * Structural links (LOCATED_IN, PART_OF, BRANCH_OF) are stored once per pair: the number of articles
   * stating it (articleId, evidence and sentence are those of the supporting article with the smallest id).
   * Absent on collaborations, which are one edge per article and sentence.
   */
  support?: number;
}

export interface NeighborQuery {
  depth?: number; // default 1, max 4
  kinds?: CollaborationKind[];
  types?: Edge['type'][];
  from?: string; // date range on edge date, ISO prefix compare
  to?: string;
  limit?: number; // default 200: most nodes returned
  /** Most new neighbours taken from one node, best supported first. Default 50. */
  fanout?: number;
  /** Most collaboration edges shown per pair of nodes, newest first. Default 3. */
  edgesPerPair?: number;
  /** Most node pairs whose edges are shown (those nodes were reached through first, then the best supported). Default 2 × limit. */
  pairLimit?: number;
}

export interface Neighborhood {
  nodes: EntityNode[];
  edges: Edge[];
}

export interface Path {
  nodes: EntityNode[];
  /** edges[i] joins nodes[i] and nodes[i+1]; each carries its evidence. */
  edges: Edge[];
}

export interface NetworkQuery {
  /** Place names or codes; an edge is kept when one end is, or is located in, (a place under) placeA and the other placeB: regions are parties too. */
  placeA?: string;
  placeB?: string;
  /**
   * A programme or project (name, alias or id, e.g. 组团式支援): only collaborations whose evidence sentence names
   * it, which is how the extractor links a collaboration to the programme it happens under.
   */
  project?: string;
  kinds?: CollaborationKind[];
  from?: string;
  to?: string;
  limit?: number;
}

export interface FigureQuery {
  metric?: string;
  place?: string;
  institution?: string;
  year?: number;
  groupBy?: Array<'metric' | 'place' | 'institution' | 'year'>;
}

/** One fact an aggregate adds: a value about one subject, stated by one or more figures (reprints, other articles). */
export interface AggregateFact {
  value: number;
  subjectId: string | null;
  subjectName: string | null;
  /** The subject's place in the graph (most specific LOCATED_IN), or the subject itself when it is a place. */
  place: string | null;
  period: string | null;
  status: string;
  /** The figure counted. */
  figureId: string;
  /** Every figure stating this same value (the counted one included). */
  figureIds: string[];
}

/** A figure the aggregate did not add, and why (SAME_FACT, PART_OF_TOTAL, SAME_SUBJECT, SUPERSEDED). */
export interface LeftOutFigure {
  figureId: string;
  code: 'SAME_FACT' | 'PART_OF_TOTAL' | 'SAME_SUBJECT' | 'SUPERSEDED';
  reason: string;
  /** The figure counted instead. */
  countedAs: string;
}

export interface FigureAggregate {
  metric: string | null;
  place: string | null;
  institution: string | null;
  year: number | null;
  unit: string;
  /** existing | planned | cumulative | increase: figures of different status are never added together. */
  status: string;
  /** False for percentages and rates: then the aggregate is one subject's one value (subjectName says whose). */
  additive: boolean;
  subjectName: string | null;
  /** Sum over `facts` (distinct subjects); for a rate, its value. */
  sum: number;
  /** Number of distinct facts added. */
  count: number;
  /** The figure counted for each fact (facts[i].figureId), for tracing back to sentences: their values add up to sum. */
  figureIds: string[];
  facts: AggregateFact[];
  leftOut: LeftOutFigure[];
}

export interface FigureRecord extends Figure {
  articleId: string;
}

export interface TimelineEvent {
  date: string | null;
  articleId: string;
  title: string;
  kind: 'article' | 'collaboration' | 'figure';
  text: string;
}

export interface GraphStats {
  articles: number;
  entities: Record<string, number>;
  edges: Record<string, number>;
  figures: number;
}

export interface GraphStore {
  /** Idempotent set-up: constraints, indexes, tables. */
  init(): Promise<void>;
  /** Replace each article's facts (delete its old contribution, then MERGE the new). */
  writeArticles(batch: ArticleFacts[]): Promise<void>;
  removeArticles(ids: string[]): Promise<void>;
  clear(): Promise<void>;

  entity(id: string): Promise<EntityNode | null>;
  entitiesByIds(ids: readonly string[]): Promise<Array<EntityNode | null>>;
  /** By name or alias; substring match, exact matches first. */
  findEntities(q: { type?: EntityType; name?: string; limit?: number; offset?: number }): Promise<EntityNode[]>;
  /** One page of the articles mentioning each entity (newest first) and how many there are, for a page of entities in one call. */
  articlesOf(entityIds: readonly string[], page: { limit: number; offset: number }): Promise<Array<{ total: number; ids: string[] }>>;
  /** The entities each article mentions (by id), one list per article in the order asked; [] for an unknown article. One call for a page of articles. */
  entitiesOfArticles(articleIds: readonly string[]): Promise<EntityNode[][]>;
  neighbors(id: string, q?: NeighborQuery): Promise<Neighborhood>;
  shortestPath(a: string, b: string, opts?: { maxDepth?: number; kinds?: CollaborationKind[] }): Promise<Path | null>;
  collaborations(q: NetworkQuery): Promise<Neighborhood>;
  figures(q: { articleId?: string; entityId?: string; metric?: string; ids?: string[]; limit?: number }): Promise<FigureRecord[]>;
  /**
   * The figures of each article (`by: 'article'`) or about each entity (`by: 'entity'`), one list per key in the order
   * asked, each as figures({articleId | entityId, metric, limit}) would give it: a page of parents in one call.
   */
  figuresOf(by: 'article' | 'entity', keys: readonly string[], q?: { metric?: string; limit?: number }): Promise<FigureRecord[][]>;
  aggregateFigures(q: FigureQuery): Promise<FigureAggregate[]>;
  timeline(id: string): Promise<TimelineEvent[]>;
  stats(): Promise<GraphStats>;
  close(): Promise<void>;
}
