// Real-browser helpers for the UI tests: Debian's chromium driven by playwright-core, a fresh profile per
// run, and the demo archive served by the real server on a random local port.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadDemo } from '../../cli/commands/demo.ts';
import { serve, type Serving } from '../../cli/commands/serve.ts';
import { openServices, type Services } from '../../pipeline/services.ts';

export const CHROMIUM = process.env.KG_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING_MESSAGE = `${CHROMIUM} not found: the browser tests are skipped (install it with \`apt-get install -y chromium\`, or set KG_CHROMIUM)`;
export const hasChromium = existsSync(CHROMIUM);

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '..', '..', 'test-output', 'screenshots');

export interface DemoSite {
  url: string;
  services: Services;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Demo archive in a temp data dir (or what `load` writes instead), the real server on 127.0.0.1:random,
 * chromium with a fresh profile.
 */
export async function startDemoSite(options: { apiKey?: string; load?: (services: Services) => Promise<void> } = {}): Promise<DemoSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-ui-data-'));
  const profile = mkdtempSync(join(tmpdir(), 'kg-ui-profile-'));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const services = await openServices({ dataDir, env: {} });
  let serving: Serving | null = null;
  try {
    await (options.load ? options.load(services) : loadDemo(services, true));
    serving = await serve({ services, port: 0, host: '127.0.0.1', log: false, api: options.apiKey ? { apiKey: options.apiKey } : undefined });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      acceptDownloads: true,
      locale: 'zh-CN',
    });
    const s = serving;
    return {
      url: s.url,
      services,
      context,
      async close() {
        await context.close();
        await s.close();
        await services.close();
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await serving?.close();
    await services.close();
    throw e;
  }
}

/** Runs `fn` (a function body given `cy`) on the cytoscape drawing in `selector` (the tools hang the instance on its container for tests). */
export const cyEval = <T>(page: Page, selector: string, fn: string): Promise<T> =>
  page.evaluate(([sel, body]) => new Function('cy', body)((document.querySelector(sel!) as unknown as { cy: unknown }).cy) as T, [selector, fn]);
