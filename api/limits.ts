// Request limits as small Yoga plugins: body size, query size, depth/breadth/complexity (computed from
// the Pothos complexity settings, once per request, before anything runs), a query timeout, and the
// error mask that turns every unexpected error into "Unexpected error." without message or stack.
import { PothosValidationError } from '@pothos/core';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { getOperationAST, getVariableValues, GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { createGraphQLError, type Plugin, type YogaLogger } from 'graphql-yoga';
import { z } from 'zod';
import { DeadlineExceededError, withDeadline } from '../archive/deadline.ts';
import { KgError } from '../archive/errors.ts';
import { BadQueryError } from '../search/errors.ts';
import { ApiError } from './errors.ts';

/** Largest `first` any connection or list accepts. Part of the schema's contract, so not configurable. */
export const MAX_PAGE_SIZE = 100;
/** Most values in any list argument (`nodes(ids:)`, `kinds`, filters), inline or in variables. */
export const MAX_LIST_ARGUMENT = 100;

export const LimitsSchema = z
  .object({
    /** Deepest selection nesting. Default 12: the deepest report query in api/README.md needs 8. */
    maxDepth: z.number().int().positive().default(12),
    /** Most selections in one operation, counting every alias. Default 300. */
    maxBreadth: z.number().int().positive().default(300),
    /** Cost budget: each field costs 1, lists multiply their sub-selection by `first` (or 10). Default 20,000. */
    maxComplexity: z.number().int().positive().default(20_000),
    /** Longest query document, in characters. Default 20,000. */
    maxQueryChars: z.number().int().positive().default(20_000),
    /** Most lexical tokens in one document (graphql's own parse limit). Default 4,000. */
    maxTokens: z.number().int().positive().default(4_000),
    /** Largest request body in bytes. Default 100 kB. */
    maxBodyBytes: z.number().int().positive().default(100_000),
    /** A query still running after this many milliseconds is answered with a TIMEOUT error. Default 10 s. */
    timeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();
export type LimitsOptions = z.input<typeof LimitsSchema>;
export type Limits = z.output<typeof LimitsSchema>;

/** Refuses oversized bodies before Yoga reads them. */
function bodyLimit(limits: Limits): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > limits.maxBodyBytes) {
        const body = { errors: [{ message: `request body of ${length} bytes is over the ${limits.maxBodyBytes}-byte limit`, extensions: { code: 'QUERY_TOO_LARGE' } }] };
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status: 413, headers: { 'content-type': 'application/json' } }));
      }
    },
  };
}

/** The longest list in a variables value (nested lists and input objects included). */
function longestList(value: unknown): number {
  let longest = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      longest = Math.max(longest, v.length);
      for (const x of v) if (x && typeof x === 'object') walk(x);
    } else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(value);
  return longest;
}

/**
 * List arguments are capped, inline or through variables: the cost of `nodes(ids:)` follows the list's length,
 * and a 10,000-value list would make even the cost check slow.
 */
function listLimit(): Plugin {
  const refuse = (n: number) => new ApiError('BAD_USER_INPUT', `a list argument holds ${n} values, over the limit of ${MAX_LIST_ARGUMENT}`);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let longest = longestList(args.variableValues ?? {});
      visit(args.document, { ListValue: (node) => { longest = Math.max(longest, node.values.length); } });
      if (longest > MAX_LIST_ARGUMENT) setResultAndStopExecution({ errors: [refuse(longest)] });
    },
  };
}

/**
 * No cross-site requests: a browser form can POST only urlencoded, multipart or text/plain bodies without a
 * CORS preflight, so /graphql takes POST bodies as application/json only (Yoga refuses mutations over GET).
 */
function jsonPostOnly(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/graphql' || request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (type === 'application/json' || type === 'application/graphql-response+json') return;
      const body = { errors: [{ message: `POST bodies must be application/json (got ${type ? JSON.stringify(type.slice(0, 60)) : 'no content type'})`, extensions: { code: 'BAD_REQUEST' } }] };
      endResponse(new fetchAPI.Response(JSON.stringify(body), { status: 415, headers: { 'content-type': 'application/json' } }));
    },
  };
}

/** Long documents are refused before parsing; graphql's maxTokens guards the parse itself. */
function parseLimit(limits: Limits): Plugin {
  return {
    onParse({ params, setParseFn, parseFn }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      if (source.length > limits.maxQueryChars) {
        throw new ApiError('QUERY_TOO_LARGE', `query of ${source.length} characters is over the ${limits.maxQueryChars}-character limit`);
      }
      setParseFn((src, options) => parseFn(src, { ...options, maxTokens: limits.maxTokens }));
    },
  };
}

/**
 * Depth, breadth and complexity, checked before any resolver runs. Not a cached validation rule: the cost depends
 * on the variables (`first: $n`), and Yoga caches validation per document. Computed straight from the executed
 * operation's selection set rather than through graphql's `validate` with a one-rule visitor, which walked the
 * whole document with type info on every request (about 5% of a search request's CPU).
 */
