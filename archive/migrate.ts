// Schema migrations, per module. Each module (archive, crawler, graph, search…) owns an ordered list of
// SQL steps; applied steps are recorded in schema_migrations so running again is a no-op.
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3… in order; never renumber a released migration. */
  version: number;
  name: string;
  sql: string;
}

export function migrate(db: Database.Database, module: string, migrations: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
    PRIMARY KEY (module, version))`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations WHERE module = ?').all(module) as { version: number }[]).map((r) => r.version),
  );
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?');
  let count = 0;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    // Under the write lock (BEGIN IMMEDIATE), look again: another process on the same file (a server's
    // workers starting together, a CLI command) may have applied it since the read above.
    const ran = db.transaction(() => {
      if (isApplied.get(module, m.version)) return false;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)').run(
        module, m.version, m.name, new Date().toISOString(),
      );
      return true;
    }).immediate();
    if (ran) count++;
  }
  return count;
}
