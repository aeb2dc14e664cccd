// Document-level context: resolved places, the document's own city and province, and the
// institution the article speaks for (its source, or the one behind 我委 / 我院).
import type { Entity } from '../types.ts';
import { choosePlace, type PlaceMention } from './places.ts';
import type { Gazetteer, Place } from './gazetteer.ts';
import type { HomePlaces } from './resolve.ts';

const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

/** Picks one place per mention, using the unambiguous mentions of the whole document as context. */
export function resolvePlaceMentions(g: Gazetteer, perSentence: PlaceMention[][]): Map<PlaceMention, Place[]> {
  const docCodes = new Set<string>();
  for (const list of perSentence) for (const m of list) if (m.candidates.length === 1 || m.compound) for (const c of m.candidates) docCodes.add(c.code);
  const out = new Map<PlaceMention, Place[]>();
  for (const list of perSentence) {
    let previous: Place | null = null;
    let previousEnd = -1;
    for (const m of list) {
      const chosen: Place[] = m.compound ? m.candidates : [choosePlace(g, m.candidates, previousEnd === m.start ? previous : null, docCodes)];
      out.set(m, chosen);
      previous = chosen.at(-1) ?? null;
      previousEnd = m.end;
    }
  }
  return out;
}

/** The most mentioned municipality or city, province, autonomous region and county. */
export function homePlaces(g: Gazetteer, counts: Map<string, number>): HomePlaces {
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => g.byCode.get(c)).filter((p): p is Place => !!p);
  const city = ranked.find((p) => p.level === 'city' || MUNICIPALITIES.has(p.code)) ?? null;
  // a report from 淮安 that never names 江苏 still writes 省卫健委 for Jiangsu's: the home city's province stands in
  const cityProvince = city && !MUNICIPALITIES.has(city.code) ? g.byCode.get(g.ancestors(city.code).find((c) => g.byCode.get(c)?.level === 'province') ?? '') ?? null : null;
  const province = ranked.find((p) => p.level === 'province' && !MUNICIPALITIES.has(p.code)) ?? cityProvince;
  return {
    city,
    province,
    region: ranked.find((p) => p.level === 'province' && p.name.endsWith('自治区')) ?? (cityProvince?.name.endsWith('自治区') ? cityProvince : null),
    // only a county named at least twice: one passing mention does not make a county report
    county: ranked.find((p) => p.level === 'county' && (counts.get(p.code) ?? 0) >= 2) ?? null,
  };
}

/** The institution the article speaks for, or null. */
export function primaryActor(entities: Entity[], body: string, source: string | null | undefined, title?: string | null): string | null {
  const insts = entities.filter((e) => e.type === 'hospital' || e.type === 'organization');
  if (source) {
    const s = insts.find((e) => e.name === source || e.aliases.includes(source));
    if (s) return s.id;
  }
  // the institution a headline opens with is what the story is about (X医院发布年度报告), however often partners are named
  if (title) {
    let best: { id: string; at: number } | null = null;
    for (const e of insts) for (const n of [e.name, ...e.aliases]) {
      const at = n.length >= 4 ? title.indexOf(n) : -1;
      if (at >= 0 && (!best || at < best.at)) best = { id: e.id, at };
    }
    if (best && best.at <= 2) return best.id;
  }
  const byCount = [...insts].sort((a, b) => b.mentions.length - a.mentions.length);
  if (/我委|本委/u.test(body)) {
    const c = byCount.find((e) => /委员会$/u.test(e.name) && e.aliases.some((a) => /^(市|省|区|县)/u.test(a)));
    if (c) return c.id;
  }
  if (/我院|本院/u.test(body)) {
    const h = byCount.find((e) => e.type === 'hospital');
    if (h) return h.id;
  }
  return byCount.find((e) => e.type === 'hospital')?.id ?? byCount[0]?.id ?? null;
}
