// Reprint detection: MinHash over character 4-grams of the body, with LSH banding.
// A reprint links to the earliest near-duplicate copy (REPRINT_OF).
// Why MinHash and not SimHash: news reprints are short and lightly edited (a changed lead and closing
// sentence, a different credit line). On such pairs a 64-bit SimHash drifts 9–14 bits apart, as far as
// unrelated stories on the same topic, while the 4-gram Jaccard similarity stays near 0.75 against < 0.12
// for unrelated stories. MinHash estimates that Jaccard directly, and banding finds candidate pairs
// without comparing every pair, so 100k articles stay fast.
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
    /** Buckets bigger than this are skipped (boilerplate-only bodies that collide en masse). Default 5000. */
    maxBucket: z.number().int().positive().default(5000),
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

/**
 * For each article, the id of the earliest near-duplicate (its REPRINT_OF), or null when it is the
 * first copy or has no copy.
 */
export function findReprints(entries: ReprintEntry[], options: ReprintOptions = {}): Map<string, string | null> {
  const { threshold, maxBucket } = ReprintOptionsSchema.parse(options);
  const width = ROWS_PER_BAND * 8;
  const buckets = new Map<string, number[]>();
  entries.forEach((e, i) => {
    if (!e.fingerprint || e.fingerprint.length !== HASHES * 8) return; // older or foreign fingerprints are not compared
    for (let b = 0; b < HASHES / ROWS_PER_BAND; b++) {
      const k = `${b}:${e.fingerprint.substr(b * width, width)}`;
      const list = buckets.get(k);
      if (list) list.push(i);
      else buckets.set(k, [i]);
    }
  });
  // Union of similar pairs, so a chain of copies all point at the earliest one.
  const parent = entries.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const checked = new Set<string>();
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > maxBucket) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x];
        const j = list[y];
        const key = i < j ? `${i}:${j}` : `${j}:${i}`;
        if (checked.has(key)) continue;
        checked.add(key);
        if (similarity(entries[i].fingerprint!, entries[j].fingerprint!) < threshold) continue;
        const ri = find(i);
        const rj = find(j);
        if (ri === rj) continue;
        if (earlier(entries[ri], entries[rj])) parent[rj] = ri;
        else parent[ri] = rj;
      }
    }
  }
  const result = new Map<string, string | null>();
  entries.forEach((e, i) => {
    const root = find(i);
    result.set(e.id, root === i ? null : entries[root].id);
  });
  return result;
}
