// Character-bigram overlap F1, the measure the shared eval scorer uses for bodies: NFKC,
// whitespace and common punctuation removed, then multiset overlap of adjacent character pairs.

function squash(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000·•“”"'‘’《》]/g, '')
    .replace(/[，。、；：！？,.;:!?()（）\-—]/g, '');
}

function pairs(s: string): Map<string, number> {
  const t = squash(s);
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

export function bigramF1(predicted: string, gold: string): number {
  const a = pairs(predicted);
  const b = pairs(gold);
  let na = 0;
  let nb = 0;
  let common = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  for (const [g, v] of a) common += Math.min(v, b.get(g) ?? 0);
  if (na === 0 && nb === 0) return 1;
  if (na === 0 || nb === 0) return 0;
  const p = common / na;
  const r = common / nb;
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** Same text after removing whitespace and width differences (titles, sources, authors). */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const n = (s: string | null | undefined) => String(s ?? '').normalize('NFKC').replace(/[\s\u3000]/g, '');
  return n(a) === n(b);
}
