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
      -- COLLABORATES, LOCATED_IN, BRANCH_OF, PART_OF: one row per article and sentence stating it.
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
];
