// Data tables and CSV export. The CSV starts with a BOM so spreadsheet programs read the Chinese text as UTF-8.
import { h } from './dom.ts';

export interface Column<Row> {
  label: string;
  /** Cell content for the page (text or nodes). */
  cell: (row: Row) => Node | string;
  /** Plain value for the CSV; defaults to the cell's text. */
  csv?: (row: Row) => string | number | null;
  numeric?: boolean;
}

export function dataTable<Row>(columns: Column<Row>[], rows: Row[], caption: string): HTMLElement {
  const table = h(
    'table',
    { class: 'data' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.numeric ? 'num' : null }, c.cell(r)))))),
  );
  // Wide tables scroll inside their own box at phone width instead of widening the page.
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': caption }, table);
}

function quote(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<Row>(columns: Column<Row>[], rows: Row[]): string {
  const text = (c: Column<Row>, r: Row) => {
    if (c.csv) return c.csv(r);
    const v = c.cell(r);
    return typeof v === 'string' ? v : (v.textContent ?? '');
  };
  const lines = [columns.map((c) => quote(c.label)).join(','), ...rows.map((r) => columns.map((c) => quote(text(c, r))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A download link for CSV text; the object URL is made when clicked so it always holds the current rows. */
export function csvLink(label: string, filename: string, csv: () => string): HTMLAnchorElement {
  const a = h('a', { class: 'button', href: '#', download: filename }, label);
  a.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([csv()], { type: 'text/csv;charset=utf-8' }));
    a.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return a;
}
