// maxPages stops a run with the rest still queued; resuming in-process (a new Crawler on the same
// archive) finishes it. maxDepth counts link hops, not pagination.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { startSite, type FixtureSite } from '../test/fixtures/site/server.ts';
import { Crawler } from './crawler.ts';

let site: FixtureSite;
let dir: string;

beforeAll(async () => {
  site = await startSite({ generated: 120 });
  dir = mkdtempSync(join(tmpdir(), 'kg-crawl-limits-'));
});

afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('stops at maxPages, keeps the rest queued, and --resume finishes without refetching', async () => {
  const archive = Archive.open({ dataDir: dir });
  const base = { seeds: [`${site.origin}/gen/list/1.html`], allowPrivate: ['127.0.0.1'], delayMs: 0, concurrency: 4, sitemaps: false, scope: { allow: [], include: ['/gen/'], exclude: [] } };
  const first = await new Crawler(archive, { ...base, maxPages: 20 }).run();
  expect(first.fetched).toBe(20);
  expect(first.queued).toBeGreaterThan(0);
  expect(archive.stats().pages).toBeLessThan(20);

  const second = await new Crawler(archive, {}).run({ resume: true, overrides: { maxPages: 1000 } });
  expect(second.resumed).toBe(true);
  expect(second.queued).toBe(0);
  expect(second.byOutcome).toMatchObject({ stored: 120, listed: 3 });
  expect(archive.stats().pages).toBe(120);
  const gen = site.requests.filter((r) => r.path.startsWith('/gen/'));
  expect(gen.length).toBe(123);
  expect(new Set(gen.map((r) => r.path)).size).toBe(123);
  archive.close();
});

it('counts link hops for maxDepth but lets pagination run to the end of a list', async () => {
  const archive = Archive.open({ dataDir: mkdtempSync(join(tmpdir(), 'kg-crawl-depth-')) });
  const s = await new Crawler(archive, {
    seeds: [`${site.origin}/gen/list/1.html`], allowPrivate: ['127.0.0.1'], maxDepth: 0, delayMs: 0, sitemaps: false,
  }).run();
  // All three list pages (pagination keeps depth 0); every article is one hop away: too deep.
  expect(s.byOutcome).toMatchObject({ listed: 3, 'too-deep': 120 });
  expect(s.byOutcome.stored ?? 0).toBe(0);
  archive.close();
  rmSync(archive.dataDir, { recursive: true, force: true });
});

it('refuses a resume when there is no run, and a new crawl without seeds', async () => {
  const archive = Archive.open({ dataDir: mkdtempSync(join(tmpdir(), 'kg-crawl-empty-')) });
  await expect(new Crawler(archive, {}).run({ resume: true })).rejects.toMatchObject({ code: 'NOTHING_TO_RESUME' });
  await expect(new Crawler(archive, {}).run()).rejects.toMatchObject({ code: 'NO_SEEDS' });
  expect(() => new Crawler(archive, { seeds: ['http://a.test/'], delay: 5 } as never)).toThrow(/Unrecognized key/);
  archive.close();
  rmSync(archive.dataDir, { recursive: true, force: true });
});

it('calls onStored for each newly stored page; a throwing callback is counted and loses no page', async () => {
  const archive = Archive.open({ dataDir: mkdtempSync(join(tmpdir(), 'kg-crawl-onstored-')) });
  const seen: number[] = [];
  const s = await new Crawler(archive, {
    seeds: [`${site.origin}/gen/list/1.html`], allowPrivate: ['127.0.0.1'], delayMs: 0, concurrency: 4, sitemaps: false,
    scope: { allow: [], include: ['/gen/'], exclude: [] },
    onStored: (pageId) => {
      seen.push(pageId);
      if (seen.length === 1) throw new Error('extractor bug');
    },
  }).run();
  expect(s.byOutcome.stored).toBe(120);
  expect(new Set(seen).size).toBe(120);
  expect(s.onStoredErrors).toBe(1);
  expect(archive.stats().pages).toBe(120);
  archive.close();
  rmSync(archive.dataDir, { recursive: true, force: true });
});
