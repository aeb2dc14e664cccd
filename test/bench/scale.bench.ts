// Scale bench (issue 17): N synthetic articles (generate.ts, varied: reprints with small edits, institutions under
// other names) through the real stages — import of the HTML pages into the archive, extraction (the real
// extractor), reprint linking, sync to the embedded graph and search, and when reachable to a local Neo4j and to
// Meilisearch (MEILI_HOST) — then the researchers' queries: search, entity page, 2-hop, path, report.
// Prints per size: each stage's wall time and rate, peak RSS (each stage runs in its own process), disk per
// article per store, query p50/p95, the load average beside each figure, and growth ratios between sizes.
//   npx tsx test/bench/scale.bench.ts 10000 100000
//   SCALE_DIR=/work/scale-data npx tsx test/bench/scale.bench.ts 1000000   # keeps what it built; run again to continue
// Options: --stages import,extract,… (default all; neo4j needs java, meili needs MEILI_HOST), --queries (re-query
// only; --only graph,neo4j,facts,search,meili for some stores), --report (print only), --extract-parts P (extraction processes side by side; default 1).
// SCALE_DEADLINE=2026-12-07T03:05:00Z stops a running stage there (so does a file STOP in the size's folder); what
// it did is kept and reported as partial. SCALE_NO_NEO4J=1 leaves Neo4j out; MEILI_DB_PATH: the server's data folder,
// for its disk figure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../shared.ts';
import { Archive } from '../../archive/index.ts';
import type { FigureAggregate, GraphStore } from '../../graph/port.ts';
import type { SearchIndex, SearchQuery } from '../../search/port.ts';
import { STAGES, load, openGraph, openSearch, readResults, writeResults, type QueryFigures, type Results, type Segment, type Stage } from './scale-stages.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    stages: { type: 'string' }, queries: { type: 'boolean', default: false }, report: { type: 'boolean', default: false },
    'extract-parts': { type: 'string', default: '1' }, samples: { type: 'string', default: '40' }, only: { type: 'string' },
  },
});
const SIZES = positionals.map(Number).filter((n) => n > 0);
if (!SIZES.length) SIZES.push(10_000, 100_000);
const WANTED = (values.stages?.split(',') ?? [...STAGES]) as Stage[];
const PARTS = Number(values['extract-parts']);
const SAMPLES = Number(values.samples);
const ROOT = process.env.SCALE_DIR ?? mkdtempSync(join(tmpdir(), 'kg-scale-'));
const STAGE_SCRIPT = join(REPO_ROOT, 'test/bench/scale-stages.ts');

const complete = (segs: Segment[] | undefined) => !!segs?.length && segs[segs.length - 1].complete;

function runChild(stage: Stage, dir: string, n: number, part?: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', STAGE_SCRIPT, stage, dir, String(n), ...(part ? [part] : [])], { stdio: 'inherit', cwd: REPO_ROOT });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${stage} exited with ${code}`)))));
}

/** Why a stage cannot run here, or null. */
function unavailable(stage: Stage): string | null {
  if (stage === 'meili' && !process.env.MEILI_HOST) return 'MEILI_HOST is unset: Meilisearch stage skipped';
  if (stage === 'neo4j' && process.env.SCALE_NO_NEO4J) return 'SCALE_NO_NEO4J is set: Neo4j stage skipped';
  return null;
}

async function build(n: number, dir: string): Promise<void> {
  for (const stage of STAGES) {
    if (!WANTED.includes(stage)) continue;
    const why = unavailable(stage);
    if (why) { console.log(`  ${stage}: ${why}`); continue; }
    if (complete(readResults(dir, n).stages[stage])) continue;
    if (stage === 'facts' && !values.stages) continue; // only when asked for: it bypasses extraction
    if (stage === 'extract' && PARTS > 1) {
      // Parts write their own segments; the stage's figure is the wall time of all of them together.
      const before = readResults(dir, n);
      const t0 = performance.now();
      await Promise.all(Array.from({ length: PARTS }, (_, k) => runChild(stage, dir, n, `${k}/${PARTS}`)));
      const wallS = (performance.now() - t0) / 1000;
      const r = readResults(dir, n);
      const fresh = Array.from({ length: PARTS }, (_, k) => (r.stages[`extract#${k}`] ?? []).slice((before.stages[`extract#${k}`] ?? []).length).at(-1)!);
      (r.stages.extract ??= []).push({
        items: fresh.reduce((s, x) => s + x.items, 0), wallS, maxRssMB: Math.max(...fresh.map((x) => x.maxRssMB)), rssMB: fresh[0].rssMB,
        load: load(), at: new Date().toISOString(), complete: fresh.every((x) => x.complete), note: `${PARTS} processes side by side; peak RSS is the largest one's`,
      });
      writeResults(dir, r);
    } else await runChild(stage, dir, n);
    if (!complete(readResults(dir, n).stages[stage])) { console.log(`  ${stage} did not finish (deadline): later stages wait for the next run`); return; }
  }
}

