// The search connection says when the engine bounded a broad query (approximate total, ranking and facet
// windows) and what it ignored. A real embedded index with its smallest windows, filled with more matching
// articles than the windows hold, and a small exact query on the fixture archive for the other side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/index.ts';
import { openServices, type Services } from '../../pipeline/index.ts';
import { EmbeddedSearchIndex } from '../../search/embedded.ts';
import type { SearchDoc } from '../../search/port.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

const FLAGS = `query($q: String!, $sort: SearchSort, $first: Int) {
  search(query: $q, sort: $sort, first: $first) { totalCount totalIsApproximate rankedFrom facetsFrom warnings facets { field } edges { node { articleId } } }
}`;

const CITIES = ['保定市', '承德市', '赤峰市', '通辽市'];

/** `n` short articles that all mention 远程会诊, newest last, in four cities. */
function docs(n: number): SearchDoc[] {
  return Array.from({ length: n }, (_, i) => {
    const city = CITIES[i % CITIES.length];
    const body = `${city}人民医院与北京的医院开通远程会诊，第${i + 1}批专家到院坐诊。`;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String(Math.floor(i / 28) % 12 + 1).padStart(2, '0');
    return { id: `b${String(i).padStart(15, '0')}`, url: null, title: `${city}远程会诊第${i + 1}期`, published: `2020-${month}-${day}`, source: '测试报', body, bodyOriginal: body, places: [city], institutions: [], kinds: ['remote'], reprintOf: null };
  });
}

describe('search flags over a bounded embedded index', () => {
  let services: Services;
  let dir: string;
  let server: ReturnType<typeof createApi>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kg-api-flags-'));
    services = await openServices({ dataDir: dir, env: {} });
    const search = new EmbeddedSearchIndex(services.archive.db, { window: 200, rankWindow: 100, facetWindow: 10 });
    await search.init();
    await search.upsert(docs(250));
    server = createApi({ ...services, search }, { ui: false });
  });
  afterAll(async () => {
    await services?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a query matching more than the window is a lower bound, ranked and faceted over windows', async () => {
    const r = await gql(server, FLAGS, { q: '远程会诊', first: 5 });
    expect(r.errors).toBeUndefined();
    const s = r.data!.search;
    expect(s.totalIsApproximate).toBe(true);
    expect(s.totalCount).toBeGreaterThanOrEqual(200);
    expect(s.totalCount).toBeLessThan(250);
    expect(s.rankedFrom).toBe(100);
    expect(s.facetsFrom).toBe(10);
    expect(s.facets.length).toBeGreaterThan(0);
    expect(s.edges).toHaveLength(5);
    expect(s.warnings).toEqual([]);
  });

  it('sorting by date ranks nothing: rankedFrom is null; no facets selected: facetsFrom is null', async () => {
    const r = await gql(server, `query($q: String!) { search(query: $q, sort: DATE, first: 3) { totalIsApproximate rankedFrom facetsFrom } }`, { q: '远程会诊' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.search).toEqual({ totalIsApproximate: true, rankedFrom: null, facetsFrom: null });
  });
});

describe('search flags on a small archive', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = await loadTestArchive();
  });
  afterAll(() => t?.close());

  it('an exact answer says so: no bound, no windows', async () => {
    const r = await gql(api(t.services), FLAGS, { q: '医联体' });
    expect(r.errors).toBeUndefined();
    const s = r.data!.search;
    expect(s.totalCount).toBeGreaterThan(0);
    expect(s).toMatchObject({ totalIsApproximate: false, rankedFrom: null, facetsFrom: null, warnings: [] });
  });

  it('what the engine ignored comes back as a warning', async () => {
    const r = await gql(api(t.services), FLAGS, { q: '医联体 ，' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.search.totalCount).toBeGreaterThan(0);
    expect(r.data!.search.warnings.join(' ')).toMatch(/ignored/);
  });
});
