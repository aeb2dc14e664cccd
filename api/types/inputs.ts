// Argument helpers shared by the type files: id and text arguments with length limits, page-size
// validation for connections, and the cost a page adds to a query's complexity.
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../limits.ts';

/** Longest id, name or filter value accepted. */
export const MAX_ID_CHARS = 300;
/** Longest search query accepted. */
export const MAX_QUERY_CHARS = 500;

const cursor = z.string().max(200, 'cursor too long').nullish();

/** Connection arguments: `first`/`last` between 0 and MAX_PAGE_SIZE; larger pages are refused, not trimmed. */
export const pageValidation = z
  .object({
    first: z.number().int().min(0).max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE} items per page`).nullish(),
    last: z.number().int().min(0).max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE} items per page`).nullish(),
    after: cursor,
    before: cursor,
  })
  .loose();

/**
 * Complexity of a paged field: its selection counts once per requested item. Capped at the page limit so an
 * oversized `first` fails on the clearer page-size check rather than on the cost budget.
 */
export function pageCost(args: { first?: number | null; last?: number | null }): { field: number; multiplier: number } {
  const n = args.first ?? args.last ?? 20;
  return { field: 1, multiplier: Math.max(1, Math.min(n, MAX_PAGE_SIZE)) };
}

export const idSchema = z.string().trim().min(1, 'empty id').max(MAX_ID_CHARS, `ids are at most ${MAX_ID_CHARS} characters`);
export const nameSchema = z.string().max(MAX_ID_CHARS, `at most ${MAX_ID_CHARS} characters`);
export const dateSchema = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'dates are YYYY, YYYY-MM or YYYY-MM-DD');
export const listSchema = z.array(nameSchema).max(50, 'at most 50 values');

/** Our global ids are "Type:id"; plain domain ids are accepted too. */
export function decodeId(id: string, typename: string): string {
  const prefix = `${typename}:`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
}
