// Saved searches (alerts): the list with each search's filters, its Atom feed and latest alerts; check for new
// hits now, or delete (asked twice). Saving happens on the search page. Changing anything needs the API key,
// entered here once and kept in this browser.
import { append, clear, field, h, link, pageHref, status } from '../lib/dom.ts';
import { failure } from '../lib/failure.ts';
import { formatDate, kindLabel } from '../lib/format.ts';
import { apiKey, errorText, GraphqlError, gql, setApiKey } from '../lib/graphql.ts';
import { focusHeading, navigate, type Route } from '../lib/router.ts';

const LIST = /* GraphQL */ `
  query SavedPage {
    savedSearches {
      name query createdAt checkedAt feedPath alertCount
      filters { source places institutions kinds from to }
      alerts(first: 10) { seenAt hit { articleId title published source } }
    }
  }`;
const CHECK = /* GraphQL */ `
  mutation CheckSaved($name: String!) {
    checkSavedSearch(name: $name) {
      ... on MutationCheckSavedSearchSuccess { data { truncated hits { articleId title published source } } }
      ... on MutationError { code message }
    }
  }`;
const DELETE = /* GraphQL */ `
  mutation DeleteSaved($name: String!) {
    deleteSavedSearch(name: $name) { ... on MutationDeleteSavedSearchSuccess { data } ... on MutationError { code message } }
  }`;

interface HitRef { articleId: string; title: string; published: string | null; source: string | null }
interface Saved {
  name: string; query: string; createdAt: string; checkedAt: string | null; feedPath: string; alertCount: number;
  filters: { source: string[]; places: string[]; institutions: string[]; kinds: string[]; from: string | null; to: string | null };
  alerts: Array<{ seenAt: string; hit: HitRef }>;
}
type Outcome<T> = { data?: T; code?: string; message?: string };

/** A typed mutation failure becomes an error like any other. */
function unwrap<T>(r: Outcome<T>): T {
  if (r.data === undefined || r.data === null) throw new GraphqlError(r.code ?? 'FAILED', r.message ?? '');
  return r.data;
}

/** The search page URL of a saved search (its query and filters). */
export function searchHref(s: Saved): string {
  const p = new URLSearchParams();
  if (s.query) p.set('q', s.query);
  for (const v of s.filters.source) p.append('source', v);
  for (const v of s.filters.places) p.append('place', v);
  for (const v of s.filters.institutions) p.append('inst', v);
  for (const v of s.filters.kinds) p.append('kind', v);
  if (s.filters.from) p.set('from', s.filters.from);
  if (s.filters.to) p.set('to', s.filters.to);
  if (!s.query) p.set('sort', 'date');
  return `/?${p}`;
}

function describe(s: Saved): string {
  const f = s.filters;
  const parts = [
    s.query ? `检索词：${s.query}` : '仅按筛选条件',
    f.places.length ? `地区：${f.places.join('、')}` : '',
    f.institutions.length ? `机构：${f.institutions.join('、')}` : '',
    f.source.length ? `来源：${f.source.join('、')}` : '',
    f.kinds.length ? `合作方式：${f.kinds.map(kindLabel).join('、')}` : '',
    f.from || f.to ? `日期：${f.from ? formatDate(f.from) : '不限'} 至 ${f.to ? formatDate(f.to) : '不限'}` : '',
  ];
  return parts.filter(Boolean).join('；');
}

const hitItem = (hit: HitRef, extra?: string) =>
  h('li', {}, link(pageHref('article', hit.articleId), hit.title), h('small', {}, ` ${formatDate(hit.published)} · ${hit.source ?? '来源不详'}${extra ? ` · ${extra}` : ''}`));

function keyForm(): HTMLElement {
  const key = h('input', { type: 'password', name: 'key', autocomplete: 'off', value: apiKey() });
  const form = h('form', { class: 'inline-form key-form' }, field('API 密钥', key, '保存、检查和删除订阅需要服务器的 API 密钥（KG_API_KEY）；只存在本浏览器。'), h('button', { type: 'submit' }, '保存密钥'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setApiKey(key.value.trim());
    navigate(location.pathname, true);
  });
  return h('details', { class: 'key-panel', open: apiKey() ? null : true }, h('summary', {}, apiKey() ? 'API 密钥（已保存在本浏览器）' : 'API 密钥（尚未填写）'), form);
}

