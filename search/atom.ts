// Atom (RFC 4287) rendering of a saved search's alerts: feed id/title/updated/author/link, one entry per
// new hit with its id, title, updated, link and an HTML summary of the highlighted passages.
import type { SearchHit } from './port.ts';

export interface AtomOptions {
  /** Base URL articles without a URL of their own are linked under (…/article/ID). Default http://localhost:4000. */
  baseUrl: string;
  /** Feed generator/author name. Default collab-kg. */
  author: string;
}

const DEFAULTS: AtomOptions = { baseUrl: 'http://localhost:4000', author: 'collab-kg' };

function xml(s: string): string {
  // Characters XML 1.0 forbids are dropped; the rest escaped.
  return s
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** RFC 3339 time for Atom: a bare date gets midnight Beijing time. */
function rfc3339(d: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return `${d}T00:00:00+08:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(d)) return `${d}:00+08:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(d)) return `${d}+08:00`;
  return d;
}

export function renderAtom(
  search: { name: string; query: string },
  entries: Array<{ seenAt: string; hit: SearchHit }>,
  options: Partial<AtomOptions> = {},
): string {
  const o = { ...DEFAULTS, ...options };
  const base = o.baseUrl.replace(/\/+$/, '');
  const feedId = `${base}/saved/${encodeURIComponent(search.name)}`;
  const updated = entries.length ? entries.map((e) => e.seenAt).sort().at(-1)! : new Date().toISOString();
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(feedId)}</id>`,
    `  <title>${xml(`${search.name}: ${search.query}`)}</title>`,
    `  <updated>${rfc3339(updated)}</updated>`,
    `  <author><name>${xml(o.author)}</name></author>`,
    `  <link rel="self" href="${xml(`${feedId}/atom`)}"/>`,
    `  <generator>${xml(o.author)}</generator>`,
  ];
  for (const { seenAt, hit } of entries) {
    const href = hit.url ?? `${base}/article/${encodeURIComponent(hit.id)}`;
    out.push(
      '  <entry>',
      `    <id>${xml(`${base}/article/${encodeURIComponent(hit.id)}`)}</id>`,
      `    <title type="html">${xml(hit.titleHighlighted)}</title>`,
      `    <updated>${rfc3339(seenAt)}</updated>`,
      ...(hit.published ? [`    <published>${rfc3339(hit.published)}</published>`] : []),
      `    <link rel="alternate" href="${xml(href)}"/>`,
      ...(hit.source ? [`    <category term="${xml(hit.source)}"/>`] : []),
      `    <summary type="html">${xml(hit.passages.join('<br/>'))}</summary>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
