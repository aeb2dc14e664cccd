// Quality thresholds of the article extractor on the shared material (skipped when ../shared is absent):
// seeds with gold: body F1 >= 0.95 average, title and date right on every one;
// labelled HTML fixtures: body F1 >= 0.92 average, publish date and title right on >= 95%,
// source on >= 85%, author on >= 75%;
// unlabelled fixtures: every page decodes and yields an article with a title and a body.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml, decodeText } from '../crawler/decode.ts';
import { extractArticle, isNoArticle } from '../extractor/index.ts';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from './shared.ts';
import { bigramF1, sameText } from './eval/bigram-f1.ts';
import { scoreFixtures, summary } from './eval/fixture-score.ts';

if (!SHARED_DIR) console.warn(`[article quality] skipped: ${SHARED_MISSING_MESSAGE}`);

describe.skipIf(!SHARED_DIR)('article quality on shared material', () => {
  const shared = SHARED_DIR ?? '';
  it('seeds with gold: body F1 >= 0.95, title and date right', () => {
    const goldDir = join(shared, 'eval/gold');
    const f1s: number[] = [];
    for (const g of readdirSync(goldDir).filter((f) => f.endsWith('.json'))) {
      const seed = join(shared, 'seeds', g.replace(/\.json$/, '.txt'));
      if (!existsSync(seed)) continue;
      const gold = JSON.parse(readFileSync(join(goldDir, g), 'utf8'));
      const r = extractArticle({ text: decodeText(readFileSync(seed)).text });
      expect(isNoArticle(r), g).toBe(false);
      if (isNoArticle(r)) continue;
      f1s.push(bigramF1(r.body, gold.body));
      if (gold.title != null) expect(sameText(r.title, gold.title), `${g} title`).toBe(true);
      if (gold.published != null) expect(String(r.published).slice(0, 10), `${g} date`).toBe(String(gold.published).slice(0, 10));
    }
    expect(f1s.length).toBeGreaterThan(0);
    expect(f1s.reduce((a, b) => a + b, 0) / f1s.length).toBeGreaterThanOrEqual(0.95);
  });

  it('labelled HTML fixtures: body F1 >= 0.92, date and title >= 95%, source >= 85%, author >= 75%', () => {
    const s = summary(scoreFixtures(join(shared, 'fixtures/news-html')));
    expect(s.pages).toBeGreaterThan(0);
    expect(s.bodyF1).toBeGreaterThanOrEqual(0.92);
    expect(s.date).toBeGreaterThanOrEqual(0.95);
    expect(s.title).toBeGreaterThanOrEqual(0.95);
    expect(s.source).toBeGreaterThanOrEqual(0.85);
    expect(s.author).toBeGreaterThanOrEqual(0.75);
  });

  it('unlabelled fixtures decode and extract to a titled article', () => {
    const dir = join(shared, 'fixtures/news-html-unlabelled');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.html'))) {
      const decoded = decodeHtml(readFileSync(join(dir, f)));
      expect(decoded.replacements, f).toBe(0);
      const r = extractArticle({ html: decoded.text });
      expect(isNoArticle(r), f).toBe(false);
      if (isNoArticle(r)) continue;
      expect(r.title.length, f).toBeGreaterThan(3);
      expect(r.body.length, f).toBeGreaterThan(80);
      expect(r.body, f).not.toMatch(/版权所有|上一篇|下一篇|责任编辑/);
    }
  });
});
