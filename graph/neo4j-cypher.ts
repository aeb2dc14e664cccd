// Cypher used by the Neo4j adapter, in one place. Relationship types and labels are interpolated only
// from the fixed lists in facts.ts; every value goes in as a parameter.
import type { EntityType } from '../extractor/types.ts';

export const LABEL: Record<EntityType, string> = {
  hospital: 'Hospital', organization: 'Organization', place: 'Place', project: 'Project', person: 'Person',
};

export const SCHEMA: string[] = [
  'CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT kg_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE',
  'CREATE CONSTRAINT kg_figure_id IF NOT EXISTS FOR (f:Figure) REQUIRE f.id IS UNIQUE',
  'CREATE INDEX kg_entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)',
  'CREATE INDEX kg_entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)',
  'CREATE INDEX kg_place_code IF NOT EXISTS FOR (p:Place) ON (p.code)',
  'CREATE INDEX kg_figure_metric IF NOT EXISTS FOR (f:Figure) ON (f.metric)',
  'CREATE INDEX kg_figure_subject IF NOT EXISTS FOR (f:Figure) ON (f.subjectId)',
  // An entity's first figures in their order (figuresOf), read from the index and stopped at the page's end.
  'CREATE INDEX kg_figure_subject_order IF NOT EXISTS FOR (f:Figure) ON (f.subjectId, f.articleId, f.sentence, f.id)',
  // A report reads the figures of its metric about the subjects in its place, not every figure of the metric.
  'CREATE INDEX kg_figure_metric_subject IF NOT EXISTS FOR (f:Figure) ON (f.metric, f.subjectId)',
  // An article's figures (Article.figures) are found by articleId.
  'CREATE INDEX kg_figure_article IF NOT EXISTS FOR (f:Figure) ON (f.articleId)',
  // Replacing an article's facts finds its collaborations by articleId (its statements hang off the article).
  'CREATE INDEX kg_collaborates_article IF NOT EXISTS FOR ()-[r:COLLABORATES]-() ON (r.articleId)',
  // An entity's newest articles are read in this index's order (mentionOrderKey), not by sorting all that name it.
  'CREATE INDEX kg_mentions_recent IF NOT EXISTS FOR ()-[m:MENTIONS]-() ON (m.recent)',
  // The collaborations shown for a pair of nodes are found by the pair's key, not by walking a hub's edges.
  'CREATE INDEX kg_collaborates_pair IF NOT EXISTS FOR ()-[r:COLLABORATES]-() ON (r.pair)',
];

export const ENTITY = `e { .id, .type, .name, aliases: coalesce(e.aliases, []), code: e.code, level: e.level, role: e.role,
  articleCount: COUNT { (e)<-[:MENTIONS]-() } }`;
export const EDGE = `{ type: type(r), from: startNode(r).id, to: endNode(r).id, kind: r.kind, date: r.date, articleId: r.articleId,
  evidence: r.evidence, directed: r.directed, sentence: r.sentence, support: r.support }`;
export const FIGURE = `f { .*, approximate: f.approximate }`;
export const ARTICLE = 'a { .id, .url, .title, .published, .source }';

