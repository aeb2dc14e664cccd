// Archive statistics: what the archive, the graph and the search index hold, and which adapters serve them.
import type { ArchiveStats } from '../../archive/index.ts';
import type { GraphStats } from '../../graph/port.ts';
import { builder } from '../builder.ts';

interface KeyCount {
  key: string;
  count: number;
}
interface StatsShape {
  archive: ArchiveStats;
  graph: GraphStats;
  searchDocuments: number;
  adapters: { graph: string; search: string };
}

const pairs = (r: Record<string, number>): KeyCount[] => Object.entries(r).map(([key, count]) => ({ key, count }));

export const KeyCountRef = builder.objectRef<KeyCount>('KeyCount').implement({
  fields: (t) => ({ key: t.exposeString('key'), count: t.exposeInt('count') }),
});

const ArchiveStatsRef = builder.objectRef<ArchiveStats>('ArchiveStats').implement({
  fields: (t) => ({
    pages: t.exposeInt('pages'),
    bytes: t.exposeFloat('bytes'),
    origins: t.exposeInt('origins'),
    rejections: t.exposeInt('rejections', { description: 'Inputs refused at import, by code below.' }),
    rejectionsByCode: t.field({ type: [KeyCountRef], resolve: (s) => pairs(s.rejectionsByCode) }),
    articlesByStatus: t.field({ type: [KeyCountRef], description: 'ok, no_article, failed.', resolve: (s) => pairs(s.articles) }),
    reprints: t.exposeInt('reprints'),
  }),
});

const GraphStatsRef = builder.objectRef<GraphStats>('GraphStats').implement({
  fields: (t) => ({
    articles: t.exposeInt('articles'),
    entities: t.field({ type: [KeyCountRef], resolve: (s) => pairs(s.entities) }),
    edges: t.field({ type: [KeyCountRef], resolve: (s) => pairs(s.edges) }),
    figures: t.exposeInt('figures'),
  }),
});

const StatsRef = builder.objectRef<StatsShape>('Stats').implement({
  fields: (t) => ({
    archive: t.field({ type: ArchiveStatsRef, resolve: (s) => s.archive }),
    graph: t.field({ type: GraphStatsRef, resolve: (s) => s.graph }),
    searchDocuments: t.exposeInt('searchDocuments'),
    graphAdapter: t.string({ resolve: (s) => s.adapters.graph }),
    searchAdapter: t.string({ resolve: (s) => s.adapters.search }),
  }),
});

builder.queryFields((t) => ({
  stats: t.field({
    type: StatsRef,
    resolve: async (_root, _args, ctx) => ({
      archive: ctx.services.archive.stats(),
      graph: await ctx.services.graph.stats(),
      searchDocuments: await ctx.services.search.count(),
      adapters: ctx.services.adapters,
    }),
  }),
}));
