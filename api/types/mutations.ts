// Mutations, behind the API key (scope-auth `apiKey`): re-extract and sync here, crawls in crawl.ts. Known failures come
// back as typed results (errors plugin unions: NotAvailableError, OperationFailedError), not as exceptions.
import { KgError } from '../../archive/errors.ts';
import { builder } from '../builder.ts';
import { NotAvailableError, OperationFailedError } from '../errors.ts';

const MutationErrorRef = builder.interfaceRef<Error & { code: string }>('MutationError').implement({
  fields: (t) => ({ message: t.exposeString('message'), code: t.exposeString('code') }),
});
builder.objectType(NotAvailableError, { name: 'NotAvailableError', interfaces: [MutationErrorRef], isTypeOf: (e) => e instanceof NotAvailableError, fields: () => ({}) });
builder.objectType(OperationFailedError, { name: 'OperationFailedError', interfaces: [MutationErrorRef], isTypeOf: (e) => e instanceof OperationFailedError, fields: () => ({}) });

/** Turns a pipeline's typed failure into a typed mutation result; anything else stays unexpected (masked). */
export async function known<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof KgError) throw new OperationFailedError(e.code, e.message);
    throw e;
  }
}

const ExtractResultRef = builder
  .objectRef<{ total: number; ok: number; noArticle: number; failed: number }>('ExtractResult')
  .implement({ fields: (t) => ({ total: t.exposeInt('total'), ok: t.exposeInt('ok'), noArticle: t.exposeInt('noArticle'), failed: t.exposeInt('failed') }) });
const SyncSummaryRef = builder
  .objectRef<{ target: string; written: number; removed: number; total: number }>('SyncSummary')
  .implement({ fields: (t) => ({ target: t.exposeString('target'), written: t.exposeInt('written'), removed: t.exposeInt('removed'), total: t.exposeInt('total') }) });

/** Typed failures every mutation may return. */
export const errors = { types: [NotAvailableError, OperationFailedError] };

builder.mutationType({
  fields: (t) => ({
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
