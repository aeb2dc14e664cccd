// Batch load functions behind the DataLoaders (one loader per request per type, made by the Pothos
// dataloader plugin). Each returns one value per key, in key order; a key that does not exist becomes
// a NOT_FOUND error for that key only, so one bad id never fails its neighbours.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { ArticleRecord } from '../archive/index.ts';
import type { EntityNode, FigureRecord } from '../graph/port.ts';
import type { ApiContext } from './builder.ts';
import { ApiError } from './errors.ts';

const notFound = (kind: string, id: string) => new ApiError('NOT_FOUND', `no ${kind} with id ${JSON.stringify(id)}`);

/** Articles from the archive in one query (Archive.getArticles). Only extracted articles count. */
export async function loadArticles(ids: readonly string[], ctx: ApiContext): Promise<Array<ArticleRecord | Error>> {
  return ctx.services.archive.getArticles(ids).map((a, i) => (a && a.status === 'ok' ? a : notFound('article', ids[i])));
}

/** The reprints of each article: their ids in one query, their records in one more (only extracted ones). */
export async function loadCopies(ids: readonly string[], ctx: ApiContext): Promise<ArticleRecord[][]> {
  const lists = ctx.services.archive.copiesOf(ids);
  const wanted = [...new Set(lists.flat())];
  const records = new Map(ctx.services.archive.getArticles(wanted).flatMap((a, i) => (a && a.status === 'ok' ? [[wanted[i], a] as const] : [])));
  return lists.map((l) => l.flatMap((id) => records.get(id) ?? []));
}

/** Entities from the graph in one call (GraphStore.entitiesByIds). */
export async function loadEntities(ids: readonly string[], ctx: ApiContext): Promise<Array<EntityNode | Error>> {
  const found = await ctx.services.graph.entitiesByIds(ids);
  return ids.map((id, i) => found[i] ?? notFound('entity', id));
}

/** Figures by id in one call (GraphStore.figures({ids})), put back in key order. */
export async function loadFigures(ids: readonly string[], ctx: ApiContext): Promise<Array<FigureRecord | Error>> {
  const found = await ctx.services.graph.figures({ ids: [...ids], limit: ids.length });
  const byId = new Map(found.map((f) => [f.id, f]));
  return ids.map((id) => byId.get(id) ?? notFound('figure', id));
}

interface ArticlesPage { id: string; limit: number; offset: number }

/**
 * A page of the articles mentioning an entity (Entity.articles, a connection, so not a Pothos loadable field): one
 * loader per request; the entities asked for in one tick go to the store in one call per distinct page.
 */
export const entityArticles = createContextCache((ctx: ApiContext) =>
  new DataLoader<ArticlesPage, { total: number; ids: string[] }, string>(async (keys) => {
    const byPage = new Map<string, number[]>();
    for (const [i, k] of keys.entries()) {
      const page = `${k.limit}/${k.offset}`;
      if (!byPage.has(page)) byPage.set(page, []);
      byPage.get(page)!.push(i);
    }
    const out: Array<{ total: number; ids: string[] }> = new Array(keys.length);
    for (const at of byPage.values()) {
      const { limit, offset } = keys[at[0]];
      const pages = await ctx.services.graph.articlesOf(at.map((i) => keys[i].id), { limit, offset });
      at.forEach((i, j) => (out[i] = pages[j]));
    }
    return out;
  }, { cacheKeyFn: (k) => `${k.id}\u0000${k.limit}\u0000${k.offset}` }),
);

/** Entities mentioned by each article, for all the articles of a level in one call (GraphStore.entitiesOfArticles). */
export function loadArticleEntities(ids: readonly string[], ctx: ApiContext): Promise<EntityNode[][]> {
  return ctx.services.graph.entitiesOfArticles(ids);
}
