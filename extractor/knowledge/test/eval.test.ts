// Quality gate against the shared gold annotations, scored by the shared scorer (skips without ../shared).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from '../../../test/shared.ts';
import { extractKnowledge, toEvalJson } from '../index.ts';

const THRESHOLDS: Record<string, number> = { hospitals: 0.9, places: 0.93, figures: 0.9, organizations: 0.8, collaborations: 0.7, projects: 0.85 };

describe.skipIf(!SHARED_DIR)(`knowledge quality on the shared gold${SHARED_DIR ? '' : ` (${SHARED_MISSING_MESSAGE})`}`, () => {
  const out = mkdtempSync(join(tmpdir(), 'kg-knowledge-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('meets the F1 thresholds of issue 5', () => {
    const goldDir = join(SHARED_DIR!, 'eval', 'gold');
    for (const f of readdirSync(goldDir).filter((x) => x.endsWith('.json'))) {
      const gold = JSON.parse(readFileSync(join(goldDir, f), 'utf8'));
      const article = { title: gold.title ?? undefined, published: gold.published ?? null, source: gold.source ?? null, body: gold.body };
      writeFileSync(join(out, `${basename(f, '.json')}.json`), JSON.stringify(toEvalJson(article, extractKnowledge(article))));
    }
    const report = JSON.parse(execFileSync('node', [join(SHARED_DIR!, 'eval', 'score.mjs'), '--gold', goldDir, '--pred', out, '--json'], { encoding: 'utf8' }));
    const f1 = Object.fromEntries(report.rows.map((r: { cat: string; f1: number }) => [r.cat, r.f1]));
    for (const [cat, min] of Object.entries(THRESHOLDS)) expect(f1[cat], cat).toBeGreaterThanOrEqual(min);
  });
});
