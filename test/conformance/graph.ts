// GraphStore conformance suite: every adapter's test file calls graphConformance(name, makeStore).
// makeStore returns an initialised store; the suite clears it before each test.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphInputError } from '../../graph/errors.ts';
import type { ArticleFacts, GraphStore } from '../../graph/port.ts';
import { A1, A2, A3, A4, ALL, collab, ent, fig, H, O, P, rel } from './graph-facts.ts';

/** The store's whole state as seen through the port, for comparing two states. */
export async function portDump(store: GraphStore) {
  const entities = await store.findEntities({ limit: 10_000 });
  entities.sort((a, b) => (a.id < b.id ? -1 : 1));
  const around = [];
  for (const e of entities) {
    around.push({ id: e.id, n: await store.neighbors(e.id), articles: (await store.articlesOf([e.id], { limit: 1000, offset: 0 }))[0] });
  }
  return { stats: await store.stats(), entities, around, figures: await store.figures({ limit: 10_000 }) };
}

export function graphConformance(name: string, makeStore: () => Promise<GraphStore>): void {
  describe(`GraphStore conformance: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => { store = await makeStore(); });
    afterAll(async () => { await store?.close(); });
    beforeEach(async () => { await store.clear(); });

    it('counts what it holds', async () => {
      await store.writeArticles(ALL);
      const s = await store.stats();
      expect(s.articles).toBe(4);
      expect(s.entities).toMatchObject({ hospital: 6, place: 7, organization: 1, person: 1, project: 1 });
      expect(s.edges).toMatchObject({ COLLABORATES: 5, BRANCH_OF: 1 });
      expect(s.edges.LOCATED_IN).toBe(7); // bch → 北京市 is stated by a1 and a3: one link, support 2
      expect(s.edges.PART_OF).toBe(4);
      expect(s.figures).toBe(5);
    });

    it('finds entities by id, name and alias, exact matches first', async () => {
      await store.writeArticles(ALL);
      const bch = await store.entity(H.bch.id);
      expect(bch).toMatchObject({ name: '首都医科大学附属北京儿童医院', aliases: ['北京儿童医院'], type: 'hospital', articleCount: 3 });
      expect(await store.entity('hospital:不存在')).toBeNull();
      const byIds = await store.entitiesByIds([P.hebei.id, 'nope', H.chifeng.id]);
      expect(byIds.map((e) => e?.id ?? null)).toEqual([P.hebei.id, null, H.chifeng.id]);
      expect(byIds[0]).toMatchObject({ code: '130000', level: 'province' });

      expect((await store.findEntities({ name: '朝阳医院' }))[0].id).toBe(H.chaoyang.id);
      const kids = await store.findEntities({ name: '北京儿童医院' });
      expect(kids[0].id).toBe(H.bch.id); // alias matches exactly; 北京儿童医院保定医院 only contains it
      expect(kids.map((e) => e.id)).toContain(H.bchBaoding.id);
      expect((await store.findEntities({ name: '儿童医院', type: 'hospital' })).map((e) => e.id).sort()).toEqual(
        [H.bch.id, H.bchBaoding.id, H.bdch.id].sort(),
      );
      const places = await store.findEntities({ type: 'place', limit: 2, offset: 0 });
      expect(places).toHaveLength(2);
      expect(places[0].articleCount).toBeGreaterThanOrEqual(places[1].articleCount);
      expect((await store.findEntities({ type: 'place', limit: 10, offset: 5 })).length).toBe(2);
    });

    it('lists articles of an entity (newest first) and entities of an article', async () => {
      await store.writeArticles(ALL);
      expect(await store.articlesOf([H.bch.id], { limit: 2, offset: 0 })).toEqual([{ total: 3, ids: ['a4', 'a3'] }]);
      expect(await store.articlesOf([H.bch.id], { limit: 2, offset: 2 })).toEqual([{ total: 3, ids: ['a1'] }]);
      // A page of entities in one call, each as if asked alone; unknown ids and pages past the end are empty.
      const many = await store.articlesOf([H.chifeng.id, 'hospital:不存在', H.bch.id, H.chifeng.id], { limit: 2, offset: 0 });
      expect(many[2]).toEqual({ total: 3, ids: ['a4', 'a3'] });
      expect(many[1]).toEqual({ total: 0, ids: [] });
      expect(many[0]).toEqual((await store.articlesOf([H.chifeng.id], { limit: 2, offset: 0 }))[0]);
      expect(many[3]).toEqual(many[0]);
      expect(many[0].total).toBeGreaterThan(0);
      expect(await store.articlesOf([H.bch.id], { limit: 2, offset: 10 })).toEqual([{ total: 3, ids: [] }]);
      expect(await store.articlesOf([], { limit: 2, offset: 0 })).toEqual([]);
      // same-day articles by id, a dated time before its day's date alone, undated ones last (by id)
      const dated = (id: string, published: string | null): ArticleFacts => ({
        article: { id, url: null, title: id, published, source: null }, entities: [H.chaoyang], relations: [], figures: [],
      });
      await store.writeArticles([dated('c3', '2020-05-01'), dated('c1', '2020-05-01'), dated('c5', null), dated('c2', '2020-05-01T09:30'),
        dated('c4', null), dated('c0', '2021-01-01'), dated('c6', '2020-05')]);
      const order = ['c0', 'c2', 'c1', 'c3', 'c6', 'a2', 'c4', 'c5'];
      expect(await store.articlesOf([H.chaoyang.id], { limit: 20, offset: 0 })).toEqual([{ total: 8, ids: order }]);
      expect(await store.articlesOf([H.chaoyang.id], { limit: 3, offset: 3 })).toEqual([{ total: 8, ids: order.slice(3, 6) }]);
      const [ofA3, unknown, again] = await store.entitiesOfArticles(['a3', 'no-such-article', 'a3']);
      expect(ofA3.map((e) => e.id)).toEqual([H.bch.id, H.chifeng.id, P.beijing.id, P.chifeng.id, P.neimenggu.id].sort());
      expect(unknown).toEqual([]);
      expect(again).toEqual(ofA3);
      const [ofA1, ofA4] = await store.entitiesOfArticles(['a1', 'a4']);
      expect(ofA1.map((e) => e.id)).toContain(H.bch.id);
      expect(ofA4.map((e) => e.id)).toContain(H.bch.id);
      expect(await store.entitiesOfArticles([])).toEqual([]);
    });

    it('walks neighbourhoods by depth, relation kind, type and date', async () => {
      await store.writeArticles(ALL);
      const one = await store.neighbors(H.bch.id);
      expect(one.nodes.map((n) => n.id).sort()).toEqual([H.bch.id, H.bdch.id, H.chifeng.id, H.bchBaoding.id, P.beijing.id].sort());
      expect(one.edges.every((e) => e.articleId && e.evidence)).toBe(true);
      const trust = one.edges.find((e) => e.kind === 'trusteeship')!;
      expect(trust).toMatchObject({ type: 'COLLABORATES', from: H.bch.id, to: H.bdch.id, date: '2015-04', articleId: 'a1', directed: true, evidence: '北京儿童医院正式托管保定市儿童医院' });

      const collabOnly = await store.neighbors(H.bch.id, { types: ['COLLABORATES'], kinds: ['assistance'] });
      expect(collabOnly.nodes.map((n) => n.id).sort()).toEqual([H.bch.id, H.chifeng.id].sort());
      const recent = await store.neighbors(H.bch.id, { types: ['COLLABORATES'], from: '2020' });
      expect(recent.edges.map((e) => e.kind)).toEqual(['assistance']);
      const until2015 = await store.neighbors(H.bch.id, { types: ['COLLABORATES'], to: '2015-12-31' });
      expect(until2015.edges.map((e) => e.kind)).toEqual(['trusteeship']);

      const two = await store.neighbors(H.bch.id, { depth: 2, types: ['COLLABORATES'] });
      expect(two.nodes.map((n) => n.id)).toContain(H.hebmu2.id); // via 保定市儿童医院's alliance
      expect(two.edges.some((e) => e.kind === 'alliance')).toBe(true);
      const capped = await store.neighbors(H.bch.id, { depth: 3, limit: 3 });
      expect(capped.nodes).toHaveLength(3);
      expect(capped.edges.every((e) => capped.nodes.some((n) => n.id === e.from) && capped.nodes.some((n) => n.id === e.to))).toBe(true);
      expect(await store.neighbors('hospital:不存在')).toEqual({ nodes: [], edges: [] });
    });

    it('finds shortest paths with the evidence on every hop', async () => {
      await store.writeArticles(ALL);
      const p = await store.shortestPath(H.bdch.id, H.chifeng.id);
      expect(p?.nodes.map((n) => n.id)).toEqual([H.bdch.id, H.bch.id, H.chifeng.id]);
      expect(p?.edges.map((e) => [e.kind, e.articleId])).toEqual([['trusteeship', 'a1'], ['assistance', 'a3']]);
      expect(p?.edges[1].evidence).toBe('北京儿童医院对口帮扶赤峰市医院儿科');
      expect(await store.shortestPath(H.bdch.id, H.chifeng.id, { maxDepth: 1 })).toBeNull();
      expect(await store.shortestPath(H.bdch.id, H.chifeng.id, { kinds: ['alliance'] })).toBeNull();

      const far = await store.shortestPath(H.chaoyang.id, H.chifeng.id);
      expect(far).not.toBeNull();
      for (let i = 0; i < far!.edges.length; i++) {
        const e = far!.edges[i];
        expect([e.from, e.to].sort()).toEqual([far!.nodes[i].id, far!.nodes[i + 1].id].sort());
        expect(e.articleId).toBeTruthy();
      }
      expect(far!.edges.length).toBe(4);
      expect(await store.shortestPath(O.person.id, H.bch.id)).toBeNull(); // a person with no edges
      expect((await store.shortestPath(H.bch.id, H.bch.id))?.nodes.map((n) => n.id)).toEqual([H.bch.id]);
      expect(await store.shortestPath(H.bch.id, 'hospital:不存在')).toBeNull();
    });

    it('answers the collaboration network between two regions, places nested by PART_OF', async () => {
      await store.writeArticles(ALL);
      const bjHebei = await store.collaborations({ placeA: '北京市', placeB: '河北省' });
      expect(bjHebei.edges.map((e) => e.kind).sort()).toEqual(['co-build', 'remote', 'trusteeship']);
      expect(bjHebei.nodes.map((n) => n.id).sort()).toEqual([H.bch.id, H.bdch.id, H.chaoyang.id, H.hebmu2.id].sort());
      const reversed = await store.collaborations({ placeA: '130000', placeB: '京' });
      expect(reversed.edges).toEqual(bjHebei.edges);
      expect((await store.collaborations({ placeA: '北京市', placeB: '河北省', kinds: ['trusteeship'] })).edges).toHaveLength(1);
      const period = await store.collaborations({ placeA: '北京市', placeB: '河北省', from: '2019', to: '2020' });
      expect(period.edges.map((e) => e.kind).sort()).toEqual(['co-build', 'remote']);
      const inHebei = await store.collaborations({ placeA: '河北省', placeB: '河北省' });
      expect(inHebei.edges.map((e) => e.kind)).toEqual(['alliance']);
      const mengjing = await store.collaborations({ placeA: '北京市', placeB: '内蒙古' });
      expect(mengjing.edges.map((e) => [e.kind, e.evidence])).toEqual([['assistance', '北京儿童医院对口帮扶赤峰市医院儿科']]);
      expect((await store.collaborations({ placeA: '北京市' })).edges).toHaveLength(4);
      expect((await store.collaborations({ placeA: '不存在省', placeB: '河北省' })).edges).toEqual([]);
    });

    it('aggregates figures by metric, place, year and institution, traceable to figure ids', async () => {
      await store.writeArticles(ALL);
      const all = await store.aggregateFigures({});
      const key = (g: { metric: string | null; place: string | null; year: number | null }) => `${g.metric}/${g.place}/${g.year}`;
      expect(Object.fromEntries(all.map((g) => [key(g), g.sum]))).toEqual({
        '派驻专家/保定市/2015': 12, '床位/保定市/2015': 200, '床位/石家庄市/2019': 500, '床位/保定市/2023': 300, '诊疗人次/赤峰市/2021': 3000,
      });
      const beds = await store.aggregateFigures({ metric: '床位', place: '河北省', groupBy: ['metric'] });
      expect(beds).toMatchObject([{ metric: '床位', place: null, institution: null, year: null, unit: '张', status: 'existing', additive: true, sum: 1000, count: 3, figureIds: ['a1-f2', 'a2-f1', 'a4-f1'], leftOut: [] }]);
      expect(beds[0].facts.map((f) => [f.subjectName, f.place, f.value])).toEqual([['保定市儿童医院', '保定市', 200], ['河北医科大学第二医院', '石家庄市', 500], ['北京儿童医院保定医院', '保定市', 300]]);
      const byInst = await store.aggregateFigures({ metric: '床位', groupBy: ['institution'] });
      expect(byInst.map((g) => [g.institution, g.sum])).toEqual([['保定市儿童医院', 200], ['北京儿童医院保定医院', 300], ['河北医科大学第二医院', 500]].sort());
      expect((await store.aggregateFigures({ institution: '河北医大二院', groupBy: ['year'] })).map((g) => [g.year, g.sum])).toEqual([[2019, 500]]);
      expect((await store.aggregateFigures({ year: 2021, groupBy: ['metric'] })).map((g) => g.metric)).toEqual(['诊疗人次']);
      expect(await store.aggregateFigures({ place: '北京市' })).toEqual([]);
      // a place and an institution together: the institution's figures, when it is in the place
      expect((await store.aggregateFigures({ place: '河北省', institution: '保定市儿童医院', groupBy: ['metric'] })).map((g) => [g.metric, g.sum]))
        .toEqual([['床位', 200], ['派驻专家', 12]]);
      expect(await store.aggregateFigures({ place: '保定市', institution: '河北医大二院' })).toEqual([]);

      const traced = await store.figures({ ids: beds[0].figureIds });
      expect(traced.map((f) => [f.articleId, f.provenance.sentence])).toEqual([['a1', 4], ['a2', 3], ['a4', 1]]);
      expect((await store.figures({ entityId: H.bdch.id })).map((f) => f.id)).toEqual(['a1-f1', 'a1-f2']);
      expect((await store.figures({ articleId: 'a3' }))[0]).toMatchObject({ value: 3000, unit: '人次', metric: '诊疗人次', subjectId: H.chifeng.id, time: '2021' });
      expect((await store.figures({ metric: '床位', limit: 2 })).length).toBe(2);
      expect((await store.figures({ entityId: H.bdch.id, metric: '床位' })).map((f) => f.id)).toEqual(['a1-f2']);
      expect((await store.figures({ articleId: 'a1', ids: ['a1-f1', 'a2-f1'] })).map((f) => f.id)).toEqual(['a1-f1']);
      expect(await store.figures({ ids: [] })).toEqual([]);
    });

    it('gives the figures of a page of articles or entities in one call, each as figures() would', async () => {
      await store.writeArticles(ALL);
      const ids = (fs: Array<{ id: string }>) => fs.map((f) => f.id);
      const articles = ['a1', 'no-such-article', 'a3', 'a1'];
      const byArticle = await store.figuresOf('article', articles);
      expect(byArticle.map(ids)).toEqual(await Promise.all(articles.map(async (a) => ids(await store.figures({ articleId: a })))));
      expect(byArticle[1]).toEqual([]);
      expect(byArticle[0].length).toBeGreaterThan(1);
      const entities = [H.bdch.id, H.chifeng.id, H.hebmu2.id];
      const byEntity = await store.figuresOf('entity', entities, { metric: '床位' });
      expect(byEntity.map(ids)).toEqual(await Promise.all(entities.map(async (e) => ids(await store.figures({ entityId: e, metric: '床位' })))));
      // The limit holds per key, not for the whole call.
      const one = await store.figuresOf('article', ['a1', 'a3'], { limit: 1 });
      expect(one.map((l) => l.length)).toEqual([1, 1]);
      expect(one[0][0]).toEqual((await store.figures({ articleId: 'a1', limit: 1 }))[0]);
      expect(await store.figuresOf('entity', [])).toEqual([]);
    });

    it('gives an entity timeline in date order', async () => {
      await store.writeArticles(ALL);
      const t = await store.timeline(H.bdch.id);
      const dates = t.map((e) => e.date ?? '');
      expect(dates).toEqual([...dates].sort());
      expect(t.filter((e) => e.kind === 'article').map((e) => e.articleId)).toEqual(['a1', 'a4']);
      expect(t.find((e) => e.kind === 'collaboration' && e.articleId === 'a4')).toMatchObject({ date: '2023-01', title: '北京儿童医院保定医院扩建' });
      expect(t.filter((e) => e.kind === 'figure').map((e) => e.text).sort()).toEqual(['床位200张', '派驻专家12人']);
    });

    it('replaces an article on rewrite: no stale edges, figures or aliases', async () => {
      await store.writeArticles(ALL);
      const a2b: ArticleFacts = {
        ...A2,
        entities: A2.entities.map((e) => (e.id === H.hebmu2.id ? { ...e, aliases: ['河北医大二院'] } : e.id === H.chaoyang.id ? { ...e, aliases: ['北京朝阳医院'] } : e)),
        relations: A2.relations.filter((r) => r.kind !== 'co-build'),
        figures: [fig('a2-f9', '床位', 650, '张', H.hebmu2, '2019', 5)],
      };
      await store.writeArticles([a2b]);
      const net = await store.collaborations({ placeA: '北京市', placeB: '河北省' });
      expect(net.edges.map((e) => e.kind).sort()).toEqual(['remote', 'trusteeship']);
      expect((await store.entity(H.chaoyang.id))?.aliases).toEqual(['北京朝阳医院']);
      expect(await store.figures({ ids: ['a2-f1'] })).toEqual([]);
      expect((await store.figures({ articleId: 'a2' })).map((f) => f.value)).toEqual([650]);
      expect((await store.stats()).edges.COLLABORATES).toBe(4);

      // Writing the same facts again changes nothing; so does writing them in another order.
      const before = await portDump(store);
      await store.writeArticles([A4, a2b, A1, A3]);
      expect(await portDump(store)).toEqual(before);
      await store.clear();
      await store.writeArticles([A3]);
      await store.writeArticles([A1, A4]);
      await store.writeArticles([a2b]);
      expect(await portDump(store)).toEqual(before);
    });

    it('removes articles and the entities no article mentions any more', async () => {
      await store.writeArticles(ALL);
      await store.removeArticles(['a3', 'never-written']);
      expect(await store.entity(H.chifeng.id)).toBeNull();
      expect(await store.entity(P.neimenggu.id)).toBeNull();
      expect((await store.entity(H.bch.id))?.articleCount).toBe(2);
      expect((await store.collaborations({ placeA: '北京市', placeB: '内蒙古自治区' })).edges).toEqual([]);
      const s = await store.stats();
      expect(s.articles).toBe(3);
      expect(s.figures).toBe(4);
      expect(s.edges.COLLABORATES).toBe(4);
      // Removing then writing again gives the state of writing once.
      const once = await portDump(store);
      await store.writeArticles([A3]);
      await store.removeArticles(['a3']);
      expect(await portDump(store)).toEqual(once);
    });

    it('refuses a batch with dangling facts, listing each problem, and writes none of it', async () => {
      const stray = ent('hospital:无名医院', 'hospital', '无名医院');
      const bad: ArticleFacts = {
        article: { id: 'bad', url: null, title: '坏数据', published: null, source: null },
        entities: [H.bch],
        relations: [collab(H.bch, stray, 'agreement', '2020', 0, '签约'), rel('located_in', H.bch, P.beijing, 0, '北京')],
        figures: [fig('bad-f1', '床位', 10, '张', stray, null, 0)],
      };
      const err = await store.writeArticles([A1, bad]).catch((e) => e);
      expect(err).toBeInstanceOf(GraphInputError);
      expect(err.code).toBe('GRAPH_BAD_INPUT');
      expect(err.retryable).toBe(false);
      expect(err.problems).toHaveLength(3);
      expect(err.problems.every((p: { articleId: string }) => p.articleId === 'bad')).toBe(true);
      expect((await store.stats()).articles).toBe(0);
      const dup = await store.writeArticles([A1, A1]).catch((e) => e);
      expect(dup.problems).toEqual([{ articleId: 'a1', reason: 'article appears twice in the batch' }]);
    });

    it('stores a structural link once per pair, with its support and the first article\'s evidence', async () => {
      await store.writeArticles(ALL);
      const located = async () => (await store.neighbors(H.bch.id, { types: ['LOCATED_IN'] })).edges;
      expect(await located()).toEqual([{
        type: 'LOCATED_IN', from: H.bch.id, to: P.beijing.id, kind: null, date: null, articleId: 'a1', evidence: '位于北京市的北京儿童医院',
        directed: true, sentence: 0, support: 2,
      }]);
      // The first article goes: the link stays, backed by the other, with its evidence.
      await store.removeArticles(['a1']);
      expect(await located()).toMatchObject([{ articleId: 'a3', evidence: '北京儿童医院', sentence: 2, support: 1 }]);
      expect((await store.stats()).edges.LOCATED_IN).toBe(6); // bdch → 保定市 went with a1
      // Its last article stops stating it: the link disappears, the entities stay (still mentioned).
      await store.writeArticles([{ ...A3, relations: A3.relations.filter((r) => !(r.type === 'located_in' && r.a === H.bch.id)) }]);
      expect(await located()).toEqual([]);
      expect(await store.entity(P.beijing.id)).not.toBeNull();
      expect((await store.stats()).edges.LOCATED_IN).toBe(5);
      // Stated again by a new article: back, support 1.
      await store.writeArticles([A1]);
      expect(await located()).toMatchObject([{ articleId: 'a1', support: 1 }]);
      expect((await store.shortestPath(H.bdch.id, P.hebei.id))?.edges.map((e) => [e.type, e.support])).toEqual([['LOCATED_IN', 1], ['PART_OF', 1]]);
    });

    it('walks distinct pairs: duplicate collaborations are shown a few per pair, newest first', async () => {
      const again = (i: number): ArticleFacts => ({
        article: { id: `r${String(i).padStart(2, '0')}`, url: null, title: `回访${i}`, published: `2016-01-${String(i + 1).padStart(2, '0')}`, source: null },
        entities: [H.bch, H.bdch, P.baoding],
        relations: [collab(H.bch, H.bdch, 'training', `2016-${String((i % 12) + 1).padStart(2, '0')}`, 0, `第${i}批进修`),
          rel('located_in', H.bdch, P.baoding, 1, '保定市儿童医院')],
        figures: [],
      });
      await store.writeArticles([...ALL, ...Array.from({ length: 24 }, (_, i) => again(i))]);
      expect((await store.stats()).edges.COLLABORATES).toBe(29);
      const hood = await store.neighbors(H.bch.id);
      const pair = hood.edges.filter((e) => e.type === 'COLLABORATES' && [e.from, e.to].includes(H.bdch.id));
      expect(pair.map((e) => e.date).sort().reverse()).toEqual(['2016-12', '2016-12', '2016-11']);
      expect((await store.neighbors(H.bch.id, { edgesPerPair: 5 })).edges.filter((e) => e.kind === 'training')).toHaveLength(5);
      // pairLimit: only the pairs the nodes were reached through (a star around bch) keep their edges.
      const star = await store.neighbors(H.bdch.id, { depth: 2, pairLimit: 1 });
      expect(new Set(star.edges.map((e) => [e.from, e.to].sort().join(' '))).size).toBe(star.nodes.length - 1);
      expect((await store.neighbors(H.bch.id, { edgesPerPair: 1 })).edges.filter((e) => e.type === 'COLLABORATES').length).toBe(2);
      const located = (await store.neighbors(H.bdch.id, { types: ['LOCATED_IN'] })).edges;
      expect(located).toMatchObject([{ to: P.baoding.id, support: 25, articleId: 'a1' }]);
      // With a filter, the newest edges of the pair that pass it.
      const trust = await store.neighbors(H.bch.id, { kinds: ['trusteeship'], types: ['COLLABORATES'] });
      expect(trust.edges.map((e) => e.articleId)).toEqual(['a1']);
      // Fan-out: the best supported neighbour first (bdch: 25 collaborations).
      expect((await store.neighbors(H.bch.id, { fanout: 1 })).nodes.map((n) => n.id).sort()).toEqual([H.bch.id, H.bdch.id].sort());
    });

    it('walks through places only along PART_OF unless asked for structural types', async () => {
      await store.writeArticles(ALL);
      const ids = async (q: Parameters<GraphStore['neighbors']>[1]) => (await store.neighbors(H.chifeng.id, q)).nodes.map((n) => n.id).sort();
      // 赤峰市 leads up to 内蒙古, not back to other institutions in it; bch leads on to its partners.
      expect(await ids({ depth: 2 })).toEqual([H.bch.id, H.bchBaoding.id, H.bdch.id, H.chifeng.id, P.beijing.id, P.chifeng.id, P.neimenggu.id].sort());
      expect(await ids({ depth: 2, types: ['LOCATED_IN', 'PART_OF'] })).toEqual([H.chifeng.id, P.chifeng.id, P.neimenggu.id].sort());
      // 北京市 joins bch and 北京市卫健委, but a shared place is not a connection; asked for LOCATED_IN only, it is.
      expect((await store.neighbors(H.bch.id, { depth: 2 })).nodes.map((n) => n.id)).not.toContain(O.bjhc.id);
      expect((await store.neighbors(H.bch.id, { depth: 2, types: ['LOCATED_IN'] })).nodes.map((n) => n.id)).toContain(O.bjhc.id);
      expect(await store.shortestPath(H.bch.id, O.bjhc.id)).toBeNull();
      // A place is a fine end: 北京儿童医院 → 保定市儿童医院 → 保定市 → 河北省.
      const toHebei = await store.shortestPath(H.bch.id, P.hebei.id);
      expect(toHebei?.nodes.map((n) => n.id)).toEqual([H.bch.id, H.bdch.id, P.baoding.id, P.hebei.id]);
      expect((await store.shortestPath(P.chaoyang.id, H.bch.id))?.nodes.map((n) => n.id)).toEqual([P.chaoyang.id, P.beijing.id, H.bch.id]);
    });

    it('clears everything', async () => {
      await store.writeArticles(ALL);
      await store.clear();
      const s = await store.stats();
      expect(s.articles + s.figures + Object.values(s.entities).reduce((a, b) => a + b, 0) + Object.values(s.edges).reduce((a, b) => a + b, 0)).toBe(0);
      await store.init(); // idempotent
      expect(await store.findEntities({})).toEqual([]);
    });
  });
}
