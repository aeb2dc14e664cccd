import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncGraph } from '../pipeline/sync.ts';
import { ALL, hospitals, loadFixtures } from '../test/resolution-fixtures.ts';
import { graphConformance } from '../test/conformance/graph.ts';
import { regionPartyConformance } from '../test/conformance/graph-regions.ts';
import { Neo4jGraphStore } from './neo4j.ts';
import { testNeo4j, type TestNeo4j } from './neo4j-test-server.ts';

let server: TestNeo4j;
beforeAll(async () => { server = await testNeo4j(); });
afterAll(async () => { await server?.stop(); });

graphConformance('Neo4j', async () => {
  const store = new Neo4jGraphStore({ uri: server.uri, user: server.user, password: server.password });
  await store.init();
  return store;
});

regionPartyConformance('Neo4j', async () => {
  const store = new Neo4jGraphStore({ uri: server.uri, user: server.user, password: server.password });
  await store.init();
  return store;
});

// Resolution happens before either store is written: Neo4j holds the canonical ids the embedded graph holds.
describe('Neo4j: resolved institutions', () => {
  it('syncs the resolved facts into Neo4j with the ids and figure aggregates the embedded graph has', async () => {
    const loaded = await loadFixtures(ALL);
    const neo = new Neo4jGraphStore({ uri: server.uri, user: server.user, password: server.password });
    try {
      await neo.init();
      await neo.clear();
      await syncGraph(loaded.services.archive, neo, { full: true });
      const ids = (await neo.findEntities({ type: 'hospital', limit: 500 })).map((e) => e.id).sort();
      expect(ids).toEqual(await hospitals(loaded.services));
      expect(ids).toContain('hospital:北京朝阳医院');
      expect(ids).not.toContain('hospital:朝阳医院');
      const beds = (s: typeof neo | typeof loaded.services.graph) => s.aggregateFigures({ metric: '床位', groupBy: ['place', 'year'] })
        .then((list) => list.map((a) => [a.place, a.year, a.status, a.sum]));
      expect(await beds(neo)).toEqual(await beds(loaded.services.graph));
    } finally {
      await neo.close();
      await loaded.close();
    }
  }, 120_000);
});
