// One entity per institution within an article: canonical names, home-place completion
// (市环湖医院 → 天津市环湖医院), parenthesised aliases, and short forms that point to exactly one
// longer name. resolveSurface() maps any surface form to an id given an article's entities, so an
// archive-wide pass can use the same rules; ambiguous short forms map to nothing.
import type { Entity, Provenance } from '../types.ts';
import { CANONICAL_ENDINGS, KNOWN_ORGS } from '../dict/institutions.ts';
import type { Gazetteer, Place } from './gazetteer.ts';
import type { InstitutionMention, InstitutionType } from './institutions.ts';
import { sameInstitutionPairs } from './renames.ts';

/** The document's own places, for names written with 市 / 省 / 自治区 alone. */
export interface HomePlaces {
  city: Place | null; province: Place | null; region: Place | null;
  /** The most mentioned county-level division: a county report writes 县医院, 县卫健局 for its own. */
  county?: Place | null;
}

export interface ResolvedMention { mention: InstitutionMention; prov: Provenance; places: Place[] }

interface Group {
  type: InstitutionType;
  names: Map<string, number>;
  surfaces: Set<string>;
  mentions: ResolvedMention[];
  places: Place[];
  /** Built from a home prefix or an abbreviation rather than read in full. */
  constructed: boolean;
  /** The current name when the article gives an old one too (更名为, 加挂…牌子). */
  current?: string;
}

const GOVERNMENT = /(人民政府|委员会|新闻办公室)$/u;

export function idFor(type: InstitutionType, name: string): string {
  return `${type === 'hospital' ? 'hospital' : 'org'}:${name}`;
}

/** The document's own place a bare 市 / 省 / 自治区 / 盟 prefix stands for. */
export function homePlaceFor(prefix: string | null, home: HomePlaces): Place | null {
  if (prefix === '市') return home.city;
  if (prefix === '省') return home.province;
  if (prefix === '自治区') return home.region;
  if (prefix === '盟') return home.city?.name.endsWith('盟') ? home.city : null;
  if (prefix === '特区' || prefix === '特别行政区') return home.province?.name.endsWith('特别行政区') ? home.province : null;
  // 县 / 区 stand for the document's own county or district, only when it carries that ending
  if ((prefix === '县' || prefix === '区') && home.county?.name.endsWith(prefix)) return home.county;
  return null;
}

/** Canonical name of one mention, or null when it cannot be completed (区医院 with no district in view). */
export function canonicalName(m: ResolvedMention, home: HomePlaces, g: Gazetteer): string | null {
  const s = m.mention.surface;
  if (m.mention.known) return KNOWN_ORGS[s] ?? s;
  const party = s.endsWith('委') ? /^(.*?)(市|省|区|县|自治区)委$/u.exec(s) : null;
  if (party) {
    const place = m.places.at(-1) ?? (party[2] === '省' ? home.province : party[2] === '自治区' ? home.region : home.city);
    return place ? `中共${place.name}委员会` : null;
  }
  let name = s;
  if (m.mention.homePrefix) {
    const h = m.mention.homePrefix;
    const place = homePlaceFor(h, home);
    if (!place) return null;
    name = place.name + m.mention.core;
  }
  name = canonicalEnding(name);
  // 滨海新区人民政府 → 天津市滨海新区人民政府: a county government is named with its city
  const first = m.places[0];
  if (GOVERNMENT.test(name) && first?.level === 'county' && first.parent) {
    const parent = g.byCode.get(first.parent);
    if (parent && !name.startsWith(parent.name)) name = parent.name + name.replace(m.places[0] ? m.mention.places[0].form : '', first.name);
  }
  return name;
}

/** Names already given their official ending: the same names recur in every sentence and article. */
const endingCache = new Map<string, string>();
const ENDING_CACHE_MAX = 50_000;

/** 卫健委 → 卫生健康委员会 and the other official endings (a pure function of the name, so cached). */
function canonicalEnding(name: string): string {
  if (!/[委心办府院室会局]$/u.test(name)) return name;
  let out = endingCache.get(name);
  if (out !== undefined) return out;
  out = name;
  for (const [re, rep] of CANONICAL_ENDINGS) out = out.replace(re, rep);
  if (endingCache.size >= ENDING_CACHE_MAX) endingCache.clear();
  endingCache.set(name, out);
  return out;
}

