// Internal shapes of the article extractor (the public ones live in extractor/types.ts).

/** A run of text between block boundaries (block elements, <br>), or one line of a text dump. */
export interface Block {
  text: string;
  /** Non-whitespace characters. */
  chars: number;
  /** Non-whitespace characters inside links (0 for text dumps, where links are unknown). */
  linkChars: number;
  /** Nearest block-level element ('line' for text dumps). */
  tag: string;
  heading: boolean;
  /** Which heading element the block is in (lines of one <h1> split by <br> share it); 0 outside headings and in text dumps. */
  headingId?: number;
  /** Inside an element whose class/id names page furniture (nav, share, related, footer…). */
  negative: boolean;
  zone: 'nav' | 'footer' | 'aside' | null;
}

export interface PageMeta {
  /** <title> text. */
  title: string;
  /** <meta> name/property/itemprop → content (first occurrence, key lower-cased). */
  metas: Map<string, string>;
  /** Raw text of application/ld+json scripts. */
  jsonLd: string[];
  /** <time datetime> values. */
  times: string[];
  headings: { index: number; level: number; text: string }[];
}
