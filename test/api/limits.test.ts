// Hostile and malformed requests are refused with a clear, coded error, and the server keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../api/index.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

let t: TestArchive;
let server: ApiServer;
beforeAll(async () => {
  t = await loadTestArchive();
  server = api(t.services);
});
afterAll(() => t?.close());

const codes = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (r.errors ?? []).map((e) => e.extensions?.code);

/** The server still answers an ordinary query correctly. */
async function stillAnswers(): Promise<void> {
  const r = await gql(server, `{ search(query: "医联体") { totalCount } }`);
  expect(r.data?.search.totalCount).toBe(1);
}

describe('query shape limits', () => {
  it('refuses deep nesting before running anything', async () => {
    let q = 'name';
    for (let i = 0; i < 10; i++) q = `neighbors { nodes { ${q} } }`;
    const r = await gql(server, `{ entity(id: "hospital:北京儿童医院") { ${q} } }`);
    expect(r.data).toBeUndefined();
    expect(codes(r)).toContain('QUERY_TOO_DEEP');
    expect(r.errors![0].message).toMatch(/depth \d+ is over the limit of 12/);
    await stillAnswers();
  });

  it('prices each request by its own variables, even when the document was seen before', async () => {
    const q = `query($a: Int, $b: Int) { entities(first: $a) { edges { node { articles(first: $b) { edges { node { title entities { name } } } } } } } }`;
    const cheap = await gql(server, q, { a: 2, b: 2 });
    expect(cheap.errors).toBeUndefined();
    const costly = await gql(server, q, { a: 100, b: 100 });
    expect(codes(costly)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(costly.data).toBeUndefined();
    await stillAnswers();
  });

  it('prices the operation that runs, through its fragments; bad variables are refused before any cost', async () => {
    const doc = `
      fragment Deep on Entity { articles(first: $b) { edges { node { title entities { name } } } } }
      query Costly($a: Int, $b: Int) { entities(first: $a) { edges { node { ...Deep } } } }
      query Cheap { stats { searchDocuments } }`;
    const run = async (operationName: string, variables: Record<string, unknown>) => {
      const res = await server.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query: doc, variables, operationName }) });
      return (await res.json()) as { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    };
    const cheap = await run('Cheap', { a: 100, b: 100 });
    expect(cheap.errors).toBeUndefined();
    expect(cheap.data?.stats.searchDocuments).toBeGreaterThan(0);
    const costly = await run('Costly', { a: 100, b: 100 });
    expect(codes(costly)).toEqual(['QUERY_TOO_COMPLEX']);
    const bad = await run('Costly', { a: 'many' });
    expect(bad.data).toBeUndefined();
    expect(bad.errors![0].message).toMatch(/\$a/);
    expect(codes(bad)).not.toContain('INTERNAL_SERVER_ERROR');
    await stillAnswers();
  });

  it('refuses a huge alias fan-out', async () => {
    const aliases = Array.from({ length: 400 }, (_, i) => `a${i}: stats { searchDocuments }`).join(' ');
    const r = await gql(server, `{ ${aliases} }`);
    expect(r.data).toBeUndefined();
    expect(codes(r)).toContain('QUERY_TOO_BROAD');
    await stillAnswers();
  });

  it('refuses documents over the token and size limits', async () => {
    const r = await gql(server, `{ ${'x '.repeat(5000)}}`);
    expect(codes(r)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(r.errors![0].message).toMatch(/4000 tokens/);
    const big = await gql(server, `{ __typename } # ${'x'.repeat(30_000)}`);
    expect(codes(big)).toContain('QUERY_TOO_LARGE');
    const body = await server.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(200_000) }) });
    expect(body.status).toBe(413);
    await stillAnswers();
  });

  it('refuses a 10,000-item page with the page-size rule, for every paged field', async () => {
    for (const q of [
      `{ search(query: "医院", first: 10000) { totalCount } }`,
      `{ entities(first: 10000) { edges { node { name } } } }`,
      `{ articles(first: 10000) { edges { node { title } } } }`,
      `{ entity(id: "hospital:北京儿童医院") { articles(first: 10000) { totalCount } } }`,
      `{ figures(first: 10000) { text } }`,
      `{ collaborations(first: 10000) { kind } }`,
      `{ network(limit: 100000) { nodes { name } } }`,
    ]) {
      const r = await gql(server, q);
      expect(codes(r), q).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message, q).toMatch(/at most|100/);
    }
    await stillAnswers();
  });

  it('answers TIMEOUT when a query outlives its budget, and keeps serving', async () => {
    // A real store behind a slow link: neighbours take 300 ms, the budget is 50 ms.
    const slowGraph = new Proxy(t.services.graph, {
      get: (g, p, r) => (p === 'neighbors' ? async (...a: Parameters<typeof g.neighbors>) => (await new Promise((ok) => setTimeout(ok, 300)), g.neighbors(...a)) : Reflect.get(g, p, r)),
    });
    const slow = api({ ...t.services, graph: slowGraph }, { limits: { timeoutMs: 50 } });
    const r = await gql(slow, `{ entity(id: "hospital:北京儿童医院") { neighbors { nodes { name } } } }`);
    expect(codes(r)).toEqual(['TIMEOUT']);
    const ok = await gql(slow, `{ search(query: "医联体") { totalCount } }`);
    expect(ok.data?.search.totalCount).toBe(1);
  });
});

