// kg pull --from postgres://… [--no-extract] [--json]: copy what kg workers stored in a shared archive into the
// local one ($KG_DATA_DIR), then extract it here; `kg sync` and `kg serve` then work on it as on any archive.
import { Archive } from '../../archive/index.ts';
import { EXTRACTOR_VERSION, extractPages } from '../../pipeline/index.ts';
import { pullArchive } from '../../pipeline/pull.ts';
import { parse, UsageError } from '../args.ts';
import { printExtractSummary } from './extract.ts';
import { openArchivePort } from './worker.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    from: { type: 'string' },
    'no-extract': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const from = values.from ?? process.env.KG_ARCHIVE_URL;
  if (!from || positionals.length) throw new UsageError('kg pull --from postgres://user:pass@host:port/db: the shared archive the workers write');
  if (!/^postgres(ql)?:\/\//i.test(from)) throw new UsageError(`--from takes a postgres:// URL, got '${from}'`);
  const shared = await openArchivePort(from);
  const archive = Archive.open();
  try {
    const s = await pullArchive(shared, archive);
    if (values.json) console.log(JSON.stringify({ ...s, pageIds: undefined }));
    else console.log(`pull from ${shared.location}: ${s.seen} pages, ${s.stored} new here, ${s.newOrigins} new origins, ${s.unchanged} unchanged`);
    const mine = new Set(s.pageIds);
    const pending = archive.pagesToExtract(EXTRACTOR_VERSION).filter((id) => mine.has(id));
    if (!values['no-extract'] && (pending.length > 0 || archive.reprintsStale())) {
      const e = extractPages(archive, { pageIds: pending });
      if (!values.json) printExtractSummary(e);
    }
    return 0;
  } finally {
    archive.close();
    await shared.close();
  }
}
