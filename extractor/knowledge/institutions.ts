// Institution names in one sentence, read by name grammar: an institution suffix, extended left
// over name-like tokens until a function word, a verb of the genre, punctuation or a number.
import {
  COMMAND_NAME_WORDS, COMPANY_NAME_WORDS, GENERIC_HEADS, HOSPITAL_SUFFIXES, KNOWN_ORGS, LEFT_STOP_TOKENS, PROJECT_HEAD_TOKENS, ORG_SUFFIXES, SPECIALTY_HEADS,
} from '../dict/institutions.ts';
import { AFTER_INSTITUTION, type PlaceMention } from './places.ts';
import type { Token } from './segment.ts';
import { isFunctionOrVerb } from './pos.ts';
import { charClass } from './chars.ts';

export type InstitutionType = 'hospital' | 'organization';

export interface InstitutionMention {
  surface: string;
  start: number;
  end: number;
  type: InstitutionType;
  /** Places named at the head of the name (廊坊市大城县医院 → 廊坊市, 大城县). */
  places: PlaceMention[];
  /** 市 / 省 / 自治区 written without a name: the document's own city or province is meant. */
  homePrefix: string | null;
  /** The name without its leading places. */
  core: string;
  /** Institutions written inside this name (天津市肿瘤医院 in 天津市肿瘤医院秦皇岛医院). */
  inner: { surface: string; type: InstitutionType; offset: number }[];
  /** Written inside a book title 《…》. */
  inTitle: boolean;
  /** Recognised from the dictionary of known organisations. */
  known: boolean;
  /** A short form the document declared for this earlier mention (X（以下简称“Y”）… Y): the same institution. */
  declaredFor?: InstitutionMention;
}

const hospitalSet = new Set(HOSPITAL_SUFFIXES);
const ALL_SUFFIXES = [...HOSPITAL_SUFFIXES, ...ORG_SUFFIXES].sort((a, b) => b.length - a.length);
const SUFFIX_ENDS = endingIndex(ALL_SUFFIXES);
const KNOWN_ENDS = endingIndex(Object.keys(KNOWN_ORGS));
/** 1 at the last code unit of any suffix / any known name: one array read rejects most positions. */
const SUFFIX_LAST = lastTable(SUFFIX_ENDS);
const KNOWN_LAST = lastTable(KNOWN_ENDS);

function lastTable(index: Map<number, string[]>): Uint8Array {
  const t = new Uint8Array(65536);
  for (const k of index.keys()) t[k] = 1;
  return t;
}

/** Words by their last character, longest first: a cheap look-up at each character instead of a big alternation. */
function endingIndex(words: string[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    const last = w.charCodeAt(w.length - 1);
    m.set(last, [...(m.get(last) ?? []), w]);
  }
  return m;
}

/** Non-overlapping occurrences of `words`, longest at each end position, scanning left to right. */
function occurrences(text: string, index: Map<number, string[]>, last: Uint8Array): { index: number; word: string }[] {
  const out: { index: number; word: string }[] = [];
  let floor = 0;
  for (let e = 1; e <= text.length; e++) {
    const code = text.charCodeAt(e - 1);
    if (!last[code]) continue;
    const list = index.get(code);
    if (!list) continue;
    for (const w of list) {
      if (!text.startsWith(w, e - w.length)) continue;
      if (e - w.length >= floor) {
        out.push({ index: e - w.length, word: w });
        floor = e;
        break;
      }
      // 医院管理中心 is an office with a hospital word inside: it replaces the 医院 read before it; so does any
      // longer ending that covers the one read before it (卫生健康委 | 员会 → 卫生健康委员会)
      const prev = out.at(-1);
      if (prev && prev.index >= e - w.length && ((!hospitalSet.has(w) && hospitalSet.has(prev.word)) || (hospitalSet.has(w) === hospitalSet.has(prev.word) && w.endsWith(text.slice(prev.index, e))))) {
        out[out.length - 1] = { index: e - w.length, word: w };
        floor = e;
        break;
      }
    }
  }
  return out;
}

