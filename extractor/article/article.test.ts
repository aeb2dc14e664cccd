import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, parseDateText, parseIsoDate, parseUrlDate } from './index.ts';
import { isNoArticle, type Article } from '../types.ts';
import { REPO_ROOT } from '../../test/shared.ts';

const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'test/fixtures/article', name), 'utf8');
const article = (r: ReturnType<typeof extractArticle>): Article => {
  if (isNoArticle(r)) throw new Error(`expected an article, got NoArticle: ${r.reason}`);
  return r;
};

describe('dates', () => {
  it('reads the forms Chinese pages show', () => {
    expect(parseDateText('发布时间:2024-02-29 04:02:00')).toBe('2024-02-29T04:02');
    expect(parseDateText('发布日期: 2024-05-10 08:42')).toBe('2024-05-10T08:42');
    expect(parseDateText('2024年1月15日')).toBe('2024-01-15');
    expect(parseDateText('2024年1月15日 11时10分')).toBe('2024-01-15T11:10');
    expect(parseDateText('2024/5/9')).toBe('2024-05-09');
    expect(parseDateText('编号 2024-13-45')).toBeNull();
    expect(parseDateText('2024.01.15')).toBe('2024-01-15');
    expect(parseDateText('2024-01-15 10:20:30')).toBe('2024-01-15T10:20');
    expect(parseDateText('2024年1月15日 10:20')).toBe('2024-01-15T10:20');
    expect(parseDateText('二〇二四年五月十日')).toBe('2024-05-10');
    expect(parseDateText('二〇二二年十二月三十一日 星期六')).toBe('2022-12-31');
    expect(parseDateText('一九九九年十月一日')).toBe('1999-10-01');
  });
  it('converts ISO values to Beijing time', () => {
    expect(parseIsoDate('2024-03-05T01:30:00Z')).toBe('2024-03-05T09:30');
    expect(parseIsoDate('2024-03-05T23:30:00+08:00')).toBe('2024-03-05T23:30');
    expect(parseIsoDate('2024-03-05T20:00:00-05:00')).toBe('2024-03-06T09:00');
  });
  it('reads URL dates', () => {
    expect(parseUrlDate('http://finance.example.cn/n1/2024/0510/c1004-1.html')).toBe('2024-05-10');
    expect(parseUrlDate('http://www.example.gov.cn/art/2024/5/9/art_1_2.html')).toBe('2024-05-09');
    expect(parseUrlDate('http://www.example.cn/xw/202405/t20240509_123.html')).toBe('2024-05-09');
    expect(parseUrlDate('http://www.example.cn/about.html')).toBeNull();
  });
});

describe('extractArticle on HTML', () => {
  const a = article(extractArticle({ html: fixture('article.html'), url: 'https://example.cn/a/2.html' }));
  it('takes the headline, the shown date, the source and the author', () => {
    expect(a.title).toBe('两地医院签署远程会诊协议');
    expect(a.published).toBe('2024-03-05T09:30');
    expect(a.source).toBe('示例日报');
    expect(a.author).toBe('李明');
  });
  it('keeps body paragraphs and sub-headings, drops furniture', () => {
    const lines = a.body.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe('合作内容');
    for (const junk of ['责任编辑', '上一篇', '下一篇', '相关新闻', '版权所有', '分享到', '首页', '发布时间']) expect(a.body).not.toContain(junk);
    expect(a.bodyOriginal.split('\n')).toHaveLength(lines.length);
    expect(a.bodyOriginal).toContain('，');
    expect(a.body).not.toContain('，');
  });
  it('falls back to meta tags and the URL for the date', () => {
    const html = fixture('article.html').replace(/发布时间：2024-03-05 09:30 /, '');
    expect(article(extractArticle({ html })).published).toBe('2024-03-05T09:30');
    const bare = html.replace(/<meta name="publishdate"[^>]*>/, '');
    expect(article(extractArticle({ html: bare, url: 'https://example.cn/2024/0306/x.html' })).published).toBe('2024-03-06');
  });
  it('normalises a traditional page with pinyin notes, keeping the original', () => {
    const trad = fixture('article.html').replace('双方约定', '雙方約(yuē)定');
    const r = article(extractArticle({ html: trad }));
    expect(r.body).toContain('双方约定');
    expect(r.bodyOriginal).toContain('雙方約(yuē)定');
  });
});

