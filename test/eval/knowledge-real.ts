// Knowledge extraction on real news with gold: ../shared/eval/real/<id>.json holds the page text as a text dump
// (headline, blank line, body) and the gold. Each text goes through the same article extraction as an imported
// .txt page, then through knowledge extraction, so title and body are measured too.
//   npx tsx test/eval/knowledge-real.ts OUTDIR [REAL_DIR]     (REAL_DIR defaults to ../shared/eval/real)
//   node ../shared/eval/score.mjs --gold ../shared/eval/real --pred OUTDIR --verbose
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractArticle, isNoArticle } from '../../extractor/index.ts';
import { writePrediction } from './knowledge-heldout.ts';

export const REAL_DIR = new URL('../../../shared/eval/real/', import.meta.url).pathname;

/** Predictions for every gold document of a real set, written as OUT/<id>.json in the evaluation shape. */
export function predictReal(dir: string, out: string): void {
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { text: string; url?: string };
    const r = extractArticle({ text: gold.text, url: gold.url ?? null });
    if (isNoArticle(r)) {
      console.log(`${f}: no article (${r.reason})`);
      continue;
    }
    writePrediction(out, f, r);
  }
}

function main(args: string[]): void {
  const [out, dir = REAL_DIR] = args;
  if (!out) {
    console.error('usage: npx tsx test/eval/knowledge-real.ts OUTDIR [REAL_DIR]');
    process.exit(2);
  }
  if (!existsSync(dir)) {
    console.error(`${dir} not found: the real set lives in ../shared/eval/real beside the repository`);
    process.exit(2);
  }
  predictReal(dir, out);
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) main(process.argv.slice(2));