function card(s: Saved): HTMLElement {
  const out = h('div', { class: 'check-result', 'aria-live': 'polite' });
  const check = h('button', { type: 'button' }, '检查新结果');
  check.addEventListener('click', async () => {
    clear(out);
    out.append(status('正在检查…'));
    check.disabled = true;
    try {
      const r = unwrap((await gql<{ checkSavedSearch: Outcome<{ truncated: boolean; hits: HitRef[] }> }>(CHECK, { name: s.name })).checkSavedSearch);
      clear(out);
      append(out, [
        status(r.hits.length ? `有 ${r.hits.length} 篇新结果：` : '没有新结果。'),
        r.hits.length ? h('ul', { class: 'new-hits' }, r.hits.map((x) => hitItem(x, '新'))) : null,
        r.truncated ? h('p', { class: 'hint' }, '结果很多：只比较了最新的 1,000 篇。') : null,
      ]);
    } catch (e) {
      clear(out);
      out.append(status(errorText(e), 'error'));
    } finally {
      check.disabled = false;
    }
  });
  const remove = h('button', { type: 'button', class: 'secondary' }, '删除');
  const confirmBox = h('span', { class: 'confirm', hidden: true });
  remove.addEventListener('click', () => {
    remove.hidden = true;
    confirmBox.hidden = false;
    (confirmBox.querySelector('button') as HTMLButtonElement).focus();
  });
  const yes = h('button', { type: 'button', class: 'danger' }, `确认删除“${s.name}”`);
  const no = h('button', { type: 'button', class: 'secondary' }, '取消');
  no.addEventListener('click', () => {
    confirmBox.hidden = true;
    remove.hidden = false;
    remove.focus();
  });
  yes.addEventListener('click', async () => {
    try {
      unwrap((await gql<{ deleteSavedSearch: Outcome<boolean> }>(DELETE, { name: s.name })).deleteSavedSearch);
      navigate(location.pathname, true);
    } catch (e) {
      clear(out);
      out.append(status(errorText(e), 'error'));
    }
  });
  confirmBox.append(yes, ' ', no);
  return h(
    'li',
    { class: 'saved' },
    h('h2', {}, s.name),
    h('p', {}, describe(s)),
    h('p', { class: 'meta' }, `创建于 ${formatDate(s.createdAt)} · 上次检查 ${s.checkedAt ? formatDate(s.checkedAt) : '从未'} · 累计提醒 ${s.alertCount} 篇`),
    h('p', { class: 'actions' }, link(searchHref(s), '打开检索'), ' ', h('a', { href: s.feedPath, type: 'application/atom+xml', class: 'feed' }, 'Atom 订阅源'), ' ', check, ' ', remove, confirmBox),
    out,
    s.alerts.length ? h('details', { class: 'alerts' }, h('summary', {}, `最近的提醒（${s.alertCount}）`), h('ul', {}, s.alerts.map((a) => hitItem(a.hit, `${formatDate(a.seenAt)}发现`)))) : null,
  );
}

export async function renderSaved(root: HTMLElement, _route: Route, signal: AbortSignal): Promise<void> {
  document.title = '订阅提醒 · 合作知识图谱';
  clear(root);
  root.append(h('h1', {}, '订阅提醒'), h('p', { class: 'lead' }, '保存的检索在每次抓取或同步后检查新结果；也可以用任何 RSS / Atom 阅读器订阅。在检索结果页点“保存为订阅”即可新建。'), keyForm());
  const list = h('div', { class: 'saved-list' }, status('正在加载…'));
  root.append(list);
  let saved: Saved[];
  try {
    saved = (await gql<{ savedSearches: Saved[] }>(LIST, {}, signal)).savedSearches;
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    clear(list);
    list.append(failure(e));
    return;
  }
  clear(list);
  list.append(
    saved.length ? h('ul', { class: 'saved-searches' }, saved.map(card)) : h('p', {}, '还没有订阅。先', link('/', '检索'), '，再在结果页点“保存为订阅”。'),
  );
  focusHeading(root);
}
