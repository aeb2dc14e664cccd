// Synthetic archives for benchmarks (graph now; search and API later): N articles about hospitals in
// Beijing and Tianjin helping hospitals in Hebei, Inner Mongolia and the west, with realistic counts of
// entities, relations and figures per article, skewed popularity (a few hubs, a long tail), and a body.
// Deterministic: the same (n, seed) always gives the same archive.
import type { CollaborationKind, Entity, Figure, Relation } from '../../extractor/types.ts';
import type { ArticleFacts } from '../../graph/port.ts';

export interface GeneratedArticle extends ArticleFacts {
  /** Article text (simplified Chinese, one paragraph per line) mentioning the same entities and figures. */
  body: string;
  /** Varied archives only: the generated article this one reprints (with small edits). */
  copyOf?: string;
}

interface Place { code: string; name: string; level: 'province' | 'city' | 'county'; parent?: string }

const PROVINCES: Array<[string, string, Array<[string, string]>]> = [
  ['110000', '北京市', [['110105', '朝阳区'], ['110108', '海淀区'], ['110102', '西城区'], ['110101', '东城区']]],
  ['120000', '天津市', [['120101', '和平区'], ['120103', '河西区']]],
  ['130000', '河北省', [['130100', '石家庄市'], ['130600', '保定市'], ['130700', '张家口市'], ['130800', '承德市'], ['131000', '廊坊市'], ['130200', '唐山市'], ['130900', '沧州市'], ['131100', '衡水市']]],
  ['150000', '内蒙古自治区', [['150100', '呼和浩特市'], ['150200', '包头市'], ['150400', '赤峰市'], ['150500', '通辽市'], ['152500', '锡林郭勒盟'], ['150700', '呼伦贝尔市']]],
  ['140000', '山西省', [['140100', '太原市'], ['140200', '大同市']]],
  ['650000', '新疆维吾尔自治区', [['650100', '乌鲁木齐市'], ['653100', '喀什地区'], ['654000', '伊犁哈萨克自治州']]],
  ['540000', '西藏自治区', [['540100', '拉萨市']]],
  ['630000', '青海省', [['630100', '西宁市'], ['632300', '黄南藏族自治州']]],
];
const HELPER_PROVINCES = new Set(['110000', '120000']);
const KINDS: CollaborationKind[] = ['agreement', 'trusteeship', 'co-build', 'assistance', 'alliance', 'remote', 'training', 'other'];
const KIND_WORD: Record<CollaborationKind, string> = {
  agreement: '签署合作协议', trusteeship: '全面托管', 'co-build': '合作共建', assistance: '对口帮扶',
  alliance: '组建医联体', remote: '开通远程会诊', training: '开展进修培训', other: '开展交流合作',
};
const HOSPITAL_KINDS = ['人民医院', '中医医院', '妇幼保健院', '儿童医院', '中心医院', '中西医结合医院', '传染病医院', '肿瘤医院', '口腔医院', '骨科医院'];
const METRICS: Array<[string, string, number]> = [['床位', '张', 1200], ['派驻专家', '人', 60], ['诊疗人次', '人次', 50000], ['手术', '台', 3000], ['培训医务人员', '人次', 800], ['远程会诊', '例', 2000]];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = '建国明华丽军伟芳秀英志强立新海燕春晓东文平红玉兰';

