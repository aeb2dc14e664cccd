// startCrawl through the API against a local site on 127.0.0.1: the crawl runs in the background,
// crawlStatus reports it, and reextract + sync make the crawled article searchable.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiServer } from '../../api/index.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

const KEY = 'crawl-test-key-42';
const auth = { authorization: `Bearer ${KEY}` };
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>通辽市医院与北京安贞医院共建心血管中心</title></head><body>
<div class="article"><h1>通辽市医院与北京安贞医院共建心血管中心</h1><div class="info">2022-11-02　来源：科尔沁晚报</div>
<div class="content"><p>11月1日，北京安贞医院与内蒙古通辽市医院签署协议，合作共建心血管病诊疗中心，安贞医院派出专家团队常驻通辽。</p>
<p>中心启用后，通辽市医院新增心血管专科床位80张，当地患者无需再长途奔波赴京就医。</p>
<p>双方还将通过远程会诊平台开展疑难病例讨论，每月不少于四次。</p></div></div></body></html>`;

let t: TestArchive;
let site: Server;
let base: string;
let server: ApiServer;

beforeAll(async () => {
  t = await loadTestArchive();
  server = api(t.services, { apiKey: KEY, crawlAllowPrivate: ['127.0.0.1'] }); // the site is local
  site = createServer((req, res) => {
    if (req.url === '/news/2022/tongliao.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nAllow: /\n');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => site.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => site?.close(ok));
  await t?.close();
});

it('starts a crawl in the background, refuses a second one, and the page becomes searchable after reextract and sync', async () => {
  const START = `mutation($seeds: [String!]!) { startCrawl(seeds: $seeds, maxPages: 1, articlePatterns: ["/news/"]) {
    __typename ... on MutationStartCrawlSuccess { data { running seeds } } ... on MutationError { code message } } }`;
  const before = t.services.archive.stats().pages;
  const first = await gql(server, START, { seeds: [`${base}/news/2022/tongliao.html`] }, auth);
  expect(first.errors).toBeUndefined();
  expect(first.data!.startCrawl.data).toEqual({ running: true, seeds: [`${base}/news/2022/tongliao.html`] });
  const second = await gql(server, START, { seeds: [`${base}/news/2022/tongliao.html`] }, auth);
  expect(second.data!.startCrawl).toMatchObject({ __typename: 'OperationFailedError', code: 'CRAWL_RUNNING' });

  let status: any = null;
  for (let i = 0; i < 100; i++) {
    status = (await gql(server, `{ crawlStatus { running fetched failure outcomes { key count } } }`)).data!.crawlStatus;
    if (!status.running) break;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  expect(status).toMatchObject({ running: false, failure: null });
  expect(status.outcomes).toContainEqual({ key: 'stored', count: 1 });
  expect(t.services.archive.stats().pages).toBe(before + 1);

  const after = await gql(server, `mutation { reextract { __typename } sync { __typename } }`, {}, auth);
  expect(after.data).toEqual({ reextract: { __typename: 'MutationReextractSuccess' }, sync: { __typename: 'MutationSyncSuccess' } });
  const found = await gql(server, `{ search(query: "心血管") { totalCount edges { node { title source } } } }`);
  expect(found.data!.search.edges.map((e: any) => e.node.source)).toEqual(['科尔沁晚报']);
}, 60_000);

it('refuses startCrawl while a crawl from the command line (another process) holds the archive', async () => {
  const { spawn } = await import('node:child_process');
  const { hostname } = await import('node:os');
  const { withLease } = await import('../../archive/lease.ts');
  const db = t.services.archive.db;
  const other = spawn('sleep', ['30']);
  try {
    await withLease(db, 'crawl', async () => undefined);
    db.prepare("INSERT INTO leases (name, owner_pid, owner_host, since) VALUES ('crawl', ?, ?, ?)").run(other.pid, hostname(), new Date().toISOString());
    const r = await gql(server, `mutation($s: [String!]!) { startCrawl(seeds: $s, maxPages: 1) { __typename ... on MutationError { code message } } }`, { s: [`${base}/news/x.html`] }, auth);
    expect(r.data!.startCrawl).toMatchObject({ __typename: 'OperationFailedError', code: 'CRAWL_RUNNING', message: expect.stringContaining(`process ${other.pid}`) });
  } finally {
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
  }
  // Its owner gone, the lease no longer holds anything back.
  const again = await gql(server, `mutation($s: [String!]!) { startCrawl(seeds: $s, maxPages: 1) { __typename } }`, { s: [`${base}/news/2022/tongliao.html`] }, auth);
  expect(again.data!.startCrawl.__typename).toBe('MutationStartCrawlSuccess');
  for (let i = 0; i < 100 && (await gql(server, '{ crawlStatus { running } }')).data!.crawlStatus.running; i++) await new Promise((ok) => setTimeout(ok, 100));
}, 60_000);
