/** Chart data from lifeexp feeds the chart functions of src/charts (cross-module, real 2014 data). */
import { describe, expect, it } from 'vitest';
import { leGapByAgeChart, leGapByCauseChart } from '../../src/charts/leGap.js';
import { leDeprivationChart } from '../../src/charts/leDeprivation.js';
import { leComparePlace } from '../../src/lifeexp/place.js';
import { leGapByAgeRows, leGapByCauseRows, type LeDeprivationSeries } from '../../src/lifeexp/chartData.js';
import { leArriaga, leArriagaByCause } from '../../src/lifeexp/arriaga.js';
import { lifeTable } from '../../src/stats/lifeExpectancy.js';
import type { DeprivationSeries } from '../../src/charts/leDeprivation.js';

describe('lifeexp chart data → charts', () => {
  it('gap by age for Sandwell men: 20 bars adding up to the gap', () => {
    const [c] = leComparePlace('Sandwell', { year: 2014, sexes: ['Male'], decompose: true });
    const rows = leGapByAgeRows(c.decomposition!);
    const spec = leGapByAgeChart(rows, { areaName: 'Sandwell', groupLabel: 'Males', totalGap: c.decomposition!.gap });
    expect(spec.table.rows).toHaveLength(20);
    expect(spec.notes).toEqual([]); // no "contributions do not add up" note
    expect(spec.alt).toMatch(/England and Sandwell \(Males\) is \d\.\d years/);
  });

  it('gap by cause (hand example) and deprivation series types fit the chart inputs', () => {
    const a = lifeTable([10, 100], [1000, 5000], [0, 1]);
    const b = lifeTable([5, 80], [1000, 5000], [0, 1]);
    const d = leArriaga(a, b);
    const causes = leArriagaByCause(d, a, b, [
      { cause: 'Circulatory', area: [6, 70], comparator: [2, 50] },
      { cause: 'Cancer', area: [4, 30], comparator: [3, 30] },
    ]);
    const spec = leGapByCauseChart(leGapByCauseRows(causes), { areaName: 'Area', totalGap: d.gap });
    expect(spec.table.rows.length).toBeGreaterThanOrEqual(2);
    const series: LeDeprivationSeries[] = [
      {
        name: 'Male',
        points: [1, 2, 3, 4, 5].map((q) => ({ quantile: q, value: 75 + q, lower: 74 + q, upper: 76 + q, population: 1000 })),
        sii: { intercept: 75.5, slope: 5 },
      },
    ];
    const asChart: DeprivationSeries[] = series; // compile-time check: same shape
    expect(leDeprivationChart(asChart, { areaName: 'Area', quantileName: 'quintile' }).figure.data.length).toBe(2);
  });
});
