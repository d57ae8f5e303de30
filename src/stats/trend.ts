/**
 * Fingertips "recent trend": is an indicator significantly increasing or decreasing over its
 * last five single-year points? A plain function on one series of points, and a table verb that
 * gives one trend per group (area, sex, age, ...).
 *
 * Method (OHID Fingertips, `ukhsa-collaboration/fingertips-open` (MIT) commit
 * 678089724a516138232d273c4c7f511ed3c5a338, `PholioVisualisationWS/Analysis/TrendMarkers/TrendMarkerCalculator.cs`
 * and `TrendRequest.cs`; the port in `dhsc-govuk/FingertipsNext` (MIT) commit
 * 5f00d7653955867e0aadf623b3baf0b2228385ba, `trend-analysis/TrendAnalysisApp/Calculator/Legacy/`):
 *
 * 1. Eligibility: single-year periods (year range 1); at least 5 points; the most recent unbroken
 *    run of valid points has at least 5 points; no point has count equal to its denominator.
 * 2. The last 5 valid points are numbered t = 1 … 5 (oldest first).
 * 3. Proportions (`test: 'chi-squared'`, Fingertips' "SPC for proportions" indicators): the
 *    chi-squared test for trend, with N = Σn, X = Σx:
 *    χ² = N·(N·Σx·t − X·Σn·t)² / (X·(N − X)·(N·Σn·t² − (Σn·t)²)).
 *    The slope is the least-squares slope of logit = ln(x/(n − x)) on t.
 * 4. Other indicators (`test: 'weighted-regression'`): inverse-variance weighted regression of the
 *    value on t with SE = (upper95 − lower95)/3.92, weights w = 1/SE²:
 *    slope = (Σw·Σwyt − Σwt·Σwy)/(Σw·Σwt² − (Σwt)²), SE(slope) = √(Σw/(Σw·Σwt² − (Σwt)²)), χ² = (slope/SE)².
 * 5. Significant when χ² > 9.54953570608324 (the 99.8% point of χ² on 1 df) AND the slope has the
 *    same sign in the fit on all 5 points and in each of the 5 leave-one-out fits (6 fits; a
 *    zero slope counts as positive, as in Fingertips). Leave-one-out fits keep the original t.
 * 6. Labels: "Increasing and getting better", "Increasing and getting worse", "Decreasing and
 *    getting better", "Decreasing and getting worse" for RAG polarities; "Increasing" /
 *    "Decreasing" for no judgement; "No significant change"; "Cannot be calculated" (with the reason).
 *
 * Where healthgap differs from Fingertips, on purpose:
 * - The weighted regression needs only value and 95% limits (Fingertips also demands a count and
 *   denominator it does not use); the chi-squared test needs count and denominator (not limits).
 *   Points lacking what the test needs break the run of valid points. Fingertips silently drops
 *   points without limits and can return "No significant change" from an empty fit (a NaN χ²);
 *   healthgap says "Cannot be calculated" instead.
 * - A zero count (logit undefined) or a zero-width confidence interval (infinite weight) makes the
 *   trend "Cannot be calculated" with that reason, where Fingertips' arithmetic would yield NaN.
 * - The slope sign of the chi-squared test comes from the all-points logit fit (as FingertipsNext
 *   fixed; the older fingertips-open code left it unset).
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { normalisePolarity, type Polarity, type PolarityInput } from './benchmark.js';
import { VerbContext, buildOutput, type OutputColumn, type VerbSource } from './verb.js';

/** χ² on 1 degree of freedom at 99.8% (Fingertips `ChiSquareConfidence`). */
export const TREND_CHI_SQUARED_THRESHOLD = 9.54953570608324;
/** Number of most recent points the trend uses. */
export const TREND_POINTS = 5;

/** The recent-trend labels, exactly as Fingertips shows them. */
export type RecentTrendLabel =
  | 'Increasing and getting better'
  | 'Increasing and getting worse'
  | 'Decreasing and getting better'
  | 'Decreasing and getting worse'
  | 'Increasing'
  | 'Decreasing'
  | 'No significant change'
  | 'Cannot be calculated';

