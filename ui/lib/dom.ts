// Small DOM helpers for the pages: element builder, safe rendering of <mark> highlights, links.
// Pages build elements with `h`, never with innerHTML on server text, so nothing the archive holds can inject markup.

type Child = Node | string | number | null | undefined | false;
/** Children may nest in arrays (lists built with map), at any depth. */
export type Children = Child | Children[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element; `on*` attributes given functions become listeners, `false`/null attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Children[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element | DocumentFragment, children: Children[]): void {
  for (const c of children.flat(Infinity as 1) as Child[]) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescape = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m] ?? m);

/**
 * Turns an HTML-escaped string whose only markup is <mark>…</mark> (search highlights) into nodes.
 * Any other tag stays visible text, so a hostile title cannot add markup.
 */
export function marked(escaped: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  const parts = escaped.split(/(<mark>[\s\S]*?<\/mark>)/);
  for (const part of parts) {
    if (!part) continue;
    const m = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
    frag.append(m ? h('mark', {}, unescape(m[1])) : unescape(part));
  }
  return frag;
}

/** Path of an in-app page, with each id segment encoded (entity ids hold colons and Chinese). */
export function pageHref(page: 'article' | 'entity', id: string): string {
  return `/${page}/${encodeURIComponent(id)}`;
}

/** An in-app link the router follows without reloading. */
export function link(href: string, ...children: Children[]): HTMLAnchorElement {
  return h('a', { href, 'data-link': true }, ...children);
}

/** A status line that screen readers announce (loading, errors, result counts). */
export function status(text: string, kind: 'info' | 'error' = 'info'): HTMLElement {
  return h('p', { class: `status status-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

let fieldSeq = 0;

/** A form control with its label tied by `for`/`id`, so the control's accessible name is exactly the label. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = `f${++fieldSeq}-${control.getAttribute('name') ?? 'field'}`;
  return h('div', { class: 'field' }, h('label', { class: 'field-label', for: control.id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
}
