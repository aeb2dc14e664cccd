// Writes of the Neo4j adapter: one chunk of articles replaced inside one transaction. Each statement is
// an `UNWIND $rows` over the whole chunk (one round trip per kind of fact, not per article), MATCHing
// and MERGEing on the indexed ids; per-pair summaries (link support, collaboration pair counts) are
// updated by the deltas this chunk causes, computed here from what was dropped and what is written.
import type { ManagedTransaction } from 'neo4j-driver';
import { ENTITY_TYPES, mergeAliases, STRUCTURAL_TYPES, type ArticleRows, type EdgeRow, type EntityRow } from './facts.ts';
import { LABEL, W } from './neo4j-cypher.ts';
import { intIn, mentionOrderKey } from './neo4j-values.ts';

interface Dropped {
  /** Entities that lost a mention; those whose lost mention carried aliases. */
  all: Set<string>;
  withAliases: Set<string>;
}

interface LinkDelta {
  type: string;
  from: string;
  to: string;
  delta: number;
  dropped: string[];
  best: { articleId: string; sentence: unknown; date: string | null; evidence: string; confidence: number } | null;
}

/** A collaboration's unordered pair, as stored in `COLLABORATES.pair` and looked up by edgesBetween. */
export const pairKey = (x: string, y: string) => (x < y ? `${x}\u0001${y}` : `${y}\u0001${x}`);

class Deltas {
  readonly links = new Map<string, LinkDelta>();
  readonly pairs = new Map<string, { a: string; b: string; delta: number }>();

  link(type: string, from: string, to: string): LinkDelta {
    const k = `${type}\u0001${from}\u0001${to}`;
    let d = this.links.get(k);
    if (!d) this.links.set(k, (d = { type, from, to, delta: 0, dropped: [], best: null }));
    return d;
  }

  pair(x: string, y: string, delta: number): void {
    const [a, b] = x < y ? [x, y] : [y, x];
    const k = `${a}\u0001${b}`;
    const p = this.pairs.get(k) ?? { a, b, delta: 0 };
    p.delta += delta;
    this.pairs.set(k, p);
  }
}

/** Deletes the articles' mentions, figures, collaborations and statements; returns what changed. */
async function drop(tx: ManagedTransaction, articleIds: string[], d: Deltas): Promise<Dropped> {
  // New articles (the whole of a first sync) have nothing to drop: one look-up instead of four deletes.
  const ids = (await tx.run(W.existing, { ids: articleIds })).records.map((r) => r.get('id') as string);
  if (!ids.length) return { all: new Set(), withAliases: new Set() };
  const res = await tx.run(W.dropMentions, { ids });
  await tx.run(W.dropFigures, { ids });
  for (const r of (await tx.run(W.dropCollaborations, { ids })).records) d.pair(r.get('a'), r.get('b'), -1);
  for (const r of (await tx.run(W.dropStatements, { ids })).records) {
    const l = d.link(r.get('type'), r.get('from'), r.get('to'));
    l.delta--;
    l.dropped.push(r.get('id'));
  }
  const all = new Set<string>();
  const withAliases = new Set<string>();
  for (const r of res.records) {
    all.add(r.get('eid'));
    if (r.get('hadAliases')) withAliases.add(r.get('eid'));
  }
  return { all, withAliases };
}

/** Applies the link and pair deltas of a chunk. */
async function applyDeltas(tx: ManagedTransaction, d: Deltas): Promise<void> {
  for (const t of STRUCTURAL_TYPES) {
    const rows = [...d.links.values()].filter((l) => l.type === t);
    if (!rows.length) continue;
    await tx.run(W.linkSupport(t), { rows: rows.map((l) => ({ from: l.from, to: l.to, delta: intIn(l.delta), best: l.best })) });
    const lost = rows.filter((l) => l.dropped.length);
    if (lost.length) await tx.run(W.linkLost(t), { rows: lost.map((l) => ({ from: l.from, to: l.to, dropped: l.dropped })) });
    const better = rows.filter((l) => l.best);
    if (better.length) await tx.run(W.linkBetter(t), { rows: better.map((l) => ({ from: l.from, to: l.to, best: l.best })) });
  }
  const pairs = [...d.pairs.values()].filter((p) => p.delta !== 0).map((p) => ({ ...p, delta: intIn(p.delta) }));
  if (pairs.length) await tx.run(W.pairs, { rows: pairs });
}

