// Fetch failures as classes. Whether to try again is a property of the class (and, for HTTP
// statuses, of the status code), never of the message text.
import { KgError } from '../archive/errors.ts';

export type CrawlErrorCode =
  | 'NETWORK'
  | 'CONNECT_TIMEOUT'
  | 'HEADERS_TIMEOUT'
  | 'BODY_TIMEOUT'
  | 'HTTP_STATUS'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'REDIRECT_LOOP'
  | 'BAD_REDIRECT'
  | 'BAD_URL'
  | 'FORBIDDEN_ADDRESS'
  | 'INTERNAL';

export class CrawlError extends KgError {
  declare readonly code: CrawlErrorCode;
  /** Server-requested wait before the next try (Retry-After), in ms. */
  readonly retryAfterMs: number | null;
  constructor(code: CrawlErrorCode, message: string, options: { cause?: unknown; retryable: boolean; retryAfterMs?: number | null }) {
    super(code, message, options);
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** Connection refused or reset, DNS failure, socket closed mid-body: worth another try. */
export class NetworkError extends CrawlError {
  constructor(message: string, cause?: unknown) {
    super('NETWORK', message, { cause, retryable: true });
  }
}

/** The server took too long to connect, to send headers, or between body chunks. */
export class TimeoutError extends CrawlError {
  constructor(code: 'CONNECT_TIMEOUT' | 'HEADERS_TIMEOUT' | 'BODY_TIMEOUT', message: string, cause?: unknown) {
    super(code, message, { cause, retryable: true });
  }
}

/** A non-success status. 408, 425, 429 and 5xx are transient; the rest (404, 403, 410…) are final. */
export class HttpStatusError extends CrawlError {
  readonly status: number;
  constructor(status: number, retryAfterMs: number | null = null) {
    const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
    super('HTTP_STATUS', `HTTP ${status}`, { retryable, retryAfterMs });
    this.status = status;
  }
}

/** The body passed the size limit; the download was aborted. */
export class BodyTooLargeError extends CrawlError {
  constructor(limit: number, seen: number) {
    super('TOO_LARGE', `body larger than ${limit} bytes (aborted after ${seen})`, { retryable: false });
  }
}

/** Too many hops, a loop, or a Location header that is missing or not http(s). */
export class RedirectError extends CrawlError {
  constructor(code: 'TOO_MANY_REDIRECTS' | 'REDIRECT_LOOP' | 'BAD_REDIRECT', message: string) {
    super(code, message, { retryable: false });
  }
}

/** A fetch error's code, whichever layer raised it (undici or node's net). */
function codeOf(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** Turns an error from undici or the socket layer into one of ours, by its code. */
export function toCrawlError(e: unknown): CrawlError {
  if (e instanceof CrawlError) return e;
  // Our own refusal (the address guard's lookup) may come back wrapped by the socket layer.
  const cause = (e as { cause?: unknown } | null)?.cause;
  if (cause instanceof CrawlError) return cause;
  const code = codeOf(e);
  const msg = (e as Error)?.message ?? String(e);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new TimeoutError('CONNECT_TIMEOUT', 'connect timed out', e);
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new TimeoutError('HEADERS_TIMEOUT', 'no response headers in time', e);
  if (code === 'UND_ERR_BODY_TIMEOUT') return new TimeoutError('BODY_TIMEOUT', 'body stalled', e);
  if (code === 'ERR_INVALID_URL' || code === 'UND_ERR_INVALID_ARG') return new CrawlError('BAD_URL', msg, { cause: e, retryable: false });
  return new NetworkError(code ? `${code}: ${msg}` : msg, e);
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now (null when absent or unreadable). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
