// The pure parts of cluster mode: the worker count (flag, environment, default) and the restart budget that
// ends a crash loop. The processes themselves are tested in test/cluster.test.ts.
import { availableParallelism } from 'node:os';
import { expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { RestartBudget, serverUrl, workerCount } from './cluster.ts';

it('takes the worker count from --workers, then KG_WORKERS, then one per core', () => {
  expect(workerCount('3', { KG_WORKERS: '5' })).toBe(3);
  expect(workerCount(undefined, { KG_WORKERS: '5' })).toBe(5);
  expect(workerCount(undefined, {})).toBe(Math.min(availableParallelism(), 64));
  expect(workerCount(undefined, { KG_WORKERS: '' })).toBe(Math.min(availableParallelism(), 64));
  for (const bad of ['0', '-1', '1.5', 'two', '65']) expect(() => workerCount(bad, {})).toThrow(UsageError);
  expect(() => workerCount(undefined, { KG_WORKERS: 'x' })).toThrow(/KG_WORKERS must be a whole number from 1 to 64, not 'x'/);
});

it('allows maxRestarts restarts within the window, refuses the next, and allows again once the window has moved on', () => {
  const budget = new RestartBudget(3, 60_000);
  expect([0, 1_000, 2_000, 3_000].map((t) => budget.allow(t))).toEqual([true, true, true, false]);
  expect(budget.allow(59_999)).toBe(false);
  expect(budget.allow(60_000)).toBe(true); // the restart at 0 is out of the window
  expect(new RestartBudget(0, 60_000).allow(0)).toBe(false);
});

it('brackets an IPv6 host in the URL', () => {
  expect(serverUrl('127.0.0.1', 4000)).toBe('http://127.0.0.1:4000');
  expect(serverUrl('::1', 4000)).toBe('http://[::1]:4000');
});
