// Crawls from the API: `startCrawl` (API key) runs the crawler in the background, one crawl per archive
// at a time; `crawlStatus` tells whether it still runs and how the last one ended.
import { z } from 'zod';
import { KgError } from '../../archive/errors.ts';
import type { ApiServices } from '../builder.ts';
import { builder } from '../builder.ts';
import { NotAvailableError, OperationFailedError } from '../errors.ts';
import { errors, known } from './mutations.ts';
import { KeyCountRef } from './stats.ts';

interface CrawlState {
  seeds: string[];
  maxPages: number;
  startedAt: string;
  finishedAt: string | null;
  fetched: number | null;
  queued: number | null;
  /** Error code when the crawl stopped on an error. */
  failure: string | null;
  /** URLs by outcome (stored, listed, failed…), once finished. */
  outcomes: Record<string, number>;
}

const regex = z.string().max(200).refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** The latest crawl of each archive (running while finishedAt is null). */
const crawls = new WeakMap<ApiServices, CrawlState>();

const CrawlRef = builder.objectRef<CrawlState>('Crawl').implement({
  fields: (t) => ({
    seeds: t.exposeStringList('seeds'),
    maxPages: t.exposeInt('maxPages'),
    startedAt: t.exposeString('startedAt'),
    finishedAt: t.exposeString('finishedAt', { nullable: true }),
    running: t.boolean({ resolve: (c) => c.finishedAt === null }),
    fetched: t.exposeInt('fetched', { nullable: true, description: 'Requests made, once finished.' }),
    queued: t.exposeInt('queued', { nullable: true, description: 'URLs left queued (maxPages reached), once finished.' }),
    failure: t.exposeString('failure', { nullable: true }),
    outcomes: t.field({ type: [KeyCountRef], resolve: (c) => Object.entries(c.outcomes).map(([key, count]) => ({ key, count })) }),
  }),
});

builder.queryFields((t) => ({
  crawlStatus: t.field({
    type: CrawlRef,
    nullable: true,
    description: 'The latest crawl started through this server; null when none.',
    resolve: (_root, _args, ctx) => crawls.get(ctx.services) ?? null,
  }),
}));

builder.mutationFields((t) => ({
  startCrawl: t.field({
    type: CrawlRef,
    authScopes: { apiKey: true },
    errors,
    description: 'Start crawling from these seeds in the background (one crawl at a time); then `reextract` and `sync`.',
    args: {
      seeds: t.arg.stringList({ required: true, validate: z.array(z.url({ protocol: /^https?$/ }).max(2000)).min(1).max(50) }),
      maxPages: t.arg.int({ defaultValue: 1000, validate: z.number().int().min(1).max(100_000).nullish() }),
      articlePatterns: t.arg.stringList({ required: false, description: 'URLs matching these regular expressions are article pages.', validate: z.array(regex).max(20).nullish() }),
    },
    resolve: async (_root, args, ctx) => {
      if (crawls.get(ctx.services)?.finishedAt === null) throw new OperationFailedError('CRAWL_RUNNING', 'a crawl is already running on this archive');
      const crawler = await import('../../crawler/index.ts').catch(() => null);
      if (!crawler?.Crawler) throw new NotAvailableError('the crawler is not part of this build');
      const maxPages = args.maxPages ?? 1000;
      const job = await known(() => new crawler.Crawler(ctx.services.archive, { seeds: args.seeds, maxPages, articlePatterns: args.articlePatterns ?? [] }));
      const state: CrawlState = { seeds: args.seeds, maxPages, startedAt: new Date().toISOString(), finishedAt: null, fetched: null, queued: null, failure: null, outcomes: {} };
      crawls.set(ctx.services, state);
      job.run().then(
        (s) => Object.assign(state, { fetched: s.fetched, queued: s.queued, outcomes: { ...s.byOutcome } }),
        (e) => {
          state.failure = e instanceof KgError ? e.code : 'CRAWL_FAILED';
          console.error(`crawl failed: ${state.failure}: ${(e as Error).message}`);
        },
      ).finally(() => {
        state.finishedAt = new Date().toISOString();
      });
      return state;
    },
  }),
}));
