// Region abbreviations used in collaboration news and their long forms. Each group is mutual: a query
// for one finds the others. Meilisearch gets these as index synonyms; the embedded index expands terms.
export const REGION_SYNONYMS: readonly string[][] = [
  ['京津冀', '北京天津河北'],
  ['京蒙', '北京内蒙古'],
  ['京冀', '北京河北'],
  ['京津', '北京天津'],
  ['津冀', '天津河北'],
  ['长三角', '长江三角洲'],
  ['珠三角', '珠江三角洲'],
  ['大湾区', '粤港澳大湾区'],
  ['成渝', '成渝地区'],
  ['东北三省', '黑吉辽'],
  ['沪苏浙皖', '长三角三省一市'],
];

const byWord = new Map<string, string[]>();
for (const group of REGION_SYNONYMS) for (const w of group) byWord.set(w, group.filter((x) => x !== w));

/** Other forms of a word (empty when it has none). */
export function synonymsOf(word: string): string[] {
  return byWord.get(word) ?? [];
}

/** The table in Meilisearch's `synonyms` setting format (word → its other forms). */
export function meiliSynonyms(): Record<string, string[]> {
  return Object.fromEntries(byWord);
}
