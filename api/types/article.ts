// Article: the clean text of one page, with its entities, figures and copies (reprints).
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import { loadArticleEntities, loadCopies } from '../loaders.ts';
import { MAX_PAGE_SIZE } from '../limits.ts';
import { EntityTypeEnum } from './enums.ts';
import { ArticleRef, EntityRef, FigureRef } from './refs.ts';
import { decodeId, idSchema, pageCost, pageValidation } from './inputs.ts';

ArticleRef.implement({
  description: 'An article extracted from an archived page.',
  fields: (t) => ({
    articleId: t.exposeString('id', { description: 'The archive id (a + 15 hex digits of the page hash).' }),
    title: t.exposeString('title'),
    published: t.exposeString('published', { nullable: true, description: 'ISO date or date-time, Beijing time.' }),
    source: t.exposeString('source', { nullable: true }),
    author: t.exposeString('author', { nullable: true }),
    url: t.exposeString('url', { nullable: true }),
    body: t.exposeString('body', { description: 'Normalised text (simplified Chinese); paragraphs separated by newlines.' }),
    bodyOriginal: t.exposeString('bodyOriginal', { description: 'Text as the page had it.' }),
    paragraphs: t.stringList({ description: 'bodyOriginal split into paragraphs.', resolve: (a) => a.bodyOriginal.split('\n').filter((p) => p.trim() !== '') }),
    reprintOf: t.field({ type: ArticleRef, nullable: true, description: 'The earliest copy, when this article is a reprint.', resolve: (a) => a.reprintOf }),
    copies: t.loadableList({
      type: ArticleRef,
      description: 'Reprints of this story.',
      byPath: true,
      // The reprints of every article at this level in one archive query, then their records in one more.
      load: (ids: string[], ctx) => loadCopies(ids, ctx),
      resolve: (a) => a.id,
    }),
    entities: t.loadableList({
      type: EntityRef,
      byPath: true,
      args: { type: t.arg({ type: EntityTypeEnum, required: false }) },
      load: async (ids: string[], ctx, args) => {
        const lists = await loadArticleEntities(ids, ctx);
        return args.type ? lists.map((l) => l.filter((e) => e.type === args.type)) : lists;
      },
      resolve: (a) => a.id,
    }),
    figures: t.loadableList({
      type: FigureRef,
      byPath: true,
      // The figures of every article at this level in one store call.
      load: (ids: string[], ctx) => ctx.services.graph.figuresOf('article', ids),
      resolve: (a) => a.id,
    }),
  }),
});

builder.queryFields((t) => ({
  article: t.field({
    type: ArticleRef,
    nullable: true,
    description: 'One article by its archive id or global id; null when unknown.',
    args: { id: t.arg.id({ required: true, validate: idSchema }) },
    resolve: async (_root, args, ctx) => {
      const a = ctx.services.archive.getArticle(decodeId(args.id, 'Article'));
      return a?.status === 'ok' ? a : null;
    },
  }),
  articles: t.connection({
    type: ArticleRef,
    description: 'Every extracted article, newest first.',
    complexity: pageCost,
    validate: pageValidation,
    resolve: (_root, args, ctx) =>
      resolveOffsetConnection({ args, maxSize: MAX_PAGE_SIZE }, ({ limit, offset }) =>
        ctx.services.archive.listArticles({ limit, offset, status: 'ok' })),
  }, { name: 'ArticleConnection' }, { name: 'ArticleEdge' }),
}));
