// The system of record: raw pages, their origins, refused inputs, extracted articles and sync state,
// in one SQLite file (WAL). Every write is one transaction per unit of work, so a killed process
// loses nothing already committed and the same command run again completes the rest.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Article, Knowledge } from '../extractor/types.ts';
import { ArchiveError } from './errors.ts';
import { listsByKey } from './group.ts';
import { migrate } from './migrate.ts';
import { ARCHIVE_MIGRATIONS } from './schema.ts';

export interface ArchiveOptions {
  /** Folder holding kg.sqlite (and neo4j/ when a local Neo4j runs). Default: $KG_DATA_DIR or ./data. */
  dataDir?: string;
  /** Open an existing archive read-only. Default false. */
  readonly?: boolean;
}

export interface NewPage {
  origin: string;
  kind: 'html' | 'text';
  bytes: Uint8Array;
  text: string;
  encoding: string;
  url?: string | null;
  contentType?: string | null;
}

export interface StoredPage {
  id: number;
  hash: string;
  kind: 'html' | 'text';
  url: string | null;
  contentType: string | null;
  encoding: string;
  size: number;
  text: string;
  origins: string[];
  storedAt: string;
}

export type StoreOutcome = 'stored' | 'new-origin' | 'unchanged';

export interface ArticleRecord extends Article {
  id: string;
  pageId: number;
  status: 'ok' | 'no_article' | 'failed';
  reason: string | null;
  fingerprint: string | null;
  reprintOf: string | null;
  extractorVersion: string;
  extractedAt: string;
  seq: number;
}

/** An article as sync takes it in: the record and its knowledge, read in the same query. */
export interface SyncRecord extends ArticleRecord {
  knowledge: Knowledge | null;
}

export interface ArchiveStats {
  pages: number;
  bytes: number;
  origins: number;
  rejections: number;
  rejectionsByCode: Record<string, number>;
  articles: Record<string, number>;
  reprints: number;
}

