import { describe, expect, it } from 'vitest';
import { buildFilter, filterString } from './meili-filter.ts';

/** Reads one Meilisearch filter condition back into tokens: identifiers, operators, and unescaped strings. */
function tokens(cond: string): Array<{ t: 'id' | 'str' | 'op'; v: string }> {
  const out: Array<{ t: 'id' | 'str' | 'op'; v: string }> = [];
  let i = 0;
  while (i < cond.length) {
    const c = cond[i];
    if (c === ' ') { i++; continue; }
    if (c === '"') {
      let v = '';
      for (i++; cond[i] !== '"'; i++) {
        if (i >= cond.length) throw new Error('unterminated string');
        if (cond[i] === '\\') i++;
        v += cond[i];
      }
      i++;
      out.push({ t: 'str', v });
      continue;
    }
    const m = cond.slice(i).match(/^([A-Za-z_]+|\d+|>=|<=|\[|\]|,)/);
    if (!m) throw new Error(`unexpected ${c}`);
    out.push({ t: /^[A-Za-z_]+$/.test(m[1]) ? 'id' : 'op', v: m[1] });
    i += m[1].length;
  }
  return out;
}

describe('Meilisearch filter builder', () => {
  const hostile = ['a" OR source = "b', 'x\\" OR 1 = 1', '\\', '"', ']) OR (id EXISTS', '河北\n省', 'places IN ["x"]'];

  it('keeps every value one string literal, whatever it holds', () => {
    const [cond] = buildFilter({ lists: { source: hostile }, fromDay: null, toDay: null });
    const toks = tokens(cond);
    expect(toks.slice(0, 3)).toEqual([{ t: 'id', v: 'source' }, { t: 'id', v: 'IN' }, { t: 'op', v: '[' }]);
    expect(toks.filter((t) => t.t === 'str').map((t) => t.v)).toEqual(hostile);
    expect(toks.filter((t) => t.t === 'id').map((t) => t.v)).toEqual(['source', 'IN']);
  });

  it('escapes backslashes and quotes', () => {
    expect(filterString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('ANDs one condition per filter, with numeric day bounds', () => {
    expect(buildFilter({ lists: { places: ['保定市'], kinds: ['alliance', 'trusteeship'] }, fromDay: 20240000, toDay: 20241299 })).toEqual([
      'places IN ["保定市"]', 'kinds IN ["alliance", "trusteeship"]', 'day >= 20240000', 'day <= 20241299',
    ]);
    expect(buildFilter({ lists: {}, fromDay: null, toDay: null })).toEqual([]);
  });
});
