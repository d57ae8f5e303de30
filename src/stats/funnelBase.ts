/**
 * Funnel-plot building blocks, as PHEindicatormethods 2.1.0 (`R/utils.R`, `R/Funnels.R`): the
 * significance labels, the inverse-Wilson points for proportions, exact Poisson funnel limits by
 * bisection, ratio limits, the 100-point axis, and the option checks shared by the funnel verbs
 * (`funnel.ts`) and the overdispersion addition (`funnelOverdispersion.ts`). The method is
 * described in full at the head of `funnel.ts`.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { rNcharWhole } from '../core/rmath.js';
import { roundHalfEven } from '../core/rounding.js';
import { SMALL_COUNT_THRESHOLD } from './confidence.js';
import { qchisq, qnorm } from './distributions.js';
import { VerbContext, type VerbSource } from './verb.js';

/** Significance labels, as PHEim. */
export const FUNNEL_LABELS = [
  'High (0.001)',
  'High (0.025)',
  'Low (0.001)',
  'Low (0.025)',
  'Not significant',
  'Not applicable for events less than 10 for dsrs',
] as const;
export type FunnelLabel = (typeof FUNNEL_LABELS)[number];

/**
 * The proportion at which a denominator `population` sits exactly on the funnel at normal
 * quantile p (0.975 or 0.999) around `average` (inverse of the Wilson score limit), × multiplier.
 * `side` "low" or "high". PHEim `sigma_adjustment`.
 */
export function funnelSigmaAdjustment(p: number, population: number, average: number, side: 'low' | 'high', multiplier: number): number {
  const z2 = qnorm(p) ** 2;
  const first = average * (population / z2 + 1);
  const adj = Math.sqrt(
    (-8 * average * (population / z2 + 1)) ** 2 -
      64 * (1 / z2 + 1 / population) * average * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)),
  );
  const last = 1 / z2 + 1 / population;
  const v = side === 'low' ? (first - adj / 8) / last : (first + adj / 8) / last;
  return (v / population) * multiplier;
}

/** P(xa ≤ X ≤ xb) for X ~ Poisson(z), by the recurrence PHEim (and the Excel macro) uses. */
export function poissonCis(z: number, xa: number, xb: number): number {
  let q = 1;
  let tot = 0;
  let s = 0;
  let k = 0;
  while (k <= z || q > tot * 1e-10) {
    tot += q;
    if (k >= xa && k <= xb) s += q;
    if (tot > 1e30) {
      s /= 1e30;
      tot /= 1e30;
      q /= 1e30;
    }
    k += 1;
    q = (q * z) / k;
  }
  return s / tot;
}

/**
 * The Poisson mean for which `obs` events sit on the funnel at tail probability p: bisection on
 * v ∈ (0, 1), mean = (1 + obs)·v/(1 − v), until the step is ≤ 1e-7. side "low": P(X ≥ obs) = p;
 * "high": P(X ≤ obs) = p. PHEim `poisson_funnel`.
 */
export function poissonFunnel(obs: number, p: number, side: 'low' | 'high'): number {
  let v = 0.5;
  let dv = 0.5;
  while (dv > 1e-7) {
    dv /= 2;
    const mean = ((1 + obs) * v) / (1 - v);
    if (side === 'low') {
      if (poissonCis(mean, obs, 1e10) > p) v -= dv;
      else v += dv;
    } else if (poissonCis(mean, 0, obs) < p) v -= dv;
    else v += dv;
  }
  return ((1 + obs) * v) / (1 - v);
}

/**
 * Confidence limit of obs/expected at level p (0.95 or 0.998): exact (chi-squared) below 10
 * events, Byar's from 10; side "low" or "high". PHEim `funnel_ratio_significance`.
 */
