// Forms real reports use that the team's own articles did not: each case is an original sentence of that form.
import { describe, expect, it } from 'vitest';
import { entity, named, pairs, run } from './helpers.ts';
import { toEvalJson } from '../eval.ts';

describe('home-relative names in a report that never names its province', () => {
  it('reads 省卫健委 / 省中医院 as the province of the home city', () => {
    const k = run('昨天,淮安市政府和省卫健委签订合作协议。淮安市第二人民医院与省中医院结为医联体。');
    expect(named(k, 'organization')).toContain('江苏省卫生健康委员会');
    expect(entity(k, '省中医院')?.name).toBe('江苏省中医院');
  });

  it('reads 自治区卫健委 as the autonomous region of the home city', () => {
    const k = run('哈密市中心医院新楼启用,哈密市患者受益。去年,上海市同自治区卫健委签订卫生健康合作备忘录。');
    expect(entity(k, '自治区卫健委')?.name).toBe('新疆维吾尔自治区卫生健康委员会');
  });
});

describe('regions as parties', () => {
  it('pairs two regions that sign, and a hospital joined to a region by 与', () => {
    expect(pairs(run('2019年,天津市与甘肃省签署卫生健康协作框架协议。'))).toContain('天津市|甘肃省|agreement');
    expect(pairs(run('近日,北京安康医院与沧州市合作共建“沧州市老年医学中心”。'))).toContain('北京安康医院|沧州市|co-build');
  });

  it('splits an agreement of several regions into all pairs, and reads a qualifying province as part of the name', () => {
    const p = pairs(run('去年秋天,苏州市同贵州铜仁、遵义两市签署了卫生健康结对合作协议。'));
    expect(p).toEqual(expect.arrayContaining(['苏州市|铜仁市|agreement', '苏州市|遵义市|agreement', '铜仁市|遵义市|agreement']));
    expect(pairs(run('2017年福建、宁夏两省区签署了协作协议。'))).toContain('福建省|宁夏回族自治区|agreement');
  });

  it('expands a pair of one-character abbreviations into two parties, which the place list does not name', () => {
    const body = '2021年以来,河北携手京津对口帮扶雄安新区医疗卫生机构。';
    const k = run(body);
    expect(pairs(k)).toEqual(expect.arrayContaining(['北京市|雄安新区|assistance', '天津市|雄安新区|assistance']));
    const places = toEvalJson({ body, published: null }, k).entities.filter((e) => e.type === 'place').map((e) => e.name);
    expect(places).not.toContain('天津市');
    expect(places).toContain('雄安新区');
  });

  it('is no party where it says where, counts hospitals, or is the object of a verb', () => {
    expect(pairs(run('甲县人民医院与乙市中心医院在廊坊签署协议。')).some((x) => x.includes('廊坊'))).toBe(false);
    expect(pairs(run('北京市三级医院对口帮扶内蒙古贫困旗(县)医院。'))).toEqual([]);
    expect(pairs(run('12家北京市医院将对口支援20家青海省医院。'))).toEqual([]);
    expect(pairs(run('持续选派人才支持雄安新区建设,今年已有20名专家进驻雄安新区安新县。'))).toEqual([]);
  });

  it('keeps a hospital and the county its team goes to apart: the county hospital is the partner', () => {
    const p = pairs(run('宝安区人民医院对巴东县人民医院开展结对帮扶,轮派医疗小组到巴东驻点。'));
    expect(p).toContain('宝安区人民医院|巴东县人民医院|assistance');
    expect(p.some((x) => x.includes('|巴东县|') || x.startsWith('巴东县|'))).toBe(false);
  });
});

