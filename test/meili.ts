// The Meilisearch server the Meilisearch suites run against, from MEILI_HOST (`.ci/run` starts one when
// ../shared has a binary). test/global-setup.ts moves it to KG_TEST_MEILI_HOST so the `kg` processes other
// tests spawn keep their own embedded index instead of sharing one Meilisearch index between test files.

/** Base URL of the test Meilisearch server, or undefined when none was given (the suites then skip). */
export const TEST_MEILI_HOST: string | undefined = process.env.KG_TEST_MEILI_HOST || process.env.MEILI_HOST || undefined;

export const MEILI_SKIP_MESSAGE = 'MEILI_HOST is unset: Meilisearch tests are skipped (start a server with `npm run meili` or see .ci/run)';

/** An index uid no other test file or process uses. */
export function testIndexUid(name: string): string {
  return `kg_${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
