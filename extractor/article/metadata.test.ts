// Metadata rules of the article extractor on small invented pages: headline, publish date,
// publisher (来源) and author. Each rule has its own case; names and outlets are made up.
import { describe, expect, it } from 'vitest';
import { extractArticle } from './index.ts';
import { labelledDate } from './date.ts';
import { stripSiteSuffix } from './title.ts';
import { cleanSource, findSource } from './source.ts';
import { cleanNames, findAuthor } from './author.ts';
import { isNoArticle, type Article } from '../types.ts';

const P1 = '示例县人民医院与省城第一医院签署对口帮扶协议，双方将共建远程会诊中心，派驻专家定期开展查房、手术示教和义诊活动。';
const P2 = '按照协议，省城第一医院每年选派不少于十名专家到县医院坐诊，县医院每年选送医护人员进修学习，当地群众在家门口就能看上专家门诊。';

interface Page {
  title?: string;
  head?: string;
  before?: string[];
  h1?: string[];
  header?: string[];
  first?: string;
  after?: string[];
}

function page(p: Page): string {
  const lines = (xs: string[] | undefined, cls: string) => (xs ?? []).map((x) => `<div class="${cls}">${x}</div>`).join('\n');
  return `<html><head>${p.title === undefined ? '' : `<title>${p.title}</title>`}${p.head ?? ''}</head><body>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/n">新闻</a></li></ul>
${lines(p.before, 'edition')}
${(p.h1 ?? []).map((h, i) => (i === 0 ? `<h1>${h}</h1>` : `<div class="sub">${h}</div>`)).join('\n')}
${lines(p.header, 'info')}
<div class="content"><p>${p.first ?? P1}</p><p>${P2}</p></div>
${lines(p.after, 'credit')}
<div class="footer">版权所有 2000-2024 示例网 ICP备00000000号</div></body></html>`;
}

const get = (p: Page, url?: string): Article => {
  const r = extractArticle({ html: page(p), url });
  if (isNoArticle(r)) throw new Error(r.reason);
  return r;
};

