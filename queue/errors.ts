// Queue failures as classes with a code: a bad Redis URL, a Redis that cannot be reached, an unknown crawl run.
import { KgError } from '../archive/errors.ts';

export class QueueError extends KgError {}

/** Redis is unreachable or went away: nothing was queued or taken; try again once it is back. */
export class QueueUnavailableError extends QueueError {
  constructor(url: string, cause: unknown) {
    super('QUEUE_UNAVAILABLE', `the job queue at ${url} is unreachable: ${(cause as Error)?.message ?? String(cause)}`, { cause, retryable: true });
  }
}
