// Named programmes, projects, alliances, platforms and centre-building efforts, read by name grammar:
// a project head (计划, 工程, 联盟, 医联体 …) extended left over the name, then judged on what the name
// is made of. Refused candidates are counted by reason; accepted ones become one entity per project.
import { LEFT_STOP_TOKENS } from '../dict/institutions.ts';
import {
  BRANCH_HEADS, CATEGORY_TAIL, COUNTED_MODIFIER, GENERIC_MODIFIERS, JOINT_ONLY_HEADS, NATIONAL_WORDS, PROGRAMME_TEAM,
  PROJECT_HEADS, SPECIALTY_VERBS, TEAM_HEAD, WEAK_HEADS,
} from '../dict/projects.ts';
import type { Entity, Provenance } from '../types.ts';
import type { InstitutionMention } from './institutions.ts';
import type { PlaceMention } from './places.ts';
import type { Token } from './segment.ts';
import { isFunctionOrVerb } from './pos.ts';
import { charClass } from './chars.ts';
import { programmeKey } from './programmes.ts';

export interface ProjectMention {
  name: string; start: number; end: number; quoted: boolean;
  /** A programme of regional collaboration (programmes.ts), which collaborations happen under. */
  programme?: boolean;
}

/** What the other scanners found in the sentence: places and institutions are read as whole units of a name. */
export interface ProjectContext { institutions: InstitutionMention[]; places: PlaceMention[] }

/** A possible project: the name runs start..end, its head headStart..end; span is what provenance covers. */
interface Candidate {
  start: number;
  headStart: number;
  end: number;
  spanStart: number;
  spanEnd: number;
  /** 'whole': the name is written in quotes; 'lead': quotes open it (“三校一院”交钥匙项目). */
  quoted: 'whole' | 'lead' | null;
  /** Partners joined by dashes (甲—乙—丙中心). */
  joint: boolean;
  /** A branch under a parent project (…联盟|天津|协作组). */
  parent: boolean;
}

/**
 * proper: an institution, quotes or 国家 (names, and is content); place: names, but says nothing of what;
 * generic: a word of GENERIC_MODIFIERS; filler: a verb or a single character, no name of its own.
 */
type UnitKind = 'proper' | 'place' | 'content' | 'generic' | 'filler' | 'counted';
interface Unit { start: number; end: number; kind: UnitKind }

// longest first, so 专科联盟 is found before 联盟 and 分中心 before 中心
const HEADS = [...PROJECT_HEADS, ...JOINT_ONLY_HEADS, ...BRANCH_HEADS].sort((a, b) => b.length - a.length);
const HEAD_LAST = new Uint8Array(65536);
for (const h of HEADS) HEAD_LAST[h.charCodeAt(h.length - 1)] = 1;
const JOINT_ONLY = new Set(JOINT_ONLY_HEADS);
const QUOTED_HEADS = [...PROJECT_HEADS, ...JOINT_ONLY_HEADS].sort((a, b) => b.length - a.length);
const BRANCH = new Set(BRANCH_HEADS);
const STOP = charClass(/[\p{P}\p{S}\s\d一二三四五六七八九十两]/u);
const PUNCT_ONLY = /^[\p{P}\p{S}\s]+$/u;
/** A quoted name, or quotes that open one (“三校一院”交钥匙项目); a conjunction ends that tail (“甲”和乙行动). */
const QUOTED = /“([^“”]{2,30})”((?:(?![和与及或、的等])\p{Script=Han}){0,8}?(平台|计划|工程|项目|联盟|行动|活动))?/gu;
/** One dash between the partners of a joint name; a doubled dash (——) sets off an aside instead. */
const DASHES = new Set(['—', '－', '–', '-', '―']);
const HAN = /\p{Script=Han}/u;
/** Numbers joined by a sign (1+1+1, 3×3): a formula that names a model, not a count. */
const FORMULA = /[0-9０-９一二三四五六七八九十][+＋×][0-9０-９一二三四五六七八九十]/u;
/** Words that join the items of an enumeration sharing one head (甲医院、乙医院和丙医院项目); 与 joins partners instead. */
const ENUM_JOINERS = new Set(['、', '和', '及']);
/** 新 before a campus or building is part of a building project's name (某医院新院区项目). */
const NEW_BUILDING = /^新(院区|院址|园区|大楼|校区)/u;
/** The span of a plan is part of its name (京蒙医疗卫生协作三年行动计划); alone it is refused as counted. */
const PLAN_SPAN = /^[一二三四五六七八九十两]+年$/u;
/** 检测与救治中心: 与 / 和 between two activities is inside one name. */
const ACTIVITY_PAIR = /^(检测|监测|预防|控制|救治|治疗|诊断|研究|转化|康复|护理|培训|教学|防治|筛查|评价|管理)$/u;
const MAX_NAME = 30;
const PHASE = /^[一二三四五六七八九]期$/u;
const PHASED_NAME = /^(.+?)[一二三四五六七八九]期(项目|工程)$/u;
const BARE_PHASE = /(?<![\p{Script=Han}])[一二三四五六七八九]期(项目|工程)|(?<=[、，,和及])[一二三四五六七八九]期(项目|工程)/gu;
const LOCATIVE = new Set(['内', '中']);

