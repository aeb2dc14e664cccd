// Reprint linking at archive scale: buckets grouped by SQLite one band at a time (archive.reprintBuckets) give
// the same links as the in-memory findReprints; big buckets are skipped; a copy edited away loses its link.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { findReprints, fingerprint, ReprintLinker } from '../extractor/reprint.ts';
import type { Article } from '../extractor/types.ts';
import { iterateVaried } from '../test/bench/generate.ts';
import { linkReprints } from './extract.ts';

let dir: string;
let archive: Archive;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-reprints-'));
  archive = Archive.open({ dataDir: dir });
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

function save(genId: string, body: string, published: string): string {
  const page = archive.storePage({ origin: `https://news.test/${genId}.html`, kind: 'text', bytes: new TextEncoder().encode(body + genId), text: body, encoding: 'utf-8' });
  const article: Article = { title: genId, published, source: null, author: null, body, bodyOriginal: body, url: `https://news.test/${genId}.html` };
  return archive.saveExtraction(page.pageId, { status: 'ok', article, knowledge: null, fingerprint: fingerprint(body) }, 'v1');
}

describe('linkReprints over the archive', () => {
  it('links the same copies as findReprints over every fingerprint in memory, and finds the planted reprints', () => {
    const ids = new Map<string, string>();
    const planted: Array<[string, string]> = [];
    for (const a of iterateVaried(400, 3)) {
      ids.set(a.article.id, save(a.article.id, a.body, a.article.published!));
      if (a.copyOf) planted.push([a.article.id, a.copyOf]);
    }
    const rows = archive.db.prepare("SELECT id, fingerprint, published FROM articles WHERE status = 'ok'").all() as Array<{ id: string; fingerprint: string; published: string }>;
    const inMemory = [...findReprints(rows)].filter(([, of]) => of !== null);
    expect(linkReprints(archive)).toBe(inMemory.length);
    const stored = archive.db.prepare('SELECT id, reprint_of FROM articles WHERE reprint_of IS NOT NULL').raw().all() as Array<[string, string]>;
    expect(new Map(stored)).toEqual(new Map(inMemory));
    expect(planted.length).toBeGreaterThan(15);
    const found = planted.filter(([copy, of]) => new Map(stored).get(ids.get(copy)!) === ids.get(of)).length;
    expect(found / planted.length).toBeGreaterThan(0.8);
    expect(linkReprints(archive)).toBe(0); // nothing changed: no link rewritten, no seq bumped
  });

  it('a copy whose body is edited away loses its link and is marked changed for sync', () => {
    const story = '示例市中心医院与远方县人民医院签署紧密型医联体协议，示例市中心医院将派驻管理团队，开放进修名额二十个，共建胸痛中心和卒中中心，开通远程会诊平台。';
    const first = save('g1', story, '2024-05-01');
    const copy = save('g2', `据远方日报消息，${story}`, '2024-05-03');
    expect(linkReprints(archive)).toBe(1);
    expect(archive.getArticle(copy)!.reprintOf).toBe(first);
    const seq = archive.getArticle(copy)!.seq;
    const page = archive.getArticle(copy)!.pageId;
    const other = '草原旗卫生院今年新建了远程心电诊断室，牧民在家门口就能做检查，县医院专家每周下乡坐诊两次，并带教年轻医生。';
    archive.saveExtraction(page, { status: 'ok', article: { title: 'g2', published: '2024-05-03', source: null, author: null, body: other, bodyOriginal: other, url: null }, knowledge: null, fingerprint: fingerprint(other) }, 'v1');
    expect(linkReprints(archive)).toBe(1);
    expect(archive.getArticle(copy)!.reprintOf).toBeNull();
    expect(archive.getArticle(copy)!.seq).toBeGreaterThan(seq);
  });
});

describe('ReprintLinker', () => {
  const story = '示例市中心医院与远方县人民医院签署紧密型医联体协议，示例市中心医院将派驻管理团队，开放进修名额二十个，共建胸痛中心和卒中中心。';
  const entry = (id: string, published: string) => ({ id, fingerprint: fingerprint(story), published });

  it('skips a bucket larger than maxBucket: its pairs are never compared', () => {
    const big = new ReprintLinker({ maxBucket: 2 });
    big.addBucket([entry('a', '2024-01-01'), entry('b', '2024-01-02'), entry('c', '2024-01-03')]);
    expect(big.links().size).toBe(0);
    const small = new ReprintLinker({ maxBucket: 3 });
    small.addBucket([entry('c', '2024-01-03'), entry('b', '2024-01-02'), entry('a', '2024-01-01')]);
    expect(small.links()).toEqual(new Map([['b', 'a'], ['c', 'a']]));
  });

  it('joins chains across buckets to the earliest copy and refuses unknown options', () => {
    const l = new ReprintLinker();
    l.addBucket([entry('late', '2024-03-01'), entry('mid', '2024-02-01')]);
    l.addBucket([entry('mid', '2024-02-01'), entry('early', '2024-01-01')]);
    expect(l.links()).toEqual(new Map([['late', 'early'], ['mid', 'early']]));
    expect(() => new ReprintLinker({ maxBuckets: 3 } as never)).toThrow();
  });
});
