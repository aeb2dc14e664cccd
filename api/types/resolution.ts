// Institution resolution in the API: where an entity sits in the archive-wide registry, why each surface name
// was joined to it (rule and evidence), its curation log; and the curation mutations (behind the API key).
import { InstitutionRegistry, type CurationEntry, type InstitutionRecord, type ResolutionRecord } from '../../archive/registry.ts';
import { CurationError } from '../../archive/registry.ts';
import { builder, type ApiContext } from '../builder.ts';
import { OperationFailedError } from '../errors.ts';
import { EdgeTypeEnum } from './enums.ts';
import { decodeId } from './inputs.ts';
import { errors } from './mutations.ts';
import { ArticleRef, EntityRef } from './refs.ts';

const InstitutionRef = builder.objectRef<InstitutionRecord>('Institution').implement({
  description: 'The registry record of an institution: one per institution across the archive.',
  fields: (t) => ({
    name: t.exposeString('name'),
    type: t.exposeString('type'),
    location: t.exposeString('location', { nullable: true, description: 'GB/T 2260 code of where it is (a branch: its own place, not its parent\'s).' }),
    place: t.field({ type: EntityRef, nullable: true, resolve: (i) => (i.location ? `place:${i.location}` : null) }),
    parent: t.field({ type: EntityRef, nullable: true, description: 'The institution it is a branch (院区, 分院) of; the graph links them with BRANCH_OF.', resolve: (i) => i.parent }),
    branches: t.field({ type: [EntityRef], description: 'Its branches: each its own institution, BRANCH_OF this one.', resolve: (i, _a, ctx) => registry(ctx).branchesOf(i.id).map((b) => b.id) }),
  }),
});

const ResolutionRef = builder.objectRef<ResolutionRecord>('Resolution').implement({
  description: 'Why one surface name in one article was joined to this entity.',
  fields: (t) => ({
    name: t.exposeString('rawName', { description: 'The name as the extractor read it.' }),
    rule: t.exposeString('rule', { description: 'Rules applied, in order (own-name: none was needed).' }),
    evidence: t.exposeString('evidence'),
    article: t.field({ type: ArticleRef, resolve: (r) => r.articleId }),
  }),
});

const CurationEntryRef = builder.objectRef<CurationEntry>('CurationEntry').implement({
  description: "A researcher's decision in the curation log, re-applied on every sync.",
  fields: (t) => ({
    curationId: t.exposeInt('id'),
    at: t.exposeString('at'),
    action: t.exposeString('action'),
    entityId: t.exposeString('entityId'),
    payload: t.string({ description: 'JSON: into (merge), names (split), name (rename), articleId/type/to (retract).', resolve: (e) => JSON.stringify(e.payload) }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const registry = (ctx: ApiContext) => new InstitutionRegistry(ctx.services.archive.db);

builder.objectFields(EntityRef, (t) => ({
  institution: t.field({ type: InstitutionRef, nullable: true, description: 'The registry record (hospitals and organizations).', resolve: (e, _a, ctx) => registry(ctx).get(e.id) }),
  resolution: t.field({
    type: [ResolutionRef],
    description: 'Every surface name joined to this entity, by which rule and on what evidence.',
    resolve: (e, _a, ctx) => registry(ctx).resolutionsOf([e.id]),
  }),
  curation: t.field({ type: [CurationEntryRef], description: 'Curation decisions about this entity.', resolve: (e, _a, ctx) => registry(ctx).curationOf([e.id]) }),
}));

const CurationResultRef = builder.objectRef<{ entry: CurationEntry; articles: string[] }>('CurationResult').implement({
  fields: (t) => ({
    entry: t.field({ type: CurationEntryRef, resolve: (r) => r.entry }),
    articlesSynced: t.int({ resolve: (r) => r.articles.length }),
  }),
});

/** Record and apply; a refused request comes back as a typed OperationFailedError (code CURATION_*). */
async function apply(ctx: ApiContext, request: Record<string, unknown>) {
  const { curate } = await import('../../pipeline/resolution/curation.ts');
  try {
    return await curate(ctx.services, request);
  } catch (e) {
    if (e instanceof CurationError) throw new OperationFailedError(e.code, e.message);
    throw e;
  }
}

const ent = (id: string) => decodeId(id, 'Entity');

builder.mutationFields((t) => ({
  mergeEntities: t.field({
    type: CurationResultRef, authScopes: { apiKey: true }, errors,
    description: '`from` becomes part of `into` (both institutions); recorded in the curation log and applied now.',
    args: { from: t.arg.id({ required: true }), into: t.arg.id({ required: true }), note: t.arg.string({ required: false }) },
    resolve: (_r, a, ctx) => apply(ctx, { action: 'merge', from: ent(String(a.from)), into: ent(String(a.into)), note: a.note ?? undefined, actor: 'api' }),
  }),
  splitEntity: t.field({
    type: CurationResultRef, authScopes: { apiKey: true }, errors,
    description: 'These surface names of the entity become institutions of their own.',
    args: { entityId: t.arg.id({ required: true }), names: t.arg.stringList({ required: true }), note: t.arg.string({ required: false }) },
    resolve: (_r, a, ctx) => apply(ctx, { action: 'split', entityId: ent(String(a.entityId)), names: a.names, note: a.note ?? undefined, actor: 'api' }),
  }),
  renameEntity: t.field({
    type: CurationResultRef, authScopes: { apiKey: true }, errors,
    description: 'Show the entity under this name (its id stays).',
    args: { entityId: t.arg.id({ required: true }), name: t.arg.string({ required: true }), note: t.arg.string({ required: false }) },
    resolve: (_r, a, ctx) => apply(ctx, { action: 'rename', entityId: ent(String(a.entityId)), name: a.name, note: a.note ?? undefined, actor: 'api' }),
  }),
  retractEdge: t.field({
    type: CurationResultRef, authScopes: { apiKey: true }, errors,
    description: 'Drop a wrong edge an article states (it stays retracted through re-extraction and full syncs).',
    args: {
      articleId: t.arg.id({ required: true }), type: t.arg({ type: EdgeTypeEnum, required: true }),
      fromId: t.arg.id({ required: true }), toId: t.arg.id({ required: true }), note: t.arg.string({ required: false }),
    },
    resolve: (_r, a, ctx) => apply(ctx, {
      action: 'retract', articleId: decodeId(String(a.articleId), 'Article'), type: a.type, from: ent(String(a.fromId)), to: ent(String(a.toId)), note: a.note ?? undefined, actor: 'api',
    }),
  }),
}));
