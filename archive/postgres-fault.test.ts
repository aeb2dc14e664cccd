// The PostgreSQL archive when its server is wrong or goes away: a clear error with a code, nothing half-written,
// and the same archive object works again once the server is back. Runs a private server it can stop.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewPage } from './archive.ts';
import { ArchiveError } from './errors.ts';
import { PostgresArchive } from './postgres.ts';
import { freePort, postgresBin, startPostgres, type PrivatePostgres } from '../test/postgres.ts';

const bin = postgresBin();

const bigPage = (i: number): NewPage => {
  // 2 MB of distinct bytes per page, so the writes are still on the wire when the server dies.
  const text = `<html><body><p>第${i}篇</p>${randomBytes(1024 * 1024).toString('hex')}</body></html>`;
  return { origin: `http://a.test/big/${i}`, kind: 'html', bytes: Buffer.from(text), text, encoding: 'utf-8' };
};

describe.skipIf(!bin)('PostgresArchive faults', () => {
  let server: PrivatePostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.close());

  it('refuses a URL that is not postgres:// with BAD_ARCHIVE_OPTIONS', async () => {
    const err = await PostgresArchive.open({ url: 'mysql://127.0.0.1/kg' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as ArchiveError).code).toBe('BAD_ARCHIVE_OPTIONS');
  });

  it('reports an unreachable server as ARCHIVE_UNAVAILABLE, naming it without the password', async () => {
    const port = await freePort();
    const err = await PostgresArchive.open({ url: `postgres://kg:secret@127.0.0.1:${port}/kg`, connectTimeoutMs: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as ArchiveError).code).toBe('ARCHIVE_UNAVAILABLE');
    expect((err as ArchiveError).retryable).toBe(true);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).not.toContain('secret');
  });

  it('server killed mid-write: failed writes raise ARCHIVE_UNAVAILABLE, none is half-written, all succeed once it is back', async () => {
    const archive = await PostgresArchive.open({ url: server.url });
    try {
      const pages = Array.from({ length: 30 }, (_, i) => bigPage(i));
      const writes = pages.map((p) => archive.storePage(p));
      await Promise.race(writes);
      server.stop('immediate'); // synchronous: the writes still queued or on the wire meet a dead server
      const settled = await Promise.allSettled(writes);
      const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ i, err: s.reason as ArchiveError }] : []));
      expect(failed.length).toBeGreaterThan(0);
      for (const f of failed) {
        expect(f.err).toBeInstanceOf(ArchiveError);
        expect(f.err.code).toBe('ARCHIVE_UNAVAILABLE');
      }

      server.start();
      const check = new pg.Client({ connectionString: server.url });
      await check.connect();
      try {
        // No page without its origin, no origin without its page: each write committed whole or not at all.
        const orphans = await check.query('SELECT count(*)::int AS n FROM pages p WHERE NOT EXISTS (SELECT 1 FROM origins o WHERE o.page_id = p.id)');
        expect(orphans.rows[0].n).toBe(0);
        const stored = await check.query('SELECT origin FROM origins');
        const present = new Set(stored.rows.map((r) => r.origin as string));
        settled.forEach((s, i) => {
          if (s.status === 'fulfilled') expect(present.has(pages[i].origin)).toBe(true);
        });
      } finally {
        await check.end();
      }
      // The same archive object reconnects; the failed writes go through when tried again.
      for (const f of failed) expect(['stored', 'unchanged']).toContain((await archive.storePage(pages[f.i])).outcome);
      expect((await archive.stats()).pages).toBe(30);
    } finally {
      await archive.close();
    }
  });
});
if (!bin) console.warn('[kg tests] PostgreSQL binaries not found (KG_PG_BIN): archive/postgres-fault.test.ts skipped');
