/**
 * Fingertips benchmarking: is an area's value better, similar or worse than a benchmark (England,
 * its region, a peer group)? The comparator methods, polarity rules and labels of OHID Fingertips,
 * as a plain function for one area and as an arquero table verb.
 *
 * References (read for this module; no code copied):
 * - OHID Fingertips, `ukhsa-collaboration/fingertips-open` (MIT), commit 678089724a516138232d273c4c7f511ed3c5a338
 *   and earlier: `PholioVisualisationWS/Analysis/IndicatorComparer.cs`,
 *   `SingleOverlappingCIsForOneCILevelComparer.cs` (method 1), `SingleOverlappingCIsForTwoCILevelsComparer.cs`
 *   (17), `DoubleOverlappingCIsComparer.cs` (12), `SpcForProportionsComparer.cs` (5), `SpcForDsrComparer.cs` and
 *   `StatisticalMethods.cs` (6), `QuintilesComparer.cs` / `QuartilesComparer.cs` / `ValueCategoriesCalculator.cs`
 *   (15 / 16), `Export/SignificanceFormatter.cs` (labels), `PholioObjects/Significance.cs`.
 * - FingertipsNext (`dhsc-govuk/FingertipsNext`, MIT): `BenchmarkComparisonEngine.cs`, `BenchmarkOutcome.cs`
 *   (the outcome names Best/Better/Similar/Worse/Worst, Highest/Higher/Lower/Lowest).
 * - Checked against the real export `data/fingertips/fingertips_93356_campylobacter_countyua_indicators-CountyUA.data.csv`:
 *   method 1 reproduces all 760 "Compared to England" and all 760 "Compared to Region" labels.
 *
 * Codes returned with every label, for charts (colour and marker shape):
 * - `significanceCode` (table column `significance_code`): judged against polarity. RAG: 1 Better, 0 Similar, −1 Worse, 2 Best / −2 Worst
 *   (outside the 99.8% limits, method 17). No judgement (BOB): 1 Higher, 0 Similar, −1 Lower, ±2 Highest/Lowest.
 *   Quintiles: −2 … 2 from the worst (or lowest) fifth to the best (or highest); quartiles −2, −1, 1, 2.
 *   `null` = Not compared.
 * - `direction`: the raw direction, whatever the polarity: 1 significantly higher, −1 lower, 0 similar
 *   (null for quintile/quartile methods and when not compared).
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import type { Polarity } from '../core/types.js';
import { normaliseComparatorMethod, normalisePolarity, type ComparatorMethodId, type ComparatorMethodInput, type PolarityInput } from './polarity.js';
import { roundHalfAwayDotNet } from '../core/rounding.js';
import { qchisq } from './distributions.js';
import { zFor } from './confidence.js';
import { VerbContext, type VerbSource } from './verb.js';

export {
  normaliseComparatorMethod,
  normalisePolarity,
  normalizeComparatorMethod,
  normalizePolarity,
  type ComparatorMethodId,
  type ComparatorMethodInput,
  type Polarity,
  type PolarityInput,
} from './polarity.js';

/** One area's figures for a comparison. Missing numbers are `null` (or undefined). */
export interface BenchmarkArea {
  value: number | null | undefined;
  lower95?: number | null;
  upper95?: number | null;
  /** 99.8% limits (method 17 only). */
  lower998?: number | null;
  upper998?: number | null;
  /** Denominator (methods 5 and 6). */
  denominator?: number | null;
}

/** The benchmark: a value, with its 95% limits for method 12. */
export interface BenchmarkValue {
  value: number | null | undefined;
  lower95?: number | null;
  upper95?: number | null;
}

