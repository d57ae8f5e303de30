import { describe, it, expect } from 'vitest';
import * as aq from 'arquero';
import { recentTrend, TREND_CHI_SQUARED_THRESHOLD, type TrendPoint } from './trend.js';
import { qchisq } from './distributions.js';

// Worked cases from FingertipsNext (dhsc-govuk/FingertipsNext, MIT):
// trend-analysis/TrendAnalysisApp.UnitTests/Calculator/IndicatorTestData.cs at commit
// 93eaebb011b345eb32d922722fc07b14f343d06d (values, polarity, value type) and
// trend-analysis/TrendAnalysisApp.UnitTests/Calculator/TrendCalculatorTests.cs at commit
// b946c19144d0f04efc2fdb164e8788b9a6dc664d (expected trends, "as per [the Fingertips] website").
// Whether the chi-squared test is used comes from `UseProportionsForTrend` in the same file at
// commit 06122b0aefa3d8e71a8049a009d240c10ab18ced (true only for diabetes prevalence).
const DIABETES: TrendPoint[] = [
  { period: 2024, count: 3938080, value: 7.6554, denominator: 51441896, lower95: 7.6481, upper95: 7.6669 },
  { period: 2023, count: 3774801, value: 7.4528, denominator: 50649129, lower95: 7.4456, upper95: 7.4643 },
  { period: 2022, count: 3625401, value: 7.2571, denominator: 49956777, lower95: 7.2499, upper95: 7.2684 },
  { period: 2021, count: 3491868, value: 7.1085, denominator: 49122259, lower95: 7.1013, upper95: 7.1199 },
  { period: 2020, count: 3455176, value: 7.0826, denominator: 48783947, lower95: 7.0754, upper95: 7.094 },
];
const GP_65_PLUS: TrendPoint[] = [
  { period: 2024, count: 11246440, value: 17.7872, denominator: 63227624 },
  { period: 2023, count: 11034431, value: 17.6782, denominator: 62418295 },
  { period: 2022, count: 10851467, value: 17.6087, denominator: 61625745 },
  { period: 2021, count: 10547929, value: 17.3646, denominator: 60744002 },
  { period: 2020, count: 10588957, value: 17.5144, denominator: 60458658 },
];
const YORKSHIRE_MMR: TrendPoint[] = [
  { period: 2024, count: 53185, value: 90.1013, denominator: 59028, lower95: 89.8578, upper95: 90.3396 },
  { period: 2023, count: 51767, value: 90.017, denominator: 57508, lower95: 89.7694, upper95: 90.2594 },
  { period: 2022, count: 53681, value: 90.8708, denominator: 59074, lower95: 90.6358, upper95: 91.1004 },
  { period: 2021, count: 55865, value: 92.3221, denominator: 60511, lower95: 92.1072, upper95: 92.5315 },
  { period: 2020, count: 57274, value: 92.6254, denominator: 61834, lower95: 92.4168, upper95: 92.8288 },
];
const DIABETIC_EYE: TrendPoint[] = [
  { period: 2024, count: 1502, value: 3.0121, denominator: 49866388, lower95: 2.8616, upper95: 3.1683 },
  { period: 2023, count: 1415, value: 2.8701, denominator: 49300918, lower95: 2.7225, upper95: 3.0237 },
  { period: 2022, count: 1344, value: 2.7567, denominator: 48753376, lower95: 2.6113, upper95: 2.9082 },
  { period: 2021, count: 935, value: 1.93028, denominator: 48440507, lower95: 1.8085, upper95: 2.058 },
  { period: 2020, count: 1416, value: 2.935, denominator: 48246126, lower95: 2.7841, upper95: 3.0919 },
];
const EMERGENCY_READMISSIONS: TrendPoint[] = [
  { period: 2024, count: 939199, value: 14.8, denominator: 6340538, lower95: 14.8, upper95: 14.8 },
  { period: 2023, count: 835533, value: 14.2, denominator: 5892913, lower95: 14.1, upper95: 14.2 },
  { period: 2022, count: 861406, value: 14.3, denominator: 6006520, lower95: 14.3, upper95: 14.4 },
  { period: 2021, count: 772357, value: 15.4, denominator: 5004131, lower95: 15.4, upper95: 15.5 },
  { period: 2020, count: 927525, value: 14.3, denominator: 6490048, lower95: 14.3, upper95: 14.3 },
];
// The 2023 value is written `120/7742` in the C# test data: integer division, so 0 in the test as
// run; the evident intent is 120.7742. Both give the expected trend.
const cancer = (v2023: number): TrendPoint[] => [
  { period: 2023, count: 59423, value: v2023, denominator: 52380101, lower95: 119.8035, upper95: 121.7507 },
  { period: 2022, count: 60192, value: 122.3782, denominator: 51966274, lower95: 121.4012, upper95: 123.361 },
  { period: 2021, count: 60202, value: 121.5234, denominator: 51653460, lower95: 120.5533, upper95: 122.4993 },
  { period: 2020, count: 61740, value: 125.829, denominator: 51530437, lower95: 124.8371, upper95: 126.8268 },
  { period: 2019, count: 61807, value: 126.9341, denominator: 51510878, lower95: 125.9343, upper95: 127.94 },
];

