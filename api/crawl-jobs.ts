// The crawls started through the API, kept in the archive (table api_crawls) so that every server process on
// the same archive sees the same latest crawl and at most one runs at a time. A running crawl whose owner
// process is gone (its pid no longer alive, or no heartbeat for `staleMs`) counts as finished with failure
// ABANDONED, so a killed server never blocks crawls for good.
import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { z } from 'zod';
import { pidAlive } from '../archive/lease.ts';
import { migrate, type Migration } from '../archive/migrate.ts';

export const API_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'crawls started through the API',
    sql: `
      CREATE TABLE api_crawls (
        id INTEGER PRIMARY KEY,
        seeds TEXT NOT NULL,             -- JSON array of URLs
        max_pages INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,                -- NULL while running
        fetched INTEGER,
        queued INTEGER,
        failure TEXT,                    -- error code; ABANDONED when the owner process went away
        outcomes TEXT NOT NULL DEFAULT '{}', -- JSON: URLs by outcome, once finished
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL,
        heartbeat_at INTEGER NOT NULL    -- epoch ms, refreshed by the owner while the crawl runs
      );
      -- At most one running crawl per archive, whatever the code above it does.
      CREATE UNIQUE INDEX api_crawls_one_running ON api_crawls ((finished_at IS NULL)) WHERE finished_at IS NULL;
    `,
  },
];

export const CrawlJobsOptionsSchema = z
  .object({
    /** How often the owner refreshes a running crawl's heartbeat, in ms. Default 10 s. */
    heartbeatMs: z.number().int().positive().default(10_000),
    /** A running crawl with no heartbeat for this long is abandoned, even if its pid looks alive (reused pid). Default 2 min. */
    staleMs: z.number().int().positive().default(120_000),
  })
  .strict();
export type CrawlJobsOptions = z.input<typeof CrawlJobsOptionsSchema>;

export interface CrawlJob {
  id: number;
  seeds: string[];
  maxPages: number;
  startedAt: string;
  /** Null while running. */
  finishedAt: string | null;
  fetched: number | null;
  queued: number | null;
  /** Error code when the crawl stopped on an error; ABANDONED when its server process went away. */
  failure: string | null;
  /** URLs by outcome (stored, listed, failed…), once finished. */
  outcomes: Record<string, number>;
}

export type CrawlEnd = { fetched: number; queued: number; outcomes: Record<string, number> } | { failure: string };

type Row = {
  id: number; seeds: string; max_pages: number; started_at: string; finished_at: string | null; fetched: number | null;
  queued: number | null; failure: string | null; outcomes: string; owner_pid: number; owner_host: string; heartbeat_at: number;
};

const toJob = (r: Row): CrawlJob => ({
  id: r.id, seeds: JSON.parse(r.seeds), maxPages: r.max_pages, startedAt: r.started_at, finishedAt: r.finished_at,
  fetched: r.fetched, queued: r.queued, failure: r.failure, outcomes: JSON.parse(r.outcomes),
});

export class CrawlJobs {
  readonly options: z.output<typeof CrawlJobsOptionsSchema>;
  private readonly host = hostname();

  constructor(private readonly db: Database.Database, options: CrawlJobsOptions = {}) {
    this.options = CrawlJobsOptionsSchema.parse(options);
    migrate(db, 'api', API_MIGRATIONS);
  }

  /**
   * Records a new crawl, owned by this process, as running; null when another one still runs. Atomic across
   * processes: the check and the insert happen under SQLite's write lock (BEGIN IMMEDIATE).
   */
  start(seeds: string[], maxPages: number): CrawlJob | null {
    return this.db.transaction(() => {
      const running = this.db.prepare('SELECT * FROM api_crawls WHERE finished_at IS NULL').get() as Row | undefined;
      if (running && !this.abandonIfGone(running)) return null;
      const now = Date.now();
      const r = this.db
        .prepare(`INSERT INTO api_crawls (seeds, max_pages, started_at, owner_pid, owner_host, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`)
        .get(JSON.stringify(seeds), maxPages, new Date(now).toISOString(), process.pid, this.host, now) as Row;
      return toJob(r);
    }).immediate();
  }

  /** The owner's sign of life while its crawl runs. */
  heartbeat(id: number): void {
    this.db.prepare('UPDATE api_crawls SET heartbeat_at = ? WHERE id = ? AND finished_at IS NULL').run(Date.now(), id);
  }

  /** Records how a crawl ended (over an ABANDONED mark too: the owner's own account is the true one). */
  finish(id: number, end: CrawlEnd): void {
    const done = 'failure' in end ? { fetched: null, queued: null, failure: end.failure, outcomes: '{}' } : { ...end, failure: null, outcomes: JSON.stringify(end.outcomes) };
    this.db
      .prepare('UPDATE api_crawls SET finished_at = @at, fetched = @fetched, queued = @queued, failure = @failure, outcomes = @outcomes WHERE id = @id')
      .run({ ...done, at: new Date().toISOString(), id });
  }

  /** The latest crawl started through the API on this archive, null when none. */
  latest(): CrawlJob | null {
    const r = this.db.prepare('SELECT * FROM api_crawls ORDER BY id DESC LIMIT 1').get() as Row | undefined;
    if (!r) return null;
    if (r.finished_at === null && this.abandonIfGone(r)) return this.latest();
    return toJob(r);
  }

  /** Marks a running crawl ABANDONED when its owner is gone; finishedAt is its last heartbeat. True when marked. */
  private abandonIfGone(r: Row): boolean {
    const stale = Date.now() - r.heartbeat_at > this.options.staleMs;
    // A pid means something only on the machine that recorded it (a shared data directory may be mounted elsewhere).
    const dead = r.owner_host === this.host && !pidAlive(r.owner_pid);
    if (!stale && !dead) return false;
    this.db
      .prepare("UPDATE api_crawls SET finished_at = ?, failure = 'ABANDONED' WHERE id = ? AND finished_at IS NULL")
      .run(new Date(r.heartbeat_at).toISOString(), r.id);
    return true;
  }
}
