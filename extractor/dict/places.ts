// Place knowledge the GB/T 2260 package does not carry: new areas, regions, compounds of
// one-character abbreviations, and names that are never places on their own.

/** Functional areas with a statistical code but no GB/T 2260 entry; short forms after the name. */
export const EXTRA_PLACES: { code: string; name: string; parent: string; level: 'city' | 'county'; short: string[] }[] = [
  { code: '133100', name: '雄安新区', parent: '130000', level: 'city', short: ['雄安'] },
];

/** Region terms: kind region, id place:region:<name>; the value lists the member province codes. */
export const REGIONS: Record<string, string[]> = {
  京津冀: ['110000', '120000', '130000'],
  长三角: ['310000', '320000', '330000', '340000'],
  长江三角洲: ['310000', '320000', '330000', '340000'],
  珠三角: ['440000'],
  粤港澳大湾区: ['440000', '810000', '820000'],
  成渝地区双城经济圈: ['500000', '510000'],
};

/** Compounds of one-character abbreviations that name provinces (沪滇协作 → 上海市, 云南省). */
export const ABBREVIATION_COMPOUNDS: Record<string, string[]> = {
  京蒙: ['110000', '150000'],
  京津: ['110000', '120000'],
  津冀: ['120000', '130000'],
  京冀: ['110000', '130000'],
  沪苏浙皖: ['310000', '320000', '330000', '340000'],
};

/**
 * Short forms that are also ordinary words or institution names, so they are places only in their
 * full form (吉林省 stays findable; 大同 in 大同小异 does not become 大同市).
 */
export const SHORT_FORM_STOPLIST = new Set([
  '中山', '大同', '长治', '通化', '白山', '黄山', '开封', '吉林', '海南', '永安', '长安', '东方',
  '和平', '新华', '城关', '桥西', '桥东', '南开', '河西', '河东', '红旗', '朝阳', '新城', '城中',
  '城东', '城西', '城南', '城北', '市中', '郊区', '矿区', '新区', '安宁', '太平', '宁安', '永和',
  '光明', '龙华', '海城', '丰南', '安新', '大城', '阜平', '平山', '正定', '定州', '新乐', '高阳',
  '三河', '大厂', '固安', '永清', '香河', '文安', '安平', '清河', '临西', '新河', '南宫', '宁晋',
  '中方', '双桥', '合作', '开远', '高平', '永康', '信宜', '仁怀', '兴义', '华安', '福泉', '普宁', '开平', '民和', '长春', '大安', '安康', '宁德', '福安', '泰安', '来安', '怀安', '万全',
  // mountain ranges that share a prefecture's short form
  '大兴安岭',
]);
