// Embedded GraphStore: the graph as tables in the archive's own SQLite file, so a fresh clone needs no server.
// Holds the same facts as the Neo4j adapter; traversal and aggregation come from queries.ts.
import type Database from 'better-sqlite3';
import { migrate } from '../archive/migrate.ts';
import type { CollaborationKind, EntityType } from '../extractor/types.ts';
import type { FigureFact, GraphBackend, PlaceRef } from './backend.ts';
import { GRAPH_MIGRATIONS } from './embedded-schema.ts';
import { EDGE_TYPES, ENTITY_TYPES, mergeAliases, toRows, type ArticleRows } from './facts.ts';
import { GraphQueries } from './queries.ts';
import type {
  ArticleFacts, ArticleNode, Edge, EntityNode, FigureAggregate, FigureQuery, FigureRecord, GraphStats, GraphStore,
  Neighborhood, NeighborQuery, NetworkQuery, Path, TimelineEvent,
} from './port.ts';
import { normalizeSnapshot, type GraphSnapshot } from './snapshot.ts';

type Row = Record<string, any>;
const J = (ids: readonly string[]) => JSON.stringify(ids);
const IN = (param: string) => `(SELECT value FROM json_each(@${param}))`;
const ENTITY_COLS = `e.id, e.type, e.name, e.aliases, e.code, e.level, e.role,
  (SELECT count(*) FROM graph_mention m WHERE m.entity_id = e.id) AS article_count`;

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

  constructor(private readonly db: Database.Database) {}

  async init(): Promise<void> {
    migrate(this.db, 'graph', GRAPH_MIGRATIONS);
  }

  /** One SQLite transaction per call: the batch is written whole or not at all. */
  async writeArticles(batch: ArticleFacts[]): Promise<void> {
    const rows = toRows(batch);
    this.db.transaction(() => {
      const touched = new Set<string>();
      const lost = new Set<string>();
      for (const r of rows) {
        this.dropContribution(r.article.id, touched, lost);
        this.insertArticle(r);
      }
      this.refreshEntities(touched, lost);
      this.addAliases(rows);
    })();
  }

  async removeArticles(ids: string[]): Promise<void> {
    this.db.transaction(() => {
      const touched = new Set<string>();
      const lost = new Set<string>();
      for (const id of ids) {
        this.dropContribution(id, touched, lost);
        this.db.prepare('DELETE FROM graph_article WHERE id = ?').run(id);
      }
      this.refreshEntities(touched, lost);
    })();
  }

  async clear(): Promise<void> {
    this.db.exec('DELETE FROM graph_edge; DELETE FROM graph_figure; DELETE FROM graph_mention; DELETE FROM graph_entity; DELETE FROM graph_article;');
  }

  /** Adds to `touched` the entities that lost a mention whose aliases were not empty (so one may vanish). */
  private dropContribution(articleId: string, touched: Set<string>, lost?: Set<string>): void {
    for (const m of this.db.prepare('SELECT entity_id, aliases FROM graph_mention WHERE article_id = ?').all(articleId) as Row[]) {
      lost?.add(m.entity_id);
      if (m.aliases !== '[]') touched.add(m.entity_id);
    }
    for (const t of ['graph_mention', 'graph_edge', 'graph_figure']) this.db.prepare(`DELETE FROM ${t} WHERE article_id = ?`).run(articleId);
  }

  private insertArticle(r: ArticleRows): void {
    const db = this.db;
    db.prepare(`INSERT INTO graph_article (id, url, title, published, source) VALUES (@id, @url, @title, @published, @source)
      ON CONFLICT(id) DO UPDATE SET url = excluded.url, title = excluded.title, published = excluded.published, source = excluded.source`).run(r.article);
    const ent = db.prepare(`INSERT INTO graph_entity (id, type, name, code, level, role) VALUES (@id, @type, @name, @code, @level, @role)
      ON CONFLICT(id) DO UPDATE SET type = excluded.type, name = excluded.name, code = coalesce(excluded.code, code),
        level = coalesce(excluded.level, level), role = coalesce(excluded.role, role)`);
    for (const e of r.entities) ent.run(e);
    const men = db.prepare('INSERT INTO graph_mention (article_id, entity_id, count, aliases) VALUES (?, ?, ?, ?)');
    for (const m of r.mentions) men.run(r.article.id, m.entityId, m.count, JSON.stringify(m.aliases));
    const edge = db.prepare(`INSERT INTO graph_edge (type, src, dst, kind, date, article_id, evidence, directed, sentence, confidence)
      VALUES (@type, @from, @to, @kind, @date, @articleId, @evidence, @directed, @sentence, @confidence)`);
    for (const e of r.edges) edge.run({ ...e, articleId: r.article.id, directed: e.directed ? 1 : 0 });
    // A figure id is global: writing it again from another article moves it there.
    const fig = db.prepare(`INSERT OR REPLACE INTO graph_figure (id, article_id, value, unit, metric, text, subject_id, subject, time,
      approximate, evidence, sentence, start, "end", confidence) VALUES (@id, @articleId, @value, @unit, @metric, @text, @subjectId,
      @subject, @time, @approximate, @evidence, @sentence, @start, @end, @confidence)`);
    for (const f of r.figures) fig.run({ ...f, articleId: r.article.id, approximate: f.approximate ? 1 : 0 });
  }

  /** New surface forms join an entity's sorted aliases (a full recompute is only needed after a drop). */
  private addAliases(rows: ArticleRows[]): void {
    const get = this.db.prepare('SELECT name, aliases FROM graph_entity WHERE id = ?');
    const set = this.db.prepare('UPDATE graph_entity SET aliases = ? WHERE id = ?');
    for (const r of rows) for (const m of r.mentions) {
      if (!m.aliases.length) continue;
      const e = get.get(m.entityId) as Row;
      const current: string[] = JSON.parse(e.aliases);
      if (m.aliases.every((a) => current.includes(a))) continue;
      set.run(JSON.stringify(mergeAliases(e.name, [current, m.aliases])), m.entityId);
    }
  }

  /**
   * Entities that lost a mention and have none left are removed; entities whose aliases may have
   * changed get them recomputed from their mentions (only those: hubs have thousands).
   */
  private refreshEntities(ids: Set<string>, lost: Set<string>): void {
    const orphan = this.db.prepare('DELETE FROM graph_entity WHERE id = ? AND NOT EXISTS (SELECT 1 FROM graph_mention WHERE entity_id = ?)');
    for (const id of lost) orphan.run(id, id);
    const lists = this.db.prepare(`SELECT aliases FROM graph_mention WHERE entity_id = ? AND aliases != '[]'`).pluck();
    const name = this.db.prepare('SELECT name FROM graph_entity WHERE id = ?').pluck();
    const set = this.db.prepare('UPDATE graph_entity SET aliases = ? WHERE id = ?');
    for (const id of ids) {
      const n = name.get(id) as string | undefined;
      if (n === undefined) continue;
      const all = lists.all(id) as string[];
      set.run(JSON.stringify(mergeAliases(n, all.map((a) => JSON.parse(a)))), id);
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
    const rows = this.db.prepare(`SELECT ${ENTITY_COLS},
        CASE WHEN e.name = @q OR EXISTS (SELECT 1 FROM json_each(e.aliases) WHERE value = @q) THEN 0 ELSE 1 END AS rank
      FROM graph_entity e
      WHERE (@type IS NULL OR e.type = @type)
        AND (@q IS NULL OR instr(e.name, @q) > 0 OR EXISTS (SELECT 1 FROM json_each(e.aliases) WHERE instr(value, @q) > 0))
      ORDER BY rank, article_count DESC, e.id LIMIT @limit OFFSET @offset`)
      .all({ type: q.type ?? null, q: q.name || null, limit: q.limit ?? 20, offset: q.offset ?? 0 }) as Row[];
    return rows.map(toEntity);
  }

  async articlesOf(entityId: string, page: { limit: number; offset: number }): Promise<{ total: number; ids: string[] }> {
    const total = this.db.prepare('SELECT count(*) FROM graph_mention WHERE entity_id = ?').pluck().get(entityId) as number;
    const ids = this.db.prepare(`SELECT a.id FROM graph_mention m JOIN graph_article a ON a.id = m.article_id WHERE m.entity_id = ?
      ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?`).pluck().all(entityId, page.limit, page.offset) as string[];
    return { total, ids };
  }

  async entitiesOfArticle(articleId: string): Promise<EntityNode[]> {
    const rows = this.db.prepare(`SELECT ${ENTITY_COLS} FROM graph_mention mm JOIN graph_entity e ON e.id = mm.entity_id
      WHERE mm.article_id = ? ORDER BY e.id`).all(articleId) as Row[];
    return rows.map(toEntity);
  }

  neighbors(id: string, q?: NeighborQuery): Promise<Neighborhood> { return this.q.neighbors(id, q); }
  shortestPath(a: string, b: string, opts?: { maxDepth?: number; kinds?: CollaborationKind[] }): Promise<Path | null> { return this.q.shortestPath(a, b, opts); }
  collaborations(q: NetworkQuery): Promise<Neighborhood> { return this.q.collaborations(q); }
  aggregateFigures(q: FigureQuery): Promise<FigureAggregate[]> { return this.q.aggregateFigures(q); }
  timeline(id: string): Promise<TimelineEvent[]> { return this.q.timeline(id); }

  async figures(q: { articleId?: string; entityId?: string; metric?: string; ids?: readonly string[]; limit?: number }): Promise<FigureRecord[]> {
    const rows = this.db.prepare(`SELECT * FROM graph_figure WHERE (@a IS NULL OR article_id = @a) AND (@e IS NULL OR subject_id = @e)
        AND (@m IS NULL OR metric = @m) AND (@ids IS NULL OR id IN ${IN('ids')})
      ORDER BY article_id, sentence, id LIMIT @limit`)
      .all({ a: q.articleId ?? null, e: q.entityId ?? null, m: q.metric ?? null, ids: q.ids ? J(q.ids) : null, limit: q.limit ?? 100 }) as Row[];
    return rows.map(toFigure);
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
      edges: byType('SELECT type, count(*) AS n FROM graph_edge GROUP BY type', EDGE_TYPES),
      figures: count('SELECT count(*) FROM graph_figure'),
    };
  }

  /** Everything the store holds, sorted: for tests and for comparing two stores. */
  async snapshot(): Promise<GraphSnapshot> {
    const all = (sql: string) => this.db.prepare(sql).all() as Row[];
    return normalizeSnapshot({
      articles: all('SELECT * FROM graph_article ORDER BY id').map(toArticle),
      entities: all(`SELECT ${ENTITY_COLS} FROM graph_entity e ORDER BY e.id`).map(toEntity),
      edges: all('SELECT * FROM graph_edge').map(toEdge),
      figures: all('SELECT * FROM graph_figure ORDER BY id').map(toFigure),
    });
  }

  async close(): Promise<void> {
    // The database belongs to the archive, which closes it.
  }

  // ---- GraphBackend -------------------------------------------------------------------------------

  async edgesAround(ids: readonly string[], types: readonly Edge['type'][]): Promise<Edge[]> {
    const rows = this.db.prepare(`SELECT * FROM graph_edge WHERE src IN ${IN('ids')} AND type IN ${IN('types')}
      UNION SELECT * FROM graph_edge WHERE dst IN ${IN('ids')} AND type IN ${IN('types')}`).all({ ids: J(ids), types: J(types) }) as Row[];
    return rows.map(toEdge);
  }

  async nodes(ids: readonly string[]): Promise<EntityNode[]> {
    if (!ids.length) return [];
    return (this.db.prepare(`SELECT ${ENTITY_COLS} FROM graph_entity e WHERE e.id IN ${IN('ids')}`).all({ ids: J(ids) }) as Row[]).map(toEntity);
  }

  async placesNamed(place: string): Promise<string[]> {
    return this.db.prepare(`SELECT id FROM graph_entity WHERE type = 'place' AND (id = @q OR code = @q OR name = @q
      OR EXISTS (SELECT 1 FROM json_each(aliases) WHERE value = @q))`).pluck().all({ q: place }) as string[];
  }

  async childPlaces(ids: readonly string[]): Promise<string[]> {
    return this.db.prepare(`SELECT DISTINCT src FROM graph_edge WHERE type = 'PART_OF' AND dst IN ${IN('ids')}`).pluck().all({ ids: J(ids) }) as string[];
  }

  async locatedIn(placeIds: readonly string[]): Promise<string[]> {
    return this.db.prepare(`SELECT DISTINCT g.src FROM graph_edge g JOIN graph_entity e ON e.id = g.src
      WHERE g.type = 'LOCATED_IN' AND g.dst IN ${IN('ids')} AND e.type IN ('hospital', 'organization')`).pluck().all({ ids: J(placeIds) }) as string[];
  }

  async collaborationEdges(ids: readonly string[] | null): Promise<Edge[]> {
    if (ids) return this.edgesAround(ids, ['COLLABORATES']);
    return (this.db.prepare(`SELECT * FROM graph_edge WHERE type = 'COLLABORATES'`).all() as Row[]).map(toEdge);
  }

  async entitiesNamed(q: string): Promise<string[]> {
    return this.db.prepare(`SELECT id FROM graph_entity WHERE id = @q OR name = @q OR EXISTS (SELECT 1 FROM json_each(aliases) WHERE value = @q)`)
      .pluck().all({ q }) as string[];
  }

  async figureFacts(q: { metric?: string; subjectIds?: readonly string[] }): Promise<FigureFact[]> {
    const rows = this.db.prepare(`SELECT f.*, a.published, s.type AS subject_type, s.name AS subject_name, s.level AS subject_level
      FROM graph_figure f JOIN graph_article a ON a.id = f.article_id LEFT JOIN graph_entity s ON s.id = f.subject_id
      WHERE (@m IS NULL OR f.metric = @m) AND (@s IS NULL OR f.subject_id IN ${IN('s')})`)
      .all({ m: q.metric ?? null, s: q.subjectIds ? J(q.subjectIds) : null }) as Row[];
    const located = this.db.prepare(`SELECT DISTINCT p.id, p.name, p.level FROM graph_edge g JOIN graph_entity p ON p.id = g.dst
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
