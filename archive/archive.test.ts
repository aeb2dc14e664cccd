import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../extractor/types.ts';
import { ARCHIVE_MIGRATIONS } from './schema.ts';
import { Archive, articleIdFor } from './archive.ts';
import { migrate } from './migrate.ts';

let dir: string;
let archive: Archive;
const bytes = (s: string) => new TextEncoder().encode(s);
const article = (title: string): Article => ({
  title, published: '2024-05-10', source: '新华社', author: null, body: `${title}正文`, bodyOriginal: `${title}正文`, url: null,
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-archive-'));
  archive = Archive.open({ dataDir: dir });
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Archive', () => {
  it('opens in WAL mode and re-opening applies no migration twice', () => {
    expect(archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
    archive.close();
    archive = Archive.open({ dataDir: dir });
    const rows = archive.db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE module = 'archive'").get() as { n: number };
    expect(rows.n).toBe(ARCHIVE_MIGRATIONS.length);
  });

  it('a failing migration leaves no trace and is retried next time', () => {
    expect(() => migrate(archive.db, 'x', [{ version: 1, name: 'bad', sql: 'CREATE TABLE t1 (a); CREATE TABLE t1 (a);' }])).toThrow();
    expect(archive.db.prepare("SELECT name FROM sqlite_master WHERE name = 't1'").get()).toBeUndefined();
    expect(migrate(archive.db, 'x', [{ version: 1, name: 'good', sql: 'CREATE TABLE t1 (a);' }])).toBe(1);
  });

  it('stores a page once per content hash and records every origin', () => {
    const p = { kind: 'html' as const, bytes: bytes('<p>a</p>'), text: '<p>a</p>', encoding: 'utf-8' };
    expect(archive.storePage({ ...p, origin: 'file:///a.html' }).outcome).toBe('stored');
    expect(archive.storePage({ ...p, origin: 'file:///a.html' }).outcome).toBe('unchanged');
    expect(archive.storePage({ ...p, origin: 'https://x.cn/a.html' }).outcome).toBe('new-origin');
    expect(archive.stats()).toMatchObject({ pages: 1, origins: 2 });
  });

  it('extraction bumps seq; sync state tells each target what changed', () => {
    const a = archive.storePage({ origin: 'o1', kind: 'text', bytes: bytes('一'), text: '一', encoding: 'utf-8' });
    const b = archive.storePage({ origin: 'o2', kind: 'text', bytes: bytes('二'), text: '二', encoding: 'utf-8' });
    const idA = archive.saveExtraction(a.pageId, { status: 'ok', article: article('甲'), knowledge: null, fingerprint: null }, 'v1');
    const idB = archive.saveExtraction(b.pageId, { status: 'no_article', reason: 'list page' }, 'v1');
    expect(idA).toBe(articleIdFor(a.hash));
    expect(archive.changedFor('graph', 10).map((r) => r.id)).toEqual([idA, idB]);
    archive.markSynced('graph', archive.changedFor('graph', 10));
    expect(archive.countChangedFor('graph')).toBe(0);
    expect(archive.countChangedFor('search')).toBe(2);
    archive.saveExtraction(a.pageId, { status: 'ok', article: article('甲改'), knowledge: null, fingerprint: null }, 'v2');
    expect(archive.changedFor('graph', 10).map((r) => r.title)).toEqual(['甲改']);
    expect(archive.pagesToExtract('v2')).toEqual([b.pageId]);
    expect(archive.getArticles([idB, 'missing', idA]).map((r) => r?.status ?? null)).toEqual(['no_article', null, 'ok']);
  });

  it('changedFor brings each article with its knowledge, as getKnowledge reads it (sync reads no article twice)', () => {
    const a = archive.storePage({ origin: 'o1', kind: 'text', bytes: bytes('一'), text: '一', encoding: 'utf-8' });
    const b = archive.storePage({ origin: 'o2', kind: 'text', bytes: bytes('二'), text: '二', encoding: 'utf-8' });
    const knowledge = {
      sentences: ['北京朝阳医院与赤峰市医院合作。'], figures: [], relations: [], rejected: {},
      entities: [{ id: 'hospital:北京朝阳医院', type: 'hospital' as const, name: '北京朝阳医院', aliases: [], mentions: [{ sentence: 0, start: 0, end: 6 }], confidence: 0.9 }],
    };
    const idA = archive.saveExtraction(a.pageId, { status: 'ok', article: article('甲'), knowledge, fingerprint: null }, 'v1');
    const idB = archive.saveExtraction(b.pageId, { status: 'no_article', reason: 'list page' }, 'v1');
    const batch = archive.changedFor('graph', 10);
    expect(batch.map((r) => [r.id, r.knowledge])).toEqual([[idA, knowledge], [idB, null]]);
    expect(batch[0].knowledge).toEqual(archive.getKnowledge(idA));
  });

  it('a target\'s watermark: what a pass went through (refused included) is not read again until it changes', () => {
    const ids = ['一', '二', '三'].map((t, i) => {
      const p = archive.storePage({ origin: `o${i}`, kind: 'text', bytes: bytes(t), text: t, encoding: 'utf-8' });
      return archive.saveExtraction(p.pageId, { status: 'ok', article: article(t), knowledge: null, fingerprint: null }, 'v1');
    });
    const batch = archive.changedFor('graph', 10);
    // the second article was refused by the target: not marked synced, but the pass went through it
    archive.markSynced('graph', [batch[0], batch[2]], batch[2].seq);
    expect(archive.syncedThrough('graph')).toBe(batch[2].seq);
    expect(archive.changedFor('graph', 10)).toEqual([]);
    expect(archive.countChangedFor('graph')).toBe(0);
    archive.touchArticles([ids[1]]); // re-extracted or re-resolved: a new seq, above the watermark
    expect(archive.changedFor('graph', 10).map((r) => r.id)).toEqual([ids[1]]);
    expect(archive.countChangedFor('graph')).toBe(1);
    archive.resetSync('graph');
    expect(archive.syncedThrough('graph')).toBe(0);
    expect(archive.countChangedFor('graph')).toBe(3);
    archive.markSynced('graph#rebuild', archive.changedFor('graph#rebuild', 10), 1_000);
    archive.moveSync('graph#rebuild', 'graph');
    expect([archive.syncedThrough('graph'), archive.syncedThrough('graph#rebuild'), archive.countChangedFor('graph')]).toEqual([1_000, 0, 0]);
  });

  it('reprint links change seq only when they change', () => {
    const a = archive.storePage({ origin: 'o1', kind: 'text', bytes: bytes('一'), text: '一', encoding: 'utf-8' });
    const b = archive.storePage({ origin: 'o2', kind: 'text', bytes: bytes('二'), text: '二', encoding: 'utf-8' });
    const idA = archive.saveExtraction(a.pageId, { status: 'ok', article: article('甲'), knowledge: null, fingerprint: 'f' }, 'v1');
    const idB = archive.saveExtraction(b.pageId, { status: 'ok', article: article('甲'), knowledge: null, fingerprint: 'f' }, 'v1');
    expect(archive.setReprints(new Map([[idB, idA], [idA, null]]))).toBe(1);
    expect(archive.setReprints(new Map([[idB, idA], [idA, null]]))).toBe(0);
    expect(archive.copiesOf([idA, idB, 'no-such-article', idA])).toEqual([[idB], [], [], [idB]]);
  });
});
