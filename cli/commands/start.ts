// kg start (npm start): the main job on the embedded default. An empty data directory gets the demo
// archive; otherwise pending extraction and sync are brought up to date. Then GraphQL and the UI are served.
import { extractPages, openServices, syncGraph, syncSearch } from '../../pipeline/index.ts';
import { parse } from '../args.ts';
import { loadDemo } from './demo.ts';
import { serve } from './serve.ts';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string', default: process.env.PORT ?? '4000' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  });
  const started = Date.now();
  const services = await openServices();
  if (services.archive.stats().pages === 0) {
    console.log(`data directory ${services.archive.dataDir} is empty: loading the demo archive`);
    await loadDemo(services);
  } else {
    const e = extractPages(services.archive);
    if (e.total > 0) console.log(`extract: ${e.ok} articles from ${e.total} new or changed pages`);
    await syncGraph(services.archive, services.graph);
    await syncSearch(services.archive, services.search);
  }
  await serve({ services, port: Number(values.port), host: values.host });
  console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return -1; // keep running
}
