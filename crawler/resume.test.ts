// kill -9 in the middle of a crawl, then `kg crawl --resume`: every page ends stored exactly once,
// and no page stored before the kill is fetched again (requests counted on the server).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { REPO_ROOT } from '../test/shared.ts';
import { startSite, type FixtureSite } from '../test/fixtures/site/server.ts';

const ARTICLES = 120;
let site: FixtureSite;
let dir: string;

beforeAll(async () => {
  site = await startSite({ generated: ARTICLES, latencyMs: 25 });
  dir = mkdtempSync(join(tmpdir(), 'kg-crawl-kill-'));
});

afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One node process (no npx/tsx wrapper), so SIGKILL hits the crawler itself. */
function crawl(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'cli/commands/crawl.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, KG_DATA_DIR: dir, KG_CRAWL_CONTACT: 'kill-test@example.invalid', KG_CRAWL_ALLOW_PRIVATE: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, exited };
}

const articleRequests = () => site.requests.filter((r) => r.path.startsWith('/gen/a/'));

function storedOrigins(): string[] {
  const db = new Database(join(dir, 'kg.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT origin FROM origins').all() as { origin: string }[]).map((r) => r.origin);
  } finally {
    db.close();
  }
}

it('resumes after kill -9 without refetching stored pages and without losing any', async () => {
  const args = [`${site.origin}/gen/list/1.html`, '--delay', '0', '--concurrency', '3', '--include', '/gen/', '--no-sitemaps', '--json'];
  const first = crawl(args);
  const deadline = Date.now() + 30_000;
  while (articleRequests().length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  first.child.kill('SIGKILL');
  const killed = await first.exited;
  expect(killed.signal, killed.out).toBe('SIGKILL');

  const before = new Set(storedOrigins());
  const requestsBefore = new Map<string, number>();
  for (const r of articleRequests()) requestsBefore.set(r.path, (requestsBefore.get(r.path) ?? 0) + 1);
  expect(before.size).toBeGreaterThan(0);
  expect(before.size).toBeLessThan(ARTICLES);

  const second = crawl(['--resume', '--json']);
  const done = await second.exited;
  expect(done.code, done.out).toBe(0);
  const summary = JSON.parse(done.out.slice(done.out.indexOf('{')));
  expect(summary.resumed).toBe(true);
  expect(summary.queued).toBe(0);
  expect(summary.byOutcome.stored).toBe(ARTICLES);
  expect(summary.byOutcome.listed).toBe(Math.ceil(ARTICLES / 50));

  // Every page stored, each exactly once.
  const origins = storedOrigins();
  expect(origins.length).toBe(ARTICLES);
  expect(new Set(origins).size).toBe(ARTICLES);
  const db = new Database(join(dir, 'kg.sqlite'), { readonly: true });
  expect((db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n).toBe(ARTICLES);
  db.close();

  // Pages stored before the kill were not requested again; only those in flight at the kill may be.
  const counts = new Map<string, number>();
  for (const r of articleRequests()) counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
  for (const origin of before) {
    const path = new URL(origin).pathname;
    expect(counts.get(path), path).toBe(requestsBefore.get(path));
    expect(counts.get(path), path).toBe(1);
  }
  const refetched = [...counts].filter(([, n]) => n > 1);
  expect(refetched.length).toBeLessThanOrEqual(3);
  for (const [path] of refetched) expect(before.has(`${site.origin}${path}`)).toBe(false);
  expect(counts.size).toBe(ARTICLES);
}, 90_000);
