// Turns a batch of ArticleFacts into the rows both adapters write, after checking it whole.
// A bad batch is refused before anything is written, with every problem listed (GraphInputError).
import { COLLABORATION_KINDS, type CollaborationKind, type EntityType, type RelationType } from '../extractor/types.ts';
import { GraphInputError, type FactProblem } from './errors.ts';
import type { ArticleFacts, ArticleNode, Edge } from './port.ts';

export const ENTITY_TYPES: readonly EntityType[] = ['hospital', 'organization', 'place', 'project', 'person'];
export const EDGE_TYPES: readonly Edge['type'][] = ['COLLABORATES', 'LOCATED_IN', 'BRANCH_OF', 'PART_OF'];
/** Stored once per pair, with the articles stating them. */
export const STRUCTURAL_TYPES: readonly Edge['type'][] = ['LOCATED_IN', 'BRANCH_OF', 'PART_OF'];

const EDGE_OF: Record<RelationType, Edge['type']> = {
  collaboration: 'COLLABORATES',
  located_in: 'LOCATED_IN',
  branch_of: 'BRANCH_OF',
  part_of: 'PART_OF',
};

export interface EntityRow {
  id: string;
  type: EntityType;
  name: string;
  code: string | null;
  level: string | null;
  role: string | null;
}

export interface MentionRow {
  entityId: string;
  count: number;
  /** Surface forms this article used, besides the name. */
  aliases: string[];
}

export interface EdgeRow {
  type: Edge['type'];
  from: string;
  to: string;
  kind: CollaborationKind | null;
  date: string | null;
  evidence: string;
  directed: boolean;
  sentence: number;
  confidence: number;
}

export interface FigureRow {
  id: string;
  value: number;
  unit: string;
  metric: string;
  text: string;
  subjectId: string | null;
  subject: string | null;
  time: string | null;
  approximate: boolean;
  evidence: string;
  sentence: number;
  start: number;
  end: number;
  confidence: number;
}

