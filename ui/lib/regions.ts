// Province-level regions from GB/T 2260 codes: the first two digits of any place code name its province,
// so institutions can be grouped by region without another query.

export const PROVINCES: Record<string, string> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古', '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东', '41': '河南',
  '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南', '50': '重庆', '51': '四川', '52': '贵州',
  '53': '云南', '54': '西藏', '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆', '71': '台湾',
  '81': '香港', '82': '澳门',
};

/** Province of a place id or code: `place:130602` or `130602` → { id: 'region:13', name: '河北' }. */
export function provinceOf(placeIdOrCode: string): { id: string; name: string } | null {
  const m = /(\d{2})\d{4}$/.exec(placeIdOrCode);
  if (!m || !PROVINCES[m[1]]) return null;
  return { id: `region:${m[1]}`, name: PROVINCES[m[1]] };
}

/** GB/T 2260 code of a province by its two digits: '13' → '130000'. */
export const provinceCode = (two: string) => `${two}0000`;
