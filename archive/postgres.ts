// The archive on PostgreSQL, for crawl and extract workers on several machines writing one archive.
// Same port and outcomes as the embedded archive; every unit of work is one transaction, and dedup rests on
// unique constraints (ON CONFLICT), never on read-then-write, so concurrent writers never make two rows for one hash.
import pg from 'pg';
import { z } from 'zod';
import { articleIdFor, articleRecordFromRow, sha256, storedPageFromRow, type NewPage } from './archive.ts';
import { ArchiveError } from './errors.ts';
import type { Migration } from './migrate.ts';
import type { ArchivePort, Extraction, PortStats, StoreResult } from './port.ts';
import { POSTGRES_ARCHIVE_MIGRATIONS } from './postgres-schema.ts';

export const PostgresArchiveOptionsSchema = z.strictObject({
  /** postgres://user:password@host:port/database. Required. */
  url: z.string().regex(/^postgres(ql)?:\/\/[^/]+/, 'expected a postgres:// URL').refine((s) => URL.canParse(s), 'not a URL'),
  /** Connections kept open. Default 4. */
  poolSize: z.number().int().min(1).max(100).default(4),
  /** Time to connect before the server counts as unreachable, in ms. Default 5000. */
  connectTimeoutMs: z.number().int().min(100).default(5000),
});
export type PostgresArchiveOptions = z.input<typeof PostgresArchiveOptionsSchema>;

/** The archive's PostgreSQL server is unreachable or went away: the unit of work was rolled back; try again later. */
export class ArchiveUnavailableError extends ArchiveError {
  constructor(location: string, cause: unknown) {
    super('ARCHIVE_UNAVAILABLE', `the archive at ${location} is unreachable: ${(cause as Error)?.message ?? String(cause)}`, { cause, retryable: true });
  }
}

// Server errors carry a SQLSTATE; connection classes 08, 57P (shutdown) and 53 (resources) mean "try again later".
// pg raises connection losses without a code, and the socket layer with an errno name.
function unavailable(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string') return true;
  return /^(08|57P|53)/.test(code) || /^E[A-Z]+$/.test(code);
}

/** A URL safe to print: no password. */
function printable(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.href;
}

// Counts and sequences come back as int8 (strings by default); ours stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

type Row = Record<string, unknown>;

export class PostgresArchive implements ArchivePort {
  readonly location: string;
  private readonly pool: pg.Pool;

  private constructor(pool: pg.Pool, location: string) {
    this.pool = pool;
    this.location = location;
  }

