// Units of measured quantities in collaboration news, longest first where one starts another.
export const UNITS = [
  '万平方米', '平方公里', '平方米', '个百分点', '个月', '个小时', '公里', '人次', '项次', '批次', '台次', '例次', '场次',
  '万元', '亿元', '元', '床位', '例', '项', '名', '人', '家', '个', '张', '亩', '次', '台', '所', '支', '篇', '场', '套',
  '种', '间', '床', '辆', '周岁', '岁', '天', '周', '小时', '分钟', '秒', '倍', '门', '位', '件', '份', '条', '组', '趟',
  '对', '克', '米', '万', '%', '％', '成', '批', '大类', '小项', '星期', '年',
];

/** Spellings of one unit that are folded into its usual form (2个小时 = 2小时, 65周岁 = 65岁). */
export const UNIT_FOLD: Record<string, string> = { '％': '%', 个小时: '小时', 周岁: '岁', 大类: '类', 小项: '项' };

/** Right before a number of years (未来5年, 为期两年, 连续两年, 工作一年): a duration, not a date. */
export const YEARS_LEAD = /(未来|为期|连续|工作|驻守|服务|长达|历时|期限|任期|援疆|援藏|援青)$/u;

/** After 万 without a unit: money when a fund noun follows (300万帮扶资金). */
export const FUND_AFTER = /^[^，,。；;]{0,4}(资金|经费|投资|款)/u;

/** A clause about a period of service or waiting: there 个月 measures a duration, not a date (进修3至6个月). */
export const DURATION_LEAD = /(进修|培训|驻点|驻村|驻守|挂职|轮转|为期|时间为|时长|期限|等待|等候|候诊|缩短|延长)/u;

/** Before 成: a share (占六成, 下降约六成); elsewhere 成 is a verb or part of a word (一成不变). */
export const SHARE_BEFORE = /(占|达|近|约|超过|超|下降|降低|减少|提高|提升|增长|增加|上升)$/u;

/** After a count: the list it announces follows (项目4个,分别为…). */
export const LIST_FOLLOWS = /^[，,]?(分别为|分别是|包括|即|如下|[：:])/u;

/** Units after which a Chinese numeral only announces a list (三个重大项目, 两家医院, 四项重点工作). */
export const ANNOUNCING_UNITS = new Set(['个', '家', '项', '所', '名', '位', '种', '条', '件', '方', '场', '次', '轮']);

/** People counted (三名医生兼任科主任) are a quantity; after 的/这/该 they refer back to people already counted (这次到岗的两位医生). */
export const PEOPLE_UNITS = new Set(['名', '位']);
export const REFERS_BACK_BEFORE = /(的|这|此|该|上述|这些)$/u;

/** What follows a number that makes it a date, an ordinal or a span of time, not a quantity. */
export const NOT_QUANTITY_AFTER = /^(年|月|日|号|周年|届|期|季度|世纪|时|点|个月|个年|年来|多年|余年|代|级|甲|线|大|类|号楼)/u;

/** Approximate markers before and after a number. */
export const APPROX_BEFORE = /(约|近|超过|超|逾|不少于|不低于|不下|将近|上)$/u;
export const APPROX_AFTER = /^(余|多)/u;
