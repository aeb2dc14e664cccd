// kg stats [--json]: what the archive, the graph and the search index hold.
import { EXTRACTOR_VERSION, openServices } from '../../pipeline/index.ts';
import { parse } from '../args.ts';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean', default: false } });
  const services = await openServices();
  try {
    const archive = services.archive.stats();
    const graph = await services.graph.stats();
    const searchDocs = await services.search.count();
    const pending = {
      extract: services.archive.pagesToExtract(EXTRACTOR_VERSION).length,
      graph: services.archive.countChangedFor('graph'),
      search: services.archive.countChangedFor('search'),
    };
    const out = { dataDir: services.archive.dataDir, adapters: services.adapters, archive, graph, search: { documents: searchDocs }, pending };
    if (values.json) {
      console.log(JSON.stringify(out, null, 2));
      return 0;
    }
    console.log(`data directory: ${out.dataDir}`);
    console.log(`archive: ${archive.pages} pages (${(archive.bytes / 1e6).toFixed(1)} MB), ${archive.origins} origins, ` +
      `${archive.rejections} rejected inputs ${JSON.stringify(archive.rejectionsByCode)}`);
    console.log(`articles: ${JSON.stringify(archive.articles)}, reprints: ${archive.reprints}`);
    console.log(`graph (${services.adapters.graph}): ${graph.articles} articles, entities ${JSON.stringify(graph.entities)}, ` +
      `edges ${JSON.stringify(graph.edges)}, ${graph.figures} figures`);
    console.log(`search (${services.adapters.search}): ${searchDocs} documents`);
    console.log(`waiting for extraction: ${pending.extract} pages (kg extract)`);
    console.log(`waiting for sync: graph ${pending.graph}, search ${pending.search}`);
    return 0;
  } finally {
    await services.close();
  }
}
