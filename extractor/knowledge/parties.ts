// Places that act as parties of a collaboration: a region (its government) signs, helps or is helped
// (北京市与河北省签署…, 杭州为丽水提供…, 河北携手京津帮扶雄安新区). A place is no party where it only says
// where something happens (在廊坊签署, 来自深圳), qualifies the place after it (深圳福田区: 福田区 is the
// party), counts a set of hospitals (78家内蒙古医院) or sits inside a name (an institution's, a project's,
// a quoted or titled one).
import type { Relation } from '../types.ts';
import type { Place } from './gazetteer.ts';
import type { PlaceMention } from './places.ts';
import type { SentenceInstitution } from './relations.ts';

interface Span { start: number; end: number }

export interface PartyPlace extends SentenceInstitution {
  place: Place;
  /** The place qualifies a generic noun (北京市三级医院, 淮安医疗机构): it stands for its institutions. */
  modifier: boolean;
}

const LOCATIVE = /(在|于|赴|到|至|往|前往|奔赴|来自|落户|位于|地处|家住|回到|走进|深入|驻|扎根|远赴|从|离开|途经)$/u;
const SENT_TO_PLACE = /(赴|到|前往|奔赴|抵达)$/u;
const SENDING = /选派|派出|派驻|派遣|输送|医疗队|队员/u;
const COUNTED = /[0-9０-９一二三四五六七八九十两几多百千]+[家所个名批座]$/u;
const GENERIC_NOUN = /^各|^[^，,。；;、：:]{0,8}?(医院|医疗机构|卫生机构|单位|卫生院|医务人员|专家)/u;
const LIST_GAP = /^[、和及与]$/u;
/** Quoted or titled spans: a place inside “某市精神卫生中心” or 《…协议》 names no party. */
const QUOTED = /《[^《》]{1,200}》|“[^“”]{1,60}”|"[^"]{1,60}"/gu;

function inside(s: number, e: number, spans: [number, number][]): boolean {
  return spans.some(([a, b]) => a <= s && e <= b);
}

