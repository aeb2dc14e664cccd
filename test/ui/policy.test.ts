// End-to-end journeys of policy staff in a real browser at 1280 px and 390 px: saved searches and alerts,
// export and the year histogram, facets with "more" and a search inside them, browsing by filters alone,
// the searched words on the article page, Back keeping the scroll offset, errors in Chinese with a retry,
// the product 404 page, the skip link, and reprints under their own publisher. Screenshots in test-output/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPages, importPaths, syncGraph, syncSearch } from '../../pipeline/index.ts';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, SCREENSHOT_DIR, startDemoSite, type DemoSite } from './browser.ts';

if (!hasChromium) console.warn(`[kg tests] ${CHROMIUM_MISSING_MESSAGE}`);

const KEY = 'ui-policy-key-1234';
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const number = (s: string | null, re: RegExp) => Number(re.exec(s ?? '')?.[1] ?? NaN);

/** New 托管 stories, one per width (a near copy would be collapsed as a reprint, rightly not new). */
const STORIES = {
  desktop: {
    title: '赤峰市医院与北京天坛医院签约托管神经外科',
    body: '<p>3月1日，北京天坛医院与内蒙古赤峰市医院签署协议，全面托管赤峰市医院神经外科，天坛医院派出专家团队常驻赤峰。</p>\n<p>托管后，赤峰市医院新增神经外科床位60张，当地患者无需再长途奔波赴京就医。</p>\n<p>双方还将通过远程会诊平台开展疑难病例讨论，每月不少于四次。</p>',
  },
  phone: {
    title: '通辽市医院心血管内科由北京安贞医院托管',
    body: '<p>记者4月8日获悉，通辽市医院心血管内科正式交由北京安贞医院托管运营，首批8名安贞专家已经到岗开展诊疗。</p>\n<p>双方约定托管期为五年，其间安贞医院每周通过视频开展远程会诊和教学查房。</p>\n<p>通辽市卫生健康委员会表示，将为托管科室配齐设备和床位，让群众在家门口看上好医生。</p>',
  },
};

