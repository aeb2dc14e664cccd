// Embedded SearchIndex: SQLite FTS5 in the archive's own file. Indexed columns: title and body as
// character bigrams of the normalised text (exact infix and phrase matching, whatever the segmenter
// does), jieba cut-for-search words of both (so whole words rank above accidental substrings), and a meta
// column of filter tokens (source, places, institutions, kinds, reprint), so filters are FTS5 terms.
// Cost is bounded per query: a broad query is counted up to its `window` most recently published matches
// and ranked among the newest `rankWindow` of them (row ids are date-ordered, embedded-schema.ts); facets
// count the best `facetWindow` hits; reprints are collapsed on the ranked page only. Highlights are made for the returned page (highlight.ts).
// Ranking: documents holding each typed word whole (区域医疗中心) come before those holding only its cut words
// apart (区域 … 医疗 … 中心), then bm25 (ParsedQuery.exact, embedded-match.ts).
// Answers are cached per index generation (result-cache.ts): a repeated query over an unchanged index costs a lookup.
// Writes: a worker thread cuts documents into tokens (tokenizer-pool.ts) while this thread writes the previous chunk.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { migrate } from '../archive/migrate.ts';
import { statementCache } from '../archive/statements.ts';
import { BUMP_GENERATION, carryOver, DAY_SPAN, SEARCH_MIGRATIONS } from './embedded-schema.ts';
import { MatcherFactory, type Matcher, type Scored, type Window } from './embedded-match.ts';
import { metaTokens } from './fts.ts';
import { DEFAULT_PASSAGES, highlightTitle, markNeedles, passages } from './highlight.ts';
import type { SearchDoc, SearchHit, SearchIndex, SearchQuery, SearchRebuild, SearchResult } from './port.ts';
import { checkQuery, type CheckedQuery } from './request.ts';
import { ResultCache, type ResultCacheStats } from './result-cache.ts';
import type { DocTokens } from './doc-tokens.ts';
import { TokenizerPool } from './tokenizer-pool.ts';
import { synonymsOf } from './synonyms.ts';
import { dayNumber } from './text.ts';

export { SEARCH_MIGRATIONS } from './embedded-schema.ts';

const OptionsSchema = z
  .object({
    /** BM25 weight of the title. Default 5. */
    titleWeight: z.number().positive().default(5),
    /** BM25 weight of the body. Default 1. */
    bodyWeight: z.number().positive().default(1),
    /** BM25 weight of whole jieba words. Default 0.5. */
    wordsWeight: z.number().positive().default(0.5),
    /** Characters of context around a match in passages. Default 40. */
    context: z.number().int().min(5).max(500).default(DEFAULT_PASSAGES.context),
    /** Passages per hit. Default 3. */
    maxPassages: z.number().int().min(1).max(10).default(DEFAULT_PASSAGES.maxPassages),
    /** Values returned per facet. Default 100. */
    maxFacetValues: z.number().int().min(1).max(1000).default(100),
    /** Matches a query counts (the most recently published); beyond it the total is a lower bound. Default 10,000. */
    window: z.number().int().min(100).max(1_000_000).default(10_000),
    /** Most recently published matches a query ranks by relevance (bm25 costs ~1–7 µs a match). Default 2,000. */
    rankWindow: z.number().int().min(100).max(1_000_000).default(2_000),
    /** Best hits facets are counted over when a query has more. Default 1,000. */
    facetWindow: z.number().int().min(10).max(100_000).default(1_000),
    /** Answers kept for repeated queries until the index changes. 0 turns the cache off. Default 1,000. */
    cacheEntries: z.number().int().min(0).max(1_000_000).default(1_000),
    /** Characters of cached answers kept at most. Default 8 million (about 16 MB). */
    cacheChars: z.number().int().min(1).max(1_000_000_000).default(8_000_000),
    /**
     * Worker threads that cut documents into tokens while this thread writes (calls of 200 documents or more, WORKER_MIN).
     * 0 cuts them on this thread. Default 1 (writing and cutting cost about the same).
     */
    tokenizerThreads: z.number().int().min(0).max(16).default(1),
  })
  .strict();

