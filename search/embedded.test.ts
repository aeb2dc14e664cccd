import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { searchConformance } from '../test/conformance/search.ts';
import { EmbeddedSearchIndex } from './embedded.ts';

searchConformance('embedded (SQLite FTS5)', async () => new EmbeddedSearchIndex(new Database(':memory:')), { near: true });

describe('EmbeddedSearchIndex', () => {
  it('refuses unknown options', () => {
    expect(() => new EmbeddedSearchIndex(new Database(':memory:'), { titelWeight: 2 } as never)).toThrow();
  });

  it('keeps its tables in the archive file under its own migrations', async () => {
    const db = new Database(':memory:');
    const index = new EmbeddedSearchIndex(db);
    await index.init();
    await index.init();
    const rows = db.prepare("SELECT version FROM schema_migrations WHERE module = 'search' ORDER BY version").all();
    expect(rows).toEqual([1, 2, 3, 4, 5].map((version) => ({ version })));
  });
});
