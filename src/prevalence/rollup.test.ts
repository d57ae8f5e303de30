import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { wilsonInterval } from '../stats/confidence.js';
import { practicePrevalence } from './recorded.js';
import { rollUpPrevalence } from './rollup.js';
import { customPracticeWeights } from './membership.js';

const two = () => practicePrevalence('HYP', { file: 'tests/fixtures/prevalence/qof_two_practices.csv' });

describe('rollUpPrevalence with an analyst lookup', () => {
  it('sums the practices of each area (membership) with Wilson limits on the sums', () => {
    const p = two();
    const x = p.array('count') as number[];
    const n = p.array('denominator') as number[];
    const lookup = aq.table({ practice_code: ['A81001', 'A81002'], area_code: ['X1', 'X1'], area_name: ['Area one', 'Area one'] });
    const r = rollUpPrevalence(p, 'ccg', { lookup });
    expect(r.table.numRows()).toBe(1);
    const row = r.table.object(0) as Record<string, number>;
    expect(row.count).toBe(x[0] + x[1]);
    expect(row.denominator).toBe(n[0] + n[1]);
    expect(row.practices).toBe(2);
    const ci = wilsonInterval(x[0] + x[1], n[0] + n[1], 0.95);
    expect(row.value).toBeCloseTo(((x[0] + x[1]) / (n[0] + n[1])) * 100, 12);
    expect(row.lower95_0cl).toBeCloseTo(ci.lower! * 100, 12);
    expect(row.upper95_0cl).toBeCloseTo(ci.upper! * 100, 12);
    expect(r.unmapped.numRows()).toBe(0);
  });

  it('apportions by weights; totals still equal the sum of the practices', () => {
    const p = two();
    const x = p.array('count') as number[];
    const lookup = aq.table({ practice_code: ['A81001', 'A81001', 'A81002'], area_code: ['X1', 'X2', 'X2'], weight: [0.25, 0.75, 1] });
    const r = rollUpPrevalence(p, 'lad', { lookup });
    const c = Object.fromEntries((r.table.objects() as { area_code: string; count: number }[]).map((o) => [o.area_code, o.count]));
    expect(c.X1).toBeCloseTo(x[0] * 0.25, 9);
    expect(c.X2).toBeCloseTo(x[0] * 0.75 + x[1], 9);
    expect(c.X1 + c.X2).toBeCloseTo(x[0] + x[1], 9);
  });

  it('a practice missing from the lookup is an error, or listed with the reason on request', () => {
    const p = two();
    const lookup = aq.table({ practice_code: ['A81001'], area_code: ['X1'] });
    expect(() => rollUpPrevalence(p, 'ccg', { lookup, lookupSource: 'my_lookup.csv' })).toThrow(
      /my_lookup\.csv, column "practice_code": practice A81002 is not in my_lookup\.csv; add it to the lookup/,
    );
    const r = rollUpPrevalence(p, 'ccg', { lookup, lookupSource: 'my_lookup.csv', unmapped: 'list' });
    expect(r.unmapped.objects()).toEqual([
      { practice_code: 'A81002', count: p.get('count', 1), denominator: p.get('denominator', 1), reason: 'practice A81002 is not in my_lookup.csv' },
    ]);
    expect(r.notes.join(' ')).toMatch(/1 practice .* could not be placed/);
  });

  it('checks the lookup: duplicates without weights, weights not summing to 1', () => {
    expect(() => customPracticeWeights(aq.table({ practice_code: ['A81001', 'A81001'], area_code: ['X1', 'X2'] }), 'ccg', 'lk.csv')).toThrow(
      /lk\.csv, line 3, column "practice_code": practice A81001 appears more than once/,
    );
    expect(() =>
      customPracticeWeights(aq.table({ practice_code: ['A81001', 'A81001'], area_code: ['X1', 'X2'], weight: [0.5, 0.4] }), 'lad', 'lk.csv'),
    ).toThrow(/weights of practice A81001 sum to 0.9, not 1/);
  });

  it('England is every practice; practice level keeps each practice', () => {
    const p = two();
    const e = rollUpPrevalence(p, 'england').table.object(0) as Record<string, unknown>;
    expect(e).toMatchObject({ area_code: 'E92000001', area_name: 'England', practices: 2, count: (p.array('count') as number[]).reduce((a, b) => a + b) });
    expect(rollUpPrevalence(p, 'practice', { parents: false }).table.array('area_code')).toEqual(['A81001', 'A81002']);
  });

  it('rejects a practice table with a practice twice', () => {
    const p = two();
    expect(() => rollUpPrevalence(p.concat(p), 'england')).toThrow(/practice A81001 appears more than once in the practice table/);
  });
});
