// Leases: at most one job of a kind at a time on one archive, across every process that opens it (server
// workers, `kg sync`, `kg start`). Two syncs of one target at once could interleave a full rebuild's reset with
// the other's writes and mark an article synced that the target no longer holds. A lease whose owner process is
// gone (its pid no longer alive on this host) is taken over, so a killed command never blocks the next one.
import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { KgError } from './errors.ts';
import { migrate, type Migration } from './migrate.ts';

export const LEASE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'leases: one job of a kind at a time',
    sql: `CREATE TABLE leases (name TEXT PRIMARY KEY, owner_pid INTEGER NOT NULL, owner_host TEXT NOT NULL, since TEXT NOT NULL)`,
  },
];

/** Another process holds the lease: the job is already running. */
export class LeaseHeldError extends KgError {
  constructor(readonly lease: string, readonly holder: { pid: number; host: string; since: string }) {
    super(`${lease.toUpperCase().replace(/\W+/g, '_')}_RUNNING`, `${lease} is already running (process ${holder.pid} on ${holder.host}, since ${holder.since}); try again when it ends`);
  }
}

/** Whether a process with this pid exists on this machine (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Holder = { owner_pid: number; owner_host: string; since: string };

/** Who holds the lease `name` now (a live process), or null: for refusing early, before starting work that takes it. */
export function leaseHolder(db: Database.Database, name: string): { pid: number; host: string; since: string } | null {
  migrate(db, 'lease', LEASE_MIGRATIONS);
  const held = db.prepare('SELECT owner_pid, owner_host, since FROM leases WHERE name = ?').get(name) as Holder | undefined;
  // A holder on another host cannot be checked; SQLite in WAL mode is not shared across hosts anyway.
  if (!held || (held.owner_host === hostname() && !pidAlive(held.owner_pid))) return null;
  return { pid: held.owner_pid, host: held.owner_host, since: held.since };
}

/**
 * Runs `work` holding the lease `name`; throws LeaseHeldError at once when a live process holds it. The check and
 * the claim happen under SQLite's write lock, so two processes cannot both take it.
 */
export async function withLease<T>(db: Database.Database, name: string, work: () => Promise<T>): Promise<T> {
  const host = hostname();
  db.transaction(() => {
    const holder = leaseHolder(db, name);
    if (holder) throw new LeaseHeldError(name, holder);
    db.prepare('INSERT OR REPLACE INTO leases (name, owner_pid, owner_host, since) VALUES (?, ?, ?, ?)').run(name, process.pid, host, new Date().toISOString());
  }).immediate();
  try {
    return await work();
  } finally {
    db.prepare('DELETE FROM leases WHERE name = ? AND owner_pid = ? AND owner_host = ?').run(name, process.pid, host);
  }
}
