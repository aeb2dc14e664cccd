// Time from `npm start` on an empty data directory (demo archive loaded, extracted, indexed) to the first
// answered GraphQL query, and on a second start over the same data (nothing left to do).
// Run: npx tsx test/bench/startup.bench.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../shared.ts';

const QUERY = JSON.stringify({ query: '{ search(query: "医联体", first: 3) { totalCount edges { node { title } } } }' });

async function firstAnswer(dataDir: string, port: number): Promise<{ seconds: number; totalCount: number }> {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, KG_DATA_DIR: dataDir, PORT: String(port) },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (performance.now() - started > 180_000) throw new Error('no answer within 180 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: QUERY,
        });
        const body = (await res.json()) as { data?: { search: { totalCount: number } } };
        if (body.data) return { seconds: (performance.now() - started) / 1000, totalCount: body.data.search.totalCount };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kg-startup-'));
try {
  const cold = await firstAnswer(dir, 4601);
  await new Promise((r) => setTimeout(r, 1000));
  const warm = await firstAnswer(dir, 4602);
  console.log(`load average ${loadavg()[0].toFixed(1)}`);
  console.log(`npm start → first answer, empty data dir (demo loaded): ${cold.seconds.toFixed(1)} s (${cold.totalCount} hits for 医联体)`);
  console.log(`npm start → first answer, second start:               ${warm.seconds.toFixed(1)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
