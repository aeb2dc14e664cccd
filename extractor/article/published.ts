// Publish time. What the reader sees next to the headline comes first (the header zone between the
// headline and the body), then the page's publish metadata, then a date line just above the
// headline (e-paper edition dates), a labelled date after the body, <time>, and the URL. Dates in
// related lists and footers (copyright years) are never in those places.
import type { PageMeta } from './types.ts';
import { isUpdateTime, labelledDate, parseDateText, parseIsoDate, parseUrlDate } from './date.ts';

/** Where a publish date may be read, in order of trust. */
export interface DateZones {
  /** Lines from the headline to the body. */
  header: string[];
  /** A few lines just before the headline (nearest last). */
  before: string[];
  /** A few lines right after the body. */
  trailer: string[];
}

// Meta names that carry the publish time (article:published_time, pubdate, publishdate, PubDate,
// og:release_date, dc.date, ptime…). Keys are lower-cased by the parser.
const META_KEY = /publish|pubdate|pubtime|release|datepublished|^date$|dc\.date|firstpublishedtime|^ptime$|create/;
// Today's date in a site's top bar, not the article's.
const TODAY = /今天是|今日是|今天|当前时间|欢迎/;

export function findPublished(zones: DateZones, meta: PageMeta | null, url: string | null): string | null {
  // Joined, so a time on the line after its date (发布日期: 2024-05-10 / 08:42) is kept.
  const joined = zones.header.join(' ');
  const labelled = labelledDate(joined, true);
  if (labelled) return labelled;
  // An unlabelled date beside the headline is the publish time; an update time shown with it
  // (最后更新: …) is later, so it is taken only when the header shows no other date.
  for (const t of zones.header) {
    if (t.length > 120 || isUpdateTime(t)) continue;
    const d = parseDateText(t);
    if (d) return d;
  }
  const updated = labelledDate(joined);
  if (updated) return updated;
  const fromMeta = meta ? metaDate(meta) : null;
  if (fromMeta) return fromMeta;
  for (let i = zones.before.length - 1; i >= 0; i--) {
    const t = zones.before[i];
    if (t.length > 80 || TODAY.test(t)) continue;
    const d = labelledDate(t) ?? parseDateText(t);
    if (d) return d;
  }
  for (const t of zones.trailer) {
    const d = t.length <= 120 ? labelledDate(t) : null;
    if (d) return d;
  }
  if (meta) {
    for (const t of meta.times) {
      const d = parseIsoDate(t);
      if (d) return d;
    }
  }
  return parseUrlDate(url);
}

/** Publish time from meta tags, then JSON-LD datePublished. */
export function metaDate(meta: PageMeta): string | null {
  for (const [k, v] of meta.metas) {
    if (!META_KEY.test(k) || /modif|update|expire/.test(k)) continue;
    const d = parseIsoDate(v);
    if (d) return d;
  }
  for (const raw of meta.jsonLd) {
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(raw);
    const d = m ? parseIsoDate(m[1]) : null;
    if (d) return d;
  }
  return null;
}
