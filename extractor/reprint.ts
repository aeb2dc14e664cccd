// Reprint detection: 64-bit SimHash over character 3-grams of the body, and bucketed lookup.
// A reprint links to the earliest near-duplicate copy (REPRINT_OF). Splitting the fingerprint
// into maxDistance+1 bands means any two fingerprints within maxDistance bits share one band
// exactly (pigeonhole), so only articles sharing a band bucket are compared: fast for 100k.
import { z } from 'zod';

/** Fingerprint of a body: 16 hex digits, or null when the body is too short to fingerprint. */
export type Fingerprint = string;

export const ReprintOptionsSchema = z
  .object({
    /** Largest Hamming distance between fingerprints counted as the same story. Default 4 (of 64 bits). */
    maxDistance: z.number().int().min(0).max(7).default(4),
    /** Buckets bigger than this are skipped (boilerplate-only bodies that collide en masse). Default 5000. */
    maxBucket: z.number().int().positive().default(5000),
  })
  .strict();
export type ReprintOptions = z.input<typeof ReprintOptionsSchema>;

/** Bodies with fewer characters than this (after removing spaces and punctuation) get no fingerprint. */
export const MIN_FINGERPRINT_CHARS = 30;

// 32-bit FNV-1a variants with two offsets: two independent halves of the 64-bit hash.
function fnv(s: string, i: number, seed: number): number {
  let h = seed;
  for (let k = i; k < i + 3; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** SimHash of a body (character 3-grams, spaces and punctuation removed). */
export function fingerprint(body: string): Fingerprint | null {
  const t = body.replace(/[\s\p{P}\p{S}]/gu, '');
  if (t.length < MIN_FINGERPRINT_CHARS) return null;
  const v = new Int32Array(64);
  for (let i = 0; i + 3 <= t.length; i++) {
    const lo = fnv(t, i, 0x811c9dc5);
    const hi = fnv(t, i, 0x050c5d1f);
    for (let b = 0; b < 32; b++) {
      v[b] += (lo >>> b) & 1 ? 1 : -1;
      v[32 + b] += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b] > 0) lo |= 1 << b;
    if (v[32 + b] > 0) hi |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hammingDistance(a: Fingerprint, b: Fingerprint): number {
  return popcount(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) + popcount(parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16));
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
 * For each article, the id of the earliest near-duplicate published before it (its REPRINT_OF),
 * or null when it is the first copy or has no copy.
 */
export function findReprints(entries: ReprintEntry[], options: ReprintOptions = {}): Map<string, string | null> {
  const { maxDistance, maxBucket } = ReprintOptionsSchema.parse(options);
  const bands = maxDistance + 1;
  // Band boundaries over the 16 hex digits (4 bits each), as even as possible.
  const cuts = Array.from({ length: bands + 1 }, (_, i) => Math.round((16 * i) / bands));
  const buckets = new Map<string, number[]>();
  entries.forEach((e, i) => {
    if (!e.fingerprint) return;
    for (let b = 0; b < bands; b++) {
      const k = `${b}:${e.fingerprint.slice(cuts[b], cuts[b + 1])}`;
      const list = buckets.get(k);
      if (list) list.push(i);
      else buckets.set(k, [i]);
    }
  });
  const result = new Map<string, string | null>();
  const earliest: number[] = entries.map((_, i) => i);
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > maxBucket) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x];
        const j = list[y];
        if (hammingDistance(entries[i].fingerprint!, entries[j].fingerprint!) > maxDistance) continue;
        if (earlier(entries[j], entries[earliest[i]])) earliest[i] = j;
        if (earlier(entries[i], entries[earliest[j]])) earliest[j] = i;
      }
    }
  }
  entries.forEach((e, i) => result.set(e.id, earliest[i] === i ? null : entries[earliest[i]].id));
  return result;
}
