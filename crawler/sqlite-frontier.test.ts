import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testFrontier } from '../test/conformance/frontier.ts';
import { migrate } from '../archive/migrate.ts';
import { ARCHIVE_MIGRATIONS } from '../archive/schema.ts';
import { SqliteFrontier } from './sqlite-frontier.ts';

testFrontier('SqliteFrontier', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kg-frontier-')), 'kg.sqlite');
  const open = () => {
    const db = new Database(file);
    migrate(db, 'archive', ARCHIVE_MIGRATIONS); // resume looks at the archive's origins
    return new SqliteFrontier(db);
  };
  return { open, reopen: open };
});
