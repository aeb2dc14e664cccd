// People with their roles. jieba cuts Chinese names unpredictably (王/勇, 刘建国, 马/春雷, 韩文/斌), so a
// name is read from the characters: a surname and one or two more Han characters, on token boundaries.
// The dictionary only vetoes common words that happen to start with a surname character (高度, 全国).
// A name is taken only where the text says it is one:
//  - beside a role word: 王勇教授, 主任王栩冬介绍, 院长刘建国介绍
//  - before a speech verb at a clause start: “……”冯振华说, 据吴晓明介绍
//  - in apposition with a role: 李红霞，临潭县人民医院护士长
//  - in an enumeration with such a name: 孙宏、梁晓东、姚佳三位主任医师, 专家何立平、苏晓燕等
import { NAME_BREAKERS, NAME_FOLLOWERS, ROLES, SPEECH_VERBS, SURNAMES } from '../dict/people.ts';
import type { Token } from './segment.ts';
import { charClass } from './chars.ts';
import { isCommonWord, isFunctionOrVerb, isPersonWord, isRareFunctionWord } from './pos.ts';

export interface PersonMention { name: string; role: string; start: number; end: number }

/** Offsets in the sentence already taken by a place or an institution (安新县, 北京医院). */
export interface Occupied { start: number; end: number }

