// Bytes → text for pages and text files. Declarations are hints, not facts: many saved pages
// declare GB2312 but hold UTF-8 (the browser re-encoded them), and some declare nothing.
// Order: BOM → strict UTF-8 → declared charset → GB18030 / Big5 sniffing, each checked by
// counting replacement characters and how common the decoded Chinese characters are.
import iconv from 'iconv-lite';

export type DecodeErrorCode = 'BINARY_CONTENT' | 'UNDECODABLE';

/** The bytes are not text, or no candidate encoding decodes them cleanly. Never retryable. */
export class DecodeError extends Error {
  readonly code: DecodeErrorCode;
  readonly retryable = false;
  constructor(code: DecodeErrorCode, message: string) {
    super(message);
    this.name = 'DecodeError';
    this.code = code;
  }
}

export interface Decoded {
  text: string;
  /** Encoding actually used: utf-8, gb18030, big5, utf-16le, utf-16be, or another iconv-lite name. */
  encoding: string;
  /** Charset the header or page declared (lower case), or null. */
  declared: string | null;
  /** Where the declaration came from. */
  declaredBy: 'bom' | 'header' | 'meta' | null;
  /** How the encoding was chosen. */
  method: 'bom' | 'utf8-valid' | 'declared' | 'sniffed';
  /** 0..1: share of non-ASCII characters that decoded without replacement, weighted by commonness. */
  confidence: number;
  /** U+FFFD characters in the output. */
  replacements: number;
}

/** Charset names pages use → the decoder that reads them correctly (GB2312/GBK pages hold GBK bytes). */
function canonical(name: string): string | null {
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(n)) return 'utf-8';
  if (/^(gb2312|gbk|x-gbk|gb18030|cp936|ms936|windows-936|euc-cn|x-euc-cn|csgb2312|chinese|iso-ir-58)$/.test(n)) return 'gb18030';
  if (/^(big5|big-5|x-x-big5|cn-big5|csbig5|cp950)$/.test(n)) return 'big5';
  if (/^big5-?hkscs$/.test(n)) return 'big5hkscs';
  if (/^utf-?16(le)?$/.test(n)) return 'utf-16le';
  if (/^utf-?16be$/.test(n)) return 'utf-16be';
  if (n === 'iso-8859-1' || n === 'latin1' || n === 'us-ascii' || n === 'ascii') return 'windows-1252';
  return iconv.encodingExists(n) ? n : null;
}

function bomOf(b: Uint8Array): { encoding: string; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** NUL bytes or many control characters in the first 8 KB mean binary data (image, zip, pdf…). */
function assertText(b: Uint8Array): void {
  const n = Math.min(b.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) throw new DecodeError('BINARY_CONTENT', `NUL byte at offset ${i}: binary data, not text`);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) control++;
  }
  if (n > 0 && control / n > 0.05) {
    throw new DecodeError('BINARY_CONTENT', `${control} control bytes in the first ${n}: binary data, not text`);
  }
}

export function charsetFromContentType(header: string | undefined | null): string | null {
  const m = header ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(header) : null;
  return m ? m[1].toLowerCase() : null;
}

/** <meta charset> or <meta http-equiv="Content-Type" content="…charset=…"> in the first 4 KB. */
export function charsetFromMeta(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

// The most frequent characters in running news text (simplified, then the traditional forms that
// differ, so Big5 pages score like GBK ones): mis-decoded bytes rarely land on them.
const COMMON_HANZI = new Set('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞医疗卫健协津冀蒙' +
  '這為個國時來們於對會發動過說產種後學經進著電裡現實兩體機當點從業應開還義間樣與關線內數麼質氣變條沒結問無軍並題黨員總設長頭資邊級圖統較將組見計別論運農幾區強決幹戰則據處隊給門規熱領東導壓爭濟階術極聯認權證採轉單風帶場車務萬達積議聲報鬥類離華確張馬節話況溫傳許廣記觀織裝眾書覆兒須際驗連斷難礦備辦習響約勞團歷構稱準號維劃選標寫親養層卻專狀廠識適屬圓調滿縣參紅細聽該鐵價嚴龍飛醫療衛協');

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8, allowing only a sequence cut off by truncation at the very end. */
function tryUtf8(b: Uint8Array): string | null {
  let end = b.length;
  // Step back over an incomplete trailing sequence (at most 3 bytes).
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const c = b[end - k];
    if (c < 0x80) break;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      if (need > k) end -= k;
      break;
    }
  }
  try {
    return utf8Fatal.decode(b.subarray(0, end));
  } catch {
    return null;
  }
}

