// Tokenizer worker thread (tokenizer-pool.ts): token columns for batches of documents, so the indexing
// thread writes one batch to SQLite while this one cuts the next.
import { parentPort } from 'node:worker_threads';
import { docTokens, type DocText } from './doc-tokens.ts';

export interface TokenizeJob {
  job: number;
  docs: DocText[];
}

export type TokenizeReply = { job: number; tokens: ReturnType<typeof docTokens>[] } | { job: number; failed: number; message: string };

parentPort!.on('message', ({ job, docs }: TokenizeJob) => {
  const tokens = [];
  for (let i = 0; i < docs.length; i++) {
    try {
      tokens.push(docTokens(docs[i]));
    } catch (e) {
      parentPort!.postMessage({ job, failed: i, message: (e as Error).message } satisfies TokenizeReply);
      return;
    }
  }
  parentPort!.postMessage({ job, tokens } satisfies TokenizeReply);
});