export function funnelRatioLimit(obs: number, expected: number, p: number, side: 'low' | 'high'): number {
  let t: number;
  if (obs === 0 && side === 'low') t = 0;
  else if (obs < SMALL_COUNT_THRESHOLD) {
    t = side === 'low' ? qchisq(1 - (0.5 + p / 2), 2 * obs) / 2 : qchisq(0.5 + p / 2, 2 * obs + 2) / 2;
  } else {
    const z = qnorm(0.5 + p / 2);
    const o = side === 'low' ? obs : obs + 1;
    const sign = side === 'low' ? -1 : 1;
    t = o * (1 - 1 / (9 * o) + (sign * z) / 3 / Math.sqrt(o)) ** 3;
  }
  return t / expected;
}

/** PHEim `signif.floor`: x × 0.95 rounded down to its leading digit (0 stays 0). */
export function funnelAxisFloor(x: number): number {
  if (x === 0) return 0;
  const n = rNcharWhole(Math.floor(x * 0.95)) - 1;
  return Math.floor((x * 0.95) / 10 ** n) * 10 ** n;
}

/** PHEim `signif.ceiling`: x × 1.05 rounded up to two leading digits (0 stays 0). */
export function funnelAxisCeiling(x: number): number {
  if (x === 0) return 0;
  const n = rNcharWhole(Math.ceil(x * 1.05)) - 2;
  return Math.ceil((x * 1.05) / 10 ** n) * 10 ** n;
}

/** The 100 x-axis points of a funnel from `min` to `max` (offset 1 for ratios, as PHEim). */
export function funnelAxis(axisMinimum: number, axisMaximum: number, ratio = false): number[] {
  const out = [Math.max(1, axisMinimum)];
  for (let j = 2; j <= 100; j++) {
    const offset = ratio ? j - 1 : j;
    const prev = out[j - 2];
    out.push(Math.max(roundHalfEven((axisMaximum / prev) ** (1 / (101 - offset)) * prev), prev + 1));
  }
  return out;
}

/** Options shared by the funnel functions (PHEim argument names in camelCase). */
export interface FunnelOptions {
  /** Column of numerators: events, observed counts. */
  numerator: string;
  /** Column of denominators (proportions), expected counts (ratios) or populations (crude rates with 0 events). */
  denominator?: string;
  /** Column of rates (statistic "rate"). */
  rate?: string;
  statistic: 'proportion' | 'ratio' | 'rate';
  /** For ratios: "count" (limits as ratio − 1) or "isr" (ratio × 100). */
  ratioType?: 'count' | 'isr';
  /** For rates: "dsr" or "crude". */
  rateType?: 'dsr' | 'crude';
  /** For rate limits and points: number of years the data cover. */
  yearsOfData?: number;
  /** Proportions: 100 for percentages; rates: per 100,000 etc. */
  multiplier?: number;
  /** "full" (default) adds `statistic` and `method` to the limits. */
  type?: 'full' | 'standard';
  /**
   * Overdispersion adjustment (healthgap addition, not in PHEim): "none" (default, PHEim exactly),
   * "additive" (random effects, τ²; FunnelPlotR's default) or "multiplicative" (φ). Proportions
   * for limits and significance; ratios for significance only. See {@link funnelDispersion}.
   */
  overdispersion?: FunnelOverdispersion;
  /** Winsorisation of the z-scores at each end before φ is estimated (default 0.1 = 10%). */
  trimBy?: number;
  source?: VerbSource;
}

/** The checked columns of a funnel input (internal to the funnel modules). */
export interface Prepared {
  ctx: VerbContext;
  num: Float64Array;
  den: Float64Array | null;
  rate: Float64Array | null;
  /** Denominator per raw row (derived for rates; NaN = none). */
  derived: Float64Array;
}

