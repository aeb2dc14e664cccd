import { describe, expect, it } from 'vitest';
import { foldWidth, normalizeText, stripPinyin } from './normalize.ts';

describe('normalizeText', () => {
  it('removes pinyin annotations and converts to simplified', () => {
    expect(normalizeText('京津冀協(xié)同發(fā)展')).toBe('京津冀协同发展');
    expect(normalizeText('社會(huì )醫療服務(wù)')).toBe('社会医疗服务');
  });
  it('keeps parenthesised abbreviations and numbers', () => {
    expect(stripPinyin('重症监护室(ICU)和急诊(120)')).toBe('重症监护室(ICU)和急诊(120)');
  });
  it('folds full-width ASCII and keeps paragraph breaks', () => {
    expect(foldWidth('ＡＢＣ１２３，（备注）')).toBe('ABC123,(备注)');
    expect(normalizeText('第一段，醫院\n第二段')).toBe('第一段,医院\n第二段');
  });
});
