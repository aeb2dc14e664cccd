// kg entity merge|split|rename|retract|why|log: curate institution resolution (pipeline/resolution/curation.ts).
// Every decision goes to the archive's curation log and is re-applied on every sync, `--full` included.
import { InstitutionRegistry } from '../../archive/registry.ts';
import { openServices } from '../../pipeline/index.ts';
import { curate, type CurationRequest } from '../../pipeline/resolution/curation.ts';
import { parse, UsageError } from '../args.ts';
import { printSyncSummary } from './sync.ts';

const USAGE = `usage:
  kg entity merge FROM_ID INTO_ID [--note TEXT]        FROM_ID becomes part of INTO_ID
  kg entity split ID NAME... [--note TEXT]             these surface names of ID become institutions of their own
  kg entity rename ID NAME [--note TEXT]               show ID under NAME
  kg entity retract ARTICLE TYPE FROM_ID TO_ID         drop a wrong edge (TYPE: COLLABORATES, LOCATED_IN, BRANCH_OF, PART_OF) stated by ARTICLE
  kg entity why ID                                     the names joined to ID, with the rule and evidence of each
  kg entity log [ID]                                   the curation log`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { note: { type: 'string' }, actor: { type: 'string' }, json: { type: 'boolean', default: false } });
  const [action, ...args] = positionals;
  const extra = { note: values.note, actor: values.actor ?? process.env.USER };
  let request: CurationRequest | null = null;
  if (action === 'merge' && args.length === 2) request = { action, from: args[0], into: args[1], ...extra };
  else if (action === 'split' && args.length >= 2) request = { action, entityId: args[0], names: args.slice(1), ...extra };
  else if (action === 'rename' && args.length === 2) request = { action, entityId: args[0], name: args[1], ...extra };
  else if (action === 'retract' && args.length === 4) request = { action, articleId: args[0], type: args[1] as 'COLLABORATES', from: args[2], to: args[3], ...extra };
  else if (!(action === 'why' && args.length === 1) && !(action === 'log' && args.length <= 1)) throw new UsageError(`expected one of the forms below\n${USAGE}`);
  const services = await openServices();
  try {
    const registry = new InstitutionRegistry(services.archive.db);
    if (action === 'why') {
      const inst = registry.get(args[0]);
      const rows = registry.resolutionsOf([args[0]]);
      if (values.json) console.log(JSON.stringify({ institution: inst, resolutions: rows }, null, 2));
      else {
        console.log(inst ? `${inst.id}  ${inst.name}  location ${inst.location ?? '—'}  parent ${inst.parent ?? '—'}` : `${args[0]}: not in the registry`);
        for (const r of rows) console.log(`  ${r.rawName}  [${r.rule}]  ${r.evidence}  (article ${r.articleId})`);
      }
      return inst ? 0 : 1;
    }
    if (action === 'log') {
      const log = args[0] ? registry.curationOf([args[0]]) : registry.curation();
      if (values.json) console.log(JSON.stringify(log, null, 2));
      else for (const e of log) console.log(`#${e.id} ${e.at} ${e.action} ${e.entityId} ${JSON.stringify(e.payload)}${e.note ? ` — ${e.note}` : ''}`);
      return 0;
    }
    const result = await curate(services, request);
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`curation #${result.entry.id}: ${result.entry.action} ${result.entry.entityId} ${JSON.stringify(result.entry.payload)}; ${result.articles.length} articles synced again`);
      result.sync.forEach(printSyncSummary);
    }
    return 0;
  } finally {
    await services.close();
  }
}
