// Blind check of knowledge extraction: ten original articles written before the extractor was read, gold by hand
// from the text (test/fixtures/knowledge-blind/gold). Each .txt goes through the same article extraction as an
// imported page (title line, date/source line, body), so title, date and body are measured too.
//   npx tsx test/eval/knowledge-blind.ts OUTDIR [FIXTURE_DIR]   (FIXTURE_DIR defaults to the first blind set;
//   test/fixtures/knowledge-blind2 is a second one, written the same way by another helper)
//   node ../shared/eval/score.mjs --gold FIXTURE_DIR/gold --pred OUTDIR --verbose
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { demoArticle, writePrediction } from './knowledge-heldout.ts';

export const BLIND_DIR = new URL('../fixtures/knowledge-blind/', import.meta.url).pathname;

function main(args: string[]): void {
  const [out, dir = BLIND_DIR] = args;
  if (!out) {
    console.error('usage: npx tsx test/eval/knowledge-blind.ts OUTDIR [FIXTURE_DIR]');
    process.exit(2);
  }
  predictBlind(out, dir);
}

/** Predictions for every .txt of a blind set, written as OUT/<basename>.json in the evaluation shape. */
export function predictBlind(out: string, dir: string = BLIND_DIR): void {
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const article = demoArticle(join(dir, f));
    writePrediction(out, f, article);
  }
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) main(process.argv.slice(2));
