// One institution under two names within an article: an old name and the plate it later carries
// (保定市儿童医院…加挂“北京儿童医院保定医院”牌子, A更名为B, B(原A)), and a hospital taken over by a
// parent whose branch in the same place the article names (北京儿童医院托管保定市儿童医院 … 北京儿童医院保定医院).
import type { Gazetteer } from './gazetteer.ts';
import type { ResolvedMention } from './resolve.ts';
import type { Provenance } from '../types.ts';

/** Written right before the new name. */
const RENAMED = /(加挂|挂牌为?|更名为|改名为|改称为?|又名|亦称|也称)[“"‘「]?$/u;
/** Written right before the old name (B原名A, B(原A)). */
const FORMERLY = /(原名为?|原称|原为|前身为|前身是|[(（]原)[“"‘「]?$/u;

/** Pairs of mentions that name the same institution: [old name, current name]. */
export function sameInstitutionPairs(
  mentions: ResolvedMention[], text: (p: Provenance) => string, g: Gazetteer,
): [ResolvedMention, ResolvedMention][] {
  const out: [ResolvedMention, ResolvedMention][] = [];
  const hospitals = mentions.filter((m) => m.mention.type === 'hospital');
  const bySentence = new Map<number, ResolvedMention[]>();
  for (const h of hospitals) {
    const list = bySentence.get(h.prov.sentence);
    if (list) list.push(h);
    else bySentence.set(h.prov.sentence, [h]);
  }
  const inSentence = (rm: ResolvedMention) => bySentence.get(rm.prov.sentence)!.filter((o) => o !== rm);
  for (const rm of hospitals) {
    const before = text({ ...rm.prov, start: Math.max(0, rm.prov.start - 6), end: rm.prov.start });
    const renamed = RENAMED.test(before);
    if (!renamed && !FORMERLY.test(before)) continue;
    const prev = inSentence(rm).filter((o) => o.prov.end <= rm.prov.start && !rm.mention.surface.startsWith(o.mention.surface)).at(-1);
    if (prev) out.push(renamed ? [prev, rm] : [rm, prev]);
  }
  // P托管T, and P's branch named after T's place: T is that branch under its old name
  for (const t of hospitals) {
    if (t.places.length === 0) continue;
    let before: ResolvedMention | undefined; // the last hospital named before t in its sentence
    for (const o of bySentence.get(t.prov.sentence)!) if (o !== t && o.prov.end <= t.prov.start) before = o;
    if (!before) continue;
    const between = text({ ...t.prov, start: before.prov.end, end: t.prov.start });
    if (!/托管/u.test(between) || /[，,；;。]/u.test(between)) continue;
    const parentForms = new Set([before.mention.surface]);
    const codes = new Set(t.places.map((p) => p.code));
    for (const b of hospitals) {
      if (b === t || b === before) continue;
      const inner = b.mention.inner.filter((i) => i.type === 'hospital' && [...parentForms].some((f) => i.surface.endsWith(f))).at(-1);
      if (!inner) continue;
      const tail = b.mention.surface.slice(inner.surface.length).replace(/(医院|医学中心|院区|分院)$/u, '');
      const places = g.forms.get(tail)?.places ?? [];
      if (places.some((p) => codes.has(p.code))) out.push([t, b]);
    }
  }
  return out;
}
