/**
 * Rounding: one module, three named rules. Floor 0 (imports nothing of ours).
 *
 * - {@link roundHalfAway} / {@link formatFixed} — **the display rule**, used wherever a number is
 *   rounded for a reader (tables, charts, sentences, CSV summaries). Halves go away from zero, and
 *   the half is judged on the number's *shortest decimal representation* (what `String(x)` prints,
 *   the digits the analyst typed or sees in a CSV), not on its binary value: 8.575 → 8.58,
 *   1.005 → 1.01, 0.285 → 0.29, −2.5 → −3.
 *   Why: it is what a reader checking a table by hand expects, what Excel's `ROUND()` gives, and
 *   what `Intl.NumberFormat` already does (ECMA-402 `roundingMode: "halfExpand"`, applied by ICU to
 *   the shortest round-trip decimal), which the report tables use; so a table cell, a chart label
 *   and a sentence can no longer show two different values for one number. R's
 *   `format()`/`sprintf()` and JavaScript's `toFixed()` round the binary value instead
 *   (8.575 is stored as 8.57499999999999928946…, so they print 8.57); healthgap does not use them
 *   for output.
 * - {@link roundHalfEven} — R's `round(x)` to a whole number (IEC 60559 half to even), used where
 *   a port must match PHEindicatormethods / R exactly (funnel axis points, SII sample sizes).
 * - {@link roundHalfAwayDotNet} — .NET `Math.Round(x, dp, MidpointRounding.AwayFromZero)`, which
 *   scales the binary value (8.575 → 8.57). Only for parity with Fingertips' own arithmetic
 *   (quantile bounds); never for display.
 *
 * References: ECMA-402 §15.5.9 (ApplyUnsignedRoundingMode, halfExpand); R documentation `?round`
 * ("IEC 60559 … go to the even digit"); .NET `System.Math.Round(Double, Int32, MidpointRounding)`.
 */

/**
 * Round half away from zero to `decimals` places, judging the half on the shortest decimal
 * representation of `x` (the display rule). Non-finite values are returned unchanged; −0 becomes 0.
 *
 * @example roundHalfAway(8.575, 2) // 8.58
 * @example roundHalfAway(1.005, 2) // 1.01
 * @example roundHalfAway(-2.5, 0) // -3
 */
export function roundHalfAway(x: number, decimals = 0): number {
  if (!Number.isFinite(x)) return x;
  const [mantissa, exponent = '0'] = String(Math.abs(x)).split('e');
  // Shift the decimal point by editing the exponent of the shortest representation (exact), round
  // the half up on the magnitude, then shift back.
  const shifted = Number(`${mantissa}e${Number(exponent) + decimals}`);
  if (shifted >= 2 ** 52) return x; // already a whole number at this precision
  const whole = Math.floor(shifted);
  const rounded = Number(`${shifted - whole >= 0.5 ? whole + 1 : whole}e${-decimals}`);
  const r = x < 0 ? -rounded : rounded;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * `x` written with exactly `decimals` decimal places under the display rule (what `toFixed` would
 * print if it rounded the shortest decimal representation). Locale-free, no thousands separators.
 *
 * @example formatFixed(8.575, 2) // '8.58'  (toFixed gives '8.57')
 * @example formatFixed(-0.04, 1) // '0.0'
 */
export function formatFixed(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return String(x);
  return roundHalfAway(x, decimals).toFixed(Math.max(0, decimals));
}

/**
 * R's `round(x)`: to the nearest whole number, halves to the even neighbour (0.5 → 0, 1.5 → 2,
 * 2.5 → 2). For PHEindicatormethods / R parity only.
 *
 * @example roundHalfEven(2.5) // 2
 * @example roundHalfEven(3.5) // 4
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * .NET `Math.Round(x, dp, MidpointRounding.AwayFromZero)`: scale the binary value by 10^dp, round
 * half away from zero, scale back (so 8.575 → 8.57, because 8.575 × 100 = 857.4999…). For parity
 * with Fingertips' server arithmetic only (its quantile bounds); use {@link roundHalfAway} for display.
 *
 * @example roundHalfAwayDotNet(8.575, 2) // 8.57
 */
export function roundHalfAwayDotNet(x: number, dp: number): number {
  const f = Math.pow(10, dp);
  const r = Math.round(Math.abs(x) * f) / f;
  return x < 0 ? -r : r;
}

/**
 * `x` to `digits` significant digits under the display rule (what `toPrecision` would print if it
 * rounded the shortest decimal representation).
 * @example formatSignificant(0.00012345, 3) // '0.000123'
 */
export function formatSignificant(x: number, digits: number): string {
  if (!Number.isFinite(x) || x === 0) return x.toPrecision(digits);
  const exponent = Math.floor(Math.log10(Math.abs(x)));
  return roundHalfAway(x, digits - 1 - exponent).toPrecision(digits);
}
