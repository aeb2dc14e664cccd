// Meilisearch filter expressions built from validated filter values. Every value is written as a
// double-quoted string with `\` and `"` escaped (Meilisearch ≥ 1.4 unescapes both), so no user input can
// add a condition, an OR or a parenthesis. Field names come from our own list, never from input.
import type { CheckedQuery } from './request.ts';

/** A filter string literal: "…" with backslashes and quotes escaped. */
export function filterString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const FIELDS = { source: 'source', places: 'places', institutions: 'institutions', kinds: 'kinds' } as const;

/** Conditions ANDed together (Meilisearch's array form): one per filter, values ORed with IN. */
export function buildFilter(c: Pick<CheckedQuery, 'lists' | 'fromDay' | 'toDay'>, extra: string[] = []): string[] {
  const out: string[] = [];
  for (const [key, field] of Object.entries(FIELDS) as Array<[keyof typeof FIELDS, string]>) {
    const values = c.lists[key];
    if (values?.length) out.push(`${field} IN [${values.map(filterString).join(', ')}]`);
  }
  if (c.fromDay !== null) out.push(`day >= ${Math.trunc(c.fromDay)}`);
  if (c.toDay !== null) out.push(`day <= ${Math.trunc(c.toDay)}`);
  return [...out, ...extra];
}

/** `field IN [ids…]` for our own ids (group lookups). */
export function inFilter(field: 'grp' | 'id', values: string[]): string {
  return `${field} IN [${values.map(filterString).join(', ')}]`;
}
