// CSV export of a result list: RFC 4180 (CRLF, fields quoted when they hold a comma, quote or line
// break, quotes doubled), with a UTF-8 byte-order mark so Excel opens Chinese text correctly.
import type { SearchHit } from './port.ts';

export const CSV_COLUMNS = ['id', 'title', 'published', 'source', 'url', 'score', 'copies', 'passage'] as const;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Passage HTML (escaped text with <mark>) back to plain text. */
export function plainText(html: string): string {
  return html.replace(/<\/?mark>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}

/** One field, quoted when needed. Leading = + - @ get a ' so a spreadsheet never runs them as formulas. */
export function csvField(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(hits: readonly SearchHit[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const h of hits) {
    rows.push(
      [h.id, plainText(h.titleHighlighted), h.published, h.source, h.url, Number(h.score.toFixed(4)), h.copies.join(' '),
        h.passages.map(plainText).join(' … ')].map(csvField).join(','),
    );
  }
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}
