// Embedded SearchIndex: SQLite FTS5 in the archive's own file. Three indexed columns: title and body as
// character bigrams of the normalised text (exact infix and phrase matching, whatever the segmenter
// does), and jieba cut-for-search words of both (so whole words rank above accidental substrings).
// BM25 with the title weighted; filters, reprint collapsing and facet counts in SQL; highlights on the
// original text (highlight.ts).
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { migrate, type Migration } from '../archive/migrate.ts';
import { toFts } from './fts.ts';
import { DEFAULT_PASSAGES, highlightTitle, markNeedles, passages } from './highlight.ts';
import type { SearchDoc, SearchHit, SearchIndex, SearchQuery, SearchResult } from './port.ts';
import { checkQuery, type CheckedQuery } from './request.ts';
import { synonymsOf } from './synonyms.ts';
import { dayNumber, grams, normalize, searchWords } from './text.ts';

export const SEARCH_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'search documents, facet values, FTS5 index',
    sql: `
      CREATE TABLE search_docs (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        title TEXT NOT NULL,
        published TEXT,
        day INTEGER,
        source TEXT,
        body TEXT NOT NULL,
        body_original TEXT NOT NULL,
        reprint_of TEXT,
        grp TEXT NOT NULL
      );
      CREATE INDEX search_docs_grp ON search_docs(grp);
      CREATE INDEX search_docs_day ON search_docs(day);
      CREATE INDEX search_docs_source ON search_docs(source);
      -- Multi-valued filter fields (places, institutions, kinds).
      CREATE TABLE search_facets (
        field TEXT NOT NULL, value TEXT NOT NULL, doc INTEGER NOT NULL,
        PRIMARY KEY (field, value, doc)
      ) WITHOUT ROWID;
      CREATE INDEX search_facets_doc ON search_facets(doc, field);
      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, words, content = '', contentless_delete = 1, tokenize = 'unicode61'
      );
    `,
  },
  {
    version: 2,
    name: 'bodies in their own table, so match-time lookups read narrow rows',
    sql: `
      CREATE TABLE search_bodies (rowid INTEGER PRIMARY KEY, body TEXT NOT NULL, body_original TEXT NOT NULL);
      INSERT INTO search_bodies (rowid, body, body_original) SELECT rowid, body, body_original FROM search_docs;
      ALTER TABLE search_docs DROP COLUMN body;
      ALTER TABLE search_docs DROP COLUMN body_original;
    `,
  },
];

const OptionsSchema = z
  .object({
    /** BM25 weight of the title. Default 5. */
    titleWeight: z.number().positive().default(5),
    /** BM25 weight of the body. Default 1. */
    bodyWeight: z.number().positive().default(1),
    /** BM25 weight of whole jieba words. Default 0.5. */
    wordsWeight: z.number().positive().default(0.5),
    /** Characters of context around a match in passages. Default 40. */
    context: z.number().int().min(5).max(500).default(DEFAULT_PASSAGES.context),
    /** Passages per hit. Default 3. */
    maxPassages: z.number().int().min(1).max(10).default(DEFAULT_PASSAGES.maxPassages),
    /** Values returned per facet. Default 100. */
    maxFacetValues: z.number().int().min(1).max(1000).default(100),
  })
  .strict();

export type EmbeddedSearchOptions = z.input<typeof OptionsSchema>;

type Row = Record<string, unknown>;
const MULTI = ['places', 'institutions', 'kinds'] as const;

export class EmbeddedSearchIndex implements SearchIndex {
  private readonly o: z.output<typeof OptionsSchema>;

  constructor(private readonly db: Database.Database, options: EmbeddedSearchOptions = {}) {
    this.o = OptionsSchema.parse(options);
  }

  async init(): Promise<void> {
    migrate(this.db, 'search', SEARCH_MIGRATIONS);
  }

