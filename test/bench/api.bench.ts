// GraphQL API under load: requests/s and latency (p50, p99) for search and entity queries over HTTP on
// 127.0.0.1, against the demo archive plus a synthetic archive (test/bench/generate.ts) on the embedded graph and
// search adapters.
// The server runs in a child process so the load generator (autocannon) does not share its event loop.
// Goal: search >= 500 requests/s with p99 < 100 ms.
// The embedded index caches answers of repeated queries (search/result-cache.ts): "search" replays 10 queries, so
// after the first round every request is a cache hit; "search, cache off" replays them against a second server
// over the same archive with KG_SEARCH_CACHE=0, so every request pays the full FTS5 + BM25 cost. Real traffic
// (a few popular queries, a long tail) lies between the two rows; "search, Zipf mix" models it: 3,000 distinct
// queries (terms × year filters × places × pages × sort), drawn with probability ∝ 1/rank, in one sequence that all
// connections share, so the cache sees each request once, in order. Its hit rate is printed (one process only).
// Each scenario also reports the server's CPU per request, split into the search port, the graph port, the
// archive and the rest (HTTP, Yoga, GraphQL, resolvers, JSON); see test/bench/api-layers.ts. "ports alone" replays
// the scenario's port calls one request at a time without HTTP or GraphQL (CPU ms), so "API+HTTP" = total − that,
// which also holds for adapters that work after an await (the graph walk), where the per-layer split cannot see it.
// With workers > 1 the requests go to the real `kg serve --workers N` (cli/cluster.ts) over the same archive, one
// cluster with the cache and one without; server CPU is then the whole process tree's (/proc), without the split.
// Run: npx tsx test/bench/api.bench.ts [articles=5000] [seconds=10] [connections=10] [workers=1]
// Env: KG_BENCH_ONLY=regex runs only the matching scenarios; KG_BENCH_CPU_PROF=dir writes one V8 CPU profile of
// the server process per scenario there (<scenario>.cpuprofile, the format of `node --cpu-prof`; open in DevTools).
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { offsetToCursor } from '@pothos/plugin-relay';
import { loadDemo } from '../../cli/commands/demo.ts';
import { serve } from '../../cli/commands/serve.ts';
import { openServices } from '../../pipeline/services.ts';
import type { EmbeddedSearchIndex } from '../../search/embedded.ts';
import type { SearchDoc } from '../../search/port.ts';
import { emptyTimes, timeLayers, type LayerTimes } from './api-layers.ts';
import { iterateArticles } from './generate.ts';

interface Request {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
  setupRequest?: (req: Request) => Request;
  onResponse?: (status: number, body: string) => void;
}
interface Histogram { average: number; p50: number; p99: number; max: number }
interface Result { requests: Histogram & { total: number }; latency: Histogram; throughput: { total: number }; errors: number; timeouts: number; non2xx: number }
type Autocannon = (opts: { url: string; connections: number; duration: number; requests: Request[] }) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SELF = fileURLToPath(import.meta.url);
const TERMS = ['医联体', '托管', '远程会诊', '保定', '对口帮扶', '儿童医院 保定', '专家', '赤峰 OR 通辽', '"合作共建"', '床位'];

