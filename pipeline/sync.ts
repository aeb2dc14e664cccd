// `kg sync` / `kg index`: project the archive's extractions into the graph and the search index.
// Incremental by article seq: only articles changed since the target last took them in. A target is
// marked synced only after its write succeeded, so a failure mid-way (server down) loses nothing:
// the next run redoes the unfinished batches, and writes replace an article's facts, so re-running is idempotent.
import type { Archive, ArticleRecord } from '../archive/index.ts';
import type { Knowledge } from '../extractor/types.ts';
import type { ArticleFacts, GraphStore } from '../graph/port.ts';
import type { SearchDoc, SearchIndex } from '../search/port.ts';

export interface SyncOptions {
  /** Forget what the target has and rebuild it from the whole archive. Default false. */
  full?: boolean;
  /** Articles per write. Default 200. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SyncSummary {
  target: string;
  written: number;
  removed: number;
  total: number;
}

const INSTITUTION_TYPES = new Set(['hospital', 'organization']);

export function toArticleFacts(a: ArticleRecord, k: Knowledge | null): ArticleFacts {
  return {
    article: { id: a.id, url: a.url, title: a.title, published: a.published, source: a.source },
    entities: k?.entities ?? [],
    figures: k?.figures ?? [],
    relations: k?.relations ?? [],
  };
}

export function toSearchDoc(a: ArticleRecord, k: Knowledge | null): SearchDoc {
  const names = (pred: (t: string) => boolean) => [...new Set((k?.entities ?? []).filter((e) => pred(e.type)).map((e) => e.name))];
  const kinds = new Set<string>();
  for (const r of k?.relations ?? []) if (r.type === 'collaboration' && r.kind) kinds.add(r.kind);
  return {
    id: a.id,
    url: a.url,
    title: a.title,
    published: a.published,
    source: a.source,
    body: a.body,
    bodyOriginal: a.bodyOriginal,
    places: names((t) => t === 'place'),
    institutions: names((t) => INSTITUTION_TYPES.has(t)),
    kinds: [...kinds],
    reprintOf: a.reprintOf,
  };
}

interface Target {
  name: string;
  reset(): Promise<void>;
  write(batch: ArticleRecord[], archive: Archive): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

async function syncTarget(archive: Archive, target: Target, options: SyncOptions): Promise<SyncSummary> {
  const batchSize = options.batchSize ?? 200;
  if (options.full) {
    await target.reset();
    archive.resetSync(target.name);
  }
  const total = archive.countChangedFor(target.name);
  const summary: SyncSummary = { target: target.name, written: 0, removed: 0, total };
  for (;;) {
    const batch = archive.changedFor(target.name, batchSize);
    if (batch.length === 0) break;
    const ok = batch.filter((a) => a.status === 'ok');
    const gone = batch.filter((a) => a.status !== 'ok').map((a) => a.id);
    if (ok.length) await target.write(ok, archive);
    if (gone.length) await target.remove(gone);
    archive.markSynced(target.name, batch);
    summary.written += ok.length;
    summary.removed += gone.length;
    options.onProgress?.(summary.written + summary.removed, total);
  }
  return summary;
}

export function syncGraph(archive: Archive, graph: GraphStore, options: SyncOptions = {}): Promise<SyncSummary> {
  return syncTarget(archive, {
    name: 'graph',
    reset: () => graph.clear(),
    write: (batch) => graph.writeArticles(batch.map((a) => toArticleFacts(a, archive.getKnowledge(a.id)))),
    remove: (ids) => graph.removeArticles(ids),
  }, options);
}

export function syncSearch(archive: Archive, index: SearchIndex, options: SyncOptions = {}): Promise<SyncSummary> {
  return syncTarget(archive, {
    name: 'search',
    reset: () => index.clear(),
    write: (batch) => index.upsert(batch.map((a) => toSearchDoc(a, archive.getKnowledge(a.id)))),
    remove: (ids) => index.remove(ids),
  }, options);
}
