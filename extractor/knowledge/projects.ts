// Named programmes, projects, alliances, platforms and centre-building efforts.
import { LEFT_STOP_TOKENS } from '../dict/institutions.ts';
import type { Token } from './segment.ts';
import { isFunctionOrVerb } from './pos.ts';
import { charClass } from './chars.ts';

export interface ProjectMention { name: string; start: number; end: number; quoted: boolean }

const PROJECT_SUFFIXES = /(医联体|专科联盟|联盟|协作组|项目|计划|工程|平台|基地|医学中心|医疗中心|质控中心|救治中心|诊疗中心|应急队伍|队伍|行动)$/u;
const GENERIC_HEADS = new Set([
  '合作', '重大', '惠民', '新', '科研', '专科', '协同', '标志性', '重点', '国家级', '示范', '建设', '医疗', '技术',
  '研究', '相关', '各类', '这些', '上述', '多个', '传统', '立体', '科技', '合作项目', '重大医疗卫生', '医疗卫生',
  '紧密型', '城市', '县域', '区域', '京津冀合作', '高水平京津冀合作', '新技术', '工作', '专项', '一期', '二期',
]);
const SUFFIX_LIST = PROJECT_SUFFIXES.source.slice(1, -2).split('|');
const SUFFIX_LAST = new Uint8Array(65536);
for (const ch of '体盟组目划程台地心伍动') SUFFIX_LAST[ch.charCodeAt(0)] = 1;
const STOP = charClass(/[\p{P}\p{S}\s\d一二三四五六七八九十两]/u);
const QUOTED = /“([^“”]{2,30})”([\p{Script=Han}]{0,8}?(平台|计划|工程|项目|联盟|行动))?/gu;

/**
 * The first suffix that ends `word`, or that ends `prev` + `word` and is longer than `word`
 * (专科/联盟 as two tokens), compared in place rather than on a concatenated string.
 */
function suffixEnding(prev: string, word: string): string | undefined {
  for (const x of SUFFIX_LIST) {
    if (word.endsWith(x)) return x;
    if (x.length > word.length && x.endsWith(word) && endsWithPrefix(prev, x, x.length - word.length)) return x;
  }
  return undefined;
}

/** Does `s` end with the first `n` characters of `x`? (No sliced copy of `x`.) */
function endsWithPrefix(s: string, x: string, n: number): boolean {
  if (s.length < n) return false;
  const off = s.length - n;
  for (let i = 0; i < n; i++) if (s.charCodeAt(off + i) !== x.charCodeAt(i)) return false;
  return true;
}

/** Does a mention already found cover start..end? */
function covered(out: ProjectMention[], start: number, end: number): boolean {
  for (const o of out) if (o.start <= start && end <= o.end) return true;
  return false;
}

export function scanProjects(text: string, tokens: Token[]): ProjectMention[] {
  const out: ProjectMention[] = [];
  QUOTED.lastIndex = 0; // exec on the shared pattern rather than matchAll's copy of it
  if (text.includes('“')) for (let m = QUOTED.exec(text); m; m = QUOTED.exec(text)) {
    const name = m[2] ? `“${m[1]}”${m[2]}` : m[1];
    if (m[2] || PROJECT_SUFFIXES.test(m[1])) out.push({ name, start: m.index, end: m.index + m[0].length, quoted: true });
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!SUFFIX_LAST[t.word.charCodeAt(t.word.length - 1)]) continue;
    const suffix = suffixEnding(k > 0 ? tokens[k - 1].word : '', t.word);
    if (!suffix) continue;
    let start = t.start;
    for (let j = k - 1; j >= 0; j--) {
      const w = tokens[j];
      if (w.end !== start || LEFT_STOP_TOKENS.has(w.word) || STOP.any(w.word) || isFunctionOrVerb(w.word) || t.end - w.start > 30) break;
      start = w.start;
    }
    const name = text.slice(start, t.end);
    const head = name.slice(0, name.length - suffix.length);
    if (head.length < 2 || GENERIC_HEADS.has(head) || GENERIC_HEADS.has(name)) continue;
    if (covered(out, start, t.end)) continue;
    for (let j = out.length - 1; j >= 0; j--) if (start <= out[j].start && out[j].end <= t.end) out.splice(j, 1);
    out.push({ name, start, end: t.end, quoted: false });
  }
  return out;
}
