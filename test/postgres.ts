// PostgreSQL for the tests. KG_PG_URL names a server (`.ci/run` starts one); each test file takes a fresh
// database on it. startPostgres() runs a private server a test may stop and restart (the fault tests), from the
// Debian binaries (KG_PG_BIN or /usr/lib/postgresql/*/bin), as the `postgres` user when we are root.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const TEST_PG_URL: string | undefined = process.env.KG_PG_URL || undefined;
export const PG_SKIP_MESSAGE = 'KG_PG_URL is unset: PostgreSQL archive tests are skipped (.ci/run starts a server and sets it)';

/** A new empty database on the KG_PG_URL server; its URL. */
export async function freshDatabase(name: string): Promise<string> {
  if (!TEST_PG_URL) throw new Error(PG_SKIP_MESSAGE);
  const db = `kg_${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${db}`);
  } finally {
    await client.end();
  }
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${db}`;
  return u.href;
}

/** Directory of initdb/pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBin(): string | null {
  if (process.env.KG_PG_BIN) return process.env.KG_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const v = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return v && existsSync(join(root, v, 'bin', 'pg_ctl')) ? join(root, v, 'bin') : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface PrivatePostgres {
  url: string;
  /** Stop at once (`immediate`: like a crash) or cleanly. */
  stop(mode?: 'immediate' | 'fast'): void;
  start(): void;
  /** Stop and delete the data directory. */
  close(): void;
}

/** A throwaway PostgreSQL on 127.0.0.1 and a free port, trust authentication, data in a temp dir. */
export async function startPostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (set KG_PG_BIN)');
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'kg-pg-'));
  const data = join(dir, 'data');
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  // initdb and postgres refuse to run as root.
  const run = (cmd: string, args: string[]) =>
    execFileSync(root ? 'runuser' : join(bin, cmd), root ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const opts = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`;
  const start = () => run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = (mode: 'immediate' | 'fast' = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    close() {
      try {
        stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

