import { describe, expect, it } from 'vitest';
import { entity, named, run } from './helpers.ts';

describe('people', () => {
  it('reads a name after its role and keeps the organisation in the role', () => {
    const k = run('会上,省卫生健康委党委书记、主任孟庆东介绍了进展。');
    expect(entity(k, '孟庆东')).toMatchObject({ id: 'person:孟庆东', role: '省卫生健康委党委书记、主任' });
  });

  it('reads a name before its role', () => {
    const k = run('河北医科大学第二医院神经内科李芳教授与团队完成手术。');
    expect(entity(k, '李芳')?.role).toBe('河北医科大学第二医院神经内科教授');
  });

  it('does not take ordinary words before a role for a name', () => {
    expect(named(run('相关专家和科室主任参加了会议,知名专家作报告。'), 'person')).toEqual([]);
  });
});

describe('projects', () => {
  it('reads named programmes, alliances and quoted names', () => {
    const k = run('两地共建“健康扶贫”工程,成立京津冀儿科专科联盟,推进国家区域医疗中心项目。');
    expect(named(k, 'project')).toEqual(expect.arrayContaining(['京津冀儿科专科联盟', '国家区域医疗中心项目']));
    expect(named(k, 'project').some((n) => n.includes('健康扶贫'))).toBe(true);
  });

  it('does not take generic words for a project', () => {
    expect(named(run('双方签约了合作项目,开展重大项目建设。'), 'project')).toEqual([]);
  });
});
