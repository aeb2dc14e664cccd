// Curation through the pipeline (what `kg entity …` runs) and through the GraphQL API behind the key, on the
// original resolution fixtures with real SQLite and the embedded graph: decisions are logged in the archive and
// survive re-extraction and `kg sync --full`; bad requests are refused with a code and record nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurationError, InstitutionRegistry } from '../../archive/registry.ts';
import { api, gql } from '../../test/api/setup.ts';
import { ALL, hospitals, loadFixtures, type Loaded } from '../../test/resolution-fixtures.ts';
import { extractPages, syncGraph, syncSearch } from '../index.ts';
import { curate } from './curation.ts';

let fx: Loaded;
beforeAll(async () => { fx = await loadFixtures(ALL); }, 60_000);
afterAll(async () => { await fx?.close(); });

const logSize = () => new InstitutionRegistry(fx.services.archive.db).curation().length;
const collab = async (a: string, b: string) =>
  (await fx.services.graph.neighbors(a, { types: ['COLLABORATES'] })).edges.filter((e) => (e.from === b || e.to === b)).length;

describe('curation', () => {
  it('splits a wrongly joined name off, merges it back, renames, retracts an edge; all survive re-extraction and sync --full', async () => {
    const split = await curate(fx.services, { action: 'split', entityId: 'hospital:北京朝阳医院', names: ['朝阳医院'], note: 'test: kept apart' });
    expect(split.articles.length).toBe(2);
    expect((await hospitals(fx.services)).filter((id) => id.includes('朝阳'))).toEqual(['hospital:北京朝阳医院', 'hospital:朝阳医院']);
    expect(new InstitutionRegistry(fx.services.archive.db).resolutionsOf(['hospital:朝阳医院'])[0].rule).toBe('curation:split');

    await curate(fx.services, { action: 'merge', from: 'hospital:朝阳医院', into: 'hospital:北京朝阳医院' });
    expect((await hospitals(fx.services)).filter((id) => id.includes('朝阳'))).toEqual(['hospital:北京朝阳医院']);
    const why = new InstitutionRegistry(fx.services.archive.db).resolutionsOf(['hospital:北京朝阳医院']);
    expect(why.find((r) => r.rawName === '朝阳医院')!.rule).toBe('curation:split > curation:merge');

    await curate(fx.services, { action: 'rename', entityId: 'hospital:北京儿童医院', name: '首都医科大学附属北京儿童医院' });
    expect((await fx.services.graph.entity('hospital:北京儿童医院'))!.name).toBe('首都医科大学附属北京儿童医院');

    // two sentences state the pair: the experts of 北医三院 seeing patients at 崇礼 and the agreement
    expect(await collab('hospital:北京大学第三医院', 'hospital:崇礼区人民医院')).toBe(2);
    const article = (await fx.services.graph.neighbors('hospital:北京大学第三医院', { types: ['COLLABORATES'] })).edges[0].articleId!;
    await curate(fx.services, { action: 'retract', articleId: article, type: 'COLLABORATES', from: 'hospital:北京大学第三医院', to: 'hospital:崇礼区人民医院' });
    expect(await collab('hospital:北京大学第三医院', 'hospital:崇礼区人民医院')).toBe(0);

    // re-extraction and a full rebuild re-apply every decision
    extractPages(fx.services.archive, { all: true });
    await syncGraph(fx.services.archive, fx.services.graph, { full: true });
    await syncSearch(fx.services.archive, fx.services.search, { full: true });
    expect((await hospitals(fx.services)).filter((id) => id.includes('朝阳'))).toEqual(['hospital:北京朝阳医院']);
    expect((await fx.services.graph.entity('hospital:北京儿童医院'))!.name).toBe('首都医科大学附属北京儿童医院');
    expect(await collab('hospital:北京大学第三医院', 'hospital:崇礼区人民医院')).toBe(0);
    expect(logSize()).toBe(4);
  });

  it('refuses bad requests with a code and records nothing', async () => {
    const before = logSize();
    const refused = async (req: unknown, code: string) => {
      const e = await curate(fx.services, req).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CurationError);
      expect((e as CurationError).code).toBe(code);
    };
    await refused({ action: 'merge', from: 'hospital:没有这家医院', into: 'hospital:北京朝阳医院' }, 'CURATION_UNKNOWN_ENTITY');
    await refused({ action: 'merge', from: 'hospital:北京朝阳医院', into: 'hospital:北京朝阳医院' }, 'CURATION_BAD_REQUEST');
    await refused({ action: 'merge', from: 'hospital:北京朝阳医院', into: 'org:北京市卫生健康委员会' }, 'CURATION_BAD_REQUEST');
    await refused({ action: 'split', entityId: 'hospital:北京朝阳医院', names: ['协和医院'] }, 'CURATION_BAD_REQUEST');
    await refused({ action: 'rename', entityId: 'hospital:北京朝阳医院', name: ' ' }, 'CURATION_BAD_REQUEST');
    await refused({ action: 'retract', articleId: 'no-such-article', type: 'COLLABORATES', from: 'hospital:北京朝阳医院', to: 'hospital:河北燕达医院' }, 'CURATION_UNKNOWN_ARTICLE');
    const article = (await fx.services.graph.neighbors('hospital:北京朝阳医院', { types: ['COLLABORATES'] })).edges[0].articleId!;
    await refused({ action: 'retract', articleId: article, type: 'COLLABORATES', from: 'hospital:北京朝阳医院', to: 'hospital:北京儿童医院' }, 'CURATION_UNKNOWN_EDGE');
    await refused({ action: 'delete', entityId: 'hospital:北京朝阳医院' }, 'CURATION_BAD_REQUEST');
    await refused({ action: 'merge', from: 'place:110000', into: 'hospital:北京朝阳医院' }, 'CURATION_BAD_REQUEST');
    expect(logSize()).toBe(before);
  });

  it('through GraphQL: refused without the key; with it, applied and shown on the entity with its reasons', async () => {
    const KEY = 'curation-key-0123456';
    const server = api(fx.services, { apiKey: KEY });
    const RENAME = `mutation { renameEntity(entityId: "hospital:北京朝阳医院", name: "首都医科大学附属北京朝阳医院", note: "official") {
      __typename ... on MutationRenameEntitySuccess { data { articlesSynced entry { action entityId payload } } } ... on MutationError { code message } } }`;
    const refused = await gql(server, RENAME);
    expect(refused.errors!.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const ok = await gql(server, RENAME, {}, { authorization: `Bearer ${KEY}` });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.renameEntity.data).toMatchObject({ articlesSynced: 2, entry: { action: 'rename', entityId: 'hospital:北京朝阳医院' } });
    const bad = await gql(server, `mutation { mergeEntities(from: "hospital:北京朝阳医院", into: "hospital:不存在") { __typename ... on MutationError { code } } }`, {}, { authorization: `Bearer ${KEY}` });
    expect(bad.data!.mergeEntities).toEqual({ __typename: 'OperationFailedError', code: 'CURATION_UNKNOWN_ENTITY' });
    const e = await gql(server, `{ entity(id: "hospital:北京朝阳医院") { name institution { location parent { name } } resolution { name rule evidence article { title } } curation { action note } } }`);
    expect(e.errors).toBeUndefined();
    expect(e.data!.entity).toMatchObject({ name: '首都医科大学附属北京朝阳医院', institution: { location: '110000', parent: null } });
    expect(e.data!.entity.resolution.map((r: any) => r.rule)).toContain('affiliation-prefix');
    expect(e.data!.entity.curation.map((c: any) => c.action)).toEqual(['split', 'merge', 'rename']);
  });

  it('through GraphQL: figures carry status, period and their institution\'s place; aggregates their facts and what they left out', async () => {
    const server = api(fx.services);
    const r = await gql(server, `{ figureAggregates(metric: "床位", place: "保定市", year: 2015, groupBy: [METRIC, PLACE, YEAR]) {
      sum count status additive facts { value subjectName place statements { status period place { name } subject { entityId } } } leftOut { code reason } } }`);
    expect(r.errors).toBeUndefined();
    const [beds] = r.data!.figureAggregates;
    expect(beds).toMatchObject({ sum: 400, count: 1, status: 'existing', additive: true, leftOut: [{ code: 'SAME_FACT' }] });
    expect(beds.facts[0]).toMatchObject({ value: 400, subjectName: '北京儿童医院保定医院', place: '保定市' });
    const parent = await gql(server, `{ entity(id: "hospital:北京儿童医院") { institution { location branches { entityId } } } }`);
    expect(parent.data!.entity.institution).toEqual({ location: '110000', branches: [{ entityId: 'hospital:北京儿童医院保定医院' }] });
    expect(beds.facts[0].statements).toEqual([1, 2].map(() => ({ status: 'existing', period: '2015', place: { name: '保定市' }, subject: { entityId: 'hospital:北京儿童医院保定医院' } })));
  });
});
