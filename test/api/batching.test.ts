// No N+1: nested queries load articles and entities through DataLoaders, one store call per level.
// The real archive and graph store are wrapped in counting proxies (calls go through unchanged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../archive/index.ts';
import type { GraphStore } from '../../graph/port.ts';
import { api, counting, gql, loadTestArchive, type TestArchive } from './setup.ts';

let t: TestArchive;
beforeAll(async () => {
  t = await loadTestArchive();
});
afterAll(() => t?.close());

function countedApi() {
  const archive = counting<Archive>(t.services.archive);
  const graph = counting<GraphStore>(t.services.graph);
  const server = api({ ...t.services, archive: archive.store, graph: graph.store });
  return { server, archiveCalls: archive.calls, graphCalls: graph.calls };
}

describe('DataLoader batching', () => {
  it('search hits → article → copies: one Archive.getArticles call per level, not one per hit', async () => {
    const { server, archiveCalls } = countedApi();
    const r = await gql(server, `{ search(query: "医院", first: 10) { edges { node { article { title reprintOf { title } } copies { title } } } } }`);
    expect(r.errors).toBeUndefined();
    const hits = r.data!.search.edges.length;
    expect(hits).toBeGreaterThanOrEqual(3);
    // Level 1: every hit's article; level 2: copies and reprintOf. Never one call per hit.
    expect(archiveCalls.getArticles).toBeLessThanOrEqual(2);
    expect(archiveCalls.getArticle ?? 0).toBe(0);
  });

  it('search hits → article → entities and copies: one store call per level', async () => {
    const { server, graphCalls, archiveCalls } = countedApi();
    const r = await gql(server, `{ search(query: "医院", first: 10, collapseReprints: false) { edges { node { article { title entities { name type } copies { title } } } } } }`);
    expect(r.errors).toBeUndefined();
    const edges = r.data!.search.edges;
    expect(edges.length).toBeGreaterThanOrEqual(3);
    expect(edges.every((e: any) => e.node.article.entities.length > 0)).toBe(true);
    expect(edges.some((e: any) => e.node.article.copies.length > 0)).toBe(true);
    expect(graphCalls.entitiesOfArticles).toBe(1);
    // The hits' articles, then all their copies: one copiesOf query and one more getArticles.
    expect(archiveCalls.copiesOf).toBe(1);
    expect(archiveCalls.getArticles).toBe(2);
  });

  it('figures of every article and of every entity at a level in one GraphStore.figuresOf call each', async () => {
    const { server, graphCalls } = countedApi();
    const r = await gql(server, `{ search(query: "医院", first: 10) { edges { node { article { figures { value metric } } } } }
      entities(type: HOSPITAL, first: 20) { edges { node { name figures { value } beds: figures(metric: "床位") { value } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.search.edges.some((e: any) => e.node.article.figures.length > 0)).toBe(true);
    expect(r.data!.entities.edges.some((e: any) => e.node.figures.length > 0)).toBe(true);
    // Three levels asked: the hits' articles, the entities, and the entities again with another argument.
    expect(graphCalls.figuresOf).toBe(3);
    expect(graphCalls.figures ?? 0).toBe(0);
    const beds = r.data!.entities.edges.flatMap((e: any) => e.node.beds);
    const all = r.data!.entities.edges.flatMap((e: any) => e.node.figures);
    expect(beds.length).toBeLessThanOrEqual(all.length);
  });

  it('relationship ends across a whole network load in one GraphStore.entitiesByIds call', async () => {
    const { server, graphCalls, archiveCalls } = countedApi();
    const r = await gql(server, `{ network { edges { from { name } to { name } article { title } } } }`);
    expect(r.errors).toBeUndefined();
    const edges = r.data!.network.edges;
    expect(edges.length).toBeGreaterThan(3);
    expect(graphCalls.entitiesByIds).toBe(1);
    expect(graphCalls.entity ?? 0).toBe(0);
    expect(archiveCalls.getArticles).toBe(1);
  });

  it('entities → articles → entities: articles in one call, article entities de-duplicated per request', async () => {
    const { server, archiveCalls, graphCalls } = countedApi();
    const r = await gql(server, `{ entities(type: HOSPITAL, first: 20) { edges { node { name articles(first: 10) { edges { node { title entities { name } } } } } } } }`);
    expect(r.errors).toBeUndefined();
    const articleVisits = r.data!.entities.edges.reduce((n: number, e: any) => n + e.node.articles.edges.length, 0);
    const distinct = new Set(r.data!.entities.edges.flatMap((e: any) => e.node.articles.edges.map((a: any) => a.node.title + e.node.name))).size;
    expect(articleVisits).toBeGreaterThan(4);
    expect(distinct).toBeGreaterThan(0);
    expect(archiveCalls.getArticles).toBe(1);
    // Every entity's page of articles in one call, and the articles' entities in one call for the whole level.
    expect(graphCalls.articlesOf).toBe(1);
    expect(graphCalls.entitiesOfArticles).toBe(1);
  });
});
