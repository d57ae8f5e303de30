/**
 * Two-sample comparisons: a group against its comparator, as a gap (difference) and a ratio, each
 * with a confidence interval, and a significance label from the gap's interval. Used for Core20
 * vs the rest and PLUS groups (core20plus5), and for any two groups an analyst compares.
 *
 * Methods (95% unless `confidence` says otherwise; z = Φ⁻¹(1 − α/2)):
 * - **Proportions** from counts: each value with Wilson score limits (stats `proportionWithCI`).
 *   Gap p₁ − p₀ with **Newcombe's hybrid score interval** (Newcombe 1998, method 10):
 *   L = d − √((p₁ − l₁)² + (u₀ − p₀)²), U = d + √((u₁ − p₁)² + (p₀ − l₀)²), where (lᵢ, uᵢ) are the
 *   Wilson limits. Ratio p₁/p₀ with the **log (Katz) interval**:
 *   exp(ln(p₁/p₀) ± z·√(1/x₁ − 1/n₁ + 1/x₀ − 1/n₀)) (Katz et al. 1978); no ratio limits when x₁ or x₀ is 0.
 * - **Rates** from counts and person-years/populations: each value with exact (x < 10) or Byar's
 *   limits (stats `rateWithCI`, PHEim `phe_rate`). Gap r₁ − r₀ ± z·√(SE₁² + SE₀²) with
 *   SEᵢ = (uᵢ − lᵢ)/(2z) taken from each rate's Byar's/exact interval (the PHE approach of deriving
 *   a standard error from published limits). Ratio r₁/r₀ on the log scale:
 *   exp(ln(r₁/r₀) ± z·√(1/x₁ + 1/x₀)) (Poisson counts; Kirkwood & Sterne, Essential Medical
 *   Statistics, 2003, ch. 23; Breslow & Day 1987 vol. II).
 * - **Values with confidence limits** (e.g. Fingertips figures for Core20 and the rest): SEᵢ =
 *   (uᵢ − lᵢ)/(2z) for the gap (d ± z√(SE₁² + SE₀²)); for the ratio, SEᵢ = (ln uᵢ − ln lᵢ)/(2z)
 *   and exp(ln(v₁/v₀) ± z√(SE₁² + SE₀²)). This assumes the given limits are at the same
 *   `confidence` level and roughly symmetric (on the log scale for the ratio): say so in reports.
 *
 * Significance comes from the gap's interval: it excludes 0 → the group is Higher/Lower than its
 * comparator (Better/Worse when a polarity is given); otherwise Similar. (Two separate CIs that
 * overlap do not by themselves show "no difference": this is why the gap interval is used.)
 */
import { HealthgapError } from '../core/errors.js';
import type { SignificanceLabel, ValueCI } from '../core/types.js';
import { normaliseConfidence, zFor } from './confidence.js';
import { proportionWithCI } from './proportion.js';
import { rateWithCI } from './rate.js';
import { normalisePolarity, type PolarityInput } from './polarity.js';

/** One group compared with its comparator. */
export interface GroupComparison {
  group: ValueCI;
  reference: ValueCI;
  gap: ValueCI;
  ratio: ValueCI;
  significance: SignificanceLabel;
  gapMethod: string;
  ratioMethod: string;
}

const NULL_CI: ValueCI = { value: null, lower: null, upper: null };

function label(gap: ValueCI, polarity: PolarityInput | undefined): GroupComparison['significance'] {
  if (gap.lower === null || gap.upper === null) return 'Not compared';
  const dir = gap.lower > 0 ? 1 : gap.upper < 0 ? -1 : 0;
  if (dir === 0) return 'Similar';
  const p = polarity === undefined ? 'no-judgement' : normalisePolarity(polarity);
  if (p === 'high-is-good') return dir > 0 ? 'Better' : 'Worse';
  if (p === 'low-is-good') return dir > 0 ? 'Worse' : 'Better';
  return dir > 0 ? 'Higher' : 'Lower';
}

/**
 * Compare two proportions x₁/n₁ (group) and x₀/n₀ (comparator): Wilson limits for each, Newcombe
 * hybrid score interval for the difference, Katz log interval for the ratio (see the module notes).
 * Values and the gap are × multiplier (100 for percentages); the ratio is unitless.
 *
 * @example compareProportions(56, 70, 48, 80, { multiplier: 100 }).gap // { value: 20, lower: 5.13…, upper: 33.06… }
 */
export function compareProportions(
  x1: number,
  n1: number,
  x0: number,
  n0: number,
  options: { confidence?: number; multiplier?: number; polarity?: PolarityInput } = {},
): GroupComparison {
  const [c] = normaliseConfidence(options.confidence ?? 0.95);
  const m = options.multiplier ?? 100;
  const a = proportionWithCI(x1, n1, c, 1);
  const b = proportionWithCI(x0, n0, c, 1);
  const p1 = a.value!;
  const p0 = b.value!;
  const d = p1 - p0;
  const gap: ValueCI = {
    value: d * m,
    lower: (d - Math.sqrt((p1 - a.lower!) ** 2 + (b.upper! - p0) ** 2)) * m,
    upper: (d + Math.sqrt((a.upper! - p1) ** 2 + (p0 - b.lower!) ** 2)) * m,
  };
  let ratio: ValueCI = { value: p0 > 0 ? p1 / p0 : null, lower: null, upper: null };
  if (x1 > 0 && x0 > 0) {
    const z = zFor(c);
    const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0);
    const r = p1 / p0;
    ratio = { value: r, lower: Math.exp(Math.log(r) - z * se), upper: Math.exp(Math.log(r) + z * se) };
  }
  return {
    group: { value: p1 * m, lower: a.lower! * m, upper: a.upper! * m },
    reference: { value: p0 * m, lower: b.lower! * m, upper: b.upper! * m },
    gap,
    ratio,
    significance: label(gap, options.polarity),
    gapMethod: 'Newcombe hybrid score (Wilson) interval for a difference of proportions',
    ratioMethod: x1 > 0 && x0 > 0 ? 'Katz log interval for a ratio of proportions' : 'no ratio limits: a zero count',
  };
}