export async function writeChunk(tx: ManagedTransaction, chunk: ArticleRows[]): Promise<void> {
  const d = new Deltas();
  const dropped = await drop(tx, chunk.map((r) => r.article.id), d);
  await tx.run(W.articles, { rows: chunk.map((r) => r.article) });
  // One row per entity, later articles filling in what earlier ones lacked (as the embedded store does).
  const entities = new Map<string, EntityRow>();
  for (const r of chunk) for (const e of r.entities) {
    const prev = entities.get(e.id);
    entities.set(e.id, prev ? { ...e, code: e.code ?? prev.code, level: e.level ?? prev.level, role: e.role ?? prev.role } : e);
  }
  for (const type of ENTITY_TYPES) {
    const rowsOfType = [...entities.values()].filter((e) => e.type === type);
    if (rowsOfType.length) await tx.run(W.entities(LABEL[type]), { rows: rowsOfType });
  }
  const mentions = chunk.flatMap((r) => r.mentions.map((m) => ({
    ...m, articleId: r.article.id, count: intIn(m.count), recent: mentionOrderKey(m.entityId, r.article.published ?? null, r.article.id),
  })));
  await tx.run(W.mentions, { rows: mentions });

  const collabs: Array<EdgeRow & { articleId: string }> = [];
  const statements: Array<EdgeRow & { articleId: string }> = [];
  for (const r of chunk) for (const e of r.edges) (e.type === 'COLLABORATES' ? collabs : statements).push({ ...e, articleId: r.article.id });
  const bolt = (e: EdgeRow & { articleId: string }) => ({ ...e, sentence: intIn(e.sentence) });
  if (collabs.length) await tx.run(W.collaborations, { rows: collabs.map((e) => ({ ...bolt(e), pair: pairKey(e.from, e.to) })) });
  for (const e of collabs) d.pair(e.from, e.to, +1);
  if (statements.length) await tx.run(W.statements, { rows: statements.map(bolt) });
  for (const e of statements) {
    const l = d.link(e.type, e.from, e.to);
    l.delta++;
    if (!l.best || e.articleId < l.best.articleId) {
      l.best = { articleId: e.articleId, sentence: intIn(e.sentence), date: e.date, evidence: e.evidence, confidence: e.confidence };
    }
  }
  await applyDeltas(tx, d);

  const figures = chunk.flatMap((r) => r.figures.map((f) => ({
    ...f, articleId: r.article.id, sentence: intIn(f.sentence), start: intIn(f.start), end: intIn(f.end),
  })));
  if (figures.length) {
    await tx.run(W.dropFiguresById, { ids: figures.map((f) => f.id) }); // a figure id written again moves to its new article
    await tx.run(W.figures, { rows: figures });
  }
  // Aliases: recomputed from every mention where a dropped mention had some (one may have vanished),
  // else merged with the new mentions' aliases: no walk over a hub's thousands of mentions per chunk.
  const added = new Map<string, string[]>();
  for (const m of mentions) if (m.aliases.length) added.set(m.entityId, [...(added.get(m.entityId) ?? []), ...m.aliases]);
  const full = [...dropped.withAliases];
  const incremental = [...added.keys()].filter((id) => !dropped.withAliases.has(id));
  await refreshEntities(tx, [...dropped.all].filter((id) => !entities.has(id)), full, incremental, added);
}

export async function removeChunk(tx: ManagedTransaction, ids: string[]): Promise<void> {
  const d = new Deltas();
  const dropped = await drop(tx, ids, d);
  await applyDeltas(tx, d);
  await tx.run(W.dropArticles, { ids });
  await refreshEntities(tx, [...dropped.all], [...dropped.withAliases], [], new Map());
}

/**
 * Entities no article mentions any more are removed (only those that lost a mention can be);
 * aliases are recomputed from all mentions (`full`) or merged with this chunk's (`incremental`).
 */
async function refreshEntities(tx: ManagedTransaction, lostMention: string[], full: string[], incremental: string[], added: Map<string, string[]>): Promise<void> {
  const orphans = lostMention.length ? (await tx.run(W.orphans, { ids: lostMention })).records.map((r) => r.get('id') as string) : [];
  if (orphans.length) await tx.run(W.dropEntities, { ids: orphans });
  const rows: Array<{ id: string; aliases: string[] }> = [];
  const gone = new Set(orphans);
  const collect = async (cypher: string, ids: string[], extra: (id: string) => string[]) => {
    if (!ids.length) return;
    for (const r of (await tx.run(cypher, { ids })).records) {
      rows.push({ id: r.get('id'), aliases: mergeAliases(r.get('name'), [...(r.get('lists') as string[][]), extra(r.get('id'))]) });
    }
  };
  await collect(W.mentionAliases, full.filter((id) => !gone.has(id)), () => []);
  await collect(W.entityAliases, incremental, (id) => added.get(id) ?? []);
  if (rows.length) await tx.run(W.setAliases, { rows });
}
