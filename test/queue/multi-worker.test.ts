// Three `kg worker` processes crawl two local sites into one PostgreSQL archive through one Redis queue. One
// worker is killed with SIGKILL while the site holds its request open; its job goes back to the queue when its
// lock lapses and another worker completes it. Checked: every page stored once and fetched once (the killed
// request aside), every URL has an outcome, and on each host no two requests overlapped and request starts kept
// the crawl delay, whichever workers sent them.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../archive/index.ts';
import { PostgresArchive } from '../../archive/postgres.ts';
import { pullArchive } from '../../pipeline/pull.ts';
import { connectRedis, crawlJobId, openQueues, waitForRun, type JobQueues, type RunStatus } from '../../queue/index.ts';
import { startMultiSite, type MultiSite } from '../fixtures/multi-site.ts';
import { freshDatabase, PG_SKIP_MESSAGE, TEST_PG_URL } from '../postgres.ts';
import { REDIS_SKIP_MESSAGE, TEST_REDIS_URL, testPrefix } from '../redis.ts';
import { REPO_ROOT } from '../shared.ts';

const ARTICLES = 6;
const CRAWL_DELAY_MS = 500;
const HELD = '/a/3.html';
const ARRIVAL_JITTER_MS = 150;

const kg = (args: string[]) => [process.execPath, ['--import', 'tsx', 'cli/kg.ts', ...args]] as const;

function startWorker(redisUrl: string, archive: string, prefix: string): Promise<ChildProcess> {
  const [cmd, args] = kg(['worker', '--redis', redisUrl, '--archive', archive, '--prefix', prefix, '--concurrency', '1', '--lock-ms', '3000', '--host-lease-ms', '2000']);
  const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d) => {
    out += d;
    if (process.env.KG_DEBUG_QUEUE) process.stderr.write(`[worker ${child.pid}] ${d}`);
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (/: ready\n/.test(out)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`kg worker exited ${code} before it was ready:\n${out}`)));
  });
}

