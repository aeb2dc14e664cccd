// Fault matrix: `kg extract` and `kg sync` (embedded graph and index) killed with SIGKILL mid-way, then run again:
// the archive's extractions, the graph and the search index equal those of a clean run that was never interrupted.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EmbeddedGraphStore } from '../../graph/embedded.ts';
import { openServices } from '../../pipeline/index.ts';
import { count, kg, killWhen, PAGES, writePages } from './helpers.ts';

/** What a run produced: extractions (without times and sequence numbers), the graph, and the index as queried. */
async function state(dataDir: string) {
  const db = new Database(join(dataDir, 'kg.sqlite'), { readonly: true, fileMustExist: true });
  const articles = db.prepare(`SELECT a.id, p.hash, a.status, a.reason, a.title, a.published, a.source, a.body, a.fingerprint, a.reprint_of,
    a.knowledge, a.extractor_version FROM articles a JOIN pages p ON p.id = a.page_id ORDER BY a.id`).all();
  db.close();
  const services = await openServices({ dataDir, env: {} });
  try {
    const graph = await (services.graph as EmbeddedGraphStore).snapshot();
    const search: Record<string, unknown> = { documents: await services.search.count() };
    for (const q of ['医联体', '专家', '廊坊', '北京天坛医院 床位', '合作 -赤峰']) {
      const r = await services.search.search({ text: q, limit: 100, offset: 0 });
      search[q] = { total: r.total, ids: r.hits.map((h) => h.id) };
    }
    return { articles, graph, search };
  } finally {
    await services.close();
  }
}

const root = mkdtempSync(join(tmpdir(), 'kg-kill-rerun-'));
const env = { KG_WORKERS: '1' };
let clean: Awaited<ReturnType<typeof state>>;

beforeAll(async () => {
  writePages(join(root, 'in'));
  const dir = join(root, 'clean');
  kg(dir, env, 'import', '--no-extract', join(root, 'in'));
  kg(dir, env, 'extract');
  kg(dir, env, 'sync');
  clean = await state(dir);
  expect(clean.articles).toHaveLength(PAGES);
  expect(clean.graph.articles.length).toBeGreaterThan(PAGES / 2);
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('kill -9 during kg extract, then during kg sync; each run again: extractions, graph and index equal a clean run', async () => {
  const dir = join(root, 'killed');
  kg(dir, env, 'import', '--no-extract', join(root, 'in'));

  await killWhen(dir, env, ['extract'], () => count(dir, 'SELECT count(*) FROM articles') >= 100);
  const extracted = count(dir, 'SELECT count(*) FROM articles');
  expect(extracted).toBeLessThan(PAGES);
  kg(dir, env, 'extract');

  await killWhen(dir, env, ['sync'], () => count(dir, 'SELECT count(*) FROM graph_article') >= 200);
  expect(count(dir, 'SELECT count(*) FROM graph_article')).toBeLessThan(clean.graph.articles.length);
  kg(dir, env, 'sync');

  const after = await state(dir);
  expect(after.articles).toEqual(clean.articles);
  expect(after.graph).toEqual(clean.graph);
  expect(after.search).toEqual(clean.search);
}, 600_000);
