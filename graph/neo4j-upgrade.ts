// Brings a Neo4j graph written by an older version of this adapter to the current model, once
// (a (:KgModel {version}) node records it). Model 2: structural relationships were one per article and
// became (:Article)-[:STATES]->(source) statements plus one link per pair with its support; collaborations
// gained their pair key and pairs their (x)-[:COLLAB_PAIR {n}]->(y) summary. Auto-commit queries with
// CALL … IN TRANSACTIONS, so a large graph is converted in bounded transactions. Model 3: each mention carries its
// order key (mentionOrderKey) for the entity page's index; set article by article, in pages of article ids.
import type { Driver, Session } from 'neo4j-driver';
import { STRUCTURAL_TYPES } from './facts.ts';
import { mentionOrderKey } from './neo4j-values.ts';

export const MODEL_VERSION = 3;

const TO_2: string[] = [
  // Each old per-article relationship becomes that article's statement (its first sentence)…
  ...STRUCTURAL_TYPES.map((t) => `MATCH (x:Entity)-[r:${t}]->(y:Entity) WHERE r.support IS NULL
    CALL (x, r, y) {
      OPTIONAL MATCH (a:Article {id: r.articleId})
      FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END |
        MERGE (a)-[s:STATES {type: '${t}', to: y.id}]->(x)
        ON CREATE SET s.sentence = r.sentence, s.date = r.date, s.evidence = r.evidence, s.confidence = r.confidence
        ON MATCH SET s += CASE WHEN r.sentence < s.sentence
          THEN { sentence: r.sentence, date: r.date, evidence: r.evidence, confidence: r.confidence } ELSE {} END)
      DELETE r
    } IN TRANSACTIONS OF 5000 ROWS`),
  // …and the links are built from the statements: support, and the evidence of the smallest article id.
  ...STRUCTURAL_TYPES.map((t) => `MATCH (a:Article)-[s:STATES {type: '${t}'}]->(x:Entity)
    WITH x, s.to AS to, a.id AS aid, s ORDER BY aid
    WITH x, to, collect(s { articleId: aid, .sentence, .date, .evidence, .confidence }) AS sts
    MATCH (y:Entity {id: to})
    MERGE (x)-[r:${t}]->(y) SET r += sts[0], r.support = size(sts), r.directed = true`),
  `MATCH (x:Entity)-[r:COLLABORATES]->(y:Entity) WHERE r.pair IS NULL
    CALL (x, r, y) { SET r.pair = CASE WHEN x.id < y.id THEN x.id + $sep + y.id ELSE y.id + $sep + x.id END } IN TRANSACTIONS OF 10000 ROWS`,
  `MATCH (x:Entity)-[r:COLLABORATES]-(y:Entity) WHERE x.id < y.id
    WITH x, y, count(r) AS n MERGE (x)-[p:COLLAB_PAIR]->(y) SET p.n = n`,
];

/** Runs the steps the database still needs (none on a current or empty graph), then records the version. */
export async function upgradeModel(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    const res = await session.run('OPTIONAL MATCH (m:KgModel) RETURN m.version AS v');
    const version = res.records[0]?.get('v');
    const current = version === null || version === undefined ? 1 : Number(version);
    if (current >= MODEL_VERSION) return;
    if (current < 2) for (const q of TO_2) await session.run(q, { sep: '\u0001' });
    if (current < 3) await orderMentions(session);
    await session.run('MERGE (m:KgModel) SET m.version = $v', { v: MODEL_VERSION });
  } finally {
    await session.close();
  }
}

/** Model 3: the order key on every mention, 2,000 articles at a time (each page found from the article id index). */
async function orderMentions(session: Session): Promise<void> {
  for (let after = ''; ;) {
    const res = await session.run(`MATCH (a:Article) WHERE a.id > $after WITH a ORDER BY a.id LIMIT 2000
      OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity) RETURN a.id AS id, a.published AS published, collect(e.id) AS entities`, { after });
    if (!res.records.length) return;
    const rows = res.records.flatMap((r) => (r.get('entities') as string[]).map((e) => ({
      a: r.get('id') as string, e, k: mentionOrderKey(e, (r.get('published') as string | null) ?? null, r.get('id') as string),
    })));
    await session.run('UNWIND $rows AS row MATCH (:Article {id: row.a})-[m:MENTIONS]->(:Entity {id: row.e}) SET m.recent = row.k', { rows });
    after = res.records.at(-1)!.get('id') as string;
  }
}