/** The longest head ending at `end` of the text. */
function headEndingAt(text: string, end: number): string | undefined {
  for (const h of HEADS) if (end >= h.length && text.startsWith(h, end - h.length)) return h;
  return undefined;
}

function endsWithProjectHead(word: string): boolean {
  for (const h of PROJECT_HEADS) if (word.endsWith(h) && h !== TEAM_HEAD) return true;
  return false;
}

/** Does a mention already found cover start..end? */
function covered(out: { start: number; end: number }[], start: number, end: number): boolean {
  for (const o of out) if (o.start <= start && end <= o.end) return true;
  return false;
}

/** What one sentence's scan has found and refused so far. */
interface Scan {
  text: string; tokens: Token[]; ctx: ProjectContext;
  accepted: ProjectMention[];
  /** One refusal per name end: the quoted and the plain reading of one name are one candidate. */
  refused: Map<number, { start: number; end: number; reason: string }>;
}

// Module functions rather than closures made per sentence: the product runs through tsx, whose keepNames
// costs a defineProperty for every named closure.
/** Keeps a name unless a longer one covers it; drops the shorter ones it covers. */
function accept(accepted: ProjectMention[], name: string, start: number, end: number, quoted: boolean): void {
  if (covered(accepted, start, end)) return;
  for (let j = accepted.length - 1; j >= 0; j--) if (start <= accepted[j].start && accepted[j].end <= end) accepted.splice(j, 1);
  accepted.push({ name, start, end, quoted });
}

/** Judges a candidate: accepted under the name `name` gives from where the name starts, or refused with a reason. */
function consider(scan: Scan, c: Candidate, name: (start: number) => string): boolean {
  const verdict = judge(scan.text, scan.tokens, c, scan.ctx);
  if (typeof verdict === 'string') {
    if (!scan.refused.has(c.end)) scan.refused.set(c.end, { start: c.spanStart, end: c.spanEnd, reason: verdict });
    return false;
  }
  accept(scan.accepted, name(verdict), c.quoted ? c.spanStart : verdict, c.spanEnd, c.quoted !== null);
  return true;
}

