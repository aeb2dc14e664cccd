// Fault matrix, Neo4j rows: (1) Neo4j stopped and restarted while the API serves graph queries from it. Reads in
// flight and after the crash answer SERVICE_UNAVAILABLE at once (not TIMEOUT after 10 s, never an internal error);
// search, which does not need Neo4j, keeps answering; after a restart on the same files the same queries answer as
// before. (2) `kg sync` into Neo4j killed with SIGKILL mid-way, then run again: the graph equals a clean rebuild.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiServer } from '../../api/index.ts';
import { Neo4jGraphStore } from '../../graph/neo4j.ts';
import { removeDataDir, startLocalNeo4j, type LocalNeo4j } from '../../graph/neo4j-server.ts';
import { syncGraph } from '../../pipeline/index.ts';
import { api, gql, loadTestArchive, type TestArchive } from '../api/setup.ts';
import { count, kg, killWhen, writePages } from './helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'kg-fault-neo4j-'));
let port: number;
let neo4jServer: LocalNeo4j | null = null;
let store: Neo4jGraphStore;
let t: TestArchive;
let server: ApiServer;

const start = () => startLocalNeo4j({ dataDir, port, heap: '512m', pagecache: '32m' });
const codes = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (r.errors ?? []).map((e) => e.extensions?.code);
const AROUND = `{ entity(id: "hospital:北京朝阳医院") { name neighbors(depth: 2) { nodes { entityId } edges { kind evidence } } } }`;

beforeAll(async () => {
  port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  t = await loadTestArchive();
  neo4jServer = await start();
  // Default options, as `kg serve` with NEO4J_URI builds the store.
  store = new Neo4jGraphStore({ uri: neo4jServer.uri });
  await store.init();
  await syncGraph(t.services.archive, store, { full: true });
  // Warm up outside the API's 10 s budget: a fresh server compiles each Cypher query once, slowly on a busy machine.
  await store.neighbors('hospital:北京朝阳医院', { depth: 2 });
  server = api({ ...t.services, graph: store, adapters: { ...t.services.adapters, graph: 'neo4j' } });
}, 300_000);

afterAll(async () => {
  await store?.close();
  await neo4jServer?.stop();
  await t?.close();
  removeDataDir(dataDir);
});

it('answers SERVICE_UNAVAILABLE while Neo4j is down, and the same answers after it restarts', async () => {
  const before = await gql(server, AROUND);
  expect(before.errors, JSON.stringify(before.errors)).toBeUndefined();
  expect(before.data!.entity.neighbors.nodes.length).toBeGreaterThan(1);

  // Crash it (SIGKILL) with reads in flight.
  const inFlight = Array.from({ length: 10 }, () => gql(server, AROUND));
  await neo4jServer!.stop({ force: true });
  neo4jServer = null;
  for (const r of await Promise.all(inFlight)) {
    if (r.errors) expect(codes(r)).toEqual(['SERVICE_UNAVAILABLE']);
    else expect(r.data).toEqual(before.data);
  }
  const down = await gql(server, AROUND);
  expect(codes(down)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(down.errors![0].message).toBe('a back-end service is unavailable; try again later');
  expect(down.errors![0].extensions).toMatchObject({ reason: 'GRAPH_UNAVAILABLE' });
  const search = await gql(server, `{ search(query: "医联体") { totalCount } }`);
  expect(search.data?.search.totalCount).toBe(1);

  neo4jServer = await start();
  await store.neighbors('hospital:北京朝阳医院', { depth: 2 }); // warm up the fresh server, as above
  const after = await gql(server, AROUND);
  expect(after.errors, JSON.stringify(after.errors)).toBeUndefined();
  expect(after.data).toEqual(before.data);
}, 300_000);

it('kill -9 during kg sync into Neo4j, then kg sync again: the graph equals a clean rebuild', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-fault-neo4j-sync-'));
  try {
    writePages(join(dir, 'in'), 500);
    kg(join(dir, 'data'), {}, 'import', join(dir, 'in'));
    const env = { NEO4J_URI: neo4jServer!.uri, NEO4J_USER: neo4jServer!.user, NEO4J_PASSWORD: neo4jServer!.password };
    const synced = () => count(join(dir, 'data'), "SELECT count(*) FROM sync_state WHERE target = 'graph'");
    await killWhen(join(dir, 'data'), env, ['sync', '--full'], () => synced() >= 100);
    expect(synced()).toBeLessThan(500);
    kg(join(dir, 'data'), env, 'sync');
    const rerun = await store.snapshot();
    expect(rerun.articles).toHaveLength(500);
    await store.clear();
    kg(join(dir, 'data'), env, 'sync', '--full');
    expect(await store.snapshot()).toEqual(rerun);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
