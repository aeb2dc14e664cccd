// One crawl job: fetch one URL of a run, under the host's global lease, with the crawler's own parts (fetcher,
// robots, address guard, decoding, link analysis, scope). Links in scope become crawl jobs (idempotent by job id),
// a stored page an extract job. Every URL gets one outcome, kept per run in Redis (`<prefix>:run:<id>:outcomes`).
// Transient failures are thrown so BullMQ retries them with backoff; final ones complete with outcome 'failed'.
import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ArchivePort } from '../archive/port.ts';
import { KgError } from '../archive/errors.ts';
import { AddressGuard } from '../crawler/address-guard.ts';
import { decodeHtml, DecodeError } from '../crawler/decode.ts';
import { CrawlError } from '../crawler/errors.ts';
import { Fetcher, type FetchResult } from '../crawler/fetcher.ts';
import type { Outcome } from '../crawler/frontier.ts';
import { analysePage, type ClassifyPatterns } from '../crawler/links.ts';
import { resolveCrawlOptions, userAgentOf, type ResolvedCrawlOptions } from '../crawler/options.ts';
import { compilePattern } from '../crawler/pattern.ts';
import { RobotsCache } from '../crawler/robots.ts';
import { canonicalUrl, hostOf, Scope } from '../crawler/url.ts';
import { QueueError } from './errors.ts';
import type { Lease, HostLeases } from './host-lease.ts';
import { crawlJobOptions, extractJobId, runKey, type CrawlJobData, type CrawlJobResult, type CrawlRunConfig, type JobQueues } from './jobs.ts';

/** Why a redirect hop was refused: the URL's outcome (a hop to another host became that host's own job: listed). */
interface Hops {
  refused: 'out-of-scope' | 'robots' | 'listed' | null;
}

interface RunContext {
  o: ResolvedCrawlOptions;
  extract: boolean;
  scope: Scope;
  fetcher: Fetcher;
  robots: RobotsCache;
  patterns: ClassifyPatterns;
}

export interface CrawlJobDeps {
  redis: Redis;
  archive: ArchivePort;
  queues: JobQueues;
  leases: HostLeases;
  prefix: string;
  extractorVersion: string;
}

export class CrawlJobs {
  private readonly runs = new Map<string, Promise<RunContext>>();

  constructor(private readonly d: CrawlJobDeps) {}

  async close(): Promise<void> {
    for (const ctx of this.runs.values()) await (await ctx.catch(() => null))?.fetcher.close();
  }

  private context(run: string): Promise<RunContext> {
    let ctx = this.runs.get(run);
    if (!ctx) {
      ctx = this.load(run);
      this.runs.set(run, ctx);
      ctx.catch(() => this.runs.delete(run));
    }
    return ctx;
  }

  private async load(run: string): Promise<RunContext> {
    const raw = await this.d.redis.get(runKey(this.d.prefix, run));
    if (!raw) throw new QueueError('UNKNOWN_RUN', `crawl run ${run} has no options in the queue (was the queue flushed?)`);
    const config = JSON.parse(raw) as CrawlRunConfig;
    const o = resolveCrawlOptions(config.options);
    const fetcher = new Fetcher({ ...o, userAgent: userAgentOf(o), guard: new AddressGuard(o.allowPrivate, o.resolver) });
    return {
      o,
      extract: config.extract,
      scope: new Scope(o.scope, o.seeds),
      fetcher,
      robots: new RobotsCache(fetcher, o.userAgentToken),
      patterns: { article: o.articlePatterns.map(compilePattern), list: o.listPatterns.map(compilePattern) },
    };
  }

  /** The BullMQ processor for crawl jobs. */
  async process(job: Job<CrawlJobData, CrawlJobResult>, token: string | undefined): Promise<CrawlJobResult> {
    const e = job.data;
    const ctx = await this.context(e.run);
    const host = hostOf(e.url);
    const got = await this.d.leases.acquire(host, `${job.id}/${token}`, ctx.o.delayMs);
    if ('retryAt' in got) {
      // Another worker has this host, or its gap has not passed: come back then, without spending an attempt.
      await job.moveToDelayed(got.retryAt, token);
      throw new DelayedError();
    }
    let result: CrawlJobResult;
    try {
      result = await this.fetchAndStore(job, ctx, got);
    } catch (err) {
      const final = this.finalFailure(job, ctx, err);
      if (!final) throw err; // BullMQ retries it after the backoff
      result = final;
      if (err instanceof CrawlError && err.code === 'TOO_LARGE') await this.d.archive.recordRejection(e.url, 'TOO_LARGE', err.message);
    } finally {
      await got.release().catch(() => {});
    }
    await this.d.redis.hset(`${runKey(this.d.prefix, e.run)}:outcomes`, e.url, result.outcome);
    return result;
  }

  /** The outcome of a failure that will not be retried, or null when BullMQ should try again. */
  private finalFailure(job: Job<CrawlJobData>, ctx: RunContext, err: unknown): CrawlJobResult | null {
    const ke = err instanceof KgError ? err : null;
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (ke?.retryable && !lastTry) {
      const retryAfter = err instanceof CrawlError ? err.retryAfterMs : null;
      if (retryAfter === null || retryAfter <= ctx.o.maxRetryAfterMs) return null;
      return { outcome: 'failed', code: ke.code, reason: `${ke.message}: Retry-After ${Math.round(retryAfter / 1000)} s exceeds the ${ctx.o.maxRetryAfterMs / 1000} s limit` };
    }
    // The archive being down is not the page's fault: leave the job failed in the queue, to be retried by hand.
    if (ke?.retryable && !(err instanceof CrawlError)) return null;
    if (!ke) return null; // a bug: fail the job loudly rather than give the URL a made-up outcome
    return { outcome: 'failed', code: ke.code, reason: ke.retryable ? `${ke.message} after ${job.attemptsMade + 1} tries` : ke.message };
  }

