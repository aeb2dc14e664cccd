// Runs extractArticle on every seed text dump and writes OUTDIR/<basename>.json in the shape the
// shared scorer reads (knowledge fields left empty). Then:
//   node ../shared/eval/score.mjs --gold ../shared/eval/gold --pred OUTDIR
// usage: npx tsx test/eval/article-score.ts [OUTDIR]   (default /tmp/article-eval)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeText } from '../../crawler/decode.ts';
import { extractArticle, isNoArticle } from '../../extractor/index.ts';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from '../shared.ts';

if (!SHARED_DIR) {
  console.error(SHARED_MISSING_MESSAGE);
  process.exit(2);
}
const outDir = process.argv[2] ?? '/tmp/article-eval';
mkdirSync(outDir, { recursive: true });
const seeds = join(SHARED_DIR, 'seeds');
for (const f of readdirSync(seeds).filter((x) => x.endsWith('.txt')).sort()) {
  const { text } = decodeText(readFileSync(join(seeds, f)));
  const r = extractArticle({ text });
  const out = isNoArticle(r)
    ? { title: null, published: null, source: null, body: '', noArticle: r.reason }
    : { title: r.title || null, published: r.published, source: r.source, body: r.body };
  writeFileSync(join(outDir, `${basename(f, '.txt')}.json`), JSON.stringify({ ...out, entities: [], figures: [], relations: [] }, null, 2));
  console.log(f, isNoArticle(r) ? `NO ARTICLE: ${r.reason}` : `${r.title} | ${r.published} | ${r.source} | ${r.body.length} chars`);
}
console.log(`written to ${outDir}`);
