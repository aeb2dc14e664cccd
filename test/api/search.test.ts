// The search query through the API over a real temporary archive, on each search adapter: the embedded
// index always, Meilisearch when a server is given (test/meili.ts), loaded by the same import → extract → sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../api/index.ts';
import { MEILI_SKIP_MESSAGE, TEST_MEILI_HOST, testIndexUid } from '../meili.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

if (!TEST_MEILI_HOST) console.warn(`[api search] ${MEILI_SKIP_MESSAGE}`);

const ADAPTERS: Array<{ name: string; env: () => NodeJS.ProcessEnv; skip: boolean }> = [
  { name: 'embedded', env: () => ({}), skip: false },
  { name: 'meilisearch', env: () => ({ MEILI_HOST: TEST_MEILI_HOST, MEILI_INDEX: testIndexUid('api') }), skip: !TEST_MEILI_HOST },
];

describe.each(ADAPTERS)('search through the API ($name)', ({ name, env, skip }) => {
  let archive: TestArchive;
  let server: ApiServer;

  beforeAll(async () => {
    if (skip) return;
    archive = await loadTestArchive(env());
    expect(archive.services.adapters.search).toBe(name);
    server = api(archive.services);
  });
  afterAll(() => archive?.close());

  it.skipIf(skip)('search(query:"医联体") returns articles with passages where 医联体 is in <mark>, reprints collapsed into copies', async () => {
    const r = await gql(server, `{
      search(query: "医联体", first: 5) {
        totalCount
        pageInfo { hasNextPage endCursor }
        facets { field values { key count } }
        edges { cursor node { articleId title titleHighlighted passages source copies { articleId source } article { title published } } }
      }
    }`);
    expect(r.errors).toBeUndefined();
    const s = r.data!.search;
    expect(s.totalCount).toBe(1);
    const hit = s.edges[0].node;
    expect(hit.title).toBe('天津医科大学总医院牵头组建紧密型医联体');
    expect(hit.passages.length).toBeGreaterThan(0);
    for (const p of hit.passages) expect(p).toContain('<mark>医联体</mark>');
    expect(hit.copies).toHaveLength(1);
    expect(hit.copies[0].articleId).not.toBe(hit.articleId);
    expect(hit.article.title).toBe(hit.title);
    expect(s.facets.map((f: { field: string }) => f.field).sort()).toEqual(['institutions', 'kinds', 'places', 'source', 'year']);
  });

  it.skipIf(skip)('filters, sorts and pages with Relay cursors', async () => {
    const first = await gql(server, `{ search(query: "医院", first: 1, sort: DATE) { totalCount pageInfo { hasNextPage endCursor } edges { node { published } } } }`);
    const s = first.data!.search;
    expect(s.totalCount).toBe(3);
    expect(s.pageInfo.hasNextPage).toBe(true);
    const next = await gql(server, `query($after: String) { search(query: "医院", first: 5, after: $after, sort: DATE) { pageInfo { hasNextPage } edges { node { published } } } }`, {
      after: s.pageInfo.endCursor,
    });
    const dates = [s.edges[0].node.published, ...next.data!.search.edges.map((e: any) => e.node.published)];
    expect(dates).toHaveLength(3);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(next.data!.search.pageInfo.hasNextPage).toBe(false);

    const filtered = await gql(server, `{ search(query: "医院", filters: { from: "2021-01-01", to: "2021-12-31" }) { totalCount edges { node { title } } } }`);
    const titles = filtered.data!.search.edges.map((e: any) => e.node.title);
    expect(titles).toHaveLength(1);
    expect(titles[0]).toContain('北京朝阳医院对口帮扶赤峰市医院');
  });
});