describe('headline', () => {
  it('joins a headline split over title and a —— subtitle that <title> shows together', () => {
    const a = get({ title: '县医院迎来专家团队——对口帮扶协议签署_示例市人民政府网', h1: ['县医院迎来专家团队', '——对口帮扶协议签署'] });
    expect(a.title).toBe('县医院迎来专家团队——对口帮扶协议签署');
  });
  it('joins two headline lines without a space when the claim shows none, with one when it does', () => {
    expect(get({ title: '县医院迎来专家团队预计每年服务万人_示例网', h1: ['县医院迎来专家团队', '预计每年服务万人'] }).title).toBe('县医院迎来专家团队预计每年服务万人');
    const spaced = get({ title: '示例网', head: '<meta property="og:title" content="县医院迎来专家团队 预计每年服务万人">', h1: ['县医院迎来专家团队', '预计每年服务万人'] });
    expect(spaced.title).toBe('县医院迎来专家团队 预计每年服务万人');
  });
  it('joins the lines of one heading broken by <br>, even when <title> shows only the first', () => {
    const html = page({ title: '县医院迎来专家团队_示例网', h1: [] }).replace('<body>', '<body><h1>县医院迎来专家团队<br>对口帮扶协议正式签署</h1>');
    const r = extractArticle({ html });
    expect(isNoArticle(r) ? null : r.title).toBe('县医院迎来专家团队对口帮扶协议正式签署');
  });
  it('does not join a line the page title does not claim', () => {
    const a = get({ title: '县医院迎来专家团队_示例网', h1: ['县医院迎来专家团队', '示例网记者 王小明'] });
    expect(a.title).toBe('县医院迎来专家团队');
  });
  it('keeps a column prefix the heading shows and drops the site suffix of a copied <title>', () => {
    const a = get({ title: '视界｜县医院迎来专家团队-示例网省频道-示例网', h1: ['视界｜县医院迎来专家团队'] });
    expect(a.title).toBe('视界|县医院迎来专家团队');
  });
  it('does not take a site-logo heading that only the <title> suffix names', () => {
    const html = page({ title: '县医院迎来专家团队_示例青年网', h1: [] }).replace('<body>', '<body><h1>示例青年网</h1><div class="title">县医院迎来专家团队</div>');
    const r = extractArticle({ html });
    expect(isNoArticle(r) ? null : r.title).toBe('县医院迎来专家团队');
  });
  it('ignores a <title> element inside the body', () => {
    const html = page({ title: '县医院迎来专家团队-示例网', h1: ['县医院迎来专家团队'] }).replace('<body>', '<body><title>县医院迎来专家团队-示例网</title>');
    const r = extractArticle({ html });
    expect(isNoArticle(r) ? null : r.title).toBe('县医院迎来专家团队');
  });
  it('finds the headline line above the date line when the page has neither <title> nor headings', () => {
    const html = `<html><body><table><tr><td>首页 - 新闻 - 汽车</td></tr></table><div>两家车企回应合资传闻 合作项目即将展开</div><div>http://www.example.cn/ 2005-07-18 13:03:17</div><table><tr><td><p>${P1}</p><p>${P2}</p></td></tr></table></body></html>`;
    const r = extractArticle({ html });
    expect(isNoArticle(r) ? null : r.title).toBe('两家车企回应合资传闻 合作项目即将展开');
  });
  it('never takes a news-agency dateline on its own line for the headline of a text dump', () => {
    for (const dateline of ['示例网滨海3月5日电（记者 张三）', '示例社北京11月20日电', '本报讯（记者 李四 通讯员 王五）']) {
      const r = extractArticle({ text: `两地医院签署对口帮扶协议 共建远程会诊中心\n${dateline}\n${P1}\n${P2}` });
      expect(isNoArticle(r) ? null : r.title, dateline).toBe('两地医院签署对口帮扶协议 共建远程会诊中心');
    }
  });
  it('takes the first headline-like line below an edition date when nothing above it qualifies', () => {
    const html = `<html><body><div><a href="/1">第A02版：示例周刊</a></div><div>2022年02月12日 <a href="/old">查看旧版</a></div><table><tr><td>示例中学民乐团一路快乐前行</td></tr><tr><td><p>${P1}</p><p>${P2}</p></td></tr></table></body></html>`;
    const r = extractArticle({ html });
    expect(isNoArticle(r) ? null : r.title).toBe('示例中学民乐团一路快乐前行');
  });
  it('strips site and channel names from <title> by separator', () => {
    expect(stripSiteSuffix('县医院迎来专家团队_资讯频道_示例网')).toBe('县医院迎来专家团队');
    expect(stripSiteSuffix('县医院迎来专家团队 - 示例晚报')).toBe('县医院迎来专家团队');
    expect(stripSiteSuffix('县医院迎来专家团队-示例网省频道-示例网')).toBe('县医院迎来专家团队');
    expect(stripSiteSuffix('县医院迎来专家团队--示例网')).toBe('县医院迎来专家团队');
    expect(stripSiteSuffix('2024-2025年帮扶计划发布_示例网')).toBe('2024-2025年帮扶计划发布');
    expect(stripSiteSuffix('凝聚力量——热烈祝贺县医院新院区开诊_示例县人民政府网')).toBe('凝聚力量——热烈祝贺县医院新院区开诊');
  });
});

