// kg saved add NAME QUERY [--source S]… [--place P]… [--institution I]… [--kind K]… [--from D] [--to D] [--include-existing]
// kg saved list | check [NAME] [--csv] | feed NAME [--base-url URL] | rm NAME
import { openServices } from '../../pipeline/index.ts';
import { toCsv } from '../../search/csv.ts';
import type { SearchFilters, SearchHit } from '../../search/port.ts';
import { SavedSearches } from '../../search/saved.ts';
import { parse, UsageError } from '../args.ts';

const USAGE = `usage:
  kg saved add NAME QUERY [--source S]… [--place P]… [--institution I]… [--kind K]… [--from DATE] [--to DATE] [--include-existing]
  kg saved list
  kg saved check [NAME] [--csv]     new hits since the last check (all saved searches without NAME)
  kg saved feed NAME [--base-url URL]  the alerts as an Atom feed
  kg saved rm NAME`;

const plain = (html: string) => html.replace(/<\/?mark>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function printHits(name: string, hits: SearchHit[], truncated: boolean): void {
  console.log(`${name}: ${hits.length} new${truncated ? ' (only the newest hits were compared)' : ''}`);
  for (const h of hits) {
    console.log(`  ${h.published?.slice(0, 10) ?? '----------'}  ${plain(h.titleHighlighted)}  [${h.source ?? '?'}]${h.copies.length ? ` +${h.copies.length} copies` : ''}`);
    if (h.url) console.log(`              ${h.url}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    source: { type: 'string', multiple: true },
    place: { type: 'string', multiple: true },
    institution: { type: 'string', multiple: true },
    kind: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    'include-existing': { type: 'boolean', default: false },
    csv: { type: 'boolean', default: false },
    'base-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  const [sub, ...args] = positionals;
  if (values.help || !sub) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const need = (n: number, what: string) => {
    if (args.length !== n) throw new UsageError(`${sub} takes ${what}\n${USAGE}`);
  };
  if (sub === 'add') need(2, 'NAME and QUERY (quote the query)');
  else if (sub === 'feed' || sub === 'rm') need(1, 'NAME');
  else if (sub === 'list') need(0, 'no arguments');
  else if (sub === 'check') {
    if (args.length > 1) throw new UsageError(`check takes at most one NAME\n${USAGE}`);
  } else throw new UsageError(`unknown subcommand '${sub}'\n${USAGE}`);

  const services = await openServices();
  try {
    const saved = new SavedSearches(services.archive.db, services.search);
    switch (sub) {
      case 'add': {
        const filters: SearchFilters = {
          source: values.source, places: values.place, institutions: values.institution, kinds: values.kind, from: values.from, to: values.to,
        };
        for (const k of Object.keys(filters) as Array<keyof SearchFilters>) if (filters[k] === undefined) delete filters[k];
        const s = await saved.add(args[0], args[1], filters, { includeExisting: values['include-existing'] });
        console.log(`saved "${s.name}": ${s.query} ${JSON.stringify(s.filters)}`);
        return 0;
      }
      case 'list':
        for (const s of saved.list()) console.log(`${s.name}\t${s.query}\t${JSON.stringify(s.filters)}\tlast checked ${s.checkedAt ?? 'never'}`);
        return 0;
      case 'check': {
        const names = args.length ? args : saved.list().map((s) => s.name);
        const all: SearchHit[] = [];
        for (const name of names) {
          const r = await saved.newHits(name);
          if (values.csv) all.push(...r.hits);
          else printHits(name, r.hits, r.truncated);
        }
        if (values.csv) process.stdout.write(toCsv(all));
        return 0;
      }
      case 'feed':
        process.stdout.write(await saved.atomFeed(args[0], values['base-url'] ? { baseUrl: values['base-url'] } : {}));
        return 0;
      case 'rm':
        if (!saved.remove(args[0])) {
          console.error(`no saved search named "${args[0]}"`);
          return 1;
        }
        console.log(`removed "${args[0]}"`);
        return 0;
    }
    return 2;
  } finally {
    await services.close();
  }
}
