// kg serve [--port 4000] [--host 127.0.0.1]: GraphQL at /graphql and the web pages at / , over the
// archive's current graph and search index (run `kg sync` first). `kg start` calls serve() too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi, type ApiOptions } from '../../api/index.ts';
import { openServices, type Services } from '../../pipeline/services.ts';
import { parse, UsageError } from '../args.ts';

export interface Serving {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the HTTP server; resolves once it listens. Port 0 picks a free port. */
export async function serve(opts: { services: Pick<Services, 'archive' | 'graph' | 'search' | 'adapters'>; port: number; host: string; api?: ApiOptions }): Promise<Serving> {
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new UsageError(`--port must be 0-65535, not ${opts.port}`);
  const yoga = createApi(opts.services, opts.api);
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${host}:${port}`;
  console.log(`serving GraphQL at ${url}/graphql and the web pages at ${url}/`);
  return {
    url,
    server,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string', default: process.env.PORT ?? '4000' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  });
  const services: Services = await openServices();
  const serving = await serve({ services, port: Number(values.port), host: values.host });
  const stop = () => {
    void serving.close().finally(() => services.close().finally(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1; // keep running
}
