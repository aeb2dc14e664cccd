// Neo4j stopped in the middle of a batch of writes: the adapter fails with the typed, retryable
// GraphUnavailableError within bounded time (no hang); after a restart, rewriting the batch converges
// to exactly the state of a clean rebuild, and to what the embedded store holds for the same facts.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, expect, it } from 'vitest';
import { generateArticles } from '../test/bench/generate.ts';
import { EmbeddedGraphStore } from './embedded.ts';
import { GraphUnavailableError } from './errors.ts';
import { STRUCTURAL_TYPES } from './facts.ts';
import { Neo4jGraphStore } from './neo4j.ts';
import { removeDataDir, startLocalNeo4j, type LocalNeo4j } from './neo4j-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'kg-neo4j-fault-'));
let server: LocalNeo4j | null = null;
afterAll(async () => {
  await server?.stop();
  removeDataDir(dataDir);
});

const open = (s: LocalNeo4j) => new Neo4jGraphStore({ uri: s.uri, batchSize: 50, maxRetryTimeMs: 3_000, connectionTimeoutMs: 2_000, acquisitionTimeoutMs: 3_000 });

it('surfaces a typed error when Neo4j dies mid-write, and a rewrite converges to a clean rebuild', async () => {
  const articles = generateArticles(600, 11);
  server = await startLocalNeo4j({ dataDir, port: 0, heap: '512m', pagecache: '32m' });
  let store = open(server);
  await store.init();

  // Kill the server (SIGKILL, as a crash) once the first chunks are committed.
  const writing = store.writeArticles(articles).then(() => null, (e: unknown) => e);
  const watcher = open(server);
  for (let i = 0; i < 600 && (await watcher.stats()).articles === 0; i++) await new Promise((r) => setTimeout(r, 50));
  await watcher.close();
  const started = Date.now();
  await server.stop({ force: true });
  const err = await writing;
  expect(err).toBeInstanceOf(GraphUnavailableError);
  expect((err as GraphUnavailableError).code).toBe('GRAPH_UNAVAILABLE');
  expect((err as GraphUnavailableError).retryable).toBe(true);
  expect(Date.now() - started).toBeLessThan(60_000);
  await store.close();

  // Restart on the same files: some chunks committed, the rest not. Rewrite everything.
  server = await startLocalNeo4j({ dataDir, port: 0, heap: '512m', pagecache: '32m' });
  store = open(server);
  await store.init();
  const partial = (await store.stats()).articles;
  expect(partial).toBeLessThan(articles.length);
  await store.writeArticles(articles);
  const rewritten = await store.snapshot();

  await store.clear();
  await store.writeArticles(articles);
  const rebuilt = await store.snapshot();
  expect(rewritten).toEqual(rebuilt);
  expect(rebuilt.articles).toHaveLength(articles.length);

  const embedded = new EmbeddedGraphStore(new Database(':memory:'));
  await embedded.init();
  await embedded.writeArticles(articles);
  expect(await embedded.snapshot()).toEqual(rebuilt);
  await store.close();
}, 600_000);

it('upgrades a graph written in the old model (one structural relationship per article) to the same graph', async () => {
  const store = open(server!);
  await store.init();
  await store.clear();
  const articles = generateArticles(300, 5);
  await store.writeArticles(articles);
  const current = await store.snapshot();
  const hubId = (await store.findEntities({ type: 'hospital', limit: 500 })).sort((x, y) => y.articleCount - x.articleCount)[0].id;
  const hubPages = [await store.articlesOf([hubId], { limit: 20, offset: 0 }), await store.articlesOf([hubId], { limit: 20, offset: 20 })];
  // Rewrite it as the previous adapter stored it: per-article structural relationships, no summaries.
  const driver = neo4j.driver(server!.uri);
  const session = driver.session();
  for (const t of STRUCTURAL_TYPES) {
    await session.run(`MATCH (a:Article)-[s:STATES {type: '${t}'}]->(x:Entity) MATCH (y:Entity {id: s.to})
      CREATE (x)-[:${t} {articleId: a.id, sentence: s.sentence, date: s.date, evidence: s.evidence, confidence: s.confidence, directed: true}]->(y)
      DELETE s`);
    await session.run(`MATCH ()-[r:${t}]->() WHERE r.support IS NOT NULL DELETE r`);
  }
  await session.run('MATCH ()-[p:COLLAB_PAIR]->() DELETE p');
  await session.run('MATCH ()-[r:COLLABORATES]->() REMOVE r.pair');
  await session.run('MATCH ()-[m:MENTIONS]->() REMOVE m.recent'); // model 2 had no order keys
  await session.run('MATCH (m:KgModel) DELETE m');
  await session.close();
  await driver.close();
  await store.close();

  const upgraded = open(server!);
  await upgraded.init();
  expect(await upgraded.snapshot()).toEqual(current);
  // the entity page reads the order keys the upgrade wrote: same pages as before
  expect([await upgraded.articlesOf([hubId], { limit: 20, offset: 0 }), await upgraded.articlesOf([hubId], { limit: 20, offset: 20 })]).toEqual(hubPages);
  expect(hubPages[0][0].ids).toHaveLength(20);
  // Walks use the rebuilt summaries and pair keys.
  const hub = current.pairs.sort((x, y) => y.n - x.n)[0];
  expect((await upgraded.neighbors(hub.a, { types: ['COLLABORATES'], edgesPerPair: 2 })).edges.filter((e) => [e.from, e.to].includes(hub.b))).toHaveLength(Math.min(2, hub.n));
  await upgraded.close();
}, 300_000);
