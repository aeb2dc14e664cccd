// Full-text search: query, filters, facets, highlights, sort and Relay pagination over the SearchIndex port.
// Each hit carries its highlighted passages, the reprints collapsed into it, and the article (batched).
import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { z } from 'zod';
import type { SearchHit, SearchResult } from '../../search/port.ts';
import { builder } from '../builder.ts';
import { ApiError } from '../errors.ts';
import { MAX_PAGE_SIZE } from '../limits.ts';
import { CollaborationKindEnum, FacetFieldEnum, SearchSortEnum } from './enums.ts';
import { dateSchema, listSchema, MAX_QUERY_CHARS, pageCost, pageValidation } from './inputs.ts';
import { ArticleRef } from './refs.ts';
import { KeyCountRef } from './stats.ts';

export const SearchFiltersInput = builder.inputType('SearchFilters', {
  description: 'All filters combine with AND; values inside one list combine with OR.',
  fields: (t) => ({
    source: t.stringList({ required: false, validate: listSchema.nullish(), description: 'Publisher names (来源).' }),
    places: t.stringList({ required: false, validate: listSchema.nullish(), description: 'Place names mentioned.' }),
    institutions: t.stringList({ required: false, validate: listSchema.nullish(), description: 'Hospital or organization names mentioned.' }),
    kinds: t.field({ type: [CollaborationKindEnum], required: false }),
    from: t.string({ required: false, validate: dateSchema.nullish(), description: 'Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).' }),
    to: t.string({ required: false, validate: dateSchema.nullish(), description: 'Published on or before.' }),
  }),
});

export const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  fields: (t) => ({
    articleId: t.exposeString('id'),
    title: t.exposeString('title'),
    titleHighlighted: t.exposeString('titleHighlighted', { description: 'HTML-escaped title, matches in <mark>…</mark>.' }),
    url: t.exposeString('url', { nullable: true }),
    published: t.exposeString('published', { nullable: true }),
    source: t.exposeString('source', { nullable: true }),
    score: t.exposeFloat('score'),
    passages: t.exposeStringList('passages', { description: 'HTML-escaped passages of the original text, matches in <mark>…</mark>.' }),
    copies: t.field({ type: [ArticleRef], description: 'Reprints collapsed into this hit.', resolve: (h) => h.copies }),
    article: t.field({ type: ArticleRef, resolve: (h) => h.id }),
  }),
});

const FacetRef = builder.objectRef<{ field: string; values: Array<{ key: string; count: number }> }>('Facet').implement({
  fields: (t) => ({
    field: t.exposeString('field'),
    values: t.field({ type: [KeyCountRef], resolve: (f) => f.values }),
  }),
});

type SearchConnectionShape = { result: SearchResult };
/** The port's answer kept on the connection object by the resolver (Pothos types the parent as the bare connection). */
const result = (conn: object): SearchResult => (conn as SearchConnectionShape).result;

/** Whether the field's selection (through fragments) includes `name` at its first level. */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const seen = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) =>
      s.kind === Kind.FIELD ? s.name.value === name
        : s.kind === Kind.INLINE_FRAGMENT ? seen(s.selectionSet)
          : seen(info.fragments[s.name.value]?.selectionSet));
  return info.fieldNodes.some((n) => seen(n.selectionSet));
}

type FiltersArg = { source?: string[] | null; places?: string[] | null; institutions?: string[] | null; kinds?: string[] | null; from?: string | null; to?: string | null };
const hasFilter = (f: FiltersArg | null | undefined): boolean =>
  !!f && (!!f.from || !!f.to || [f.source, f.places, f.institutions, f.kinds].some((l) => !!l?.length));

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: SearchHitRef,
      description: 'Search articles (simplified or traditional): words, "phrases", AND / OR / NOT. Reprints are shown once. An empty query with filters lists the matching articles, newest first.',
      args: {
        query: t.arg.string({ required: true, validate: z.string().trim().max(MAX_QUERY_CHARS, `queries are at most ${MAX_QUERY_CHARS} characters`) }),
        filters: t.arg({ type: SearchFiltersInput, required: false }),
        sort: t.arg({ type: SearchSortEnum, defaultValue: 'relevance' }),
        facets: t.arg({ type: [FacetFieldEnum], required: false, description: 'Facets to count (default: all of them when `facets` is selected, none otherwise).' }),
        collapseReprints: t.arg.boolean({ defaultValue: true }),
      },
      complexity: pageCost,
      validate: pageValidation,
      resolve: async (_root, args, ctx, info) => {
        const { offset, expectedSize } = offsetForArgs({ args, maxSize: MAX_PAGE_SIZE, defaultSize: 10 });
        const f = args.filters;
        // An empty query browses by filters alone, newest first; with no filter either there is nothing to ask.
        const browse = args.query.trim() === '';
        if (browse && !hasFilter(f)) throw new ApiError('BAD_USER_INPUT', 'query: empty query (give words to search for, or at least one filter)');
        const result = await ctx.services.search.search({
          text: browse ? '' : args.query,
          filters: f
            ? { source: f.source ?? undefined, places: f.places ?? undefined, institutions: f.institutions ?? undefined, kinds: f.kinds ?? undefined, from: f.from ?? undefined, to: f.to ?? undefined }
            : undefined,
          sort: browse ? 'date' : (args.sort ?? 'relevance'),
          limit: expectedSize,
          offset,
          // Counting facets costs about as much as the search itself: only when asked for.
          facets: args.facets ?? (selects(info, 'facets') ? ['source', 'places', 'institutions', 'kinds', 'year'] : []),
          collapseReprints: args.collapseReprints ?? true,
        });
        const edges = result.hits.map((node, i) => ({ node, cursor: offsetToCursor(offset + i) }));
        return {
          result,
          edges,
          pageInfo: {
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
            hasPreviousPage: offset > 0,
            hasNextPage: offset + edges.length < result.total,
          },
        };
      },
    },
    {
      name: 'SearchConnection',
      fields: (c) => ({
        totalCount: c.int({ description: 'Matching articles (after collapsing reprints); a lower bound when `totalIsApproximate`.', resolve: (conn) => result(conn).total }),
        totalIsApproximate: c.boolean({
          description: 'True when the engine bounded a broad query by counting only the most recently published matches (the embedded index: 10,000 by default): `totalCount` is then a lower bound, to be shown as "10,000+".',
          resolve: (conn) => result(conn).totalIsApproximate === true,
        }),
        rankedFrom: c.int({
          nullable: true,
          description: 'Set when relevance was ranked among only this many most recently published matches rather than every match; null when every match was ranked (or when sorting by date).',
          resolve: (conn) => result(conn).rankedFrom ?? null,
        }),
        facetsFrom: c.int({
          nullable: true,
          description: 'Set when the facets were counted over only this many best hits rather than every match; null when they are exact or not asked for.',
          resolve: (conn) => result(conn).facetsFrom ?? null,
        }),
        warnings: c.stringList({
          description: 'What the engine ignored in the query (e.g. bare punctuation), so nothing is dropped silently.',
          resolve: (conn) => result(conn).warnings ?? [],
        }),
        facets: c.field({
          type: [FacetRef],
          resolve: (conn) =>
            Object.entries(result(conn).facets).map(([field, counts]) => ({
              field,
              values: Object.entries(counts).map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
            })),
        }),
      }),
    },
    { name: 'SearchEdge' },
  ),
}));
