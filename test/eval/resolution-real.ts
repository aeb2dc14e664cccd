// Institution resolution measured on a set of real articles imported together (default ../shared/eval/real):
// each re-*.json's `text` is written as a .txt page, `kg import`ed into a temporary data directory and synced.
// Prints how many institutions several articles name (before resolution: by the extractor's per-article ids; after:
// by canonical id), every join a rule made (to review for wrong joins), and pairs of institutions whose names still
// look alike (to review for splits).
//   npx tsx test/eval/resolution-real.ts [REAL_DIR] [DEMO]      (DEMO: also the bundled demo archive, same figures)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstitutionRegistry } from '../../archive/registry.ts';
import { loadDemo } from '../../cli/commands/demo.ts';
import { extractPages, importPaths, openServices, syncGraph, syncSearch, type Services } from '../../pipeline/index.ts';
import { REAL_DIR } from './knowledge-real.ts';

interface Row { article_id: string; raw_id: string; raw_name: string; canonical_id: string; rule: string; evidence: string }

export function report(services: Services, label: string): void {
  const rows = services.archive.db.prepare('SELECT * FROM entity_resolution ORDER BY canonical_id, raw_name').all() as Row[];
  const articlesBy = (key: (r: Row) => string) => {
    const m = new Map<string, Set<string>>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? new Set()).add(r.article_id));
    return m;
  };
  const raw = articlesBy((r) => r.raw_id);
  const canonical = articlesBy((r) => r.canonical_id);
  const several = (m: Map<string, Set<string>>) => [...m.entries()].filter(([, a]) => a.size > 1);
  console.log(`\n== ${label}: ${new Set(rows.map((r) => r.article_id)).size} articles, ${raw.size} extractor institution ids → ${canonical.size} institutions`);
  const rawIds = new Map<string, Set<string>>();
  for (const r of rows) rawIds.set(r.canonical_id, (rawIds.get(r.canonical_id) ?? new Set()).add(r.raw_id));
  const joined = [...rawIds.entries()].filter(([, ids]) => ids.size > 1);
  console.log(`named by several articles: ${several(raw).length} before resolution, ${several(canonical).length} after`);
  console.log(`institutions the extractor gave several ids (split before resolution, one id now): ${joined.length}`);
  for (const [id, ids] of joined) console.log(`  ${id} ← ${[...ids].join(', ')}`);
  for (const [id, a] of several(canonical)) console.log(`  ${id}  ${a.size} articles`);
  const joins = rows.filter((r) => r.rule !== 'own-name');
  console.log(`joins made by a rule: ${joins.length} (${new Set(joins.map((r) => r.raw_name)).size} distinct names)`);
  const seen = new Set<string>();
  for (const r of joins) {
    if (seen.has(r.raw_name)) continue;
    seen.add(r.raw_name);
    console.log(`  ${r.raw_name} → ${r.canonical_id}  [${r.rule}]`);
  }
  // names still alike: one institution's name ends with another's, or both share a 4+ character ending after a place
  const registry = new InstitutionRegistry(services.archive.db);
  const ids = [...canonical.keys()];
  const names = ids.map((id) => registry.get(id)?.name ?? id);
  const alike: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = 0; j < names.length; j++) {
      if (i !== j && names[j].length >= 4 && names[i].length > names[j].length && names[i].endsWith(names[j]) && !/(医院|院区|分院)$/.test(names[i].slice(0, -names[j].length))) {
        alike.push(`${names[i]} / ${names[j]}`);
      }
    }
  }
  console.log(`pairs whose names still look alike (review for splits): ${alike.length}`);
  for (const p of alike) console.log(`  ${p}`);
}

async function main(args: string[]): Promise<void> {
  const [dir = REAL_DIR, demo] = args;
  if (!existsSync(dir)) {
    console.error(`${dir} not found: the real set lives in ../shared/eval/real beside the repository`);
    process.exit(2);
  }
  const work = mkdtempSync(join(tmpdir(), 'kg-resolution-real-'));
  try {
    const pages = join(work, 'pages');
    mkdirSync(pages);
    for (const f of readdirSync(dir).filter((x) => /^re-.*\.json$/.test(x)).sort()) {
      const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { text: string };
      writeFileSync(join(pages, f.replace(/\.json$/, '.txt')), gold.text);
    }
    const services = await openServices({ dataDir: join(work, 'data'), env: {} });
    try {
      const s = await importPaths(services.archive, [pages]);
      const e = extractPages(services.archive);
      await syncGraph(services.archive, services.graph);
      await syncSearch(services.archive, services.search);
      console.log(`imported ${s.stored} pages (${s.rejected.length} rejected), ${e.ok} articles`);
      report(services, dir);
    } finally {
      await services.close();
    }
    if (demo) {
      const d = await openServices({ dataDir: join(work, 'demo'), env: {} });
      try {
        await loadDemo(d, true);
        report(d, 'demo archive');
      } finally {
        await d.close();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