export function resolveInstitutions(
  mentions: ResolvedMention[], home: HomePlaces, g: Gazetteer, text: (p: Provenance) => string,
  reject: (reason: string) => void,
): { entities: Entity[]; idOf: Map<InstitutionMention, string> } {
  const groups = new Map<string, Group>();
  /** The groups still keyed in `groups`: a set test instead of listing the map's values. */
  const alive = new Set<Group>();
  const groupOf = new Map<InstitutionMention, Group>();
  const byMention = new Map(mentions.map((rm) => [rm.mention, rm]));
  for (const rm of mentions) {
    // a declared short form (以下简称“区人民医院”) is named as the institution it was declared for
    const declared = rm.mention.declaredFor && byMention.get(rm.mention.declaredFor);
    const name = declared ? canonicalName(declared, home, g) : canonicalName(rm, home, g);
    if (!name) {
      reject('institution-unresolved-home');
      continue;
    }
    const key = `${rm.mention.type}|${name}`;
    let grp = groups.get(key);
    if (!grp) {
      grp = { type: rm.mention.type, names: new Map(), surfaces: new Set(), mentions: [], places: [], constructed: true };
      groups.set(key, grp);
      alive.add(grp);
    }
    grp.names.set(name, (grp.names.get(name) ?? 0) + 1);
    grp.surfaces.add(rm.mention.surface);
    grp.mentions.push(rm);
    for (const p of rm.places) if (!hasCode(grp.places, p.code)) grp.places.push(p);
    if (!rm.mention.homePrefix && name === rm.mention.surface) grp.constructed = false;
    groupOf.set(rm.mention, grp);
  }
  const union = (from: Group, into: Group) => {
    if (from === into) return;
    for (const [n, c] of from.names) into.names.set(n, (into.names.get(n) ?? 0) + c);
    for (const s of from.surfaces) into.surfaces.add(s);
    for (const m of from.mentions) { into.mentions.push(m); groupOf.set(m.mention, into); }
    for (const p of from.places) if (!hasCode(into.places, p.code)) into.places.push(p);
    into.constructed &&= from.constructed;
    into.current ??= from.current;
    for (const [k, v] of groups) if (v === from) groups.delete(k);
    alive.delete(from);
  };
  // 内蒙古自治区胸科医院(内蒙古自治区第四医院): a name in brackets right after another is an alias
  for (const rm of mentions) {
    const after = text({ ...rm.prov, start: rm.prov.end, end: rm.prov.end + 1 });
    if (after !== '(' && after !== '（') continue;
    const next = mentions.find((o) => o.prov.sentence === rm.prov.sentence && o.prov.start === rm.prov.end + 1);
    const a = groupOf.get(rm.mention), b = next && groupOf.get(next.mention);
    const close = next && text({ ...next.prov, start: next.prov.end, end: next.prov.end + 1 });
    if (a && b && a.type === b.type && (close === ')' || close === '）')) union(b, a);
  }
  for (const [old, current] of sameInstitutionPairs(mentions, text, g)) {
    const a = groupOf.get(old.mention), b = groupOf.get(current.mention);
    if (!a || !b || a.type !== b.type) continue;
    union(a, b);
    b.current = canonicalName(current, home, g) ?? current.mention.surface;
  }
  // 首都医科大学附属北京儿童医院保定医院 beside 北京儿童医院: the parent's official name is the long one
  const current = [...new Set(groups.values())];
  for (const rm of mentions) {
    for (const inner of rm.mention.inner) {
      if (inner.type !== rm.mention.type) continue;
      const owners = current.filter((x) => x.type === inner.type && !x.names.has(inner.surface) && endsWithNameOf(inner.surface, x.names));
      if (owners.length === 1) owners[0].names.set(inner.surface, 0);
    }
  }
  // 雄安安新县医院 = 雄安新区安新县医院: the same places (by code) before the same core
  const byPlaceKey = new Map<string, Group>();
  for (const rm of mentions) {
    const grp = groupOf.get(rm.mention);
    if (!grp || rm.places.length === 0 || rm.mention.known) continue;
    const key = `${rm.mention.type}|${rm.places.map((p) => p.code).join(',')}|${rm.mention.core}`;
    const other = byPlaceKey.get(key);
    if (other && other !== grp && alive.has(other)) union(grp, other);
    else byPlaceKey.set(key, groupOf.get(rm.mention)!);
  }
  // short forms: a name that ends exactly one longer name of the same type is that institution
  const live = () => [...new Set(groups.values())];
  const best = new Map<Group, string>();
  const nameOfGroup = (x: Group) => best.get(x) ?? best.set(x, bestName(x)).get(x)!;
  const ordered = live().sort((x, y) => nameOfGroup(x).length - nameOfGroup(y).length);
  const dead = new Set<Group>();
  for (const grp of ordered) {
    if (dead.has(grp)) continue;
    const forms = [...new Set([...grp.names.keys(), ...grp.surfaces])];
    const longest = Math.max(...forms.map((f) => f.length));
    const shortest = Math.min(...forms.map((f) => f.length));
    const longer = ordered.filter((o) => o !== grp && !dead.has(o) && o.type === grp.type && nameOfGroup(o).length > shortest && endsOrAbbreviates(o.names, forms));
    if (longer.length === 1 && longest >= 3) {
      union(grp, longer[0]);
      best.delete(longer[0]);
      dead.add(grp);
    } else if (longer.length > 1 && grp.places.length === 0 && nameOfGroup(grp).length <= 4) {
      reject('institution-ambiguous-short-form');
      for (const [k, v] of groups) if (v === grp) groups.delete(k);
      alive.delete(grp);
      dead.add(grp);
    }
  }
  const entities: Entity[] = [];
  const idOf = new Map<InstitutionMention, string>();
  for (const grp of new Set(groups.values())) {
    const name = bestName(grp);
    if (grp.places.length === 0 && name.length <= 3 && !grp.mentions.some((m) => m.mention.known)) {
      reject('institution-unresolved-short-form'); // 总医院 with no full name in the article
      continue;
    }
    const id = idFor(grp.type, name);
    const aliases = [...new Set([...grp.names.keys(), ...grp.surfaces])].filter((s) => s !== name);
    const mentionsProv = grp.mentions.map((m) => m.prov).sort((a, b) => a.start - b.start);
    const confidence = grp.constructed ? 0.7 : grp.places.length > 0 || grp.mentions.some((m) => m.mention.known) ? 0.9 : 0.8;
    entities.push({ id, type: grp.type, name, aliases, mentions: mentionsProv, confidence });
    for (const m of grp.mentions) idOf.set(m.mention, id);
  }
  return { entities, idOf };
}

