/**
 * Funnel plots: control limits, significance labels and chart points, as PHEindicatormethods
 * 2.1.0 `calculate_funnel_limits`, `assign_funnel_significance` and `calculate_funnel_points`
 * (PHE/OHID Fingertips technical guidance "Funnel plots"; Spiegelhalter 2005).
 *
 * - Proportions: the average is Σnumerator / Σdenominator; the limits at denominator n are the
 *   inverse-Wilson points ({@link funnelSigmaAdjustment}) at Φ⁻¹(0.975) ("2s", 95%) and Φ⁻¹(0.999)
 *   ("3s", 99.8%), clipped to [0, 100].
 * - Ratios (observed/expected) and rates: exact Poisson limits found by bisection
 *   ({@link poissonFunnel}, stopping when the step is ≤ 1e-7) at 0.025 and 0.001. Ratio "count"
 *   limits are ratio − 1, "isr" limits ratio × 100. For rates the denominator of each row is
 *   derived as multiplier × count / rate (for DSRs a count of 0 gives no denominator; for crude
 *   rates a count of 0 uses the denominator column), the average is Σcount / Σderived denominator,
 *   and the limits are given per year (`years_of_data`).
 * - Axis: 100 points from max(1, minimum) growing geometrically to the maximum; the minimum is 0
 *   when max > 2·min, otherwise min rounded down to 1 significant figure after × 0.95; the maximum
 *   is max × 1.05 rounded up to 2 significant figures (R's `nchar()` on the number, including its
 *   scientific form for numbers such as 100000 = "1e+05", exactly as PHEim).
 * - Significance: proportions against the Wilson points at the row's denominator; ratios and rates
 *   with exact (chi-squared, fewer than 10 events) or Byar's limits at 95% and 99.8% against 1 or
 *   the weighted average. DSRs with fewer than 10 events are "Not applicable for events less than
 *   10 for dsrs".
 *
 * healthgap differences: a grouped table gives one funnel per group (group columns first);
 * missing numerators or denominators are errors rather than silently "Not significant".
 *
 * healthgap addition, off by default: an overdispersion adjustment (`overdispersion: "additive"`
 * or `"multiplicative"`) following Spiegelhalter (2005, Stat Med 24:1185-1202; Qual Saf Health
 * Care 14:347-351) as the NHS-R FunnelPlotR package implements it: arcsine-square-root z-scores
 * (square root for ratios), 10% winsorised at each end, dispersion ratio φ, between-unit variance
 * τ² (DerSimonian-Laird), limits back-transformed from θ₀ ± z√(s² + τ²) (or θ₀ ± z√φ·s); applied
 * only when φ > 1. One healthgap difference from FunnelPlotR: the adjusted limits and labels are
 * never narrower / more extreme than PHEim's (at small denominators the arcsine approximation is
 * narrower than Wilson below the average). See {@link funnelDispersionOf}, {@link overdispersedFunnelLimit}.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { quantileType7, rNcharWhole } from '../core/rmath.js';
import { roundHalfEven } from '../core/rounding.js';
import { SMALL_COUNT_THRESHOLD } from './confidence.js';
import { pchisq, qchisq, qnorm } from './distributions.js';
import { VerbContext, buildOutput, type OutputColumn, type VerbSource } from './verb.js';

/** Significance labels, as PHEim. */
export const FUNNEL_LABELS = ['High (0.001)', 'High (0.025)', 'Low (0.001)', 'Low (0.025)', 'Not significant', 'Not applicable for events less than 10 for dsrs'] as const;
export type FunnelLabel = (typeof FUNNEL_LABELS)[number];

/**
 * The proportion at which a denominator `population` sits exactly on the funnel at normal
 * quantile p (0.975 or 0.999) around `average` (inverse of the Wilson score limit), × multiplier.
 * `side` "low" or "high". PHEim `sigma_adjustment`.
 */
export function funnelSigmaAdjustment(p: number, population: number, average: number, side: 'low' | 'high', multiplier: number): number {
  const z2 = qnorm(p) ** 2;
  const first = average * (population / z2 + 1);
  const adj = Math.sqrt((-8 * average * (population / z2 + 1)) ** 2 - 64 * (1 / z2 + 1 / population) * average * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)));
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

interface Prepared {
  ctx: VerbContext;
  num: Float64Array;
  den: Float64Array | null;
  rate: Float64Array | null;
  /** Denominator per raw row (derived for rates; NaN = none). */
  derived: Float64Array;
}

