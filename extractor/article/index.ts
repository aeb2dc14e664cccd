// Page → clean article: title, publish time, source, author and body, with the boilerplate around
// the story removed. HTML goes through one streaming pass (html.ts); text dumps are read by line.
import { z } from 'zod';
import type { ArticleResult } from '../types.ts';
import { normalizeText, stripPinyin, foldWidth, toSimplifiedChinese } from '../normalize.ts';
import { parseHtml } from './html.ts';
import { textBlocks } from './text.ts';
import { selectBody, stripTrailingCredit, type BodySpan } from './body.ts';
import { breadcrumbRoot, findAuthor, findPublished, findSource, htmlTitle, textTitle } from './meta.ts';
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

/** Blocks re-written for analysis: traditional → simplified and pinyin removed, so one rule set serves both. */
function forAnalysis(blocks: Block[]): Block[] {
  const sample = blocks.slice(0, 200).map((b) => b.text).join('\n');
  const traditional = toSimplifiedChinese(sample) !== sample;
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
  const blocks = forAnalysis(raw);
  // First pass without a headline, to find where the body is; the headline is then looked up
  // before it and the body re-selected so a repeated headline is not kept as a paragraph.
  let span: BodySpan = selectBody(blocks, from, to, null);
  const titled = meta ? htmlTitle(blocks, meta, span.start) : textTitle(blocks, span.start);
  const title = titled.title ? normalizeText(titled.title) : null;
  span = selectBody(blocks, from, to, titled.title);
  if (meta) span = preferBodyUnderHeadline(blocks, meta, titled.index, span, titled.title);
  if (span.proseChars < MIN_PROSE_CHARS || span.proseCount === 0) {
    return { noArticle: true, reason: `no article body: ${span.proseChars} characters of prose (minimum ${MIN_PROSE_CHARS})` };
  }
  const zoneStart = titled.index >= 0 && titled.index < span.start ? titled.index : Math.max(0, span.start - 8);
  const header = blocks.slice(zoneStart, span.start).map((b) => b.text);
  const trailer = blocks.slice(span.end, span.end + 6).map((b) => b.text);
  const published = findPublished(header, meta, url);
  const source =
    findSource(header) ?? findSource(trailer) ?? (meta ? metaSource(meta) : breadcrumbRoot(blocks.slice(0, span.start).map((b) => b.text)));
  const author = findAuthor([...header, ...blocks.slice(span.start, span.start + 3).map((b) => b.text)]);
  const bodyOriginal = originalParagraphs(raw, span);
  return {
    title: title ?? '',
    published,
    source: source ? normalizeText(source) : null,
    author: author ? normalizeText(author) : null,
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

function metaSource(meta: PageMeta): string | null {
  return meta.metas.get('source') ?? meta.metas.get('article:source') ?? null;
}