describe('recentTrend: FingertipsNext worked cases', () => {
  it('diabetes prevalence (proportion, chi-squared test, no judgement) → Increasing', () => {
    const r = recentTrend(DIABETES, { valueType: 'Proportion', polarity: 'Not applicable' });
    expect(r.label).toBe('Increasing');
    expect(r.test).toBe('chi-squared');
    expect(r.chiSquared!).toBeCloseTo(16494.755906619, 4); // hand calculation from the formula (Python)
    expect(r.slope!).toBeCloseTo(0.02189182570328512, 12);
    expect(r.periods).toEqual([2020, 2021, 2022, 2023, 2024]);
  });
  it('Yorkshire MMR coverage (proportion, weighted regression, high is good) → Decreasing and getting worse', () => {
    const r = recentTrend(YORKSHIRE_MMR, { valueType: 'Proportion', test: 'weighted-regression', polarity: 'High is good' });
    expect(r.label).toBe('Decreasing and getting worse');
    expect(r).toMatchObject({ direction: -1, significanceCode: -1 });
    expect(r.chiSquared!).toBeCloseTo(418.5365685312782, 8);
    expect(r.slope!).toBeCloseTo(-0.7405107315618528, 12);
  });
  it('preventable sight loss (crude rate, low is good; 2021 dip survives leave-one-out) → Increasing and getting worse', () => {
    const r = recentTrend(DIABETIC_EYE, { valueType: 'Crude rate', polarity: 'Low is good' });
    expect(r.label).toBe('Increasing and getting worse');
    expect(r.chiSquared!).toBeCloseTo(33.48578067368996, 8);
    expect(r.slope!).toBeCloseTo(0.13984364887629136, 12);
  });
  it('emergency readmissions (indirectly standardised proportion) → Cannot be calculated', () => {
    const r = recentTrend(EMERGENCY_READMISSIONS, { valueType: 'Indirectly standardised proportion', polarity: 'Low is good' });
    expect(r.label).toBe('Cannot be calculated');
    expect(r.reason).toMatch(/value type/);
  });
  it('under-75 cancer mortality (DSR, low is good) → Decreasing and getting better', () => {
    for (const v of [0, 120.7742]) {
      expect(recentTrend(cancer(v), { valueType: 'Directly standardised rate', polarity: 'Low is good' }).label).toBe('Decreasing and getting better');
    }
    expect(recentTrend(cancer(120.7742), { polarity: 'low-is-good' }).chiSquared!).toBeCloseTo(97.09532066901856, 8);
  });
  it('four points → Cannot be calculated', () => {
    const r = recentTrend(cancer(120.7742).slice(1), { valueType: 'Directly standardised rate', polarity: 'Low is good' });
    expect(r.label).toBe('Cannot be calculated');
    expect(r.reason).toMatch(/not enough data points/);
  });
  it('GP registered population 65+ (no confidence limits): Cannot be calculated by regression — a deliberate difference', () => {
    // FingertipsNext expects "No change" here: its regression silently drops the points without
    // limits and ends with NaN. healthgap says why it cannot calculate instead.
    const r = recentTrend(GP_65_PLUS, { valueType: 'Proportion', test: 'weighted-regression' });
    expect(r.label).toBe('Cannot be calculated');
    expect(r.reason).toMatch(/95% confidence limits has 0/);
    // with counts and denominators the chi-squared test can run: a significant increase
    const c = recentTrend(GP_65_PLUS, { valueType: 'Proportion' });
    expect(c.label).toBe('Increasing');
    expect(c.chiSquared!).toBeCloseTo(3167.7987924481918, 5);
  });
});

