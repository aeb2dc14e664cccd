// Per-host politeness: at most N requests in flight per host and a minimum gap between request
// starts (the configured delay, raised by a robots.txt Crawl-delay). Every request, redirect hops
// included, waits for its turn and records its actual start. The global cap lives in the crawler.

interface HostState {
  active: number;
  lastStart: number;
  delayMs: number;
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly perHost: number,
    private readonly delayMs: number,
  ) {}

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, lastStart: -Infinity, delayMs: this.delayMs };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Hosts that may not take another URL at `now`: full, or inside their gap. */
  busyHosts(now: number): Set<string> {
    const busy = new Set<string>();
    for (const [host, s] of this.hosts) if (s.active >= this.perHost || s.lastStart + s.delayMs > now) busy.add(host);
    return busy;
  }

  /** A URL of this host was taken from the frontier. */
  acquire(host: string): void {
    this.state(host).active++;
  }

  release(host: string): void {
    const s = this.hosts.get(host);
    if (!s) return;
    s.active = Math.max(0, s.active - 1);
    // Forget idle hosts past their gap, but keep one whose Crawl-delay raised it.
    if (s.active === 0 && s.lastStart + s.delayMs <= Date.now() && s.delayMs === this.delayMs) this.hosts.delete(host);
  }

  /** How long until this host may start a request (0: now). */
  waitFor(host: string, now: number): number {
    const s = this.state(host);
    return Math.max(0, s.lastStart + s.delayMs - now);
  }

  /** A request to this host starts now (call right before sending it). */
  started(host: string, now: number): void {
    this.state(host).lastStart = now;
  }

  /** Raise this host's gap (robots.txt Crawl-delay); never lowers the configured delay. */
  raiseDelay(host: string, ms: number): void {
    const s = this.state(host);
    if (ms > s.delayMs) s.delayMs = ms;
  }

  /** Earliest time a host held back only by its gap frees up, or null. */
  nextFreeAt(now: number): number | null {
    let t: number | null = null;
    for (const s of this.hosts.values()) {
      const at = s.lastStart + s.delayMs;
      if (s.active < this.perHost && at > now) t = t === null ? at : Math.min(t, at);
    }
    return t;
  }
}
