/**
 * Slope index of inequality (SII) and relative index of inequality (RII), as PHEindicatormethods
 * 2.1.0 `phe_sii` (Low & Low 2004; OHID technical guidance "Slope index of inequality").
 *
 * For one area with quantiles i = 1..k ordered from most to least deprived:
 * - a_i = P_i / ΣP (population share), b_i = Σ_{j<i} a_j + a_i / 2 (midpoint of the cumulative
 *   share, the "relative rank");
 * - fit Y_i √a_i = β0 √a_i + β1 b_i √a_i by least squares with no intercept term (the √a weights
 *   correct for heteroskedasticity); SII = β1 × multiplier, RII = (β0 + β1) / β0 (inverted when
 *   the multiplier is negative), intercept = β0 (the fitted value at the most deprived end).
 * - value types: 0 normal, 1 rate (log scale), 2 proportion (logit scale). The standard error of
 *   each quantile's value is taken from `se`, or from its 95% limits on the transformed scale:
 *   SE = (g(UCL) − g(LCL)) / (2 × 1.959964), g = identity / log / logit (always 95%, as PHEim).
 * - Confidence limits by simulation: draw each quantile's value from N(g(value), SE), transform
 *   back (unless `transform`), refit, repeat `repetitions` times; the limits are the sorted draws at
 *   positions round(reps·(1−c)/2) and round(reps·(c + (1−c)/2)) (R's round-half-even, 1-based).
 * - `transform: true` (rates and proportions only, limits required): the model is fitted on the
 *   log/logit scale; SII = (f(β0 + β1) − f(β0)) × multiplier, RII = f(β0 + β1) / f(β0),
 *   intercept = f(β0) × |multiplier|, f = exp / expit; the simulated slopes are back-transformed
 *   around the midpoint (β0 + (β0 + β1)) / 2 as PHEim does.
 *
 * Reproducible: the simulation uses a seeded generator ({@link NormalStream}); each area's stream
 * is seeded from `seed` and the area's group key, so an area's limits do not change when other
 * areas are added or removed. (R's generator differs: limits agree with PHEim's within Monte Carlo
 * error, which PHEim's own tests allow at 5%.)
 *
 * Differences from PHEim, documented: for `transform` with rates PHEim swaps the limits when the
 * multiplier is < 1 (so 0 < multiplier < 1 gives lower > upper); healthgap swaps them when the
 * multiplier is < 0, as PHEim does for proportions. Areas without every quantile are dropped with
 * a note (PHEim warns); a quantile repeated within an area is an error.
 *
 * Reference: Low A, Low A (2004) Measuring the gap: quantifying and comparing local health
 * inequalities. J Public Health 26:388-395.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { roundHalfEven } from '../core/rounding.js';
import { withNotes } from '../io/csv.js';
import { normaliseConfidence, confidenceSuffix, type ConfidenceInput } from './confidence.js';
import { Z_975 } from './distributions.js';
import { NormalStream, seedFor } from './random.js';
import { VerbContext, buildOutput, checkOutputType, type OutputColumn, type OutputType, type VerbSource } from './verb.js';

/** 0 normal (e.g. life expectancy), 1 rate (log scale), 2 proportion (logit scale). */
export type SiiValueType = 0 | 1 | 2;

/** Settings of the SII calculation for one area. */
export interface SiiSettings {
  valueType?: SiiValueType;
  /** Fit on the log/logit scale (value types 1 and 2). Default false. */
  transform?: boolean;
  /** Multiply SII (and its limits) by this; negative inverts the RII. Default 1. */
  multiplier?: number;
  /** Number of simulations, ≥ 1000. Default 100,000 as PHEim. */
  repetitions?: number;
  /** One level or several (e.g. `[0.95, 0.998]`). Default 0.95. */
  confidence?: ConfidenceInput;
  /** Simulate RII limits too. Default false. */
  rii?: boolean;
  /** Seed of the simulation (default 1). */
  seed?: number;
  /** Key mixed into the seed (the CLI and the verb use the group key). */
  seedKey?: string;
}

