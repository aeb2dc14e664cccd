// Recently answered searches, like Solr's queryResultCache: the same query (text, filters, sort, page,
// facets) over an unchanged index gets the same answer, so a repeated query costs a lookup instead of a
// FTS5 walk and a BM25 pass. Entries belong to one index generation (a number every write to the index
// bumps, in SQLite, so writes from other processes count too); a new generation empties the cache.
// Answers are cloned in and out, so a caller editing a result cannot change what the next caller gets.
import { LRUCache } from 'lru-cache';
import type { SearchResult } from './port.ts';

export interface ResultCacheOptions {
  /** Most answers kept. 0 turns the cache off. */
  entries: number;
  /** Most characters of answers kept (hits carry passages, so sizes vary a lot). */
  chars: number;
}

export interface ResultCacheStats {
  hits: number;
  misses: number;
  /** Times a new index generation emptied the cache. */
  invalidations: number;
  size: number;
}

export class ResultCache {
  private readonly lru: LRUCache<string, SearchResult> | null;
  private generation: number | null = null;
  private readonly counts = { hits: 0, misses: 0, invalidations: 0 };

  constructor(options: ResultCacheOptions) {
    this.lru =
      options.entries > 0
        ? new LRUCache<string, SearchResult>({ max: options.entries, maxSize: options.chars, sizeCalculation: (r) => Math.max(1, size(r)) })
        : null;
  }

  /** The answer cached for `key` at this generation, or undefined. */
  get(generation: number, key: string): SearchResult | undefined {
    if (!this.lru) return undefined;
    if (generation !== this.generation) {
      if (this.generation !== null && this.lru.size > 0) this.counts.invalidations++;
      this.lru.clear();
      this.generation = generation;
    }
    const r = this.lru.get(key);
    if (r === undefined) {
      this.counts.misses++;
      return undefined;
    }
    this.counts.hits++;
    return structuredClone(r);
  }

  /** Keeps `result` for `key`, if it was computed at the generation the cache is on. */
  set(generation: number, key: string, result: SearchResult): void {
    if (this.lru && generation === this.generation) this.lru.set(key, structuredClone(result));
  }

  stats(): ResultCacheStats {
    return { ...this.counts, size: this.lru?.size ?? 0 };
  }
}

/** Characters an answer holds, roughly: its highlighted texts dominate. */
function size(r: SearchResult): number {
  let n = 200;
  for (const h of r.hits) {
    n += h.title.length + h.titleHighlighted.length + (h.url?.length ?? 0) + 100;
    for (const p of h.passages) n += p.length;
  }
  for (const values of Object.values(r.facets)) for (const k of Object.keys(values)) n += k.length + 10;
  return n;
}
