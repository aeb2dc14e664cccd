// Knowledge extraction: institutions, places, projects, people, figures and collaborations from one
// article body, each with provenance (sentence index and offsets into the body) and a confidence.
import { z } from 'zod';
import type { Entity, Figure, Knowledge, Provenance, Relation } from '../types.ts';
import { homePlaces, primaryActor, resolvePlaceMentions } from './context.ts';
import { isPlan, sentenceDate } from './dates.ts';
import { KnowledgeInputError } from './errors.ts';
import { scanFigures } from './figures.ts';
import { gazetteer, type Place } from './gazetteer.ts';
import { scanInstitutions, type InstitutionMention } from './institutions.ts';
import { scanPeople, type PersonMention } from './people.ts';
import { scanPlaces, type PlaceMention } from './places.ts';
import { projectEntities, scanProjects, type ProjectMention } from './projects.ts';
import { scanProgrammes } from './programmes.ts';
import { addPrintedAliases } from './printed.ts';
import { applyShortForms } from './shortforms.ts';
import { collaborations, kindsOf, type SentenceInstitution } from './relations.ts';
import { homePlaceFor } from './resolve.ts';
import { resolveInstitutions, type ResolvedMention } from './resolve.ts';
import { splitSentences, tokenize, tokenizeSentences, type Sentence } from './segment.ts';
import { linkRelations, placeEntities, placeId } from './links.ts';
import { keepPartyRelation, partyPlaces } from './parties.ts';

export { KnowledgeInputError } from './errors.ts';
export { resolveSurface, abbreviates } from './resolve.ts';
export { gazetteer } from './gazetteer.ts';
export { loadSegmenter } from './segment.ts';
export { toEvalJson } from './eval.ts';

export interface KnowledgeArticle {
  body: string; published: string | null; title?: string; source?: string | null;
  /** The body as the page printed it (traditional characters, pinyin): its forms of the names become aliases. */
  bodyOriginal?: string;
}

/** Options of extractKnowledge. */
export interface KnowledgeOptions {
  /** Longest body accepted, in characters; longer bodies are refused with KnowledgeInputError. Default 2,000,000. */
  maxBodyChars?: number;
  /** Smallest confidence kept for a relation or figure. Default 0. */
  minConfidence?: number;
}

const OptionsSchema = z.strictObject({
  maxBodyChars: z.number().int().positive().default(2_000_000),
  minConfidence: z.number().min(0).max(1).default(0),
});

const DEFAULTS = OptionsSchema.parse({});

/** 这所医院 / 该院 at the head of a sentence: the institution the previous sentence was about. */
const ANAPHOR = /^(这所|这家|该所|该中心|该医院|该院)/u;
/** Prepositions and verbs of help before a name: what follows the name is not said of it (由甲输出管理，规划床位1000张). */
const NOT_SUBJECT_BEFORE = /(由|以|与|同|和|跟|对|向|为|从|经|被|让|给|依托|帮助|协助)$/u;
/** A new name given in the sentence (更名为, 改名为, 挂牌为, 正式命名为). */
const RENAMED_TO = /(更名为|改名为|挂牌为|命名为)$/u;
/** A date or time before the subject (10月18日,雄安宣武医院…). */
const DATE_OPENING = /^[\d年月日号上下午晚,，\s]*$/u;

interface Parsed { s: Sentence; places: PlaceMention[]; insts: InstitutionMention[]; people: PersonMention[]; projects: ProjectMention[] }