describe('extractArticle on text dumps', () => {
  const a = article(extractArticle({ text: fixture('dump.txt') }));
  it('reads title, date and source from the lines around the body', () => {
    expect(a.title).toBe('示例市第一医院专家团队赴远方县开展帮扶');
    expect(a.published).toBe('2024-04-12T10:05');
    expect(a.source).toBe('示例市第一医院');
  });
  it('drops menus, credits, recommended lists and trailing news', () => {
    const lines = a.body.split('\n');
    expect(lines[0]).toMatch(/^4月10日至11日/);
    expect(lines).toContain('专家义诊');
    expect(lines.at(-1)).toMatch(/优质医疗资源。$/);
    for (const junk of ['编辑|', '推荐阅读', '护士节', '版权所有', '首页']) expect(a.body).not.toContain(junk);
  });
  it('gives no title or date when the dump starts with the body', () => {
    const body = fixture('dump.txt').split('\n').filter((l) => l.startsWith('  ') && l.length > 30).join('\n');
    const r = article(extractArticle({ text: body }));
    expect(r.title).toBe('');
    expect(r.published).toBeNull();
  });
});

describe('pages without an article', () => {
  for (const name of ['list-page.html', 'not-found.html', 'login-wall.html']) {
    it(`${name} → NoArticle with a reason`, () => {
      const r = extractArticle({ html: fixture(name) });
      expect(isNoArticle(r)).toBe(true);
      if (isNoArticle(r)) expect(r.reason).toMatch(/\S/);
    });
  }
  it('an empty page and a list of dated snippets are not articles', () => {
    expect(isNoArticle(extractArticle({ text: '' }))).toBe(true);
    const items = Array.from({ length: 12 }, (_, i) => `<li><a href="/a/${i}.html">示例市第${i}次卫生工作会议召开</a><p>会议总结了去年的工作，部署了今年的重点任务，要求各单位抓好落实……</p><span>2024-03-${String(i + 1).padStart(2, '0')}</span></li>`);
    const r = extractArticle({ html: `<html><body><ul class="list">${items.join('')}</ul></body></html>` });
    expect(isNoArticle(r)).toBe(true);
  });
  it('refuses input with neither html nor text', () => {
    expect(() => extractArticle({})).toThrow();
  });
});

describe('hostile input finishes', () => {
  const para = '<p>示例市第一医院与远方县人民医院签署合作协议，双方将共建远程会诊中心，派驻专家开展教学查房和义诊活动。</p>';
  it('50,000 nested elements', () => {
    const depth = 50_000;
    const html = `<html><body>${'<div>'.repeat(depth)}${para.repeat(3)}${'</div>'.repeat(depth)}</body></html>`;
    const r = article(extractArticle({ html }));
    expect(r.body.split('\n')).toHaveLength(3);
  });
  it('50,000 unclosed elements', () => {
    const html = `<html><body>${'<span><div>'.repeat(25_000)}${para.repeat(3)}`;
    expect(article(extractArticle({ html })).body).toContain('远程会诊中心');
  });
  it('a 10 MB page', () => {
    const filler = `<div class="list"><a href="/x">相关链接标题文字</a></div>`.repeat(10_000_000 / 60);
    const html = `<html><body>${filler}<div class="content">${para.repeat(5)}</div>${filler}</body></html>`;
    expect(html.length).toBeGreaterThan(10_000_000);
    const r = article(extractArticle({ html }));
    expect(r.body.split('\n')).toHaveLength(5);
  });
});

