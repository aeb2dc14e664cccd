// Archive-wide institution resolution, between extraction (per article) and the graph and search sync.
// Each hospital or organization an article names is given the id of one institution in the registry:
//   1. a curated split keeps the name as its own institution;
//   2. name rules, repeated until none applies: the reviewed alias file (short names, old and second names),
//      renames by reform, a government body's province in full, a prefecture-level city's 市 restored, a university
//      affiliation prefix, a wider place before a full place name;
//   3. a name written without its city (朝阳医院) joins the one registered institution named <place><name>
//      (北京朝阳医院) when the article names that place (or a place inside it);
//   4. curated merges.
// Where the institution is comes from the alias file, else from its name (a branch's own place, else the place
// the name starts with), else from what the article says; the article's LOCATED_IN statements are made to agree.
// Every join is recorded with its rules and evidence (entity_resolution), so the API can say why.
import type { Archive, ArticleRecord } from '../../archive/index.ts';
import { InstitutionRegistry, type CurationEntry, type ResolutionRecord } from '../../archive/registry.ts';
import { gazetteer } from '../../extractor/knowledge/gazetteer.ts';
import type { Entity, Knowledge, Relation } from '../../extractor/types.ts';
import {
  AliasBook, branchOf, bundledAliases, fullCityName, fullProvinceName, leadingPlace, locationFromName, stripAffiliation, stripWiderPlace,
  type AliasEntry, type InstitutionType, type Step,
} from './names.ts';

const INSTITUTION = new Set(['hospital', 'organization']);
export const institutionId = (type: InstitutionType, name: string) => `${type === 'hospital' ? 'hospital' : 'org'}:${name}`;

/** The curation log folded into look-ups: later decisions override earlier ones. */
export interface Curation {
  merges: Map<string, { into: string; entry: CurationEntry }>;
  /** Surface name → the split that keeps it apart. */
  splits: Map<string, CurationEntry>;
  renames: Map<string, { name: string; entry: CurationEntry }>;
  /** articleId → retracted edges. */
  retractions: Map<string, Array<{ type: string; from: string; to: string }>>;
}

export function foldCuration(log: readonly CurationEntry[]): Curation {
  const c: Curation = { merges: new Map(), splits: new Map(), renames: new Map(), retractions: new Map() };
  for (const e of log) {
    const p = e.payload;
    if (e.action === 'merge') c.merges.set(e.entityId, { into: String(p.into), entry: e });
    else if (e.action === 'split') for (const n of (p.names as string[]) ?? []) c.splits.set(n, e);
    else if (e.action === 'rename') c.renames.set(e.entityId, { name: String(p.name), entry: e });
    else if (e.action === 'retract') {
      const list = c.retractions.get(String(p.articleId)) ?? [];
      list.push({ type: String(p.type), from: e.entityId, to: String(p.to) });
      c.retractions.set(String(p.articleId), list);
    }
  }
  // a merge undone by splitting the merged entity's names is handled by the split; a merge into itself is ignored
  for (const [from, m] of c.merges) if (m.into === from) c.merges.delete(from);
  return c;
}

interface Resolved {
  id: string;
  name: string;
  type: InstitutionType;
  steps: Step[];
  alias: AliasEntry | null;
}

export class Resolver {
  readonly registry: InstitutionRegistry;
  private readonly book = new AliasBook(bundledAliases());
  private curation: Curation;
  /** Articles made to sync again (new seq) because an institution they could join appeared: for reporting. */
  readonly invalidated = new Set<string>();
  /** Registry records this resolver has written (or found unchanged), by id. */
  private readonly written = new Map<string, string>();
  /** `type|ending` → the names behind registered ids (not a curated display name) with that ending; built on first use. */
  private tails: Map<string, Set<string>> | null = null;

  private endings(): Map<string, Set<string>> {
    if (!this.tails) {
      this.tails = new Map();
      for (const inst of this.registry.all()) this.addEndings(inst.type, keyName(inst.id));
    }
    return this.tails;
  }

  private addEndings(type: string, name: string): void {
    if (!this.tails) return; // built from the registry on first use
    for (let i = 1; name.length - i >= 3; i++) {
      const key = `${type}|${name.slice(i)}`;
      const set = this.tails.get(key) ?? new Set<string>();
      set.add(name);
      this.tails.set(key, set);
    }
  }

  constructor(private readonly archive: Archive) {
    this.registry = new InstitutionRegistry(archive.db);
    this.curation = foldCuration(this.registry.curation());
  }

  /** Forget the derived registry (a full rebuild); the curation log stays. */
  reset(): void {
    this.registry.resetDerived();
    this.written.clear();
    this.tails = null;
    this.invalidated.clear();
  }

