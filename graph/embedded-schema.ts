// Tables of the embedded graph, in the archive's SQLite file (module 'graph' in schema_migrations).
import type { Migration } from '../archive/migrate.ts';

export const GRAPH_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'graph tables',
    sql: `
      CREATE TABLE graph_article (
        id TEXT PRIMARY KEY, url TEXT, title TEXT NOT NULL, published TEXT, source TEXT);
      CREATE TABLE graph_entity (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '[]',
        code TEXT, level TEXT, role TEXT);
      CREATE INDEX graph_entity_type ON graph_entity(type);
      CREATE INDEX graph_entity_name ON graph_entity(name);
      CREATE INDEX graph_entity_code ON graph_entity(code) WHERE code IS NOT NULL;
      -- (:Article)-[:MENTIONS {count}]->(entity); aliases = the surface forms this article used.
      CREATE TABLE graph_mention (
        article_id TEXT NOT NULL, entity_id TEXT NOT NULL, count INTEGER NOT NULL, aliases TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (article_id, entity_id)) WITHOUT ROWID;
      CREATE INDEX graph_mention_entity ON graph_mention(entity_id);
      -- COLLABORATES (since version 2 only these): one row per article and sentence stating it.
      CREATE TABLE graph_edge (
        id INTEGER PRIMARY KEY, type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, kind TEXT, date TEXT,
        article_id TEXT NOT NULL, evidence TEXT, directed INTEGER NOT NULL, sentence INTEGER NOT NULL, confidence REAL);
      CREATE INDEX graph_edge_src ON graph_edge(src, type);
      CREATE INDEX graph_edge_dst ON graph_edge(dst, type);
      CREATE INDEX graph_edge_article ON graph_edge(article_id);
      -- (:Article)-[:REPORTS]->(:Figure)-[:ABOUT]->(entity)
      CREATE TABLE graph_figure (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, metric TEXT NOT NULL,
        text TEXT NOT NULL, subject_id TEXT, subject TEXT, time TEXT, approximate INTEGER NOT NULL, evidence TEXT NOT NULL,
        sentence INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, confidence REAL);
      CREATE INDEX graph_figure_article ON graph_figure(article_id);
      CREATE INDEX graph_figure_subject ON graph_figure(subject_id);
      CREATE INDEX graph_figure_metric ON graph_figure(metric);
    `,
  },
  {
    version: 2,
    name: 'structural links once per pair, collaboration pair summary',
    sql: `
      -- LOCATED_IN, PART_OF, BRANCH_OF: one statement per article (its first sentence stating it)…
      CREATE TABLE graph_statement (
        article_id TEXT NOT NULL, type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, date TEXT, evidence TEXT,
        sentence INTEGER NOT NULL, confidence REAL, PRIMARY KEY (article_id, type, src, dst)) WITHOUT ROWID;
      CREATE INDEX graph_statement_link ON graph_statement(type, src, dst, article_id);
      -- …and one link per pair: how many articles state it, with the evidence of the smallest article id.
      CREATE TABLE graph_link (
        src TEXT NOT NULL, type TEXT NOT NULL, dst TEXT NOT NULL, support INTEGER NOT NULL, article_id TEXT NOT NULL,
        date TEXT, evidence TEXT, sentence INTEGER NOT NULL, confidence REAL, PRIMARY KEY (src, type, dst)) WITHOUT ROWID;
      CREATE INDEX graph_link_dst ON graph_link(dst, type, src);
      -- Collaborations stay in graph_edge (one per article and sentence); graph_pair counts them per unordered
      -- pair (a < b), so a walk reads each neighbour once however many articles report the pair.
      CREATE TABLE graph_pair (a TEXT NOT NULL, b TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
      CREATE INDEX graph_pair_b ON graph_pair(b, a);
      CREATE INDEX graph_edge_pair ON graph_edge(src, dst, type);

      INSERT INTO graph_statement (article_id, type, src, dst, date, evidence, sentence, confidence)
        SELECT article_id, type, src, dst, date, evidence, min(sentence), confidence FROM graph_edge
        WHERE type != 'COLLABORATES' GROUP BY article_id, type, src, dst;
      INSERT INTO graph_link (src, type, dst, support, article_id, date, evidence, sentence, confidence)
        SELECT s.src, s.type, s.dst, (SELECT count(*) FROM graph_statement c WHERE c.type = s.type AND c.src = s.src AND c.dst = s.dst),
          s.article_id, s.date, s.evidence, s.sentence, s.confidence
        FROM graph_statement s WHERE s.article_id = (SELECT min(article_id) FROM graph_statement f
          WHERE f.type = s.type AND f.src = s.src AND f.dst = s.dst);
      INSERT INTO graph_pair (a, b, n) SELECT min(src, dst), max(src, dst), count(*) FROM graph_edge
        WHERE type = 'COLLABORATES' GROUP BY min(src, dst), max(src, dst);
      DELETE FROM graph_edge WHERE type != 'COLLABORATES';
    `,
  },
  {
    version: 3,
    name: 'collaborations of a pair in display order',
    sql: `
      DROP INDEX graph_edge_pair;
      CREATE INDEX graph_edge_order ON graph_edge(src, dst, date, article_id, sentence, kind);
    `,
  },
  {
    version: 4,
    name: 'collaboration partners in support order',
    sql: `
      DROP INDEX graph_pair_b;
      CREATE INDEX graph_pair_a_n ON graph_pair(a, n DESC, b);
      CREATE INDEX graph_pair_b_n ON graph_pair(b, n DESC, a);
    `,
  },
  {
    version: 5,
    name: 'entity article counts kept up to date',
    sql: `
      ALTER TABLE graph_entity ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
      UPDATE graph_entity SET article_count = (SELECT count(*) FROM graph_mention m WHERE m.entity_id = graph_entity.id);
    `,
  },
  {
    version: 6,
    name: 'an entity page reads its newest articles and first figures from indexes, not all of them',
    sql: `
      -- The article's date beside each mention, so an entity's newest articles come in index order (LIMIT stops
      -- the read) instead of every mention joined to its article and sorted: a hub is named by thousands.
      ALTER TABLE graph_mention ADD COLUMN published TEXT;
      UPDATE graph_mention SET published = (SELECT a.published FROM graph_article a WHERE a.id = graph_mention.article_id);
      CREATE INDEX graph_mention_recent ON graph_mention(entity_id, published IS NULL, published DESC, article_id);
      CREATE INDEX graph_figure_subject_order ON graph_figure(subject_id, article_id, sentence, id);
    `,
  },
  {
    version: 7,
    name: 'a report reads the figures of its metric about the subjects in its place, not every figure of the metric',
    sql: `
      CREATE INDEX graph_figure_metric_subject ON graph_figure(metric, subject_id);
      DROP INDEX graph_figure_metric;
    `,
  },
];
