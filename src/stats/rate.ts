/**
 * Crude rates with exact Poisson (fewer than 10 events) or Byar's (10 or more) confidence limits,
 * as PHEindicatormethods 2.1.0 `phe_rate`.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import {
  SMALL_COUNT_THRESHOLD,
  byarsLower,
  byarsUpper,
  exactPoissonInterval,
  normaliseConfidence,
  poissonCountInterval,
  type ConfidenceInput,
  type Interval,
} from './confidence.js';
import {
  VerbContext,
  buildOutput,
  checkOutputType,
  ciColumns,
  formatMultiplier,
  metaColumns,
  type OutputColumn,
  type OutputType,
  type VerbSource,
} from './verb.js';

/** Largest whole count whose Byar's limits the {@link rate} verb caches per call (8 MB per level at most). */
const BYARS_CACHE_MAX = 1 << 20;

/** Options for {@link rate}. */
export interface RateOptions {
  /** Column of event counts (numerators). */
  x: string;
  /** Column of denominators (populations or person-years). */
  n: string;
  /** Confidence level(s): 0.95 (default), 99.8, or `[0.95, 0.998]`. */
  confidence?: ConfidenceInput;
  /** Rate per this many: 100000 (default). */
  multiplier?: number;
  /** PHEim `type`: full (default), standard, value, lower or upper. */
  type?: OutputType;
  /** Where the table came from, for error messages. */
  source?: VerbSource;
}

/**
 * A crude rate x/n × multiplier with Poisson confidence limits for one level: exact
 * (chi-squared) when x < 10, Byar's from 10. NA inputs give nulls (method null when x is NA).
 * Throws for x < 0 or n ≤ 0. x > n is allowed.
 *
 * Formulas: exact lower = χ²((1−c)/2, 2x)/2, upper = χ²(c+(1−c)/2, 2x+2)/2; Byar's lower =
 * x(1 − 1/(9x) − z/(3√x))³ (NA if negative), upper = (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³; each
 * limit is divided by n and × multiplier. References: Breslow & Day (1987) vol. II; Armitage &
 * Berry (2002); PHEindicatormethods `phe_rate`.
 *
 * @example rateWithCI(65, 100, 0.95, 100) // { value: 65, lower: 50.163…, upper: 82.849…, method: 'Byars' }
 */
export function rateWithCI(
  x: number | null,
  n: number | null,
  confidence = 0.95,
  multiplier = 100000,
): { value: number | null; lower: number | null; upper: number | null; method: 'Exact' | 'Byars' | null } {
  const [level] = normaliseConfidence(confidence);
  if (x !== null && !Number.isNaN(x) && x < 0) throw new HealthgapError(`rate: numerator must be 0 or more, found ${x}`);
  if (n !== null && !Number.isNaN(n) && n <= 0) throw new HealthgapError(`rate: denominator must be greater than 0, found ${n}`);
  if (x === null || Number.isNaN(x)) return { value: null, lower: null, upper: null, method: null };
  const ci = poissonCountInterval(x, level);
  if (n === null || Number.isNaN(n)) return { value: null, lower: null, upper: null, method: ci.method };
  return {
    value: (x / n) * multiplier,
    lower: ci.lower === null ? null : (ci.lower / n) * multiplier,
    upper: ci.upper === null ? null : (ci.upper / n) * multiplier,
    method: ci.method,
  };
}

/**
 * Crude rates with confidence limits, as PHEim `phe_rate` (2.1.0).
 *
 * - Ungrouped table: row by row; every input column plus `value`, limits, `confidence`,
 *   `statistic`, `method`.
 * - Grouped table: x and n summed within each group (NA if any is NA); the group columns, the
 *   summed x and n under their own names, then the results.
 *
 * value = x/n × multiplier. Limits: exact Poisson (chi-squared) when x < 10, Byar's otherwise,
 * divided by n, × multiplier (see {@link rateWithCI}). statistic "rate per <multiplier>";
 * method "Exact" or "Byars" per row (NA when x is NA). Rules: x ≥ 0 and n > 0 on every row (else
 * an InputError naming row and column); x > n is allowed; NA rows give NA results.
 *
 * @example
 * rate(aq.table({ area: ['A'], deaths: [65], pop: [100] }), { x: 'deaths', n: 'pop', multiplier: 100 })
 * // area A, deaths 65, pop 100, value 65, lowercl 50.163…, uppercl 82.849…, "95%", "rate per 100", "Byars"
 */
