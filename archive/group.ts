// Batch reads answer one list per key asked: rows grouped by key, in the order the keys were asked, [] for a key
// with no rows (and the same list again for a key asked twice).

/** The values of `rows` grouped by `keyOf`, one list per key in `keys`, each in row order. */
export function listsByKey<R, V>(keys: readonly string[], rows: readonly R[], keyOf: (r: R) => string, valueOf: (r: R) => V): V[][] {
  const byKey = new Map<string, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push(valueOf(r));
  }
  return keys.map((k) => byKey.get(k) ?? []);
}
