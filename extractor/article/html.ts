// One streaming pass over the HTML (htmlparser2 SAX, no DOM, no recursion): text blocks in page
// order, per-element content scores for choosing the article container, and the head metadata.
// Nesting beyond MAX_DEPTH is flattened, so 50,000 nested divs cost no more than a flat page.
import { Parser } from 'htmlparser2';
import type { Block, PageMeta } from './types.ts';
import { blockScore } from './score.ts';
import { cleanLine } from './text.ts';

const MAX_DEPTH = 256;

const SKIP = new Set(['script', 'style', 'title', 'noscript', 'template', 'iframe', 'svg', 'select', 'option', 'textarea', 'button', 'object', 'embed', 'canvas', 'map', 'audio', 'video', 'head']);
const INLINE = new Set(['a', 'span', 'font', 'b', 'strong', 'em', 'i', 'u', 'small', 'big', 'label', 'sup', 'sub', 'abbr', 'cite', 'code', 'mark', 'q', 's', 'strike', 'time', 'img', 'wbr', 'ins', 'del', 'o:p', 'nobr', 'center']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dd', 'dt', 'figcaption', 'pre']);
const ZONES: Record<string, 'nav' | 'footer' | 'aside'> = { nav: 'nav', footer: 'footer', aside: 'aside' };

// Class/id words of page furniture, and of article containers (GNE / Readability style hints).
const NEGATIVE = /comment|footer|foot\b|\bnav|menu|sidebar|share|related|relate|recommend|tuijian|xgxw|xgwz|breadcrumb|crumb|position|location|copyright|banner|advert|\bads?\b|login|pager|pagination|subscribe|qrcode|erweima|hotnews|\bhot|\brank|\btags?\b|toolbar|\btool/i;
const POSITIVE = /article|content|\btext|body|main|detail|entry|zhengwen|\bzw\b|TRS_Editor|UnionStyle|rich_media|\bpost|news_?con|con_?text|neirong/i;

interface Frame {
  tag: string;
  /** Sequence number of a heading element (0 for other elements). */
  headingId: number;
  first: number; // index of the first block inside
  score: number;
  chars: number;
  linkChars: number;
  negative: boolean;
  positive: boolean;
}

export interface Candidate {
  first: number;
  end: number;
  score: number;
}

export interface ParsedPage {
  blocks: Block[];
  meta: PageMeta;
  /** Best-scoring element's block range, then the runners-up. */
  candidates: Candidate[];
}

export function parseHtml(html: string): ParsedPage {
  const blocks: Block[] = [];
  const meta: PageMeta = { title: '', metas: new Map(), jsonLd: [], times: [], headings: [] };
  let headingCount = 0;
  const stack: Frame[] = [{ tag: '#root', headingId: 0, first: 0, score: 0, chars: 0, linkChars: 0, negative: false, positive: false }];
  const candidates: Candidate[] = [];
  let depth = 0; // real depth as the parser sees it; frames exist only up to MAX_DEPTH
  let skipDepth = 0; // >0 while inside script/style/…
  let linkDepth = 0;
  let negDepth = 0;
  let zone: Block['zone'] = null;
  let buf = '';
  let bufLinkChars = 0;
  let inTitle = false;
  let inLdJson = false;

  const flush = () => {
    const text = cleanLine(buf);
    if (text) {
      const top = stack[stack.length - 1];
      let blockTag = top.tag;
      let heading = false;
      let headingId = 0;
      for (let i = stack.length - 1; i > 0 && i > stack.length - 6; i--) {
        if (HEADINGS.has(stack[i].tag)) {
          heading = true;
          headingId = stack[i].headingId;
        }
        if (!INLINE.has(stack[i].tag)) {
          blockTag = stack[i].tag;
          break;
        }
      }
      const chars = text.replace(/\s/g, '').length;
      const linkChars = Math.min(chars, bufLinkChars);
      const block: Block = { text, chars, linkChars, tag: blockTag, heading, headingId, negative: negDepth > 0, zone };
      blocks.push(block);
      if (heading) meta.headings.push({ index: blocks.length - 1, level: Number(blockTag[1]) || 1, text });
      const s = block.negative ? 0 : blockScore(block);
      // Readability-style propagation: the parent gets the full score, farther block ancestors less.
      let level = 0;
      for (let i = stack.length - 1; i > 0 && level < 5; i--) {
        if (INLINE.has(stack[i].tag)) continue;
        // A paragraph is not a container: its score goes to the element holding the paragraphs.
        if (level === 0 && PARAGRAPH.has(stack[i].tag) && i === innermostBlock(stack)) continue;
        stack[i].score += s / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
        level++;
      }
      // Character totals go to the innermost frame and roll up to every ancestor on close.
      top.chars += chars;
      top.linkChars += linkChars;
    }
    buf = '';
    bufLinkChars = 0;
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        depth++;
        if (name === 'body') {
          skipDepth = 0; // an unclosed <head> must not hide the page
          inLdJson = false;
        }
        if (skipDepth > 0 || SKIP.has(name)) {
          if (name === 'script' && /ld\+json/i.test(attrs.type ?? '')) inLdJson = true;
          skipDepth++;
          if (name === 'title' && !meta.title) inTitle = true;
          if (name === 'meta') readMeta(attrs, meta);
          return;
        }
        if (name === 'title' && !meta.title) inTitle = true;
        if (name === 'meta') readMeta(attrs, meta);
        if (name === 'time' && attrs.datetime) meta.times.push(attrs.datetime);
        if (name === 'br' || name === 'hr' || !INLINE.has(name)) flush();
        if (name === 'a') linkDepth++;
        if (depth > MAX_DEPTH) return;
        const cls = `${attrs.class ?? ''} ${attrs.id ?? ''}`;
        const positive = POSITIVE.test(cls);
        const negative = !positive && cls.length > 1 && NEGATIVE.test(cls);
        if (negative) negDepth++;
        if (ZONES[name]) zone = ZONES[name];
        stack.push({ tag: name, headingId: HEADINGS.has(name) ? ++headingCount : 0, first: blocks.length, score: 0, chars: 0, linkChars: 0, negative, positive });
      },
      ontext(text) {
        if (inTitle) meta.title += text;
        if (inLdJson) meta.jsonLd.push(text);
        if (skipDepth > 0) return;
        buf += text;
        if (linkDepth > 0) bufLinkChars += text.replace(/\s/g, '').length;
      },
      onclosetag(name) {
        depth--;
        if (name === 'title') inTitle = false;
        if (skipDepth > 0) {
          skipDepth--;
          if (name === 'script') inLdJson = false;
          return;
        }
        if (name === 'a' && linkDepth > 0) linkDepth--;
        if (name === 'br' || name === 'hr' || !INLINE.has(name)) flush();
        if (depth + 1 > MAX_DEPTH) return;
        const f = stack.pop();
        if (!f || stack.length === 0) return;
        if (f.negative) negDepth--;
        if (ZONES[f.tag]) zone = null;
        const parent = stack[stack.length - 1];
        if (!INLINE.has(f.tag) && f.score > 0) {
          const density = f.chars ? f.linkChars / f.chars : 0;
          candidates.push({ first: f.first, end: blocks.length, score: f.score * (1 - density) * (f.positive ? 1.1 : 1) });
        }
        parent.chars += f.chars;
        parent.linkChars += f.linkChars;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  candidates.sort((a, b) => b.score - a.score);
  meta.title = meta.title.replace(/\s+/g, ' ').trim();
  return { blocks, meta, candidates: candidates.slice(0, 5) };
}

function innermostBlock(stack: Frame[]): number {
  for (let i = stack.length - 1; i > 0; i--) if (!INLINE.has(stack[i].tag)) return i;
  return 0;
}

function readMeta(attrs: Record<string, string>, meta: PageMeta): void {
  const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? attrs['http-equiv'] ?? '').toLowerCase();
  const content = attrs.content;
  if (key && content && !meta.metas.has(key)) meta.metas.set(key, content.trim());
}
