// The resolution fixtures (test/fixtures/resolution) loaded through the real pipeline into a temporary archive.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPages, importPaths, openServices, syncGraph, syncSearch, type Services } from '../pipeline/index.ts';

export const RESOLUTION_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/resolution');

export interface Loaded { services: Services; dir: string; close(): Promise<void> }

/** A temporary archive holding the given fixture files, extracted and synced (graph and search). */
export async function loadFixtures(files: string[], dir = mkdtempSync(join(tmpdir(), 'kg-resolve-'))): Promise<Loaded> {
  const services = await openServices({ dataDir: join(dir, 'data'), env: {} });
  await addFixtures(services, dir, files);
  return { services, dir, async close() { await services.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Import more fixtures into an archive and sync incrementally (no rebuild). */
export async function addFixtures(services: Services, dir: string, files: string[]): Promise<void> {
  const inbox = join(dir, `in-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(inbox, { recursive: true });
  for (const f of files) copyFileSync(join(RESOLUTION_FIXTURES, f), join(inbox, f));
  await importPaths(services.archive, [inbox]);
  extractPages(services.archive);
  await syncGraph(services.archive, services.graph);
  await syncSearch(services.archive, services.search);
}

export const ALL = ['r01.html', 'r02.html', 'r03.html', 'r04.html', 'r05.html', 'r06.html', 'r07.html', 'r08.html', 'r09.html', 'r10.html'];
export const hospitals = async (s: Services) => (await s.graph.findEntities({ type: 'hospital', limit: 500 })).map((e) => e.id).sort();