function hasCode(places: Place[], code: string): boolean {
  for (const q of places) if (q.code === code) return true;
  return false;
}

/** Does `surface` end with a shorter name of 4 or more characters among `names`? */
function endsWithNameOf(surface: string, names: Map<string, number>): boolean {
  for (const n of names.keys()) if (n.length >= 4 && surface.length > n.length && surface.endsWith(n)) return true;
  return false;
}

/** Does one of `names` end with, or abbreviate, a shorter one of `forms`? */
function endsOrAbbreviates(names: Map<string, number>, forms: string[]): boolean {
  for (const n of names.keys()) {
    if (n.length === 0) continue;
    for (const f of forms) if (n.length > f.length && (n.endsWith(f) || abbreviates(f, n))) return true;
  }
  return false;
}

/** Longest name read in full, the most mentioned among equals (外 before 括号). */
function bestName(grp: Group): string {
  if (grp.current && grp.names.has(grp.current)) return grp.current;
  // one pass for the first of the longest, most counted names (what a stable sort would put first)
  let best = '', bestCount = -1;
  for (const [n, c] of grp.names) if (bestCount < 0 || n.length > best.length || (n.length === best.length && c > bestCount)) { best = n; bestCount = c; }
  return best;
}

/** 中医一附院 abbreviates 天津中医药大学第一附属医院: same ending, the rest of its characters in order. */
export function abbreviates(short: string, full: string): boolean {
  const numbered = NUMBERED_SHORT.exec(short);
  if (numbered) return numberedAbbreviates(numbered[1], numbered[2], full);
  if (!short.includes('附') || !full.endsWith('附属医院')) return false; // the tail below always ends so
  const expanded = short.replace(/([一二三])附院$/u, '第$1附属医院');
  const tail = /第[一二三]附属医院$/u.exec(expanded)?.[0];
  if (!tail || !full.endsWith(tail) || expanded === full) return false;
  const head = expanded.slice(0, -tail.length);
  let j = 0;
  const fullHead = full.slice(0, -tail.length);
  for (const ch of fullHead) if (ch === head[j]) j++;
  return head.length >= 2 && j === head.length;
}

/** 浙大一院, 湘雅二院: two characters of the name and the hospital's number. */
const NUMBERED_SHORT = /^(\p{Script=Han}{2})([一二三四五六七八九])院$/u;

/** 浙大一院 → 浙江大学医学院附属第一医院: the full name ends with that number's hospital, the two characters come before it in order. */
function numberedAbbreviates(head: string, n: string, full: string): boolean {
  const tail = new RegExp(`第?${n}(附属|人民|中心)?医院$`, 'u').exec(full);
  if (!tail) return false;
  const before = full.slice(0, tail.index);
  const at = before.indexOf(head[0]);
  return at === 0 && before.indexOf(head[1], at + 1) > 0;
}

/**
 * Maps a surface form to an entity id among an article's entities: exact name or alias first, then a
 * unique longer name that ends with it or that it abbreviates. Returns null when none or several fit.
 */
export function resolveSurface(surface: string, entities: Pick<Entity, 'id' | 'name' | 'aliases' | 'type'>[]): string | null {
  const s = surface.trim();
  if (!s) return null;
  const exact = entities.filter((e) => e.name === s || e.aliases.includes(s));
  if (exact.length === 1) return exact[0].id;
  if (exact.length > 1) return null;
  const known = KNOWN_ORGS[s];
  if (known) return entities.find((e) => e.name === known)?.id ?? null;
  const fits = entities.filter((e) => (e.type === 'hospital' || e.type === 'organization') &&
    [e.name, ...e.aliases].some((n) => n.length > s.length && (n.endsWith(s) || abbreviates(s, n) || (s.length >= 2 && n.includes(s)))));
  return fits.length === 1 ? fits[0].id : null;
}
