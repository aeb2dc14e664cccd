// Runs knowledge extraction over each gold document's body and writes OUTDIR/<id>.json in the
// evaluation shape, for: npx tsx test/eval/knowledge-score.ts OUTDIR && node ../shared/eval/score.mjs --gold ../shared/eval/gold --pred OUTDIR
import { join } from 'node:path';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from '../shared.ts';
import { predictFromGold } from './knowledge-heldout.ts';

const out = process.argv[2];
if (!out) {
  console.error('usage: npx tsx test/eval/knowledge-score.ts OUTDIR');
  process.exit(2);
}
if (!SHARED_DIR) {
  console.error(SHARED_MISSING_MESSAGE);
  process.exit(2);
}
predictFromGold(join(SHARED_DIR, 'eval', 'gold'), out);