describe('collaboration forms of real reports', () => {
  it('reads a county by its bare short form once the document names it in full', () => {
    const k = run('察隅县人民医院新添设备。三年里,林芝市向察隅派遣骨干医生12名。');
    expect(pairs(k)).toContain('林芝市|察隅县|assistance');
  });

  it('reads help introduced by 对 with a long description before the help word', () => {
    expect(pairs(run('2018年起,甲市人民医院对乙县人民医院实行常态化的医疗技术对口帮扶。'))).toContain('甲市人民医院|乙县人民医院|assistance');
  });

  it('reads a list that signs after a time word, 前往 as sending, 支持B建设 as help', () => {
    expect(pairs(run('甲市卫健委、乙省卫健委和丙市政府日前在丙市签署框架协议。'))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^甲市卫生健康委员会\|乙省卫生健康委员会/u), expect.stringMatching(/^甲市卫生健康委员会\|丙市人民政府/u),
    ]));
    expect(pairs(run('这几年,泉州市第二医院陆续派出护理骨干前往海原县人民医院。'))).toContain('泉州市第二医院|海原县人民医院|assistance');
    expect(pairs(run('由北京安华医院支持承德市第三医院建设,补强急诊学科。'))).toContain('北京安华医院|承德市第三医院|assistance');
  });

  it('reads 妇幼保健中心 as a hospital, and a place inside a project name as no party', () => {
    expect(named(run('沧州市妇幼保健中心启用新的产科病房。'), 'hospital')).toEqual(['沧州市妇幼保健中心']);
    expect(pairs(run('沧州医科大学第一医院医联体沧州片区成立大会在沧州市举行,献县、东光县的2家县级医院与我院签约。')).some((x) => x.startsWith('沧州市|'))).toBe(false);
  });
});

describe('people of one institution at another', () => {
  it('reads 来自A的专家 at the hospital the sentence is in', () => {
    expect(pairs(run('那天在乐业县人民医院,来自深圳大学总医院的骨科专家团队完成了一台关节置换。'))).toContain('深圳大学总医院|乐业县人民医院|assistance');
  });

  it('reads B通过A的帮扶 as A helping B', () => {
    expect(pairs(run('这些年,广西乐业县借助深圳福田区“组团式”支援补上了短板。'))).toContain('福田区|乐业县|assistance');
  });

  it('reads experts of A taking a post at B as A helping B', () => {
    const p = pairs(run('银川市第一医院主任医师张某与吴忠市儿童医院副主任医师李某当天受聘为海原县人民医院首席专家。'));
    expect(p).toEqual(expect.arrayContaining(['银川市第一医院|海原县人民医院|assistance', '吴忠市儿童医院|海原县人民医院|assistance']));
  });

  it('reads A的专家将在B开展义诊 as A helping B, and A和B进行对接 as a pair', () => {
    expect(pairs(run('周末,甘肃中医药大学附属医院的8名专家将在海东市中医院门诊大厅开展义诊。'))).toContain('甘肃中医药大学附属医院|海东市中医院|assistance');
    expect(pairs(run('下个月,沧州市人民医院和天津市胸科医院将开展学科对接。'))).toContain('沧州市人民医院|天津市胸科医院|other');
  });

  it('lets a region opening the sentence be its subject, not the article\'s own hospital', () => {
    const k = run('哈密市中心医院举行签约仪式。2020年6月,上海市与自治区卫健委共同签订合作备忘录,哈密市受益。');
    expect(pairs(k)).toContain('上海市|新疆维吾尔自治区卫生健康委员会|agreement');
    expect(pairs(k).some((x) => x.startsWith('哈密市中心医院|'))).toBe(false);
  });
});

describe('programmes without a project head', () => {
  const projects = (body: string) => named(run(body), 'project');

  it('reads paired-province programmes, 东西部协作 and 南北挂钩', () => {
    expect(projects('按照沪滇协作部署,医院轮换了驻点医生。')).toContain('沪滇协作');
    expect(projects('按照沪滇扶贫协作工作安排,双方深化合作。')).toContain('沪滇扶贫协作');
    expect(projects('两地签署的“鲁渝合作”备忘录当天生效。')).toContain('鲁渝合作');
    expect(projects('指导深化南北挂钩,推动两地共建共享。')).toContain('南北挂钩');
  });

  it('reads the “组团式” form of help, with or without quotes, as one programme', () => {
    const k = run('“组团式”支援成效明显。今年,杭州市通过“组团式”医疗支援支持对口地区。');
    const p = k.entities.filter((e) => e.type === 'project');
    expect(p).toHaveLength(1);
    expect([p[0].name, ...p[0].aliases].sort()).toEqual(['组团式医疗支援', '组团式支援']);
    expect(projects('第五批“组团式”援青医疗队员出发。')).toContain('组团式援青');
  });

  it('reads …协同发展 of paired regions as a programme, but not a programme word modifying a noun', () => {
    expect(projects('作为川渝协同发展的关键一环,新区医疗体系更加健全。')).toContain('川渝协同发展');
    expect(projects('力争建设一批京津冀合作项目。')).not.toContain('京津冀合作');
  });
});

