// Figures (numbers read from sentences) and their aggregates by metric, place, institution and year.
// Every aggregate lists the figures behind it, and every figure its sentence and article.
import { z } from 'zod';
import { figureMeaning, mostSpecific } from '../../graph/figure-aggregate.ts';
import type { AggregateFact, FigureAggregate, FigureRecord, LeftOutFigure } from '../../graph/port.ts';
import type { ApiContext } from '../builder.ts';
import { builder } from '../builder.ts';
import { MAX_PAGE_SIZE } from '../limits.ts';
import { FigureGroupEnum } from './enums.ts';
import { decodeId, idSchema, nameSchema } from './inputs.ts';
import { ArticleRef, EntityRef, FigureRef } from './refs.ts';

const firstArg = z.number().int().min(0).max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE} items per page`).nullish();
const offsetArg = z.number().int().min(0).max(1_000_000).nullish();

FigureRef.implement({
  description: 'A number read from a sentence (beds, experts sent, patients treated), with its evidence.',
  fields: (t) => ({
    figureId: t.exposeString('id'),
    text: t.exposeString('text', { description: 'Surface text, e.g. 床位1000张.' }),
    value: t.exposeFloat('value'),
    unit: t.exposeString('unit'),
    metric: t.exposeString('metric', { description: 'e.g. 床位, 派驻专家, 诊疗人次.' }),
    approximate: t.exposeBoolean('approximate', { description: 'True for forms like 20余例 or 超百万人次.' }),
    time: t.exposeString('time', { nullable: true, description: 'When the figure applies (ISO date or year).' }),
    subjectName: t.exposeString('subject', { nullable: true }),
    subject: t.field({ type: EntityRef, nullable: true, resolve: (f) => f.subjectId }),
    evidence: t.exposeString('evidence', { description: 'The sentence the figure was read from.' }),
    sentence: t.int({ resolve: (f) => f.provenance.sentence }),
    confidence: t.exposeFloat('confidence'),
    article: t.field({ type: ArticleRef, resolve: (f) => f.articleId }),
    status: t.string({ description: 'existing | planned | cumulative | increase (graph/figure-aggregate.ts, extractor/knowledge/figure-status.ts).', resolve: (f, _a, ctx) => meaning(f, ctx).status }),
    period: t.string({ nullable: true, description: 'Year the figure applies to: its stated time, else the article date.', resolve: (f, _a, ctx) => meaning(f, ctx).period }),
    additive: t.boolean({ description: 'False for percentages and rates, which are never summed.', resolve: (f, _a, ctx) => meaning(f, ctx).additive }),
    place: t.field({
      type: EntityRef,
      nullable: true,
      description: "Where the figure's subject is, from the graph (its most specific LOCATED_IN place, or itself when a place).",
      resolve: async (f, _a, ctx) => {
        if (!f.subjectId) return null;
        if (f.subjectId.startsWith('place:')) return f.subjectId;
        const around = await ctx.services.graph.neighbors(f.subjectId, { types: ['LOCATED_IN'], depth: 1, limit: 20 });
        const places = around.nodes.filter((n) => n.type === 'place').map((n) => ({ id: n.id, name: n.name, level: n.level ?? null }));
        return mostSpecific(places)?.id ?? null;
      },
    }),
  }),
});

/** A figure's status and period need its article's date: read once per request and figure. */
const meanings = new WeakMap<ApiContext, Map<string, ReturnType<typeof figureMeaning>>>();
function meaning(f: FigureRecord, ctx: ApiContext) {
  const cache = meanings.get(ctx) ?? new Map();
  meanings.set(ctx, cache);
  if (!cache.has(f.id)) cache.set(f.id, figureMeaning(f, ctx.services.archive.getArticle(f.articleId)?.published ?? null));
  return cache.get(f.id)!;
}

const AggregateFactRef = builder.objectRef<AggregateFact>('AggregateFact').implement({
  description: 'One fact an aggregate adds: one value about one subject, however many articles state it.',
  fields: (t) => ({
    value: t.exposeFloat('value'),
    subject: t.field({ type: EntityRef, nullable: true, resolve: (f) => f.subjectId }),
    subjectName: t.exposeString('subjectName', { nullable: true }),
    place: t.exposeString('place', { nullable: true, description: "The subject's place in the graph." }),
    period: t.exposeString('period', { nullable: true }),
    status: t.exposeString('status'),
    counted: t.field({ type: FigureRef, description: 'The figure counted.', resolve: (f) => f.figureId }),
    statements: t.field({ type: [FigureRef], description: 'Every figure stating this value (reprints, other articles).', resolve: (f) => f.figureIds }),
  }),
});

const LeftOutRef = builder.objectRef<LeftOutFigure>('LeftOutFigure').implement({
  description: 'A figure an aggregate did not add, and why.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'SAME_FACT (reprint or repeated), PART_OF_TOTAL, SAME_SUBJECT (one per subject and article), SUPERSEDED (a later statement counted).' }),
    reason: t.exposeString('reason'),
    figure: t.field({ type: FigureRef, resolve: (l) => l.figureId }),
    countedAs: t.field({ type: FigureRef, resolve: (l) => l.countedAs }),
  }),
});

const LeftOutCountRef = builder.objectRef<{ code: string; count: number }>('LeftOutCount').implement({
  description: 'How many figures an aggregate left out for one reason.',
  fields: (t) => ({ code: t.exposeString('code'), count: t.exposeInt('count') }),
});

export const FigureAggregateRef = builder.objectRef<FigureAggregate>('FigureAggregate').implement({
  description: 'Sum and count of figures sharing the grouped dimensions (null where not grouped).',
  fields: (t) => ({
    metric: t.exposeString('metric', { nullable: true }),
    place: t.exposeString('place', { nullable: true }),
    institution: t.exposeString('institution', { nullable: true }),
    year: t.exposeInt('year', { nullable: true }),
    unit: t.exposeString('unit'),
    status: t.exposeString('status', { description: 'existing | planned | cumulative | increase: never added together.' }),
    additive: t.exposeBoolean('additive', { description: 'False for percentages and rates: the aggregate is then one subject\'s value (subjectName), never a sum.' }),
    subjectName: t.exposeString('subjectName', { nullable: true }),
    sum: t.exposeFloat('sum', { description: 'Sum over `facts` (one value per distinct subject).' }),
    count: t.exposeInt('count', { description: 'Distinct facts added.' }),
    facts: t.field({ type: [AggregateFactRef], description: 'The facts behind the number (drill-down): sum = Σ facts.value.', resolve: (a) => a.facts }),
    leftOut: t.field({
      type: [LeftOutRef],
      description: 'Figures matching the filters that were not added, each with the reason: a page of them (a national report leaves out tens of thousands; leftOutCount and leftOutByCode count them all).',
      args: { first: t.arg.int({ defaultValue: 50, validate: firstArg }), offset: t.arg.int({ defaultValue: 0, validate: offsetArg }) },
      complexity: (args) => ({ field: 1, multiplier: Math.min(args.first ?? 50, MAX_PAGE_SIZE) }),
      resolve: (a, args) => a.leftOut.slice(args.offset ?? 0, (args.offset ?? 0) + (args.first ?? 50)),
    }),
    leftOutCount: t.int({ description: 'How many figures were left out.', resolve: (a) => a.leftOut.length }),
    leftOutByCode: t.field({
      type: [LeftOutCountRef],
      description: 'How many figures were left out for each reason, most first.',
      resolve: (a) => {
        const n = new Map<string, number>();
        for (const l of a.leftOut) n.set(l.code, (n.get(l.code) ?? 0) + 1);
        return [...n].map(([code, count]) => ({ code, count })).sort((x, y) => y.count - x.count || (x.code < y.code ? -1 : 1));
      },
    }),
    figures: t.field({
      type: [FigureRef],
      description: 'The figures behind this aggregate, each with its sentence and article.',
      args: { first: t.arg.int({ defaultValue: 20, validate: firstArg }) },
      complexity: (args) => ({ field: 1, multiplier: Math.min(args.first ?? 20, MAX_PAGE_SIZE) }),
      resolve: (a, args) => a.figureIds.slice(0, args.first ?? 20),
    }),
  }),
});

builder.queryFields((t) => ({
  figures: t.field({
    type: [FigureRef],
    description: 'Figures by metric, entity or article.',
    args: {
      metric: t.arg.string({ required: false, validate: nameSchema.nullish() }),
      entityId: t.arg.id({ required: false, validate: idSchema.nullish() }),
      articleId: t.arg.id({ required: false, validate: idSchema.nullish() }),
      first: t.arg.int({ defaultValue: 20, validate: firstArg }),
    },
    complexity: (args) => ({ field: 1, multiplier: Math.min(args.first ?? 20, MAX_PAGE_SIZE) }),
    resolve: (_root, args, ctx) =>
      ctx.services.graph.figures({
        metric: args.metric ?? undefined,
        entityId: args.entityId ? decodeId(args.entityId, 'Entity') : undefined,
        articleId: args.articleId ? decodeId(args.articleId, 'Article') : undefined,
        limit: args.first ?? 20,
      }),
  }),
  figureAggregates: t.field({
    type: [FigureAggregateRef],
    description: 'Figures summed by metric, place, institution and year (e.g. beds by city and year).',
    args: {
      metric: t.arg.string({ required: false, validate: nameSchema.nullish() }),
      place: t.arg.string({ required: false, validate: nameSchema.nullish() }),
      institution: t.arg.string({ required: false, validate: nameSchema.nullish() }),
      year: t.arg.int({ required: false, validate: z.number().int().min(1900).max(2100).nullish() }),
      groupBy: t.arg({ type: [FigureGroupEnum], required: false, description: 'Default: metric and year.' }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.graph.aggregateFigures({
        metric: args.metric ?? undefined,
        place: args.place ?? undefined,
        institution: args.institution ?? undefined,
        year: args.year ?? undefined,
        groupBy: args.groupBy ?? ['metric', 'year'],
      }),
  }),
}));
