// The crawl frontier as a port: what the crawler needs from a URL queue, with no storage in sight.
// The SQLite implementation (sqlite-frontier.ts) keeps it in the archive file; a Redis-backed queue
// can implement the same interface for a crawl spread over machines.

/** How a URL ended. Every URL the crawl touches gets exactly one. */
export type Outcome =
  | 'stored' // new page stored in the archive
  | 'duplicate' // same bytes as a page stored under another URL (dedup by content hash)
  | 'unchanged' // 304 Not Modified, or the same bytes as last time
  | 'listed' // a list page or sitemap: its links were queued, the page itself not stored
  | 'robots' // disallowed by robots.txt
  | 'out-of-scope' // outside the scope rules
  | 'too-deep' // past maxDepth
  | 'not-html' // another content type, or binary data served as HTML
  | 'failed'; // gave up: final HTTP status, too large, undecodable, or retries exhausted

export const OUTCOMES: readonly Outcome[] = [
  'stored', 'duplicate', 'unchanged', 'listed', 'robots', 'out-of-scope', 'too-deep', 'not-html', 'failed',
];

export type EntryKind = 'page' | 'sitemap';

export interface NewUrl {
  /** Canonical URL (crawler/url.ts): the dedup key. */
  url: string;
  host: string;
  depth: number;
  kind: EntryKind;
  /** URL of the page that linked here (null for seeds). */
  parent: string | null;
}

export interface FrontierEntry extends NewUrl {
  /** Fetch tries started, this one included. */
  attempts: number;
  /** Validators from an earlier run, for a conditional GET. */
  etag: string | null;
  lastModified: string | null;
}

export interface Completion {
  outcome: Outcome;
  /** Error or rejection code (HTTP_STATUS, TOO_LARGE, BINARY_CONTENT…), null on success. */
  code?: string | null;
  reason?: string | null;
  pageId?: number | null;
  etag?: string | null;
  lastModified?: string | null;
  /** Whether a request was made for this URL (counts toward maxPages). */
  fetched?: boolean;
}

export interface UrlRecord extends NewUrl {
  state: 'queued' | 'in-flight' | 'done';
  attempts: number;
  outcome: Outcome | null;
  code: string | null;
  reason: string | null;
  pageId: number | null;
}

export interface RunInfo {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  /** The options the run started with (without callbacks). */
  options: Record<string, unknown>;
}

export interface FrontierStats {
  queued: number;
  inFlight: number;
  done: number;
  /** Pages (not sitemaps) of this run for which a request was made: what maxPages counts. */
  fetched: number;
  byOutcome: Partial<Record<Outcome, number>>;
}

export interface Frontier {
  /** Begin a new run: URLs finished in earlier runs may be queued again (conditional GET). */
  startRun(options: Record<string, unknown>): Promise<RunInfo>;
  /** Continue the latest run: entries in flight when it stopped go back to the queue, except those whose
   *  page the archive already stored in this run (they are done: refetching them would be wasted). Null if none. */
  resumeRun(): Promise<RunInfo | null>;
  /** Mark the run complete (nothing queued or in flight). */
  finishRun(): Promise<void>;
  /** Queue URLs not yet seen in this run; returns how many were new. */
  add(urls: NewUrl[]): Promise<number>;
  /** Record URLs that end without a fetch (out of scope, too deep), unless already seen in this run. */
  record(urls: NewUrl[], completion: Completion): Promise<void>;
  /** Take the next due URL whose host is not in busyHosts, and mark it in flight. */
  claim(busyHosts: ReadonlySet<string>, now: number): Promise<FrontierEntry | null>;
  /** Give a URL its outcome. */
  complete(url: string, completion: Completion): Promise<void>;
  /** Put a URL back in the queue, not due before notBefore (epoch ms). */
  retryLater(url: string, notBefore: number, reason: string): Promise<void>;
  /** Earliest notBefore among queued URLs that are not due yet at `now`, or null. */
  nextDueAt(now: number): Promise<number | null>;
  stats(): Promise<FrontierStats>;
  /** Every URL of this run with its state and outcome (reports and tests). */
  records(): Promise<UrlRecord[]>;
}
