// End-to-end journeys of researchers in a real browser at 1280 px and 390 px: the network tools (find,
// layout, filter by kind, hover card, click a line for its sentences, click a node to expand it, zoom only with
// ctrl + wheel, legible and distinguishable labels, PNG / GraphML / CSV export), entity type-ahead and the path
// finder. Screenshots in test-output/screenshots.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING_MESSAGE, cyEval, hasChromium, SCREENSHOT_DIR, startDemoSite, type DemoSite } from './browser.ts';

if (!hasChromium) console.warn(`[kg tests] ${CHROMIUM_MISSING_MESSAGE}`);

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

describe.skipIf(!hasChromium)('researcher journeys in chromium', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const w of WIDTHS) {
    it(`network tools on an entity and the network page at ${w.width} px`, async () => {
      const page = await site.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.setViewportSize({ width: w.width, height: w.height });
      const shot = async (step: string) => {
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${step} is wider than the window`).toBeLessThanOrEqual(w.width);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${w.name}-research-${step}.png`), fullPage: true });
      };
      try {
        // Entity type-ahead on the network page: type, ↓, Enter opens the entity.
        await page.goto(`${site.url}/network`);
        const finder = page.getByRole('combobox', { name: '查找实体' });
        await finder.fill('北京儿童');
        await page.getByRole('option', { name: /^北京儿童医院 / }).waitFor();
        await finder.press('ArrowDown');
        await finder.press('Enter');
        await page.waitForURL(/\/entity\/hospital/);
        await page.locator('main h1', { hasText: '北京儿童医院' }).waitFor();
        const graph = '.neighbourhood .graph[data-nodes]';
        await page.locator(graph).waitFor();

        // Labels stay 12 px on screen at any zoom.
        expect(await cyEval<number>(page, graph, "return cy.nodes().filter(n => !n.isParent())[0].numericStyle('font-size') * cy.zoom()")).toBeCloseTo(12, 0);

        // The wheel scrolls the page, not the graph; ctrl + wheel zooms.
        await page.locator(graph).scrollIntoViewIfNeeded();
        const box = (await page.locator(graph).boundingBox())!;
        const zoom0 = await cyEval<number>(page, graph, 'return cy.zoom()');
        const y0 = await page.evaluate(() => scrollY);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, 300);
        await page.waitForFunction((y) => scrollY > y, y0);
        expect(await cyEval<number>(page, graph, 'return cy.zoom()')).toBe(zoom0);
        const box2 = (await page.locator(graph).boundingBox())!;
        await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
        await page.keyboard.down('Control');
        await page.mouse.wheel(0, -200);
        await page.keyboard.up('Control');
        await page.waitForFunction((z) => Number(document.querySelector('.neighbourhood .graph')!.getAttribute('data-zoom')) > z, zoom0);

        // Find within the graph.
        await page.getByLabel('在图中查找节点').fill('保定');
        expect(Number(await page.locator(graph).getAttribute('data-matches'))).toBeGreaterThan(0);
        expect(await page.locator('.graph-found').textContent()).toMatch(/\d+ 个匹配/);
        await page.getByLabel('在图中查找节点').fill('');

        // Click a line: its sentence and article.
        await page.getByRole('button', { name: '适应窗口' }).click();
        const mid = await cyEval<{ x: number; y: number }>(page, graph, "const e = cy.edges('[ev = 1]')[0]; return e.renderedMidpoint()");
        const gbox = (await page.locator(graph).boundingBox())!;
        await page.mouse.click(gbox.x + mid.x, gbox.y + mid.y);
        await page.locator('.graph-details blockquote').first().waitFor();
        expect(await page.locator('.graph-details .source a').count()).toBeGreaterThan(0);
        await shot('1-edge-evidence');

        // Click a node: its card, then expand its neighbours into the drawing.
        const before = Number(await page.locator(graph).getAttribute('data-nodes'));
        const other = await cyEval<{ x: number; y: number }>(page, graph, "const n = cy.nodes().filter(n => !n.isParent() && !n.hasClass('focus') && n.data('type') === 'HOSPITAL')[0]; return n.renderedPosition()");
        const gbox2 = (await page.locator(graph).boundingBox())!;
        // Hovering shows the node's card (full name, type, reports, relationships).
        await page.mouse.move(gbox2.x + other.x, gbox2.y + other.y);
        await page.locator('.graph-tip:visible', { hasText: /医院.*条关系/ }).waitFor();
        await page.mouse.click(gbox2.x + other.x, gbox2.y + other.y);
        await page.getByRole('button', { name: '展开相邻实体' }).click();
        await page.locator('.graph-details [role=status]', { hasText: /已展开|没有更多/ }).waitFor();
        if ((await page.locator('.graph-details [role=status]').textContent())!.startsWith('已展开')) expect(Number(await page.locator(graph).getAttribute('data-nodes'))).toBeGreaterThan(before);
        await shot('2-node-expand');

        // Layout choice moves the nodes.
        const p0 = await cyEval<string>(page, graph, 'return JSON.stringify(cy.nodes().map(n => n.position()))');
        await page.getByLabel('布局').selectOption({ label: '环形' });
        expect(await cyEval<string>(page, graph, 'return JSON.stringify(cy.nodes().map(n => n.position()))')).not.toBe(p0);

        // Exports.
        const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 PNG' }).click()]);
        expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
        const [gml] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 GraphML' }).click()]);
        const graphml = readFileSync((await gml.path())!, 'utf8');
        expect(graphml).toContain('<graphml');
        expect(graphml).toContain('北京儿童医院');
        expect(graphml.match(/<edge /g)?.length).toBeGreaterThan(0);
        const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('.graph-toolbar').getByRole('button', { name: '导出 CSV' }).click()]);
        expect(readFileSync((await csv.path())!, 'utf8').startsWith('\uFEFF一方,另一方,方式,日期,原句,出处')).toBe(true);

        // The network page: filter by kind hides lines; names sharing a long prefix are told apart.
        await page.goto(`${site.url}/network`);
        const net = '.network-results .graph[data-nodes]';
        await page.locator(net).waitFor();
        const labels = await cyEval<Array<{ full: string; label: string }>>(page, net, "return cy.nodes().filter(n => !n.isParent()).map(n => ({ full: n.data('full'), label: n.data('label') }))");
        const shortened = labels.filter((l) => l.label !== l.full);
        expect(shortened.length).toBeGreaterThan(0);
        for (const l of shortened) expect(l.label.startsWith('…') && l.full.endsWith(l.label.slice(1))).toBe(true);
        expect(new Set(labels.map((l) => l.label)).size).toBe(new Set(labels.map((l) => l.full)).size);
        const total = await cyEval<number>(page, net, 'return cy.edges().length');
        await page.getByLabel('按合作方式筛选').selectOption({ index: 1 });
        expect(Number(await page.locator(net).getAttribute('data-visible-edges'))).toBeLessThan(total);
        await shot('3-network-filter');

        // At archive scale: the list of region pairs (the phone view), drilling down to two regions' institutions.
        await page.goto(`${site.url}/network?view=list`);
        const pairs = page.locator('ol.region-pairs > li');
        await pairs.first().waitFor();
        const collaborations = Number(/(\d+) 项合作/.exec((await page.locator('.network-results > .status').textContent())!)![1]);
        const counts = (await pairs.locator('summary .count').allTextContents()).map((t) => Number(/(\d+)/.exec(t)![1]));
        expect(counts.reduce((a, b) => a + b, 0)).toBe(collaborations);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
        const drill = page.locator('ol.region-pairs details', { has: page.locator('a', { hasText: '在图中查看这两地的机构' }) }).first();
        await drill.locator('summary').click();
        expect(await drill.locator('ul li').count()).toBe(Number(/(\d+)/.exec((await drill.locator('summary .count').textContent())!)![1]));
        await shot('5-network-list');
        await drill.getByRole('link', { name: '在图中查看这两地的机构' }).click();
        await page.waitForURL(/a=\d\d&b=\d\d.*view=institutions/);
        await page.locator(net).waitFor();
      } finally {
        await page.close();
      }
      expect(errors).toEqual([]);
    });

    it(`path finder with type-ahead at ${w.width} px`, async () => {
      const page = await site.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.setViewportSize({ width: w.width, height: w.height });
      try {
        await page.goto(`${site.url}/path`);
        // Submitting without choosing says what is missing.
        await page.getByRole('button', { name: '查找路径' }).click();
        await page.locator('.status-error', { hasText: '请在两个框中输入名称' }).waitFor();
        for (const [label, text, pick] of [['起点', '北京儿童', /^北京儿童医院 /], ['终点', '内蒙古', /内蒙古/]] as const) {
          const box = page.getByRole('combobox', { name: label });
          await box.fill(text);
          await page.getByRole('option', { name: pick }).first().waitFor();
          await box.press('ArrowDown');
          await box.press('Enter');
        }
        await page.getByRole('button', { name: '查找路径' }).click();
        await page.waitForURL(/\/path\?from=/);
        const result = page.locator('.path-results > .status');
        await result.waitFor();
        const text = (await result.textContent())!;
        if (/相隔 \d+ 步/.test(text)) {
          const steps = page.locator('.path-steps > li');
          expect(await steps.count()).toBe(Number(/相隔 (\d+) 步/.exec(text)![1]));
          expect(await page.locator('.path-steps blockquote').count()).toBeGreaterThan(0);
          await page.locator('.path-results .graph[data-nodes]').waitFor();
        } else expect(text).toContain('没有找到关系');
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${w.name}-research-4-path.png`), fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w.width);
      } finally {
        await page.close();
      }
      expect(errors).toEqual([]);
    });
  }
});
