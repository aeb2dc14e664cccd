// The HTTP client under meilisearch-js: an undici Pool of kept-alive connections to the one Meilisearch
// host (TCP_NODELAY, as undici sets it), instead of global fetch, whose WHATWG streams and per-call
// AbortController cost a few milliseconds on each small search. Errors are meilisearch-js's own classes,
// so callers handle them as with the stock client.
import { MeilisearchApiError, MeilisearchRequestError, type Config } from 'meilisearch';
import { Pool } from 'undici';

export interface MeiliHttp {
  httpClient: NonNullable<Config['httpClient']>;
  close(): Promise<void>;
}

/** A pooled client for `host`; `timeoutMs` bounds each request (headers and body). */
export function meiliHttp(host: string, timeoutMs: number, connections = 16): MeiliHttp {
  const origin = new URL(host);
  const pool = new Pool(origin.origin, { connections, keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const base = origin.pathname.replace(/\/$/, '');
  const httpClient = async (input: RequestInfo | URL, init?: RequestInit): Promise<unknown> => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    let res;
    try {
      res = await pool.request({
        path: `${base}${url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname}${url.search}`,
        method: (init?.method ?? 'GET') as 'GET',
        headers,
        body: typeof init?.body === 'string' ? init.body : undefined,
      });
    } catch (e) {
      throw new MeilisearchRequestError(url.toString(), e);
    }
    const text = await res.body.text();
    const body = text === '' ? undefined : JSON.parse(text);
    if (res.statusCode >= 300) throw new MeilisearchApiError(new Response(null, { status: res.statusCode }), body);
    return body;
  };
  return { httpClient, close: () => pool.close() };
}
