// Builds the schema from the type files. Importing a type file registers its type and its query fields.
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './types/enums.ts';
import './types/refs.ts';
import './types/article.ts';
import './types/entity.ts';
import './types/relationship.ts';
import './types/figure.ts';
import './types/timeline.ts';
import './types/stats.ts';
import './types/search.ts';
import './types/mutations.ts';
import './types/crawl.ts';
import './types/resolution.ts';
import './types/saved.ts';

builder.queryType({ description: 'Reports over the collaboration-news archive: search, entities, relationships, figures.' });

let built: GraphQLSchema | null = null;

/** The schema, built once (sorted, so the printed file is stable). */
export function buildSchema(): GraphQLSchema {
  built ??= lexicographicSortSchema(builder.toSchema());
  return built;
}
