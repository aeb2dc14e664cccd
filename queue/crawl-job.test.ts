// One worker in this process crawling a small local site through the queue: each kind of URL gets its outcome
// (stored, robots, failed with its code after retries or at once, not-html with a recorded rejection, a redirect
// to another host queued as that host's job), nothing is dropped, and the archive counts the rejections.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchivePort } from '../archive/sqlite-port.ts';
import { REDIS_SKIP_MESSAGE, TEST_REDIS_URL, testPrefix } from '../test/redis.ts';
import { connectRedis } from './connection.ts';
import { enqueueCrawl, openQueues, runKey, type JobQueues } from './jobs.ts';
import { waitForRun } from './status.ts';
import { startWorker, type RunningWorker } from './worker.ts';

const BODY = '<p>' + '天津市第一中心医院与承德市中心医院签署对口帮扶协议，派出专家团队常驻承德，开展肝移植和重症医学等专科建设，提升当地医疗服务能力。'.repeat(2) + '</p>';
const article = (title: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><div class="content">${BODY}<p>${title}</p></div></body></html>`;

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe.skipIf(!TEST_REDIS_URL)('crawl jobs: one outcome per URL', () => {
  let main: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let redis: Redis;
  let queues: JobQueues;
  let archive: SqliteArchivePort;
  let worker: RunningWorker;
  const prefix = testPrefix('jobs');
  let flaky = 0;
  const hits: string[] = [];

  beforeAll(async () => {
    other = await listen((req, res) => {
      hits.push(`other${req.url}`);
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article('另一站的稿件'));
    });
    main = await listen((req, res) => {
      hits.push(req.url ?? '');
      const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      switch (req.url) {
        case '/robots.txt': return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
        case '/': return html(`<html><body>${['/ok.html', '/missing.html', '/flaky.html', '/private/x.html', '/bin.html', '/away.html', 'mailto:x@example.org'].map((h) => `<a href="${h}">${h}</a>`).join(' ')}</body></html>`);
        case '/ok.html': return html(article('对口帮扶签约'));
        case '/missing.html': return void res.writeHead(404).end();
        case '/flaky.html': return ++flaky <= 2 ? void res.writeHead(503).end() : html(article('重试后成功'));
        case '/bin.html': return void res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 0, 7].concat(Array(500).fill(0))));
        case '/away.html': return void res.writeHead(302, { location: `${other.origin}/moved.html` }).end();
        default: return void res.writeHead(404).end();
      }
    });
    redis = await connectRedis(TEST_REDIS_URL!);
    queues = openQueues(redis, prefix);
    archive = SqliteArchivePort.open({ dataDir: mkdtempSync(join(tmpdir(), 'kg-jobs-')) });
    worker = await startWorker(archive, { redis: TEST_REDIS_URL!, prefix, concurrency: 3, kinds: ['crawl'] });
  });
  afterAll(async () => {
    await worker?.close();
    await queues?.close();
    redis?.disconnect();
    await archive?.close();
    main?.server.close();
    other?.server.close();
  });

  it('gives every URL its outcome, retries transient failures, and records rejections', async () => {
    const run = await enqueueCrawl(redis, queues, prefix, {
      seeds: [`${main.origin}/`], delayMs: 0, articlePatterns: ['\\.html$'], maxRetries: 3, retryBaseMs: 20, allowPrivate: ['127.0.0.1'],
      scope: { allow: [new URL(main.origin).host, new URL(other.origin).host], include: [], exclude: [] },
    }, false);
    const status = await waitForRun(redis, queues, prefix, run);
    const outcomes = await redis.hgetall(`${runKey(prefix, run)}:outcomes`);
    const at = (path: string, origin = main.origin) => outcomes[`${origin}${path}`];
    expect(at('/')).toBe('listed');
    expect(at('/ok.html')).toBe('stored');
    expect(at('/flaky.html')).toBe('stored'); // two 503s, then served
    expect(at('/missing.html')).toBe('failed');
    expect(at('/private/x.html')).toBe('robots');
    expect(at('/bin.html')).toBe('not-html');
    expect(at('/away.html')).toBe('listed'); // its target is another host's job
    expect(at('/moved.html', other.origin)).toBe('stored');
    expect(Object.keys(outcomes)).toHaveLength(8);
    expect(status.failedJobs.crawl).toBe(0);
    expect(hits.filter((h) => h === '/flaky.html')).toHaveLength(3);
    expect(hits).not.toContain('/private/x.html');

    const missing = (await queues.crawl.getJobs(['completed'])).find((j) => j.data.url.endsWith('/missing.html'));
    expect(missing?.returnvalue).toMatchObject({ outcome: 'failed', code: 'HTTP_STATUS', reason: 'HTTP 404' });
    expect(await archive.stats()).toMatchObject({ pages: 3, rejections: 1 });
  });
});
if (!TEST_REDIS_URL) console.warn(`[kg tests] ${REDIS_SKIP_MESSAGE}`);
