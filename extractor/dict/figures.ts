// Units of measured quantities in collaboration news, longest first where one starts another.
export const UNITS = [
  '万平方米', '平方公里', '平方米', '个百分点', '公里', '人次', '批次', '台次', '例次', '万元', '亿元', '元', '床位',
  '例', '项', '名', '人', '家', '个', '张', '亩', '次', '台', '所', '支', '篇', '场', '套', '种', '间', '床', '辆',
  '岁', '天', '小时', '分钟', '倍', '门', '位', '件', '份', '条', '组', '万', '%', '％',
];

/** Units after which a Chinese numeral only announces a list (三个重大项目, 两家医院, 四项重点工作). */
export const ANNOUNCING_UNITS = new Set(['个', '家', '项', '所', '名', '位', '种', '条', '件', '方', '场', '次', '批', '轮']);

/** What follows a number that makes it a date, an ordinal or a span of time, not a quantity. */
export const NOT_QUANTITY_AFTER = /^(年|月|日|号|周年|届|期|季度|世纪|时|点|个月|个年|年来|多年|余年|代|级|甲|线|大|类|号楼)/u;

/** Approximate markers before and after a number. */
export const APPROX_BEFORE = /(约|近|超过|超|逾|不少于|不低于|不下|将近|上)$/u;
export const APPROX_AFTER = /^(余|多)/u;