export function extractKnowledge(article: KnowledgeArticle, opts: KnowledgeOptions = {}): Knowledge {
  const o = Object.keys(opts).length === 0 ? DEFAULTS : OptionsSchema.parse(opts);
  if (!article || typeof article.body !== 'string') throw new KnowledgeInputError('article.body must be a string');
  if (article.body.length > o.maxBodyChars) throw new KnowledgeInputError(`body of ${article.body.length} characters exceeds maxBodyChars ${o.maxBodyChars}`);
  const body = article.body;
  const rejected: Record<string, number> = {};
  const reject = (reason: string) => { rejected[reason] = (rejected[reason] ?? 0) + 1; };
  const g = gazetteer();
  const sentences = splitSentences(body);
  const tokenLists = tokenizeSentences(body, sentences);
  const weakPlaces: PlaceMention[][] = [];
  const parsed: Parsed[] = sentences.map((s, i) => {
    const tokens = tokenLists[i];
    const places = scanPlaces(s.text, tokens, g, (weakPlaces[i] = []));
    const insts = builtCentres(s.text, scanInstitutions(s.text, tokens, places, reject), reject);
    const projects = scanProjects(s.text, tokens, { institutions: insts, places }, reject);
    // a programme inside a longer project name (沪滇协作医务人员进修班) is part of that name
    for (const m of scanProgrammes(s.text)) if (!projects.some((x) => x.start <= m.start && m.end <= x.end)) projects.push(m);
    return { s, places, insts, people: scanPeople(s.text, tokens, [...places, ...insts], reject), projects };
  });
  applyShortForms(parsed.map((p) => ({ text: p.s.text, insts: p.insts })));
  acceptNamedShortForms(parsed, weakPlaces);
  const chosen = resolvePlaceMentions(g, parsed.map((p) => p.places));
  const counts = new Map<string, number>();
  const bump = (c: string, n: number) => counts.set(c, (counts.get(c) ?? 0) + n);
  // 京蒙 names two provinces at once: it says nothing of which one the document is at home in
  for (const [m, places] of chosen) if (!m.compound) for (const p of places) bump(p.code, 1);
  for (const extra of [article.title, article.source]) {
    if (!extra) continue;
    const tokens = tokenize(extra);
    for (const m of scanPlaces(extra, tokens, g)) if (m.candidates.length === 1) bump(m.candidates[0].code, 2);
  }
  const home = homePlaces(g, counts);
  const prov = (i: number, start: number, end: number): Provenance => ({ sentence: i, start: parsed[i].s.start + start, end: parsed[i].s.start + end });
  // plain loops over the per-sentence lists: no intermediate arrays per sentence and mention
  const resolvedMentions: ResolvedMention[] = [];
  const placeList: { m: PlaceMention; places: Place[]; prov: Provenance }[] = [];
  const projectList: { name: string; prov: Provenance; conf: number }[] = [];
  const personList: { m: PersonMention; prov: Provenance }[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i];
    for (const m of p.insts) {
      const places: Place[] = [];
      for (const pm of m.places) { const c = chosen.get(pm); if (c) for (const x of c) places.push(x); }
      resolvedMentions.push({ mention: m, prov: prov(i, m.start, m.end), places });
    }
    for (const m of p.places) placeList.push({ m, places: chosen.get(m) ?? [], prov: prov(i, m.start, m.end) });
    for (const m of p.projects) projectList.push({ name: m.name, prov: prov(i, m.start, m.end), conf: m.quoted ? 0.8 : 0.6 });
    for (const m of p.people) personList.push({ m, prov: prov(i, m.start, m.end) });
  }
  const { entities: institutions, idOf } = resolveInstitutions(resolvedMentions, home, g, (pv) => body.slice(pv.start, pv.end), reject);
  const entities: Entity[] = [...placeEntities(placeList), ...institutions];
  // a short form declared for an institution (以下简称“某某中心”) names that institution, not a project
  const instNames = new Set(institutions.flatMap((e) => [e.name, ...e.aliases]));
  entities.push(...projectEntities(projectList).filter((e) => !instNames.has(e.name)));
  entities.push(...people(personList));
  const primary = primaryActor(institutions, body, article.source, article.title);
  const provinces = new Map<string, string>();
  for (const rm of resolvedMentions) {
    const id = idOf.get(rm.mention);
    const place = rm.places.filter((p) => p.level !== 'region').at(-1) ?? homePlaceFor(rm.mention.homePrefix, home);
    if (id && place && !provinces.has(id)) provinces.set(id, [place.code, ...g.ancestors(place.code)].find((c) => g.byCode.get(c)?.level === 'province') ?? place.code);
  }
  const provinceOf = (id: string) => provinces.get(id) ?? null;
  const figures: Figure[] = [];
  const relations: Relation[] = [];
  const byId = new Map(institutions.map((e) => [e.id, e]));
  const partyMentions = new Map<string, { place: Place; provs: Provenance[] }>();
  let carried: string | null = null;
  let carriedParagraph = -1;
  parsed.forEach((p, i) => {
    const mentions: SentenceInstitution[] = [];
    for (const m of p.insts) { const id = idOf.get(m); if (id !== undefined) mentions.push({ id, start: m.start, end: m.end, inTitle: m.inTitle }); }
    // 该中心… opening a paragraph points back to the subject the previous paragraph ended on
    const opensParagraph = carriedParagraph === p.s.paragraph - 1 && parsed[i - 1]?.s.paragraph !== p.s.paragraph;
    const anaphor = ANAPHOR.test(p.s.text) && (carriedParagraph === p.s.paragraph || opensParagraph) ? carried : null;
    const selfRef = !anaphor && (/^(医院|我院|本院|我委|该院|院)/u.test(p.s.text) || /我委|我院|本院/u.test(p.s.text.slice(0, mentions[0]?.start ?? p.s.text.length)));
    const implicit = anaphor ?? (selfRef ? primary : (carriedParagraph === p.s.paragraph ? carried : null) ?? primary);
    const date = mentions.length || /\d/u.test(p.s.text) ? sentenceDate(p.s.text, article.published) : null;
    // regions acting as parties join the institutions of the sentence, in text order
    // most sentences state no collaboration: the kinds of one are read once, and places only where there are some
    // a region is a party only beside another party: one place alone in a sentence with no institution states no pair
    const partyPossible = p.places.length > 1 || (p.places.length === 1 && (mentions.length > 0 || p.places[0].compound));
    const kinds = mentions.length || partyPossible ? kindsOf(p.s.text) : [];
    const parties = kinds.length && p.places.length ? partyPlaces(p.s.text, p.places, (m) => chosen.get(m) ?? [], p.insts, p.projects, placeId) : [];
    // a region opening the sentence is its subject (天津市与省人民政府签署): no unnamed actor stands in for it
    const regionLeads = parties.some((x) => !x.modifier && x.start < (mentions[0]?.start ?? Infinity) && DATE_OPENING.test(p.s.text.slice(0, x.start)));
    const plan = kinds.length ? isPlan(p.s.text) : false;
    if (mentions.length && kinds.length) relations.push(...collaborations({ text: p.s.text, sentence: i, base: p.s.start, mentions, implicitSubject: regionLeads ? null : implicit, date, plan, provinceOf, kinds }));
    // a second reading with the regions in it keeps only what it says of them: institution pairs stay as read above
    if (parties.length && parties.length + mentions.length >= 2) {
      const all = [...mentions, ...parties].sort((a, b) => a.start - b.start);
      for (const r of collaborations({ text: p.s.text, sentence: i, base: p.s.start, mentions: all, implicitSubject: implicit, date: date ?? sentenceDate(p.s.text, article.published), plan, provinceOf, kinds })) {
        if (!r.a.startsWith('place:') && !r.b.startsWith('place:')) continue;
        if (!keepPartyRelation(r, p.s.text, parties, mentions)) { reject('place-party-unjoined'); continue; }
        relations.push(r);
        for (const end of [r.a, r.b]) {
          const party = parties.find((x) => x.id === end);
          if (party) (partyMentions.get(end) ?? partyMentions.set(end, { place: party.place, provs: [] }).get(end)!).provs.push(prov(i, party.start, party.end));
        }
      }
    }
    figures.push(...scanFigures(p.s.text, i, p.s.start, {
      subjectAt: (at) => {
        let before: SentenceInstitution | undefined;
        // an agent or partner written after a preposition (由甲输出管理, 以乙为依托, 与丙合作) is no subject of what follows
        for (const m of mentions) if (m.end <= at && !NOT_SUBJECT_BEFORE.test(p.s.text.slice(Math.max(0, m.start - 2), m.start))) before = m;
        const id = before?.id ?? implicit;
        const e = id ? byId.get(id) : undefined;
        return e ? { id: e.id, name: e.name } : null;
      },
      time: date,
    }, reject, `fig:${i}:`));
    const lead = mentions[0];
    // the sentence's subject, when it opens the sentence (after a date at most) or is referred to again
    // 在A的帮助下，B…: the helper opens the sentence, but B is its subject
    const helperOpens = lead && /^在$/u.test(p.s.text.slice(0, lead.start)) && /^的?[^，,；;。]{0,4}下[，,]/u.test(p.s.text.slice(lead.end)) && mentions[1];
    const subject = helperOpens ? mentions[1] : lead;
    // …更名为X / 挂牌为X: what the next sentence calls 该院 is X, the institution under its new name
    const renamed = mentions.find((m) => RENAMED_TO.test(p.s.text.slice(Math.max(0, m.start - 4), m.start)));
    carried = renamed ? renamed.id
      : subject && (subject === mentions[1] || lead.start <= 4 || DATE_OPENING.test(p.s.text.slice(0, lead.start))) ? subject.id : anaphor ?? (selfRef ? primary : null);
    carriedParagraph = p.s.paragraph;
  });
  relations.push(...linkRelations(g, entities, resolvedMentions, idOf, home));
  addPrintedAliases(entities, body, article.bodyOriginal);
  underProgrammes(relations, parsed, entities);
  // a region written only as an abbreviation (京津) is a party but named nowhere else: its node comes from the relation
  const known = new Set(entities.map((e) => e.id));
  for (const [id, { place, provs }] of partyMentions) {
    if (known.has(id)) continue;
    entities.push({ id, type: 'place', name: place.name, aliases: [], code: place.code, level: place.level, mentions: provs, confidence: 0.6 });
  }
  return {
    sentences: parsed.map((p) => p.s.text),
    entities,
    figures: onceEach(figures, body, reject).filter((f) => f.confidence >= o.minConfidence),
    relations: relations.filter((r) => r.confidence >= o.minConfidence),
    rejected,
  };
}

