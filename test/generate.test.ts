// The scale bench's generator: its hospital names must be names (a 1M archive numbers thousands of hospitals a kind).
import { describe, expect, it } from 'vitest';
import { iterateArticles, numeral } from './bench/generate.ts';

describe('bench generator', () => {
  it('writes ordinals up to the thousands as news does', () => {
    expect([2, 14, 101, 110, 230, 1000, 1005, 1010, 1234, 3600].map(numeral)).toEqual([
      '第二', '第十四', '第一百零一', '第一百一十', '第二百三十', '第一千', '第一千零五', '第一千零一十', '第一千二百三十四', '第三千六百',
    ]);
    expect(() => numeral(10_000)).toThrow(RangeError);
  });

  it('names every hospital of a million-article world without a broken numeral', () => {
    const names: string[] = [];
    let k = 0;
    for (const a of iterateArticles(1_000_000, 7)) {
      names.push(...a.entities.filter((e) => e.type === 'hospital').map((e) => e.name), a.body);
      if (++k === 300) break;
    }
    expect(names.some((n) => n.includes('千'))).toBe(true); // the thousands are reached
    expect(names.filter((n) => /undefined|NaN/.test(n))).toEqual([]);
  });
});