function prepare(table: ColumnTable, o: FunnelOptions, fn: string, forLimits: boolean): Prepared {
  const ctx = new VerbContext(table, fn, o.source);
  if (!['proportion', 'ratio', 'rate'].includes(o.statistic)) throw new HealthgapError(`${fn}: statistic must be "proportion", "ratio" or "rate" (found "${String(o.statistic)}")`);
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
    if (o.statistic === 'ratio' && forLimits && o.ratioType !== 'count' && o.ratioType !== 'isr') throw new HealthgapError(`${fn}: ratioType must be "count" or "isr" for statistic "ratio"`);
    if (o.statistic === 'proportion' && forLimits && o.multiplier === undefined) throw new HealthgapError(`${fn}: give the multiplier (e.g. 100 for percentages)`);
    den = ctx.numeric(o.denominator);
    for (const r of idx) if (den[r] !== den[r]) throw ctx.error('missing denominator', r, o.denominator);
    ctx.check(den, o.denominator, (v) => v > 0, 'a denominator greater than 0');
    if (o.statistic === 'proportion') {
      for (const r of idx) if (num[r] > den[r]) throw ctx.error(`numerator ${num[r]} is more than the denominator ${den[r]} (a proportion needs numerator ≤ denominator)`, r, o.numerator);
    }
    for (const r of idx) derived[r] = den[r];
  }
  return { ctx, num, den, rate, derived };
}

/**
 * Control limits for a funnel plot: a 100-row table (per group for a grouped table) of the
 * x-axis points and the 95% ("2s") and 99.8% ("3s") limits — PHEim `calculate_funnel_limits`.
 * Columns: proportions `Population, lower_2s_limit, upper_2s_limit, lower_3s_limit,
 * upper_3s_limit, baseline`; ratios `Observed_events, lower_2s_exp_events, lower_2s_limit, …`;
 * rates `Events, lower_2s_population_1_year, lower_2s_limit, …, baseline`; type "full" adds
 * `statistic` ("proportion", "ratio (count)", "rate (dsr per 100,000)") and `method` ("Wilson",
 * "Poisson").
 *
 * With `overdispersion` "additive" or "multiplicative" (proportions only) the dispersion of each
 * group is estimated ({@link funnelDispersionOf}); when φ > 1 the four limits on the same 100-point
 * axis are the adjusted ones ({@link overdispersedFunnelLimit}: FunnelPlotR's, never inside the
 * PHEim limits) and `method` says so, otherwise they are the PHEim limits unchanged. Three columns are added after `baseline`: `overdispersion` (the model
 * applied, or "none (not overdispersed)"), `phi` and `tau2`.
 *
 * @example
 * funnelLimits(practices, { numerator: 'register', denominator: 'list_size', statistic: 'proportion', multiplier: 100 })
 * funnelLimits(practices, { numerator: 'register', denominator: 'list_size', statistic: 'proportion', multiplier: 100, overdispersion: 'additive' })
 */