describe('malformed input', () => {
  it('syntax errors, unknown fields, wrong types and bad cursors get clear errors', async () => {
    const syntax = await gql(server, `{ search(query: "医联体" { totalCount }`);
    expect(codes(syntax)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(syntax.errors![0].message).toMatch(/Syntax Error/);
    const unknown = await gql(server, `{ nope }`);
    expect(unknown.errors![0].message).toMatch(/nope/);
    const wrongType = await gql(server, `query($n: Int) { search(query: "a", first: $n) { totalCount } }`, { n: 'ten' });
    expect(wrongType.errors![0].message).toMatch(/Int/);
    const cursor = await gql(server, `{ search(query: "医院", after: "not-a-cursor") { totalCount } }`);
    expect(codes(cursor)).toEqual(['BAD_USER_INPUT']);
    const empty = await gql(server, `{ search(query: "   ") { totalCount } }`);
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    const date = await gql(server, `{ search(query: "医院", filters: { from: "yesterday" }) { totalCount } }`);
    expect(codes(date)).toEqual(['BAD_USER_INPUT']);
    const notJson = await server.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(notJson.status).toBe(400);
    await stillAnswers();
  });

  const HOSTILE = [
    `'; DROP TABLE articles; --`,
    `" OR 1=1 --`,
    `医联体" OR "`,
    `NEAR(医联体`,
    `*`,
    `医联体 AND`,
    `) OR (`,
    `<script>alert(1)</script>`,
    `{{7*7}}`,
    `\u0000\u0001`,
    `MATCH (n) DETACH DELETE n`,
    `${'医'.repeat(299)}`,
  ];

  it('injection strings in every argument are answered or refused cleanly, never an internal error', async () => {
    const fields = (v: string) => {
      const s = JSON.stringify(v);
      return [
        `{ search(query: ${s}, filters: { source: [${s}], places: [${s}], institutions: [${s}] }) { totalCount edges { node { passages } } } }`,
        `{ entities(name: ${s}, first: 5) { edges { node { name } } } }`,
        `{ entity(id: ${s}) { name } }`,
        `{ article(id: ${s}) { title } }`,
        `{ node(id: ${s}) { id } }`,
        `{ path(from: ${s}, to: ${s}) { length } }`,
        `{ network(placeA: ${s}, placeB: ${s}) { nodes { name } } }`,
        `{ collaborations(placeA: ${s}) { kind } }`,
        `{ figures(metric: ${s}, entityId: ${s}, articleId: ${s}) { text } }`,
        `{ figureAggregates(metric: ${s}, place: ${s}, institution: ${s}) { sum } }`,
        `{ timeline(entityId: ${s}) { text } }`,
      ];
    };
    for (const v of HOSTILE) {
      for (const q of fields(v)) {
        const r = await gql(server, q);
        expect(r.status, q).toBeLessThan(500);
        const c = codes(r);
        expect(c, `${q} → ${JSON.stringify(r.errors)}`).not.toContain('INTERNAL_SERVER_ERROR');
        for (const code of c) expect(['BAD_USER_INPUT', 'NOT_FOUND'], q).toContain(code);
        if (r.data?.search) for (const e of r.data.search.edges) for (const p of e.node.passages) expect(p).not.toContain('<script>');
      }
    }
    expect(t.services.archive.stats().articles.ok).toBe(4);
    await stillAnswers();
  });
});
