// Article page: title, date, source, the clean text, and the entities it mentions.
import { gql, QueryError } from '../api.ts';
import { formatDate, h, render } from '../dom.ts';

const QUERY = `query Article($id: ID!) {
  article(id: $id) {
    articleId title published source author url paragraphs
    reprintOf { articleId title }
    copies { articleId source published }
    entities { entityId name type }
  }
}`;

interface ArticleData {
  articleId: string; title: string; published: string | null; source: string | null; author: string | null; url: string | null;
  paragraphs: string[];
  reprintOf: { articleId: string; title: string } | null;
  copies: { articleId: string; source: string | null; published: string | null }[];
  entities: { entityId: string; name: string; type: string }[];
}

const TYPE_NAMES: Record<string, string> = { HOSPITAL: '医院', ORGANIZATION: '机构', PLACE: '地区', PROJECT: '项目', PERSON: '人物' };
const link = (id: string, text: string) => h('a', { href: `/article/${encodeURIComponent(id)}` }, text);

export async function showArticle(root: HTMLElement, id: string): Promise<void> {
  try {
    const { article: a } = await gql<{ article: ArticleData | null }>(QUERY, { id });
    if (!a) {
      render(root, h('p', {}, '没有这篇文章。'), h('p', {}, h('a', { href: '/' }, '返回检索')));
      return;
    }
    document.title = `${a.title} - 协作新闻知识库`;
    const meta = [formatDate(a.published), a.source ? `来源：${a.source}` : '', a.author ? `作者：${a.author}` : ''].filter(Boolean).join(' · ');
    render(root, h('article', {},
      h('h1', {}, a.title),
      h('div', { class: 'meta' }, meta, a.url ? h('span', {}, ' · ', h('a', { href: a.url, rel: 'noopener noreferrer' }, '原文')) : null),
      a.reprintOf ? h('p', { class: 'muted' }, '转载自：', link(a.reprintOf.articleId, a.reprintOf.title)) : null,
      a.entities.length ? h('ul', { class: 'chips', 'aria-label': '提及' }, ...a.entities.map((e) => h('li', { title: TYPE_NAMES[e.type] ?? e.type }, e.name))) : null,
      h('div', { class: 'body' }, ...a.paragraphs.map((p) => h('p', {}, p))),
      a.copies.length ? h('section', {}, h('h2', {}, '转载'), h('ul', {}, ...a.copies.map((c) => h('li', {}, link(c.articleId, `${c.source ?? '来源不详'} ${formatDate(c.published)}`))))) : null,
    ));
  } catch (e) {
    render(root, h('p', { class: 'error' }, `加载出错：${e instanceof QueryError ? e.message : String(e)}`));
  }
}