/** Options for {@link compareToBenchmark}. */
export interface CompareOptions {
  /** Comparator method (default 1: benchmark inside the area's 95% CI). */
  method?: ComparatorMethodInput;
  /** Polarity (default `'no-judgement'`: Higher / Similar / Lower). */
  polarity?: PolarityInput;
  /**
   * Unit of the value for methods 5 and 6: the value is per `multiplier` (100 for a percentage,
   * 100000 for a rate per 100,000). Default 100 for method 5 and 100000 for method 6 — give it
   * explicitly when your values use another unit.
   */
  multiplier?: number;
  /** Confidence of the control limits for methods 5 and 6 (default 0.95; Fingertips also uses 0.998). */
  confidence?: number;
  /** Methods 15/16: the values of the whole comparison set (e.g. every county in England). */
  values?: ArrayLike<number | null | undefined>;
  /** Methods 15/16: precomputed bounds from {@link fingertipsQuantileBounds} (instead of `values`). */
  bounds?: readonly number[];
}

/** The result of one comparison. */
export interface BenchmarkComparison {
  /** The label as Fingertips writes it: Better/Similar/Worse, Higher/Similar/Lower, Not compared, quintile labels. */
  label: string;
  /** Polarity-judged code (see the module comment): 2, 1, 0, −1, −2, or null when not compared. */
  significanceCode: number | null;
  /** Raw direction: 1 significantly higher, 0 similar, −1 significantly lower; null when not compared or for quantiles. */
  direction: number | null;
  /** Quintile/quartile category, 1 = lowest values (methods 15/16 only; otherwise null). */
  category: number | null;
}

const NOT_COMPARED: BenchmarkComparison = Object.freeze({
  label: 'Not compared',
  significanceCode: null,
  direction: null,
  category: null,
}) as BenchmarkComparison;

const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Label for a polarity-free direction d (−2 … 2) under a polarity. */
function directionResult(d: number, polarity: Polarity): BenchmarkComparison {
  if (polarity === 'not-applicable') return NOT_COMPARED;
  if (polarity === 'no-judgement') {
    const label = d === 0 ? 'Similar' : d === 1 ? 'Higher' : d === -1 ? 'Lower' : d === 2 ? 'Highest' : 'Lowest';
    return { label, significanceCode: d, direction: Math.sign(d), category: null };
  }
  const s = polarity === 'low-is-good' ? -d : d;
  const label = s === 0 ? 'Similar' : s === 1 ? 'Better' : s === -1 ? 'Worse' : s === 2 ? 'Best' : 'Worst';
  return { label, significanceCode: s === 0 ? 0 : s, direction: Math.sign(d), category: null };
}

/**
 * Exact Poisson control limits for an expected count E at tail probability p, as Fingertips'
 * `StatisticalMethods.PoisLow/PoisHigh` define them for a possibly non-integer E:
 * lower λ with P(X ≥ E | λ) = p, i.e. χ²(p, 2⌈E⌉)/2 (0 when ⌈E⌉ = 0);
 * upper λ with P(X ≤ E | λ) = p, i.e. χ²(1 − p, 2⌊E⌋ + 2)/2.
 * (Fingertips finds the same λ by bisection; here the chi-squared quantile gives it at full precision.)
 * @example spcPoissonLimits(10, 0.025) // { lower: 4.795…, upper: 18.39… } (the exact 95% limits for 10)
 */
export function spcPoissonLimits(expected: number, p: number): { lower: number; upper: number } {
  const up = Math.ceil(expected);
  const down = Math.floor(expected);
  const lower = up <= 0 ? 0 : qchisq(p, 2 * up) / 2;
  const upper = qchisq(1 - p, 2 * down + 2) / 2;
  return { lower, upper };
}

/**
 * SPC control limits for a proportion p0 at denominator N (Fingertips comparator 5): Wilson-type
 * limits around the expected count E = N·p0:
 * (2E + z² ∓ z·√(z² + 4E(1 − E/N))) / (2(N + z²)), as proportions (not ×100).
 * @example spcProportionLimits(0.2, 1000, 0.95) // { lower: 0.1763…, upper: 0.2259… }
 */
export function spcProportionLimits(p0: number, n: number, confidence = 0.95): { lower: number; upper: number } {
  const z = zFor(confidence);
  const z2 = z * z;
  const e = n * p0;
  const b = z * Math.sqrt(z2 + 4 * e * (1 - e / n));
  const a = 2 * e + z2;
  const c = 2 * (n + z2);
  return { lower: (a - b) / c, upper: (a + b) / c };
}

