import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFORMANCE_DOCS } from '../test/conformance/search.ts';
import { EmbeddedSearchIndex, type EmbeddedSearchOptions } from './embedded.ts';
import type { SearchQuery } from './port.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh index in a file (so a second connection can share it), filled with the conformance documents. */
async function open(options: EmbeddedSearchOptions = {}, file?: string) {
  if (!file) {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cache-'));
    dirs.push(dir);
    file = join(dir, 'kg.sqlite');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const index = new EmbeddedSearchIndex(db, options);
  await index.init();
  return { index, db, file };
}

const Q: SearchQuery = { text: '医院', facets: ['source', 'year'] };
const ids = (r: { hits: Array<{ id: string }> }) => r.hits.map((h) => h.id);

describe('embedded search result cache', () => {
  it('answers a repeated query from the cache with the same result a fresh index computes', async () => {
    const { index, file } = await open();
    await index.upsert(CONFORMANCE_DOCS);
    const first = await index.search(Q);
    const again = await index.search(Q);
    expect(again).toEqual(first);
    expect(index.cacheStats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
    const { index: uncached } = await open({ cacheEntries: 0 }, file);
    expect(await uncached.search(Q)).toEqual(first);
  });

  it('keys on the whole query: another page, filter, sort or facet list is not the same answer', async () => {
    const { index } = await open();
    await index.upsert(CONFORMANCE_DOCS);
    const variants: SearchQuery[] = [Q, { ...Q, offset: 1 }, { ...Q, sort: 'date' }, { ...Q, facets: [] }, { ...Q, filters: { source: ['健康报'] } }, { ...Q, collapseReprints: false }];
    const answers = [];
    for (const q of variants) answers.push(await index.search(q));
    expect(index.cacheStats()).toMatchObject({ hits: 0, misses: variants.length });
    expect(ids(answers[4]).every((id) => ['remote', 'markup'].includes(id))).toBe(true);
    expect(answers[3].facets).toEqual({});
  });

  it('sees every kind of write: upsert, remove and clear empty the cache', async () => {
    const { index } = await open();
    await index.upsert(CONFORMANCE_DOCS.filter((d) => d.id !== 'remote'));
    expect(ids(await index.search({ text: '远程会诊' }))).toEqual(['jingmeng']);
    await index.upsert(CONFORMANCE_DOCS.filter((d) => d.id === 'remote'));
    expect(ids(await index.search({ text: '远程会诊' })).sort()).toEqual(['jingmeng', 'remote']);
    await index.remove(['jingmeng']);
    expect(ids(await index.search({ text: '远程会诊' }))).toEqual(['remote']);
    await index.clear();
    expect((await index.search({ text: '远程会诊' })).total).toBe(0);
    expect(index.cacheStats()).toMatchObject({ hits: 0, invalidations: 3 });
  });

  it('sees writes made through another connection (another process: kg sync, a server worker)', async () => {
    const a = await open();
    await a.index.upsert(CONFORMANCE_DOCS.filter((d) => d.id !== 'remote'));
    expect((await a.index.search({ text: '县级医院' })).total).toBe(0);
    expect((await a.index.search({ text: '县级医院' })).total).toBe(0);
    expect(a.index.cacheStats().hits).toBe(1);
    const b = await open({}, a.file);
    await b.index.upsert(CONFORMANCE_DOCS.filter((d) => d.id === 'remote'));
    expect(ids(await a.index.search({ text: '县级医院' }))).toEqual(['remote']);
    expect(a.index.cacheStats().invalidations).toBe(1);
  });

  it('hands out copies: a caller editing its answer does not change the next one', async () => {
    const { index } = await open();
    await index.upsert(CONFORMANCE_DOCS);
    const first = await index.search(Q);
    const pristine = structuredClone(first);
    first.hits[0].title = 'edited';
    first.hits.pop();
    first.facets.source = {};
    const second = await index.search(Q);
    expect(second).toEqual(pristine);
    second.hits.length = 0;
    expect(await index.search(Q)).toEqual(pristine);
  });

  it('keeps no answers when turned off, and stays within its size bound', async () => {
    const off = await open({ cacheEntries: 0 });
    await off.index.upsert(CONFORMANCE_DOCS);
    await off.index.search(Q);
    await off.index.search(Q);
    expect(off.index.cacheStats()).toMatchObject({ hits: 0, size: 0 });
    // Room for about one answer: older ones are evicted, answers stay right.
    const small = await open({ cacheChars: 1_500 });
    await small.index.upsert(CONFORMANCE_DOCS);
    const texts = ['医院', '专家', '医联体', '通知'];
    const want = [];
    for (const text of texts) want.push(await small.index.search({ text }));
    expect(small.index.cacheStats().size).toBeLessThan(texts.length);
    for (const [i, text] of texts.entries()) expect(await small.index.search({ text })).toEqual(want[i]);
  });

  it('refuses bad queries before the cache, every time', async () => {
    const { index } = await open();
    await index.upsert(CONFORMANCE_DOCS);
    for (let i = 0; i < 2; i++) await expect(index.search({ text: '医院', limit: 1000 })).rejects.toMatchObject({ code: 'BAD_QUERY' });
    expect(index.cacheStats()).toMatchObject({ hits: 0, misses: 0 });
  });
});
