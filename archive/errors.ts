// Error classes with a `code`. Callers branch on the class or the code, never on message text.

export class KgError extends Error {
  readonly code: string;
  /** Whether trying the same work again may succeed (network, server down). */
  readonly retryable: boolean;
  constructor(code: string, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }
}

/** An input file or page that cannot be taken in: binary, empty, too large, undecodable, unsupported type. */
export class RejectedInputError extends KgError {
  constructor(code: RejectionCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export type RejectionCode =
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'BINARY_CONTENT'
  | 'UNDECODABLE'
  | 'UNSUPPORTED_TYPE'
  | 'UNREADABLE';

export class ArchiveError extends KgError {}
