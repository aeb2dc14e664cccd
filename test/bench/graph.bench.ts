// Graph benchmark: ingest rate into the embedded store (SQLite) and a real local Neo4j, and latency of a
// 2-hop neighbourhood and a shortest path, at two archive sizes, with how each grows between them.
//   npx tsx test/bench/graph.bench.ts            # 10k and 100k articles
//   npx tsx test/bench/graph.bench.ts 2000 20000 # other sizes
//   npx tsx test/bench/graph.bench.ts 10000 50000 --neo4j   # one store only (--embedded / --neo4j)
// Set NEO4J_URI (+ NEO4J_USER / NEO4J_PASSWORD) to use an outside Neo4j (it is cleared first!); otherwise
// a local one (heap 2 GB, page cache 1 GB) is started per size in a temporary directory.
// Prints the machine's load average next to the figures: they are only comparable at similar load.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../graph/embedded.ts';
import { Neo4jGraphStore } from '../../graph/neo4j.ts';
import { startLocalNeo4j } from '../../graph/neo4j-server.ts';
import type { GraphStore } from '../../graph/port.ts';
import { countRows, generateArticles, type GeneratedArticle } from './generate.ts';

const args = process.argv.slice(2);
const sizes = args.map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [10_000, 100_000];
const STORES = ['embedded', 'neo4j'].filter((s) => !args.some((a) => a.startsWith('--')) || args.includes(`--${s}`));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const BATCH = 1000;
const SAMPLES = 100;

interface Result { store: string; n: number; rows: number; ingestS: number; rowsPerS: number; hood: number[]; path: number[]; hoodSize: number; pathFound: number; load: string }

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };

async function run(store: GraphStore, name: string, articles: GeneratedArticle[]): Promise<Result> {
  const rows = countRows(articles).rows;
  const t0 = performance.now();
  for (let i = 0; i < articles.length; i += BATCH) {
    await store.writeArticles(articles.slice(i, i + BATCH));
    if ((i / BATCH) % 20 === 19) process.stdout.write(`  ${name}: ${i + BATCH} articles, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  const ingestS = (performance.now() - t0) / 1000;
  // Same samples for both stores: hospitals drawn evenly over the archive.
  const hospitals = [...new Set(articles.flatMap((a) => a.entities.filter((e) => e.type === 'hospital').map((e) => e.id)))].sort();
  const pick = (k: number) => hospitals[(k * 7919) % hospitals.length];
  const hood: number[] = [];
  const path: number[] = [];
  let hoodSize = 0;
  let pathFound = 0;
  for (let k = 0; k < SAMPLES; k++) {
    let t = performance.now();
    const nb = await store.neighbors(pick(k), { depth: 2 });
    hood.push(performance.now() - t);
    hoodSize += nb.nodes.length;
    t = performance.now();
    const p = await store.shortestPath(pick(k), pick(k + SAMPLES), { maxDepth: 4 });
    path.push(performance.now() - t);
    if (p) pathFound++;
  }
  const s = await store.stats();
  console.log(`  ${name} @${articles.length}: ${JSON.stringify(s)} (load ${load()})`);
  return { store: name, n: articles.length, rows, ingestS, rowsPerS: rows / ingestS, hood, path, hoodSize: hoodSize / SAMPLES, pathFound, load: load() };
}

async function main(): Promise<void> {
  const results: Result[] = [];
  console.log(`${cpus().length} cores, load average ${load()} (1, 5, 15 min)`);
  for (const n of SIZES) {
    const articles = generateArticles(n, 42);
    console.log(`\n${n} articles: ${JSON.stringify(countRows(articles))}`);

    if (STORES.includes('embedded')) {
      const dir = mkdtempSync(join(tmpdir(), 'kg-bench-'));
      const db = new Database(join(dir, 'archive.sqlite'));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const embedded = new EmbeddedGraphStore(db);
      await embedded.init();
      results.push(await run(embedded, 'embedded', articles));
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    if (STORES.includes('neo4j')) results.push(await runNeo4j(articles));
  }
  const ms = (x: number) => x.toFixed(1);
  console.log('\n| store | articles | rows | ingest s | rows/s | 2-hop p50 ms | 2-hop p95 ms | path p50 ms | path p95 ms | avg 2-hop nodes | paths found | load after |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.store} | ${r.n} | ${r.rows} | ${r.ingestS.toFixed(1)} | ${Math.round(r.rowsPerS)} | ${ms(pct(r.hood, 50))} | ${ms(pct(r.hood, 95))} | ${ms(pct(r.path, 50))} | ${ms(pct(r.path, 95))} | ${r.hoodSize.toFixed(0)} | ${r.pathFound}/${SAMPLES} | ${r.load} |`);
  }
  if (SIZES.length >= 2) {
    const [lo, hi] = [SIZES[0], SIZES[SIZES.length - 1]];
    console.log(`\nGrowth ${lo} → ${hi} articles (×${hi / lo} data): ratio of the larger to the smaller`);
    console.log('| store | ingest time | rows/s | 2-hop p50 | 2-hop p95 | path p50 | path p95 |');
    console.log('|---|---|---|---|---|---|---|');
    for (const store of STORES) {
      const a = results.find((r) => r.store === store && r.n === lo)!;
      const b = results.find((r) => r.store === store && r.n === hi)!;
      const x = (u: number, v: number) => `×${(v / u).toFixed(2)}`;
      console.log(`| ${store} | ${x(a.ingestS, b.ingestS)} | ${x(a.rowsPerS, b.rowsPerS)} | ${x(pct(a.hood, 50), pct(b.hood, 50))} | ${x(pct(a.hood, 95), pct(b.hood, 95))} | ${x(pct(a.path, 50), pct(b.path, 50))} | ${x(pct(a.path, 95), pct(b.path, 95))} |`);
    }
  }
}

async function runNeo4j(articles: GeneratedArticle[]): Promise<Result> {
  const dir = process.env.NEO4J_URI ? null : mkdtempSync(join(tmpdir(), 'kg-bench-neo4j-'));
  const server = dir ? await startLocalNeo4j({ dataDir: dir, port: 0, heap: '2g', pagecache: '1g' }) : null;
  const neo = new Neo4jGraphStore({
    uri: server?.uri ?? process.env.NEO4J_URI!, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '',
    batchSize: BATCH, maxRetryTimeMs: 60_000,
  });
  try {
    await neo.init();
    await neo.clear();
    return await run(neo, 'neo4j', articles);
  } finally {
    await neo.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
