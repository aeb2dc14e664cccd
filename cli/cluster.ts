// Cluster mode for `kg serve` and `kg start` (--workers N, $KG_WORKERS; default one per core): the primary
// forks N workers (cli/cluster-worker.ts), each with its own services and SQLite connection, all listening
// on one port through node:cluster. The primary reports the URL once and "ready" once all listen, restarts a
// worker that dies (within a budget, so a crash loop ends), and on SIGINT/SIGTERM stops them all and exits 0.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UsageError } from './args.ts';

const WORKER_ENTRY = fileURLToPath(new URL('./cluster-worker.ts', import.meta.url));
export const MAX_WORKERS = 64;
/** The message a worker takes as "finish your requests, close, exit 0". */
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

/** Runs the primary until the cluster stops; resolves with the exit code (0 after SIGINT/SIGTERM, 1 on failure). */
export function runCluster(options: ClusterOptions): Promise<number> {
  const o = ClusterOptionsSchema.parse(options);
  const startedAt = o.startedAt ?? Date.now();
  // Workers run under the same loader flags as this process (tsx's --import / --require), from their own entry.
  cluster.setupPrimary({ exec: WORKER_ENTRY, execArgv: process.execArgv, args: [] });
  const budget = new RestartBudget(o.maxRestarts, o.restartWindowMs);
  const live = new Set<Worker>();
  const listening = new Set<Worker>();
  // Workers share the listening socket only when they ask for the same port: all ask for the one given
  // (0 too: cluster hands every worker the same socket), until none is left to share it with; from then on,
  // the port the first one settled on.
  let port = o.port;
  let settled: number | null = null;
  let ready = false;
  let stopping = false;

  return new Promise<number>((resolve) => {
    let code = 0;
    let killTimer: NodeJS.Timeout | undefined;

    const fork = () => {
      if (live.size === 0 && settled !== null) port = settled;
      const w = cluster.fork({ KG_WORKER_PORT: String(port), KG_WORKER_HOST: o.host });
      live.add(w);
    };

    const stop = (exitCode: number) => {
      if (stopping) return;
      stopping = true;
      code = exitCode;
      for (const w of live) {
        // One still starting has no request to finish (and may not listen for messages yet).
        if (listening.has(w) && w.isConnected()) w.send(SHUTDOWN);
        else w.process.kill('SIGKILL');
      }
      killTimer = setTimeout(() => {
        for (const w of live) {
          console.error(`worker ${w.process.pid} did not stop within ${o.shutdownMs / 1000} s: killing it`);
          w.process.kill('SIGKILL');
        }
      }, o.shutdownMs);
      if (live.size === 0) finish();
    };

    const finish = () => {
      clearTimeout(killTimer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      cluster.off('listening', onListening);
      cluster.off('exit', onExit);
      resolve(code);
    };

    const onListening = (w: Worker, address: { port: number }) => {
      listening.add(w);
      if (settled === null) {
        settled = address.port;
        const url = serverUrl(o.host, settled);
        console.log(`serving GraphQL at ${url}/graphql and the web pages at ${url}/`);
      } else if (address.port !== settled) {
        // Only after every worker died at once with port 0: the port could not be kept.
        settled = address.port;
        console.error(`every worker had stopped: now serving at ${serverUrl(o.host, settled)}/`);
      }
      if (!ready && listening.size === o.workers) {
        ready = true;
        const pids = [...listening].map((x) => x.process.pid).join(', ');
        console.log(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${o.workers} workers (pids ${pids}), primary pid ${process.pid}`);
      }
    };

    const onExit = (w: Worker, exitCode: number | null, signal: string | null) => {
      const listened = listening.delete(w);
      live.delete(w);
      if (stopping) {
        if (live.size === 0) finish();
        return;
      }
      const how = signal ? `was killed (${signal})` : `exited with code ${exitCode}`;
      if (!ready && !listened) {
        console.error(`worker ${w.process.pid} ${how} before it could serve: stopping`);
        return stop(1);
      }
      if (!budget.allow()) {
        console.error(`worker ${w.process.pid} ${how}: over ${o.maxRestarts} restarts within ${o.restartWindowMs / 1000} s, stopping`);
        return stop(1);
      }
      console.error(`worker ${w.process.pid} ${how}: starting another`);
      fork();
    };

    // Ctrl-C reaches every process of the group: workers ignore signals and wait for the primary's message.
    // Repeated signals (a terminal and tsx both relaying) change nothing once stopping.
    const onSignal = () => stop(0);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    cluster.on('listening', onListening);
    cluster.on('exit', onExit);
    for (let i = 0; i < o.workers; i++) fork();
  });
}
