// Page → clean article: title, publish time, source, author and body, with the boilerplate around
// the story removed. HTML goes through one streaming pass (html.ts); text dumps are read by line.
import { z } from 'zod';
import type { ArticleResult } from '../types.ts';
import { normalizeText, stripPinyin, foldWidth, toSimplifiedChinese } from '../normalize.ts';
import { parseHtml } from './html.ts';
import { textBlocks } from './text.ts';
import { selectBody, stripTrailingCredit, type BodySpan } from './body.ts';
import { htmlTitle, stripChannelPrefix, textTitle } from './title.ts';
import { findPublished } from './published.ts';
import { breadcrumbRoot, findSource, headerSource, metaSource, paragraphCredit, siteName } from './source.ts';
import { bracketAuthor, creditAuthor, findAuthor } from './author.ts';
import type { Block, PageMeta } from './types.ts';

export type { Block, PageMeta } from './types.ts';
export { parseDateText, parseIsoDate, parseUrlDate } from './date.ts';

export const ArticleInputSchema = z
  .object({
    /** Decoded HTML of the page (see crawler/decode.ts). */
    html: z.string().optional(),
    /** Plain text of the page, when no HTML is kept (text dumps). Ignored when html is given. */
    text: z.string().optional(),
    /** Page URL: a fallback for the publish date (/2024/0510/…). Default null. */
    url: z.string().nullable().optional(),
  })
  .strict()
  .refine((v) => v.html !== undefined || v.text !== undefined, { message: 'html or text is required' });

export type ArticleInput = z.input<typeof ArticleInputSchema>;

/** Minimum prose in the body for a page to count as an article. */
const MIN_PROSE_CHARS = 80;

// A page is traditional when this share of its Han characters has a different simplified form; a
// simplified page may hold a few such characters in names (魏其濛), which must not be rewritten.
const TRADITIONAL_SHARE = 0.02;

/** Whether the page is written in traditional characters (judged on its first 200 blocks). */
function isTraditional(blocks: Block[]): boolean {
  const sample = blocks.slice(0, 200).map((b) => b.text).join('\n');
  if (toSimplifiedChinese(sample) === sample) return false; // most pages: nothing to convert
  const counts = new Map<string, number>();
  let han = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 0x3400 || code > 0x9fff) continue; // CJK ideographs (extension A and the main block)
    han++;
    counts.set(sample[i], (counts.get(sample[i]) ?? 0) + 1);
  }
  // One character per line, so OpenCC converts characters, not phrases.
  const chars = [...counts.keys()];
  const simple = toSimplifiedChinese(chars.join('\n')).split('\n');
  let changed = 0;
  chars.forEach((c, i) => {
    if (simple[i] !== c) changed += counts.get(c) ?? 0;
  });
  return changed / han >= TRADITIONAL_SHARE;
}

/** Blocks re-written for analysis: traditional → simplified and pinyin removed, so one rule set serves both. */
function forAnalysis(blocks: Block[], traditional: boolean): Block[] {
  return blocks.map((b) => ({ ...b, text: foldWidth(traditional ? toSimplifiedChinese(stripPinyin(b.text)) : b.text) }));
}

