// The query language both adapters share. Space = AND, `OR` (or `|`), `NOT` or `-word` = NOT,
// "phrases" (also “…” and 「…」), parentheses, NEAR(a b, n). Operators are upper case, so ordinary
// English words stay words. Text is normalised like article bodies (traditional → simplified, width
// folded), and unquoted Chinese is cut into words with jieba. The parser only produces a tree of
// literal terms: adapters render it in their own syntax from literals, so user input never becomes syntax.
import { normalizeText } from '../extractor/normalize.ts';
import { BadQueryError } from './errors.ts';
import { queryWords, runs } from './text.ts';

/** A literal to find: `text` is normalised (simplified, lower case). `phrase` when the user quoted it. */
export interface TermNode {
  kind: 'term';
  text: string;
  phrase: boolean;
}

export type QueryNode =
  | TermNode
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'near'; terms: TermNode[]; distance: number };

export interface ParsedQuery {
  /** null for an empty query (browse by filters and date). */
  root: QueryNode | null;
  /** Literals that must or may be present (not under NOT): what highlighting marks. */
  positives: string[];
  /** Number of literal terms after cutting. */
  termCount: number;
  /** Input pieces that held nothing searchable (bare punctuation, `*`), reported rather than lost silently. */
  ignored: string[];
  /**
   * The query with each typed word kept whole (区域医疗中心 rather than 区域 AND 医疗 AND 中心): what a
   * document holding the exact term matches, to rank it above documents holding the words apart.
   * Absent when no typed word was cut into several.
   */
  exact?: QueryNode;
}

export const MAX_QUERY_CHARS = 1000;
export const MAX_TERMS = 32;
export const DEFAULT_NEAR = 10;
export const MAX_NEAR = 100;

