// The set of documents a query matches, as the embedded index reads it: an FTS5 expression (text and
// filter tokens) or, for a query with neither, the document table; both within a row-id range, which is
// a date range (see embedded-schema.ts). Every read is bounded by a LIMIT or by a window of row ids, so
// no query walks all of a broad match set more than once.
import type Database from 'better-sqlite3';
import { metaFilter, positivePhrases, textColumns, textExpr } from './fts.ts';
import { DAY_SPAN, MAX_ROWID } from './embedded-schema.ts';
import { LIST_FIELDS, type CheckedQuery } from './request.ts';

export interface Scored {
  rid: number;
  score: number;
}

export interface Window {
  n: number;
  low: number;
  capped: boolean;
}

export interface Matcher {
  /** The newest matches, at most n: how many, the oldest row id among them, and whether older ones exist. */
  window(n: number): Window;
  /**
   * The first k matches, best first among the newest n (bm25, lower is better) or newest first, with scores.
   * bm25 is computed in one statement per query: its first call scans every match of each phrase for document
   * frequencies (see PhraseCounts for what is left out of it).
   */
  ranked(w: Window, k: number, by: 'relevance' | 'date', n: number): Scored[];
  /** Which of these rows match (within the range): one walk down to the lowest of them, no scores. */
  matching(rids: number[]): Set<number>;
  /** Reprint groups among the newest n matches (a group counts once however many of its copies match). */
  groupsAmong(n: number): number;
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

/**
 * Documents holding each phrase. FTS5 keeps no such count: its bm25 counts every phrase's documents over the
 * whole table on each query (医疗 at 100k articles: all of them, ~10 ms). The counts here only decide which
 * phrases carry weight, so they are kept across writes until the number of documents has moved by 1/16.
 */
class PhraseCounts {
  private generation = -1;
  private docs = 0;
  private docsCountedAt = 0;
  /** The number of documents when the phrase counts were taken (they are dropped once it moves by 1/16). */
  private docsAtCount = 0;
  private readonly df = new Map<string, number>();

  constructor(private readonly countDocs: Stmt, private readonly countPhrase: Stmt) {}

  /** Whether FTS5's bm25 gives the phrase any weight: its idf, log((N − df + ½) / (df + ½)), is clamped to 1e-6 once df ≥ N/2. */
  informative(phrase: string, generation: number): boolean {
    return 2 * this.count(phrase, generation) < this.docs;
  }

  /** Documents holding the phrase (counted at most once between refreshes). */
  count(phrase: string, generation: number): number {
    // Counting the documents reads the whole table (0.3 s at 1M): after a write, a large index is counted again
    // at most once a minute (a sync writes every few seconds); a small one at once.
    if (generation !== this.generation && (this.docs < 50_000 || Date.now() - this.docsCountedAt > 60_000)) {
      this.generation = generation;
      this.docs = this.countDocs.get() as number;
      this.docsCountedAt = Date.now();
      if (Math.abs(this.docs - this.docsAtCount) * 16 > this.docsAtCount || this.df.size > 10_000) {
        this.df.clear();
        this.docsAtCount = this.docs;
      }
    }
    let n = this.df.get(phrase);
    if (n === undefined) this.df.set(phrase, (n = this.countPhrase.get(phrase) as number));
    return n;
  }
}

export class MatcherFactory {
  private readonly fts: Record<string, Stmt>;
  private readonly docs: Record<string, Stmt>;
  private readonly counts: PhraseCounts;