export type EmbeddedSearchOptions = z.input<typeof OptionsSchema>;

type Row = Record<string, unknown>;

/** The tables one index is made of: the live ones, or a rebuild's shadow copies. */
const TABLE_KEYS = ['docs', 'bodies', 'facets', 'fts'] as const;
type Tables = Record<(typeof TABLE_KEYS)[number], string>;
const LIVE: Tables = { docs: 'search_docs', bodies: 'search_bodies', facets: 'search_facets', fts: 'search_fts' };
const NEXT: Tables = { docs: 'search_next_docs', bodies: 'search_next_bodies', facets: 'search_next_facets', fts: 'search_next_fts' };

function dropTables(db: Database.Database, t: Tables): void {
  db.transaction(() => {
    for (const k of TABLE_KEYS) db.exec(`DROP TABLE IF EXISTS ${t[k]}`);
  }).immediate();
}
const MULTI = ['places', 'institutions', 'kinds'] as const;

/** One collapsed result: the row shown, its score, and the group it stands for. */
interface Group {
  grp: string;
  rep: number;
  score: number;
  copies: string[];
}

/** A reprint in the window and its original (row id null when absent from the index). */
/** Documents per write transaction: the tokenizer thread cuts the next chunk while one is written. */
const CHUNK = 50;
/** Smallest call cut on the tokenizer thread (a sync batch is 200): starting the thread costs ~1 s, so small calls stay here. */
const WORKER_MIN = 4 * CHUNK;

export class EmbeddedSearchIndex implements SearchIndex {
  private readonly o: z.output<typeof OptionsSchema>;
  private factory: MatcherFactory | null = null;
  private readonly cache: ResultCache;
  private readonly tokenizer: TokenizerPool;
  private readonly inline = new TokenizerPool(0);

  constructor(private readonly db: Database.Database, options: EmbeddedSearchOptions = {}) {
    this.stmt = statementCache(db);
    this.o = OptionsSchema.parse(options);
    this.cache = new ResultCache({ entries: this.o.cacheEntries, chars: this.o.cacheChars });
    this.tokenizer = new TokenizerPool(this.o.tokenizerThreads);
  }

  async init(): Promise<void> {
    migrate(this.db, 'search', SEARCH_MIGRATIONS);
    await carryOver(this.db, (docs) => this.upsert(docs));
  }

  private get matchers(): MatcherFactory {
    this.factory ??= new MatcherFactory(this.db, [this.o.titleWeight, this.o.bodyWeight, this.o.wordsWeight]);
    return this.factory;
  }

  async upsert(docs: SearchDoc[]): Promise<void> {
    await this.write(docs, LIVE);
  }

  /**
   * Insert or replace documents in one set of tables (the live ones, or a rebuild's shadow ones): one
   * transaction per chunk of CHUNK documents, written as soon as its tokens are ready, so a failure
   * leaves the chunks before it written and the rest untouched (writes are idempotent: send them again).
   */
  private async write(docs: SearchDoc[], t: Tables): Promise<void> {
    const pool = docs.length >= WORKER_MIN ? this.tokenizer : this.inline;
    const chunks: SearchDoc[][] = [];
    for (let i = 0; i < docs.length; i += CHUNK) chunks.push(docs.slice(i, i + CHUNK));
    // Every chunk is queued at once: the worker cuts ahead while this thread writes.
    const cut = chunks.map((c, k) => pool.tokens(c, k * CHUNK));
    for (const p of cut) p.catch(() => undefined); // awaited in order below; a later failure must not go unhandled
    for (let k = 0; k < chunks.length; k++) this.insert(chunks[k], await cut[k], t);
  }

