// Mutations, behind the API key (scope-auth `apiKey`): start a crawl, re-extract, sync. Known failures come
// back as typed results (errors plugin unions: NotAvailableError, OperationFailedError), not as exceptions.
import { z } from 'zod';
import { KgError } from '../../archive/errors.ts';
import type { ApiServices } from '../builder.ts';
import { builder } from '../builder.ts';
import { NotAvailableError, OperationFailedError } from '../errors.ts';

const MutationErrorRef = builder.interfaceRef<Error & { code: string }>('MutationError').implement({
  fields: (t) => ({ message: t.exposeString('message'), code: t.exposeString('code') }),
});
builder.objectType(NotAvailableError, { name: 'NotAvailableError', interfaces: [MutationErrorRef], isTypeOf: (e) => e instanceof NotAvailableError, fields: () => ({}) });
builder.objectType(OperationFailedError, { name: 'OperationFailedError', interfaces: [MutationErrorRef], isTypeOf: (e) => e instanceof OperationFailedError, fields: () => ({}) });

/** Turns a pipeline's typed failure into a typed mutation result; anything else stays unexpected (masked). */
async function known<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof KgError) throw new OperationFailedError(e.code, e.message);
    throw e;
  }
}

interface CrawlStarted {
  seeds: string[];
  maxPages: number;
  startedAt: string;
}
/** One crawl at a time per archive: the crawl runs in the background, the mutation answers at once. */
const running = new WeakMap<ApiServices, CrawlStarted>();

const CrawlStartedRef = builder.objectRef<CrawlStarted>('CrawlStarted').implement({
  fields: (t) => ({ seeds: t.exposeStringList('seeds'), maxPages: t.exposeInt('maxPages'), startedAt: t.exposeString('startedAt') }),
});
const ExtractResultRef = builder
  .objectRef<{ total: number; ok: number; noArticle: number; failed: number }>('ExtractResult')
  .implement({ fields: (t) => ({ total: t.exposeInt('total'), ok: t.exposeInt('ok'), noArticle: t.exposeInt('noArticle'), failed: t.exposeInt('failed') }) });
const SyncSummaryRef = builder
  .objectRef<{ target: string; written: number; removed: number; total: number }>('SyncSummary')
  .implement({ fields: (t) => ({ target: t.exposeString('target'), written: t.exposeInt('written'), removed: t.exposeInt('removed'), total: t.exposeInt('total') }) });

const errors = { types: [NotAvailableError, OperationFailedError] };

builder.mutationType({
  fields: (t) => ({
    startCrawl: t.field({
      type: CrawlStartedRef,
      authScopes: { apiKey: true },
      errors,
      description: 'Start crawling from these seeds in the background (one crawl at a time). Run `sync` afterwards.',
      args: {
        seeds: t.arg.stringList({ required: true, validate: z.array(z.url({ protocol: /^https?$/ }).max(2000)).min(1).max(50) }),
        maxPages: t.arg.int({ defaultValue: 1000, validate: z.number().int().min(1).max(100_000).nullish() }),
      },
      resolve: async (_root, args, ctx) => {
        if (running.has(ctx.services)) throw new OperationFailedError('CRAWL_RUNNING', 'a crawl is already running on this archive');
        const crawler = await import('../../crawler/index.ts').catch(() => null);
        if (!crawler?.Crawler) throw new NotAvailableError('the crawler is not part of this build');
        const started: CrawlStarted = { seeds: args.seeds, maxPages: args.maxPages ?? 1000, startedAt: new Date().toISOString() };
        const job = await known(() => new crawler.Crawler(ctx.services.archive, { seeds: args.seeds, maxPages: started.maxPages }));
        running.set(ctx.services, started);
        job.run().then(
          (s) => console.log(`crawl finished: ${s.fetched} fetched, ${s.queued} queued`),
          (e) => console.error(`crawl failed: ${e instanceof KgError ? e.code : 'error'}: ${(e as Error).message}`),
        ).finally(() => running.delete(ctx.services));
        return started;
      },
    }),
    reextract: t.field({
      type: ExtractResultRef,
      authScopes: { apiKey: true },
      errors,
      description: 'Re-extract new or changed pages (all: every page). Run `sync` afterwards.',
      args: { all: t.arg.boolean({ defaultValue: false }) },
      resolve: async (_root, args, ctx) => {
        // Loaded on demand: the extractor and its dictionaries are only needed when this runs.
        const { extractPages } = await import('../../pipeline/extract.ts');
        return known(() => extractPages(ctx.services.archive, { all: args.all ?? false }));
      },
    }),
    sync: t.field({
      type: [SyncSummaryRef],
      authScopes: { apiKey: true },
      errors,
      description: 'Project extractions into the graph and the search index (full: rebuild both).',
      args: { full: t.arg.boolean({ defaultValue: false }) },
      resolve: async (_root, args, ctx) => {
        const { syncGraph, syncSearch } = await import('../../pipeline/sync.ts');
        const { archive, graph, search } = ctx.services;
        return known(async () => [await syncGraph(archive, graph, { full: args.full ?? false }), await syncSearch(archive, search, { full: args.full ?? false })]);
      },
    }),
  }),
});