  constructor(db: Database.Database, weights: readonly number[]) {
    this.counts = new PhraseCounts(db.prepare('SELECT count(*) FROM search_docs').pluck(), db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck());
    const bm25 = `bm25(search_fts, ${weights.join(', ')}, 0)`;
    const m = 'search_fts WHERE search_fts MATCH @e';
    // Every read walks row ids downwards from the top of the range: FTS5 starts a descending walk at the
    // end of each doclist, while an ascending walk with a lower bound still reads from the start.
    // A lower rowid bound does not stop FTS5's descending walk: reads that need one stop in JS (see rankExact).
    this.fts = {
      window: db.prepare(`SELECT count(*) AS n, min(rowid) AS low FROM (SELECT rowid FROM ${m} AND rowid BETWEEN @lo AND @hi ORDER BY rowid DESC LIMIT @n)`),
      relevance: db.prepare(`SELECT * FROM (SELECT rowid AS rid, ${bm25} AS score FROM ${m} AND rowid BETWEEN @low AND @hi ORDER BY rowid DESC LIMIT @n)
        ORDER BY score, rid DESC LIMIT @k`),
      // Documents holding the exact typed terms come first (rankExact): the newest n matches with scores, and
      // the exact matches walked down from the top of the range, stopped in JS at the oldest ranked row.
      scored: db.prepare(`SELECT rowid AS rid, ${bm25} AS score FROM ${m} AND rowid BETWEEN @low AND @hi ORDER BY rowid DESC LIMIT @n`),
      exact: db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH @x AND rowid <= @hi ORDER BY rowid DESC').pluck(),
      date: db.prepare(`SELECT rowid FROM ${m} AND rowid BETWEEN @low AND @hi ORDER BY rowid DESC LIMIT @k`).pluck(),
      // Scores under a scoring expression, walked down from the top and stopped in JS at the oldest row wanted.
      walk: db.prepare(`SELECT rowid AS rid, ${bm25} AS score FROM ${m} AND rowid <= @hi ORDER BY rowid DESC`),
      matchWalk: db.prepare(`SELECT rowid FROM ${m} AND rowid <= @hi ORDER BY rowid DESC`).pluck(),
      groups: db.prepare(`SELECT count(DISTINCT d.grp) FROM (SELECT rowid AS rid FROM ${m} AND rowid BETWEEN @lo AND @hi ORDER BY rowid DESC LIMIT @n) x
        JOIN search_docs d ON d.rowid = x.rid`).pluck(),
    };
    const d = 'search_docs WHERE rowid BETWEEN';
    this.docs = {
      window: db.prepare(`SELECT count(*) AS n, min(rowid) AS low FROM (SELECT rowid FROM ${d} @lo AND @hi ORDER BY rowid DESC LIMIT @n)`),
      ranked: db.prepare(`SELECT rowid AS rid, 0.0 AS score FROM ${d} @low AND @hi ORDER BY rowid DESC LIMIT @k`),
      matching: db.prepare(`SELECT rowid FROM ${d} @from AND @hi AND rowid IN (SELECT value FROM json_each(@ids))`).pluck(),
      groups: db.prepare(`SELECT count(DISTINCT grp) FROM (SELECT grp FROM ${d} @lo AND @hi ORDER BY rowid DESC LIMIT @n)`).pluck(),
    };
  }

  /**
   * What bm25 is computed over, when it can be less than the match expression: without filter tokens (weight 0),
   * and without the phrases in half the documents or more when others carry weight (see PhraseCounts): those
   * add at most ~1e-5 to a score, so they only break ties the others leave. Alone they are the whole ranking
   * (医院 in a title before 医院 in a body) and are kept. A row holding none of the kept phrases scores 0.
   * null: score with the match expression itself.
   */
  private scoring(c: CheckedQuery, generation: number): { expr: string | null } | null {
    const phrases = c.parsed.root ? positivePhrases(c.parsed.root) : null;
    if (phrases === null) return null;
    const all = [...new Set(phrases)];
    const listed = LIST_FIELDS.some((f) => c.lists[f]);
    const kept = all.length > 1 || listed ? all.filter((p) => this.counts.informative(p, generation)) : all;
    // Every phrase weighs 1e-6 alike: rank by the rarest one (a 10 ms count over the table each, at 100k articles, spared for the others).
    // A one-token phrase's documents are read from its list alone; a longer phrase's need its positions compared (5× the time).
    const rarest = () => {
      const cost = (p: string) => [p.includes(' ') ? 1 : 0, this.counts.count(p, generation)];
      return [all.reduce((x, y) => { const [a, b] = [cost(x), cost(y)]; return b[0] < a[0] || (b[0] === a[0] && b[1] < a[1]) ? y : x; })];
    };
    const used = kept.length ? kept : all.length > 1 ? rarest() : all;
    if (used.length === all.length && !listed) return null;
    return { expr: used.length ? textColumns(used.join(' OR ')) : null };
  }

