// `kg sync --full` while searches are being served: the index is rebuilt beside the live one and swapped
// in, so searches from another connection (another process in production) never see it empty or partial.
// Once on the embedded index (shadow tables), and on Meilisearch (swapIndexes) when a server is given.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedSearchIndex } from '../search/embedded.ts';
import type { SearchIndex } from '../search/port.ts';
import { FIXTURES } from '../test/api/setup.ts';
import { MEILI_SKIP_MESSAGE, TEST_MEILI_HOST, testIndexUid } from '../test/meili.ts';
import { extractPages, importPaths, openServices, syncSearch, type Services } from './index.ts';

if (!TEST_MEILI_HOST) console.warn(`[sync rebuild] ${MEILI_SKIP_MESSAGE}`);

const QUERY = { text: '医院', collapseReprints: false } as const;

interface Case { name: string; skip: boolean; env: () => NodeJS.ProcessEnv; reader: (dir: string, env: NodeJS.ProcessEnv) => Promise<{ index: SearchIndex; close(): void }> }

const CASES: Case[] = [
  {
    name: 'embedded', skip: false, env: () => ({}),
    // A second connection to the same file, as another process (the server) has.
    reader: async (dir) => {
      const db = new Database(join(dir, 'kg.sqlite'), { readonly: true });
      return { index: new EmbeddedSearchIndex(db, { cacheEntries: 0 }), close: () => db.close() };
    },
  },
  {
    name: 'meilisearch', skip: !TEST_MEILI_HOST, env: () => ({ MEILI_HOST: TEST_MEILI_HOST, MEILI_INDEX: testIndexUid('rebuild') }),
    reader: async (_dir, env) => {
      const { MeiliSearchIndex } = await import('../search/meilisearch.ts');
      const index = new MeiliSearchIndex({ host: env.MEILI_HOST!, indexUid: env.MEILI_INDEX });
      return { index, close: () => void index.close() };
    },
  },
];

describe.each(CASES)('kg sync --full while searching ($name)', ({ skip, env: makeEnv, reader }) => {
  let dir: string;
  let services: Services;
  let env: NodeJS.ProcessEnv;
  let other: Awaited<ReturnType<Case['reader']>>;
  let before: number;

  beforeAll(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), 'kg-rebuild-'));
    env = makeEnv();
    services = await openServices({ dataDir: dir, env });
    await importPaths(services.archive, [FIXTURES]);
    extractPages(services.archive);
    await syncSearch(services.archive, services.search);
    other = await reader(dir, env);
    before = (await other.index.search(QUERY)).total;
  });
  afterAll(async () => {
    other?.close();
    await services?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)('searches from another connection see the whole index before, during and after the rebuild', async () => {
    expect(before).toBeGreaterThan(1);
    const seen: Array<Promise<number>> = [];
    const look = () => seen.push(other.index.search(QUERY).then((r) => r.total));
    look();
    // One article per batch, a search after each: every step of the rebuild is observed.
    const summary = await syncSearch(services.archive, services.search, { full: true, batchSize: 1, onProgress: look });
    look();
    expect(summary).toMatchObject({ target: 'search', refused: [] });
    expect(summary.written).toBeGreaterThan(1);
    const totals = await Promise.all(seen);
    expect(totals.length).toBeGreaterThan(summary.written);
    expect(totals.filter((t) => t !== before)).toEqual([]);
    // The sync record is the search target's again: nothing is left to sync.
    expect(services.archive.countChangedFor('search')).toBe(0);
    expect(services.archive.countChangedFor('search#rebuild')).toBeGreaterThan(0);
  });

  it.skipIf(skip)('a rebuild that fails midway leaves the live index and its sync record as they were', async () => {
    let n = 0;
    const fail = () => {
      if (++n === 2) throw new Error('killed midway');
    };
    await expect(syncSearch(services.archive, services.search, { full: true, batchSize: 1, onProgress: fail })).rejects.toThrow('killed midway');
    expect((await other.index.search(QUERY)).total).toBe(before);
    expect(services.archive.countChangedFor('search')).toBe(0);
    // And the next full rebuild starts over and succeeds.
    await syncSearch(services.archive, services.search, { full: true });
    expect((await other.index.search(QUERY)).total).toBe(before);
  });
});
