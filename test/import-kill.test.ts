// A `kg import` killed with SIGKILL mid-way keeps every file it committed; the same command run again completes the rest.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { extractPages, importPaths } from '../pipeline/index.ts';
import { REPO_ROOT } from './shared.ts';

const FILES = 4000;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-kill-'));
  mkdirSync(join(dir, 'in'));
  for (let i = 0; i < FILES; i++) {
    writeFileSync(
      join(dir, 'in', `p${String(i).padStart(5, '0')}.txt`),
      `第${i}号通报：河北省卫生健康委员会\n2023-05-${String((i % 28) + 1).padStart(2, '0')}\n廊坊市人民医院与北京朝阳医院签订合作协议，派驻专家${i % 50}名。`,
    );
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `kg ARGS` and kills its process group with SIGKILL once `ready()` holds; returns its stderr. */
async function killWhen(args: string[], env: NodeJS.ProcessEnv, ready: () => boolean): Promise<string> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], cwd: REPO_ROOT, detached: true });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let done = false;
  const exited = new Promise<void>((resolve) => child.on('exit', () => ((done = true), resolve())));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !done) {
    await new Promise((r) => setTimeout(r, 30));
    try {
      if (ready()) break;
    } catch {
      // the database may be mid-creation
    }
  }
  expect(done, `kg ended before it could be killed: ${stderr}`).toBe(false);
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
  return stderr;
}

function count(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'kg.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

function pages(dataDir: string): number {
  const file = join(dataDir, 'kg.sqlite');
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'pages'").get() as { n: number }).n
      ? (db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n
      : 0;
  } finally {
    db.close();
  }
}

it('kill -9 during import, then the same command again: every file stored exactly once', async () => {
  const dataDir = join(dir, 'data');
  const env = { ...process.env, KG_DATA_DIR: dataDir };
  const args = ['--import', 'tsx', join(REPO_ROOT, 'cli', 'kg.ts'), 'import', '--no-extract', join(dir, 'in')];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], cwd: REPO_ROOT, detached: true });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let done = false;
  const exited = new Promise<void>((resolve) => child.on('exit', () => ((done = true), resolve())));
  // Wait until some files are committed, then kill the whole process group without warning.
  const deadline = Date.now() + 60_000;
  let before = 0;
  while (Date.now() < deadline && !done) {
    await new Promise((r) => setTimeout(r, 30));
    try {
      before = pages(dataDir);
    } catch {
      continue; // the database may be mid-creation
    }
    if (before >= 50) break;
  }
  expect(done, `import ended before it could be killed: ${stderr}`).toBe(false);
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
  const afterKill = pages(dataDir);
  expect(afterKill).toBeGreaterThanOrEqual(before);
  expect(afterKill).toBeLessThan(FILES); // it really was interrupted

  const rerun = spawnSync(process.execPath, [...args, '--json'], { env, cwd: REPO_ROOT, encoding: 'utf8' });
  expect(rerun.status, rerun.stderr).toBe(0);
  const summary = JSON.parse(rerun.stdout.slice(rerun.stdout.indexOf('{')));
  expect(summary.unchanged).toBe(afterKill);
  expect(summary.stored).toBe(FILES - afterKill);
  expect(pages(dataDir)).toBe(FILES);
}, 180_000);

it('kill -9 mid-import, then the same import: every stored page is extracted, none left pending', async () => {
  const dataDir = join(dir, 'data-extract');
  const env = { ...process.env, KG_DATA_DIR: dataDir };
  const kg = (...a: string[]) => ['--import', 'tsx', join(REPO_ROOT, 'cli', 'kg.ts'), ...a];
  await killWhen(kg('import', join(dir, 'in')), env, () => pages(dataDir) >= 50);
  const stored = pages(dataDir);
  expect(stored).toBeLessThan(FILES);
  const rerun = spawnSync(process.execPath, kg('import', join(dir, 'in'), '--json'), { env, cwd: REPO_ROOT, encoding: 'utf8' });
  expect(rerun.status, rerun.stderr).toBe(0);
  expect(JSON.parse(rerun.stdout.slice(rerun.stdout.indexOf('{'))).unchanged).toBe(stored); // the killed run's pages
  expect(count(dataDir, 'SELECT count(*) FROM pages')).toBe(FILES);
  expect(count(dataDir, 'SELECT count(*) FROM pages p JOIN articles a ON a.page_id = p.id')).toBe(FILES);
  const stats = spawnSync(process.execPath, kg('stats', '--json'), { env, cwd: REPO_ROOT, encoding: 'utf8' });
  expect(JSON.parse(stats.stdout.slice(stats.stdout.indexOf('{'))).pending.extract).toBe(0);
}, 240_000);

it('extractions saved but reprints never linked (killed in between): the next run links them', async () => {
  const fixtures = join(REPO_ROOT, 'test', 'api', 'fixtures');
  const links = (a: Archive) => a.db.prepare('SELECT id, reprint_of FROM articles ORDER BY id').all();
  const clean = Archive.open({ dataDir: mkdtempSync(join(dir, 'clean-')) });
  await importPaths(clean, [fixtures]);
  extractPages(clean);
  const expected = links(clean);
  expect(expected.some((r) => (r as { reprint_of: string | null }).reprint_of)).toBe(true); // the fixtures hold a reprint
  clean.close();

  // The state a kill between the two steps leaves: every extraction committed, the reprint pass never ran.
  const killed = Archive.open({ dataDir: mkdtempSync(join(dir, 'killed-')) });
  await importPaths(killed, [fixtures]);
  extractPages(killed, { linkReprints: false });
  expect(links(killed)).not.toEqual(expected);
  const next = extractPages(killed); // nothing left to extract
  expect(next.total).toBe(0);
  expect(links(killed)).toEqual(expected);
  expect(killed.reprintsStale()).toBe(false);
  killed.close();
});
