/**
 * Proportions with Wilson score confidence limits, as PHEindicatormethods 2.1.0 `phe_proportion`.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { ciColumnNames, normaliseConfidence, wilsonInterval, type ConfidenceInput } from './confidence.js';
import {
  VerbContext,
  buildOutput,
  checkOutputType,
  ciColumns,
  formatRNumber,
  metaColumns,
  type OutputColumn,
  type OutputType,
  type VerbSource,
} from './verb.js';

/** Options for {@link proportion}. */
export interface ProportionOptions {
  /** Column of numerators (cases meeting the condition). */
  x: string;
  /** Column of denominators (cases in the sample). */
  n: string;
  /**
   * Confidence level(s): 0.95 (default), 99.8, or several such as `[0.95, 0.998]` (columns
   * `lower95_0cl`, `upper95_0cl`, `lower99_8cl`, `upper99_8cl`). `null` = no limits (PHEim's
   * `confidence = NA`): only value and statistic are added.
   */
  confidence?: ConfidenceInput | null;
  /** Multiplier for the value and limits: 1 (default) proportion, 100 percentage. */
  multiplier?: number;
  /** PHEim `type`: full (default), standard, value, lower or upper. */
  type?: OutputType;
  /** Where the table came from, for error messages (the CLI passes the CSV path). */
  source?: VerbSource;
}

/** The statistic label PHEim writes: "percentage" for multiplier 100, else "proportion of <m>". */
export function proportionStatistic(multiplier: number): string {
  return multiplier === 100 ? 'percentage' : `proportion of ${formatRNumber(multiplier)}`;
}

/**
 * A proportion x/n × multiplier with its Wilson score limits (also × multiplier), for one level.
 * NA (null/NaN) inputs give nulls. Throws for x < 0, n ≤ 0 or x > n.
 *
 * Formula: (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)), z = Φ⁻¹(c + (1 − c)/2).
 * Reference: Wilson EB (1927) JASA 22:209-212; Newcombe RG, Altman DG (2000) in Statistics with
 * Confidence, pp. 46-48; PHEindicatormethods `phe_proportion`.
 *
 * @example proportionWithCI(65, 100) // { value: 0.65, lower: 0.55254…, upper: 0.73635… }
 */
export function proportionWithCI(
  x: number | null,
  n: number | null,
  confidence = 0.95,
  multiplier = 1,
): { value: number | null; lower: number | null; upper: number | null } {
  const [level] = normaliseConfidence(confidence);
  if (x === null || n === null || Number.isNaN(x) || Number.isNaN(n)) return { value: null, lower: null, upper: null };
  if (x < 0) throw new HealthgapError(`proportion: numerator must be 0 or more, found ${x}`);
  if (n <= 0) throw new HealthgapError(`proportion: denominator must be greater than 0, found ${n}`);
  if (x > n) throw new HealthgapError(`proportion: numerator ${x} is greater than its denominator ${n}`);
  const ci = wilsonInterval(x, n, level);
  return { value: (x / n) * multiplier, lower: ci.lower === null ? null : ci.lower * multiplier, upper: ci.upper === null ? null : ci.upper * multiplier };
}

/**
 * A proportion with Wilson limits at several levels, keyed by PHEim's column names: `value` =
 * x/n × multiplier and, per level, `lower95_0cl`/`upper95_0cl`, `lower99_8cl`/`upper99_8cl`, …
 * (`lowercl`/`uppercl` for a single level), each Wilson limit × multiplier. The row-wise helper
 * for roll-ups that build their own tables (practice prevalence, deprivation groups).
 *
 * Not computable → every field null: x or n null/NaN, n ≤ 0, or x > n (QOF publishes some registers
 * above their list size; the caller says why in its notes). Throws for x < 0.
 * Formula and reference: {@link proportionWithCI} (Wilson 1927; PHEim `phe_proportion`).
 *
 * @example proportionLimits(65, 100) // { value: 65, lower95_0cl: 55.25…, upper95_0cl: 73.63…, lower99_8cl: 49.55…, upper99_8cl: 77.84… }
 */
export function proportionLimits(x: number | null, n: number | null, levels: ConfidenceInput = [0.95, 0.998], multiplier = 100): ProportionLimits {
  const columns = ciColumnNames(normaliseConfidence(levels));
  const out: ProportionLimits = { value: null };
  for (const c of columns) {
    out[c.lower] = null;
    out[c.upper] = null;
  }
  if (x === null || n === null || Number.isNaN(x) || Number.isNaN(n) || !(n > 0) || x > n) return out;
  if (x < 0) throw new HealthgapError(`proportion: numerator must be 0 or more, found ${x}`);
  out.value = (x / n) * multiplier;
  for (const c of columns) {
    const ci = wilsonInterval(x, n, c.level);
    out[c.lower] = ci.lower === null ? null : ci.lower * multiplier;
    out[c.upper] = ci.upper === null ? null : ci.upper * multiplier;
  }
  return out;
}

