// Client-side routing on real paths (/search?q=…, /entity/hospital%3A…), so every page state is a URL that
// can be shared or bookmarked. The server answers every such path with the same index.html.

export interface Route {
  name: 'search' | 'article' | 'entity' | 'network' | 'report' | 'saved' | 'path' | 'notFound';
  /** Decoded id for /article/:id and /entity/:id. */
  id?: string;
  params: URLSearchParams;
}

export type Page = (root: HTMLElement, route: Route, signal: AbortSignal) => Promise<void> | void;

export function matchRoute(pathname: string, search = ''): Route {
  const params = new URLSearchParams(search);
  const parts = pathname.split('/').filter(Boolean);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'search')) return { name: 'search', params };
  if (parts.length === 1 && (parts[0] === 'network' || parts[0] === 'report' || parts[0] === 'saved' || parts[0] === 'path')) return { name: parts[0], params };
  if (parts.length === 2 && (parts[0] === 'article' || parts[0] === 'entity')) return { name: parts[0], id: decode(parts[1]), params };
  return { name: 'notFound', params };
}

let render: (() => void) | null = null;

/** Goes to an in-app URL without reloading; `replace` rewrites the current history entry (filter changes). */
export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(history.state, '', href);
  else {
    rememberScroll();
    history.pushState(null, '', href);
  }
  render?.();
}

/**
 * Back and Forward return to where the reader was: the scroll offset is kept in the history entry when
 * leaving it, and restored once the page has re-rendered its data (the browser's own restoration runs
 * before the data arrives, on a page too short to scroll).
 */
function rememberScroll(): void {
  history.replaceState({ ...(history.state ?? {}), scrollY: scrollY }, '');
}

/** The current path with new query parameters (empty values dropped): the page's state as a URL. */
export function withParams(values: Record<string, string | string[] | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    for (const x of Array.isArray(v) ? v : [v]) if (x !== null && x !== undefined && String(x) !== '') p.append(k, String(x));
  }
  const qs = p.toString();
  return `${location.pathname}${qs ? `?${qs}` : ''}`;
}

/**
 * Renders the page for the current URL into `root`, and again on every in-app link click and
 * back/forward. A page still loading when the URL changes gets its signal aborted.
 */
export function startRouter(root: HTMLElement, pages: Record<Route['name'], Page>, onRoute?: (r: Route) => void): void {
  let controller: AbortController | null = null;
  history.scrollRestoration = 'manual';
  render = () => {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    const route = matchRoute(location.pathname, location.search);
    const restore = (history.state as { scrollY?: number } | null)?.scrollY;
    onRoute?.(route);
    void Promise.resolve(pages[route.name](root, route, signal))
      .then(() => {
        if (restore !== undefined && !signal.aborted) scrollTo(0, restore);
      })
      .catch((e: unknown) => {
        if ((e as Error)?.name !== 'AbortError') console.error(e);
      });
  };
  document.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a[data-link]') as HTMLAnchorElement | null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (a.origin !== location.origin) return;
    e.preventDefault();
    navigate(a.pathname + a.search + a.hash);
  });
  addEventListener('popstate', () => render?.());
  // A full reload or a link out keeps the offset too.
  addEventListener('pagehide', rememberScroll);
  render();
}

/** Moves focus to the page heading after a navigation, so screen readers and keyboards start at the top. */
export function focusHeading(root: HTMLElement): void {
  const h1 = root.querySelector('h1');
  if (!h1) return;
  h1.setAttribute('tabindex', '-1');
  h1.focus({ preventScroll: false });
}
