// `kg import`: saved pages (.html/.htm/.txt, files or folders) into the archive.
// One transaction per file: a killed import keeps every file already stored, and the same command
// run again skips them (same origin, same bytes) and stores the rest.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { z } from 'zod';
import { Archive } from '../archive/index.ts';
import { RejectedInputError, type RejectionCode } from '../archive/errors.ts';
import { DecodeError, decodeHtml, decodeText } from '../crawler/decode.ts';

export const ImportOptionsSchema = z
  .object({
    /** Files larger than this are refused without being read. Default 10 MiB: no news page is larger. */
    maxBytes: z.number().int().positive().default(10 * 1024 * 1024),
    /** Called after each file with the running summary (progress bars). */
    onProgress: z.custom<(s: ImportSummary, file: string) => void>((v) => typeof v === 'function').optional(),
    /** Origin to record instead of the file path (the demo manifest gives URLs). */
    originFor: z.custom<(file: string) => { origin: string; url?: string | null }>((v) => typeof v === 'function').optional(),
  })
  .strict();
export type ImportOptions = z.input<typeof ImportOptionsSchema>;

export interface Rejection {
  file: string;
  code: RejectionCode;
  message: string;
}

export interface ImportSummary {
  /** Files found under the given paths (the total a progress bar counts towards). */
  total: number;
  seen: number;
  stored: number;
  /** Same bytes already archived under another origin: only the origin was added. */
  newOrigin: number;
  /** Same origin and bytes already archived: nothing to do. */
  unchanged: number;
  rejected: Rejection[];
  rejectedByCode: Partial<Record<RejectionCode, number>>;
  storedPageIds: number[];
  /** Every page the given files map to (stored now, earlier, or under another origin). */
  pageIds: number[];
}

const KINDS: Record<string, 'html' | 'text'> = { '.html': 'html', '.htm': 'html', '.txt': 'text' };

/** Every file under the given paths, folders walked recursively in name order. Missing paths are rejections. */
async function listFiles(paths: string[], missing: Rejection[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string): Promise<void> => {
    let s;
    try {
      s = await stat(p);
    } catch (e) {
      missing.push({ file: p, code: 'UNREADABLE', message: `${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (s.isDirectory()) {
      const names = (await readdir(p)).sort();
      for (const n of names) await walk(join(p, n));
    } else if (s.isFile()) out.push(p);
  };
  for (const p of paths) await walk(resolve(p));
  return out;
}

/** Read and decode one file, or throw a RejectedInputError naming what is wrong with it. */
async function readPage(file: string, maxBytes: number): Promise<{ kind: 'html' | 'text'; bytes: Buffer; text: string; encoding: string }> {
  const kind = KINDS[extname(file).toLowerCase()];
  if (!kind) throw new RejectedInputError('UNSUPPORTED_TYPE', `${file}: not a .html, .htm or .txt file`);
  const { size } = await stat(file);
  if (size === 0) throw new RejectedInputError('EMPTY', `${file}: empty file`);
  if (size > maxBytes) {
    throw new RejectedInputError('TOO_LARGE', `${file}: ${size} bytes, over the ${maxBytes}-byte limit for one page`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new RejectedInputError('UNREADABLE', `${file}: cannot read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
  }
  try {
    const d = kind === 'html' ? decodeHtml(bytes) : decodeText(bytes);
    if (d.text.trim() === '') throw new RejectedInputError('EMPTY', `${file}: only whitespace`);
    return { kind, bytes, text: d.text, encoding: d.encoding };
  } catch (e) {
    if (e instanceof DecodeError) throw new RejectedInputError(e.code, `${file}: ${e.message}`, { cause: e });
    throw e;
  }
}

export async function importPaths(archive: Archive, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const opts = ImportOptionsSchema.parse(options);
  const missing: Rejection[] = [];
  const files = await listFiles(paths, missing);
  const summary: ImportSummary = {
    total: files.length + missing.length,
    seen: 0,
    stored: 0,
    newOrigin: 0,
    unchanged: 0,
    rejected: [],
    rejectedByCode: {},
    storedPageIds: [],
    pageIds: [],
  };
  const reject = (r: Rejection) => {
    summary.rejected.push(r);
    summary.rejectedByCode[r.code] = (summary.rejectedByCode[r.code] ?? 0) + 1;
    archive.recordRejection(r.file, r.code, r.message);
  };
  for (const r of missing) {
    summary.seen++;
    reject(r);
  }
  for (const file of files) {
    summary.seen++;
    try {
      const page = await readPage(file, opts.maxBytes);
      const { origin, url } = opts.originFor?.(file) ?? { origin: `file://${file}`, url: null };
      const { pageId, outcome } = archive.storePage({ origin, url, ...page });
      summary.pageIds.push(pageId);
      if (outcome === 'stored') {
        summary.stored++;
        summary.storedPageIds.push(pageId);
      } else if (outcome === 'new-origin') summary.newOrigin++;
      else summary.unchanged++;
    } catch (e) {
      if (!(e instanceof RejectedInputError)) throw e;
      reject({ file, code: e.code as RejectionCode, message: e.message });
    }
    opts.onProgress?.(summary, file);
  }
  return summary;
}
