import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { mean, meanWithCI } from '../../src/stats/mean.js';
import { loadPhe, mismatches, pheNumber, pheTable } from '../helpers/phe.js';

// PHEindicatormethods 2.1.0 test data (commit 093fd288), tests/fixtures/phe/README.md.
const COLS = ['value_sum', 'value_count', 'stdev', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl'];
const results = loadPhe('testdata_Mean__testdata_Mean_results.csv');
const expectedRows = (rows: number[]) => Object.fromEntries(COLS.map((c) => [c, rows.map((i) => pheNumber(results.rows[i][results.header.indexOf(c)]))]));
const input = pheTable('testdata_Mean__testdata_Mean.csv', ['values']);

describe('mean — testdata_Mean (Student t)', () => {
  it('grouped by area: Area1 (n=8) and Area2 (n=18), 95% and 99.8%', () => {
    const out = mean(input.groupby('area'), { x: 'values', confidence: [0.95, 0.998] });
    expect(out.columnNames()).toEqual(['area', ...COLS, 'confidence', 'statistic', 'method']);
    expect(out.array('area')).toEqual(['Area1', 'Area2']);
    expect(mismatches('Mean grouped', out, expectedRows([0, 1]))).toEqual([]);
    expect(out.array('statistic')).toEqual(['mean', 'mean']);
    expect(out.array('method')).toEqual(["Student's t-distribution", "Student's t-distribution"]);
    expect(out.get('confidence', 0)).toBe('95%, 99.8%');
  });

  it('ungrouped ("No grouping"): one row, no group column', () => {
    const out = mean(input, { x: 'values', confidence: [0.95, 0.998] });
    expect(out.numRows()).toBe(1);
    expect(out.columnNames()[0]).toBe('value_sum');
    expect(mismatches('Mean ungrouped', out, expectedRows([2]))).toEqual([]);
  });

  it('single level gives lowercl/uppercl equal to the 95% pair', () => {
    const out = mean(input.groupby('area'), { x: 'values' });
    const exp = expectedRows([0, 1]);
    expect(mismatches('Mean 95', out, { lowercl: exp.lower95_0cl, uppercl: exp.upper95_0cl })).toEqual([]);
  });

  it('type value / lower drop the summary columns as PHEim', () => {
    expect(mean(input.groupby('area'), { x: 'values', type: 'value' }).columnNames()).toEqual(['area', 'value']);
    expect(mean(input.groupby('area'), { x: 'values', type: 'lower' }).columnNames()).toEqual(['area', 'lowercl']);
    expect(mean(input.groupby('area'), { x: 'values', type: 'standard' }).columnNames()).toEqual([
      'area',
      'value_sum',
      'value_count',
      'stdev',
      'value',
      'lowercl',
      'uppercl',
    ]);
  });
});

describe('mean — edge rules and properties', () => {
  it('the PHEim documentation example: 30, 40, 50, 60', () => {
    const r = meanWithCI([30, 40, 50, 60]);
    expect(r.value).toBe(45);
    expect(r.value_sum).toBe(180);
    // sd = 12.9099..., t(0.975, 3) = 3.182446305284263
    expect(r.stdev!).toBeCloseTo(Math.sqrt(500 / 3), 12);
    expect(r.lower!).toBeCloseTo(45 - (3.182446305284263 * Math.sqrt(500 / 3)) / 2, 10);
  });
  it('an NA value makes the group NA (as R sum without na.rm); count still counts it', () => {
    const out = mean(aq.table({ g: ['a', 'a', 'b', 'b'], v: [1, null, 2, 4] }).groupby('g'), { x: 'v' });
    expect(out.array('value')).toEqual([null, 3]);
    expect(out.array('value_count')).toEqual([2, 2]);
  });
  it('limits bracket the mean and widen with confidence', () => {
    const vals = [3.1, 4.7, 2.2, 9.9, 5.5, 6.1];
    let prev = meanWithCI(vals, 0.9);
    for (const c of [0.95, 0.99, 0.998]) {
      const r = meanWithCI(vals, c);
      expect(r.lower!).toBeLessThan(prev.lower!);
      expect(r.upper!).toBeGreaterThan(prev.upper!);
      expect(r.lower!).toBeLessThan(r.value!);
      prev = r;
    }
  });
  it('a non-numeric value is a one-line error with row and column', () => {
    expect(() => mean(aq.table({ v: [1, 'x'] }), { x: 'v' })).toThrow('table passed to mean(), row 2, column "v": expected a number, found "x"');
  });
});
