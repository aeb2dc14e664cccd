// Token columns of documents (doc-tokens.ts), cut on worker threads so that indexing overlaps cutting
// batch k+1 with writing batch k (about half of the embedded index's build time each). With no threads,
// or for small calls, documents are cut on the calling thread. Workers are started on first use and
// hold the process open only while they have work.
import { Worker } from 'node:worker_threads';
import { KgError } from '../archive/errors.ts';
import { docTokens, type DocText, type DocTokens } from './doc-tokens.ts';
import type { TokenizeJob, TokenizeReply } from './tokenize-worker.ts';

/** A document could not be cut into tokens (not retryable), or the tokenizer thread stopped (retryable). */
export class TokenizeError extends KgError {
  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super('TOKENIZE_FAILED', message, options);
  }
}

// The worker is TypeScript: it loads through tsx's loader, whichever way this process was started.
const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER = new URL('./tokenize-worker.ts', import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER)}); })`;

interface Pending {
  resolve: (t: DocTokens[]) => void;
  reject: (e: Error) => void;
  first: number;
  ids: string[];
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

export class TokenizerPool {
  private readonly threads: Thread[] = [];
  private next = 0;
  private job = 0;

  /** `threads` worker threads (0: cut on the calling thread). */
  constructor(private readonly size: number) {}

  /**
   * Tokens of each document, in order. `first` is the position of docs[0] in the caller's call and `ids`
   * name the documents, for error messages.
   */
  tokens(docs: Array<DocText & { id: string }>, first = 0): Promise<DocTokens[]> {
    if (this.size === 0) return Promise.resolve().then(() => inline(docs, first));
    const t = this.thread();
    const job = ++this.job;
    return new Promise((resolve, reject) => {
      t.pending.set(job, { resolve, reject, first, ids: docs.map((d) => d.id) });
      t.worker.ref();
      t.worker.postMessage({ job, docs: docs.map((d) => ({ title: d.title, body: d.body })) } satisfies TokenizeJob);
    });
  }

  /** Stop the workers; calls still waiting fail with a retryable TokenizeError (a later call starts a new one). */
  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((t) => this.stop(t, 'the tokenizer was closed')));
  }

  private thread(): Thread {
    if (this.threads.length < this.size) {
      const t: Thread = { worker: new Worker(BOOT, { eval: true }), pending: new Map() };
      t.worker.on('message', (r: TokenizeReply) => this.reply(t, r));
      t.worker.on('error', (e) => void this.stop(t, `the tokenizer thread failed: ${e.message}`, e));
      t.worker.on('exit', (code) => void this.stop(t, `the tokenizer thread exited (code ${code})`));
      this.threads.push(t);
      return t;
    }
    return this.threads[this.next++ % this.threads.length];
  }

  private reply(t: Thread, r: TokenizeReply): void {
    const p = t.pending.get(r.job);
    if (!p) return;
    t.pending.delete(r.job);
    if (t.pending.size === 0) t.worker.unref();
    if ('tokens' in r) p.resolve(r.tokens);
    else p.reject(new TokenizeError(`document ${p.first + r.failed} (${p.ids[r.failed]}) could not be tokenised: ${r.message}`, { retryable: false }));
  }

  /** Take a thread out of the pool and fail its waiting calls (a later call starts a new thread). */
  private async stop(t: Thread, message: string, cause?: unknown): Promise<void> {
    const i = this.threads.indexOf(t);
    if (i >= 0) this.threads.splice(i, 1);
    for (const p of t.pending.values()) p.reject(new TokenizeError(message, { retryable: true, cause }));
    t.pending.clear();
    await t.worker.terminate();
  }
}

function inline(docs: Array<DocText & { id: string }>, first: number): DocTokens[] {
  return docs.map((d, i) => {
    try {
      return docTokens(d);
    } catch (e) {
      throw new TokenizeError(`document ${first + i} (${d.id}) could not be tokenised: ${(e as Error).message}`, { retryable: false, cause: e });
    }
  });
}
