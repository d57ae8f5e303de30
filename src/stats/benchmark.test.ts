import { describe, it, expect } from 'vitest';
import * as aq from 'arquero';
import { readTypedCsv } from '../io/csv.js';
import { dataPath } from '../io/paths.js';
import { ppois } from './distributions.js';
import {
  compareToBenchmark,
  normalisePolarity,
  normaliseComparatorMethod,
  spcProportionLimits,
  spcPoissonLimits,
  fingertipsQuantileBounds,
  fingertipsQuantileCategory,
} from './benchmark.js';

describe('normalisePolarity / normaliseComparatorMethod', () => {
  it('accepts names, Fingertips IDs, Fingertips/PHEim text and PHEim invert logicals', () => {
    expect(normalisePolarity('high-is-good')).toBe('high-is-good');
    expect(normalisePolarity(1)).toBe('high-is-good');
    expect(normalisePolarity(0)).toBe('low-is-good');
    expect(normalisePolarity(99)).toBe('no-judgement');
    expect(normalisePolarity(-1)).toBe('not-applicable');
    expect(normalisePolarity('RAG - Low is good')).toBe('low-is-good');
    expect(normalisePolarity('RAG - High is good')).toBe('high-is-good');
    expect(normalisePolarity('BOB - Blue orange blue')).toBe('no-judgement');
    expect(normalisePolarity('No judgement')).toBe('no-judgement');
    expect(normalisePolarity('TRUE')).toBe('low-is-good');
    expect(normalisePolarity(false)).toBe('high-is-good');
    expect(() => normalisePolarity('sideways')).toThrow(/unknown polarity "sideways"/);
  });
  it('accepts comparator IDs and names', () => {
    expect(normaliseComparatorMethod(1)).toBe(1);
    expect(normaliseComparatorMethod('ci-95-99.8')).toBe(17);
    expect(normaliseComparatorMethod('quintiles')).toBe(15);
    expect(normaliseComparatorMethod('16')).toBe(16);
    expect(() => normaliseComparatorMethod(7)).toThrow(/unknown comparator method "7"/);
  });
});

describe('method 1: benchmark inside the area 95% CI (inclusive)', () => {
  const area = { value: 10, lower95: 8, upper95: 12 };
  it('Similar when the benchmark is inside or on a limit', () => {
    for (const b of [8, 10, 12]) {
      expect(compareToBenchmark(area, b, { polarity: 'high-is-good' })).toEqual({ label: 'Similar', significanceCode: 0, direction: 0, category: null });
    }
  });
  it('direction and polarity: RAG Better/Worse, BOB Higher/Lower', () => {
    // benchmark just above the upper limit: the area is significantly lower
    expect(compareToBenchmark(area, 12.0001, { polarity: 'high-is-good' })).toEqual({ label: 'Worse', significanceCode: -1, direction: -1, category: null });
    expect(compareToBenchmark(area, 12.0001, { polarity: 'low-is-good' })).toEqual({ label: 'Better', significanceCode: 1, direction: -1, category: null });
    expect(compareToBenchmark(area, 12.0001, { polarity: 'no-judgement' })).toEqual({ label: 'Lower', significanceCode: -1, direction: -1, category: null });
    expect(compareToBenchmark(area, 7.9, { polarity: 1 }).label).toBe('Better');
    expect(compareToBenchmark(area, 7.9, { polarity: 0 }).label).toBe('Worse');
    expect(compareToBenchmark(area, 7.9, { polarity: 99 }).label).toBe('Higher');
    expect(compareToBenchmark(area, 7.9).label).toBe('Higher'); // default no judgement
  });
  it('Not compared when a value, limit or the benchmark is missing, or polarity is not applicable', () => {
    const nc = { label: 'Not compared', significanceCode: null, direction: null, category: null };
    expect(compareToBenchmark({ value: null, lower95: 8, upper95: 12 }, 9)).toEqual(nc);
    expect(compareToBenchmark({ value: 10, lower95: null, upper95: 12 }, 9)).toEqual(nc);
    expect(compareToBenchmark({ value: 10, upper95: 12 }, 9)).toEqual(nc);
    expect(compareToBenchmark(area, null)).toEqual(nc);
    expect(compareToBenchmark(area, 20, { polarity: -1 })).toEqual(nc);
    expect(compareToBenchmark(area, 20, { method: 'none', polarity: 1 })).toEqual(nc);
  });
});

