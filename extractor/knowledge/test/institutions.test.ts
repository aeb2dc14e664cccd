import { describe, expect, it } from 'vitest';
import { resolveSurface } from '../resolve.ts';
import { entity, named, run } from './helpers.ts';

describe('institution names', () => {
  it('keeps a branch hospital named after its parent as one hospital, BRANCH_OF the parent', () => {
    const k = run('北京儿童医院保定医院今年门诊量再创新高,天津市肿瘤医院秦皇岛医院也已封顶。');
    expect(named(k, 'hospital')).toEqual(expect.arrayContaining(['北京儿童医院保定医院', '天津市肿瘤医院秦皇岛医院']));
    const branch = k.relations.filter((r) => r.type === 'branch_of').map((r) => `${r.a}>${r.b}`);
    expect(branch).toEqual(expect.arrayContaining([
      'hospital:北京儿童医院保定医院>hospital:北京儿童医院',
      'hospital:天津市肿瘤医院秦皇岛医院>hospital:天津市肿瘤医院',
    ]));
  });

  it('takes the affiliated full name as canonical and the short name as alias', () => {
    const k = run('首都医科大学附属北京朝阳医院派出骨干。此后北京朝阳医院又派出第二批医生。');
    const e = entity(k, '北京朝阳医院');
    expect(e?.name).toBe('首都医科大学附属北京朝阳医院');
    expect(e?.aliases).toContain('北京朝阳医院');
    expect(e?.mentions).toHaveLength(2);
  });

  it('ends a name at a role or 单位 before it, and reads an office that runs hospitals as one organisation', () => {
    const k = run('协作网秘书长单位江门市中心医院与市医院管理中心联合举办培训，海淀区医院管理中心派员参加。');
    expect(named(k, 'hospital')).toEqual(['江门市中心医院']);
    expect(named(k, 'organization')).toEqual(expect.arrayContaining(['海淀区医院管理中心']));
  });

  it('refuses hospital words that are no names: a region alone, a time word, a level of the system', () => {
    const k = run('长三角医院管理论坛开幕，村卫生室下联乡镇卫生院，过去卫生院看不了的病，现在县级成员医院能看。');
    expect(named(k, 'hospital')).toEqual([]);
    expect(k.rejected['institution-generic']).toBeGreaterThanOrEqual(3);
  });

  it('keeps an ordinal whole however the segmenter cuts it: hundreds, digit by digit, before 人民医院', () => {
    const k = run('解放军第二六四医院与衡水市第六人民医院签约，中国人民解放军第一〇五医院、大连第一百二十中心医院派出专家。');
    expect(named(k, 'hospital').sort()).toEqual(['中国人民解放军第一〇五医院', '大连第一百二十中心医院', '衡水市第六人民医院', '解放军第二六四医院'].sort());
    const figure = run('截至去年底，绥化第三人民医院床位达到720张。').figures[0];
    expect(figure).toMatchObject({ value: 720, subjectId: 'hospital:绥化第三人民医院' });
  });

  it('reads a bracketed second name as an alias', () => {
    const k = run('河北省胸科医院(河北省第三医院)组织义诊。');
    expect(entity(k, '河北省第三医院')?.name).toBe('河北省胸科医院');
  });

  it('captures every member of an enumeration', () => {
    const k = run('承德县医院、滦平县中医院和隆化县医院先后加入专科联盟。');
    expect(named(k, 'hospital')).toEqual(['承德县医院', '滦平县中医院', '隆化县医院']);
  });

  it('completes names written with 市 alone from the document city, and links LOCATED_IN', () => {
    const k = run('石家庄市卫生健康委召开会议。市儿童医院介绍了新生儿救治经验。');
    const e = entity(k, '市儿童医院');
    expect(e?.name).toBe('石家庄市儿童医院');
    expect(k.relations).toContainEqual(expect.objectContaining({ type: 'located_in', a: e?.id, b: 'place:130100' }));
    expect(entity(k, '市卫生健康委')).toBeUndefined();
    expect(entity(k, '石家庄市卫生健康委')?.name).toBe('石家庄市卫生健康委员会');
  });

  it('resolves 总医院 to the one full name that ends with it, and leaves it alone when there is none', () => {
    const k = run('河北医科大学总医院牵头组建联盟。总医院将派出专家。');
    expect(entity(k, '总医院')?.name).toBe('河北医科大学总医院');
    const alone = run('总医院将派出专家。');
    expect(named(alone, 'hospital')).toEqual([]);
    expect(alone.rejected['institution-unresolved-short-form']).toBe(1);
  });

  it('does not make entities of counted or generic hospitals', () => {
    const k = run('两家医院与当地医院签约,另有5家医院加入互联网医院平台。');
    expect(named(k, 'hospital')).toEqual([]);
    expect(k.rejected['institution-counted-generic'] ?? 0).toBeGreaterThan(0);
  });

  it('recognises organisations: universities, commissions, governments, agencies', () => {
    const k = run('国家卫健委、清华大学医学院和沧州市政府代表出席,新华社记者报道。');
    expect(named(k, 'organization')).toEqual(['国家卫生健康委员会', '新华通讯社', '沧州市人民政府', '清华大学医学院']);
    expect(entity(k, '沧州市政府')?.name).toBe('沧州市人民政府');
  });

  it('shares a suffix over an enumeration of places', () => {
    const k = run('本市将加强与山西省、内蒙古自治区卫生健康委的沟通。');
    expect(named(k, 'organization')).toEqual(['内蒙古自治区卫生健康委员会', '山西省卫生健康委员会']);
  });
});