export function funnelLimits(table: ColumnTable, options: FunnelOptions): ColumnTable {
  const { ctx, num, derived } = prepare(table, options, 'funnelLimits', true);
  const st = options.statistic;
  const od = checkFunnelOverdispersion(options.overdispersion);
  if (od !== 'none' && st !== 'proportion') throw new HealthgapError('funnelLimits: overdispersion-adjusted limit tables are available for proportions only (for ratios use funnelDispersion and overdispersedLimit)');
  const mult = options.multiplier ?? 1;
  const years = options.yearsOfData ?? 1;
  const g = ctx.groups;
  const cols = new Map<string, unknown[]>();
  const push = (name: string, v: unknown) => {
    if (!cols.has(name)) cols.set(name, []);
    cols.get(name)!.push(v);
  };
  for (let gi = 0; gi < g.size; gi++) {
    const rows = g.rows[gi];
    let sumNum = 0;
    let sumDen = 0;
    let minDen = Infinity;
    let maxDen = -Infinity;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      sumNum += num[r];
      const d = derived[r];
      if (d === d) {
        sumDen += d;
        if (d < minDen) minDen = d;
        if (d > maxDen) maxDen = d;
      }
    }
    if (!Number.isFinite(minDen)) throw new HealthgapError('funnelLimits: no row has a denominator to build the funnel from');
    const av = sumNum / sumDen;
    let axisMin: number;
    let axisMax: number;
    if (maxDen > 2 * minDen) axisMin = 0;
    else axisMin = st === 'rate' ? funnelAxisFloor(minDen / years) * years : funnelAxisFloor(minDen);
    axisMax = st === 'rate' ? funnelAxisCeiling(maxDen / years) * years : funnelAxisCeiling(maxDen);
    if (st === 'rate') {
      axisMin = Math.floor(axisMin * av);
      axisMax = Math.ceil(axisMax * av);
    }
    const xs = funnelAxis(axisMin, axisMax, st === 'ratio');
    const disp = od === 'none' ? null : groupDispersion(num, derived, rows, 'proportion', options.trimBy);
    const adjust = disp !== null && disp.overdispersed;
    for (const x of xs) {
      g.names.forEach((nm, j) => push(nm, g.keys[j][gi]));
      if (st === 'proportion') {
        push('Population', x);
        if (adjust) {
          // never inside the PHEim limits (see overdispersedFunnelLimit)
          push('lower_2s_limit', overdispersedFunnelLimit(disp, od, x, 0.975, 'low') * mult);
          push('upper_2s_limit', overdispersedFunnelLimit(disp, od, x, 0.975, 'high') * mult);
          push('lower_3s_limit', overdispersedFunnelLimit(disp, od, x, 0.999, 'low') * mult);
          push('upper_3s_limit', overdispersedFunnelLimit(disp, od, x, 0.999, 'high') * mult);
        } else {
          push('lower_2s_limit', Math.max(0, funnelSigmaAdjustment(0.975, x, av, 'low', mult)));
          push('upper_2s_limit', Math.min(100, funnelSigmaAdjustment(0.975, x, av, 'high', mult)));
          push('lower_3s_limit', Math.max(0, funnelSigmaAdjustment(0.999, x, av, 'low', mult)));
          push('upper_3s_limit', Math.min(100, funnelSigmaAdjustment(0.999, x, av, 'high', mult)));
        }
        push('baseline', av * mult);
        if (disp) {
          push('overdispersion', adjust ? od : 'none (not overdispersed)');
          push('phi', disp.phi);
          push('tau2', disp.tau2);
        }
      } else if (st === 'ratio') {
        const scale = options.ratioType === 'count' ? (v: number) => v - 1 : (v: number) => v * 100;
        push('Observed_events', x);
        for (const [lvl, p] of [['2s', 0.025], ['3s', 0.001]] as const) {
          const lo = poissonFunnel(x, p, 'high');
          const hi = poissonFunnel(x, p, 'low');
          push(`lower_${lvl}_exp_events`, lo);
          push(`lower_${lvl}_limit`, scale(x / lo));
          push(`upper_${lvl}_exp_events`, hi);
          push(`upper_${lvl}_limit`, scale(x / hi));
        }
      } else {
        push('Events', x);
        for (const [lvl, p] of [['2s', 0.025], ['3s', 0.001]] as const) {
          const lo = poissonFunnel(x, p, 'high') / av;
          const hi = poissonFunnel(x, p, 'low') / av;
          push(`lower_${lvl}_population_1_year`, lo / years);
          push(`lower_${lvl}_limit`, (x / lo) * mult);
          push(`upper_${lvl}_population_1_year`, hi / years);
          push(`upper_${lvl}_limit`, (x / hi) * mult);
        }
        push('baseline', av * mult);
      }
      if ((options.type ?? 'full') === 'full') {
        push('statistic', st === 'ratio' ? `ratio (${options.ratioType})` : st === 'rate' ? `rate (${options.rateType} per ${mult.toLocaleString('en-GB', { maximumFractionDigits: 15 })})` : 'proportion');
        push('method', st === 'proportion' ? (adjust ? overdispersionMethodText(od) : 'Wilson') : 'Poisson');
      }
    }
  }
  const out: OutputColumn[] = [...cols.entries()].map(([name, values]) => ({ name, role: 'key', values }));
  return buildOutput(out, 'full');
}

/** Significance label of one row (see {@link funnelSignificance}); `average` as PHEim computes it. */
export function funnelLabel(statistic: 'proportion' | 'ratio' | 'rate', numerator: number, denominator: number, average: number, dsr = false): FunnelLabel {
  if (statistic === 'proportion') {
    const v = numerator / denominator;
    if (v < funnelSigmaAdjustment(0.999, denominator, average, 'low', 1)) return 'Low (0.001)';
    if (v < funnelSigmaAdjustment(0.975, denominator, average, 'low', 1)) return 'Low (0.025)';
    if (v > funnelSigmaAdjustment(0.999, denominator, average, 'high', 1)) return 'High (0.001)';
    if (v > funnelSigmaAdjustment(0.975, denominator, average, 'high', 1)) return 'High (0.025)';
    return 'Not significant';
  }
  let label: FunnelLabel = 'Not significant';
  if (denominator === denominator) {
    // NaN denominator (a DSR with 0 events): every comparison is false, as R's case_when with NA
    if (average < funnelRatioLimit(numerator, denominator, 0.998, 'low')) label = 'High (0.001)';
    else if (average < funnelRatioLimit(numerator, denominator, 0.95, 'low')) label = 'High (0.025)';
    else if (average > funnelRatioLimit(numerator, denominator, 0.998, 'high')) label = 'Low (0.001)';
    else if (average > funnelRatioLimit(numerator, denominator, 0.95, 'high')) label = 'Low (0.025)';
  }
  if (dsr && numerator < SMALL_COUNT_THRESHOLD) label = 'Not applicable for events less than 10 for dsrs';
  return label;
}

