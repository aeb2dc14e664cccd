// Integers across the Bolt boundary, handled in one place: in as neo4j.int (so Neo4j stores INTEGER,
// not FLOAT), out as JS numbers only when within the safe range.
import neo4j, { isInt, type Integer } from 'neo4j-driver';
import { GraphError } from './errors.ts';

export function intIn(n: number): Integer {
  if (!Number.isSafeInteger(n)) throw new GraphError('GRAPH_BAD_INTEGER', `not a safe integer: ${n}`);
  return neo4j.int(n);
}

/** Deeply converts driver values to plain JS: Integer → number (checked), arrays and maps recursively. */
export function plain(v: unknown): any {
  if (isInt(v)) {
    if (!v.inSafeRange()) throw new GraphError('GRAPH_BAD_INTEGER', `integer out of the safe range: ${v.toString()}`);
    return v.toNumber();
  }
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}
