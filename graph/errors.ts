// Graph errors: classes with a `code`; retry decisions come from the class (`retryable`), never from message text.
import { KgError } from '../archive/errors.ts';

export class GraphError extends KgError {}

/** The graph server cannot be reached or went away mid-work (connection refused, reset, timed out). Retry later. */
export class GraphUnavailableError extends GraphError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('GRAPH_UNAVAILABLE', message, { ...options, retryable: true });
  }
}

/** One problem found in a batch of article facts. */
export interface FactProblem {
  articleId: string;
  reason: string;
}

/** A batch holds facts that cannot be written (dangling relation end, bad figure…). Nothing of the batch was written. */
export class GraphInputError extends GraphError {
  readonly problems: FactProblem[];
  constructor(problems: FactProblem[]) {
    const head = problems.slice(0, 3).map((p) => `${p.articleId}: ${p.reason}`).join('; ');
    super('GRAPH_BAD_INPUT', `${problems.length} problem(s) in graph facts: ${head}${problems.length > 3 ? '; …' : ''}`);
    this.problems = problems;
  }
}

/** The server refused a query or a write for a reason that retrying will not fix. */
export class GraphQueryError extends GraphError {
  /** The server's own error code, e.g. Neo.ClientError.Schema.ConstraintValidationFailed. */
  readonly serverCode: string | null;
  constructor(message: string, serverCode: string | null, options?: { cause?: unknown }) {
    super('GRAPH_QUERY_FAILED', message, options);
    this.serverCode = serverCode;
  }
}
