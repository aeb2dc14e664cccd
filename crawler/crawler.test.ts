// End-to-end crawl of the fixture site: every URL's exact outcome, the decoded text of every
// article, politeness (Crawl-delay, Retry-After) and conditional GET on a second run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { ARTICLES } from '../test/fixtures/site/pages.ts';
import { startSite, type FixtureSite } from '../test/fixtures/site/server.ts';
import { Crawler, type CrawlSummary } from './crawler.ts';
import type { CrawlOptions } from './options.ts';
import { SqliteFrontier } from './sqlite-frontier.ts';
import type { UrlRecord } from './frontier.ts';

let site: FixtureSite;
let dir: string;
let archive: Archive;
let summary: CrawlSummary;
let records: Map<string, UrlRecord>;
let firstRunRequests: number;

const options = (): CrawlOptions => ({
  seeds: [`${site.origin}/`],
  maxDepth: 2,
  concurrency: 4,
  perHostConcurrency: 2,
  delayMs: 0,
  maxRetries: 2,
  retryBaseMs: 50,
  retryMaxMs: 200,
  headersTimeoutMs: 300,
  bodyTimeoutMs: 300,
  maxBodyBytes: 1024 * 1024,
  maxRedirects: 3,
  contact: 'crawler-tests@example.invalid',
  allowPrivate: ['127.0.0.1'], // the fixture site is local
});

beforeAll(async () => {
  site = await startSite({ crawlDelay: 0.1 });
  dir = mkdtempSync(join(tmpdir(), 'kg-crawl-'));
  archive = Archive.open({ dataDir: dir });
  summary = await new Crawler(archive, options()).run();
  const frontier = new SqliteFrontier(archive.db);
  await frontier.resumeRun();
  records = new Map((await frontier.records()).map((r) => [r.url.replace(site.origin, ''), r]));
  firstRunRequests = site.requests.length;
}, 60_000);

