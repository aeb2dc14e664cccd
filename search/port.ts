// The SearchIndex port. Adapters: embedded (SQLite FTS5, same file as the archive) and Meilisearch.
// This file imports nothing from meilisearch, better-sqlite3 or graphql.

/** One article as the index sees it. */
export interface SearchDoc {
  id: string;
  url: string | null;
  title: string;
  published: string | null;
  source: string | null;
  /** Normalised (simplified) body: what is searched. */
  body: string;
  /** Body as on the page: what highlights are shown on. */
  bodyOriginal: string;
  places: string[];
  institutions: string[];
  kinds: string[];
  /** Id of the earliest copy when this article is a reprint. */
  reprintOf: string | null;
}

export interface SearchFilters {
  source?: string[];
  places?: string[];
  institutions?: string[];
  kinds?: string[];
  /** Inclusive ISO date bounds on `published`. */
  from?: string;
  to?: string;
}

export interface SearchQuery {
  /** User query: words, "phrases", AND / OR / NOT, NEAR(a b, n) where supported. Traditional or simplified. */
  text: string;
  filters?: SearchFilters;
  sort?: 'relevance' | 'date';
  limit?: number; // default 10, max 100
  offset?: number;
  /** Facet fields to count: source, places, institutions, kinds, year. */
  facets?: Array<'source' | 'places' | 'institutions' | 'kinds' | 'year'>;
  /** Collapse reprints into the earliest copy (default true). */
  collapseReprints?: boolean;
}

export interface SearchHit {
  id: string;
  title: string;
  url: string | null;
  published: string | null;
  source: string | null;
  score: number;
  /** Title with matches wrapped in <mark>…</mark>; other text HTML-escaped. */
  titleHighlighted: string;
  /** Passages of the original body, HTML-escaped, matches wrapped in <mark>…</mark>. */
  passages: string[];
  /** Ids of reprints collapsed into this hit. */
  copies: string[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: Record<string, Record<string, number>>;
  /** What the engine could not honour or ignored in the query (e.g. bare punctuation), so nothing is lost silently. */
  warnings?: string[];
  /**
   * Set when the engine bounded a broad query's cost by counting only the most recently published matches
   * (the embedded index: 10,000 by default): `total` is then a lower bound (show "10,000+").
   */
  totalIsApproximate?: boolean;
  /** Set when hits were ranked among only this many most recently published matches rather than every match. */
  rankedFrom?: number;
  /** Set when facets were counted over only this many best hits rather than every match. */
  facetsFrom?: number;
}

/** A fresh index being built beside the live one (`kg sync --full`): searches see the live index until commit. */
export interface SearchRebuild {
  upsert(docs: SearchDoc[]): Promise<void>;
  /** Make the rebuilt index the live one in one atomic step, and drop the old one. */
  commit(): Promise<void>;
  /** Drop the rebuilt index; the live one stays as it was. */
  abort(): Promise<void>;
}

export interface SearchIndex {
  init(): Promise<void>;
  upsert(docs: SearchDoc[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clear(): Promise<void>;
  /** Start building a fresh index beside the live one (any unfinished earlier rebuild is dropped first). */
  rebuild(): Promise<SearchRebuild>;
  search(q: SearchQuery): Promise<SearchResult>;
  count(): Promise<number>;
  close(): Promise<void>;
}
