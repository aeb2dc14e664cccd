// Refs for the types that point at each other (Article ↔ Entity ↔ Figure ↔ Edge). Declared here so the
// per-type files can import them without import cycles; each type is implemented in its own file.
import type { ArticleRecord } from '../../archive/index.ts';
import type { Edge, EntityNode, FigureRecord, Neighborhood, Path } from '../../graph/port.ts';
import { builder } from '../builder.ts';
import { loadArticles, loadEntities, loadFigures } from '../loaders.ts';

export const ArticleRef = builder.loadableNodeRef('Article', {
  id: { resolve: (a: ArticleRecord) => a.id },
  load: (ids: string[], ctx) => loadArticles(ids, ctx),
});

export const EntityRef = builder.loadableNodeRef('Entity', {
  id: { resolve: (e: EntityNode) => e.id },
  load: (ids: string[], ctx) => loadEntities(ids, ctx),
});

export const FigureRef = builder.loadableObjectRef('Figure', {
  load: (ids: string[], ctx) => loadFigures(ids, ctx),
});

export const EdgeRef = builder.objectRef<Edge>('Relationship');
export const NetworkRef = builder.objectRef<Neighborhood>('Network');
export const PathRef = builder.objectRef<Path>('Path');

export type { FigureRecord };