const GOVERNMENT = /(政府|委员会|卫健委|卫生健康委|新闻办公室|新闻办)$/u;
const SUB_UNIT = /(医学院|学院|医学部|研究所|研究院|中心)$/u;
/** Abbreviated development zones whose first character the segmenter may cut off as a word of its own. */
const ZONE_WORD = /^(经开区|高新区|开发区|经济区|保税区|综保区)/u;
const COMPANY = /(有限公司|有限责任公司|分公司|(?<!医疗)集团)$/u;

/** Words that may stand inside a name with this suffix although elsewhere they stop one. */
function nameWordsOf(suffix: string): Set<string> | null {
  if (COMPANY.test(suffix)) return COMPANY_NAME_WORDS;
  if (suffix === '指挥部') return COMMAND_NAME_WORDS;
  return null;
}
/** A name opening with its level alone (市卫健委, 特区政府) stands for the document's own place of that level. */
const HOME_PREFIXES = ['自治区', '特别行政区', '特区', '市', '省', '区', '县', '盟'];
/** 各 / 每 open a determiner phrase (各盟市医院, 每家医院): what follows is a kind of institution, never one. */
const DETERMINER = /^(各|每)/u;
const STOP_CHARS = charClass(/[\p{P}\p{S}\s\d０-９一二三四五六七八九十两百千万亿]/u);
const MAX_NAME = 28;
/** Punctuation, symbols, spaces or digits glued to the front of a suffix token end the name there. */
const GLUED_STOP = charClass(/[\p{P}\p{S}\s\d]/u);
const COUNTED = /[0-9０-９一二三四五六七八九十两几多]+[家所个]$|(更多|许多|一些|部分|其他|其它)$/u;
/** 市委 / 唐山市委: party committees, written with the place or with 市 alone for the document's own city. */
const PARTY_COMMITTEE = /(市|省|区|县|自治区)委(?![员会托派屈婉])/gu;
/**
 * A dateline opening a paragraph names the news agency or site that filed the story (人民网成都12月20日电,
 * 新华网西宁7月10日电, 河北日报讯): agency, an optional city and date, then 电 or 讯. It is the page's byline,
 * not a party to the story, so nothing inside it is an institution (counted as byline-agency).
 */
const DATELINE = /^(?!本)(\p{Script=Han}{1,8}?(?:网|社|报|电视台))(?:\p{Script=Han}{2,4}?)?(?:\d{1,2}月\d{1,2}日)?(?:电|讯)/u;

/** What may not follow a suffix for it to end a name (大学生, 医院内). */
const BAD_FOLLOWER: Record<string, RegExp> = { 大学: /^[生城路站]/u, 学院: /^[路站派]/u, 政府: /^[采购]/u };

function suffixOf(word: string): string | null {
  const last = word.charCodeAt(word.length - 1);
  if (!SUFFIX_LAST[last]) return null;
  // only the suffixes sharing the last character, longest first (same order as ALL_SUFFIXES)
  for (const s of SUFFIX_ENDS.get(last)!) if (word.endsWith(s)) return s;
  return null;
}

const typeOf = (suffix: string): InstitutionType => (hospitalSet.has(suffix) ? 'hospital' : 'organization');

