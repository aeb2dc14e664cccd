// A per-request time budget that synchronous work can see. The API's timeout cannot fire while a resolver
// runs synchronous SQLite work (better-sqlite3 never yields), so long walks check the budget themselves
// and stop with DeadlineExceededError. Carried in AsyncLocalStorage: no parameter threads through the ports.
import { AsyncLocalStorage } from 'node:async_hooks';
import { KgError } from './errors.ts';

/** The request's time budget ran out; the work in progress was cut. */
export class DeadlineExceededError extends KgError {
  constructor(budgetMs: number) {
    super('DEADLINE_EXCEEDED', `the work did not finish within ${budgetMs} ms`);
  }
}

interface Deadline { at: number; budgetMs: number }
const current = new AsyncLocalStorage<Deadline>();

/** Runs `fn` with a deadline `budgetMs` from now, visible to checkDeadline() in everything it calls. */
export function withDeadline<T>(budgetMs: number, fn: () => T): T {
  return current.run({ at: Date.now() + budgetMs, budgetMs }, fn);
}

/** Throws DeadlineExceededError when the surrounding deadline has passed; free when there is none. */
export function checkDeadline(): void {
  const d = current.getStore();
  if (d && Date.now() > d.at) throw new DeadlineExceededError(d.budgetMs);
}
