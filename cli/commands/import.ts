// kg import PATH... : saved pages into the archive, then (unless --no-extract) extraction of what was stored.
import { Archive } from '../../archive/index.ts';
import { EXTRACTOR_VERSION, extractPages, importPaths, type ImportSummary } from '../../pipeline/index.ts';
import { parse, UsageError } from '../args.ts';
import { progress } from '../progress.ts';
import { printExtractSummary } from './extract.ts';

export function printImportSummary(s: ImportSummary, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ ...s, storedPageIds: undefined, pageIds: undefined }, null, 2));
    return;
  }
  for (const r of s.rejected) console.error(`rejected ${r.code}: ${r.message}`);
  const codes = Object.entries(s.rejectedByCode).map(([c, n]) => `${c} ${n}`).join(', ');
  console.log(
    `import: ${s.seen} files, ${s.stored} stored, ${s.newOrigin} already archived under another origin, ` +
      `${s.unchanged} unchanged, ${s.rejected.length} rejected${codes ? ` (${codes})` : ''}`,
  );
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean', default: false },
    'no-extract': { type: 'boolean', default: false },
    'max-bytes': { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError('kg import PATH... : give at least one file or folder');
  const archive = Archive.open();
  try {
    const bar = progress('import ');
    const maxBytes = values['max-bytes'] ? Number(values['max-bytes']) : undefined;
    if (maxBytes !== undefined && !(maxBytes > 0)) throw new UsageError('--max-bytes must be a positive number');
    const s = await importPaths(archive, positionals, { maxBytes, onProgress: (sum, file) => bar.update(sum.seen, sum.total, file) });
    bar.stop();
    printImportSummary(s, values.json);
    // Pending: this import's pages that lack a current extraction, whether stored now or by a run that was killed
    // before extracting them (which this run calls "unchanged").
    const mine = new Set(s.pageIds);
    const pending = archive.pagesToExtract(EXTRACTOR_VERSION).filter((id) => mine.has(id));
    if (!values['no-extract'] && (pending.length > 0 || archive.reprintsStale())) {
      const ebar = progress('extract');
      const e = extractPages(archive, { pageIds: pending, onProgress: (d, t) => ebar.update(d, t) });
      ebar.stop();
      if (!values.json) printExtractSummary(e);
    }
    return s.rejected.length > 0 ? 1 : 0;
  } finally {
    archive.close();
  }
}
