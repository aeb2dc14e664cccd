// The tokenizer threads: the same tokens as on the calling thread, a bad document named in a clear error,
// a stopped thread failing its waiting calls (never a hang), and the embedded index writing through them.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { docTokens } from './doc-tokens.ts';
import { EmbeddedSearchIndex } from './embedded.ts';
import type { SearchDoc } from './port.ts';
import { TokenizeError, TokenizerPool } from './tokenizer-pool.ts';

const texts = Array.from({ length: 120 }, (_, i) => ({
  id: `t${i}`, title: `北京兒童醫院保定醫院第${i}期`, body: `京津冀医联体建设：远程会诊${i}次，CT检查结果互认。Regional Medical Center ${i}.`,
}));

describe('TokenizerPool', () => {
  // One thread for these tests: starting one loads jieba's dictionaries (about a second).
  const pool = new TokenizerPool(1);
  afterAll(() => pool.close());

  it('cuts on a worker thread exactly as on the calling thread', async () => {
    expect(await pool.tokens(texts)).toEqual(texts.map(docTokens));
  });

  it('names the document it cannot cut, and keeps working', async () => {
    {
      const bad = [texts[0], { id: 'broken', title: '标题', body: null as unknown as string }];
      const e = await pool.tokens(bad, 100).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TokenizeError);
      expect(e).toMatchObject({ code: 'TOKENIZE_FAILED', retryable: false, message: expect.stringContaining('document 101 (broken)') });
      // The same error on the calling thread.
      await expect(new TokenizerPool(0).tokens(bad, 100)).rejects.toMatchObject({ code: 'TOKENIZE_FAILED', retryable: false, message: expect.stringContaining('document 101 (broken)') });
      expect(await pool.tokens(texts.slice(0, 2))).toEqual(texts.slice(0, 2).map(docTokens));
    }
  });

  it('fails the calls waiting on a thread that stops, with a retryable error', async () => {
    const stopping = new TokenizerPool(1);
    const waiting = stopping.tokens(texts).catch((e: unknown) => e);
    await stopping.close();
    expect(await waiting).toMatchObject({ code: 'TOKENIZE_FAILED', retryable: true });
    // Trying again works: a new thread is started.
    expect(await stopping.tokens(texts.slice(0, 1))).toEqual([docTokens(texts[0])]);
    await stopping.close();
  });
});

describe('EmbeddedSearchIndex with tokenizer threads', () => {
  const doc = (i: number, body = `医院协作进展${i}，京津冀医联体。`): SearchDoc => ({
    id: `n${i}`, url: null, title: `第${i}号通知`, published: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`, source: '健康报',
    body, bodyOriginal: body, places: [], institutions: [], kinds: [], reprintOf: null,
  });

  it('answers as the single-threaded index does; a batch with a document it cannot cut is refused, naming it, chunks before it written, none after', async () => {
    const docs = Array.from({ length: 230 }, (_, i) => doc(i));
    const queries = ['医联体', '协作进展17', '"京津冀"'];
    const single = new EmbeddedSearchIndex(new Database(':memory:'), { tokenizerThreads: 0 });
    const threaded = new EmbeddedSearchIndex(new Database(':memory:'), { tokenizerThreads: 1 });
    try {
      for (const ix of [single, threaded]) {
        await ix.init();
        await ix.upsert(docs);
      }
      const answers = await Promise.all([single, threaded].map((ix) => Promise.all(queries.map((text) => ix.search({ text, limit: 100 })))));
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[1][1].hits.map((h) => h.id)).toEqual(['n17']);

      await threaded.clear();
      const bad = docs.slice(0, 200);
      bad[120] = { ...bad[120], body: null as unknown as string };
      await expect(threaded.upsert(bad)).rejects.toMatchObject({ code: 'TOKENIZE_FAILED', retryable: false, message: expect.stringContaining('document 120 (n120)') });
      // Chunks of 50: 0–99 written; the chunk holding 120 and every later one not.
      expect(await threaded.count()).toBe(100);
      await threaded.upsert(bad.filter((_, i) => i !== 120));
      expect(await threaded.count()).toBe(199);
    } finally {
      await threaded.close();
    }
  });
});