/**
 * Label each row as outside the 99.8% or 95% funnel limits — PHEim `assign_funnel_significance`:
 * "High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)", "Not significant", or for DSRs
 * with fewer than 10 events "Not applicable for events less than 10 for dsrs". Returns every input
 * column plus `significance`. Ratios compare obs/expected limits with 1; rates compare the rate
 * limits with the weighted average Σcount / Σ(multiplier × count / rate).
 *
 * With `overdispersion` "additive" or "multiplicative" (proportions and ratios) each group's
 * dispersion is estimated and, when φ > 1, a unit is labelled outside a limit only when it is outside
 * both the adjusted limit ({@link overdispersedLabel}) and PHEim's ({@link lessExtremeLabel});
 * otherwise the labels are PHEim's.
 *
 * @example
 * funnelSignificance(practices, { numerator: 'register', denominator: 'list_size', statistic: 'proportion' })
 * funnelSignificance(practices, { numerator: 'register', denominator: 'list_size', statistic: 'proportion', overdispersion: 'additive' })
 */
export function funnelSignificance(table: ColumnTable, options: FunnelOptions): ColumnTable {
  const { ctx, num, derived } = prepare(table, options, 'funnelSignificance', false);
  const st = options.statistic;
  const od = checkFunnelOverdispersion(options.overdispersion);
  if (od !== 'none' && st === 'rate') throw new HealthgapError('funnelSignificance: overdispersion adjustment is available for proportions and ratios (not rates)');
  const label = new Array<string>(ctx.table.totalRows());
  const g = ctx.groups;
  for (let gi = 0; gi < g.size; gi++) {
    const rows = g.rows[gi];
    let sn = 0;
    let sd = 0;
    for (let i = 0; i < rows.length; i++) {
      sn += num[rows[i]];
      if (derived[rows[i]] === derived[rows[i]]) sd += derived[rows[i]];
    }
    const average = st === 'ratio' ? 1 : sn / sd;
    const disp = od === 'none' || st === 'rate' ? null : groupDispersion(num, derived, rows, st, options.trimBy);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const pheim = funnelLabel(st, num[r], derived[r], average, st === 'rate' && options.rateType === 'dsr');
      label[r] = disp && disp.overdispersed ? lessExtremeLabel(overdispersedLabel(disp, od, num[r], derived[r]), pheim) : pheim;
    }
  }
  const idx = ctx.table.indices(true);
  return buildOutput([...ctx.inputColumns(['significance']), { name: 'significance', role: 'value', values: Array.from(idx, (r) => label[r]) }], 'full');
}

/**
 * Chart points for rate funnels — PHEim `calculate_funnel_points`: every input column plus
 * `<rate>_chart` (the rate; null for DSRs with fewer than 10 events) and `denominator_derived`
 * = (multiplier × count / rate) / yearsOfData (crude rates with 0 events: denominator / years).
 *
 * @example
 * funnelPoints(las, { numerator: 'deaths', rate: 'dsr', statistic: 'rate', rateType: 'dsr', yearsOfData: 3, multiplier: 100000 })
 */
export function funnelPoints(table: ColumnTable, options: Omit<FunnelOptions, 'statistic'> & { statistic?: 'rate' }): ColumnTable {
  const opts: FunnelOptions = { ...options, statistic: 'rate' };
  if (options.yearsOfData === undefined) throw new HealthgapError('funnelPoints: give yearsOfData');
  const { ctx, num, rate, derived } = prepare(table, opts, 'funnelPoints', true);
  const years = options.yearsOfData;
  const idx = ctx.table.indices(true);
  const dsr = options.rateType === 'dsr';
  const chart = Array.from(idx, (r) => (dsr && num[r] < SMALL_COUNT_THRESHOLD ? null : rate![r]));
  const den = Array.from(idx, (r) => (dsr && num[r] < SMALL_COUNT_THRESHOLD ? null : derived[r] / years));
  const name = `${options.rate}_chart`;
  return buildOutput([...ctx.inputColumns([name, 'denominator_derived']), { name, role: 'value', values: chart }, { name: 'denominator_derived', role: 'value', values: den }], 'full');
}

