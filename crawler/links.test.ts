import { describe, expect, it } from 'vitest';
import { analysePage } from './links.ts';
import { parseSitemap } from './sitemap.ts';

const none = { article: [], list: [] };
const body = (inner: string) => `<html><head><base href="http://a.test/news/"></head><body>${inner}</body></html>`;
const para = '京津冀三地卫生健康部门联合印发工作方案，提出到年底前实现二级以上公立医院检查检验结果互认，并建立统一的质量控制标准和信息共享平台。';

describe('analysePage', () => {
  it('finds pagination by 下一页, page numbers, index_N.html, ?page=N and rel=next', () => {
    const html = body(`<ul><li><a href="a1.html">一</a></li><li><a href="/news/a2.html#c">二</a></li></ul>
      <a href="index_2.html">下一页</a> <a href="index_3.html">3</a> <a href="list?page=4">4</a> <a rel="next" href="more.html">更多</a>
      <a href="x.html" rel="nofollow">不跟随</a>`);
    const p = analysePage(html, 'http://a.test/news/index.html', none);
    expect(p.links).toEqual([
      'http://a.test/news/a1.html', 'http://a.test/news/a2.html', 'http://a.test/news/index_2.html',
      'http://a.test/news/index_3.html', 'http://a.test/news/list?page=4', 'http://a.test/news/more.html',
    ]);
    expect([...p.pagination].sort()).toEqual([
      'http://a.test/news/index_2.html', 'http://a.test/news/index_3.html', 'http://a.test/news/list?page=4', 'http://a.test/news/more.html',
    ]);
    expect(p.type).toBe('list');
  });

  it('tells an article (long running text, in <p> or between <br>) from a list', () => {
    expect(analysePage(body(`<h1>标题</h1>${`<p>${para}</p>`.repeat(4)}<a href="/">首页</a>`), 'http://a.test/n/1.html', none).type).toBe('article');
    expect(analysePage(body(`<div>${para}<br>${para}<br>${para}<br>${para}</div>`), 'http://a.test/n/2.html', none).type).toBe('article');
    const list = body(Array.from({ length: 30 }, (_, i) => `<li><a href="${i}.html">${para.slice(0, 30)}</a></li>`).join(''));
    expect(analysePage(list, 'http://a.test/n/', none).type).toBe('list');
    expect(analysePage(list, 'http://a.test/n/', { article: [/\/n\/$/], list: [] }).type).toBe('article');
  });

  it('follows no link under meta robots nofollow', () => {
    const html = `<html><head><meta name="robots" content="noindex, nofollow"></head><body><a href="/x">x</a></body></html>`;
    expect(analysePage(html, 'http://a.test/', none).links).toEqual([]);
  });
});

describe('parseSitemap', () => {
  it('reads url sets, sitemap indexes and plain-text sitemaps', () => {
    const urlset = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> http://a.test/1.html </loc></url></urlset>';
    expect(parseSitemap(Buffer.from(urlset))).toEqual({ pages: ['http://a.test/1.html'], sitemaps: [] });
    const index = '<sitemapindex><sitemap><loc>http://a.test/s1.xml</loc></sitemap></sitemapindex>';
    expect(parseSitemap(Buffer.from(index))).toEqual({ pages: [], sitemaps: ['http://a.test/s1.xml'] });
    expect(parseSitemap(Buffer.from('http://a.test/a\nftp://x\nhttp://a.test/b\n')).pages).toEqual(['http://a.test/a', 'http://a.test/b']);
  });
});
