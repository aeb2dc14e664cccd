// The PostgreSQL archive against the port's conformance suite, on the KG_PG_URL server (skipped without it).
import { describe } from 'vitest';
import { testArchivePort } from '../test/conformance/archive-port.ts';
import { freshDatabase, PG_SKIP_MESSAGE, TEST_PG_URL } from '../test/postgres.ts';
import { PostgresArchive } from './postgres.ts';

if (!TEST_PG_URL) console.warn(`[kg tests] ${PG_SKIP_MESSAGE}`);

// needs a PostgreSQL server: KG_PG_URL (.ci/run starts one)
describe.skipIf(!TEST_PG_URL)('PostgresArchive (needs a PostgreSQL server at KG_PG_URL)', () => {
  testArchivePort('PostgresArchive', async () => {
    const url = await freshDatabase('port');
    return { open: () => PostgresArchive.open({ url }) };
  });
});
