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
import { SMALL_COUNT_THRESHOLD } from './confidence.js';
import { buildOutput, type OutputColumn } from './verb.js';
import {
  funnelAxis,
  funnelAxisCeiling,
  funnelAxisFloor,
  funnelRatioLimit,
  funnelSigmaAdjustment,
  poissonFunnel,
  prepare,
  checkFunnelOverdispersion,
  type FunnelLabel,
  type FunnelOptions,
} from './funnelBase.js';
import { groupDispersion, lessExtremeLabel, overdispersedFunnelLimit, overdispersedLabel, overdispersionMethodText } from './funnelOverdispersion.js';

export {
  FUNNEL_LABELS,
  FUNNEL_OVERDISPERSION,
  checkFunnelOverdispersion,
  funnelAxis,
  funnelAxisCeiling,
  funnelAxisFloor,
  funnelRatioLimit,
  funnelSigmaAdjustment,
  poissonCis,
  poissonFunnel,
  type FunnelLabel,
  type FunnelOptions,
  type FunnelOverdispersion,
} from './funnelBase.js';
export {
  funnelDispersion,
  funnelDispersionOf,
  lessExtremeLabel,
  overdispersedFunnelLimit,
  overdispersedLabel,
  overdispersedLimit,
  overdispersedZ,
  overdispersionMethodText,
  type FunnelDispersion,
} from './funnelOverdispersion.js';

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
  if (od !== 'none' && st !== 'proportion')
    throw new HealthgapError(
      'funnelLimits: overdispersion-adjusted limit tables are available for proportions only (for ratios use funnelDispersion and overdispersedLimit)',
    );
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
        for (const [lvl, p] of [
          ['2s', 0.025],
          ['3s', 0.001],
        ] as const) {
          const lo = poissonFunnel(x, p, 'high');
          const hi = poissonFunnel(x, p, 'low');
          push(`lower_${lvl}_exp_events`, lo);
          push(`lower_${lvl}_limit`, scale(x / lo));
          push(`upper_${lvl}_exp_events`, hi);
          push(`upper_${lvl}_limit`, scale(x / hi));
        }
      } else {
        push('Events', x);
        for (const [lvl, p] of [
          ['2s', 0.025],
          ['3s', 0.001],
        ] as const) {
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
        push(
          'statistic',
          st === 'ratio'
            ? `ratio (${options.ratioType})`
            : st === 'rate'
              ? `rate (${options.rateType} per ${mult.toLocaleString('en-GB', { maximumFractionDigits: 15 })})`
              : 'proportion',
        );
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
  if (od !== 'none' && st === 'rate')
    throw new HealthgapError('funnelSignificance: overdispersion adjustment is available for proportions and ratios (not rates)');
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
  return buildOutput(
    [...ctx.inputColumns([name, 'denominator_derived']), { name, role: 'value', values: chart }, { name: 'denominator_derived', role: 'value', values: den }],
    'full',
  );
}
