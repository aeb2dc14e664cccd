// For tests: the Neo4j named by NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD), or a fresh local one on a
// free 127.0.0.1 port with its data in a temporary directory, so graph tests always run against a real Neo4j.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDataDir, startLocalNeo4j, type LocalNeo4j } from './neo4j-server.ts';

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  /** The local server when this run started one (null when NEO4J_URI names an outside server). */
  local: LocalNeo4j | null;
  dataDir: string | null;
  stop(): Promise<void>;
}

export async function testNeo4j(opts: { forceLocal?: boolean } = {}): Promise<TestNeo4j> {
  if (process.env.NEO4J_URI && !opts.forceLocal) {
    return {
      uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '',
      local: null, dataDir: null, stop: async () => undefined,
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-neo4j-'));
  const local = await startLocalNeo4j({ dataDir, port: 0, heap: '512m', pagecache: '32m' });
  return {
    ...local, local, dataDir,
    async stop() {
      await local.stop();
      removeDataDir(dataDir);
    },
  };
}
