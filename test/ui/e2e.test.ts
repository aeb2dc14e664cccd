// End-to-end: a person's walk through the pages in a real browser, at desktop (1280 px) and phone (390 px)
// width: search → article → entity → network → report. Each step checks what is visible and saves a
// screenshot to test-output/screenshots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, SCREENSHOT_DIR, startDemoSite, type DemoSite } from './browser.ts';

if (!hasChromium) console.warn(`[kg tests] ${CHROMIUM_MISSING_MESSAGE}`);

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

const number = (s: string | null, re: RegExp) => Number(re.exec(s ?? '')?.[1] ?? NaN);

describe.skipIf(!hasChromium)('web UI in chromium', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const w of WIDTHS) {
    it(`search → article → entity → network → report at ${w.width} px`, async () => {
      const page = await site.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
      });
      page.on('response', (r) => {
        if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
      });
      await page.setViewportSize({ width: w.width, height: w.height });
      const shot = async (step: string) => {
        // Nothing wider than the window: phone users never scroll sideways (tables scroll in their own box).
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${step} is wider than the window`).toBeLessThanOrEqual(w.width);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${w.name}-${step}.png`), fullPage: true });
      };
      try {
        await walk(page, site.url, shot);
      } finally {
        await page.close();
      }
      expect(errors).toEqual([]);
    });
  }

  it('answers every page path with the page shell and the bundle gzip-compressed', async () => {
    for (const path of ['/', '/search?q=x', '/network', '/report', '/article/a1', '/entity/hospital%3A%E5%8C%97']) {
      const res = await fetch(site.url + path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<main id="app"');
    }
    expect((await fetch(`${site.url}/nope/deeper/path`)).status).toBe(404);
    const js = await fetch(`${site.url}/assets/app.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });
});

async function walk(page: Page, base: string, shot: (step: string) => Promise<unknown>): Promise<void> {
  // 1. Search: type a query and press Enter (no mouse).
  await page.goto(`${base}/`);
  const box = page.getByLabel('检索词', { exact: true });
  // The query box has focus on arrival, so typing starts a search at once.
  await page.keyboard.type('托管');
  expect(await box.inputValue()).toBe('托管');
  await box.press('Enter');
  await page.waitForURL(/\?q=%E6%89%98%E7%AE%A1/);
  const summary = page.locator('.search-results > .status');
  await summary.waitFor();
  const total = number(await summary.textContent(), /找到 (\d+) 篇/);
  expect(total).toBeGreaterThan(1);
  const hits = page.locator('li.hit');
  expect(await hits.count()).toBe(Math.min(total, 10));
  expect(await page.locator('li.hit mark').count()).toBeGreaterThan(0);
  expect(await page.locator('li.hit mark').first().textContent()).toMatch(/托管|託管/);
  // Reprints collapsed: one hit lists its copy.
  const withCopies = page.locator('li.hit', { has: page.locator('details.copies') });
  expect(await withCopies.count()).toBeGreaterThan(0);
  await withCopies.first().locator('summary').click();
  expect(await withCopies.first().locator('details.copies li a').count()).toBeGreaterThan(0);
  // Facets with counts (folded on phones: open them as a person would); choosing one filters, state in the URL.
  const panel = page.locator('details.facet-panel');
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  const placeFacet = page.locator('section.facet', { hasText: '地区' }).locator('a').first();
  const facetText = (await placeFacet.textContent()) ?? '';
  const facetCount = number(facetText, /\((\d+)\)/);
  expect(facetCount).toBeGreaterThan(0);
  await shot('1-search');
  await placeFacet.click();
  await page.waitForURL(/place=/);
  await page.locator('a.facet-on').first().waitFor({ state: 'attached' });
  expect(number(await summary.textContent(), /找到 (\d+) 篇/)).toBe(facetCount);
  // The URL alone restores the search (shareable).
  const shared = page.url();
  await page.goto(shared);
  await page.locator('a.facet-on').first().waitFor({ state: 'attached' });
  expect(number(await page.locator('.search-results > .status').textContent(), /找到 (\d+) 篇/)).toBe(facetCount);
  await shot('2-search-filtered');

  // 2. Article: the hit about 北京儿童医院 taking over 保定市儿童医院.
  await page.goto(`${base}/?q=${encodeURIComponent('托管 保定市儿童医院')}`);
  await page.locator('li.hit h2 a').first().click();
  await page.waitForURL(/\/article\//);
  const h1 = page.locator('main .article h1'); // the article page loads on demand: wait for it, not the search page's heading
  await h1.waitFor();
  expect(await h1.textContent()).toContain('保定市儿童医院');
  expect(await page.locator('.article .body p').count()).toBeGreaterThan(1);
  const entityLinks = page.locator('.article .body a.entity');
  expect(await entityLinks.count()).toBeGreaterThan(2);
  expect(await page.locator('section.copies li a').count()).toBeGreaterThan(0);
  await shot('3-article');

  // 3. Entity: follow the highlighted 北京儿童医院 in the text.
  await page.locator('.article .body a.entity', { hasText: /^北京儿童医院$/ }).first().click();
  await page.waitForURL(/\/entity\//);
  await page.locator('main h1', { hasText: '北京儿童医院' }).waitFor();
  const collabHeading = await page.locator('#collab-h').textContent();
  expect(number(collabHeading, /（(\d+)）/)).toBeGreaterThan(0);
  expect(await page.locator('.collaborations blockquote').count()).toBeGreaterThan(0);
  expect(await page.locator('.collaborations .kind').first().textContent()).toMatch(/托管|共建|医联体|对口帮扶|远程|培训|签约|其他/);
  const graph = page.locator('.neighbourhood .graph[data-nodes]');
  await graph.waitFor();
  expect(Number(await graph.getAttribute('data-nodes'))).toBeGreaterThan(1);
  expect(await page.locator('.neighbourhood canvas').count()).toBeGreaterThan(0);
  expect(await page.locator('.neighbourhood .node-list a').count()).toBe(Number(await graph.getAttribute('data-nodes')) - 1);
  // the resolution panel: why each name was joined (北京儿童医院 is also written 首都医科大学附属北京儿童医院), and the curation form
  await page.locator('.curation .resolution-list li').first().waitFor();
  expect(await page.locator('.curation .resolution-list').textContent()).toContain('affiliation-prefix');
  expect(await page.getByLabel('操作', { exact: true }).locator('option').allTextContents()).toEqual(['重命名', '并入另一实体', '拆分名称', '撤回一条合作关系']);
  await shot('4-entity');

  // 4. Network: through the site navigation; the period slider moves with the keyboard.
  await page.locator('header.site nav a', { hasText: '合作网络' }).click();
  await page.waitForURL(/\/network/);
  const netGraph = page.locator('.network-results .graph[data-nodes]');
  await netGraph.waitFor();
  expect(Number(await netGraph.getAttribute('data-nodes'))).toBeGreaterThan(2);
  const rowsAll = await page.locator('.network-results table tbody tr').count();
  expect(rowsAll).toBeGreaterThan(2);
  await shot('5-network');
  // Focus starts at the heading after navigation; Tab then walks the filters in reading order.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('a');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('b');
  const from = page.getByLabel('起始年份', { exact: true });
  await from.focus();
  for (let i = 0; i < 8; i++) await from.press('ArrowRight');
  await page.locator('.period').filter({ hasText: '2018年' }).waitFor();
  await page.getByRole('button', { name: '应用筛选' }).press('Enter');
  await page.waitForURL(/from=2018/);
  await page.locator('.network-results .status').waitFor();
  const rowsLater = await page.locator('.network-results table tbody tr').count();
  expect(rowsLater).toBeLessThan(rowsAll);
  for (const d of await page.locator('.network-results tbody td:nth-child(4)').allTextContents()) expect(d === '日期不详' || Number(d.slice(0, 4)) >= 2018).toBe(true);
  await page.getByLabel('显示', { exact: true }).selectOption('regions');
  await page.waitForURL(/view=regions/);
  await page.locator('.network-results .graph[data-nodes]').waitFor();
  await shot('6-network-regions');

  // 5. Report: charts, a table with rows linked to their sentences, and a CSV download.
  await page.locator('header.site nav a', { hasText: '数据报表' }).click();
  await page.waitForURL(/\/report/);
  await page.locator('table.data tbody tr').first().waitFor();
  expect(await page.locator('svg.bar-chart rect').count()).toBeGreaterThan(0);
  const metric = page.getByLabel('指标', { exact: true });
  const firstMetric = (await metric.locator('option').nth(1).getAttribute('value'))!;
  await metric.selectOption(firstMetric);
  await page.waitForURL(/metric=/);
  await page.locator('figcaption', { hasText: `${firstMetric}（` }).first().waitFor();
  const rows = await page.locator('table.data tbody tr').count();
  expect(rows).toBeGreaterThan(0);
  expect(await page.locator('svg.bar-chart rect').count()).toBeGreaterThan(0);
  await shot('7-report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
  expect(csv[0]).toBe('指标,地区,年份,状态,合计,单位,条数,原句,未计入');
  expect(csv.length - 1).toBe(rows);
  expect(csv[1].startsWith(firstMetric)).toBe(true);
  // A source link opens the article at the sentence the figure was read from.
  await page.locator('table.data ul.sources a').first().click();
  await page.waitForURL(/\/article\/.+#figure-/);
  const target = page.locator('.figure-list li.targeted');
  await target.waitFor();
  expect(await target.locator('blockquote mark').count()).toBe(1);
  await shot('8-report-source');
}
