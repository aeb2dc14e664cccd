// The set of documents a query matches, as the embedded index reads it: an FTS5 expression (text and
// filter tokens) or, for a query with neither, the document table; both within a row-id range, which is
// a date range (see embedded-schema.ts). Every read is bounded by a LIMIT or by a window of row ids, so
// no query walks all of a broad match set more than once.
import type Database from 'better-sqlite3';
import { metaFilter, REPRINT_TOKEN, textExpr } from './fts.ts';
import { DAY_SPAN, MAX_ROWID } from './embedded-schema.ts';
import { LIST_FIELDS, type CheckedQuery } from './request.ts';

export interface Scored {
  rid: number;
  score: number;
}

export interface Matcher {
  /** The newest matches, at most n: how many, and the oldest row id among them. */
  window(n: number): { n: number; low: number };
  /** Whether any match is older than `low`. */
  olderThan(low: number): boolean;
  /** Matches from `low` up, best first (bm25, lower is better) or newest first. */
  ranked(low: number, k: number, by: 'relevance' | 'date'): Scored[];
  /** Matched reprints from `low` up. */
  reprints(low: number): number[];
  /** Which of these rows match (anywhere in the range), with their scores. */
  probe(rids: number[]): Map<number, number>;
}

/** Inclusive row-id bounds of the query's date range; any date bound leaves undated documents out. */
export function rowidRange(c: CheckedQuery): { lo: number; hi: number } {
  const dated = c.fromDay !== null || c.toDay !== null;
  return {
    lo: c.fromDay !== null ? c.fromDay * DAY_SPAN : dated ? DAY_SPAN : 0,
    hi: c.toDay !== null ? c.toDay * DAY_SPAN + DAY_SPAN - 1 : MAX_ROWID,
  };
}

/** The FTS5 expression of the query's text and list filters; null when it has neither. */
export function matchExpr(c: CheckedQuery): string | null {
  const parts: string[] = [];
  if (c.parsed.root) parts.push(`(${textExpr(c.parsed.root)})`);
  for (const f of LIST_FIELDS) if (c.lists[f]) parts.push(`(${metaFilter(f, c.lists[f]!)})`);
  return parts.length ? parts.join(' AND ') : null;
}

type Stmt = Database.Statement;

/** Statements are prepared once per database and weight set (preparing costs as much as a small query). */
export class MatcherFactory {
  private readonly fts: Record<string, Stmt>;
  private readonly docs: Record<string, Stmt>;

  constructor(db: Database.Database, weights: readonly number[]) {
    const bm25 = `bm25(search_fts, ${weights.join(', ')}, 0)`;
    const m = 'search_fts WHERE search_fts MATCH @e';
    this.fts = {
      window: db.prepare(`SELECT count(*) AS n, min(rowid) AS low FROM (SELECT rowid FROM ${m} AND rowid BETWEEN @lo AND @hi ORDER BY rowid DESC LIMIT @n)`),
      older: db.prepare(`SELECT 1 FROM ${m} AND rowid BETWEEN @lo AND @low - 1 LIMIT 1`),
      relevance: db.prepare(`SELECT rowid AS rid, ${bm25} AS score FROM ${m} AND rowid BETWEEN @low AND @hi ORDER BY score, rowid DESC LIMIT @k`),
      date: db.prepare(`SELECT rowid AS rid, ${bm25} AS score FROM ${m} AND rowid BETWEEN @low AND @hi ORDER BY rowid DESC LIMIT @k`),
      reprints: db.prepare(`SELECT rowid FROM ${m} AND rowid BETWEEN @low AND @hi`).pluck(),
      probe: db.prepare(`SELECT rowid AS rid, ${bm25} AS score FROM ${m} AND rowid IN (SELECT value FROM json_each(@ids)) AND rowid BETWEEN @lo AND @hi`),
    };
    const d = 'search_docs WHERE rowid BETWEEN';
    this.docs = {
      window: db.prepare(`SELECT count(*) AS n, min(rowid) AS low FROM (SELECT rowid FROM ${d} @lo AND @hi ORDER BY rowid DESC LIMIT @n)`),
      older: db.prepare(`SELECT 1 FROM ${d} @lo AND @low - 1 LIMIT 1`),
      ranked: db.prepare(`SELECT rowid AS rid, 0.0 AS score FROM ${d} @low AND @hi ORDER BY rowid DESC LIMIT @k`),
      reprints: db.prepare(`SELECT rowid FROM ${d} @low AND @hi AND reprint_of IS NOT NULL`).pluck(),
      probe: db.prepare(`SELECT rowid AS rid, 0.0 AS score FROM ${d} @lo AND @hi AND rowid IN (SELECT value FROM json_each(@ids))`),
    };
  }

  matcher(c: CheckedQuery): Matcher {
    const { lo, hi } = rowidRange(c);
    const e = matchExpr(c);
    const map = (rows: unknown[]) => new Map((rows as Scored[]).map((r) => [r.rid, r.score]));
    const s = this.fts;
    if (e !== null) {
      return {
        window: (n) => s.window.get({ e, lo, hi, n }) as { n: number; low: number },
        olderThan: (low) => s.older.get({ e, lo, low }) !== undefined,
        ranked: (low, k, by) => (by === 'date' ? s.date : s.relevance).all({ e, low, hi, k }) as Scored[],
        reprints: (low) => s.reprints.all({ e: `${e} AND meta : ${REPRINT_TOKEN}`, low, hi }) as number[],
        probe: (rids) => (rids.length ? map(s.probe.all({ e, ids: JSON.stringify(rids), lo, hi })) : new Map()),
      };
    }
    const d = this.docs;
    return {
      window: (n) => d.window.get({ lo, hi, n }) as { n: number; low: number },
      olderThan: (low) => d.older.get({ lo, low }) !== undefined,
      ranked: (low, k) => d.ranked.all({ low, hi, k }) as Scored[],
      reprints: (low) => d.reprints.all({ low, hi }) as number[],
      probe: (rids) => (rids.length ? map(d.probe.all({ ids: JSON.stringify(rids), lo, hi })) : new Map()),
    };
  }
}
