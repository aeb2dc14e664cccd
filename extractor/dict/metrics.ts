// Canonical metrics of collaboration news: each figure's raw label is mapped to one of these, so
// reports can sum and compare (医联体成员单位新增床位 → 床位, 为农牧民免费筛查眼病 → 筛查).

/** Canonical metric names; 'other' when nothing fits. */
export const METRICS = [
  '资金', '面积', '距离', '年龄', '时长', '增长率', '占比', '床位', '培训', '派驻专家', '远程会诊', '转诊', '义诊', '筛查',
  '手术', '住院', '门诊量', '新技术', '项目', '医联体', '科室', '医疗机构', '地区', '专家', '医务人员', '患者', 'other',
] as const;

export type Metric = (typeof METRICS)[number];

/** Metrics decided by the unit alone: money, area, distance, age, time. */
export const METRIC_BY_UNIT: [RegExp, Metric][] = [
  [/^(万|亿)?元$/u, '资金'],
  [/^(万)?平方(米|公里)$|^亩$/u, '面积'],
  [/^公里$/u, '距离'],
  [/^岁$/u, '年龄'],
  [/^(天|小时|分钟|个月)$/u, '时长'],
];

/** A change (增长49.79%, 提高到52%) rather than a share. */
export const CHANGE_WORDS = /增长|增加|提高|提升|上升|下降|降低|减少|缩短|翻/u;

/** Label patterns, most specific first: the first that matches the label (or the noun after the number) wins. */
export const METRIC_PATTERNS: [RegExp, Metric][] = [
  [/床位|病床|张床/u, '床位'],
  [/培训|进修|带教|授课|讲座|培养|教学|规培/u, '培训'],
  [/(派驻|选派|派出|下派|进驻|驻点|常驻|支援|帮扶|援派|抽调).{0,10}(专家|医生|医师|骨干|人才|人员|医护|团队|队员)|(专家|医生|医师|人员).{0,3}(派驻|进驻|驻点|下沉)/u, '派驻专家'],
  [/远程|会诊/u, '远程会诊'],
  [/转诊|上转|下转|转运/u, '转诊'],
  [/义诊|巡诊|巡回医疗/u, '义诊'],
  [/筛查|体检|检测|检查/u, '筛查'],
  [/手术|台$/u, '手术'],
  [/住院|出院|收治|入院/u, '住院'],
  [/门诊|门急诊|急诊|诊疗|接诊|就诊|看诊|诊治|出诊|服务人次/u, '门诊量'],
  [/新技术|技术(?!人员)|术式|填补.*空白/u, '新技术'],
  [/项目|课题|专项|合作事项/u, '项目'],
  [/医联体|联盟|联合体|共同体|协作网/u, '医联体'],
  [/科室|专科|学科|专业|门诊部|工作室|救治中心|诊疗中心/u, '科室'],
  [/医院|卫生院|卫生室|医疗机构|卫生机构|机构|成员单位|单位|诊所|社区卫生服务/u, '医疗机构'],
  [/盟市|设区市|地市|省份|省市|区县|县区|市县|旗县|乡镇|街道|村$/u, '地区'],
  [/专家|教授|院士|学科带头人|名医/u, '专家'],
  [/医务人员|医护|医生|医师|护士|技术人员|管理人员|人才|员工|职工|队伍|学员|学生/u, '医务人员'],
  [/患者|患儿|病人|病例|病患|孕产妇|新生儿|群众|居民|农牧民|村民|儿童|人次/u, '患者'],
];

/** Units that count things: the noun right after the number names what is counted (12名专家). */
export const COUNTERS = new Set(['名', '人', '位', '人次', '例', '例次', '台', '台次', '次', '张', '项', '个', '家', '所', '支', '场', '批次']);

/** Units that count institutions: only institution metrics fit them. */
export const INSTITUTION_COUNTERS = new Set(['家', '所']);

/** What was done (派驻, 会诊, 手术…): in a label it says more than whom it was done to (会诊疑难病例 → 远程会诊). */
export const ACTIVITY_METRICS = new Set<Metric>(['床位', '培训', '派驻专家', '远程会诊', '转诊', '义诊', '筛查', '手术', '住院', '门诊量']);

/** Sending people out: a count of experts or staff under such a verb is 派驻专家 (选派12名专家). */
export const DISPATCH = /派驻|选派|派出|下派|进驻|抽调|援派|常驻/u;
