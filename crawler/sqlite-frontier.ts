// The frontier in the archive's SQLite file (tables crawl_runs, crawl_urls), so a killed crawl
// resumes from what was committed. One row per canonical URL; `run` says which run last queued it,
// so a new run can fetch it again with the validators (ETag, Last-Modified) kept from before.
import type Database from 'better-sqlite3';
import { migrate, type Migration } from '../archive/migrate.ts';
import type { Completion, Frontier, FrontierEntry, FrontierStats, NewUrl, Outcome, RunInfo, UrlRecord } from './frontier.ts';

export const CRAWLER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'crawl runs and frontier',
    sql: `
      CREATE TABLE crawl_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        options TEXT NOT NULL
      );
      -- state: queued | in-flight | done. not_before: epoch ms (retry backoff).
      CREATE TABLE crawl_urls (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        run INTEGER NOT NULL,
        host TEXT NOT NULL,
        depth INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('page', 'sitemap')),
        -- 0 for sitemaps (read first), 1 for pages: claim order is priority, depth, id.
        priority INTEGER GENERATED ALWAYS AS (CASE kind WHEN 'sitemap' THEN 0 ELSE 1 END) VIRTUAL,
        parent TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'in-flight', 'done')),
        not_before INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        fetched INTEGER NOT NULL DEFAULT 0,
        outcome TEXT,
        code TEXT,
        reason TEXT,
        page_id INTEGER,
        etag TEXT,
        last_modified TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX crawl_urls_queue ON crawl_urls(run, state, priority, depth, id);
      CREATE INDEX crawl_urls_due ON crawl_urls(run, state, not_before);
    `,
  },
];

type Row = Record<string, unknown>;

export class SqliteFrontier implements Frontier {
  private readonly db: Database.Database;
  private run = 0;
  private runStartedAt = '';
  private readonly st;

  constructor(db: Database.Database) {
    this.db = db;
    migrate(db, 'crawler', CRAWLER_MIGRATIONS);
    this.st = {
      add: db.prepare(`
        INSERT INTO crawl_urls (url, run, host, depth, kind, parent, state, updated_at)
        VALUES (@url, @run, @host, @depth, @kind, @parent, 'queued', @now)
        ON CONFLICT(url) DO UPDATE SET run = excluded.run, depth = excluded.depth, kind = excluded.kind,
          parent = excluded.parent, state = 'queued', not_before = 0, attempts = 0, fetched = 0,
          outcome = NULL, code = NULL, reason = NULL, updated_at = excluded.updated_at
        WHERE crawl_urls.run < excluded.run
           OR (crawl_urls.outcome = 'too-deep' AND excluded.depth < crawl_urls.depth)`),
      record: db.prepare(`
        INSERT INTO crawl_urls (url, run, host, depth, kind, parent, state, outcome, code, reason, page_id, updated_at)
        VALUES (@url, @run, @host, @depth, @kind, @parent, 'done', @outcome, @code, @reason, @pageId, @now)
        ON CONFLICT(url) DO UPDATE SET run = excluded.run, depth = excluded.depth, parent = excluded.parent,
          state = 'done', attempts = 0, fetched = 0, outcome = excluded.outcome, code = excluded.code,
          reason = excluded.reason, page_id = coalesce(excluded.page_id, page_id), updated_at = excluded.updated_at
        WHERE crawl_urls.run < excluded.run`),
      // Sitemaps first, then breadth-first.
      claim: db.prepare(`
        SELECT * FROM crawl_urls INDEXED BY crawl_urls_queue
        WHERE run = ? AND state = 'queued' AND not_before <= ? AND host NOT IN (SELECT value FROM json_each(?))
        ORDER BY priority, depth, id LIMIT 1`),
      markInFlight: db.prepare(`UPDATE crawl_urls SET state = 'in-flight', attempts = attempts + 1, updated_at = ? WHERE id = ?`),
      complete: db.prepare(`
        UPDATE crawl_urls SET state = 'done', outcome = @outcome, code = @code, reason = @reason,
          page_id = coalesce(@pageId, page_id), etag = coalesce(@etag, etag),
          last_modified = coalesce(@lastModified, last_modified), fetched = @fetched, updated_at = @now
        WHERE url = @url`),
      retry: db.prepare(`UPDATE crawl_urls SET state = 'queued', not_before = ?, reason = ?, updated_at = ? WHERE url = ?`),
      nextDue: db.prepare(`SELECT min(not_before) AS t FROM crawl_urls WHERE run = ? AND state = 'queued' AND not_before > ?`),
      states: db.prepare(`SELECT state, count(*) AS n, sum(CASE kind WHEN 'page' THEN fetched ELSE 0 END) AS f FROM crawl_urls WHERE run = ? GROUP BY state`),
      outcomes: db.prepare(`SELECT outcome, count(*) AS n FROM crawl_urls WHERE run = ? AND state = 'done' GROUP BY outcome`),
    };
  }

  private info(r: Row): RunInfo {
    return {
      id: r.id as number,
      startedAt: r.started_at as string,
      finishedAt: (r.finished_at as string | null) ?? null,
      options: JSON.parse(r.options as string) as Record<string, unknown>,
    };
  }

  private use(r: Row): RunInfo {
    const info = this.info(r);
    this.run = info.id;
    this.runStartedAt = info.startedAt;
    return info;
  }