describe('method 17: 95% and 99.8% limits', () => {
  const area = { value: 10, lower95: 8, upper95: 12, lower998: 7, upper998: 13 };
  const cmp = (b: number, polarity: 'high-is-good' | 'low-is-good' | 'no-judgement') => compareToBenchmark(area, b, { method: 17, polarity });
  it('Similar inside the 95% CI (inclusive)', () => {
    expect(cmp(12, 'high-is-good').label).toBe('Similar');
    expect(cmp(8, 'high-is-good').label).toBe('Similar');
  });
  it('outside 95% but inside 99.8% (inclusive): Better/Worse, code ±1', () => {
    expect(cmp(12.5, 'high-is-good')).toEqual({ label: 'Worse', significanceCode: -1, direction: -1, category: null });
    expect(cmp(13, 'high-is-good').label).toBe('Worse');
    expect(cmp(7.5, 'high-is-good')).toEqual({ label: 'Better', significanceCode: 1, direction: 1, category: null });
    expect(cmp(7, 'low-is-good').label).toBe('Worse');
  });
  it('outside 99.8%: Best/Worst (RAG), Highest/Lowest (no judgement), code ±2', () => {
    expect(cmp(13.5, 'high-is-good')).toEqual({ label: 'Worst', significanceCode: -2, direction: -1, category: null });
    expect(cmp(13.5, 'low-is-good')).toEqual({ label: 'Best', significanceCode: 2, direction: -1, category: null });
    expect(cmp(6, 'high-is-good')).toEqual({ label: 'Best', significanceCode: 2, direction: 1, category: null });
    expect(cmp(6, 'no-judgement')).toEqual({ label: 'Highest', significanceCode: 2, direction: 1, category: null });
    expect(cmp(13.5, 'no-judgement').label).toBe('Lowest');
  });
  it('needs both levels', () => {
    expect(compareToBenchmark({ value: 10, lower95: 8, upper95: 12 }, 20, { method: 17 }).label).toBe('Not compared');
  });
});

describe('method 12: double overlapping 95% CIs', () => {
  const area = { value: 10, lower95: 8, upper95: 12 };
  it('overlap (touching counts) → Similar; otherwise by direction', () => {
    expect(compareToBenchmark(area, { value: 13, lower95: 11.5, upper95: 14.5 }, { method: 12 }).label).toBe('Similar');
    expect(compareToBenchmark(area, { value: 13, lower95: 12, upper95: 14.5 }, { method: 12 }).label).toBe('Similar');
    expect(compareToBenchmark(area, { value: 13, lower95: 12.5, upper95: 14 }, { method: 12, polarity: 'high-is-good' })).toEqual({
      label: 'Worse',
      significanceCode: -1,
      direction: -1,
      category: null,
    });
    expect(compareToBenchmark(area, { value: 6, lower95: 5, upper95: 7.9 }, { method: 12, polarity: 'low-is-good' }).label).toBe('Worse');
  });
  it('needs the benchmark limits', () => {
    expect(compareToBenchmark(area, 30, { method: 12 }).label).toBe('Not compared');
  });
});

