// `kg sync` / `kg index`: project the archive's extractions into the graph and the search index.
// Incremental by article seq: only articles changed since the target last took them in. A target is
// marked synced only after its write succeeded, so a failure mid-way (server down) loses nothing:
// the next run redoes the unfinished batches, and writes replace an article's facts, so re-running is idempotent.
// One sync of a target runs at a time on an archive (a lease in the archive); another is refused with <TARGET>_SYNC_RUNNING.
import { KgError, type Archive, type ArticleRecord, type SyncRecord } from '../archive/index.ts';
import { withLease } from '../archive/lease.ts';
import type { Knowledge } from '../extractor/types.ts';
import type { ArticleFacts, GraphStore } from '../graph/port.ts';
import type { SearchDoc, SearchIndex } from '../search/port.ts';
import { Resolver } from './resolution/resolve.ts';

export interface SyncOptions {
  /** Forget what the target has and rebuild it from the whole archive. Default false. */
  full?: boolean;
  /** Articles per write. Default 200. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Name the target's sync record is kept under. Default `graph` / `search`; a second store of the same kind
   * fed from the same archive (a Neo4j beside the embedded graph) needs a name of its own.
   */
  target?: string;
}

export interface SyncSummary {
  target: string;
  written: number;
  removed: number;
  total: number;
  /** Articles the target refused (bad facts): left unsynced, so they are retried after re-extraction. */
  refused: Array<{ id: string; code: string; message: string }>;
}

const INSTITUTION_TYPES = new Set(['hospital', 'organization']);

