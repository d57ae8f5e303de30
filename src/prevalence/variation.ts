/**
 * Practice variation: funnel plot data for a QOF register (recorded prevalence against list size,
 * with 95% and 99.8% control limits), the practices outside the limits and the counts by
 * significance.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { withNotes, readerNotes } from '../io/csv.js';
import {
  funnelLabel,
  funnelSigmaAdjustment,
  funnelLimits,
  funnelSignificance,
  funnelDispersionOf,
  checkFunnelOverdispersion,
  FUNNEL_LABELS,
  type FunnelDispersion,
  type FunnelOverdispersion,
} from '../stats/funnel.js';
import { formatFixed, formatSignificant } from '../core/rounding.js';

/** Result of {@link practiceFunnel}. */
export interface PracticeFunnel {
  /** The practices plotted: every input column plus `significance` (PHEim labels). */
  points: ColumnTable;
  /**
   * Limits (PHEim `calculate_funnel_limits` for proportions, × 100): `Population`,
   * `lower_2s_limit`, `upper_2s_limit` (95%), `lower_3s_limit`, `upper_3s_limit` (99.8%), `baseline`.
   */
  limits: ColumnTable;
  /** Practices above or below the 95% limits (a subset of `points`), highest significance first. */
  outside: ColumnTable;
  /** Number of practices per significance label (every label, zeros included). */
  counts: Record<string, number>;
  /** Practices left off the funnel and why (missing value, register above list size). */
  excluded: ColumnTable;
  /** The funnel average (%): Σ register / Σ list of the plotted practices. */
  average: number;
  /** The centre asked for with the `target` option (%), or null (centred on `average`). */
  target: number | null;
  /** The overdispersion adjustment asked for ("none" by default). */
  overdispersion: FunnelOverdispersion;
  /** Whether the limits and labels were adjusted (an adjustment was asked for and φ > 1). */
  adjusted: boolean;
  /** φ, τ², the χ² test and the winsorisation (stats `funnelDispersionOf`); null when overdispersion is "none". */
  dispersion: FunnelDispersion | null;
  notes: string[];
}

/** Options of {@link practiceFunnel}. */
export interface PracticeFunnelOptions {
  /** What the units are called in notes (default "practices"). */
  label?: string;
  /**
   * Overdispersion adjustment: "none" (default: PHEim limits, as Fingertips), "additive" (random
   * effects, τ²; FunnelPlotR's default) or "multiplicative" (φ). Applied only when φ > 1.
   */
  overdispersion?: FunnelOverdispersion;
  /**
   * Centre of the funnel (%), e.g. England's recorded prevalence: limits and labels around this
   * value instead of the plotted practices' own average (as Fingertips funnels against England).
   * Default: the average of the practices plotted. Not with an overdispersion adjustment.
   */
  target?: number;
}

/**
 * Funnel plot data for recorded prevalence across practices (or any areas) with `count` and
 * `denominator` columns, e.g. {@link practicePrevalence} output filtered to an ICB's practices.
 *
 * Limits around the average Σcount/Σdenominator at 95% (z = Φ⁻¹(0.975)) and 99.8% (Φ⁻¹(0.999)),
 * as the inverse of the Wilson score interval (PHEim `calculate_funnel_limits` and
 * `assign_funnel_significance`, statistic "proportion", multiplier 100; Spiegelhalter 2005).
 * By default there is no overdispersion adjustment (PHEim and Fingertips have none): with many large
 * practices most lie outside the limits (QOF 2019-20 diabetes: 3,653 of 6,719 outside 99.8%), which
 * reflects real differences in population and recording as well as chance. `overdispersion:
 * "additive"` (or "multiplicative") estimates the dispersion among the practices plotted and, when
 * φ > 1, widens the limits and relabels the practices — Spiegelhalter (2005) Stat Med 24:1185-1202
 * and Qual Saf Health Care 14:347-351, as the NHS-R FunnelPlotR package: z-scores on the
 * arcsine-square-root scale, 10% winsorised at each end, φ = mean winsorised z², τ² by
 * DerSimonian-Laird, limits sin²(θ₀ ± z√(1/(4n) + τ²)), never inside the PHEim limits (stats
 * `funnelDispersionOf`, `overdispersedFunnelLimit`). Diabetes 2019-20, all practices: φ = 20.2, τ² = 0.00066, 434 of 6,719
 * outside the adjusted 99.8% limits.
 *
 * Practices with a missing value (null count or list, or a register above the list size kept as
 * published) are left off and listed in `excluded` with the reason.
 *
 * With `target` (a percentage, e.g. England's value) the limits are the same Wilson limits around
 * the target instead of the average, and each practice is labelled against them.
 *
 * @example practiceFunnel(practicePrevalence('HYP')).counts // { 'High (0.001)': …, 'Not significant': … }
 * @example practiceFunnel(walsallDiabetes, { target: 7.08 }) // centred on England's 7.08%
 */
