// One conformance suite for every SearchIndex adapter. Each adapter's test calls searchConformance()
// with a factory for a fresh, empty index. The documents below were written for these tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchDoc, SearchIndex, SearchQuery } from '../../search/port.ts';

export interface SearchCapabilities {
  /** The engine enforces NEAR distances (FTS5 does; Meilisearch only ranks by proximity). */
  near: boolean;
}

const doc = (d: Partial<SearchDoc> & Pick<SearchDoc, 'id' | 'title' | 'body'>): SearchDoc => ({
  url: `https://example.org/${d.id}`,
  published: null,
  source: null,
  bodyOriginal: d.body,
  places: [],
  institutions: [],
  kinds: [],
  reprintOf: null,
  ...d,
});

export const CONFORMANCE_DOCS: SearchDoc[] = [
  doc({
    id: 'bank', title: '政策性银行支持京津冀交通一体化', published: '2023-05-10', source: '河北日报',
    body: '中国农业发展银行河北省分行今年向京津冀交通项目投放贷款。\n该行表示将继续支持协同发展。',
    places: ['河北省'], institutions: ['中国农业发展银行'], kinds: ['investment'],
  }),
  doc({
    id: 'alliance', title: '北京儿童医院与保定组建医联体', published: '2024-03-01T09:30', source: '人民网',
    body: '北京儿童医院与保定市儿童医院推进紧密型医联体建设。\n专家团队每周到保定坐诊。',
    places: ['北京市', '保定市'], institutions: ['北京儿童医院', '保定市儿童医院'], kinds: ['alliance'],
  }),
  doc({
    id: 'alliance-copy', title: '北京儿童医院与保定组建医联体', published: '2024-03-02', source: '保定晚报',
    body: '北京儿童医院与保定市儿童医院推进紧密型医联体建设。\n专家团队每周到保定坐诊。',
    places: ['北京市', '保定市'], institutions: ['北京儿童医院', '保定市儿童医院'], kinds: ['alliance'], reprintOf: 'alliance',
  }),
  doc({
    id: 'jingmeng', title: '京蒙協作助力赤峰醫療', published: '2022-08-15', source: '内蒙古日报',
    body: '京蒙协作持续深化，北京专家赴赤峰开展远程会诊。', bodyOriginal: '京蒙協作持續深化，北京專家赴赤峰開展遠程會診。',
    places: ['赤峰市'], institutions: [], kinds: ['remote_consultation'],
  }),
  doc({
    id: 'pinyin', title: '协同发展十周年', published: '2024-02-27', source: '天津日报',
    body: '京津冀协同发展十周年，天津医院持续发力。', bodyOriginal: '京津冀協(xié)同發(fā)展十周年，天津醫院持續發力。',
    places: ['天津市'], institutions: [], kinds: [],
  }),
  doc({
    id: 'remote', title: '远程会诊覆盖县级医院', published: '2015-06-01', source: '健康报',
    body: '远程会诊系统已连接多家县级医院，患者在家门口就能看专家。', places: ['河北省'], kinds: ['remote_consultation'],
  }),
  doc({
    id: 'markup', title: '医院公告 <b>通知</b>', published: '2021-01-05', source: '健康报',
    body: '本院发布<b>通知</b> & 说明：门诊时间调整。',
  }),
];

const ids = (r: { hits: Array<{ id: string }> }) => r.hits.map((h) => h.id).sort();

const HOSTILE = [
  '"', '(', ')', '()', 'NEAR(', 'NEAR(医院', 'NEAR(医院 保定, 9999)', 'body:医院', 'title:医院 OR body:专家', '{title body}: 医院',
  '*', '医院*', '^医院', '医院 AND', 'AND 医院', 'OR', '医院 OR', 'NOT', '-医院', '"医院', '医院" OR "',
  "'; DROP TABLE search_docs; --", "医院' OR 1=1 --", 'x" OR "1"="1', '\\', '%', '\u0000医院', '医院 NOT (专家', 'a:b:c', '+医院',
];

