// The stages of the scale bench (scale.bench.ts), each run in its own process so its peak memory is its own:
//   tsx test/bench/scale-stages.ts STAGE DIR N [PART/PARTS]
// Every stage runs the product's own code on the archive in DIR and is resumable: pages already stored are
// not stored again, pages already extracted are not extracted again, synced articles are not synced again.
// A stage appends one segment (items, wall seconds, peak RSS, load) to DIR/results.json; a stage stopped by
// the deadline (SCALE_DEADLINE, an ISO time) or by a file DIR/STOP records what it did; the next run continues it.
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Archive } from '../../archive/index.ts';
import { EmbeddedGraphStore } from '../../graph/embedded.ts';
import type { GraphStore } from '../../graph/port.ts';
import { EXTRACTOR_VERSION, extractPages, linkReprints } from '../../pipeline/extract.ts';
import { syncGraph, syncSearch, type SyncSummary } from '../../pipeline/sync.ts';
import { EmbeddedSearchIndex } from '../../search/embedded.ts';
import type { SearchIndex } from '../../search/port.ts';
import { iterateVaried, type GeneratedArticle } from './generate.ts';

/**
 * `facts` writes the generator's own facts straight into a second embedded graph (graph-facts.sqlite), without
 * extraction: the graph queries can then be measured at a size whose extraction does not finish in the time at hand.
 */
export const STAGES = ['import', 'extract', 'reprints', 'graph', 'search', 'neo4j', 'meili', 'facts'] as const;
export type Stage = (typeof STAGES)[number];

export interface Segment { items: number; wallS: number; maxRssMB: number; rssMB: number[]; load: string; at: string; complete: boolean; note?: string }
export interface Results { n: number; stages: Record<string, Segment[] | undefined>; queries?: Record<string, QueryFigures>; info?: Record<string, unknown> }
/** answerRows: mean rows an answer held (a report's facts and left-out figures), where the answer's size grows with the archive. */
export interface QueryFigures { p50: number; p95: number; samples: number; load: string; answerRows?: number; note?: string }

export const SEED = 42;
export const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const mb = (bytes: number) => Math.round(bytes / 1048576);

