// One sync of a target at a time on an archive: a sync the API asks for while another process syncs the same
// target is refused with a typed result naming the running one, nothing is marked synced, and it goes through
// once that process is gone.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiServer } from '../../api/index.ts';
import { withLease } from '../../archive/lease.ts';
import { syncSearch } from '../../pipeline/index.ts';
import { api, gql, loadTestArchive, type TestArchive } from './setup.ts';

const KEY = 'lease-test-key-42';
const auth = { authorization: `Bearer ${KEY}` };
let t: TestArchive;
let server: ApiServer;

beforeAll(async () => {
  t = await loadTestArchive();
  server = api(t.services, { apiKey: KEY });
});
afterAll(async () => {
  await t?.close();
});

it('refuses a sync while another process syncs the same target, and runs it once that process is gone', async () => {
  const { archive } = t.services;
  // Another process in the middle of a graph sync (its withLease row), with a change waiting to be synced.
  const other = spawn('sleep', ['30']);
  await withLease(archive.db, 'graph sync', async () => undefined);
  archive.db.prepare('INSERT INTO leases (name, owner_pid, owner_host, since) VALUES (?, ?, ?, ?)').run('graph sync', other.pid, hostname(), new Date().toISOString());
  archive.resetSync('graph');
  const pending = archive.countChangedFor('graph');
  expect(pending).toBeGreaterThan(0);
  try {
    const r = await gql(server, `mutation { sync { __typename ... on OperationFailedError { code message } } }`, {}, auth);
    expect(r.data!.sync).toMatchObject({ __typename: 'OperationFailedError', code: 'GRAPH_SYNC_RUNNING', message: expect.stringContaining(`process ${other.pid}`) });
    expect(archive.countChangedFor('graph')).toBe(pending);
    // The other target is not held back.
    await expect(syncSearch(archive, t.services.search)).resolves.toMatchObject({ target: 'search' });
  } finally {
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
  }
  const r = await gql(server, `mutation { sync { __typename ... on MutationSyncSuccess { data { target written } } } }`, {}, auth);
  expect(r.data!.sync.__typename).toBe('MutationSyncSuccess');
  expect(r.data!.sync.data).toContainEqual({ target: 'graph', written: pending });
  expect(archive.countChangedFor('graph')).toBe(0);
});
