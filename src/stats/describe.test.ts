import { describe as suite, expect, it } from 'vitest';
import * as aq from 'arquero';
import * as ss from 'simple-statistics';
import { describe, describeValues } from './describe.js';
import { siiArea } from './sii.js';

// Expected values: hand arithmetic, R (quantile type 7, sd with n − 1) and simple-statistics used as
// an independent oracle (ss.mean, ss.sampleStandardDeviation; ss.linearRegression for the SII).
suite('describe', () => {
  it('gives n, missing, mean, sd, min, quartiles (R type 7) and max per numeric column', () => {
    const t = aq.table({ area: ['A', 'B', 'C', 'D', 'E'], value: [1, 2, 3, null, 4], count: [10, 20, 30, 40, 50] });
    const d = describe(t).objects() as Record<string, unknown>[];
    expect(d.map((r) => r.column)).toEqual(['value', 'count']);
    // value: 1, 2, 3, 4 → mean 2.5, sd √(5/3) = 1.2909944…, R quantile(type 7): 1.75, 2.5, 3.25
    expect(d[0]).toMatchObject({ n: 4, missing: 1, mean: 2.5, min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4 });
    expect(d[0].sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // count: 10 … 50 → quartiles 20, 30, 40 (h = 4p exactly)
    expect(d[1]).toMatchObject({ n: 5, missing: 0, mean: 30, q1: 20, median: 30, q3: 40 });
  });

  it('agrees with simple-statistics on the mean and sd of 1,000 generated values', () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 100 + i / 7);
    const d = describeValues(values);
    expect(d.mean).toBeCloseTo(ss.mean(values), 10);
    expect(d.sd).toBeCloseTo(ss.sampleStandardDeviation(values), 10);
    expect([d.min, d.max]).toEqual([ss.min(values), ss.max(values)]);
  });

  it('describes each group of a grouped table, group columns first', () => {
    const t = aq.table({ sex: ['M', 'M', 'F', 'F'], le: [78, 80, 82, 84] }).groupby('sex');
    const d = describe(t, ['le']).objects() as Record<string, unknown>[];
    expect(d.map((r) => [r.sex, r.column, r.mean, r.median])).toEqual([
      ['M', 'le', 79, 79],
      ['F', 'le', 83, 83],
    ]);
  });

  it('says so when nothing can be described or a named column holds text', () => {
    expect(() => describe(aq.table({ name: ['a', 'b'] }))).toThrow(/no numeric columns/);
    expect(() => describe(aq.table({ v: [1, 'x'] }), ['v'])).toThrow(/row 2, column "v": expected a number, found "x"/);
    expect(describeValues([])).toMatchObject({ n: 0, mean: null, sd: null });
    expect(describeValues([5]).sd).toBeNull();
  });
});

suite('SII against an independent regression', () => {
  it('with equal populations the SII is the ordinary least-squares slope on the rank midpoints', () => {
    // 5 equal groups: midpoints of cumulative rank 0.1, 0.3, 0.5, 0.7, 0.9. Equal weights make the
    // weighted regression of PHEim's SII an ordinary one, which simple-statistics computes independently.
    const value = [70, 73, 75, 78, 80];
    const r = siiArea([1000, 1000, 1000, 1000, 1000], value, [0.5, 0.5, 0.5, 0.5, 0.5], { repetitions: 1000 });
    const ols = ss.linearRegression([0.1, 0.3, 0.5, 0.7, 0.9].map((x, i) => [x, value[i]]));
    expect(Math.abs(r.sii)).toBeCloseTo(Math.abs(ols.m), 9);
  });
});
