// Writes of the embedded graph: replacing an article's contribution inside one SQLite transaction.
// Structural statements go to graph_statement (one per article) and are summed into graph_link (one per
// pair); collaborations go to graph_edge and are counted per pair in graph_pair. Only the pairs an
// article touched are recounted, from covering indexes, so a hub pair costs an index count, not a scan.
import type Database from 'better-sqlite3';
import { statementCache } from '../archive/statements.ts';
import { mergeAliases, type ArticleRows } from './facts.ts';

type Row = Record<string, any>;

/** What a batch touched: entities whose mentions or aliases changed, links and pairs to recount. */
export class Touched {
  readonly aliasChanged = new Set<string>();
  readonly lostMention = new Set<string>();
  readonly links = new Map<string, { type: string; src: string; dst: string }>();
  readonly pairs = new Map<string, { a: string; b: string }>();
  /** Change of each entity's number of mentioning articles. */
  readonly mentions = new Map<string, number>();

  mention(id: string, delta: number): void {
    this.mentions.set(id, (this.mentions.get(id) ?? 0) + delta);
  }

  link(type: string, src: string, dst: string): void {
    this.links.set(`${type}\u0001${src}\u0001${dst}`, { type, src, dst });
  }

  pair(x: string, y: string): void {
    const [a, b] = x < y ? [x, y] : [y, x];
    this.pairs.set(`${a}\u0001${b}`, { a, b });
  }
}

export class EmbeddedWriter {
  /** Prepared once per SQL text: a batch runs the same few statements thousands of times. */
  private readonly db: { prepare(sql: string): Database.Statement };

  constructor(db: Database.Database) {
    this.db = { prepare: statementCache(db) };
  }

  /** Deletes everything the article contributed, noting what must be recounted. */
  drop(articleId: string, t: Touched): void {
    const db = this.db;
    for (const m of db.prepare('SELECT entity_id, aliases FROM graph_mention WHERE article_id = ?').all(articleId) as Row[]) {
      t.lostMention.add(m.entity_id);
      t.mention(m.entity_id, -1);
      if (m.aliases !== '[]') t.aliasChanged.add(m.entity_id);
    }
    for (const s of db.prepare('SELECT type, src, dst FROM graph_statement WHERE article_id = ?').all(articleId) as Row[]) t.link(s.type, s.src, s.dst);
    for (const e of db.prepare('SELECT src, dst FROM graph_edge WHERE article_id = ?').all(articleId) as Row[]) t.pair(e.src, e.dst);
    for (const table of ['graph_mention', 'graph_statement', 'graph_edge', 'graph_figure']) {
      db.prepare(`DELETE FROM ${table} WHERE article_id = ?`).run(articleId);
    }
  }

  insert(r: ArticleRows, t: Touched): void {
    const db = this.db;
    db.prepare(`INSERT INTO graph_article (id, url, title, published, source) VALUES (@id, @url, @title, @published, @source)
      ON CONFLICT(id) DO UPDATE SET url = excluded.url, title = excluded.title, published = excluded.published, source = excluded.source`).run(r.article);
    const ent = db.prepare(`INSERT INTO graph_entity (id, type, name, code, level, role) VALUES (@id, @type, @name, @code, @level, @role)
      ON CONFLICT(id) DO UPDATE SET type = excluded.type, name = excluded.name, code = coalesce(excluded.code, code),
        level = coalesce(excluded.level, level), role = coalesce(excluded.role, role)`);
    for (const e of r.entities) ent.run(e);
    const men = db.prepare('INSERT INTO graph_mention (article_id, entity_id, count, aliases, published) VALUES (?, ?, ?, ?, ?)');
    for (const m of r.mentions) {
      men.run(r.article.id, m.entityId, m.count, JSON.stringify(m.aliases), r.article.published ?? null);
      t.mention(m.entityId, +1);
    }
    const edge = db.prepare(`INSERT INTO graph_edge (type, src, dst, kind, date, article_id, evidence, directed, sentence, confidence)
      VALUES (@type, @from, @to, @kind, @date, @articleId, @evidence, @directed, @sentence, @confidence)`);
    const statement = db.prepare(`INSERT INTO graph_statement (article_id, type, src, dst, date, evidence, sentence, confidence)
      VALUES (@articleId, @type, @from, @to, @date, @evidence, @sentence, @confidence)`);
    for (const e of r.edges) {
      if (e.type === 'COLLABORATES') {
        edge.run({ ...e, articleId: r.article.id, directed: e.directed ? 1 : 0 });
        t.pair(e.from, e.to);
      } else {
        statement.run({ ...e, articleId: r.article.id });
        t.link(e.type, e.from, e.to);
      }
    }
    // A figure id is global: writing it again from another article moves it there.
    const fig = db.prepare(`INSERT OR REPLACE INTO graph_figure (id, article_id, value, unit, metric, text, subject_id, subject, time,
      approximate, evidence, sentence, start, "end", confidence) VALUES (@id, @articleId, @value, @unit, @metric, @text, @subjectId,
      @subject, @time, @approximate, @evidence, @sentence, @start, @end, @confidence)`);
    for (const f of r.figures) fig.run({ ...f, articleId: r.article.id, approximate: f.approximate ? 1 : 0 });
  }