/** May a name ending in `outer` run on through an institution ending in `inner`? */
function mayContain(outer: string, inner: string, between: string, betweenIsPlace: boolean): boolean {
  const outerType = typeOf(outer);
  const innerType = typeOf(inner);
  if (/新闻办(公室)?$/u.test(outer) && /政府$/u.test(inner)) return true; // 天津市政府新闻办
  // 雄安新区管理委员会公共服务局, 省卫计委医政医管局: a bureau of the zone or of the commission
  if (/局$/u.test(outer) && /(管理委员会|管委会|卫生健康委员会|卫生健康委|卫健委|卫生和计划生育委员会|卫生计生委|卫计委)$/u.test(inner)) return true;
  if (COMPANY.test(outer) && !GOVERNMENT.test(inner)) return true; // 中国移动通信集团河北有限公司邢台分公司
  if (outer === '医疗集团') return innerType === 'hospital'; // 衡水市人民医院医疗集团: the group of its lead hospital
  if (GOVERNMENT.test(outer) || GOVERNMENT.test(inner)) return false;
  if (outer === '院区' || outer === '分院') return true;
  if (outerType === 'hospital' && innerType === 'organization') return true; // 首都医科大学附属北京朝阳医院
  if (outerType === 'hospital') return betweenIsPlace && between.length > 0; // 北京儿童医院保定医院
  return innerType === 'organization' && SUB_UNIT.test(outer); // 清华大学医学院
}

export function scanInstitutions(
  text: string, tokens: Token[], places: PlaceMention[], reject: (reason: string) => void,
): InstitutionMention[] {
  const known = occurrences(text, KNOWN_ENDS, KNOWN_LAST);
  const suffixes = occurrences(text, SUFFIX_ENDS, SUFFIX_LAST);
  const party = text.includes('委');
  const dateline = DATELINE.exec(text);
  const otherForms = /[一二三四五六七八九]院|中央|共青团/u.test(text);
  if (known.length === 0 && suffixes.length === 0 && !party && !dateline && !otherForms) return [];
  const titleSpans = bookTitleSpans(text);
  const placeAt = new Map(places.map((p) => [p.start, p]));
  const merged = places.length ? units(tokens, placeAt) : tokens;
  const found: InstitutionMention[] = [];
  const bylineEnd = dateline ? dateline[0].length : 0;
  if (dateline) reject('byline-agency');
  for (const m of known) {
    if (m.index < bylineEnd) continue;
    found.push(make(text, m.index, m.index + m.word.length, 'organization', [], titleSpans, placeAt, true));
  }
  PARTY_COMMITTEE.lastIndex = 0; // exec on the shared pattern rather than matchAll's copy of it
  if (party) for (let m = PARTY_COMMITTEE.exec(text); m; m = PARTY_COMMITTEE.exec(text)) {
    const end = m.index + m[0].length;
    const place = [...placeAt.values()].find((p) => p.end === end - 1);
    const start = place ? place.start : m.index;
    if (!place && m.index > 0 && /[城都全本]/u.test(text[m.index - 1])) continue;
    found.push(make(text, start, end, 'organization', [], titleSpans, placeAt, false));
  }
  for (const m of suffixes) {
    if (m.index < bylineEnd) continue;
    const suffix = m.word;
    const end = m.index + suffix.length;
    if (BAD_FOLLOWER[suffix]?.test(text.slice(end, end + 1))) continue;
    const start = extendLeft(text, merged, m.index, suffix, placeAt);
    if (start === null) continue;
    if (COUNTED.test(text.slice(Math.max(0, start - 6), start))) {
      reject('institution-counted-generic'); // 7家河北省医院 / 更多苏州医院: a count of hospitals, not a name
      continue;
    }
    const mention = make(text, start, end, typeOf(suffix), [], titleSpans, placeAt, false);
    // 国家医学中心 is a programme; a place with a name of its own before it (上海某某儿童医学中心) is a hospital
    const placedCentre = mention.places.length > 0 && mention.core.length >= 6 && !/^(国家|区域|省级|市级|省|市)/u.test(mention.core);
    if ((suffix === '医学中心' || suffix === '心血管病中心') && !mention.inner.some((i) => i.type === 'hospital') && !placedCentre) continue;
    if (!isNameLike(mention)) {
      reject('institution-generic');
      continue;
    }
    found.push(mention);
    found.push(...sharedSuffix(text, mention, placeAt, titleSpans));
  }
  if (text.includes('(') || text.includes('（')) found.push(...bracketed(text, found, placeAt, titleSpans));
  if (otherForms) found.push(...nameForms(text, placeAt, titleSpans));
  found.push(...placedBranches(text, found, placeAt, titleSpans));
  return dedupe(found);
}

