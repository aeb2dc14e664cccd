// "Save as alert" on the search page: names the current search and saves it through the API (saveSearch, behind
// the API key). Without a key in this browser the form asks for it too, so saving is one step.
import { clear, field, h, link, status } from './dom.ts';
import { apiKey, errorText, GraphqlError, gql, setApiKey } from './graphql.ts';

const SAVE = /* GraphQL */ `
  mutation SaveSearch($name: String!, $query: String!, $filters: SearchFilters) {
    saveSearch(name: $name, query: $query, filters: $filters) {
      ... on MutationSaveSearchSuccess { data { name feedPath } }
      ... on MutationError { code message }
    }
  }`;

export interface Filters {
  source: string[] | null;
  places: string[] | null;
  institutions: string[] | null;
  kinds: string[] | null;
  from: string | null;
  to: string | null;
}

/** A name the server accepts (letters, digits, _ . -, up to 64) made from the query or the filters. */
export function suggestName(query: string, filters: Filters): string {
  const base = query || [...(filters.places ?? []), ...(filters.institutions ?? []), ...(filters.source ?? []), filters.from ?? '', filters.to ?? ''].filter(Boolean).join('_');
  return (base.replace(/\s+/g, '_').replace(/[^\p{L}\p{N}_.-]/gu, '').slice(0, 64) || '我的订阅');
}

/** The form and its result line, for the search page's "save as alert" panel. */
export function saveSearchForm(query: string, filters: Filters): HTMLElement[] {
  const name = h('input', { type: 'text', name: 'name', value: suggestName(query, filters), maxlength: 64, required: true, autocomplete: 'off' });
  let key: HTMLInputElement | null = null;
  const keyField = () => {
    key = h('input', { type: 'password', name: 'key', autocomplete: 'off', required: true });
    return field('API 密钥', key, '保存订阅需要服务器的 API 密钥（KG_API_KEY），只存在本浏览器');
  };
  const submit = h('button', { type: 'submit' }, '保存订阅');
  const out = h('div', { class: 'save-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'inline-form save-search' },
    field('订阅名称', name, '文字、数字和 _ . -，不含空格'),
    apiKey() ? null : keyField(),
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (key) setApiKey((key as HTMLInputElement).value.trim());
    clear(out);
    out.append(status('正在保存…'));
    try {
      const r = (await gql<{ saveSearch: { data?: { name: string; feedPath: string }; code?: string; message?: string } }>(SAVE, { name: name.value.trim(), query, filters })).saveSearch;
      if (!r.data) throw new GraphqlError(r.code ?? 'FAILED', r.message ?? '');
      clear(out);
      out.append(status(`已保存订阅“${r.data.name}”：之后每次更新数据都会检查新结果。`), h('p', {}, link('/saved', '查看全部订阅'), ' · ', h('a', { href: r.data.feedPath, type: 'application/atom+xml' }, 'Atom 订阅源')));
    } catch (err) {
      clear(out);
      out.append(status(errorText(err), 'error'));
      // A wrong or stale key: forget it and ask for it right here.
      if (err instanceof GraphqlError && err.code === 'UNAUTHENTICATED') {
        setApiKey('');
        if (!key) submit.before(keyField());
        (key as HTMLInputElement | null)?.focus();
      }
    }
  });
  return [form, out];
}
