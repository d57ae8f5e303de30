/**
 * SPC method: the rule functions on the cases NHSRplotthedots' own unit tests use
 * (tests/testthat/test-ptd_calculate_point_type.R, expected values re-derived by hand), rule
 * precedence, XmR arithmetic worked by hand, rebasing, fixing, targets and bad input.
 */
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { partOfSevenRun, sevenPointOneSideOfMean, sevenPointTrend, specialCauseTypes, spcPointType, twoInThree } from './spcRules.js';
import { spc, spcAssurance, spcSeries, spcTable, spcVariationIcon, xmrLimits } from './spc.js';
import { parseSpcDate } from './spcDates.js';

const monthly = (values: number[], start = 2018) =>
  values.map((y, i) => ({ x: `${start + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, y }));

describe('rule functions', () => {
  it('run of 7 on one side of the mean (run ends)', () => {
    expect(sevenPointOneSideOfMean([1, 1, 1, 1, 1, 1])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(sevenPointOneSideOfMean([1, 1, 1, 1, 1, 1, -1])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(sevenPointOneSideOfMean([1, 1, 1, 1, 1, 1, 1, 1, -1])).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(sevenPointOneSideOfMean([-1, -1, -1, -1, -1, -1, -1, -1, 1])).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0]);
    // a point on the mean breaks the run
    expect(sevenPointOneSideOfMean([1, 1, 1, 0, 1, 1, 1, 1])).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
  it('part of a run spreads each end back over its 7 points', () => {
    expect(partOfSevenRun([0, 0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(partOfSevenRun([0, 0, 0, 0, 0, 0, 1, 0])).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(partOfSevenRun([0, 0, 0, 0, 0, 0, 0, -1, 0])).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 0]);
  });
  it('trend of 7: strictly rising or falling, a tie breaks it', () => {
    expect(sevenPointTrend([1, 2, 3, 4, 5, 6])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(sevenPointTrend([1, 2, 3, 3, 4, 5, 6])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(sevenPointTrend([1, 2, 3, 4, 5, 6, 7])).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(sevenPointTrend([2, 1, 2, 3, 4, 5, 6, 7, 3])).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(sevenPointTrend([7, 6, 5, 4, 3, 2, 1])).toEqual([0, 0, 0, 0, 0, 0, -1]);
  });
  it('two of three close to the limits, same side only', () => {
    expect(twoInThree([1, 0, 1], [1, 1, 1])).toEqual([1, 1, 1]);
    expect(twoInThree([0, 0, 1, 0, 1, 0, 0], [1, 1, 1, 1, 1, 1, 1])).toEqual([0, 0, 1, 1, 1, 0, 0]);
    expect(twoInThree([0, 0, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1])).toEqual([0, 1, 1, 1, 1, 0, 0]);
    expect(twoInThree([1, 0, 1], [1, -1, 1])).toEqual([0, 0, 0]);
    // two close points three apart are not two in three
    expect(twoInThree([1, 0, 0, 1], [1, 1, 1, 1])).toEqual([0, 0, 0, 0]);
    // a window running past the end never qualifies
    expect(twoInThree([1, 1], [1, 1])).toEqual([0, 0]);
  });
  it('precedence: outside limits, then trend, then 2 in 3, then run', () => {
    const out = Array(8).fill(false);
    out[7] = true;
    expect(specialCauseTypes([1, 2, 3, 4, 5, 6, 7, 8], [-1, -1, -1, -1, 1, 1, 1, 1], Array(8).fill(false), out)).toEqual([
      ...Array(7).fill('7 Point Trend (Increasing)'),
      'Above UCL',
    ]);
    // 7 points below the mean with two close to the lower limit: those two are "2 in 3", the rest "7 Points"
    const close = [false, false, true, true, false, false, false];
    expect(specialCauseTypes([5, 4, 1, 1, 4, 5, 4], Array(7).fill(-1), close, Array(7).fill(false))).toEqual([
      '7 Points Below CL',
      '7 Points Below CL',
      '2 in 3 Below CL',
      '2 in 3 Below CL',
      '7 Points Below CL',
      '7 Points Below CL',
      '7 Points Below CL',
    ]);
    // outside the limits does not count as close: one close point is not two in three
    expect(specialCauseTypes([5, 9, 1], [1, 1, 1], [true, false, false], [false, true, false])).toEqual(['Common Cause', 'Above UCL', 'Common Cause']);
  });
  it('the peak shared by a rise and a fall follows the step to the next point', () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1];
    const t = specialCauseTypes(
      y,
      y.map(() => 0),
      y.map(() => false),
      y.map(() => false),
    );
    expect(t.slice(0, 6)).toEqual(Array(6).fill('7 Point Trend (Increasing)'));
    expect(t.slice(6)).toEqual(Array(7).fill('7 Point Trend (Decreasing)'));
  });
  it('point types by improvement direction', () => {
    expect(spcPointType('Above UCL', 'increase')).toBe('special_cause_improvement');
    expect(spcPointType('Above UCL', 'decrease')).toBe('special_cause_concern');
    expect(spcPointType('7 Point Trend (Decreasing)', 'increase')).toBe('special_cause_concern');
    expect(spcPointType('2 in 3 Below CL', 'neutral')).toBe('special_cause_neutral_low');
    expect(spcPointType('Common Cause', 'decrease')).toBe('common_cause');
    expect(spcVariationIcon('special_cause_concern', 'increase')).toBe('concern_low');
    expect(spcVariationIcon('special_cause_improvement', 'decrease')).toBe('improvement_low');
  });
});

describe('XmR arithmetic (worked by hand)', () => {
  it('mean, mean moving range and limits', () => {
    // mean 2.5, moving ranges 2, 1, 2 → m̄ = 5/3; 3.267 m̄ = 5.445 screens nothing
    const l = xmrLimits([1, 3, 2, 4]);
    expect(l.mean).toBe(2.5);
    expect(l.amr).toBeCloseTo(5 / 3, 12);
    expect(l.upl).toBeCloseTo(2.5 + 2.66 * (5 / 3), 12);
    expect(l.nlpl).toBeCloseTo(2.5 - ((2 * 2.66) / 3) * (5 / 3), 12);
  });
  it('screening drops moving ranges ≥ 3.267 m̄ once', () => {
    // moving ranges eight 1s and a 10: m̄ = 18/9 = 2, cut 6.534 → the 10 goes, m̄ = 1
    const l = xmrLimits([0, 1, 0, 1, 0, 1, 0, 1, 0, 10]);
    expect(l.excluded).toEqual([false, false, false, false, false, false, false, false, false, true]);
    expect(l.amr).toBe(1);
    expect(l.upl).toBeCloseTo(1.4 + 2.66, 12);
    expect(xmrLimits([0, 1, 0, 1, 0, 1, 0, 1, 0, 10], { screenOutliers: false }).amr).toBe(2);
  });
  it('a moving range exactly at 3.267 m̄ is screened out (≥, as NHSRplotthedots keeps only <)', () => {
    // ranges r (n times) and R: m̄ = (n r + R)/(n+1); with r = 1, n = 9, R = 3.267·(9 + R)/10 → R = 29.403/6.733
    const R = 29.403 / 6.733;
    const values = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1 + R];
    const l = xmrLimits(values);
    const before = (9 + R) / 10;
    expect(Math.abs(R - 3.267 * before)).toBeLessThan(1e-12);
    expect(l.excluded[10]).toBe(R >= 3.267 * before);
  });
  it('one point has no limits and is common cause', () => {
    const r = spcSeries([{ x: '2020-01-01', y: 3 }]);
    expect([r.rows[0].lpl, r.rows[0].upl, r.rows[0].point_type]).toEqual([null, null, 'common_cause']);
  });
});

describe('spcSeries options', () => {
  const base = [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 5, 6, 6, 5, 7, 6, 5, 6];
  it('fixAfterNPoints: limits from the first n points of each segment', () => {
    const pts = monthly([...base, 20, 21]);
    const r = spcSeries(pts, { fixAfterNPoints: 12 });
    const first12 = base.slice(0, 12);
    expect(r.rows[0].mean_col).toBeCloseTo(first12.reduce((a, b) => a + b, 0) / 12, 12);
    expect(r.rows.slice(12).every((x) => x.fix_y === null)).toBe(true);
    expect(r.rows[19].point_type).toBe('special_cause_improvement');
    expect(() => spcSeries(pts, { fixAfterNPoints: 11 })).toThrow(/12 or more/);
  });
  it('rebase: the point on the date starts a new segment with its own limits', () => {
    const pts = monthly([...base, ...base.map((v) => v + 10)]);
    const r = spcSeries(pts, { rebase: ['2019-07-01'] });
    expect(r.summary.map((s) => [s.rebase_group, s.n, s.from])).toEqual([
      [0, 18, '2018-01-01'],
      [1, 18, '2019-07-01'],
    ]);
    expect(r.summary[1].mean_col).toBeCloseTo(r.summary[0].mean_col! + 10, 12);
    expect(r.summary.every((s) => s.special_cause_improvement === 0)).toBe(true);
    expect(spcSeries(pts, { rebase: ['2030-01-01'] }).warnings[0]).toMatch(/2030-01-01 matches no point of the series/);
  });
  it('targets and assurance (last point, last segment)', () => {
    const pts = monthly(base);
    const r = spcSeries(pts, { target: 10 });
    expect(r.summary[0].assurance_type).toBe('consistent_fail');
    expect(spcSeries(pts, { target: 10, improvement: 'decrease' }).summary[0].assurance_type).toBe('consistent_pass');
    expect(spcSeries(pts, { target: 10, improvement: 'neutral' }).summary[0].assurance_type).toBeNull();
    expect(spcAssurance(95, 80, 90, 'increase')).toBe('consistent_fail');
    expect(spcAssurance(70, 80, 90, 'increase')).toBe('consistent_pass');
    const faceted = [...pts.map((p) => ({ ...p, f: 'A' })), ...pts.map((p) => ({ ...p, f: 'B' }))];
    const per = spcSeries(faceted, { target: { A: 1 } });
    expect(per.summary.map((s) => [s.f, s.target, s.assurance_type])).toEqual([
      ['A', 1, 'consistent_pass'],
      ['B', null, null],
    ]);
  });
  it('a trend of 7 flags every point of the run', () => {
    const r = spcSeries(monthly([6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 4.2, 4.4, 4.6, 4.8, 5, 5.2, 5.4, 5]));
    expect(r.rows.map((x) => x.special_cause_type === '7 Point Trend (Increasing)')).toEqual([...Array(12).fill(false), ...Array(7).fill(true), false]);
  });
});

describe('trajectory', () => {
  it('is carried per point from its column (blank = none) and does not change the limits', () => {
    const t = aq.table({ d: ['2018-01-01', '2018-02-01', '2018-03-01'], v: [1, 3, 2], traj: ['2.5', '', '2'] });
    const r = spc(t, { value: 'v', date: 'd', trajectory: 'traj' });
    expect(r.rows.map((x) => x.trajectory)).toEqual([2.5, null, 2]);
    expect(r.rows[0].upl).toBeCloseTo(2 + 2.66 * 1.5, 12);
  });
});

describe('bad input', () => {
  it('dates that do not parse, impossible dates', () => {
    expect(parseSpcDate('2019-02-30')).toBeNull();
    expect(parseSpcDate('01/04/2018')).toBe(Date.UTC(2018, 3, 1));
    expect(parseSpcDate('2018-04')).toBe(Date.UTC(2018, 3, 1));
    const t = aq.table({ d: ['2018-01-01', 'Jan 2018'], v: [1, 2] });
    expect(() => spc(t, { value: 'v', date: 'd' })).toThrow(
      'table passed to spc(), row 2, column "d": expected a date (YYYY-MM-DD, YYYY-MM or DD/MM/YYYY), found "Jan 2018"',
    );
  });
  it('non-numeric and missing values name the row', () => {
    const t = aq.table({ d: ['2018-01-01', '2018-02-01'], v: ['1.5', 'n/a'] });
    expect(() => spc(t, { value: 'v', date: 'd', source: { file: 'x.csv', firstDataLine: 2 } })).toThrow(
      /^x\.csv, line 3, column "v": expected a number, found "n\/a"/,
    );
  });
  it('duplicate dates within a group (not across groups)', () => {
    const t = aq.table({ d: ['2018-01-01', '2018-02-01', '2018-01-01'], g: ['A', 'A', 'B'], v: [1, 2, 3] });
    expect(spc(t, { value: 'v', date: 'd', facet: 'g' }).rows).toHaveLength(3);
    const dup = aq.table({ d: ['2018-01-01', '2018-02-01', '2018-01-01'], g: ['A', 'A', 'A'], v: [1, 2, 3] });
    expect(() => spc(dup, { value: 'v', date: 'd', facet: 'g', source: { file: 'x.csv', firstDataLine: 2 } })).toThrow(
      'x.csv, line 4, column "d": the date 2018-01-01 appears twice in group "A" (also at line 2); one value per date',
    );
  });
  it('unknown columns and rebase groups', () => {
    const t = aq.table({ d: ['2018-01-01'], v: [1] });
    expect(() => spc(t, { value: 'value', date: 'd' })).toThrow(/column "value": no such column/);
    expect(() => spcSeries(monthly([1, 2]), { rebase: { X: ['2018-01-01'] } })).toThrow(/rebase: "X" is not a value of the facet/);
  });
  it('the output table has NHSRplotthedots column names first', () => {
    expect(
      spcTable(spcSeries(monthly([1, 2, 3])))
        .columnNames()
        .slice(0, 6),
    ).toEqual(['y', 'x', 'f', 'trajectory', 'rebase_group', 'short_group_warning']);
  });
});
