// Browser entry: the router picks the page from the URL path; each page is a module in ui/pages/. The search
// page (where most visits start) comes with this bundle; every other page is loaded when first visited.
import { clear, h, link } from './lib/dom.ts';
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

const renderArticle: Page = (root, route, signal) => import('./pages/article.ts').then((m) => m.renderArticle(root, route, signal));
const renderEntity: Page = (root, route, signal) => import('./pages/entity.ts').then((m) => m.renderEntity(root, route, signal));
const renderNetwork: Page = (root, route, signal) => import('./pages/network.ts').then((m) => m.renderNetwork(root, route, signal));
const renderReport: Page = (root, route, signal) => import('./pages/report.ts').then((m) => m.renderReport(root, route, signal));
const renderPath: Page = (root, route, signal) => import('./pages/path.ts').then((m) => m.renderPath(root, route, signal));
const renderSaved: Page = (root, route, signal) => import('./pages/saved.ts').then((m) => m.renderSaved(root, route, signal));

/** Marks the current section in the site navigation (aria-current), for sight and for screen readers. */
function markNav(route: Route): void {
  const section = route.name === 'article' || route.name === 'entity' ? 'search' : route.name;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header.site nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

startRouter(root, { search: renderSearch, article: renderArticle, entity: renderEntity, network: renderNetwork, report: renderReport, saved: renderSaved, path: renderPath, notFound }, markNav);