// ---------------------------------------------------------------------------------------------
// Overdispersion (healthgap addition; not in PHEindicatormethods)
// ---------------------------------------------------------------------------------------------

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
  if (!(FUNNEL_OVERDISPERSION as readonly string[]).includes(v)) throw new HealthgapError(`overdispersion must be "none", "additive" or "multiplicative" (found "${v}")`);
  return v as FunnelOverdispersion;
}

/** Dispersion of a set of units around the funnel target (see {@link funnelDispersionOf}). */
export interface FunnelDispersion {
  statistic: 'proportion' | 'ratio';
  /** Variance-stabilising transform used: proportions "arcsine square root", ratios "square root". */
  transform: 'arcsine square root' | 'square root';
  /** Number of units (n). */
  units: number;
  /** The funnel target on the natural scale: Σnumerator / Σdenominator (proportion, 0-1) or 1 (ratio). */
  target: number;
  /** The target on the transformed scale: asin(√target) or √1 = 1. */
  targetTransformed: number;
  /** Winsorisation fraction at each end (0.1 = 10%). */
  trimBy: number;
  /** The z-score bounds of the winsorisation: R `quantile(z, trimBy)` and `quantile(z, 1 − trimBy)` (type 7). */
  lowerZ: number;
  upperZ: number;
  /** Units whose z-score was pulled in to a bound (z < lowerZ or z > upperZ). */
  winsorised: number;
  /** Dispersion ratio φ = Σ winsorised z² / n. */
  phi: number;
  /** Between-unit variance τ² on the transformed scale (DerSimonian-Laird; 0 when nφ ≤ n − 1). */
  tau2: number;
  /** Spiegelhalter's test statistic nφ … */
  chiSquare: number;
  /** … on n − 1 degrees of freedom … */
  df: number;
  /** … and its upper-tail p-value P(χ²(n − 1) ≥ nφ). Reported only; not used to decide. */
  pValue: number;
  /** Overdispersion detected: φ > 1 (FunnelPlotR's rule; limits are adjusted only then). */
  overdispersed: boolean;
}


/** The transformed value Y of one unit (arcsine √p for proportions, √(O/E) for ratios). */
function transformed(statistic: 'proportion' | 'ratio', numerator: number, denominator: number): number {
  return statistic === 'proportion' ? Math.asin(Math.sqrt(numerator / denominator)) : Math.sqrt(numerator / denominator);
}

/** Within-unit standard error s on the transformed scale: 1 / (2√denominator) for both statistics. */
function withinSe(denominator: number): number {
  return 1 / (2 * Math.sqrt(denominator));
}

/**
 * Estimate overdispersion among funnel units — Spiegelhalter (2005) "Funnel plots for comparing
 * institutional performance", Stat Med 24:1185-1202, §6, and "Handling over-dispersion of
 * performance indicators", Qual Saf Health Care 14:347-351, as implemented in the NHS-R
 * FunnelPlotR package (functions `transformed_zscore`, `winsorisation`, `phi_func`, `tau_func`,
 * `calculate_limits`, data types "PR" and "SR" with `sr_method = "CQC"`).
 *
 * 1. Transform (variance-stabilising): proportions Yᵢ = asin(√(xᵢ/nᵢ)), target θ₀ = asin(√(Σx/Σn));
 *    ratios (observed/expected) Yᵢ = √(Oᵢ/Eᵢ), θ₀ = 1. In both, sᵢ = 1/(2√nᵢ) (nᵢ = Eᵢ for ratios).
 * 2. z-scores zᵢ = (Yᵢ − θ₀)/sᵢ, winsorised: values below the `trimBy` quantile (R type 7) are
 *    set to it, values above the 1 − `trimBy` quantile likewise (default 10% at each end).
 * 3. φ = (1/n) Σ zᵢ² over the winsorised z-scores.
 * 4. τ² = max(0, (nφ − (n − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ)), wᵢ = 1/sᵢ² (DerSimonian-Laird), and τ² = 0
 *    when nφ < n − 1.
 * 5. Overdispersed when φ > 1: FunnelPlotR draws adjusted limits only then ("No overdispersion
 *    detected … plotting using unadjusted limits"), and healthgap does the same. Spiegelhalter's
 *    χ² test (nφ against χ² on n − 1 df) is reported in `pValue` for information; it is not the rule.
 *
 * Needs at least 2 units. Numerators ≥ 0, denominators > 0 (proportions: numerator ≤ denominator)
 * are the caller's responsibility (the table verbs check them).
 *
 * @example
 * // five practices: registers and list sizes
 * funnelDispersionOf([300, 420, 250, 610, 150], [4000, 5200, 4100, 6900, 2600], 'proportion')
 * // → { phi: …, tau2: …, overdispersed: true|false, … }
 */
