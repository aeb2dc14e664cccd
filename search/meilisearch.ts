// Meilisearch SearchIndex. What stock Meilisearch gets wrong on Chinese, and what this adapter does:
// - its own Chinese segmentation (localizedAttributes cmn) keeps some long words whole, so 肿瘤 misses
//   天津市肿瘤医院: we index `words`, the distinct jieba cut-for-search words and sub-words of the normalised
//   text (a set: a fraction of the body's size), and send every term as a quoted word/phrase so infix words
//   meet their sub-word; and `chars`, the distinct Han characters of the document, so a one-character term
//   (京) matches wherever the character stands, as on the embedded index;
// - traditional queries fall apart into single characters: queries are normalised like bodies;
// - it keeps only the first 10 query words: we count words and refuse longer queries with BAD_QUERY
//   rather than let terms drop; matchingStrategy "all" so no term is optional;
// - no OR / parentheses: the query tree becomes OR-of-ANDs run as one federated multi-search.
// Highlights are made by highlight.ts on the ORIGINAL body (Meilisearch's own would mark the normalised text).
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchTaskTimeOutError, type EnqueuedTaskPromise, type SearchParams, type Settings } from 'meilisearch';
import nodejieba from 'nodejieba';
import { z } from 'zod';
import { BadQueryError, MeiliTaskError, MeiliUnavailableError } from './errors.ts';
import { buildFilter, inFilter } from './meili-filter.ts';
import { meiliHttp, type MeiliHttp } from './meili-http.ts';
import { DEFAULT_PASSAGES, highlightTitle, markNeedles, passages } from './highlight.ts';
import type { SearchDoc, SearchHit, SearchIndex, SearchQuery, SearchRebuild, SearchResult } from './port.ts';
import type { QueryNode } from './query.ts';
import { checkQuery, type CheckedQuery } from './request.ts';
import { meiliSynonyms, synonymsOf } from './synonyms.ts';
import { dayNumber, normalize, runs, searchWords } from './text.ts';

const OptionsSchema = z
  .object({
    /** Meilisearch URL, e.g. http://127.0.0.1:7700. Required. */
    host: z.string().url(),
    /** API key (master or admin key). Default none. */
    apiKey: z.string().optional(),
    /** Index uid. Default "articles". */
    indexUid: z.string().regex(/^[A-Za-z0-9_-]+$/).default('articles'),
    /** Documents per addDocuments task. Default 500. */
    batchSize: z.number().int().min(1).max(10_000).default(500),
    /** Milliseconds to wait for one task before MEILI_UNAVAILABLE. Default 60000. */
    taskTimeoutMs: z.number().int().min(100).default(60_000),
    /** Milliseconds to wait for one HTTP answer before MEILI_UNAVAILABLE. Default 30000. */
    requestTimeoutMs: z.number().int().min(100).default(30_000),
    /** Most words Meilisearch considers in one query (its own limit is 10). Default 10. */
    maxQueryWords: z.number().int().min(1).max(10).default(10),
    /** Most OR branches a query may expand to. Default 16. */
    maxBranches: z.number().int().min(1).max(64).default(16),
  })
  .strict();

export type MeiliSearchOptions = z.input<typeof OptionsSchema>;

interface MeiliDoc {
  id: string; grp: string; url: string | null; title: string; title_norm: string; published: string | null; day: number | null; year: string | null;
  source: string | null; places: string[]; institutions: string[]; kinds: string[]; reprintOf: string | null;
  body: string; bodyOriginal: string; words: string; chars: string; copy: boolean;
}

export const MEILI_SETTINGS: Settings = {
  // Order is the attribute ranking: title first.
  searchableAttributes: ['title_norm', 'body', 'words', 'chars'],
  filterableAttributes: ['source', 'places', 'institutions', 'kinds', 'year', 'day', 'grp', 'id', 'copy'],
  sortableAttributes: ['published', 'day'],
  // "sort" first: sort=DATE is strict date order (after relevance it would only break ties); without a sort
  // parameter the rule does nothing and relevance decides.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attributeRank', 'wordPosition', 'exactness'],
  displayedAttributes: ['*'],
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
  synonyms: meiliSynonyms(),
  // A one-character change makes a different Chinese word: typos only on long (Latin) words, never on sub-words.
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 8, twoTypos: 12 }, disableOnAttributes: ['words', 'chars'], disableOnNumbers: true },
  faceting: { maxValuesPerFacet: 100 },
  // Every term is sent quoted (never prefix-matched) and facet values are never searched: building
  // either structure would only slow indexing.
  prefixSearch: 'disabled',
  facetSearch: false,
  pagination: { maxTotalHits: 10_100 },
  // Stated so init() resets an index tuned by hand: `byAttribute` halves the server's indexing time but
  // makes a quoted term match its words anywhere in a field (R-precision 0.842 → 0.825, exact term first
  // on 13 of 19 cut queries instead of 19).
  proximityPrecision: 'byWord',
};

