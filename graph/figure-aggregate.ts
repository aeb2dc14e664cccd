// Figure aggregates a report can publish. Figures are grouped by the asked dimensions and always by unit and
// status (a plan is not added to what exists). Within a group:
// - counts, beds and money add across distinct subjects (resolved institutions or places): one value per subject,
//   the one marked as a whole (总数, 已达…) first, then the latest stated, then the largest; the others are left
//   out with the reason (the same figure again — a reprint or another article —, a part of the whole, superseded);
// - percentages, rates and per-unit amounts never add: one aggregate per subject and value;
// - 资金 is split by what the money is (投资, 医保结算, 帮扶资金), which never add together;
// - every aggregate lists the facts it adds and the figures it left out, so sum = Σ facts.value.
import { classifyFigure, type FigureMeaning } from '../extractor/knowledge/figure-status.ts';
import type { FigureFact, PlaceRef } from './backend.ts';
import type { AggregateFact, FigureAggregate, FigureQuery, LeftOutFigure } from './port.ts';

export function figureMeaning(f: { text: string; evidence: string; unit: string; metric: string; time: string | null }, published: string | null): FigureMeaning {
  return classifyFigure(f, published);
}

interface Item {
  fact: FigureFact;
  meaning: FigureMeaning;
  subjectKey: string;
  place: PlaceRef | undefined;
}

const LEVEL_RANK: Record<string, number> = { county: 3, city: 2, province: 1 };

/** The most specific place (county over city over province), ties by id. */
export function mostSpecific(places: PlaceRef[]): PlaceRef | undefined {
  return [...places].sort((x, y) => (LEVEL_RANK[y.level ?? ''] ?? 0) - (LEVEL_RANK[x.level ?? ''] ?? 0) || (x.id < y.id ? -1 : 1))[0];
}

/** Aggregates over figure facts already narrowed by metric and subject; `scope` is the place filter (ids). */
export function aggregate(facts: readonly FigureFact[], q: FigureQuery, scope: Set<string> | null): FigureAggregate[] {
  const groupBy = new Set(q.groupBy ?? ['metric', 'place', 'year']);
  const groups = new Map<string, { key: Omit<FigureAggregate, 'sum' | 'count' | 'figureIds' | 'facts' | 'leftOut'>; items: Item[] }>();
  for (const fact of facts) {
    const places = scope ? fact.places.filter((p) => scope.has(p.id)) : fact.places;
    if (scope && !places.length) continue;
    const f = fact.figure;
    const meaning = figureMeaning(f, fact.published);
    const year = meaning.period ? Number(meaning.period.slice(0, 4)) : null;
    if (q.year !== undefined && year !== q.year) continue;
    // no subject: the sentence itself identifies the fact (a reprint repeats it word for word)
    const subjectKey = f.subjectId ?? `sentence:${f.evidence}`;
    const isInstitution = fact.subjectType === 'hospital' || fact.subjectType === 'organization';
    const place = mostSpecific(places);
    const key = {
      metric: groupBy.has('metric') ? meaning.metric : null,
      place: groupBy.has('place') ? (place?.name ?? null) : null,
      institution: groupBy.has('institution') && isInstitution ? fact.subjectName : null,
      year: groupBy.has('year') ? year : null,
      unit: f.unit,
      status: meaning.status,
      additive: meaning.additive,
      // a rate is reported per subject and value, never added
      subject: meaning.additive ? null : subjectKey,
      rate: meaning.additive ? null : f.value,
    };
    const k = JSON.stringify(key);
    const g = groups.get(k) ?? { key: { ...key, subjectName: meaning.additive ? null : (fact.subjectName ?? null) }, items: [] };
    g.items.push({ fact, meaning, subjectKey, place });
    groups.set(k, g);
  }
  const out: FigureAggregate[] = [];
  for (const { key, items } of groups.values()) {
    const { facts: kept, leftOut } = distinctFacts(items);
    const { subject: _s, rate: _r, ...rest } = key as typeof key & { subject?: unknown; rate?: unknown };
    out.push({
      ...rest,
      sum: kept.reduce((s, x) => s + x.value, 0),
      count: kept.length,
      figureIds: kept.map((x) => x.figureId).sort(),
      facts: kept,
      leftOut,
    });
  }
  const order = (a: FigureAggregate) => JSON.stringify([a.metric, a.place, a.institution, a.year, a.unit, a.status, a.subjectName]);
  return out.sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0));
}

/** One fact per subject (additive) or per subject and value (rates); the rest left out with the reason. */
function distinctFacts(items: Item[]): { facts: AggregateFact[]; leftOut: LeftOutFigure[] } {
  const bySubject = new Map<string, Item[]>();
  for (const it of items) {
    const list = bySubject.get(it.subjectKey);
    if (list) list.push(it);
    else bySubject.set(it.subjectKey, [it]);
  }
  const facts: AggregateFact[] = [];
  const leftOut: LeftOutFigure[] = [];
  for (const list of [...bySubject.values()]) {
    const ranked = [...list].sort(preferred);
    const rep = ranked[0];
    const same = ranked.filter((x) => x.fact.figure.value === rep.fact.figure.value);
    facts.push({
      value: rep.fact.figure.value,
      subjectId: rep.fact.figure.subjectId,
      subjectName: rep.fact.subjectName,
      place: rep.place?.name ?? null,
      period: rep.meaning.period,
      status: rep.meaning.status,
      figureId: rep.fact.figure.id,
      figureIds: same.map((x) => x.fact.figure.id).sort(),
    });
    for (const x of ranked.slice(1)) {
      const f = x.fact.figure;
      const r = rep.fact.figure;
      if (f.value === r.value) leftOut.push({ figureId: f.id, code: 'SAME_FACT', reason: `${f.text}: the same figure as ${r.text} (${r.articleId}), stated again (reprint or another article); counted once`, countedAs: r.id });
      else if (f.articleId === r.articleId && rep.meaning.total) leftOut.push({ figureId: f.id, code: 'PART_OF_TOTAL', reason: `${f.text}: a part of the whole ${r.text} in the same article (same subject, ${r.metric}, period); not added to it`, countedAs: r.id });
      else if (f.articleId === r.articleId) leftOut.push({ figureId: f.id, code: 'SAME_SUBJECT', reason: `${f.text}: another ${r.metric} figure about the same subject and period in the same article (a part of ${r.text} or a count of its own); only the largest is counted`, countedAs: r.id });
      else leftOut.push({ figureId: f.id, code: 'SUPERSEDED', reason: `${f.text}: one figure per subject and period; ${r.text} (${r.articleId}: the whole, or stated later) counted instead`, countedAs: r.id });
    }
  }
  facts.sort((a, b) => (a.figureId < b.figureId ? -1 : 1));
  leftOut.sort((a, b) => (a.figureId < b.figureId ? -1 : 1));
  return { facts, leftOut };
}

/** Marked as a whole first, then the latest article, then the largest value, then by id (a stable choice). */
function preferred(a: Item, b: Item): number {
  if (a.meaning.total !== b.meaning.total) return a.meaning.total ? -1 : 1;
  const pa = a.fact.published ?? '';
  const pb = b.fact.published ?? '';
  if (pa !== pb) return pa > pb ? -1 : 1;
  if (a.fact.figure.value !== b.fact.figure.value) return b.fact.figure.value - a.fact.figure.value;
  return a.fact.figure.id < b.fact.figure.id ? -1 : 1;
}