describe('publish date', () => {
  it('reads an edition date just above the headline when the header shows none', () => {
    expect(get({ before: ['2022年02月12日 查看旧版'], h1: ['县医院迎来专家团队'] }).published).toBe('2022-02-12');
  });
  it('ignores today’s date in the top bar', () => {
    expect(get({ before: ['今天是2024年5月20日 星期一'], h1: ['县医院迎来专家团队'] }, 'http://www.example.cn/xw/202403/t20240305_1.html').published).toBe('2024-03-05');
  });
  it('prefers the header date over metadata, related lists and the copyright line', () => {
    const a = get({
      head: '<meta name="publishdate" content="2024-01-02">',
      h1: ['县医院迎来专家团队'],
      header: ['日期：2024.01.15 来源：示例日报'],
      after: ['相关新闻', '<a href="/1">另一条新闻</a> 2023-12-30'],
    });
    expect(a.published).toBe('2024-01-15');
  });
  it('reads a long header zone only next to the headline and the body, skipping dated lists between', () => {
    const tools = (n: number) => Array.from({ length: n }, (_, i) => `工具栏${i}`);
    const list = Array.from({ length: 8 }, (_, i) => `<a href="/n/${i}">其他新闻标题第${i}条</a> 2023-01-0${i + 1}`);
    const a = get({ h1: ['县医院迎来专家团队'], header: [...tools(10), ...list, ...tools(12), '2024-05-13 13:48'] });
    expect(a.published).toBe('2024-05-13T13:48');
  });
  it('prefers a publish label to an update time shown first, and tries every label', () => {
    expect(labelledDate('更新时间：2024-06-01 10:00 发布时间：2024-05-10 08:42')).toBe('2024-05-10T08:42');
    expect(labelledDate('时间轴 示例 日期：2024年5月10日')).toBe('2024-05-10');
    expect(labelledDate('发布单位：示例局 发布日期：2024/05/10')).toBe('2024-05-10');
    expect(labelledDate('Published: 2024-05-10 08:42')).toBe('2024-05-10T08:42');
    // 发布 as a verb in a headline is no label; a space then a year still is.
    expect(labelledDate('示例医院发布2023年度报告 多项指标创新高 来源：示例晚报 2024-01-22', true)).toBeNull();
    expect(labelledDate('发布 2024-05-10')).toBe('2024-05-10');
    // A date the 40-character reach would cut stays whole.
    expect(labelledDate(`时间：${'　'.repeat(31)}2024-01-22`)).toBe('2024-01-22');
  });
  it('reads the date of a text dump whose headline says 发布', () => {
    const r = extractArticle({ text: `示例医院发布2023年度报告 京津专家助力多项指标创新高\n来源：示例晚报 2024-01-22\n${P1}\n${P2}` });
    expect(isNoArticle(r) ? null : r.published).toBe('2024-01-22');
  });
  it('takes the unlabelled date beside the headline over an update time shown after it', () => {
    expect(get({ h1: ['县医院迎来专家团队'], header: ['2024-05-10 08:42:10', '最后更新: 2024-05-10 09:15:00'] }).published).toBe('2024-05-10T08:42');
    expect(get({ h1: ['县医院迎来专家团队'], header: ['最后更新: 2024-05-10 09:15:00 来源：示例日报'] }).published).toBe('2024-05-10T09:15');
    expect(get({ h1: ['县医院迎来专家团队'], header: ['发布时间：2024-05-10 08:42 更新时间：2024-05-11 10:00'] }).published).toBe('2024-05-10T08:42');
  });
  it('reads the publish-time metas and JSON-LD, not the modified time', () => {
    const metas: [string, string][] = [
      ['<meta property="article:modified_time" content="2024-06-01T10:00:00+08:00"><meta property="article:published_time" content="2024-05-10T08:42:00+08:00">', '2024-05-10T08:42'],
      ['<meta name="PubDate" content="2024-05-10 08:42">', '2024-05-10T08:42'],
      ['<meta name="pubdate" content="2024/05/10">', '2024-05-10'],
      ['<meta property="og:release_date" content="2024-05-10">', '2024-05-10'],
      ['<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2024-06-01","datePublished":"2024-05-10T00:42:00Z"}</script>', '2024-05-10T08:42'],
    ];
    for (const [head, want] of metas) expect(get({ head, h1: ['县医院迎来专家团队'] }).published, head).toBe(want);
  });
  it('reads a labelled date after the body', () => {
    expect(get({ h1: ['县医院迎来专家团队'], after: ['发布日期：2016-11-22 浏览次数：'] }).published).toBe('2016-11-22');
  });
  it('falls back to the URL', () => {
    expect(get({ h1: ['县医院迎来专家团队'] }, 'http://www.example.cn/n/2024-01/15/c_1.htm').published).toBe('2024-01-15');
    expect(get({ h1: ['县医院迎来专家团队'] }, 'http://www.example.cn/n/20240115/a.html').published).toBe('2024-01-15');
  });
});

