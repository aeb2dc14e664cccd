// Local Neo4j 5 (community, embedded in a small Java launcher built with Maven from neo4j/) for
// development and tests. `npm run neo4j` starts one on 127.0.0.1:7687 with data in $KG_DATA_DIR/neo4j;
// tests call startLocalNeo4j({ dataDir, port: 0 }) to get their own on a free port.
// Auth is disabled (loopback only): any user/password is accepted.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { GraphError } from './errors.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT = join(REPO, 'neo4j');
const JAR = join(PROJECT, 'target', 'neo4j-launcher.jar');

/** The launcher could not be built or the database did not come up. */
export class Neo4jLaunchError extends GraphError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NEO4J_LAUNCH_FAILED', message, options);
  }
}

export const LocalNeo4jOptions = z.strictObject({
  /** Where the database files live. Default $KG_DATA_DIR/neo4j, else ./data/neo4j. */
  dataDir: z.string().optional(),
  /** Bolt port on 127.0.0.1; 0 picks a free one. Default 7687. */
  port: z.number().int().min(0).max(65535).default(7687),
  /** JVM heap. Default 1g. */
  heap: z.string().default('1g'),
  /** Neo4j page cache. Default 128m. */
  pagecache: z.string().default('128m'),
  /** How long to wait for Bolt. Default 180 s (a first start on a slow machine). */
  startTimeoutMs: z.number().int().positive().default(180_000),
});
export type LocalNeo4jOptions = z.input<typeof LocalNeo4jOptions>;

export interface LocalNeo4j {
  uri: string;
  user: string;
  password: string;
  /** Clean shutdown (or SIGKILL with force, to simulate a crash). Resolves when the process has exited. */
  stop(opts?: { force?: boolean }): Promise<void>;
}

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = join(dir, e.name);
    return Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

/** Builds the launcher with Maven when the jar is missing or older than its sources (offline first). */
export function ensureLauncherBuilt(): string {
  const stale = !existsSync(JAR) || statSync(JAR).mtimeMs < Math.max(statSync(join(PROJECT, 'pom.xml')).mtimeMs, newest(join(PROJECT, 'src')));
  if (!stale) return JAR;
  const mvn = (offline: boolean) =>
    spawnSync('mvn', [...(offline ? ['-o'] : []), '-q', '-B', 'package', '-DskipTests'], { cwd: PROJECT, encoding: 'utf8' });
  let r = mvn(true);
  if (r.status !== 0) r = mvn(false);
  if (r.error) throw new Neo4jLaunchError(`cannot run Maven (mvn): ${r.error.message}; install Java 17 and Maven`, { cause: r.error });
  if (r.status !== 0 || !existsSync(JAR)) throw new Neo4jLaunchError(`Maven build of neo4j/ failed:\n${(r.stdout + r.stderr).slice(-2000)}`);
  return JAR;
}

export function defaultDataDir(): string {
  return resolve(process.env.KG_DATA_DIR ?? 'data', 'neo4j');
}

export async function startLocalNeo4j(options: LocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const o = LocalNeo4jOptions.parse(options);
  const dataDir = resolve(o.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  const jar = ensureLauncherBuilt();
  const child = spawn('java', [`-Xmx${o.heap}`, '-jar', jar,
    '--data', dataDir, '--port', String(o.port), '--pagecache', o.pagecache], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  let tail = '';
  child.stderr!.on('data', (d: Buffer) => { tail = (tail + d.toString()).slice(-4000); });
  const uri = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); rej(new Neo4jLaunchError(`Neo4j did not start within ${o.startTimeoutMs} ms\n${tail}`)); }, o.startTimeoutMs);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /KG_NEO4J_READY (bolt:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); res(m[1]); }
    });
    child.once('error', (e) => { clearTimeout(timer); rej(new Neo4jLaunchError(`cannot start java: ${e.message}`, { cause: e })); });
    void exited.then((code) => { clearTimeout(timer); rej(new Neo4jLaunchError(`Neo4j exited with code ${code} before it was ready\n${tail}`)); });
  });
  child.stdout!.resume();
  return { uri, user: 'neo4j', password: '', stop: (opts) => stopChild(child, exited, opts?.force === true) };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, force: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (force) child.kill('SIGKILL');
  else child.stdin!.end(); // the launcher shuts the database down cleanly when stdin closes
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(killer);
}

/** Removes a data directory made for a test. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const port = Number(process.env.NEO4J_PORT ?? 7687);
  const server = await startLocalNeo4j({ port, dataDir: defaultDataDir() });
  console.log(`Neo4j ready at ${server.uri} (auth disabled; data in ${defaultDataDir()})`);
  console.log(`Use it with: NEO4J_URI=${server.uri} npm run kg -- sync   — Ctrl-C stops it.`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping Neo4j…');
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
}