  /** Connect and bring the schema up to date (several workers starting together apply each migration once). */
  static async open(options: PostgresArchiveOptions): Promise<PostgresArchive> {
    const parsed = PostgresArchiveOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new ArchiveError('BAD_ARCHIVE_OPTIONS', parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; '));
    }
    const o = parsed.data;
    const location = printable(o.url);
    const pool = new pg.Pool({ connectionString: o.url, max: o.poolSize, connectionTimeoutMillis: o.connectTimeoutMs, types });
    // An idle connection dropped by the server must not crash the process: the next query gets a fresh one.
    pool.on('error', () => {});
    const archive = new PostgresArchive(pool, location);
    try {
      await archive.migrate('archive', POSTGRES_ARCHIVE_MIGRATIONS);
    } catch (e) {
      await pool.end().catch(() => {});
      throw e;
    }
    return archive;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private wrap(e: unknown): ArchiveError {
    if (e instanceof ArchiveError) return e;
    if (unavailable(e)) return new ArchiveUnavailableError(this.location, e);
    return new ArchiveError('ARCHIVE_WRITE_FAILED', `archive at ${this.location}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
  }

  private async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    try {
      return (await this.pool.query(sql, params)).rows as Row[];
    } catch (e) {
      throw this.wrap(e);
    }
  }

  /** Run `work` in one transaction: all of it commits or none of it does. */
  private async transaction<T>(work: (q: (sql: string, params?: unknown[]) => Promise<Row[]>) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw this.wrap(e);
    }
    // A connection lost while checked out is reported on the client too; the failing query carries the error.
    const ignore = () => {};
    client.on('error', ignore);
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await work(async (sql, params = []) => (await client.query(sql, params)).rows as Row[]);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      broken = e;
      await client.query('ROLLBACK').catch(() => {});
      throw this.wrap(e);
    } finally {
      // A connection that failed mid-transaction is discarded, not returned to the pool.
      client.off('error', ignore);
      client.release(broken !== undefined && unavailable(broken) ? (broken as Error) : undefined);
    }
  }

  private async migrate(module: string, migrations: readonly Migration[]): Promise<void> {
    await this.transaction(async (q) => {
      // One migrator at a time across machines; the lock ends with the transaction.
      await q("SELECT pg_advisory_xact_lock(hashtext('kg_schema_migrations'))");
      await q(`CREATE TABLE IF NOT EXISTS schema_migrations (
        module text NOT NULL, version integer NOT NULL, name text NOT NULL, applied_at text NOT NULL, PRIMARY KEY (module, version))`);
      const applied = new Set((await q('SELECT version FROM schema_migrations WHERE module = $1', [module])).map((r) => r.version as number));
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(m.version)) continue;
        await q(m.sql);
        await q('INSERT INTO schema_migrations (module, version, name, applied_at) VALUES ($1, $2, $3, $4)', [
          module, m.version, m.name, new Date().toISOString(),
        ]);
      }
    });
  }

  async hasOriginWithHash(origin: string, hash: string): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM origins o JOIN pages p ON p.id = o.page_id WHERE o.origin = $1 AND p.hash = $2', [origin, hash]);
    return rows.length > 0;
  }

  async storePage(page: NewPage): Promise<StoreResult> {
    const hash = sha256(page.bytes);
    const now = new Date().toISOString();
    const bytes = Buffer.from(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength);
    return this.transaction(async (q) => {
      // A concurrent writer of the same hash makes this wait for its commit, then do nothing.
      const inserted = await q(
        `INSERT INTO pages (hash, kind, url, content_type, encoding, size, bytes, text, stored_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (hash) DO NOTHING RETURNING id`,
        [hash, page.kind, page.url ?? null, page.contentType ?? null, page.encoding, page.bytes.byteLength, bytes, page.text, now],
      );
      const pageId = inserted.length ? (inserted[0].id as number) : ((await q('SELECT id FROM pages WHERE hash = $1', [hash]))[0].id as number);
      const origin = await q('INSERT INTO origins (origin, page_id, first_seen) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING page_id', [
        page.origin, pageId, now,
      ]);
      return { pageId, hash, outcome: inserted.length ? 'stored' : origin.length ? 'new-origin' : 'unchanged' };
    });
  }

  async recordRejection(origin: string, code: string, message: string): Promise<void> {
    await this.query('INSERT INTO rejections (origin, code, message, at) VALUES ($1, $2, $3, $4)', [origin, code, message, new Date().toISOString()]);
  }

  async getPage(id: number) {
    const [r] = await this.query('SELECT id, hash, kind, url, content_type, encoding, size, text, stored_at FROM pages WHERE id = $1', [id]);
    if (!r) return null;
    const origins = await this.query('SELECT origin FROM origins WHERE page_id = $1 ORDER BY first_seen, origin', [id]);
    return storedPageFromRow(r, origins.map((o) => o.origin as string));
  }

  async getPageBytes(id: number): Promise<Buffer | null> {
    const [r] = await this.query('SELECT bytes FROM pages WHERE id = $1', [id]);
    return (r?.bytes as Buffer | undefined) ?? null;
  }

  async pagesAfter(afterId: number, limit: number) {
    const rows = await this.query('SELECT * FROM pages WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit]);
    if (rows.length === 0) return [];
    const origins = await this.query('SELECT page_id, origin FROM origins WHERE page_id = ANY($1::int[]) ORDER BY first_seen, origin', [rows.map((r) => r.id)]);
    return rows.map((r) => ({
      ...storedPageFromRow(r, origins.filter((o) => o.page_id === r.id).map((o) => o.origin as string)),
      bytes: r.bytes as Buffer,
    }));
  }

  async pagesToExtract(extractorVersion: string, all = false): Promise<number[]> {
    const rows = all
      ? await this.query('SELECT id FROM pages ORDER BY id')
      : await this.query(
          `SELECT p.id FROM pages p LEFT JOIN articles a ON a.page_id = p.id
           WHERE a.id IS NULL OR a.extractor_version <> $1 ORDER BY p.id`,
          [extractorVersion],
        );
    return rows.map((r) => r.id as number);
  }

  async saveExtraction(pageId: number, result: Extraction, extractorVersion: string): Promise<string> {
    return this.transaction(async (q) => {
      const [page] = await q('SELECT hash FROM pages WHERE id = $1', [pageId]);
      if (!page) throw new ArchiveError('PAGE_NOT_FOUND', `no page ${pageId} in the archive`);
      const id = articleIdFor(page.hash as string);
      const a = result.status === 'ok' ? result.article : null;
      await q(
        `INSERT INTO articles (id, page_id, status, reason, title, published, source, author, url, body, body_original,
           fingerprint, reprint_of, knowledge, extractor_version, extracted_at, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, $13, $14, $15, nextval('article_seq'))
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, reason = excluded.reason, title = excluded.title,
           published = excluded.published, source = excluded.source, author = excluded.author, url = excluded.url,
           body = excluded.body, body_original = excluded.body_original, fingerprint = excluded.fingerprint,
           knowledge = excluded.knowledge, extractor_version = excluded.extractor_version,
           extracted_at = excluded.extracted_at, seq = excluded.seq`,
        [
          id, pageId, result.status, result.status === 'ok' ? null : result.reason,
          a?.title ?? null, a?.published ?? null, a?.source ?? null, a?.author ?? null, a?.url ?? null, a?.body ?? null, a?.bodyOriginal ?? null,
          result.status === 'ok' ? result.fingerprint : null,
          result.status === 'ok' && result.knowledge ? JSON.stringify(result.knowledge) : null,
          extractorVersion, new Date().toISOString(),
        ],
      );
      return id;
    });
  }

  async getArticle(id: string) {
    const [r] = await this.query('SELECT * FROM articles WHERE id = $1', [id]);
    return r ? articleRecordFromRow(r) : null;
  }

  async changedFor(target: string, limit: number, afterSeq = 0) {
    const rows = await this.query(
      `SELECT a.* FROM articles a LEFT JOIN sync_state s ON s.target = $1 AND s.article_id = a.id
       WHERE (s.seq IS NULL OR s.seq < a.seq) AND a.seq > $2 ORDER BY a.seq LIMIT $3`,
      [target, afterSeq, limit],
    );
    return rows.map(articleRecordFromRow);
  }

  async markSynced(target: string, items: Array<{ id: string; seq: number }>): Promise<void> {
    if (items.length === 0) return;
    await this.query(
      `INSERT INTO sync_state (target, article_id, seq) SELECT $1, * FROM unnest($2::text[], $3::bigint[])
       ON CONFLICT (target, article_id) DO UPDATE SET seq = excluded.seq`,
      [target, items.map((i) => i.id), items.map((i) => i.seq)],
    );
  }

  async stats(): Promise<PortStats> {
    const [c] = await this.query(
      `SELECT (SELECT count(*) FROM pages) AS pages, (SELECT count(*) FROM origins) AS origins, (SELECT count(*) FROM rejections) AS rejections`,
    );
    const byStatus = await this.query('SELECT status, count(*) AS n FROM articles GROUP BY status');
    return {
      pages: c.pages as number,
      origins: c.origins as number,
      rejections: c.rejections as number,
      articles: Object.fromEntries(byStatus.map((r) => [r.status as string, r.n as number])),
    };
  }
}