/**
 * A collaboration stated in a sentence that names a programme (在沪滇协作框架下, 通过“组团式”支援) happens under it:
 * the programme is preferred to other projects of the sentence, which the pair may only be building.
 */
function underProgrammes(relations: Relation[], parsed: Parsed[], entities: Entity[]): void {
  const idOfName = new Map<string, string>();
  for (const e of entities) if (e.type === 'project') for (const n of [e.name, ...e.aliases]) idOfName.set(n, e.id);
  for (const r of relations) {
    if (r.type !== 'collaboration') continue;
    const projects = parsed[r.provenance.sentence]?.projects ?? [];
    const named = projects.find((m) => m.programme) ?? projects[0];
    const id = named ? idOfName.get(named.name) : undefined;
    if (id) r.project = id;
  }
}

/** 共建“保定市精神卫生中心”: a quoted centre being built is a project, not yet an institution. */
const BUILDS_QUOTED = /(共建|合作共建|建设|打造|筹建|新建|成立)“$/u;
function builtCentres(text: string, insts: InstitutionMention[], reject: (reason: string) => void): InstitutionMention[] {
  if (!text.includes('“')) return insts;
  return insts.filter((m) => {
    const built = text[m.end] === '”' && BUILDS_QUOTED.test(text.slice(Math.max(0, m.start - 5), m.start));
    if (built) reject('institution-centre-being-built');
    return !built;
  });
}