/** One point of a time series. Missing numbers are null. */
export interface TrendPoint {
  /** Sortable period (a year such as 2019, or Fingertips' "Time period Sortable" 20190000). Points are sorted by it when given. */
  period?: number | string | null;
  value: number | null | undefined;
  lower95?: number | null;
  upper95?: number | null;
  count?: number | null;
  denominator?: number | null;
}

/** Which significance test to use. */
export type TrendTest = 'chi-squared' | 'weighted-regression';

/** Options for {@link recentTrend}. */
export interface RecentTrendOptions {
  /** Polarity (default no judgement: "Increasing"/"Decreasing"). */
  polarity?: PolarityInput;
  /**
   * The test. Default: 'chi-squared' when `valueType` is 'proportion', else 'weighted-regression'.
   * (In Fingertips the chi-squared test is used for indicators benchmarked by SPC for proportions.)
   */
  test?: TrendTest;
  /**
   * Value type of the indicator, when known. Fingertips calculates trends only for proportions and
   * crude rates (FingertipsNext adds directly standardised rates); other types are "Cannot be calculated".
   * Accepted: 'proportion', 'crude rate', 'directly standardised rate' (or 'dsr'); anything else is ineligible.
   */
  valueType?: string;
  /** Years per period (default 1). Trends are only calculated for single-year periods. */
  yearRange?: number;
}

/** Result of a recent-trend calculation. */
export interface RecentTrendResult {
  label: RecentTrendLabel;
  /** 1 increasing, −1 decreasing, 0 no significant change, null when not calculated. */
  direction: number | null;
  /** Judged by polarity: 1 getting better, −1 getting worse, 0 no significant change or no judgement; null when not calculated. */
  significanceCode: number | null;
  /** The test used (null when not calculated). */
  test: TrendTest | null;
  /** χ² statistic of the all-points fit (null when not calculated). */
  chiSquared: number | null;
  /** Slope of the all-points fit: per period on the value scale (regression) or of the logit (chi-squared). */
  slope: number | null;
  /** Periods of the points used, oldest first. */
  periods: (number | string | null)[];
  /** Why the trend cannot be calculated (null otherwise). */
  reason: string | null;
}

const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function cannot(reason: string): RecentTrendResult {
  return { label: 'Cannot be calculated', direction: null, significanceCode: null, test: null, chiSquared: null, slope: null, periods: [], reason };
}

const VALUE_TYPES: Record<string, boolean> = {
  proportion: true,
  'crude rate': true,
  'directly standardised rate': true,
  'directly standardized rate': true,
  dsr: true,
};

function defaultTest(valueType: string | undefined): TrendTest {
  return valueType !== undefined && valueType.trim().toLowerCase() === 'proportion' ? 'chi-squared' : 'weighted-regression';
}

function comparePeriods(a: number | string | null | undefined, b: number | string | null | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && String(a).trim() !== '' && String(b).trim() !== '') return na - nb;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** Least-squares slope of y on t. */
function olsSlope(t: number[], y: number[]): number {
  const n = t.length;
  let st = 0,
    sy = 0,
    sty = 0,
    stt = 0;
  for (let i = 0; i < n; i++) {
    st += t[i];
    sy += y[i];
    sty += t[i] * y[i];
    stt += t[i] * t[i];
  }
  return (n * sty - sy * st) / (n * stt - st * st);
}

/** Weighted least-squares slope of y on t with weights w, and χ² = (slope/SE)². */
function wlsSlope(t: number[], y: number[], w: number[]): { slope: number; chi2: number } {
  let s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    s5 = 0;
  for (let i = 0; i < t.length; i++) {
    s1 += w[i];
    s2 += w[i] * y[i] * t[i];
    s3 += w[i] * t[i];
    s4 += w[i] * y[i];
    s5 += w[i] * t[i] * t[i];
  }
  const det = s1 * s5 - s3 * s3;
  const slope = (s1 * s2 - s3 * s4) / det;
  const se = Math.sqrt(s1 / det);
  return { slope, chi2: (slope / se) ** 2 };
}

