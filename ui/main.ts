// Browser entry: the router picks the page from the URL path; each page is a module in ui/pages/.
import { clear, h, link } from './lib/dom.ts';
import { focusHeading, startRouter, type Route } from './lib/router.ts';
import { renderArticle } from './pages/article.ts';
import { renderEntity } from './pages/entity.ts';
import { renderNetwork } from './pages/network.ts';
import { renderReport } from './pages/report.ts';
import { renderSearch } from './pages/search.ts';

const root = document.getElementById('app') as HTMLElement;

function notFound(el: HTMLElement): void {
  document.title = '页面不存在 · 合作知识图谱';
  clear(el);
  el.append(h('h1', {}, '页面不存在'), h('p', {}, link('/', '返回检索')));
  focusHeading(el);
}

/** Marks the current section in the site navigation (aria-current), for sight and for screen readers. */
function markNav(route: Route): void {
  const section = route.name === 'article' || route.name === 'entity' ? 'search' : route.name;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header.site nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

startRouter(root, { search: renderSearch, article: renderArticle, entity: renderEntity, network: renderNetwork, report: renderReport, notFound }, markNav);