export function readResults(dir: string, n: number): Results {
  const f = join(dir, 'results.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Results) : { n, stages: {} };
}

export function writeResults(dir: string, r: Results): void {
  const f = join(dir, 'results.json');
  writeFileSync(`${f}.tmp`, JSON.stringify(r, null, 1));
  renameSync(`${f}.tmp`, f);
}

/** Append a segment to a stage (re-reading the file: extraction parts write side by side). */
function record(dir: string, n: number, stage: string, seg: Segment): void {
  const r = readResults(dir, n);
  const list = (r.stages[stage] ??= []);
  list.push(seg);
  writeResults(dir, r);
}

/** The HTML page a news site would serve for a generated article: title, date and source line, paragraphs. */
export function pageHtml(a: GeneratedArticle): string {
  const t = a.article.title ?? '';
  const ps = a.body.split('\n').map((p) => `<p>${p}</p>`).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${t}_${a.article.source}</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/news/">合作动态</a></div>
<h1>${t}</h1><div class="info">${a.article.published} 来源：${a.article.source}</div>
<div class="content">${ps}</div>
<div class="footer">版权所有 合成新闻网</div></body></html>`;
}

const STOPPED = 'stopped at the deadline (or by a STOP file in its folder)';
class StopStage extends Error {}


/** Runs one stage; returns the items it handled now. Throws StopStage (caught below) at the deadline. */
async function runStage(stage: Stage, dir: string, n: number, part: [number, number], sample: () => void, deadline: number): Promise<{ items: number; note?: string }> {
  const archive = Archive.open({ dataDir: join(dir, 'data') });
  // A synchronous stage never yields to a signal handler, so a stop is asked for with a file the stage looks for.
  const due = () => { if (Date.now() > deadline || existsSync(join(dir, 'STOP'))) throw new StopStage('deadline'); };
  let items = 0;
  const progress = (done: number) => { items = done; if (done % 500 === 0) { sample(); due(); } };
  try {
    if (stage === 'import') {
      const have = archive.db.prepare('SELECT count(*) FROM pages').pluck().get() as number;
      let i = 0;
      for (const a of iterateVaried(n, SEED)) {
        if (i++ < have) continue;
        const html = pageHtml(a);
        archive.storePage({ origin: a.article.url!, url: a.article.url, kind: 'html', bytes: Buffer.from(html), text: html, encoding: 'utf-8', contentType: 'text/html; charset=utf-8' });
        progress(++items);
      }
      return { items };
    }
    if (stage === 'extract') {
      const ids = archive.pagesToExtract(EXTRACTOR_VERSION).filter((id) => id % part[1] === part[0]);
      const s = extractPages(archive, { pageIds: ids, linkReprints: false, onProgress: (d) => progress(d) });
      return { items: s.ok + s.noArticle + s.failed, note: `ok ${s.ok}, no article ${s.noArticle}, failed ${s.failed}${s.failed ? ` (${JSON.stringify(s.reasons)})` : ''}` };
    }
    if (stage === 'reprints') {
      const changed = linkReprints(archive);
      sample();
      return { items: archive.db.prepare("SELECT count(*) FROM articles WHERE status = 'ok'").pluck().get() as number, note: `${changed} links changed` };
    }
    if (stage === 'facts') {
      const { store, close } = await openGraph('facts', dir);
      try {
        const count = new Database(join(dir, 'graph-facts.sqlite'), { readonly: true });
        const have = count.prepare('SELECT count(*) FROM graph_article').pluck().get() as number;
        count.close();
        let batch: GeneratedArticle[] = [];
        let i = 0;
        for (const a of iterateVaried(n, SEED)) {
          if (i++ < have) continue;
          batch.push(a);
          if (batch.length === 1000) { await store.writeArticles(batch); progress((items += batch.length)); batch = []; }
        }
        if (batch.length) await store.writeArticles(batch);
        return { items: items + batch.length };
      } finally {
        await close();
      }
    }
    let summary: SyncSummary;
    const onProgress = (d: number) => progress(d);
    if (stage === 'graph' || stage === 'neo4j') {
      const { store, close } = await openGraph(stage, dir);
      try {
        summary = await syncGraph(archive, store, { onProgress, target: stage === 'graph' ? 'graph' : 'neo4j', batchSize: 500 });
      } finally {
        await close();
      }
    } else {
      const { index, close } = await openSearch(stage, dir, n);
      try {
        summary = await syncSearch(archive, index, { onProgress, target: stage === 'search' ? 'search' : 'meili', batchSize: 500 });
      } finally {
        await close();
      }
    }
    return { items: summary.written + summary.removed, note: summary.refused.length ? `${summary.refused.length} refused: ${JSON.stringify(summary.refused.slice(0, 3))}` : undefined };
  } catch (e) {
    if (e instanceof StopStage) return { items, note: STOPPED };
    throw e;
  } finally {
    archive.close();
  }
}

/** The graph store of a stage: the embedded one in graph.sqlite, or a local Neo4j with its data in DIR/neo4j. */
export async function openGraph(stage: 'graph' | 'neo4j' | 'facts', dir: string): Promise<{ store: GraphStore; close(): Promise<void> }> {
  if (stage !== 'neo4j') {
    const db = new Database(join(dir, stage === 'graph' ? 'graph.sqlite' : 'graph-facts.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    const store = new EmbeddedGraphStore(db);
    await store.init();
    return { store, close: async () => { await store.close(); db.close(); } };
  }
  const { startLocalNeo4j } = await import('../../graph/neo4j-server.ts');
  const { Neo4jGraphStore } = await import('../../graph/neo4j.ts');
  const server = await startLocalNeo4j({ dataDir: join(dir, 'neo4j'), port: 0, heap: '2g', pagecache: '1g' });
  const store = new Neo4jGraphStore({ uri: server.uri, user: 'neo4j', password: '', batchSize: 1000, maxRetryTimeMs: 60_000 });
  await store.init();
  return { store, close: async () => { await store.close(); await server.stop(); } };
}

/** The search index of a stage: the embedded one in search.sqlite, or Meilisearch at MEILI_HOST (index scale_N). */
export async function openSearch(stage: 'search' | 'meili', dir: string, n: number): Promise<{ index: SearchIndex; close(): Promise<void> }> {
  if (stage === 'search') {
    const db = new Database(join(dir, 'search.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const index = new EmbeddedSearchIndex(db, { cacheEntries: 0 });
    await index.init();
    return { index, close: async () => { await index.close(); db.close(); } };
  }
  const { MeiliSearchIndex } = await import('../../search/meilisearch.ts');
  const index = new MeiliSearchIndex({ host: process.env.MEILI_HOST!, apiKey: process.env.MEILI_API_KEY, indexUid: `scale_${n}` });
  await index.init();
  return { index, close: () => index.close() };
}

async function main(): Promise<void> {
  const [stage, dir, nArg, partArg] = process.argv.slice(2);
  if (!STAGES.includes(stage as Stage)) throw new Error(`unknown stage ${stage}: one of ${STAGES.join(', ')}`);
  const n = Number(nArg);
  const part = (partArg ?? '0/1').split('/').map(Number) as [number, number];
  const deadline = process.env.SCALE_DEADLINE ? Date.parse(process.env.SCALE_DEADLINE) : Infinity;
  const rss: number[] = [];
  let last = 0;
  // Event-loop timers do not run inside a synchronous stage, so RSS is sampled at progress points (every 500 items, at most every 2 s).
  const sample = () => { const now = Date.now(); if (now - last > 2000) { last = now; rss.push(mb(process.memoryUsage.rss())); } };
  const t0 = performance.now();
  const { items, note } = await runStage(stage as Stage, dir, n, part, sample, deadline);
  sample();
  const wallS = (performance.now() - t0) / 1000;
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  // Keep at most 20 samples, evenly spread, to show whether memory stays flat through the stage.
  const step = Math.max(1, Math.ceil(rss.length / 20));
  const seg: Segment = { items, wallS, maxRssMB, rssMB: rss.filter((_, i) => i % step === 0), load: load(), at: new Date().toISOString(), complete: note !== STOPPED, note };
  record(dir, n, part[1] > 1 ? `${stage}#${part[0]}` : stage, seg);
  console.log(`  ${stage}${part[1] > 1 ? ` part ${part[0] + 1}/${part[1]}` : ''}: ${items} in ${wallS.toFixed(1)} s (${(items / wallS).toFixed(0)}/s), peak RSS ${maxRssMB} MB, load ${seg.load}${note ? `; ${note}` : ''}`);
}

if (process.argv[1] && process.argv[1].endsWith('scale-stages.ts')) main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
