// Locates ../shared (seeds, fixtures, eval gold). Tests that need it skip with a clear message when it is absent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of the shared material, or null when it is not beside the checkout. */
export const SHARED_DIR: string | null = (() => {
  const candidates = [process.env.KG_SHARED_DIR, join(repoRoot, '..', 'shared')].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(join(p, 'seeds'))) ?? null;
})();

export const SHARED_MISSING_MESSAGE = `../shared not found beside the checkout (${join(repoRoot, '..', 'shared')}); set KG_SHARED_DIR to run these tests`;

export function sharedPath(...parts: string[]): string {
  if (!SHARED_DIR) throw new Error(SHARED_MISSING_MESSAGE);
  return join(SHARED_DIR, ...parts);
}

export const REPO_ROOT = repoRoot;
