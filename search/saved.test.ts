import Database from 'better-sqlite3';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_DOCS } from '../test/conformance/search.ts';
import { csvField, toCsv } from './csv.ts';
import { EmbeddedSearchIndex } from './embedded.ts';
import { SavedSearches } from './saved.ts';

async function setup() {
  const db = new Database(':memory:');
  const index = new EmbeddedSearchIndex(db);
  await index.init();
  await index.upsert(CONFORMANCE_DOCS.filter((d) => d.id !== 'remote'));
  return { db, index, saved: new SavedSearches(db, index) };
}

describe('saved searches', () => {
  it('alerts only on hits that arrive after the search was saved, once', async () => {
    const { index, saved } = await setup();
    await saved.add('consult', '远程会诊', { places: ['河北省'] });
    expect((await saved.newHits('consult')).hits).toEqual([]);
    await index.upsert(CONFORMANCE_DOCS.filter((d) => d.id === 'remote'));
    const r = await saved.newHits('consult');
    expect(r.hits.map((h) => h.id)).toEqual(['remote']);
    expect(r.hits[0].titleHighlighted).toContain('<mark>远程会诊</mark>');
    expect((await saved.newHits('consult')).hits).toEqual([]);
    expect(saved.get('consult')!.checkedAt).not.toBeNull();
  });

  it('can take existing hits as new, lists and removes', async () => {
    const { saved } = await setup();
    await saved.add('alliance', '医联体', {}, { includeExisting: true });
    expect((await saved.newHits('alliance')).hits.map((h) => h.id)).toEqual(['alliance']);
    expect(saved.list().map((s) => s.name)).toEqual(['alliance']);
    expect(saved.remove('alliance')).toBe(true);
    expect(saved.list()).toEqual([]);
    await expect(saved.newHits('alliance')).rejects.toMatchObject({ code: 'SAVED_SEARCH_NOT_FOUND' });
  });

  it('refuses bad names, duplicates and bad queries with coded errors', async () => {
    const { saved } = await setup();
    await expect(saved.add('a b', '医院')).rejects.toMatchObject({ code: 'BAD_NAME' });
    await expect(saved.add('x', '"医院')).rejects.toMatchObject({ code: 'BAD_QUERY' });
    await saved.add('x', '医院');
    await expect(saved.add('x', '医院')).rejects.toMatchObject({ code: 'SAVED_SEARCH_EXISTS' });
    expect(saved.list().map((s) => s.name)).toEqual(['x']);
  });

  it('renders a valid Atom feed of its alerts', async () => {
    const { index, saved } = await setup();
    await saved.add('consult', '远程会诊');
    await index.upsert(CONFORMANCE_DOCS.filter((d) => d.id === 'remote'));
    const feed = await saved.atomFeed('consult', { baseUrl: 'https://kg.example/' });
    const doc = new DOMParser().parseFromString(feed, 'text/xml');
    const root = doc.documentElement;
    expect(root.tagName).toBe('feed');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2005/Atom');
    for (const tag of ['id', 'title', 'updated', 'author']) expect(root.querySelector(tag), tag).not.toBeNull();
    const entries = root.querySelectorAll('entry');
    expect(entries.length).toBe(1);
    const e = entries[0];
    expect(e.querySelector('id')!.textContent).toBe('https://kg.example/article/remote');
    expect(e.querySelector('link')!.getAttribute('href')).toBe('https://example.org/remote');
    expect(e.querySelector('updated')!.textContent).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(e.querySelector('title')!.textContent).toContain('<mark>远程会诊</mark>');
  });
});

describe('CSV export', () => {
  it('quotes per RFC 4180, starts with a BOM and ends rows with CRLF', async () => {
    const { index } = await setup();
    const r = await index.search({ text: '通知' });
    const csv = toCsv(r.hits);
    expect(csv.startsWith('\uFEFFid,title,published,source,url,score,copies,passage\r\n')).toBe(true);
    const row = csv.split('\r\n')[1];
    expect(row.startsWith('markup,医院公告 <b>通知</b>,2021-01-05,健康报,https://example.org/markup,')).toBe(true);
    expect(row).toContain('本院发布<b>通知</b> & 说明：门诊时间调整。');
  });

  it('quotes fields with commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
  });
});
