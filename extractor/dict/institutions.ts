// Name grammar for institutions: suffixes, generic words, well-known organisations and their short forms.

/** Hospital name endings, longest first where one ends another. */
export const HOSPITAL_SUFFIXES = ['医院院区', '院区', '分院', '附院', '医院', '中医院', '卫生院', '保健院', '总医院', '中心医院', '防治院', '疗养院',
  // a hospital's branch under another name (北京协和医院澳门医学中心); needs a hospital inside the name
  '医学中心',
  // a county or city psychiatric hospital is named 精神卫生中心 (隆尧县精神卫生中心)
  '精神卫生中心',
  // a maternal and child health centre is a hospital under another ending (某市妇幼保健中心)
  '妇幼保健中心',
  // a specialty hospital named after its field (某市某某心血管病中心); needs a place and a name, as 医学中心 does
  '心血管病中心',
  // a hospital group named after its lead hospital (衡水市人民医院医疗集团): one institution, not a company
  '医疗集团'];

/** Organisation endings (universities, institutes, governments, commissions, agencies). */
export const ORG_SUFFIXES = [
  '大学', '医学院', '学院', '医学部', '研究所', '研究院', '科学院', '卫生健康委员会', '卫生健康委', '卫健委',
  '人民政府', '政府', '新闻办公室', '新闻办', '管理局', '委员会', '疾病预防控制中心', '疾控中心', '考试中心',
  '认证中心', '急救中心', '血液中心', '卫生监督所', '疾控局', '医保局', '卫生局', '教育局', '通讯社', '新闻社',
  '教育厅', '财政厅', '民政厅', '科技厅', '卫生厅', '卫生健康厅', '医疗保障局', '发展和改革委员会', '发展改革委',
  '卫生和计划生育委员会', '卫生计生委', '卫计委', '管委会', '管理委员会', '公共服务局', '卫生健康局', '卫健局',
  // bureaus of a health commission or a zone's committee (省卫计委医政医管局, 示范区社会事业局)
  '医政医管局', '社会事业局',
  '人力资源和社会保障局', '人社局', '市场监督管理局', '市场监管局', '民政局', '财政局', '统计局',
  // charities that fund treatment and donate equipment in the same reports (河北省红十字会)
  '红十字会', '慈善总会', '慈善联合会',
  // the bodies that run a city's public hospitals (北京市医院管理中心): a hospital word inside, an office as a whole
  '医院管理中心', '医院管理局',
  // companies that build, equip or run projects in the same reports (中冀建工集团有限公司)
  '有限公司', '有限责任公司', '分公司', '集团',
  // the field office of a paired-assistance programme (天津市对口支援新疆工作前方指挥部)
  '指挥部',
  // bureaus of a county, district or development zone, often in short form (鄞州区发改局)
  '发改局', '发展和改革局', '建设局', '住建局', '住房和城乡建设局',
];

/** Words a company name is made of that elsewhere read as verbs or stop words (城市发展投资集团). */
export const COMPANY_NAME_WORDS = new Set([
  '建设', '发展', '投资', '服务', '管理', '建工', '联合', '控股', '实业', '产业', '健康', '医疗', '信息', '技术', '科技', '通信',
  '移动', '数据', '网络', '工程', '城市', '养老', '康养', '医药', '制药', '城乡', '交通', '数字', '智慧',
]);

/** Words of a paired-assistance field office's name (对口支援新疆工作前方指挥部). */
export const COMMAND_NAME_WORDS = new Set(['对口', '支援', '对口支援', '援藏', '援疆', '援青', '援', '工作', '前方', '帮扶', '援助', '协作']);