export function defaultDataDir(): string {
  return resolve(process.env.KG_DATA_DIR ?? 'data');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Article ids derive from the page hash: stable across runs and machines. */
export function articleIdFor(hash: string): string {
  return `a${hash.slice(0, 15)}`;
}

type Row = Record<string, unknown>;

/** A pages row (same columns in SQLite and PostgreSQL) and its origins as a stored page. */
export function storedPageFromRow(r: Row, origins: string[]): StoredPage {
  return {
    id: r.id as number,
    hash: r.hash as string,
    kind: r.kind as 'html' | 'text',
    url: (r.url as string | null) ?? null,
    contentType: (r.content_type as string | null) ?? null,
    encoding: r.encoding as string,
    size: r.size as number,
    text: r.text as string,
    origins,
    storedAt: r.stored_at as string,
  };
}

/** An articles row (same columns in SQLite and PostgreSQL) as a record. */
export function articleRecordFromRow(r: Row): ArticleRecord {
  return {
    id: r.id as string,
    pageId: r.page_id as number,
    status: r.status as ArticleRecord['status'],
    reason: (r.reason as string | null) ?? null,
    title: (r.title as string | null) ?? '',
    published: (r.published as string | null) ?? null,
    source: (r.source as string | null) ?? null,
    author: (r.author as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    body: (r.body as string | null) ?? '',
    bodyOriginal: (r.body_original as string | null) ?? '',
    fingerprint: (r.fingerprint as string | null) ?? null,
    reprintOf: (r.reprint_of as string | null) ?? null,
    extractorVersion: r.extractor_version as string,
    extractedAt: r.extracted_at as string,
    seq: r.seq as number,
  };
}

export class Archive {
  readonly db: Database.Database;
  readonly dataDir: string;
  readonly file: string;

  private constructor(db: Database.Database, dataDir: string, file: string) {
    this.db = db;
    this.dataDir = dataDir;
    this.file = file;
  }

  static open(options: ArchiveOptions = {}): Archive {
    const dataDir = resolve(options.dataDir ?? defaultDataDir());
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'kg.sqlite');
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: options.readonly ?? false });
    } catch (cause) {
      throw new ArchiveError('ARCHIVE_OPEN_FAILED', `cannot open the archive at ${file}`, { cause });
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536'); // 64 MiB: bulk graph and index writes touch many pages
    if (!options.readonly) migrate(db, 'archive', ARCHIVE_MIGRATIONS);
    return new Archive(db, dataDir, file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Whether this origin already holds exactly these bytes (re-import is then a no-op). */
  hasOriginWithHash(origin: string, hash: string): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM origins o JOIN pages p ON p.id = o.page_id WHERE o.origin = ? AND p.hash = ?')
      .get(origin, hash);
  }

  /** Store a page and its origin in one transaction. Same bytes from a new origin only add the origin. */
  storePage(page: NewPage): { pageId: number; hash: string; outcome: StoreOutcome } {
    const hash = sha256(page.bytes);
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT id FROM pages WHERE hash = ?').get(hash) as { id: number } | undefined;
      let pageId: number;
      let outcome: StoreOutcome;
      if (existing) {
        pageId = existing.id;
        const r = this.db
          .prepare('INSERT OR IGNORE INTO origins (origin, page_id, first_seen) VALUES (?, ?, ?)')
          .run(page.origin, pageId, now);
        outcome = r.changes > 0 ? 'new-origin' : 'unchanged';
      } else {
        const r = this.db
          .prepare(
            `INSERT INTO pages (hash, kind, url, content_type, encoding, size, bytes, text, stored_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(hash, page.kind, page.url ?? null, page.contentType ?? null, page.encoding, page.bytes.byteLength,
            Buffer.from(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength), page.text, now);
        pageId = Number(r.lastInsertRowid);
        this.db.prepare('INSERT INTO origins (origin, page_id, first_seen) VALUES (?, ?, ?)').run(page.origin, pageId, now);
        outcome = 'stored';
      }
      return { pageId, hash, outcome };
    }).immediate();
  }

  recordRejection(origin: string, code: string, message: string): void {
    this.db
      .prepare('INSERT INTO rejections (origin, code, message, at) VALUES (?, ?, ?, ?)')
      .run(origin, code, message, new Date().toISOString());
  }

  getPage(id: number): StoredPage | null {
    const r = this.db.prepare('SELECT * FROM pages WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const origins = (this.db.prepare('SELECT origin FROM origins WHERE page_id = ? ORDER BY first_seen').all(id) as Row[]).map(
      (o) => o.origin as string,
    );
    return storedPageFromRow(r, origins);
  }

  getPageBytes(id: number): Buffer | null {
    const r = this.db.prepare('SELECT bytes FROM pages WHERE id = ?').get(id) as { bytes: Buffer } | undefined;
    return r?.bytes ?? null;
  }

  /** Pages whose article is missing or was made by another extractor version (all pages when `all`). */
  pagesToExtract(extractorVersion: string, all = false): number[] {
    const sql = all
      ? 'SELECT id FROM pages ORDER BY id'
      : `SELECT p.id FROM pages p LEFT JOIN articles a ON a.page_id = p.id
         WHERE a.id IS NULL OR a.extractor_version <> ? ORDER BY p.id`;
    const rows = (all ? this.db.prepare(sql).all() : this.db.prepare(sql).all(extractorVersion)) as { id: number }[];
    return rows.map((r) => r.id);
  }

  private nextSeq(): number {
    this.db.prepare("UPDATE counters SET value = value + 1 WHERE name = 'article_seq'").run();
    return (this.db.prepare("SELECT value FROM counters WHERE name = 'article_seq'").get() as { value: number }).value;
  }

  /** Save one page's extraction (article, or the reason there is none) in one transaction; bumps seq for sync. */
  saveExtraction(
    pageId: number,
    result:
      | { status: 'ok'; article: Article; knowledge: Knowledge | null; fingerprint: string | null }
      | { status: 'no_article' | 'failed'; reason: string },
    extractorVersion: string,
  ): string {
    const page = this.db.prepare('SELECT hash FROM pages WHERE id = ?').get(pageId) as { hash: string } | undefined;
    if (!page) throw new ArchiveError('PAGE_NOT_FOUND', `no page ${pageId} in the archive`);
    const id = articleIdFor(page.hash);
    const now = new Date().toISOString();
    this.db.transaction(() => {
      const seq = this.nextSeq();
      const a = result.status === 'ok' ? result.article : null;
      this.db
        .prepare(
          `INSERT INTO articles (id, page_id, status, reason, title, published, source, author, url, body, body_original,
             fingerprint, reprint_of, knowledge, extractor_version, extracted_at, seq)
           VALUES (@id, @pageId, @status, @reason, @title, @published, @source, @author, @url, @body, @bodyOriginal,
             @fingerprint, NULL, @knowledge, @version, @now, @seq)
           ON CONFLICT(id) DO UPDATE SET status = excluded.status, reason = excluded.reason, title = excluded.title,
             published = excluded.published, source = excluded.source, author = excluded.author, url = excluded.url,
             body = excluded.body, body_original = excluded.body_original, fingerprint = excluded.fingerprint,
             knowledge = excluded.knowledge, extractor_version = excluded.extractor_version,
             extracted_at = excluded.extracted_at, seq = excluded.seq`,
        )
        .run({
          id,
          pageId,
          status: result.status,
          reason: result.status === 'ok' ? null : result.reason,
          title: a?.title ?? null,
          published: a?.published ?? null,
          source: a?.source ?? null,
          author: a?.author ?? null,
          url: a?.url ?? null,
          body: a?.body ?? null,
          bodyOriginal: a?.bodyOriginal ?? null,
          fingerprint: result.status === 'ok' ? result.fingerprint : null,
          knowledge: result.status === 'ok' && result.knowledge ? JSON.stringify(result.knowledge) : null,
          version: extractorVersion,
          now,
          seq,
        });
    }).immediate();
    return id;
  }

  /** Mark articles changed (new seq) so every target takes them in again: resolution or curation changed their ids. */
  touchArticles(ids: readonly string[]): number {
    const set = this.db.prepare('UPDATE articles SET seq = ? WHERE id = ?');
    let n = 0;
    this.db.transaction(() => {
      for (const id of new Set(ids)) n += set.run(this.nextSeq(), id).changes;
    }).immediate();
    return n;
  }

  /**
   * Whether extractions were saved since reprints were last linked (a run killed between extraction and linking):
   * the next extract run then relinks even with nothing to extract.
   */
  reprintsStale(): boolean {
    const seq = (this.db.prepare("SELECT value FROM counters WHERE name = 'article_seq'").pluck().get() as number | undefined) ?? 0;
    const linked = (this.db.prepare("SELECT value FROM counters WHERE name = 'reprints_linked_seq'").pluck().get() as number | undefined) ?? 0;
    return seq > linked;
  }

  /**
   * Set reprint links (article id → earliest copy id): articles absent from `links` (or mapped to null) are no
   * copy. Bumps seq only where the link changed. Reads only the articles linked now or before (indexed).
   */
  setReprints(links: Map<string, string | null>): number {
    let changed = 0;
    const get = this.db.prepare('SELECT reprint_of FROM articles WHERE id = ?');
    const set = this.db.prepare('UPDATE articles SET reprint_of = ?, seq = ? WHERE id = ?');
    this.db.transaction(() => {
      const linkedBefore = this.db.prepare('SELECT id FROM articles WHERE reprint_of IS NOT NULL').pluck().all() as string[];
      for (const id of linkedBefore) {
        if (links.get(id)) continue;
        set.run(null, this.nextSeq(), id);
        changed++;
      }
      for (const [id, of] of links) {
        if (!of) continue;
        const cur = get.get(id) as { reprint_of: string | null } | undefined;
        if (!cur || cur.reprint_of === of) continue;
        set.run(of, this.nextSeq(), id);
        changed++;
      }
      // Watermark: every extraction up to here has been linked (see reprintsStale).
      this.db.prepare(`INSERT INTO counters (name, value) SELECT 'reprints_linked_seq', value FROM counters WHERE name = 'article_seq'
        ON CONFLICT(name) DO UPDATE SET value = excluded.value`).run();
    }).immediate();
    return changed;
  }

  /**
   * Candidate groups for reprint detection, one band at a time: articles whose fingerprints (of `chars` characters)
   * agree on the characters [start, start + length), groups of 2 to `maxSize`. Grouped by SQLite from an index,
   * so memory holds one group, whatever the archive's size.
   */
  *reprintBuckets(band: { start: number; length: number }, chars: number, maxSize: number): Generator<Array<{ id: string; fingerprint: string; published: string | null }>> {
    const rows = this.db
      .prepare(
        `SELECT json_group_array(json_array(id, published, fingerprint)) FROM articles
         WHERE status = 'ok' AND fingerprint IS NOT NULL AND length(fingerprint) = ?
         GROUP BY substr(fingerprint, ?, ?) HAVING count(*) BETWEEN 2 AND ?`,
      )
      .pluck()
      .iterate(chars, band.start + 1, band.length, maxSize) as IterableIterator<string>;
    for (const group of rows) {
      yield (JSON.parse(group) as Array<[string, string | null, string]>).map(([id, published, fingerprint]) => ({ id, published, fingerprint }));
    }
  }

  getArticle(id: string): ArticleRecord | null {
    const r = this.db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
    return r ? articleRecordFromRow(r) : null;
  }

  /** Batched lookup in the order asked (null where unknown): the API's DataLoader calls this. */
  getArticles(ids: readonly string[]): Array<ArticleRecord | null> {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as Row[];
    const byId = new Map(rows.map((r) => [r.id as string, articleRecordFromRow(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  getKnowledge(id: string): Knowledge | null {
    const r = this.db.prepare('SELECT knowledge FROM articles WHERE id = ?').get(id) as { knowledge: string | null } | undefined;
    return r?.knowledge ? (JSON.parse(r.knowledge) as Knowledge) : null;
  }

  /** Copies of a story: articles whose reprint_of is this id. */
  /** Ids of the reprints of each article (earliest first), one list per id asked, in one query. */
  copiesOf(ids: readonly string[]): string[][] {
    const rows = this.db
      .prepare('SELECT id, reprint_of FROM articles WHERE reprint_of IN (SELECT value FROM json_each(?)) ORDER BY published, id')
      .all(JSON.stringify(ids)) as Row[];
    return listsByKey(ids, rows, (r) => r.reprint_of as string, (r) => r.id as string);
  }

  listArticles(page: { limit: number; offset: number; status?: ArticleRecord['status'] }): ArticleRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM articles WHERE (? IS NULL OR status = ?) ORDER BY published DESC, id LIMIT ? OFFSET ?')
      .all(page.status ?? null, page.status ?? null, page.limit, page.offset) as Row[];
    return rows.map((r) => articleRecordFromRow(r));
  }

  /**
   * The seq up to which `target` went through every article (taken in, or refused until it changes again):
   * what changed since lies above it, so an incremental sync reads from there, not from the archive's start.
   */
  syncedThrough(target: string): number {
    return (this.db.prepare('SELECT value FROM counters WHERE name = ?').pluck().get(`synced_through:${target}`) as number | undefined) ?? 0;
  }

  /**
   * Articles changed since `target` last took them in (all when the target has none), in seq order after `afterSeq`
   * (and after the target's watermark), each with its knowledge: sync reads a batch in one query, not one more
   * read per article.
   */
  changedFor(target: string, limit: number, afterSeq = 0): SyncRecord[] {
    const rows = this.db
      .prepare(
        `SELECT a.* FROM articles a LEFT JOIN sync_state s ON s.target = ? AND s.article_id = a.id
         WHERE (s.seq IS NULL OR s.seq < a.seq) AND a.seq > ? ORDER BY a.seq LIMIT ?`,
      )
      .all(target, Math.max(afterSeq, this.syncedThrough(target)), limit) as Row[];
    return rows.map((r) => ({ ...articleRecordFromRow(r), knowledge: r.knowledge ? (JSON.parse(r.knowledge as string) as Knowledge) : null }));
  }

  countChangedFor(target: string): number {
    return this.db
      .prepare(
        `SELECT count(*) FROM articles a LEFT JOIN sync_state s ON s.target = ? AND s.article_id = a.id
         WHERE (s.seq IS NULL OR s.seq < a.seq) AND a.seq > ?`,
      )
      .pluck()
      .get(target, this.syncedThrough(target)) as number;
  }

  /**
   * Record that `target` has taken in these articles at these seqs (after its write succeeded) and, with
   * `through`, that it went through every article up to that seq (the batch's last; refused ones included).
   */
  markSynced(target: string, items: Array<{ id: string; seq: number }>, through?: number): void {
    const stmt = this.db.prepare(
      'INSERT INTO sync_state (target, article_id, seq) VALUES (?, ?, ?) ON CONFLICT(target, article_id) DO UPDATE SET seq = excluded.seq',
    );
    this.db.transaction(() => {
      for (const it of items) stmt.run(target, it.id, it.seq);
      if (through !== undefined) {
        this.db.prepare(`INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)`)
          .run(`synced_through:${target}`, through);
      }
    }).immediate();
  }

  /** Forget what a target has taken in (before a full rebuild). */
  resetSync(target: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sync_state WHERE target = ?').run(target);
      this.db.prepare('DELETE FROM counters WHERE name = ?').run(`synced_through:${target}`);
    }).immediate();
  }

  /** Make `from`'s record the record of `to` (a rebuild tracked under its own name, once it went live). */
  moveSync(from: string, to: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sync_state WHERE target = ?').run(to);
      this.db.prepare('UPDATE sync_state SET target = ? WHERE target = ?').run(to, from);
      this.db.prepare('DELETE FROM counters WHERE name = ?').run(`synced_through:${to}`);
      this.db.prepare('UPDATE counters SET name = ? WHERE name = ?').run(`synced_through:${to}`, `synced_through:${from}`);
    }).immediate();
  }

  stats(): ArchiveStats {
    const one = <T>(sql: string) => this.db.prepare(sql).get() as T;
    const byCode = this.db.prepare('SELECT code, count(*) AS n FROM rejections GROUP BY code').all() as Row[];
    const byStatus = this.db.prepare('SELECT status, count(*) AS n FROM articles GROUP BY status').all() as Row[];
    return {
      pages: one<{ n: number }>('SELECT count(*) AS n FROM pages').n,
      bytes: one<{ n: number }>('SELECT coalesce(sum(size), 0) AS n FROM pages').n,
      origins: one<{ n: number }>('SELECT count(*) AS n FROM origins').n,
      rejections: one<{ n: number }>('SELECT count(*) AS n FROM rejections').n,
      rejectionsByCode: Object.fromEntries(byCode.map((r) => [r.code as string, r.n as number])),
      articles: Object.fromEntries(byStatus.map((r) => [r.status as string, r.n as number])),
      reprints: one<{ n: number }>('SELECT count(*) AS n FROM articles WHERE reprint_of IS NOT NULL').n,
    };
  }
}
