// Text dumps as real pages come: a list closing the story, channel tags before the headline.
import { describe, expect, it } from 'vitest';
import { extractArticle } from './index.ts';
import { isNoArticle, type Article } from '../types.ts';

const article = (text: string): Article => {
  const r = extractArticle({ text, url: null });
  if (isNoArticle(r)) throw new Error(r.reason);
  return r;
};

const PROSE = '2023年6月,国家发展改革委和国家卫生健康委公布新一批国家区域医疗中心项目,山西省共有4个项目入选,覆盖儿科、骨科、神经和心血管等专科,建成后将明显提升全省的医疗服务能力。';

describe('text dumps', () => {
  it('keeps a list announced by the last paragraph, and stops at the furniture after it', () => {
    const lines = ['北京儿童医院山西医院(依托山西省儿童医院):儿科', '北京积水潭医院晋中医院(依托晋中市第一人民医院):骨科', '北京天坛医院大同医院(依托大同市第三人民医院):神经', '北京安贞医院长治医院(依托长治市人民医院):心血管'];
    const a = article(['山西4个国家区域医疗中心项目入选', '', `${PROSE}4个项目分别为:`, ...lines, '', '责任编辑:王明', '相关新闻'].join('\n'));
    expect(a.body.split('\n').slice(1)).toEqual(lines);
  });

  it('drops a channel tag before the headline of a text dump', () => {
    expect(article(`【深度】山西新添4个国家区域医疗中心\n\n${PROSE}`).title).toBe('山西新添4个国家区域医疗中心');
    expect(article(`经验交流 | 山西新添4个国家区域医疗中心\n\n${PROSE}`).title).toBe('山西新添4个国家区域医疗中心');
  });
});
