// How Chinese news writes one institution several ways, as rules over a name (no archive access here):
// the reviewed alias file, renames, university affiliation prefixes, a province before a city, and where the
// institution is (the place its name starts with, or a branch's own place). resolve.ts applies them in order.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { gazetteer, type Place } from '../../extractor/knowledge/gazetteer.ts';
import { matchPlaceAt } from '../../extractor/knowledge/gazetteer.ts';
import { KgError } from '../../archive/errors.ts';

export type InstitutionType = 'hospital' | 'organization';

/** One step of a resolution: the rule and the evidence it rests on. */
export interface Step {
  rule: string;
  evidence: string;
}

const aliasSchema = z.object({ form: z.string().min(2), kind: z.enum(['short-name', 'official-name', 'second-name', 'old-name']), note: z.string().min(1) }).strict();
const fileSchema = z.object({
  about: z.string(),
  institutions: z.array(z.object({
    name: z.string().min(2),
    type: z.enum(['hospital', 'organization']),
    location: z.string().regex(/^\d{6}$/).optional(),
    parent: z.string().min(2).optional(),
    aliases: z.array(aliasSchema),
  }).strict()),
  renames: z.array(z.object({
    from: z.string().min(2), to: z.string().min(2), type: z.enum(['hospital', 'organization']), year: z.number().int(), note: z.string().min(1),
  }).strict()),
}).strict();

export type AliasFile = z.infer<typeof fileSchema>;

export class AliasFileError extends KgError {
  constructor(message: string) { super('ALIAS_FILE_INVALID', message); }
}

