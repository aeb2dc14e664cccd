// Crawl benchmark: a generated 5,000-article local site (100 list pages, 下一页 pagination), politeness
// off (no delay, per-host limit = global limit). Reports pages/s and crawler CPU per page, with extraction
// deferred (the default) and inline (extractArticle on each stored page). The site runs in its own process.
// npx tsx test/bench/crawl.bench.ts [--articles 5000] [--concurrency 16] [--deferred-only]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Archive } from '../../archive/index.ts';
import { Crawler } from '../../crawler/index.ts';
import { REPO_ROOT, SHARED_DIR } from '../shared.ts';
import { analysePage, decodeHtml } from '../../crawler/index.ts';

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '16' }, 'deferred-only': { type: 'boolean', default: false } },
});
const ARTICLES = Number(values.articles);
const CONCURRENCY = Number(values.concurrency);

/** CPU seconds used so far by another process (Linux /proc), or null elsewhere. */
function cpuSecondsOf(pid: number | undefined): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

async function startServer(): Promise<{ origin: string; stop(): void; cpu(): number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/fixtures/site/serve.ts'), '--generated', String(ARTICLES)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(String(d).trim()));
    child.once('exit', (c) => reject(new Error(`fixture server exited (${c})`)));
  });
  return { origin, stop: () => child.kill('SIGTERM'), cpu: () => cpuSecondsOf(child.pid) };
}

type Extract = (input: { html: string; url?: string | null }) => unknown;

async function loadExtractor(): Promise<Extract | null> {
  if (!existsSync(join(REPO_ROOT, 'extractor/index.ts'))) return null;
  try {
    const m = (await import('../../extractor/index.ts')) as { extractArticle?: Extract };
    return m.extractArticle ?? null;
  } catch (e) {
    console.error(`inline extraction unavailable: ${(e as Error).message}`);
    return null;
  }
}

async function measure(server: { origin: string; cpu(): number | null }, label: string, extract: Extract | null) {
  const origin = server.origin;
  const serverCpu0 = server.cpu();
  const dir = mkdtempSync(join(tmpdir(), 'kg-crawl-bench-'));
  const archive = Archive.open({ dataDir: dir });
  let extracted = 0;
  const crawler = new Crawler(archive, {
    seeds: [`${origin}/gen/list/1.html`],
    allowPrivate: ['127.0.0.1'], // a local site
    maxDepth: 2,
    maxPages: ARTICLES * 2,
    concurrency: CONCURRENCY,
    perHostConcurrency: CONCURRENCY,
    delayMs: 0,
    sitemaps: false,
    scope: { allow: [], include: ['/gen/'], exclude: [] },
    onStored: extract
      ? (pageId) => {
          const page = archive.getPage(pageId)!;
          extract({ html: page.text, url: page.url });
          extracted++;
        }
      : undefined,
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await crawler.run();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const serverCpu1 = server.cpu();
  const serverCpuMs = serverCpu0 !== null && serverCpu1 !== null ? (serverCpu1 - serverCpu0) * 1000 : null;
  archive.close();
  rmSync(dir, { recursive: true, force: true });
  const row = {
    mode: label,
    requests: s.fetched,
    stored: s.byOutcome.stored ?? 0,
    listed: s.byOutcome.listed ?? 0,
    failed: s.byOutcome.failed ?? 0,
    extracted,
    seconds: Math.round(wall * 100) / 100,
    pagesPerSecond: Math.round(s.fetched / wall),
    cpuMsPerPage: Math.round((cpuMs / s.fetched) * 100) / 100,
    cpuUtilisation: Math.round((cpuMs / 1000 / wall) * 100) / 100,
    serverCpuMsPerPage: serverCpuMs === null ? null : Math.round((serverCpuMs / s.fetched) * 100) / 100,
    loadAverage: loadavg()[0],
  };
  console.log(JSON.stringify(row));
  return row;
}

/** Decode + link analysis on real saved news pages (larger than the generated ones), CPU ms per page. */
function realPages(): void {
  const dir = SHARED_DIR ? join(SHARED_DIR, 'fixtures', 'news-html') : null;
  if (!dir || !existsSync(dir)) return console.log('real pages: skipped (../shared absent)');
  const pages = readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(dir, f)));
  const rounds = 5;
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const bytes of pages) analysePage(decodeHtml(bytes, 'text/html').text, 'http://news.test/a/b.html', { article: [], list: [] });
  }
  const cpu = process.cpuUsage(cpu0);
  const kb = pages.reduce((n, b) => n + b.length, 0) / pages.length / 1024;
  console.log(`real pages: ${pages.length} saved news pages (mean ${kb.toFixed(0)} KB), decode + link analysis ${((cpu.user + cpu.system) / 1000 / (rounds * pages.length)).toFixed(2)} ms CPU/page`);
}

const server = await startServer();
try {
  console.log(`crawl bench: ${ARTICLES} articles + ${Math.ceil(ARTICLES / 50)} list pages, concurrency ${CONCURRENCY}, politeness off`);
  const deferred = await measure(server, 'extraction deferred', null);
  const extract = values['deferred-only'] ? null : await loadExtractor();
  const inline = extract ? await measure(server, 'extraction inline', extract) : null;
  console.log(`deferred: ${deferred.pagesPerSecond} pages/s, ${deferred.cpuMsPerPage} ms CPU/page (goal >= 300 pages/s: ${deferred.pagesPerSecond >= 300 ? 'met' : 'NOT met'})`);
  if (inline) {
    console.log(`inline:   ${inline.pagesPerSecond} pages/s, ${inline.cpuMsPerPage} ms CPU/page; inline/deferred throughput ratio ${(inline.pagesPerSecond / deferred.pagesPerSecond).toFixed(2)}`);
  } else console.log('inline: skipped (extractor/index.ts has no extractArticle)');
  realPages();
} finally {
  server.stop();
}
