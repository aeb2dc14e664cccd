// What an attacker could do with one anonymous request (issue 15): unbounded list arguments, synchronous work the
// timeout cannot interrupt, cross-site form posts, oversized streamed bodies, uncoded errors.
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiServer } from '../../api/index.ts';
import { DeadlineExceededError, withDeadline } from '../../archive/deadline.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

let t: TestArchive;
let server: ApiServer;
beforeAll(async () => {
  t = await loadTestArchive();
  server = api(t.services);
});
afterAll(() => t?.close());

const codes = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (r.errors ?? []).map((e) => e.extensions?.code);
const ids = (n: number) => JSON.stringify(Array.from({ length: n }, () => 'Entity:hospital:北京儿童医院'));
const AROUND = `... on Entity { neighbors(depth: 4) { nodes { name } } }`;

describe('nodes(ids:)', () => {
  it('refuses more than 100 ids, inline or in variables', async () => {
    const inline = await gql(server, `{ nodes(ids: ${ids(101)}) { id } }`);
    expect(codes(inline)).toEqual(['BAD_USER_INPUT']);
    expect(inline.errors![0].message).toMatch(/101 values, over the limit of 100/);
    // The audit's request: 1,500 ids in variables (a 35 kB body) with a depth-4 walk under each.
    const vars = await gql(server, `query($ids: [ID!]!) { nodes(ids: $ids) { id ${AROUND} } }`, { ids: JSON.parse(ids(1500)) });
    expect(codes(vars)).toEqual(['BAD_USER_INPUT']);
    expect(vars.data).toBeUndefined();
    const enumList = await gql(server, `{ entity(id: "hospital:北京儿童医院") { neighbors(kinds: [${Array(200).fill('TRUSTEESHIP').join(',')}]) { nodes { name } } } }`);
    expect(codes(enumList)).toEqual(['BAD_USER_INPUT']);
  });

  it('costs each id with its whole sub-selection', async () => {
    const few = await gql(server, `{ nodes(ids: ${ids(2)}) { id ${AROUND} } }`);
    expect(few.errors).toBeUndefined();
    expect(few.data!.nodes).toHaveLength(2);
    const many = await gql(server, `{ nodes(ids: ${ids(100)}) { id ${AROUND} } }`);
    expect(codes(many)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(many.data).toBeUndefined();
  });

  it('cuts synchronous graph work at the deadline, so TIMEOUT fires', async () => {
    // The real store, with each neighbourhood walk made 5 ms of synchronous CPU (a big embedded graph does that):
    // 100 of them never yield to the event loop, so only a deadline checked inside the walk can stop them.
    const busyGraph = new Proxy(t.services.graph, {
      get: (g, p, r) => (p === 'neighbors' ? (...a: Parameters<typeof g.neighbors>) => {
        const until = Date.now() + 5;
        while (Date.now() < until);
        return g.neighbors(...a);
      } : Reflect.get(g, p, r)),
    });
    const busy = api({ ...t.services, graph: busyGraph }, { limits: { timeoutMs: 50, maxComplexity: 10_000_000 } });
    const r = await gql(busy, `{ nodes(ids: ${ids(100)}) { id ${AROUND} } }`);
    expect(codes(r)).toContain('TIMEOUT');
    expect(codes(r)).not.toContain('INTERNAL_SERVER_ERROR');
    const ok = await gql(busy, `{ search(query: "医联体") { totalCount } }`);
    expect(ok.data?.search.totalCount).toBe(1);
  });

  it('a walk started after its deadline stops with a coded error', async () => {
    const late = withDeadline(1, async () => {
      const until = Date.now() + 3;
      while (Date.now() < until);
      return t.services.graph.neighbors('hospital:北京儿童医院', { depth: 4 });
    });
    await expect(late).rejects.toBeInstanceOf(DeadlineExceededError);
    await expect(late).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED' });
  });
});

describe('no cross-site requests', () => {
  const post = (type: string, body: string) => server.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': type }, body });

  it('refuses form-encoded, multipart and text/plain POSTs', async () => {
    const q = '{ stats { searchDocuments } }';
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent(q)}`],
      ['text/plain', JSON.stringify({ query: q })],
      ['multipart/form-data; boundary=x', `--x\r\ncontent-disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: q })}\r\n--x--\r\n`],
      ['application/graphql', q],
    ]) {
      const res = await post(type, body);
      expect(res.status, type).toBe(415);
      const json = (await res.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
      expect(json.data, type).toBeUndefined();
      expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
    }
    expect((await post('application/json', JSON.stringify({ query: q }))).status).toBe(200);
  });

  it('answers queries over GET but refuses mutations over GET', async () => {
    const get = (q: string) => server.fetch(`http://localhost/graphql?query=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
    const query = await get('{ stats { searchDocuments } }');
    expect(query.status).toBe(200);
    expect(((await query.json()) as { data: { stats: { searchDocuments: number } } }).data.stats.searchDocuments).toBeGreaterThan(0);
    const mutation = await get('mutation { sync { __typename } }');
    expect(mutation.status).toBe(405);
  });
});