/** Small, fast, seedable PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World { places: Map<string, Place>; helpers: Hospital[]; recipients: Hospital[]; projects: string[] }
interface Hospital { name: string; city: Place }

function buildWorld(n: number, rand: () => number): World {
  const places = new Map<string, Place>();
  for (const [code, name, cities] of PROVINCES) {
    places.set(code, { code, name, level: 'province' });
    for (const [c, cn] of cities) places.set(c, { code: c, name: cn, level: code.startsWith('11') || code.startsWith('12') ? 'county' : 'city', parent: code });
  }
  const cities = [...places.values()].filter((p) => p.level !== 'province');
  // About one hospital per 25 articles: a 100k archive has ~4,000 institutions.
  const count = Math.max(60, Math.round(n / 25));
  const helpers: Hospital[] = [];
  const recipients: Hospital[] = [];
  for (let i = 0; i < count; i++) {
    const city = cities[Math.floor(rand() * cities.length)];
    const kind = HOSPITAL_KINDS[i % HOSPITAL_KINDS.length];
    const seq = Math.floor(i / HOSPITAL_KINDS.length);
    const prefix = city.name.replace(/(市|区|盟|地区|自治州)$/, '');
    const name = seq === 0 ? `${prefix}${kind}` : `${prefix}${numeral(seq + 1)}${kind}`;
    (HELPER_PROVINCES.has(city.parent!) ? helpers : recipients).push({ name, city });
  }
  const projects = ['京津冀医疗协同发展', '京蒙对口帮扶', '组团式医疗援疆', '组团式医疗援藏', '国家区域医疗中心建设', '紧密型医联体建设'];
  return { places, helpers, recipients, projects };
}

const DIGITS = '零一二三四五六七八九';
/** 2 → 第二, 14 → 第十四, 230 → 第二百三十, 1005 → 第一千零五 (a 1M archive numbers up to ~3,600 hospitals a kind). */
export function numeral(k: number): string {
  if (!Number.isInteger(k) || k < 1 || k > 9999) throw new RangeError(`numeral: ${k} is outside 1..9999`);
  const th = Math.floor(k / 1000), h = Math.floor((k % 1000) / 100), t = Math.floor((k % 100) / 10), u = k % 10;
  let out = th ? DIGITS[th] + '千' : '';
  if (h) out += DIGITS[h] + '百';
  else if (th && (t || u)) out += '零';
  if (t) out += t === 1 && !th && !h ? '十' : DIGITS[t] + '十';
  else if ((th || h) && u && h) out += '零';
  return '第' + out + (u ? DIGITS[u] : '');
}

/** Zipf-like pick: low indexes (hubs) much more often than the tail. */
const skewed = <T>(xs: T[], rand: () => number): T => xs[Math.floor(xs.length * Math.pow(rand(), 2.2))];
const pad = (x: number) => String(x).padStart(2, '0');

export function* iterateArticles(n: number, seed = 1): Generator<GeneratedArticle> {
  const rand = rng(seed);
  const world = buildWorld(n, rand);
  for (let i = 0; i < n; i++) yield article(i, world, rand);
}

/**
 * A varied archive for the scale bench: the same stories, but about one article in twelve is a reprint of a recent
 * one with small edits (a credit line before the lead, another closing sentence, another source, a later date), and
 * bodies write some institutions under other names than their canonical one (保定市第二人民医院 and the numbered
 * short form 保定二院 for 保定第二人民医院; 保定中医院 for 保定中医医院), so reprint detection and institution
 * resolution have real work. The facts (entities) keep the canonical names: they are the truth the bench compares to.
 * Variation draws from its own generator, so iterateArticles(n, seed) stays as it was.
 */
export function* iterateVaried(n: number, seed = 1): Generator<GeneratedArticle> {
  const rand = rng(seed);
  const vary = rng(seed ^ 0x5bd1e995);
  const world = buildWorld(n, rand);
  const recent: GeneratedArticle[] = [];
  for (let i = 0; i < n; i++) {
    if (recent.length > 20 && vary() < 0.08) {
      yield reprint(i, recent[Math.floor(vary() * recent.length)], vary);
      continue;
    }
    const a = article(i, world, rand, vary);
    recent.push(a);
    if (recent.length > 200) recent.shift();
    yield a;
  }
}

const CREDITS = ['人民网', '新华网', '河北日报', '北京日报', '内蒙古日报', '光明网'];

function reprint(i: number, of: GeneratedArticle, vary: () => number): GeneratedArticle {
  const id = `gen-${String(i).padStart(7, '0')}`;
  const source = CREDITS[Math.floor(vary() * CREDITS.length)];
  const lines = of.body.split('\n');
  lines[0] = `据${source}消息，${lines[0]}`;
  lines[lines.length - 1] = '（转载自健康报，有删改）';
  const [y, m, d] = (of.article.published ?? '2020-01-01').split('-').map(Number);
  const published = `${y}-${pad(m)}-${pad(Math.min(28, d + 1 + Math.floor(vary() * 3)))}`;
  return {
    ...of,
    article: { ...of.article, id, url: `https://reprint.example.cn/${of.article.id}/${id}.html`, published, source: `${source}（合成）` },
    body: lines.join('\n'),
    copyOf: of.article.id,
  };
}

