// Named programmes of regional collaboration that carry no project head, read by their own grammar:
// a pair of one-character province abbreviations or 东西部 / 南北 before 协作 / 合作 / 挂钩 (沪滇协作, 苏陕协作,
// 京张医疗合作, 东西部卫生健康合作), the “组团式” form of help (组团式医疗支援, 沪滇组团式支援, 组团式医疗援青),
// 对口援疆 / 对口援青, and the coordinated development of paired regions (川渝协同发展) as a programme acted under.
import type { ProjectMention } from './projects.ts';

/** One-character abbreviations of provinces (and 张 of 京张): 新 is left out, 新疆 is a name, not a pair. */
const ABBR = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕秦甘陇青宁疆港澳张';
const PAIRED = `[${ABBR}]{2,4}`;
const PROGRAMME = new RegExp(
  [
    // not as a modifier of what follows (京津冀合作项目, 京冀合作医院 are projects and hospitals of the programme)
    `(?:${PAIRED}|东西部|南北)(?:扶贫|医疗卫生|卫生健康|医疗|卫生|健康)?(?:协作|合作|挂钩)(?!项目|医院|单位|机构|医疗机构|专家|成果)`,
    `(?:${PAIRED})?“?组团式?”?(?:医疗)?(?:帮扶|援疆|援藏|援青|支援|援助)`,
    '对口援(?:疆|藏|青)',
    `${PAIRED}协同发展`,
  ].join('|'),
  'gu',
);

export function scanProgrammes(text: string): ProjectMention[] {
  if (!/协作|合作|挂钩|组团|援疆|援藏|援青|协同发展/u.test(text)) return [];
  const out: ProjectMention[] = [];
  for (const m of text.matchAll(PROGRAMME)) {
    const name = m[0].replace(/[“”]/gu, '');
    out.push({ name, start: m.index, end: m.index + m[0].length, quoted: m[0].includes('“'), programme: true });
  }
  return out;
}

/** Forms of one programme that differ by a field word (组团式医疗支援 / 组团式支援) share one key. */
export function programmeKey(name: string): string {
  return /组团/u.test(name) ? name.replace(/医疗/u, '') : name;
}