  async upsert(docs: SearchDoc[]): Promise<void> {
    const find = this.db.prepare('SELECT rowid FROM search_docs WHERE id = ?').pluck();
    const delFts = this.db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    const delFacets = this.db.prepare('DELETE FROM search_facets WHERE doc = ?');
    const upsertDoc = this.db.prepare(
      `INSERT INTO search_docs (id, url, title, published, day, source, reprint_of, grp)
       VALUES (@id, @url, @title, @published, @day, @source, @reprintOf, @grp)
       ON CONFLICT(id) DO UPDATE SET url = excluded.url, title = excluded.title, published = excluded.published,
         day = excluded.day, source = excluded.source, reprint_of = excluded.reprint_of, grp = excluded.grp
       RETURNING rowid`,
    ).pluck();
    const putBody = this.db.prepare('INSERT OR REPLACE INTO search_bodies (rowid, body, body_original) VALUES (?, ?, ?)');
    const insFts = this.db.prepare('INSERT INTO search_fts (rowid, title, body, words) VALUES (?, ?, ?, ?)');
    const insFacet = this.db.prepare('INSERT OR IGNORE INTO search_facets (field, value, doc) VALUES (?, ?, ?)');
    // Tokenise outside the write transaction: it is the slow part.
    const prepared = docs.map((d) => {
      const title = normalize(d.title);
      const body = normalize(d.body);
      return { d, title: grams(title).join(' '), body: grams(body).join(' '), words: searchWords(`${title}\n${body}`) };
    });
    this.db.transaction(() => {
      for (const p of prepared) {
        const d = p.d;
        const old = find.get(d.id) as number | undefined;
        if (old !== undefined) {
          delFts.run(old);
          delFacets.run(old);
        }
        const rowid = upsertDoc.get({
          id: d.id, url: d.url, title: d.title, published: d.published, day: dayNumber(d.published), source: d.source,
          reprintOf: d.reprintOf, grp: d.reprintOf ?? d.id,
        }) as number;
        putBody.run(rowid, d.body, d.bodyOriginal);
        insFts.run(rowid, p.title, p.body, p.words);
        for (const f of MULTI) for (const v of new Set(d[f])) insFacet.run(f, v, rowid);
      }
    })();
  }

  async remove(ids: string[]): Promise<void> {
    const find = this.db.prepare('SELECT rowid FROM search_docs WHERE id = ?').pluck();
    this.db.transaction(() => {
      for (const id of ids) {
        const rowid = find.get(id) as number | undefined;
        if (rowid === undefined) continue;
        this.db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(rowid);
        this.db.prepare('DELETE FROM search_facets WHERE doc = ?').run(rowid);
        this.db.prepare('DELETE FROM search_docs WHERE rowid = ?').run(rowid);
        this.db.prepare('DELETE FROM search_bodies WHERE rowid = ?').run(rowid);
      }
    })();
  }

  async clear(): Promise<void> {
    this.db.transaction(() => {
      this.db.exec("DELETE FROM search_facets; DELETE FROM search_docs; DELETE FROM search_bodies; INSERT INTO search_fts(search_fts) VALUES ('delete-all');");
    })();
  }

  async count(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM search_docs').pluck().get() as number;
  }

  async close(): Promise<void> {
    // The database belongs to the archive, which closes it.
  }

  /** The matching documents as SQL (one row per document: rid, id, grp, day, score) and its parameters. */
  private matchSql(c: CheckedQuery): { sql: string; params: Row } {
    const params: Row = {};
    const where: string[] = [];
    let from = 'search_docs d';
    let score = '0.0';
    if (c.parsed.root) {
      from = 'search_fts JOIN search_docs d ON d.rowid = search_fts.rowid';
      where.push('search_fts MATCH @match');
      params.match = toFts(c.parsed.root);
      score = `bm25(search_fts, ${this.o.titleWeight}, ${this.o.bodyWeight}, ${this.o.wordsWeight})`;
    }
    if (c.lists.source) {
      where.push('d.source IN (SELECT value FROM json_each(@source))');
      params.source = JSON.stringify(c.lists.source);
    }
    for (const f of MULTI) {
      if (!c.lists[f]) continue;
      where.push(`EXISTS (SELECT 1 FROM search_facets x WHERE x.field = '${f}' AND x.doc = d.rowid
        AND x.value IN (SELECT value FROM json_each(@${f})))`);
      params[f] = JSON.stringify(c.lists[f]);
    }
    if (c.fromDay !== null) { where.push('d.day >= @fromDay'); params.fromDay = c.fromDay; }
    if (c.toDay !== null) { where.push('d.day <= @toDay'); params.toDay = c.toDay; }
    const grp = c.collapse ? 'd.grp' : 'd.id';
    const sql = `SELECT d.rowid AS rid, d.id AS id, ${grp} AS grp, d.day AS day, ${score} AS score
      FROM ${from} WHERE ${where.length ? where.join(' AND ') : '1'}`;
    return { sql, params };
  }