export function searchConformance(name: string, makeIndex: () => Promise<SearchIndex>, caps: SearchCapabilities): void {
  describe(`SearchIndex conformance: ${name}`, () => {
    let index: SearchIndex;
    const search = (text: string, more: Partial<SearchQuery> = {}) => index.search({ text, ...more });

    beforeAll(async () => {
      index = await makeIndex();
      await index.init();
      await index.clear();
      await index.upsert(CONFORMANCE_DOCS);
    });
    afterAll(async () => {
      await index?.close();
    });

    it('counts documents, and upserting again replaces rather than duplicates', async () => {
      expect(await index.count()).toBe(CONFORMANCE_DOCS.length);
      await index.upsert([{ ...CONFORMANCE_DOCS[5], title: '远程会诊覆盖乡镇卫生院' }]);
      expect(await index.count()).toBe(CONFORMANCE_DOCS.length);
      expect((await search('乡镇卫生院')).hits.map((h) => h.id)).toEqual(['remote']);
    });

    it('finds words inside longer words (infix)', async () => {
      expect(ids(await search('农业'))).toEqual(['bank']);
      expect(ids(await search('发展银行'))).toEqual(['bank']);
      // One character matches wherever it stands, inside a word included (京津冀: 冀 ends the word).
      expect(ids(await search('冀'))).toEqual(['bank', 'pinyin']);
      expect(ids(await search('银 冀'))).toEqual(['bank']);
    });

    it('matches phrases exactly', async () => {
      expect(ids(await search('"医联体建设"'))).toEqual(['alliance']);
      expect(ids(await search('"建设医联体"'))).toEqual([]);
    });

    it('finds simplified text with traditional queries and the reverse, highlighting the original', async () => {
      expect(ids(await search('醫聯體'))).toEqual(['alliance']);
      const r = await search('京蒙协作');
      expect(ids(r)).toEqual(['jingmeng']);
      expect(r.hits[0].passages.join('')).toContain('<mark>京蒙協作</mark>');
      expect(r.hits[0].titleHighlighted).toContain('<mark>京蒙協作</mark>');
    });

    it('maps highlights onto original text whose length differs (pinyin notes)', async () => {
      const r = await search('"协同发展"');
      expect(ids(r)).toEqual(['bank', 'pinyin']);
      const p = r.hits.find((h) => h.id === 'pinyin')!.passages.join('');
      expect(p).toContain('<mark>協(xié)同發(fā)展</mark>');
    });

    it('HTML-escapes everything but the marks', async () => {
      const r = await search('通知');
      expect(ids(r)).toEqual(['markup']);
      const h = r.hits[0];
      expect(h.titleHighlighted).toBe('医院公告 &lt;b&gt;<mark>通知</mark>&lt;/b&gt;');
      expect(h.passages.join('')).toContain('&lt;b&gt;<mark>通知</mark>&lt;/b&gt; &amp; 说明');
      expect(h.passages.join('').replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    });

    it('combines words with AND (space), OR and NOT (-word)', async () => {
      expect(ids(await search('医联体 保定'))).toEqual(['alliance']);
      expect(ids(await search('医联体 农业'))).toEqual([]);
      expect(ids(await search('农业 OR 远程会诊'))).toEqual(['bank', 'jingmeng', 'remote']);
      expect(ids(await search('远程会诊 -赤峰'))).toEqual(['remote']);
      expect(ids(await search('远程会诊 NOT 赤峰'))).toEqual(['remote']);
      expect(ids(await search('(农业 OR 赤峰) 京'))).toEqual(['bank', 'jingmeng']);
    });

    it('cuts unspaced Chinese queries into words that must all appear', async () => {
      expect(ids(await search('保定专家坐诊'))).toEqual(['alliance']);
      expect(ids(await search('保定专家贷款'))).toEqual([]);
    });

    it('supports NEAR', async () => {
      expect(ids(await search('NEAR(北京 保定, 12)'))).toEqual(['alliance']);
      if (caps.near) expect(ids(await search('NEAR(赤峰 会诊, 2)'))).toEqual([]);
    });

    it('filters by source, place, institution, kind and date range', async () => {
      expect(ids(await search('医院', { filters: { source: ['健康报'] } }))).toEqual(['markup', 'remote']);
      expect(ids(await search('', { filters: { places: ['河北省'] } }))).toEqual(['bank', 'remote']);
      expect(ids(await search('', { filters: { institutions: ['中国农业发展银行'] } }))).toEqual(['bank']);
      expect(ids(await search('', { filters: { kinds: ['remote_consultation'], from: '2020' } }))).toEqual(['jingmeng']);
      expect(ids(await search('', { filters: { from: '2024-02-27', to: '2024-03' } }))).toEqual(['alliance', 'pinyin']);
      expect(ids(await search('', { filters: { source: ['人民网", "x'] } }))).toEqual([]);
    });

    it('counts facets over collapsed hits', async () => {
      const r = await search('医院', { facets: ['source', 'year', 'places'] });
      expect(r.facets.source).toEqual({ 人民网: 1, 健康报: 2, 天津日报: 1 });
      expect(r.facets.year).toEqual({ '2015': 1, '2021': 1, '2024': 2 });
      expect(r.facets.places).toEqual({ 北京市: 1, 保定市: 1, 河北省: 1, 天津市: 1 });
    });

    it('collapses reprints into the earliest copy, listing its copies', async () => {
      const r = await search('医联体');
      expect(r.total).toBe(1);
      expect(r.hits[0].id).toBe('alliance');
      expect(r.hits[0].copies).toEqual(['alliance-copy']);
      const all = await search('医联体', { collapseReprints: false });
      expect(ids(all)).toEqual(['alliance', 'alliance-copy']);
    });

    it('sorts by date and pages without overlap', async () => {
      const r = await search('', { sort: 'date', limit: 3 });
      expect(r.hits.map((h) => h.id)).toEqual(['alliance', 'pinyin', 'bank']);
      const next = await search('', { sort: 'date', limit: 3, offset: 3 });
      expect(next.hits.map((h) => h.id)).toEqual(['jingmeng', 'markup', 'remote']);
      expect(next.total).toBe(r.total);
      expect(r.total).toBe(CONFORMANCE_DOCS.length - 1);
    });

    it('ranks title matches above body-only matches', async () => {
      const r = await search('远程会诊');
      expect(r.hits[0].id).toBe('remote');
    });

    it('never loses query terms silently: a long query with one absent word finds nothing', async () => {
      const words = '北京 儿童 医院 保定 医联体 建设 专家 团队 每周 坐诊 紧密型 儿童医院 火星';
      const run = search(words).then((r) => r.hits.length, (e: { code?: string }) => e.code);
      expect([0, 'BAD_QUERY']).toContain(await run);
    });

    it('refuses bad syntax with BAD_QUERY', async () => {
      for (const q of ['"医院', '(医院', '医院)', '医院 OR', '-医院', 'NEAR(医院)', 'NEAR(医院 保定, x)']) {
        await expect(search(q), q).rejects.toMatchObject({ code: 'BAD_QUERY' });
      }
      await expect(search('医院', { filters: { from: '2024/01/01' } })).rejects.toMatchObject({ code: 'BAD_QUERY' });
      await expect(search('医院', { limit: 1000 })).rejects.toMatchObject({ code: 'BAD_QUERY' });
    });

    it('never lets hostile input reach the engine as syntax', async () => {
      for (const q of HOSTILE) {
        const outcome = await search(q).then(() => 'ok', (e: { code?: string }) => e.code ?? String(e));
        expect(['ok', 'BAD_QUERY'], q).toContain(outcome);
      }
      expect(ids(await search('body:专家'))).toEqual([]); // `body` is a word to find, not a column
      expect(ids(await search('专家:坐诊'))).toEqual(['alliance']);
      expect(await index.count()).toBe(CONFORMANCE_DOCS.length);
    });

    it('removes documents and clears', async () => {
      await index.remove(['markup', 'no-such-id']);
      expect(ids(await search('通知'))).toEqual([]);
      expect(await index.count()).toBe(CONFORMANCE_DOCS.length - 1);
      await index.clear();
      expect(await index.count()).toBe(0);
      expect((await search('医院')).total).toBe(0);
    });
  });
}
