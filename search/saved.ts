// Saved searches: a named query with its filters, kept in the archive, with the hits already seen, so a
// check lists only what is new since the last one (an alert feed) and an Atom feed can be followed by any
// feed reader. checkSavedSearches() is what the pipeline calls after every crawl or sync.
import type Database from 'better-sqlite3';
import type { Archive } from '../archive/archive.ts';
import { migrate, type Migration } from '../archive/migrate.ts';
import { renderAtom, type AtomOptions } from './atom.ts';
import { SavedSearchError } from './errors.ts';
import type { SearchFilters, SearchHit, SearchIndex } from './port.ts';
import { checkQuery } from './request.ts';

export const SAVED_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'saved searches and the hits they have seen',
    sql: `
      CREATE TABLE saved_searches (
        name TEXT PRIMARY KEY,
        query TEXT NOT NULL,
        filters TEXT NOT NULL,
        created_at TEXT NOT NULL,
        -- Watermark: when the search was last checked.
        checked_at TEXT
      );
      CREATE TABLE saved_search_hits (
        name TEXT NOT NULL REFERENCES saved_searches(name) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        -- Reported by a check (1) or taken as the baseline when the search was saved (0).
        alerted INTEGER NOT NULL,
        hit TEXT NOT NULL,
        PRIMARY KEY (name, article_id)
      );
      CREATE INDEX saved_search_hits_seen ON saved_search_hits(name, first_seen);
    `,
  },
];

export interface SavedSearch {
  name: string;
  query: string;
  filters: SearchFilters;
  createdAt: string;
  checkedAt: string | null;
}

/** A hit a check reported, with when it was first seen. */
export interface Alert {
  seenAt: string;
  hit: SearchHit;
}

export interface CheckResult {
  name: string;
  hits: SearchHit[];
  /** More than `maxScan` current hits: older ones were not compared. */
  truncated: boolean;
}

const NAME = /^[\p{L}\p{N}_.-]{1,64}$/u;
const PAGE = 100;

export class SavedSearches {
  constructor(
    private readonly db: Database.Database,
    private readonly index: SearchIndex,
    /** Most current hits compared per check (newest first). Default 1000. */
    private readonly maxScan = 1000,
  ) {
    migrate(db, 'saved_search', SAVED_MIGRATIONS);
  }

  /** Save a search. Existing hits become the baseline (not alerted) unless `includeExisting`. */
  async add(name: string, query: string, filters: SearchFilters = {}, options: { includeExisting?: boolean } = {}): Promise<SavedSearch> {
    if (!NAME.test(name)) throw new SavedSearchError('BAD_NAME', `"${name}" is not a valid name (letters, digits, _ . -, up to 64)`);
    checkQuery({ text: query, filters }); // refuse a bad query now, not at every check
    if (this.get(name)) throw new SavedSearchError('SAVED_SEARCH_EXISTS', `a saved search named "${name}" exists`);
    const now = new Date().toISOString();
    this.db.prepare('INSERT INTO saved_searches (name, query, filters, created_at) VALUES (?, ?, ?, ?)').run(name, query, JSON.stringify(filters), now);
    if (!options.includeExisting) {
      const { hits } = await this.scan(this.get(name)!);
      this.record(name, hits, now, false);
    }
    return this.get(name)!;
  }

  get(name: string): SavedSearch | null {
    const r = this.db.prepare('SELECT * FROM saved_searches WHERE name = ?').get(name) as Record<string, string | null> | undefined;
    return r ? { name: r.name!, query: r.query!, filters: JSON.parse(r.filters!), createdAt: r.created_at!, checkedAt: r.checked_at } : null;
  }

  list(): SavedSearch[] {
    return (this.db.prepare('SELECT name FROM saved_searches ORDER BY name').pluck().all() as string[]).map((n) => this.get(n)!);
  }