export function rate(table: ColumnTable, options: RateOptions): ColumnTable {
  const ctx = new VerbContext(table, 'rate', options.source);
  const type = checkOutputType(options.type);
  const multiplier = options.multiplier ?? 100000;
  if (!Number.isFinite(multiplier) || multiplier <= 0) throw new HealthgapError(`rate: multiplier must be a number greater than 0, found ${multiplier}`);
  const levels = normaliseConfidence(options.confidence ?? 0.95);
  ctx.requireColumns(options.x, options.n);
  const xRaw = ctx.numeric(options.x);
  const nRaw = ctx.numeric(options.n);
  ctx.check(xRaw, options.x, (v) => v >= 0, 'a numerator of 0 or more');
  ctx.check(nRaw, options.n, (v) => v > 0, 'a denominator greater than 0');

  const { size, sums, keys } = ctx.rowsOrGroupSums([xRaw, nRaw]);
  const [x, n] = sums;
  const value = new Float64Array(size);
  const method = new Array<string | null>(size);
  for (let i = 0; i < size; i++) {
    value[i] = (x[i] / n[i]) * multiplier;
    method[i] = x[i] !== x[i] ? null : x[i] < SMALL_COUNT_THRESHOLD ? 'Exact' : 'Byars';
  }
  // Byar's limits depend only on the count: for whole counts up to BYARS_CACHE_MAX each is computed
  // once per level and kept in typed arrays (a million rows hold a few thousand distinct counts;
  // this halves the verb's time). Larger or fractional counts are computed row by row.
  let maxCount = -1;
  for (let i = 0; i < size; i++) {
    const xi = x[i];
    if (xi >= SMALL_COUNT_THRESHOLD && xi <= BYARS_CACHE_MAX && xi > maxCount && Number.isInteger(xi)) maxCount = xi;
  }
  const lower: Float64Array[] = [];
  const upper: Float64Array[] = [];
  for (const level of levels) {
    const lo = new Float64Array(size);
    const up = new Float64Array(size);
    const cached = maxCount >= SMALL_COUNT_THRESHOLD ? new Uint8Array(maxCount + 1) : null;
    const cacheLo = cached ? new Float64Array(maxCount + 1) : null;
    const cacheUp = cached ? new Float64Array(maxCount + 1) : null;
    // Exact limits (x < 10) via the chi-squared primitive, each integer count computed once
    // (qchisq costs microseconds); Byar's limits from 10, straight from the primitives.
    const exact = new Map<number, Interval>();
    for (let i = 0; i < size; i++) {
      const xi = x[i];
      const ni = n[i];
      if (xi !== xi || ni !== ni) {
        lo[i] = NaN;
        up[i] = NaN;
        continue;
      }
      if (xi < SMALL_COUNT_THRESHOLD) {
        let ci = exact.get(xi);
        if (!ci) {
          ci = exactPoissonInterval(xi, level);
          if (Number.isInteger(xi)) exact.set(xi, ci);
        }
        lo[i] = ci.lower === null ? NaN : (ci.lower / ni) * multiplier;
        up[i] = ci.upper === null ? NaN : (ci.upper / ni) * multiplier;
      } else if (cached && xi <= maxCount && Number.isInteger(xi)) {
        if (cached[xi] === 0) {
          const l = byarsLower(xi, level);
          cacheLo![xi] = l === null ? NaN : l;
          cacheUp![xi] = byarsUpper(xi, level);
          cached[xi] = 1;
        }
        const l = cacheLo![xi];
        lo[i] = l !== l ? NaN : (l / ni) * multiplier;
        up[i] = (cacheUp![xi] / ni) * multiplier;
      } else {
        const l = byarsLower(xi, level);
        lo[i] = l === null ? NaN : (l / ni) * multiplier;
        up[i] = (byarsUpper(xi, level) / ni) * multiplier;
      }
    }
    lower.push(lo);
    upper.push(up);
  }

  const cols: OutputColumn[] = [...keys];
  if (ctx.isGrouped) cols.push({ name: options.x, role: 'input', values: x }, { name: options.n, role: 'input', values: n });
  cols.push({ name: 'value', role: 'value', values: value });
  cols.push(...ciColumns(levels, lower, upper));
  cols.push(...metaColumns(size, levels, `rate per ${formatMultiplier(multiplier)}`, method as string[]));
  return buildOutput(cols, type);
}
