// Atom feeds of saved searches at /saved/NAME/atom, so a feed reader can follow a search's new hits.
// A Yoga plugin like the UI mount: the feed is plain XML, not GraphQL. Serving a feed writes nothing (anonymous
// GETs must not consume `kg saved check`'s new hits); links use the configured public URL, never the Host header.
import type { Plugin } from 'graphql-yoga';
import { SavedSearchError, SavedSearches } from '../search/index.ts';
import type { ApiServices } from './builder.ts';

const ROUTE = /^\/saved\/([^/]+)\/atom$/;

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

/** SQLite's "database is locked/busy": another process holds the archive's write lock for longer than the busy timeout. */
const isBusy = (e: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: unknown })?.code ?? ''));

export function savedSearchFeeds(services: ApiServices, publicUrl: string): Plugin {
  let saved: SavedSearches | null = null;
  return {
    async onRequest({ request, url, endResponse }) {
      const m = ROUTE.exec(url.pathname);
      if (!m || request.method !== 'GET') return;
      let name: string;
      try {
        name = decodeURIComponent(m[1]);
      } catch {
        endResponse(text('bad feed name', 400));
        return;
      }
      try {
        saved ??= new SavedSearches(services.archive.db, services.search);
        endResponse(new Response(await saved.atomFeed(name, { baseUrl: publicUrl }), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } }));
      } catch (e) {
        if (e instanceof SavedSearchError) endResponse(text(e.message, e.code === 'SAVED_SEARCH_NOT_FOUND' ? 404 : 400));
        else if (isBusy(e)) endResponse(text('the archive is busy; try again shortly', 503, { 'retry-after': '5' }));
        else {
          // One line in the log, no stack or paths to the client.
          console.error(`feed ${JSON.stringify(name)}: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`);
          endResponse(text('the feed could not be built', 500));
        }
      }
    },
  };
}
