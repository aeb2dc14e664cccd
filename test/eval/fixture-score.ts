// Scores extractArticle on the labelled HTML fixtures (../shared/fixtures/news-html): body
// bigram F1 (as the shared scorer computes it), publish date, title, source and author.
// usage: npx tsx test/eval/fixture-score.ts [--verbose]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHtml } from '../../crawler/decode.ts';
import { extractArticle, isNoArticle } from '../../extractor/index.ts';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from '../shared.ts';
import { bigramF1, sameText } from './bigram-f1.ts';

export interface FixtureScore {
  name: string;
  f1: number;
  date: boolean;
  title: boolean;
  source: boolean;
  author: boolean;
}

export function scoreFixtures(dir: string): FixtureScore[] {
  const rows: FixtureScore[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.html')).sort()) {
    const name = f.slice(0, -5);
    const goldFile = join(dir, `${name}.json`);
    if (!existsSync(goldFile)) continue;
    const gold = JSON.parse(readFileSync(goldFile, 'utf8'));
    const { text } = decodeHtml(readFileSync(join(dir, f)));
    const r = extractArticle({ html: text, url: gold.url });
    if (isNoArticle(r)) {
      rows.push({ name, f1: 0, date: false, title: false, source: false, author: false });
      continue;
    }
    rows.push({
      name,
      f1: bigramF1(r.body, gold.content),
      date: (r.published ?? '').slice(0, 10) === String(gold.publish_time ?? '').slice(0, 10),
      title: sameText(r.title, gold.title),
      source: sameText(r.source, gold.source),
      author: sameText(r.author, gold.author),
    });
  }
  return rows;
}

export function summary(rows: FixtureScore[]) {
  const n = rows.length || 1;
  const share = (k: keyof FixtureScore) => rows.filter((r) => r[k] === true).length / n;
  return { pages: rows.length, bodyF1: rows.reduce((s, r) => s + r.f1, 0) / n, date: share('date'), title: share('title'), source: share('source'), author: share('author') };
}

if (process.argv[1]?.endsWith('fixture-score.ts')) {
  if (!SHARED_DIR) {
    console.error(SHARED_MISSING_MESSAGE);
    process.exit(2);
  }
  const rows = scoreFixtures(join(SHARED_DIR, 'fixtures', 'news-html'));
  if (process.argv.includes('--verbose')) for (const r of rows) console.log(`${r.name.padEnd(34)} f1=${r.f1.toFixed(3)} date=${+r.date} title=${+r.title} source=${+r.source} author=${+r.author}`);
  const s = summary(rows);
  console.log(`pages ${s.pages}  body F1 ${s.bodyF1.toFixed(3)}  date ${(s.date * 100).toFixed(1)}%  title ${(s.title * 100).toFixed(1)}%  source ${(s.source * 100).toFixed(1)}%  author ${(s.author * 100).toFixed(1)}%`);
}
