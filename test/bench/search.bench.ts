// Search index speed: build rate (docs/s) and query latency (p50/p95) at 10k and 100k synthetic articles
// (test/bench/generate.ts; each document joins four generated stories, ~1,000 characters, close to a real
// news body). Embedded index: a temporary SQLite file, like the archive; goal p95 < 50 ms at 100k.
// With MEILI_HOST set, the same documents go into Meilisearch through its adapter, and each query is run
// side by side, interleaved: embedded, the Meilisearch adapter, and the adapter's first request sent raw
// to the same server (plus the highlighting the adapter adds). Goals: adapter p95 < 20 ms and within
// 2× (raw p95 + highlighting); build ≥ 1,000 docs/s.
// Run: npx tsx test/bench/search.bench.ts [sizes…]   e.g. npx tsx test/bench/search.bench.ts 10000 100000
//      MEILI_HOST=http://127.0.0.1:7700 npx tsx test/bench/search.bench.ts 100000
// SEARCH_BENCH_DIR=/tmp/sb keeps the built files (and the Meilisearch index) and reuses them next time.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { EmbeddedSearchIndex } from '../../search/embedded.ts';
import { DEFAULT_PASSAGES, highlightTitle, markNeedles, passages } from '../../search/highlight.ts';
import { MeiliSearchIndex } from '../../search/meilisearch.ts';
import { parseQuery } from '../../search/query.ts';
import { synonymsOf } from '../../search/synonyms.ts';
import type { Entity, Relation } from '../../extractor/types.ts';
import type { SearchDoc, SearchIndex, SearchQuery } from '../../search/port.ts';
import { iterateArticles } from './generate.ts';

const PER_DOC = 4;

