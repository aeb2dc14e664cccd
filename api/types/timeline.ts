// Timeline events of an entity: its articles, collaborations and figures, by date.
import type { TimelineEvent } from '../../graph/port.ts';
import { builder } from '../builder.ts';
import { idSchema, decodeId } from './inputs.ts';
import { ArticleRef } from './refs.ts';

export const TimelineKindEnum = builder.enumType('TimelineKind', {
  values: { ARTICLE: { value: 'article' as const }, COLLABORATION: { value: 'collaboration' as const }, FIGURE: { value: 'figure' as const } },
});

export const TimelineEventRef = builder.objectRef<TimelineEvent>('TimelineEvent').implement({
  fields: (t) => ({
    date: t.exposeString('date', { nullable: true }),
    kind: t.expose('kind', { type: TimelineKindEnum }),
    title: t.exposeString('title', { description: "The article's title." }),
    text: t.exposeString('text', { description: 'What happened: the evidence sentence or figure text.' }),
    article: t.field({ type: ArticleRef, resolve: (e) => e.articleId }),
  }),
});

builder.queryFields((t) => ({
  timeline: t.field({
    type: [TimelineEventRef],
    description: 'Timeline of one entity (same as Entity.timeline).',
    args: { entityId: t.arg.id({ required: true, validate: idSchema }) },
    resolve: (_root, args, ctx) => ctx.services.graph.timeline(decodeId(args.entityId, 'Entity')),
  }),
}));
