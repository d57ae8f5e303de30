/**
 * Funnel overdispersion (healthgap addition; not in PHEindicatormethods), following Spiegelhalter
 * (2005, Stat Med 24:1185-1202; Qual Saf Health Care 14:347-351) as the NHS-R FunnelPlotR package
 * implements it: arcsine-square-root z-scores (square root for ratios), 10% winsorised at each end,
 * dispersion ratio φ, between-unit variance τ² (DerSimonian-Laird), limits back-transformed from
 * θ₀ ± z√(s² + τ²) (or θ₀ ± z√φ·s); applied only when φ > 1. One healthgap difference from
 * FunnelPlotR: the adjusted limits and labels are never narrower / more extreme than PHEim's.
 */
import type { ColumnTable } from 'arquero';
import { HealthgapError } from '../core/errors.js';
import { quantileType7 } from '../core/rmath.js';
import { pchisq, qnorm } from './distributions.js';
import { buildOutput, type OutputColumn } from './verb.js';
import { funnelSigmaAdjustment, prepare, type FunnelLabel, type FunnelOptions, type FunnelOverdispersion } from './funnelBase.js';

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
export function funnelDispersionOf(
  numerators: ArrayLike<number>,
  denominators: ArrayLike<number>,
  statistic: 'proportion' | 'ratio',
  trimBy = 0.1,
): FunnelDispersion {
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
export function overdispersedZ(
  dispersion: Pick<FunnelDispersion, 'statistic' | 'targetTransformed' | 'phi' | 'tau2'>,
  model: FunnelOverdispersion,
  numerator: number,
  denominator: number,
): number {
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
export function overdispersedLabel(
  dispersion: Pick<FunnelDispersion, 'statistic' | 'targetTransformed' | 'phi' | 'tau2'>,
  model: FunnelOverdispersion,
  numerator: number,
  denominator: number,
): FunnelLabel {
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
export function overdispersedFunnelLimit(
  dispersion: Pick<FunnelDispersion, 'statistic' | 'target' | 'targetTransformed' | 'phi' | 'tau2'>,
  model: FunnelOverdispersion,
  denominator: number,
  p: number,
  side: 'low' | 'high',
): number {
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
  if (model === 'additive')
    return `overdispersion-adjusted, additive random effects (tau2) on the ${tr} scale, 10% winsorised z-scores (Spiegelhalter 2005; FunnelPlotR)`;
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
    col(
      'statistic',
      rowsOut.map((d) => d.statistic),
    ),
    col(
      'transform',
      rowsOut.map((d) => d.transform),
    ),
    col(
      'units',
      rowsOut.map((d) => d.units),
    ),
    col(
      'target',
      rowsOut.map((d) => d.target * mult),
    ),
    col(
      'trim_by',
      rowsOut.map((d) => d.trimBy),
    ),
    col(
      'lower_z',
      rowsOut.map((d) => d.lowerZ),
    ),
    col(
      'upper_z',
      rowsOut.map((d) => d.upperZ),
    ),
    col(
      'winsorised',
      rowsOut.map((d) => d.winsorised),
    ),
    col(
      'phi',
      rowsOut.map((d) => d.phi),
    ),
    col(
      'tau2',
      rowsOut.map((d) => d.tau2),
    ),
    col(
      'chi_square',
      rowsOut.map((d) => d.chiSquare),
    ),
    col(
      'df',
      rowsOut.map((d) => d.df),
    ),
    col(
      'p_value',
      rowsOut.map((d) => d.pValue),
    ),
    col(
      'overdispersed',
      rowsOut.map((d) => d.overdispersed),
    ),
  ]);
}

/** φ and τ² of the rows of one group (internal to the funnel modules; not exported from stats). */
export function groupDispersion(
  num: Float64Array,
  den: Float64Array,
  rows: ArrayLike<number>,
  statistic: 'proportion' | 'ratio',
  trimBy?: number,
): FunnelDispersion {
  const x = new Float64Array(rows.length);
  const n = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    x[i] = num[rows[i]];
    n[i] = den[rows[i]];
  }
  return funnelDispersionOf(x, n, statistic, trimBy ?? 0.1);
}