const WHO = ['派驻专家团队', '对口科室', '医务处', '远程医疗中心', '护理部', '急诊科', '心血管内科', '儿科', '影像科', '检验科', '麻醉科', '康复医学科'];
const DID = ['完成疑难手术', '开展多学科会诊', '举办专题讲座', '带教住院医师', '接诊门诊患者', '指导危重症抢救', '培训乡村医生', '开展义诊活动'];
const GAIN = ['填补了当地多项技术空白', '患者外转率明显下降', '基层诊疗能力稳步提升', '群众就医满意度持续提高', '县域内就诊率达到新高', '新建了胸痛中心和卒中中心'];
const WHEN = ['今年以来', '近三年来', '合作期间', '去年下半年', '上个月', '春节前后'];

/** A sentence of detail for a varied body: different stories then share few character 4-grams, as real ones do. */
function detail(vary: () => number, year: number): string {
  const of = <T>(xs: T[]) => xs[Math.floor(vary() * xs.length)];
  const n = 2 + Math.floor(vary() * 300);
  return `${of(WHEN)}，${of(WHO)}${of(DID)}${n}次，${of(GAIN)}；${year - Math.floor(vary() * 3)}年累计投入资金${1 + Math.floor(vary() * 900)}万元，${of(WHO)}${of(DID)}。`;
}

/** How a varied body writes a hospital's name: canonical mostly, sometimes a variant that resolution must join. */
function written(h: Hospital, vary: (() => number) | undefined, numbered: boolean): string {
  if (!vary) return h.name;
  const prefix = h.city.name.replace(/(市|区|盟|地区|自治州)$/, '');
  const rest = h.name.slice(prefix.length);
  const r = vary();
  const seq = /^第([一二三四五六七八九])人民医院$/.exec(rest);
  if (numbered && seq && r < 0.5) return `${prefix}${seq[1]}院`;
  if (r < 0.12 && h.city.name !== prefix && h.name.startsWith(prefix)) return `${h.city.name}${rest}`;
  if (r < 0.2 && h.name.endsWith('中医医院')) return h.name.replace(/中医医院$/, '中医院');
  return h.name;
}

export function generateArticles(n: number, seed = 1): GeneratedArticle[] {
  return [...iterateArticles(n, seed)];
}