describe('projects and names as printed', () => {
  const projects = (body: string) => named(run(body), 'project');

  it('names phased works after the institution, also when a later phase is written alone', () => {
    expect(projects('新区人民医院一期项目投入使用、二期项目开工。')).toEqual(expect.arrayContaining(['新区人民医院一期项目', '新区人民医院二期项目']));
  });

  it('reads a quoted campaign followed by 活动, and one quoted core as one project', () => {
    expect(projects('博士服务团“固原行”活动启动。')).toContain('“固原行”活动');
    const k = run('“智慧医疗下乡”项目落地。“智慧医疗下乡”县域推广项目已覆盖11个县。');
    expect(k.entities.filter((e) => e.type === 'project')).toHaveLength(1);
  });

  it('reads a quoted centre being built as a project, not a hospital', () => {
    const k = run('北京安贞医院与保定合作共建“保定市精神卫生中心”。');
    expect(named(k, 'project')).toContain('保定市精神卫生中心');
    expect(named(k, 'hospital')).toEqual(['北京安贞医院']);
    expect(k.rejected['institution-centre-being-built']).toBe(1);
  });

  it('keeps brackets that belong to a name, and reads a bracketed hospital as an alternative name', () => {
    expect(named(run('北京大学深圳医院与香港大学(深圳)医院签约。'), 'hospital')).toContain('香港大学(深圳)医院');
    expect(named(run('北京天坛医院(唐山)脑科中心揭牌。'), 'hospital')).toContain('北京天坛医院(唐山)脑科中心');
    const k = run('北京协和医院国家医学中心(通州院区)开工建设。');
    expect(named(k, 'hospital')).toContain('北京协和医院国家医学中心(通州院区)');
    expect(named(k, 'project')).toEqual([]);
    expect(entity(run('金华市中心医院(浙江大学金华医院)院长介绍。'), '浙江大学金华医院')?.aliases).toContain('金华市中心医院');
  });
});

describe('lists and well-known names', () => {
  it('reads a list printed with commas for 、 when it closes as a list does', () => {
    const p = pairs(run('淮安市第一人民医院分别同省人民医院,徐州医科大学附属医院,扬州市第一人民医院和镇江市第一人民医院等签署结对协议。'));
    expect(new Set(p.filter((x) => x.startsWith('淮安市第一人民医院|')).map((x) => x.split('|')[1])).size).toBe(4);
    expect(pairs(run('淮安市第一医院,淮安市第二医院院长出席。'))).toEqual([]);
  });

  it('reads central bodies and hospitals known by a short form', () => {
    const k = run('挂职干部由中央统战部、共青团河北省委推荐。唐山基层医院与湘雅二院、浙大一院的专家远程会诊。');
    expect(entity(k, '中央统战部')?.type).toBe('organization');
    expect(entity(k, '共青团河北省委')?.type).toBe('organization');
    expect(entity(k, '湘雅二院')?.type).toBe('hospital');
    expect(entity(k, '浙大一院')?.type).toBe('hospital');
    expect(pairs(k).some((x) => x.includes('共青团河北省委'))).toBe(false);
    expect(named(run('该院与两院专家会诊,第一院区开诊。'), 'hospital')).toEqual([]);
  });
});

