import { describe, expect, it } from 'vitest';
import { findReprints, fingerprint, hammingDistance } from './reprint.ts';

const story =
  '4月10日，示例市第一医院组织8名专家赴远方县人民医院开展帮扶活动，通过义诊、查房和讲座把优质医疗服务送到群众家门口。' +
  '活动期间，专家团队共接诊患者260余人次，开展教学查房4次，为当地医务人员讲授专题课程3场。' +
  '远方县人民医院院长表示，希望双方在人才培养、专科建设等方面继续深化合作，让更多群众享受到优质医疗资源。';
const other =
  '3月4日，北方市儿童医院与南山县妇幼保健院签署托管协议，北方市儿童医院将派驻管理团队和儿科专家。' +
  '双方将共建新生儿重症监护病房，开展远程影像和病理诊断，南山县儿童在当地即可获得省级专家诊疗。' +
  '南山县卫生健康局表示，这一合作将缓解当地儿科医生短缺问题，下一步还将推动更多学科合作。';

describe('fingerprint', () => {
  it('is close for a lightly edited reprint and far for another story', () => {
    const a = fingerprint(story)!;
    const b = fingerprint(`${story.replace('260余', '270余')}（来源：示例日报）`)!;
    const c = fingerprint(other)!;
    expect(hammingDistance(a, b)).toBeLessThanOrEqual(4);
    expect(hammingDistance(a, c)).toBeGreaterThan(10);
  });
  it('gives no fingerprint to a body too short to compare', () => {
    expect(fingerprint('短讯')).toBeNull();
  });
});

describe('findReprints', () => {
  it('links every copy to the earliest one and leaves originals null', () => {
    const reprint = `${story}（编辑：张三）`;
    const r = findReprints([
      { id: 'late', fingerprint: fingerprint(reprint), published: '2024-04-13' },
      { id: 'first', fingerprint: fingerprint(story), published: '2024-04-11T09:00' },
      { id: 'undated', fingerprint: fingerprint(story), published: null },
      { id: 'other', fingerprint: fingerprint(other), published: '2024-01-01' },
      { id: 'short', fingerprint: fingerprint('短讯'), published: '2020-01-01' },
    ]);
    expect(r.get('first')).toBeNull();
    expect(r.get('late')).toBe('first');
    expect(r.get('undated')).toBe('first');
    expect(r.get('other')).toBeNull();
    expect(r.get('short')).toBeNull();
  });
  it('refuses unknown options', () => {
    expect(() => findReprints([], { maxDistanse: 2 } as never)).toThrow();
  });
});
