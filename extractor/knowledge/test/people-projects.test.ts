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

  it('reads given names with 强 and given names the dictionary knows as a rare adverb (志强, 立新)', () => {
    const k = run('市医保局副局长田志强先后介绍了政策，县医院院长罗立新说，专科主任蒋国强、护士长彭立新参加。');
    expect(named(k, 'person')).toEqual(['田志强', '罗立新', '蒋国强', '彭立新'].sort());
    // 强调 stays a verb after a name
    expect(named(run('院长孔德明强调，要守住安全底线。'), 'person')).toEqual(['孔德明']);
  });

  it('reads names that the segmenter keeps whole or cuts in words (马/春雷, 韩文/斌, 陈立新)', () => {
    const k = run('县人民医院院长马春雷说，卫健局局长韩文斌介绍，新区医院副院长陈立新出席。');
    expect(named(k, 'person')).toEqual(['陈立新', '韩文斌', '马春雷'].sort());
    expect(entity(k, '马春雷')?.role).toBe('县人民医院院长');
  });

  it('takes no name when the role is followed by an ordinary word or a preposition', () => {
    const k = run('派出执行院长和管理团队，专家高度重视，全国专家参与。');
    expect(named(k, 'person')).toEqual([]);
    expect(k.rejected['person-common-word']).toBeGreaterThan(0);
  });

  it('keeps units and places out of names (麻醉科医生周敏, 专家到王林口镇)', () => {
    expect(named(run('麻醉科医生周敏说，手术很顺利。'), 'person')).toEqual(['周敏']);
    expect(named(run('北京专家石林镇出诊。'), 'person')).toEqual([]);
  });

  it('reads a speaker with no role at a clause start, after a quote or 据', () => {
    const k = run('“专家来了，技术也留下了。”邓晓燕说。据牛建军介绍，病房已经满员。');
    expect(named(k, 'person')).toEqual(['牛建军', '邓晓燕'].sort());
  });

  it('reads a name in apposition with its post (李某某，某某医院护士长)', () => {
    const k = run('谢美玲，隆化县医院护士长，她把质控表格带回了科室。');
    expect(entity(k, '谢美玲')?.role).toBe('隆化县医院护士长');
  });

  it('gives every name of an enumeration the shared role, and stops a role at the name before it', () => {
    const k = run('熊国庆、白雪、龚立三位主任医师轮流出诊，市卫健委主任段海燕、市医院副院长蒋涛出席。');
    expect(named(k, 'person')).toEqual(['段海燕', '熊国庆', '白雪', '蒋涛', '龚立'].sort());
    expect(entity(k, '白雪')?.role).toBe('主任医师');
    expect(entity(k, '蒋涛')?.role).toBe('市医院副院长');
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

describe('projects: what is refused, and why', () => {
  it('refuses a generic modifier before a generic head as project-generic', () => {
    const k = run('两地将推进一批重大合作项目，并实施惠民工程和医疗卫生合作项目。');
    expect(named(k, 'project')).toEqual([]);
    expect(k.rejected['project-generic']).toBe(3);
    // a kind of system (紧密型, 县域) is no name either
    expect(run('建成紧密型县域医共体。').rejected['project-generic']).toBe(1);
  });

  it('refuses counted lists and time spans as project-counted, quoted or not', () => {
    const k = run('会议部署了“五大工程”和三项行动，医院也制定了未来三年计划。');
    expect(named(k, 'project')).toEqual([]);
    expect(k.rejected['project-counted']).toBe(3);
  });

  it('refuses staff (人才队伍, a hospital\'s 队伍) as project-not-a-programme, keeps a national rescue team', () => {
    const k = run('医院人才队伍不断壮大，赤峰市医院队伍经受了考验。');
    expect(named(k, 'project')).toEqual([]);
    expect(k.rejected['project-not-a-programme']).toBe(2);
    expect(named(run('组建国家紧急医学救援队伍。'), 'project')).toEqual(['国家紧急医学救援队伍']);
  });

  it('refuses a kind of alliance (…型医联体) as project-category', () => {
    const k = run('推动专科联盟型和远程医疗型医联体协调发展。');
    expect(named(k, 'project')).toEqual([]);
    expect(k.rejected['project-category']).toBe(1);
  });

  it('refuses 项目 / 平台 named by nothing but their subject as project-unnamed', () => {
    const k = run('联盟向成员单位开放远程教学平台。');
    expect(named(k, 'project')).toEqual([]);
    expect(k.rejected['project-unnamed']).toBe(1);
    // the same head with a place or an institution is a name
    expect(named(run('北京朝阳医院搭建京蒙远程教学平台。'), 'project')).toEqual(['京蒙远程教学平台']);
  });

  it('refuses a head that ends an institution\'s own name as project-is-institution', () => {
    const k = run('首都医科大学附属北京天坛医院雄安医学中心正式运营。');
    expect(named(k, 'project')).toEqual([]);
    expect(k.rejected['project-is-institution']).toBe(1);
  });

  it('keeps the clause before a place out of the name', () => {
    expect(named(run('积极探索以专科联盟模式充实京津冀医联体建设。'), 'project')).toEqual(['京津冀医联体']);
    // and drops qualifiers before a name: a specialty, a count, a scope
    expect(named(run('申报心血管等专科国家区域医疗中心，全市远程医疗协作网已覆盖各县。'), 'project'))
      .toEqual(['国家区域医疗中心', '远程医疗协作网']);
  });
});

describe('projects: real names kept', () => {
  it('keeps quoted names, quoted formulas and plans named with their span', () => {
    const k = run('两地启动“京蒙协作医疗倍增计划”，搭建“一核两翼”协同发展平台，实施京蒙卫生健康协作三年行动计划。');
    expect(named(k, 'project')).toEqual(['“一核两翼”协同发展平台', '京蒙协作医疗倍增计划', '京蒙卫生健康协作三年行动计划']);
  });

  it('reads an institution whole at the head of a project, and a branch of it under a place', () => {
    expect(named(run('河北医科大学第三医院医联体张家口片区揭牌。'), 'project')).toEqual(['河北医科大学第三医院医联体张家口片区']);
    expect(named(run('赤峰市医院加入北京朝阳医院呼吸专科联盟。'), 'project')).toEqual(['北京朝阳医院呼吸专科联盟']);
  });

  it('gives 项目 to every institution of an enumeration', () => {
    const k = run('重点推进北京天坛医院唐山医院、首都医科大学附属北京安贞医院廊坊医院和天津市胸科医院承德医院项目。');
    expect(named(k, 'project')).toEqual(['北京天坛医院唐山医院项目', '天津市胸科医院承德医院项目', '首都医科大学附属北京安贞医院廊坊医院项目']);
  });

  it('finds joint centres of partners joined by dashes, not dates or asides', () => {
    const k = run('北京宣武医院—赤峰市医院神经介入中心揭牌，天坛—宣武—赤峰卒中中心同日成立。');
    expect(named(k, 'project')).toEqual(['北京宣武医院—赤峰市医院神经介入中心', '天坛—宣武—赤峰卒中中心']);
    expect(named(run('专家于10月8日—10日到访，医院——这家老牌医院——建成卒中中心。'), 'project')).toEqual([]);
  });

  it('keeps centres built together and a name followed by 内', () => {
    expect(named(run('北京儿童医院与保定市儿童医院共建儿童白血病诊疗中心。'), 'project')).toEqual(['儿童白血病诊疗中心']);
    expect(named(run('患者在唐山市远程医疗协作网内即可转诊。'), 'project')).toEqual(['唐山市远程医疗协作网']);
    expect(named(run('全力推进乌兰察布市中心医院新院区项目建设。'), 'project')).toEqual(['乌兰察布市中心医院新院区项目']);
  });

  it('makes one project of a name and its (建设)项目 form, named by the longest', () => {
    const k = run('医院获批国家区域医疗中心建设项目。这一国家区域医疗中心将于明年建成。');
    expect(k.entities.filter((e) => e.type === 'project').map((e) => [e.name, e.aliases, e.mentions.length]))
      .toEqual([['国家区域医疗中心建设项目', ['国家区域医疗中心'], 2]]);
  });
});

describe('people without a Han surname', () => {
  const people = (body: string) => run(body).entities.filter((e) => e.type === 'person').map((e) => e.name).sort();
  it('reads a Tibetan, Mongolian or Yi name after a role or before a verb of saying', () => {
    expect(people('州卫健委副主任扎西平措表示，分中心将于年底建成。')).toEqual(['扎西平措']);
    expect(people('旗医院院长额尔敦说，设备已经到位。')).toEqual(['额尔敦']);
    expect(people('“以前要走两天山路。”\n吉克石布说。')).toEqual(['吉克石布']);
  });
  it('reads a dotted Uyghur name whole, not the surname-shaped piece inside it', () => {
    expect(people('县人民医院院长买买提·依明介绍，今年新开了两个病区。')).toEqual(['买买提·依明']);
  });
  it('takes no common word before a verb of saying for a name', () => {
    expect(people('专家团队表示，手术很成功。')).toEqual([]);
    expect(people('“我们会再来。”队员们说。')).toEqual([]);
  });
  it('reads a name after 副总指挥 and before 代表', () => {
    expect(people('前方指挥部副总指挥周文涛表示，资金已拨付。')).toEqual(['周文涛']);
    expect(people('沧州市中心医院心内科主任赵丽萍代表成员单位发言。')).toEqual(['赵丽萍']);
  });
});

describe('people after 的 and before a time word', () => {
  it('reads the name a role describes with 的 and a name followed by 去年/今年', () => {
    const k = run('身为常务副区长的秦雅丽在会上提出要求。护理部主任孟凡琳今年第三次带队下乡。');
    const people = k.entities.filter((e) => e.type === 'person').map((e) => `${e.name}:${e.role}`);
    expect(people).toEqual(expect.arrayContaining(['秦雅丽:副区长', '孟凡琳:护理部主任']));
    expect(run('院长的办公室设在三楼。').entities.filter((e) => e.type === 'person')).toEqual([]);
  });
});
