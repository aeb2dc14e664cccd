// Several processes migrating the same fresh file at once (a server's workers starting together, a CLI
// command beside the server): each migration is applied exactly once and none of them fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'kg-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MIGRATIONS = 40;
const PROCESSES = 4;

/** One process: waits for the common start time, then migrates; exits 0 when it did not throw. */
const SCRIPT = `
  const { default: Database } = await import('better-sqlite3');
  const { migrate } = await import(${JSON.stringify(join(REPO_ROOT, 'archive', 'migrate.ts'))});
  const db = new Database(process.env.FILE);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const steps = Array.from({ length: ${MIGRATIONS} }, (_, i) => ({ version: i + 1, name: 'm' + i, sql: 'CREATE TABLE t' + i + ' (a)' }));
  while (Date.now() < Number(process.env.AT)) {}
  migrate(db, 'race', steps);
  db.close();
`;

function run(file: string, at: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
    cwd: REPO_ROOT, env: { ...process.env, FILE: file, AT: String(at) }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

it('processes migrating one file together apply each migration once, without errors', async () => {
  const file = join(dir, 'kg.sqlite');
  const init = new Database(file);
  init.pragma('journal_mode = WAL');
  init.close();
  // Started together after every process has loaded (a few seconds on a busy machine).
  const at = Date.now() + 4000;
  const results = await Promise.all(Array.from({ length: PROCESSES }, () => run(file, at)));
  for (const r of results) expect(r.code, r.stderr).toBe(0);
  const db = new Database(file, { readonly: true });
  const n = db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE module = 'race'").get() as { n: number };
  db.close();
  expect(n.n).toBe(MIGRATIONS);
}, 60_000);
