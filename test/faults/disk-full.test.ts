// Fault matrix: the disk holding the data directory fills up during `kg import`. The command stops with one clear
// DISK_FULL line (no stack), the archive stays consistent (integrity check, every stored page whole: its bytes
// hash to its key), and once space is freed the same command completes. The full disk is a real size-limited
// tmpfs (mount needs root, as CI has; elsewhere the test skips and says why).
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../shared.ts';

const FILES = 40;
const root = mkdtempSync(join(tmpdir(), 'kg-disk-full-'));
const data = join(root, 'data');
mkdirSync(data);
const mount = (...args: string[]) => spawnSync('mount', args, { encoding: 'utf8' });
const mounted = process.getuid?.() === 0 && mount('-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', data).status === 0;
if (!mounted) console.warn('[kg tests] disk-full test skipped: mounting a size-limited tmpfs needs root (mount -t tmpfs -o size=3m)');

beforeAll(() => {
  mkdirSync(join(root, 'in'));
  // 40 pages of about 100 kB each (distinct text): 4 MB of bytes, stored twice (bytes and text), on a 3 MB disk.
  for (let i = 0; i < FILES; i++) {
    const words = Array.from({ length: 2500 }, () => `医联体${randomBytes(6).toString('hex')}`).join('，');
    writeFileSync(join(root, 'in', `p${String(i).padStart(3, '0')}.txt`), `第${i}号：北京朝阳医院与廊坊市人民医院合作。\n${words}`);
  }
});
afterAll(() => {
  if (mounted) spawnSync('umount', [data]);
  rmSync(root, { recursive: true, force: true });
});

const kg = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'cli', 'kg.ts'), ...args], { env: { ...process.env, KG_DATA_DIR: data }, cwd: REPO_ROOT, encoding: 'utf8' });

function archiveState(): { integrity: string; pages: number; whole: boolean } {
  const db = new Database(join(data, 'kg.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT hash, bytes FROM pages').all() as Array<{ hash: string; bytes: Buffer }>;
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      pages: rows.length,
      whole: rows.every((r) => createHash('sha256').update(r.bytes).digest('hex') === r.hash),
    };
  } finally {
    db.close();
  }
}

it.skipIf(!mounted)('kg import on a full disk: one clear error, nothing half-written, completes once space is freed', () => {
  const full = kg('import', '--no-extract', join(root, 'in'));
  expect(full.status, full.stderr).toBe(1);
  expect(full.stderr).toMatch(/^kg import: DISK_FULL: no space left for the data directory/m);
  expect(full.stderr).not.toMatch(/\n\s+at /);
  const partial = archiveState();
  expect(partial).toMatchObject({ integrity: 'ok', whole: true });
  expect(partial.pages).toBeLessThan(FILES);

  expect(mount('-o', 'remount,size=64m', data).status).toBe(0);
  const again = kg('import', join(root, 'in'), '--json');
  expect(again.status, again.stderr).toBe(0);
  const summary = JSON.parse(again.stdout.slice(again.stdout.indexOf('{')));
  expect(summary).toMatchObject({ unchanged: partial.pages, stored: FILES - partial.pages, rejected: [] });
  expect(archiveState()).toEqual({ integrity: 'ok', pages: FILES, whole: true });
}, 180_000);
