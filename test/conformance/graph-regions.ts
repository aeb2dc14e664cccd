// Regions as collaboration parties (issue 13): a place node can be an end of COLLABORATES, directed where the
// text says who helps. Every GraphStore adapter runs this suite beside graphConformance.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleFacts, GraphStore } from '../../graph/port.ts';
import { sortEdges } from '../../graph/queries.ts';
import { collab, ent, H, O, P, rel } from './graph-facts.ts';

const xiongan = ent('place:133100', 'place', '雄安新区', { code: '133100', level: 'city' });
const teams = ent('project:组团式医疗支援', 'project', '组团式医疗支援', { aliases: ['组团式支援'] });

/** 北京市 helps 雄安新区; 北京市 and 河北省 sign; the Beijing commission signs with 河北省 too. */
export const REGIONS: ArticleFacts = {
  article: { id: 'r1', url: 'https://news.example.cn/r1.html', title: '北京市与河北省签署协议', published: '2023-05-06', source: '示例日报' },
  entities: [P.beijing, P.hebei, xiongan, O.bjhc, H.bdch, P.baoding, teams],
  relations: [
    collab(P.beijing, P.hebei, 'agreement', '2023-05-06', 0, '北京市与河北省签署卫生健康协同发展协议', false),
    collab(P.beijing, xiongan, 'assistance', '2023-05-06', 1, '北京市通过“组团式”支援对口帮扶雄安新区医疗卫生机构'),
    collab(O.bjhc, P.hebei, 'agreement', '2023-05-06', 2, '北京市卫健委与河北省签署合作备忘录', false),
    rel('part_of', xiongan, P.hebei, 1, '河北雄安新区'),
    rel('located_in', O.bjhc, P.beijing, 2, '北京市卫健委'),
    rel('located_in', H.bdch, P.baoding, 3, '保定市儿童医院'),
    rel('part_of', P.baoding, P.hebei, 3, '河北省保定市'),
  ],
  figures: [],
};