export function scanProjects(
  text: string, tokens: Token[], ctx: ProjectContext, reject: (reason: string) => void,
): ProjectMention[] {
  const accepted: ProjectMention[] = [];
  const quotedSpans: { start: number; end: number }[] = [];
  /** One refusal per name end: the quoted and the plain reading of one name are one candidate. */
  const refused = new Map<number, { start: number; end: number; reason: string }>();
  // built on the first candidate: most sentences name no project
  let instEnding: Map<number, InstitutionMention> | null = null;
  let placeEnding: Map<number, PlaceMention> | null = null;
  const scan: Scan = { text, tokens, ctx, accepted, refused };

  QUOTED.lastIndex = 0; // exec on the shared pattern rather than matchAll's copy of it
  if (text.includes('“')) for (let m = QUOTED.exec(text); m; m = QUOTED.exec(text)) {
    const spanStart = m.index, spanEnd = m.index + m[0].length;
    if (m[2]) {
      const c: Candidate = { start: spanStart, headStart: spanEnd - m[3].length, end: spanEnd, spanStart, spanEnd, quoted: 'lead', joint: false, parent: false };
      consider(scan, c, () => `“${m![1]}”${m![2]}`);
    } else {
      // a quoted name may end in 中心 (“京蒙合作胸痛中心”): the quotes say it is a name
      const head = QUOTED_HEADS.find((h) => m![1].endsWith(h));
      if (!head || m[1].length < head.length + 2) continue; // one character and a head (“微中心”) name nothing, as unquoted
      const end = spanStart + 1 + m[1].length;
      consider(scan, { start: spanStart + 1, headStart: end - head.length, end, spanStart, spanEnd, quoted: 'whole', joint: false, parent: false }, () => m![1]);
    }
    quotedSpans.push({ start: spanStart, end: spanEnd });
  }

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    // 综合体内 / 医联体内: a locative glued to the head by the segmenter is no part of the name
    const end = t.word.length > 1 && LOCATIVE.has(t.word[t.word.length - 1]) ? t.end - 1 : t.end;
    if (!HEAD_LAST[text.charCodeAt(end - 1)]) continue;
    const head = headEndingAt(text, end);
    if (!head) continue;
    const headStart = end - head.length;
    // 中心 counts only in a joint name: without a dash before it there is nothing to read
    if (JOINT_ONLY.has(head) && !hasDash(text, headStart)) continue;
    if (covered(quotedSpans, headStart, end)) continue;
    // 某医院国家医学中心(通州院区): a head inside a hospital's bracketed name ends no project
    if (ctx.institutions.some((i) => i.start <= headStart && end < i.end && text.slice(end, i.end).includes('('))) continue;
    const inInstitution = ctx.institutions.find((i) => i.start <= headStart && end === i.end);
    if (inInstitution) {
      // 北京协和医院澳门医学中心: the head ends an institution's own name
      if (endsWithProjectHead(head) && !refused.has(end)) refused.set(end, { start: inInstitution.start, end, reason: 'project-is-institution' });
      continue;
    }
    let first = k;
    while (first > 0 && tokens[first].start > headStart) first--;
    if (!instEnding || !placeEnding) {
      instEnding = new Map();
      for (const m of ctx.institutions) if (!instEnding.has(m.end) || instEnding.get(m.end)!.start > m.start) instEnding.set(m.end, m);
      placeEnding = new Map();
      for (const p of ctx.places) placeEnding.set(p.end, p);
    }
    const ext = extendLeft(text, tokens, first, end, headStart, instEnding, placeEnding);
    // 中心 names a project only as a joint centre of dash-joined partners; 分中心 / 片区 only after <project><place>
    if (JOINT_ONLY.has(head) && !ext.joint) continue;
    if (BRANCH.has(head) && !ext.parent) continue;
    if (headStart - ext.start < 2) {
      // a bare head (项目, 医联体) names nothing; after a count (三项行动, 两个项目) it is a counted list
      const before = first > 0 && tokens[first - 1].end === ext.start ? tokens[first - 1].word : '';
      if (ext.start === tokens[first].start && COUNTED_MODIFIER.test(before) && !refused.has(end)) refused.set(end, { start: tokens[first - 1].start, end, reason: 'project-counted' });
      continue;
    }
    const c: Candidate = { start: ext.start, headStart, end, spanStart: ext.start, spanEnd: end, quoted: null, joint: ext.joint, parent: ext.parent };
    if (covered(accepted, c.start, c.end)) continue;
    const ok = consider(scan, c, (s) => text.slice(s, end));
    if (ok && head === '项目') for (const e of enumerated(text, ext.start, instEnding!)) accept(accepted, `${e.surface}${head}`, e.start, e.end, false);
  }
  // 甲医院一期项目投用、二期项目开工: a later phase written alone shares the name before the first
  for (const a of [...accepted]) {
    const phased = PHASED_NAME.exec(a.name);
    if (!phased) continue;
    for (const m of text.matchAll(BARE_PHASE)) {
      if (m.index > a.end && !covered(accepted, m.index, m.index + m[0].length)) accept(accepted, phased[1] + m[0], m.index, m.index + m[0].length, false);
    }
  }
  for (const r of refused.values()) if (!covered(accepted, r.start, r.end)) reject(r.reason);
  return accepted;
}