function complexityLimit(limits: Limits): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      // A missing operation or bad variables: execution refuses them itself, before any resolver runs.
      if (!operation || getVariableValues(args.schema, operation.variableDefinitions ?? [], variables).errors) return;
      const whole = args.document as DocumentNode;
      const document: DocumentNode = { ...whole, definitions: whole.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
      let r: { complexity: number; depth: number; breadth: number };
      try {
        r = complexityFromQuery(document, { schema: args.schema, variables, ctx: args.contextValue as object });
      } catch (e) {
        if (e instanceof GraphQLError) return setResultAndStopExecution({ errors: [e] });
        throw e;
      }
      const errors: GraphQLError[] = [];
      if (r.depth > limits.maxDepth) errors.push(new ApiError('QUERY_TOO_DEEP', `query depth ${r.depth} is over the limit of ${limits.maxDepth}`));
      if (r.breadth > limits.maxBreadth) errors.push(new ApiError('QUERY_TOO_BROAD', `query selects ${r.breadth} fields (aliases included), over the limit of ${limits.maxBreadth}`));
      if (r.complexity > limits.maxComplexity) errors.push(new ApiError('QUERY_TOO_COMPLEX', `query cost ${r.complexity} is over the limit of ${limits.maxComplexity}; ask for smaller pages`));
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };
}

/** Answers with TIMEOUT when execution outlives the budget; the late result is dropped. */
function timeout(limits: Limits): Plugin {
  return {
    onExecute({ setExecuteFn, executeFn }) {
      setExecuteFn(async (args) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(() => resolve({ errors: [new ApiError('TIMEOUT', `query did not finish within ${limits.timeoutMs} ms`)] }), limits.timeoutMs);
        });
        try {
          // The deadline cuts synchronous walks that would keep the timer from ever firing (archive/deadline.ts).
          return await Promise.race([withDeadline(limits.timeoutMs, () => executeFn(args)), late]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}

export function limitPlugins(limits: Limits): Plugin[] {
  return [jsonPostOnly(), bodyLimit(limits), parseLimit(limits), listLimit(), complexityLimit(limits), timeout(limits)];
}

/** Whether an error is one the API expects (bad input, a back-end down, a timeout): logged as one line, no stack. */
function expected(error: unknown): boolean {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  return original instanceof KgError || original instanceof PothosValidationError || (original instanceof GraphQLError && !!original.extensions?.code);
}

const oneLine = (e: unknown) => {
  const o = e instanceof GraphQLError ? (e.originalError ?? e) : e;
  const code = (o as { code?: unknown })?.code ?? (e as GraphQLError)?.extensions?.code;
  return `${(o as Error)?.name ?? 'Error'}${code ? ` ${String(code)}` : ''}: ${String((o as Error)?.message ?? o).split('\n')[0].slice(0, 300)}`;
};

/**
 * Yoga's logger: an expected error (a bad search query, a coded API error, a back-end that is down) is one line;
 * only unexpected errors keep their stack, for whoever runs the server.
 */
export function apiLogger(level: 'info' | 'warn'): YogaLogger {
  const at = level === 'info' ? 0 : 1;
  const line = (args: unknown[]) => args.map((a) => (a instanceof Error ? oneLine(a) : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    debug: () => {},
    info: (...args: unknown[]) => { if (at <= 0) console.info(line(args)); },
    warn: (...args: unknown[]) => console.warn(line(args)),
    error: (...args: unknown[]) => {
      if (args.every((a) => !(a instanceof Error) || expected(a))) console.warn(line(args));
      else console.error(...args);
    },
  };
}

/**
 * Expected errors keep their message and code; bad queries from the search port and Pothos input checks become
 * BAD_USER_INPUT; everything else is "Unexpected error." (in development its message is kept, never its stack).
 */
export function maskError(error: unknown, message: string, isDev = false): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const located = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path, positions: error.positions, source: error.source } : {};
  // PothosValidationError is a GraphQLError without a code (bad cursor, bad global id): tag it first.
  if (original instanceof PothosValidationError) {
    return createGraphQLError(original.message, { ...located, extensions: { code: 'BAD_USER_INPUT' } });
  }
  if (original instanceof GraphQLError) return error as Error;
  if (original instanceof BadQueryError) {
    return createGraphQLError(original.message, { ...located, extensions: { code: 'BAD_USER_INPUT', reason: original.code, position: original.position } });
  }
  if (original instanceof DeadlineExceededError) {
    return createGraphQLError(original.message, { ...located, extensions: { code: 'TIMEOUT' } });
  }
  if (original instanceof KgError && original.retryable) {
    return createGraphQLError('a back-end service is unavailable; try again later', { ...located, extensions: { code: 'SERVICE_UNAVAILABLE', reason: original.code } });
  }
  const text = isDev && original instanceof Error ? `${message} ${original.message}` : message;
  return createGraphQLError(text, { ...located, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
