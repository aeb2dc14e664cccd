import { describe, expect, it } from 'vitest';
import { HttpStatusError, NetworkError, parseRetryAfter, RedirectError, TimeoutError, toCrawlError, BodyTooLargeError } from './errors.ts';
import { CrawlOptionsError, resolveCrawlOptions, userAgentOf } from './options.ts';

describe('CrawlOptions', () => {
  it('applies documented defaults', () => {
    const o = resolveCrawlOptions({ seeds: ['http://a.test/'], contact: 'ops@a.test' });
    expect(o).toMatchObject({ maxDepth: 3, maxPages: 10_000, concurrency: 8, perHostConcurrency: 1, delayMs: 1000, maxRetries: 3, respectRobots: true });
    expect(userAgentOf(o)).toBe('collab-kg-crawler/0.1 (+collab-kg research crawler; contact: ops@a.test)');
  });

  it('refuses unknown and invalid options with a clear error', () => {
    expect(() => resolveCrawlOptions({ seeds: [], maxPage: 5 })).toThrow(CrawlOptionsError);
    expect(() => resolveCrawlOptions({ concurrency: 0 })).toThrow(/concurrency/);
    expect(() => resolveCrawlOptions({ scope: { exclude: ['('] } })).toThrow(/scope\.exclude\.0: not a valid regular expression/);
    expect(() => resolveCrawlOptions({ seeds: ['not a url'] })).toThrow(/seeds\.0/);
  });
});

describe('retry policy lives in the error classes', () => {
  it('retries network errors, timeouts, 408/429/5xx; not 404, too large or redirect trouble', () => {
    expect(new NetworkError('reset').retryable).toBe(true);
    expect(new TimeoutError('HEADERS_TIMEOUT', 'slow').retryable).toBe(true);
    for (const s of [408, 429, 500, 502, 503]) expect(new HttpStatusError(s).retryable, String(s)).toBe(true);
    for (const s of [400, 403, 404, 410]) expect(new HttpStatusError(s).retryable, String(s)).toBe(false);
    expect(new BodyTooLargeError(10, 11).retryable).toBe(false);
    expect(new RedirectError('REDIRECT_LOOP', 'loop').retryable).toBe(false);
  });

  it('maps undici and socket errors by their code', () => {
    expect(toCrawlError(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }))).toBeInstanceOf(TimeoutError);
    expect(toCrawlError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeInstanceOf(NetworkError);
    expect(toCrawlError(Object.assign(new Error('x'), { code: 'UND_ERR_CONNECT_TIMEOUT' })).code).toBe('CONNECT_TIMEOUT');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    const now = Date.parse('Mon, 13 May 2024 00:00:00 GMT');
    expect(parseRetryAfter('Mon, 13 May 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