/**
 * Start of the name ending with the head of token k: left over name-like tokens until a function word,
 * a verb, punctuation or a number. A place or an institution is taken whole; once a place heads the
 * name, only more places or a parent project (中国罕见病联盟|天津|协作组) come before it, so that a
 * clause before the place stays out (…形式丰富|京津冀医联体). An institution heads the name
 * (河北医科大学第一医院|医联体); a single dash joins another partner before it (甲—乙—丙中心).
 */
function extendLeft(
  text: string, tokens: Token[], k: number, end: number, headStart: number,
  instEnding: Map<number, InstitutionMention>, placeEnding: Map<number, PlaceMention>,
): { start: number; joint: boolean; parent: boolean } {
  let start = tokens[k].start;
  let joint = false, parent = false, afterPlace = false;
  let beforeDash = -1;
  let j = k - 1;
  while (j >= 0 && end - start <= MAX_NAME) {
    const inst = instEnding.get(start);
    if (inst && inst.start < start) {
      start = inst.start;
      while (j >= 0 && tokens[j].end > start) j--;
      beforeDash = -1;
      if (j >= 0 && tokens[j].end === start && isJoiningDash(text, tokens[j])) { beforeDash = start; start = tokens[j].start; joint = true; j--; continue; }
      break;
    }
    const place = placeEnding.get(start);
    if (place && place.start < start) {
      start = place.start;
      afterPlace = true;
      beforeDash = -1;
      while (j >= 0 && tokens[j].end > start) j--;
      continue;
    }
    const w = tokens[j];
    if (w.end !== start) break;
    // 新区人民医院|二期|项目: the phase of an institution's building works is part of the name
    if (PHASE.test(w.word) && instEnding.has(w.start)) { start = w.start; j--; continue; }
    if (isJoiningDash(text, w) && start < headStart) {
      beforeDash = start;
      start = w.start;
      joint = true;
      afterPlace = false;
      j--;
      continue;
    }
    if (afterPlace) {
      const h = headEndingAt(text, start);
      if (!h || !PROJECT_HEADS.includes(h) || h === TEAM_HEAD) break;
      parent = true;
      afterPlace = false;
    }
    if (!nameWord(text, tokens, j) && (LEFT_STOP_TOKENS.has(w.word) || STOP.any(w.word) || isFunctionOrVerb(w.word))) break;
    start = w.start;
    beforeDash = -1;
    j--;
  }
  // a dash with nothing name-like before it is no joint name
  if (beforeDash >= 0) {
    start = beforeDash;
    joint = false;
  }
  return { start, joint, parent };
}

/**
 * A word that would end a name elsewhere but is part of this one: 与 / 和 between two activities
 * (检测与救治中心), a specialty the dictionary tags as a verb (呼吸专科联盟), 新 of a new campus, the
 * span of a plan (三年行动计划).
 */
function nameWord(text: string, tokens: Token[], j: number): boolean {
  const w = tokens[j].word;
  if (w === '与' || w === '和') return ACTIVITY_PAIR.test(tokens[j + 1]?.word ?? '') && ACTIVITY_PAIR.test(tokens[j - 1]?.word ?? '');
  if (w === '新') return NEW_BUILDING.test(text.slice(tokens[j].start, tokens[j].start + 3));
  return SPECIALTY_VERBS.has(w) || PLAN_SPAN.test(w);
}

function hasDash(text: string, before: number): boolean {
  for (let i = 0; i < before; i++) if (DASHES.has(text[i])) return true;
  return false;
}

/** A single dash token between Han characters (环湖—协和), not the doubled dash of an aside. */
function isJoiningDash(text: string, t: Token): boolean {
  return DASHES.has(t.word) && t.start > 0 && HAN.test(text[t.start - 1]) && HAN.test(text[t.end] ?? '');
}

