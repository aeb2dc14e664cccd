// Export of search results for spreadsheets (CSV) and reference managers (RIS: EndNote, Zotero, NoteExpress).
// Fields come from the search hits; CSV cells go through search/csv.ts' csvField (formula guard, quoting).
import { csvField, plainText } from '../../search/csv.ts';

export interface ExportHit {
  articleId: string;
  title: string;
  published: string | null;
  source: string | null;
  url: string | null;
  passages: string[];
  copies: unknown[];
}

export const CSV_HEADER = ['序号', '标题', '发布日期', '来源', '原文链接', '本站链接', '转载数', '摘要'];

const excerpt = (h: ExportHit) => h.passages.map(plainText).join(' … ');

/** One row per hit, in result order, with a byte-order mark so spreadsheet programs read UTF-8. */
export function searchCsv(hits: ExportHit[], origin: string): string {
  const rows = [CSV_HEADER.join(',')];
  hits.forEach((h, i) =>
    rows.push([i + 1, h.title, h.published, h.source, h.url, `${origin}/article/${encodeURIComponent(h.articleId)}`, h.copies.length, excerpt(h)].map((v) => csvField(v)).join(',')),
  );
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** A RIS tag line; line breaks inside a value would end the record, so they become spaces. */
const tag = (t: string, v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? [] : [`${t}  - ${String(v).replace(/\s*[\r\n]+\s*/g, ' ')}`]);

/** RIS records of type NEWS: title, date, publisher, links, abstract (the matching passages). */
export function searchRis(hits: ExportHit[], origin: string): string {
  const records = hits.map((h) => {
    const d = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(h.published ?? '');
    return [
      'TY  - NEWS',
      ...tag('TI', h.title),
      ...tag('PY', d?.[1]),
      ...tag('DA', d ? [d[1], d[2] ?? '', d[3] ?? ''].join('/') : null),
      ...tag('PB', h.source),
      ...tag('UR', h.url ?? `${origin}/article/${encodeURIComponent(h.articleId)}`),
      ...tag('AB', excerpt(h)),
      ...tag('N1', h.copies.length ? `另有 ${h.copies.length} 处转载` : null),
      'ER  - ',
    ].join('\r\n');
  });
  return records.join('\r\n\r\n') + (records.length ? '\r\n' : '');
}

/** Hands text to the browser as a file download. */
export function download(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
