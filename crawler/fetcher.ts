// One HTTP GET with undici: timeouts, a body size limit enforced while streaming, redirects
// followed by hand (limit, loop detection, a hook that can refuse a hop), conditional GET,
// content negotiation by type. Failures are thrown as CrawlError subclasses.
import { Agent, buildConnector, request } from 'undici';
import { AddressGuard, ForbiddenAddressError } from './address-guard.ts';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { BodyTooLargeError, HttpStatusError, RedirectError, parseRetryAfter, toCrawlError } from './errors.ts';
import { canonicalUrl } from './url.ts';

export interface FetcherOptions {
  userAgent: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Which addresses may be reached (every hop, every connection). Default: a guard with an empty allow-list. */
  guard?: AddressGuard;
}

/** What the caller accepts: HTML pages, XML (sitemaps) or any text (robots.txt). */
export type Accept = 'html' | 'xml' | 'text';

export interface FetchRequest {
  url: string;
  accept: Accept;
  etag?: string | null;
  lastModified?: string | null;
  /** Asked before following a redirect: a reason string refuses the hop (scope, robots). */
  beforeRedirect?: (target: string) => Promise<string | null>;
}

interface Base {
  /** URL finally fetched (after redirects). */
  url: string;
  redirects: string[];
}
export type FetchResult =
  | (Base & { kind: 'ok'; status: number; contentType: string | null; bytes: Buffer; etag: string | null; lastModified: string | null })
  | (Base & { kind: 'not-modified' })
  | (Base & { kind: 'wrong-type'; contentType: string })
  | (Base & { kind: 'redirect-refused'; target: string; reason: string });

const TYPES: Record<Accept, RegExp> = {
  html: /^(text\/html|application\/xhtml\+xml)\b/i,
  xml: /^(application|text)\/([\w.+-]*\+)?xml\b|^application\/(x-)?gzip\b|^text\/plain\b/i,
  text: /^text\//i,
};

/** Discard a body we do not want: read a little so the connection can be reused, else close it. */
function drop(body: { dump(o?: { limit?: number }): Promise<void> }): void {
  body.dump({ limit: 64 * 1024 }).catch(() => {});
}

function header(h: Record<string, string | string[] | undefined>, name: string): string | null {
  const v = h[name];
  return v === undefined ? null : Array.isArray(v) ? v[0] : v;
}

export class Fetcher {
  private readonly agent: Agent;
  private readonly o: FetcherOptions;
  private readonly guard: AddressGuard;

  constructor(options: FetcherOptions) {
    this.o = options;
    const guard = options.guard ?? new AddressGuard();
    this.guard = guard;
    // Names resolve through the guard's lookup; the socket's peer is checked again once connected.
    const connector = buildConnector({ timeout: options.connectTimeoutMs, lookup: guard.lookup } as buildConnector.BuildOptions);
    this.agent = new Agent({
      connect: (opts, callback) =>
        connector(opts, (err, socket) => {
          if (err || !socket) return callback(err ?? new Error('no socket'), null);
          const peer = socket.remoteAddress ?? '';
          const why = guard.reason(peer);
          if (!why) return callback(null, socket);
          socket.destroy();
          callback(new ForbiddenAddressError(`connected to a ${why} address (${peer}): refused`), null);
        }),
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  async fetch(req: FetchRequest): Promise<FetchResult> {
    const redirects: string[] = [];
    const seen = new Set([req.url]);
    let url = req.url;
    for (;;) {
      const headers: Record<string, string> = {
        'user-agent': this.o.userAgent,
        accept: req.accept === 'html' ? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' : '*/*',
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
      };
      // Validators belong to the URL they came from, so only on the first hop.
      if (url === req.url && req.etag) headers['if-none-match'] = req.etag;
      if (url === req.url && req.lastModified) headers['if-modified-since'] = req.lastModified;
      this.guard.checkUrl(url); // every hop: seeds, redirect targets, robots.txt, sitemaps
      let res;
      try {
        res = await request(url, { method: 'GET', headers, dispatcher: this.agent });
      } catch (e) {
        throw toCrawlError(e);
      }
      const { statusCode: status, headers: h, body } = res;
      if (status >= 300 && status < 400 && status !== 304) {
        drop(body);
        const location = header(h, 'location');
        const target = location ? canonicalUrl(location, url) : null;
        if (!target) throw new RedirectError('BAD_REDIRECT', `HTTP ${status} without a usable Location (${location ?? 'none'})`);
        if (seen.has(target)) throw new RedirectError('REDIRECT_LOOP', `redirect loop: ${[...redirects, target].join(' → ')}`);
        if (redirects.length >= this.o.maxRedirects) {
          throw new RedirectError('TOO_MANY_REDIRECTS', `more than ${this.o.maxRedirects} redirects`);
        }
        redirects.push(target);
        seen.add(target);
        const refused = req.beforeRedirect ? await req.beforeRedirect(target) : null;
        if (refused) return { kind: 'redirect-refused', url, redirects, target, reason: refused };
        url = target;
        continue;
      }
      if (status === 304) {
        drop(body);
        return { kind: 'not-modified', url, redirects };
      }
      if (status < 200 || status >= 300) {
        drop(body);
        throw new HttpStatusError(status, parseRetryAfter(header(h, 'retry-after') ?? undefined));
      }
      const contentType = header(h, 'content-type');
      // No Content-Type: read it and let the decoder tell text from binary.
      if (contentType && !TYPES[req.accept].test(contentType.trim())) {
        drop(body);
        return { kind: 'wrong-type', url, redirects, contentType };
      }
      const declared = Number(header(h, 'content-length') ?? NaN);
      if (!header(h, 'content-encoding') && declared > this.o.maxBodyBytes) {
        drop(body);
        throw new BodyTooLargeError(this.o.maxBodyBytes, 0);
      }
      const bytes = await this.readBody(body, header(h, 'content-encoding'));
      return { kind: 'ok', url, redirects, status, contentType, bytes, etag: header(h, 'etag'), lastModified: header(h, 'last-modified') };
    }
  }

  /** Streams the body (decompressing if needed) and aborts once it passes the size limit. */
  private async readBody(body: Readable, encoding: string | null): Promise<Buffer> {
    const enc = encoding?.trim().toLowerCase();
    const decoder = enc === 'gzip' || enc === 'x-gzip' ? createGunzip() : enc === 'deflate' ? createInflate() : enc === 'br' ? createBrotliDecompress() : null;
    const stream: Readable = decoder ? body.pipe(decoder) : body;
    if (decoder) body.on('error', (e) => decoder.destroy(e));
    const chunks: Buffer[] = [];
    let n = 0;
    try {
      for await (const chunk of stream) {
        n += (chunk as Buffer).length;
        if (n > this.o.maxBodyBytes) throw new BodyTooLargeError(this.o.maxBodyBytes, n);
        chunks.push(chunk as Buffer);
      }
    } catch (e) {
      throw toCrawlError(e);
    } finally {
      if (n > this.o.maxBodyBytes || !body.readableEnded) {
        body.on('error', () => {});
        body.destroy();
        decoder?.destroy();
      }
    }
    return Buffer.concat(chunks, n);
  }
}
