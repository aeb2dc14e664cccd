// Tiny DOM helpers: build elements without innerHTML, and render highlighted text keeping only <mark>.
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c) el.append(c);
  return el;
}

/** Highlighted text from the API (escaped, matches in <mark>) as nodes: only <mark> survives, everything else is text. */
export function marked(html: string): DocumentFragment {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const n of Array.from(tpl.content.childNodes)) {
    if (n.nodeType === Node.ELEMENT_NODE && (n as Element).tagName === 'MARK') out.append(h('mark', {}, n.textContent ?? ''));
    else out.append(n.textContent ?? '');
  }
  return out;
}

export function formatDate(d: string | null): string {
  if (!d) return '日期不详';
  const [date, time] = d.split('T');
  const [y, m, day] = date.split('-');
  return `${y}年${m ? `${Number(m)}月` : ''}${day ? `${Number(day)}日` : ''}${time ? ` ${time}` : ''}`;
}

export function render(root: HTMLElement, ...children: Child[]): void {
  root.replaceChildren(...children.filter((c): c is Node | string => !!c));
}