/**
 * Fingertips' quintile / quartile bounds (`ValueCategoriesCalculator.GetCategoryBounds`): the
 * minimum, the percentiles at 1/k, 2/k, … (PERCENTILE.INC: rank (N − 1)·f + 1 with linear
 * interpolation, rounded to 10 decimal places) and the maximum. Null/NaN values are ignored.
 * Returns `null` when there are too few values: fewer than 5 for quintiles (`QuintilesComparer`)
 * and fewer than `k` otherwise (`QuartilesComparer` needs 4).
 * @example fingertipsQuantileBounds([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4) // [1, 3.25, 5.5, 7.75, 10]
 */
export function fingertipsQuantileBounds(values: ArrayLike<number | null | undefined>, k: number): number[] | null {
  const v: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (ok(x)) v.push(x);
  }
  if (v.length < Math.max(k, 4)) return null;
  v.sort((a, b) => a - b);
  const count = v.length;
  const bounds = [v[0]];
  const step = 1 / k;
  for (let i = 1; i < k; i++) {
    const rank = (count - 1) * (step * i) + 1;
    let q: number;
    if (rank === 1) q = v[0];
    else if (rank === count) q = v[count - 1];
    else {
      const j = Math.trunc(rank);
      const d = rank - j;
      q = v[j - 1] + d * (v[j] - v[j - 1]);
      q = roundHalfAwayDotNet(q, 10);
    }
    bounds.push(q);
  }
  bounds.push(v[count - 1]);
  return bounds;
}

/**
 * The category (1 = lowest values) of a value against bounds from {@link fingertipsQuantileBounds}:
 * the first i ≥ 1 with value ≤ bounds[i]. Null when the value is missing or above the maximum.
 */
export function fingertipsQuantileCategory(value: number | null | undefined, bounds: readonly number[]): number | null {
  if (!ok(value)) return null;
  for (let i = 1; i < bounds.length; i++) if (value <= bounds[i]) return i;
  return null;
}

const QUINTILE_LABELS = ['Lowest quintile', '2nd lowest quintile', 'Middle quintile', '2nd highest quintile', 'Highest quintile'];
const QUARTILE_LABELS = ['Lowest quartile', '2nd lowest quartile', '2nd highest quartile', 'Highest quartile'];

function quantileResult(category: number | null, k: number, polarity: Polarity): BenchmarkComparison {
  if (category === null) return NOT_COMPARED;
  const label = (k === 5 ? QUINTILE_LABELS : QUARTILE_LABELS)[category - 1];
  // rank from the lowest values: quintiles −2 … 2; quartiles −2, −1, 1, 2
  let raw = k === 5 ? category - 3 : [-2, -1, 1, 2][category - 1];
  if (polarity === 'low-is-good') raw = -raw;
  return { label, significanceCode: raw === 0 ? 0 : raw, direction: null, category };
}

/**
 * Compare an area with a benchmark, as Fingertips does. Labels exactly as the Fingertips export:
 * Better / Similar / Worse for RAG polarities, Higher / Similar / Lower for no judgement, "Not compared"
 * when the polarity is not applicable or a value, limit or denominator that the method needs is missing;
 * Best / Worst (Highest / Lowest) beyond the 99.8% limits with method 17; quintile labels
 * "Lowest quintile" … "Highest quintile" (by value, whatever the polarity, as the export writes them;
 * `significanceCode` carries the judgement).
 *
 * Rules (Fingertips `*Comparer.cs`):
 * - 1: Similar when lower95 ≤ B ≤ upper95; otherwise Higher when the value > B, Lower when < B.
 * - 17: Similar as 1; B in [lower99.8, lower95] → Higher; B in [upper95, upper99.8] → Higher/Lower
 *   mirrored; beyond the 99.8% limits → Highest/Lowest (judged as Best/Worst for RAG).
 * - 12: the two 95% CIs overlap (the higher one's lower limit ≤ the lower one's upper limit) → Similar.
 * - 5: p = value/multiplier against {@link spcProportionLimits}(B/multiplier, denominator, confidence).
 * - 6: value against the limits {@link spcPoissonLimits}(E, (1 − confidence)/2) / denominator × multiplier,
 *   E = B × denominator / multiplier.
 * - 15/16: category from {@link fingertipsQuantileBounds} of `values` (or given `bounds`).
 *
 * @example
 * compareToBenchmark({ value: 142.7, lower95: 119.4, upper95: 169.2 }, 94.7, { polarity: 'low-is-good' })
 * // { label: 'Worse', significanceCode: -1, direction: 1, category: null }
 */
