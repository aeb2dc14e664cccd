// The Pothos builder: context type, plugins and their settings. Nothing else lives here; each GraphQL
// type is in api/types/, and api/schema.ts imports them all and builds the schema.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Archive } from '../archive/index.ts';
import type { GraphStore } from '../graph/port.ts';
import type { SearchIndex } from '../search/port.ts';
import { ApiError } from './errors.ts';

/** What resolvers may touch: the archive and the two ports (never a driver). */
export interface ApiServices {
  archive: Archive;
  graph: GraphStore;
  search: SearchIndex;
  adapters: { graph: string; search: string };
}

export interface ApiContext {
  services: ApiServices;
  /** True when the request carried `authorization: Bearer <KG_API_KEY>`. */
  apiKeyValid: boolean;
  /** False when the server runs without KG_API_KEY: mutations are then refused for everyone. */
  apiKeyConfigured: boolean;
  /** Private addresses `startCrawl` may reach anyway (the operator's explicit allow-list; usually empty). */
  crawlAllowPrivate: string[];
  /** The shared job queue `startCrawl` queues crawls on (for `kg worker`s), or null: crawls run in the server. */
  crawlQueue: { url: string; prefix: string } | null;
}

/** Types with global ids (api/types/refs.ts): a global id naming another type is bad input, not a server error. */
const NODE_TYPES = ['Article', 'Entity'];

export const builder = new SchemaBuilder<{
  Context: ApiContext;
  AuthScopes: { apiKey: boolean };
  DefaultFieldNullability: false;
  Scalars: { ID: { Input: string; Output: string } };
}>({
  // scope-auth first, so no other plugin runs a resolver before the key is checked.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({ apiKey: ctx.apiKeyValid }),
    unauthorizedError: (_parent, ctx) =>
      ctx.apiKeyConfigured
        ? new ApiError('UNAUTHENTICATED', 'this mutation needs `authorization: Bearer <KG_API_KEY>`')
        : new ApiError('UNAUTHENTICATED', 'mutations are disabled: the server was started without KG_API_KEY'),
  },
  validation: {
    validationError: (result) =>
      new ApiError('BAD_USER_INPUT', result.issues.map((i) => `${(i.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.')}: ${i.message}`).join('; ')),
  },
  errors: { defaultTypes: [] },
  relay: {
    // Readable global ids ("Entity:hospital:天津医科大学总医院"): our ids are already stable and unique per type.
    encodeGlobalID: (typename, id) => `${typename}:${id}`,
    decodeGlobalID: (globalID) => {
      const i = globalID.indexOf(':');
      if (i <= 0) throw new ApiError('BAD_USER_INPUT', `not a global id: ${JSON.stringify(globalID.slice(0, 80))}`);
      const typename = globalID.slice(0, i);
      if (!NODE_TYPES.includes(typename)) throw new ApiError('BAD_USER_INPUT', `not a global id: no node type ${JSON.stringify(typename.slice(0, 80))} (${NODE_TYPES.join(', ')})`);
      return { typename, id: globalID.slice(i + 1) };
    },
    cursorType: 'String',
    // Each id is a node to load with the whole sub-selection: cost them by the list's length (capped in api/limits.ts).
    nodesQueryOptions: { complexity: (args: { ids: readonly unknown[] }) => ({ field: 1, multiplier: Math.max(1, args.ids.length) }) },
    // A connection's own field already multiplies by `first`; its edges list must not multiply again.
    edgesFieldOptions: { complexity: { field: 1, multiplier: 1 } },
  },
  complexity: {
    // Limits are enforced once per request by the validation rule in api/limits.ts; here only costs are set.
    defaultComplexity: 1,
    defaultListMultiplier: 10,
  },
});