/** One AND branch of the query: words and phrases that must / must not appear. */
interface Branch { pos: string[]; neg: string[] }

/** OR-of-ANDs of a parsed query; Meilisearch has AND (matchingStrategy "all") and `-` but no OR. */
export function toBranches(node: QueryNode, max: number): Branch[] {
  const lit = (t: string) => runs(t).map((r) => r.text).join(' ');
  const negOf = (n: QueryNode): string[] => {
    if (n.kind === 'term') return [lit(n.text)];
    if (n.kind === 'or') return n.children.flatMap(negOf);
    throw new BadQueryError('Meilisearch can only exclude words and phrases (-word, -"phrase"), not groups');
  };
  const walk = (n: QueryNode): Branch[] => {
    switch (n.kind) {
      case 'term': return [{ pos: [lit(n.text)], neg: [] }];
      case 'near': return [{ pos: n.terms.map((t) => lit(t.text)), neg: [] }]; // ranked by proximity, not enforced
      case 'not': return [{ pos: [], neg: negOf(n.child) }];
      case 'or': return n.children.flatMap(walk);
      case 'and': {
        let acc: Branch[] = [{ pos: [], neg: [] }];
        for (const c of n.children) {
          const next = walk(c);
          acc = acc.flatMap((a) => next.map((b) => ({ pos: [...a.pos, ...b.pos], neg: [...a.neg, ...b.neg] })));
          if (acc.length > max) throw new BadQueryError(`query expands to more than ${max} OR branches on Meilisearch`);
        }
        return acc;
      }
    }
  };
  const out = walk(node);
  if (out.length > max) throw new BadQueryError(`query expands to more than ${max} OR branches on Meilisearch`);
  return out;
}

/** The `q` string of one branch: every literal quoted, so none is optional, prefix-matched or re-split. */
export function branchQuery(b: Branch, maxWords: number): string {
  const words = [...b.pos, ...b.neg].reduce((n, t) => n + nodejieba.cut(t).filter((w) => w.trim()).length, 0);
  if (words > maxWords)
    throw new BadQueryError(`query has ${words} words; Meilisearch considers at most ${maxWords}: split it into shorter searches`);
  return [...b.pos.map((t) => `"${t}"`), ...b.neg.map((t) => `-"${t}"`)].join(' ');
}

export class MeiliSearchIndex implements SearchIndex {
  private readonly o: z.output<typeof OptionsSchema>;
  private readonly client: Meilisearch;
  private readonly pool: MeiliHttp;

  constructor(options: MeiliSearchOptions) {
    this.o = OptionsSchema.parse(options);
    this.pool = meiliHttp(this.o.host, this.o.requestTimeoutMs);
    this.client = new Meilisearch({ host: this.o.host, apiKey: this.o.apiKey, httpClient: this.pool.httpClient });
  }

  private get http() {
    return this.client.httpRequest;
  }

  private get index() {
    return this.client.index<MeiliDoc>(this.o.indexUid);
  }

  /** Await a task with the timeout; a failed or canceled task becomes MeiliTaskError (waitTask does not throw). */
  private async wait(p: EnqueuedTaskPromise): Promise<void> {
    let task;
    try {
      task = await p.waitTask({ timeout: this.o.taskTimeoutMs });
    } catch (e) {
      throw this.wrap(e);
    }
    if (task.status !== 'succeeded')
      throw new MeiliTaskError(task.uid, task.status, task.error?.code ?? null, task.error?.message ?? 'no message');
  }

  private wrap(e: unknown): Error {
    if (e instanceof MeilisearchTaskTimeOutError) return new MeiliUnavailableError(`Meilisearch task not done in ${this.o.taskTimeoutMs} ms`, e);
    if (e instanceof MeilisearchRequestError) return new MeiliUnavailableError(`Meilisearch at ${this.o.host} did not answer`, e);
    if (e instanceof MeilisearchApiError && e.cause?.code?.startsWith('invalid_search')) return new BadQueryError(`Meilisearch refused the query: ${e.cause.code}`);
    return e as Error;
  }

