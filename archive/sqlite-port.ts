// The embedded archive behind the async port: a thin wrapper over Archive (one SQLite file, WAL), so
// several worker processes on one machine can share it; across machines use PostgreSQL (postgres.ts).
import { Archive, type ArchiveOptions, type NewPage } from './archive.ts';
import type { ArchivePort, Extraction, PortStats, StoreResult } from './port.ts';

export class SqliteArchivePort implements ArchivePort {
  readonly location: string;

  constructor(readonly archive: Archive) {
    this.location = archive.file;
  }

  static open(options: ArchiveOptions = {}): SqliteArchivePort {
    return new SqliteArchivePort(Archive.open(options));
  }

  async hasOriginWithHash(origin: string, hash: string): Promise<boolean> {
    return this.archive.hasOriginWithHash(origin, hash);
  }

  async storePage(page: NewPage): Promise<StoreResult> {
    return this.archive.storePage(page);
  }

  async recordRejection(origin: string, code: string, message: string): Promise<void> {
    this.archive.recordRejection(origin, code, message);
  }

  async getPage(id: number) {
    return this.archive.getPage(id);
  }

  async getPageBytes(id: number) {
    return this.archive.getPageBytes(id);
  }

  async pagesAfter(afterId: number, limit: number) {
    const ids = this.archive.db.prepare('SELECT id FROM pages WHERE id > ? ORDER BY id LIMIT ?').pluck().all(afterId, limit) as number[];
    return ids.map((id) => ({ ...this.archive.getPage(id)!, bytes: this.archive.getPageBytes(id)! }));
  }

  async pagesToExtract(extractorVersion: string, all = false) {
    return this.archive.pagesToExtract(extractorVersion, all);
  }

  async saveExtraction(pageId: number, result: Extraction, extractorVersion: string) {
    return this.archive.saveExtraction(pageId, result, extractorVersion);
  }

  async getArticle(id: string) {
    return this.archive.getArticle(id);
  }

  async changedFor(target: string, limit: number, afterSeq = 0) {
    return this.archive.changedFor(target, limit, afterSeq);
  }

  async markSynced(target: string, items: Array<{ id: string; seq: number }>) {
    this.archive.markSynced(target, items);
  }

  async stats(): Promise<PortStats> {
    const s = this.archive.stats();
    return { pages: s.pages, origins: s.origins, rejections: s.rejections, articles: s.articles };
  }

  async close(): Promise<void> {
    this.archive.close();
  }
}