describe('source', () => {
  it('reads every label', () => {
    for (const label of ['来源：', '来源:', '稿源：', '信息来源：', '本文来源：', '转载自：', '本文转自：', '出处：', '来源于：']) {
      expect(findSource([`${label}示例日报`]), label).toBe('示例日报');
    }
  });
  it('reads verb labels without a colon, only at the start of a line or after a space', () => {
    expect(findSource(['本文来源于示例统计局 2024-05-11 09:36:26'])).toBe('示例统计局');
    expect(findSource(['2024-05-11 转载自示例晚报'])).toBe('示例晚报');
    expect(findSource(['项目资金来源于省级财政'])).toBeNull();
  });
  it('skips placeholders that name no publisher', () => {
    expect(findSource(['2005-04-05 06:40更新 来源：转载文章'])).toBeNull();
    expect(findSource(['来源：网络'])).toBeNull();
  });
  it('prefers the reprint label to the site’s own 来源', () => {
    expect(findSource(['类别:国内 来源:示例看点', '本文转自:示例日报'])).toBe('示例日报');
  });
  it('strips what follows the name', () => {
    expect(cleanSource('示例日报 作者：张小明')).toBe('示例日报');
    expect(cleanSource('示例日报编辑：李小红')).toBe('示例日报');
    expect(cleanSource('[ 示例金融报 ]')).toBe('示例金融报');
    expect(cleanSource('示例网2024-01-15 10:20')).toBe('示例网');
    expect(cleanSource('示例网 | 字号 大 中 小')).toBe('示例网');
    expect(cleanSource('示例证券报·示例证券网(上海)')).toBe('示例证券报·示例证券网(上海)');
    expect(cleanSource('示例青年报分享到')).toBe('示例青年报');
  });
  it('reads the name beside the header date, not a channel before it', () => {
    expect(get({ h1: ['县医院迎来专家团队'], header: ['2024-05-09 22:30·示例社'] }).source).toBe('示例社');
    expect(get({ h1: ['县医院迎来专家团队'], header: ['2019年11月25日 18:57 示例消息'] }).source).toBe('示例消息');
    expect(get({ h1: ['县医院迎来专家团队'], header: ['2022-06-02 09:52:19示例观察 来自北京市'] }).source).toBe('示例观察');
    expect(get({ h1: ['县医院迎来专家团队'], header: ['http://www.example.net 2005年03月21日 11:21 《示例周刊》'] }).source).toBe('示例周刊');
    expect(get({ h1: ['县医院迎来专家团队'], header: ['示例频道示例号2019-09-23 07:48'] }).source).toBeNull();
  });
  it('reads a publisher line next to the date line', () => {
    expect(get({ h1: ['县医院迎来专家团队'], header: ['示例新闻网', '2024-05-20 13:09'] }).source).toBe('示例新闻网');
  });
  it('reads a writer/publisher credit line', () => {
    const a = get({ h1: ['县医院迎来专家团队'], header: ['王小明/示例青年报'] });
    expect(a.source).toBe('示例青年报');
    expect(a.author).toBe('王小明');
  });
  it('reads a credit in parentheses closing the body', () => {
    const a = get({ h1: ['县医院迎来专家团队'], first: `${P1}（本文来源：示例日报 作者：示例研究院研究员）` });
    expect(a.source).toBe('示例日报');
  });
  it('uses meta tags, and og:site_name only when nothing else names a source', () => {
    expect(get({ head: '<meta name="source" content="来源：示例网-文化频道 原创稿">', h1: ['县医院迎来专家团队'] }).source).toBe('示例网-文化频道');
    expect(get({ head: '<meta name="contentsource" content="示例日报">', h1: ['县医院迎来专家团队'] }).source).toBe('示例日报');
    const site = '<meta property="og:site_name" content="示例门户">';
    expect(get({ head: site, h1: ['县医院迎来专家团队'] }).source).toBe('示例门户');
    expect(get({ head: site, h1: ['县医院迎来专家团队'], header: ['来源：示例日报'] }).source).toBe('示例日报');
  });
});

