// The first whole slice, end to end: the five seed pages imported, extracted, indexed, then asked through GraphQL.
import { readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleIdFor } from '../archive/index.ts';
import { createApi, type ApiServer } from '../api/index.ts';
import { extractPages, importPaths, openServices, syncGraph, syncSearch, type Services } from '../pipeline/index.ts';
import { SHARED_DIR, SHARED_MISSING_MESSAGE, sharedPath } from './shared.ts';

if (!SHARED_DIR) console.warn(`[foundation] skipped: ${SHARED_MISSING_MESSAGE}`);

describe.skipIf(!SHARED_DIR)('seeds → archive → graph + search → GraphQL', () => {
  let dir: string;
  let services: Services;
  let api: ApiServer;
  /** The Tianjin health commission's press-conference page among the seeds (天津市卫生健康委员会, 医联体). */
  let tianjinId: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await api.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kg-foundation-'));
    services = await openServices({ dataDir: dir, env: {} });
    const imported = await importPaths(services.archive, [sharedPath('seeds')]);
    expect(imported.stored).toBe(readdirSync(sharedPath('seeds')).length);
    const extracted = extractPages(services.archive);
    expect(extracted.ok).toBe(imported.stored);
    await syncGraph(services.archive, services.graph);
    await syncSearch(services.archive, services.search);
    api = createApi(services);
    const page = services.archive.db
      .prepare("SELECT p.hash FROM pages p JOIN origins o ON o.page_id = p.id WHERE o.origin LIKE '%/001_0524d8a9c0771221.txt'")
      .get() as { hash: string };
    tianjinId = articleIdFor(page.hash);
  });
  afterAll(async () => {
    await services?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a search for 医联体 finds the Tianjin health commission page with 医联体 highlighted', async () => {
    const data = await gql(`query { search(query: "医联体", first: 10) { totalCount edges { node { articleId title source passages } } } }`);
    const hits = data.search.edges.map((e: any) => e.node);
    const tianjin = hits.find((h: any) => h.articleId === tianjinId);
    expect(tianjin, JSON.stringify(hits.map((h: any) => [h.title, h.source]))).toBeDefined();
    expect(tianjin.title).toContain('京津冀卫生健康协同发展');
    expect(tianjin.passages.join('')).toContain('<mark>医联体</mark>');
  });

  it('天津医科大学总医院 is an entity with that article among its articles', async () => {
    const data = await gql(`query {
      entities(type: HOSPITAL, name: "天津医科大学总医院", first: 5) {
        edges { node { entityId name articles(first: 20) { edges { node { articleId title } } } } }
      }
    }`);
    const entity = data.entities.edges.map((e: any) => e.node).find((n: any) => n.name === '天津医科大学总医院');
    expect(entity).toBeDefined();
    const ids = entity.articles.edges.map((e: any) => e.node.articleId);
    expect(ids).toContain(tianjinId);
  });
});