describe('names in run-on text dumps', () => {
  it('splits 省委省政府, ends a name at a project head, and drops roles such as 教学医院', () => {
    const k = run('落实省委省政府的部署,组建区域专科联盟省卫健委负责统筹。鼓励淮安申报医学院校教学医院。淮安市中医院参加。');
    expect(named(k, 'organization')).toEqual(['中共江苏省委员会', '江苏省人民政府', '江苏省卫生健康委员会']);
    expect(named(k, 'hospital')).toEqual(['淮安市中医院']);
  });

  it('reads a placed branch after an institute and a bureau of a commission', () => {
    const k = run('将在淮安设立省疾病预防研究院淮安分院。省卫计委医政医管局处长到场。淮安市中医院参加。');
    expect(entity(k, '省疾病预防研究院淮安分院')?.type).toBe('organization');
    expect(entity(k, '省卫计委医政医管局')?.name).toBe('江苏省卫计委医政医管局');
  });
});

describe('figures as real reports write them', () => {
  const figs = (body: string) => run(body).figures.map((f) => `${f.value}${f.unit}`);

  it('counts durations in years after a word of duration, and no year that dates the story', () => {
    expect(figs('协议为期3年,医生已连续两年驻守,明年还将服务一年。')).toEqual(['3年', '2年', '1年']);
    expect(figs('2016年以来,两院合作十一年。')).toEqual([]);
  });

  it('counts batches, approximate people, 百岁 and 万 before a fund noun', () => {
    expect(figs('每年轮换两批医生,累计已有五批42人次,今年再派4批护理队。')).toEqual(['2批', '5批', '42人次', '4批']);
    expect(figs('二十余名医生到岗,三名医生兼任科主任。')).toEqual(['20名', '3名']);
    expect(figs('百岁奶奶出院回家。杭州拨付的300万帮扶资金用于购置设备。')).toEqual(['100岁', '3000000元']);
    expect(figs('车载设备能做5大类40小项检验。')).toEqual(['5类', '40项']);
  });

  it('refuses people referred back to, a party branch (支部) and a verbatim repeat', () => {
    expect(figs('这次到岗的两位医生都住在县城。')).toEqual([]);
    expect(figs('名单由内科三支部书记审核。')).toEqual([]);
    const k = run('医院派出6名援疆护士。出发仪式上,6名援疆护士代表发言。');
    expect(k.figures.map((f) => `${f.value}${f.unit}`)).toEqual(['6名']);
    expect(k.rejected['figure-repeated']).toBe(1);
  });
});

describe('names as the page printed them', () => {
  it('gives a name read from a traditional page with pinyin its printed form as an alias', async () => {
    const { extractKnowledge } = await import('../index.ts');
    const { normalizeText } = await import('../../normalize.ts');
    const bodyOriginal = '2024年1月9日,唐山市工人醫(yī)院與北京積水潭醫院簽署合作協議。';
    const k = extractKnowledge({ body: normalizeText(bodyOriginal), bodyOriginal, published: null });
    expect(entity(k, '唐山市工人医院')?.aliases).toContain('唐山市工人醫院');
    expect(entity(k, '北京积水潭医院')?.aliases).toContain('北京積水潭醫院');
    expect(pairs(k)).toContain('唐山市工人医院|北京积水潭医院|agreement');
  });
});

describe('pairs in list lines', () => {
  it('pairs a centre with the hospital it is built on, written X医院(依托Y医院)：专科', () => {
    const p = pairs(run('4个项目分别为:\n北京儿童医院山西医院(依托山西省儿童医院):儿科\n北大三院秦皇岛医院(依托秦皇岛市第一医院):运动医学'));
    expect(p).toEqual(expect.arrayContaining(['北京儿童医院山西医院|山西省儿童医院|co-build', '北大三院秦皇岛医院|秦皇岛市第一医院|co-build']));
  });
});

describe('collaborations under a programme', () => {
  it('links a collaboration to the programme its sentence names', () => {
    const k = run('在京蒙协作框架下,北京朝阳医院对口帮扶乌兰察布市中心医院。北京朝阳医院与赤峰市医院签约。');
    const [under, alone] = k.relations.filter((r) => r.type === 'collaboration');
    expect(k.entities.find((e) => e.id === under.project)?.name).toBe('京蒙协作');
    expect(alone.project).toBeUndefined();
  });
});