export function regionPartyConformance(name: string, makeStore: () => Promise<GraphStore>): void {
  describe(`GraphStore regions as parties: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => { store = await makeStore(); });
    afterAll(async () => { await store?.close(); });
    beforeEach(async () => { await store.clear(); await store.writeArticles([REGIONS]); });

    it('stores collaborations whose ends are places, with their direction', async () => {
      const n = await store.neighbors(P.beijing.id, { types: ['COLLABORATES'] });
      const edges = n.edges.filter((e) => e.type === 'COLLABORATES');
      expect(edges.map((e) => [e.from, e.to, e.kind, e.directed]).sort()).toEqual([
        [P.beijing.id, P.hebei.id, 'agreement', false],
        [P.beijing.id, xiongan.id, 'assistance', true],
      ].sort());
      expect(n.nodes.map((x) => x.id)).toEqual(expect.arrayContaining([P.hebei.id, xiongan.id]));
    });

    it('keeps region parties in the network between two places', async () => {
      const net = await store.collaborations({ placeA: '北京市', placeB: '河北省' });
      const pairs = net.edges.map((e) => [e.from, e.to].sort().join('|')).sort();
      expect(pairs).toEqual([
        [O.bjhc.id, P.hebei.id].sort().join('|'),
        [P.beijing.id, P.hebei.id].sort().join('|'),
        [P.beijing.id, xiongan.id].sort().join('|'),
      ].sort());
      expect(net.nodes.find((x) => x.id === xiongan.id)?.type).toBe('place');
    });

    it('lists the collaborations that happen under a programme, by any of its names', async () => {
      for (const name of ['组团式支援', '组团式医疗支援', teams.id]) {
        const net = await store.collaborations({ project: name });
        expect(net.edges.map((e) => [e.from, e.to])).toEqual([[P.beijing.id, xiongan.id]]);
      }
      expect((await store.collaborations({ project: '京蒙协作' })).edges).toEqual([]);
      expect((await store.collaborations({ project: '北京市' })).edges).toEqual([]); // a place is no programme
    });

    it('finds institutions of a province that no article names, by the place codes under it', async () => {
      // 南京市玄武区 helps 贵州省毕节市七星关区: neither province is named, and no PART_OF link reaches one
      const xuanwu = ent('place:320102', 'place', '玄武区', { code: '320102', level: 'county' });
      const qixingguan = ent('place:520502', 'place', '七星关区', { code: '520502', level: 'county' });
      const a = ent('hospital:南京市玄武区人民医院', 'hospital', '南京市玄武区人民医院');
      const b = ent('hospital:七星关区人民医院', 'hospital', '七星关区人民医院');
      await store.writeArticles([{
        article: { id: 'r2', url: 'https://news.example.cn/r2.html', title: '玄武区人民医院帮扶七星关区', published: '2024-03-01', source: '示例日报' },
        entities: [xuanwu, qixingguan, a, b],
        relations: [
          rel('located_in', a, xuanwu, 0, '南京市玄武区人民医院'),
          rel('located_in', b, qixingguan, 0, '七星关区人民医院'),
          collab(a, b, 'assistance', '2024-03-01', 0, '南京市玄武区人民医院对口帮扶七星关区人民医院'),
        ],
        figures: [],
      }]);
      for (const [placeA, placeB] of [['320000', '520000'], ['江苏省', '贵州'], ['320100', '520502']]) {
        const net = await store.collaborations({ placeA, placeB });
        expect(net.edges.map((e) => [e.from, e.to]), `${placeA} – ${placeB}`).toEqual([[a.id, b.id]]);
      }
      expect((await store.collaborations({ placeA: '330000' })).edges).toEqual([]);
    });

    it("gives a region's and the whole network's first edges as the first of the whole answer, over many pairs both ways", async () => {
      // 40 county hospitals of 石家庄市 with 3 Beijing partners: 120 pairs, 240 directions (several reads of
      // pairs), each pair stated by two articles, one of them in the other direction; kinds alternate.
      const county = Array.from({ length: 40 }, (_, i) => ent(`hospital:县医院${String(i).padStart(2, '0')}`, 'hospital', `第${i}县医院`));
      const partners = [H.bch, H.chaoyang, ent('hospital:北京天坛医院', 'hospital', '北京天坛医院')];
      const articles: ArticleFacts[] = [0, 1].map((k) => ({
        article: { id: `w${k}`, url: `https://news.example.cn/w${k}.html`, title: `帮扶第${k}批`, published: `202${k}-06-01`, source: '示例日报' },
        entities: [P.shijiazhuang, ...county, ...partners],
        relations: [
          ...county.map((c, i) => rel('located_in', c, P.shijiazhuang, i, `石家庄市${c.name}`)),
          ...county.flatMap((c, i) => partners.map((b, j) => {
            const n = 40 + i * 3 + j;
            const kind = (i + j) % 2 ? 'assistance' : 'training';
            return k === 0 ? collab(b, c, kind, '2020-06-01', n, `${b.name}帮扶${c.name}`) : collab(c, b, kind, '2021-06-01', n, `${c.name}派人到${b.name}进修`);
          })),
        ],
        figures: [],
      }));
      await store.writeArticles(articles);
      const all = (await store.collaborations({ placeA: '石家庄市', limit: 10_000 })).edges;
      expect(all).toHaveLength(240);
      expect(sortEdges(all)).toEqual(all);
      for (const limit of [1, 7, 65, 130, 239]) expect((await store.collaborations({ placeA: '石家庄市', limit })).edges).toEqual(all.slice(0, limit));
      const training = all.filter((e) => e.kind === 'training');
      expect((await store.collaborations({ placeA: '130100', kinds: ['training'], limit: 70 })).edges).toEqual(training.slice(0, 70));
      expect((await store.collaborations({ placeA: '石家庄市', from: '2021', limit: 100 })).edges).toEqual(all.filter((e) => e.date! >= '2021').slice(0, 100));
      // The whole network the same way (REGIONS' three collaborations besides).
      const whole = (await store.collaborations({ limit: 10_000 })).edges;
      expect([whole.length, sortEdges(whole)]).toEqual([243, whole]);
      for (const limit of [1, 65, 200]) expect((await store.collaborations({ limit })).edges).toEqual(whole.slice(0, limit));
      expect((await store.collaborations({ kinds: ['training'], limit: 30 })).edges).toEqual(whole.filter((e) => e.kind === 'training').slice(0, 30));
    });
  });
}
