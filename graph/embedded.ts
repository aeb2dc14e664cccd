// Embedded GraphStore: the graph as tables in the archive's own SQLite file, so a fresh clone needs no server.
// Holds the same facts as the Neo4j adapter; traversal and aggregation come from queries.ts.
import type Database from 'better-sqlite3';
import { listsByKey } from '../archive/group.ts';
import { migrate } from '../archive/migrate.ts';
import { statementCache } from '../archive/statements.ts';
import type { CollaborationKind, EntityType } from '../extractor/types.ts';
import type { FigureFact, GraphBackend, PairRow, PairsOptions, PlaceRef } from './backend.ts';
import { GRAPH_MIGRATIONS } from './embedded-schema.ts';
import { EmbeddedWriter, Touched } from './embedded-write.ts';
import { EDGE_TYPES, ENTITY_TYPES, STRUCTURAL_TYPES, toRows } from './facts.ts';
import { GraphQueries } from './queries.ts';
import type {
  ArticleFacts, ArticleNode, Edge, EntityNode, FigureAggregate, FigureQuery, FigureRecord, GraphStats, GraphStore,
  Neighborhood, NeighborQuery, NetworkQuery, Path, TimelineEvent,
} from './port.ts';
import { normalizeSnapshot, type GraphSnapshot } from './snapshot.ts';

type Row = Record<string, any>;
const J = (ids: readonly string[]) => JSON.stringify(ids);
const IN = (param: string) => `(SELECT value FROM json_each(@${param}))`;
const ENTITY_COLS = 'e.id, e.type, e.name, e.aliases, e.code, e.level, e.role, e.article_count';

function toEntity(r: Row): EntityNode {
  return {
    id: r.id, type: r.type as EntityType, name: r.name, aliases: JSON.parse(r.aliases),
    code: r.code ?? null, level: r.level ?? null, role: r.role ?? null, articleCount: r.article_count,
  };
}

function toEdge(r: Row): Edge {
  return {
    type: r.type, from: r.src, to: r.dst, kind: (r.kind ?? null) as CollaborationKind | null, date: r.date ?? null,
    articleId: r.article_id, evidence: r.evidence ?? null, directed: r.directed === 1, sentence: r.sentence,
  };
}

/** A structural link (graph_link row): once per pair, with its support. */
function toLink(r: Row): Edge {
  return {
    type: r.type, from: r.src, to: r.dst, kind: null, date: r.date ?? null, articleId: r.article_id, evidence: r.evidence ?? null,
    directed: true, sentence: r.sentence, support: r.support,
  };
}

const LINK_COLS = 'l.src, l.type, l.dst, l.support, l.article_id, l.date, l.evidence, l.sentence';
/** The pairs of edgesBetween, as a CTE `p(a, b)`. */
const PAIRS = `p AS (SELECT json_extract(value, '$[0]') AS a, json_extract(value, '$[1]') AS b FROM json_each(@pairs))`;

function toFigure(r: Row): FigureRecord {
  return {
    id: r.id, articleId: r.article_id, text: r.text, value: r.value, unit: r.unit, metric: r.metric,
    subjectId: r.subject_id ?? null, subject: r.subject ?? null, time: r.time ?? null, approximate: r.approximate === 1,
    evidence: r.evidence, provenance: { sentence: r.sentence, start: r.start, end: r.end }, confidence: r.confidence,
  };
}

const toArticle = (r: Row): ArticleNode => ({ id: r.id, url: r.url ?? null, title: r.title, published: r.published ?? null, source: r.source ?? null });

