// `kg worker` and `kg crawl --queue` on bad input: a clear message with a code and a non-zero exit, before
// anything is queued or written. No server needed: unreachable servers are free local ports.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../postgres.ts';
import { REPO_ROOT } from '../shared.ts';

function kg(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'cli/kg.ts', ...args], { cwd: REPO_ROOT, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

describe('queue commands on bad input', () => {
  it('refuse bad URLs, unreachable servers and options that do not apply, with codes', async () => {
    const [p1, p2] = [await freePort(), await freePort()];
    const [noRedis, badRedis, downRedis, badArchive, downArchive, downQueue, maxPages, badSeed] = await Promise.all([
      kg(['worker']),
      kg(['worker', '--redis', 'http://127.0.0.1:6379']),
      kg(['worker', '--redis', `redis://127.0.0.1:${p1}`, '--archive', mkdtempSync(join(tmpdir(), 'kg-cli-errors-'))]),
      kg(['worker', '--redis', `redis://127.0.0.1:${p1}`, '--archive', 'mysql://127.0.0.1/kg']),
      kg(['worker', '--redis', `redis://127.0.0.1:${p1}`, '--archive', `postgres://kg:secret@127.0.0.1:${p2}/kg`]),
      kg(['crawl', '--queue', `redis://127.0.0.1:${p1}`, 'http://example.org/']),
      kg(['crawl', '--queue', `redis://127.0.0.1:${p1}`, '--max-pages', '5', 'http://example.org/']),
      kg(['crawl', '--queue', `redis://127.0.0.1:${p1}`, 'ftp://example.org/']),
    ]);
    expect(noRedis).toMatchObject({ code: 2 });
    expect(noRedis.out).toContain('--redis');
    expect(badRedis).toMatchObject({ code: 1 });
    expect(badRedis.out).toContain('BAD_QUEUE_URL');
    expect(downRedis).toMatchObject({ code: 1 });
    expect(downRedis.out).toMatch(new RegExp(`QUEUE_UNAVAILABLE: .*127\\.0\\.0\\.1:${p1}`));
    expect(badArchive).toMatchObject({ code: 2 });
    expect(badArchive.out).toContain('--archive takes a postgres:// URL or a data directory');
    expect(downArchive).toMatchObject({ code: 1 });
    expect(downArchive.out).toMatch(new RegExp(`ARCHIVE_UNAVAILABLE: .*127\\.0\\.0\\.1:${p2}`));
    expect(downArchive.out).not.toContain('secret');
    expect(downQueue).toMatchObject({ code: 1 });
    expect(downQueue.out).toContain('QUEUE_UNAVAILABLE');
    expect(maxPages).toMatchObject({ code: 2 });
    expect(maxPages.out).toContain('--max-pages does not apply to a queued crawl');
    expect(badSeed).toMatchObject({ code: 1 });
    expect(badSeed.out).toContain('BAD_CRAWL_OPTIONS');
  }, 60_000);
});