export function compareToBenchmark(area: BenchmarkArea, benchmark: number | BenchmarkValue | null | undefined, options?: CompareOptions): BenchmarkComparison;
/**
 * Table verb: compare every row of a table with its benchmark and append `benchmark_value`,
 * `comparison` (the Fingertips label), `significance_code` and `direction` (and `category` for
 * quintiles/quartiles). Grouped tables (e.g. by indicator, period, sex, age) find the benchmark row
 * (`benchmarkArea`) and the quintile comparison set within each group. See {@link CompareTableOptions}.
 * @example
 * compareToBenchmark(ftData.groupby('indicator_id', 'time_period', 'sex', 'age'), { benchmarkArea: 'E92000001', polarity: 'low-is-good' })
 */
export function compareToBenchmark(table: ColumnTable, options: CompareTableOptions): ColumnTable;
export function compareToBenchmark(
  a: BenchmarkArea | ColumnTable,
  b?: number | BenchmarkValue | null | CompareTableOptions,
  c?: CompareOptions,
): BenchmarkComparison | ColumnTable {
  if (isTable(a)) return compareTable(a, (b ?? {}) as CompareTableOptions);
  const options = c ?? {};
  const method = normaliseComparatorMethod(options.method ?? 1);
  const polarity = normalisePolarity(options.polarity ?? 'no-judgement');
  const bench: BenchmarkValue | null = b === null || b === undefined ? null : typeof b === 'number' ? { value: b } : (b as BenchmarkValue);
  return compareOne(a as BenchmarkArea, bench, method, polarity, options, null);
}

function isTable(x: unknown): x is ColumnTable {
  return !!x && typeof (x as ColumnTable).columnNames === 'function' && typeof (x as ColumnTable).numRows === 'function';
}

function compareOne(
  area: BenchmarkArea,
  bench: BenchmarkValue | null,
  method: ComparatorMethodId,
  polarity: Polarity,
  options: CompareOptions,
  bounds: readonly number[] | null,
): BenchmarkComparison {
  if (method === -1) return NOT_COMPARED;
  if (method === 15 || method === 16) {
    const k = method === 15 ? 5 : 4;
    const bd = bounds ?? options.bounds ?? (options.values ? fingertipsQuantileBounds(options.values, k) : null);
    if (!bd) {
      if (!options.values && !options.bounds && !bounds)
        throw new HealthgapError(
          `comparator method ${method} (${k === 5 ? 'quintiles' : 'quartiles'}) needs the values of the whole comparison set: pass options.values`,
        );
      return NOT_COMPARED;
    }
    return quantileResult(fingertipsQuantileCategory(area.value, bd), k, polarity);
  }
  if (polarity === 'not-applicable') return NOT_COMPARED;
  const v = area.value;
  const bv = bench?.value;
  if (!ok(v) || !ok(bv)) return NOT_COMPARED;
  switch (method) {
    case 1: {
      const { lower95: l, upper95: u } = area;
      if (!ok(l) || !ok(u)) return NOT_COMPARED;
      if (bv <= u && bv >= l) return directionResult(0, polarity);
      return directionResult(v < bv ? -1 : 1, polarity);
    }
    case 17: {
      const { lower95: l, upper95: u, lower998: l3, upper998: u3 } = area;
      if (!ok(l) || !ok(u) || !ok(l3) || !ok(u3)) return NOT_COMPARED;
      if (bv <= u && bv >= l) return directionResult(0, polarity);
      if (bv <= l && bv >= l3) return directionResult(1, polarity);
      if (bv <= u3 && bv >= u) return directionResult(-1, polarity);
      return directionResult(v < bv ? -2 : 2, polarity);
    }
    case 12: {
      const { lower95: l, upper95: u } = area;
      const bl = bench?.lower95;
      const bu = bench?.upper95;
      if (!ok(l) || !ok(u) || !ok(bl) || !ok(bu)) return NOT_COMPARED;
      const overlap = bv < v ? l <= bu : bl <= u;
      if (overlap) return directionResult(0, polarity);
      return directionResult(v < bv ? -1 : 1, polarity);
    }
    case 5: {
      const n = area.denominator;
      if (!ok(n) || n <= 0) return NOT_COMPARED;
      const unit = options.multiplier ?? 100;
      const { lower, upper } = spcProportionLimits(bv / unit, n, options.confidence ?? 0.95);
      if (!Number.isFinite(lower) || !Number.isFinite(upper)) return NOT_COMPARED;
      const p = v / unit;
      if (upper < p) return directionResult(1, polarity);
      if (lower > p) return directionResult(-1, polarity);
      return directionResult(0, polarity);
    }
    case 6: {
      const n = area.denominator;
      if (!ok(n) || n <= 0) return NOT_COMPARED;
      const unit = options.multiplier ?? 100000;
      const conf = options.confidence ?? 0.95;
      const e = bv * (n / unit);
      if (!(e >= 0)) return NOT_COMPARED;
      const lim = spcPoissonLimits(e, (1 - conf) / 2);
      const lower = (lim.lower / n) * unit;
      const upper = (lim.upper / n) * unit;
      if (upper < v) return directionResult(1, polarity);
      if (lower > v) return directionResult(-1, polarity);
      return directionResult(0, polarity);
    }
  }
  return NOT_COMPARED;
}

