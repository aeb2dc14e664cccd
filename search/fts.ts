// Renders a parsed query as an SQLite FTS5 MATCH expression over the embedded index's token stream
// (see grams() in text.ts). Only quoted tokens made of letters and digits are emitted, so nothing a
// user types (quotes, parentheses, NEAR, `body:`, `*`, `^`, SQL) can become FTS5 syntax.
import type { QueryNode, TermNode } from './query.ts';
import { synonymsOf } from './synonyms.ts';
import { runs } from './text.ts';

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/** The FTS5 phrase for one literal: contiguous bigrams, so it matches exactly where the text holds it. */
export function termPhrase(text: string): string {
  const rs = runs(text);
  const tokens: string[] = [];
  rs.forEach((r, k) => {
    if (!r.han) return void tokens.push(r.text);
    const chars = [...r.text];
    if (chars.length === 1) return void tokens.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
    if (k < rs.length - 1) tokens.push(chars[chars.length - 1]); // the run-end token the index holds
  });
  const last = rs[rs.length - 1];
  // A single Han character at the end may be the start of a longer run in the document.
  const prefix = last.han && [...last.text].length === 1;
  return quote(tokens.join(' ')) + (prefix ? ' *' : '');
}

function term(t: TermNode, alternatives: boolean): string {
  const rs = runs(t.text);
  // Region abbreviations find their long forms and the reverse (京蒙 ↔ 北京内蒙古), unless quoted.
  const syn = t.phrase ? [] : synonymsOf(t.text);
  if (alternatives && syn.length) return `(${[t.text, ...syn].map((x) => term({ kind: 'term', text: x, phrase: true }, true)).join(' OR ')})`;
  const phrase = termPhrase(t.text);
  // A whole jieba word (3+ characters) also matches the word column: same documents, better rank.
  if (alternatives && rs.length === 1 && rs[0].han && [...rs[0].text].length >= 3) return `(${phrase} OR ${quote(rs[0].text)})`;
  return phrase;
}

export function toFts(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return term(node, true);
    case 'near':
      // Distances count bigrams (about one per character): only the title and body columns hold those.
      return `{title body} : NEAR(${node.terms.map((t) => termPhrase(t.text)).join(' ')}, ${node.distance})`;
    case 'or':
      return `(${node.children.map(toFts).join(' OR ')})`;
    case 'not':
      throw new Error('NOT without a positive side reached the FTS renderer'); // parseQuery refuses these
    case 'and': {
      const pos = node.children.filter((c) => c.kind !== 'not');
      const neg = node.children.flatMap((c) => (c.kind === 'not' ? [c.child] : []));
      const p = `(${pos.map(toFts).join(' AND ')})`;
      return neg.length ? `(${p} NOT (${neg.map(toFts).join(' OR ')}))` : p;
    }
  }
}

/** A piece of a typed token that has the shape of a meta token (metaToken: a field letter and UTF-8 hex). */
const META_SHAPE = /^[spik](?:[0-9a-f]{2})+$/i;

/**
 * The user's expression over the text columns. The meta column holds only filter tokens (metaToken), which
 * no Han text and almost no typed word can equal, so the column filter is added only when a typed token
 * could: it makes FTS5 read every position list to check columns, ~40 % of a broad query's cost (bm25 of
 * 卫生健康委员会 优质医疗资源 at 100k articles: 45 cpu-ms with it, 27 without).
 */
export function textExpr(node: QueryNode): string {
  return textColumns(toFts(node));
}

/** An expression over the text columns: scoped to them only when one of its tokens has a meta token's shape (see textExpr). */
export function textColumns(fts: string): string {
  // Tokens as unicode61 reads them: split at separators, diacritics removed (é → e).
  const tokens = [...fts.matchAll(/"((?:[^"]|"")*)"/g)].flatMap((m) => m[1].normalize('NFD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u));
  return tokens.some((t) => META_SHAPE.test(t)) ? `{title body words} : (${fts})` : `(${fts})`;
}

/**
 * The phrases of the query's positive side as FTS5 holds them (a prefix phrase with its star): what bm25 adds up
 * for a matching row (phrases under NOT have no hits in it). null when a NEAR group holds some: their hits are
 * counted within the distance only.
 */
export function positivePhrases(node: QueryNode): string[] | null {
  switch (node.kind) {
    case 'term':
      return [...term(node, true).matchAll(/"(?:[^"]|"")*"(?: \*)?/g)].map((m) => m[0]);
    case 'near':
      return null;
    case 'not':
      return [];
    case 'and':
    case 'or': {
      const out: string[] = [];
      for (const c of node.children) {
        const p = positivePhrases(c);
        if (p === null) return null;
        out.push(...p);
      }
      return out;
    }
  }
}

export type MetaField = 'source' | 'places' | 'institutions' | 'kinds';
const META_PREFIX: Record<MetaField, string> = { source: 's', places: 'p', institutions: 'i', kinds: 'k' };

/** Filter value as one unicode61 token: a field letter and the value's UTF-8 bytes in hex, so any value is safe. */
export function metaToken(field: MetaField, value: string): string {
  return META_PREFIX[field] + Buffer.from(value, 'utf8').toString('hex');
}

/** Space-joined meta tokens of one document. */
export function metaTokens(d: { source: string | null; places: string[]; institutions: string[]; kinds: string[] }): string {
  const out: string[] = [];
  if (d.source) out.push(metaToken('source', d.source));
  for (const f of ['places', 'institutions', 'kinds'] as const) for (const v of new Set(d[f])) out.push(metaToken(f, v));
  return out.join(' ');
}

/** A filter on one field: any of its values (OR), in the meta column. */
export function metaFilter(field: MetaField, values: readonly string[]): string {
  return `meta : (${[...new Set(values)].map((v) => quote(metaToken(field, v))).join(' OR ')})`;
}