/** 香港中文大学(深圳)医院, 北京天坛医院(张家口)脑科中心: a place in brackets inside one hospital's name. */
const BRACKET_PLACE = /^[（(](\p{Script=Han}{2,8})[)）](\p{Script=Han}{0,6}?(医院|脑科中心|医学中心|诊疗中心|院区|分院))/u;
/** 某医院国家医学中心(通州院区): a campus in brackets after the name it belongs to. */
// a bracket naming a hospital of its own (北京儿童医院山西医院(山西省儿童医院新院区)) is an alternative name instead
const BRACKET_CAMPUS = /^(\p{Script=Han}{0,8}?中心)?[（(]((?:(?!医院|大学)\p{Script=Han}){2,10}?(院区|分院))[)）]/u;

/** Names printed with brackets that belong to them (the gold keeps them): one hospital spanning the brackets. */
function bracketed(text: string, found: InstitutionMention[], placeAt: Map<number, PlaceMention>, titles: [number, number][]): InstitutionMention[] {
  const out: InstitutionMention[] = [];
  for (const m of found) {
    const rest = text.slice(m.end, m.end + 30);
    const p = BRACKET_PLACE.exec(rest);
    const place = p ? placeAt.get(m.end + 1) : undefined;
    const end = p && place && place.end === m.end + 1 + p[1].length ? m.end + p[0].length : (BRACKET_CAMPUS.exec(rest)?.[0].length ?? -1) + m.end;
    if (end <= m.end) continue;
    const merged = make(text, m.start, end, 'hospital', [], titles, placeAt, false);
    merged.inner = [{ surface: m.surface, type: m.type, offset: m.start }]; // not the bracket's own endings (…医学中心(通州院区)
    out.push(merged);
  }
  return out;
}

/**
 * Names of a form the suffix grammar cannot read:
 * - a hospital's numbered short form, two characters of its name and its number (湘雅二院, 浙大一院), which the
 *   archive-wide alias file (pipeline/resolution) maps to the full name;
 * - the departments of the party centre (中央某部, the 中央…部 of a department) and the Youth League (共青团某省委),
 *   which choose and send the cadres and doctors of paired assistance.
 */
const NUMBERED_HOSPITAL = /(?<![\p{Script=Han}])(\p{Script=Han}{2})[一二三四五六七八九]院(?![区长士校内外部])|(?<=[与和及、同跟在到赴对向为从])(\p{Script=Han}{2})[一二三四五六七八九]院(?![区长士校内外部])/gu;
// pronouns, and counts such as 三校一院 (three schools and a hospital), are no hospital's short form
const NOT_A_NAME = /^(我们|他们|这个|那个|这家|该院|两家|各个|我院|本院|医院|院区|第)|^\p{Script=Han}?[一二三四五六七八九十两]/u;
const CENTRAL_BODY = /(?:中共)?中央(?:组织部|宣传部|统战部|政法委|办公厅)|共青团(?:中央|\p{Script=Han}{2,6}?(?:省|市|自治区)委)/gu;

function nameForms(text: string, placeAt: Map<number, PlaceMention>, titles: [number, number][]): InstitutionMention[] {
  const out: InstitutionMention[] = [];
  for (const m of text.matchAll(NUMBERED_HOSPITAL)) {
    const start = m.index + (m[0].length - ((m[1] ?? m[2]).length + 2));
    const surface = text.slice(start, m.index + m[0].length);
    if (NOT_A_NAME.test(surface)) continue;
    out.push(make(text, start, m.index + m[0].length, 'hospital', [], titles, placeAt, false));
  }
  for (const m of text.matchAll(CENTRAL_BODY)) out.push(make(text, m.index, m.index + m[0].length, 'organization', [], titles, placeAt, false));
  return out;
}