export function funnelDispersionOf(numerators: ArrayLike<number>, denominators: ArrayLike<number>, statistic: 'proportion' | 'ratio', trimBy = 0.1): FunnelDispersion {
  const n = numerators.length;
  if (denominators.length !== n) throw new HealthgapError('funnelDispersion: numerators and denominators differ in length');
  if (n < 2) throw new HealthgapError(`funnelDispersion: overdispersion needs at least 2 units (found ${n})`);
  if (!(trimBy >= 0 && trimBy < 0.5)) throw new HealthgapError(`funnelDispersion: trimBy must be at least 0 and below 0.5 (found ${trimBy})`);
  let sx = 0;
  let sn = 0;
  for (let i = 0; i < n; i++) {
    sx += numerators[i];
    sn += denominators[i];
  }
  const target = statistic === 'proportion' ? sx / sn : 1;
  const theta0 = statistic === 'proportion' ? Math.asin(Math.sqrt(target)) : 1;
  const z = new Float64Array(n);
  let sw = 0;
  let sw2 = 0;
  for (let i = 0; i < n; i++) {
    const s = withinSe(denominators[i]);
    z[i] = (transformed(statistic, numerators[i], denominators[i]) - theta0) / s;
    const w = 1 / (s * s);
    sw += w;
    sw2 += w * w;
  }
  const sorted = Float64Array.from(z).sort();
  const lowerZ = quantileType7(sorted, trimBy);
  const upperZ = quantileType7(sorted, 1 - trimBy);
  let ss = 0;
  let winsorised = 0;
  for (let i = 0; i < n; i++) {
    let v = z[i];
    if (v < lowerZ) {
      v = lowerZ;
      winsorised++;
    } else if (v > upperZ) {
      v = upperZ;
      winsorised++;
    }
    ss += v * v;
  }
  const phi = ss / n;
  const tau2 = n * phi < n - 1 ? 0 : Math.max(0, (n * phi - (n - 1)) / (sw - sw2 / sw));
  const chiSquare = n * phi;
  return {
    statistic,
    transform: statistic === 'proportion' ? 'arcsine square root' : 'square root',
    units: n,
    target,
    targetTransformed: theta0,
    trimBy,
    lowerZ,
    upperZ,
    winsorised,
    phi,
    tau2,
    chiSquare,
    df: n - 1,
    pValue: 1 - pchisq(chiSquare, n - 1),
    overdispersed: phi > 1,
  };
}

/** Standard deviation on the transformed scale at `denominator` under a model (s for "none"). */
function adjustedSd(d: Pick<FunnelDispersion, 'phi' | 'tau2'>, model: FunnelOverdispersion, denominator: number): number {
  const s = withinSe(denominator);
  if (model === 'additive') return Math.sqrt(s * s + d.tau2);
  if (model === 'multiplicative') return Math.sqrt(d.phi) * s;
  return s;
}

/**
 * An overdispersion-adjusted funnel limit at `denominator` (list size, or expected count for a
 * ratio), on the natural scale (proportion 0-1, or ratio): back-transform of θ₀ ± z·σ with
 * z = Φ⁻¹(p) (p = 0.975 for 95%, 0.999 for 99.8%) and
 * - additive: σ = √(1/(4n) + τ²) (FunnelPlotR `calculate_limits`, Spiegelhalter 2005 §6.2);
 * - multiplicative: σ = √φ · 1/(2√n) (Spiegelhalter 2005 §6.1);
 * - none: σ = 1/(2√n) (the transformed-scale normal approximation without adjustment).
 * Proportions: sin²(θ₀ ± zσ), 0 when θ₀ − zσ ≤ 0 and 1 when θ₀ + zσ ≥ π/2 (FunnelPlotR instead
 * clips at [0, 1] and resets non-monotone points at tiny denominators; same limits elsewhere).
 * Ratios: (1 ± zσ)², 0 when 1 − zσ ≤ 0 (FunnelPlotR's "CQC" method draws 1 ± zσ, not squared).
 * φ and τ² are used as given: with τ² = 0 (additive) or φ = 1 (multiplicative) this is the
 * unadjusted transformed-scale limit. FunnelPlotR rounds z to 1.959964 and 3.090232; here Φ⁻¹ is exact.
 *
 * @example
 * const d = funnelDispersionOf(registers, lists, 'proportion');
 * overdispersedLimit(d, 'additive', 5000, 0.999, 'high') * 100 // upper 99.8% limit (%) at a list of 5,000
 */
