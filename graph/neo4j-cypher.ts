// Cypher used by the Neo4j adapter, in one place. Relationship types and labels are interpolated only
// from the fixed lists in facts.ts; every value goes in as a parameter.
import type { EntityType } from '../extractor/types.ts';
import { EDGE_TYPES } from './facts.ts';

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
  // Replacing an article's facts finds its relationships by articleId.
  ...EDGE_TYPES.map((t) => `CREATE INDEX kg_${t.toLowerCase()}_article IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.articleId)`),
];

export const ENTITY = `e { .id, .type, .name, aliases: coalesce(e.aliases, []), code: e.code, level: e.level, role: e.role,
  articleCount: COUNT { (e)<-[:MENTIONS]-(:Article) } }`;
export const EDGE = `{ type: type(r), from: startNode(r).id, to: endNode(r).id, kind: r.kind, date: r.date, articleId: r.articleId,
  evidence: r.evidence, directed: r.directed, sentence: r.sentence }`;
export const FIGURE = `f { .*, approximate: f.approximate }`;
export const ARTICLE = 'a { .id, .url, .title, .published, .source }';

// Relationships are CREATEd, not MERGEd: the same transaction first deletes everything the article
// contributed (and the rows are de-duplicated in facts.ts), so CREATE is as idempotent as MERGE and it
// avoids MERGE's scan of every existing relationship between two hub nodes (quadratic at 100k articles).
export const W = {
  dropMentions: `UNWIND $ids AS id MATCH (:Article {id: id})-[m:MENTIONS]->(e:Entity)
    WITH m, e.id AS eid, size(coalesce(m.aliases, [])) > 0 AS hadAliases DELETE m RETURN eid, hadAliases`,
  dropFigures: `UNWIND $ids AS id MATCH (:Article {id: id})-[:REPORTS]->(f:Figure) DETACH DELETE f`,
  dropFiguresById: `UNWIND $ids AS id MATCH (f:Figure {id: id}) DETACH DELETE f`,
  dropEdges: (t: string) => `UNWIND $ids AS id MATCH ()-[r:${t} {articleId: id}]->() DELETE r`,
  dropArticles: `UNWIND $ids AS id MATCH (a:Article {id: id}) DETACH DELETE a`,
  articles: `UNWIND $rows AS row MERGE (a:Article {id: row.id})
    SET a.url = row.url, a.title = row.title, a.published = row.published, a.source = row.source`,
  entities: (label: string) => `UNWIND $rows AS row MERGE (e:Entity {id: row.id})
    SET e:${label}, e.type = row.type, e.name = row.name, e.code = coalesce(row.code, e.code),
        e.level = coalesce(row.level, e.level), e.role = coalesce(row.role, e.role), e.aliases = coalesce(e.aliases, [])`,
  mentions: `UNWIND $rows AS row MATCH (a:Article {id: row.articleId}) MATCH (e:Entity {id: row.entityId})
    MERGE (a)-[m:MENTIONS]->(e) SET m.count = row.count, m.aliases = row.aliases`,
  collaborations: `UNWIND $rows AS row MATCH (x:Entity {id: row.from}) MATCH (y:Entity {id: row.to})
    CREATE (x)-[r:COLLABORATES {articleId: row.articleId, sentence: row.sentence, kind: row.kind}]->(y)
    SET r.date = row.date, r.evidence = row.evidence, r.directed = row.directed, r.confidence = row.confidence`,
  structural: (t: string) => `UNWIND $rows AS row MATCH (x:Entity {id: row.from}) MATCH (y:Entity {id: row.to})
    CREATE (x)-[r:${t} {articleId: row.articleId, sentence: row.sentence}]->(y)
    SET r.date = row.date, r.evidence = row.evidence, r.directed = row.directed, r.confidence = row.confidence`,
  figures: `UNWIND $rows AS row MATCH (a:Article {id: row.articleId})
    MERGE (f:Figure {id: row.id}) SET f += row
    MERGE (a)-[:REPORTS]->(f)
    WITH f, row WHERE row.subjectId IS NOT NULL
    MATCH (e:Entity {id: row.subjectId}) MERGE (f)-[:ABOUT]->(e)`,
  entityAliases: `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, e.name AS name, [coalesce(e.aliases, [])] AS lists`,
  orphans: `UNWIND $ids AS id MATCH (e:Entity {id: id}) WHERE NOT EXISTS { (e)<-[:MENTIONS]-(:Article) } RETURN e.id AS id`,
  mentionAliases: `UNWIND $ids AS id MATCH (e:Entity {id: id})
    OPTIONAL MATCH (:Article)-[m:MENTIONS]->(e) RETURN e.id AS id, e.name AS name, collect(m.aliases) AS lists`,
  dropEntities: `UNWIND $ids AS id MATCH (e:Entity {id: id}) DETACH DELETE e`,
  setAliases: `UNWIND $rows AS row MATCH (e:Entity {id: row.id}) SET e.aliases = row.aliases`,
  clear: `MATCH (n) WHERE n:Article OR n:Entity OR n:Figure WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n`,
};
