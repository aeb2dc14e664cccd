// Search quality over the judged query set (test/fixtures/queries/judged.json) on the demo archive and
// the five shared seeds: recall@10, nDCG@10 (binary gains) and R-precision per adapter, next to a baseline that
// does what stock engines do with Chinese (index jieba's precise words, query the same words).
// Run: npx tsx test/bench/search-quality.bench.ts   (add MEILI_HOST=… to include Meilisearch)
import Database from 'better-sqlite3';
import nodejieba from 'nodejieba';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { decodeHtml, decodeText } from '../../crawler/decode.ts';
import { extractArticle, isNoArticle, normalizeText } from '../../extractor/index.ts';
import { EmbeddedSearchIndex } from '../../search/embedded.ts';
import type { SearchDoc, SearchIndex } from '../../search/port.ts';
import { parseQuery, type QueryNode } from '../../search/query.ts';
import { synonymsOf } from '../../search/synonyms.ts';
import { normalize } from '../../search/text.ts';
import { REPO_ROOT, SHARED_DIR } from '../shared.ts';

interface Judged { query: string; relevant: string[]; note?: string }

function loadDocs(): SearchDoc[] {
  const dir = join(REPO_ROOT, 'demo', 'articles');
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'demo', 'manifest.json'), 'utf8')) as Record<string, { url?: string; publisher?: string; reprintOf?: string }>;
  const files = readdirSync(dir).filter((f) => /\.(html?|txt)$/.test(f)).map((f) => ({ path: join(dir, f), name: f }));
  if (SHARED_DIR) for (const f of readdirSync(join(SHARED_DIR, 'seeds')).filter((f) => f.endsWith('.txt'))) files.push({ path: join(SHARED_DIR, 'seeds', f), name: f });
  else console.warn('shared seeds not found: judged seed documents will count as misses');
  let fallbacks = 0;
  const docs = files.map(({ path, name }) => {
    const bytes = readFileSync(path);
    const html = /\.html?$/.test(name);
    const text = (html ? decodeHtml(bytes) : decodeText(bytes)).text;
    const m = manifest[name];
    const r = extractArticle(html ? { html: text, url: m?.url ?? null } : { text, url: m?.url ?? null });
    const id = basename(name, extname(name));
    const base = { id, url: m?.url ?? null, places: [], institutions: [], kinds: [], reprintOf: null };
    if (isNoArticle(r)) {
      fallbacks++; // keep the document searchable on its raw text rather than lose it
      return { ...base, title: id, published: null, source: m?.publisher ?? null, body: normalizeText(text), bodyOriginal: text };
    }
    return { ...base, title: r.title, published: r.published, source: r.source ?? m?.publisher ?? null, body: r.body, bodyOriginal: r.bodyOriginal };
  });
  console.log(`documents: ${docs.length} (${files.filter((f) => f.path.includes('/seeds/')).length} seeds), raw-text fallbacks: ${fallbacks}`);
  return docs;
}

