// The network page in a real browser at the two ends of its range:
// - on the demo archive, every institution and region party sits in its own region's box (北京儿童医院保定医院
//   in 河北, 广安门医院 and 宣武医院 in 北京, the region 北京市 in 北京), with no "地区不详" box left;
// - on an archive of 400 articles whose 200 most recent collaborations join 400 county hospitals, the page draws regions as nodes
//   (collaborations between regions, weighted), a click on a region draws that region's institutions, and a phone
//   gets the list of region pairs instead of a drawing.
// Screenshots in test-output/screenshots (the drawing itself: below it the pages list hundreds of rows).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gazetteer } from '../../extractor/knowledge/index.ts';
import { extractPages, importPaths, syncGraph, syncSearch } from '../../pipeline/index.ts';
import { MAX_EDGES, REGION_VIEW_ABOVE } from '../../ui/pages/network.ts';
import { CHROMIUM_MISSING_MESSAGE, cyEval, hasChromium, SCREENSHOT_DIR, startDemoSite, type DemoSite } from './browser.ts';

if (!hasChromium) console.warn(`[kg tests] ${CHROMIUM_MISSING_MESSAGE}`);

const GRAPH = '.network-results .graph[data-nodes]';

/** Cytoscape state of the network drawing. */
const cyNet = <T>(page: Page, fn: string): Promise<T> => cyEval<T>(page, GRAPH, fn);

/** Provinces that help (east) and provinces helped (west and north), by the first two digits of their codes. */
const HELPING = ['32', '33', '44', '37', '35'];
const HELPED = ['13', '15', '52', '54', '65'];

/**
 * `n` text articles, each one collaboration between two county-level hospitals seen in no other article (2n
 * institutions), dated one day apart: what a year of paired-assistance news across provinces looks like.
 */
function writeSpreadArchive(dir: string, n: number): void {
  const g = gazetteer();
  // named with their city (南京市鼓楼区 and 徐州市鼓楼区 are two districts)
  const counties = (two: string) => [...g.byCode.values()].filter((p) => p.level === 'county' && p.code.startsWith(two) && p.parent && g.byCode.get(p.parent)?.level === 'city')
    .map((p) => `${g.byCode.get(p.parent!)!.name}${p.name}`);
  const round = (twos: string[]) => {
    const lists = twos.map(counties);
    const out: string[] = [];
    for (let i = 0; out.length < n && i < 400; i++) for (const l of lists) if (l[i] && out.length < n) out.push(l[i]);
    return out;
  };
  const helping = round(HELPING), helped = round(HELPED);
  if (helping.length < n || helped.length < n) throw new Error(`the gazetteer has too few counties for ${n} articles`);
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    const a = `${helping[i]}人民医院`, b = `${helped[i]}人民医院`;
    // each story told in its own words and figures, as distinct reports are (no two read as reprints)
    const fields = ['心血管', '儿科', '妇产', '肿瘤', '急诊', '康复', '麻醉', '影像', '检验', '眼科', '骨科', '神经'];
    const topic = (k: number) => fields[(i * 7 + k) % fields.length];
    writeFileSync(join(dir, `${String(i).padStart(4, '0')}.txt`), [
      `${a}与${b}签署对口帮扶协议`,
      `发布日期：${day}`,
      `${day.slice(0, 4)}年，${a}与${b}签署对口帮扶协议。`,
      `按照协议，${a}第${i + 1}批${3 + (i % 9)}名专家将常驻受援医院${2 + (i % 5)}个月，重点扶持${topic(0)}科和${topic(1)}科。`,
      `${b}计划新增床位${20 + (i % 80)}张，开展${topic(2)}新技术${1 + (i % 12)}项，并派出${4 + (i % 7)}名医护人员到${a}进修${topic(3)}专业。`,
      `截至${day.slice(5, 7)}月底，远程会诊已完成${10 + i}例，门诊量较去年同期增长${5 + (i % 30)}%。`,
    ].join('\n') + '\n');
  }
}