describe('method 5: SPC control limits for proportions', () => {
  it('limits around p0 at the area denominator (hand-worked: p0 0.2, N 1000)', () => {
    // (2E + z² ∓ z√(z² + 4E(1 − E/N))) / (2(N + z²)), E = 200, z = 1.959964 → 0.17637709, 0.22591896
    const l95 = spcProportionLimits(0.2, 1000, 0.95);
    expect(l95.lower).toBeCloseTo(0.1763770904431985, 12);
    expect(l95.upper).toBeCloseTo(0.22591896464813457, 12);
    const l998 = spcProportionLimits(0.2, 1000, 0.998);
    expect(l998.lower).toBeCloseTo(0.163831023006643, 12);
    expect(l998.upper).toBeCloseTo(0.2418444998092261, 12);
  });
  it('classifies percentages (unit 100) against the benchmark', () => {
    const o = { method: 5, polarity: 'high-is-good' } as const;
    expect(compareToBenchmark({ value: 23, denominator: 1000 }, 20, o).label).toBe('Better');
    expect(compareToBenchmark({ value: 22.5, denominator: 1000 }, 20, o).label).toBe('Similar');
    expect(compareToBenchmark({ value: 17.5, denominator: 1000 }, 20, o).label).toBe('Worse');
    // at 99.8% 23% is inside the limits
    expect(compareToBenchmark({ value: 23, denominator: 1000 }, 20, { ...o, confidence: 0.998 }).label).toBe('Similar');
    // proportions as fractions: multiplier 1
    expect(compareToBenchmark({ value: 0.23, denominator: 1000 }, 0.2, { ...o, multiplier: 1 }).label).toBe('Better');
    expect(compareToBenchmark({ value: 23 }, 20, o).label).toBe('Not compared');
  });
});

describe('method 6: SPC control limits for DSRs (Poisson on E = benchmark × denominator / unit)', () => {
  it('limits for an integer E are the exact Poisson limits', () => {
    const l = spcPoissonLimits(10, 0.025);
    expect(l.lower).toBeCloseTo(4.7953886961324335, 10);
    expect(l.upper).toBeCloseTo(18.39035604201778, 10);
  });
  it('a non-integer E uses P(X ≥ ⌈E⌉) and P(X ≤ ⌊E⌋) as Fingertips PoisLow/PoisHigh do', () => {
    const l = spcPoissonLimits(10.5, 0.025);
    expect(1 - ppois(10, l.lower)).toBeCloseTo(0.025, 10); // P(X ≥ 11 | λL) = p
    expect(ppois(10, l.upper)).toBeCloseTo(0.025, 10); // P(X ≤ 10 | λU) = p
    expect(spcPoissonLimits(0.4, 0.025).lower).toBeCloseTo(0.025 * 0 + -Math.log(1 - 0.025), 10); // P(X ≥ 1) = 1 − e^−λ = p
    expect(spcPoissonLimits(0, 0.025).lower).toBe(0);
  });
  it('classifies: benchmark 100 per 100,000, denominator 10,000 → E 10, limits 47.95 to 183.90', () => {
    const o = { method: 6, polarity: 'low-is-good' } as const;
    expect(compareToBenchmark({ value: 190, denominator: 10000 }, 100, o)).toEqual({ label: 'Worse', significanceCode: -1, direction: 1, category: null });
    expect(compareToBenchmark({ value: 183, denominator: 10000 }, 100, o).label).toBe('Similar');
    expect(compareToBenchmark({ value: 47.9, denominator: 10000 }, 100, o).label).toBe('Better');
    expect(compareToBenchmark({ value: 48, denominator: 10000 }, 100, o).label).toBe('Similar');
    expect(compareToBenchmark({ value: 0.19, denominator: 10000 }, 0.1, { ...o, multiplier: 100 }).label).toBe('Worse');
  });
});

