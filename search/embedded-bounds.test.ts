// The embedded index's bounded query plan: windows, approximate totals, facets over the best hits,
// reprint groups split across the window, date-ordered row ids, and carrying over an older layout.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../archive/migrate.ts';
import { EmbeddedSearchIndex, SEARCH_MIGRATIONS } from './embedded.ts';
import { metaToken } from './fts.ts';
import type { SearchDoc } from './port.ts';

const doc = (i: number, more: Partial<SearchDoc> = {}): SearchDoc => ({
  id: `n${i}`, url: null, title: `第${i}号通知`, published: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`,
  source: i % 2 ? '健康报' : '人民网', body: `医院协作进展${i}。`, bodyOriginal: `医院协作进展${i}。`,
  places: [i % 3 ? '保定市' : '赤峰市'], institutions: [], kinds: [], reprintOf: null, ...more,
});

async function index(docs: SearchDoc[], options = {}): Promise<EmbeddedSearchIndex> {
  const ix = new EmbeddedSearchIndex(new Database(':memory:'), options);
  await ix.init();
  await ix.upsert(docs);
  return ix;
}

describe('EmbeddedSearchIndex bounds', () => {
  it('counts exactly within the window and flags a lower bound beyond it', async () => {
    const ix = await index(Array.from({ length: 150 }, (_, i) => doc(i)), { window: 100, facetWindow: 10 });
    const small = await ix.search({ text: '医院', filters: { places: ['赤峰市'] }, facets: ['source'] });
    expect(small.total).toBe(50);
    expect(small.totalIsApproximate).toBeUndefined();
    expect(small.facetsFrom).toBe(10);
    const broad = await ix.search({ text: '医院', facets: ['places'] });
    expect(broad.totalIsApproximate).toBe(true);
    expect(broad.total).toBe(100);
    expect(Object.values(broad.facets.places).reduce((a, b) => a + b, 0)).toBe(10);
    // The window holds the most recently published matches.
    const newest = await ix.search({ text: '医院', sort: 'date', limit: 5 });
    expect(newest.hits.map((h) => h.published)).toEqual(Array(5).fill('2020-01-28'));
    const all = await ix.search({ text: '医院', facets: ['source'] }).then(() => ix.search({ text: '医院', limit: 100 }));
    expect(all.hits.every((h) => h.published! >= '2020-01-09')).toBe(true);
  });

  it('ranks a broad query among its newest matches and says so, the total staying exact', async () => {
    const old = doc(999, { title: '医院医院医院', body: '医院医院医院医院。', bodyOriginal: '医院医院医院医院。', published: '2001-01-01' });
    const ix = await index([old, ...Array.from({ length: 150 }, (_, i) => doc(i))], { rankWindow: 100 });
    const r = await ix.search({ text: '医院', limit: 10 });
    expect([r.total, r.totalIsApproximate, r.rankedFrom]).toEqual([151, undefined, 100]);
    expect(r.hits.map((h) => h.id)).not.toContain('n999');
    // A deep page widens the ranked window to reach it.
    expect((await ix.search({ text: '医院', limit: 100 })).rankedFrom).toBeUndefined();
    const exact = await index([old, ...Array.from({ length: 150 }, (_, i) => doc(i))]);
    const e = await exact.search({ text: '医院', limit: 1 });
    expect([e.hits[0].id, e.rankedFrom]).toEqual(['n999', undefined]);
    expect((await ix.search({ text: '医院', sort: 'date', limit: 1 })).rankedFrom).toBeUndefined();
  });

  it('orders by relevance as a plain bm25 read over the newest matches does, within the window and beyond it', async () => {
    const db = new Database(':memory:');
    const ix = new EmbeddedSearchIndex(db, { rankWindow: 100, window: 120, cacheEntries: 0 });
    await ix.init();
    // Bodies repeat 医院 0-4 times, so scores differ. 协作 matches all 130 (over the window), 医院 104 (within it).
    await ix.upsert(Array.from({ length: 130 }, (_, i) => doc(i, { body: `${'医院'.repeat(i % 5)}协作${i}。`, bodyOriginal: `${'医院'.repeat(i % 5)}协作${i}。` })));
    const reference = (text: string, n: number) =>
      (db.prepare(`SELECT rowid AS rid, bm25(search_fts, 5, 1, 0.5, 0) AS s FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?`)
        .all(`{title body words} : ("${text}")`, n) as Array<{ rid: number; s: number }>)
        .sort((a, b) => a.s - b.s || b.rid - a.rid);
    const idOf = db.prepare('SELECT id FROM search_docs WHERE rowid = ?').pluck();
    for (const [text, limit, total, ranked] of [['协作', 10, 120, 100], ['医院', 20, 104, 100], ['医院', 60, 104, 104]] as const) {
      const r = await ix.search({ text, limit });
      expect([text, r.total, r.rankedFrom]).toEqual([text, total, ranked < total ? ranked : undefined]);
      expect(r.hits.map((h) => h.id)).toEqual(reference(text, ranked).slice(0, limit).map((x) => idOf.get(x.rid)));
    }
    // A narrower range: the total is what the pages hold.
    const few = await ix.search({ text: '医院', filters: { from: '2020-01-20' }, limit: 5 });
    expect(few.total).toBe(few.hits.length + (await ix.search({ text: '医院', filters: { from: '2020-01-20' }, offset: 5, limit: 100 })).hits.length);
  });

  it('shows the original of a reprint group even when only a copy ranks on the page', async () => {
    const docs = [
      doc(1, { id: 'orig', title: '协作', body: '医院。', bodyOriginal: '医院。', published: '2019-05-01' }),
      doc(2, { id: 'copy', title: '医院医院协作', body: '医院医院医院。', bodyOriginal: '医院医院医院。', published: '2024-05-01', reprintOf: 'orig' }),
      ...Array.from({ length: 30 }, (_, i) => doc(i + 10)),
    ];
    const ix = await index(docs, { window: 100 });
    const r = await ix.search({ text: '医院', limit: 1 });
    expect(r.hits[0].id).toBe('orig');
    expect(r.hits[0].copies).toEqual(['copy']);
    expect(r.total).toBe(31);
    expect((await ix.search({ text: '医院', collapseReprints: false })).total).toBe(32);
    // A copy whose original is filtered out stands for its group.
    const f = await ix.search({ text: '医院', filters: { from: '2024' } });
    expect(f.hits.map((h) => h.id)).toEqual(['copy']);
    expect(f.total).toBe(1);
  });

  it('keeps undated documents out of date ranges and moves a document whose date changes', async () => {
    const ix = await index([doc(1, { published: null }), doc(2, { published: '2021-06-01' })]);
    expect((await ix.search({ text: '', filters: { to: '2030' } })).hits.map((h) => h.id)).toEqual(['n2']);
    expect((await ix.search({ text: '医院', sort: 'date' })).hits.map((h) => h.id)).toEqual(['n2', 'n1']);
    await ix.upsert([doc(1, { published: '2022-01-01' })]);
    expect((await ix.search({ text: '医院', sort: 'date' })).hits.map((h) => h.id)).toEqual(['n1', 'n2']);
    expect((await ix.search({ text: '', filters: { from: '2022' } })).hits.map((h) => h.id)).toEqual(['n1']);
    expect(await ix.count()).toBe(2);
  });

  it('filters on values that look like query syntax', async () => {
    const ix = await index([doc(1, { source: '新华社 "北京" OR (x)' }), doc(2), doc(3, { reprintOf: 'n2' })]);
    expect((await ix.search({ text: '医院', filters: { source: ['新华社 "北京" OR (x)'] } })).hits.map((h) => h.id)).toEqual(['n1']);
    // Meta tokens are not searchable text.
    const token = metaToken('source', '人民网');
    expect((await ix.search({ text: token })).hits).toEqual([]);
    // Texts without such a token drop the column filter (faster): one that has it, however typed, keeps it.
    for (const text of [token.toUpperCase(), `é${token.slice(1)}`.replace('é', 's\u0301'), `医院 ${token}`, `医院 OR ${token}`])
      expect((await ix.search({ text })).hits.map((h) => h.id).sort(), text).toEqual(text.startsWith('医院 OR') ? ['n1', 'n2'] : []);
    expect((await ix.search({ text: 'reprint' })).hits).toEqual([]);
  });

  it('carries documents indexed under the previous layout over at init', async () => {
    const db = new Database(':memory:');
    migrate(db, 'search', SEARCH_MIGRATIONS.slice(0, 2));
    db.prepare("INSERT INTO search_docs (rowid, id, url, title, published, day, source, reprint_of, grp) VALUES (7, 'old', NULL, '旧通知', '2018-03-04', 20180304, '健康报', NULL, 'old')").run();
    db.prepare("INSERT INTO search_bodies (rowid, body, body_original) VALUES (7, '医联体建设', '醫聯體建設')").run();
    db.prepare("INSERT INTO search_facets (field, value, doc) VALUES ('places', '保定市', 7)").run();
    const ix = new EmbeddedSearchIndex(db);
    await ix.init();
    const r = await ix.search({ text: '医联体', filters: { places: ['保定市'], from: '2018-03-04', to: '2018-03-04' } });
    expect(r.hits.map((h) => [h.id, h.source])).toEqual([['old', '健康报']]);
    expect(r.hits[0].passages.join('')).toContain('<mark>醫聯體</mark>');
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_old_%'").pluck().get()).toBe(0);
  });
});
