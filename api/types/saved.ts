// Saved searches (alerts) in the API: list them with their latest alerts (open, like their Atom feeds), and
// save, check and delete them behind the API key like the other mutations. The store is search/saved.ts.
import { z } from 'zod';
import type { SearchFilters } from '../../search/port.ts';
import { SavedSearches, type Alert, type CheckResult, type SavedSearch } from '../../search/saved.ts';
import type { ApiContext } from '../builder.ts';
import { builder } from '../builder.ts';
import { OperationFailedError } from '../errors.ts';
import { CollaborationKindEnum } from './enums.ts';
import { MAX_QUERY_CHARS } from './inputs.ts';
import { errors, known } from './mutations.ts';
import { SearchFiltersInput, SearchHitRef } from './search.ts';

const store = (ctx: ApiContext) => new SavedSearches(ctx.services.archive.db, ctx.services.search);
const nameArg = z.string().trim().min(1, 'empty name').max(64, 'names are at most 64 characters');

const SavedFiltersRef = builder.objectRef<SearchFilters>('SavedSearchFilters').implement({
  fields: (t) => ({
    source: t.stringList({ resolve: (f) => f.source ?? [] }),
    places: t.stringList({ resolve: (f) => f.places ?? [] }),
    institutions: t.stringList({ resolve: (f) => f.institutions ?? [] }),
    kinds: t.field({ type: [CollaborationKindEnum], resolve: (f) => (f.kinds ?? []) as never }),
    from: t.string({ nullable: true, resolve: (f) => f.from ?? null }),
    to: t.string({ nullable: true, resolve: (f) => f.to ?? null }),
  }),
});

const AlertRef = builder.objectRef<Alert>('SavedSearchAlert').implement({
  description: 'A hit a check reported as new.',
  fields: (t) => ({
    seenAt: t.exposeString('seenAt', { description: 'When the check first saw it (ISO time).' }),
    hit: t.field({ type: SearchHitRef, resolve: (a) => a.hit }),
  }),
});

const SavedSearchRef = builder.objectRef<SavedSearch>('SavedSearch').implement({
  description: 'A named query with filters whose new hits are reported by each check (and in its Atom feed).',
  fields: (t) => ({
    name: t.exposeString('name'),
    query: t.exposeString('query'),
    filters: t.field({ type: SavedFiltersRef, resolve: (s) => s.filters }),
    createdAt: t.exposeString('createdAt'),
    checkedAt: t.exposeString('checkedAt', { nullable: true, description: 'Last check (saving counts as one).' }),
    feedPath: t.string({ description: 'Path of its Atom feed on this server.', resolve: (s) => `/saved/${encodeURIComponent(s.name)}/atom` }),
    alertCount: t.int({ description: 'Hits reported by checks so far.', resolve: (s, _a, ctx) => store(ctx).alertCount(s.name) }),
    alerts: t.field({
      type: [AlertRef],
      description: 'Hits reported by checks, newest first; reading them checks nothing.',
      args: { first: t.arg.int({ defaultValue: 20, validate: z.number().int().min(0).max(100).nullish() }) },
      complexity: (args) => ({ field: 1, multiplier: Math.max(1, Math.min(args.first ?? 20, 100)) }),
      resolve: (s, args, ctx) => store(ctx).alerts(s.name, args.first ?? 20),
    }),
  }),
});

const CheckRef = builder.objectRef<CheckResult>('SavedSearchCheck').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    hits: t.field({ type: [SearchHitRef], description: 'Hits no earlier check saw, newest first.', resolve: (c) => c.hits }),
    truncated: t.exposeBoolean('truncated', { description: 'More current hits than a check compares: older ones were not compared.' }),
  }),
});

builder.queryFields((t) => ({
  savedSearches: t.field({
    type: [SavedSearchRef],
    description: 'Saved searches by name.',
    resolve: (_root, _args, ctx) => store(ctx).list(),
  }),
}));

builder.mutationFields((t) => ({
  saveSearch: t.field({
    type: SavedSearchRef,
    authScopes: { apiKey: true },
    errors,
    description: 'Save a search under a name. Current hits become the baseline: later checks report only new ones.',
    args: {
      name: t.arg.string({ required: true, validate: nameArg }),
      query: t.arg.string({ required: true, validate: z.string().trim().max(MAX_QUERY_CHARS, `queries are at most ${MAX_QUERY_CHARS} characters`) }),
      filters: t.arg({ type: SearchFiltersInput, required: false }),
    },
    resolve: (_root, args, ctx) => {
      const f = args.filters ?? {};
      const filters: SearchFilters = {};
      for (const k of ['source', 'places', 'institutions', 'kinds'] as const) if (f[k]?.length) filters[k] = f[k] as string[];
      if (f.from) filters.from = f.from;
      if (f.to) filters.to = f.to;
      if (!args.query.trim() && !Object.keys(filters).length) throw new OperationFailedError('EMPTY_QUERY', 'give words to search for, or at least one filter');
      return known(() => store(ctx).add(args.name.trim(), args.query.trim(), filters));
    },
  }),
  checkSavedSearch: t.field({
    type: CheckRef,
    authScopes: { apiKey: true },
    errors,
    description: 'Hits new since the last check; they are recorded as seen (and appear in `alerts` and the feed).',
    args: { name: t.arg.string({ required: true, validate: nameArg }) },
    resolve: (_root, args, ctx) => known(() => store(ctx).newHits(args.name)),
  }),
  deleteSavedSearch: t.field({
    type: 'Boolean',
    authScopes: { apiKey: true },
    errors,
    description: 'Delete a saved search and the hits it has seen.',
    args: { name: t.arg.string({ required: true, validate: nameArg }) },
    resolve: (_root, args, ctx) => {
      if (!store(ctx).remove(args.name)) throw new OperationFailedError('SAVED_SEARCH_NOT_FOUND', `no saved search named "${args.name}"`);
      return true;
    },
  }),
}));
