// kg start (npm start): the main job on the embedded default. An empty data directory gets the demo
// archive; otherwise pending extraction and sync are brought up to date. Then GraphQL and the UI are served,
// by one worker per core (--workers, $KG_WORKERS), let in once that one-time work is done.
import { LeaseHeldError } from '../../archive/lease.ts';
import { parse } from '../args.ts';
import { Cluster, workerCount } from '../cluster.ts';
import { checkPort, SERVE_OPTIONS } from '../serve-options.ts';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, SERVE_OPTIONS);
  const port = checkPort(Number(values.port));
  const workers = workerCount(values.workers);
  const started = Date.now();
  // Forked first, and the pipeline loaded only then: the workers load their own code meanwhile.
  const cluster = workers > 1 ? new Cluster({ workers, port, host: values.host, startedAt: started }) : null;
  const { extractPages, openServices, syncGraph, syncSearch } = await import('../../pipeline/index.ts');
  const { loadDemo } = await import('./demo.ts');
  const services = await openServices();
  if (services.archive.stats().pages === 0) {
    console.log(`data directory ${services.archive.dataDir} is empty: loading the demo archive`);
    await loadDemo(services);
  } else {
    const e = extractPages(services.archive);
    if (e.total > 0) console.log(`extract: ${e.ok} articles from ${e.total} new or changed pages`);
    // A sync already running elsewhere (`kg sync`, another server) brings the same articles in: serve meanwhile.
    for (const sync of [() => syncGraph(services.archive, services.graph), () => syncSearch(services.archive, services.search)]) {
      await sync().catch((e: unknown) => {
        if (!(e instanceof LeaseHeldError)) throw e;
        console.log(`${e.message.replace(/; try again.*$/, '')}: serving what it has synced so far`);
      });
    }
  }
  if (cluster) {
    await services.close();
    return cluster.serve();
  }
  const { serveUntilStopped } = await import('./serve.ts');
  await serveUntilStopped(services, port, values.host);
  console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return -1; // keep running
}