describe('resolveSurface', () => {
  const k = run('北京协和医院与北京协和医学院联合举办论坛。首都医科大学附属北京天坛医院也派员参加。');

  it('maps an exact name or alias, and a unique longer name ending with the surface', () => {
    expect(resolveSurface('北京协和医院', k.entities)).toBe('hospital:北京协和医院');
    expect(resolveSurface('北京天坛医院', k.entities)).toBe('hospital:首都医科大学附属北京天坛医院');
  });

  it('refuses an ambiguous short name (协和: the hospital or the college)', () => {
    expect(resolveSurface('协和', k.entities)).toBeNull();
    expect(resolveSurface('', k.entities)).toBeNull();
  });

  it('maps an abbreviated affiliated hospital to its full name', () => {
    const a = run('河北中医药大学第一附属医院开诊。');
    expect(resolveSurface('中医一附院', a.entities)).toBe('hospital:河北中医药大学第一附属医院');
  });
});

describe('a county report names its own county with 县 alone', () => {
  it('completes 县中医医院, 县卫健局 and 县医保局 with the county the text is about', () => {
    const k = run('隆化县人民医院与隆化县妇幼保健院组建医共体。县卫健局、县医保局联合发文，县中医医院也加入。');
    expect(entity(k, '县卫健局')?.name).toBe('隆化县卫生健康局');
    expect(entity(k, '县医保局')?.name).toBe('隆化县医疗保障局');
    expect(entity(k, '县中医医院')?.name).toBe('隆化县中医医院');
  });

  it('leaves 县中医医院 unresolved, and counted, when the county is named only once', () => {
    const k = run('专家赴隆化县调研，县中医医院派人陪同。');
    expect(named(k, 'hospital')).toEqual([]);
    expect(k.rejected['institution-unresolved-home']).toBe(1);
  });
});

