// Leases on a real archive file, held by real processes: one job of a kind at a time, taken over from a dead owner.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Archive } from './index.ts';
import { LeaseHeldError, pidAlive, withLease } from './lease.ts';

let dir: string;
let archive: Archive;
const others: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-lease-'));
  archive = Archive.open({ dataDir: dir });
});
afterEach(() => {
  for (const p of others.splice(0)) p.kill('SIGKILL');
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Marks the lease as held by `pid`, the way another process's withLease leaves it while its job runs. */
async function heldBy(name: string, pid: number): Promise<void> {
  await withLease(archive.db, name, async () => undefined); // creates the table
  archive.db.prepare('INSERT INTO leases (name, owner_pid, owner_host, since) VALUES (?, ?, ?, ?)').run(name, pid, hostname(), '2026-01-01T00:00:00.000Z');
}

const holders = () => archive.db.prepare('SELECT name, owner_pid AS pid FROM leases').all();

describe('withLease', () => {
  it('runs the job, then lets the lease go, also when the job fails', async () => {
    expect(await withLease(archive.db, 'graph sync', async () => holders())).toEqual([{ name: 'graph sync', pid: process.pid }]);
    expect(holders()).toEqual([]);
    await expect(withLease(archive.db, 'graph sync', async () => { throw new Error('target down'); })).rejects.toThrow('target down');
    expect(holders()).toEqual([]);
  });

  it('refuses a second job of the same kind while one runs, in this process or another, and names the holder', async () => {
    let release!: () => void;
    const running = withLease(archive.db, 'search sync', () => new Promise<void>((r) => (release = r)));
    const refused = await withLease(archive.db, 'search sync', async () => 'ran').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LeaseHeldError);
    expect(refused).toMatchObject({ code: 'SEARCH_SYNC_RUNNING', message: expect.stringContaining(`process ${process.pid}`) });
    // Other kinds are not held back.
    expect(await withLease(archive.db, 'graph sync', async () => 'ran')).toBe('ran');
    release();
    await running;
    expect(await withLease(archive.db, 'search sync', async () => 'ran')).toBe('ran');

    const other = spawn('sleep', ['30']);
    others.push(other);
    await heldBy('graph sync', other.pid!);
    await expect(withLease(archive.db, 'graph sync', async () => 'ran')).rejects.toMatchObject({ code: 'GRAPH_SYNC_RUNNING', holder: { pid: other.pid } });
  });

  it('takes over a lease whose owner process died without letting it go', async () => {
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const dead = Number(r.stdout);
    expect(pidAlive(dead)).toBe(false);
    await heldBy('graph sync', dead);
    expect(await withLease(archive.db, 'graph sync', async () => holders())).toEqual([{ name: 'graph sync', pid: process.pid }]);
    expect(holders()).toEqual([]);
  });
});