/** 甲医院、乙医院和丙医院项目: the institutions listed before the one the head follows, each a project of its own. */
function enumerated(text: string, start: number, instEnding: Map<number, InstitutionMention>): InstitutionMention[] {
  const first = [...instEnding.values()].find((i) => i.start === start);
  if (!first) return [];
  const out: InstitutionMention[] = [];
  let cursor = start;
  while (cursor > 0 && ENUM_JOINERS.has(text[cursor - 1])) {
    const prev = instEnding.get(cursor - 1);
    if (!prev) break;
    out.push(prev);
    cursor = prev.start;
  }
  return out;
}

/**
 * Why a candidate is no project, or where its name starts once leading qualifiers are dropped (专科国家
 * 区域医疗中心 → 国家区域医疗中心, 全市远程医疗协作网 → 远程医疗协作网).
 */
function judge(text: string, tokens: Token[], c: Candidate, ctx: ProjectContext): string | number {
  const head = text.slice(c.headStart, c.end);
  // 人才队伍, 医院队伍: staff, not a programme (the national emergency teams are)
  if (head === TEAM_HEAD && !PROGRAMME_TEAM.test(text.slice(c.start, c.end))) return 'project-not-a-programme';
  // “北京协和医院澳门医学中心”: an institution's own name, quoted (a joint name is of several partners)
  if (!c.joint && ctx.institutions.some((i) => i.start >= c.start && i.start <= c.headStart && i.end === c.end)) return 'project-is-institution';
  // 十项行动, 一号工程, 未来三年计划: a count or a time span in place of a name
  if (COUNTED_MODIFIER.test(text.slice(c.start, c.headStart))) return 'project-counted';
  const units = unitsOf(text, tokens, c.start, c.headStart, ctx, c.quoted === 'whole');
  let first = 0;
  let counted = false;
  // 首批 / 新一批 / 全市 / 专科 before a name qualify it; a quoted name is taken as written, and so is
  // a branch with its parent project (中国医学科技创新体系核心基地|天津|基地)
  if (!c.quoted && !c.parent) {
    for (; first < units.length && (units[first].kind === 'generic' || units[first].kind === 'counted'); first++) {
      if (units[first].kind === 'counted') counted = true;
    }
  }
  if (first === units.length) return counted ? 'project-counted' : 'project-generic';
  const start = c.quoted ? c.start : units[first].start;
  // 远程医疗型医联体, 市级诊疗中心: a kind of project, not one
  if (CATEGORY_TAIL.test(text.slice(start, c.headStart))) return 'project-category';
  let content = false, place = false, proper = c.joint || c.quoted !== null;
  for (let i = first; i < units.length; i++) {
    const kind = units[i].kind;
    if (kind === 'proper') proper = content = true;
    else if (kind === 'content') content = true;
    else if (kind === 'place') place = true;
  }
  const weak = WEAK_HEADS.has(head);
  // 重大合作项目, 传统医联体, 做实协同工程: nothing but generic words before the head; 京津冀医联体 is
  // named by its place, but 京津冀合作项目 says only where the projects are
  if (!content && (weak || !place)) return 'project-generic';
  // 远程教学平台, 培训项目: a description unless a place, an institution, quotes or 国家 name it, or
  // the words before it name a centre or base of their own (国际医疗基地|项目)
  if (weak && !proper && !place && !endsWithProjectHead(text.slice(start, c.headStart))) return 'project-unnamed';
  return start;
}

/** The name's words before the head: places, institutions and quoted stretches whole, other tokens cut to the range. */
function unitsOf(text: string, tokens: Token[], from: number, to: number, ctx: ProjectContext, quotedName: boolean): Unit[] {
  const out: Unit[] = [];
  let pos = from;
  let k = 0;
  while (pos < to) {
    const inst = ctx.institutions.find((i) => i.start === pos && i.end <= to);
    const place = inst ? undefined : ctx.places.find((p) => p.start === pos && p.end <= to);
    const whole = inst ?? place;
    if (whole) {
      out.push({ start: pos, end: whole.end, kind: inst ? 'proper' : 'place' });
      pos = whole.end;
      continue;
    }
    if (text[pos] === '“') {
      const close = text.indexOf('”', pos + 1);
      if (close > pos && close < to) {
        out.push({ start: pos, end: close + 1, kind: quotedKind(text, tokens, pos + 1, close, ctx) });
        pos = close + 1;
        continue;
      }
    }
    while (k < tokens.length && tokens[k].end <= pos) k++;
    if (k >= tokens.length) break;
    let end = Math.min(tokens[k].end, to);
    const word = text.slice(Math.max(pos, tokens[k].start), end);
    if (PUNCT_ONLY.test(word)) { pos = end; continue; }
    // 紧密型 / 远程医疗型: a word with 型 after it names a kind, a qualifier like any generic word
    const category = tokens[k + 1]?.word === '型' && tokens[k + 1].end <= to;
    if (category) end = tokens[++k].end;
    out.push({ start: pos, end, kind: category ? 'generic' : wordKind(word, quotedName) });
    pos = end;
  }
  return out;
}

