// Prints extracted vs expected metadata for every labelled fixture field that differs.
// usage: npx tsx test/eval/fixture-diff.ts [title|date|source|author ...]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHtml } from '../../crawler/decode.ts';
import { extractArticle, isNoArticle } from '../../extractor/index.ts';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from '../shared.ts';
import { sameText } from './bigram-f1.ts';

if (!SHARED_DIR) {
  console.error(SHARED_MISSING_MESSAGE);
  process.exit(2);
}
const want = new Set(process.argv.slice(2));
const dir = join(SHARED_DIR, 'fixtures', 'news-html');
for (const f of readdirSync(dir).filter((x) => x.endsWith('.html')).sort()) {
  const name = f.slice(0, -5);
  const goldFile = join(dir, `${name}.json`);
  if (!existsSync(goldFile)) continue;
  const gold = JSON.parse(readFileSync(goldFile, 'utf8'));
  const r = extractArticle({ html: decodeHtml(readFileSync(join(dir, f))).text, url: gold.url });
  if (isNoArticle(r)) {
    console.log(`${name}: NO ARTICLE ${r.reason}`);
    continue;
  }
  const rows: [string, string | null, string | null, boolean][] = [
    ['title', r.title, gold.title, sameText(r.title, gold.title)],
    ['date', r.published, gold.publish_time, (r.published ?? '').slice(0, 10) === String(gold.publish_time ?? '').slice(0, 10)],
    ['source', r.source, gold.source, sameText(r.source, gold.source)],
    ['author', r.author, gold.author, sameText(r.author, gold.author)],
  ];
  for (const [k, got, exp, ok] of rows) if (!ok && (want.size === 0 || want.has(k))) console.log(`${name.padEnd(32)} ${k.padEnd(6)} got=${JSON.stringify(got)} want=${JSON.stringify(exp)}`);
}
