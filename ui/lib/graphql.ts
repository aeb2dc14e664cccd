// The pages' GraphQL client: one POST to /graphql, errors turned into GraphqlError with a code
// (the server's extensions.code, or NETWORK / HTTP_<status>), so pages branch on codes, not messages.
// The API key a reader entered on the saved-searches page (kept in this browser) goes with every request.
import { chineseMessage } from './messages.ts';

export class GraphqlError extends Error {
  override name = 'GraphqlError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export const ENDPOINT = '/graphql';
const KEY_ITEM = 'kg-api-key';

/** The API key kept in this browser, or '' (storage may be off: then there is none). */
export function apiKey(): string {
  try {
    return localStorage.getItem(KEY_ITEM) ?? '';
  } catch {
    return '';
  }
}

export function setApiKey(key: string): void {
  if (key) localStorage.setItem(KEY_ITEM, key);
  else localStorage.removeItem(KEY_ITEM);
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(apiKey() ? { authorization: `Bearer ${apiKey()}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new GraphqlError('NETWORK', '无法连接服务器');
  }
  let body: GraphqlResponse<T>;
  try {
    body = (await res.json()) as GraphqlResponse<T>;
  } catch {
    throw new GraphqlError(`HTTP_${res.status}`, `服务器返回了无法解析的响应（HTTP ${res.status}）`);
  }
  const first = body.errors?.[0];
  if (first) throw new GraphqlError(first.extensions?.code ?? `HTTP_${res.status}`, first.message);
  if (!body.data) throw new GraphqlError(`HTTP_${res.status}`, `服务器没有返回数据（HTTP ${res.status}）`);
  return body.data;
}

/** Chinese text for an error shown to a reader. */
export function errorText(e: unknown): string {
  if (e instanceof GraphqlError) {
    if (e.code === 'NETWORK') return '无法连接服务器，请检查网络后重试。';
    if (e.code === 'UNAUTHENTICATED') return `需要 API 密钥：${chineseMessage(e.message)}`;
    if (e.code === 'BAD_USER_INPUT' || e.code === 'BAD_QUERY') return `输入有误：${chineseMessage(e.message)}`;
    if (/^HTTP_5/.test(e.code) || e.code === 'TIMEOUT' || e.code === 'INTERNAL_SERVER_ERROR') return `服务器暂时无法响应，请稍后重试。（${chineseMessage(e.message)}）`;
    return `出错了：${chineseMessage(e.message)}`;
  }
  return `出错了：${(e as Error)?.message ?? String(e)}`;
}

/** Whether trying again may help (server down or busy), as opposed to a mistake in the input. */
export function retryable(e: unknown): boolean {
  return e instanceof GraphqlError && (e.code === 'NETWORK' || /^HTTP_(5|429)/.test(e.code) || e.code === 'TIMEOUT' || e.code === 'INTERNAL_SERVER_ERROR');
}

/**
 * Cursor of the item at `offset` in an offset-paged connection (what Pothos' offsetToCursor makes): lets a
 * shareable URL say ?page=3 instead of carrying an opaque cursor.
 */
export function offsetCursor(offset: number): string {
  return btoa(`OffsetConnection:${offset}`);
}