afterAll(async () => {
  archive?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

const expected: Record<string, [string, string | null, number?]> = {
  '/': ['listed', null],
  '/list/index.html': ['listed', null],
  '/list/index_2.html': ['listed', null],
  '/list/index_3.html': ['listed', null],
  '/list/archive?page=2': ['listed', null],
  '/sitemap_index.xml': ['listed', null],
  '/sitemap-news.xml': ['listed', null],
  '/deep/1.html': ['listed', null],
  '/deep/2.html': ['listed', null],
  '/deep/3.html': ['too-deep', null],
  '/nofollow.html': ['listed', null],
  '/news/copy.html': ['duplicate', null],
  '/news/busy.html': ['stored', null, 2],
  '/news/flaky.html': ['stored', null, 2],
  '/redirect/moved': ['stored', null],
  '/news/moved.html': ['stored', null],
  '/private/secret.html': ['robots', null],
  'http://example.org/elsewhere': ['out-of-scope', null],
  '/files/report.pdf': ['not-html', 'UNSUPPORTED_TYPE'],
  '/binary.html': ['not-html', 'BINARY_CONTENT'],
  '/redirect/out': ['out-of-scope', 'REDIRECT_REFUSED'],
  '/redirect/private': ['robots', 'REDIRECT_REFUSED'],
  '/redirect/chain/0': ['failed', 'TOO_MANY_REDIRECTS', 1],
  '/loop/a': ['failed', 'REDIRECT_LOOP', 1],
  '/missing.html': ['failed', 'HTTP_STATUS', 1],
  '/broken.html': ['failed', 'HTTP_STATUS', 3],
  '/slow.html': ['failed', 'HEADERS_TIMEOUT', 3],
  '/reset.html': ['failed', 'NETWORK', 3],
  '/stall.html': ['failed', 'BODY_TIMEOUT', 3],
  '/huge.html': ['failed', 'TOO_LARGE', 1],
};

describe('crawl of the fixture site', () => {
  it('gives every URL exactly the expected outcome, and no other URL is known', () => {
    const want = new Map(Object.entries(expected));
    for (const x of ARTICLES) if (!want.has(x.path)) want.set(x.path, ['stored', null]);
    const got = Object.fromEntries([...records].map(([u, r]) => [u, [r.outcome, r.code, r.attempts]]));
    for (const [url, [outcome, code, attempts]] of want) {
      expect(got[url]?.[0], url).toBe(outcome);
      expect(got[url]?.[1], url).toBe(code);
      if (attempts !== undefined) expect(got[url]?.[2], url).toBe(attempts);
    }
    expect(Object.keys(got).sort()).toEqual([...want.keys()].sort());
    expect([...records.values()].every((r) => r.state === 'done')).toBe(true);
    expect(summary.queued).toBe(0);
  });

  it('stores each article once with its text decoded right, whatever the declaration', () => {
    for (const x of ARTICLES) {
      const r = records.get(x.path)!;
      const page = archive.getPage(r.pageId!)!;
      expect(page.text, x.path).toContain(x.sentence);
      expect(page.text, x.path).toContain(x.title);
      expect(page.text.includes('\ufffd'), x.path).toBe(false);
      expect(page.encoding, x.path).toBe(x.encoding === 'utf-8' ? 'utf-8' : x.encoding === 'gbk' ? 'gb18030' : 'big5');
    }
    expect(archive.stats().pages).toBe(ARTICLES.length);
    // /news/gzip.html came compressed: the stored bytes are the page, not the gzip stream.
    expect(site.requests.find((r) => r.path === '/news/gzip.html')!.headers['accept-encoding']).toMatch(/gzip/);
    expect(records.get('/news/copy.html')!.pageId).toBe(records.get('/news/utf8-declared.html')!.pageId);
  });

  it('fetches canonical URLs once: tracking parameters and fragments do not cause refetches', () => {
    expect(site.requests.filter((r) => r.path.startsWith('/list/index.html')).length).toBe(1);
    expect(site.requests.filter((r) => r.path.startsWith('/news/utf8-declared.html')).length).toBe(1);
    expect(site.count('/never-linked.html')).toBe(0);
    expect(site.count('/private/secret.html') + site.count('/private/secret2.html')).toBe(0);
  });

  it('records content rejections in the archive', () => {
    const codes = archive.stats().rejectionsByCode;
    expect(codes.UNSUPPORTED_TYPE).toBe(1);
    expect(codes.BINARY_CONTENT).toBe(1);
    expect(codes.TOO_LARGE).toBe(1);
  });

  it('aborts the 20 MB body early instead of reading it', () => {
    expect(site.hugeSent).toBeLessThan(20 * 1024 * 1024);
  });

  it('is polite: User-Agent with contact, Crawl-delay between request starts, Retry-After honoured', () => {
    const ua = site.requests[0].headers['user-agent'];
    expect(ua).toMatch(/collab-kg-crawler\/.*contact: crawler-tests@example\.invalid/);
    const starts = site.requests.slice(0, firstRunRequests).filter((r) => r.path !== '/robots.txt').map((r) => r.at);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    // Measured where the requests arrive, so scheduling jitter on a busy machine moves single gaps;
    // the mean and the median cannot fall below the delay unless requests really came faster.
    const sorted = [...gaps].sort((x, y) => x - y);
    expect((starts.at(-1)! - starts[0]) / gaps.length).toBeGreaterThanOrEqual(95);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThanOrEqual(95);
    const busy = site.requests.filter((r) => r.path === '/news/busy.html').map((r) => r.at);
    expect(busy[1] - busy[0]).toBeGreaterThanOrEqual(950);
  });

  it('summarises the run', () => {
    expect(summary.byOutcome.stored).toBe(ARTICLES.length + 1);
    expect(summary.byOutcome.failed).toBe(8);
    expect(summary.failures.map((f) => f.url)).toContain(`${site.origin}/broken.html`);
    expect(summary.errors).toBeGreaterThanOrEqual(2 + 4 * 3);
  });

  it('re-crawls with conditional GET: unchanged articles answer 304', async () => {
    const before = site.requests.length;
    const again = await new Crawler(archive, { ...options(), sitemaps: false }).run();
    const second = site.requests.slice(before);
    const gbk = second.find((r) => r.path === '/news/gbk-declared.html')!;
    expect(gbk.headers['if-none-match']).toMatch(/^".+"$/);
    expect(second.find((r) => r.path === '/')!.headers['if-none-match']).toBeUndefined();
    expect(again.byOutcome.unchanged).toBeGreaterThanOrEqual(10);
    expect(again.byOutcome.stored ?? 0).toBe(0);
    expect(archive.stats().pages).toBe(ARTICLES.length);
  }, 60_000);

  it('runs one crawl at a time on an archive: a second one is refused while the first runs, then may start', async () => {
    const first = new Crawler(archive, { ...options(), sitemaps: false }).run();
    const second = await new Crawler(archive, { ...options(), sitemaps: false }).run().catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'CRAWL_RUNNING', message: expect.stringContaining(`process ${process.pid}`) });
    await first;
    await expect(new Crawler(archive, { ...options(), sitemaps: false }).run()).resolves.toMatchObject({ byOutcome: expect.any(Object) });
  }, 60_000);
});