const SEARCHES: SearchQuery[] = [
  { text: '医联体' }, { text: '托管', facets: ['source', 'year'] }, { text: '远程会诊' }, { text: '保定' }, { text: '"对口帮扶"' },
  { text: '儿童医院 保定' }, { text: '遠程會診' }, { text: '第二人民医院' }, { text: '床位', filters: { from: '2020', to: '2022' } },
  { text: '医院', facets: ['source', 'year', 'kinds'] }, { text: '专家 -托管' }, { text: '卫生健康委员会 优质医疗资源' },
];
const METRICS = ['床位', '派驻专家', '诊疗人次', '手术', '培训医务人员', '远程会诊'];
/**
 * Regions of the network page (one end in the region), and the whole network (its first 200 edges). The generated
 * helpers are named after Beijing and Tianjin districts (朝阳人民医院), which the extractor cannot place, so pairs
 * of regions would find nothing here.
 */
const PAIRS: Array<[string | undefined, string | undefined]> = [['河北省', undefined], ['保定市', undefined], ['内蒙古自治区', undefined], [undefined, undefined]];
const PLACES = ['河北省', '内蒙古自治区', '保定市', '赤峰市', '新疆维吾尔自治区'];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/**
 * 40 samples after `warm` warm-up calls (first statement preparation, Neo4j plan cache; for search, each of its
 * queries once: their first call reads the index from disk, 0.3–1 s at 1M, and is reported apart as `first`).
 */
async function timed<T>(out: Record<string, QueryFigures>, name: string, run: (k: number) => Promise<T>, warm = 1, size?: (answer: T) => number, samples = SAMPLES): Promise<void> {
  let first = 0;
  for (let k = 0; k < warm; k++) {
    const t = performance.now();
    await run(samples + k);
    first = Math.max(first, performance.now() - t);
  }
  const ms: number[] = [];
  let rows = 0;
  for (let k = 0; k < samples; k++) {
    const t = performance.now();
    const answer = await run(k);
    ms.push(performance.now() - t);
    if (size) rows += size(answer);
  }
  out[name] = {
    p50: pct(ms, 50), p95: pct(ms, 95), samples, load: load(), ...(size ? { answerRows: Math.round(rows / samples) } : {}),
    ...(warm > 1 ? { note: `slowest first call ${first.toFixed(0)} ms` } : {}),
  };
  const f = out[name];
  console.log(`  ${name}: p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms (load ${f.load})${f.answerRows !== undefined ? `; ${f.answerRows} rows an answer` : ''}${f.note ? `; ${f.note}` : ''}`);
}

async function queryGraph(out: Record<string, QueryFigures>, prefix: string, store: GraphStore, hospitals: string[]): Promise<void> {
  const pick = (k: number) => hospitals[(k * 7919) % hospitals.length];
  await timed(out, `${prefix} entity`, async (k) => Promise.all([
    store.entity(pick(k)), store.articlesOf([pick(k)], { limit: 20, offset: 0 }), store.figuresOf('entity', [pick(k)], { limit: 20 }),
  ]));
  await timed(out, `${prefix} 2-hop`, (k) => store.neighbors(pick(k), { depth: 2 }));
  await timed(out, `${prefix} path`, (k) => store.shortestPath(pick(k), pick(k + SAMPLES + 1), { maxDepth: 4 }));
  await timed(out, `${prefix} network`, (k) => store.collaborations({ placeA: PAIRS[k % PAIRS.length][0], placeB: PAIRS[k % PAIRS.length][1], limit: 200 }));
  // A report for one place reads the figures about that place; one for the whole country reads every figure of its
  // metric (seconds at 1M: 12 samples, two per metric). Both answer every fact they add and every figure they leave
  // out, so the rows of the answer are measured too.
  const rows = (groups: FigureAggregate[]) => groups.reduce((n, g) => n + g.facts.length + g.leftOut.length, 0);
  await timed(out, `${prefix} report (a place)`, (k) => store.aggregateFigures({ metric: METRICS[k % METRICS.length], place: PLACES[k % PLACES.length], groupBy: ['metric', 'place', 'year'] }), 1, rows);
  await timed(out, `${prefix} report (whole country)`, (k) => store.aggregateFigures({ metric: METRICS[k % METRICS.length], groupBy: ['metric', 'place', 'year'] }), 1, rows, 12);
}

