// People with their roles: a name beside a role word (王勇教授, 主任王栩冬). Unknown names are split
// into single characters by the segmenter, which is what tells a name from a word here.
import { NAME_BREAKERS, ROLES, SURNAMES } from '../dict/people.ts';
import type { Token } from './segment.ts';
import { charClass } from './chars.ts';

export interface PersonMention { name: string; role: string; start: number; end: number }

const ROLE_SET = new Set(ROLES);
const ROLE_LAST = new Uint8Array(65536);
for (const r of ROLES) ROLE_LAST[r.charCodeAt(r.length - 1)] = 1;
const CLAUSE_BREAK = charClass(/[，,；;：:。！？!?“”"（）()\s]/u);
/** Roles that follow a well-known name written as one word (习近平总书记). */
const WORD_NAME_ROLES = new Set(['总书记', '主席']);

export function scanPeople(text: string, tokens: Token[]): PersonMention[] {
  const out: PersonMention[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const role = tokens[k].word;
    if (!ROLE_LAST[role.charCodeAt(role.length - 1)] || !ROLE_SET.has(role)) continue;
    // name before the role: 王/勇/教授, 权/昌/益/教授, 习近平/总书记
    const before = nameEndingAt(tokens, k - 1, WORD_NAME_ROLES.has(role));
    if (before) {
      out.push({ name: before.name, role: roleBefore(text, before.start) + role, start: before.start, end: tokens[k].end });
      continue;
    }
    // name after the role: 主任/王/栩/冬/介绍
    const after = nameStartingAt(tokens, k + 1);
    if (after) out.push({ name: after.name, role: roleBefore(text, tokens[k].start) + role, start: after.start, end: after.end });
  }
  return out;
}

function nameEndingAt(tokens: Token[], k: number, allowWord: boolean): { name: string; start: number } | null {
  if (k < 0) return null;
  const t = tokens[k];
  if (allowWord && t.word.length >= 2 && t.word.length <= 3 && SURNAMES.has(t.word[0])) return { name: t.word, start: t.start };
  // up to three single-character tokens, the first a surname
  for (const n of [3, 2]) {
    const parts = tokens.slice(k - n + 1, k + 1);
    if (parts.length !== n || parts.some((p) => p.word.length !== 1 || NAME_BREAKERS.has(p.word))) continue;
    if (!SURNAMES.has(parts[0].word) || !contiguous(parts)) continue;
    if (k - n >= 0 && tokens[k - n].word.length === 1 && /\p{Script=Han}/u.test(tokens[k - n].word) && n === 2 && !SURNAMES.has(parts[0].word)) continue;
    return { name: parts.map((p) => p.word).join(''), start: parts[0].start };
  }
  return null;
}

function nameStartingAt(tokens: Token[], k: number): { name: string; start: number; end: number } | null {
  const first = tokens[k];
  if (!first || first.word.length !== 1 || !SURNAMES.has(first.word)) return null;
  const parts = [first];
  for (let j = k + 1; j < tokens.length && parts.length < 3; j++) {
    const t = tokens[j];
    if (t.word.length !== 1 || NAME_BREAKERS.has(t.word) || !/\p{Script=Han}/u.test(t.word) || t.start !== parts.at(-1)!.end) break;
    parts.push(t);
  }
  if (parts.length < 2) return null;
  return { name: parts.map((p) => p.word).join(''), start: first.start, end: parts.at(-1)!.end };
}

const contiguous = (parts: Token[]) => parts.every((p, i) => i === 0 || parts[i - 1].end === p.start);

/** The organisation and post written before a role (市卫生健康委党委书记、…), back to the clause start. */
function roleBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && at - i < 24 && (!CLAUSE_BREAK.at(text, i - 1) || text.charCodeAt(i - 1) === 0x3001)) i--;
  const lead = text.slice(i, at);
  return /[院委局部校所心]|党委|书记|主任/u.test(lead) ? lead.replace(/^(发布会上|会上|其中|由)/u, '') : '';
}
