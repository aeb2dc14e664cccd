// Search page: query box, hits with highlighted passages and a link to each article, next/previous pages.
import { gql, QueryError } from '../api.ts';
import { formatDate, h, marked, render } from '../dom.ts';

const PAGE = 10;
const QUERY = `query Search($query: String!, $first: Int!, $after: String) {
  search(query: $query, first: $first, after: $after, facets: []) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { articleId titleHighlighted published source passages copies { articleId } } }
  }
}`;

interface Hit { articleId: string; titleHighlighted: string; published: string | null; source: string | null; passages: string[]; copies: { articleId: string }[] }
interface Result { search: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Hit }[] } }

function hitItem(hit: Hit): HTMLElement {
  const title = h('a', { href: `/article/${encodeURIComponent(hit.articleId)}` });
  title.append(marked(hit.titleHighlighted));
  const meta = [formatDate(hit.published), hit.source ?? '来源不详', hit.copies.length ? `另有 ${hit.copies.length} 处转载` : ''].filter(Boolean).join(' · ');
  return h('li', {}, h('h2', {}, title), h('div', { class: 'meta' }, meta),
    ...hit.passages.map((p) => { const el = h('p', { class: 'passage' }); el.append(marked(p)); return el; }));
}

export async function showSearch(root: HTMLElement, url: URL): Promise<void> {
  const q = url.searchParams.get('q')?.trim() ?? '';
  const after = url.searchParams.get('after');
  const input = h('input', { type: 'search', name: 'q', placeholder: '输入关键词，如：医联体、京津冀 对口帮扶、"远程会诊"', 'aria-label': '检索词' });
  input.value = q;
  const form = h('form', { class: 'search', method: 'get', action: '/' }, input, h('button', { type: 'submit' }, '检索'));
  const results = h('section', { 'aria-label': '检索结果' });
  render(root, form, results);
  if (!q) {
    render(results, h('p', { class: 'muted' }, '支持词语、"短语"、AND / OR / NOT；简体繁体均可。'));
    return;
  }
  render(results, h('p', { class: 'muted' }, '检索中…'));
  try {
    const data = await gql<Result>(QUERY, { query: q, first: PAGE, after });
    const s = data.search;
    if (s.totalCount === 0) {
      render(results, h('p', {}, `没有找到与“${q}”相关的文章。`));
      return;
    }
    const next = new URL(url);
    if (s.pageInfo.endCursor) next.searchParams.set('after', s.pageInfo.endCursor);
    render(results,
      h('p', { class: 'muted' }, `共找到 ${s.totalCount} 篇文章`),
      h('ol', { class: 'hits' }, ...s.edges.map((e) => hitItem(e.node))),
      h('div', { class: 'pager' },
        after ? h('a', { href: `/?q=${encodeURIComponent(q)}` }, '« 第一页') : h('span'),
        s.pageInfo.hasNextPage ? h('a', { href: next.pathname + next.search }, '下一页 »') : h('span')));
  } catch (e) {
    render(results, h('p', { class: 'error' }, `检索出错：${e instanceof QueryError ? e.message : String(e)}`));
  }
}