/** Organisations known by a short or colloquial form: surface → canonical name. */
export const KNOWN_ORGS: Record<string, string> = {
  国家卫健委: '国家卫生健康委员会',
  国家卫生健康委: '国家卫生健康委员会',
  国家卫生健康委员会: '国家卫生健康委员会',
  疾控局: '国家疾病预防控制局',
  国家疾控局: '国家疾病预防控制局',
  国家疾病预防控制局: '国家疾病预防控制局',
  科技部: '科学技术部',
  科学技术部: '科学技术部',
  教育部: '教育部',
  民政部: '民政部',
  财政部: '财政部',
  国家发展改革委: '国家发展和改革委员会',
  国家发改委: '国家发展和改革委员会',
  国家医保局: '国家医疗保障局',
  国家医疗保障局: '国家医疗保障局',
  国家中医药局: '国家中医药管理局',
  国家中医药管理局: '国家中医药管理局',
  新华社: '新华通讯社',
  新华通讯社: '新华通讯社',
  中新社: '中国新闻社',
  中国新闻社: '中国新闻社',
  人民日报社: '人民日报社',
  党中央: '中共中央',
  中共中央: '中共中央',
  国务院: '国务院',
  全国政协: '中国人民政治协商会议全国委员会',
  国家卫生计生委: '国家卫生和计划生育委员会',
  国家卫计委: '国家卫生和计划生育委员会',
};


/** Expansions applied to a recognised name to obtain its canonical form (政府 → 人民政府). */
export const CANONICAL_ENDINGS: [RegExp, string][] = [
  [/卫健委$/, '卫生健康委员会'],
  [/卫生计生委$|卫计委$/, '卫生和计划生育委员会'],
  [/管委会$/, '管理委员会'],
  [/卫健局$/, '卫生健康局'],
  [/(?<!医疗保障|国家)医保局$/, '医疗保障局'],
  [/人社局$/, '人力资源和社会保障局'],
  [/市场监管局$/, '市场监督管理局'],
  [/发改局$/, '发展和改革局'],
  [/住建局$/, '住房和城乡建设局'],
  [/发展改革委$/, '发展和改革委员会'],
  [/卫生健康委$/, '卫生健康委员会'],
  [/疾控中心$/, '疾病预防控制中心'],
  // a special administrative region's government is no people's government (澳门特区政府 → 澳门特别行政区政府)
  [/特区政府/, '特别行政区政府'],
  [/(?<!人民|特别行政区)政府新闻办(公室)?$/, '人民政府新闻办公室'],
  [/人民政府新闻办$/, '人民政府新闻办公室'],
  [/(?<!人民|特别行政区)政府$/, '人民政府'],
  [/一附院$/, '第一附属医院'],
  [/二附院$/, '第二附属医院'],
  [/三附院$/, '第三附属医院'],
];

/** Words that, left of an institution suffix, make it a generic noun rather than a name (互联网医院, 成员医院). */
export const GENERIC_HEADS = new Set([
  '互联网', '成员', '牵头', '当地', '基层', '定点', '协作', '合作', '对口', '三甲', '三级', '二级', '县级', '市级',
  '省级', '专科', '综合', '公立', '民营', '各级', '各类', '医联体', '高水平', '优质', '全市', '全省', '全区', '各',
  '多家', '两家', '该', '本', '我', '其', '这', '那', '各地', '附属', '省内', '区域', '一流', '重点', '大型', '知名',
  '西医类', '中医类', '西医', '类', '家', '所', '地方', '部属', '国家级', '省属', '市属', '医学', '相关', '社区',
  '管理', '大', '小', '新', '老', '各大', '京外', '外地', '本地', '外省', '盟市',
  // levels and kinds of the health system, not names (乡镇卫生院, 村卫生室, 市级医院, 区属医院)
  '乡镇', '乡', '镇', '村', '街道', '县属', '区属', '区级', '旗县', '旗县级', '县区', '市县', '县乡', '受援', '支援',
  '帮扶', '输出', '托管', '属', '级', '省直', '市直', '县直', '区直', '在京', '驻京',
  // a hospital's role towards another (上级医院, 教学医院, 实习医院), and 城镇 where the segmenter cut 向城镇
  '上级', '下级', '教学', '实习', '城镇',
]);

