// kg worker --redis URL [--archive postgres://…|DATA_DIR] [--concurrency N] [--kinds crawl,extract]
// A worker on the shared job queue: crawls the URLs and extracts the pages that `kg crawl --queue` (or the API)
// queued, into one archive. Start one per machine (or several); Ctrl-C or SIGTERM finishes the jobs in hand.
import { SqliteArchivePort, type ArchivePort } from '../../archive/index.ts';
import { JOB_KINDS, parseRedisUrl, printableRedisUrl, startWorker, type JobKind } from '../../queue/index.ts';
import { parse, UsageError } from '../args.ts';

const HELP = `usage: kg worker --redis URL [options]
  --redis URL            the shared queue (default $KG_REDIS_URL)
  --archive WHERE        postgres://user:pass@host:port/db (several machines), or a data directory holding
                         kg.sqlite (several processes on one machine). Default $KG_ARCHIVE_URL, else $KG_DATA_DIR
  --concurrency N        jobs at once per kind (default 4); one host is still fetched by one worker at a time
  --kinds K[,K]          crawl, extract or both (default both)
  --lock-ms N            a job whose worker stops renewing its lock this long goes back to the queue (default 30000)
  --host-lease-ms N      a host held by a worker that died frees up after this (default 60000)
  --prefix NAME          key prefix of the queue in Redis, to run several deployments on one Redis (default kg)`;

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} needs a whole number, got '${v}'`);
  return Number(v);
}

/** The archive a worker writes: PostgreSQL by URL, else the embedded SQLite archive in a data directory. */
export async function openArchivePort(where: string | undefined): Promise<ArchivePort> {
  if (where && /^postgres(ql)?:/i.test(where)) {
    const { PostgresArchive } = await import('../../archive/postgres.ts');
    return PostgresArchive.open({ url: where });
  }
  if (where && /^[a-z][\w+.-]*:\/\//i.test(where)) throw new UsageError(`--archive takes a postgres:// URL or a data directory, got '${where}'`);
  return SqliteArchivePort.open(where ? { dataDir: where } : {});
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    redis: { type: 'string' },
    archive: { type: 'string' },
    concurrency: { type: 'string' },
    kinds: { type: 'string' },
    'lock-ms': { type: 'string' },
    'host-lease-ms': { type: 'string' },
    prefix: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'\n${HELP}`);
  const redis = values.redis ?? process.env.KG_REDIS_URL;
  if (!redis) throw new UsageError(`give the queue's Redis URL with --redis (or $KG_REDIS_URL)\n${HELP}`);
  parseRedisUrl(redis); // a wrong URL is refused before the archive is opened
  const kinds = (values.kinds ?? JOB_KINDS.join(',')).split(',').map((k) => k.trim());
  for (const k of kinds) if (!(JOB_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kinds: unknown job kind '${k}' (crawl, extract)`);

  const archive = await openArchivePort(values.archive ?? process.env.KG_ARCHIVE_URL);
  let worker;
  try {
    worker = await startWorker(archive, {
      redis,
      kinds: kinds as JobKind[],
      ...(values.prefix ? { prefix: values.prefix } : {}),
      ...(values.concurrency ? { concurrency: int('concurrency', values.concurrency) } : {}),
      ...(values['lock-ms'] ? { lockDurationMs: int('lock-ms', values['lock-ms']) } : {}),
      ...(values['host-lease-ms'] ? { hostLeaseMs: int('host-lease-ms', values['host-lease-ms']) } : {}),
    });
  } catch (e) {
    await archive.close();
    throw e;
  }
  console.log(`kg worker ${process.pid}: ${kinds.join(' + ')} jobs from ${printableRedisUrl(redis)} into ${archive.location}: ready`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log(`kg worker ${process.pid}: stopping after the jobs in hand`);
  await worker.close();
  await archive.close();
  console.log(`kg worker ${process.pid}: ${worker.done.crawl} crawl and ${worker.done.extract} extract jobs done, ${worker.done.failed} failed tries`);
  return 0;
}
