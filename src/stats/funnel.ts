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
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../io/errors.js';
import { qchisq, qnorm } from './distributions.js';
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
  else if (obs < 10) {
    t = side === 'low' ? qchisq(1 - (0.5 + p / 2), 2 * obs) / 2 : qchisq(0.5 + p / 2, 2 * obs + 2) / 2;
  } else {
    const z = qnorm(0.5 + p / 2);
    const o = side === 'low' ? obs : obs + 1;
    const sign = side === 'low' ? -1 : 1;
    t = o * (1 - 1 / (9 * o) + (sign * z) / 3 / Math.sqrt(o)) ** 3;
  }
  return t / expected;
}

/** R's nchar(as.character(x)) for a whole number x ≥ 0 (15 significant digits, fixed unless longer than scientific). */
export function rNcharWhole(x: number): number {
  if (x === 0) return 1;
  const fixed = String(x);
  if (/e/.test(fixed)) return fixed.replace('+', 'e+').length; // not reached for funnel sizes
  const digits = fixed.replace(/^-/, '');
  const sig = digits.replace(/0+$/, '').length;
  const exp = digits.length - 1;
  const sciWidth = (sig > 1 ? sig + 1 : 1) + 2 + Math.max(2, String(exp).length) + (x < 0 ? 1 : 0);
  return fixed.length <= sciWidth ? fixed.length : sciWidth;
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

/** R's round(): half to even. */
function rRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
}

/** The 100 x-axis points of a funnel from `min` to `max` (offset 1 for ratios, as PHEim). */
export function funnelAxis(axisMinimum: number, axisMaximum: number, ratio = false): number[] {
  const out = [Math.max(1, axisMinimum)];
  for (let j = 2; j <= 100; j++) {
    const offset = ratio ? j - 1 : j;
    const prev = out[j - 2];
    out.push(Math.max(rRound((axisMaximum / prev) ** (1 / (101 - offset)) * prev), prev + 1));
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
 * @example
 * funnelLimits(practices, { numerator: 'register', denominator: 'list_size', statistic: 'proportion', multiplier: 100 })
 */
export function funnelLimits(table: ColumnTable, options: FunnelOptions): ColumnTable {
  const { ctx, num, derived } = prepare(table, options, 'funnelLimits', true);
  const st = options.statistic;
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
    for (const x of xs) {
      g.names.forEach((nm, j) => push(nm, g.keys[j][gi]));
      if (st === 'proportion') {
        push('Population', x);
        push('lower_2s_limit', Math.max(0, funnelSigmaAdjustment(0.975, x, av, 'low', mult)));
        push('upper_2s_limit', Math.min(100, funnelSigmaAdjustment(0.975, x, av, 'high', mult)));
        push('lower_3s_limit', Math.max(0, funnelSigmaAdjustment(0.999, x, av, 'low', mult)));
        push('upper_3s_limit', Math.min(100, funnelSigmaAdjustment(0.999, x, av, 'high', mult)));
        push('baseline', av * mult);
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
        push('method', st === 'proportion' ? 'Wilson' : 'Poisson');
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
  if (dsr && numerator < 10) label = 'Not applicable for events less than 10 for dsrs';
  return label;
}

/**
 * Label each row as outside the 99.8% or 95% funnel limits — PHEim `assign_funnel_significance`:
 * "High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)", "Not significant", or for DSRs
 * with fewer than 10 events "Not applicable for events less than 10 for dsrs". Returns every input
 * column plus `significance`. Ratios compare obs/expected limits with 1; rates compare the rate
 * limits with the weighted average Σcount / Σ(multiplier × count / rate).
 *
 * @example
 * funnelSignificance(practices, { numerator: 'register', denominator: 'list_size', statistic: 'proportion' })
 */
export function funnelSignificance(table: ColumnTable, options: FunnelOptions): ColumnTable {
  const { ctx, num, derived } = prepare(table, options, 'funnelSignificance', false);
  const st = options.statistic;
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
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      label[r] = funnelLabel(st, num[r], derived[r], average, st === 'rate' && options.rateType === 'dsr');
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
  const chart = Array.from(idx, (r) => (dsr && num[r] < 10 ? null : rate![r]));
  const den = Array.from(idx, (r) => (dsr && num[r] < 10 ? null : derived[r] / years));
  const name = `${options.rate}_chart`;
  return buildOutput([...ctx.inputColumns([name, 'denominator_derived']), { name, role: 'value', values: chart }, { name: 'denominator_derived', role: 'value', values: den }], 'full');
}
