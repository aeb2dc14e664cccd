// Status and period of a figure from its own words (original sentences).
import { describe, expect, it } from 'vitest';
import { classifyFigure } from './figure-status.ts';

const f = (evidence: string, text: string, unit = '张', metric = '床位', time: string | null = null) => ({ evidence, text, unit, metric, time });

describe('figure status', () => {
  it('tells a plan, an increase, a running total and a state apart', () => {
    expect(classifyFigure(f('新院区远期规划床位800张。', '远期规划床位800张'), '2023-05-01')).toMatchObject({ status: 'planned', period: '2023', additive: true });
    expect(classifyFigure(f('今年新增床位120张。', '新增床位120张'), '2021-01-01').status).toBe('increase');
    expect(classifyFigure(f('五年来累计派驻专家600人次。', '累计派驻专家600人次', '人次', '派驻专家'), '2024-01-01')).toMatchObject({ status: 'cumulative' });
    expect(classifyFigure(f('该院现有床位350张，一期开放床位200张。', '一期开放床位200张'), '2019-03-01')).toMatchObject({ status: 'existing', cue: '开放' });
    // a plan in the previous clause does not make this number a plan
    expect(classifyFigure(f('医院计划扩建，现有床位350张。', '现有床位350张'), '2019-03-01').status).toBe('existing');
  });

  it('splits money by what it is and never adds a per-unit amount', () => {
    const money = (evidence: string, text: string) => classifyFigure(f(evidence, text, '元', '资金'), '2023-01-01');
    expect(money('项目总投资约12亿元。', '总投资约12亿元').metric).toBe('资金·投资');
    expect(money('全年异地就医结算金额20亿元。', '结算金额20亿元').metric).toBe('资金·医保结算');
    expect(money('安排对口帮扶资金300万元。', '对口帮扶资金300万元')).toMatchObject({ metric: '资金·帮扶资金', additive: true });
    expect(money('每例会诊为患者节省约3000元。', '节省约3000元')).toMatchObject({ additive: false });
    expect(classifyFigure(f('每位专家带教3名医生。', '带教3名', '名', '培训'), null).additive).toBe(false);
  });

  it('marks wholes and rates, and reads the year a rate is of', () => {
    expect(classifyFigure(f('成员单位已达52家。', '成员单位已达52家', '家', '医疗机构'), null)).toMatchObject({ total: true, period: null });
    const rate = classifyFigure(f('三级手术占比由2018年的22%提高到今年的35%。', '三级手术占比由2018年的22%', '%', '占比'), '2021-06-01');
    expect(rate).toMatchObject({ additive: false, period: '2018' });
    expect(classifyFigure(f('门诊量增长约四成。', '门诊量增长约四成', '成', '增长率'), '2021-06-01').additive).toBe(false);
    expect(classifyFigure(f('规划床位1200张，预计2025年建成。', '规划床位1200张', '张', '床位', '2025'), '2022-01-20').period).toBe('2025');
  });
});
