// Pure helpers of the research and policy tools, without a browser: label shortening, GraphML and CSV/RIS
// exports, Chinese error messages, the year series, saved-search names.
import { describe, expect, it } from 'vitest';
import { searchCsv, searchRis, type ExportHit } from './export.ts';
import { publisher } from './format.ts';
import { shortLabels } from './graph.ts';
import { networkCsv, toGraphML } from './graph-export.ts';
import { yearSeries } from './histogram.ts';
import { chineseMessage } from './messages.ts';
import { matchRoute } from './router.ts';
import { suggestName } from './save-search.ts';

describe('shortLabels', () => {
  it('drops a long prefix several names share, so the names stay distinguishable', () => {
    const names = ['首都医科大学附属北京朝阳医院', '首都医科大学附属北京天坛医院', '首都医科大学附属北京儿童医院', '北京大学人民医院', '北京大学第一医院', '赤峰市医院'];
    const short = shortLabels(names);
    expect(short.get('首都医科大学附属北京朝阳医院')).toBe('…朝阳医院');
    expect(short.get('首都医科大学附属北京天坛医院')).toBe('…天坛医院');
    // A short shared prefix (北京大学, 4 characters) is kept: cutting it would lose too much.
    expect(short.get('北京大学人民医院')).toBe('北京大学人民医院');
    expect(short.get('赤峰市医院')).toBe('赤峰市医院');
    expect(new Set(short.values()).size).toBe(names.length);
  });
  it('leaves a name alone when no other shares its prefix', () => {
    expect(shortLabels(['首都医科大学附属北京朝阳医院']).get('首都医科大学附属北京朝阳医院')).toBe('首都医科大学附属北京朝阳医院');
  });
});

describe('network exports', () => {
  const nodes = [
    { id: 'hospital:a', label: 'A<医院>', type: 'HOSPITAL', weight: 3 },
    { id: 'hospital:b', label: 'B "医院"', type: 'HOSPITAL' },
    { id: 'region:11', label: '北京', type: 'REGION' },
  ];
  const edges = [{ id: 'e0', source: 'hospital:a', target: 'hospital:b', kind: 'TRUSTEESHIP', directed: true, label: '', date: '2019-06', evidence: '=A托管B，"全面"合作', article: { articleId: 'a1', title: '标题' } }];
  it('writes GraphML with escaped text, region boxes left out', () => {
    const xml = toGraphML(nodes, edges);
    expect(xml).toContain('<node id="hospital:a"><data key="label">A&lt;医院&gt;</data><data key="type">医院</data><data key="articles">3</data></node>');
    expect(xml).toContain('<edge id="e0" source="hospital:a" target="hospital:b" directed="true"><data key="kind">托管</data><data key="date">2019-06</data><data key="evidence">=A托管B，&quot;全面&quot;合作</data><data key="article">标题</data></edge>');
    expect(xml).not.toContain('region:11');
  });
  it('writes the network table as CSV with a formula guard', () => {
    expect(networkCsv(nodes, edges)).toBe('\uFEFF一方,另一方,方式,日期,原句,出处\r\nA<医院>,"B ""医院""",托管,2019-06,"\'=A托管B，""全面""合作",标题\r\n');
  });
});

describe('search exports', () => {
  const hits: ExportHit[] = [
    { articleId: 'a1', title: '北京儿童医院托管保定市儿童医院', published: '2015-06-12', source: '保定日报', url: 'http://x.cn/1', passages: ['正式<mark>托管</mark>，&quot;整体&quot;'], copies: [{}] },
    { articleId: 'a2', title: '无日期', published: null, source: null, url: null, passages: [], copies: [] },
  ];
  it('CSV: Chinese header, one row per hit, passages as plain text', () => {
    const lines = searchCsv(hits, 'http://127.0.0.1:1').split('\r\n');
    expect(lines[0]).toBe('\uFEFF序号,标题,发布日期,来源,原文链接,本站链接,转载数,摘要');
    expect(lines[1]).toBe('1,北京儿童医院托管保定市儿童医院,2015-06-12,保定日报,http://x.cn/1,http://127.0.0.1:1/article/a1,1,"正式托管，""整体"""');
    expect(lines[2]).toBe('2,无日期,,,,http://127.0.0.1:1/article/a2,0,');
  });
  it('RIS: one NEWS record per hit, missing fields left out, our page as the link when there is no URL', () => {
    const ris = searchRis(hits, 'http://h');
    expect(ris).toBe(
      'TY  - NEWS\r\nTI  - 北京儿童医院托管保定市儿童医院\r\nPY  - 2015\r\nDA  - 2015/06/12\r\nPB  - 保定日报\r\nUR  - http://x.cn/1\r\nAB  - 正式托管，"整体"\r\nN1  - 另有 1 处转载\r\nER  - \r\n\r\n' +
        'TY  - NEWS\r\nTI  - 无日期\r\nUR  - http://h/article/a2\r\nER  - \r\n',
    );
  });
});

describe('chineseMessage', () => {
  it('translates the API messages a reader meets', () => {
    expect(chineseMessage('query: queries are at most 500 characters')).toBe('检索词最多 500 个字符，请缩短。');
    expect(chineseMessage('OR needs something to search on both sides (character 1)')).toBe('OR 的两边都需要检索词（第 1 个字符处）。');
    expect(chineseMessage('filters: from 2024 is after to 2020')).toBe('起始日期 2024 晚于截止日期 2020。');
    expect(chineseMessage('a saved search named "x" exists')).toBe('已有名为“x”的订阅。');
  });
  it('keeps an unknown message after a Chinese lead', () => {
    expect(chineseMessage('something new')).toBe('服务器返回：something new');
  });
});

describe('small helpers', () => {
  it('fills the years without hits between the first and the last', () => {
    expect(yearSeries([{ key: '2019', count: 2 }, { key: '2016', count: 1 }, { key: 'x', count: 9 }])).toEqual([
      { year: '2016', count: 1 }, { year: '2017', count: 0 }, { year: '2018', count: 0 }, { year: '2019', count: 2 },
    ]);
    expect(yearSeries([])).toEqual([]);
  });
  it('suggests a saved-search name the server accepts', () => {
    const none = { source: null, places: null, institutions: null, kinds: null, from: null, to: null };
    expect(suggestName('京津冀 "远程会诊"', none)).toBe('京津冀_远程会诊');
    expect(suggestName('', { ...none, places: ['河北省'], from: '2020' })).toBe('河北省_2020');
    expect(suggestName('***', none)).toBe('我的订阅');
  });
  it('names the site of a URL and routes the new pages', () => {
    expect(publisher('http://www.hebnews.cn/a')).toBe('hebnews.cn');
    expect(publisher('not a url')).toBeNull();
    expect(matchRoute('/saved').name).toBe('saved');
    expect(matchRoute('/path', '?from=a&to=b').params.get('to')).toBe('b');
  });
});