  /** The article's knowledge with every institution under its canonical id; records why, updates the registry. */
  resolve(article: ArticleRecord, k: Knowledge | null): Knowledge | null {
    if (!k) {
      this.registry.setResolutions(article.id, []);
      return k;
    }
    const places = articlePlaces(k);
    const byRaw = new Map<string, Resolved>();
    for (const e of k.entities) if (INSTITUTION.has(e.type)) byRaw.set(e.id, this.resolveName(e.name, e.type as InstitutionType, places));
    const out = rewrite(article.id, k, byRaw, this.curation);
    const records: ResolutionRecord[] = [];
    for (const e of k.entities) {
      const r = byRaw.get(e.id);
      if (!r) continue;
      records.push({
        articleId: article.id, rawId: e.id, rawName: e.name, canonicalId: r.id,
        rule: r.steps.map((s) => s.rule).join(' > ') || 'own-name', evidence: r.steps.map((s) => s.evidence).join('; ') || `${e.name} is its own name`,
      });
    }
    this.registry.setResolutions(article.id, records);
    this.placeInstitutions(article.id, out, byRaw);
    return out;
  }

  /** Rules 1–4 of the header, for one name. */
  resolveName(raw: string, type: InstitutionType, places: Set<string>): Resolved {
    const split = this.curation.splits.get(raw);
    if (split) return this.finish(raw, type, [{ rule: 'curation:split', evidence: `curation #${split.id}: ${raw} kept apart from ${split.entityId}${split.note ? ` (${split.note})` : ''}` }], null);
    let name = raw;
    const steps: Step[] = [];
    let alias: AliasEntry | null = this.book.entries.get(name) ?? null;
    for (let i = 0; i < 6 && !alias; i++) {
      const hit = this.book.lookup(name);
      if (hit) {
        name = hit.entry.name;
        steps.push(hit.step);
        alias = hit.entry;
        break;
      }
      const next = this.book.rename(name, type) ?? fullProvinceName(name, type) ?? fullCityName(name, type) ?? stripAffiliation(name) ?? stripWiderPlace(name);
      if (!next) break;
      name = next.name;
      steps.push(next.step);
      alias = this.book.entries.get(name) ?? null;
    }
    if (!alias) {
      const city = this.withDroppedCity(name, type, places);
      if (city) {
        steps.push(city.step);
        name = city.name;
        alias = this.book.entries.get(name) ?? null;
      }
    }
    return this.finish(name, type, steps, alias);
  }

  private finish(name: string, type: InstitutionType, steps: Step[], alias: AliasEntry | null): Resolved {
    let id = institutionId(type, name);
    const seen = new Set([id]);
    for (let m = this.curation.merges.get(id); m && !seen.has(m.into); m = this.curation.merges.get(id)) {
      steps.push({ rule: 'curation:merge', evidence: `curation #${m.entry.id}: ${id} merged into ${m.into}${m.entry.note ? ` (${m.entry.note})` : ''}` });
      id = m.into;
      seen.add(id);
    }
    const renamed = this.curation.renames.get(id)?.name;
    const display = renamed ?? (id === institutionId(type, name) ? name : id.slice(id.indexOf(':') + 1));
    return { id, name: display, type, steps, alias };
  }

  /** Rule 3: 朝阳医院 in a story naming 北京 → the registered 北京朝阳医院. */
  private withDroppedCity(name: string, type: InstitutionType, places: Set<string>): { name: string; step: Step } | null {
    const candidates = new Map<string, string>();
    const consider = (full: string) => {
      const prefix = full.slice(0, full.length - name.length);
      const lead = leadingPlace(prefix);
      if (lead && lead.form === prefix && places.has(lead.place.code)) candidates.set(full, lead.place.name);
    };
    for (const full of this.endings().get(`${type}|${name}`) ?? []) consider(full);
    for (const entry of this.book.entries.values()) if (entry.type === type && entry.name.length > name.length && entry.name.endsWith(name)) consider(entry.name);
    if (candidates.size !== 1) return null;
    const [full, place] = [...candidates][0];
    return { name: full, step: { rule: 'city-prefix-dropped', evidence: `${name} in a story naming ${place}: the one registered institution is ${full}` } };
  }

  /** Registers the article's institutions (new ones invalidate articles naming them without their city). */
  private placeInstitutions(articleId: string, k: Knowledge, byRaw: Map<string, Resolved>): void {
    const done = new Set<string>();
    for (const r of byRaw.values()) {
      if (done.has(r.id)) continue;
      done.add(r.id);
      const located = k.relations.find((x) => x.type === 'located_in' && x.a === r.id);
      const parent = r.alias?.parent ?? branchOf(r.name)?.parent ?? null;
      const record = {
        id: r.id, type: r.type, name: r.name, location: locationOf(r) ?? (located ? located.b.replace(/^place:/, '') : null),
        parent: parent ? this.resolveName(parent, 'hospital', new Set()).id : null,
      };
      // most articles name institutions the registry already holds as they are: skip the write
      const key = JSON.stringify(record);
      if (this.written.get(r.id) === key) continue;
      this.written.set(r.id, key);
      const isNew = this.registry.upsert(record);
      if (!isNew) continue;
      this.addEndings(r.type, keyName(r.id));
      // touched now, not after the batch: a write that fails later must not lose it
      const others = this.registry.articlesWithTailOf(r.name).filter((a) => a !== articleId);
      if (others.length) {
        this.archive.touchArticles(others);
        for (const a of others) this.invalidated.add(a);
      }
    }
  }
}

