// Saved searches as Atom feeds a reader can follow: /saved/NAME/atom over the real archive and index.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SavedSearches } from '../../search/index.ts';
import { api, loadTestArchive, type TestArchive } from './setup.ts';

let t: TestArchive;
beforeAll(async () => {
  t = await loadTestArchive();
  await new SavedSearches(t.services.archive.db, t.services.search).add('医联体', '医联体', {}, { includeExisting: true });
});
afterAll(() => t?.close());

it('serves a saved search as Atom with entries linking to article pages', async () => {
  const res = await api(t.services).fetch(`http://kg.test/saved/${encodeURIComponent('医联体')}/atom`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/atom\+xml/);
  const xml = await res.text();
  expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  expect(xml).toMatch(/<entry>[\s\S]*医联体[\s\S]*<\/entry>/);
  expect(xml).toMatch(/http:\/\/kg\.test\/article\/a[0-9a-f]+/);
});

it('answers 404 for an unknown saved search and 400 for a malformed name', async () => {
  expect((await api(t.services).fetch('http://kg.test/saved/nope/atom')).status).toBe(404);
  expect((await api(t.services).fetch('http://kg.test/saved/%E0%A4%A/atom')).status).toBe(400);
});
