// Hostile input: no crash, nothing invented, rejections counted, clear errors for what cannot be read.
import { describe, expect, it } from 'vitest';
import { extractKnowledge, KnowledgeInputError } from '../index.ts';
import { run } from './helpers.ts';

describe('bad input', () => {
  it('handles 100,000 characters without punctuation', () => {
    const body = '医院合作发展'.repeat(16_667).slice(0, 100_000);
    const k = run(body);
    expect(k.sentences.length).toBeGreaterThan(100); // cut into bounded windows
    expect(k.sentences.join('')).toBe(body);
    expect(k.entities).toEqual([]);
    expect(k.figures).toEqual([]);
  });

  it('does not invent a figure from a 40-digit number, and counts the rejection', () => {
    const k = run(`编号${'1234567890'.repeat(4)}人次的记录无效。`);
    expect(k.figures).toEqual([]);
    expect(k.rejected['figure-number-too-long']).toBe(1);
  });

  it('reads mixed scripts and emoji without breaking offsets', () => {
    const body = '🎉 Hello世界!😀\n2024年,Peking Union与北京协和医院 👍 开展MDT合作,服务患者500人次🏥。';
    const k = run(body);
    for (const e of k.entities) for (const m of e.mentions) expect(body.slice(m.start, m.end).length).toBe(m.end - m.start);
    const fig = k.figures.find((f) => f.unit === '人次');
    expect(fig?.value).toBe(500);
    expect(body.slice(fig!.provenance.start, fig!.provenance.end)).toBe('500人次');
    const hospital = k.entities.find((e) => e.type === 'hospital');
    expect(body.slice(hospital!.mentions[0].start, hospital!.mentions[0].end)).toBe('北京协和医院');
  });

  it('never splits a surrogate pair when cutting a long sentence into windows', () => {
    const body = `${'甲'.repeat(599)}😀${'乙'.repeat(700)}`;
    const k = run(body);
    expect(k.sentences.join('')).toBe(body);
    for (const s of k.sentences) expect(s).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/u);
  });

  it('returns empty knowledge for an empty or blank body', () => {
    for (const body of ['', '   \n\n  ']) {
      const k = run(body);
      expect(k.entities).toEqual([]);
      expect(k.relations).toEqual([]);
    }
  });

  it('refuses a body that is not a string, or longer than allowed, with a coded error', () => {
    expect(() => extractKnowledge({ body: 42 as unknown as string, published: null })).toThrow(KnowledgeInputError);
    try {
      extractKnowledge({ body: 'x'.repeat(20), published: null }, { maxBodyChars: 10 });
      expect.unreachable();
    } catch (e) {
      expect((e as KnowledgeInputError).code).toBe('KNOWLEDGE_INPUT_INVALID');
    }
  });

  it('refuses unknown options', () => {
    expect(() => extractKnowledge({ body: '', published: null }, { bogus: 1 } as never)).toThrow();
  });

  it('accepts a missing or malformed publish date without dating relative dates', () => {
    const k = run('今年3月,保定市第一中心医院与北京天坛医院签约。', null);
    expect(k.relations.find((r) => r.type === 'collaboration')?.date).toBeNull();
  });
});