/** SII result for one area. */
export interface SiiResult {
  sii: number;
  rii: number;
  intercept: number;
  /** Per confidence level: SII and RII limits. */
  limits: { level: number; siiLower: number; siiUpper: number; riiLower: number; riiUpper: number }[];
}

const Z95 = Z_975;

/**
 * Rearrange `a` so that a[p] holds the value it would have after sorting, for every p in
 * `positions` (descending order). Hoare quickselect with median-of-three pivots; values at the
 * requested positions are exactly those of a full sort.
 */
export function selectPositions(a: Float64Array, positions: readonly number[]): void {
  let right = a.length - 1;
  for (const k of positions) {
    let lo = 0;
    let hi = right;
    while (hi > lo) {
      const mid = (lo + hi) >>> 1;
      // median of three into a[mid]
      if (a[mid] < a[lo]) swap(a, mid, lo);
      if (a[hi] < a[lo]) swap(a, hi, lo);
      if (a[hi] < a[mid]) swap(a, hi, mid);
      const pivot = a[mid];
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else break;
    }
    right = k; // everything left of k is ≤ a[k]: the next (smaller) position lies in [0, k]
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Sorted-draw positions (0-based) of the lower and upper limits for a level, as PHEim. */
export function siiLimitPositions(repetitions: number, level: number): [number, number] {
  const cv = level + (1 - level) / 2;
  const lo = Math.min(repetitions, Math.max(1, roundHalfEven(repetitions * (1 - cv))));
  const hi = Math.min(repetitions, Math.max(1, roundHalfEven(repetitions * cv)));
  return [lo - 1, hi - 1];
}

let scratchBuf = new Float64Array(0);
/** A reusable buffer of at least n doubles (the SII draws; not re-entrant, which is fine in JS). */
function scratch(n: number): Float64Array {
  if (scratchBuf.length < n) scratchBuf = new Float64Array(n);
  return scratchBuf.length === n ? scratchBuf : scratchBuf.subarray(0, n);
}

const logit = (v: number) => Math.log(v / (1 - v));
const expit = (v: number) => Math.exp(v) / (1 + Math.exp(v));

/** g: the scale on which values are simulated (identity, log, logit). */
export function siiScale(valueType: SiiValueType, v: number): number {
  return valueType === 1 ? Math.log(v) : valueType === 2 ? logit(v) : v;
}

/**
 * SII, RII, intercept and simulated limits for one area, from its quantiles in order (most
 * deprived first): `population[i]`, `value[i]` (on the natural scale: rate, proportion 0-1, years…)
 * and `se[i]` on the simulation scale (log/logit for value types 1/2; see {@link siiSeFromLimits}).
 *
 * Closed-form weighted least squares with precomputed weights; one Float64Array of draws per
 * statistic, no allocation per draw.
 *
 * @example
 * siiArea([7291, 7997, ...], [75.9, 78.3, ...], [1.64, 1.58, ...], { repetitions: 10000, rii: true })
 */
export function siiArea(population: ArrayLike<number>, value: ArrayLike<number>, se: ArrayLike<number>, settings: SiiSettings = {}): SiiResult {
  const k = population.length;
  const vt = settings.valueType ?? 0;
  const transform = settings.transform ?? false;
  const mult = settings.multiplier ?? 1;
  const reps = settings.repetitions ?? 100000;
  const levels = normaliseConfidence(settings.confidence ?? 0.95);
  const wantRii = settings.rii ?? false;
  if (transform && vt === 0) throw new HealthgapError('sii: transform needs value type 1 (rate) or 2 (proportion)');
  if (!Number.isInteger(reps) || reps < 1000) throw new HealthgapError(`sii: repetitions must be a whole number of 1000 or more (found ${reps})`);

  // weights of the two coefficients: β0 = Σ w0_i y_i, β1 = Σ w1_i y_i
  let total = 0;
  for (let i = 0; i < k; i++) total += population[i];
  const a = new Float64Array(k);
  const b = new Float64Array(k);
  let cum = 0;
  for (let i = 0; i < k; i++) {
    a[i] = population[i] / total;
    b[i] = a[i] / 2 + cum;
    cum += a[i];
  }
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  for (let i = 0; i < k; i++) {
    s11 += a[i];
    s12 += a[i] * b[i];
    s22 += a[i] * b[i] * b[i];
  }
  const det = s11 * s22 - s12 * s12;
  const w0 = new Float64Array(k);
  const w1 = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    w0[i] = (a[i] * (s22 - s12 * b[i])) / det;
    w1[i] = (a[i] * (s11 * b[i] - s12)) / det;
  }
  const mean = new Float64Array(k); // simulation-scale values
  const sd = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    mean[i] = siiScale(vt, value[i]);
    sd[i] = se[i];
  }
  // point estimate (PHEim fits the back-transformed value unless transform)
  let b0 = 0;
  let b1 = 0;
  for (let i = 0; i < k; i++) {
    const y = transform ? mean[i] : vt === 1 ? Math.exp(mean[i]) : vt === 2 ? expit(mean[i]) : mean[i];
    b0 += w0[i] * y;
    b1 += w1[i] * y;
  }
  const f = vt === 1 ? Math.exp : expit;
  let sii: number;
  let rii: number;
  let intercept: number;
  let xHalf = 0;
  if (!transform) {
    sii = mult * b1;
    rii = (b0 + b1) / b0;
    if (mult < 0) rii = 1 / rii;
    intercept = b0;
  } else {
    const x1 = b0 + b1;
    xHalf = (b0 + x1) / 2;
    sii = (f(x1) - f(b0)) * mult;
    rii = f(x1) / f(b0);
    if (mult < 0) rii = 1 / rii;
    intercept = f(b0) * Math.abs(mult);
  }

  // simulation: draws in one scratch buffer (reps × k, filled once per area), then one pass per
  // back-transform so the inner loop has no branches and allocates nothing
  const rng = new NormalStream(seedFor(settings.seed ?? 1, settings.seedKey ?? ''));
  const slopes = new Float64Array(reps);
  const riis = wantRii && !transform ? new Float64Array(reps) : null;
  const draws = scratch(reps * k);
  rng.fillNormal(draws);
  const back = transform ? 0 : vt; // 0: use the simulated value as it is, 1: exp, 2: expit
  for (let r = 0, base = 0; r < reps; r++, base += k) {
    let c0 = 0;
    let c1 = 0;
    if (back === 0) {
      for (let i = 0; i < k; i++) {
        const y = mean[i] + sd[i] * draws[base + i];
        c0 += w0[i] * y;
        c1 += w1[i] * y;
      }
    } else if (back === 1) {
      for (let i = 0; i < k; i++) {
        const y = Math.exp(mean[i] + sd[i] * draws[base + i]);
        c0 += w0[i] * y;
        c1 += w1[i] * y;
      }
    } else {
      for (let i = 0; i < k; i++) {
        const y = 1 / (1 + Math.exp(-(mean[i] + sd[i] * draws[base + i])));
        c0 += w0[i] * y;
        c1 += w1[i] * y;
      }
    }
    if (transform) slopes[r] = c1;
    else {
      slopes[r] = mult * c1;
      if (riis) {
        const q = (c0 + c1) / c0;
        riis[r] = mult < 0 ? 1 / q : q;
      }
    }
  }
  // Only a few order statistics are needed: select them (O(n)) instead of sorting (O(n log n)).
  const positions = [...new Set(levels.flatMap((level) => siiLimitPositions(reps, level)))].sort((p, q) => q - p);
  selectPositions(slopes, positions);
  if (riis) selectPositions(riis, positions);
  const limits = levels.map((level) => {
    const [lo, hi] = siiLimitPositions(reps, level);
    if (!transform) {
      return { level, siiLower: slopes[lo], siiUpper: slopes[hi], riiLower: riis ? riis[lo] : NaN, riiUpper: riis ? riis[hi] : NaN };
    }
    const lcl = slopes[lo];
    const ucl = slopes[hi];
    const intL = xHalf - lcl / 2;
    const intU = xHalf - ucl / 2;
    const x1L = xHalf + lcl / 2;
    const x1U = xHalf + ucl / 2;
    const siiL = (f(x1L) - f(intL)) * mult;
    const siiU = (f(x1U) - f(intU)) * mult;
    const riiL = f(x1L) / f(intL);
    const riiU = f(x1U) / f(intU);
    return mult < 0
      ? { level, siiLower: siiU, siiUpper: siiL, riiLower: 1 / riiU, riiUpper: 1 / riiL }
      : { level, siiLower: siiL, siiUpper: siiU, riiLower: riiL, riiUpper: riiU };
  });
  return { sii, rii, intercept, limits };
}

