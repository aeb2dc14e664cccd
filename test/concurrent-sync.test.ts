// Two processes writing one archive file at once: `kg sync --graph-only` and `kg sync --search-only` side by side
// (the embedded graph and search index live in the archive's own file): both finish, nothing is taken in twice or
// left out. The lock mechanics themselves are tested in archive/concurrent-write.test.ts.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { extractPages, importPaths } from '../pipeline/index.ts';
import { REPO_ROOT } from './shared.ts';

const FILES = 1500;
let dir: string;
let dataDir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kg-concurrent-'));
  dataDir = join(dir, 'data');
  mkdirSync(join(dir, 'in'));
  const cities = ['廊坊市', '保定市', '承德市', '张家口市', '沧州市'];
  for (let i = 0; i < FILES; i++) {
    const city = cities[i % cities.length];
    writeFileSync(
      join(dir, 'in', `n${String(i).padStart(5, '0')}.txt`),
      `${city}第${i % 97}人民医院与北京第${i % 13}医院签订协议\n2024-0${(i % 9) + 1}-1${i % 10}\n` +
        `${city}第${i % 97}人民医院与北京第${i % 13}医院签订合作协议，北京第${i % 13}医院派驻专家${(i % 40) + 2}名，开展远程会诊${i}例。` +
        `双方将在学科建设、人才培养和远程医疗等方面深入合作，推动优质医疗资源下沉，让${city}群众在家门口享受高水平医疗服务。`,
    );
  }
  const archive = Archive.open({ dataDir });
  try {
    await importPaths(archive, [join(dir, 'in')]);
    extractPages(archive, {});
  } finally {
    archive.close();
  }
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...script], { env: { ...process.env, ...env }, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

const kg = (args: string[]) => run([join(REPO_ROOT, 'cli', 'kg.ts'), ...args], { KG_DATA_DIR: dataDir });

it('graph and search sync in two processes at once both finish, each article taken in once', async () => {
  const [graph, search] = await Promise.all([kg(['sync', '--graph-only', '--json']), kg(['sync', '--search-only', '--json'])]);
  expect(graph.code, graph.err).toBe(0);
  expect(search.code, search.err).toBe(0);
  const db = new Database(join(dataDir, 'kg.sqlite'), { readonly: true });
  try {
    const articles = db.prepare("SELECT count(*) FROM articles WHERE status = 'ok'").pluck().get() as number;
    expect(articles).toBeGreaterThan(FILES * 0.9);
    const synced = Object.fromEntries(db.prepare('SELECT target, count(*) AS n FROM sync_state GROUP BY target').all().map((r) => {
      const row = r as { target: string; n: number };
      return [row.target, row.n];
    }));
    expect(synced).toEqual({ graph: articles, search: articles });
    expect(db.prepare('SELECT count(*) FROM graph_article').pluck().get()).toBe(articles);
  } finally {
    db.close();
  }
  // Nothing is left to take in.
  const again = await kg(['sync', '--json']);
  expect(again.code, again.err).toBe(0);
  const summary = JSON.parse(again.out.slice(again.out.indexOf('{'))) as { sync: Array<{ total: number }> };
  expect(summary.sync.map((s) => s.total)).toEqual([0, 0]);
}, 300_000);
