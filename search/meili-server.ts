// `npm run meili`: runs a local Meilisearch for development on 127.0.0.1 with its data in
// $KG_DATA_DIR/meili. The binary comes from MEILI_BIN or PATH (nothing is downloaded); without one,
// it says how to get one and exits 1. Then run the app or the tests with MEILI_HOST=http://127.0.0.1:7700.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

export const MeiliServerOptions = z.strictObject({
  /** Data directory. Default $KG_DATA_DIR/meili, else ./data/meili. */
  dataDir: z.string().optional(),
  /** Port on 127.0.0.1. Default 7700. */
  port: z.number().int().min(1).max(65535).default(7700),
  /** Master key; none by default (loopback development only). */
  masterKey: z.string().min(16).optional(),
});
export type MeiliServerOptions = z.input<typeof MeiliServerOptions>;

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The meilisearch binary: MEILI_BIN when set (and executable), else the first on PATH; null when none. */
export function findMeiliBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.MEILI_BIN) return executable(env.MEILI_BIN) ? resolve(env.MEILI_BIN) : null;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const p = join(dir, 'meilisearch');
    if (executable(p)) return p;
  }
  return null;
}

async function main(): Promise<number> {
  const o = MeiliServerOptions.parse({ port: process.env.MEILI_PORT ? Number(process.env.MEILI_PORT) : undefined, masterKey: process.env.MEILI_MASTER_KEY });
  const bin = findMeiliBinary();
  if (!bin) {
    console.error(
      process.env.MEILI_BIN
        ? `MEILI_BIN=${process.env.MEILI_BIN} is not an executable file.`
        : 'No `meilisearch` binary on PATH. Install Meilisearch (https://www.meilisearch.com/docs/learn/self_hosted/install_meilisearch_locally) ' +
          'and put it on PATH, or set MEILI_BIN to its path. Without it, the embedded search index (SQLite FTS5) is used.',
    );
    return 1;
  }
  const dataDir = resolve(o.dataDir ?? join(process.env.KG_DATA_DIR ?? 'data', 'meili'));
  mkdirSync(dataDir, { recursive: true });
  const args = ['--http-addr', `127.0.0.1:${o.port}`, '--db-path', join(dataDir, 'data.ms'), '--dump-dir', join(dataDir, 'dumps'),
    '--snapshot-dir', join(dataDir, 'snapshots'), '--no-analytics', '--env', 'development'];
  if (o.masterKey) args.push('--master-key', o.masterKey);
  console.log(`starting ${bin} on http://127.0.0.1:${o.port} (data in ${dataDir}); use MEILI_HOST=http://127.0.0.1:${o.port}`);
  const child = spawn(bin, args, { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main().then((code) => process.exit(code));
