// Embedded search index speed: build rate (docs/s) and query latency (p50/p95) at 10k and 100k synthetic
// articles (test/bench/generate.ts; each document joins four generated stories, ~1,000 characters, close
// to a real news body). Goal: p95 < 50 ms at 100k. Data goes to a temporary SQLite file, like the archive.
// Run: npx tsx test/bench/search.bench.ts [sizes…]   e.g. npx tsx test/bench/search.bench.ts 10000 100000
// SEARCH_BENCH_DIR=/tmp/sb keeps the built files and reuses them on the next run (query timings only).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedSearchIndex } from '../../search/embedded.ts';
import type { Entity, Relation } from '../../extractor/types.ts';
import type { SearchDoc, SearchQuery } from '../../search/port.ts';
import { iterateArticles } from './generate.ts';

const PER_DOC = 4;

function* docs(n: number): Generator<SearchDoc> {
  const it = iterateArticles(n * PER_DOC, 7);
  for (let i = 0; i < n; i++) {
    const parts = Array.from({ length: PER_DOC }, () => it.next().value!);
    const a = parts[0];
    const places = [...new Set(parts.flatMap((p) => p.entities.filter((e: Entity) => e.type === 'place').map((e: Entity) => e.name)))];
    const institutions = [...new Set(parts.flatMap((p) => p.entities.filter((e: Entity) => e.type === 'hospital').map((e: Entity) => e.name)))];
    const kinds = [...new Set(parts.flatMap((p) => p.relations.flatMap((r: Relation) => (r.type === 'collaboration' && r.kind ? [r.kind] : []))))];
    const body = parts.map((p) => p.body).join('\n');
    yield {
      id: `d${i}`, url: a.article.url ?? null, title: a.article.title ?? '', published: a.article.published ?? null,
      source: ['健康报', '人民网', '河北日报', '北京日报', '内蒙古日报'][i % 5], body, bodyOriginal: body,
      places, institutions, kinds, reprintOf: i % 50 === 49 ? `d${i - 1}` : null,
    };
  }
}

const QUERIES: Array<Omit<SearchQuery, 'limit'>> = [
  { text: '医联体' }, { text: '托管' }, { text: '远程会诊' }, { text: '保定' }, { text: '京蒙' }, { text: '"对口帮扶"' },
  { text: '儿童医院 保定' }, { text: '遠程會診' }, { text: '医院' }, { text: '专家 -托管' }, { text: '赤峰 OR 通辽' },
  { text: 'NEAR(专家 坐诊, 10)' }, { text: '床位', filters: { from: '2020', to: '2022' } },
  { text: '医联体', filters: { places: ['保定市'] }, facets: ['source', 'year', 'places'] },
  { text: '协作', sort: 'date' }, { text: '卫生健康委员会 优质医疗资源' }, { text: '第二人民医院' }, { text: '人才培养', offset: 50 },
  { text: '', filters: { source: ['人民网'] }, sort: 'date' }, { text: '医院', facets: ['source', 'year', 'kinds'] },
];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function run(n: number): Promise<void> {
  // SEARCH_BENCH_DIR keeps the built file between runs (for query-only iterations); otherwise a temp dir.
  const keep = process.env.SEARCH_BENCH_DIR;
  const dir = keep ? join(keep, String(n)) : mkdtempSync(join(tmpdir(), 'kg-search-bench-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'kg.sqlite');
  const reuse = keep !== undefined && existsSync(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The engine's own cost: each query is run 5 times, which the result cache would answer from memory.
  const index = new EmbeddedSearchIndex(db, { cacheEntries: 0 });
  await index.init();
  if (!reuse) {
    let batch: SearchDoc[] = [];
    let chars = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const d of docs(n)) {
      chars += d.body.length;
      batch.push(d);
      if (batch.length === 1000) { await index.upsert(batch); batch = []; }
    }
    if (batch.length) await index.upsert(batch);
    const buildS = (performance.now() - t0) / 1000;
    const cpuS = ((c => c.user + c.system)(process.cpuUsage(c0))) / 1e6;
    const t1 = performance.now();
    await index.optimize();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const optS = (performance.now() - t1) / 1000;
    const size = statSync(file).size;
    console.log(`\n${n} documents (avg body ${Math.round(chars / n)} chars): built in ${buildS.toFixed(1)} s = ${Math.round(n / buildS)} docs/s ` +
      `(cpu ${cpuS.toFixed(1)} s = ${Math.round(n / cpuS)} docs per cpu-s, incl. generating the corpus); optimize ${optS.toFixed(1)} s; ` +
      `file ${(size / 1e6).toFixed(0)} MB; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } else console.log(`\n${n} documents: reusing ${file}`);

  for (const q of QUERIES) await index.search({ ...q, limit: 10 }); // warm the page cache
  const all: number[] = [];
  const allCpu: number[] = [];
  const rows: string[] = [];
  for (const q of QUERIES) {
    const times: number[] = [];
    let total = 0;
    const cpu: number[] = [];
    for (let r = 0; r < 5; r++) {
      const s = performance.now();
      const c = process.cpuUsage();
      total = (await index.search({ ...q, limit: 10 })).total;
      const dc = process.cpuUsage(c);
      times.push(performance.now() - s);
      cpu.push((dc.user + dc.system) / 1000);
    }
    all.push(...times);
    allCpu.push(...cpu);
    rows.push(`  ${JSON.stringify(q).slice(0, 90).padEnd(90)} total ${String(total).padStart(6)}  median ${pct(times, 50).toFixed(1)} ms, cpu ${pct(cpu, 50).toFixed(1)} ms`);
  }
  console.log(rows.join('\n'));
  const p95 = pct(all, 95);
  console.log(`load ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${cpus().length} cores); cpu/query p50 ${pct(allCpu, 50).toFixed(1)} ms, p95 ${pct(allCpu, 95).toFixed(1)} ms, mean ${(allCpu.reduce((a, b) => a + b, 0) / allCpu.length).toFixed(1)} ms`);
  console.log(`queries: ${all.length}, p50 ${pct(all, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms ` +
    `(goal p95 < 50 ms: ${p95 < 50 ? 'met' : `missed ×${(p95 / 50).toFixed(2)}`})`);
  db.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
for (const n of sizes.length ? sizes : [10_000, 100_000]) await run(n);