  /** Recounts the touched links and pairs, removes orphan entities, refreshes aliases. */
  finish(t: Touched, written: ArticleRows[]): void {
    const count = this.db.prepare('UPDATE graph_entity SET article_count = article_count + ? WHERE id = ?');
    for (const [id, delta] of t.mentions) if (delta) count.run(delta, id);
    this.recountLinks(t);
    this.recountPairs(t);
    this.refreshEntities(t);
    this.addAliases(written);
  }

  private recountLinks(t: Touched): void {
    const db = this.db;
    const count = db.prepare('SELECT count(*) FROM graph_statement WHERE type = ? AND src = ? AND dst = ?').pluck();
    const first = db.prepare('SELECT * FROM graph_statement WHERE type = ? AND src = ? AND dst = ? ORDER BY article_id LIMIT 1');
    const del = db.prepare('DELETE FROM graph_link WHERE src = ? AND type = ? AND dst = ?');
    const put = db.prepare(`INSERT OR REPLACE INTO graph_link (src, type, dst, support, article_id, date, evidence, sentence, confidence)
      VALUES (@src, @type, @dst, @support, @article_id, @date, @evidence, @sentence, @confidence)`);
    for (const { type, src, dst } of t.links.values()) {
      const f = first.get(type, src, dst) as Row | undefined;
      if (!f) del.run(src, type, dst);
      else put.run({ ...f, support: count.get(type, src, dst) });
    }
  }

  private recountPairs(t: Touched): void {
    const db = this.db;
    // graph_edge holds collaborations only: both counts read the covering index graph_edge_order.
    const count = db.prepare(`SELECT (SELECT count(*) FROM graph_edge WHERE src = @a AND dst = @b)
      + (SELECT count(*) FROM graph_edge WHERE src = @b AND dst = @a)`).pluck();
    const del = db.prepare('DELETE FROM graph_pair WHERE a = ? AND b = ?');
    const put = db.prepare('INSERT OR REPLACE INTO graph_pair (a, b, n) VALUES (?, ?, ?)');
    for (const { a, b } of t.pairs.values()) {
      const n = count.get({ a, b }) as number;
      if (n) put.run(a, b, n);
      else del.run(a, b);
    }
  }

  /**
   * Entities that lost a mention and have none left are removed; entities whose aliases may have
   * changed get them recomputed from their mentions (only those: hubs have thousands).
   */
  private refreshEntities(t: Touched): void {
    const db = this.db;
    const orphan = db.prepare('DELETE FROM graph_entity WHERE id = ? AND NOT EXISTS (SELECT 1 FROM graph_mention WHERE entity_id = ?)');
    for (const id of t.lostMention) orphan.run(id, id);
    const lists = db.prepare(`SELECT aliases FROM graph_mention WHERE entity_id = ? AND aliases != '[]'`).pluck();
    const name = db.prepare('SELECT name FROM graph_entity WHERE id = ?').pluck();
    const set = db.prepare('UPDATE graph_entity SET aliases = ? WHERE id = ?');
    for (const id of t.aliasChanged) {
      const n = name.get(id) as string | undefined;
      if (n === undefined) continue;
      const all = lists.all(id) as string[];
      set.run(JSON.stringify(mergeAliases(n, all.map((a) => JSON.parse(a)))), id);
    }
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
}
