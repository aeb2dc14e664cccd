// Place mentions in one sentence: longest gazetteer match at token starts, ambiguity resolved later.
import { gazetteer, matchPlaceAt, type Gazetteer, type Place } from './gazetteer.ts';
import type { Token } from './segment.ts';
import { charClass } from './chars.ts';

export interface PlaceMention {
  form: string;
  /** Offsets in the sentence. */
  start: number;
  end: number;
  candidates: Place[];
  compound: boolean;
}

/** Ends a clause: an institution word beyond it is not part of the same name. */
const AHEAD_BREAK = charClass(/[，。、；：,.;:\s“”《》()（）]/u);
const INSTITUTION_WORDS = ['医院', '院区', '大学', '学院'];
/** Last characters of institution names (局, 委, 院, 府…): a 和 after them joins two institutions. */
export const AFTER_INSTITUTION = charClass(/[局委院府所厅部站办社会]/u);

/**
 * An institution word (医院, 院区, 大学, 学院) within ten characters after `from`, in the same clause and
 * within 16 code units: a county short form before it is a place (黄骅 in 黄骅视光眼科医院).
 */
export function institutionAhead(text: string, from: number): boolean {
  const limit = Math.min(text.length, from + 16);
  let i = from;
  for (let n = 0; n <= 10 && i < limit; n++) {
    if (i + 2 <= limit) for (const w of INSTITUTION_WORDS) if (text.startsWith(w, i)) return true;
    const c = text.charCodeAt(i);
    // a character outside the BMP is one character, and never a break
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < limit) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { i += 2; continue; }
    }
    if (AHEAD_BREAK.at(text, i)) return false;
    i++;
  }
  return false;
}

/** Finds place mentions; `starts` are token start offsets, so a name is not read from inside a word. */
export function scanPlaces(text: string, tokens: Token[], g: Gazetteer = gazetteer(), weak?: PlaceMention[]): PlaceMention[] {
  const out: PlaceMention[] = [];
  let lastEnd = -1;
  for (const t of tokens) {
    if (lastEnd > t.start && lastEnd < t.end) { // a place ending inside a word may be followed by another
      const m = placeAt(g, text, tokens, lastEnd, out.length ? out[out.length - 1] : null, weak);
      if (m) { out.push(m); lastEnd = m.end; }
    }
    if (t.start < lastEnd) continue;
    const m = placeAt(g, text, tokens, t.start, t.start === lastEnd ? out[out.length - 1] : null, weak);
    if (m) { out.push(m); lastEnd = m.end; }
  }
  return out;
}

/** The place mention starting at `i`, or null; `previous` is the place it directly follows, if any. */
function placeAt(g: Gazetteer, text: string, tokens: Token[], i: number, previous: PlaceMention | null, weak?: PlaceMention[]): PlaceMention | null {
  // 县卫健局和县医保局: 和 right after an institution is the conjunction, not the start of 和县
  if (text.charCodeAt(i) === 0x548c && i > 0 && AFTER_INSTITUTION.at(text, i - 1)) return null;
  const m = matchPlaceAt(g, text, i);
  if (!m) return null;
  const end = i + m.form.length;
  if (m.entry.weak && !institutionAhead(text, end)) {
    // 察隅 alone may be a word; it is the county once the document names 察隅县 (collected for that check)
    if (weak && tokenEndsAt(tokens, end) && m.entry.places.length === 1) weak.push({ form: m.form, start: i, end, candidates: m.entry.places, compound: false });
    return null;
  }
  const short = !m.entry.compound && isShortForm(m.form, m.entry.places);
  if (short && !hasProvince(m.entry.places)) {
    // a short form ends where a word ends (广安门医院 is no 广安市)
    if (!tokenEndsAt(tokens, end)) return null;
  }
  // after a place, a short form must lie under it (北京同仁医院 is no 同仁市)
  if (previous && short && !m.entry.places.some((p) => g.ancestors(p.code).some((a) => previous.candidates.some((c) => c.code === a)))) return null;
  return { form: m.form, start: i, end, candidates: m.entry.places, compound: m.entry.compound };
}

/** A form that is no place's full name and names no region (保定 for 保定市). */
function isShortForm(form: string, places: Place[]): boolean {
  for (const p of places) if (p.name === form || p.level === 'region') return false;
  return true;
}

function hasProvince(places: Place[]): boolean {
  for (const p of places) if (p.level === 'province') return true;
  return false;
}

/** Does a token end at `end`? Binary search: tokens are in order and do not overlap. */
function tokenEndsAt(tokens: Token[], end: number): boolean {
  let lo = 0, hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = tokens[mid].end;
    if (e === end) return true;
    if (e < end) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
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