/**
 * The Fingertips recent trend of one series (see the module comment for the method).
 * Points may be in any order when `period` is given (they are sorted by it), otherwise oldest first.
 * @example
 * // Preventable sight loss from diabetic eye disease, England 2020–2024 (FingertipsNext test data): low is good
 * recentTrend([
 *   { period: 2020, value: 2.935, lower95: 2.7841, upper95: 3.0919 },
 *   { period: 2021, value: 1.93028, lower95: 1.8085, upper95: 2.058 },
 *   { period: 2022, value: 2.7567, lower95: 2.6113, upper95: 2.9082 },
 *   { period: 2023, value: 2.8701, lower95: 2.7225, upper95: 3.0237 },
 *   { period: 2024, value: 3.0121, lower95: 2.8616, upper95: 3.1683 },
 * ], { polarity: 'low-is-good', valueType: 'crude rate' }).label // 'Increasing and getting worse'
 */
export function recentTrend(points: readonly TrendPoint[], options?: RecentTrendOptions): RecentTrendResult;
/**
 * Table verb: one recent trend per group of a grouped table (group by area, sex, age, ...).
 * Returns the group columns then `trend` (label), `trend_direction`, `trend_significance_code`,
 * `trend_test`, `chi_squared`, `slope`, `latest_period`, `points_used` and `trend_reason`.
 * @example recentTrend(data.groupby('area_code'), { period: 'year', polarity: 'low-is-good', valueType: 'crude rate' })
 */
export function recentTrend(table: ColumnTable, options: RecentTrendTableOptions): ColumnTable;
export function recentTrend(
  a: readonly TrendPoint[] | ColumnTable,
  options: RecentTrendOptions | RecentTrendTableOptions = {},
): RecentTrendResult | ColumnTable {
  if (!Array.isArray(a)) return trendTable(a as ColumnTable, options as RecentTrendTableOptions);
  const polarity = normalisePolarity(options.polarity ?? 'no-judgement');
  return trendOne(a as readonly TrendPoint[], options, polarity);
}

