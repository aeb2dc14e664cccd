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
  let count = 0;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)').run(
        module, m.version, m.name, new Date().toISOString(),
      );
    })();
    count++;
  }
  return count;
}