async function querySearch(out: Record<string, QueryFigures>, prefix: string, index: SearchIndex): Promise<void> {
  await timed(out, `${prefix} search`, (k) => index.search({ ...SEARCHES[k % SEARCHES.length], limit: 10 }), SEARCHES.length);
}

async function queries(n: number, dir: string): Promise<void> {
  const r = readResults(dir, n);
  const out: Record<string, QueryFigures> = {};
  const archive = Archive.open({ dataDir: join(dir, 'data') });
  const hospitals = archive.db.prepare("SELECT id FROM institutions WHERE type = 'hospital' ORDER BY id").pluck().all() as string[];
  archive.close();
  if (!hospitals.length) { console.log('  no institutions registered yet: graph queries skipped'); }
  // --only graph,neo4j,facts,search,meili: the stores to query (default all).
  const wanted = (store: string) => !values.only || values.only.split(',').includes(store);
  for (const stage of ['graph', 'neo4j'] as const) {
    if (!wanted(stage) || !complete(r.stages[stage]) || !hospitals.length || unavailable(stage)) continue;
    const { store, close } = await openGraph(stage, dir);
    try { await queryGraph(out, stage === 'graph' ? 'embedded' : 'neo4j', store, hospitals); } finally { await close(); }
  }
  if (wanted('facts') && complete(r.stages.facts)) {
    const { store, close } = await openGraph('facts', dir);
    try {
      const generated = (await store.findEntities({ type: 'hospital', limit: 1_000_000 })).map((e) => e.id).sort();
      await queryGraph(out, 'facts graph', store, generated);
    } finally { await close(); }
  }
  for (const stage of ['search', 'meili'] as const) {
    if (!wanted(stage) || !complete(r.stages[stage]) || unavailable(stage)) continue;
    const { index, close } = await openSearch(stage, dir, n);
    try { await querySearch(out, stage === 'search' ? 'embedded' : 'meili', index); } finally { await close(); }
  }
  const now = readResults(dir, n);
  now.queries = { ...now.queries, ...out };
  // a store's report is measured in two shapes now: the single figure an earlier run kept for it is dropped
  for (const name of Object.keys(out)) if (name.endsWith(' report (a place)')) delete now.queries[name.replace(' (a place)', '')];
  writeResults(dir, now);
}

/** Bytes under a path (a file with its -wal, or a folder). */
function bytesOf(path: string): number {
  let total = 0;
  for (const p of [path, `${path}-wal`]) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) for (const f of readdirSync(p)) total += bytesOf(join(p, f));
    else total += s.size;
  }
  return total;
}

function facts(n: number, dir: string): Record<string, unknown> {
  const file = join(dir, 'data', 'kg.sqlite');
  if (!existsSync(file)) return {};
  const archive = Archive.open({ dataDir: join(dir, 'data'), readonly: true });
  const one = (sql: string) => archive.db.prepare(sql).pluck().get() as number;
  try {
    const copies = one("SELECT count(*) FROM articles WHERE url LIKE 'https://reprint.example.cn/%'");
    // The planted reprints carry their original's generated id in the URL: a link is right when it points at an article of that id.
    const found = one(`SELECT count(*) FROM articles c JOIN articles o ON o.id = c.reprint_of
      WHERE c.url LIKE 'https://reprint.example.cn/%' AND o.url LIKE '%/' || substr(c.url, 28, 11) || '.html'`);
    return {
      articles: one('SELECT count(*) FROM articles'), plantedReprints: copies, reprintLinks: one('SELECT count(*) FROM articles WHERE reprint_of IS NOT NULL'),
      plantedFound: found, rawInstitutionNames: one("SELECT count(DISTINCT raw_name) FROM entity_resolution"),
      institutions: one('SELECT count(*) FROM institutions'), ruleJoins: one("SELECT count(*) FROM entity_resolution WHERE rule <> 'own-name'"),
    };
  } catch {
    return {};
  } finally {
    archive.close();
  }
}

