/**
 * Confidence levels and the interval primitives every method builds on: Byar's and exact Poisson
 * limits for counts, and Wilson score limits for proportions. Formulas as PHEindicatormethods 2.1.0
 * (`R/utils.R`) and the PHE/OHID Fingertips technical guidance "Confidence intervals".
 */
import { HealthgapError } from '../core/errors.js';
import { qnorm, qchisq } from './distributions.js';

/**
 * The small-count threshold: a count below 10 gets exact Poisson limits instead of Byar's
 * approximation, a directly standardised rate is not calculated (PHEim `phe_dsr`: "dsr NA for
 * total count < 10"), and a DSR funnel point is "not applicable". Byar's approximation and the
 * normal approximations behind DSR limits are not reliable for fewer than 10 events.
 * Reference: PHE/OHID Fingertips technical guidance "Confidence intervals" and "Directly
 * standardised rates"; PHEindicatormethods 2.1.0 (`R/utils.R`, `R/DSRs.R`, `R/Funnels.R`).
 */
export const SMALL_COUNT_THRESHOLD = 10;

/** One confidence level (0.95 or 95), or several (`[0.95, 0.998]`). */
export type ConfidenceInput = number | readonly number[];

/**
 * Validate and normalise confidence levels as PHEim does: each level must lie in [0.9, 1] or
 * [90, 100]; values of 90 and above are divided by 100. Returns the levels as proportions.
 */
export function normaliseConfidence(confidence: ConfidenceInput): number[] {
  const levels = (typeof confidence === 'number' ? [confidence] : [...confidence]).map((c) => (c >= 90 ? c / 100 : c));
  if (levels.length === 0) throw new HealthgapError('confidence: give at least one level, e.g. 0.95 or 0.95,0.998');
  for (const c of levels) {
    if (!Number.isFinite(c) || c < 0.9 || c > 1) {
      throw new HealthgapError(`confidence level ${c} is outside the allowed range: use a value between 0.9 and 1 (or 90 and 100)`);
    }
  }
  return levels;
}

const zCache = new Map<number, number>();
let lastLevel = NaN;
let lastZ = NaN;

/**
 * The two-sided normal multiplier for a confidence level: z = Φ⁻¹(c + (1 − c)/2). 1.959964 for 0.95.
 * Memoised per level (the quantile costs ~0.5 µs; Wilson/Byar's over 1,000,000 rows call it per row).
 */
export function zFor(confidence: number): number {
  // row-wise callers ask for the same level millions of times in a row: skip the Map lookup
  if (confidence === lastLevel) return lastZ;
  let z = zCache.get(confidence);
  if (z === undefined) {
    z = qnorm(confidence + (1 - confidence) / 2);
    if (zCache.size > 64) zCache.clear();
    zCache.set(confidence, z);
  }
  lastLevel = confidence;
  lastZ = z;
  return z;
}

/**
 * Suffix used in PHEim's column names for a level: 0.95 → `"95_0"`, 0.998 → `"99_8"`
 * (the level ×100 with one decimal, the point written as `_`).
 */
export function confidenceSuffix(confidence: number): string {
  return (confidence * 100).toFixed(1).replace('.', '_');
}

/**
 * Names of the lower/upper limit columns, as PHEim: one level gives `lowercl`/`uppercl`;
 * several give `lower95_0cl`, `upper95_0cl`, `lower99_8cl`, `upper99_8cl`, ...
 */
export function ciColumnNames(levels: readonly number[]): { level: number; lower: string; upper: string }[] {
  if (levels.length === 1) return [{ level: levels[0], lower: 'lowercl', upper: 'uppercl' }];
  return levels.map((level) => ({ level, lower: `lower${confidenceSuffix(level)}cl`, upper: `upper${confidenceSuffix(level)}cl` }));
}

/** Text for the `confidence` output column: `"95%"` or `"95%, 99.8%"`. */
export function confidenceLabel(levels: readonly number[]): string {
  return levels.map((c) => `${+(c * 100).toFixed(4)}%`).join(', ');
}

/** An interval; a limit is `null` where the method gives none (PHEim's NA). */
export interface Interval {
  lower: number | null;
  upper: number | null;
}

/**
 * Byar's approximation to the exact Poisson lower limit for a count x:
 * x·(1 − 1/(9x) − z/(3√x))³; `null` when that is negative or x is 0 (PHEim returns NA).
 * Reference: Breslow & Day (1987), Statistical Methods in Cancer Research vol. II, p. 69.
 */
export function byarsLower(x: number, confidence = 0.95): number | null {
  if (x <= 0) return null;
  const z = zFor(confidence);
  const v = x * Math.pow(1 - 1 / (9 * x) - z / (3 * Math.sqrt(x)), 3);
  return v < 0 ? null : v;
}

/** Byar's upper limit for a count x: (x+1)·(1 − 1/(9(x+1)) + z/(3√(x+1)))³. */
export function byarsUpper(x: number, confidence = 0.95): number {
  const z = zFor(confidence);
  const x1 = x + 1;
  return x1 * Math.pow(1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1)), 3);
}

/** Byar's interval for a count (see {@link byarsLower}, {@link byarsUpper}). */
export function byarsInterval(x: number, confidence = 0.95): Interval {
  return { lower: byarsLower(x, confidence), upper: byarsUpper(x, confidence) };
}

/**
 * Exact Poisson limits for a count x from the chi-squared distribution:
 * lower = χ²((1−c)/2, 2x)/2 (0 when x = 0), upper = χ²(c + (1−c)/2, 2x + 2)/2.
 */
export function exactPoissonInterval(x: number, confidence = 0.95): Interval {
  const lower = x === 0 ? 0 : qchisq((1 - confidence) / 2, 2 * x) / 2;
  const upper = qchisq(confidence + (1 - confidence) / 2, 2 * x + 2) / 2;
  return { lower, upper };
}

/**
 * Confidence interval for a Poisson count as PHEim and Fingertips use it: exact (chi-squared)
 * below 10 events, Byar's from 10. Returns the method name used ("Exact" or "Byars").
 */
export function poissonCountInterval(x: number, confidence = 0.95): Interval & { method: 'Exact' | 'Byars' } {
  return x < SMALL_COUNT_THRESHOLD ? { ...exactPoissonInterval(x, confidence), method: 'Exact' } : { ...byarsInterval(x, confidence), method: 'Byars' };
}

/**
 * Wilson score interval for a proportion x/n (as a proportion, not ×100):
 * (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)). At confidence 1 the limits are 0 and 1.
 * x need not be an integer. Reference: Wilson EB (1927) JASA 22:209-212; Newcombe (1998).
 */
export function wilsonInterval(x: number, n: number, confidence = 0.95): Interval {
  if (confidence >= 1) return { lower: 0, upper: 1 };
  const z = zFor(confidence);
  const z2 = z * z;
  const root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const denom = 2 * (n + z2);
  return { lower: (2 * x + z2 - root) / denom, upper: (2 * x + z2 + root) / denom };
}

/** @deprecated Use {@link normaliseConfidence} (one spelling: normalise); kept for one release. */
export const normalizeConfidence = normaliseConfidence;
