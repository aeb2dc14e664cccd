import { describe, expect, it } from 'vitest';
import { BadQueryError } from './errors.ts';
import { toFts } from './fts.ts';
import { parseQuery } from './query.ts';
import { grams } from './text.ts';

const fts = (q: string) => toFts(parseQuery(q).root!);

describe('parseQuery', () => {
  it('reads spaces as AND, OR, NOT and -word, phrases and parentheses', () => {
    expect(parseQuery('医联体 保定').root).toEqual({
      kind: 'and', children: [{ kind: 'term', text: '医联体', phrase: false }, { kind: 'term', text: '保定', phrase: false }],
    });
    expect(parseQuery('a OR b').root?.kind).toBe('or');
    expect(parseQuery('a | b').root?.kind).toBe('or');
    expect(parseQuery('医院 -儿童').root).toMatchObject({ kind: 'and', children: [{ kind: 'term' }, { kind: 'not' }] });
    expect(parseQuery('“医联体建设”').root).toEqual({ kind: 'term', text: '医联体建设', phrase: true });
    expect(parseQuery('「医联体」').root).toEqual({ kind: 'term', text: '医联体', phrase: true });
    expect(parseQuery('(a OR b) c').root).toMatchObject({ kind: 'and', children: [{ kind: 'or' }, { kind: 'term', text: 'c' }] });
  });

  it('normalises traditional and full-width input', () => {
    expect(parseQuery('醫聯體').root).toEqual({ kind: 'term', text: '医联体', phrase: false });
    expect(parseQuery('ＮＥＡＲ（北京　保定，５）').root).toEqual({
      kind: 'near', distance: 5,
      terms: [{ kind: 'term', text: '北京', phrase: false }, { kind: 'term', text: '保定', phrase: false }],
    });
  });

  it('keeps lower-case or/and/not/near as words', () => {
    expect(parseQuery('or and not near').positives).toEqual(['or', 'and', 'not', 'near']);
  });

  it('reports pieces with nothing to search instead of dropping them silently', () => {
    const p = parseQuery('医院 *** ！');
    expect(p.positives).toEqual(['医院']);
    expect(p.ignored).toEqual(['***', '!']);
  });

  it('refuses what it cannot read with BAD_QUERY and a position', () => {
    for (const q of ['"abc', '(a', 'a)', 'OR a', 'a OR', 'a AND', 'NOT', '-a', 'a OR -b', 'NEAR(a)', 'NEAR(a b, 500)', 'NEAR(a b, x)', '""', '***']) {
      expect(() => parseQuery(q), q).toThrow(BadQueryError);
    }
    try {
      parseQuery('医院 (专家');
    } catch (e) {
      expect(e).toMatchObject({ code: 'BAD_QUERY', position: 3 });
    }
    expect(() => parseQuery('词 '.repeat(40))).toThrow(/at most 32/);
  });
});

describe('toFts', () => {
  it('renders literals as quoted bigram phrases only', () => {
    expect(fts('农业')).toBe('"农业"');
    expect(fts('医联体')).toBe('("医联 联体" OR "医联体")');
    expect(fts('"北京 天津"')).toBe('"北京 京 天津"');
    expect(fts('京')).toBe('"京" *');
    expect(fts('a -b')).toBe('(("a") NOT ("b"))');
    expect(fts('NEAR(北京 保定, 3)')).toBe('{title body} : NEAR("北京" "保定", 3)');
  });

  it('emits no syntax from hostile input', () => {
    expect(() => fts('x" OR "1"="1')).toThrow(BadQueryError); // the quoted part holds no words
    for (const q of ['body:医院', '{title}: x', 'x" OR "1', "'; DROP TABLE t; --", '医院*', '^医院', 'a:b:c', '+x', 'NEAR']) {
      const out = fts(q);
      // Outside quoted tokens, only our own operators and parentheses remain.
      const bare = out.replace(/"[^"]*"/g, '').replace(/\b(AND|OR|NOT)\b|[()*\s]/g, '');
      expect(bare, `${q} → ${out}`).toBe('');
    }
  });

  it('matches the index token stream: a phrase of a substring is contiguous in grams()', () => {
    const body = grams('中国农业发展银行，5g网络').join(' ');
    expect(body).toContain('农业 业发 发展');
    expect(fts('"农业发展"')).toBe('("农业 业发 发展" OR "农业发展")');
  });

  it('keeps each typed word whole in `exact` when it was cut into several words', () => {
    expect(parseQuery('区域医疗中心 -托管').exact).toEqual({ kind: 'and', children: [{ kind: 'term', text: '区域医疗中心', phrase: false }, { kind: 'not', child: { kind: 'term', text: '托管', phrase: false } }] });
    expect(parseQuery('医院 "医联体"').exact).toBeUndefined(); // nothing was cut
  });
});
