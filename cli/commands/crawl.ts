// kg crawl SEED... [--scope HOST[/PATH]]... [--include RE]... [--exclude RE]... [--max-pages N] [--max-depth N]
//                  [--concurrency N] [--per-host N] [--delay MS] [--contact WHO] [--no-sitemaps] [--extract] [--json]
// kg crawl --resume [same options to override]
// Live progress on stderr (pages/s, queue, errors); a summary at the end on stdout (JSON with --json).
import { pathToFileURL } from 'node:url';
import { Archive } from '../../archive/index.ts';
import { Crawler, resolveCrawlOptions, type CrawlOptions, type CrawlSummary, type ProgressSnapshot } from '../../crawler/index.ts';
import { parse, UsageError } from '../args.ts';

const HELP = `usage: kg crawl SEED... [options]      start a crawl
       kg crawl --resume [options]      continue the last crawl (after a stop or kill)
  --scope HOST[/PATH]   in scope (repeatable; "*.example.com" for subdomains). Default: the seeds' hosts
  --include RE          URLs must match one of these (repeatable)
  --exclude RE          URLs matching these are out of scope (repeatable)
  --max-pages N         pages fetched in this run (default 10000)
  --max-depth N         link hops from a seed, pagination excluded (default 3)
  --concurrency N       requests in flight in all (default 8)
  --per-host N          requests in flight per host (default 1)
  --delay MS            gap between requests to one host (default 1000; robots.txt Crawl-delay raises it)
  --contact WHO         e-mail or URL put in the User-Agent (default $KG_CRAWL_CONTACT)
  --allow-private IP   crawl this private/loopback address or CIDR block anyway (repeatable; a local test
                        site: 127.0.0.1). Default $KG_CRAWL_ALLOW_PRIVATE; otherwise public addresses only
  --no-sitemaps         do not read sitemaps
  --extract             extract each stored page at once, then sync graph and search (default: later, with kg extract + kg sync)
  --json                summary as JSON
  --queue REDIS_URL     queue the crawl for \`kg worker\`s (several machines) instead of crawling here; prints the
                        run id. Default $KG_QUEUE_URL when set. Sitemaps, --max-pages, --per-host and --resume do
                        not apply (one host is fetched by one worker at a time; depth and scope bound the crawl)
  --prefix NAME         with --queue: the queue's key prefix in Redis, as given to kg worker (default kg)
  --wait                with --queue: wait until the queue is empty, then print the run's outcomes
Data directory: $KG_DATA_DIR (default ./data).`;

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} needs a whole number, got '${v}'`);
  return Number(v);
}

function line(p: ProgressSnapshot): string {
  const o = p.byOutcome;
  return `crawl: ${p.fetched} fetched, ${p.pagesPerSecond.toFixed(1)} pages/s, queue ${p.queued}, in flight ${p.inFlight}, ` +
    `stored ${o.stored ?? 0}, unchanged ${o.unchanged ?? 0}, failed ${o.failed ?? 0}, errors ${p.errors}`;
}

function printSummary(s: CrawlSummary): void {
  const outcomes = Object.entries(s.byOutcome).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`crawl run ${s.runId}${s.resumed ? ' (resumed)' : ''}: ${s.fetched} requests in ${(s.durationMs / 1000).toFixed(1)} s ` +
    `(${s.pagesPerSecond} pages/s), ${(s.bytes / 1e6).toFixed(1)} MB`);
  console.log(`outcomes: ${outcomes || 'none'}`);
  if (s.endedBy === 'max-pages') console.log(`max pages reached, ${s.queued} left in the queue (continue with kg crawl --resume --max-pages N, N larger)`);
  else if (s.queued > 0) console.log(`left in the queue: ${s.queued} (continue with kg crawl --resume)`);
  if (s.onStoredErrors > 0) console.log(`inline extraction errors: ${s.onStoredErrors} (run kg extract)`);
  for (const f of s.failures) console.log(`failed: ${f.url}: ${f.code}: ${f.reason}`);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    scope: { type: 'string', multiple: true },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    'max-pages': { type: 'string' },
    'max-depth': { type: 'string' },
    concurrency: { type: 'string' },
    'per-host': { type: 'string' },
    delay: { type: 'string' },
    contact: { type: 'string' },
    'allow-private': { type: 'string', multiple: true },
    'no-sitemaps': { type: 'boolean', default: false },
    extract: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    queue: { type: 'string' },
    wait: { type: 'boolean', default: false },
    prefix: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.resume && positionals.length === 0) throw new UsageError(`give at least one seed URL, or --resume\n${HELP}`);
  if (values.resume && positionals.length > 0) throw new UsageError('--resume continues the last crawl with its own seeds; give no seeds');

  // Only what was given, so a resumed run keeps its saved settings for the rest.
  const given: Partial<CrawlOptions> = Object.fromEntries(
    Object.entries({
      maxPages: int('max-pages', values['max-pages']),
      maxDepth: int('max-depth', values['max-depth']),
      concurrency: int('concurrency', values.concurrency),
      perHostConcurrency: int('per-host', values['per-host']),
      delayMs: int('delay', values.delay),
      contact: values.contact,
      allowPrivate: values['allow-private'],
      sitemaps: values['no-sitemaps'] ? false : undefined,
      scope: values.scope || values.include || values.exclude
        ? { allow: values.scope ?? [], include: values.include ?? [], exclude: values.exclude ?? [] }
        : undefined,
    }).filter(([, v]) => v !== undefined),
  );

  const queue = values.queue ?? process.env.KG_QUEUE_URL;
  if (queue) return enqueue(queue, positionals, given, values);
  if (values.wait || values.prefix) throw new UsageError('--wait and --prefix go with --queue');

  const archive = Archive.open();
  const tty = process.stderr.isTTY;
  let ticks = 0;
  const onProgress = (p: ProgressSnapshot) => {
    if (tty) process.stderr.write(`\r\x1b[K${line(p)}`);
    else if (++ticks % 10 === 0) process.stderr.write(`${line(p)}\n`);
  };
  let onStored: ((id: number) => unknown) | undefined;
  if (values.extract) {
    const { extractPages } = await import('../../pipeline/index.ts');
    onStored = (pageId) => extractPages(archive, { pageIds: [pageId], linkReprints: false });
  }
  const crawler = new Crawler(archive, { ...given, seeds: positionals, onProgress, onStored });
  // First Ctrl-C: finish what is in flight and keep the rest queued for --resume. Second: quit now.
  let interrupted = 0;
  const onSignal = () => {
    if (++interrupted > 1) process.exit(130);
    process.stderr.write('\ncrawl: stopping after the requests in flight (again to quit now)\n');
    crawler.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await crawler.run({ resume: values.resume, overrides: given });
    if (tty) process.stderr.write('\n');
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else printSummary(summary);
    if (values.extract) await afterExtraction(archive, values.json);
    return interrupted ? 130 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    archive.close();
  }
}

/** kg crawl --queue: the run goes to the shared queue, for `kg worker`s to crawl. */
async function enqueue(url: string, seeds: string[], given: Partial<CrawlOptions>, flags: { prefix?: string; resume: boolean; extract: boolean; wait: boolean; json: boolean; 'max-pages'?: string; 'per-host'?: string }): Promise<number> {
  for (const [flag, set] of [['--resume', flags.resume], ['--max-pages', flags['max-pages']], ['--per-host', flags['per-host']]] as const) {
    if (set) throw new UsageError(`${flag} does not apply to a queued crawl (see kg crawl --help)`);
  }
  resolveCrawlOptions({ ...given, seeds }); // bad options are refused before anything connects
  const { connectRedis, enqueueCrawl, openQueues, waitForRun } = await import('../../queue/index.ts');
  const redis = await connectRedis(url);
  const prefix = flags.prefix ?? 'kg';
  if (!/^[\w-]+$/.test(prefix)) throw new UsageError(`--prefix: letters, digits, - and _ only, got '${prefix}'`);
  const queues = openQueues(redis, prefix);
  try {
    const run = await enqueueCrawl(redis, queues, prefix, { ...given, seeds }, flags.extract);
    if (!flags.wait) {
      console.log(flags.json ? JSON.stringify({ run }) : `crawl run ${run} queued: ${seeds.length} seeds; start \`kg worker --redis ${url.replace(/\/\/[^@/]*@/, '//')}\` on each machine`);
      return 0;
    }
    const s = await waitForRun(redis, queues, prefix, run);
    if (flags.json) console.log(JSON.stringify(s, null, 2));
    else {
      console.log(`crawl run ${run} done: ${Object.entries(s.byOutcome).map(([k, n]) => `${k} ${n}`).join(', ') || 'no outcomes'}`);
      if (s.failedJobs.crawl || s.failedJobs.extract) console.log(`jobs failed for good: crawl ${s.failedJobs.crawl}, extract ${s.failedJobs.extract} (kept in the queue with their reason)`);
    }
    return 0;
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

/** After an extracting crawl: relink reprints once, sync graph and search, and list saved searches' new hits. */
async function afterExtraction(archive: Archive, json: boolean): Promise<void> {
  const { linkReprints, syncGraph, syncSearch, openServices } = await import('../../pipeline/index.ts');
  const { checkSavedSearches } = await import('../../search/index.ts');
  const { printAlerts } = await import('./sync.ts');
  linkReprints(archive);
  const services = await openServices({ dataDir: archive.dataDir });
  try {
    const g = await syncGraph(services.archive, services.graph);
    const q = await syncSearch(services.archive, services.search);
    const alerts = await checkSavedSearches(services.archive, services.search);
    if (json) console.error(JSON.stringify({ sync: [g, q], alerts }));
    else {
      console.log(`sync: graph ${g.written} written, search ${q.written} written`);
      printAlerts(alerts);
    }
  } finally {
    await services.close();
  }
}

// Runnable on its own (tests spawn it): npx tsx cli/commands/crawl.ts SEED...
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`kg crawl: ${(e as { code?: string }).code ?? 'ERROR'}: ${(e as Error).message}`);
      process.exit((e as Error) instanceof UsageError ? 2 : 1);
    },
  );
}
