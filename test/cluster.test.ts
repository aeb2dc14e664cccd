// `kg start --workers 2` as a real process tree run through the tsx CLI (as `npm start` runs it): answers come
// from both workers, the crawl state is shared through the archive, a worker killed with SIGKILL is replaced
// while requests keep being answered, a sync through one worker reaches every worker's search cache, and SIGTERM stops
// everything with exit code 0 and no worker left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidAlive } from '../archive/lease.ts';
import { REPO_ROOT } from './shared.ts';

const KEY = 'cluster-test-key-42';
const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

interface Kg {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

/** `tsx cli/kg.ts ARGS` in its own process group, on this data directory. */
function kg(args: string[], dataDir: string, env: Record<string, string> = {}): Kg {
  const child = spawn(process.execPath, [TSX, 'cli/kg.ts', ...args], {
    cwd: REPO_ROOT, env: { ...process.env, KG_DATA_DIR: dataDir, KG_WORKERS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Answer {
  pid: number;
  status: number;
  body: { data?: any; errors?: unknown[] };
}

/** One GraphQL request on a new connection (the cluster hands each connection to the next worker). */
function gql(url: string, query: string, variables: Record<string, unknown> = {}, auth = false): Promise<Answer> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, {
      method: 'POST', agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(auth ? { authorization: `Bearer ${KEY}` } : {}) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ pid: Number(res.headers['x-kg-worker']), status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Asks until answers from every one of these pids have been seen; returns one answer per pid. */
async function fromEach(pids: number[], ask: () => Promise<Answer>): Promise<Map<number, Answer>> {
  const seen = new Map<number, Answer>();
  await until(`answers from workers ${pids.join(', ')}`, async () => {
    const a = await ask();
    if (pids.includes(a.pid)) seen.set(a.pid, a);
    return seen.size === pids.length ? true : undefined;
  }, 30_000);
  return seen;
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>通辽市医院与北京安贞医院共建心血管中心</title></head><body>
<div class="article"><h1>通辽市医院与北京安贞医院共建心血管中心</h1><div class="info">2022-11-02　来源：科尔沁晚报</div>
<div class="content"><p>11月1日，北京安贞医院与内蒙古通辽市医院签署协议，合作共建心血管病诊疗中心，安贞医院派出专家团队常驻通辽。</p>
<p>中心启用后，通辽市医院新增心血管专科床位80张，当地患者无需再长途奔波赴京就医。</p></div></div></body></html>`;

const START = `mutation($seeds: [String!]!) { startCrawl(seeds: $seeds, maxPages: 1, articlePatterns: ["/news/"]) {
  __typename ... on MutationStartCrawlSuccess { data { running seeds } } ... on MutationError { code } } }`;
const STATUS = '{ crawlStatus { running seeds failure outcomes { key count } } }';

describe('kg start --workers 2', () => {
  let dir: string;
  let server: Kg;
  let url: string;
  let primary: number;
  let workers: number[];
  const everyWorker = new Set<number>();
  // A news site whose pages are answered only when the test says so, so a crawl stays running meanwhile.
  let site: Server;
  let base: string;
  const held: Array<{ path: string; res: ServerResponse }> = [];
  const release = () => {
    for (const h of held.splice(0)) {
      h.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      h.res.end(PAGE);
    }
  };

  beforeAll(async () => {
    site = createServer((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('User-agent: *\nAllow: /\n');
      } else if (req.url?.startsWith('/news/')) held.push({ path: req.url, res });
      else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((ok) => site.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'kg-cluster-'));
    server = kg(['start', '--workers', '2', '--port', '0'], dir, { KG_API_KEY: KEY, KG_CRAWL_ALLOW_PRIVATE: '127.0.0.1' }); // the site is local
    const ready = await until('the ready line', () => {
      if (server.child.exitCode !== null) throw new Error(`kg start exited: ${server.err()}`);
      return /ready in .* \(pids (\d+), (\d+)\), primary pid (\d+)/.exec(server.out()) ?? undefined;
    }, 150_000);
    workers = [Number(ready[1]), Number(ready[2])];
    primary = Number(ready[3]);
    workers.forEach((p) => everyWorker.add(p));
    url = /serving GraphQL at (\S+)\/graphql/.exec(server.out())![1];
  });
  afterAll(async () => {
    release();
    if (server?.child.exitCode === null) process.kill(-server.child.pid!, 'SIGKILL');
    await new Promise((ok) => site?.close(ok));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the demo once, reports the URL once, and answers from both workers', async () => {
    expect(server.out().match(/serving GraphQL at/g)).toHaveLength(1);
    expect(server.out().match(/loading the demo archive/g)).toHaveLength(1);
    const answers = await Promise.all(Array.from({ length: 20 }, () => gql(url, '{ search(query: "医联体", first: 3) { totalCount } }')));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.data.search.totalCount).toBeGreaterThan(0);
    }
    expect(new Set(answers.map((a) => a.pid))).toEqual(new Set(workers));
  });

  it('shares the crawl state: both workers report the running crawl and refuse a second one, then report how it ended', async () => {
    const seed = `${base}/news/2022/tongliao.html`;
    const started = await gql(url, START, { seeds: [seed] }, true);
    expect(started.body.data.startCrawl).toEqual({ __typename: 'MutationStartCrawlSuccess', data: { running: true, seeds: [seed] } });
    await until('the crawler to ask for the page', () => (held.length > 0 ? true : undefined));

    for (const a of (await fromEach(workers, () => gql(url, STATUS))).values()) {
      expect(a.body.data.crawlStatus).toMatchObject({ running: true, seeds: [seed], failure: null });
    }
    for (const a of (await fromEach(workers, () => gql(url, START, { seeds: [`${base}/news/other.html`] }, true))).values()) {
      expect(a.body.data.startCrawl).toEqual({ __typename: 'OperationFailedError', code: 'CRAWL_RUNNING' });
    }

    release();
    await until('the crawl to finish', async () => ((await gql(url, STATUS)).body.data.crawlStatus.running ? undefined : true));
    for (const a of (await fromEach(workers, () => gql(url, STATUS))).values()) {
      expect(a.body.data.crawlStatus).toMatchObject({ running: false, failure: null });
      expect(a.body.data.crawlStatus.outcomes).toContainEqual({ key: 'stored', count: 1 });
    }
  });

  it('a sync made through one worker reaches the cached search answers of every worker', async () => {
    // The crawled page is stored but not extracted yet: both workers answer (and cache) "nothing", twice.
    const SEARCH = '{ search(query: "长途奔波") { totalCount } }';
    for (let i = 0; i < 2; i++) {
      for (const a of (await fromEach(workers, () => gql(url, SEARCH))).values()) expect(a.body.data.search.totalCount).toBe(0);
    }
    const synced = await gql(url, 'mutation { reextract { __typename } sync { __typename } }', {}, true);
    expect(synced.body.data).toEqual({ reextract: { __typename: 'MutationReextractSuccess' }, sync: { __typename: 'MutationSyncSuccess' } });
    for (const a of (await fromEach(workers, () => gql(url, SEARCH))).values()) expect(a.body.data.search.totalCount).toBe(1);
  });

  it('replaces a worker killed with SIGKILL while the other keeps answering, and its crawl counts as abandoned', async () => {
    const started = await gql(url, START, { seeds: [`${base}/news/2022/held.html`] }, true);
    expect(started.body.data.startCrawl.__typename).toBe('MutationStartCrawlSuccess');
    await until('the crawler to ask for the page', () => (held.length > 0 ? true : undefined));
    const victim = started.pid;
    const survivor = workers.find((p) => p !== victim)!;
    process.kill(victim, 'SIGKILL');
    await until('the primary to notice', () => (server.err().includes(`worker ${victim} was killed (SIGKILL): starting another`) ? true : undefined));

    // Every request from now on is answered, by the survivor until the replacement listens, then by both.
    const answers = await until('the replacement worker', async () => {
      const a = await gql(url, STATUS);
      expect(a.status).toBe(200);
      expect(a.body.data.crawlStatus).toMatchObject({ running: false, failure: 'ABANDONED' });
      return a.pid !== survivor ? a : undefined;
    });
    expect(answers.pid).not.toBe(victim);
    expect(pidAlive(victim)).toBe(false);
    everyWorker.add(answers.pid);
    workers = [survivor, answers.pid];
    release(); // the dead worker's request: nobody is reading it any more

    // The abandoned crawl no longer blocks: a new one starts (and ends once its page is answered).
    const again = await gql(url, START, { seeds: [`${base}/news/2022/again.html`] }, true);
    expect(again.body.data.startCrawl.__typename).toBe('MutationStartCrawlSuccess');
    await until('the crawler to ask for the page', () => (held.length > 0 ? true : undefined));
    release();
    await until('the crawl to finish', async () => ((await gql(url, STATUS)).body.data.crawlStatus.running ? undefined : true));
  });

  it('SIGTERM to the primary stops every worker and exits with code 0', async () => {
    process.kill(primary, 'SIGTERM');
    expect(await server.exited, server.err()).toBe(0);
    for (const pid of [primary, ...everyWorker]) expect(pidAlive(pid), `process ${pid}`).toBe(false);
  });
});

describe('kg serve --workers', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-cluster-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops with an error, not a restart loop, when the workers cannot listen', async () => {
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    try {
      const port = (taken.address() as AddressInfo).port;
      const run = kg(['serve', '--workers', '2', '--port', String(port)], dir);
      expect(await run.exited).toBe(1);
      expect(run.err()).toContain('EADDRINUSE');
      expect(run.err()).toMatch(/before it could serve: stopping/);
    } finally {
      await new Promise((ok) => taken.close(ok));
    }
  });

  it('refuses a worker count that is not a whole number from 1 to 64', async () => {
    const run = kg(['serve', '--workers', '0'], dir);
    expect(await run.exited).toBe(2);
    expect(run.err()).toContain('--workers must be a whole number from 1 to 64');
    const fromEnv = kg(['serve'], dir, { KG_WORKERS: 'two' });
    expect(await fromEnv.exited).toBe(2);
    expect(fromEnv.err()).toContain("KG_WORKERS must be a whole number from 1 to 64, not 'two'");
  });
});

describe('kg start while another process syncs the same archive', () => {
  it('serves what is synced so far instead of failing, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-start-lease-'));
    const other = spawn('sleep', ['60']);
    try {
      const first = kg(['start', '--workers', '1', '--port', '0'], dir);
      await until('the first start', () => (/ready in/.test(first.out()) ? true : undefined), 150_000);
      process.kill(first.child.pid!, 'SIGTERM'); // the kg command (tsx relays it once), as a service manager stops it
      expect(await first.exited).toBe(0);
      // Another process holds the graph sync lease, with articles left to sync.
      const { Archive } = await import('../archive/index.ts');
      const { withLease } = await import('../archive/lease.ts');
      const archive = Archive.open({ dataDir: dir });
      await withLease(archive.db, 'graph sync', async () => undefined);
      archive.db.prepare("INSERT INTO leases (name, owner_pid, owner_host, since) VALUES ('graph sync', ?, ?, ?)").run(other.pid, hostname(), new Date().toISOString());
      archive.resetSync('graph');
      archive.close();
      const second = kg(['start', '--workers', '1', '--port', '0'], dir);
      try {
        await until('the second start', () => {
          if (second.child.exitCode !== null) throw new Error(`kg start exited: ${second.err()}`);
          return /ready in/.test(second.out()) ? true : undefined;
        }, 150_000);
        expect(second.out()).toContain(`graph sync is already running (process ${other.pid} on ${hostname()}`);
        expect(second.out()).toContain('serving what it has synced so far');
        const url = /serving GraphQL at (\S+)\/graphql/.exec(second.out())![1];
        const a = await gql(url, '{ search(query: "医联体") { totalCount } }');
        expect(a.body.data.search.totalCount).toBeGreaterThan(0);
      } finally {
        process.kill(-second.child.pid!, 'SIGTERM');
        await second.exited;
      }
    } finally {
      other.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
