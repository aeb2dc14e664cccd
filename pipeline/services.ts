// Chooses the adapters behind the two ports. Embedded (the archive's own SQLite file) by default, so a
// fresh clone needs no server; Neo4j when NEO4J_URI is set, Meilisearch when MEILI_HOST is set.
import { KgError } from '../archive/errors.ts';
import { Archive, type ArchiveOptions } from '../archive/index.ts';
import { EmbeddedGraphStore } from '../graph/embedded.ts';
import type { GraphStore } from '../graph/port.ts';
import { EmbeddedSearchIndex } from '../search/embedded.ts';
import type { SearchIndex } from '../search/port.ts';

export interface Services {
  archive: Archive;
  graph: GraphStore;
  search: SearchIndex;
  /** Which adapters are in use, for `kg stats` and the API's statistics. */
  adapters: { graph: 'embedded' | 'neo4j'; search: 'embedded' | 'meilisearch' };
  close(): Promise<void>;
}

export interface ServicesOptions extends ArchiveOptions {
  /** Environment to read NEO4J_* and MEILI_* from. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** KG_SEARCH_CACHE: answers the embedded index keeps for repeated queries (0 turns the cache off). */
function cacheEntries(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new KgError('BAD_CONFIG', `KG_SEARCH_CACHE must be a whole number of answers (0 turns the cache off), not "${value}"`);
  return n;
}

/** The Meilisearch index named by MEILI_HOST, MEILI_API_KEY and MEILI_INDEX (default "articles"). */
async function meiliIndex(env: NodeJS.ProcessEnv): Promise<SearchIndex> {
  const { MeiliSearchIndex } = await import('../search/meilisearch.ts');
  try {
    return new MeiliSearchIndex({ host: env.MEILI_HOST!, apiKey: env.MEILI_API_KEY, indexUid: env.MEILI_INDEX || undefined });
  } catch (e) {
    throw new KgError('BAD_CONFIG', `MEILI_HOST must be a URL and MEILI_INDEX letters, digits, - or _ only (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
}

export async function openServices(options: ServicesOptions = {}): Promise<Services> {
  const env = options.env ?? process.env;
  const searchCache = cacheEntries(env.KG_SEARCH_CACHE); // checked before anything is opened
  const meili = env.MEILI_HOST ? await meiliIndex(env) : null; // likewise (the client connects only at init)
  const archive = Archive.open(options);
  let graph: GraphStore;
  let graphKind: Services['adapters']['graph'] = 'embedded';
  if (env.NEO4J_URI) {
    const { Neo4jGraphStore } = await import('../graph/neo4j.ts');
    graph = new Neo4jGraphStore({ uri: env.NEO4J_URI, user: env.NEO4J_USER ?? 'neo4j', password: env.NEO4J_PASSWORD ?? '' });
    graphKind = 'neo4j';
  } else graph = new EmbeddedGraphStore(archive.db);
  const search: SearchIndex = meili ?? new EmbeddedSearchIndex(archive.db, { cacheEntries: searchCache });
  const searchKind: Services['adapters']['search'] = meili ? 'meilisearch' : 'embedded';
  await graph.init();
  await search.init();
  return {
    archive,
    graph,
    search,
    adapters: { graph: graphKind, search: searchKind },
    async close() {
      await search.close();
      await graph.close();
      archive.close();
    },
  };
}
