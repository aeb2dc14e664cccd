// Server behaviour: API-key mutations, error masking, CORS, GraphiQL only in development, the UI pages,
// and `serve()` answering over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../cli/commands/serve.ts';
import type { GraphStore } from '../../graph/port.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

let t: TestArchive;
beforeAll(async () => {
  t = await loadTestArchive();
});
afterAll(() => t?.close());

const KEY = 'test-key-0123456789';
const codes = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (r.errors ?? []).map((e) => e.extensions?.code);

describe('mutations behind the API key', () => {
  const SYNC = `mutation { sync { __typename ... on MutationSyncSuccess { data { target written total } } ... on MutationError { code message } } }`;

  it('refuses without a key, with a wrong key, and when the server has none', async () => {
    const server = api(t.services, { apiKey: KEY });
    for (const headers of [{}, { authorization: 'Bearer wrong-key-000000' }, { authorization: KEY }] as Array<Record<string, string>>) {
      const r = await gql(server, SYNC, {}, headers);
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
      expect(r.data ?? null).toBeNull();
    }
    const keyless = api(t.services, { apiKey: undefined });
    const r = await gql(keyless, SYNC, {}, { authorization: `Bearer ${KEY}` });
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    expect(r.errors![0].message).toMatch(/without KG_API_KEY/);
  });

  it('with the key: sync and re-extract run the pipeline; a bad crawl seed is refused', async () => {
    const server = api(t.services, { apiKey: KEY });
    const auth = { authorization: `Bearer ${KEY}` };
    const sync = await gql(server, SYNC, {}, auth);
    expect(sync.errors).toBeUndefined();
    expect(sync.data!.sync.data.map((s: any) => s.target)).toEqual(['graph', 'search']);

    const re = await gql(server, `mutation { reextract(all: true) { ... on MutationReextractSuccess { data { total ok failed } } } }`, {}, auth);
    expect(re.data!.reextract.data).toEqual({ total: 4, ok: 4, failed: 0 });
    const resync = await gql(server, SYNC, {}, auth);
    expect(resync.data!.sync.data.map((s: any) => s.written)).toEqual([4, 4]);

    const crawl = await gql(server, `mutation { startCrawl(seeds: ["javascript:alert(1)", "not a url"]) { __typename } }`, {}, auth);
    expect(codes(crawl)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('errors', () => {
  const failing = (): GraphStore =>
    new Proxy(t.services.graph, {
      get: (g, p, r) => (p === 'entity' ? async () => { throw new Error('secret detail in /srv/data/kg.sqlite'); } : Reflect.get(g, p, r)),
    });

  it('an unexpected error comes back masked outside development: no message, no stack', async () => {
    const server = api({ ...t.services, graph: failing() }, { development: false });
    const r = await gql(server, `{ entity(id: "hospital:北京儿童医院") { name } search(query: "医联体") { totalCount } }`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: ['entity'] });
    expect(r.text).not.toMatch(/secret|kg\.sqlite|stack|at .*\.ts/);
    expect(r.data!.search.totalCount).toBe(1);
  });

  it('in development the message is shown, still without a stack', async () => {
    const server = api({ ...t.services, graph: failing() }, { development: true });
    const r = await gql(server, `{ entity(id: "hospital:北京儿童医院") { name } }`);
    expect(r.errors![0].message).toContain('secret detail');
    expect(r.text).not.toMatch(/"stack"|at .*\.ts:\d+/);
  });
});

describe('CORS and GraphiQL', () => {
  const preflight = (server: ReturnType<typeof api>, origin: string) =>
    server.fetch('http://localhost/graphql', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('allows only the configured origins', async () => {
    const server = api(t.services, { corsOrigins: ['https://reports.example.org'] });
    expect((await preflight(server, 'https://reports.example.org')).headers.get('access-control-allow-origin')).toBe('https://reports.example.org');
    expect((await preflight(server, 'https://evil.example.com')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
    const closed = api(t.services, { corsOrigins: [] });
    expect((await preflight(closed, 'https://reports.example.org')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves GraphiQL in development only', async () => {
    const get = (development: boolean) => api(t.services, { development }).fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    const dev = await get(true);
    expect(dev.headers.get('content-type')).toMatch(/text\/html/);
    expect(await dev.text()).toMatch(/graphiql/i);
    const prod = await get(false);
    expect(prod.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });
});

describe('web pages', () => {
  it('serves the search page, the article page and the bundled browser code', async () => {
    const server = api(t.services, { ui: true });
    const home = await server.fetch('http://localhost/');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('/assets/app.js');
    expect((await server.fetch('http://localhost/article/a0123456789abcde')).headers.get('content-type')).toMatch(/text\/html/);
    const js = await server.fetch('http://localhost/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    // app.js holds the search page; shared code and the other pages are chunks it imports (statically or on demand).
    let code = await js.text();
    for (const chunk of new Set(code.match(/chunk-[A-Z0-9]+\.js|[a-z-]+-[A-Z0-9]{8}\.js/g) ?? [])) {
      const c = await server.fetch(`http://localhost/assets/${chunk}`);
      expect(c.status, chunk).toBe(200);
      code += await c.text();
    }
    expect(code).toContain('/graphql');
    expect(code).toContain('article(');
    expect((await server.fetch('http://localhost/assets/styles.css')).status).toBe(200);
    expect((await server.fetch('http://localhost/no/such/page')).status).toBe(404);
  });

  it('serve() answers GraphQL and pages over real HTTP on 127.0.0.1', async () => {
    const s = await serve({ services: t.services, port: 0, host: '127.0.0.1', api: { ui: true, development: false } });
    try {
      const r = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(query: "医联体") { totalCount } }' }) });
      expect(await r.json()).toEqual({ data: { search: { totalCount: 1 } } });
      expect((await fetch(`${s.url}/`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
