// Body F1 of extractArticle vs @mozilla/readability (linkedom DOM) on the labelled fixtures.
// usage: npx tsx test/bench/readability.bench.ts [--verbose]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { decodeHtml } from '../../crawler/decode.ts';
import { extractArticle, isNoArticle } from '../../extractor/index.ts';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from '../shared.ts';
import { bigramF1 } from '../eval/bigram-f1.ts';

if (!SHARED_DIR) {
  console.error(SHARED_MISSING_MESSAGE);
  process.exit(2);
}
const dir = join(SHARED_DIR, 'fixtures/news-html');
let ours = 0;
let theirs = 0;
let n = 0;
let oursMs = 0;
let theirsMs = 0;
for (const f of readdirSync(dir).filter((x) => x.endsWith('.html')).sort()) {
  const gold = JSON.parse(readFileSync(join(dir, f.replace(/\.html$/, '.json')), 'utf8'));
  const html = decodeHtml(readFileSync(join(dir, f))).text;
  let t = performance.now();
  const r = extractArticle({ html, url: gold.url });
  oursMs += performance.now() - t;
  const a = isNoArticle(r) ? 0 : bigramF1(r.body, gold.content);
  t = performance.now();
  let b = 0;
  try {
    const { document } = parseHTML(html);
    const parsed = new Readability(document as unknown as Document).parse();
    b = bigramF1(parsed?.textContent ?? '', gold.content);
  } catch {
    b = 0;
  }
  theirsMs += performance.now() - t;
  if (process.argv.includes('--verbose')) console.log(`${f.padEnd(40)} ours ${a.toFixed(3)}  readability ${b.toFixed(3)}`);
  ours += a;
  theirs += b;
  n++;
}
console.log(`pages ${n}`);
console.log(`body F1  ours ${(ours / n).toFixed(3)}  readability ${(theirs / n).toFixed(3)}  (ratio ${(ours / theirs).toFixed(2)}x)`);
console.log(`time     ours ${(oursMs / n).toFixed(1)} ms/page  readability+linkedom ${(theirsMs / n).toFixed(1)} ms/page`);
