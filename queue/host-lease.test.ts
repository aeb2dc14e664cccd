// The global per-host lease on a real Redis: one holder at a time, the gap between request starts, a lapsed
// lease after its holder stops renewing (a killed worker), and no release by a non-holder.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_SKIP_MESSAGE, TEST_REDIS_URL, testPrefix } from '../test/redis.ts';
import { connectRedis } from './connection.ts';
import { HostLeases, Lease } from './host-lease.ts';

describe.skipIf(!TEST_REDIS_URL)('HostLeases (Redis)', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectRedis(TEST_REDIS_URL!);
  });
  afterAll(() => redis?.disconnect());

  it('lets one holder at a time take a host, and the next only after the gap', async () => {
    const leases = new HostLeases(redis, testPrefix('lease'), 5000);
    const a = await leases.acquire('a.test', 'w1', 300);
    expect(a).toBeInstanceOf(Lease);
    await (a as Lease).turn(); // a request starts
    const busy = await leases.acquire('a.test', 'w2', 300);
    expect(busy).toHaveProperty('retryAt');
    expect(await leases.acquire('b.test', 'w2', 300)).toBeInstanceOf(Lease); // other hosts are free
    await (a as Lease).release();
    const early = await leases.acquire('a.test', 'w2', 300);
    expect(early).toHaveProperty('retryAt'); // free, but inside the gap since w1's start
    await new Promise((r) => setTimeout(r, (early as { retryAt: number }).retryAt - Date.now() + 20));
    expect(await leases.acquire('a.test', 'w2', 300)).toBeInstanceOf(Lease);
  });

  it('spaces further requests under one lease by the gap, raised by a Crawl-delay for every worker', async () => {
    const leases = new HostLeases(redis, testPrefix('turn'), 5000);
    const lease = (await leases.acquire('a.test', 'w1', 100)) as Lease;
    const starts: number[] = [];
    await lease.turn();
    starts.push(Date.now());
    await leases.raiseDelay('a.test', 250, 100);
    await lease.turn();
    starts.push(Date.now());
    await lease.turn();
    starts.push(Date.now());
    await lease.release();
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(240);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(240);
    const retry = await leases.acquire('a.test', 'w2', 100);
    expect((retry as { retryAt: number }).retryAt - starts[2]).toBeGreaterThanOrEqual(240); // the raised gap holds for others
  });

  it('frees a host whose holder died once the lease lapses; a non-holder cannot release it', async () => {
    const leases = new HostLeases(redis, testPrefix('lapse'), 300);
    const dead = (await leases.acquire('a.test', 'dead', 0)) as Lease;
    dead.release = async () => {}; // a killed worker never releases
    await leases.release('a.test', 'someone-else');
    expect(await leases.acquire('a.test', 'w2', 0)).toHaveProperty('retryAt');
    // The holder's renewal timer dies with it: stop it the way a SIGKILL would.
    (dead as unknown as { timer: NodeJS.Timeout }).timer.close();
    await new Promise((r) => setTimeout(r, 350));
    expect(await leases.acquire('a.test', 'w2', 0)).toBeInstanceOf(Lease);
  });
});
if (!TEST_REDIS_URL) console.warn(`[kg tests] ${REDIS_SKIP_MESSAGE}`);