export function* docs(n: number): Generator<SearchDoc> {
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
  db.pragma('cache_size = -65536'); // as the archive opens its file
  // The engine's own cost: each query is run 5 times, which the result cache would answer from memory.
  const index = new EmbeddedSearchIndex(db, { cacheEntries: 0 });
  await index.init();
  if (!reuse) {
    let batch: SearchDoc[] = [];
    let chars = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const m0 = threadCpuS();
    for (const d of docs(n)) {
      chars += d.body.length;
      batch.push(d);
      if (batch.length === 1000) { await index.upsert(batch); batch = []; }
    }
    if (batch.length) await index.upsert(batch);
    const buildS = (performance.now() - t0) / 1000;
    const cpuS = ((c => c.user + c.system)(process.cpuUsage(c0))) / 1e6;
    const mainS = m0 === null ? null : threadCpuS()! - m0;
    const t1 = performance.now();
    await index.optimize();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const optS = (performance.now() - t1) / 1000;
    await index.close(); // the tokenizer thread: queries below do not need it
    const size = statSync(file).size;
    console.log(`\n${n} documents (avg body ${Math.round(chars / n)} chars): built in ${buildS.toFixed(1)} s = ${Math.round(n / buildS)} docs/s ` +
      `(cpu ${cpuS.toFixed(1)} s = ${Math.round(n / cpuS)} docs per cpu-s, incl. generating the corpus` +
      (mainS === null ? '' : `; this thread ${mainS.toFixed(1)} s = ${Math.round(n / mainS)} docs per cpu-s, the rate with a free core for the tokenizer thread`) +
      `; goal ≥ 1,000 docs/s: ${n / buildS >= 1000 ? 'met' : 'missed'}); optimize ${optS.toFixed(1)} s; ` +
      `file ${(size / 1e6).toFixed(0)} MB; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } else console.log(`\n${n} documents: reusing ${file}`);

  const meili = process.env.MEILI_HOST ? await buildMeili(n, keep !== undefined) : null;
  const engines: Engine[] = [{ name: 'embedded', index }];
  if (meili) engines.push({ name: 'meilisearch', index: meili.index }, { name: 'meili raw', index: meili.raw }, { name: 'highlight', index: meili.highlight });

  for (const q of QUERIES) for (const e of engines) await e.index.search({ ...q, limit: 10 }); // warm caches
  const times = new Map(engines.map((e) => [e.name, [] as number[]]));
  const cpuTimes: number[] = [];
  const rows: string[] = [];
  for (const q of QUERIES) {
    const per = new Map(engines.map((e) => [e.name, [] as number[]]));
    const totals = new Map<string, number>();
    for (let r = 0; r < 5; r++) {
      for (const e of engines) {
        const s = performance.now();
        const c = process.cpuUsage();
        totals.set(e.name, (await e.index.search({ ...q, limit: 10 })).total);
        const dc = process.cpuUsage(c);
        per.get(e.name)!.push(performance.now() - s);
        if (e.name === 'embedded') cpuTimes.push((dc.user + dc.system) / 1000);
      }
    }
    for (const [k, v] of per) times.get(k)!.push(...v);
    rows.push(`  ${JSON.stringify(q).slice(0, 70).padEnd(70)} ` + engines.filter((e) => e.name !== 'highlight')
      .map((e) => `${e.name} ${String(totals.get(e.name)).padStart(6)} hits ${pct(per.get(e.name)!, 50).toFixed(1).padStart(5)} ms`).join(' | '));
  }
  console.log(rows.join('\n'));
  const load = () => `load ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${cpus().length} cores)`;
  console.log(`${load()}; embedded cpu/query p50 ${pct(cpuTimes, 50).toFixed(1)} ms, p95 ${pct(cpuTimes, 95).toFixed(1)} ms`);
  const stat = (name: string) => ({ p50: pct(times.get(name)!, 50), p95: pct(times.get(name)!, 95), max: Math.max(...times.get(name)!) });
  const e = stat('embedded');
  console.log(`embedded:    ${times.get('embedded')!.length} queries, p50 ${e.p50.toFixed(1)} ms, p95 ${e.p95.toFixed(1)} ms, max ${e.max.toFixed(1)} ms ` +
    `(goal p95 < 50 ms: ${e.p95 < 50 ? 'met' : `missed ×${(e.p95 / 50).toFixed(2)}`})`);
  if (meili) {
    const [m, r, h] = [stat('meilisearch'), stat('meili raw'), stat('highlight')];
    const bound = 2 * (r.p95 + h.p95);
    console.log(`meilisearch: p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms (goal p95 < 20 ms: ${m.p95 < 20 ? 'met' : `missed ×${(m.p95 / 20).toFixed(2)}`})`);
    console.log(`  raw first request p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms; highlighting p50 ${h.p50.toFixed(2)} ms, p95 ${h.p95.toFixed(2)} ms; ` +
      `adapter p95 / (raw p95 + highlighting p95) = ${(m.p95 / (r.p95 + h.p95)).toFixed(2)} (goal ≤ 2: ${m.p95 <= bound ? 'met' : 'missed'})`);
    console.log(`  embedded p95 / meilisearch p95 = ${(e.p95 / m.p95).toFixed(2)}; ${load()}`);
    await meili.close();
  }
  db.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

interface Engine { name: string; index: Pick<SearchIndex, 'search'> }

/**
 * Where Meilisearch spent its indexing time, from its own batch traces (GET /batches): the time it worked
 * on the index's document batches, and the two steps that cut the searchable text into words (the
 * words themselves, then the word pairs behind phrases and proximity).
 */
async function serverSplit(host: string, indexUid: string, n: number): Promise<string> {
  const headers = process.env.MEILI_API_KEY ? { authorization: `Bearer ${process.env.MEILI_API_KEY}` } : undefined;
  const ms = (v: string | undefined) => (v === undefined ? 0 : v.endsWith('µs') ? parseFloat(v) / 1000 : v.endsWith('ms') ? parseFloat(v) : parseFloat(v) * 1000);
  let total = 0;
  let words = 0;
  let pairs = 0;
  for (let from: number | null = null; ; ) {
    const url = `${host.replace(/\/$/, '')}/batches?indexUids=${indexUid}&types=documentAdditionOrUpdate&limit=100${from === null ? '' : `&from=${from}`}`;
    const page = (await (await fetch(url, { headers })).json()) as { results: Array<{ stats: { progressTrace?: Record<string, string> } }>; next: number | null };
    for (const b of page.results) {
      const t = b.stats.progressTrace ?? {};
      total += ms(t['processing tasks']);
      words += ms(t['processing tasks > indexing > extracting words']);
      pairs += ms(t['processing tasks > indexing > extracting word proximity']);
    }
    if (page.next === null) break;
    from = page.next;
  }
  const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
  return `server: indexing ${s(total)} = ${Math.round(n / (total / 1000))} docs per server-s; cutting words ${s(words)}, word pairs ${s(pairs)}`;
}

/** CPU seconds of the calling thread alone (Linux); null where /proc does not say. */
function threadCpuS(): number | null {
  try {
    const st = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / sysconfClockTicks;
  } catch {
    return null;
  }
}
// USER_HZ: 100 on every Linux platform Node runs on.
const sysconfClockTicks = 100;

/** The Meilisearch index of the same documents (built through the adapter unless kept), and the raw and highlighting probes. */
async function buildMeili(n: number, keep: boolean) {
  const host = process.env.MEILI_HOST!;
  const indexUid = `kg_bench_${n}`;
  const index = new MeiliSearchIndex({ host, apiKey: process.env.MEILI_API_KEY, indexUid, taskTimeoutMs: 600_000 });
  await index.init();
  if (!keep || (await index.count()) !== n) {
    await index.clear();
    let batch: SearchDoc[] = [];
    const t0 = performance.now();
    for (const d of docs(n)) {
      batch.push(d);
      // Large calls: the adapter sends each call's batches without waiting in between (pipelined).
      if (batch.length === 10_000) { await index.upsert(batch); batch = []; }
    }
    if (batch.length) await index.upsert(batch);
    const buildS = (performance.now() - t0) / 1000;
    console.log(`meilisearch: built ${await index.count()} documents in ${buildS.toFixed(1)} s = ${Math.round(n / buildS)} docs/s ` +
      `(incl. generating the corpus; goal ≥ 1,000: ${n / buildS >= 1000 ? 'met' : 'missed'}); load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`  ${await serverSplit(host, indexUid, n)}`);
  } else console.log(`meilisearch: reusing index ${indexUid}`);
  // The adapter's first request, sent raw over kept-alive connections: what the server itself costs.
  const pool = new Pool(new URL(host).origin, { connections: 4 });
  const headers = { 'content-type': 'application/json', ...(process.env.MEILI_API_KEY ? { authorization: `Bearer ${process.env.MEILI_API_KEY}` } : {}) };
  const post = async (q: SearchQuery) => {
    const r = index.firstRequest(q);
    const res = await pool.request({ path: `${new URL(host).pathname.replace(/\/$/, '')}/${r.path}`, method: 'POST', headers, body: JSON.stringify(r.body) });
    return (await res.body.json()) as { hits: Array<Record<string, string>>; estimatedTotalHits?: number; totalHits?: number };
  };
  const raw = { search: async (q: SearchQuery) => ({ total: (await post(q)).estimatedTotalHits ?? 0, hits: [], facets: {} }) };
  // Highlighting as the adapter does it, on a raw answer's hits (answers fetched once per query).
  const answers = new Map<string, Awaited<ReturnType<typeof post>>>();
  const highlight = {
    search: async (q: SearchQuery) => {
      const key = JSON.stringify(q);
      if (!answers.has(key)) answers.set(key, await post(q));
      const needles = markNeedles(parseQuery(q.text).positives.flatMap((p) => [p, ...synonymsOf(p)]));
      for (const h of answers.get(key)!.hits) (highlightTitle(h.title ?? '', needles), passages(h.bodyOriginal ?? '', h.body ?? '', needles, DEFAULT_PASSAGES));
      return { total: 0, hits: [], facets: {} };
    },
  };
  return { index, raw, highlight, close: async () => { await pool.close(); await index.close(); } };
}

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
for (const n of sizes.length ? sizes : [10_000, 100_000]) await run(n);
