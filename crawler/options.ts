// CrawlOptions: every field documented with its default, validated once with zod; unknown keys refused.
import { z } from 'zod';
import { KgError } from '../archive/errors.ts';
import type { Resolver } from './address-guard.ts';
import { patternProblem } from './pattern.ts';

export class CrawlOptionsError extends KgError {
  constructor(message: string) {
    super('BAD_CRAWL_OPTIONS', message);
  }
}

/** A caller's URL pattern: must compile on RE2 (linear time; no backreferences or lookaround). */
const regex = z.string().max(500, 'patterns are at most 500 characters').superRefine((s, ctx) => {
  const problem = patternProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const csv = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

const fn = <T>() => z.custom<T>((v) => typeof v === 'function', 'expected a function');

export const ScopeOptionsSchema = z.strictObject({
  /** Hosts (and optional path prefixes) in scope: "example.com", "*.example.com", "example.com/news/". Default: the seeds' hosts. */
  allow: z.array(z.string().min(1)).default([]),
  /** Regular expressions a URL must match (one of) to be in scope. Default: none (no constraint). */
  include: z.array(regex).default([]),
  /** Regular expressions that put a URL out of scope. Default: none. */
  exclude: z.array(regex).default([]),
});

export interface ProgressSnapshot {
  elapsedMs: number;
  fetched: number;
  pagesPerSecond: number;
  queued: number;
  inFlight: number;
  /** Failed tries so far, including ones that will be retried. */
  errors: number;
  byOutcome: Record<string, number>;
}

export const CrawlOptionsSchema = z.strictObject({
  /** Start URLs. Required for a new crawl; a resumed crawl takes them from the run it continues. */
  seeds: z.array(z.string().refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), 'not an absolute http(s) URL')).default([]),
  /** Which URLs may be fetched. Default: the seeds' hosts, no patterns. */
  scope: ScopeOptionsSchema.default({ allow: [], include: [], exclude: [] }),
  /** Link hops from a seed (pagination does not add a hop). Default 3. */
  maxDepth: z.number().int().min(0).default(3),
  /** Pages fetched in this run before the crawl stops (the rest stays queued). Default 10,000. */
  maxPages: z.number().int().min(1).default(10_000),
  /** Requests in flight across all hosts. Default 8. */
  concurrency: z.number().int().min(1).max(256).default(8),
  /** Requests in flight per host. Default 1. */
  perHostConcurrency: z.number().int().min(1).max(64).default(1),
  /** Minimum gap between request starts on one host, in ms (robots.txt Crawl-delay raises it). Default 1000. */
  delayMs: z.number().int().min(0).default(1000),
  /** Cap on a robots.txt Crawl-delay, in ms. Default 60,000. */
  maxCrawlDelayMs: z.number().int().min(0).default(60_000),
  /** Obey robots.txt (Disallow, Crawl-delay). Default true. */
  respectRobots: z.boolean().default(true),
  /** Who to contact about this crawler: an e-mail or URL, put in the User-Agent. Default: $KG_CRAWL_CONTACT or "unset". */
  contact: z.string().min(1).default(process.env.KG_CRAWL_CONTACT ?? 'unset'),
  /** Product token matched against robots.txt User-agent lines. Default "collab-kg-crawler". */
  userAgentToken: z.string().regex(/^[\w-]+$/).default('collab-kg-crawler'),
  /** Tries after the first for network errors, timeouts, 429 and 5xx. Default 3. */
  maxRetries: z.number().int().min(0).max(20).default(3),
  /** Backoff base in ms: try n waits base * 2^(n-1), jittered ±50 %, capped by retryMaxMs. Default 500. */
  retryBaseMs: z.number().int().min(0).default(500),
  /** Longest backoff wait, in ms. Default 30,000. */
  retryMaxMs: z.number().int().min(0).default(30_000),
  /** Longest Retry-After honoured, in ms; a longer one fails the URL with that reason. Default 120,000. */
  maxRetryAfterMs: z.number().int().min(0).default(120_000),
  /** TCP/TLS connect timeout, in ms. Default 10,000. */
  connectTimeoutMs: z.number().int().min(1).default(10_000),
  /** Time to the response headers, in ms. Default 15,000. */
  headersTimeoutMs: z.number().int().min(1).default(15_000),
  /** Longest pause between body chunks, in ms. Default 15,000. */
  bodyTimeoutMs: z.number().int().min(1).default(15_000),
  /** Largest body read (after decompression); larger ones are aborted. Default 10 MiB. */
  maxBodyBytes: z.number().int().min(1024).default(10 * 1024 * 1024),
  /** Redirect hops followed per URL. Default 5. */
  maxRedirects: z.number().int().min(0).max(20).default(5),
  /** Read sitemaps: robots.txt Sitemap lines, else /sitemap.xml on each seed host. Default true. */
  sitemaps: z.boolean().default(true),
  /** URLs matching these are article pages (stored for extraction), whatever their content. Default none. */
  articlePatterns: z.array(regex).default([]),
  /** URLs matching these are list pages (links followed, page not stored). Default none. */
  listPatterns: z.array(regex).default([]),
  /** Also store list pages in the archive. Default false. */
  storeListPages: z.boolean().default(false),
  /**
   * Private, loopback, link-local and other internal addresses that may be crawled anyway: IPs or CIDR blocks
   * ("127.0.0.1", "10.1.0.0/16"). Default: $KG_CRAWL_ALLOW_PRIVATE (comma-separated), else none: the crawler
   * reaches public addresses only (see crawler/address-guard.ts).
   */
  allowPrivate: z.array(z.string().min(1)).default(() => csv(process.env.KG_CRAWL_ALLOW_PRIVATE)),
  /** Resolves host names for the address guard. Default: the system resolver (tests pass a stub). */
  resolver: fn<Resolver>().optional(),
  /** Called after each newly stored page, awaited (inline extraction). Default: none (extraction deferred). */
  onStored: fn<(pageId: number) => unknown>().optional(),
  /** Called about twice a second with live figures. Default: none. */
  onProgress: fn<(p: ProgressSnapshot) => void>().optional(),
});

/** Options as callers write them: every field but the seeds optional. */
export type CrawlOptions = z.input<typeof CrawlOptionsSchema>;
/** Options after defaults are applied. */
export type ResolvedCrawlOptions = z.output<typeof CrawlOptionsSchema>;

export function resolveCrawlOptions(input: unknown): ResolvedCrawlOptions {
  const r = CrawlOptionsSchema.safeParse(input ?? {}, { reportInput: true });
  if (!r.success) {
    const what = (i: { input?: unknown }) => (typeof i.input === 'string' || typeof i.input === 'number' ? ` (got ${JSON.stringify(i.input)})` : '');
    throw new CrawlOptionsError(r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}${what(i)}`).join('; '));
  }
  return r.data;
}

/** The part of the options saved with a run so `--resume` continues with the same settings. */
export function persistableOptions(o: ResolvedCrawlOptions): Record<string, unknown> {
  const { onStored: _s, onProgress: _p, resolver: _r, ...rest } = o;
  return rest;
}

export function userAgentOf(o: ResolvedCrawlOptions): string {
  return `${o.userAgentToken}/0.1 (+collab-kg research crawler; contact: ${o.contact})`;
}
