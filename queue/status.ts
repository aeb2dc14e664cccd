// What a crawl run on the queue has done: each URL's outcome (kept per run in Redis) and whether jobs are left.
import type { Redis } from 'ioredis';
import { runKey, type JobQueues } from './jobs.ts';

export interface RunStatus {
  run: string;
  /** URLs by outcome (stored, duplicate, listed, failed…), out-of-scope and too-deep links included. */
  byOutcome: Record<string, number>;
  /** Crawl and extract jobs not finished yet (waiting, delayed or in a worker's hands), all runs together. */
  pending: { crawl: number; extract: number };
  /** Jobs that failed for good (their reason is kept in the queue). */
  failedJobs: { crawl: number; extract: number };
}

const PENDING = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

export async function runStatus(redis: Redis, queues: JobQueues, prefix: string, run: string): Promise<RunStatus> {
  const outcomes = await redis.hvals(`${runKey(prefix, run)}:outcomes`);
  const byOutcome: Record<string, number> = {};
  for (const o of outcomes) byOutcome[o] = (byOutcome[o] ?? 0) + 1;
  const [c, e] = await Promise.all([queues.crawl.getJobCounts(...PENDING, 'failed'), queues.extract.getJobCounts(...PENDING, 'failed')]);
  const sum = (counts: Record<string, number>) => PENDING.reduce((n, k) => n + (counts[k] ?? 0), 0);
  return { run, byOutcome, pending: { crawl: sum(c), extract: sum(e) }, failedJobs: { crawl: c.failed ?? 0, extract: e.failed ?? 0 } };
}

/** Poll until no crawl or extract job is pending; calls onTick with each status. */
export async function waitForRun(redis: Redis, queues: JobQueues, prefix: string, run: string, onTick?: (s: RunStatus) => void): Promise<RunStatus> {
  for (;;) {
    const s = await runStatus(redis, queues, prefix, run);
    onTick?.(s);
    if (s.pending.crawl === 0 && s.pending.extract === 0) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
}