export interface ArticleRows {
  article: ArticleNode;
  entities: EntityRow[];
  mentions: MentionRow[];
  edges: EdgeRow[];
  figures: FigureRow[];
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const str = (s: unknown): s is string => typeof s === 'string' && s.length > 0;

/** Validates and normalises a batch. Throws GraphInputError listing every problem; returns rows otherwise. */
export function toRows(batch: readonly ArticleFacts[]): ArticleRows[] {
  const problems: FactProblem[] = [];
  const seen = new Set<string>();
  const out: ArticleRows[] = [];
  for (const facts of batch) {
    const articleId = facts?.article?.id;
    const bad = (reason: string) => problems.push({ articleId: str(articleId) ? articleId : '(no id)', reason });
    if (!str(articleId)) { bad('article.id is missing'); continue; }
    if (seen.has(articleId)) { bad('article appears twice in the batch'); continue; }
    seen.add(articleId);
    const rows = articleRows(facts, bad);
    if (rows) out.push(rows);
  }
  if (problems.length) throw new GraphInputError(problems);
  return out;
}

function articleRows(facts: ArticleFacts, bad: (reason: string) => void): ArticleRows | null {
  const before = { n: 0 };
  const flag = (reason: string) => { before.n++; bad(reason); };
  const a = facts.article;
  if (typeof a.title !== 'string') flag('article.title must be a string');

  // One entity row and one mention per id; repeated entities in an article are merged.
  const entities = new Map<string, EntityRow>();
  const mentions = new Map<string, MentionRow>();
  for (const e of facts.entities ?? []) {
    if (!str(e?.id) || !str(e.name)) { flag(`entity without id or name (${JSON.stringify(e?.id ?? null)})`); continue; }
    if (!ENTITY_TYPES.includes(e.type)) { flag(`entity ${e.id} has unknown type ${String(e.type)}`); continue; }
    const prev = entities.get(e.id);
    if (prev && prev.type !== e.type) { flag(`entity ${e.id} given two types (${prev.type}, ${e.type})`); continue; }
    entities.set(e.id, { id: e.id, type: e.type, name: e.name, code: e.code ?? null, level: e.level ?? null, role: e.role ?? null });
    const m = mentions.get(e.id) ?? { entityId: e.id, count: 0, aliases: [] };
    m.count += Math.max(1, e.mentions?.length ?? 0);
    for (const alias of e.aliases ?? []) if (str(alias) && alias !== e.name && !m.aliases.includes(alias)) m.aliases.push(alias);
    mentions.set(e.id, m);
  }

  const edges = new Map<string, EdgeRow>();
  for (const r of facts.relations ?? []) {
    const type = EDGE_OF[r?.type];
    if (!type) { flag(`relation of unknown type ${String(r?.type)}`); continue; }
    if (!entities.has(r.a) || !entities.has(r.b)) { flag(`relation ${r.type} ${r.a} → ${r.b} names an entity not in the article`); continue; }
    if (r.a === r.b) { flag(`relation ${r.type} joins ${r.a} to itself`); continue; }
    const kind = type === 'COLLABORATES' ? (r.kind ?? 'other') : null;
    if (kind && !COLLABORATION_KINDS.includes(kind)) { flag(`relation has unknown collaboration kind ${kind}`); continue; }
    const sentence = r.provenance?.sentence;
    if (!isInt(sentence)) { flag(`relation ${r.a} → ${r.b} has no sentence index`); continue; }
    const row: EdgeRow = {
      type, from: r.a, to: r.b, kind, date: r.date ?? null, evidence: r.evidence ?? '',
      directed: type === 'COLLABORATES' ? r.directed === true : true, sentence, confidence: r.confidence ?? 1,
    };
    // A collaboration is one edge per sentence stating it; a structural link (LOCATED_IN, PART_OF,
    // BRANCH_OF) is one statement per article, from its first sentence.
    const key = type === 'COLLABORATES' ? [type, r.a, r.b, kind, sentence].join('\u0001') : [type, r.a, r.b].join('\u0001');
    const prev = edges.get(key);
    if (!prev || sentence < prev.sentence) edges.set(key, row);
  }

  const figures = new Map<string, FigureRow>();
  for (const f of facts.figures ?? []) {
    if (!str(f?.id)) { flag('figure without id'); continue; }
    if (typeof f.value !== 'number' || !Number.isFinite(f.value)) { flag(`figure ${f.id} has no finite value`); continue; }
    if (f.subjectId != null && !entities.has(f.subjectId)) { flag(`figure ${f.id} is about ${f.subjectId}, not in the article`); continue; }
    const p = f.provenance;
    if (!p || !isInt(p.sentence) || !isInt(p.start) || !isInt(p.end)) { flag(`figure ${f.id} has no provenance`); continue; }
    if (figures.has(f.id)) { flag(`figure id ${f.id} appears twice`); continue; }
    figures.set(f.id, {
      id: f.id, value: f.value, unit: f.unit ?? '', metric: f.metric ?? '', text: f.text ?? '',
      subjectId: f.subjectId ?? null, subject: f.subject ?? null, time: f.time ?? null, approximate: f.approximate === true,
      evidence: f.evidence ?? '', sentence: p.sentence, start: p.start, end: p.end, confidence: f.confidence ?? 1,
    });
  }
  if (before.n) return null;
  const article: ArticleNode = {
    id: a.id, url: a.url ?? null, title: a.title, published: a.published ?? null, source: a.source ?? null,
  };
  return { article, entities: [...entities.values()], mentions: [...mentions.values()], edges: [...edges.values()], figures: [...figures.values()] };
}

/** Aliases of an entity: every surface form its current articles used, sorted, without its name. */
export function mergeAliases(name: string, lists: ReadonlyArray<readonly string[] | null | undefined>): string[] {
  const set = new Set<string>();
  for (const l of lists) for (const a of l ?? []) if (a !== name) set.add(a);
  return [...set].sort();
}