/**
 * Standard error on the simulation scale from 95% limits, as PHEim:
 * (g(UCL) − g(LCL)) / (2 × Φ⁻¹(0.975)), g = identity (0), log (1) or logit (2).
 */
export function siiSeFromLimits(valueType: SiiValueType, lower: number, upper: number): number {
  return (siiScale(valueType, upper) - siiScale(valueType, lower)) / Z95 / 2;
}

/** Options of {@link sii}. */
export interface SiiOptions extends Omit<SiiSettings, 'seedKey'> {
  /** Column of quantile labels (1 = most deprived … k = least deprived), 5 to 100 quantiles. */
  quantile: string;
  /** Column of quantile populations (> 0). */
  population: string;
  /** Column of indicator values. Optional for proportions when `x` is given (value = x / population). */
  value?: string;
  /** Column of counts for proportions (value type 2) when `value` is not given. */
  x?: string;
  /** Columns of the values' 95% limits (natural scale), used when `se` is not given. */
  lowerCl?: string;
  upperCl?: string;
  /** Column of standard errors (on the simulation scale), instead of limits. */
  se?: string;
  /** Add the `intercept` column. Default false. */
  intercept?: boolean;
  /** "full" (default) adds indicator_type, multiplier, transform, CI_confidence, CI_method, seed. */
  type?: OutputType;
  source?: VerbSource;
}