describe('startCrawl', () => {
  const KEY = 'security-test-key';
  const start = (seeds: string[], articlePatterns: string[] = []) =>
    gql(api(t.services, { apiKey: KEY, crawlAllowPrivate: [] }), `mutation($s: [String!]!, $p: [String!]) { startCrawl(seeds: $s, maxPages: 1, articlePatterns: $p) {
      __typename ... on MutationError { code message } } }`, { s: seeds, p: articlePatterns }, { authorization: `Bearer ${KEY}` });

  it('refuses internal seeds in every spelling, by default', async () => {
    for (const seed of ['http://2130706433/', 'http://[::ffff:127.0.0.1]/', 'http://127.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:4000/']) {
      const r = await start([seed]);
      expect(r.data!.startCrawl, seed).toMatchObject({ __typename: 'OperationFailedError', code: 'FORBIDDEN_ADDRESS' });
    }
  });

  it('refuses patterns that cannot run in linear time', async () => {
    const r = await start(['http://news.example.invalid/'], ['(a)\\1']);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].message).toMatch(/linear time \(RE2/);
  });
});

describe('errors and bodies', () => {
  it('refuses a chunked body over 100 kB by the bytes it streams, not its Content-Length', async () => {
    const http = createServer(api(t.services));
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
    try {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: (http.address() as AddressInfo).port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', (e) => (/EPIPE|ECONNRESET/.test(String((e as NodeJS.ErrnoException).code)) ? undefined : reject(e)));
        expect(req.getHeader('content-length')).toBeUndefined(); // Transfer-Encoding: chunked
        req.write('{"query":"{ stats { searchDocuments } }","variables":{"pad":"');
        const chunk = 'x'.repeat(64 * 1024);
        let sent = 0;
        const more = () => {
          while (sent < 12 * 1024 * 1024) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', more);
          }
          req.end('"}}');
        };
        more();
      });
      expect(status).toBe(413);
      expect(body).not.toContain('searchDocuments');
    } finally {
      http.closeAllConnections();
      await new Promise<void>((ok) => http.close(() => ok()));
    }
  });

  it('a bad search query logs one line, no stack', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const r = await gql(server, `{ search(query: "NEAR(") { totalCount } }`);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      const lines = [...error.mock.calls, ...warn.mock.calls];
      expect(lines).toHaveLength(1);
      expect(lines[0]).toHaveLength(1);
      expect(lines[0][0]).toMatch(/^BadQueryError BAD_QUERY: NEAR\( at character 1 is never closed$/);
    } finally {
      error.mockRestore();
      warn.mockRestore();
    }
  });

  it('a global id of an unknown type is coded bad input', async () => {
    const r = await gql(server, `{ node(id: "Foo:x") { id } }`);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].message).toMatch(/no node type "Foo"/);
    const list = await gql(server, `{ nodes(ids: ["Entity:hospital:北京儿童医院", "Bar:y"]) { id } }`);
    expect(codes(list)).toEqual(['BAD_USER_INPUT']);
  });
});
