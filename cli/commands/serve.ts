// kg serve [--port 4000] [--host 127.0.0.1] [--workers N]: GraphQL at /graphql and the web pages at / , over the
// archive's current graph and search index (run `kg sync` first). `kg start` calls serve() too. With more than
// one worker (default: one per core), cli/cluster.ts forks them; `--workers 1` serves from this process.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi, type ApiOptions } from '../../api/index.ts';
import { openServices, type Services } from '../../pipeline/services.ts';
import { parse } from '../args.ts';
import { Cluster, serverUrl, workerCount } from '../cluster.ts';
import { checkPort, SERVE_OPTIONS } from '../serve-options.ts';

export interface Serving {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the HTTP server; resolves once it listens. Port 0 picks a free port. */
export async function serve(opts: {
  services: Pick<Services, 'archive' | 'graph' | 'search' | 'adapters'>;
  port: number;
  host: string;
  api?: ApiOptions;
  /** Print where it serves. Default true (cluster workers leave it to the primary). */
  log?: boolean;
  /** Added to every response. */
  headers?: Record<string, string>;
}): Promise<Serving> {
  checkPort(opts.port);
  // Links in feeds name where this server listens unless KG_PUBLIC_URL says otherwise (a proxy in front).
  const publicUrl = process.env.KG_PUBLIC_URL || (opts.port ? serverUrl(opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host, opts.port) : undefined);
  const yoga = createApi(opts.services, { publicUrl, ...opts.api });
  const headers = Object.entries(opts.headers ?? {});
  const server = createServer(headers.length === 0 ? yoga : (req, res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    return yoga(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const url = serverUrl(opts.host, (server.address() as AddressInfo).port);
  if (opts.log ?? true) console.log(`serving GraphQL at ${url}/graphql and the web pages at ${url}/`);
  return {
    url,
    server,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export async function run(argv: string[]): Promise<number> {
  const started = Date.now();
  const { values } = parse(argv, SERVE_OPTIONS);
  const port = checkPort(Number(values.port));
  const workers = workerCount(values.workers);
  const cluster = workers > 1 ? new Cluster({ workers, port, host: values.host, startedAt: started }) : null;
  const services: Services = await openServices();
  if (cluster) {
    // Opening once here applied pending migrations before the workers open the archive.
    await services.close();
    return cluster.serve();
  }
  await serveUntilStopped(services, port, values.host);
  return -1; // keep running
}

/** Serves from this process until SIGINT/SIGTERM, then closes the server and the services and exits 0. */
export async function serveUntilStopped(services: Services, port: number, host: string): Promise<Serving> {
  const serving = await serve({ services, port, host });
  // A signal can arrive twice (to the process group, and relayed by a wrapper such as tsx): the handler stays
  // installed and the second one is ignored, so it cannot kill the process in the middle of closing.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void serving.close().finally(() => services.close().finally(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return serving;
}
