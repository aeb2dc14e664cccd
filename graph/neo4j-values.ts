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

/**
 * The order of an entity's articles as one string per mention, so Neo4j reads an entity page from a relationship
 * index (kg_mentions_recent) instead of sorting every article that names a hub: entity id, then the article's date
 * newest first (each character inverted, ended by U+FFFF so 2020-01-01 comes after 2020-01-01T10:00), undated
 * articles last, then the article id. Ascending key order is the embedded store's order
 * (published IS NULL, published DESC, article id).
 */
export function mentionOrderKey(entityId: string, published: string | null, articleId: string): string {
  const date = published === null ? '1' : `0${[...published].map((c) => String.fromCharCode(0xfffe - c.charCodeAt(0))).join('')}\uffff`;
  return `${mentionKeyPrefix(entityId)}${date}\u0001${articleId}`;
}

/** Every order key of an entity's mentions starts with this. */
export const mentionKeyPrefix = (entityId: string) => `${entityId}\u0001`;
