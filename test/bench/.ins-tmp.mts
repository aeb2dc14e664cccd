import { readdirSync, readFileSync } from 'node:fs';
const root = process.argv[2];
const n = Number(process.argv[3]);
const { extractKnowledge, loadSegmenter } = await import(`${root}/extractor/knowledge/index.ts`);
const gold = '/work/shared/eval/gold';
const real = '/work/shared/eval/real';
const bodies = [...readdirSync(gold).map((f) => JSON.parse(readFileSync(`${gold}/${f}`, 'utf8')).body as string),
  ...readdirSync(real).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(`${real}/${f}`, 'utf8')).text as string)];
loadSegmenter();
for (let i = 0; i < 3; i++) for (const b of bodies) extractKnowledge({ body: b, published: '2024-01-01' });
for (let i = 0; i < n; i++) for (const b of bodies) extractKnowledge({ body: b, published: '2024-01-01' });