/**
 * A quoted stretch names something unless it is counts and generic words only (“十项”, “五大工程”,
 * “绿色”); numbers in a quoted formula (“1+1+1”) or beside other characters (“三校一院”) are its name.
 */
function quotedKind(text: string, tokens: Token[], from: number, to: number, ctx: ProjectContext): UnitKind {
  const inner = text.slice(from, to);
  if (COUNTED_MODIFIER.test(inner)) return 'counted';
  if (FORMULA.test(inner)) return 'proper';
  const units = unitsOf(text, tokens, from, to, ctx, true);
  if (units.some((u) => u.kind !== 'generic' && u.kind !== 'filler' && u.kind !== 'counted')) return 'proper';
  return units.some((u) => u.kind === 'counted') ? 'counted' : 'generic';
}

/**
 * One word of a name. Outside quotes a verb or a single character carries no name of its own (做/实,
 * 赋/能); inside quotes the writer marks the words as a name (“医疗倍增计划”, “健康扶贫”).
 */
function wordKind(word: string, quoted: boolean): UnitKind {
  if (NATIONAL_WORDS.has(word)) return 'proper';
  if (COUNTED_MODIFIER.test(word)) return 'counted';
  if (GENERIC_MODIFIERS.has(word)) return 'generic';
  if (SPECIALTY_VERBS.has(word)) return 'content';
  if (!quoted && (isFunctionOrVerb(word) || STOP.any(word) || word.length < 2)) return 'filler';
  return 'content';
}

/**
 * One entity per project named in the article. A name and the same name with 项目 / 建设项目 after its
 * head (国家区域医疗中心, 国家区域医疗中心建设项目) are one project: the longest form is the name,
 * the others aliases.
 */
export function projectEntities(list: { name: string; prov: Provenance; conf: number }[]): Entity[] {
  const byKey = new Map<string, { e: Entity; forms: Map<string, number> }>();
  for (const { name, prov, conf } of list) {
    const key = projectKey(name);
    const g = byKey.get(key) ?? { e: { id: '', type: 'project' as const, name, aliases: [], mentions: [], confidence: conf }, forms: new Map<string, number>() };
    g.forms.set(name, (g.forms.get(name) ?? 0) + 1);
    g.e.mentions.push(prov);
    g.e.confidence = Math.max(g.e.confidence, conf);
    byKey.set(key, g);
  }
  const out: Entity[] = [];
  for (const { e, forms } of byKey.values()) {
    // the longest form, the most mentioned among equals, the first among those
    let name = e.name;
    for (const [f, n] of forms) if (f.length > name.length || (f.length === name.length && n > forms.get(name)!)) name = f;
    out.push({ ...e, id: `project:${name}`, name, aliases: [...forms.keys()].filter((f) => f !== name) });
  }
  return out;
}

/** The name without a trailing (建设)项目 when what remains still ends with a project head (国际医疗基地|项目). */
function projectKey(name: string): string {
  if (/组团/u.test(name)) return programmeKey(name);
  // “智慧医疗下乡”项目 and “智慧医疗下乡”县域推广项目: the quoted core names one project
  const quotedLead = /^“([^“”]+)”/u.exec(name);
  if (quotedLead) return quotedLead[1];
  const bare = name.replace(/(建设)?项目$/u, '');
  return bare !== name && endsWithProjectHead(bare) ? bare : name;
}