export function partyPlaces(
  text: string, places: PlaceMention[], chosen: (m: PlaceMention) => Place[], insts: Span[], projects: Span[], placeId: (p: Place) => string,
): PartyPlace[] {
  if (places.length === 0) return [];
  const quoted: [number, number][] = [];
  if (/[《“"]/u.test(text)) for (const m of text.matchAll(QUOTED)) quoted.push([m.index, m.index + m[0].length]);
  const named: [number, number][] = [];
  for (const m of insts) named.push([m.start, m.end]);
  for (const m of projects) named.push([m.start, m.end]);
  const out: PartyPlace[] = [];
  let qualifier = -1;
  for (let i = 0; i < places.length; i++) {
    const m = places[i];
    const next = places[i + 1];
    if (inside(m.start, m.end, named) || inside(m.start, m.end, quoted)) continue;
    // 深圳福田区, 贵州铜仁: the second is the party, written from the start of the first
    if (next && next.start === m.end && !m.compound) { if (qualifier < 0) qualifier = m.start; continue; }
    const start = qualifier >= 0 ? qualifier : m.start;
    qualifier = -1;
    // a list of places shares the word before its first member (在铜仁、遵义开展)
    let head = i;
    while (head > 0 && LIST_GAP.test(text.slice(places[head - 1].end, places[head].start))) head--;
    const before = text.slice(Math.max(0, places[head].start - 6), places[head].start);
    // 选派医疗人才赴宁夏: where people are sent is the region helped, not a setting
    const sentTo = SENT_TO_PLACE.test(before) && SENDING.test(text.slice(0, places[head].start));
    if ((LOCATIVE.test(before) && !sentTo) || COUNTED.test(before)) continue;
    const modifier = GENERIC_NOUN.test(text.slice(m.end));
    const picked = chosen(m).filter((p) => p.level !== 'region');
    if (m.compound) {
      // 京津 writes two provinces one character each: each character is a party of its own
      picked.forEach((p, k) => out.push({ id: placeId(p), place: p, start: m.start + k, end: m.start + k + 1, inTitle: false, modifier }));
    } else if (picked.length === 1) {
      out.push({ id: placeId(picked[0]), place: picked[0], start, end: m.end, inTitle: false, modifier });
    }
  }
  // a list shares the noun after its last member (献县、肃宁县的6家县级医院)
  for (let i = out.length - 2; i >= 0; i--) if (out[i + 1].modifier && LIST_GAP.test(text.slice(out[i].end, out[i + 1].start))) out[i].modifier = true;
  return out;
}

const PAIRED = /^(分别)?[与同跟和]$/u;
const SAME_LIST = /^[、和及]$/u;

/**
 * Keeps what a sentence says of places as parties: two regions in a collaboration form, but an
 * institution and a region only when the text joins them (北京安康医院与沧州市合作共建, 杭州市与某科技公司签署):
 * a hospital sending people 到 a county names where they work, not a party. Regions listed together are
 * partners only when they sign together (广东、广西两省区签署); a list that a network covers (覆盖蔚县、
 * 阳原县…的专科联盟) are no pairs.
 */
export function keepPartyRelation(
  r: Relation, text: string, parties: PartyPlace[], insts: SentenceInstitution[],
): boolean {
  const pa = parties.filter((p) => p.id === r.a);
  const pb = parties.filter((p) => p.id === r.b);
  if (pa.length === 0 && pb.length === 0) return false;
  if (pa.length && pb.length) {
    const [x, y] = nearest(pa, pb);
    // the helper of a directed pair is the subject of its clause (北京市…对口支援拉萨市), not an object met earlier (支持雄安新区建设)
    const helper = r.directed ? (r.a === x.id ? x : y) : null;
    // a place standing for its institutions (淮安医疗机构) is a party only as the one a region helps
    if (x.modifier || y.modifier) {
      if (!helper || helper.modifier || (x.modifier && y.modifier)) return false;
    }
    if (helper && !opensClause(text, helper, parties)) return false;
    return r.kind === 'agreement' || !sameList(text, x, y, parties);
  }
  const places = pa.length ? pa : pb;
  const other = insts.filter((m) => m.id === (pa.length ? r.b : r.a));
  return places.some((p) => !p.modifier && other.some((m) => PAIRED.test(m.end <= p.start ? text.slice(m.end, p.start) : text.slice(p.end, m.start))));
}

/** Are two place mentions members of one list (joined only by 、和及 through the places between them)? */
function sameList(text: string, x: PartyPlace, y: PartyPlace, parties: PartyPlace[]): boolean {
  const [first, last] = x.start < y.start ? [x, y] : [y, x];
  const chain = parties.filter((p) => p.start >= first.start && p.end <= last.end).sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < chain.length; i++) {
    const gap = text.slice(chain[i].end, chain[i + 1].start);
    if (gap !== '' && !SAME_LIST.test(gap)) return false;
  }
  return chain.length >= 2;
}

function nearest(pa: PartyPlace[], pb: PartyPlace[]): [PartyPlace, PartyPlace] {
  let best: [PartyPlace, PartyPlace] = [pa[0], pb[0]];
  let gap = Infinity;
  for (const x of pa) for (const y of pb) {
    const d = Math.abs(x.start - y.start);
    if (d < gap) { gap = d; best = [x, y]; }
  }
  return best;
}

/** A verb or preposition right before a place makes it an object (支持雄安新区建设), whoever it is said to help. */
const OBJECT_BEFORE = /(支持|帮扶|支援|援助|援建|服务|助力|推动|覆盖|包括|深化|带动|辐射|为|向|对|给|帮助|指导|托管|进驻|派驻|结对|走进|建设|发展|促进|提升|受援|对口)$/u;

/** Is the place the subject of its clause rather than an object of a verb before it? */
function opensClause(text: string, p: PartyPlace, parties: PartyPlace[]): boolean {
  let head = p;
  // a list shares the word before its first member (河北携手京津: 京津 joins 河北, the subject)
  for (const q of [...parties].reverse()) if (q.end <= head.start && /^([、和及与]|[携联]手|联合|会同)?$/u.test(text.slice(q.end, head.start))) head = q;
  return !OBJECT_BEFORE.test(text.slice(Math.max(0, head.start - 4), head.start));
}
