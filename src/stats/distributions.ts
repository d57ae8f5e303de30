/**
 * Distribution functions at full double precision, from the @stdlib packages (no lookup tables,
 * no hand-rolled approximations). Every statistical method in healthgap gets its quantiles here.
 */
import { createRequire } from 'node:module';

// Each @stdlib package (and the few dozen small packages it pulls in) is loaded on first use,
// not at `import 'healthgap'`: most programs need one or two of them, and loading all six costs
// more than the rest of the toolkit's start-up.
type Dist2 = (x: number, a: number) => number;
type Dist3 = (x: number, a: number, b: number) => number;
const requireHere = createRequire(import.meta.url);
let normalQuantileFn: Dist3 | undefined;
let normalCdfFn: Dist3 | undefined;
let chisquareQuantileFn: Dist2 | undefined;
let chisquareCdfFn: Dist2 | undefined;
let tQuantileFn: Dist2 | undefined;
let poissonCdfFn: Dist2 | undefined;

function normalQuantile(p: number, mu: number, sigma: number): number {
  normalQuantileFn ??= requireHere('@stdlib/stats-base-dists-normal-quantile') as Dist3;
  return normalQuantileFn(p, mu, sigma);
}
function normalCdf(x: number, mu: number, sigma: number): number {
  normalCdfFn ??= requireHere('@stdlib/stats-base-dists-normal-cdf') as Dist3;
  return normalCdfFn(x, mu, sigma);
}
function chisquareQuantile(p: number, df: number): number {
  chisquareQuantileFn ??= requireHere('@stdlib/stats-base-dists-chisquare-quantile') as Dist2;
  return chisquareQuantileFn(p, df);
}
function chisquareCdf(x: number, df: number): number {
  chisquareCdfFn ??= requireHere('@stdlib/stats-base-dists-chisquare-cdf') as Dist2;
  return chisquareCdfFn(x, df);
}
function tQuantile(p: number, df: number): number {
  tQuantileFn ??= requireHere('@stdlib/stats-base-dists-t-quantile') as Dist2;
  return tQuantileFn(p, df);
}
function poissonCdf(x: number, lambda: number): number {
  poissonCdfFn ??= requireHere('@stdlib/stats-base-dists-poisson-cdf') as Dist2;
  return poissonCdfFn(x, lambda);
}

/**
 * Φ⁻¹(0.975) = 1.9599639845400538, the 95% two-sided normal multiplier, as a literal so that
 * modules needing it at load time do not load @stdlib (a test checks it equals `qnorm(0.975)`
 * to the last bit).
 */
export const Z_975 = 1.9599639845400538;

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
