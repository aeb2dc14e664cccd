// What bm25 is computed over (embedded-match.ts, scoring): filter tokens and phrases in half the documents or
// more are left out when other phrases carry weight, with the same ranking as bm25 over the whole match.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EmbeddedSearchIndex } from './embedded.ts';
import { matchExpr } from './embedded-match.ts';
import type { SearchDoc } from './port.ts';
import { checkQuery } from './request.ts';

const doc = (i: number, body: string, more: Partial<SearchDoc> = {}): SearchDoc => ({
  id: `d${i}`, url: null, title: `第${i}期简报`, published: `2021-03-${String((i % 28) + 1).padStart(2, '0')}`, source: '健康报',
  body, bodyOriginal: body, places: [i % 2 ? '承德市' : '张家口市'], institutions: [], kinds: [], reprintOf: null, ...more,
});

async function build(docs: SearchDoc[]): Promise<{ ix: EmbeddedSearchIndex; db: Database.Database }> {
  const db = new Database(':memory:');
  const ix = new EmbeddedSearchIndex(db, { cacheEntries: 0 });
  await ix.init();
  await ix.upsert(docs);
  return { ix, db };
}

/** bm25 over the whole match expression, as FTS5 ranks it: the reference order. */
function reference(db: Database.Database, text: string, filters?: { places: string[] }): string[] {
  const e = matchExpr(checkQuery({ text, filters }));
  return (db.prepare(`SELECT d.id, bm25(search_fts, 5, 1, 0.5, 0) AS s, search_fts.rowid AS rid FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid
    WHERE search_fts MATCH ? ORDER BY s, rid DESC`).all(e) as Array<{ id: string }>).map((r) => r.id);
}

describe('embedded bm25 scoring expression', () => {
  // 40 reports: 医院 and 协作 in every one (no weight), 托管 in 8 of them, repeated 1–4 times.
  const docs = Array.from({ length: 40 }, (_, i) => doc(i, `医院协作简报${i}。${i % 5 === 0 ? '托管'.repeat((i % 4) + 1) : ''}${'医院'.repeat(i % 3)}`));

  it('ranks like bm25 over the whole match when common phrases stand beside an informative one', async () => {
    const { ix, db } = await build(docs);
    const r = await ix.search({ text: '医院 托管', limit: 8 });
    expect(r.hits.map((h) => h.id)).toEqual(reference(db, '医院 托管').slice(0, 8));
  });

  it('leaves filter tokens out of the scores: same order as bm25 over the match with its filter', async () => {
    const { ix, db } = await build(docs);
    const r = await ix.search({ text: '托管', filters: { places: ['张家口市'] }, limit: 10 });
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.map((h) => h.id)).toEqual(reference(db, '托管', { places: ['张家口市'] }).slice(0, 10));
  });

  it('ranks by the rarest phrase when every phrase is in half the documents or more', async () => {
    // 协作 in 30 of 40 (no weight, but the rarest); 医院 in all.
    const common = Array.from({ length: 40 }, (_, i) => doc(i, i < 30 ? `医院协作简报${i}。` : `医院简报${i}。`));
    common[3] = doc(3, '协作协作协作。医院。');
    common[7] = doc(7, '医院医院医院医院医院。协作。');
    const { ix } = await build(common);
    const r = await ix.search({ text: '医院 协作', limit: 5 });
    expect(r.total).toBe(30);
    expect(r.hits[0].id).toBe('d3');
    // A lone common phrase is still ranked by its own frequency (not by date).
    const lone = await ix.search({ text: '医院', limit: 1 });
    expect(lone.hits[0].id).toBe('d7');
  });
});
