// kg demo: load the bundled demo archive (demo/articles), extract, and sync graph and search.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPages, importPaths, syncGraph, syncSearch, type Services } from '../../pipeline/index.ts';
import { openServices } from '../../pipeline/index.ts';
import { parse } from '../args.ts';
import { progress } from '../progress.ts';
import { printExtractSummary } from './extract.ts';
import { printImportSummary } from './import.ts';
import { printSyncSummary } from './sync.ts';

export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo');

interface ManifestEntry {
  url?: string;
}

/** Import, extract and sync the demo articles into the given services. Re-running is a no-op. */
export async function loadDemo(services: Services, quiet = false): Promise<void> {
  let manifest: Record<string, ManifestEntry> = {};
  try {
    manifest = JSON.parse(readFileSync(join(DEMO_DIR, 'manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
  } catch {
    // The manifest only adds URLs; without it the file paths are the origins.
  }
  const urlOf = (file: string): string | undefined => {
    const entry = manifest[basename(file)] ?? (manifest as unknown as { files?: Record<string, ManifestEntry> }).files?.[basename(file)];
    return entry?.url;
  };
  const bar = progress('demo   ');
  const s = await importPaths(services.archive, [join(DEMO_DIR, 'articles')], {
    originFor: (file) => {
      const url = urlOf(file);
      return url ? { origin: url, url } : { origin: `file://${file}`, url: null };
    },
    onProgress: (sum, file) => bar.update(sum.seen, sum.total, file),
  });
  bar.stop();
  const e = extractPages(services.archive);
  const g = await syncGraph(services.archive, services.graph);
  const q = await syncSearch(services.archive, services.search);
  if (!quiet) {
    printImportSummary(s, false);
    printExtractSummary(e);
    printSyncSummary(g);
    printSyncSummary(q);
  }
}

export async function run(argv: string[]): Promise<number> {
  parse(argv, {});
  const services = await openServices();
  try {
    await loadDemo(services);
    return 0;
  } finally {
    await services.close();
  }
}