/** Imports a story through the real pipeline (import, extract, sync): what an alert should report. */
async function publish(site: DemoSite, story: { title: string; body: string }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kg-ui-new-'));
  try {
    writeFileSync(
      join(dir, 'new.html'),
      `<!doctype html><html><head><meta charset="utf-8"><title>${story.title}</title></head><body><div class="article"><h1>${story.title}</h1>
<div class="info">2031-03-02　来源：赤峰日报</div><div class="content">${story.body}</div></div></body></html>`,
    );
    await importPaths(site.services.archive, [dir]);
    extractPages(site.services.archive);
    await syncGraph(site.services.archive, site.services.graph);
    await syncSearch(site.services.archive, site.services.search);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasChromium)('policy staff journeys in chromium', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite({ apiKey: KEY });
  });
  afterAll(async () => {
    await site?.close();
  });

  /** A page at the given width that records console errors and failed requests; `shot` checks the width too. */
  async function open(w: (typeof WIDTHS)[number], allowed: RegExp[] = []) {
    const page = await site.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !allowed.some((re) => re.test(m.text()))) errors.push(`${m.text()} ${m.location().url}`);
    });
    await page.setViewportSize({ width: w.width, height: w.height });
    const shot = async (step: string) => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${step} is wider than the window`).toBeLessThanOrEqual(w.width);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${w.name}-policy-${step}.png`), fullPage: true });
    };
    return { page, errors, shot };
  }

  for (const w of WIDTHS) {
    it(`saved searches: save from a search, list, new hits, Atom feed, delete at ${w.width} px`, async () => {
      const { page, errors, shot } = await open(w);
      try {
        await page.goto(`${site.url}/?q=${encodeURIComponent('托管')}`);
        await page.evaluate(() => localStorage.removeItem('kg-api-key'));
        await page.reload();
        await page.locator('li.hit').first().waitFor();
        await page.locator('details.save-panel summary').click();
        const name = `托管提醒-${w.name}`;
        await page.getByLabel('订阅名称', { exact: true }).fill(name);
        await page.getByLabel('API 密钥', { exact: true }).fill(KEY);
        await page.getByRole('button', { name: '保存订阅' }).click();
        await page.locator('.save-result .status', { hasText: `已保存订阅“${name}”` }).waitFor();
        await shot('1-save-search');
        // A second save under the same name is refused, in Chinese.
        await page.getByRole('button', { name: '保存订阅' }).click();
        await page.locator('.save-result .status-error', { hasText: `已有名为“${name}”的订阅` }).waitFor();

        if (w.width < 600) await page.locator('header.site nav a', { hasText: '订阅提醒' }).scrollIntoViewIfNeeded();
        await page.locator('header.site nav a', { hasText: '订阅提醒' }).click();
        await page.waitForURL(/\/saved$/);
        expect(await page.locator('details.key-panel summary').textContent()).toContain('已保存在本浏览器');
        const card = page.locator('li.saved', { hasText: name });
        await card.waitFor();
        expect(await card.textContent()).toContain('检索词：托管');
        const feed = await card.getByRole('link', { name: 'Atom 订阅源' }).getAttribute('href');
        const atom = await fetch(site.url + feed!);
        expect(atom.status).toBe(200);
        expect(atom.headers.get('content-type')).toMatch(/atom\+xml/);

        // Nothing new yet; then a new article arrives and a check reports exactly it.
        await card.getByRole('button', { name: '检查新结果' }).click();
        await card.locator('.check-result', { hasText: '没有新结果' }).waitFor();
        const story = STORIES[w.name as keyof typeof STORIES];
        const title = story.title;
        await publish(site, story);
        await card.getByRole('button', { name: '检查新结果' }).click();
        await card.locator('.check-result', { hasText: '有 1 篇新结果' }).waitFor();
        expect(await card.locator('.new-hits li a').allTextContents()).toEqual([title]);
        await shot('2-saved-new-hits');
        // The alert stays listed after a reload, and the feed carries it.
        await page.reload();
        await page.locator('li.saved', { hasText: name }).locator('summary', { hasText: '最近的提醒（1）' }).waitFor();
        expect(await (await fetch(site.url + feed!)).text()).toContain(title.slice(0, 6)); // the feed's titles carry <mark> highlights

        // Delete asks once more; Cancel keeps it, confirming removes it.
        const again = page.locator('li.saved', { hasText: name });
        await again.getByRole('button', { name: '删除' }).click();
        await again.getByRole('button', { name: '取消' }).click();
        expect(await page.locator('li.saved', { hasText: name }).count()).toBe(1);
        await again.getByRole('button', { name: '删除' }).click();
        await again.getByRole('button', { name: `确认删除“${name}”` }).click();
        await page.locator('li.saved', { hasText: name }).waitFor({ state: 'detached' });
        expect((await fetch(site.url + feed!)).status).toBe(404);
      } finally {
        await page.close();
      }
      expect(errors).toEqual([]);
    });

    it(`browse by filters, year histogram, facets with more and search, CSV and RIS export at ${w.width} px`, async () => {
      const { page, errors, shot } = await open(w);
      try {
        // Filters alone: every article since 2000, newest first.
        await page.goto(`${site.url}/?from=2000`);
        const summary = page.locator('.search-results > .status');
        await summary.waitFor();
        expect(await summary.textContent()).toContain('按条件浏览');
        const total = number(await summary.textContent(), /(\d+) 篇/);
        expect(total).toBeGreaterThan(10);
        const dates = await page.locator('li.hit .meta').allTextContents();
        const days = dates.map((d) => /(\d{4})年(\d+)月(\d+)日/.exec(d)).filter(Boolean).map((m) => Number(m![1]) * 10000 + Number(m![2]) * 100 + Number(m![3]));
        expect(days.length).toBeGreaterThan(5);
        expect(days).toEqual([...days].sort((a, b) => b - a));

        // Year histogram: a column per year; choosing one filters to it, with the column's count.
        const bars = page.locator('.histogram-bars a');
        expect(await bars.count()).toBeGreaterThan(2);
        const bar = bars.first();
        const label = (await bar.getAttribute('aria-label'))!;
        const [, year, n] = /^(\d{4})年 (\d+) 篇$/.exec(label)!;
        await shot('3-browse-histogram');
        await bar.click();
        await page.waitForURL(new RegExp(`from=${year}&to=${year}`));
        // The new page's summary (from and to are now both set); the old one may still be on screen until then.
        await page.locator('.search-results > .status', { hasText: '已筛选 2 项' }).waitFor();
        expect(number(await page.locator('.search-results > .status').textContent(), /(\d+) 篇/)).toBe(Number(n));

        // Facets: the first values, "more" for the rest, a box that narrows them.
        await page.goto(`${site.url}/?from=2000`);
        await summary.waitFor();
        const panel = page.locator('details.facet-panel');
        if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
        const inst = page.locator('section.facet', { hasText: '机构' });
        const all = await inst.locator('li').count();
        expect(all).toBeGreaterThan(8);
        expect(await inst.locator('li:visible').count()).toBe(8);
        await inst.getByRole('button', { name: /更多/ }).click();
        expect(await inst.locator('li:visible').count()).toBe(all);
        await inst.getByRole('button', { name: '收起' }).waitFor();
        await inst.getByLabel('在“机构”中查找').fill('儿童');
        const narrowed = await inst.locator('li:visible').allTextContents();
        expect(narrowed.length).toBeGreaterThan(0);
        expect(narrowed.length).toBeLessThan(all);
        for (const t of narrowed) expect(t).toContain('儿童');
        await shot('4-facet-more-search');

        // Export: every hit as CSV (Chinese header) and RIS.
        await page.goto(`${site.url}/?q=${encodeURIComponent('托管')}`);
        await summary.waitFor();
        const hits = number(await summary.textContent(), /找到 (\d+) 篇/);
        const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
        expect(csvFile.suggestedFilename()).toBe('检索结果-托管.csv');
        const csv = readFileSync((await csvFile.path())!, 'utf8');
        expect(csv.startsWith('\uFEFF序号,标题,发布日期,来源,原文链接,本站链接,转载数,摘要\r\n')).toBe(true);
        expect(csv.trim().split('\r\n').length - 1).toBe(hits);
        const [risFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 RIS/ }).click()]);
        const ris = readFileSync((await risFile.path())!, 'utf8');
        expect(ris.match(/^TY {2}- NEWS$/gm)?.length).toBe(hits);
        expect(ris.match(/^ER {2}- $/gm)?.length).toBe(hits);
        await page.locator('.export-status', { hasText: `已导出 ${hits} 篇` }).waitFor();
        await shot('5-export');
      } finally {
        await page.close();
      }
      expect(errors).toEqual([]);
    });

    it(`article highlights the searched words; Back keeps the scroll; skip link; reprint labels at ${w.width} px`, async () => {
      const { page, errors, shot } = await open(w);
      try {
        await page.goto(`${site.url}/?q=${encodeURIComponent('医院')}`);
        await page.locator('li.hit').first().waitFor();
        // Skip link: focus is on the heading after a search; one Tab reaches the skip link, Enter the first result.
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到检索结果');
        await page.keyboard.press('Enter');
        expect(await page.evaluate(() => document.activeElement?.closest('li.hit') !== null && document.activeElement?.tagName)).toBe('A');
        expect(await page.evaluate(() => document.activeElement === document.querySelector('li.hit h2 a'))).toBe(true);

        // Scroll to a later hit and open it: the article marks the words and opens at the first.
        const target = page.locator('li.hit').nth(6);
        await target.scrollIntoViewIfNeeded();
        const before = await page.evaluate(() => scrollY);
        expect(before).toBeGreaterThan(100);
        await target.locator('h2 a').click();
        await page.waitForURL(/\/article\/.+\?hl=/);
        const first = page.locator('.article .body mark.term').first();
        await first.waitFor();
        expect(await page.locator('.article .body mark.term').count()).toBeGreaterThan(0);
        expect(await first.textContent()).toMatch(/医院|醫院/);
        const box = (await first.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeLessThan(w.height);
        expect(await page.locator('.term-bar').textContent()).toMatch(/在文中出现 \d+ 处/);
        await shot('6-article-terms');
        await page.goBack();
        await page.locator('li.hit').nth(6).waitFor();
        await page.waitForFunction((y) => Math.abs(scrollY - y) < 5, before);

        // Reprints: listed under the site they appeared on, with the source they credit.
        await page.goto(`${site.url}/?q=${encodeURIComponent('托管 保定市儿童医院')}`);
        const withCopies = page.locator('li.hit', { has: page.locator('details.copies') }).first();
        await withCopies.locator('summary').click();
        const copy = withCopies.locator('details.copies li').first();
        expect(await copy.locator('a').textContent()).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
        expect(await copy.textContent()).toContain('转载，注明来源：');
        // Institutions named by a hit link to their pages.
        expect(await page.locator('li.hit .hit-entities a[href^="/entity/"]').count()).toBeGreaterThan(0);
        await shot('7-reprint-labels');
      } finally {
        await page.close();
      }
      expect(errors).toEqual([]);
    });

    it(`page past the last, errors in Chinese, retry when the server is unreachable, product 404 at ${w.width} px`, async () => {
      // The offline step makes the browser log the failed fetch: that one error is expected.
      const { page, errors, shot } = await open(w, [/Failed to load resource|ERR_INTERNET_DISCONNECTED/]);
      try {
        await page.goto(`${site.url}/?q=${encodeURIComponent('托管')}&page=999`);
        const beyond = page.locator('.beyond');
        await beyond.waitFor();
        const pages = number(await beyond.textContent(), /共 (\d+) 页/);
        expect(await beyond.textContent()).toContain('没有第 999 页');
        await shot('8-page-beyond');
        await beyond.getByRole('link', { name: /转到最后一页/ }).click();
        await page.waitForURL(new RegExp(`page=${pages}|q=[^&]+$`));
        await page.locator('li.hit').first().waitFor();

        for (const [q, text] of [
          ['OR 托管', 'OR 的两边都需要检索词'],
          ['托'.repeat(501), '检索词最多 500 个字符'],
          ['"远程会诊', '引号没有闭合'],
        ]) {
          await page.goto(`${site.url}/?q=${encodeURIComponent(q)}`);
          const err = page.locator('.status-error');
          await err.waitFor();
          const shown = (await err.textContent())!;
          expect(shown).toContain(text);
          expect(shown).not.toMatch(/[A-Za-z]{4,}/);
        }
        await shot('9-error-chinese');

        // Server unreachable: a retry button; once the network is back, it loads the results.
        await page.goto(`${site.url}/`);
        await page.getByLabel('检索词', { exact: true }).waitFor();
        await site.context.setOffline(true);
        try {
          await page.getByLabel('检索词', { exact: true }).fill('医联体');
          await page.getByLabel('检索词', { exact: true }).press('Enter');
          await page.locator('.status-error', { hasText: '无法连接服务器' }).waitFor();
          await shot('10-retry');
        } finally {
          await site.context.setOffline(false);
        }
        await page.getByRole('button', { name: '重试' }).click();
        await page.locator('li.hit').first().waitFor();

        const res = await page.goto(`${site.url}/no/such/page`);
        expect(res?.status()).toBe(404);
        await page.locator('main h1', { hasText: '页面不存在' }).waitFor();
        await page.getByRole('link', { name: '检索合作新闻' }).waitFor();
        await shot('11-not-found');
      } finally {
        await page.close();
      }
      expect(errors).toEqual([]);
    });
  }
});