export class EmbeddedGraphStore implements GraphStore, GraphBackend {
  private readonly q = new GraphQueries(this);
  private readonly w: EmbeddedWriter;
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.stmt = statementCache(db);
    this.w = new EmbeddedWriter(db);
  }

  async init(): Promise<void> {
    migrate(this.db, 'graph', GRAPH_MIGRATIONS);
  }

  /** One SQLite transaction per call: the batch is written whole or not at all. */
  async writeArticles(batch: ArticleFacts[]): Promise<void> {
    const rows = toRows(batch);
    this.db.transaction(() => {
      const t = new Touched();
      for (const r of rows) {
        this.w.drop(r.article.id, t);
        this.w.insert(r, t);
      }
      this.w.finish(t, rows);
    }).immediate();
  }

  async removeArticles(ids: string[]): Promise<void> {
    this.db.transaction(() => {
      const t = new Touched();
      for (const id of ids) {
        this.w.drop(id, t);
        this.db.prepare('DELETE FROM graph_article WHERE id = ?').run(id);
      }
      this.w.finish(t, []);
    }).immediate();
  }

  async clear(): Promise<void> {
    this.db.exec(`DELETE FROM graph_edge; DELETE FROM graph_statement; DELETE FROM graph_link; DELETE FROM graph_pair;
      DELETE FROM graph_figure; DELETE FROM graph_mention; DELETE FROM graph_entity; DELETE FROM graph_article;`);
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
    const rows = this.db.prepare(`SELECT ${ENTITY_COLS},
        CASE WHEN e.name = @q OR EXISTS (SELECT 1 FROM json_each(e.aliases) WHERE value = @q) THEN 0 ELSE 1 END AS rank
      FROM graph_entity e
      WHERE (@type IS NULL OR e.type = @type)
        AND (@q IS NULL OR instr(e.name, @q) > 0 OR EXISTS (SELECT 1 FROM json_each(e.aliases) WHERE instr(value, @q) > 0))
      ORDER BY rank, article_count DESC, e.id LIMIT @limit OFFSET @offset`)
      .all({ type: q.type ?? null, q: q.name || null, limit: q.limit ?? 20, offset: q.offset ?? 0 }) as Row[];
    return rows.map(toEntity);
  }


  async articlesOf(entityIds: readonly string[], page: { limit: number; offset: number }): Promise<Array<{ total: number; ids: string[] }>> {
    // In-process SQLite has no round trip to save: one indexed read per entity beats ranking every mention at once.
    // The total is the count kept on the entity; the page is read in date order from graph_mention_recent and
    // stops at the limit, so a hub named by 100,000 articles costs what a rare name costs.
    const count = this.stmt('SELECT article_count FROM graph_entity WHERE id = ?').pluck();
    const pageOf = this.stmt(`SELECT article_id FROM graph_mention WHERE entity_id = ?
      ORDER BY published IS NULL, published DESC, article_id LIMIT ? OFFSET ?`).pluck();
    const one = new Map<string, { total: number; ids: string[] }>();
    for (const id of entityIds) {
      if (!one.has(id)) one.set(id, { total: (count.get(id) as number | undefined) ?? 0, ids: pageOf.all(id, page.limit, page.offset) as string[] });
    }
    return entityIds.map((id) => one.get(id)!);
  }

  async entitiesOfArticles(articleIds: readonly string[]): Promise<EntityNode[][]> {
    const rows = this.db.prepare(`SELECT mm.article_id AS article_id, ${ENTITY_COLS} FROM graph_mention mm JOIN graph_entity e ON e.id = mm.entity_id
      WHERE mm.article_id IN ${IN('ids')} ORDER BY e.id`).all({ ids: J(articleIds) }) as Row[];
    return listsByKey(articleIds, rows, (r) => r.article_id, toEntity);
  }

  neighbors(id: string, q?: NeighborQuery): Promise<Neighborhood> { return this.q.neighbors(id, q); }
  shortestPath(a: string, b: string, opts?: { maxDepth?: number; kinds?: CollaborationKind[] }): Promise<Path | null> { return this.q.shortestPath(a, b, opts); }
  collaborations(q: NetworkQuery): Promise<Neighborhood> { return this.q.collaborations(q); }
  aggregateFigures(q: FigureQuery): Promise<FigureAggregate[]> { return this.q.aggregateFigures(q); }
  timeline(id: string): Promise<TimelineEvent[]> { return this.q.timeline(id); }

  async figures(q: { articleId?: string; entityId?: string; metric?: string; ids?: readonly string[]; limit?: number }): Promise<FigureRecord[]> {
    // Only the filters asked for go into the statement (an `@x IS NULL OR …` form reads every figure), so a look-up
    // by ids, article or subject is an index seek.
    const filters: Array<[unknown, string, string, unknown]> = [
      [q.articleId, 'a', 'article_id = @a', q.articleId], [q.entityId, 'e', 'subject_id = @e', q.entityId],
      [q.metric, 'm', 'metric = @m', q.metric], [q.ids, 'ids', `id IN ${IN('ids')}`, q.ids && J(q.ids)],
    ];
    const used = filters.filter(([given]) => given !== undefined);
    const rows = this.db.prepare(`SELECT * FROM graph_figure ${used.length ? `WHERE ${used.map((f) => f[2]).join(' AND ')}` : ''}
      ORDER BY article_id, sentence, id LIMIT @limit`)
      .all({ ...Object.fromEntries(used.map(([, name, , value]) => [name, value])), limit: q.limit ?? 100 }) as Row[];
    return rows.map(toFigure);
  }

  async figuresOf(by: 'article' | 'entity', keys: readonly string[], q: { metric?: string; limit?: number } = {}): Promise<FigureRecord[][]> {
    const col = by === 'article' ? 'article_id' : 'subject_id';
    // Each key's first `limit` figures, in the order figures() gives them: one indexed read per key that stops at
    // the limit (graph_figure_subject_order), not every figure of the keys ranked (a hub is the subject of thousands).
    const firstOf = this.stmt(`SELECT * FROM graph_figure WHERE ${col} = ? AND (? IS NULL OR metric = ?) ORDER BY article_id, sentence, id LIMIT ?`);
    const rows: Row[] = [];
    for (const key of new Set(keys)) rows.push(...(firstOf.all(key, q.metric ?? null, q.metric ?? null, q.limit ?? 100) as Row[]));
    return listsByKey(keys, rows, (r) => r[col], toFigure);
  }

  async stats(): Promise<GraphStats> {
    const count = (sql: string) => this.db.prepare(sql).pluck().get() as number;
    const byType = (sql: string, keys: readonly string[]) => {
      const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
      for (const r of this.db.prepare(sql).all() as Row[]) out[r.type] = r.n;
      return out;
    };
    return {
      articles: count('SELECT count(*) FROM graph_article'),
      entities: byType('SELECT type, count(*) AS n FROM graph_entity GROUP BY type', ENTITY_TYPES),
      edges: byType(`SELECT type, count(*) AS n FROM graph_edge GROUP BY type UNION ALL SELECT type, count(*) FROM graph_link GROUP BY type`, EDGE_TYPES),
      figures: count('SELECT count(*) FROM graph_figure'),
    };
  }

  /** Everything the store holds, sorted: for tests and for comparing two stores. */
  async snapshot(): Promise<GraphSnapshot> {
    const all = (sql: string) => this.db.prepare(sql).all() as Row[];
    return normalizeSnapshot({
      articles: all('SELECT * FROM graph_article ORDER BY id').map(toArticle),
      entities: all(`SELECT ${ENTITY_COLS} FROM graph_entity e ORDER BY e.id`).map(toEntity),
      edges: [...all('SELECT * FROM graph_edge').map(toEdge), ...all('SELECT * FROM graph_link').map(toLink)],
      figures: all('SELECT * FROM graph_figure ORDER BY id').map(toFigure),
      statements: all('SELECT * FROM graph_statement').map((r) => ({
        type: r.type, from: r.src, to: r.dst, articleId: r.article_id, sentence: r.sentence, evidence: r.evidence ?? null, date: r.date ?? null,
      })),
      pairs: all('SELECT * FROM graph_pair').map((r) => ({ a: r.a, b: r.b, n: r.n })),
    });
  }

  async close(): Promise<void> {
    // The database belongs to the archive, which closes it.
  }

  // ---- GraphBackend -------------------------------------------------------------------------------

  async edgesAround(ids: readonly string[], types: readonly Edge['type'][]): Promise<Edge[]> {
    const p = { ids: J(ids), types: J(types) };
    const collabs = types.includes('COLLABORATES') ? this.db.prepare(`SELECT * FROM graph_edge WHERE src IN ${IN('ids')}
      UNION SELECT * FROM graph_edge WHERE dst IN ${IN('ids')}`).all({ ids: p.ids }) as Row[] : [];
    const links = this.db.prepare(`SELECT * FROM graph_link WHERE src IN ${IN('ids')} AND type IN ${IN('types')}
      UNION SELECT * FROM graph_link WHERE dst IN ${IN('ids')} AND type IN ${IN('types')}`).all(p) as Row[];
    return [...collabs.map(toEdge), ...links.map(toLink)];
  }

  async pairsAround(ids: readonly string[], types: readonly Edge['type'][], opts: PairsOptions): Promise<PairRow[]> {
    if (!ids.length) return [];
    const p = { ids: J(ids), types: J(types), exclude: opts.exclude ? J(opts.exclude) : null };
    const other = (col: string) => `(@exclude IS NULL OR ${col} NOT IN ${IN('exclude')})`;
    const arms: string[] = [];
    if (types.some((t) => STRUCTURAL_TYPES.includes(t))) {
      arms.push(`SELECT l.src AS "from", l.dst AS "to", e.type AS toType, l.type, l.support AS n, NULL AS kind, NULL AS date
          FROM graph_link l JOIN graph_entity e ON e.id = l.dst WHERE l.src IN ${IN('ids')} AND l.type IN ${IN('types')} AND ${other('l.dst')}
        UNION ALL SELECT l.dst, l.src, e.type, l.type, l.support, NULL, NULL
          FROM graph_link l JOIN graph_entity e ON e.id = l.src WHERE l.dst IN ${IN('ids')} AND l.type IN ${IN('types')} AND ${other('l.src')}`);
    }
    // Top partners per node read in support order from graph_pair's (a|b, n DESC) indexes, stopping at `top`.
    const topCollabs = opts.top !== undefined && !opts.perEdge && types.includes('COLLABORATES');
    if (types.includes('COLLABORATES') && !topCollabs) {
      arms.push(opts.perEdge
        ? `SELECT g.src AS "from", g.dst AS "to", e.type AS toType, 'COLLABORATES' AS type, 1 AS n, g.kind, g.date
            FROM graph_edge g JOIN graph_entity e ON e.id = g.dst WHERE g.src IN ${IN('ids')} AND ${other('g.dst')}
          UNION ALL SELECT g.dst, g.src, e.type, 'COLLABORATES', 1, g.kind, g.date
            FROM graph_edge g JOIN graph_entity e ON e.id = g.src WHERE g.dst IN ${IN('ids')} AND ${other('g.src')}`
        : `SELECT p.a AS "from", p.b AS "to", e.type AS toType, 'COLLABORATES' AS type, p.n, NULL AS kind, NULL AS date
            FROM graph_pair p JOIN graph_entity e ON e.id = p.b WHERE p.a IN ${IN('ids')} AND ${other('p.b')}
          UNION ALL SELECT p.b, p.a, e.type, 'COLLABORATES', p.n, NULL, NULL
            FROM graph_pair p JOIN graph_entity e ON e.id = p.a WHERE p.b IN ${IN('ids')} AND ${other('p.a')}`);
    }
    const out: PairRow[] = topCollabs ? this.topPartners(ids, opts.top!, p.exclude) : [];
    if (!arms.length) return out;
    const all = arms.join(' UNION ALL ');
    const sql = opts.top !== undefined && !opts.perEdge
      ? `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY "from", type ORDER BY n DESC, "to") AS rn FROM (${all})) WHERE rn <= @top`
      : all;
    const rows = this.db.prepare(sql).all(opts.top !== undefined && !opts.perEdge ? { ...p, top: opts.top } : p) as Row[];
    return [...out, ...rows.map((r) => ({ from: r.from, to: r.to, toType: r.toType, type: r.type, n: r.n, kind: r.kind, date: r.date }))];
  }

  /** Each node's `top` collaboration partners (highest count, then id), not in `exclude`. */
  private topPartners(ids: readonly string[], top: number, exclude: string | null): PairRow[] {
    const side = (me: string, other: string) => this.db.prepare(`SELECT p.${other} AS "to", e.type AS toType, p.n FROM graph_pair p
      JOIN graph_entity e ON e.id = p.${other} WHERE p.${me} = @id AND (@exclude IS NULL OR p.${other} NOT IN ${IN('exclude')})
      ORDER BY p.n DESC, p.${other} LIMIT @top`);
    const [asA, asB] = [side('a', 'b'), side('b', 'a')];
    const out: PairRow[] = [];
    for (const id of ids) {
      const both = [...asA.all({ id, exclude, top }), ...asB.all({ id, exclude, top })] as Row[];
      both.sort((x, y) => y.n - x.n || (x.to < y.to ? -1 : x.to > y.to ? 1 : 0));
      for (const r of both.slice(0, top)) out.push({ from: id, to: r.to, toType: r.toType, type: 'COLLABORATES', n: r.n });
    }
    return out;
  }

  async pairsAmong(ids: readonly string[], types: readonly Edge['type'][], opts: { perEdge: boolean }): Promise<PairRow[]> {
    if (!ids.length) return [];
    const p = { ids: J(ids), types: J(types) };
    const rows: Row[] = [];
    if (types.some((t) => STRUCTURAL_TYPES.includes(t))) {
      rows.push(...this.db.prepare(`SELECT l.src AS "from", l.dst AS "to", e.type AS toType, l.type, l.support AS n
        FROM graph_link l JOIN graph_entity e ON e.id = l.dst
        WHERE l.src IN ${IN('ids')} AND l.type IN ${IN('types')} AND l.dst IN ${IN('ids')}`).all(p) as Row[]);
    }
    if (types.includes('COLLABORATES')) {
      rows.push(...this.db.prepare(opts.perEdge
        ? `SELECT g.src AS "from", g.dst AS "to", e.type AS toType, 'COLLABORATES' AS type, 1 AS n, g.kind, g.date
            FROM graph_edge g JOIN graph_entity e ON e.id = g.dst WHERE g.src IN ${IN('ids')} AND g.dst IN ${IN('ids')}`
        : `SELECT p.a AS "from", p.b AS "to", e.type AS toType, 'COLLABORATES' AS type, p.n
            FROM graph_pair p JOIN graph_entity e ON e.id = p.b WHERE p.a IN ${IN('ids')} AND p.b IN ${IN('ids')}`).all({ ids: p.ids }) as Row[]);
    }
    return rows as PairRow[];
  }

  async edgesBetween(pairs: ReadonlyArray<readonly [string, string]>, types: readonly Edge['type'][], perPair: number): Promise<Edge[]> {
    if (!pairs.length) return [];
    const p = { pairs: JSON.stringify(pairs), types: J(types) };
    const out: Edge[] = [];
    if (types.some((t) => STRUCTURAL_TYPES.includes(t))) {
      out.push(...(this.db.prepare(`WITH ${PAIRS}
        SELECT ${LINK_COLS} FROM p JOIN graph_link l ON l.src = p.a AND l.dst = p.b WHERE l.type IN ${IN('types')}
        UNION ALL SELECT ${LINK_COLS} FROM p JOIN graph_link l ON l.src = p.b AND l.dst = p.a WHERE l.type IN ${IN('types')}`).all(p) as Row[]).map(toLink));
    }
    if (types.includes('COLLABORATES')) {
      // Ranked on the covering index (graph_edge_order); only the rows kept are read whole.
      const cols = 'g.id, g.date, g.article_id, g.sentence, g.kind, g.src';
      out.push(...(this.db.prepare(`WITH ${PAIRS}, c AS (
          SELECT ${cols}, p.a AS pa, p.b AS pb FROM p JOIN graph_edge g ON g.src = p.a AND g.dst = p.b
          UNION ALL SELECT ${cols}, p.a, p.b FROM p JOIN graph_edge g ON g.src = p.b AND g.dst = p.a),
        r AS (SELECT id, row_number() OVER (PARTITION BY pa, pb
          ORDER BY date IS NULL, date DESC, article_id, sentence, kind, src) AS rn FROM c)
        SELECT g.* FROM r JOIN graph_edge g ON g.id = r.id WHERE r.rn <= @k`)
        .all({ pairs: p.pairs, k: perPair }) as Row[]).map(toEdge));
    }
    return out;
  }

  async nodes(ids: readonly string[]): Promise<EntityNode[]> {
    if (!ids.length) return [];
    return (this.db.prepare(`SELECT ${ENTITY_COLS} FROM graph_entity e WHERE e.id IN ${IN('ids')}`).all({ ids: J(ids) }) as Row[]).map(toEntity);
  }

  async placesNamed(place: string): Promise<string[]> {
    return this.db.prepare(`SELECT id FROM graph_entity WHERE type = 'place' AND (id = @q OR code = @q OR name = @q
      OR EXISTS (SELECT 1 FROM json_each(aliases) WHERE value = @q))`).pluck().all({ q: place }) as string[];
  }

  async placesUnderCode(prefix: string): Promise<string[]> {
    // a range rather than LIKE, so that an index on code can serve it: codes are digits, '32' ≤ code < '32:'
    return this.db.prepare(`SELECT id FROM graph_entity WHERE type = 'place' AND code >= @lo AND code < @hi`).pluck().all({ lo: prefix, hi: `${prefix}:` }) as string[];
  }

  async childPlaces(ids: readonly string[]): Promise<string[]> {
    return this.db.prepare(`SELECT src FROM graph_link WHERE type = 'PART_OF' AND dst IN ${IN('ids')}`).pluck().all({ ids: J(ids) }) as string[];
  }

  async locatedIn(placeIds: readonly string[]): Promise<string[]> {
    return this.db.prepare(`SELECT DISTINCT g.src FROM graph_link g JOIN graph_entity e ON e.id = g.src
      WHERE g.type = 'LOCATED_IN' AND g.dst IN ${IN('ids')} AND e.type IN ('hospital', 'organization')`).pluck().all({ ids: J(placeIds) }) as string[];
  }

  async collaborationPairs(): Promise<Array<[string, string]>> {
    return (this.db.prepare('SELECT a, b FROM graph_pair').raw().all() as Array<[string, string]>);
  }

  async firstCollaborations(limit: number, keep: (e: Edge) => boolean): Promise<Edge[]> {
    // graph_edge holds only COLLABORATES, read in compareEdges' order (type, from, to, article, sentence, kind, date):
    // graph_edge_order gives (src, dst) and SQLite sorts each pair's few rows, so the walk stops after `limit` kept
    // edges. Synchronous: nothing else runs on the connection meanwhile.
    const out: Edge[] = [];
    const seen = new Set<string>();
    for (const r of this.stmt('SELECT * FROM graph_edge ORDER BY src, dst, article_id, sentence, kind, date').iterate() as IterableIterator<Row>) {
      const e = toEdge(r);
      if (!keep(e)) continue;
      const k = JSON.stringify([e.from, e.to, e.articleId, e.sentence, e.kind, e.date, e.evidence]);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  }

  async entitiesNamed(q: string): Promise<string[]> {
    return this.db.prepare(`SELECT id FROM graph_entity WHERE id = @q OR name = @q OR EXISTS (SELECT 1 FROM json_each(aliases) WHERE value = @q)`)
      .pluck().all({ q }) as string[];
  }

  async figureFacts(q: { metric?: string; subjectIds?: readonly string[] }): Promise<FigureFact[]> {
    // Only the filters asked for go into the statement: an `@x IS NULL OR …` form would keep SQLite off the indexes.
    const where = [...(q.metric !== undefined ? ['f.metric = @m'] : []), ...(q.subjectIds ? [`f.subject_id IN ${IN('s')}`] : [])];
    const rows = this.db.prepare(`SELECT f.*, a.published, s.type AS subject_type, s.name AS subject_name, s.level AS subject_level
      FROM graph_figure f JOIN graph_article a ON a.id = f.article_id LEFT JOIN graph_entity s ON s.id = f.subject_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
      .all({ ...(q.metric !== undefined ? { m: q.metric } : {}), ...(q.subjectIds ? { s: J(q.subjectIds) } : {}) }) as Row[];
    const located = this.db.prepare(`SELECT p.id, p.name, p.level FROM graph_link g JOIN graph_entity p ON p.id = g.dst
      WHERE g.type = 'LOCATED_IN' AND g.src = ? AND p.type = 'place'`);
    const cache = new Map<string, PlaceRef[]>();
    return rows.map((r) => {
      let places: PlaceRef[] = [];
      if (r.subject_type === 'place') places = [{ id: r.subject_id, name: r.subject_name, level: r.subject_level ?? null }];
      else if (r.subject_id && r.subject_type) {
        if (!cache.has(r.subject_id)) cache.set(r.subject_id, (located.all(r.subject_id) as Row[]).map((p) => ({ id: p.id, name: p.name, level: p.level ?? null })));
        places = cache.get(r.subject_id)!;
      }
      return { figure: toFigure(r), published: r.published ?? null, subjectType: r.subject_type ?? null, subjectName: r.subject_name ?? null, places };
    });
  }

  async articles(ids: readonly string[]): Promise<ArticleNode[]> {
    if (!ids.length) return [];
    return (this.db.prepare(`SELECT * FROM graph_article WHERE id IN ${IN('ids')}`).all({ ids: J(ids) }) as Row[]).map(toArticle);
  }

  async mentioningArticles(entityId: string): Promise<ArticleNode[]> {
    return (this.db.prepare(`SELECT a.* FROM graph_mention m JOIN graph_article a ON a.id = m.article_id WHERE m.entity_id = ?`)
      .all(entityId) as Row[]).map(toArticle);
  }
}
