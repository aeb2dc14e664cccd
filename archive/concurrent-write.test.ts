// Another process holding the archive's write lock (a sync, an import, a crawler on the same file): a write
// here waits for it and succeeds. Read-then-write transactions begin IMMEDIATE: a deferred one would read
// first, and once the other process commits its snapshot is stale, so SQLite refuses the upgrade to a writer
// at once ("database is locked", SQLITE_BUSY_SNAPSHOT) whatever busy_timeout says.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../graph/embedded.ts';
import { extractPages } from '../pipeline/extract.ts';
import { syncGraph } from '../pipeline/sync.ts';
import { Archive } from './index.ts';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'kg-lock-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A process that takes the file's write lock, writes, holds it for `ms`, then commits; resolves once it holds the lock. */
async function holdWriteLock(file: string, ms: number): Promise<{ done: Promise<void> }> {
  const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE'); db.prepare("INSERT INTO counters (name, value) VALUES ('other process', 1)").run();
    console.log('locked'); const until = Date.now() + Number(process.argv[2]); while (Date.now() < until) {} db.exec('COMMIT');`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited ${code}`)))));
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => { if (String(d).includes('locked')) resolve(); }));
  return { done }; // wrapped: an async function returning a promise would wait for it
}

const page = (n: number) => {
  const html = `<html><head><title>第${n}号</title></head><body><h1>廊坊市人民医院与北京朝阳医院签订合作协议</h1><p>2024-05-0${n}</p>
    <p>廊坊市人民医院与北京朝阳医院签订合作协议，北京朝阳医院派驻专家${n + 5}名，双方在学科建设、人才培养和远程会诊等方面深入合作，推动优质医疗资源下沉基层。</p>
    <p>根据协议，北京朝阳医院将每周派出心内科、神经内科专家到廊坊市人民医院坐诊、查房和带教，帮助廊坊市人民医院提升急危重症救治能力，让群众在家门口享受到北京专家的诊疗服务。</p></body></html>`;
  return { origin: `https://news.example.cn/${n}.html`, url: `https://news.example.cn/${n}.html`, kind: 'html' as const, bytes: Buffer.from(html), text: html, encoding: 'utf-8', contentType: 'text/html' };
};

it('stores a page while another process holds the write lock, once that process commits', async () => {
  const archive = Archive.open({ dataDir: dir });
  try {
    archive.storePage(page(1));
    const other = await holdWriteLock(join(dir, 'kg.sqlite'), 400);
    expect(archive.storePage(page(2)).outcome).toBe('stored');
    await other.done;
    expect(archive.db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(2);
    expect(archive.db.prepare("SELECT value FROM counters WHERE name = 'other process'").pluck().get()).toBe(1);
  } finally {
    archive.close();
  }
});

it('resolves and syncs a batch while another process holds the write lock', async () => {
  const archive = Archive.open({ dataDir: dir });
  const db = new Database(join(dir, 'graph.sqlite'));
  try {
    for (let n = 1; n <= 3; n++) archive.storePage(page(n));
    expect(extractPages(archive).ok).toBe(3);
    const store = new EmbeddedGraphStore(db);
    await store.init();
    const other = await holdWriteLock(join(dir, 'kg.sqlite'), 400);
    const s = await syncGraph(archive, store);
    await other.done;
    expect([s.written, s.refused]).toEqual([3, []]);
  } finally {
    db.close();
    archive.close();
  }
});
