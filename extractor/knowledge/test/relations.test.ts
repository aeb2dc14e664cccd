import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../index.ts';
import { entity, pairs, run } from './helpers.ts';

describe('collaborations', () => {
  it('reads an agreement between two named institutions with its date', () => {
    const k = run('2022年5月18日,北京积水潭医院与承德市中心医院签署合作协议。');
    expect(pairs(k)).toEqual(['北京积水潭医院|承德市中心医院|agreement']);
    expect(k.relations.find((r) => r.type === 'collaboration')?.date).toBe('2022-05-18');
  });

  it('resolves relative dates against the publish date', () => {
    const k = run('今年4月,天津市第一中心医院托管静海区医院。', '2024-05-10');
    const r = k.relations.find((x) => x.type === 'collaboration');
    expect(r).toMatchObject({ kind: 'trusteeship', date: '2024-04' });
  });

  it('gives the direction of help where the text states it', () => {
    const k = run('北京大学第三医院选派6名专家赴崇礼区人民医院开展帮扶。');
    const r = k.relations.find((x) => x.type === 'collaboration');
    expect(r).toMatchObject({ a: 'hospital:北京大学第三医院', b: 'hospital:崇礼区人民医院', kind: 'assistance', directed: true });
  });

  it('reads several kinds when the sentence states each', () => {
    const k = run('唐山市工人医院与天津医科大学总医院开展远程会诊和进修培训合作。');
    expect(pairs(k).sort()).toEqual(['唐山市工人医院|天津医科大学总医院|remote', '唐山市工人医院|天津医科大学总医院|training']);
  });

  it('pairs each member of a list with the alliance it joins', () => {
    const k = run('阜平县医院、涞源县医院已成为保定市第一中心医院医联体成员单位。');
    expect(pairs(k).sort()).toEqual(['保定市第一中心医院|涞源县医院|alliance', '保定市第一中心医院|阜平县医院|alliance']);
  });

  it('uses the article\'s own institution for a sentence that begins with 医院', () => {
    const body = '衡水市人民医院举办开放日。\n医院与北京安贞医院开展学科共建。';
    const k = run(body, '2024-01-01', '衡水市人民医院');
    expect(pairs(k)).toEqual(['衡水市人民医院|北京安贞医院|co-build']);
  });

  it('counts a stated plan as other, without a date', () => {
    const k = run('下一步,邢台市人民医院将与北京天坛医院在2025年深化合作。');
    expect(k.relations.find((r) => r.type === 'collaboration')).toMatchObject({ kind: 'other', date: null });
  });

  it('needs both partners named', () => {
    expect(pairs(run('廊坊市人民医院与当地医院签订合作协议。'))).toEqual([]);
    expect(pairs(run('双方签订了合作协议。'))).toEqual([]);
  });

  it('binds the parties of an agreement named in a book title', () => {
    const k = run('会议传达了《北京市、河北省人民政府关于深化医疗合作的框架协议》。');
    expect(pairs(k)).toEqual(['北京市人民政府|河北省人民政府|agreement']);
  });

  it('carries evidence and provenance for each collaboration', () => {
    const body = '导语。\n沧州市中心医院与天津市胸科医院联合开展义诊。';
    const r = run(body).relations.find((x) => x.type === 'collaboration')!;
    expect(r.evidence).toBe('沧州市中心医院与天津市胸科医院联合开展义诊。');
    expect(body.slice(r.provenance.start, r.provenance.end)).toBe(r.evidence);
    expect(r.confidence).toBeGreaterThan(0);
  });
});

