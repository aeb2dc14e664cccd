// Marks the searched words in a rendered article (the words the search marked in the hit, passed as ?hl=…),
// and a bar that counts them and steps from one to the next; the page opens at the first.
import { h } from './dom.ts';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Wraps every occurrence of the terms in the text under `root` in <mark class="term">; returns the marks in order. */
export function markTerms(root: HTMLElement, terms: string[]): HTMLElement[] {
  const words = [...new Set(terms.map((t) => t.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!words.length) return [];
  const re = new RegExp(words.map(escapeRe).join('|'), 'g');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  const marks: HTMLElement[] = [];
  for (const t of texts) {
    const s = t.data;
    const found = [...s.matchAll(re)];
    if (!found.length) continue;
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const m of found) {
      frag.append(s.slice(last, m.index));
      const mark = h('mark', { class: 'term' }, m[0]);
      marks.push(mark);
      frag.append(mark);
      last = (m.index ?? 0) + m[0].length;
    }
    frag.append(s.slice(last));
    t.replaceWith(frag);
  }
  return marks;
}

/** "检索词出现 N 处 [下一处]": Tab-reachable, each press moves to and announces the next occurrence. */
export function termBar(terms: string[], marks: HTMLElement[]): HTMLElement {
  if (!marks.length) return h('p', { class: 'term-bar', role: 'status' }, `检索词“${terms.join('、')}”没有出现在正文中（可能只在标题或转载中）。`);
  let i = 0;
  const where = h('span', { 'aria-live': 'polite' }, `第 1 / ${marks.length} 处`);
  const go = (step: number) => {
    marks[i].classList.remove('term-current');
    i = (i + step + marks.length) % marks.length;
    show(marks[i]);
    where.textContent = `第 ${i + 1} / ${marks.length} 处`;
  };
  return h(
    'p',
    { class: 'term-bar' },
    `检索词“${terms.join('、')}”在文中出现 ${marks.length} 处 · `,
    where,
    ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => go(-1) }, '上一处'),
    ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => go(1) }, '下一处'),
  );
}

export function show(mark: HTMLElement): void {
  mark.classList.add('term-current');
  mark.scrollIntoView({ block: 'center' });
}