function trendOne(input: readonly TrendPoint[], options: RecentTrendOptions, polarity: Polarity): RecentTrendResult {
  const test = options.test ?? defaultTest(options.valueType);
  if (test !== 'chi-squared' && test !== 'weighted-regression')
    throw new HealthgapError(`unknown trend test "${String(test)}": use chi-squared or weighted-regression`);
  if (options.valueType !== undefined && !VALUE_TYPES[options.valueType.trim().toLowerCase()]) {
    return cannot(
      `the recent trend cannot be calculated for this value type (${options.valueType}); only proportions, crude rates and directly standardised rates`,
    );
  }
  if ((options.yearRange ?? 1) !== 1) return cannot('the recent trend cannot be calculated for this year range (periods must be single years)');
  if (input.length < TREND_POINTS) return cannot(`not enough data points to calculate recent trend (${input.length}; 5 are needed)`);

  const hasPeriods = input.every((p) => p.period !== undefined && p.period !== null);
  const sorted = hasPeriods ? [...input].sort((p, q) => comparePeriods(p.period, q.period)) : [...input];

  // the most recent unbroken run of valid points
  const valid = (p: TrendPoint): boolean => {
    if (!ok(p.value)) return false;
    if (test === 'chi-squared') return ok(p.count) && ok(p.denominator) && p.denominator > 0 && p.count >= 0;
    return ok(p.lower95) && ok(p.upper95);
  };
  const run: TrendPoint[] = [];
  for (let i = sorted.length - 1; i >= 0 && valid(sorted[i]); i--) run.unshift(sorted[i]);
  if (run.length < TREND_POINTS) {
    const need = test === 'chi-squared' ? 'a value, count and denominator' : 'a value and 95% confidence limits';
    return cannot(
      `not enough data points with valid values to calculate recent trend (the latest unbroken run of points with ${need} has ${run.length}; 5 are needed)`,
    );
  }
  if (run.some((p) => ok(p.count) && ok(p.denominator) && p.count === p.denominator)) {
    return cannot('the recent trend cannot be calculated: a point has count equal to its denominator');
  }
  const pts = run.slice(-TREND_POINTS);
  const t = [1, 2, 3, 4, 5];

  let slope: number;
  let chi2: number;
  let fit: (keep: number[]) => number;
  if (test === 'chi-squared') {
    if (pts.some((p) => p.count === 0)) return cannot('the recent trend cannot be calculated: a point has a count of 0 (its logit is undefined)');
    let N = 0,
      X = 0,
      sxt = 0,
      snt = 0,
      snt2 = 0;
    const logit: number[] = [];
    pts.forEach((p, i) => {
      const x = p.count as number;
      const n = p.denominator as number;
      N += n;
      X += x;
      sxt += x * t[i];
      snt += n * t[i];
      snt2 += n * t[i] * t[i];
      logit.push(Math.log(x / (n - x)));
    });
    chi2 = (N * (N * sxt - X * snt) ** 2) / (X * (N - X) * (N * snt2 - snt * snt));
    fit = (keep) =>
      olsSlope(
        keep.map((i) => t[i]),
        keep.map((i) => logit[i]),
      );
  } else {
    const w: number[] = [];
    for (const p of pts) {
      const se = ((p.upper95 as number) - (p.lower95 as number)) / 3.92;
      if (!(se > 0)) return cannot('the recent trend cannot be calculated: a point has a zero-width (or inverted) 95% confidence interval');
      w.push(1 / (se * se));
    }
    const y = pts.map((p) => p.value as number);
    const all = wlsSlope(t, y, w);
    chi2 = all.chi2;
    fit = (keep) =>
      wlsSlope(
        keep.map((i) => t[i]),
        keep.map((i) => y[i]),
        keep.map((i) => w[i]),
      ).slope;
  }
  slope = fit([0, 1, 2, 3, 4]);
  let signSum = slope < 0 ? -1 : 1;
  for (let drop = 0; drop < TREND_POINTS; drop++) {
    const s = fit([0, 1, 2, 3, 4].filter((i) => i !== drop));
    signSum += s < 0 ? -1 : 1;
  }
  const significant = Math.abs(signSum) === TREND_POINTS + 1 && chi2 > TREND_CHI_SQUARED_THRESHOLD;
  const direction = significant ? (slope > 0 ? 1 : slope < 0 ? -1 : 0) : 0;
  const periods = pts.map((p) => (p.period ?? null) as number | string | null);
  const base = { test, chiSquared: chi2, slope, periods, reason: null };
  if (direction === 0) return { label: 'No significant change', direction: 0, significanceCode: 0, ...base };
  if (polarity === 'no-judgement' || polarity === 'not-applicable') {
    return { label: direction > 0 ? 'Increasing' : 'Decreasing', direction, significanceCode: 0, ...base };
  }
  const better = direction > 0 === (polarity === 'high-is-good');
  const label = `${direction > 0 ? 'Increasing' : 'Decreasing'} and getting ${better ? 'better' : 'worse'}` as RecentTrendLabel;
  return { label, direction, significanceCode: better ? 1 : -1, ...base };
}

/** Options for the table form of {@link recentTrend}. */
export interface RecentTrendTableOptions extends Omit<RecentTrendOptions, 'polarity'> {
  /** Period column, sortable (required): a year, or Fingertips' "Time period Sortable". */
  period: string;
  /** Value column (default `value`). */
  value?: string;
  /** 95% limit columns (default `lower95_0cl`/`upper95_0cl` when present, else `lowercl`/`uppercl`). */
  lower?: string;
  upper?: string;
  /** Count and denominator columns (defaults `count`, `denominator`, used when present). */
  count?: string;
  denominator?: string;
  /** Polarity for every group, or `polarityColumn` (per group, from its first row). */
  polarity?: PolarityInput;
  polarityColumn?: string;
  /** Where the table came from (for error messages). */
  source?: VerbSource;
}