type Tok =
  | { t: 'word' | 'quoted'; v: string; pos: number }
  | { t: '(' | ')' | 'or' | 'and' | 'not' | 'near(' | ','; pos: number };

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '”': '”', '「': '」', '『': '』' };
const SPECIAL = /[\s()"“”「」『』|]/u;

function lex(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let inNear = false; // inside NEAR( … ), a comma introduces the distance
  while (i < q.length) {
    const c = q[i];
    if (/\s/u.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { out.push({ t: c, pos: i }); if (c === ')') inNear = false; i++; continue; }
    if (c === ',' && inNear) { out.push({ t: ',', pos: i }); i++; continue; }
    if (c === '|') { out.push({ t: 'or', pos: i }); i++; continue; }
    if (c in QUOTES) {
      const close = q.indexOf(QUOTES[c], i + 1);
      const alt = c === '"' ? -1 : q.indexOf('"', i + 1); // “…" typed with mixed quotes
      const end = close >= 0 ? close : alt;
      if (end < 0) throw new BadQueryError(`unterminated quote opened at character ${i + 1}`, i);
      out.push({ t: 'quoted', v: q.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    // `-` right before a word or quote, at a word start: NOT.
    if (c === '-' && i + 1 < q.length && !/[\s)]/u.test(q[i + 1]) && (i === 0 || /[\s(]/u.test(q[i - 1]))) {
      out.push({ t: 'not', pos: i }); i++; continue;
    }
    let j = i;
    while (j < q.length && !SPECIAL.test(q[j]) && !(inNear && q[j] === ',')) j++;
    const w = q.slice(i, j);
    if (w === 'NEAR' && q[j] === '(') { out.push({ t: 'near(', pos: i }); inNear = true; i = j + 1; continue; }
    if (w === 'OR') out.push({ t: 'or', pos: i });
    else if (w === 'AND') out.push({ t: 'and', pos: i });
    else if (w === 'NOT') out.push({ t: 'not', pos: i });
    else out.push({ t: 'word', v: w, pos: i });
    i = j;
  }
  return out;
}

class Parser {
  private i = 0;
  readonly ignored: string[] = [];
  /** Whether a typed word was cut into several terms. */
  split = false;
  /** `wholeWords`: keep each typed word as one term (the exact form) instead of cutting it. */
  constructor(private readonly toks: Tok[], private readonly length: number, private readonly wholeWords = false) {}

  private peek(): Tok | undefined { return this.toks[this.i]; }
  private where(): number { return this.peek()?.pos ?? this.length; }

  parse(): QueryNode | null {
    if (this.toks.length === 0) return null;
    const node = this.orExpr();
    const t = this.peek();
    if (t) throw new BadQueryError(t.t === ')' ? `unmatched ")" at character ${t.pos + 1}` : `unexpected input at character ${t.pos + 1}`, t.pos);
    return node;
  }

  private orExpr(): QueryNode | null {
    const parts: QueryNode[] = [];
    for (;;) {
      const pos = this.where();
      const a = this.andExpr();
      if (!a) throw new BadQueryError(`OR needs something to search on both sides (character ${pos + 1})`, pos);
      parts.push(a);
      if (this.peek()?.t !== 'or') break;
      this.i++;
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', children: parts };
  }

  private andExpr(): QueryNode | null {
    const parts: QueryNode[] = [];
    let sawOperand = false;
    for (let t = this.peek(); t && t.t !== 'or' && t.t !== ')'; t = this.peek()) {
      if (t.t === 'and') {
        if (!sawOperand) throw new BadQueryError(`AND needs something before it (character ${t.pos + 1})`, t.pos);
        this.i++;
        const next = this.peek();
        if (!next || next.t === 'or' || next.t === ')' || next.t === 'and')
          throw new BadQueryError(`AND needs something after it (character ${t.pos + 1})`, t.pos);
        continue;
      }
      sawOperand = true;
      const u = this.unary();
      if (u) parts.push(u);
    }
    if (!sawOperand) return null;
    if (parts.length === 0) return { kind: 'and', children: [] }; // only ignored pieces
    return parts.length === 1 ? parts[0] : { kind: 'and', children: parts };
  }

  private unary(): QueryNode | null {
    const t = this.peek()!;
    if (t.t === 'not') {
      this.i++;
      const next = this.peek();
      if (!next || next.t === 'or' || next.t === ')' || next.t === 'and')
        throw new BadQueryError(`NOT needs a word after it (character ${t.pos + 1})`, t.pos);
      const child = this.unary();
      return child ? { kind: 'not', child } : null;
    }
    return this.primary();
  }

  private primary(): QueryNode | null {
    const t = this.toks[this.i++];
    if (t.t === '(') {
      const inner = this.orExpr();
      if (this.peek()?.t !== ')') throw new BadQueryError(`"(" at character ${t.pos + 1} is never closed`, t.pos);
      this.i++;
      return inner;
    }
    if (t.t === 'near(') return this.near(t.pos);
    if (t.t === 'quoted') return this.phrase(t.v, t.pos);
    if (t.t === 'word') return this.word(t.v);
    throw new BadQueryError(`unexpected "${t.t}" at character ${t.pos + 1}`, t.pos);
  }

  private phrase(raw: string, pos: number): TermNode {
    const text = raw.toLowerCase().replace(/\s+/gu, ' ').trim();
    if (runs(text).length === 0) throw new BadQueryError(`the phrase at character ${pos + 1} holds no words`, pos);
    return { kind: 'term', text, phrase: true };
  }

  private word(raw: string): QueryNode | null {
    const words = queryWords(raw.toLowerCase());
    if (words.length === 0) {
      this.ignored.push(raw);
      return null;
    }
    if (words.length > 1) this.split = true;
    if (this.wholeWords) return { kind: 'term', text: runs(raw.toLowerCase()).map((r) => r.text).join(' '), phrase: false };
    const terms: TermNode[] = words.map((w) => ({ kind: 'term', text: w, phrase: false }));
    return terms.length === 1 ? terms[0] : { kind: 'and', children: terms };
  }

  private near(pos: number): QueryNode {
    const terms: TermNode[] = [];
    let distance = DEFAULT_NEAR;
    for (;;) {
      const t = this.toks[this.i++];
      if (!t) throw new BadQueryError(`NEAR( at character ${pos + 1} is never closed`, pos);
      if (t.t === ')') break;
      if (t.t === 'quoted') terms.push(this.phrase(t.v, t.pos));
      else if (t.t === 'word') {
        for (const w of queryWords(t.v.toLowerCase())) terms.push({ kind: 'term', text: w, phrase: false });
      } else if (t.t === ',') {
        const n = this.toks[this.i++];
        if (!n || n.t !== 'word' || !/^\d{1,3}$/.test(n.v) || this.peek()?.t !== ')')
          throw new BadQueryError(`NEAR(…, n): n must be a number up to ${MAX_NEAR}, last (character ${t.pos + 1})`, t.pos);
        distance = Number(n.v);
      } else throw new BadQueryError(`NEAR(…) takes words and phrases only (character ${t.pos + 1})`, t.pos);
    }
    if (terms.length < 2) throw new BadQueryError(`NEAR at character ${pos + 1} needs at least two words`, pos);
    if (distance > MAX_NEAR) throw new BadQueryError(`NEAR distance must be at most ${MAX_NEAR}`, pos);
    return { kind: 'near', terms, distance };
  }
}

/** Whether a node can match on its own (NOT alone cannot: every engine needs something to look for). */
function checkPositive(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'near':
      return true;
    case 'not':
      checkPositive(node.child);
      return false;
    case 'or':
      for (const c of node.children)
        if (!checkPositive(c)) throw new BadQueryError('each side of OR needs a word to look for, not only NOT');
      return true;
    case 'and': {
      const flags = node.children.map(checkPositive);
      return flags.some(Boolean);
    }
  }
}

function collect(node: QueryNode, positives: string[], negated: boolean): number {
  switch (node.kind) {
    case 'term':
      if (!negated) positives.push(node.text);
      return 1;
    case 'near':
      if (!negated) positives.push(...node.terms.map((t) => t.text));
      return node.terms.length;
    case 'not':
      return collect(node.child, positives, true);
    default:
      return node.children.reduce((n, c) => n + collect(c, positives, negated), 0);
  }
}

/** Remove empty AND groups (left by ignored pieces) and flatten nested ANDs / ORs. */
function simplify(node: QueryNode): QueryNode | null {
  if (node.kind === 'not') {
    const c = simplify(node.child);
    return c ? { kind: 'not', child: c } : null;
  }
  if (node.kind !== 'and' && node.kind !== 'or') return node;
  const kids: QueryNode[] = [];
  for (const c of node.children) {
    const s = simplify(c);
    if (!s) continue;
    if (s.kind === node.kind) kids.push(...s.children);
    else kids.push(s);
  }
  if (kids.length === 0) return null;
  return kids.length === 1 ? kids[0] : { kind: node.kind, children: kids };
}

/** Parse a user query. Throws BadQueryError (code BAD_QUERY) on anything it cannot read. */
export function parseQuery(text: string): ParsedQuery {
  if (text.length > MAX_QUERY_CHARS) throw new BadQueryError(`query longer than ${MAX_QUERY_CHARS} characters`);
  const normalized = normalizeText(text);
  const parser = new Parser(lex(normalized), normalized.length);
  const raw = parser.parse();
  const root = raw ? simplify(raw) : null;
  if (raw && !root) throw new BadQueryError(`nothing to search for in "${text}"`);
  const positives: string[] = [];
  let termCount = 0;
  if (root) {
    if (!checkPositive(root)) throw new BadQueryError('a query needs at least one word to look for, not only NOT');
    termCount = collect(root, positives, false);
    if (termCount > MAX_TERMS) throw new BadQueryError(`query has ${termCount} terms; at most ${MAX_TERMS} are allowed`);
  }
  const out: ParsedQuery = { root, positives: [...new Set(positives)], termCount, ignored: parser.ignored };
  if (root && parser.split) {
    const whole = new Parser(lex(normalized), normalized.length, true).parse();
    const exact = whole ? simplify(whole) : null;
    if (exact) out.exact = exact;
  }
  return out;
}
