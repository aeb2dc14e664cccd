// The bundled demo archive: files readable in their declared encoding, pages shaped like news pages,
// the manifest complete, and the judged query set pointing only at documents that exist.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REPO_ROOT, SHARED_DIR, SHARED_MISSING_MESSAGE } from '../test/shared.ts';

const DEMO = join(REPO_ROOT, 'demo');
const ARTICLES = join(DEMO, 'articles');
const files = readdirSync(ARTICLES).sort();
const FILE_NAME = /^(\d{3})-[a-z0-9]+(?:-[a-z0-9]+)*\.(html|txt)$/;
const SEED_NAME = /^\d{3}_[0-9a-f]{16}$/;
// A printed date: 2015-06-12, 2019年06月10日, 2020/08/21, 2023.10.18, 2016-4-22, 二〇一七年九月五日.
const DATE = /20\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|二〇[一二][〇一二三四五六七八九]年[一二三四五六七八九十]+月/;

const Manifest = z.record(
  z.string(),
  z.strictObject({ url: z.url({ protocol: /^https?$/ }), publisher: z.string().min(2), reprintOf: z.string().optional() }),
);
const Judged = z
  .array(z.strictObject({ query: z.string().min(1), relevant: z.array(z.string()).min(1), note: z.string().min(5) }))
  .min(35);

function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 2048).toString('latin1');
  return /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

/** Decodes a demo file strictly in its declared charset (UTF-8 when none is declared). */
function readText(file: string): string {
  const bytes = readFileSync(join(ARTICLES, file));
  const charset = declaredCharset(bytes) ?? 'utf-8';
  if (charset === 'gbk' || charset === 'gb2312' || charset === 'gb18030') return iconv.decode(bytes, 'gbk');
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

const hanCount = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length;
// Body paragraphs: <p> elements long enough not to be a pager or footer line.
const paragraphs = (html: string) =>
  [...html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1].replace(/<[^>]+>/g, '')).filter((p) => hanCount(p) >= 40);

function bigramOverlap(a: string, b: string): number {
  const grams = (s: string) => new Set([...s].slice(1).map((c, i) => s[i] + c));
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return shared / Math.max(ga.size, gb.size);
}

describe('demo articles', () => {
  it('has at least 40 files, named NNN-slug.html|txt with unique numbers, about a third of them text dumps', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const f of files) expect(f).toMatch(FILE_NAME);
    const numbers = files.map((f) => f.slice(0, 3));
    expect(new Set(numbers).size).toBe(files.length);
    const txt = files.filter((f) => f.endsWith('.txt')).length;
    expect(txt / files.length).toBeGreaterThan(0.25);
    expect(txt / files.length).toBeLessThan(0.45);
  });

  it.each(files)('%s decodes strictly and carries an article', (file) => {
    const text = readText(file);
    expect(text).not.toContain('\uFFFD');
    expect(hanCount(text)).toBeGreaterThanOrEqual(150);
    expect(text).toMatch(DATE);
    expect(text).toMatch(/[来來]源[：:]/);
    if (file.endsWith('.html')) {
      expect(text).toMatch(/<title>[^<]+<\/title>/);
      expect(text).toMatch(/<h1[\s>]/);
      expect(text).toMatch(/上一篇/);
      const body = paragraphs(text).join('');
      expect(hanCount(body)).toBeGreaterThanOrEqual(120);
    }
  });

  it('has a GBK page whose bytes are not UTF-8 and which round-trips through GBK', () => {
    const gbk = files.filter((f) => f.endsWith('.html') && declaredCharset(readFileSync(join(ARTICLES, f))) === 'gbk');
    expect(gbk.length).toBeGreaterThanOrEqual(1);
    for (const f of gbk) {
      const bytes = readFileSync(join(ARTICLES, f));
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
      const text = iconv.decode(bytes, 'gbk');
      expect(text).toMatch(/<h1[\s>][\s\S]*医院/);
      expect(Buffer.compare(iconv.encode(text, 'gbk'), bytes)).toBe(0);
    }
  });

  it('has an article in traditional script', () => {
    const trad = files.filter((f) => /醫院/.test(readText(f)) && /遠程會診|協和/.test(readText(f)));
    expect(trad.length).toBeGreaterThanOrEqual(1);
  });

  it('is listed in the README, one line per file', () => {
    const readme = readFileSync(join(DEMO, 'README.md'), 'utf8');
    for (const f of files) expect(readme).toContain('`' + f + '`');
  });
});

describe('demo manifest', () => {
  const manifest = Manifest.parse(JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')));

  it('lists exactly the article files, each with a distinct origin URL', () => {
    expect(Object.keys(manifest).sort()).toEqual(files);
    const urls = Object.values(manifest).map((e) => e.url);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('marks reprints that really are lightly edited copies of an earlier article', () => {
    const reprints = Object.entries(manifest).filter(([, e]) => e.reprintOf);
    expect(reprints.length).toBeGreaterThanOrEqual(2);
    for (const [file, entry] of reprints) {
      const original = entry.reprintOf as string;
      expect(files).toContain(original);
      expect(original < file).toBe(true);
      expect(entry.publisher).not.toBe(manifest[original].publisher);
      const a = paragraphs(readText(original)).join('');
      const b = paragraphs(readText(file)).join('');
      expect(b).not.toBe(a);
      expect(bigramOverlap(a, b)).toBeGreaterThan(0.8);
    }
  });
});

describe('judged query set', () => {
  const judged = Judged.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/queries/judged.json'), 'utf8')));
  const demoIds = new Set(files.map((f) => f.replace(/\.(html|txt)$/, '')));

  it('has distinct queries, each with distinct relevant documents', () => {
    expect(new Set(judged.map((q) => q.query)).size).toBe(judged.length);
    for (const q of judged) expect(new Set(q.relevant).size).toBe(q.relevant.length);
  });

  it('refers only to demo articles that exist (or to seeds by their basename)', () => {
    for (const q of judged) {
      for (const id of q.relevant) {
        if (SEED_NAME.test(id)) continue;
        expect(demoIds.has(id), `${q.query}: ${id}`).toBe(true);
      }
    }
  });

  it('refers only to seeds that exist in ../shared', (ctx) => {
    if (!SHARED_DIR) return ctx.skip(SHARED_MISSING_MESSAGE);
    const seeds = new Set(readdirSync(join(SHARED_DIR, 'seeds')).map((f) => f.replace(/\.[^.]+$/, '')));
    const used = judged.flatMap((q) => q.relevant).filter((id) => SEED_NAME.test(id));
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(seeds.has(id), id).toBe(true);
    expect(existsSync(join(SHARED_DIR, 'seeds'))).toBe(true);
  });

  it('lets the main collaboration terms each find several documents', () => {
    for (const term of ['医联体', '托管', '远程会诊', '京蒙协作', '雄安', '国家区域医疗中心']) {
      const q = judged.find((x) => x.query === term);
      expect(q, term).toBeDefined();
      expect(q!.relevant.filter((id) => demoIds.has(id)).length, term).toBeGreaterThanOrEqual(3);
    }
  });
});
