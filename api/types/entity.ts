// Entity: hospitals, organizations, places, projects and people; look-up by id, search-as-you-type on
// names and aliases, the articles that mention them, their neighbours, figures and timeline.
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../limits.ts';
import { entityArticles } from '../loaders.ts';
import { builder } from '../builder.ts';
import { CollaborationKindEnum, EdgeTypeEnum, EntityTypeEnum } from './enums.ts';
import { dateSchema, decodeId, idSchema, nameSchema, pageCost, pageValidation } from './inputs.ts';
import { ArticleRef, EntityRef, FigureRef, NetworkRef } from './refs.ts';
import { TimelineEventRef } from './timeline.ts';

EntityRef.implement({
  description: 'A hospital, organization, place, project or person, with a stable derived id.',
  fields: (t) => ({
    entityId: t.exposeString('id', { description: 'Stable derived id, e.g. hospital:北京儿童医院, place:130600.' }),
    type: t.expose('type', { type: EntityTypeEnum }),
    name: t.exposeString('name', { description: 'Canonical (longest official) name.' }),
    aliases: t.exposeStringList('aliases'),
    code: t.string({ nullable: true, description: 'GB/T 2260 code (places).', resolve: (e) => e.code ?? null }),
    level: t.string({ nullable: true, description: 'province | city | county | region (places).', resolve: (e) => e.level ?? null }),
    role: t.string({ nullable: true, description: "A person's role.", resolve: (e) => e.role ?? null }),
    articleCount: t.exposeInt('articleCount'),
    articles: t.connection({
      type: ArticleRef,
      description: 'Articles mentioning this entity.',
      complexity: pageCost,
      validate: pageValidation,
      resolve: async (e, args, ctx) => {
        let total = 0;
        const conn = await resolveOffsetConnection({ args, maxSize: MAX_PAGE_SIZE }, async ({ limit, offset }) => {
          const r = await entityArticles(ctx).load({ id: e.id, limit, offset });
          total = r.total;
          return r.ids;
        });
        return { ...conn, totalCount: total };
      },
    }, { name: 'EntityArticleConnection', fields: (c) => ({ totalCount: c.int({ resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }) }) }, { name: 'EntityArticleEdge' }),
    neighbors: t.field({
      type: NetworkRef,
      description: 'Entities within `depth` hops, with the relationships joining them (each with its evidence).',
      args: {
        depth: t.arg.int({ defaultValue: 1, validate: z.number().int().min(1).max(4).nullish() }),
        kinds: t.arg({ type: [CollaborationKindEnum], required: false }),
        types: t.arg({ type: [EdgeTypeEnum], required: false }),
        from: t.arg.string({ required: false, validate: dateSchema.nullish() }),
        to: t.arg.string({ required: false, validate: dateSchema.nullish() }),
        limit: t.arg.int({ defaultValue: 100, validate: z.number().int().min(1).max(MAX_PAGE_SIZE).nullish() }),
      },
      complexity: (args) => ({ field: 5, multiplier: Math.min(args.limit ?? 100, MAX_PAGE_SIZE) }),
      resolve: (e, args, ctx) =>
        ctx.services.graph.neighbors(e.id, {
          depth: args.depth ?? 1,
          kinds: args.kinds ?? undefined,
          types: args.types ?? undefined,
          from: args.from ?? undefined,
          to: args.to ?? undefined,
          limit: args.limit ?? 100,
        }),
    }),
    figures: t.loadableList({
      type: FigureRef,
      description: 'Figures about this entity.',
      args: { metric: t.arg.string({ required: false, validate: nameSchema.nullish() }) },
      // byPath: one loader per field path and arguments, so every entity at this level is asked for in one store call.
      byPath: true,
      load: (ids: string[], ctx, args) => ctx.services.graph.figuresOf('entity', ids, { metric: args.metric ?? undefined, limit: MAX_PAGE_SIZE }),
      resolve: (e) => e.id,
    }),
    timeline: t.field({
      type: [TimelineEventRef],
      description: 'Articles, collaborations and figures involving this entity, by date.',
      resolve: (e, _args, ctx) => ctx.services.graph.timeline(e.id),
    }),
  }),
});

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description: 'One entity by id (hospital:北京儿童医院, place:130600) or global id; null when unknown.',
    args: { id: t.arg.id({ required: true, validate: idSchema }) },
    resolve: async (_root, args, ctx) => (await ctx.services.graph.entity(decodeId(args.id, 'Entity'))) ?? null,
  }),
  entities: t.connection({
    type: EntityRef,
    description: 'Entities by type and name or alias (substring, exact matches first): search-as-you-type.',
    args: {
      type: t.arg({ type: EntityTypeEnum, required: false }),
      name: t.arg.string({ required: false, validate: nameSchema.nullish() }),
    },
    complexity: pageCost,
    validate: pageValidation,
    resolve: (_root, args, ctx) =>
      resolveOffsetConnection({ args, maxSize: MAX_PAGE_SIZE }, ({ limit, offset }) =>
        ctx.services.graph.findEntities({ type: args.type ?? undefined, name: args.name?.trim() || undefined, limit, offset })),
  }, { name: 'EntityConnection' }, { name: 'EntityEdge' }),
}));