/** Options for the table form of {@link compareToBenchmark}. */
export interface CompareTableOptions extends Omit<CompareOptions, 'values' | 'bounds'> {
  /** Column holding each row's polarity (text or Fingertips ID); overrides `polarity` where not null. */
  polarityColumn?: string;
  /** Value column (default `value`). */
  value?: string;
  /** 95% limit columns (default `lower95_0cl`/`upper95_0cl` when present, else `lowercl`/`uppercl`). */
  lower?: string;
  upper?: string;
  /** 99.8% limit columns for method 17 (default `lower99_8cl`/`upper99_8cl`). */
  lower998?: string;
  upper998?: string;
  /** Denominator column for methods 5 and 6 (default `denominator`). */
  denominator?: string;
  /** A fixed benchmark value for every row. */
  benchmark?: number;
  /** Its 95% limits (method 12). */
  benchmarkLower?: number;
  benchmarkUpper?: number;
  /** A column holding each row's benchmark value (and, for method 12, limit columns). */
  benchmarkColumn?: string;
  benchmarkLowerColumn?: string;
  benchmarkUpperColumn?: string;
  /**
   * The benchmark is the row of this area (e.g. `'E92000001'` for England) within each group of a
   * grouped table. That row itself is "Not compared"; a group without it is "Not compared" throughout.
   */
  benchmarkArea?: string;
  /** Area code column used with `benchmarkArea` (default `area_code`). */
  areaColumn?: string;
  /** Where the table came from (for error messages). */
  source?: VerbSource;
}

function pickColumn(names: string[], given: string | undefined, candidates: string[]): string | undefined {
  if (given) return given;
  return candidates.find((c) => names.includes(c));
}

/** The area columns a comparison needs, as numbers (NaN = missing or not needed by the method). */
interface AreaColumns {
  value: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  lower998: Float64Array;
  upper998: Float64Array;
  denominator: Float64Array;
}

