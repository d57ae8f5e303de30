/**
 * Comparative mortality figure: the ratio of two directly standardised rates × 100.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../../core/errors.js';
import { normalizeConfidence, zFor, type ConfidenceInput } from '../confidence.js';
import { VerbContext, buildOutput, checkOutputType, ciColumns, metaColumns, type OutputColumn, type OutputType, type VerbSource } from '../verb.js';
import { bandedGroups, groupName, matchBands, referenceGroups } from './groups.js';
import { standardWeights, type StandardPopulation } from './standard.js';

/** Statistic label of a CMF group with fewer than 10 deaths (as PHEim suppresses a DSR). */
export const CMF_SUPPRESSED_STATISTIC = 'cmf NA for total count < 10';

/** Method label of the CMF limits. */
export const CMF_METHOD = 'log-normal, delta method (Breslow and Day)';

/** Options of {@link cmf}. */
export interface CmfOptions {
  /** Column of deaths (events) per age band. NA counts as 0, as in a DSR. */
  x: string;
  /** Column of populations per age band (each greater than 0). */
  n: string;
  /**
   * Standard population: `'esp2013'` (default), a column of weights, or weights by position
   * within each group. With `ageBand`, ESP 2013 is matched to the band labels.
   */
  stdpop?: StandardPopulation;
  /** Column of age-band labels: bands are then matched with the reference by label. Without it, by position. */
  ageBand?: string;
  /** Value of the reference column naming the reference group, e.g. `E92000001` for England. */
  reference: string;
  /** Group column holding `reference` (default the first group column). Other group columns (e.g. sex) are matched. */
  referenceColumn?: string;
  /** Confidence level(s): 0.95 (default), 99.8, or `[0.95, 0.998]`. */
  confidence?: ConfidenceInput;
  /** PHEim `type`: full (default), standard, value, lower or upper. */
  type?: OutputType;
  /** Where the table came from, for error messages. */
  source?: VerbSource;
}

/** One group's standardised sums over its bands. */
interface Sums {
  O: number;
  pop: number;
  /** Σ w·x/n */
  S: number;
  /** Σ w²·x/n² */
  V: number;
  /** Σ w */
  W: number;
}

function sums(x: Float64Array, n: Float64Array, w: Float64Array, rows: readonly number[]): Sums {
  let O = 0,
    pop = 0,
    S = 0,
    V = 0,
    W = 0;
  for (const r of rows) {
    const xi = x[r] === x[r] ? x[r] : 0;
    const ratio = w[r] / n[r];
    O += xi;
    pop += n[r];
    S += xi * ratio;
    V += xi * ratio * ratio;
    W += w[r];
  }
  return { O, pop, S, V, W };
}

/**
 * A comparative mortality figure with confidence limits from the two groups' band arrays.
 *
 * CMF = DSR_a / DSR_r × 100, where DSR = Σ wᵢ·xᵢ/nᵢ / Σ wᵢ over the same bands and standard
 * weights w. Limits: exp(ln CMF ± z·√(V_a/S_a² + V_r/S_r²)), with S = Σ w·x/n and
 * V = Σ w²·x/n² (the Poisson variance of S), i.e. the delta method on the log scale treating the
 * two rates as independent. When the area is part of the reference (a district within England)
 * the covariance is positive, so these limits are slightly conservative (wider).
 * References: Breslow NE, Day NE (1987) Statistical Methods in Cancer Research vol. II, IARC,
 * chapter 2 (the CMF and its variance); Rothman KJ, Greenland S, Lash TL (2008) Modern
 * Epidemiology 3rd ed., the standardised rate ratio.
 *
 * @example cmfWithCI([10, 20], [1000, 1000], [5, 10], [1000, 1000], [1, 1])
 * // value 200, lower 107.61…, upper 371.70… (200·exp(±1.96·√(1/30 + 1/15)))
 */
export function cmfWithCI(
  x: readonly number[],
  n: readonly number[],
  xRef: readonly number[],
  nRef: readonly number[],
  stdpop: readonly number[],
  confidence = 0.95,
): { value: number | null; lower: number | null; upper: number | null } {
  const len = x.length;
  if (n.length !== len || xRef.length !== len || nRef.length !== len || stdpop.length !== len)
    throw new HealthgapError('cmf: x, n, xRef, nRef and stdpop must have the same length');
  const [level] = normalizeConfidence(confidence);
  const a = sums(Float64Array.from(x), Float64Array.from(n), Float64Array.from(stdpop), [...Array(len).keys()]);
  const r = sums(Float64Array.from(xRef), Float64Array.from(nRef), Float64Array.from(stdpop), [...Array(len).keys()]);
  const c = cmfFromSums(a, r, level);
  return { value: nn(c.value), lower: nn(c.lower), upper: nn(c.upper) };
}

const nn = (v: number) => (Number.isNaN(v) ? null : v);

function cmfFromSums(a: Sums, r: Sums, level: number): { value: number; lower: number; upper: number; suppressed: boolean } {
  if (!(a.O >= 10) || !(r.O >= 10) || !(r.S > 0)) return { value: NaN, lower: NaN, upper: NaN, suppressed: true };
  const value = (a.S / r.S) * 100;
  const se = Math.sqrt(a.V / (a.S * a.S) + r.V / (r.S * r.S));
  const z = zFor(level);
  return { value, lower: value * Math.exp(-z * se), upper: value * Math.exp(z * se), suppressed: false };
}