/**
 * 省疾病预防研究院|淮安分院: a branch named by its place right after the institution it belongs to, where the
 * segmenter cut the parent's suffix (研究/院) so the left extension stopped at the place. An institute's
 * branch is an organization, a hospital's a hospital.
 */
function placedBranches(text: string, found: InstitutionMention[], placeAt: Map<number, PlaceMention>, titles: [number, number][]): InstitutionMention[] {
  const out: InstitutionMention[] = [];
  for (const m of found) {
    // 北大三院|秦皇岛医院: a hospital known by a short form, with the place of its branch after it
    const branch = /(分院|院区)$/u.test(m.surface) || (m.type === 'hospital' && m.core === '医院');
    if (!branch || m.places[0]?.start !== m.start) continue;
    const parent = found.find((o) => o.end === m.start && o !== m);
    if (!parent) continue;
    const merged = make(text, parent.start, m.end, parent.type, [], titles, placeAt, false);
    merged.inner = [{ surface: parent.surface, type: parent.type, offset: parent.start }];
    out.push(merged);
  }
  return out;
}

/** Index of the token covering `at` (binary search: tokens are in order). */
function tokenAt(tokens: Token[], at: number): number {
  let lo = 0, hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= at) lo = mid + 1;
    else if (tokens[mid].start > at) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Tokens merged so that a place written over several tokens (任/泽/区) is one unit. */
function units(tokens: Token[], placeAt: Map<number, PlaceMention>): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const p = placeAt.get(tokens[k].start);
    if (p && p.end > tokens[k].end) {
      let j = k;
      while (j + 1 < tokens.length && tokens[j + 1].end <= p.end) j++;
      out.push({ word: tokens.slice(k, j + 1).map((t) => t.word).join(''), start: tokens[k].start, end: tokens[j].end });
      k = j;
    } else out.push(tokens[k]);
  }
  return out;
}

/** A head ending in a category word names a kind of institution, not one (甲等传染病专科医院). */
// a role towards another hospital ends no name either (医学院校教学医院, 省内上级医院)
const GENERIC_TAIL = /(专科|综合|成员|乡镇|牵头|协作|合作|定点|互联网|基层|当地|西医类|中医类|各级|各类|高水平|优质|知名|大型|重点|一流|顶尖|教学|实习|上级|下级)$/u;
// up to the hundreds and thousands, and digit by digit (第一百零二医院, 解放军第二五一医院, 第一〇二医院)
const ORDINAL = /^第[一二三四五六七八九十百千零〇]+$/u;
const NUMERAL = /^[一二三四五六七八九十百千零〇]+$/u;
const LINKING = new Set(['附属', '直属', '驻']);

