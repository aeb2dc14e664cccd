// Real saved news pages (../shared/fixtures/news-html) served by the fixture server as bare
// text/html, crawled, and checked: the stored text holds the page's title and no U+FFFD.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from '../test/shared.ts';
import { sharedPages, startSite, type FixtureSite } from '../test/fixtures/site/server.ts';
import { Crawler } from './crawler.ts';
import { SqliteFrontier } from './sqlite-frontier.ts';
import { canonicalUrl } from './url.ts';

const folder = SHARED_DIR ? join(SHARED_DIR, 'fixtures', 'news-html') : null;
const present = !!folder && existsSync(folder);
if (!present) console.warn(`[crawler shared pages] skipped: ${SHARED_MISSING_MESSAGE}`);

const squash = (s: string) => s.replace(/\s+/g, '');

describe.skipIf(!present)('saved news pages crawled from the fixture server', () => {
  let site: FixtureSite;
  let dir: string;
  let archive: Archive;
  const files = present ? sharedPages(folder!) : [];

  beforeAll(async () => {
    site = await startSite({ sharedDir: folder });
    dir = mkdtempSync(join(tmpdir(), 'kg-crawl-shared-'));
    archive = Archive.open({ dataDir: dir });
    await new Crawler(archive, {
      seeds: files.map((f) => `${site.origin}/shared/${encodeURIComponent(f)}`),
      allowPrivate: ['127.0.0.1'],
      maxDepth: 0,
      delayMs: 0,
      concurrency: 4,
      sitemaps: false,
      // These are article pages by construction; store them whatever the classifier says.
      articlePatterns: ['/shared/'],
    }).run();
  }, 60_000);

  afterAll(async () => {
    archive?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores every page with its title decoded and no replacement character', async () => {
    const frontier = new SqliteFrontier(archive.db);
    await frontier.resumeRun();
    const byUrl = new Map((await frontier.records()).map((r) => [r.url, r]));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const meta = JSON.parse(readFileSync(join(folder!, file.replace(/\.html$/, '.json')), 'utf8')) as { title?: string; content?: string };
      const r = byUrl.get(canonicalUrl(`${site.origin}/shared/${encodeURIComponent(file)}`)!);
      expect(r?.outcome, file).toMatch(/^(stored|duplicate)$/);
      const page = archive.getPage(r!.pageId!)!;
      expect(page.text.includes('\ufffd'), `${file}: U+FFFD in ${page.encoding}`).toBe(false);
      const text = squash(cheerio.load(page.text).text());
      if (meta.title) expect(text, `${file} (${page.encoding})`).toContain(squash(meta.title).slice(0, 20));
      // The gold content is extracted text (captions and boilerplate dropped): one of its first long lines must be there.
      const lines = (meta.content ?? '').split(/\n+/).map(squash).filter((l) => l.length >= 20).slice(0, 3);
      if (lines.length) expect(lines.some((l) => text.includes(l.slice(0, 15))), `${file} (${page.encoding}): content`).toBe(true);
    }
  });
});