function report(all: Results[]): void {
  const rate = (segs: Segment[] | undefined) => {
    if (!segs?.length) return null;
    const items = segs.reduce((s, x) => s + x.items, 0), wallS = segs.reduce((s, x) => s + x.wallS, 0);
    return { items, wallS, rate: items / wallS, rss: Math.max(...segs.map((x) => x.maxRssMB)), load: segs.at(-1)!.load, complete: complete(segs), flat: segs.at(-1)!.rssMB };
  };
  console.log(`\n${cpus().length} cores; load average now ${load()} (1, 5, 15 min)`);
  console.log('\n| articles | stage | items | wall s | items/s | peak RSS MB | RSS through the stage (MB) | load at end |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of all) for (const s of STAGES) {
    const x = rate(r.stages[s]);
    if (x) console.log(`| ${r.n} | ${s}${x.complete ? '' : ' (partial)'} | ${x.items} | ${x.wallS.toFixed(0)} | ${x.rate.toFixed(0)} | ${x.rss} | ${x.flat.join(' ')} | ${x.load} |`);
  }
  console.log('\n| articles | archive B/page | embedded graph B/article | embedded search | Neo4j | Meilisearch | graph of generator facts |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of all) {
    const dir = join(ROOT, `n${r.n}`);
    // Per article the store holds: a stopped stage's store holds only what it took in.
    const per = (p: string | undefined, stage?: Stage) => {
      const held = stage ? (r.stages[stage] ?? []).reduce((t, x) => t + x.items, 0) : r.n;
      return p && existsSync(p) && held > 0 ? `${Math.round(bytesOf(p) / held)}${stage && !complete(r.stages[stage]) ? ` (of ${held})` : ''}` : '–';
    };
    // MEILI_DB_PATH holds every index of that server: only meaningful for the size whose index it holds alone.
    const meili = process.env.MEILI_DB_PATH && complete(r.stages.meili) ? per(process.env.MEILI_DB_PATH, 'meili') : '–';
    console.log(`| ${r.n} | ${per(join(dir, 'data', 'kg.sqlite'))} | ${per(join(dir, 'graph.sqlite'), 'graph')} | ${per(join(dir, 'search.sqlite'), 'search')} | ${per(join(dir, 'neo4j'), 'neo4j')} | ${meili} | ${per(join(dir, 'graph-facts.sqlite'), 'facts')} |`);
  }
  const names = [...new Set(all.flatMap((r) => Object.keys(r.queries ?? {})))];
  if (names.length) {
    console.log(`\n| query | ${all.map((r) => `${r.n} p50 / p95 ms (load)`).join(' | ')} |`);
    console.log(`|---|${all.map(() => '---').join('|')}|`);
    for (const q of names) console.log(`| ${q} | ${all.map((r) => { const f = r.queries?.[q]; return f ? `${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} (${f.load.split(' ')[0]})${f.answerRows !== undefined ? `, ${f.answerRows} rows` : ''}` : '–'; }).join(' | ')} |`);
  }
  for (const r of all) if (r.info) console.log(`\n${r.n}: ${JSON.stringify(r.info)}`);
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [all[i - 1], all[i]];
    console.log(`\nGrowth ${a.n} → ${b.n} (×${b.n / a.n} articles): larger / smaller`);
    console.log('| figure | ratio |');
    console.log('|---|---|');
    for (const s of STAGES) {
      const [x, y] = [rate(a.stages[s]), rate(b.stages[s])];
      if (x && y) console.log(`| ${s} rate | ×${(y.rate / x.rate).toFixed(2)} |\n| ${s} peak RSS | ×${(y.rss / x.rss).toFixed(2)} |`);
    }
    for (const q of names) {
      const [x, y] = [a.queries?.[q], b.queries?.[q]];
      if (x && y) console.log(`| ${q} p95 | ×${(y.p95 / x.p95).toFixed(2)} |${x.answerRows && y.answerRows ? `\n| ${q} answer rows | ×${(y.answerRows / x.answerRows).toFixed(2)} |` : ''}`);
    }
  }
}

async function main(): Promise<void> {
  console.log(`scale bench in ${ROOT}; ${cpus().length} cores, load ${load()}`);
  const all: Results[] = [];
  for (const n of SIZES) {
    const dir = join(ROOT, `n${n}`);
    mkdirSync(dir, { recursive: true });
    if (!values.report) {
      console.log(`\n${n} articles`);
      if (!values.queries) await build(n, dir);
      await queries(n, dir);
      const r = readResults(dir, n);
      r.info = facts(n, dir);
      writeResults(dir, r);
    }
    all.push(readResults(dir, n));
  }
  report(all);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