/**
 * A figure repeated verbatim (a caption, 6名援疆护士 then 6名援疆护士代表发言) is one figure: the same value and
 * unit counting the same noun (its first two characters after the unit) keep the first mention.
 */
function onceEach(figures: Figure[], body: string, reject: (reason: string) => void): Figure[] {
  const seen = new Set<string>();
  return figures.filter((f) => {
    const noun = body.slice(f.provenance.end, f.provenance.end + 2);
    if (!/^\p{Script=Han}{2}$/u.test(noun)) return true;
    const key = `${f.value}|${f.unit}|${noun}`;
    if (seen.has(key)) { reject('figure-repeated'); return false; }
    seen.add(key);
    return true;
  });
}

/** A county's bare short form (察隅) is a place where the document also names the county in full (察隅县人民医院). */
function acceptNamedShortForms(parsed: Parsed[], weakPlaces: PlaceMention[][]): void {
  const named = new Set<string>();
  for (const p of parsed) for (const m of p.places) if (m.candidates.length === 1) named.add(m.candidates[0].code);
  parsed.forEach((p, i) => {
    const extra = weakPlaces[i].filter((w) => named.has(w.candidates[0].code) && !p.insts.some((m) => m.start < w.end && w.start < m.end) && !p.places.some((m) => m.start < w.end && w.start < m.end));
    if (extra.length) p.places = [...p.places, ...extra].sort((a, b) => a.start - b.start);
  });
}

function people(list: { m: PersonMention; prov: Provenance }[]): Entity[] {
  const byName = new Map<string, Entity>();
  for (const { m, prov } of list) {
    const e = byName.get(m.name) ?? { id: `person:${m.name}`, type: 'person' as const, name: m.name, aliases: [], role: m.role, mentions: [], confidence: 0.7 };
    if ((m.role?.length ?? 0) > (e.role?.length ?? 0)) e.role = m.role;
    const bare = m.role.replace(/^.*?(总书记|书记|主任|院长|教授)$/u, '$1');
    if (bare === '总书记' && !e.aliases.includes(bare)) e.aliases.push(bare);
    e.mentions.push(prov);
    byName.set(m.name, e);
  }
  return [...byName.values()];
}

export type { Place };