/** Start of the name ending with `suffix` at `at`, or null when nothing name-like precedes it. */
function extendLeft(text: string, tokens: Token[], at: number, suffix: string, placeAt: Map<number, PlaceMention>): number | null {
  let k = tokenAt(tokens, at);
  if (k < 0) return null;
  let start = tokens[k].start;
  const glued = text.slice(start, at);
  if (start < at && (LEFT_STOP_TOKENS.has(glued) || GLUED_STOP.any(glued) || isFunctionOrVerb(glued))) start = at;
  let afterPlace = placeAt.has(start);
  const nameWords = nameWordsOf(suffix);
  for (k -= 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.end !== start || start - t.start > MAX_NAME) break;
    // 卫健局/和县/医保局: the segmenter glues the conjunction to 县; the name starts after 和
    if (t.word.length > 1 && t.word[0] === '和' && t.start > 0 && AFTER_INSTITUTION.at(text, t.start - 1)) { start = t.start + 1; break; }
    const isPlace = placeAt.get(t.start)?.end === t.end;
    const inner = suffixOf(t.word);
    const numeralBeforeAbbrev = suffix === '附院' && /^[一二三]$/u.test(t.word) && start === at;
    // 临港经开区医院: jieba cuts 经/开区, and 经 alone reads as a preposition; a zone abbreviation is part of the name
    const zone = ZONE_WORD.test(text.slice(t.start, t.start + 3));
    // 陇/原儿童医院: the segmenter cut a two-character name into single characters; 原 (新, 老) after a lone
    // name character is part of the name, not "former"
    const prev = tokens[k - 1];
    const cutName = /^[原新老现]$/u.test(t.word) && !!prev && prev.end === t.start && /^\p{Script=Han}$/u.test(prev.word)
      && !LEFT_STOP_TOKENS.has(prev.word) && !isFunctionOrVerb(prev.word) && !/[市省县区镇乡村院]/u.test(prev.word) && !placeAt.has(prev.start);
    if (!isPlace && !inner && !numeralBeforeAbbrev && !nameWords?.has(t.word) && !zone && !cutName) {
      // 第/三 as two tokens is the ordinal 第三
      if (LEFT_STOP_TOKENS.has(t.word) || PROJECT_HEAD_TOKENS.has(t.word) || ((STOP_CHARS.any(t.word) || isFunctionOrVerb(t.word)) && !isOrdinal(text, tokens, k))) break;
      // once a place heads the name, only more places, linking words or a parent institution come before it
      if (afterPlace && !LINKING.has(t.word)) break;
    }
    if (inner && t.word !== suffix) {
      const between = text.slice(t.end, at);
      if (!mayContain(suffix, inner, between, isPlacePrefix(between, t.end, placeAt))) break;
    }
    afterPlace = isPlace || (afterPlace && LINKING.has(t.word));
    start = t.start;
  }
  return start;
}

/** 第三 as one token, or cut into several (第/三, 第/八百/零/二, 第二/五一): an ordinal, part of the name (第三医院). */
function isOrdinal(text: string, tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (ORDINAL.test(t.word) || (t.word === '第' && NUMERAL.test(text.slice(t.end, t.end + 1)))) return true;
  if (!NUMERAL.test(t.word)) return false;
  let j = k - 1;
  while (j >= 0 && NUMERAL.test(tokens[j].word) && tokens[j].end === tokens[j + 1].start) j--;
  return j >= 0 && tokens[j].end === tokens[j + 1].start && (tokens[j].word === '第' || ORDINAL.test(tokens[j].word));
}

/** The text between an inner name and the suffix is a place (保定 in 北京儿童医院保定医院). */
function isPlacePrefix(between: string, offset: number, placeAt: Map<number, PlaceMention>): boolean {
  let i = offset;
  const end = offset + between.length;
  while (i < end) {
    const p = placeAt.get(i);
    if (!p) return false;
    i = p.end;
  }
  return i === end;
}

function make(
  text: string, start: number, end: number, type: InstitutionType, inner: InstitutionMention['inner'],
  titles: [number, number][], placeAt: Map<number, PlaceMention>, known: boolean,
): InstitutionMention {
  const surface = text.slice(start, end);
  const heads: PlaceMention[] = [];
  let i = start;
  while (placeAt.has(i) && placeAt.get(i)!.end <= end) {
    heads.push(placeAt.get(i)!);
    i = placeAt.get(i)!.end;
  }
  let core = text.slice(i, end);
  let homePrefix: string | null = null;
  if (heads.length === 0) {
    let p: string | undefined;
    for (const h of HOME_PREFIXES) if (core.startsWith(h) && core.length > h.length + 1) { p = h; break; }
    if (p) {
      homePrefix = p;
      core = core.slice(p.length);
    }
  }
  // inner institutions (for branch_of): names ending with a suffix strictly inside this one
  const found: InstitutionMention['inner'] = [...inner];
  for (const m of occurrences(surface, SUFFIX_ENDS, SUFFIX_LAST)) {
    const e = m.index + m.word.length;
    if (e < surface.length && e > 2) found.push({ surface: surface.slice(0, e), type: typeOf(m.word), offset: start });
  }
  let inTitle = false;
  for (const [a, b] of titles) if (start >= a && end <= b) { inTitle = true; break; }
  return { surface, start, end, type, places: heads, homePrefix, core, inner: found, inTitle, known };
}

