import { describe, expect, it } from 'vitest';
import { deprivationRank, leDeprivationChart, siiEnds, type DeprivationPoint } from './leDeprivation.js';

// Hartlepool (E06000001) males by local deprivation decile: population, life expectancy and SE from
// PHEindicatormethods' LE_testdata.csv (tests/testthat, commit 093fd288). CI = LE ± 1.96·SE.
const raw: [number, number, number, number][] = [
  [1, 13837, 70.56313911, 1.133868862],
  [2, 14519, 72.61347473, 1.020288759],
  [3, 14940, 75.06710359, 1.108685178],
  [4, 14599, 75.20662276, 1.485618539],
  [5, 12311, 76.23469045, 1.311653285],
  [6, 13196, 75.21801932, 1.169033147],
  [7, 13335, 77.09240397, 1.306645801],
  [8, 13388, 79.84156222, 1.090905616],
  [9, 13685, 80.81329918, 0.979426096],
  [10, 11779, 82.73763832, 1.319452272],
];
const points: DeprivationPoint[] = raw.map(([q, pop, le, se]) => ({ quantile: q, population: pop, value: le, lower: le - 1.96 * se, upper: le + 1.96 * se }));

describe('deprivationRank', () => {
  it('places each decile at the midpoint of its cumulative population share', () => {
    const b = deprivationRank(points);
    const total = raw.reduce((s, r) => s + r[1], 0);
    expect(b[0]).toBeCloseTo(13837 / 2 / total, 12);
    expect(b[9]).toBeCloseTo(1 - 11779 / 2 / total, 12);
  });
  it('uses equal shares when populations are missing, whatever the input order', () => {
    expect(
      deprivationRank([
        { quantile: 2, value: 1 },
        { quantile: 1, value: 1 },
      ]),
    ).toEqual([0.75, 0.25]);
  });
});

describe('leDeprivationChart', () => {
  const sii = { intercept: 70.5, slope: 11.2 };
  const spec = leDeprivationChart([{ name: 'Male', points, sii }], { areaName: 'Hartlepool' });
  it('has a marker trace with asymmetric error bars and an SII line from b = 0 to b = 1', () => {
    expect(spec.figure.data).toHaveLength(2);
    const e = spec.figure.data[0].error_y as { array: number[]; arrayminus: number[] };
    expect(e.array[0]).toBeCloseTo(1.96 * 1.133868862, 6);
    expect(spec.figure.data[1].x).toEqual([0, 1]);
    expect(spec.figure.data[1].y).toEqual([70.5, 81.7]);
  });
  it('accepts the SII as two end values', () => {
    expect(siiEnds({ mostDeprived: 70.5, leastDeprived: 81.7 }).slope).toBeCloseTo(11.2, 12);
  });
  it('text alternative gives the two ends and the SII; table has one row per decile', () => {
    expect(spec.alt).toContain('70.6 years in decile 1 (most deprived) and 82.7 in decile 10 (least deprived)');
    expect(spec.alt).toContain('slope index of inequality 11.2 years');
    expect(spec.table.rows).toHaveLength(10);
    expect(spec.table.rows[0].slice(0, 6)).toEqual(['Male', 1, 70.6, 68.3, 72.8, 13837]);
  });
});

describe('leDeprivationChart labels', () => {
  const spec = leDeprivationChart([{ name: 'Male', points: [1, 2, 3].map((q) => ({ quantile: q, value: 70 + q, lower: 69 + q, upper: 71 + q })) }], {
    areaName: 'X',
    subtitle: 'Sub',
  });
  it('says which end is most deprived under the axis, not in the title area (no annotation above the plot)', () => {
    expect(spec.figure.layout.annotations).toBeUndefined();
    expect((spec.figure.layout.xaxis as { ticktext: string[] }).ticktext).toEqual(['1<br>most<br>deprived', '2', '3<br>least<br>deprived']);
    expect(spec.breakpoints?.[0].layout).toMatchObject({ xaxis: { tickangle: 0, ticktext: ['1', '2', '3'] } });
    expect(spec.subtitle).toBe('Sub');
  });
});
