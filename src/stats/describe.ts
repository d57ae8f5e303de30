/**
 * Descriptive statistics of the numeric columns of a table, for a first look in a notebook:
 * `describe(table)` → one row per column (and per group of a grouped table) with n, missing,
 * mean, sd, min, q1, median, q3, max.
 *
 * Built on simple-statistics (Tom MacWright, ISC): `sum` (Kahan-Babuska compensated, so the mean of
 * many small shares does not drift), `sampleStandardDeviation` (n − 1 denominator, as R's `sd()`),
 * `min`, `max`. The quartiles are R's default `quantile(x, type = 7)` (Hyndman & Fan 1996,
 * definition 7), from `core/rmath.ts`, so they match R, Excel's QUARTILE.INC and pandas'
 * `describe()`; simple-statistics' own `quantile` uses a different definition.
 * Missing values (null, blank, NaN, and ±Infinity) are counted in `missing` and left out of every statistic.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { max, min, sampleStandardDeviation, sum } from 'simple-statistics';
import { HealthgapError } from '../core/errors.js';
import { quantileType7 } from '../core/rmath.js';
import { VerbContext, type VerbSource } from './verb.js';

/** Options of {@link describe}. */
export interface DescribeOptions {
  /** Where the table came from (for error messages). */
  source?: VerbSource;
}

/** The statistics of one set of numbers (missing values already removed). */
export interface Description {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null for fewer than 2 values. */
  sd: number | null;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
}

/**
 * Describe an array of numbers (finite values only; the caller removes missing values).
 * @example describeValues([1, 2, 3, 4]) // { n: 4, mean: 2.5, sd: 1.29…, min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4 }
 */
export function describeValues(values: readonly number[]): Description {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, min: null, q1: null, median: null, q3: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n,
    mean: sum(sorted) / n,
    sd: n >= 2 ? sampleStandardDeviation(sorted) : null,
    min: min(sorted),
    q1: quantileType7(sorted, 0.25),
    median: quantileType7(sorted, 0.5),
    q3: quantileType7(sorted, 0.75),
    max: max(sorted),
  };
}

/** The columns of a table whose non-missing values are all numbers (strings of digits count). */
function numericColumns(table: ColumnTable): string[] {
  return table.columnNames().filter((name) => {
    const group = table.isGrouped() && (table.groups() as { names: string[] }).names.includes(name);
    if (group) return false;
    let seen = false;
    const col = table.column(name)!;
    for (let r = 0; r < table.totalRows(); r++) {
      const v = col.at(r);
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || v === '') continue;
      if (typeof v === 'number' || typeof v === 'bigint') seen = true;
      else return false;
    }
    return seen;
  });
}

/**
 * Descriptive statistics of numeric columns: one row per column (per group of a grouped table,
 * group columns first) with `column`, `n`, `missing`, `mean`, `sd` (n − 1), `min`, `q1`,
 * `median`, `q3` (R type-7 quantiles), `max`. `columns` defaults to every column whose values are
 * all numbers; a named column with text in it is an InputError naming the row.
 *
 * @example describe(aq.table({ area: ['A', 'B', 'C', 'D'], value: [1, 2, 3, null] }))
 * // column 'value', n 3, missing 1, mean 2, sd 1, min 1, q1 1.5, median 2, q3 2.5, max 3
 */
export function describe(table: ColumnTable, columns?: readonly string[], options: DescribeOptions = {}): ColumnTable {
  const ctx = new VerbContext(table, 'describe', options.source);
  const names = columns ? [...columns] : numericColumns(table);
  if (names.length === 0) throw new HealthgapError('describe: the table has no numeric columns; name the columns to describe');
  ctx.requireColumns(...names);
  const g = ctx.groups;
  const out: Record<string, unknown[]> = {};
  for (const gn of g.names) out[gn] = [];
  for (const key of ['column', 'n', 'missing', 'mean', 'sd', 'min', 'q1', 'median', 'q3', 'max']) out[key] = [];
  const data = names.map((name) => ctx.numeric(name));
  for (let k = 0; k < g.size; k++) {
    const rows = g.rows[k];
    names.forEach((name, c) => {
      const values: number[] = [];
      for (let i = 0; i < rows.length; i++) {
        const v = data[c][rows[i]];
        if (Number.isFinite(v)) values.push(v);
      }
      const d = describeValues(values);
      g.names.forEach((gn, j) => out[gn].push(g.keys[j][k]));
      out.column.push(name);
      out.missing.push(rows.length - values.length);
      for (const key of ['n', 'mean', 'sd', 'min', 'q1', 'median', 'q3', 'max'] as const) out[key].push(d[key]);
    });
  }
  return aq.table(out);
}
