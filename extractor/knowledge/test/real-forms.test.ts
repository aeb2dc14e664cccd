// Forms real reports use that the team's own articles did not: each case is an original sentence of that form.
import { describe, expect, it } from 'vitest';
import { entity, named, pairs, run } from './helpers.ts';

describe('home-relative names in a report that never names its province', () => {
  it('reads 省卫健委 / 省中医院 as the province of the home city', () => {
    const k = run('昨天,淮安市政府和省卫健委签订合作协议。淮安市第二人民医院与省中医院结为医联体。');
    expect(named(k, 'organization')).toContain('江苏省卫生健康委员会');
    expect(entity(k, '省中医院')?.name).toBe('江苏省中医院');
  });

  it('reads 自治区人民政府 as the autonomous region of the home city', () => {
    const k = run('固原市人民医院与北京积水潭医院签约,固原市群众受益。2019年,北京市与自治区人民政府签署合作框架协议。');
    expect(entity(k, '自治区人民政府')?.name).toBe('宁夏回族自治区人民政府');
  });
});
