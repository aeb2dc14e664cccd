// Redis for the queue tests: REDIS_URL names a server (`.ci/run` starts one); each test takes its own key prefix.
export const TEST_REDIS_URL: string | undefined = process.env.REDIS_URL || undefined;
export const REDIS_SKIP_MESSAGE = 'REDIS_URL is unset: queue tests are skipped (.ci/run starts a Redis and sets it)';

/** A queue key prefix no other test file or process uses. */
export function testPrefix(name: string): string {
  return `t_${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