  /** One representative per group (the original when it matched, else the best match) with its members. */
  private repsSql(matchSql: string): string {
    return `WITH m AS (${matchSql}),
      r AS (SELECT m.*, min(score) OVER g AS best, group_concat(id, ' ') OVER g AS members,
              row_number() OVER (PARTITION BY grp ORDER BY (id = grp) DESC, score, id) AS rn
            FROM m WINDOW g AS (PARTITION BY grp))
      SELECT * FROM r WHERE rn = 1`;
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const c = checkQuery(q);
    const { sql, params } = this.matchSql(c);
    const order = c.sort === 'date' ? 'day DESC NULLS LAST, best, rid' : 'best, day DESC NULLS LAST, rid';
    const rows = this.db
      .prepare(`SELECT *, count(*) OVER () AS total FROM (${this.repsSql(sql)}) ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: c.limit, offset: c.offset }) as Row[];
    const total = rows.length
      ? (rows[0].total as number)
      : (this.db.prepare(`SELECT count(*) FROM (${this.repsSql(sql)})`).pluck().get(params) as number);
    const facets: SearchResult['facets'] = {};
    if (c.facets.length) {
      // The collapsed match set once, in a temporary table every facet count reads.
      this.db.exec('CREATE TEMP TABLE IF NOT EXISTS search_reps (rid INTEGER PRIMARY KEY); DELETE FROM temp.search_reps;');
      this.db.prepare(`INSERT INTO temp.search_reps (rid) SELECT rid FROM (${this.repsSql(sql)})`).run(params);
      for (const f of c.facets) facets[f] = this.facet(f);
    }
    const result: SearchResult = { total, hits: this.hits(rows, c), facets };
    if (c.parsed.ignored.length) result.warnings = [`ignored: ${c.parsed.ignored.join(' ')}`];
    return result;
  }

  private facet(field: CheckedQuery['facets'][number]): Record<string, number> {
    const value =
      field === 'source' || field === 'year'
        ? `SELECT ${field === 'year' ? 'substr(d.published, 1, 4)' : 'd.source'} AS v FROM temp.search_reps r JOIN search_docs d ON d.rowid = r.rid`
        : `SELECT x.value AS v FROM temp.search_reps r JOIN search_facets x ON x.doc = r.rid AND x.field = '${field}'`;
    const rows = this.db
      .prepare(`SELECT v, count(*) AS n FROM (${value}) WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ${this.o.maxFacetValues}`)
      .all() as Array<{ v: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.v, r.n]));
  }

  private hits(rows: Row[], c: CheckedQuery): SearchHit[] {
    if (rows.length === 0) return [];
    const docs = new Map(
      (this.db
        .prepare(`SELECT d.rowid AS rid, d.*, b.body, b.body_original FROM search_docs d JOIN search_bodies b ON b.rowid = d.rowid
          WHERE d.rowid IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(rows.map((r) => r.rid))) as Row[]).map((d) => [d.rid as number, d]),
    );
    const needles = markNeedles(c.parsed.positives.flatMap((p) => [p, ...synonymsOf(p)]));
    const opts = { ...DEFAULT_PASSAGES, context: this.o.context, maxPassages: this.o.maxPassages };
    return rows.map((r) => {
      const d = docs.get(r.rid as number)!;
      const copies = String(r.members).split(' ').filter((id) => id !== r.id).sort();
      return {
        id: d.id as string,
        title: d.title as string,
        url: (d.url as string | null) ?? null,
        published: (d.published as string | null) ?? null,
        source: (d.source as string | null) ?? null,
        // bm25 is lower-is-better; hits carry higher-is-better scores.
        score: -(r.score as number),
        titleHighlighted: highlightTitle(d.title as string, needles),
        passages: passages(d.body_original as string, d.body as string, needles, opts),
        copies,
      };
    });
  }
}