/** The name an id was made from (hospital:北京朝阳医院 → 北京朝阳医院), whatever name it is shown under. */
const keyName = (id: string) => id.slice(id.indexOf(':') + 1);

function locationOf(r: Resolved): string | null {
  return r.alias?.location ?? locationFromName(r.name)?.code ?? null;
}

/** Codes of the places an article names, with every place they lie in. */
function articlePlaces(k: Knowledge): Set<string> {
  const g = gazetteer();
  const out = new Set<string>();
  for (const e of k.entities) {
    if (e.type !== 'place' || !e.code) continue;
    out.add(e.code);
    for (const a of g.ancestors(e.code)) out.add(a);
  }
  return out;
}

/** The knowledge with institutions renamed to their canonical ids, duplicates merged, locations agreed, retractions applied. */
function rewrite(articleId: string, k: Knowledge, byRaw: Map<string, Resolved>, curation: Curation): Knowledge {
  const idOf = (id: string) => byRaw.get(id)?.id ?? id;
  const entities = new Map<string, Entity>();
  for (const e of k.entities) {
    const r = byRaw.get(e.id);
    if (!r) {
      entities.set(e.id, e);
      continue;
    }
    const prev = entities.get(r.id);
    const forms = [e.name, ...e.aliases].filter((f) => f !== r.name);
    if (!prev) entities.set(r.id, { ...e, id: r.id, name: r.name, aliases: [...new Set(forms)], mentions: [...e.mentions] });
    else {
      prev.aliases = [...new Set([...prev.aliases, ...forms])];
      prev.mentions = [...prev.mentions, ...e.mentions];
      prev.confidence = Math.max(prev.confidence, e.confidence);
    }
  }
  const retracted = curation.retractions.get(articleId) ?? [];
  const isRetracted = (r: Relation) => retracted.some((x) => edgeType(r) === x.type && ((r.a === x.from && r.b === x.to) || (r.a === x.to && r.b === x.from && r.type === 'collaboration')));
  let relations = k.relations
    .map((r) => ({ ...r, a: idOf(r.a), b: idOf(r.b) }))
    .filter((r) => r.a !== r.b && !isRetracted(r));
  relations = agreeLocations(relations, entities, byRaw);
  const figures = k.figures.map((f) => {
    if (!f.subjectId || !byRaw.has(f.subjectId)) return f;
    const r = byRaw.get(f.subjectId)!;
    return { ...f, subjectId: r.id, subject: r.name };
  });
  return { ...k, entities: [...entities.values()], relations, figures };
}

const EDGE_TYPE: Record<Relation['type'], string> = { collaboration: 'COLLABORATES', located_in: 'LOCATED_IN', branch_of: 'BRANCH_OF', part_of: 'PART_OF' };
const edgeType = (r: Relation) => EDGE_TYPE[r.type];

/**
 * An institution is LOCATED_IN the place the registry says, not every place its name contains (北京大学肿瘤医院内蒙古医院
 * is in 内蒙古, not 北京): other LOCATED_IN statements of it are dropped; the right one is added, with the place.
 */
function agreeLocations(relations: Relation[], entities: Map<string, Entity>, byRaw: Map<string, Resolved>): Relation[] {
  const g = gazetteer();
  const located = new Map<string, string>();
  for (const r of byRaw.values()) {
    const code = locationOf(r);
    if (code) located.set(r.id, code);
  }
  const out = relations.filter((r) => r.type !== 'located_in' || !located.has(r.a) || r.b === `place:${located.get(r.a)}`);
  for (const [id, code] of located) {
    const placeId = `place:${code}`;
    if (out.some((r) => r.type === 'located_in' && r.a === id)) continue;
    const inst = entities.get(id);
    const place = g.byCode.get(code);
    if (!inst || !place || !inst.mentions.length) continue;
    if (!entities.has(placeId)) {
      // the place is named inside the institution's name (or known from the alias file): that mention is its evidence
      entities.set(placeId, { id: placeId, type: 'place', name: place.name, aliases: [], code: place.code, level: place.level, mentions: [inst.mentions[0]], confidence: 0.8 });
    }
    out.push({ type: 'located_in', a: id, b: placeId, date: null, evidence: inst.name, provenance: inst.mentions[0], confidence: 0.8 });
  }
  return out;
}
