// A queue worker: takes crawl and/or extract jobs from Redis and writes one archive (PostgreSQL for several
// machines, or an SQLite file for several processes on one machine). Start as many as you like, anywhere.
import { Worker, type Job } from 'bullmq';
import { z } from 'zod';
import type { ArchivePort } from '../archive/port.ts';
import { CrawlError } from '../crawler/errors.ts';
import { EXTRACTOR_VERSION, extractionOf } from '../pipeline/extract.ts';
import { connectRedis, RedisUrlSchema } from './connection.ts';
import { CrawlJobs } from './crawl-job.ts';
import { QueueError } from './errors.ts';
import { processExtractJob } from './extract-job.ts';
import { HostLeases } from './host-lease.ts';
import { CRAWL_QUEUE, EXTRACT_QUEUE, JOB_KINDS, openQueues, type CrawlJobData } from './jobs.ts';

export const WorkerOptionsSchema = z.strictObject({
  /** redis://host:port of the shared queue. Required. */
  redis: RedisUrlSchema,
  /** Key prefix of the queue in Redis (several deployments on one Redis). Default "kg". */
  prefix: z.string().regex(/^[\w-]+$/).default('kg'),
  /** Jobs this worker runs at once, per kind. Default 4. */
  concurrency: z.number().int().min(1).max(256).default(4),
  /** Which job kinds to take. Default both. */
  kinds: z.array(z.enum(JOB_KINDS)).min(1).default([...JOB_KINDS]),
  /** A job whose worker stops renewing its lock this long (killed, frozen) goes back to the queue. Default 30,000. */
  lockDurationMs: z.number().int().min(200).default(30_000),
  /** How often workers look for such stalled jobs. Default: lockDurationMs. */
  stalledIntervalMs: z.number().int().min(100).optional(),
  /** A host's lease lapses this long after its holder stops renewing it (killed). Default 60,000. */
  hostLeaseMs: z.number().int().min(200).default(60_000),
  /** A name for this worker in job records (processedBy). Default kg-worker-<pid>. */
  name: z.string().min(1).default(`kg-worker-${process.pid}`),
});
export type WorkerOptions = z.input<typeof WorkerOptionsSchema>;

export interface RunningWorker {
  /** Finish the jobs in hand, take no more, disconnect. */
  close(): Promise<void>;
  readonly done: { crawl: number; extract: number; failed: number };
}

export function resolveWorkerOptions(input: unknown) {
  const r = WorkerOptionsSchema.safeParse(input);
  if (!r.success) throw new QueueError('BAD_WORKER_OPTIONS', r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; '));
  return r.data;
}

// A full article (body, knowledge) so every dictionary and model the extractor loads lazily is loaded now.
const WARM_UP_SENTENCE = '北京儿童医院与张家口市儿童医院签署合作协议，双方将共建儿科专科联盟，北京儿童医院每季度派出专家团队到张家口市儿童医院坐诊、查房和手术示教。';
const WARM_UP_HTML = `<html><head><title>北京儿童医院与张家口市儿童医院签约</title></head><body><h1>北京儿童医院与张家口市儿童医院签约</h1>
<div class="info">2024-05-13 来源：协作新闻网</div><div class="content">${`<p>${WARM_UP_SENTENCE}</p>`.repeat(3)}</div></body></html>`;

function warmUpExtractor(): void {
  const { extraction } = extractionOf({
    id: 0, hash: '', kind: 'html', url: 'http://warm-up.invalid/a/1.html', contentType: null, encoding: 'utf-8',
    size: WARM_UP_HTML.length, text: WARM_UP_HTML, origins: [], storedAt: '',
  });
  if (extraction.status !== 'ok') throw new QueueError('EXTRACTOR_BROKEN', `the extractor failed on its warm-up article: ${extraction.reason}`);
}

export async function startWorker(archive: ArchivePort, input: WorkerOptions): Promise<RunningWorker> {
  const o = resolveWorkerOptions(input);
  const redis = await connectRedis(o.redis);
  // The extractor loads its dictionaries on first use, for seconds, blocking this process: do it before taking
  // jobs, or the locks of the jobs in hand would lapse meanwhile and other workers would run them again.
  if (o.kinds.includes('extract')) warmUpExtractor();
  const queues = openQueues(redis, o.prefix);
  const crawl = new CrawlJobs({ redis, archive, queues, leases: new HostLeases(redis, o.prefix, o.hostLeaseMs), prefix: o.prefix, extractorVersion: EXTRACTOR_VERSION });
  const done = { crawl: 0, extract: 0, failed: 0 };
  const common = {
    prefix: o.prefix,
    concurrency: o.concurrency,
    lockDuration: o.lockDurationMs,
    stalledInterval: o.stalledIntervalMs ?? o.lockDurationMs,
    // A job whose worker died goes back to the queue; only one that outlived this many workers is failed (and kept).
    maxStalledCount: 3,
    name: o.name,
    // An idle worker looks for due jobs this often (seconds): a job delayed for a busy host is not always
    // announced to sleeping workers, and BullMQ's default (5 s) would idle the crawl that long.
    drainDelay: 0.25,
    settings: {
      // Exponential backoff with jitter from the run's retryBaseMs, at least the server's Retry-After.
      backoffStrategy: (attemptsMade: number, _type?: string, err?: Error, job?: { opts: { backoff?: unknown } }) => {
        const base = (job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 500;
        const backoff = Math.min(30_000, base * 2 ** (attemptsMade - 1)) * (0.5 + Math.random());
        return Math.max(backoff, err instanceof CrawlError ? (err.retryAfterMs ?? 0) : 0);
      },
    },
  };
  const workers: Worker[] = [];
  if (o.kinds.includes('crawl')) {
    workers.push(new Worker<CrawlJobData>(CRAWL_QUEUE, (job, token) => crawl.process(job, token), { ...common, connection: redis.duplicate() }));
  }
  if (o.kinds.includes('extract')) {
    workers.push(new Worker(EXTRACT_QUEUE, (job: Job) => processExtractJob(archive, job), { ...common, connection: redis.duplicate() }));
  }
  for (const w of workers) {
    w.on('completed', (job) => {
      if (job.queueName === CRAWL_QUEUE) done.crawl++;
      else done.extract++;
    });
    w.on('failed', (job, err) => {
      done.failed++;
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
      console.error(`${o.name}: job ${job?.queueName}/${job?.id} ${final ? 'failed for good' : `try ${job.attemptsMade} failed, will retry`}: ${err.message}`);
    });
    // Redis going away is reported here; BullMQ reconnects and carries on.
    w.on('error', (err) => console.error(`${o.name}: ${err.message}`));
  }
  return {
    done,
    async close() {
      // Let jobs in hand finish; a worker cycling jobs delayed for a busy host may never settle, so then force it.
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timedOut = await Promise.race([graceful.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 15_000).unref())]);
      if (timedOut) await Promise.all(workers.map((w) => w.close(true)));
      await crawl.close();
      await queues.close();
      redis.disconnect();
    },
  };
}
