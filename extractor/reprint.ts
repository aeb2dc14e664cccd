// Reprint detection: MinHash over character 4-grams of the body, with LSH banding.
// A reprint links to the earliest near-duplicate copy (REPRINT_OF).
// Why MinHash and not SimHash: news reprints are short and lightly edited (a changed lead and closing
// sentence, a different credit line). On such pairs a 64-bit SimHash drifts 9–14 bits apart, as far as
// unrelated stories on the same topic, while the 4-gram Jaccard similarity stays near 0.75 against < 0.12
// for unrelated stories. MinHash estimates that Jaccard directly, and banding finds candidate pairs
// without comparing every pair. A store feeds ReprintLinker one bucket at a time (archive.reprintBuckets), so
// linking a million articles holds the copies in memory, not the archive.
import { z } from 'zod';

/** Fingerprint of a body: HASHES MinHash values as 8 hex digits each, or null when the body is too short. */
export type Fingerprint = string;

const HASHES = 60;
const ROWS_PER_BAND = 3; // 20 bands of 3 rows: a pair at Jaccard 0.5 becomes a candidate with p ≈ 0.93, at 0.1 with p ≈ 0.02.
const SHINGLE = 4;

export const ReprintOptionsSchema = z
  .object({
    /** Smallest estimated Jaccard similarity (character 4-grams) counted as the same story. Default 0.5. */
    threshold: z.number().min(0.05).max(1).default(0.5),
    /**
     * Buckets bigger than this are skipped. Default 50: a line most stories share (a closing sentence, a credit)
     * puts unrelated stories into one bucket, whose pairs grow with the square of the archive (the scale bench's
     * 10k archive: reprint linking 64 s and 642 MB with 5000, 6.4 s and 186 MB with 50, finding more planted
     * reprints); a true copy still shares other, small buckets with its original.
     */
    maxBucket: z.number().int().positive().default(50),
  })
  .strict();
export type ReprintOptions = z.input<typeof ReprintOptionsSchema>;

/** Bodies with fewer characters than this (after removing spaces and punctuation) get no fingerprint. */
export const MIN_FINGERPRINT_CHARS = 30;

// Per-hash seeds, fixed so fingerprints are comparable across runs and machines.
const SEEDS = Array.from({ length: HASHES }, (_, k) => Math.imul(k + 1, 0x9e3779b1) >>> 0);

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function shingleHash(t: string, i: number): number {
  let h = 0x811c9dc5;
  for (let k = i; k < i + SHINGLE; k++) {
    h ^= t.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MinHash signature of a body (character 4-grams, spaces and punctuation removed). */
export function fingerprint(body: string): Fingerprint | null {
  const t = body.replace(/[\s\p{P}\p{S}]/gu, '');
  if (t.length < MIN_FINGERPRINT_CHARS) return null;
  const mins = new Uint32Array(HASHES).fill(0xffffffff);
  const seen = new Set<number>();
  for (let i = 0; i + SHINGLE <= t.length; i++) {
    const h = shingleHash(t, i);
    if (seen.has(h)) continue;
    seen.add(h);
    for (let k = 0; k < HASHES; k++) {
      const v = mix(h ^ SEEDS[k]);
      if (v < mins[k]) mins[k] = v;
    }
  }
  let out = '';
  for (let k = 0; k < HASHES; k++) out += mins[k].toString(16).padStart(8, '0');
  return out;
}

/** Estimated Jaccard similarity of two bodies from their fingerprints (0..1). */
export function similarity(a: Fingerprint, b: Fingerprint): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a.substr(k * 8, 8) === b.substr(k * 8, 8)) same++;
  return same / HASHES;
}

export interface ReprintEntry {
  id: string;
  fingerprint: Fingerprint | null;
  /** ISO publish date/time; null sorts after every date. */
  published: string | null;
}

