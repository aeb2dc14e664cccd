// Dates in a sentence, resolved against the publish date (今年4月 → 2024-04).

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO date, year-month or year stated in a sentence, or null; `published` anchors 今年, 去年 and bare months. */
export function sentenceDate(text: string, published: string | null): string | null {
  const pubYear = published ? Number(published.slice(0, 4)) : NaN;
  const full = /(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/u.exec(text);
  if (full) return full[3] ? `${full[1]}-${pad(+full[2])}-${pad(+full[3])}` : `${full[1]}-${pad(+full[2])}`;
  const rel = /(今年|去年|前年|明年)(?:(\d{1,2})月(?:(\d{1,2})日)?)?/u.exec(text);
  if (rel && Number.isFinite(pubYear)) {
    const y = pubYear + ({ 今年: 0, 去年: -1, 前年: -2, 明年: 1 } as Record<string, number>)[rel[1]];
    if (rel[3]) return `${y}-${pad(+rel[2])}-${pad(+rel[3])}`;
    return rel[2] ? `${y}-${pad(+rel[2])}` : String(y);
  }
  const year = /(?<!\d)((?:19|20)\d{2})年/u.exec(text);
  if (year) return year[1];
  const md = /(?<!\d)(\d{1,2})月(\d{1,2})日/u.exec(text);
  if (md && Number.isFinite(pubYear)) return `${pubYear}-${pad(+md[1])}-${pad(+md[2])}`;
  const m = /(?<![\d年])(\d{1,2})月/u.exec(text);
  if (m && Number.isFinite(pubYear) && +m[1] >= 1 && +m[1] <= 12) return `${pubYear}-${pad(+m[1])}`;
  return null;
}

/** 下一步…将…: a stated plan, dated by nothing. */
export function isPlan(text: string): boolean {
  return /下一步|将继续|将加强|将与|计划于|拟|预计|力争|希望/u.test(text);
}
