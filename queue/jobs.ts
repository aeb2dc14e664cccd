// The two job kinds on the shared queue and how they are added. A crawl job fetches one URL of a crawl run;
// an extract job extracts one stored page. Job ids make adding idempotent: a URL is queued once per run (its
// canonical form, crawler/url.ts), a page once per extractor version, whoever adds it and however often.
import { createHash, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { persistableOptions, resolveCrawlOptions, type CrawlOptions, type ResolvedCrawlOptions } from '../crawler/options.ts';
import type { EntryKind, Outcome } from '../crawler/frontier.ts';
import { canonicalUrl } from '../crawler/url.ts';
import { AddressGuard } from '../crawler/address-guard.ts';
import { QueueError } from './errors.ts';

export const CRAWL_QUEUE = 'kg-crawl';
export const EXTRACT_QUEUE = 'kg-extract';
export const JOB_KINDS = ['crawl', 'extract'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface CrawlJobData {
  run: string;
  url: string;
  depth: number;
  kind: EntryKind;
  parent: string | null;
}

export interface CrawlJobResult {
  outcome: Outcome;
  code?: string | null;
  reason?: string | null;
  pageId?: number | null;
}

export interface ExtractJobData {
  pageId: number;
  version: string;
}

/** What a crawl run keeps in Redis beside its jobs: its options (every worker reads them) and whether stored pages are extracted. */
export interface CrawlRunConfig {
  options: Record<string, unknown>;
  extract: boolean;
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** BullMQ ids may not contain ':' nor be integers: a hash of the canonical URL, per run. */
export const crawlJobId = (run: string, url: string) => `${run}-${sha1(url)}`;
export const extractJobId = (pageId: number, version: string) => `p${pageId}-${version}`;

export const runKey = (prefix: string, run: string) => `${prefix}:run:${run}`;

/** Attempts and backoff of crawl jobs come from the run's options (maxRetries, retryBaseMs). */
export function crawlJobOptions(o: ResolvedCrawlOptions, run: string, url: string) {
  return {
    jobId: crawlJobId(run, url),
    attempts: o.maxRetries + 1,
    backoff: { type: 'crawl', delay: o.retryBaseMs },
    removeOnComplete: false,
    removeOnFail: false,
  };
}

export interface JobQueues {
  crawl: Queue<CrawlJobData, CrawlJobResult>;
  extract: Queue<ExtractJobData>;
  close(): Promise<void>;
}

export function openQueues(redis: Redis, prefix: string): JobQueues {
  // Each Queue gets its own connection: BullMQ may block on one.
  const crawl = new Queue<CrawlJobData, CrawlJobResult>(CRAWL_QUEUE, { connection: redis.duplicate(), prefix });
  const extract = new Queue<ExtractJobData>(EXTRACT_QUEUE, { connection: redis.duplicate(), prefix });
  return {
    crawl,
    extract,
    async close() {
      await Promise.all([crawl.close(), extract.close()]);
      await Promise.all([crawl.disconnect(), extract.disconnect()]);
    },
  };
}

/**
 * Start a crawl run on the queue: save its options where every worker finds them and queue the seeds.
 * Returns the run id. Sitemaps are not read in queue mode (the seeds and their links are), nor is maxPages applied.
 */
export async function enqueueCrawl(redis: Redis, queues: JobQueues, prefix: string, input: CrawlOptions, extract: boolean): Promise<string> {
  const o = resolveCrawlOptions(input);
  if (o.seeds.length === 0) throw new QueueError('NO_SEEDS', 'a crawl needs at least one seed URL');
  const guard = new AddressGuard(o.allowPrivate);
  for (const seed of o.seeds) guard.checkUrl(seed);
  const run = randomUUID();
  const config: CrawlRunConfig = { options: persistableOptions(o), extract };
  await redis.set(runKey(prefix, run), JSON.stringify(config));
  const seeds = [...new Set(o.seeds.map((s) => canonicalUrl(s)).filter((s): s is string => !!s))];
  await queues.crawl.addBulk(
    seeds.map((url) => ({ name: 'page', data: { run, url, depth: 0, kind: 'page' as const, parent: null }, opts: crawlJobOptions(o, run, url) })),
  );
  return run;
}