export function overdispersedLimit(
  dispersion: Pick<FunnelDispersion, 'statistic' | 'targetTransformed' | 'phi' | 'tau2'>,
  model: FunnelOverdispersion,
  denominator: number,
  p: number,
  side: 'low' | 'high',
): number {
  const z = qnorm(p);
  const sd = adjustedSd(dispersion, model, denominator);
  const t = side === 'low' ? dispersion.targetTransformed - z * sd : dispersion.targetTransformed + z * sd;
  if (dispersion.statistic === 'proportion') {
    if (t <= 0) return 0;
    if (t >= Math.PI / 2) return 1;
    return Math.sin(t) ** 2;
  }
  return t <= 0 ? 0 : t * t;
}

/**
 * The z-score of one unit on the transformed scale under a model: (Yᵢ − θ₀)/σᵢ with σᵢ as in
 * {@link overdispersedLimit} (FunnelPlotR's adjusted z-score).
 *
 * @example overdispersedZ(d, 'additive', 420, 5200)
 */
export function overdispersedZ(dispersion: Pick<FunnelDispersion, 'statistic' | 'targetTransformed' | 'phi' | 'tau2'>, model: FunnelOverdispersion, numerator: number, denominator: number): number {
  return (transformed(dispersion.statistic, numerator, denominator) - dispersion.targetTransformed) / adjustedSd(dispersion, model, denominator);
}

/**
 * Significance label of one unit against overdispersion-adjusted limits (PHEim's labels): z as in
 * {@link overdispersedZ}; above Φ⁻¹(0.999) "High (0.001)", above Φ⁻¹(0.975) "High (0.025)", below
 * −Φ⁻¹(0.999) "Low (0.001)", below −Φ⁻¹(0.975) "Low (0.025)", otherwise "Not significant" (a
 * value exactly on a limit is inside, as PHEim and FunnelPlotR).
 *
 * @example overdispersedLabel(d, 'additive', 610, 6900) // 'Not significant'
 */
export function overdispersedLabel(dispersion: Pick<FunnelDispersion, 'statistic' | 'targetTransformed' | 'phi' | 'tau2'>, model: FunnelOverdispersion, numerator: number, denominator: number): FunnelLabel {
  const z = overdispersedZ(dispersion, model, numerator, denominator);
  if (z > qnorm(0.999)) return 'High (0.001)';
  if (z > qnorm(0.975)) return 'High (0.025)';
  if (z < -qnorm(0.999)) return 'Low (0.001)';
  if (z < -qnorm(0.975)) return 'Low (0.025)';
  return 'Not significant';
}

/**
 * The adjusted limit healthgap draws: {@link overdispersedLimit} (FunnelPlotR), but never inside
 * the unadjusted PHEim limit at the same denominator — min(adjusted, PHEim) for a lower limit,
 * max(adjusted, PHEim) for an upper one. Proportions only (0-1 scale). Why: the arcsine normal
 * approximation is less skewed than the Wilson limits, so at small denominators (QOF 2019-20
 * diabetes: 17+ lists under about 300) its lower limit sits above Wilson's and an "adjusted"
 * funnel would flag practices that the unadjusted one does not. Where the adjustment matters
 * (τ² large against 1/(4n)) the two agree with FunnelPlotR exactly.
 *
 * @example overdispersedFunnelLimit(d, 'additive', 150, 0.999, 'low') // ≤ funnelSigmaAdjustment(0.999, 150, d.target, 'low', 1)
 */
export function overdispersedFunnelLimit(dispersion: Pick<FunnelDispersion, 'statistic' | 'target' | 'targetTransformed' | 'phi' | 'tau2'>, model: FunnelOverdispersion, denominator: number, p: number, side: 'low' | 'high'): number {
  if (dispersion.statistic !== 'proportion') throw new HealthgapError('overdispersedFunnelLimit: proportions only (use overdispersedLimit for ratios)');
  const adj = overdispersedLimit(dispersion, model, denominator, p, side);
  const w = funnelSigmaAdjustment(p, denominator, dispersion.target, side, 1);
  return side === 'low' ? Math.max(0, Math.min(adj, w)) : Math.min(1, Math.max(adj, w));
}

const SEVERITY: Record<string, number> = { 'High (0.001)': 2, 'High (0.025)': 1, 'Not significant': 0, 'Low (0.025)': -1, 'Low (0.001)': -2 };

