// Place entities and the structural relations: LOCATED_IN (institution → place), BRANCH_OF
// (hospital → hospital) and PART_OF (place → place, between places the article names).
import type { Entity, Provenance, Relation } from '../types.ts';
import type { Gazetteer, Place } from './gazetteer.ts';
import type { PlaceMention } from './places.ts';
import { canonicalName, homePlaceFor, idFor, resolveSurface, type HomePlaces, type ResolvedMention } from './resolve.ts';
import type { InstitutionMention } from './institutions.ts';

export const placeId = (p: Place) => `place:${p.code}`;

export function placeEntities(list: { m: PlaceMention; places: Place[]; prov: Provenance }[]): Entity[] {
  const byId = new Map<string, Entity>();
  for (const { m, places, prov } of list) {
    // 京蒙 / 京津 join one-character abbreviations: they speak of the provinces without naming them
    if (m.compound) continue;
    for (const p of places) {
      const id = placeId(p);
      const e = byId.get(id) ?? {
        id, type: 'place' as const, name: p.name, aliases: [], code: p.level === 'region' ? undefined : p.code, level: p.level,
        mentions: [], confidence: m.candidates.length > 1 ? 0.75 : 0.95,
      };
      if (m.form !== p.name && !m.compound && !e.aliases.includes(m.form)) e.aliases.push(m.form);
      e.mentions.push(prov);
      byId.set(id, e);
    }
  }
  return [...byId.values()];
}

export function linkRelations(
  g: Gazetteer, entities: Entity[], mentions: ResolvedMention[], idOf: Map<InstitutionMention, string>, home: HomePlaces,
): Relation[] {
  const out: Relation[] = [];
  const known = new Set(entities.map((e) => e.id));
  const seen = new Set<string>();
  const push = (r: Relation) => {
    const key = `${r.type}|${r.a}|${r.b}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(r);
  };
  const evidence = (m: ResolvedMention) => m.mention.surface;
  const done = new Set<string>();
  for (const rm of mentions) {
    const id = idOf.get(rm.mention);
    if (!id || done.has(`${id}|${rm.mention.surface}`)) continue;
    done.add(`${id}|${rm.mention.surface}`);
    // LOCATED_IN: the most specific place in the name, else the document's city for a 市… name
    const place = rm.places.filter((p) => p.level !== 'region').at(-1) ?? homePlaceFor(rm.mention.homePrefix, home);
    if (place) {
      // the place may be named only inside this name or implied by 市/省 (河北省卫生健康委员会): it is still a place of the article
      if (!known.has(placeId(place))) {
        entities.push({
          id: placeId(place), type: 'place', name: place.name, aliases: [], code: place.code, level: place.level,
          mentions: [rm.prov], confidence: rm.places.length ? 0.9 : 0.7,
        });
        known.add(placeId(place));
      }
      push({ type: 'located_in', a: id, b: placeId(place), date: null, evidence: evidence(rm), provenance: rm.prov, confidence: rm.places.length ? 0.9 : 0.7 });
    }
    // BRANCH_OF: 天津市肿瘤医院秦皇岛医院 → 天津市肿瘤医院
    if (rm.mention.type !== 'hospital') continue;
    for (const inner of rm.mention.inner) {
      if (inner.type !== 'hospital' || inner.surface === rm.mention.surface) continue;
      // the branch's canonical name minus its own tail (市第二医院口腔院区 → 保定市第二医院)
      const full = canonicalName(rm, home, g) ?? rm.mention.surface;
      const innerName = full.slice(0, full.length - (rm.mention.surface.length - inner.surface.length));
      const hospitals = entities.filter((x) => x.type === 'hospital' && x.id !== id);
      // the parent may already be known by a shorter form (北京儿童医院 for 首都医科大学附属北京儿童医院)
      const shorter = hospitals.filter((x) => x.name.length >= 4 && innerName.length > x.name.length && innerName.endsWith(x.name));
      if (shorter.length === 1 && !shorter[0].aliases.includes(innerName)) shorter[0].aliases.push(innerName);
      const parentId: string = resolveSurface(innerName, hospitals) ?? idFor('hospital', innerName);
      if (!known.has(parentId)) {
        {
          entities.push({ id: parentId, type: 'hospital', name: innerName, aliases: [], mentions: [{ ...rm.prov, end: rm.prov.start + inner.surface.length }], confidence: 0.7 });
          known.add(parentId);
        }
      }
      const target: string = parentId;
      if (target !== id) push({ type: 'branch_of', a: id, b: target, date: null, evidence: evidence(rm), provenance: rm.prov, confidence: 0.8 });
    }
  }
  // PART_OF between places both named in the article
  for (const e of entities) {
    if (e.type !== 'place' || !e.code) continue;
    const parent = g.ancestors(e.code).map((c) => `place:${c}`).find((c) => known.has(c));
    if (parent) push({ type: 'part_of', a: e.id, b: parent, date: null, evidence: e.name, provenance: e.mentions[0], confidence: 0.95 });
  }
  return out;
}
