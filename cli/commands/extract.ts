// kg extract            : (re-)extract archived pages that are new or were made by another extractor version.
// kg extract --all      : every page.
// kg extract FILE... --out DIR : extract files straight to DIR/<basename>.json in the eval shape (no archive).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Archive } from '../../archive/index.ts';
import { decodeHtml, decodeText } from '../../crawler/decode.ts';
import { extractArticle, extractKnowledge, toEvalJson } from '../../extractor/index.ts';
import { isNoArticle } from '../../extractor/types.ts';
import { extractPages, type ExtractSummary } from '../../pipeline/index.ts';
import { parse, UsageError } from '../args.ts';
import { progress } from '../progress.ts';

export function printExtractSummary(s: ExtractSummary): void {
  const reasons = Object.entries(s.reasons).map(([r, n]) => `${r} ×${n}`).join('; ');
  console.log(
    `extract: ${s.total} pages, ${s.ok} articles, ${s.noArticle} without article, ${s.failed} failed` +
      `${reasons ? ` (${reasons})` : ''}; reprint links changed: ${s.reprintLinksChanged}`,
  );
  const rejected = Object.entries(s.rejectedFacts).map(([r, n]) => `${r} ${n}`).join(', ');
  if (rejected) console.log(`extract: candidate facts rejected: ${rejected}`);
  for (const f of s.failures) console.error(`failed: ${f.origin}: ${f.reason}`);
}

function extractFilesTo(files: string[], out: string): number {
  mkdirSync(out, { recursive: true });
  let bad = 0;
  for (const file of files) {
    try {
      const bytes = readFileSync(file);
      const html = /\.html?$/i.test(file);
      const text = (html ? decodeHtml(bytes) : decodeText(bytes)).text;
      const article = extractArticle(html ? { html: text } : { text });
      const name = basename(file, extname(file));
      if (isNoArticle(article)) {
        console.error(`${file}: no article (${article.reason})`);
        writeFileSync(join(out, `${name}.json`), JSON.stringify({ noArticle: true, reason: article.reason }, null, 2));
        bad++;
        continue;
      }
      writeFileSync(join(out, `${name}.json`), JSON.stringify(toEvalJson(article, extractKnowledge(article)), null, 2));
    } catch (e) {
      console.error(`${file}: ${(e as Error).message}`);
      bad++;
    }
  }
  console.log(`extract: ${files.length - bad} of ${files.length} files written to ${out}`);
  return bad > 0 ? 1 : 0;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    all: { type: 'boolean', default: false },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) {
    if (!values.out) throw new UsageError('kg extract FILE... needs --out DIR');
    return extractFilesTo(positionals, values.out);
  }
  if (values.out) throw new UsageError('--out goes with files: kg extract FILE... --out DIR');
  const archive = Archive.open();
  try {
    const bar = progress('extract');
    const s = extractPages(archive, { all: values.all, onProgress: (d, t) => bar.update(d, t) });
    bar.stop();
    if (values.json) console.log(JSON.stringify(s, null, 2));
    else printExtractSummary(s);
    return s.failed > 0 ? 1 : 0;
  } finally {
    archive.close();
  }
}