describe('author', () => {
  it('reads reporter bylines and rejoins padded two-character names', () => {
    expect(findAuthor(['本报记者 王小文 方 敏'])).toBe('王小文 方敏');
    expect(findAuthor(['□示例日报记者 王 黛'])).toBe('王黛');
    expect(findAuthor(['示例社记者张一、李二、赵三'])).toBe('张一 李二 赵三');
    expect(findAuthor(['本报记者罗小盈发自北京'])).toBe('罗小盈');
    expect(findAuthor(['示例新闻·示例商报记者马小峰/文受访者供图'])).toBe('马小峰');
    expect(findAuthor(['示例青年报·示例网记者 魏小濛 来源：示例青年报'])).toBe('魏小濛');
  });
  it('reads labelled writers, with or without a role', () => {
    expect(findAuthor(['作者：宋小怡 杨小华'])).toBe('宋小怡 杨小华');
    expect(findAuthor(['文/栗小思'])).toBe('栗小思');
    expect(findAuthor(['文丨示例观察特约评论员 韩小涵'])).toBe('韩小涵');
    expect(findAuthor(['《示例周刊》作者 周小纯'])).toBe('周小纯');
    expect(findAuthor(['来源：示例网作者：李小山'])).toBe('李小山');
    expect(findAuthor(['发布时间：2024-03-05 09:30 来源：示例日报 作者：李明'])).toBe('李明');
    // A department signing after 作者： is kept whole.
    expect(findAuthor(['时间：2020/08/21　来源：示例医院　作者：党委宣传部　浏览次数：12'])).toBe('党委宣传部');
  });
  it('never takes the editor', () => {
    expect(findAuthor(['[作者: 刘小仓 责任编辑: 杨小宇 ]'])).toBe('刘小仓');
    expect(findAuthor(['责任编辑：杨小宇'])).toBeNull();
    expect(findAuthor(['编辑：杨小宇 审核：张小三'])).toBeNull();
  });
  it('is not fooled by an interview question or a compiler note', () => {
    expect(findAuthor(['记者：您好。'])).toBeNull();
    expect(cleanNames('陈小智 整合')).toBe('陈小智');
  });
  it('reads the dateline credit inside the first paragraph', () => {
    const a = get({ h1: ['县医院迎来专家团队'], first: `示例社乌鲁木齐5月9日电（记者邹小伟）${P1}` });
    expect(a.author).toBe('邹小伟');
    expect(get({ h1: ['县医院迎来专家团队'], first: `${P1}（记者 胡小蓉 王小丽）` }).author).toBe('胡小蓉 王小丽');
  });
  it('reads a bracketed name on the header date line', () => {
    const a = get({ h1: ['县医院迎来专家团队'], header: ['EXAMPLE.COM 2004年7月16日08:19 [ 黄小宇 ] 来源：[ 示例金融报 ]'] });
    expect(a.author).toBe('黄小宇');
    expect(a.source).toBe('示例金融报');
  });
  it('keeps a simplified page’s name characters that OpenCC would rewrite', () => {
    expect(get({ h1: ['县医院迎来专家团队'], header: ['记者 魏其濛'] }).author).toBe('魏其濛');
  });
});