/**
 * Compare two crude rates x₁/n₁ and x₀/n₀ (× multiplier, default per 100,000): exact/Byar's limits
 * for each (PHEim `phe_rate`), the difference with SEs from those limits, the rate ratio with
 * log-scale limits √(1/x₁ + 1/x₀) (see the module notes).
 *
 * @example compareRates(120, 50000, 200, 150000).ratio.value // 1.8
 */
export function compareRates(
  x1: number,
  n1: number,
  x0: number,
  n0: number,
  options: { confidence?: number; multiplier?: number; polarity?: PolarityInput } = {},
): GroupComparison {
  const [c] = normaliseConfidence(options.confidence ?? 0.95);
  const m = options.multiplier ?? 100000;
  const a = rateWithCI(x1, n1, c, m);
  const b = rateWithCI(x0, n0, c, m);
  const z = zFor(c);
  const se = (v: ValueCI) => (v.lower === null || v.upper === null ? null : (v.upper - v.lower) / (2 * z));
  const s1 = se(a);
  const s0 = se(b);
  const d = a.value! - b.value!;
  const gap: ValueCI =
    s1 === null || s0 === null ? { value: d, lower: null, upper: null } : { value: d, lower: d - z * Math.hypot(s1, s0), upper: d + z * Math.hypot(s1, s0) };
  let ratio: ValueCI = { value: b.value! > 0 ? a.value! / b.value! : null, lower: null, upper: null };
  if (x1 > 0 && x0 > 0) {
    const r = a.value! / b.value!;
    const sl = Math.sqrt(1 / x1 + 1 / x0);
    ratio = { value: r, lower: Math.exp(Math.log(r) - z * sl), upper: Math.exp(Math.log(r) + z * sl) };
  }
  return {
    group: { value: a.value, lower: a.lower, upper: a.upper },
    reference: { value: b.value, lower: b.lower, upper: b.upper },
    gap,
    ratio,
    significance: label(gap, options.polarity),
    gapMethod: `difference of rates, SEs from each rate's ${a.method === 'Exact' || b.method === 'Exact' ? 'exact/Byars' : 'Byars'} limits`,
    ratioMethod: x1 > 0 && x0 > 0 ? 'rate ratio, log-scale limits from Poisson counts' : 'no ratio limits: a zero count',
  };
}

/**
 * Compare two values given with their confidence limits (at level `confidence`): gap with
 * SEᵢ = (uᵢ − lᵢ)/(2z), ratio with log-scale SEᵢ = (ln uᵢ − ln lᵢ)/(2z) (see the module notes).
 *
 * @example compareValues({ value: 30, lower: 26, upper: 34 }, { value: 20, lower: 18, upper: 22 }).gap.lower // 10 − 1.96·√(2.04² + 1.02²)…
 */
export function compareValues(group: ValueCI, reference: ValueCI, options: { confidence?: number; polarity?: PolarityInput } = {}): GroupComparison {
  const [c] = normaliseConfidence(options.confidence ?? 0.95);
  const z = zFor(c);
  const ok = (v: ValueCI) => v.value !== null && v.lower !== null && v.upper !== null;
  for (const v of [group, reference]) {
    if (ok(v) && (v.lower! > v.value! || v.upper! < v.value!))
      throw new HealthgapError(`confidence limits ${v.lower} to ${v.upper} do not contain the value ${v.value}`);
  }
  if (group.value === null || reference.value === null) {
    return { group, reference, gap: NULL_CI, ratio: NULL_CI, significance: 'Not compared', gapMethod: 'value missing', ratioMethod: 'value missing' };
  }
  const d = group.value - reference.value;
  let gap: ValueCI = { value: d, lower: null, upper: null };
  if (ok(group) && ok(reference)) {
    const s = Math.hypot((group.upper! - group.lower!) / (2 * z), (reference.upper! - reference.lower!) / (2 * z));
    gap = { value: d, lower: d - z * s, upper: d + z * s };
  }
  let ratio: ValueCI = { value: reference.value !== 0 ? group.value / reference.value : null, lower: null, upper: null };
  if (ok(group) && ok(reference) && group.lower! > 0 && reference.lower! > 0 && group.value > 0 && reference.value > 0) {
    const s = Math.hypot((Math.log(group.upper!) - Math.log(group.lower!)) / (2 * z), (Math.log(reference.upper!) - Math.log(reference.lower!)) / (2 * z));
    const r = group.value / reference.value;
    ratio = { value: r, lower: Math.exp(Math.log(r) - z * s), upper: Math.exp(Math.log(r) + z * s) };
  }
  return {
    group,
    reference,
    gap,
    ratio,
    significance: label(gap, options.polarity),
    gapMethod: "difference, SEs derived from each value's confidence limits",
    ratioMethod: "ratio, log-scale SEs derived from each value's confidence limits",
  };
}
