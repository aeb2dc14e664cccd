import { describe, expect, it } from 'vitest';
import { METRICS } from '../../dict/metrics.ts';
import { canonicalMetric } from '../metrics.ts';
import { run } from './helpers.ts';

describe('canonical metrics', () => {
  const metricOf = (body: string) => run(body).figures.map((f) => `${f.value}${f.unit}:${f.metric}`);

  it('maps raw labels to one metric of the vocabulary and keeps the raw label', () => {
    const k = run('医联体成员单位新增床位320张,为农牧民免费筛查眼病3200余人次。');
    expect(k.figures.map((f) => [f.metric, f.label])).toEqual([['床位', '医联体成员单位新增床位'], ['筛查', '为农牧民免费筛查眼病']]);
    for (const f of run('天津的16家三级医院与唐山联网,首批12名北京专家到岗,计划总投资约30亿元。').figures) expect(METRICS).toContain(f.metric);
  });

  it('reads the counted noun after a number, never a stray fragment before it', () => {
    expect(metricOf('与天津的16家三级医院联网,首批12名北京专家已到岗。')).toEqual(['16家:医疗机构', '12名:专家']);
    expect(metricOf('累计选派9名专家,共选派专业人才40名。')).toEqual(['9名:派驻专家', '40名:派驻专家']);
  });

  it('decides money, area, time, shares and growth by unit', () => {
    expect(metricOf('投入资金1860万元,建筑面积12.2万平方米,10分钟内完成,占六成,门诊量增长15.4%。'))
      .toEqual(['18600000元:资金', '122000平方米:面积', '10分钟:时长', '6成:占比', '15.4%:增长率']);
  });

  it('prefers what was done over whom it was done to, and the category after 等', () => {
    expect(canonicalMetric('会诊疑难病例', '', '例')).toBe('远程会诊');
    expect(canonicalMetric('接收成员单位上转患者', '', '人次')).toBe('转诊');
    expect(canonicalMetric('开展鼻窦手术等新技术', '', '项')).toBe('新技术');
    expect(canonicalMetric('培训当地医务人员', '', '人次')).toBe('培训');
    expect(canonicalMetric('覆盖全省', '设区市', '个')).toBe('地区');
  });

  it('says other when nothing fits', () => {
    expect(canonicalMetric('天津市牵头', '', '个')).toBe('other');
    expect(canonicalMetric('', '', '件')).toBe('other');
  });
});
