/**
 * Gap and ratio intervals against independent calculations:
 * - Newcombe RG (1998) Stat Med 17:873-890, Table II example (a): 56/70 − 48/80, method 10
 *   (hybrid score) interval +0.0524 to +0.3339 (published to 4 dp).
 * - Katz log interval, rate difference/ratio and values-with-CIs: hand-worked in Python with
 *   z = 1.959963984540054 (the formulas in gap.ts written out independently; numbers below).
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { compareProportions, compareRates, compareValues, groupGap } from './gap.js';
import { InputError } from '../core/errors.js';

describe('compareProportions', () => {
  const c = compareProportions(56, 70, 48, 80, { multiplier: 1 });
  it('Newcombe (1998) example: hybrid score interval 0.0524 to 0.3339', () => {
    expect(c.gap.value).toBeCloseTo(0.2, 12);
    expect(c.gap.lower!).toBeCloseTo(0.0524, 4);
    expect(c.gap.upper!).toBeCloseTo(0.3339, 4);
    // full precision from the hand calculation
    expect(c.gap.lower!).toBeCloseTo(0.0524314724023649, 12);
    expect(c.gap.upper!).toBeCloseTo(0.333872654036906, 12);
    expect(c.significance).toBe('Higher');
  });
  it('Katz log interval for the ratio: √(1/56 − 1/70 + 1/48 − 1/80)', () => {
    expect(c.ratio.value).toBeCloseTo(4 / 3, 12);
    expect(c.ratio.lower!).toBeCloseTo(1.076626422763193, 12);
    expect(c.ratio.upper!).toBeCloseTo(1.651248511266387, 12);
  });
  it('percentages by default; polarity turns Higher into Better/Worse', () => {
    const p = compareProportions(56, 70, 48, 80, { polarity: 'low-is-good' });
    expect(p.group.value).toBeCloseTo(80, 12);
    expect(p.gap.lower!).toBeCloseTo(5.24314724023649, 10);
    expect(p.significance).toBe('Worse');
    expect(compareProportions(56, 70, 48, 80, { polarity: 1 }).significance).toBe('Better');
  });
  it('Similar when the interval spans 0; no ratio limits with a zero count', () => {
    expect(compareProportions(10, 50, 12, 50).significance).toBe('Similar');
    const z = compareProportions(0, 50, 12, 50);
    expect(z.ratio.value).toBe(0);
    expect(z.ratio.lower).toBeNull();
  });
  it('x > n is an error', () => {
    expect(() => compareProportions(60, 50, 1, 2)).toThrow(/greater than its denominator/);
  });
});

describe('compareRates', () => {
  const r = compareRates(120, 50000, 200, 150000);
  it("difference with SEs from Byar's limits", () => {
    expect(r.gap.value).toBeCloseTo(106.66666666666663, 9);
    expect(r.gap.lower!).toBeCloseTo(58.806350067626745, 9);
    expect(r.gap.upper!).toBeCloseTo(154.52698326570652, 9);
  });
  it('rate ratio with log-scale limits √(1/120 + 1/200)', () => {
    expect(r.ratio.value).toBeCloseTo(1.8, 12);
    expect(r.ratio.lower!).toBeCloseTo(1.435437266443411, 12);
    expect(r.ratio.upper!).toBeCloseTo(2.257151932545099, 12);
    expect(r.significance).toBe('Higher');
  });
});

describe('compareValues', () => {
  const v = compareValues({ value: 30, lower: 26, upper: 34 }, { value: 20, lower: 18, upper: 22 });
  it('gap and ratio from the limits', () => {
    expect(v.gap.lower!).toBeCloseTo(5.527864045000421, 12);
    expect(v.gap.upper!).toBeCloseTo(14.47213595499958, 12);
    expect(v.ratio.lower!).toBeCloseTo(1.2686561264200702, 12);
    expect(v.ratio.upper!).toBeCloseTo(1.7735302365575718, 12);
  });
  it('limits not containing the value are an error', () => {
    expect(() => compareValues({ value: 30, lower: 31, upper: 34 }, { value: 20, lower: 18, upper: 22 })).toThrow(/do not contain/);
  });
});

describe('groupGap (PLUS groups)', () => {
  const t = aq.table({ ethnicity: ['Asian', 'Black', 'White', 'Asian'], checked: [30, 20, 200, 26], register: [40, 40, 300, 30] });
  it('each group against the rest, counts summed within groups', () => {
    const g = groupGap(t, { group: 'ethnicity', x: 'checked', n: 'register' });
    expect(g.array('group')).toEqual(['Asian', 'Black', 'White']);
    const asian = g.object(0) as Record<string, number | string>;
    expect(asian.x).toBe(56);
    expect(asian.n).toBe(70);
    expect(asian.reference_x).toBe(220);
    expect(asian.reference_n).toBe(340);
    const c = compareProportions(56, 70, 220, 340);
    expect(asian.gap_lowercl).toBeCloseTo(c.gap.lower!, 12);
    expect(asian.statistic).toBe('percentage');
    expect(asian.confidence).toBe('95%');
  });
  it('against a named reference group', () => {
    const g = groupGap(t, { group: 'ethnicity', x: 'checked', n: 'register', reference: 'White' });
    expect(g.array('group')).toEqual(['Asian', 'Black']);
    expect(g.get('reference_n', 0)).toBe(300);
  });
  it('a null count makes the group Not compared (never 0)', () => {
    const u = aq.table({ g: ['A', 'A', 'B'], x: [1, null, 5], n: [10, 10, 20] });
    const g = groupGap(u, { group: 'g', x: 'x', n: 'n' });
    expect(g.get('significance', 0)).toBe('Not compared');
    expect(g.get('value', 0)).toBeNull();
  });
  it('bad input: negative counts, missing reference, repeated groups with values', () => {
    expect(() => groupGap(aq.table({ g: ['A', 'B'], x: [-1, 5], n: [10, 20] }), { group: 'g', x: 'x', n: 'n' })).toThrow(
      /row 1, column "x": expected a count of 0 or more, found -1/,
    );
    expect(() => groupGap(t, { group: 'ethnicity', x: 'checked', n: 'register', reference: 'Mixed' })).toThrow(InputError);
    expect(() => groupGap(aq.table({ g: ['A', 'A'], v: [1, 2], l: [0, 1], u: [2, 3] }), { group: 'g', value: 'v', lower: 'l', upper: 'u' })).toThrow(
      /appears more than once/,
    );
  });
});