/** Result of {@link proportionLimits}: `value` and one lower/upper field per confidence level. */
export interface ProportionLimits {
  value: number | null;
  [column: string]: number | null;
}

/**
 * Proportions with Wilson score confidence limits, as PHEim `phe_proportion` (2.1.0).
 *
 * - Ungrouped table: row by row; returns every input column plus `value`, the limits,
 *   `confidence`, `statistic`, `method` ("the original data with results appended").
 * - Grouped table (`table.groupby(...)`): x and n are summed within each group (NA if any is NA);
 *   returns the group columns, the summed x and n (under their own names), then the results.
 *   (PHEim treats a grouped data frame with a single group as ungrouped; healthgap always
 *   summarises a grouped table.)
 *
 * value = x/n × multiplier; limits = Wilson score limits × multiplier (see {@link proportionWithCI}).
 * statistic = "percentage" when multiplier = 100, else "proportion of <multiplier>"; method "Wilson".
 * Rules (checked on every input row): x ≥ 0, n > 0, x ≤ n, else an InputError naming the row
 * and column. Rows with NA x or n give NA results (no error).
 *
 * @example
 * proportion(aq.table({ area: ['A', 'B'], num: [65, 1045], den: [100, 5000] }), { x: 'num', n: 'den', multiplier: 100 })
 * // area, num, den, value 65 / 20.9, lowercl 55.25… / 19.80…, uppercl 73.64… / 22.05…, confidence "95%", statistic "percentage", method "Wilson"
 */
export function proportion(table: ColumnTable, options: ProportionOptions): ColumnTable {
  const ctx = new VerbContext(table, 'proportion', options.source);
  const type = checkOutputType(options.type);
  const multiplier = options.multiplier ?? 1;
  if (!Number.isFinite(multiplier) || multiplier <= 0) throw new HealthgapError(`proportion: multiplier must be a number greater than 0, found ${multiplier}`);
  const levels = options.confidence === null ? null : normaliseConfidence(options.confidence ?? 0.95);
  if (levels === null && type !== 'full' && type !== 'value') {
    throw new HealthgapError('proportion: confidence = null (no limits) only works with type "full" or "value"');
  }
  ctx.requireColumns(options.x, options.n);
  const xRaw = ctx.numeric(options.x);
  const nRaw = ctx.numeric(options.n);
  ctx.check(xRaw, options.x, (v) => v >= 0, 'a numerator of 0 or more');
  ctx.check(nRaw, options.n, (v) => v > 0, 'a denominator greater than 0');
  const idx = table.indices(true);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i];
    if (xRaw[r] > nRaw[r]) throw ctx.error(`numerator ${xRaw[r]} is greater than its denominator ${nRaw[r]} (column "${options.n}")`, r, options.x);
  }

  const { size, sums, keys } = ctx.rowsOrGroupSums([xRaw, nRaw]);
  const [x, n] = sums;
  const value = new Float64Array(size);
  for (let i = 0; i < size; i++) value[i] = (x[i] / n[i]) * multiplier;

  const cols: OutputColumn[] = [...keys];
  if (ctx.isGrouped) {
    cols.push({ name: options.x, role: 'input', values: x }, { name: options.n, role: 'input', values: n });
  }
  cols.push({ name: 'value', role: 'value', values: value });
  if (levels) {
    const lower: Float64Array[] = [];
    const upper: Float64Array[] = [];
    for (const level of levels) {
      const lo = new Float64Array(size);
      const up = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const xi = x[i];
        const ni = n[i];
        if (xi !== xi || ni !== ni) {
          lo[i] = NaN;
          up[i] = NaN;
          continue;
        }
        const ci = wilsonInterval(xi, ni, level);
        lo[i] = ci.lower === null ? NaN : ci.lower * multiplier;
        up[i] = ci.upper === null ? NaN : ci.upper * multiplier;
      }
      lower.push(lo);
      upper.push(up);
    }
    cols.push(...ciColumns(levels, lower, upper));
    cols.push(...metaColumns(size, levels, proportionStatistic(multiplier), 'Wilson'));
  } else {
    cols.push({ name: 'statistic', role: 'meta', values: new Array<string>(size).fill(proportionStatistic(multiplier)) });
  }
  return buildOutput(cols, type);
}
