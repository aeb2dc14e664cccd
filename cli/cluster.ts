// Cluster mode for `kg serve` and `kg start` (--workers N, $KG_WORKERS; default one per core): the primary
// forks N workers (cli/cluster-worker.ts), each with its own services and SQLite connection, all listening
// on one port through node:cluster. The primary reports the URL once and "ready" once all listen, restarts a
// worker that dies (within a budget, so a crash loop ends), and on SIGINT/SIGTERM stops them all and exits 0.
// Before serve(), signals keep their default: the primary dies, and workers exit when their channel to it closes.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UsageError } from './args.ts';

const WORKER_ENTRY = fileURLToPath(new URL('./cluster-worker.ts', import.meta.url));
export const MAX_WORKERS = 64;
// Messages between the primary and a worker: the worker has loaded its code; the primary lets it open the
// archive and listen; the primary asks it to finish its requests, close and exit 0.
export const LOADED = 'kg:loaded';
export const SERVE = 'kg:serve';
export const SHUTDOWN = 'kg:shutdown';

export const ClusterOptionsSchema = z
  .object({
    workers: z.number().int().min(2).max(MAX_WORKERS),
    port: z.number().int().min(0).max(65535),
    host: z.string().min(1),
    /** Restarts allowed within restartWindowMs; one more and the primary stops everything (exit 1). Default 5. */
    maxRestarts: z.number().int().min(0).default(5),
    /** Default 60 s. */
    restartWindowMs: z.number().int().positive().default(60_000),
    /** How long workers get to finish their requests when stopping, before they are killed. Default 10 s. */
    shutdownMs: z.number().int().positive().default(10_000),
    /** When the command started (epoch ms), for the "ready in" line. Default: now. */
    startedAt: z.number().optional(),
  })
  .strict();
export type ClusterOptions = z.input<typeof ClusterOptionsSchema>;

/** The base URL a server on host:port answers at (an IPv6 host in brackets). */
export function serverUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Worker count from --workers, else $KG_WORKERS, else one per core; 1 means no cluster. */
export function workerCount(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const [name, value] = flag !== undefined ? ['--workers', flag] : ['KG_WORKERS', env.KG_WORKERS];
  if (value === undefined || value === '') return Math.min(availableParallelism(), MAX_WORKERS);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) throw new UsageError(`${name} must be a whole number from 1 to ${MAX_WORKERS}, not '${value}'`);
  return n;
}

/** Restarts within a sliding window: allow() is false once there were `max` already. */
export class RestartBudget {
  private readonly times: number[] = [];
  constructor(private readonly max: number, private readonly windowMs: number) {}