describe('collaborations in passive and joined constructions', () => {
  it('reads B由A(和C)共同帮扶 as A helping B', () => {
    const k = run('隆化县医院由承德市中心医院和承德医学院附属医院共同帮扶。');
    expect(pairs(k)).toContain('承德市中心医院|隆化县医院|assistance');
  });

  it('reads 由A对B实行托管, past a bracketed short form', () => {
    const k = run('由唐山市工人医院对滦南县医院（以下简称滦南医院）实行全面托管。');
    expect(pairs(k)).toEqual(['唐山市工人医院|滦南县医院|trusteeship']);
  });

  it('pairs only the written pairs of A与B、C与D分别…', () => {
    const k = run('唐山市工人医院与滦南县医院、承德市中心医院与隆化县医院分别签订了协议。');
    expect(pairs(k).sort()).toEqual(['唐山市工人医院|滦南县医院|agreement', '承德市中心医院|隆化县医院|agreement'].sort());
  });

  it('joins 联合B to the institution that leads, across a comma', () => {
    const k = run('由滦南县医院牵头，联合滦南县中医医院组建医共体。');
    expect(pairs(k)).toEqual(['滦南县医院|滦南县中医医院|other']);
  });

  it('pairs the two hospitals of a national regional medical centre (以A为输出医院、依托B建设)', () => {
    const k = run('以北京积水潭医院为输出医院、依托承德市中心医院建设的国家区域医疗中心获批。');
    expect(pairs(k)).toEqual(['北京积水潭医院|承德市中心医院|co-build']);
  });

  it('reads …将B纳入成员单位 as B joining the leader\'s group', () => {
    const k = run('唐山市工人医院牵头的医疗集团将滦南县医院纳入成员单位。');
    expect(pairs(k)).toEqual(['唐山市工人医院|滦南县医院|alliance']);
  });
});

describe('collaborations of sending, posting and serving', () => {
  it('reads a doctor of A taking a post (挂职) in B as A helping B', () => {
    const k = run('邢台市人民医院骨科主任医师郝建军挂职威县人民医院副院长。');
    expect(pairs(k)).toEqual(['邢台市人民医院|威县人民医院|assistance']);
  });

  it('lets every hospital of a list before a directed verb act, past a comma', () => {
    const k = run('省里组织河北医科大学第二医院、河北省人民医院等省直医院，以团队方式对口支援威县人民医院。');
    expect(pairs(k).sort()).toEqual(['河北医科大学第二医院|威县人民医院|assistance', '河北省人民医院|威县人民医院|assistance']);
  });

  it('takes the party before 与 as the one who goes on to act (A与B签订协议，托管C)', () => {
    const k = run('邢台市人民医院与威县人民政府签订协议，全面托管威县中医院。');
    expect(pairs(k)).toContain('邢台市人民医院|威县中医院|trusteeship');
    expect(pairs(k).filter((p) => p.startsWith('威县人民政府|威县中医院'))).toEqual([]);
  });

  it('pairs A作为输出医院、B作为依托医院', () => {
    const k = run('项目由北京积水潭医院作为输出医院、承德市中心医院作为依托医院共同建设。');
    expect(pairs(k)).toContain('北京积水潭医院|承德市中心医院|co-build');
  });

  it('reads A为B、C提供… and experts A sends working 在B、C', () => {
    expect(pairs(run('邢台市人民医院通过远程平台为威县人民医院、临西县人民医院提供会诊。')).sort())
      .toEqual(['邢台市人民医院|临西县人民医院|remote', '邢台市人民医院|威县人民医院|remote']);
    expect(pairs(run('邢台市人民医院选派的专家将在威县人民医院和临西县人民医院开展帮扶。')).sort())
      .toEqual(['邢台市人民医院|临西县人民医院|assistance', '邢台市人民医院|威县人民医院|assistance']);
  });

  it('reads A与B共同推动… as a joint undertaking', () => {
    expect(pairs(run('邢台市卫健委与威县人民政府共同推动县域医共体建设。'))).toEqual(['邢台市卫生健康委员会|邢台市威县人民政府|other']);
  });

  it('reads 医共体 as an alliance whose members join the sentence\'s subject', () => {
    const k = run('邯郸市中心医院牵头组建医共体。根据方案，魏县医院、曲周县医院整体纳入医共体。', '2024-06-15', '邯郸市中心医院');
    expect(pairs(k).sort()).toEqual(['邯郸市中心医院|曲周县医院|alliance', '邯郸市中心医院|魏县医院|alliance']);
  });

  it('pairs the institutions of a list that sign or set up something with no other party', () => {
    const k = run('6月3日，邢台市疾病预防控制中心、衡水市疾病预防控制中心在石家庄签署合作协议。');
    expect(pairs(k)).toEqual(['邢台市疾病预防控制中心|衡水市疾病预防控制中心|agreement']);
    const k2 = run('专家组帮宁晋县医院和柏乡县医院建立了远程会诊。');
    expect(pairs(k2)).toEqual(['宁晋县医院|柏乡县医院|remote']);
  });

  it('reads 以B为依托、A为输出医院 and B、C接入A', () => {
    const k = run('以甘肃省第三人民医院为依托、北京安贞医院为输出医院建设区域医疗中心。');
    expect(pairs(k)).toEqual(['北京安贞医院|甘肃省第三人民医院|co-build']);
    const k2 = run('永清县医院和固安县医院通过远程平台接入廊坊市人民医院。');
    expect(pairs(k2).sort()).toEqual(['永清县医院|廊坊市人民医院|remote', '固安县医院|廊坊市人民医院|remote'].sort());
  });

  it('reads 包干 (以院包科) as help from each hospital of the list', () => {
    const k = run('北京世纪坛医院、北京佑安医院分别包干日喀则市人民医院的外科和感染科。');
    expect(pairs(k).sort()).toEqual(['北京世纪坛医院|日喀则市人民医院|assistance', '北京佑安医院|日喀则市人民医院|assistance']);
  });

  it('uses a short form the document declares (以下简称) as that institution later on', () => {
    const k = run('近日，河南省人民医院（以下简称“省医”）与兰考县人民政府签约。\n省医与兰考县中心医院共建胸痛中心。');
    expect(entity(k, '省医')?.name).toBe('河南省人民医院');
    expect(pairs(k)).toContain('河南省人民医院|兰考县中心医院|co-build');
  });
});

