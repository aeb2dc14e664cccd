// The API's crawl record in a real archive: one running crawl at a time, and a running crawl whose owner process
// is gone (dead pid, or no heartbeat for staleMs) counts as finished with failure ABANDONED.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { pidAlive } from '../archive/lease.ts';
import { CrawlJobs } from './crawl-jobs.ts';

let dir: string;
let archive: Archive;
let jobs: CrawlJobs;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-crawl-jobs-'));
  archive = Archive.open({ dataDir: dir });
  jobs = new CrawlJobs(archive.db);
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has run and exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(r.stdout);
  expect(pidAlive(pid)).toBe(false);
  return pid;
}

const set = (id: number, column: string, value: unknown) => archive.db.prepare(`UPDATE api_crawls SET ${column} = ? WHERE id = ?`).run(value, id);

it('allows one running crawl at a time and records how it ended', () => {
  expect(jobs.latest()).toBeNull();
  const first = jobs.start(['https://a.example/'], 5)!;
  expect(first).toMatchObject({ seeds: ['https://a.example/'], maxPages: 5, finishedAt: null, failure: null });
  expect(jobs.start(['https://b.example/'], 5)).toBeNull();
  // Another connection to the same file (another server process) sees the same crawl and is refused too.
  const other = Archive.open({ dataDir: dir });
  try {
    expect(new CrawlJobs(other.db).latest()?.id).toBe(first.id);
    expect(new CrawlJobs(other.db).start(['https://c.example/'], 5)).toBeNull();
  } finally {
    other.close();
  }
  jobs.finish(first.id, { fetched: 3, queued: 0, outcomes: { stored: 2, failed: 1 } });
  expect(jobs.latest()).toMatchObject({ id: first.id, fetched: 3, queued: 0, failure: null, outcomes: { stored: 2, failed: 1 } });
  expect(jobs.latest()!.finishedAt).not.toBeNull();
  const second = jobs.start(['https://b.example/'], 5)!;
  expect(second.id).toBeGreaterThan(first.id);
  jobs.finish(second.id, { failure: 'ROBOTS_UNREACHABLE' });
  expect(jobs.latest()).toMatchObject({ id: second.id, failure: 'ROBOTS_UNREACHABLE', outcomes: {} });
});

it('counts a crawl whose owner pid is dead as ABANDONED, finished at its last heartbeat, and lets a new one start', () => {
  const job = jobs.start(['https://a.example/'], 5)!;
  const lastBeat = Date.now() - 5_000;
  set(job.id, 'owner_pid', deadPid());
  set(job.id, 'heartbeat_at', lastBeat);
  expect(jobs.latest()).toMatchObject({ id: job.id, failure: 'ABANDONED', finishedAt: new Date(lastBeat).toISOString() });
  const next = jobs.start(['https://b.example/'], 5);
  expect(next).not.toBeNull();
  expect(jobs.latest()).toMatchObject({ id: next!.id, finishedAt: null });
});

it('refuses a second crawl while the owner is alive with a fresh heartbeat, and abandons it once the heartbeat is stale', () => {
  const job = jobs.start(['https://a.example/'], 5)!;
  jobs.heartbeat(job.id);
  expect(jobs.latest()).toMatchObject({ id: job.id, finishedAt: null });
  // Alive pid (ours), but silent for longer than staleMs: a reused pid must not block crawls for good.
  set(job.id, 'heartbeat_at', Date.now() - jobs.options.staleMs - 1_000);
  expect(jobs.start(['https://b.example/'], 5)).not.toBeNull();
  const rows = archive.db.prepare('SELECT id, failure FROM api_crawls ORDER BY id').all();
  expect(rows).toEqual([{ id: job.id, failure: 'ABANDONED' }, { id: job.id + 1, failure: null }]);
});

it('trusts a pid only on the machine that recorded it', () => {
  const job = jobs.start(['https://a.example/'], 5)!;
  set(job.id, 'owner_pid', deadPid());
  set(job.id, 'owner_host', 'another-machine');
  expect(jobs.latest()).toMatchObject({ id: job.id, finishedAt: null, failure: null });
  expect(jobs.start(['https://b.example/'], 5)).toBeNull();
});

it('keeps the owner\'s own account when a crawl marked ABANDONED finishes after all', () => {
  const job = jobs.start(['https://a.example/'], 5)!;
  set(job.id, 'heartbeat_at', 0);
  expect(jobs.latest()!.failure).toBe('ABANDONED');
  jobs.finish(job.id, { fetched: 1, queued: 0, outcomes: { stored: 1 } });
  expect(jobs.latest()).toMatchObject({ failure: null, fetched: 1, outcomes: { stored: 1 } });
});

it('the table itself refuses a second running crawl', () => {
  jobs.start(['https://a.example/'], 5);
  expect(() =>
    archive.db.prepare("INSERT INTO api_crawls (seeds, max_pages, started_at, owner_pid, owner_host, heartbeat_at) VALUES ('[]', 1, '', 1, 'h', 0)").run(),
  ).toThrow(/UNIQUE/);
});