export function extractArticle(input: ArticleInput): ArticleResult {
  const { html, text, url = null } = ArticleInputSchema.parse(input);
  let raw: Block[];
  let meta: PageMeta | null = null;
  let from = 0;
  let to = 0;
  if (html !== undefined) {
    const page = parseHtml(html);
    raw = page.blocks;
    meta = page.meta;
    const top = page.candidates[0];
    from = top ? top.first : 0;
    to = top ? top.end : raw.length;
  } else {
    raw = textBlocks(text ?? '');
    to = raw.length;
  }
  if (raw.length === 0) return { noArticle: true, reason: 'empty page: no text' };
  const traditional = isTraditional(raw);
  const blocks = forAnalysis(raw, traditional);
  // Metadata of a simplified page keeps its characters; a traditional page's is simplified.
  const shown = (s: string) => (traditional ? normalizeText(s) : foldWidth(stripPinyin(s)));
  // First pass without a headline, to find where the body is; the headline is then looked up
  // before it and the body re-selected so a repeated headline is not kept as a paragraph.
  let span: BodySpan = selectBody(blocks, from, to, null);
  const titled = meta ? htmlTitle(blocks, meta, span.start) : textTitle(blocks, span.start);
  const title = titled.title ? stripChannelPrefix(shown(titled.title), !meta) : null;
  span = selectBody(blocks, from, to, titled.title);
  if (meta) span = preferBodyUnderHeadline(blocks, meta, titled.index, span, titled.title);
  if (span.proseChars < MIN_PROSE_CHARS || span.proseCount === 0) {
    return { noArticle: true, reason: `no article body: ${span.proseChars} characters of prose (minimum ${MIN_PROSE_CHARS})` };
  }
  const zoneStart = titled.index >= 0 && titled.index < span.start ? titled.index : Math.max(0, span.start - 8);
  const lines = (a: number, b: number) => blocks.slice(Math.max(0, a), Math.max(0, b)).map((x) => x.text);
  const header = lines(zoneStart, span.start);
  const before = titled.index >= 0 ? lines(titled.index - 6, titled.index) : [];
  const trailer = lines(span.end, span.end + 6);
  const paragraphs = span.indices.map((i) => blocks[i].text);
  // The run's own first and last lines too: a credit line (（本文来源：…）) is read there though not kept.
  const edges = [...paragraphs.slice(0, 1), ...paragraphs.slice(-1), ...lines(span.start, span.start + 1), ...lines(span.end - 1, span.end)];
  // Dates are read next to the headline or the body only: a long header zone may hold dated lists.
  const near = header.length > 20 ? [...header.slice(0, 10), ...header.slice(-10)] : header;
  const published = findPublished({ header: near, before, trailer }, meta, url);
  const source =
    findSource(header) ??
    headerSource(header) ??
    paragraphCredit(edges) ??
    findSource(trailer) ??
    (meta ? (metaSource(meta) ?? siteName(meta)) : breadcrumbRoot(lines(0, span.start)));
  // Bylines sit in the header or open the body as short lines; a long paragraph is not read for one.
  const author =
    findAuthor(header) ??
    findAuthor(lines(span.start, span.start + 8).filter((t) => t.length <= 40)) ??
    creditAuthor(paragraphs.slice(0, 2)) ??
    bracketAuthor(header) ??
    findAuthor(trailer);
  const bodyOriginal = originalParagraphs(raw, span);
  return {
    title: title ?? '',
    published,
    source: source ? shown(source) : null,
    author: author ? shown(author) : null,
    body: bodyOriginal.split('\n').map(normalizeText).join('\n'),
    bodyOriginal,
    url,
  };
}

/**
 * An article follows its headline. When the chosen run lies past another top-level heading (a
 * recommended story under the article), the run right after the headline is taken instead.
 */
function preferBodyUnderHeadline(blocks: Block[], meta: PageMeta, at: number, span: BodySpan, title: string | null): BodySpan {
  if (at < 0 || (at < span.start && !meta.headings.some((h) => h.level <= 2 && h.index > at && h.index < span.start))) return span;
  if (at >= span.start && at < span.end) return span;
  const next = meta.headings.find((h) => h.level <= 2 && h.index > at + 1);
  const alt = selectBody(blocks, at + 1, next ? next.index : blocks.length, title);
  return alt.proseChars >= MIN_PROSE_CHARS ? alt : span;
}

/** The kept paragraphs as the page had them (same order and count as the analysed ones). */
function originalParagraphs(raw: Block[], span: BodySpan): string {
  const out = span.indices.map((i) => raw[i].text);
  if (out.length) out[out.length - 1] = stripTrailingCredit(out[out.length - 1]);
  return out.filter((p) => p.length > 0).join('\n');
}
