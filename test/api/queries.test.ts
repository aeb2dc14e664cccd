// The report queries over a real temporary archive (search itself: search.test.ts): entities and
// their articles, article details, relationships, network, paths, figures with evidence, timeline, stats.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../api/index.ts';
import type { SearchQuery } from '../../search/port.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

let archive: TestArchive;
let server: ApiServer;

beforeAll(async () => {
  archive = await loadTestArchive();
  server = api(archive.services);
});
afterAll(() => archive?.close());

describe('facets on demand', () => {
  it('asks the index for facets only when the query selects them (directly or in a fragment)', async () => {
    const asked: unknown[] = [];
    const search = new Proxy(archive.services.search, {
      get: (idx, p, r) => (p === 'search' ? (q: SearchQuery) => (asked.push(q.facets), idx.search(q)) : Reflect.get(idx, p, r)),
    });
    const s = api({ ...archive.services, search });
    await gql(s, `{ search(query: "医院") { totalCount } }`);
    await gql(s, `{ search(query: "医院") { ...F } } fragment F on SearchConnection { facets { field } }`);
    await gql(s, `{ search(query: "医院", facets: [YEAR]) { totalCount } }`);
    expect(asked).toEqual([[], ['source', 'places', 'institutions', 'kinds', 'year'], ['year']]);
  });
});

describe('entities and articles', () => {
  it('entities(type: HOSPITAL, name) finds the hospital, and its articles include the search hit', async () => {
    const r = await gql(server, `{
      entities(type: HOSPITAL, name: "天津医科大学总医院", first: 5) { edges { node { id entityId name type } } }
      search(query: "医联体") { edges { node { articleId } } }
    }`);
    const entity = r.data!.entities.edges[0].node;
    expect(entity).toMatchObject({ entityId: 'hospital:天津医科大学总医院', name: '天津医科大学总医院', type: 'HOSPITAL' });
    const hitId = r.data!.search.edges[0].node.articleId;

    for (const id of [entity.id, entity.entityId]) {
      const e = await gql(server, `query($id: ID!) { entity(id: $id) { name articleCount articles(first: 10) { totalCount edges { node { articleId title } } } } }`, { id });
      expect(e.errors).toBeUndefined();
      const ids = e.data!.entity.articles.edges.map((x: any) => x.node.articleId);
      expect(ids).toContain(hitId);
      expect(e.data!.entity.articles.totalCount).toBe(e.data!.entity.articleCount);
    }
  });

  it('search-as-you-type matches a prefix of names and aliases', async () => {
    const r = await gql(server, `{ entities(name: "赤峰", first: 10) { edges { node { name aliases } } } }`);
    // resolution names it 赤峰市医院 (the province before the city adds nothing); the longer form stays an alias
    const found = r.data!.entities.edges.find((e: any) => e.node.name === '赤峰市医院');
    expect(found.node.aliases).toContain('内蒙古自治区赤峰市医院');
  });

  it('article(id) gives clean text, entities, figures with evidence, and copies; unknown ids give null', async () => {
    const s = await gql(server, `{ search(query: "医联体") { edges { node { articleId } } } }`);
    const id = s.data!.search.edges[0].node.articleId;
    const r = await gql(server, `query($id: ID!) { article(id: $id) {
      title published source paragraphs
      entities(type: HOSPITAL) { name }
      figures { text value unit metric evidence article { articleId } }
      copies { source reprintOf { articleId } figures { text value unit metric evidence article { articleId } } }
    } }`, { id });
    const a = r.data!.article;
    expect(a.source).toBe('津沽健康报');
    expect(a.paragraphs).toHaveLength(4);
    expect(a.entities.map((e: any) => e.name)).toContain('天津医科大学总医院');
    // The story's figures, read from it or from its reprint.
    const figures = [...a.figures, ...a.copies.flatMap((c: any) => c.figures)];
    const beds = figures.find((f: any) => f.unit === '张');
    expect(beds).toMatchObject({ value: 300 });
    expect(beds.evidence).toContain('床位300张');
    expect(a.copies[0].reprintOf.articleId).toBe(id);
    const missing = await gql(server, `{ article(id: "a000000000000000") { title } node(id: "Entity:hospital:没有这家医院") { id } }`);
    expect(missing.data).toEqual({ article: null, node: null });
    expect(missing.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['node'], 'NOT_FOUND']]);
  });
});