/** Child mode: fill the archive, serve it, print the URL. */
async function child(dataDir: string, n: number, profDir: string | undefined): Promise<void> {
  const services = await openServices({ dataDir, env: {} });
  const started = Date.now();
  await loadDemo(services, true);
  let batch: ReturnType<typeof iterateArticles> extends Generator<infer T> ? T[] : never = [];
  const docs: SearchDoc[] = [];
  const flush = async () => {
    // Archive rows first (the API resolves Article fields from the archive), then the two projections.
    const ids = services.archive.db.transaction(() =>
      batch.map((a, i) => {
        const bytes = Buffer.from(`${a.article.title}\n${a.body}\n${a.article.id}`);
        const { pageId } = services.archive.storePage({ origin: `bench:${a.article.id}:${i}`, kind: 'text', bytes, text: bytes.toString(), encoding: 'utf-8' });
        const article = { title: a.article.title, published: a.article.published, source: a.article.source, author: null, body: a.body, bodyOriginal: a.body, url: a.article.url };
        return services.archive.saveExtraction(pageId, { status: 'ok', article, knowledge: null, fingerprint: null }, 'bench');
      }),
    )();
    const facts = batch.map((a, i) => ({ ...a, article: { ...a.article, id: ids[i] } }));
    await services.graph.writeArticles(facts);
    for (const [i, a] of batch.entries()) {
      const names = (t: string) => [...new Set(a.entities.filter((e) => e.type === t).map((e) => e.name))];
      docs.push({ id: ids[i], url: a.article.url, title: a.article.title, published: a.article.published, source: a.article.source, body: a.body, bodyOriginal: a.body,
        places: names('place'), institutions: names('hospital'), kinds: [...new Set(a.relations.flatMap((r) => (r.kind ? [r.kind] : [])))], reprintOf: null });
    }
    await services.search.upsert(docs.splice(0));
    batch = [];
  };
  for (const a of iterateArticles(n, 3)) {
    batch.push(a);
    if (batch.length === 500) await flush();
  }
  if (batch.length) await flush();
  const loadSeconds = (Date.now() - started) / 1000;
  const hospitals = await services.graph.findEntities({ type: 'hospital', limit: 20 });
  const inputs = { terms: TERMS, ids: hospitals.map((h) => h.id), prefixes: hospitals.map((h) => h.name.slice(0, 3)) };
  // Baseline: each scenario's port calls alone, one request at a time, no HTTP or GraphQL.
  // A second view of the same archive whose search index keeps no answers.
  const uncached = await openServices({ dataDir, env: { KG_SEARCH_CACHE: '0' } });
  const alone = await portsAlone({ cached: services, uncached }, inputs);
  const layers = { cached: timeLayers(services), uncached: timeLayers(uncached) };
  const opts = { host: '127.0.0.1', port: 0, api: { ui: false, development: false } };
  const s = await serve({ services: layers.cached.services, ...opts });
  const u = await serve({ services: layers.uncached.services, ...opts });
  let cpu = process.cpuUsage();
  const cache = services.search as EmbeddedSearchIndex;
  let cache0 = cache.cacheStats();
  const profiler = profDir ? new Session() : null;
  profiler?.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => profiler!.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  process.on('message', async (m: { cmd: 'mark' | 'report'; name: string }) => {
    if (m.cmd === 'mark') {
      if (profiler) await post('Profiler.enable').then(() => post('Profiler.start'));
      layers.cached.reset();
      layers.uncached.reset();
      cpu = process.cpuUsage();
      cache0 = cache.cacheStats();
      process.send!('marked');
    } else {
      const used = process.cpuUsage(cpu);
      const times = sumTimes(layers.cached.times(), layers.uncached.times());
      if (profiler) {
        const { profile } = (await post('Profiler.stop')) as { profile: object };
        writeFileSync(join(profDir!, `${m.name.replace(/[^\w]+/g, '-')}.cpuprofile`), JSON.stringify(profile));
      }
      const c = cache.cacheStats();
      process.send!({ cpuMs: (used.user + used.system) / 1000, times, cache: { hits: c.hits - cache0.hits, misses: c.misses - cache0.misses } } satisfies Usage);
    }
  });
  process.send!({ urls: { cached: s.url, uncached: u.url }, loadSeconds, alone, inputs } satisfies Ready);
}

/** Per-layer times of two servers added up (only one of them is under load at a time). */
function sumTimes(a: LayerTimes, b: LayerTimes): LayerTimes {
  const out = emptyTimes();
  for (const l of ['search', 'graph', 'archive'] as const) {
    out[l] = a[l] + b[l];
    out.calls[l] = a.calls[l] + b.calls[l];
  }
  return out;
}

interface Usage { cpuMs: number; times: LayerTimes; cache: { hits: number; misses: number } }
interface Ready { urls: Record<'cached' | 'uncached', string>; loadSeconds: number; alone: Record<string, number>; inputs: Record<Scenario['inputs'], string[]> }

/** Marks the start of a scenario in the server child, or asks for its CPU use and per-layer times since the mark. */
function ask(server: ChildProcess, cmd: 'mark' | 'report', name: string): Promise<unknown> {
  return new Promise((resolve) => {
    server.once('message', resolve);
    server.send({ cmd, name });
  });
}

