// Neo4j GraphStore (neo4j-driver 6). Writes: chunked `UNWIND $rows … MERGE` in managed transactions
// (executeWrite, retried by the driver); each chunk first deletes its articles' old contribution, so a
// rewrite replaces and a retried chunk converges. Sessions are opened and closed in one wrapper
// (`tx`); integers cross the boundary in neo4j-values.ts; failures become typed errors (errors.ts).
import neo4j, { isRetryableError, Neo4jError, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { listsByKey } from '../archive/group.ts';
import type { CollaborationKind, EntityType } from '../extractor/types.ts';
import type { FigureFact, GraphBackend, PairRow, PairsOptions } from './backend.ts';
import { GraphError, GraphQueryError, GraphUnavailableError } from './errors.ts';
import { EDGE_TYPES, ENTITY_TYPES, STRUCTURAL_TYPES, toRows } from './facts.ts';
import { ARTICLE, EDGE, ENTITY, FIGURE, SCHEMA, W } from './neo4j-cypher.ts';
import { upgradeModel } from './neo4j-upgrade.ts';
import { pairKey, removeChunk, writeChunk } from './neo4j-write.ts';
import { intIn, mentionKeyPrefix, plain } from './neo4j-values.ts';
import { GraphQueries } from './queries.ts';
import { normalizeSnapshot, type GraphSnapshot } from './snapshot.ts';
import type {
  ArticleFacts, ArticleNode, Edge, EntityNode, FigureAggregate, FigureQuery, FigureRecord, GraphStats, GraphStore,
  Neighborhood, NeighborQuery, NetworkQuery, Path, TimelineEvent,
} from './port.ts';

export const Neo4jGraphOptions = z.strictObject({
  /** Bolt URI, e.g. bolt://127.0.0.1:7687 or neo4j+s://host. */
  uri: z.string().min(1),
  /** Default 'neo4j'. */
  user: z.string().default('neo4j'),
  /** Empty means no authentication (the local launcher disables auth). Default ''. */
  password: z.string().default(''),
  /** Database name. Default 'neo4j'. */
  database: z.string().default('neo4j'),
  /** Articles per write transaction (one UNWIND per kind of fact for the whole chunk). Default 1000. */
  batchSize: z.number().int().positive().default(1000),
  /** TCP connect timeout. Default 5 s. */
  connectionTimeoutMs: z.number().int().positive().default(5_000),
  /** Waiting for a pooled connection. Default 10 s. */
  acquisitionTimeoutMs: z.number().int().positive().default(10_000),
  /** How long the driver keeps retrying a write transaction on transient failures. Default 15 s. */
  maxRetryTimeMs: z.number().int().nonnegative().default(15_000),
  /**
   * How long a read keeps retrying while the server is unreachable. Default 1 s: a read answers a request, which
   * should hear "unavailable" at once rather than wait out the API's timeout while the server is down.
   */
  readRetryTimeMs: z.number().int().nonnegative().default(1_000),
});
export type Neo4jGraphOptions = z.input<typeof Neo4jGraphOptions>;

/** Driver failures as our error classes: unavailable/transient → retryable GraphUnavailableError. */
export function toGraphError(e: unknown): Error {
  if (e instanceof GraphError) return e;
  if (e instanceof Neo4jError) {
    const clientFault = e.code.startsWith('Neo.ClientError') || e.code.startsWith('Neo.DatabaseError');
    if (!clientFault || isRetryableError(e)) return new GraphUnavailableError(`Neo4j unavailable: ${e.message}`, { cause: e });
    return new GraphQueryError(`Neo4j refused the query: ${e.message}`, e.code, { cause: e });
  }
  return e instanceof Error ? e : new Error(String(e));
}

type Row = Record<string, any>;
const toEntity = (r: Row): EntityNode => ({ ...r, code: r.code ?? null, level: r.level ?? null, role: r.role ?? null } as EntityNode);
function toEdge(r: Row): Edge {
  const { support, ...rest } = r;
  const e = { ...rest, kind: r.kind ?? null, date: r.date ?? null, evidence: r.evidence ?? null, directed: r.directed === true } as Edge;
  if (support !== null && support !== undefined) e.support = support;
  return e;
}
const toArticle = (r: Row): ArticleNode => ({ id: r.id, url: r.url ?? null, title: r.title, published: r.published ?? null, source: r.source ?? null });
function toFigure(r: Row): FigureRecord {
  return {
    id: r.id, articleId: r.articleId, text: r.text, value: r.value, unit: r.unit, metric: r.metric, subjectId: r.subjectId ?? null,
    subject: r.subject ?? null, time: r.time ?? null, approximate: r.approximate === true, evidence: r.evidence,
    provenance: { sentence: r.sentence, start: r.start, end: r.end }, confidence: r.confidence,
  };
}
const types = (ts: readonly Edge['type'][]) => ts.filter((t) => EDGE_TYPES.includes(t)).join('|');

export class Neo4jGraphStore implements GraphStore, GraphBackend {
  private readonly o: z.output<typeof Neo4jGraphOptions>;
  private readonly driver: Driver;
  private readonly q = new GraphQueries(this);

  constructor(options: Neo4jGraphOptions) {
    this.o = Neo4jGraphOptions.parse(options);
    this.driver = neo4j.driver(this.o.uri, this.o.password ? neo4j.auth.basic(this.o.user, this.o.password) : undefined, {
      connectionTimeout: this.o.connectionTimeoutMs,
      connectionAcquisitionTimeout: this.o.acquisitionTimeoutMs,
      maxTransactionRetryTime: this.o.maxRetryTimeMs,
      maxConnectionPoolSize: 20,
    });
  }

  /** The one place sessions are opened and closed; driver errors leave as typed errors. */
  private async tx<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    if (mode === 'READ') return this.read(work);
    const session = this.driver.session({ database: this.o.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } catch (e) {
      throw toGraphError(e);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /**
   * Reads in an explicit transaction with their own short retry budget (readRetryTimeMs): executeRead would retry
   * an unreachable server for maxRetryTimeMs, longer than the API waits for an answer.
   */
  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const until = Date.now() + this.o.readRetryTimeMs;
    for (;;) {
      const session = this.driver.session({ database: this.o.database, defaultAccessMode: neo4j.session.READ });
      try {
        const tx = session.beginTransaction();
        try {
          const result = await work(tx as unknown as ManagedTransaction);
          await tx.commit();
          return result;
        } catch (e) {
          await tx.rollback().catch(() => undefined);
          throw e;
        }
      } catch (e) {
        const err = toGraphError(e);
        if (!(err instanceof GraphUnavailableError) || Date.now() + 200 > until) throw err;
        await new Promise((r) => setTimeout(r, 200));
      } finally {
        await session.close().catch(() => undefined);
      }
    }
  }

  private rows(cypher: string, params: Row = {}): Promise<Row[]> {
    return this.tx('READ', async (tx) => (await tx.run(cypher, params)).records.map((r) => plain(r.toObject())));
  }

  private async col<T>(cypher: string, params: Row = {}): Promise<T[]> {
    return (await this.rows(cypher, params)).map((r) => Object.values(r)[0] as T);
  }

  async init(): Promise<void> {
    for (const stmt of SCHEMA) await this.tx('WRITE', (tx) => tx.run(stmt));
    // The entity page's queries name their indexes (hints), which must be online: a new index on a large graph
    // (an upgrade) is waited for, however long it takes to fill (minutes at a million articles).
    await this.tx('READ', (tx) => tx.run('CALL db.awaitIndexes(3600)'));
    try {
      await upgradeModel(this.driver, this.o.database);
    } catch (e) {
      throw toGraphError(e);
    }
  }

  async writeArticles(batch: ArticleFacts[]): Promise<void> {
    const rows = toRows(batch);
    for (let i = 0; i < rows.length; i += this.o.batchSize) {
      const chunk = rows.slice(i, i + this.o.batchSize);
      await this.tx('WRITE', (tx) => writeChunk(tx, chunk));
    }
  }

  async removeArticles(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += this.o.batchSize) {
      const chunk = ids.slice(i, i + this.o.batchSize);
      await this.tx('WRITE', (tx) => removeChunk(tx, chunk));
    }
  }

  async clear(): Promise<void> {
    for (;;) {
      const n = await this.tx('WRITE', async (tx) => plain((await tx.run(W.clear)).records[0].get('n')) as number);
      if (n === 0) return;
    }
  }

  // ---- port queries -------------------------------------------------------------------------------

  async entity(id: string): Promise<EntityNode | null> {
    return (await this.nodes([id]))[0] ?? null;
  }

  async entitiesByIds(ids: readonly string[]): Promise<Array<EntityNode | null>> {
    const found = new Map((await this.nodes(ids)).map((n) => [n.id, n]));
    return ids.map((id) => found.get(id) ?? null);
  }

  async findEntities(q: { type?: EntityType; name?: string; limit?: number; offset?: number }): Promise<EntityNode[]> {
    const rows = await this.rows(`MATCH (e:Entity)
      WHERE ($type IS NULL OR e.type = $type) AND ($q IS NULL OR e.name CONTAINS $q OR any(a IN e.aliases WHERE a CONTAINS $q))
      WITH e, CASE WHEN e.name = $q OR $q IN e.aliases THEN 0 ELSE 1 END AS rank, COUNT { (e)<-[:MENTIONS]-(:Article) } AS n
      ORDER BY rank, n DESC, e.id SKIP $offset LIMIT $limit RETURN ${ENTITY} AS e`,
    { type: q.type ?? null, q: q.name || null, offset: intIn(q.offset ?? 0), limit: intIn(q.limit ?? 20) });
    return rows.map((r) => toEntity(r.e));
  }

  async articlesOf(entityIds: readonly string[], page: { limit: number; offset: number }): Promise<Array<{ total: number; ids: string[] }>> {
    // Per entity: its count (the node's MENTIONS degree, which Neo4j keeps), and its page read in order from the
    // kg_mentions_recent index (mentionOrderKey) and stopped at the page's end, so a hub's thousands of mentions are
    // neither walked nor sorted (the hint: without it the planner scans the index from its start). The subquery always yields one row, even when the page is empty.
    const keys = [...new Set(entityIds)];
    const rows = await this.rows(`UNWIND $keys AS k MATCH (e:Entity {id: k.id})
      WITH k, COUNT { (e)<-[:MENTIONS]-() } AS total
      CALL (k) { MATCH (a:Article)-[m:MENTIONS]->() USING INDEX m:MENTIONS(recent) WHERE m.recent STARTS WITH k.prefix
        WITH a, m ORDER BY m.recent SKIP $offset LIMIT $limit RETURN collect(a.id) AS ids }
      RETURN k.id AS key, total, ids`,
    { keys: keys.map((id) => ({ id, prefix: mentionKeyPrefix(id) })), offset: intIn(page.offset), limit: intIn(page.limit) });
    const byKey = new Map(rows.map((r) => [r.key as string, { total: r.total as number, ids: r.ids as string[] }]));
    return entityIds.map((id) => byKey.get(id) ?? { total: 0, ids: [] });
  }

  async entitiesOfArticles(articleIds: readonly string[]): Promise<EntityNode[][]> {
    const rows = await this.rows(`UNWIND $ids AS id MATCH (:Article {id: id})-[:MENTIONS]->(e:Entity)
      RETURN id, ${ENTITY} AS e ORDER BY e.id`, { ids: [...new Set(articleIds)] });
    return listsByKey(articleIds, rows, (r) => r.id, (r) => toEntity(r.e));
  }

  neighbors(id: string, q?: NeighborQuery): Promise<Neighborhood> { return this.q.neighbors(id, q); }
  shortestPath(a: string, b: string, opts?: { maxDepth?: number; kinds?: CollaborationKind[] }): Promise<Path | null> { return this.q.shortestPath(a, b, opts); }
  collaborations(q: NetworkQuery): Promise<Neighborhood> { return this.q.collaborations(q); }
  aggregateFigures(q: FigureQuery): Promise<FigureAggregate[]> { return this.q.aggregateFigures(q); }
  timeline(id: string): Promise<TimelineEvent[]> { return this.q.timeline(id); }

  async figures(q: { articleId?: string; entityId?: string; metric?: string; ids?: readonly string[]; limit?: number }): Promise<FigureRecord[]> {
    // Only the filters asked for go into the statement (a `$x IS NULL OR …` form reads every figure).
    const filters: Array<[unknown, string]> = [
      [q.articleId, 'f.articleId = $a'], [q.entityId, 'f.subjectId = $e'], [q.metric, 'f.metric = $m'], [q.ids, 'f.id IN $ids'],
    ];
    const where = filters.filter(([given]) => given !== undefined).map(([, cond]) => cond);
    const rows = await this.rows(`MATCH (f:Figure) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      RETURN ${FIGURE} AS f ORDER BY f.articleId, f.sentence, f.id LIMIT $limit`,
    { a: q.articleId ?? null, e: q.entityId ?? null, m: q.metric ?? null, ids: q.ids ?? null, limit: intIn(q.limit ?? 100) });
    return rows.map((r) => toFigure(r.f));
  }

  async figuresOf(by: 'article' | 'entity', keys: readonly string[], q: { metric?: string; limit?: number } = {}): Promise<FigureRecord[][]> {
    // One subquery per key, so each key keeps its own first `limit` figures. An entity's are read in order from
    // kg_figure_subject_order and stopped at the limit (a hub is the subject of thousands); an article has few.
    const match = by === 'article'
      ? 'MATCH (f:Figure) WHERE f.articleId = key'
      : `MATCH (f:Figure) USING INDEX f:Figure(subjectId, articleId, sentence, id)
          WHERE f.subjectId = key AND f.articleId IS NOT NULL AND f.sentence IS NOT NULL AND f.id IS NOT NULL`;
    const rows = await this.rows(`UNWIND $keys AS key CALL (key) { ${match} AND ($m IS NULL OR f.metric = $m)
        RETURN f ORDER BY f.${by === 'article' ? 'articleId' : 'subjectId'}, f.articleId, f.sentence, f.id LIMIT $limit }
      RETURN key, ${FIGURE} AS f ORDER BY f.articleId, f.sentence, f.id`, { keys: [...new Set(keys)], m: q.metric ?? null, limit: intIn(q.limit ?? 100) });
    return listsByKey(keys, rows, (r) => r.key, (r) => toFigure(r.f));
  }

  async stats(): Promise<GraphStats> {
    const [articles] = await this.col<number>('MATCH (a:Article) RETURN count(a)');
    const [figures] = await this.col<number>('MATCH (f:Figure) RETURN count(f)');
    const entities: Record<string, number> = Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0]));
    for (const r of await this.rows('MATCH (e:Entity) RETURN e.type AS type, count(*) AS n')) entities[r.type] = r.n;
    const edges: Record<string, number> = {};
    for (const t of EDGE_TYPES) [edges[t]] = await this.col<number>(`MATCH ()-[r:${t}]->() RETURN count(r)`);
    return { articles, entities, edges, figures };
  }

  async snapshot(): Promise<GraphSnapshot> {
    return normalizeSnapshot({
      articles: (await this.rows(`MATCH (a:Article) RETURN ${ARTICLE} AS a`)).map((r) => toArticle(r.a)),
      entities: (await this.rows(`MATCH (e:Entity) RETURN ${ENTITY} AS e`)).map((r) => toEntity(r.e)),
      edges: (await this.rows(`MATCH ()-[r:${types(EDGE_TYPES)}]->() RETURN ${EDGE} AS r`)).map((r) => toEdge(r.r)),
      figures: (await this.rows(`MATCH (f:Figure) RETURN ${FIGURE} AS f`)).map((r) => toFigure(r.f)),
      statements: (await this.rows(`MATCH (a:Article)-[s:STATES]->(x:Entity)
        RETURN { type: s.type, from: x.id, to: s.to, articleId: a.id, sentence: s.sentence, evidence: s.evidence, date: s.date } AS s`))
        .map((r) => ({ ...r.s, evidence: r.s.evidence ?? null, date: r.s.date ?? null })),
      pairs: (await this.rows('MATCH (x:Entity)-[p:COLLAB_PAIR]->(y:Entity) RETURN x.id AS a, y.id AS b, p.n AS n')) as GraphSnapshot['pairs'],
    });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  // ---- GraphBackend -------------------------------------------------------------------------------

  async edgesAround(ids: readonly string[], ts: readonly Edge['type'][]): Promise<Edge[]> {
    const rows = await this.rows(`UNWIND $ids AS id MATCH (:Entity {id: id})-[r:${types(ts)}]-(:Entity)
      WITH DISTINCT r RETURN ${EDGE} AS r`, { ids });
    return rows.map((r) => toEdge(r.r));
  }

  async pairsAround(ids: readonly string[], ts: readonly Edge['type'][], opts: PairsOptions): Promise<PairRow[]> {
    if (!ids.length) return [];
    const p = { ids, exclude: opts.exclude ?? null, top: intIn(opts.perEdge || opts.top === undefined ? 2 ** 31 - 1 : opts.top) };
    const other = '($exclude IS NULL OR NOT y.id IN $exclude)';
    // Highest n first, then id; at most $top per id and type.
    const top = `WITH id, type, y, n ORDER BY n DESC, y.id
      WITH id, type, collect({ to: y.id, toType: y.type, n: n })[..$top] AS best UNWIND best AS b
      RETURN id AS from, b.to AS to, b.toType AS toType, type, b.n AS n`;
    const rows: Row[] = [];
    const structural = ts.filter((t) => STRUCTURAL_TYPES.includes(t));
    if (structural.length) {
      rows.push(...await this.rows(`UNWIND $ids AS id MATCH (:Entity {id: id})-[r:${types(structural)}]-(y:Entity) WHERE ${other}
        WITH id, type(r) AS type, y, r.support AS n ${top}`, p));
    }
    if (ts.includes('COLLABORATES')) {
      rows.push(...await this.rows(opts.perEdge
        ? `UNWIND $ids AS id MATCH (:Entity {id: id})-[r:COLLABORATES]-(y:Entity) WHERE ${other}
            RETURN id AS from, y.id AS to, y.type AS toType, 'COLLABORATES' AS type, 1 AS n, r.kind AS kind, r.date AS date`
        : `UNWIND $ids AS id MATCH (:Entity {id: id})-[p:COLLAB_PAIR]-(y:Entity) WHERE ${other}
            WITH id, 'COLLABORATES' AS type, y, p.n AS n ${top}`, p));
    }
    return rows as PairRow[];
  }

  async pairsAmong(ids: readonly string[], ts: readonly Edge['type'][], opts: { perEdge: boolean }): Promise<PairRow[]> {
    if (!ids.length) return [];
    const rows: Row[] = [];
    const structural = ts.filter((t) => STRUCTURAL_TYPES.includes(t));
    if (structural.length) {
      rows.push(...await this.rows(`MATCH (x:Entity)-[r:${types(structural)}]->(y:Entity) WHERE x.id IN $ids AND y.id IN $ids
        RETURN x.id AS from, y.id AS to, y.type AS toType, type(r) AS type, r.support AS n`, { ids }));
    }
    if (ts.includes('COLLABORATES')) {
      rows.push(...await this.rows(opts.perEdge
        ? `MATCH (x:Entity)-[r:COLLABORATES]->(y:Entity) WHERE x.id IN $ids AND y.id IN $ids
            RETURN x.id AS from, y.id AS to, y.type AS toType, 'COLLABORATES' AS type, 1 AS n, r.kind AS kind, r.date AS date`
        : `MATCH (x:Entity)-[p:COLLAB_PAIR]->(y:Entity) WHERE x.id IN $ids AND y.id IN $ids
            RETURN x.id AS from, y.id AS to, y.type AS toType, 'COLLABORATES' AS type, p.n AS n`, { ids }));
    }
    return rows as PairRow[];
  }

  async edgesBetween(pairs: ReadonlyArray<readonly [string, string]>, ts: readonly Edge['type'][], perPair: number): Promise<Edge[]> {
    if (!pairs.length) return [];
    const out: Edge[] = [];
    const structural = ts.filter((t) => STRUCTURAL_TYPES.includes(t));
    if (structural.length) {
      out.push(...(await this.rows(`UNWIND $pairs AS p MATCH (:Entity {id: p[0]})-[r:${types(structural)}]-(:Entity {id: p[1]})
        RETURN ${EDGE} AS r`, { pairs })).map((r) => toEdge(r.r)));
    }
    if (ts.includes('COLLABORATES')) {
      out.push(...(await this.rows(`UNWIND $keys AS key CALL (key) {
          MATCH ()-[r:COLLABORATES {pair: key}]->()
          WITH r ORDER BY r.date IS NULL, r.date DESC, r.articleId, r.sentence, r.kind, startNode(r).id LIMIT $k RETURN r
        } RETURN ${EDGE} AS r`,
      { keys: [...new Set(pairs.map(([x, y]) => pairKey(x, y)))], k: intIn(perPair) })).map((r) => toEdge(r.r)));
    }
    return out;
  }

  async nodes(ids: readonly string[]): Promise<EntityNode[]> {
    if (!ids.length) return [];
    return (await this.rows(`UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN ${ENTITY} AS e`, { ids: [...new Set(ids)] })).map((r) => toEntity(r.e));
  }

  placesNamed(place: string): Promise<string[]> {
    return this.col(`MATCH (p:Place) WHERE p.id = $q OR p.code = $q OR p.name = $q OR $q IN p.aliases RETURN p.id`, { q: place });
  }

  placesUnderCode(prefix: string): Promise<string[]> {
    return this.col(`MATCH (p:Place) WHERE p.code STARTS WITH $prefix RETURN p.id`, { prefix });
  }

  childPlaces(ids: readonly string[]): Promise<string[]> {
    return this.col(`UNWIND $ids AS id MATCH (c:Entity)-[:PART_OF]->(:Entity {id: id}) RETURN DISTINCT c.id`, { ids });
  }

  locatedIn(placeIds: readonly string[]): Promise<string[]> {
    return this.col(`UNWIND $ids AS id MATCH (i:Entity)-[:LOCATED_IN]->(:Entity {id: id})
      WHERE i:Hospital OR i:Organization RETURN DISTINCT i.id`, { ids: placeIds });
  }

  async collaborationPairs(): Promise<Array<[string, string]>> {
    return (await this.rows('MATCH (x:Entity)-[:COLLAB_PAIR]->(y:Entity) RETURN x.id AS a, y.id AS b')).map((r) => [r.a, r.b]);
  }

  entitiesNamed(q: string): Promise<string[]> {
    return this.col(`MATCH (e:Entity) WHERE e.id = $q OR e.name = $q OR $q IN e.aliases RETURN e.id`, { q });
  }

  async figureFacts(q: { metric?: string; subjectIds?: readonly string[] }): Promise<FigureFact[]> {
    // Only the filters asked for go into the statement: a `$x IS NULL OR …` form keeps the planner off the indexes.
    const where = [...(q.metric !== undefined ? ['f.metric = $m'] : []), ...(q.subjectIds ? ['f.subjectId IN $s'] : [])];
    const rows = await this.rows(`MATCH (a:Article)-[:REPORTS]->(f:Figure)
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      OPTIONAL MATCH (f)-[:ABOUT]->(s:Entity)
      CALL (s) {
        OPTIONAL MATCH (s)-[:LOCATED_IN]->(p:Place)
        RETURN collect(DISTINCT p { .id, .name, level: p.level }) AS located
      }
      RETURN ${FIGURE} AS f, a.published AS published, s.type AS subjectType, s.name AS subjectName,
        CASE WHEN s:Place THEN [s { .id, .name, level: s.level }] ELSE located END AS places`,
    { m: q.metric ?? null, s: q.subjectIds ?? null });
    return rows.map((r) => ({
      figure: toFigure(r.f), published: r.published ?? null, subjectType: r.subjectType ?? null, subjectName: r.subjectName ?? null,
      places: (r.places as Row[]).map((p) => ({ id: p.id, name: p.name, level: p.level ?? null })),
    }));
  }

  async articles(ids: readonly string[]): Promise<ArticleNode[]> {
    if (!ids.length) return [];
    return (await this.rows(`UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN ${ARTICLE} AS a`, { ids })).map((r) => toArticle(r.a));
  }

  async mentioningArticles(entityId: string): Promise<ArticleNode[]> {
    return (await this.rows(`MATCH (:Entity {id: $id})<-[:MENTIONS]-(a:Article) RETURN ${ARTICLE} AS a`, { id: entityId })).map((r) => toArticle(r.a));
  }
}