export function practiceFunnel(practices: ColumnTable, options: PracticeFunnelOptions = {}): PracticeFunnel {
  const od = checkFunnelOverdispersion(options.overdispersion);
  const target = options.target;
  if (target !== undefined && !(Number.isFinite(target) && target > 0 && target < 100))
    throw new HealthgapError(`practiceFunnel: target must be a percentage between 0 and 100 (e.g. England's value, 7.08), got ${String(target)}`);
  if (target !== undefined && od !== 'none')
    throw new HealthgapError(
      "practiceFunnel: a target and an overdispersion adjustment cannot be combined (the adjustment is estimated around the practices' own average)",
    );
  const names = practices.columnNames();
  for (const c of ['count', 'denominator'])
    if (!names.includes(c)) throw new HealthgapError(`practiceFunnel: the table has no column "${c}" (use practicePrevalence or rollUpPrevalence to build it)`);
  const x = practices.array('count') as (number | null)[];
  const n = practices.array('denominator') as (number | null)[];
  const v = names.includes('value') ? (practices.array('value') as (number | null)[]) : null;
  const keep: number[] = [];
  const dropped: number[] = [];
  const reasons: string[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const ni = n[i];
    if (xi === null || ni === null || Number.isNaN(xi) || Number.isNaN(ni)) {
      dropped.push(i);
      reasons.push('count or list size missing');
    } else if (!(ni > 0)) {
      dropped.push(i);
      reasons.push('list size 0');
    } else if (xi > ni) {
      dropped.push(i);
      reasons.push('register larger than the list size (as published)');
    } else if (v && v[i] === null) {
      dropped.push(i);
      reasons.push('no value');
    } else keep.push(i);
  }
  if (!keep.length) throw new HealthgapError('practiceFunnel: no practice has both a count and a list size');
  const take = (rows: number[]) => {
    const cols: Record<string, unknown[]> = {};
    for (const c of names) {
      const a = practices.array(c) as unknown[];
      cols[c] = rows.map((r) => a[r]);
    }
    return aq.table(cols);
  };
  const plotted = take(keep);
  const opts = { numerator: 'count', denominator: 'denominator', statistic: 'proportion' as const, multiplier: 100, overdispersion: od };
  if (od !== 'none' && keep.length < 2) throw new HealthgapError('practiceFunnel: an overdispersion adjustment needs at least 2 practices');
  const dispersion =
    od === 'none'
      ? null
      : funnelDispersionOf(
          keep.map((i) => x[i] as number),
          keep.map((i) => n[i] as number),
          'proportion',
        );
  const adjusted = dispersion !== null && dispersion.overdispersed;
  const limits = target === undefined ? funnelLimits(plotted, opts) : centredLimits(funnelLimits(plotted, opts), target / 100);
  const points =
    target === undefined
      ? funnelSignificance(plotted, opts)
      : plotted.assign({ significance: keep.map((i) => funnelLabel('proportion', x[i] as number, n[i] as number, target / 100)) });
  const sig = points.array('significance') as string[];
  const counts: Record<string, number> = {};
  for (const l of FUNNEL_LABELS) if (!l.startsWith('Not applicable')) counts[l] = 0;
  for (const s of sig) counts[s] = (counts[s] ?? 0) + 1;
  const order: Record<string, number> = { 'High (0.001)': 0, 'High (0.025)': 1, 'Low (0.025)': 2, 'Low (0.001)': 3 };
  const outIdx = sig.map((_s, i) => i).filter((i) => sig[i] in order);
  const pv = points.array('count') as number[];
  const pn = points.array('denominator') as number[];
  outIdx.sort((a, b) => order[sig[a]] - order[sig[b]] || (sig[a].startsWith('High') ? pv[b] / pn[b] - pv[a] / pn[a] : pv[a] / pn[a] - pv[b] / pn[b]));
  const pcols: Record<string, unknown[]> = {};
  for (const c of points.columnNames()) {
    const a = points.array(c) as unknown[];
    pcols[c] = outIdx.map((r) => a[r]);
  }
  const outside = aq.table(pcols);
  const excludedCols: Record<string, unknown[]> = {};
  for (const c of ['practice_code', 'area_code', 'count', 'denominator']) {
    if (names.includes(c)) {
      const a = practices.array(c) as unknown[];
      excludedCols[c] = dropped.map((r) => a[r]);
    }
  }
  excludedCols.reason = reasons;
  const excluded = aq.table(excludedCols);
  let sx = 0;
  let sn = 0;
  for (const i of keep) {
    sx += x[i] as number;
    sn += n[i] as number;
  }
  const average = (sx / sn) * 100;
  const label = options.label ?? 'practices';
  const notes = [...readerNotes(practices).filter((s) => !s.startsWith('data/'))];
  if (dropped.length) notes.push(`${dropped.length} of ${x.length} ${label} left off the funnel: ${[...new Set(reasons)].join('; ')} (listed in excluded).`);
  const head =
    target === undefined
      ? `Funnel limits around the average of the ${keep.length.toLocaleString('en-GB')} ${label} plotted (${formatFixed(average, 2)}%)`
      : `Funnel limits around the target ${target}% (the ${keep.length.toLocaleString('en-GB')} ${label} plotted average ${formatFixed(average, 2)}%)`;
  if (!dispersion) notes.push(`${head}, Wilson score method at 95% and 99.8%, no overdispersion adjustment.`);
  else if (adjusted)
    notes.push(
      `${head}, adjusted for overdispersion at 95% and 99.8%: ${od === 'additive' ? 'additive random effects' : 'multiplicative'} model on the arcsine square root scale with 10% winsorised z-scores (Spiegelhalter 2005; FunnelPlotR), dispersion ratio phi = ${formatFixed(dispersion.phi, 2)}, between-${label === 'practices' ? 'practice' : 'unit'} variance tau2 = ${formatSignificant(dispersion.tau2, 3)}.`,
    );
  else
    notes.push(
      `${head}, Wilson score method at 95% and 99.8%: no overdispersion found (phi = ${formatFixed(dispersion.phi, 2)} ≤ 1), so the limits are not adjusted.`,
    );
  return {
    points: withNotes(points, notes),
    limits,
    outside,
    counts,
    excluded,
    average,
    target: target ?? null,
    overdispersion: od,
    adjusted,
    dispersion,
    notes,
  };
}

/** A proportion funnel's limits (same list sizes) recomputed around `p` (0-1) instead of the average. */
function centredLimits(limits: ColumnTable, p: number): ColumnTable {
  const sizes = limits.array('Population') as number[];
  const at = (level: number, side: 'low' | 'high') =>
    sizes.map((size) => {
      const v = funnelSigmaAdjustment(level, size, p, side, 100);
      return side === 'low' ? Math.max(0, v) : Math.min(100, v);
    });
  return limits.assign({
    lower_2s_limit: at(0.975, 'low'),
    upper_2s_limit: at(0.975, 'high'),
    lower_3s_limit: at(0.999, 'low'),
    upper_3s_limit: at(0.999, 'high'),
    baseline: sizes.map(() => p * 100),
  });
}
