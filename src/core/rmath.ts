/**
 * R-compatible numerics shared by the statistics ports and the charts (floor 0: imports nothing of
 * ours). Each function states the R expression it reproduces; the PHEindicatormethods conformance
 * tests pin them.
 */

/**
 * R's `quantile(x, p, type = 7)` (the R default; Hyndman & Fan 1996, definition 7) of an
 * ascending-sorted array with no missing values: h = (n − 1)p, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])
 * (0-based). NaN for an empty array.
 *
 * Reference: Hyndman RJ, Fan Y (1996) Sample quantiles in statistical packages. The American
 * Statistician 50(4):361-365; R documentation `?quantile`.
 * @example quantileType7([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * R's `nchar(as.character(x))` for a whole number x ≥ 0: 15 significant digits, written fixed
 * unless scientific notation is strictly shorter (as.character's rule).
 * @example rNcharWhole(100000) // 5  ("1e+05")
 * @example rNcharWhole(123456) // 6
 */
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

/**
 * A number written as R's `as.character()` / `paste()` write it (15 significant digits; scientific
 * notation when that is strictly shorter): 1 → "1", 1000 → "1000", 100000 → "1e+05",
 * 0.0001 → "1e-04". Used where PHEim pastes a multiplier into a label ("proportion of 1e+05").
 * @example formatRNumber(100000) // '1e+05'
 */
export function formatRNumber(m: number): string {
  if (!Number.isFinite(m)) return String(m);
  const fixed = String(Number(m.toPrecision(15)));
  const [mant, exp] = Number(m.toPrecision(15)).toExponential().split('e');
  const e = Number(exp);
  const sci = `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return /e/.test(fixed) || sci.length < fixed.length ? sci : fixed;
}
