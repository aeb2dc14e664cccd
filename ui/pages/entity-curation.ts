// The entity page's resolution panel (hospitals and organizations): where the registry places the institution,
// why each name was joined to it (rule and evidence), its curation log, and a small form to merge, split, rename
// or retract an edge. Mutations need the server's API key, typed here and kept for this browser tab only.
import { field, h, link, pageHref, status } from '../lib/dom.ts';
import { errorText, gql } from '../lib/graphql.ts';
import { navigate } from '../lib/router.ts';

interface Resolution { name: string; rule: string; evidence: string; article: { articleId: string; title: string } }
interface PanelData {
  institution: { location: string | null; place: { entityId: string; name: string } | null; parent: { entityId: string; name: string } | null } | null;
  resolution: Resolution[];
  curation: Array<{ curationId: number; at: string; action: string; payload: string; note: string | null }>;
}

const QUERY = /* GraphQL */ `
  query EntityResolution($id: ID!) {
    entity(id: $id) {
      institution { location place { entityId name } parent { entityId name } }
      resolution { name rule evidence article { articleId title } }
      curation { curationId at action payload note }
    }
  }`;

const RESULT = `__typename ... on MutationError { code message }`;
const MUTATIONS: Record<string, string> = {
  rename: `mutation($id: ID!, $value: String!, $note: String) { r: renameEntity(entityId: $id, name: $value, note: $note) { ${RESULT} } }`,
  merge: `mutation($id: ID!, $value: ID!, $note: String) { r: mergeEntities(from: $id, into: $value, note: $note) { ${RESULT} } }`,
  split: `mutation($id: ID!, $names: [String!]!, $note: String) { r: splitEntity(entityId: $id, names: $names, note: $note) { ${RESULT} } }`,
  retract: `mutation($article: ID!, $id: ID!, $value: ID!, $note: String) { r: retractEdge(articleId: $article, type: COLLABORATES, fromId: $id, toId: $value, note: $note) { ${RESULT} } }`,
};
const ACTION_LABELS: Record<string, string> = { rename: '重命名', merge: '并入另一实体', split: '拆分名称', retract: '撤回一条合作关系' };
const KEY_STORE = 'kg-api-key';

/** POST a mutation with the API key (the pages' gql client sends no credentials). */
async function mutate(query: string, variables: Record<string, unknown>, key: string): Promise<{ __typename: string; code?: string; message?: string }> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: { r: { __typename: string; code?: string; message?: string } } | null; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data!.r;
}

/** The panel, filled once its query answers: the rest of the entity page does not wait for it. */
export function curationSection(entityId: string, type: string): HTMLElement | null {
  if (type !== 'HOSPITAL' && type !== 'ORGANIZATION') return null;
  const section = h('section', { class: 'curation', 'aria-labelledby': 'curation-h' }, h('h2', { id: 'curation-h' }, '名称归并与校正'), status('正在加载…'));
  gql<{ entity: PanelData | null }>(QUERY, { id: entityId }).then(
    ({ entity }) => {
      if (!entity) section.remove();
      else section.replaceChildren(...panel(entityId, entity).filter((x): x is HTMLElement => x !== null));
    },
    (e: unknown) => section.replaceChildren(h('h2', { id: 'curation-h' }, '名称归并与校正'), status(errorText(e), 'error')),
  );
  return section;
}

function panel(entityId: string, data: PanelData): Array<HTMLElement | null> {
  const inst = data.institution;
  const why = h('ul', { class: 'resolution-list' }, data.resolution.map((r) => h('li', {},
    h('strong', {}, r.name), ' ', h('span', { class: 'kind' }, r.rule), ' ', h('small', {}, r.evidence), ' · ', link(pageHref('article', r.article.articleId), r.article.title))));
  return [
    h('h2', { id: 'curation-h' }, '名称归并与校正'),
    inst ? h('p', {}, '登记：', inst.place ? ['所在地 ', link(pageHref('entity', inst.place.entityId), inst.place.name)] : '所在地不详',
      inst.parent ? ['；隶属 ', link(pageHref('entity', inst.parent.entityId), inst.parent.name)] : '') : null,
    h('h3', {}, `归并依据（${data.resolution.length}）`), why,
    data.curation.length ? h('div', {}, h('h3', {}, '校正记录'), h('ol', {}, data.curation.map((c) => h('li', {}, `#${c.curationId} ${c.at.slice(0, 10)} ${c.action} ${c.payload}${c.note ? ` — ${c.note}` : ''}`)))) : null,
    curationForm(entityId, data.resolution.map((r) => r.name)),
  ];
}

function curationForm(entityId: string, names: string[]): HTMLFormElement {
  const action = h('select', { name: 'action' }, Object.entries(ACTION_LABELS).map(([v, l]) => h('option', { value: v }, l)));
  const value = h('input', { name: 'value', type: 'text', placeholder: '新名称，或目标实体编号（如 hospital:北京朝阳医院）' });
  const article = h('input', { name: 'article', type: 'text', placeholder: '撤回时：文章编号' });
  const splitNames = h('select', { name: 'names', multiple: true, size: Math.min(5, Math.max(2, names.length)) }, [...new Set(names)].map((n) => h('option', { value: n }, n)));
  const note = h('input', { name: 'note', type: 'text', placeholder: '理由（写入校正记录）' });
  const key = h('input', { name: 'key', type: 'password', autocomplete: 'off', value: sessionStorage.getItem(KEY_STORE) ?? '' });
  const out = h('div', { class: 'curation-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'curation-form', 'aria-label': '校正实体' },
    field('操作', action), field('名称或目标', value), field('拆分的名称', splitNames, '仅“拆分名称”用'), field('文章', article, '仅“撤回”用'),
    field('理由', note), field('API 密钥', key, '服务器的 KG_API_KEY，仅保存在本标签页'), h('button', { type: 'submit' }, '提交'), out);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(KEY_STORE, key.value);
    const chosen = [...splitNames.selectedOptions].map((o) => o.value);
    const vars: Record<string, unknown> = { id: entityId, value: value.value.trim(), note: note.value.trim() || null, names: chosen, article: article.value.trim() };
    out.replaceChildren(status('正在提交…'));
    mutate(MUTATIONS[action.value], pick(action.value, vars), key.value).then(
      (r) => {
        if (r.code) out.replaceChildren(status(`未执行：${r.code} ${r.message ?? ''}`, 'error'));
        else {
          out.replaceChildren(status('已记录并生效。'));
          // a merged entity is gone: show the one it joined; otherwise show this one again
          navigate(action.value === 'merge' ? pageHref('entity', String(vars.value)) : location.pathname + location.search, true);
        }
      },
      (e: unknown) => out.replaceChildren(status(errorText(e), 'error')),
    );
  });
  return form;
}

/** Only the variables the chosen mutation declares (GraphQL refuses others). */
function pick(action: string, v: Record<string, unknown>): Record<string, unknown> {
  if (action === 'split') return { id: v.id, names: v.names, note: v.note };
  if (action === 'retract') return { id: v.id, value: v.value, article: v.article, note: v.note };
  return { id: v.id, value: v.value, note: v.note };
}
