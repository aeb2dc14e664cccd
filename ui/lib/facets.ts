// The facet panel of the search page: each facet's values with counts as filter toggles, the first few shown
// and the rest behind a "more" button, and a box that narrows a long facet to the values containing its text.
import { h } from './dom.ts';
import { FACET_LABELS } from './format.ts';

export interface Facet {
  field: string;
  values: Array<{ key: string; count: number }>;
}

/** Values shown before "more". */
export const FACET_SHOWN = 8;

export interface FacetOptions {
  /** Display text of a value (kinds are translated). */
  label: (field: string, key: string) => string;
  /** Whether the value is a chosen filter. */
  on: (field: string, key: string) => boolean;
  /** URL that toggles the value. */
  toggle: (field: string, key: string) => string;
}

let seq = 0;

export function facetGroup(f: Facet, o: FacetOptions): HTMLElement {
  const id = `facet-${++seq}`;
  const items = f.values.map((v) => {
    const chosen = o.on(f.field, v.key);
    const li = h('li', {}, h('a', { href: o.toggle(f.field, v.key), 'data-link': true, class: chosen ? 'facet-on' : null, 'aria-pressed': chosen ? 'true' : 'false' }, chosen ? '✓ ' : '', o.label(f.field, v.key), ' ', h('span', { class: 'count' }, `(${v.count})`)));
    li.dataset.text = o.label(f.field, v.key);
    // Chosen values stay visible even when they rank below the fold.
    li.dataset.always = chosen ? '1' : '';
    return li;
  });
  const list = h('ul', { id }, items);
  const name = FACET_LABELS[f.field] ?? f.field;
  let expanded = false;
  let filter = '';
  const more = f.values.length > FACET_SHOWN ? h('button', { type: 'button', class: 'link-button facet-more', 'aria-controls': id, 'aria-expanded': 'false' }) : null;
  const count = h('small', { class: 'facet-matches', role: 'status' });
  const update = () => {
    let shown = 0;
    items.forEach((li, i) => {
      const match = !filter || li.dataset.text!.toLowerCase().includes(filter);
      const visible = filter ? match : expanded || i < FACET_SHOWN || li.dataset.always === '1';
      li.hidden = !visible;
      if (visible) shown++;
    });
    if (more) {
      more.hidden = !!filter;
      more.textContent = expanded ? '收起' : `更多（共 ${f.values.length} 项）`;
      more.setAttribute('aria-expanded', String(expanded));
    }
    count.textContent = filter ? (shown ? `${shown} 项符合` : '没有符合的项') : '';
  };
  more?.addEventListener('click', () => {
    expanded = !expanded;
    update();
  });
  const search = f.values.length > FACET_SHOWN
    ? h('input', { type: 'search', class: 'facet-filter', 'aria-label': `在“${name}”中查找`, placeholder: `查找${name}…`, oninput: (e: Event) => {
        filter = (e.target as HTMLInputElement).value.trim().toLowerCase();
        update();
      } })
    : null;
  update();
  return h('section', { class: 'facet' }, h('h2', {}, name), search, count, list, more);
}
