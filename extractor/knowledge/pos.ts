// Part of speech from the jieba dictionary itself, read once: a Set lookup per token instead of
// a second tagging pass (nodejieba.tag costs about two thirds of a cut again).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SURNAMES } from '../dict/people.ts';

/** Tags that end a name when extending left: verbs (and verbal nouns), pronouns, prepositions, conjunctions, particles, adverbs. */
const STOP_TAGS = new Set(['v', 'vn', 'r', 'p', 'c', 'u', 'd', 'ad', 'vd', 'y', 'e', 'o']);
/** Verbs that do occur inside institution and project names. */
const NAME_VERBS = new Set([
  '结合', '认证', '控制', '预防', '救治', '检测', '监测', '保健', '研究', '管理', '协作', '指导',
  '康复', '治疗', '培训', '教育', '监督', '考试', '应急', '评价', '鉴定', '护理', '体检', '诊疗', '医疗', '养老',
  '急救', '保障', '健康', '卫生', '计划生育', '生育', '康养', '疗养', '科研', '教学', '规划', '设计', '质控', '检验',
]);

/** Dictionary frequency under which a function-word tag says little: 立新 (d, 51) is mostly a given name. */
const RARE = 100;

let stopWords: Set<string> | null = null;
let commonWords: Set<string> | null = null;
let personWords: Set<string> | null = null;
let rareStopWords: Set<string> | null = null;

function load(): void {
  const require = createRequire(import.meta.url);
  const dictPath = (require('nodejieba') as { DEFAULT_DICT: string }).DEFAULT_DICT;
  stopWords = new Set<string>();
  commonWords = new Set<string>();
  personWords = new Set<string>();
  rareStopWords = new Set<string>();
  for (const line of readFileSync(dictPath, 'utf8').split('\n')) {
    const sp1 = line.indexOf(' ');
    const sp2 = line.lastIndexOf(' ');
    if (sp1 < 2 || sp2 <= sp1) continue; // single characters are left to the name grammar
    const word = line.slice(0, sp1);
    const tag = line.slice(sp2 + 1).trim();
    if (STOP_TAGS.has(tag) && !NAME_VERBS.has(word)) {
      stopWords.add(word);
      if (Number(line.slice(sp1 + 1, sp2)) < RARE) rareStopWords.add(word);
    }
    // words that begin like a name (高度, 全国, 石家庄) but that the dictionary does not tag as a person
    if (sp1 <= 3 && !tag.startsWith('nr') && SURNAMES.has(word[0])) commonWords.add(word);
    // whole names (巴特尔, 习近平); not nrt, the transliterated foreign names
    else if (sp1 <= 4 && (tag === 'nr' || tag === 'nrfg')) personWords.add(word);
  }
}

/** A word of two or more characters that the dictionary tags as a verb, pronoun, adverb or function word. */
export function isFunctionOrVerb(word: string): boolean {
  if (word.length < 2) return false; // the set holds no single characters: skip hashing the token
  if (!stopWords) load();
  return stopWords!.has(word);
}

/** A dictionary word of two or three characters starting with a surname character, not tagged as a person name. */
export function isCommonWord(word: string): boolean {
  if (word.length < 2 || word.length > 3) return false;
  if (!commonWords) load();
  return commonWords!.has(word);
}

/** A dictionary word of two to four characters tagged as a person's name. */
export function isPersonWord(word: string): boolean {
  if (word.length < 2 || word.length > 4) return false;
  if (!personWords) load();
  return personWords!.has(word);
}

/** A function word or verb the dictionary counts so rarely that, after a surname, it is rather a given name (韩/立新). */
export function isRareFunctionWord(word: string): boolean {
  if (word.length < 2) return false;
  if (!rareStopWords) load();
  return rareStopWords!.has(word);
}