function article(i: number, w: World, rand: () => number, vary?: () => number): GeneratedArticle {
  const id = `gen-${String(i).padStart(7, '0')}`;
  const year = 2014 + Math.floor(rand() * 11);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const published = `${year}-${pad(month)}-${pad(day)}`;
  const sentences: string[] = [];
  const entities = new Map<string, Entity>();
  const relations: Relation[] = [];
  const figures: Figure[] = [];
  const say = (s: string) => { sentences.push(s); return sentences.length - 1; };
  const prov = (s: number) => ({ sentence: s, start: s * 30, end: s * 30 + 20 });

  const place = (p: Place, s: number): Entity => {
    const eid = `place:${p.code}`;
    if (!entities.has(eid)) {
      entities.set(eid, { id: eid, type: 'place', name: p.name, aliases: [], code: p.code, level: p.level, mentions: [prov(s)], confidence: 0.95 });
      if (p.parent) {
        const parent = place(w.places.get(p.parent)!, s);
        relations.push({ type: 'part_of', a: eid, b: parent.id, date: null, evidence: `${parent.name}${p.name}`, provenance: prov(s), confidence: 0.95 });
      }
    }
    return entities.get(eid)!;
  };
  const hospital = (h: Hospital, s: number): Entity => {
    const eid = `hospital:${h.name}`;
    if (!entities.has(eid)) {
      const short = /[^院]医院$/.test(h.name) && h.name.length > 6 ? [h.name.replace(/医院$/, '院')] : [];
      entities.set(eid, { id: eid, type: 'hospital', name: h.name, aliases: short, mentions: [prov(s)], confidence: 0.9 });
      const city = place(h.city, s);
      relations.push({ type: 'located_in', a: eid, b: city.id, date: null, evidence: `${h.city.name}${h.name}`, provenance: prov(s), confidence: 0.9 });
    }
    return entities.get(eid)!;
  };

  const pairs = 1 + Math.floor(rand() * 3);
  let title = '';
  for (let k = 0; k < pairs; k++) {
    const helper = skewed(w.helpers, rand);
    const recipient = skewed(w.recipients, rand);
    const kind = KINDS[Math.floor(rand() * KINDS.length)];
    const s = say(`${year}年${month}月，${helper.name}与${written(recipient, vary, false)}${KIND_WORD[kind]}，双方将在学科建设、人才培养等方面深化协作。`);
    const a = hospital(helper, s);
    const b = hospital(recipient, s);
    if (!title) title = `${helper.name}${KIND_WORD[kind]}${recipient.name}`;
    relations.push({ type: 'collaboration', a: a.id, b: b.id, kind, directed: kind !== 'remote' && kind !== 'alliance',
      date: `${year}-${pad(month)}`, evidence: sentences[s], provenance: prov(s), confidence: 0.8 });
    if (rand() < 0.6) {
      const [metric, unit, scale] = METRICS[Math.floor(rand() * METRICS.length)];
      const value = 1 + Math.floor(rand() * scale);
      const fs = say(`截至${year}年底，${written(recipient, vary, true)}${metric}达到${value}${unit}，较合作前明显提升。`);
      figures.push({ id: `${id}-f${figures.length + 1}`, text: `${metric}${value}${unit}`, value, unit, metric, subjectId: b.id, subject: b.name,
        time: String(year), approximate: false, evidence: sentences[fs], provenance: prov(fs), confidence: 0.85 });
    }
  }
  if (rand() < 0.4) {
    const province = [...entities.values()].find((e) => e.type === 'place' && e.level === 'province' && !HELPER_PROVINCES.has(e.code!));
    if (province) {
      const name = `${province.name.replace(/(省|市|自治区|维吾尔自治区)$/, '')}卫生健康委员会`;
      const s = say(`${name}相关负责人表示，将持续推动优质医疗资源下沉。`);
      entities.set(`org:${name}`, { id: `org:${name}`, type: 'organization', name, aliases: [name.replace('卫生健康委员会', '卫健委')], mentions: [prov(s)], confidence: 0.9 });
      relations.push({ type: 'located_in', a: `org:${name}`, b: province.id, date: null, evidence: sentences[s], provenance: prov(s), confidence: 0.9 });
    }
  }
  if (rand() < 0.3) {
    const person = SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)] + GIVEN[Math.floor(rand() * GIVEN.length)];
    const s = say(`院长${person}介绍，合作以来已有多名专家常驻当地坐诊带教。`);
    entities.set(`person:${person}`, { id: `person:${person}`, type: 'person', name: person, aliases: [], role: '院长', mentions: [prov(s)], confidence: 0.7 });
  }
  if (rand() < 0.35) {
    const p = w.projects[Math.floor(rand() * w.projects.length)];
    const s = say(`此次合作是${p}的重要内容之一。`);
    entities.set(`project:${p}`, { id: `project:${p}`, type: 'project', name: p, aliases: [], mentions: [prov(s)], confidence: 0.8 });
  }
  if (vary) for (let k = 1 + Math.floor(vary() * 3); k > 0; k--) say(detail(vary, year));
  say('下一步，双方将继续完善协作机制，让群众在家门口享受到优质医疗服务。');
  return {
    article: { id, url: `https://news.example.cn/${year}/${pad(month)}/${id}.html`, title, published, source: '健康报（合成）' },
    entities: [...entities.values()],
    relations,
    figures,
    body: sentences.join('\n'),
  };
}

/** Totals of a generated archive, for reporting rows per second. */
export function countRows(articles: readonly ArticleFacts[]): { articles: number; entities: number; relations: number; figures: number; rows: number } {
  let entities = 0, relations = 0, figures = 0;
  for (const a of articles) { entities += a.entities.length; relations += a.relations.length; figures += a.figures.length; }
  return { articles: articles.length, entities, relations, figures, rows: articles.length + entities + relations + figures };
}
