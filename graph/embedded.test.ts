import Database from 'better-sqlite3';
import { graphConformance } from '../test/conformance/graph.ts';
import { regionPartyConformance } from '../test/conformance/graph-regions.ts';
import { EmbeddedGraphStore } from './embedded.ts';

graphConformance('embedded (SQLite)', async () => {
  const store = new EmbeddedGraphStore(new Database(':memory:'));
  await store.init();
  return store;
});

regionPartyConformance('embedded (SQLite)', async () => {
  const store = new EmbeddedGraphStore(new Database(':memory:'));
  await store.init();
  return store;
});
