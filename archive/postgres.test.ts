// The PostgreSQL archive against the port's conformance suite, on the KG_PG_URL server (skipped without it).
import { describe, it } from 'vitest';
import { testArchivePort } from '../test/conformance/archive-port.ts';
import { freshDatabase, PG_SKIP_MESSAGE, TEST_PG_URL } from '../test/postgres.ts';
import { PostgresArchive } from './postgres.ts';

if (TEST_PG_URL) {
  testArchivePort('PostgresArchive', async () => {
    const url = await freshDatabase('port');
    return { open: () => PostgresArchive.open({ url }) };
  });
} else {
  describe('ArchivePort conformance: PostgresArchive', () => {
    it.skip(PG_SKIP_MESSAGE, () => {});
  });
}