/** Read the value, limit and denominator columns that `method` needs (one-line error when absent). */
function readAreaColumns(ctx: VerbContext, table: ColumnTable, opts: CompareTableOptions, method: ComparatorMethodId): AreaColumns {
  const names = table.columnNames();
  const valueCol = opts.value ?? 'value';
  ctx.requireColumns(valueCol);
  const n = table.totalRows();
  const nan = () => new Float64Array(n).fill(NaN);
  const needCI = method === 1 || method === 17 || method === 12;
  const lowerCol = pickColumn(names, opts.lower, ['lower95_0cl', 'lowercl']);
  const upperCol = pickColumn(names, opts.upper, ['upper95_0cl', 'uppercl']);
  if (needCI && (!lowerCol || !upperCol))
    throw ctx.error(
      `comparator method ${method} needs 95% confidence limits: name the columns with lower/upper (no lower95_0cl/upper95_0cl or lowercl/uppercl column found)`,
    );
  return {
    value: ctx.numeric(valueCol),
    lower: needCI && lowerCol ? ctx.numeric(lowerCol) : nan(),
    upper: needCI && upperCol ? ctx.numeric(upperCol) : nan(),
    lower998: method === 17 ? ctx.numeric(opts.lower998 ?? 'lower99_8cl') : nan(),
    upper998: method === 17 ? ctx.numeric(opts.upper998 ?? 'upper99_8cl') : nan(),
    denominator: method === 5 || method === 6 ? ctx.numeric(opts.denominator ?? 'denominator') : nan(),
  };
}

/** Each row's polarity: `polarityColumn` where given and not blank, else the table's polarity. */
function rowPolarity(ctx: VerbContext, table: ColumnTable, opts: CompareTableOptions, basePolarity: Polarity): (r: number) => Polarity {
  if (!opts.polarityColumn) return () => basePolarity;
  ctx.requireColumns(opts.polarityColumn);
  const col = table.column(opts.polarityColumn)!;
  const cache = new Map<unknown, Polarity>();
  return (r) => {
    const raw = col.at(r);
    if (raw === null || raw === undefined || raw === '') return basePolarity;
    let p = cache.get(raw);
    if (!p) {
      try {
        p = normalisePolarity(raw as PolarityInput);
      } catch (e) {
        throw ctx.error((e as Error).message, r, opts.polarityColumn);
      }
      cache.set(raw, p);
    }
    return p;
  };
}

/** Each row's benchmark (value and 95% limits), which rows are the benchmark area, and quantile bounds per row. */
interface RowBenchmarks {
  value: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  isBenchmarkRow: Uint8Array;
  /** 5 for quintiles (method 15), 4 for quartiles (16), else 0. */
  quantileK: number;
  boundsOfRow: (readonly number[] | null)[];
}

/** Fill each row's benchmark from `benchmark`, `benchmarkColumn` or the `benchmarkArea` row of its group. */
function rowBenchmarks(ctx: VerbContext, table: ColumnTable, opts: CompareTableOptions, method: ComparatorMethodId, area: AreaColumns): RowBenchmarks {
  const n = table.totalRows();
  const nan = () => new Float64Array(n).fill(NaN);
  const quantileK = method === 15 ? 5 : method === 16 ? 4 : 0;
  const out: RowBenchmarks = {
    value: nan(),
    lower: nan(),
    upper: nan(),
    isBenchmarkRow: new Uint8Array(n),
    quantileK,
    boundsOfRow: quantileK ? new Array(n).fill(null) : [],
  };
  let areaCodes: ((r: number) => unknown) | null = null;
  if (opts.benchmarkArea !== undefined) {
    const areaCol = opts.areaColumn ?? 'area_code';
    ctx.requireColumns(areaCol);
    const col = table.column(areaCol)!;
    areaCodes = (r) => col.at(r);
  }
  if (opts.benchmarkColumn) {
    const bc = ctx.numeric(opts.benchmarkColumn);
    const bl = opts.benchmarkLowerColumn ? ctx.numeric(opts.benchmarkLowerColumn) : null;
    const bu = opts.benchmarkUpperColumn ? ctx.numeric(opts.benchmarkUpperColumn) : null;
    for (let r = 0; r < n; r++) {
      out.value[r] = bc[r];
      if (bl) out.lower[r] = bl[r];
      if (bu) out.upper[r] = bu[r];
    }
  } else if (opts.benchmark !== undefined) {
    out.value.fill(opts.benchmark);
    if (opts.benchmarkLower !== undefined) out.lower.fill(opts.benchmarkLower);
    if (opts.benchmarkUpper !== undefined) out.upper.fill(opts.benchmarkUpper);
  } else if (!areaCodes && !quantileK && method !== -1) {
    throw new HealthgapError(
      'compareToBenchmark: say what the benchmark is: benchmark (a number), benchmarkColumn (a column) or benchmarkArea (an area code such as E92000001)',
    );
  }
  const g = ctx.groups;
  for (let k = 0; k < g.size; k++) {
    const rows = g.rows[k];
    if (areaCodes) benchmarkFromAreaRow(ctx, opts, rows, areaCodes, area, out);
    if (quantileK) {
      const vals: number[] = [];
      for (let i = 0; i < rows.length; i++) if (!out.isBenchmarkRow[rows[i]]) vals.push(area.value[rows[i]]);
      const bd = fingertipsQuantileBounds(vals, quantileK);
      for (let i = 0; i < rows.length; i++) out.boundsOfRow[rows[i]] = bd;
    }
  }
  return out;
}

