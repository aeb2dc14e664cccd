// Relationship (an edge between two entities, with the article and sentence it came from), the Network
// returned for neighbours and visualisation, and paths between two entities.
import { builder } from '../builder.ts';
import { CollaborationKindEnum, EdgeTypeEnum } from './enums.ts';
import { dateSchema, decodeId, idSchema, nameSchema } from './inputs.ts';
import { ArticleRef, EdgeRef, EntityRef, NetworkRef, PathRef } from './refs.ts';
import { z } from 'zod';
import type { CollaborationKind } from '../../extractor/types.ts';
import type { NetworkQuery } from '../../graph/port.ts';

/** Most edges one network query returns: enough for a readable drawing, bounded for the server. */
export const MAX_NETWORK_EDGES = 1000;

EdgeRef.implement({
  description: 'A relationship between two entities; collaborations carry kind, date and the evidence sentence.',
  fields: (t) => ({
    type: t.expose('type', { type: EdgeTypeEnum }),
    from: t.field({ type: EntityRef, description: 'For a directed collaboration, the side that helps or leads.', resolve: (e) => e.from }),
    to: t.field({ type: EntityRef, resolve: (e) => e.to }),
    fromId: t.exposeString('from'),
    toId: t.exposeString('to'),
    kind: t.expose('kind', { type: CollaborationKindEnum, nullable: true }),
    date: t.exposeString('date', { nullable: true }),
    directed: t.exposeBoolean('directed'),
    evidence: t.exposeString('evidence', { nullable: true, description: 'The sentence the relationship was read from.' }),
    article: t.field({ type: ArticleRef, nullable: true, resolve: (e) => e.articleId }),
  }),
});

NetworkRef.implement({
  description: 'Nodes and edges, ready to draw.',
  fields: (t) => ({
    nodes: t.field({ type: [EntityRef], resolve: (n) => n.nodes }),
    edges: t.field({ type: [EdgeRef], resolve: (n) => n.edges }),
  }),
});

PathRef.implement({
  description: 'A chain of relationships: edges[i] joins nodes[i] and nodes[i+1], each with its evidence.',
  fields: (t) => ({
    length: t.int({ resolve: (p) => p.edges.length }),
    nodes: t.field({ type: [EntityRef], resolve: (p) => p.nodes }),
    edges: t.field({ type: [EdgeRef], resolve: (p) => p.edges }),
  }),
});

const networkArgs = (t: Parameters<Parameters<typeof builder.queryFields>[0]>[0]) => ({
  placeA: t.arg.string({ required: false, description: 'Place name or GB/T 2260 code for one end (e.g. 北京).', validate: nameSchema.nullish() }),
  placeB: t.arg.string({ required: false, description: 'Place for the other end (e.g. 河北).', validate: nameSchema.nullish() }),
  kinds: t.arg({ type: [CollaborationKindEnum], required: false }),
  from: t.arg.string({ required: false, description: 'Earliest edge date (YYYY, YYYY-MM or YYYY-MM-DD).', validate: dateSchema.nullish() }),
  to: t.arg.string({ required: false, description: 'Latest edge date.', validate: dateSchema.nullish() }),
  project: t.arg.string({ required: false, description: 'Programme or project the collaborations happen under (e.g. 组团式支援): edges whose sentence names it.', validate: nameSchema.nullish() }),
});

interface NetworkArgs {
  placeA?: string | null;
  placeB?: string | null;
  kinds?: readonly CollaborationKind[] | null;
  from?: string | null;
  to?: string | null;
  project?: string | null;
}

/** The port's NetworkQuery from the arguments `network` and `collaborations` share (GraphQL nulls → absent). */
function networkQuery(args: NetworkArgs, limit: number): NetworkQuery {
  return {
    placeA: args.placeA ?? undefined,
    placeB: args.placeB ?? undefined,
    kinds: args.kinds ? [...args.kinds] : undefined,
    from: args.from ?? undefined,
    to: args.to ?? undefined,
    project: args.project ?? undefined,
    limit,
  };
}

builder.queryFields((t) => ({
  network: t.field({
    type: NetworkRef,
    description: 'Collaboration network for visualisation, by region pair, kind and period.',
    args: { ...networkArgs(t), limit: t.arg.int({ defaultValue: 200, validate: z.number().int().min(1).max(MAX_NETWORK_EDGES).nullish() }) },
    complexity: (args) => ({ field: 10, multiplier: Math.min(args.limit ?? 200, MAX_NETWORK_EDGES) / 10 }),
    resolve: (_root, args, ctx) =>
      ctx.services.graph.collaborations(networkQuery(args, args.limit ?? 200)),
  }),
  collaborations: t.field({
    type: [EdgeRef],
    description: 'Collaborations with their evidence, filtered like `network`, at most 100.',
    args: { ...networkArgs(t), first: t.arg.int({ defaultValue: 20, validate: z.number().int().min(0).max(100, 'at most 100 items per page').nullish() }) },
    complexity: (args) => ({ field: 1, multiplier: Math.min(args.first ?? 20, 100) }),
    resolve: async (_root, args, ctx) => {
      const n = await ctx.services.graph.collaborations(networkQuery(args, args.first ?? 20));
      return n.edges.filter((e) => e.type === 'COLLABORATES').slice(0, args.first ?? 20);
    },
  }),
  path: t.field({
    type: PathRef,
    nullable: true,
    description: 'Shortest chain of relationships between two entities; null when none within maxDepth.',
    args: {
      from: t.arg.id({ required: true, validate: idSchema }),
      to: t.arg.id({ required: true, validate: idSchema }),
      maxDepth: t.arg.int({ defaultValue: 4, validate: z.number().int().min(1).max(6).nullish() }),
      kinds: t.arg({ type: [CollaborationKindEnum], required: false }),
    },
    complexity: 20,
    resolve: async (_root, args, ctx) =>
      (await ctx.services.graph.shortestPath(decodeId(args.from, 'Entity'), decodeId(args.to, 'Entity'), {
        maxDepth: args.maxDepth ?? 4,
        kinds: args.kinds ?? undefined,
      })) ?? null,
  }),
}));
