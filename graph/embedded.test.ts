import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALL, H } from '../test/conformance/graph-facts.ts';
import { graphConformance } from '../test/conformance/graph.ts';
import { regionPartyConformance } from '../test/conformance/graph-regions.ts';
import { EmbeddedGraphStore } from './embedded.ts';

graphConformance('embedded (SQLite)', async () => {
  const store = new EmbeddedGraphStore(new Database(':memory:'));
  await store.init();
  return store;
});

regionPartyConformance('embedded (SQLite)', async () => {
  const store = new EmbeddedGraphStore(new Database(':memory:'));
  await store.init();
  return store;
});

describe('embedded entity page at scale (mentions carry their article date)', () => {
  const open = async () => {
    const db = new Database(':memory:');
    const store = new EmbeddedGraphStore(db);
    await store.init();
    await store.writeArticles(ALL);
    return { db, store };
  };

  it('a rewritten article moves in its entities\' newest-first pages; the total is the kept count', async () => {
    const { store } = await open();
    const before = (await store.articlesOf([H.bch.id], { limit: 10, offset: 0 }))[0];
    const oldest = before.ids.at(-1)!;
    const a = ALL.find((x) => x.article.id === oldest)!;
    await store.writeArticles([{ ...a, article: { ...a.article, published: '2030-01-01' } }]);
    const after = (await store.articlesOf([H.bch.id], { limit: 10, offset: 0 }))[0];
    expect(after).toEqual({ total: before.total, ids: [oldest, ...before.ids.slice(0, -1)] });
    await store.removeArticles([oldest]);
    expect((await store.articlesOf([H.bch.id], { limit: 10, offset: 0 }))[0]).toEqual({ total: before.total - 1, ids: before.ids.slice(0, -1) });
  });

  it('a graph made before the dates were kept on mentions gets them from the migration', async () => {
    const { db, store } = await open();
    const expected = await store.articlesOf([H.bch.id, H.chifeng.id], { limit: 10, offset: 0 });
    // as a version-5 graph left them: no dates on mentions, no ordering indexes, migration 6 not applied
    db.exec(`DROP INDEX graph_mention_recent; DROP INDEX graph_figure_subject_order; UPDATE graph_mention SET published = NULL;
      DELETE FROM schema_migrations WHERE module = 'graph' AND version = 6;`);
    db.exec('ALTER TABLE graph_mention DROP COLUMN published');
    const again = new EmbeddedGraphStore(db);
    await again.init();
    expect(await again.articlesOf([H.bch.id, H.chifeng.id], { limit: 10, offset: 0 })).toEqual(expected);
  });
});

describe('embedded whole network (first edges read in order from an index)', () => {
  it('gives the first edges of the full answer, with and without filters', async () => {
    const store = new EmbeddedGraphStore(new Database(':memory:'));
    await store.init();
    await store.writeArticles(ALL);
    const full = await store.collaborations({ limit: 10_000 });
    expect(full.edges.length).toBeGreaterThan(3);
    for (const limit of [1, 2, 3]) {
      const first = await store.collaborations({ limit });
      expect(first.edges).toEqual(full.edges.slice(0, limit));
      expect(first.nodes.map((n) => n.id)).toEqual([...new Set(full.edges.slice(0, limit).flatMap((e) => [e.from, e.to]))].sort());
    }
    const kind = full.edges[full.edges.length - 1].kind!;
    const ofKind = full.edges.filter((e) => e.kind === kind);
    expect((await store.collaborations({ limit: 1, kinds: [kind] })).edges).toEqual(ofKind.slice(0, 1));
    expect((await store.collaborations({ limit: 5, from: '2999' })).edges).toEqual([]);
  });
});
