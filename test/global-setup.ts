// Global test set-up: prints which shared material and servers this run has, so skips are visible.
import { SHARED_DIR, SHARED_MISSING_MESSAGE } from './shared.ts';

export default function setup(): void {
  if (!SHARED_DIR) console.warn(`[kg tests] ${SHARED_MISSING_MESSAGE}`);
  if (!process.env.MEILI_HOST) console.warn('[kg tests] MEILI_HOST is unset: Meilisearch adapter tests are skipped');
}
