// Serves the web pages: index.html for every page path (the browser module picks the page), the
// bundled browser code (esbuild, built once at first request) and the stylesheet.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const UI_DIR = dirname(fileURLToPath(import.meta.url));

export interface UiOptions {
  /** Unminified bundle with source maps, rebuilt on every request. Default false. */
  development?: boolean;
}

/** Page paths the browser module knows; anything else is left to the server (404). */
const PAGE_PATHS = [/^\/$/, /^\/article\/[^/]+$/];

async function bundle(development: boolean): Promise<string> {
  const r = await build({
    entryPoints: [join(UI_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    minify: !development,
    sourcemap: development ? 'inline' : false,
    logLevel: 'silent',
  });
  return r.outputFiles[0].text;
}

export function uiHandler(options: UiOptions = {}): (request: Request, url: URL) => Promise<Response | null> {
  const development = options.development ?? false;
  // Built at server start in production, so the first visitor does not wait for esbuild.
  let js: Promise<string> | null = development ? null : bundle(false);
  js?.catch(() => {}); // a failed build is reported to the request that asks for it
  const files: Record<string, () => Promise<[string, string]>> = {
    '/assets/app.js': async () => {
      if (development || !js) js = bundle(development);
      return [await js, 'text/javascript; charset=utf-8'];
    },
    '/assets/styles.css': async () => [await readFile(join(UI_DIR, 'styles.css'), 'utf8'), 'text/css; charset=utf-8'],
  };
  return async (request, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    const file = files[url.pathname];
    const headers = { 'x-content-type-options': 'nosniff' };
    if (file) {
      const [body, type] = await file();
      return new Response(body, { headers: { ...headers, 'content-type': type, 'cache-control': development ? 'no-store' : 'max-age=300' } });
    }
    if (PAGE_PATHS.some((p) => p.test(url.pathname))) {
      const html = await readFile(join(UI_DIR, 'index.html'), 'utf8');
      return new Response(html, { headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
    }
    return null;
  };
}
