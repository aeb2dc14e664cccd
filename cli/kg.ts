#!/usr/bin/env -S npx tsx
// The `kg` command. Each subcommand lives in cli/commands/<name>.ts and exports run(argv) → exit code
// (-1 = keep the process running, for servers).
import { KgError } from '../archive/errors.ts';
import { UsageError } from './args.ts';

const COMMANDS: Record<string, { about: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  start: { about: 'load the demo if the archive is empty, bring everything up to date, serve GraphQL + UI on :4000 (--workers N)', load: () => import('./commands/start.ts') },
  import: { about: 'import .html/.htm/.txt files and folders into the archive (then extract them)', load: () => import('./commands/import.ts') },
  crawl: { about: 'crawl news sites into the archive (kg crawl SEED... --help)', load: () => import('./commands/crawl.ts') },
  worker: { about: 'run crawl and extract jobs from a shared queue (--redis URL --archive postgres://…): several machines, one archive', load: () => import('./commands/worker.ts') },
  pull: { about: 'copy the pages kg workers stored in a shared PostgreSQL archive into this one, then extract them (--from postgres://…)', load: () => import('./commands/pull.ts') },
  extract: { about: 're-extract new or changed pages (--all: every page); FILE... --out DIR: eval JSON', load: () => import('./commands/extract.ts') },
  sync: { about: 'project extractions into the graph and the search index (--full: rebuild)', load: () => import('./commands/sync.ts') },
  serve: { about: 'serve GraphQL at /graphql and the UI at / (--port, --host, --workers: processes, default one per core)', load: () => import('./commands/serve.ts') },
  demo: { about: 'load the bundled demo archive', load: () => import('./commands/demo.ts') },
  stats: { about: 'what the archive, graph and search index hold (--json)', load: () => import('./commands/stats.ts') },
  entity: { about: 'curate institutions: merge, split, rename, retract an edge; why (the rules behind a merge), log', load: () => import('./commands/entity.ts') },
  saved: { about: 'saved searches and their alert feeds (add, list, check, feed, rm)', load: () => import('./commands/saved.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return ['usage: kg COMMAND [options]', '', ...Object.entries(COMMANDS).map(([c, { about }]) => `  ${c.padEnd(width)}  ${about}`),
    '', 'Data directory: $KG_DATA_DIR (default ./data). Graph: embedded, or Neo4j when NEO4J_URI is set. Search: embedded, or Meilisearch when MEILI_HOST is set.'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`kg: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`kg ${name}: ${e.message}`);
      return 2;
    }
    if (e instanceof KgError) {
      console.error(`kg ${name}: ${e.code}: ${e.message}`);
      return 1;
    }
    // A full disk is the operator's to fix, not a bug: one clear line. Every write is one transaction, so what was
    // written is whole and the same command run again carries on.
    const code = (e as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
      console.error(`kg ${name}: DISK_FULL: no space left for the data directory (${(e as Error).message}); free some space and run the same command again`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
