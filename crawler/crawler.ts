// The crawl loop: claim due URLs from the frontier within the global and per-host limits, fetch,
// decode, discover links, store articles, and give every URL an outcome. Retry policy comes from
// the error classes (retryable or not); backoff is exponential with jitter, Retry-After honoured.
import type { Archive } from '../archive/index.ts';
import { withLease } from '../archive/lease.ts';
import { decodeHtml, DecodeError } from './decode.ts';
import { CrawlError } from './errors.ts';
import { AddressGuard } from './address-guard.ts';
import { Fetcher, type FetchResult } from './fetcher.ts';
import type { Completion, Frontier, FrontierEntry, NewUrl, Outcome, RunInfo } from './frontier.ts';
import { analysePage, type ClassifyPatterns } from './links.ts';
import { persistableOptions, resolveCrawlOptions, userAgentOf, type CrawlOptions, type ResolvedCrawlOptions } from './options.ts';
import { HostGate } from './politeness.ts';
import { RobotsCache } from './robots.ts';
import { compilePattern } from './pattern.ts';
import { parseSitemap } from './sitemap.ts';
import { SqliteFrontier } from './sqlite-frontier.ts';
import { canonicalUrl, hostOf, Scope } from './url.ts';
import { KgError } from '../archive/errors.ts';

export interface CrawlSummary {
  runId: number;
  resumed: boolean;
  seeds: string[];
  durationMs: number;
  /** Requests for pages and sitemaps made in this process (robots.txt not included). */
  fetched: number;
  pagesPerSecond: number;
  bytes: number;
  /** Outcomes of every URL of the run so far (a resumed run includes what came before). */
  byOutcome: Partial<Record<Outcome, number>>;
  /** URLs still queued (maxPages reached or the crawl was stopped): `--resume` continues them. */
  queued: number;
  /** Why the run ended: the queue ran dry, maxPages was reached, or stop() was called. */
  endedBy: 'done' | 'max-pages' | 'stopped';
  /** Failed tries in this process, retried ones included. */
  errors: number;
  /** onStored callbacks that threw (the page stays stored; extraction can run later). */
  onStoredErrors: number;
  robotsFetches: number;
  failures: Array<{ url: string; code: string | null; reason: string | null; attempts: number }>;
}

