import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedSearchIndex } from '../search/embedded.ts';
import { openServices } from './services.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kg-services-'));
  dirs.push(d);
  return join(d, 'data');
};

describe('openServices', () => {
  it('sizes the embedded search cache from KG_SEARCH_CACHE; 0 turns it off', async () => {
    const s = await openServices({ dataDir: dataDir(), env: { KG_SEARCH_CACHE: '0' } });
    try {
      await s.search.search({ text: '医院' });
      await s.search.search({ text: '医院' });
      expect((s.search as EmbeddedSearchIndex).cacheStats()).toMatchObject({ hits: 0, size: 0 });
    } finally {
      await s.close();
    }
  });

  it.each(['-1', '1.5', 'lots'])('refuses KG_SEARCH_CACHE=%s before opening anything', async (value) => {
    const dir = dataDir();
    await expect(openServices({ dataDir: dir, env: { KG_SEARCH_CACHE: value } })).rejects.toMatchObject({ code: 'BAD_CONFIG', message: expect.stringContaining('KG_SEARCH_CACHE') });
    expect(existsSync(join(dir, 'kg.sqlite'))).toBe(false);
  });

  it.each([
    ['MEILI_INDEX', { MEILI_HOST: 'http://127.0.0.1:7700', MEILI_INDEX: 'articles; DROP' }],
    ['MEILI_HOST', { MEILI_HOST: 'not a url' }],
  ])('refuses a bad %s before opening anything', async (_name, env) => {
    const dir = dataDir();
    await expect(openServices({ dataDir: dir, env })).rejects.toMatchObject({ code: 'BAD_CONFIG', message: expect.stringContaining('MEILI_INDEX') });
    expect(existsSync(join(dir, 'kg.sqlite'))).toBe(false);
  });
});
