// A whole store's content in one sorted, adapter-independent shape: two stores holding the same facts
// give deep-equal snapshots (used to prove a rewrite converges to a clean rebuild, and adapters agree).
import { compareEdges } from './queries.ts';
import type { ArticleNode, Edge, EntityNode, FigureRecord } from './port.ts';

/** One article stating a structural link (the link itself is stored once per pair). */
export interface Statement {
  type: Edge['type'];
  from: string;
  to: string;
  articleId: string;
  sentence: number;
  evidence: string | null;
  date: string | null;
}

export interface GraphSnapshot {
  articles: ArticleNode[];
  entities: EntityNode[];
  /** Collaborations (one per article and sentence) and structural links (one per pair, with support). */
  edges: Edge[];
  figures: FigureRecord[];
  statements: Statement[];
  /** Collaboration edges per unordered pair (a < b): the summary walks read. */
  pairs: Array<{ a: string; b: string; n: number }>;
}

const key = (xs: unknown[]) => JSON.stringify(xs);
const sortBy = <T>(xs: T[], k: (x: T) => string) => xs.map((x) => [k(x), x] as const).sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0)).map((p) => p[1]);

/** Sorts every list the same way whatever order the store returned them in. */
export function normalizeSnapshot(s: GraphSnapshot): GraphSnapshot {
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const edgeKey = (e: Edge) => JSON.stringify([e.evidence]);
  return {
    articles: byId(s.articles),
    entities: byId(s.entities),
    edges: [...s.edges].sort((a, b) => compareEdges(a, b) || (edgeKey(a) < edgeKey(b) ? -1 : 1)),
    figures: byId(s.figures),
    statements: sortBy(s.statements, (x) => key([x.type, x.from, x.to, x.articleId])),
    pairs: sortBy(s.pairs, (x) => key([x.a, x.b])),
  };
}
