// What the server sends for a first visit: the page shell, the stylesheet, the app bundle, and the
// cytoscape chunk loaded only by the graph pages. Raw and gzip bytes, as served by uiHandler.
// Run: npx tsx test/bench/ui-bundle.ts
import { uiHandler } from '../../ui/server.ts';

const handle = uiHandler();
const base = 'http://local';

async function size(path: string): Promise<{ raw: number; gzip: number; body: string }> {
  const get = async (gzip: boolean) => {
    const res = await handle(new Request(base + path, { headers: gzip ? { 'accept-encoding': 'gzip' } : {} }), new URL(base + path));
    if (!res) throw new Error(`no response for ${path}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const raw = await get(false);
  return { raw: raw.length, gzip: (await get(true)).length, body: new TextDecoder().decode(raw) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const rows: Array<[string, { raw: number; gzip: number }]> = [];
const page = await size('/');
rows.push(['/ (index.html)', page], ['/assets/styles.css', await size('/assets/styles.css')]);
const app = await size('/assets/app.js');
rows.push(['/assets/app.js', app]);
// Chunks app.js imports statically load with it (first load); dynamic import("./chunk-…") ones load on demand,
// followed transitively (a page chunk may pull cytoscape's).
const staticOf = (body: string) => [...body.matchAll(/(?:from|import)\s*"\.\/(chunk-[A-Z0-9]+\.js)"/g)].map((m) => m[1]);
const dynamicOf = (body: string) => [...body.matchAll(/import\(\s*"\.\/(chunk-[A-Z0-9]+\.js)"\s*\)/g)].map((m) => m[1]);
const seen = new Set<string>();
const firstChunks = [...staticOf(app.body)];
for (const c of firstChunks) {
  if (seen.has(c)) continue;
  seen.add(c);
  const r = await size(`/assets/${c}`);
  rows.push([`/assets/${c} (with app.js)`, r]);
  firstChunks.push(...staticOf(r.body));
}
const first = rows.reduce((s, [, r]) => ({ raw: s.raw + r.raw, gzip: s.gzip + r.gzip }), { raw: 0, gzip: 0 });
const lazy = { raw: 0, gzip: 0 };
const queue = [...dynamicOf(app.body)];
for (const c of firstChunks) queue.push(...dynamicOf((await size(`/assets/${c}`)).body));
while (queue.length) {
  const c = queue.shift()!;
  if (seen.has(c)) continue;
  seen.add(c);
  const r = await size(`/assets/${c}`);
  rows.push([`/assets/${c} (on demand)`, r]);
  lazy.raw += r.raw;
  lazy.gzip += r.gzip;
  queue.push(...staticOf(r.body), ...dynamicOf(r.body));
}
for (const [name, r] of rows) console.log(`${name.padEnd(36)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`);
console.log(`first load (search page)             ${kb(first.raw).padStart(10)} raw ${kb(first.gzip).padStart(10)} gzip`);
console.log(`on demand (graph code incl. cytoscape, exports, saved searches, path finder) ${kb(lazy.raw)} raw ${kb(lazy.gzip)} gzip`);
console.log(`gzip ratio on first load: ${(first.gzip / first.raw).toFixed(2)}`);
