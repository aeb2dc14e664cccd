// Browser entry: picks the page from the path. Each page is a module in ui/pages/ exporting show(root, url).
import { showArticle } from './pages/article.ts';
import { showSearch } from './pages/search.ts';

interface Route {
  pattern: RegExp;
  show: (root: HTMLElement, url: URL, match: RegExpMatchArray) => Promise<void>;
}

const ROUTES: Route[] = [
  { pattern: /^\/$/, show: (root, url) => showSearch(root, url) },
  { pattern: /^\/article\/([^/]+)$/, show: (root, _url, m) => showArticle(root, decodeURIComponent(m[1])) },
];

const root = document.getElementById('app') as HTMLElement;
const url = new URL(location.href);
const route = ROUTES.map((r) => ({ r, m: url.pathname.match(r.pattern) })).find((x) => x.m);
if (route) void route.r.show(root, url, route.m!);
else root.textContent = '页面不存在。';
