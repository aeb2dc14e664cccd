// startCrawl on a server with a job queue (KG_QUEUE_URL): the crawl is queued on Redis for `kg worker`s, with
// the server's allow-list and extraction on, instead of running in the server; a queue that is down is an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { connectRedis, crawlJobId, openQueues, runKey, type JobQueues } from '../../queue/index.ts';
import { freePort } from '../postgres.ts';
import { REDIS_SKIP_MESSAGE, TEST_REDIS_URL, testPrefix } from '../redis.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

const KEY = 'queue-test-key-42';
const auth = { authorization: `Bearer ${KEY}` };
const START = `mutation($seeds: [String!]!) { startCrawl(seeds: $seeds, articlePatterns: ["/news/"]) {
  __typename ... on MutationStartCrawlSuccess { data { running seeds queueRun } } ... on MutationError { code message } } }`;

describe.skipIf(!TEST_REDIS_URL)('startCrawl with a job queue', () => {
  let t: TestArchive;
  let redis: Redis;
  let queues: JobQueues;
  const prefix = testPrefix('api');

  beforeAll(async () => {
    t = await loadTestArchive();
    redis = await connectRedis(TEST_REDIS_URL!);
    queues = openQueues(redis, prefix);
  });
  afterAll(async () => {
    await queues?.close();
    redis?.disconnect();
    await t?.close();
  });

  it('queues the seeds for the workers and crawls nothing in the server', async () => {
    const server = api(t.services, { apiKey: KEY, crawlAllowPrivate: ['127.0.0.1'], crawlQueue: TEST_REDIS_URL, queuePrefix: prefix });
    const pages = t.services.archive.stats().pages;
    const seed = 'http://127.0.0.1:9/news/a.html?utm_source=x';
    const res = await gql(server, START, { seeds: [seed] }, auth);
    expect(res.errors).toBeUndefined();
    const data = res.data!.startCrawl.data;
    expect(data).toMatchObject({ running: true, seeds: [seed] });
    expect(data.queueRun).toMatch(/^[0-9a-f-]{36}$/);
    const job = await queues.crawl.getJob(crawlJobId(data.queueRun, 'http://127.0.0.1:9/news/a.html'));
    expect(job?.data).toMatchObject({ url: 'http://127.0.0.1:9/news/a.html', depth: 0 });
    const config = JSON.parse((await redis.get(runKey(prefix, data.queueRun)))!);
    expect(config).toMatchObject({ extract: true, options: { allowPrivate: ['127.0.0.1'], articlePatterns: ['/news/'] } });
    // A second crawl is another run on the queue, not CRAWL_RUNNING: the workers share the hosts politely.
    const again = await gql(server, START, { seeds: [seed] }, auth);
    expect(again.data!.startCrawl.data.queueRun).not.toBe(data.queueRun);
    expect(t.services.archive.stats().pages).toBe(pages);
  });

  it('answers QUEUE_UNAVAILABLE when the queue is down, and a private seed without the allow-list is refused', async () => {
    const down = api(t.services, { apiKey: KEY, crawlQueue: `redis://127.0.0.1:${await freePort()}`, crawlAllowPrivate: ['127.0.0.1'] });
    const res = await gql(down, START, { seeds: ['http://127.0.0.1:9/news/a.html'] }, auth);
    expect(res.data!.startCrawl).toMatchObject({ __typename: 'OperationFailedError', code: 'QUEUE_UNAVAILABLE' });
    const strict = api(t.services, { apiKey: KEY, crawlQueue: TEST_REDIS_URL, queuePrefix: prefix, crawlAllowPrivate: [] });
    const refused = await gql(strict, START, { seeds: ['http://127.0.0.1:9/news/a.html'] }, auth);
    expect(refused.data!.startCrawl).toMatchObject({ __typename: 'OperationFailedError', code: 'FORBIDDEN_ADDRESS' });
  });
});
if (!TEST_REDIS_URL) console.warn(`[kg tests] ${REDIS_SKIP_MESSAGE}`);