  async startRun(options: Record<string, unknown>): Promise<RunInfo> {
    const now = new Date().toISOString();
    const id = Number(
      this.db.prepare('INSERT INTO crawl_runs (started_at, options) VALUES (?, ?)').run(now, JSON.stringify(options)).lastInsertRowid,
    );
    return this.use(this.db.prepare('SELECT * FROM crawl_runs WHERE id = ?').get(id) as Row);
  }

  async resumeRun(): Promise<RunInfo | null> {
    const r = this.db.prepare('SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1').get() as Row | undefined;
    if (!r) return null;
    const info = this.use(r);
    this.db.transaction(() => {
      // A page stored in this run whose completion the kill cut off: it is stored, do not fetch it again.
      this.db
        .prepare(
          `UPDATE crawl_urls SET state = 'done', outcome = 'stored', fetched = 1, reason = 'stored before the interruption',
             page_id = (SELECT page_id FROM origins o WHERE o.origin = crawl_urls.url ORDER BY o.first_seen DESC LIMIT 1)
           WHERE run = ? AND state = 'in-flight'
             AND EXISTS (SELECT 1 FROM origins o WHERE o.origin = crawl_urls.url AND o.first_seen >= ?)`,
        )
        .run(this.run, this.runStartedAt);
      this.db.prepare(`UPDATE crawl_urls SET state = 'queued' WHERE run = ? AND state = 'in-flight'`).run(this.run);
      this.db.prepare('UPDATE crawl_runs SET finished_at = NULL WHERE id = ?').run(this.run);
    }).immediate();
    return info;
  }

  async finishRun(): Promise<void> {
    this.db.prepare('UPDATE crawl_runs SET finished_at = ? WHERE id = ?').run(new Date().toISOString(), this.run);
  }

  private requireRun(): void {
    if (!this.run) throw new Error('frontier: start or resume a run first');
  }

  async add(urls: NewUrl[]): Promise<number> {
    this.requireRun();
    if (urls.length === 0) return 0;
    const now = new Date().toISOString();
    let n = 0;
    this.db.transaction(() => {
      for (const u of urls) n += this.st.add.run({ ...u, run: this.run, now }).changes;
    }).immediate();
    return n;
  }

  async record(urls: NewUrl[], c: Completion): Promise<void> {
    this.requireRun();
    if (urls.length === 0) return;
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const u of urls) {
        this.st.record.run({ ...u, run: this.run, now, outcome: c.outcome, code: c.code ?? null, reason: c.reason ?? null, pageId: c.pageId ?? null });
      }
    }).immediate();
  }

  async claim(busyHosts: ReadonlySet<string>, now: number): Promise<FrontierEntry | null> {
    this.requireRun();
    return this.db.transaction(() => {
      const r = this.st.claim.get(this.run, now, JSON.stringify([...busyHosts])) as Row | undefined;
      if (!r) return null;
      this.st.markInFlight.run(new Date().toISOString(), r.id);
      return {
        url: r.url as string,
        host: r.host as string,
        depth: r.depth as number,
        kind: r.kind as FrontierEntry['kind'],
        parent: (r.parent as string | null) ?? null,
        attempts: (r.attempts as number) + 1,
        etag: (r.etag as string | null) ?? null,
        lastModified: (r.last_modified as string | null) ?? null,
      };
    }).immediate();
  }

  async complete(url: string, c: Completion): Promise<void> {
    this.st.complete.run({
      url,
      outcome: c.outcome,
      code: c.code ?? null,
      reason: c.reason ?? null,
      pageId: c.pageId ?? null,
      etag: c.etag ?? null,
      lastModified: c.lastModified ?? null,
      fetched: c.fetched ? 1 : 0,
      now: new Date().toISOString(),
    });
  }

  async retryLater(url: string, notBefore: number, reason: string): Promise<void> {
    this.st.retry.run(Math.round(notBefore), reason, new Date().toISOString(), url);
  }

  async nextDueAt(now: number): Promise<number | null> {
    return ((this.st.nextDue.get(this.run, now) as { t: number | null }).t ?? null);
  }

  async stats(): Promise<FrontierStats> {
    const s: FrontierStats = { queued: 0, inFlight: 0, done: 0, fetched: 0, byOutcome: {} };
    for (const r of this.st.states.all(this.run) as Row[]) {
      const n = r.n as number;
      if (r.state === 'queued') s.queued = n;
      else if (r.state === 'in-flight') s.inFlight = n;
      else s.done = n;
      s.fetched += (r.f as number) ?? 0;
    }
    for (const r of this.st.outcomes.all(this.run) as Row[]) s.byOutcome[r.outcome as Outcome] = r.n as number;
    return s;
  }

  async records(): Promise<UrlRecord[]> {
    const rows = this.db.prepare('SELECT * FROM crawl_urls WHERE run = ? ORDER BY id').all(this.run) as Row[];
    return rows.map((r) => ({
      url: r.url as string,
      host: r.host as string,
      depth: r.depth as number,
      kind: r.kind as UrlRecord['kind'],
      parent: (r.parent as string | null) ?? null,
      state: r.state as UrlRecord['state'],
      attempts: r.attempts as number,
      outcome: (r.outcome as Outcome | null) ?? null,
      code: (r.code as string | null) ?? null,
      reason: (r.reason as string | null) ?? null,
      pageId: (r.page_id as number | null) ?? null,
    }));
  }
}
