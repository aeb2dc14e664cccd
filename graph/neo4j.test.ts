import { afterAll, beforeAll } from 'vitest';
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