function trendTable(table: ColumnTable, opts: RecentTrendTableOptions): ColumnTable {
  const ctx = new VerbContext(table, 'recentTrend', opts.source);
  if (!opts.period) throw new HealthgapError('recentTrend: name the period column (period: "year")');
  const names = table.columnNames();
  ctx.requireColumns(opts.period, opts.value ?? 'value');
  const pick = (given: string | undefined, cands: string[]) => given ?? cands.find((c) => names.includes(c));
  const lowerCol = pick(opts.lower, ['lower95_0cl', 'lowercl']);
  const upperCol = pick(opts.upper, ['upper95_0cl', 'uppercl']);
  const countCol = pick(opts.count, ['count']);
  const denCol = pick(opts.denominator, ['denominator']);
  const n = table.totalRows();
  const none = new Float64Array(n).fill(NaN);
  const value = ctx.numeric(opts.value ?? 'value');
  const lower = lowerCol ? ctx.numeric(lowerCol) : none;
  const upper = upperCol ? ctx.numeric(upperCol) : none;
  const count = countCol ? ctx.numeric(countCol) : none;
  const den = denCol ? ctx.numeric(denCol) : none;
  const periodCol = table.column(opts.period)!;
  const polCol = opts.polarityColumn ? (ctx.requireColumns(opts.polarityColumn), table.column(opts.polarityColumn)!) : null;
  const basePolarity = normalisePolarity(opts.polarity ?? 'no-judgement');
  const num = (x: number) => (x === x ? x : null);

  const g = ctx.groups;
  const label: string[] = [];
  const dir: (number | null)[] = [];
  const sig: (number | null)[] = [];
  const testUsed: (string | null)[] = [];
  const chi: (number | null)[] = [];
  const slope: (number | null)[] = [];
  const latest: unknown[] = [];
  const used: number[] = [];
  const reason: (string | null)[] = [];
  for (let k = 0; k < g.size; k++) {
    const rows = g.rows[k];
    const pts: TrendPoint[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const period = periodCol.at(r) as number | string | null;
      if (period === null || period === undefined || period === '') throw ctx.error('expected a period, found a blank cell', r, opts.period);
      const key = String(period);
      if (seen.has(key))
        throw ctx.error(
          `period ${key} appears more than once in a group: group the table by area (and sex, age, ...) so each group is one series`,
          r,
          opts.period,
        );
      seen.add(key);
      pts.push({ period, value: num(value[r]), lower95: num(lower[r]), upper95: num(upper[r]), count: num(count[r]), denominator: num(den[r]) });
    }
    let polarity = basePolarity;
    if (polCol) {
      const raw = polCol.at(rows[0]);
      if (raw !== null && raw !== undefined && raw !== '') {
        try {
          polarity = normalisePolarity(raw as PolarityInput);
        } catch (e) {
          throw ctx.error((e as Error).message, rows[0], opts.polarityColumn);
        }
      }
    }
    const res = trendOne(pts, opts, polarity);
    label.push(res.label);
    dir.push(res.direction);
    sig.push(res.significanceCode);
    testUsed.push(res.test);
    chi.push(res.chiSquared);
    slope.push(res.slope);
    latest.push(res.periods.length ? res.periods[res.periods.length - 1] : null);
    used.push(res.periods.length);
    reason.push(res.reason);
  }
  const cols: OutputColumn[] = [
    ...ctx.groupColumns(),
    { name: 'trend', role: 'value', values: label },
    { name: 'trend_direction', role: 'value', values: dir },
    { name: 'trend_significance_code', role: 'value', values: sig },
    { name: 'trend_test', role: 'meta', values: testUsed },
    { name: 'chi_squared', role: 'value', values: chi },
    { name: 'slope', role: 'value', values: slope },
    { name: 'latest_period', role: 'value', values: latest },
    { name: 'points_used', role: 'value', values: used },
    { name: 'trend_reason', role: 'value', values: reason },
  ];
  return buildOutput(cols, 'full');
}