describe('recentTrend: hand-worked cases', () => {
  const series = (ys: number[], halfWidth = 1.96): TrendPoint[] =>
    ys.map((y, i) => ({ period: 2015 + i, value: y, lower95: y - halfWidth, upper95: y + halfWidth }));
  it('the threshold is the 99.8% point of chi-squared on 1 df', () => {
    expect(TREND_CHI_SQUARED_THRESHOLD).toBeCloseTo(qchisq(0.998, 1), 9);
  });
  it('weighted regression: y = 1..5 with SE 1 gives slope 1, χ² = 10 (significant)', () => {
    const r = recentTrend(series([1, 2, 3, 4, 5]), { polarity: 'high-is-good' });
    expect(r.slope).toBeCloseTo(1, 12);
    expect(r.chiSquared).toBeCloseTo(10, 10);
    expect(r.label).toBe('Increasing and getting better');
    // SE 1.1: χ² = 10/1.21 = 8.264 < 9.5495 → no significant change
    const s = recentTrend(series([1, 2, 3, 4, 5], 1.96 * 1.1), { polarity: 'high-is-good' });
    expect(s.chiSquared).toBeCloseTo(10 / 1.21, 10);
    expect(s.label).toBe('No significant change');
    expect(recentTrend(series([5, 4, 3, 2, 1]), { polarity: 'high-is-good' }).label).toBe('Decreasing and getting worse');
    expect(recentTrend(series([5, 4, 3, 2, 1]), { polarity: 'low-is-good' }).label).toBe('Decreasing and getting better');
    expect(recentTrend(series([5, 4, 3, 2, 1])).label).toBe('Decreasing');
  });
  it('leave-one-out rule: a huge χ² is not enough when dropping the last point reverses the slope', () => {
    // all points: slope 3.6; without the 5th point, [12, 10, 10, 10] slopes down
    const r = recentTrend(series([12, 10, 10, 10, 30], 0.196));
    expect(r.slope).toBeCloseTo(3.6, 10);
    expect(r.chiSquared!).toBeGreaterThan(1000);
    expect(r.label).toBe('No significant change');
  });
  it('chi-squared test for trend: x = 10..50 of 100 → χ² = 1000/21', () => {
    const pts = [10, 20, 30, 40, 50].map((x, i) => ({ period: 2010 + i, value: x, count: x, denominator: 100 }));
    const r = recentTrend(pts, { test: 'chi-squared', polarity: 1 });
    expect(r.chiSquared).toBeCloseTo(1000 / 21, 10);
    expect(r.label).toBe('Increasing and getting better');
    // slope of logit(x/(n−x)) on t, least squares
    const logit = [10, 20, 30, 40, 50].map((x) => Math.log(x / (100 - x)));
    const slope = logit.reduce((s, y, i) => s + (i + 1 - 3) * y, 0) / 10;
    expect(r.slope).toBeCloseTo(slope, 12);
  });
  it('eligibility rules', () => {
    const ok5 = series([1, 2, 3, 4, 5]);
    expect(recentTrend(ok5, { yearRange: 3 }).reason).toMatch(/year range/);
    // an invalid point inside the last five breaks the run
    const broken = series([1, 2, 3, 4, 5, 6]);
    broken[4] = { ...broken[4], lower95: null };
    expect(recentTrend(broken).reason).toMatch(/latest unbroken run .* has 1; 5 are needed/);
    // an invalid point before the last five does not matter; the last 5 of 6 are used
    const early = series([100, 2, 3, 4, 5, 6]);
    early[0] = { ...early[0], value: null };
    const e = recentTrend(early);
    expect(e.periods).toEqual([2016, 2017, 2018, 2019, 2020]);
    expect(recentTrend(series([1, 2, 3, 4, 5, 6])).periods).toEqual([2016, 2017, 2018, 2019, 2020]);
    // count equal to denominator
    const full = [10, 20, 30, 40, 100].map((x, i) => ({ period: i, value: x, count: x, denominator: 100 }));
    expect(recentTrend(full, { test: 'chi-squared' }).reason).toMatch(/count equal to its denominator/);
    const zero = [0, 20, 30, 40, 50].map((x, i) => ({ period: i, value: x, count: x, denominator: 100 }));
    expect(recentTrend(zero, { test: 'chi-squared' }).reason).toMatch(/count of 0/);
    const flat = series([1, 2, 3, 4, 5]);
    flat[2] = { ...flat[2], lower95: 3, upper95: 3 };
    expect(recentTrend(flat).reason).toMatch(/zero-width/);
  });
  it('sorts points by period', () => {
    const e = DIABETIC_EYE;
    const r = recentTrend([e[2], e[0], e[4], e[1], e[3]], { polarity: 0 });
    expect(r.label).toBe('Increasing and getting worse');
    expect(r.periods).toEqual([2020, 2021, 2022, 2023, 2024]);
  });
});

describe('recentTrend as a table verb (one trend per group)', () => {
  const rows: Record<string, unknown>[] = [];
  for (const [area, pts] of [
    ['E08000027', DIABETIC_EYE],
    ['E08000028', cancer(120.7742)],
    ['E08000029', cancer(120.7742).slice(1)],
  ] as const) {
    for (const p of pts)
      rows.push({
        area_code: area,
        year: p.period,
        value: p.value,
        lower95_0cl: p.lower95,
        upper95_0cl: p.upper95,
        count: p.count,
        denominator: p.denominator,
      });
  }
  const t = aq.from(rows);
  it('returns group columns and the trend columns', () => {
    const out = recentTrend(t.groupby('area_code'), { period: 'year', polarity: 'low-is-good' });
    expect(out.columnNames()).toEqual([
      'area_code',
      'trend',
      'trend_direction',
      'trend_significance_code',
      'trend_test',
      'chi_squared',
      'slope',
      'latest_period',
      'points_used',
      'trend_reason',
    ]);
    expect(out.array('trend')).toEqual(['Increasing and getting worse', 'Decreasing and getting better', 'Cannot be calculated']);
    expect(out.array('latest_period')).toEqual([2024, 2023, null]);
    expect(out.array('points_used')).toEqual([5, 5, 0]);
    expect(out.array('trend_significance_code')).toEqual([-1, 1, null]);
  });
  it('rejects a series with a repeated period (ungrouped table of several areas)', () => {
    expect(() => recentTrend(t, { period: 'year' })).toThrow(/row 6, column "year": period 2023 appears more than once/);
  });
});