/** Stock-engine baseline: FTS5 over jieba's precise cut; the query cut the same way, all words required. */
function baseline(docs: SearchDoc[]): (q: string) => string[] {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE b USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61')");
  const cut = (s: string) => nodejieba.cut(s).filter((w) => /[\p{L}\p{N}]/u.test(w)).join(' ');
  const ins = db.prepare('INSERT INTO b (id, title, body) VALUES (?, ?, ?)');
  for (const d of docs) ins.run(d.id, cut(d.title), cut(d.body));
  const find = db.prepare('SELECT id FROM b WHERE b MATCH ? ORDER BY bm25(b, 5, 1) LIMIT 10').pluck();
  return (q) => {
    const words = cut(q).split(' ').filter(Boolean); // no traditional → simplified: stock behaviour
    return words.length ? (find.all(words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ')) as string[]) : [];
  };
}

/**
 * recall@10 = found / |relevant|; capped = found / min(10, |relevant|) (1.0 reachable when > 10 are relevant);
 * R-precision = relevant among the first R hits / R, where R = |relevant| (1.0 only when they all come first).
 */
function metrics(ranked: string[], relevant: string[]): { recall: number; capped: number; ndcg: number; rprec: number } {
  const rel = new Set(relevant);
  const rprec = rel.size ? ranked.slice(0, rel.size).filter((id) => rel.has(id)).length / rel.size : 1;
  const top = ranked.slice(0, 10);
  const found = top.filter((id) => rel.has(id)).length;
  const dcg = top.reduce((s, id, i) => s + (rel.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
  const ideal = Array.from({ length: Math.min(10, rel.size) }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
  return { recall: rel.size ? found / rel.size : 1, capped: rel.size ? found / Math.min(10, rel.size) : 1, ndcg: ideal ? dcg / ideal : 1, rprec };
}

/** Letters and digits only: "exact" ignores punctuation and spaces, as the engines do. */
const squash = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/** Whether a document's text satisfies the query with each typed word whole (or one of its synonyms). */
function holds(node: QueryNode, text: string): boolean {
  switch (node.kind) {
    case 'term': return [node.text, ...(node.phrase ? [] : synonymsOf(node.text))].some((t) => text.includes(squash(t)));
    case 'near': return node.terms.every((t) => holds(t, text));
    case 'not': return !holds(node.child, text);
    case 'and': return node.children.every((c) => holds(c, text));
    case 'or': return node.children.some((c) => holds(c, text));
  }
}

/** Hits that hold the words only apart yet rank above a hit holding the exact typed term or phrase. */
function apartFirst(query: string, ranked: string[], docs: Map<string, SearchDoc>): string[] {
  const exact = parseQuery(query).exact;
  if (!exact) return [];
  const isExact = ranked.map((id) => holds(exact, squash(normalize(`${docs.get(id)?.title ?? ''}\n${docs.get(id)?.body ?? ''}`))));
  const lastExact = isExact.lastIndexOf(true);
  return ranked.filter((id, i) => i < lastExact && !isExact[i]);
}

let corpus = new Map<string, SearchDoc>();

async function evaluate(name: string, judged: Judged[], run: (q: string, n: number) => Promise<string[]>): Promise<{ recall: number; ndcg: number; rprec: number }> {
  let apart = 0;
  let withExact = 0;
  let recall = 0;
  let rprec = 0;
  let capped = 0;
  let ndcg = 0;
  const misses: string[] = [];
  for (const j of judged) {
    let ranked: string[] = [];
    try {
      ranked = await run(j.query, Math.max(10, j.relevant.length));
    } catch (e) {
      misses.push(`${j.query}: ${(e as { code?: string }).code ?? e}`);
    }
    const m = metrics(ranked, j.relevant);
    if (parseQuery(j.query).exact) withExact++;
    const early = apartFirst(j.query, ranked, corpus);
    if (early.length) {
      apart++;
      misses.push(`${j.query}: words apart ranked above the exact term: ${early.join(', ')}`);
    }
    recall += m.recall;
    capped += m.capped;
    ndcg += m.ndcg;
    rprec += m.rprec;
    if (m.rprec < 1) misses.push(`${j.query}: R-precision ${m.rprec.toFixed(2)} (first ${j.relevant.length}: ${ranked.slice(0, j.relevant.length).map((id) => (j.relevant.includes(id) ? id : `[${id}]`)).join(' ')})`);
    if (m.capped < 1) misses.push(`${j.query}: capped recall ${m.capped.toFixed(2)} (not in top 10 ${j.relevant.filter((r) => !ranked.slice(0, 10).includes(r)).join(', ')})`);
  }
  const out = { recall: recall / judged.length, ndcg: ndcg / judged.length, rprec: rprec / judged.length };
  console.log(`\n${name}: recall@10 ${out.recall.toFixed(3)}  capped recall@10 ${(capped / judged.length).toFixed(3)}  nDCG@10 ${out.ndcg.toFixed(3)}  R-precision ${out.rprec.toFixed(3)}  (${judged.length} queries)`);
  console.log(`  exact term before words apart: ${withExact - apart} of ${withExact} queries whose words are cut (${apart} with a hit holding the words apart above one holding the exact term)`);
  for (const m of misses) console.log(`  ${m}`);
  return out;
}

async function main(): Promise<void> {
  const judged = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'queries', 'judged.json'), 'utf8')) as Judged[];
  const docs = loadDocs();
  corpus = new Map(docs.map((d) => [d.id, d]));
  const ids = new Set(docs.map((d) => d.id));
  const unknown = judged.flatMap((j) => j.relevant.filter((r) => !ids.has(r)));
  if (unknown.length) console.warn(`judged documents not in the corpus: ${[...new Set(unknown)].join(', ')}`);

  const base = baseline(docs);
  const b = await evaluate('baseline (jieba precise words, no normalisation)', judged, async (q) => base(q));

  const adapters: Array<[string, SearchIndex]> = [['embedded', new EmbeddedSearchIndex(new Database(':memory:'))]];
  if (process.env.MEILI_HOST) {
    const { MeiliSearchIndex } = await import('../../search/meilisearch.ts');
    adapters.push(['meilisearch', new MeiliSearchIndex({ host: process.env.MEILI_HOST, apiKey: process.env.MEILI_API_KEY, indexUid: 'kg_quality_bench' })]);
  } else console.log('MEILI_HOST is unset: Meilisearch not measured');
  for (const [name, index] of adapters) {
    await index.init();
    await index.clear();
    await index.upsert(docs);
    const m = await evaluate(name, judged, async (q, n) => (await index.search({ text: q, limit: n, collapseReprints: false })).hits.map((h) => h.id));
    console.log(`  vs baseline: recall ×${(m.recall / b.recall).toFixed(2)}, nDCG ×${(m.ndcg / b.ndcg).toFixed(2)}`);
    await index.close();
  }
}

await main();