describe.skipIf(!TEST_REDIS_URL || !TEST_PG_URL)('three kg workers, one PostgreSQL archive, one Redis queue', () => {
  let site: MultiSite;
  let archiveUrl: string;
  let prefix: string;
  let redis: Redis;
  let queues: JobQueues;
  let workers: ChildProcess[] = [];

  beforeAll(async () => {
    site = await startMultiSite({ hosts: 2, articlesPerHost: ARTICLES, crawlDelay: CRAWL_DELAY_MS / 1000, holdPath: HELD });
    archiveUrl = await freshDatabase('workers');
    prefix = testPrefix('workers');
    redis = await connectRedis(TEST_REDIS_URL!);
    queues = openQueues(redis, prefix);
    workers = await Promise.all([1, 2, 3].map(() => startWorker(TEST_REDIS_URL!, archiveUrl, prefix)));
  }, 90_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await queues?.close();
    redis?.disconnect();
    await site?.close();
  });

  it('stores every page once, loses nothing to a worker killed mid-job, and keeps each host polite across workers', async () => {
    const [cmd, args] = kg(['crawl', '--queue', TEST_REDIS_URL!, '--prefix', prefix, '--allow-private', '127.0.0.1', '--delay', '100',
      '--max-depth', '1', '--extract', '--json', ...site.origins.map((o) => `${o}/`)]);
    const { stdout } = await promisify(execFile)(cmd, [...args], { cwd: REPO_ROOT });
    const run = (JSON.parse(stdout) as { run: string }).run;

    // Kill the worker whose request the site is holding open.
    await site.held;
    const heldJob = await queues.crawl.getJob(crawlJobId(run, `${site.origins[0]}${HELD}`));
    const victim = workers.find((w) => heldJob?.processedBy === `kg-worker-${w.pid}`);
    expect(victim, `held job processed by ${heldJob?.processedBy}`).toBeDefined();
    victim!.kill('SIGKILL');
    await once(victim!, 'exit');

    const status: RunStatus = await Promise.race([
      waitForRun(redis, queues, prefix, run),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the run did not finish in 40 s')), 40_000)),
    ]);
    const outcomes = await redis.hgetall(`${prefix}:run:${run}:outcomes`);
    if (process.env.KG_DEBUG_QUEUE) {
      for (const j of await queues.crawl.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed'])) {
        console.log(j.data.url.slice(-18), await j.getState(), j.processedBy, j.attemptsMade, j.stalledCounter, j.failedReason, JSON.stringify(j.returnvalue));
      }
    }
    expect(status.byOutcome, JSON.stringify(outcomes)).toEqual({ listed: 2, stored: 2 * ARTICLES });
    expect(status.failedJobs).toEqual({ crawl: 0, extract: 0 });
    const retried = await queues.crawl.getJob(heldJob!.id!);
    expect(retried!.returnvalue).toMatchObject({ outcome: 'stored' });
    expect(retried!.processedBy).not.toBe(`kg-worker-${victim!.pid}`);

    // One archive row per page, one origin per URL, and every page extracted.
    const db = new pg.Client({ connectionString: archiveUrl });
    await db.connect();
    try {
      const origins = (await db.query('SELECT origin, count(*)::int AS n FROM origins GROUP BY origin')).rows;
      expect(origins).toHaveLength(2 * ARTICLES);
      expect(origins.every((r) => r.n === 1)).toBe(true);
      expect((await db.query('SELECT count(*)::int AS n FROM pages')).rows[0].n).toBe(2 * ARTICLES);
      const articles = (await db.query("SELECT count(*)::int AS n FROM articles WHERE status = 'ok'")).rows[0].n;
      expect(articles).toBe(2 * ARTICLES);
    } finally {
      await db.end();
    }

    // Fetched once each; the held page twice (the killed try and the retry).
    for (const [h, host] of site.hosts.entries()) {
      const mine = site.requests.filter((r) => r.host === host);
      const count = (path: string) => mine.filter((r) => r.path === path).length;
      expect(count('/')).toBe(1);
      for (let n = 1; n <= ARTICLES; n++) expect(count(`/a/${n}.html`), `${host}/a/${n}.html`).toBe(h === 0 && `/a/${n}.html` === HELD ? 2 : 1);
      expect(count('/robots.txt')).toBeLessThanOrEqual(3); // once per worker process at most

      // Politeness across workers: no overlap, and starts the Crawl-delay apart. The site sees arrivals, not the
      // workers' send times: a first request on a new connection arrives later than one on a kept-alive one, by
      // up to ~150 ms on a loaded machine (measured at load 10-15 on 2 cores), hence the allowance (without the global lease the gaps would be ~0).
      mine.sort((a, b) => a.start - b.start);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i].start, `${host}: ${mine[i].path} began before ${mine[i - 1].path} ended`).toBeGreaterThanOrEqual(mine[i - 1].end);
        expect(mine[i].start - mine[i - 1].start, `${host}: gap before ${mine[i].path}: ${JSON.stringify(mine.map((r) => [r.path, r.start % 100000, r.end - r.start]))}`).toBeGreaterThanOrEqual(CRAWL_DELAY_MS - ARRIVAL_JITTER_MS);
      }
    }

    // The others stop cleanly on SIGTERM.
    for (const w of workers.filter((w) => w !== victim)) {
      w.kill('SIGTERM');
      const [code] = await once(w, 'exit');
      expect(code).toBe(0);
    }
  }, 60_000);

  it('kg pull copies what the workers stored into an embedded archive and extracts it there; pulling again adds nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kg-pull-'));
    const [cmd, args] = kg(['pull', '--from', archiveUrl, '--json']);
    const { stdout } = await promisify(execFile)(cmd, [...args], { cwd: REPO_ROOT, env: { ...process.env, KG_DATA_DIR: dataDir } });
    expect(JSON.parse(stdout.split('\n')[0])).toMatchObject({ seen: 2 * ARTICLES, stored: 2 * ARTICLES, unchanged: 0 });
    const local = Archive.open({ dataDir });
    const shared = await PostgresArchive.open({ url: archiveUrl });
    try {
      expect(local.stats()).toMatchObject({ pages: 2 * ARTICLES, origins: 2 * ARTICLES, articles: { ok: 2 * ARTICLES } });
      expect(await pullArchive(shared, local)).toMatchObject({ seen: 2 * ARTICLES, stored: 0, newOrigins: 0, unchanged: 2 * ARTICLES });
    } finally {
      local.close();
      await shared.close();
    }
  }, 60_000);
});
if (!TEST_REDIS_URL) console.warn(`[kg tests] ${REDIS_SKIP_MESSAGE}`);
if (!TEST_PG_URL) console.warn(`[kg tests] ${PG_SKIP_MESSAGE}`);
