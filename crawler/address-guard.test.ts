// SSRF (issue 15 #2): the crawler never reaches loopback, private, link-local, unique-local, CGNAT or metadata
// addresses, in any spelling, through seeds, redirects, robots.txt or sitemaps, and checks the address it actually
// connects to. Host names are resolved by a stub: the only traffic goes to a local server on 127.0.0.1 that the
// allow-list lets through; every other address is refused before any connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { AddressGuard, type Resolver } from './address-guard.ts';
import { Crawler } from './crawler.ts';
import { Fetcher } from './fetcher.ts';
import { resolveCrawlOptions } from './options.ts';
import { compilePattern } from './pattern.ts';
import { SqliteFrontier } from './sqlite-frontier.ts';

let server: Server;
let port: number;
const hits: Array<{ host: string; path: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ host: req.headers.host ?? '', path: req.url ?? '' });
    const redirect = /^\/to\/(.+)$/.exec(req.url ?? '');
    if (redirect) return res.writeHead(302, { location: decodeURIComponent(redirect[1]) }).end();
    if (req.url === '/robots.txt') {
      return res.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nSitemap: http://elsewhere.test:${port}/sitemap.xml\nSitemap: http://169.254.169.254/latest/meta-data/\n`);
    }
    // Each answer closes its connection, so every request makes a new connection (and a new lookup).
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end('<html><body><p>本地测试页</p></body></html>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

/** A resolver stub: names to addresses; counts its calls. */
function stub(table: Record<string, string[] | (() => string[])>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (host: string) => {
    calls.push(host);
    const entry = table[host];
    const list = typeof entry === 'function' ? entry() : entry;
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(fn, { calls });
}

const fetcher = (guard: AddressGuard) =>
  new Fetcher({ userAgent: 'guard-test', connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, maxBodyBytes: 1 << 20, maxRedirects: 3, guard });

describe('address checks', () => {
  const guard = new AddressGuard();
  it('refuses internal addresses in every spelling the URL parser accepts', () => {
    const spellings = [
      'http://127.0.0.1/', 'http://2130706433/', 'http://127.1/', 'http://0177.0.0.1/', 'http://0x7f.0.0.1/', 'http://0x7f000001/',
      'http://017700000001/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[0:0:0:0:0:ffff:7f00:1]/', 'http://0.0.0.0/',
      'http://10.1.2.3/', 'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.0.1/', 'http://100.64.0.1/',
      'http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://[fe80::1]/', 'http://[fc00::1]/',
      'http://[::ffff:a9fe:a9fe]/', 'http://[64:ff9b::a00:1]/', 'http://224.0.0.1/',
    ];
    for (const url of spellings) expect(() => guard.checkUrl(url), url).toThrow(expect.objectContaining({ code: 'FORBIDDEN_ADDRESS' }));
    // Public literals and names pass the URL check (names are checked at connection time).
    for (const url of ['http://93.184.216.34/', 'http://[2606:4700::1]/', 'http://news.example.cn/a.html']) expect(() => guard.checkUrl(url), url).not.toThrow();
  });

  it('an explicit allow-list lets a local test site through, and only it', () => {
    const local = new AddressGuard(['127.0.0.1']);
    expect(local.reason('127.0.0.1')).toBeNull();
    expect(local.reason('::ffff:127.0.0.1')).toBeNull();
    expect(local.reason('127.0.0.2')).toBe('loopback');
    expect(local.reason('10.0.0.1')).toBe('private');
    expect(() => new AddressGuard(['not-an-ip'])).toThrow(/not an IP address/);
  });
});

describe('at the connection', () => {
  it('refuses a name that resolves to a private or metadata address, before connecting', async () => {
    const resolver = stub({ 'intranet.test': ['10.0.0.7'], 'metadata.test': ['169.254.169.254'], 'localhost': ['127.0.0.1', '::1'] });
    const f = fetcher(new AddressGuard([], resolver));
    for (const host of ['intranet.test', 'metadata.test', 'localhost']) {
      await expect(f.fetch({ url: `http://${host}:${port}/page.html`, accept: 'html' }), host).rejects.toMatchObject({ code: 'FORBIDDEN_ADDRESS', retryable: false });
    }
    expect(resolver.calls).toEqual(['intranet.test', 'metadata.test', 'localhost']);
    await f.close();
  });

  it('connects to the address the guard resolved (an allowed local site under a made-up name)', async () => {
    const f = fetcher(new AddressGuard(['127.0.0.1'], stub({ 'site.test': ['127.0.0.1'] })));
    const r = await f.fetch({ url: `http://site.test:${port}/page.html`, accept: 'html' });
    expect(r.kind).toBe('ok');
    expect(hits.at(-1)).toEqual({ host: `site.test:${port}`, path: '/page.html' });
    await f.close();
  });

  it('DNS rebinding: a name that turns private on its next resolution is refused on that connection', async () => {
    let n = 0;
    const resolver = stub({ 'rebind.test': () => (n++ === 0 ? ['127.0.0.1'] : ['10.0.0.9']) });
    const f = fetcher(new AddressGuard(['127.0.0.1'], resolver));
    expect((await f.fetch({ url: `http://rebind.test:${port}/one.html`, accept: 'html' })).kind).toBe('ok');
    await expect(f.fetch({ url: `http://rebind.test:${port}/two.html`, accept: 'html' })).rejects.toMatchObject({ code: 'FORBIDDEN_ADDRESS' });
    expect(hits.filter((h) => h.path === '/two.html')).toEqual([]);
    await f.close();
  });

  it('re-checks every redirect hop: to a metadata literal, to a rebinding name, to a mapped loopback', async () => {
    const f = fetcher(new AddressGuard(['127.0.0.1'], stub({ 'site.test': ['127.0.0.1'], 'inside.test': ['192.168.1.1'] })));
    for (const target of ['http://169.254.169.254/latest/meta-data/', `http://inside.test:${port}/x`, `http://[::ffff:7f00:2]:${port}/x`]) {
      await expect(f.fetch({ url: `http://site.test:${port}/to/${encodeURIComponent(target)}`, accept: 'html' }), target).rejects.toMatchObject({ code: 'FORBIDDEN_ADDRESS' });
    }
    expect(hits.filter((h) => h.path === '/x')).toEqual([]);
    await f.close();
  });
});

describe('the crawler', () => {
  let dir: string;
  let archive: Archive;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-guard-'));
    archive = Archive.open({ dataDir: dir });
  });
  afterAll(() => {
    archive.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses internal seeds with a clear error unless allow-listed', () => {
    for (const seed of ['http://2130706433/', 'http://[::ffff:127.0.0.1]/', 'http://127.1/', 'http://169.254.169.254/']) {
      expect(() => new Crawler(archive, { seeds: [seed] }), seed).toThrow(expect.objectContaining({ code: 'FORBIDDEN_ADDRESS' }));
    }
    expect(() => new Crawler(archive, { seeds: [`http://127.0.0.1:${port}/`], allowPrivate: ['127.0.0.1'] })).not.toThrow();
  });

  it('reads only in-scope sitemaps named by robots.txt', async () => {
    const resolver = stub({ 'site.test': ['127.0.0.1'], 'elsewhere.test': ['127.0.0.1'] });
    hits.length = 0;
    await new Crawler(archive, { seeds: [`http://site.test:${port}/start.html`], allowPrivate: ['127.0.0.1'], resolver, delayMs: 0, maxDepth: 0, contact: 'guard-test@example.invalid' }).run();
    expect(hits.filter((h) => h.host.startsWith('elsewhere.test'))).toEqual([]);
    const frontier = new SqliteFrontier(archive.db);
    await frontier.resumeRun();
    const records = await frontier.records();
    const sitemap = records.find((r) => r.url === `http://elsewhere.test:${port}/sitemap.xml`);
    expect(sitemap).toMatchObject({ outcome: 'out-of-scope', reason: expect.stringMatching(/robots\.txt Sitemap line/) });
    expect(records.find((r) => r.url.startsWith('http://169.254.169.254'))).toMatchObject({ outcome: 'out-of-scope' });
  });
});

describe('caller-supplied patterns', () => {
  it('run in linear time: (a+)+$ on a long URL answers at once', () => {
    const p = compilePattern('(a+)+$');
    expect(p.test(`http://x.test/${'a'.repeat(5000)}!`)).toBe(false);
    expect(p.test(`http://x.test/${'a'.repeat(50)}`)).toBe(true);
  });

  it('patterns RE2 cannot run in linear time are refused with a clear error', () => {
    for (const bad of ['(a)\\1', 'news(?=/2024)', '(?<!x)a']) {
      expect(() => resolveCrawlOptions({ articlePatterns: [bad] }), bad).toThrow(/articlePatterns\.0: not a pattern that runs in linear time \(RE2/);
    }
    expect(() => resolveCrawlOptions({ scope: { include: ['(a)\\1'] } })).toThrow(/scope\.include\.0/);
    expect(resolveCrawlOptions({ articlePatterns: ['/news/\\d{4}/', '\\.s?html?$'] }).articlePatterns).toHaveLength(2);
  });
});
