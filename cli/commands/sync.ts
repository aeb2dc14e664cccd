// kg sync [--full] [--graph-only | --search-only]: project extractions into the graph and the search index.
import { openServices, syncGraph, syncSearch, type SyncSummary } from '../../pipeline/index.ts';
import { parse } from '../args.ts';
import { progress } from '../progress.ts';

export function printSyncSummary(s: SyncSummary): void {
  console.log(`sync ${s.target}: ${s.written} articles written, ${s.removed} removed, ${s.refused.length} refused (${s.total} changed)`);
  for (const r of s.refused) console.error(`sync ${s.target}: refused ${r.id}: ${r.code}: ${r.message}`);
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
    if (values.json) console.log(JSON.stringify(out, null, 2));
    else out.forEach(printSyncSummary);
    return 0;
  } finally {
    await services.close();
  }
}