const ROLE_SET = new Set(ROLES);
const ROLE_LAST = new Uint8Array(65536);
for (const r of ROLES) ROLE_LAST[r.charCodeAt(r.length - 1)] = 1;
const CLAUSE_BREAK = charClass(/[，,；;：:。！？!?“”"（）()\s]/u);
const HAN = charClass(/\p{Script=Han}/u);
/** Before a speech verb, a name opens its clause: after punctuation, a closing quote or 据. */
const OPENERS = new Set(['据', '”', '"', '’']);
/** A count between an enumeration of names and their shared role: 孙宏、姚佳三位主任医师, 王勇等专家. */
const COUNT_BEFORE_ROLE = /^(等人?|[一二两三四五六七八九十\d]+[位名])$/u;
/** Prepositions that are also surnames, standing alone: 和王勇教授 is 王勇, 院长和管理团队 no name. */
const PREPOSITIONS = new Set([...'和与及向同跟对给把被让由从在']);
/**
 * Breakers that are common in given names (国强, 志强): a name already ends on a token boundary, so 强调
 * after a name stays one token and cannot lend its 强 to the name.
 */
const GIVEN_NAME_CHARS = new Set([...'强']);
/** A name never ends like a place or a unit (王林口镇, 麻醉科 are no names). */
const PLACE_END = charClass(/[省市县区镇乡村旗盟州科室院部处所局委办站]/u);

/** The role a token is or ends with: 院长, 医院院长 (jieba keeps some posts with their unit). */
function roleOf(word: string): string | null {
  if (ROLE_LAST[word.charCodeAt(word.length - 1)] !== 1) return null;
  if (ROLE_SET.has(word)) return word;
  for (let n = Math.min(4, word.length - 1); n >= 2; n--) if (ROLE_SET.has(word.slice(-n))) return word.slice(-n);
  return null;
}
const isRole = (t: Token | undefined) => !!t && roleOf(t.word) !== null;

interface Candidate { name: string; start: number; end: number; first: number; last: number }

export function scanPeople(text: string, tokens: Token[], occupied: Occupied[] = [], reject?: (reason: string) => void): PersonMention[] {
  return new PeopleScan(text, tokens, occupied, reject).run();
}

/**
 * One sentence read for people. The helpers are methods rather than closures made per sentence: the
 * product runs through tsx, whose keepNames gives every named closure a defineProperty call, and
 * scanners run once per sentence.
 */
class PeopleScan {
  private readonly out: PersonMention[] = [];
  private readonly taken = new Set<number>();
  private readonly ends = new Set<number>();
  private readonly text: string;
  private readonly tokens: Token[];
  private readonly occupied: Occupied[];
  private readonly reject?: (reason: string) => void;

  constructor(text: string, tokens: Token[], occupied: Occupied[], reject?: (reason: string) => void) {
    this.text = text;
    this.tokens = tokens;
    this.occupied = occupied;
    this.reject = reject;
  }

  run(): PersonMention[] {
    const { text, tokens, out, taken } = this;
    let roles = 0;
    for (let k = 0; k < tokens.length; k++) {
      const role = roleOf(tokens[k].word);
      if (!role) continue;
      roles++;
      // the unit written in the same token stays in the role (医院院长 → 医院)
      const unit = tokens[k].word.slice(0, -role.length);
      // name before the role: 王勇教授; or an enumeration before a count: 孙宏、梁晓东、姚佳三位主任医师
      let before = this.endingBefore(k);
      const lead = before ? roleBefore(text, before.start, this.ends) + unit : '';
      const count = countBefore(tokens, k);
      if (!before && count >= 0) before = this.endingBefore(count);
      if (before) {
        const r = lead + role;
        this.push(before, r);
        this.enumerate(before, r, -1);
        continue;
      }
      // name after the role: 主任/王/栩/冬/介绍, 院长/刘建国/介绍; or after 的 (分管副县长的葛建民): the role describes the name
      const after = this.withFollower(k + 1) ?? (tokens[k + 1]?.word === '的' ? this.withFollower(k + 2) : null);
      if (after) {
        const r = roleBefore(text, tokens[k].end - role.length, this.ends) + role;
        this.push(after, r);
        this.enumerate(after, r, 1);
      }
    }

    // a speaker needs a verb of saying after the name, an apposition a role word: most sentences have neither
    const speaks = roles > 0 || tokens.some((t) => SPEECH_VERBS.has(t.word));
    for (let k = 0; speaks && k < tokens.length; k++) {
      if (!this.opensClause(k)) continue;
      for (const c of this.shapes(k)) {
        const next = tokens[c.last + 1];
        // “……”冯振华说 / 据吴晓明介绍: the speaker is a person
        if (next && SPEECH_VERBS.has(next.word)) { this.push(c, ''); break; }
        // 李红霞，临潭县人民医院护士长，……: the clause after the comma is the role
        const role = next && (next.word === '，' || next.word === ',') ? appositionRole(text, tokens, c.last + 2) : null;
        if (role) { this.push(c, role); break; }
      }
    }
    for (const c of minorityNames(text, tokens, (s, e) => this.free(s, e))) {
      // a surname-shaped piece read inside the longer name (牛木呷 in 阿牛木呷, 阿卜杜 in 阿卜杜热合曼·吐尔逊) gives way to it
      const dotted = c.name.includes('·');
      const inside = out.filter((o) => o.start >= c.start && o.end <= c.end && o.end - o.start < c.end - c.start && (dotted || o.start > c.start));
      for (const o of inside) { out.splice(out.indexOf(o), 1); taken.delete(o.start); }
      if (!out.some((o) => o.start < c.end && c.start < o.end)) this.push(c, c.role || inside[0]?.role || '');
    }
    return out;
  }

  private push(c: Candidate, role: string): void {
    if (this.taken.has(c.start)) return;
    this.taken.add(c.start);
    this.ends.add(c.end);
    this.out.push({ name: c.name, role, start: c.start, end: c.end });
  }

  private free(s: number, e: number): boolean {
    return !this.occupied.some((o) => o.start < e && s < o.end);
  }

  /** Name shapes starting at token k, longest first; `follows` decides what may come after the name. */
  private shapes(k: number): Candidate[] {
    const { text, tokens } = this;
    const first = tokens[k];
    if (!first) return [];
    // a name the dictionary knows as one, surname or not (巴特尔, 习近平)
    if (first.word.length >= 3 && isPersonWord(first.word) && isNameShape(first.word) && this.free(first.start, first.end)) {
      return [{ name: first.word, start: first.start, end: first.end, first: k, last: k }];
    }
    if (!SURNAMES.has(first.word[0]) || PREPOSITIONS.has(first.word)) return [];
    const found: Candidate[] = [];
    for (let len = 3; len >= 2; len--) {
      const end = first.start + len;
      let j = k;
      while (j < tokens.length && tokens[j].end < end) j++;
      if (j >= tokens.length || tokens[j].end !== end || !contiguous(tokens, k, j)) continue;
      const name = text.slice(first.start, end);
      if (!isNameShape(name) || !this.free(first.start, end)) continue;
      // a role or a verb inside is no name (张主任, 孙建议); a common word on its own is no name (高度, 全国)
      // and a two-character word jieba keeps whole is a name only when the dictionary says so (齐聚 is not)
      if (this.wordInside(k, j) || (first.word.length >= 2 && isCommonWord(first.word)) || (len === 2 && j === k && !isPersonWord(name))) {
        this.reject?.('person-common-word');
        continue;
      }
      found.push({ name, start: first.start, end, first: k, last: j });
    }
    return found;
  }

  /** A role or a verb among tokens k..j; a given name the dictionary knows only as a rare adverb or verb stays a name (韩/立新). */
  private wordInside(k: number, j: number): boolean {
    for (let i = k; i <= j; i++) {
      const w = this.tokens[i].word;
      if (roleOf(w) || (isFunctionOrVerb(w) && !(i > k && isRareFunctionWord(w)))) return true;
    }
    return false;
  }

  /** A name that ends right before token k (王勇|教授); a preposition is not read as a surname (和|王勇|教授). */
  private endingBefore(k: number): Candidate | null {
    for (let i = Math.max(0, k - 3); i < k; i++) {
      const c = this.shapes(i).find((x) => x.last === k - 1);
      if (c) return c;
    }
    return null;
  }

  /** What may follow a name that no role word anchors: punctuation, a verb, 等, a role. */
  private follows(k: number): boolean {
    const t = this.tokens[k];
    if (!t) return true;
    if (!HAN.at(t.word, 0)) return true;
    if (GIVEN_NAME_CHARS.has(t.word)) return false; // 石国|强: the lone 强 ends the name, it does not follow it
    return NAME_BREAKERS.has(t.word) || NAME_FOLLOWERS.has(t.word) || isFunctionOrVerb(t.word) || isRole(t);
  }

  private opensClause(k: number): boolean {
    return k === 0 || !HAN.at(this.tokens[k - 1].word, 0) || OPENERS.has(this.tokens[k - 1].word);
  }

  private withFollower(k: number): Candidate | null {
    return this.shapes(k).find((c) => this.follows(c.last + 1)) ?? null;
  }

  /** Names joined to `c` by 、 share its role (dir -1: the names before it, 1: after it). */
  private enumerate(c: Candidate, role: string, dir: 1 | -1): void {
    const tokens = this.tokens;
    let cur = c;
    for (;;) {
      if (dir === 1) {
        const sep = tokens[cur.last + 1];
        if (sep?.word !== '、') return;
        const next = this.withFollower(cur.last + 2);
        if (!next) return;
        this.push(next, role);
        cur = next;
      } else {
        const sep = tokens[cur.first - 1];
        if (sep?.word !== '、') return;
        const prev = this.endingBefore(cur.first - 1);
        if (!prev || !(prev.first === 0 || !HAN.at(tokens[prev.first - 1].word, 0))) return;
        this.push(prev, role);
        cur = prev;
      }
    }
  }
}

/** Two or three Han characters, the given name free of words that cannot be in a name and of place endings. */
function isNameShape(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (!HAN.at(name, i)) return false;
  for (let i = 1; i < name.length; i++) if ((NAME_BREAKERS.has(name[i]) && !GIVEN_NAME_CHARS.has(name[i])) || NAME_FOLLOWERS.has(name[i])) return false;
  return !PLACE_END.at(name, name.length - 1);
}

/** The first token of a count that stands between names and their role (等, 三位, 3名), or -1. */
function countBefore(tokens: Token[], k: number): number {
  if (k < 1) return -1;
  if (COUNT_BEFORE_ROLE.test(tokens[k - 1].word)) return k - 1;
  if (k >= 2 && COUNT_BEFORE_ROLE.test(tokens[k - 2].word + tokens[k - 1].word)) return k - 2;
  return -1;
}

function contiguous(tokens: Token[], from: number, to: number): boolean {
  for (let i = from + 1; i <= to; i++) if (tokens[i - 1].end !== tokens[i].start) return false;
  return true;
}

/** The clause from token k to the next break, when it ends in a role word: 原天津市人民医院普外科主任. */
function appositionRole(text: string, tokens: Token[], k: number): string | null {
  const from = tokens[k]?.start;
  if (from === undefined) return null;
  let j = k;
  while (j < tokens.length && !CLAUSE_BREAK.at(tokens[j].word, 0)) j++;
  const last = tokens[j - 1];
  if (j === k || !isRole(last) || last.end - from > 30) return null;
  return text.slice(from, last.end);
}

/**
 * The organisation and post written before a role (市卫生健康委党委书记、…), back to the clause start; an
 * enumeration stops at the name before it (主任王玉芬、副院长陈立新), and 由 (理事长由…主任吴晓明担任).
 */
function roleBefore(text: string, at: number, nameEnds: Set<number>): string {
  let i = at;
  while (i > 0 && at - i < 24 && !CLAUSE_BREAK.at(text, i - 1) && !(text.charCodeAt(i - 1) === 0x3001 && nameEnds.has(i - 1))) i--;
  const lead = text.slice(i, at);
  return /[院委局部校所心]|党委|书记|主任/u.test(lead) ? lead.replace(/^(发布会上|会上|其中)/u, '').replace(/^.*由/u, '') : '';
}

/** What follows a speaker's name: a verb of saying, or 对此 (普布次仁对此深有体会). */
const SPOKEN_AFTER = /^(说|表示|介绍|指出|强调|认为|坦言|透露|告诉|回忆|解释|感慨|谈到|提到|补充说|代表|对此)/u;
const SPOKEN_ANYWHERE = new RegExp(SPOKEN_AFTER.source.slice(1), 'u');
/** Pronouns and function characters that open no name (他也说, 这些说). */
const NO_NAME_START = charClass(/[他她我你它这那该其也都还又就便却只每各本此某]/u);
/** A transliterated name: two parts joined by a middle dot (阿卜杜热合曼·吐尔逊). */
const DOTTED = /^\p{Script=Han}{2,8}[·•]\p{Script=Han}{2,8}/u;

/**
 * Names without a Han surname (Tibetan 才让东知, Mongolian 巴图, Yi 阿牛木呷, Uyghur 古丽米拉·艾合买提): the
 * segmenter knows none of them and cuts them into single characters. Taken only where the text says a
 * person speaks: right after a role word (副局长巴图表示) or at a clause start before a verb of saying
 * (”拉毛措说); either as a dotted transliteration or as 2–5 characters the segmenter left single.
 */
function minorityNames(text: string, tokens: Token[], free: (s: number, e: number) => boolean): (Candidate & { role: string })[] {
  const out: (Candidate & { role: string })[] = [];
  // every shape below needs a verb of saying after the name or a middle dot in it
  if (!SPOKEN_ANYWHERE.test(text) && !/[·•]/u.test(text)) return out;
  // k = -1 stands for the sentence start (a quote's closing mark often ends the sentence before: 阿牛木呷说。)
  for (let k = -1; k < tokens.length; k++) {
    const role = k >= 0 ? roleOf(tokens[k].word) : null;
    const opener = !role && (k < 0 || OPENERS.has(tokens[k].word) || !HAN.at(tokens[k].word, 0));
    if (!role && !opener) continue;
    const at = k >= 0 ? tokens[k].end : 0;
    if (NO_NAME_START.at(text, at) || !HAN.at(text, at)) continue;
    const rest = text.slice(at, at + 24);
    const dotted = DOTTED.exec(rest);
    let name: string | null = null;
    if (dotted) {
      // the second part ends where the saying starts (…·吐尔逊介绍) or at the end of the dotted run
      const tail = rest.slice(0, dotted[0].length);
      const cut = [...tail.matchAll(/(?=说|表示|介绍|指出|强调|告诉|对此|是)/gu)].map((m) => m.index!).find((i) => i > tail.indexOf('·') + 2);
      name = cut ? tail.slice(0, cut) : tail;
    } else {
      for (let len = 2; len <= 5 && !name; len++) {
        if (!SPOKEN_AFTER.test(rest.slice(len))) continue;
        const cand = rest.slice(0, len);
        if (!/^\p{Script=Han}+$/u.test(cand)) break;
        // the segmenter's own words (团队, 记者) are no unknown name: at least half the name is left in single
        // characters (扎/西平/措), unless the dictionary knows the piece as a name (巴特尔); 们 ends no name
        let j = k + 1, single = 0;
        let verb = false;
        while (j < tokens.length && tokens[j].end <= at + len) {
          const w = tokens[j].word;
          if (w.length === 1 || isPersonWord(w)) single += w.length;
          else if (isFunctionOrVerb(w)) verb = true; // 先后, 据此: words of the sentence, not of a name
          j++;
        }
        // at a clause start with no role to vouch for it, the name is all single characters or a known name
        if (verb || single * 2 < len || (opener && single < len) || cand.includes('们') || tokens[j - 1]?.end !== at + len) break;
        if (opener && (len < 3 || [...cand].some((ch) => NAME_BREAKERS.has(ch)))) break;
        name = cand;
      }
    }
    if (!name || !free(at, at + name.length) || PLACE_END.at(name, name.length - 1)) continue;
    out.push({ name, start: at, end: at + name.length, first: k + 1, last: k + 1, role: role ? roleBefore(text, at - role.length, new Set()) + role : '' });
  }
  return out;
}
