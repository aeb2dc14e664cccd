// One Redis connection for the queue, checked before use so a wrong URL or a server that is down is a clear
// error at start, not a worker that hangs. BullMQ needs maxRetriesPerRequest: null on its connections.
import { Redis } from 'ioredis';
import { z } from 'zod';
import { QueueError, QueueUnavailableError } from './errors.ts';

export const RedisUrlSchema = z
  .string()
  .regex(/^rediss?:\/\/[^/]+/, 'expected a redis:// or rediss:// URL')
  .refine((s) => URL.canParse(s), 'not a URL');

/** A URL safe to print: no password. */
export function printableRedisUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.href;
}

export function parseRedisUrl(url: unknown): string {
  const r = RedisUrlSchema.safeParse(url);
  if (!r.success) throw new QueueError('BAD_QUEUE_URL', `bad Redis URL ${JSON.stringify(url)}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

/** Connect and PING within timeoutMs; the connection then reconnects by itself if Redis restarts. */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  const redis = new Redis(parseRedisUrl(url), { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: timeoutMs });
  let lastError: unknown = null;
  redis.on('error', (e) => {
    lastError = e;
  });
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => setTimeout(() => reject(lastError ?? new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  } catch (e) {
    redis.disconnect();
    throw new QueueUnavailableError(printableRedisUrl(url), e);
  }
  return redis;
}
