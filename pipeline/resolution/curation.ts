// Researchers' corrections to resolution: merge two institutions, split surface names off one, rename one,
// retract a wrong edge. Each is checked, written to the curation log in the archive (kept through re-extraction and
// `kg sync --full`, which re-apply it), and the articles it touches are synced again. Shared by the CLI and the API.
import { z } from 'zod';
import type { Archive } from '../../archive/index.ts';
import { CurationError, InstitutionRegistry, type CurationEntry } from '../../archive/registry.ts';
import type { GraphStore } from '../../graph/port.ts';
import type { SearchIndex } from '../../search/port.ts';
import { syncGraph, syncSearch, type SyncSummary } from '../sync.ts';
import { Resolver } from './resolve.ts';

const institutionId = z.string().regex(/^(hospital|org):.{2,}$/u, 'an institution id (hospital:… or org:…)');
const note = z.string().max(500).optional();

export const curationRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('merge'), from: institutionId, into: institutionId, note, actor: z.string().max(100).optional() }).strict(),
  z.object({ action: z.literal('split'), entityId: institutionId, names: z.array(z.string().min(2).max(100)).min(1).max(50), note, actor: z.string().max(100).optional() }).strict(),
  z.object({ action: z.literal('rename'), entityId: institutionId, name: z.string().trim().min(2).max(100), note, actor: z.string().max(100).optional() }).strict(),
  z.object({
    action: z.literal('retract'), articleId: z.string().min(1).max(100), type: z.enum(['COLLABORATES', 'LOCATED_IN', 'BRANCH_OF', 'PART_OF']),
    from: z.string().min(3).max(200), to: z.string().min(3).max(200), note, actor: z.string().max(100).optional(),
  }).strict(),
]);
export type CurationRequest = z.infer<typeof curationRequest>;

export interface CurationResult {
  entry: CurationEntry;
  /** Articles synced again because the decision changes their facts. */
  articles: string[];
  sync: SyncSummary[];
}

interface Stores { archive: Archive; graph: GraphStore; search: SearchIndex }

/** Check, record, re-sync. Bad requests throw CurationError (code CURATION_*) and record nothing. */
export async function curate(stores: Stores, input: unknown): Promise<CurationResult> {
  const parsed = curationRequest.safeParse(input);
  if (!parsed.success) throw new CurationError('CURATION_BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  const req = parsed.data;
  const registry = new InstitutionRegistry(stores.archive.db);
  const known = (id: string) => {
    if (!registry.get(id)) throw new CurationError('CURATION_UNKNOWN_ENTITY', `no institution ${id} in the registry (run kg sync first?)`);
  };
  let entry: CurationEntry;
  let articles: string[];
  if (req.action === 'merge') {
    if (req.from === req.into) throw new CurationError('CURATION_BAD_REQUEST', `cannot merge ${req.from} into itself`);
    if (req.from.split(':')[0] !== req.into.split(':')[0]) throw new CurationError('CURATION_BAD_REQUEST', `${req.from} and ${req.into} are of different types`);
    known(req.from);
    known(req.into);
    articles = registry.articlesResolvingTo([req.from, req.into]);
    entry = registry.record('merge', req.from, { into: req.into }, req.note, req.actor);
  } else if (req.action === 'split') {
    known(req.entityId);
    const names = new Set(registry.resolutionsOf([req.entityId]).map((r) => r.rawName));
    const unknown = req.names.filter((n) => !names.has(n));
    if (unknown.length) throw new CurationError('CURATION_BAD_REQUEST', `${unknown.join(', ')}: not a name resolved to ${req.entityId} (its names: ${[...names].join(', ')})`);
    articles = registry.articlesResolvingTo([req.entityId]);
    entry = registry.record('split', req.entityId, { names: req.names }, req.note, req.actor);
  } else if (req.action === 'rename') {
    known(req.entityId);
    articles = registry.articlesResolvingTo([req.entityId]);
    entry = registry.record('rename', req.entityId, { name: req.name }, req.note, req.actor);
  } else {
    const a = stores.archive.getArticle(req.articleId);
    if (!a) throw new CurationError('CURATION_UNKNOWN_ARTICLE', `no article ${req.articleId}`);
    const k = new Resolver(stores.archive).resolve(a, stores.archive.getKnowledge(a.id));
    const type = { COLLABORATES: 'collaboration', LOCATED_IN: 'located_in', BRANCH_OF: 'branch_of', PART_OF: 'part_of' }[req.type];
    const stated = (k?.relations ?? []).some((r) => r.type === type && ((r.a === req.from && r.b === req.to) || (type === 'collaboration' && r.a === req.to && r.b === req.from)));
    if (!stated) throw new CurationError('CURATION_UNKNOWN_EDGE', `article ${req.articleId} states no ${req.type} ${req.from} → ${req.to}`);
    articles = [req.articleId];
    entry = registry.record('retract', req.from, { articleId: req.articleId, type: req.type, to: req.to }, req.note, req.actor);
  }
  stores.archive.touchArticles(articles);
  const sync = [await syncGraph(stores.archive, stores.graph), await syncSearch(stores.archive, stores.search)];
  return { entry, articles, sync };
}
