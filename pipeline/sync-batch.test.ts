// Sync resolves a batch's institutions in one archive transaction that commits before the target's write:
// a graph write that fails keeps what resolution recorded, marks nothing synced, and the next sync completes.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { EmbeddedGraphStore } from '../graph/embedded.ts';
import { iterateVaried } from '../test/bench/generate.ts';
import { syncGraph } from './sync.ts';

let dir: string;
let archive: Archive;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-sync-batch-'));
  archive = Archive.open({ dataDir: dir });
  // Facts as the extractor would store them (the generator's own), 30 articles.
  for (const a of iterateVaried(30, 5)) {
    const page = archive.storePage({ origin: a.article.url!, kind: 'text', bytes: new TextEncoder().encode(a.body + a.article.id), text: a.body, encoding: 'utf-8' });
    archive.saveExtraction(page.pageId, {
      status: 'ok',
      article: { title: a.article.title!, published: a.article.published ?? null, source: a.article.source ?? null, author: null, body: a.body, bodyOriginal: a.body, url: a.article.url ?? null },
      knowledge: { sentences: a.body.split('\n'), entities: a.entities, relations: a.relations, figures: a.figures, rejected: {} },
      fingerprint: null,
    }, 'v1');
  }
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string) => archive.db.prepare(sql).pluck().get() as number;

describe('graph sync, batch by batch', () => {
  it('a failed graph write keeps the batch resolution, marks nothing synced, and the next sync writes every article', async () => {
    const broken = new Database(join(dir, 'graph-broken.sqlite'));
    const failing = new EmbeddedGraphStore(broken);
    await failing.init();
    broken.close(); // every write now fails, as a store that went away
    await expect(syncGraph(archive, failing, { batchSize: 10 })).rejects.toThrow();
    expect(count('SELECT count(DISTINCT article_id) FROM entity_resolution')).toBe(10); // the first batch was resolved and kept
    expect(count('SELECT count(*) FROM institutions')).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM sync_state WHERE target = 'graph'")).toBe(0);

    const db = new Database(join(dir, 'graph.sqlite'));
    const graph = new EmbeddedGraphStore(db);
    await graph.init();
    const summary = await syncGraph(archive, graph, { batchSize: 10 });
    expect(summary).toMatchObject({ written: 30, refused: [] });
    expect((await graph.stats()).articles).toBe(30);
    expect(count('SELECT count(DISTINCT article_id) FROM entity_resolution')).toBe(30);
    db.close();
  });
});
