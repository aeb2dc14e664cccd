// Import of saved pages: every good file stored once, every bad one rejected with a message naming it.
import iconv from 'iconv-lite';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive/index.ts';
import { importPaths } from './import.ts';

const PAGE = (n: number) =>
  `<html><head><meta charset="utf-8"><title>京津冀医疗协作第${n}期</title></head><body><h1>京津冀医疗协作第${n}期</h1>` +
  `<p>北京儿童医院保定医院今年接诊患儿${1000 + n}人次，专家团队定期坐诊。</p></body></html>`;

let dir: string;
let archive: Archive;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-import-'));
  archive = Archive.open({ dataDir: join(dir, 'data') });
});
afterEach(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, 'in', name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

describe('importPaths', () => {
  it('stores html, gbk html and text files with bytes, hash and origin; re-import is a no-op', async () => {
    file('a.html', PAGE(1));
    file('b.htm', iconv.encode(PAGE(2).replace('utf-8', 'gbk'), 'gbk'));
    file('c.txt', '天津市卫健委推进医联体建设\n2024-02-27\n天津医科大学总医院牵头组建医联体。');
    const first = await importPaths(archive, [join(dir, 'in')]);
    expect(first).toMatchObject({ seen: 3, stored: 3, unchanged: 0, rejected: [] });
    const page = archive.getPage(first.storedPageIds[1])!;
    expect(page.encoding).toBe('gb18030');
    expect(page.text).toContain('北京儿童医院保定医院');
    expect(page.origins[0]).toBe(`file://${join(dir, 'in', 'b.htm')}`);
    expect(page.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(archive.getPageBytes(page.id)!.equals(iconv.encode(PAGE(2).replace('utf-8', 'gbk'), 'gbk'))).toBe(true);

    const again = await importPaths(archive, [join(dir, 'in')]);
    expect(again).toMatchObject({ seen: 3, stored: 0, unchanged: 3 });
    expect(archive.stats().pages).toBe(3);
  });

  it('same bytes under another name add an origin, not a page', async () => {
    file('a.html', PAGE(1));
    file('copy/a.html', PAGE(1));
    const s = await importPaths(archive, [join(dir, 'in')]);
    expect(s).toMatchObject({ stored: 1, newOrigin: 1 });
    expect(archive.stats()).toMatchObject({ pages: 1, origins: 2 });
  });

  it('rejects binary, empty, undecodable, oversized, unsupported and missing inputs, naming each', async () => {
    file('good.html', PAGE(1));
    file('empty.html', '');
    file('blank.txt', '  \n\t \n');
    file('image.html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...new Array(200).fill(0)]));
    // Bytes that no candidate encoding (UTF-8, GB18030, Big5) decodes: 0xFF never starts a character.
    file('noise.txt', Buffer.alloc(3000, 0xff));
    file('notes.pdf', '%PDF-1.4');
    const big = join(dir, 'in', 'huge.html');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x61));
    const s = await importPaths(archive, [join(dir, 'in'), join(dir, 'missing-folder')]);
    const byFile = Object.fromEntries(s.rejected.map((r) => [r.file.split('/').pop(), r.code]));
    expect(byFile).toEqual({
      'missing-folder': 'UNREADABLE',
      'blank.txt': 'EMPTY',
      'empty.html': 'EMPTY',
      'huge.html': 'TOO_LARGE',
      'image.html': 'BINARY_CONTENT',
      'noise.txt': 'UNDECODABLE',
      'notes.pdf': 'UNSUPPORTED_TYPE',
    });
    for (const r of s.rejected) expect(r.message).toContain(r.file);
    expect(s.stored).toBe(1);
    expect(archive.stats().rejections).toBe(7);
  });

  it('a folder of 1,000 files with some bad ones: every good one imported, every bad one counted', async () => {
    let bad = 0;
    for (let i = 0; i < 1000; i++) {
      if (i % 97 === 0) {
        file(`p${i}.html`, '');
        bad++;
      } else if (i % 89 === 0) {
        file(`p${i}.html`, Buffer.from([0, 1, 2, 3, 0, 0, 0, 255, 0, 0]));
        bad++;
      } else file(`p${i}.html`, PAGE(i));
    }
    const s = await importPaths(archive, [join(dir, 'in')]);
    expect(s.seen).toBe(1000);
    expect(s.rejected.length).toBe(bad);
    expect(s.stored).toBe(1000 - bad);
    expect(archive.stats().pages).toBe(1000 - bad);
  });
});
