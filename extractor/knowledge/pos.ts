// Part of speech from the jieba dictionary itself, read once: a Set lookup per token instead of
// a second tagging pass (nodejieba.tag costs about two thirds of a cut again).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Tags that end a name when extending left: verbs (and verbal nouns), pronouns, prepositions, conjunctions, particles, adverbs. */
const STOP_TAGS = new Set(['v', 'vn', 'r', 'p', 'c', 'u', 'd', 'ad', 'vd', 'y', 'e', 'o']);
/** Verbs that do occur inside institution and project names. */
const NAME_VERBS = new Set([
  '结合', '认证', '控制', '预防', '救治', '检测', '监测', '保健', '研究', '管理', '协作', '指导',
  '康复', '治疗', '培训', '教育', '监督', '考试', '应急', '评价', '鉴定', '护理', '体检', '诊疗', '医疗', '养老',
  '急救', '保障', '健康', '卫生', '计划生育', '生育', '康养', '疗养', '科研', '教学', '规划', '设计', '质控', '检验',
]);

let stopWords: Set<string> | null = null;

function load(): Set<string> {
  const require = createRequire(import.meta.url);
  const dictPath = (require('nodejieba') as { DEFAULT_DICT: string }).DEFAULT_DICT;
  const set = new Set<string>();
  for (const line of readFileSync(dictPath, 'utf8').split('\n')) {
    const sp1 = line.indexOf(' ');
    const sp2 = line.lastIndexOf(' ');
    if (sp1 < 2 || sp2 <= sp1) continue; // single characters are left to the name grammar
    const word = line.slice(0, sp1);
    if (STOP_TAGS.has(line.slice(sp2 + 1).trim()) && !NAME_VERBS.has(word)) set.add(word);
  }
  return set;
}

/** A word of two or more characters that the dictionary tags as a verb, pronoun, adverb or function word. */
export function isFunctionOrVerb(word: string): boolean {
  if (word.length < 2) return false; // the set holds no single characters: skip hashing the token
  stopWords ??= load();
  return stopWords.has(word);
}
