// Rules added for documents beyond the shared gold: respective pairing, help stated as 在…帮助下,
// institutions run by another, joint founders, list alliances across provinces, old names and plates.
import { describe, expect, it } from 'vitest';
import { listPairs } from '../relations.ts';
import { entity, named, pairs, run } from './helpers.ts';

describe('collaborations beyond A与B', () => {
  it('pairs 分别与 lists by position', () => {
    const k = run('北京积水潭医院、北京安贞医院分别与承德市中心医院、沧州市中心医院结成帮扶对子。');
    expect(pairs(k).sort()).toEqual(['北京安贞医院|沧州市中心医院|assistance', '北京积水潭医院|承德市中心医院|assistance']);
  });

  it('reads A在B帮助下 as B helping A', () => {
    const k = run('邢台市人民医院在天津医科大学第二医院帮助下建成泌尿外科中心。');
    const r = k.relations.find((x) => x.type === 'collaboration');
    expect(r).toMatchObject({ a: 'hospital:天津医科大学第二医院', b: 'hospital:邢台市人民医院', kind: 'assistance', directed: true });
  });

  it('reads 这所由B负责运营管理的医院 as B running the hospital of the previous sentence', () => {
    const k = run('5月8日,廊坊新区医院正式开诊。这所由北京朝阳医院负责运营管理的医院设床位300张。');
    expect(pairs(k)).toEqual(['北京朝阳医院|廊坊新区医院|trusteeship']);
  });

  it('pairs founders that act together (A和B共同发起)', () => {
    const k = run('联盟由首都儿科研究所附属儿童医院和河北省儿童医院共同发起。');
    expect(pairs(k)).toEqual(['首都儿科研究所附属儿童医院|河北省儿童医院|alliance']);
  });

  it('pairs a list alliance across provinces, not members of one place with each other', () => {
    const k = run('加强天津市第一中心医院、天津市眼科医院和承德县医院等医联体建设。');
    expect(pairs(k).sort()).toEqual(['天津市眼科医院|承德县医院|alliance', '天津市第一中心医院|承德县医院|alliance']);
    expect(listPairs(['a', 'b', 'c'])).toEqual([['a', 'b'], ['a', 'c']]);
    expect(listPairs(['a', 'b', 'c'], (id) => (id === 'c' ? '130000' : '120000'))).toEqual([['a', 'c'], ['b', 'c']]);
  });
});

describe('one institution under two names', () => {
  it('reads 加挂“…”牌子 and 更名为 as the same hospital', () => {
    const k = run('唐山市妇幼保健院同时加挂“天津市儿童医院唐山医院”牌子。');
    expect(entity(k, '唐山市妇幼保健院')?.name).toBe('天津市儿童医院唐山医院');
    const r = run('2020年,廊坊市第四人民医院更名为廊坊市中医医院。');
    expect(named(r, 'hospital')).toEqual(['廊坊市中医医院']);
    expect(entity(r, '廊坊市第四人民医院')?.name).toBe('廊坊市中医医院');
  });

  it('joins a trusteed hospital with the parent\'s branch named after its place', () => {
    const body = '2016年北京天坛医院托管唐山市第二医院。北京天坛医院唐山医院门诊量增长三成。';
    const k = run(body);
    expect(entity(k, '唐山市第二医院')?.name).toBe('北京天坛医院唐山医院');
    // a hospital of another place stays apart
    const other = run('北京天坛医院托管承德市第二医院。北京天坛医院唐山医院门诊量增长。');
    expect(entity(other, '承德市第二医院')?.name).toBe('承德市第二医院');
  });

  it('names the parent by its long official form when the branch carries it', () => {
    const k = run('首都医科大学附属北京安贞医院南充医院开诊。北京安贞医院派出专家20名。');
    expect(entity(k, '北京安贞医院')?.name).toBe('首都医科大学附属北京安贞医院');
  });

  it('refuses levels of the health system as names (市属医院, 市级医院, 乡镇卫生院)', () => {
    const k = run('唐山市组织市属医院帮扶,覆盖市级医院12家和乡镇卫生院210家,本市市属医院派出专家。');
    expect(named(k, 'hospital')).toEqual([]);
  });

  it('reads agency short forms (卫生计生委, 管委会, 盟卫生健康委) and keeps 国务院', () => {
    const k = run('兴安盟人民医院扩建。盟卫生健康委表示支持。雄安新区管委会与保定市卫生计生委会商,党中央、国务院作出部署。');
    expect(named(k, 'organization')).toEqual(expect.arrayContaining(['兴安盟卫生健康委员会', '雄安新区管理委员会', '保定市卫生和计划生育委员会', '国务院', '中共中央']));
  });

  it('reads a hospital-run 医学中心 as a hospital, a national 医学中心 as none', () => {
    expect(named(run('北京协和医院澳门医学中心启用。'), 'hospital')).toContain('北京协和医院澳门医学中心');
    expect(named(run('争创国家医学中心。'), 'hospital')).toEqual([]);
  });
});

describe('figures beyond Arabic counts', () => {
  const figs = (body: string) => run(body).figures.map((f) => `${f.value}${f.unit}`);
  it('reads long Chinese-numeral counts but not short announcing ones', () => {
    expect(figs('首批派驻医护人员共八十三名,开设十二个专科。')).toEqual(['83名', '12个']);
    expect(figs('三个重大项目助力发展,两家医院签约。')).toEqual([]);
  });
  it('reads shares in 成, growth in 倍, durations of service and ranges from their low end', () => {
    expect(figs('外转患儿比例下降约六成,收治患者增长近一倍。')).toEqual(['6成', '1倍']);
    expect(figs('进修时间为3至6个月。合作已满3个月。')).toEqual(['3个月']);
    expect(figs('一成不变。')).toEqual([]);
  });
  it('skips slogans in quotes and counts that announce the list after them', () => {
    expect(figs('“三张网”打通后,获批项目4个,分别为甲、乙。')).toEqual([]);
  });
});
