// A temporary archive with the hand-written fixture articles, loaded through the real pipeline
// (import → extract → sync) into the real embedded graph and search adapters, and an in-process API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi, type ApiOptions, type ApiServer } from '../../api/index.ts';
import type { ApiServices } from '../../api/builder.ts';
import { extractPages, importPaths, openServices, syncGraph, syncSearch, type Services } from '../../pipeline/index.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
  text: string;
}

export interface TestArchive {
  services: Services;
  dir: string;
  close(): Promise<void>;
}

/** `env` chooses the adapters as in production (e.g. MEILI_HOST, MEILI_INDEX); none: the embedded ones. */
export async function loadTestArchive(env: NodeJS.ProcessEnv = {}, fixtures: string = FIXTURES): Promise<TestArchive> {
  const dir = mkdtempSync(join(tmpdir(), 'kg-api-test-'));
  const services = await openServices({ dataDir: dir, env });
  await importPaths(services.archive, [fixtures]);
  extractPages(services.archive);
  await syncGraph(services.archive, services.graph);
  await syncSearch(services.archive, services.search);
  return {
    services,
    dir,
    async close() {
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POST a GraphQL document to the API in-process (no port). */
export async function gql<T = Record<string, any>>(
  api: ApiServer,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await api.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T; errors?: GqlResponse['errors'] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the test reads `text`
  }
  return { status: res.status, data: body.data ?? undefined, errors: body.errors, text };
}

export function api(services: ApiServices, options: ApiOptions = {}): ApiServer {
  return createApi(services, { development: false, ui: false, ...options });
}

/** Wraps a real store so every call of the named methods is counted (the calls go through unchanged). */
export function counting<T extends object>(target: T): { store: T; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const store = new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
  return { store, calls };
}
