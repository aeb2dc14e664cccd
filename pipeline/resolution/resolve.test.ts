// Archive-wide resolution through the real pipeline (import → extract → sync) on original fixtures, real SQLite,
// the embedded graph and search index; and the same canonical ids in a real Neo4j.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.ts';
import { Resolver } from './resolve.ts';
import { InstitutionRegistry } from '../../archive/registry.ts';
import { syncGraph } from '../index.ts';
import { addFixtures, ALL, hospitals, loadFixtures, type Loaded } from '../../test/resolution-fixtures.ts';

let loaded: Loaded | null = null;
afterEach(async () => {
  await loaded?.close();
  loaded = null;
});

describe('archive-wide institution resolution', () => {
  it('joins a university prefix, a name without its city and the full name into one institution, saying why', async () => {
    loaded = await loadFixtures(ALL);
    const { graph, archive } = loaded.services;
    const ids = await hospitals(loaded.services);
    expect(ids.filter((id) => id.includes('朝阳医院'))).toEqual(['hospital:北京朝阳医院']);
    expect(ids.filter((id) => id.includes('北京儿童医院'))).toEqual(['hospital:北京儿童医院', 'hospital:北京儿童医院保定医院']);
    const chaoyang = await graph.entity('hospital:北京朝阳医院');
    expect(chaoyang).toMatchObject({ name: '北京朝阳医院', articleCount: 2 });
    expect(chaoyang!.aliases).toEqual(expect.arrayContaining(['朝阳医院', '首都医科大学附属北京朝阳医院']));
    const why = new InstitutionRegistry(archive.db).resolutionsOf(['hospital:北京朝阳医院']);
    expect(why.map((r) => [r.rawName, r.rule])).toEqual([['朝阳医院', 'city-prefix-dropped'], ['首都医科大学附属北京朝阳医院', 'affiliation-prefix']]);
    expect(why[0].evidence).toContain('北京');
    // the 托管 stated under the long name is on the short name's page
    const around = await graph.neighbors('hospital:北京儿童医院', { types: ['COLLABORATES'] });
    expect(around.edges.some((e) => e.kind === 'trusteeship' && e.to === 'hospital:北京儿童医院保定医院')).toBe(true);
  });

  it('joins a prefecture-level city written without 市, with or without its province, to the full name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-city-'));
    const archive = Archive.open({ dataDir: dir });
    try {
      const resolver = new Resolver(archive);
      const forms = ['邯郸第三医院', '邯郸市第三医院', '河北省邯郸第三医院', '河北邯郸市第三医院'].map((n) => resolver.resolveName(n, 'hospital', new Set()));
      expect(forms.map((r) => r.id)).toEqual(Array(4).fill('hospital:邯郸市第三医院'));
      expect(forms[0].steps.map((s) => s.rule)).toEqual(['city-full-name']);
      expect(forms[2].steps.map((s) => s.rule)).toEqual(['wider-place-prefix', 'city-full-name']);
      expect(resolver.resolveName('天津第三中心医院', 'hospital', new Set()).id).toBe('hospital:天津第三中心医院');
    } finally {
      archive.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a later article joins what is already there without a rebuild, in either order', async () => {
    loaded = await loadFixtures(['r01.html']);
    expect((await hospitals(loaded.services)).filter((id) => id.includes('朝阳'))).toEqual(['hospital:朝阳医院']);
    // the full name arrives: the earlier article's short name joins it on the same incremental sync
    await addFixtures(loaded.services, loaded.dir, ['r02.html']);
    expect((await hospitals(loaded.services)).filter((id) => id.includes('朝阳'))).toEqual(['hospital:北京朝阳医院']);
    expect((await loaded.services.graph.entity('hospital:北京朝阳医院'))!.articleCount).toBe(2);
    const hits = await loaded.services.search.search({ text: '医院', filters: { institutions: ['北京朝阳医院'] }, collapseReprints: false });
    expect(hits.total).toBe(2);
  });

  it('places a branch where it is, not where its parent is, and links it to its parent', async () => {
    loaded = await loadFixtures(['r03.html', 'r05.html']);
    const { graph, archive } = loaded.services;
    const located = async (id: string) => (await graph.neighbors(id, { types: ['LOCATED_IN'] })).edges.filter((e) => e.from === id).map((e) => e.to);
    expect(await located('hospital:北京大学肿瘤医院内蒙古医院')).toEqual(['place:150000']);
    expect(await located('hospital:北京儿童医院保定医院')).toEqual(['place:130600']);
    expect(await located('hospital:北京儿童医院')).toEqual(['place:110000']);
    const branch = (await graph.neighbors('hospital:北京大学肿瘤医院内蒙古医院', { types: ['BRANCH_OF'] })).edges.map((e) => [e.from, e.to]);
    expect(branch).toEqual([['hospital:北京大学肿瘤医院内蒙古医院', 'hospital:北京大学肿瘤医院']]);
    const registry = new InstitutionRegistry(archive.db);
    expect(registry.get('hospital:北京儿童医院保定医院')).toMatchObject({ location: '130600', parent: 'hospital:北京儿童医院' });
    expect(registry.get('hospital:北京大学肿瘤医院内蒙古医院')).toMatchObject({ location: '150000', parent: 'hospital:北京大学肿瘤医院' });
  });

  it('joins the four forms a cross-article check found split, and keeps apart what only looks alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-resolve-names-'));
    const archive = Archive.open({ dataDir: dir });
    try {
      const resolver = new Resolver(archive);
      resolver.registry.upsert({ id: 'hospital:北京朝阳医院', type: 'hospital', name: '北京朝阳医院', location: '110000', parent: null });
      const id = (name: string, places: string[] = []) => resolver.resolveName(name, 'hospital', new Set(places)).id;
      expect(id('首都医科大学附属北京口腔医院')).toBe(id('北京口腔医院'));
      expect(id('世纪坛医院')).toBe(id('北京世纪坛医院'));
      expect(id('燕达医院')).toBe(id('河北燕达医院'));
      expect(id('朝阳医院', ['110000'])).toBe('hospital:北京朝阳医院');
      // without Beijing in the story, 朝阳医院 may be 朝阳市's: left alone
      expect(id('朝阳医院', ['210000', '211300'])).toBe('hospital:朝阳医院');
      expect(id('雄安宣武医院')).not.toBe(id('宣武医院'));
      expect(id('北京大学肿瘤医院内蒙古医院')).not.toBe(id('北京大学肿瘤医院'));
    } finally {
      archive.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('kg sync --full rebuilds the same entities', async () => {
    loaded = await loadFixtures(ALL);
    const before = await hospitals(loaded.services);
    await syncGraph(loaded.services.archive, loaded.services.graph, { full: true });
    expect(await hospitals(loaded.services)).toEqual(before);
  });
});
