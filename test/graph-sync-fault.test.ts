// `kg sync` against a real Neo4j that is stopped in the middle: the sync reports the failure (typed,
// retryable), the archive loses nothing, the next sync completes, and the graph then equals a clean
// rebuild. Then: a second `kg sync` (the real command, in a child process) writes nothing, and
// re-extracting an article replaces its facts in the graph with no stale ones left.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import type { Knowledge } from '../extractor/types.ts';
import { EmbeddedGraphStore } from '../graph/embedded.ts';
import { GraphUnavailableError } from '../graph/errors.ts';
import { Neo4jGraphStore } from '../graph/neo4j.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../graph/neo4j-server.ts';
import { Resolver } from '../pipeline/resolution/resolve.ts';
import { syncGraph, toArticleFacts } from '../pipeline/sync.ts';
import { generateArticles, type GeneratedArticle } from './bench/generate.ts';

const N = 240;
const dir = mkdtempSync(join(tmpdir(), 'kg-sync-fault-'));
const neoDir = join(dir, 'neo4j');
let server: LocalNeo4j | null = null;
let archive: Archive;
const pageOf = new Map<string, number>(); // archive article id → page id

const start = () => startLocalNeo4j({ dataDir: neoDir, port: 0, heap: '512m', pagecache: '32m' });
const open = (s: LocalNeo4j) =>
  new Neo4jGraphStore({ uri: s.uri, batchSize: 50, maxRetryTimeMs: 2_000, connectionTimeoutMs: 2_000, acquisitionTimeoutMs: 3_000 });

function knowledge(g: GeneratedArticle): Knowledge {
  return { sentences: g.body.split('\n'), entities: g.entities, figures: g.figures, relations: g.relations, rejected: {} };
}

function save(g: GeneratedArticle, k: Knowledge | null = knowledge(g)): string {
  const body = g.body;
  let pageId = pageOf.get(g.article.id);
  if (pageId === undefined) {
    const text = `${g.article.title}\n${body}\n${g.article.id}`;
    pageId = archive.storePage({ origin: `file:///gen/${g.article.id}.txt`, kind: 'text', bytes: Buffer.from(text), text, encoding: 'utf-8' }).pageId;
    pageOf.set(g.article.id, pageId);
  }
  const article = { title: g.article.title, published: g.article.published, source: g.article.source, author: null, body, bodyOriginal: body, url: g.article.url };
  return archive.saveExtraction(pageId, { status: 'ok', article, knowledge: k, fingerprint: null }, 'test-v1');
}

/** The graph a clean rebuild from the archive gives: the embedded store fed every ok article, institutions resolved. */
async function cleanRebuild() {
  const store = new EmbeddedGraphStore(new Database(':memory:'));
  await store.init();
  const ok = archive.listArticles({ limit: 100_000, offset: 0, status: 'ok' });
  const resolver = new Resolver(archive);
  await store.writeArticles(ok.map((a) => toArticleFacts(a, resolver.resolve(a, archive.getKnowledge(a.id)))));
  return store.snapshot();
}

beforeAll(async () => {
  archive = Archive.open({ dataDir: dir });
  for (const g of generateArticles(N, 7)) save(g);
  server = await start();
});

