// Fault matrix, Meilisearch rows: a Meilisearch of the test's own (MEILI_BIN, on a free 127.0.0.1 port, so the
// shared MEILI_HOST server is never stopped) killed while the API serves searches from it and while a sync writes to
// it. Searches answer SERVICE_UNAVAILABLE, the sync fails typed and retryable and loses nothing; after a restart on
// the same files the same searches answer as before and the next sync completes to what a clean sync gives.
// Runs only when MEILI_HOST and a meilisearch binary (MEILI_BIN or PATH) are available; says so when skipped.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPages, importPaths, openServices, syncSearch } from '../../pipeline/index.ts';
import { MeiliUnavailableError } from '../../search/errors.ts';
import { findMeiliBinary } from '../../search/meili-server.ts';
import { MeiliSearchIndex } from '../../search/meilisearch.ts';
import { api, gql, loadTestArchive, type TestArchive } from '../api/setup.ts';
import { writePages } from './helpers.ts';

const bin = process.env.MEILI_HOST ? findMeiliBinary() : null;
if (!bin) console.warn('[kg tests] Meilisearch fault rows skipped: they need MEILI_HOST and a meilisearch binary (MEILI_BIN or PATH)');

describe.skipIf(!bin)('Meilisearch stopped and restarted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-fault-meili-'));
  let port: number;
  let meili: ChildProcess | null = null;
  let t: TestArchive;
  const codes = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (r.errors ?? []).map((e) => e.extensions?.code);

  async function start(): Promise<void> {
    meili = spawn(bin!, ['--http-addr', `127.0.0.1:${port}`, '--db-path', join(dir, 'data.ms'), '--no-analytics', '--env', 'development'], { stdio: 'ignore' });
    for (let i = 0; i < 600; i++) {
      if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('meilisearch did not start within 60 s');
  }
  async function kill(): Promise<void> {
    const exited = new Promise((r) => meili!.once('exit', r));
    meili!.kill('SIGKILL');
    await exited;
    meili = null;
  }
  const index = () => new MeiliSearchIndex({ host: `http://127.0.0.1:${port}`, indexUid: 'fault_rows', taskTimeoutMs: 10_000 });
  const Q = `{ search(query: "医联体 OR 专家", first: 20) { totalCount edges { node { articleId } } } }`;

  beforeAll(async () => {
    port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    t = await loadTestArchive();
    await start();
  }, 120_000);
  afterAll(async () => {
    if (meili) await kill();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('mid-read: searches answer SERVICE_UNAVAILABLE while it is down, the same answers after a restart', async () => {
    const search = index();
    await search.init();
    await syncSearch(t.services.archive, search, { full: true });
    const server = api({ ...t.services, search, adapters: { ...t.services.adapters, search: 'meilisearch' } });
    const before = await gql(server, Q);
    expect(before.errors).toBeUndefined();
    expect(before.data!.search.totalCount).toBeGreaterThan(0);
    await kill();
    const down = await gql(server, Q);
    expect(codes(down)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(down.errors![0].extensions).toMatchObject({ reason: 'MEILI_UNAVAILABLE' });
    await start();
    expect((await gql(server, Q)).data).toEqual(before.data);
  }, 180_000);

  it('mid-write: a sync killed mid-way fails typed and retryable, and the next one converges to a clean sync', async () => {
    const pages = mkdtempSync(join(dir, 'pages-'));
    writePages(join(pages, 'in'), 500);
    const services = await openServices({ dataDir: join(pages, 'data'), env: {} });
    try {
      await importPaths(services.archive, [join(pages, 'in')]);
      extractPages(services.archive);
      const writing = new MeiliSearchIndex({ host: `http://127.0.0.1:${port}`, indexUid: 'fault_write', batchSize: 50, taskTimeoutMs: 10_000 });
      await writing.init();
      const syncing = syncSearch(services.archive, writing, { full: true, batchSize: 50 }).then(() => null, (e: unknown) => e);
      const synced = () => services.archive.db.prepare("SELECT count(*) FROM sync_state WHERE target = 'search'").pluck().get() as number;
      for (let i = 0; i < 1200 && synced() < 100; i++) await new Promise((r) => setTimeout(r, 50));
      expect(synced()).toBeLessThan(500);
      await kill();
      const err = await syncing;
      expect(err).toBeInstanceOf(MeiliUnavailableError);
      expect(err).toMatchObject({ retryable: true });
      await start();
      await syncSearch(services.archive, writing);
      const clean = new MeiliSearchIndex({ host: `http://127.0.0.1:${port}`, indexUid: 'fault_clean', taskTimeoutMs: 10_000 });
      await clean.init();
      await syncSearch(services.archive, clean, { full: true });
      const seen = async (ix: MeiliSearchIndex) => ({
        count: await ix.count(),
        ...Object.fromEntries(await Promise.all(['医联体', '廊坊 专家', '床位'].map(async (q) => {
          const r = await ix.search({ text: q, limit: 100, offset: 0 });
          return [q, { total: r.total, ids: r.hits.map((h) => h.id) }];
        }))),
      });
      expect(await seen(writing)).toEqual(await seen(clean));
    } finally {
      await services.close();
    }
  }, 300_000);
});