describe('collaborations written as lists, joint builds and membership', () => {
  it('reads each A—B of a list of paired hospitals as one pair, not every combination', () => {
    const k = run('今年的结对帮扶名单为：保定市第二医院—阜平县医院、保定市妇幼保健院—涞源县妇幼保健院。');
    expect(pairs(k).sort()).toEqual(['保定市妇幼保健院|涞源县妇幼保健院|assistance', '保定市第二医院|阜平县医院|assistance'].sort());
  });

  it('reads A和B共建的… as a joint build of the two', () => {
    const k = run('昨天，沧州市人民医院和河北华康医疗器械有限公司共建的影像实验室投入使用。');
    expect(pairs(k)).toEqual(['沧州市人民医院|河北华康医疗器械有限公司|co-build']);
  });

  it('reads B成为A的协作医院 as a pair for each hospital that joins', () => {
    const k = run('今年，献县人民医院、肃宁县人民医院正式成为沧州市中心医院的协作医院。');
    expect(pairs(k).map((p) => p.split('|').slice(0, 2).sort().join('|')).sort()).toEqual(['沧州市中心医院|献县人民医院', '沧州市中心医院|肃宁县人民医院']);
  });

  it('reads 在A的支持下，B… as help from A to B', () => {
    const k = run('在廊坊市人民医院的大力支持下，大城县医院开设了血液透析室。');
    expect(k.relations.find((r) => r.type === 'collaboration')).toMatchObject({ a: 'hospital:廊坊市人民医院', b: 'hospital:大城县医院', kind: 'assistance', directed: true });
  });

  it('knows a company by its trade name after it was named in full (某某医疗科技有限公司 → 某某医疗)', () => {
    const k = run('上月，石家庄康瑞医疗科技有限公司与河北医科大学签约。\n康瑞医疗还与藁城区人民医院合作开发了随访系统。');
    expect(entity(k, '康瑞医疗')?.name).toBe('石家庄康瑞医疗科技有限公司');
    expect(pairs(k)).toContain('石家庄康瑞医疗科技有限公司|藁城区人民医院|other');
  });

  it('reads help written without 与: B承接A的…, A援派的团队在B…, A向B派驻…, A为B提供技术支持', () => {
    const one = (text: string) => run(text).relations.filter((r) => r.type === 'collaboration').map((r) => [r.a, r.b].sort().join('|'));
    const pair = ['hospital:衡水市人民医院', 'hospital:故城县医院'].sort().join('|');
    expect(one('故城县医院承接了衡水市人民医院的康复期患者。')).toContain(pair);
    expect(one('衡水市人民医院援派的护理团队在故城县医院开设了伤口门诊。')).toContain(pair);
    expect(one('衡水市人民医院向故城县医院派驻骨科专家3名。')).toContain(pair);
    expect(one('衡水市人民医院为故城县医院提供技术支持。')).toContain(pair);
  });

  it('takes 这家医院 at the head of a sentence as the institution just named', () => {
    const k = run('衡水市人民医院建院已有七十年。这家医院今年与故城县医院签订了帮扶协议。');
    expect(pairs(k)).toContain('衡水市人民医院|故城县医院|agreement');
  });

  it('takes 与该院 as the institution referred back to when no second name follows', () => {
    const k = run('张家口市第一医院举行了开放日活动。尚义县医院随后与该院签订了专科共建协议。');
    expect(pairs(k).map((p) => p.split('|').slice(0, 2).sort().join('|'))).toContain('尚义县医院|张家口市第一医院');
  });

  it('lets 该院 opening a paragraph point back to the subject the previous paragraph ended on (B, not the helper, after 在A的帮助下)', () => {
    const k = run('在张家口市第一医院的帮助下，尚义县医院开设了卒中病房。\n该院先后向大青沟镇卫生院派出医生6人。');
    const rel = k.relations.filter((r) => r.type === 'collaboration').map((r) => [r.a, r.b].sort().join('|'));
    expect(rel).toContain(['hospital:尚义县医院', 'hospital:大青沟镇卫生院'].sort().join('|'));
    expect(rel).not.toContain(['hospital:张家口市第一医院', 'hospital:大青沟镇卫生院'].sort().join('|'));
  });

  it('reads more everyday forms: 两家医院开通…, B是A的对口帮扶医院, A牵手B, 到B坐诊, B加入A牵头的联盟', () => {
    const one = (text: string) => run(text).relations.filter((r) => r.type === 'collaboration').map((r) => [r.a, r.b].sort().join('|'));
    const pair = ['hospital:邯郸市第一医院', 'hospital:魏县人民医院'].sort().join('|');
    expect(one('邯郸市第一医院和魏县人民医院两家医院开通了远程影像诊断。')).toContain(pair);
    expect(one('魏县人民医院是邯郸市第一医院的对口帮扶医院。')).toContain(pair);
    expect(one('邯郸市第一医院牵手魏县人民医院，共建儿科。')).toContain(pair);
    expect(one('邯郸市第一医院的专家每周二到魏县人民医院坐诊。')).toContain(pair);
    expect(one('魏县人民医院加入了邯郸市第一医院牵头的专科联盟。')).toContain(pair);
    expect(one('邯郸市第一医院、魏县人民医院和大名县人民医院三家医院开通了远程会诊平台。')).toHaveLength(3);
  });

  it('pairs the one that builds a new hospital with the one that runs it', () => {
    const one = (text: string) => run(text).relations.filter((r) => r.type === 'collaboration').map((r) => [r.a, r.b].sort().join('|'));
    const pair = ['org:邯郸市人民政府', 'hospital:邯郸市第一医院'].sort().join('|');
    expect(one('东区新医院由邯郸市人民政府投资建设，建成后交由邯郸市第一医院运营管理。')).toContain(pair);
    expect(one('由邯郸市人民政府投资建设、邯郸市第一医院负责运营的东区医院今天开诊。')).toContain(pair);
  });

  it('knows a county 精神卫生中心 as a hospital', () => {
    const k = run('威县精神卫生中心与邢台市第三医院签订合作协议。');
    expect(entity(k, '威县精神卫生中心')?.type).toBe('hospital');
    expect(pairs(k)).toEqual(['威县精神卫生中心|邢台市第三医院|agreement']);
  });
});

describe('the headline names the story\'s subject', () => {
  it('takes the institution a headline opens with as the implicit subject, though a partner is named more often', () => {
    const body = '去年沧州市中心医院与北京安贞医院组建专科联盟。北京安贞医院专家每周坐诊。北京安贞医院还派驻护理团队。\n人才培养方面，医院与河北工程大学医学院签订了联合培养协议。';
    const k = extractKnowledge({ title: '沧州市中心医院发布年度报告', body, published: '2024-01-10' });
    const name = (id: string) => k.entities.find((e) => e.id === id)?.name;
    const pairsOf = k.relations.filter((r) => r.type === 'collaboration').map((r) => [name(r.a), name(r.b)].sort().join('|'));
    expect(pairsOf).toContain(['沧州市中心医院', '河北工程大学医学院'].sort().join('|'));
    expect(pairsOf).not.toContain(['北京安贞医院', '河北工程大学医学院'].sort().join('|'));
  });
});

