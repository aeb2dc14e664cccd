import { describe, expect, it } from 'vitest';
import { findReprints, fingerprint, similarity } from './reprint.ts';

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
    expect(similarity(a, b)).toBeGreaterThan(0.7);
    expect(similarity(a, c)).toBeLessThan(0.2);
  });
  it('still matches a reprint whose lead and closing sentences were rewritten', () => {
    const long = [
      '5月8日，示例市中心医院与远方县人民医院签订紧密型医联体合作协议',
      story,
      '根据协议，示例市中心医院将向远方县人民医院派驻管理团队，并开放进修名额20个',
      '远方县人民医院重点建设的胸痛中心和卒中中心将由市级专家全程指导',
      '双方还将开通远程会诊平台，县里的疑难病例可以当天得到市级专家的诊疗意见',
      '县卫生健康局负责人介绍，这是全县首个与市级医院签订的紧密型合作项目',
    ];
    const edited = ['本报讯 日前，示例市中心医院与远方县人民医院正式牵手', ...long.slice(1, -1), '此次合作为期五年，明年将开展中期评估'];
    const sim = similarity(fingerprint(long.join('。'))!, fingerprint(edited.join('。'))!);
    expect(sim).toBeGreaterThanOrEqual(0.5);
    expect(findReprints([
      { id: 'a', fingerprint: fingerprint(long.join('。')), published: '2024-05-08' },
      { id: 'b', fingerprint: fingerprint(edited.join('。')), published: '2024-05-10' },
    ]).get('b')).toBe('a');
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