/** Validates an alias file: every alias names one institution only, and no alias is another entry's name. */
export function parseAliasFile(json: unknown): AliasFile {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new AliasFileError(`alias file: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const owner = new Map<string, string>();
  for (const inst of parsed.data.institutions) {
    for (const form of [inst.name, ...inst.aliases.map((a) => a.form)]) {
      const prev = owner.get(form);
      if (prev && prev !== inst.name) throw new AliasFileError(`alias file: ${form} names both ${prev} and ${inst.name}`);
      owner.set(form, inst.name);
    }
  }
  return parsed.data;
}

let bundled: AliasFile | null = null;
export function bundledAliases(): AliasFile {
  bundled ??= parseAliasFile(JSON.parse(readFileSync(new URL('./aliases.json', import.meta.url), 'utf8')));
  return bundled;
}

export interface AliasEntry {
  name: string;
  type: InstitutionType;
  location: string | null;
  parent: string | null;
}

/** Look-ups over an alias file. */
export class AliasBook {
  private readonly byForm = new Map<string, { entry: AliasEntry; step: Step }>();
  readonly entries = new Map<string, AliasEntry>();
  constructor(private readonly file: AliasFile) {
    for (const inst of file.institutions) {
      const entry: AliasEntry = { name: inst.name, type: inst.type, location: inst.location ?? null, parent: inst.parent ?? null };
      this.entries.set(inst.name, entry);
      for (const a of inst.aliases) this.byForm.set(a.form, { entry, step: { rule: `alias-file:${a.kind}`, evidence: `${a.form} → ${inst.name}: ${a.note}` } });
    }
  }
  lookup(form: string): { entry: AliasEntry; step: Step } | null {
    return this.byForm.get(form) ?? null;
  }
  /** An old name renamed by a reform (卫生和计划生育委员会 → 卫生健康委员会). */
  rename(name: string, type: InstitutionType): { name: string; step: Step } | null {
    for (const r of this.file.renames) {
      if (r.type !== type || !name.endsWith(r.from)) continue;
      const to = name.slice(0, -r.from.length) + r.to;
      return { name: to, step: { rule: 'rename', evidence: `${name} → ${to}: ${r.note} (${r.year})` } };
    }
    return null;
  }
}

const UNIVERSITY = /^(.{2,10}?(?:医科大学|中医药大学|大学|医学院))(?:第[一二三四五六七八九]附属|附属)?/u;
const HOSPITAL_END = /(医院|院区|分院|医学中心|保健院)$/u;
/** A branch: a hospital's name, then a place, then the branch's own word (北京儿童医院保定医院, 北京大学第三医院崇礼院区). */
const BRANCH_TAIL = /(医院|院区|分院|医学中心|中心)$/u;

/** The place a name starts with (the whole form), if the form stands for exactly one place. */
export function leadingPlace(name: string): { form: string; place: Place } | null {
  const m = matchPlaceAt(gazetteer(), name, 0);
  if (!m || m.entry.compound) return null;
  const places = m.entry.places.filter((p) => p.level !== 'region');
  return places.length === 1 ? { form: m.form, place: places[0] } : null;
}

/** 首都医科大学附属北京儿童医院 → 北京儿童医院: only when what follows the university is itself a full name (starts with a place). */
export function stripAffiliation(name: string): { name: string; step: Step } | null {
  const m = UNIVERSITY.exec(name);
  if (!m) return null;
  const rest = name.slice(m[0].length);
  if (rest.length < 4 || !HOSPITAL_END.test(rest) || !leadingPlace(rest)) return null;
  return { name: rest, step: { rule: 'affiliation-prefix', evidence: `${name}: ${m[0]} is the university it is affiliated to; the hospital is ${rest}` } };
}

/** 河北省保定市第一中心医院 → 保定市第一中心医院, 雄安新区安新县医院 → 安新县医院: a wider place written before a full place name inside it. */
export function stripWiderPlace(name: string): { name: string; step: Step } | null {
  const outer = leadingPlace(name);
  if (!outer) return null;
  const rest = name.slice(outer.form.length);
  const inner = leadingPlace(rest);
  // the inner place in full, or a city without its 市 before one of its institutions (河北省保定第一中心医院)
  const innerNamed = inner && (inner.form === inner.place.name || fullCityName(rest, 'hospital') || fullCityName(rest, 'organization'));
  if (!inner || !innerNamed || rest.length <= inner.form.length + 1) return null;
  const g = gazetteer();
  const province = (p: Place) => (p.level === 'province' ? p.code : g.ancestors(p.code).at(-1) ?? p.code);
  const within = g.ancestors(inner.place.code).includes(outer.place.code) || (outer.place.level !== 'province' && province(outer.place) === province(inner.place));
  if (!within || inner.place.code === outer.place.code) return null;
  return { name: rest, step: { rule: 'wider-place-prefix', evidence: `${name}: ${inner.form} lies in ${outer.place.name}, so ${outer.form} adds nothing` } };
}

const GOVERNMENT_BODY = /(委员会|局|厅|政府|办公室)$/u;
/**
 * What follows a city's name in the names of its own hospitals and bodies (第一…, 人民医院, 中医院, 妇幼保健院,
 * 卫生健康委员会…). Anything else may be a word the city's characters start (广安门医院 is no 广安市 hospital) or a
 * name of its own (赤峰学院附属医院, 沧州中西医结合医院), so it is left as written.
 */
const CITY_INSTITUTION = /^(第[一二三四五六七八九十百零〇\d]|人民|中心医院|中医|蒙医|藏医|妇幼|妇女儿童|儿童|口腔|肿瘤|传染病|精神|骨科|眼科|胸科|结核病|急救|医院|卫生|卫健|医疗保障)/u;

/**
 * 保定第一中心医院 → 保定市第一中心医院: news drops the 市 of a prefecture-level city before its hospitals and
 * government bodies, so the short form joins the full one. Not for 北京, 天津… (provincial level, whose hospitals
 * are named without 市).
 */
export function fullCityName(name: string, type: InstitutionType): { name: string; step: Step } | null {
  if (!(type === 'hospital' ? HOSPITAL_END : GOVERNMENT_BODY).test(name)) return null;
  const g = gazetteer();
  const m = matchPlaceAt(g, name, 0);
  if (!m || m.entry.compound) return null;
  // a league (锡林郭勒盟) or prefecture (喀什地区) is written without its ending the same way
  const city = m.entry.places.find((p) => p.level === 'city' && ['市', '盟', '地区'].some((end) => p.name === m.form + end));
  // a county inside the city and named like it (乌鲁木齐县) is written with its 县: the bare form is the city
  // but a prefecture's city of the same name (和田地区, 和田市) leaves the bare form open: both have their hospitals
  if (!city || m.entry.places.some((p) => p !== city && p.level !== 'region' && (!g.ancestors(p.code).includes(city.code) || p.name === `${m.form}市`))) return null;
  const rest = name.slice(m.form.length);
  if (!CITY_INSTITUTION.test(rest) || /(大学|学院|学校)/u.test(rest)) return null;
  return { name: city.name + rest, step: { rule: 'city-full-name', evidence: `${name}: ${m.form} is ${city.name}, written without ${city.name.slice(m.form.length)}` } };
}

/** 内蒙古卫生健康委员会 → 内蒙古自治区卫生健康委员会: a government body is named after its province in full. */
export function fullProvinceName(name: string, type: InstitutionType): { name: string; step: Step } | null {
  if (type !== 'organization' || !GOVERNMENT_BODY.test(name)) return null;
  const lead = leadingPlace(name);
  if (!lead || lead.place.level !== 'province' || lead.form === lead.place.name) return null;
  const full = lead.place.name + name.slice(lead.form.length);
  return { name: full, step: { rule: 'province-full-name', evidence: `${name}: ${lead.form} is ${lead.place.name}` } };
}

/** A branch's parent name and own place: 北京大学肿瘤医院内蒙古医院 → 北京大学肿瘤医院, 内蒙古自治区; 崇礼院区 → 崇礼区. */
export function branchOf(name: string): { parent: string; place: Place } | null {
  const tail = BRANCH_TAIL.exec(name)?.[0];
  if (!tail) return null;
  const g = gazetteer();
  for (let i = name.indexOf('医院'); i >= 0; i = name.indexOf('医院', i + 1)) {
    const cut = i + 2;
    const seg = name.slice(cut, name.length - tail.length);
    if (seg.length < 2) continue;
    // news writes a district without 区 (崇礼院区): try the full forms too
    const form = ['', '区', '县', '市'].map((s) => g.forms.get(seg + s)).find((f) => f && !f.compound);
    const places = form?.places.filter((p) => p.level !== 'region') ?? [];
    if (places.length === 1) return { parent: name.slice(0, cut), place: places[0] };
  }
  return null;
}

/** Where an institution is, read from its name: a branch's own place, else the place the name starts with. */
export function locationFromName(name: string): { code: string; step: Step } | null {
  const branch = branchOf(name);
  if (branch) return { code: branch.place.code, step: { rule: 'branch-place', evidence: `${name} is the ${branch.place.name} branch of ${branch.parent}` } };
  const lead = leadingPlace(name);
  if (lead) return { code: lead.place.code, step: { rule: 'name-starts-with-place', evidence: `${name} starts with ${lead.form} (${lead.place.name})` } };
  return null;
}
