// Report figures on original fixtures through the real pipeline and embedded graph: a reprint counts once, plans are
// not added to what exists, rates are never summed, parts are not added to their totals, a branch's figures are
// counted where the branch is; and the report-honesty rule on the fixtures and the bundled demo archive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureAggregate } from './port.ts';
import { loadDemo } from '../cli/commands/demo.ts';
import { openServices, type Services } from '../pipeline/index.ts';
import { ALL, loadFixtures, type Loaded } from '../test/resolution-fixtures.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let fx: Loaded;
beforeAll(async () => { fx = await loadFixtures(ALL); }, 60_000);
afterAll(async () => { await fx?.close(); });

const row = (a: FigureAggregate) => [a.metric, a.place, a.year, a.status, a.sum, a.count];

/** Every aggregate equals the sum over its distinct contributing facts, and no figure is counted twice. */
function expectHonest(aggs: FigureAggregate[]): void {
  for (const a of aggs) {
    expect(a.sum).toBeCloseTo(a.facts.reduce((s, f) => s + f.value, 0), 6);
    expect(a.count).toBe(a.facts.length);
    expect(a.figureIds).toEqual(a.facts.map((f) => f.figureId).sort());
    const subjects = a.facts.map((f) => f.subjectId ?? f.figureId);
    if (a.additive) expect(new Set(subjects).size).toBe(subjects.length); // one fact per subject
    else expect(a.facts).toHaveLength(1); // a rate is never a sum
    // each figure is counted once or left out with a reason, never both; repeats of a counted value are left out as SAME_FACT
    const counted = new Set(a.facts.map((f) => f.figureId));
    const left = new Map(a.leftOut.map((l) => [l.figureId, l.code]));
    for (const id of left.keys()) expect(counted.has(id)).toBe(false);
    for (const f of a.facts) for (const id of f.figureIds) if (id !== f.figureId) expect(left.get(id)).toBe('SAME_FACT');
    for (const l of a.leftOut) expect(l.reason.length).toBeGreaterThan(10);
  }
}

describe('figure aggregates', () => {
  it('counts a fact stated in an article and its reprint once (保定 beds in 2015 = 400)', async () => {
    const [beds] = await fx.services.graph.aggregateFigures({ metric: '床位', place: '保定市', year: 2015, groupBy: ['metric', 'place', 'year'] });
    expect(row(beds)).toEqual(['床位', '保定市', 2015, 'existing', 400, 1]);
    expect(beds.facts[0].figureIds).toHaveLength(2); // the original and the reprint, one fact
    expect(beds.leftOut.map((l) => l.code)).toEqual(['SAME_FACT']);
  });

  it('does not add a plan to what exists (300 open, 500 planned)', async () => {
    const rows = await fx.services.graph.aggregateFigures({ metric: '床位', place: '容城县', groupBy: ['metric', 'place', 'year'] });
    expect(rows.map(row)).toEqual([['床位', '容城县', 2023, 'existing', 300, 1], ['床位', '容城县', 2023, 'planned', 500, 1]]);
  });

  it('never sums a percentage: one row per subject and value, reprints collapsed', async () => {
    const rows = await fx.services.graph.aggregateFigures({ groupBy: ['metric', 'place', 'year'] });
    const rates = rows.filter((a) => !a.additive);
    expect(rates.map((a) => [a.metric, a.subjectName, a.sum, a.unit])).toEqual([
      ['占比', '乌兰察布市中心医院', 45, '%'], ['增长率', '乌兰察布市中心医院', 30, '%'], ['时长', '北京朝阳医院', 2, '天'], // 北京专家每周…两天: per unit, said of the experts' hospital
    ]);
    expect(rates.filter((a) => a.unit === '%').every((a) => a.leftOut.length === 1 && a.leftOut[0].code === 'SAME_FACT')).toBe(true);
  });

  it('does not add a part to its total (5 new members of 40)', async () => {
    const [orgs] = await fx.services.graph.aggregateFigures({ metric: '医疗机构', groupBy: ['metric', 'year'] });
    expect([orgs.sum, orgs.count]).toEqual([40, 1]);
    expect(orgs.leftOut.map((l) => [l.code, l.countedAs])).toEqual([['PART_OF_TOTAL', orgs.facts[0].figureId]]);
  });

  it("counts a branch's beds where the branch is, from the graph (北京大学肿瘤医院内蒙古医院 → 内蒙古)", async () => {
    const rows = await fx.services.graph.aggregateFigures({ metric: '床位', groupBy: ['place'] });
    const inner = rows.find((a) => a.facts.some((f) => f.subjectName === '北京大学肿瘤医院内蒙古医院'));
    expect(inner).toMatchObject({ place: '内蒙古自治区', status: 'planned', sum: 1200 });
    expect(await fx.services.graph.aggregateFigures({ metric: '床位', place: '北京市' })).toEqual([]);
  });

  it('every aggregate of the fixtures equals the sum over its distinct facts', async () => {
    for (const groupBy of [['metric'], ['metric', 'place', 'year'], ['metric', 'institution'], ['place']] as const) {
      expectHonest(await fx.services.graph.aggregateFigures({ groupBy: [...groupBy] }));
    }
  });
});

describe('report honesty on the demo archive', () => {
  let dir: string;
  let services: Services;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kg-demo-figures-'));
    services = await openServices({ dataDir: dir, env: {} });
    await loadDemo(services, true);
  }, 120_000);
  afterAll(async () => {
    await services?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('保定市 beds in 2015 equal the article (400); no percentage is summed; every aggregate is its facts summed', async () => {
    const [beds] = await services.graph.aggregateFigures({ metric: '床位', place: '保定市', year: 2015, groupBy: ['metric', 'place', 'year'] });
    expect([beds.sum, beds.status]).toEqual([400, 'existing']);
    const all = await services.graph.aggregateFigures({ groupBy: ['metric', 'place', 'year'] });
    for (const a of all) if (a.unit === '%' || a.unit === '成' || a.metric === '占比') expect(a.facts).toHaveLength(1);
    expectHonest(all);
    expectHonest(await services.graph.aggregateFigures({ groupBy: ['metric'] }));
  });
});
