// robots.txt per origin (scheme + host), fetched once per run and shared by concurrent callers.
// 4xx: no rules (everything allowed). 5xx or network failure: a retryable error, so the pages wait
// and try again rather than being fetched against rules we could not read (RFC 9309 §2.3.1.4).
import robotsParserModule from 'robots-parser';

// The package is CommonJS exporting the function itself; its typings describe an ES default export.
type Parse = typeof robotsParserModule.default;
const robotsParser = ((robotsParserModule as unknown as { default?: Parse }).default ?? robotsParserModule) as unknown as Parse;
import { CrawlError } from './errors.ts';
import type { Fetcher } from './fetcher.ts';

export interface RobotsRules {
  allowed(url: string): boolean;
  /** Crawl-delay in ms, or null. */
  crawlDelayMs: number | null;
  sitemaps: string[];
}

const ALLOW_ALL: RobotsRules = { allowed: () => true, crawlDelayMs: null, sitemaps: [] };

export class RobotsUnavailableError extends CrawlError {
  constructor(robotsUrl: string, cause: CrawlError) {
    super(cause.code, `robots.txt unavailable (${robotsUrl}): ${cause.message}`, { cause, retryable: true, retryAfterMs: cause.retryAfterMs });
  }
}

export class RobotsCache {
  private readonly cache = new Map<string, Promise<RobotsRules>>();
  /** robots.txt requests made (for reports). */
  fetches = 0;

  constructor(
    private readonly fetcher: Fetcher,
    private readonly userAgentToken: string,
  ) {}

  /** `beforeFetch` is awaited right before robots.txt is requested (not when cached): a politeness turn. */
  forUrl(url: string, beforeFetch?: () => Promise<void>): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    let p = this.cache.get(origin);
    if (!p) {
      p = (beforeFetch ? beforeFetch() : Promise.resolve()).then(() => this.load(origin));
      this.cache.set(origin, p);
      // A failure is not cached: the next page of this host asks again.
      p.catch(() => this.cache.delete(origin));
    }
    return p;
  }

  private async load(origin: string): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    this.fetches++;
    let text: string;
    try {
      const res = await this.fetcher.fetch({ url: robotsUrl, accept: 'text' });
      if (res.kind !== 'ok') return ALLOW_ALL;
      text = res.bytes.toString('utf8');
    } catch (e) {
      const ce = e as CrawlError;
      if (ce instanceof CrawlError && !ce.retryable) return ALLOW_ALL; // 404, 403, too large: no usable rules
      throw new RobotsUnavailableError(robotsUrl, ce);
    }
    const robot = robotsParser(robotsUrl, text);
    const ua = this.userAgentToken;
    const delay = robot.getCrawlDelay(ua);
    return {
      allowed: (u) => robot.isAllowed(u, ua) !== false,
      crawlDelayMs: typeof delay === 'number' && delay > 0 ? delay * 1000 : null,
      sitemaps: robot.getSitemaps(),
    };
  }
}
