// Prepared statements kept per SQL text: preparing costs about as much as running a small statement, and the
// stores run the same few statements thousands of times.
import type Database from 'better-sqlite3';

/** A `prepare` that prepares each SQL text once on this database. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let st = cache.get(sql);
    if (!st) cache.set(sql, (st = db.prepare(sql)));
    return st;
  };
}