/** GraphQL answers with errors (HTTP 200 all the same): counted with the failed requests. */
let graphqlErrors = 0;
const post = (query: string, variables: Record<string, unknown>): Request => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ query, variables }),
  onResponse: (_status, body) => {
    if (body.includes('"errors":[')) graphqlErrors++; // a quote inside data is escaped (\"), so this is the key
  },
});

const SEARCH_ZIPF = `query($q: String!, $filters: SearchFilters, $after: String, $sort: SearchSort) { search(query: $q, first: 10, filters: $filters, after: $after, sort: $sort, facets: []) { totalCount edges { node { articleId title titleHighlighted published source passages } } } }`;

/** The Zipf mix's distinct queries, in a fixed shuffled order (rank 1 first). */
function zipfQueries(): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const q of TERMS)
    for (const year of [null, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024])
      for (const place of [null, '保定市', '赤峰市'])
        for (const offset of [0, 10, 20, 30, 40])
          for (const sort of ['RELEVANCE', 'DATE']) {
            const filters = { ...(year ? { from: String(year), to: String(year) } : {}), ...(place ? { places: [place] } : {}) };
            out.push({ q, filters: Object.keys(filters).length ? filters : null, after: offset ? offsetToCursor(offset - 1) : null, sort });
          }
  return shuffle(out, mulberry32(7));
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** One request whose body is the next draw of a Zipf (s = 1) sequence over `queries`, shared by every connection. */
function zipfRequest(queries: Array<Record<string, unknown>>): Request {
  const weights = queries.map((_, r) => 1 / (r + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const cdf = weights.map((w) => (acc += w / sum));
  const random = mulberry32(11);
  const bodies = queries.map((variables) => JSON.stringify({ query: SEARCH_ZIPF, variables }));
  const draw = () => {
    const x = random();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return bodies[lo];
  };
  return { ...post(SEARCH_ZIPF, {}), setupRequest: (req: Request) => ({ ...req, body: draw() }) };
}

const SEARCH = `query($q: String!) { search(query: $q, first: 10, facets: []) { totalCount edges { node { articleId title titleHighlighted published source passages } } } }`;
const SEARCH_FACETS = `query($q: String!) { search(query: $q, first: 10) { totalCount facets { field values { key count } } edges { node { articleId titleHighlighted passages } } } }`;
const SEARCH_NESTED = `query($q: String!) { search(query: $q, first: 10, facets: []) { edges { node { passages article { title published entities { name type } } } } } }`;
const ENTITY = `query($id: ID!) { entity(id: $id) { name aliases articleCount articles(first: 10) { totalCount edges { node { title published } } } } }`;
const NEIGHBORS = `query($id: ID!) { entity(id: $id) { name neighbors(depth: 1, limit: 50) { nodes { name type } edges { kind date evidence } } } }`;
const TYPEAHEAD = `query($name: String!) { entities(type: HOSPITAL, name: $name, first: 10) { edges { node { entityId name aliases articleCount } } } }`;

type Ports = Pick<Awaited<ReturnType<typeof openServices>>, 'archive' | 'graph' | 'search'>;
const ALL_FACETS = ['source', 'places', 'institutions', 'kinds', 'year'] as const;

/** One scenario: its GraphQL request for an input, and the port calls the API makes for it (replayed alone for a baseline). */
interface Scenario { name: string; inputs: 'terms' | 'ids' | 'prefixes'; request(input: string): Request; requests?: () => Request[]; ports(p: Ports, input: string): Promise<unknown>; cacheOff?: true }
const searchPorts = (p: Ports, q: string) => p.search.search({ text: q, limit: 10, offset: 0, facets: [], sort: 'relevance', collapseReprints: true });
const SCENARIOS: Scenario[] = [
  // The fixed cost of a request (HTTP, Yoga, an empty execution): the floor under every other row.
  { name: 'floor: { __typename }', inputs: 'terms', request: () => post('{ __typename }', {}), ports: async () => undefined },
  { name: 'search (10 hits, passages)', inputs: 'terms', request: (q) => post(SEARCH, { q }), ports: searchPorts },
  { name: 'search, cache off', inputs: 'terms', request: (q) => post(SEARCH, { q }), ports: searchPorts, cacheOff: true },
  { name: 'search, Zipf mix', inputs: 'terms', request: (q) => post(SEARCH, { q }), requests: () => [zipfRequest(zipfQueries())], ports: searchPorts },
  { name: 'search + facets', inputs: 'terms', request: (q) => post(SEARCH_FACETS, { q }), ports: (p, q) => p.search.search({ text: q, limit: 10, offset: 0, facets: [...ALL_FACETS], sort: 'relevance', collapseReprints: true }) },
  {
    name: 'search → article → entities', inputs: 'terms', request: (q) => post(SEARCH_NESTED, { q }),
    ports: async (p, q) => {
      const r = await p.search.search({ text: q, limit: 10, offset: 0, facets: [], sort: 'relevance', collapseReprints: true });
      p.archive.getArticles(r.hits.map((h) => h.id));
      await p.graph.entitiesOfArticles(r.hits.map((h) => h.id));
    },
  },
  {
    name: 'entity + articles page', inputs: 'ids', request: (id) => post(ENTITY, { id }),
    ports: async (p, id) => {
      await p.graph.entity(id);
      p.archive.getArticles((await p.graph.articlesOf([id], { limit: 11, offset: 0 }))[0].ids.slice(0, 10));
    },
  },
  { name: 'entity neighbours', inputs: 'ids', request: (id) => post(NEIGHBORS, { id }), ports: async (p, id) => Promise.all([p.graph.entity(id), p.graph.neighbors(id, { depth: 1, limit: 50 })]) },
  { name: 'entities type-ahead', inputs: 'prefixes', request: (name) => post(TYPEAHEAD, { name }), ports: (p, name) => p.graph.findEntities({ type: 'hospital', name, limit: 11, offset: 0 }) },
];

const CLI = fileURLToPath(new URL('../../cli/kg.ts', import.meta.url));

/** `kg serve --workers N` on the bench archive; resolves with its URL once every worker listens. */
function startCluster(dataDir: string, workers: number, env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [...process.execArgv, CLI, 'serve', '--workers', String(workers), '--port', '0'], {
    env: { ...process.env, ...env, KG_DATA_DIR: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let url = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      url ||= /serving GraphQL at (http:\/\/\S+)\/graphql/.exec(out)?.[1] ?? '';
      if (url && /\bready in\b/.test(out)) resolve({ url, proc });
    });
    proc.once('exit', (code) => reject(new Error(`kg serve exited with ${code}: ${out}`)));
  });
}

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** CPU ms used so far by a process and all its descendants (Linux /proc). */
function treeCpuMs(root: number): number {
  const stats = new Map<number, { ppid: number; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15).
      const f = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      stats.set(Number(entry), { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const walk = (pid: number) => {
    total += stats.get(pid)?.ms ?? 0;
    for (const [child, st] of stats) if (st.ppid === pid) walk(child);
  };
  walk(root);
  return total;
}

const fixed = (x: number | null, width: number) => (x === null || Number.isNaN(x) ? '-' : x.toFixed(2)).padStart(width);

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** CPU ms per request of each scenario's port calls alone (no HTTP, no GraphQL), one request at a time. */
async function portsAlone(ports: Record<'cached' | 'uncached', Ports>, inputs: Record<Scenario['inputs'], string[]>, reps = 100): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const sc of SCENARIOS) {
    const p = sc.cacheOff ? ports.uncached : ports.cached;
    if (sc.requests) {
      out[sc.name] = NaN; // a request mix of its own: no single port call to replay
      continue;
    }
    const list = inputs[sc.inputs];
    for (let i = 0; i < 10; i++) await sc.ports(p, list[i % list.length]); // warm statement caches
    const t0 = cpuMs();
    for (let i = 0; i < reps; i++) await sc.ports(p, list[i % list.length]);
    out[sc.name] = (cpuMs() - t0) / reps;
  }
  return out;
}

