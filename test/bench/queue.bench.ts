// Crawl throughput on the shared queue: 1 vs 3 `kg worker` processes on local sites (several hosts, one port
// each, a fixed response latency), crawling and extracting into one PostgreSQL archive. Prints pages/s and the
// ratio, crawling only and crawling + extracting; asserts nothing. Needs REDIS_URL and KG_PG_URL (as .ci/run sets them).
//   REDIS_URL=redis://… KG_PG_URL=postgres://… npx tsx test/bench/queue.bench.ts [HOSTS] [ARTICLES_PER_HOST] [LATENCY_MS]
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { connectRedis, enqueueCrawl, openQueues, waitForRun } from '../../queue/index.ts';
import { startMultiSite } from '../fixtures/multi-site.ts';
import { freshDatabase } from '../postgres.ts';
import { testPrefix } from '../redis.ts';
import { REPO_ROOT } from '../shared.ts';

const [hosts, perHost, latencyMs] = [Number(process.argv[2] ?? 6), Number(process.argv[3] ?? 40), Number(process.argv[4] ?? 100)];
const redisUrl = process.env.REDIS_URL;
if (!redisUrl || !process.env.KG_PG_URL) {
  console.error('set REDIS_URL and KG_PG_URL (a Redis and a PostgreSQL server on 127.0.0.1)');
  process.exit(2);
}

function worker(archive: string, prefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/kg.ts', 'worker', '--redis', redisUrl!, '--archive', archive, '--prefix', prefix, '--concurrency', '4'], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => /: ready/.test(String(d)) && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
}

async function measure(workers: number, extract: boolean): Promise<number> {
  const site = await startMultiSite({ hosts, articlesPerHost: perHost, latencyMs });
  const archive = await freshDatabase('bench');
  const prefix = testPrefix('bench');
  const procs = await Promise.all(Array.from({ length: workers }, () => worker(archive, prefix)));
  const redis = await connectRedis(redisUrl!);
  const queues = openQueues(redis, prefix);
  try {
    const started = Date.now();
    const run = await enqueueCrawl(redis, queues, prefix, { seeds: site.origins.map((o) => `${o}/`), delayMs: 0, maxDepth: 1, allowPrivate: ['127.0.0.1'] }, extract);
    const s = await waitForRun(redis, queues, prefix, run);
    const seconds = (Date.now() - started) / 1000;
    const pages = s.byOutcome.stored ?? 0;
    console.log(`${workers} worker(s), ${extract ? 'crawl + extract' : 'crawl only'}: ${pages} pages stored${extract ? ' and extracted' : ''} (${site.requests.length} requests) in ${seconds.toFixed(1)} s: ${(pages / seconds).toFixed(1)} pages/s`);
    return pages / seconds;
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await queues.close();
    redis.disconnect();
    await site.close();
  }
}

console.log(`${hosts} hosts × ${perHost} articles, ${latencyMs} ms per response, no crawl delay, ${cpus().length} cores, concurrency 4 per worker`);
for (const extract of [false, true]) {
  const one = await measure(1, extract);
  const three = await measure(3, extract);
  console.log(`${extract ? 'crawl + extract' : 'crawl only'}: 3 workers / 1 worker: ${(three / one).toFixed(2)}×`);
}
process.exit(0);