describe('body lines at the edges of the story', () => {
  const P = [
    '示例县人民医院与省城第一医院签署对口帮扶协议，双方将共建远程会诊中心，派驻专家定期开展查房、手术示教和义诊活动。',
    '按照协议，省城第一医院每年选派不少于十名专家到县医院坐诊，县医院每年选送医护人员进修学习，群众在家门口就能看上专家门诊。',
  ];
  const page = (inner: string, after = '') =>
    `<html><head><title>县医院迎来专家团队_示例网</title></head><body><ul class="menu"><li><a href="/">首页</a></li></ul>
<h1>县医院迎来专家团队</h1><div class="info">2024-05-10 08:42 来源：示例日报</div>
<div class="content">${inner}</div>${after}<div class="footer">版权所有 示例网</div></body></html>`;
  const body = (html: string) => article(extractArticle({ html })).body.split('\n');

  it('keeps a paragraph closed by a writer’s ellipsis when the story goes on after it', () => {
    const lead = '一年来，专家团队走遍了全县的乡镇卫生院，带教、查房、义诊，一项项工作落地见效……';
    expect(body(page(`<p>${lead}</p><p>${P[0]}</p><p>${P[1]}</p>`))[0]).toBe(lead.replace(/，/g, ','));
  });
  it('drops summary snippets cut off with an ellipsis in a list after the story', () => {
    const items = [1, 2, 3].map((i) => `<li><a href="/n/${i}">另一条新闻标题第${i}条</a><p>会议总结了去年的工作，部署了今年的重点任务，要求各单位抓好落实……</p><span>2024-03-0${i}</span></li>`);
    const lines = body(page(`<p>${P[0]}</p><p>${P[1]}</p>`, `<ul>${items.join('')}</ul>`));
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('部署了今年');
  });
  it('drops a 执笔/ byline, at the top or between paragraphs', () => {
    for (const inner of [`<p>执笔/示例甲、示例乙&amp;示例丙</p><p>${P[0]}</p><p>${P[1]}</p>`, `<p>${P[0]}</p><p>执笔/示例甲、示例乙&amp;示例丙</p><p>${P[1]}</p>`]) {
      const lines = body(page(inner));
      expect(lines).toHaveLength(2);
      expect(lines.join('')).not.toContain('执笔');
    }
  });
  it('keeps a short opening sub-heading or caption in the story’s own paragraphs', () => {
    expect(body(page(`<p>一、合作背景</p><p>${P[0]}</p><p>${P[1]}</p>`))[0]).toBe('一、合作背景');
    expect(body(page(`<p>资料图:专家在县医院查房</p><p>${P[0]}</p><p>${P[1]}</p>`))[0]).toBe('资料图:专家在县医院查房');
  });
  it('does not take header lines, credits or a repeated headline above the story as its opening', () => {
    const other = body(page(`<div>一、合作背景</div><p>${P[0]}</p><p>${P[1]}</p>`));
    expect(other[0]).toMatch(/^示例县人民医院/);
    const credit = body(page(`<p>示例日报记者 示例甲 通讯员 示例乙</p><p>${P[0]}</p><p>${P[1]}</p>`));
    expect(credit[0]).toMatch(/^示例县人民医院/);
    const wire = body(page(`<p>示例社北京5月9日电 题：县医院迎来专家团队</p><p>${P[0]}</p><p>${P[1]}</p>`));
    expect(wire[0]).toMatch(/^示例县人民医院/);
    const epaper = body(page(`<p>两地携手</p><p>县医院迎来专家团队</p><p>${P[0]}</p><p>${P[1]}</p>`));
    expect(epaper[0]).toMatch(/^示例县人民医院/);
  });
  it('drops an original-title note in parentheses, at the top or between paragraphs', () => {
    const note = '<p>（原标题：两地医院签署协议 共建远程会诊中心）</p>';
    for (const inner of [`${note}<p>${P[0]}</p><p>${P[1]}</p>`, `<p>${P[0]}</p>${note}<p>${P[1]}</p>`]) {
      const lines = body(page(inner));
      expect(lines).toHaveLength(2);
      expect(lines.join('')).not.toContain('原标题');
    }
  });
  it('drops a closing line that only credits the publisher, and still reads the source from it', () => {
    const html = page(`<p>${P[0]}</p><p>${P[1]}</p><p>（本文来源：示例晚报 作者：示例研究院研究员，示例甲）返回首页</p>`).replace('来源：示例日报', '');
    const a = article(extractArticle({ html }));
    expect(a.body.split('\n')).toHaveLength(2);
    expect(a.source).toBe('示例晚报');
  });
  it('removes soft hyphens and zero-width characters instead of leaving them or a space', () => {
    const lines = body(page(`<p>${P[0]}1\u00ad\u00ad—4月累计\u200b完成。</p><p>${P[1]}</p>`));
    expect(lines[0]).toContain('1—4月累计完成。');
  });
});