interface Quality {
  replacements: number;
  nonAscii: number;
  score: number;
}

// Real GBK/Big5 pages score 0.72–0.85 (shared fixtures, seeds, demo); random high bytes read as
// GB18030 score 0.30–0.36, since they land on rare characters. Below this the bytes are not text.
const MIN_CONFIDENCE = 0.5;
// Too few non-ASCII characters to judge commonness (a GBK page with one short rare name).
const MIN_EVIDENCE = 40;

/** Replacement count and the share of Han characters that are among the common ones. */
function quality(text: string): Quality {
  let replacements = 0;
  let nonAscii = 0;
  let han = 0;
  let common = 0;
  // A sample is enough to tell encodings apart and keeps 10 MB pages fast.
  const n = Math.min(text.length, 200_000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) replacements++;
    else if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      if (COMMON_HANZI.has(text[i])) common++;
    }
  }
  const commonShare = han ? common / han : 1;
  const cleanShare = nonAscii ? 1 - replacements / nonAscii : 1;
  return { replacements, nonAscii, score: cleanShare * (0.3 + 0.7 * commonShare) };
}

function countReplacements(text: string): number {
  let r = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) r++;
  return r;
}

function decodeBytes(b: Uint8Array, declared: string | null, declaredBy: Decoded['declaredBy']): Decoded {
  const bom = bomOf(b);
  if (bom) {
    const text = iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.length).subarray(bom.skip), bom.encoding);
    return { text, encoding: bom.encoding, declared: bom.encoding, declaredBy: 'bom', method: 'bom', confidence: 1, replacements: countReplacements(text) };
  }
  assertText(b);
  const utf8 = tryUtf8(b);
  if (utf8 !== null) {
    return { text: utf8, encoding: 'utf-8', declared, declaredBy, method: 'utf8-valid', confidence: 1, replacements: 0 };
  }
  const buf = Buffer.from(b.buffer, b.byteOffset, b.length);
  const want = declared ? canonical(declared) : null;
  const names = [...new Set([want, 'gb18030', 'big5', 'utf-8'].filter((x): x is string => !!x))];
  let best: { name: string; text: string; q: Quality } | null = null;
  for (const name of names) {
    const text = name === 'utf-8' ? buf.toString('utf8') : iconv.decode(buf, name);
    const q = quality(text);
    // The declared charset wins ties: a small bonus, not enough to override a clearly better decode.
    const s = q.score + (name === want ? 0.02 : 0);
    if (!best || s > best.q.score + (best.name === want ? 0.02 : 0)) best = { name, text, q };
  }
  const { name, text, q } = best!;
  if (q.nonAscii > 0 && q.replacements / q.nonAscii > 0.02) {
    throw new DecodeError('UNDECODABLE', `no encoding decodes these bytes cleanly (best ${name}: ${q.replacements} replacement characters)`);
  }
  if (q.score < MIN_CONFIDENCE && (q.replacements > 0 || q.nonAscii >= MIN_EVIDENCE)) {
    throw new DecodeError(
      'UNDECODABLE',
      `bytes decode as ${name} only to rare characters (confidence ${q.score.toFixed(2)}, ${q.replacements} replacement characters): not Chinese text`,
    );
  }
  return {
    text,
    encoding: name,
    declared,
    declaredBy,
    method: name === want ? 'declared' : 'sniffed',
    confidence: Math.round(q.score * 1000) / 1000,
    replacements: countReplacements(text),
  };
}

/** Decodes an HTML page: charset from the Content-Type header, BOM, meta tags, then sniffing. */
export function decodeHtml(bytes: Uint8Array, contentTypeHeader?: string | null): Decoded {
  const fromHeader = charsetFromContentType(contentTypeHeader);
  const fromMeta = fromHeader ? null : charsetFromMeta(bytes);
  return decodeBytes(bytes, fromHeader ?? fromMeta, fromHeader ? 'header' : fromMeta ? 'meta' : null);
}

/** Decodes a plain-text file (no declaration to read): BOM, UTF-8, then sniffing. */
export function decodeText(bytes: Uint8Array): Decoded {
  return decodeBytes(bytes, null, null);
}