async function main(): Promise<void> {
  const [n = 5000, seconds = 10, connections = 10, workers = 1] = process.argv.slice(2).map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'kg-api-bench-'));
  const only = process.env.KG_BENCH_ONLY ? new RegExp(process.env.KG_BENCH_ONLY) : null;
  const clusters: Array<{ url: string; proc: ChildProcess }> = [];
  const server: ChildProcess = fork(SELF, ['--child', dir, String(n)], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      server.once('message', (m) => resolve(m as never));
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    console.log(`archive: the demo archive and ${n} synthetic articles loaded in ${ready.loadSeconds.toFixed(1)} s; ${seconds} s per scenario, ${connections} connections`);
    if (workers > 1) {
      clusters.push(await startCluster(dir, workers, {}), await startCluster(dir, workers, { KG_SEARCH_CACHE: '0' }));
      // Every worker loads its dictionaries and prepares its statements on its first requests: warm them all up.
      const all = SCENARIOS.flatMap((sc) => ready.inputs[sc.inputs].map((x) => sc.request(x)));
      for (const c of clusters) await autocannon({ url: c.url, connections, duration: 3, requests: all });
      console.log(`server: kg serve --workers ${workers} (a cluster with the search cache, one without; warmed up 3 s each); server CPU is the whole cluster's`);
    }
    const searchAlone = ready.alone['search, cache off'];
    console.log(`search port alone, cache off (no HTTP, no GraphQL): ${searchAlone.toFixed(2)} CPU ms/query → at most ${(1000 / searchAlone).toFixed(0)} queries/s on one core`);
    // Figures on a shared machine are only comparable at a similar load: print it.
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log('scenario                        req/s    p50 ms   p99 ms   max ms  errors  kB/resp │ server CPU ms/request: total  search  graph  archive  rest │ ports alone  API+HTTP  (port calls/request: search graph archive)');
    for (const sc of SCENARIOS) {
      const name = sc.name;
      const requests = sc.requests?.() ?? ready.inputs[sc.inputs].map((x) => sc.request(x));
      if (only && !only.test(name)) continue;
      const target = clusters.length ? clusters[sc.cacheOff ? 1 : 0] : null;
      graphqlErrors = 0;
      await ask(server, 'mark', name);
      const cpu0 = target ? treeCpuMs(target.proc.pid!) : 0;
      const r = await autocannon({ url: target?.url ?? (sc.cacheOff ? ready.urls.uncached : ready.urls.cached), connections, duration: seconds, requests });
      const u = (await ask(server, 'report', name)) as Usage;
      if (target) u.cpuMs = treeCpuMs(target.proc.pid!) - cpu0; // the in-process servers sat idle: only the cluster's CPU counts
      const bad = r.errors + r.timeouts + r.non2xx + graphqlErrors;
      const per = (ms: number) => (ms / Math.max(1, r.requests.total)).toFixed(2).padStart(6);
      const rest = u.cpuMs - u.times.search - u.times.graph - u.times.archive;
      console.log(`${name.padEnd(30)} ${r.requests.average.toFixed(0).padStart(6)} ${r.latency.p50.toFixed(1).padStart(8)} ${r.latency.p99.toFixed(1).padStart(8)} ${r.latency.max.toFixed(0).padStart(8)} ${String(bad).padStart(7)} ${(r.throughput.total / Math.max(1, r.requests.total) / 1000).toFixed(1).padStart(8)} │ ${' '.repeat(22)}${per(u.cpuMs)}  ${target ? '     -      -        -      -' : `${per(u.times.search)} ${per(u.times.graph)}   ${per(u.times.archive)} ${per(rest)}`} │ ${fixed(ready.alone[name], 11)} ${fixed(u.cpuMs / Math.max(1, r.requests.total) - ready.alone[name], 9)}  ${target ? '' : `(${(['search', 'graph', 'archive'] as const).map((l) => (u.times.calls[l] / Math.max(1, r.requests.total)).toFixed(1)).join(' ')})`}`);
      if (sc.requests && !target) console.log(`  search cache: ${u.cache.hits} hits, ${u.cache.misses} misses (${((100 * u.cache.hits) / Math.max(1, u.cache.hits + u.cache.misses)).toFixed(1)} % hits)`);
      if (name.startsWith('search')) {
        console.log(`  goal: >= 500 req/s with p99 < 100 ms → ${(r.requests.average / 500).toFixed(2)}× the rate, p99 at ${(r.latency.p99 / 100).toFixed(2)}× the bound: ${r.requests.average >= 500 && r.latency.p99 < 100 ? 'met' : 'NOT met'}`);
      }
    }
  } finally {
    for (const c of clusters) c.proc.kill('SIGTERM');
    await Promise.all(clusters.map((c) => (c.proc.exitCode === null ? new Promise((resolve) => c.proc.once('exit', resolve)) : null)));
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3], Number(process.argv[4]), process.env.KG_BENCH_CPU_PROF).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