/** Check a funnel input table and derive each row's denominator (internal to the funnel modules; not exported from stats). */
export function prepare(table: ColumnTable, o: FunnelOptions, fn: string, forLimits: boolean): Prepared {
  const ctx = new VerbContext(table, fn, o.source);
  if (!['proportion', 'ratio', 'rate'].includes(o.statistic))
    throw new HealthgapError(`${fn}: statistic must be "proportion", "ratio" or "rate" (found "${String(o.statistic)}")`);
  const idx = ctx.table.indices(true);
  const num = ctx.numeric(o.numerator);
  for (const r of idx) if (num[r] !== num[r]) throw ctx.error('missing numerator', r, o.numerator);
  ctx.check(num, o.numerator, (v) => v >= 0, 'a numerator of 0 or more');
  let den: Float64Array | null = null;
  let rate: Float64Array | null = null;
  const derived = new Float64Array(ctx.table.totalRows()).fill(NaN);
  if (o.statistic === 'rate') {
    if (!o.rate) throw new HealthgapError(`${fn}: give the rate column for statistic "rate"`);
    if (o.rateType !== 'dsr' && o.rateType !== 'crude') throw new HealthgapError(`${fn}: rateType must be "dsr" or "crude" for statistic "rate"`);
    if (o.multiplier === undefined) throw new HealthgapError(`${fn}: give the multiplier the rates are expressed per (e.g. 100000)`);
    if (forLimits && o.yearsOfData === undefined) throw new HealthgapError(`${fn}: give yearsOfData for statistic "rate"`);
    rate = ctx.numeric(o.rate);
    if (o.denominator) {
      den = ctx.numeric(o.denominator);
      ctx.check(den, o.denominator, (v) => v > 0, 'a denominator greater than 0');
    }
    for (const r of idx) {
      if (num[r] === 0) {
        if (o.rateType === 'crude') {
          if (!den) throw ctx.error('for rates, where there are 0 events for a record, the denominator column is needed (give denominator)', r, o.numerator);
          derived[r] = den[r];
        }
      } else {
        if (rate[r] !== rate[r]) throw ctx.error('missing rate', r, o.rate);
        derived[r] = (o.multiplier * num[r]) / rate[r];
      }
    }
  } else {
    if (!o.denominator) throw new HealthgapError(`${fn}: give the denominator column for statistic "${o.statistic}"`);
    if (o.statistic === 'ratio' && forLimits && o.ratioType !== 'count' && o.ratioType !== 'isr')
      throw new HealthgapError(`${fn}: ratioType must be "count" or "isr" for statistic "ratio"`);
    if (o.statistic === 'proportion' && forLimits && o.multiplier === undefined)
      throw new HealthgapError(`${fn}: give the multiplier (e.g. 100 for percentages)`);
    den = ctx.numeric(o.denominator);
    for (const r of idx) if (den[r] !== den[r]) throw ctx.error('missing denominator', r, o.denominator);
    ctx.check(den, o.denominator, (v) => v > 0, 'a denominator greater than 0');
    if (o.statistic === 'proportion') {
      for (const r of idx)
        if (num[r] > den[r])
          throw ctx.error(`numerator ${num[r]} is more than the denominator ${den[r]} (a proportion needs numerator ≤ denominator)`, r, o.numerator);
    }
    for (const r of idx) derived[r] = den[r];
  }
  return { ctx, num, den, rate, derived };
}

/**
 * Overdispersion adjustment of a funnel: "none" (PHEim limits, the default), "additive" (random
 * effects: a between-unit variance τ² added to each unit's within-unit variance; FunnelPlotR's
 * default and Spiegelhalter's preferred model) or "multiplicative" (each unit's variance × φ).
 */
export type FunnelOverdispersion = 'none' | 'additive' | 'multiplicative';

/** The allowed values of {@link FunnelOverdispersion}. */
export const FUNNEL_OVERDISPERSION: readonly FunnelOverdispersion[] = ['none', 'additive', 'multiplicative'];

/** Check an overdispersion option (default "none"); one-line error for anything else. */
export function checkFunnelOverdispersion(value: string | undefined): FunnelOverdispersion {
  const v = value ?? 'none';
  if (!(FUNNEL_OVERDISPERSION as readonly string[]).includes(v))
    throw new HealthgapError(`overdispersion must be "none", "additive" or "multiplicative" (found "${v}")`);
  return v as FunnelOverdispersion;
}
