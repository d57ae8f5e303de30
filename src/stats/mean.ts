/**
 * Means with Student's t confidence limits, as PHEindicatormethods 2.1.0 `phe_mean`.
 */
import type { ColumnTable } from 'arquero';
import { normaliseConfidence, type ConfidenceInput } from './confidence.js';
import { qt } from './distributions.js';
import { VerbContext, buildOutput, checkOutputType, ciColumns, metaColumns, type OutputColumn, type OutputType, type VerbSource } from './verb.js';

/** Options for {@link mean}. */
export interface MeanOptions {
  /** Column of values to average. */
  x: string;
  /** Confidence level(s): 0.95 (default), 99.8, or `[0.95, 0.998]`. */
  confidence?: ConfidenceInput;
  /** PHEim `type`: full (default), standard, value, lower or upper. */
  type?: OutputType;
  /** Where the table came from, for error messages. */
  source?: VerbSource;
}

/** Summary of one group of values: sum, count (NA included), sample standard deviation. */
export interface MeanSummary {
  value_sum: number | null;
  value_count: number;
  stdev: number | null;
  value: number | null;
}

/** Sum, count and sample SD (n − 1) of raw rows; R semantics: any NA makes sum, SD and mean NA. */
function summarise(values: Float64Array, rows: ArrayLike<number>): { sum: number; count: number; sd: number } {
  const count = rows.length;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[rows[i]];
  if (sum !== sum || count < 2) return { sum, count, sd: NaN };
  // Two-pass variance with a mean correction, as R's var().
  let m = sum / count;
  let corr = 0;
  for (let i = 0; i < count; i++) corr += values[rows[i]] - m;
  m += corr / count;
  let ss = 0;
  for (let i = 0; i < count; i++) {
    const d = values[rows[i]] - m;
    ss += d * d;
  }
  return { sum, count, sd: Math.sqrt(ss / (count - 1)) };
}

/**
 * The mean of `values` with a Student's t confidence interval for one level.
 *
 * Formula: mean ± |t((1 − c)/2, n − 1)| · s/√n, s the sample standard deviation (n − 1).
 * Any null/NaN value makes the result NA (as PHEim, which uses R's `sum()` without `na.rm`);
 * fewer than 2 values give NA limits. Reference: PHEindicatormethods `phe_mean`; Student (1908).
 *
 * @example meanWithCI([30, 40, 50, 60]) // { value: 45, lower: 24.456…, upper: 65.543…, stdev: 12.909…, … }
 */
export function meanWithCI(values: readonly (number | null)[], confidence = 0.95): MeanSummary & { lower: number | null; upper: number | null } {
  const [level] = normaliseConfidence(confidence);
  const arr = Float64Array.from(values, (v) => (v === null ? NaN : v));
  const rows = Array.from({ length: arr.length }, (_, i) => i);
  const s = summarise(arr, rows);
  const value = s.sum / s.count;
  const half = Math.abs(qt((1 - level) / 2, s.count - 1)) * (s.sd / Math.sqrt(s.count));
  const nn = (v: number) => (Number.isFinite(v) ? v : null);
  return { value_sum: nn(s.sum), value_count: s.count, stdev: nn(s.sd), value: nn(value), lower: nn(value - half), upper: nn(value + half) };
}

/**
 * Means with Student's t confidence limits, as PHEim `phe_mean` (2.1.0): one row per group (one
 * row for an ungrouped table) with the group columns, `value_sum`, `value_count`, `stdev`,
 * `value`, the limits, `confidence`, `statistic` ("mean"), `method` ("Student's t-distribution").
 * For `type` value/lower/upper the summary columns are dropped, as PHEim does.
 *
 * value = Σx / n; limits = value ∓ |t((1 − c)/2, n − 1)| · sd/√n. `value_count` counts every row
 * (NA included) and any NA makes the group's value NA, exactly as PHEim (R `sum`, `length`, `sd`).
 *
 * @example
 * mean(aq.table({ area: ['A', 'A', 'B', 'B', 'B'], v: [20, 30, 200, 300, 400] }).groupby('area'), { x: 'v' })
 */
export function mean(table: ColumnTable, options: MeanOptions): ColumnTable {
  const ctx = new VerbContext(table, 'mean', options.source);
  const type = checkOutputType(options.type);
  const levels = normaliseConfidence(options.confidence ?? 0.95);
  const xRaw = ctx.numeric(options.x);
  const g = ctx.groups;
  const sum = new Float64Array(g.size);
  const count = new Float64Array(g.size);
  const sd = new Float64Array(g.size);
  const value = new Float64Array(g.size);
  for (let k = 0; k < g.size; k++) {
    const s = summarise(xRaw, g.rows[k]);
    sum[k] = s.sum;
    count[k] = s.count;
    sd[k] = s.sd;
    value[k] = s.sum / s.count;
  }
  const lower: Float64Array[] = [];
  const upper: Float64Array[] = [];
  for (const level of levels) {
    const lo = new Float64Array(g.size);
    const up = new Float64Array(g.size);
    for (let k = 0; k < g.size; k++) {
      const half = Math.abs(qt((1 - level) / 2, count[k] - 1)) * (sd[k] / Math.sqrt(count[k]));
      lo[k] = value[k] - half;
      up[k] = value[k] + half;
    }
    lower.push(lo);
    upper.push(up);
  }
  const cols: OutputColumn[] = [
    ...ctx.groupColumns(),
    { name: 'value_sum', role: 'aux', values: sum },
    { name: 'value_count', role: 'aux', values: count },
    { name: 'stdev', role: 'aux', values: sd },
    { name: 'value', role: 'value', values: value },
    ...ciColumns(levels, lower, upper),
    ...metaColumns(g.size, levels, 'mean', "Student's t-distribution"),
  ];
  return buildOutput(cols, type);
}
