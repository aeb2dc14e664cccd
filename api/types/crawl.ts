// Crawls from the API: `startCrawl` (API key) runs the crawler in the background of the server process that
// took the request, one crawl per archive at a time; `crawlStatus` tells whether it still runs and how the last
// one ended. The record lives in the archive (api/crawl-jobs.ts), so every server process on it agrees.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { KgError } from '../../archive/errors.ts';
import { leaseHolder } from '../../archive/lease.ts';
import { patternProblem } from '../../crawler/pattern.ts';
import { CrawlJobs, type CrawlJob } from '../crawl-jobs.ts';
import { builder } from '../builder.ts';
import { NotAvailableError, OperationFailedError } from '../errors.ts';
import { errors, known } from './mutations.ts';
import { KeyCountRef } from './stats.ts';

/** articlePatterns run on RE2 (linear time): a pattern RE2 cannot run is refused here, with its reason. */
const regex = z.string().max(200).superRefine((p, ctx) => {
  const problem = patternProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** One CrawlJobs per archive connection: it prepares its table once. */
const jobsByDb = new WeakMap<Database.Database, CrawlJobs>();
function jobsOf(db: Database.Database): CrawlJobs {
  let jobs = jobsByDb.get(db);
  if (!jobs) jobsByDb.set(db, (jobs = new CrawlJobs(db)));
  return jobs;
}

const CrawlRef = builder.objectRef<CrawlJob>('Crawl').implement({
  fields: (t) => ({
    seeds: t.exposeStringList('seeds'),
    maxPages: t.exposeInt('maxPages'),
    startedAt: t.exposeString('startedAt'),
    finishedAt: t.exposeString('finishedAt', { nullable: true }),
    running: t.boolean({ resolve: (c) => c.finishedAt === null }),
    fetched: t.exposeInt('fetched', { nullable: true, description: 'Requests made, once finished.' }),
    queued: t.exposeInt('queued', { nullable: true, description: 'URLs left queued (maxPages reached), once finished.' }),
    failure: t.exposeString('failure', { nullable: true, description: 'Error code when the crawl stopped on an error; ABANDONED when the server process running it went away.' }),
    outcomes: t.field({ type: [KeyCountRef], resolve: (c) => Object.entries(c.outcomes).map(([key, count]) => ({ key, count })) }),
    queueRun: t.string({
      nullable: true,
      description: 'Id of the run on the shared job queue when the server queues crawls for `kg worker`s (KG_QUEUE_URL); null for a crawl run in the server.',
      resolve: (c) => (c as QueuedCrawl).queueRun ?? null,
    }),
  }),
});

/** A crawl handed to the shared queue: the workers crawl it; the record says where it went. */
type QueuedCrawl = CrawlJob & { queueRun?: string };

async function enqueueCrawl(queue: { url: string; prefix: string }, seeds: string[], maxPages: number, articlePatterns: string[], allowPrivate: string[]): Promise<QueuedCrawl> {
  const q = await import('../../queue/index.ts');
  const redis = await q.connectRedis(queue.url);
  const queues = q.openQueues(redis, queue.prefix);
  try {
    const run = await q.enqueueCrawl(redis, queues, queue.prefix, { seeds, articlePatterns, allowPrivate }, true);
    return { id: 0, seeds, maxPages, startedAt: new Date().toISOString(), finishedAt: null, fetched: null, queued: null, failure: null, outcomes: {}, queueRun: run };
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

builder.queryFields((t) => ({
  crawlStatus: t.field({
    type: CrawlRef,
    nullable: true,
    description: 'The latest crawl started through the API on this archive (by any server process); null when none.',
    resolve: (_root, _args, ctx) => jobsOf(ctx.services.archive.db).latest(),
  }),
}));

builder.mutationFields((t) => ({
  startCrawl: t.field({
    type: CrawlRef,
    authScopes: { apiKey: true },
    errors,
    description:
      'Start crawling from these seeds in the background (one crawl at a time); then `reextract` and `sync`. When the server has a job queue (KG_QUEUE_URL), the crawl is queued for `kg worker`s instead (`queueRun`; maxPages does not apply there, depth and scope bound it) and the workers extract what they store.',
    args: {
      seeds: t.arg.stringList({ required: true, validate: z.array(z.url({ protocol: /^https?$/ }).max(2000)).min(1).max(50) }),
      maxPages: t.arg.int({ defaultValue: 1000, validate: z.number().int().min(1).max(100_000).nullish() }),
      articlePatterns: t.arg.stringList({ required: false, description: 'URLs matching these regular expressions are article pages.', validate: z.array(regex).max(20).nullish() }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.crawlQueue) {
        const queue = ctx.crawlQueue;
        return known(() => enqueueCrawl(queue, args.seeds, args.maxPages ?? 1000, args.articlePatterns ?? [], ctx.crawlAllowPrivate));
      }
      const crawler = await import('../../crawler/index.ts').catch(() => null);
      if (!crawler?.Crawler) throw new NotAvailableError('the crawler is not part of this build');
      const maxPages = args.maxPages ?? 1000;
      const job = await known(() => new crawler.Crawler(ctx.services.archive, { seeds: args.seeds, maxPages, articlePatterns: args.articlePatterns ?? [], allowPrivate: ctx.crawlAllowPrivate }));
      const jobs = jobsOf(ctx.services.archive.db);
      // A crawl from the command line (kg crawl) holds the crawl lease without an API record.
      const cli = leaseHolder(ctx.services.archive.db, 'crawl');
      if (cli) throw new OperationFailedError('CRAWL_RUNNING', `a crawl is already running on this archive (process ${cli.pid}, since ${cli.since})`);
      const record = jobs.start(args.seeds, maxPages);
      if (!record) throw new OperationFailedError('CRAWL_RUNNING', 'a crawl is already running on this archive');
      const beat = setInterval(() => {
        try {
          jobs.heartbeat(record.id);
        } catch {
          // the archive was busy: the next beat will do, long before the crawl counts as stale
        }
      }, jobs.options.heartbeatMs).unref();
      job.run().then(
        (s) => jobs.finish(record.id, { fetched: s.fetched, queued: s.queued, outcomes: { ...s.byOutcome } }),
        (e) => {
          const failure = e instanceof KgError ? e.code : 'CRAWL_FAILED';
          console.error(`crawl failed: ${failure}: ${(e as Error).message}`);
          jobs.finish(record.id, { failure });
        },
      ).catch((e) => console.error(`crawl ${record.id}: could not record its end: ${(e as Error).message}`))
        .finally(() => clearInterval(beat));
      return record;
    },
  }),
}));
