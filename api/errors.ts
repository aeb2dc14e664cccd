// Expected API errors: GraphQL errors with `extensions.code`, shown to clients as they are (no stack).
// Anything else that escapes a resolver is unexpected and gets masked (see api/limits.ts maskError).
import { GraphQLError } from 'graphql';

export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'PAGE_TOO_LARGE'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'QUERY_TOO_COMPLEX'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_BROAD'
  | 'QUERY_TOO_LARGE'
  | 'TIMEOUT'
  | 'SERVICE_UNAVAILABLE';

export class ApiError extends GraphQLError {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
    this.name = 'ApiError';
  }
}

/** A mutation whose back-end is not part of this build (e.g. no crawler yet). Returned as a typed result. */
export class NotAvailableError extends Error {
  readonly code = 'NOT_AVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'NotAvailableError';
  }
}

/** A mutation that ran and failed for a known reason (a pipeline step threw a KgError). */
export class OperationFailedError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'OperationFailedError';
    this.code = code;
  }
}
