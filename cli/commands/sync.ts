// kg sync [--full] [--graph-only | --search-only]: project extractions into the graph and the search index.
import { openServices, syncGraph, syncSearch, type SyncSummary } from '../../pipeline/index.ts';
import { checkSavedSearches, type CheckResult } from '../../search/index.ts';
import { parse } from '../args.ts';
import { progress } from '../progress.ts';

export function printSyncSummary(s: SyncSummary): void {
  console.log(`sync ${s.target}: ${s.written} articles written, ${s.removed} removed, ${s.refused.length} refused (${s.total} changed)`);
  for (const r of s.refused) console.error(`sync ${s.target}: refused ${r.id}: ${r.code}: ${r.message}`);
}

export function printAlerts(alerts: CheckResult[]): void {
  for (const a of alerts) {
    if (a.hits.length === 0) continue;
    console.log(`saved search "${a.name}": ${a.hits.length} new${a.truncated ? " (only the newest compared)" : ""}`);
    for (const h of a.hits.slice(0, 5)) console.log(`  ${h.published ?? '—'}  ${h.title}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    full: { type: 'boolean', default: false },
    'graph-only': { type: 'boolean', default: false },
    'search-only': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const services = await openServices();
  try {
    const out: SyncSummary[] = [];
    if (!values['search-only']) {
      const bar = progress('graph  ');
      out.push(await syncGraph(services.archive, services.graph, { full: values.full, onProgress: (d, t) => bar.update(d, t) }));
      bar.stop();
    }
    if (!values['graph-only']) {
      const bar = progress('search ');
      out.push(await syncSearch(services.archive, services.search, { full: values.full, onProgress: (d, t) => bar.update(d, t) }));
      bar.stop();
    }
    // After every sync each saved search lists its new hits (the alert feed).
    const alerts = values['graph-only'] ? [] : await checkSavedSearches(services.archive, services.search);
    if (values.json) console.log(JSON.stringify({ sync: out, alerts }, null, 2));
    else {
      out.forEach(printSyncSummary);
      printAlerts(alerts);
    }
    return 0;
  } finally {
    await services.close();
  }
}
