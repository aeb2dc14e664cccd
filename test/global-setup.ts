// Global test set-up: prints which shared material and servers this run has, so skips are visible.
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from './shared.ts';

export default function setup(): void {
  if (!SHARED_DIR) console.warn(`[kg tests] ${SHARED_MISSING_MESSAGE}`);
  if (!process.env.MEILI_HOST) console.warn('[kg tests] MEILI_HOST is unset: Meilisearch adapter tests are skipped');
  else {
    // The Meilisearch suites read it from KG_TEST_MEILI_HOST (test/meili.ts); the `kg` processes other tests
    // spawn inherit this environment and must keep their own embedded index.
    console.log(`[kg tests] Meilisearch suites run against ${process.env.MEILI_HOST}`);
    process.env.KG_TEST_MEILI_HOST = process.env.MEILI_HOST;
    delete process.env.MEILI_HOST;
  }
}
