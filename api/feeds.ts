// Atom feeds of saved searches at /saved/NAME/atom, so a feed reader can follow a search's new hits.
// A Yoga plugin like the UI mount: the feed is plain XML, not GraphQL.
import type { Plugin } from 'graphql-yoga';
import { SavedSearchError, SavedSearches } from '../search/index.ts';
import type { ApiServices } from './builder.ts';

const ROUTE = /^\/saved\/([^/]+)\/atom$/;

export function savedSearchFeeds(services: ApiServices): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const m = ROUTE.exec(url.pathname);
      if (!m || request.method !== 'GET') return;
      let name: string;
      try {
        name = decodeURIComponent(m[1]);
      } catch {
        endResponse(new Response('bad feed name\n', { status: 400 }));
        return;
      }
      try {
        const xml = await new SavedSearches(services.archive.db, services.search).atomFeed(name, { baseUrl: url.origin });
        endResponse(new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } }));
      } catch (e) {
        if (!(e instanceof SavedSearchError)) throw e;
        endResponse(new Response(`${e.message}\n`, { status: e.code === 'SAVED_SEARCH_NOT_FOUND' ? 404 : 400 }));
      }
    },
  };
}