/** Within one group: find the benchmark area's row (at most one) and, unless a benchmark was given, copy its value and limits to every row. */
function benchmarkFromAreaRow(
  ctx: VerbContext,
  opts: CompareTableOptions,
  rows: ArrayLike<number>,
  areaCodes: (r: number) => unknown,
  area: AreaColumns,
  out: RowBenchmarks,
): void {
  let found = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (String(areaCodes(r)) === opts.benchmarkArea) {
      if (found >= 0)
        throw ctx.error(
          `the benchmark area ${opts.benchmarkArea} appears more than once in a group: group the table so that each group holds one row per area (e.g. by indicator, period, sex and age)`,
          r,
          opts.areaColumn ?? 'area_code',
        );
      found = r;
    }
  }
  if (found < 0) return;
  out.isBenchmarkRow[found] = 1;
  if (opts.benchmarkColumn || opts.benchmark !== undefined) return;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out.value[r] = area.value[found];
    out.lower[r] = area.lower[found];
    out.upper[r] = area.upper[found];
  }
}

function compareTable(table: ColumnTable, opts: CompareTableOptions): ColumnTable {
  const ctx = new VerbContext(table, 'compareToBenchmark', opts.source);
  const method = normaliseComparatorMethod(opts.method ?? 1);
  const area = readAreaColumns(ctx, table, opts, method);
  const polarityOf = rowPolarity(ctx, table, opts, normalisePolarity(opts.polarity ?? 'no-judgement'));
  const bench = rowBenchmarks(ctx, table, opts, method, area);

  const idx = table.indices(true);
  const m = idx.length;
  const outLabel = new Array<string>(m);
  const outSig = new Array<number | null>(m);
  const outDir = new Array<number | null>(m);
  const outCat = new Array<number | null>(m);
  const outBench = new Array<number | null>(m);
  const num = (x: number) => (x === x ? x : null);
  const compareOpts: CompareOptions = { multiplier: opts.multiplier, confidence: opts.confidence };
  for (let i = 0; i < m; i++) {
    const r = idx[i];
    outBench[i] = num(bench.value[r]);
    let res: BenchmarkComparison;
    if (bench.isBenchmarkRow[r]) res = NOT_COMPARED;
    else if (bench.quantileK) {
      const bd = bench.boundsOfRow[r];
      res = bd ? compareOne({ value: num(area.value[r]) }, null, method, polarityOf(r), compareOpts, bd) : NOT_COMPARED;
    } else {
      res = compareOne(
        {
          value: num(area.value[r]),
          lower95: num(area.lower[r]),
          upper95: num(area.upper[r]),
          lower998: num(area.lower998[r]),
          upper998: num(area.upper998[r]),
          denominator: num(area.denominator[r]),
        },
        { value: num(bench.value[r]), lower95: num(bench.lower[r]), upper95: num(bench.upper[r]) },
        method,
        polarityOf(r),
        compareOpts,
        null,
      );
    }
    outLabel[i] = res.label;
    outSig[i] = res.significanceCode;
    outDir[i] = res.direction;
    outCat[i] = res.category;
  }
  const added: Record<string, ArrayLike<unknown>> = {
    benchmark_value: outBench,
    comparison: outLabel,
    significance_code: outSig,
    direction: outDir,
  };
  if (bench.quantileK) added.category = outCat;
  return table.reify().assign(added as Record<string, unknown[]>);
}