  private insert(docs: SearchDoc[], tokens: DocTokens[], t: Tables): void {
    const find = this.stmt(`SELECT rowid, day FROM ${t.docs} WHERE id = ?`);
    const lastOfDay = this.stmt(`SELECT max(rowid) FROM ${t.docs} WHERE rowid BETWEEN ? AND ?`).pluck();
    const insDoc = this.stmt(
      `INSERT INTO ${t.docs} (rowid, id, url, title, published, day, source, reprint_of, grp)
       VALUES (@rowid, @id, @url, @title, @published, @day, @source, @reprintOf, @grp)`,
    );
    const insBody = this.stmt(`INSERT INTO ${t.bodies} (rowid, body, body_original) VALUES (?, ?, ?)`);
    const insFts = this.stmt(`INSERT INTO ${t.fts} (rowid, title, body, words, meta) VALUES (?, ?, ?, ?, ?)`);
    const insFacet = this.stmt(`INSERT OR IGNORE INTO ${t.facets} (doc, field, value) VALUES (?, ?, ?)`);
    this.db.transaction(() => {
      docs.forEach((d, i) => {
        const p = tokens[i];
        const day = dayNumber(d.published) ?? 0;
        const old = find.get(d.id) as { rowid: number; day: number | null } | undefined;
        if (old) this.drop(old.rowid, t);
        let rowid = old && (old.day ?? 0) === day ? old.rowid : undefined;
        if (rowid === undefined) {
          rowid = ((lastOfDay.get(day * DAY_SPAN, day * DAY_SPAN + DAY_SPAN - 1) as number | null) ?? day * DAY_SPAN) + 1;
          if (rowid >= (day + 1) * DAY_SPAN) throw new RangeError(`more than ${DAY_SPAN - 1} documents on day ${day}`);
        }
        insDoc.run({
          rowid, id: d.id, url: d.url, title: d.title, published: d.published, day: day || null, source: d.source,
          reprintOf: d.reprintOf, grp: d.reprintOf ?? d.id,
        });
        insBody.run(rowid, d.body, d.bodyOriginal);
        insFts.run(rowid, p.title, p.body, p.words, metaTokens(d));
        for (const f of MULTI) for (const v of new Set(d[f])) insFacet.run(rowid, f, v);
      });
      if (t === LIVE) this.stmt(BUMP_GENERATION).run();
    }).immediate();
  }

  private drop(rowid: number, t: Tables = LIVE): void {
    for (const table of [t.fts, t.docs, t.bodies]) this.stmt(`DELETE FROM ${table} WHERE rowid = ?`).run(rowid);
    this.stmt(`DELETE FROM ${t.facets} WHERE doc = ?`).run(rowid);
  }

