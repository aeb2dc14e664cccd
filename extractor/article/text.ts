// Text dumps (saved page text, .txt imports): one block per non-empty line.
import type { Block } from './types.ts';

export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const t = line.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
    if (!t) continue;
    blocks.push({ text: t, chars: t.replace(/\s/g, '').length, linkChars: 0, tag: 'line', heading: false, negative: false, zone: null });
  }
  return blocks;
}
