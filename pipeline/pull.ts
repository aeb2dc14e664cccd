// `kg pull`: copy the pages that workers stored in a shared archive (PostgreSQL) into this machine's embedded
// archive, where extraction, reprint linking, sync and the server work as always. Idempotent: a page already
// here under the same origin is left alone, so pulling again only brings what is new.
import type { Archive } from '../archive/archive.ts';
import type { ArchivePort } from '../archive/port.ts';

export interface PullSummary {
  /** Pages read from the shared archive. */
  seen: number;
  stored: number;
  /** Origins added to pages this archive already held. */
  newOrigins: number;
  unchanged: number;
  /** Local ids of every page pulled (for extraction). */
  pageIds: number[];
}

export async function pullArchive(from: ArchivePort, to: Archive, onProgress?: (s: PullSummary) => void, batch = 200): Promise<PullSummary> {
  const s: PullSummary = { seen: 0, stored: 0, newOrigins: 0, unchanged: 0, pageIds: [] };
  for (let after = 0; ; ) {
    const pages = await from.pagesAfter(after, batch);
    if (pages.length === 0) return s;
    for (const p of pages) {
      s.seen++;
      let pageId: number | null = null;
      let outcome: 'stored' | 'new-origin' | 'unchanged' = 'unchanged';
      for (const origin of p.origins) {
        if (to.hasOriginWithHash(origin, p.hash)) continue;
        const r = to.storePage({ origin, kind: p.kind, bytes: p.bytes, text: p.text, encoding: p.encoding, url: p.url, contentType: p.contentType });
        pageId = r.pageId;
        if (r.outcome === 'stored') outcome = 'stored';
        else if (r.outcome === 'new-origin') {
          s.newOrigins++;
          if (outcome === 'unchanged') outcome = 'new-origin';
        }
      }
      if (outcome === 'stored') s.stored++;
      else if (outcome === 'unchanged') s.unchanged++;
      if (pageId !== null) s.pageIds.push(pageId);
    }
    after = pages[pages.length - 1].id;
    onProgress?.(s);
  }
}
