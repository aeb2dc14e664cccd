// The archive's tables on PostgreSQL: the same columns as the SQLite archive (archive/schema.ts), so rows map
// to the same records; ids from sequences, bytes as bytea, content-hash dedup by a unique constraint.
import type { Migration } from './migrate.ts';

export const POSTGRES_ARCHIVE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'pages, origins, rejections, articles, sync state',
    sql: `
      CREATE TABLE pages (
        id serial PRIMARY KEY,
        hash text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('html', 'text')),
        url text,
        content_type text,
        encoding text NOT NULL,
        size integer NOT NULL,
        bytes bytea NOT NULL,
        text text NOT NULL,
        stored_at text NOT NULL
      );
      CREATE TABLE origins (
        origin text NOT NULL,
        page_id integer NOT NULL REFERENCES pages(id),
        first_seen text NOT NULL,
        PRIMARY KEY (origin, page_id)
      );
      CREATE INDEX origins_page ON origins(page_id);
      CREATE TABLE rejections (
        id serial PRIMARY KEY,
        origin text NOT NULL,
        code text NOT NULL,
        message text NOT NULL,
        at text NOT NULL
      );
      -- seq comes from article_seq: unique and growing whichever machine saves, for incremental sync.
      CREATE SEQUENCE article_seq;
      CREATE TABLE articles (
        id text PRIMARY KEY,
        page_id integer NOT NULL UNIQUE REFERENCES pages(id),
        status text NOT NULL,
        reason text,
        title text,
        published text,
        source text,
        author text,
        url text,
        body text,
        body_original text,
        fingerprint text,
        reprint_of text,
        knowledge text,
        extractor_version text NOT NULL,
        extracted_at text NOT NULL,
        seq bigint NOT NULL
      );
      CREATE INDEX articles_seq ON articles(seq);
      CREATE TABLE sync_state (
        target text NOT NULL,
        article_id text NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (target, article_id)
      );
    `,
  },
];
