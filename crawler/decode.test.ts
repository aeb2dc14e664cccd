import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { DecodeError, decodeHtml, decodeText } from './decode.ts';

const PARA = '京津冀医疗卫生协同发展十年来，北京儿童医院与保定市人民政府签署合作协议，派驻专家开展远程会诊和教学查房，当地群众在家门口就能看好病。';
const page = (charset: string | null, body = PARA) =>
  `<html><head>${charset ? `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">` : ''}<title>协同发展</title></head><body><p>${body}</p></body></html>`;

describe('decodeHtml', () => {
  it('decodes GBK bytes declared as GB2312 with GB18030', () => {
    const r = decodeHtml(iconv.encode(page('gb2312'), 'gbk'));
    expect(r.encoding).toBe('gb18030');
    expect(r.method).toBe('declared');
    expect(r.text).toContain(PARA);
  });

  it('sniffs GBK with no declaration at all', () => {
    const r = decodeHtml(iconv.encode(page(null), 'gbk'));
    expect(r.encoding).toBe('gb18030');
    expect(r.method).toBe('sniffed');
    expect(r.text).toContain(PARA);
  });

  it('reads UTF-8 bytes that declare GB2312 as UTF-8', () => {
    const r = decodeHtml(Buffer.from(page('gb2312'), 'utf8'));
    expect(r.encoding).toBe('utf-8');
    expect(r.declared).toBe('gb2312');
    expect(r.text).toContain(PARA);
  });

  it('reads GBK bytes that declare UTF-8 as GBK', () => {
    const r = decodeHtml(iconv.encode(page('utf-8'), 'gbk'));
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toContain(PARA);
  });

  it('decodes Big5 by declaration and by sniffing', () => {
    const trad = '京津冀醫療衛生協同發展十年來，北京兒童醫院與保定市人民政府簽署合作協議，派駐專家開展遠程會診和教學查房。';
    expect(decodeHtml(iconv.encode(page('big5', trad), 'big5')).text).toContain(trad);
    const sniffed = decodeHtml(iconv.encode(page(null, trad), 'big5'));
    expect(sniffed.encoding).toBe('big5');
    expect(sniffed.text).toContain(trad);
    // Traditional forms count as common characters, so Big5 is not mistaken for noise.
    expect(sniffed.confidence).toBeGreaterThan(0.6);
  });

  it('prefers the Content-Type header over the meta tag', () => {
    const r = decodeHtml(iconv.encode(page('utf-8'), 'gbk'), 'text/html; charset=GBK');
    expect(r.declaredBy).toBe('header');
    expect(r.declared).toBe('gbk');
    expect(r.text).toContain(PARA);
  });

  it('honours a UTF-8 BOM and a UTF-16 BOM', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page(null), 'utf8')]);
    expect(decodeHtml(utf8).method).toBe('bom');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page(null), 'utf-16le')]);
    const r = decodeHtml(utf16);
    expect(r.encoding).toBe('utf-16le');
    expect(r.text).toContain(PARA);
  });

  it('accepts UTF-8 cut off in the middle of a character', () => {
    const bytes = Buffer.from(page(null), 'utf8');
    const cut = bytes.subarray(0, bytes.indexOf(Buffer.from('北京', 'utf8')) + 1);
    expect(decodeHtml(cut).encoding).toBe('utf-8');
  });

  it('rejects binary data with BINARY_CONTENT', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const err = (() => { try { decodeHtml(png); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).code).toBe('BINARY_CONTENT');
    const control = Buffer.alloc(400, 0x01);
    expect(() => decodeText(control)).toThrow(DecodeError);
  });

  it('rejects bytes no encoding reads cleanly with UNDECODABLE', () => {
    // Lead bytes with no valid trail byte are invalid in UTF-8, GB18030 and Big5 alike.
    const junk = Buffer.from(Array.from({ length: 300 }, (_, i) => (i % 2 ? 0x20 : 0xff)));
    const err = (() => { try { decodeText(junk); } catch (e) { return e; } })();
    expect((err as DecodeError).code).toBe('UNDECODABLE');
  });
});

describe('decodeText on bytes that are not text', () => {
  // xorshift: the same pseudo-random bytes on every run.
  const bytes = (n: number, lo: number, span: number) => {
    let x = 2463534242;
    return Buffer.from(Array.from({ length: n }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return lo + ((x >>> 0) % span);
    }));
  };
  const codeOf = (b: Buffer) => { try { decodeText(b); return 'accepted'; } catch (e) { return (e as DecodeError).code; } };

  it('rejects pseudo-random high bytes, which GB18030 reads with few replacements', () => {
    for (const n of [500, 4000, 40000]) expect(codeOf(bytes(n, 0x80, 128))).toBe('UNDECODABLE');
  });

  it('rejects pseudo-random bytes in the GB2312 range, which decode without any replacement', () => {
    expect(codeOf(bytes(4000, 0xa1, 94))).toBe('UNDECODABLE');
  });

  it('still accepts a short GBK text of rare characters (too little to judge)', () => {
    const r = decodeText(iconv.encode('鑫淼 犇', 'gbk'));
    expect(r.text).toBe('鑫淼 犇');
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 and GBK text files', () => {
    const text = `标题\n${PARA}\n`;
    expect(decodeText(Buffer.from(text, 'utf8')).text).toBe(text);
    expect(decodeText(iconv.encode(text, 'gbk')).text).toBe(text);
  });
});
