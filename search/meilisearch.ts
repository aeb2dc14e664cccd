// Meilisearch SearchIndex. What stock Meilisearch gets wrong on Chinese, and what this adapter does:
// - it matches word prefixes of jieba's precise cut, so 农业 misses 中国农业发展银行: we index
//   title_sub/body_sub, jieba cut-for-search sub-words of the normalised text, and send every term as a
//   quoted word/phrase so infix words meet their sub-word; and `chars`, the distinct Han characters of the
//   document, so a one-character term (京) matches wherever the character stands, as on the embedded index;
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
import { DEFAULT_PASSAGES, highlightTitle, markNeedles, passages } from './highlight.ts';
import type { SearchDoc, SearchHit, SearchIndex, SearchQuery, SearchResult } from './port.ts';
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
  body: string; bodyOriginal: string; title_sub: string; body_sub: string; chars: string;
}

export const MEILI_SETTINGS: Settings = {
  // Order is the attribute ranking: title first.
  searchableAttributes: ['title_norm', 'title_sub', 'body', 'body_sub', 'chars'],
  filterableAttributes: ['source', 'places', 'institutions', 'kinds', 'year', 'day', 'grp', 'id'],
  sortableAttributes: ['published', 'day'],
  // "sort" first: sort=DATE is strict date order (after relevance it would only break ties); without a sort
  // parameter the rule does nothing and relevance decides.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attributeRank', 'wordPosition', 'exactness'],
  displayedAttributes: ['*'],
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
  synonyms: meiliSynonyms(),
  // A one-character change makes a different Chinese word: typos only on long (Latin) words, never on sub-words.
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 8, twoTypos: 12 }, disableOnAttributes: ['title_sub', 'body_sub', 'chars'], disableOnNumbers: true },
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 10_100 },
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

  constructor(options: MeiliSearchOptions) {
    this.o = OptionsSchema.parse(options);
    this.client = new Meilisearch({ host: this.o.host, apiKey: this.o.apiKey });
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

  async upsert(docs: SearchDoc[]): Promise<void> {
    for (let i = 0; i < docs.length; i += this.o.batchSize) {
      const batch = docs.slice(i, i + this.o.batchSize).map(toMeiliDoc);
      await this.wait(this.index.addDocuments(batch, { primaryKey: 'id' }));
    }
  }

  async remove(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += this.o.batchSize) await this.wait(this.index.deleteDocuments(ids.slice(i, i + this.o.batchSize)));
  }

  async clear(): Promise<void> {
    await this.wait(this.index.deleteAllDocuments());
  }

  async count(): Promise<number> {
    try {
      return (await this.index.getStats()).numberOfDocuments;
    } catch (e) {
      throw this.wrap(e);
    }
  }

  async close(): Promise<void> {
    // The client holds no connection to close.
  }

  private queries(c: CheckedQuery, extraFilter: string[], params: SearchParams): Array<SearchParams & { q: string }> {
    const base = { ...params, filter: buildFilter(c, extraFilter), matchingStrategy: 'all' as const, locales: ['cmn'] };
    if (!c.parsed.root) return [{ ...base, q: '' }];
    return toBranches(c.parsed.root, this.o.maxBranches).map((b) => ({ ...base, q: branchQuery(b, this.o.maxQueryWords) }));
  }

  /** One search, or a federated multi-search when the query has OR branches. */
  private async run(c: CheckedQuery, extraFilter: string[], params: SearchParams, page: { limit: number; offset: number }, facets: string[]) {
    const qs = this.queries(c, extraFilter, params);
    const sort = c.sort === 'date' ? ['day:desc'] : undefined;
    try {
      if (qs.length === 1) {
        // page/hitsPerPage makes Meilisearch count hits exhaustively (limit/offset only estimates).
        const { q, ...rest } = qs[0];
        const aligned = page.offset % page.limit === 0;
        const hitsPerPage = aligned ? page.limit : page.offset + page.limit;
        const r = (await this.index.search(q, {
          ...rest, sort, facets, hitsPerPage, page: aligned ? page.offset / page.limit + 1 : 1, showRankingScore: true,
        })) as unknown as { hits: MeiliDoc[]; totalHits: number; facetDistribution?: Record<string, Record<string, number>> };
        return { hits: aligned ? r.hits : r.hits.slice(page.offset), total: r.totalHits, facets: r.facetDistribution ?? {} };
      }
      const r = await this.client.multiSearch({
        federation: { limit: page.limit, offset: page.offset, facetsByIndex: facets.length ? { [this.o.indexUid]: facets } : undefined, mergeFacets: facets.length ? {} : undefined, distinct: params.distinct },
        queries: qs.map(({ distinct: _d, ...q }) => ({ ...q, indexUid: this.o.indexUid, sort })),
      });
      return { hits: r.hits as MeiliDoc[], total: r.estimatedTotalHits ?? 0, facets: r.facetDistribution ?? {} };
    } catch (e) {
      throw this.wrap(e);
    }
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const c = checkQuery(q);
    const facets = c.facets.map(String);
    // 1. The page of groups (reprints collapsed by `grp`), the total and the facets.
    const page = await this.run(c, [], { distinct: c.collapse ? 'grp' : undefined, attributesToRetrieve: ['id', 'grp'] }, c, facets);
    const keys = page.hits.map((h) => (c.collapse ? (h as MeiliDoc).grp : (h as MeiliDoc).id));
    // 2. Every matching member of those groups, to show the original and list its copies.
    const members = keys.length
      ? (await this.run(c, [inFilter(c.collapse ? 'grp' : 'id', keys)], {}, { limit: Math.min(1000, keys.length * 50), offset: 0 }, [])).hits as Array<MeiliDoc & { _rankingScore?: number }>
      : [];
    const needles = markNeedles(c.parsed.positives.flatMap((p) => [p, ...synonymsOf(p)]));
    const hits: SearchHit[] = keys.map((key, k) => {
      const group = members.filter((m) => (c.collapse ? m.grp : m.id) === key);
      const rep = group.find((m) => m.id === key) ?? group[0] ?? (page.hits[k] as MeiliDoc);
      return {
        id: rep.id, title: rep.title, url: rep.url ?? null, published: rep.published ?? null, source: rep.source ?? null,
        score: (page.hits[k] as { _rankingScore?: number })._rankingScore ?? 0,
        titleHighlighted: highlightTitle(rep.title ?? '', needles),
        passages: passages(rep.bodyOriginal ?? '', rep.body ?? '', needles, DEFAULT_PASSAGES),
        copies: group.filter((m) => m.id !== rep.id).map((m) => m.id).sort(),
      };
    });
    const out: SearchResult = { total: page.total, hits, facets: {} };
    for (const f of c.facets) out.facets[f] = (page.facets as Record<string, Record<string, number>>)[f] ?? {};
    const warnings = [...(c.parsed.ignored.length ? [`ignored: ${c.parsed.ignored.join(' ')}`] : [])];
    if (hasNear(c.parsed.root)) warnings.push('NEAR ranks closer words first on Meilisearch but does not enforce the distance');
    if (warnings.length) out.warnings = warnings;
    return out;
  }
}

function hasNear(n: QueryNode | null): boolean {
  if (!n) return false;
  if (n.kind === 'near') return true;
  if (n.kind === 'not') return hasNear(n.child);
  return n.kind !== 'term' && n.children.some(hasNear);
}

function toMeiliDoc(d: SearchDoc): MeiliDoc {
  const title = normalize(d.title);
  const body = normalize(d.body);
  return {
    id: d.id, grp: d.reprintOf ?? d.id, url: d.url, title: d.title, title_norm: title, published: d.published, day: dayNumber(d.published),
    year: d.published?.slice(0, 4) ?? null, source: d.source, places: d.places, institutions: d.institutions, kinds: d.kinds,
    reprintOf: d.reprintOf, body: d.body, bodyOriginal: d.bodyOriginal, title_sub: searchWords(title), body_sub: searchWords(body),
    chars: hanChars(`${title}\n${body}`),
  };
}

/** Distinct Han characters of the text, space-separated: the words one-character query terms meet. */
export function hanChars(s: string): string {
  return [...new Set(s.match(/\p{Script=Han}/gu) ?? [])].join(' ');
}