export function toArticleFacts(a: ArticleRecord, k: Knowledge | null): ArticleFacts {
  return {
    article: { id: a.id, url: a.url, title: a.title, published: a.published, source: a.source },
    entities: k?.entities ?? [],
    // The extractor numbers figures within one article; the graph needs ids unique across the archive.
    figures: (k?.figures ?? []).map((f) => ({ ...f, id: `${a.id}/${f.id}` })),
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
  /**
   * Institutions resolved archive-wide (pipeline/resolution): both targets see the same canonical ids. An institution
   * seen for the first time gives the articles that may join it a new seq, so this same loop takes them in again.
   */
  resolver: Resolver;
  reset(): Promise<void>;
  write(batch: SyncRecord[], archive: Archive): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** A full rebuild beside the live target, swapped in at the end (when the target can do that). */
  rebuild?(): Promise<{ target: Target; commit(): Promise<void>; abort(): Promise<void> }>;
}

/** One sync of a target at a time on an archive, whichever process runs it (archive/lease.ts says why). */
function syncTarget(archive: Archive, target: Target, options: SyncOptions): Promise<SyncSummary> {
  return withLease(archive.db, `${target.name} sync`, () => syncBatches(archive, target, options));
}

async function syncBatches(archive: Archive, target: Target, options: SyncOptions): Promise<SyncSummary> {
  if (options.full && target.rebuild) return syncRebuild(archive, target, target.rebuild, options);
  if (options.full) {
    await target.reset();
    archive.resetSync(target.name);
  }
  return syncChanged(archive, target, options);
}

/**
 * `--full` on a target that rebuilds beside the live one: every article goes into the new index, tracked
 * under its own sync record (`<target>#rebuild`), and only once the new index is swapped in does that
 * record become the target's. Readers never see a partial index; a failure or kill leaves the live
 * index and its record as they were (the next --full starts over).
 */
async function syncRebuild(archive: Archive, live: Target, rebuild: NonNullable<Target['rebuild']>, options: SyncOptions): Promise<SyncSummary> {
  const name = `${live.name}#rebuild`;
  archive.resetSync(name);
  const r = await rebuild();
  try {
    const summary = await syncChanged(archive, { ...r.target, name }, options);
    await r.commit();
    archive.moveSync(name, live.name);
    return { ...summary, target: live.name };
  } catch (e) {
    await r.abort().catch(() => undefined); // the live index is untouched either way; report the first failure
    archive.resetSync(name);
    throw e;
  }
}

async function syncChanged(archive: Archive, target: Target, options: SyncOptions): Promise<SyncSummary> {
  const batchSize = options.batchSize ?? 200;
  const total = archive.countChangedFor(target.name);
  const summary: SyncSummary = { target: target.name, written: 0, removed: 0, total, refused: [] };
  let cursor = 0;
  for (;;) {
    const batch = archive.changedFor(target.name, batchSize, cursor);
    if (batch.length === 0) break;
    cursor = batch[batch.length - 1].seq;
    const ok = batch.filter((a) => a.status === 'ok');
    const gone = batch.filter((a) => a.status !== 'ok').map((a) => a.id);
    const written = ok.length ? await writeIsolating(archive, target, ok, summary) : [];
    if (gone.length) await target.remove(gone);
    // Refused articles stay unsynced but behind the watermark: retried once re-extraction gives them a new seq.
    archive.markSynced(target.name, [...written, ...batch.filter((a) => a.status !== 'ok')], cursor);
    summary.written += written.length;
    summary.removed += gone.length;
    options.onProgress?.(summary.written + summary.removed + summary.refused.length, total);
  }
  return summary;
}

/**
 * Write a batch; if the target refuses it for bad input (not for being down), write the articles one by one
 * so one bad article does not hold back the rest. Returns the articles written. Unavailability propagates.
 */
async function writeIsolating(archive: Archive, target: Target, batch: SyncRecord[], summary: SyncSummary): Promise<SyncRecord[]> {
  const refusedForInput = (e: unknown): e is KgError => e instanceof KgError && !e.retryable;
  try {
    await target.write(batch, archive);
    return batch;
  } catch (e) {
    if (!refusedForInput(e) || batch.length === 1) {
      if (refusedForInput(e)) {
        summary.refused.push({ id: batch[0].id, code: e.code, message: e.message });
        return [];
      }
      throw e;
    }
  }
  const written: SyncRecord[] = [];
  for (const a of batch) written.push(...(await writeIsolating(archive, target, [a], summary)));
  return written;
}

/**
 * A batch's institutions resolved in one archive transaction: one commit per batch instead of one per article
 * (each commit writes its pages to the WAL; per article that was half of sync's time). It commits before the
 * target's write, so what resolution recorded (registry, articles to sync again) survives a failed write.
 */
function resolveBatch(archive: Archive, resolver: Resolver, batch: SyncRecord[]): Array<{ a: SyncRecord; k: Knowledge | null }> {
  return archive.db.transaction(() => batch.map((a) => ({ a, k: resolver.resolve(a, a.knowledge) }))).immediate();
}

export function syncGraph(archive: Archive, graph: GraphStore, options: SyncOptions = {}): Promise<SyncSummary> {
  const resolver = new Resolver(archive);
  return syncTarget(archive, {
    name: options.target ?? 'graph',
    resolver,
    reset: async () => {
      await graph.clear();
      resolver.reset();
    },
    write: (batch) => graph.writeArticles(resolveBatch(archive, resolver, batch).map(({ a, k }) => toArticleFacts(a, k))),
    remove: async (ids) => {
      await graph.removeArticles(ids);
      for (const id of ids) resolver.registry.setResolutions(id, []);
    },
  }, options);
}

export function syncSearch(archive: Archive, index: SearchIndex, options: SyncOptions = {}): Promise<SyncSummary> {
  const resolver = new Resolver(archive);
  const name = options.target ?? 'search';
  return syncTarget(archive, {
    name,
    resolver,
    reset: () => index.clear(),
    write: (batch) => index.upsert(resolveBatch(archive, resolver, batch).map(({ a, k }) => toSearchDoc(a, k))),
    remove: (ids) => index.remove(ids),
    rebuild: async () => {
      const r = await index.rebuild();
      const target: Target = {
        name,
        resolver,
        reset: async () => undefined, // a rebuild starts empty
        write: (batch) => r.upsert(resolveBatch(archive, resolver, batch).map(({ a, k }) => toSearchDoc(a, k))),
        remove: async () => undefined, // removed articles are simply not in the new index
      };
      return { target, commit: () => r.commit(), abort: () => r.abort() };
    },
  }, options);
}
