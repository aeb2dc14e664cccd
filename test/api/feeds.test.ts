// Saved searches as Atom feeds a reader can follow: /saved/NAME/atom over the real archive and index.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServices } from '../../pipeline/index.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SavedSearches } from '../../search/index.ts';
import { api, loadTestArchive, type TestArchive } from './setup.ts';

let t: TestArchive;
beforeAll(async () => {
  t = await loadTestArchive();
  await new SavedSearches(t.services.archive.db, t.services.search).add('医联体', '医联体', {}, { includeExisting: true });
});
afterAll(() => t?.close());

it('serves a saved search as Atom with entries linking to article pages', async () => {
  const res = await api(t.services, { publicUrl: 'http://kg.test' }).fetch(`http://kg.test/saved/${encodeURIComponent('医联体')}/atom`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/atom\+xml/);
  const xml = await res.text();
  expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  expect(xml).toMatch(/<entry>[\s\S]*医联体[\s\S]*<\/entry>/);
  expect(xml).toMatch(/http:\/\/kg\.test\/article\/a[0-9a-f]+/);
});

it('answers 404 for an unknown saved search and 400 for a malformed name', async () => {
  expect((await api(t.services).fetch('http://kg.test/saved/nope/atom')).status).toBe(404);
  expect((await api(t.services).fetch('http://kg.test/saved/%E0%A4%A/atom')).status).toBe(400);
});

const FEED = `/saved/${encodeURIComponent('医联体')}/atom`;

it('reading a feed writes nothing: `kg saved check` still sees the new hits afterwards', async () => {
  const saved = new SavedSearches(t.services.archive.db, t.services.search);
  await saved.add('reads', '医联体', {}, { includeExisting: true });
  const before = t.services.archive.db.prepare('SELECT count(*) FROM saved_search_hits').pluck().get();
  const res = await api(t.services).fetch('http://kg.test/saved/reads/atom');
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/<entry>/);
  expect(t.services.archive.db.prepare('SELECT count(*) FROM saved_search_hits').pluck().get()).toBe(before);
  const check = await saved.newHits('reads');
  expect(check.hits.length).toBeGreaterThan(0);
});

it('links use the configured public URL, never the Host header', async () => {
  const res = await api(t.services, { publicUrl: 'https://kg.example.org/' }).fetch(`http://evil.example${FEED}`, { headers: { host: 'evil.example' } });
  const xml = await res.text();
  expect(xml).not.toContain('evil.example');
  expect(xml).toMatch(/https:\/\/kg\.example\.org\/(saved|article)\//);
});

it('a write-locked archive still serves feeds', async () => {
  const writer = new Database(join(t.dir, 'kg.sqlite'));
  writer.exec('BEGIN IMMEDIATE');
  try {
    expect((await api(t.services).fetch(`http://kg.test${FEED}`)).status).toBe(200);
  } finally {
    writer.exec('ROLLBACK');
    writer.close();
  }
});

it('an archive locked past the busy timeout answers 503, without stack or paths', async () => {
  // A fresh archive whose saved-search tables do not exist yet: the first feed request must create them, and
  // another process holds the write lock for longer than the 5 s busy timeout.
  const dir = mkdtempSync(join(tmpdir(), 'kg-feed-lock-'));
  const services = await openServices({ dataDir: dir, env: {} });
  const writer = new Database(join(dir, 'kg.sqlite'));
  writer.exec('BEGIN IMMEDIATE');
  try {
    const res = await api(services).fetch('http://kg.test/saved/x/atom');
    const body = await res.text();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(body).toBe('the archive is busy; try again shortly\n');
  } finally {
    writer.exec('ROLLBACK');
    writer.close();
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
