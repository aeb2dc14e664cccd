// `kg extract`: archived pages → articles → knowledge, one transaction per page, then reprint links.
// Re-runs only pages whose article is missing or came from another extractor version (or all, on request).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Archive, Extraction, StoredPage } from '../archive/index.ts';
import { extractArticle, extractKnowledge, fingerprint } from '../extractor/index.ts';
import { BANDS, bandSpan, FINGERPRINT_CHARS, ReprintLinker, ReprintOptionsSchema, type ReprintOptions } from '../extractor/reprint.ts';
import { isNoArticle } from '../extractor/types.ts';

const EXTRACTOR_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'extractor');

/** The extractor's version is a hash of its sources and dictionaries: editing any of them marks every article as changed. */
export const EXTRACTOR_VERSION: string = (() => {
  const h = createHash('sha1');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith('.test.ts')) h.update(name).update(readFileSync(p));
    }
  };
  walk(EXTRACTOR_DIR);
  return h.digest('hex').slice(0, 12);
})();

export interface ExtractSummary {
  total: number;
  ok: number;
  noArticle: number;
  failed: number;
  /** Reasons for no_article and failed, with counts. */
  reasons: Record<string, number>;
  failures: Array<{ pageId: number; origin: string; reason: string }>;
  reprintLinksChanged: number;
  /** Knowledge candidates rejected by the extractor, summed by reason. */
  rejectedFacts: Record<string, number>;
}

export interface ExtractOptions {
  /** Re-extract every page, not only missing or outdated ones. Default false. */
  all?: boolean;
  /** Only these pages (e.g. the ones an import just stored). */
  pageIds?: number[];
  onProgress?: (done: number, total: number) => void;
  /** Relink reprints across the archive afterwards. Default true; per-page callers (a crawl) turn it off and call linkReprints once at the end. */
  linkReprints?: boolean;
}

/**
 * Recompute every article's REPRINT_OF from the stored fingerprints; returns how many links changed. Buckets come
 * from the archive one at a time (grouped by SQLite), so memory follows the copies found, not the archive's size.
 */
export function linkReprints(archive: Archive, options: ReprintOptions = {}): number {
  const { maxBucket } = ReprintOptionsSchema.parse(options);
  const linker = new ReprintLinker(options);
  for (let b = 0; b < BANDS; b++) for (const bucket of archive.reprintBuckets(bandSpan(b), FINGERPRINT_CHARS, maxBucket)) linker.addBucket(bucket);
  return archive.setReprints(linker.links());
}

/** One page's extraction (article and knowledge, or why there is none) and the knowledge candidates it rejected. */
export function extractionOf(page: StoredPage): { extraction: Extraction; rejectedFacts: Record<string, number> } {
  const url = page.url ?? page.origins.find((o) => /^https?:/.test(o)) ?? null;
  try {
    const result = extractArticle(page.kind === 'html' ? { html: page.text, url } : { text: page.text, url });
    if (isNoArticle(result)) return { extraction: { status: 'no_article', reason: result.reason }, rejectedFacts: {} };
    const knowledge = extractKnowledge(result);
    return { extraction: { status: 'ok', article: result, knowledge, fingerprint: fingerprint(result.body) }, rejectedFacts: knowledge.rejected };
  } catch (e) {
    // An extractor bug on one page must not stop the others: record it as failed, with the reason.
    return { extraction: { status: 'failed', reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }, rejectedFacts: {} };
  }
}

function reasonKey(reason: string): string {
  return reason.split(/[:(]/)[0].trim().slice(0, 60);
}

export function extractPages(archive: Archive, options: ExtractOptions = {}): ExtractSummary {
  const ids = options.pageIds ?? archive.pagesToExtract(EXTRACTOR_VERSION, options.all ?? false);
  const s: ExtractSummary = { total: ids.length, ok: 0, noArticle: 0, failed: 0, reasons: {}, failures: [], reprintLinksChanged: 0, rejectedFacts: {} };
  let done = 0;
  for (const pageId of ids) {
    const page = archive.getPage(pageId);
    if (!page) continue;
    const { extraction, rejectedFacts } = extractionOf(page);
    archive.saveExtraction(pageId, extraction, EXTRACTOR_VERSION);
    for (const [k, n] of Object.entries(rejectedFacts)) s.rejectedFacts[k] = (s.rejectedFacts[k] ?? 0) + n;
    if (extraction.status === 'ok') s.ok++;
    else {
      if (extraction.status === 'no_article') s.noArticle++;
      else {
        s.failed++;
        s.failures.push({ pageId, origin: page.origins[0] ?? String(pageId), reason: extraction.reason });
      }
      s.reasons[reasonKey(extraction.reason)] = (s.reasons[reasonKey(extraction.reason)] ?? 0) + 1;
    }
    options.onProgress?.(++done, ids.length);
  }
  // Also when nothing was extracted now but a killed run saved extractions without linking them.
  if ((ids.length > 0 || archive.reprintsStale()) && options.linkReprints !== false) s.reprintLinksChanged = linkReprints(archive);
  return s;
}
