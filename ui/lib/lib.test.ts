// The pages' pure helpers, without a browser: routes, CSV, dates, regions, edge merging, network layout.
import { describe, expect, it } from 'vitest';
import { chooseView, clusterPositions } from '../pages/network.ts';
import { formatDate, formatNumber, kindLabel } from './format.ts';
import { mergeParallel } from './graph.ts';
import { provinceOf } from './regions.ts';
import { matchRoute } from './router.ts';
import { toCsv } from './table.ts';

describe('matchRoute', () => {
  it('maps paths to pages and decodes ids', () => {
    expect(matchRoute('/', '?q=x')).toMatchObject({ name: 'search' });
    expect(matchRoute('/search').name).toBe('search');
    expect(matchRoute('/entity/hospital%3A%E5%8C%97%E4%BA%AC').id).toBe('hospital:北京');
    expect(matchRoute('/article/a1').id).toBe('a1');
    expect(matchRoute('/network', '?kind=TRUSTEESHIP&kind=REMOTE').params.getAll('kind')).toEqual(['TRUSTEESHIP', 'REMOTE']);
    expect(matchRoute('/entity/%E0%A4%A').id).toBe('%E0%A4%A'); // malformed escapes stay as typed
    expect(matchRoute('/entity/a/b').name).toBe('notFound');
    expect(matchRoute('/nope').name).toBe('notFound');
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and newlines, starts with a BOM, ends lines with CRLF', () => {
    const csv = toCsv([{ label: '名称', cell: (r: { a: string; n: number }) => r.a }, { label: '数', cell: (r) => String(r.n), csv: (r) => r.n }], [
      { a: '床位,张', n: 1 },
      { a: '说"好"\n行', n: 2.5 },
    ]);
    expect(csv).toBe('\uFEFF名称,数\r\n"床位,张",1\r\n"说""好""\n行",2.5\r\n');
  });
});

describe('format', () => {
  it('writes dates the Chinese way at the precision given', () => {
    expect(formatDate('2024-02-27T08:52')).toBe('2024年2月27日');
    expect(formatDate('2024-02')).toBe('2024年2月');
    expect(formatDate('2024')).toBe('2024年');
    expect(formatDate(null)).toBe('日期不详');
  });
  it('labels kinds in either spelling and compacts large numbers on request', () => {
    expect(kindLabel('co-build')).toBe('共建');
    expect(kindLabel('CO_BUILD')).toBe('共建');
    expect(kindLabel(null)).toBe('未注明');
    expect(formatNumber(12000, true)).toBe('1.2万');
    expect(formatNumber(12000)).toBe('12,000');
  });
});

describe('provinceOf', () => {
  it('reads the province from any GB/T 2260 code', () => {
    expect(provinceOf('place:130602')).toEqual({ id: 'region:13', name: '河北' });
    expect(provinceOf('150000')).toEqual({ id: 'region:15', name: '内蒙古' });
    expect(provinceOf('place:990000')).toBeNull();
    expect(provinceOf('hospital:x')).toBeNull();
  });
});

describe('mergeParallel', () => {
  it('draws one edge per pair, labelled with every kind, directed only when all agree', () => {
    const merged = mergeParallel([
      { id: '1', source: 'a', target: 'b', kind: 'AGREEMENT', directed: true },
      { id: '2', source: 'a', target: 'b', kind: 'TRUSTEESHIP', directed: true },
      { id: '3', source: 'b', target: 'a', kind: 'TRUSTEESHIP', directed: true },
      { id: '4', source: 'a', target: 'c', kind: 'REMOTE', directed: true },
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ source: 'a', target: 'b', label: '签约合作、托管', directed: false });
    expect(merged[1]).toMatchObject({ source: 'a', target: 'c', label: '远程医疗', directed: true });
  });
});

describe('clusterPositions', () => {
  it('gives every institution its own spot, each region in its own box', () => {
    const groups = new Map([
      ['region:11', Array.from({ length: 14 }, (_, i) => `b${i}`)],
      ['region:13', Array.from({ length: 9 }, (_, i) => `h${i}`)],
      ['region:12', ['t0']],
    ]);
    const pos = clusterPositions(groups, 2);
    expect(pos.size).toBe(24);
    expect(new Set([...pos.values()].map((p) => `${p.x},${p.y}`)).size).toBe(24);
    const box = (ids: string[]) => {
      const ps = ids.map((id) => pos.get(id)!);
      return { x0: Math.min(...ps.map((p) => p.x)), x1: Math.max(...ps.map((p) => p.x)), y0: Math.min(...ps.map((p) => p.y)), y1: Math.max(...ps.map((p) => p.y)) };
    };
    const boxes = [...groups.values()].map(box);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        expect(a.x1 < b.x0 || b.x1 < a.x0 || a.y1 < b.y0 || b.y1 < a.y0).toBe(true);
      }
  });
});

describe('chooseView', () => {
  it('draws institutions while they are few, regions beyond, a list on a phone; a chosen view wins', () => {
    expect(chooseView('auto', 40, 1280)).toBe('institutions');
    expect(chooseView('auto', 400, 1280)).toBe('regions');
    expect(chooseView('auto', 400, 390)).toBe('list');
    expect(chooseView('auto', 40, 390)).toBe('institutions');
    expect(chooseView('institutions', 400, 390)).toBe('institutions');
  });
});
