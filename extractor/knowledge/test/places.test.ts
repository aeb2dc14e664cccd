import { describe, expect, it } from 'vitest';
import { gazetteer } from '../gazetteer.ts';
import { entity, named, run } from './helpers.ts';

describe('gazetteer', () => {
  it('is built once and holds provinces, cities, counties and new areas with codes and parents', () => {
    const g = gazetteer();
    expect(gazetteer()).toBe(g);
    expect(g.byCode.get('130600')?.name).toBe('保定市');
    expect(g.byCode.get('130632')).toMatchObject({ name: '安新县', level: 'county', parent: '130600' });
    expect(g.byCode.get('120116')).toMatchObject({ name: '滨海新区', parent: '120000' });
    expect(g.byCode.get('133100')).toMatchObject({ name: '雄安新区', parent: '130000' });
    expect(g.ancestors('130632')).toEqual(['130600', '130000']);
  });
});

describe('place mentions', () => {
  it('expands short forms to official names with their codes', () => {
    const k = run('上周保定与内蒙古两地卫生部门座谈,商定在雄安开展义诊。');
    expect(entity(k, '保定市')).toMatchObject({ id: 'place:130600', code: '130600', level: 'city', aliases: ['保定'] });
    expect(entity(k, '内蒙古自治区')).toMatchObject({ id: 'place:150000', level: 'province' });
    expect(entity(k, '雄安新区')?.id).toBe('place:133100');
  });

  it('treats region terms as places of kind region', () => {
    const k = run('长三角和粤港澳大湾区的经验值得京津冀借鉴。');
    expect(entity(k, '京津冀')).toMatchObject({ id: 'place:region:京津冀', level: 'region' });
    expect(entity(k, '长三角')?.level).toBe('region');
    expect(entity(k, '粤港澳大湾区')?.level).toBe('region');
  });

  it('reads 京, 津, 冀, 蒙 as no place, alone or joined (京蒙协作); 京津冀 is a region', () => {
    expect(named(run('专家从京、津两地赶来,在冀北开展巡诊。'), 'place')).toEqual([]);
    expect(named(run('京蒙协作让两地医院结成对子,京津专家定期会诊。'), 'place')).toEqual([]);
    expect(named(run('京津冀协同发展十周年。'), 'place')).toEqual(['京津冀']);
  });

  it('the joined abbreviations do not make the home city: 市卫生健康委 in a 京蒙 story', () => {
    const k = run('京蒙协作启动。赤峰市医院接收专家。市卫生健康委表示将做好保障。');
    expect(entity(k, '市卫生健康委')?.name).toBe('赤峰市卫生健康委员会');
  });

  it('does not read a mountain range as the prefecture sharing its short form', () => {
    expect(named(run('兴安盟地处大兴安岭南麓,同仁专家深入乌兰浩特市义诊。'), 'place')).toEqual(['乌兰浩特市', '兴安盟']);
  });

  it('resolves an ambiguous district by the place written before it', () => {
    expect(entity(run('北京市朝阳区卫生健康委组织培训。'), '朝阳区')?.code).toBe('110105');
    expect(entity(run('长春市朝阳区开展健康宣传。'), '朝阳区')?.code).toBe('220104');
  });

  it('does not read a place out of a hospital brand name', () => {
    const k = run('首都医科大学附属北京朝阳医院与北京同仁医院专家会诊。');
    expect(named(k, 'place')).toEqual(['北京市']);
  });

  it('counts the place inside an institution name and links PART_OF between named places', () => {
    const k = run('河北省廊坊市大城县医院新建病房楼。');
    expect(named(k, 'place')).toEqual(['大城县', '廊坊市', '河北省']);
    const partOf = k.relations.filter((r) => r.type === 'part_of').map((r) => `${r.a}>${r.b}`);
    expect(partOf).toEqual(expect.arrayContaining(['place:131025>place:131000', 'place:131000>place:130000']));
  });
});

describe('written short forms of long county names', () => {
  it('reads an autonomous county without its peoples, and a banner by its position words', async () => {
    const { writtenShortForms } = await import('../gazetteer.ts');
    expect(writtenShortForms('丰宁满族自治县')).toEqual(['丰宁县']);
    expect(writtenShortForms('察哈尔右翼后旗')).toEqual(['察右后旗']);
    expect(writtenShortForms('东乌珠穆沁旗')).toEqual(['东乌旗']);
    expect(writtenShortForms('阿巴嘎旗')).toEqual([]);
  });

  it('makes 丰宁县医院 the same hospital as 丰宁满族自治县医院', () => {
    const k = run('丰宁满族自治县医院新院区启用。丰宁县医院门诊量上升。');
    expect(entity(k, '丰宁县医院')?.name).toBe('丰宁满族自治县医院');
    expect(named(k, 'place')).toEqual(['丰宁满族自治县']);
  });

  it('reads 和 after an institution as the conjunction, not as the start of 和县', () => {
    const k = run('临西县医院的帮扶方案由临西县卫健局和县医保局共同审定。');
    expect(named(k, 'place')).toEqual(['临西县']);
    expect(named(k, 'organization')).toEqual(['临西县医疗保障局', '临西县卫生健康局']);
    expect(named(run('和县人民医院开通远程会诊。'), 'place')).toEqual(['和县']);
  });
});
