// Institution resolution cost per article (pipeline/resolution): the synthetic archive's articles (generate.ts) run
// through Resolver.resolve against a growing registry in a real SQLite archive, as `kg sync` runs it. Prints
// articles/s and institutions in the registry; no assertions.
//   npx tsx test/bench/resolution.bench.ts [N=10000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { Archive, type ArticleRecord } from '../../archive/index.ts';
import { Resolver } from '../../pipeline/resolution/resolve.ts';
import { iterateArticles } from './generate.ts';

const n = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'kg-resolution-bench-'));
const archive = Archive.open({ dataDir: dir });
try {
  const resolver = new Resolver(archive);
  let entities = 0;
  const started = performance.now();
  let lap = started;
  let i = 0;
  for (const a of iterateArticles(n)) {
    const record = { id: a.article.id } as ArticleRecord;
    archive.db.transaction(() => resolver.resolve(record, { sentences: [], entities: a.entities, figures: a.figures, relations: a.relations, rejected: {} }))();
    entities += a.entities.length;
    if (++i % Math.max(1, Math.floor(n / 5)) === 0) {
      const now = performance.now();
      console.log(`${i} articles: ${(Math.floor(n / 5) / ((now - lap) / 1000)).toFixed(0)} articles/s in this stretch, registry ${archive.db.prepare('SELECT count(*) FROM institutions').pluck().get()} institutions`);
      lap = now;
    }
  }
  const s = (performance.now() - started) / 1000;
  console.log(`resolved ${n} articles (${entities} entities) in ${s.toFixed(1)} s: ${(n / s).toFixed(0)} articles/s; load ${loadavg()[0].toFixed(1)}`);
} finally {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
}
