// Entity search with type-ahead (the API's `entities(name)`), as an ARIA combobox: type, move with ↑/↓, pick with
// Enter or a click; Escape closes the list. Used to open an entity page and to choose the two ends of a path.
import { clear, h } from './dom.ts';
import { typeLabel } from './format.ts';
import { gql } from './graphql.ts';

const QUERY = /* GraphQL */ `
  query Suggest($name: String!) { entities(name: $name, first: 8) { edges { node { entityId name type articleCount } } } }`;

export interface EntityChoice { entityId: string; name: string; type: string; articleCount: number }

let seq = 0;

export function entityPicker(label: string, onPick: (e: EntityChoice) => void, initial?: { id: string; name: string }): { el: HTMLElement; input: HTMLInputElement; value: () => string } {
  const id = `picker-${++seq}`;
  let chosen = initial?.id ?? '';
  let options: EntityChoice[] = [];
  let active = -1;
  const input = h('input', { type: 'text', id, role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': `${id}-list`, autocomplete: 'off', placeholder: '输入名称，如：北京儿童医院', value: initial?.name ?? '' });
  const list = h('ul', { id: `${id}-list`, role: 'listbox', class: 'picker-list', hidden: true, 'aria-label': `${label}候选` });
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const pick = (e: EntityChoice) => {
    chosen = e.entityId;
    input.value = e.name;
    close();
    onPick(e);
  };
  const mark = () => {
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${id}-opt-${active}`);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  input.addEventListener('input', () => {
    chosen = '';
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return close();
    timer = setTimeout(async () => {
      const mine = ++asked;
      try {
        const r = await gql<{ entities: { edges: Array<{ node: EntityChoice }> } }>(QUERY, { name: q });
        if (mine !== asked) return; // a later keystroke's answer wins
        options = r.entities.edges.map((e) => e.node);
      } catch {
        options = [];
      }
      clear(list);
      active = -1;
      if (!options.length) list.append(h('li', { class: 'picker-empty', role: 'option', 'aria-disabled': 'true' }, '没有匹配的实体'));
      options.forEach((o, i) =>
        list.append(h('li', { id: `${id}-opt-${i}`, role: 'option', 'aria-selected': 'false', onmousedown: (ev: Event) => { ev.preventDefault(); pick(o); } }, o.name, h('small', {}, ` ${typeLabel(o.type)} · ${o.articleCount} 篇`))),
      );
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden || !options.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length;
      mark();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  const el = h('div', { class: 'field picker' }, h('label', { class: 'field-label', for: id }, label), input, list);
  return { el, input, value: () => chosen };
}
