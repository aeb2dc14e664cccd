// The Yoga server: schema, context (services + API key check), limits, error masking, CORS, GraphiQL
// in development only, and the UI mounted at / . Tests call `createApi(...).fetch(...)` in-process.
import { timingSafeEqual } from 'node:crypto';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { z } from 'zod';
import { uiHandler } from '../ui/server.ts';
import type { ApiContext, ApiServices } from './builder.ts';
import { apiLogger, limitPlugins, LimitsSchema, maskError } from './limits.ts';
import { savedSearchFeeds } from './feeds.ts';
import { buildSchema } from './schema.ts';

const csv = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

export const ApiOptionsSchema = z
  .object({
    /** Key that mutations require as `authorization: Bearer KEY`. Default $KG_API_KEY; unset: mutations are refused. */
    apiKey: z.string().min(8, 'the API key must be at least 8 characters').optional(),
    /** Origins allowed to call the API from a browser. Default $KG_CORS_ORIGINS (comma-separated); empty: same origin only. */
    corsOrigins: z.array(z.string()).optional(),
    /** Development mode: GraphiQL on, unexpected error messages shown (never stacks). Default NODE_ENV === 'development'. */
    development: z.boolean().optional(),
    /**
     * Private/loopback addresses or CIDR blocks `startCrawl` may reach anyway (a local test site). Default
     * $KG_CRAWL_ALLOW_PRIVATE (comma-separated); empty: crawls reach public addresses only.
     */
    crawlAllowPrivate: z.array(z.string()).optional(),
    /**
     * Redis URL of the shared job queue: `startCrawl` then queues the crawl for `kg worker`s (several machines)
     * instead of crawling in the server process. Default $KG_QUEUE_URL; unset: crawls run in the server.
     */
    crawlQueue: z.string().regex(/^rediss?:\/\/[^/]+/, 'expected a redis:// URL').optional(),
    /** Key prefix of that queue in Redis, as given to `kg worker --prefix`. Default $KG_QUEUE_PREFIX, else kg. */
    queuePrefix: z.string().regex(/^[\w-]+$/).optional(),
    /** Public base URL for links the server writes (Atom feeds). Default $KG_PUBLIC_URL, else http://localhost:4000. Never the Host header. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Request limits (see api/limits.ts for each default). */
    limits: LimitsSchema.default(LimitsSchema.parse({})),
    /** Serve the web pages at / . Default true. */
    ui: z.boolean().default(true),
  })
  .strict();
export type ApiOptions = z.input<typeof ApiOptionsSchema>;

export type ApiServer = YogaServerInstance<Record<string, unknown>, ApiContext>;

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Serves the UI for every path but the GraphQL endpoint. */
function mountUi(development: boolean): Plugin {
  const handle = uiHandler({ development });
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === '/graphql') return;
      const res = await handle(request, url);
      if (res) endResponse(res);
    },
  };
}

export function createApi(services: ApiServices, options: ApiOptions = {}): ApiServer {
  const parsed = ApiOptionsSchema.parse(options);
  const apiKey = parsed.apiKey ?? (process.env.KG_API_KEY || undefined);
  if (apiKey !== undefined) z.string().min(8, 'KG_API_KEY must be at least 8 characters').parse(apiKey);
  const development = parsed.development ?? process.env.NODE_ENV === 'development';
  const origins = parsed.corsOrigins ?? csv(process.env.KG_CORS_ORIGINS);
  const publicUrl = parsed.publicUrl ?? z.url({ protocol: /^https?$/ }).parse(process.env.KG_PUBLIC_URL || 'http://localhost:4000');
  const crawlAllowPrivate = parsed.crawlAllowPrivate ?? csv(process.env.KG_CRAWL_ALLOW_PRIVATE);
  const queueUrl = parsed.crawlQueue ?? (process.env.KG_QUEUE_URL || undefined);
  const crawlQueue = queueUrl ? { url: queueUrl, prefix: parsed.queuePrefix ?? (process.env.KG_QUEUE_PREFIX || 'kg') } : null;
  return createYoga<Record<string, unknown>, ApiContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    graphiql: development,
    landingPage: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message, development) },
    cors: origins.length > 0 ? { origin: origins, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'], credentials: false } : false,
    // Counts the bytes actually read, chunked bodies included (the Content-Length check in api/limits.ts is only the early answer).
    maxRequestBodySize: parsed.limits.maxBodyBytes,
    logging: apiLogger(development ? 'info' : 'warn'),
    plugins: [...limitPlugins(parsed.limits), savedSearchFeeds(services, publicUrl), ...(parsed.ui ? [mountUi(development)] : [])],
    context: ({ request }) => {
      const header = request.headers.get('authorization') ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      return { services, crawlAllowPrivate, crawlQueue, apiKeyConfigured: apiKey !== undefined, apiKeyValid: apiKey !== undefined && given !== '' && sameKey(given, apiKey) };
    },
  });
}
