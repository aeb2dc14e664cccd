// The evaluation shape (shared/eval/README.md): names instead of ids, one file per document.
import type { Knowledge } from '../types.ts';

export interface EvalArticle { title?: string | null; published: string | null; source?: string | null; body: string }

export function toEvalJson(article: EvalArticle, k: Knowledge) {
  const nameOf = new Map(k.entities.map((e) => [e.id, e.name]));
  return {
    title: article.title ?? null,
    published: article.published,
    source: article.source ?? null,
    body: article.body,
    entities: k.entities.map((e) => ({
      type: e.type, name: e.name, aliases: e.aliases,
      ...(e.code ? { code: e.code } : {}), ...(e.role ? { role: e.role } : {}),
    })),
    figures: k.figures.map((f) => ({ text: f.text, value: f.value, unit: f.unit, metric: f.metric, subject: f.subject, time: f.time })),
    relations: k.relations.map((r) => ({
      type: r.type, a: nameOf.get(r.a) ?? r.a, b: nameOf.get(r.b) ?? r.b,
      ...(r.kind ? { kind: r.kind } : {}), ...(r.directed !== undefined ? { directed: r.directed } : {}),
      date: r.date, evidence: r.evidence,
    })),
  };
}