  private async fetchAndStore(job: Job<CrawlJobData>, ctx: RunContext, lease: Lease): Promise<CrawlJobResult> {
    const e = job.data;
    if (ctx.o.respectRobots) {
      // robots.txt is fetched once per origin and process: that request takes a turn too.
      const rules = await ctx.robots.forUrl(e.url, () => lease.turn());
      if (rules.crawlDelayMs) await this.d.leases.raiseDelay(lease.host, Math.min(rules.crawlDelayMs, ctx.o.maxCrawlDelayMs), ctx.o.delayMs);
      if (!rules.allowed(e.url)) return { outcome: 'robots', reason: 'disallowed by robots.txt' };
    }
    await lease.turn();
    const hops: Hops = { refused: null };
    const res = await ctx.fetcher.fetch({
      url: e.url,
      accept: 'html',
      beforeRedirect: (target) => this.hopRefusal(ctx, e, target, lease, hops),
    });
    try {
      return await this.handlePage(job, ctx, res, hops);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      await this.d.archive.recordRejection(e.url, err.code, err.message);
      return { outcome: err.code === 'BINARY_CONTENT' ? 'not-html' : 'failed', code: err.code, reason: err.message };
    }
  }

  /** A redirect to another host becomes that host's own job (its lease, its gap); a same-host hop waits its turn. */
  private async hopRefusal(ctx: RunContext, e: CrawlJobData, target: string, lease: Lease, hops: Hops): Promise<string | null> {
    const v = ctx.scope.check(target);
    if (!v.ok) {
      hops.refused = 'out-of-scope';
      return `out of scope: ${v.reason}`;
    }
    if (hostOf(target) !== lease.host) {
      await this.enqueue(ctx, e.run, [{ url: target, depth: e.depth, parent: e.url }]);
      hops.refused = 'listed';
      return 'redirects to another host: queued as its own job';
    }
    if (ctx.o.respectRobots && !(await ctx.robots.forUrl(target)).allowed(target)) {
      hops.refused = 'robots';
      return 'disallowed by robots.txt';
    }
    await lease.turn();
    return null;
  }

  private async handlePage(job: Job<CrawlJobData>, ctx: RunContext, res: FetchResult, hops: Hops): Promise<CrawlJobResult> {
    const e = job.data;
    if (res.kind === 'not-modified') return { outcome: 'unchanged', reason: 'HTTP 304 Not Modified' };
    if (res.kind === 'redirect-refused') {
      return { outcome: hops.refused ?? 'out-of-scope', code: 'REDIRECT_REFUSED', reason: `redirects to ${res.target}: ${res.reason}` };
    }
    if (res.kind === 'wrong-type') {
      await this.d.archive.recordRejection(e.url, 'UNSUPPORTED_TYPE', `content type ${res.contentType}`);
      return { outcome: 'not-html', code: 'UNSUPPORTED_TYPE', reason: `content type ${res.contentType}` };
    }
    const decoded = decodeHtml(res.bytes, res.contentType);
    const page = analysePage(decoded.text, res.url, ctx.patterns);
    await this.discover(ctx, e, page.links, page.pagination);
    if (page.type === 'list' && !ctx.o.storeListPages) return { outcome: 'listed', reason: `list page: ${page.links.length} links` };
    const stored = await this.d.archive.storePage({
      origin: e.url, kind: 'html', bytes: res.bytes, text: decoded.text, encoding: decoded.encoding, url: res.url, contentType: res.contentType,
    });
    if (stored.outcome === 'stored' && ctx.extract) {
      const version = this.d.extractorVersion;
      await this.d.queues.extract.add('extract', { pageId: stored.pageId, version }, { jobId: extractJobId(stored.pageId, version), attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: false, removeOnFail: false });
    }
    const outcome: Outcome = stored.outcome === 'stored' ? 'stored' : stored.outcome === 'new-origin' ? 'duplicate' : 'unchanged';
    return { outcome, pageId: stored.pageId, reason: `${page.type}, ${decoded.encoding} (${decoded.method})` };
  }

  /** Queue in-scope links (pagination at the same depth); record the others' outcome. */
  private async discover(ctx: RunContext, e: CrawlJobData, links: string[], pagination: Set<string>): Promise<void> {
    const queue: Array<{ url: string; depth: number; parent: string }> = [];
    const skipped: Record<string, string> = {};
    for (const raw of links) {
      const url = canonicalUrl(raw);
      if (!url) continue;
      const depth = pagination.has(raw) ? Math.max(e.depth, 0) : e.depth + 1;
      if (!ctx.scope.check(url).ok) skipped[url] = 'out-of-scope';
      else if (depth > ctx.o.maxDepth) skipped[url] = 'too-deep';
      else queue.push({ url, depth, parent: e.url });
    }
    await this.enqueue(ctx, e.run, queue);
    // HSETNX: a URL that is also queued elsewhere keeps the outcome its own job gives it.
    const key = `${runKey(this.d.prefix, e.run)}:outcomes`;
    const batch = this.d.redis.multi();
    for (const [url, outcome] of Object.entries(skipped)) batch.hsetnx(key, url, outcome);
    await batch.exec();
  }

  private async enqueue(ctx: RunContext, run: string, urls: Array<{ url: string; depth: number; parent: string }>): Promise<void> {
    if (urls.length === 0) return;
    await this.d.queues.crawl.addBulk(
      urls.map((u) => ({ name: 'page', data: { run, url: u.url, depth: u.depth, kind: 'page' as const, parent: u.parent }, opts: crawlJobOptions(ctx.o, run, u.url) })),
    );
  }
}
