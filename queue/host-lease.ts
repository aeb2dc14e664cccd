// Per-host politeness shared by every worker on every machine: a host is leased to one job at a time (a Redis key
// with an expiry, so a killed worker's lease lapses), and the host's next allowed request start is kept in Redis.
// Times come from Redis (TIME), one clock for all machines.
import type { Redis } from 'ioredis';

// KEYS: lease, next, delay. ARGV: token, leaseMs. → {1, 0} taken; {0, retryAt} busy or too early. The next start
// is recorded by TURN, right before each request goes out, so the gap runs from real request starts.
const ACQUIRE = `
local t = redis.call('TIME'); local now = t[1] * 1000 + math.floor(t[2] / 1000)
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
local pttl = redis.call('PTTL', KEYS[1])
if pttl > 0 then return {0, math.max(nxt, now + math.min(pttl, 50))} end
if nxt > now then return {0, nxt} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {1, 0}`;

// A request under a held lease. → -1 lease lost; > 0 ms to wait; 0 go (next start recorded, lease renewed).
const TURN = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local t = redis.call('TIME'); local now = t[1] * 1000 + math.floor(t[2] / 1000)
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nxt > now then return nxt - now end
local delay = math.max(tonumber(redis.call('GET', KEYS[3]) or '0'), tonumber(ARGV[3]))
redis.call('SET', KEYS[2], now + delay)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0`;

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
// Raise the host's gap (robots.txt Crawl-delay) and push the next start out accordingly; never lowers it.
const RAISE = `
local cur = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) <= cur then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
redis.call('SET', KEYS[1], nxt + tonumber(ARGV[1]) - math.max(cur, tonumber(ARGV[2])))
return 1`;

export class LeaseLostError extends Error {
  readonly code = 'HOST_LEASE_LOST';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class HostLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** How long a lease lasts without renewal: a killed worker's host frees up after this. */
    private readonly leaseMs: number,
  ) {}

  private keys(host: string): [string, string, string] {
    const k = `${this.prefix}:host:${host}`;
    return [`${k}:lease`, `${k}:next`, `${k}:delay`];
  }

  /** Take the host if it is free and its gap has passed: a Lease; otherwise the time (epoch ms) to try again. */
  async acquire(host: string, token: string, delayMs: number): Promise<Lease | { retryAt: number }> {
    const [ok, v] = (await this.redis.eval(ACQUIRE, 3, ...this.keys(host), token, this.leaseMs)) as [number, number];
    if (!ok) return { retryAt: v };
    return new Lease(this, host, token, delayMs);
  }

  /** @internal */
  async turn(host: string, token: string, delayMs: number): Promise<void> {
    for (;;) {
      const wait = (await this.redis.eval(TURN, 3, ...this.keys(host), token, this.leaseMs, delayMs)) as number;
      if (wait === 0) return;
      if (wait < 0) throw new LeaseLostError(`lease on ${host} lapsed`);
      await sleep(wait);
    }
  }

  /** @internal */
  async renew(host: string, token: string): Promise<void> {
    await this.redis.eval(RENEW, 1, this.keys(host)[0], token, this.leaseMs);
  }

  /** @internal */
  async release(host: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.keys(host)[0], token);
  }

  /** Raise a host's gap for every worker (robots.txt Crawl-delay). */
  async raiseDelay(host: string, ms: number, configuredMs: number): Promise<void> {
    const [, next, delay] = this.keys(host);
    await this.redis.eval(RAISE, 2, next, delay, ms, configuredMs);
  }

  get renewEveryMs(): number {
    return Math.max(50, Math.floor(this.leaseMs / 3));
  }
}

/** A held host: each request calls turn() right before it starts. Renewed while held. */
export class Lease {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly leases: HostLeases,
    readonly host: string,
    private readonly token: string,
    private readonly delayMs: number,
  ) {
    this.timer = setInterval(() => void leases.renew(host, token).catch(() => {}), leases.renewEveryMs);
    this.timer.unref();
  }

  /** Wait for this host's next request slot and record that a request starts now. */
  async turn(): Promise<void> {
    await this.leases.turn(this.host, this.token, this.delayMs);
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.leases.release(this.host, this.token);
  }
}
