// The evaluation shape (shared/eval/README.md): names instead of ids, one file per document.
import type { Entity, Knowledge } from '../types.ts';

export interface EvalArticle { title?: string | null; published: string | null; source?: string | null; body: string }

export function toEvalJson(article: EvalArticle, k: Knowledge) {
  const nameOf = new Map(k.entities.map((e) => [e.id, e.name]));
  return {
    title: article.title ?? null,
    published: article.published,
    source: article.source ?? null,
    body: article.body,
    entities: k.entities.filter((e) => !namedOnlyInside(e, k.entities) && !abbreviatedOnly(e, article.body)).map((e) => ({
      type: e.type, name: e.name, aliases: e.aliases,
      ...(e.code ? { code: e.code } : {}), ...(e.role ? { role: e.role } : {}),
    })),
    figures: k.figures.map((f) => ({ text: f.text, value: f.value, unit: f.unit, metric: f.metric, ...(f.label ? { label: f.label } : {}), subject: f.subject, time: f.time })),
    relations: k.relations.map((r) => ({
      type: r.type, a: nameOf.get(r.a) ?? r.a, b: nameOf.get(r.b) ?? r.b,
      ...(r.kind ? { kind: r.kind } : {}), ...(r.directed !== undefined ? { directed: r.directed } : {}),
      date: r.date, evidence: r.evidence, ...(r.project ? { project: nameOf.get(r.project) ?? r.project } : {}),
    })),
  };
}

/**
 * An institution whose every mention lies inside another institution's name (天津市肿瘤医院 read only
 * from 天津市肿瘤医院秦皇岛医院) is kept in Knowledge for BRANCH_OF, but the article does not name it.
 */
function namedOnlyInside(e: Entity, all: Entity[]): boolean {
  if (e.type !== 'hospital' && e.type !== 'organization') return false;
  const spans = all.filter((o) => o !== e && (o.type === 'hospital' || o.type === 'organization')).flatMap((o) => o.mentions);
  return e.mentions.every((m) => spans.some((s) => s.start <= m.start && m.end <= s.end && s.end - s.start > m.end - m.start));
}

/** A place written only as a one-character abbreviation (京 of 京津) is a party of the graph, but no place name of the article. */
function abbreviatedOnly(e: Entity, body: string): boolean {
  return e.type === 'place' && e.mentions.length > 0 && e.mentions.every((m) => m.end - m.start <= 1 && body.length >= m.end);
}
