// Validation of a SearchQuery, shared by both adapters: bad filters or paging become BAD_QUERY errors
// with a reason, never an engine error. Dates become yyyymmdd bounds both engines compare as numbers.
import { z } from 'zod';
import { BadQueryError } from './errors.ts';
import type { SearchQuery } from './port.ts';
import { parseQuery, type ParsedQuery } from './query.ts';

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const values = z.array(z.string().min(1).max(200)).max(50);

const QuerySchema = z
  .object({
    text: z.string(),
    filters: z
      .object({
        source: values.optional(),
        places: values.optional(),
        institutions: values.optional(),
        kinds: values.optional(),
        from: z.string().regex(DATE, 'dates are YYYY, YYYY-MM or YYYY-MM-DD').optional(),
        to: z.string().regex(DATE, 'dates are YYYY, YYYY-MM or YYYY-MM-DD').optional(),
      })
      .strict()
      .optional(),
    sort: z.enum(['relevance', 'date']).default('relevance'),
    limit: z.number().int().min(1).max(100).default(10),
    offset: z.number().int().min(0).max(10_000).default(0),
    facets: z.array(z.enum(['source', 'places', 'institutions', 'kinds', 'year'])).default([]),
    collapseReprints: z.boolean().default(true),
  })
  .strict();

export type FacetField = 'source' | 'places' | 'institutions' | 'kinds' | 'year';
export const LIST_FIELDS = ['source', 'places', 'institutions', 'kinds'] as const;

export interface CheckedQuery {
  parsed: ParsedQuery;
  lists: Partial<Record<(typeof LIST_FIELDS)[number], string[]>>;
  /** Inclusive yyyymmdd bounds. */
  fromDay: number | null;
  toDay: number | null;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
  facets: FacetField[];
  collapse: boolean;
}

/** Lower bound of a partial date: 2024 → 20240000, 2024-02 → 20240200. */
export function dayFrom(d: string): number {
  return Number((d.replace(/-/g, '') + '0000').slice(0, 8));
}

/** Upper bound of a partial date: 2024 → 20249999, 2024-02 → 20240299. */
export function dayTo(d: string): number {
  return Number((d.replace(/-/g, '') + '9999').slice(0, 8));
}

export function checkQuery(q: SearchQuery): CheckedQuery {
  const r = QuerySchema.safeParse(q);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new BadQueryError(`${i.path.join('.') || 'query'}: ${i.message}`);
  }
  const v = r.data;
  const f = v.filters ?? {};
  const fromDay = f.from ? dayFrom(f.from) : null;
  const toDay = f.to ? dayTo(f.to) : null;
  if (fromDay !== null && toDay !== null && fromDay > toDay) throw new BadQueryError(`filters: from ${f.from} is after to ${f.to}`);
  const lists: CheckedQuery['lists'] = {};
  for (const k of LIST_FIELDS) if (f[k]?.length) lists[k] = f[k];
  return {
    parsed: parseQuery(v.text),
    lists,
    fromDay,
    toDay,
    sort: v.sort,
    limit: v.limit,
    offset: v.offset,
    facets: [...new Set(v.facets)],
    collapse: v.collapseReprints,
  };
}
