// Hand-written SVG bar charts. Horizontal bars with the label above each bar: Chinese labels stay
// readable at phone width, and percentages in x/width let the chart fill any width without rescaling text.
import { formatNumber } from './format.ts';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 40;

export interface Bar {
  label: string;
  value: number;
}

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

let chartSeq = 0;

/** A bar chart with one row per bar; `title` names it for screen readers, the table beside it holds the numbers. */
export function barChart(title: string, bars: Bar[], unit: string): SVGSVGElement {
  const id = `chart-${++chartSeq}`;
  const max = Math.max(...bars.map((b) => b.value), 0) || 1;
  const svg = el('svg', { class: 'bar-chart', width: '100%', height: Math.max(bars.length, 1) * ROW + 4, role: 'img', 'aria-labelledby': id }) as SVGSVGElement;
  svg.append(el('title', { id }, `${title}（${bars.map((b) => `${b.label} ${formatNumber(b.value)}${unit}`).join('，')}）`));
  bars.forEach((b, i) => {
    const y = i * ROW;
    const g = el('g', { class: 'bar' });
    g.append(el('text', { x: 0, y: y + 14, class: 'bar-label' }, b.label));
    g.append(el('text', { x: '100%', y: y + 14, 'text-anchor': 'end', class: 'bar-value' }, `${formatNumber(b.value)} ${unit}`));
    g.append(el('rect', { x: 0, y: y + 20, height: 14, rx: 2, width: `${Math.max((b.value / max) * 100, 0.5).toFixed(2)}%`, class: 'bar-rect' }));
    svg.append(g);
  });
  return svg;
}