  async init(): Promise<void> {
    try {
      await this.client.health();
    } catch (e) {
      throw this.wrap(e);
    }
    await this.wait(this.client.createIndex(this.o.indexUid, { primaryKey: 'id' })).catch((e) => {
      if (!(e instanceof MeiliTaskError && e.meiliCode === 'index_already_exists')) throw e;
    });
    await this.wait(this.index.updateSettings(MEILI_SETTINGS));
  }

  /**
   * Batches are sent as soon as each is converted, without waiting for the previous one: Meilisearch
   * indexes batch k (and merges queued ones into one indexing run) while this process converts batch k+1.
   * Then every task is awaited, so the documents are searchable (or the failure thrown) on return.
   */
  async upsert(docs: SearchDoc[]): Promise<void> {
    const tasks: EnqueuedTaskPromise[] = [];
    try {
      for (let i = 0; i < docs.length; i += this.o.batchSize) {
        const task = this.index.addDocuments(docs.slice(i, i + this.o.batchSize).map(toMeiliDoc), { primaryKey: 'id' });
        tasks.push(task);
        await task; // enqueued: the server indexes it while the next batch is converted
      }
    } catch (e) {
      await this.waitAll(tasks.slice(0, -1)).catch(() => undefined); // let the sent batches finish either way
      throw this.wrap(e);
    }
    await this.waitAll(tasks);
  }

