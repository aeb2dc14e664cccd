// Place mentions in one sentence: longest gazetteer match at token starts, ambiguity resolved later.
import { gazetteer, matchPlaceAt, type Gazetteer, type Place } from './gazetteer.ts';
import type { Token } from './segment.ts';

export interface PlaceMention {
  form: string;
  /** Offsets in the sentence. */
  start: number;
  end: number;
  candidates: Place[];
  compound: boolean;
}

/** An institution ending within reach makes a county short form (黄骅 in 黄骅视光眼科医院) a place. */
const INSTITUTION_AHEAD = /^[^，。、；：,.;:\s“”《》()（）]{0,10}?(医院|院区|大学|学院)/u;

/** Finds place mentions; `starts` are token start offsets, so a name is not read from inside a word. */
export function scanPlaces(text: string, tokens: Token[], g: Gazetteer = gazetteer()): PlaceMention[] {
  let ends: Set<number> | null = null;
  const out: PlaceMention[] = [];
  let lastEnd = -1;
  const tryAt = (i: number, chained: boolean) => {
    const m = matchPlaceAt(g, text, i);
    if (!m) return;
    const end = i + m.form.length;
    if (m.entry.weak && !INSTITUTION_AHEAD.test(text.slice(end, end + 16))) return;
    const short = !m.entry.compound && m.entry.places.every((p) => p.name !== m.form && p.level !== 'region');
    if (short && !m.entry.places.some((p) => p.level === 'province')) {
      // a short form ends where a word ends (广安门医院 is no 广安市)
      ends ??= new Set(tokens.map((t) => t.end));
      if (!ends.has(end)) return;
    }
    // after a place, a short form must lie under it (北京同仁医院 is no 同仁市)
    if (chained && short && !m.entry.places.some((p) => g.ancestors(p.code).some((a) => out[out.length - 1].candidates.some((c) => c.code === a)))) return;
    out.push({ form: m.form, start: i, end, candidates: m.entry.places, compound: m.entry.compound });
    lastEnd = end;
  };
  for (const t of tokens) {
    if (lastEnd > t.start && lastEnd < t.end) tryAt(lastEnd, true); // a place ending inside a word may be followed by another
    if (t.start < lastEnd) continue;
    tryAt(t.start, t.start === lastEnd);
  }
  return out;
}

/**
 * Picks one place for an ambiguous form: the one under a place named just before it
 * (北京朝阳区), else one under a place the document names without ambiguity, else the first.
 */
export function choosePlace(g: Gazetteer, candidates: Place[], previous: Place | null, docCodes: Set<string>): Place {
  if (candidates.length === 1) return candidates[0];
  if (previous) {
    const under = candidates.find((c) => g.ancestors(c.code).includes(previous.code));
    if (under) return under;
  }
  const inDoc = candidates.find((c) => g.ancestors(c.code).some((a) => docCodes.has(a)));
  if (inDoc) return inDoc;
  const order = { region: 0, province: 1, city: 2, county: 3 } as const;
  return [...candidates].sort((a, b) => order[a.level] - order[b.level])[0];
}
