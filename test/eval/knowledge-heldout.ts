// Held-out check of knowledge extraction on the project's own demo articles.
// Gold annotations live in test/fixtures/knowledge-gold/<basename>.json (shape of the shared eval gold), written by
// hand from the article text, never from extractor output; 017, 037 and 039 were added after tuning as an untuned check.
//   npx tsx test/eval/knowledge-heldout.ts OUTDIR            → writes OUTDIR/<basename>.json predictions
//   npx tsx test/eval/knowledge-heldout.ts --body FILE       → prints the article body of one demo file
//   node ../shared/eval/score.mjs --gold test/fixtures/knowledge-gold --pred OUTDIR
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { decodeHtml, decodeText } from '../../crawler/decode.ts';
import { extractArticle, isNoArticle, type Article } from '../../extractor/index.ts';
import { extractKnowledge, toEvalJson } from '../../extractor/knowledge/index.ts';

export const HELDOUT_GOLD_DIR = new URL('../fixtures/knowledge-gold/', import.meta.url).pathname;
export const DEMO_ARTICLES_DIR = new URL('../../demo/articles/', import.meta.url).pathname;

/** The article the pipeline would make of one demo file (html or txt). */
export function demoArticle(file: string): Article {
  const bytes = readFileSync(file);
  const html = extname(file) === '.html';
  const text = (html ? decodeHtml(bytes) : decodeText(bytes)).text;
  const r = extractArticle(html ? { html: text, url: null } : { text, url: null });
  if (isNoArticle(r)) throw new Error(`${file}: no article (${r.reason})`);
  return r;
}

function main(args: string[]): void {
  if (args[0] === '--body') {
    const a = demoArticle(args[1]);
    console.log(JSON.stringify({ title: a.title, published: a.published, source: a.source, body: a.body }, null, 2));
    return;
  }
  const out = args[0];
  if (!out) {
    console.error('usage: npx tsx test/eval/knowledge-heldout.ts OUTDIR | --body FILE');
    process.exit(2);
  }
  predictFromGold(HELDOUT_GOLD_DIR, out);
}

/** Knowledge extracted from each gold document's own body, written as OUT/<id>.json in the evaluation shape. */
export function predictFromGold(goldDir: string, out: string): void {
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(goldDir).filter((x) => x.endsWith('.json'))) {
    const gold = JSON.parse(readFileSync(join(goldDir, f), 'utf8'));
    const article = { title: gold.title ?? undefined, published: gold.published ?? null, source: gold.source ?? null, body: gold.body };
    writePrediction(out, f, article);
  }
}

/** Extracts one article's knowledge and writes OUT/<id>.json in the evaluation shape; logs what it found. */
export function writePrediction(out: string, file: string, article: Parameters<typeof extractKnowledge>[0] & { title?: string | null }): void {
  const k = extractKnowledge(article);
  writeFileSync(join(out, `${basename(file, extname(file))}.json`), JSON.stringify(toEvalJson(article, k), null, 2));
  console.log(`${file}: ${k.entities.length} entities, ${k.figures.length} figures, ${k.relations.length} relations`);
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) main(process.argv.slice(2));