/** Specialty words: with only these before the suffix a name needs a place (市儿童医院 → 天津市儿童医院). */
export const SPECIALTY_HEADS = new Set([
  '儿童', '肿瘤', '眼科', '胸科', '人民', '中医', '妇幼', '妇幼保健', '口腔', '精神', '传染病', '第一', '第二',
  '第三', '第四', '第五', '第六', '第七', '第八', '第九', '中心', '第一中心', '第二中心', '第三中心', '第四中心',
  '第五中心', '环湖', '眼', '胸', '妇产', '总', '中西医结合', '康复', '骨科', '心血管', '血液病', '职业病', '结核病',
  '老年', '妇女儿童', '中医药', '医科', '师范', '理工', '工业', '农业', '科技', '卫生', '疾病预防控制', '卫生健康',
]);

/**
 * Tokens that end a name when extending left from its suffix: function words and the verbs and
 * adverbs of collaboration news. Kept as a closed list so the grammar stays predictable.
 */
export const LEFT_STOP_TOKENS = new Set(
  (
    '与 和 及 同 跟 向 对 在 于 从 到 赴 由 为 把 被 将 是 有 等 的 了 着 或 并 及其 以及 以 也 还 又 都 即 ' +
    '成立 组建 签订 签署 建立 举行 开展 推进 推动 支持 加强 依托 建设 共建 托管 帮扶 对口 深化 合作 进驻 派驻 ' +
    '选派 派出 加入 牵头 创建 带领 莅临 抵达 迎接 举办 获批 获 批 承建 实施 完成 收治 接诊 成为 前往 来到 走进 走访 ' +
    '调研 考察 参观 召开 介绍 表示 指出 强调 发挥 包括 涵盖 联合 申报 携手 协助 助力 接收 联手 致 感谢 欢迎 ' +
    '已 正 积极 深入 全面 不断 继续 首次 先后 分别 共同 正式 目前 今年 去年 截至 如 例如 其中 通过 作为 位于 ' +
    '我 我们 该 其 本 此 这 那 各 每 多家 两家 家 所 名 个 位 批 一批 原 新 老 现 称 叫 简称 即将 已经 曾 ' +
    '加快 争创 打造 形成 促进 提升 提高 服务 融入 对接 落实 贯彻 学习 响应 申请 挂牌 揭牌 授牌 入选 当选 ' +
    '担任 任 兼任 出任 主任 院长 书记 教授 专家 医生 团队 科室 患者 领导 一行 副 党委 党委书记 之 间 内 上 下 ' +
    '以上 以下 上述 这些 其他 有关 相关 当地 我市 我省 我区 本市 本省 本区 全市 全省 全区 本次 此次 这次 首次 每次 再次 甲等 乙等 三级 二级 ' +
    '单位 理事长 副理事长 会长 秘书长 院长助理 ' +
    '过去 现在 以前 此前 如今 当时 今后 以往 原来 明年 前年 近年 同年 当年 全年 以来 今年以来 去年以来 近年来 ' +
    '关于 根据 按照 围绕 聚焦 针对 面向 经过 经 自 自从 直至 至 给 让 使 令 请 邀请 委托 受 帮助 指导 援建 援助 ' +
    // a party committee before a government (省委省政府); 据 of 据省卫健委介绍
    '省委 市委 县委 区委 州委 据 据悉 据了解'
  ).split(/\s+/),
);

/** Network heads end an institution's name to their left in a run-on text (…专科联盟省卫健委将…); 工程 or 计划 may sit inside a name (工程大学, 计划生育委员会). */
export const PROJECT_HEAD_TOKENS = new Set(['联盟', '专科联盟', '医联体', '医共体']);

/** In-document references that point back to an institution named elsewhere. */
export const SELF_REFERENCES: Record<string, 'hospital' | 'organization'> = {
  该院: 'hospital', 我院: 'hospital', 本院: 'hospital', 医院: 'hospital', 院: 'hospital',
  我委: 'organization', 该委: 'organization', 本委: 'organization',
};
