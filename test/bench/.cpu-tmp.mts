import { readdirSync, readFileSync } from 'node:fs';
const root = process.argv[2];
const { extractKnowledge, loadSegmenter } = await import(`${root}/extractor/knowledge/index.ts`);
const nodejieba = (await import('nodejieba')).default;
const gold = '/work/shared/eval/gold';
const real = '/work/shared/eval/real';
const bodies = [...readdirSync(gold).map((f) => JSON.parse(readFileSync(`${gold}/${f}`, 'utf8')).body as string),
  ...readdirSync(real).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(`${real}/${f}`, 'utf8')).text as string)];
loadSegmenter();
for (const b of bodies) extractKnowledge({ body: b, published: '2024-01-01' });
const cpu = (fn: () => void, n: number) => { const t = process.cpuUsage(); for (let i = 0; i < n; i++) fn(); const d = process.cpuUsage(t); return (d.user + d.system) / n; };
const rs: number[] = [];
for (let r = 0; r < 15; r++) {
  const k = cpu(() => { for (const b of bodies) extractKnowledge({ body: b, published: '2024-01-01' }); }, 3);
  const c = cpu(() => { for (const b of bodies) for (const line of b.split(/[。\n]/u)) nodejieba.cut(line); }, 3);
  rs.push(c / k);
}
rs.sort((a, b) => a - b);
console.log(root, 'ratio cut/full (cpu time), median', rs[7].toFixed(3));