export class NothingToResumeError extends KgError {
  constructor() {
    super('NOTHING_TO_RESUME', 'no crawl run in this archive to resume');
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Crawler {
  private o: ResolvedCrawlOptions;
  private readonly archive: Archive;
  private readonly frontier: Frontier;
  private scope!: Scope;
  private fetcher!: Fetcher;
  private robots!: RobotsCache;
  private gate!: HostGate;
  private patterns!: ClassifyPatterns;
  private stopping = false;
  private fetchedPages = 0; // pages fetched in this run, for maxPages (resumed runs start from the stored count)
  private stats = { fetched: 0, bytes: 0, errors: 0, onStoredErrors: 0 };
  private wake: (() => void) | null = null;

  constructor(archive: Archive, options: CrawlOptions, deps: { frontier?: Frontier } = {}) {
    this.archive = archive;
    this.o = resolveCrawlOptions(options);
    // A seed that is a private address literal is refused now, with a clear error; names are checked on connect.
    const guard = new AddressGuard(this.o.allowPrivate);
    for (const seed of this.o.seeds) guard.checkUrl(seed);
    this.frontier = deps.frontier ?? new SqliteFrontier(archive.db);
  }

  /** Stop claiming new URLs; those in flight finish. The run stays resumable. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  /** Start a new run from the seeds, or (resume) continue the latest run with its saved options,
   *  overridden by any option given to the constructor explicitly. */
  async run(mode: { resume?: boolean; overrides?: Partial<CrawlOptions> } = {}): Promise<CrawlSummary> {
    // One crawl at a time on an archive, from the CLI or the API in any process: both would claim from the one frontier.
    return withLease(this.archive.db, 'crawl', () => this.runHeld(mode));
  }

  private async runHeld(mode: { resume?: boolean; overrides?: Partial<CrawlOptions> }): Promise<CrawlSummary> {
    const started = Date.now();
    let run: RunInfo;
    if (mode.resume) {
      const r = await this.frontier.resumeRun();
      if (!r) throw new NothingToResumeError();
      run = r;
      const { onStored, onProgress } = this.o;
      this.o = resolveCrawlOptions({ ...r.options, ...(mode.overrides ?? {}), onStored, onProgress });
      this.fetchedPages = (await this.frontier.stats()).fetched;
    } else {
      if (this.o.seeds.length === 0) throw new KgError('NO_SEEDS', 'a new crawl needs at least one seed URL');
      run = await this.frontier.startRun(persistableOptions(this.o));
    }
    this.setUp();
    const progressTimer = this.o.onProgress ? setInterval(() => void this.reportProgress(started), 500) : null;
    try {
      if (!mode.resume) await this.seed();
      await this.loop();
      const s = await this.frontier.stats();
      if (s.queued === 0 && s.inFlight === 0) await this.frontier.finishRun();
      return await this.summary(run, !!mode.resume, started);
    } finally {
      if (progressTimer) clearInterval(progressTimer);
      await this.fetcher.close();
    }
  }

  private setUp(): void {
    const o = this.o;
    this.scope = new Scope(o.scope, o.seeds);
    this.fetcher = new Fetcher({ ...o, userAgent: userAgentOf(o), guard: new AddressGuard(o.allowPrivate, o.resolver) });
    this.robots = new RobotsCache(this.fetcher, o.userAgentToken);
    this.gate = new HostGate(o.perHostConcurrency, o.delayMs);
    this.patterns = { article: o.articlePatterns.map(compilePattern), list: o.listPatterns.map(compilePattern) };
  }

  /** Seeds, then each seed host's sitemaps (robots.txt Sitemap lines, else /sitemap.xml). */
  private async seed(): Promise<void> {
    const seeds = this.o.seeds.map((s) => canonicalUrl(s)).filter((s): s is string => !!s);
    await this.frontier.add(seeds.map((url) => ({ url, host: hostOf(url), depth: 0, kind: 'page', parent: null })));
    if (!this.o.sitemaps) return;
    const sitemaps: NewUrl[] = [];
    for (const origin of new Set(seeds.map((s) => new URL(s).origin))) {
      let listed: string[] = [];
      if (this.o.respectRobots) {
        try {
          listed = (await this.robots.forUrl(origin)).sitemaps;
        } catch {
          // robots.txt unreachable now: the pages of this host will retry it.
        }
      }
      const urls = listed.length ? listed : [`${origin}/sitemap.xml`];
      for (const u of urls) {
        const url = canonicalUrl(u);
        // robots.txt names sitemaps anywhere: only those in scope are read.
        if (!url) continue;
        const v = this.scope.check(url);
        const entry: NewUrl = { url, host: hostOf(url), depth: 0, kind: 'sitemap', parent: `${origin}/robots.txt` };
        if (!v.ok) await this.frontier.record([entry], { outcome: 'out-of-scope', reason: `robots.txt Sitemap line: ${v.reason}` });
        else sitemaps.push(entry);
      }
    }
    await this.frontier.add(sitemaps);
  }

  private budgetLeft(inFlight: number): boolean {
    return this.fetchedPages + inFlight < this.o.maxPages;
  }

  private async loop(): Promise<void> {
    const inflight = new Set<Promise<void>>();
    for (;;) {
      let starved = false;
      while (!this.stopping && inflight.size < this.o.concurrency && this.budgetLeft(inflight.size)) {
        const now = Date.now();
        const entry = await this.frontier.claim(this.gate.busyHosts(now), now);
        if (!entry) {
          starved = true;
          break;
        }
        this.gate.acquire(entry.host);
        const p: Promise<void> = this.process(entry).finally(() => {
          inflight.delete(p);
          this.gate.release(entry.host);
        });
        inflight.add(p);
      }
      const now = Date.now();
      if (inflight.size === 0) {
        if (this.stopping || !this.budgetLeft(0)) return;
        const s = await this.frontier.stats();
        if (s.queued === 0) return;
      }
      // Sleep until a task ends, or, when nothing was due, until a held-back host frees up or a retry falls due.
      let until = now + 1000;
      if (starved) {
        const due = await this.frontier.nextDueAt(now);
        const free = this.gate.nextFreeAt(now);
        until = Math.min(due ?? Infinity, free ?? Infinity, until);
      }
      let timer: NodeJS.Timeout | undefined;
      const woken = new Promise<void>((r) => {
        this.wake = r;
        timer = setTimeout(r, Math.max(1, until - now));
      });
      await Promise.race([...inflight, woken]);
      clearTimeout(timer);
    }
  }

  private async process(e: FrontierEntry): Promise<void> {
    let counted = false;
    try {
      if (this.o.respectRobots) {
        const rules = await this.robots.forUrl(e.url);
        if (rules.crawlDelayMs) this.gate.raiseDelay(e.host, Math.min(rules.crawlDelayMs, this.o.maxCrawlDelayMs));
        if (!rules.allowed(e.url)) return await this.frontier.complete(e.url, { outcome: 'robots', reason: 'disallowed by robots.txt' });
      }
      if (e.kind === 'page') {
        this.fetchedPages++;
        counted = true;
      }
      this.stats.fetched++;
      await this.turn(e.host);
      const res = await this.fetcher.fetch({
        url: e.url,
        accept: e.kind === 'sitemap' ? 'xml' : 'html',
        etag: e.etag,
        lastModified: e.lastModified,
        beforeRedirect: (target) => this.hopRefusal(target),
      });
      if (res.kind === 'ok') this.stats.bytes += res.bytes.length;
      const c = e.kind === 'sitemap' ? await this.handleSitemap(e, res) : await this.handlePage(e, res);
      await this.frontier.complete(e.url, { ...c, fetched: true });
      // The redirect target is the same document: mark it so a later link to it is not fetched again.
      if (res.url !== e.url) await this.frontier.record([{ ...e, url: res.url, host: hostOf(res.url), parent: e.url }], { ...c, reason: `redirect target of ${e.url}` });
      if (c.outcome === 'stored' && c.pageId != null && this.o.onStored) {
        try {
          await this.o.onStored(c.pageId);
        } catch {
          this.stats.onStoredErrors++;
        }
      }
    } catch (err) {
      // A retry is the same page again, not another one against maxPages.
      if (counted && (await this.failure(e, err)) === 'retry') this.fetchedPages--;
      else if (!counted) await this.failure(e, err);
    }
  }

  /** Wait for this host's next request slot. */
  private async turn(host: string): Promise<void> {
    // Re-check after each sleep: another request of this host may have taken the slot meanwhile.
    for (let wait = this.gate.waitFor(host, Date.now()); wait > 0; wait = this.gate.waitFor(host, Date.now())) await sleep(wait);
    this.gate.started(host, Date.now());
  }

  /** Why a redirect hop may not be followed (scope, robots), or null; a followed hop waits its turn. */
  private async hopRefusal(target: string): Promise<string | null> {
    const v = this.scope.check(target);
    if (!v.ok) return `out of scope: ${v.reason}`;
    if (this.o.respectRobots) {
      const rules = await this.robots.forUrl(target);
      if (!rules.allowed(target)) return 'disallowed by robots.txt';
      if (rules.crawlDelayMs) this.gate.raiseDelay(hostOf(target), Math.min(rules.crawlDelayMs, this.o.maxCrawlDelayMs));
    }
    await this.turn(hostOf(target));
    return null;
  }

  private async failure(e: FrontierEntry, err: unknown): Promise<'retry' | 'final'> {
    if (err instanceof DecodeError) {
      this.archive.recordRejection(e.url, err.code, err.message);
      const outcome: Outcome = err.code === 'BINARY_CONTENT' ? 'not-html' : 'failed';
      await this.frontier.complete(e.url, { outcome, code: err.code, reason: err.message, fetched: true });
      return 'final';
    }
    // The fetcher turns transport failures into CrawlErrors; anything else is a bug or a storage
    // problem, never a reason to hammer the server again.
    const ce = err instanceof KgError ? err : new CrawlError('INTERNAL', `${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? String(err)}`, { cause: err, retryable: false });
    this.stats.errors++;
    const tries = e.attempts;
    const retryAfter = ce instanceof CrawlError ? ce.retryAfterMs : null;
    if (ce.retryable && tries <= this.o.maxRetries) {
      if (retryAfter !== null && retryAfter > this.o.maxRetryAfterMs) {
        const reason = `${ce.message}: Retry-After ${Math.round(retryAfter / 1000)} s exceeds the ${this.o.maxRetryAfterMs / 1000} s limit`;
        await this.frontier.complete(e.url, { outcome: 'failed', code: ce.code, reason, fetched: true });
        return 'final';
      }
      const backoff = Math.min(this.o.retryMaxMs, this.o.retryBaseMs * 2 ** (tries - 1)) * (0.5 + Math.random());
      const wait = Math.max(backoff, retryAfter ?? 0);
      await this.frontier.retryLater(e.url, Date.now() + wait, `${ce.code}: ${ce.message} (try ${tries})`);
      return 'retry';
    }
    if (ce.code === 'TOO_LARGE') this.archive.recordRejection(e.url, 'TOO_LARGE', ce.message);
    const reason = ce.retryable ? `${ce.message} after ${tries} tries` : ce.message;
    await this.frontier.complete(e.url, { outcome: 'failed', code: ce.code, reason, fetched: true });
    return 'final';
  }

  private async handlePage(e: FrontierEntry, res: FetchResult): Promise<Completion> {
    if (res.kind === 'not-modified') return { outcome: 'unchanged', reason: 'HTTP 304 Not Modified' };
    if (res.kind === 'redirect-refused') {
      return { outcome: /robots/.test(res.reason) ? 'robots' : 'out-of-scope', code: 'REDIRECT_REFUSED', reason: `redirects to ${res.target}: ${res.reason}` };
    }
    if (res.kind === 'wrong-type') {
      this.archive.recordRejection(e.url, 'UNSUPPORTED_TYPE', `content type ${res.contentType}`);
      return { outcome: 'not-html', code: 'UNSUPPORTED_TYPE', reason: `content type ${res.contentType}` };
    }
    const decoded = decodeHtml(res.bytes, res.contentType);
    const page = analysePage(decoded.text, res.url, this.patterns);
    await this.discover(e, page.links, page.pagination);
    // List pages are fetched unconditionally on a re-crawl (no validators kept): a 304 would hide their new links.
    if (page.type === 'list' && !this.o.storeListPages) return { outcome: 'listed', reason: `list page: ${page.links.length} links` };
    const validators = { etag: res.etag, lastModified: res.lastModified };
    const stored = this.archive.storePage({
      origin: e.url, kind: 'html', bytes: res.bytes, text: decoded.text, encoding: decoded.encoding, url: res.url, contentType: res.contentType,
    });
    const outcome: Outcome = stored.outcome === 'stored' ? 'stored' : stored.outcome === 'new-origin' ? 'duplicate' : 'unchanged';
    return { outcome, pageId: stored.pageId, reason: `${page.type}, ${decoded.encoding} (${decoded.method})`, ...validators };
  }

  private async handleSitemap(e: FrontierEntry, res: FetchResult): Promise<Completion> {
    if (res.kind === 'not-modified') return { outcome: 'unchanged', reason: 'HTTP 304 Not Modified' };
    if (res.kind === 'redirect-refused') return { outcome: 'out-of-scope', code: 'REDIRECT_REFUSED', reason: `redirects to ${res.target}: ${res.reason}` };
    if (res.kind === 'wrong-type') return { outcome: 'not-html', code: 'UNSUPPORTED_TYPE', reason: `sitemap served as ${res.contentType}` };
    const map = parseSitemap(res.bytes);
    const children = map.sitemaps.map((u) => canonicalUrl(u)).filter((u): u is string => !!u && this.scope.check(u).ok);
    await this.frontier.add(children.map((url) => ({ url, host: hostOf(url), depth: e.depth, kind: 'sitemap', parent: e.url })));
    // Pages listed in a sitemap are as good as seeds: depth 0.
    await this.discover({ ...e, depth: -1 }, map.pages, new Set());
    return { outcome: 'listed', reason: `sitemap: ${map.pages.length} pages, ${children.length} sitemaps` };
  }

  /** Queue in-scope links (pagination at the same depth), record the rest with their outcome. */
  private async discover(e: FrontierEntry, links: string[], pagination: Set<string>): Promise<void> {
    const queue: NewUrl[] = [];
    const outOfScope = new Map<string, NewUrl[]>();
    const tooDeep: NewUrl[] = [];
    for (const raw of links) {
      const url = canonicalUrl(raw);
      if (!url) continue;
      const depth = pagination.has(raw) ? Math.max(e.depth, 0) : e.depth + 1;
      const n: NewUrl = { url, host: hostOf(url), depth, kind: 'page', parent: e.url };
      const v = this.scope.check(url);
      if (!v.ok) outOfScope.set(v.reason, [...(outOfScope.get(v.reason) ?? []), n]);
      else if (depth > this.o.maxDepth) tooDeep.push(n);
      else queue.push(n);
    }
    await this.frontier.add(queue);
    for (const [reason, urls] of outOfScope) await this.frontier.record(urls, { outcome: 'out-of-scope', reason });
    await this.frontier.record(tooDeep, { outcome: 'too-deep', reason: `depth > ${this.o.maxDepth}` });
  }

  private async reportProgress(started: number): Promise<void> {
    const s = await this.frontier.stats();
    const elapsedMs = Date.now() - started;
    this.o.onProgress?.({
      elapsedMs,
      fetched: this.stats.fetched,
      pagesPerSecond: this.stats.fetched / Math.max(elapsedMs / 1000, 0.001),
      queued: s.queued,
      inFlight: s.inFlight,
      errors: this.stats.errors,
      byOutcome: s.byOutcome,
    });
  }

  private async summary(run: RunInfo, resumed: boolean, started: number): Promise<CrawlSummary> {
    const s = await this.frontier.stats();
    const durationMs = Date.now() - started;
    const failures = (await this.frontier.records())
      .filter((r) => r.outcome === 'failed')
      .slice(0, 100)
      .map((r) => ({ url: r.url, code: r.code, reason: r.reason, attempts: r.attempts }));
    return {
      runId: run.id,
      resumed,
      seeds: this.o.seeds,
      durationMs,
      fetched: this.stats.fetched,
      pagesPerSecond: Math.round((this.stats.fetched / Math.max(durationMs / 1000, 0.001)) * 10) / 10,
      bytes: this.stats.bytes,
      byOutcome: s.byOutcome,
      queued: s.queued,
      endedBy: s.queued === 0 ? 'done' : this.stopping ? 'stopped' : 'max-pages',
      errors: this.stats.errors,
      onStoredErrors: this.stats.onStoredErrors,
      robotsFetches: this.robots.fetches,
      failures,
    };
  }
}
