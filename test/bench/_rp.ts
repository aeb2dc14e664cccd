import Database from 'better-sqlite3';
import { findReprints } from '../../extractor/reprint.ts';
const db = new Database(process.argv[2], { readonly: true });
const rows = db.prepare("SELECT id, fingerprint, published, url FROM articles WHERE status='ok' AND fingerprint IS NOT NULL").all() as any[];
const byGen = new Map(rows.map((r) => [/(gen-\d+)\.html/.exec(r.url)![1], r.id]));
for (const maxBucket of [5000, 500, 200, 100, 50]) {
  const t = performance.now();
  const links = findReprints(rows, { maxBucket });
  let linked = 0, right = 0, planted = 0;
  for (const r of rows) {
    const of = links.get(r.id);
    if (of) linked++;
    const m = /reprint\.example\.cn\/(gen-\d+)\//.exec(r.url);
    if (m) { planted++; if (of && of === byGen.get(m[1])) right++; }
  }
  console.log({ maxBucket, ms: Math.round(performance.now() - t), linked, planted, right });
}
