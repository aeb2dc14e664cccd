// Runs the shared conformance suite against a real Meilisearch when MEILI_HOST is set (`npm run meili`).
import { describe, expect, it } from 'vitest';
import { searchConformance } from '../test/conformance/search.ts';
import { BadQueryError } from './errors.ts';
import { branchQuery, MeiliSearchIndex, toBranches } from './meilisearch.ts';
import { parseQuery } from './query.ts';
import { MEILI_SKIP_MESSAGE, TEST_MEILI_HOST as host, testIndexUid } from '../test/meili.ts';

if (!host) console.warn(`[search] ${MEILI_SKIP_MESSAGE}`);

describe.skipIf(!host)('Meilisearch adapter (MEILI_HOST)', () => {
  searchConformance(
    'meilisearch',
    async () => new MeiliSearchIndex({ host: host!, apiKey: process.env.MEILI_API_KEY, indexUid: testIndexUid('conformance') }),
    { near: false },
  );
});

// Query translation needs no server: it is plain code over the parsed query.
describe('Meilisearch query translation', () => {
  const branches = (q: string) => toBranches(parseQuery(q).root!, 16);

  it('turns OR into branches and NOT into -"…" with every literal quoted', () => {
    expect(branches('(农业 OR 赤峰) 京 -医院').map((b) => branchQuery(b, 10))).toEqual(['"农业" "京" -"医院"', '"赤峰" "京" -"医院"']);
  });

  it('writes only letters, digits and spaces inside quotes, whatever the input', () => {
    for (const q of ['body:医院', 'x" OR "1', "'; DROP --", 'filter = "a"']) {
      let out = '';
      try {
        out = branches(q).map((b) => branchQuery(b, 10)).join(' ');
      } catch (e) {
        expect(e).toBeInstanceOf(BadQueryError);
        continue;
      }
      expect(out.replace(/-?"[\p{L}\p{N} ]+"/gu, '').trim(), `${q} → ${out}`).toBe('');
    }
  });

  it('refuses queries past Meilisearch\'s word limit instead of losing terms', () => {
    const q = '北京 儿童 医院 保定 医联体 建设 专家 团队 每周 坐诊 紧密型';
    expect(() => branches(q).map((b) => branchQuery(b, 10))).toThrow(/at most 10/);
  });

  it('refuses OR explosions and NOT of groups', () => {
    expect(() => branches('(a OR b) (c OR d) (e OR f) (g OR h) (i OR j)')).toThrow(BadQueryError);
    expect(() => branches('a -(b c)')).toThrow(BadQueryError);
  });

  it('refuses unknown options', () => {
    expect(() => new MeiliSearchIndex({ host: 'http://127.0.0.1:7700', batchsize: 1 } as never)).toThrow();
  });
});
