// Every relation end and figure subject must be an entity of the same article, or the graph refuses
// the article (GRAPH_BAD_INPUT). Checked over every demo article and every shared seed.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml, decodeText } from '../../../crawler/decode.ts';
import { extractArticle } from '../../article/index.ts';
import { isNoArticle } from '../../types.ts';
import type { Knowledge } from '../../types.ts';
import { extractKnowledge } from '../index.ts';
import { REPO_ROOT, SHARED_DIR, SHARED_MISSING_MESSAGE } from '../../../test/shared.ts';
import { run } from './helpers.ts';

function danglingIds(k: Knowledge): string[] {
  const ids = new Set(k.entities.map((e) => e.id));
  const ends = [...k.relations.flatMap((r) => [r.a, r.b]), ...k.figures.flatMap((f) => (f.subjectId ? [f.subjectId] : []))];
  return [...new Set(ends.filter((id) => !ids.has(id)))];
}

function knowledgeOf(file: string): Knowledge | null {
  const bytes = readFileSync(file);
  const html = extname(file) === '.html' || /^\s*</u.test(bytes.subarray(0, 64).toString('latin1'));
  const text = (html ? decodeHtml(bytes) : decodeText(bytes)).text;
  const a = extractArticle(html ? { html: text, url: null } : { text, url: null });
  return isNoArticle(a) ? null : extractKnowledge(a);
}

const files = (dir: string) => readdirSync(dir).filter((f) => /\.(html|txt)$/u.test(f)).map((f) => join(dir, f));

describe('relation ends are entities of the article', () => {
  it('adds the place of a 省/市 agency named only through its own name or the document\'s home', () => {
    const k = run('省卫生健康委组织专家赴雄县医院。', '2024-06-15', '河北省卫生健康委员会');
    expect(danglingIds(k)).toEqual([]);
    const agency = k.entities.find((e) => e.name === '河北省卫生健康委员会');
    expect(agency).toBeDefined();
    expect(k.relations).toContainEqual(expect.objectContaining({ type: 'located_in', a: agency!.id, b: 'place:130000' }));
    expect(k.entities.find((e) => e.id === 'place:130000')?.name).toBe('河北省');
  });

  it('holds for every demo article', () => {
    const dir = join(REPO_ROOT, 'demo', 'articles');
    const list = files(dir);
    expect(list.length).toBeGreaterThan(10);
    for (const f of list) {
      const k = knowledgeOf(f);
      expect(k, f).not.toBeNull();
      expect(danglingIds(k!), f).toEqual([]);
    }
  });

  it.skipIf(!SHARED_DIR)(`holds for every shared seed${SHARED_DIR ? '' : ` (skipped: ${SHARED_MISSING_MESSAGE})`}`, () => {
    const list = files(join(SHARED_DIR!, 'seeds'));
    expect(list.length).toBeGreaterThan(0);
    for (const f of list) {
      const k = knowledgeOf(f);
      if (k) expect(danglingIds(k), f).toEqual([]);
    }
  });
});
