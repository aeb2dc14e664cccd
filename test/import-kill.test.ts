// A `kg import` killed with SIGKILL mid-way keeps every file it committed; the same command run again completes the rest.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