/** A name needs a place, a home prefix, or a head that is more than generic words and specialties. */
function isNameLike(m: InstitutionMention): boolean {
  // 京津 / 京蒙 name provinces only as abbreviations: they do not make 京津大医院 a name
  const suffixOfCore = suffixOf(m.core) ?? '';
  // 京津冀医院(管理论坛): a region term is no hospital's home; a name needs a head or an administrative place
  if (m.places.length > 0 && m.core === suffixOfCore && m.places.every((p) => p.candidates.every((c) => c.level === 'region'))) return false;
  // 铜仁乡镇卫生院 / 保定市县级医院: a place before a level of the health system is still no name
  const placedHead = m.core.slice(0, m.core.length - suffixOfCore.length);
  if (m.places.some((p) => !p.compound) && placedHead && (GENERIC_HEADS.has(placedHead) || DETERMINER.test(placedHead))) return false;
  if (m.places.some((p) => !p.compound)) return true;
  if (m.places.length > 0) return false;
  const suffix = suffixOf(m.core) ?? '';
  const head = m.core.slice(0, m.core.length - suffix.length);
  if (DETERMINER.test(head)) return false;
  // 市属医院 / 市级医院: a level of the health system, not the name of one hospital
  if (m.homePrefix) return GOVERNMENT.test(suffix) || (!GENERIC_HEADS.has(head) && !GENERIC_TAIL.test(head) && !GENERIC_HEADS.has(m.homePrefix + head) && (head.length > 0 || suffix.length > 2));
  if (head.length === 0) return suffix === '总医院';
  if (GENERIC_HEADS.has(head) || GENERIC_TAIL.test(head)) return false;
  if (SPECIALTY_HEADS.has(head)) return /附院$/u.test(suffix) || head === '总';
  if (head.length === 1) return false;
  return true;
}

/** 北京市、河北省卫生健康委 → the suffix belongs to each place of the enumeration. */
function sharedSuffix(
  text: string, m: InstitutionMention, placeAt: Map<number, PlaceMention>, titles: [number, number][],
): InstitutionMention[] {
  if (m.places.length !== 1 || m.places[0].start !== m.start || m.type !== 'organization') return [];
  const suffix = text.slice(m.places[0].end, m.end);
  const out: InstitutionMention[] = [];
  let cursor = m.start;
  while (cursor > 0 && /[、和及与]/u.test(text[cursor - 1])) {
    const prev = [...placeAt.values()].find((p) => p.end === cursor - 1);
    if (!prev) break;
    const synthetic = { ...make(text, prev.start, prev.end, m.type, [], titles, placeAt, false) };
    synthetic.surface = prev.form + suffix;
    synthetic.core = suffix;
    synthetic.places = [prev];
    out.push(synthetic);
    cursor = prev.start;
    if (text[cursor - 1] === '与') break;
  }
  return out;
}

function bookTitleSpans(text: string): [number, number][] {
  if (!text.includes('《')) return [];
  const spans: [number, number][] = [];
  const re = /《[^《》]{1,200}》/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Drops mentions inside a longer one; known organisations win ties. */
function dedupe(list: InstitutionMention[]): InstitutionMention[] {
  const sorted = [...list].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: InstitutionMention[] = [];
  for (const m of sorted) {
    let skip = false;
    for (const o of out) {
      if ((o.start <= m.start && m.end <= o.end && o.surface !== m.surface) || (o.start === m.start && o.end === m.end)) { skip = true; break; }
    }
    if (skip) continue;
    // a synthetic name (shared suffix) shares offsets with its place only
    out.push(m);
  }
  return out; // already in order of start: it was filled from `sorted`
}
