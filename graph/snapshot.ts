// A whole store's content in one sorted, adapter-independent shape: two stores holding the same facts
// give deep-equal snapshots (used to prove a rewrite converges to a clean rebuild, and adapters agree).
import { compareEdges } from './queries.ts';
import type { ArticleNode, Edge, EntityNode, FigureRecord } from './port.ts';

export interface GraphSnapshot {
  articles: ArticleNode[];
  entities: EntityNode[];
  edges: Edge[];
  figures: FigureRecord[];
}

/** Sorts every list the same way whatever order the store returned them in. */
export function normalizeSnapshot(s: GraphSnapshot): GraphSnapshot {
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const edgeKey = (e: Edge) => JSON.stringify([e.evidence]);
  return {
    articles: byId(s.articles),
    entities: byId(s.entities),
    edges: [...s.edges].sort((a, b) => compareEdges(a, b) || (edgeKey(a) < edgeKey(b) ? -1 : 1)),
    figures: byId(s.figures),
  };
}