  /** Await every task (all of them, even after a failure), then throw the first failure. */
  private async waitAll(tasks: EnqueuedTaskPromise[]): Promise<void> {
    const results = await Promise.allSettled(tasks.map((t) => this.wait(t)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  async remove(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += this.o.batchSize) await this.wait(this.index.deleteDocuments(ids.slice(i, i + this.o.batchSize)));
  }

  async clear(): Promise<void> {
    await this.wait(this.index.deleteAllDocuments());
  }

  /**
   * A rebuild fills a second index (`<uid>_next`) with the same settings; commit swaps the two with
   * Meilisearch's atomic swapIndexes and deletes the old one, so searches see the old index until the
   * swap and the new one after it: never a partial or empty one.
   */
  async rebuild(): Promise<SearchRebuild> {
    await this.init(); // the live index must exist to be swapped
    const nextUid = `${this.o.indexUid}_next`;
    await this.dropIndex(nextUid);
    const next = new MeiliSearchIndex({ ...this.o, indexUid: nextUid });
    await next.init();
    let open = true;
    const done = () => {
      if (!open) throw new Error('this rebuild was already committed or aborted');
      open = false;
    };
    const finish = async () => {
      await this.dropIndex(nextUid);
      await next.close();
    };
    return {
      upsert: async (docs) => {
        if (!open) throw new Error('this rebuild was already committed or aborted');
        await next.upsert(docs);
      },
      commit: async () => {
        done();
        await this.wait(this.client.swapIndexes([{ indexes: [this.o.indexUid, nextUid], rename: false }]));
        await finish(); // nextUid now names the old index
      },
      abort: async () => {
        done();
        await finish();
      },
    };
  }

  private async dropIndex(uid: string): Promise<void> {
    await this.wait(this.client.deleteIndex(uid)).catch((e) => {
      if (!(e instanceof MeiliTaskError && e.meiliCode === 'index_not_found')) throw e;
    });
  }

  async count(): Promise<number> {
    try {
      return (await this.index.getStats()).numberOfDocuments;
    } catch (e) {
      throw this.wrap(e);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** Each OR branch as one search of the index: every literal required, filters, Chinese locale. */
  private queries(c: CheckedQuery, extraFilter: string[]): Array<SearchParams & { q: string }> {
    const base = { filter: buildFilter(c, extraFilter), matchingStrategy: 'all' as const, locales: ['cmn' as const] };
    if (!c.parsed.root) return [{ ...base, q: '' }];
    return toBranches(c.parsed.root, this.o.maxBranches).map((b) => ({ ...base, q: branchQuery(b, this.o.maxQueryWords) }));
  }

  /**
   * The request for one page: a search, or a federated multi-search when the query has OR branches.
   * `fields` are the attributes returned (never the sub-word fields); limit/offset, so Meilisearch
   * estimates the total past 1,000 rather than counting every match (the result then says so).
   */
  private pageRequest(c: CheckedQuery, page: { limit: number; offset: number }, o: { extraFilter?: string[]; fields: string[]; facets?: string[]; distinct?: string }): MeiliRequest {
    const qs = this.queries(c, o.extraFilter ?? []);
    const sort = c.sort === 'date' ? ['day:desc'] : undefined;
    const facets = o.facets?.length ? o.facets : undefined;
    if (qs.length === 1)
      return {
        path: `indexes/${this.o.indexUid}/search`,
        body: { ...qs[0], sort, facets, distinct: o.distinct, limit: page.limit, offset: page.offset, attributesToRetrieve: o.fields, showRankingScore: true },
      };
    return {
      path: 'multi-search',
      body: {
        federation: { limit: page.limit, offset: page.offset, facetsByIndex: facets ? { [this.o.indexUid]: facets } : undefined, mergeFacets: facets ? {} : undefined, distinct: o.distinct },
        queries: qs.map((q) => ({ ...q, indexUid: this.o.indexUid, sort, attributesToRetrieve: o.fields, showRankingScore: true })),
      },
    };
  }

  /**
   * The first request of a search: the ranked page with the total and the facets. Collapsing reprints, it
   * asks for ids of a few more matches than the page needs and collapses them here: Meilisearch's
   * `distinct` costs 20–40× a plain search on broad queries (144 ms against 7 ms at 20,000 articles).
   * The benchmark sends this same request raw to measure the adapter's own cost.
   */
  firstRequest(q: SearchQuery | CheckedQuery): MeiliRequest {
    const c = 'parsed' in q ? q : checkQuery(q);
    const facets = c.facets.map(String);
    if (!c.collapse) return this.pageRequest(c, c, { fields: SHOWN, facets });
    return this.pageRequest(c, { limit: overfetch(c.offset + c.limit), offset: 0 }, { fields: ['id', 'grp'] });
  }

  /**
   * Facets of collapsed results, sent beside the first request: matching documents that are not reprints
   * (`NOT copy = true` also keeps documents indexed before the field existed).
   */
  private facetRequest(c: CheckedQuery): MeiliRequest {
    return this.pageRequest(c, { limit: 0, offset: 0 }, { extraFilter: ['NOT copy = true'], fields: ['id'], facets: c.facets.map(String) });
  }

  private async send(r: MeiliRequest): Promise<Sent> {
    try {
      const out = (await this.http.post({ path: r.path, body: r.body })) as {
        hits: Array<Partial<MeiliDoc>>; estimatedTotalHits?: number; totalHits?: number; facetDistribution?: Record<string, Record<string, number>>;
      };
      return { hits: out.hits, total: out.totalHits ?? out.estimatedTotalHits ?? 0, facets: out.facetDistribution ?? {} };
    } catch (e) {
      throw this.wrap(e);
    }
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const c = checkQuery(q);
    const collapsedFacets = c.collapse && c.facets.length > 0;
    const [first, facetSource] = await Promise.all([this.send(this.firstRequest(c)), collapsedFacets ? this.send(this.facetRequest(c)) : null]);
    const out = c.collapse ? await this.collapsed(c, first) : { total: first.total, hits: first.hits.map((h) => ({ shown: h, rep: h, copies: [] })) };
    const needles = markNeedles(c.parsed.positives.flatMap((p) => [p, ...synonymsOf(p)]));
    const hits: SearchHit[] = out.hits.map(({ shown, rep, copies }) => ({
      id: rep.id!, title: rep.title ?? '', url: rep.url ?? null, published: rep.published ?? null, source: rep.source ?? null,
      score: shown._rankingScore ?? 0,
      titleHighlighted: highlightTitle(rep.title ?? '', needles),
      passages: passages(rep.bodyOriginal ?? '', rep.body ?? '', needles, DEFAULT_PASSAGES),
      copies,
    }));
    const result: SearchResult = { total: out.total, hits, facets: {} };
    for (const f of c.facets) result.facets[f] = (facetSource ?? first).facets[f] ?? {};
    if ('approximate' in out && out.approximate) result.totalIsApproximate = true;
    const warnings = [...(c.parsed.ignored.length ? [`ignored: ${c.parsed.ignored.join(' ')}`] : [])];
    if (hasNear(c.parsed.root)) warnings.push('NEAR ranks closer words first on Meilisearch but does not enforce the distance');
    if (warnings.length) result.warnings = warnings;
    return result;
  }

  /**
   * Reprints collapsed into groups (`grp`): the page's groups from the ranked ids (more are fetched in the
   * rare case copies ate the margin), then in one request every matching member of those groups with what
   * a hit shows: the original is shown when it matched, else the best-ranked copy; the others are its copies.
   * The total counts groups exactly when every match was seen; past that it is Meilisearch's count of
   * matches, copies included, flagged approximate. Facets (facetRequest) count matching non-reprints.
   */
  private async collapsed(c: CheckedQuery, first: Sent) {
    const want = c.offset + c.limit;
    let ranked = first;
    let groups = distinctGroups(ranked.hits);
    for (let n = overfetch(want); groups.length < want && ranked.hits.length === n && n < MAX_RANKED; ) {
      n = Math.min(MAX_RANKED, n * 4);
      ranked = await this.send(this.pageRequest(c, { limit: n, offset: 0 }, { fields: ['id', 'grp'] }));
      groups = distinctGroups(ranked.hits);
    }
    const seenAll = ranked.hits.length >= first.total;
    const keys = groups.slice(c.offset, want).map((g) => g.grp);
    if (keys.length === 0) return { total: seenAll ? groups.length : first.total, hits: [], approximate: !seenAll };
    const members = await this.send(this.pageRequest(c, { limit: 1000, offset: 0 }, { extraFilter: [inFilter('grp', keys)], fields: SHOWN }));
    const byId = new Map(members.hits.map((d) => [d.id!, d]));
    const hits = groups.slice(c.offset, want).map((g) => {
      const rep = byId.get(g.grp) ?? byId.get(g.best.id!) ?? g.best;
      const copies = members.hits.filter((m) => m.grp === g.grp && m.id !== rep.id).map((m) => m.id!).sort();
      return { shown: g.best, rep, copies };
    });
    return { total: seenAll ? groups.length : first.total, hits, approximate: !seenAll };
  }
}

/** What a hit shows: never `words` or `chars` (index-only fields). */
const SHOWN = ['id', 'grp', 'title', 'url', 'published', 'source', 'body', 'bodyOriginal'];

type Hit = Partial<MeiliDoc> & { _rankingScore?: number };
interface Sent { hits: Hit[]; total: number; facets: Record<string, Record<string, number>> }

/** Most ranked ids read to fill a collapsed page (past it, a page may hold fewer groups than asked). */
const MAX_RANKED = 10_000;

/** Ranked ids to read for `want` groups: a margin for copies (2 % of articles in the benchmark corpus, more in real news). */
function overfetch(want: number): number {
  return Math.min(MAX_RANKED, want + Math.ceil(want / 4) + 10);
}

/** Groups in rank order, each with its best-ranked matching member. */
function distinctGroups(hits: Hit[]): Array<{ grp: string; best: Hit }> {
  const seen = new Map<string, Hit>();
  for (const h of hits) if (!seen.has(h.grp!)) seen.set(h.grp!, h);
  return [...seen].map(([grp, best]) => ({ grp, best }));
}

/** One search request as sent to Meilisearch (the benchmark sends the same one raw). */
export interface MeiliRequest { path: string; body: Record<string, unknown> }

function hasNear(n: QueryNode | null): boolean {
  if (!n) return false;
  if (n.kind === 'near') return true;
  if (n.kind === 'not') return hasNear(n.child);
  return n.kind !== 'term' && n.children.some(hasNear);
}

export function toMeiliDoc(d: SearchDoc): MeiliDoc {
  const title = normalize(d.title);
  const body = normalize(d.body);
  return {
    id: d.id, grp: d.reprintOf ?? d.id, url: d.url, title: d.title, title_norm: title, published: d.published, day: dayNumber(d.published),
    year: d.published?.slice(0, 4) ?? null, source: d.source, places: d.places, institutions: d.institutions, kinds: d.kinds,
    reprintOf: d.reprintOf, body: d.body, bodyOriginal: d.bodyOriginal, words: distinctWords(`${title}\n${body}`),
    chars: hanChars(`${title}\n${body}`), copy: d.reprintOf !== null && d.reprintOf !== d.id,
  };
}

/** Distinct jieba cut-for-search words and sub-words, space-separated. */
export function distinctWords(s: string): string {
  return [...new Set(searchWords(s).split(' '))].join(' ');
}

/** Distinct Han characters of the text, space-separated: the words one-character query terms meet. */
export function hanChars(s: string): string {
  return [...new Set(s.match(/\p{Script=Han}/gu) ?? [])].join(' ');
}