/** Earlier of two entries: by publish time, undated last, then by id for a stable answer. */
function earlier(a: ReprintEntry, b: ReprintEntry): boolean {
  if (a.published !== b.published) {
    if (a.published === null) return false;
    if (b.published === null) return true;
    return a.published < b.published;
  }
  return a.id < b.id;
}

/** Characters of a fingerprint, and where band b's key lies in it (LSH: entries sharing a band key are candidates). */
export const FINGERPRINT_CHARS = HASHES * 8;
export const BANDS = HASHES / ROWS_PER_BAND;
export const bandSpan = (b: number): { start: number; length: number } => ({ start: b * ROWS_PER_BAND * 8, length: ROWS_PER_BAND * 8 });

/**
 * Joins near-duplicates found in candidate buckets (entries sharing one band key): every pair of a bucket is
 * compared and similar pairs are united, so a chain of copies all point at the earliest one. It holds only the
 * entries found similar to another, so its memory follows the copies, not the archive; buckets can come one by
 * one from a store. A bucket larger than maxBucket is skipped: its pairs would cost the square of its size.
 */
export class ReprintLinker {
  private readonly o: z.output<typeof ReprintOptionsSchema>;
  /** Union-find over the entries found similar to another: id → parent id, and each such entry. */
  private readonly parent = new Map<string, string>();
  private readonly entries = new Map<string, ReprintEntry>();

  constructor(options: ReprintOptions = {}) {
    this.o = ReprintOptionsSchema.parse(options);
  }

  private find(id: string): string {
    let root = id;
    for (let p = this.parent.get(root)!; p !== root; p = this.parent.get(root)!) root = p;
    for (let x = id; x !== root; ) { const next = this.parent.get(x)!; this.parent.set(x, root); x = next; }
    return root;
  }

  /** Compare every pair of one bucket (entries with a comparable fingerprint only). */
  addBucket(list: readonly ReprintEntry[]): void {
    if (list.length < 2 || list.length > this.o.maxBucket) return;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [i, j] = [list[x], list[y]];
        if (this.parent.has(i.id) && this.parent.has(j.id) && this.find(i.id) === this.find(j.id)) continue;
        if (similarity(i.fingerprint!, j.fingerprint!) < this.o.threshold) continue;
        for (const e of [i, j]) if (!this.parent.has(e.id)) { this.parent.set(e.id, e.id); this.entries.set(e.id, e); }
        const [ri, rj] = [this.find(i.id), this.find(j.id)];
        if (ri === rj) continue;
        if (earlier(this.entries.get(ri)!, this.entries.get(rj)!)) this.parent.set(rj, ri);
        else this.parent.set(ri, rj);
      }
    }
  }

  /** Article id → the earliest copy of its story, for every article that is a later copy. */
  links(): Map<string, string> {
    const out = new Map<string, string>();
    for (const id of this.parent.keys()) {
      const root = this.find(id);
      if (root !== id) out.set(id, root);
    }
    return out;
  }
}

/**
 * For each article, the id of the earliest near-duplicate (its REPRINT_OF), or null when it is the
 * first copy or has no copy. In memory: for a whole archive, feed ReprintLinker buckets from the store.
 */
export function findReprints(entries: ReprintEntry[], options: ReprintOptions = {}): Map<string, string | null> {
  const linker = new ReprintLinker(options);
  const comparable = entries.filter((e) => e.fingerprint && e.fingerprint.length === FINGERPRINT_CHARS); // older or foreign fingerprints are not compared
  for (let b = 0; b < BANDS; b++) {
    const { start, length } = bandSpan(b);
    const buckets = new Map<string, ReprintEntry[]>();
    for (const e of comparable) {
      const k = e.fingerprint!.substr(start, length);
      const list = buckets.get(k);
      if (list) list.push(e);
      else buckets.set(k, [e]);
    }
    for (const list of buckets.values()) linker.addBucket(list);
  }
  const links = linker.links();
  return new Map(entries.map((e) => [e.id, links.get(e.id) ?? null]));
}