describe('relationships and reports', () => {
  it('neighbours, collaborations with evidence, a path between two hospitals, and the network', async () => {
    const r = await gql(server, `{
      entity(id: "hospital:北京朝阳医院") { neighbors(depth: 2, types: [COLLABORATES]) { nodes { name } edges { kind evidence from { name } to { name } article { title } } } }
      collaborations(placeA: "北京", first: 10) { kind date evidence from { name } to { name } }
      path(from: "hospital:北京朝阳医院", to: "hospital:廊坊市人民医院") { length nodes { name } edges { evidence } }
      network(kinds: [ALLIANCE, TRUSTEESHIP, ASSISTANCE]) { nodes { entityId } edges { kind fromId toId } }
    }`);
    expect(r.errors).toBeUndefined();
    const n = r.data!.entity.neighbors;
    expect(n.nodes.map((x: any) => x.name)).toContain('赤峰市医院');
    for (const e of n.edges) expect(e.evidence.length).toBeGreaterThan(0);
    expect(r.data!.collaborations.length).toBeGreaterThan(0);
    const p = r.data!.path;
    expect(p.nodes[0].name).toBe('北京朝阳医院');
    expect(p.nodes.at(-1).name).toBe('廊坊市人民医院');
    expect(p.edges).toHaveLength(p.length);
    const ids = new Set(r.data!.network.nodes.map((x: any) => x.entityId));
    for (const e of r.data!.network.edges) expect(ids.has(e.fromId) && ids.has(e.toId)).toBe(true);
  });

  it('lists the collaborations a programme is named in, with regions as parties', async () => {
    // an original article of its own: a region pair and a hospital pair under 沪滇协作, one pair under none
    const dir = mkdtempSync(join(tmpdir(), 'kg-programme-'));
    writeFileSync(join(dir, 'hudian.txt'), [
      '沪滇协作结硕果 红河州医疗水平提升', '2024-05-06 来源：示例日报', '',
      '2024年5月6日,在沪滇协作框架下,上海市与云南省签署新一轮卫生健康合作协议。',
      '根据协议,上海市第六人民医院将继续通过沪滇协作对口帮扶元阳县人民医院,每年派出两批专家驻点。',
      '此外,红河州第一人民医院与昆明医科大学第一附属医院签订了专科联盟协议,双方将开展远程会诊和人才培训。',
    ].join('\n'));
    const own = await loadTestArchive({}, dir);
    try {
      const r = await gql(api(own.services), `{
        under: collaborations(project: "沪滇协作", first: 50) { from { name type } to { name type } }
        all: collaborations(first: 50) { from { name } }
        none: collaborations(project: "没有这个项目", first: 50) { kind }
      }`);
      expect(r.errors).toBeUndefined();
      const pairs = r.data!.under.map((e: any) => [e.from.name, e.to.name].sort().join('|'));
      expect(pairs).toEqual(expect.arrayContaining(['上海市|云南省', '上海市第六人民医院|元阳县人民医院']));
      expect(pairs.some((p: string) => p.includes('红河州第一人民医院'))).toBe(false);
      expect(r.data!.under.some((e: any) => e.from.type === 'PLACE')).toBe(true);
      expect(r.data!.all.length).toBeGreaterThan(r.data!.under.length);
      expect(r.data!.none).toEqual([]);
    } finally {
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('figure aggregates by place and year list their source sentences and articles; timeline and stats', async () => {
    const r = await gql(server, `{
      figureAggregates(groupBy: [METRIC, PLACE, YEAR]) { metric place year unit sum count figures { text value evidence article { title } } }
      timeline(entityId: "hospital:北京儿童医院") { date kind text article { title } }
      stats { archive { pages articlesByStatus { key count } reprints } graph { articles figures } searchDocuments graphAdapter searchAdapter }
    }`);
    expect(r.errors).toBeUndefined();
    const aggs = r.data!.figureAggregates;
    expect(aggs.length).toBeGreaterThan(0);
    for (const a of aggs) {
      expect(a.figures.length).toBe(a.count);
      expect(a.figures.reduce((n: number, f: any) => n + f.value, 0)).toBe(a.sum);
      for (const f of a.figures) {
        expect(f.evidence).toContain(f.text);
        expect(f.article.title.length).toBeGreaterThan(0);
      }
    }
    expect(r.data!.timeline.length).toBeGreaterThan(0);
    expect(r.data!.stats).toMatchObject({ archive: { pages: 4, reprints: 1 }, graphAdapter: 'embedded', searchAdapter: 'embedded' });
  });

  it('figures left out come a page at a time, all of them counted by reason', async () => {
    const q = (page: string) => gql(server, `{ figureAggregates(groupBy: [METRIC]) { metric unit status leftOutCount leftOutByCode { code count } leftOut${page} { code figure { figureId } } } }`);
    const res = await q('(first: 100)');
    expect(res.errors).toBeUndefined();
    const all = res.data!.figureAggregates as any[];
    expect(all.reduce((n, a) => n + a.leftOutCount, 0)).toBeGreaterThan(0); // the reprint's figures, at least
    for (const a of all) {
      expect(a.leftOut).toHaveLength(a.leftOutCount);
      expect(a.leftOutByCode.reduce((n: number, c: any) => n + c.count, 0)).toBe(a.leftOutCount);
    }
    const one = (await q('(first: 1, offset: 1)')).data!.figureAggregates as any[];
    one.forEach((a, i) => expect(a.leftOut).toEqual(all[i].leftOut.slice(1, 2)));
    const bad = await q('(first: 5000)');
    expect(bad.errors?.[0].message).toMatch(/at most/);
    const negative = await q('(offset: -1)');
    expect(negative.errors?.length).toBeGreaterThan(0);
    expect(negative.data ?? null).toBeNull(); // refused as a whole: validation runs before execution
  });
});