/**
 * SII (and optionally RII and intercept) with simulated confidence limits for each group (area)
 * of a table with one row per quantile — PHEim `phe_sii`. Output: the group columns, `sii`,
 * `rii`, `sii_lower95_0cl`, `sii_upper95_0cl`, … (one pair per level), `rii_lower95_0cl`, …,
 * `intercept`, and for type "full" `indicator_type`, `multiplier`, `transform`, `CI_confidence`,
 * `CI_method` ("simulation 10000 reps") and `seed`.
 *
 * Errors as PHEim: population ≤ 0 or missing, missing or negative SE, missing limits, missing
 * values, proportions (and their limits) outside 0-1, counts ≤ 0, fewer than 5 or more than 100
 * quantiles. Notes (read with `readerNotes(result)`): more than 10 quantiles; areas dropped for
 * incomplete quantiles.
 *
 * @example
 * sii(deciles.groupby('area_code'), { quantile: 'decile', population: 'population', value: 'le', lowerCl: 'lcl', upperCl: 'ucl', repetitions: 10000, rii: true, seed: 42 })
 */
export function sii(table: ColumnTable, options: SiiOptions): ColumnTable {
  const ctx = new VerbContext(table, 'sii', options.source);
  const type = checkOutputType(options.type);
  const vt = options.valueType ?? 0;
  if (![0, 1, 2].includes(vt)) throw new HealthgapError(`sii: valueType should be 0, 1 or 2 (found ${String(vt)})`);
  const transform = options.transform ?? false;
  const levels = normaliseConfidence(options.confidence ?? 0.95);
  const reps = options.repetitions ?? 100000;
  const mult = options.multiplier ?? 1;
  const seed = options.seed ?? 1;
  if (!Number.isFinite(mult)) throw new HealthgapError('sii: multiplier must be a number');
  if (!Number.isInteger(reps) || reps < 1000) throw new HealthgapError(`sii: repetitions must be a whole number of 1000 or more (found ${reps})`);
  if (!options.value && !(vt === 2 && options.x)) throw new HealthgapError('sii: give a value column, or an x (count) column for a proportion (valueType 2)');
  if (!options.se && !(options.lowerCl && options.upperCl)) throw new HealthgapError('sii: give lowerCl and upperCl columns, or an se column');
  if (transform && vt === 0) throw new HealthgapError('sii: valueType should be 1 or 2 when transform is true');
  if (transform && options.se) throw new HealthgapError('sii: se must not be given when transform is true (the limits are used)');
  if (transform && !(options.lowerCl && options.upperCl)) throw new HealthgapError('sii: lowerCl and upperCl are needed when transform is true');
  ctx.requireColumns(options.quantile, options.population);

  const pop = ctx.numeric(options.population);
  ctx.check(pop, options.population, (v) => v > 0, 'a population greater than 0');
  const idx = ctx.table.indices(true);
  for (const r of idx) if (pop[r] !== pop[r]) throw ctx.error('expected a population greater than 0, found a missing value', r, options.population);
  const seCol = options.se ? ctx.numeric(options.se) : null;
  if (seCol && options.se) {
    ctx.check(seCol, options.se, (v) => v >= 0, 'a standard error of 0 or more');
    for (const r of idx) if (seCol[r] !== seCol[r]) throw ctx.error('missing standard error', r, options.se);
  }
  const lcl = options.lowerCl ? ctx.numeric(options.lowerCl) : null;
  const ucl = options.upperCl ? ctx.numeric(options.upperCl) : null;
  if (lcl && ucl) {
    for (const r of idx) {
      if (lcl[r] !== lcl[r]) throw ctx.error('missing lower confidence limit', r, options.lowerCl);
      if (ucl[r] !== ucl[r]) throw ctx.error('missing upper confidence limit', r, options.upperCl);
    }
  }
  let val: Float64Array;
  if (options.value) {
    val = ctx.numeric(options.value);
    for (const r of idx) if (val[r] !== val[r]) throw ctx.error('missing value', r, options.value);
  } else {
    const x = ctx.numeric(options.x!);
    ctx.check(x, options.x!, (v) => v > 0, 'a count greater than 0');
    val = new Float64Array(x.length);
    for (let r = 0; r < x.length; r++) val[r] = x[r] / pop[r];
  }
  if (vt === 2) {
    if (options.value) ctx.check(val, options.value, (v) => v >= 0 && v <= 1, 'a proportion between 0 and 1');
    if (lcl && ucl) {
      ctx.check(lcl, options.lowerCl!, (v) => v >= 0 && v <= 1, 'a proportion between 0 and 1');
      ctx.check(ucl, options.upperCl!, (v) => v >= 0 && v <= 1, 'a proportion between 0 and 1');
    }
  }
  if (vt === 1 && options.value) ctx.check(val, options.value, (v) => v > 0, 'a rate greater than 0 (value type 1 is simulated on the log scale)');

  // quantiles: the set over the whole table, 5 to 100
  const qCol = ctx.table.column(options.quantile)!;
  const qKey = (r: number) => String(qCol.at(r));
  const allQ = new Set<string>();
  for (const r of idx) {
    const v = qCol.at(r);
    if (v === null || v === undefined || v === '') throw ctx.error('missing quantile', r, options.quantile);
    allQ.add(qKey(r));
  }
  const nq = allQ.size;
  if (nq < 5 || nq > 100) throw new HealthgapError(`sii: the number of quantiles must be between 5 and 100 (found ${nq})`);
  const notes: string[] = [];
  if (nq > 10) notes.push(`sii: ${nq} quantiles; small values can make the SII unstable when using a large number of quantiles`);
  const qOrder = (r: number) => {
    const v = qCol.at(r);
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : NaN;
  };
  const numericQ = [...idx].every((r) => Number.isFinite(qOrder(r)));

  const g = ctx.groups;
  const keep: number[] = [];
  const results: SiiResult[] = [];
  const dropped: string[] = [];
  for (let gi = 0; gi < g.size; gi++) {
    const label = g.names.length ? g.names.map((nm, j) => `${nm}=${String(g.keys[j][gi])}`).join(' ') : 'the table';
    const rows = Array.from(g.rows[gi]);
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(qKey(r))) throw ctx.error(`quantile ${qKey(r)} appears more than once in ${label}`, r, options.quantile);
      seen.add(qKey(r));
    }
    if (seen.size !== nq) {
      dropped.push(label);
      continue;
    }
    rows.sort((p, q) => (numericQ ? qOrder(p) - qOrder(q) : qKey(p) < qKey(q) ? -1 : qKey(p) > qKey(q) ? 1 : 0));
    const se = rows.map((r) => (seCol ? seCol[r] : siiSeFromLimits(vt, lcl![r], ucl![r])));
    const res = siiArea(
      rows.map((r) => pop[r]),
      rows.map((r) => val[r]),
      se,
      { valueType: vt, transform, multiplier: mult, repetitions: reps, confidence: levels, rii: options.rii, seed, seedKey: label },
    );
    keep.push(gi);
    results.push(res);
  }
  if (dropped.length)
    notes.push(
      `sii: ${dropped.length} area(s) do not have all ${nq} quantiles and were left out: ${dropped.slice(0, 5).join('; ')}${dropped.length > 5 ? '; …' : ''}`,
    );

  const n = results.length;
  const cols: OutputColumn[] = [
    ...g.names.map((name, j) => ({ name, role: 'key' as const, values: keep.map((gi) => g.keys[j][gi]) })),
    { name: 'sii', role: 'value', values: results.map((r) => r.sii) },
  ];
  if (options.rii) cols.push({ name: 'rii', role: 'value', values: results.map((r) => r.rii) });
  levels.forEach((level, c) => {
    const sfx = confidenceSuffix(level);
    cols.push({ name: `sii_lower${sfx}cl`, role: 'lower', values: results.map((r) => r.limits[c].siiLower) });
    cols.push({ name: `sii_upper${sfx}cl`, role: 'upper', values: results.map((r) => r.limits[c].siiUpper) });
  });
  if (options.rii) {
    levels.forEach((level, c) => {
      const sfx = confidenceSuffix(level);
      cols.push({ name: `rii_lower${sfx}cl`, role: 'lower', values: results.map((r) => r.limits[c].riiLower) });
      cols.push({ name: `rii_upper${sfx}cl`, role: 'upper', values: results.map((r) => r.limits[c].riiUpper) });
    });
  }
  if (options.intercept) cols.push({ name: 'intercept', role: 'value', values: results.map((r) => r.intercept) });
  const fill = <T>(v: T) => new Array<T>(n).fill(v);
  cols.push(
    { name: 'indicator_type', role: 'meta', values: fill(vt === 0 ? 'normal' : vt === 1 ? 'rate' : 'proportion') },
    { name: 'multiplier', role: 'meta', values: fill(mult) },
    { name: 'transform', role: 'meta', values: fill(transform ? (vt === 1 ? 'log' : 'logit') : 'none') },
    { name: 'CI_confidence', role: 'meta', values: fill(levels.map((c) => `${+(c * 100).toFixed(4)}%`).join(', ')) },
    { name: 'CI_method', role: 'meta', values: fill(`simulation ${reps} reps`) },
    { name: 'seed', role: 'meta', values: fill(seed) },
  );
  return withNotes(buildOutput(cols, type), notes);
}