describe('forms found by blind set 6', () => {
  it('pairs helpers and helped in order after 分别, and splits an agreement that a list signs together', () => {
    const p = pairs(run('上海市第一人民医院、上海市第十人民医院分别对口帮扶元阳县人民医院、红河县人民医院。'));
    expect(p).toEqual(['上海市第一人民医院|元阳县人民医院|assistance', '上海市第十人民医院|红河县人民医院|assistance']);
    const q = pairs(run('福建省卫生健康委员会、宁夏回族自治区卫生健康委员会与固原市人民政府签订三方合作协议。'));
    expect(q).toContain('福建省卫生健康委员会|宁夏回族自治区卫生健康委员会|agreement');
    expect(pairs(run('北京市通州区与河北省三河市、大厂回族自治县、香河县在通州签署医疗卫生协同发展合作协议。'))).toContain('三河市|香河县|agreement');
    expect(pairs(run('甲县人民医院分别与乙县人民医院、丙县人民医院签订协议。')).some((x) => x.startsWith('乙县人民医院|'))).toBe(false);
  });

  it('reads a region sending its people 赴 another region, and 据 before a name', () => {
    expect(pairs(run('闽宁协作开展以来,福建累计选派医疗人才1100余名赴宁夏。'))).toContain('福建省|宁夏回族自治区|assistance');
    expect(named(run('据四川省卫生健康委员会介绍,项目进展顺利。'), 'organization')).toEqual(['四川省卫生健康委员会']);
  });
});

describe('numbered short forms of hospitals', () => {
  it('makes a numbered short form an alias of the full name it abbreviates, and reads no count as one', () => {
    const k = run('浙江大学医学院附属第二医院与丽水市人民医院签约。浙大二院将派驻专家。');
    expect(entity(k, '浙大二院')?.name).toBe('浙江大学医学院附属第二医院');
    expect(named(run('“三校一院”交钥匙项目开工。'), 'hospital')).toEqual([]);
  });
});

describe('determiners and special administrative regions', () => {
  it('reads 各 / 每 before an institution word as a kind of institution, never one', () => {
    expect(named(run('明年，远程门诊将铺开到各盟市医院和旗县医院。'), 'hospital')).toEqual([]);
    expect(named(run('河北省各市医院都要建立胸痛中心。'), 'hospital')).toEqual([]);
    expect(named(run('每家医院派出两名专家。'), 'hospital')).toEqual([]);
  });

  it('names a special administrative region government as it is named, with the home region for 特区政府', () => {
    expect(named(run('香港特区政府与深圳市人民政府签署医疗合作备忘录。'), 'organization')).toContain('香港特别行政区政府');
    const k = run('澳门一家新医院日前开诊。澳门特别行政区卫生局介绍，医院由特区政府与北京协和医院合作营运。');
    expect(named(k, 'organization')).toContain('澳门特别行政区政府');
    expect(named(k, 'organization').some((n) => n.includes('人民政府'))).toBe(false);
    expect(pairs(k)).toContain('澳门特别行政区政府|北京协和医院|other');
  });
});

describe('the subject a figure is said of', () => {
  const subjects = (body: string) => run(body).figures.map((f) => `${f.subject}:${f.value}${f.unit}`);

  it('is not a name written after a preposition: 由 the operator, 以 the base, 与 the partner', () => {
    expect(subjects('甲市肿瘤医院乙市分院纳入建设项目。该项目以乙市第二医院为依托，由甲市肿瘤医院输出技术和管理，规划床位800张。'))
      .toEqual(['甲市肿瘤医院乙市分院:800张']);
    expect(subjects('北京朝阳医院与张家口市第一医院签订帮扶协议后，每月派出4名专家驻点坐诊。')).toEqual(['北京朝阳医院:4名']);
  });

  it('is the new name after a renaming, when the next sentence says 该院', () => {
    expect(subjects('甲市人民医院托管乙县医院后，乙县医院更名为甲市人民医院乙县分院。该院现有床位600张。'))
      .toEqual(['甲市人民医院乙县分院:600张']);
  });

  it('stays the name the clause is about when no preposition stands before it', () => {
    expect(subjects('合作以来，廊坊市人民医院新开展技术25项。')).toEqual(['廊坊市人民医院:25项']);
  });
});