  allow(now = Date.now()): boolean {
    while (this.times.length && now - this.times[0] >= this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}

/**
 * The primary. Constructing it forks the workers at once: they load their code while this process prepares the
 * data (demo, extraction, sync), then wait. serve() lets them open the archive and listen, and runs until the
 * cluster stops.
 */
export class Cluster {
  private readonly o: z.output<typeof ClusterOptionsSchema>;
  private readonly startedAt: number;
  private readonly budget: RestartBudget;
  private readonly live = new Set<Worker>();
  private readonly listening = new Set<Worker>();
  /** Workers that have loaded and wait for serve(). */
  private readonly waiting = new Set<Worker>();
  // Workers share the listening socket only when they ask for the same port: all ask for the one given (0 too:
  // cluster hands every worker the same socket), until none is left to share it with; from then on, the port
  // the first one settled on.
  private port: number;
  private settled: number | null = null;
  private released = false;
  private ready = false;
  private stopping = false;
  private code = 0;
  private killTimer: NodeJS.Timeout | undefined;
  private done!: (code: number) => void;
  /** Resolves with the exit code: 0 after SIGINT/SIGTERM, 1 when the cluster could not keep serving. */
  readonly stopped = new Promise<number>((resolve) => (this.done = resolve));

  constructor(options: ClusterOptions) {
    this.o = ClusterOptionsSchema.parse(options);
    this.startedAt = this.o.startedAt ?? Date.now();
    this.budget = new RestartBudget(this.o.maxRestarts, this.o.restartWindowMs);
    this.port = this.o.port;
    // Workers run under the same loader flags as this process (tsx's --import / --require), from their own entry.
    cluster.setupPrimary({ exec: WORKER_ENTRY, execArgv: process.execArgv, args: [] });
    cluster.on('message', this.onMessage);
    cluster.on('listening', this.onListening);
    cluster.on('exit', this.onExit);
    for (let i = 0; i < this.o.workers; i++) this.fork();
  }

  serve(): Promise<number> {
    if (this.stopping) return this.stopped;
    this.released = true;
    for (const w of this.waiting) w.send(SERVE);
    this.waiting.clear();
    // Ctrl-C reaches every process of the group: workers ignore signals and wait for the primary's message.
    // Repeated signals (a terminal and tsx both relaying) change nothing once stopping.
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
    return this.stopped;
  }

  private fork(): void {
    if (this.live.size === 0 && this.settled !== null) this.port = this.settled;
    this.live.add(cluster.fork({ KG_WORKER_PORT: String(this.port), KG_WORKER_HOST: this.o.host }));
  }

  private stop(code: number): void {
    if (this.stopping) return;
    this.stopping = true;
    this.code = code;
    for (const w of this.live) {
      // One that does not listen yet has no request to finish.
      if (this.listening.has(w) && w.isConnected()) w.send(SHUTDOWN);
      else w.process.kill('SIGKILL');
    }
    this.killTimer = setTimeout(() => {
      for (const w of this.live) {
        console.error(`worker ${w.process.pid} did not stop within ${this.o.shutdownMs / 1000} s: killing it`);
        w.process.kill('SIGKILL');
      }
    }, this.o.shutdownMs);
    if (this.live.size === 0) this.finish();
  }

  private finish(): void {
    clearTimeout(this.killTimer);
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    cluster.off('message', this.onMessage);
    cluster.off('listening', this.onListening);
    cluster.off('exit', this.onExit);
    this.done(this.code);
  }

  private readonly onSignal = () => this.stop(0);

  private readonly onMessage = (w: Worker, message: unknown) => {
    if (message !== LOADED) return;
    if (this.released) w.send(SERVE);
    else this.waiting.add(w);
  };

  private readonly onListening = (w: Worker, address: { port: number }) => {
    this.listening.add(w);
    if (this.settled === null) {
      this.settled = address.port;
      const url = serverUrl(this.o.host, this.settled);
      console.log(`serving GraphQL at ${url}/graphql and the web pages at ${url}/`);
    } else if (address.port !== this.settled) {
      // Only after every worker died at once with port 0: the port could not be kept.
      this.settled = address.port;
      console.error(`every worker had stopped: now serving at ${serverUrl(this.o.host, this.settled)}/`);
    }
    if (!this.ready && this.listening.size === this.o.workers) {
      this.ready = true;
      const pids = [...this.listening].map((x) => x.process.pid).join(', ');
      const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
      console.log(`ready in ${seconds} s: ${this.o.workers} workers (pids ${pids}), primary pid ${process.pid}`);
    }
  };

  private readonly onExit = (w: Worker, exitCode: number | null, signal: string | null) => {
    const listened = this.listening.delete(w);
    this.live.delete(w);
    this.waiting.delete(w);
    if (this.stopping) {
      if (this.live.size === 0) this.finish();
      return;
    }
    const how = signal ? `was killed (${signal})` : `exited with code ${exitCode}`;
    if (!this.ready && !listened) {
      console.error(`worker ${w.process.pid} ${how} before it could serve: stopping`);
      return this.stop(1);
    }
    if (!this.budget.allow()) {
      console.error(`worker ${w.process.pid} ${how}: over ${this.o.maxRestarts} restarts within ${this.o.restartWindowMs / 1000} s, stopping`);
      return this.stop(1);
    }
    console.error(`worker ${w.process.pid} ${how}: starting another`);
    this.fork();
  };
}
