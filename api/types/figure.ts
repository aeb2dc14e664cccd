// Figures (numbers read from sentences) and their aggregates by metric, place, institution and year.
// Every aggregate lists the figures behind it, and every figure its sentence and article.
import { z } from 'zod';
import type { FigureAggregate } from '../../graph/port.ts';
import { builder } from '../builder.ts';
import { MAX_PAGE_SIZE } from '../limits.ts';
import { FigureGroupEnum } from './enums.ts';
import { decodeId, idSchema, nameSchema } from './inputs.ts';
import { ArticleRef, EntityRef, FigureRef } from './refs.ts';

const firstArg = z.number().int().min(0).max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE} items per page`).nullish();

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
  }),
});

export const FigureAggregateRef = builder.objectRef<FigureAggregate>('FigureAggregate').implement({
  description: 'Sum and count of figures sharing the grouped dimensions (null where not grouped).',
  fields: (t) => ({
    metric: t.exposeString('metric', { nullable: true }),
    place: t.exposeString('place', { nullable: true }),
    institution: t.exposeString('institution', { nullable: true }),
    year: t.exposeInt('year', { nullable: true }),
    unit: t.exposeString('unit'),
    sum: t.exposeFloat('sum'),
    count: t.exposeInt('count'),
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