  remove(name: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM saved_search_hits WHERE name = ?').run(name);
      return this.db.prepare('DELETE FROM saved_searches WHERE name = ?').run(name).changes > 0;
    }).immediate();
  }

  private must(name: string): SavedSearch {
    const s = this.get(name);
    if (!s) throw new SavedSearchError('SAVED_SEARCH_NOT_FOUND', `no saved search named "${name}"`);
    return s;
  }

  /** Current hits, newest first, up to maxScan. */
  private async scan(s: SavedSearch): Promise<{ hits: SearchHit[]; truncated: boolean }> {
    const hits: SearchHit[] = [];
    for (let offset = 0; offset < this.maxScan; offset += PAGE) {
      const r = await this.index.search({ text: s.query, filters: s.filters, sort: 'date', limit: PAGE, offset });
      hits.push(...r.hits);
      if (offset + PAGE >= r.total) return { hits, truncated: false };
    }
    return { hits, truncated: true };
  }

  private record(name: string, hits: SearchHit[], at: string, alerted: boolean): void {
    const ins = this.db.prepare(
      'INSERT OR IGNORE INTO saved_search_hits (name, article_id, first_seen, alerted, hit) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const h of hits) ins.run(name, h.id, at, alerted ? 1 : 0, JSON.stringify(h));
      this.db.prepare('UPDATE saved_searches SET checked_at = ? WHERE name = ?').run(at, name);
    }).immediate();
  }

  /** Hits not seen by an earlier check (or the baseline), without recording anything. */
  private async pending(s: SavedSearch): Promise<CheckResult> {
    const { hits, truncated } = await this.scan(s);
    const seen = new Set(this.db.prepare('SELECT article_id FROM saved_search_hits WHERE name = ?').pluck().all(s.name) as string[]);
    return { name: s.name, hits: hits.filter((h) => !seen.has(h.id)), truncated };
  }

  /** Hits not seen by an earlier check (or the baseline); records them as seen and moves the watermark. */
  async newHits(name: string): Promise<CheckResult> {
    const r = await this.pending(this.must(name));
    this.record(name, r.hits, new Date().toISOString(), true);
    return r;
  }

  /**
   * An Atom feed of the alerts (newest first): those recorded by checks, then the hits no check has seen yet.
   * Read-only: serving a feed (an anonymous GET) never moves the read position of `kg saved check`.
   */
  async atomFeed(name: string, options: Partial<AtomOptions> = {}): Promise<string> {
    const s = this.must(name);
    const now = new Date().toISOString();
    const unseen = (await this.pending(s)).hits.map((hit) => ({ seenAt: now, hit }));
    const rows = this.db
      .prepare('SELECT first_seen, hit FROM saved_search_hits WHERE name = ? AND alerted = 1 ORDER BY first_seen DESC, article_id LIMIT 50')
      .all(name) as Array<{ first_seen: string; hit: string }>;
    const recorded = rows.map((r) => ({ seenAt: r.first_seen, hit: JSON.parse(r.hit) as SearchHit }));
    return renderAtom(s, [...unseen, ...recorded].slice(0, 50), options);
  }

  /** Hits reported by earlier checks (not the baseline), newest first; reading them checks nothing. */
  alerts(name: string, limit: number): Alert[] {
    const rows = this.db
      .prepare('SELECT first_seen, hit FROM saved_search_hits WHERE name = ? AND alerted = 1 ORDER BY first_seen DESC, article_id LIMIT ?')
      .all(name, limit) as Array<{ first_seen: string; hit: string }>;
    return rows.map((r) => ({ seenAt: r.first_seen, hit: JSON.parse(r.hit) as SearchHit }));
  }

  /** How many hits earlier checks reported. */
  alertCount(name: string): number {
    return this.db.prepare('SELECT count(*) FROM saved_search_hits WHERE name = ? AND alerted = 1').pluck().get(name) as number;
  }
}

/** After a crawl or sync: check every saved search; returns the new hits of each (empty lists included). */
export async function checkSavedSearches(archive: Archive, index: SearchIndex): Promise<CheckResult[]> {
  const saved = new SavedSearches(archive.db, index);
  const out: CheckResult[] = [];
  for (const s of saved.list()) out.push(await saved.newHits(s.name));
  return out;
}
