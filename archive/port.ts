// The archive as an async port: what crawl and extract workers (and a sync reading extractions) need from
// the system of record, with no driver in sight. The embedded SQLite archive (sqlite-port.ts) and PostgreSQL
// (postgres.ts) implement it; the conformance suite (test/conformance/archive-port.ts) holds both to it.
import type { ArticleRecord, NewPage, StoredPage, StoreOutcome } from './archive.ts';
import type { Article, Knowledge } from '../extractor/types.ts';

export type Extraction =
  | { status: 'ok'; article: Article; knowledge: Knowledge | null; fingerprint: string | null }
  | { status: 'no_article' | 'failed'; reason: string };

export interface StoreResult {
  pageId: number;
  hash: string;
  /** stored: new bytes; new-origin: known bytes seen at a new origin; unchanged: this origin already had them. */
  outcome: StoreOutcome;
}

export interface PortStats {
  pages: number;
  origins: number;
  rejections: number;
  /** Articles by status (ok, no_article, failed). */
  articles: Record<string, number>;
}

export interface ArchivePort {
  /** Where the archive lives, for messages (a file path or a postgres:// URL without its password). */
  readonly location: string;
  /** Whether this origin already holds exactly these bytes (re-import is then a no-op). */
  hasOriginWithHash(origin: string, hash: string): Promise<boolean>;
  /** Store a page and its origin atomically; one row per content hash, whoever else writes it at the same time. */
  storePage(page: NewPage): Promise<StoreResult>;
  recordRejection(origin: string, code: string, message: string): Promise<void>;
  getPage(id: number): Promise<StoredPage | null>;
  getPageBytes(id: number): Promise<Buffer | null>;
  /** Pages with ids above `afterId`, in id order, with their bytes: for copying an archive elsewhere. */
  pagesAfter(afterId: number, limit: number): Promise<Array<StoredPage & { bytes: Buffer }>>;
  /** Pages whose article is missing or was made by another extractor version (all pages when `all`). */
  pagesToExtract(extractorVersion: string, all?: boolean): Promise<number[]>;
  /** Save one page's extraction atomically; returns the article id. */
  saveExtraction(pageId: number, result: Extraction, extractorVersion: string): Promise<string>;
  getArticle(id: string): Promise<ArticleRecord | null>;
  /** Articles changed since `target` last took them in, in seq order after `afterSeq`. */
  changedFor(target: string, limit: number, afterSeq?: number): Promise<ArticleRecord[]>;
  /** Record that `target` has taken in these articles at these seqs. */
  markSynced(target: string, items: Array<{ id: string; seq: number }>): Promise<void>;
  stats(): Promise<PortStats>;
  close(): Promise<void>;
}