afterAll(async () => {
  await server?.stop();
  archive?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('graph sync against Neo4j', () => {
  it('survives Neo4j stopping mid-sync: typed failure, nothing lost, the next sync completes and equals a clean rebuild', async () => {
    let store = open(server!);
    await store.init();
    let stopping: Promise<void> | null = null;
    const err = await syncGraph(archive, store, {
      batchSize: 20,
      // Stop the real server (SIGKILL) once a few batches are in.
      onProgress: (done) => { if (done >= 60 && !stopping) stopping = server!.stop({ force: true }); },
    }).then(() => null, (e: unknown) => e);
    await stopping;
    await store.close();
    expect(err).toBeInstanceOf(GraphUnavailableError);
    expect((err as GraphUnavailableError).code).toBe('GRAPH_UNAVAILABLE');
    expect((err as GraphUnavailableError).retryable).toBe(true);

    // The archive lost nothing: every article and its knowledge is there; the unsynced rest is still pending.
    expect(archive.stats().articles.ok).toBe(N);
    const ok = archive.listArticles({ limit: N + 1, offset: 0, status: 'ok' });
    expect(ok.every((a) => archive.getKnowledge(a.id)?.entities.length)).toBe(true);
    const pending = archive.countChangedFor('graph');
    expect(pending).toBeGreaterThan(0);
    expect(pending).toBeLessThanOrEqual(N - 60);

    // Restart on the same files; the next sync takes exactly the pending articles.
    server = await start();
    store = open(server);
    await store.init();
    const summary = await syncGraph(archive, store, { batchSize: 20 });
    expect(summary).toMatchObject({ written: pending, removed: 0, refused: [] });
    expect(archive.countChangedFor('graph')).toBe(0);
    const recovered = await store.snapshot();
    expect(recovered.articles).toHaveLength(N);
    expect(recovered).toEqual(await cleanRebuild());

    // And a full rebuild of the same Neo4j gives the same graph.
    const full = await syncGraph(archive, store, { full: true, batchSize: 100 });
    expect(full.written).toBe(N);
    expect(await store.snapshot()).toEqual(recovered);
    await store.close();
  }, 300_000);

  it('kg sync run twice: the second run writes nothing and changes nothing', async () => {
    const store = open(server!);
    const before = await store.snapshot();
    const kg = async () => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', resolve('cli/kg.ts'), 'sync', '--graph-only', '--json'], {
        env: { ...process.env, KG_DATA_DIR: dir, NEO4J_URI: server!.uri }, timeout: 120_000,
      });
      return JSON.parse(stdout).sync[0];
    };
    expect(await kg()).toMatchObject({ target: 'graph', written: 0, removed: 0, total: 0 });
    expect(await store.snapshot()).toEqual(before);
    // Something changes in the archive: the command takes exactly that, once.
    const extra = generateArticles(N + 1, 7)[N];
    save(extra);
    expect(await kg()).toMatchObject({ written: 1, total: 1 });
    expect(await kg()).toMatchObject({ written: 0, total: 0 });
    expect(await store.snapshot()).toEqual(await cleanRebuild());
    await store.close();
  }, 300_000);

  it('re-extracting an article replaces its facts: no stale edge, statement, figure or mention is left', async () => {
    const store = open(server!);
    const [g] = generateArticles(N, 7).filter((x) => x.relations.some((r) => r.type === 'collaboration') && x.figures.length);
    const id = save(g); // same facts again: a no-op for the graph, but re-synced
    await syncGraph(archive, store);
    const collab = g.relations.find((r) => r.type === 'collaboration')!;
    const located = g.relations.find((r) => r.type === 'located_in')!;
    // The extractor now reads less: one collaboration, one located_in and the figures are gone.
    const k = knowledge(g);
    k.relations = k.relations.filter((r) => r !== collab && r !== located);
    k.figures = [];
    save(g, k);
    expect(await syncGraph(archive, store)).toMatchObject({ written: 1, removed: 0 });
    const snap = await store.snapshot();
    expect(snap.edges.some((e) => e.articleId === id && e.type === 'COLLABORATES' && e.evidence === collab.evidence && e.sentence === collab.provenance.sentence)).toBe(false);
    expect(snap.statements.some((s) => s.articleId === id && s.from === located.a && s.to === located.b)).toBe(false);
    expect(await store.figures({ articleId: id })).toEqual([]);
    expect(snap).toEqual(await cleanRebuild());

    // An article whose page no longer yields one leaves the graph with everything it stated.
    archive.saveExtraction(pageOf.get(g.article.id)!, { status: 'no_article', reason: 'list page' }, 'test-v1');
    expect(await syncGraph(archive, store)).toMatchObject({ written: 0, removed: 1 });
    expect(await store.entitiesOfArticles([id])).toEqual([[]]);
    expect(await store.snapshot()).toEqual(await cleanRebuild());
    await store.close();
  }, 300_000);
});
