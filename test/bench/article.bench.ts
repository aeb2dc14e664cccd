// HTML → article throughput on the fixture pages (decoded once up front; extraction only).
// usage: npx tsx test/bench/article.bench.ts [rounds]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHtml } from '../../crawler/decode.ts';
import { extractArticle } from '../../extractor/index.ts';
import { REPO_ROOT, SHARED_DIR } from '../shared.ts';

const dirs = [join(REPO_ROOT, 'test/fixtures/article')];
if (SHARED_DIR) dirs.push(join(SHARED_DIR, 'fixtures/news-html'), join(SHARED_DIR, 'fixtures/news-html-unlabelled'));
const pages = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.html')).map((f) => decodeHtml(readFileSync(join(d, f))).text));
const bytes = pages.reduce((s, p) => s + p.length, 0);
const rounds = Number(process.argv[2] ?? 10);
for (const p of pages) extractArticle({ html: p }); // warm-up
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let r = 0; r < rounds; r++) for (const p of pages) extractArticle({ html: p });
const secs = (performance.now() - t0) / 1000;
// CPU time of this process: on a shared, loaded machine wall time also counts other processes.
const cpuSecs = process.cpuUsage(c0).user / 1e6;
const n = rounds * pages.length;
console.log(`pages ${pages.length} (${(bytes / pages.length / 1024).toFixed(0)} KB chars avg), rounds ${rounds}`);
console.log(`article extraction: ${(n / secs).toFixed(0)} pages/s wall clock (${((secs / n) * 1000).toFixed(2)} ms/page); target 200 pages/s → ratio ${(n / secs / 200).toFixed(2)}x`);
console.log(`article extraction: ${(n / cpuSecs).toFixed(0)} pages/s of CPU time on one core (${((cpuSecs / n) * 1000).toFixed(2)} ms/page); ratio ${(n / cpuSecs / 200).toFixed(2)}x`);
