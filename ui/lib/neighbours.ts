// An entity's direct neighbours as drawable nodes and edges: what "expand" adds to a network drawing.
import { EDGE_LABELS, kindLabel } from './format.ts';
import type { GraphEdge, GraphNode } from './graph.ts';
import { gql } from './graphql.ts';

const QUERY = /* GraphQL */ `
  query Expand($id: ID!) {
    entity(id: $id) {
      neighbors(depth: 1, limit: 40) {
        nodes { entityId name type articleCount }
        edges { type fromId toId kind date directed evidence article { articleId title } }
      }
    }
  }`;

interface Data {
  entity: {
    neighbors: {
      nodes: Array<{ entityId: string; name: string; type: string; articleCount: number }>;
      edges: Array<{ type: string; fromId: string; toId: string; kind: string | null; date: string | null; directed: boolean; evidence: string | null; article: { articleId: string; title: string } | null }>;
    };
  } | null;
}

export async function neighbours(id: string): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const n = (await gql<Data>(QUERY, { id })).entity?.neighbors;
  if (!n) return { nodes: [], edges: [] };
  return {
    nodes: n.nodes.map((x) => ({ id: x.entityId, label: x.name, type: x.type, weight: x.articleCount })),
    edges: n.edges.map((x, i) => ({ id: `n${i}`, source: x.fromId, target: x.toId, kind: x.kind, directed: x.directed, label: x.type === 'COLLABORATES' ? kindLabel(x.kind) : EDGE_LABELS[x.type], date: x.date, evidence: x.evidence, article: x.article })),
  };
}