  /**
   * A rebuild writes into shadow tables (search_next_*) made from the live tables' own definitions; commit
   * swaps them in with one transaction (drop live, rename shadow, recreate the live indexes, bump the
   * generation). Readers on other connections see the old index until that commit and the new one after
   * it: never a partial or empty one (WAL readers keep their snapshot).
   */
  async rebuild(): Promise<SearchRebuild> {
    dropTables(this.db, NEXT);
    this.db.transaction(() => {
      for (const k of TABLE_KEYS) {
        const sql = this.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(LIVE[k]) as string;
        this.db.exec(sql.replace(/^(CREATE (?:VIRTUAL )?TABLE )"?\w+"?/, `$1${NEXT[k]}`));
      }
    }).immediate();
    let open = true;
    const done = () => {
      if (!open) throw new Error('this rebuild was already committed or aborted');
      open = false;
    };
    return {
      upsert: async (docs) => {
        if (!open) throw new Error('this rebuild was already committed or aborted');
        await this.write(docs, NEXT);
      },
      commit: async () => {
        done();
        const indexes = this.db
          .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${TABLE_KEYS.map(() => '?').join(', ')})`)
          .pluck().all(...TABLE_KEYS.map((k) => LIVE[k])) as string[];
        this.db.transaction(() => {
          dropTables(this.db, LIVE);
          for (const k of TABLE_KEYS) this.db.exec(`ALTER TABLE ${NEXT[k]} RENAME TO ${LIVE[k]}`);
          for (const sql of indexes) this.db.exec(sql);
          this.stmt(BUMP_GENERATION).run();
        }).immediate();
      },
      abort: async () => {
        done();
        dropTables(this.db, NEXT);
      },
    };
  }

  private readonly stmt: (sql: string) => Database.Statement;

  async remove(ids: string[]): Promise<void> {
    const find = this.db.prepare('SELECT rowid FROM search_docs WHERE id = ?').pluck();
    this.db.transaction(() => {
      for (const id of ids) {
        const rowid = find.get(id) as number | undefined;
        if (rowid !== undefined) this.drop(rowid);
      }
      this.stmt(BUMP_GENERATION).run();
    }).immediate();
  }

  async clear(): Promise<void> {
    this.db.transaction(() => {
      this.db.exec("DELETE FROM search_facets; DELETE FROM search_docs; DELETE FROM search_bodies; INSERT INTO search_fts(search_fts) VALUES ('delete-all');");
      this.db.exec(BUMP_GENERATION);
    }).immediate();
  }

  async count(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM search_docs').pluck().get() as number;
  }

  /** Merge the FTS5 index into one segment after a bulk build (faster queries; not part of the port). */
  async optimize(): Promise<void> {
    this.db.exec("INSERT INTO search_fts(search_fts) VALUES ('optimize')");
  }

  async close(): Promise<void> {
    // The database belongs to the archive, which closes it; the tokenizer threads are this index's.
    await this.tokenizer.close();
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const c = checkQuery(q);
    // The generation is read on every query: another process (kg sync, a server worker) may have written.
    const generation = this.stmt('SELECT n FROM search_generation WHERE id = 1').pluck().get() as number;
    const key = JSON.stringify(c);
    const cached = this.cache.get(generation, key);
    if (cached) return cached;
    const result = this.answer(c, generation);
    this.cache.set(generation, key, result);
    return result;
  }

  /** Hits, counts and facets of repeated queries served from the cache since this index was opened. */
  cacheStats(): ResultCacheStats {
    return this.cache.stats();
  }

  private answer(c: CheckedQuery, generation: number): SearchResult {
    const m = this.matchers.matcher(c, generation);
    const need = c.offset + c.limit;
    // The window: the newest matches, enough for any page the request may ask for.
    const w = m.window(Math.max(this.o.window, 2 * need));
    const facets: SearchResult['facets'] = {};
    const result: SearchResult = { total: 0, hits: [], facets };
    if (c.parsed.ignored.length) result.warnings = [`ignored: ${c.parsed.ignored.join(' ')}`];
    if (w.n === 0) {
      for (const f of c.facets) facets[f] = {};
      return result;
    }
    if (w.capped) result.totalIsApproximate = true;
    const collapse = c.collapse && this.anyReprint(w.low);
    // Past the window the total is a lower bound anyway: only an exact count is worth collapsing.
    result.total = collapse && !w.capped ? m.groupsAmong(w.n) : w.n;
    const wanted = Math.max(need, c.facets.length ? this.o.facetWindow : 0);
    // Relevance is computed over the newest matches, enough for the page (any page the request may ask for).
    const ranked = Math.min(w.n, Math.max(this.o.rankWindow, 2 * need));
    if (c.sort === 'relevance' && ranked < w.n) result.rankedFrom = ranked;
    const groups = this.groups(m, w, ranked, wanted, c, collapse);
    if (c.facets.length) {
      const counted = groups.slice(0, this.o.facetWindow);
      if (counted.length < result.total || result.totalIsApproximate) result.facetsFrom = counted.length;
      const ids = JSON.stringify(counted.map((g) => g.rep));
      for (const f of c.facets) facets[f] = this.facet(f, ids);
    }
    result.hits = this.hits(groups.slice(c.offset, need), c);
    return result;
  }

  /** Whether any reprint lies from `low` up (then groups may hold several matches). */
  private anyReprint(low: number): boolean {
    return this.stmt('SELECT 1 FROM search_docs WHERE reprint_of IS NOT NULL AND rowid >= ? LIMIT 1').pluck().get(low) !== undefined;
  }

  /**
   * Ranked matches collapsed into groups (one per reprint group when collapsing), at least `wanted` of them
   * when the window holds that many: a few more rows than needed, more if reprints ate them. Only the groups of
   * the rows read are looked at: their other members within the window, and which of those match. A group shows
   * its original when the original matched within the window, else its best copy, and ranks by its best row.
   */
  private groups(m: Matcher, w: Window, ranked: number, wanted: number, c: CheckedQuery, collapse: boolean): Group[] {
    for (let k = wanted + 10; ; k *= 4) {
      const rows = m.ranked(w, k, c.sort, ranked);
      const out: Group[] = [];
      if (!collapse) {
        for (const r of rows) out.push({ grp: `#${r.rid}`, rep: r.rid, score: r.score, copies: [] });
      } else {
        const rids = JSON.stringify(rows.map((r) => r.rid));
        const grpOf = new Map((this.stmt('SELECT rowid AS rid, grp FROM search_docs WHERE rowid IN (SELECT value FROM json_each(?))')
          .all(rids) as Array<{ rid: number; grp: string }>).map((x) => [x.rid, x.grp]));
        const best = new Map<string, Scored>();
        for (const r of rows) if (!best.has(grpOf.get(r.rid)!)) best.set(grpOf.get(r.rid)!, r);
        // The other members of these groups within the window, and which of them match.
        const members = this.stmt(`SELECT rowid AS rid, id, grp FROM search_docs WHERE grp IN (SELECT value FROM json_each(?)) AND rowid >= ?`)
          .all(JSON.stringify([...best.keys()]), w.low) as Array<{ rid: number; id: string; grp: string }>;
        const inRows = new Set(rows.map((r) => r.rid));
        const matched = m.matching(members.filter((x) => !inRows.has(x.rid)).map((x) => x.rid));
        const byGrp = new Map<string, Array<{ rid: number; id: string }>>();
        for (const x of members) if (inRows.has(x.rid) || matched.has(x.rid)) byGrp.set(x.grp, [...(byGrp.get(x.grp) ?? []), x]);
        for (const [grp, top] of best) {
          const ms = byGrp.get(grp) ?? [];
          const rep = ms.find((x) => x.id === grp)?.rid ?? top.rid;
          out.push({ grp, rep, score: top.score, copies: ms.filter((x) => x.rid !== rep).map((x) => x.id).sort() });
        }
      }
      // By date, a group sits where the copy it shows was published.
      if (c.sort === 'date') out.sort((a, b) => b.rep - a.rep);
      if (out.length >= wanted || rows.length < k) return out;
    }
  }

  private facet(field: CheckedQuery['facets'][number], ids: string): Record<string, number> {
    const value =
      field === 'source' || field === 'year'
        ? `SELECT ${field === 'year' ? 'substr(d.published, 1, 4)' : 'd.source'} AS v FROM json_each(?) j JOIN search_docs d ON d.rowid = j.value`
        : `SELECT x.value AS v FROM json_each(?) j JOIN search_facets x ON x.doc = j.value AND x.field = '${field}'`;
    const rows = this
      .stmt(`SELECT v, count(*) AS n FROM (${value}) WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ${this.o.maxFacetValues}`)
      .all(ids) as Array<{ v: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.v, r.n]));
  }

  /** The page: each group's shown row with its copies, and highlights. */
  private hits(page: Group[], c: CheckedQuery): SearchHit[] {
    if (page.length === 0) return [];
    const docs = new Map(
      (this
        .stmt(`SELECT d.rowid AS rid, d.*, b.body, b.body_original FROM search_docs d JOIN search_bodies b ON b.rowid = d.rowid
          WHERE d.rowid IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(page.map((g) => g.rep))) as Row[]).map((d) => [d.rid as number, d]),
    );
    const needles = markNeedles(c.parsed.positives.flatMap((p) => [p, ...synonymsOf(p)]));
    const opts = { ...DEFAULT_PASSAGES, context: this.o.context, maxPassages: this.o.maxPassages };
    return page.map((g) => {
      const d = docs.get(g.rep)!;
      return {
        id: d.id as string,
        title: d.title as string,
        url: (d.url as string | null) ?? null,
        published: (d.published as string | null) ?? null,
        source: (d.source as string | null) ?? null,
        // bm25 is lower-is-better; hits carry higher-is-better scores.
        score: -g.score,
        titleHighlighted: highlightTitle(d.title as string, needles),
        passages: passages(d.body_original as string, d.body as string, needles, opts),
        copies: g.copies,
      };
    });
  }
}
