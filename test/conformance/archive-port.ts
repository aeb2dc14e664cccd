// Conformance suite for the archive port (archive/port.ts). Each adapter's test calls testArchivePort with a
// factory for a fresh store; `open` may be called several times for independent connections to that store
// (several workers, several machines).
import { afterEach, describe, expect, it } from 'vitest';
import type { NewPage } from '../../archive/archive.ts';
import { ArchiveError } from '../../archive/errors.ts';
import type { ArchivePort } from '../../archive/port.ts';
import type { Article } from '../../extractor/types.ts';

export interface ArchiveStore {
  open(): Promise<ArchivePort>;
}

const page = (origin: string, body: string): NewPage => ({
  origin,
  kind: 'html',
  bytes: Buffer.from(`<html><body><p>${body}</p></body></html>`, 'utf8'),
  text: `<html><body><p>${body}</p></body></html>`,
  encoding: 'utf-8',
  url: origin,
  contentType: 'text/html; charset=utf-8',
});

const article = (title: string): Article =>
  ({ title, published: '2024-05-01', source: '测试报', author: null, url: null, body: `${title}。北京儿童医院与张家口市儿童医院签约。`, bodyOriginal: title }) as unknown as Article;

export function testArchivePort(name: string, fresh: () => Promise<ArchiveStore>): void {
  describe(`ArchivePort conformance: ${name}`, () => {
    const opened: ArchivePort[] = [];
    const open = async (store: ArchiveStore) => {
      const p = await store.open();
      opened.push(p);
      return p;
    };
    afterEach(async () => {
      for (const p of opened.splice(0)) await p.close();
    });

    it('stores a page once per content hash: stored, then unchanged for the same origin, new-origin for another', async () => {
      const a = await open(await fresh());
      const first = await a.storePage(page('http://a.test/1', '京津冀医联体'));
      expect(first.outcome).toBe('stored');
      expect(await a.storePage(page('http://a.test/1', '京津冀医联体'))).toEqual({ ...first, outcome: 'unchanged' });
      expect(await a.storePage(page('http://b.test/copy', '京津冀医联体'))).toEqual({ ...first, outcome: 'new-origin' });
      expect(await a.hasOriginWithHash('http://a.test/1', first.hash)).toBe(true);
      expect(await a.hasOriginWithHash('http://c.test/x', first.hash)).toBe(false);
      const p = await a.getPage(first.pageId);
      expect(p).toMatchObject({ id: first.pageId, hash: first.hash, kind: 'html', encoding: 'utf-8', url: 'http://a.test/1' });
      expect(p!.origins.sort()).toEqual(['http://a.test/1', 'http://b.test/copy']);
      expect((await a.getPageBytes(first.pageId))!.toString('utf8')).toContain('京津冀医联体');
      expect(await a.getPage(999_999)).toBeNull();
      expect(await a.getPageBytes(999_999)).toBeNull();
      expect(await a.stats()).toMatchObject({ pages: 1, origins: 2, rejections: 0 });
    });

    it('concurrent writers of the same page on separate connections make one row, one stored outcome', async () => {
      const store = await fresh();
      const writers = await Promise.all([open(store), open(store), open(store)]);
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) => writers[i % 3].storePage(page(`http://a.test/${i % 8}`, '京蒙协作同一篇'))),
      );
      expect(results.filter((r) => r.outcome === 'stored')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'new-origin')).toHaveLength(7); // 8 origins, the first one stored
      expect(results.filter((r) => r.outcome === 'unchanged')).toHaveLength(16);
      expect(new Set(results.map((r) => r.pageId)).size).toBe(1);
      expect(await writers[0].stats()).toMatchObject({ pages: 1, origins: 8 });
    });

    it('lists pages after an id with their bytes and every origin, for copying the archive', async () => {
      const a = await open(await fresh());
      const p1 = await a.storePage(page('http://a.test/1', '一'));
      await a.storePage(page('http://b.test/1', '一'));
      const p2 = await a.storePage(page('http://a.test/2', '二'));
      const all = await a.pagesAfter(0, 10);
      expect(all.map((p) => p.id)).toEqual([p1.pageId, p2.pageId]);
      expect(all[0].origins.sort()).toEqual(['http://a.test/1', 'http://b.test/1']);
      expect(all[0].bytes.toString('utf8')).toContain('一');
      expect((await a.pagesAfter(p1.pageId, 10)).map((p) => p.id)).toEqual([p2.pageId]);
      expect(await a.pagesAfter(0, 1)).toHaveLength(1);
      expect(await a.pagesAfter(p2.pageId, 10)).toEqual([]);
    });

    it('counts rejections', async () => {
      const a = await open(await fresh());
      await a.recordRejection('http://a.test/bin', 'BINARY_CONTENT', 'binary data served as HTML');
      await a.recordRejection('http://a.test/big', 'TOO_LARGE', 'body larger than 1 MiB');
      expect((await a.stats()).rejections).toBe(2);
    });

    it('saves extractions with a growing seq, lists pages to extract, and tracks what a sync target took in', async () => {
      const a = await open(await fresh());
      const p1 = await a.storePage(page('http://a.test/1', '一'));
      const p2 = await a.storePage(page('http://a.test/2', '二'));
      expect(await a.pagesToExtract('v1')).toEqual([p1.pageId, p2.pageId]);
      const id1 = await a.saveExtraction(p1.pageId, { status: 'ok', article: article('签约'), knowledge: null, fingerprint: 'f1' }, 'v1');
      const id2 = await a.saveExtraction(p2.pageId, { status: 'no_article', reason: 'list page' }, 'v1');
      expect(await a.pagesToExtract('v1')).toEqual([]);
      expect(await a.pagesToExtract('v2')).toEqual([p1.pageId, p2.pageId]);
      expect(await a.pagesToExtract('v1', true)).toEqual([p1.pageId, p2.pageId]);
      const r1 = (await a.getArticle(id1))!;
      expect(r1).toMatchObject({ pageId: p1.pageId, status: 'ok', title: '签约', fingerprint: 'f1', extractorVersion: 'v1' });
      expect((await a.getArticle(id2))!).toMatchObject({ status: 'no_article', reason: 'list page' });
      expect((await a.stats()).articles).toEqual({ ok: 1, no_article: 1 });

      const changed = await a.changedFor('graph', 10);
      expect(changed.map((r) => r.id)).toEqual([id1, id2]);
      expect(changed[1].seq).toBeGreaterThan(changed[0].seq);
      await a.markSynced('graph', changed.map((r) => ({ id: r.id, seq: r.seq })));
      expect(await a.changedFor('graph', 10)).toEqual([]);
      expect((await a.changedFor('search', 10)).length).toBe(2);
      await a.saveExtraction(p1.pageId, { status: 'failed', reason: 'Error: boom' }, 'v2');
      const again = await a.changedFor('graph', 10);
      expect(again.map((r) => r.id)).toEqual([id1]);
      expect(again[0].seq).toBeGreaterThan(changed[1].seq);
      expect(again[0]).toMatchObject({ status: 'failed', reason: 'Error: boom', extractorVersion: 'v2' });
    });

    it('refuses an extraction for a page it does not hold, with a code', async () => {
      const a = await open(await fresh());
      const err = await a.saveExtraction(4242, { status: 'no_article', reason: 'x' }, 'v1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ArchiveError);
      expect((err as ArchiveError).code).toBe('PAGE_NOT_FOUND');
      expect((await a.stats()).articles).toEqual({});
    });
  });
}
