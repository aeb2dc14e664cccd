// Throughput of full knowledge extraction against a bare nodejieba.cut pass over the same text.
// Run: npx tsx test/bench/knowledge.bench.ts [rounds] [repeats]   (rounds × repeats interleaved rounds)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import { extractKnowledge, loadSegmenter } from '../../extractor/knowledge/index.ts';
import { splitSentences } from '../../extractor/knowledge/segment.ts';
import { SHARED_DIR } from '../shared.ts';

const rounds = Number(process.argv[2] ?? 20);
const trials = Number(process.argv[3] ?? 5);

function corpus(): string[] {
  if (SHARED_DIR) {
    const gold = join(SHARED_DIR, 'eval', 'gold');
    return readdirSync(gold).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(gold, f), 'utf8')).body as string);
  }
  // without ../shared: sentences written for the bench in the genre's language
  const lines = [
    '2023年7月2日,北京朝阳医院与内蒙古自治区胸科医院签订合作协议,建立东西部协作帮扶关系。',
    '天津市肿瘤医院秦皇岛医院设置床位1000张,门急诊量同比增长49.79%。',
    '雄安新区安新县医院、承德县医院、献县中医院已成为总医院医联体成员单位。',
  ];
  return [Array.from({ length: 200 }, (_, i) => lines[i % lines.length]).join('\n')];
}

const bodies = corpus();
const chars = bodies.reduce((n, b) => n + b.length, 0);
loadSegmenter();
for (const body of bodies) extractKnowledge({ body, published: '2024-01-01' }); // warm: gazetteer, dictionary, JIT
const sentenceCount = bodies.reduce((n, b) => n + splitSentences(b).length, 0);

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const cutSentences = () => { for (const body of bodies) for (const s of splitSentences(body)) nodejieba.cut(s.text); };
const cutBodies = () => { for (const body of bodies) nodejieba.cut(body); };
const full = () => { for (const body of bodies) extractKnowledge({ body, published: '2024-01-01' }); };
// The machine is shared and busy: the three passes run interleaved, one round at a time, and the
// figures are medians over rounds, so a burst of load from elsewhere cannot favour one of them.
const runs = { sentences: [] as number[], bodies: [] as number[], full: [] as number[], ratio: [] as number[], ratioBody: [] as number[] };
for (let r = 0; r < rounds * trials; r++) {
  const s = seconds(cutSentences), b = seconds(cutBodies), f = seconds(full);
  runs.sentences.push(s); runs.bodies.push(b); runs.full.push(f); runs.ratio.push(s / f); runs.ratioBody.push(b / f);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const best = { sentences: median(runs.sentences), bodies: median(runs.bodies), full: median(runs.full) };
const rate = (secs: number) => (chars / secs / 1000).toFixed(1);
console.log(`corpus: ${bodies.length} documents, ${chars} characters, ${sentenceCount} sentences; medians over ${rounds * trials} interleaved rounds`);
console.log(`nodejieba.cut per sentence:  ${rate(best.sentences)} k chars/s`);
console.log(`nodejieba.cut per body:      ${rate(best.bodies)} k chars/s`);
console.log(`extractKnowledge:            ${rate(best.full)} k chars/s`);
console.log(`ratio full / cut per sentence: ${median(runs.ratio).toFixed(3)}  (median of per-round ratios; target >= 0.40)`);
console.log(`ratio full / cut per body:     ${median(runs.ratioBody).toFixed(3)}`);
// JIT warm-up shows as a lower ratio in the first rounds; the headline figure above covers all rounds
const half = runs.ratio.length >> 1;
console.log(`ratio per sentence, first / second half of rounds: ${median(runs.ratio.slice(0, half)).toFixed(3)} / ${median(runs.ratio.slice(half)).toFixed(3)}`);
