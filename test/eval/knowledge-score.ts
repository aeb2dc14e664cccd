// Runs knowledge extraction over each gold document's body and writes OUTDIR/<id>.json in the
// evaluation shape, for: npx tsx test/eval/knowledge-score.ts OUTDIR && node ../shared/eval/score.mjs --gold ../shared/eval/gold --pred OUTDIR
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractKnowledge, toEvalJson } from '../../extractor/knowledge/index.ts';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from '../shared.ts';

const out = process.argv[2];
if (!out) {
  console.error('usage: npx tsx test/eval/knowledge-score.ts OUTDIR');
  process.exit(2);
}
if (!SHARED_DIR) {
  console.error(SHARED_MISSING_MESSAGE);
  process.exit(2);
}
const goldDir = join(SHARED_DIR, 'eval', 'gold');
mkdirSync(out, { recursive: true });
for (const f of readdirSync(goldDir).filter((x) => x.endsWith('.json'))) {
  const gold = JSON.parse(readFileSync(join(goldDir, f), 'utf8'));
  const article = { title: gold.title ?? undefined, published: gold.published ?? null, source: gold.source ?? null, body: gold.body };
  const k = extractKnowledge(article);
  writeFileSync(join(out, `${basename(f, '.json')}.json`), JSON.stringify(toEvalJson(article, k), null, 2));
  console.log(`${f}: ${k.entities.length} entities, ${k.figures.length} figures, ${k.relations.length} relations`);
}
