// Conformance suite for the crawl frontier port (crawler/frontier.ts). Each implementation's test
// calls testFrontier with a factory; a Redis-backed queue would pass the same suite.
import { describe, expect, it } from 'vitest';
import type { Frontier, NewUrl } from '../../crawler/frontier.ts';

const u = (path: string, extra: Partial<NewUrl> = {}): NewUrl => ({
  url: `http://a.test${path}`, host: 'a.test', depth: 1, kind: 'page', parent: null, ...extra,
});

/** `open` returns a frontier over a fresh store; `reopen` one over the same store (a restart). */
export function testFrontier(name: string, factory: () => { open(): Frontier; reopen(): Frontier }): void {
  describe(`Frontier conformance: ${name}`, () => {
    it('deduplicates within a run and hands out each URL once, breadth first, sitemaps first', async () => {
      const f = factory().open();
      await f.startRun({});
      expect(await f.add([u('/b', { depth: 2 }), u('/a'), u('/a')])).toBe(2);
      expect(await f.add([u('/a')])).toBe(0);
      await f.add([u('/sitemap.xml', { kind: 'sitemap', depth: 0 })]);
      const order: string[] = [];
      for (let e = await f.claim(new Set(), Date.now()); e; e = await f.claim(new Set(), Date.now())) order.push(e.url);
      expect(order).toEqual(['http://a.test/sitemap.xml', 'http://a.test/a', 'http://a.test/b']);
      expect((await f.stats()).inFlight).toBe(3);
    });

    it('skips busy hosts and URLs not yet due', async () => {
      const f = factory().open();
      await f.startRun({});
      await f.add([u('/a'), { ...u('/x'), url: 'http://b.test/x', host: 'b.test' }]);
      const e = await f.claim(new Set(['a.test']), Date.now());
      expect(e?.host).toBe('b.test');
      expect(await f.claim(new Set(['a.test']), Date.now())).toBeNull();
      const a = (await f.claim(new Set(), Date.now()))!;
      const due = Date.now() + 60_000;
      await f.retryLater(a.url, due, 'HTTP 503');
      expect(await f.claim(new Set(), Date.now())).toBeNull();
      expect(await f.nextDueAt(Date.now())).toBe(due);
      const again = await f.claim(new Set(), due);
      expect(again?.url).toBe(a.url);
      expect(again?.attempts).toBe(2);
    });

    it('gives every URL one outcome; record() does not override a URL already seen in the run', async () => {
      const f = factory().open();
      await f.startRun({});
      await f.add([u('/a')]);
      await f.record([u('/a'), u('/out')], { outcome: 'out-of-scope', reason: 'host' });
      const a = (await f.claim(new Set(), Date.now()))!;
      await f.complete(a.url, { outcome: 'stored', pageId: 7, etag: '"x"', fetched: true });
      const recs = new Map((await f.records()).map((r) => [r.url, r]));
      expect(recs.get('http://a.test/a')).toMatchObject({ state: 'done', outcome: 'stored', pageId: 7 });
      expect(recs.get('http://a.test/out')).toMatchObject({ state: 'done', outcome: 'out-of-scope', reason: 'host' });
      expect(await f.stats()).toMatchObject({ queued: 0, inFlight: 0, done: 2, fetched: 1, byOutcome: { stored: 1, 'out-of-scope': 1 } });
    });

    it('resumes after a restart: in-flight URLs go back to the queue, finished ones stay finished', async () => {
      const store = factory();
      const f = store.open();
      await f.startRun({ seeds: ['http://a.test/'] });
      await f.add([u('/a'), u('/b')]);
      const a = (await f.claim(new Set(), Date.now()))!;
      await f.complete(a.url, { outcome: 'listed', fetched: true });
      await f.claim(new Set(), Date.now()); // /b in flight when the process dies
      const g = store.reopen();
      const run = await g.resumeRun();
      expect(run?.options).toEqual({ seeds: ['http://a.test/'] });
      const b = await g.claim(new Set(), Date.now());
      expect(b?.url).toBe('http://a.test/b');
      expect(await g.claim(new Set(), Date.now())).toBeNull();
    });

    it('a new run queues finished URLs again and keeps their validators for a conditional GET', async () => {
      const f = factory().open();
      await f.startRun({});
      await f.add([u('/a')]);
      const a = (await f.claim(new Set(), Date.now()))!;
      await f.complete(a.url, { outcome: 'stored', etag: '"v1"', lastModified: 'Mon, 13 May 2024 00:00:00 GMT', fetched: true });
      await f.finishRun();
      await f.startRun({});
      expect(await f.add([u('/a')])).toBe(1);
      const again = (await f.claim(new Set(), Date.now()))!;
      expect(again).toMatchObject({ etag: '"v1"', lastModified: 'Mon, 13 May 2024 00:00:00 GMT', attempts: 1 });
    });

    it('a shallower link lifts a too-deep URL back into the queue', async () => {
      const f = factory().open();
      await f.startRun({});
      await f.record([u('/deep', { depth: 4 })], { outcome: 'too-deep' });
      expect(await f.add([u('/deep', { depth: 2 })])).toBe(1);
      expect((await f.claim(new Set(), Date.now()))?.depth).toBe(2);
    });
  });
}
