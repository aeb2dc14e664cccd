// Serves the web pages: index.html for every page path (the browser router picks the page), the browser
// code bundled by esbuild (built once at start; cytoscape split into its own chunk, loaded only by the
// graph pages), and the stylesheet. Text assets are sent gzip-compressed when the browser accepts it.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const UI_DIR = dirname(fileURLToPath(import.meta.url));

export interface UiOptions {
  /** Unminified bundle with source maps, rebuilt on every request for app.js. Default false. */
  development?: boolean;
}

/** Page paths the browser router knows; anything else is left to the server (404). */
export const PAGE_PATHS = [/^\/$/, /^\/search$/, /^\/network$/, /^\/report$/, /^\/saved$/, /^\/path$/, /^\/article\/[^/]+$/, /^\/entity\/[^/]+$/];

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
}

const asset = (text: string, type: string): Asset => {
  const body = Buffer.from(text);
  return { body, gzip: gzipSync(body, { level: 9 }), type };
};

/** Builds the browser code: /assets/app.js plus its chunks, keyed by URL path. */
export async function bundle(development = false): Promise<Map<string, Asset>> {
  const r = await build({
    entryPoints: { app: join(UI_DIR, 'main.ts') },
    bundle: true,
    splitting: true,
    outdir: join(UI_DIR, 'dist'), // only names the files: nothing is written
    write: false,
    format: 'esm',
    target: 'es2020',
    chunkNames: 'chunk-[hash]',
    minify: !development,
    sourcemap: development ? 'inline' : false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return new Map(r.outputFiles.map((f) => [`/assets/${basename(f.path)}`, asset(f.text, 'text/javascript; charset=utf-8')]));
}

export function uiHandler(options: UiOptions = {}): (request: Request, url: URL) => Promise<Response | null> {
  const development = options.development ?? false;
  // Built at server start in production, so the first visitor does not wait for esbuild.
  let js: Promise<Map<string, Asset>> | null = development ? null : bundle(false);
  js?.catch(() => {}); // a failed build is reported to the request that asks for it
  const files = async (path: string): Promise<Asset | undefined> => {
    if (path === '/assets/styles.css') return asset(await readFile(join(UI_DIR, 'styles.css'), 'utf8'), 'text/css; charset=utf-8');
    if (!path.startsWith('/assets/') || !path.endsWith('.js')) return undefined;
    if (!js || (development && path === '/assets/app.js')) js = bundle(development);
    return (await js).get(path);
  };
  let html: Asset | null = null;
  return async (request, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    let file = await files(url.pathname);
    // Unknown paths a browser asks for get the pages' own 404 page (the router shows it), still with status 404.
    const page = PAGE_PATHS.some((p) => p.test(url.pathname));
    const missingPage = !file && !page && !url.pathname.startsWith('/assets/') && /text\/html/.test(request.headers.get('accept') ?? '');
    if (!file && (page || missingPage)) {
      html = development || !html ? asset(await readFile(join(UI_DIR, 'index.html'), 'utf8'), 'text/html; charset=utf-8') : html;
      file = html;
    }
    if (!file) return null;
    const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      'content-type': file.type,
      'x-content-type-options': 'nosniff',
      'cache-control': development || file.type.startsWith('text/html') ? 'no-cache' : 'max-age=300',
      vary: 'accept-encoding',
    };
    if (gzip) headers['content-encoding'] = 'gzip';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(gzip ? file.gzip : file.body), { headers, status: missingPage ? 404 : 200 });
  };
}
