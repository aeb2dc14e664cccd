// Text dumps (saved page text, .txt imports): one block per non-empty line.
import type { Block } from './types.ts';

// Invisible format characters (soft hyphen, zero-width space/joiners, word joiner, BOM) are not
// text: removed, never turned into a space inside a Chinese sentence (1\u00ad—4月 → 1—4月).
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** One line of page text: invisible characters removed, whitespace runs collapsed, trimmed. */
export function cleanLine(s: string): string {
  return s.replace(INVISIBLE, '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const t = cleanLine(line);
    if (!t) continue;
    blocks.push({ text: t, chars: t.replace(/\s/g, '').length, linkChars: 0, tag: 'line', heading: false, negative: false, zone: null });
  }
  return blocks;
}
