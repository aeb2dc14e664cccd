// Name grammar for projects: the heads that end a project name, and the words that never make one.

/**
 * Heads that end a named programme, alliance, network or centre-building effort, longest first where
 * one ends another. 项目 and 平台 are weak (see WEAK_HEADS); 队伍 is read only to be refused unless it
 * is an emergency team (应急队伍), so that 人才队伍 is counted as refused rather than never seen.
 */
export const PROJECT_HEADS = [
  '医联体', '医共体', '专科联盟', '联盟', '协作组', '协作网', '综合体', '项目', '计划', '工程', '平台', '基地',
  '医学中心', '医疗中心', '质控中心', '救治中心', '诊疗中心', '应急队伍', '队伍', '行动',
];

/**
 * Heads that the news uses as often for a description (合作项目, 信息平台, 远程会诊平台) as for a name:
 * they make a project only with a proper element in the name (a place, an institution, quotes, 国家).
 */
export const WEAK_HEADS = new Set(['项目', '平台']);

/** A team (队伍) is a programme only as a national emergency or rescue team; otherwise it is staff (人才队伍, 医院队伍). */
export const TEAM_HEAD = '队伍';
export const PROGRAMME_TEAM = /(应急|救援)队伍$/u;

/**
 * A centre is a project head only in a joint name of several partners written with dashes
 * (甲院—乙院—丙院颅外科中心): on its own, 中心 ends every department and building.
 */
export const JOINT_ONLY_HEADS = ['中心'];

/** A branch of a named project under a place (…专科联盟唐山分中心, …医联体沧州片区): only after <project><place>. */
export const BRANCH_HEADS = ['分中心', '片区'];

/**
 * Words that describe a project without naming it: importance (重大, 重点, 标志性), relation (合作, 协同,
 * 互认), field (医疗卫生, 科技, 人才), level or scope (市级, 区域, 全市), quality (精品, 优质, 绿色), the
 * policy nouns of the genre (落地, 扩面, 惠民, 民生, 实事, 思维, 形式) and the heads themselves
 * (工程项目, 项目落地计划). A project whose words before the head are all of these is generic.
 */
export const GENERIC_MODIFIERS = new Set([
  // importance and evaluation
  '重大', '重点', '重要', '标志性', '示范', '示范性', '精品', '品牌', '特色', '先进', '典型', '样板', '标杆', '亮点',
  '优质', '高质量', '高水平', '高端', '一流', '顶尖', '绿色', '民生', '实事', '惠民', '民心', '首要', '关键', '核心',
  // relation between partners
  '合作', '协作', '协同', '互认', '共建', '共享', '对口', '帮扶', '援助', '交流', '联动', '结对', '战略', '战略合作',
  // field, in general terms
  '医疗', '卫生', '医疗卫生', '卫生健康', '医药', '科技', '科研', '科学', '技术', '新技术', '研究', '服务', '医疗服务',
  '检验', '检查', '信息化', '数字化', '智慧', '人才', '师资', '人才培养', '教育', '培训', '教学', '学科', '学科建设',
  '专科', '基层', '互联网', '医院', '医疗机构', '机构', '产业', '文化', '公益', '工作', '业务',
  // level, scope and kind
  '国家级', '省级', '市级', '县级', '区级', '院级', '全国', '全省', '全市', '全区', '全县', '区域', '跨区域', '城市',
  '县域', '地方', '各级', '各类', '各项', '相关', '有关', '这些', '上述', '该', '本', '其', '多个', '一批', '新一批',
  '首批', '新', '传统', '现代', '立体', '紧密', '松散', '紧密型', '松散型', '综合', '专项', '一期', '二期', '三期',
  '年度', '未来', '下一步', '大型', '小型', '中型', '最', '最新',
  // policy nouns and verbs of the genre that the dictionary tags as nouns
  '落地', '选址', '扩面', '提质', '增效', '提标', '扩容', '下沉', '思维', '形式', '模式', '机制', '体系', '理念',
  '能力', '水平', '质量', '资源', '保障', '建设', '发展', '改革', '创新', '试点', '攻关', '转化', '应用', '管理',
  // the heads themselves (工程项目, 项目落地计划, 平台建设项目)
  '项目', '工程', '计划', '行动', '平台', '基地', '中心', '联盟', '队伍', '医联体', '医共体',
]);

/** A count, ordinal or time span standing for the name (十项行动, 一号工程, 首批, 第五批, 未来三年). */
export const COUNTED_MODIFIER = /^(第|未来|近|前)?[0-9０-９一二三四五六七八九十百千两几多首]+[项个批大号类期年届轮]?$/u;

/** A kind of project rather than one (远程医疗型医联体, 市级诊疗中心, 专科联盟式): the modifier ends in a category word. */
export const CATEGORY_TAIL = /[型类式级]$/u;

/** Words that make a name proper at the national level (国家医学中心, 中国罕见病联盟), as a place does. */
export const NATIONAL_WORDS = new Set(['国家', '中国']);

/**
 * Specialties the dictionary tags as verbs (呼吸, 介入): inside a project name they are its subject
 * (呼吸专科联盟, 神经介入中心), not the verb of the clause, so they neither end the name nor count as filler.
 */
export const SPECIALTY_VERBS = new Set([
  '呼吸', '介入', '麻醉', '移植', '透析', '消化', '感染', '助产', '输血', '睡眠', '戒毒', '整形', '美容', '扶贫', '救援',
]);