describe('methods 15/16: quintiles and quartiles (Fingertips PERCENTILE.INC bounds)', () => {
  const ten = [3, 1, 2, 4, 5, 6, 7, 8, 9, 10];
  it('bounds: min, interpolated percentiles, max', () => {
    expect(fingertipsQuantileBounds(ten, 5)).toEqual([1, 2.8, 4.6, 6.4, 8.2, 10]);
    expect(fingertipsQuantileBounds(ten, 4)).toEqual([1, 3.25, 5.5, 7.75, 10]);
    expect(fingertipsQuantileBounds([1, 2, 3, 4, null, NaN], 4)).toEqual([1, 1.75, 2.5, 3.25, 4]);
    expect(fingertipsQuantileBounds([1, 2, 3, 4], 5)).toBeNull(); // quintiles need 5 values
    expect(fingertipsQuantileBounds([1, 2, 3], 4)).toBeNull();
  });
  it('category is the first bound ≥ the value', () => {
    const b = fingertipsQuantileBounds(ten, 5)!;
    expect(fingertipsQuantileCategory(1, b)).toBe(1);
    expect(fingertipsQuantileCategory(2.8, b)).toBe(1);
    expect(fingertipsQuantileCategory(2.9, b)).toBe(2);
    expect(fingertipsQuantileCategory(6.4, b)).toBe(3);
    expect(fingertipsQuantileCategory(10, b)).toBe(5);
    expect(fingertipsQuantileCategory(null, b)).toBeNull();
  });
  it('labels by value (as the export) and significance by polarity', () => {
    expect(compareToBenchmark({ value: 10 }, null, { method: 15, values: ten, polarity: 'high-is-good' })).toEqual({
      label: 'Highest quintile',
      significanceCode: 2,
      direction: null,
      category: 5,
    });
    expect(compareToBenchmark({ value: 10 }, null, { method: 15, values: ten, polarity: 'low-is-good' })).toEqual({
      label: 'Highest quintile',
      significanceCode: -2,
      direction: null,
      category: 5,
    });
    expect(compareToBenchmark({ value: 5 }, null, { method: 15, values: ten }).label).toBe('Middle quintile');
    expect(compareToBenchmark({ value: 3 }, null, { method: 15, values: ten }).label).toBe('2nd lowest quintile');
    expect(compareToBenchmark({ value: 8 }, null, { method: 15, values: ten }).label).toBe('2nd highest quintile');
    expect(compareToBenchmark({ value: 1 }, null, { method: 15, values: ten, polarity: 0 })).toEqual({
      label: 'Lowest quintile',
      significanceCode: 2,
      direction: null,
      category: 1,
    });
    expect(compareToBenchmark({ value: 6 }, null, { method: 16, values: ten, polarity: 1 })).toEqual({
      label: '2nd highest quartile',
      significanceCode: 1,
      direction: null,
      category: 3,
    });
    expect(compareToBenchmark({ value: 5 }, null, { method: 15, values: [1, 2, 3, 5] }).label).toBe('Not compared');
    expect(() => compareToBenchmark({ value: 5 }, null, { method: 15 })).toThrow(/needs the values of the whole comparison set/);
  });
});

describe('compareToBenchmark as a table verb', () => {
  const t = aq.table({
    period: [2020, 2020, 2020, 2021, 2021],
    area_code: ['E92000001', 'A', 'B', 'E92000001', 'A'],
    value: [10, 13, 10.5, 11, 11.2],
    lowercl: [9.5, 12, 9, 10.5, 10],
    uppercl: [10.5, 14, 12, 11.5, 12],
  });
  it('finds the benchmark row in each group, leaves it Not compared, keeps input columns and order', () => {
    const out = compareToBenchmark(t.groupby('period'), { benchmarkArea: 'E92000001', polarity: 'low-is-good' });
    expect(out.columnNames()).toEqual([
      'period',
      'area_code',
      'value',
      'lowercl',
      'uppercl',
      'benchmark_value',
      'comparison',
      'significance_code',
      'direction',
    ]);
    expect(out.array('comparison')).toEqual(['Not compared', 'Worse', 'Similar', 'Not compared', 'Similar']);
    expect(out.array('benchmark_value')).toEqual([10, 10, 10, 11, 11]);
    expect(out.array('significance_code')).toEqual([null, -1, 0, null, 0]);
    expect(t.numCols()).toBe(5); // input not mutated
  });
  it('a fixed benchmark, a per-row polarity column and quintiles within groups', () => {
    const withPol = t.derive({ pol: (d: { area_code: string }) => (d.area_code === 'A' ? 'RAG - High is good' : 'BOB - Blue orange blue') });
    const out = compareToBenchmark(withPol, { benchmark: 10, polarityColumn: 'pol' });
    expect(out.array('comparison')).toEqual(['Similar', 'Better', 'Similar', 'Higher', 'Similar']);
    const q = aq.table({ g: [1, 1, 1, 1, 1, 2], value: [5, 1, 4, 2, 3, 7] });
    const qo = compareToBenchmark(q.groupby('g'), { method: 'quintiles' });
    expect(qo.array('category')).toEqual([5, 1, 4, 2, 3, null]);
    expect(qo.array('comparison')).toEqual([
      'Highest quintile',
      'Lowest quintile',
      '2nd highest quintile',
      '2nd lowest quintile',
      'Middle quintile',
      'Not compared',
    ]);
  });
  it('says what is missing', () => {
    expect(() => compareToBenchmark(t, {})).toThrow(/say what the benchmark is/);
    expect(() => compareToBenchmark(t, { benchmark: 1, value: 'nope' })).toThrow(/column "nope": no such column/);
    expect(() => compareToBenchmark(t, { benchmarkArea: 'E92000001' })).toThrow(/appears more than once in a group/);
  });
});