/**
 * Comparative mortality figures: each group's directly standardised rate divided by its
 * reference group's (same bands, same standard population) × 100, with confidence limits (see
 * {@link cmfWithCI} for the formula and references). One row per group: the group columns,
 * `total_count`, `total_pop`, `dsr` and `ref_dsr` (per 100,000), `value` (the CMF; 100 = the
 * reference's rate), the limits, `confidence`, `statistic`, `method`.
 *
 * Rules: the table is grouped; the reference group is the one whose `referenceColumn` (default the
 * first group column) equals `reference`, within the same values of the other group columns
 * (e.g. each sex against England's same sex). Bands are matched by label when `ageBand` is given
 * (a band on one side only is an InputError), otherwise by position. Populations must be greater
 * than 0. A group, or a reference, with fewer than 10 deaths is suppressed (value and limits NA,
 * statistic "cmf NA for total count < 10"), as a DSR is. The reference group's own row has value
 * 100 and no limits (method "reference group").
 *
 * @example
 * cmf(deaths.groupby('area_code'), { x: 'deaths', n: 'population', ageBand: 'age_band', stdpop: 'esp2013', reference: 'E92000001' })
 */
export function cmf(table: ColumnTable, options: CmfOptions): ColumnTable {
  const ctx = new VerbContext(table, 'cmf', options.source);
  const type = checkOutputType(options.type);
  const levels = normalizeConfidence(options.confidence ?? 0.95);
  if (typeof options.reference !== 'string' || options.reference === '')
    throw new HealthgapError('cmf: give the reference group (e.g. reference: "E92000001")');
  ctx.requireColumns(options.x, options.n, ...(options.ageBand ? [options.ageBand] : []));
  const x = ctx.numeric(options.x);
  const n = ctx.numeric(options.n);
  ctx.check(x, options.x, (v) => v >= 0, 'a count of 0 or more');
  const idx = table.indices(true);
  for (let i = 0; i < idx.length; i++)
    if (!(n[idx[i]] > 0)) throw ctx.error(`expected a population greater than 0, found ${n[idx[i]] !== n[idx[i]] ? 'NA' : n[idx[i]]}`, idx[i], options.n);
  const groups = bandedGroups(ctx, options.ageBand);
  const refOf = referenceGroups(ctx, { reference: options.reference, referenceColumn: options.referenceColumn });
  const w = standardWeights(ctx, groups, options.stdpop ?? 'esp2013', options.ageBand);

  const size = groups.length;
  const totalCount = new Float64Array(size);
  const totalPop = new Float64Array(size);
  const dsrCol = new Float64Array(size);
  const refDsr = new Float64Array(size);
  const value = new Float64Array(size);
  const lower = levels.map(() => new Float64Array(size));
  const upper = levels.map(() => new Float64Array(size));
  const statistic = new Array<string>(size);
  const method = new Array<string>(size);
  for (let k = 0; k < size; k++) {
    const ref = groups[refOf[k]];
    const { rows, refRows } = matchBands(ctx, groups[k], ref, options.ageBand);
    rows.forEach((r, i) => {
      if (w[r] !== w[refRows[i]])
        throw ctx.error(
          `the standard population of this band (${w[r]}) differs from the reference group's (${w[refRows[i]]}, ${groupName(ctx, ref.k)}): both must be standardised to the same population`,
          r,
          typeof options.stdpop === 'string' ? options.stdpop : undefined,
        );
    });
    const a = sums(x, n, w, rows);
    const rs = sums(x, n, w, refRows);
    totalCount[k] = a.O;
    totalPop[k] = a.pop;
    dsrCol[k] = a.W > 0 ? (a.S / a.W) * 100000 : NaN;
    refDsr[k] = rs.W > 0 ? (rs.S / rs.W) * 100000 : NaN;
    if (k === refOf[k]) {
      value[k] = a.O >= 10 ? 100 : NaN;
      lower.forEach((l) => (l[k] = NaN));
      upper.forEach((u) => (u[k] = NaN));
      statistic[k] = a.O >= 10 ? 'comparative mortality figure (ratio of DSRs x 100)' : CMF_SUPPRESSED_STATISTIC;
      method[k] = 'reference group';
      continue;
    }
    levels.forEach((level, j) => {
      const c = cmfFromSums(a, rs, level);
      value[k] = c.value;
      lower[j][k] = c.lower;
      upper[j][k] = c.upper;
      statistic[k] = c.suppressed ? CMF_SUPPRESSED_STATISTIC : 'comparative mortality figure (ratio of DSRs x 100)';
    });
    method[k] = CMF_METHOD;
  }
  const cols: OutputColumn[] = [
    ...ctx.groupColumns(),
    { name: 'total_count', role: 'aux', values: totalCount },
    { name: 'total_pop', role: 'aux', values: totalPop },
    { name: 'dsr', role: 'aux', values: dsrCol },
    { name: 'ref_dsr', role: 'aux', values: refDsr },
    { name: 'value', role: 'value', values: value },
    ...ciColumns(levels, lower, upper),
    ...metaColumns(size, levels, statistic, method),
  ];
  return buildOutput(cols, type);
}
