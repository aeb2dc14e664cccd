import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { searchConformance } from '../test/conformance/search.ts';
import { EmbeddedSearchIndex } from './embedded.ts';

searchConformance('embedded (SQLite FTS5)', async () => new EmbeddedSearchIndex(new Database(':memory:')), { near: true });

describe('EmbeddedSearchIndex', () => {
  it('refuses unknown options', () => {
    expect(() => new EmbeddedSearchIndex(new Database(':memory:'), { titelWeight: 2 } as never)).toThrow();
  });

  it('keeps its tables in the archive file under its own migrations', async () => {
    const db = new Database(':memory:');
    const index = new EmbeddedSearchIndex(db);
    await index.init();
    await index.init();
    const rows = db.prepare("SELECT version FROM schema_migrations WHERE module = 'search' ORDER BY version").all();
    expect(rows).toEqual([1, 2, 3, 4, 5].map((version) => ({ version })));
  });

  it('ranks documents holding the exact typed term above those holding its words apart', async () => {
    const index = new EmbeddedSearchIndex(new Database(':memory:'));
    await index.init();
    const doc = (id: string, title: string, body: string) => ({
      id, url: null, title, published: '2024-01-01', source: null, body, bodyOriginal: body, places: [], institutions: [], kinds: [], reprintOf: null,
    });
    // The words apart score higher on bm25 (in the title, and often); the exact term stands once in a long body.
    await index.upsert([
      doc('apart', '区域发展与医疗改革中心工作', '区域医疗资源下沉，医疗服务中心前移，区域协同。'),
      doc('exact', '某市卫生工作会议', `${'会议总结了全年的工作，部署了明年的任务。'.repeat(8)}国家区域医疗中心建设稳步推进。`),
    ]);
    expect((await index.search({ text: '区域医疗中心' })).hits.map((h) => h.id)).toEqual(['exact', 'apart']);
    // A quoted phrase already matches only the exact form; words typed apart rank by bm25 as before.
    expect((await index.search({ text: '"区域医疗中心"' })).hits.map((h) => h.id)).toEqual(['exact']);
  });

  it('finds the exact term on the oldest ranked row, and not on rows older than the ranked ones', async () => {
    const index = new EmbeddedSearchIndex(new Database(':memory:'), { window: 200, rankWindow: 100 });
    await index.init();
    const day = (i: number) => `2024-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const doc = (id: string, i: number, title: string, body: string) => ({
      id, url: null, title, published: day(i), source: null, body, bodyOriginal: body, places: [], institutions: [], kinds: [], reprintOf: null,
    });
    const long = '会议总结了全年的工作，部署了明年的任务。'.repeat(8);
    await index.upsert([
      // Older than the 100 ranked rows: exact, and short (would outrank everything on bm25 if it were ranked).
      ...Array.from({ length: 20 }, (_, i) => doc(`old${i}`, i, '区域医疗中心', '区域医疗中心')),
      doc('edge', 20, '某市卫生工作会议', `${long}国家区域医疗中心建设稳步推进。`),
      ...Array.from({ length: 99 }, (_, i) => doc(`apart${i}`, 21 + i, '区域发展与医疗改革中心工作', '区域医疗资源下沉，医疗服务中心前移。')),
    ]);
    const r = await index.search({ text: '区域医疗中心', limit: 3 });
    expect(r.rankedFrom).toBe(100);
    expect(r.hits.map((h) => h.id)).toEqual(['edge', expect.stringMatching(/^apart/), expect.stringMatching(/^apart/)]);
  });
});
