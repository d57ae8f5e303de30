/**
 * whereEquals, practicesServing and withConfidenceLevel. Expected values are worked by hand from
 * the small tables below, or recounted from the bundled registrations with plain loops.
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { practiceAreaShares } from '../geography/practices.js';
import { practicesServing, whereEquals, withConfidenceLevel } from './where.js';

const t = aq.table({ area_code: ['E1', 'E2', 'E3', null], sex: ['F', 'M', 'F', 'F'], value: [1, 2, 3, 4] });

describe('whereEquals', () => {
  it('keeps rows equal to a value held in a variable (no closure for arquero to parse)', () => {
    const code = 'E2';
    expect(whereEquals(t, { area_code: code }).objects()).toEqual([{ area_code: 'E2', sex: 'M', value: 2 }]);
  });
  it('treats a list as "any of" and combines columns with "and"', () => {
    expect(whereEquals(t, { area_code: ['E1', 'E3', 'E9'], sex: 'F' }).array('value')).toEqual([1, 3]);
  });
  it('matches missing values with null and keeps the table order', () => {
    expect(whereEquals(t, { area_code: null }).array('value')).toEqual([4]);
    expect(whereEquals(t.orderby(aq.desc('value')), { sex: 'F' }).array('value')).toEqual([4, 3, 1]);
  });
  it('names the table columns when a column is unknown', () => {
    expect(() => whereEquals(t, { area: 'E1' })).toThrow('whereEquals: no column "area"; the table has area_code, sex, value');
  });
});

describe('practicesServing', () => {
  it('lists the practices with at least half their patients in Walsall, recounted from the shares', () => {
    const served = practicesServing('Walsall');
    const shares = practiceAreaShares('lad').objects() as { practice_code: string; area_code: string; share: number }[];
    const expected = shares
      .filter((r) => r.area_code === 'E08000030' && r.share >= 0.5)
      .map((r) => r.practice_code)
      .sort();
    expect(expected.length).toBe(53);
    expect([...(served.array('practice_code') as string[])].sort()).toEqual(expected);
    expect(served.columnNames()).toEqual(['practice_code', 'practice_name', 'area_code', 'area_name', 'patients', 'share']);
    const share = served.array('share') as number[];
    expect(share.every((s, i) => i === 0 || share[i - 1] >= s)).toBe(true);
    expect(served.array('practice_name').every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
  });
  it('with minShare 0 includes every practice with a patient there', () => {
    const all = practicesServing('E08000030', { minShare: 0 }).numRows();
    const shares = practiceAreaShares('lad').objects() as { area_code: string }[];
    expect(all).toBe(shares.filter((r) => r.area_code === 'E08000030').length);
    expect(() => practicesServing('Walsall', { minShare: 2 })).toThrow('minShare must be between 0 and 1');
  });
});

describe('withConfidenceLevel', () => {
  const two = aq.table({ v: [5], lower95_0cl: [4], upper95_0cl: [6], lower99_8cl: [3], upper99_8cl: [7] });
  it('keeps one level as lowercl/uppercl and drops the other', () => {
    expect(withConfidenceLevel(two, 95).objects()).toEqual([{ v: 5, lowercl: 4, uppercl: 6 }]);
    expect(withConfidenceLevel(two, 99.8).objects()).toEqual([{ v: 5, lowercl: 3, uppercl: 7 }]);
  });
  it('leaves a one-level table alone and names the levels a table has', () => {
    const one = aq.table({ v: [5], lowercl: [4], uppercl: [6] });
    expect(withConfidenceLevel(one, 95)).toBe(one);
    expect(() => withConfidenceLevel(two, 90)).toThrow('no 90% limits (lower90_0cl, upper90_0cl); the table has 95.0% and 99.8% limits');
  });
});
