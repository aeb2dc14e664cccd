// Throughput of full knowledge extraction against a bare nodejieba.cut pass over the same sentences.
// Run: npx tsx test/bench/knowledge.bench.ts [rounds]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import { extractKnowledge, loadSegmenter } from '../../extractor/knowledge/index.ts';
import { splitSentences } from '../../extractor/knowledge/segment.ts';
import { SHARED_DIR } from '../shared.ts';

const rounds = Number(process.argv[2] ?? 20);

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
extractKnowledge({ body: bodies[0], published: '2024-01-01' }); // warm: gazetteer, dictionary, JIT
const sentences = bodies.flatMap((b) => splitSentences(b).map((s) => s.text));

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const cutSeconds = time(() => { for (const s of sentences) nodejieba.cut(s); });
const fullSeconds = time(() => { for (const body of bodies) extractKnowledge({ body, published: '2024-01-01' }); });
const cutRate = (chars * rounds) / cutSeconds;
const fullRate = (chars * rounds) / fullSeconds;
console.log(`corpus: ${bodies.length} documents, ${chars} characters, ${sentences.length} sentences, ${rounds} rounds`);
console.log(`nodejieba.cut only:   ${(cutRate / 1000).toFixed(1)} k chars/s`);
console.log(`extractKnowledge:     ${(fullRate / 1000).toFixed(1)} k chars/s`);
console.log(`ratio (full / cut):   ${(fullRate / cutRate).toFixed(3)}  (target >= 0.40)`);