  /** The matcher of a query; `generation` is the index's (phrase counts are kept per generation). */
  matcher(c: CheckedQuery, generation: number): Matcher {
    const { lo, hi } = rowidRange(c);
    const e = matchExpr(c);
    // Exact typed terms, when the query cut a typed word into several (ranking only: rows already match e).
    const x = c.parsed.exact ? textExpr(c.parsed.exact) : null;
    // One row past the window tells whether it is capped; the window then starts just above that row.
    const window = (r: { n: number; low: number }, n: number): Window =>
      r.n > n ? { n, low: r.low + 1, capped: true } : { n: r.n, low: r.low, capped: false };
    const s = this.fts;
    const d = this.docs;
    if (e === null) {
      return {
        window: (n) => window(d.window.get({ lo, hi, n: n + 1 }) as Window, n),
        ranked: (w, k) => d.ranked.all({ low: w.low, hi, k }) as Scored[],
        matching: (rids) => this.matchDocs(rids, lo, hi),
        groupsAmong: (n) => d.groups.get({ lo, hi, n }) as number,
      };
    }
    const narrow = this.scoring(c, generation);
    // Scores of rows known to match e, under a scoring expression (e itself, or the narrower one).
    const scoresOf = (rids: number[], expr: string | null): Map<number, number> => {
      const scores = new Map(rids.map((rid) => [rid, 0]));
      if (expr === null || !rids.length) return scores;
      // In SQL a lower rowid bound does not stop FTS5's descending walk (see rankExact): the break does.
      const from = Math.min(...rids);
      for (const r of s.walk.iterate({ e: expr, hi: Math.min(hi, Math.max(...rids)) }) as IterableIterator<Scored>) {
        if (r.rid < from) break;
        if (scores.has(r.rid)) scores.set(r.rid, r.score);
      }
      return scores;
    };
    // The newest n matches with their scores.
    const scoredWindow = (low: number, n: number): Scored[] => {
      if (!narrow) return s.scored.all({ e, low, hi, n }) as Scored[];
      const rids = s.date.all({ e, low, hi, k: n }) as number[];
      const scores = scoresOf(rids, narrow.expr);
      return rids.map((rid) => ({ rid, score: scores.get(rid)! }));
    };
    return {
      window: (n) => window(s.window.get({ e, lo, hi, n: n + 1 }) as Window, n),
      ranked: (w, k, by, n) => {
        if (by === 'relevance') {
          if (x !== null || narrow) return this.rankExact(scoredWindow(w.low, n), x, hi, k);
          return s.relevance.all({ e, low: w.low, hi, n, k }) as Scored[];
        }
        // By date: the page's rows first (no scores), then their scores in one bm25 read.
        const page = s.date.all({ e, low: w.low, hi, k }) as number[];
        const scores = scoresOf(page, narrow ? narrow.expr : e);
        return page.map((rid) => ({ rid, score: scores.get(rid)! }));
      },
      matching: (rids) => {
        // Walked down from the top and stopped in JS at the lowest row asked about (see rankExact).
        const want = new Set(rids.filter((rid) => rid >= lo && rid <= hi));
        const out = new Set<number>();
        if (!want.size) return out;
        const from = Math.min(...want);
        for (const rid of s.matchWalk.iterate({ e, hi: Math.max(...want) }) as IterableIterator<number>) {
          if (rid < from) break;
          if (want.has(rid)) out.add(rid);
        }
        return out;
      },
      groupsAmong: (n) => s.groups.get({ e, lo, hi, n }) as number,
    };
  }

  /**
   * The newest matches of e, scored (`all`), ranked with those matching x (the exact typed terms, if any) first, then by bm25.
   * Exact matches are matches of e, so those among the ranked rows are the newest ones: the walk down x
   * stops at the oldest ranked row. In SQL a lower rowid bound does not stop FTS5's descending walk (it
   * read all 1,566 matches of 第二人民医院 to keep 45, 15 ms at 100k articles; the JS break, 0.4 ms).
   */
  private rankExact(all: Scored[], x: string | null, hi: number, k: number): Scored[] {
    const exact = new Set<number>();
    if (all.length && x !== null) {
      const oldest = all[all.length - 1].rid;
      for (const rid of this.fts.exact.iterate({ x, hi }) as IterableIterator<number>) {
        if (rid < oldest) break;
        exact.add(rid);
      }
    }
    const rank = (r: Scored) => (exact.has(r.rid) ? 0 : 1);
    return [...all].sort((a, b) => rank(a) - rank(b) || a.score - b.score || b.rid - a.rid).slice(0, k);
  }

  private matchDocs(rids: number[], lo: number, hi: number): Set<number> {
    return new Set(rids.length ? (this.docs.matching.all({ from: lo, hi, ids: JSON.stringify(rids) }) as number[]) : []);
  }
}