describe.skipIf(!hasChromium)('the network page in chromium', () => {
  describe('region boxes on the demo archive', () => {
    let site: DemoSite;
    beforeAll(async () => {
      site = await startDemoSite();
    });
    afterAll(async () => {
      await site?.close();
    });

    it('puts every institution and region party in its own region, with no unknown region left', async () => {
      const page = await site.context.newPage();
      try {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(`${site.url}/network?view=institutions`);
        await page.locator(GRAPH).waitFor();
        const boxOf = await cyNet<Record<string, string>>(page, `
          const out = {};
          for (const n of cy.nodes().filter((n) => !n.isParent())) out[n.data('full') ?? n.data('label')] = n.parent().data('label');
          return out;`);
        expect(boxOf['北京儿童医院保定医院']).toBe('河北');
        expect(boxOf['中国中医科学院广安门医院']).toBe('北京');
        expect(boxOf['首都医科大学宣武医院']).toBe('北京');
        expect(boxOf['北京市']).toBe('北京');
        expect(Object.entries(boxOf).filter(([, box]) => box === '地区不详')).toEqual([]);
        await page.locator(GRAPH).screenshot({ path: join(SCREENSHOT_DIR, 'desktop-network-region-boxes.png') });
      } finally {
        await page.close();
      }
    });
  });

  describe('an archive beyond what one drawing can show', () => {
    let site: DemoSite;
    const dir = mkdtempSync(join(tmpdir(), 'kg-ui-spread-'));
    beforeAll(async () => {
      writeSpreadArchive(dir, 2 * MAX_EDGES);
      site = await startDemoSite({
        load: async (services) => {
          await importPaths(services.archive, [dir]);
          extractPages(services.archive);
          await syncGraph(services.archive, services.graph);
          await syncSearch(services.archive, services.search);
        },
      });
    }, 120_000);
    afterAll(async () => {
      await site?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('draws regions as nodes at 1280 px, and a region\'s institutions on a click', async () => {
      const page = await site.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(`${site.url}/network`);
        await page.locator(GRAPH).waitFor();
        const status = (await page.locator('.network-results > .status').textContent())!;
        const institutions = Number(/(\d+) 家机构/.exec(status)![1]);
        expect(institutions).toBeGreaterThan(REGION_VIEW_ABOVE);
        expect(status).toContain('按地区显示');
        const drawn = await cyNet<Array<{ id: string; label: string }>>(page, "return cy.nodes().map((n) => ({ id: n.id(), label: n.data('label') }))");
        expect(drawn.every((n) => n.id.startsWith('region:'))).toBe(true);
        expect(drawn.map((n) => n.label).sort()).toEqual(['江苏', '浙江', '广东', '山东', '福建', '河北', '内蒙古', '贵州', '西藏', '新疆'].sort());
        // region-to-region lines carry how many collaborations they stand for, and together all of them
        const lines = (await cyNet<string[]>(page, "return cy.edges().map((e) => e.data('label'))")).map((l) => Number(/^(\d+) 项$/.exec(l)![1]));
        expect(lines.reduce((a, b) => a + b, 0)).toBe(MAX_EDGES);
        await page.locator(GRAPH).screenshot({ path: join(SCREENSHOT_DIR, 'desktop-network-archive-1-regions.png') });

        // A click on 江苏 draws the collaborations touching 江苏, institution by institution.
        await page.locator(GRAPH).scrollIntoViewIfNeeded();
        const at = await cyNet<{ x: number; y: number }>(page, "return cy.$id('region:32').renderedPosition()");
        const box = (await page.locator(GRAPH).boundingBox())!;
        await page.mouse.click(box.x + at.x, box.y + at.y);
        await page.waitForURL(/[?&]a=32\b/);
        await page.locator(GRAPH).waitFor();
        const inJiangsu = await cyNet<Array<{ id: string; box: string }>>(page, "return cy.nodes().filter((n) => !n.isParent()).map((n) => ({ id: n.id(), box: n.parent().data('label') }))");
        expect(inJiangsu.length).toBeGreaterThan(0);
        expect(inJiangsu.length).toBeLessThanOrEqual(REGION_VIEW_ABOVE);
        expect(inJiangsu.every((n) => n.id.startsWith('hospital:'))).toBe(true);
        expect(inJiangsu.filter((n) => n.box === '江苏').length * 2).toBe(inJiangsu.length);
        // a hundred names in one region: the labels drawn never overlap; the others show on zoom, hover or find
        const overlaps = await cyNet<{ shown: number; overlapping: number }>(page, `
          const boxes = cy.nodes().filter((n) => !n.isParent() && !n.hasClass('minor'))
            .map((n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
          let overlapping = 0;
          for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (a.x1 < b.x2 - 1 && b.x1 < a.x2 - 1 && a.y1 < b.y2 - 1 && b.y1 < a.y2 - 1) overlapping++;
          }
          return { shown: boxes.length, overlapping };`);
        expect(overlaps.shown).toBeGreaterThan(10);
        expect(overlaps.overlapping).toBe(0);
        await page.locator(GRAPH).screenshot({ path: join(SCREENSHOT_DIR, 'desktop-network-archive-2-region-drilled.png') });
      } finally {
        await page.close();
      }
      expect(errors).toEqual([]);
    });

    it('lists region pairs on a 390 px phone instead of drawing', async () => {
      const page = await site.context.newPage();
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${site.url}/network`);
        const pairs = page.locator('ol.region-pairs > li');
        await pairs.first().waitFor();
        expect(await page.locator(GRAPH).count()).toBe(0);
        const counts = (await pairs.locator('summary .count').allTextContents()).map((t) => Number(/(\d+)/.exec(t)![1]));
        expect(counts.reduce((a, b) => a + b, 0)).toBe(MAX_EDGES);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'phone-network-archive-list.png'), fullPage: true });
      } finally {
        await page.close();
      }
    });
  });
});
