// Names as the page printed them. A page in traditional characters, or with pinyin inserted after characters, is
// read in its simplified normal form; each name then also gets the form the page printed (唐山市工人醫院 for
// 唐山市工人医院) as an alias, so a search or a merge by the printed form finds it.
import type { Entity } from '../types.ts';
import { foldWidth, stripPinyin } from '../normalize.ts';

const NAMED = new Set<Entity['type']>(['hospital', 'organization', 'place', 'project']);

export function addPrintedAliases(entities: Entity[], body: string, bodyOriginal: string | undefined): void {
  if (!bodyOriginal || bodyOriginal === body) return;
  const paras = body.split('\n');
  const printed = bodyOriginal.split('\n');
  if (paras.length !== printed.length) return;
  const starts: number[] = [];
  let off = 0;
  for (const p of paras) { starts.push(off); off += p.length + 1; }
  // without the pinyin and in half width, a traditional paragraph aligns character by character with its simplified form
  const aligned = printed.map((p, i) => (p === paras[i] ? null : foldWidth(stripPinyin(p))));
  for (const e of entities) {
    if (!NAMED.has(e.type)) continue;
    for (const m of e.mentions) {
      let k = paras.length - 1;
      while (k > 0 && starts[k] > m.start) k--;
      const line = aligned[k];
      if (!line || line.length !== paras[k].length) continue;
      const form = line.slice(m.start - starts[k], m.end - starts[k]);
      if (form && form !== body.slice(m.start, m.end) && form !== e.name && !e.aliases.includes(form)) e.aliases.push(form);
    }
  }
}
