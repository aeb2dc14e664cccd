// Sitemaps: <urlset> (pages), <sitemapindex> (more sitemaps), or plain text, one URL a line.
import * as cheerio from 'cheerio';
import { gunzipSync } from 'node:zlib';

export interface SitemapContent {
  pages: string[];
  sitemaps: string[];
}

export function parseSitemap(bytes: Buffer): SitemapContent {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (!/^\s*</.test(text)) {
    return { pages: text.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^https?:\/\//i.test(l)), sitemaps: [] };
  }
  const $ = cheerio.load(text, { xml: true });
  const locs = (sel: string) => $(sel).map((_, el) => $(el).text().trim()).get().filter(Boolean);
  return { pages: locs('urlset > url > loc'), sitemaps: locs('sitemapindex > sitemap > loc') };
}
