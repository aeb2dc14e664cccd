// Browser entry: the router picks the page from the URL path; each page is a module in ui/pages/. The search
// page (where most visits start) comes with this bundle; every other page is loaded when first visited.
import { clear, h, link, status } from './lib/dom.ts';
import { failure } from './lib/failure.ts';
import { GraphqlError } from './lib/graphql.ts';
import { focusHeading, startRouter, type Page, type Route } from './lib/router.ts';
import { renderSearch } from './pages/search.ts';

const root = document.getElementById('app') as HTMLElement;

/** Our own 404 page (the server answers unknown paths with status 404 and this shell): where to go instead. */
function notFound(el: HTMLElement): void {
  document.title = '页面不存在 · 合作知识图谱';
  clear(el);
  const q = h('input', { type: 'search', name: 'q', 'aria-label': '检索词', placeholder: '检索合作新闻' });
  const form = h('form', { class: 'search-row not-found-search', role: 'search', action: '/', method: 'get' }, q, h('button', { type: 'submit' }, '检索'));
  el.append(
    h('h1', {}, '页面不存在'),
    h('p', {}, '没有找到 ', h('code', {}, location.pathname), '。链接可能有误，或页面已经移动。'),
    form,
    h('ul', { class: 'not-found-links' }, h('li', {}, link('/', '检索合作新闻')), h('li', {}, link('/network', '合作网络')), h('li', {}, link('/path', '关系路径')), h('li', {}, link('/report', '数据报表')), h('li', {}, link('/saved', '订阅提醒'))),
  );
  focusHeading(el);
}

/** A page loaded on its first visit; until its code arrives the previous page gives way to a loading line. */
function lazy<K extends string>(load: () => Promise<Record<K, Page>>, name: K): Page {
  let page: Page | null = null;
  return async (root, route, signal) => {
    if (!page) {
      clear(root);
      root.append(status('加载中…'));
      try {
        page = (await load())[name];
      } catch {
        // The server went away between pages: say so, with a retry, as a failed query would.
        clear(root);
        root.append(failure(new GraphqlError('NETWORK', 'page code not loaded')));
        return;
      }
    }
    if (!signal.aborted) await page(root, route, signal);
  };
}

const renderArticle = lazy(() => import('./pages/article.ts'), 'renderArticle');
const renderEntity = lazy(() => import('./pages/entity.ts'), 'renderEntity');
const renderNetwork = lazy(() => import('./pages/network.ts'), 'renderNetwork');
const renderReport = lazy(() => import('./pages/report.ts'), 'renderReport');
const renderPath = lazy(() => import('./pages/path.ts'), 'renderPath');
const renderSaved = lazy(() => import('./pages/saved.ts'), 'renderSaved');

/** Marks the current section in the site navigation (aria-current), for sight and for screen readers. */
function markNav(route: Route): void {
  const section = route.name === 'article' || route.name === 'entity' ? 'search' : route.name;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header.site nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

startRouter(root, { search: renderSearch, article: renderArticle, entity: renderEntity, network: renderNetwork, report: renderReport, saved: renderSaved, path: renderPath, notFound }, markNav);