// Collaborations are CREATEd, not MERGEd: the same transaction first deletes everything the article
// contributed (and the rows are de-duplicated in facts.ts), so CREATE is as idempotent as MERGE and it
// avoids MERGE's scan of every existing relationship between two hub nodes.
// Structural links are one relationship per pair (MERGE, carrying `support` and the evidence of the
// supporting article with the smallest id); each article's statement of one is an
// (:Article)-[:STATES {type, to, …}]->(source entity) relationship, so a rewrite knows what it withdraws.
// (x)-[:COLLAB_PAIR {n}]->(y), x.id < y.id, counts the collaborations of a pair for walks.
export const W = {
  dropMentions: `UNWIND $ids AS id MATCH (:Article {id: id})-[m:MENTIONS]->(e:Entity)
    WITH m, e.id AS eid, size(coalesce(m.aliases, [])) > 0 AS hadAliases DELETE m RETURN eid, hadAliases`,
  dropFigures: `UNWIND $ids AS id MATCH (:Article {id: id})-[:REPORTS]->(f:Figure) DETACH DELETE f`,
  dropFiguresById: `UNWIND $ids AS id MATCH (f:Figure {id: id}) DETACH DELETE f`,
  dropCollaborations: `UNWIND $ids AS id MATCH (x:Entity)-[r:COLLABORATES {articleId: id}]->(y:Entity)
    WITH x.id AS a, y.id AS b, r DELETE r RETURN a, b`,
  dropStatements: `UNWIND $ids AS id MATCH (:Article {id: id})-[s:STATES]->(x:Entity)
    WITH id, s.type AS type, x.id AS from, s.to AS to, s DELETE s RETURN id, type, from, to`,
  dropArticles: `UNWIND $ids AS id MATCH (a:Article {id: id}) DETACH DELETE a`,
  articles: `UNWIND $rows AS row MERGE (a:Article {id: row.id})
    SET a.url = row.url, a.title = row.title, a.published = row.published, a.source = row.source`,
  entities: (label: string) => `UNWIND $rows AS row MERGE (e:Entity {id: row.id})
    SET e:${label}, e.type = row.type, e.name = row.name, e.code = coalesce(row.code, e.code),
        e.level = coalesce(row.level, e.level), e.role = coalesce(row.role, e.role), e.aliases = coalesce(e.aliases, [])`,
  mentions: `UNWIND $rows AS row MATCH (a:Article {id: row.articleId}) MATCH (e:Entity {id: row.entityId})
    CREATE (a)-[:MENTIONS {count: row.count, aliases: row.aliases, recent: row.recent}]->(e)`,
  collaborations: `UNWIND $rows AS row MATCH (x:Entity {id: row.from}) MATCH (y:Entity {id: row.to})
    CREATE (x)-[:COLLABORATES {articleId: row.articleId, pair: row.pair, sentence: row.sentence, kind: row.kind, date: row.date,
      evidence: row.evidence, directed: row.directed, confidence: row.confidence}]->(y)`,
  statements: `UNWIND $rows AS row MATCH (a:Article {id: row.articleId}) MATCH (x:Entity {id: row.from})
    CREATE (a)-[:STATES {type: row.type, to: row.to, sentence: row.sentence, date: row.date, evidence: row.evidence,
      confidence: row.confidence}]->(x)`,
  /** Which of these articles the graph holds (only those have a contribution to drop). */
  existing: `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id`,
  /**
   * rows: {from, to, delta, best}: support changes; a new link takes the evidence of the chunk's smallest
   * article id (`best`); a link left with no support is deleted.
   */
  linkSupport: (t: string) => `UNWIND $rows AS row MATCH (x:Entity {id: row.from}) MATCH (y:Entity {id: row.to})
    MERGE (x)-[r:${t}]->(y)
    ON CREATE SET r += coalesce(row.best, {}), r.directed = true
    SET r.support = coalesce(r.support, 0) + row.delta
    WITH r WHERE r.support <= 0 DELETE r`,
  /** rows: {from, to, best}: the chunk's smallest new statement replaces the link's evidence when its article id is smaller. */
  linkBetter: (t: string) => `UNWIND $rows AS row MATCH (:Entity {id: row.from})-[r:${t}]->(:Entity {id: row.to})
    WITH r, row WHERE row.best.articleId < r.articleId SET r += row.best`,
  /**
   * rows: {from, to, dropped}: where the article whose evidence a link shows was withdrawn, the smallest
   * article id left stating it gives the evidence (read from the STATES of the source, only then).
   */
  linkLost: (t: string) => `UNWIND $rows AS row MATCH (x:Entity {id: row.from})-[r:${t}]->(:Entity {id: row.to})
    WITH x, r, row WHERE r.articleId IN row.dropped
    CALL (x, row) {
      MATCH (a:Article)-[s:STATES {type: '${t}', to: row.to}]->(x)
      WITH a, s ORDER BY a.id LIMIT 1
      RETURN s { articleId: a.id, .sentence, .date, .evidence, .confidence } AS first
    }
    SET r += first`,
  /** rows: {a, b, delta} with a < b. */
  pairs: `UNWIND $rows AS row MATCH (x:Entity {id: row.a}) MATCH (y:Entity {id: row.b})
    MERGE (x)-[p:COLLAB_PAIR]->(y) SET p.n = coalesce(p.n, 0) + row.delta
    WITH p WHERE p.n <= 0 DELETE p`,
  figures: `UNWIND $rows AS row MATCH (a:Article {id: row.articleId})
    MERGE (f:Figure {id: row.id}) SET f += row
    MERGE (a)-[:REPORTS]->(f)
    WITH f, row WHERE row.subjectId IS NOT NULL
    MATCH (e:Entity {id: row.subjectId}) MERGE (f)-[:ABOUT]->(e)`,
  entityAliases: `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, e.name AS name, [coalesce(e.aliases, [])] AS lists`,
  orphans: `UNWIND $ids AS id MATCH (e:Entity {id: id}) WHERE NOT EXISTS { (e)<-[:MENTIONS]-() } RETURN e.id AS id`,
  mentionAliases: `UNWIND $ids AS id MATCH (e:Entity {id: id})
    OPTIONAL MATCH ()-[m:MENTIONS]->(e) WHERE size(m.aliases) > 0 RETURN e.id AS id, e.name AS name, collect(m.aliases) AS lists`,
  dropEntities: `UNWIND $ids AS id MATCH (e:Entity {id: id}) DETACH DELETE e`,
  setAliases: `UNWIND $rows AS row MATCH (e:Entity {id: row.id}) SET e.aliases = row.aliases`,
  clear: `MATCH (n) WHERE n:Article OR n:Entity OR n:Figure WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n`,
};
