// Tables of the embedded search index, and the carry-over of documents indexed under an older layout.
// Meta tokens (fts.ts) let filters run inside FTS5. Row ids encode the publication day (day × 2^24 + sequence; undated documents use day 0), so FTS5's own
// rowid order is date order: date sorting, date ranges and "the most recent matches" are rowid ranges
// FTS5 walks natively, without a join per match.
import type Database from 'better-sqlite3';
import type { Migration } from '../archive/migrate.ts';
import type { SearchDoc } from './port.ts';

export const DAY_SPAN = 2 ** 24;
/** Largest row id: day 9999-12-31. */
export const MAX_ROWID = 99991231 * DAY_SPAN + DAY_SPAN - 1;

export const SEARCH_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'search documents, facet values, FTS5 index',
    sql: `
      CREATE TABLE search_docs (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT, title TEXT NOT NULL, published TEXT,
        day INTEGER, source TEXT, body TEXT NOT NULL, body_original TEXT NOT NULL, reprint_of TEXT, grp TEXT NOT NULL
      );
      CREATE INDEX search_docs_grp ON search_docs(grp);
      CREATE INDEX search_docs_day ON search_docs(day);
      CREATE INDEX search_docs_source ON search_docs(source);
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
  {
    version: 3,
    name: 'day-ordered row ids and a meta column of filter tokens (old rows carried over at init)',
    sql: `
      DROP INDEX search_docs_grp; DROP INDEX search_docs_day; DROP INDEX search_docs_source;
      ALTER TABLE search_docs RENAME TO search_old_docs;
      ALTER TABLE search_bodies RENAME TO search_old_bodies;
      ALTER TABLE search_facets RENAME TO search_old_facets;
      DROP TABLE search_fts;
      CREATE TABLE search_docs (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT, title TEXT NOT NULL, published TEXT,
        day INTEGER, source TEXT, reprint_of TEXT, grp TEXT NOT NULL
      );
      CREATE INDEX search_docs_grp ON search_docs(grp);
      CREATE TABLE search_bodies (rowid INTEGER PRIMARY KEY, body TEXT NOT NULL, body_original TEXT NOT NULL);
      CREATE TABLE search_facets (
        field TEXT NOT NULL, value TEXT NOT NULL, doc INTEGER NOT NULL,
        PRIMARY KEY (doc, field, value)
      ) WITHOUT ROWID;
      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, words, meta, content = '', contentless_delete = 1, tokenize = 'unicode61'
      );
    `,
  },
  {
    version: 4,
    name: 'reprints by row id, for collapsed counts over a window of row ids',
    sql: `CREATE INDEX search_docs_reprints ON search_docs(rowid) WHERE reprint_of IS NOT NULL;`,
  },
  {
    version: 5,
    name: 'a generation number every write bumps, so result caches in any process see changes',
    sql: `
      CREATE TABLE search_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
      INSERT INTO search_generation (id, n) VALUES (1, 0);
    `,
  },
];

/** Bumps the index generation; run inside every write transaction of the index. */
export const BUMP_GENERATION = 'UPDATE search_generation SET n = n + 1 WHERE id = 1';

/** Documents indexed before migration 3, in batches, until none are left; then the old tables go. */
export async function carryOver(db: Database.Database, upsert: (docs: SearchDoc[]) => Promise<void>, batch = 500): Promise<number> {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_old_docs'").get();
  if (!has) return 0;
  const page = db.prepare(`SELECT d.rowid AS rid, d.id, d.url, d.title, d.published, d.source, d.reprint_of, b.body, b.body_original
    FROM search_old_docs d JOIN search_old_bodies b ON b.rowid = d.rowid WHERE d.rowid > ? ORDER BY d.rowid LIMIT ?`);
  const facets = db.prepare('SELECT field, value FROM search_old_facets WHERE doc = ?');
  let after = -1;
  let moved = 0;
  for (;;) {
    const rows = page.all(after, batch) as Array<Record<string, string | number | null>>;
    if (rows.length === 0) break;
    await upsert(
      rows.map((r) => {
        const f = facets.all(r.rid) as Array<{ field: string; value: string }>;
        const of = (k: string) => f.filter((x) => x.field === k).map((x) => x.value);
        return {
          id: String(r.id), url: r.url as string | null, title: String(r.title), published: r.published as string | null,
          source: r.source as string | null, body: String(r.body), bodyOriginal: String(r.body_original),
          places: of('places'), institutions: of('institutions'), kinds: of('kinds'), reprintOf: r.reprint_of as string | null,
        };
      }),
    );
    moved += rows.length;
    after = rows[rows.length - 1].rid as number;
  }
  db.exec('DROP TABLE search_old_facets; DROP TABLE search_old_bodies; DROP TABLE search_old_docs;');
  return moved;
}