describe('charities', () => {
  it('reads a red cross society as an organisation, with its short form', () => {
    const k = run('承德市红十字会捐赠救护车两辆，市红十字会还资助了患儿。');
    expect(entity(k, '承德市红十字会')?.type).toBe('organization');
    expect(entity(k, '市红十字会')?.name).toBe('承德市红十字会');
  });

  it('reads companies, hospital groups, field offices of paired assistance and bureaus of a zone', () => {
    const k = run('保定市交通建设投资集团有限公司与中国联合网络通信集团河北有限公司保定分公司签约,邢台市第三医院医疗集团同步启动。' +
      '江苏省对口支援新疆工作前方指挥部派员参加,丰台区发改局和雄安新区管理委员会建设局到会,该集团表示支持。');
    expect(named(k, 'organization')).toEqual(expect.arrayContaining([
      '保定市交通建设投资集团有限公司', '中国联合网络通信集团河北有限公司保定分公司', '江苏省对口支援新疆工作前方指挥部',
      '丰台区发展和改革局', '雄安新区管理委员会建设局',
    ]));
    expect(entity(k, '丰台区发改局')?.name).toBe('丰台区发展和改革局');
    expect(named(k, 'hospital')).toContain('邢台市第三医院医疗集团');
    expect(named(k, 'organization')).not.toContain('该集团');
  });
});

describe('datelines', () => {
  it('are the page\'s byline: the agency that filed the story is no organization of it, and is counted', () => {
    const k = run('新华网郑州4月2日电 记者从河南省卫生健康委员会获悉,项目已完工。');
    expect(named(k, 'organization')).toEqual(['河南省卫生健康委员会']);
    expect(k.rejected['byline-agency']).toBe(1);
    expect(named(run('承德日报讯 滦平县医院新院区启用。'), 'organization')).toEqual([]);
    expect(named(run('本报讯 滦平县医院新院区启用。'), 'organization')).toEqual([]);
  });

  it('keeps an agency named as a party later in the text', () => {
    const k = run('新华社郑州4月2日电 项目已完工。新华社与郑州大学签署合作协议。');
    expect(named(k, 'organization')).toContain('新华通讯社');
  });
});

describe('names around zones and time words', () => {
  it('keeps a development-zone abbreviation in the name and a time word out of it', () => {
    const k = run('高新区医院与北京康泰医院签约。明年医院将再派出专家,今年以来医院接诊增加。');
    expect(named(k, 'hospital')).toEqual(['北京康泰医院', '高新区医院']);
    expect(named(run('唐山经开区医院开诊。'), 'hospital')).toEqual(['唐山经开区医院']);
  });
});


describe('names the segmenter cuts or that end in 医学中心', () => {
  it('keeps 原 inside a name cut into single characters (X/原医院), and still stops at 原 meaning former', () => {
    expect(named(run('近日，河北省燕原儿童医院开诊。'), 'hospital')).toEqual(['河北省燕原儿童医院']);
    expect(named(run('该院由原承德市第三医院改建。'), 'hospital')).toEqual(['承德市第三医院']);
  });

  it('reads a place-named 医学中心 as a hospital, while 国家/区域医学中心 stay programmes', () => {
    expect(named(run('广州穗安儿童医学中心与清远市人民医院签约。'), 'hospital')).toContain('广州穗安儿童医学中心');
    expect(named(run('河北省区域医学中心建设启动。'), 'hospital')).toEqual([]);
  });
});

describe('generic hospital words are no names', () => {
  it('drops a hospital word after 更多/其他 and a place before a level of the health system', () => {
    expect(named(run('下一步将组织更多天津医院与和田乡镇卫生院结对。'), 'hospital')).toEqual([]);
  });

  it('drops a role of one hospital towards another (上级医院, 教学医院)', () => {
    expect(named(run('滦平县医院成为承德医学院的教学医院，疑难病例由上级医院会诊。'), 'hospital')).toEqual(['滦平县医院']);
  });
});

describe('specialty centres named as hospitals', () => {
  it('reads a place-named 心血管病中心 as a hospital and its declared short form as no project', () => {
    const k = run('天津海河心血管病中心（以下简称“海河中心”）与沧州市人民医院签约。海河中心派出专家5名。');
    expect(entity(k, '海河中心')?.name).toBe('天津海河心血管病中心');
    expect(entity(k, '海河中心')?.type).toBe('hospital');
    expect(k.entities.filter((e) => e.type === 'project').map((e) => e.name)).not.toContain('海河中心');
    expect(named(run('国家心血管病中心发布报告。'), 'hospital')).toEqual([]);
  });
});