/**
 * The less extreme of two funnel labels (the adjusted label and PHEim's): a unit is outside the
 * adjusted funnel only when it is outside both the overdispersion-adjusted and the PHEim limits,
 * matching the limits of {@link overdispersedFunnelLimit}. Other labels (DSRs with < 10 events) win.
 */
export function lessExtremeLabel(adjusted: FunnelLabel, pheim: FunnelLabel): FunnelLabel {
  if (!(pheim in SEVERITY)) return pheim;
  const a = SEVERITY[adjusted];
  const b = SEVERITY[pheim];
  if (a === 0 || b === 0 || Math.sign(a) !== Math.sign(b)) return 'Not significant';
  return Math.abs(a) <= Math.abs(b) ? adjusted : pheim;
}

/** Human-readable method text for an overdispersion model (used in `method` columns and notes). */
export function overdispersionMethodText(model: FunnelOverdispersion, statistic: 'proportion' | 'ratio' = 'proportion'): string {
  const tr = statistic === 'proportion' ? 'arcsine square root' : 'square root';
  if (model === 'additive') return `overdispersion-adjusted, additive random effects (tau2) on the ${tr} scale, 10% winsorised z-scores (Spiegelhalter 2005; FunnelPlotR)`;
  if (model === 'multiplicative') return `overdispersion-adjusted, multiplicative (phi) on the ${tr} scale, 10% winsorised z-scores (Spiegelhalter 2005)`;
  return statistic === 'proportion' ? 'Wilson' : 'Poisson';
}

/**
 * Overdispersion of a funnel table, one row per group — see {@link funnelDispersionOf} for the
 * method (Spiegelhalter 2005; FunnelPlotR). Statistics "proportion" (arcsine square root) and
 * "ratio" (observed/expected, square root); rates are not supported.
 * Columns: group columns, `statistic`, `transform`, `units`, `target` (× multiplier for
 * proportions, 1 for ratios), `trim_by`, `lower_z`, `upper_z`, `winsorised`, `phi`, `tau2`,
 * `chi_square`, `df`, `p_value`, `overdispersed`.
 *
 * @example
 * funnelDispersion(practices, { numerator: 'count', denominator: 'denominator', statistic: 'proportion', multiplier: 100 })
 */
export function funnelDispersion(table: ColumnTable, options: FunnelOptions): ColumnTable {
  if (options.statistic === 'rate') throw new HealthgapError('funnelDispersion: overdispersion is available for proportions and ratios (not rates)');
  const { ctx, num, derived } = prepare(table, { ...options, multiplier: options.multiplier ?? 1 }, 'funnelDispersion', false);
  const st = options.statistic as 'proportion' | 'ratio';
  const g = ctx.groups;
  const rowsOut: FunnelDispersion[] = [];
  for (let gi = 0; gi < g.size; gi++) rowsOut.push(groupDispersion(num, derived, g.rows[gi], st, options.trimBy));
  const mult = st === 'proportion' ? (options.multiplier ?? 1) : 1;
  const col = (name: string, values: unknown[]): OutputColumn => ({ name, role: 'key', values });
  return buildOutput([
    ...g.names.map((nm, j) => col(nm, g.keys[j])),
    col('statistic', rowsOut.map((d) => d.statistic)),
    col('transform', rowsOut.map((d) => d.transform)),
    col('units', rowsOut.map((d) => d.units)),
    col('target', rowsOut.map((d) => d.target * mult)),
    col('trim_by', rowsOut.map((d) => d.trimBy)),
    col('lower_z', rowsOut.map((d) => d.lowerZ)),
    col('upper_z', rowsOut.map((d) => d.upperZ)),
    col('winsorised', rowsOut.map((d) => d.winsorised)),
    col('phi', rowsOut.map((d) => d.phi)),
    col('tau2', rowsOut.map((d) => d.tau2)),
    col('chi_square', rowsOut.map((d) => d.chiSquare)),
    col('df', rowsOut.map((d) => d.df)),
    col('p_value', rowsOut.map((d) => d.pValue)),
    col('overdispersed', rowsOut.map((d) => d.overdispersed)),
  ]);
}

function groupDispersion(num: Float64Array, den: Float64Array, rows: ArrayLike<number>, statistic: 'proportion' | 'ratio', trimBy?: number): FunnelDispersion {
  const x = new Float64Array(rows.length);
  const n = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    x[i] = num[rows[i]];
    n[i] = den[rows[i]];
  }
  return funnelDispersionOf(x, n, statistic, trimBy ?? 0.1);
}
