/**
 * Distribution functions at full double precision, from the @stdlib packages (no lookup tables,
 * no hand-rolled approximations). Every statistical method in healthgap gets its quantiles here.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';

/** Standard normal quantile Φ⁻¹(p). */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Standard normal distribution function Φ(x). */
export function pnorm(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Chi-squared quantile with `df` degrees of freedom (R's `qchisq(p, df)`). */
export function qchisq(p: number, df: number): number {
  return chisquareQuantile(p, df);
}

/** Chi-squared distribution function (R's `pchisq(x, df)`). */
export function pchisq(x: number, df: number): number {
  return chisquareCdf(x, df);
}

/** Student's t quantile with `df` degrees of freedom (R's `qt(p, df)`). */
export function qt(p: number, df: number): number {
  return tQuantile(p, df);
}

/** Poisson distribution function P(X ≤ x) with mean `lambda` (R's `ppois(x, lambda)`). */
export function ppois(x: number, lambda: number): number {
  return poissonCdf(x, lambda);
}
