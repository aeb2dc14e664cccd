import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from '../numbers.ts';
import { run } from './helpers.ts';

const figs = (body: string, published: string | null = '2024-06-15') => run(body, published).figures.map((f) => ({ value: f.value, unit: f.unit, approximate: f.approximate }));

describe('figures', () => {
  it('parses Chinese numerals', () => {
    expect(parseChineseNumber('十二')).toBe(12);
    expect(parseChineseNumber('一百二十')).toBe(120);
    expect(parseChineseNumber('两千零五')).toBe(2005);
    expect(parseChineseNumber('百万')).toBe(1_000_000);
    expect(parseChineseNumber('三亿五千万')).toBe(350_000_000);
    expect(parseChineseNumber('医院')).toBeNaN();
  });

  it('reads counts with their units and folds 万 and 亿 into the value', () => {
    expect(figs('全年接诊2.6万人次,完成手术830例,总投资12亿元。')).toEqual([
      { value: 26000, unit: '人次', approximate: false },
      { value: 830, unit: '例', approximate: false },
      { value: 1_200_000_000, unit: '元', approximate: false },
    ]);
  });

  it('marks approximate forms', () => {
    expect(figs('累计培训基层医生30余人,服务群众超百万人次,开展义诊近200场。')).toEqual([
      { value: 30, unit: '人', approximate: true },
      { value: 1_000_000, unit: '人次', approximate: true },
      { value: 200, unit: '场', approximate: true },
    ]);
  });

  it('reads percentages and growth with their metric', () => {
    const k = run('该院出院人数同比增长18.25%,平均住院日下降7%。');
    expect(k.figures.map((f) => [f.value, f.unit, f.metric, f.label])).toEqual([[18.25, '%', '增长率', '该院出院人数同比增长'], [7, '%', '增长率', '平均住院日下降']]);
  });

  it('reads areas and beds with the subject institution and the time context', () => {
    const k = run('2023年,邯郸市中心医院新院区建筑面积约12万平方米,开放床位1500张。');
    expect(k.figures.map((f) => [f.value, f.unit, f.subject, f.time])).toEqual([
      [120000, '平方米', '邯郸市中心医院', '2023'],
      [1500, '张', '邯郸市中心医院', '2023'],
    ]);
  });

  it('does not read years, dates, ordinals, spans or announcing counts as figures', () => {
    const k = run('2019年3月5日,第三批专家到岗;合作十一年来,两家医院完成三个重大项目,迎来十周年。');
    expect(k.figures).toEqual([]);
    expect(k.rejected['figure-announcing-count']).toBeGreaterThan(0);
  });

  it('gives each figure provenance into the body', () => {
    const body = '前言。\n今年共派驻专家45名。';
    const k = run(body);
    const f = k.figures[0];
    expect(body.slice(f.provenance.start, f.provenance.end)).toBe('45名');
    expect(k.sentences[f.provenance.sentence]).toContain('45名');
    expect(f.time).toBe('2024');
  });

  it('reads weeks, grams, metres, trips, pairs, sessions and hour spans; a count naming a list is no figure', () => {
    expect(figs('胎龄仅29周的早产儿体重780克,两地每天对开6趟班车,全年迎来双胞胎40对,举办讲座52场次,步行距离缩短到90米,需在3个小时内送达。')).toEqual([
      { value: 29, unit: '周', approximate: false },
      { value: 780, unit: '克', approximate: false },
      { value: 6, unit: '趟', approximate: false },
      { value: 40, unit: '对', approximate: false },
      { value: 52, unit: '场次', approximate: false },
      { value: 90, unit: '米', approximate: false },
      { value: 3, unit: '小时', approximate: false },
    ]);
    expect(figs('中心提供4种服务:体检、康复、护理和安宁疗护,实行1对1结对,医生驻守10个月。')).toEqual([
      { value: 10, unit: '个月', approximate: false },
    ]);
  });
});