describe('real Fingertips export: campylobacter incidence (indicator 93356), County & UA, 2015–2017', () => {
  // The export's "Compared to England/Region" columns for this indicator were made with comparator
  // method 1 and polarity RAG low is good; the values and 95% limits in the same file reproduce them.
  const file = dataPath('fingertips/fingertips_93356_campylobacter_countyua_indicators-CountyUA.data.csv');
  const all = readTypedCsv(
    file,
    [
      { name: 'parent_code', source: 'Parent Code', type: 'string' },
      { name: 'area_code', source: 'Area Code', type: 'string' },
      { name: 'area_type', source: 'Area Type', type: 'string' },
      { name: 'age', source: 'Age', type: 'string' },
      { name: 'category_type', source: 'Category Type', type: 'string' },
      { name: 'time_period', source: 'Time period', type: 'string' },
      { name: 'value', source: 'Value', type: 'number' },
      { name: 'lower95_0cl', source: 'Lower CI 95.0 limit', type: 'number' },
      { name: 'upper95_0cl', source: 'Upper CI 95.0 limit', type: 'number' },
      { name: 'vs_england', source: 'Compared to England value or percentiles', type: 'string' },
      { name: 'vs_region', source: 'Compared to Region value or percentiles', type: 'string' },
    ],
    { relaxColumnCount: true },
  ).filter((d: { category_type: string | null }) => d.category_type === null);

  it('reproduces every "Compared to England" label (760 county rows and the England rows)', () => {
    const t = all.filter((d: { area_type: string }) => d.area_type === 'County & UA' || d.area_type === 'Country');
    const out = compareToBenchmark(t.groupby('age', 'time_period'), { benchmarkArea: 'E92000001', polarity: 'RAG - Low is good' });
    const got = out.array('comparison') as string[];
    const want = out.array('vs_england') as string[];
    expect(got.length).toBe(765);
    expect(got.filter((g, i) => g === want[i]).length).toBe(765);
    const counts = out
      .filter((d: { area_type: string }) => d.area_type === 'County & UA')
      .groupby('comparison')
      .count()
      .objects();
    expect(Object.fromEntries((counts as { comparison: string; count: number }[]).map((c) => [c.comparison, c.count]))).toEqual({
      Worse: 247,
      Similar: 220,
      Better: 283,
      'Not compared': 10,
    });
  });

  it('reproduces every "Compared to Region" label (benchmark from the parent region row)', () => {
    const regions = all
      .filter((d: { area_type: string }) => d.area_type === 'Region')
      .select({ area_code: 'parent_code', age: 'age', time_period: 'time_period', value: 'region_value' });
    const counties = all
      .filter((d: { area_type: string }) => d.area_type === 'County & UA')
      .join_left(regions, [
        ['parent_code', 'age', 'time_period'],
        ['parent_code', 'age', 'time_period'],
      ]);
    expect(counties.numRows()).toBe(760);
    const out = compareToBenchmark(counties, { benchmarkColumn: 'region_value', polarity: 0 });
    const got = out.array('comparison') as string[];
    const want = out.array('vs_region') as string[];
    expect(got.filter((g, i) => g === want[i]).length).toBe(760);
    expect(got.filter((g) => g === 'Not compared').length).toBe(310); // 0-9 yrs has no region values
  });
});
