// Saved searches through GraphQL: list (open), save / check / delete (API key), bad input refused with a
// code, a new article reported once by a check; and search with filters alone (empty query) lists articles.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../api/index.ts';
import { extractPages, importPaths, syncGraph, syncSearch } from '../../pipeline/index.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

const KEY = 'saved-test-key-42';
const auth = { authorization: `Bearer ${KEY}` };
const NEW_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>赤峰市医院与北京天坛医院签约托管神经外科</title></head><body>
<div class="article"><h1>赤峰市医院与北京天坛医院签约托管神经外科</h1><div class="info">2031-03-02　来源：赤峰日报</div>
<div class="content"><p>3月1日，北京天坛医院与内蒙古赤峰市医院签署协议，托管赤峰市医院神经外科，天坛医院派出专家团队常驻赤峰。</p>
<p>托管后，赤峰市医院新增神经外科床位60张，当地患者无需再赴京就医。</p></div></div></body></html>`;

const LIST = `{ savedSearches { name query filters { places kinds from } feedPath alertCount alerts { seenAt hit { articleId title } } } }`;
const SAVE = `mutation($name: String!, $query: String!, $filters: SearchFilters) {
  saveSearch(name: $name, query: $query, filters: $filters) { ... on MutationSaveSearchSuccess { data { name query } } ... on MutationError { code message } } }`;
const CHECK = `mutation($name: String!) { checkSavedSearch(name: $name) { ... on MutationCheckSavedSearchSuccess { data { hits { articleId title } truncated } } ... on MutationError { code message } } }`;
const DELETE = `mutation($name: String!) { deleteSavedSearch(name: $name) { ... on MutationDeleteSavedSearchSuccess { data } ... on MutationError { code message } } }`;

let t: TestArchive;
let server: ApiServer;
beforeAll(async () => {
  t = await loadTestArchive();
  server = api(t.services, { apiKey: KEY });
});
afterAll(async () => {
  await t?.close();
});

describe('saved searches in GraphQL', () => {
  it('refuses saving without the key and keeps nothing', async () => {
    const r = await gql(server, SAVE, { name: '托管', query: '托管' });
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(server, LIST)).data?.savedSearches).toEqual([]);
  });

  it('refuses a bad name, a bad query and an empty search with a code', async () => {
    const bad = await gql(server, SAVE, { name: 'a b/c', query: '托管' }, auth);
    expect(bad.data?.saveSearch).toMatchObject({ code: 'BAD_NAME' });
    const badQuery = await gql(server, SAVE, { name: 'x', query: 'OR 托管' }, auth);
    expect(badQuery.data?.saveSearch.code).toBe('BAD_QUERY');
    const empty = await gql(server, SAVE, { name: 'x', query: '  ' }, auth);
    expect(empty.data?.saveSearch).toMatchObject({ code: 'EMPTY_QUERY' });
    expect((await gql(server, LIST)).data?.savedSearches).toEqual([]);
  });

  it('saves, lists, reports a new article once, and deletes', async () => {
    const saved = await gql(server, SAVE, { name: '内蒙古托管', query: '托管', filters: { places: ['赤峰市'], kinds: ['TRUSTEESHIP'], from: '2000' } }, auth);
    expect(saved.data?.saveSearch.data).toEqual({ name: '内蒙古托管', query: '托管' });
    const dup = await gql(server, SAVE, { name: '内蒙古托管', query: '托管' }, auth);
    expect(dup.data?.saveSearch.code).toBe('SAVED_SEARCH_EXISTS');
    let list = (await gql(server, LIST)).data?.savedSearches;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ filters: { places: ['赤峰市'], kinds: ['TRUSTEESHIP'], from: '2000' }, feedPath: `/saved/${encodeURIComponent('内蒙古托管')}/atom`, alertCount: 0, alerts: [] });
    // Nothing new yet: existing hits are the baseline.
    expect((await gql(server, CHECK, { name: '内蒙古托管' }, auth)).data?.checkSavedSearch.data.hits).toEqual([]);

    const dir = mkdtempSync(join(tmpdir(), 'kg-saved-'));
    try {
      writeFileSync(join(dir, 'chifeng.html'), NEW_PAGE);
      await importPaths(t.services.archive, [dir]);
      extractPages(t.services.archive);
      await syncGraph(t.services.archive, t.services.graph);
      await syncSearch(t.services.archive, t.services.search);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const fresh = (await gql(server, CHECK, { name: '内蒙古托管' }, auth)).data?.checkSavedSearch.data;
    expect(fresh.hits.map((h: { title: string }) => h.title)).toEqual(['赤峰市医院与北京天坛医院签约托管神经外科']);
    expect((await gql(server, CHECK, { name: '内蒙古托管' }, auth)).data?.checkSavedSearch.data.hits).toEqual([]);
    list = (await gql(server, LIST)).data?.savedSearches;
    expect(list[0].alertCount).toBe(1);
    expect(list[0].alerts[0].hit.title).toBe('赤峰市医院与北京天坛医院签约托管神经外科');

    expect((await gql(server, DELETE, { name: '内蒙古托管' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(server, DELETE, { name: '内蒙古托管' }, auth)).data?.deleteSavedSearch.data).toBe(true);
    expect((await gql(server, DELETE, { name: '内蒙古托管' }, auth)).data?.deleteSavedSearch.code).toBe('SAVED_SEARCH_NOT_FOUND');
    expect((await gql(server, LIST)).data?.savedSearches).toEqual([]);
  });
});

describe('search by filters alone', () => {
  const SEARCH = `query($q: String!, $f: SearchFilters) { search(query: $q, filters: $f, first: 50) { totalCount edges { node { title published } } } }`;
  it('lists the articles matching the filters, newest first', async () => {
    const all = (await gql(server, SEARCH, { q: '', f: { from: '2000' } })).data?.search;
    expect(all.totalCount).toBeGreaterThan(1);
    const dates = all.edges.map((e: { node: { published: string | null } }) => e.node.published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const place = (await gql(server, SEARCH, { q: ' ', f: { places: ['内蒙古自治区'] } })).data?.search;
    expect(place.totalCount).toBeGreaterThan(0);
    expect(place.totalCount).toBeLessThan(all.totalCount);
  });
  it('refuses an empty query without filters', async () => {
    const r = await gql(server, SEARCH, { q: '', f: null });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toMatch(/empty query/);
  });
});
