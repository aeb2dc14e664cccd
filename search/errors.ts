// Search errors. Callers branch on the class or `code`, never on message text.
import { KgError } from '../archive/errors.ts';

/** The user's query or filters cannot be understood (unbalanced quote, dangling OR, bad date…). Not retryable. */
export class BadQueryError extends KgError {
  /** Character offset in the query where the problem was found, when known. */
  readonly position: number | null;
  constructor(message: string, position: number | null = null) {
    super('BAD_QUERY', message);
    this.position = position;
  }
}

/** A Meilisearch task ended `failed` or `canceled`: carries the task id and Meilisearch's own error code. */
export class MeiliTaskError extends KgError {
  readonly taskUid: number;
  readonly meiliCode: string | null;
  constructor(taskUid: number, status: string, meiliCode: string | null, message: string) {
    super('MEILI_TASK_FAILED', `Meilisearch task ${taskUid} ${status}: ${meiliCode ?? 'no code'}: ${message}`);
    this.taskUid = taskUid;
    this.meiliCode = meiliCode;
  }
}

/** Meilisearch did not answer or did not finish a task in time: trying again may succeed. */
export class MeiliUnavailableError extends KgError {
  constructor(message: string, cause?: unknown) {
    super('MEILI_UNAVAILABLE', message, { cause, retryable: true });
  }
}

/** A saved search that does not exist, or a name already taken. */
export class SavedSearchError extends KgError {}
