// Every knowledge gold set in one table, so a rule change is judged on all of them at once:
// the real dev set (../shared/eval/real), the shared seed gold, the project's held-out gold and every blind set.
//   npx tsx test/eval/all-sets.ts [OUTROOT]      (predictions under OUTROOT/<set>/, default a temp dir)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from '../shared.ts';
import { predictReal } from './knowledge-real.ts';
import { HELDOUT_GOLD_DIR, predictFromGold } from './knowledge-heldout.ts';
import { predictBlind } from './knowledge-blind.ts';

const COLUMNS = ['title', 'hospitals', 'organizations', 'places', 'projects', 'people', 'figures', 'collaborations'];

function quiet(fn: () => void): void {
  const log = console.log;
  console.log = () => {};
  try { fn(); } finally { console.log = log; }
}

function main(): void {
  if (!SHARED_DIR) {
    console.error(SHARED_MISSING_MESSAGE);
    process.exit(2);
  }
  const root = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'kg-eval-'));
  const fixtures = new URL('../fixtures/', import.meta.url).pathname;
  const sets: { name: string; gold: string; predict: (out: string) => void }[] = [
    { name: 'real', gold: join(SHARED_DIR, 'eval', 'real'), predict: (o) => predictReal(join(SHARED_DIR!, 'eval', 'real'), o) },
    { name: 'seed gold', gold: join(SHARED_DIR, 'eval', 'gold'), predict: (o) => predictFromGold(join(SHARED_DIR!, 'eval', 'gold'), o) },
    { name: 'held-out', gold: HELDOUT_GOLD_DIR, predict: (o) => predictFromGold(HELDOUT_GOLD_DIR, o) },
    ...readdirSync(fixtures).filter((d) => /^knowledge-blind\d*$/u.test(d)).sort((a, b) => Number(a.slice(15) || 1) - Number(b.slice(15) || 1)).map((d) => {
      const dir = join(fixtures, d);
      return { name: `blind ${d.slice(15) || '1'}`, gold: join(dir, 'gold'), predict: (o: string) => predictBlind(o, dir) };
    }),
  ];
  console.log(['set'.padEnd(10), ...COLUMNS.map((c) => c.slice(0, 6).padStart(7))].join(''));
  for (const s of sets) {
    const out = join(root, s.name.replace(/\s/gu, '-'));
    quiet(() => s.predict(out));
    const score = JSON.parse(execFileSync('node', [join(SHARED_DIR, 'eval', 'score.mjs'), '--gold', s.gold, '--pred', out, '--json'], { encoding: 'utf8' })) as { rows: { cat: string; f1: number }[] };
    const f1 = new Map(score.rows.map((r) => [r.cat, r.f1]));
    console.log([s.name.padEnd(10), ...COLUMNS.map((c) => (f1.has(c) ? f1.get(c)!.toFixed(3) : '-').padStart(7))].join(''));
  }
  console.log(`predictions under ${root}`);
}

main();
