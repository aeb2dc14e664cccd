// The archive's own tables. Other modules (crawler, graph, search) keep theirs under their own module name.
import type { Migration } from './migrate.ts';

export const ARCHIVE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'pages, origins, rejections, articles, sync state',
    sql: `
      -- Raw pages, one row per distinct content (sha256 of the bytes).
      CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('html', 'text')),
        url TEXT,
        content_type TEXT,
        encoding TEXT NOT NULL,
        size INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        text TEXT NOT NULL,
        stored_at TEXT NOT NULL
      );
      -- Where each page was seen: a file path or a URL. Re-importing the same origin and bytes is a no-op.
      CREATE TABLE origins (
        origin TEXT NOT NULL,
        page_id INTEGER NOT NULL REFERENCES pages(id),
        first_seen TEXT NOT NULL,
        PRIMARY KEY (origin, page_id)
      );
      CREATE INDEX origins_page ON origins(page_id);
      -- Inputs that were refused, with the reason, so nothing is lost silently.
      CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL
      );
      -- One article per page. status: ok | no_article | failed. seq grows on every change (incremental sync).
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        page_id INTEGER NOT NULL UNIQUE REFERENCES pages(id),
        status TEXT NOT NULL,
        reason TEXT,
        title TEXT,
        published TEXT,
        source TEXT,
        author TEXT,
        url TEXT,
        body TEXT,
        body_original TEXT,
        fingerprint TEXT,
        reprint_of TEXT,
        knowledge TEXT,
        extractor_version TEXT NOT NULL,
        extracted_at TEXT NOT NULL,
        seq INTEGER NOT NULL
      );
      CREATE INDEX articles_seq ON articles(seq);
      CREATE INDEX articles_published ON articles(published);
      -- What each target (graph, search) has taken in, by article seq.
      CREATE TABLE sync_state (
        target TEXT NOT NULL,
        article_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (target, article_id)
      );
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      INSERT INTO counters (name, value) VALUES ('article_seq', 0);
    `,
  },
  {
    version: 2,
    name: 'institution registry, per-article resolution, curation log',
    sql: `
      -- One row per institution across the archive (archive/registry.ts): canonical id and name, type,
      -- where it is (GB/T 2260 code) and the institution it is a branch of.
      CREATE TABLE institutions (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, location TEXT, parent TEXT, updated_at TEXT NOT NULL);
      -- How each article's surface names were resolved: which rule joined them to which institution, and why.
      CREATE TABLE entity_resolution (
        article_id TEXT NOT NULL, raw_id TEXT NOT NULL, raw_name TEXT NOT NULL, canonical_id TEXT NOT NULL,
        rule TEXT NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY (article_id, raw_id)) WITHOUT ROWID;
      CREATE INDEX entity_resolution_canonical ON entity_resolution(canonical_id);
      CREATE INDEX entity_resolution_raw_name ON entity_resolution(raw_name);
      -- Researchers' decisions (merge, split, rename, retract), re-applied on every sync; never derived, never reset.
      CREATE TABLE curation_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL, entity_id TEXT NOT NULL, payload TEXT NOT NULL,
        note TEXT, actor TEXT);
    `,
  },
  {
    version: 3,
    name: 'indexes for reprint buckets and copies at archive scale',
    sql: `
      -- Reprint linking groups fingerprints by band (archive.reprintBuckets): this index holds them, so each
      -- band is read from it rather than from the article rows with their bodies.
      CREATE INDEX articles_fingerprint ON articles(fingerprint, published, id) WHERE status = 'ok' AND fingerprint IS NOT NULL;
      -- The copies of an article (copiesOf, every article page) without reading the whole table.
      CREATE INDEX articles_reprint_of ON articles(reprint_of);
    `,
  },
];
