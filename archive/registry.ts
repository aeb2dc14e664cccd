// The institution registry, each article's resolution records and the curation log (tables of migration 2).
// The registry and resolution records are derived (rebuilt by `kg sync --full`); the curation log is the
// researchers' own record and is never reset.
import type Database from 'better-sqlite3';
import { ArchiveError } from './errors.ts';
import { statementCache } from './statements.ts';

export interface InstitutionRecord {
  id: string;
  type: string;
  name: string;
  /** GB/T 2260 code of where it is, or null when neither its name nor the alias file says. */
  location: string | null;
  /** The institution it is a branch (院区, 分院, …医院<地名>医院) of. */
  parent: string | null;
}

/** Why one surface name of one article was joined to an institution. */
export interface ResolutionRecord {
  articleId: string;
  rawId: string;
  rawName: string;
  canonicalId: string;
  rule: string;
  evidence: string;
}

export type CurationAction = 'merge' | 'split' | 'rename' | 'retract';

export interface CurationEntry {
  id: number;
  at: string;
  action: CurationAction;
  /** The entity acted on (merge: the one merged away; split, rename: the entity; retract: the edge's source). */
  entityId: string;
  payload: Record<string, unknown>;
  note: string | null;
  actor: string | null;
}

type Row = Record<string, unknown>;

const toInstitution = (r: Row): InstitutionRecord => ({
  id: r.id as string, type: r.type as string, name: r.name as string, location: (r.location as string | null) ?? null, parent: (r.parent as string | null) ?? null,
});
const toResolution = (r: Row): ResolutionRecord => ({
  articleId: r.article_id as string, rawId: r.raw_id as string, rawName: r.raw_name as string, canonicalId: r.canonical_id as string,
  rule: r.rule as string, evidence: r.evidence as string,
});
const toEntry = (r: Row): CurationEntry => ({
  id: r.id as number, at: r.at as string, action: r.action as CurationAction, entityId: r.entity_id as string,
  payload: JSON.parse(r.payload as string) as Record<string, unknown>, note: (r.note as string | null) ?? null, actor: (r.actor as string | null) ?? null,
});

export class InstitutionRegistry {
  private readonly sql: (sql: string) => Database.Statement;
  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  get(id: string): InstitutionRecord | null {
    const r = this.sql('SELECT * FROM institutions WHERE id = ?').get(id) as Row | undefined;
    return r ? toInstitution(r) : null;
  }

  /** Every institution, for an in-memory index (pipeline/resolution keeps one of name endings). */
  all(): InstitutionRecord[] {
    return (this.sql('SELECT * FROM institutions ORDER BY id').all() as Row[]).map(toInstitution);
  }

  /** The institutions registered as branches (院区, 分院) of this one. */
  branchesOf(id: string): InstitutionRecord[] {
    return (this.sql('SELECT * FROM institutions WHERE parent = ? ORDER BY id').all(id) as Row[]).map(toInstitution);
  }

  /** Insert or update; returns true when the institution is new to the registry. */
  upsert(rec: InstitutionRecord): boolean {
    const known = this.sql('SELECT 1 FROM institutions WHERE id = ?').get(rec.id) !== undefined;
    this.sql(`INSERT INTO institutions (id, type, name, location, parent, updated_at) VALUES (@id, @type, @name, @location, @parent, @at)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, location = coalesce(excluded.location, institutions.location),
        parent = coalesce(excluded.parent, institutions.parent), updated_at = excluded.updated_at`)
      .run({ ...rec, at: new Date().toISOString() });
    return !known;
  }

  /** Replace one article's resolution records. */
  setResolutions(articleId: string, records: readonly ResolutionRecord[]): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM entity_resolution WHERE article_id = ?').run(articleId);
      const ins = this.sql(`INSERT OR REPLACE INTO entity_resolution (article_id, raw_id, raw_name, canonical_id, rule, evidence)
        VALUES (@articleId, @rawId, @rawName, @canonicalId, @rule, @evidence)`);
      for (const r of records) ins.run(r);
    }).immediate();
  }

  /** Every record joining a surface name to these institutions (what the API shows as "why"). */
  resolutionsOf(canonicalIds: readonly string[]): ResolutionRecord[] {
    if (!canonicalIds.length) return [];
    return (this.sql(`SELECT * FROM entity_resolution WHERE canonical_id IN (SELECT value FROM json_each(?))
      ORDER BY canonical_id, raw_name, article_id`).all(JSON.stringify(canonicalIds)) as Row[]).map(toResolution);
  }

  /** Articles with a surface name resolved to (or raw id equal to) any of these ids. */
  articlesResolvingTo(ids: readonly string[]): string[] {
    if (!ids.length) return [];
    return this.sql(`SELECT DISTINCT article_id FROM entity_resolution
      WHERE canonical_id IN (SELECT value FROM json_each(@ids)) OR raw_id IN (SELECT value FROM json_each(@ids)) ORDER BY article_id`)
      .pluck().all({ ids: JSON.stringify(ids) }) as string[];
  }

  /** Articles with a surface name that is an ending of `name` (朝阳医院 for 北京朝阳医院): a new name may join them. Indexed look-ups. */
  articlesWithTailOf(name: string): string[] {
    const tails: string[] = [];
    for (let i = 1; name.length - i >= 3; i++) tails.push(name.slice(i));
    if (!tails.length) return [];
    return this.sql(`SELECT DISTINCT article_id FROM entity_resolution WHERE raw_name IN (SELECT value FROM json_each(?)) ORDER BY article_id`)
      .pluck().all(JSON.stringify(tails)) as string[];
  }

  /** Forget the derived tables (registry, resolutions); the curation log stays. */
  resetDerived(): void {
    this.db.exec('DELETE FROM institutions; DELETE FROM entity_resolution;');
  }

  record(action: CurationAction, entityId: string, payload: Record<string, unknown>, note?: string | null, actor?: string | null): CurationEntry {
    const at = new Date().toISOString();
    const id = Number(this.sql('INSERT INTO curation_log (at, action, entity_id, payload, note, actor) VALUES (?, ?, ?, ?, ?, ?)')
      .run(at, action, entityId, JSON.stringify(payload), note ?? null, actor ?? null).lastInsertRowid);
    return { id, at, action, entityId, payload, note: note ?? null, actor: actor ?? null };
  }

  /** The whole log, oldest first: later decisions override earlier ones. */
  curation(): CurationEntry[] {
    return (this.sql('SELECT * FROM curation_log ORDER BY id').all() as Row[]).map(toEntry);
  }

  curationOf(entityIds: readonly string[]): CurationEntry[] {
    return (this.sql(`SELECT * FROM curation_log WHERE entity_id IN (SELECT value FROM json_each(@ids))
      OR json_extract(payload, '$.into') IN (SELECT value FROM json_each(@ids)) ORDER BY id`).all({ ids: JSON.stringify(entityIds) }) as Row[]).map(toEntry);
  }
}

export class CurationError extends ArchiveError {}
